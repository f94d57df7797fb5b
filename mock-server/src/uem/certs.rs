//! Certificate management (overview, "Certificate management"): embedded
//! certificates, certificate enrollments, `pki/certificates/{guid}` and `pki/bundles/{guid}`.
//!
//! What may be done with a certificate or a bundle is its `Allow` header (`OPTIONS`, "Getting the
//! available operations for a Certificate"): `GET` when the public certificate can be downloaded,
//! `DELETE`, `PATCH` (renew). A certificate in a bundle has neither `DELETE` nor `PATCH` ("If a
//! certificate belongs to a bundle, then renew and delete operations are available only for a
//! Certificate Bundle entity") and answers them 405 `CERTIFICATE_IN_BUNDLE`. Manually uploaded
//! certificates are not renewable (no PKI to renew them from). Renew and delete "can be
//! asynchronous": they answer 202 and stay pending ([`super::world::Pending`]) for
//! [`super::UemConfig::completion_delay`], without `DELETE`/`PATCH` in `Allow` meanwhile (409
//! `OPERATION_IN_PROGRESS` if asked again).

use super::directory::{cert_profile, require_user, user_by_guid, wire_device};
use super::error::{allow_value, reply, UemError, UemPath, UemResult};
use super::media;
use super::session::Session;
use super::world::{BundleRec, CertRec, EmbeddedRec, Pending, PendingOp, UemWorld, DYNAMICS_APPS};
use crate::state::{SharedState, World};
use axum::extract::State;
use axum::http::header::{ALLOW, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::sync::{MutexGuard, RwLockReadGuard};
use std::time::Instant;
use wire::uem::certs::{
    CertificateBundle, CertificateEnrollment, CertificateEnrollments, CertificateInfo,
    CertificateState, DynamicsApplication, EmbeddedCertificate, EmbeddedCertificates,
};
use wire::uem::directory::{CertificateSource, User as WireUser};
use wire::uem::{errors, format_time, media as mt, GuidRef};

fn embedded_not_found(guid: &str) -> UemError {
    UemError::new(
        errors::EMBEDDED_CERTIFICATE_NOT_FOUND,
        format!("Embedded certificate {guid} not found."),
    )
}

fn certificate_not_found(guid: &str) -> UemError {
    UemError::new(
        errors::CERTIFICATE_NOT_FOUND,
        format!("Certificate {guid} not found."),
    )
}

fn bundle_not_found(guid: &str) -> UemError {
    UemError::new(
        errors::CERTIFICATE_BUNDLE_NOT_FOUND,
        format!("Certificate bundle {guid} not found."),
    )
}

/// What a list shows of a certificate.
pub fn certificate_info(c: &CertRec) -> CertificateInfo {
    CertificateInfo {
        guid: c.guid.clone(),
        subject: Some(c.info.subject.clone()),
        issuer: Some(c.info.issuer.clone()),
        serial_number: Some(c.info.serial.clone()),
        not_before: Some(format_time(c.info.not_before_ms)),
        not_after: Some(format_time(c.info.not_after_ms)),
        file_name: c.file_name.clone(),
    }
}

fn state_of(p: Option<Pending>) -> CertificateState {
    match p.map(|p| p.op) {
        None => CertificateState::Active,
        Some(PendingOp::Renew) => CertificateState::RenewalPending,
        Some(PendingOp::Delete) => CertificateState::DeletionPending,
    }
}

/// An embedded certificate as answered.
pub fn render_embedded(world: &World, w: &UemWorld, e: &EmbeddedRec) -> EmbeddedCertificate {
    let cert = w.certs.get(&e.cert);
    EmbeddedCertificate {
        guid: e.guid.clone(),
        user: user_by_guid(world, &e.user).map(|u| WireUser {
            guid: u.uuid.clone(),
            username: Some(u.principal.clone()),
            display_name: Some(u.display_name()),
            ..WireUser::default()
        }),
        profile: w
            .cert_profiles
            .iter()
            .find(|p| p.guid == e.profile)
            .map(cert_profile),
        certificate: cert.map(certificate_info),
        certificate_bundle: cert.and_then(|c| c.bundle.clone()).map(GuidRef::new),
        state: cert.map(|c| state_of(w.pending_of(c))),
        enrollment_count: Some(
            w.enrollments
                .iter()
                .filter(|x| x.embedded == e.guid)
                .count() as u64,
        ),
    }
}

/// The start of a call on a user's certificates: media type (406), the caller's right (403),
/// the user (404); both worlds locked, and the user's GUID.
fn user_scope<'s>(
    state: &'s SharedState,
    session: &Session,
    headers: &HeaderMap,
    produced: &str,
    user: &str,
) -> UemResult<(RwLockReadGuard<'s, World>, MutexGuard<'s, UemWorld>, String)> {
    media::accept(headers, produced)?;
    session.require_certificates_of(user)?;
    let world = state.read();
    let guid = require_user(&world, user)?.uuid.clone();
    let w = state.uem.lock();
    Ok((world, w, guid))
}

/// `GET users/{userGuid}/embeddedCertificates` ("Request Embedded Certificates for a User").
pub async fn user_embedded(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(user): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    let (world, w, user) =
        user_scope(&state, &session, &headers, mt::EMBEDDED_CERTIFICATES, &user)?;
    let list = w
        .embedded
        .iter()
        .filter(|e| e.user == user)
        .map(|e| render_embedded(&world, &w, e))
        .collect();
    Ok(reply(
        StatusCode::OK,
        mt::EMBEDDED_CERTIFICATES,
        &EmbeddedCertificates {
            embedded_certificates: list,
        },
    ))
}

/// The embedded certificate `ec` of `user`, or 404.
fn embedded_of<'a>(w: &'a UemWorld, user: &str, ec: &str) -> UemResult<&'a EmbeddedRec> {
    w.embedded
        .iter()
        .find(|e| e.user == user && e.guid.eq_ignore_ascii_case(ec.trim()))
        .ok_or_else(|| embedded_not_found(ec))
}

/// `GET users/{userGuid}/embeddedCertificates/{embeddedCertificateGUID}`.
pub async fn user_embedded_one(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath((user, ec)): UemPath<(String, String)>,
    headers: HeaderMap,
) -> UemResult<Response> {
    let (world, w, user) = user_scope(&state, &session, &headers, mt::EMBEDDED_CERTIFICATE, &user)?;
    let e = embedded_of(&w, &user, &ec)?;
    Ok(reply(
        StatusCode::OK,
        mt::EMBEDDED_CERTIFICATE,
        &render_embedded(&world, &w, e),
    ))
}

/// `GET embeddedCertificates/{embeddedCertificateGUID}` ("or as a root resource").
pub async fn embedded_one(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(ec): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::EMBEDDED_CERTIFICATE)?;
    let world = state.read();
    let w = state.uem.lock();
    let e = w
        .embedded
        .iter()
        .find(|e| e.guid.eq_ignore_ascii_case(ec.trim()))
        .ok_or_else(|| embedded_not_found(&ec))?;
    session.require_certificates_of(&e.user)?;
    Ok(reply(
        StatusCode::OK,
        mt::EMBEDDED_CERTIFICATE,
        &render_embedded(&world, &w, e),
    ))
}

/// `GET users/{userGuid}/embeddedCertificates/{guid}/certificateEnrollments` ("Request
/// Certificate Enrollments for an Embedded Certificate and User"): user devices, and
/// BlackBerry Dynamics apps with their status.
pub async fn enrollments(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath((user, ec)): UemPath<(String, String)>,
    headers: HeaderMap,
) -> UemResult<Response> {
    let (world, w, user) = user_scope(
        &state,
        &session,
        &headers,
        mt::CERTIFICATE_ENROLLMENTS,
        &user,
    )?;
    let e = embedded_of(&w, &user, &ec)?;
    let list =
        w.enrollments
            .iter()
            .filter(|x| x.embedded == e.guid)
            .map(|x| CertificateEnrollment {
                guid: x.guid.clone(),
                user_device: x
                    .device
                    .as_deref()
                    .and_then(|d| world.device(d))
                    .map(wire_device),
                application: x.app.and_then(|i| DYNAMICS_APPS.get(i)).map(|a| {
                    DynamicsApplication {
                        guid: a.guid.to_string(),
                        name: Some(a.name.to_string()),
                        entitlement_id: Some(a.entitlement_id.to_string()),
                    }
                }),
                status: x.status.clone(),
                status_date: Some(format_time(x.status_ms)),
            })
            .collect();
    Ok(reply(
        StatusCode::OK,
        mt::CERTIFICATE_ENROLLMENTS,
        &CertificateEnrollments {
            certificate_enrollments: list,
        },
    ))
}

fn renewable(source: &CertificateSource) -> bool {
    *source != CertificateSource::Manual
}

/// The `Allow` of a certificate.
pub fn certificate_allow(w: &UemWorld, c: &CertRec) -> Vec<Method> {
    let mut m = Vec::new();
    if c.downloadable {
        m.push(Method::GET);
    }
    if c.bundle.is_none() && w.pending_of(c).is_none() {
        m.push(Method::DELETE);
        if renewable(&c.source) {
            m.push(Method::PATCH);
        }
    }
    m.push(Method::OPTIONS);
    m
}

/// The `Allow` of a bundle.
pub fn bundle_allow(b: &BundleRec) -> Vec<Method> {
    let mut m = vec![Method::GET];
    if b.pending.is_none() {
        m.push(Method::DELETE);
        if b.renewable {
            m.push(Method::PATCH);
        }
    }
    m.push(Method::OPTIONS);
    m
}

/// The certificate and its `Allow`, for a caller who may manage its owner's certificates.
fn certificate_for<'a>(w: &'a UemWorld, session: &Session, guid: &str) -> UemResult<&'a CertRec> {
    let key = w
        .cert_key(guid)
        .ok_or_else(|| certificate_not_found(guid))?;
    let owner = w.owner_of_cert(&key).unwrap_or_default();
    session.require_certificates_of(owner)?;
    w.certs.get(&key).ok_or_else(|| certificate_not_found(guid))
}

fn bundle_for<'a>(w: &'a UemWorld, session: &Session, guid: &str) -> UemResult<&'a BundleRec> {
    let key = w.bundle_key(guid).ok_or_else(|| bundle_not_found(guid))?;
    let owner = w.owner_of_bundle(&key).unwrap_or_default();
    session.require_certificates_of(owner)?;
    w.bundles.get(&key).ok_or_else(|| bundle_not_found(guid))
}

fn options_response(allow: &[Method]) -> Response {
    let mut res = StatusCode::OK.into_response();
    if let Ok(v) = HeaderValue::from_str(&allow_value(allow)) {
        res.headers_mut().insert(ALLOW, v);
    }
    res
}

/// `<common name>.cer`, letters, digits, `.`, `-` and `_` only.
pub fn download_name(c: &CertRec) -> String {
    let base: String = c
        .info
        .common_name
        .as_deref()
        .unwrap_or(&c.guid)
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '_') {
                ch
            } else {
                '_'
            }
        })
        .collect();
    let base = base.trim_matches('_');
    format!("{}.cer", if base.is_empty() { &c.guid } else { base })
}

/// `GET pki/certificates/{certificateGUID}` ("Downloading public key Certificate"): the DER
/// X.509 certificate as `application/pkix-cert`, its file name in `Content-Disposition`; 405
/// when it is not available for download.
pub async fn download(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(guid): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::PKIX_CERT)?;
    let w = state.uem.lock();
    let c = certificate_for(&w, &session, &guid)?;
    if !c.downloadable {
        return Err(UemError::new(
            errors::OPERATION_NOT_SUPPORTED,
            "The public key certificate is not available for download.",
        )
        .with_allow(&certificate_allow(&w, c)));
    }
    let mut res = (StatusCode::OK, c.der.clone()).into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(mt::PKIX_CERT));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", download_name(c)))
    {
        h.insert(CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// `OPTIONS pki/certificates/{certificateGUID}` ("Getting the available operations for a
/// Certificate").
pub async fn certificate_options(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(guid): UemPath<String>,
) -> UemResult<Response> {
    let w = state.uem.lock();
    let c = certificate_for(&w, &session, &guid)?;
    Ok(options_response(&certificate_allow(&w, c)))
}

/// Why an operation cannot start on a certificate (405/409 with `Allow`), if it cannot.
fn refuse_certificate(w: &UemWorld, c: &CertRec, op: PendingOp) -> Option<UemError> {
    let allow = certificate_allow(w, c);
    let err = if let Some(b) = &c.bundle {
        UemError::new(
            errors::CERTIFICATE_IN_BUNDLE,
            format!(
                "The certificate belongs to certificate bundle {b}: renew or delete the bundle (pki/bundles/{b})."
            ),
        )
    } else if w.pending_of(c).is_some() {
        in_progress()
    } else if op == PendingOp::Renew && !renewable(&c.source) {
        UemError::new(
            errors::OPERATION_NOT_SUPPORTED,
            "A manually uploaded certificate cannot be renewed; upload a new one.",
        )
    } else {
        return None;
    };
    Some(err.with_allow(&allow))
}

fn in_progress() -> UemError {
    UemError::new(
        errors::OPERATION_IN_PROGRESS,
        "A renew or delete of this certificate is already in progress.",
    )
}

fn pending(state: &SharedState, op: PendingOp) -> Pending {
    Pending {
        op,
        due: Instant::now() + state.uem.config().completion_delay,
    }
}

/// `DELETE` / `PATCH` of a certificate: 202, pending.
fn start_on_certificate(
    state: &SharedState,
    session: &Session,
    guid: &str,
    op: PendingOp,
) -> UemResult<Response> {
    let p = pending(state, op);
    let mut w = state.uem.lock();
    let c = certificate_for(&w, session, guid)?;
    if let Some(e) = refuse_certificate(&w, c, op) {
        return Err(e);
    }
    let key = c.guid.clone();
    if let Some(c) = w.certs.get_mut(&key) {
        c.pending = Some(p);
    }
    Ok(StatusCode::ACCEPTED.into_response())
}

/// `DELETE` ("Deleting a Certificate", "Deleting a Certificate Bundle") and `PATCH` without a
/// body ("Renewing a Certificate", "Renewing a Certificate Bundle") of `pki/certificates/{guid}`
/// (`BUNDLE` false) and `pki/bundles/{guid}` (`BUNDLE` true): 202, pending.
pub async fn start<const BUNDLE: bool, const RENEW: bool>(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(guid): UemPath<String>,
) -> UemResult<Response> {
    let op = if RENEW {
        PendingOp::Renew
    } else {
        PendingOp::Delete
    };
    if BUNDLE {
        start_on_bundle(&state, &session, &guid, op)
    } else {
        start_on_certificate(&state, &session, &guid, op)
    }
}

/// `GET pki/bundles/{certificateBundleGUID}` ("Certificate Bundle operations").
pub async fn bundle(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(guid): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::CERTIFICATE_BUNDLE)?;
    let w = state.uem.lock();
    let b = bundle_for(&w, &session, &guid)?;
    let profile = b
        .certs
        .first()
        .and_then(|c| w.embedded.iter().find(|e| &e.cert == c))
        .and_then(|e| w.cert_profiles.iter().find(|p| p.guid == e.profile))
        .map(cert_profile);
    let body = CertificateBundle {
        guid: b.guid.clone(),
        certificates: b
            .certs
            .iter()
            .filter_map(|c| w.certs.get(c))
            .map(certificate_info)
            .collect(),
        profile,
        state: Some(state_of(b.pending)),
    };
    Ok(reply(StatusCode::OK, mt::CERTIFICATE_BUNDLE, &body))
}

/// `OPTIONS pki/bundles/{certificateBundleGUID}`.
pub async fn bundle_options(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(guid): UemPath<String>,
) -> UemResult<Response> {
    let w = state.uem.lock();
    let b = bundle_for(&w, &session, &guid)?;
    Ok(options_response(&bundle_allow(b)))
}

/// `DELETE` / `PATCH` of a bundle: 202, pending for all its certificates.
fn start_on_bundle(
    state: &SharedState,
    session: &Session,
    guid: &str,
    op: PendingOp,
) -> UemResult<Response> {
    let p = pending(state, op);
    let mut w = state.uem.lock();
    let b = bundle_for(&w, session, guid)?;
    let allow = bundle_allow(b);
    if b.pending.is_some() {
        return Err(in_progress().with_allow(&allow));
    }
    if op == PendingOp::Renew && !b.renewable {
        return Err(UemError::new(
            errors::OPERATION_NOT_SUPPORTED,
            "A bundle uploaded as PKCS#12 cannot be renewed; upload a new file.",
        )
        .with_allow(&allow));
    }
    let key = b.guid.clone();
    if let Some(b) = w.bundles.get_mut(&key) {
        b.pending = Some(p);
    }
    Ok(StatusCode::ACCEPTED.into_response())
}
