//! UEM REST API overview, "Certificate management": "Request Embedded Certificates for a User",
//! "Request Certificate Enrollments for an Embedded Certificate and User", "Downloading public
//! key Certificate", "Getting the available operations for a Certificate", "Deleting a
//! Certificate", "Renewing a Certificate", "Certificate Bundle operations".

mod common;
mod uem_support;

use axum::body::Body;
use axum::http::Method;
use uem_support::{allow, error, Uem, ADMIN, JDOE, PMORLEY};
use wire::uem::certs::{
    CertificateBundle, CertificateEnrollments, CertificateState, EmbeddedCertificate,
    EmbeddedCertificates, EnrollmentStatus,
};
use wire::uem::directory::ProfileCategory;
use wire::uem::media;

async fn embedded(u: &Uem, t: &str, user: &str) -> Vec<EmbeddedCertificate> {
    Uem::parse::<EmbeddedCertificates>(
        &u.get(
            t,
            &format!("users/{user}/embeddedCertificates"),
            media::EMBEDDED_CERTIFICATES,
        )
        .await,
        200,
    )
    .embedded_certificates
}

/// jdoe's embedded certificate whose certificate's subject contains `cn`.
fn by_cn<'a>(list: &'a [EmbeddedCertificate], cn: &str) -> &'a EmbeddedCertificate {
    list.iter()
        .find(|e| {
            e.certificate
                .as_ref()
                .and_then(|c| c.subject.as_deref())
                .is_some_and(|s| s.contains(&format!("CN={cn}")))
        })
        .unwrap_or_else(|| panic!("no certificate for {cn}"))
}

fn cert(e: &EmbeddedCertificate) -> String {
    e.certificate.as_ref().unwrap().guid.clone()
}

async fn options(u: &Uem, t: &str, rest: &str) -> Vec<String> {
    let r = u.call(Method::OPTIONS, rest, t, &[], Body::empty()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    allow(&r)
}

async fn act(u: &Uem, t: &str, method: Method, rest: &str) -> common::Reply {
    u.call(method, rest, t, &[], Body::empty()).await
}

#[tokio::test]
async fn request_embedded_certificates_for_a_user_and_one_by_guid() {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let jdoe = u.guid("jdoe");
    let list = embedded(&u, &t, &jdoe).await;
    // Seeded: Wi-Fi upload, 3 bundle members, SCEP, VPN SCEP, Dynamics and an expired upload.
    assert_eq!(list.len(), 8);
    assert!(list.iter().all(
        |e| e.state == Some(CertificateState::Active) && e.user.as_ref().unwrap().guid == jdoe
    ));
    let bundled: Vec<_> = list
        .iter()
        .filter_map(|e| e.certificate_bundle.as_ref())
        .collect();
    assert_eq!(bundled.len(), 3);
    assert!(bundled.iter().all(|b| b.guid == bundled[0].guid));
    let wifi = by_cn(&list, "jdoe Wi-Fi");
    assert_eq!(
        wifi.profile.as_ref().unwrap().category,
        Some(ProfileCategory::UserCredential)
    );
    let c = wifi.certificate.as_ref().unwrap();
    assert_eq!(c.file_name.as_deref(), Some("jdoe-wifi.p12"));
    assert!(c
        .issuer
        .as_deref()
        .unwrap()
        .contains("Example Corp Issuing CA"));
    let expired = by_cn(&list, "jdoe (2025)");
    let not_after = wire::uem::parse_time(
        expired
            .certificate
            .as_ref()
            .unwrap()
            .not_after
            .as_deref()
            .unwrap(),
    )
    .unwrap();
    assert!(not_after < mock_server::v2::now_ms());
    // "Embedded Certificate can be requested individually by it's GUID for a User ... or as a
    // root resource".
    let one: EmbeddedCertificate = Uem::parse(
        &u.get(
            &t,
            &format!("users/{jdoe}/embeddedCertificates/{}", wifi.guid),
            media::EMBEDDED_CERTIFICATE,
        )
        .await,
        200,
    );
    assert_eq!(&one, wifi);
    let root: EmbeddedCertificate = Uem::parse(
        &u.get(
            &t,
            &format!("embeddedCertificates/{}", wifi.guid.to_uppercase()),
            media::EMBEDDED_CERTIFICATE,
        )
        .await,
        200,
    );
    assert_eq!(&root, wifi);
    // Under another user it does not exist.
    let r = u
        .get(
            &t,
            &format!(
                "users/{}/embeddedCertificates/{}",
                u.guid("pmorley"),
                wifi.guid
            ),
            media::EMBEDDED_CERTIFICATE,
        )
        .await;
    error(&r, 404, "EMBEDDED_CERTIFICATE_NOT_FOUND");
}

#[tokio::test]
async fn request_certificate_enrollments_devices_and_dynamics_apps_with_status() {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let jdoe = u.guid("jdoe");
    let list = embedded(&u, &t, &jdoe).await;
    let enrollments = |ec: String| {
        let u = &u;
        let t = t.clone();
        let jdoe = jdoe.clone();
        async move {
            let r = u
                .get(
                    &t,
                    &format!("users/{jdoe}/embeddedCertificates/{ec}/certificateEnrollments"),
                    media::CERTIFICATE_ENROLLMENTS,
                )
                .await;
            Uem::parse::<CertificateEnrollments>(&r, 200).certificate_enrollments
        }
    };
    let wifi = by_cn(&list, "jdoe Wi-Fi");
    let on_devices = enrollments(wifi.guid.clone()).await;
    assert!(!on_devices.is_empty());
    assert_eq!(wifi.enrollment_count, Some(on_devices.len() as u64));
    for e in &on_devices {
        let d = e.user_device.as_ref().unwrap();
        assert!(u.st.read().device(&d.guid).is_some());
        // Only BlackBerry Dynamics enrollments carry a status.
        assert!(e.status.is_none() && e.application.is_none());
    }
    let dynamics = by_cn(&list, "jdoe (BlackBerry Dynamics)");
    let apps = enrollments(dynamics.guid.clone()).await;
    let got: Vec<(String, EnrollmentStatus)> = apps
        .iter()
        .map(|e| {
            (
                e.application.as_ref().unwrap().name.clone().unwrap(),
                e.status.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("BlackBerry Work".to_string(), EnrollmentStatus::Installed),
            (
                "BlackBerry Access".to_string(),
                EnrollmentStatus::DeliveryPending
            ),
            ("BlackBerry Connect".to_string(), EnrollmentStatus::Failed),
        ]
    );
    assert_eq!(
        apps[0]
            .application
            .as_ref()
            .unwrap()
            .entitlement_id
            .as_deref(),
        Some("com.good.gcs")
    );
}

#[tokio::test]
async fn downloading_public_key_certificate_with_its_file_name() {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let list = embedded(&u, &t, &u.guid("jdoe")).await;
    let wifi = by_cn(&list, "jdoe Wi-Fi");
    let r = u
        .get(
            &t,
            &format!("pki/certificates/{}", cert(wifi)),
            media::PKIX_CERT,
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some(media::PKIX_CERT));
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"jdoe_Wi-Fi.cer\"")
    );
    // DER X.509, the certificate the embedded certificate describes.
    let info = mock_server::pkcs12::cert_info(&r.body).unwrap();
    let c = wifi.certificate.as_ref().unwrap();
    assert_eq!(Some(&info.serial), c.serial_number.as_ref());
    assert_eq!(Some(&info.subject), c.subject.as_ref());
    // "There may be some cases where the X.509 public key certificate is not available for
    // download": then GET is not in Allow and is refused.
    let vpn = by_cn(&list, "jdoe VPN");
    let r = u
        .get(
            &t,
            &format!("pki/certificates/{}", cert(vpn)),
            media::PKIX_CERT,
        )
        .await;
    error(&r, 405, "OPERATION_NOT_SUPPORTED");
    assert_eq!(allow(&r), ["DELETE", "PATCH", "OPTIONS"]);
}

#[tokio::test]
async fn getting_the_available_operations_for_a_certificate() {
    // GET: downloadable; DELETE: deletable; PATCH: renewable.
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let list = embedded(&u, &t, &u.guid("jdoe")).await;
    let ops = |cn: &str| format!("pki/certificates/{}", cert(by_cn(&list, cn)));
    // A manual upload cannot be renewed.
    assert_eq!(
        options(&u, &t, &ops("jdoe Wi-Fi")).await,
        ["GET", "DELETE", "OPTIONS"]
    );
    assert_eq!(
        options(&u, &t, &ops("jdoe@example.com")).await,
        ["GET", "DELETE", "PATCH", "OPTIONS"]
    );
    assert_eq!(
        options(&u, &t, &ops("jdoe VPN")).await,
        ["DELETE", "PATCH", "OPTIONS"]
    );
    // A bundle member: neither delete nor renew, only through its bundle.
    assert_eq!(
        options(&u, &t, &ops("Joe Doe (Signing)")).await,
        ["GET", "OPTIONS"]
    );
    let r = act(&u, &t, Method::PATCH, &ops("jdoe Wi-Fi")).await;
    error(&r, 405, "OPERATION_NOT_SUPPORTED");
    assert_eq!(allow(&r), ["GET", "DELETE", "OPTIONS"]);
}

#[tokio::test]
async fn certificate_bundle_operations_only_through_the_bundle() {
    // "If a certificate belongs to a bundle, then renew and delete operations are available only
    // for a Certificate Bundle entity."
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let list = embedded(&u, &t, &u.guid("jdoe")).await;
    let member = by_cn(&list, "Joe Doe (Encryption)");
    let bundle = member.certificate_bundle.as_ref().unwrap().guid.clone();
    for m in [Method::DELETE, Method::PATCH] {
        let r = act(&u, &t, m, &format!("pki/certificates/{}", cert(member))).await;
        let e = error(&r, 405, "CERTIFICATE_IN_BUNDLE");
        assert!(e.message.unwrap().contains(&bundle));
        assert_eq!(allow(&r), ["GET", "OPTIONS"]);
    }
    let r = u
        .get(
            &t,
            &format!("pki/bundles/{bundle}"),
            media::CERTIFICATE_BUNDLE,
        )
        .await;
    assert_eq!(r.header("content-type"), Some(media::CERTIFICATE_BUNDLE));
    let b: CertificateBundle = Uem::parse(&r, 200);
    assert_eq!(b.certificates.len(), 3);
    assert_eq!(b.state, Some(CertificateState::Active));
    assert_eq!(
        b.profile.unwrap().name.as_deref(),
        Some("Entrust multi-key credential")
    );
    assert!(b.certificates.iter().any(|c| c.guid == cert(member)));
    assert_eq!(
        options(&u, &t, &format!("pki/bundles/{bundle}")).await,
        ["GET", "DELETE", "PATCH", "OPTIONS"]
    );
}

#[tokio::test]
async fn renewing_a_certificate_is_pending_then_completes() {
    // "These operations can be asynchronous": 202, RENEWAL_PENDING, then a new certificate.
    let u = Uem::new();
    u.hook("/_mock/uem/timing", r#"{"completionDelayMs": 400}"#)
        .await;
    let t = u.sign_in(ADMIN).await;
    let jdoe = u.guid("jdoe");
    let list = embedded(&u, &t, &jdoe).await;
    let scep = by_cn(&list, "jdoe@example.com");
    let path = format!("pki/certificates/{}", cert(scep));
    let old = scep.certificate.clone().unwrap();
    let r = act(&u, &t, Method::PATCH, &path).await;
    assert_eq!((r.status.as_u16(), r.body.len()), (202, 0));
    let now = by_cn(&embedded(&u, &t, &jdoe).await, "jdoe@example.com").clone();
    assert_eq!(now.state, Some(CertificateState::RenewalPending));
    assert_eq!(options(&u, &t, &path).await, ["GET", "OPTIONS"]);
    for m in [Method::PATCH, Method::DELETE] {
        let r = act(&u, &t, m, &path).await;
        error(&r, 409, "OPERATION_IN_PROGRESS");
        assert_eq!(allow(&r), ["GET", "OPTIONS"]);
    }
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let done = by_cn(&embedded(&u, &t, &jdoe).await, "jdoe@example.com").clone();
    assert_eq!(done.state, Some(CertificateState::Active));
    assert_eq!(done.guid, scep.guid);
    let new = done.certificate.unwrap();
    assert_eq!(new.guid, old.guid);
    assert_ne!(new.serial_number, old.serial_number);
    let days = |c: &wire::uem::certs::CertificateInfo| {
        wire::uem::parse_time(c.not_after.as_deref().unwrap()).unwrap() / 86_400_000
    };
    assert!(days(&new) > days(&old) + 300, "renewed for a year");
    assert_eq!(
        options(&u, &t, &path).await,
        ["GET", "DELETE", "PATCH", "OPTIONS"]
    );
    // The download is the new certificate.
    let r = u.get(&t, &path, media::PKIX_CERT).await;
    let info = mock_server::pkcs12::cert_info(&r.body).unwrap();
    assert_eq!(Some(info.serial), new.serial_number);
}

#[tokio::test]
async fn deleting_a_certificate_is_pending_until_completed() {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let jdoe = u.guid("jdoe");
    let list = embedded(&u, &t, &jdoe).await;
    let wifi = by_cn(&list, "jdoe Wi-Fi").clone();
    let path = format!("pki/certificates/{}", cert(&wifi));
    assert_eq!(act(&u, &t, Method::DELETE, &path).await.status, 202);
    let now = embedded(&u, &t, &jdoe).await;
    assert_eq!(
        by_cn(&now, "jdoe Wi-Fi").state,
        Some(CertificateState::DeletionPending)
    );
    // Still downloadable while pending (default: 3 s); the hook completes it at once.
    assert_eq!(u.get(&t, &path, media::PKIX_CERT).await.status, 200);
    let r = u.hook("/_mock/uem/complete", "").await;
    assert_eq!(r.json()["completed"], 1);
    let after = embedded(&u, &t, &jdoe).await;
    assert_eq!(after.len(), list.len() - 1);
    error(
        &u.get(&t, &path, media::PKIX_CERT).await,
        404,
        "CERTIFICATE_NOT_FOUND",
    );
    error(
        &u.get(
            &t,
            &format!("embeddedCertificates/{}", wifi.guid),
            media::EMBEDDED_CERTIFICATE,
        )
        .await,
        404,
        "EMBEDDED_CERTIFICATE_NOT_FOUND",
    );
    // The user-credential assignment stays: a new file can be uploaded to it.
    let a: wire::uem::directory::ProfileAssignments = Uem::parse(
        &u.get(
            &t,
            &format!("users/{jdoe}/profiles"),
            media::PROFILE_ASSIGNMENTS,
        )
        .await,
        200,
    );
    let wifi_profile = wifi.profile.clone().unwrap().guid;
    assert!(a
        .profile_assignments
        .iter()
        .any(|x| x.profile.guid == wifi_profile));
    // `POST /_mock/reset` regenerates the UEM world from the seed: the same GUIDs come back.
    assert_eq!(u.hook("/_mock/reset", "").await.status, 200);
    let again = embedded(&u, &t, &jdoe).await;
    assert_eq!(again.len(), list.len());
    assert_eq!(by_cn(&again, "jdoe Wi-Fi").guid, wifi.guid);
    assert_eq!(u.get(&t, &path, media::PKIX_CERT).await.status, 200);
}

#[tokio::test]
async fn renewing_and_deleting_a_certificate_bundle_applies_to_all_its_certificates() {
    // "Deleting or renewing a bundle applies to all of the certificates that it contains."
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let jdoe = u.guid("jdoe");
    let list = embedded(&u, &t, &jdoe).await;
    let bundle = by_cn(&list, "Joe Doe (Signing)")
        .certificate_bundle
        .clone()
        .unwrap()
        .guid;
    let members = |l: &[EmbeddedCertificate]| -> Vec<EmbeddedCertificate> {
        l.iter()
            .filter(|e| {
                e.certificate_bundle
                    .as_ref()
                    .is_some_and(|b| b.guid == bundle)
            })
            .cloned()
            .collect()
    };
    let path = format!("pki/bundles/{bundle}");
    assert_eq!(act(&u, &t, Method::PATCH, &path).await.status, 202);
    let pending = members(&embedded(&u, &t, &jdoe).await);
    assert!(pending
        .iter()
        .all(|e| e.state == Some(CertificateState::RenewalPending)));
    let b: CertificateBundle = Uem::parse(&u.get(&t, &path, media::CERTIFICATE_BUNDLE).await, 200);
    assert_eq!(b.state, Some(CertificateState::RenewalPending));
    assert_eq!(options(&u, &t, &path).await, ["GET", "OPTIONS"]);
    error(
        &act(&u, &t, Method::DELETE, &path).await,
        409,
        "OPERATION_IN_PROGRESS",
    );
    u.hook("/_mock/uem/complete", "").await;
    let renewed = members(&embedded(&u, &t, &jdoe).await);
    assert_eq!(renewed.len(), 3);
    for (before, after) in members(&list).iter().zip(&renewed) {
        assert_eq!(before.guid, after.guid);
        assert_ne!(
            before.certificate.as_ref().unwrap().serial_number,
            after.certificate.as_ref().unwrap().serial_number
        );
        assert_eq!(after.state, Some(CertificateState::Active));
    }
    assert_eq!(act(&u, &t, Method::DELETE, &path).await.status, 202);
    u.hook("/_mock/uem/complete", "").await;
    assert!(members(&embedded(&u, &t, &jdoe).await).is_empty());
    error(
        &u.get(&t, &path, media::CERTIFICATE_BUNDLE).await,
        404,
        "CERTIFICATE_BUNDLE_NOT_FOUND",
    );
}

#[tokio::test]
async fn self_service_manages_only_their_own_certificates_with_the_permission() {
    // "by administrator or device user (pending Manage user certificates self-service
    // permission)".
    let u = Uem::new();
    let admin = u.sign_in(ADMIN).await;
    let jdoe = u.sign_in(JDOE).await;
    let pm = u.sign_in(PMORLEY).await;
    let mine = embedded(&u, &jdoe, &u.guid("jdoe")).await;
    let scep = format!(
        "pki/certificates/{}",
        cert(by_cn(&mine, "jdoe@example.com"))
    );
    assert_eq!(u.get(&jdoe, &scep, media::PKIX_CERT).await.status, 200);
    assert_eq!(options(&u, &jdoe, &scep).await.len(), 4);
    assert_eq!(act(&u, &jdoe, Method::PATCH, &scep).await.status, 202);
    let bundle = by_cn(&mine, "Joe Doe (Signing)")
        .certificate_bundle
        .clone()
        .unwrap()
        .guid;
    assert_eq!(
        u.get(
            &jdoe,
            &format!("pki/bundles/{bundle}"),
            media::CERTIFICATE_BUNDLE
        )
        .await
        .status,
        200
    );
    // pmorley's certificate: not for jdoe; and pmorley himself lacks the permission.
    let theirs = embedded(&u, &admin, &u.guid("pmorley")).await;
    let other = format!("pki/certificates/{}", cert(&theirs[0]));
    for tok in [&jdoe, &pm] {
        error(
            &u.get(tok, &other, media::PKIX_CERT).await,
            403,
            "NOT_AUTHORIZED",
        );
        error(
            &act(&u, tok, Method::DELETE, &other).await,
            403,
            "NOT_AUTHORIZED",
        );
        let r = u
            .call(Method::OPTIONS, &other, tok, &[], Body::empty())
            .await;
        error(&r, 403, "NOT_AUTHORIZED");
        let r = u
            .get(
                tok,
                &format!("embeddedCertificates/{}", theirs[0].guid),
                media::EMBEDDED_CERTIFICATE,
            )
            .await;
        error(&r, 403, "NOT_AUTHORIZED");
    }
    error(
        &u.get(
            &pm,
            &format!("pki/bundles/{bundle}"),
            media::CERTIFICATE_BUNDLE,
        )
        .await,
        403,
        "NOT_AUTHORIZED",
    );
}
