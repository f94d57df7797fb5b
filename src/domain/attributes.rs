//! Custom attributes: values an organisation keeps on devices (or users), which the server
//! describes with a name, a type and whether it can be written. The editor picks its widget from
//! the type; values travel as text on the [`crate::domain::device::Device`].

/// How an attribute's value is read, shown and edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeKind {
    /// Free text: a text box.
    Text,
    /// `true` or `false`: a checkbox.
    Boolean,
    /// A day, kept as epoch milliseconds (UTC midnight when set here): a date picker.
    Date,
}

/// One attribute the server describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeField {
    pub name: String,
    pub kind: AttributeKind,
    pub writable: bool,
}

/// A value to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributeValue {
    Text(String),
    Boolean(bool),
    /// Epoch milliseconds.
    Date(i64),
}

/// One attribute change: the name and the new value, `None` to clear it.
pub type AttributeChange = (String, Option<AttributeValue>);

/// An editor's form values: (attribute name, form value).
pub type FormValues = Vec<(String, String)>;

impl AttributeKind {
    /// The form value of a stored value (a date input wants `YYYY-MM-DD`, a checkbox `true` or
    /// `false`).
    pub fn input_value(self, stored: &str) -> String {
        let s = stored.trim();
        match self {
            AttributeKind::Text => s.to_string(),
            AttributeKind::Boolean => (parse_bool(s) == Some(true)).to_string(),
            AttributeKind::Date => s
                .parse::<i64>()
                .map(crate::dates::format_date)
                .unwrap_or_default(),
        }
    }

    /// A stored value for people: dates as `YYYY-MM-DD`, booleans as Yes or No; a value that
    /// does not fit the type is shown as it is.
    pub fn display(self, stored: &str) -> String {
        let s = stored.trim();
        match self {
            AttributeKind::Text => s.to_string(),
            AttributeKind::Boolean => match parse_bool(s) {
                Some(true) => "Yes".into(),
                Some(false) => "No".into(),
                None => s.to_string(),
            },
            AttributeKind::Date => s
                .parse::<i64>()
                .map(crate::dates::format_date)
                .unwrap_or_else(|_| s.to_string()),
        }
    }

    /// The value to write for a form value: `None` clears the attribute (a blank text or date);
    /// an error says what is wrong.
    pub fn parse_input(self, input: &str) -> Result<Option<AttributeValue>, String> {
        let t = input.trim();
        match self {
            AttributeKind::Text if t.is_empty() => Ok(None),
            AttributeKind::Text => Ok(Some(AttributeValue::Text(t.to_string()))),
            AttributeKind::Boolean => parse_bool(t)
                .map(|b| Some(AttributeValue::Boolean(b)))
                .ok_or_else(|| format!("“{t}” is not true or false.")),
            AttributeKind::Date if t.is_empty() => Ok(None),
            AttributeKind::Date => super::certificates::issued::parse_date(t)
                .map(|ms| Some(AttributeValue::Date(ms)))
                .ok_or_else(|| format!("“{t}” is not a date (YYYY-MM-DD).")),
        }
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// One line of the attributes editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeRow {
    pub field: AttributeField,
    /// The stored value (empty: none).
    pub value: String,
}

/// The editor's lines: every attribute the server describes, with the device's value, then the
/// device's values the description leaves out (read-only text). Names match without regard to
/// case.
pub fn attribute_rows(fields: &[AttributeField], values: &[(String, String)]) -> Vec<AttributeRow> {
    let value_of = |name: &str| {
        values
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let described = fields.iter().map(|f| AttributeRow {
        field: f.clone(),
        value: value_of(&f.name),
    });
    let undescribed = values
        .iter()
        .filter(|(k, _)| !fields.iter().any(|f| f.name.eq_ignore_ascii_case(k)))
        .map(|(k, v)| AttributeRow {
            field: AttributeField {
                name: k.clone(),
                kind: AttributeKind::Text,
                writable: false,
            },
            value: v.clone(),
        });
    described.chain(undescribed).collect()
}

/// What the editor's form values change: `inputs` are (name, form value) of the writable lines.
/// Lines whose form value is the one the stored value gives are left out.
pub fn changes(rows: &[AttributeRow], inputs: &FormValues) -> Result<Vec<AttributeChange>, String> {
    let mut out = Vec::new();
    for row in rows.iter().filter(|r| r.field.writable) {
        let Some((_, input)) = inputs.iter().find(|(n, _)| *n == row.field.name) else {
            continue;
        };
        let kind = row.field.kind;
        let unchanged = input.trim() == kind.input_value(&row.value)
            // A checkbox left off on an attribute without a value changes nothing.
            || (kind == AttributeKind::Boolean && row.value.trim().is_empty() && input.trim() == "false");
        if unchanged {
            continue;
        }
        let value = kind
            .parse_input(input)
            .map_err(|e| format!("{}: {e}", row.field.name))?;
        out.push((row.field.name.clone(), value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, kind: AttributeKind, writable: bool) -> AttributeField {
        AttributeField {
            name: name.into(),
            kind,
            writable,
        }
    }

    #[test]
    fn widgets_read_and_write_their_type() {
        use AttributeKind::*;
        // 2027-03-01T10:00:00Z.
        let ms = "1803895200000";
        assert_eq!(Date.input_value(ms), "2027-03-01");
        assert_eq!(Date.display(ms), "2027-03-01");
        assert_eq!(
            Date.parse_input("2027-03-01"),
            Ok(Some(AttributeValue::Date(1_803_859_200_000)))
        );
        assert_eq!(Date.parse_input(" "), Ok(None));
        assert!(Date.parse_input("01/03/2027").is_err());
        assert_eq!(Date.display("soon"), "soon");
        assert_eq!(Boolean.input_value("TRUE"), "true");
        assert_eq!(Boolean.input_value(""), "false");
        assert_eq!(Boolean.display("false"), "No");
        assert_eq!(
            Boolean.parse_input("true"),
            Ok(Some(AttributeValue::Boolean(true)))
        );
        assert_eq!(
            Text.parse_input(" AT-1 "),
            Ok(Some(AttributeValue::Text("AT-1".into())))
        );
        assert_eq!(Text.parse_input(""), Ok(None));
    }

    #[test]
    fn rows_list_described_attributes_then_the_rest_read_only() {
        let fields = [
            field("assetTag", AttributeKind::Text, true),
            field("nacCompliant", AttributeKind::Boolean, true),
        ];
        let values = [
            ("NACCOMPLIANT".to_string(), "false".to_string()),
            ("legacy".to_string(), "x".to_string()),
        ];
        let rows = attribute_rows(&fields, &values);
        let seen: Vec<(&str, &str, bool)> = rows
            .iter()
            .map(|r| (r.field.name.as_str(), r.value.as_str(), r.field.writable))
            .collect();
        assert_eq!(
            seen,
            [
                ("assetTag", "", true),
                ("nacCompliant", "false", true),
                ("legacy", "x", false)
            ]
        );
    }

    #[test]
    fn only_changed_writable_values_are_sent() {
        let rows = attribute_rows(
            &[
                field("assetTag", AttributeKind::Text, true),
                field("nacCompliant", AttributeKind::Boolean, true),
                field("warrantyExpires", AttributeKind::Date, true),
                field("serial", AttributeKind::Text, false),
            ],
            &[
                ("assetTag".into(), "AT-1".into()),
                ("warrantyExpires".into(), "1803895200000".into()),
            ],
        );
        let inputs = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        // Nothing touched: nothing sent (an unset checkbox left off is no change).
        let same = inputs(&[
            ("assetTag", "AT-1"),
            ("nacCompliant", "false"),
            ("warrantyExpires", "2027-03-01"),
            ("serial", "other"),
        ]);
        assert_eq!(changes(&rows, &same), Ok(vec![]));
        let edited = inputs(&[
            ("assetTag", ""),
            ("nacCompliant", "true"),
            ("warrantyExpires", "2028-01-31"),
        ]);
        assert_eq!(
            changes(&rows, &edited),
            Ok(vec![
                ("assetTag".to_string(), None),
                (
                    "nacCompliant".to_string(),
                    Some(AttributeValue::Boolean(true))
                ),
                (
                    "warrantyExpires".to_string(),
                    Some(AttributeValue::Date(1_832_889_600_000))
                ),
            ])
        );
        let bad = inputs(&[("warrantyExpires", "tomorrow")]);
        assert!(changes(&rows, &bad)
            .unwrap_err()
            .starts_with("warrantyExpires:"));
    }
}
