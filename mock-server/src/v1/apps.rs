//! Apps (V1 guide: mentioned only, and "Get Analytics for AppConnect Apps"): the device inventory
//! by application, and AppConnect analytics.
//!
//! - `GET /apps/inventory/app?appname=&platform=&limit=&offset=`: the guide has no section for it
//!   (it is announced in "Document Overview") and no answer schema; it is the one call documented
//!   with `limit`/`offset`, `limit` defaulting to 100 and `-1` meaning all ("Using offset and limit
//!   Parameters to Cycle through Records"). The mock answers the device list envelope
//!   (`devices.device[]`, `totalCount`) [inferred; digest `epmm-v1-api.md`, "3.9.1 Devices that
//!   have an app"]. `appname` is the app name, optionally followed by its version (`Frog Toss!_017
//!   1.0`, "Parameter Formats"); `platform` a register platform code (`A`).
//! - `GET /apps/appconnect/analytics?appid=` returns a ZIP (`application/zip`; the section says
//!   "Format: xml, json") laid out as `<app ID>/<device ID>/` with `analytics.csv` and
//!   `version.txt` per device that ran the app ("Get Analytics for AppConnect Apps"). CSV rows:
//!   start time in epoch ms (the guide says seconds but shows ms, in the same section), duration in
//!   seconds, time-zone offset in minutes, bytes transferred. At most 100 devices per file; an app
//!   no device ran is 404.

use super::devices::list_body;
use super::envelope::{self, ApiError, Neg};
use super::params::{Paging, Params};
use crate::catalog::Platform;
use crate::data::{self, APPCONNECT_APPS, APPS};
use crate::ops;
use crate::state::{DeviceRec, SharedState, World};
use axum::extract::State;
use axum::http::header::CONTENT_DISPOSITION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use wire::v1::RegisterPlatform;

fn platform_filter(params: &Params) -> Result<Option<Platform>, ApiError> {
    params
        .non_blank("platform")
        .map(|p| {
            let rp = p.parse::<RegisterPlatform>().map_err(|_| {
                ApiError::bad_request(format!("Invalid platform: {p} (A, I, E, M or L)"))
            })?;
            Ok(match rp {
                RegisterPlatform::Android => Platform::Android,
                RegisterPlatform::Ios => Platform::Ios,
                RegisterPlatform::Windows | RegisterPlatform::WindowsPhone => Platform::Windows,
                RegisterPlatform::MacOs => Platform::Macos,
            })
        })
        .transpose()
}

/// The app of an `appname`: its name, or its name and version.
pub fn find_app(name: &str) -> Option<usize> {
    let n = name.trim();
    APPS.iter().position(|a| {
        a.name.eq_ignore_ascii_case(n)
            || format!("{} {}", a.name, a.version).eq_ignore_ascii_case(n)
    })
}

/// Whether device `d` has app `k` installed (the V1 inventory and the CPS application inventory
/// agree).
pub fn has_app(w: &World, d: &DeviceRec, k: usize) -> bool {
    let app = &APPS[k];
    ops::is_managed(d)
        && !d.pending()
        && app.platforms.contains(&d.platform())
        && data::draw(w.seed, d.id, k) < app.share
}

/// Devices that have app `k` installed.
pub fn devices_with_app(w: &World, k: usize, platform: Option<Platform>) -> Vec<usize> {
    w.devices
        .iter()
        .enumerate()
        .filter(|(_, d)| platform.is_none_or(|p| d.platform() == p) && has_app(w, d, k))
        .map(|(i, _)| i)
        .collect()
}

/// `GET /api/v1/apps/inventory/app`.
pub async fn inventory(
    State(state): State<SharedState>,
    neg: Neg,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let name = params.required("appname")?.to_string();
    let platform = platform_filter(&params)?;
    let mut paging = Paging::from_params(&params)?;
    // "limit … Default value 100" for this API (V1 guide, "Using offset and limit Parameters to
    // Cycle through Records"); -1 returns everything (the same section).
    if params.non_blank("limit").is_none() {
        paging.limit = Some(wire::v1::apps::INVENTORY_DEFAULT_LIMIT as usize);
    }
    let Some(k) = find_app(&name) else {
        return Err(ApiError::no_data(format!(
            "No devices found with application {name}"
        )));
    };
    let key = format!(
        "v1/apps/inventory/{k}?platform={platform:?}&{}",
        paging.key()
    );
    Ok(envelope::cached(&state, &headers, neg, key, move |w, neg| {
        let matching = devices_with_app(w, k, platform);
        list_body(
            w,
            &matching,
            paging,
            &format!("No devices found with application {name}"),
            neg,
        )
    })
    .await)
}

/// A stored (uncompressed) ZIP archive.
#[derive(Default)]
pub struct Zip {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// 2024-01-01 00:00 in MS-DOS form.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = ((2024 - 1980) << 9) | (1 << 5) | 1;

impl Zip {
    /// Adds a file (`data`) or a directory (`name` ending in `/`, no data).
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        let crc = crc.sum();
        let offset = self.out.len() as u32;
        let size = data.len() as u32;
        let dir = name.ends_with('/');
        let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
        let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
        // Local file header.
        let o = &mut self.out;
        le32(o, 0x0403_4b50);
        le16(o, 20);
        le16(o, 0x0800); // UTF-8 names
        le16(o, 0); // stored
        le16(o, DOS_TIME);
        le16(o, DOS_DATE);
        le32(o, crc);
        le32(o, size);
        le32(o, size);
        le16(o, name.len() as u16);
        le16(o, 0);
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(data);
        // Central directory header.
        let c = &mut self.central;
        le32(c, 0x0201_4b50);
        le16(c, 20);
        le16(c, 20);
        le16(c, 0x0800);
        le16(c, 0);
        le16(c, DOS_TIME);
        le16(c, DOS_DATE);
        le32(c, crc);
        le32(c, size);
        le32(c, size);
        le16(c, name.len() as u16);
        le16(c, 0);
        le16(c, 0);
        le16(c, 0);
        le16(c, 0);
        le32(c, if dir { 0x10 } else { 0 });
        le32(c, offset);
        c.extend_from_slice(name.as_bytes());
        self.entries = self.entries.saturating_add(1);
    }

    pub fn finish(mut self) -> Vec<u8> {
        let cd_offset = self.out.len() as u32;
        let cd_size = self.central.len() as u32;
        self.out.extend_from_slice(&self.central);
        let o = &mut self.out;
        o.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        o.extend_from_slice(&[0, 0, 0, 0]);
        o.extend_from_slice(&self.entries.to_le_bytes());
        o.extend_from_slice(&self.entries.to_le_bytes());
        o.extend_from_slice(&cd_size.to_le_bytes());
        o.extend_from_slice(&cd_offset.to_le_bytes());
        o.extend_from_slice(&[0, 0]);
        self.out
    }
}

/// Minutes from GMT of a country (US Pacific daylight time is the guide's `-420`, "Get Analytics
/// for AppConnect Apps").
fn tz_offset(iso: &str, draw: u32) -> i64 {
    match iso {
        "US" => [-420, -360, -300, -240][(draw % 4) as usize],
        "CA" => [-420, -240][(draw % 2) as usize],
        "GB" => 60,
        "DE" | "FR" => 120,
        "IN" => 330,
        _ => 0,
    }
}

/// The analytics ZIP of app `k`, or `None` when no device ran it.
pub fn analytics_zip(w: &World, k: usize) -> Option<Vec<u8>> {
    let app = &APPCONNECT_APPS[k];
    let salt = 1000 + k;
    let devices: Vec<usize> = w
        .devices
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            ops::is_managed(d)
                && d.last_connected_at > 0
                && app.platforms.contains(&d.platform())
                && data::draw(w.seed, d.id, salt) < app.share
        })
        .map(|(i, _)| i)
        .take(100)
        .collect();
    if devices.is_empty() {
        return None;
    }
    let mut zip = Zip::default();
    zip.add(&format!("{}/", app.app_id), b"");
    for i in devices {
        let d = &w.devices[i];
        let dir = format!("{}/{}/", app.app_id, d.uuid);
        zip.add(&dir, b"");
        let sessions = 3 + data::draw(w.seed, d.id, salt + 1) % 8;
        let mut csv = String::new();
        let mut start = d.last_connected_at * 1000 - 7 * 86_400_000;
        for s in 0..sessions as usize {
            let r = data::draw(w.seed, d.id, salt + 10 + s);
            start += 3_600_000 + i64::from(r) * 37_000 + i64::from(r % 997);
            let duration = 5 + r % 900;
            let tz = tz_offset(d.country().iso, data::draw(w.seed, d.id, salt + 2));
            let bytes = 2_048 + u64::from(r) * 1_733;
            csv.push_str(&format!("{start},{duration},{tz},{bytes}\n"));
        }
        zip.add(&format!("{dir}analytics.csv"), csv.as_bytes());
        zip.add(
            &format!("{dir}version.txt"),
            format!("{}\n", app.version).as_bytes(),
        );
    }
    Some(zip.finish())
}

/// `GET /api/v1/apps/appconnect/analytics?appid=`.
pub async fn analytics(
    State(state): State<SharedState>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let app_id = params.required("appid")?.to_string();
    let Some(k) = APPCONNECT_APPS
        .iter()
        .position(|a| a.app_id.eq_ignore_ascii_case(app_id.trim()))
    else {
        return Err(ApiError::no_data(format!(
            "No AppConnect analytics found for app {app_id}"
        )));
    };
    let zip_type = HeaderValue::from_static("application/zip");
    let key = format!("v1/apps/appconnect/analytics/{k}");
    let res = envelope::cached_typed(
        &state,
        &headers,
        zip_type,
        key,
        move |w| match analytics_zip(w, k) {
            Some(z) => (StatusCode::OK, z),
            None => (StatusCode::NOT_FOUND, Vec::new()),
        },
    )
    .await;
    if res.status() == StatusCode::NOT_FOUND {
        return Err(ApiError::no_data(format!(
            "No AppConnect analytics found for app {app_id}"
        )));
    }
    let name: String = APPCONNECT_APPS[k]
        .app_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    let mut res = res.into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.zip\"")) {
        res.headers_mut().insert(CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
