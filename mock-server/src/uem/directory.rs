//! Groups, profiles and profile assignments (overview, "Request all Groups", "Request a Profile
//! by Name", "Assign a Profile to a Group", and `users/{userGUID}/profiles` of "Certificate
//! management"); users and their devices **beyond the document**.
//!
//! Profiles are the instances of the profile entity definitions (`guid` = `entityInstanceId`) and
//! the certificate profiles (USER_CREDENTIAL, SCEP). The implicit USER_CERTIFICATE profile of an
//! upload "can't be queried as a profile and can't be unassigned from a user or assigned to
//! another user or group", but it can be deleted.

use super::defs;
use super::error::{reply, UemBody, UemError, UemPath, UemResult};
use super::media;
use super::session::Session;
use super::world::{CertProfile, UemWorld};
use crate::state::{SharedState, User, World};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::Value;
use wire::uem::directory::{
    Group, Groups, Profile, ProfileAssignment, ProfileAssignments, ProfileCategory, Profiles,
    User as WireUser, UserDevice, UserDevices, Users,
};
use wire::uem::entity::Operation;
use wire::uem::{errors, format_time, media as mt, GuidRef};

/// The user with this GUID (case-insensitive).
pub fn user_by_guid<'a>(world: &'a World, guid: &str) -> Option<&'a User> {
    let g = guid.trim();
    world.users.iter().find(|u| u.uuid.eq_ignore_ascii_case(g))
}

/// The user with this GUID, or 404.
pub fn require_user<'a>(world: &'a World, guid: &str) -> UemResult<&'a User> {
    user_by_guid(world, guid)
        .ok_or_else(|| UemError::new(errors::USER_NOT_FOUND, format!("User {guid} not found.")))
}

/// A `query=<field>=<value>` filter (overview, "Request a Profile by Name": `query=name=test`):
/// the value matches case-insensitively, a trailing `*` matches any rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub field: String,
    pub value: String,
}

impl Query {
    /// The `query` of the query string, for a resource that can filter on `fields`.
    pub fn parse(raw: Option<&str>, fields: &[&str]) -> UemResult<Option<Query>> {
        let pairs: Vec<(String, String)> = form_pairs(raw);
        let Some((_, q)) = pairs.iter().find(|(k, _)| k == "query") else {
            return Ok(None);
        };
        let (field, value) = q.split_once('=').ok_or_else(|| {
            UemError::new(
                errors::INVALID_QUERY,
                format!("query must be <field>=<value>, e.g. {}=test", fields[0]),
            )
        })?;
        let field = field.trim();
        if !fields.iter().any(|f| f.eq_ignore_ascii_case(field)) {
            return Err(UemError::new(
                errors::INVALID_QUERY,
                format!(
                    "query: {field} cannot be searched here; use {}",
                    fields.join(" or ")
                ),
            ));
        }
        Ok(Some(Query {
            field: field.to_string(),
            value: value.trim().to_string(),
        }))
    }

    pub fn matches(&self, v: &str) -> bool {
        let v = v.to_lowercase();
        let want = self.value.to_lowercase();
        match want.strip_suffix('*') {
            Some(prefix) => v.starts_with(prefix),
            None => v == want,
        }
    }

    pub fn is_exact(&self) -> bool {
        !self.value.contains('*')
    }
}

/// The `key=value` pairs of a query string (percent-decoded).
pub fn form_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.map(|q| {
        q.split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (
                    crate::v1::params::percent_decode(&k.replace('+', " ")),
                    crate::v1::params::percent_decode(&v.replace('+', " ")),
                )
            })
            .collect()
    })
    .unwrap_or_default()
}

/// A number of the query string (`max`, `offset`), 400 when not a number.
fn number(raw: Option<&str>, key: &str, default: usize) -> UemResult<usize> {
    match form_pairs(raw).iter().find(|(k, _)| k == key) {
        None => Ok(default),
        Some((_, v)) => v.trim().parse::<usize>().map_err(|_| {
            UemError::new(
                errors::INVALID_QUERY,
                format!("{key}: must be a number, not {v}"),
            )
        }),
    }
}

fn some(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// A user as answered, with their UEM role (beyond the document).
pub fn wire_user(u: &User, w: &UemWorld) -> WireUser {
    let role = w.role_of(&u.principal);
    WireUser {
        guid: u.uuid.clone(),
        username: Some(u.principal.clone()),
        display_name: Some(u.display_name()),
        first_name: some(&u.first_name),
        last_name: some(&u.last_name),
        email_address: some(&u.email),
        source: Some(
            if u.user_source == 68 {
                "DIRECTORY"
            } else {
                "LOCAL"
            }
            .into(),
        ),
        administrative_role: role.administrative_role().map(str::to_string),
        self_service_permissions: role.self_service_permissions(),
    }
}

/// `GET users?query=username=…`: beyond the document (as real UEM clients call it). The admin
/// may search everyone (`max`, default 100, and `offset`); anyone else only themself, by their
/// exact username; this is how a client learns the signed-in user's GUID and permissions.
pub async fn users(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::USERS)?;
    let query = Query::parse(raw.as_deref(), &["username", "emailAddress"])?;
    if !session.is_admin() {
        let own = query.as_ref().is_some_and(|q| {
            q.field.eq_ignore_ascii_case("username")
                && q.is_exact()
                && q.value.eq_ignore_ascii_case(&session.principal)
        });
        if !own {
            return Err(UemError::not_authorized());
        }
    }
    let max = number(raw.as_deref(), "max", 100)?;
    let offset = number(raw.as_deref(), "offset", 0)?;
    let world = state.read();
    let uem = state.uem.lock();
    let found: Vec<WireUser> = world
        .users
        .iter()
        .filter(|u| match &query {
            None => true,
            Some(q) if q.field.eq_ignore_ascii_case("username") => q.matches(&u.principal),
            Some(q) => q.matches(&u.email),
        })
        .skip(offset)
        .take(max)
        .map(|u| wire_user(u, &uem))
        .collect();
    Ok(reply(StatusCode::OK, mt::USERS, &Users { users: found }))
}

/// A device of the EPMM world as a UEM user device.
pub fn wire_device(d: &crate::state::DeviceRec) -> UserDevice {
    let m = d.model();
    let secs = |s: i64| (s > 0).then(|| format_time(s * 1000));
    UserDevice {
        guid: d.uuid.clone(),
        hardware_name: Some(m.model.to_string()),
        manufacturer: Some(m.manufacturer.to_string()),
        os: Some(d.platform().family().to_string()),
        os_version: Some(d.os().version.to_string()),
        serial_number: some(&d.serial_string()),
        imei: some(&d.imei_string()),
        phone_number: some(&d.phone_string()),
        ownership: Some(
            if d.employee_owned {
                "PERSONAL"
            } else {
                "CORPORATE"
            }
            .into(),
        ),
        enrollment_date: secs(d.registered_at),
        last_contact_date: secs(d.last_connected_at),
    }
}

/// `GET users/{userGuid}/userDevices`: beyond the document (as real UEM clients call it). Admin
/// only.
pub async fn user_devices(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(user): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::USER_DEVICES)?;
    session.require_admin()?;
    let world = state.read();
    let u = require_user(&world, &user)?;
    let idx = world.user_index(&u.principal).unwrap_or(usize::MAX);
    let devices = world
        .devices_of(idx)
        .into_iter()
        .map(|i| wire_device(&world.devices[i]))
        .collect();
    Ok(reply(
        StatusCode::OK,
        mt::USER_DEVICES,
        &UserDevices {
            user_devices: devices,
        },
    ))
}

/// `GET groups` (overview, "Request all Groups").
pub async fn groups(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::GROUPS)?;
    session.require_admin()?;
    let w = state.uem.lock();
    let groups = w
        .groups
        .iter()
        .map(|g| Group {
            guid: g.guid.clone(),
            name: Some(g.name.clone()),
            description: some(&g.description),
            member_count: Some(g.members.len() as u64),
        })
        .collect();
    Ok(reply(StatusCode::OK, mt::GROUPS, &Groups { groups }))
}

/// `GET groups/{groupGuid}/users`: **beyond the document** (the overview's groups have no
/// members call; real UEM clients read a group's users this way). The members as users (the
/// `users` media type), by username; admin only; an unknown group is 404 `GROUP_NOT_FOUND`.
pub async fn group_users(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(guid): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::USERS)?;
    session.require_admin()?;
    let world = state.read();
    let uem = state.uem.lock();
    let g = uem
        .groups
        .iter()
        .find(|g| g.guid.eq_ignore_ascii_case(guid.trim()))
        .ok_or_else(|| {
            UemError::new(errors::GROUP_NOT_FOUND, format!("Group {guid} not found."))
        })?;
    let mut users: Vec<WireUser> = g
        .members
        .iter()
        .filter_map(|m| user_by_guid(&world, m))
        .map(|u| wire_user(u, &uem))
        .collect();
    users.sort_by_key(|u| u.username.clone().unwrap_or_default().to_lowercase());
    Ok(reply(StatusCode::OK, mt::USERS, &Users { users }))
}

/// A certificate profile as answered.
pub fn cert_profile(p: &CertProfile) -> Profile {
    Profile {
        guid: p.guid.clone(),
        name: Some(p.name.clone()),
        description: some(&p.description),
        category: Some(p.category.clone()),
        entity_def_id: None,
        certificate_source: Some(p.source.clone()),
    }
}

/// Every profile: the profile entity instances, then the certificate profiles.
fn all_profiles(w: &UemWorld) -> Vec<Profile> {
    let mut out = Vec::new();
    for d in defs::all()
        .iter()
        .filter(|d| defs::is_profile(&d.entity_def_id))
    {
        for inst in w.instances.get(&d.entity_def_id).into_iter().flatten() {
            let text = |k: &str| inst.settings.get(k).and_then(Value::as_str).and_then(some);
            out.push(Profile {
                guid: inst.id.clone(),
                name: text("name"),
                description: text("description"),
                category: defs::profile_category(&d.entity_def_id),
                entity_def_id: Some(d.entity_def_id.clone()),
                certificate_source: None,
            });
        }
    }
    out.extend(w.cert_profiles.iter().map(cert_profile));
    out
}

/// The profile with this GUID (case-insensitive), USER_CERTIFICATE ones included.
pub fn find_profile(w: &UemWorld, guid: &str) -> Option<Profile> {
    let g = guid.trim();
    all_profiles(w)
        .into_iter()
        .find(|p| p.guid.eq_ignore_ascii_case(g))
}

fn profile_not_found(guid: &str) -> UemError {
    UemError::new(
        errors::PROFILE_NOT_FOUND,
        format!("Profile {guid} not found."),
    )
}

/// `GET profiles?query=name=…` (overview, "Request a Profile by Name"); without `query`, every
/// profile. USER_CERTIFICATE profiles are not listed.
pub async fn profiles(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::PROFILES)?;
    session.require_admin()?;
    let query = Query::parse(raw.as_deref(), &["name"])?;
    let w = state.uem.lock();
    let profiles = all_profiles(&w)
        .into_iter()
        .filter(|p| p.category != Some(ProfileCategory::UserCertificate))
        .filter(|p| {
            query
                .as_ref()
                .is_none_or(|q| q.matches(p.name.as_deref().unwrap_or_default()))
        })
        .collect();
    Ok(reply(StatusCode::OK, mt::PROFILES, &Profiles { profiles }))
}

/// A profile that may be queried: not USER_CERTIFICATE.
fn queryable(w: &UemWorld, guid: &str) -> UemResult<Profile> {
    find_profile(w, guid)
        .filter(|p| p.category != Some(ProfileCategory::UserCertificate))
        .ok_or_else(|| profile_not_found(guid))
}

/// `GET profiles/{guid}`: beyond the document.
pub async fn profile(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(guid): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::PROFILE)?;
    session.require_admin()?;
    let w = state.uem.lock();
    Ok(reply(StatusCode::OK, mt::PROFILE, &queryable(&w, &guid)?))
}

/// `DELETE profiles/{guid}` ("client may delete a profile, and this operation will also delete
/// the profile assignment and the related user certificate as well"): 204. A self-service user
/// may delete their own USER_CERTIFICATE profile.
pub async fn delete_profile(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(guid): UemPath<String>,
) -> UemResult<Response> {
    let mut w = state.uem.lock();
    let p = find_profile(&w, &guid).ok_or_else(|| profile_not_found(&guid))?;
    let owner = w
        .cert_profiles
        .iter()
        .find(|c| c.guid == p.guid)
        .and_then(|c| c.owner.clone());
    match owner {
        Some(user) => session.require_certificates_of(&user)?,
        None => session.require_admin()?,
    }
    if let Some(def) = p.entity_def_id.as_deref().and_then(defs::get) {
        if !def.supports(&Operation::Delete) {
            return Err(UemError::new(
                errors::OPERATION_NOT_SUPPORTED,
                format!("{} profiles cannot be deleted.", def.short_name()),
            )
            .with_allow(&[Method::GET]));
        }
        if let Some(list) = w.instances.get_mut(&def.entity_def_id) {
            list.retain(|i| i.id != p.guid);
        }
    }
    w.remove_profile(&p.guid);
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn group_list(w: &UemWorld, guids: impl IntoIterator<Item = String>) -> Vec<Group> {
    guids
        .into_iter()
        .filter_map(|g| w.groups.iter().find(|x| x.guid == g))
        .map(|g| Group {
            guid: g.guid.clone(),
            name: Some(g.name.clone()),
            description: some(&g.description),
            member_count: None,
        })
        .collect()
}

/// `GET profiles/{guid}/groups`: beyond the document (what `POST` assigned).
pub async fn profile_groups(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(guid): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::GROUPS)?;
    session.require_admin()?;
    let w = state.uem.lock();
    let p = queryable(&w, &guid)?;
    let assigned = w.profile_groups.get(&p.guid).cloned().unwrap_or_default();
    let groups = group_list(&w, assigned);
    Ok(reply(StatusCode::OK, mt::GROUPS, &Groups { groups }))
}

/// `POST profiles/{guid}/groups` with `{"groups": [{"guid": …}]}` and `Content-Type:
/// application/vnd.blackberry.groups-v1+json` (overview, "Assign a Profile to a Group"): adds
/// the assignments (already assigned groups stay); 204.
pub async fn assign_groups(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(guid): UemPath<String>,
    headers: HeaderMap,
    UemBody(body): UemBody,
) -> UemResult<Response> {
    media::require(&headers, &[mt::GROUPS])?;
    session.require_admin()?;
    let req: Groups = serde_json::from_slice(&body).map_err(UemError::bad_json)?;
    if req.groups.is_empty() {
        return Err(UemError::new(
            errors::MISSING_REQUIRED_PROPERTY,
            "groups: is required",
        ));
    }
    let mut w = state.uem.lock();
    let p = find_profile(&w, &guid).ok_or_else(|| profile_not_found(&guid))?;
    if p.category == Some(ProfileCategory::UserCertificate) {
        return Err(UemError::new(
            errors::PROFILE_NOT_ASSIGNABLE,
            "A user certificate profile is strictly bound to its user and cannot be assigned to groups.",
        ));
    }
    let mut found = Vec::with_capacity(req.groups.len());
    for g in &req.groups {
        let guid = w
            .groups
            .iter()
            .find(|x| x.guid.eq_ignore_ascii_case(g.guid.trim()))
            .map(|x| x.guid.clone())
            .ok_or_else(|| {
                UemError::new(
                    errors::GROUP_NOT_FOUND,
                    format!("Group {} not found.", g.guid),
                )
            })?;
        found.push(guid);
    }
    for g in found {
        w.assign_group(&p.guid, &g);
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET users/{userGuid}/profiles` ("The following operation returns user profile
/// assignments"): the admin, or the user with "Manage user certificates".
pub async fn user_profiles(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(user): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::PROFILE_ASSIGNMENTS)?;
    session.require_certificates_of(&user)?;
    let world = state.read();
    let u = require_user(&world, &user)?;
    let w = state.uem.lock();
    let profiles = all_profiles(&w);
    let assignments = w
        .assignments_of(&u.uuid)
        .into_iter()
        .filter_map(|(guid, direct, via)| {
            let profile = profiles.iter().find(|p| p.guid == guid)?.clone();
            let dynamics = w
                .cert_profiles
                .iter()
                .find(|c| c.guid == guid && c.category == ProfileCategory::UserCertificate)
                .map(|c| c.dynamics);
            Some(ProfileAssignment {
                category: profile.category.clone(),
                profile,
                assigned_directly: Some(direct),
                groups: via
                    .into_iter()
                    .filter_map(|g| w.groups.iter().find(|x| x.guid == g))
                    .map(|g| GuidRef::named(g.guid.clone(), g.name.clone()))
                    .collect(),
                dynamics,
            })
        })
        .collect();
    Ok(reply(
        StatusCode::OK,
        mt::PROFILE_ASSIGNMENTS,
        &ProfileAssignments {
            profile_assignments: assignments,
        },
    ))
}
