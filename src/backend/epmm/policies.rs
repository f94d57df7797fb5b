//! Policies (EPMM V1 `/policies`, L6310-6587), mapped into [`crate::domain::policy`].

use super::EpmmCalls;
use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::policy::{title_case, LabelRef, Policy, PolicyProfile, PolicyRule};
use crate::url::query_string;
use gloo_net::http::Method;
use std::collections::HashMap;
use std::sync::Arc;
use wire::v1;

/// Every policy (`GET /api/v1/policies`; 404 = none).
pub async fn list(api: &ApiClient) -> Result<Arc<Vec<Policy>>, ApiError> {
    let r: v1::PolicyListResponse = api.get_list("/v1/policies").await?;
    map_all(api, r).await
}

/// The policies applied to one device (`GET /api/v1/policies/devices/{uuid}`). Device and
/// pending counts are not applicable there (always 0, L6497-6501).
pub async fn for_device(api: &ApiClient, device_uuid: &str) -> Result<Arc<Vec<Policy>>, ApiError> {
    let path = format!(
        "/v1/policies/devices/{}",
        v1::encode_segment(device_uuid.trim())
    );
    let r: v1::PolicyListResponse = api.get_list(&path).await?;
    map_all(api, r).await
}

/// Applies a policy to a label or removes it (`PUT /api/v1/policies/{id}?action=&label=`);
/// answers the server's message (`Policy applied to label Android successfully.`).
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
            .map(|ls| ls.iter().map(|l| (l.id, l.name.clone())).collect())
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

/// Maps a V1 policy; `names` resolves label ids the server sent without names.
pub fn map_policy(w: v1::Policy, names: &HashMap<i64, String>) -> Policy {
    let labels = if w.label_names.len() >= w.labels.len() && !w.label_names.is_empty() {
        w.label_names
            .iter()
            .enumerate()
            .map(|(i, n)| LabelRef {
                id: w.labels.get(i).copied(),
                name: n.trim().to_string(),
            })
            .collect()
    } else {
        w.labels
            .iter()
            .map(|id| LabelRef {
                id: Some(*id),
                name: names
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| format!("Label {id}")),
            })
            .collect()
    };
    let active = w.active || w.status.trim().eq_ignore_ascii_case("active");
    Policy {
        id: w.id,
        name: w.policy_name.trim().to_string(),
        description: w.description.trim().to_string(),
        policy_type: title_case(&w.policy_type),
        profile: PolicyProfile::parse(&w.profile_type),
        profile_text: w.profile_type.clone(),
        active,
        priority: w.priority,
        device_count: w.device_count,
        pending_count: w.pending_count,
        labels,
        rules: w
            .rules
            .items
            .into_iter()
            .map(|r| PolicyRule {
                rule_type: r.canonical_type().to_string(),
                value: r.value,
                resources: r
                    .resource_dtos
                    .into_iter()
                    .map(|d| (d.name, d.resource_type, d.value))
                    .collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_the_guide_example_l6334_6425() {
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
        assert_eq!(p.profile, Some(PolicyProfile::Privacy));
        assert_eq!(p.policy_type, "Default");
        assert_eq!(p.status_label(), "Active");
        assert_eq!(p.label_names(), "All-Smartphones, Label 4");
        assert_eq!(p.rules[1].rule_type, "SYNC_MULTITASK_INTERVAL");
    }

    #[test]
    fn names_sent_with_ids_are_used_as_is() {
        let w: v1::Policy = serde_json::from_value(json!({
            "id": 3, "policyName": " Exec ", "status": "Inactive", "active": false,
            "labels": 2, "labelNames": "Executives"
        }))
        .unwrap();
        let p = map_policy(w, &HashMap::new());
        assert_eq!(p.name, "Exec");
        assert!(!p.active);
        assert_eq!(
            p.labels[0],
            LabelRef {
                id: Some(2),
                name: "Executives".into()
            }
        );
    }
}
