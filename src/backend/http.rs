//! The HTTP client: one place that adds credentials and `X-Requested-With`, classifies failures,
//! and signs the user out on a 401.

use super::error::{classify, malformed, not_json, ApiError};
use crate::context::session::SessionCtx;
use gloo_net::http::{Method, RequestBuilder, Response};
use js_sys::{Reflect, Uint8Array};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wire::stream::ArrayStream;

/// A request body.
pub enum Body {
    None,
    Json(String),
    /// `application/x-www-form-urlencoded`
    Form(String),
    Text(String),
    Multipart(web_sys::FormData),
}

/// A raw answer.
pub struct Raw {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    pub content_disposition: Option<String>,
}

#[derive(Clone)]
pub struct ApiClient {
    base: String,
    session: SessionCtx,
}

impl ApiClient {
    pub fn new(base: &str, session: SessionCtx) -> ApiClient {
        ApiClient {
            base: base.trim_end_matches('/').to_string(),
            session,
        }
    }

    /// `path` starts with `/v1/…` or `/v2/…`; the configured base (`/api`) is prefixed.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Sends with the signed-in user's credentials. A 401 signs the user out.
    pub async fn send(&self, method: Method, path: &str, body: Body) -> Result<Raw, ApiError> {
        let authorization = self.authorization()?;
        let result = self.send_as(&authorization, method, path, body).await;
        self.signed_out_on_401(result)
    }

    fn authorization(&self) -> Result<String, ApiError> {
        match self.session.current() {
            Some(session) => Ok(session.authorization().to_string()),
            None => Err(ApiError::Unauthorized(
                "You are signed out. Sign in again.".into(),
            )),
        }
    }

    fn signed_out_on_401<T>(&self, result: Result<T, ApiError>) -> Result<T, ApiError> {
        if let Err(ApiError::Unauthorized(_)) = &result {
            self.session.sign_out(Some(
                "Your session has ended or your credentials changed. Sign in again.".into(),
            ));
        }
        result
    }

    /// Sends with explicit credentials (the sign-in check); no side effects.
    pub async fn send_as(
        &self,
        authorization: &str,
        method: Method,
        path: &str,
        body: Body,
    ) -> Result<Raw, ApiError> {
        let response = self.request(authorization, method, path, body).await?;
        let body = response.binary().await.map_err(|_| cut_off())?;
        let status = response.status();
        if !(200..300).contains(&status) {
            return Err(failure(&response, &body));
        }
        let headers = response.headers();
        Ok(Raw {
            status,
            content_type: headers.get("content-type").unwrap_or_default(),
            body,
            content_disposition: headers.get("content-disposition"),
        })
    }

    /// Sends and waits for the status line and headers; the body is still to be read.
    async fn request(
        &self,
        authorization: &str,
        method: Method,
        path: &str,
        body: Body,
    ) -> Result<Response, ApiError> {
        let url = self.url(path);
        let builder = RequestBuilder::new(&url)
            .method(method)
            .header("Accept", "application/json")
            .header("X-Requested-With", "XMLHttpRequest")
            .header("Authorization", authorization);
        let request = match body {
            Body::None => builder.build(),
            Body::Json(s) => builder.header("Content-Type", "application/json").body(s),
            Body::Form(s) => builder
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(s),
            Body::Text(s) => builder.header("Content-Type", "text/plain").body(s),
            Body::Multipart(f) => builder.body(f),
        }
        .map_err(|e| ApiError::Network(e.to_string()))?;
        request
            .send()
            .await
            .map_err(|e| ApiError::Network(network_detail(&e)))
    }

    /// GET and parse JSON.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let raw = self.send(Method::GET, path, Body::None).await?;
        parse(&raw)
    }

    /// GET a V1 list: a 404 means "no data" (digest §1.7, §8.4), so it gives the empty list.
    pub async fn get_list<T: DeserializeOwned + Default>(&self, path: &str) -> Result<T, ApiError> {
        match self.send(Method::GET, path, Body::None).await {
            Ok(raw) => parse(&raw),
            Err(ApiError::NotFound(_)) => Ok(T::default()),
            Err(e) => Err(e),
        }
    }

    /// GET a V1 list whose answer can be large (every device of a state): each element of the
    /// array at `array_path` goes to `each` (with the answer up to the array, see
    /// [`ArrayStream::feed`]) as soon as it has arrived, while the rest is still
    /// downloading, so the answer is never held whole in memory and parsing overlaps the
    /// transfer. Returns the rest of the answer (the array emptied, see [`ArrayStream`]) parsed as
    /// `T`. A 404 is the empty list, as in [`ApiClient::get_list`].
    pub async fn get_list_streamed<T: DeserializeOwned + Default>(
        &self,
        path: &str,
        array_path: &'static [&'static str],
        mut each: impl FnMut(&[u8], &[u8]) -> Result<(), serde_json::Error>,
    ) -> Result<T, ApiError> {
        let authorization = self.authorization()?;
        let result = async {
            let response = self
                .request(&authorization, Method::GET, path, Body::None)
                .await?;
            let status = response.status();
            if !(200..300).contains(&status) {
                let body = response.binary().await.map_err(|_| cut_off())?;
                return Err(failure(&response, &body));
            }
            let content_type = response.headers().get("content-type").unwrap_or_default();
            let mut stream = ArrayStream::new(array_path);
            read_chunks(&response, |chunk| {
                stream.feed(chunk, &mut each).map_err(|_| not_json())
            })
            .await?;
            // Empty, an HTML page, cut off…: the envelope is the whole answer up to the array.
            let envelope = stream.finish();
            serde_json::from_slice(&envelope).map_err(|e| malformed(&content_type, &envelope, &e))
        }
        .await;
        match self.signed_out_on_401(result) {
            Err(ApiError::NotFound(_)) => Ok(T::default()),
            other => other,
        }
    }

    /// Any method with a body; parse the JSON answer.
    pub async fn send_json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Body,
    ) -> Result<T, ApiError> {
        let raw = self.send(method, path, body).await?;
        parse(&raw)
    }
}

/// Parses a 2xx JSON body.
pub fn parse<T: DeserializeOwned>(raw: &Raw) -> Result<T, ApiError> {
    serde_json::from_slice(&raw.body).map_err(|e| malformed(&raw.content_type, &raw.body, &e))
}

/// The error of a non-2xx answer.
fn failure(response: &Response, body: &[u8]) -> ApiError {
    let headers = response.headers();
    classify(
        response.status(),
        &headers.get("content-type").unwrap_or_default(),
        headers.get("retry-after").as_deref(),
        body,
    )
}

fn cut_off() -> ApiError {
    ApiError::Network("the connection closed before the answer was complete".into())
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
