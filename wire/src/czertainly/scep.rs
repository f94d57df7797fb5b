//! SCEP profiles (CZERTAINLY reference, "SCEP Profile Management"): the list item `ScepProfileDto`,
//! the detail `ScepProfileDetailDto`, and the create / edit bodies `ScepProfileRequestDto` /
//! `ScepProfileEditRequestDto`.
//!
//! Two names for one value (CZERTAINLY reference, the samples and the request tables): answers say
//! `renewThreshold`, requests `renewalThreshold`. The request types have no `renewThreshold` field,
//! so a client cannot send the answer's spelling by mistake; a server reading them ignores it as
//! the platform does (unknown properties are ignored).

use super::attributes::{RequestAttribute, ResponseAttribute};
use super::certificates::Certificate;
use serde::{Deserialize, Deserializer, Serialize};

/// `null` read as the type's default (Jackson leaves a primitive at its default for `null`, and
/// the platform treats a `null` list as empty).
fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// `SimplifiedRaProfileDto`: the RA profile of a SCEP profile or a certificate (CZERTAINLY
/// reference: `{uuid, name, enabled, authorityInstanceUuid}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RaProfileSummary {
    pub uuid: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority_instance_uuid: Option<String>,
}

/// `ScepProfileDto`, an item of the profile list (CZERTAINLY reference, the list sample).
///
/// The RA profile comes in two shapes: nested `raProfile` (CZERTAINLY reference, current
/// platform) or flat `raProfileUuid` / `raProfileName` with `requireManualApproval` (earlier
/// platform versions). Both are read; [`ScepProfile::ra_profile_ref`] gives either as one value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScepProfile {
    pub uuid: String,
    pub name: String,
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ra_profile: Option<RaProfileSummary>,
    /// Earlier shape of the RA profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ra_profile_uuid: Option<String>,
    /// Earlier shape of the RA profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ra_profile_name: Option<String>,
    /// Earlier platform versions only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_manual_approval: Option<bool>,
    #[serde(deserialize_with = "null_default")]
    pub include_ca_certificate: bool,
    #[serde(deserialize_with = "null_default")]
    pub include_ca_certificate_chain: bool,
    /// Days before expiry from which renewal is allowed; `null` or `0`: half of the
    /// certificate's validity. Written as `null` when unset, so the field is always there.
    pub renew_threshold: Option<i32>,
    #[serde(deserialize_with = "null_default")]
    pub enable_intune: bool,
    /// Where devices enrol: `{base}/v1/protocols/scep/{name}/pkiclient.exe`. The platform sends
    /// it only while the profile has an RA profile (not in the CZERTAINLY reference; CZERTAINLY's
    /// public `ScepProfileDto`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scep_url: Option<String>,
}

impl ScepProfile {
    /// The RA profile in either shape: the nested object, or one made of the flat fields.
    pub fn ra_profile_ref(&self) -> Option<RaProfileSummary> {
        if let Some(ra) = &self.ra_profile {
            return Some(ra.clone());
        }
        if self.ra_profile_uuid.is_none() && self.ra_profile_name.is_none() {
            return None;
        }
        Some(RaProfileSummary {
            uuid: self.ra_profile_uuid.clone().unwrap_or_default(),
            name: self.ra_profile_name.clone().unwrap_or_default(),
            enabled: None,
            authority_instance_uuid: None,
        })
    }
}

/// `certificateAssociations` of a detail (CZERTAINLY reference): owner, groups and custom
/// attributes set on the certificates the profile issues.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateAssociations {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_uuid: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub group_uuids: Vec<String>,
    #[serde(deserialize_with = "null_default")]
    pub custom_attributes: Vec<ResponseAttribute>,
}

/// `ProtocolCertificateAssociationsRequestDto` (CZERTAINLY reference, `certificateAssociations` of
/// the create and edit samples).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateAssociationsRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_uuid: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub group_uuids: Vec<String>,
    #[serde(deserialize_with = "null_default")]
    pub custom_attributes: Vec<RequestAttribute>,
}

impl CertificateAssociationsRequest {
    /// Nothing to associate (the platform then stores no associations).
    pub fn is_empty(&self) -> bool {
        self.owner_uuid.as_deref().is_none_or(str::is_empty)
            && self.group_uuids.is_empty()
            && self.custom_attributes.is_empty()
    }
}

/// `ScepProfileDetailDto` (CZERTAINLY reference, the detail sample; also the answer of create and
/// edit): the list item's fields plus attributes, the CA certificate, Intune and associations.
/// `challengePassword` and `intuneApplicationKey` are write-only: never part of an answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScepProfileDetail {
    #[serde(flatten)]
    pub profile: ScepProfile,
    #[serde(deserialize_with = "null_default")]
    pub issue_certificate_attributes: Vec<ResponseAttribute>,
    #[serde(deserialize_with = "null_default")]
    pub custom_attributes: Vec<ResponseAttribute>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_certificate: Option<Certificate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intune_tenant: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intune_application_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_associations: Option<CertificateAssociations>,
}

impl ScepProfileDetail {
    /// The edit body that stores this profile unchanged: an edit sends the whole profile, and
    /// leaves both secrets blank so the stored ones are kept.
    pub fn to_edit_request(&self) -> ScepProfileEditRequest {
        let p = &self.profile;
        ScepProfileEditRequest {
            description: p.description.clone(),
            ra_profile_uuid: p.ra_profile_ref().map(|r| r.uuid),
            issue_certificate_attributes: self
                .issue_certificate_attributes
                .iter()
                .map(ResponseAttribute::to_request)
                .collect(),
            ca_certificate_uuid: self
                .ca_certificate
                .as_ref()
                .map(|c| c.uuid.clone())
                .unwrap_or_default(),
            custom_attributes: self
                .custom_attributes
                .iter()
                .map(ResponseAttribute::to_request)
                .collect(),
            renewal_threshold: p.renew_threshold,
            include_ca_certificate: p.include_ca_certificate,
            include_ca_certificate_chain: p.include_ca_certificate_chain,
            challenge_password: None,
            enable_intune: Some(p.enable_intune),
            intune_tenant: self.intune_tenant.clone(),
            intune_application_id: self.intune_application_id.clone(),
            intune_application_key: None,
            certificate_associations: self.certificate_associations.as_ref().map(|a| {
                CertificateAssociationsRequest {
                    owner_uuid: a.owner_uuid.clone(),
                    group_uuids: a.group_uuids.clone(),
                    custom_attributes: a
                        .custom_attributes
                        .iter()
                        .map(ResponseAttribute::to_request)
                        .collect(),
                }
            }),
        }
    }
}

/// `ScepProfileEditRequestDto` (CZERTAINLY reference, the edit table and sample): every field of
/// the profile but `name` (a profile cannot be renamed). `issueCertificateAttributes` and
/// `caCertificateUuid` are marked required; the server answers 422 when the CA certificate is
/// missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScepProfileEditRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ra_profile_uuid: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub issue_certificate_attributes: Vec<RequestAttribute>,
    #[serde(deserialize_with = "null_default")]
    pub ca_certificate_uuid: String,
    #[serde(deserialize_with = "null_default")]
    pub custom_attributes: Vec<RequestAttribute>,
    /// The request's name for the answer's `renewThreshold`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewal_threshold: Option<i32>,
    /// "Default: false".
    #[serde(deserialize_with = "null_default")]
    pub include_ca_certificate: bool,
    /// "Default: false".
    #[serde(deserialize_with = "null_default")]
    pub include_ca_certificate_chain: bool,
    /// Write-only. Absent or empty keeps the stored password on edit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge_password: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_intune: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intune_tenant: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intune_application_id: Option<String>,
    /// Write-only. Absent or empty keeps the stored key on edit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intune_application_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_associations: Option<CertificateAssociationsRequest>,
}

/// `ScepProfileRequestDto` (CZERTAINLY reference, the create table and sample): the edit fields
/// plus the required `name`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScepProfileRequest {
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(flatten)]
    pub profile: ScepProfileEditRequest,
}
