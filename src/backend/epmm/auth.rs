//! Signing in: checks the credentials and finds out which portal the user may use.
//!
//! EPMM has no "who am I" call. A V1 call succeeds only for users with the API or Mobile App role
//! (EPMM V1 API guide, "Authentication": the roles that may call the API); everyone else gets 401.
//! A user-portal user can call the V2 self-service certificate list (EPMM V2 certificate
//! management guide, "Get all user provided certificate details"). So: V1 first, then that.

use crate::backend::http::Call;
use crate::backend::{ApiClient, SignInError};
use crate::domain::session::{basic_auth, Role, Session};
use gloo_net::http::Method;

pub const SELF_SERVICE_PROBE: &str =
    "/v2/configuration/CE/USER_PROVIDED/all/getAllUserProvidedCertificateDetails";

pub async fn sign_in(
    api: &ApiClient,
    username: &str,
    password: &str,
) -> Result<Session, SignInError> {
    let auth = basic_auth(username.trim(), password);
    match api.call_as(Some(&auth), Call::get("/v1/dm/labels")).await {
        Ok(_) => return Ok(Session::new(username.trim(), &auth, Role::Admin)),
        Err(e) if e.is_not_found() => return Ok(Session::new(username.trim(), &auth, Role::Admin)),
        Err(e) if e.is_unauthorized() || e.is_forbidden() => {}
        Err(e) => return Err(SignInError::Other(e)),
    }
    let body = serde_json::json!({ "userId": username.trim() });
    let probe = Call::new(Method::POST, SELF_SERVICE_PROBE).json(&body);
    match api.call_as(Some(&auth), probe).await {
        Ok(_) => Ok(Session::new(username.trim(), &auth, Role::SelfService)),
        Err(e) if e.is_unauthorized() => Err(SignInError::BadCredentials),
        Err(e) if e.is_forbidden() || e.is_not_found() || e.is_rejected() => {
            Err(SignInError::NoAccess)
        }
        Err(e) => Err(SignInError::Other(e)),
    }
}
