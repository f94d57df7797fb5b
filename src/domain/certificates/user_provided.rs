//! A user's own certificates (uploaded as PKCS#12 files by the user or an admin), grouped into
//! slots, each certificate with the operations the server allows on it; what a slot's card
//! says; and where an upload's error belongs in the form.
//!
//! A slot is where certificates of one purpose live: an EPMM user-provided CE configuration (at
//! most one certificate; an upload replaces it), a UEM user-credential profile assignment (an
//! upload replaces its certificates) or the UEM user's own certificates (an upload adds one;
//! BlackBerry UEM REST API overview, "Certificate management").

use super::issued::{date, days_until, SOON_DAYS};
use crate::backend::error::ApiError;

/// One slot and the user's certificates in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertSlot {
    /// The server's id (opaque).
    pub id: String,
    pub name: String,
    /// The file must be protected by a password.
    pub require_password: bool,
    /// An upload adds a certificate; otherwise it replaces what the slot holds.
    pub adds: bool,
    /// Empty when nothing was uploaded yet.
    pub certificates: Vec<UserCert>,
}

/// One certificate in a slot.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserCert {
    /// The server's id (opaque; may be empty where the server names none).
    pub id: String,
    pub expires: Option<i64>,
    pub uploaded: Option<i64>,
    pub ops: CertOps,
}

/// What the server allows on one certificate (UEM answers it per certificate and bundle: BlackBerry
/// UEM REST API overview, "Certificate management"; EPMM has fixed rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CertOps {
    /// Its details can be shown.
    pub details: bool,
    /// The public certificate can be downloaded.
    pub download: bool,
    pub renew: bool,
    pub delete: bool,
    /// A new file can take its place.
    pub replace: bool,
    /// Renew and delete act on the whole bundle it belongs to (a PKCS#12 file or an enrollment
    /// with several keys), never on it alone.
    pub on_bundle: bool,
}

/// What a card says about its slot (certificates digest, "UI per flow").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardState {
    Missing,
    Valid {
        until: String,
    },
    ExpiresSoon {
        days: i64,
        until: String,
    },
    Expired {
        on: String,
    },
    /// Uploaded, but the server gave no expiry.
    Uploaded,
}

impl UserCert {
    pub fn state(&self, now_ms: i64) -> CardState {
        match self.expires {
            None => CardState::Uploaded,
            Some(at) => {
                let days = days_until(at, now_ms);
                let until = date(Some(at));
                if at < now_ms {
                    CardState::Expired { on: until }
                } else if days <= SOON_DAYS {
                    CardState::ExpiresSoon { days, until }
                } else {
                    CardState::Valid { until }
                }
            }
        }
    }
}

impl CertSlot {
    /// The certificate the card speaks of: the one that expires first (one without an expiry
    /// comes last).
    pub fn first_expiring(&self) -> Option<&UserCert> {
        self.certificates
            .iter()
            .min_by_key(|c| c.expires.unwrap_or(i64::MAX))
    }

    pub fn state(&self, now_ms: i64) -> CardState {
        self.first_expiring()
            .map_or(CardState::Missing, |c| c.state(now_ms))
    }

    pub fn find(&self, cert: &str) -> Option<&UserCert> {
        self.certificates.iter().find(|c| c.id == cert)
    }
}

impl CardState {
    pub fn badge(&self) -> String {
        match self {
            CardState::Missing => "Missing".into(),
            CardState::Valid { until } => format!("Valid until {until}"),
            CardState::ExpiresSoon { days: 0, .. } => "Expires today".into(),
            CardState::ExpiresSoon { days: 1, .. } => "Expires in 1 day".into(),
            CardState::ExpiresSoon { days, .. } => format!("Expires in {days} days"),
            CardState::Expired { on } => format!("Expired on {on}"),
            CardState::Uploaded => "Uploaded".into(),
        }
    }
    /// A CSS class suffix.
    pub fn tone(&self) -> &'static str {
        match self {
            CardState::Missing => "missing",
            CardState::Valid { .. } | CardState::Uploaded => "valid",
            CardState::ExpiresSoon { .. } => "soon",
            CardState::Expired { .. } => "expired",
        }
    }
}

/// A certificate as the server describes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CertDetails {
    pub version: String,
    pub serial: String,
    pub signature_algorithm: String,
    pub issuer: String,
    pub subject: String,
    pub common_name: String,
    pub not_before: Option<i64>,
    pub not_after: Option<i64>,
}

// ---------------------------------------------------------------------------------------------
// Where an upload's error belongs

/// The field name a backend gives an error about the file (in [`ApiError::field_messages`]).
pub const FILE_FIELD: &str = "file";
/// The field name a backend gives an error about the password.
pub const PASSWORD_FIELD: &str = "password";

/// The part of the upload form a server error concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadField {
    File,
    Password,
    /// Shown above the form.
    Form,
}

impl UploadField {
    /// The field the backend named for the error: the first of [`FILE_FIELD`] and
    /// [`PASSWORD_FIELD`] among its field messages, else the form.
    pub fn of(e: &ApiError) -> UploadField {
        e.field_messages()
            .iter()
            .find_map(|(f, _)| match f.as_deref() {
                Some(FILE_FIELD) => Some(UploadField::File),
                Some(PASSWORD_FIELD) => Some(UploadField::Password),
                _ => None,
            })
            .unwrap_or(UploadField::Form)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::error::Reference;
    use crate::domain::certificates::issued::DAY_MS;

    const NOW: i64 = 1_790_000_000_000; // 2026-09-21T14:13:20Z

    fn cert(expires: Option<i64>) -> UserCert {
        UserCert {
            id: "11".into(),
            expires,
            uploaded: Some(NOW - DAY_MS),
            ops: CertOps::default(),
        }
    }

    fn slot(certificates: Vec<UserCert>) -> CertSlot {
        CertSlot {
            id: "10".into(),
            name: "testUserProv".into(),
            require_password: true,
            adds: false,
            certificates,
        }
    }

    #[test]
    fn card_states() {
        assert_eq!(slot(vec![]).state(NOW), CardState::Missing);
        assert_eq!(slot(vec![]).state(NOW).badge(), "Missing");
        let v = slot(vec![cert(Some(NOW + 200 * DAY_MS))]).state(NOW);
        assert!(matches!(v, CardState::Valid { .. }));
        assert!(v.badge().starts_with("Valid until "));
        assert_eq!(
            slot(vec![cert(Some(NOW + 20 * DAY_MS))]).state(NOW).badge(),
            "Expires in 20 days"
        );
        assert!(slot(vec![cert(Some(NOW - 15 * DAY_MS))])
            .state(NOW)
            .badge()
            .starts_with("Expired on "));
        // The sample row of the EPMM V2 certificate guide, "Get list of all user provided
        // certificate enrollment IDs' information with associated certificate details": expired
        // 2020-11-06.
        assert_eq!(
            slot(vec![cert(Some(1_604_698_384_000))]).state(NOW).badge(),
            "Expired on 2020-11-06"
        );
        assert_eq!(slot(vec![cert(None)]).state(NOW), CardState::Uploaded);
    }

    #[test]
    fn a_slot_with_several_certificates_speaks_of_the_first_to_expire() {
        let s = slot(vec![
            cert(None),
            cert(Some(NOW + 200 * DAY_MS)),
            cert(Some(NOW + 3 * DAY_MS)),
        ]);
        assert_eq!(s.state(NOW).badge(), "Expires in 3 days");
        assert_eq!(s.first_expiring().unwrap().expires, Some(NOW + 3 * DAY_MS));
    }

    #[test]
    fn upload_errors_go_where_the_backend_placed_them() {
        let placed = |field: Option<&str>| {
            ApiError::rejected(400, "x").with_reference(Reference {
                fields: vec![(field.map(String::from), "x".into())],
                ..Default::default()
            })
        };
        assert_eq!(
            UploadField::of(&placed(Some("password"))),
            UploadField::Password
        );
        assert_eq!(UploadField::of(&placed(Some("file"))), UploadField::File);
        assert_eq!(
            UploadField::of(&placed(Some("principal"))),
            UploadField::Form
        );
        assert_eq!(UploadField::of(&placed(None)), UploadField::Form);
        assert_eq!(
            UploadField::of(&ApiError::network("offline")),
            UploadField::Form
        );
    }
}
