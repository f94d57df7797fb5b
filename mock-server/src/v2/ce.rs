//! CE configuration look-ups, the SCEP challenge password and the test certificate (V2 guide, "Get
//! SCEP configuration information", "Change SCEP challenge password", "Verify Ivanti EPMM/SCEP
//! Connectivity", "Get CE configuration information").

use super::envelope::{ok, V2Error, V2Result};
use super::pkcs12::cert_info;
use super::world::CeConfig;
use super::{now_ms, query_get, query_pairs, require, roles, space_from_query, Ctx};
use crate::auth::Caller;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::Extension;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, SerialNumber,
};
use std::fmt;
use time::OffsetDateTime;
use wire::v2::ce::{CaProtocol, ConfigSummary, TestCertificate};
use wire::v2::{keys, Envelope, Message, MessagesOnly};

/// The default subject e-mail of a test certificate: the sample's CN (V2 guide, "Verify Ivanti
/// EPMM/SCEP Connectivity": the sample response; the doc's own text is obfuscated).
pub const DEFAULT_TEST_EMAIL: &str = "testuser@yourcompany.com";

/// The `LOCAL CA` that issues test certificates (V2 guide, "Verify Ivanti EPMM/SCEP Connectivity":
/// "IssuerDN: CN=LOCAL CA" in the sample response).
pub struct TestCa(CertifiedIssuer<'static, KeyPair>);

impl fmt::Debug for TestCa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TestCa(CN=LOCAL CA)")
    }
}

fn summary_of(c: &CeConfig) -> ConfigSummary {
    ConfigSummary {
        name: Some(c.name.clone()),
        value: Some(c.id.to_string()),
        app_type: Some("SCEP".into()),
        app_sub_type: Some(c.protocol.as_str().into()),
        row_type: Some("ADMIN".into()),
    }
}

fn summaries(ctx: &Ctx, protocol: &str, field: &str) -> V2Result<Response> {
    let p: CaProtocol = protocol
        .parse()
        .map_err(|_| V2Error::invalid(field, protocol))?;
    let world = ctx.v2.lock();
    let rows: Vec<ConfigSummary> = world
        .configs
        .iter()
        .filter(|c| c.protocol == p)
        .map(summary_of)
        .collect();
    let n = rows.len();
    // No `messages`, as in the samples (V2 guide, the sample responses of "Get SCEP configuration
    // information" and "Get CE configuration information").
    Ok(ok(&Envelope::results(rows).with_count(n)))
}

/// `GET /api/v2/configuration/SCEP/{appsubtype}/summary` (V2 guide, "Get SCEP configuration
/// information").
pub async fn summary(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    Path(sub): Path<String>,
) -> V2Result<Response> {
    require(&caller, roles::UM)?;
    summaries(&ctx, &sub, "appsubtype")
}

/// `GET /api/v2/configurations/CE/{caprotocol}/configurations` (V2 guide, "Get CE configuration
/// information").
pub async fn configurations(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    Path(protocol): Path<String>,
) -> V2Result<Response> {
    require(&caller, roles::LE)?;
    summaries(&ctx, &protocol, "caprotocol")
}

/// The longest challenge password accepted.
pub const MAX_CHALLENGE: usize = 255;

/// `POST /api/v2/configuration/SCEP/SCEP/{id}/challenge`, the new password as a `text/plain` body
/// (V2 guide, "Change SCEP challenge password"). Write-only: nothing ever answers the password. No
/// answer is documented; the mock borrows the "Success" of "Revoke certificates".
pub async fn challenge(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    Path((sub, id)): Path<(String, String)>,
    body: Bytes,
) -> V2Result<Response> {
    require(&caller, roles::CM)?;
    let id: i64 = match (sub.as_str(), id.trim().parse()) {
        ("SCEP", Ok(id)) => id,
        _ => return Err(V2Error::config_not_found()),
    };
    let password = String::from_utf8(body.to_vec()).map_err(|_| {
        V2Error::bad_request("challenge.ENCODING", "The new password must be UTF-8 text.")
    })?;
    if password.trim().is_empty() {
        return Err(V2Error::bad_request(
            "challenge.REQUIRED",
            "The new challenge password is required.",
        ));
    }
    if password.chars().count() > MAX_CHALLENGE {
        return Err(V2Error::bad_request(
            "challenge.TOO_LONG",
            format!("The challenge password is longer than {MAX_CHALLENGE} characters."),
        ));
    }
    let mut world = ctx.v2.lock();
    let cfg = world
        .configs
        .iter_mut()
        .find(|c| c.id == id && c.protocol == CaProtocol::Scep)
        .ok_or_else(V2Error::config_not_found)?;
    cfg.challenge = Some(password);
    Ok(ok(&MessagesOnly::message(Message::info(
        keys::HTTP_200,
        keys::HTTP_200_TEXT,
    ))))
}

/// `GET /api/v2/configuration/CE/issue_test_certificate?adminDeviceSpaceId=1&ceConfigName=…
/// [&email=…]` (V2 guide, "Verify Ivanti EPMM/SCEP Connectivity"): issues a real certificate from
/// the mock's `LOCAL CA`.
pub async fn test_certificate(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
) -> V2Result<Response> {
    require(&caller, roles::CM)?;
    let q = query_pairs(&uri)?;
    space_from_query(&q)?;
    let name = query_get(&q, "ceConfigName")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| V2Error::required("ceConfigName"))?;
    let email = query_get(&q, "email")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(DEFAULT_TEST_EMAIL)
        .to_string();
    if !email.contains('@') || email.contains([',', '=', '+', '"', '\\', '<', '>', ';']) {
        return Err(V2Error::invalid("email", &email));
    }
    let fail = {
        let mut world = ctx.v2.lock();
        let idx = world
            .config_index_by_name(name)
            .ok_or_else(V2Error::config_not_found)?;
        let cfg = &world.configs[idx];
        if matches!(
            cfg.protocol,
            CaProtocol::UserProvided | CaProtocol::ClientProvided
        ) {
            return Err(V2Error::bad_request(
                "testcert.NO_CA",
                format!(
                    "“{}” has no certificate authority: its certificates are provided by users or devices.",
                    cfg.name
                ),
            ));
        }
        let down = cfg.ca_down;
        down || std::mem::take(&mut world.faults.test_cert_fail_next)
    };
    if fail {
        return Err(V2Error::new(
            StatusCode::BAD_GATEWAY,
            "testcert.CA_UNREACHABLE",
            "Could not issue a test certificate: the CA did not respond.",
        ));
    }
    let (pem, dump) = issue_test(&ctx, &email).map_err(|e| {
        V2Error::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "testcert.INTERNAL",
            format!("Could not issue a test certificate: {e}"),
        )
    })?;
    Ok(ok(&Envelope::results(TestCertificate {
        certificate: Some(dump),
        pem: Some(pem),
    })
    .with_message(Message::info(
        keys::TEST_CERT_SUCCESS,
        keys::TEST_CERT_SUCCESS_TEXT,
    ))))
}

fn at(ms: i64) -> Result<OffsetDateTime, String> {
    OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).map_err(|e| e.to_string())
}

/// Issues a leaf for `email` from the test CA: `(PEM, BouncyCastle-style dump)`.
fn issue_test(ctx: &Ctx, email: &str) -> Result<(String, String), String> {
    let now = now_ms();
    let mut ca_slot = ctx.v2.test_ca.lock().unwrap_or_else(|e| e.into_inner());
    if ca_slot.is_none() {
        let key = KeyPair::generate().map_err(|e| e.to_string())?;
        let mut p = CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        p.distinguished_name.push(DnType::CommonName, "LOCAL CA");
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        p.not_before = at(now - 86_400_000)?;
        p.not_after = at(now + 10 * 365 * 86_400_000)?;
        let issuer = CertifiedIssuer::self_signed(p, key).map_err(|e| e.to_string())?;
        *ca_slot = Some(TestCa(issuer));
    }
    let Some(TestCa(ca)) = ca_slot.as_ref() else {
        return Err("no CA".into());
    };
    let key = KeyPair::generate().map_err(|e| e.to_string())?;
    let mut p = CertificateParams::default();
    p.distinguished_name = rcgen::DistinguishedName::new();
    p.distinguished_name.push(DnType::CommonName, email);
    p.distinguished_name
        .push(DnType::OrganizationalUnitName, "appSetting:[CONSUMER_UUID]");
    let serial = 100 + (now as u64 % 1_000_000);
    p.serial_number = Some(SerialNumber::from_slice(&serial.to_be_bytes()));
    p.not_before = at(now)?;
    p.not_after = at(now + 366 * 86_400_000)?;
    p.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    p.use_authority_key_identifier_extension = true;
    let cert = p.signed_by(&key, ca).map_err(|e| e.to_string())?;
    let info = cert_info(cert.der())?;
    let dump = format!(
        " [0] Version: {} SerialNumber: {} IssuerDN: {} Start Date: {} Final Date: {} SubjectDN: {} Signature Algorithm: {} Extensions: critical(true) BasicConstraints: isCa(false) critical(true) 2.5.29.37 value = Sequence ObjectIdentifier(1.3.6.1.5.5.7.3.2) critical(true) KeyUsage: 0xa0 ",
        info.version,
        info.serial,
        info.issuer,
        java_date(info.not_before_ms),
        java_date(info.not_after_ms),
        info.subject,
        info.signature_algorithm,
    );
    Ok((cert.pem(), dump))
}

/// Java `Date.toString()` in UTC: `Wed Feb 16 05:50:05 UTC 2022` (V2 guide, "Verify Ivanti
/// EPMM/SCEP Connectivity": the sample response).
pub fn java_date(ms: i64) -> String {
    match at(ms) {
        Ok(t) => {
            let wd = &format!("{:?}", t.weekday())[..3];
            let mon = &format!("{:?}", t.month())[..3];
            format!(
                "{wd} {mon} {:02} {:02}:{:02}:{:02} UTC {}",
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
                t.year()
            )
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn java_date_like_the_test_certificate_sample() {
        // "Start Date: Wed Feb 16 05:50:05 UTC 2022"
        assert_eq!(
            super::java_date(1_644_990_605_000),
            "Wed Feb 16 05:50:05 UTC 2022"
        );
    }
}
