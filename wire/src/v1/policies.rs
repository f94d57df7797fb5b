//! Policies: list, by device, apply/remove for a label, and the rule catalogue (EPMM
//! V1 API guide, "Policies" and "Policy Rules").
//!
//! Careful: in `/policies`, `policyType` is DEFAULT/ENTERPRISE and `profileType` is
//! PRIVACY/SECURITY/LOCKDOWN/SYNC; the device profiles of `/dm/devices/profiles` swap the meanings
//! (V1 guide, the response examples of "Get Policies" and "Get Profiles for a Device"), see
//! [`super::reference::Profile`].

use super::common::{encode_segment, wire_enum};
use crate::lenient::{self, Messages};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// `policyType` of `/policies` (V1 guide, "Get Policies": the response example).
    PolicyType {
        Default = "DEFAULT",
        Enterprise = "ENTERPRISE",
    }
);

wire_enum!(
    /// `profileType` of `/policies` (V1 guide, "Get Policies": the response example).
    PolicyProfileType {
        Privacy = "PRIVACY",
        Security = "SECURITY",
        Lockdown = "LOCKDOWN",
        Sync = "SYNC",
    }
);

wire_enum!(
    /// Policy `status` (V1 guide, "Get Policies": the response example).
    PolicyStatus {
        Active = "Active",
        Inactive = "Inactive",
    }
);

wire_enum!(
    /// `PUT /policies/{policyid}?action=` (V1 guide, "Apply/Remove policy for a label": the request
    /// table).
    PolicyLabelAction {
        ApplyLabel = "apply_label",
        RemoveLabel = "remove_label",
    }
);

impl PolicyLabelAction {
    /// `/v1/policies/-2` and `action=apply_label&label=Testlabel` (V1 guide, "Apply/Remove policy
    /// for a label", example).
    pub fn request(self, policy_id: i64, label: &str) -> (String, Vec<(&'static str, String)>) {
        (
            format!("/v1/policies/{}", encode_segment(&policy_id.to_string())),
            vec![
                ("action", self.as_str().to_string()),
                ("label", label.to_string()),
            ],
        )
    }
}

/// `<resourceDTOs>` of some rules: `SECURITY_ENCRYPT_DATA_TYPE` (V1 guide, "Policy Rules":
/// "Security policy rules"), `SECURITY_ENCRYPT_FILE_TYPE` (the same table), `PRIVACY_EXCLUDE_DIR`
/// ("Privacy policy rules").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceDto {
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub resource_type: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub value: String,
}

/// `<rule>`: `type`, `value`, the deprecated `clientValue` (V1 guide, "Policy Rules"), and
/// `resourceDTOs`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    #[serde(rename = "type", default, deserialize_with = "lenient::string")]
    pub rule_type: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub value: String,
    /// "The <clientValue> element is deprecated. Ignore its values." (V1 guide, "Policy Rules")
    #[serde(
        default,
        deserialize_with = "lenient::string",
        skip_serializing_if = "String::is_empty"
    )]
    pub client_value: String,
    #[serde(
        rename = "resourceDTOs",
        default,
        deserialize_with = "lenient::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub resource_dtos: Vec<ResourceDto>,
}

impl Rule {
    pub fn new(rule_type: &str, value: &str) -> Self {
        Rule {
            rule_type: rule_type.into(),
            value: value.into(),
            ..Default::default()
        }
    }
    /// The rule type with the guide's table misspelling mapped to the example's spelling:
    /// `SYNC_MULTITASK_INVERVAL` (V1 guide, "Policy Rules": "Sync policy rules") is
    /// `SYNC_MULTITASK_INTERVAL` (the example at the start of "Policy Rules").
    pub fn canonical_type(&self) -> &str {
        let t = self.rule_type.trim();
        if t == "SYNC_MULTITASK_INVERVAL" {
            "SYNC_MULTITASK_INTERVAL"
        } else {
            t
        }
    }
    /// The catalogue entry of this rule type, if documented.
    pub fn info(&self) -> Option<&'static RuleInfo> {
        rule_info(self.canonical_type())
    }
}

crate::v1::container!(
    /// `<rules><rule>…</rule></rules>`
    Rules, "rule", Rule
);

/// `<policy id="-2">` (V1 guide, "Get Policies": the response example), plus the labels the policy
/// is applied to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    #[serde(deserialize_with = "lenient::int_i64")]
    pub id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub policy_name: String,
    /// `DEFAULT` or `ENTERPRISE`, see [`Policy::kind`].
    #[serde(default, deserialize_with = "lenient::string")]
    pub policy_type: String,
    /// `PRIVACY`, `SECURITY`, `LOCKDOWN` or `SYNC`, see [`Policy::profile`].
    #[serde(default, deserialize_with = "lenient::string")]
    pub profile_type: String,
    /// `Active` or `Inactive`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub active: bool,
    /// Deprecated (V1 guide, "Get Policies": the response example).
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub default_policy: bool,
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
    /// Devices the policy is applied to; 0 ("not applicable") in the by-device call (V1 guide, "Get
    /// Policies by DeviceUUID": the response example).
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub device_count: i64,
    /// Devices where it is pending; 0 in the by-device call (V1 guide, "Get Policies by
    /// DeviceUUID": the response example).
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub pending_count: i64,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub priority: i64,
    #[serde(default)]
    pub rules: Rules,
    /// Ids of the labels the policy is applied to. Not in the guide's policy object, which has no
    /// way to show what `apply_label` changed; sent like the app-setting `labels` [inferred].
    #[serde(
        default,
        deserialize_with = "lenient::one_or_many_i64",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub labels: Vec<i64>,
    /// Names of those labels, like the app-setting `labelNames` [inferred].
    #[serde(
        default,
        deserialize_with = "lenient::one_or_many_strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub label_names: Vec<String>,
}

impl Policy {
    pub fn kind(&self) -> Option<PolicyType> {
        self.policy_type.parse().ok()
    }
    pub fn profile(&self) -> Option<PolicyProfileType> {
        self.profile_type.parse().ok()
    }
    /// The value of a rule type (either spelling of the multitask interval).
    pub fn rule(&self, rule_type: &str) -> Option<&Rule> {
        let want = Rule::new(rule_type, "");
        self.rules
            .items
            .iter()
            .find(|r| r.canonical_type() == want.canonical_type())
    }
}

crate::v1::container!(
    /// `<policies><policy>…</policy></policies>`
    Policies, "policy", Policy
);

/// `GET /policies` and `GET /policies/devices/{deviceuuid}` (V1 guide, the response examples of
/// "Get Policies" and "Get Policies by DeviceUUID"): ` 1 policy returned.`
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyListResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub policies: Policies,
}

/// The apply/remove answer (V1 guide, "Apply/Remove policy for a label": the response example):
/// `Policy applied to label Android successfully.`
pub type PolicyLabelResponse = super::MessagesOnly;

/// One documented rule type (V1 guide, "Policy Rules").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    pub rule_type: &'static str,
    pub profile: PolicyProfileType,
    pub meaning: &'static str,
    /// The documented values, or a description of them.
    pub values: &'static str,
}

macro_rules! rules {
    ($($t:literal, $p:ident, $m:literal, $v:literal;)+) => {
        &[$(RuleInfo { rule_type: $t, profile: PolicyProfileType::$p, meaning: $m, values: $v }),+]
    };
}

/// The rule catalogue (V1 guide, "Policy Rules": the security, lockdown, sync and privacy rule
/// tables).
pub const RULES: &[RuleInfo] = rules![
    "EAS_BLOCK_ANDROID_DATA_ENC", Security, "Act when Android data encryption is off", "true, false";
    "EAS_BLOCK_ANDROID_DEVICE_ADMIN_DEACTIVE", Security, "Act when device-admin rights are removed from the client", "true, false";
    "EAS_BLOCK_ANDROID_OS", Security, "Android version below which EPMM acts", "version, e.g. 2.3";
    "EAS_BLOCK_ANDROID_ROOTED", Security, "Act on rooted Android devices", "true, false";
    "EAS_BLOCK_IOS_DEVICE_MDM_DEACTIVE", Security, "Act when the iOS MDM profile is removed", "true, false";
    "EAS_BLOCK_IPHONE_DATA_ENC", Security, "Act when iOS data encryption is off", "true, false";
    "EAS_BLOCK_IPHONE_HW", Security, "Disallowed iOS hardware", "false, or a comma list of model codes (1, 2, 3, 4, 5, 6, 7, 16, 18, 22, 28)";
    "EAS_BLOCK_IPHONE_JAILBROKEN", Security, "Act on jailbroken iOS devices", "true, false";
    "EAS_BLOCK_IPHONE_OS", Security, "iOS version below which EPMM acts", "version, e.g. 3.0";
    "EAS_BLOCK_OOC_DAYS", Security, "Days without contact before acting", "number of days";
    "EAS_BLOCK_POLICY_DAYS", Security, "Days out of policy before acting", "number of days";
    "SEC_NCA_ANDROID_DATA_ENC", Security, "Action when Android data encryption is off", "0 none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SEC_NCA_ANDROID_DEVICE_ADMIN_DEACTIVE", Security, "Action when device admin is removed", "0 none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SEC_NCA_ANDROID_ROOTED", Security, "Action for rooted Android devices", "0 none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SEC_NCA_ANDROID_SW", Security, "Action when the Android version is too low", "0 none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SEC_NCA_APP_CONTROL", Security, "Action on an app-control violation", "no value = none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SEC_NCA_IOS_DATA_ENC", Security, "Action when iOS encryption is off", "0 none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SEC_NCA_IOS_HW", Security, "Action for disallowed iOS hardware", "0 none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SEC_NCA_IOS_JAILBROKEN", Security, "Action for jailbroken iOS devices", "0 none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SEC_NCA_IOS_MDM_DEACTIVE", Security, "Action when the MDM profile is removed", "0 none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SEC_NCA_IOS_SW", Security, "Action when the iOS version is too low", "0 none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SEC_NCA_OOC_DAYS", Security, "Action when out of contact for the set days", "0 none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SEC_NCA_POLICY_DAYS", Security, "Action when out of policy for the set days", "0 none, 1 alert, 2 block ActiveSync and alert, or a compliance action id";
    "SECURITY_AV_BLOCK_DEVICES", Security, "Antivirus scan (BlackBerry only)", "off";
    "SECURITY_BLACK_WHITE_BMW_ACLS", Security, "Enabled Allowed/Disallowed app-control rule ids", "comma list of ids, may be empty";
    "SECURITY_BLACK_WHITE_BMW_OPTION", Security, "Whether the ACLS list is allowed or disallowed", "WHITE (allowed), BLACK (disallowed)";
    "SECURITY_ENCRYPT_DATA_TYPE", Security, "Encryption per data type", "resourceDTOs Email, PIM, MY_DOCUMENTS: on, off";
    "SECURITY_ENCRYPT_DEVICE", Security, "Device encryption required", "on, off";
    "SECURITY_ENCRYPT_FILE_TYPE", Security, "Encryption per file type", "resourceDTOs doc, xls, pdf, txt, MEDIA_FILES: on, off; OTHER_FILE_TYPES: extensions";
    "SECURITY_ENCRYPT_SDCARD", Security, "SD card encryption required", "on, off";
    "SECURITY_GRACE_PERIOD", Security, "Minutes the password can still be entered after lock", "minutes";
    "SECURITY_INACTIVITY_TIMEOUT", Security, "Maximum inactivity timeout", "0 minute … 24 hours";
    "SECURITY_MANDATORY_BMW_ACLS", Security, "Enabled Required app-control rule ids", "comma list of ids, may be empty";
    "SECURITY_PWD_HISTORY", Security, "Passwords remembered", "number";
    "SECURITY_PWD_LENGTH", Security, "Minimum password length", "number";
    "SECURITY_PWD_MAX_AGE", Security, "Days until the password expires (0 = never)", "days";
    "SECURITY_PWD_MAX_FAILED_ATTEMPTS", Security, "Failed attempts before wipe", "number";
    "SECURITY_PWD_MIN_COMPLEX_CHAR", Security, "Minimum number of special characters", "number";
    "SECURITY_PWD_TYPE", Security, "Password character class", "alphanumeric, simple, simple,alphanumeric, nc";
    "SECURITY_QUARANTINE_DEVICES", Security, "Deprecated", "";
    "SECURITY_REQUIRE_PWD", Security, "Password mandatory", "on, off";
    "SECURITY_REQUIRE_VPN", Security, "Deprecated", "";
    "SECURITY_VPN_PROFILE", Security, "Deprecated", "";
    "SECURITY_WIPE", Security, "Days without contact before everything is wiped", "days";
    "LOCKDOWN_BLUETOOTH", Lockdown, "Bluetooth", "on (audio and data), audio (audio only), off";
    "LOCKDOWN_CAMERA", Lockdown, "Camera", "on, off";
    "LOCKDOWN_IRDA", Lockdown, "Infrared", "on, off";
    "LOCKDOWN_SDCARD", Lockdown, "SD card", "on, off";
    "LOCKDOWN_WIFI", Lockdown, "Wi-Fi", "on, off";
    "SYNC_ALWAYS_CONNECTED", Sync, "Client stays connected during the sync interval", "on, off";
    "SYNC_APN_HOME_NETWORK", Sync, "APN connection on the BlackBerry home network", "on, off";
    "SYNC_APN_ROAMING_NETWORK", Sync, "APN connection while roaming", "on, off";
    "SYNC_BIS_HOME_NETWORK", Sync, "BlackBerry Internet Service, home network", "on, off";
    "SYNC_BIS_ROAMING_NETWORK", Sync, "BlackBerry Internet Service, roaming", "on, off";
    "SYNC_BLOCK_WHEN_ROAMING", Sync, "Sync while roaming", "on, mai, roamingStatus, off";
    "SYNC_FULL_BG_MODE", Sync, "Deprecated", "";
    "SYNC_HEARTBEAT_INTERVAL", Sync, "Longest wait before a keep-alive", "minutes";
    "SYNC_INTERVAL", Sync, "Minutes between syncs", "minutes";
    "SYNC_MIN_BATTERY_POWER", Sync, "Minimum battery % for syncing files", "percent";
    "SYNC_MIN_FILE_UPLOAD_BATTERY_POWER", Sync, "Minimum battery % for device-to-server writes", "percent";
    "SYNC_MULTITASK_INTERVAL", Sync, "Minutes between iOS detail uploads", "minutes";
    "SYNC_REQUIRE_TLS", Sync, "TLS required", "on, off";
    "SYNC_SDCARD", Sync, "Include removable storage", "on, off";
    "SYNC_SERVERIP", Sync, "Host or IP of EPMM", "host name or IP";
    "PRIVACY_APP_MULTITASK", Privacy, "The iOS client wakes up periodically", "on, off";
    "PRIVACY_EXCLUDE_DIR", Privacy, "Excluded folders", "resourceDTOs: folder name, resourceType DIR, value on";
    "PRIVACY_LOG_APP_ACTIVITY", Privacy, "Deprecated", "";
    "PRIVACY_LOG_FILE_ACTIVITY", Privacy, "Deprecated", "";
    "PRIVACY_LOG_WEBSITE_ACTIVITY", Privacy, "Deprecated", "";
    "PRIVACY_SYNC_APPS", Privacy, "App inventory", "track, off";
    "PRIVACY_SYNC_BOOKMARKS", Privacy, "Deprecated", "";
    "PRIVACY_SYNC_CALLLOGS", Privacy, "Call statistics", "store, off";
    "PRIVACY_SYNC_CONTACTS", Privacy, "Contacts", "store, off";
    "PRIVACY_SYNC_DATA_LOG", Privacy, "Data-traffic statistics", "track, off";
    "PRIVACY_SYNC_DOCUMENTS", Privacy, "Documents", "store, off";
    "PRIVACY_SYNC_LOCATION", Privacy, "Location", "celltower, gps, off";
    "PRIVACY_SYNC_MUSIC", Privacy, "Music", "store, off";
    "PRIVACY_SYNC_OTHER_MEDIA", Privacy, "Extensions not to sync", "comma list of extensions; no value = sync all";
    "PRIVACY_SYNC_PICTURES", Privacy, "Pictures", "store, off";
    "PRIVACY_SYNC_SMSLOGS", Privacy, "SMS statistics and content", "track, store, off";
    "PRIVACY_SYNC_VIDEO", Privacy, "Video", "store, off";
];

/// The catalogue entry of a rule type (either spelling of the multitask interval).
pub fn rule_info(rule_type: &str) -> Option<&'static RuleInfo> {
    let t = if rule_type == "SYNC_MULTITASK_INVERVAL" {
        "SYNC_MULTITASK_INTERVAL"
    } else {
        rule_type
    };
    RULES.iter().find(|r| r.rule_type == t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn get_policies_response_example() {
        let v = json!({"messages": {"message": [" 1 policy returned."]}, "policies": {"policy": {
            "id": -2, "policyName": "Default Privacy Policy", "policyType": "DEFAULT",
            "profileType": "PRIVACY", "status": "Active", "active": true, "defaultPolicy": false,
            "description": "Default Privacy Policy", "deviceCount": 1, "pendingCount": 1, "priority": 1,
            "rules": {"rule": {"type": "PRIVACY_SYNC_CALLLOGS", "value": "store", "clientValue": "off"}}}}});
        let r: PolicyListResponse = serde_json::from_value(v).unwrap();
        let p = &r.policies.items[0];
        assert_eq!(p.kind(), Some(PolicyType::Default));
        assert_eq!(p.profile(), Some(PolicyProfileType::Privacy));
        assert_eq!(p.rule("PRIVACY_SYNC_CALLLOGS").unwrap().value, "store");
        assert!(p.labels.is_empty());
    }

    #[test]
    fn multitask_interval_spellings() {
        let r = Rule::new("SYNC_MULTITASK_INVERVAL", "15");
        assert_eq!(r.canonical_type(), "SYNC_MULTITASK_INTERVAL");
        assert_eq!(r.info().unwrap().profile, PolicyProfileType::Sync);
        let p = Policy {
            rules: vec![r].into(),
            ..Default::default()
        };
        assert!(p.rule("SYNC_MULTITASK_INTERVAL").is_some());
    }

    #[test]
    fn resource_dtos_of_the_encrypt_data_type_rule() {
        let v = json!({"type": "SECURITY_ENCRYPT_DATA_TYPE", "value": "",
            "resourceDTOs": {"name": "PIM", "resourceType": "PIM", "value": "on"}});
        let r: Rule = serde_json::from_value(v).unwrap();
        assert_eq!(r.resource_dtos[0].resource_type, "PIM");
    }

    #[test]
    fn apply_label_request() {
        let (path, q) = PolicyLabelAction::ApplyLabel.request(-2, "Testlabel");
        assert_eq!(path, "/v1/policies/-2");
        assert_eq!(
            q,
            [
                ("action", "apply_label".into()),
                ("label", "Testlabel".into())
            ]
        );
        assert_eq!(
            "REMOVE_LABEL".parse::<PolicyLabelAction>(),
            Ok(PolicyLabelAction::RemoveLabel)
        );
        // Every rule type is unique and belongs to one of the four profile types.
        let mut seen = std::collections::HashSet::new();
        assert!(RULES.iter().all(|r| seen.insert(r.rule_type)));
        for p in PolicyProfileType::ALL {
            assert!(RULES.iter().any(|r| r.profile == *p));
        }
    }
}
