//! Who may call which V2 certificate endpoint.
//!
//! S0 names a Category → Role Description pair per call (digest A.1); EPMM user objects carry role
//! *codes* (`ROLE_*`, seed 003 example user). The mock maps each category to the codes below;
//! where a call lists two categories, both are required (digest A.1 [inf]). The seeded `admin`
//! has every code; `jdoe` has only `ROLE_USER_PORTAL`; `mobileapp` has none of these.
//!
//! Self-service (digest Part F #1, option (a), **decided here**): a user-portal caller may call
//! E8 for their own principal, and E5/E6/E7 only for their own principal (`principal`/`userId`
//! equal to the signed-in user, case-insensitive). Anything else answers 403 (digest A.5).

use crate::auth::Caller;
use crate::catalog::ROLE_USER_PORTAL;

/// A role category of S0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// "Logs and Events Management: Manage certificates, View certificates" (S0:L28-30).
    LogsAndEvents,
    /// "Device Management: View dashboard, device page, device details" (S0:L260-262).
    DeviceManagement,
    /// "User Management: Manage user" (S0:L733-735).
    UserManagement,
    /// "Configuration Management: Manage configuration, View configuration" (S0:L1447-1449).
    ConfigurationManagement,
    /// "You need to have access to the User Portal for this call." (S0:L1089).
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

/// E1, E9, E10, E14.
pub const LE: &[Category] = &[Category::LogsAndEvents];
/// E2, E3, E4.
pub const LE_DM: &[Category] = &[Category::LogsAndEvents, Category::DeviceManagement];
/// E5–E7, E11, E15–E18.
pub const UM: &[Category] = &[Category::UserManagement];
/// E12, E13.
pub const CM: &[Category] = &[Category::ConfigurationManagement];

/// May `caller` act on `principal`'s user-provided certificates (E5–E8)? Admins with User
/// Management may act on anyone; a user-portal user only on themself.
pub fn may_manage_user_certs(caller: &Caller, principal: &str) -> bool {
    has_all(caller, UM) || (is_portal_user(caller) && same_user(caller, principal))
}

pub fn is_portal_user(caller: &Caller) -> bool {
    caller.has_any(Category::UserPortal.codes())
}

pub fn same_user(caller: &Caller, principal: &str) -> bool {
    caller.principal.eq_ignore_ascii_case(principal.trim())
}
