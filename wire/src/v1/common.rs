//! Pieces shared by the V1 request and response types: typed enums, small containers, the
//! documented limits and the URL/form encoding the request builders use.

use crate::lenient;
use serde::{Deserialize, Serialize};

/// Declares a closed wire enum: `as_str()` gives the exact wire spelling, `ALL` lists every value,
/// `parse_exact` accepts only that spelling (the bulk action names must be capitals, V1 guide,
/// "Send Action to bulk devices"), and `FromStr`/`Deserialize` accept any case (query values typed
/// by people; digest `epmm-v1-api.md`, "8. Decisions for the mock server and the client", #5).
macro_rules! wire_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vm])* $var),+
        }
        impl $name {
            /// Every value, in the guide's order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// The exact wire spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$var => $s),+
                }
            }
            /// Only the exact wire spelling.
            pub fn parse_exact(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $name {
            type Err = String;
            /// Case-insensitive; surrounding blanks are ignored.
            fn from_str(s: &str) -> Result<Self, String> {
                let t = s.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(t))
                    .ok_or_else(|| {
                        format!(
                            "`{s}` is not a valid {} (expected one of {})",
                            stringify!($name),
                            Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
                        )
                    })
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s: String = $crate::lenient::string(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use wire_enum;

/// `Reason` of retire/lock/unlock/wipe: "Free form text field (512 character limit)" (V1 guide, the
/// request tables of "Retire a Device", "Lock a Device", "Unlock a Device" and "Wipe a Device").
pub const MAX_REASON_CHARS: usize = 512;
/// Alert `Comments`: "Free form text field (255 character limit)" (V1 guide, the request tables of
/// "Update Alert" and "Update List of Alerts").
pub const MAX_COMMENTS_CHARS: usize = 255;
/// New passwords: "The password must be between 8 and 20 characters" (V1 guide, the request tables
/// of "Update Password for a User" and "Authenticate a User").
pub const PASSWORD_CHARS: std::ops::RangeInclusive<usize> = 8..=20;
/// LDAP search: "The search string cannot be less than 2 characters" (V1 guide, "Search LDAP
/// Users").
pub const LDAP_MIN_SEARCH_CHARS: usize = 2;
/// LDAP search: "Default search limit is 100" (V1 guide, "Search LDAP Users"); more results are a
/// 400 (its status codes).
pub const LDAP_MAX_RESULTS: usize = 100;
/// Bulk action and send message: "the maximum number of device uuids you can list is 20,000"
/// (V1 guide, the request tables of "Send Action to bulk devices" and "Send message to devices").
pub const MAX_BULK_DEVICES: usize = 20_000;

/// How a device call names its device: by uuid, or by Wi-Fi MAC on the `/mac/` variants.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DeviceRef {
    Uuid(String),
    /// Any MAC spelling; sent as 12 upper-case hex digits (`38AA3C62BFAD`, V1 guide, "Retire a
    /// Device", examples).
    Mac(String),
}

impl DeviceRef {
    /// The path tail: `{uuid}` or `mac/{MAC}`.
    pub fn path_tail(&self) -> String {
        match self {
            DeviceRef::Uuid(u) => encode_segment(u.trim()),
            DeviceRef::Mac(m) => format!("mac/{}", encode_segment(&super::normalize_mac(m))),
        }
    }
}

/// `<invalidDevices><uuid>…</uuid>…</invalidDevices>` (V1 guide, the response examples of "Send
/// Action to bulk devices" and "Send message to devices"). For the MAC variant of send message the
/// invalid MAC addresses are listed here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Uuids {
    #[serde(
        rename = "uuid",
        default,
        deserialize_with = "lenient::one_or_many_strings"
    )]
    pub items: Vec<String>,
}

impl Uuids {
    /// The uuids without the stray blanks of the guide's example (`<uuid> 1ac8bd81-…</uuid>`).
    pub fn trimmed(&self) -> Vec<&str> {
        self.items.iter().map(|s| s.trim()).collect()
    }
}

impl From<Vec<String>> for Uuids {
    fn from(items: Vec<String>) -> Self {
        Uuids { items }
    }
}

/// Percent-encodes one path segment: everything but the RFC 3986 unreserved characters.
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An `application/x-www-form-urlencoded` body (space as `+`), as the change-password and
/// authenticate calls take (V1 guide, the examples of "Update Password for a User" and
/// "Authenticate a User").
pub fn form_body<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    fn enc(s: &str, out: &mut String) {
        for b in s.bytes() {
            match b {
                b' ' => out.push('+'),
                b if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'*') => {
                    out.push(b as char)
                }
                b => out.push_str(&format!("%{b:02X}")),
            }
        }
    }
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        enc(k.as_ref(), &mut out);
        out.push('=');
        enc(v.as_ref(), &mut out);
    }
    out
}

/// Checks a `Reason`: optional or required, at most 512 characters.
pub fn check_reason(reason: Option<&str>, required: bool) -> Result<(), String> {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        None if required => Err("Reason is required".into()),
        None => Ok(()),
        Some(r) => {
            let n = r.chars().count();
            if n > MAX_REASON_CHARS {
                Err(format!(
                    "Reason must be at most {MAX_REASON_CHARS} characters (got {n})"
                ))
            } else {
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_forms() {
        assert_eq!(encode_segment("Pilot Group"), "Pilot%20Group");
        assert_eq!(
            encode_segment("8d711cdc-e93c-49b1-88d6-222f54132445"),
            "8d711cdc-e93c-49b1-88d6-222f54132445"
        );
        // "oldpassword=abcd1234&newpassword=wxy!13579" (V1 guide, "Update Password for a User",
        // example)
        assert_eq!(
            form_body(&[("oldpassword", "abcd1234"), ("newpassword", "wxy!13579")]),
            "oldpassword=abcd1234&newpassword=wxy%2113579"
        );
        assert_eq!(form_body(&[("a b", "c&d=e")]), "a+b=c%26d%3De");
        assert_eq!(
            DeviceRef::Mac("38:aa:3c:62:bf:ad".into()).path_tail(),
            "mac/38AA3C62BFAD"
        );
    }

    #[test]
    fn reason_limits() {
        assert!(check_reason(None, false).is_ok());
        assert_eq!(
            check_reason(Some(" "), true).unwrap_err(),
            "Reason is required"
        );
        assert!(check_reason(Some(&"x".repeat(512)), true).is_ok());
        assert!(check_reason(Some(&"é".repeat(513)), false).is_err());
    }
}
