//! Device `status` / `statusCode` (EPMM V1 API guide, "Status and statusCode values").

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The 13 device states of the V1 guide. `BLOCKED` and `RETIRE_PENDING` appear only in the
/// statusCode table (V1 guide, "Status and statusCode values") but are real; all 13 are accepted as
/// a `status` filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeviceStatus {
    Active,
    Blocked,
    IenrollVerified,
    IenrollInprogress,
    IenrollComplete,
    Infected,
    Lost,
    VerificationPending,
    Retired,
    RetirePending,
    Verified,
    Wiped,
    Expired,
}

impl DeviceStatus {
    pub const ALL: [DeviceStatus; 13] = [
        DeviceStatus::Active,
        DeviceStatus::Blocked,
        DeviceStatus::IenrollVerified,
        DeviceStatus::IenrollInprogress,
        DeviceStatus::IenrollComplete,
        DeviceStatus::Infected,
        DeviceStatus::Lost,
        DeviceStatus::VerificationPending,
        DeviceStatus::Retired,
        DeviceStatus::RetirePending,
        DeviceStatus::Verified,
        DeviceStatus::Wiped,
        DeviceStatus::Expired,
    ];

    /// The wire name, e.g. `VERIFICATION_PENDING`.
    pub const fn as_str(self) -> &'static str {
        match self {
            DeviceStatus::Active => "ACTIVE",
            DeviceStatus::Blocked => "BLOCKED",
            DeviceStatus::IenrollVerified => "IENROLL_VERIFIED",
            DeviceStatus::IenrollInprogress => "IENROLL_INPROGRESS",
            DeviceStatus::IenrollComplete => "IENROLL_COMPLETE",
            DeviceStatus::Infected => "INFECTED",
            DeviceStatus::Lost => "LOST",
            DeviceStatus::VerificationPending => "VERIFICATION_PENDING",
            DeviceStatus::Retired => "RETIRED",
            DeviceStatus::RetirePending => "RETIRE_PENDING",
            DeviceStatus::Verified => "VERIFIED",
            DeviceStatus::Wiped => "WIPED",
            DeviceStatus::Expired => "EXPIRED",
        }
    }

    /// The numeric `statusCode` (V1 guide, "Status and statusCode values"): the character code of a
    /// letter (our reading, digest `epmm-v1-api.md`, "1.11 "ASCII letter" codes used in numeric
    /// fields").
    pub fn code(self) -> u32 {
        match self {
            DeviceStatus::Active => 97,
            DeviceStatus::Blocked => 98,
            DeviceStatus::IenrollVerified => 100,
            DeviceStatus::IenrollInprogress => 101,
            DeviceStatus::IenrollComplete => 102,
            DeviceStatus::Infected => 105,
            DeviceStatus::Lost => 108,
            DeviceStatus::VerificationPending => 112,
            DeviceStatus::Retired => 114,
            DeviceStatus::RetirePending => 117,
            DeviceStatus::Verified => 118,
            DeviceStatus::Wiped => 119,
            DeviceStatus::Expired => 120,
        }
    }

    pub fn from_code(code: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// A human label, e.g. "Verification pending".
    pub fn label(self) -> &'static str {
        match self {
            DeviceStatus::Active => "Active",
            DeviceStatus::Blocked => "Blocked",
            DeviceStatus::IenrollVerified => "Enrollment verified",
            DeviceStatus::IenrollInprogress => "Enrollment in progress",
            DeviceStatus::IenrollComplete => "Enrollment complete",
            DeviceStatus::Infected => "Infected",
            DeviceStatus::Lost => "Lost",
            DeviceStatus::VerificationPending => "Verification pending",
            DeviceStatus::Retired => "Retired",
            DeviceStatus::RetirePending => "Retire pending",
            DeviceStatus::Verified => "Verified",
            DeviceStatus::Wiped => "Wiped",
            DeviceStatus::Expired => "Expired",
        }
    }
}

impl fmt::Display for DeviceStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DeviceStatus {
    type Err = String;
    /// Case-insensitive, as a query value typed by a person may be `lost`.
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| format!("Invalid status: {s}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_thirteen_with_their_status_codes() {
        // "ACTIVE 97 ... BLOCKED 98 ... EXPIRED 120" (V1 guide, "Status and statusCode values")
        let codes: Vec<(&str, u32)> = DeviceStatus::ALL
            .iter()
            .map(|s| (s.as_str(), s.code()))
            .collect();
        assert_eq!(codes.len(), 13);
        assert!(codes.contains(&("RETIRE_PENDING", 117)));
        assert!(codes.contains(&("BLOCKED", 98)));
        assert!(codes.contains(&("WIPED", 119)));
        for s in DeviceStatus::ALL {
            assert_eq!(DeviceStatus::from_code(s.code()), Some(s));
            assert_eq!(s.as_str().parse::<DeviceStatus>(), Ok(s));
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
        assert_eq!("lost".parse::<DeviceStatus>(), Ok(DeviceStatus::Lost));
        assert!("GONE".parse::<DeviceStatus>().is_err());
    }
}
