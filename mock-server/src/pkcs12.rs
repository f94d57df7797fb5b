//! Real PKCS#12 checks on uploaded files, shared by the EPMM V2 user-provided certificates
//! ([`crate::v2::user_provided`]) and the UEM certificate uploads ([`crate::uem`]), and the
//! fixtures the tests use.
//!
//! Parsing is done by `p12-keystore` (pure Rust: PFX structure, MAC, PBES1/PBES2 bags) and the
//! certificate by `x509-parser`. The rules (V2 guide, "Error checking and validation" and the note
//! of "Upload user-provided certificate"; the messages are the mock's, digest
//! `certificates-api.md`, "A.5 Error envelope and status codes for our mock"):
//! - the file must be a valid PKCS#12, otherwise it is not saved;
//! - the password must open it (MAC check); a configuration with `requirePassword` needs one;
//! - one key (EPMM only, [`validate`]): exactly one private key ("User-provided certificates can
//!   only contain one private key"); UEM takes several ([`open_all`]: "Similar multi-key enrollment
//!   can be achieved with a manual uploading PKCS#12 file that contains multiple keys");
//! - version 3 certificates only ("Only upload version 3 and above certificates");
//! - validity: the certificate must be valid now (not expired, not before its `notBefore`).
//!
//! The V2 guide phrases the version and key rules as advice; the mock rejects both so the portal's
//! error paths are testable (digest `certificates-api.md`, "Part F: Open questions", 7). Fixtures
//! are built at run time with `rcgen` and written with `p12-keystore`: no key material is checked
//! in.

use p12_keystore::error::Error as P12Error;
use p12_keystore::{
    Certificate, KeyStore, KeyStoreEntry, Pkcs12Archive, PrivateKey, PrivateKeyBag, PrivateKeyChain,
};
use rcgen::{CertificateParams, DnType, KeyPair, PublicKeyData, SigningKey};
use std::str::FromStr;
use time::OffsetDateTime;

/// The largest upload accepted (real PKCS#12 files are a few kilobytes).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

const DAY_MS: i64 = 86_400_000;

/// Why an upload is refused. Each maps to one HTTP 400 message (digest `certificates-api.md`, "A.5
/// Error envelope and status codes for our mock") and to the form field it concerns, so the portal
/// can place it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadError {
    /// The `file` part is missing.
    NoFile,
    EmptyFile,
    TooLarge(usize),
    /// Not a PKCS#12 file: "does not save the file if it is not a valid PKCS#12".
    NotPkcs12,
    PasswordRequired,
    /// The file is protected but no password was given (the configuration does not require one).
    PasswordNeeded,
    WrongPassword,
    NoPrivateKey,
    /// "User-provided certificates can only contain one private key."
    SeveralPrivateKeys(usize),
    NoCertificate,
    /// "Only upload version 3 and above certificates": the X.509 version (1 or 2).
    OldVersion(u32),
    Expired(i64),
    NotYetValid(i64),
}

/// The form field an error concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    File,
    Password,
}

impl UploadError {
    pub fn field(&self) -> Field {
        match self {
            UploadError::PasswordRequired
            | UploadError::PasswordNeeded
            | UploadError::WrongPassword => Field::Password,
            _ => Field::File,
        }
    }

    /// The `messageKey`: `mock.upload.<field>.<CODE>`.
    pub fn key(&self) -> String {
        let code = match self {
            UploadError::NoFile => "REQUIRED",
            UploadError::EmptyFile => "EMPTY",
            UploadError::TooLarge(_) => "TOO_LARGE",
            UploadError::NotPkcs12 => "NOT_PKCS12",
            UploadError::PasswordRequired => "REQUIRED",
            UploadError::PasswordNeeded => "NEEDED",
            UploadError::WrongPassword => "WRONG",
            UploadError::NoPrivateKey => "NO_PRIVATE_KEY",
            UploadError::SeveralPrivateKeys(_) => "SEVERAL_PRIVATE_KEYS",
            UploadError::NoCertificate => "NO_CERTIFICATE",
            UploadError::OldVersion(_) => "VERSION",
            UploadError::Expired(_) => "EXPIRED",
            UploadError::NotYetValid(_) => "NOT_YET_VALID",
        };
        let field = match self.field() {
            Field::File => "file",
            Field::Password => "password",
        };
        format!("upload.{field}.{code}")
    }

    /// The `localizedMessage` (the texts of digest `certificates-api.md`, "A.5 Error envelope and
    /// status codes for our mock", where it has one).
    pub fn text(&self) -> String {
        match self {
            UploadError::NoFile => "file is required.".into(),
            UploadError::EmptyFile => "The file is empty. The certificate was not saved.".into(),
            UploadError::TooLarge(n) => format!(
                "The file is too large ({} KB). A PKCS#12 certificate file is at most {} KB.",
                n.div_ceil(1024),
                MAX_FILE_BYTES / 1024
            ),
            UploadError::NotPkcs12 => {
                "The file is not a valid PKCS#12 file. The certificate was not saved.".into()
            }
            UploadError::PasswordRequired => {
                "A password is required for this certificate enrollment configuration.".into()
            }
            UploadError::PasswordNeeded => {
                "This PKCS#12 file is protected by a password. Enter its password.".into()
            }
            UploadError::WrongPassword => "Incorrect password for the PKCS#12 file.".into(),
            UploadError::NoPrivateKey => {
                "The PKCS#12 file contains no private key. Export the certificate together with its private key.".into()
            }
            UploadError::SeveralPrivateKeys(_) => {
                "The PKCS#12 file contains more than one private key. Repackage it with only one private key.".into()
            }
            UploadError::NoCertificate => {
                "The PKCS#12 file contains no certificate for its private key.".into()
            }
            UploadError::OldVersion(_) => "Only version 3 certificates are supported.".into(),
            UploadError::Expired(at) => format!(
                "The certificate expired on {}. Upload a certificate that is still valid.",
                wire::datetime::format_date(*at)
            ),
            UploadError::NotYetValid(from) => format!(
                "The certificate is not valid before {}. Upload a certificate that is valid now.",
                wire::datetime::format_date(*from)
            ),
        }
    }
}

/// What the mock keeps of an accepted certificate (the fields of V2 guide, "Get list of user
/// provided certificate enrollment ID information…").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// 1, 2 or 3.
    pub version: u32,
    /// Decimal.
    pub serial: String,
    /// `SHA256WITHRSA` style (V2 guide, "Get list of user provided certificate enrollment ID
    /// information…": the sample response).
    pub signature_algorithm: String,
    /// `C=US, O=…, CN=…` (the same sample).
    pub issuer: String,
    pub subject: String,
    pub common_name: Option<String>,
    pub not_before_ms: i64,
    pub not_after_ms: i64,
}

/// One private key of an accepted file: its certificate (DER) and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyCert {
    pub der: Vec<u8>,
    pub info: CertInfo,
}

/// Opens the file: size, password and structure checks.
fn open(
    bytes: &[u8],
    password: &str,
    require_password: bool,
) -> Result<Pkcs12Archive, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::EmptyFile);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(UploadError::TooLarge(bytes.len()));
    }
    if require_password && password.is_empty() {
        return Err(UploadError::PasswordRequired);
    }
    match Pkcs12Archive::from_pkcs12(bytes, password) {
        Ok(a) => Ok(a),
        Err(P12Error::MacError(_)) | Err(P12Error::UnpadError) | Err(P12Error::Pkcs5Error(_)) => {
            Err(if password.is_empty() {
                UploadError::PasswordNeeded
            } else {
                UploadError::WrongPassword
            })
        }
        Err(_) => Err(UploadError::NotPkcs12),
    }
}

/// The certificate of a private key (by its local key id, else the first certificate), checked
/// for version and validity.
fn leaf(archive: &Pkcs12Archive, key: &PrivateKeyBag, now_ms: i64) -> Result<KeyCert, UploadError> {
    let leaf = key
        .local_key_id
        .as_ref()
        .and_then(|id| {
            archive
                .certs
                .iter()
                .find(|c| c.local_key_id.as_deref() == Some(id.as_ref()))
        })
        .or_else(|| archive.certs.first())
        .ok_or(UploadError::NoCertificate)?;
    let der = leaf.cert.as_der().to_vec();
    let info = cert_info(&der).map_err(|_| UploadError::NotPkcs12)?;
    if info.version < 3 {
        return Err(UploadError::OldVersion(info.version));
    }
    if info.not_after_ms < now_ms {
        return Err(UploadError::Expired(info.not_after_ms));
    }
    if info.not_before_ms > now_ms {
        return Err(UploadError::NotYetValid(info.not_before_ms));
    }
    Ok(KeyCert { der, info })
}

/// Checks an EPMM upload (exactly one private key) and returns the leaf certificate's details.
pub fn validate(
    bytes: &[u8],
    password: &str,
    require_password: bool,
    now_ms: i64,
) -> Result<CertInfo, UploadError> {
    let archive = open(bytes, password, require_password)?;
    match archive.keys.as_slice() {
        [] => Err(UploadError::NoPrivateKey),
        [one] => leaf(&archive, one, now_ms).map(|k| k.info),
        many => Err(UploadError::SeveralPrivateKeys(many.len())),
    }
}

/// Checks a UEM upload: one or more private keys, each with a valid version 3 certificate, in
/// the order of the file.
pub fn open_all(bytes: &[u8], password: &str, now_ms: i64) -> Result<Vec<KeyCert>, UploadError> {
    let archive = open(bytes, password, false)?;
    if archive.keys.is_empty() {
        return Err(UploadError::NoPrivateKey);
    }
    archive
        .keys
        .iter()
        .map(|k| leaf(&archive, k, now_ms))
        .collect()
}

/// Reads a DER X.509 certificate.
pub fn cert_info(der: &[u8]) -> Result<CertInfo, String> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).map_err(|e| e.to_string())?;
    let tbs = &cert.tbs_certificate;
    let common_name = tbs
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_string);
    Ok(CertInfo {
        version: tbs.version().0 + 1,
        serial: tbs.serial.to_string(),
        signature_algorithm: signature_name(&cert.signature_algorithm.algorithm.to_id_string()),
        issuer: tbs.issuer().to_string(),
        subject: tbs.subject().to_string(),
        common_name,
        not_before_ms: tbs.validity().not_before.timestamp() * 1000,
        not_after_ms: tbs.validity().not_after.timestamp() * 1000,
    })
}

/// Java-style signature algorithm names, as the V2 guide prints them (`SHA256WITHRSA`, "Get list of
/// user provided certificate enrollment ID information…": the sample response).
pub fn signature_name(oid: &str) -> String {
    match oid {
        "1.2.840.113549.1.1.5" => "SHA1WITHRSA",
        "1.2.840.113549.1.1.11" => "SHA256WITHRSA",
        "1.2.840.113549.1.1.12" => "SHA384WITHRSA",
        "1.2.840.113549.1.1.13" => "SHA512WITHRSA",
        "1.2.840.10045.4.3.2" => "SHA256WITHECDSA",
        "1.2.840.10045.4.3.3" => "SHA384WITHECDSA",
        "1.2.840.10045.4.3.4" => "SHA512WITHECDSA",
        "1.3.101.112" => "ED25519",
        other => return other.to_string(),
    }
    .to_string()
}

// ---------------------------------------------------------------------------------------------
// Fixtures, built at run time (native tests, `GET /_mock/pkcs12` with --test-hooks).

/// Which test file to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixtureKind {
    /// One key, a v3 certificate valid for a year.
    Valid,
    /// Two private keys (one key only, V2 guide, "Upload user-provided certificate").
    TwoKeys,
    /// A version 1 certificate (version 3 only, V2 guide, "Upload user-provided certificate").
    V1Certificate,
    /// Expired 30 days ago.
    Expired,
    /// Valid only from 10 days from now.
    NotYetValid,
    /// Certificates only, no private key.
    NoKey,
}

impl FromStr for FixtureKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "valid" => FixtureKind::Valid,
            "two-keys" => FixtureKind::TwoKeys,
            "v1" | "v1-certificate" => FixtureKind::V1Certificate,
            "expired" => FixtureKind::Expired,
            "not-yet-valid" => FixtureKind::NotYetValid,
            "no-key" => FixtureKind::NoKey,
            other => {
                return Err(format!(
                    "unknown kind `{other}` (valid, two-keys, v1, expired, not-yet-valid, no-key)"
                ))
            }
        })
    }
}

fn datetime(ms: i64) -> Result<OffsetDateTime, String> {
    OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).map_err(|e| e.to_string())
}

/// A self-signed v3 certificate for `common_name`, valid `from..until` (epoch ms), and its key.
pub fn issue_v3(
    common_name: &str,
    from_ms: i64,
    until_ms: i64,
    serial: u64,
) -> Result<(Vec<u8>, KeyPair), String> {
    let key = KeyPair::generate().map_err(|e| e.to_string())?;
    let mut params = CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(DnType::CountryName, "US");
    params
        .distinguished_name
        .push(DnType::OrganizationName, "MDM Portal Test");
    params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    params.not_before = datetime(from_ms)?;
    params.not_after = datetime(until_ms)?;
    params.serial_number = Some(rcgen::SerialNumber::from_slice(&serial.to_be_bytes()));
    params.key_usages = vec![
        rcgen::KeyUsagePurpose::DigitalSignature,
        rcgen::KeyUsagePurpose::KeyEncipherment,
    ];
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
    let cert = params.self_signed(&key).map_err(|e| e.to_string())?;
    Ok((cert.der().to_vec(), key))
}

/// A self-signed **version 1** certificate (no version field, no extensions): rcgen writes only
/// v3, so the TBSCertificate is encoded here and signed with the key (ECDSA P-256 / SHA-256).
pub fn issue_v1(
    common_name: &str,
    from_ms: i64,
    until_ms: i64,
) -> Result<(Vec<u8>, KeyPair), String> {
    let key = KeyPair::generate().map_err(|e| e.to_string())?;
    let name = der::seq(&[der::set(&[der::seq(&[
        der::oid(&[2, 5, 4, 3]),
        der::utf8(common_name),
    ])])]);
    let alg = der::seq(&[der::oid(&[1, 2, 840, 10045, 4, 3, 2])]);
    let validity = der::seq(&[der::utc_time(from_ms)?, der::utc_time(until_ms)?]);
    let tbs = der::seq(&[
        der::integer(&[0x01, 0x23]),
        alg.clone(),
        name.clone(),
        validity,
        name,
        key.subject_public_key_info(),
    ]);
    let sig = key.sign(&tbs).map_err(|e| e.to_string())?;
    Ok((der::seq(&[tbs, alg, der::bit_string(&sig)]), key))
}

fn chain(alias_id: &str, cert_der: &[u8], key: &KeyPair) -> Result<PrivateKeyChain, String> {
    let pk = PrivateKey::from_der(&key.serialize_der()).map_err(|e| e.to_string())?;
    let cert = Certificate::from_der(cert_der).map_err(|e| e.to_string())?;
    Ok(PrivateKeyChain::new(alias_id, pk, [cert]))
}

/// Builds a PKCS#12 test file of `kind` protected by `password` (may be empty).
pub fn fixture(
    kind: FixtureKind,
    password: &str,
    common_name: &str,
    now_ms: i64,
) -> Result<Vec<u8>, String> {
    let year = 365 * DAY_MS;
    let mut store = KeyStore::new();
    match kind {
        FixtureKind::Valid
        | FixtureKind::Expired
        | FixtureKind::NotYetValid
        | FixtureKind::NoKey => {
            let (from, until) = match kind {
                FixtureKind::Expired => (now_ms - year, now_ms - 30 * DAY_MS),
                FixtureKind::NotYetValid => (now_ms + 10 * DAY_MS, now_ms + year),
                _ => (now_ms - DAY_MS, now_ms + year),
            };
            let serial = (now_ms as u64) ^ 0x5a5a;
            let (der, key) = issue_v3(common_name, from, until, serial)?;
            if kind == FixtureKind::NoKey {
                let cert = Certificate::from_der(&der).map_err(|e| e.to_string())?;
                store.add_entry(common_name, KeyStoreEntry::Certificate(cert));
            } else {
                store.add_entry(
                    common_name,
                    KeyStoreEntry::PrivateKeyChain(chain("key-1", &der, &key)?),
                );
            }
        }
        FixtureKind::TwoKeys => {
            for i in 1..=2u64 {
                let cn = format!("{common_name} #{i}");
                let (der, key) = issue_v3(&cn, now_ms - DAY_MS, now_ms + year, i)?;
                store.add_entry(
                    &cn,
                    KeyStoreEntry::PrivateKeyChain(chain(&format!("key-{i}"), &der, &key)?),
                );
            }
        }
        FixtureKind::V1Certificate => {
            let (der, key) = issue_v1(common_name, now_ms - DAY_MS, now_ms + year)?;
            store.add_entry(
                common_name,
                KeyStoreEntry::PrivateKeyChain(chain("key-1", &der, &key)?),
            );
        }
    }
    store
        .writer(password)
        .mac_iterations(2048)
        .encryption_iterations(2048)
        .write()
        .map_err(|e| e.to_string())
}

/// A minimal DER writer for the v1 fixture.
mod der {
    fn len(n: usize, out: &mut Vec<u8>) {
        if n < 0x80 {
            out.push(n as u8);
        } else {
            let bytes: Vec<u8> = n
                .to_be_bytes()
                .iter()
                .copied()
                .skip_while(|b| *b == 0)
                .collect();
            out.push(0x80 | bytes.len() as u8);
            out.extend(bytes);
        }
    }
    pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        len(content.len(), &mut out);
        out.extend_from_slice(content);
        out
    }
    pub fn seq(items: &[Vec<u8>]) -> Vec<u8> {
        tlv(0x30, &items.concat())
    }
    pub fn set(items: &[Vec<u8>]) -> Vec<u8> {
        tlv(0x31, &items.concat())
    }
    pub fn integer(be: &[u8]) -> Vec<u8> {
        tlv(0x02, be)
    }
    pub fn utf8(s: &str) -> Vec<u8> {
        tlv(0x0c, s.as_bytes())
    }
    pub fn bit_string(bytes: &[u8]) -> Vec<u8> {
        let mut c = vec![0u8];
        c.extend_from_slice(bytes);
        tlv(0x03, &c)
    }
    pub fn oid(arcs: &[u64]) -> Vec<u8> {
        let mut c = vec![(arcs[0] * 40 + arcs[1]) as u8];
        for &a in &arcs[2..] {
            let mut groups = vec![(a & 0x7f) as u8];
            let mut v = a >> 7;
            while v > 0 {
                groups.push(0x80 | (v & 0x7f) as u8);
                v >>= 7;
            }
            groups.reverse();
            c.extend(groups);
        }
        tlv(0x06, &c)
    }
    /// UTCTime `YYMMDDHHMMSSZ` (years 1950–2049).
    pub fn utc_time(ms: i64) -> Result<Vec<u8>, String> {
        let t = super::datetime(ms)?;
        let s = format!(
            "{:02}{:02}{:02}{:02}{:02}{:02}Z",
            t.year().rem_euclid(100),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
        Ok(tlv(0x17, s.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_790_000_000_000;

    fn build(kind: FixtureKind, pw: &str) -> Vec<u8> {
        fixture(kind, pw, "jdoe", NOW).expect("fixture")
    }

    #[test]
    fn a_valid_file_is_read() {
        let f = build(FixtureKind::Valid, "s3cret");
        let info = validate(&f, "s3cret", true, NOW).expect("valid");
        assert_eq!(info.version, 3);
        assert_eq!(info.common_name.as_deref(), Some("jdoe"));
        assert!(info.subject.contains("CN=jdoe"), "{}", info.subject);
        assert_eq!(info.signature_algorithm, "SHA256WITHECDSA");
        assert!(info.not_before_ms <= NOW && NOW < info.not_after_ms);
    }

    #[test]
    fn password_rules() {
        let f = build(FixtureKind::Valid, "s3cret");
        // requirePassword with no password (digest `certificates-api.md`, "A.5 Error envelope and
        // status codes for our mock").
        assert_eq!(
            validate(&f, "", true, NOW),
            Err(UploadError::PasswordRequired)
        );
        // The MAC does not verify with another password.
        assert_eq!(
            validate(&f, "wrong", true, NOW),
            Err(UploadError::WrongPassword)
        );
        assert_eq!(UploadError::WrongPassword.field(), Field::Password);
        // A protected file on a configuration without requirePassword still needs its password.
        assert_eq!(
            validate(&f, "", false, NOW),
            Err(UploadError::PasswordNeeded)
        );
        // An unprotected file is fine where no password is required.
        let open = build(FixtureKind::Valid, "");
        assert!(validate(&open, "", false, NOW).is_ok());
    }

    #[test]
    fn not_a_pkcs12_file_is_refused() {
        let pem = b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        assert_eq!(validate(pem, "x", true, NOW), Err(UploadError::NotPkcs12));
        assert_eq!(
            validate(&[0x30, 0x03, 1, 2, 3], "x", true, NOW),
            Err(UploadError::NotPkcs12)
        );
        assert_eq!(validate(&[], "x", true, NOW), Err(UploadError::EmptyFile));
        let big = vec![0x30; MAX_FILE_BYTES + 1];
        assert_eq!(
            validate(&big, "x", true, NOW),
            Err(UploadError::TooLarge(MAX_FILE_BYTES + 1))
        );
        assert_eq!(UploadError::NotPkcs12.field(), Field::File);
        assert_eq!(
            UploadError::NotPkcs12.text(),
            "The file is not a valid PKCS#12 file. The certificate was not saved."
        );
    }

    #[test]
    fn exactly_one_private_key() {
        let f = build(FixtureKind::TwoKeys, "pw");
        assert_eq!(
            validate(&f, "pw", true, NOW),
            Err(UploadError::SeveralPrivateKeys(2))
        );
        let f = build(FixtureKind::NoKey, "pw");
        assert_eq!(
            validate(&f, "pw", true, NOW),
            Err(UploadError::NoPrivateKey)
        );
    }

    #[test]
    fn version_3_certificates_only() {
        let (der, _) = issue_v1("old", NOW - DAY_MS, NOW + DAY_MS).unwrap();
        assert_eq!(cert_info(&der).unwrap().version, 1);
        let f = build(FixtureKind::V1Certificate, "pw");
        assert_eq!(
            validate(&f, "pw", true, NOW),
            Err(UploadError::OldVersion(1))
        );
        assert_eq!(
            UploadError::OldVersion(1).text(),
            "Only version 3 certificates are supported."
        );
    }

    #[test]
    fn validity_is_checked() {
        let f = build(FixtureKind::Expired, "pw");
        assert!(matches!(
            validate(&f, "pw", true, NOW),
            Err(UploadError::Expired(_))
        ));
        let f = build(FixtureKind::NotYetValid, "pw");
        assert!(matches!(
            validate(&f, "pw", true, NOW),
            Err(UploadError::NotYetValid(_))
        ));
    }

    #[test]
    fn open_all_takes_several_keys_for_uem() {
        let f = build(FixtureKind::TwoKeys, "pw");
        let keys = open_all(&f, "pw", NOW).expect("two keys");
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0].info.common_name.as_deref(), Some("jdoe #1"));
        assert_eq!(keys[1].info.common_name.as_deref(), Some("jdoe #2"));
        assert_eq!(cert_info(&keys[1].der).unwrap(), keys[1].info);
        assert_eq!(
            open_all(&build(FixtureKind::NoKey, "pw"), "pw", NOW),
            Err(UploadError::NoPrivateKey)
        );
        assert_eq!(open_all(&f, "nope", NOW), Err(UploadError::WrongPassword));
        assert!(matches!(
            open_all(&build(FixtureKind::Expired, "pw"), "pw", NOW),
            Err(UploadError::Expired(_))
        ));
    }

    #[test]
    fn keys_name_their_field() {
        assert_eq!(UploadError::WrongPassword.key(), "upload.password.WRONG");
        assert_eq!(
            UploadError::SeveralPrivateKeys(2).key(),
            "upload.file.SEVERAL_PRIVATE_KEYS"
        );
    }
}
