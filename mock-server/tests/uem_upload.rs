//! UEM REST API overview, "Uploading certificates", "Uploading certificate for a User credential
//! profile with manual connector type for the non-BlackBerry Dynamics platform", "Uploading a
//! user certificate for a User for non-BlackBerry Dynamics platform", "Uploading a BlackBerry
//! Dynamics user certificate for a user", "Replacing a BlackBerry Dynamics user certificate".

mod common;
mod uem_support;

use axum::http::Method;
use mock_server::pkcs12::FixtureKind;
use uem_support::{
    allow, error, multipart_crlf, multipart_lf, p12, Uem, ADMIN, JDOE, MULTIPART, PMORLEY,
};
use wire::uem::certs::{EmbeddedCertificate, EmbeddedCertificates};
use wire::uem::directory::{ProfileAssignments, ProfileCategory};
use wire::uem::media;

const PW: &str = "password";

struct Ctx {
    u: Uem,
    admin: String,
    jdoe: String,
}

async fn ctx() -> Ctx {
    let u = Uem::new();
    let admin = u.sign_in(ADMIN).await;
    let jdoe = u.guid("jdoe");
    Ctx { u, admin, jdoe }
}

impl Ctx {
    async fn assignments(&self, user: &str) -> ProfileAssignments {
        Uem::parse(
            &self
                .u
                .get(
                    &self.admin,
                    &format!("users/{user}/profiles"),
                    media::PROFILE_ASSIGNMENTS,
                )
                .await,
            200,
        )
    }

    /// The GUID of jdoe's assignment of the profile named `name`.
    async fn profile(&self, name: &str) -> String {
        self.assignments(&self.jdoe)
            .await
            .profile_assignments
            .into_iter()
            .find(|a| a.profile.name.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("{name}"))
            .profile
            .guid
    }

    async fn embedded(&self, user: &str) -> Vec<EmbeddedCertificate> {
        Uem::parse::<EmbeddedCertificates>(
            &self
                .u
                .get(
                    &self.admin,
                    &format!("users/{user}/embeddedCertificates"),
                    media::EMBEDDED_CERTIFICATES,
                )
                .await,
            200,
        )
        .embedded_certificates
    }

    /// `PUT users/{jdoe}/profiles/{profile}/embeddedCertificates`.
    async fn put(&self, token: &str, profile: &str, ct: &str, body: Vec<u8>) -> common::Reply {
        self.u
            .call(
                Method::PUT,
                &format!(
                    "users/{}/profiles/{profile}/embeddedCertificates",
                    self.jdoe
                ),
                token,
                &[("content-type", ct)],
                body,
            )
            .await
    }

    /// `POST users/{user}/embeddedCertificates`.
    async fn post(
        &self,
        token: &str,
        user: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> common::Reply {
        self.u
            .call(
                Method::POST,
                &format!("users/{user}/embeddedCertificates"),
                token,
                headers,
                body,
            )
            .await
    }
}

fn subject_cn(e: &EmbeddedCertificate) -> String {
    e.certificate.as_ref().unwrap().subject.clone().unwrap()
}

#[tokio::test]
async fn user_credential_profile_upload_replaces_with_the_overviews_lf_body() {
    // "If the profile already has uploaded certificates, the certificates are replaced with the
    // new uploaded ones."
    let c = ctx().await;
    let wifi = c.profile("Corporate Wi-Fi credential").await;
    let before = c.embedded(&c.jdoe).await;
    let file = p12(FixtureKind::Valid, PW, "Joe Doe new Wi-Fi");
    let r = c
        .put(&c.admin, &wifi, MULTIPART, multipart_lf(PW, &file))
        .await;
    assert_eq!(r.header("content-type"), Some(media::EMBEDDED_CERTIFICATES));
    let got: EmbeddedCertificates = Uem::parse(&r, 200);
    assert_eq!(got.embedded_certificates.len(), 1);
    let new = &got.embedded_certificates[0];
    assert!(subject_cn(new).contains("CN=Joe Doe new Wi-Fi"));
    assert_eq!(new.profile.as_ref().unwrap().guid, wifi);
    assert_eq!(
        new.certificate.as_ref().unwrap().file_name.as_deref(),
        Some("pkcs12_file.p12")
    );
    assert!(new.certificate_bundle.is_none());
    let after = c.embedded(&c.jdoe).await;
    assert_eq!(after.len(), before.len());
    let of_wifi: Vec<_> = after
        .iter()
        .filter(|e| e.profile.as_ref().unwrap().guid == wifi)
        .collect();
    assert_eq!(of_wifi, [new]);
    // The download is the uploaded certificate.
    let r =
        c.u.get(
            &c.admin,
            &format!(
                "pki/certificates/{}",
                new.certificate.as_ref().unwrap().guid
            ),
            media::PKIX_CERT,
        )
        .await;
    let info = mock_server::pkcs12::cert_info(&r.body).unwrap();
    assert_eq!(info.common_name.as_deref(), Some("Joe Doe new Wi-Fi"));
}

#[tokio::test]
async fn user_credential_profile_upload_with_crlf_into_an_empty_assignment() {
    let c = ctx().await;
    let smime = c.profile("Email S/MIME credential").await;
    let file = p12(FixtureKind::Valid, "s3cret", "jdoe S/MIME");
    let r = c
        .put(&c.admin, &smime, MULTIPART, multipart_crlf("s3cret", &file))
        .await;
    let got: EmbeddedCertificates = Uem::parse(&r, 200);
    assert_eq!(got.embedded_certificates.len(), 1);
    // Again: replaced, not added.
    let file = p12(FixtureKind::Valid, "s3cret", "jdoe S/MIME 2");
    let r = c
        .put(&c.admin, &smime, MULTIPART, multipart_crlf("s3cret", &file))
        .await;
    let _: EmbeddedCertificates = Uem::parse(&r, 200);
    let of_smime: Vec<String> = c
        .embedded(&c.jdoe)
        .await
        .iter()
        .filter(|e| e.profile.as_ref().unwrap().guid == smime)
        .map(subject_cn)
        .collect();
    assert_eq!(of_smime.len(), 1);
    assert!(of_smime[0].contains("jdoe S/MIME 2"));
}

#[tokio::test]
async fn uploading_a_user_certificate_adds_with_its_user_certificate_assignment() {
    // "each new request adds a new user certificate and does not affect pre-existing uploaded
    // certificates"; "This operation implicitly creates a new user profile assignment with a
    // USER_CERTIFICATE profile category."
    let c = ctx().await;
    let before = c.embedded(&c.jdoe).await;
    let assignments = c.assignments(&c.jdoe).await.profile_assignments.len();
    let file = p12(FixtureKind::Valid, PW, "jdoe added");
    let r = c
        .post(
            &c.admin,
            &c.jdoe,
            &[("content-type", MULTIPART)],
            multipart_lf(PW, &file),
        )
        .await;
    let got: EmbeddedCertificates = Uem::parse(&r, 201);
    assert_eq!(got.embedded_certificates.len(), 1);
    let profile = got.embedded_certificates[0].profile.clone().unwrap();
    assert_eq!(profile.category, Some(ProfileCategory::UserCertificate));
    assert_eq!(c.embedded(&c.jdoe).await.len(), before.len() + 1);
    let a = c.assignments(&c.jdoe).await.profile_assignments;
    assert_eq!(a.len(), assignments + 1);
    let new = a.iter().find(|x| x.profile.guid == profile.guid).unwrap();
    assert_eq!(new.category, Some(ProfileCategory::UserCertificate));
    assert_eq!(
        (new.assigned_directly, new.dynamics),
        (Some(true), Some(false))
    );
    // Replacing it is the same as for a user-credential profile.
    let file = p12(FixtureKind::Valid, PW, "jdoe replaced");
    let r = c
        .put(
            &c.admin,
            &profile.guid,
            MULTIPART,
            multipart_crlf(PW, &file),
        )
        .await;
    let got: EmbeddedCertificates = Uem::parse(&r, 200);
    assert!(subject_cn(&got.embedded_certificates[0]).contains("jdoe replaced"));
}

#[tokio::test]
async fn several_private_keys_give_one_embedded_certificate_each_in_a_bundle() {
    // "The response provides a list of Embedded Certificates for each of the private keys";
    // "Similar multi-key enrollment can be archived with a manual uploading PKCS#12 file that
    // contains multiple keys."
    let c = ctx().await;
    let file = p12(FixtureKind::TwoKeys, PW, "jdoe pair");
    let r = c
        .post(
            &c.admin,
            &c.jdoe,
            &[("content-type", MULTIPART)],
            multipart_crlf(PW, &file),
        )
        .await;
    let got: EmbeddedCertificates = Uem::parse(&r, 201);
    let list = &got.embedded_certificates;
    assert_eq!(list.len(), 2);
    let subjects: Vec<String> = list.iter().map(subject_cn).collect();
    assert!(subjects[0].contains("jdoe pair #1") && subjects[1].contains("jdoe pair #2"));
    let bundle = list[0].certificate_bundle.clone().unwrap();
    assert_eq!(list[1].certificate_bundle.as_ref(), Some(&bundle));
    // An uploaded bundle can be deleted, not renewed; its members neither.
    let r =
        c.u.call(
            Method::OPTIONS,
            &format!("pki/bundles/{}", bundle.guid),
            &c.admin,
            &[],
            "",
        )
        .await;
    assert_eq!(allow(&r), ["GET", "DELETE", "OPTIONS"]);
    let member = format!(
        "pki/certificates/{}",
        list[0].certificate.as_ref().unwrap().guid
    );
    let r = c.u.call(Method::OPTIONS, &member, &c.admin, &[], "").await;
    assert_eq!(allow(&r), ["GET", "OPTIONS"]);
    let r =
        c.u.call(
            Method::PATCH,
            &format!("pki/bundles/{}", bundle.guid),
            &c.admin,
            &[],
            "",
        )
        .await;
    error(&r, 405, "OPERATION_NOT_SUPPORTED");
}

#[tokio::test]
async fn uploading_and_replacing_a_blackberry_dynamics_user_certificate_raw() {
    // "UEM does not manage passwords for BlackBerry Dynamics certificates, so the upload process
    // is implemented as a pure PKCS#12 data upload with an application/pkcs12 Content-Type."
    let c = ctx().await;
    let file = p12(FixtureKind::Valid, "", "jdoe Dynamics");
    let headers = [
        ("content-type", media::PKCS12),
        (
            "content-disposition",
            "attachment; filename=\"pkcs12_file.pfx\"",
        ),
    ];
    let r = c.post(&c.admin, &c.jdoe, &headers, file).await;
    let got: EmbeddedCertificates = Uem::parse(&r, 201);
    let e = &got.embedded_certificates[0];
    assert_eq!(
        e.certificate.as_ref().unwrap().file_name.as_deref(),
        Some("pkcs12_file.pfx")
    );
    let profile = e.profile.clone().unwrap().guid;
    let a = c.assignments(&c.jdoe).await.profile_assignments;
    assert_eq!(
        a.iter()
            .find(|x| x.profile.guid == profile)
            .unwrap()
            .dynamics,
        Some(true)
    );
    // Replaced the same way: raw PUT.
    let again = p12(FixtureKind::Valid, "", "jdoe Dynamics 2");
    let r = c.put(&c.admin, &profile, media::PKCS12, again).await;
    let got: EmbeddedCertificates = Uem::parse(&r, 200);
    assert!(subject_cn(&got.embedded_certificates[0]).contains("jdoe Dynamics 2"));
    // A Dynamics certificate is not replaced by a multipart upload, nor the reverse.
    let file = p12(FixtureKind::Valid, PW, "x");
    let r = c
        .put(&c.admin, &profile, MULTIPART, multipart_crlf(PW, &file))
        .await;
    error(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
    // "User credential profiles with manually uploaded certificates do not support BlackBerry
    // Dynamics applications."
    let wifi = c.profile("Corporate Wi-Fi credential").await;
    let r = c
        .put(
            &c.admin,
            &wifi,
            media::PKCS12,
            p12(FixtureKind::Valid, "", "x"),
        )
        .await;
    error(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
    // A password-protected file cannot be uploaded raw.
    let r = c
        .post(
            &c.admin,
            &c.jdoe,
            &headers,
            p12(FixtureKind::Valid, PW, "x"),
        )
        .await;
    let e = error(&r, 400, "INVALID_PKCS12_PASSWORD");
    assert!(e.message.unwrap().contains("BlackBerry Dynamics"));
}

#[tokio::test]
async fn real_pkcs12_checks_refuse_bad_files_and_store_nothing() {
    let c = ctx().await;
    let wifi = c.profile("Corporate Wi-Fi credential").await;
    let before = c.embedded(&c.jdoe).await;
    let valid = p12(FixtureKind::Valid, PW, "jdoe");
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (
            multipart_lf("wrong", &valid),
            "INVALID_PKCS12_PASSWORD",
            "Incorrect password for the PKCS#12 file.",
        ),
        (
            multipart_lf(
                PW,
                b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            ),
            "INVALID_PKCS12",
            "The file is not a valid PKCS#12 file. The certificate was not saved.",
        ),
        (
            multipart_lf(PW, &p12(FixtureKind::NoKey, PW, "jdoe")),
            "NO_PRIVATE_KEY",
            "",
        ),
        (
            multipart_lf(PW, &p12(FixtureKind::Expired, PW, "jdoe")),
            "CERTIFICATE_EXPIRED",
            "",
        ),
        (
            multipart_lf(PW, &p12(FixtureKind::NotYetValid, PW, "jdoe")),
            "CERTIFICATE_NOT_YET_VALID",
            "",
        ),
        (
            multipart_lf(PW, &p12(FixtureKind::V1Certificate, PW, "jdoe")),
            "UNSUPPORTED_CERTIFICATE",
            "",
        ),
        (multipart_lf(PW, b""), "INVALID_PKCS12", ""),
    ];
    for (body, id, message) in cases {
        let r = c.put(&c.admin, &wifi, MULTIPART, body).await;
        let e = error(&r, 400, id);
        if !message.is_empty() {
            assert_eq!(e.message.as_deref(), Some(message));
        }
    }
    // The metadata's password must be base64; the PKCS#12 part must be there.
    let body = wire::uem::multipart::certificate_upload("not base64!", "f.p12", &valid);
    let r = c.put(&c.admin, &wifi, MULTIPART, body).await;
    assert_eq!(
        error(&r, 400, "INVALID_PROPERTY_VALUE").property(),
        Some(("password", "must be base64-encoded"))
    );
    let only_meta = b"--certPartsBoundary\r\nContent-Type: application/vnd.blackberry.deviceusercertificatemetadata-v1+json\r\n\r\n{\"password\":\"cGFzc3dvcmQ=\"}\r\n--certPartsBoundary--".to_vec();
    error(
        &c.put(&c.admin, &wifi, MULTIPART, only_meta).await,
        400,
        "INVALID_REQUEST",
    );
    error(
        &c.put(
            &c.admin,
            &wifi,
            "multipart/related",
            multipart_lf(PW, &valid),
        )
        .await,
        400,
        "INVALID_REQUEST",
    );
    // Other body types.
    for ct in [
        "multipart/form-data; boundary=certPartsBoundary",
        "application/json",
    ] {
        error(
            &c.put(&c.admin, &wifi, ct, multipart_lf(PW, &valid)).await,
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        );
    }
    // Too large: the PKCS#12 limit, then the body limit.
    let r = c
        .post(
            &c.admin,
            &c.jdoe,
            &[("content-type", media::PKCS12)],
            vec![0x30u8; 1_500_000],
        )
        .await;
    error(&r, 413, "PAYLOAD_TOO_LARGE");
    let r = c
        .post(
            &c.admin,
            &c.jdoe,
            &[("content-type", media::PKCS12)],
            vec![0x30u8; 3_000_000],
        )
        .await;
    error(&r, 413, "PAYLOAD_TOO_LARGE");
    assert_eq!(c.embedded(&c.jdoe).await, before);
}

#[tokio::test]
async fn uploads_only_to_manual_assignments_of_the_user() {
    // PKI-driven profiles: "the certificate is issued automatically by the PKI infrastructure".
    let c = ctx().await;
    let file = p12(FixtureKind::Valid, PW, "x");
    let entrust = c.profile("Entrust multi-key credential").await;
    let r = c
        .put(&c.admin, &entrust, MULTIPART, multipart_crlf(PW, &file))
        .await;
    error(&r, 400, "UPLOAD_NOT_SUPPORTED");
    let scep = c.profile("Corporate SCEP").await;
    let r = c
        .put(&c.admin, &scep, MULTIPART, multipart_crlf(PW, &file))
        .await;
    error(&r, 400, "UPLOAD_NOT_SUPPORTED");
    // A profile the user does not have.
    let r = c
        .put(
            &c.admin,
            "00000000-0000-4000-8000-000000000000",
            MULTIPART,
            multipart_crlf(PW, &file),
        )
        .await;
    error(&r, 404, "PROFILE_ASSIGNMENT_NOT_FOUND");
    let r = c
        .post(
            &c.admin,
            "no-such-user",
            &[("content-type", MULTIPART)],
            multipart_crlf(PW, &file),
        )
        .await;
    error(&r, 404, "USER_NOT_FOUND");
}

#[tokio::test]
async fn self_service_upload_with_and_without_manage_user_certificates() {
    // "by administrator or device user (pending Manage user certificates self-service
    // permission)".
    let c = ctx().await;
    let jdoe = c.u.sign_in(JDOE).await;
    let pm = c.u.sign_in(PMORLEY).await;
    let wifi = c.profile("Corporate Wi-Fi credential").await;
    let file = p12(FixtureKind::Valid, PW, "jdoe self");
    let r = c
        .put(&jdoe, &wifi, MULTIPART, multipart_lf(PW, &file))
        .await;
    let _: EmbeddedCertificates = Uem::parse(&r, 200);
    let r = c
        .post(
            &jdoe,
            &c.jdoe,
            &[("content-type", MULTIPART)],
            multipart_lf(PW, &file),
        )
        .await;
    let _: EmbeddedCertificates = Uem::parse(&r, 201);
    // Not for someone else; pmorley not even for himself.
    let pm_guid = c.u.guid("pmorley");
    let r = c
        .post(
            &jdoe,
            &pm_guid,
            &[("content-type", MULTIPART)],
            multipart_lf(PW, &file),
        )
        .await;
    error(&r, 403, "NOT_AUTHORIZED");
    let r = c
        .post(
            &pm,
            &pm_guid,
            &[("content-type", MULTIPART)],
            multipart_lf(PW, &file),
        )
        .await;
    error(&r, 403, "NOT_AUTHORIZED");
    let r =
        c.u.call(
            Method::PUT,
            &format!("users/{pm_guid}/profiles/{wifi}/embeddedCertificates"),
            &pm,
            &[("content-type", MULTIPART)],
            multipart_lf(PW, &file),
        )
        .await;
    error(&r, 403, "NOT_AUTHORIZED");
}
