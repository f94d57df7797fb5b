//! Policies (EPMM V1 `/policies`, EPMM V1 API guide, "Policies") behind the portal's
//! [`PolicyApi`]: the list, a device's policies, applying a policy to a label or removing it, and
//! the mapping, whose rules are rendered through EPMM's rule catalogue ([`super::policy_rules`]).

use super::policy_rules::{profile_name, rule_sections};
use super::EpmmCalls;
use crate::backend::http::Body;
use crate::backend::policies::{PolicyApi, PolicyCaps};
use crate::backend::{ApiClient, ApiError};
use crate::domain::group::GroupRef;
use crate::domain::policy::{title_case, Policy};
use crate::url::query_string;
use gloo_net::http::Method;
use std::collections::HashMap;
use std::sync::Arc;
use wire::v1;

const CAPS: PolicyCaps = PolicyCaps {
    profiles: super::policy_rules::PROFILES,
    assign: true,
    unassign: true,
};

/// EPMM's policies.
pub struct EpmmPolicies {
    api: ApiClient,
}

impl EpmmPolicies {
    pub fn new(api: ApiClient) -> Self {
        EpmmPolicies { api }
    }
}

#[async_trait::async_trait(?Send)]
impl PolicyApi for EpmmPolicies {
    fn caps(&self) -> &PolicyCaps {
        &CAPS
    }

    async fn list(&self) -> Result<Arc<Vec<Policy>>, ApiError> {
        list(&self.api).await
    }

    async fn get(&self, id: &str) -> Result<Policy, ApiError> {
        // V1 has no single-policy call: the policy is picked from the list. Its ids are numbers.
        let missing = || ApiError::not_found(format!("There is no policy with id {id}."));
        let want = id.trim().parse::<i64>().map_err(|_| missing())?.to_string();
        let all = list(&self.api).await?;
        all.iter()
            .find(|p| p.id == want)
            .cloned()
            .ok_or_else(missing)
    }

    async fn for_device(&self, device_id: &str) -> Result<Arc<Vec<Policy>>, ApiError> {
        for_device(&self.api, device_id).await
    }

    async fn assign(
        &self,
        policy_id: &str,
        group_id: &str,
        apply: bool,
    ) -> Result<String, ApiError> {
        let id = policy_id
            .trim()
            .parse::<i64>()
            .map_err(|_| ApiError::not_found(format!("There is no policy with id {policy_id}.")))?;
        set_label(&self.api, id, group_id, apply).await
    }
}

/// Every policy (`GET /api/v1/policies`, EPMM V1 API guide, "Get Policies"; 404 = none).
pub async fn list(api: &ApiClient) -> Result<Arc<Vec<Policy>>, ApiError> {
    let r: v1::PolicyListResponse = api.get_list("/v1/policies").await?;
    map_all(api, r).await
}

/// The policies applied to one device (`GET /api/v1/policies/devices/{uuid}`, EPMM V1 API guide,
/// "Get Policies by DeviceUUID"). Device and pending counts are not applicable there (always 0).
pub async fn for_device(api: &ApiClient, device_uuid: &str) -> Result<Arc<Vec<Policy>>, ApiError> {
    let path = format!(
        "/v1/policies/devices/{}",
        v1::encode_segment(device_uuid.trim())
    );
    let r: v1::PolicyListResponse = api.get_list(&path).await?;
    map_all(api, r).await
}

/// Applies a policy to a label or removes it (`PUT /api/v1/policies/{id}?action=&label=`, EPMM V1
/// API guide, "Apply/Remove policy for a label."); answers the server's message (`Policy applied
/// to label Android successfully.`).
pub async fn set_label(
    api: &ApiClient,
    policy_id: i64,
    label: &str,
    apply: bool,
) -> Result<String, ApiError> {
    let action = if apply {
        v1::PolicyLabelAction::ApplyLabel
    } else {
        v1::PolicyLabelAction::RemoveLabel
    };
    let (path, query) = action.request(policy_id, label);
    let url = format!(
        "{path}?{}",
        query_string(query.iter().map(|(k, v)| (*k, v.as_str())))
    );
    let r: v1::PolicyLabelResponse = api.send_json(Method::PUT, &url, Body::None).await?;
    Ok(r.messages.joined())
}

async fn map_all(api: &ApiClient, r: v1::PolicyListResponse) -> Result<Arc<Vec<Policy>>, ApiError> {
    // Label names come with the ids; when a server sends only ids, resolve them once.
    let needs_names = r
        .policies
        .items
        .iter()
        .any(|p| p.label_names.len() < p.labels.len());
    let names: HashMap<i64, String> = if needs_names {
        super::labels::list(api)
            .await
            .map(|ls| {
                ls.iter()
                    .filter_map(|l| Some((l.number?, l.name.clone())))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        HashMap::new()
    };
    Ok(Arc::new(
        r.policies
            .items
            .into_iter()
            .map(|p| map_policy(p, &names))
            .collect(),
    ))
}

/// The labels a policy or an app setting is assigned to, as groups (a label's id is its name):
/// the names sent with the ids (one per id, in order), else each id's name from `names`, else
/// `Label {id}`.
pub fn label_refs(ids: &[i64], sent: &[String], names: &HashMap<i64, String>) -> Vec<GroupRef> {
    let named = sent.iter().map(|n| GroupRef::named(n.trim()));
    if sent.len() >= ids.len() {
        return named.collect();
    }
    named
        .chain(ids[sent.len()..].iter().map(|id| match names.get(id) {
            Some(n) => GroupRef::named(n),
            None => GroupRef::named(&format!("Label {id}")),
        }))
        .collect()
}

/// Maps a V1 policy; `names` resolves label ids the server sent without names.
pub fn map_policy(w: v1::Policy, names: &HashMap<i64, String>) -> Policy {
    let groups = label_refs(&w.labels, &w.label_names, names);
    let active = w.active || w.status.trim().eq_ignore_ascii_case("active");
    let profile = w.profile();
    let rules = rule_sections(&w.rules.items, profile);
    Policy {
        id: w.id.to_string(),
        name: w.policy_name.trim().to_string(),
        description: w.description.trim().to_string(),
        profile_key: profile.map_or_else(
            || w.profile_type.trim().to_string(),
            |p| p.as_str().to_string(),
        ),
        profile_label: profile_name(&w.profile_type),
        policy_type: title_case(&w.policy_type),
        active,
        priority: w.priority,
        device_count: w.device_count,
        pending_count: w.pending_count,
        groups,
        rules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::group::group_names;
    use serde_json::json;

    #[test]
    fn maps_the_guide_example_get_policies() {
        // EPMM V1 API guide, "Get Policies": the example policy.
        let w: v1::Policy = serde_json::from_value(json!({
            "id": -2, "policyName": "Default Privacy Policy", "policyType": "DEFAULT",
            "profileType": "PRIVACY", "status": "Active", "active": true, "defaultPolicy": false,
            "description": "Default Privacy Policy", "deviceCount": 1, "pendingCount": 1, "priority": 1,
            "rules": {"rule": [{"type": "PRIVACY_SYNC_CALLLOGS", "value": "store", "clientValue": "off"},
                               {"type": "SYNC_MULTITASK_INVERVAL", "value": "15"}]},
            "labels": [-1, 4]
        }))
        .unwrap();
        let names: HashMap<i64, String> = [(-1, "All-Smartphones".to_string())].into();
        let p = map_policy(w, &names);
        assert_eq!(p.id, "-2");
        assert_eq!(
            (p.profile_key.as_str(), p.profile_label.as_str()),
            ("PRIVACY", "Privacy")
        );
        assert_eq!(p.policy_type, "Default");
        assert_eq!(p.status_label(), "Active");
        assert_eq!(p.group_names(), "All-Smartphones, Label 4");
        assert_eq!(p.groups[0].id, "All-Smartphones");
        // The rules come rendered, the policy's own section first.
        assert_eq!(p.rule_count(), 2);
        assert_eq!(p.rules[0].title, "Privacy rules");
        assert_eq!(p.rules[0].rules[0].value, "Synced");
        assert_eq!(p.rules[1].rules[0].code, "SYNC_MULTITASK_INTERVAL");
    }

    #[test]
    fn names_sent_with_ids_are_used_as_is() {
        let w: v1::Policy = serde_json::from_value(json!({
            "id": 3, "policyName": " Exec ", "status": "Inactive", "active": false,
            "labels": 2, "labelNames": "Executives", "profileType": "FUTURE_KIND"
        }))
        .unwrap();
        let p = map_policy(w, &HashMap::new());
        assert_eq!(p.name, "Exec");
        assert!(!p.active);
        assert_eq!(p.groups, [GroupRef::named("Executives")]);
        // A profile type the guide does not list is kept, readable.
        assert_eq!(
            (p.profile_key.as_str(), p.profile_label.as_str()),
            ("FUTURE_KIND", "Future kind")
        );
        assert!(p.rules.is_empty());
    }

    #[test]
    fn label_ids_without_names_are_resolved_or_named_by_id() {
        let names: HashMap<i64, String> = [(7, "Sales".to_string())].into();
        let refs = |ids: &[i64], sent: &[&str]| {
            let sent: Vec<String> = sent.iter().map(|s| s.to_string()).collect();
            group_names(&label_refs(ids, &sent, &names))
        };
        assert_eq!(refs(&[-3, 7], &[" iOS", "Sales"]), "iOS, Sales");
        assert_eq!(refs(&[-3, 7, 9], &["iOS"]), "iOS, Sales, Label 9");
        assert_eq!(refs(&[], &[]), "");
    }

    #[test]
    fn the_profile_filter_is_the_guides_four_types() {
        // EPMM V1 API guide, "Get Policies": `profileType` is PRIVACY, SECURITY, LOCKDOWN or SYNC;
        // the filter lists them in the rule catalogue's order.
        assert_eq!(CAPS.profiles.len(), v1::PolicyProfileType::ALL.len());
        for p in v1::PolicyProfileType::ALL {
            assert_eq!(
                CAPS.profiles.find(&p.as_str().to_lowercase()).map(|x| x.0),
                Some(p.as_str())
            );
        }
        assert_eq!(CAPS.profiles.0[0], ("SECURITY", "Security"));
    }
}
