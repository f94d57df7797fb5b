//! The guide's rate limits (CPS guide, "Aggregate API rate limits per cluster"): calls per minute
//! per API and cluster. One table for both sides: mock-server enforces it, the portal paces its
//! calls within it.
//!
//! The table's rows name an API by its path (`msa/v1/cps/device/application`, the status search
//! `/msa/v1/cps/device?status=…&ruleId=…`, …); every API it does not name is one of the
//! "Remaining APIs".

use serde::{Deserialize, Serialize};

/// The clusters of the table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Cluster {
    #[default]
    Na1,
    Na2,
    Na3,
    Eu1,
    Ap1,
    Ap2,
}

impl Cluster {
    pub const ALL: [Cluster; 6] = [
        Cluster::Na1,
        Cluster::Na2,
        Cluster::Na3,
        Cluster::Eu1,
        Cluster::Ap1,
        Cluster::Ap2,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Cluster::Na1 => "NA1",
            Cluster::Na2 => "NA2",
            Cluster::Na3 => "NA3",
            Cluster::Eu1 => "EU1",
            Cluster::Ap1 => "AP1",
            Cluster::Ap2 => "AP2",
        }
    }
}

impl std::str::FromStr for Cluster {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Cluster::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("`{s}` is not a cluster (NA1, NA2, NA3, EU1, AP1, AP2)"))
    }
}

/// The rows of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateClass {
    /// `POST /device/application`.
    Application,
    /// `POST /device/mac`.
    Mac,
    /// `GET /device` (by status, by device group).
    DeviceSearch,
    /// `GET /user`.
    UserSearch,
    /// `POST /device/forceCheckin`.
    ForceCheckin,
    /// `POST /device/notification`.
    Notification,
    /// `POST /device/email`.
    Email,
    /// "Remaining APIs".
    Remaining,
}

/// Calls per minute, rows as [`RateClass`], columns as [`Cluster::ALL`].
const PER_MINUTE: [[u32; 6]; 8] = [
    [300, 400, 300, 300, 300, 100],
    [100, 200, 100, 100, 100, 100],
    [200, 200, 200, 200, 200, 100],
    [100, 100, 100, 100, 100, 100],
    [100, 100, 100, 200, 100, 100],
    [200, 200, 100, 200, 200, 200],
    [200, 400, 200, 400, 200, 200],
    [400, 600, 600, 600, 200, 200],
];

impl RateClass {
    /// The row of a call: its method and path below `/msa/v1/cps`, without the query.
    pub fn of(method: &str, path: &str) -> RateClass {
        let path = path.split('?').next().unwrap_or_default();
        let path = path.strip_suffix('/').unwrap_or(path);
        match (method.to_ascii_uppercase().as_str(), path) {
            ("POST", "/device/application") => RateClass::Application,
            ("POST", "/device/mac") => RateClass::Mac,
            ("GET", "/device") => RateClass::DeviceSearch,
            ("GET", "/user") => RateClass::UserSearch,
            ("POST", "/device/forceCheckin") => RateClass::ForceCheckin,
            ("POST", "/device/notification") => RateClass::Notification,
            ("POST", "/device/email") => RateClass::Email,
            _ => RateClass::Remaining,
        }
    }

    /// Calls per minute on a cluster.
    pub fn per_minute(self, cluster: Cluster) -> u32 {
        let col = Cluster::ALL.iter().position(|c| *c == cluster).unwrap_or(0);
        PER_MINUTE[self as usize][col]
    }

    /// The lowest budget of any cluster: what a client that cannot know its cluster stays within.
    pub fn lowest_per_minute(self) -> u32 {
        Cluster::ALL
            .iter()
            .map(|c| self.per_minute(*c))
            .min()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregate_api_rate_limits_per_cluster_table() {
        // CPS guide, "Aggregate API rate limits per cluster".
        assert_eq!(RateClass::Application.per_minute(Cluster::Na1), 300);
        assert_eq!(RateClass::Application.per_minute(Cluster::Ap2), 100);
        assert_eq!(RateClass::Mac.per_minute(Cluster::Na2), 200);
        assert_eq!(RateClass::DeviceSearch.per_minute(Cluster::Ap2), 100);
        assert_eq!(RateClass::UserSearch.per_minute(Cluster::Eu1), 100);
        assert_eq!(RateClass::ForceCheckin.per_minute(Cluster::Eu1), 200);
        assert_eq!(RateClass::Notification.per_minute(Cluster::Na3), 100);
        assert_eq!(RateClass::Email.per_minute(Cluster::Eu1), 400);
        assert_eq!(RateClass::Remaining.per_minute(Cluster::Na1), 400);
        assert_eq!(RateClass::Remaining.per_minute(Cluster::Ap1), 200);
        assert_eq!("eu1".parse::<Cluster>(), Ok(Cluster::Eu1));
        assert!("XX1".parse::<Cluster>().is_err());
    }

    #[test]
    fn the_lowest_budget_of_each_row() {
        let lowest: Vec<u32> = [
            RateClass::Application,
            RateClass::Mac,
            RateClass::DeviceSearch,
            RateClass::UserSearch,
            RateClass::ForceCheckin,
            RateClass::Notification,
            RateClass::Email,
            RateClass::Remaining,
        ]
        .iter()
        .map(|c| c.lowest_per_minute())
        .collect();
        assert_eq!(lowest, [100, 100, 100, 100, 100, 100, 200, 200]);
    }

    #[test]
    fn rows_by_method_and_path() {
        assert_eq!(
            RateClass::of("GET", "/device?status=ACTIVE&offset=0&limit=50"),
            RateClass::DeviceSearch
        );
        assert_eq!(RateClass::of("GET", "/device/"), RateClass::DeviceSearch);
        // Updating attributes is `POST /device`: one of the remaining APIs.
        assert_eq!(RateClass::of("POST", "/device"), RateClass::Remaining);
        assert_eq!(RateClass::of("GET", "/device/count"), RateClass::Remaining);
        assert_eq!(
            RateClass::of("post", "/device/forceCheckin"),
            RateClass::ForceCheckin
        );
    }
}
