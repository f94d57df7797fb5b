//! Helpers of the CZERTAINLY tests (`czertainly_*.rs`): a router with the test hooks, requests
//! under `/czertainly/api` carrying a client certificate as the platform's proxy forwards it.
#![allow(dead_code, unused_imports)]

use crate::common::{self, Reply};
use axum::http::{Method, StatusCode};
use axum::Router;
use mock_server::czertainly::world;
use mock_server::czertainly::CLIENT_CERT_HEADER;
use mock_server::SharedState;
use serde_json::{json, Value};
use std::sync::OnceLock;
use wire::czertainly::scep::{ScepProfile, ScepProfileDetail};

pub use mock_server::czertainly::world::{
    CA_CORPORATE, CA_DEVICES, CA_ECC, CA_EXPIRED, CA_ROOT, P_CORPORATE, P_INTUNE, P_KIOSK, P_LAB,
    RA_CORPORATE, RA_DEVICES, RA_LEGACY, RA_WEB,
};

pub const BASE: &str = "/czertainly/api/v1/scepProfiles";

/// A client certificate (PEM), made once.
pub fn client_pem() -> &'static str {
    static PEM: OnceLock<String> = OnceLock::new();
    PEM.get_or_init(|| {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut p = rcgen::CertificateParams::new(vec!["portal.example.com".into()]).unwrap();
        p.distinguished_name
            .push(rcgen::DnType::CommonName, "portal-admin");
        p.self_signed(&key).unwrap().pem()
    })
}

/// The PEM as nginx's `$ssl_client_escaped_cert` sends it: every reserved character
/// percent-encoded.
pub use mock_server::czertainly::escaped;

pub struct Cz {
    pub st: SharedState,
    pub app: Router,
    pub cert: String,
}

impl Cz {
    /// A fresh state (test hooks on) and a client certificate.
    pub fn new() -> Cz {
        let (st, app) = common::hooked(10);
        Cz {
            st,
            app,
            cert: escaped(client_pem()),
        }
    }

    /// A request to `path` under `/czertainly/api/v1/scepProfiles` with the client certificate.
    pub async fn call(&self, method: Method, path: &str, body: Option<&Value>) -> Reply {
        let text = body.map(Value::to_string).unwrap_or_default();
        common::send_body(
            &self.app,
            method,
            &format!("{BASE}{path}"),
            None,
            &[
                (CLIENT_CERT_HEADER, self.cert.as_str()),
                ("content-type", "application/json"),
            ],
            &text,
        )
        .await
    }

    pub async fn list(&self) -> Vec<ScepProfile> {
        let r = self.call(Method::GET, "", None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        common::parse(&r)
    }

    pub async fn detail(&self, uuid: &str) -> ScepProfileDetail {
        let r = self.call(Method::GET, &format!("/{uuid}"), None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        common::parse(&r)
    }

    /// The stored profile (for what the API never answers: the secrets).
    pub fn stored(&self, uuid: &str) -> world::ProfileRec {
        let w = self.st.czertainly.lock();
        let i = w.profile_index(uuid).expect("a stored profile");
        w.profiles[i].clone()
    }

    pub fn names(list: &[ScepProfile]) -> Vec<&str> {
        list.iter().map(|p| p.name.as_str()).collect()
    }
}

/// A request attribute as a client sends it (the CZERTAINLY reference's request shape).
pub fn attr(name: &str, content_type: &str, data: Value) -> Value {
    json!({
        "name": name,
        "contentType": content_type,
        "content": [ { "data": data, "contentType": content_type } ],
        "version": "v2"
    })
}

/// A valid create body for `devices-ra` (Microsoft ADCS: `template` required).
pub fn create_body(name: &str) -> Value {
    json!({
        "name": name,
        "description": "Made by a test",
        "raProfileUuid": RA_DEVICES,
        "caCertificateUuid": CA_DEVICES,
        "issueCertificateAttributes": [ attr("template", "string", json!("Machine")) ],
        "customAttributes": [ attr("department", "string", json!("QA")) ],
        "renewalThreshold": 20,
        "includeCaCertificate": true,
        "challengePassword": "first-secret"
    })
}
