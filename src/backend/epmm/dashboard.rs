//! The dashboard's numbers. Each is one cheap call where V1 allows it:
//! - status counts ask each status list for one record and read `totalCount` (a server that
//!   ignores `limit` sends the whole list, which is then counted: slower, still right);
//! - platform counts come from the label list (`deviceCount` of the platform labels).

use super::EpmmCalls;
use crate::backend::{ApiClient, ApiError};
use crate::domain::certificates::issued::{CertQuery, CertStatus, ALL_CONFIGS};
use crate::domain::device::StatusFilter;
use crate::url::query_string;
use wire::v1;

/// How many devices are in one state.
pub async fn status_count(api: &ApiClient, status: &str) -> Result<u64, ApiError> {
    let path = format!(
        "/v1/dm/devices?{}",
        query_string([("status", status), ("limit", "1")])
    );
    let r: v1::DeviceListResponse = api.get_list(&path).await?;
    Ok(r.total_count.unwrap_or(r.devices.items.len() as u64))
}

/// Device counts of every state, fetched concurrently.
pub async fn status_counts(api: &ApiClient) -> Result<Vec<(StatusFilter, u64)>, ApiError> {
    let calls = super::devices::STATUSES.iter().map(|s| {
        let api = api.clone();
        async move { (*s, status_count(&api, s.key).await) }
    });
    let mut out = Vec::with_capacity(calls.len());
    for (s, r) in futures::future::join_all(calls).await {
        out.push((s, r?));
    }
    Ok(out)
}

/// Certificates expiring between two days (`YYYY-MM-DD`), per certificate-issuing configuration
/// that has any: `Ok(None)` when the server has no certificate configurations (or no V2 API).
pub async fn expiring_certificates(
    api: &ApiClient,
    from: &str,
    to: &str,
    now_ms: i64,
) -> Result<Option<Vec<(String, u64)>>, ApiError> {
    let configs = match super::certificates::all_configs(api).await {
        Ok(c) => c,
        Err(e) if e.is_not_found() || e.is_forbidden() => return Ok(None),
        Err(e) => return Err(e),
    };
    if !configs.iter().any(|c| c.issues) {
        return Ok(None);
    }
    // The same searches as the Certificates screen's "All configurations", which the total opens.
    let q = CertQuery {
        config: ALL_CONFIGS.to_string(),
        status: Some(CertStatus::Active),
        from: from.to_string(),
        to: to.to_string(),
        ..Default::default()
    };
    let lists = super::certificates::search_each(api, &q, &configs, now_ms).await?;
    Ok(Some(
        lists
            .into_iter()
            .map(|(name, list)| (name, list.len() as u64))
            .collect(),
    ))
}
