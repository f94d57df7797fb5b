//! EPMM's user-provided certificates (EPMM V2 certificate guide, "Managing user certificates"):
//! one slot per USER_PROVIDED configuration that applies to the user, holding at most one
//! certificate, which an upload replaces; the upload as multipart/form-data with real progress
//! through [`ApiClient::upload`]; and where an upload's refusal belongs in the form.
//! [`EpmmUserCertificates`] offers them as the neutral [`UserCertificateApi`].

use super::certificates::post_json;
use super::EpmmCalls;
use crate::backend::certificates::{OnProgress, UserCertificateApi};
use crate::backend::error::{body_message, ApiError, Reference};
use crate::backend::http::{parse, Body, UploadBody};
use crate::backend::ApiClient;
use crate::domain::certificates::pkcs12::Pkcs12File;
use crate::domain::certificates::user_provided::{
    CertDetails, CertOps, CertSlot, UploadForm, UserCert, FILE_FIELD, PASSWORD_FIELD,
};
use crate::url::encode_path_segment;
use gloo_net::http::Method;
use std::sync::Arc;
use wasm_bindgen::JsValue;
use wire::v2::user_provided::{CeCertificateDetails, UserCertificate, UserIdBody};
use wire::v2::Envelope;

const UP: &str = "/v2/configuration/CE/USER_PROVIDED";

/// A user-provided configuration's call, for one user.
fn slot_path(slot: &CertSlot, call: &str) -> String {
    format!("{UP}/{}/{call}", encode_path_segment(&slot.id))
}

// ---- the slots ----

/// What EPMM allows on an uploaded certificate: see its details, replace it, delete it.
const OPS: CertOps = CertOps {
    details: true,
    download: false,
    renew: false,
    delete: true,
    replace: true,
    on_bundle: false,
};

/// A row of "Get list of all user provided certificate enrollment IDs' information with
/// associated certificate details": a configuration, and the user's certificate when one was
/// uploaded (the certificate fields are `null` otherwise).
fn map_slot(r: CeCertificateDetails) -> Option<CertSlot> {
    let present = r.certificate_id.is_some() || r.certificate_expiration_date.is_some();
    let certificate = present.then(|| UserCert {
        id: r.certificate_id.map(|i| i.to_string()).unwrap_or_default(),
        expires: r.certificate_expiration_date,
        uploaded: r.certificate_uploaded_date,
        ops: OPS,
        ..UserCert::default()
    });
    Some(CertSlot {
        id: r.ce_id?.to_string(),
        name: r.display_name.unwrap_or_default(),
        upload: UploadForm::File {
            password_required: r.require_password.unwrap_or(false),
        },
        adds: false,
        certificates: certificate.into_iter().collect(),
    })
}

fn user_body(user: &str) -> UserIdBody {
    UserIdBody::new(user)
}

/// `POST …/all/getAllUserProvidedCertificateDetails {"userId": …}`: the one call the guide ties
/// to the User Portal.
async fn slots(api: &ApiClient, user: &str) -> Result<Arc<Vec<CertSlot>>, ApiError> {
    let e: Envelope<Vec<CeCertificateDetails>> = post_json(
        api,
        &format!("{UP}/all/getAllUserProvidedCertificateDetails"),
        user_body(user),
    )
    .await?;
    Ok(Arc::new(
        e.results
            .unwrap_or_default()
            .into_iter()
            .filter_map(map_slot)
            .collect(),
    ))
}

/// "Get list of user provided certificate enrollment ID information with associated certificate
/// details" (one object, though the title says a list): the user's certificate for one
/// configuration; `None` when nothing was uploaded (404).
async fn details(
    api: &ApiClient,
    slot: &CertSlot,
    user: &str,
) -> Result<Option<CertDetails>, ApiError> {
    #[derive(serde::Deserialize)]
    struct One {
        #[serde(default, deserialize_with = "wire::v2::lenient::object_or_first")]
        results: Option<UserCertificate>,
    }
    let body =
        serde_json::to_string(&user_body(user)).map_err(|e| ApiError::malformed(e.to_string()))?;
    let raw = match api
        .send(
            Method::POST,
            &slot_path(slot, "getCertificate"),
            Body::Json(body),
        )
        .await
    {
        Ok(raw) => raw,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(e),
    };
    let e: One = parse(&raw)?;
    Ok(e.results.map(|c| CertDetails {
        version: c.version.unwrap_or_default(),
        serial: c.serial_number.unwrap_or_default(),
        signature_algorithm: c.signature_algorithm.unwrap_or_default(),
        issuer: c.issuer.unwrap_or_default(),
        subject: c.subject.unwrap_or_default(),
        common_name: c.common_name.unwrap_or_default(),
        not_before: c.not_before,
        not_after: c.not_after,
        installed_on: Vec::new(),
    }))
}

/// "Delete user-provided certificates": `POST …/{CEid}/deleteCertificate {"userId": …}`;
/// answers the server's message.
async fn delete(api: &ApiClient, slot: &CertSlot, user: &str) -> Result<String, ApiError> {
    let e: Envelope<serde_json::Value> =
        post_json(api, &slot_path(slot, "deleteCertificate"), user_body(user)).await?;
    Ok(e.text())
}

// ---- the upload ----

/// One multipart part.
pub enum Part<'a> {
    Text(&'a str, &'a str),
    File {
        name: &'a str,
        file_name: &'a str,
        mime: &'a str,
        bytes: &'a [u8],
    },
}

fn form(parts: &[Part<'_>]) -> Result<web_sys::FormData, JsValue> {
    let form = web_sys::FormData::new()?;
    for part in parts {
        match part {
            Part::Text(k, v) => form.append_with_str(k, v)?,
            Part::File {
                name,
                file_name,
                mime,
                bytes,
            } => {
                let opts = web_sys::BlobPropertyBag::new();
                opts.set_type(mime);
                let arr = js_sys::Array::of1(&js_sys::Uint8Array::from(*bytes));
                let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&arr, &opts)?;
                form.append_with_blob_and_filename(name, &blob, file_name)?
            }
        }
    }
    Ok(form)
}

/// POSTs `parts` as multipart/form-data to `path` (under the API base; the browser sets the
/// boundary), reporting progress from 0.0 to 1.0. Answers the server's message on success.
pub async fn post_multipart(
    api: &ApiClient,
    path: &str,
    parts: &[Part<'_>],
    on_progress: impl Fn(f64) + 'static,
) -> Result<String, ApiError> {
    let form =
        form(parts).map_err(|_| ApiError::network("the browser could not prepare the upload"))?;
    let raw = api
        .upload(
            "POST",
            path,
            "application/json",
            UploadBody::Form(form),
            on_progress,
        )
        .await?;
    Ok(body_message(&raw.content_type, &raw.body, super::errors::read_error).0)
}

/// The form field a refused upload concerns: by the message key (the mock's
/// `mock.upload.password.*` and `mock.upload.file.*`; certificates digest, "Error envelope and
/// status codes for our mock"), else, for a refusal of the request, by the words of the message
/// (the guide describes its upload errors as sentences only: "Error checking and validation for
/// user-provided certificates").
pub fn upload_field(status: Option<u16>, key: &str, message: &str) -> Option<&'static str> {
    if key.contains(".password.") {
        return Some(PASSWORD_FIELD);
    }
    if key.contains(".file.") {
        return Some(FILE_FIELD);
    }
    if !matches!(status, Some(400 | 413 | 415 | 422)) {
        return None;
    }
    let m = message.to_ascii_lowercase();
    if m.contains("password") {
        Some(PASSWORD_FIELD)
    } else if ["file", "pkcs", "certificate", "key"]
        .iter()
        .any(|w| m.contains(w))
    {
        Some(FILE_FIELD)
    } else {
        None
    }
}

/// The refusal with the field it concerns named in its reference (the message is the same).
fn placed(e: ApiError) -> ApiError {
    let message = e.kind.message();
    let key = e
        .reference
        .as_ref()
        .and_then(|r| r.error_id.clone())
        .unwrap_or_default();
    let Some(field) = upload_field(e.status(), &key, &message) else {
        return e;
    };
    let mut r = e
        .reference
        .as_deref()
        .cloned()
        .unwrap_or_else(Reference::default);
    r.fields.push((Some(field.to_string()), message));
    e.with_reference(r)
}

/// "Upload user-provided certificate": `POST …/{CEid}/uploadCertificate` with the `file`,
/// `principal` and `password` parts. The principal goes verbatim in its part (the guide points
/// to a note on special characters that it does not have).
async fn upload(
    api: &ApiClient,
    slot: &CertSlot,
    principal: &str,
    file: Pkcs12File<'_>,
    on_progress: OnProgress,
) -> Result<String, ApiError> {
    let parts = [
        Part::File {
            name: "file",
            file_name: file.file_name,
            mime: "application/x-pkcs12",
            bytes: file.bytes,
        },
        Part::Text("principal", principal),
        Part::Text("password", file.password),
    ];
    post_multipart(
        api,
        &slot_path(slot, "uploadCertificate"),
        &parts,
        on_progress,
    )
    .await
    .map_err(placed)
}

// ---- the neutral interface ----

/// EPMM's user-provided certificates; users are principals.
pub struct EpmmUserCertificates {
    api: ApiClient,
}

impl EpmmUserCertificates {
    pub fn new(api: ApiClient) -> EpmmUserCertificates {
        EpmmUserCertificates { api }
    }
}

#[async_trait::async_trait(?Send)]
impl UserCertificateApi for EpmmUserCertificates {
    async fn slots(&self, user: &str) -> Result<Arc<Vec<CertSlot>>, ApiError> {
        slots(&self.api, user).await
    }

    async fn details(
        &self,
        user: &str,
        slot: &CertSlot,
        _cert: &UserCert,
    ) -> Result<Option<CertDetails>, ApiError> {
        details(&self.api, slot, user).await
    }

    async fn upload(
        &self,
        user: &str,
        slot: &CertSlot,
        file: Pkcs12File<'_>,
        on_progress: OnProgress,
    ) -> Result<String, ApiError> {
        upload(&self.api, slot, user, file, on_progress).await
    }

    async fn delete(
        &self,
        user: &str,
        slot: &CertSlot,
        _cert: &UserCert,
    ) -> Result<String, ApiError> {
        delete(&self.api, slot, user).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::certificates::user_provided::UploadField;

    #[test]
    fn a_row_is_a_slot_with_its_certificate_if_any() {
        // The sample row: ceId 10, displayName testUserProv, a certificate that expired.
        let row = CeCertificateDetails {
            ce_id: Some(10),
            certificate_id: Some(11),
            require_password: Some(true),
            display_name: Some("testUserProv".into()),
            certificate_expiration_date: Some(1_604_698_384_000),
            certificate_uploaded_date: Some(1_604_000_000_000),
            is_pkcs12: Some(true),
        };
        let s = map_slot(row.clone()).unwrap();
        assert_eq!(s.id, "10");
        assert_eq!(
            s.upload,
            UploadForm::File {
                password_required: true
            }
        );
        assert!(!s.adds);
        assert_eq!(s.certificates.len(), 1);
        assert_eq!(s.certificates[0].id, "11");
        assert_eq!(s.certificates[0].ops, OPS);
        assert!(s.certificates[0].ops.replace && !s.certificates[0].ops.renew);
        assert_eq!(
            slot_path(&s, "getCertificate"),
            format!("{UP}/10/getCertificate")
        );
        // Nothing uploaded: the certificate fields are null.
        let missing = map_slot(CeCertificateDetails {
            certificate_id: None,
            certificate_expiration_date: None,
            certificate_uploaded_date: None,
            ..row.clone()
        })
        .unwrap();
        assert!(missing.certificates.is_empty());
        // No configuration id: not a slot.
        assert!(map_slot(CeCertificateDetails { ce_id: None, ..row }).is_none());
    }

    #[test]
    fn upload_refusals_find_their_field() {
        assert_eq!(
            upload_field(
                Some(400),
                "mock.upload.password.WRONG",
                "Incorrect password for the PKCS#12 file."
            ),
            Some(PASSWORD_FIELD)
        );
        assert_eq!(
            upload_field(Some(400), "mock.upload.file.NOT_PKCS12", "x"),
            Some(FILE_FIELD)
        );
        // Without a known key: by the words.
        assert_eq!(
            upload_field(Some(400), "", "Incorrect password for the PKCS#12 file."),
            Some(PASSWORD_FIELD)
        );
        assert_eq!(
            upload_field(Some(400), "", "The file is not a valid PKCS#12 file."),
            Some(FILE_FIELD)
        );
        assert_eq!(
            upload_field(Some(400), "", "The user ID is not a valid user principal."),
            None
        );
        // Not a refusal of the request: above the form, whatever the words.
        assert_eq!(upload_field(Some(403), "", "password"), None);
        assert_eq!(upload_field(None, "", "password"), None);
    }

    #[test]
    fn a_placed_refusal_keeps_its_message_and_names_the_field() {
        let e = crate::backend::error::classify(
            400,
            "application/json",
            None,
            br#"{"messages":[{"type":"Error","messageKey":"mock.upload.password.WRONG","localizedMessage":"Incorrect password for the PKCS#12 file."}]}"#,
            super::super::errors::read_error,
        );
        let p = placed(e.clone());
        assert_eq!(p.message(), e.message());
        assert!(p
            .message()
            .contains("Incorrect password for the PKCS#12 file."));
        assert_eq!(UploadField::of(&p), UploadField::Password);
        assert_eq!(
            p.field_messages(),
            &[(
                Some("password".to_string()),
                "Incorrect password for the PKCS#12 file.".to_string()
            )]
        );
        // A server failure stays above the form.
        let down = placed(ApiError::server(502, "CA unreachable"));
        assert_eq!(UploadField::of(&down), UploadField::Form);
        assert!(down.reference.is_none());
    }
}
