//! Reads an X.509 certificate from PEM, enough to show it: version, serial, issuer, subject,
//! validity, signature algorithm, key usage, extended key usage, CA flag and alternative names.
//!
//! A small DER reader instead of a full X.509 crate keeps the WebAssembly bundle small; nothing is
//! verified (the portal shows what the server issued: the test certificate of the
//! EPMM V2 certificate guide, "Verify Ivanti EPMM/SCEP Connectivity"). Pure, native tests.

use base64::Engine;

/// What the portal shows of a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CertSummary {
    /// 1, 2 or 3.
    pub version: u32,
    /// Hexadecimal, `01:2A:…`.
    pub serial_hex: String,
    /// Decimal when it fits in 128 bits (the EPMM test certificate's dump prints `SerialNumber: 101`).
    pub serial_decimal: Option<String>,
    pub signature_algorithm: String,
    /// `CN=LOCAL CA`, attributes in the order encoded.
    pub issuer: String,
    pub subject: String,
    pub not_before_ms: i64,
    pub not_after_ms: i64,
    pub key_usage: Vec<&'static str>,
    pub extended_key_usage: Vec<String>,
    pub is_ca: Option<bool>,
    pub alt_names: Vec<String>,
}

/// Parses the first `CERTIFICATE` block of a PEM text. Line breaks may be spaces (as in the
/// flattened sample of the EPMM V2 certificate guide, "Verify Ivanti EPMM/SCEP Connectivity").
pub fn parse_pem(pem: &str) -> Result<CertSummary, String> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let start = pem
        .find(BEGIN)
        .ok_or("The text holds no “BEGIN CERTIFICATE” block.")?
        + BEGIN.len();
    let end = pem[start..]
        .find(END)
        .ok_or("The certificate block has no end line.")?
        + start;
    let b64: String = pem[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(b64.as_bytes())
        .map_err(|e| format!("The certificate is not valid base64 ({e})."))?;
    parse_der(&der)
}

/// Parses a DER certificate.
pub fn parse_der(der: &[u8]) -> Result<CertSummary, String> {
    let bad = |what: &str| format!("The certificate could not be read ({what}).");
    let mut top = Reader::new(der);
    let cert = top.expect(0x30).map_err(|_| bad("not a DER sequence"))?;
    let mut cert = Reader::new(cert);
    let tbs = cert.expect(0x30).map_err(|_| bad("no TBSCertificate"))?;
    let sig_alg = cert
        .expect(0x30)
        .map_err(|_| bad("no signature algorithm"))?;
    let mut r = Reader::new(tbs);
    let mut out = CertSummary {
        version: 1,
        ..Default::default()
    };
    if r.peek() == Some(0xA0) {
        let v = r.expect(0xA0).map_err(|_| bad("version"))?;
        let n = Reader::new(v).expect(0x02).map_err(|_| bad("version"))?;
        out.version = n.last().copied().unwrap_or(0) as u32 + 1;
    }
    let serial = r.expect(0x02).map_err(|_| bad("serial number"))?;
    out.serial_hex = serial
        .iter()
        .skip_while(|b| **b == 0 && serial.len() > 1)
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":");
    out.serial_decimal = decimal(serial);
    r.expect(0x30).map_err(|_| bad("signature"))?;
    out.issuer = name(r.expect(0x30).map_err(|_| bad("issuer"))?)?;
    let mut validity = Reader::new(r.expect(0x30).map_err(|_| bad("validity"))?);
    out.not_before_ms = time(&mut validity).map_err(|_| bad("notBefore"))?;
    out.not_after_ms = time(&mut validity).map_err(|_| bad("notAfter"))?;
    out.subject = name(r.expect(0x30).map_err(|_| bad("subject"))?)?;
    r.expect(0x30).map_err(|_| bad("public key"))?;
    while let Some(tag) = r.peek() {
        let content = r.next_any().map_err(|_| bad("extensions"))?.1;
        if tag == 0xA3 {
            extensions(content, &mut out).map_err(|_| bad("extensions"))?;
        }
    }
    let alg_oid = Reader::new(sig_alg)
        .expect(0x06)
        .map_err(|_| bad("signature algorithm"))?;
    out.signature_algorithm = signature_name(&oid(alg_oid));
    Ok(out)
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0 }
    }
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }
    fn next_any(&mut self) -> Result<(u8, &'a [u8]), ()> {
        let tag = *self.data.get(self.pos).ok_or(())?;
        let first = *self.data.get(self.pos + 1).ok_or(())?;
        let mut p = self.pos + 2;
        let len = if first < 0x80 {
            first as usize
        } else {
            let n = (first & 0x7f) as usize;
            if n == 0 || n > 4 {
                return Err(());
            }
            let mut l = 0usize;
            for _ in 0..n {
                l = (l << 8) | *self.data.get(p).ok_or(())? as usize;
                p += 1;
            }
            l
        };
        let end = p.checked_add(len).ok_or(())?;
        let content = self.data.get(p..end).ok_or(())?;
        self.pos = end;
        Ok((tag, content))
    }
    fn expect(&mut self, tag: u8) -> Result<&'a [u8], ()> {
        match self.next_any()? {
            (t, c) if t == tag => Ok(c),
            _ => Err(()),
        }
    }
}

fn oid(bytes: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut v: u64 = 0;
    for (i, b) in bytes.iter().enumerate() {
        v = (v << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if arcs.is_empty() && i < 8 {
                let first = (v / 40).min(2);
                arcs.push(first);
                arcs.push(v - first * 40);
            } else {
                arcs.push(v);
            }
            v = 0;
        }
    }
    arcs.iter()
        .map(|a| a.to_string())
        .collect::<Vec<_>>()
        .join(".")
}

fn decimal(bytes: &[u8]) -> Option<String> {
    if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        return None; // negative: show hex only
    }
    let trimmed: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    if trimmed.len() > 16 {
        return None;
    }
    let mut v: u128 = 0;
    for b in trimmed {
        v = (v << 8) | u128::from(b);
    }
    Some(v.to_string())
}

fn attr_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "STREET",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.5" => "SERIALNUMBER",
        "2.5.4.12" => "T",
        "2.5.4.42" => "GIVENNAME",
        "2.5.4.4" => "SURNAME",
        "1.2.840.113549.1.9.1" => "E",
        "0.9.2342.19200300.100.1.1" => "UID",
        "0.9.2342.19200300.100.1.25" => "DC",
        _ => return None,
    })
}

fn string_value(tag: u8, bytes: &[u8]) -> String {
    match tag {
        // BMPString: UTF-16BE
        0x1e => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        // UniversalString: UCS-4
        0x1c => bytes
            .chunks(4)
            .filter_map(|c| {
                (c.len() == 4)
                    .then(|| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
                    .flatten()
            })
            .collect(),
        // T61String: read as Latin-1
        0x14 => bytes.iter().map(|b| *b as char).collect(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// `C=US, O=Apple Inc., CN=…` (the order encoded, as the EPMM V2 certificate guide prints it in
/// "Get list of user provided certificate enrollment ID information with associated certificate
/// details").
fn name(content: &[u8]) -> Result<String, String> {
    let bad = || "The certificate could not be read (name).".to_string();
    let mut parts = Vec::new();
    let mut rdns = Reader::new(content);
    while rdns.peek().is_some() {
        let set = rdns.expect(0x31).map_err(|_| bad())?;
        let mut atvs = Reader::new(set);
        while atvs.peek().is_some() {
            let atv = atvs.expect(0x30).map_err(|_| bad())?;
            let mut a = Reader::new(atv);
            let o = oid(a.expect(0x06).map_err(|_| bad())?);
            let (tag, v) = a.next_any().map_err(|_| bad())?;
            let key = attr_name(&o).map(str::to_string).unwrap_or(o);
            parts.push(format!("{key}={}", string_value(tag, v)));
        }
    }
    Ok(parts.join(", "))
}

fn digits(b: &[u8]) -> Result<i64, ()> {
    let mut v = 0i64;
    for c in b {
        if !c.is_ascii_digit() {
            return Err(());
        }
        v = v * 10 + i64::from(c - b'0');
    }
    Ok(v)
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn time(r: &mut Reader) -> Result<i64, ()> {
    let (tag, t) = r.next_any()?;
    let (year, rest) = match tag {
        0x17 if t.len() >= 11 => {
            let yy = digits(&t[0..2])?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, &t[2..])
        }
        0x18 if t.len() >= 13 => (digits(&t[0..4])?, &t[4..]),
        _ => return Err(()),
    };
    let month = digits(&rest[0..2])?;
    let day = digits(&rest[2..4])?;
    let hour = digits(&rest[4..6])?;
    let minute = digits(&rest[6..8])?;
    let second = match rest.get(8..10) {
        Some(s) if s.iter().all(u8::is_ascii_digit) => digits(s)?,
        _ => 0,
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(());
    }
    let days = days_from_civil(year, month, day);
    Ok(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000)
}

fn extensions(content: &[u8], out: &mut CertSummary) -> Result<(), ()> {
    let mut seq = Reader::new(Reader::new(content).expect(0x30)?);
    while seq.peek().is_some() {
        let mut ext = Reader::new(seq.expect(0x30)?);
        let id = oid(ext.expect(0x06)?);
        if ext.peek() == Some(0x01) {
            ext.expect(0x01)?;
        }
        let value = ext.expect(0x04)?;
        match id.as_str() {
            "2.5.29.15" => {
                let bits = Reader::new(value).expect(0x03)?;
                let b0 = bits.get(1).copied().unwrap_or(0);
                let b1 = bits.get(2).copied().unwrap_or(0);
                const NAMES: [&str; 8] = [
                    "Digital signature",
                    "Non-repudiation",
                    "Key encipherment",
                    "Data encipherment",
                    "Key agreement",
                    "Certificate signing",
                    "CRL signing",
                    "Encipher only",
                ];
                for (i, n) in NAMES.iter().enumerate() {
                    if b0 & (0x80 >> i) != 0 {
                        out.key_usage.push(n);
                    }
                }
                if b1 & 0x80 != 0 {
                    out.key_usage.push("Decipher only");
                }
            }
            "2.5.29.37" => {
                let mut list = Reader::new(Reader::new(value).expect(0x30)?);
                while list.peek().is_some() {
                    let o = oid(list.expect(0x06)?);
                    let label = match o.as_str() {
                        "1.3.6.1.5.5.7.3.1" => "TLS server authentication".to_string(),
                        "1.3.6.1.5.5.7.3.2" => "TLS client authentication".to_string(),
                        "1.3.6.1.5.5.7.3.3" => "Code signing".to_string(),
                        "1.3.6.1.5.5.7.3.4" => "Email protection".to_string(),
                        "1.3.6.1.5.5.7.3.8" => "Time stamping".to_string(),
                        "1.3.6.1.5.5.7.3.9" => "OCSP signing".to_string(),
                        _ => o,
                    };
                    out.extended_key_usage.push(label);
                }
            }
            "2.5.29.19" => {
                let mut bc = Reader::new(Reader::new(value).expect(0x30)?);
                out.is_ca = Some(
                    bc.peek() == Some(0x01) && bc.expect(0x01)?.first().is_some_and(|b| *b != 0),
                );
            }
            "2.5.29.17" => {
                let mut names = Reader::new(Reader::new(value).expect(0x30)?);
                while names.peek().is_some() {
                    let (tag, v) = names.next_any()?;
                    match tag {
                        0x81 => out
                            .alt_names
                            .push(format!("email:{}", String::from_utf8_lossy(v))),
                        0x82 => out
                            .alt_names
                            .push(format!("DNS:{}", String::from_utf8_lossy(v))),
                        0x86 => out
                            .alt_names
                            .push(format!("URI:{}", String::from_utf8_lossy(v))),
                        0x87 if v.len() == 4 => out
                            .alt_names
                            .push(format!("IP:{}.{}.{}.{}", v[0], v[1], v[2], v[3])),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Java-style names, as the EPMM V2 certificate guide prints them (`SHA256WITHRSA` in a user's
/// certificate, `SHA384WITHRSA` in the test certificate).
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::certificates::der::{oid as oid_der, seq, tlv};

    fn rdn(arcs: &[u64], tag: u8, v: &str) -> Vec<u8> {
        tlv(0x31, &seq(&[oid_der(arcs), tlv(tag, v.as_bytes())]))
    }
    fn ext(arcs: &[u64], critical: bool, value: Vec<u8>) -> Vec<u8> {
        let mut parts = vec![oid_der(arcs)];
        if critical {
            parts.push(vec![0x01, 0x01, 0xff]);
        }
        parts.push(tlv(0x04, &value));
        seq(&parts)
    }

    /// The test certificate of the EPMM V2 certificate guide, "Verify Ivanti EPMM/SCEP Connectivity", rebuilt: v3, serial 101, issuer `CN=LOCAL CA`, subject
    /// `CN=testuser@yourcompany.com, OU=appSetting:[CONSUMER_UUID]`, 2022-02-16 05:50:05 to
    /// 2023-02-17 05:50:05, SHA384WITHRSA, KeyUsage 0xa0, EKU clientAuth, not a CA.
    fn sample_der() -> Vec<u8> {
        let sha384rsa = seq(&[oid_der(&[1, 2, 840, 113549, 1, 1, 12]), vec![0x05, 0x00]]);
        let tbs = seq(&[
            tlv(0xA0, &tlv(0x02, &[2])),
            tlv(0x02, &[101]),
            sha384rsa.clone(),
            seq(&[rdn(&[2, 5, 4, 3], 0x0c, "LOCAL CA")]),
            seq(&[tlv(0x17, b"220216055005Z"), tlv(0x17, b"230217055005Z")]),
            seq(&[
                rdn(&[2, 5, 4, 3], 0x0c, "testuser@yourcompany.com"),
                rdn(&[2, 5, 4, 11], 0x0c, "appSetting:[CONSUMER_UUID]"),
            ]),
            seq(&[
                seq(&[oid_der(&[1, 2, 840, 10045, 2, 1])]),
                tlv(0x03, &[0, 4, 1, 2]),
            ]),
            tlv(
                0xA3,
                &seq(&[
                    ext(&[2, 5, 29, 19], true, seq(&[])),
                    ext(
                        &[2, 5, 29, 37],
                        true,
                        seq(&[oid_der(&[1, 3, 6, 1, 5, 5, 7, 3, 2])]),
                    ),
                    ext(&[2, 5, 29, 15], true, tlv(0x03, &[5, 0xa0])),
                    ext(
                        &[2, 5, 29, 17],
                        false,
                        seq(&[tlv(0x81, b"testuser@yourcompany.com")]),
                    ),
                ]),
            ),
        ]);
        seq(&[tbs, sha384rsa, tlv(0x03, &[0, 1, 2, 3])])
    }

    fn pem_of(der: &[u8], sep: &str) -> String {
        let b64 = base64::engine::general_purpose::STANDARD.encode(der);
        let lines: Vec<String> = b64
            .as_bytes()
            .chunks(64)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        format!(
            "-----BEGIN CERTIFICATE-----{sep}{}{sep}-----END CERTIFICATE-----{sep}",
            lines.join(sep)
        )
    }

    #[test]
    fn reads_the_test_certificate_of_the_verify_connectivity_sample() {
        let c = parse_pem(&pem_of(&sample_der(), "\n")).unwrap();
        assert_eq!(c.version, 3);
        assert_eq!(c.serial_decimal.as_deref(), Some("101"));
        assert_eq!(c.serial_hex, "65");
        assert_eq!(c.issuer, "CN=LOCAL CA");
        assert_eq!(
            c.subject,
            "CN=testuser@yourcompany.com, OU=appSetting:[CONSUMER_UUID]"
        );
        // "Start Date: Wed Feb 16 05:50:05 UTC 2022 Final Date: Fri Feb 17 05:50:05 UTC 2023"
        assert_eq!(
            crate::dates::format_iso(c.not_before_ms),
            "2022-02-16T05:50:05+00:00"
        );
        assert_eq!(
            crate::dates::format_iso(c.not_after_ms),
            "2023-02-17T05:50:05+00:00"
        );
        assert_eq!(c.signature_algorithm, "SHA384WITHRSA");
        // "KeyUsage: 0xa0": digital signature + key encipherment
        assert_eq!(c.key_usage, vec!["Digital signature", "Key encipherment"]);
        assert_eq!(c.extended_key_usage, vec!["TLS client authentication"]);
        assert_eq!(c.is_ca, Some(false));
        assert_eq!(c.alt_names, vec!["email:testuser@yourcompany.com"]);
    }

    #[test]
    fn spaces_for_line_breaks_are_fine_as_in_the_flattened_sample() {
        let c = parse_pem(&pem_of(&sample_der(), " ")).unwrap();
        assert_eq!(c.issuer, "CN=LOCAL CA");
    }

    #[test]
    fn broken_input_gives_a_message_not_a_panic() {
        assert!(parse_pem("hello").is_err());
        assert!(
            parse_pem("-----BEGIN CERTIFICATE----- MIIElxxxxx6g -----END CERTIFICATE-----")
                .is_err()
        );
        let der = sample_der();
        for cut in [0, 1, 5, 20, der.len() / 2, der.len() - 1] {
            assert!(parse_der(&der[..cut]).is_err(), "{cut}");
        }
        assert!(parse_der(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_err());
    }

    #[test]
    fn utc_and_generalized_times() {
        let mut r = Reader::new(&[
            0x18, 15, b'2', b'0', b'5', b'0', b'0', b'1', b'0', b'1', b'0', b'0', b'0', b'0', b'0',
            b'0', b'Z',
        ]);
        assert_eq!(time(&mut r), Ok(2_524_608_000_000));
        let mut r = Reader::new(&[
            0x17, 13, b'4', b'9', b'1', b'2', b'3', b'1', b'2', b'3', b'5', b'9', b'5', b'9', b'Z',
        ]);
        assert_eq!(time(&mut r), Ok(2_524_607_999_000));
    }
}
