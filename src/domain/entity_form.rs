//! The generic form of an [`EntityType`]: what is typed (inputs per property, nested parts as
//! rows), which properties show (a property may show only while another has a value), the checks
//! of each property's constraints before anything is sent, and the values to send. System and
//! other server-set properties are shown read-only and never sent; hidden ones go back as they
//! were loaded. The widgets are in `ui::entity_form`.

use super::bulk::plural;
use super::entity::{
    reference, reference_id, Count, EntityType, Property, PropertyKind, TextRule, TextWidget,
    Values, MAX_DEPTH,
};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// What is typed for one property.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Texts, numbers (as typed), dates, a choice's value, a reference's id, a text list (one
    /// item per line); empty for none.
    Text(String),
    Bool(bool),
    /// The values of a choice list, the ids of a reference list.
    Many(Vec<String>),
    /// The rows of a nested part.
    Rows(Vec<Form>),
}

/// The inputs of one form (or of one row of a nested part), with the values it was loaded from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Form {
    inputs: BTreeMap<String, Input>,
    loaded: Values,
}

/// Property path (`name`, `allowedDomains[0].domainName`) → message.
pub type FieldErrors = BTreeMap<String, String>;

/// Where a row sits: the nested parts and row indexes that lead to it (empty: the form itself).
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Path(Vec<(String, usize)>);

impl Path {
    /// Row `index` of the nested part `list` under this path.
    pub fn row(&self, list: &str, index: usize) -> Path {
        let mut p = self.0.clone();
        p.push((list.to_string(), index));
        Path(p)
    }

    /// The path of property `name` here: `allowedDomains[0].domainName`.
    pub fn field(&self, name: &str) -> String {
        let mut s: String = self.0.iter().map(|(l, i)| format!("{l}[{i}].")).collect();
        s.push_str(name);
        s
    }

    /// An HTML id for property `name` here.
    pub fn dom_id(&self, name: &str) -> String {
        let f = self.field(name);
        let clean: String = f
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("f-{clean}")
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn strings(v: Option<&Value>, each: impl Fn(&Value) -> Option<String>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(each).collect())
        .unwrap_or_default()
}

impl Form {
    /// The form of an object of `ty` holding `values`.
    pub fn new(ty: &EntityType, values: &Values) -> Form {
        Self::at_depth(ty, values, 0)
    }

    fn at_depth(ty: &EntityType, values: &Values, depth: usize) -> Form {
        let mut inputs = BTreeMap::new();
        for p in ty.properties.iter().filter(|p| p.is_editable()) {
            let v = values.get(&p.name);
            let input = match &p.kind {
                PropertyKind::Boolean => Input::Bool(v.and_then(Value::as_bool).unwrap_or(false)),
                PropertyKind::ChoiceList { .. } => {
                    Input::Many(strings(v, |x| x.as_str().map(String::from)))
                }
                PropertyKind::ReferenceList { .. } => {
                    Input::Many(strings(v, |x| reference_id(x).map(String::from)))
                }
                PropertyKind::Reference { .. } => {
                    Input::Text(v.and_then(reference_id).unwrap_or_default().to_string())
                }
                PropertyKind::TextList { .. } => {
                    Input::Text(strings(v, |x| Some(text_of(x))).join("\n"))
                }
                PropertyKind::Nested { item, .. } => Input::Rows(if depth < MAX_DEPTH {
                    v.and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .map(|row| {
                            let empty = Values::new();
                            Form::at_depth(item, row.as_object().unwrap_or(&empty), depth + 1)
                        })
                        .collect()
                } else {
                    Vec::new()
                }),
                PropertyKind::Text { .. }
                | PropertyKind::Integer { .. }
                | PropertyKind::Choice { .. }
                | PropertyKind::DateTime => Input::Text(v.map(text_of).unwrap_or_default()),
            };
            inputs.insert(p.name.clone(), input);
        }
        Form {
            inputs,
            loaded: values.clone(),
        }
    }

    /// The row at `path` (the form itself for the empty path).
    pub fn at(&self, path: &Path) -> Option<&Form> {
        path.0
            .iter()
            .try_fold(self, |f, (list, i)| match f.inputs.get(list) {
                Some(Input::Rows(rows)) => rows.get(*i),
                _ => None,
            })
    }

    pub fn at_mut(&mut self, path: &Path) -> Option<&mut Form> {
        path.0
            .iter()
            .try_fold(self, |f, (list, i)| match f.inputs.get_mut(list) {
                Some(Input::Rows(rows)) => rows.get_mut(*i),
                _ => None,
            })
    }

    /// The value the object was loaded with.
    pub fn loaded(&self, name: &str) -> Option<&Value> {
        self.loaded.get(name)
    }

    pub fn text(&self, name: &str) -> &str {
        match self.inputs.get(name) {
            Some(Input::Text(s)) => s,
            _ => "",
        }
    }

    pub fn checked(&self, name: &str) -> bool {
        matches!(self.inputs.get(name), Some(Input::Bool(true)))
    }

    pub fn has(&self, name: &str, value: &str) -> bool {
        matches!(self.inputs.get(name), Some(Input::Many(v)) if v.iter().any(|x| x == value))
    }

    pub fn rows(&self, name: &str) -> usize {
        match self.inputs.get(name) {
            Some(Input::Rows(r)) => r.len(),
            _ => 0,
        }
    }

    pub fn set_text(&mut self, name: &str, text: String) {
        self.inputs.insert(name.to_string(), Input::Text(text));
    }

    pub fn set_checked(&mut self, name: &str, on: bool) {
        self.inputs.insert(name.to_string(), Input::Bool(on));
    }

    /// Adds or removes one value of a choice or reference list.
    pub fn toggle(&mut self, name: &str, value: &str, on: bool) {
        let entry = self
            .inputs
            .entry(name.to_string())
            .or_insert_with(|| Input::Many(Vec::new()));
        if let Input::Many(v) = entry {
            v.retain(|x| x != value);
            if on {
                v.push(value.to_string());
            }
        }
    }

    /// Adds a row of the nested part `name`, with the defaults of its type.
    pub fn add_row(&mut self, name: &str, item: &EntityType) {
        let row = Form::new(item, &item.default_values());
        match self.inputs.get_mut(name) {
            Some(Input::Rows(rows)) => rows.push(row),
            _ => {
                self.inputs.insert(name.to_string(), Input::Rows(vec![row]));
            }
        }
    }

    pub fn remove_row(&mut self, name: &str, index: usize) {
        if let Some(Input::Rows(rows)) = self.inputs.get_mut(name) {
            if index < rows.len() {
                rows.remove(index);
            }
        }
    }

    /// The current value of a property, as far as it can be read (for conditions).
    fn current(&self, ty: &EntityType, name: &str) -> Value {
        let Some(p) = ty.property(name) else {
            return Value::Null;
        };
        if !p.is_editable() {
            return self.loaded(name).cloned().unwrap_or(Value::Null);
        }
        match (&p.kind, self.inputs.get(name)) {
            (_, Some(Input::Bool(b))) => Value::Bool(*b),
            (PropertyKind::Integer { .. }, Some(Input::Text(t))) => t
                .trim()
                .parse::<i64>()
                .map_or_else(|_| json!(t), |n| json!(n)),
            (_, Some(Input::Text(t))) if t.is_empty() => Value::Null,
            (_, Some(Input::Text(t))) => json!(t),
            (_, Some(Input::Many(v))) => json!(v),
            _ => Value::Null,
        }
    }

    /// Whether `p` shows (its condition on another property of this form holds).
    pub fn visible(&self, ty: &EntityType, p: &Property) -> bool {
        p.visible_when
            .as_ref()
            .is_none_or(|(other, equals)| &self.current(ty, other) == equals)
    }
}

/// Checks every shown, editable property of the form against its type's constraints and builds
/// the values to send; the messages per property path otherwise. Server-set properties are never
/// sent; hidden ones go back as loaded; properties not shown are left out.
pub fn check(ty: &EntityType, form: &Form) -> Result<Values, FieldErrors> {
    let mut errors = FieldErrors::new();
    let values = check_at(ty, form, &Path::default(), &mut errors);
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

fn check_at(ty: &EntityType, form: &Form, path: &Path, errors: &mut FieldErrors) -> Values {
    let mut out = Values::new();
    for p in &ty.properties {
        if p.server_set {
            continue;
        }
        if p.hidden {
            if let Some(v) = form.loaded(&p.name).or(p.default.as_ref()) {
                out.insert(p.name.clone(), v.clone());
            }
            continue;
        }
        if !form.visible(ty, p) {
            continue;
        }
        let at = path.field(&p.name);
        match value_of(p, form, path, errors) {
            Ok(Some(v)) => {
                out.insert(p.name.clone(), v);
            }
            Ok(None) => {}
            Err(m) => {
                errors.insert(at, m);
            }
        }
    }
    out
}

fn required(p: &Property) -> Result<Option<Value>, String> {
    if p.required {
        Err(match p.kind {
            PropertyKind::Choice { .. } | PropertyKind::Reference { .. } => "Choose one.".into(),
            _ => "Required.".into(),
        })
    } else {
        Ok(None)
    }
}

/// The value to send for one property, `None` to leave it out.
fn value_of(
    p: &Property,
    form: &Form,
    path: &Path,
    errors: &mut FieldErrors,
) -> Result<Option<Value>, String> {
    let raw = form.text(&p.name);
    let t = raw.trim();
    match &p.kind {
        PropertyKind::Boolean => Ok(Some(Value::Bool(form.checked(&p.name)))),
        PropertyKind::Text { rule, widget } => {
            let t = if *widget == TextWidget::Secret {
                raw
            } else {
                t
            };
            if t.is_empty() {
                return required(p);
            }
            check_text(rule, t)?;
            Ok(Some(json!(t)))
        }
        PropertyKind::Integer { min, max } => {
            if t.is_empty() {
                return required(p);
            }
            let n: i64 = t.parse().map_err(|_| "Enter a whole number.".to_string())?;
            check_range(n, *min, *max)?;
            Ok(Some(json!(n)))
        }
        PropertyKind::Choice { options, .. } => {
            if t.is_empty() {
                return required(p);
            }
            if !options.iter().any(|o| o.value == t) {
                return Err("Choose one of the listed values.".into());
            }
            Ok(Some(json!(t)))
        }
        PropertyKind::DateTime => {
            if t.is_empty() {
                return required(p);
            }
            crate::dates::parse_to_epoch_ms(t)
                .ok_or_else(|| "Enter a date and time such as 2026-01-31T09:30:00Z.".to_string())?;
            Ok(Some(json!(t)))
        }
        PropertyKind::Reference { .. } => {
            if t.is_empty() {
                return required(p);
            }
            Ok(Some(reference(t, None)))
        }
        PropertyKind::TextList { rule, count } => {
            let items: Vec<&str> = raw
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            listed(p, items.len(), *count, ("line", "lines"))?;
            for (i, item) in items.iter().enumerate() {
                check_text(rule, item)
                    .map_err(|m| format!("Line {}: {}{}", i + 1, m[..1].to_lowercase(), &m[1..]))?;
            }
            Ok(Some(json!(items)))
        }
        PropertyKind::ChoiceList { options, count } => {
            // In the order of the options, whatever order they were ticked in.
            let picked: Vec<&str> = options
                .iter()
                .filter(|o| form.has(&p.name, &o.value))
                .map(|o| o.value.as_str())
                .collect();
            listed(p, picked.len(), *count, ("value", "values"))?;
            Ok(Some(json!(picked)))
        }
        PropertyKind::ReferenceList { count, .. } => {
            let ids: Vec<String> = match form.inputs.get(&p.name) {
                Some(Input::Many(v)) => v.clone(),
                _ => Vec::new(),
            };
            listed(p, ids.len(), *count, ("item", "items"))?;
            Ok(Some(Value::Array(
                ids.iter().map(|id| reference(id, None)).collect(),
            )))
        }
        PropertyKind::Nested { item, count } => {
            let n = form.rows(&p.name);
            listed(p, n, *count, ("row", "rows"))?;
            let rows = (0..n)
                .map(|i| {
                    let at = path.row(&p.name, i);
                    let row = form.at(&Path(vec![(p.name.clone(), i)])).cloned();
                    Value::Object(check_at(item, &row.unwrap_or_default(), &at, errors))
                })
                .collect();
            Ok(Some(Value::Array(rows)))
        }
    }
}

fn check_text(rule: &TextRule, t: &str) -> Result<(), String> {
    let n = t.chars().count();
    if let Some(min) = rule.min_len.filter(|&m| n < m as usize) {
        return Err(format!(
            "At least {}.",
            plural(min, "character", "characters")
        ));
    }
    if let Some(max) = rule.max_len.filter(|&m| n > m as usize) {
        return Err(format!(
            "At most {}.",
            plural(max, "character", "characters")
        ));
    }
    match &rule.format {
        Some(f) if !(f.check)(t) => Err(format!("Must be {}.", f.description)),
        _ => Ok(()),
    }
}

fn check_range(n: i64, min: Option<i64>, max: Option<i64>) -> Result<(), String> {
    let outside = min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m);
    if !outside {
        return Ok(());
    }
    Err(match (min, max) {
        (Some(a), Some(b)) => format!("Must be between {a} and {b}."),
        (Some(a), None) => format!("Must be at least {a}."),
        (_, Some(b)) => format!("Must be at most {b}."),
        (None, None) => unreachable!("outside needs a bound"),
    })
}

/// A list's count: required means at least one.
fn listed(p: &Property, n: usize, count: Count, (one, many): (&str, &str)) -> Result<(), String> {
    if p.required && n == 0 && count.min.unwrap_or(0) <= 1 {
        return Err(match p.kind {
            PropertyKind::Nested { .. } => "Add at least one.".into(),
            PropertyKind::TextList { .. } => "Enter at least one line.".into(),
            _ => "Choose at least one.".into(),
        });
    }
    if let Some(min) = count.min.filter(|&m| n < m as usize) {
        return Err(format!("At least {}.", plural(min, one, many)));
    }
    if let Some(max) = count.max.filter(|&m| n > m as usize) {
        return Err(format!("At most {}.", plural(max, one, many)));
    }
    Ok(())
}

/// The messages the server gave per property (`(path, reason)`), as the form shows them.
pub fn server_errors(fields: &[(Option<String>, String)]) -> FieldErrors {
    fields
        .iter()
        .filter_map(|(path, m)| Some((path.clone()?, sentence(m))))
        .collect()
}

/// `must be at most 64 characters` → `Must be at most 64 characters.`
fn sentence(m: &str) -> String {
    let t = m.trim();
    let mut c = t.chars();
    let mut s: String = match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => return String::new(),
    };
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

/// The messages about the property at `path`: its own, and those about one of its items
/// (`blockedCountries[1]`), joined.
pub fn errors_for(errors: &FieldErrors, path: &str) -> Option<String> {
    let own = |k: &str| {
        k == path
            || k.strip_prefix(path)
                .and_then(|rest| rest.strip_prefix('['))
                .and_then(|rest| rest.strip_suffix(']'))
                .is_some_and(|i| i.bytes().all(|b| b.is_ascii_digit()))
    };
    let found: Vec<&str> = errors
        .iter()
        .filter(|(k, _)| own(k))
        .map(|(_, m)| m.as_str())
        .collect();
    (!found.is_empty()).then(|| found.join(" "))
}

/// The properties of a form in their sections, in order of each section's first appearance
/// (hidden ones left out).
pub fn sections(ty: &EntityType) -> Vec<(Option<&str>, Vec<&Property>)> {
    let mut out: Vec<(Option<&str>, Vec<&Property>)> = Vec::new();
    for p in ty.properties.iter().filter(|p| !p.hidden) {
        let s = p.section.as_deref();
        match out.iter_mut().find(|(k, _)| *k == s) {
            Some((_, v)) => v.push(p),
            None => out.push((s, vec![p])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::entity::tests::{prop, ty};
    use super::super::entity::{Choice, TextFormat};
    use super::*;
    use std::sync::Arc;

    fn options(v: &[&str]) -> Vec<Choice> {
        v.iter()
            .map(|s| Choice {
                value: (*s).into(),
                label: s.to_lowercase(),
            })
            .collect()
    }

    fn values(v: Value) -> Values {
        v.as_object().cloned().unwrap()
    }

    fn text(rule: TextRule) -> PropertyKind {
        PropertyKind::Text {
            rule,
            widget: TextWidget::Line,
        }
    }

    /// A profile type with every kind of property, a condition, a hidden flag and a system one.
    fn every_kind() -> EntityType {
        let route = ty(
            "Route",
            vec![
                Property {
                    required: true,
                    ..prop(
                        "domainName",
                        text(TextRule {
                            min_len: Some(1),
                            max_len: Some(255),
                            format: Some(TextFormat::new("a domain such as example.com", |s| {
                                s.contains('.') && !s.contains(' ')
                            })),
                        }),
                    )
                },
                Property {
                    default: Some(json!("DIRECT")),
                    ..prop(
                        "routeType",
                        PropertyKind::Choice {
                            options: options(&["DIRECT", "CLUSTER"]),
                            radio: false,
                        },
                    )
                },
                Property {
                    required: true,
                    visible_when: Some(("routeType".into(), json!("CLUSTER"))),
                    ..prop(
                        "cluster",
                        PropertyKind::Reference {
                            target: "Cluster".into(),
                        },
                    )
                },
                Property {
                    hidden: true,
                    default: Some(json!(true)),
                    ..prop("nameEditable", PropertyKind::Boolean)
                },
            ],
        );
        ty(
            "Profile",
            vec![
                Property {
                    required: true,
                    ..prop(
                        "name",
                        text(TextRule {
                            min_len: Some(1),
                            max_len: Some(8),
                            format: None,
                        }),
                    )
                },
                prop(
                    "description",
                    PropertyKind::Text {
                        rule: TextRule::default(),
                        widget: TextWidget::Multiline,
                    },
                ),
                prop(
                    "max",
                    PropertyKind::Integer {
                        min: Some(1),
                        max: Some(100),
                    },
                ),
                prop("enabled", PropertyKind::Boolean),
                Property {
                    visible_when: Some(("enabled".into(), json!(true))),
                    ..prop(
                        "hours",
                        PropertyKind::Integer {
                            min: Some(1),
                            max: None,
                        },
                    )
                },
                prop(
                    "action",
                    PropertyKind::Choice {
                        options: options(&["ALERT", "BLOCK"]),
                        radio: true,
                    },
                ),
                prop("when", PropertyKind::DateTime),
                Property {
                    required: true,
                    ..prop(
                        "countries",
                        PropertyKind::TextList {
                            rule: TextRule {
                                min_len: Some(2),
                                max_len: Some(2),
                                format: None,
                            },
                            count: Count {
                                min: None,
                                max: Some(3),
                            },
                        },
                    )
                },
                prop(
                    "platforms",
                    PropertyKind::ChoiceList {
                        options: options(&["ANDROID", "IOS", "WINDOWS"]),
                        count: Count {
                            min: Some(1),
                            max: None,
                        },
                    },
                ),
                prop(
                    "template",
                    PropertyKind::Reference {
                        target: "Mail".into(),
                    },
                ),
                prop(
                    "apps",
                    PropertyKind::ReferenceList {
                        target: "App".into(),
                        count: Count {
                            min: None,
                            max: Some(2),
                        },
                    },
                ),
                prop(
                    "routes",
                    PropertyKind::Nested {
                        item: Arc::new(route),
                        count: Count {
                            min: None,
                            max: Some(5),
                        },
                    },
                ),
                Property {
                    server_set: true,
                    ..prop("createdBy", text(TextRule::default()))
                },
                Property {
                    server_set: true,
                    ..prop(
                        "assignedToGroups",
                        PropertyKind::TextList {
                            rule: TextRule::default(),
                            count: Count::default(),
                        },
                    )
                },
            ],
        )
    }

    fn loaded() -> Values {
        values(json!({
            "name": "Office",
            "description": "  Main office  ",
            "max": 10,
            "enabled": true,
            "hours": 24,
            "action": "BLOCK",
            "when": "2026-01-31T09:30:00.000Z",
            "countries": ["DE", "FR"],
            "platforms": ["IOS", "ANDROID"],
            "template": {"id": "m1", "name": "Violation"},
            "apps": [{"id": "a1", "name": "Work"}],
            "routes": [
                {"domainName": "example.com", "routeType": "CLUSTER", "cluster": {"id": "c1", "name": "First"}, "nameEditable": false}
            ],
            "createdBy": "admin",
            "assignedToGroups": ["g1"],
            "unknownSetting": 5
        }))
    }

    #[test]
    fn loaded_values_go_back_as_they_were_without_server_set_ones() {
        let t = every_kind();
        let f = Form::new(&t, &loaded());
        let sent = check(&t, &f).unwrap();
        assert_eq!(
            Value::Object(sent),
            json!({
                "name": "Office",
                "description": "Main office",
                "max": 10,
                "enabled": true,
                "hours": 24,
                "action": "BLOCK",
                "when": "2026-01-31T09:30:00.000Z",
                "countries": ["DE", "FR"],
                // In the order of the options.
                "platforms": ["ANDROID", "IOS"],
                "template": {"id": "m1"},
                "apps": [{"id": "a1"}],
                "routes": [
                    // The hidden flag goes back as loaded.
                    {"domainName": "example.com", "routeType": "CLUSTER", "cluster": {"id": "c1"}, "nameEditable": false}
                ]
            })
        );
    }

    #[test]
    fn system_fields_are_never_sent_even_when_a_template_holds_them() {
        let t = every_kind();
        let mut v = loaded();
        v.insert("createdBy".into(), json!("someone"));
        let sent = check(&t, &Form::new(&t, &v)).unwrap();
        assert!(!sent.contains_key("createdBy") && !sent.contains_key("assignedToGroups"));
        assert!(!sent.contains_key("unknownSetting"));
    }

    #[test]
    fn hidden_conditional_properties_are_neither_checked_nor_sent() {
        let t = every_kind();
        let mut f = Form::new(&t, &loaded());
        let enabled = t.property("enabled").unwrap();
        let hours = t.property("hours").unwrap();
        assert!(f.visible(&t, hours) && f.visible(&t, enabled));
        f.set_checked("enabled", false);
        f.set_text("hours", "0".into());
        assert!(!f.visible(&t, hours));
        let sent = check(&t, &f).unwrap();
        assert!(!sent.contains_key("hours"));
        // Shown again, it is checked.
        f.set_checked("enabled", true);
        assert_eq!(check(&t, &f).unwrap_err()["hours"], "Must be at least 1.");
        // In a row: the reference shows only for the cluster route type.
        let route_row = Path::default().row("routes", 0);
        let row = f.at_mut(&route_row).unwrap();
        row.set_text("routeType", "DIRECT".into());
        row.set_text("cluster", String::new());
        f.set_text("hours", "5".into());
        let sent = check(&t, &f).unwrap();
        assert_eq!(
            sent["routes"],
            json!([{"domainName": "example.com", "routeType": "DIRECT", "nameEditable": false}])
        );
    }

    #[test]
    fn every_constraint_has_its_message_under_its_path() {
        let t = every_kind();
        let mut f = Form::new(&t, &loaded());
        f.set_text("name", "  ".into());
        f.set_text("max", "101".into());
        f.set_text("hours", "x".into());
        f.set_text("action", "NEW".into());
        f.set_text("when", "yesterday".into());
        f.set_text("countries", "DE\nFRA\n".into());
        f.toggle("platforms", "IOS", false);
        f.toggle("platforms", "ANDROID", false);
        f.toggle("apps", "a2", true);
        f.toggle("apps", "a3", true);
        f.at_mut(&Path::default().row("routes", 0))
            .unwrap()
            .set_text("domainName", "not a domain".into());
        f.add_row("routes", &t.nested_item("routes").unwrap());
        let e = check(&t, &f).unwrap_err();
        let want = [
            ("name", "Required."),
            ("max", "Must be between 1 and 100."),
            ("hours", "Enter a whole number."),
            ("action", "Choose one of the listed values."),
            (
                "when",
                "Enter a date and time such as 2026-01-31T09:30:00Z.",
            ),
            ("countries", "Line 2: at most 2 characters."),
            ("platforms", "At least 1 value."),
            ("apps", "At most 2 items."),
            (
                "routes[0].domainName",
                "Must be a domain such as example.com.",
            ),
            // The new row has its defaults: DIRECT, so no cluster is asked for; its domain is.
            ("routes[1].domainName", "Required."),
        ];
        for (path, message) in want {
            assert_eq!(e.get(path).map(String::as_str), Some(message), "{path}");
        }
        assert!(!e.contains_key("routes[1].cluster"));
        assert_eq!(e.len(), 10, "{e:?}");
    }

    #[test]
    fn lists_and_rows() {
        let t = every_kind();
        let mut f = Form::new(&t, &loaded());
        f.set_text("countries", String::new());
        assert_eq!(
            check(&t, &f).unwrap_err()["countries"],
            "Enter at least one line."
        );
        f.set_text("countries", "DE\nFR\nIT\nES".into());
        assert_eq!(check(&t, &f).unwrap_err()["countries"], "At most 3 lines.");
        f.set_text("countries", "DE".into());
        assert_eq!(f.rows("routes"), 1);
        f.remove_row("routes", 0);
        f.remove_row("routes", 7);
        assert_eq!(f.rows("routes"), 0);
        assert_eq!(check(&t, &f).unwrap()["routes"], json!([]));
    }

    #[test]
    fn a_new_form_from_defaults_and_empty_optional_values_left_out() {
        let t = every_kind();
        let f = Form::new(&t, &t.default_values());
        let e = check(&t, &f).unwrap_err();
        assert_eq!(
            e.keys().map(String::as_str).collect::<Vec<_>>(),
            ["countries", "name", "platforms"]
        );
        let mut f = f;
        f.set_text("name", "New".into());
        f.set_text("countries", "DE".into());
        f.toggle("platforms", "WINDOWS", true);
        let sent = check(&t, &f).unwrap();
        assert_eq!(
            Value::Object(sent),
            json!({"name": "New", "enabled": false, "countries": ["DE"], "platforms": ["WINDOWS"], "apps": [], "routes": []})
        );
    }

    #[test]
    fn server_errors_land_on_their_fields() {
        let e = server_errors(&[
            (
                Some("name".into()),
                "a Profile with the name \"Office\" already exists".into(),
            ),
            (
                Some("routes[0].domainName".into()),
                "must be a domain".into(),
            ),
            (
                Some("countries[1]".into()),
                "must be at most 2 characters".into(),
            ),
            (None, "something else".into()),
        ]);
        assert_eq!(
            errors_for(&e, "name").as_deref(),
            Some("A Profile with the name \"Office\" already exists.")
        );
        assert_eq!(
            errors_for(&e, "routes[0].domainName").as_deref(),
            Some("Must be a domain.")
        );
        assert_eq!(
            errors_for(&e, "countries").as_deref(),
            Some("Must be at most 2 characters.")
        );
        // A row's field is not the list's own.
        assert_eq!(errors_for(&e, "routes"), None);
        assert_eq!(e.len(), 3);
    }

    #[test]
    fn paths_and_sections() {
        let p = Path::default().row("routes", 2);
        assert_eq!(p.field("domainName"), "routes[2].domainName");
        assert_eq!(p.dom_id("domainName"), "f-routes-2--domainName");
        let mut t = every_kind();
        t.properties[0].section = Some("General".into());
        t.properties[1].section = Some("General".into());
        t.properties[2].section = Some("Limits".into());
        let s = sections(&t);
        assert_eq!(s[0].0, Some("General"));
        assert_eq!(s[0].1.len(), 2);
        assert_eq!(s[1].0, Some("Limits"));
        assert_eq!(s[2].0, None);
        assert_eq!(
            s.iter().map(|(_, v)| v.len()).sum::<usize>(),
            t.properties.len()
        );
    }
}
