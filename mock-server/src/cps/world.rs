//! The CPS side of the world: what only CPS knows (custom attribute values written through CPS,
//! commands and settings waiting for a device's next check-in, the messages sent), kept sparse in
//! [`CpsWorld`] (a field of [`World`]), and the device status as CPS reports it.
//!
//! Status mapping, V1 (13 states) → CPS (7 states):
//!
//! | V1 `status` | CPS `status` |
//! |---|---|
//! | ACTIVE, BLOCKED, LOST, INFECTED, VERIFIED, IENROLL_COMPLETE | ACTIVE |
//! | VERIFICATION_PENDING, IENROLL_VERIFIED, IENROLL_INPROGRESS | ENROLLMENT_PENDING |
//! | RETIRE_PENDING | RETIRE_SENT |
//! | RETIRED | RETIRED, or RETIRE_SENT while a retire sent through V1 waits for the check-in |
//! | WIPED | WIPED, or WIPE_SENT while a wipe sent through V1 waits for the check-in |
//! | EXPIRED | UNKNOWN |
//!
//! "the value returned by the API corresponds to the device state at the last device check-in"
//! (CPS guide, "Device APIs"): a V1 retire or wipe of an enrolled device shows as RETIRE_SENT or
//! WIPE_SENT until the device checks in ([`World::cps_check_in`]: force check-in), and a seeded
//! RETIRE_PENDING device becomes RETIRED (in V1 too) when it checks in.

use crate::ops;
use crate::state::{FastHash, World};
use std::collections::HashMap;
use wire::cps::DeviceStatus as CpsStatus;
use wire::v1::DeviceStatus as V1;

/// A command that reaches the device at its next check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Retire,
    Wipe,
}

/// What waits for one device's next check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pending {
    pub command: Option<Command>,
    /// `PERSONAL_HOTSPOT` to set.
    pub hotspot: Option<bool>,
    /// `DATA_ROAMING` to set.
    pub roaming: Option<bool>,
}

/// Custom attribute values written through CPS over the seeded ones: attribute index → value,
/// `None` when cleared.
pub type AttrOverrides = Vec<(u8, Option<String>)>;

/// Device (user) index → its written attributes.
pub type AttrOverridesMap = HashMap<u32, AttrOverrides, FastHash>;

/// One message sent through CPS (email, push, MTD check-in notification), for the test hook.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SentMessage {
    pub id: u64,
    /// Mock-clock epoch ms.
    pub at_ms: i64,
    /// `email`, `push`, `mtd`.
    pub kind: &'static str,
    pub by: String,
    /// `deviceGuid`s of the devices it went to.
    pub devices: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Email body, push message, or MTD command.
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The most messages kept (oldest dropped first).
pub const MAX_MESSAGES: usize = 1000;

/// CPS-only state; every map is keyed by device or user index and holds only what changed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CpsWorld {
    pub device_attrs: AttrOverridesMap,
    pub user_attrs: AttrOverridesMap,
    pub pending: HashMap<u32, Pending, FastHash>,
    pub messages: Vec<SentMessage>,
    pub sent_count: u64,
}

impl CpsWorld {
    /// Records a message (and its id).
    pub fn record(&mut self, mut m: SentMessage) -> u64 {
        self.sent_count += 1;
        m.id = self.sent_count;
        if self.messages.len() >= MAX_MESSAGES {
            self.messages.remove(0);
        }
        self.messages.push(m);
        self.sent_count
    }
}

/// The CPS status of a V1 status (see the module table).
pub fn map_status(s: V1) -> CpsStatus {
    match s {
        V1::Active | V1::Blocked | V1::Lost | V1::Infected | V1::Verified | V1::IenrollComplete => {
            CpsStatus::Active
        }
        V1::VerificationPending | V1::IenrollVerified | V1::IenrollInprogress => {
            CpsStatus::EnrollmentPending
        }
        V1::RetirePending => CpsStatus::RetireSent,
        V1::Retired => CpsStatus::Retired,
        V1::Wiped => CpsStatus::Wiped,
        V1::Expired => CpsStatus::Unknown,
    }
}

impl World {
    /// The device status CPS reports (as of the device's last check-in).
    pub fn cps_status(&self, i: usize) -> CpsStatus {
        let command = if self.cps.pending.is_empty() {
            None
        } else {
            self.cps.pending.get(&(i as u32)).and_then(|p| p.command)
        };
        match command {
            Some(Command::Retire) => CpsStatus::RetireSent,
            Some(Command::Wipe) => CpsStatus::WipeSent,
            None => map_status(self.devices[i].status),
        }
    }

    /// Whether the device talks to the server (it can check in, get a push, change a setting):
    /// CPS ACTIVE, or a retire or wipe it has not picked up yet.
    pub fn cps_reachable(&self, i: usize) -> bool {
        matches!(
            self.cps_status(i),
            CpsStatus::Active | CpsStatus::RetireSent | CpsStatus::WipeSent
        )
    }

    /// A retire or wipe was sent (V1 actions, through [`ops::retire`] and [`ops::wipe`]): an
    /// enrolled device picks it up at its next check-in; one that never enrolled has nothing to
    /// pick up, so the new state shows at once.
    pub fn cps_command_sent(&mut self, i: usize, command: Command) {
        let d = &self.devices[i];
        if d.pending() || d.last_connected_at == 0 {
            return;
        }
        self.cps.pending.entry(i as u32).or_default().command = Some(command);
    }

    /// Settings sent through CPS, applied at the device's next check-in.
    pub fn cps_queue_setting(&mut self, i: usize, hotspot: Option<bool>, roaming: Option<bool>) {
        let p = self.cps.pending.entry(i as u32).or_default();
        if hotspot.is_some() {
            p.hotspot = hotspot;
        }
        if roaming.is_some() {
            p.roaming = roaming;
        }
    }

    /// The device checks in at the mock clock: `lastCheckInTime` moves (V1 `lastConnectedAt`
    /// too, as a V1 wakeup does), a waiting retire completes (RETIRE_PENDING → RETIRED in V1),
    /// waiting settings are applied (the V1 details show them).
    pub fn cps_check_in(&mut self, i: usize) {
        ops::wakeup(self, i);
        let pending = self.cps.pending.remove(&(i as u32)).unwrap_or_default();
        if self.devices[i].status == V1::RetirePending {
            ops::retire(self, i);
            self.cps.pending.remove(&(i as u32));
        }
        let d = &mut self.devices[i];
        for (key, value) in [
            (HOTSPOT_DETAIL, pending.hotspot),
            (ROAMING_DETAIL, pending.roaming),
        ] {
            if let Some(v) = value {
                ops::set_detail(d, key, if v { "true" } else { "false" });
            }
        }
    }

    /// A setting as of the device's last check-in (iOS detail keys; absent means off).
    pub fn cps_setting(&self, i: usize, key: &str) -> bool {
        self.devices[i]
            .detail_overrides
            .iter()
            .find(|e| e.key == key)
            .is_some_and(|e| e.value.eq_ignore_ascii_case("true"))
    }
}

/// The iOS detail keys of the two settings (`DataRoamingEnabled` is the one V1 enable roaming
/// sets, so both APIs read and write the same value).
pub const HOTSPOT_DETAIL: &str = "PersonalHotspotEnabled";
pub const ROAMING_DETAIL: &str = "DataRoamingEnabled";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_v1_status_maps_to_a_cps_status() {
        let mapped: Vec<(&str, &str)> = V1::ALL
            .iter()
            .map(|s| (s.as_str(), map_status(*s).as_str()))
            .collect();
        assert_eq!(mapped.len(), 13);
        for (v1, want) in [
            ("ACTIVE", "ACTIVE"),
            ("LOST", "ACTIVE"),
            ("VERIFICATION_PENDING", "ENROLLMENT_PENDING"),
            ("RETIRE_PENDING", "RETIRE_SENT"),
            ("EXPIRED", "UNKNOWN"),
        ] {
            assert!(mapped.contains(&(v1, want)), "{v1}");
        }
    }
}
