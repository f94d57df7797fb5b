//! Every route of the portal, in one place: the path patterns the router matches (in `app`) and
//! the typed functions that build links to them. Screens link with these functions, never with
//! literal paths, so a route changes here and nowhere else.
//!
//! | path | screen |
//! |---|---|
//! | `/sign-in?next=` | sign-in |
//! | `/self-service` | the user self-service portal |
//! | `/dashboard`, `/compliance?show=` | dashboard and the compliance list |
//! | `/devices?status=`, `/devices/register`, `/devices/{id}` | devices |
//! | `/labels`, `/labels/{id}` | device groups (labels) |
//! | `/policies`, `/policies/{id}` | policies |
//! | `/app-settings`, `/app-settings/{id}` | app settings |
//! | `/app-catalog?platform=&name=&identifier=` | app catalog |
//! | `/alerts`, `/alerts/{id}` | alerts |
//! | `/activesync`, `/activesync/{id}` | ActiveSync associations |
//! | `/users`, `/users/{id}` | users |
//! | `/profiles`, `/profiles/{type}`, `/profiles/{type}/new`, `/profiles/{type}/{id}` | profiles and settings described by the server (types, objects, a new one, one) |
//! | `/certificates…` | certificates (issued, users without, user-provided, configurations) |
//! | `/certificates/scep-profiles`, `/certificates/scep-profiles/new`, `/certificates/scep-profiles/{id}` | SCEP profiles (certificate platform) |

use crate::backend::{Capabilities, Screen};
use crate::domain::session::Role;
use crate::url::{encode_path_segment, query_string};

/// A path with one opaque id segment.
fn with_id(prefix: &str, id: &str) -> String {
    format!("{prefix}/{}", encode_path_segment(id))
}

/// A path with a query (pairs with empty values are left out).
fn with_query<'a>(path: &str, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let pairs: Vec<(&str, &str)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    if pairs.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query_string(pairs))
    }
}

pub const HOME: &str = "/";
pub const DASHBOARD: &str = "/dashboard";
pub const DEVICES: &str = "/devices";
pub const REGISTER_DEVICE: &str = "/devices/register";
pub const GROUPS: &str = "/labels";
pub const POLICIES: &str = "/policies";
pub const APP_SETTINGS: &str = "/app-settings";
pub const APP_CATALOG: &str = "/app-catalog";
pub const ALERTS: &str = "/alerts";
pub const ACTIVESYNC: &str = "/activesync";
pub const USERS: &str = "/users";
pub const PROFILES: &str = "/profiles";
pub const SELF_SERVICE: &str = "/self-service";
pub const CERTIFICATES: &str = "/certificates";
pub const USERS_WITHOUT_CERTIFICATES: &str = "/certificates/users-without";
pub const USER_CERTIFICATES: &str = "/certificates/users";
pub const CERTIFICATE_CONFIGURATIONS: &str = "/certificates/configurations";
pub const SCEP_PROFILES: &str = "/certificates/scep-profiles";
pub const NEW_SCEP_PROFILE: &str = "/certificates/scep-profiles/new";

/// Where a screen of the main navigation leads.
pub fn screen(s: Screen) -> &'static str {
    match s {
        Screen::Dashboard => DASHBOARD,
        Screen::Devices => DEVICES,
        Screen::Groups => GROUPS,
        Screen::Policies => POLICIES,
        Screen::Profiles => PROFILES,
        Screen::AppSettings => APP_SETTINGS,
        Screen::AppCatalog => APP_CATALOG,
        Screen::Certificates => CERTIFICATES,
        Screen::Alerts => ALERTS,
        Screen::ActiveSync => ACTIVESYNC,
        Screen::Users => USERS,
        Screen::ScepProfiles => SCEP_PROFILES,
        Screen::Compliance | Screen::RegisterDevice | Screen::SelfService => HOME,
    }
}

/// Where each role lands after signing in: an admin on the first screen of the navigation this
/// server has.
pub fn home_for(role: Role, caps: &Capabilities) -> &'static str {
    match role {
        Role::Admin => Screen::NAV
            .iter()
            .find(|(s, _)| caps.has(*s))
            .map_or(DASHBOARD, |(s, _)| screen(*s)),
        Role::SelfService => SELF_SERVICE,
    }
}

/// The sign-in screen, coming back to `next` (an app path with its query) afterwards.
pub fn sign_in(next: &str) -> String {
    with_query("/sign-in", [("next", next)])
}

/// The devices list with the server's own status key (empty: the backend's default).
pub fn devices(status: &str) -> String {
    with_query(DEVICES, [("status", status)])
}

pub fn device(id: &str) -> String {
    with_id(DEVICES, id)
}

/// A device page on one of its tabs (`overview` is the page itself).
pub fn device_tab(id: &str, tab: &str) -> String {
    let path = device(id);
    if tab == "overview" {
        path
    } else {
        with_query(&path, [("tab", tab)])
    }
}

pub fn group(id: &str) -> String {
    with_id(GROUPS, id)
}

pub fn policy(id: &str) -> String {
    with_id(POLICIES, id)
}

pub fn app_setting(id: &str) -> String {
    with_id(APP_SETTINGS, id)
}

pub fn alert(id: &str) -> String {
    with_id(ALERTS, id)
}

/// The alerts inbox, searched for one user's alerts.
pub fn alerts_of_user(username: &str) -> String {
    with_query(ALERTS, [("q", username)])
}

pub fn activesync(id: &str) -> String {
    with_id(ACTIVESYNC, id)
}

pub fn user(id: &str) -> String {
    with_id(USERS, id)
}

/// The unread alerts, of one severity (lowercase; empty: all).
pub fn unread_alerts(severity: &str) -> String {
    with_query(ALERTS, [("read", "unread"), ("severity", severity)])
}

/// The objects of a type the server describes (or its settings page, for a single object).
pub fn entity_type(type_id: &str) -> String {
    with_id(PROFILES, type_id)
}

/// A new object of a type.
pub fn new_entity(type_id: &str) -> String {
    format!("{}/new", entity_type(type_id))
}

pub fn entity(type_id: &str, id: &str) -> String {
    with_id(&entity_type(type_id), id)
}

/// The compliance list, showing one kind of problem (a key of `ComplianceFilter`).
pub fn compliance(show: &str) -> String {
    with_query("/compliance", [("show", show)])
}

/// Issued certificates with a filter query (`(key, value)` pairs as the screen reads them).
pub fn certificates<'a>(query: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    with_query(CERTIFICATES, query)
}

/// Users without a certificate of a configuration (its id).
pub fn users_without_certificates(config: &str) -> String {
    with_query(USERS_WITHOUT_CERTIFICATES, [("ce", config)])
}

pub fn user_certificates(user: &str) -> String {
    with_id(USER_CERTIFICATES, user)
}

pub fn certificate_configuration(id: &str) -> String {
    with_id(CERTIFICATE_CONFIGURATIONS, id)
}

pub fn scep_profile(id: &str) -> String {
    with_id(SCEP_PROFILES, id)
}

/// Where the portal shows one of the MDM server's SCEP enrolment configurations.
pub fn scep_enrolment(e: &crate::domain::scep_profile::ScepEnrolment) -> String {
    match e.kind {
        crate::domain::scep_profile::EnrolmentKind::AppSetting => app_setting(&e.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_one_encoded_segment() {
        assert_eq!(device("a/b c"), "/devices/a%2Fb%20c");
        assert_eq!(group("All-Smartphones"), "/labels/All-Smartphones");
        assert_eq!(user("j doe"), "/users/j%20doe");
        // S2's sample uuid is not hexadecimal: ids are opaque.
        assert_eq!(
            scep_profile("7b55ge1c-844f-11dc-a8a3-0242ac120002"),
            "/certificates/scep-profiles/7b55ge1c-844f-11dc-a8a3-0242ac120002"
        );
        let t = "com.blackberry.mdm.common.entity.profile.ComplianceProfile";
        assert_eq!(entity_type(t), format!("/profiles/{t}"));
        assert_eq!(new_entity(t), format!("/profiles/{t}/new"));
        assert_eq!(entity(t, "a/b"), format!("/profiles/{t}/a%2Fb"));
    }

    #[test]
    fn admins_land_on_the_dashboard_or_the_first_screen_the_server_has() {
        let caps = |screens: Vec<Screen>| Capabilities {
            screens,
            groups_name: "Groups",
        };
        let all = caps(vec![Screen::Dashboard, Screen::Devices]);
        assert_eq!(home_for(Role::Admin, &all), DASHBOARD);
        let uem = caps(vec![Screen::Profiles]);
        assert_eq!(home_for(Role::Admin, &uem), PROFILES);
        assert_eq!(home_for(Role::SelfService, &uem), SELF_SERVICE);
    }

    #[test]
    fn admins_land_on_the_first_screen_the_server_has() {
        let caps = |screens: Vec<Screen>| Capabilities {
            screens,
            groups_name: "Groups",
        };
        let epmm = caps(vec![
            Screen::Dashboard,
            Screen::Devices,
            Screen::SelfService,
        ]);
        assert_eq!(home_for(Role::Admin, &epmm), DASHBOARD);
        assert_eq!(home_for(Role::SelfService, &epmm), SELF_SERVICE);
        let cps = caps(vec![Screen::AppCatalog, Screen::Devices]);
        assert_eq!(home_for(Role::Admin, &cps), DEVICES);
    }

    #[test]
    fn queries_leave_out_empty_values() {
        assert_eq!(devices(""), "/devices");
        assert_eq!(devices("RETIRED"), "/devices?status=RETIRED");
        assert_eq!(device_tab("u1", "overview"), "/devices/u1");
        assert_eq!(device_tab("u1", "location"), "/devices/u1?tab=location");
        assert_eq!(alerts_of_user("j doe"), "/alerts?q=j%20doe");
        assert_eq!(
            sign_in("/devices?q=a b"),
            "/sign-in?next=%2Fdevices%3Fq%3Da%20b"
        );
        assert_eq!(
            certificates([("status", "ACTIVE"), ("ce", "")]),
            "/certificates?status=ACTIVE"
        );
        assert_eq!(
            users_without_certificates("10"),
            "/certificates/users-without?ce=10"
        );
    }
}
