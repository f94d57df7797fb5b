//! Typed attributes, as certificate platforms attach them to their objects (the issue and custom
//! attributes of a SCEP profile, the custom attributes of the certificates it issues): a name, a
//! content type, and one or more values whose JSON shape the content type decides.
//!
//! The editor's model: an [`Attribute`] (what the platform sent, values as JSON) becomes an
//! [`AttributeField`] (the values as the admin types them), and the fields become attributes again
//! for the request, each value checked against its content type ([`parse_fields`]). Pure and
//! tested natively; the backend maps [`Attribute`] to and from its wire objects.

use serde_json::Value;

/// The kind of value an attribute holds. The keys are the ones certificate platforms use
/// (`string`, `integer`, `datetime`…); a key this portal does not know is kept as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ContentType {
    String,
    Text,
    Integer,
    Float,
    Boolean,
    Date,
    Time,
    DateTime,
    Secret,
    File,
    Credential,
    CodeBlock,
    Object,
    Resource,
    /// A content type this portal does not know: values are edited as JSON.
    Other(String),
}

impl ContentType {
    /// Every known content type, in the order of the editor's list.
    pub const KNOWN: [ContentType; 14] = [
        ContentType::String,
        ContentType::Text,
        ContentType::Integer,
        ContentType::Float,
        ContentType::Boolean,
        ContentType::Date,
        ContentType::Time,
        ContentType::DateTime,
        ContentType::Secret,
        ContentType::File,
        ContentType::Credential,
        ContentType::CodeBlock,
        ContentType::Object,
        ContentType::Resource,
    ];

    pub fn key(&self) -> &str {
        match self {
            ContentType::String => "string",
            ContentType::Text => "text",
            ContentType::Integer => "integer",
            ContentType::Float => "float",
            ContentType::Boolean => "boolean",
            ContentType::Date => "date",
            ContentType::Time => "time",
            ContentType::DateTime => "datetime",
            ContentType::Secret => "secret",
            ContentType::File => "file",
            ContentType::Credential => "credential",
            ContentType::CodeBlock => "codeblock",
            ContentType::Object => "object",
            ContentType::Resource => "resource",
            ContentType::Other(k) => k,
        }
    }

    pub fn label(&self) -> &str {
        match self {
            ContentType::String => "Text (one line)",
            ContentType::Text => "Text (several lines)",
            ContentType::Integer => "Whole number",
            ContentType::Float => "Decimal number",
            ContentType::Boolean => "Yes / no",
            ContentType::Date => "Date",
            ContentType::Time => "Time",
            ContentType::DateTime => "Date and time",
            ContentType::Secret => "Secret (JSON object)",
            ContentType::File => "File (JSON object)",
            ContentType::Credential => "Credential (JSON object)",
            ContentType::CodeBlock => "Code block (JSON object)",
            ContentType::Object => "JSON value",
            ContentType::Resource => "Resource (JSON object)",
            ContentType::Other(k) => k,
        }
    }

    /// The content type of a key (case and surrounding blanks ignored).
    pub fn from_key(key: &str) -> ContentType {
        let k = key.trim();
        ContentType::KNOWN
            .into_iter()
            .find(|t| t.key().eq_ignore_ascii_case(k))
            .unwrap_or_else(|| ContentType::Other(k.to_string()))
    }

    /// Edited in a multi-line box rather than a one-line input.
    pub fn multiline(&self) -> bool {
        !matches!(
            self,
            ContentType::String
                | ContentType::Integer
                | ContentType::Float
                | ContentType::Boolean
                | ContentType::Date
                | ContentType::Time
                | ContentType::DateTime
        )
    }

    /// What the admin is asked to type, for the input's hint.
    pub fn hint(&self) -> &'static str {
        match self {
            ContentType::String | ContentType::Text => "",
            ContentType::Integer => "A whole number, e.g. 42",
            ContentType::Float => "A number, e.g. 2.5",
            ContentType::Boolean => "true or false",
            ContentType::Date => "YYYY-MM-DD",
            ContentType::Time => "HH:MM or HH:MM:SS",
            ContentType::DateTime => "YYYY-MM-DDTHH:MM:SSZ",
            ContentType::Object | ContentType::Other(_) => "JSON, e.g. {\"key\": \"value\"}",
            _ => "A JSON object, e.g. {\"key\": \"value\"}",
        }
    }

    /// A typed value as the admin edits it: text as it is, numbers and booleans in JSON
    /// notation, objects as compact JSON.
    pub fn render(&self, value: &Value) -> String {
        match value {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }

    /// The JSON value of what the admin typed, or why it is not one of this type.
    pub fn parse(&self, text: &str) -> Result<Value, String> {
        use ContentType as T;
        let t = text.trim();
        match self {
            // Text is sent as typed (leading blanks may matter in a multi-line text).
            T::String => Ok(Value::String(t.to_string())),
            T::Text => Ok(Value::String(text.to_string())),
            T::Integer => t
                .parse::<i32>()
                .map(Value::from)
                .map_err(|_| "enter a whole number (for example 42)".to_string()),
            T::Float => t
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| "enter a number (for example 2.5)".to_string()),
            T::Boolean => match t.to_ascii_lowercase().as_str() {
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                _ => Err("choose true or false".to_string()),
            },
            T::Date if is_date(t) => Ok(Value::String(t.to_string())),
            T::Date => Err("enter a date as YYYY-MM-DD".to_string()),
            T::Time if is_time(t) => Ok(Value::String(t.to_string())),
            T::Time => Err("enter a time as HH:MM or HH:MM:SS".to_string()),
            T::DateTime if is_date_time(t) => Ok(Value::String(t.to_string())),
            T::DateTime => Err("enter a date and time as YYYY-MM-DDTHH:MM:SSZ".to_string()),
            T::Secret | T::File | T::Credential | T::CodeBlock | T::Resource => {
                match serde_json::from_str::<Value>(t) {
                    Ok(v @ Value::Object(_)) => Ok(v),
                    _ => Err("enter a JSON object, for example {\"key\": \"value\"}".to_string()),
                }
            }
            T::Object => match serde_json::from_str::<Value>(t) {
                Ok(Value::Null) | Err(_) => {
                    Err("enter a JSON value, for example {\"key\": \"value\"}".to_string())
                }
                Ok(v) => Ok(v),
            },
            // Unknown types: JSON where it is JSON, otherwise the text.
            T::Other(_) => Ok(serde_json::from_str::<Value>(t)
                .ok()
                .filter(|v| !v.is_null())
                .unwrap_or_else(|| Value::String(t.to_string()))),
        }
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `YYYY-MM-DD`, a real day.
fn is_date(s: &str) -> bool {
    let mut parts = s.split('-');
    let shaped = [4, 2, 2]
        .into_iter()
        .all(|n| parts.next().is_some_and(|p| digits(p, n).is_some()))
        && parts.next().is_none();
    // The parser refuses days a month does not have (31 April).
    shaped && crate::dates::parse_to_epoch_ms(s).is_some()
}

/// `HH:MM` or `HH:MM:SS`.
fn is_time(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .zip([24, 60, 60])
            .all(|(p, max)| digits(p, 2).is_some_and(|n| n < max))
}

/// An ISO-8601 date and time (`T` between them).
fn is_date_time(s: &str) -> bool {
    s.split_once('T').is_some_and(|(d, _)| is_date(d))
        && crate::dates::parse_to_epoch_ms(s).is_some()
}

/// An attribute as the platform sent it, or as the portal sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// The platform's id of the attribute's definition, when known.
    pub id: Option<String>,
    pub name: String,
    /// The definition's display name.
    pub label: Option<String>,
    pub content_type: ContentType,
    /// One JSON value per content item.
    pub values: Vec<Value>,
}

impl Attribute {
    /// The values as shown: `IT`, `4100, 4200`.
    pub fn values_text(&self) -> String {
        self.values
            .iter()
            .map(|v| self.content_type.render(v))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The label, or the name where there is none.
    pub fn title(&self) -> &str {
        self.label
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .unwrap_or(&self.name)
    }
}

/// One attribute in the editor: its values as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeField {
    pub id: Option<String>,
    pub name: String,
    pub label: Option<String>,
    pub content_type: ContentType,
    /// One entry per value; blank entries are left out when sending.
    pub values: Vec<String>,
}

impl Default for AttributeField {
    /// A new attribute: text, one empty value.
    fn default() -> Self {
        AttributeField {
            id: None,
            name: String::new(),
            label: None,
            content_type: ContentType::String,
            values: vec![String::new()],
        }
    }
}

impl AttributeField {
    /// Renames the attribute: the platform's id of its definition no longer describes it.
    pub fn rename(&mut self, name: String) {
        if name.trim() != self.name.trim() {
            self.id = None;
            self.label = None;
        }
        self.name = name;
    }

    /// Changes the content type (values are kept as typed, and checked when sent): the
    /// definition's id no longer describes it.
    pub fn set_content_type(&mut self, t: ContentType) {
        if t != self.content_type {
            self.id = None;
            self.content_type = t;
        }
    }
}

impl From<&Attribute> for AttributeField {
    fn from(a: &Attribute) -> Self {
        let mut values: Vec<String> = a.values.iter().map(|v| a.content_type.render(v)).collect();
        if values.is_empty() {
            values.push(String::new());
        }
        AttributeField {
            id: a.id.clone(),
            name: a.name.clone(),
            label: a.label.clone(),
            content_type: a.content_type.clone(),
            values,
        }
    }
}

/// The attributes of the edited fields, each value checked against its content type, or a
/// message per problem (naming the attribute). Blank values are left out (an attribute without
/// values is sent without content); a name is needed, once per list.
pub fn parse_fields(fields: &[AttributeField]) -> Result<Vec<Attribute>, Vec<String>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, f) in fields.iter().enumerate() {
        let name = f.name.trim();
        if name.is_empty() {
            errors.push(format!("Attribute {}: enter its name.", i + 1));
            continue;
        }
        if !seen.insert(name) {
            errors.push(format!("Attribute {name} is given more than once."));
            continue;
        }
        let mut values = Vec::new();
        for text in f.values.iter().filter(|v| !v.trim().is_empty()) {
            match f.content_type.parse(text) {
                Ok(v) => values.push(v),
                Err(e) => errors.push(format!("{name}: {e} (not “{}”).", text.trim())),
            }
        }
        out.push(Attribute {
            id: f.id.clone(),
            name: name.to_string(),
            label: f.label.clone(),
            content_type: f.content_type.clone(),
            values,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn attr(name: &str, t: ContentType, values: Vec<Value>) -> Attribute {
        Attribute {
            id: Some(format!("id-{name}")),
            name: name.into(),
            label: Some(format!("Label {name}")),
            content_type: t,
            values,
        }
    }

    #[test]
    fn keys_round_trip_and_unknown_ones_are_kept() {
        for t in ContentType::KNOWN {
            assert_eq!(ContentType::from_key(t.key()), t);
            assert_eq!(ContentType::from_key(&t.key().to_uppercase()), t);
        }
        assert_eq!(
            ContentType::from_key("geometry"),
            ContentType::Other("geometry".into())
        );
        assert_eq!(ContentType::Other("geometry".into()).key(), "geometry");
    }

    #[test]
    fn each_content_type_checks_its_values() {
        use ContentType as T;
        assert_eq!(T::String.parse("  IT "), Ok(json!("IT")));
        assert_eq!(T::Text.parse("  two\nlines"), Ok(json!("  two\nlines")));
        assert_eq!(T::Integer.parse("4100"), Ok(json!(4100)));
        assert!(T::Integer.parse("41.5").is_err());
        assert!(T::Integer.parse("99999999999").is_err(), "beyond 32 bits");
        assert_eq!(T::Float.parse("2.5"), Ok(json!(2.5)));
        assert!(T::Float.parse("NaN").is_err());
        assert_eq!(T::Boolean.parse("TRUE"), Ok(json!(true)));
        assert!(T::Boolean.parse("yes").is_err());
        assert_eq!(T::Date.parse("2025-03-01"), Ok(json!("2025-03-01")));
        for bad in ["2025-3-1", "2025-04-31", "2025-13-01", "01.03.2025"] {
            assert!(T::Date.parse(bad).is_err(), "{bad}");
        }
        assert_eq!(T::Time.parse("08:30"), Ok(json!("08:30")));
        assert_eq!(T::Time.parse("23:59:59"), Ok(json!("23:59:59")));
        assert!(T::Time.parse("24:00").is_err());
        assert_eq!(
            T::DateTime.parse("2025-03-01T08:30:00Z"),
            Ok(json!("2025-03-01T08:30:00Z"))
        );
        assert!(T::DateTime.parse("2025-03-01").is_err());
        assert_eq!(
            T::Secret.parse(r#"{"secret":"x"}"#),
            Ok(json!({"secret": "x"}))
        );
        assert!(T::Secret.parse("[1]").is_err());
        assert!(T::CodeBlock.parse("code").is_err());
        assert_eq!(T::Object.parse("[1,2]"), Ok(json!([1, 2])));
        assert!(T::Object.parse("null").is_err());
        assert_eq!(T::Other("x".into()).parse("7"), Ok(json!(7)));
        assert_eq!(T::Other("x".into()).parse("seven"), Ok(json!("seven")));
    }

    #[test]
    fn attributes_become_fields_and_fields_the_attributes_to_send() {
        let sent = vec![
            attr("department", ContentType::String, vec![json!("IT")]),
            attr(
                "costCenter",
                ContentType::Integer,
                vec![json!(4100), json!(4200)],
            ),
            attr(
                "sendNotifications",
                ContentType::Boolean,
                vec![json!(false)],
            ),
            attr("resource", ContentType::Resource, vec![json!({"id": 1})]),
            attr("empty", ContentType::Date, vec![]),
        ];
        let fields: Vec<AttributeField> = sent.iter().map(AttributeField::from).collect();
        assert_eq!(fields[0].values, ["IT"]);
        assert_eq!(fields[1].values, ["4100", "4200"]);
        assert_eq!(fields[2].values, ["false"]);
        assert_eq!(fields[3].values, [r#"{"id":1}"#]);
        // An attribute without values gets one empty entry to type into.
        assert_eq!(fields[4].values, [""]);
        // Unchanged fields give back exactly what was sent.
        assert_eq!(parse_fields(&fields), Ok(sent.clone()));
        assert_eq!(sent[1].values_text(), "4100, 4200");
        assert_eq!(sent[0].title(), "Label department");
    }

    #[test]
    fn field_errors_name_the_attribute_and_blank_values_are_left_out() {
        let mut cost = AttributeField::from(&attr("costCenter", ContentType::Integer, vec![]));
        cost.values = vec!["12a".into(), "  ".into(), "7".into()];
        let nameless = AttributeField::default();
        let twice = AttributeField {
            name: "costCenter".into(),
            ..AttributeField::default()
        };
        let errors = parse_fields(&[cost.clone(), nameless, twice]).unwrap_err();
        assert_eq!(
            errors,
            [
                "costCenter: enter a whole number (for example 42) (not “12a”).",
                "Attribute 2: enter its name.",
                "Attribute costCenter is given more than once.",
            ]
        );
        cost.values = vec!["  ".into(), "7".into()];
        let ok = parse_fields(std::slice::from_ref(&cost)).unwrap();
        assert_eq!(ok[0].values, [json!(7)]);
        assert_eq!(ok[0].id.as_deref(), Some("id-costCenter"));
        // Another name or type: no longer the definition the id names.
        let mut renamed = cost.clone();
        renamed.rename("costCentre".into());
        assert_eq!((renamed.id, renamed.label), (None, None));
        let mut retyped = cost.clone();
        retyped.set_content_type(ContentType::Float);
        assert_eq!(retyped.id, None);
        let mut same = cost;
        same.rename(" costCenter ".into());
        assert!(same.id.is_some());
    }
}
