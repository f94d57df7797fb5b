//! Seeded policies, app settings, alerts and ActiveSync associations, plus the reference data of
//! `/dm/operators`, `/dm/countries`, the app inventory and AppConnect analytics.
//!
//! Everything is drawn from its own generator (seeded from the world seed), after the devices, so
//! adding data here never changes the devices of a seed. Coverage guarantees (tested in
//! `tests/seed.rs`): every policy `profileType` and both `policyType`s and statuses; every app
//! setting `appType` (18) with labels, both origins and the certificate properties; every alert
//! definition, severity, transport and status in both read states; ActiveSync devices in all five
//! groups with every `actionSource`.

use crate::catalog::{Platform, COUNTRIES, OPERATORS, PDA};
use crate::records::{
    AlertRec, AppSettingRec, EasAccess, EasRec, PolicyRec, UnregisteredEas, WorldData,
};
use crate::seed::uuid_v4;
use crate::state::{User, World, REFERENCE_EPOCH_S as REF};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wire::v1::bitmap::flags;
use wire::v1::{
    ActionSource, AlertDefn, AlertSeverity, AlertStatus, AlertTransport, AppSettingOrigin,
    AppSettingType, DeviceStatus, Entry, PolicyProfileType, PolicyType, ResourceDto, Rule,
};

const DAY: i64 = 86_400;
/// Alerts: about one per two devices, at most this many.
pub const MAX_ALERTS: usize = 10_000;
/// ActiveSync devices no EPMM device is linked to: one per 50 devices, at most this many.
pub const MAX_UNREGISTERED_EAS: usize = 500;

/// Directory-only accounts like the guide's LDAP search example (`testuser0001`…, V1 guide, "Search
/// LDAP Users": the response example): users without devices, so a search such as `testuser`
/// exceeds the 100-result limit.
pub const LDAP_TEST_USERS: usize = 150;

/// Adds the extra collections to a freshly generated world.
pub fn populate(w: &mut World) {
    let mut rng = ChaCha8Rng::seed_from_u64(w.seed ^ 0x00DA_7A5E_ED00);
    for k in 1..=LDAP_TEST_USERS {
        let principal = format!("testuser{k:04}");
        w.push_user(User {
            id: 20_000 + k as i64,
            uuid: uuid_v4(&mut rng),
            email: format!("{principal}@auto1.example.com"),
            principal,
            first_name: "Test".into(),
            last_name: format!("User{k:04}"),
            user_source: wire::v1::sm::USER_SOURCE_LDAP,
            password: None,
            roles: Vec::new(),
            created_at_ms: (REF - 400 * DAY) * 1000,
            // The guide's examples are disabled (V1 guide, "Search LDAP Users": the response
            // example); a third are enabled here.
            enabled: k % 3 == 0,
            country: 0,
        });
    }
    let data = WorldData {
        policies: policies(),
        app_settings: app_settings(),
        alerts: alerts(w, &mut rng),
        eas: eas(w, &mut rng),
    };
    w.install(data);
}

fn rule(t: &str, v: &str) -> Rule {
    Rule::new(t, v)
}

fn rule_cv(t: &str, v: &str, cv: &str) -> Rule {
    Rule {
        client_value: cv.into(),
        ..Rule::new(t, v)
    }
}

fn dtos(t: &str, items: &[(&str, &str)]) -> Rule {
    Rule {
        resource_dtos: items
            .iter()
            .map(|(n, v)| ResourceDto {
                name: (*n).into(),
                resource_type: (*n).into(),
                value: (*v).into(),
            })
            .collect(),
        ..Rule::new(t, "")
    }
}

#[allow(clippy::too_many_arguments)]
fn policy(
    id: i64,
    uuid: &str,
    name: &str,
    policy_type: PolicyType,
    profile: PolicyProfileType,
    active: bool,
    priority: i64,
    labels: &[i64],
    rules: Vec<Rule>,
) -> PolicyRec {
    PolicyRec {
        id,
        uuid: uuid.into(),
        name: name.into(),
        policy_type,
        profile,
        active,
        description: name.into(),
        priority,
        rules,
        labels: labels.to_vec(),
        updated_ms: (REF - 200 * DAY) * 1000 + id.unsigned_abs() as i64 * 7_919,
    }
}

fn security_rules(strict: bool) -> Vec<Rule> {
    let nca = if strict { "2" } else { "1" };
    let mut r = vec![
        rule("SECURITY_REQUIRE_PWD", "on"),
        rule(
            "SECURITY_PWD_TYPE",
            if strict { "alphanumeric" } else { "simple" },
        ),
        rule("SECURITY_PWD_LENGTH", if strict { "8" } else { "4" }),
        rule(
            "SECURITY_PWD_MIN_COMPLEX_CHAR",
            if strict { "1" } else { "0" },
        ),
        rule("SECURITY_PWD_MAX_AGE", if strict { "90" } else { "0" }),
        rule("SECURITY_PWD_HISTORY", if strict { "5" } else { "0" }),
        rule("SECURITY_PWD_MAX_FAILED_ATTEMPTS", "10"),
        rule(
            "SECURITY_INACTIVITY_TIMEOUT",
            if strict { "5 minutes" } else { "15 minutes" },
        ),
        rule("SECURITY_GRACE_PERIOD", "0"),
        rule("SECURITY_ENCRYPT_DEVICE", if strict { "on" } else { "off" }),
        rule("SECURITY_ENCRYPT_SDCARD", if strict { "on" } else { "off" }),
        dtos(
            "SECURITY_ENCRYPT_DATA_TYPE",
            &[("Email", "on"), ("PIM", "on"), ("MY_DOCUMENTS", "off")],
        ),
        dtos(
            "SECURITY_ENCRYPT_FILE_TYPE",
            &[
                ("doc", "on"),
                ("xls", "on"),
                ("pdf", "on"),
                ("txt", "off"),
                ("MEDIA_FILES", "off"),
                ("OTHER_FILE_TYPES", "ppt key numbers"),
            ],
        ),
        rule("SECURITY_WIPE", if strict { "30" } else { "0" }),
        rule("SECURITY_AV_BLOCK_DEVICES", "off"),
        rule(
            "SECURITY_BLACK_WHITE_BMW_OPTION",
            if strict { "BLACK" } else { "WHITE" },
        ),
        rule(
            "SECURITY_BLACK_WHITE_BMW_ACLS",
            if strict { "3,6" } else { "" },
        ),
        rule("SECURITY_MANDATORY_BMW_ACLS", if strict { "4" } else { "" }),
        rule("EAS_BLOCK_ANDROID_OS", "11"),
        rule("EAS_BLOCK_IPHONE_OS", "16.0"),
        rule("EAS_BLOCK_ANDROID_ROOTED", "true"),
        rule("EAS_BLOCK_IPHONE_JAILBROKEN", "true"),
        rule(
            "EAS_BLOCK_ANDROID_DATA_ENC",
            if strict { "true" } else { "false" },
        ),
        rule(
            "EAS_BLOCK_IPHONE_DATA_ENC",
            if strict { "true" } else { "false" },
        ),
        rule("EAS_BLOCK_ANDROID_DEVICE_ADMIN_DEACTIVE", "true"),
        rule("EAS_BLOCK_IOS_DEVICE_MDM_DEACTIVE", "true"),
        rule(
            "EAS_BLOCK_IPHONE_HW",
            if strict { "1,2,3,4,5,6" } else { "false" },
        ),
        rule("EAS_BLOCK_OOC_DAYS", if strict { "14" } else { "30" }),
        rule("EAS_BLOCK_POLICY_DAYS", "7"),
    ];
    for t in [
        "SEC_NCA_ANDROID_DATA_ENC",
        "SEC_NCA_ANDROID_DEVICE_ADMIN_DEACTIVE",
        "SEC_NCA_ANDROID_ROOTED",
        "SEC_NCA_ANDROID_SW",
        "SEC_NCA_IOS_DATA_ENC",
        "SEC_NCA_IOS_HW",
        "SEC_NCA_IOS_JAILBROKEN",
        "SEC_NCA_IOS_MDM_DEACTIVE",
        "SEC_NCA_IOS_SW",
        "SEC_NCA_OOC_DAYS",
        "SEC_NCA_POLICY_DAYS",
    ] {
        r.push(rule(t, nca));
    }
    // "no value" means no action for app control (V1 guide, "Policy Rules": "Security policy
    // rules").
    r.push(rule("SEC_NCA_APP_CONTROL", if strict { "1" } else { "" }));
    r
}

fn privacy_rules(byod: bool) -> Vec<Rule> {
    let off_if = |byod: bool, v: &str| {
        if byod {
            "off".to_string()
        } else {
            v.to_string()
        }
    };
    vec![
        // The guide's example rule (V1 guide, "Get Policies": the response example): value store,
        // deprecated clientValue off.
        rule_cv("PRIVACY_SYNC_CALLLOGS", &off_if(byod, "store"), "off"),
        rule("PRIVACY_SYNC_SMSLOGS", &off_if(byod, "track")),
        rule(
            "PRIVACY_SYNC_LOCATION",
            if byod { "off" } else { "celltower" },
        ),
        rule("PRIVACY_SYNC_APPS", &off_if(byod, "track")),
        rule("PRIVACY_SYNC_DATA_LOG", "track"),
        rule("PRIVACY_SYNC_CONTACTS", "off"),
        rule("PRIVACY_SYNC_DOCUMENTS", "off"),
        rule("PRIVACY_SYNC_PICTURES", "off"),
        rule("PRIVACY_SYNC_VIDEO", "off"),
        rule("PRIVACY_SYNC_MUSIC", "off"),
        rule("PRIVACY_SYNC_OTHER_MEDIA", "ram,wav"),
        rule("PRIVACY_APP_MULTITASK", "on"),
        Rule {
            resource_dtos: vec![ResourceDto {
                name: " /Windows".into(),
                resource_type: "DIR".into(),
                value: "on".into(),
            }],
            ..Rule::new("PRIVACY_EXCLUDE_DIR", "")
        },
    ]
}

fn sync_rules(field: bool) -> Vec<Rule> {
    vec![
        // The example at the start of V1 guide, "Policy Rules": heartbeat 14 (clientValue 840),
        // multitask 15 (clientValue 15).
        rule_cv(
            "SYNC_HEARTBEAT_INTERVAL",
            if field { "5" } else { "14" },
            if field { "300" } else { "840" },
        ),
        rule_cv("SYNC_MULTITASK_INTERVAL", "15", "15"),
        rule("SYNC_INTERVAL", if field { "60" } else { "240" }),
        rule("SYNC_ALWAYS_CONNECTED", if field { "on" } else { "off" }),
        rule("SYNC_BLOCK_WHEN_ROAMING", if field { "mai" } else { "on" }),
        rule("SYNC_MIN_BATTERY_POWER", "20"),
        rule("SYNC_MIN_FILE_UPLOAD_BATTERY_POWER", "60"),
        rule("SYNC_REQUIRE_TLS", "on"),
        rule("SYNC_SDCARD", "off"),
        rule("SYNC_SERVERIP", "epmm.example.com"),
        rule("SYNC_APN_HOME_NETWORK", "on"),
        rule("SYNC_APN_ROAMING_NETWORK", "off"),
        rule("SYNC_BIS_HOME_NETWORK", "on"),
        rule("SYNC_BIS_ROAMING_NETWORK", "off"),
    ]
}

fn lockdown_rules(kiosk: bool) -> Vec<Rule> {
    let v = |strict: &'static str| if kiosk { strict } else { "on" };
    vec![
        rule("LOCKDOWN_BLUETOOTH", v("audio")),
        rule("LOCKDOWN_CAMERA", v("off")),
        rule("LOCKDOWN_IRDA", v("off")),
        rule("LOCKDOWN_SDCARD", v("off")),
        rule("LOCKDOWN_WIFI", "on"),
    ]
}

/// The policies: the four defaults (ids as in the guide, -2 privacy and -3 security, V1 guide, "Get
/// Profiles for a Device": the response example) on `All-Smartphones`/`Android`, and enterprise
/// policies on the seeded labels.
pub fn policies() -> Vec<PolicyRec> {
    use PolicyProfileType::*;
    use PolicyType::*;
    vec![
        policy(
            -2,
            "misystem-default-privacy-policy",
            "Default Privacy Policy",
            Default,
            Privacy,
            true,
            1,
            &[-1],
            privacy_rules(false),
        ),
        policy(
            -3,
            "misystem-default-security-policy",
            "Default Security Policy",
            Default,
            Security,
            true,
            1,
            &[-1],
            security_rules(false),
        ),
        policy(
            -5,
            "misystem-default-sync-policy",
            "Default Sync Policy",
            Default,
            Sync,
            true,
            1,
            &[-1],
            sync_rules(false),
        ),
        policy(
            -6,
            "misystem-default-lockdown-policy",
            "Default Lockdown Policy",
            Default,
            Lockdown,
            true,
            1,
            &[-2],
            lockdown_rules(false),
        ),
        policy(
            1,
            "3f1c2a9e-6b7d-4e21-9a55-0c8d2f41b7a1",
            "Corporate Security Policy",
            Enterprise,
            Security,
            true,
            2,
            &[-6],
            security_rules(true),
        ),
        policy(
            2,
            "8b0e4c6d-1f2a-4b3c-8d9e-5a6b7c8d9e0f",
            "BYOD Privacy Policy",
            Enterprise,
            Privacy,
            true,
            2,
            &[-7],
            privacy_rules(true),
        ),
        policy(
            3,
            "c2d4e6f8-0a1b-4c3d-9e5f-7a8b9c0d1e2f",
            "Executive Security Policy",
            Enterprise,
            Security,
            true,
            3,
            &[2],
            security_rules(true),
        ),
        policy(
            4,
            "4a5b6c7d-8e9f-4a0b-8c1d-2e3f4a5b6c7d",
            "Kiosk Lockdown Policy",
            Enterprise,
            Lockdown,
            true,
            2,
            &[5],
            lockdown_rules(true),
        ),
        policy(
            5,
            "9d8c7b6a-5f4e-4d3c-ab2a-1f0e9d8c7b6a",
            "Field Operations Sync Policy",
            Enterprise,
            Sync,
            true,
            2,
            &[3],
            sync_rules(true),
        ),
        policy(
            6,
            "1e2d3c4b-5a69-4788-96a5-b4c3d2e1f0a9",
            "Pilot Security Policy (draft)",
            Enterprise,
            Security,
            false,
            4,
            &[4],
            security_rules(true),
        ),
        policy(
            7,
            "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910",
            "Retail Lockdown Policy",
            Enterprise,
            Lockdown,
            true,
            3,
            &[],
            lockdown_rules(true),
        ),
    ]
}

#[allow(clippy::too_many_arguments)]
fn setting(
    id: i64,
    name: &str,
    description: &str,
    app_type: AppSettingType,
    origin: AppSettingOrigin,
    labels: &[i64],
    props: &[(&str, &str)],
) -> AppSettingRec {
    AppSettingRec {
        id,
        name: name.into(),
        description: description.into(),
        app_type,
        origin,
        labels: labels.to_vec(),
        properties: props.iter().map(|(k, v)| Entry::new(*k, *v)).collect(),
        updated_ms: (REF - 150 * DAY) * 1000 + id.unsigned_abs() as i64 * 104_729,
    }
}

/// The app settings: one or more of every `appType` (V1 guide, "Get all Application Settings": the
/// request table), the guide's system CA certificate (id -4, label iOS, its response example),
/// system settings with negative ids and admin ones. The admin SCEP settings enrol at the seeded
/// CZERTAINLY SCEP profiles (`crate::czertainly`).
pub fn app_settings() -> Vec<AppSettingRec> {
    use AppSettingOrigin::{Admin, System};
    use AppSettingType::*;
    vec![
        setting(-1, " System - iOS MDM", "The system MDM profile installed on every iOS device.", Mdm, System, &[-3],
            &[("MDM_TOPIC", "com.apple.mgmt.External.5a0b9a44-3d1e-4bd8-b4a5-1f1e8a52c3d0"), ("SERVER_URL", "https://epmm.example.com/mdm/checkin"), ("CHECK_IN_URL", "https://epmm.example.com/mdm/checkin"), ("ACCESS_RIGHTS", "8191"), ("SIGN_MESSAGE", "false")]),
        setting(-4, " System - iOS MDM CA Certificate", "This CA Certificate is distributed in conjunction with the system MDM profile. It is the certificate that the mobile device will trust for the purpose of accepting OTA MDM requests.", Certificate, System, &[-3],
            &[("CERT_SERIAL_NUMBER0", "10863527040561121251"), ("CERTPATH0", "/mi/files/groups/9002/99415d0e64ca8708/b34aab3122e3410e98a2ef5a078806ce"), ("ENABLE_MIRRORING", "false")]),
        setting(-5, " System - iOS Enrollment SCEP", "Device identity certificate issued at enrollment.", Scep, System, &[-3],
            &[("SCEP_URL", "https://epmm.example.com/mdm/scep"), ("SUBJECT", "CN=$DEVICE_UUID$"), ("KEY_SIZE", "2048"), ("KEY_USAGE", "signing"), ("CACHE_KEYS", "TRUE"), ("SUPPORT_MULTIPLE_CONSUMERS", "false")]),
        setting(-6, " System - Android Enterprise", "Work profile provisioning for Android devices.", Provisioning, System, &[-2],
            &[("PROVISIONING_MODE", "WORK_PROFILE"), ("ENTERPRISE_ID", "LC03abcd12"), ("ALLOW_PERSONAL_USAGE", "true")]),
        setting(1001, "Corporate Exchange", "ActiveSync mail, contacts and calendar.", Exchange, Admin, &[-1],
            &[("HOST", "mail.example.com"), ("USE_SSL", "true"), ("DOMAIN", "EXAMPLE"), ("USER", "$EMAIL$"), ("SYNC_DAYS", "14"), ("IDENTITY_CERTIFICATE", "Corporate User Certificate")]),
        setting(1002, "Corp-Secure Wi-Fi", "WPA2-Enterprise network for company devices.", Wifi, Admin, &[-6],
            &[("SSID", "Corp-Secure"), ("SECURITY_TYPE", "WPA2_ENTERPRISE"), ("EAP_TYPE", "EAP-TLS"), ("AUTO_JOIN", "true"), ("IDENTITY_CERTIFICATE", "Corporate User Certificate")]),
        setting(1003, "Guest Wi-Fi", "Open guest network for personal devices.", Wifi, Admin, &[-7],
            &[("SSID", "Corp-Guest"), ("SECURITY_TYPE", "NONE"), ("AUTO_JOIN", "false")]),
        setting(1004, "Intranet", "Bookmark to the intranet home page.", Bookmark, Admin, &[-1],
            &[("URL", "https://intranet.example.com/"), ("TITLE", "Intranet")]),
        setting(1005, "Sales Mail (IMAP)", "IMAP mail for the sales team.", Email, Admin, &[1],
            &[("INCOMING_HOST", "imap.example.com"), ("INCOMING_PORT", "993"), ("OUTGOING_HOST", "smtp.example.com"), ("OUTGOING_PORT", "587"), ("USE_SSL", "true")]),
        setting(1006, "Always-On VPN", "Per-device VPN for company-owned devices.", Vpn, Admin, &[-6],
            &[("VPN_TYPE", "IKEv2"), ("SERVER", "vpn.example.com"), ("ON_DEMAND", "true"), ("IDENTITY_CERTIFICATE", "Corporate User Certificate")]),
        setting(1007, "Device Naming", "Device name template and lock-screen message.", General, Admin, &[-1],
            &[("DEVICE_NAME", "$USERID$-$MODEL$"), ("LOCK_SCREEN_MESSAGE", "If found, call +1 408 555 0100")]),
        setting(1008, "Executive Calendar", "CalDAV account for executives.", Caldav, Admin, &[2],
            &[("HOST", "calendar.example.com"), ("PORT", "443"), ("USE_SSL", "true")]),
        setting(1009, "Company Holidays", "Subscribed holiday calendar.", Subcal, Admin, &[-1],
            &[("URL", "https://calendar.example.com/holidays.ics"), ("USE_SSL", "true")]),
        setting(1010, "Self-Service Portal", "Web clip to the user portal.", Webclip, Admin, &[-3],
            &[("URL", "https://epmm.example.com/mifs/user"), ("LABEL", "Self-Service"), ("REMOVABLE", "false")]),
        setting(1011, "Corporate User Certificate", "User identity certificate from the corporate CA, used by Exchange, Wi-Fi and VPN.", Scep, Admin, &[-6, -7],
            &[("SCEP_URL", "https://ca.example.com/api/v1/protocols/scep/corporate-users/pkiclient.exe"), ("SUBJECT", "CN=$USERID$,O=Example"), ("KEY_SIZE", "2048"), ("KEY_USAGE", "signing,encryption"), ("CACHE_KEYS", "FALSE"), ("SUPPORT_MULTIPLE_CONSUMERS", "true")]),
        setting(1012, "Kiosk Device Certificate", "Device certificate for kiosk Wi-Fi.", Scep, Admin, &[5],
            &[("SCEP_URL", "https://ca.example.com/api/v1/protocols/scep/kiosk-devices/pkiclient.exe"), ("SUBJECT", "CN=$DEVICE_UUID$"), ("KEY_SIZE", "2048"), ("CACHE_KEYS", "TRUE"), ("SUPPORT_MULTIPLE_CONSUMERS", "false")]),
        setting(1013, "Field APN", "Private APN for field devices.", Apn, Admin, &[3],
            &[("APN", "field.example.carrier"), ("USERNAME", "field"), ("PROXY", "")]),
        setting(1014, "Kiosk Restrictions", "Camera, app store and screenshot restrictions.", Restriction, Admin, &[5],
            &[("ALLOW_CAMERA", "false"), ("ALLOW_APP_INSTALLATION", "false"), ("ALLOW_SCREEN_CAPTURE", "false")]),
        setting(1015, "Example Root CA", "The corporate root certificate authority.", Certificate, Admin, &[-1],
            &[("CERT_SERIAL_NUMBER0", "4722861987310295561"), ("CERTPATH0", "/mi/files/groups/9002/3e1b77c2a0d94f58/6f2c0e9b1d4a4c8e9b7a5d3c1e0f2a4b"), ("CERT_SUBJECT0", "CN=Example Root CA,O=Example"), ("CERT_EXPIRY0", "2034-03-01T00:00:00+00:00"), ("ENABLE_MIRRORING", "false")]),
        setting(1016, "Partner CA (retired)", "Certificate of a former partner; assigned to no label.", Certificate, Admin, &[],
            &[("CERT_SERIAL_NUMBER0", "1182736455091827364"), ("CERTPATH0", "/mi/files/groups/9002/a1b2c3d4e5f60718/0f1e2d3c4b5a69788796a5b4c3d2e1f0"), ("CERT_SUBJECT0", "CN=Partner Issuing CA 2,O=Partner"), ("CERT_EXPIRY0", "2025-06-30T00:00:00+00:00")]),
        setting(1017, "Sales Contacts", "CardDAV directory for the sales team.", Carddav, Admin, &[1],
            &[("HOST", "contacts.example.com"), ("PORT", "443"), ("USE_SSL", "true")]),
        setting(1018, "Outlook App Configuration", "Managed app configuration for Microsoft Outlook.", Configuration, Admin, &[-1],
            &[("BUNDLE_ID", "com.microsoft.Office.Outlook"), ("com.microsoft.outlook.EmailProfile.EmailAddress", "$EMAIL$"), ("IntuneMAMAllowedAccountsOnly", "Enabled")]),
        setting(1019, "Windows Update Ring", "Deferral settings for Windows updates.", Other, Admin, &[-4],
            &[("DEFER_QUALITY_UPDATES_DAYS", "7"), ("DEFER_FEATURE_UPDATES_DAYS", "60")]),
    ]
}

/// An alert's device must suit its kind: roaming, SIM and threshold alerts need a phone number.
fn needs_phone(k: AlertDefn) -> bool {
    matches!(
        k,
        AlertDefn::InternationalRoaming | AlertDefn::SimChanged | AlertDefn::ThresholdReached
    )
}

fn severity_of(k: AlertDefn) -> AlertSeverity {
    match k {
        AlertDefn::SimChanged | AlertDefn::PolicyViolations => AlertSeverity::Critical,
        AlertDefn::System => AlertSeverity::Information,
        _ => AlertSeverity::Warning,
    }
}

/// About one alert per two devices (at most [`MAX_ALERTS`]), on devices that check in.
fn alerts(w: &World, rng: &mut ChaCha8Rng) -> Vec<AlertRec> {
    let candidates: Vec<usize> = w
        .devices
        .iter()
        .enumerate()
        .filter(|(_, d)| d.last_connected_at > 0)
        .map(|(i, _)| i)
        .collect();
    let phones: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| w.devices[i].phone.is_some())
        .collect();
    let ios: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| w.devices[i].platform() == Platform::Ios)
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let n = (w.devices.len() / 2).clamp(12, MAX_ALERTS);
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        // The first 6 cover every kind and status; afterwards they are drawn.
        let defn = if k < 6 {
            AlertDefn::ALL[k]
        } else {
            AlertDefn::ALL[rng.gen_range(0..AlertDefn::ALL.len())]
        };
        let pool = if needs_phone(defn) && !phones.is_empty() {
            &phones
        } else {
            &candidates
        };
        // Alert 6 goes to an iPhone by APNS ("APNS (iPhone only)", V1 guide, "Get All Alerts": the
        // response example).
        let device = if k == 6 && !ios.is_empty() {
            ios[rng.gen_range(0..ios.len())]
        } else {
            pool[rng.gen_range(0..pool.len())]
        };
        let d = &w.devices[device];
        let ios_push = d.platform() == Platform::Ios && (k == 6 || rng.gen_range(0..4) == 0);
        let transport = if ios_push {
            AlertTransport::Apns
        } else if d.phone.is_some() && rng.gen_range(0..3) == 0 {
            AlertTransport::Sms
        } else {
            AlertTransport::Email
        };
        let status = if k < 6 {
            AlertStatus::ALL[k]
        } else {
            match rng.gen_range(0..100) {
                0..=69 => AlertStatus::Dispatched,
                70..=77 => AlertStatus::Processed,
                78..=83 => AlertStatus::DispatchFailed,
                84..=89 => AlertStatus::DispatchPending,
                90..=94 => AlertStatus::Dispatching,
                _ => AlertStatus::Created,
            }
        };
        let date_s = (d.last_connected_at - rng.gen_range(0..90 * DAY)).max(d.registered_at);
        let read = k % 3 == 1 || (k >= 6 && rng.gen_range(0..100) < 45);
        let (update_by, updated_s) = if read {
            ("admin".to_string(), date_s + rng.gen_range(600..5 * DAY))
        } else {
            ("alertprocessor".to_string(), date_s + rng.gen_range(1..120))
        };
        let label_id = match d.platform() {
            Platform::Android => -2,
            Platform::Ios => -3,
            Platform::Windows => -4,
            Platform::Macos => -5,
        };
        out.push(AlertRec {
            id: 3900 + k as i64,
            device: device as u32,
            defn,
            severity: severity_of(defn),
            transport,
            status,
            read,
            date_s,
            updated_s: updated_s.min(REF),
            update_by,
            retries: match status {
                AlertStatus::DispatchFailed => 3,
                AlertStatus::Dispatched => rng.gen_range(1..3),
                _ => 0,
            },
            label_id,
            subscription: match defn {
                AlertDefn::InternationalRoaming => "roaming-watch",
                AlertDefn::ThresholdReached => "data-plan-80",
                AlertDefn::SimChanged => "sim-swap",
                AlertDefn::MemorySizeExceeded => "m1",
                AlertDefn::System => "system-events",
                AlertDefn::PolicyViolations => "compliance",
            },
            comments: String::new(),
            detail: rng.gen(),
        });
    }
    out
}

/// The ActiveSync associations: one per device with an `easUuid`, in the group its state gives
/// (blocked when its `blockReason` is set, wiped when the device is wiped), plus unregistered
/// devices that reached Exchange without EPMM.
fn eas(w: &mut World, rng: &mut ChaCha8Rng) -> Vec<EasRec> {
    // A seeded world with associations has at least one manually blocked device.
    let linked: Vec<usize> = (0..w.devices.len())
        .filter(|&i| !w.devices[i].eas_uuid.is_empty())
        .collect();
    if !linked.is_empty() && !linked.iter().any(|&i| w.devices[i].block_reason != 0) {
        let i = linked[linked.len() / 2];
        w.devices[i].block_reason |= flags::MANUALLY_BLOCKED;
    }
    let mut out = Vec::with_capacity(linked.len() + 64);
    let mut unknown_done = false;
    for &i in &linked {
        let d = &w.devices[i];
        let (access, source) = if d.status == DeviceStatus::Wiped {
            (EasAccess::Wiped, ActionSource::Manual)
        } else if d.block_reason & flags::MANUALLY_BLOCKED != 0 {
            (EasAccess::Blocked, ActionSource::Manual)
        } else if d.block_reason & flags::EXCHANGE_REPORTED != 0 {
            (EasAccess::Blocked, ActionSource::Exchange)
        } else if d.block_reason != 0 {
            let s = if rng.gen_range(0..2) == 0 {
                ActionSource::Policy
            } else {
                ActionSource::Autoblock
            };
            (EasAccess::Blocked, s)
        } else if !unknown_done {
            unknown_done = true;
            (EasAccess::Allowed, ActionSource::Unknown)
        } else if rng.gen_range(0..10) == 0 {
            (EasAccess::Allowed, ActionSource::Policy)
        } else {
            (EasAccess::Allowed, ActionSource::Exchange)
        };
        let last = d.eas_last_sync * 1000;
        out.push(EasRec {
            uuid: d.eas_uuid.clone(),
            device: Some(i as u32),
            access,
            source,
            first_sync_ms: (d.registered_at + rng.gen_range(60..3600)) * 1000,
            last_sync_ms: last,
            unregistered: None,
        });
    }
    let extra = (w.devices.len() / 50).clamp(3, MAX_UNREGISTERED_EAS);
    const MODELS: &[(&str, &str, i64)] = &[
        ("iPhone", "iOS", 11),
        ("iPad", "iOS", 11),
        ("SM-G991U", "Android", 12),
        ("Pixel 7", "Android", 12),
        ("Outlook for iOS and Android", "Outlook", 0),
    ];
    for k in 0..extra {
        let (access, source) = match k {
            0 => (EasAccess::Allowed, ActionSource::Exchange),
            1 => (EasAccess::Blocked, ActionSource::Autoblock),
            2 => (EasAccess::Wiped, ActionSource::Manual),
            _ => match rng.gen_range(0..10) {
                0..=5 => (EasAccess::Allowed, ActionSource::Exchange),
                6..=8 => (EasAccess::Blocked, ActionSource::Autoblock),
                _ => (EasAccess::Blocked, ActionSource::Manual),
            },
        };
        let user = &w.users[rng.gen_range(0..w.users.len())];
        let (model, platform, code) = MODELS[rng.gen_range(0..MODELS.len())];
        let first = (REF - rng.gen_range(30 * DAY..400 * DAY)) * 1000;
        let country = &COUNTRIES[user.country as usize];
        let phone = format!(
            "{}{:07}",
            country.prefixes[rng.gen_range(0..country.prefixes.len())],
            rng.gen_range(2_000_000..10_000_000)
        );
        let device_id = match platform {
            "iOS" => format!("Appl{}", random_upper(rng, 11)),
            _ => format!("androidc{}", rng.gen_range(100_000_000u64..999_999_999)),
        };
        out.push(EasRec {
            uuid: uuid_v4(rng),
            device: None,
            access,
            source,
            first_sync_ms: first,
            last_sync_ms: first + rng.gen_range(0..200 * DAY) * 1000,
            unregistered: Some(Box::new(UnregisteredEas {
                user: user.principal.clone(),
                model,
                platform,
                platform_code: code,
                phone,
                device_id,
            })),
        });
    }
    out
}

fn random_upper(rng: &mut ChaCha8Rng, n: usize) -> String {
    const A: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    (0..n)
        .map(|_| A[rng.gen_range(0..A.len())] as char)
        .collect()
}

/// `/dm/operators`: the carriers devices use, plus reference-only ones (disabled, and `Fixed`
/// carriers) as a real database holds (V1 guide, "List of Operators").
pub struct OperatorRow {
    pub id: i64,
    pub name: &'static str,
    pub carrier_type: &'static str,
    /// Index into [`COUNTRIES`] or into [`EXTRA_COUNTRIES`] (offset by `COUNTRIES.len()`).
    pub country: usize,
    pub enabled: bool,
}

/// Countries that no seeded device is in, disabled for registration (`102`), as the guide's own
/// United States example is (V1 guide, "List of Countries": the response example).
pub struct ExtraCountry {
    pub id: i64,
    pub name: &'static str,
    pub code: u32,
    pub iso: &'static str,
}

pub const EXTRA_COUNTRIES: &[ExtraCountry] = &[
    ExtraCountry {
        id: 12,
        name: "Australia",
        code: 61,
        iso: "AU",
    },
    ExtraCountry {
        id: 103,
        name: "Ireland",
        code: 353,
        iso: "IE",
    },
    ExtraCountry {
        id: 107,
        name: "Japan",
        code: 81,
        iso: "JP",
    },
    ExtraCountry {
        id: 138,
        name: "Mexico",
        code: 52,
        iso: "MX",
    },
];

/// Every operator row: the device carriers (enabled, `Mobile`) and the reference-only ones.
pub fn operator_rows() -> Vec<OperatorRow> {
    let mut out: Vec<OperatorRow> = OPERATORS
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != PDA)
        .filter_map(|(_, o)| {
            Some(OperatorRow {
                id: o.id,
                name: o.name,
                carrier_type: "Mobile",
                country: o.country?,
                enabled: true,
            })
        })
        .collect();
    let n = COUNTRIES.len();
    out.extend([
        OperatorRow {
            id: 270,
            name: "Sprint",
            carrier_type: "Mobile",
            country: 0,
            enabled: false,
        },
        OperatorRow {
            id: 290,
            name: "Comcast Business",
            carrier_type: "Fixed",
            country: 0,
            enabled: false,
        },
        OperatorRow {
            id: 420,
            name: "BT",
            carrier_type: "Fixed",
            country: 1,
            enabled: true,
        },
        OperatorRow {
            id: 120,
            name: "Telstra",
            carrier_type: "Mobile",
            country: n,
            enabled: false,
        },
        OperatorRow {
            id: 355,
            name: "Three Ireland",
            carrier_type: "Mobile",
            country: n + 1,
            enabled: false,
        },
        OperatorRow {
            id: 805,
            name: "NTT Docomo",
            carrier_type: "Mobile",
            country: n + 2,
            enabled: false,
        },
        OperatorRow {
            id: 830,
            name: "Telcel",
            carrier_type: "Mobile",
            country: n + 3,
            enabled: false,
        },
    ]);
    out
}

/// `(id, name, dialling code, ISO code)` of a country row index ([`COUNTRIES`], then
/// [`EXTRA_COUNTRIES`]).
pub fn country_row(i: usize) -> Option<(i64, &'static str, u32, &'static str, bool)> {
    if let Some(c) = COUNTRIES.get(i) {
        return Some((c.id, c.name, c.code, c.iso, true));
    }
    EXTRA_COUNTRIES
        .get(i - COUNTRIES.len())
        .map(|c| (c.id, c.name, c.code, c.iso, false))
}

/// An app of the inventory (`/apps/inventory/app`).
pub struct App {
    pub name: &'static str,
    pub version: &'static str,
    pub platforms: &'static [Platform],
    /// Share of the platform's devices that have it, per mille.
    pub share: u32,
}

pub const APPS: &[App] = &[
    App {
        name: "Ivanti Mobile@Work",
        version: "12.11.0",
        platforms: &[Platform::Android, Platform::Ios],
        share: 1000,
    },
    App {
        name: "LinkedIn",
        version: "9.29.8752",
        platforms: &[Platform::Android, Platform::Ios],
        share: 350,
    },
    App {
        name: "Frog Toss!_017",
        version: "1.0",
        platforms: &[Platform::Android],
        share: 40,
    },
    App {
        name: "Microsoft Outlook",
        version: "4.2433.1",
        platforms: &[Platform::Android, Platform::Ios],
        share: 820,
    },
    App {
        name: "Microsoft Teams",
        version: "1416.1.0.2024",
        platforms: &[
            Platform::Android,
            Platform::Ios,
            Platform::Windows,
            Platform::Macos,
        ],
        share: 760,
    },
    App {
        name: "Slack",
        version: "24.10.10",
        platforms: &[Platform::Android, Platform::Ios, Platform::Macos],
        share: 300,
    },
    App {
        name: "Zoom",
        version: "6.2.5",
        platforms: &[
            Platform::Android,
            Platform::Ios,
            Platform::Windows,
            Platform::Macos,
        ],
        share: 450,
    },
    App {
        name: "Salesforce",
        version: "250.010",
        platforms: &[Platform::Android, Platform::Ios],
        share: 150,
    },
    App {
        name: "Workday",
        version: "2024.42.1",
        platforms: &[Platform::Android, Platform::Ios],
        share: 500,
    },
    App {
        name: "Google Chrome",
        version: "130.0.6723.58",
        platforms: &[
            Platform::Android,
            Platform::Ios,
            Platform::Windows,
            Platform::Macos,
        ],
        share: 700,
    },
    App {
        name: "Adobe Acrobat Reader",
        version: "24.9.0",
        platforms: &[
            Platform::Android,
            Platform::Ios,
            Platform::Windows,
            Platform::Macos,
        ],
        share: 400,
    },
    App {
        name: "Docs@Work",
        version: "2.23.0",
        platforms: &[Platform::Android, Platform::Ios],
        share: 200,
    },
];

/// An AppConnect app with analytics (`/apps/appconnect/analytics?appid=`).
pub struct AppConnectApp {
    pub app_id: &'static str,
    pub version: &'static str,
    pub platforms: &'static [Platform],
    /// Share of the platform's devices that ran it, per mille.
    pub share: u32,
}

pub const APPCONNECT_APPS: &[AppConnectApp] = &[
    // The guide's example id (V1 guide, "Get Analytics for AppConnect Apps", example).
    AppConnectApp {
        app_id: "com.mycompany.myapp",
        version: "1.4.2",
        platforms: &[Platform::Android, Platform::Ios],
        share: 60,
    },
    AppConnectApp {
        app_id: "com.mobileiron.android.docsatwork",
        version: "2.23.0",
        platforms: &[Platform::Android],
        share: 120,
    },
    AppConnectApp {
        app_id: "com.mobileiron.ios.webatwork",
        version: "3.8.1",
        platforms: &[Platform::Ios],
        share: 150,
    },
    AppConnectApp {
        app_id: "com.example.expenses",
        version: "5.0.3",
        platforms: &[Platform::Android, Platform::Ios],
        share: 0,
    },
];

/// A stable per-(device, item) draw in 0..1000.
pub fn draw(seed: u64, device_id: i64, item: usize) -> u32 {
    let mut z = seed ^ (device_id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (item as u64) << 48;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) % 1000) as u32
}
