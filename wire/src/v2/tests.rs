//! The samples of the V2 guide, read and written back.

use super::ce::{CaProtocol, ConfigSummary, TestCertificate};
use super::certificates::*;
use super::user_provided::*;
use super::users::UserSummary;
use super::*;
use serde_json::json;

#[test]
fn search_sample_response() {
    // The sample response of V2 guide, "Search/Retrieve certificate details", `...` removed.
    let text = r#"{ "results": [ { "id": 2, "serialNumber": 102, "type": "Centralized", "trash": true,
        "expiredAt": "2017-04-18", "createdAt": "2016-04-18", "userId": 9002, "deviceId": 1,
        "deviceUUid": null, "localCAId": 3, "ceSettingName": "LocalCE", "certificateStatus": "ACTIVE",
        "ceId": 8, "consumerAppSettings": [ 8 ] } ],
      "messages": [ { "type": "Info",
        "messageKey": "com.mobileiron.vsp.rest.controllers.CertificateManagementController.Messages.SUCCESS",
        "localizedMessage": "Certificates successfully retrieved", "messageParameters": [ ] } ],
      "resultCount": 6 }"#;
    let e: Envelope<Vec<CertificateRecord>> = serde_json::from_str(text).unwrap();
    let r = &e.results.as_ref().unwrap()[0];
    assert_eq!(r.serial_number.as_deref(), Some("102"));
    assert_eq!(r.user_id.as_deref(), Some("9002"));
    assert_eq!(r.device_uuid, None);
    assert_eq!(r.local_ca_id, Some(3));
    assert_eq!(r.consumer_app_settings, vec![8]);
    assert_eq!(e.result_count, Some(6));
    assert_eq!(e.text(), "Certificates successfully retrieved");
    assert_eq!(
        e.messages.as_ref().unwrap()[0].message_key,
        keys::SEARCH_SUCCESS
    );
    // Written back: numbers stay numbers, the sample's `deviceUUid` spelling, `null` kept.
    let back = serde_json::to_value(r).unwrap();
    assert_eq!(back["serialNumber"], json!(102));
    assert_eq!(back["userId"], json!(9002));
    assert_eq!(back["deviceUUid"], serde_json::Value::Null);
    assert!(back.get("deviceUuid").is_none());
}

#[test]
fn device_uuid_in_three_spellings() {
    for key in ["deviceUUid", "deviceUuid", "deviceUUID"] {
        let r: CertificateRecord = serde_json::from_value(json!({ key: "abc" })).unwrap();
        assert_eq!(r.device_uuid.as_deref(), Some("abc"), "{key}");
        let f: CertificateFilter = serde_json::from_value(json!({ key: "abc" })).unwrap();
        assert_eq!(f.device_uuid.as_deref(), Some("abc"), "{key}");
    }
    // The request is written with the guide's request spelling (V2 guide, "Initiate the processing
    // of certificate details to be exported": the request table).
    let f = CertificateFilter {
        device_uuid: Some("x".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&f).unwrap(),
        json!({"deviceUUID": "x"})
    );
}

#[test]
fn export_sample_request_and_both_answers() {
    let f: CertificateFilter = serde_json::from_str(
        r#"{"adminDeviceSpaceId":1,"ceSettingName":"LocalCE","certificateStatus":"ACTIVE"}"#,
    )
    .unwrap();
    assert_eq!(f.admin_device_space_id, Some(1));
    assert_eq!(f.certificate_status.as_deref(), Some("ACTIVE"));
    let ok: Envelope<ExportLinks> = serde_json::from_str(
        r#"{ "results": { "exportStatusPollUrl": "/api/v2/certificates/search_export_status",
           "csvDownloadUrl": "/api/v2/certificates/search_download_csv" },
           "messages": [ { "type": "Info", "messageKey": "com.mobileiron.vsp.rest.controllers.CertificateManagementController.Messages.PROCESS_INITIATED",
           "localizedMessage": "Certificate details export process initiated successfully", "messageParameters": [ ] } ] }"#,
    )
    .unwrap();
    assert!(ok.results.is_some());
    let busy: Envelope<ExportLinks> = serde_json::from_str(
        r#"{ "messages": [ { "type": "Info", "messageKey": "com.mobileiron.vsp.rest.controllers.CertificateManagementController.Messages.PROCESS_INITIATED",
           "localizedMessage": "Certificate details export is already progress. It might be issued by a different user", "messageParameters": [ ] } ] }"#,
    )
    .unwrap();
    assert!(busy.results.is_none());
    assert_eq!(busy.text(), keys::ALREADY_IN_PROGRESS_TEXT);
}

#[test]
fn export_status_samples_of_certificates_and_users() {
    // V2 guide, "Get status of the export process": the sample response (no `messages`)
    let e: Envelope<ExportStatus> = serde_json::from_str(
        r#"{ "results":{"isRunning":false, "exportStatusMsg":"success",
        "csvFileName":"/mi/tomcat/temp/certificates-5007291726810485269.csv",
        "isExportStatusAvailable":true,"initiatedAt":1461110928255} }"#,
    )
    .unwrap();
    let s = e.results.unwrap();
    assert_eq!(s.is_running, Some(false));
    assert_eq!(s.export_status_msg.as_deref(), Some("success"));
    assert_eq!(s.initiated_at, Some(1_461_110_928_255));
    assert!(e.messages.is_none());
}

#[test]
fn get_certificate_results_object_or_array() {
    #[derive(serde::Deserialize)]
    struct GetCertificate {
        #[serde(default, deserialize_with = "super::lenient::object_or_first")]
        results: Option<UserCertificate>,
    }
    let obj = r#"{ "results": { "id": null, "version": "3", "serialNumber": "xxx4493327816883622",
        "signatureAlgorithm": "SHA256WITHRSA", "notBefore": 1573162384000, "notAfter": 1604698384000,
        "iPhoneDevelopmentAPNSCert": false, "identity": false, "validTimeLine": false } }"#;
    let e: GetCertificate = serde_json::from_str(obj).unwrap();
    let c = e.results.unwrap();
    assert_eq!(c.version.as_deref(), Some("3"));
    assert_eq!(c.not_after, Some(1_604_698_384_000));
    let arr = r#"{ "results": [ { "version": 3 } ] }"#;
    let e: GetCertificate = serde_json::from_str(arr).unwrap();
    assert_eq!(e.results.unwrap().version.as_deref(), Some("3"));
    // `usernId` (the request table) and `userId` (the sample request; V2 guide, "Get list of user
    // provided certificate enrollment ID information…") both name the user.
    let b: UserIdBody = serde_json::from_str(r#"{"usernId":"theadmin"}"#).unwrap();
    assert_eq!(b.user_id.as_deref(), Some("theadmin"));
}

#[test]
fn user_provided_scep_and_users_without_certificates_samples() {
    let e8: Envelope<Vec<CeCertificateDetails>> = serde_json::from_str(
        r#"{ "results": [ { "ceId": 10, "certificateId": 11, "requirePassword": true, "displayName": "testUserProv",
        "certificateExpirationDate": 1604698384000, "certificateUploadedDate": 1577964355000, "isPkcs12": true } ] }"#,
    )
    .unwrap();
    assert_eq!(
        e8.results.unwrap()[0].display_name.as_deref(),
        Some("testUserProv")
    );
    let e11: Envelope<Vec<ConfigSummary>> = serde_json::from_str(
        r#"{"results": [{ "name":"user-provided", "value":"10", "appType":"SCEP", "appSubType":"USER_PROVIDED", "rowType":"ADMIN" }], "resultCount":1 }"#,
    )
    .unwrap();
    let c = &e11.results.unwrap()[0];
    assert_eq!(c.value.as_deref(), Some("10"));
    assert_eq!(
        c.app_sub_type.as_deref().unwrap().parse::<CaProtocol>(),
        Ok(CaProtocol::UserProvided)
    );
    let e15: Envelope<Vec<UserSummary>> = serde_json::from_str(
        r#"{ "results":[ { "id":9001, "principal":"miadmin", "displayName":"miadmin", "firstName":null, "lastName":null, "emailAddress":"x@y" } ], "resultCount":1 }"#,
    )
    .unwrap();
    assert_eq!(e15.results.unwrap()[0].first_name, None);
    let t: TestCertificate =
        serde_json::from_value(json!({"certificate": " [0] Version: 3", "pem": "-----BEGIN"}))
            .unwrap();
    assert!(t.pem.is_some());
}

#[test]
fn enums_have_every_value() {
    assert_eq!(CertificateStatus::ALL.len(), 9);
    assert_eq!(CaProtocol::ALL.len(), 11);
    for s in CertificateStatus::ALL {
        assert_eq!(s.as_str().parse::<CertificateStatus>(), Ok(s));
    }
    for p in CaProtocol::ALL {
        assert_eq!(p.as_str().parse::<CaProtocol>(), Ok(p));
    }
    assert!("ACTIVEX".parse::<CertificateStatus>().is_err());
    assert_eq!(
        "pending_revocation".parse::<CertificateStatus>(),
        Ok(CertificateStatus::PendingRevocation)
    );
}

#[test]
fn messages_written_like_the_samples() {
    // Upload success has no messageParameters (V2 guide, "Upload user-provided certificate": the
    // sample response); search/export have `[ ]`.
    let up = MessagesOnly::message(Message::info(
        keys::SUCCESS_UPLOAD,
        keys::SUCCESS_UPLOAD_TEXT,
    ));
    assert_eq!(
        serde_json::to_value(&up).unwrap(),
        json!({"messages":[{"type":"Info","messageKey":keys::SUCCESS_UPLOAD,"localizedMessage":"Certificate successfully uploaded."}]})
    );
    let m = Message::info_with_params(keys::PROCESS_INITIATED, keys::PROCESS_INITIATED_TEXT);
    assert_eq!(
        serde_json::to_value(&m).unwrap()["messageParameters"],
        json!([])
    );
    assert_eq!(
        revocation::running(76),
        "Pending revocation certs are being processed. Total duration so far 76 Seconds"
    );
}
