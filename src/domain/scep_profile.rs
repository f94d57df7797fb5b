//! SCEP profiles of a certificate platform: the SCEP server endpoints devices enrol at (a
//! profile's SCEP URL), each with its CA certificate, RA profile, renewal rule, attributes and
//! Intune settings. The list and detail models, the create / edit form and its checks, where a
//! server message belongs in the form, and how the MDM server's SCEP configurations are matched
//! to profiles by URL. Pure and tested natively.

use super::pki_attribute::{parse_fields, Attribute, AttributeField};
use crate::ui::table::engine::{CellKind, Column, SortKey};
use std::collections::BTreeMap;

/// The RA profile of a SCEP profile (the platform's registration authority that issues its
/// certificates).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RaProfileRef {
    pub id: String,
    pub name: String,
    /// `None` where the platform did not say.
    pub enabled: Option<bool>,
}

impl RaProfileRef {
    /// The name, or the id where the platform sent no name.
    pub fn title(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

/// A certificate that signs a profile's SCEP answers (its CA certificate), or may.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaCertificate {
    pub id: String,
    pub common_name: String,
    pub subject: String,
    pub issuer: String,
    pub serial_number: String,
    pub not_before_ms: Option<i64>,
    pub not_after_ms: Option<i64>,
    /// `RSA`, `ECDSA`…
    pub key_algorithm: String,
    pub key_size: Option<i32>,
    /// The platform holds its private key (a SCEP CA certificate needs it).
    pub private_key: bool,
    /// The platform's validation status, in words.
    pub validation: String,
    pub fingerprint: String,
}

impl CaCertificate {
    /// What a picker shows: `Example Device Issuing CA (RSA 2048, until 2031-06-15)`.
    pub fn choice_label(&self) -> String {
        let name = if self.common_name.trim().is_empty() {
            &self.id
        } else {
            &self.common_name
        };
        let key = match self.key_size {
            Some(n) if n > 0 => format!("{} {n}", self.key_algorithm),
            _ => self.key_algorithm.clone(),
        };
        let until = self
            .not_after_ms
            .map(|ms| format!("until {}", crate::dates::format_date(ms)));
        let details: Vec<String> = [Some(key), until]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect();
        if details.is_empty() {
            name.to_string()
        } else {
            format!("{name} ({})", details.join(", "))
        }
    }
}

/// A SCEP profile as listed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScepProfile {
    pub id: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
    pub ra_profile: Option<RaProfileRef>,
    /// `None` where the platform did not send it.
    pub ca_certificate: Option<CaCertificate>,
    /// Days before expiry from which a certificate may be renewed; `None` or `0`: half of the
    /// certificate's validity.
    pub renewal_threshold: Option<u32>,
    pub include_ca_certificate: bool,
    pub include_ca_chain: bool,
    pub intune: bool,
    /// Where devices enrol; the platform gives one only while the profile can issue.
    pub scep_url: Option<String>,
}

/// "0 or empty: half the certificate's validity" (the platform's rule for the threshold).
pub fn renewal_label(days: Option<u32>) -> String {
    match days {
        None | Some(0) => "Half the certificate's validity".to_string(),
        Some(1) => "1 day before expiry".to_string(),
        Some(n) => format!("{n} days before expiry"),
    }
}

fn yes_no(b: bool) -> String {
    if b { "Yes" } else { "No" }.to_string()
}

impl ScepProfile {
    pub fn state_label(&self) -> &'static str {
        if self.enabled {
            "Enabled"
        } else {
            "Disabled"
        }
    }
    pub fn ra_profile_name(&self) -> String {
        self.ra_profile
            .as_ref()
            .map(|r| r.title().to_string())
            .unwrap_or_default()
    }
    pub fn ca_certificate_name(&self) -> String {
        self.ca_certificate
            .as_ref()
            .map(|c| c.common_name.clone())
            .unwrap_or_default()
    }
}

/// Owner, groups and custom attributes given to the certificates a profile issues.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Associations {
    pub owner: Option<String>,
    pub groups: Vec<String>,
    pub custom_attributes: Vec<Attribute>,
}

impl Associations {
    pub fn is_empty(&self) -> bool {
        self.owner.is_none() && self.groups.is_empty() && self.custom_attributes.is_empty()
    }
}

/// One SCEP profile with everything the platform tells about it. The challenge password and the
/// Intune application key are write-only: never part of it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScepProfileDetail {
    pub profile: ScepProfile,
    pub issue_attributes: Vec<Attribute>,
    pub custom_attributes: Vec<Attribute>,
    pub intune_tenant: Option<String>,
    pub intune_application_id: Option<String>,
    pub associations: Option<Associations>,
}

/// What the portal sends to create or change a profile.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScepProfileInput {
    /// Create only: a profile cannot be renamed.
    pub name: Option<String>,
    pub description: Option<String>,
    pub ra_profile: Option<String>,
    pub ca_certificate: String,
    pub renewal_threshold: Option<u32>,
    pub include_ca_certificate: bool,
    pub include_ca_chain: bool,
    /// `None` keeps the stored password (edit) or sets none (create).
    pub challenge_password: Option<String>,
    pub intune: bool,
    pub intune_tenant: Option<String>,
    pub intune_application_id: Option<String>,
    /// `None` keeps the stored key.
    pub intune_application_key: Option<String>,
    pub issue_attributes: Vec<Attribute>,
    pub custom_attributes: Vec<Attribute>,
    pub associations: Option<Associations>,
}

/// The fields of the form, as keys of the messages shown under them. A server message naming an
/// attribute the form cannot place is keyed [`attribute_key`].
pub mod field {
    pub const NAME: &str = "name";
    pub const DESCRIPTION: &str = "description";
    pub const RA_PROFILE: &str = "raProfile";
    pub const CA_CERTIFICATE: &str = "caCertificate";
    pub const RENEWAL_THRESHOLD: &str = "renewalThreshold";
    pub const CHALLENGE_PASSWORD: &str = "challengePassword";
    pub const INTUNE: &str = "intune";
    pub const ISSUE_ATTRIBUTES: &str = "issueAttributes";
    pub const CUSTOM_ATTRIBUTES: &str = "customAttributes";
    pub const ASSOCIATIONS: &str = "associations";
}

/// The key of a message about the attribute `name`, in whichever list holds it.
pub fn attribute_key(name: &str) -> String {
    format!("attribute:{name}")
}

/// Field key → the messages shown under it.
pub type FormErrors = BTreeMap<String, Vec<String>>;

/// Create a profile, or change one (whose name is then fixed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormMode {
    Create,
    Edit,
}

/// The create / edit form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScepProfileForm {
    pub name: String,
    pub description: String,
    /// The RA profile's id; empty for none.
    pub ra_profile: String,
    /// The CA certificate's id; empty until one is chosen.
    pub ca_certificate: String,
    pub renewal_threshold: String,
    pub include_ca_certificate: bool,
    pub include_ca_chain: bool,
    /// Write-only: blank keeps the stored one.
    pub challenge_password: String,
    pub intune: bool,
    pub intune_tenant: String,
    pub intune_application_id: String,
    /// Write-only: blank keeps the stored one.
    pub intune_application_key: String,
    pub issue_attributes: Vec<AttributeField>,
    pub custom_attributes: Vec<AttributeField>,
    pub owner: String,
    /// Group ids, one per line (commas and blanks also separate them).
    pub groups: String,
    /// The associations' custom attributes, kept as they are.
    pub association_attributes: Vec<Attribute>,
}

fn trimmed(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl ScepProfileForm {
    /// The form of an existing profile: everything as stored, the secrets blank.
    pub fn from_detail(d: &ScepProfileDetail) -> ScepProfileForm {
        let p = &d.profile;
        let assoc = d.associations.clone().unwrap_or_default();
        ScepProfileForm {
            name: p.name.clone(),
            description: p.description.clone(),
            ra_profile: p
                .ra_profile
                .as_ref()
                .map(|r| r.id.clone())
                .unwrap_or_default(),
            ca_certificate: p
                .ca_certificate
                .as_ref()
                .map(|c| c.id.clone())
                .unwrap_or_default(),
            renewal_threshold: p
                .renewal_threshold
                .map(|t| t.to_string())
                .unwrap_or_default(),
            include_ca_certificate: p.include_ca_certificate,
            include_ca_chain: p.include_ca_chain,
            challenge_password: String::new(),
            intune: p.intune,
            intune_tenant: d.intune_tenant.clone().unwrap_or_default(),
            intune_application_id: d.intune_application_id.clone().unwrap_or_default(),
            intune_application_key: String::new(),
            issue_attributes: d
                .issue_attributes
                .iter()
                .map(AttributeField::from)
                .collect(),
            custom_attributes: d
                .custom_attributes
                .iter()
                .map(AttributeField::from)
                .collect(),
            owner: assoc.owner.unwrap_or_default(),
            groups: assoc.groups.join("\n"),
            association_attributes: assoc.custom_attributes,
        }
    }

    /// The group ids typed.
    pub fn group_ids(&self) -> Vec<String> {
        self.groups
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Checks what the portal can check (a name on create, a CA certificate, the threshold, the
    /// attributes' values) and gives the request, or the messages per field. The rest (the
    /// name's characters, a duplicate name, the attributes an RA profile requires, Intune) is the
    /// platform's to say.
    pub fn validate(&self, mode: FormMode) -> Result<ScepProfileInput, FormErrors> {
        let mut errors = FormErrors::new();
        let mut add = |key: &str, m: String| errors.entry(key.to_string()).or_default().push(m);
        let name = trimmed(&self.name);
        if mode == FormMode::Create && name.is_none() {
            add(field::NAME, "Enter a name.".into());
        }
        let ca = self.ca_certificate.trim();
        if ca.is_empty() {
            add(field::CA_CERTIFICATE, "Choose a CA certificate.".into());
        }
        let threshold = match self.renewal_threshold.trim() {
            "" => None,
            t => match t.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    add(
                        field::RENEWAL_THRESHOLD,
                        "Enter a number of days, 0 or more (0 or empty: half the certificate's validity)."
                            .into(),
                    );
                    None
                }
            },
        };
        let issue = parse_fields(&self.issue_attributes)
            .map_err(|e| e.into_iter().for_each(|m| add(field::ISSUE_ATTRIBUTES, m)))
            .unwrap_or_default();
        let custom = parse_fields(&self.custom_attributes)
            .map_err(|e| e.into_iter().for_each(|m| add(field::CUSTOM_ATTRIBUTES, m)))
            .unwrap_or_default();
        if !errors.is_empty() {
            return Err(errors);
        }
        let associations = Associations {
            owner: trimmed(&self.owner),
            groups: self.group_ids(),
            custom_attributes: self.association_attributes.clone(),
        };
        Ok(ScepProfileInput {
            name: name.filter(|_| mode == FormMode::Create),
            description: trimmed(&self.description),
            ra_profile: trimmed(&self.ra_profile),
            ca_certificate: ca.to_string(),
            renewal_threshold: threshold,
            include_ca_certificate: self.include_ca_certificate,
            include_ca_chain: self.include_ca_chain,
            // Secrets are sent as typed (a password may start with a blank); blank keeps.
            challenge_password: Some(self.challenge_password.clone())
                .filter(|s| !s.trim().is_empty()),
            intune: self.intune,
            intune_tenant: trimmed(&self.intune_tenant),
            intune_application_id: trimmed(&self.intune_application_id),
            intune_application_key: Some(self.intune_application_key.clone())
                .filter(|s| !s.trim().is_empty()),
            issue_attributes: issue,
            custom_attributes: custom,
            associations: (!associations.is_empty()).then_some(associations),
        })
    }

    /// Where each server message goes: under its field, or (without one, or naming an attribute
    /// the form does not have) at the top of the form, in the server's order.
    pub fn place(&self, messages: &[(Option<String>, String)]) -> (FormErrors, Vec<String>) {
        let mut by_field = FormErrors::new();
        let mut general = Vec::new();
        let has = |list: &[AttributeField], name: &str| list.iter().any(|a| a.name.trim() == name);
        for (key, message) in messages {
            let target = match key.as_deref() {
                Some(k) => match k.strip_prefix("attribute:") {
                    Some(name) if has(&self.issue_attributes, name) => {
                        Some(field::ISSUE_ATTRIBUTES)
                    }
                    Some(name) if has(&self.custom_attributes, name) => {
                        Some(field::CUSTOM_ATTRIBUTES)
                    }
                    Some(_) => None,
                    None => Some(k),
                },
                None => None,
            };
            match target {
                Some(k) => by_field
                    .entry(k.to_string())
                    .or_default()
                    .push(message.clone()),
                None => general.push(message.clone()),
            }
        }
        (by_field, general)
    }
}

/// The RA profiles a form offers: those the listed profiles use, each once, by name.
pub fn known_ra_profiles(profiles: &[ScepProfile]) -> Vec<RaProfileRef> {
    let mut out: Vec<RaProfileRef> = Vec::new();
    for r in profiles.iter().filter_map(|p| p.ra_profile.as_ref()) {
        if !out.iter().any(|o| o.id.eq_ignore_ascii_case(&r.id)) {
            out.push(r.clone());
        }
    }
    out.sort_by_key(|r| r.title().to_lowercase());
    out
}

/// Where on the MDM server a SCEP enrolment configuration is shown in the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrolmentKind {
    /// An app setting (EPMM: the SCEP certificate-enrolment settings).
    AppSetting,
}

impl EnrolmentKind {
    pub fn noun(self) -> &'static str {
        match self {
            EnrolmentKind::AppSetting => "app setting",
        }
    }
}

/// A configuration of the MDM server that has devices enrol by SCEP at a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScepEnrolment {
    pub id: String,
    pub name: String,
    pub url: String,
    pub kind: EnrolmentKind,
}

/// A SCEP URL reduced to what identifies the endpoint: scheme and host in lower case, no default
/// port, the path without a trailing `/` or the `pkiclient.exe` that SCEP clients add, no query
/// (SCEP clients add `?operation=…`). `None` when it is not an http(s) URL.
pub fn scep_endpoint(url: &str) -> Option<String> {
    let u = url.trim();
    let (scheme, rest) = u.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let mut host = authority.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    if let Some(h) = host.strip_suffix(default_port) {
        host = h.to_string();
    }
    if host.is_empty() {
        return None;
    }
    let path = path.trim_end_matches('/');
    let path = match path.len().checked_sub("/pkiclient.exe".len()) {
        Some(i) if path[i..].eq_ignore_ascii_case("/pkiclient.exe") => &path[..i],
        _ => path,
    };
    Some(format!("{scheme}://{host}{}", path.trim_end_matches('/')))
}

/// Whether two SCEP URLs name the same endpoint ([`scep_endpoint`]).
pub fn same_scep_endpoint(a: &str, b: &str) -> bool {
    matches!((scep_endpoint(a), scep_endpoint(b)), (Some(x), Some(y)) if x == y)
}

/// A profile that could not be changed or deleted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileFailure {
    pub id: String,
    /// Empty when the platform did not name it.
    pub name: String,
    pub message: String,
    /// Refused because something uses the profile: what (a force delete detaches it first; the
    /// list is empty where the platform did not name it). `None` for any other failure.
    pub in_use_by: Option<Vec<String>>,
}

/// An action on several profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    Enable,
    Disable,
    Delete,
    ForceDelete,
}

impl BulkAction {
    pub const ALL: [BulkAction; 4] = [
        BulkAction::Enable,
        BulkAction::Disable,
        BulkAction::Delete,
        BulkAction::ForceDelete,
    ];
    pub fn label(self) -> &'static str {
        match self {
            BulkAction::Enable => "Enable",
            BulkAction::Disable => "Disable",
            BulkAction::Delete => "Delete",
            BulkAction::ForceDelete => "Force delete",
        }
    }
    /// The past participle for the result (`enabled`).
    pub fn done(self) -> &'static str {
        match self {
            BulkAction::Enable => "enabled",
            BulkAction::Disable => "disabled",
            BulkAction::Delete | BulkAction::ForceDelete => "deleted",
        }
    }
    pub fn destructive(self) -> bool {
        matches!(self, BulkAction::Delete | BulkAction::ForceDelete)
    }
    /// What the confirmation says will happen.
    pub fn explain(self, n: usize) -> String {
        let what = plural(n, "SCEP profile", "SCEP profiles");
        let (them, are) = if n == 1 {
            ("it", "is")
        } else {
            ("them", "are")
        };
        match self {
            BulkAction::Enable => format!("Devices can enrol at the {what} again."),
            BulkAction::Disable => format!(
                "Devices can no longer enrol at the {what} until {them} {are} enabled again."
            ),
            BulkAction::Delete => format!(
                "The {what} {are} deleted. A profile an RA profile still uses for SCEP is not deleted: it is listed with the RA profiles that use it."
            ),
            BulkAction::ForceDelete => format!(
                "Force delete first detaches the {what} from every RA profile that uses {them} for SCEP (SCEP is switched off on those RA profiles: their devices can no longer enrol there), then deletes {them}."
            ),
        }
    }
}

/// `1 SCEP profile`, `3 SCEP profiles`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The result of a bulk action: the profiles done and those that failed, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkResult {
    pub action: BulkAction,
    /// Names of the profiles done.
    pub done: Vec<String>,
    pub failed: Vec<ProfileFailure>,
}

impl BulkResult {
    /// Splits the selection (`(id, name)`) by the failures the platform reported.
    pub fn new(
        action: BulkAction,
        selected: &[(String, String)],
        failed: Vec<ProfileFailure>,
    ) -> BulkResult {
        let done = selected
            .iter()
            .filter(|(id, _)| !failed.iter().any(|f| f.id.eq_ignore_ascii_case(id)))
            .map(|(_, name)| name.clone())
            .collect();
        // Name the failures the platform left unnamed.
        let failed = failed
            .into_iter()
            .map(|mut f| {
                if f.name.trim().is_empty() {
                    if let Some((_, n)) = selected
                        .iter()
                        .find(|(id, _)| id.eq_ignore_ascii_case(&f.id))
                    {
                        f.name = n.clone();
                    }
                }
                f
            })
            .collect();
        BulkResult {
            action,
            done,
            failed,
        }
    }

    /// `2 SCEP profiles deleted, 1 not.`
    pub fn summary(&self) -> String {
        let done = format!(
            "{} {}",
            plural(self.done.len(), "SCEP profile", "SCEP profiles"),
            self.action.done()
        );
        match self.failed.len() {
            0 => format!("{done}."),
            n => format!("{done}; {} failed.", plural(n, "profile", "profiles")),
        }
    }

    /// The failures a force delete could still do: those refused because something uses them.
    pub fn in_use(&self) -> Vec<&ProfileFailure> {
        self.failed
            .iter()
            .filter(|f| f.in_use_by.is_some())
            .collect()
    }
}

pub fn scep_profile_href(p: &ScepProfile) -> String {
    crate::routes::scep_profile(&p.id)
}

pub fn scep_profile_columns() -> Vec<Column<ScepProfile>> {
    vec![
        Column::new("name", "Name", |p: &ScepProfile| p.name.clone()).link(scep_profile_href),
        Column::new("state", "State", |p: &ScepProfile| {
            p.state_label().to_string()
        })
        .kind(CellKind::Badge),
        Column::new("description", "Description", |p: &ScepProfile| {
            p.description.clone()
        }),
        Column::new("ra_profile", "RA profile", ScepProfile::ra_profile_name),
        Column::new(
            "ca_certificate",
            "CA certificate",
            ScepProfile::ca_certificate_name,
        ),
        Column::new("renewal", "Renewal threshold", |p: &ScepProfile| {
            renewal_label(p.renewal_threshold)
        })
        // Half the validity sorts with 0.
        .sort_by(|p: &ScepProfile| SortKey::Int(i64::from(p.renewal_threshold.unwrap_or(0)))),
        Column::new("intune", "Intune", |p: &ScepProfile| yes_no(p.intune)),
        Column::new(
            "include_ca",
            "Includes CA certificate",
            |p: &ScepProfile| yes_no(p.include_ca_certificate),
        )
        .hidden(),
        Column::new("include_chain", "Includes CA chain", |p: &ScepProfile| {
            yes_no(p.include_ca_chain)
        })
        .hidden(),
        Column::new("scep_url", "SCEP URL", |p: &ScepProfile| {
            p.scep_url.clone().unwrap_or_default()
        })
        .kind(CellKind::Code)
        .hidden(),
        Column::new("id", "UUID", |p: &ScepProfile| p.id.clone())
            .kind(CellKind::Code)
            .hidden(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pki_attribute::ContentType;
    use serde_json::json;

    fn detail() -> ScepProfileDetail {
        ScepProfileDetail {
            profile: ScepProfile {
                id: "c2f685d4".into(),
                name: "corporate-users".into(),
                description: "User certificates".into(),
                enabled: true,
                ra_profile: Some(RaProfileRef {
                    id: "ra-1".into(),
                    name: "corporate-users-ra".into(),
                    enabled: Some(true),
                }),
                ca_certificate: Some(CaCertificate {
                    id: "ca-1".into(),
                    common_name: "Example Corporate Issuing CA".into(),
                    ..Default::default()
                }),
                renewal_threshold: Some(30),
                include_ca_certificate: true,
                include_ca_chain: false,
                intune: false,
                scep_url: None,
            },
            issue_attributes: vec![Attribute {
                id: Some("a1".into()),
                name: "username".into(),
                label: Some("End entity username".into()),
                content_type: ContentType::String,
                values: vec![json!("scep-corporate-users")],
            }],
            custom_attributes: vec![Attribute {
                id: None,
                name: "costCenter".into(),
                label: None,
                content_type: ContentType::Integer,
                values: vec![json!(4100)],
            }],
            intune_tenant: None,
            intune_application_id: None,
            associations: Some(Associations {
                owner: Some("owner-1".into()),
                groups: vec!["g1".into(), "g2".into()],
                custom_attributes: Vec::new(),
            }),
        }
    }

    #[test]
    fn renewal_threshold_zero_or_empty_is_half_the_validity() {
        // SCEP Profile Management, `renewalThreshold`: "Empty or the value '0' will be
        // considered as null and half life of the certificate validity will be considered".
        assert_eq!(renewal_label(None), "Half the certificate's validity");
        assert_eq!(renewal_label(Some(0)), "Half the certificate's validity");
        assert_eq!(renewal_label(Some(1)), "1 day before expiry");
        assert_eq!(renewal_label(Some(30)), "30 days before expiry");
        let mut f = ScepProfileForm::from_detail(&detail());
        for (typed, want) in [("", None), ("0", Some(0)), (" 14 ", Some(14))] {
            f.renewal_threshold = typed.into();
            assert_eq!(f.validate(FormMode::Edit).unwrap().renewal_threshold, want);
        }
        for bad in ["-1", "2.5", "soon"] {
            f.renewal_threshold = bad.into();
            let e = f.validate(FormMode::Edit).unwrap_err();
            assert!(e.contains_key(field::RENEWAL_THRESHOLD), "{bad}");
        }
    }

    #[test]
    fn an_unchanged_edit_form_sends_the_profile_as_stored_and_keeps_the_secrets() {
        let d = detail();
        let f = ScepProfileForm::from_detail(&d);
        assert_eq!(f.challenge_password, "");
        assert_eq!(f.groups, "g1\ng2");
        let input = f.validate(FormMode::Edit).unwrap();
        assert_eq!(input.name, None, "the name is never sent on edit");
        assert_eq!(input.ra_profile.as_deref(), Some("ra-1"));
        assert_eq!(input.ca_certificate, "ca-1");
        assert_eq!(input.renewal_threshold, Some(30));
        assert_eq!(input.challenge_password, None);
        assert_eq!(input.intune_application_key, None);
        assert_eq!(input.issue_attributes, d.issue_attributes);
        assert_eq!(input.custom_attributes, d.custom_attributes);
        assert_eq!(input.associations, d.associations);
        // A new secret is sent as typed.
        let mut f = f;
        f.challenge_password = " new secret".into();
        assert_eq!(
            f.validate(FormMode::Edit)
                .unwrap()
                .challenge_password
                .as_deref(),
            Some(" new secret")
        );
    }

    #[test]
    fn the_form_checks_name_ca_certificate_and_attribute_values() {
        let mut f = ScepProfileForm::default();
        f.custom_attributes.push(AttributeField {
            name: "costCenter".into(),
            content_type: ContentType::Integer,
            values: vec!["lots".into()],
            ..Default::default()
        });
        let e = f.validate(FormMode::Create).unwrap_err();
        assert_eq!(e[field::NAME], ["Enter a name."]);
        assert_eq!(e[field::CA_CERTIFICATE], ["Choose a CA certificate."]);
        assert_eq!(
            e[field::CUSTOM_ATTRIBUTES],
            ["costCenter: enter a whole number (for example 42) (not “lots”)."]
        );
        // The name's characters are the platform's to judge.
        f.name = "Profile Name 1".into();
        f.ca_certificate = "ca-1".into();
        f.custom_attributes.clear();
        f.groups = "g1, g2\n g3".into();
        let input = f.validate(FormMode::Create).unwrap();
        assert_eq!(input.name.as_deref(), Some("Profile Name 1"));
        assert_eq!(input.associations.unwrap().groups, ["g1", "g2", "g3"]);
        assert_eq!(input.description, None);
    }

    #[test]
    fn server_messages_go_under_their_fields_or_at_the_top() {
        let f = ScepProfileForm::from_detail(&detail());
        let (by_field, general) = f.place(&[
            (Some(field::NAME.into()), "Name taken".into()),
            (
                Some(attribute_key("username")),
                "Wrong content for attribute username".into(),
            ),
            (
                Some(attribute_key("costCenter")),
                "Attribute costCenter is given more than once".into(),
            ),
            (
                Some(attribute_key("colour")),
                "Content of attribute colour is malformed".into(),
            ),
            (None, "Something else".into()),
        ]);
        assert_eq!(by_field[field::NAME], ["Name taken"]);
        assert_eq!(
            by_field[field::ISSUE_ATTRIBUTES],
            ["Wrong content for attribute username"]
        );
        assert_eq!(
            by_field[field::CUSTOM_ATTRIBUTES],
            ["Attribute costCenter is given more than once"]
        );
        assert_eq!(
            general,
            ["Content of attribute colour is malformed", "Something else"]
        );
    }

    #[test]
    fn scep_urls_match_by_endpoint() {
        let profile = "https://ca.example.com/api/v1/protocols/scep/corporate-users/pkiclient.exe";
        for same in [
            profile,
            "https://CA.example.com:443/api/v1/protocols/scep/corporate-users",
            "https://ca.example.com/api/v1/protocols/scep/corporate-users/",
            "https://ca.example.com/api/v1/protocols/scep/corporate-users/pkiclient.exe?operation=GetCACert",
        ] {
            assert!(same_scep_endpoint(profile, same), "{same}");
        }
        for other in [
            "https://ca.example.com/api/v1/protocols/scep/kiosk-devices/pkiclient.exe",
            "http://ca.example.com/api/v1/protocols/scep/corporate-users/pkiclient.exe",
            "https://ca.example.com:8443/api/v1/protocols/scep/corporate-users",
            // The path is case-sensitive (a profile name is a path segment).
            "https://ca.example.com/api/v1/protocols/scep/Corporate-Users",
            "not a url",
            "",
        ] {
            assert!(!same_scep_endpoint(profile, other), "{other}");
        }
    }

    #[test]
    fn bulk_results_name_what_was_done_and_what_failed() {
        let selected = vec![
            ("p1".to_string(), "corporate-users".to_string()),
            ("p2".to_string(), "lab-test".to_string()),
            ("p3".to_string(), "gone".to_string()),
        ];
        let r = BulkResult::new(
            BulkAction::Delete,
            &selected,
            vec![
                ProfileFailure {
                    id: "P1".into(),
                    name: "corporate-users".into(),
                    message: "Object is associated with other items".into(),
                    in_use_by: Some(vec!["corporate-users-ra".into()]),
                },
                ProfileFailure {
                    id: "p3".into(),
                    name: String::new(),
                    message: "not found".into(),
                    in_use_by: None,
                },
            ],
        );
        assert_eq!(r.done, ["lab-test"]);
        assert_eq!(r.failed[1].name, "gone");
        assert_eq!(r.summary(), "1 SCEP profile deleted; 2 profiles failed.");
        assert_eq!(r.in_use().len(), 1);
        let ok = BulkResult::new(BulkAction::Enable, &selected[..2], vec![]);
        assert_eq!(ok.summary(), "2 SCEP profiles enabled.");
        assert!(BulkAction::ForceDelete.explain(2).contains("detaches"));
    }

    #[test]
    fn ra_profile_choices_come_once_each_by_name() {
        let p = |ra: Option<(&str, &str)>| ScepProfile {
            ra_profile: ra.map(|(id, name)| RaProfileRef {
                id: id.into(),
                name: name.into(),
                enabled: None,
            }),
            ..Default::default()
        };
        let list = known_ra_profiles(&[
            p(Some(("2", "devices-ra"))),
            p(None),
            p(Some(("1", "corporate-users-ra"))),
            p(Some(("2", "devices-ra"))),
        ]);
        let names: Vec<&str> = list.iter().map(|r| r.title()).collect();
        assert_eq!(names, ["corporate-users-ra", "devices-ra"]);
    }

    #[test]
    fn columns_show_state_ra_ca_threshold_and_intune() {
        let cols = scep_profile_columns();
        let p = detail().profile;
        let text = |id: &str| (cols.iter().find(|c| c.id == id).unwrap().text)(&p);
        assert_eq!(text("state"), "Enabled");
        assert_eq!(text("ra_profile"), "corporate-users-ra");
        assert_eq!(text("ca_certificate"), "Example Corporate Issuing CA");
        assert_eq!(text("renewal"), "30 days before expiry");
        assert_eq!(text("intune"), "No");
        assert_eq!(
            scep_profile_href(&p),
            "/certificates/scep-profiles/c2f685d4"
        );
    }
}
