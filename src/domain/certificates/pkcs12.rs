//! A PKCS#12 file (`.p12`, `.pfx`: a certificate with its private key) chosen for upload: the
//! cheap checks made before it is sent, and what an upload sends.

/// A PKCS#12 file and the password that protects it, as an upload sends them.
#[derive(Debug, Clone, Copy)]
pub struct Pkcs12File<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    /// Empty when the file has none.
    pub password: &'a str,
}

/// The largest file the portal sends (the mock's limit too).
pub const MAX_UPLOAD_BYTES: usize = 1024 * 1024;

/// Why a chosen file is not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Precheck {
    Empty,
    TooLarge(usize),
    Pem,
    NotPkcs12,
}

impl Precheck {
    pub fn message(&self) -> String {
        match self {
            Precheck::Empty => "The file is empty. Choose the .p12 or .pfx file of your certificate.".into(),
            Precheck::TooLarge(n) => format!(
                "The file is too large ({} KB). A certificate file is at most {} KB: choose the .p12 or .pfx file of your certificate.",
                n.div_ceil(1024),
                MAX_UPLOAD_BYTES / 1024
            ),
            Precheck::Pem => "This is a PEM file (text starting with “-----BEGIN”). Export the certificate together with its private key as a PKCS#12 file (.p12 or .pfx) and upload that.".into(),
            Precheck::NotPkcs12 => "This file is not a PKCS#12 certificate file. Choose a .p12 or .pfx file.".into(),
        }
    }
}

/// Cheap checks on a chosen file (certificates digest, "UI per flow"): not empty, not too large, not PEM, and a
/// DER structure (a PKCS#12 file starts with an ASN.1 SEQUENCE, byte 0x30). The server checks the
/// rest (password, keys, version, validity).
pub fn precheck_pkcs12(bytes: &[u8]) -> Result<(), Precheck> {
    if bytes.is_empty() {
        return Err(Precheck::Empty);
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(Precheck::TooLarge(bytes.len()));
    }
    let head = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .take(10)
        .copied()
        .collect::<Vec<u8>>();
    if head.starts_with(b"-----BEGIN") {
        return Err(Precheck::Pem);
    }
    if bytes[0] != 0x30 || bytes.len() < 4 {
        return Err(Precheck::NotPkcs12);
    }
    Ok(())
}

/// Whether the file name has a PKCS#12 extension (a hint only: the content decides).
pub fn has_pkcs12_extension(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".p12") || lower.ends_with(".pfx")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prechecks() {
        assert_eq!(precheck_pkcs12(b""), Err(Precheck::Empty));
        assert_eq!(
            precheck_pkcs12(b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
            Err(Precheck::Pem)
        );
        assert_eq!(
            precheck_pkcs12(b"\xEF\xBB\xBF-----BEGIN PRIVATE KEY-----"),
            Err(Precheck::Pem)
        );
        assert_eq!(precheck_pkcs12(b"PK\x03\x04zip"), Err(Precheck::NotPkcs12));
        let big = vec![0x30; MAX_UPLOAD_BYTES + 1];
        assert_eq!(
            precheck_pkcs12(&big),
            Err(Precheck::TooLarge(MAX_UPLOAD_BYTES + 1))
        );
        assert!(precheck_pkcs12(&[0x30, 0x82, 0x01, 0x00, 0x02]).is_ok());
        assert!(Precheck::Pem.message().contains("PKCS#12"));
        assert!(has_pkcs12_extension("Me.P12"));
        assert!(has_pkcs12_extension("x.pfx"));
        assert!(!has_pkcs12_extension("x.pem"));
    }
}
