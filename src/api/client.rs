//! The HTTP client: one place that adds credentials and `X-Requested-With`, classifies failures,
//! and signs the user out on a 401.

use super::error::{classify, malformed, ApiError};
use crate::session::SessionCtx;
use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;

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
        let Some(session) = self.session.current() else {
            return Err(ApiError::Unauthorized(
                "You are signed out. Sign in again.".into(),
            ));
        };
        let result = self
            .send_as(session.authorization(), method, path, body)
            .await;
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
        let response = request
            .send()
            .await
            .map_err(|e| ApiError::Network(network_detail(&e)))?;
        let status = response.status();
        let headers = response.headers();
        let content_type = headers.get("content-type").unwrap_or_default();
        let retry_after = headers.get("retry-after");
        let content_disposition = headers.get("content-disposition");
        let body = response.binary().await.map_err(|_| {
            ApiError::Network("the connection closed before the answer was complete".into())
        })?;
        if (200..300).contains(&status) {
            Ok(Raw {
                status,
                content_type,
                body,
                content_disposition,
            })
        } else {
            Err(classify(
                status,
                &content_type,
                retry_after.as_deref(),
                &body,
            ))
        }
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

fn network_detail(e: &gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(js) => js.message.clone(),
        other => other.to_string(),
    }
}
