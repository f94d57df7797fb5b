//! User-provided certificates (V2 guide, "Managing user certificates").
//!
//! Who may call (digest `certificates-api.md`, "Part F: Open questions", 1, decided in
//! [`super::roles`]): admins with User Management for anyone; a user-portal user for themself only
//! (upload, delete, get, get all); everyone else 403.

use super::envelope::{ok, V2Error, V2Result};
use super::pkcs12::{self, UploadError};
use super::roles;
use super::world::{CeConfig, Upload};
use super::{now_ms, Ctx};
use crate::auth::Caller;
use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use wire::v2::ce::CaProtocol;
use wire::v2::user_provided::{CeCertificateDetails, UserCertificate, UserIdBody};
use wire::v2::{keys, Envelope, Message, MessagesOnly};

/// The `CEid` must be a USER_PROVIDED configuration (V2 guide, "Error checking and validation").
fn user_provided_config(ctx: &Ctx, ce: &str) -> V2Result<CeConfig> {
    let invalid = || {
        V2Error::bad_request(
            "ce.NOT_USER_PROVIDED",
            "The certificate enrollment ID is not a valid user provided configuration.",
        )
    };
    let id: i64 = ce.trim().parse().map_err(|_| invalid())?;
    let world = ctx.v2.lock();
    world
        .config(id)
        .filter(|c| c.protocol == CaProtocol::UserProvided)
        .cloned()
        .ok_or_else(invalid)
}

/// The principal must be a known user (V2 guide, "Error checking and validation"). Returns the
/// stored principal.
fn known_user(ctx: &Ctx, principal: &str) -> V2Result<String> {
    ctx.app
        .read()
        .user(principal.trim())
        .map(|u| u.principal.clone())
        .ok_or_else(|| {
            V2Error::bad_request(
                "user.NOT_A_PRINCIPAL",
                "The user ID is not a valid user principal.",
            )
        })
}

fn allowed(caller: &Caller, principal: &str) -> V2Result<()> {
    if roles::may_manage_user_certs(caller, principal) {
        Ok(())
    } else {
        Err(V2Error::forbidden())
    }
}

/// `{"userId": …}` (or `usernId`, the name in the request table of "Get list of user provided
/// certificate enrollment ID information…") from a JSON body.
fn user_id(body: &Bytes) -> V2Result<String> {
    let b: UserIdBody = if body.iter().all(u8::is_ascii_whitespace) {
        UserIdBody::default()
    } else {
        serde_json::from_slice(body).map_err(|e| {
            V2Error::bad_request(
                "request.BODY",
                format!("The request body is not valid JSON: {e}"),
            )
        })?
    };
    b.user_id
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .ok_or_else(|| V2Error::required("userId"))
}

fn upload_error(e: UploadError) -> V2Error {
    let status = match e {
        UploadError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::BAD_REQUEST,
    };
    V2Error::new(status, &e.key(), e.text())
}

/// `POST /api/v2/configuration/CE/USER_PROVIDED/{CEid}/uploadCertificate`, multipart with `file`,
/// `principal` and `password` (V2 guide, "Upload user-provided certificate"). Uploading again
/// replaces the certificate.
pub async fn upload(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    Path(ce): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> V2Result<Response> {
    if !roles::has_all(&caller, roles::UM) && !roles::is_portal_user(&caller) {
        return Err(V2Error::forbidden());
    }
    let config = user_provided_config(&ctx, &ce)?;
    let mut multipart = multipart.map_err(|_| {
        V2Error::bad_request(
            "request.MULTIPART",
            "The request must be multipart/form-data with the parts file, principal and password.",
        )
    })?;
    let (mut file, mut principal, mut password) = (None::<Bytes>, None::<String>, String::new());
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(upload_error(UploadError::TooLarge(
                    pkcs12::MAX_FILE_BYTES * 2,
                )))
            }
            Err(e) => {
                return Err(V2Error::bad_request(
                    "request.MULTIPART",
                    format!("The upload could not be read: {}", e.body_text()),
                ))
            }
        };
        let name = field.name().unwrap_or_default().to_string();
        let read = match name.as_str() {
            "file" => field.bytes().await.map(|b| file = Some(b)),
            "principal" => field.text().await.map(|t| principal = Some(t)),
            "password" => field.text().await.map(|t| password = t),
            _ => Ok(()),
        };
        if let Err(e) = read {
            return Err(if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                upload_error(UploadError::TooLarge(pkcs12::MAX_FILE_BYTES * 2))
            } else {
                V2Error::bad_request(
                    "request.MULTIPART",
                    format!("The upload could not be read: {}", e.body_text()),
                )
            });
        }
    }
    let principal = principal
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .ok_or_else(|| V2Error::required("principal"))?;
    allowed(&caller, &principal)?;
    let principal = known_user(&ctx, &principal)?;
    let file = file.ok_or_else(|| upload_error(UploadError::NoFile))?;
    let now = now_ms();
    let info =
        pkcs12::validate(&file, &password, config.require_password, now).map_err(upload_error)?;
    let mut world = ctx.v2.lock();
    let id = world.next_upload_id;
    world.next_upload_id += 1;
    world.uploads.insert(
        (config.id, principal.to_ascii_lowercase()),
        Upload {
            id,
            uploaded_ms: now,
            info,
            is_pkcs12: true,
        },
    );
    Ok(ok(&MessagesOnly::message(Message::info(
        keys::SUCCESS_UPLOAD,
        keys::SUCCESS_UPLOAD_TEXT,
    ))))
}

fn no_certificate() -> V2Error {
    V2Error::new(
        StatusCode::NOT_FOUND,
        "upload.NOT_FOUND",
        "No user provided certificate found.",
    )
}

/// `POST …/{CEid}/deleteCertificate {"userId": …}` (V2 guide, "Delete user-provided certificates").
/// Removes the whole entry.
pub async fn delete(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    Path(ce): Path<String>,
    body: Bytes,
) -> V2Result<Response> {
    let config = user_provided_config(&ctx, &ce)?;
    let user = user_id(&body)?;
    allowed(&caller, &user)?;
    let principal = known_user(&ctx, &user)?;
    let mut world = ctx.v2.lock();
    world
        .uploads
        .remove(&(config.id, principal.to_ascii_lowercase()))
        .ok_or_else(no_certificate)?;
    Ok(ok(&MessagesOnly::message(Message::info(
        keys::SUCCESS_DELETE,
        keys::SUCCESS_DELETE_TEXT,
    ))))
}

/// The `results` of `getCertificate` for an upload.
pub fn user_certificate(u: &Upload, now: i64) -> UserCertificate {
    let i = &u.info;
    UserCertificate {
        id: None,
        version: Some(i.version.to_string()),
        serial_number: Some(i.serial.clone()),
        signature_algorithm: Some(i.signature_algorithm.clone()),
        issuer: Some(i.issuer.clone()),
        not_before: Some(i.not_before_ms),
        not_after: Some(i.not_after_ms),
        subject: Some(i.subject.clone()),
        common_name: i.common_name.clone(),
        iphone_development_apns_cert: Some(false),
        identity: Some(false),
        valid_time_line: Some(i.not_before_ms <= now && now <= i.not_after_ms),
        ..UserCertificate::default()
    }
}

/// `POST …/{CEid}/getCertificate {"userId": …}` (V2 guide, "Get list of user provided certificate
/// enrollment ID information…"); 404 when nothing was uploaded.
pub async fn get_one(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    Path(ce): Path<String>,
    body: Bytes,
) -> V2Result<Response> {
    let config = user_provided_config(&ctx, &ce)?;
    let user = user_id(&body)?;
    allowed(&caller, &user)?;
    let principal = known_user(&ctx, &user)?;
    let world = ctx.v2.lock();
    let upload = world
        .upload(config.id, &principal)
        .ok_or_else(no_certificate)?;
    let cert = user_certificate(upload, now_ms());
    Ok(ok(&Envelope::results(cert).with_message(Message::info(
        keys::SUCCESS_GET_CERTIFICATE,
        keys::SUCCESS_GET_CERTIFICATE_TEXT,
    ))))
}

/// `POST …/all/getAllUserProvidedCertificateDetails {"userId": …}` (V2 guide, "Get list of all user
/// provided certificate enrollment IDs' information…"): every USER_PROVIDED configuration, with the
/// user's certificate or `null` fields.
pub async fn get_all(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> V2Result<Response> {
    let user = user_id(&body)?;
    allowed(&caller, &user)?;
    let principal = known_user(&ctx, &user)?;
    let world = ctx.v2.lock();
    let rows: Vec<CeCertificateDetails> = world
        .configs
        .iter()
        .filter(|c| c.protocol == CaProtocol::UserProvided)
        .map(|c| {
            let u = world.upload(c.id, &principal);
            CeCertificateDetails {
                ce_id: Some(c.id),
                certificate_id: u.map(|u| u.id),
                require_password: Some(c.require_password),
                display_name: Some(c.display_name.clone()),
                certificate_expiration_date: u.map(|u| u.info.not_after_ms),
                certificate_uploaded_date: u.map(|u| u.uploaded_ms),
                is_pkcs12: u.map(|u| u.is_pkcs12),
            }
        })
        .collect();
    Ok(ok(&Envelope::results(rows).with_message(Message::info(
        keys::SUCCESS_GET_CE_DETAILS,
        keys::SUCCESS_GET_CE_DETAILS_TEXT,
    ))))
}
