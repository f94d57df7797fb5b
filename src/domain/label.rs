//! The portal's label model: a named group of devices.

use crate::ui::table::engine::{CellKind, Column, SortKey};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelKind {
    /// Members are assigned by hand.
    Static,
    /// Members match a query.
    Dynamic,
}

impl LabelKind {
    pub fn label(&self) -> &'static str {
        match self {
            LabelKind::Static => "Static",
            LabelKind::Dynamic => "Dynamic",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub kind: LabelKind,
    pub query: String,
    pub device_count: i64,
    /// Built in to the server (cannot be deleted).
    pub system: bool,
}

/// Route of a label's member list.
pub fn label_href(l: &Label) -> String {
    format!("/labels/{}", crate::url::encode_path_segment(&l.name))
}

pub fn label_columns() -> Vec<Column<Label>> {
    vec![
        Column::new("name", "Name", |l: &Label| l.name.clone()).link(label_href),
        Column::new("description", "Description", |l: &Label| {
            l.description.clone()
        }),
        Column::new("kind", "Type", |l: &Label| l.kind.label().to_string()).kind(CellKind::Badge),
        Column::new("query", "Query", |l: &Label| l.query.clone()).kind(CellKind::Code),
        Column::new("devices", "Devices", |l: &Label| l.device_count.to_string())
            .sort_by(|l: &Label| SortKey::Int(l.device_count))
            .kind(CellKind::Number),
        Column::new("id", "ID", |l: &Label| l.id.to_string())
            .sort_by(|l: &Label| SortKey::Int(l.id))
            .kind(CellKind::Number)
            .hidden(),
    ]
}
