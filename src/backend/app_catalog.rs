//! The app catalog area: the apps a server offers to install, filtered by platform, by the start
//! of their name and by identifier.

use super::devices::Progress;
use super::ApiError;
use crate::domain::app_catalog::{CatalogApp, CatalogQuery};
use std::sync::Arc;

/// What the catalog screen can filter by on this server.
#[derive(Debug, Clone, PartialEq)]
pub struct AppCatalogCaps {
    /// The platform filter: (the server's key, words), in order; the first is the default.
    pub platforms: &'static [(&'static str, &'static str)],
    /// The name filter matches letter case exactly.
    pub name_case_sensitive: bool,
}

#[async_trait::async_trait(?Send)]
pub trait AppCatalogApi: Send + Sync {
    fn caps(&self) -> &AppCatalogCaps;

    /// Every app matching `query`, reporting rows as they arrive.
    async fn list(
        &self,
        query: &CatalogQuery,
        progress: &dyn Progress<CatalogApp>,
    ) -> Result<Arc<Vec<CatalogApp>>, ApiError>;
}
