//! Signing in: checks the credentials and finds out which portal the user may use.
//!
//! EPMM has no "who am I" call. A V1 call succeeds only for users with the API or Mobile App role
//! (seed 003, L356); everyone else gets 401 (digest §7 #5). A user-portal user can call the V2
//! self-service certificate list (E8, seed 000 L1083-1193). So: V1 first, then E8.

use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::session::{basic_auth, Role, Session};
use gloo_net::http::Method;

pub const SELF_SERVICE_PROBE: &str =
    "/v2/configuration/CE/USER_PROVIDED/all/getAllUserProvidedCertificateDetails";

/// Why signing in failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInError {
    BadCredentials,
    NoAccess,
    Other(ApiError),
}

impl SignInError {
    pub fn message(&self) -> String {
        match self {
            SignInError::BadCredentials => "Wrong username or password.".into(),
            SignInError::NoAccess => {
                "Your account has no access to this portal. Ask your MDM administrator for the API role or user-portal access."
                    .into()
            }
            SignInError::Other(e) => e.message(),
        }
    }
}

pub async fn sign_in(
    api: &ApiClient,
    username: &str,
    password: &str,
) -> Result<Session, SignInError> {
    let auth = basic_auth(username.trim(), password);
    match api
        .send_as(&auth, Method::GET, "/v1/dm/labels", Body::None)
        .await
    {
        Ok(_) | Err(ApiError::NotFound(_)) => {
            return Ok(Session::new(username.trim(), password, Role::Admin))
        }
        Err(ApiError::Unauthorized(_)) | Err(ApiError::Forbidden(_)) => {}
        Err(e) => return Err(SignInError::Other(e)),
    }
    let body = serde_json::json!({ "userId": username.trim() }).to_string();
    match api
        .send_as(&auth, Method::POST, SELF_SERVICE_PROBE, Body::Json(body))
        .await
    {
        Ok(_) => Ok(Session::new(username.trim(), password, Role::SelfService)),
        Err(ApiError::Unauthorized(_)) => Err(SignInError::BadCredentials),
        Err(ApiError::Forbidden(_))
        | Err(ApiError::NotFound(_))
        | Err(ApiError::Rejected { .. }) => Err(SignInError::NoAccess),
        Err(e) => Err(SignInError::Other(e)),
    }
}
