//! Deterministic seeded data.

use mock_server::catalog::Platform;
use mock_server::seed::generate;
use mock_server::state::REFERENCE_EPOCH_S;
use mock_server::v1::devices::{to_wire, View};
use std::collections::{HashMap, HashSet};
use wire::v1::DeviceStatus;

#[test]
fn same_seed_same_world_other_seed_other_world() {
    let a = generate(500, 42);
    let b = generate(500, 42);
    assert_eq!(a, b);
    // The rendered wire form (including the on-demand details) is identical too.
    for (x, y) in a.devices.iter().zip(&b.devices) {
        assert_eq!(to_wire(&a, x, View::Single), to_wire(&b, y, View::Single));
    }
    let c = generate(500, 43);
    assert_ne!(a, c);
    assert_ne!(a.devices[5].uuid, c.devices[5].uuid);
}

#[test]
fn every_status_is_present() {
    // All 13 statuses of V1 guide, "Status and statusCode values" exist for any N >= 13.
    for n in [13, 14, 25, 100, 2000] {
        let w = generate(n, 1);
        let seen: HashSet<DeviceStatus> = w.devices.iter().map(|d| d.status).collect();
        assert_eq!(seen.len(), 13, "n={n}");
    }
    for seed in 0..20 {
        let w = generate(13, seed);
        let seen: HashSet<DeviceStatus> = w.devices.iter().map(|d| d.status).collect();
        assert_eq!(seen.len(), 13, "seed={seed}");
    }
    let w = generate(10, 1);
    assert_eq!(w.devices.len(), 10);
}

#[test]
fn identifiers_are_unique() {
    let w = generate(5000, 7);
    let uuids: HashSet<&str> = w.devices.iter().map(|d| d.uuid.as_str()).collect();
    assert_eq!(uuids.len(), w.devices.len());
    let macs: HashSet<u64> = w.devices.iter().map(|d| d.mac).collect();
    assert_eq!(macs.len(), w.devices.len());
    let phones: Vec<u64> = w.devices.iter().filter_map(|d| d.phone).collect();
    let unique: HashSet<u64> = phones.iter().copied().collect();
    assert_eq!(unique.len(), phones.len());
    let principals: HashSet<&str> = w.users.iter().map(|u| u.principal.as_str()).collect();
    assert_eq!(principals.len(), w.users.len());
    let user_uuids: HashSet<&str> = w.users.iter().map(|u| u.uuid.as_str()).collect();
    assert_eq!(user_uuids.len(), w.users.len());
}

#[test]
fn realistic_mix() {
    let w = generate(10_000, 1);
    let n = w.devices.len() as f64;
    let share = |f: &dyn Fn(&mock_server::state::DeviceRec) -> bool| {
        w.devices.iter().filter(|d| f(d)).count() as f64 / n
    };
    let android = share(&|d| d.platform() == Platform::Android);
    let ios = share(&|d| d.platform() == Platform::Ios);
    assert!((0.40..0.50).contains(&android), "{android}");
    assert!((0.40..0.50).contains(&ios), "{ios}");
    assert!(share(&|d| d.platform() == Platform::Windows) > 0.02);
    assert!(share(&|d| d.platform() == Platform::Macos) > 0.02);
    let active = share(&|d| d.status == DeviceStatus::Active);
    assert!((0.75..0.85).contains(&active), "{active}");
    let employee = share(&|d| d.employee_owned);
    assert!((0.2..0.5).contains(&employee), "{employee}");
    let noncompliant = share(&|d| d.compliance != 0);
    assert!((0.03..0.3).contains(&noncompliant), "{noncompliant}");
    assert!(share(&|d| d.country().name != "United States") > 0.1);

    // Users own 1-3 devices.
    let mut per_user: HashMap<u32, usize> = HashMap::new();
    for d in &w.devices {
        *per_user.entry(d.owner).or_default() += 1;
    }
    assert!(per_user.values().all(|&c| (1..=3).contains(&c)));
    assert!(per_user.values().any(|&c| c > 1));

    // Dates: ISO `+00:00`, within two years before the fixed reference date.
    let two_years = 2 * 366 * 86_400;
    for d in &w.devices {
        assert!(d.registered_at <= REFERENCE_EPOCH_S);
        assert!(d.registered_at > REFERENCE_EPOCH_S - two_years);
        assert!(d.last_connected_at == 0 || d.last_connected_at >= d.registered_at);
        assert!(d.last_connected_at <= REFERENCE_EPOCH_S);
    }
    let wire = to_wire(&w, &w.devices[0], View::List);
    assert!(
        wire.last_connected_at.ends_with("+00:00"),
        "{}",
        wire.last_connected_at
    );
    assert!(wire.registered_at.starts_with("202"));
}

#[test]
fn wire_fields_are_consistent() {
    let w = generate(3000, 5);
    for d in &w.devices {
        let x = to_wire(&w, d, View::List);
        let status: DeviceStatus = x.status.parse().unwrap();
        assert_eq!(status.code(), x.status_code);
        // Wi-Fi MAC under the platform's key, 12 upper-case hex digits (the examples of V1 guide,
        // "Retire a Device").
        if !d.pending() {
            let key = match d.platform() {
                Platform::Android | Platform::Windows => "wifi_mac_addr",
                Platform::Ios | Platform::Macos => "WiFiMAC",
            };
            let mac = x.details.get(key).unwrap();
            assert_eq!(mac.len(), 12);
            assert!(mac
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()));
            assert_eq!(x.wifi_mac().as_deref(), Some(mac));
            assert!((6..=8).contains(&x.details.0.len()));
        } else {
            // "If device registration is pending, then the details section is empty." (V1 guide,
            // the response examples of "Get Devices by Status" and "Get Device details for a
            // specific device")
            assert!(x.details.0.is_empty());
        }
        if d.phone.is_some() {
            assert_eq!(x.phone_number.len(), 10);
            assert_ne!(x.operator, "PDA");
            assert_eq!(x.details.get("imei").map(str::len).unwrap_or(15), 15);
        } else {
            assert_eq!(x.operator, "PDA");
            assert!(x.name.contains(":PDA"));
        }
        assert!(x.platform.starts_with(d.platform().family()));
        assert_eq!(x.user_uuid, w.owner(d).uuid);
    }
    // Single call: the full detail set for the platform (V1 guide, "Android Details Key-Value
    // Descriptions" and "iOS Details Key-Value Descriptions").
    let full = |p: Platform| {
        let d = w
            .devices
            .iter()
            .find(|d| d.platform() == p && !d.pending() && d.imei != 0)
            .unwrap();
        to_wire(&w, d, View::Single).details
    };
    let android = full(Platform::Android);
    assert!((25..=45).contains(&android.0.len()), "{}", android.0.len());
    assert!(android.get("security_state").is_some());
    let ios = full(Platform::Ios);
    assert!((25..=45).contains(&ios.0.len()), "{}", ios.0.len());
    assert!(ios.get("iPhone UDID").is_some());
    assert!(ios.get("Battery Level").is_some());
}

#[test]
fn the_guide_example_user_owns_the_first_device() {
    // jdoe (the user of V1 guide, "Get Devices by Status" and of the "Update Password for a User"
    // example) is the self-service user and owns device 1, an ACTIVE Android phone.
    let w = generate(50, 1);
    let d = &w.devices[0];
    assert_eq!(w.owner(d).principal, "jdoe");
    assert_eq!(d.status, DeviceStatus::Active);
    assert_eq!(d.platform(), Platform::Android);
}

#[test]
fn seeding_100k_devices_works() {
    // Timing is checked by hand on the release build, not here.
    let w = generate(100_000, 1);
    assert_eq!(w.devices.len(), 100_000);
    let seen: HashSet<DeviceStatus> = w.devices.iter().map(|d| d.status).collect();
    assert_eq!(seen.len(), 13);
    let macs: HashSet<u64> = w.devices.iter().map(|d| d.mac).collect();
    assert_eq!(macs.len(), 100_000);
    // The extra data scales, capped (alerts) or proportional (ActiveSync).
    assert_eq!(w.alerts.len(), mock_server::data::MAX_ALERTS);
    assert!(w.eas.len() > 40_000, "{}", w.eas.len());
}

#[test]
fn extra_data_scales_and_is_capped() {
    // Alerts: about one per two devices, capped; ActiveSync records: one per device with an
    // easUuid plus unregistered ones.
    for n in [50, 2000] {
        let w = generate(n, 3);
        assert_eq!(
            w.alerts.len(),
            (n / 2).clamp(12, mock_server::data::MAX_ALERTS)
        );
        let linked = w.devices.iter().filter(|d| !d.eas_uuid.is_empty()).count();
        assert_eq!(w.eas.iter().filter(|e| e.device.is_some()).count(), linked);
        assert!(w.eas.iter().any(|e| e.device.is_none()));
        // Every linked record points at the device whose easUuid it is.
        for e in w.eas.iter().filter(|e| e.device.is_some()) {
            assert_eq!(w.devices[e.device.unwrap() as usize].eas_uuid, e.uuid);
        }
    }
}

#[test]
fn every_enum_and_bitmap_is_seeded() {
    use mock_server::records::EasAccess;
    use wire::v1::{
        ActionSource, AlertDefn, AlertSeverity, AlertStatus, AlertTransport, AppSettingType,
        PolicyProfileType, PolicyType,
    };
    for seed in [1, 2, 3] {
        let w = generate(60, seed);
        for d in AlertDefn::ALL {
            assert!(w.alerts.iter().any(|a| a.defn == *d), "{d} seed {seed}");
        }
        for s in AlertSeverity::ALL {
            assert!(w.alerts.iter().any(|a| a.severity == *s), "{s}");
        }
        for s in AlertStatus::ALL {
            assert!(w.alerts.iter().any(|a| a.status == *s), "{s}");
        }
        for t in AlertTransport::ALL {
            assert!(
                w.alerts.iter().any(|a| a.transport == *t),
                "{t} seed {seed}"
            );
        }
        assert!(w.alerts.iter().any(|a| a.read) && w.alerts.iter().any(|a| !a.read));
        for s in ActionSource::ALL {
            assert!(w.eas.iter().any(|e| e.source == *s), "{s} seed {seed}");
        }
        for (acc, linked) in [
            (EasAccess::Allowed, true),
            (EasAccess::Blocked, true),
            (EasAccess::Allowed, false),
            (EasAccess::Blocked, false),
        ] {
            assert!(
                w.eas
                    .iter()
                    .any(|e| e.access == acc && e.device.is_some() == linked),
                "{acc:?} {linked} seed {seed}"
            );
        }
        assert!(w.eas.iter().any(|e| e.access == EasAccess::Wiped));
        for p in PolicyProfileType::ALL {
            assert!(w.policies.iter().any(|x| x.profile == *p));
        }
        for t in PolicyType::ALL {
            assert!(w.policies.iter().any(|x| x.policy_type == *t));
        }
        for t in AppSettingType::ALL {
            assert!(w.app_settings.iter().any(|a| a.app_type == *t), "{t}");
        }
        // Labels: negative default ids and positive admin ones (V1 guide, "Get all Labels": the
        // response example).
        assert!(w.labels.iter().any(|l| l.id < 0) && w.labels.iter().any(|l| l.id > 0));
        // Users: local (76) and LDAP (68).
        assert!(
            w.users.iter().any(|u| u.user_source == 76)
                && w.users.iter().any(|u| u.user_source == 68)
        );
    }
    // The bitmaps (V1 guide, "Compliance, quarantinedStatus, and blockReason values"): compliance,
    // quarantine and block reasons all occur.
    let w = generate(3000, 1);
    assert!(w.devices.iter().any(|d| d.compliance & 0x10 != 0));
    assert!(w.devices.iter().any(|d| d.quarantined_status != 0));
    assert!(w.devices.iter().any(|d| d.block_reason & 0x200 != 0));
    assert!(w.devices.iter().any(|d| d.block_reason & 0x400 != 0));
    let bits: u32 = w.devices.iter().fold(0, |m, d| m | d.compliance);
    for b in [
        0x1, 0x2, 0x8, 0x10, 0x20, 0x40, 0x800, 0x1000, 0x2000, 0x4000, 0x8000, 0x10000,
    ] {
        assert!(bits & b != 0, "compliance bit {b:#x}");
    }
}

#[test]
fn platform_detail_keys() {
    // Android and iOS keys (V1 guide, "Android Details Key-Value Descriptions", "iOS Details
    // Key-Value Descriptions"), spelled as the guide spells them.
    let w = generate(300, 1);
    let full = |p: Platform| {
        let d = w
            .devices
            .iter()
            .find(|d| d.platform() == p && !d.pending() && d.imei != 0)
            .unwrap();
        to_wire(&w, d, View::Single).details
    };
    let a = full(Platform::Android);
    for k in [
        "client_version",
        "security_state",
        "wifi_mac_addr",
        "imei",
        "imsi",
        "prv_device_encryption",
        "free_storage_size_bytes",
        "lat_long_last_captured_at",
    ] {
        assert!(a.get(k).is_some(), "android {k}");
    }
    assert!(matches!(
        a.get("security_state"),
        Some("Ok" | "Compromised")
    ));
    let i = full(Platform::Ios);
    for k in [
        "Client_version",
        "iPhone UDID",
        "Battery Level",
        "Voice Roaming Enabled",
        "DataRoamingEnabled",
        "WiFiMAC",
        "PasscodePresent",
        "security_state",
    ] {
        assert!(i.get(k).is_some(), "ios {k}");
    }
    // iOS security_state: 0 compromised, 1 not (V1 guide, "iOS Details Key-Value Descriptions").
    assert!(matches!(i.get("security_state"), Some("0" | "1")));
}
