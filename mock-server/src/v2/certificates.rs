//! Certificate search and the asynchronous CSV export (V2 guide, "Export certificate details to a
//! CSV file", "Search/Retrieve certificate details") and revocation ("Revoke certificates belonging
//! to external certificate enrollment").

use super::envelope::{csv, csv_text, ok, text, V2Error, V2Result};
use super::jobs::{no_status, ExportJob, ExportPhase, RevocationJob};
use super::world::{CertRec, V2World, DEVICE_SPACE};
use super::{check_space, now_ms, query_pairs, require, roles, space_from_query, Ctx};
use crate::auth::Caller;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::Extension;
use std::time::Instant;
use wire::datetime::format_date;
use wire::v2::certificates::{
    CertificateFilter, CertificateRecord, CertificateStatus, ExportLinks, CSV_COLUMNS,
};
use wire::v2::{keys, revocation, Envelope, Message, MessagesOnly};

/// A checked filter (digest `certificates-api.md`, "A.3 Shared enums and the certificate filter"):
/// the filters AND together.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub config: usize,
    pub status: Option<CertificateStatus>,
    /// Numeric user id or principal (the guide does not say which: both accepted).
    pub user: Option<String>,
    pub device_uuid: Option<String>,
    pub expires_after: Option<i64>,
    pub expires_before: Option<i64>,
}

impl Filter {
    /// Checks a request body against the world. `status_required` for the export ("Required" in its
    /// request table, not in the search's).
    pub fn check(
        f: &CertificateFilter,
        world: &V2World,
        status_required: bool,
    ) -> V2Result<Filter> {
        check_space(f.admin_device_space_id)?;
        let name = f
            .ce_setting_name
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| V2Error::required("ceSettingName"))?;
        let config = world
            .config_index_by_name(name)
            .ok_or_else(V2Error::config_not_found)?;
        let status = match f.certificate_status.as_deref().map(str::trim) {
            None | Some("") if status_required => {
                return Err(V2Error::required("certificateStatus"))
            }
            None | Some("") => None,
            Some(s) => Some(
                s.parse::<CertificateStatus>()
                    .map_err(|_| V2Error::invalid("certificateStatus", s))?,
            ),
        };
        let blank = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Ok(Filter {
            config,
            status,
            user: blank(&f.user_id),
            device_uuid: blank(&f.device_uuid),
            expires_after: f.expires_after,
            expires_before: f.expires_before,
        })
    }

    pub fn matches(&self, c: &CertRec) -> bool {
        c.config == self.config
            && self.status.is_none_or(|s| c.status == s)
            && self.user.as_deref().is_none_or(|u| {
                u.parse::<i64>() == Ok(c.user_id) || c.principal.eq_ignore_ascii_case(u)
            })
            && self.device_uuid.as_deref().is_none_or(|d| {
                c.device_uuid
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(d))
            })
            && self.expires_after.is_none_or(|t| c.expires_ms > t)
            && self.expires_before.is_none_or(|t| c.expires_ms < t)
    }
}

/// The certificates matching `f`, as rows of the search.
pub fn search_rows(world: &V2World, f: &Filter) -> Vec<CertificateRecord> {
    world
        .certs
        .iter()
        .filter(|c| f.matches(c))
        .map(|c| record(world, c))
        .collect()
}

pub fn record(world: &V2World, c: &CertRec) -> CertificateRecord {
    let cfg = &world.configs[c.config];
    CertificateRecord {
        id: Some(c.id),
        serial_number: Some(c.serial.to_string()),
        kind: Some(c.kind.to_string()),
        trash: Some(c.trash),
        expired_at: Some(format_date(c.expires_ms)),
        created_at: Some(format_date(c.created_ms)),
        user_id: Some(c.user_id.to_string()),
        device_id: Some(c.device_id),
        device_uuid: c.device_uuid.clone(),
        local_ca_id: cfg.local_ca_id,
        ce_setting_name: Some(cfg.name.clone()),
        certificate_status: Some(c.status.as_str().to_string()),
        ce_id: Some(cfg.id),
        consumer_app_settings: c.consumer_app_settings.clone(),
    }
}

/// One CSV line per row, in [`CSV_COLUMNS`] order (`consumerAppSettings` joined with `;`).
pub fn csv_rows(rows: &[CertificateRecord]) -> Vec<u8> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    csv_text(
        &CSV_COLUMNS,
        rows.iter().map(|r| {
            vec![
                n(r.id),
                s(&r.serial_number),
                s(&r.kind),
                r.trash.map(|b| b.to_string()).unwrap_or_default(),
                s(&r.expired_at),
                s(&r.created_at),
                s(&r.user_id),
                n(r.device_id),
                s(&r.device_uuid),
                n(r.local_ca_id),
                s(&r.ce_setting_name),
                s(&r.certificate_status),
                n(r.ce_id),
                r.consumer_app_settings
                    .iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(";"),
            ]
        }),
    )
}

/// The filter of a request: a JSON body (POST, or GET with a body) or, for a GET without body,
/// the same names as query parameters (the mock's choice: the guide's table says GET, its sample
/// POSTs JSON).
fn filter_of(uri: &Uri, body: &Bytes) -> V2Result<CertificateFilter> {
    if body.iter().any(|b| !b.is_ascii_whitespace()) {
        return serde_json::from_slice(body).map_err(|e| {
            V2Error::bad_request(
                "request.BODY",
                format!("The request body is not valid JSON: {e}"),
            )
        });
    }
    let pairs = query_pairs(uri)?;
    let map: serde_json::Map<String, serde_json::Value> = pairs
        .into_iter()
        .map(|(k, v)| (k, serde_json::Value::String(v)))
        .collect();
    serde_json::from_value(serde_json::Value::Object(map))
        .map_err(|e| V2Error::bad_request("request.QUERY", format!("Invalid query: {e}")))
}

/// `POST /api/v2/certificates/search` (V2 guide, "Search/Retrieve certificate details").
pub async fn search(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
    body: Bytes,
) -> V2Result<Response> {
    require(&caller, roles::LE_DM)?;
    let f = filter_of(&uri, &body)?;
    let world = ctx.v2.lock();
    let filter = Filter::check(&f, &world, false)?;
    let rows = search_rows(&world, &filter);
    drop(world);
    let n = rows.len();
    Ok(ok(&Envelope::results(rows)
        .with_message(Message::info_with_params(
            keys::SEARCH_SUCCESS,
            keys::SEARCH_SUCCESS_TEXT,
        ))
        .with_count(n)))
}

/// A server-side temp file name like the V2 guide's `certificates-5007291726810485269.csv`.
pub fn server_file(prefix: &str, now_ms: i64) -> String {
    let digits = (now_ms as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(17)
        % 10_000_000_000_000_000_000;
    format!("/mi/tomcat/temp/{prefix}-{digits}.csv")
}

/// `POST /api/v2/certificates/search_export` (V2 guide, "Initiate the processing of certificate
/// details to be exported").
pub async fn export(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
    body: Bytes,
) -> V2Result<Response> {
    require(&caller, roles::LE)?;
    let f = filter_of(&uri, &body)?;
    let mut world = ctx.v2.lock();
    let filter = Filter::check(&f, &world, true)?;
    let now = Instant::now();
    if world
        .cert_exports
        .get(&DEVICE_SPACE)
        .is_some_and(|j| j.phase(now) == ExportPhase::Running)
    {
        // "If the process is already initiated": no `results`, the same key (the sample responses
        // of the same section).
        return Ok(ok(&MessagesOnly::message(Message::info_with_params(
            keys::PROCESS_INITIATED,
            keys::ALREADY_IN_PROGRESS_TEXT,
        ))));
    }
    let fail = std::mem::take(&mut world.faults.export_fail_next);
    let csv_bytes = (!fail).then(|| csv_rows(&search_rows(&world, &filter)));
    let ms = now_ms();
    world.cert_exports.insert(
        DEVICE_SPACE,
        ExportJob {
            initiated_ms: ms,
            started: now,
            duration: ctx.v2.config.export_duration,
            csv: csv_bytes,
            server_file: server_file("certificates", ms),
            download_name: "certificates.csv".into(),
        },
    );
    drop(world);
    Ok(ok(&Envelope::results(ExportLinks {
        export_status_poll_url: Some("/api/v2/certificates/search_export_status".into()),
        csv_download_url: Some("/api/v2/certificates/search_download_csv".into()),
    })
    .with_message(Message::info_with_params(
        keys::PROCESS_INITIATED,
        keys::PROCESS_INITIATED_TEXT,
    ))))
}

/// `GET /api/v2/certificates/search_export_status?adminDeviceSpaceId=1` (V2 guide, "Get status of
/// the export process"); no `messages`, as in the sample.
pub async fn export_status(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> V2Result<Response> {
    require(&caller, roles::LE_DM)?;
    space_from_query(&query_pairs(&uri)?)?;
    let world = ctx.v2.lock();
    let status = world
        .cert_exports
        .get(&DEVICE_SPACE)
        .map(|j| j.status(Instant::now()))
        .unwrap_or_else(no_status);
    Ok(ok(&Envelope::results(status)))
}

/// The download of a finished export (certificates and users without certificates): 404 without
/// one, 409 while running, 404 after a failed one (invented codes: digest `certificates-api.md`,
/// "A.5 Error envelope and status codes for our mock").
pub fn download_job(job: Option<&ExportJob>) -> V2Result<Response> {
    let job = job.ok_or_else(|| {
        V2Error::new(
            StatusCode::NOT_FOUND,
            "export.NONE",
            "No export is available. Start an export first.",
        )
    })?;
    match (job.phase(Instant::now()), &job.csv) {
        (ExportPhase::Running, _) => Err(V2Error::new(
            StatusCode::CONFLICT,
            "export.RUNNING",
            "The export is still in progress.",
        )),
        (_, Some(bytes)) => Ok(csv(&job.download_name, bytes.clone())),
        (_, None) => Err(V2Error::new(
            StatusCode::NOT_FOUND,
            "export.FAILED",
            "The last export failed. Start a new export.",
        )),
    }
}

/// `GET /api/v2/certificates/search_download_csv?adminDeviceSpaceId=1` (V2 guide, "Download the CSV
/// file").
pub async fn download(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> V2Result<Response> {
    require(&caller, roles::LE_DM)?;
    space_from_query(&query_pairs(&uri)?)?;
    let world = ctx.v2.lock();
    download_job(world.cert_exports.get(&DEVICE_SPACE))
}

/// `GET …/attemptRevokeForPendingRevocation/status`: a plain sentence (V2 guide, "Determine if
/// certificate revocation is in progress": the sample responses).
pub async fn revocation_status(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
) -> V2Result<Response> {
    require(&caller, roles::LE)?;
    let world = ctx.v2.lock();
    Ok(match &world.revocation {
        Some(job) => text(revocation::running(job.seconds(Instant::now()))),
        None => text(revocation::IDLE.to_string()),
    })
}

/// `POST …/attemptRevokeForPendingRevocation` (V2 guide, "Revoke certificates"). Starts the job
/// unless one runs; answers "Success" either way.
pub async fn revoke(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
) -> V2Result<Response> {
    require(&caller, roles::LE)?;
    let mut world = ctx.v2.lock();
    if world.revocation.is_none() {
        let queue: Vec<usize> = world
            .certs
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.status == CertificateStatus::PendingRevocation
                    && world.configs[c.config].protocol.is_external()
            })
            .map(|(i, _)| i)
            .collect();
        let manual = world.faults.revoke_manual;
        world.revocation = Some(RevocationJob {
            started: Instant::now(),
            duration: ctx.v2.config.revocation_duration,
            queue,
            done: 0,
            manual,
        });
    }
    Ok(ok(&MessagesOnly::message(Message::info(
        keys::HTTP_200,
        keys::HTTP_200_TEXT,
    ))))
}
