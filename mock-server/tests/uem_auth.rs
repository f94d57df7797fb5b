//! UEM REST API overview, "Authentication", "Verify Server is Running", "Request Authentication
//! Header", and the roles (the NOT_AUTHORIZED sample of "Errors").

mod common;
mod uem_support;

use axum::body::Body;
use axum::http::Method;
use uem_support::{error, Uem, ADMIN, JDOE, PMORLEY};
use wire::uem::directory::{Users, MANAGE_USER_CERTIFICATES};
use wire::uem::media;

/// The overview's body, verbatim.
const SAMPLE: &str = wire::uem::samples::AUTHORIZATION_REQUEST;

#[tokio::test]
async fn request_authentication_header_sample_signs_in_and_its_value_is_the_authorization() {
    let u = Uem::new();
    let r = u.authorize(SAMPLE).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.header("content-type").unwrap().starts_with("text/plain"));
    let token = r.text();
    assert!(
        token.len() >= 40 && !token.contains(char::is_whitespace),
        "{token}"
    );
    // "-H "Authorization: {insert value from /SRP00000/api/v1/util/authorization call}""
    let me = u
        .get(&token, "users?query=username=pmorley", media::USERS)
        .await;
    let users: Users = Uem::parse(&me, 200);
    assert_eq!(users.users[0].username.as_deref(), Some("pmorley"));
    // Decision: `Bearer <token>` is accepted too.
    let bearer = format!("Bearer {token}");
    let r = u
        .get(&bearer, "users?query=username=pmorley", media::USERS)
        .await;
    assert_eq!(r.status, 200);
    // Each sign-in gets its own random token.
    assert_ne!(u.authorize(SAMPLE).await.text(), token);
}

#[tokio::test]
async fn request_authentication_header_bad_password_is_401() {
    let u = Uem::new();
    for body in [
        r#"{"provider":"LOCAL","username":"pmorley","password":"d3Jvbmc="}"#,
        r#"{"provider":"LOCAL","username":"nobody","password":"cGFzc3dvcmQ="}"#,
    ] {
        let r = u.authorize(body).await;
        let e = error(&r, 401, "NOT_AUTHENTICATED");
        assert_eq!(e.message.as_deref(), Some("Invalid username or password."));
    }
}

#[tokio::test]
async fn request_authentication_header_password_must_be_base64() {
    // "NOTE: The password in the request must be base64-encoded."
    let u = Uem::new();
    let r = u
        .authorize(r#"{"provider":"LOCAL","username":"pmorley","password":"password!"}"#)
        .await;
    let e = error(&r, 400, "INVALID_PROPERTY_VALUE");
    assert_eq!(e.property(), Some(("password", "must be base64-encoded")));
    // Other providers, missing fields, bad JSON, another media type.
    let r = u
        .authorize(r#"{"provider":"AD","username":"pmorley","password":"cGFzc3dvcmQ="}"#)
        .await;
    assert_eq!(
        error(&r, 400, "INVALID_PROPERTY_VALUE")
            .property()
            .unwrap()
            .0,
        "provider"
    );
    let r = u
        .authorize(r#"{"provider":"LOCAL","password":"cGFzc3dvcmQ="}"#)
        .await;
    assert_eq!(
        error(&r, 400, "MISSING_REQUIRED_PROPERTY").property(),
        Some(("username", "is required"))
    );
    error(&u.authorize("{not json").await, 400, "INVALID_REQUEST");
    let r = u
        .raw(
            Method::POST,
            &u.path("util/authorization"),
            &[("content-type", "application/json")],
            SAMPLE,
        )
        .await;
    error(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
}

#[tokio::test]
async fn verify_server_is_running_without_credentials() {
    let u = Uem::new();
    let r = u
        .raw(Method::GET, &u.path("util/ping"), &[], Body::empty())
        .await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "OK"));
}

#[tokio::test]
async fn authentication_missing_unknown_or_stale_token_is_401() {
    // "If authentication fails a 401 error is returned."
    let u = Uem::new();
    let r = u
        .raw(
            Method::GET,
            &u.path("groups"),
            &[("accept", media::GROUPS)],
            Body::empty(),
        )
        .await;
    error(&r, 401, "NOT_AUTHENTICATED");
    error(
        &u.get("not-a-token", "groups", media::GROUPS).await,
        401,
        "NOT_AUTHENTICATED",
    );
    // Expired by the test hook.
    let token = u.sign_in(ADMIN).await;
    assert_eq!(u.get(&token, "groups", media::GROUPS).await.status, 200);
    let r = u.hook("/_mock/uem/sessions/expire", "").await;
    assert_eq!(r.json()["expired"], 1);
    error(
        &u.get(&token, "groups", media::GROUPS).await,
        401,
        "NOT_AUTHENTICATED",
    );
    // Stale after the idle time; each use restarts it.
    u.hook("/_mock/uem/timing", r#"{"idleTimeoutMs": 1000}"#)
        .await;
    let token = u.sign_in(ADMIN).await;
    for _ in 0..3 {
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        assert_eq!(u.get(&token, "groups", media::GROUPS).await.status, 200);
    }
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
    let e = error(
        &u.get(&token, "groups", media::GROUPS).await,
        401,
        "NOT_AUTHENTICATED",
    );
    assert!(e.message.unwrap().contains("expired"));
}

#[tokio::test]
async fn authentication_tokens_survive_the_reset_hook() {
    let u = Uem::new();
    let token = u.sign_in(ADMIN).await;
    let r = u.hook("/_mock/reset", "").await;
    assert_eq!(r.status, 200);
    assert_eq!(u.get(&token, "groups", media::GROUPS).await.status, 200);
}

#[tokio::test]
async fn errors_not_authorized_sample_for_self_service_users() {
    // "NOTE: Every API may return 403 Forbidden if the authenticated user is not authorized to
    // perform the action." The body is the overview's sample, verbatim.
    let u = Uem::new();
    let jdoe = u.sign_in(JDOE).await;
    let r = u.get(&jdoe, "groups", media::GROUPS).await;
    error(&r, 403, "NOT_AUTHORIZED");
    assert_eq!(
        r.json(),
        serde_json::json!({"id":"NOT_AUTHORIZED","subStatusCode":403,"message":"Not authorized to complete the request."})
    );
    for (rest, accept) in [
        ("entityDefs", media::ENTITY_DEFINITIONS),
        ("profiles?query=name=Default", media::PROFILES),
        ("users?query=username=admin", media::USERS),
    ] {
        error(&u.get(&jdoe, rest, accept).await, 403, "NOT_AUTHORIZED");
    }
    // Own certificates with "Manage user certificates"; nobody else's.
    let me = u.guid("jdoe");
    let admin = u.guid("admin");
    let own = format!("users/{me}/embeddedCertificates");
    assert_eq!(
        u.get(&jdoe, &own, media::EMBEDDED_CERTIFICATES)
            .await
            .status,
        200
    );
    let other = format!("users/{admin}/embeddedCertificates");
    error(
        &u.get(&jdoe, &other, media::EMBEDDED_CERTIFICATES).await,
        403,
        "NOT_AUTHORIZED",
    );
    // Without the permission, not even their own.
    let pm = u.sign_in(PMORLEY).await;
    let own = format!("users/{}/embeddedCertificates", u.guid("pmorley"));
    error(
        &u.get(&pm, &own, media::EMBEDDED_CERTIFICATES).await,
        403,
        "NOT_AUTHORIZED",
    );
    // A signed-in user without a UEM role may only look themself up.
    let mobile = u.sign_in(("mobileapp", "mobile1234")).await;
    error(
        &u.get(&mobile, "groups", media::GROUPS).await,
        403,
        "NOT_AUTHORIZED",
    );
    let users: Users = Uem::parse(
        &u.get(&mobile, "users?query=username=mobileapp", media::USERS)
            .await,
        200,
    );
    assert!(users.users[0].administrative_role.is_none());
}

#[tokio::test]
async fn beyond_the_document_users_query_says_who_signed_in_and_what_they_may_do() {
    let u = Uem::new();
    let admin = u.sign_in(ADMIN).await;
    let jdoe = u.sign_in(JDOE).await;
    let pm = u.sign_in(PMORLEY).await;
    let me = |token: String, name: &'static str| {
        let u = &u;
        async move {
            let r = u
                .get(
                    &token,
                    &format!("users?query=username={name}"),
                    media::USERS,
                )
                .await;
            assert_eq!(r.header("content-type"), Some(media::USERS));
            let users: Users = Uem::parse(&r, 200);
            assert_eq!(users.users.len(), 1);
            users.users.into_iter().next().unwrap()
        }
    };
    let a = me(admin.clone(), "admin").await;
    assert_eq!(
        a.administrative_role.as_deref(),
        Some("Security Administrator")
    );
    assert_eq!(a.guid, u.guid("admin"));
    let j = me(jdoe.clone(), "jdoe").await;
    assert_eq!(j.self_service_permissions, [MANAGE_USER_CERTIFICATES]);
    assert_eq!(j.administrative_role, None);
    let p = me(pm, "pmorley").await;
    assert!(p.self_service_permissions.is_empty());
    assert_eq!(p.email_address.as_deref(), Some("pmorley@example.com"));
    // Self-service: only their own exact username.
    for q in [
        "username=admin",
        "username=j*",
        "emailAddress=jdoe@example.com",
    ] {
        error(
            &u.get(&jdoe, &format!("users?query={q}"), media::USERS)
                .await,
            403,
            "NOT_AUTHORIZED",
        );
    }
    // The admin searches with a trailing wildcard, case-insensitively, with `max`.
    let users: Users = Uem::parse(
        &u.get(&admin, "users?query=username=J*&max=500", media::USERS)
            .await,
        200,
    );
    assert!(users.users.len() > 1);
    assert!(users
        .users
        .iter()
        .all(|x| x.username.as_deref().unwrap().starts_with('j')));
    let users: Users = Uem::parse(&u.get(&admin, "users?max=2", media::USERS).await, 200);
    assert_eq!(users.users.len(), 2);
    error(
        &u.get(&admin, "users?query=city=Paris", media::USERS).await,
        400,
        "INVALID_QUERY",
    );
    error(
        &u.get(&admin, "users?max=lots", media::USERS).await,
        400,
        "INVALID_QUERY",
    );
}
