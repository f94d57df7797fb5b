//! Policies: what a server pushes to the devices of the groups a policy is assigned to, with its
//! rules shown readable, grouped under headings. Each server fills the headings, names and
//! values from its own rule catalogue.

use super::group::{group_names, GroupRef};
use crate::ui::table::engine::{CellKind, Column, SortKey};

/// One rule, readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleView {
    /// The server's code for the rule (`SECURITY_REQUIRE_PWD`).
    pub code: String,
    pub name: String,
    pub value: String,
    /// The server documents the rule as having no effect.
    pub deprecated: bool,
    /// A heading inside a long section (`Password`, `Compliance checks`…).
    pub group: Option<String>,
}

/// Rules under one heading (`Security rules`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSection {
    pub title: String,
    pub rules: Vec<RuleView>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Opaque; what the routes and the server calls use.
    pub id: String,
    pub name: String,
    pub description: String,
    /// What the policy governs, as the server's filter key (`SECURITY`) and in words.
    pub profile_key: String,
    pub profile_label: String,
    /// How the server classes it, in words (`Default`, `Enterprise`).
    pub policy_type: String,
    pub active: bool,
    pub priority: i64,
    pub device_count: i64,
    pub pending_count: i64,
    /// The groups the policy is assigned to.
    pub groups: Vec<GroupRef>,
    /// Its rules, readable, in the order to show them.
    pub rules: Vec<RuleSection>,
}

impl Policy {
    pub fn status_label(&self) -> &'static str {
        if self.active {
            "Active"
        } else {
            "Inactive"
        }
    }
    pub fn group_names(&self) -> String {
        group_names(&self.groups)
    }
    pub fn has_group(&self, id: &str) -> bool {
        self.groups.iter().any(|g| g.id == id)
    }
    pub fn rule_count(&self) -> usize {
        self.rules.iter().map(|s| s.rules.len()).sum()
    }
}

/// `DEFAULT` → `Default`, `SOME_THING` → `Some thing`.
pub fn title_case(s: &str) -> String {
    let t = s.trim().replace('_', " ").to_lowercase();
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

pub fn policy_href(p: &Policy) -> String {
    crate::routes::policy(&p.id)
}

/// The policies list's columns; `groups` titles the column of assigned groups (`Labels`).
pub fn policy_columns(groups: &'static str) -> Vec<Column<Policy>> {
    vec![
        Column::new("name", "Name", |p: &Policy| p.name.clone()).link(policy_href),
        Column::new("profile", "Profile type", |p: &Policy| {
            p.profile_label.clone()
        }),
        Column::new("type", "Policy type", |p: &Policy| p.policy_type.clone()),
        Column::new("status", "Status", |p: &Policy| {
            p.status_label().to_string()
        })
        .kind(CellKind::Badge),
        Column::new("priority", "Priority", |p: &Policy| p.priority.to_string())
            .sort_by(|p: &Policy| SortKey::Int(p.priority))
            .kind(CellKind::Number),
        Column::new("labels", groups, Policy::group_names),
        Column::new("devices", "Devices", |p: &Policy| {
            p.device_count.to_string()
        })
        .sort_by(|p: &Policy| SortKey::Int(p.device_count))
        .kind(CellKind::Number),
        Column::new("pending", "Pending", |p: &Policy| {
            p.pending_count.to_string()
        })
        .sort_by(|p: &Policy| SortKey::Int(p.pending_count))
        .kind(CellKind::Number),
        Column::new("rules", "Rules", |p: &Policy| p.rule_count().to_string())
            .sort_by(|p: &Policy| SortKey::Int(p.rule_count() as i64))
            .kind(CellKind::Number)
            .hidden(),
        Column::new("description", "Description", |p: &Policy| {
            p.description.clone()
        })
        .hidden(),
        Column::new("id", "ID", |p: &Policy| p.id.clone())
            .sort_by(|p: &Policy| match p.id.parse::<i64>() {
                Ok(n) => SortKey::Int(n),
                Err(_) => SortKey::text(&p.id),
            })
            .kind(CellKind::Number)
            .hidden(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(code: &str) -> RuleView {
        RuleView {
            code: code.into(),
            name: code.into(),
            value: String::new(),
            deprecated: false,
            group: None,
        }
    }

    #[test]
    fn policy_groups_rules_and_columns() {
        let p = Policy {
            id: "-2".into(),
            name: "Default Privacy Policy".into(),
            description: String::new(),
            profile_key: "PRIVACY".into(),
            profile_label: "Privacy".into(),
            policy_type: "Default".into(),
            active: true,
            priority: 1,
            device_count: 3,
            pending_count: 1,
            groups: vec![
                GroupRef::named("All-Smartphones"),
                GroupRef::named("Pilot Group"),
            ],
            rules: vec![
                RuleSection {
                    title: "Privacy rules".into(),
                    rules: vec![view("A"), view("B")],
                },
                RuleSection {
                    title: "Other rules".into(),
                    rules: vec![view("C")],
                },
            ],
        };
        assert_eq!(p.group_names(), "All-Smartphones, Pilot Group");
        assert_eq!(policy_href(&p), "/policies/-2");
        assert!(p.has_group("Pilot Group") && !p.has_group("Sales"));
        assert_eq!(p.rule_count(), 3);
        assert_eq!(title_case("ENTERPRISE"), "Enterprise");
        assert_eq!(title_case(" SOME_THING "), "Some thing");
        let cols = policy_columns("Labels");
        let visible: Vec<_> = cols
            .iter()
            .filter(|c| c.default_visible)
            .map(|c| c.title)
            .collect();
        assert_eq!(
            visible,
            [
                "Name",
                "Profile type",
                "Policy type",
                "Status",
                "Priority",
                "Labels",
                "Devices",
                "Pending"
            ]
        );
        let id = cols.iter().find(|c| c.id == "id").unwrap();
        // Numeric ids sort as numbers (-2 before 10), opaque ones as text.
        assert!(
            id.key_of(&p)
                < id.key_of(&Policy {
                    id: "10".into(),
                    ..p.clone()
                })
        );
        assert_eq!(
            id.key_of(&Policy {
                id: "g-1".into(),
                ..p
            }),
            SortKey::text("g-1")
        );
    }
}
