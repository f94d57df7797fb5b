//! Single-device actions: what each needs, and when the device's state forbids it.

use super::device::{Device, DeviceState, OsFamily};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceCommand {
    Lock,
    Unlock,
    WakeUp,
    Locate,
    Roaming,
    Retire,
    Wipe,
}

impl DeviceCommand {
    pub const ALL: [DeviceCommand; 7] = [
        DeviceCommand::Lock,
        DeviceCommand::Unlock,
        DeviceCommand::WakeUp,
        DeviceCommand::Locate,
        DeviceCommand::Roaming,
        DeviceCommand::Retire,
        DeviceCommand::Wipe,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DeviceCommand::Lock => "Lock",
            DeviceCommand::Unlock => "Unlock",
            DeviceCommand::WakeUp => "Wake up",
            DeviceCommand::Locate => "Locate",
            DeviceCommand::Roaming => "Roaming settings",
            DeviceCommand::Retire => "Retire",
            DeviceCommand::Wipe => "Wipe",
        }
    }

    /// `Some(required)` when the action takes a reason: lock and unlock require one, retire and
    /// wipe accept one (seed 003 L3377, L3458, L3554, L3663).
    pub fn reason(self) -> Option<bool> {
        match self {
            DeviceCommand::Lock | DeviceCommand::Unlock => Some(true),
            DeviceCommand::Retire | DeviceCommand::Wipe => Some(false),
            _ => None,
        }
    }

    /// Irreversible: the admin types this word to confirm.
    pub fn confirm_word(self) -> Option<&'static str> {
        match self {
            DeviceCommand::Retire => Some("RETIRE"),
            DeviceCommand::Wipe => Some("WIPE"),
            _ => None,
        }
    }

    pub fn explain(self, d: &Device) -> String {
        let name = &d.name;
        match self {
            DeviceCommand::Lock => format!("Lock {name}. The user must enter the passcode to use it again."),
            DeviceCommand::Unlock => format!(
                "Clear the passcode of {name} (iOS and Android), or get an unlock passcode (BlackBerry)."
            ),
            DeviceCommand::WakeUp => format!("Ask {name} to check in with the server now."),
            DeviceCommand::Locate => format!("Show the last known location of {name}."),
            DeviceCommand::Roaming => format!("Change voice and data roaming on {name}."),
            DeviceCommand::Retire => format!(
                "Retire {name}: its MDM profile, managed apps and their data are removed and it is no longer managed. This cannot be undone."
            ),
            DeviceCommand::Wipe => format!(
                "Factory-reset {name}: everything on it is erased. Afterwards the only action left is Retire. This cannot be undone."
            ),
        }
    }

    /// Why the action is not possible now, or `None` when it is.
    pub fn blocked_by(self, d: &Device) -> Option<&'static str> {
        match d.state {
            Some(DeviceState::Retired) => {
                return Some("The device is retired and no longer managed.")
            }
            Some(DeviceState::RetirePending) => {
                return Some("Retiring this device is already pending.")
            }
            // "The only valid action on a wiped device is Retire" (L3640).
            Some(DeviceState::Wiped) if self != DeviceCommand::Retire => {
                return Some("After a wipe, the only action left is Retire.");
            }
            Some(DeviceState::VerificationPending | DeviceState::EnrollmentInProgress)
                if self != DeviceCommand::Retire =>
            {
                return Some(
                    "The device has not finished registering yet: only Retire is possible.",
                );
            }
            Some(DeviceState::Expired) if self != DeviceCommand::Retire => {
                return Some("The device's registration has expired: only Retire is possible.");
            }
            _ => {}
        }
        // "This API applies only to iOS 5 devices" (L3899-3904).
        if self == DeviceCommand::Roaming && d.os != OsFamily::Ios {
            return Some("Roaming settings can be changed only on iOS devices.");
        }
        None
    }
}

/// What an unlock passcode value means on this platform (seed 003 L3608-3630).
pub fn unlock_meaning(os: OsFamily, value: &str) -> String {
    match (value.trim(), os) {
        ("Q", OsFamily::Ios) => {
            "The device is managed and had a passcode: it has been cleared.".into()
        }
        ("F", OsFamily::Ios) => {
            "The device is managed and has no passcode: nothing to clear.".into()
        }
        ("NA", OsFamily::Ios) => {
            "The device is not MDM-managed, so it cannot be unlocked remotely.".into()
        }
        ("Q", _) => "The device had a passcode: it has been cleared.".into(),
        ("F", _) => "The device has no passcode: nothing to clear.".into(),
        ("NA", _) => "Unlocking failed.".into(),
        ("", _) => "The device was locked with the user's own passcode.".into(),
        (code, _) => format!("Unlock passcode: {code}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(state: DeviceState, os: OsFamily) -> Device {
        Device {
            uuid: "u".into(),
            name: "d".into(),
            state: Some(state),
            os,
            ..Default::default()
        }
    }

    #[test]
    fn after_wipe_only_retire_l3640() {
        let d = device(DeviceState::Wiped, OsFamily::Android);
        for c in DeviceCommand::ALL {
            assert_eq!(
                c.blocked_by(&d).is_none(),
                c == DeviceCommand::Retire,
                "{c:?}"
            );
        }
    }

    #[test]
    fn unfinished_registration_only_retire() {
        for st in [
            DeviceState::VerificationPending,
            DeviceState::EnrollmentInProgress,
            DeviceState::Expired,
        ] {
            let d = device(st, OsFamily::Ios);
            for c in DeviceCommand::ALL {
                assert_eq!(
                    c.blocked_by(&d).is_none(),
                    c == DeviceCommand::Retire,
                    "{st:?} {c:?}"
                );
            }
        }
    }

    #[test]
    fn retired_allows_nothing_and_active_everything_but_roaming_off_ios() {
        let d = device(DeviceState::Retired, OsFamily::Ios);
        assert!(DeviceCommand::ALL
            .iter()
            .all(|c| c.blocked_by(&d).is_some()));
        let a = device(DeviceState::Active, OsFamily::Android);
        assert!(DeviceCommand::ALL
            .iter()
            .all(|c| (c.blocked_by(&a).is_some()) == (*c == DeviceCommand::Roaming)));
        let i = device(DeviceState::Active, OsFamily::Ios);
        assert!(DeviceCommand::ALL
            .iter()
            .all(|c| c.blocked_by(&i).is_none()));
    }

    #[test]
    fn reasons_l3377_l3458_l3554_l3663() {
        assert_eq!(DeviceCommand::Lock.reason(), Some(true));
        assert_eq!(DeviceCommand::Unlock.reason(), Some(true));
        assert_eq!(DeviceCommand::Wipe.reason(), Some(false));
        assert_eq!(DeviceCommand::WakeUp.reason(), None);
    }

    #[test]
    fn passcode_meanings_l3608_3630() {
        assert!(unlock_meaning(OsFamily::Ios, "NA").contains("not MDM-managed"));
        assert_eq!(unlock_meaning(OsFamily::Android, "NA"), "Unlocking failed.");
        assert_eq!(
            unlock_meaning(OsFamily::Other, "6910"),
            "Unlock passcode: 6910"
        );
    }
}

/// Where a device was last seen.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceLocation {
    /// `GPS`, `Cell`, or a failure.
    pub method: String,
    pub position: Option<(f64, f64)>,
    pub radius_m: Option<i64>,
    pub captured: Option<i64>,
}

/// An unlock answer for one device.
#[derive(Debug, Clone, PartialEq)]
pub struct UnlockCode {
    pub uuid: String,
    pub name: String,
    pub value: String,
}
