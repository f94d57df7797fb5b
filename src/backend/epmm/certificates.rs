//! EPMM V2 certificate management (seed 000 = S0, digest `certificates-api.md`), mapped into
//! [`crate::domain::certificate`].
//!
//! Endpoints E1–E18 by number; the paths are S0's, both `configuration` and `configurations`
//! prefixes as documented (C.1 #40).

use super::EpmmCalls;
use crate::backend::http::{parse, Body};
use crate::backend::{ApiClient, ApiError};
use crate::domain::certificate::{
    days_until, CaKind, CeConfig, CertDetails, CertQuery, CertStatus, Certificate, ExportStatus,
    MyCertificate, RevocationStatus, UserRow, DEVICE_SPACE,
};
use crate::domain::x509::{parse_pem, CertSummary};
use crate::url::{encode_path_segment, query_string};
use gloo_net::http::Method;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use wire::v2::ce::{ConfigSummary, TestCertificate};
use wire::v2::certificates::{CertificateRecord, ExportLinks};
use wire::v2::user_provided::{CeCertificateDetails, UserCertificate, UserIdBody};
use wire::v2::users::UserSummary;
use wire::v2::Envelope;

const UP: &str = "/v2/configuration/CE/USER_PROVIDED";

async fn post_json<T: DeserializeOwned>(
    api: &ApiClient,
    path: &str,
    body: serde_json::Value,
) -> Result<Envelope<T>, ApiError> {
    api.send_json(Method::POST, path, Body::Json(body.to_string()))
        .await
}

fn results<T>(e: Envelope<T>) -> Result<T, ApiError> {
    e.results
        .ok_or_else(|| ApiError::malformed("the answer has no results"))
}

// ---- configurations (E14) ----

fn map_config(s: ConfigSummary, asked: CaKind) -> Option<CeConfig> {
    let id = s.value?.trim().to_string();
    let name = s.name.unwrap_or_default();
    let kind = s
        .app_sub_type
        .as_deref()
        .and_then(|k| k.parse().ok())
        .unwrap_or(asked);
    (!id.is_empty()).then_some(CeConfig { id, name, kind })
}

/// E14: `GET /api/v2/configurations/CE/{caprotocol}/configurations` (S0:L1571-1693).
pub async fn configs(api: &ApiClient, kind: CaKind) -> Result<Vec<CeConfig>, ApiError> {
    let path = format!("/v2/configurations/CE/{}/configurations", kind.key());
    let e: Envelope<Vec<ConfigSummary>> = api.get_json(&path).await?;
    Ok(e.results
        .unwrap_or_default()
        .into_iter()
        .filter_map(|s| map_config(s, kind))
        .collect())
}

/// Every configuration of every CA type (one E14 call per type).
pub async fn all_configs(api: &ApiClient) -> Result<Arc<Vec<CeConfig>>, ApiError> {
    let mut out = Vec::new();
    for kind in CaKind::ALL {
        out.extend(configs(api, kind).await?);
    }
    Ok(Arc::new(out))
}

// ---- certificates (E4) ----

/// Maps an E4 row; `now_ms` fixes "expires in N days" at load time.
pub fn map_certificate(r: CertificateRecord, now_ms: i64) -> Certificate {
    let expires = r
        .expired_at
        .as_deref()
        .and_then(wire::datetime::parse_to_epoch_ms);
    let status_raw = r.certificate_status.unwrap_or_default();
    Certificate {
        id: r.id.unwrap_or_default(),
        serial: r.serial_number.unwrap_or_default(),
        kind: r.kind.unwrap_or_default(),
        trash: r.trash.unwrap_or(false),
        expires,
        created: r
            .created_at
            .as_deref()
            .and_then(wire::datetime::parse_to_epoch_ms),
        user_id: r.user_id.unwrap_or_default(),
        device_id: r.device_id,
        device_uuid: r.device_uuid.unwrap_or_default(),
        local_ca_id: r.local_ca_id,
        config_name: r.ce_setting_name.unwrap_or_default(),
        config_id: r.ce_id,
        status: status_raw.parse::<CertStatus>().ok(),
        status_raw,
        app_settings: r.consumer_app_settings,
        days_left: expires.map(|e| days_until(e, now_ms)),
    }
}

/// E4: `POST /api/v2/certificates/search` (S0:L393-693): the whole list (no paging exists).
pub async fn search(
    api: &ApiClient,
    q: &CertQuery,
    now_ms: i64,
) -> Result<Arc<Vec<Certificate>>, ApiError> {
    let e: Envelope<Vec<CertificateRecord>> =
        post_json(api, "/v2/certificates/search", q.filter_json()).await?;
    Ok(Arc::new(
        e.results
            .unwrap_or_default()
            .into_iter()
            .map(|r| map_certificate(r, now_ms))
            .collect(),
    ))
}

/// E4 for every configuration that issues certificates, concurrently (E4 takes exactly one
/// `ceSettingName`): each configuration's name and list, "no data" (404) as an empty list.
pub async fn search_each(
    api: &ApiClient,
    q: &CertQuery,
    configs: &[CeConfig],
    now_ms: i64,
) -> Result<Vec<(String, Arc<Vec<Certificate>>)>, ApiError> {
    let calls = configs
        .iter()
        .filter(|c| c.kind.issues_certificates())
        .map(|c| {
            let q = q.for_config(&c.name);
            async move { (c.name.clone(), search(api, &q, now_ms).await) }
        });
    let mut out = Vec::new();
    for (name, r) in futures::future::join_all(calls).await {
        match r {
            Ok(list) => out.push((name, list)),
            Err(e) if e.is_not_found() => out.push((name, Arc::default())),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// How many certificates of a configuration are in a status (E4).
pub async fn count(api: &ApiClient, config: &str, status: CertStatus) -> Result<usize, ApiError> {
    let q = CertQuery {
        config: config.to_string(),
        status: Some(status),
        ..Default::default()
    };
    let e: Envelope<Vec<serde_json::Value>> =
        post_json(api, "/v2/certificates/search", q.filter_json()).await?;
    Ok(e.results.map(|r| r.len()).unwrap_or(0))
}

// ---- the certificate export (E1–E3) ----

/// E1: `POST /api/v2/certificates/search_export`. `Ok(true)`: started; `Ok(false)`: one was
/// already running (no `results`, S0:L222-242; told apart by `results`, never by the key).
pub async fn export_start(api: &ApiClient, q: &CertQuery) -> Result<bool, ApiError> {
    let e: Envelope<ExportLinks> =
        post_json(api, "/v2/certificates/search_export", q.filter_json()).await?;
    Ok(e.results.is_some())
}

fn map_status(e: Envelope<wire::v2::certificates::ExportStatus>) -> ExportStatus {
    let s = e.results.unwrap_or_default();
    ExportStatus {
        available: s.is_export_status_available.unwrap_or(false),
        running: s.is_running.unwrap_or(false),
        success: ExportStatus::outcome(s.export_status_msg.as_deref()),
        initiated_ms: s.initiated_at,
    }
}

fn space() -> String {
    query_string([("adminDeviceSpaceId", DEVICE_SPACE.to_string().as_str())])
}

/// E2: `GET /api/v2/certificates/search_export_status?adminDeviceSpaceId=1` (the URL E1 returns
/// lacks the parameter: it is added here, digest A.1).
pub async fn export_status(api: &ApiClient) -> Result<ExportStatus, ApiError> {
    let path = format!("/v2/certificates/search_export_status?{}", space());
    Ok(map_status(api.get_json(&path).await?))
}

/// E3: the CSV bytes.
pub async fn export_download(api: &ApiClient) -> Result<Vec<u8>, ApiError> {
    let path = format!("/v2/certificates/search_download_csv?{}", space());
    Ok(api.send(Method::GET, &path, Body::None).await?.body)
}

// ---- revocation (E9/E10) ----

/// E9: a plain sentence (S0:L1235-1239).
pub async fn revocation_status(api: &ApiClient) -> Result<RevocationStatus, ApiError> {
    let raw = api
        .send(
            Method::GET,
            "/v2/certificateCheckJob/attemptRevokeForPendingRevocation/status",
            Body::None,
        )
        .await?;
    Ok(crate::domain::certificate::parse_revocation_status(
        &String::from_utf8_lossy(&raw.body),
    ))
}

/// E10: starts the run; answers the server's message ("Success").
pub async fn revoke(api: &ApiClient) -> Result<String, ApiError> {
    let e: Envelope<serde_json::Value> = api
        .send_json(
            Method::POST,
            "/v2/certificateCheckJob/attemptRevokeForPendingRevocation",
            Body::None,
        )
        .await?;
    Ok(e.text())
}

// ---- users without certificates (E15–E18) ----

fn wnc(ce: &str, tail: &str) -> String {
    format!(
        "/v2/configurations/CE/{}/users/withnocerts/{tail}",
        encode_path_segment(ce)
    )
}

/// E15.
pub async fn users_without(api: &ApiClient, ce: &str) -> Result<Arc<Vec<UserRow>>, ApiError> {
    let e: Envelope<Vec<UserSummary>> = api
        .send_json(Method::POST, &wnc(ce, "search"), Body::None)
        .await?;
    Ok(Arc::new(
        e.results
            .unwrap_or_default()
            .into_iter()
            .map(|u| UserRow {
                id: u.id,
                principal: u.principal.unwrap_or_default(),
                display_name: u.display_name.unwrap_or_default(),
                first_name: u.first_name.unwrap_or_default(),
                last_name: u.last_name.unwrap_or_default(),
                email: u.email_address.unwrap_or_default(),
            })
            .collect(),
    ))
}

/// E16 (the URLs it returns are rebuilt from the id, C.1 #46).
pub async fn users_export_start(api: &ApiClient, ce: &str) -> Result<bool, ApiError> {
    let e: Envelope<ExportLinks> = api
        .send_json(Method::POST, &wnc(ce, "search_export"), Body::None)
        .await?;
    Ok(e.results.is_some())
}

/// E17: a **POST** (C.1 #47).
pub async fn users_export_status(api: &ApiClient, ce: &str) -> Result<ExportStatus, ApiError> {
    Ok(map_status(
        api.send_json(Method::POST, &wnc(ce, "search_export_status"), Body::None)
            .await?,
    ))
}

/// E18.
pub async fn users_export_download(api: &ApiClient, ce: &str) -> Result<Vec<u8>, ApiError> {
    Ok(api
        .send(Method::GET, &wnc(ce, "search_download_csv"), Body::None)
        .await?
        .body)
}

// ---- user-provided certificates (E6–E8; E5 is in `upload`) ----

fn map_mine(r: CeCertificateDetails) -> Option<MyCertificate> {
    Some(MyCertificate {
        config_id: r.ce_id?,
        name: r.display_name.unwrap_or_default(),
        require_password: r.require_password.unwrap_or(false),
        certificate_id: r.certificate_id,
        expires: r.certificate_expiration_date,
        uploaded: r.certificate_uploaded_date,
    })
}

/// E8: `POST …/all/getAllUserProvidedCertificateDetails {"userId": …}` (S0:L1083-1193).
pub async fn my_certificates(
    api: &ApiClient,
    user: &str,
) -> Result<Arc<Vec<MyCertificate>>, ApiError> {
    let body = serde_json::to_value(UserIdBody::new(user))
        .map_err(|e| ApiError::malformed(e.to_string()))?;
    let e: Envelope<Vec<CeCertificateDetails>> = post_json(
        api,
        &format!("{UP}/all/getAllUserProvidedCertificateDetails"),
        body,
    )
    .await?;
    Ok(Arc::new(
        e.results
            .unwrap_or_default()
            .into_iter()
            .filter_map(map_mine)
            .collect(),
    ))
}

/// E7: the user's certificate for one configuration; `None` when nothing was uploaded (404).
pub async fn user_certificate(
    api: &ApiClient,
    ce: i64,
    user: &str,
) -> Result<Option<CertDetails>, ApiError> {
    #[derive(serde::Deserialize)]
    struct E7 {
        #[serde(default, deserialize_with = "wire::v2::lenient::object_or_first")]
        results: Option<UserCertificate>,
    }
    let body = serde_json::to_value(UserIdBody::new(user))
        .map_err(|e| ApiError::malformed(e.to_string()))?;
    let raw = match api
        .send(
            Method::POST,
            &format!("{UP}/{ce}/getCertificate"),
            Body::Json(body.to_string()),
        )
        .await
    {
        Ok(raw) => raw,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(e),
    };
    let e: E7 = parse(&raw)?;
    Ok(e.results.map(|c| CertDetails {
        version: c.version.unwrap_or_default(),
        serial: c.serial_number.unwrap_or_default(),
        signature_algorithm: c.signature_algorithm.unwrap_or_default(),
        issuer: c.issuer.unwrap_or_default(),
        subject: c.subject.unwrap_or_default(),
        common_name: c.common_name.unwrap_or_default(),
        not_before: c.not_before,
        not_after: c.not_after,
    }))
}

/// E6: `POST …/{CEid}/deleteCertificate {"userId": …}`; answers the server's message.
pub async fn delete_certificate(api: &ApiClient, ce: i64, user: &str) -> Result<String, ApiError> {
    let body = serde_json::to_value(UserIdBody::new(user))
        .map_err(|e| ApiError::malformed(e.to_string()))?;
    let e: Envelope<serde_json::Value> =
        post_json(api, &format!("{UP}/{ce}/deleteCertificate"), body).await?;
    Ok(e.text())
}

// ---- configuration actions (E12, E13) ----

/// E12: the new SCEP challenge password as `text/plain` (S0:L1493); any 2xx is success.
pub async fn change_challenge(api: &ApiClient, id: &str, password: &str) -> Result<(), ApiError> {
    let path = format!(
        "/v2/configuration/SCEP/SCEP/{}/challenge",
        encode_path_segment(id)
    );
    api.send(Method::POST, &path, Body::Text(password.to_string()))
        .await
        .map(|_| ())
}

/// An issued test certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCert {
    pub pem: String,
    /// The server's text dump (shown when the PEM cannot be read).
    pub dump: String,
    pub parsed: Result<CertSummary, String>,
    pub message: String,
}

/// E13: `GET …/CE/issue_test_certificate?adminDeviceSpaceId=1&ceConfigName=…[&email=…]`, the
/// name percent-encoded (the sample's space is not, C.1 #45).
pub async fn test_certificate(
    api: &ApiClient,
    config_name: &str,
    email: &str,
) -> Result<TestCert, ApiError> {
    let space = DEVICE_SPACE.to_string();
    let mut pairs = vec![
        ("adminDeviceSpaceId", space.as_str()),
        ("ceConfigName", config_name),
    ];
    if !email.trim().is_empty() {
        pairs.push(("email", email.trim()));
    }
    let path = format!(
        "/v2/configuration/CE/issue_test_certificate?{}",
        query_string(pairs)
    );
    let e: Envelope<TestCertificate> = api.get_json(&path).await?;
    let message = e.text();
    let r = results(e)?;
    let pem = r.pem.unwrap_or_default();
    Ok(TestCert {
        parsed: parse_pem(&pem),
        pem,
        dump: r.certificate.unwrap_or_default(),
        message,
    })
}
