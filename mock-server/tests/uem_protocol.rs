//! UEM REST API overview, "Resources" / "Data types" (custom media types, absent fields),
//! "Errors", "Set a custom correlation-id", "Examples" (tenant in every route), and the mock's
//! fault injection and rate limit on UEM paths.

mod common;
mod uem_support;

use axum::body::Body;
use axum::http::Method;
use mock_server::{app, AppState};
use serde_json::Value;
use uem_support::{allow, error, Uem, ADMIN, JDOE};
use wire::uem::media;

#[tokio::test]
async fn custom_media_types_accept_is_checked_as_an_http_server_does() {
    // "The API utilizes custom media types to differentiate requests and responses."
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let r = u.get(&t, "groups", media::GROUPS).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some(media::GROUPS));
    for ok in [
        "*/*",
        "application/*",
        "text/html, application/vnd.blackberry.groups-v1+json;q=0.5",
        "APPLICATION/VND.BLACKBERRY.GROUPS-V1+JSON; charset=utf-8",
    ] {
        assert_eq!(u.get(&t, "groups", ok).await.status, 200, "{ok}");
    }
    // No Accept at all: any.
    let r = u.call(Method::GET, "groups", &t, &[], Body::empty()).await;
    assert_eq!(r.status, 200);
    for bad in [
        "application/json",
        media::PROFILES,
        "application/vnd.blackberry.groups-v1+json;q=0",
    ] {
        let e = error(&u.get(&t, "groups", bad).await, 406, "NOT_ACCEPTABLE");
        assert!(e.message.unwrap().contains(media::GROUPS), "{bad}");
    }
    // A download is application/pkix-cert only.
    let certs: wire::uem::certs::EmbeddedCertificates = Uem::parse(
        &u.get(
            &t,
            &format!("users/{}/embeddedCertificates", u.guid("jdoe")),
            media::EMBEDDED_CERTIFICATES,
        )
        .await,
        200,
    );
    let c = certs.embedded_certificates[0]
        .certificate
        .as_ref()
        .unwrap()
        .guid
        .clone();
    error(
        &u.get(&t, &format!("pki/certificates/{c}"), "application/json")
            .await,
        406,
        "NOT_ACCEPTABLE",
    );
}

#[tokio::test]
async fn custom_media_types_wrong_content_type_is_415() {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let profile = "c0000001-0000-4000-8000-000000000001";
    let body = r#"{"groups":[]}"#;
    for ct in [Some("application/json"), Some(media::PROFILES), None] {
        let mut h = vec![];
        if let Some(ct) = ct {
            h.push(("content-type", ct));
        }
        let r = u
            .call(
                Method::POST,
                &format!("profiles/{profile}/groups"),
                &t,
                &h,
                body,
            )
            .await;
        error(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    let r = u
        .call(
            Method::POST,
            "entities/com.blackberry.mdm.common.entity.profile.ComplianceProfile",
            &t,
            &[("content-type", "application/json")],
            r#"{"settings":{"name":"x"}}"#,
        )
        .await;
    let e = error(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
    assert!(e.message.unwrap().contains(media::ENTITY_INSTANCE));
}

#[tokio::test]
async fn errors_every_4xx_has_the_error_payload() {
    // "Many 400 and 500 level responses ... the Content-Type response header will be
    // application/vnd.blackberry.error-v1+json" (the mock: all of them).
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let e = error(
        &u.get(&t, "no/such/thing", "*/*").await,
        404,
        "RESOURCE_NOT_FOUND",
    );
    assert_eq!(e.sub_status_code, Some(404));
    let r = u.call(Method::PUT, "groups", &t, &[], Body::empty()).await;
    let e = error(&r, 405, "METHOD_NOT_ALLOWED");
    assert_eq!(e.sub_status_code, Some(405));
    assert!(allow(&r).contains(&"GET".to_string()), "{:?}", allow(&r));
    let e = error(
        &u.get(&t, "users/not-a-user/userDevices", media::USER_DEVICES)
            .await,
        404,
        "USER_NOT_FOUND",
    );
    assert_eq!(e.sub_status_code, Some(111));
    // Unknown resources of every kind have their own id.
    let missing = "00000000-0000-4000-8000-000000000000";
    for (rest, accept, id) in [
        (
            "pki/certificates/",
            media::PKIX_CERT,
            "CERTIFICATE_NOT_FOUND",
        ),
        (
            "pki/bundles/",
            media::CERTIFICATE_BUNDLE,
            "CERTIFICATE_BUNDLE_NOT_FOUND",
        ),
        (
            "embeddedCertificates/",
            media::EMBEDDED_CERTIFICATE,
            "EMBEDDED_CERTIFICATE_NOT_FOUND",
        ),
        ("profiles/", media::PROFILE, "PROFILE_NOT_FOUND"),
        (
            "entityDefs/",
            media::ENTITY_DEFINITION,
            "ENTITY_DEFINITION_NOT_FOUND",
        ),
    ] {
        error(
            &u.get(&t, &format!("{rest}{missing}"), accept).await,
            404,
            id,
        );
    }
}

#[tokio::test]
async fn set_a_custom_correlation_id_is_echoed() {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let r = u
        .call(
            Method::GET,
            "groups",
            &t,
            &[
                ("accept", media::GROUPS),
                ("Correlation-Id", "customCorrelationId"),
            ],
            Body::empty(),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("correlation-id"), Some("customCorrelationId"));
    // On errors too, before authentication.
    let r = u
        .raw(
            Method::GET,
            &u.path("groups"),
            &[("correlation-id", "abc-123")],
            Body::empty(),
        )
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.header("correlation-id"), Some("abc-123"));
    // None sent, none answered.
    let r = u.get(&t, "groups", media::GROUPS).await;
    assert_eq!(r.header("correlation-id"), None);
}

#[tokio::test]
async fn examples_tenant_is_in_every_route() {
    // "All routes include tenantGuid which is the same as the initial SRPID".
    let u = Uem::new();
    assert_eq!(u.path("groups"), "/SRP00000/api/v1/groups");
    let r = u
        .raw(
            Method::GET,
            "/SRP99999/api/v1/util/ping",
            &[],
            Body::empty(),
        )
        .await;
    let e = error(&r, 404, "TENANT_NOT_FOUND");
    assert_eq!(e.sub_status_code, Some(110));
    u.st.uem.set_tenant("SRP12345");
    let r = u
        .raw(
            Method::GET,
            "/SRP12345/api/v1/util/ping",
            &[],
            Body::empty(),
        )
        .await;
    assert_eq!(r.status, 200);
    let r = u
        .raw(
            Method::GET,
            "/SRP00000/api/v1/util/ping",
            &[],
            Body::empty(),
        )
        .await;
    error(&r, 404, "TENANT_NOT_FOUND");
    // The bare prefix is a UEM 404, not a portal page.
    let r = u
        .raw(Method::GET, "/SRP12345/api/v1", &[], Body::empty())
        .await;
    error(&r, 404, "RESOURCE_NOT_FOUND");
}

#[tokio::test]
async fn examples_doubled_slashes_work() {
    // The overview writes `.../api/v1//entities/{entityDefId}/template` and
    // `.../api/v1//embeddedCertificates/{guid}` (overview, "Get an entity instance template" and
    // "Request Embedded Certificates for a User").
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let uri = u.path(
        "/entities/com.blackberry.mdm.common.entity.profile.DynamicsSecurityProfile/template",
    );
    assert!(uri.contains("v1//entities"));
    let r = u
        .raw(
            Method::GET,
            &uri,
            &[("authorization", &t), ("accept", media::ENTITY_INSTANCE)],
            Body::empty(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let certs: wire::uem::certs::EmbeddedCertificates = Uem::parse(
        &u.get(
            &t,
            &format!("users/{}/embeddedCertificates", u.guid("jdoe")),
            media::EMBEDDED_CERTIFICATES,
        )
        .await,
        200,
    );
    let ec = &certs.embedded_certificates[0].guid;
    let r = u
        .raw(
            Method::GET,
            &u.path(&format!("/embeddedCertificates/{ec}")),
            &[
                ("authorization", &t),
                ("accept", media::EMBEDDED_CERTIFICATE),
            ],
            Body::empty(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
}

fn has_null(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.iter().any(has_null),
        Value::Object(o) => o.values().any(has_null),
        _ => false,
    }
}

#[tokio::test]
async fn data_types_absent_fields_are_omitted_not_null() {
    // "fields that are not assigned a value are not returned in the response".
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let jdoe = u.guid("jdoe");
    let r = u
        .get(
            &t,
            &format!("users/{jdoe}/embeddedCertificates"),
            media::EMBEDDED_CERTIFICATES,
        )
        .await;
    let list = r.json();
    assert!(!has_null(&list), "{list}");
    let certs = list["embeddedCertificates"].as_array().unwrap();
    // Not in a bundle: no certificateBundle key at all.
    assert!(certs.iter().any(|c| c.get("certificateBundle").is_none()));
    assert!(certs.iter().any(|c| c.get("certificateBundle").is_some()));
    for rest in [
        "groups".to_string(),
        "profiles".to_string(),
        format!("users/{jdoe}/profiles"),
        format!("users/{jdoe}/userDevices"),
        "entityDefs".to_string(),
    ] {
        let r = u.get(&t, &rest, "*/*").await;
        assert_eq!(r.status, 200, "{rest}");
        assert!(!has_null(&r.json()), "{rest}");
    }
}

#[tokio::test]
async fn fault_injection_reaches_uem_paths_with_the_error_payload() {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let r = u
        .hook(
            "/_mock/faults",
            r#"{"status": 503, "paths": "/api/v1/groups"}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = u.get(&t, "groups", media::GROUPS).await;
    let e = error(&r, 503, "SERVICE_UNAVAILABLE");
    assert!(e.message.unwrap().contains("injected"));
    assert_eq!(r.header("retry-after"), Some("1"));
    // Other UEM paths and the EPMM API are left alone.
    assert_eq!(u.get(&t, "profiles", media::PROFILES).await.status, 200);
    let r = common::get(&u.r, "/api/v1/dm/devices?limit=1").await;
    assert_eq!(r.status, 200);
    // A failure rate of 1 on every path.
    u.hook("/_mock/faults", r#"{"failRate": 1.0}"#).await;
    error(
        &u.get(&t, "profiles", media::PROFILES).await,
        500,
        "INTERNAL_ERROR",
    );
    u.hook("/_mock/faults", "{}").await;
    assert_eq!(u.get(&t, "profiles", media::PROFILES).await.status, 200);
}

#[tokio::test]
async fn rate_limit_applies_per_token_user() {
    let u = Uem::new();
    let admin = u.sign_in(ADMIN).await;
    let jdoe = u.sign_in(JDOE).await;
    u.st.rate_limiter.set(3);
    for _ in 0..3 {
        assert_eq!(u.get(&admin, "groups", media::GROUPS).await.status, 200);
    }
    let r = u.get(&admin, "groups", media::GROUPS).await;
    error(&r, 429, "TOO_MANY_REQUESTS");
    assert!(r.header("retry-after").is_some());
    // jdoe has a bucket of their own.
    let me = "users?query=username=jdoe";
    assert_eq!(u.get(&jdoe, me, media::USERS).await.status, 200);
    u.st.rate_limiter.set(0);
}

#[tokio::test]
async fn static_files_and_the_spa_fallback_keep_working_beside_the_tenant_routes() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>portal</title>",
    )
    .unwrap();
    let r = app(AppState::seeded(20, 1, &dist));
    for path in [
        "/",
        "/uem/certificates",
        "/SRP00000",
        "/SRP00000/api",
        "/SRP00000/api/v2/x",
    ] {
        let res = common::send(&r, Method::GET, path, None, &[]).await;
        assert_eq!(res.status, 200, "{path}");
        assert!(res.text().contains("portal"), "{path}");
    }
    let res = common::send(&r, Method::GET, "/SRP00000/api/v1/util/ping", None, &[]).await;
    assert_eq!((res.status.as_u16(), res.text().as_str()), (200, "OK"));
}
