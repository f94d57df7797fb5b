//! Helpers of the `uem_*` tests: a seeded router with the test hooks on, sign-in, calls under
//! `/{tenant}/api/v1`, PKCS#12 fixtures and upload bodies.
#![allow(dead_code)]

use crate::common::{self, Reply};
use axum::body::Body;
use axum::http::{Method, Request};
use axum::Router;
use mock_server::pkcs12::{fixture, FixtureKind};
use mock_server::{app, SharedState};
use wire::uem::media;

pub const ADMIN: (&str, &str) = ("admin", "admin1234");
/// Self-service user with "Manage user certificates".
pub const JDOE: (&str, &str) = ("jdoe", "abcd1234");
/// The overview's sample account: self-service without the permission.
pub const PMORLEY: (&str, &str) = ("pmorley", "password");

pub struct Uem {
    pub st: SharedState,
    pub r: Router,
}

impl Uem {
    /// 60 seeded devices, seed 1, test hooks on.
    pub fn new() -> Uem {
        let st = common::state(60);
        st.enable_test_hooks();
        let r = app(st.clone());
        Uem { st, r }
    }

    /// `/SRP00000/api/v1/<rest>`.
    pub fn path(&self, rest: &str) -> String {
        format!("/{}/api/v1/{rest}", self.st.uem.tenant())
    }

    /// Any request; `body` as bytes.
    pub async fn raw(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: impl Into<Body>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        common::call(&self.r, req.body(body.into()).unwrap()).await
    }

    /// A call under the tenant with a token.
    pub async fn call(
        &self,
        method: Method,
        rest: &str,
        token: &str,
        headers: &[(&str, &str)],
        body: impl Into<Body>,
    ) -> Reply {
        let mut h = vec![("authorization", token)];
        h.extend_from_slice(headers);
        self.raw(method, &self.path(rest), &h, body).await
    }

    /// GET with a token and an `Accept`.
    pub async fn get(&self, token: &str, rest: &str, accept: &str) -> Reply {
        self.call(
            Method::GET,
            rest,
            token,
            &[("accept", accept)],
            Body::empty(),
        )
        .await
    }

    /// `POST util/authorization` as in the overview; the raw answer.
    pub async fn authorize(&self, body: &str) -> Reply {
        self.raw(
            Method::POST,
            &self.path("util/authorization"),
            &[("content-type", media::AUTHORIZATION_REQUEST)],
            body.to_string(),
        )
        .await
    }

    /// Signs in and returns the token.
    pub async fn sign_in(&self, (user, pass): (&str, &str)) -> String {
        let body =
            serde_json::to_string(&wire::uem::AuthorizationRequest::local(user, pass)).unwrap();
        let r = self.authorize(&body).await;
        assert_eq!(r.status, 200, "sign-in of {user}: {}", r.text());
        r.text()
    }

    /// The GUID of a user (from the EPMM world).
    pub fn guid(&self, principal: &str) -> String {
        self.st.read().user(principal).unwrap().uuid.clone()
    }

    /// A JSON answer parsed into a wire type (with its status checked).
    pub fn parse<T: serde::de::DeserializeOwned>(r: &Reply, status: u16) -> T {
        assert_eq!(r.status, status, "{}", r.text());
        common::parse(r)
    }

    /// A test hook (`/_mock/uem/...`).
    pub async fn hook(&self, path: &str, body: &str) -> Reply {
        self.raw(
            Method::POST,
            path,
            &[("content-type", "application/json")],
            body.to_string(),
        )
        .await
    }
}

/// The error body of a reply, checked to be the overview's error payload with this id.
pub fn error(r: &Reply, status: u16, id: &str) -> wire::uem::ErrorBody {
    assert_eq!(r.status, status, "{}", r.text());
    assert_eq!(r.header("content-type"), Some(media::ERROR), "{}", r.text());
    let e: wire::uem::ErrorBody = common::parse(r);
    assert_eq!(e.id, id, "{}", r.text());
    assert!(
        e.sub_status_code.is_some() && e.message.is_some(),
        "{}",
        r.text()
    );
    e
}

/// The `Allow` methods of a reply.
pub fn allow(r: &Reply) -> Vec<String> {
    r.header("allow")
        .unwrap_or_default()
        .split(',')
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect()
}

/// A PKCS#12 test file of `kind`, valid around now.
pub fn p12(kind: FixtureKind, password: &str, cn: &str) -> Vec<u8> {
    fixture(kind, password, cn, mock_server::v2::now_ms()).expect("fixture")
}

/// The overview's multipart body, byte for byte its shell sample: `\n` line ends and two
/// newlines after the file.
pub fn multipart_lf(password: &str, file: &[u8]) -> Vec<u8> {
    wire::uem::samples::certificate_upload_lf(&wire::uem::base64_encode(password.as_bytes()), file)
}

/// The same with CRLF (what the portal sends).
pub fn multipart_crlf(password: &str, file: &[u8]) -> Vec<u8> {
    wire::uem::multipart::certificate_upload(
        &wire::uem::base64_encode(password.as_bytes()),
        "pkcs12_file.p12",
        file,
    )
}

/// The overview's multipart Content-Type.
pub const MULTIPART: &str = wire::uem::samples::MULTIPART_CONTENT_TYPE;
