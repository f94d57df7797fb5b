//! App Catalog APIs (CPS guide, "Get application inventory" under "App Catalog APIs"): the apps of
//! the world's inventory (`crate::data::APPS`, what V1 `/apps/inventory/app` counts), one entry per
//! app and platform with its store identifier, plus in-house apps (with `buildNumber`) and a web
//! app. One version per app (AW-32833: the catalog listed several versions of an app; fixed).
//!
//! - `platformType` (the guide: "Case sensitive", `IOS`, `OSX`, `ANDROID`, `WINDOWS`, `WEBAPPS`;
//!   its answers: `iOS`, `Mac OS X`, `Android`, `Windows`) is read in either spelling and any
//!   case; an unknown value is 400. Answers use the answer spelling of the guide's examples
//!   (`Web Apps` for web apps). `WINDOWS` works (AW-32746 resolved it).
//! - `name` matches the start of the name, case-sensitive as documented; `identifier` is exact.
//! - `offset`/`limit` page it like the other searches. The example path `/appstore/apps` (CPS
//!   guide, "Get application inventory" of the App Catalog APIs, "Example request") is answered
//!   too.

use super::reply::{self, CpsError, Page, Query, Reply};
use crate::catalog::Platform;
use crate::data::{App, APPS};
use crate::state::{SharedState, REFERENCE_EPOCH_S};
use axum::extract::State;
use wire::cps::{AppCatalogApp, AppPlatform};

/// Store identifiers of [`APPS`]: iOS, Android, Windows, macOS (`None` where the app does not
/// exist).
const STORE_IDS: &[(&str, [Option<&str>; 4])] = &[
    (
        "Ivanti Mobile@Work",
        [
            Some("com.mobileiron.phoneatwork"),
            Some("com.mobileiron"),
            None,
            None,
        ],
    ),
    (
        "LinkedIn",
        [
            Some("com.linkedin.LinkedIn"),
            Some("com.linkedin.android"),
            None,
            None,
        ],
    ),
    (
        "Frog Toss!_017",
        [None, Some("com.example.frogtoss"), None, None],
    ),
    (
        "Microsoft Outlook",
        [
            Some("com.microsoft.Office.Outlook"),
            Some("com.microsoft.office.outlook"),
            None,
            None,
        ],
    ),
    (
        "Microsoft Teams",
        [
            Some("com.microsoft.skype.teams"),
            Some("com.microsoft.teams"),
            Some("MSTeams_8wekyb3d8bbwe"),
            Some("com.microsoft.teams2"),
        ],
    ),
    (
        "Slack",
        [
            Some("com.tinyspeck.chatlyio"),
            Some("com.Slack"),
            None,
            Some("com.tinyspeck.slackmacgap"),
        ],
    ),
    (
        "Zoom",
        [
            Some("us.zoom.videomeetings"),
            Some("us.zoom.videomeetings"),
            Some("Zoom.Zoom_8wekyb3d8bbwe"),
            Some("us.zoom.xos"),
        ],
    ),
    (
        "Salesforce",
        [
            Some("com.salesforce.chatter"),
            Some("com.salesforce.chatter"),
            None,
            None,
        ],
    ),
    (
        "Workday",
        [
            Some("com.workday.workdayapp"),
            Some("com.workday.workdroidapp"),
            None,
            None,
        ],
    ),
    (
        "Google Chrome",
        [
            Some("com.google.chrome.ios"),
            Some("com.android.chrome"),
            Some("Google.Chrome"),
            Some("com.google.Chrome"),
        ],
    ),
    (
        "Adobe Acrobat Reader",
        [
            Some("com.adobe.Adobe-Reader"),
            Some("com.adobe.reader"),
            Some("Adobe.Acrobat.Reader.64-bit"),
            Some("com.adobe.Reader"),
        ],
    ),
    (
        "Docs@Work",
        [
            Some("com.mobileiron.ios.docsatwork"),
            Some("com.mobileiron.android.docsatwork"),
            None,
            None,
        ],
    ),
];

/// The store identifier of an app on a platform.
pub fn store_id(app: &App, p: Platform) -> Option<&'static str> {
    let slot = match p {
        Platform::Ios => 0,
        Platform::Android => 1,
        Platform::Windows => 2,
        Platform::Macos => 3,
    };
    STORE_IDS
        .iter()
        .find(|(name, _)| *name == app.name)
        .and_then(|(_, ids)| ids[slot])
}

/// The catalog platform of a device platform.
pub fn app_platform(p: Platform) -> AppPlatform {
    match p {
        Platform::Ios => AppPlatform::Ios,
        Platform::Android => AppPlatform::Android,
        Platform::Windows => AppPlatform::Windows,
        Platform::Macos => AppPlatform::Osx,
    }
}

/// An in-house app (or a web app) of the catalog.
struct InHouse {
    name: &'static str,
    platform: AppPlatform,
    version: Option<&'static str>,
    identifier: &'static str,
    build: Option<&'static str>,
}

/// In-house apps (the first is the guide's "In-house app response" example) and a web app.
const IN_HOUSE: &[InHouse] = &[
    InHouse {
        name: "HAC-Extension",
        platform: AppPlatform::Ios,
        version: Some("1.4.2.0.0.17"),
        identifier: "com.mobileiron.enterprise.HAC-Extension",
        build: Some("1.4.2.0.0.17"),
    },
    InHouse {
        name: "Field Inspector",
        platform: AppPlatform::Android,
        version: Some("3.2.0"),
        identifier: "com.example.fieldinspector",
        build: Some("3200"),
    },
    InHouse {
        name: "Expense Report",
        platform: AppPlatform::Windows,
        version: Some("2.0.1"),
        identifier: "Example.ExpenseReport_1a2b3c4d5e6f7",
        build: Some("201"),
    },
    InHouse {
        name: "Intranet",
        platform: AppPlatform::WebApps,
        version: None,
        identifier: "https://intranet.example.com/",
        build: None,
    },
];

const DAY_MS: i64 = 86_400_000;

/// The whole catalog, in a fixed order.
pub fn catalog() -> Vec<AppCatalogApp> {
    let added =
        |k: usize| REFERENCE_EPOCH_S * 1000 - (k as i64 + 1) * 17 * DAY_MS - 4242 * k as i64;
    let mut out = Vec::new();
    for (k, app) in APPS.iter().enumerate() {
        for &p in app.platforms {
            if let Some(id) = store_id(app, p) {
                out.push(AppCatalogApp {
                    name: Some(app.name.to_string()),
                    platform_type: Some(app_platform(p).display().to_string()),
                    version: Some(app.version.to_string()),
                    identifier: Some(id.to_string()),
                    build_number: None,
                    created_at: Some(added(k)),
                });
            }
        }
    }
    for (k, a) in IN_HOUSE.iter().enumerate() {
        out.push(AppCatalogApp {
            name: Some(a.name.to_string()),
            platform_type: Some(a.platform.display().to_string()),
            version: a.version.map(str::to_string),
            identifier: Some(a.identifier.to_string()),
            build_number: a.build.map(str::to_string),
            created_at: Some(added(APPS.len() + k)),
        });
    }
    out
}

/// `GET /appcatalog/apps?identifier=&name=&platformType=&offset=&limit=`.
pub async fn apps(State(app): State<SharedState>, q: Query) -> Reply {
    let page = Page::from_query(&q, app.cps.max_limit())?;
    let platform = q
        .non_blank("platformType")
        .map(|p| match AppPlatform::parse(p) {
            Some(x) if x != AppPlatform::Unknown => Ok(x),
            _ => Err(CpsError::bad_request(format!(
                "Invalid platformType: {p} (one of IOS, OSX, ANDROID, WINDOWS, WEBAPPS)"
            ))),
        })
        .transpose()?;
    let identifier = q.non_blank("identifier");
    let name = q.non_blank("name");
    let apps: Vec<AppCatalogApp> = page
        .of(catalog().into_iter().filter(|a| {
            platform.is_none_or(|p| a.platform() == p)
                && identifier.is_none_or(|i| a.identifier.as_deref() == Some(i))
                && name.is_none_or(|n| a.name.as_deref().is_some_and(|x| x.starts_with(n)))
        }))
        .collect();
    Ok(reply::json(&page.envelope(apps)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inventory_app_has_a_store_id_on_each_of_its_platforms() {
        for app in APPS {
            for &p in app.platforms {
                assert!(store_id(app, p).is_some(), "{} on {p:?}", app.name);
            }
        }
    }
}
