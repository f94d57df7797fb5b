//! Attribute validation and rendering, as CZERTAINLY's attribute engine does it for a SCEP
//! profile's `issueCertificateAttributes` (data attributes defined by the RA profile's
//! authority) and `customAttributes` (custom attributes defined for SCEP profiles).
//!
//! Messages follow the platform's wording. Every problem of every attribute is reported, so one
//! 422 answer carries them all.

use super::world::AttrDef;
use std::collections::HashSet;
use wire::czertainly::attributes::{
    AttributeContentItem, AttributeType, RequestAttribute, ResponseAttribute, VERSION_V2,
};

/// Checks `attrs` against `defs` and appends a message per problem: an attribute without a
/// definition, given twice, with another content type than its definition, with content that
/// is `null` or of the wrong JSON type, and each required attribute without content.
pub fn validate(
    defs: &[AttrDef],
    kind: &AttributeType,
    attrs: &[RequestAttribute],
    errors: &mut Vec<String>,
) {
    let mut seen = HashSet::new();
    for a in attrs {
        let Some(d) = defs.iter().find(|d| d.name == a.name) else {
            errors.push(match kind {
                AttributeType::Custom => format!(
                    "Content for custom attribute {} is provided but resource SCEP Profile is not associated with it",
                    a.name
                ),
                _ => format!(
                    "Content for attribute {} is provided but definition is not found",
                    a.name
                ),
            });
            continue;
        };
        if !seen.insert(d.name) {
            errors.push(format!("Attribute {} is given more than once", d.name));
            continue;
        }
        let given = a
            .content_type
            .iter()
            .chain(a.content.iter().filter_map(|c| c.content_type.as_ref()))
            .find(|t| **t != d.content_type);
        if let Some(t) = given {
            errors.push(format!(
                "{} attribute '{}' of content type '{}' has different content type in request attribute: '{}'",
                kind.label(),
                d.name,
                d.content_type.label(),
                t.label()
            ));
            continue;
        }
        if a.content.is_empty() {
            if d.required {
                errors.push(required(kind, d));
            }
            continue;
        }
        if a.content.iter().any(|c| c.data.is_null()) {
            errors.push(format!(
                "Content of attribute {} is malformed and does not contain data",
                d.name
            ));
        } else if !a.content.iter().all(|c| d.content_type.accepts(&c.data)) {
            errors.push(format!(
                "Wrong content for attribute {} of content type {}",
                d.name,
                d.content_type.label()
            ));
        }
    }
    for d in defs.iter().filter(|d| d.required && !seen.contains(d.name)) {
        errors.push(required(kind, d));
    }
}

fn required(kind: &AttributeType, d: &AttrDef) -> String {
    format!(
        "Content for required {} attribute {} is not provided.",
        kind.label(),
        d.name
    )
}

/// The stored attributes as the platform answers them: the definition's uuid, label, type and
/// content type, content items as `{reference, data}`. An attribute without a definition (the
/// certificate associations' custom attributes) keeps what was sent.
pub fn render(
    defs: &[AttrDef],
    kind: &AttributeType,
    attrs: &[RequestAttribute],
) -> Vec<ResponseAttribute> {
    attrs
        .iter()
        .map(|a| {
            let d = defs.iter().find(|d| d.name == a.name);
            ResponseAttribute {
                content: a
                    .content
                    .iter()
                    .map(|c| AttributeContentItem {
                        content_type: None,
                        ..c.clone()
                    })
                    .collect(),
                uuid: d.map(|d| d.uuid.to_string()).or_else(|| a.uuid.clone()),
                name: a.name.clone(),
                label: Some(d.map_or(a.name.as_str(), |d| d.label).to_string()),
                kind: Some(kind.clone()),
                content_type: d
                    .map(|d| d.content_type.clone())
                    .or_else(|| a.content_type.clone()),
                version: Some(VERSION_V2.into()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::czertainly::world::{attribute, ADCS_ISSUE};
    use serde_json::json;
    use wire::czertainly::attributes::AttributeContentType;

    fn check(attrs: &[RequestAttribute]) -> Vec<String> {
        let mut e = Vec::new();
        validate(&ADCS_ISSUE, &AttributeType::Data, attrs, &mut e);
        e
    }

    #[test]
    fn every_problem_is_reported() {
        let [template, validity] = &ADCS_ISSUE;
        assert!(check(&[attribute(template, json!("T"))]).is_empty());
        assert_eq!(
            check(&[]),
            vec!["Content for required Data attribute template is not provided."]
        );
        let mut wrong_type = attribute(validity, json!(30));
        wrong_type.content_type = Some(AttributeContentType::String);
        let e = check(&[
            attribute(template, json!(5)),
            wrong_type,
            attribute(template, json!("again")),
            RequestAttribute {
                name: "colour".into(),
                ..Default::default()
            },
        ]);
        assert_eq!(
            e,
            vec![
                "Wrong content for attribute template of content type String",
                "Data attribute 'validityDays' of content type 'Integer number' has different content type in request attribute: 'String'",
                "Attribute template is given more than once",
                "Content for attribute colour is provided but definition is not found",
            ]
        );
        let mut empty = attribute(template, json!("x"));
        empty.content.clear();
        assert_eq!(
            check(&[empty]),
            vec!["Content for required Data attribute template is not provided."]
        );
        let mut null = attribute(template, json!("x"));
        null.content[0].data = serde_json::Value::Null;
        assert_eq!(
            check(&[null]),
            vec!["Content of attribute template is malformed and does not contain data"]
        );
    }

    #[test]
    fn rendered_with_the_definition() {
        let [template, _] = &ADCS_ISSUE;
        let r = render(
            &ADCS_ISSUE,
            &AttributeType::Data,
            &[attribute(template, json!("T"))],
        );
        assert_eq!(r[0].label.as_deref(), Some("Certificate template"));
        assert_eq!(r[0].kind, Some(AttributeType::Data));
        assert_eq!(r[0].content[0].content_type, None);
        assert_eq!(r[0].uuid.as_deref(), Some(template.uuid));
    }
}
