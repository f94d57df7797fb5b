//! The app catalog: the apps a server offers to install, per platform.

use crate::ui::table::engine::{CellKind, Column};

/// One app of the catalog, on one platform.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogApp {
    pub name: String,
    /// The platform in words (`iOS`, `macOS`, `Android`, `Windows`, `Web apps`).
    pub platform: String,
    pub version: String,
    /// Bundle or package identifier.
    pub identifier: String,
    /// In-house apps: their build number.
    pub build: String,
    /// When it was added (epoch ms).
    pub created: Option<i64>,
}

/// The catalog's filters, as the URL keeps them (`platform`, `name`, `identifier`): the server's
/// platform key (empty: every platform), the start of the name, an exact identifier.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogQuery {
    pub platform: String,
    pub name_prefix: String,
    pub identifier: String,
}

pub fn catalog_columns() -> Vec<Column<CatalogApp>> {
    vec![
        Column::new("name", "Name", |a: &CatalogApp| a.name.clone()),
        Column::new("platform", "Platform", |a: &CatalogApp| a.platform.clone()),
        Column::new("version", "Version", |a: &CatalogApp| a.version.clone()),
        Column::new("identifier", "Identifier", |a: &CatalogApp| {
            a.identifier.clone()
        })
        .kind(CellKind::Code),
        Column::new("build", "Build", |a: &CatalogApp| a.build.clone()).hidden(),
        Column::new("created", "Added", |a: &CatalogApp| {
            a.created
                .map(crate::dates::format_short)
                .unwrap_or_default()
        })
        .at(|a| a.created),
    ]
}
