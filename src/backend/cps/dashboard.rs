//! The dashboard on CPS, from the count calls (CPS guide, "Count devices by status", "Count
//! devices by device group"): devices per CPS status, devices per platform group (the device
//! groups whose definition selects one platform, as the guide's "Example device groups API
//! scenario" uses them), each device group's share of the group it is part of (that scenario's
//! division of one group's count by another's) or of every device, and the registration URL
//! ("Get registration URL").
//!
//! Compliance: CPS has no count by compliance, so the active devices (`GET
//! /device?status=ACTIVE`, walked) are counted by the guide's flags ("Device": `compliant`,
//! `quarantined`; a blocked or compromised device is not compliant either): compliant,
//! non-compliant and quarantined, as EPMM's dashboard counts them, at once up to
//! [`crate::backend::dashboard::AUTO_COMPLIANCE_LIMIT`] active devices (`GET
//! /device/count?status=ACTIVE`), on request above.

use super::devices::{CpsDevices, STATUSES};
use super::groups::{conditions, within, CpsGroups};
use crate::backend::dashboard::{
    compliance_of_active, compliance_only, ComplianceFigures, DashboardApi, DashboardCaps,
    FigureKind,
};
use crate::backend::devices::{DeviceApi, Quiet};
use crate::backend::groups::GroupApi;
use crate::backend::ApiError;
use crate::domain::dashboard::{
    group_parts, group_shares, status_parts, ComplianceFilter, Part, Share,
};
use crate::domain::device::Device;
use crate::domain::group::Group;
use std::sync::Arc;
use wire::cps::Registration;

const CAPS: DashboardCaps = DashboardCaps {
    figures: &[
        FigureKind::DevicesByStatus,
        FigureKind::DevicesByPlatform,
        FigureKind::Compliance(ComplianceFilter::NonCompliant),
        FigureKind::Compliance(ComplianceFilter::Compliant),
        FigureKind::Compliance(ComplianceFilter::Quarantined),
        FigureKind::GroupShares,
        FigureKind::RegistrationUrl,
    ],
};

/// The status whose devices the compliance figures count (CPS guide, "DeviceStatus").
const ACTIVE: &str = "ACTIVE";

/// CPS's dashboard.
pub struct CpsDashboard {
    devices: Arc<CpsDevices>,
    groups: Arc<CpsGroups>,
}

impl CpsDashboard {
    pub fn new(devices: Arc<CpsDevices>, groups: Arc<CpsGroups>) -> Self {
        CpsDashboard { devices, groups }
    }

    async fn active(&self) -> Result<Arc<Vec<Device>>, ApiError> {
        self.devices.list(ACTIVE, &Quiet).await
    }
}

/// Each group's share of the group its definition puts it in ([`within`]), or of all `devices`.
pub fn shares(groups: &[Group], devices: u64) -> Vec<Share> {
    let definitions: Vec<_> = groups.iter().map(|g| conditions(&g.definition)).collect();
    group_shares(groups, devices, |i| within(&definitions, i))
}

/// Whether a rule definition selects exactly one platform (`PLATFORMTYPE EQ 'IOS'`, CPS guide,
/// "Rules"), with or without `AND STATUS NEQ 'RETIRED'`.
fn selects_platform(definition: &str) -> bool {
    // A platform group that leaves out retired devices still counts one platform (as EPMM's
    // platform labels do).
    let d = definition.trim();
    const NOT_RETIRED: &str = " AND STATUS NEQ 'RETIRED'";
    let d = match d.len().checked_sub(NOT_RETIRED.len()) {
        Some(cut) if d.is_char_boundary(cut) && d[cut..].eq_ignore_ascii_case(NOT_RETIRED) => {
            &d[..cut]
        }
        _ => d,
    };
    let mut words = d.splitn(3, char::is_whitespace);
    let (Some(field), Some(op), Some(value)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let value = value.trim();
    field.eq_ignore_ascii_case("PLATFORMTYPE")
        && op.eq_ignore_ascii_case("EQ")
        && value.len() > 2
        && value.starts_with('\'')
        && value.ends_with('\'')
        && !value[1..value.len() - 1].contains('\'')
}

/// The platform groups as chart parts, each opening the group's members.
pub fn platform_parts(groups: &[Group]) -> Vec<Part> {
    group_parts(groups.iter().filter(|g| selects_platform(&g.definition)))
}

#[async_trait::async_trait(?Send)]
impl DashboardApi for CpsDashboard {
    fn caps(&self) -> &DashboardCaps {
        &CAPS
    }

    /// One `GET /device/count?status=` per CPS status.
    async fn devices_by_status(&self) -> Result<Vec<Part>, ApiError> {
        let mut counts = Vec::new();
        for s in STATUSES.iter().filter(|s| !s.key.is_empty()) {
            let n = self.devices.count(&[("status", s.key)]).await?;
            counts.push((*s, n as u64));
        }
        Ok(status_parts(&counts))
    }

    async fn devices_by_platform(&self) -> Result<Vec<Part>, ApiError> {
        Ok(platform_parts(&self.groups.list().await?))
    }

    async fn compliance(&self, large: bool) -> Result<ComplianceFigures, ApiError> {
        let count = async { Ok(self.devices.count(&[("status", ACTIVE)]).await? as u64) };
        compliance_of_active(&CAPS.compliance(), large, count, self.active()).await
    }

    async fn compliance_devices(
        &self,
        filter: ComplianceFilter,
    ) -> Result<Arc<Vec<Device>>, ApiError> {
        Ok(compliance_only(&self.active().await?, filter))
    }

    /// Every group with its member count (`GET /device/count?ruleId=`), and `GET /device/count`
    /// for the groups part of no other.
    async fn group_shares(&self) -> Result<Vec<Share>, ApiError> {
        let groups = self.groups.list().await?;
        let devices = self.devices.count(&[]).await? as u64;
        Ok(shares(&groups, devices))
    }

    async fn registration_url(&self) -> Result<String, ApiError> {
        let r: Registration = self.devices.api().get("/device/registration").await?;
        Ok(r.registration_url.unwrap_or_default().trim().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_groups_are_those_selecting_one_platform() {
        // CPS guide, "Rules": the examples.
        assert!(selects_platform("PLATFORMTYPE EQ 'IOS'"));
        assert!(selects_platform("PLATFORMTYPE EQ 'WINDOWS_PHONE'"));
        assert!(selects_platform("platformtype eq 'OSX'"));
        assert!(selects_platform(
            "PLATFORMTYPE EQ 'IOS' AND STATUS NEQ 'RETIRED'"
        ));
        assert!(!selects_platform(
            "PLATFORMTYPE EQ 'IOS' AND STATUS NEQ 'WIPED'"
        ));
        assert!(!selects_platform(
            "PLATFORMTYPE EQ 'ANDROID' AND ANDROIDWORKENABLED EQ 'true'"
        ));
        assert!(!selects_platform("PLATFORMTYPE NEQ 'IOS'"));
        assert!(!selects_platform("CFDEVICE[nacCompliant] EQ 'false'"));
        assert!(!selects_platform(""));
        let g = |id: &str, def: &str, n: i64| Group {
            id: id.into(),
            name: format!("G{id}"),
            description: String::new(),
            kind: None,
            definition: def.into(),
            member_count: Some(n),
            system: false,
            number: None,
            profiles: Vec::new(),
        };
        let parts = platform_parts(&[
            g("1", "PLATFORMTYPE EQ 'IOS'", 12),
            g("2", "", 40),
            g("3", "PLATFORMTYPE EQ 'ANDROID'", 7),
        ]);
        let got: Vec<(&str, u64, &str)> = parts
            .iter()
            .map(|p| (p.label.as_str(), p.count, p.href.as_str()))
            .collect();
        assert_eq!(got, [("G1", 12, "/labels/1"), ("G3", 7, "/labels/3")]);
    }

    #[test]
    fn group_shares_divide_one_group_count_by_another() {
        // CPS guide, "Example device groups API scenario": the share of Android devices enrolled
        // in Android Enterprise is the count of rule 38002 over that of rule 38001.
        let g = |id: &str, name: &str, def: &str, n: i64| Group {
            name: name.into(),
            definition: def.into(),
            member_count: Some(n),
            ..Group::named(id)
        };
        let groups = [
            g(
                "38001",
                "Android Devices",
                "PLATFORMTYPE EQ 'ANDROID'",
                1000,
            ),
            g(
                "38002",
                "Android Enterprise Devices",
                "PLATFORMTYPE EQ 'ANDROID' AND ANDROIDWORKENABLED EQ 'true'",
                420,
            ),
            g("7", "Sales", "", 30),
        ];
        let texts: Vec<String> = shares(&groups, 3000).iter().map(Share::text).collect();
        assert_eq!(
            texts,
            [
                "Android Devices: 1000 of 3000 devices (33 %)",
                "Android Enterprise Devices: 420 of 1000 in Android Devices (42 %)",
                "Sales: 30 of 3000 devices (1 %)",
            ]
        );
        assert!(CAPS.has(FigureKind::GroupShares));
        assert_eq!(
            CAPS.compliance(),
            [
                ComplianceFilter::NonCompliant,
                ComplianceFilter::Compliant,
                ComplianceFilter::Quarantined
            ]
        );
    }
}
