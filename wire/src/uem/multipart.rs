//! Media types with parameters, and the `multipart/related` body of the certificate uploads
//! (overview, "Uploading certificate for a User credential profile with manual connector type for
//! the non-BlackBerry Dynamics platform").
//!
//! The overview's shell sample writes the body with bare `\n` line ends (MIME asks for CRLF) and
//! two extra newlines after the binary PKCS#12 before the closing delimiter (the same sample).
//! [`parse`] reads both line ends and leaves the extra newline to the caller (a PKCS#12 reader
//! knows its own length from the DER header); [`certificate_upload`] writes CRLF.

use std::fmt;

/// The overview's boundary and start part.
pub const BOUNDARY: &str = "certPartsBoundary";
pub const START: &str = "rootIdentifier";

/// A media type such as `multipart/related; boundary="certPartsBoundary"; start="rootIdentifier"`:
/// its `type/subtype` in lower case and its parameters (names in lower case, values unquoted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaType {
    pub essence: String,
    pub params: Vec<(String, String)>,
}

impl MediaType {
    /// Parses one media type; `None` without a `type/subtype`.
    pub fn parse(text: &str) -> Option<MediaType> {
        let mut rest = text.trim();
        let end = rest.find(';').unwrap_or(rest.len());
        let essence = rest[..end].trim().to_ascii_lowercase();
        let (ty, sub) = essence.split_once('/')?;
        if ty.is_empty() || sub.is_empty() || ty.contains(' ') || sub.contains(' ') {
            return None;
        }
        rest = &rest[end..];
        let mut params = Vec::new();
        while let Some(r) = rest.strip_prefix(';') {
            let r = r.trim_start();
            let eq = r.find(['=', ';']).unwrap_or(r.len());
            let name = r[..eq].trim().to_ascii_lowercase();
            let r = &r[eq..];
            let (value, after) = match r.strip_prefix('=') {
                Some(v) => read_value(v.trim_start()),
                None => (String::new(), r),
            };
            if !name.is_empty() {
                params.push((name, value));
            }
            rest = after.trim_start();
        }
        Some(MediaType { essence, params })
    }

    /// A parameter (name case-insensitive).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the `type/subtype` is `essence` (case-insensitive, parameters ignored).
    pub fn is(&self, essence: &str) -> bool {
        self.essence.eq_ignore_ascii_case(essence)
    }

    /// Whether this media range (`*/*`, `type/*` or a type) of an `Accept` header covers `essence`.
    pub fn covers(&self, essence: &str) -> bool {
        let essence = essence.to_ascii_lowercase();
        match self.essence.split_once('/') {
            Some(("*", "*")) => true,
            Some((ty, "*")) => essence
                .split_once('/')
                .is_some_and(|(t, _)| t.eq_ignore_ascii_case(ty)),
            _ => self.essence == essence,
        }
    }

    /// The quality of a media range (`q`, 1 when absent or unreadable).
    pub fn quality(&self) -> f32 {
        self.param("q")
            .and_then(|q| q.trim().parse::<f32>().ok())
            .filter(|q| (0.0..=1.0).contains(q))
            .unwrap_or(1.0)
    }
}

/// A parameter value: a quoted string (with `\` escapes) or a token up to the next `;`.
fn read_value(v: &str) -> (String, &str) {
    if let Some(q) = v.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = q.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return (out, &q[i + 1..]),
                '\\' => {
                    if let Some((_, e)) = chars.next() {
                        out.push(e);
                    }
                }
                c => out.push(c),
            }
        }
        (out, "")
    } else {
        let end = v.find(';').unwrap_or(v.len());
        (v[..end].trim().to_string(), &v[end..])
    }
}

impl fmt::Display for MediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.essence)?;
        for (n, v) in &self.params {
            write!(
                f,
                "; {n}=\"{}\"",
                v.replace('\\', "\\\\").replace('"', "\\\"")
            )?;
        }
        Ok(())
    }
}

/// The media ranges of an `Accept` header, in order (unreadable ones left out).
pub fn accept_ranges(header: &str) -> Vec<MediaType> {
    header.split(',').filter_map(MediaType::parse).collect()
}

/// One part of a multipart body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Part {
    /// Header names as sent, values trimmed.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Part {
    /// A header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> Option<MediaType> {
        self.header("content-type").and_then(MediaType::parse)
    }

    /// `Content-Id` without the angle brackets RFC 2392 puts around it.
    pub fn content_id(&self) -> Option<&str> {
        self.header("content-id")
            .map(|v| v.trim().trim_start_matches('<').trim_end_matches('>'))
    }

    /// The `filename` of `Content-Disposition`.
    pub fn file_name(&self) -> Option<String> {
        disposition_file_name(self.header("content-disposition")?)
    }
}

/// The `filename` parameter of a `Content-Disposition` value (`attachment; filename="a.p12"`).
pub fn disposition_file_name(value: &str) -> Option<String> {
    // A disposition has no `/`: read it as `x/x` plus its parameters.
    let m = MediaType::parse(&format!("x/x;{}", value.split_once(';')?.1))?;
    m.param("filename")
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_string)
}

/// Why a multipart body could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MultipartError {
    /// The Content-Type is not `multipart/…` or has no `boundary`.
    NoBoundary,
    /// The body does not start with the boundary.
    NoFirstBoundary,
}

impl fmt::Display for MultipartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MultipartError::NoBoundary => {
                "the Content-Type must be multipart/related with a boundary parameter"
            }
            MultipartError::NoFirstBoundary => "the body does not start with its boundary",
        })
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Skips one line end (`\r\n` or `\n`) at `i`.
fn skip_line_end(b: &[u8], i: usize) -> usize {
    if b[i..].starts_with(b"\r\n") {
        i + 2
    } else if b[i..].starts_with(b"\n") {
        i + 1
    } else {
        i
    }
}

/// Splits a multipart body (`content_type` is the request's Content-Type) into its parts. Line
/// ends may be CRLF or LF; the line end before a delimiter belongs to the delimiter; a missing
/// closing delimiter ends the last part at the end of the body.
pub fn parse(content_type: &str, body: &[u8]) -> Result<Vec<Part>, MultipartError> {
    let ct = MediaType::parse(content_type).ok_or(MultipartError::NoBoundary)?;
    let boundary = ct
        .param("boundary")
        .filter(|b| ct.essence.starts_with("multipart/") && !b.is_empty())
        .ok_or(MultipartError::NoBoundary)?;
    let delim = format!("--{boundary}").into_bytes();
    let next_delim = format!("\n--{boundary}").into_bytes();
    // The preamble (if any) ends with a line end before the first delimiter.
    let mut at = if body.starts_with(&delim) {
        0
    } else {
        find(body, &next_delim, 0).ok_or(MultipartError::NoFirstBoundary)? + 1
    };
    let mut parts = Vec::new();
    loop {
        at += delim.len();
        if body[at..].starts_with(b"--") {
            break;
        }
        // Transport padding, then the line end.
        while at < body.len() && matches!(body[at], b' ' | b'\t') {
            at += 1;
        }
        let start = skip_line_end(body, at);
        let (end, next) = match find(body, &next_delim, start) {
            Some(p) => {
                let end = if p > start && body[p - 1] == b'\r' {
                    p - 1
                } else {
                    p
                };
                (end, Some(p + 1))
            }
            None => (body.len(), None),
        };
        parts.push(read_part(&body[start.min(end)..end]));
        match next {
            Some(n) => at = n,
            None => break,
        }
    }
    Ok(parts)
}

/// Headers up to the first empty line, then the body.
fn read_part(raw: &[u8]) -> Part {
    let mut headers = Vec::new();
    let mut i = 0;
    loop {
        let line_end = raw[i..].iter().position(|&c| c == b'\n').map(|p| p + i);
        let (line, next) = match line_end {
            Some(e) => (&raw[i..e], e + 1),
            None => (&raw[i..], raw.len()),
        };
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            i = next;
            break;
        }
        let text = String::from_utf8_lossy(line);
        if let Some((n, v)) = text.split_once(':') {
            headers.push((n.trim().to_string(), v.trim().to_string()));
        }
        i = next;
        if line_end.is_none() {
            break;
        }
    }
    Part {
        headers,
        body: raw[i.min(raw.len())..].to_vec(),
    }
}

/// The `Content-Type` of a certificate upload built by [`certificate_upload`]:
/// `multipart/related; boundary="certPartsBoundary"; start="rootIdentifier"`.
pub fn certificate_upload_content_type() -> String {
    format!("multipart/related; boundary=\"{BOUNDARY}\"; start=\"{START}\"")
}

/// The `Content-Disposition` naming an uploaded file, `attachment; filename="pkcs12_file.pfx"`
/// (overview, the upload samples): quotes, backslashes and line ends in the name become `_`.
pub fn attachment(file_name: &str) -> String {
    let file_name = file_name.replace(['"', '\\', '\r', '\n'], "_");
    format!("attachment; filename=\"{file_name}\"")
}

/// The body of a certificate upload with CRLF line ends: the metadata part holding the base64
/// password, then the PKCS#12 part (`Content-Id: rootIdentifier`), as in the overview's sample.
pub fn certificate_upload(password_base64: &str, file_name: &str, pkcs12: &[u8]) -> Vec<u8> {
    let metadata = serde_json::json!({ "password": password_base64 }).to_string();
    let mut out = Vec::with_capacity(pkcs12.len() + 512);
    out.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Type: {}\r\n\r\n{metadata}\r\n--{BOUNDARY}\r\n\
             Content-Type: {}\r\nContent-Disposition: {}\r\n\
             Content-Id: {START}\r\n\r\n",
            super::media::CERTIFICATE_METADATA,
            super::media::PKCS12,
            attachment(file_name),
        )
        .as_bytes(),
    );
    out.extend_from_slice(pkcs12);
    out.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    out
}
