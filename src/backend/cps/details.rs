//! The device page's further tabs on CPS: the inventory calls (CPS guide, "Inventory APIs": apps
//! of every platform, certificates and profiles of iOS devices), the device groups of a device
//! ("Get device groups associated with device list"), the iOS personal hotspot and data roaming
//! ("Get device settings - iOS only", "Manage device settings - iOS only"), and the custom
//! attributes that "Get device attributes metadata" describes, written with "Update device
//! attributes by device UEM identifiers".

use super::devices::{mdm_identifier, NO_MDM_ID};
use super::{count, CpsClient};
use crate::backend::device_details::{tab, DeviceDetailsApi};
use crate::backend::ApiError;
use crate::domain::attributes::{AttributeChange, AttributeField, AttributeKind, AttributeValue};
use crate::domain::device::{Device, OsFamily};
use crate::domain::inventory::{
    DeviceCertificate, DeviceSetting, GroupMembership, InstalledApp, InstalledProfile, SettingState,
};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use wire::cps::{
    self, DeviceSettings, GetSettingsRequest, IdentifierRequest, MetadataItem, NumberResult,
    SettingValue, SettingsRequest, SettingsType, UpdateAttributesRequest,
};

/// The properties of the guide's "Device" object model: what `/device/$metadata` lists besides
/// the custom attributes.
const DEVICE_PROPERTIES: &[&str] = &[
    "compliant",
    "quarantined",
    "blocked",
    "compromised",
    "status",
    "lastCheckInTime",
    "registrationTime",
    "identifier",
    "macAddress",
    "manufacturer",
    "model",
    "os",
    "osVersion",
    "serialNumber",
    "userId",
    "userUuid",
    "iosUdid",
    "deviceGuid",
    "customAttributes",
    "ownership",
    "imei",
    "imsi",
    "phoneNumber",
];

/// CPS's device tabs.
pub struct CpsDetails {
    api: CpsClient,
}

impl CpsDetails {
    pub fn new(api: CpsClient) -> Self {
        CpsDetails { api }
    }

    /// The device's MDM identifier, for the calls that take "UEM identifiers".
    fn mdm<'a>(&self, d: &'a Device) -> Result<&'a str, ApiError> {
        mdm_identifier(d).ok_or_else(|| ApiError::rejected(0, NO_MDM_ID))
    }

    /// The records of an inventory call (`[{"deviceMdmId", "<records>": […]}]`, CPS guide,
    /// "Inventory APIs"), mapped.
    async fn inventory<W: DeserializeOwned, R, T>(
        &self,
        path: &str,
        req: &IdentifierRequest,
        records: fn(W) -> Vec<R>,
        map: impl Fn(R) -> T,
    ) -> Result<Vec<T>, ApiError> {
        let found: Vec<W> = self.api.post(path, req).await?;
        Ok(found.into_iter().flat_map(records).map(map).collect())
    }

    async fn setting(&self, mdm: &str, kind: SettingsType) -> Result<Option<bool>, ApiError> {
        let req = GetSettingsRequest {
            settings_type: Some(kind),
            target: IdentifierRequest::mdm([mdm]),
        };
        let raw = self.api.post_raw("/device/getDeviceSettings", &req).await?;
        // "In case all the identifiers are invalid, then response code will still be 200, with
        // an empty response body" (CPS guide, "Get device settings - iOS only").
        let answer = DeviceSettings::from_body(&raw.body)
            .map_err(|_| ApiError::malformed("the settings answer is not valid JSON"))?;
        Ok(setting_of(answer, mdm, kind))
    }
}

fn settings_type(s: DeviceSetting) -> SettingsType {
    match s {
        DeviceSetting::PersonalHotspot => SettingsType::PersonalHotspot,
        DeviceSetting::DataRoaming => SettingsType::DataRoaming,
    }
}

/// "Manage device settings - iOS only": turn `setting` on or off on the devices of `target`.
pub(super) fn settings_request(
    target: IdentifierRequest,
    setting: DeviceSetting,
    enabled: bool,
) -> SettingsRequest {
    SettingsRequest {
        target,
        settings: Some(cps::Setting {
            kind: Some(settings_type(setting)),
            value: Some(SettingValue {
                enabled: Some(enabled),
            }),
        }),
    }
}

/// The device's value of `kind` in a settings answer (the entry of its identifier).
fn setting_of(answer: DeviceSettings, mdm: &str, kind: SettingsType) -> Option<bool> {
    answer
        .settings
        .into_iter()
        .filter(|s| {
            s.identifier
                .as_deref()
                .is_none_or(|i| i.trim().eq_ignore_ascii_case(mdm))
        })
        .filter_map(|s| s.settings)
        .find(|s| s.kind.is_none_or(|k| k == kind))
        .and_then(|s| s.value)
        .and_then(|v| v.enabled)
}

/// Certificates, profiles and the two settings are iOS only (CPS guide, "Get certificate
/// inventory (iOS only)", "Get profile inventory (iOS only)", the settings calls); the certificate
/// and settings calls take MDM identifiers only.
fn unavailable(tab: &str, d: &Device) -> Option<&'static str> {
    let ios = d.os == OsFamily::Ios;
    match tab {
        tab::CERTIFICATES if !ios => Some("CPS reports the certificates of iOS devices only."),
        tab::INSTALLED_PROFILES if !ios => {
            Some("CPS reports the configuration profiles of iOS devices only.")
        }
        tab::SETTINGS if !ios => {
            Some("CPS reads and changes personal hotspot and data roaming on iOS devices only.")
        }
        tab::CERTIFICATES | tab::SETTINGS if mdm_identifier(d).is_none() => Some(NO_MDM_ID),
        _ => None,
    }
}

#[async_trait::async_trait(?Send)]
impl DeviceDetailsApi for CpsDetails {
    fn unavailable(&self, tab: &str, d: &Device) -> Option<&'static str> {
        unavailable(tab, d)
    }

    async fn applications(&self, d: &Device) -> Result<Vec<InstalledApp>, ApiError> {
        let req = IdentifierRequest::guids([&d.id]);
        self.inventory(
            "/device/application",
            &req,
            |e: cps::DeviceApplications| e.applications,
            map_app,
        )
        .await
    }

    async fn certificates(&self, d: &Device) -> Result<Vec<DeviceCertificate>, ApiError> {
        let req = IdentifierRequest::mdm([self.mdm(d)?]);
        let now = crate::browser::now_ms() as i64;
        self.inventory(
            "/device/certificate",
            &req,
            |e: cps::DeviceCertificates| e.certificates,
            |c| map_certificate(c, now),
        )
        .await
    }

    async fn profiles(&self, d: &Device) -> Result<Vec<InstalledProfile>, ApiError> {
        let req = IdentifierRequest::guids([&d.id]);
        self.inventory(
            "/device/profile",
            &req,
            |e: cps::DeviceProfiles| e.profiles,
            map_profile,
        )
        .await
    }

    async fn groups(&self, d: &Device) -> Result<Vec<GroupMembership>, ApiError> {
        // `{"identifiers": ["<deviceGuid>"]}`, no identifierType (CPS guide, "Get device groups
        // associated with device list").
        let req = IdentifierRequest {
            identifier_type: None,
            identifiers: vec![d.id.clone()],
        };
        let found: cps::RulesByDevice = self.api.post("/rule/deviceGuid", &req).await?;
        Ok(found
            .result
            .into_iter()
            .filter(|r| {
                r.device_guid
                    .as_deref()
                    .is_none_or(|g| g.eq_ignore_ascii_case(&d.id))
            })
            .flat_map(|r| r.rules)
            .map(map_rule)
            .collect())
    }

    async fn settings(&self, d: &Device) -> Result<Vec<SettingState>, ApiError> {
        let mdm = self.mdm(d)?;
        let mut out = Vec::new();
        for setting in DeviceSetting::ALL {
            let enabled = self.setting(mdm, settings_type(setting)).await?;
            out.push(SettingState { setting, enabled });
        }
        Ok(out)
    }

    async fn change_setting(
        &self,
        d: &Device,
        setting: DeviceSetting,
        enabled: bool,
    ) -> Result<String, ApiError> {
        let req = settings_request(IdentifierRequest::mdm([self.mdm(d)?]), setting, enabled);
        let n: NumberResult = self.api.post("/device/settings", &req).await?;
        if count(n) == 0 {
            return Err(ApiError::rejected(
                0,
                "The server changed nothing: it does not know this device by its MDM identifier, or cannot reach it.",
            ));
        }
        Ok(format!(
            "{} {} sent to {}. The values shown are those of the device's last check-in: force a check-in to see the change.",
            setting.label(),
            if enabled { "on" } else { "off" },
            d.name
        ))
    }

    async fn attribute_fields(&self) -> Result<Vec<AttributeField>, ApiError> {
        let items: Vec<MetadataItem> = self.api.get("/device/$metadata").await?;
        Ok(attribute_fields(items, DEVICE_PROPERTIES))
    }

    fn attributes_read_only(&self, d: &Device) -> Option<&'static str> {
        mdm_identifier(d).is_none().then_some(NO_MDM_ID)
    }

    async fn set_attributes(
        &self,
        d: &Device,
        changes: &[AttributeChange],
    ) -> Result<String, ApiError> {
        let req = UpdateAttributesRequest {
            target: IdentifierRequest::mdm([self.mdm(d)?]),
            attributes: attribute_values(changes),
        };
        let n: NumberResult = self.api.post("/device", &req).await?;
        if count(n) == 0 {
            return Err(ApiError::rejected(
                0,
                "The server updated no device: it does not know this device by its MDM identifier, or none of these attributes can be written.",
            ));
        }
        Ok(format!(
            "{} saved on {}.",
            crate::domain::bulk::plural(changes.len(), "attribute", "attributes"),
            d.name
        ))
    }
}

/// The custom attributes of a `$metadata` answer (`/device/$metadata`, `/user/$metadata`): every
/// item that is not one of the object model's `properties`, typed by its `dataType` (`boolean` → checkbox; `long` → date: "All date
/// fields are returned as a long", CPS guide, "Pulling data", and the guide names no other use of
/// a long; anything else → text), writable where `"readOnly": false`.
pub(super) fn attribute_fields(
    items: Vec<MetadataItem>,
    properties: &[&str],
) -> Vec<AttributeField> {
    items
        .into_iter()
        .filter(|i| {
            !i.name.trim().is_empty()
                && !properties
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(i.name.trim()))
        })
        .map(|i| AttributeField {
            kind: match i.data_type.trim().to_ascii_lowercase().as_str() {
                "boolean" => AttributeKind::Boolean,
                "long" => AttributeKind::Date,
                _ => AttributeKind::Text,
            },
            writable: i.writable(),
            name: i.name.trim().to_string(),
        })
        .collect()
}

/// The `attributes` of an update: JSON scalars of the attribute's type, `null` to clear.
pub(super) fn attribute_values(changes: &[AttributeChange]) -> BTreeMap<String, serde_json::Value> {
    use serde_json::Value;
    changes
        .iter()
        .map(|(name, v)| {
            let value = match v {
                None => Value::Null,
                Some(AttributeValue::Text(t)) => Value::String(t.clone()),
                Some(AttributeValue::Boolean(b)) => Value::Bool(*b),
                Some(AttributeValue::Date(ms)) => Value::from(*ms),
            };
            (name.clone(), value)
        })
        .collect()
}

fn text(v: Option<String>) -> String {
    v.map(|s| s.trim().to_string()).unwrap_or_default()
}

fn map_app(a: cps::Application) -> InstalledApp {
    InstalledApp {
        name: text(a.name),
        identifier: text(a.identifier),
        version: text(a.version),
        short_version: text(a.short_version),
        bundle_version: text(a.bundle_version),
        managed: a.managed,
        source: text(a.source),
        update_available: a.update_available,
        installing: a.installing,
    }
}

fn map_certificate(c: cps::Certificate, now_ms: i64) -> DeviceCertificate {
    DeviceCertificate {
        subject: text(c.subject),
        issuer: text(c.issuer),
        serial: text(c.serial_number),
        thumbprint: text(c.thumbprint),
        not_before: c.not_before,
        not_after: c.not_after,
        identity: c.identity,
        days_left: None,
    }
    .with_days_left(now_ms)
}

fn map_profile(p: cps::Profile) -> InstalledProfile {
    InstalledProfile {
        payloads: p.content.as_ref().map(Vec::len),
        name: text(p.display_name),
        identifier: text(p.identifier),
        organization: text(p.organization),
        description: text(p.description),
        version: text(p.version),
        uuid: text(p.uuid),
        managed: p.managed,
        encrypted: p.encrypted,
        removal_disallowed: p.removal_disallowed,
        removal_passcode: p.has_removal_passcode,
    }
}

fn map_rule(r: cps::Rule) -> GroupMembership {
    GroupMembership {
        id: r.id.map(|i| i.to_string()).unwrap_or_default(),
        name: text(r.name),
        description: text(r.description),
        definition: text(r.definition),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::certificates::issued::Expiry;
    use crate::domain::device::{DeviceInfo, Lifecycle};

    #[test]
    fn get_application_inventory_example_response() {
        // CPS guide, "Get application inventory", the first app of the example response.
        let apps: Vec<cps::DeviceApplications> = serde_json::from_str(
            r#"[{"deviceMdmId": "e428c618933372785b0641d053c562021ef9cd49", "applications": [
                {"identifier": "com.apple.Keynote", "name": "Keynote", "version": "5.2.1",
                 "managed": false, "source": "UNKNOWN_APP_TYPE", "adHocCodeSigned": false,
                 "appStoreVendable": true, "betaApp": false, "deviceBasedVPP": false,
                 "externalVersionIdentifier": 832990878, "updateAvailable": false,
                 "installing": false, "validated": true, "shortVersion": "5.2.1",
                 "bundleVersion": "6733"}]}]"#,
        )
        .unwrap();
        let a = map_app(apps[0].applications[0].clone());
        assert_eq!(
            (a.name.as_str(), a.identifier.as_str(), a.version.as_str()),
            ("Keynote", "com.apple.Keynote", "5.2.1")
        );
        assert_eq!((a.managed, a.update_available), (Some(false), Some(false)));
        assert_eq!(a.bundle_version, "6733");
        // An Android app has none of the iOS fields: blanks.
        let android = map_app(serde_json::from_str(r#"{"name": "Chrome"}"#).unwrap());
        assert_eq!((android.version.as_str(), android.managed), ("", None));
    }

    #[test]
    fn get_certificate_inventory_expiry() {
        // CPS guide, "Get certificate inventory (iOS only)": the identity certificate of the
        // example, which expires 2027-06-03.
        let c: cps::Certificate = serde_json::from_str(
            r#"{"identity": true, "notAfter": 1812011724000, "notBefore": 1496740310000,
                "issuer": "CN=ppp819.auto.acme.com,OU=iOSMDMCA,UID=1496738424913",
                "serialNumber": "1017", "subject": "CN=1cdacac686e39dd367a47f2286be436df0a37433",
                "thumbPrint": "BF0670CFC5B548D5837E9D078F4617D296C9577E"}"#,
        )
        .unwrap();
        let day = 86_400_000;
        let m = map_certificate(c.clone(), 1_812_011_724_000 - 10 * day);
        assert_eq!(m.days_left, Some(10));
        assert_eq!(m.expiry(), Expiry::Soon);
        assert_eq!(m.thumbprint, "BF0670CFC5B548D5837E9D078F4617D296C9577E");
        assert_eq!(m.identity, Some(true));
        assert_eq!(
            map_certificate(c, 1_812_011_724_000 + day).expiry(),
            Expiry::Expired
        );
    }

    #[test]
    fn get_profile_inventory_example_response() {
        let p: cps::Profile = serde_json::from_str(
            r#"{"encrypted": true, "hasRemovalPasscode": false, "managed": true,
                "removalDisallowed": true,
                "description": "Access the Apple App Catalog via this Web Clip.",
                "displayName": "Apple App Catalog", "identifier": "mi.webclip.35016.0",
                "organization": "acme, Inc.", "uuid": "e45473ff-bc98-4041-a220-94019fd2b9d9",
                "version": "1"}"#,
        )
        .unwrap();
        let m = map_profile(p);
        assert_eq!(m.name, "Apple App Catalog");
        assert_eq!(
            (m.encrypted, m.removal_disallowed),
            (Some(true), Some(true))
        );
        // Encrypted profiles show no content: the payload count is unknown, not zero.
        assert_eq!(m.payloads, None);
    }

    #[test]
    fn get_device_groups_associated_with_device_list() {
        // "All Devices" has no definition (CPS guide, "Rules").
        let all: cps::Rule = serde_json::from_str(
            r#"{ "id": 40165, "name": "All Devices", "description": "Targets any type of device." }"#,
        )
        .unwrap();
        let g = map_rule(all);
        assert_eq!(
            (g.id.as_str(), g.name.as_str(), g.definition.as_str()),
            ("40165", "All Devices", "")
        );
    }

    #[test]
    fn get_device_attributes_metadata_example_response() {
        // CPS guide, "Get device attributes metadata": the guide's example plus a boolean and a
        // long custom attribute.
        let items: Vec<MetadataItem> = serde_json::from_str(
            r#"[{ "name": "compliant", "dataType": "boolean", "readOnly": true },
                { "name": "status", "dataType": "devicestatus", "readOnly": true },
                { "name": "lastCheckInTime", "dataType": "long", "readOnly": true },
                { "name": "userUuid", "dataType": "string", "readOnly": true },
                { "name": "custom_device_attribute_1", "dataType": "string", "readOnly": false },
                { "name": "nacCompliant", "dataType": "boolean", "readOnly": false },
                { "name": "warrantyExpires", "dataType": "long", "readOnly": false },
                { "name": "vendorTag", "dataType": "string" }]"#,
        )
        .unwrap();
        let f = attribute_fields(items, DEVICE_PROPERTIES);
        let seen: Vec<(&str, AttributeKind, bool)> = f
            .iter()
            .map(|f| (f.name.as_str(), f.kind, f.writable))
            .collect();
        assert_eq!(
            seen,
            [
                ("custom_device_attribute_1", AttributeKind::Text, true),
                ("nacCompliant", AttributeKind::Boolean, true),
                ("warrantyExpires", AttributeKind::Date, true),
                // No readOnly flag: not writable.
                ("vendorTag", AttributeKind::Text, false),
            ]
        );
    }

    #[test]
    fn update_attributes_sends_typed_values_and_null_to_clear() {
        let body = UpdateAttributesRequest {
            target: IdentifierRequest::mdm(["abc"]),
            attributes: attribute_values(&[
                ("assetTag".into(), Some(AttributeValue::Text("AT-9".into()))),
                ("nacCompliant".into(), Some(AttributeValue::Boolean(true))),
                (
                    "warrantyExpires".into(),
                    Some(AttributeValue::Date(1_803_859_200_000)),
                ),
                ("custom_device_attribute_1".into(), None),
            ]),
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({
                "identifiers": ["abc"],
                "attributes": {"assetTag": "AT-9", "nacCompliant": true,
                    "warrantyExpires": 1_803_859_200_000_i64, "custom_device_attribute_1": null}
            })
        );
    }

    #[test]
    fn get_device_settings_ios_only_answers() {
        // CPS guide, "Get device settings - iOS only", example response.
        let answer = DeviceSettings::from_body(
            br#"{"settings": [
                { "identifier": "b9a0d7d05fb4204f52264f805932526b848ca61d",
                  "settings": { "type": "DATA_ROAMING", "value": { "enabled": false } } },
                { "identifier": "a9a0d7d05fb4204f52264f805932526b848ca61d",
                  "settings": { "type": "DATA_ROAMING", "value": { "enabled": true } } }]}"#,
        )
        .unwrap();
        let of = |id: &str| setting_of(answer.clone(), id, SettingsType::DataRoaming);
        assert_eq!(of("A9A0D7D05FB4204F52264F805932526B848CA61D"), Some(true));
        assert_eq!(of("b9a0d7d05fb4204f52264f805932526b848ca61d"), Some(false));
        assert_eq!(of("other"), None);
        // The empty body of unknown identifiers: not reported.
        let empty = DeviceSettings::from_body(b"").unwrap();
        assert_eq!(setting_of(empty, "x", SettingsType::PersonalHotspot), None);
    }

    #[test]
    fn ios_only_tabs_and_tabs_needing_the_mdm_identifier() {
        let details = |os: OsFamily, mdm: &str| {
            Device::from(DeviceInfo {
                os,
                lifecycle: Lifecycle::Active,
                extra: vec![(super::super::devices::MDM_ID.into(), mdm.to_string())],
                ..Default::default()
            })
        };
        let android = details(OsFamily::Android, "abc");
        for t in [tab::CERTIFICATES, tab::INSTALLED_PROFILES, tab::SETTINGS] {
            assert!(unavailable(t, &android).unwrap().contains("iOS"), "{t}");
        }
        assert_eq!(unavailable(tab::APPS, &android), None);
        assert_eq!(unavailable(tab::GROUPS, &android), None);
        let pending = details(OsFamily::Ios, "");
        assert_eq!(unavailable(tab::CERTIFICATES, &pending), Some(NO_MDM_ID));
        assert_eq!(unavailable(tab::INSTALLED_PROFILES, &pending), None);
        assert_eq!(unavailable(tab::ATTRIBUTES, &pending), None);
    }
}
