//! Users (CPS guide, "User APIs") behind the portal's [`UserApi`]:
//!
//! - **Search by email prefix**: `GET /user?uid=` ("uid = prefix of the email address", CPS
//!   guide, "Search users by user id"), walked to the end with `GET /user/count?uid=` as the total.
//! - **One user**: a user's id in the portal is its `guid` (the `userUuid` where an answer has no
//!   `guid`), read back with `GET /user?guid=…&fields=ldapStandardAttributes` ("Search users by
//!   GUID").
//! - **Find one user** (the exact search): a GUID is looked up as such; any other text is searched
//!   as an email prefix and the user whose email address or user name is the text, without
//!   regard to case, is the one.
//! - **Attributes**: custom attributes as the server names them; the directory attributes are the
//!   LDAP standard attributes and the LDAP custom attributes together, their keys compared
//!   without regard to case ("Limitations", AW-23186: Ivanti Neurons for MDM spells them in
//!   lower case, Ivanti EPMM in camelCase), the first spelling kept.
//! - **A user's devices**: CPS has no device search by user, so every device is walked and those
//!   whose `userUuid` is the user's are kept.
//! - **Custom attributes**: those `GET /user/$metadata` lists besides the "User" object model's
//!   properties ("Get user attributes metadata": `ios` and `site` are `"readOnly": false`), each
//!   typed by its `dataType`; the writable ones are written with `POST /user` ("Update user
//!   attributes": the identifiers are user UUIDs, `{"result": n}` the users updated; 0 means the
//!   server knows no such user or wrote none of the keys, which the admin is told).
//! - No roles and no password change: CPS has neither.

use super::details::{attribute_fields, attribute_values};
use super::devices::CpsDevices;
use super::{count, walk_search, CpsClient};
use crate::backend::devices::{not_offered, Quiet};
use crate::backend::users::{SearchCaps, UserApi, UserCaps, UserQuery, UserSearch};
use crate::backend::ApiError;
use crate::domain::attributes::{AttributeChange, AttributeField};
use crate::domain::device::Device;
use crate::domain::user::{User, UserKey, UserSource};
use crate::url::query_string;
use std::collections::BTreeMap;
use std::sync::Arc;
use wire::cps::{
    self, AccountSource, IdentifierRequest, MetadataItem, NumberResult, SearchResults,
    UpdateAttributesRequest,
};

const CAPS: UserCaps = UserCaps {
    searches: &[
        SearchCaps {
            kind: UserSearch::Exact,
            min_chars: 1,
        },
        SearchCaps {
            kind: UserSearch::EmailPrefix,
            min_chars: 1,
        },
    ],
    // The email address or the user name (searched as an email prefix, then matched), or the
    // GUID ("Search users by GUID").
    find_by: &[UserKey::Email, UserKey::Username, UserKey::Guid],
    roles: false,
    password: None,
    attributes: true,
};

/// The properties of the guide's "User" object model (and the `guid` its examples show): what
/// `/user/$metadata` lists besides the custom attributes.
const USER_PROPERTIES: &[&str] = &[
    "enabled",
    "createdAt",
    "accountSource",
    "displayName",
    "emailAddress",
    "firstName",
    "lastName",
    "userId",
    "userUuid",
    "guid",
    "customAttributes",
    "ldapCustomAttributes",
    "ldapStandardAttributes",
];

/// CPS's users.
pub struct CpsUsers {
    api: CpsClient,
    devices: Arc<CpsDevices>,
}

impl CpsUsers {
    pub fn new(api: CpsClient, devices: Arc<CpsDevices>) -> Self {
        CpsUsers { api, devices }
    }

    /// Every user whose email starts with `prefix`.
    async fn by_email_prefix(&self, prefix: &str) -> Result<Vec<User>, ApiError> {
        let q = query_string([("uid", prefix)]);
        let total: NumberResult = self.api.get(&format!("/user/count?{q}")).await?;
        walk_search(
            &self.api,
            "/user",
            &[("uid", prefix), ("fields", "ldapStandardAttributes")],
            Some(count(total)),
            map_user,
            &Quiet,
        )
        .await
    }

    /// The user with this GUID, if any.
    async fn by_guid(&self, guid: &str) -> Result<Option<User>, ApiError> {
        let q = query_string([("guid", guid), ("fields", "ldapStandardAttributes")]);
        let page: SearchResults<cps::User> = self.api.get(&format!("/user?{q}")).await?;
        Ok(page.search_results.into_iter().next().map(map_user))
    }
}

/// A GUID (`8-4-4-4-12` hexadecimal digits), as the user search by GUID takes.
fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Keys compared without regard to case; the first spelling and value kept.
fn merge_ci<'a>(
    maps: impl IntoIterator<Item = &'a BTreeMap<String, String>>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (k, v) in maps.into_iter().flatten() {
        if !out.iter().any(|(o, _)| o.eq_ignore_ascii_case(k)) {
            out.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    out
}

/// Maps a CPS user into the portal's (CPS guide, "User"). Sparse: absent texts are blank; an
/// absent `enabled` is an enabled account (the portal does not show an account as disabled
/// without the server saying so).
pub fn map_user(u: cps::User) -> User {
    let text = |v: &Option<String>| v.as_deref().unwrap_or_default().trim().to_string();
    let uuid = text(&u.user_uuid);
    let guid = text(&u.guid);
    let username = text(&u.user_id);
    let id = [&guid, &uuid, &username]
        .into_iter()
        .find(|s| !s.is_empty())
        .cloned()
        .unwrap_or_default();
    let empty = BTreeMap::new();
    User {
        id,
        display_name: text(&u.display_name),
        first_name: text(&u.first_name),
        last_name: text(&u.last_name),
        email: text(&u.email_address),
        enabled: u.enabled != Some(false),
        source: match u.account_source {
            Some(AccountSource::Local) => UserSource::Local,
            Some(AccountSource::Ldap) => UserSource::Ldap,
            _ => UserSource::Other,
        },
        uuid,
        created: u.created_at,
        last_admin_login: None,
        roles: Vec::new(),
        custom_attributes: merge_ci([u.custom_attributes.as_ref().unwrap_or(&empty)]),
        directory_attributes: merge_ci([
            u.ldap_standard_attributes.as_ref().unwrap_or(&empty),
            u.ldap_custom_attributes.as_ref().unwrap_or(&empty),
        ]),
        username,
    }
}

/// "Update user attributes" for one user, by its `userUuid`.
fn update_request(
    user: &User,
    changes: &[AttributeChange],
) -> Result<UpdateAttributesRequest, ApiError> {
    if user.uuid.trim().is_empty() {
        return Err(ApiError::rejected(
            0,
            "This user has no UUID on the server, so its attributes cannot be written.",
        ));
    }
    Ok(UpdateAttributesRequest {
        target: IdentifierRequest::mdm([user.uuid.trim()]),
        attributes: attribute_values(changes),
    })
}

/// The one user an exact search means: email address or user name equal to `text`, without
/// regard to case.
fn exact(found: Vec<User>, text: &str) -> Vec<User> {
    found
        .into_iter()
        .filter(|u| u.email.eq_ignore_ascii_case(text) || u.username.eq_ignore_ascii_case(text))
        .take(1)
        .collect()
}

#[async_trait::async_trait(?Send)]
impl UserApi for CpsUsers {
    fn caps(&self) -> &UserCaps {
        &CAPS
    }

    async fn search(&self, query: &UserQuery) -> Result<Arc<Vec<User>>, ApiError> {
        let text = query.text.trim();
        if text.is_empty() {
            return Err(ApiError::rejected(0, "Type the start of an email address."));
        }
        let found = match query.kind {
            UserSearch::Exact if is_guid(text) => self.by_guid(text).await?.into_iter().collect(),
            UserSearch::Exact => exact(self.by_email_prefix(text).await?, text),
            UserSearch::EmailPrefix => self.by_email_prefix(text).await?,
            UserSearch::DirectoryPrefix => return Err(not_offered("a directory search")),
        };
        Ok(Arc::new(found))
    }

    async fn get(&self, id: &str) -> Result<User, ApiError> {
        self.by_guid(id.trim())
            .await?
            .ok_or_else(|| ApiError::not_found(format!("There is no user with GUID {id}.")))
    }

    async fn devices(&self, id: &str) -> Result<Arc<Vec<Device>>, ApiError> {
        let user = self.get(id).await?;
        if user.uuid.is_empty() {
            return Ok(Arc::default());
        }
        let all = self.devices.search(&[], &Quiet).await?;
        Ok(Arc::new(
            all.iter()
                .filter(|d| d.user_id.eq_ignore_ascii_case(&user.uuid))
                .cloned()
                .collect(),
        ))
    }

    async fn attribute_fields(&self) -> Result<Vec<AttributeField>, ApiError> {
        let items: Vec<MetadataItem> = self.api.get("/user/$metadata").await?;
        Ok(attribute_fields(items, USER_PROPERTIES))
    }

    async fn set_attributes(
        &self,
        user: &User,
        changes: &[AttributeChange],
    ) -> Result<String, ApiError> {
        let req = update_request(user, changes)?;
        let n: NumberResult = self.api.post("/user", &req).await?;
        if count(n) == 0 {
            return Err(ApiError::rejected(
                0,
                "The server updated no user: it does not know this user's UUID, or none of these attributes can be written.",
            ));
        }
        Ok(format!(
            "{} saved for {}.",
            crate::domain::bulk::plural(changes.len(), "attribute", "attributes"),
            user.name()
        ))
    }

    async fn change_password(
        &self,
        _id: &str,
        _current: Option<&str>,
        _new: &str,
    ) -> Result<String, ApiError> {
        Err(not_offered("password changes"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attributes::{AttributeKind, AttributeValue};

    #[test]
    fn search_users_by_guid_example_with_ldap_keys_of_either_spelling() {
        // CPS guide, "Search users by GUID", and "Limitations" (AW-23186): the products spell
        // the LDAP keys differently; the same key in two spellings shows once.
        let u: cps::User = serde_json::from_str(
            r#"{"enabled": true, "createdAt": 1537212350000, "accountSource": "LDAP",
                "displayName": "Test User", "emailAddress": "tuser@example.com",
                "firstName": "Test", "lastName": "User", "userId": "tuser",
                "userUuid": "7b2a44c2-3f0e-4f7c-9a55-0f8a1a2b3c4d",
                "guid": "7b2a44c2-3f0e-4f7c-9a55-0f8a1a2b3c4d",
                "customAttributes": {"site": "Berlin"},
                "ldapCustomAttributes": {"employeeid": "E-1", "Department": "IT"},
                "ldapStandardAttributes": {"userPrincipalName": "tuser@corp",
                    "samAccountName": "tuser", "distinguishedName": "CN=Test User,DC=corp",
                    "department": "IT"}}"#,
        )
        .unwrap();
        let m = map_user(u);
        assert_eq!(m.id, "7b2a44c2-3f0e-4f7c-9a55-0f8a1a2b3c4d");
        assert_eq!(
            (m.username.as_str(), m.email.as_str(), m.name().as_str()),
            ("tuser", "tuser@example.com", "Test User")
        );
        assert_eq!(m.source, UserSource::Ldap);
        assert!(m.enabled);
        assert_eq!(m.created, Some(1_537_212_350_000));
        assert_eq!(m.custom_attributes, [("site".into(), "Berlin".into())]);
        let keys: Vec<&str> = m
            .directory_attributes
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(
            keys,
            [
                "department",
                "distinguishedName",
                "samAccountName",
                "userPrincipalName",
                "employeeid"
            ]
        );
    }

    #[test]
    fn sparse_users_and_ids() {
        // "API calls only return properties that have a value" (CPS guide, "Pulling data").
        let m = map_user(
            serde_json::from_str(r#"{"userUuid": "u-1", "accountSource": "LOCAL"}"#).unwrap(),
        );
        assert_eq!((m.id.as_str(), m.uuid.as_str()), ("u-1", "u-1"));
        assert_eq!(m.source, UserSource::Local);
        assert!(m.enabled && m.email.is_empty() && m.directory_attributes.is_empty());
        let off = map_user(serde_json::from_str(r#"{"userId": "x", "enabled": false}"#).unwrap());
        assert_eq!((off.id.as_str(), off.enabled), ("x", false));
    }

    #[test]
    fn exact_search_takes_a_guid_or_the_one_email_or_user_name() {
        assert!(is_guid("7b2a44c2-3f0e-4f7c-9a55-0f8a1a2b3c4d"));
        assert!(!is_guid("jdoe@example.com") && !is_guid("7b2a44c2-3f0e-4f7c-9a55"));
        let user = |name: &str, email: &str| User {
            username: name.into(),
            email: email.into(),
            ..Default::default()
        };
        let found = vec![
            user("jdoe2", "jdoe2@example.com"),
            user("jdoe", "JDoe@Example.com"),
        ];
        assert_eq!(exact(found.clone(), "jdoe@example.com")[0].username, "jdoe");
        assert_eq!(exact(found.clone(), "JDOE2")[0].username, "jdoe2");
        assert!(exact(found, "jdo").is_empty());
        assert_eq!(CAPS.searches[1].kind, UserSearch::EmailPrefix);
        const { assert!(CAPS.attributes) };
        assert!(CAPS.password.is_none() && !CAPS.roles);
    }

    #[test]
    fn get_user_attributes_metadata_writable_custom_attributes() {
        // CPS guide, "Get user attributes metadata": the model's properties are read-only and
        // not custom attributes; `ios` and `site` are writable strings.
        let items: Vec<MetadataItem> = serde_json::from_str(
            r#"[{"name": "enabled", "dataType": "boolean", "readOnly": true},
                {"name": "createdAt", "dataType": "long", "readOnly": true},
                {"name": "accountSource", "dataType": "string", "readOnly": true},
                {"name": "userUuid", "dataType": "string", "readOnly": true},
                {"name": "customAttributes", "dataType": "map", "readOnly": true},
                {"name": "ldapStandardAttributes", "dataType": "map", "readOnly": true},
                {"name": "ios", "dataType": "string", "readOnly": false},
                {"name": "site", "dataType": "string", "readOnly": false},
                {"name": "contractor", "dataType": "boolean", "readOnly": false},
                {"name": "accessExpires", "dataType": "long", "readOnly": false},
                {"name": "badge", "dataType": "string"}]"#,
        )
        .unwrap();
        let f = attribute_fields(items, USER_PROPERTIES);
        let got: Vec<(&str, AttributeKind, bool)> = f
            .iter()
            .map(|a| (a.name.as_str(), a.kind, a.writable))
            .collect();
        assert_eq!(
            got,
            [
                ("ios", AttributeKind::Text, true),
                ("site", AttributeKind::Text, true),
                ("contractor", AttributeKind::Boolean, true),
                ("accessExpires", AttributeKind::Date, true),
                ("badge", AttributeKind::Text, false),
            ]
        );
    }

    #[test]
    fn update_user_attributes_by_the_user_uuid() {
        // CPS guide, "Update user attributes": identifiers and attributes; null clears.
        let user = User {
            uuid: "7b2a44c2-3f0e-4f7c-9a55-0f8a1a2b3c4d".into(),
            ..Default::default()
        };
        let req = update_request(
            &user,
            &[
                ("site".into(), Some(AttributeValue::Text("Lisbon".into()))),
                ("contractor".into(), Some(AttributeValue::Boolean(true))),
                ("ios".into(), None),
            ],
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            serde_json::json!({
                "identifiers": ["7b2a44c2-3f0e-4f7c-9a55-0f8a1a2b3c4d"],
                "attributes": {"site": "Lisbon", "contractor": true, "ios": null}
            })
        );
        // A user without a UUID cannot be addressed.
        assert!(update_request(&User::default(), &[]).is_err());
    }
}
