//! EPMM's policy rule catalogue (EPMM V1 API guide, "Policy rules": security, lockdown, sync and
//! privacy rules), rendered as the portal's neutral [`RuleSection`]s: every documented rule type
//! has a readable name and a value formatter here, grouped as the guide's catalogue groups them.
//! A test keeps this table in step with the wire crate's catalogue, so a rule the guide documents
//! is never shown as a raw code. Rules the guide does not document are still shown, under "Other
//! rules", as sent.

use crate::domain::choice::Choices;
use crate::domain::policy::{title_case, RuleSection, RuleView};
use wire::v1;
use wire::v1::PolicyProfileType as Profile;

/// The profile types in the catalogue's order, with their readable names: (key, name). Also the
/// policies screen's "Profile type" filter.
pub const PROFILES: Choices = Choices(&[
    ("SECURITY", "Security"),
    ("LOCKDOWN", "Lockdown"),
    ("SYNC", "Sync"),
    ("PRIVACY", "Privacy"),
]);

/// The readable name of a `profileType` (as sent, in title case, when the guide has no such type).
pub fn profile_name(key: &str) -> String {
    PROFILES
        .find(key)
        .map_or_else(|| title_case(key), |(_, n)| n.to_string())
}

/// Where a profile type sits in the catalogue.
fn position(p: Profile) -> usize {
    PROFILES
        .iter()
        .position(|(k, _)| k == p.as_str())
        .unwrap_or(PROFILES.len())
}

/// How a rule's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fmt {
    /// `on`/`off` → On/Off.
    OnOff,
    /// `true`/`false` → Yes/No (the `EAS_BLOCK_*` checks).
    YesNo,
    /// An OS version: shown as sent.
    Version,
    /// Days; `zero` is what 0 means (e.g. "Never").
    Days(Option<&'static str>),
    Minutes,
    Percent,
    Count,
    /// Non-compliance action ("Security policy rules", every `SEC_NCA_*` rule).
    Nca,
    /// `EAS_BLOCK_IPHONE_HW` model codes.
    IosHardware,
    PasswordType,
    AppListKind,
    /// Comma list of app-control rule ids.
    RuleIds,
    /// Shown as sent (`5 minutes`, host names).
    Plain,
    Bluetooth,
    /// Lockdown: `on` keeps the feature enabled, `off` disables it.
    Keep,
    RoamingSync,
    StoreOff,
    TrackOff,
    SmsLogs,
    Location,
    OtherMedia,
    ExcludedFolders,
    DataTypes,
    FileTypes,
    Deprecated,
}

struct Known {
    rule_type: &'static str,
    profile: Profile,
    name: &'static str,
    fmt: Fmt,
}

macro_rules! known {
    ($($t:literal, $p:ident, $n:literal, $f:expr;)+) => {
        &[$(Known { rule_type: $t, profile: Profile::$p, name: $n, fmt: $f }),+]
    };
}

use Fmt::*;

/// Every rule type of the guide's catalogue ("Policy Rules" and its four tables), in the order
/// shown: within a section,
/// related rules sit together (password, encryption, checks, then the actions they trigger).
const CATALOGUE: &[Known] = known![
    "SECURITY_REQUIRE_PWD", Security, "Password required", OnOff;
    "SECURITY_PWD_TYPE", Security, "Password type", PasswordType;
    "SECURITY_PWD_LENGTH", Security, "Minimum password length", Count;
    "SECURITY_PWD_MIN_COMPLEX_CHAR", Security, "Minimum special characters", Count;
    "SECURITY_PWD_MAX_AGE", Security, "Password expires after", Days(Some("Never"));
    "SECURITY_PWD_HISTORY", Security, "Previous passwords remembered", Count;
    "SECURITY_PWD_MAX_FAILED_ATTEMPTS", Security, "Failed attempts before wipe", Count;
    "SECURITY_INACTIVITY_TIMEOUT", Security, "Maximum inactivity timeout", Plain;
    "SECURITY_GRACE_PERIOD", Security, "Password grace period after lock", Minutes;
    "SECURITY_ENCRYPT_DEVICE", Security, "Device encryption", OnOff;
    "SECURITY_ENCRYPT_SDCARD", Security, "SD card encryption", OnOff;
    "SECURITY_ENCRYPT_DATA_TYPE", Security, "Encryption by data type", DataTypes;
    "SECURITY_ENCRYPT_FILE_TYPE", Security, "Encryption by file type", FileTypes;
    "SECURITY_WIPE", Security, "Wipe after days without contact", Days(Some("Never"));
    "SECURITY_BLACK_WHITE_BMW_OPTION", Security, "App control list", AppListKind;
    "SECURITY_BLACK_WHITE_BMW_ACLS", Security, "App control rules in the list", RuleIds;
    "SECURITY_MANDATORY_BMW_ACLS", Security, "Required app control rules", RuleIds;
    "SECURITY_AV_BLOCK_DEVICES", Security, "Antivirus scan (BlackBerry only)", OnOff;
    "EAS_BLOCK_ANDROID_OS", Security, "Minimum Android version", Version;
    "EAS_BLOCK_IPHONE_OS", Security, "Minimum iOS version", Version;
    "EAS_BLOCK_IPHONE_HW", Security, "Disallowed iOS hardware", IosHardware;
    "EAS_BLOCK_ANDROID_ROOTED", Security, "Check for rooted Android devices", YesNo;
    "EAS_BLOCK_IPHONE_JAILBROKEN", Security, "Check for jailbroken iOS devices", YesNo;
    "EAS_BLOCK_ANDROID_DATA_ENC", Security, "Check Android data encryption", YesNo;
    "EAS_BLOCK_IPHONE_DATA_ENC", Security, "Check iOS data encryption", YesNo;
    "EAS_BLOCK_ANDROID_DEVICE_ADMIN_DEACTIVE", Security, "Check Android device admin removed", YesNo;
    "EAS_BLOCK_IOS_DEVICE_MDM_DEACTIVE", Security, "Check iOS MDM profile removed", YesNo;
    "EAS_BLOCK_OOC_DAYS", Security, "Out of contact after", Days(None);
    "EAS_BLOCK_POLICY_DAYS", Security, "Policy out of date after", Days(None);
    "SEC_NCA_ANDROID_SW", Security, "When the Android version is too low", Nca;
    "SEC_NCA_IOS_SW", Security, "When the iOS version is too low", Nca;
    "SEC_NCA_IOS_HW", Security, "When the iOS hardware is disallowed", Nca;
    "SEC_NCA_ANDROID_ROOTED", Security, "When an Android device is rooted", Nca;
    "SEC_NCA_IOS_JAILBROKEN", Security, "When an iOS device is jailbroken", Nca;
    "SEC_NCA_ANDROID_DATA_ENC", Security, "When Android data encryption is off", Nca;
    "SEC_NCA_IOS_DATA_ENC", Security, "When iOS data encryption is off", Nca;
    "SEC_NCA_ANDROID_DEVICE_ADMIN_DEACTIVE", Security, "When Android device admin is removed", Nca;
    "SEC_NCA_IOS_MDM_DEACTIVE", Security, "When the iOS MDM profile is removed", Nca;
    "SEC_NCA_OOC_DAYS", Security, "When out of contact", Nca;
    "SEC_NCA_POLICY_DAYS", Security, "When the policy is out of date", Nca;
    "SEC_NCA_APP_CONTROL", Security, "When app control is violated", Nca;
    "SECURITY_QUARANTINE_DEVICES", Security, "Quarantine devices", Deprecated;
    "SECURITY_REQUIRE_VPN", Security, "Require VPN", Deprecated;
    "SECURITY_VPN_PROFILE", Security, "VPN profile", Deprecated;
    "LOCKDOWN_BLUETOOTH", Lockdown, "Bluetooth", Bluetooth;
    "LOCKDOWN_CAMERA", Lockdown, "Camera", Keep;
    "LOCKDOWN_WIFI", Lockdown, "Wi-Fi", Keep;
    "LOCKDOWN_SDCARD", Lockdown, "SD card", Keep;
    "LOCKDOWN_IRDA", Lockdown, "Infrared (IrDA)", Keep;
    "SYNC_INTERVAL", Sync, "Sync interval", Minutes;
    "SYNC_HEARTBEAT_INTERVAL", Sync, "Heartbeat interval", Minutes;
    "SYNC_MULTITASK_INTERVAL", Sync, "iOS detail upload interval", Minutes;
    "SYNC_ALWAYS_CONNECTED", Sync, "Stay connected between syncs", OnOff;
    "SYNC_BLOCK_WHEN_ROAMING", Sync, "Sync while roaming", RoamingSync;
    "SYNC_MIN_BATTERY_POWER", Sync, "Minimum battery to sync files", Percent;
    "SYNC_MIN_FILE_UPLOAD_BATTERY_POWER", Sync, "Minimum battery to upload files", Percent;
    "SYNC_REQUIRE_TLS", Sync, "TLS required", OnOff;
    "SYNC_SDCARD", Sync, "Sync removable storage", OnOff;
    "SYNC_SERVERIP", Sync, "Server address", Plain;
    "SYNC_APN_HOME_NETWORK", Sync, "APN connection, home network (BlackBerry)", OnOff;
    "SYNC_APN_ROAMING_NETWORK", Sync, "APN connection, roaming (BlackBerry)", OnOff;
    "SYNC_BIS_HOME_NETWORK", Sync, "BlackBerry Internet Service, home network", OnOff;
    "SYNC_BIS_ROAMING_NETWORK", Sync, "BlackBerry Internet Service, roaming", OnOff;
    "SYNC_FULL_BG_MODE", Sync, "Full background mode", Deprecated;
    "PRIVACY_SYNC_LOCATION", Privacy, "Location", Location;
    "PRIVACY_SYNC_CALLLOGS", Privacy, "Call logs", StoreOff;
    "PRIVACY_SYNC_SMSLOGS", Privacy, "SMS logs", SmsLogs;
    "PRIVACY_SYNC_DATA_LOG", Privacy, "Data usage", TrackOff;
    "PRIVACY_SYNC_APPS", Privacy, "App inventory", TrackOff;
    "PRIVACY_SYNC_CONTACTS", Privacy, "Contacts", StoreOff;
    "PRIVACY_SYNC_DOCUMENTS", Privacy, "Documents", StoreOff;
    "PRIVACY_SYNC_PICTURES", Privacy, "Pictures", StoreOff;
    "PRIVACY_SYNC_VIDEO", Privacy, "Video", StoreOff;
    "PRIVACY_SYNC_MUSIC", Privacy, "Music", StoreOff;
    "PRIVACY_SYNC_OTHER_MEDIA", Privacy, "Other media", OtherMedia;
    "PRIVACY_EXCLUDE_DIR", Privacy, "Excluded folders", ExcludedFolders;
    "PRIVACY_APP_MULTITASK", Privacy, "iOS client wakes up periodically", OnOff;
    "PRIVACY_SYNC_BOOKMARKS", Privacy, "Bookmarks", Deprecated;
    "PRIVACY_LOG_APP_ACTIVITY", Privacy, "App activity log", Deprecated;
    "PRIVACY_LOG_FILE_ACTIVITY", Privacy, "File activity log", Deprecated;
    "PRIVACY_LOG_WEBSITE_ACTIVITY", Privacy, "Website activity log", Deprecated;
];

/// The catalogue entry of a rule and its place in the catalogue.
fn known(r: &v1::Rule) -> Option<(usize, &'static Known)> {
    // Either multitask spelling: the "Sync policy rules" table writes `SYNC_MULTITASK_INVERVAL`,
    // the "Policy Rules" example `SYNC_MULTITASK_INTERVAL`.
    let t = r.canonical_type();
    CATALOGUE.iter().enumerate().find(|(_, k)| k.rule_type == t)
}

/// Related rules inside a long catalogue section, in the catalogue's order.
fn subgroup(k: &Known) -> Option<&'static str> {
    let t = k.rule_type;
    if k.fmt == Deprecated {
        return Some("Deprecated");
    }
    match k.profile {
        Profile::Security => Some(if t.starts_with("SEC_NCA_") {
            "Actions when out of compliance"
        } else if t.starts_with("EAS_BLOCK_") {
            "Compliance checks"
        } else if t.contains("_BMW_") || t == "SECURITY_AV_BLOCK_DEVICES" {
            "App control"
        } else if t.starts_with("SECURITY_ENCRYPT_") || t == "SECURITY_WIPE" {
            "Encryption and wipe"
        } else {
            "Password"
        }),
        Profile::Sync => Some(if t.contains("_APN_") || t.contains("_BIS_") {
            "BlackBerry"
        } else {
            "Sync"
        }),
        Profile::Lockdown | Profile::Privacy => None,
    }
}

/// The rules grouped as the catalogue groups them (security, lockdown, sync, privacy), each
/// section in catalogue order, then undocumented rule types in the order sent. Empty sections are
/// left out; the policy's own section comes first.
pub fn rule_sections(rules: &[v1::Rule], own: Option<Profile>) -> Vec<RuleSection> {
    let mut buckets: Vec<Vec<(usize, RuleView)>> = vec![Vec::new(); PROFILES.len()];
    let mut other = Vec::new();
    for r in rules {
        match known(r) {
            Some((pos, k)) => buckets[position(k.profile).min(PROFILES.len() - 1)].push((
                pos,
                RuleView {
                    code: k.rule_type.to_string(),
                    name: k.name.to_string(),
                    value: format_value(k.fmt, r),
                    deprecated: k.fmt == Deprecated,
                    group: subgroup(k).map(str::to_string),
                },
            )),
            None => other.push(RuleView {
                code: r.rule_type.trim().to_string(),
                name: title_case(r.rule_type.trim()),
                value: raw_value(r),
                deprecated: false,
                group: None,
            }),
        }
    }
    let mut order: Vec<usize> = (0..PROFILES.len()).collect();
    if let Some(i) = own.map(position).filter(|i| *i < PROFILES.len()) {
        order.retain(|x| *x != i);
        order.insert(0, i);
    }
    let mut out = Vec::new();
    for i in order {
        let mut b = std::mem::take(&mut buckets[i]);
        if b.is_empty() {
            continue;
        }
        b.sort_by_key(|(pos, _)| *pos);
        out.push(RuleSection {
            title: format!("{} rules", PROFILES.0[i].1),
            rules: b.into_iter().map(|(_, v)| v).collect(),
        });
    }
    if !other.is_empty() {
        out.push(RuleSection {
            title: "Other rules".into(),
            rules: other,
        });
    }
    out
}

fn raw_value(r: &v1::Rule) -> String {
    let v = r.value.trim();
    if !r.resource_dtos.is_empty() {
        let res = r
            .resource_dtos
            .iter()
            .map(|d| format!("{}: {}", d.name.trim(), d.value.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        if v.is_empty() {
            res
        } else {
            format!("{v} ({res})")
        }
    } else if v.is_empty() {
        NOT_SET.to_string()
    } else {
        v.to_string()
    }
}

const NOT_SET: &str = "Not set";

fn plural(n: &str, one: &str, many: &str) -> String {
    if n == "1" {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn on_off(v: &str) -> Option<&'static str> {
    match v.to_ascii_lowercase().as_str() {
        "on" | "true" => Some("On"),
        "off" | "false" => Some("Off"),
        _ => None,
    }
}

/// iOS hardware codes of `EAS_BLOCK_IPHONE_HW` ("Security policy rules").
fn ios_model(code: &str) -> Option<&'static str> {
    Some(match code {
        "1" => "iPhone",
        "2" => "iPhone 3G",
        "3" => "iPhone 3GS",
        "4" => "iPod touch (1st generation)",
        "5" => "iPod touch (2nd generation)",
        "6" => "iPod touch (3rd generation)",
        "7" => "iPad",
        "16" => "iPhone 4",
        "18" => "iPod touch (4th generation)",
        "22" => "iPad 2",
        "28" => "iPhone 4s",
        _ => return None,
    })
}

fn resource_label(name: &str) -> String {
    match name.trim() {
        "Email" => "Email".into(),
        "PIM" => "PIM".into(),
        "MY_DOCUMENTS" => "My documents".into(),
        "MEDIA_FILES" => "Media files".into(),
        "OTHER_FILE_TYPES" | "OTHER_FILE_TYPE" => "Other file types".into(),
        other => other.to_string(),
    }
}

fn format_value(fmt: Fmt, r: &v1::Rule) -> String {
    let v = r.value.trim();
    let lower = v.to_ascii_lowercase();
    let fallback = || {
        if v.is_empty() {
            NOT_SET.to_string()
        } else {
            v.to_string()
        }
    };
    let mapped = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(v))
            .map(|(_, t)| t.to_string())
            .unwrap_or_else(fallback)
    };
    match fmt {
        OnOff => on_off(v).map(str::to_string).unwrap_or_else(fallback),
        YesNo => match lower.as_str() {
            "true" | "on" => "Yes".into(),
            "false" | "off" => "No".into(),
            _ => fallback(),
        },
        Version | Plain | Deprecated => fallback(),
        Days(zero) => match (v, zero) {
            ("0", Some(z)) => z.to_string(),
            ("", _) => NOT_SET.into(),
            (n, _) if n.parse::<i64>().is_ok() => plural(n, "day", "days"),
            _ => fallback(),
        },
        Minutes => match v {
            "" => NOT_SET.into(),
            n if n.parse::<i64>().is_ok() => plural(n, "minute", "minutes"),
            _ => fallback(),
        },
        Percent => match v {
            "" => NOT_SET.into(),
            n if n.parse::<f64>().is_ok() => format!("{n} %"),
            _ => fallback(),
        },
        Count => fallback(),
        Nca => match v {
            "" | "0" => "No action".into(),
            "1" => "Send alert".into(),
            "2" => "Block ActiveSync and send alert".into(),
            n if n.parse::<i64>().is_ok_and(|n| n > 2) => {
                format!("Compliance action {n}")
            }
            _ => fallback(),
        },
        IosHardware => {
            if v.is_empty() || lower == "false" {
                "None".into()
            } else {
                v.split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(|c| {
                        ios_model(c)
                            .map(str::to_string)
                            .unwrap_or_else(|| format!("Model code {c}"))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
        PasswordType => mapped(&[
            ("alphanumeric", "Alphanumeric"),
            ("simple", "Simple (numeric)"),
            ("simple,alphanumeric", "Simple or alphanumeric"),
            ("nc", "No restriction"),
        ]),
        AppListKind => mapped(&[("WHITE", "Allowed apps only"), ("BLACK", "Disallowed apps")]),
        RuleIds => {
            let ids: Vec<&str> = v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            match ids.len() {
                0 => "None".into(),
                1 => format!("Rule {}", ids[0]),
                _ => format!("Rules {}", ids.join(", ")),
            }
        }
        Bluetooth => mapped(&[
            ("on", "Enabled (audio and data)"),
            ("audio", "Audio only"),
            ("off", "Disabled"),
        ]),
        Keep => mapped(&[("on", "Enabled"), ("off", "Disabled")]),
        RoamingSync => mapped(&[
            ("on", "Sync everything"),
            ("mai", "Only voice, SMS and data statistics"),
            ("roamingStatus", "Blocked, except the new-country notice"),
            ("off", "Blocked"),
        ]),
        StoreOff => mapped(&[("store", "Synced"), ("off", "Off")]),
        TrackOff => mapped(&[("track", "Tracked"), ("off", "Off")]),
        SmsLogs => mapped(&[
            ("track", "Statistics only"),
            ("store", "Statistics and content"),
            ("off", "Off"),
        ]),
        Location => mapped(&[("celltower", "Cell tower"), ("gps", "GPS"), ("off", "Off")]),
        OtherMedia => {
            let ext: Vec<&str> = v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            if ext.is_empty() {
                "All other types synced".into()
            } else {
                format!("Not synced: {}", ext.join(", "))
            }
        }
        ExcludedFolders => {
            let dirs: Vec<&str> = r
                .resource_dtos
                .iter()
                .map(|d| d.name.trim())
                .filter(|n| !n.is_empty())
                .collect();
            if dirs.is_empty() {
                "None".into()
            } else {
                dirs.join(", ")
            }
        }
        DataTypes | FileTypes => {
            if r.resource_dtos.is_empty() {
                return fallback();
            }
            r.resource_dtos
                .iter()
                .map(|d| {
                    let key = if d.name.trim().is_empty() {
                        &d.resource_type
                    } else {
                        &d.name
                    };
                    let value = d.value.trim();
                    let shown = if key.trim().starts_with("OTHER_FILE_TYPE") {
                        if value.is_empty() {
                            "none".to_string()
                        } else {
                            value.split_whitespace().collect::<Vec<_>>().join(" ")
                        }
                    } else {
                        on_off(value)
                            .map(str::to_string)
                            .unwrap_or_else(|| value.to_string())
                    };
                    format!("{}: {shown}", resource_label(key))
                })
                .collect::<Vec<_>>()
                .join(" · ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of(t: &str, v: &str) -> String {
        let s = rule_sections(&[v1::Rule::new(t, v)], None);
        s[0].rules[0].value.clone()
    }

    #[test]
    fn every_documented_rule_type_has_a_readable_name() {
        // The wire crate's catalogue is the guide's ("Policy Rules"); this table must cover all
        // of it.
        for info in v1::policies::RULES {
            let (_, k) = known(&v1::Rule::new(info.rule_type, ""))
                .unwrap_or_else(|| panic!("{} has no readable name", info.rule_type));
            assert_eq!(k.profile, info.profile, "{}", info.rule_type);
            assert_eq!(
                k.fmt == Deprecated,
                info.meaning == "Deprecated",
                "{}",
                info.rule_type
            );
        }
        assert_eq!(CATALOGUE.len(), v1::policies::RULES.len());
        let mut seen = std::collections::HashSet::new();
        assert!(CATALOGUE.iter().all(|k| seen.insert(k.rule_type)));
    }

    #[test]
    fn groups_by_catalogue_section_own_section_first() {
        let rules = [
            ("PRIVACY_SYNC_LOCATION", "gps"),
            ("SECURITY_PWD_LENGTH", "8"),
            ("X_VENDOR_EXTRA", "1"),
            ("SECURITY_REQUIRE_PWD", "on"),
            ("SYNC_MULTITASK_INVERVAL", "15"),
        ]
        .map(|(t, v)| v1::Rule::new(t, v));
        let s = rule_sections(&rules, Some(Profile::Privacy));
        let titles: Vec<_> = s.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Privacy rules",
                "Security rules",
                "Sync rules",
                "Other rules"
            ]
        );
        // Catalogue order within a section, not the order sent.
        let sec: Vec<_> = s[1].rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(sec, ["Password required", "Minimum password length"]);
        // The "Sync policy rules" table's misspelling is read as the "Policy Rules" example's
        // spelling.
        assert_eq!(s[2].rules[0].code, "SYNC_MULTITASK_INTERVAL");
        assert_eq!(s[2].rules[0].value, "15 minutes");
        assert_eq!(s[1].rules[0].group.as_deref(), Some("Password"));
        assert_eq!(s[2].rules[0].group.as_deref(), Some("Sync"));
        assert_eq!(s[0].rules[0].group, None);
        // Undocumented rules are kept, as sent.
        assert_eq!(s[3].rules[0].code, "X_VENDOR_EXTRA");
        assert_eq!(s[3].rules[0].name, "X vendor extra");
        assert_eq!(s[3].rules[0].value, "1");
        assert!(rule_sections(&[], None).is_empty());
    }

    #[test]
    fn readable_values_policy_rule_tables() {
        assert_eq!(value_of("SECURITY_REQUIRE_PWD", "on"), "On");
        assert_eq!(
            value_of("SECURITY_PWD_TYPE", "simple,alphanumeric"),
            "Simple or alphanumeric"
        );
        assert_eq!(value_of("SECURITY_PWD_TYPE", "nc"), "No restriction");
        assert_eq!(value_of("SECURITY_PWD_MAX_AGE", "0"), "Never");
        assert_eq!(value_of("SECURITY_PWD_MAX_AGE", "90"), "90 days");
        assert_eq!(value_of("EAS_BLOCK_OOC_DAYS", "1"), "1 day");
        assert_eq!(value_of("EAS_BLOCK_ANDROID_ROOTED", "true"), "Yes");
        assert_eq!(value_of("EAS_BLOCK_IPHONE_HW", "false"), "None");
        assert_eq!(
            value_of("EAS_BLOCK_IPHONE_HW", "1,7,28,99"),
            "iPhone, iPad, iPhone 4s, Model code 99"
        );
        // "Security policy rules", the `SEC_NCA_*` values; APP_CONTROL's "no value" is no action.
        assert_eq!(value_of("SEC_NCA_IOS_SW", "0"), "No action");
        assert_eq!(value_of("SEC_NCA_IOS_SW", "1"), "Send alert");
        assert_eq!(
            value_of("SEC_NCA_IOS_SW", "2"),
            "Block ActiveSync and send alert"
        );
        assert_eq!(value_of("SEC_NCA_IOS_SW", "17"), "Compliance action 17");
        assert_eq!(value_of("SEC_NCA_APP_CONTROL", ""), "No action");
        assert_eq!(
            value_of("SECURITY_BLACK_WHITE_BMW_OPTION", "WHITE"),
            "Allowed apps only"
        );
        assert_eq!(
            value_of("SECURITY_BLACK_WHITE_BMW_ACLS", "3,6"),
            "Rules 3, 6"
        );
        assert_eq!(value_of("SECURITY_MANDATORY_BMW_ACLS", ""), "None");
        assert_eq!(
            value_of("SECURITY_INACTIVITY_TIMEOUT", "1.5 hours"),
            "1.5 hours"
        );
        assert_eq!(value_of("LOCKDOWN_BLUETOOTH", "audio"), "Audio only");
        assert_eq!(value_of("LOCKDOWN_CAMERA", "off"), "Disabled");
        assert_eq!(
            value_of("SYNC_BLOCK_WHEN_ROAMING", "mai"),
            "Only voice, SMS and data statistics"
        );
        assert_eq!(value_of("SYNC_HEARTBEAT_INTERVAL", "14"), "14 minutes");
        assert_eq!(value_of("SYNC_MIN_BATTERY_POWER", "20"), "20 %");
        assert_eq!(
            value_of("PRIVACY_SYNC_SMSLOGS", "store"),
            "Statistics and content"
        );
        assert_eq!(value_of("PRIVACY_SYNC_LOCATION", "celltower"), "Cell tower");
        assert_eq!(
            value_of("PRIVACY_SYNC_OTHER_MEDIA", "ram,wav"),
            "Not synced: ram, wav"
        );
        assert_eq!(
            value_of("PRIVACY_SYNC_OTHER_MEDIA", ""),
            "All other types synced"
        );
        // Unknown values are shown as sent, never hidden.
        assert_eq!(value_of("LOCKDOWN_WIFI", "maybe"), "maybe");
        assert_eq!(value_of("SECURITY_PWD_LENGTH", ""), "Not set");
        let dep = &rule_sections(&[v1::Rule::new("SYNC_FULL_BG_MODE", "on")], None)[0].rules[0];
        assert!(dep.deprecated);
    }

    #[test]
    fn resource_lists_encryption_and_excluded_folders() {
        // "Security policy rules" (`SECURITY_ENCRYPT_DATA_TYPE`, `SECURITY_ENCRYPT_FILE_TYPE`)
        // and "Privacy policy rules" (`PRIVACY_EXCLUDE_DIR`) carry `resourceDTOs`.
        let r = |t: &str, res: &[(&str, &str, &str)]| v1::Rule {
            resource_dtos: res
                .iter()
                .map(|(name, kind, value)| v1::ResourceDto {
                    name: name.to_string(),
                    resource_type: kind.to_string(),
                    value: value.to_string(),
                })
                .collect(),
            ..v1::Rule::new(t, "")
        };
        let s = rule_sections(
            &[
                r(
                    "SECURITY_ENCRYPT_DATA_TYPE",
                    &[
                        ("Email", "Email", "on"),
                        ("MY_DOCUMENTS", "MY_DOCUMENTS", "off"),
                    ],
                ),
                r(
                    "SECURITY_ENCRYPT_FILE_TYPE",
                    &[
                        ("pdf", "pdf", "on"),
                        ("OTHER_FILE_TYPES", "OTHER_FILE_TYPES", "ppt  key"),
                    ],
                ),
                r(
                    "PRIVACY_EXCLUDE_DIR",
                    &[(" /Windows", "DIR", "on"), ("/tmp", "DIR", "on")],
                ),
            ],
            None,
        );
        assert_eq!(s[0].rules[0].value, "Email: On · My documents: Off");
        assert_eq!(s[0].rules[1].value, "pdf: On · Other file types: ppt key");
        assert_eq!(s[1].rules[0].value, "/Windows, /tmp");
        assert_eq!(s[1].rules[0].name, "Excluded folders");
    }
}
