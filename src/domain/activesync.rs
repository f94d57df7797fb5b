//! ActiveSync (Exchange) associations: the devices that reach mail through ActiveSync, in groups
//! (registered/unregistered × allowed/blocked, and wiped), and the admin's actions on them.

use crate::ui::table::engine::{CellKind, Column};
use std::str::FromStr;

/// The groups associations are listed in: registered with the MDM server or not, mail allowed or
/// blocked, and wiped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EasGroup {
    RegisteredAllowed,
    RegisteredBlocked,
    UnregisteredAllowed,
    UnregisteredBlocked,
    Wiped,
}

impl EasGroup {
    pub const ALL: [EasGroup; 5] = [
        EasGroup::RegisteredAllowed,
        EasGroup::RegisteredBlocked,
        EasGroup::UnregisteredAllowed,
        EasGroup::UnregisteredBlocked,
        EasGroup::Wiped,
    ];
    /// URL key (`group=registered-blocked`).
    pub fn key(self) -> &'static str {
        match self {
            EasGroup::RegisteredAllowed => "registered-allowed",
            EasGroup::RegisteredBlocked => "registered-blocked",
            EasGroup::UnregisteredAllowed => "unregistered-allowed",
            EasGroup::UnregisteredBlocked => "unregistered-blocked",
            EasGroup::Wiped => "wiped",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            EasGroup::RegisteredAllowed => "Registered, allowed",
            EasGroup::RegisteredBlocked => "Registered, blocked",
            EasGroup::UnregisteredAllowed => "Unregistered, allowed",
            EasGroup::UnregisteredBlocked => "Unregistered, blocked",
            EasGroup::Wiped => "Wiped",
        }
    }
    pub fn access(self) -> Access {
        match self {
            EasGroup::RegisteredAllowed | EasGroup::UnregisteredAllowed => Access::Allowed,
            EasGroup::RegisteredBlocked | EasGroup::UnregisteredBlocked => Access::Blocked,
            EasGroup::Wiped => Access::Wiped,
        }
    }
}

impl FromStr for EasGroup {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        EasGroup::ALL
            .into_iter()
            .find(|g| g.key().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}

/// Mail access of an association.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    Allowed,
    Blocked,
    Wiped,
}

impl Access {
    pub fn label(self) -> &'static str {
        match self {
            Access::Allowed => "Allowed",
            Access::Blocked => "Blocked",
            Access::Wiped => "Wiped",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EasAssociation {
    /// The server's identifier of the association: opaque, used in routes and requests.
    pub id: String,
    pub group: Option<EasGroup>,
    pub user: String,
    /// The user's id (empty when the association names no user).
    pub user_id: String,
    pub mailbox: String,
    pub domain: String,
    pub device_id: String,
    pub phone: String,
    pub model: String,
    pub platform: String,
    /// `Registered` / `Unregistered` as sent.
    pub status: String,
    /// `Allowed` / `Blocked` / `Wiped` as sent.
    pub access_text: String,
    /// Who set the access state: `Exchange`, `Auto`, `Policy`, `Manual`, `Unknown`.
    pub source: String,
    /// Epoch ms.
    pub first_sync: Option<i64>,
    pub last_sync: Option<i64>,
    /// The id of the managed device, for registered associations (empty otherwise).
    pub managed_device: String,
}

impl EasAssociation {
    pub fn group_label(&self) -> &'static str {
        self.group.map_or("", EasGroup::label)
    }
    pub fn access(&self) -> Option<Access> {
        self.group.map(EasGroup::access)
    }
    pub fn access_label(&self) -> String {
        match self.access() {
            Some(a) => a.label().to_string(),
            None => self.access_text.clone(),
        }
    }
}

fn date_text(ms: Option<i64>) -> String {
    ms.map(crate::dates::format_short).unwrap_or_default()
}

pub fn association_href(a: &EasAssociation) -> String {
    crate::routes::activesync(&a.id)
}

impl EasAssociation {
    /// How the association is named: its ActiveSync device id, or its id when it has none.
    pub fn name(&self) -> String {
        if self.device_id.is_empty() {
            self.id.clone()
        } else {
            self.device_id.clone()
        }
    }
}

pub fn association_columns() -> Vec<Column<EasAssociation>> {
    vec![
        Column::new("device_id", "ActiveSync device", EasAssociation::name).link(association_href),
        Column::new("user", "User", |a: &EasAssociation| a.user.clone()),
        Column::new("group", "Group", |a: &EasAssociation| {
            a.group_label().to_string()
        }),
        Column::new("access", "Access", EasAssociation::access_label).kind(CellKind::Badge),
        Column::new("model", "Model", |a: &EasAssociation| a.model.clone()),
        Column::new("platform", "Platform", |a: &EasAssociation| {
            a.platform.clone()
        }),
        Column::new("last_sync", "Last sync", |a: &EasAssociation| {
            date_text(a.last_sync)
        })
        .at(|a: &EasAssociation| a.last_sync),
        Column::new("source", "Set by", |a: &EasAssociation| a.source.clone()),
        Column::new("phone", "Phone", |a: &EasAssociation| a.phone.clone()).hidden(),
        Column::new("mailbox", "Mailbox", |a: &EasAssociation| a.mailbox.clone()).hidden(),
        Column::new("domain", "Domain", |a: &EasAssociation| a.domain.clone()).hidden(),
        Column::new("first_sync", "First sync", |a: &EasAssociation| {
            date_text(a.first_sync)
        })
        .at(|a: &EasAssociation| a.first_sync)
        .hidden(),
        Column::new("status", "Registration", |a: &EasAssociation| {
            a.status.clone()
        })
        .hidden(),
        Column::new("device_uuid", "Device UUID", |a: &EasAssociation| {
            a.managed_device.clone()
        })
        .kind(CellKind::Code)
        .hidden(),
        Column::new("uuid", "ActiveSync UUID", |a: &EasAssociation| a.id.clone())
            .kind(CellKind::Code)
            .hidden(),
    ]
}

/// What an admin can do to an association.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EasCommand {
    Block,
    /// Allow a blocked device again.
    Allow,
    Wipe,
}

impl EasCommand {
    pub const ALL: [EasCommand; 3] = [EasCommand::Allow, EasCommand::Block, EasCommand::Wipe];
    /// The button text.
    pub fn label(self) -> &'static str {
        match self {
            EasCommand::Block => "Block",
            EasCommand::Allow => "Allow",
            EasCommand::Wipe => "Wipe",
        }
    }
    /// Whether the command changes an association in this state (the server leaves the others
    /// as they are).
    pub fn applies_to(self, access: Option<Access>) -> bool {
        matches!(
            (self, access),
            (EasCommand::Block, Some(Access::Allowed))
                | (EasCommand::Allow, Some(Access::Blocked))
                | (EasCommand::Wipe, Some(Access::Allowed | Access::Blocked))
                | (_, None)
        )
    }
    pub fn danger(self) -> bool {
        !matches!(self, EasCommand::Allow)
    }
    /// What the confirmation says for `n` associations (`what` names one when `n` is 1).
    pub fn confirm_text(self, n: usize, what: &str) -> (String, String) {
        let subject = if n == 1 {
            what.to_string()
        } else {
            format!("{n} ActiveSync devices")
        };
        match self {
            EasCommand::Block => (
                format!("Block {subject}?"),
                "Blocked devices can no longer sync mail, contacts or calendars through Exchange, \
                 and mail already synced is removed from them."
                    .into(),
            ),
            EasCommand::Allow => (
                format!("Allow {subject}?"),
                "The devices can sync through Exchange again.".into(),
            ),
            EasCommand::Wipe => (
                format!("Wipe {subject}?"),
                "Exchange will factory-reset the devices at their next sync: every app and \
                 all data on them are erased. This cannot be undone."
                    .into(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_access() {
        for g in EasGroup::ALL {
            assert_eq!(g.key().parse::<EasGroup>(), Ok(g));
        }
        assert_eq!(EasGroup::UnregisteredBlocked.access(), Access::Blocked);
        assert_eq!(EasGroup::Wiped.label(), "Wiped");
    }

    #[test]
    fn commands_apply_only_where_they_change_something() {
        use Access::*;
        assert!(EasCommand::Block.applies_to(Some(Allowed)));
        assert!(!EasCommand::Block.applies_to(Some(Blocked)));
        assert!(EasCommand::Allow.applies_to(Some(Blocked)));
        assert!(!EasCommand::Allow.applies_to(Some(Wiped)));
        assert!(EasCommand::Wipe.applies_to(Some(Blocked)));
        assert!(!EasCommand::Wipe.applies_to(Some(Wiped)));
        assert!(EasCommand::Wipe.danger() && !EasCommand::Allow.danger());
        let (title, _) = EasCommand::Block.confirm_text(1, "Appl87025CNUA4S");
        assert_eq!(title, "Block Appl87025CNUA4S?");
        let (title, _) = EasCommand::Wipe.confirm_text(3, "x");
        assert_eq!(title, "Wipe 3 ActiveSync devices?");
    }

    #[test]
    fn access_label_falls_back_to_text() {
        let a = EasAssociation {
            access_text: "Quarantined".into(),
            ..Default::default()
        };
        assert_eq!(a.access_label(), "Quarantined");
        let b = EasAssociation {
            group: Some(EasGroup::RegisteredBlocked),
            id: "a b".into(),
            ..Default::default()
        };
        assert_eq!(b.access_label(), "Blocked");
        assert_eq!(association_href(&b), "/activesync/a%20b");
        // Named by its ActiveSync device id, or its id when it has none.
        assert_eq!(b.name(), "a b");
        let c = EasAssociation {
            device_id: "Appl87025CNUA4S".into(),
            ..b
        };
        assert_eq!(c.name(), "Appl87025CNUA4S");
    }
}
