//! Who may call which V2 certificate endpoint.
//!
//! The V2 guide names a Category → Role Description pair per call ("Required Roles" of each
//! section); EPMM user objects carry role *codes* (`ROLE_*`, the example user of V1 guide, "Find a
//! User"). The mock maps each category to the codes below; where a call lists two categories, both
//! are required (our reading; the guide does not say). The seeded `admin` has every code; `jdoe`
//! has only `ROLE_USER_PORTAL`; `mobileapp` has none of these.
//!
//! Self-service (digest `certificates-api.md`, "Part F: Open questions", 1, option (a), **decided
//! here**): a user-portal caller may call "Get list of all user provided certificate enrollment
//! IDs' information…" for their own principal, and the upload, delete and get calls only for their
//! own principal (`principal`/`userId` equal to the signed-in user, case-insensitive). Anything
//! else answers 403 (digest `certificates-api.md`, "A.5 Error envelope and status codes for our
//! mock").

use crate::auth::Caller;
use crate::catalog::ROLE_USER_PORTAL;

/// A role category of the V2 guide ("Required Roles").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// "Logs and Events Management: Manage certificates, View certificates" (V2 guide, "Initiate
    /// the processing of certificate details to be exported").
    LogsAndEvents,
    /// "Device Management: View dashboard, device page, device details" (V2 guide, "Get status of
    /// the export process").
    DeviceManagement,
    /// "User Management: Manage user" (V2 guide, "Upload user-provided certificate").
    UserManagement,
    /// "Configuration Management: Manage configuration, View configuration" (V2 guide, "Change SCEP
    /// challenge password").
    ConfigurationManagement,
    /// "You need to have access to the User Portal for this call." (V2 guide, "Get list of all user
    /// provided certificate enrollment IDs' information…").
    UserPortal,
}

impl Category {
    /// The role codes that grant the category (any one of them).
    pub fn codes(self) -> &'static [&'static str] {
        match self {
            Category::LogsAndEvents => &["ROLE_LOG_R", "ROLE_EVENT_CENTER_RW"],
            Category::DeviceManagement => &["ROLE_SMARTPHONES_AND_DEVICES_RW"],
            Category::UserManagement => &["ROLE_USER_MANAGEMENT_RW"],
            Category::ConfigurationManagement => {
                &["ROLE_SETTINGS_RW", "ROLE_SECURITY_AND_POLICIES_RW"]
            }
            Category::UserPortal => &[ROLE_USER_PORTAL, "ROLE_USER_PORTAL_RW"],
        }
    }
}

/// Whether the caller holds every category.
pub fn has_all(caller: &Caller, needed: &[Category]) -> bool {
    needed.iter().all(|c| caller.has_any(c.codes()))
}

/// The export, the revocation status and revoke, and the CE configurations (V2 guide, "Initiate the
/// processing of certificate details to be exported", "Determine if certificate revocation is in
/// progress", "Revoke certificates", "Get CE configuration information").
pub const LE: &[Category] = &[Category::LogsAndEvents];
/// The export status, the download and the search ("Get status of the export process", "Download
/// the CSV file", "Search/Retrieve certificate details").
pub const LE_DM: &[Category] = &[Category::LogsAndEvents, Category::DeviceManagement];
/// Upload, delete and get of user-provided certificates, the SCEP configurations, and the users
/// without certificates ("Upload user-provided certificate" and the two after it, "Get SCEP
/// configuration information", "Search for users without certificates" and the three after it).
pub const UM: &[Category] = &[Category::UserManagement];
/// The SCEP challenge and the test certificate ("Change SCEP challenge password", "Verify Ivanti
/// EPMM/SCEP Connectivity").
pub const CM: &[Category] = &[Category::ConfigurationManagement];

/// May `caller` act on `principal`'s user-provided certificates (V2 guide, "Managing user
/// certificates")? Admins with User Management may act on anyone; a user-portal user only on
/// themself.
pub fn may_manage_user_certs(caller: &Caller, principal: &str) -> bool {
    has_all(caller, UM) || (is_portal_user(caller) && same_user(caller, principal))
}

pub fn is_portal_user(caller: &Caller) -> bool {
    caller.has_any(Category::UserPortal.codes())
}

pub fn same_user(caller: &Caller, principal: &str) -> bool {
    caller.principal.eq_ignore_ascii_case(principal.trim())
}
