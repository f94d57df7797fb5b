//! UEM's groups as the neutral [`GroupApi`] (overview, "Request all Groups"), each with the
//! profiles assigned to it ("Assign a Profile to a Group"). The overview shows no call for a
//! group's profiles: they are read the other way round, each profile's groups
//! (`GET profiles/{guid}/groups`, as for the profile screens, see [`super::entities`]). UEM's
//! groups hold users, not devices; the overview lists no members call, so a group's users are
//! read with `GET groups/{groupGuid}/users` (**beyond the document**, as real UEM clients call
//! it; `users` media type) and its page lists them ([`GroupCaps::members_are_users`]).

use super::{get, ApiClient, ApiError};
use crate::backend::certificates::not_offered;
use crate::backend::devices::Progress;
use crate::backend::groups::{GroupApi, GroupCaps};
use crate::domain::device::Device;
use crate::domain::group::{Group, GroupFields};
use crate::domain::user::{User, UserSource};
use crate::url::encode_path_segment;
use std::collections::BTreeMap;
use std::sync::Arc;
use wire::uem::directory::{Groups, Profile, Profiles, User as WireUser, Users};
use wire::uem::media;

const CAPS: GroupCaps = GroupCaps {
    fields: GroupFields {
        counts: false,
        definition: None,
        kinds: false,
        system: false,
        numbers: false,
        profiles: true,
        members: true,
    },
    one: "group",
    many: "groups",
    members_caption: "Users in group",
    ids_are_names: false,
    name_search: false,
    members_are_users: true,
};

/// A member as the portal's user: its id is its username (the screens name users so).
pub fn member(u: &WireUser) -> User {
    let username = u.username.clone().unwrap_or_else(|| u.guid.clone());
    User {
        id: username.clone(),
        username,
        display_name: u.display_name.clone().unwrap_or_default(),
        first_name: u.first_name.clone().unwrap_or_default(),
        last_name: u.last_name.clone().unwrap_or_default(),
        email: u.email_address.clone().unwrap_or_default(),
        enabled: true,
        source: match u.source.as_deref() {
            Some(s) if s.eq_ignore_ascii_case("DIRECTORY") => UserSource::Ldap,
            Some(s) if s.eq_ignore_ascii_case("LOCAL") => UserSource::Local,
            _ => UserSource::Other,
        },
        uuid: u.guid.clone(),
        ..User::default()
    }
}

/// The groups of `GET groups`, each with the names of the profiles whose groups name it (in the
/// order of the profiles, each once).
pub fn with_profiles(groups: Groups, assigned: &[(Profile, Groups)]) -> Vec<Group> {
    let mut by_group: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (profile, groups) in assigned {
        let name = profile.name.clone().unwrap_or_else(|| profile.guid.clone());
        for g in &groups.groups {
            let names = by_group.entry(g.guid.as_str()).or_default();
            if !names.contains(&name) {
                names.push(name.clone());
            }
        }
    }
    groups
        .groups
        .iter()
        .map(|g| Group {
            id: g.guid.clone(),
            name: g.name.clone().unwrap_or_else(|| g.guid.clone()),
            description: g.description.clone().unwrap_or_default(),
            profiles: by_group.remove(g.guid.as_str()).unwrap_or_default(),
            ..Group::named("")
        })
        .collect()
}

/// UEM's groups.
pub struct UemGroups {
    api: ApiClient,
}

impl UemGroups {
    pub fn new(api: ApiClient) -> UemGroups {
        UemGroups { api }
    }

    /// A profile's groups; none for a profile that cannot be queried as one (a user
    /// certificate's: "can't be queried as a profile").
    async fn groups_of(&self, profile: &Profile) -> Result<Groups, ApiError> {
        let path = format!("/profiles/{}/groups", encode_path_segment(&profile.guid));
        match get(&self.api, &path, media::GROUPS).await {
            Err(e) if e.is_not_found() => Ok(Groups::default()),
            other => other,
        }
    }
}

#[async_trait::async_trait(?Send)]
impl GroupApi for UemGroups {
    fn caps(&self) -> &GroupCaps {
        &CAPS
    }

    async fn list(&self) -> Result<Arc<Vec<Group>>, ApiError> {
        let (groups, profiles) = futures::join!(
            get::<Groups>(&self.api, "/groups", media::GROUPS),
            get::<Profiles>(&self.api, "/profiles", media::PROFILES),
        );
        let (groups, profiles) = (groups?, profiles?.profiles);
        let of_each = futures::future::join_all(profiles.iter().map(|p| self.groups_of(p))).await;
        let assigned = profiles
            .into_iter()
            .zip(of_each)
            .map(|(p, g)| g.map(|g| (p, g)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Arc::new(with_profiles(groups, &assigned)))
    }

    async fn get(&self, id: &str) -> Result<Group, ApiError> {
        self.list()
            .await?
            .iter()
            .find(|g| g.id == id)
            .cloned()
            .ok_or_else(|| ApiError::not_found(format!("There is no group {id}.")))
    }

    async fn members(
        &self,
        _id: &str,
        _progress: &dyn Progress<Device>,
    ) -> Result<Arc<Vec<Device>>, ApiError> {
        Err(not_offered())
    }

    async fn users(&self, id: &str) -> Result<Arc<Vec<User>>, ApiError> {
        let path = format!("/groups/{}/users", encode_path_segment(id));
        let found: Users = get(&self.api, &path, media::USERS).await?;
        Ok(Arc::new(found.users.iter().map(member).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_group_lists_the_profiles_assigned_to_it() {
        // Overview, "Request all Groups" and "Assign a Profile to a Group".
        let groups: Groups = serde_json::from_value(json!({"groups": [
            {"guid": "g1", "name": "Wi-Fi users", "description": "Wi-Fi", "memberCount": 3},
            {"guid": "g2", "name": "Engineering"},
            {"guid": "g3"}
        ]}))
        .unwrap();
        let profile = |guid: &str, name: Option<&str>| Profile {
            guid: guid.into(),
            name: name.map(String::from),
            ..Profile::default()
        };
        let on = |ids: &[&str]| Groups::assignment(ids.iter().copied());
        let assigned = vec![
            (
                profile("p1", Some("Corporate Wi-Fi credential")),
                on(&["g1"]),
            ),
            (profile("p2", Some("Corporate SCEP")), on(&["g2", "g1"])),
            (profile("p3", None), on(&["g2", "g9"])),
        ];
        let list = with_profiles(groups, &assigned);
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].name, "Wi-Fi users");
        assert_eq!(list[0].description, "Wi-Fi");
        assert_eq!(
            list[0].profiles,
            ["Corporate Wi-Fi credential", "Corporate SCEP"]
        );
        assert_eq!(list[1].profiles, ["Corporate SCEP", "p3"]);
        // A group without a name shows its GUID; none assigned: none listed.
        assert_eq!((list[2].id.as_str(), list[2].name.as_str()), ("g3", "g3"));
        assert!(list[2].profiles.is_empty());
        const { assert!(CAPS.fields.members && CAPS.fields.profiles && CAPS.members_are_users) };
    }

    #[test]
    fn a_member_is_a_user_named_by_username() {
        // `groups/{guid}/users` (beyond the document) answers the `users` shape.
        let found: Users = serde_json::from_value(json!({"users": [
            {"guid": "u1", "username": "jdoe", "displayName": "Joe Doe", "firstName": "Joe",
             "lastName": "Doe", "emailAddress": "jdoe@example.com", "source": "LOCAL"},
            {"guid": "u2", "source": "DIRECTORY"}
        ]}))
        .unwrap();
        let a = member(&found.users[0]);
        assert_eq!((a.id.as_str(), a.username.as_str()), ("jdoe", "jdoe"));
        assert_eq!(
            (a.name().as_str(), a.email.as_str()),
            ("Joe Doe", "jdoe@example.com")
        );
        assert_eq!((a.uuid.as_str(), a.source), ("u1", UserSource::Local));
        let b = member(&found.users[1]);
        assert_eq!((b.id.as_str(), b.source), ("u2", UserSource::Ldap));
    }
}
