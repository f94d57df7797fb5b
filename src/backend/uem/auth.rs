//! Signing in (overview, "Request Authentication Header"): `POST util/authorization`, not
//! authenticated, with `{"provider": "LOCAL", "username", "password": <base64>}`; the answer is
//! the value every later call sends as `Authorization` ("insert value from … util/authorization
//! call"). The overview shows no format for that answer: the mock answers the bare token as
//! `text/plain`; a JSON string is read as well.
//!
//! Then who signed in and what they may do: `users?query=username=<name>` (beyond the document,
//! as real UEM clients call it; the mock answers it for the admin and for the user themself)
//! gives the user's GUID, `administrativeRole` (an administrator: the admin portal) and
//! `selfServicePermissions` ("Manage user certificates"). Anyone else who can sign in and look
//! themself up is a self-service user (UEM's answer does not tell a device user with self-service
//! access from one without; what they may do there is in their permissions).

use crate::backend::http::{parse, Call};
use crate::backend::{ApiClient, ApiError, SignInError};
use crate::domain::session::{Permission, Role, Session};
use gloo_net::http::Method;
use wire::uem::directory::{Users, MANAGE_USER_CERTIFICATES};
use wire::uem::{media, AuthorizationRequest};

pub const AUTHORIZATION_PATH: &str = "/util/authorization";

pub async fn sign_in(
    api: &ApiClient,
    username: &str,
    password: &str,
) -> Result<Session, SignInError> {
    let username = username.trim();
    let request = Call::new(Method::POST, AUTHORIZATION_PATH)
        .content_type(media::AUTHORIZATION_REQUEST)
        .accept("text/plain")
        .json(&AuthorizationRequest::local(username, password));
    let raw = match api.call_as(None, request).await {
        Ok(raw) => raw,
        Err(e) if e.is_unauthorized() => return Err(SignInError::BadCredentials),
        Err(e) => return Err(SignInError::Other(e)),
    };
    let token = token_of(&raw.body).ok_or_else(|| {
        SignInError::Other(ApiError::malformed(
            "the sign-in answer held no authorization value",
        ))
    })?;
    let lookup = Call::get(users_query(username)).accept(media::USERS);
    let users: Users = match api
        .call_as(Some(&token), lookup)
        .await
        .and_then(|r| parse(&r))
    {
        Ok(u) => u,
        Err(e) if e.is_forbidden() || e.is_not_found() => return Err(SignInError::NoAccess),
        Err(e) => return Err(SignInError::Other(e)),
    };
    session_of(username, &token, &users).ok_or(SignInError::NoAccess)
}

/// The value for `Authorization` in the answer of `util/authorization`: its text (or the JSON
/// string it is), trimmed; `None` when empty or not fit for a header.
pub fn token_of(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?.trim();
    let text = match serde_json::from_str::<String>(text) {
        Ok(s) => s,
        Err(_) => text.to_string(),
    };
    let t = text.trim();
    let fit = !t.is_empty() && t.chars().all(|c| c.is_ascii_graphic() || c == ' ');
    fit.then(|| t.to_string())
}

/// `users?query=username=<name>`: the inner `=` as the overview writes its `query=name=test`
/// (UEM overview, the profile search `profiles?query=name=…`: no documented grammar), the name percent-encoded.
pub fn users_query(username: &str) -> String {
    format!(
        "/users?query=username={}",
        crate::url::encode_path_segment(username)
    )
}

/// The session of `username` from the lookup's answer: `None` when the answer does not list them.
pub fn session_of(username: &str, token: &str, users: &Users) -> Option<Session> {
    let user = users.users.iter().find(|u| {
        u.username
            .as_deref()
            .is_some_and(|n| n.trim().eq_ignore_ascii_case(username))
    })?;
    let admin = user
        .administrative_role
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty());
    let role = if admin {
        Role::Admin
    } else {
        Role::SelfService
    };
    let permissions = user
        .self_service_permissions
        .iter()
        .filter(|p| p.eq_ignore_ascii_case(MANAGE_USER_CERTIFICATES))
        .map(|_| Permission::ManageUserCertificates)
        .take(1)
        .collect();
    let name = user.username.as_deref().unwrap_or(username);
    let mut s = Session::new(name, token, role).with_permissions(permissions);
    if !user.guid.is_empty() {
        s = s.with_user_id(&user.guid);
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_request_is_the_overview_sample() {
        // Overview, "Request Authentication Header": pmorley with "password" in base64.
        let ours =
            serde_json::to_value(AuthorizationRequest::local("pmorley", "password")).unwrap();
        let sample: serde_json::Value =
            serde_json::from_str(wire::uem::samples::AUTHORIZATION_REQUEST).unwrap();
        assert_eq!(ours, sample);
    }

    #[test]
    fn the_answer_is_used_as_it_is() {
        assert_eq!(token_of(b"  q1w2-e3_r4\n").as_deref(), Some("q1w2-e3_r4"));
        assert_eq!(token_of(br#""q1w2e3""#).as_deref(), Some("q1w2e3"));
        assert_eq!(token_of(b"Bearer abc").as_deref(), Some("Bearer abc"));
        assert_eq!(token_of(b""), None);
        assert_eq!(token_of(b"   "), None);
        assert_eq!(token_of(b"a\r\nX-Injected: 1"), None);
        assert_eq!(token_of(&[0xff, 0xfe]), None);
    }

    #[test]
    fn the_lookup_names_the_user() {
        assert_eq!(users_query("jdoe"), "/users?query=username=jdoe");
        assert_eq!(users_query("a&b c"), "/users?query=username=a%26b%20c");
    }

    fn users(v: serde_json::Value) -> Users {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn roles_and_permissions_from_the_user() {
        let answer = users(json!({"users": [
            {"guid": "g-admin", "username": "admin", "administrativeRole": "Security Administrator"},
            {"guid": "g-jdoe", "username": "jdoe", "selfServicePermissions": ["MANAGE_USER_CERTIFICATES"]},
            {"guid": "g-pm", "username": "pmorley"}
        ]}));
        let admin = session_of("ADMIN", "t1", &answer).unwrap();
        assert_eq!(admin.role, Role::Admin);
        assert_eq!(admin.username, "admin");
        assert_eq!(admin.authorization(), "t1");
        assert_eq!(admin.user_id.as_deref(), Some("g-admin"));
        let jdoe = session_of("jdoe", "t2", &answer).unwrap();
        assert_eq!(jdoe.role, Role::SelfService);
        assert!(jdoe.may(Permission::ManageUserCertificates));
        let pm = session_of("pmorley", "t3", &answer).unwrap();
        assert_eq!(pm.role, Role::SelfService);
        assert!(pm.permissions.is_empty());
        // Not in the answer: no session.
        assert!(session_of("someone", "t", &answer).is_none());
        // A blank role is no role; unknown permissions are ignored.
        let blank = users(json!({"users": [
            {"guid": "g", "username": "x", "administrativeRole": " ", "selfServicePermissions": ["OTHER"]}
        ]}));
        let s = session_of("x", "t", &blank).unwrap();
        assert_eq!(s.role, Role::SelfService);
        assert!(s.permissions.is_empty());
    }
}
