//! The dashboard on EPMM behind the portal's [`DashboardApi`]. Each number is one cheap call
//! where V1 allows it:
//! - status counts ask each status list for one record and read `totalCount` (a server that
//!   ignores `limit` sends the whole list, which is then counted: slower, still right);
//! - platform counts come from the label list (`deviceCount` of the labels whose query selects
//!   one platform, as the guide's default labels do);
//! - compliance has no count call, and V1 filters devices only by status: the active devices
//!   are loaded and counted (at once up to [`AUTO_COMPLIANCE_LIMIT`](crate::backend::dashboard::AUTO_COMPLIANCE_LIMIT), on request above);
//! - unread alerts are the unread alert list;
//! - expiring certificates are the V2 searches of the Certificates screen's "All
//!   configurations", per configuration.

use super::EpmmCalls;
use crate::backend::dashboard::{
    compliance_of_active, compliance_only, ComplianceFigures, DashboardApi, DashboardCaps,
    FigureKind,
};
use crate::backend::devices::Quiet;
use crate::backend::{ApiClient, ApiError};
use crate::domain::alert::ReadFilter;
use crate::domain::certificates::issued::{CertQuery, CertStatus, ALL_CONFIGS};
use crate::domain::dashboard::{
    expiring, group_parts, status_parts, unread_alerts, Breakdown, ComplianceFilter, Part,
};
use crate::domain::device::{Device, StatusFilter};
use crate::domain::group::Group;
use crate::url::query_string;
use std::sync::Arc;
use wire::v1;

const CAPS: DashboardCaps = DashboardCaps {
    figures: &[
        FigureKind::DevicesByStatus,
        FigureKind::DevicesByPlatform,
        FigureKind::Compliance(ComplianceFilter::NonCompliant),
        FigureKind::Compliance(ComplianceFilter::Quarantined),
        FigureKind::UnreadAlerts,
        FigureKind::ExpiringCertificates,
    ],
};

const DAY_MS: i64 = 86_400_000;

/// EPMM's dashboard.
pub struct EpmmDashboard {
    api: ApiClient,
}

impl EpmmDashboard {
    pub fn new(api: ApiClient) -> Self {
        EpmmDashboard { api }
    }

    /// The active devices: the ones the compliance figures count.
    async fn active(&self) -> Result<Arc<Vec<Device>>, ApiError> {
        let path = format!(
            "/v1/dm/devices?{}",
            query_string([("status", v1::DeviceStatus::Active.as_str())])
        );
        super::devices::device_list(&self.api, &path, &Quiet).await
    }
}

#[async_trait::async_trait(?Send)]
impl DashboardApi for EpmmDashboard {
    fn caps(&self) -> &DashboardCaps {
        &CAPS
    }

    async fn devices_by_status(&self) -> Result<Vec<Part>, ApiError> {
        Ok(status_parts(&status_counts(&self.api).await?))
    }

    async fn devices_by_platform(&self) -> Result<Vec<Part>, ApiError> {
        Ok(platform_parts(&super::labels::list(&self.api).await?))
    }

    async fn compliance(&self, large: bool) -> Result<ComplianceFigures, ApiError> {
        compliance_of_active(
            &CAPS.compliance(),
            large,
            status_count(&self.api, v1::DeviceStatus::Active.as_str()),
            self.active(),
        )
        .await
    }

    async fn compliance_devices(
        &self,
        filter: ComplianceFilter,
    ) -> Result<Arc<Vec<Device>>, ApiError> {
        Ok(compliance_only(&self.active().await?, filter))
    }

    async fn unread_alerts(&self) -> Result<Breakdown, ApiError> {
        let list = super::alerts::list(&self.api, ReadFilter::Unread).await?;
        let severities: Vec<String> = list.iter().map(|a| a.severity.clone()).collect();
        Ok(unread_alerts(&severities))
    }

    async fn expiring_certificates(
        &self,
        now_ms: i64,
        days: u32,
    ) -> Result<Option<Breakdown>, ApiError> {
        let from = crate::dates::format_date(now_ms);
        let to = crate::dates::format_date(now_ms + i64::from(days) * DAY_MS);
        let by_config = expiring_certificates(&self.api, &from, &to, now_ms).await?;
        Ok(by_config.map(|c| expiring(&c, ALL_CONFIGS, &from, &to)))
    }
}

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

/// The platform a label selects, when its query selects by platform only (optionally leaving out
/// retired devices): `"common.platform"="iOS" AND "common.retired"=false` → `iOS`.
pub fn platform_of_query(query: &str) -> Option<String> {
    let mut platform = None;
    for cond in query.split(" AND ") {
        let c: String = cond.chars().filter(|c| !c.is_whitespace()).collect();
        let c = c.replace("&quot;", "\"");
        if let Some(rest) = c.strip_prefix("\"common.platform\"=") {
            let value = rest.trim_matches('"');
            if value.is_empty() || platform.is_some() || rest.contains("OR") {
                return None;
            }
            platform = Some(value.to_string());
        } else if c != "\"common.retired\"=false" {
            return None;
        }
    }
    platform
}

/// Devices per platform from the platform labels, each opening the label's members.
pub fn platform_parts(labels: &[Group]) -> Vec<Part> {
    group_parts(
        labels
            .iter()
            .filter(|l| platform_of_query(&l.definition).is_some()),
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::group::GroupKind;

    fn label(id: i64, name: &str, query: &str, n: i64) -> Group {
        Group {
            id: name.into(),
            name: name.into(),
            description: String::new(),
            kind: Some(GroupKind::Dynamic),
            definition: query.into(),
            member_count: Some(n),
            system: id < 0,
            number: Some(id),
            profiles: Vec::new(),
        }
    }

    #[test]
    fn platform_labels_select_one_platform_only() {
        // EPMM V1 API guide, "Get all Labels": the default labels' query, XML-escaped or not.
        assert_eq!(
            platform_of_query("\"common.platform\"=\"iOS\" AND \"common.retired\"=false"),
            Some("iOS".into())
        );
        assert_eq!(
            platform_of_query("&quot;common.platform&quot;=&quot;Android&quot;"),
            Some("Android".into())
        );
        assert_eq!(platform_of_query("\"common.retired\"=false"), None);
        assert_eq!(
            platform_of_query("\"common.platform\"=\"iOS\" AND \"common.owner\"=\"COMPANY\""),
            None
        );
        assert_eq!(platform_of_query(""), None);
        let labels = vec![
            label(-1, "All-Smartphones", "\"common.retired\"=false", 1887),
            label(
                -2,
                "Android",
                "\"common.platform\"=\"Android\" AND \"common.retired\"=false",
                867,
            ),
            label(
                -3,
                "iOS",
                "\"common.platform\"=\"iOS\" AND \"common.retired\"=false",
                823,
            ),
            label(-5, "macOS", "\"common.platform\"=\"macOS\"", -1),
            label(1, "Sales", "", 74),
        ];
        let got: Vec<_> = platform_parts(&labels)
            .into_iter()
            .map(|p| (p.label, p.count, p.href))
            .collect();
        assert_eq!(
            got,
            [
                ("Android".into(), 867, "/labels/Android".into()),
                ("iOS".into(), 823, "/labels/iOS".into()),
                // A negative count (a server's mistake) counts as none.
                ("macOS".to_string(), 0, "/labels/macOS".to_string()),
            ]
        );
        assert!(platform_parts(&labels[4..]).is_empty());
    }

    #[test]
    fn every_compliance_figure_is_counted() {
        assert_eq!(
            CAPS.compliance(),
            [
                ComplianceFilter::NonCompliant,
                ComplianceFilter::Quarantined
            ]
        );
        assert!(CAPS.has(FigureKind::ExpiringCertificates));
        assert!(!CAPS.has(FigureKind::GroupShares));
    }
}
