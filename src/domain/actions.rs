//! Single-device actions: what each needs, and when the device's state forbids it.

use super::device::{Device, OsFamily};

/// An action on one device. Which ones a server has is in its capabilities; when a device's
/// state forbids one is the server's rule (`DeviceApi::refusal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceCommand {
    Lock,
    Unlock,
    WakeUp,
    /// Make the device check in now, so the server's data about it is fresh ("Force checkin",
    /// CPS guide).
    CheckIn,
    Locate,
    Roaming,
    Retire,
    Wipe,
}

impl DeviceCommand {
    pub const ALL: [DeviceCommand; 8] = [
        DeviceCommand::Lock,
        DeviceCommand::Unlock,
        DeviceCommand::WakeUp,
        DeviceCommand::CheckIn,
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
            DeviceCommand::CheckIn => "Force check-in",
            DeviceCommand::Locate => "Locate",
            DeviceCommand::Roaming => "Roaming settings",
            DeviceCommand::Retire => "Retire",
            DeviceCommand::Wipe => "Wipe",
        }
    }

    /// `Some(required)` when the action takes a reason: lock and unlock require one, retire and
    /// wipe accept one (EPMM V1 API guide, "Lock a device", "Unlock a device", "Retire a device",
    /// "Wipe a device").
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
            DeviceCommand::CheckIn => format!(
                "Make {name} check in now. The server shows a device as it was at its last check-in; the page shows the new data once the device has checked in."
            ),
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
}

/// What an unlock passcode value means on this platform (EPMM V1 API guide, "Unlock a device":
/// the response values).
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

    #[test]
    fn lock_and_unlock_need_a_reason_retire_and_wipe_take_one() {
        assert_eq!(DeviceCommand::Lock.reason(), Some(true));
        assert_eq!(DeviceCommand::Unlock.reason(), Some(true));
        assert_eq!(DeviceCommand::Wipe.reason(), Some(false));
        assert_eq!(DeviceCommand::WakeUp.reason(), None);
    }

    #[test]
    fn passcode_meanings_of_the_unlock_answer() {
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
    pub device_id: String,
    pub name: String,
    pub value: String,
}
