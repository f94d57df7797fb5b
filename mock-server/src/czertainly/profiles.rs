//! The handlers of the "SCEP Profile Management" operations of the CZERTAINLY reference (paths in
//! [`super`]).

use super::attributes;
use super::world::{same_id, scep_ca_acceptable, CzWorld, ProfileRec, RaProfile, CUSTOM};
use super::{not_found_message, CzConfig, CzError, CzPath, CzResult, PREFIX};
use crate::state::SharedState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use wire::czertainly::attributes::AttributeType;
use wire::czertainly::certificates::Certificate;
use wire::czertainly::scep::{
    CertificateAssociations, RaProfileSummary, ScepProfile, ScepProfileDetail,
    ScepProfileEditRequest, ScepProfileRequest,
};
use wire::czertainly::BulkActionMessage;

const PROFILE: &str = "ScepProfile";

/// A JSON body; anything unreadable is the platform's 400 (`HttpMessageNotReadableException`).
fn json_body<T: DeserializeOwned>(body: &Bytes) -> CzResult<T> {
    serde_json::from_slice(body)
        .map_err(|e| CzError::BadRequest(format!("Unable to read HTTP message: {e}")))
}

fn profile_index(w: &CzWorld, uuid: &str) -> CzResult<usize> {
    w.profile_index(uuid)
        .ok_or_else(|| CzError::not_found(PROFILE, uuid))
}

/// A name must be given and be a path segment of the SCEP URL as it is (the platform's rule).
fn name_errors(name: &str) -> Vec<String> {
    if name.is_empty() {
        vec!["Name cannot be empty".into()]
    } else if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~'))
    {
        vec!["Name can contain only unreserved URI characters (alphanumeric, hyphen, period, underscore, and tilde)".into()]
    } else {
        Vec::new()
    }
}

/// A secret sent blank (absent or `""`) keeps the stored one.
fn secret(sent: Option<String>, stored: Option<String>) -> Option<String> {
    sent.filter(|s| !s.is_empty()).or(stored)
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

/// What a refused delete says: the CZERTAINLY reference's bulk sample message, then the dependants.
fn dependants_message(deps: &[&RaProfile]) -> String {
    let names: Vec<&str> = deps.iter().map(|r| r.name.as_str()).collect();
    format!(
        "Object is associated with other items. Dependent RA Profiles ({}): {}",
        names.len(),
        names.join(", ")
    )
}

impl CzWorld {
    fn ra_summary(&self, uuid: &str) -> Option<RaProfileSummary> {
        self.ra_profile(uuid).map(|r| RaProfileSummary {
            uuid: r.uuid.clone(),
            name: r.name.clone(),
            enabled: Some(r.enabled),
            authority_instance_uuid: Some(r.authority_uuid.clone()),
        })
    }

    /// `ScepProfileDto`.
    pub fn summary(&self, p: &ProfileRec, config: &CzConfig) -> ScepProfile {
        let ra = p.ra_profile.as_deref().and_then(|u| self.ra_summary(u));
        ScepProfile {
            uuid: p.uuid.clone(),
            name: p.name.clone(),
            enabled: p.enabled,
            description: p.description.clone(),
            scep_url: ra.as_ref().map(|_| config.scep_url(&p.name)),
            ra_profile: ra,
            include_ca_certificate: p.include_ca_certificate,
            include_ca_certificate_chain: p.include_ca_certificate_chain,
            renew_threshold: p.renewal_threshold,
            enable_intune: p.enable_intune,
            ..Default::default()
        }
    }

    /// `ScepProfileDetailDto`: no secret in it.
    pub fn detail(&self, p: &ProfileRec, config: &CzConfig) -> ScepProfileDetail {
        let issue_defs = p
            .ra_profile
            .as_deref()
            .and_then(|u| self.ra_profile(u))
            .map_or(&[][..], |r| r.issue_attributes);
        ScepProfileDetail {
            profile: self.summary(p, config),
            issue_certificate_attributes: attributes::render(
                issue_defs,
                &AttributeType::Data,
                &p.issue_attributes,
            ),
            custom_attributes: attributes::render(
                &CUSTOM,
                &AttributeType::Custom,
                &p.custom_attributes,
            ),
            ca_certificate: self.certificate(&p.ca_certificate).cloned(),
            intune_tenant: p.intune_tenant.clone(),
            intune_application_id: p.intune_application_id.clone(),
            certificate_associations: p.associations.as_ref().map(|a| CertificateAssociations {
                owner_uuid: a.owner_uuid.clone(),
                group_uuids: a.group_uuids.clone(),
                custom_attributes: attributes::render(
                    &[],
                    &AttributeType::Custom,
                    &a.custom_attributes,
                ),
            }),
        }
    }

    /// Validates a create or edit body against the world and, when it is valid, stores it in
    /// `rec` (the whole profile, but the secrets left blank). 404 for an unknown RA profile or
    /// CA certificate; 422 with `errors` and every problem found.
    fn apply(
        &self,
        rec: &mut ProfileRec,
        r: ScepProfileEditRequest,
        mut errors: Vec<String>,
    ) -> CzResult<()> {
        let ra = match r.ra_profile_uuid.as_deref().map(str::trim) {
            None | Some("") => None,
            // Earlier platform versions: "NONE" is no RA profile.
            Some(u) if u.eq_ignore_ascii_case("NONE") => None,
            Some(u) => Some(
                self.ra_profile(u)
                    .ok_or_else(|| CzError::not_found("RaProfile", u))?,
            ),
        };
        let ca_uuid = r.ca_certificate_uuid.trim();
        let ca = if ca_uuid.is_empty() {
            errors.push("CA Certificate cannot be empty".into());
            None
        } else {
            Some(
                self.certificate(ca_uuid)
                    .ok_or_else(|| CzError::not_found("Certificate", ca_uuid))?,
            )
        };
        let intune = r.enable_intune.unwrap_or(false);
        if ca.is_some_and(|c| !scep_ca_acceptable(c, intune)) {
            errors.push(
                "CA Certificate is not acceptable as SCEP CA certificate for this profile".into(),
            );
        }
        if r.renewal_threshold.is_some_and(|t| t < 0) {
            errors.push("Renewal threshold must be 0 or more days".into());
        }
        let intune_key = secret(r.intune_application_key, rec.intune_application_key.take());
        if intune
            && (blank(&r.intune_tenant) || blank(&r.intune_application_id) || intune_key.is_none())
        {
            errors.push("Invalid Intune configuration. Missing Intune tenant and/or intune app identification".into());
        }
        if let Some(ra) = ra {
            attributes::validate(
                ra.issue_attributes,
                &AttributeType::Data,
                &r.issue_certificate_attributes,
                &mut errors,
            );
        }
        attributes::validate(
            &CUSTOM,
            &AttributeType::Custom,
            &r.custom_attributes,
            &mut errors,
        );
        let Some(ca) = ca.filter(|_| errors.is_empty()) else {
            return Err(CzError::Invalid(errors));
        };
        *rec = ProfileRec {
            uuid: std::mem::take(&mut rec.uuid),
            name: std::mem::take(&mut rec.name),
            enabled: rec.enabled,
            description: r.description,
            ra_profile: ra.map(|ra| ra.uuid.clone()),
            ca_certificate: ca.uuid.clone(),
            include_ca_certificate: r.include_ca_certificate,
            include_ca_certificate_chain: r.include_ca_certificate_chain,
            renewal_threshold: r.renewal_threshold,
            challenge_password: secret(r.challenge_password, rec.challenge_password.take()),
            enable_intune: intune,
            intune_tenant: r.intune_tenant,
            intune_application_id: r.intune_application_id,
            intune_application_key: intune_key,
            // Issue attributes belong to an RA profile's authority; without one there are none.
            issue_attributes: if ra.is_some() {
                r.issue_certificate_attributes
            } else {
                Vec::new()
            },
            custom_attributes: r.custom_attributes,
            associations: r.certificate_associations.filter(|a| !a.is_empty()),
        };
        Ok(())
    }

    /// Sets `enabled`; `false` when the uuid names no profile.
    fn set_enabled(&mut self, uuid: &str, on: bool) -> bool {
        match self.profile_index(uuid) {
            Some(i) => {
                self.profiles[i].enabled = on;
                true
            }
            None => false,
        }
    }

    /// Deletes the profiles and returns the failures. Without `force` a profile RA profiles use
    /// is kept; with it, their SCEP protocol is deactivated first.
    fn delete_many(&mut self, uuids: &[String], force: bool) -> Vec<BulkActionMessage> {
        let mut failures = Vec::new();
        for u in uuids {
            let Some(i) = self.profile_index(u) else {
                failures.push(BulkActionMessage {
                    uuid: u.clone(),
                    name: String::new(),
                    message: not_found_message(PROFILE, u),
                });
                continue;
            };
            let id = self.profiles[i].uuid.clone();
            if force {
                self.detach(&id);
            }
            let deps = self.dependants(&id);
            if !deps.is_empty() {
                failures.push(BulkActionMessage {
                    uuid: u.clone(),
                    name: self.profiles[i].name.clone(),
                    message: dependants_message(&deps),
                });
                continue;
            }
            self.profiles.remove(i);
        }
        failures
    }
}

/// GET `/v1/scepProfiles`.
pub async fn list(State(st): State<SharedState>) -> Json<Vec<ScepProfile>> {
    let config = st.czertainly.config();
    let w = st.czertainly.lock();
    Json(w.profiles.iter().map(|p| w.summary(p, &config)).collect())
}

/// GET `/v1/scepProfiles/{uuid}`.
pub async fn detail(
    State(st): State<SharedState>,
    CzPath(uuid): CzPath<String>,
) -> CzResult<Json<ScepProfileDetail>> {
    let config = st.czertainly.config();
    let w = st.czertainly.lock();
    let i = profile_index(&w, &uuid)?;
    Ok(Json(w.detail(&w.profiles[i], &config)))
}

/// POST `/v1/scepProfiles`: 201 with the detail and its `Location`; the profile starts disabled.
pub async fn create(State(st): State<SharedState>, body: Bytes) -> CzResult<Response> {
    let req: ScepProfileRequest = json_body(&body)?;
    let config = st.czertainly.config();
    let mut w = st.czertainly.lock();
    if !req.name.is_empty() && w.profile_by_name(&req.name).is_some() {
        return Err(CzError::Conflict(
            "SCEP Profile with same name already exists".into(),
        ));
    }
    let errors = name_errors(&req.name);
    let mut rec = ProfileRec {
        name: req.name,
        enabled: false,
        ..Default::default()
    };
    w.apply(&mut rec, req.profile, errors)?;
    rec.uuid = w.next_uuid();
    let body = w.detail(&rec, &config);
    let location = format!("{PREFIX}/v1/scepProfiles/{}", rec.uuid);
    w.profiles.push(rec);
    let mut res = (StatusCode::CREATED, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(LOCATION, v);
    }
    Ok(res)
}

/// PUT `/v1/scepProfiles/{uuid}`: stores the whole profile sent (a `name` is ignored; blank
/// secrets keep the stored ones).
pub async fn edit(
    State(st): State<SharedState>,
    CzPath(uuid): CzPath<String>,
    body: Bytes,
) -> CzResult<Json<ScepProfileDetail>> {
    let req: ScepProfileEditRequest = json_body(&body)?;
    let config = st.czertainly.config();
    let mut w = st.czertainly.lock();
    let i = profile_index(&w, &uuid)?;
    let mut rec = w.profiles[i].clone();
    w.apply(&mut rec, req, Vec::new())?;
    let body = w.detail(&rec, &config);
    w.profiles[i] = rec;
    Ok(Json(body))
}

/// DELETE `/v1/scepProfiles/{uuid}`: 204, or 422 naming the RA profiles that use it.
pub async fn delete_one(
    State(st): State<SharedState>,
    CzPath(uuid): CzPath<String>,
) -> CzResult<StatusCode> {
    let mut w = st.czertainly.lock();
    profile_index(&w, &uuid)?;
    match w.delete_many(&[uuid], false).pop() {
        None => Ok(StatusCode::NO_CONTENT),
        Some(f) => Err(CzError::Invalid(vec![f.message])),
    }
}

/// DELETE `/v1/scepProfiles/delete` with the uuids: the failures only.
pub async fn bulk_delete(
    State(st): State<SharedState>,
    body: Bytes,
) -> CzResult<Json<Vec<BulkActionMessage>>> {
    let uuids: Vec<String> = json_body(&body)?;
    Ok(Json(st.czertainly.lock().delete_many(&uuids, false)))
}

/// DELETE `/v1/scepProfiles/delete/force` with the uuids: the failures only (unknown uuids).
pub async fn force_delete(
    State(st): State<SharedState>,
    body: Bytes,
) -> CzResult<Json<Vec<BulkActionMessage>>> {
    let uuids: Vec<String> = json_body(&body)?;
    Ok(Json(st.czertainly.lock().delete_many(&uuids, true)))
}

fn enable_one(st: &SharedState, uuid: &str, on: bool) -> CzResult<StatusCode> {
    if st.czertainly.lock().set_enabled(uuid, on) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(CzError::not_found(PROFILE, uuid))
    }
}

/// PATCH `/v1/scepProfiles/{uuid}/enable`.
pub async fn enable(
    State(st): State<SharedState>,
    CzPath(uuid): CzPath<String>,
) -> CzResult<StatusCode> {
    enable_one(&st, &uuid, true)
}

/// PATCH `/v1/scepProfiles/{uuid}/disable`.
pub async fn disable(
    State(st): State<SharedState>,
    CzPath(uuid): CzPath<String>,
) -> CzResult<StatusCode> {
    enable_one(&st, &uuid, false)
}

fn enable_many(st: &SharedState, body: &Bytes, on: bool) -> CzResult<StatusCode> {
    let uuids: Vec<String> = json_body(body)?;
    let mut w = st.czertainly.lock();
    for u in &uuids {
        // Unknown uuids are skipped, as the platform does.
        w.set_enabled(u, on);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// PATCH `/v1/scepProfiles/enable` with the uuids.
pub async fn bulk_enable(State(st): State<SharedState>, body: Bytes) -> CzResult<StatusCode> {
    enable_many(&st, &body, true)
}

/// PATCH `/v1/scepProfiles/disable` with the uuids.
pub async fn bulk_disable(State(st): State<SharedState>, body: Bytes) -> CzResult<StatusCode> {
    enable_many(&st, &body, false)
}

/// PATCH `/v1/scepProfiles/{uuid}/raProfiles/{raProfileUuid}`: 204. Another RA profile than
/// the current one drops the issue attributes (they belonged to the previous authority).
pub async fn set_ra_profile(
    State(st): State<SharedState>,
    CzPath((uuid, ra_uuid)): CzPath<(String, String)>,
) -> CzResult<StatusCode> {
    let mut w = st.czertainly.lock();
    let i = profile_index(&w, &uuid)?;
    let ra = w
        .ra_profile(&ra_uuid)
        .ok_or_else(|| CzError::not_found("RaProfile", &ra_uuid))?
        .uuid
        .clone();
    let p = &mut w.profiles[i];
    if !p.ra_profile.as_deref().is_some_and(|r| same_id(r, &ra)) {
        p.issue_attributes.clear();
        p.ra_profile = Some(ra);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Spring's reading of a boolean request parameter.
fn parse_flag(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "on" | "yes" | "1" => Some(true),
        "false" | "off" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// GET `/v1/scepProfiles/caCertificates?intuneEnabled=…` (required): the certificates the
/// platform accepts as a SCEP CA, only the Intune-capable ones with `true`.
pub async fn ca_certificates(
    State(st): State<SharedState>,
    uri: Uri,
) -> CzResult<Json<Vec<Certificate>>> {
    let pairs = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&uri)
        .map_err(|e| CzError::BadRequest(e.body_text()))?
        .0;
    let value = pairs
        .iter()
        .find(|(k, _)| k == "intuneEnabled")
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| {
            CzError::BadRequest(
                "Required request parameter 'intuneEnabled' for method parameter type boolean is not present".into(),
            )
        })?;
    let intune = parse_flag(value).ok_or_else(|| {
        CzError::BadRequest(format!(
            "Failed to convert value of type 'java.lang.String' to required type 'boolean'; Invalid boolean value [{value}]"
        ))
    })?;
    let w = st.czertainly.lock();
    Ok(Json(
        w.certificates
            .iter()
            .filter(|c| scep_ca_acceptable(c, intune))
            .cloned()
            .collect(),
    ))
}
