//! Profiles on a device: the policies and configurations the server has pushed to it.

use crate::ui::table::engine::{CellKind, Column, SortKey};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileKind {
    Policy,
    Configuration,
}

impl ProfileKind {
    pub fn label(self) -> &'static str {
        match self {
            ProfileKind::Policy => "Policy",
            ProfileKind::Configuration => "Configuration",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub id: i64,
    pub name: String,
    pub kind: Option<ProfileKind>,
    /// What it configures (`SECURITY`, `PRIVACY`, `WIFI`, ...).
    pub category: String,
    pub status: String,
    pub last_updated: Option<i64>,
}

pub fn profile_columns() -> Vec<Column<Profile>> {
    vec![
        Column::new("name", "Name", |p: &Profile| p.name.trim().to_string()),
        Column::new("kind", "Kind", |p: &Profile| {
            p.kind.map(|k| k.label()).unwrap_or("Other").to_string()
        }),
        Column::new("category", "Type", |p: &Profile| p.category.clone()),
        Column::new("status", "Status", |p: &Profile| p.status.clone()).kind(CellKind::Badge),
        Column::new("updated", "Last updated", |p: &Profile| {
            p.last_updated
                .map(crate::dates::format_short)
                .unwrap_or_default()
        })
        .at(|p: &Profile| p.last_updated),
        Column::new("id", "ID", |p: &Profile| p.id.to_string())
            .sort_by(|p: &Profile| SortKey::Int(p.id))
            .kind(CellKind::Number)
            .hidden(),
    ]
}
