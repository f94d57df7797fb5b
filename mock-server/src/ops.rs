//! What the mock does to its world: the device state machine of the actions, policy and app
//! setting coverage (policies and settings are applied to labels), and device profiles.
//!
//! State machine (our reading of the guide, decisions in the crate docs of `v1::actions`):
//!
//! | status | allowed actions |
//! |---|---|
//! | RETIRED, RETIRE_PENDING | none (400) |
//! | WIPED | Retire only (V1 guide, "Wipe a Device": "the only valid action to apply is Retire") |
//! | VERIFICATION_PENDING, IENROLL_INPROGRESS, EXPIRED (registration not completed) | Retire only |
//! | every other status | all |
//!
//! Retire → RETIRED (114), wipe → WIPED (119); lock/unlock never change `status`.

use crate::catalog::Platform;
use crate::details;
use crate::records::{AppSettingRec, Fix, PolicyRec};
use crate::state::{DeviceRec, World};
use wire::v1::bitmap::flags;
use wire::v1::{DeviceAction, DeviceStatus, Entry, LookupResult, Passcode, PasscodeCode, Profile};

/// Why an action is refused for a device's status (`None`: allowed).
pub fn refusal(d: &DeviceRec, action: DeviceAction) -> Option<String> {
    match d.status {
        DeviceStatus::Retired => Some(format!(
            "Device {} is retired: no action is possible on a retired device",
            d.uuid
        )),
        DeviceStatus::RetirePending => Some(format!(
            "Device {} is being retired (RETIRE_PENDING): no action is possible",
            d.uuid
        )),
        DeviceStatus::Wiped if action != DeviceAction::Retire => Some(format!(
            "Device {} is wiped: the only valid action is Retire",
            d.uuid
        )),
        DeviceStatus::VerificationPending
        | DeviceStatus::IenrollInprogress
        | DeviceStatus::Expired
            if action != DeviceAction::Retire =>
        {
            Some(format!(
                "Device {} has not completed registration ({}): the only valid action is Retire",
                d.uuid, d.status
            ))
        }
        _ => None,
    }
}

/// Sets (or replaces) a detail value the platform details will show.
pub fn set_detail(d: &mut DeviceRec, key: &str, value: &str) {
    match d.detail_overrides.iter_mut().find(|e| e.key == key) {
        Some(e) => e.value = value.to_string(),
        None => d.detail_overrides.push(Entry::new(key, value)),
    }
}

/// Retire: RETIRED at once (the guide's RETIRE_PENDING step is skipped so the change shows); CPS
/// shows RETIRE_SENT until the device checks in (`crate::cps::world`).
pub fn retire(w: &mut World, i: usize) {
    w.cps_command_sent(i, crate::cps::world::Command::Retire);
    w.devices[i].status = DeviceStatus::Retired;
}

/// Wipe: WIPED (V1 guide, "Wipe a Device"); CPS shows WIPE_SENT until the device checks in.
pub fn wipe(w: &mut World, i: usize) {
    w.cps_command_sent(i, crate::cps::world::Command::Wipe);
    w.devices[i].status = DeviceStatus::Wiped;
}

/// Lock: a passcode is set again; Windows and macOS devices get an EPMM-generated unlock
/// passcode, which the answer carries (`unlockpasscode` is "not included for Android and iOS
/// devices", V1 guide, "Lock a Device": the response example).
pub fn lock(w: &mut World, i: usize) -> Option<String> {
    let at = w.clock_ms;
    w.extra_mut(i).passcode_cleared = false;
    let d = &mut w.devices[i];
    match d.platform() {
        Platform::Ios => {
            set_detail(d, "PasscodePresent", "true");
            None
        }
        Platform::Android => {
            set_detail(d, "prv_password", "ON");
            None
        }
        Platform::Windows | Platform::Macos => {
            let code = (d.serial ^ at as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) % 1_000_000;
            Some(format!("{code:06}"))
        }
    }
}

/// `user:platform:phone`, the passcode `name` (`jdoe:Android:6505551212`, V1 guide, the response
/// examples of "Unlock a Device" and "Send Action to bulk devices").
pub fn passcode_name(w: &World, d: &DeviceRec) -> String {
    let phone = if d.is_pda() {
        "PDA".to_string()
    } else {
        d.phone_string()
    };
    format!(
        "{}:{}:{}",
        w.owner(d).principal,
        d.platform().family(),
        phone
    )
}

/// Unlock: the passcode value of V1 guide, "Unlock a Device" (the response example). iOS: `Q`
/// MDM-managed with a passcode, `F` MDM-managed without one, `NA` not MDM-managed; Android:
/// `Q`/`F`, `NA` when the client lost its device-admin rights (unlock fails); Windows/macOS: `NA`.
/// Unlocking clears the passcode on Android and iOS (the same section), so the next unlock answers
/// `F`.
pub fn unlock(w: &mut World, i: usize) -> Passcode {
    let cleared = w.extras.get(&i).is_some_and(|x| x.passcode_cleared);
    let d = &w.devices[i];
    let has_passcode = d.compliance & flags::DATA_PROTECTION == 0 && !cleared;
    let code = match d.platform() {
        Platform::Ios if !d.mdm_managed() => PasscodeCode::Na,
        Platform::Android if d.compliance & flags::ADMIN_DEACTIVATED != 0 => PasscodeCode::Na,
        Platform::Ios | Platform::Android if has_passcode => PasscodeCode::Q,
        Platform::Ios | Platform::Android => PasscodeCode::F,
        Platform::Windows | Platform::Macos => PasscodeCode::Na,
    };
    let pc = Passcode {
        uuid: d.uuid.clone(),
        name: passcode_name(w, d),
        value: code.as_str().to_string(),
    };
    if code != PasscodeCode::Na {
        w.extra_mut(i).passcode_cleared = true;
        let d = &mut w.devices[i];
        match d.platform() {
            Platform::Ios => set_detail(d, "PasscodePresent", "false"),
            _ => set_detail(d, "prv_password", "OFF"),
        }
    }
    pc
}

/// Wakeup: the client checks in now, so `lastConnectedAt` moves to the mock clock and the "out of
/// contact" compliance bit clears.
pub fn wakeup(w: &mut World, i: usize) {
    let now_s = w.clock_ms / 1000;
    let d = &mut w.devices[i];
    d.last_connected_at = now_s.max(d.last_connected_at);
    d.compliance &= !flags::OUT_OF_CONTACT;
}

/// The seeded fix of a device: the location detail keys (`latitude`, `longitude`,
/// `lat_long_last_captured_at`); cell-tower fixes for phones (the client records them
/// periodically, V1 guide, "Locate a Device"), GPS for Wi-Fi-only devices.
pub fn seeded_fix(w: &World, d: &DeviceRec) -> Option<Fix> {
    let det = details::full(w, d);
    let get = |k: &str| det.iter().find(|e| e.key == k).map(|e| e.value.as_str());
    let lat = get("latitude")?.parse::<f64>().ok()?;
    let lon = get("longitude")?.parse::<f64>().ok()?;
    let captured_ms = get("lat_long_last_captured_at")?.parse::<i64>().ok()?;
    let cell = !d.is_pda();
    Some(Fix {
        result: if cell {
            LookupResult::Cell
        } else {
            LookupResult::Gps
        },
        lat,
        lon,
        radius: if cell { 1500 } else { 65 },
        captured_ms,
    })
}

/// The last known fix of a device (`None`: never located).
pub fn current_fix(w: &World, i: usize) -> Option<Fix> {
    w.extras
        .get(&i)
        .and_then(|x| x.fix)
        .or_else(|| seeded_fix(w, &w.devices[i]))
}

/// Locate. Without `locate_now` the last known fix is answered. With it the device is asked for a
/// fresh GPS fix (V1 guide, "Locate a Device"): the answer still holds the last known fix, and the
/// new one (taken at the mock clock, a few hundred metres away) is what the next call returns.
/// `locatenow` "does not apply to iOS" (its request table), so iOS devices are not asked.
pub fn locate(w: &mut World, i: usize, locate_now: bool) -> Option<Fix> {
    let before = current_fix(w, i);
    if locate_now && w.devices[i].platform() != Platform::Ios {
        let now = w.clock_ms;
        let d = &w.devices[i];
        let (lat, lon) = before.map(|f| (f.lat, f.lon)).unwrap_or((0.0, 0.0));
        let jitter = |salt: u64| {
            let h = (d.serial ^ salt ^ now as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
            (h % 1000) as f64 / 1000.0 * 0.006 - 0.003
        };
        let fresh = Fix {
            result: if before.is_some() {
                LookupResult::Gps
            } else {
                LookupResult::LookupFailure
            },
            lat: lat + jitter(1),
            lon: lon + jitter(2),
            radius: 20,
            captured_ms: now,
        };
        let x = w.extra_mut(i);
        x.previous_fix = before;
        x.fix = Some(fresh);
    }
    before
}

/// Enable roaming (iOS only): `voice=false` also turns data roaming off (V1 guide, "Enable
/// Roaming"); the detail keys `Voice Roaming Enabled` and `DataRoamingEnabled` show the result (the
/// same section).
pub fn set_roaming(w: &mut World, i: usize, voice: bool, data: bool) {
    let d = &mut w.devices[i];
    set_detail(
        d,
        "Voice Roaming Enabled",
        if voice { "true" } else { "false" },
    );
    set_detail(
        d,
        "DataRoamingEnabled",
        if voice && data { "true" } else { "false" },
    );
}

/// Devices that count for policies and settings: not retired, not being retired, not wiped.
pub fn is_managed(d: &DeviceRec) -> bool {
    !matches!(
        d.status,
        DeviceStatus::Retired | DeviceStatus::RetirePending | DeviceStatus::Wiped
    )
}

/// Policies and settings wait for a device that has not completed registration or whose policy
/// is out of date (compliance bit 0x10).
pub fn is_pending_delivery(d: &DeviceRec) -> bool {
    d.pending()
        || d.status == DeviceStatus::Expired
        || d.compliance & flags::POLICY_OUT_OF_DATE != 0
}

/// Label membership of every device as a bit set over `World::labels` positions (the first 64
/// labels; V1 cannot create labels, and the seeded world has 16).
pub fn label_masks(w: &World) -> Vec<u64> {
    let labels: Vec<_> = w.labels.iter().take(64).collect();
    w.devices
        .iter()
        .enumerate()
        .map(|(i, d)| {
            labels
                .iter()
                .enumerate()
                .filter(|(_, l)| l.contains(i, d))
                .fold(0u64, |m, (b, _)| m | (1 << b))
        })
        .collect()
}

/// The bit set of label ids.
pub fn mask_of(w: &World, label_ids: &[i64]) -> u64 {
    w.labels
        .iter()
        .take(64)
        .enumerate()
        .filter(|(_, l)| label_ids.contains(&l.id))
        .fold(0u64, |m, (b, _)| m | (1 << b))
}

/// `(deviceCount, pendingCount)` of a label set: managed devices in any of the labels, split by
/// whether delivery is pending.
pub fn counts(w: &World, masks: &[u64], label_ids: &[i64], active: bool) -> (i64, i64) {
    if !active {
        return (0, 0);
    }
    let m = mask_of(w, label_ids);
    let (mut applied, mut pending) = (0, 0);
    for (d, dm) in w.devices.iter().zip(masks) {
        if dm & m != 0 && is_managed(d) {
            if is_pending_delivery(d) {
                pending += 1;
            } else {
                applied += 1;
            }
        }
    }
    (applied, pending)
}

/// The active policies applied to a label the device is in (none for retired or wiped devices),
/// by profile type and priority.
pub fn device_policies(w: &World, i: usize) -> Vec<&PolicyRec> {
    let d = &w.devices[i];
    if !is_managed(d) {
        return Vec::new();
    }
    let labels = w.labels_of(i);
    let mut out: Vec<&PolicyRec> = w
        .policies
        .iter()
        .filter(|p| p.active && p.labels.iter().any(|l| labels.contains(l)))
        .collect();
    out.sort_by_key(|p| (p.profile, p.priority, p.id));
    out
}

/// The app settings assigned to a label the device is in (none for retired or wiped devices).
pub fn device_app_settings(w: &World, i: usize) -> Vec<&AppSettingRec> {
    let d = &w.devices[i];
    if !is_managed(d) {
        return Vec::new();
    }
    let labels = w.labels_of(i);
    w.app_settings
        .iter()
        .filter(|a| a.labels.iter().any(|l| labels.contains(l)))
        .collect()
}

/// The built-in Docs@Work policy every managed device shows as a profile (V1 guide, "Get Profiles
/// for a Device": the response example).
pub const DOCS_PROFILE_ID: i64 = -7;

/// The profiles of a device (V1 guide, "Get Profiles for a Device"): its policies (`POLICY`,
/// `policyType` = the policy's profile type), the default Docs@Work policy, and its app settings
/// (`APP`, `policyType` = the app type; no uuid, like the guide's APP profile). A quarantined
/// device has had its configurations ("profiles") removed (`quarantinedStatus` in V1 guide, "Get
/// Device Details for a Phone Number/User/Label/Wi-Fi MAC Address"), so it lists no APP profiles.
pub fn device_profiles(w: &World, i: usize) -> Vec<Profile> {
    let d = &w.devices[i];
    if !is_managed(d) {
        return Vec::new();
    }
    let status = if is_pending_delivery(d) {
        "Pending"
    } else {
        "Applied"
    };
    let mut out = vec![Profile {
        id: DOCS_PROFILE_ID,
        uuid: "misystem-default-docs-policy".into(),
        name: "Default Docs@Work Policy".into(),
        policy_type: "DOCS".into(),
        status: status.into(),
        profile_type: "POLICY".into(),
        last_updated_at: Some(1_347_343_156_739),
    }];
    out.extend(device_policies(w, i).into_iter().map(|p| Profile {
        id: p.id,
        uuid: p.uuid.clone(),
        name: p.name.clone(),
        policy_type: p.profile.as_str().into(),
        status: status.into(),
        profile_type: "POLICY".into(),
        last_updated_at: Some(p.updated_ms),
    }));
    if d.quarantined_status == 0 {
        out.extend(device_app_settings(w, i).into_iter().map(|a| Profile {
            id: a.id,
            uuid: String::new(),
            name: a.name.clone(),
            policy_type: a.app_type.as_str().into(),
            status: status.into(),
            profile_type: "APP".into(),
            last_updated_at: Some(a.updated_ms),
        }));
    }
    out
}
