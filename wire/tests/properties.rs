//! Property tests (structure-aware fuzzing) of the wire types: no input makes a parser panic, what
//! parses writes back and parses again to the same value, and the tolerant helpers accept exactly
//! what they document.
//!
//! Inputs come from four generators:
//! - arbitrary bytes;
//! - arbitrary JSON values (recursive), with object keys drawn from the real field names;
//! - realistic answers of every type (serialised from filled-in values) with random edits at
//!   random places: the tolerant shapes (one object instead of a list, numbers and booleans as
//!   strings, `True`/`FALSE`, `""`/`null`/`{}` for containers, objects where scalars belong), the
//!   boundary numbers, removed and added keys, and arbitrary JSON;
//! - the same answers as text with bytes flipped, inserted, deleted or cut off.
//!
//! Run time is bounded by the number of cases per property (see [`config`]); `PROPTEST_CASES=N`
//! overrides it for a longer session, e.g.
//! `PROPTEST_CASES=20000 cargo test -p wire --test properties` (a debug build: overflow checks on).

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::TestCaseError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::any::Any;
use std::fmt::Debug;
use std::sync::LazyLock;
use wire::cps;
use wire::lenient::Messages;
use wire::v1::{self, Entries, Entry};
use wire::v2::{self, Envelope};

/// The default number of cases of a property; the `PROPTEST_CASES` environment variable wins.
fn config(cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = cases;
    }
    c
}

// ---------------------------------------------------------------------------------------------
// Every wire type the portal or mock-server reads, with a realistic filled-in value.

/// Parses `bytes` as `T`; when that works, writes the value back and parses it again, which must
/// give the same value. Also calls the accessors that interpret the parsed fields.
fn check<T>(name: &str, bytes: &[u8]) -> Result<bool, TestCaseError>
where
    T: DeserializeOwned + Serialize + PartialEq + Debug + Any,
{
    let Ok(first) = serde_json::from_slice::<T>(bytes) else {
        return Ok(false);
    };
    exercise(&first);
    let out = serde_json::to_vec(&first)
        .map_err(|e| TestCaseError::fail(format!("{name}: parsed, but cannot be written: {e}")))?;
    let second: T = serde_json::from_slice(&out).map_err(|e| {
        TestCaseError::fail(format!(
            "{name}: written as {} which does not parse: {e}",
            String::from_utf8_lossy(&out)
        ))
    })?;
    prop_assert_eq!(
        &first,
        &second,
        "{} changed in a round trip through {}",
        name,
        String::from_utf8_lossy(&out)
    );
    Ok(true)
}

struct WireType {
    name: &'static str,
    check: fn(&str, &[u8]) -> Result<bool, TestCaseError>,
    /// A filled-in value as JSON: the starting point of the edits.
    seed: Value,
}

/// `getCertificate` (V2 guide, "Get list of user provided certificate enrollment ID information…")
/// reads `results` as one object or the first of a list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
struct GetCertificate {
    #[serde(default, deserialize_with = "wire::v2::lenient::object_or_first")]
    results: Option<v2::user_provided::UserCertificate>,
}

macro_rules! wire_types {
    ($($t:ty => $seed:expr),+ $(,)?) => {
        fn build_types() -> Vec<WireType> {
            vec![$(WireType {
                name: stringify!($t),
                check: check::<$t>,
                seed: serde_json::to_value::<$t>($seed).expect("seed serialises"),
            }),+]
        }
    };
}

const UUID: &str = "8d711cdc-e93c-49b1-88d6-222f54132445";

fn msgs() -> Messages {
    Messages(vec!["2 Device(s) returned".into(), String::new()])
}

fn entries() -> Entries {
    Entries(vec![
        Entry::new("wifi_mac_addr", "b8:ff:61:7f:79:26"),
        Entry::new("Client_version", "4.2.0"),
    ])
}

fn device() -> v1::Device {
    v1::Device {
        id: 2,
        uuid: UUID.into(),
        principal: "jdoe".into(),
        block_reason: 0x10,
        client_id: 1_073_741_831,
        compliance: 0x30,
        country_code: "1".into(),
        country_id: Some(183),
        details: entries(),
        current_phone_number: "4085551212".into(),
        employee_owned: true,
        last_connected_at: "2011-07-08T01:52:33+00:00".into(),
        operator_id: Some(269),
        phone_number: "4085551212".into(),
        platform: "Android 4.4".into(),
        quarantined_status: 0x20,
        registered_at: "1324421860972".into(),
        status: "ACTIVE".into(),
        status_code: 97,
        user_uuid: "de398fcb".into(),
        iphone_version: "8J2".into(),
        ..Default::default()
    }
}

fn label() -> v1::Label {
    v1::Label {
        id: -3,
        name: "iOS".into(),
        description: "Label for all iOS devices.".into(),
        static_label: true,
        query: "\"common.platform\"=\"iOS\"".into(),
        device_count: 3,
        is_es_search: Some(116),
    }
}

fn passcode() -> v1::Passcode {
    v1::Passcode {
        uuid: UUID.into(),
        name: " jdoe:Android:6505551212".into(),
        value: "NA".into(),
    }
}

fn location() -> v1::Location {
    v1::Location {
        uuid: UUID.into(),
        lookup_result: "Cell".into(),
        latitude: Some(37.386433),
        longitude: Some(-122.053902),
        radius: Some(1500),
        captured_at: Some(1_285_802_663_000),
    }
}

fn alert() -> v1::Alert {
    v1::Alert {
        id: 5,
        device_uuid: UUID.into(),
        label_id: Some(163),
        alert_date: "2010-05-01T01:02:00+00:00".into(),
        alert_text: "WARNING::Memory size exceeded".into(),
        is_active: true,
        retries: 2,
        alert_defnname: "MEMORY_SIZE_EXCEEDED_ALERT".into(),
        severity: "WARNING".into(),
        transport: "EMAIL".into(),
        status: "DISPATCHED".into(),
        is_alert_read: true,
        ..Default::default()
    }
}

fn app_setting() -> v1::AppSetting {
    v1::AppSetting {
        id: -4,
        name: " System - iOS MDM CA Certificate".into(),
        app_type: "CERTIFICATE".into(),
        device_count: 2,
        pending_count: 1,
        quarantined_count: Some(0),
        setting_type: "SYSTEM".into(),
        state: Some(67),
        clear_certificate_cache_for_scep_setting: true,
        labels: vec![-4, 7],
        label_names: vec!["iOS".into()],
        properties: entries(),
        ..Default::default()
    }
}

fn eas_device() -> v1::EasDevice {
    v1::EasDevice {
        uuid: UUID.into(),
        device_id: "Appl123".into(),
        user_name: "jdoe".into(),
        platform_code: Some(1),
        status: "Registered".into(),
        first_sync_time: Some(1_324_421_860),
        last_sync_time: Some(1_324_421_860_972),
        mi_device_uuid: UUID.into(),
        action_source: "Auto".into(),
        ..Default::default()
    }
}

fn policy() -> v1::Policy {
    v1::Policy {
        id: 3,
        policy_name: "Default Security Policy".into(),
        policy_type: "DEFAULT".into(),
        profile_type: "SECURITY".into(),
        status: "Active".into(),
        active: true,
        device_count: 4,
        priority: 1,
        rules: vec![
            v1::Rule {
                rule_type: "SYNC_MULTITASK_INVERVAL".into(),
                value: "60".into(),
                client_value: "x".into(),
                resource_dtos: vec![v1::ResourceDto {
                    name: "n".into(),
                    resource_type: "t".into(),
                    value: "v".into(),
                }],
            },
            v1::Rule::new("EAS_BLOCK_OOC_DAYS", "7"),
        ]
        .into(),
        labels: vec![-1],
        label_names: vec!["All-Smartphones".into()],
        ..Default::default()
    }
}

fn user() -> v1::User {
    v1::User {
        id: Some(9001),
        uuid: "f89d8cbf".into(),
        principal: "jdoe".into(),
        created_at: Some(1_324_421_860),
        enabled: true,
        google_apps_encryption_alg_version: Some(1),
        last_admin_portal_login_time: Some(1_324_421_860_972),
        roles: vec!["ROLE_API".into(), "ROLE_MOBILE_APP".into()],
        user_source: 68,
        ..Default::default()
    }
}

fn profile() -> v1::Profile {
    v1::Profile {
        id: 1,
        uuid: "p-1".into(),
        name: "Default".into(),
        policy_type: "SECURITY".into(),
        status: "Applied".into(),
        profile_type: "POLICY".into(),
        last_updated_at: Some(1_324_421_860),
    }
}

fn cert_record() -> v2::certificates::CertificateRecord {
    v2::certificates::CertificateRecord {
        id: Some(2),
        serial_number: Some("102".into()),
        kind: Some("Centralized".into()),
        trash: Some(true),
        expired_at: Some("2017-04-18".into()),
        created_at: Some("2016-04-18".into()),
        user_id: Some("9002".into()),
        device_id: Some(1),
        device_uuid: Some(UUID.into()),
        local_ca_id: Some(3),
        ce_setting_name: Some("LocalCE".into()),
        certificate_status: Some("ACTIVE".into()),
        ce_id: Some(8),
        consumer_app_settings: vec![8, 9],
    }
}

fn v2_message() -> v2::Message {
    v2::Message {
        message_parameters: Some(vec![json!("p"), json!(1)]),
        ..v2::Message::info(v2::keys::SEARCH_SUCCESS, v2::keys::SEARCH_SUCCESS_TEXT)
    }
}

fn envelope<T>(results: T) -> Envelope<T> {
    Envelope::results(results)
        .with_message(v2_message())
        .with_count(2)
}

fn user_certificate() -> v2::user_provided::UserCertificate {
    v2::user_provided::UserCertificate {
        id: Some(1),
        version: Some("3".into()),
        serial_number: Some("xxx4493327816883622".into()),
        signature_algorithm: Some("SHA256WITHRSA".into()),
        issuer: Some("CN=LOCAL CA".into()),
        not_before: Some(1_573_162_384_000),
        not_after: Some(1_604_698_384_000),
        subject: Some("CN=jdoe".into()),
        subject_alt_names: Some(json!(["DNS:x"])),
        cert: Some(json!("MIIB")),
        cert_type: Some(json!(1)),
        alias: Some("a".into()),
        cert_data: Some(json!({"k": [1, 2.5]})),
        created_at: Some(json!(1)),
        modified_at: Some(json!("2020-01-01")),
        common_name: Some("jdoe".into()),
        iphone_uid: Some("x".into()),
        iphone_development_apns_cert: Some(false),
        identity: Some(true),
        valid_time_line: Some(true),
    }
}

wire_types! {
    // V1: list and single answers.
    v1::DeviceListResponse => v1::DeviceListResponse {
        phone_number: "4085551212".into(),
        messages: msgs(),
        total_count: Some(2),
        devices: vec![device(), device()].into(),
    },
    v1::DeviceResponse => v1::DeviceResponse { messages: msgs(), device: Some(device()) },
    v1::MacLookupResponse => v1::MacLookupResponse {
        messages: msgs(),
        total_count: Some(1),
        device: Some(device()),
        devices: vec![device()].into(),
    },
    v1::Device => device(),
    v1::LabelListResponse => v1::LabelListResponse {
        messages: msgs(),
        total_count: Some(2),
        labels: vec![label(), label()].into(),
    },
    v1::Label => label(),
    v1::MessagesOnly => v1::MessagesOnly { messages: msgs(), total_count: Some(0) },
    // Actions.
    v1::ActionResponse => v1::ActionResponse {
        messages: msgs(),
        device_uuid: UUID.into(),
        unlock_passcode: "12345".into(),
    },
    v1::UnlockResponse => v1::UnlockResponse {
        messages: msgs(),
        passcodes: vec![passcode(), passcode()].into(),
    },
    v1::LocateResponse => v1::LocateResponse {
        device_uuid: UUID.into(),
        messages: msgs(),
        locations: vec![location(), location()].into(),
        locate_now: true,
    },
    v1::Location => location(),
    // Alerts.
    v1::AlertListResponse => v1::AlertListResponse {
        messages: msgs(),
        total_count: Some(2),
        alerts: vec![alert(), alert()].into(),
    },
    v1::Alert => alert(),
    // App settings.
    v1::AppSettingListResponse => v1::AppSettingListResponse {
        messages: msgs(),
        total_count: Some(1),
        appsettings: vec![app_setting(), app_setting()].into(),
    },
    v1::AppSetting => app_setting(),
    // Bulk.
    v1::BulkResponse => v1::BulkResponse {
        messages: msgs(),
        invalid_devices: vec![" 1ac8bd81".to_string(), "x".into()].into(),
        passcodes: vec![passcode()].into(),
        failed_devices: vec!["Unlock failed for x".to_string()].into(),
    },
    v1::SendMessageResponse => v1::SendMessageResponse {
        messages: msgs(),
        invalid_devices: vec!["x".to_string()].into(),
        message_sent_failed: true,
    },
    // ActiveSync.
    v1::EasListResponse => v1::EasListResponse {
        messages: msgs(),
        total_count: Some(5),
        registered_allowed_devices: vec![eas_device(), eas_device()].into(),
        registered_blocked_devices: vec![eas_device()].into(),
        unregistered_allowed_devices: vec![eas_device()].into(),
        unregistered_blocked_devices: vec![eas_device()].into(),
        wiped_devices: vec![eas_device()].into(),
    },
    v1::EasDeviceDetail => v1::EasDeviceDetail {
        uuid: UUID.into(),
        details: entries(),
        messages: msgs(),
    },
    v1::EasDevice => eas_device(),
    // Policies.
    v1::PolicyListResponse => v1::PolicyListResponse {
        messages: msgs(),
        total_count: Some(2),
        policies: vec![policy(), policy()].into(),
    },
    v1::Policy => policy(),
    // Reference data, registration, profiles.
    v1::OperatorListResponse => v1::OperatorListResponse {
        messages: msgs(),
        total_count: Some(1),
        operators: vec![v1::Operator {
            carrier_short_name: "AT&T".into(),
            carrier_type: "Mobile".into(),
            country_code: "1".into(),
            country_id: 183,
            country_name: "United States".into(),
            enabled: true,
            id: 269,
        }]
        .into(),
    },
    v1::CountryListResponse => v1::CountryListResponse {
        messages: msgs(),
        total_count: Some(1),
        countries: vec![v1::Country {
            country_name: "United States".into(),
            country_code: "1".into(),
            iso_alpha2_code: "US".into(),
            enabled_for_registration: 116,
            country_id: Some(183),
        }]
        .into(),
    },
    v1::RegisterResponse => v1::RegisterResponse {
        phone_number: "4085551212".into(),
        messages: msgs(),
        registration: v1::Registration {
            messages: msgs(),
            device_uuid: UUID.into(),
            status: "SUCESS".into(),
            passcode: "1234".into(),
            passcode_ttl: Some(3600),
            registration_url: "https://x/r".into(),
        },
    },
    v1::ProfileListResponse => v1::ProfileListResponse {
        messages: msgs(),
        total_count: Some(2),
        profiles: vec![profile(), profile()].into(),
    },
    // Users (`/sm`).
    v1::UserResponse => v1::UserResponse {
        user_name: "jdoe".into(),
        messages: msgs(),
        user: Some(user()),
    },
    v1::UserListResponse => v1::UserListResponse {
        user_name: "jd".into(),
        messages: msgs(),
        total_count: Some(2),
        users: vec![user(), user()].into(),
    },
    v1::PasswordChangeResponse => v1::PasswordChangeResponse {
        user_name: "jdoe".into(),
        messages: msgs(),
    },
    // The tolerant building blocks on their own.
    Messages => msgs(),
    Entries => entries(),
    v1::Uuids => vec!["a".to_string(), " b".into()].into(),
    v1::DeviceStatus => v1::DeviceStatus::RetirePending,
    v1::DeviceAction => v1::DeviceAction::EnableRoaming,
    v1::AppSettingType => v1::AppSettingType::Certificate,
    v1::EasGroup => v1::EasGroup::Wiped,
    // V2 (certificate management): every envelope the portal reads.
    Envelope<Vec<v2::ce::ConfigSummary>> => envelope(vec![v2::ce::ConfigSummary {
        name: Some("LocalCE".into()),
        value: Some("8".into()),
        app_type: Some("CERTIFICATE_ENROLLMENT".into()),
        app_sub_type: Some("LOCAL".into()),
        row_type: Some("CONFIG".into()),
    }]),
    Envelope<Vec<v2::certificates::CertificateRecord>> => envelope(vec![cert_record(), cert_record()]),
    Envelope<Vec<Value>> => envelope(vec![json!({"id": 2, "serialNumber": 102}), json!("x")]),
    Envelope<v2::certificates::ExportLinks> => envelope(v2::certificates::ExportLinks {
        export_status_poll_url: Some("/api/v2/certificates/export_status".into()),
        csv_download_url: Some("/api/v2/certificates/download_csv".into()),
    }),
    Envelope<v2::certificates::ExportStatus> => envelope(v2::certificates::ExportStatus {
        is_running: Some(false),
        export_status_msg: Some("success".into()),
        csv_file_name: Some("certs.csv".into()),
        is_export_status_available: Some(true),
        initiated_at: Some(1_461_110_928_255),
    }),
    v2::MessagesOnly => envelope(json!({"a": [1, "x", null, true]})),
    Envelope<Vec<v2::users::UserSummary>> => envelope(vec![v2::users::UserSummary {
        id: Some(1),
        principal: Some("jdoe".into()),
        display_name: Some("Joe Doe".into()),
        first_name: Some("Joe".into()),
        last_name: Some("Doe".into()),
        email_address: Some("jdoe@example.com".into()),
    }]),
    Envelope<Vec<v2::user_provided::CeCertificateDetails>> => envelope(vec![
        v2::user_provided::CeCertificateDetails {
            ce_id: Some(8),
            certificate_id: Some(1),
            require_password: Some(true),
            display_name: Some("VPN".into()),
            certificate_expiration_date: Some(1_604_698_384_000),
            certificate_uploaded_date: Some(1_573_162_384),
            is_pkcs12: Some(true),
        },
    ]),
    Envelope<v2::ce::TestCertificate> => envelope(v2::ce::TestCertificate {
        certificate: Some("Certificate: ...".into()),
        pem: Some("-----BEGIN CERTIFICATE-----".into()),
    }),
    Envelope<v2::user_provided::UserCertificate> => envelope(user_certificate()),
    GetCertificate => GetCertificate { results: Some(user_certificate()) },
    v2::certificates::CertificateFilter => v2::certificates::CertificateFilter {
        admin_device_space_id: Some(1),
        ce_setting_name: Some("LocalCE".into()),
        certificate_status: Some("ACTIVE".into()),
        user_id: Some("jdoe".into()),
        device_uuid: Some(UUID.into()),
        expires_after: Some(1),
        expires_before: Some(2),
    },
    v2::user_provided::UserIdBody => v2::user_provided::UserIdBody::new("theadmin"),
    v2::Message => v2_message(),
    // CPS.
    cps::SearchResults<cps::Device> => cps::SearchResults {
        search_results: vec![cps_device(), cps::Device::default()],
        results: 2,
        offset: 0,
        limit: 50,
    },
    cps::Device => cps_device(),
    cps::SearchResults<cps::User> => cps::SearchResults {
        search_results: vec![cps_user()],
        results: 1,
        offset: 5,
        limit: 1000,
    },
    cps::SearchResults<cps::Rule> => cps::SearchResults {
        search_results: vec![cps_rule(), cps::Rule { id: Some(-1), ..cps::Rule::default() }],
        results: 2,
        offset: 0,
        limit: 10,
    },
    cps::RulesByDevice => cps::RulesByDevice {
        errors: None,
        result: vec![cps::DeviceRules { device_guid: Some(UUID.into()), rules: vec![cps_rule()] }],
    },
    cps::SearchResults<cps::AppCatalogApp> => cps::SearchResults {
        search_results: vec![cps::AppCatalogApp {
            name: Some("HAC-Extension".into()),
            platform_type: Some("iOS".into()),
            version: Some("1.4.2".into()),
            identifier: Some("com.example.hac".into()),
            build_number: Some("142".into()),
            created_at: Some(1_550_660_326_185),
        }],
        results: 1,
        offset: 0,
        limit: 50,
    },
    Vec<cps::DeviceApplications> => vec![cps::DeviceApplications {
        device_mdm_id: Some("e428c618933372785b0641d053c562021ef9cd49".into()),
        applications: vec![cps::Application {
            identifier: Some("com.apple.Keynote".into()),
            name: Some("Keynote".into()),
            version: Some("5.2.1".into()),
            managed: Some(false),
            source: Some("UNKNOWN_APP_TYPE".into()),
            device_based_vpp: Some(false),
            external_version_identifier: Some(832_990_878),
            short_version: Some("5.2.1".into()),
            bundle_version: Some("6733".into()),
            ..cps::Application::default()
        }],
    }],
    Vec<cps::DeviceCertificates> => vec![cps::DeviceCertificates {
        device_mdm_id: Some("1cdacac686e39dd367a47f2286be436df0a37433".into()),
        certificates: vec![cps::Certificate {
            identity: Some(true),
            not_after: Some(1_812_011_724_000),
            not_before: Some(1_496_740_310_000),
            issuer: Some("CN=ppp819.auto.acme.com,OU=iOSMDMCA".into()),
            serial_number: Some("1017".into()),
            subject: Some("CN=1cdacac6".into()),
            thumbprint: Some("BF0670CFC5B548D5837E9D078F4617D296C9577E".into()),
        }],
    }],
    Vec<cps::DeviceProfiles> => vec![cps::DeviceProfiles {
        device_mdm_id: Some("8bfb".into()),
        profiles: vec![cps::Profile {
            encrypted: Some(false),
            managed: Some(true),
            content: Some(vec![json!({"PayloadType": "com.apple.wifi.managed", "n": 1.5})]),
            display_name: Some("Wi-Fi".into()),
            identifier: Some("mi.wifi.1.0".into()),
            version: Some("1".into()),
            ..cps::Profile::default()
        }],
    }],
    Vec<cps::DeviceLocation> => vec![cps::DeviceLocation {
        device_mdm_id: Some("id-1".into()),
        last_captured: Some(1_525_260_287_000),
        location: Some(cps::LatLong {
            latitude: Some("-6.446318".into()),
            longitude: Some("8.305312".into()),
        }),
    }],
    cps::DeviceSettings => cps::DeviceSettings {
        settings: vec![cps::DeviceSetting {
            identifier: Some("b9a0".into()),
            settings: Some(cps::Setting {
                kind: Some(cps::SettingsType::DataRoaming),
                value: Some(cps::SettingValue { enabled: Some(true) }),
            }),
        }],
    },
    Vec<cps::MetadataItem> => vec![cps::MetadataItem {
        name: "custom_device_attribute_1".into(),
        data_type: "string".into(),
        read_only: Some(false),
    }],
    cps::EventMetadata => cps::EventMetadata {
        topics: [("device_check_in".to_string(), "device/check_in".to_string())].into(),
        retention_period_minutes: Some(180),
    },
    cps::DeviceEvent => cps::DeviceEvent {
        timestamp: Some(1_582_796_173_229),
        event_type: Some("device.check_in".into()),
        devices: vec![cps_device()],
    },
    cps::NumberResult => cps::NumberResult { result: 2 },
    cps::ErrorBody => cps::ErrorBody { message: "Too many identifiers".into() },
    cps::UpdateAttributesRequest => cps::UpdateAttributesRequest {
        target: cps::IdentifierRequest::guids([UUID]),
        attributes: [("nacCompliant".to_string(), json!(false)), ("n".to_string(), json!(1.5))].into(),
    },
    cps::SettingsRequest => cps::SettingsRequest {
        target: cps::IdentifierRequest::mdm(["b9a0"]),
        settings: Some(cps::Setting {
            kind: Some(cps::SettingsType::PersonalHotspot),
            value: Some(cps::SettingValue { enabled: Some(false) }),
        }),
    },
    cps::MtdRequest => cps::MtdRequest {
        command: Some(cps::MtdCommand::Checkin),
        url: Some("http://example.com/example".into()),
        target: cps::IdentifierRequest::mdm(["mdm-id-1", "mdm-id-2"]),
    },
    cps::EmailRequest => cps::EmailRequest {
        subject: Some("Backup".into()),
        body: Some("<b>Please</b>".into()),
        html: Some(true),
        target: cps::IdentifierRequest::mdm(["a"]),
    },
}

fn cps_device() -> cps::Device {
    cps::Device {
        compliant: Some(true),
        quarantined: Some(false),
        blocked: Some(false),
        compromised: Some(false),
        status: Some(cps::DeviceStatus::RetireSent),
        last_check_in_time: Some(1_582_796_171_062),
        registration_time: Some(1_582_608_427_870),
        identifier: Some("f2e01873c6d96d87f1a34ff72e0e4143e42ee089".into()),
        mac_address: Some("74:81:14:d6:f5:b7".into()),
        manufacturer: Some("Apple Inc.".into()),
        model: Some("iPad5,3".into()),
        os: Some(cps::DevicePlatform::Ios),
        os_version: Some("12.2".into()),
        serial_number: Some("DMPPK6YVG5VT".into()),
        user_id: Some("rc@mi.com".into()),
        user_uuid: Some(UUID.into()),
        ios_udid: Some("f2e01873c6d96d87f1a34ff72e0e4143e42ee089".into()),
        device_guid: Some(UUID.into()),
        custom_attributes: Some([("nacCompliant".to_string(), "false".to_string())].into()),
        ownership: Some(cps::Ownership::Company),
        imei: Some("35 2342342342345 64 1".into()),
        imsi: Some("310260000000000".into()),
        phone_number: Some("7171046951".into()),
    }
}

fn cps_user() -> cps::User {
    cps::User {
        enabled: Some(true),
        created_at: Some(1_520_553_600_000),
        account_source: Some(cps::AccountSource::Ldap),
        display_name: Some("testuser6771".into()),
        email_address: Some("testuser6771@auto8.mobileiron.com".into()),
        first_name: Some("testuser6771".into()),
        last_name: None,
        user_id: Some("testuser6771".into()),
        user_uuid: Some(UUID.into()),
        guid: Some(UUID.into()),
        custom_attributes: Some([("site".to_string(), "Paris".to_string())].into()),
        ldap_custom_attributes: Some(
            [(
                "objectGUID".to_string(),
                "9a34fe08e8041c47991c5a387efff6bb".to_string(),
            )]
            .into(),
        ),
        ldap_standard_attributes: Some([("samAccountName".to_string(), "bar".to_string())].into()),
    }
}

fn cps_rule() -> cps::Rule {
    cps::Rule {
        id: Some(38089),
        name: Some("rule1".into()),
        description: Some("Rule 1 Description".into()),
        definition: Some("PLATFORMTYPE EQ 'IOS'".into()),
    }
}

static TYPES: LazyLock<Vec<WireType>> = LazyLock::new(build_types);

/// Every object key of the seeds, plus the names only aliases or skipped fields use.
static FIELD_NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => {
                for (k, x) in o {
                    out.push(k.clone());
                    walk(x, out);
                }
            }
            _ => {}
        }
    }
    let mut out: Vec<String> = [
        "isoAplha2Code",
        "username",
        "deviceUuid",
        "deviceUUID",
        "deviceUUid",
        "usernId",
        "message",
        "entry",
        "key",
        "value",
        "results",
        "messages",
        "resultCount",
        "totalCount",
        "localizedMessage",
        "messageParameters",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for t in TYPES.iter() {
        walk(&t.seed, &mut out);
    }
    out.sort();
    out.dedup();
    out
});

/// Keys of one type's seed (at any depth).
fn keys_of(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) => stack.extend(a),
            Value::Object(o) => {
                out.extend(o.keys().cloned());
                stack.extend(o.values());
            }
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    if out.is_empty() {
        out.push("message".into());
    }
    out
}

/// Calls the accessors that interpret parsed fields (dates, bitmaps, enums, lookups).
fn exercise(v: &dyn Any) {
    fn device(d: &v1::Device) {
        let _ = (d.phone(), d.wifi_mac(), d.details.get("client_version"));
        let _ = d.compliance_reasons().describe();
        let _ = d.quarantine_reasons().describe();
        let _ = d.block_reasons().is_clear();
        let _ = d.status.parse::<v1::DeviceStatus>();
        let _ = v1::DeviceStatus::from_code(d.status_code).map(|s| s.label());
        let _ = wire::datetime::parse_to_epoch_ms(&d.last_connected_at)
            .map(wire::datetime::format_short);
        let _ = wire::datetime::parse_to_epoch_ms(&d.registered_at).map(wire::datetime::format_iso);
    }
    fn location(l: &v1::Location) {
        let _ = (l.result(), l.captured_ms(), l.position());
    }
    fn alert(a: &v1::Alert) {
        let _ = (
            a.is_read(),
            a.defn(),
            a.severity(),
            a.transport(),
            a.status(),
        );
        let _ = a.date_ms().map(wire::datetime::format_date);
    }
    fn setting(s: &v1::AppSetting) {
        let _ = (s.kind(), s.origin(), s.is_deleted(), s.display_name());
        let _ = s.properties.first_of(&["CERTPATH0", "CERT_SERIAL_NUMBER0"]);
    }
    fn eas(d: &v1::EasDevice) {
        let _ = (
            d.action_source(),
            d.first_sync_ms(),
            d.last_sync_ms(),
            d.is_registered(),
        );
    }
    fn policy(p: &v1::Policy) {
        let _ = (p.kind(), p.profile(), p.rule("SYNC_MULTITASK_INTERVAL"));
        for r in &p.rules.items {
            let _ = (r.canonical_type(), r.info());
        }
    }
    fn user(u: &v1::User) {
        let _ = (
            u.created_ms(),
            u.last_login_ms(),
            u.is_ldap(),
            u.may_use_api(),
        );
    }
    if let Some(r) = v.downcast_ref::<v1::DeviceListResponse>() {
        r.devices.items.iter().for_each(device);
        let _ = r.messages.joined();
    } else if let Some(r) = v.downcast_ref::<v1::DeviceResponse>() {
        r.device.iter().for_each(device);
    } else if let Some(r) = v.downcast_ref::<v1::MacLookupResponse>() {
        r.device().into_iter().for_each(device);
    } else if let Some(d) = v.downcast_ref::<v1::Device>() {
        device(d);
    } else if let Some(r) = v.downcast_ref::<v1::UnlockResponse>() {
        r.passcodes.items.iter().for_each(|p| {
            let _ = p.kind();
        });
    } else if let Some(r) = v.downcast_ref::<v1::LocateResponse>() {
        let _ = r.latest().map(location);
        r.locations.items.iter().for_each(location);
    } else if let Some(l) = v.downcast_ref::<v1::Location>() {
        location(l);
    } else if let Some(r) = v.downcast_ref::<v1::AlertListResponse>() {
        r.alerts.items.iter().for_each(alert);
    } else if let Some(a) = v.downcast_ref::<v1::Alert>() {
        alert(a);
    } else if let Some(r) = v.downcast_ref::<v1::AppSettingListResponse>() {
        r.appsettings.items.iter().for_each(setting);
    } else if let Some(s) = v.downcast_ref::<v1::AppSetting>() {
        setting(s);
    } else if let Some(r) = v.downcast_ref::<v1::BulkResponse>() {
        let _ = (r.is_invalid_action(), r.invalid_devices.trimmed());
    } else if let Some(r) = v.downcast_ref::<v1::EasListResponse>() {
        let _ = (r.len(), r.is_empty());
        r.all().into_iter().for_each(|(g, d)| {
            let _ = g.as_str();
            eas(d);
        });
    } else if let Some(d) = v.downcast_ref::<v1::EasDevice>() {
        eas(d);
    } else if let Some(r) = v.downcast_ref::<v1::PolicyListResponse>() {
        r.policies.items.iter().for_each(policy);
    } else if let Some(p) = v.downcast_ref::<v1::Policy>() {
        policy(p);
    } else if let Some(r) = v.downcast_ref::<v1::CountryListResponse>() {
        r.countries.items.iter().for_each(|c| {
            let _ = c.enabled();
        });
    } else if let Some(r) = v.downcast_ref::<v1::RegisterResponse>() {
        let _ = r.registration.is_success();
    } else if let Some(r) = v.downcast_ref::<v1::ProfileListResponse>() {
        r.profiles.items.iter().for_each(|p| {
            let _ = (p.kind(), p.updated_ms());
        });
    } else if let Some(r) = v.downcast_ref::<v1::UserResponse>() {
        r.user.iter().for_each(user);
    } else if let Some(r) = v.downcast_ref::<v1::UserListResponse>() {
        r.users.items.iter().for_each(user);
    } else if let Some(m) = v.downcast_ref::<Messages>() {
        let _ = (m.joined(), m.is_empty());
    } else if let Some(e) = v.downcast_ref::<Envelope<Vec<v2::certificates::CertificateRecord>>>() {
        let _ = e.text();
        for r in e.results.iter().flatten() {
            let _ = r
                .expired_at
                .as_deref()
                .map(wire::datetime::parse_to_epoch_ms);
            let _ = r
                .certificate_status
                .as_deref()
                .map(str::parse::<v2::certificates::CertificateStatus>);
        }
    } else if let Some(e) = v.downcast_ref::<Envelope<Vec<v2::ce::ConfigSummary>>>() {
        for s in e.results.iter().flatten() {
            let _ = s
                .app_sub_type
                .as_deref()
                .map(str::parse::<v2::ce::CaProtocol>);
        }
    } else if let Some(e) = v.downcast_ref::<v2::MessagesOnly>() {
        let _ = e.text();
    } else if let Some(r) = v.downcast_ref::<cps::SearchResults<cps::Device>>() {
        r.search_results.iter().for_each(cps_device_accessors);
    } else if let Some(d) = v.downcast_ref::<cps::Device>() {
        cps_device_accessors(d);
    } else if let Some(r) = v.downcast_ref::<cps::SearchResults<cps::User>>() {
        for u in &r.search_results {
            let _ = (u.ldap_custom("objectguid"), u.custom_attribute("SITE"));
        }
    } else if let Some(r) = v.downcast_ref::<cps::SearchResults<cps::AppCatalogApp>>() {
        for a in &r.search_results {
            let _ = a.platform().display();
        }
    } else if let Some(l) = v.downcast_ref::<Vec<cps::DeviceLocation>>() {
        for x in l {
            let _ = x.location.as_ref().map(cps::LatLong::degrees);
        }
    } else if let Some(m) = v.downcast_ref::<Vec<cps::MetadataItem>>() {
        let _ = m.iter().filter(|i| i.writable()).count();
    }
}

fn cps_device_accessors(d: &cps::Device) {
    let _ = (
        d.custom_attribute("nacCompliant"),
        d.status.map(|s| s.as_str()),
    );
}

// ---------------------------------------------------------------------------------------------
// Generators

/// Strings the tolerant paths care about, beside arbitrary text.
const TRICKY_STRINGS: &[&str] = &[
    "",
    " ",
    "  \t",
    "true",
    "True",
    "TRUE",
    "tRuE",
    "false",
    "False",
    "FALSE",
    "1",
    "0",
    "yes",
    "-4",
    " 42 ",
    "4x",
    "1.5",
    "1e3",
    "-0",
    "+5",
    "0x10",
    "NaN",
    "inf",
    "-inf",
    "1e400",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "4294967295",
    "4294967296",
    "2011-07-08T01:52:33+00:00",
    "2020-01-02T01:00:00+0100",
    "2020-01-02",
    "1324421860972",
    "7/6/2010 11:29:33 AM",
    "ACTIVE",
    "retire_pending",
    "CERTIFICATE",
    "SYSTEM",
    "LookupFailure",
    "GPS",
    "Cell",
    "NA",
    "Q",
    "SYNC_MULTITASK_INVERVAL",
    "Registered",
    "Auto",
    "ROLE_API",
    "b8:ff:61:7f:79:26",
    "\u{0}",
    "\u{feff}",
    "é",
    "\u{1f}",
    "=cmd|' /C calc'!A0",
    "<html>",
];

fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(TRICKY_STRINGS).prop_map(String::from),
        2 => any::<String>(),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => "[ ]{0,2}[-+]?[0-9]{1,21}[ ]{0,2}",
        1 => "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?(Z|[+-][0-9]{2}:?[0-9]{2})?)?",
    ]
}

fn boundary_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        select(vec![
            json!(i64::MIN),
            json!(i64::MAX),
            json!(u64::MAX),
            json!(i64::MAX as u64 + 1),
            json!(u32::MAX),
            json!(u64::from(u32::MAX) + 1),
            json!(0),
            json!(-1),
            json!(-0.0),
            json!(0.5),
            json!(1e19),
            json!(-1e19),
            json!(9.223372036854776e18),
            json!(-9.223372036854776e18),
            json!(1.8446744073709552e19),
            json!(1e300),
            json!(f64::MIN_POSITIVE),
            json!(99_999_999_999i64),
            json!(100_000_000_000i64),
            json!(-100_000_000_000i64),
        ]),
        select(TRICKY_STRINGS).prop_map(Value::from),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(Value::Number)),
        1 => (-1.0e6..1.0e6f64).prop_map(Value::from),
        1 => boundary_number(),
        4 => tricky_string().prop_map(Value::from),
    ]
}

fn key_from(keys: Vec<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(keys),
        1 => "[a-zA-Z]{1,12}",
        1 => any::<String>(),
    ]
}

/// Arbitrary JSON whose object keys are mostly from `keys`.
fn json_with_keys(keys: Vec<String>) -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec((key_from(keys.clone()), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn json_value() -> impl Strategy<Value = Value> {
    json_with_keys(FIELD_NAMES.clone())
}

/// One edit of a JSON tree, applied at a node chosen by index in pre-order.
#[derive(Debug, Clone)]
enum Edit {
    /// The node becomes arbitrary JSON.
    Replace(Value),
    /// The node becomes a boundary number or a tricky string.
    Boundary(Value),
    /// A loose-server rewrite of the node (see [`loosen`]).
    Loosen(u8, u8),
    RemoveKey(Index),
    AddKey(String, Value),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => json_value().prop_map(Edit::Replace),
        2 => boundary_number().prop_map(Edit::Boundary),
        6 => (any::<u8>(), any::<u8>()).prop_map(|(k, v)| Edit::Loosen(k, v)),
        1 => any::<Index>().prop_map(Edit::RemoveKey),
        1 => (key_from(FIELD_NAMES.clone()), json_value()).prop_map(|(k, v)| Edit::AddKey(k, v)),
    ]
}

fn count_nodes(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count_nodes).sum(),
        Value::Object(o) => o.values().map(count_nodes).sum(),
        _ => 0,
    }
}

fn apply(root: &mut Value, at: &Index, edit: &Edit) {
    fn walk(v: &mut Value, target: &mut usize, edit: &Edit) -> bool {
        if *target == 0 {
            edit_node(v, edit);
            return true;
        }
        *target -= 1;
        match v {
            Value::Array(a) => a.iter_mut().any(|x| walk(x, target, edit)),
            Value::Object(o) => o.values_mut().any(|x| walk(x, target, edit)),
            _ => false,
        }
    }
    let mut target = at.index(count_nodes(root));
    walk(root, &mut target, edit);
}

fn edit_node(v: &mut Value, edit: &Edit) {
    match edit {
        Edit::Replace(x) | Edit::Boundary(x) => *v = x.clone(),
        Edit::Loosen(kind, variant) => loosen(v, *kind, *variant),
        Edit::RemoveKey(i) => {
            if let Value::Object(o) = v {
                if let Some(k) = (!o.is_empty()).then(|| o.keys().nth(i.index(o.len())).cloned()) {
                    o.remove(&k.expect("index in range"));
                }
            }
        }
        Edit::AddKey(k, x) => {
            if let Value::Object(o) = v {
                o.insert(k.clone(), x.clone());
            }
        }
    }
}

/// The ways a JAXB/Jettison server loosens a value (digest `epmm-v1-api.md`, "1.5 Response formats
/// and XML roots"), plus some plainly wrong ones.
fn loosen(v: &mut Value, kind: u8, variant: u8) {
    let spell = |b: bool| -> Value {
        let t: [Value; 6] = [
            json!("True"),
            json!("TRUE"),
            json!("true"),
            json!("1"),
            json!(1),
            json!(" tRue "),
        ];
        let f: [Value; 6] = [
            json!("False"),
            json!("FALSE"),
            json!("false"),
            json!("0"),
            json!(0),
            json!(" fAlse "),
        ];
        let i = usize::from(variant) % 6;
        if b {
            t[i].clone()
        } else {
            f[i].clone()
        }
    };
    let old = std::mem::take(v);
    *v = match (kind % 12, old) {
        // A number or a boolean as a string, a numeric string as a number.
        (0, Value::Number(n)) if variant % 2 == 0 => Value::String(n.to_string()),
        (0, Value::Number(n)) => Value::String(format!(" {n} ")),
        (0, Value::Bool(b)) | (1, Value::Bool(b)) => spell(b),
        (0, Value::String(s)) => match s.trim().parse::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => match s
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
            {
                Some(n) => Value::Number(n),
                None => Value::String(s),
            },
        },
        // One element instead of a list, a list instead of one element.
        (2, x) => Value::Array(vec![x]),
        (3, x) => Value::Array(vec![x.clone(), x]),
        (4, Value::Array(a)) if variant % 2 == 0 => a.into_iter().next().unwrap_or(Value::Null),
        (4, Value::Array(a)) => a
            .into_iter()
            .last()
            .unwrap_or_else(|| Value::String(String::new())),
        // Empty in every spelling.
        (5, _) => Value::Null,
        (6, _) => Value::String(String::new()),
        (7, _) => Value::Object(Map::new()),
        (8, _) => Value::Array(Vec::new()),
        // Wrapped in a (plausible) element.
        (9, x) => {
            let names = FIELD_NAMES.as_slice();
            let key = names[usize::from(variant) % names.len()].clone();
            Value::Object([(key, x)].into_iter().collect())
        }
        // Blanks around text; an integer written as a float.
        (10, Value::String(s)) => Value::String(format!(" {s} ")),
        (10, Value::Number(n)) => n.as_f64().map(Value::from).unwrap_or(Value::Number(n)),
        // An object or a list where a scalar belongs.
        (11, x @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => {
            if variant % 2 == 0 {
                json!({ "value": x })
            } else {
                json!([x, x])
            }
        }
        (_, x) => x,
    };
}

/// A seed of one type with edits applied: `(type index, JSON text)`.
fn edited_seed() -> impl Strategy<Value = (usize, Vec<u8>)> {
    edited_seed_of(0..TYPES.len())
}

fn edited_seed_of(types: std::ops::Range<usize>) -> impl Strategy<Value = (usize, Vec<u8>)> {
    (types, vec((any::<Index>(), edit()), 0..8)).prop_map(|(t, edits)| {
        let mut v = TYPES[t].seed.clone();
        for (at, e) in &edits {
            apply(&mut v, at, e);
        }
        (t, serde_json::to_vec(&v).expect("a Value serialises"))
    })
}

/// Byte-level damage to a seed's JSON text.
#[derive(Debug, Clone)]
enum ByteEdit {
    Set(Index, u8),
    Insert(Index, &'static str),
    Delete(Index, u8),
    Truncate(Index),
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "\\udc00\\ud800",
    "null",
    "true",
    "1e999",
    "-",
    "-0",
    "0x1",
    "1.",
    ".5",
    "\u{0}",
    "\u{feff}",
    "é",
    "\u{10ffff}",
    "9223372036854775808",
    "18446744073709551616",
    "-9223372036854775809",
    "\"\"",
    "{}",
    "[]",
];

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        3 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| ByteEdit::Set(i, b)),
        3 => (any::<Index>(), select(TOKENS)).prop_map(|(i, t)| ByteEdit::Insert(i, t)),
        2 => (any::<Index>(), 1..16u8).prop_map(|(i, n)| ByteEdit::Delete(i, n)),
        1 => any::<Index>().prop_map(ByteEdit::Truncate),
    ]
}

fn damaged_seed() -> impl Strategy<Value = (usize, Vec<u8>)> {
    damaged_seed_of(0..TYPES.len())
}

fn damaged_seed_of(types: std::ops::Range<usize>) -> impl Strategy<Value = (usize, Vec<u8>)> {
    (types, vec(byte_edit(), 1..6)).prop_map(|(t, edits)| {
        let mut b = serde_json::to_vec(&TYPES[t].seed).expect("a Value serialises");
        for e in edits {
            let at = |i: &Index, len: usize| i.index(len + 1);
            match e {
                ByteEdit::Set(i, x) if !b.is_empty() => {
                    let n = b.len();
                    b[i.index(n)] = x;
                }
                ByteEdit::Set(..) => {}
                ByteEdit::Insert(i, t) => {
                    let p = at(&i, b.len());
                    b.splice(p..p, t.bytes());
                }
                ByteEdit::Delete(i, n) => {
                    let p = at(&i, b.len());
                    let end = (p + usize::from(n)).min(b.len());
                    b.drain(p..end);
                }
                ByteEdit::Truncate(i) => {
                    let p = at(&i, b.len());
                    b.truncate(p);
                }
            }
        }
        (t, b)
    })
}

/// Parses `bytes` as every wire type. Returns whether type `t` parsed.
fn check_all(bytes: &[u8], t: Option<usize>) -> Result<bool, TestCaseError> {
    let mut hit = false;
    for (i, w) in TYPES.iter().enumerate() {
        let ok = (w.check)(w.name, bytes)?;
        if Some(i) == t {
            hit = ok;
        }
    }
    Ok(hit)
}

// ---------------------------------------------------------------------------------------------
// 1. No panic, and a round trip for whatever parses.

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..512)) {
        check_all(&bytes, None)?;
    }

    #[test]
    fn arbitrary_json_never_panics_and_round_trips(
        (t, v) in (0..TYPES.len()).prop_flat_map(|t| {
            let keys = keys_of(&TYPES[t].seed);
            (Just(t), vec((key_from(keys.clone()), json_with_keys(keys)), 0..10)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())))
        }),
        any_shape in json_value(),
    ) {
        check_all(&serde_json::to_vec(&v).unwrap(), Some(t))?;
        check_all(&serde_json::to_vec(&any_shape).unwrap(), None)?;
    }

    #[test]
    fn damaged_answers_never_panic((t, bytes) in damaged_seed()) {
        check_all(&bytes, Some(t))?;
    }
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn loosened_answers_never_panic_and_round_trip((t, bytes) in edited_seed()) {
        check_all(&bytes, Some(t))?;
    }
}

// ---------------------------------------------------------------------------------------------
// 1b. A device list read while it arrives (`wire::stream`) is the device list read whole.

/// The devices of a `DeviceListResponse` fed in chunks of `chunk` bytes through
/// [`wire::stream::ArrayStream`], as the portal reads them: each element parsed as it completes,
/// then the envelope. `None` when any part does not parse. With `leading`, each element that
/// starts in a chunk is first read from the front (`ArrayStream::feed_elements`,
/// `ListDevice::from_json_leading`), as the portal reads the device list.
///
/// Each element is also read as the portal reads it, as a [`v1::ListDevice`] borrowing its texts,
/// which must be the owned reading exactly (the same error, or the same fields).
fn streamed_devices(bytes: &[u8], chunk: usize, leading: bool) -> Option<Vec<v1::Device>> {
    use wire::stream::Element;
    let mut s = wire::stream::ArrayStream::new(v1::DEVICE_LIST_ARRAY);
    let mut out = Vec::new();
    for c in bytes.chunks(chunk) {
        s.feed_elements(c, |e, _| match e {
            Element::Leading(_) if !leading => Ok(None),
            Element::Leading(front) => {
                Ok(v1::ListDevice::from_json_leading(front).map(|(b, n)| {
                    let owned = serde_json::from_slice::<v1::Device>(&front[..n])
                        .expect("a device read from the front is a device on its own");
                    assert_eq!(
                        serde_json::to_value(b).unwrap(),
                        serde_json::to_value(&owned).unwrap()
                    );
                    out.push(owned);
                    n
                }))
            }
            Element::Whole(e) => {
                let borrowed = v1::ListDevice::from_json(e);
                let owned = serde_json::from_slice::<v1::Device>(e);
                match (&borrowed, &owned) {
                    (Ok(b), Ok(o)) => assert_eq!(
                        serde_json::to_value(b).unwrap(),
                        serde_json::to_value(o).unwrap()
                    ),
                    (Err(b), Err(o)) => assert_eq!(b.to_string(), o.to_string()),
                    _ => panic!("borrowed {borrowed:?} but owned {owned:?}"),
                }
                out.push(owned?);
                Ok::<_, serde_json::Error>(None)
            }
        })
        .ok()?;
    }
    let rest: v1::DeviceListResponse = serde_json::from_slice(&s.finish()).ok()?;
    out.extend(rest.devices.items);
    Some(out)
}

fn whole_devices(bytes: &[u8]) -> Option<Vec<v1::Device>> {
    serde_json::from_slice::<v1::DeviceListResponse>(bytes)
        .ok()
        .map(|r| r.devices.items)
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn streamed_device_lists_equal_whole_parses(
        (_, bytes) in prop_oneof![damaged_seed_of(0..1), edited_seed_of(0..1)],
        chunk in prop_oneof![1..48usize, 48..4096usize],
        pretty in any::<bool>(),
        leading in any::<bool>(),
    ) {
        let bytes = match serde_json::from_slice::<Value>(&bytes) {
            Ok(v) if pretty => serde_json::to_vec_pretty(&v).unwrap(),
            _ => bytes,
        };
        prop_assert_eq!(
            streamed_devices(&bytes, chunk, leading),
            whole_devices(&bytes),
            "{}",
            String::from_utf8_lossy(&bytes)
        );
    }

    #[test]
    fn streamed_arbitrary_bytes_equal_whole_parses(
        bytes in vec(any::<u8>(), 0..256),
        chunk in 1..300usize,
        leading in any::<bool>(),
    ) {
        prop_assert_eq!(streamed_devices(&bytes, chunk, leading), whole_devices(&bytes));
    }
}

/// The first seed is the device list, and most of its loosened forms still parse, streamed too.
#[test]
fn streamed_seed_is_the_device_list() {
    let bytes = serde_json::to_vec(&TYPES[0].seed).unwrap();
    let whole = whole_devices(&bytes).expect("the device list seed parses");
    assert_eq!(whole.len(), 2);
    assert_eq!(streamed_devices(&bytes, 7, false), Some(whole.clone()));
    assert_eq!(streamed_devices(&bytes, 7, true), Some(whole.clone()));
    assert_eq!(streamed_devices(&bytes, bytes.len(), true), Some(whole));
}

/// The edits must leave most answers readable, or the round-trip property would test little:
/// every type parses from its seed, and from a good share of edited seeds.
#[test]
fn edited_seeds_mostly_still_parse() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    for w in TYPES.iter() {
        let bytes = serde_json::to_vec(&w.seed).unwrap();
        assert!(
            (w.check)(w.name, &bytes).unwrap(),
            "the seed of {} does not parse",
            w.name
        );
    }
    // 40 edits of each type, drawn type by type: adding a type does not change the edits of the
    // others.
    let mut runner = TestRunner::deterministic();
    let mut parsed = vec![0usize; TYPES.len()];
    let mut tried = vec![0usize; TYPES.len()];
    for t in 0..TYPES.len() {
        let strategy = edited_seed_of(t..t + 1);
        for _ in 0..40 {
            let (t, bytes) = strategy.new_tree(&mut runner).unwrap().current();
            tried[t] += 1;
            if (TYPES[t].check)(TYPES[t].name, &bytes).unwrap() {
                parsed[t] += 1;
            }
        }
    }
    let report: Vec<String> = TYPES
        .iter()
        .enumerate()
        .map(|(i, w)| format!("{}: {}/{}", w.name, parsed[i], tried[i]))
        .collect();
    eprintln!("edited seeds that parse: {}", report.join(", "));
    for (i, w) in TYPES.iter().enumerate() {
        assert!(
            parsed[i] > 0 && parsed[i] * 10 >= tried[i],
            "{}: only {} of {} edited seeds parse",
            w.name,
            parsed[i],
            tried[i]
        );
    }
    let (p, t): (usize, usize) = (parsed.iter().sum(), tried.iter().sum());
    assert!(p * 3 >= t, "only {p} of {t} edited seeds parse");
}

/// Nesting far beyond any answer must be an error, not a stack overflow.
#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for depth in [127, 128, 129, 1000, 100_000] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", "{\"results\":".repeat(depth), "}".repeat(depth));
        let in_field = format!(
            "{{\"results\":{}{}, \"messages\":{{\"message\":{}\"x\"{}}}}}",
            "[".repeat(depth),
            "]".repeat(depth),
            "[".repeat(depth),
            "]".repeat(depth)
        );
        for text in [arrays, objects, in_field] {
            check_all(text.as_bytes(), None).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2. The tolerant helpers accept exactly what they document.

macro_rules! holder {
    ($name:ident, $t:ty, $with:literal) => {
        #[derive(Debug, Deserialize)]
        struct $name {
            #[serde(default, deserialize_with = $with)]
            v: $t,
        }
    };
}
holder!(OptI64, Option<i64>, "wire::lenient::opt_i64");
holder!(IntI64, i64, "wire::lenient::int_i64");
holder!(OptU64, Option<u64>, "wire::lenient::opt_u64");
holder!(IntU64, u64, "wire::lenient::int_u64");
holder!(IntU32, u32, "wire::lenient::int_u32");
holder!(OptF64, Option<f64>, "wire::lenient::opt_f64");
holder!(OptBool, Option<bool>, "wire::lenient::opt_bool");
holder!(Bool, bool, "wire::lenient::boolean");
holder!(Text, String, "wire::lenient::string");
holder!(ManyI64, Vec<i64>, "wire::lenient::one_or_many_i64");

/// Reads `{"v": <json>}` into a holder; `None` when that is an error.
fn read<H: DeserializeOwned>(json: &str) -> Option<H> {
    serde_json::from_str(&format!("{{\"v\":{json}}}")).ok()
}

fn integer() -> impl Strategy<Value = i128> {
    let near = |c: i128| (-3i128..=3).prop_map(move |d| c + d);
    prop_oneof![
        any::<i64>().prop_map(i128::from),
        any::<u64>().prop_map(i128::from),
        any::<i128>(),
        near(0),
        near(i128::from(i64::MIN)),
        near(i128::from(i64::MAX)),
        near(i128::from(u64::MAX)),
        near(i128::from(u32::MAX)),
    ]
}

const I64_END: f64 = 9_223_372_036_854_775_808.0; // 2^63
const U64_END: f64 = 18_446_744_073_709_551_616.0; // 2^64

proptest! {
    #![proptest_config(config(512))]

    /// Integers, as JSON numbers or as decimal strings (blanks around, `+` allowed), are read
    /// exactly when they fit the field's type, and are an error otherwise, never a clamped value.
    #[test]
    fn integers_are_read_exactly_within_their_range(
        n in integer(),
        quoted in any::<bool>(),
        pad in " {0,2}",
        plus in any::<bool>(),
    ) {
        let text = if quoted {
            let sign = if plus && n >= 0 { "+" } else { "" };
            serde_json::to_string(&format!("{pad}{sign}{n}{pad}")).unwrap()
        } else {
            n.to_string()
        };
        let i64_ = i64::try_from(n).ok();
        let u64_ = u64::try_from(n).ok();
        let u32_ = u32::try_from(n).ok();
        prop_assert_eq!(read::<OptI64>(&text).map(|h| h.v), i64_.map(Some), "opt_i64 {}", text);
        prop_assert_eq!(read::<IntI64>(&text).map(|h| h.v), i64_, "int_i64 {}", text);
        prop_assert_eq!(read::<OptU64>(&text).map(|h| h.v), u64_.map(Some), "opt_u64 {}", text);
        prop_assert_eq!(read::<IntU64>(&text).map(|h| h.v), u64_, "int_u64 {}", text);
        prop_assert_eq!(read::<IntU32>(&text).map(|h| h.v), u32_, "int_u32 {}", text);
        prop_assert_eq!(read::<ManyI64>(&text).map(|h| h.v), i64_.map(|n| vec![n]), "one {}", text);
        let list = format!("[{text},{text}]");
        prop_assert_eq!(read::<ManyI64>(&list).map(|h| h.v), i64_.map(|n| vec![n, n]), "{}", list);
    }

    /// A JSON number with a fraction part or an exponent is an integer only when it is integral
    /// and inside the type's range (2^63 and 2^64 excluded: beyond them a float cannot be read
    /// back exactly, and an integer literal outside the u64 range arrives as such a float).
    #[test]
    fn float_literals_are_integers_only_when_integral_and_in_range(
        v in prop_oneof![
            any::<f64>(),
            (-1.0e20..1.0e20f64).prop_map(f64::trunc),
            select(vec![I64_END, -I64_END, U64_END, -0.0, 0.5, 1e19, -1e19, 4294967295.0, 4294967296.0]),
        ],
    ) {
        prop_assume!(v.is_finite());
        let lit = serde_json::to_string(&v).unwrap();
        let parsed: f64 = serde_json::from_str(&lit).unwrap();
        let integral = parsed.fract() == 0.0;
        let i64_ = (integral && parsed > -I64_END && parsed < I64_END).then_some(parsed as i64);
        let u64_ = (integral && parsed > -1.0 && parsed < U64_END).then_some(parsed as u64);
        let u32_ = i64_.and_then(|n| u32::try_from(n).ok());
        prop_assert_eq!(read::<OptI64>(&lit).map(|h| h.v), i64_.map(Some), "opt_i64 {}", lit);
        prop_assert_eq!(read::<IntI64>(&lit).map(|h| h.v), i64_, "int_i64 {}", lit);
        prop_assert_eq!(read::<OptU64>(&lit).map(|h| h.v), u64_.map(Some), "opt_u64 {}", lit);
        prop_assert_eq!(read::<IntU64>(&lit).map(|h| h.v), u64_, "int_u64 {}", lit);
        prop_assert_eq!(read::<IntU32>(&lit).map(|h| h.v), u32_, "int_u32 {}", lit);
        prop_assert_eq!(read::<OptF64>(&lit).map(|h| h.v), Some(Some(parsed)), "opt_f64 {}", lit);
        let quoted = serde_json::to_string(&lit).unwrap();
        prop_assert_eq!(read::<OptF64>(&quoted).map(|h| h.v), Some(Some(parsed)), "opt_f64 {}", quoted);
    }

    /// `true`/`false` in any letter case (blanks around), `1`/`0` as text or number, any
    /// non-zero number, and JSON booleans.
    #[test]
    fn booleans_in_every_case_spelling(b in any::<bool>(), mask in any::<u8>(), pad in "[ \t\r\n]{0,2}", n in any::<i64>()) {
        let word = if b { "true" } else { "false" };
        let spelled: String = word
            .chars()
            .enumerate()
            .map(|(i, c)| if mask >> i & 1 == 1 { c.to_ascii_uppercase() } else { c })
            .collect();
        let digit = if b { "1" } else { "0" };
        for v in [json!(format!("{pad}{spelled}{pad}")), json!(b), json!(digit), json!(u8::from(b))] {
            let text = v.to_string();
            prop_assert_eq!(read::<OptBool>(&text).map(|h| h.v), Some(Some(b)), "{}", text);
            prop_assert_eq!(read::<Bool>(&text).map(|h| h.v), Some(b), "{}", text);
        }
        prop_assert_eq!(read::<OptBool>(&n.to_string()).map(|h| h.v), Some(Some(n != 0)));
        prop_assert_eq!(read::<OptBool>(&json!(pad).to_string()).map(|h| h.v), Some(None));
        prop_assert_eq!(read::<Bool>("null").map(|h| h.v), Some(false));
    }

    /// Any other text is not a boolean.
    #[test]
    fn other_text_is_not_a_boolean(s in prop_oneof![any::<String>(), select(TRICKY_STRINGS).prop_map(String::from)]) {
        let want = match s.trim().to_ascii_lowercase().as_str() {
            "" => Some(None),
            "true" | "1" => Some(Some(true)),
            "false" | "0" => Some(Some(false)),
            _ => None,
        };
        prop_assert_eq!(read::<OptBool>(&json!(s).to_string()).map(|h| h.v), want);
    }

    /// `string` reads any scalar as its text, `null` and `{}` as empty.
    #[test]
    fn scalars_read_as_text(s in any::<String>(), n in any::<i64>(), u in any::<u64>(), b in any::<bool>()) {
        prop_assert_eq!(read::<Text>(&json!(s).to_string()).map(|h| h.v), Some(s.clone()));
        prop_assert_eq!(read::<Text>(&n.to_string()).map(|h| h.v), Some(n.to_string()));
        prop_assert_eq!(read::<Text>(&u.to_string()).map(|h| h.v), Some(u.to_string()));
        prop_assert_eq!(read::<Text>(&b.to_string()).map(|h| h.v), Some(b.to_string()));
        prop_assert_eq!(read::<Text>("null").map(|h| h.v), Some(String::new()));
        prop_assert_eq!(read::<Text>("{}").map(|h| h.v), Some(String::new()));
        let object = json!({ "k": s }).to_string();
        prop_assert!(read::<Text>(&object).is_none());
    }
}

#[derive(Debug, Deserialize)]
struct WithMessages {
    #[serde(default)]
    messages: Messages,
}

proptest! {
    #![proptest_config(config(512))]

    /// `messages` in every shape the digest lists (`epmm-v1-api.md`, "1.5 Response formats and XML
    /// roots"): absent, `null`, `""`, `{}`, a bare string, an array, `{"message": "one"}`,
    /// `{"message": [...]}`; scalars in a list are read as text. Whatever is read is written as
    /// `{"message": [...]}` and reads back the same.
    #[test]
    fn messages_accept_every_shape(
        texts in vec(prop_oneof![any::<String>(), select(TRICKY_STRINGS).prop_map(String::from)], 0..5),
        shape in 0..11u8,
        n in any::<i64>(),
    ) {
        let one = texts.first().cloned().unwrap_or_default();
        let one_or_none = if one.trim().is_empty() { vec![] } else { vec![one.clone()] };
        let (body, want): (Option<Value>, Vec<String>) = match shape {
            0 => (Some(json!({ "message": texts })), texts.clone()),
            1 => (Some(json!(texts)), texts.clone()),
            2 => (Some(json!({ "message": one })), one_or_none),
            3 => (Some(json!(one)), one_or_none),
            4 => (Some(Value::Null), vec![]),
            5 => (Some(json!("")), vec![]),
            6 => (Some(json!({})), vec![]),
            7 => (None, vec![]),
            8 => (Some(json!({ "message": null })), vec![]),
            9 => (Some(json!([n, true, null, {}])), vec![n.to_string(), "true".into(), String::new(), String::new()]),
            _ => (Some(json!({ "message": n, "other": [1, 2] })), vec![n.to_string()]),
        };
        let doc = match &body {
            Some(b) => json!({ "messages": b }),
            None => json!({}),
        };
        let got = serde_json::from_value::<WithMessages>(doc.clone());
        prop_assert!(got.is_ok(), "{} does not parse: {:?}", doc, got.err());
        let m = got.unwrap().messages;
        prop_assert_eq!(&m.0, &want, "{}", doc);
        let out = serde_json::to_value(&m).unwrap();
        prop_assert_eq!(&out, &json!({ "message": want }));
        prop_assert_eq!(serde_json::from_value::<Messages>(out).unwrap(), m);
    }
}

fn any_label() -> impl Strategy<Value = v1::Label> {
    (
        any::<i64>(),
        any::<String>(),
        any::<String>(),
        any::<bool>(),
        any::<i64>(),
        proptest::option::of(any::<i64>()),
    )
        .prop_map(
            |(id, name, description, static_label, device_count, is_es_search)| v1::Label {
                id,
                name,
                description,
                static_label,
                query: String::new(),
                device_count,
                is_es_search,
            },
        )
}

/// A label as a loose server writes it: numbers as strings, booleans spelled, blanks.
fn loose_label(l: &v1::Label, how: u8) -> Value {
    let num = |n: i64, bit: u8| {
        if how >> bit & 1 == 1 {
            json!(format!(" {n} "))
        } else {
            json!(n)
        }
    };
    let flag = if how >> 2 & 1 == 1 {
        json!(if l.static_label { "True" } else { "FALSE" })
    } else {
        json!(l.static_label)
    };
    let mut o = json!({
        "id": num(l.id, 0),
        "name": l.name,
        "description": l.description,
        "staticLabel": flag,
        "deviceCount": num(l.device_count, 1),
    });
    match l.is_es_search {
        Some(n) => o["isESSearch"] = num(n, 3),
        None if how >> 4 & 1 == 1 => o["isESSearch"] = json!(""),
        None if how >> 5 & 1 == 1 => o["isESSearch"] = Value::Null,
        None => {}
    }
    if how >> 6 & 1 == 1 {
        o["query"] = Value::Null;
    }
    o
}

proptest! {
    #![proptest_config(config(512))]

    /// A list reads the same in every documented shape: an array, one object instead of an
    /// array of one, and an empty list as a missing, `null`, `""` or `[]` element, or a missing or
    /// `""` container (lenient.rs: "an empty container is missing or `""`").
    #[test]
    fn lists_read_the_same_in_every_shape(
        labels in vec(any_label(), 0..4),
        how in any::<u8>(),
        shape in 0..8u8,
    ) {
        let items: Vec<Value> = labels.iter().map(|l| loose_label(l, how)).collect();
        let labels_value = match (shape, items.len()) {
            (1, 1) => Some(json!({ "label": items[0] })),
            (2, 0) => Some(json!({ "label": null })),
            (3, 0) => Some(json!({ "label": "" })),
            (4, 0) => Some(json!({})),
            (5, 0) => None,
            (6, 0) => Some(json!("")),
            (7, 0) => Some(Value::Null),
            _ => Some(json!({ "label": items })),
        };
        let mut doc = json!({ "messages": {"message": ["x"]}, "totalCount": labels.len() });
        if let Some(l) = labels_value {
            doc["labels"] = l;
        }
        let got = serde_json::from_value::<v1::LabelListResponse>(doc.clone());
        prop_assert!(got.is_ok(), "{} does not parse: {:?}", doc, got.err());
        prop_assert_eq!(&got.unwrap().labels.items, &labels, "{}", doc);
    }

    /// Entries (device `details`, app-setting `properties`) read the same as one block, several
    /// blocks, a single entry object, or bare entries (device.rs: "Either one block, several
    /// blocks, or bare entries").
    #[test]
    fn entries_read_the_same_in_every_shape(
        entries in vec((any::<String>(), any::<String>()), 0..5),
        split in any::<Index>(),
        shape in 0..6u8,
    ) {
        let list: Vec<Value> = entries.iter().map(|(k, v)| json!({ "key": k, "value": v })).collect();
        let at = split.index(list.len() + 1);
        let value = match (shape, list.len()) {
            (1, _) => json!({ "entry": list }),
            (2, _) => json!([{ "entry": list[..at] }, { "entry": list[at..] }]),
            (3, _) => json!(list),
            (4, 1) => list[0].clone(),
            (5, 1) => json!([{ "entry": list[0] }]),
            _ => json!([{ "entry": list }]),
        };
        let want = Entries(entries.iter().map(|(k, v)| Entry::new(k.clone(), v.clone())).collect());
        let got = serde_json::from_value::<Entries>(value.clone());
        prop_assert!(got.is_ok(), "{} does not parse: {:?}", value, got.err());
        prop_assert_eq!(got.unwrap(), want, "{}", value);
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Dates.

/// Days since 1970-01-01 of a civil date, by the `time` crate (the code under test no longer uses
/// it).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let month = time::Month::try_from(m as u8).unwrap();
    let date = time::Date::from_calendar_date(y as i32, month, d as u8).unwrap();
    i64::from(date.to_julian_day()) - i64::from(time::macros::date!(1970 - 01 - 01).to_julian_day())
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DDTHH:MM:SS+00:00` of epoch ms, by the `time` crate (the code under test no longer
/// uses it).
fn iso_utc(ms: i64) -> String {
    let dt = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).unwrap();
    dt.format(time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second]+00:00"
    ))
    .unwrap()
}

/// First millisecond of the year 10000: the `time` crate (without `large-dates`) ends before it.
const YEAR_10000_MS: i64 = 253_402_300_800_000;

#[derive(Debug, Clone)]
struct Stamp {
    y: i64,
    mo: i64,
    d: i64,
    h: i64,
    mi: i64,
    s: i64,
    /// Fraction digits (1..=9) and their value in ms.
    frac: Option<(String, i64)>,
    offset_min: i64,
}

fn stamp() -> impl Strategy<Value = Stamp> {
    (1970..=9999i64, 1..=12i64)
        .prop_flat_map(|(y, mo)| {
            (
                Just(y),
                Just(mo),
                1..=days_in_month(y, mo),
                0..24i64,
                0..60i64,
                0..60i64,
                proptest::option::of("[0-9]{1,9}"),
                -(23 * 60 + 59)..=(23 * 60 + 59i64),
            )
        })
        .prop_map(|(y, mo, d, h, mi, s, frac, offset_min)| Stamp {
            y,
            mo,
            d,
            h,
            mi,
            s,
            frac: frac.map(|f| {
                let ms: i64 = format!("{f:0<3}")[..3].parse().unwrap();
                (f, ms)
            }),
            offset_min,
        })
}

impl Stamp {
    fn local_ms(&self) -> i64 {
        let days = days_from_civil(self.y, self.mo, self.d);
        ((days * 24 + self.h) * 60 + self.mi) * 60_000
            + self.s * 1000
            + self.frac.as_ref().map_or(0, |f| f.1)
    }
    fn text(&self, offset: &str) -> String {
        let frac = self
            .frac
            .as_ref()
            .map(|f| format!(".{}", f.0))
            .unwrap_or_default();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{frac}{offset}",
            self.y, self.mo, self.d, self.h, self.mi, self.s
        )
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn date_parser_never_panics(s in prop_oneof![
        any::<String>(),
        tricky_string(),
        "[-+ 0-9:TZtz.]{0,32}",
        any::<i64>().prop_map(|n| n.to_string()),
    ]) {
        if let Some(ms) = wire::datetime::parse_to_epoch_ms(&s) {
            let _ = (wire::datetime::format_iso(ms), wire::datetime::format_short(ms), wire::datetime::format_date(ms));
        }
    }

    /// Every form the APIs send (offset with and without colon, `Z`, no offset, date only) gives
    /// the instant computed independently; `format_iso` writes it back (seconds precision) in a
    /// form that parses to the same second.
    #[test]
    fn timestamps_parse_and_format_round_trip(st in stamp(), form in 0..5u8) {
        let off = st.offset_min;
        let sign = if off < 0 { '-' } else { '+' };
        let (hh, mm) = (off.abs() / 60, off.abs() % 60);
        let (text, want) = match form {
            0 => (st.text(&format!("{sign}{hh:02}:{mm:02}")), st.local_ms() - off * 60_000),
            1 => (st.text(&format!("{sign}{hh:02}{mm:02}")), st.local_ms() - off * 60_000),
            2 => (st.text("Z"), st.local_ms()),
            3 => {
                let no_frac = Stamp { frac: None, ..st.clone() };
                (no_frac.text(""), no_frac.local_ms())
            }
            _ => (format!("{:04}-{:02}-{:02}", st.y, st.mo, st.d), days_from_civil(st.y, st.mo, st.d) * 86_400_000),
        };
        prop_assert_eq!(wire::datetime::parse_to_epoch_ms(&text), Some(want), "{}", text);
        let iso = wire::datetime::format_iso(want);
        if want < YEAR_10000_MS {
            prop_assert_eq!(&iso, &iso_utc(want));
            let second = want.div_euclid(1000) * 1000;
            prop_assert_eq!(wire::datetime::parse_to_epoch_ms(&iso), Some(second), "{}", iso);
            prop_assert_eq!(wire::datetime::format_short(want), format!("{} {}", &iso[..10], &iso[11..16]));
            prop_assert_eq!(wire::datetime::format_date(want), &iso[..10]);
        } else {
            prop_assert_eq!(iso, "");
        }
    }

    /// Epoch numbers: below 1e11 in magnitude they are seconds, from there on milliseconds; no
    /// value overflows, and the text form reads the same.
    #[test]
    fn epoch_seconds_and_milliseconds(n in prop_oneof![
        any::<i64>(),
        -200_000_000_000..200_000_000_000i64,
        (-2i64..=2).prop_flat_map(|d| select(vec![
            100_000_000_000 + d, -100_000_000_000 + d, i64::MIN - d.min(0), i64::MAX - d.max(0),
        ])),
    ]) {
        let ms = wire::datetime::parse_epoch(n);
        if n.unsigned_abs() < 100_000_000_000 {
            prop_assert_eq!(ms, n * 1000);
        } else {
            prop_assert_eq!(ms, n);
        }
        prop_assert_eq!(wire::datetime::parse_to_epoch_ms(&n.to_string()), Some(ms));
        prop_assert_eq!(wire::datetime::parse_to_epoch_ms(&format!(" {n} ")), Some(ms));
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Other helpers that take outside text.

/// Decodes `%XX` (and `+` as a space when `plus` is set).
fn percent_decode(s: &str, plus: bool) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            }
            b'+' if plus => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn appconnect_rows_never_panic(line in prop_oneof![
        any::<String>(),
        "[-0-9, ]{0,40}",
        (any::<i64>(), any::<i64>(), any::<i64>(), proptest::option::of(any::<i64>())).prop_map(|(a, b, c, d)| {
            match d { Some(d) => format!("{a},{b},{c},{d}"), None => format!("{a}, {b} ,{c}") }
        }),
    ]) {
        if let Some(Ok(s)) = v1::AppConnectSession::parse(&line) {
            prop_assert!(s.duration_s == line.split(',').nth(1).unwrap().trim().parse::<i64>().unwrap());
        }
    }

    #[test]
    fn bitmaps_decode_every_bit(v in any::<u32>()) {
        let d = v1::bitmap::decode(v);
        let known = d.reasons.iter().fold(0u32, |a, r| a | r.bit);
        prop_assert_eq!(known | d.unknown_bits, v);
        prop_assert_eq!(known & d.unknown_bits, 0);
        prop_assert_eq!(d.is_clear(), v == 0);
        let _ = d.describe();
    }

    #[test]
    fn enums_read_any_case_and_reject_the_rest(
        i in any::<Index>(),
        mask in any::<u64>(),
        pad in " {0,2}",
        junk in any::<String>(),
    ) {
        fn spell(s: &str, mask: u64) -> String {
            s.chars().enumerate().map(|(i, c)| {
                if mask >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }
            }).collect()
        }
        let status = *i.get(&v1::DeviceStatus::ALL);
        let text = format!("{pad}{}{pad}", spell(status.as_str(), mask));
        prop_assert_eq!(text.parse::<v1::DeviceStatus>(), Ok(status));
        let kind = *i.get(v1::AppSettingType::ALL);
        let text = format!("{pad}{}{pad}", spell(kind.as_str(), mask));
        prop_assert_eq!(text.parse::<v1::AppSettingType>(), Ok(kind));
        prop_assert_eq!(serde_json::from_value::<v1::AppSettingType>(json!(text)).ok(), Some(kind));
        prop_assert_eq!(v1::AppSettingType::parse_exact(kind.as_str()), Some(kind));
        let ca = *i.get(&v2::ce::CaProtocol::ALL);
        prop_assert_eq!(spell(ca.as_str(), mask).parse::<v2::ce::CaProtocol>(), Ok(ca));
        let known = |s: &str| v1::DeviceStatus::ALL.iter().any(|v| v.as_str().eq_ignore_ascii_case(s.trim()));
        prop_assert_eq!(junk.parse::<v1::DeviceStatus>().is_ok(), known(&junk));
        let _ = (junk.parse::<v1::AlertDefn>(), junk.parse::<v2::certificates::CertificateStatus>());
        let _ = v1::eas::ActionSource::parse_any(&junk);
    }

    /// Path segments and form bodies encode any text so that decoding gives it back.
    #[test]
    fn url_pieces_encode_any_text(a in any::<String>(), b in any::<String>(), mac in any::<String>()) {
        let seg = v1::encode_segment(&a);
        prop_assert!(seg.bytes().all(|c| c.is_ascii_alphanumeric() || b"-._~%".contains(&c)), "{}", seg);
        prop_assert_eq!(percent_decode(&seg, false), a.as_bytes());
        let body = v1::form_body(&[(a.as_str(), b.as_str()), ("k", "v")]);
        let pairs: Vec<Vec<u8>> = body.split('&').flat_map(|p| p.split('=')).map(|x| percent_decode(x, true)).collect();
        prop_assert_eq!(pairs, vec![a.as_bytes().to_vec(), b.as_bytes().to_vec(), b"k".to_vec(), b"v".to_vec()]);
        let norm = v1::normalize_mac(&mac);
        prop_assert!(norm.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase()));
        let _ = (v1::DeviceRef::Mac(mac.clone()).path_tail(), v1::DeviceRef::Uuid(mac).path_tail());
    }

    #[test]
    fn reasons_are_checked_by_characters(reason in proptest::option::of(any::<String>()), required in any::<bool>()) {
        let r = v1::check_reason(reason.as_deref(), required);
        let t = reason.as_deref().map(str::trim).unwrap_or("");
        let want = if t.is_empty() { !required } else { t.chars().count() <= v1::MAX_REASON_CHARS };
        prop_assert_eq!(r.is_ok(), want);
    }
}

// ---------------------------------------------------------------------------------------------
// What these properties found, kept as plain tests.

#[test]
fn found_bugs_stay_fixed() {
    // `parse_epoch` took `i64::MIN.abs()`: a panic (debug) on "-9223372036854775808".
    assert_eq!(wire::datetime::parse_epoch(i64::MIN), i64::MIN);
    assert_eq!(
        wire::datetime::parse_to_epoch_ms("-9223372036854775808"),
        Some(i64::MIN)
    );
    assert!(v1::AppConnectSession::parse("-9223372036854775808,1,1").is_some());
    // An integer literal beyond u64 (read by serde_json as a float) was clamped to i64::MAX.
    assert!(read::<IntI64>("18446744073709551616").is_none());
    assert!(read::<IntI64>("-9223372036854775809").is_none());
    assert!(read::<IntI64>("1e19").is_none());
    assert_eq!(
        read::<IntU64>("1e19").map(|h| h.v),
        Some(10_000_000_000_000_000_000)
    );
    // Bare entries were read as empty blocks and lost.
    let e: Entries = serde_json::from_str(r#"[{"key":"a","value":"b"}]"#).unwrap();
    assert_eq!(e, Entries(vec![Entry::new("a", "b")]));
    let e: Entries = serde_json::from_str(r#"{"key":"a","value":1}"#).unwrap();
    assert_eq!(e, Entries(vec![Entry::new("a", "1")]));
    // An empty container written as `""` (or `null`) was an error.
    for empty in [r#""""#, "null"] {
        let r: v1::DeviceListResponse =
            serde_json::from_str(&format!(r#"{{"totalCount":0,"devices":{empty}}}"#)).unwrap();
        assert!(r.devices.items.is_empty());
    }
    assert!(serde_json::from_str::<v1::DeviceListResponse>(r#"{"devices":"x"}"#).is_err());
    // Floats did not survive a round trip exactly (serde_json without `float_roundtrip`).
    let text = r#"{"results":[6.093668221603587e268,-9.457048120435359e-107]}"#;
    let first: Envelope<Vec<Value>> = serde_json::from_str(text).unwrap();
    let again: Envelope<Vec<Value>> =
        serde_json::from_str(&serde_json::to_string(&first).unwrap()).unwrap();
    assert_eq!(first, again);
}
