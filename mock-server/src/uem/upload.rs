//! PKCS#12 uploads (overview, "Uploading certificates" and the sections after it):
//!
//! - `PUT users/{userGuid}/profiles/{profileGuid}/embeddedCertificates` **replaces** the
//!   certificates of a user profile assignment: a USER_CREDENTIAL profile with manual upload
//!   (`multipart/related` only: "do not support BlackBerry Dynamics applications"), or a
//!   USER_CERTIFICATE one in the form it was first uploaded in; 200.
//! - `POST users/{userGuid}/embeddedCertificates` **adds** a user certificate and "implicitly
//!   creates a new user profile assignment with a USER_CERTIFICATE profile category"; 201.
//!
//! The body is `multipart/related` (a metadata part `{"password": <base64>}` and an
//! `application/pkcs12` part, LF or CRLF line ends) or, for BlackBerry Dynamics, the raw
//! `application/pkcs12` ("UEM does not manage passwords for BlackBerry Dynamics certificates"):
//! such a file must open without a password. The file is checked for real
//! ([`crate::pkcs12::open_all`]); the answer lists one embedded certificate per private key, and
//! several keys make a bundle (not renewable: there is no PKI behind an upload).

use super::certs::render_embedded;
use super::directory::require_user;
use super::error::{reply, UemBody, UemError, UemPath, UemResult};
use super::media;
use super::session::Session;
use super::world::UemWorld;
use crate::pkcs12::{self, KeyCert, UploadError};
use crate::state::SharedState;
use axum::extract::State;
use axum::http::header::CONTENT_DISPOSITION;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Extension;
use wire::uem::certs::{CertificateMetadata, EmbeddedCertificates};
use wire::uem::directory::{CertificateSource, ProfileCategory};
use wire::uem::multipart::{self, disposition_file_name};
use wire::uem::{base64_decode, errors, media as mt};

/// The other spelling of the PKCS#12 type, accepted as well.
const X_PKCS12: &str = "application/x-pkcs12";

/// What was uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Payload {
    file: Vec<u8>,
    file_name: Option<String>,
    /// `None` for a raw BlackBerry Dynamics upload.
    password: Option<String>,
}

impl Payload {
    fn dynamics(&self) -> bool {
        self.password.is_none()
    }
}

/// The length of the DER element at the start of `b` (header included).
fn der_len(b: &[u8]) -> Option<usize> {
    let first = *b.get(1)?;
    if first < 0x80 {
        return Some(2 + usize::from(first));
    }
    let n = usize::from(first & 0x7f);
    if n == 0 || n > 4 {
        return None;
    }
    let len = b
        .get(2..2 + n)?
        .iter()
        .fold(0usize, |acc, &x| (acc << 8) | usize::from(x));
    Some(2 + n + len)
}

/// Drops line ends after the PKCS#12 structure: the overview's sample writes two newlines after
/// the file and only one belongs to the delimiter (overview, "Uploading certificate for a User
/// credential profile…": the shell sample).
fn trim_trailing_line_ends(mut file: Vec<u8>) -> Vec<u8> {
    if let Some(n) = der_len(&file) {
        if n < file.len()
            && file[n..]
                .iter()
                .all(|c| matches!(c, b'\r' | b'\n' | b' ' | b'\t'))
        {
            file.truncate(n);
        }
    }
    file
}

fn read_multipart(content_type: &str, body: &[u8]) -> UemResult<Payload> {
    let parts =
        multipart::parse(content_type, body).map_err(|e| UemError::invalid(e.to_string()))?;
    let start = wire::uem::MediaType::parse(content_type)
        .and_then(|m| m.param("start").map(str::to_string));
    let is = |p: &multipart::Part, types: &[&str]| {
        p.content_type()
            .is_some_and(|m| types.iter().any(|t| m.is(t)))
    };
    let file = parts
        .iter()
        .find(|p| is(p, &[mt::PKCS12, X_PKCS12]))
        .or_else(|| {
            parts
                .iter()
                .find(|p| start.is_some() && p.content_id() == start.as_deref())
        })
        .ok_or_else(|| UemError::invalid("The multipart body has no application/pkcs12 part."))?;
    let password = match parts
        .iter()
        .find(|p| is(p, &[mt::CERTIFICATE_METADATA, "application/json"]))
    {
        None => String::new(),
        Some(meta) => {
            let m: CertificateMetadata = serde_json::from_slice(&meta.body).map_err(|e| {
                UemError::invalid(format!(
                    "The certificate metadata part is not valid JSON: {e}"
                ))
            })?;
            let encoded = m.password.unwrap_or_default();
            base64_decode(&encoded)
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| {
                    UemError::new(
                        errors::INVALID_PROPERTY_VALUE,
                        "password: must be base64-encoded",
                    )
                })?
        }
    };
    Ok(Payload {
        file: trim_trailing_line_ends(file.body.clone()),
        file_name: file.file_name(),
        password: Some(password),
    })
}

/// The upload of a request: `multipart/related` or raw `application/pkcs12` (else 415).
fn read_payload(headers: &HeaderMap, body: &[u8]) -> UemResult<Payload> {
    let expected = [mt::MULTIPART_RELATED, mt::PKCS12];
    let ct = media::content_type(headers);
    match &ct {
        Some(m) if m.is(mt::MULTIPART_RELATED) => {
            let raw = headers
                .get(axum::http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            read_multipart(raw, body)
        }
        Some(m) if m.is(mt::PKCS12) || m.is(X_PKCS12) => Ok(Payload {
            file: body.to_vec(),
            file_name: headers
                .get(CONTENT_DISPOSITION)
                .and_then(|v| v.to_str().ok())
                .and_then(disposition_file_name),
            password: None,
        }),
        other => Err(media::unsupported(other.as_ref(), &expected)),
    }
}

fn upload_error(e: UploadError, dynamics: bool) -> UemError {
    let kind = match e {
        UploadError::TooLarge(_) => errors::PAYLOAD_TOO_LARGE,
        UploadError::PasswordRequired
        | UploadError::PasswordNeeded
        | UploadError::WrongPassword => errors::INVALID_PKCS12_PASSWORD,
        UploadError::NoPrivateKey => errors::NO_PRIVATE_KEY,
        UploadError::OldVersion(_) => errors::UNSUPPORTED_CERTIFICATE,
        UploadError::Expired(_) => errors::CERTIFICATE_EXPIRED,
        UploadError::NotYetValid(_) => errors::CERTIFICATE_NOT_YET_VALID,
        UploadError::NoFile
        | UploadError::EmptyFile
        | UploadError::NotPkcs12
        | UploadError::SeveralPrivateKeys(_)
        | UploadError::NoCertificate => errors::INVALID_PKCS12,
    };
    let message = if dynamics && e == UploadError::PasswordNeeded {
        "This PKCS#12 file is protected by a password, but a BlackBerry Dynamics certificate is uploaded without one (application/pkcs12); upload it as multipart/related with its password instead.".to_string()
    } else {
        e.text()
    };
    UemError::new(kind, message)
}

/// The private keys' certificates of the upload, checked.
fn open(p: &Payload) -> UemResult<Vec<KeyCert>> {
    pkcs12::open_all(
        &p.file,
        p.password.as_deref().unwrap_or(""),
        super::now_ms(),
    )
    .map_err(|e| upload_error(e, p.dynamics()))
}

/// Stores the certificates under `profile` for `user`; returns the embedded certificate GUIDs.
fn store(
    w: &mut UemWorld,
    user: &str,
    profile: &str,
    keys: Vec<KeyCert>,
    file_name: Option<String>,
) -> Vec<String> {
    let certs: Vec<String> = keys
        .into_iter()
        .map(|k| {
            w.store_certificate(
                k.der,
                k.info,
                CertificateSource::Manual,
                file_name.clone(),
                true,
            )
        })
        .collect();
    if certs.len() > 1 {
        w.bundle(&certs, false);
    }
    certs.iter().map(|c| w.embed(user, profile, c)).collect()
}

/// The answer: the new embedded certificates.
fn answer(state: &SharedState, status: StatusCode, embedded: &[String]) -> Response {
    let world = state.read();
    let w = state.uem.lock();
    let list = w
        .embedded
        .iter()
        .filter(|e| embedded.contains(&e.guid))
        .map(|e| render_embedded(&world, &w, e))
        .collect();
    reply(
        status,
        mt::EMBEDDED_CERTIFICATES,
        &EmbeddedCertificates {
            embedded_certificates: list,
        },
    )
}

/// The upload and the GUID of its user: media types (406, 415), the caller's right (403), the
/// user (404).
fn receive(
    state: &SharedState,
    session: &Session,
    headers: &HeaderMap,
    body: &[u8],
    user: &str,
) -> UemResult<(Payload, String)> {
    media::accept(headers, mt::EMBEDDED_CERTIFICATES)?;
    let payload = read_payload(headers, body)?;
    session.require_certificates_of(user)?;
    let guid = require_user(&state.read(), user)?.uuid.clone();
    Ok((payload, guid))
}

/// `PUT users/{userGuid}/profiles/{profileGuid}/embeddedCertificates`: replaces the
/// assignment's certificates; 200.
pub async fn replace(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath((user, profile)): UemPath<(String, String)>,
    headers: HeaderMap,
    UemBody(body): UemBody,
) -> UemResult<Response> {
    let (payload, user) = receive(&state, &session, &headers, &body, &user)?;
    let profile = {
        let w = state.uem.lock();
        let assigned = w
            .assignments_of(&user)
            .into_iter()
            .map(|(g, _, _)| g)
            .find(|g| g.eq_ignore_ascii_case(profile.trim()))
            .ok_or_else(|| {
                UemError::new(
                    errors::PROFILE_ASSIGNMENT_NOT_FOUND,
                    format!("Profile {profile} is not assigned to user {user}."),
                )
            })?;
        let p = w.cert_profiles.iter().find(|p| p.guid == assigned);
        match p {
            Some(p)
                if p.category == ProfileCategory::UserCredential
                    && p.source == CertificateSource::Manual =>
            {
                if payload.dynamics() {
                    return Err(UemError::new(
                        errors::UNSUPPORTED_MEDIA_TYPE,
                        "User credential profiles with manually uploaded certificates do not support BlackBerry Dynamics applications: send multipart/related with the password.",
                    ));
                }
            }
            Some(p) if p.category == ProfileCategory::UserCertificate => {
                if payload.dynamics() != p.dynamics {
                    let (want, was) = if p.dynamics {
                        (mt::PKCS12, "a BlackBerry Dynamics certificate")
                    } else {
                        (mt::MULTIPART_RELATED, "not a BlackBerry Dynamics certificate")
                    };
                    return Err(UemError::new(
                        errors::UNSUPPORTED_MEDIA_TYPE,
                        format!("This user certificate is {was}: replace it with {want}."),
                    ));
                }
            }
            _ => {
                return Err(UemError::new(
                    errors::UPLOAD_NOT_SUPPORTED,
                    "Certificates of this profile are not uploaded: they come from a PKI or the profile has none.",
                ))
            }
        }
        assigned
    };
    let keys = open(&payload)?;
    let embedded = {
        let mut w = state.uem.lock();
        let old: Vec<String> = w
            .embedded
            .iter()
            .filter(|e| e.user == user && e.profile == profile)
            .map(|e| e.cert.clone())
            .collect();
        // New first, then the old ones go: the profile is never left empty (and so kept).
        let new = store(&mut w, &user, &profile, keys, payload.file_name);
        w.remove_certs(&old);
        new
    };
    Ok(answer(&state, StatusCode::OK, &embedded))
}

/// `POST users/{userGuid}/embeddedCertificates`: a new user certificate and its USER_CERTIFICATE
/// profile assignment; 201.
pub async fn add(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(user): UemPath<String>,
    headers: HeaderMap,
    UemBody(body): UemBody,
) -> UemResult<Response> {
    let (payload, user) = receive(&state, &session, &headers, &body, &user)?;
    let keys = open(&payload)?;
    let embedded = {
        let mut w = state.uem.lock();
        let profile = w.add_user_certificate_profile(&user, payload.dynamics());
        store(&mut w, &user, &profile, keys, payload.file_name)
    };
    Ok(answer(&state, StatusCode::CREATED, &embedded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_length_and_trailing_newlines() {
        assert_eq!(der_len(&[0x30, 0x03, 1, 2, 3]), Some(5));
        assert_eq!(der_len(&[0x30, 0x82, 0x01, 0x00]), Some(4 + 256));
        assert_eq!(der_len(&[0x30]), None);
        assert_eq!(
            trim_trailing_line_ends(vec![0x30, 0x01, 0x0a, b'\n', b'\r', b'\n']),
            vec![0x30, 0x01, 0x0a]
        );
        // Anything else after the structure is left for the PKCS#12 reader to refuse.
        assert_eq!(
            trim_trailing_line_ends(vec![0x30, 0x01, 0x0a, b'x']),
            vec![0x30, 0x01, 0x0a, b'x']
        );
    }
}
