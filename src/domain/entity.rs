//! Objects whose shape the server describes at run time: types with their properties (kinds,
//! constraints, layout hints) and their instances, in the portal's own terms. BlackBerry UEM's
//! entity definitions are such types (profiles, settings, the lists they refer to); its backend
//! maps them here, and the generic form ([`super::entity_form`]) is driven by them.
//!
//! Values are JSON ([`Values`]) in the portal's own shape: scalars as they are, a reference to
//! another object as `{"id", "name"}`, a nested repeatable part as an object of its own values.

use crate::domain::bulk::plural;
use crate::ui::table::engine::{CellKind, Column};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Property name → value.
pub type Values = Map<String, Value>;

/// What may be done with a type's objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Operations {
    pub list: bool,
    pub create: bool,
    pub update: bool,
    pub delete: bool,
    /// The server hands out a filled-in object to start a new one from.
    pub template: bool,
}

/// How the list of types is grouped, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Assigned to groups and users.
    Profiles,
    /// One object per server: a settings page.
    Settings,
    /// Lists the administrator keeps (approved and restricted apps…).
    Lists,
    /// What profiles refer to, kept by the server (read-only here).
    Reference,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Profiles,
        Category::Settings,
        Category::Lists,
        Category::Reference,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Category::Profiles => "Profiles",
            Category::Settings => "Settings",
            Category::Lists => "Lists",
            Category::Reference => "Reference data",
        }
    }
    pub fn blurb(self) -> &'static str {
        match self {
            Category::Profiles => "Assigned to groups; each type can have many profiles.",
            Category::Settings => "One set of settings per server.",
            Category::Lists => "Entries you add, change and remove.",
            Category::Reference => "What profiles refer to, kept by the server.",
        }
    }
}

/// A kind of object the server describes.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityType {
    /// The server's id of the type (opaque).
    pub id: String,
    /// What people call it (`Compliance profile`).
    pub name: String,
    pub description: String,
    pub category: Category,
    pub ops: Operations,
    /// Exactly one object exists: shown as a settings page, not a list.
    pub singleton: bool,
    /// Exists only inside another object (a repeatable part of its form).
    pub nested_only: bool,
    /// Its objects can be assigned to groups.
    pub assignable: bool,
    /// Why it cannot be used on this server (a licence it lacks), or `None`.
    pub unavailable: Option<String>,
    pub properties: Vec<Property>,
}

impl EntityType {
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// The type of the rows of the nested part `name`.
    pub fn nested_item(&self, name: &str) -> Option<Arc<EntityType>> {
        match &self.property(name)?.kind {
            PropertyKind::Nested { item, .. } => Some(item.clone()),
            _ => None,
        }
    }

    /// The values of a new object when the server has no template: each property's default.
    pub fn default_values(&self) -> Values {
        self.properties
            .iter()
            .filter_map(|p| p.default.clone().map(|v| (p.name.clone(), v)))
            .collect()
    }

    /// Objects can be listed and opened here (not nested-only, not unavailable).
    pub fn is_browsable(&self) -> bool {
        !self.nested_only && self.unavailable.is_none() && self.ops.list
    }

    /// Nothing here can be changed.
    pub fn is_read_only(&self) -> bool {
        !(self.ops.create || self.ops.update || self.ops.delete)
    }

    /// `Compliance profile` → `compliance profile`, for sentences.
    pub fn noun(&self) -> String {
        // Names that start with an acronym or a brand stay as they are (`BlackBerry …`, `iOS …`).
        let first = self.name.split(' ').next().unwrap_or_default();
        let mut c = self.name.chars();
        match c.next() {
            Some(f) if f.is_uppercase() && !first.chars().skip(1).any(char::is_uppercase) => {
                f.to_lowercase().chain(c).collect()
            }
            _ => self.name.clone(),
        }
    }

    /// The types of every reference inside this type's form (nested parts included), each once.
    pub fn reference_targets(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_targets(&mut out, 0);
        out
    }

    fn collect_targets(&self, out: &mut Vec<String>, depth: usize) {
        for p in self.properties.iter().filter(|p| p.is_editable()) {
            match &p.kind {
                PropertyKind::Reference { target } | PropertyKind::ReferenceList { target, .. }
                    if !out.contains(target) =>
                {
                    out.push(target.clone())
                }
                PropertyKind::Nested { item, .. } if depth < MAX_DEPTH => {
                    item.collect_targets(out, depth + 1)
                }
                _ => {}
            }
        }
    }
}

/// How deep nested parts may go (a guard against a type that contains itself).
pub const MAX_DEPTH: usize = 4;

/// One allowed value of a choice, or one object a reference may point to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The objects each reference may point to, by type id (an error where they could not be
/// loaded).
pub type Choices = BTreeMap<String, Result<Vec<Choice>, String>>;

/// A named pattern text must match, with a description for messages and hints.
#[derive(Clone)]
pub struct TextFormat {
    /// "a host name such as server01.example.com".
    pub description: String,
    pub check: Arc<dyn Fn(&str) -> bool + Send + Sync>,
}

impl TextFormat {
    pub fn new(
        description: impl Into<String>,
        check: impl Fn(&str) -> bool + Send + Sync + 'static,
    ) -> Self {
        TextFormat {
            description: description.into(),
            check: Arc::new(check),
        }
    }
}

impl std::fmt::Debug for TextFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TextFormat({})", self.description)
    }
}

impl PartialEq for TextFormat {
    fn eq(&self, other: &Self) -> bool {
        self.description == other.description
    }
}

/// Limits of a text (or of each item of a text list).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextRule {
    pub min_len: Option<u32>,
    pub max_len: Option<u32>,
    pub format: Option<TextFormat>,
}

/// How many items a list may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    pub min: Option<u32>,
    pub max: Option<u32>,
}

/// How a text is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextWidget {
    #[default]
    Line,
    Multiline,
    Secret,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PropertyKind {
    Text {
        rule: TextRule,
        widget: TextWidget,
    },
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Boolean,
    /// One of `options` (`radio`: few enough to show all at once).
    Choice {
        options: Vec<Choice>,
        radio: bool,
    },
    /// An ISO-8601 date and time.
    DateTime,
    /// Free texts, one per line.
    TextList {
        rule: TextRule,
        count: Count,
    },
    /// Any of `options`.
    ChoiceList {
        options: Vec<Choice>,
        count: Count,
    },
    /// An object of the type `target`.
    Reference {
        target: String,
    },
    ReferenceList {
        target: String,
        count: Count,
    },
    /// Repeatable parts of the type `item`, edited inside this form.
    Nested {
        item: Arc<EntityType>,
        count: Count,
    },
}

/// One property of a type.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    pub name: String,
    pub label: String,
    /// Help shown under the input.
    pub help: Option<String>,
    pub placeholder: Option<String>,
    /// Unit of a number (`minutes`).
    pub unit: Option<String>,
    pub kind: PropertyKind,
    pub required: bool,
    /// Set by the server: shown read-only and never sent.
    pub server_set: bool,
    /// Not shown; kept as loaded and sent back.
    pub hidden: bool,
    pub default: Option<Value>,
    /// The form section (`Password`), `None` for the main one.
    pub section: Option<String>,
    /// Shown (and checked, and sent) only while another property of the same form has this
    /// value.
    pub visible_when: Option<(String, Value)>,
}

impl Property {
    /// Typed in the form (not set by the server, not hidden).
    pub fn is_editable(&self) -> bool {
        !self.server_set && !self.hidden
    }
}

/// One object.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Its type (for a type that lists the objects of other types, theirs).
    pub type_id: String,
    /// `None` for a new object (a template).
    pub id: Option<String>,
    pub values: Values,
    /// What to call it when it has no name (the object of a single-object type: the type's
    /// name).
    pub label: Option<String>,
}

impl Entity {
    fn text(&self, key: &str) -> Option<&str> {
        self.values
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
    }
    /// Its name, else its label, else its id.
    pub fn name(&self) -> String {
        self.text("name")
            .or(self.label.as_deref())
            .or(self.id.as_deref())
            .unwrap_or_default()
            .to_string()
    }
    pub fn description(&self) -> String {
        self.text("description").unwrap_or_default().to_string()
    }
    pub fn href(&self) -> String {
        crate::routes::entity(&self.type_id, self.id.as_deref().unwrap_or_default())
    }
}

/// The columns of a list of objects.
pub fn entity_columns() -> Vec<Column<Entity>> {
    vec![
        Column::new("name", "Name", |e: &Entity| e.name()).link(Entity::href),
        Column::new("description", "Description", |e: &Entity| e.description()),
        Column::new("id", "ID", |e: &Entity| e.id.clone().unwrap_or_default())
            .kind(CellKind::Code)
            .hidden(),
    ]
}

/// A reference value: `{"id", "name"}`.
pub fn reference(id: &str, name: Option<&str>) -> Value {
    match name {
        Some(n) => json!({ "id": id, "name": n }),
        None => json!({ "id": id }),
    }
}

/// The id of a reference value.
pub fn reference_id(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

/// The name of a reference value, else its id.
fn reference_label(v: &Value) -> String {
    v.get("name")
        .and_then(Value::as_str)
        .or_else(|| reference_id(v))
        .unwrap_or_default()
        .to_string()
}

fn option_label(options: &[Choice], v: &str) -> String {
    options
        .iter()
        .find(|c| c.value == v)
        .map_or_else(|| v.to_string(), |c| c.label.clone())
}

fn joined(items: Vec<String>) -> String {
    if items.is_empty() {
        "None".into()
    } else {
        items.join(", ")
    }
}

/// A value as read-only text.
pub fn display(p: &Property, v: Option<&Value>) -> String {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return "—".into();
    };
    let items = || v.as_array().cloned().unwrap_or_default();
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match &p.kind {
        PropertyKind::Boolean => if v.as_bool() == Some(true) {
            "Yes"
        } else {
            "No"
        }
        .into(),
        PropertyKind::Choice { options, .. } => option_label(options, &text(v)),
        PropertyKind::ChoiceList { options, .. } => joined(
            items()
                .iter()
                .map(|x| option_label(options, &text(x)))
                .collect(),
        ),
        PropertyKind::TextList { .. } => joined(items().iter().map(text).collect()),
        PropertyKind::Reference { .. } => reference_label(v),
        PropertyKind::ReferenceList { .. } => joined(items().iter().map(reference_label).collect()),
        PropertyKind::Nested { .. } => plural(items().len(), "item", "items"),
        PropertyKind::DateTime => v
            .as_str()
            .and_then(crate::dates::parse_to_epoch_ms)
            .map(crate::dates::format_local_named)
            .unwrap_or_else(|| text(v)),
        PropertyKind::Integer { .. } => match &p.unit {
            Some(u) => format!("{} {u}", text(v)),
            None => text(v),
        },
        PropertyKind::Text { widget, .. } => {
            if *widget == TextWidget::Secret {
                "••••••".into()
            } else if text(v).is_empty() {
                "—".into()
            } else {
                text(v)
            }
        }
    }
}

/// A group an object can be assigned to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRef {
    pub id: String,
    pub name: String,
}

/// The groups an object is assigned to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The id the server assigns it by (may differ from the object's own id).
    pub assignee_id: String,
    pub groups: Vec<GroupRef>,
}

/// A profile assigned to a user: directly, through groups, or both (BlackBerry UEM REST API
/// overview, "Uploading certificates": "The following operation returns user profile
/// assignments").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAssignment {
    pub profile_id: String,
    pub profile: String,
    /// What kind of profile, in words (`User credential`, `SCEP`, `Compliance`).
    pub kind: String,
    /// The type whose object the profile is, where it is one (its page is then linked).
    pub type_id: Option<String>,
    pub direct: bool,
    /// The groups it comes through.
    pub groups: Vec<GroupRef>,
}

impl UserAssignment {
    /// How the user has it: `Directly`, `Through Engineering, Sales`, or both.
    pub fn how(&self) -> String {
        let through = self
            .groups
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        match (self.direct, through.is_empty()) {
            (true, true) => "Directly".to_string(),
            (true, false) => format!("Directly and through {through}"),
            (false, false) => format!("Through {through}"),
            (false, true) => String::new(),
        }
    }

    /// The profile's page, where it is an object of a type (else empty: plain text).
    pub fn href(&self) -> String {
        self.type_id
            .as_deref()
            .map(|t| crate::routes::entity(t, &self.profile_id))
            .unwrap_or_default()
    }
}

/// The columns of a user's profile assignments.
pub fn user_assignment_columns() -> Vec<Column<UserAssignment>> {
    vec![
        Column::new("profile", "Profile", |a: &UserAssignment| a.profile.clone())
            .link(UserAssignment::href),
        Column::new("kind", "Type", |a: &UserAssignment| a.kind.clone()),
        Column::new("assigned", "Assigned", UserAssignment::how),
    ]
}

/// The groups not yet in `assigned`, by name.
pub fn assignable_groups(all: &[GroupRef], assigned: &[GroupRef]) -> Vec<GroupRef> {
    let mut out: Vec<GroupRef> = all
        .iter()
        .filter(|g| !assigned.iter().any(|a| a.id.eq_ignore_ascii_case(&g.id)))
        .cloned()
        .collect();
    out.sort_by_key(|g| g.name.to_lowercase());
    out
}

/// The types of a list, grouped by category in [`Category::ALL`] order (nested-only types left
/// out: they are edited inside their parents), each group by name.
pub fn grouped(types: &[EntityType]) -> Vec<(Category, Vec<&EntityType>)> {
    Category::ALL
        .iter()
        .map(|&c| {
            let mut of: Vec<&EntityType> = types
                .iter()
                .filter(|t| t.category == c && !t.nested_only)
                .collect();
            of.sort_by_key(|t| t.name.to_lowercase());
            (c, of)
        })
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn prop(name: &str, kind: PropertyKind) -> Property {
        Property {
            name: name.into(),
            label: name.into(),
            help: None,
            placeholder: None,
            unit: None,
            kind,
            required: false,
            server_set: false,
            hidden: false,
            default: None,
            section: None,
            visible_when: None,
        }
    }

    pub fn ty(id: &str, properties: Vec<Property>) -> EntityType {
        EntityType {
            id: id.into(),
            name: id.into(),
            description: String::new(),
            category: Category::Profiles,
            ops: Operations {
                list: true,
                create: true,
                update: true,
                delete: true,
                template: true,
            },
            singleton: false,
            nested_only: false,
            assignable: false,
            unavailable: None,
            properties,
        }
    }

    fn choices(v: &[(&str, &str)]) -> Vec<Choice> {
        v.iter()
            .map(|(a, b)| Choice {
                value: (*a).into(),
                label: (*b).into(),
            })
            .collect()
    }

    #[test]
    fn display_per_kind() {
        let yes = prop("b", PropertyKind::Boolean);
        assert_eq!(display(&yes, Some(&json!(true))), "Yes");
        assert_eq!(display(&yes, None), "—");
        let c = prop(
            "c",
            PropertyKind::Choice {
                options: choices(&[("DIRECT", "Direct")]),
                radio: false,
            },
        );
        assert_eq!(display(&c, Some(&json!("DIRECT"))), "Direct");
        assert_eq!(display(&c, Some(&json!("NEW"))), "NEW");
        let r = prop(
            "r",
            PropertyKind::ReferenceList {
                target: "T".into(),
                count: Count::default(),
            },
        );
        assert_eq!(
            display(
                &r,
                Some(&json!([
                    reference("1", Some("First")),
                    reference("2", None)
                ]))
            ),
            "First, 2"
        );
        assert_eq!(display(&r, Some(&json!([]))), "None");
        let mut n = prop(
            "n",
            PropertyKind::Integer {
                min: None,
                max: None,
            },
        );
        n.unit = Some("hours".into());
        assert_eq!(display(&n, Some(&json!(24))), "24 hours");
        let d = prop("d", PropertyKind::DateTime);
        assert_eq!(
            display(&d, Some(&json!("2026-01-31T09:30:00.000Z"))),
            "2026-01-31 09:30 UTC"
        );
        let s = prop(
            "s",
            PropertyKind::Text {
                rule: TextRule::default(),
                widget: TextWidget::Secret,
            },
        );
        assert_eq!(display(&s, Some(&json!("hunter2"))), "••••••");
    }

    #[test]
    fn targets_include_nested_parts_once() {
        let route = ty(
            "Route",
            vec![prop(
                "cluster",
                PropertyKind::Reference {
                    target: "Cluster".into(),
                },
            )],
        );
        let t = ty(
            "P",
            vec![
                prop(
                    "a",
                    PropertyKind::Reference {
                        target: "Cluster".into(),
                    },
                ),
                prop(
                    "routes",
                    PropertyKind::Nested {
                        item: Arc::new(route),
                        count: Count::default(),
                    },
                ),
                prop(
                    "apps",
                    PropertyKind::ReferenceList {
                        target: "App".into(),
                        count: Count::default(),
                    },
                ),
            ],
        );
        assert_eq!(t.reference_targets(), ["Cluster", "App"]);
    }

    #[test]
    fn groups_in_category_order_without_nested_only_types() {
        let mut a = ty("a", vec![]);
        a.name = "Zeta profile".into();
        let mut b = ty("b", vec![]);
        b.name = "Alpha profile".into();
        let mut s = ty("s", vec![]);
        s.category = Category::Settings;
        let mut n = ty("n", vec![]);
        n.nested_only = true;
        let all = [s.clone(), a.clone(), b.clone(), n];
        let g = grouped(&all);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].0, Category::Profiles);
        assert_eq!(
            g[0].1.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
            ["b", "a"]
        );
        assert_eq!(g[1].0, Category::Settings);
    }

    #[test]
    fn nouns_and_names() {
        let mut t = ty("x", vec![]);
        t.name = "Compliance profile".into();
        assert_eq!(t.noun(), "compliance profile");
        t.name = "BlackBerry Dynamics profile".into();
        assert_eq!(t.noun(), "BlackBerry Dynamics profile");
        t.name = "iOS App Integrity device check key".into();
        assert_eq!(t.noun(), "iOS App Integrity device check key");
        let mut e = Entity {
            type_id: "x".into(),
            id: Some("g1".into()),
            values: Values::new(),
            label: None,
        };
        assert_eq!(e.name(), "g1");
        assert_eq!(e.href(), "/profiles/x/g1");
        e.label = Some("Samsung Knox attestation".into());
        assert_eq!(e.name(), "Samsung Knox attestation");
        e.values.insert("name".into(), json!("Named"));
        assert_eq!(e.name(), "Named");
    }

    #[test]
    fn assignable_groups_leave_out_the_assigned() {
        let g = |id: &str, n: &str| GroupRef {
            id: id.into(),
            name: n.into(),
        };
        let all = [g("1", "Sales"), g("2", "engineering"), g("3", "Executives")];
        let left = assignable_groups(&all, &[g("1", "Sales")]);
        assert_eq!(left, [g("2", "engineering"), g("3", "Executives")]);
    }
}
