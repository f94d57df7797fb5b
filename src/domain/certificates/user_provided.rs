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
    /// What an upload into it takes, if anything can be uploaded at all.
    pub upload: UploadForm,
    /// An upload adds a certificate; otherwise it replaces what the slot holds.
    pub adds: bool,
    /// Empty when nothing was uploaded yet.
    pub certificates: Vec<UserCert>,
}

/// What an upload into a slot takes: the difference between certificates a user provides as a
/// PKCS#12 file (with or without a password) and certificates the server issues itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadForm {
    /// Nothing is uploaded: the server issues the slot's certificates itself when it enrols the
    /// profile (a UEM SCEP profile, or a user-credential profile with a PKI connector: BlackBerry
    /// UEM REST API overview, "Uploading certificates", "PKI-driven certificate enrollment").
    Issued,
    /// A PKCS#12 file with its password; `password_required`: the file must be protected by one.
    File { password_required: bool },
    /// The PKCS#12 file alone, sent without a password because the server keeps none (UEM's
    /// BlackBerry Dynamics user certificates: "UEM does not manage passwords for BlackBerry
    /// Dynamics certificates", overview, "Uploading a BlackBerry Dynamics user certificate for a
    /// user"); the file must open without one.
    FileWithoutPassword,
}

/// The password field of the upload form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordField {
    Required,
    Optional,
    /// Not shown: the file goes without a password.
    Absent,
}

impl UploadForm {
    /// Whether a file can be uploaded into the slot.
    pub fn uploads(self) -> bool {
        self != UploadForm::Issued
    }

    pub fn password(self) -> PasswordField {
        match self {
            UploadForm::File {
                password_required: true,
            } => PasswordField::Required,
            UploadForm::File {
                password_required: false,
            } => PasswordField::Optional,
            UploadForm::Issued | UploadForm::FileWithoutPassword => PasswordField::Absent,
        }
    }

    /// What the card says about the file an upload takes; nothing where nothing is uploaded
    /// (the password line belongs to user-provided PKCS#12 files only).
    pub fn card_line(self) -> Option<&'static str> {
        match self {
            UploadForm::Issued => None,
            UploadForm::File {
                password_required: true,
            } => Some("Password required: the file must be protected by a password."),
            UploadForm::File {
                password_required: false,
            } => Some("No password required."),
            UploadForm::FileWithoutPassword => {
                Some("Uploaded without a password: the file must open without one.")
            }
        }
    }
}

/// One certificate in a slot.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserCert {
    /// The server's id (opaque; may be empty where the server names none).
    pub id: String,
    pub expires: Option<i64>,
    pub uploaded: Option<i64>,
    pub ops: CertOps,
    /// What the certificate is called (its subject's common name), where the server lists a
    /// slot's certificates by name (a slot may then hold several, each shown on its own row).
    pub name: Option<String>,
    /// The server's id of the certificate itself, where it differs from [`UserCert::id`] (UEM:
    /// `id` is the embedded certificate, the user's link to it; this is the PKI certificate).
    pub certificate_id: Option<String>,
    /// The bundle it belongs to (the server's opaque id): renewed and deleted only together.
    pub bundle: Option<String>,
    /// A renew or delete the server accepted and is still carrying out.
    pub pending: Option<Pending>,
}

/// An operation the server completes later (BlackBerry UEM REST API overview, "Certificate
/// management": renew and delete "can be asynchronous").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Renewal,
    Deletion,
}

impl Pending {
    pub fn label(self) -> &'static str {
        match self {
            Pending::Renewal => "Renewal pending",
            Pending::Deletion => "Deletion pending",
        }
    }
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

    /// Whether its certificates are shown one per row (the server names them), rather than
    /// the slot's one certificate on the card itself.
    pub fn listed(&self) -> bool {
        self.certificates.iter().any(|c| c.name.is_some())
    }

    /// Its certificates by bundle, in the order they come: each bundle's members together (at
    /// the place of its first member), and each certificate outside a bundle on its own.
    pub fn by_bundle(&self) -> Vec<(Option<&str>, Vec<&UserCert>)> {
        let mut groups: Vec<(Option<&str>, Vec<&UserCert>)> = Vec::new();
        for c in &self.certificates {
            match c.bundle.as_deref() {
                Some(b) => match groups.iter_mut().find(|(g, _)| *g == Some(b)) {
                    Some((_, members)) => members.push(c),
                    None => groups.push((Some(b), vec![c])),
                },
                None => groups.push((None, vec![c])),
            }
        }
        groups
    }

    /// Whether the card offers an upload: into a slot that takes files, when it is empty or an
    /// upload adds.
    pub fn offers_upload(&self) -> bool {
        self.upload.uploads() && (self.certificates.is_empty() || self.adds)
    }

    /// Whether a renew or delete is still being carried out on one of its certificates.
    pub fn pending(&self) -> bool {
        self.certificates.iter().any(|c| c.pending.is_some())
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

/// A certificate's public part as a file, as the server hands it over (name, media type, bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertFile {
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
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
    /// Where it is installed (devices, apps and their state), where the server tells it.
    pub installed_on: Vec<String>,
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
            ..Default::default()
        }
    }

    fn slot(certificates: Vec<UserCert>) -> CertSlot {
        CertSlot {
            id: "10".into(),
            name: "testUserProv".into(),
            upload: UploadForm::File {
                password_required: true,
            },
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
    fn a_bundle_groups_its_members_where_the_first_one_is() {
        // BlackBerry UEM REST API overview, "Certificate management": a bundle is renewed and
        // deleted only as a whole, so its members are shown together.
        let named = |id: &str, bundle: Option<&str>| UserCert {
            id: id.into(),
            name: Some(format!("cert {id}")),
            bundle: bundle.map(String::from),
            ..Default::default()
        };
        let s = slot(vec![
            named("a", None),
            named("b1", Some("B")),
            named("c", None),
            named("b2", Some("B")),
        ]);
        assert!(s.listed());
        let groups: Vec<(Option<&str>, Vec<&str>)> = s
            .by_bundle()
            .into_iter()
            .map(|(b, m)| (b, m.iter().map(|c| c.id.as_str()).collect()))
            .collect();
        assert_eq!(
            groups,
            vec![
                (None, vec!["a"]),
                (Some("B"), vec!["b1", "b2"]),
                (None, vec!["c"])
            ]
        );
        assert!(!s.pending());
        let mut p = s.clone();
        p.certificates[1].pending = Some(Pending::Renewal);
        assert!(p.pending());
        assert_eq!(Pending::Renewal.label(), "Renewal pending");
        // EPMM's unnamed single certificate stays on the card.
        assert!(!slot(vec![cert(None)]).listed());
    }

    #[test]
    fn only_files_a_user_provides_speak_of_a_password() {
        // A certificate the server issues (SCEP, PKI) is never uploaded: no password line, no
        // upload, whatever its state.
        let mut issued = slot(vec![cert(Some(NOW + 200 * DAY_MS))]);
        issued.upload = UploadForm::Issued;
        assert_eq!(issued.upload.card_line(), None);
        assert_eq!(issued.upload.password(), PasswordField::Absent);
        assert!(!issued.offers_upload());
        issued.certificates.clear();
        issued.adds = true;
        assert!(!issued.offers_upload());

        let with = slot(vec![]);
        assert_eq!(
            with.upload.card_line(),
            Some("Password required: the file must be protected by a password.")
        );
        assert_eq!(with.upload.password(), PasswordField::Required);
        assert!(with.offers_upload());
        // A replacing slot with its certificate offers Replace instead; an adding one both.
        let mut full = slot(vec![cert(None)]);
        assert!(!full.offers_upload());
        full.adds = true;
        assert!(full.offers_upload());

        let optional = UploadForm::File {
            password_required: false,
        };
        assert_eq!(optional.card_line(), Some("No password required."));
        assert_eq!(optional.password(), PasswordField::Optional);
        let raw = UploadForm::FileWithoutPassword;
        assert!(raw.uploads());
        assert_eq!(raw.password(), PasswordField::Absent);
        assert!(raw
            .card_line()
            .is_some_and(|l| l.contains("without a password")));
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
