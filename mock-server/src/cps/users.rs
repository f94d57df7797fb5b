//! User APIs (CPS guide): the world's users (the V1 `/sm/users` accounts) as CPS renders them.
//!
//! - `userId` is the user name (the EPMM example's `"userId": "testuser6771"`), `userUuid` the
//!   V1 user uuid, and `guid` (in the answers of the GUID search, as in the guide's examples) the
//!   same uuid.
//! - `GET /user?uid=` matches users whose user name or email address starts with `uid`, without
//!   regard to case ("Note that the call searches only on the email address as the user ID": on
//!   EPMM the user name is the address's local part, so both forms find the user); no or a blank
//!   `uid` lists every user. `GET /user?guid=` finds the user with that `userUuid`.
//! - `fields=ldapStandardAttributes` (with or without the guide's quotes) adds
//!   `ldapStandardAttributes` to LDAP users. `ldapCustomAttributes` of LDAP users use EPMM's
//!   camelCase keys (`objectGUID` as plain hex, `userPrincipalName`; CPS guide, "Limitations").
//! - `POST /user` identifiers are user uuids (user names and email addresses are found too).

use super::attributes::{self, Target};
use super::reply::{self, Body, CpsError, Page, Query, Reply};
use crate::state::{SharedState, World};
use axum::extract::State;
use std::collections::{BTreeMap, HashMap};
use wire::cps::{AccountSource, IdentifierRequest, UpdateAttributesRequest, User};
use wire::v1::sm::USER_SOURCE_LDAP;

/// `DC=example,DC=com` of `someone@example.com`.
fn domain_components(email: &str) -> String {
    email
        .rsplit_once('@')
        .map(|(_, d)| d)
        .unwrap_or("example.com")
        .split('.')
        .map(|p| format!("DC={p}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// The user at index `i` as CPS sends it.
pub fn to_cps(w: &World, i: usize, standard: bool, with_guid: bool) -> User {
    let u = &w.users[i];
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let ldap = u.user_source == USER_SOURCE_LDAP;
    let text_map = |pairs: Vec<(&str, String)>| {
        Some(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<BTreeMap<_, _>>(),
        )
    };
    User {
        enabled: Some(u.enabled),
        created_at: Some(u.created_at_ms),
        account_source: Some(if ldap {
            AccountSource::Ldap
        } else {
            AccountSource::Local
        }),
        display_name: Some(u.display_name()),
        email_address: some(&u.email),
        first_name: some(&u.first_name),
        last_name: some(&u.last_name),
        user_id: Some(u.principal.clone()),
        user_uuid: Some(u.uuid.clone()),
        guid: with_guid.then(|| u.uuid.clone()),
        custom_attributes: attributes::values(w, Target::User, i),
        ldap_custom_attributes: if ldap {
            text_map(vec![
                ("objectGUID", u.uuid.replace('-', "")),
                ("userPrincipalName", u.email.clone()),
            ])
        } else {
            None
        },
        ldap_standard_attributes: if ldap && standard {
            text_map(vec![
                (
                    "distinguishedName",
                    format!(
                        "CN={},OU=Users,{}",
                        u.display_name(),
                        domain_components(&u.email)
                    ),
                ),
                ("samAccountName", u.principal.clone()),
                ("userPrincipalName", u.email.clone()),
            ])
        } else {
            None
        },
    }
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Users whose user name or email address starts with `uid` (all for `None` or blank).
fn matching<'a>(w: &'a World, uid: Option<&'a str>) -> impl Iterator<Item = usize> + 'a {
    let uid = uid.unwrap_or("");
    (0..w.users.len()).filter(move |&i| {
        let u = &w.users[i];
        starts_with_ci(&u.principal, uid) || starts_with_ci(&u.email, uid)
    })
}

/// `GET /user?guid=` ("Search users by GUID") or `GET /user?uid=` ("Search users by user id").
pub async fn search(State(app): State<SharedState>, q: Query) -> Reply {
    let max = app.cps.max_limit();
    super::blocking(&app, move |w| {
        let page = Page::from_query(&q, max)?;
        let standard = q.text("fields").is_some_and(|f| {
            f.split(',').any(|x| {
                x.trim()
                    .trim_matches('"')
                    .eq_ignore_ascii_case("ldapStandardAttributes")
            })
        });
        let users: Vec<User> = match q.non_blank("guid") {
            Some(guid) => page
                .of((0..w.users.len()).filter(|&i| w.users[i].uuid.eq_ignore_ascii_case(guid)))
                .map(|i| to_cps(w, i, standard, true))
                .collect(),
            None => page
                .of(matching(w, q.text("uid")))
                .map(|i| to_cps(w, i, standard, false))
                .collect(),
        };
        Ok(reply::json(&page.envelope(users)))
    })
    .await
}

/// `GET /user/count?uid=` ("Count users by user id").
pub async fn count(State(app): State<SharedState>, q: Query) -> Reply {
    let w = app.read();
    Ok(reply::count(matching(&w, q.text("uid")).count()))
}

/// The users of update identifiers (uuid, else user name, else email address), in request order,
/// each once; invalid ones are ignored.
fn resolve(w: &World, req: &IdentifierRequest) -> Result<Vec<usize>, CpsError> {
    let wanted = reply::identifiers(req)?;
    let lower: Vec<String> = wanted.iter().map(|t| t.to_ascii_lowercase()).collect();
    let mut by_uuid: HashMap<&str, usize> = lower
        .iter()
        .enumerate()
        .map(|(k, t)| (t.as_str(), k))
        .collect();
    let mut hits: Vec<Option<usize>> = vec![None; wanted.len()];
    for (i, u) in w.users.iter().enumerate() {
        if by_uuid.is_empty() {
            break;
        }
        if let Some(k) = by_uuid.remove(u.uuid.as_str()) {
            hits[k] = Some(i);
        }
    }
    Ok(super::ids::dedup(wanted.iter().zip(hits).filter_map(
        |(t, hit)| hit.or_else(|| w.user_by_name_or_email(t)),
    )))
}

/// `POST /user` ("Update user attributes"); see [`super::attributes`].
pub async fn update(
    State(app): State<SharedState>,
    Body(req): Body<UpdateAttributesRequest>,
) -> Reply {
    let n = attributes::update(&app, Target::User, &req, |w| resolve(w, &req.target))?;
    Ok(reply::count(n))
}
