//! The portal's device groups: EPMM's labels, CPS's rules (device groups), UEM's groups. A group
//! is addressed by an opaque id (an EPMM label's id is its name, so `/labels/{name}` URLs hold).

use crate::domain::user::User;
use crate::ui::table::engine::{CellKind, Column, SortKey};

/// How a group gets its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// Members are assigned by hand.
    Static,
    /// Members match the group's definition.
    Dynamic,
}

impl GroupKind {
    pub fn label(self) -> &'static str {
        match self {
            GroupKind::Static => "Static",
            GroupKind::Dynamic => "Dynamic",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Opaque; what the routes and the server calls use.
    pub id: String,
    pub name: String,
    pub description: String,
    /// Where the server says.
    pub kind: Option<GroupKind>,
    /// The criteria of a dynamic group, as the server writes them (an EPMM label query, a CPS
    /// rule definition); empty when it has none.
    pub definition: String,
    /// The number of members, where the server gives it with the list.
    pub member_count: Option<i64>,
    /// Built in to the server (cannot be deleted).
    pub system: bool,
    /// The server's number for the group besides its id (EPMM's label id), where it has one.
    pub number: Option<i64>,
    /// The names of the profiles assigned to it, where the server lists them
    /// ([`GroupFields::profiles`]; UEM: "Assign a Profile to a Group").
    pub profiles: Vec<String>,
}

impl Group {
    /// A group with only an id and a name (the id).
    pub fn named(name: &str) -> Group {
        Group {
            id: name.to_string(),
            name: name.to_string(),
            description: String::new(),
            kind: None,
            definition: String::new(),
            member_count: None,
            system: false,
            number: None,
            profiles: Vec::new(),
        }
    }
}

/// A group something is assigned to (a policy, an app setting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRef {
    pub id: String,
    pub name: String,
}

impl GroupRef {
    /// A reference to a group whose id is its name (EPMM labels).
    pub fn named(name: &str) -> GroupRef {
        GroupRef {
            id: name.to_string(),
            name: name.to_string(),
        }
    }
}

/// The names of groups, joined for a list cell.
pub fn group_names(groups: &[GroupRef]) -> String {
    groups
        .iter()
        .map(|g| g.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a server's groups carry besides a name: the groups list shows these columns only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupFields {
    /// Member counts come with the list.
    pub counts: bool,
    /// The title of the definition column (EPMM "Query", CPS "Definition"), when groups have one.
    pub definition: Option<&'static str>,
    /// Static vs dynamic.
    pub kinds: bool,
    /// Built-in groups are marked.
    pub system: bool,
    /// Groups have a number besides their id (a hidden column).
    pub numbers: bool,
    /// The profiles assigned to each group (a column).
    pub profiles: bool,
    /// A group's member devices can be listed: its name leads there.
    pub members: bool,
}

/// Route of a group's member list.
pub fn group_href(g: &Group) -> String {
    crate::routes::group(&g.id)
}

/// The columns of a group's users ([`crate::backend::GroupCaps::members_are_users`]); `href`
/// leads to a user's page where the portal has one.
pub fn member_user_columns(href: Option<fn(&User) -> String>) -> Vec<Column<User>> {
    let username = Column::new("username", "Username", |u: &User| u.username.clone());
    vec![
        match href {
            Some(h) => username.link(h),
            None => username,
        },
        Column::new("name", "Name", |u: &User| u.name()),
        Column::new("email", "Email", |u: &User| u.email.clone()),
        Column::new("source", "Source", |u: &User| u.source.label().to_string()),
    ]
}

/// The groups list's columns for a server's [`GroupFields`].
pub fn group_columns(f: &GroupFields) -> Vec<Column<Group>> {
    let name = Column::new("name", "Name", |g: &Group| g.name.clone());
    let mut cols = vec![
        if f.members {
            name.link(group_href)
        } else {
            name
        },
        Column::new("description", "Description", |g: &Group| {
            g.description.clone()
        }),
    ];
    if f.kinds {
        cols.push(
            Column::new("kind", "Type", |g: &Group| {
                g.kind.map(GroupKind::label).unwrap_or_default().to_string()
            })
            .kind(CellKind::Badge),
        );
    }
    if let Some(title) = f.definition {
        cols.push(
            Column::new("query", title, |g: &Group| g.definition.clone()).kind(CellKind::Code),
        );
    }
    if f.profiles {
        cols.push(Column::new("profiles", "Profiles", |g: &Group| {
            g.profiles.join(", ")
        }));
    }
    if f.counts {
        cols.push(
            Column::new("devices", "Devices", |g: &Group| {
                g.member_count.map(|n| n.to_string()).unwrap_or_default()
            })
            .sort_by(|g: &Group| SortKey::opt_int(g.member_count))
            .kind(CellKind::Number),
        );
    }
    if f.system {
        cols.push(
            Column::new("system", "Built in", |g: &Group| {
                if g.system { "Yes" } else { "No" }.to_string()
            })
            .kind(CellKind::Badge)
            .hidden(),
        );
    }
    if f.numbers {
        cols.push(
            Column::new("id", "ID", |g: &Group| {
                g.number.map(|n| n.to_string()).unwrap_or_default()
            })
            .sort_by(|g: &Group| SortKey::opt_int(g.number))
            .kind(CellKind::Number)
            .hidden(),
        );
    }
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: GroupFields = GroupFields {
        counts: true,
        definition: Some("Query"),
        kinds: true,
        system: true,
        numbers: true,
        profiles: false,
        members: true,
    };

    fn titles(f: &GroupFields, visible: bool) -> Vec<&'static str> {
        group_columns(f)
            .iter()
            .filter(|c| c.default_visible || !visible)
            .map(|c| c.title)
            .collect()
    }

    #[test]
    fn a_groups_users_link_to_a_users_page_where_there_is_one() {
        let u = User {
            username: "jdoe".into(),
            display_name: "Joe Doe".into(),
            email: "jdoe@example.com".into(),
            ..User::default()
        };
        let href: fn(&User) -> String = |u| format!("/u/{}", u.username);
        let cols = member_user_columns(Some(href));
        let titles: Vec<&str> = cols.iter().map(|c| c.title).collect();
        assert_eq!(titles, ["Username", "Name", "Email", "Source"]);
        assert_eq!(cols[0].href.map(|h| h(&u)).as_deref(), Some("/u/jdoe"));
        assert_eq!((cols[1].text)(&u), "Joe Doe");
        assert!(member_user_columns(None)[0].href.is_none());
    }

    #[test]
    fn columns_follow_what_the_server_has() {
        assert_eq!(
            titles(&ALL, true),
            ["Name", "Description", "Type", "Query", "Devices"]
        );
        assert_eq!(
            titles(&ALL, false),
            [
                "Name",
                "Description",
                "Type",
                "Query",
                "Devices",
                "Built in",
                "ID"
            ]
        );
        // CPS rules: a definition, no kinds, counts by a separate call, no second number.
        let cps = GroupFields {
            counts: false,
            definition: Some("Definition"),
            kinds: false,
            system: false,
            numbers: false,
            profiles: false,
            members: true,
        };
        assert_eq!(titles(&cps, false), ["Name", "Description", "Definition"]);
        // UEM groups: the profiles assigned to each, no member devices to open.
        let uem = GroupFields {
            definition: None,
            profiles: true,
            members: false,
            ..cps
        };
        assert_eq!(titles(&uem, false), ["Name", "Description", "Profiles"]);
        let g = Group {
            profiles: vec!["Wi-Fi".into(), "Compliance".into()],
            ..Group::named("Engineering")
        };
        let cols = group_columns(&uem);
        assert_eq!((cols[2].text)(&g), "Wi-Fi, Compliance");
        assert!(cols[0].href.is_none());
        assert!(group_columns(&cps)[0].href.is_some());
    }

    #[test]
    fn links_use_the_opaque_id_and_unknowns_stay_blank() {
        let g = Group::named("Pilot Group");
        assert_eq!(group_href(&g), "/labels/Pilot%20Group");
        let cols = group_columns(&ALL);
        let cell = |id: &str| (cols.iter().find(|c| c.id == id).unwrap().text)(&g);
        assert_eq!(
            (cell("kind"), cell("devices"), cell("id")),
            ("".into(), "".into(), "".into())
        );
        assert_eq!(
            group_names(&[GroupRef::named("A"), GroupRef::named("B")]),
            "A, B"
        );
    }
}
