//! UEM's error body (overview, "Errors"): `{"id", "subStatusCode", "message"}` as
//! `application/vnd.blackberry.error-v1+json`. The id and sub-status go into the error's
//! [`Reference`] (shown with the message, for quoting to support); a message about one property
//! of an entity starts with the property's path (`allowedDomains[0].domainName: …`, see
//! `wire::uem::ErrorBody::property`), which goes into [`Reference::fields`] so forms show it
//! under that property.

use crate::backend::error::{plain_json_error, Reference};
use wire::uem::ErrorBody;

pub fn read_error(v: &serde_json::Value) -> (String, Reference) {
    let body = match serde_json::from_value::<ErrorBody>(v.clone()) {
        Ok(b) if !b.id.is_empty() => b,
        // "Many", not all, errors carry the body (UEM overview, "Errors": only "Many" 400 and 500 level responses carry it): read what else came.
        _ => return plain_json_error(v),
    };
    let fields = body
        .property()
        .map(|(path, reason)| vec![(Some(path.to_string()), reason.to_string())])
        .unwrap_or_default();
    let reference = Reference {
        error_id: Some(body.id.clone()),
        sub_status: body.sub_status_code,
        fields,
        ..Reference::default()
    };
    (body.message.unwrap_or_default(), reference)
}

#[cfg(test)]
mod tests {
    use super::super::DIALECT;
    use crate::backend::error::{classify, ErrorKind};
    use wire::uem::media;

    fn read(status: u16, body: &str) -> crate::backend::ApiError {
        classify(
            status,
            media::ERROR,
            None,
            body.as_bytes(),
            DIALECT.error_reader,
        )
    }

    #[test]
    fn the_overview_samples_show_message_id_sub_status_and_correlation_id() {
        // Overview, "Errors": both samples, verbatim.
        let e = read(
            404,
            r#"{ "id" : "APPLICATION_NOT_FOUND", "subStatusCode" : 113, "message" : "Application not found." }"#,
        )
        .with_correlation_id("5f1c2d3e-0000-4000-8000-000000000001");
        assert!(e.is_not_found());
        assert_eq!(
            e.message(),
            "Application not found. (Error APPLICATION_NOT_FOUND (113), reference 5f1c2d3e-0000-4000-8000-000000000001.)"
        );
        let e = read(
            403,
            r#"{ "id" : "NOT_AUTHORIZED", "subStatusCode" : 403, "message" : "Not authorized to complete the request." }"#,
        );
        assert!(e.is_forbidden());
        assert!(e
            .message()
            .contains("Not authorized to complete the request. (Error NOT_AUTHORIZED (403).)"));
        // Every request carries a fresh Correlation-Id (overview, "Set a custom correlation-id"),
        // which the transport adds to every error it reads with this dialect.
        const { assert!(DIALECT.correlation_ids) };
    }

    #[test]
    fn a_property_error_names_its_field() {
        let e = read(
            409,
            r#"{"id":"DUPLICATE_VALUE","subStatusCode":152,"message":"name: a ComplianceProfile with the name \"Default\" already exists"}"#,
        );
        assert_eq!(
            e.field_messages(),
            [(
                Some("name".to_string()),
                "a ComplianceProfile with the name \"Default\" already exists".to_string()
            )]
        );
        let e = read(
            400,
            r#"{"id":"INVALID_PROPERTY_VALUE","subStatusCode":151,"message":"allowedDomains[0].domainName: must be a domain such as example.com or *.example.com"}"#,
        );
        assert_eq!(
            e.field_messages()[0].0.as_deref(),
            Some("allowedDomains[0].domainName")
        );
        assert!(matches!(e.kind, ErrorKind::Rejected { status: 400, .. }));
        // Other ids carry no field, even when the message has a colon.
        let e = read(
            400,
            r#"{"id":"INVALID_QUERY","subStatusCode":136,"message":"query: x cannot be searched here"}"#,
        );
        assert!(e.field_messages().is_empty());
    }

    #[test]
    fn bodies_without_an_id_are_read_as_plain_messages() {
        let e = read(500, r#"{"message":"Proxy failure"}"#);
        assert!(e.message().contains("Proxy failure"), "{}", e.message());
        assert!(e.reference.is_none());
        // Tolerant reading: a sub-status sent as text still counts.
        let e = read(
            400,
            r#"{"id":"INVALID_REQUEST","subStatusCode":"400","message":"Bad."}"#,
        );
        assert!(
            e.message().ends_with("(Error INVALID_REQUEST (400).)"),
            "{}",
            e.message()
        );
    }
}
