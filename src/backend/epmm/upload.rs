//! The user-provided certificate upload (EPMM V2 certificate management guide, "Upload a user
//! provided certificate": `file`, `principal`, `password` parts; the browser sets the boundary),
//! with real progress through [`ApiClient::upload`].

use crate::backend::error::{body_message, ApiError};
use crate::backend::http::UploadBody;
use crate::backend::ApiClient;
use crate::context::session::SessionCtx;
use wasm_bindgen::JsValue;

/// A refused or failed upload, with what the form needs to place the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadFailure {
    /// 0 when no answer came back.
    pub status: u16,
    /// The V2 `messageKey` of the first message, if any.
    pub key: String,
    pub message: String,
}

impl From<ApiError> for UploadFailure {
    fn from(e: ApiError) -> Self {
        UploadFailure {
            status: e.status().unwrap_or(0),
            key: e
                .reference
                .as_ref()
                .and_then(|r| r.error_id.clone())
                .unwrap_or_default(),
            message: e.message(),
        }
    }
}

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

/// POSTs `parts` as multipart/form-data to `path` (under the API base), reporting progress from
/// 0.0 to 1.0. Answers the server's message on success.
pub async fn post_multipart(
    api: &ApiClient,
    path: &str,
    parts: &[Part<'_>],
    on_progress: impl Fn(f64) + 'static,
) -> Result<String, UploadFailure> {
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

/// What E5 sends.
pub struct CertificateUpload<'a> {
    pub ce: i64,
    pub principal: &'a str,
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub password: &'a str,
}

/// E5: `POST /api/v2/configuration/CE/USER_PROVIDED/{CEid}/uploadCertificate`.
pub async fn upload_certificate(
    api: &ApiClient,
    _session: SessionCtx,
    up: CertificateUpload<'_>,
    on_progress: impl Fn(f64) + 'static,
) -> Result<String, UploadFailure> {
    let path = format!(
        "/v2/configuration/CE/USER_PROVIDED/{}/uploadCertificate",
        up.ce
    );
    let parts = [
        Part::File {
            name: "file",
            file_name: up.file_name,
            mime: "application/x-pkcs12",
            bytes: up.bytes,
        },
        // The principal goes verbatim in its part (C.1 #25).
        Part::Text("principal", up.principal),
        Part::Text("password", up.password),
    ];
    post_multipart(api, &path, &parts, on_progress).await
}
