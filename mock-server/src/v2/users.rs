//! Users without a certificate from a configuration, and their CSV export (V2 guide, "Search for
//! users without certificates" and the three export calls after it).
//!
//! "Without a certificate" (our reading; the guide does not define it): enabled users who hold no
//! live certificate of the configuration: for USER_PROVIDED, no upload that is still valid;
//! otherwise no certificate record other than REVOKED or EXPIRED.

use super::certificates::{download_job, server_file};
use super::envelope::{csv_text, ok, V2Error, V2Result};
use super::jobs::{no_status, ExportJob, ExportPhase};
use super::world::{CeConfig, V2World};
use super::{now_ms, require, roles, Ctx};
use crate::auth::Caller;
use crate::state::World;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use std::collections::HashSet;
use std::time::Instant;
use wire::v2::ce::CaProtocol;
use wire::v2::certificates::{CertificateStatus, ExportLinks};
use wire::v2::users::{UserSummary, CSV_COLUMNS};
use wire::v2::{keys, Envelope, Message, MessagesOnly};

/// The `{CEID}` path parameter (a Number, V2 guide, "Search for users without certificates": the
/// request table) of an existing configuration.
fn config_of(ctx: &Ctx, ce: &str) -> V2Result<CeConfig> {
    let id: i64 = ce
        .trim()
        .parse()
        .map_err(|_| V2Error::invalid("CEID", ce))?;
    ctx.v2
        .lock()
        .config(id)
        .cloned()
        .ok_or_else(V2Error::config_not_found)
}

/// Lower-case principals holding a live certificate of `cfg`.
fn holders(world: &V2World, cfg: &CeConfig, now: i64) -> HashSet<String> {
    if cfg.protocol == CaProtocol::UserProvided {
        world
            .uploads
            .iter()
            .filter(|((ce, _), u)| *ce == cfg.id && u.info.not_after_ms >= now)
            .map(|((_, p), _)| p.clone())
            .collect()
    } else {
        world
            .certs
            .iter()
            .filter(|c| {
                world.configs[c.config].id == cfg.id
                    && !matches!(
                        c.status,
                        CertificateStatus::Revoked | CertificateStatus::Expired
                    )
            })
            .map(|c| c.principal.to_ascii_lowercase())
            .collect()
    }
}

/// The users without a certificate of `cfg`, by user id.
pub fn without(v1: &World, world: &V2World, cfg: &CeConfig, now: i64) -> Vec<UserSummary> {
    let have = holders(world, cfg, now);
    let mut out: Vec<UserSummary> = v1
        .users
        .iter()
        .filter(|u| u.enabled && !have.contains(&u.principal.to_ascii_lowercase()))
        .map(|u| {
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
            UserSummary {
                id: Some(u.id),
                principal: Some(u.principal.clone()),
                display_name: Some(u.display_name()),
                first_name: opt(&u.first_name),
                last_name: opt(&u.last_name),
                email_address: opt(&u.email),
            }
        })
        .collect();
    out.sort_by_key(|u| u.id);
    out
}

fn collect(ctx: &Ctx, cfg: &CeConfig) -> Vec<UserSummary> {
    // Lock order everywhere: the V1 world first, then the V2 world.
    let v1 = ctx.app.read();
    let world = ctx.v2.lock();
    without(&v1, &world, cfg, now_ms())
}

/// `POST /api/v2/configurations/CE/{CEID}/users/withnocerts/search` (V2 guide, "Search for users
/// without certificates").
pub async fn search(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    Path(ce): Path<String>,
) -> V2Result<Response> {
    require(&caller, roles::UM)?;
    let cfg = config_of(&ctx, &ce)?;
    let rows = collect(&ctx, &cfg);
    let n = rows.len();
    Ok(ok(&Envelope::results(rows)
        .with_message(Message::info(keys::USERS_SUCCESS, keys::USERS_SUCCESS_TEXT))
        .with_count(n)))
}

pub fn csv_rows(rows: &[UserSummary]) -> Vec<u8> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    csv_text(
        &CSV_COLUMNS,
        rows.iter().map(|u| {
            vec![
                u.id.map(|i| i.to_string()).unwrap_or_default(),
                s(&u.principal),
                s(&u.display_name),
                s(&u.first_name),
                s(&u.last_name),
                s(&u.email_address),
            ]
        }),
    )
}

/// `POST …/{CEID}/users/withnocerts/search_export` (V2 guide, "Export summary for users without
/// certificates"). The URLs carry the requested id (the sample's say 9 for a request on 10).
pub async fn export(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    Path(ce): Path<String>,
) -> V2Result<Response> {
    require(&caller, roles::UM)?;
    let cfg = config_of(&ctx, &ce)?;
    let now = Instant::now();
    let running = ctx
        .v2
        .lock()
        .user_exports
        .get(&cfg.id)
        .is_some_and(|j| j.phase(now) == ExportPhase::Running);
    if running {
        return Ok(ok(&MessagesOnly::message(Message::info(
            keys::USERS_PROCESS_INITIATED,
            keys::USERS_ALREADY_IN_PROGRESS_TEXT,
        ))));
    }
    let rows = collect(&ctx, &cfg);
    let mut world = ctx.v2.lock();
    let fail = std::mem::take(&mut world.faults.export_fail_next);
    let ms = now_ms();
    world.user_exports.insert(
        cfg.id,
        ExportJob {
            initiated_ms: ms,
            started: now,
            duration: ctx.v2.config.export_duration,
            csv: (!fail).then(|| csv_rows(&rows)),
            server_file: server_file("userdetails", ms),
            download_name: format!("users-without-certificates-{}.csv", cfg.id),
        },
    );
    let base = format!("/api/v2/configurations/CE/{}/users/withnocerts", cfg.id);
    Ok(ok(&Envelope::results(ExportLinks {
        export_status_poll_url: Some(format!("{base}/search_export_status")),
        csv_download_url: Some(format!("{base}/search_download_csv")),
    })
    .with_message(Message::info(
        keys::USERS_PROCESS_INITIATED,
        keys::USERS_PROCESS_INITIATED_TEXT,
    ))))
}

/// `POST …/{CEID}/users/withnocerts/search_export_status` (V2 guide, "Export status summary for
/// users without certificates").
pub async fn export_status(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    Path(ce): Path<String>,
) -> V2Result<Response> {
    require(&caller, roles::UM)?;
    let cfg = config_of(&ctx, &ce)?;
    let world = ctx.v2.lock();
    let status = world
        .user_exports
        .get(&cfg.id)
        .map(|j| j.status(Instant::now()))
        .unwrap_or_else(no_status);
    Ok(ok(&Envelope::results(status)))
}

/// `GET …/{CEID}/users/withnocerts/search_download_csv` (V2 guide, "Download summary for users
/// without certificates").
pub async fn download(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    Path(ce): Path<String>,
) -> V2Result<Response> {
    require(&caller, roles::UM)?;
    let cfg = config_of(&ctx, &ce)?;
    let world = ctx.v2.lock();
    download_job(world.user_exports.get(&cfg.id))
}
