//! The dashboard area: the figures a server can give, each with its count and the list that shows
//! exactly that count, and the devices behind the compliance figures. Which figures a server has
//! is in [`DashboardCaps`]; each server's module gets them the cheapest way it can (a count call,
//! a group's member count, or loading a list where the server has nothing better).

use super::ApiError;
use crate::domain::dashboard::{Breakdown, ComplianceFilter, Figure, Part, Share};
use crate::domain::device::Device;
use std::future::Future;
use std::sync::Arc;

/// Above this many active devices the dashboard asks before downloading them all to count
/// compliance (where the server has no count for it).
pub const AUTO_COMPLIANCE_LIMIT: u64 = 25_000;

/// A figure (or chart) of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    DevicesByStatus,
    /// Devices per platform group.
    DevicesByPlatform,
    /// Devices with a compliance problem, opening the Compliance screen.
    Compliance(ComplianceFilter),
    UnreadAlerts,
    /// Certificates expiring within the coming days.
    ExpiringCertificates,
    /// One device group's share of another (CPS).
    GroupShares,
    /// Where devices enroll (CPS's registration URL).
    RegistrationUrl,
}

/// What the dashboard can show on this server.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardCaps {
    /// The figures, in the order the dashboard shows them.
    pub figures: &'static [FigureKind],
}

impl DashboardCaps {
    pub fn has(&self, f: FigureKind) -> bool {
        self.figures.contains(&f)
    }

    /// The compliance figures, in order.
    pub fn compliance(&self) -> Vec<ComplianceFilter> {
        self.figures
            .iter()
            .filter_map(|f| match f {
                FigureKind::Compliance(c) => Some(*c),
                _ => None,
            })
            .collect()
    }
}

/// The compliance figures, or, where counting them means loading a large fleet first, its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComplianceFigures {
    /// One figure per [`DashboardCaps::compliance`] filter.
    Counted(Vec<(ComplianceFilter, Figure)>),
    /// Counting means loading this many devices: asked for with `compliance(true)`.
    AskFirst { devices: u64 },
}

/// The compliance figures of `filters` counted over the active devices, for a server without a
/// count call for them: `count` (how many are active) first, and `load` (the active devices) only
/// when `large` says to or they are at most [`AUTO_COMPLIANCE_LIMIT`]. Futures do nothing until
/// awaited, so `load` costs nothing when the answer is [`ComplianceFigures::AskFirst`].
pub async fn compliance_of_active(
    filters: &[ComplianceFilter],
    large: bool,
    count: impl Future<Output = Result<u64, ApiError>>,
    load: impl Future<Output = Result<Arc<Vec<Device>>, ApiError>>,
) -> Result<ComplianceFigures, ApiError> {
    if !large {
        let n = count.await?;
        if n > AUTO_COMPLIANCE_LIMIT {
            return Ok(ComplianceFigures::AskFirst { devices: n });
        }
    }
    let devices = load.await?;
    Ok(ComplianceFigures::Counted(
        crate::domain::dashboard::compliance_figures(&devices, filters),
    ))
}

/// The devices of `devices` a compliance figure counts.
pub fn compliance_only(devices: &[Device], filter: ComplianceFilter) -> Arc<Vec<Device>> {
    Arc::new(
        devices
            .iter()
            .filter(|d| filter.matches(d))
            .cloned()
            .collect(),
    )
}

/// What a figure this server does not have answers (the screens ask only for the figures in
/// [`DashboardCaps`]).
fn absent() -> ApiError {
    ApiError::not_found("This server has no such figure.")
}

/// The figures of a dashboard. A server implements the ones in its [`DashboardCaps`]; the others
/// answer [`absent`] (or nothing).
#[async_trait::async_trait(?Send)]
pub trait DashboardApi: Send + Sync {
    fn caps(&self) -> &DashboardCaps;

    /// Devices per status, in the server's order, each opening the Devices screen filtered to it.
    async fn devices_by_status(&self) -> Result<Vec<Part>, ApiError> {
        Err(absent())
    }

    /// Devices per platform group, each opening the group's members; empty when the server has
    /// no group that selects a platform.
    async fn devices_by_platform(&self) -> Result<Vec<Part>, ApiError> {
        Err(absent())
    }

    /// The compliance figures. Where the server has no count for them and the fleet is large,
    /// the answer is its size instead, until `large` says to count anyway.
    async fn compliance(&self, _large: bool) -> Result<ComplianceFigures, ApiError> {
        Err(absent())
    }

    /// The devices a compliance figure counts (what the Compliance screen lists).
    async fn compliance_devices(
        &self,
        _filter: ComplianceFilter,
    ) -> Result<Arc<Vec<Device>>, ApiError> {
        Err(absent())
    }

    /// Unread alerts in total and by severity.
    async fn unread_alerts(&self) -> Result<Breakdown, ApiError> {
        Err(absent())
    }

    /// Certificates expiring between `now_ms` and `days` later, in total and per certificate
    /// configuration; `None` when the server turns out to have no certificate configurations.
    async fn expiring_certificates(
        &self,
        _now_ms: i64,
        _days: u32,
    ) -> Result<Option<Breakdown>, ApiError> {
        Err(absent())
    }

    /// The group shares the server is set up to show.
    async fn group_shares(&self) -> Result<Vec<Share>, ApiError> {
        Err(absent())
    }

    /// The address devices enroll at.
    async fn registration_url(&self) -> Result<String, ApiError> {
        Err(absent())
    }
}
