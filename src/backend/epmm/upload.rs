//! Uploads with real progress: `fetch` (gloo-net) reports none, so multipart uploads go through
//! `XMLHttpRequest`, whose `upload.onprogress` does. Used by E5 (user-provided certificate upload,
//! S0:L719-841: `file`, `principal`, `password` parts; the browser sets the boundary).

use crate::backend::error::{body_message, classify, ApiError};
use crate::backend::ApiClient;
use crate::context::session::SessionCtx;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// A refused or failed upload, with what the form needs to place the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadFailure {
    /// 0 when no answer came back.
    pub status: u16,
    /// The V2 `messageKey` of the first message, if any.
    pub key: String,
    pub message: String,
}

impl UploadFailure {
    fn network(detail: &str) -> Self {
        UploadFailure {
            status: 0,
            key: String::new(),
            message: ApiError::Network(detail.to_string()).message(),
        }
    }
}

fn js_err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "the browser refused the request".into())
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

/// POSTs `parts` as multipart/form-data to `path` (under the API base) with the signed-in user's
/// credentials, reporting progress from 0.0 to 1.0. Answers the server's message on success. A 401
/// signs the user out, like every other call.
pub async fn post_multipart(
    api: &ApiClient,
    session: SessionCtx,
    path: &str,
    parts: &[Part<'_>],
    on_progress: impl Fn(f64) + 'static,
) -> Result<String, UploadFailure> {
    let Some(current) = session.current() else {
        return Err(UploadFailure {
            status: 401,
            key: String::new(),
            message: "You are signed out. Sign in again.".into(),
        });
    };
    let form = web_sys::FormData::new().map_err(|e| UploadFailure::network(&js_err(e)))?;
    for part in parts {
        let r = match part {
            Part::Text(k, v) => form.append_with_str(k, v),
            Part::File {
                name,
                file_name,
                mime,
                bytes,
            } => {
                let opts = web_sys::BlobPropertyBag::new();
                opts.set_type(mime);
                let arr = js_sys::Array::of1(&js_sys::Uint8Array::from(*bytes));
                web_sys::Blob::new_with_u8_array_sequence_and_options(&arr, &opts)
                    .and_then(|blob| form.append_with_blob_and_filename(name, &blob, file_name))
            }
        };
        r.map_err(|e| UploadFailure::network(&js_err(e)))?;
    }
    let xhr = web_sys::XmlHttpRequest::new().map_err(|e| UploadFailure::network(&js_err(e)))?;
    let setup = || -> Result<(), JsValue> {
        xhr.open_with_async("POST", &api.url(path), true)?;
        xhr.set_request_header("Authorization", current.authorization())?;
        xhr.set_request_header("X-Requested-With", "XMLHttpRequest")?;
        xhr.set_request_header("Accept", "application/json")?;
        Ok(())
    };
    setup().map_err(|e| UploadFailure::network(&js_err(e)))?;
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                on_progress((ev.loaded() / ev.total()).clamp(0.0, 1.0));
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    // `loadend` fires once whatever happens (load, error, abort, timeout).
    let done = js_sys::Promise::new(&mut |resolve, _reject| {
        xhr.set_onloadend(Some(&resolve));
    });
    xhr.send_with_opt_form_data(Some(&form))
        .map_err(|e| UploadFailure::network(&js_err(e)))?;
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(None);
    }
    xhr.set_onloadend(None);
    drop(progress);

    let status = xhr.status().unwrap_or(0);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    let content_type = xhr
        .get_response_header("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    if status == 0 {
        return Err(UploadFailure::network(
            "the connection failed before the upload completed",
        ));
    }
    let key = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v["messages"][0]["messageKey"].as_str().map(str::to_string))
        .unwrap_or_default();
    if (200..300).contains(&status) {
        return Ok(body_message(&content_type, text.as_bytes()));
    }
    let retry_after = xhr.get_response_header("retry-after").ok().flatten();
    let err = classify(
        status,
        &content_type,
        retry_after.as_deref(),
        text.as_bytes(),
    );
    if err.is_unauthorized() {
        session.sign_out(Some(
            "Your session has ended or your credentials changed. Sign in again.".into(),
        ));
    }
    Err(UploadFailure {
        status,
        key,
        message: err.message(),
    })
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
    session: SessionCtx,
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
    post_multipart(api, session, &path, &parts, on_progress).await
}
