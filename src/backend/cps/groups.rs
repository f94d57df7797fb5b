//! Device groups (CPS guide, "Device Group APIs"; a CPS rule is a device group on Ivanti Neurons
//! for MDM and a label on Ivanti EPMM) behind the portal's [`GroupApi`]: every group of `GET
//! /rule` walked to the end, each with its member count from `GET /device/count?ruleId=`, one
//! group by `GET /rule/{id}`, its members walked through `GET /device?ruleId=`, and its
//! `definition` put in words ([`explain`]).

use super::devices::CpsDevices;
use crate::backend::devices::Progress;
use crate::backend::groups::{GroupApi, GroupCaps};
use crate::backend::ApiError;
use crate::domain::device::Device;
use crate::domain::group::{Group, GroupFields, GroupKind};
use std::sync::Arc;
use wire::cps;

/// CPS groups: a numeric id, a name, a description and a definition (CPS guide, "Rules").
pub const CAPS: GroupCaps = GroupCaps {
    fields: GroupFields {
        counts: true,
        definition: Some("Definition"),
        kinds: true,
        system: false,
        numbers: false,
        profiles: false,
        members: true,
    },
    one: "device group",
    many: "device groups",
    members_caption: "Devices in device group",
    ids_are_names: false,
    // "Search device groups by device group name".
    name_search: true,
    members_are_users: false,
};

/// CPS's device groups.
pub struct CpsGroups {
    devices: Arc<CpsDevices>,
}

impl CpsGroups {
    pub fn new(devices: Arc<CpsDevices>) -> Self {
        CpsGroups { devices }
    }

    async fn member_count(&self, id: &str) -> Result<usize, ApiError> {
        self.devices.count(&[("ruleId", id)]).await
    }

    /// The rules whose name starts with `prefix` (every rule for a blank one: the guide's blank
    /// `name` would return none), each with its member count (one count call per rule, paced).
    async fn with_counts(&self, prefix: &str) -> Result<Arc<Vec<Group>>, ApiError> {
        let rules = self.devices.rules(prefix.trim()).await?;
        let mut out = Vec::with_capacity(rules.len());
        for r in rules {
            let n = match r.id {
                Some(id) => Some(self.member_count(&id.to_string()).await?),
                None => None,
            };
            out.push(map_group(r, n));
        }
        Ok(Arc::new(out))
    }
}

/// A CPS rule as a group. A rule with a definition gets its members by it; "Some rules have no
/// definition, for example 'All Devices'" (CPS guide, "Rules"), so a rule without one is of no
/// known kind.
pub fn map_group(r: cps::Rule, member_count: Option<usize>) -> Group {
    let text = |v: Option<String>| v.map(|s| s.trim().to_string()).unwrap_or_default();
    let definition = text(r.definition);
    Group {
        id: r.id.map(|i| i.to_string()).unwrap_or_default(),
        name: text(r.name),
        description: text(r.description),
        kind: (!definition.is_empty()).then_some(GroupKind::Dynamic),
        definition,
        member_count: member_count.map(|n| i64::try_from(n).unwrap_or(i64::MAX)),
        system: false,
        number: None,
        profiles: Vec::new(),
    }
}

#[async_trait::async_trait(?Send)]
impl GroupApi for CpsGroups {
    fn caps(&self) -> &GroupCaps {
        &CAPS
    }

    /// Every rule (`GET /rule`), with its member count.
    async fn list(&self) -> Result<Arc<Vec<Group>>, ApiError> {
        self.with_counts("").await
    }

    /// `GET /rule?name=` ("Search device groups by device group name": the name's start, "Not
    /// context sensitive"), walked to the end, with member counts.
    async fn search(&self, prefix: &str) -> Result<Arc<Vec<Group>>, ApiError> {
        self.with_counts(prefix).await
    }

    async fn get(&self, id: &str) -> Result<Group, ApiError> {
        let not_found = || ApiError::not_found(format!("There is no device group with id {id}."));
        // Ids are whole numbers (CPS guide, "Get device group by id").
        if id.trim().parse::<i64>().is_err() {
            return Err(not_found());
        }
        let rule: cps::Rule = self
            .devices
            .api()
            .get(&format!("/rule/{}", id.trim()))
            .await
            .map_err(|e| if e.is_not_found() { not_found() } else { e })?;
        if rule.id.is_none() && rule.name.is_none() {
            return Err(not_found());
        }
        let n = self.member_count(id.trim()).await?;
        Ok(map_group(rule, Some(n)))
    }

    async fn members(
        &self,
        id: &str,
        progress: &dyn Progress<Device>,
    ) -> Result<Arc<Vec<Device>>, ApiError> {
        self.devices
            .search(&[("ruleId", id.trim())], progress)
            .await
    }

    fn explain(&self, definition: &str) -> Option<String> {
        explain(definition)
    }
}

/// One condition of a rule definition: `FIELD OP 'value'` (CPS guide, "Rules").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// As written (`PLATFORMTYPE`, `CFDEVICE[nacCompliant]`).
    pub field: String,
    /// `EQ`, `NEQ` or `STARTS_WITH`, in upper case.
    pub op: String,
    pub value: String,
}

impl Condition {
    /// The same condition, field and operator compared without regard to case.
    fn same(&self, other: &Condition) -> bool {
        self.field.eq_ignore_ascii_case(&other.field)
            && self.op == other.op
            && self.value == other.value
    }

    fn words(&self) -> Option<String> {
        let op = match self.op.as_str() {
            "EQ" => "is",
            "NEQ" => "is not",
            "STARTS_WITH" => "starts with",
            _ => return None,
        };
        let field = &self.field;
        let plain =
            |f: &str| !f.is_empty() && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let field = match field
            .strip_prefix("CFDEVICE[")
            .and_then(|f| f.strip_suffix(']'))
        {
            Some(attr) => format!("custom attribute {attr}"),
            None if plain(field) => field.replace('_', " ").to_lowercase(),
            None => return None,
        };
        Some(format!("{field} {op} “{}”", self.value))
    }
}

/// A rule definition's conditions (CPS guide, "Rules": `PLATFORMTYPE EQ 'IOS' AND MODEL
/// STARTS_WITH 'AppleTV'`): conditions `FIELD OP 'value'` (operators EQ, NEQ, STARTS_WITH) joined
/// by AND, as the guide's examples are. Anything else (another operator, unbalanced quotes) is
/// `None`. A stray closing parenthesis at the end (the guide's own AppleTV example has one) is
/// ignored.
pub fn conditions(definition: &str) -> Option<Vec<Condition>> {
    let mut rest = definition.trim();
    if !rest.contains('(') {
        rest = rest.strip_suffix(')').unwrap_or(rest).trim_end();
    }
    if rest.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    loop {
        let (field, after) = rest.split_once(char::is_whitespace)?;
        let after = after.trim_start();
        let (op, after) = after.split_once(char::is_whitespace)?;
        let op = op.to_ascii_uppercase();
        if !matches!(op.as_str(), "EQ" | "NEQ" | "STARTS_WITH") {
            return None;
        }
        let after = after.trim_start().strip_prefix('\'')?;
        let (value, after) = after.split_once('\'')?;
        out.push(Condition {
            field: field.to_string(),
            op,
            value: value.to_string(),
        });
        let after = after.trim_start();
        if after.is_empty() {
            break;
        }
        let (and, next) = after.split_once(char::is_whitespace)?;
        if !and.eq_ignore_ascii_case("AND") {
            return None;
        }
        rest = next.trim_start();
    }
    Some(out)
}

/// A rule definition in words (`PLATFORMTYPE EQ 'IOS' AND MODEL STARTS_WITH 'AppleTV'` →
/// `Platformtype is “IOS” and model starts with “AppleTV”`), where [`conditions`] can read it;
/// `None` shows it as it is.
pub fn explain(definition: &str) -> Option<String> {
    let parts = conditions(definition)?
        .iter()
        .map(Condition::words)
        .collect::<Option<Vec<_>>>()?;
    let mut s = parts.join(" and ");
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    Some(s)
}

/// The rule `i` is part of, by the definitions alone: the rule with the most conditions that
/// are all among rule `i`'s (and fewer of them). Every member of `i` meets those conditions, so
/// is a member of that rule, as the guide's "Example device groups API scenario" takes "Android
/// Enterprise Devices" (`PLATFORMTYPE EQ 'ANDROID' AND ANDROIDWORKENABLED EQ 'true'`) to be part
/// of "Android Devices" (`PLATFORMTYPE EQ 'ANDROID'`). Rules without a readable definition
/// (hand-assigned ones) are part of none and contain none.
pub fn within(definitions: &[Option<Vec<Condition>>], i: usize) -> Option<usize> {
    let mine = definitions.get(i)?.as_ref()?;
    definitions
        .iter()
        .enumerate()
        .filter_map(|(j, d)| Some((j, d.as_ref()?)))
        .filter(|(j, theirs)| {
            *j != i
                && !theirs.is_empty()
                && theirs.len() < mine.len()
                && theirs.iter().all(|c| mine.iter().any(|m| m.same(c)))
        })
        // The most conditions; the first of equals.
        .fold(
            None,
            |best: Option<(usize, usize)>, (j, theirs)| match best {
                Some((_, n)) if n >= theirs.len() => best,
                _ => Some((j, theirs.len())),
            },
        )
        .map(|(j, _)| j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_example_definitions_in_words() {
        // CPS guide, "Rules": the definitions of its examples.
        assert_eq!(
            explain("PLATFORMTYPE EQ 'IOS'").as_deref(),
            Some("Platformtype is “IOS”")
        );
        assert_eq!(
            explain("CFDEVICE[nacCompliant] EQ 'false'").as_deref(),
            Some("Custom attribute nacCompliant is “false”")
        );
        assert_eq!(
            explain("CURRENTMCC NEQ 'test#'").as_deref(),
            Some("Currentmcc is not “test#”")
        );
        assert_eq!(
            explain("DISPLAYNAME EQ 'jk Sandbox User'").as_deref(),
            Some("Displayname is “jk Sandbox User”")
        );
        assert_eq!(
            explain("PLATFORMTYPE EQ 'ANDROID' AND ANDROIDWORKENABLED EQ 'true'").as_deref(),
            Some("Platformtype is “ANDROID” and androidworkenabled is “true”")
        );
        // The guide's example with a stray parenthesis.
        assert_eq!(
            explain("PLATFORMTYPE EQ 'IOS' AND MODEL STARTS_WITH 'AppleTV')").as_deref(),
            Some("Platformtype is “IOS” and model starts with “AppleTV”")
        );
        // What it cannot read is left as it is.
        assert_eq!(explain(""), None);
        assert_eq!(explain("PLATFORMTYPE GT '3'"), None);
        assert_eq!(explain("PLATFORMTYPE EQ 'IOS"), None);
        assert_eq!(explain("PLATFORMTYPE EQ 'IOS' OR MODEL EQ 'x'"), None);
        assert_eq!(explain("(A EQ 'b')"), None);
    }

    #[test]
    fn example_device_groups_api_scenario_a_group_within_another() {
        // CPS guide, "Example device groups API scenario": Android Enterprise devices (38002)
        // among the Android devices (38001).
        let defs: Vec<Option<Vec<Condition>>> = [
            "PLATFORMTYPE EQ 'ANDROID'",
            "PLATFORMTYPE EQ 'ANDROID' AND ANDROIDWORKENABLED EQ 'true'",
            "",
            "STATUS NEQ 'RETIRED'",
            "platformtype eq 'ANDROID' AND STATUS NEQ 'RETIRED'",
            "PLATFORMTYPE EQ 'android'",
        ]
        .iter()
        .map(|d| conditions(d))
        .collect();
        assert_eq!(within(&defs, 1), Some(0));
        // Nothing is within itself, nor within a group with as many conditions.
        assert_eq!(within(&defs, 0), None);
        // The closest of several: both 0 and 3 hold 4's conditions in part; 3 and 0 have one
        // each, the first of them wins.
        assert_eq!(within(&defs, 4), Some(0));
        // Values are compared as written; a group without a definition is within none.
        assert_eq!(within(&defs, 5), None);
        assert_eq!(within(&defs, 2), None);
        assert_eq!(within(&defs, 9), None);
    }

    #[test]
    fn rules_map_to_groups_and_all_devices_has_no_definition() {
        let r: cps::Rule = serde_json::from_str(
            r#"{"id": 38002, "name": "Android Enterprise Devices", "description": "AE",
                "definition": "PLATFORMTYPE EQ 'ANDROID' AND ANDROIDWORKENABLED EQ 'true'"}"#,
        )
        .unwrap();
        let g = map_group(r, Some(12));
        assert_eq!(
            (g.id.as_str(), g.name.as_str(), g.member_count),
            ("38002", "Android Enterprise Devices", Some(12))
        );
        assert_eq!(g.kind, Some(GroupKind::Dynamic));
        let all = map_group(
            serde_json::from_str(r#"{"id": 1, "name": "All Devices"}"#).unwrap(),
            None,
        );
        assert_eq!((all.kind, all.definition.as_str()), (None, ""));
        assert_eq!(CAPS.one, "device group");
        const { assert!(!CAPS.ids_are_names && CAPS.name_search) };
    }
}
