//! EPMM's issued certificates through its V2 certificate management API (EPMM V2 certificate
//! guide = the Ivanti EPMM v2 REST API guide, chapter "Certificate Management"; digest
//! `certificates-api.md`), mapped into [`crate::domain::certificates`]: configurations, the
//! certificate search, the CSV exports, the revocation run, the users without certificates and the
//! actions on a configuration. [`EpmmIssued`] offers them as the neutral
//! [`IssuedCertificateApi`].
//!
//! The paths are the guide's, with both its `configuration` and `configurations` prefixes as
//! documented (certificates digest, "Inconsistencies").

use super::EpmmCalls;
use crate::backend::certificates::{ExportJob, IssuedCaps, IssuedCertificateApi};
use crate::backend::http::Body;
use crate::backend::names::{DeviceFacts, NameBook, UserFacts};
use crate::backend::{ApiClient, ApiError};
use crate::domain::certificates::configs::{CeConfig, TestCert, UserRow};
use crate::domain::certificates::export::ExportStatus;
use crate::domain::certificates::issued::{
    days_until, CertQuery, CertStatus, Certificate, Named, Names,
};
use crate::domain::certificates::revocation::{RevocationCounts, RevocationStatus};
use crate::url::{encode_path_segment, query_string};
use gloo_net::http::Method;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use wire::v2::ce::{CaProtocol, ConfigSummary, TestCertificate};
use wire::v2::certificates::{CertificateFilter, CertificateRecord, ExportLinks};
use wire::v2::users::UserSummary;
use wire::v2::Envelope;

/// The one device space (`adminDeviceSpaceId`: EPMM V2 certificate guide, "Initiate the
/// processing of certificate details to be exported").
pub const DEVICE_SPACE: i64 = 1;

pub(crate) async fn post_json<T: DeserializeOwned>(
    api: &ApiClient,
    path: &str,
    body: impl serde::Serialize,
) -> Result<Envelope<T>, ApiError> {
    let body = serde_json::to_string(&body).map_err(|e| ApiError::malformed(e.to_string()))?;
    api.send_json(Method::POST, path, Body::Json(body)).await
}

// ---- configurations ("Get CE configuration information") ----

/// The CA types in the order the portal lists their configurations (the first that issues
/// certificates is the Certificates screen's default).
const CA_ORDER: [CaProtocol; 11] = [
    CaProtocol::Local,
    CaProtocol::Scep,
    CaProtocol::Entrust,
    CaProtocol::GlobalSign,
    CaProtocol::SymantecManagedPki,
    CaProtocol::SymantecWsManagedPki,
    CaProtocol::OpenTrust,
    CaProtocol::BlueCoat,
    CaProtocol::SingleFileIdentity,
    CaProtocol::ClientProvided,
    CaProtocol::UserProvided,
];

/// The CA type in words.
pub fn ca_label(p: CaProtocol) -> &'static str {
    match p {
        CaProtocol::BlueCoat => "Blue Coat",
        CaProtocol::ClientProvided => "Client-provided",
        CaProtocol::UserProvided => "User-provided",
        CaProtocol::Entrust => "Entrust",
        CaProtocol::GlobalSign => "GlobalSign",
        CaProtocol::Local => "Local CA",
        CaProtocol::OpenTrust => "OpenTrust",
        CaProtocol::Scep => "SCEP",
        CaProtocol::SingleFileIdentity => "Single-file identity",
        CaProtocol::SymantecManagedPki => "Symantec Managed PKI",
        CaProtocol::SymantecWsManagedPki => "Symantec WS Managed PKI",
    }
}

/// A configuration and its CA type.
struct Typed {
    protocol: CaProtocol,
    config: CeConfig,
}

/// The configuration of a `ConfigSummary`; `asked` is the type it was listed under, used when
/// the row does not say its own.
fn map_config(s: ConfigSummary, asked: CaProtocol) -> Option<Typed> {
    let id = s.value?.trim().to_string();
    let protocol = s
        .app_sub_type
        .as_deref()
        .and_then(|k| k.parse().ok())
        .unwrap_or(asked);
    (!id.is_empty()).then(|| Typed {
        protocol,
        config: CeConfig {
            id,
            name: s.name.unwrap_or_default(),
            kind: ca_label(protocol).to_string(),
            // User-provided certificates are not issued: the search does not list them.
            issues: protocol != CaProtocol::UserProvided,
            can_test: !matches!(
                protocol,
                CaProtocol::UserProvided | CaProtocol::ClientProvided
            ),
            challenge: protocol == CaProtocol::Scep,
        },
    })
}

/// `GET /api/v2/configurations/CE/{caprotocol}/configurations`: one CA type's configurations.
async fn configs_of(api: &ApiClient, p: CaProtocol) -> Result<Vec<Typed>, ApiError> {
    let path = format!("/v2/configurations/CE/{}/configurations", p.as_str());
    let e: Envelope<Vec<ConfigSummary>> = api.get_json(&path).await?;
    Ok(e.results
        .unwrap_or_default()
        .into_iter()
        .filter_map(|s| map_config(s, p))
        .collect())
}

/// Every configuration of every CA type (one call per type), with its type.
async fn typed_configs(api: &ApiClient) -> Result<Vec<Typed>, ApiError> {
    let mut out = Vec::new();
    for p in CA_ORDER {
        out.extend(configs_of(api, p).await?);
    }
    Ok(out)
}

/// Every configuration of every CA type.
pub async fn all_configs(api: &ApiClient) -> Result<Arc<Vec<CeConfig>>, ApiError> {
    Ok(Arc::new(
        typed_configs(api)
            .await?
            .into_iter()
            .map(|t| t.config)
            .collect(),
    ))
}

// ---- certificates ("Search/Retrieve certificate details") ----

/// The body of the search and of the certificate export: epoch milliseconds (the guide: "The
/// values are expressed milliseconds since Unix epoch time"), the range made inclusive of both
/// days (`expiresAfter` is exclusive: one millisecond before the first day starts).
pub fn search_body(q: &CertQuery) -> CertificateFilter {
    let text = |s: &str| Some(s.trim().to_string()).filter(|t| !t.is_empty());
    let (from, to) = q.expiry_range();
    CertificateFilter {
        admin_device_space_id: Some(DEVICE_SPACE),
        ce_setting_name: Some(q.config.clone()),
        certificate_status: q.status.map(|s| s.key().to_string()),
        user_id: text(&q.user),
        device_uuid: text(&q.device),
        expires_after: from.map(|f| f - 1),
        expires_before: to,
    }
}

/// Maps a search row; `now_ms` fixes "expires in N days" at load time.
pub fn map_certificate(r: CertificateRecord, now_ms: i64) -> Certificate {
    // `expiredAt` is a date (`YYYY-MM-DD`) despite its name (certificates digest,
    // "Inconsistencies").
    let expires = r
        .expired_at
        .as_deref()
        .and_then(wire::datetime::parse_to_epoch_ms);
    let status_raw = r.certificate_status.unwrap_or_default();
    Certificate {
        id: r.id.map(|i| i.to_string()).unwrap_or_default(),
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
        // The search gives ids only: named later, for the rows on screen (`names`).
        user: None,
        device: None,
    }
}

/// `POST /api/v2/certificates/search`: the whole list (the call has no paging).
pub async fn search(
    api: &ApiClient,
    q: &CertQuery,
    now_ms: i64,
) -> Result<Arc<Vec<Certificate>>, ApiError> {
    let e: Envelope<Vec<CertificateRecord>> =
        post_json(api, "/v2/certificates/search", search_body(q)).await?;
    Ok(Arc::new(
        e.results
            .unwrap_or_default()
            .into_iter()
            .map(|r| map_certificate(r, now_ms))
            .collect(),
    ))
}

/// The search for every configuration that issues certificates, concurrently (the search takes
/// exactly one `ceSettingName`: certificates digest, "Multi-step flows", "a global count needs
/// one search per CE config"): each configuration's name and list, "no data" (404) as an empty
/// list.
pub async fn search_each(
    api: &ApiClient,
    q: &CertQuery,
    configs: &[CeConfig],
    now_ms: i64,
) -> Result<Vec<(String, Arc<Vec<Certificate>>)>, ApiError> {
    let calls = configs.iter().filter(|c| c.issues).map(|c| {
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

/// How many certificates of a configuration are in a status.
async fn count(api: &ApiClient, config: &str, status: CertStatus) -> Result<usize, ApiError> {
    let q = CertQuery {
        config: config.to_string(),
        status: Some(status),
        ..Default::default()
    };
    let e: Envelope<Vec<serde_json::Value>> =
        post_json(api, "/v2/certificates/search", search_body(&q)).await?;
    Ok(e.results.map(|r| r.len()).unwrap_or(0))
}

// ---- the CSV exports ----

/// `exportStatusMsg`: `"success"` or `"fail"` (EPMM V2 certificate guide, "Get status of the
/// export process"; nothing is documented while it runs).
pub fn export_outcome(msg: Option<&str>) -> Option<bool> {
    match msg.map(|m| m.trim().to_ascii_lowercase()) {
        Some(m) if m == "success" => Some(true),
        Some(m) if m == "fail" || m == "failed" || m == "failure" => Some(false),
        _ => None,
    }
}

fn map_status(e: Envelope<wire::v2::certificates::ExportStatus>) -> ExportStatus {
    let s = e.results.unwrap_or_default();
    ExportStatus {
        available: s.is_export_status_available.unwrap_or(false),
        running: s.is_running.unwrap_or(false),
        success: export_outcome(s.export_status_msg.as_deref()),
        initiated_ms: s.initiated_at,
    }
}

/// `Ok(true)`: started; `Ok(false)`: one was already running. The guide answers both with the
/// same message key; only the started one has `results` (certificates digest,
/// "Inconsistencies": told apart by `results`, never by the key).
fn started(e: Envelope<ExportLinks>) -> bool {
    e.results.is_some()
}

fn space() -> String {
    query_string([("adminDeviceSpaceId", DEVICE_SPACE.to_string().as_str())])
}

/// "Initiate the processing of certificate details to be exported":
/// `POST /api/v2/certificates/search_export`.
async fn export_start(api: &ApiClient, q: &CertQuery) -> Result<bool, ApiError> {
    Ok(started(
        post_json(api, "/v2/certificates/search_export", search_body(q)).await?,
    ))
}

/// "Get status of the export process":
/// `GET /api/v2/certificates/search_export_status?adminDeviceSpaceId=1` (the URL the start
/// answers lacks the parameter: it is added here).
async fn export_status(api: &ApiClient) -> Result<ExportStatus, ApiError> {
    let path = format!("/v2/certificates/search_export_status?{}", space());
    Ok(map_status(api.get_json(&path).await?))
}

/// "Download the CSV file": the CSV bytes.
async fn export_download(api: &ApiClient) -> Result<Vec<u8>, ApiError> {
    let path = format!("/v2/certificates/search_download_csv?{}", space());
    Ok(api.send(Method::GET, &path, Body::None).await?.body)
}

// ---- revocation ("Revoke certificates belonging to external certificate enrollment") ----

/// Reads the plain sentence of "Determine if certificate revocation is in progress" (or a JSON
/// envelope around it).
pub fn parse_revocation_status(text: &str) -> RevocationStatus {
    let t = text.trim();
    let t = if t.starts_with('{') {
        serde_json::from_str::<serde_json::Value>(t)
            .ok()
            .and_then(|v| {
                v["messages"][0]["localizedMessage"]
                    .as_str()
                    .map(str::to_string)
            })
            .unwrap_or_default()
    } else {
        t.to_string()
    };
    let lower = t.to_ascii_lowercase();
    let running = lower.contains("are being processed") && !lower.contains("not being processed");
    let seconds = lower
        .split("total duration so far")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok());
    RevocationStatus { running, seconds }
}

async fn revocation_status(api: &ApiClient) -> Result<RevocationStatus, ApiError> {
    let raw = api
        .send(
            Method::GET,
            "/v2/certificateCheckJob/attemptRevokeForPendingRevocation/status",
            Body::None,
        )
        .await?;
    Ok(parse_revocation_status(&String::from_utf8_lossy(&raw.body)))
}

/// "Revoke certificates": starts the run; answers the server's message ("Success").
async fn revoke(api: &ApiClient) -> Result<String, ApiError> {
    let e: Envelope<serde_json::Value> = api
        .send_json(
            Method::POST,
            "/v2/certificateCheckJob/attemptRevokeForPendingRevocation",
            Body::None,
        )
        .await?;
    Ok(e.text())
}

/// The configurations whose certificates the run is about: those that issue certificates,
/// except the Local CA's (EPMM revokes those itself).
fn revocable(p: CaProtocol) -> bool {
    !matches!(p, CaProtocol::UserProvided | CaProtocol::Local)
}

async fn count_revocable(
    api: &ApiClient,
    configs: &[Typed],
    status: CertStatus,
) -> Result<usize, ApiError> {
    let mut n = 0;
    for t in configs.iter().filter(|t| revocable(t.protocol)) {
        n += count(api, &t.config.name, status).await?;
    }
    Ok(n)
}

async fn revocation_counts(api: &ApiClient) -> Result<RevocationCounts, ApiError> {
    let configs = typed_configs(api).await?;
    Ok(RevocationCounts {
        pending: count_revocable(api, &configs, CertStatus::PendingRevocation).await?,
        manual: count_revocable(api, &configs, CertStatus::ManualRevocationRequired).await?,
    })
}

// ---- users without certificates ----

fn without(ce: &str, tail: &str) -> String {
    format!(
        "/v2/configurations/CE/{}/users/withnocerts/{tail}",
        encode_path_segment(ce)
    )
}

/// "Search for users without certificates".
async fn users_without(api: &ApiClient, ce: &str) -> Result<Arc<Vec<UserRow>>, ApiError> {
    let e: Envelope<Vec<UserSummary>> = api
        .send_json(Method::POST, &without(ce, "search"), Body::None)
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

/// "Export summary for users without certificates" (the URLs it answers are rebuilt from the
/// id: the guide's sample names another configuration).
async fn users_export_start(api: &ApiClient, ce: &str) -> Result<bool, ApiError> {
    Ok(started(
        api.send_json(Method::POST, &without(ce, "search_export"), Body::None)
            .await?,
    ))
}

/// "Export status summary for users without certificates": a POST, where the certificate
/// export's status is a GET.
async fn users_export_status(api: &ApiClient, ce: &str) -> Result<ExportStatus, ApiError> {
    Ok(map_status(
        api.send_json(
            Method::POST,
            &without(ce, "search_export_status"),
            Body::None,
        )
        .await?,
    ))
}

/// "Download summary for users without certificates".
async fn users_export_download(api: &ApiClient, ce: &str) -> Result<Vec<u8>, ApiError> {
    Ok(api
        .send(Method::GET, &without(ce, "search_download_csv"), Body::None)
        .await?
        .body)
}

// ---- configuration actions ----

/// "Change SCEP challenge password": the new password as `text/plain`; any 2xx is success (no
/// answer is documented).
async fn change_challenge(api: &ApiClient, id: &str, password: &str) -> Result<(), ApiError> {
    let path = format!(
        "/v2/configuration/SCEP/SCEP/{}/challenge",
        encode_path_segment(id)
    );
    api.send(Method::POST, &path, Body::Text(password.to_string()))
        .await
        .map(|_| ())
}

/// "Verify Ivanti EPMM/SCEP Connectivity":
/// `GET …/CE/issue_test_certificate?adminDeviceSpaceId=1&ceConfigName=…[&email=…]`, the name
/// percent-encoded (the guide's sample leaves a space unencoded).
async fn test_certificate(
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
    let r = e
        .results
        .ok_or_else(|| ApiError::malformed("the answer has no results"))?;
    Ok(TestCert::new(
        r.pem.unwrap_or_default(),
        r.certificate.unwrap_or_default(),
        message,
    ))
}

// ---- who and what a certificate names ----

/// The device of a certificate's `deviceUuid` (EPMM V1 API guide, "Get Device Details for a
/// Device UUID"): the name the Devices list shows (`user:platform:phone`), else its model and
/// user; its page; its user's login name. `None`: no such device.
async fn device_facts(api: &ApiClient, uuid: String) -> Result<Option<DeviceFacts>, ApiError> {
    let d = match super::devices::get(api, &uuid).await {
        Ok(d) => d,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(e),
    };
    let name = if d.name.trim().is_empty() {
        format!("{} ({})", d.model, d.user).trim().to_string()
    } else {
        d.name.clone()
    };
    Ok(Some(DeviceFacts {
        named: Named {
            name,
            key: d.id.clone(),
        },
        user: d.user.clone(),
    }))
}

/// A user by login name (EPMM V1 API guide, "Find a User"): the numeric `id` a certificate's
/// `userId` carries, the display name (else the login name) and the page (by login name).
async fn user_facts(api: &ApiClient, login: String) -> Result<Option<UserFacts>, ApiError> {
    Ok(super::users::find_as_sent(api, &login)
        .await?
        .and_then(|u| {
            let id = u.id?.to_string();
            let principal = u.principal.trim().to_string();
            let display = u.display_name.trim();
            Some(UserFacts {
                id,
                named: Named {
                    name: if display.is_empty() {
                        principal.clone()
                    } else {
                        display.to_string()
                    },
                    key: principal,
                },
            })
        }))
}

// ---- the neutral interface ----

/// What EPMM's V2 API offers: everything.
static CAPS: IssuedCaps = IssuedCaps {
    statuses: &CertStatus::ALL,
    user_filter: true,
    device_filter: true,
    date_filter: true,
    configurations: true,
    export: true,
    revocation: true,
    users_without: true,
};

/// EPMM's issued certificates.
pub struct EpmmIssued {
    api: ApiClient,
    /// The users and devices certificates name, looked up so far.
    names: NameBook,
}

impl EpmmIssued {
    pub fn new(api: ApiClient) -> EpmmIssued {
        EpmmIssued {
            api,
            names: NameBook::default(),
        }
    }
}

/// Why EPMM cannot export this: the export takes one configuration (`ceSettingName`) and needs a
/// status (EPMM V2 certificate guide, "Initiate the processing of certificate details to be
/// exported": `certificateStatus` is required there, not in the search).
pub fn export_refusal(job: &ExportJob) -> Option<&'static str> {
    match job {
        ExportJob::Certificates(q) if q.all_configs() => Some(
            "Choose one configuration to export: the server exports one configuration at a time.",
        ),
        ExportJob::Certificates(q) if q.status.is_none() => {
            Some("Choose a status to export: the server exports one status at a time.")
        }
        _ => None,
    }
}

#[async_trait::async_trait(?Send)]
impl IssuedCertificateApi for EpmmIssued {
    fn caps(&self) -> &IssuedCaps {
        &CAPS
    }

    async fn configurations(&self) -> Result<Arc<Vec<CeConfig>>, ApiError> {
        all_configs(&self.api).await
    }

    async fn search(
        &self,
        q: &CertQuery,
        configs: &[CeConfig],
        now_ms: i64,
    ) -> Result<Arc<Vec<Certificate>>, ApiError> {
        if !q.all_configs() {
            return search(&self.api, q, now_ms).await;
        }
        let each = search_each(&self.api, q, configs, now_ms).await?;
        Ok(Arc::new(
            each.iter()
                .flat_map(|(_, certs)| certs.iter().cloned())
                .collect(),
        ))
    }

    /// The V2 search gives the numeric `userId` and `deviceId` and the `deviceUuid` (EPMM V2
    /// certificate guide, "Search/Retrieve certificate details"), and neither API looks a user or
    /// a device up by those numbers; V1 looks a device up by its UUID, which names its user, and
    /// the user by login name, which gives the user's numeric id: two lookups per device and
    /// user on screen, each once.
    async fn names(&self, certs: &[Certificate]) -> Names {
        let api = &self.api;
        self.names
            .name(
                certs,
                |uuid| device_facts(api, uuid),
                |login| user_facts(api, login),
            )
            .await
    }

    fn export_refusal(&self, job: &ExportJob) -> Option<&'static str> {
        export_refusal(job)
    }

    async fn export_start(&self, job: &ExportJob) -> Result<bool, ApiError> {
        match job {
            ExportJob::Certificates(q) => export_start(&self.api, q).await,
            ExportJob::UsersWithout(ce) => users_export_start(&self.api, ce).await,
        }
    }

    async fn export_status(&self, job: &ExportJob) -> Result<ExportStatus, ApiError> {
        match job {
            // One certificate export per device space, whatever its filters.
            ExportJob::Certificates(_) => export_status(&self.api).await,
            ExportJob::UsersWithout(ce) => users_export_status(&self.api, ce).await,
        }
    }

    async fn export_download(&self, job: &ExportJob) -> Result<Vec<u8>, ApiError> {
        match job {
            ExportJob::Certificates(_) => export_download(&self.api).await,
            ExportJob::UsersWithout(ce) => users_export_download(&self.api, ce).await,
        }
    }

    async fn revocation_status(&self) -> Result<RevocationStatus, ApiError> {
        revocation_status(&self.api).await
    }

    async fn revocation_counts(&self) -> Result<RevocationCounts, ApiError> {
        revocation_counts(&self.api).await
    }

    async fn revoke(&self) -> Result<String, ApiError> {
        revoke(&self.api).await
    }

    async fn users_without(&self, config_id: &str) -> Result<Arc<Vec<UserRow>>, ApiError> {
        users_without(&self.api, config_id).await
    }

    async fn test_certificate(&self, config: &CeConfig, email: &str) -> Result<TestCert, ApiError> {
        test_certificate(&self.api, &config.name, email).await
    }

    async fn change_challenge(&self, config: &CeConfig, password: &str) -> Result<(), ApiError> {
        change_challenge(&self.api, &config.id, password).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::certificates::issued::{sample_query, DAY_MS};

    #[test]
    fn configurations_say_what_they_can_do() {
        let row = |value: &str, sub: Option<&str>| ConfigSummary {
            name: Some("Test Scep".into()),
            value: Some(value.into()),
            app_sub_type: sub.map(String::from),
            ..Default::default()
        };
        let scep = map_config(row(" 11 ", None), CaProtocol::Scep).unwrap();
        assert_eq!(scep.config.id, "11");
        assert_eq!(scep.config.title(), "Test Scep (SCEP)");
        assert!(scep.config.issues && scep.config.can_test && scep.config.challenge);
        // The row's own type wins over the type it was listed under.
        let up = map_config(row("10", Some("USER_PROVIDED")), CaProtocol::Local).unwrap();
        assert_eq!(up.protocol, CaProtocol::UserProvided);
        assert!(!up.config.issues && !up.config.can_test && !up.config.challenge);
        let client = map_config(row("9", None), CaProtocol::ClientProvided).unwrap();
        assert!(client.config.issues && !client.config.can_test);
        // No id: not a configuration.
        assert!(map_config(row("  ", None), CaProtocol::Local).is_none());
        // Every CA type is asked for once, the Local CA's first.
        assert_eq!(CA_ORDER.len(), CaProtocol::ALL.len());
        assert!(CaProtocol::ALL.iter().all(|p| CA_ORDER.contains(p)));
        assert_eq!(CA_ORDER[0], CaProtocol::Local);
        // The revocation run is about external CAs' certificates.
        assert!(revocable(CaProtocol::Scep) && !revocable(CaProtocol::Local));
    }

    #[test]
    fn search_body_of_the_guides_sample() {
        let q = sample_query();
        let body = serde_json::to_value(search_body(&q)).unwrap();
        // The guide's sample: {"adminDeviceSpaceId":1,"ceSettingName":"LocalCE","certificateStatus":"ACTIVE"}
        assert_eq!(body["adminDeviceSpaceId"], 1);
        assert_eq!(body["ceSettingName"], "LocalCE");
        assert_eq!(body["certificateStatus"], "ACTIVE");
        assert_eq!(body["userId"], "jdoe");
        assert_eq!(body["deviceUUID"], "5f1db255-8d3d-4943-8bab-d556cacce855");
        // Epoch milliseconds; the range covers both whole days.
        let from = crate::dates::parse_to_epoch_ms("2026-08-04").unwrap();
        let to = crate::dates::parse_to_epoch_ms("2026-08-10").unwrap() + DAY_MS;
        assert_eq!(body["expiresAfter"], from - 1);
        assert_eq!(body["expiresBefore"], to);
        // No status: no key (optional in the search, unlike the export).
        let open = serde_json::to_value(search_body(&CertQuery {
            config: "LocalCE".into(),
            ..Default::default()
        }))
        .unwrap();
        assert!(open.get("certificateStatus").is_none());
        assert!(open.get("userId").is_none());
        assert!(open.get("expiresAfter").is_none());
        // One configuration of an "all configurations" query.
        let all = CertQuery {
            config: crate::domain::certificates::issued::ALL_CONFIGS.into(),
            ..q.clone()
        };
        let one = serde_json::to_value(search_body(&all.for_config("SCEP"))).unwrap();
        assert_eq!(one["ceSettingName"], "SCEP");
        assert_eq!(one["certificateStatus"], "ACTIVE");
    }

    #[test]
    fn a_search_row_maps_with_its_expiry() {
        let r = CertificateRecord {
            id: Some(42),
            serial_number: Some("102".into()),
            expired_at: Some("2026-10-01".into()),
            certificate_status: Some("PENDING_REVOCATION".into()),
            ..Default::default()
        };
        let now = crate::dates::parse_to_epoch_ms("2026-09-21").unwrap() + 5_000;
        let c = map_certificate(r, now);
        assert_eq!(c.id, "42");
        assert_eq!(c.days_left, Some(10));
        assert_eq!(c.status, Some(CertStatus::PendingRevocation));
        let unknown = map_certificate(
            CertificateRecord {
                certificate_status: Some("NEW_STATE".into()),
                ..Default::default()
            },
            now,
        );
        assert_eq!(unknown.status, None);
        assert_eq!(unknown.status_label(), "NEW_STATE");
    }

    #[test]
    fn the_export_needs_one_configuration_and_a_status() {
        let q = CertQuery {
            config: "LocalCE".into(),
            status: Some(CertStatus::Active),
            ..Default::default()
        };
        assert_eq!(export_refusal(&ExportJob::Certificates(q.clone())), None);
        let all = ExportJob::Certificates(q.for_config("*"));
        assert!(export_refusal(&all).unwrap().contains("one configuration"));
        let no_status = ExportJob::Certificates(CertQuery { status: None, ..q });
        assert!(export_refusal(&no_status).unwrap().contains("a status"));
        assert_eq!(export_refusal(&ExportJob::UsersWithout("10".into())), None);
    }

    #[test]
    fn export_status_and_start() {
        // "Get status of the export process": "success" or "fail".
        assert_eq!(export_outcome(Some("success")), Some(true));
        assert_eq!(export_outcome(Some(" FAIL ")), Some(false));
        assert_eq!(export_outcome(None), None);
        let e: Envelope<wire::v2::certificates::ExportStatus> = serde_json::from_str(
            r#"{"results":{"isRunning":false,"exportStatusMsg":"success","isExportStatusAvailable":true,"initiatedAt":5}}"#,
        )
        .unwrap();
        assert_eq!(
            map_status(e),
            ExportStatus {
                available: true,
                running: false,
                success: Some(true),
                initiated_ms: Some(5)
            }
        );
        // Already running: the same key, no `results`.
        let already: Envelope<ExportLinks> = serde_json::from_str(&format!(
            r#"{{"messages":[{{"messageKey":"{}","localizedMessage":"{}"}}]}}"#,
            wire::v2::keys::PROCESS_INITIATED,
            wire::v2::keys::ALREADY_IN_PROGRESS_TEXT
        ))
        .unwrap();
        assert!(!started(already));
        let ours: Envelope<ExportLinks> =
            serde_json::from_str(r#"{"results":{"exportStatusPollUrl":"x"}}"#).unwrap();
        assert!(started(ours));
    }

    #[test]
    fn revocation_sentences() {
        // "Determine if certificate revocation is in progress" answers plain sentences.
        let idle = parse_revocation_status("Pending revocation certs are not being processed.");
        assert_eq!(
            idle,
            RevocationStatus {
                running: false,
                seconds: None
            }
        );
        let busy = parse_revocation_status(
            "Pending revocation certs are being processed. Total duration so far 76 Seconds",
        );
        assert_eq!(
            busy,
            RevocationStatus {
                running: true,
                seconds: Some(76)
            }
        );
        let json = parse_revocation_status(
            r#"{"messages":[{"localizedMessage":"Pending revocation certs are being processed. Total duration so far 3 Seconds"}]}"#,
        );
        assert_eq!(
            json,
            RevocationStatus {
                running: true,
                seconds: Some(3)
            }
        );
    }
}
