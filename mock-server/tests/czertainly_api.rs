//! CZERTAINLY API plumbing: the forwarded client certificate, `--czertainly-open`, unknown
//! endpoints and methods, fault injection and the rate limit under `/czertainly/api`, and
//! `POST /_mock/reset`, and the `last-request` hook.

mod common;
mod czertainly;

use axum::http::{Method, StatusCode};
use base64::Engine;
use czertainly::*;
use mock_server::czertainly::{client_certificate_subject, CzConfig, CLIENT_CERT_HEADER};
use serde_json::json;

async fn list_with(cz: &Cz, headers: &[(&str, &str)]) -> common::Reply {
    common::send(&cz.app, Method::GET, BASE, None, headers).await
}

async fn set_faults(cz: &Cz, body: &str) -> common::Reply {
    common::send_body(
        &cz.app,
        Method::POST,
        "/_mock/faults",
        None,
        &[("content-type", "application/json")],
        body,
    )
    .await
}

fn der_base64(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

#[tokio::test]
async fn a_client_certificate_is_required() {
    let cz = Cz::new();
    let r = list_with(&cz, &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.json()["message"]
        .as_str()
        .unwrap()
        .contains("no client certificate"));
    // Basic credentials of the EPMM APIs are no substitute.
    let r = common::send(&cz.app, Method::GET, BASE, Some(common::ADMIN), &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    for bad in [
        "",
        "garbage",
        "-----BEGIN CERTIFICATE-----%0AAAAA%0A-----END CERTIFICATE-----",
    ] {
        let r = list_with(&cz, &[(CLIENT_CERT_HEADER, bad)]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{bad}");
        assert!(r.json()["message"]
            .as_str()
            .unwrap()
            .starts_with("Could not parse certificate for authentication"));
    }
    // nginx's escaped PEM, a PEM on one line (newlines as spaces), bare base64 DER.
    let pem = client_pem();
    let one_line = pem.replace('\n', " ");
    let der = der_base64(pem);
    for good in [escaped(pem), one_line, der] {
        let r = list_with(&cz, &[(CLIENT_CERT_HEADER, &good)]).await;
        assert_eq!(r.status, StatusCode::OK, "{good}");
    }
    assert_eq!(
        client_certificate_subject(&escaped(pem)).unwrap(),
        "CN=portal-admin"
    );
    let der = base64::engine::general_purpose::STANDARD
        .decode(der_base64(pem))
        .unwrap();
    assert!(x509_parser::parse_x509_certificate(&der).is_ok());
}

#[tokio::test]
async fn open_mode_accepts_requests_without_a_certificate() {
    let cz = Cz::new();
    cz.st.czertainly.configure(CzConfig {
        open: true,
        ..CzConfig::default()
    });
    let r = list_with(&cz, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    // A certificate that does not parse is still refused.
    let r = list_with(&cz, &[(CLIENT_CERT_HEADER, "garbage")]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn unknown_endpoints_404_unsupported_methods_400() {
    let cz = Cz::new();
    let h = [(CLIENT_CERT_HEADER, cz.cert.as_str())];
    let r = common::send(
        &cz.app,
        Method::GET,
        "/czertainly/api/v1/acmeProfiles",
        None,
        &h,
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        r.json(),
        json!({"message": "No endpoint GET /czertainly/api/v1/acmeProfiles."})
    );
    let r = cz.call(Method::POST, &format!("/{P_LAB}"), None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json(),
        json!({"message": "Request method 'POST' is not supported"})
    );
    // A path segment that is not UTF-8 once decoded: 400 with the platform's body, no panic.
    let r = cz.call(Method::GET, "/%FF%FE", None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["message"].is_string());
    let r = cz.call(Method::PATCH, "/%FF/raProfiles/x", None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // Without a certificate, the 401 comes first.
    let r = common::send(&cz.app, Method::GET, "/czertainly/api/v1/x", None, &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn fault_injection_covers_czertainly() {
    let cz = Cz::new();
    assert_eq!(
        set_faults(&cz, r#"{"status":503,"paths":"/scepProfiles"}"#)
            .await
            .status,
        StatusCode::OK
    );
    let r = cz.call(Method::GET, "", None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    // CZERTAINLY's error body, not the EPMM envelope.
    assert_eq!(
        r.json(),
        json!({"message": "Service unavailable (injected fault)"})
    );
    assert_eq!(r.header("retry-after"), Some("1"));
    // The EPMM API is outside the path filter.
    assert_eq!(
        common::get(&cz.app, "/api/v1/appsettings").await.status,
        StatusCode::OK
    );
    assert_eq!(
        set_faults(&cz, r#"{"status":401}"#).await.status,
        StatusCode::OK
    );
    let r = cz.call(Method::GET, "", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.header("www-authenticate").is_none());
    assert_eq!(
        set_faults(&cz, r#"{"malformed":true}"#).await.status,
        StatusCode::OK
    );
    let r = cz.call(Method::GET, "", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(serde_json::from_slice::<serde_json::Value>(&r.body).is_err());
    assert_eq!(set_faults(&cz, "{}").await.status, StatusCode::OK);
    assert_eq!(cz.call(Method::GET, "", None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_rate_limit_covers_czertainly_per_client_certificate() {
    let cz = Cz::new();
    cz.st.rate_limiter.set(2);
    for _ in 0..2 {
        assert_eq!(cz.call(Method::GET, "", None).await.status, StatusCode::OK);
    }
    let r = cz.call(Method::GET, "", None).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.header("retry-after").is_some());
    assert!(r.json()["message"]
        .as_str()
        .unwrap()
        .starts_with("Too many requests"));
    // Another certificate (the same one, spelled differently) has its own budget.
    let other = client_pem().replace('\n', " ");
    let r = common::send(
        &cz.app,
        Method::GET,
        BASE,
        None,
        &[(CLIENT_CERT_HEADER, &other)],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn reset_restores_the_seeded_world_and_keeps_the_settings() {
    let cz = Cz::new();
    let seeded = cz.list().await;
    let seeded_detail = cz.detail(P_CORPORATE).await;
    cz.st.czertainly.configure(CzConfig {
        open: true,
        scep_base: "https://pki.example.org/api".into(),
    });
    let r = cz
        .call(Method::POST, "", Some(&create_body("temporary")))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let first_uuid = r.json()["uuid"].as_str().unwrap().to_string();
    cz.call(Method::DELETE, "/delete/force", Some(&json!([P_CORPORATE])))
        .await;
    let r = common::send(&cz.app, Method::POST, "/_mock/reset", None, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    let after = list_with(&cz, &[]).await;
    assert_eq!(after.status, StatusCode::OK, "open mode kept");
    let after: Vec<wire::czertainly::scep::ScepProfile> = common::parse(&after);
    assert_eq!(Cz::names(&after), Cz::names(&seeded));
    let d = cz.detail(P_CORPORATE).await;
    assert_eq!(
        d.profile.scep_url.as_deref(),
        Some("https://pki.example.org/api/v1/protocols/scep/corporate-users/pkiclient.exe")
    );
    assert_eq!(
        d.issue_certificate_attributes,
        seeded_detail.issue_certificate_attributes
    );
    assert!(cz
        .st
        .czertainly
        .lock()
        .ra_profiles
        .iter()
        .any(|r| r.scep_profile.as_deref() == Some(P_CORPORATE)));
    // Deterministic: the same uuid for the first profile created after a reset.
    let r = cz
        .call(Method::POST, "", Some(&create_body("temporary")))
        .await;
    assert_eq!(r.json()["uuid"].as_str(), Some(first_uuid.as_str()));
}

#[tokio::test]
async fn the_last_request_hook_says_what_a_request_carried() {
    let cz = Cz::new();
    let hook = |cz: &Cz| {
        let app = cz.app.clone();
        async move {
            common::send(
                &app,
                Method::GET,
                "/_mock/czertainly/last-request",
                None,
                &[],
            )
            .await
            .json()
        }
    };
    assert_eq!(hook(&cz).await, serde_json::Value::Null);
    // With credentials and the forwarded certificate (what a proxy must not do, and must do).
    let r = common::send(
        &cz.app,
        Method::GET,
        BASE,
        Some(("admin", "admin1234")),
        &[(CLIENT_CERT_HEADER, cz.cert.as_str())],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        hook(&cz).await,
        json!({"method": "GET", "path": BASE, "authorization": true, "clientCertificate": "CN=portal-admin"})
    );
    // Refused requests are seen too: no certificate, no credentials.
    let r = list_with(&cz, &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        hook(&cz).await,
        json!({"method": "GET", "path": BASE, "authorization": false, "clientCertificate": null})
    );
}
