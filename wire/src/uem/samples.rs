//! The request samples of the UEM REST API overview, verbatim (a trailing `...` left out), for
//! the tests of the wire types, the mock-server and the portal.

/// "Request Authentication Header": `pmorley` / `cGFzc3dvcmQ=` ("password").
pub const AUTHORIZATION_REQUEST: &str = r#"{
  "provider" : "LOCAL",
  "username" : "pmorley",
  "password" : "cGFzc3dvcmQ="
}"#;

/// "Create/update an entity": a DynamicsSecurityProfile (no `name`: the sample is cut short).
pub const CREATE_ENTITY: &str = r#"{
     "entityDefId": "com.blackberry.mdm.common.entity.profile.DynamicsSecurityProfile",
     "settings": {
         "allPwdAndroidFingerprintAndroidFingerprintColdStart": true,
         "allPwdFormatMaxRepeatX": 3,
         "allWearableAllowAutoReconnect": true,
         "allPwdBiometricsXTOUCHRequirePasswordNotTouchIDPeriod": 1,
         "allPwdFormatIsAlphaNum": true,
         "allWearableAllow": true,
         "allPwdDisallowNumericSequence": true,
         "allDataLeakagePreventionPreventScreenCapture": true,
         "allDataLeakagePreventionPreventiOSScreenRecordingSharing": true,
         "allAllowedCertsUsePkcs12CertEnabled": true,
         "allPwdExpirationX": 60,
         "allPwdAndroidFingerprint": true,
         "allPwdBiometricsXTOUCHFACEColdStart": false
     }
}"#;

/// "Enclosed entities": a DynamicsConnectivityProfile with enclosed routes referring to the
/// cluster `e1433bc5-5523-4cd7-9c7b-96ee2b95b06f` ("First").
pub const ENCLOSED_ENTITIES: &str = r#"{
    "entityDefId": "com.blackberry.mdm.common.entity.profile.DynamicsConnectivityProfile",
    "settings": {
        "name": "Sample Dynamics Connectivity profile",
        "description": "This is just a sample Dynamics connectivity profile",
        "routeAllTraffic": false,
        "defaultDomains": [
            {
                "entityDefId": "com.blackberry.mdm.common.entity.DefaultDomainRoute",
                "settings": {
                    "primaryCluster": {
                        "entityDefId": "com.blackberry.mdm.common.entity.Cluster",
                        "entityInstanceId": "e1433bc5-5523-4cd7-9c7b-96ee2b95b06f",
                        "settings": {
                            "name": "First"
                        }
                    },
                    "domainName": "defaultdomain.sample.blackberry.net",
                    "routeType": "BLACKBERRY_PROXY_CLUSTER",
                    "nameEditable": true,
                    "portEditable": true,
                    "routeTypeEditable": true,
                    "reservedRemovable": true
                }
            }
        ],
        "defaultAllowedDomainRouteType": "DIRECT",
        "allowedDomains": [
            {
                "entityDefId": "com.blackberry.mdm.common.entity.AllowedDomainRoute",
                "settings": {
                    "domainName": "alloweddomain.sample.blackberry.net",
                    "routeType": "DIRECT",
                    "nameEditable": true,
                    "portEditable": true,
                    "routeTypeEditable": true,
                    "reservedRemovable": true
                }
            }
        ],
        "additionalServers": [
            {
                "entityDefId": "com.blackberry.mdm.common.entity.ServerRoute",
                "settings": {
                    "primaryCluster": {
                        "entityDefId": "com.blackberry.mdm.common.entity.Cluster",
                        "entityInstanceId": "e1433bc5-5523-4cd7-9c7b-96ee2b95b06f",
                        "settings": {
                            "name": "First"
                        }
                    },
                    "serverName": "additionserver.sample.blackberry.com",
                    "port": 8005,
                    "routeType": "BLACKBERRY_PROXY_CLUSTER",
                    "nameEditable": true,
                    "portEditable": true,
                    "routeTypeEditable": true,
                    "reservedRemovable": true
                }
            }
        ]
    }
}"#;

/// "Assign a Profile to a Group", its placeholder left as it is.
pub const GROUP_ASSIGNMENT: &str = r#"{
  "groups" : [ {
    "guid" : "{Group GUID to assign from previous call}"
  } ]
}"#;

/// The `Content-Type` of the certificate uploads.
pub const MULTIPART_CONTENT_TYPE: &str =
    r#"multipart/related; boundary="certPartsBoundary"; start="rootIdentifier""#;

/// The body the overview's shell sample writes ("Uploading certificate for a User credential
/// profile…"): `printf` lines ending in `\n`, the file, then two newlines before the closing
/// delimiter. `password_base64` replaces its `cGFzc3dvcmQ=`.
pub fn certificate_upload_lf(password_base64: &str, pkcs12: &[u8]) -> Vec<u8> {
    let mut b = Vec::with_capacity(pkcs12.len() + 400);
    for line in [
        "--certPartsBoundary",
        "Content-Type: application/vnd.blackberry.deviceusercertificatemetadata-v1+json",
        "",
        &format!("{{ \"password\":\"{password_base64}\" }}"),
        "--certPartsBoundary",
        "Content-Type: application/pkcs12",
        "Content-Disposition: attachment; filename=\"pkcs12_file.p12\"",
        "Content-Id: rootIdentifier",
        "",
    ] {
        b.extend_from_slice(line.as_bytes());
        b.push(b'\n');
    }
    b.extend_from_slice(pkcs12);
    b.extend_from_slice(b"\n\n--certPartsBoundary--");
    b
}
