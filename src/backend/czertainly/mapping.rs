//! CZERTAINLY's SCEP profile objects (`wire::czertainly`, SCEP Profile Management) mapped into the
//! portal's domain, and the portal's input into the create and edit bodies.

use crate::domain::pki_attribute::{Attribute, ContentType};
use crate::domain::scep_profile::{
    Associations, CaCertificate, RaProfileRef, ScepProfile, ScepProfileDetail, ScepProfileInput,
};
use wire::czertainly::attributes::{
    AttributeContentItem, AttributeContentType, RequestAttribute, ResponseAttribute, VERSION_V2,
};
use wire::czertainly::certificates::Certificate;
use wire::czertainly::scep;

fn non_blank(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A content type the answer did not give is kept unknown (its values are then edited as JSON
/// or text), and sent back without one.
fn content_type(t: Option<&AttributeContentType>) -> ContentType {
    t.map_or(ContentType::Other(String::new()), |t| {
        ContentType::from_key(t.as_str())
    })
}

fn wire_content_type(t: &ContentType) -> Option<AttributeContentType> {
    let key = t.key();
    (!key.is_empty()).then(|| AttributeContentType::from(key))
}

pub fn attribute(a: &ResponseAttribute) -> Attribute {
    Attribute {
        id: a.uuid.clone(),
        name: a.name.clone(),
        label: non_blank(a.label.clone()),
        content_type: content_type(a.content_type.as_ref()),
        // `null` content is no value.
        values: a
            .content
            .iter()
            .map(|c| c.data.clone())
            .filter(|d| !d.is_null())
            .collect(),
    }
}

/// `RequestAttribute` (S2, the create and edit samples): each content item carries the content
/// type too.
pub fn request_attribute(a: &Attribute) -> RequestAttribute {
    let t = wire_content_type(&a.content_type);
    RequestAttribute {
        uuid: a.id.clone(),
        name: a.name.clone(),
        content_type: t.clone(),
        content: a
            .values
            .iter()
            .map(|v| AttributeContentItem {
                reference: None,
                data: v.clone(),
                content_type: t.clone(),
            })
            .collect(),
        version: Some(VERSION_V2.into()),
    }
}

pub fn ca_certificate(c: &Certificate) -> CaCertificate {
    CaCertificate {
        id: c.uuid.clone(),
        common_name: c.common_name.clone().unwrap_or_default(),
        subject: c.subject_dn.clone().unwrap_or_default(),
        issuer: c.issuer_dn.clone().unwrap_or_default(),
        serial_number: c.serial_number.clone().unwrap_or_default(),
        not_before_ms: c.not_before_ms(),
        not_after_ms: c.not_after_ms(),
        key_algorithm: c.public_key_algorithm.clone().unwrap_or_default(),
        key_size: c.key_size,
        private_key: c.private_key_availability,
        validation: c
            .validation_status
            .as_ref()
            .map(|v| v.label().to_string())
            .unwrap_or_default(),
        fingerprint: c.fingerprint.clone().unwrap_or_default(),
    }
}

/// A list item (either shape of its RA profile), with the CA certificate where known (the list
/// item has none; the detail has it).
pub fn profile(p: &scep::ScepProfile, ca: Option<CaCertificate>) -> ScepProfile {
    ScepProfile {
        id: p.uuid.clone(),
        name: p.name.clone(),
        description: p.description.clone().unwrap_or_default(),
        enabled: p.enabled,
        ra_profile: p.ra_profile_ref().map(|r| RaProfileRef {
            id: r.uuid,
            name: r.name,
            enabled: r.enabled,
        }),
        ca_certificate: ca,
        // `renewThreshold` in answers (C.2 #2); a negative one means nothing.
        renewal_threshold: p.renew_threshold.and_then(|t| u32::try_from(t).ok()),
        include_ca_certificate: p.include_ca_certificate,
        include_ca_chain: p.include_ca_certificate_chain,
        intune: p.enable_intune,
        scep_url: non_blank(p.scep_url.clone()),
    }
}

pub fn detail(d: &scep::ScepProfileDetail) -> ScepProfileDetail {
    ScepProfileDetail {
        profile: profile(&d.profile, d.ca_certificate.as_ref().map(ca_certificate)),
        issue_attributes: d
            .issue_certificate_attributes
            .iter()
            .map(attribute)
            .collect(),
        custom_attributes: d.custom_attributes.iter().map(attribute).collect(),
        intune_tenant: non_blank(d.intune_tenant.clone()),
        intune_application_id: non_blank(d.intune_application_id.clone()),
        associations: d
            .certificate_associations
            .as_ref()
            .map(|a| Associations {
                owner: non_blank(a.owner_uuid.clone()),
                groups: a.group_uuids.clone(),
                custom_attributes: a.custom_attributes.iter().map(attribute).collect(),
            })
            .filter(|a| !a.is_empty()),
    }
}

/// `ScepProfileEditRequestDto`: the whole profile (an edit stores what it is sent), the secrets
/// only when given. `enableIntune` is always sent.
pub fn edit_request(i: &ScepProfileInput) -> scep::ScepProfileEditRequest {
    scep::ScepProfileEditRequest {
        description: i.description.clone(),
        ra_profile_uuid: i.ra_profile.clone(),
        issue_certificate_attributes: i.issue_attributes.iter().map(request_attribute).collect(),
        ca_certificate_uuid: i.ca_certificate.clone(),
        custom_attributes: i.custom_attributes.iter().map(request_attribute).collect(),
        renewal_threshold: i.renewal_threshold.and_then(|t| i32::try_from(t).ok()),
        include_ca_certificate: i.include_ca_certificate,
        include_ca_certificate_chain: i.include_ca_chain,
        challenge_password: i.challenge_password.clone(),
        enable_intune: Some(i.intune),
        intune_tenant: i.intune_tenant.clone(),
        intune_application_id: i.intune_application_id.clone(),
        intune_application_key: i.intune_application_key.clone(),
        certificate_associations: i.associations.as_ref().map(|a| {
            scep::CertificateAssociationsRequest {
                owner_uuid: a.owner.clone(),
                group_uuids: a.groups.clone(),
                custom_attributes: a.custom_attributes.iter().map(request_attribute).collect(),
            }
        }),
    }
}

/// `ScepProfileRequestDto`: the edit body plus the name.
pub fn create_request(i: &ScepProfileInput) -> scep::ScepProfileRequest {
    scep::ScepProfileRequest {
        name: i.name.clone().unwrap_or_default(),
        profile: edit_request(i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scep_profile::{FormMode, ScepProfileForm};
    use serde_json::json;

    /// A detail as the platform answers it (S2's detail sample, with values of the types their
    /// content types name).
    fn sample() -> scep::ScepProfileDetail {
        serde_json::from_value(json!({
            "uuid": "7b55ge1c-844f-11dc-a8a3-0242ac120002", "name": "intune-devices", "enabled": true,
            "description": "Sample description",
            "raProfile": {"uuid": "ra-1", "name": "devices-ra", "enabled": true, "authorityInstanceUuid": "auth-1"},
            "includeCaCertificate": true, "includeCaCertificateChain": false, "renewThreshold": 30,
            "enableIntune": true,
            "issueCertificateAttributes": [{"content": [{"reference": "r", "data": "KioskDevice"}],
                "uuid": "def-1", "name": "template", "label": "Certificate template", "type": "data",
                "contentType": "string", "version": "v2"}],
            "customAttributes": [{"content": [{"data": 4100}, {"data": 4200}], "uuid": "def-2",
                "name": "costCenter", "label": "Cost center", "type": "custom", "contentType": "integer",
                "version": "v2"}],
            "caCertificate": {"uuid": "ca-1", "commonName": "Example Device Issuing CA",
                "subjectDn": "CN=Example Device Issuing CA", "issuerDn": "CN=Example Root CA",
                "serialNumber": "2b3c", "notBefore": "2024-06-15T08:30:00Z", "notAfter": "2031-06-15T08:30:00Z",
                "publicKeyAlgorithm": "RSA", "keySize": 2048, "validationStatus": "valid",
                "privateKeyAvailability": true, "fingerprint": "ab12"},
            "intuneTenant": "example.onmicrosoft.com", "intuneApplicationId": "app-1",
            "certificateAssociations": {"ownerUuid": "2f67a69d-7a41-4726-a25d-6a964681865a",
                "groupUuids": ["497f6eca-6276-4993-bfeb-53cbbbba6f08"], "customAttributes": []}
        }))
        .unwrap()
    }

    #[test]
    fn the_detail_maps_into_the_domain() {
        let d = detail(&sample());
        let p = &d.profile;
        assert_eq!(p.id, "7b55ge1c-844f-11dc-a8a3-0242ac120002");
        assert_eq!(p.ra_profile.as_ref().unwrap().title(), "devices-ra");
        assert_eq!(p.renewal_threshold, Some(30));
        let ca = p.ca_certificate.as_ref().unwrap();
        assert_eq!(
            ca.choice_label(),
            "Example Device Issuing CA (RSA 2048, until 2031-06-15)"
        );
        assert_eq!(ca.validation, "Valid");
        assert!(ca.private_key);
        assert_eq!(d.issue_attributes[0].content_type, ContentType::String);
        assert_eq!(d.issue_attributes[0].title(), "Certificate template");
        assert_eq!(d.custom_attributes[0].values, [json!(4100), json!(4200)]);
        assert_eq!(d.intune_tenant.as_deref(), Some("example.onmicrosoft.com"));
        assert_eq!(d.associations.as_ref().unwrap().groups.len(), 1);
    }

    #[test]
    fn the_list_reads_both_shapes_of_the_ra_profile() {
        // SCEP Profile Management's list item (nested `raProfile`) and earlier platform
        // versions' flat `raProfileUuid` / `raProfileName` (digest C.2 #16).
        for item in [
            json!({"uuid": "p1", "name": "a", "raProfile": {"uuid": "ra-1", "name": "devices-ra"}}),
            json!({"uuid": "p1", "name": "a", "raProfileUuid": "ra-1", "raProfileName": "devices-ra"}),
        ] {
            let w: scep::ScepProfile = serde_json::from_value(item).unwrap();
            let p = profile(&w, None);
            assert_eq!(
                p.ra_profile.map(|r| (r.id, r.name)),
                Some(("ra-1".into(), "devices-ra".into()))
            );
        }
        let w: scep::ScepProfile =
            serde_json::from_value(json!({"uuid": "p", "name": "n", "renewThreshold": -3}))
                .unwrap();
        assert_eq!(profile(&w, None).renewal_threshold, None);
    }

    #[test]
    fn an_unchanged_form_sends_what_the_platform_would_store_unchanged() {
        // The wire crate's own `to_edit_request` is the body that keeps a profile as it is; the
        // portal's path (detail → form → input → body) gives the same, but for the content items'
        // `reference`, which the portal does not edit.
        let wire_detail = sample();
        let form = ScepProfileForm::from_detail(&detail(&wire_detail));
        let body = edit_request(&form.validate(FormMode::Edit).unwrap());
        let mut expected = wire_detail.to_edit_request();
        for a in expected
            .issue_certificate_attributes
            .iter_mut()
            .chain(expected.custom_attributes.iter_mut())
        {
            a.content.iter_mut().for_each(|c| c.reference = None);
        }
        assert_eq!(body, expected);
        // The JSON on the wire: `renewalThreshold` (not the answer's `renewThreshold`), no
        // secrets, and the content type on each content item.
        let v = serde_json::to_value(&body).unwrap();
        assert_eq!(v["renewalThreshold"], 30);
        assert!(v.get("renewThreshold").is_none());
        assert!(v.get("challengePassword").is_none() && v.get("intuneApplicationKey").is_none());
        assert_eq!(
            v["customAttributes"][0],
            json!({"uuid": "def-2", "name": "costCenter", "contentType": "integer", "version": "v2",
                   "content": [{"data": 4100, "contentType": "integer"}, {"data": 4200, "contentType": "integer"}]})
        );
    }

    #[test]
    fn create_sends_the_name_and_new_secrets() {
        let mut form = ScepProfileForm::from_detail(&detail(&sample()));
        form.name = "new-profile".into();
        form.challenge_password = "s3cret".into();
        form.intune_application_key = "k3y".into();
        let body = create_request(&form.validate(FormMode::Create).unwrap());
        let v = serde_json::to_value(&body).unwrap();
        assert_eq!(v["name"], "new-profile");
        assert_eq!(v["challengePassword"], "s3cret");
        assert_eq!(v["intuneApplicationKey"], "k3y");
        assert_eq!(v["enableIntune"], true);
    }

    #[test]
    fn an_attribute_without_a_content_type_is_sent_back_without_one() {
        let a: ResponseAttribute = serde_json::from_value(
            json!({"name": "x", "content": [{"data": "v"}, {"data": null}]}),
        )
        .unwrap();
        let d = attribute(&a);
        assert_eq!(d.values, [json!("v")]);
        let r = request_attribute(&d);
        assert_eq!(r.content_type, None);
        assert_eq!(r.content[0].content_type, None);
        // Every content type the platform names has its own domain type.
        for t in AttributeContentType::KNOWN {
            let d = content_type(Some(t));
            assert!(!matches!(d, ContentType::Other(_)), "{t}");
            assert_eq!(wire_content_type(&d).as_ref(), Some(t));
        }
    }
}
