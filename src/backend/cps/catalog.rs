//! The app catalog (CPS guide, "App Catalog APIs": `GET /appcatalog/apps`) behind the portal's
//! [`AppCatalogApi`].
//!
//! - `platformType` is sent in the query spelling of the guide's parameter table (`IOS`, `OSX`,
//!   `ANDROID`, `WINDOWS`, `WEBAPPS`: "Case sensitive"); the answers spell platforms as the
//!   examples do (`iOS`, `Mac OS X`…), read in either spelling (digest Part 4.1 #8).
//! - `name` "starts with" and is case sensitive, as documented: sent as typed. `identifier` is
//!   exact.
//! - The guide's app catalog example path `/appstore/apps` is a mistake of the example (digest
//!   Part 4.1 #7): the documented URI is used.
//! - `offset`/`limit` are not documented for this call, but the answer is the paged envelope:
//!   it is walked like the other searches (a server ignoring `offset` ends the walk, see
//!   [`super::walk_search`]).

use super::{walk_search, CpsClient};
use crate::backend::app_catalog::{AppCatalogApi, AppCatalogCaps};
use crate::backend::devices::Progress;
use crate::backend::ApiError;
use crate::domain::app_catalog::{CatalogApp, CatalogQuery};
use std::sync::Arc;
use wire::cps::{AppCatalogApp, AppPlatform};

const CAPS: AppCatalogCaps = AppCatalogCaps {
    platforms: &[
        ("", "All platforms"),
        ("IOS", "iOS"),
        ("ANDROID", "Android"),
        ("WINDOWS", "Windows"),
        ("OSX", "macOS"),
        // "WEBAPPS is only supported for Ivanti EPMM" (CPS guide, "App Catalog APIs").
        ("WEBAPPS", "Web apps (EPMM)"),
    ],
    name_case_sensitive: true,
};

/// CPS's app catalog.
pub struct CpsCatalog {
    api: CpsClient,
}

impl CpsCatalog {
    pub fn new(api: CpsClient) -> Self {
        CpsCatalog { api }
    }
}

#[async_trait::async_trait(?Send)]
impl AppCatalogApi for CpsCatalog {
    fn caps(&self) -> &AppCatalogCaps {
        &CAPS
    }

    async fn list(
        &self,
        q: &CatalogQuery,
        progress: &dyn Progress<CatalogApp>,
    ) -> Result<Arc<Vec<CatalogApp>>, ApiError> {
        let platform = CAPS
            .platforms
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(q.platform.trim()))
            .map_or("", |(k, _)| *k);
        let query = [
            ("platformType", platform),
            ("name", q.name_prefix.as_str()),
            ("identifier", q.identifier.trim()),
        ];
        let rows = walk_search(
            &self.api,
            "/appcatalog/apps",
            &query,
            None,
            map_app,
            progress,
        )
        .await?;
        Ok(Arc::new(rows))
    }
}

/// The platform in the portal's words.
fn platform_label(p: AppPlatform, sent: &str) -> String {
    match p {
        AppPlatform::Ios => "iOS".into(),
        AppPlatform::Osx => "macOS".into(),
        AppPlatform::Android => "Android".into(),
        AppPlatform::Windows => "Windows".into(),
        AppPlatform::WebApps => "Web apps".into(),
        AppPlatform::Unknown => sent.trim().to_string(),
    }
}

fn map_app(a: AppCatalogApp) -> CatalogApp {
    let text = |v: Option<String>| v.map(|s| s.trim().to_string()).unwrap_or_default();
    CatalogApp {
        platform: platform_label(a.platform(), a.platform_type.as_deref().unwrap_or_default()),
        name: text(a.name),
        version: text(a.version),
        identifier: text(a.identifier),
        build: text(a.build_number),
        created: a.created_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::cps::SearchResults;

    #[test]
    fn app_catalog_example_responses_both_platform_spellings() {
        // CPS guide, "App Catalog APIs", "In-house app response" (one app shown with
        // "results": 11), and the answer spelling "Mac OS X".
        let page: SearchResults<AppCatalogApp> = serde_json::from_str(
            r#"{"searchResults": [{"name": "HAC-Extension", "platformType": "iOS",
                 "version": "1.4.2.0.0.17", "identifier": "com.mobileiron.enterprise.HAC-Extension",
                 "buildNumber": "1.4.2.0.0.17", "createdAt": 1550660326185}],
                "results": 11, "offset": 0, "limit": 50}"#,
        )
        .unwrap();
        let a = map_app(page.search_results[0].clone());
        assert_eq!(
            (a.name.as_str(), a.platform.as_str(), a.build.as_str()),
            ("HAC-Extension", "iOS", "1.4.2.0.0.17")
        );
        assert_eq!(a.created, Some(1_550_660_326_185));
        let mac = map_app(serde_json::from_str(r#"{"platformType": "Mac OS X"}"#).unwrap());
        assert_eq!(mac.platform, "macOS");
        let odd = map_app(serde_json::from_str(r#"{"platformType": "tvOS"}"#).unwrap());
        assert_eq!(odd.platform, "tvOS");
        let sparse = map_app(serde_json::from_str("{}").unwrap());
        assert_eq!(sparse, CatalogApp::default());
    }

    #[test]
    fn the_platform_filter_uses_the_query_spelling() {
        // The parameter table: "IOS, OSX, ANDROID, WINDOWS, WEBAPPS", case sensitive.
        let keys: Vec<&str> = CAPS.platforms.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["", "IOS", "ANDROID", "WINDOWS", "OSX", "WEBAPPS"]);
        for k in &keys[1..] {
            assert_eq!(AppPlatform::parse(k).map(|p| p.as_str()), Some(*k));
        }
    }
}
