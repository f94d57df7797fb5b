//! The HTTP transport every backend uses: one place that adds the signed-in user's credentials,
//! the media types a call asks for, a fresh `Correlation-Id` where the server accepts one, reads
//! failures with the backend's own error reader, signs the user out on a 401, streams large
//! answers, and uploads with progress. What a server's paths, bodies and rules are is not here:
//! that is each backend's knowledge.

use super::error::{classify, malformed, not_json, ApiError, ErrorReader};
use crate::context::session::SessionCtx;
use gloo_net::http::{Method, RequestBuilder, Response};
use js_sys::{Reflect, Uint8Array};
use serde::de::DeserializeOwned;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wire::stream::{ArrayStream, Element};

/// A request body.
pub enum Body {
    None,
    /// `application/json`, or the media type given with [`Call::content_type`].
    Json(String),
    /// `application/x-www-form-urlencoded`
    Form(String),
    Text(String),
    /// `multipart/form-data`; the browser sets the boundary.
    Multipart(web_sys::FormData),
    /// Raw bytes of the media type given with [`Call::content_type`] (for example a PKCS#12 file,
    /// or a `multipart/related` body built by the backend).
    Bytes(Vec<u8>),
}

/// One request: method, path under the API base, the media type asked for, the body.
pub struct Call {
    pub method: Method,
    pub path: String,
    /// `Accept`; `application/json` unless the server names its own media types.
    pub accept: &'static str,
    /// `Content-Type` of the body when it is not the body kind's usual one.
    pub content_type: Option<String>,
    pub body: Body,
}

impl Call {
    pub fn new(method: Method, path: impl Into<String>) -> Call {
        Call {
            method,
            path: path.into(),
            accept: "application/json",
            content_type: None,
            body: Body::None,
        }
    }
    pub fn get(path: impl Into<String>) -> Call {
        Call::new(Method::GET, path)
    }
    pub fn accept(mut self, media_type: &'static str) -> Call {
        self.accept = media_type;
        self
    }
    pub fn content_type(mut self, media_type: impl Into<String>) -> Call {
        self.content_type = Some(media_type.into());
        self
    }
    pub fn body(mut self, body: Body) -> Call {
        self.body = body;
        self
    }
    pub fn json(self, value: &impl serde::Serialize) -> Call {
        let text = serde_json::to_string(value).unwrap_or_default();
        self.body(Body::Json(text))
    }
}

/// A raw answer.
pub struct Raw {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    pub content_disposition: Option<String>,
    /// The `Allow` header (the operations a resource offers, where the server says so).
    pub allow: Option<String>,
}

/// How a server wants to be spoken to.
#[derive(Clone, Copy)]
pub struct Dialect {
    /// Reads the server's error bodies.
    pub error_reader: ErrorReader,
    /// Send a fresh `Correlation-Id` on every request (servers that document one).
    pub correlation_ids: bool,
}

#[derive(Clone)]
pub struct ApiClient {
    base: String,
    session: SessionCtx,
    dialect: Dialect,
}

/// What a 401 tells the user.
pub const SESSION_ENDED: &str =
    "Your session has ended or your credentials changed. Sign in again.";

impl ApiClient {
    pub fn new(base: &str, session: SessionCtx, dialect: Dialect) -> ApiClient {
        ApiClient {
            base: base.trim_end_matches('/').to_string(),
            session,
            dialect,
        }
    }

    /// The full URL of a path under the configured base.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn session(&self) -> SessionCtx {
        self.session
    }

    /// Sends with the signed-in user's credentials. A 401 signs the user out.
    pub async fn call(&self, call: Call) -> Result<Raw, ApiError> {
        let authorization = self.authorization()?;
        let result = self.call_as(Some(&authorization), call).await;
        self.signed_out_on_401(result)
    }

    /// Sends and parses the JSON answer.
    pub async fn json<T: DeserializeOwned>(&self, call: Call) -> Result<T, ApiError> {
        let raw = self.call(call).await?;
        parse(&raw)
    }

    fn authorization(&self) -> Result<String, ApiError> {
        match self.session.current() {
            Some(session) => Ok(session.authorization().to_string()),
            None => Err(ApiError::unauthorized("You are signed out. Sign in again.")),
        }
    }

    fn signed_out_on_401<T>(&self, result: Result<T, ApiError>) -> Result<T, ApiError> {
        if let Err(e) = &result {
            if e.is_unauthorized() {
                self.session.sign_out(Some(SESSION_ENDED.into()));
            }
        }
        result
    }

    /// Sends with explicit credentials, or none (sign-in calls); no side effects.
    pub async fn call_as(&self, authorization: Option<&str>, call: Call) -> Result<Raw, ApiError> {
        let (response, correlation) = self.request(authorization, call).await?;
        let traced = |e: ApiError| match &correlation {
            Some(id) => e.with_correlation_id(id),
            None => e,
        };
        let body = response.binary().await.map_err(|_| traced(cut_off()))?;
        let status = response.status();
        if !(200..300).contains(&status) {
            return Err(traced(self.failure(&response, &body)));
        }
        let headers = response.headers();
        Ok(Raw {
            status,
            content_type: headers.get("content-type").unwrap_or_default(),
            body,
            content_disposition: headers.get("content-disposition"),
            allow: headers.get("allow"),
        })
    }

    /// Sends and waits for the status line and headers; the body is still to be read. Answers
    /// the correlation id sent, if any.
    async fn request(
        &self,
        authorization: Option<&str>,
        call: Call,
    ) -> Result<(Response, Option<String>), ApiError> {
        let url = self.url(&call.path);
        let mut builder = RequestBuilder::new(&url)
            .method(call.method)
            .header("Accept", call.accept)
            // Servers leave out `WWW-Authenticate` for such calls, so the browser never shows
            // its own login box over the portal.
            .header("X-Requested-With", "XMLHttpRequest");
        if let Some(a) = authorization {
            builder = builder.header("Authorization", a);
        }
        let correlation = self
            .dialect
            .correlation_ids
            .then(crate::browser::random_uuid);
        if let Some(id) = &correlation {
            builder = builder.header("Correlation-Id", id);
        }
        let typed = |b: RequestBuilder, default: &str| {
            b.header(
                "Content-Type",
                call.content_type.as_deref().unwrap_or(default),
            )
        };
        let request = match call.body {
            Body::None => builder.build(),
            Body::Json(s) => typed(builder, "application/json").body(s),
            Body::Form(s) => typed(builder, "application/x-www-form-urlencoded").body(s),
            Body::Text(s) => typed(builder, "text/plain").body(s),
            Body::Multipart(f) => builder.body(f),
            Body::Bytes(b) => {
                typed(builder, "application/octet-stream").body(Uint8Array::from(b.as_slice()))
            }
        }
        .map_err(|e| ApiError::network(e.to_string()))?;
        let response = request.send().await.map_err(|e| {
            let e = ApiError::network(network_detail(&e));
            match &correlation {
                Some(id) => e.with_correlation_id(id),
                None => e,
            }
        })?;
        Ok((response, correlation))
    }

    /// GETs an answer that can be large (every device of a state): each element of the array at
    /// `array_path` goes to `each` (with the answer up to the array, see
    /// [`ArrayStream::feed_elements`]: first from the front of the chunk it starts in, then whole
    /// if `each` did not read it there) as soon as it has arrived, while the rest is still
    /// downloading, so the answer is never held whole in memory and parsing overlaps the
    /// transfer. Returns the rest of the answer (the array emptied, see [`ArrayStream`]) parsed
    /// as `T`.
    pub async fn get_streamed<T: DeserializeOwned>(
        &self,
        call: Call,
        array_path: &'static [&'static str],
        mut each: impl FnMut(Element<'_>, &[u8]) -> Result<Option<usize>, serde_json::Error>,
    ) -> Result<T, ApiError> {
        let authorization = self.authorization()?;
        let result = async {
            let (response, correlation) = self.request(Some(&authorization), call).await?;
            let traced = |e: ApiError| match &correlation {
                Some(id) => e.with_correlation_id(id),
                None => e,
            };
            let status = response.status();
            if !(200..300).contains(&status) {
                let body = response.binary().await.map_err(|_| traced(cut_off()))?;
                return Err(traced(self.failure(&response, &body)));
            }
            let content_type = response.headers().get("content-type").unwrap_or_default();
            let mut stream = ArrayStream::new(array_path);
            read_chunks(&response, |chunk| {
                stream
                    .feed_elements(chunk, &mut each)
                    .map_err(|_| not_json())
            })
            .await
            .map_err(traced)?;
            // Empty, an HTML page, cut off…: the envelope is the whole answer up to the array.
            let envelope = stream.finish();
            serde_json::from_slice(&envelope)
                .map_err(|e| traced(malformed(&content_type, &envelope, &e)))
        }
        .await;
        self.signed_out_on_401(result)
    }

    /// The error of a non-2xx answer.
    fn failure(&self, response: &Response, body: &[u8]) -> ApiError {
        let headers = response.headers();
        classify(
            response.status(),
            &headers.get("content-type").unwrap_or_default(),
            headers.get("retry-after").as_deref(),
            body,
            self.dialect.error_reader,
        )
    }

    /// Sends a body with upload progress (`fetch` reports none, so this goes through
    /// `XMLHttpRequest`, whose `upload.onprogress` does), from 0.0 to 1.0. A 401 signs the user
    /// out, like every other call.
    pub async fn upload(
        &self,
        method: &str,
        path: &str,
        accept: &str,
        body: UploadBody,
        on_progress: impl Fn(f64) + 'static,
    ) -> Result<Raw, ApiError> {
        let authorization = self.authorization()?;
        let result = self
            .xhr_upload(&authorization, method, path, accept, body, on_progress)
            .await;
        self.signed_out_on_401(result)
    }

    async fn xhr_upload(
        &self,
        authorization: &str,
        method: &str,
        path: &str,
        accept: &str,
        body: UploadBody,
        on_progress: impl Fn(f64) + 'static,
    ) -> Result<Raw, ApiError> {
        let browser = |e: JsValue| ApiError::network(js_err(e));
        let correlation = self
            .dialect
            .correlation_ids
            .then(crate::browser::random_uuid);
        let traced = |e: ApiError| match &correlation {
            Some(id) => e.with_correlation_id(id),
            None => e,
        };
        let xhr = web_sys::XmlHttpRequest::new().map_err(browser)?;
        let setup = || -> Result<(), JsValue> {
            xhr.open_with_async(method, &self.url(path), true)?;
            xhr.set_request_header("Authorization", authorization)?;
            xhr.set_request_header("X-Requested-With", "XMLHttpRequest")?;
            xhr.set_request_header("Accept", accept)?;
            if let Some(id) = &correlation {
                xhr.set_request_header("Correlation-Id", id)?;
            }
            if let UploadBody::Bytes {
                content_type,
                disposition,
                ..
            } = &body
            {
                xhr.set_request_header("Content-Type", content_type)?;
                if let Some(d) = disposition {
                    xhr.set_request_header("Content-Disposition", d)?;
                }
            }
            Ok(())
        };
        setup().map_err(browser)?;
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
        let sent = match &body {
            UploadBody::Form(form) => xhr.send_with_opt_form_data(Some(form)),
            UploadBody::Bytes { bytes, .. } => xhr.send_with_opt_u8_array(Some(bytes.as_slice())),
        };
        sent.map_err(browser)?;
        let _ = JsFuture::from(done).await;
        if let Ok(upload) = xhr.upload() {
            upload.set_onprogress(None);
        }
        xhr.set_onloadend(None);
        drop(progress);

        let status = xhr.status().unwrap_or(0);
        let header = |name: &str| xhr.get_response_header(name).ok().flatten();
        if status == 0 {
            return Err(traced(ApiError::network(
                "the connection failed before the upload completed",
            )));
        }
        let text = xhr.response_text().ok().flatten().unwrap_or_default();
        let content_type = header("content-type").unwrap_or_default();
        if !(200..300).contains(&status) {
            let e = classify(
                status,
                &content_type,
                header("retry-after").as_deref(),
                text.as_bytes(),
                self.dialect.error_reader,
            );
            return Err(traced(e));
        }
        Ok(Raw {
            status,
            content_type,
            body: text.into_bytes(),
            content_disposition: header("content-disposition"),
            allow: header("allow"),
        })
    }
}

/// What [`ApiClient::upload`] sends.
pub enum UploadBody {
    /// `multipart/form-data`; the browser sets the boundary.
    Form(web_sys::FormData),
    Bytes {
        content_type: String,
        /// `Content-Disposition`, where the body is a file of its own (it names the file).
        disposition: Option<String>,
        bytes: Vec<u8>,
    },
}

/// Parses a 2xx JSON body.
pub fn parse<T: DeserializeOwned>(raw: &Raw) -> Result<T, ApiError> {
    serde_json::from_slice(&raw.body).map_err(|e| malformed(&raw.content_type, &raw.body, &e))
}

fn cut_off() -> ApiError {
    ApiError::network("the connection closed before the answer was complete")
}

fn js_err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "the browser refused the request".into())
}

/// Reads the body chunk by chunk as the network delivers it (the Streams API of `fetch`).
async fn read_chunks(
    response: &Response,
    mut each: impl FnMut(&[u8]) -> Result<(), ApiError>,
) -> Result<(), ApiError> {
    let Some(body) = response.body() else {
        return Ok(());
    };
    /// Stops the transfer when the reading stops early: an error, or this future is dropped.
    /// Nothing more of this answer will be read.
    struct CancelOnDrop(web_sys::ReadableStreamDefaultReader, bool);
    impl Drop for CancelOnDrop {
        fn drop(&mut self) {
            if !self.1 {
                let _ = self.0.cancel();
            }
        }
    }
    let mut reader = CancelOnDrop(body.get_reader().unchecked_into(), false);
    let mut buf = Vec::new();
    loop {
        let next = JsFuture::from(reader.0.read())
            .await
            .map_err(|_| cut_off())?;
        let done = Reflect::get(&next, &JsValue::from_str("done"))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            reader.1 = true;
            return Ok(());
        }
        let value = Reflect::get(&next, &JsValue::from_str("value")).map_err(|_| cut_off())?;
        let Some(bytes) = value.dyn_ref::<Uint8Array>() else {
            return Err(cut_off());
        };
        buf.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut buf);
        each(&buf)?;
    }
}

fn network_detail(e: &gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(js) => js.message.clone(),
        other => other.to_string(),
    }
}
