//! A user's certificates on UEM (overview, "Certificate management") as the neutral
//! [`UserCertificateApi`]: the user's embedded certificates, one slot per profile they come from
//! (a user-credential profile with manually uploaded certificates is a slot even while empty:
//! an upload there replaces, `PUT users/{userGuid}/profiles/{profileGuid}/embeddedCertificates`),
//! and the user's own certificates (the implicit USER_CERTIFICATE profiles) in one slot where an
//! upload adds (`POST users/{userGuid}/embeddedCertificates`). What may be done with each
//! certificate is its `Allow` (`OPTIONS pki/certificates/{guid}`, "Getting the available operations
//! for a Certificate"); a certificate in a bundle is renewed and deleted only through the bundle,
//! whose `Allow` decides. Renew and delete "can be asynchronous": the certificate shows its
//! pending state until the server completes them.
//!
//! Users are named by the screens (a user name); the calls want the user's GUID, found with
//! `users?query=username=…` (beyond the document, as for the sign-in: see [`super::auth`]).

use super::auth::users_query;
use super::{get, ApiClient, ApiError};
use crate::backend::certificates::{OnProgress, UserCertificateApi};
use crate::backend::error::Reference;
use crate::backend::http::{parse, Call, UploadBody};
use crate::domain::certificates::pkcs12::Pkcs12File;
use crate::domain::certificates::user_provided::{
    CertDetails, CertFile, CertOps, CertSlot, Pending, UploadForm, UserCert, FILE_FIELD,
    PASSWORD_FIELD,
};
use crate::url::encode_path_segment;
use gloo_net::http::Method;
use std::collections::BTreeMap;
use std::sync::Arc;
use wire::uem::certs::{
    CertificateEnrollment, CertificateEnrollments, CertificateInfo, CertificateState,
    EmbeddedCertificate, EmbeddedCertificates,
};
use wire::uem::directory::{
    CertificateSource, Profile, ProfileAssignment, ProfileAssignments, ProfileCategory, Users,
};
use wire::uem::{errors, media, multipart, parse_time};

/// The id of the slot of the user's own certificates (an upload there adds one).
pub const USER_CERTIFICATES: &str = "user-certificates";
const USER_CERTIFICATES_NAME: &str = "User certificates";
/// The id of the slot of the user's BlackBerry Dynamics certificates (an upload there adds one,
/// the file alone: "the only supported method for BlackBerry Dynamics applications").
pub const DYNAMICS_CERTIFICATES: &str = "dynamics-certificates";
const DYNAMICS_CERTIFICATES_NAME: &str = "BlackBerry Dynamics certificates";

/// The multipart upload always carries the password part (overview, "Uploading certificate for a
/// User credential profile with manual connector type…").
const WITH_PASSWORD: UploadForm = UploadForm::File {
    password_required: true,
};

/// What an `Allow` header permits on a certificate or bundle (overview, "Getting the available
/// operations for a Certificate": `GET` download, `DELETE` delete, `PATCH` renew).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Allow {
    pub get: bool,
    pub delete: bool,
    pub patch: bool,
}

impl Allow {
    /// Reads `GET, DELETE, PATCH, OPTIONS` (methods case-insensitive; no header: nothing).
    pub fn parse(header: Option<&str>) -> Allow {
        let mut a = Allow::default();
        for m in header.unwrap_or_default().split(',').map(str::trim) {
            if m.eq_ignore_ascii_case("GET") {
                a.get = true;
            } else if m.eq_ignore_ascii_case("DELETE") {
                a.delete = true;
            } else if m.eq_ignore_ascii_case("PATCH") {
                a.patch = true;
            }
        }
        a
    }
}

fn certificate_path(guid: &str) -> String {
    format!("/pki/certificates/{}", encode_path_segment(guid))
}

fn bundle_path(guid: &str) -> String {
    format!("/pki/bundles/{}", encode_path_segment(guid))
}

fn user_path(user_guid: &str, rest: &str) -> String {
    format!("/users/{}{rest}", encode_path_segment(user_guid))
}

// ---- the slots ----

/// A user-credential profile whose certificates are uploaded by hand: its slot is offered for an
/// upload that replaces them ("User credential profile with manually uploaded cert").
fn manual_credential(p: &Profile, category: Option<&ProfileCategory>) -> bool {
    category.or(p.category.as_ref()) == Some(&ProfileCategory::UserCredential)
        && p.certificate_source == Some(CertificateSource::Manual)
}

/// The common name of a distinguished name (`CN=jdoe Wi-Fi, O=Example`, or OpenSSL's
/// `/CN=jdoe/O=Example`), if it has one.
pub fn common_name(subject: &str) -> Option<&str> {
    let separator = if subject.trim_start().starts_with('/') {
        '/'
    } else {
        ','
    };
    subject
        .split(separator)
        .map(str::trim)
        .find_map(|rdn| {
            let (k, v) = rdn.split_once('=')?;
            k.trim().eq_ignore_ascii_case("CN").then(|| v.trim())
        })
        .filter(|v| !v.is_empty())
}

/// What a certificate is called: its common name, else its subject, its file, its GUID.
fn cert_name(info: &CertificateInfo) -> String {
    let subject = info.subject.as_deref().unwrap_or_default();
    common_name(subject)
        .map(str::to_string)
        .or_else(|| (!subject.is_empty()).then(|| subject.to_string()))
        .or_else(|| info.file_name.clone())
        .unwrap_or_else(|| info.guid.clone())
}

/// One embedded certificate with what its own `Allow` and, in a bundle, its bundle's permit.
pub struct Found {
    pub embedded: EmbeddedCertificate,
    pub own: Allow,
    pub bundle: Option<Allow>,
}

fn user_cert(f: Found) -> UserCert {
    let Found {
        embedded: e,
        own,
        bundle,
    } = f;
    let info = e.certificate.unwrap_or_default();
    let in_bundle = e.certificate_bundle.as_ref().map(|b| b.guid.clone());
    // "If a certificate belongs to a bundle, then renew and delete operations are available only
    // for a Certificate Bundle entity."
    let on = match &in_bundle {
        Some(_) => bundle.unwrap_or_default(),
        None => own,
    };
    let replace = e
        .profile
        .as_ref()
        .is_some_and(|p| manual_credential(p, None));
    UserCert {
        id: e.guid,
        expires: info.not_after.as_deref().and_then(parse_time),
        uploaded: None,
        ops: CertOps {
            details: true,
            download: own.get,
            renew: on.patch,
            delete: on.delete,
            replace,
            on_bundle: in_bundle.is_some(),
        },
        name: Some(cert_name(&info)),
        certificate_id: Some(info.guid).filter(|g| !g.is_empty()),
        bundle: in_bundle,
        pending: match e.state {
            Some(CertificateState::RenewalPending) => Some(Pending::Renewal),
            Some(CertificateState::DeletionPending) => Some(Pending::Deletion),
            _ => None,
        },
    }
}

fn slot(id: &str, name: Option<&str>, upload: UploadForm, adds: bool) -> CertSlot {
    CertSlot {
        id: id.to_string(),
        name: name.unwrap_or(id).to_string(),
        upload,
        adds,
        certificates: Vec::new(),
    }
}

/// How the certificates of a profile's slot get there: uploaded by hand into a user-credential
/// profile with manually uploaded certificates, else issued by the server (a SCEP profile, a
/// user-credential profile with a PKI connector: "For PKI-driven profiles, the certificate is
/// issued automatically by the PKI infrastructure", overview, "Uploading certificates").
fn profile_upload(p: &Profile) -> UploadForm {
    if manual_credential(p, None) {
        WITH_PASSWORD
    } else {
        UploadForm::Issued
    }
}

/// The slots of a user: the manually uploaded user-credential profiles assigned to them (empty
/// ones too), one per other profile their certificates come from, in the order met, and last the
/// user's own certificates and their BlackBerry Dynamics certificates, where an upload adds
/// (multipart with the password, or the file alone). A user certificate is a Dynamics one where
/// its profile assignment says so.
pub fn slots_of(assignments: &[ProfileAssignment], found: Vec<Found>) -> Vec<CertSlot> {
    let mut slots: Vec<CertSlot> = assignments
        .iter()
        .filter(|a| manual_credential(&a.profile, a.category.as_ref()))
        .map(|a| {
            slot(
                &a.profile.guid,
                a.profile.name.as_deref(),
                WITH_PASSWORD,
                false,
            )
        })
        .collect();
    let dynamics: Vec<&str> = assignments
        .iter()
        .filter(|a| a.dynamics == Some(true))
        .map(|a| a.profile.guid.as_str())
        .collect();
    let mut own = slot(
        USER_CERTIFICATES,
        Some(USER_CERTIFICATES_NAME),
        WITH_PASSWORD,
        true,
    );
    let mut own_dynamics = slot(
        DYNAMICS_CERTIFICATES,
        Some(DYNAMICS_CERTIFICATES_NAME),
        UploadForm::FileWithoutPassword,
        true,
    );
    for f in found {
        let profile = f.embedded.profile.clone().filter(|p| !p.guid.is_empty());
        let cert = user_cert(f);
        match profile {
            Some(p) if dynamics.contains(&p.guid.as_str()) => own_dynamics.certificates.push(cert),
            None => own.certificates.push(cert),
            Some(p) if p.category == Some(ProfileCategory::UserCertificate) => {
                own.certificates.push(cert)
            }
            Some(p) => match slots.iter_mut().find(|s| s.id == p.guid) {
                Some(s) => s.certificates.push(cert),
                None => {
                    let mut s = slot(&p.guid, p.name.as_deref(), profile_upload(&p), false);
                    s.certificates.push(cert);
                    slots.push(s);
                }
            },
        }
    }
    slots.push(own);
    slots.push(own_dynamics);
    slots
}

/// The GUID of the user named `user`.
pub(crate) async fn user_guid(api: &ApiClient, user: &str) -> Result<String, ApiError> {
    let users: Users = get(api, &users_query(user.trim()), media::USERS).await?;
    users
        .users
        .into_iter()
        .find(|u| {
            u.username
                .as_deref()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(user.trim()))
        })
        .map(|u| u.guid)
        .filter(|g| !g.is_empty())
        .ok_or_else(|| ApiError::not_found(format!("There is no user named “{}”.", user.trim())))
}

/// `OPTIONS` of `path`: its `Allow`; a certificate gone meanwhile allows nothing.
async fn allow(api: &ApiClient, path: String) -> Result<Allow, ApiError> {
    match api.call(Call::new(Method::OPTIONS, path)).await {
        Ok(raw) => Ok(Allow::parse(raw.allow.as_deref())),
        Err(e) if e.is_not_found() => Ok(Allow::default()),
        Err(e) => Err(e),
    }
}

async fn slots(api: &ApiClient, user: &str) -> Result<Arc<Vec<CertSlot>>, ApiError> {
    let guid = user_guid(api, user).await?;
    let assignments = user_path(&guid, "/profiles");
    let embedded = user_path(&guid, "/embeddedCertificates");
    let (assignments, embedded) = futures::join!(
        get::<ProfileAssignments>(api, &assignments, media::PROFILE_ASSIGNMENTS),
        get::<EmbeddedCertificates>(api, &embedded, media::EMBEDDED_CERTIFICATES),
    );
    let (assignments, embedded) = (assignments?, embedded?.embedded_certificates);
    let bundles: Vec<String> = embedded
        .iter()
        .filter_map(|e| e.certificate_bundle.as_ref().map(|b| b.guid.clone()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let owns = futures::future::join_all(embedded.iter().map(|e| {
        let guid = e
            .certificate
            .as_ref()
            .map(|c| c.guid.as_str())
            .unwrap_or("");
        allow(api, certificate_path(guid))
    }));
    let of_bundles = futures::future::join_all(bundles.iter().map(|b| allow(api, bundle_path(b))));
    let (owns, of_bundles) = futures::join!(owns, of_bundles);
    let bundle_allow: BTreeMap<String, Allow> = bundles
        .into_iter()
        .zip(of_bundles)
        .map(|(b, a)| a.map(|a| (b, a)))
        .collect::<Result<_, _>>()?;
    let found = embedded
        .into_iter()
        .zip(owns)
        .map(|(embedded, own)| {
            let bundle = embedded
                .certificate_bundle
                .as_ref()
                .and_then(|b| bundle_allow.get(&b.guid).copied());
            Ok(Found {
                embedded,
                own: own?,
                bundle,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(Arc::new(slots_of(&assignments.profile_assignments, found)))
}

/// Words for a state written as `DELIVERY_PENDING`: "Delivery pending".
fn words(id: &str) -> String {
    let lower = id.to_ascii_lowercase().replace('_', " ");
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Where an enrollment put the certificate: a device (`Galaxy S24`), or a BlackBerry Dynamics app
/// on a device with its status (`BlackBerry Work on Galaxy S24 (Installed)`).
pub fn enrollment_text(e: &CertificateEnrollment) -> String {
    let device = e
        .user_device
        .as_ref()
        .map(|d| d.hardware_name.clone().unwrap_or_else(|| d.guid.clone()));
    let app = e
        .application
        .as_ref()
        .map(|a| a.name.clone().unwrap_or_else(|| a.guid.clone()));
    let place = match (app, device) {
        (Some(a), Some(d)) => format!("{a} on {d}"),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => e.guid.clone(),
    };
    match &e.status {
        Some(s) => format!("{place} ({})", words(s.as_str())),
        None => place,
    }
}

/// `GET users/{userGuid}/embeddedCertificates/{guid}` ("Request an Embedded Certificate for a
/// User") and its certificate enrollments ("Request Certificate Enrollments for an Embedded
/// Certificate and User"): what the certificate says and where it is installed.
async fn details(
    api: &ApiClient,
    user: &str,
    cert: &UserCert,
) -> Result<Option<CertDetails>, ApiError> {
    let guid = user_guid(api, user).await?;
    let one = user_path(
        &guid,
        &format!("/embeddedCertificates/{}", encode_path_segment(&cert.id)),
    );
    let enrollments = format!("{one}/certificateEnrollments");
    let (e, enrollments) = futures::join!(
        get::<EmbeddedCertificate>(api, &one, media::EMBEDDED_CERTIFICATE),
        get::<CertificateEnrollments>(api, &enrollments, media::CERTIFICATE_ENROLLMENTS),
    );
    let e = match e {
        Ok(e) => e,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(e),
    };
    let installed_on = match enrollments {
        Ok(list) => list
            .certificate_enrollments
            .iter()
            .map(enrollment_text)
            .collect(),
        Err(e) if e.is_not_found() => Vec::new(),
        Err(e) => return Err(e),
    };
    Ok(e.certificate.map(|c| CertDetails {
        installed_on,
        common_name: cert_name(&c),
        subject: c.subject.unwrap_or_default(),
        issuer: c.issuer.unwrap_or_default(),
        serial: c.serial_number.unwrap_or_default(),
        not_before: c.not_before.as_deref().and_then(parse_time),
        not_after: c.not_after.as_deref().and_then(parse_time),
        ..CertDetails::default()
    }))
}

/// Where a renew or delete of `cert` goes: `pki/bundles/{guid}` for a certificate in a bundle,
/// else `pki/certificates/{guid}`.
fn operation_path(cert: &UserCert) -> Result<String, ApiError> {
    match (&cert.bundle, &cert.certificate_id) {
        (Some(b), _) if cert.ops.on_bundle => Ok(bundle_path(b)),
        (_, Some(c)) => Ok(certificate_path(c)),
        _ => Err(no_certificate()),
    }
}

fn no_certificate() -> ApiError {
    ApiError::not_found("The server names no certificate for this entry.")
}

/// `DELETE` ("Deleting a Certificate", "Deleting a Certificate Bundle") or `PATCH` without a body
/// ("Renewing a Certificate", "Renewing a Certificate Bundle") of the certificate or its bundle.
async fn start(api: &ApiClient, cert: &UserCert, renew: bool) -> Result<String, ApiError> {
    let method = if renew { Method::PATCH } else { Method::DELETE };
    let raw = api.call(Call::new(method, operation_path(cert)?)).await?;
    Ok(match (renew, raw.status) {
        (true, 202) => "The server is renewing the certificate.",
        (true, _) => "The certificate was renewed.",
        (false, 202) => "The server is deleting the certificate.",
        (false, _) => "The certificate was deleted.",
    }
    .to_string())
}

/// `GET pki/certificates/{guid}` as `application/pkix-cert` ("Downloading public key
/// Certificate"): the DER certificate, named as its `Content-Disposition` says.
async fn download(api: &ApiClient, cert: &UserCert) -> Result<CertFile, ApiError> {
    let guid = cert.certificate_id.as_deref().ok_or_else(no_certificate)?;
    let raw = api
        .call(Call::get(certificate_path(guid)).accept(media::PKIX_CERT))
        .await?;
    Ok(CertFile {
        file_name: download_name(raw.content_disposition.as_deref(), cert),
        media_type: media::PKIX_CERT.to_string(),
        bytes: raw.body,
    })
}

/// The file name of a download: the server's, else the certificate's name with `.cer`.
fn download_name(disposition: Option<&str>, cert: &UserCert) -> String {
    disposition
        .and_then(multipart::disposition_file_name)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| format!("{}.cer", cert.name.as_deref().unwrap_or(&cert.id)))
}

// ---- the upload ----

/// The upload form's field a refusal concerns, by its error id (the PKCS#12 ids of
/// `wire::uem::errors`).
pub fn upload_field(error_id: &str) -> Option<&'static str> {
    if error_id == errors::INVALID_PKCS12_PASSWORD.id {
        Some(PASSWORD_FIELD)
    } else if [
        errors::INVALID_PKCS12.id,
        errors::NO_PRIVATE_KEY.id,
        errors::CERTIFICATE_EXPIRED.id,
        errors::CERTIFICATE_NOT_YET_VALID.id,
        errors::UNSUPPORTED_CERTIFICATE.id,
        errors::PAYLOAD_TOO_LARGE.id,
    ]
    .contains(&error_id)
    {
        Some(FILE_FIELD)
    } else {
        None
    }
}

/// The refusal with its field named in the reference (message, id and correlation id kept).
fn placed(e: ApiError) -> ApiError {
    let Some(r) = e.reference.as_deref() else {
        return e;
    };
    let Some(field) = r.error_id.as_deref().and_then(upload_field) else {
        return e;
    };
    let mut r: Reference = r.clone();
    r.fields.push((Some(field.to_string()), e.kind.message()));
    e.with_reference(r)
}

/// What the portal says of an upload's answer: the certificates created, one per private key
/// ("a list of Embedded Certificates for each of the private keys uploaded").
pub fn created_message(created: &EmbeddedCertificates) -> String {
    let names: Vec<String> = created
        .embedded_certificates
        .iter()
        .map(|e| {
            format!(
                "“{}”",
                cert_name(&e.certificate.clone().unwrap_or_default())
            )
        })
        .collect();
    match names.len() {
        0 => "The file was uploaded.".to_string(),
        1 => format!("Uploaded 1 certificate: {}.", names[0]),
        n => format!("Uploaded {n} certificates: {}.", names.join(", ")),
    }
}

/// An upload as it is sent: method, path under the tenant, body and its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRequest {
    pub method: &'static str,
    pub path: String,
    pub content_type: String,
    /// `Content-Disposition` of a raw body (the multipart body names the file in its part).
    pub disposition: Option<String>,
    pub bytes: Vec<u8>,
}

/// The request that uploads `file` into `slot` of the user `user_guid`: `PUT` on a profile
/// assignment replaces, `POST` on the user adds ("Uploading a user certificate for a User…").
/// The body is the multipart/related one with the base64 password part ("Uploading certificate
/// for a User credential profile with manual connector type for the non-BlackBerry Dynamics
/// platform"), or, for BlackBerry Dynamics, the PKCS#12 file alone as `application/pkcs12` with
/// `Content-Disposition` ("Uploading a BlackBerry Dynamics user certificate for a user": "UEM does
/// not manage passwords for BlackBerry Dynamics certificates"). A slot the server issues into
/// takes no upload.
pub fn upload_request(
    user_guid: &str,
    slot: &CertSlot,
    file: &Pkcs12File<'_>,
) -> Result<UploadRequest, ApiError> {
    let (method, path) = if slot.adds {
        ("POST", user_path(user_guid, "/embeddedCertificates"))
    } else {
        let profile = format!(
            "/profiles/{}/embeddedCertificates",
            encode_path_segment(&slot.id)
        );
        ("PUT", user_path(user_guid, &profile))
    };
    let (content_type, disposition, bytes) = match slot.upload {
        UploadForm::Issued => {
            return Err(ApiError::rejected(
                405,
                format!(
                "The certificates of “{}” are issued by the server: there is nothing to upload.",
                slot.name
            ),
            ))
        }
        UploadForm::FileWithoutPassword => (
            media::PKCS12.to_string(),
            Some(multipart::attachment(file.file_name)),
            file.bytes.to_vec(),
        ),
        UploadForm::File { .. } => (
            multipart::certificate_upload_content_type(),
            None,
            multipart::certificate_upload(
                &wire::uem::base64_encode(file.password.as_bytes()),
                file.file_name,
                file.bytes,
            ),
        ),
    };
    Ok(UploadRequest {
        method,
        path,
        content_type,
        disposition,
        bytes,
    })
}

async fn upload(
    api: &ApiClient,
    user: &str,
    slot: &CertSlot,
    file: Pkcs12File<'_>,
    on_progress: OnProgress,
) -> Result<String, ApiError> {
    let guid = user_guid(api, user).await?;
    let r = upload_request(&guid, slot, &file)?;
    let body = UploadBody::Bytes {
        content_type: r.content_type,
        disposition: r.disposition,
        bytes: r.bytes,
    };
    let raw = api
        .upload(
            r.method,
            &r.path,
            media::EMBEDDED_CERTIFICATES,
            body,
            on_progress,
        )
        .await
        .map_err(placed)?;
    let created: EmbeddedCertificates = parse(&raw)?;
    Ok(created_message(&created))
}

// ---- the neutral interface ----

/// UEM's certificates of a user; users are user names.
pub struct UemUserCertificates {
    api: ApiClient,
}

impl UemUserCertificates {
    pub fn new(api: ApiClient) -> UemUserCertificates {
        UemUserCertificates { api }
    }
}

#[async_trait::async_trait(?Send)]
impl UserCertificateApi for UemUserCertificates {
    fn needs_permission(&self) -> bool {
        true
    }

    async fn slots(&self, user: &str) -> Result<Arc<Vec<CertSlot>>, ApiError> {
        slots(&self.api, user).await
    }

    async fn details(
        &self,
        user: &str,
        _slot: &CertSlot,
        cert: &UserCert,
    ) -> Result<Option<CertDetails>, ApiError> {
        details(&self.api, user, cert).await
    }

    async fn upload(
        &self,
        user: &str,
        slot: &CertSlot,
        file: Pkcs12File<'_>,
        on_progress: OnProgress,
    ) -> Result<String, ApiError> {
        upload(&self.api, user, slot, file, on_progress).await
    }

    async fn delete(
        &self,
        _user: &str,
        _slot: &CertSlot,
        cert: &UserCert,
    ) -> Result<String, ApiError> {
        start(&self.api, cert, false).await
    }

    async fn download(
        &self,
        _user: &str,
        _slot: &CertSlot,
        cert: &UserCert,
    ) -> Result<CertFile, ApiError> {
        download(&self.api, cert).await
    }

    async fn renew(
        &self,
        _user: &str,
        _slot: &CertSlot,
        cert: &UserCert,
    ) -> Result<String, ApiError> {
        start(&self.api, cert, true).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::certificates::user_provided::UploadField;
    use serde_json::json;

    #[test]
    fn allow_says_download_delete_and_renew() {
        // Overview, "Getting the available operations for a Certificate".
        assert_eq!(
            Allow::parse(Some("GET, DELETE, PATCH, OPTIONS")),
            Allow {
                get: true,
                delete: true,
                patch: true
            }
        );
        assert_eq!(
            Allow::parse(Some("get,options")),
            Allow {
                get: true,
                ..Allow::default()
            }
        );
        assert_eq!(Allow::parse(None), Allow::default());
    }

    #[test]
    fn common_names() {
        assert_eq!(common_name("CN=jdoe Wi-Fi, O=Example"), Some("jdoe Wi-Fi"));
        assert_eq!(
            common_name("O=Example, cn = Joe Doe (Signing)"),
            Some("Joe Doe (Signing)")
        );
        assert_eq!(common_name("O=Example"), None);
        // A slash inside a name is part of it; OpenSSL's form is read as well.
        assert_eq!(
            common_name("CN=jdoe S/MIME, O=Example"),
            Some("jdoe S/MIME")
        );
        assert_eq!(common_name("/CN=jdoe/O=Example"), Some("jdoe"));
    }

    fn embedded(v: serde_json::Value) -> EmbeddedCertificate {
        serde_json::from_value(v).unwrap()
    }

    const ALL: Allow = Allow {
        get: true,
        delete: true,
        patch: true,
    };

    #[test]
    fn slots_per_profile_bundles_through_their_bundle_and_own_certificates_last() {
        // Overview, "Certificate management": a certificate in a bundle is renewed and deleted
        // only through its bundle; a user certificate's profile "can't be queried as a profile".
        let wifi = json!({"guid": "p-wifi", "name": "Corporate Wi-Fi credential", "category": "USER_CREDENTIAL", "certificateSource": "MANUAL"});
        let entrust = json!({"guid": "p-entrust", "name": "Entrust multi-key credential", "category": "USER_CREDENTIAL", "certificateSource": "PKI"});
        let smime = json!({"guid": "p-smime", "name": "Email S/MIME credential", "category": "USER_CREDENTIAL", "certificateSource": "MANUAL"});
        let dynamics = json!({"guid": "p-dyn", "category": "USER_CERTIFICATE"});
        let scep = json!({"guid": "p-scep", "name": "Corporate SCEP", "category": "SCEP", "certificateSource": "SCEP"});
        let assignments: ProfileAssignments =
            serde_json::from_value(json!({"profileAssignments": [
                {"profile": smime, "category": "USER_CREDENTIAL"},
                {"profile": entrust, "category": "USER_CREDENTIAL"},
                {"profile": dynamics, "category": "USER_CERTIFICATE", "dynamics": true},
                {"profile": {"guid": "p-uc", "category": "USER_CERTIFICATE"}, "category": "USER_CERTIFICATE", "dynamics": false},
            ]}))
            .unwrap();
        let found = vec![
            Found {
                embedded: embedded(json!({"guid": "e1", "profile": wifi,
                    "certificate": {"guid": "c1", "subject": "CN=jdoe Wi-Fi, O=Example", "notAfter": "2027-01-01T00:00:00Z"},
                    "state": "ACTIVE"})),
                own: Allow {
                    patch: false,
                    ..ALL
                },
                bundle: None,
            },
            Found {
                embedded: embedded(json!({"guid": "e2", "profile": entrust,
                    "certificate": {"guid": "c2", "subject": "CN=Joe Doe (Signing)"},
                    "certificateBundle": {"guid": "b1"}, "state": "RENEWAL_PENDING"})),
                own: Allow {
                    get: true,
                    ..Allow::default()
                },
                bundle: Some(Allow {
                    patch: true,
                    ..Allow::default()
                }),
            },
            Found {
                embedded: embedded(json!({"guid": "e3",
                    "profile": {"guid": "p-uc", "category": "USER_CERTIFICATE"},
                    "certificate": {"guid": "c3", "fileName": "mine.p12"}})),
                own: Allow { get: false, ..ALL },
                bundle: None,
            },
            Found {
                embedded: embedded(json!({"guid": "e4", "profile": dynamics,
                    "certificate": {"guid": "c4", "subject": "CN=jdoe (BlackBerry Dynamics)"}})),
                own: ALL,
                bundle: None,
            },
            Found {
                embedded: embedded(json!({"guid": "e5", "profile": scep,
                    "certificate": {"guid": "c5", "subject": "CN=jdoe@example.com"}})),
                own: ALL,
                bundle: None,
            },
        ];
        let slots = slots_of(&assignments.profile_assignments, found);
        let ids: Vec<&str> = slots.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "p-smime",
                "p-wifi",
                "p-entrust",
                "p-scep",
                USER_CERTIFICATES,
                DYNAMICS_CERTIFICATES
            ]
        );
        // Files a user provides take their password; what a PKI or SCEP issues takes nothing,
        // and its card says nothing of a password.
        for (i, form) in [
            WITH_PASSWORD,
            WITH_PASSWORD,
            UploadForm::Issued,
            UploadForm::Issued,
            WITH_PASSWORD,
            UploadForm::FileWithoutPassword,
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(slots[i].upload, form, "{}", slots[i].id);
        }
        assert_eq!(slots[3].upload.card_line(), None);
        assert!(!slots[2].offers_upload() && !slots[3].offers_upload());
        // The empty manual credential is offered for an upload (it replaces); the PKI one is not
        // a slot until it has certificates.
        assert!(slots[0].certificates.is_empty() && !slots[0].adds);
        let wifi = &slots[1];
        assert_eq!(wifi.name, "Corporate Wi-Fi credential");
        let c = &wifi.certificates[0];
        assert_eq!(c.name.as_deref(), Some("jdoe Wi-Fi"));
        assert_eq!(c.certificate_id.as_deref(), Some("c1"));
        assert_eq!(c.expires, parse_time("2027-01-01T00:00:00Z"));
        assert!(
            c.ops.delete && c.ops.download && !c.ops.renew && c.ops.replace && !c.ops.on_bundle
        );
        assert_eq!(c.pending, None);
        let b = &slots[2].certificates[0];
        assert_eq!(b.bundle.as_deref(), Some("b1"));
        assert!(b.ops.on_bundle && b.ops.renew && !b.ops.delete && b.ops.download);
        assert_eq!(b.pending, Some(Pending::Renewal));
        let own = &slots[4];
        assert!(own.adds && own.offers_upload());
        assert_eq!(own.name, "User certificates");
        assert_eq!(own.certificates.len(), 1);
        // The BlackBerry Dynamics user certificate, where its assignment says so: added and
        // shown apart (uploaded as the file alone).
        let dynamics = &slots[5];
        assert!(dynamics.adds && dynamics.offers_upload());
        assert_eq!(dynamics.name, "BlackBerry Dynamics certificates");
        assert_eq!(
            dynamics.certificates[0].name.as_deref(),
            Some("jdoe (BlackBerry Dynamics)")
        );
        assert_eq!(own.certificates[0].name.as_deref(), Some("mine.p12"));
        assert!(!own.certificates[0].ops.download && own.certificates[0].ops.delete);
        assert!(!own.certificates[0].ops.replace);
        // A bundle member whose bundle's Allow is unknown may not be renewed or deleted.
        let lone = user_cert(Found {
            embedded: embedded(
                json!({"guid": "e", "certificate": {"guid": "c"}, "certificateBundle": {"guid": "b"}}),
            ),
            own: ALL,
            bundle: None,
        });
        assert!(!lone.ops.delete && !lone.ops.renew && lone.ops.download);
    }

    #[test]
    fn upload_refusals_find_their_field_with_id_and_correlation_id() {
        assert_eq!(
            upload_field("INVALID_PKCS12_PASSWORD"),
            Some(PASSWORD_FIELD)
        );
        assert_eq!(upload_field("INVALID_PKCS12"), Some(FILE_FIELD));
        assert_eq!(upload_field("CERTIFICATE_EXPIRED"), Some(FILE_FIELD));
        assert_eq!(upload_field("NOT_AUTHORIZED"), None);
        let e = crate::backend::error::classify(
            400,
            media::ERROR,
            None,
            br#"{"id":"INVALID_PKCS12_PASSWORD","subStatusCode":161,"message":"The password does not open the PKCS#12 file."}"#,
            super::super::errors::read_error,
        )
        .with_correlation_id("5f1c2d3e-0000-4000-8000-000000000001");
        let p = placed(e.clone());
        assert_eq!(UploadField::of(&p), UploadField::Password);
        assert_eq!(p.message(), e.message());
        assert!(p.message().contains(
            "(Error INVALID_PKCS12_PASSWORD (161), reference 5f1c2d3e-0000-4000-8000-000000000001.)"
        ));
        let other = placed(ApiError::server(502, "down"));
        assert_eq!(UploadField::of(&other), UploadField::Form);
    }

    fn file() -> Pkcs12File<'static> {
        Pkcs12File {
            file_name: "jdoe \"work\".pfx",
            bytes: &[0x30, 0x03, 0x02, 0x01, 0x03],
            password: "s3cret",
        }
    }

    fn slot_of(id: &str, upload: UploadForm, adds: bool) -> CertSlot {
        slot(id, Some("x"), upload, adds)
    }

    #[test]
    fn a_blackberry_dynamics_certificate_goes_as_the_file_alone() {
        // Overview, "Uploading a BlackBerry Dynamics user certificate for a user": `POST` on the
        // user, `Content-Type: application/pkcs12`, `Content-Disposition: attachment;
        // filename="pkcs12_file.pfx"`, the PKCS#12 data as the body, no password.
        let r = upload_request(
            "u 1",
            &slot_of(DYNAMICS_CERTIFICATES, UploadForm::FileWithoutPassword, true),
            &file(),
        )
        .unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.path, "/users/u%201/embeddedCertificates");
        assert_eq!(r.content_type, "application/pkcs12");
        assert_eq!(
            r.disposition.as_deref(),
            Some("attachment; filename=\"jdoe _work_.pfx\"")
        );
        assert_eq!(r.bytes, file().bytes);
        // "Replacing a BlackBerry Dynamics user certificate": the same body, PUT on its profile
        // assignment.
        let r = upload_request(
            "u",
            &slot_of("p-dyn", UploadForm::FileWithoutPassword, false),
            &file(),
        )
        .unwrap();
        assert_eq!(
            (r.method, r.path.as_str(), r.content_type.as_str()),
            (
                "PUT",
                "/users/u/profiles/p-dyn/embeddedCertificates",
                "application/pkcs12"
            )
        );
        assert_eq!(r.bytes, file().bytes);
    }

    #[test]
    fn other_uploads_are_multipart_with_the_password_and_issued_ones_none() {
        // Overview, "Uploading certificate for a User credential profile with manual connector
        // type for the non-BlackBerry Dynamics platform" and "Uploading a user certificate for a
        // User for non-BlackBerry Dynamics platform".
        for (slot, method, path) in [
            (
                slot_of("p-wifi", WITH_PASSWORD, false),
                "PUT",
                "/users/u/profiles/p-wifi/embeddedCertificates",
            ),
            (
                slot_of(USER_CERTIFICATES, WITH_PASSWORD, true),
                "POST",
                "/users/u/embeddedCertificates",
            ),
        ] {
            let r = upload_request("u", &slot, &file()).unwrap();
            assert_eq!((r.method, r.path.as_str()), (method, path));
            assert_eq!(
                r.content_type,
                "multipart/related; boundary=\"certPartsBoundary\"; start=\"rootIdentifier\""
            );
            assert_eq!(r.disposition, None);
            let parts = multipart::parse(&r.content_type, &r.bytes).unwrap();
            assert_eq!(parts.len(), 2);
            assert_eq!(
                parts[0].body,
                format!(
                    "{{\"password\":\"{}\"}}",
                    wire::uem::base64_encode(b"s3cret")
                )
                .into_bytes()
            );
            assert_eq!(parts[1].body, file().bytes);
            assert_eq!(parts[1].file_name().as_deref(), Some("jdoe _work_.pfx"));
        }
        // A SCEP or PKI profile's certificates are issued, never uploaded.
        let e = upload_request("u", &slot_of("p-scep", UploadForm::Issued, false), &file())
            .unwrap_err();
        assert!(e.message().contains("issued by the server"));
    }

    #[test]
    fn the_answer_lists_the_certificates_created() {
        let one: EmbeddedCertificates = serde_json::from_value(json!({"embeddedCertificates": [
            {"guid": "e", "certificate": {"guid": "c", "subject": "CN=jdoe"}}
        ]}))
        .unwrap();
        assert_eq!(created_message(&one), "Uploaded 1 certificate: “jdoe”.");
        let two: EmbeddedCertificates = serde_json::from_value(json!({"embeddedCertificates": [
            {"guid": "e1", "certificate": {"guid": "c1", "subject": "CN=a"}},
            {"guid": "e2", "certificate": {"guid": "c2", "subject": "CN=b"}}
        ]}))
        .unwrap();
        assert_eq!(created_message(&two), "Uploaded 2 certificates: “a”, “b”.");
    }

    #[test]
    fn enrollments_name_the_device_and_the_app_with_its_status() {
        // Overview, "Certificate management": "Certificate Enrollments for BlackBerry Dynamics
        // applications contain a status".
        let e: CertificateEnrollments = serde_json::from_value(json!({"certificateEnrollments": [
            {"guid": "x1", "userDevice": {"guid": "d1", "hardwareName": "Galaxy S24"}},
            {"guid": "x2", "userDevice": {"guid": "d1", "hardwareName": "Galaxy S24"},
             "application": {"guid": "a1", "name": "BlackBerry Work"}, "status": "DELIVERY_PENDING"},
            {"guid": "x3", "application": {"guid": "a2"}}
        ]}))
        .unwrap();
        let texts: Vec<String> = e
            .certificate_enrollments
            .iter()
            .map(enrollment_text)
            .collect();
        assert_eq!(
            texts,
            [
                "Galaxy S24",
                "BlackBerry Work on Galaxy S24 (Delivery pending)",
                "a2"
            ]
        );
    }

    #[test]
    fn paths() {
        assert_eq!(certificate_path("c 1"), "/pki/certificates/c%201");
        assert_eq!(bundle_path("b"), "/pki/bundles/b");
        assert_eq!(
            user_path("g", "/embeddedCertificates"),
            "/users/g/embeddedCertificates"
        );
    }

    #[test]
    fn bundle_members_are_renewed_and_deleted_through_their_bundle() {
        // Overview, "Certificate management": "renew and delete operations are available only for
        // a Certificate Bundle entity".
        let mut c = UserCert {
            id: "e".into(),
            name: Some("jdoe Wi-Fi".into()),
            certificate_id: Some("c".into()),
            ..UserCert::default()
        };
        assert_eq!(operation_path(&c).unwrap(), "/pki/certificates/c");
        c.bundle = Some("b".into());
        c.ops.on_bundle = true;
        assert_eq!(operation_path(&c).unwrap(), "/pki/bundles/b");
        c.certificate_id = None;
        c.bundle = None;
        assert!(operation_path(&c).unwrap_err().is_not_found());
    }

    #[test]
    fn a_download_is_named_as_the_server_says() {
        // Overview, "Downloading public key Certificate": the file name in Content-Disposition.
        let c = UserCert {
            id: "e".into(),
            name: Some("jdoe Wi-Fi".into()),
            ..UserCert::default()
        };
        assert_eq!(
            download_name(Some("attachment; filename=\"jdoe_Wi-Fi.cer\""), &c),
            "jdoe_Wi-Fi.cer"
        );
        assert_eq!(download_name(None, &c), "jdoe Wi-Fi.cer");
    }
}
