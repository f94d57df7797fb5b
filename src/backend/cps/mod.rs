//! Ivanti Neurons for MDM and Ivanti EPMM 12.1 through the Common Platform Services API (CPS
//! guide: "Common Platform Services API Guide", seed `001_757860a6b2f7a728.txt`; digest
//! `cps-and-uem-api.md` Part 1). Everything the portal knows about CPS is here: paths, sign-in,
//! paging, pacing, error bodies, the identifiers each call takes, and the mapping of `wire::cps`
//! into the portal's domain.
//!
//! Decisions where the guide is silent or contradicts itself:
//! - **Errors.** The guide documents no error body ("Errors" in the digest); the servers (and
//!   mock-server) answer `{"message": "..."}`, read by [`DIALECT`]. CPS documents no correlation
//!   id, so none is sent.
//! - **Sign-in.** HTTP Basic credentials "must correspond to a user with the required CPS role"
//!   (CPS guide, "Basic authentication"); there is no "who am I" call, so sign-in sends the
//!   cheapest call, `GET /version`: 401 is a wrong password, 403 a user without the CPS role. CPS
//!   has no self-service calls, so everyone who gets in is an administrator; everyone else is
//!   refused with [`NO_CPS_ROLE`].
//! - **Paging.** Searches are walked with [`crate::backend::paging::walk`], asking [`PAGE_LIMIT`]
//!   at a time (the guide documents no maximum; a server that serves fewer answers shorter pages,
//!   which the walker handles). The guide does not document `offset` for every search (the app
//!   catalog); a server that ignores it answers its first page again, and the walk ends there
//!   ([`walk_search`]).
//! - **Identifiers.** The portal addresses a device by its `deviceGuid`, "more reliably
//!   available" than the MDM `identifier` (CPS guide, "Device"). Calls that document
//!   `identifierType` get `GUID` with the `deviceGuid`; the others (location, certificate
//!   inventory, settings, force check-in, attribute updates) document "List of UEM identifiers"
//!   only, so they get the device's MDM identifier, and a device without one (enrollment not
//!   completed) cannot be asked them ([`devices::mdm_identifier`]).
//! - **Rate limits**: [`limits`].

pub mod bulk;
pub mod catalog;
pub mod dashboard;
pub mod details;
pub mod devices;
pub mod groups;
pub mod limits;
pub mod users;

use crate::backend::devices::Progress;
use crate::backend::http::{parse, Body, Call, Dialect, Raw};
use crate::backend::paging::walk;
use crate::backend::{
    ApiClient, ApiError, Areas, Backend, BackendKind, Capabilities, DeviceApi, DeviceDetailsApi,
    LaterAreas, Screen, SignInError,
};
use crate::chunk::ChunkError;
use crate::config::PortalConfig;
use crate::context::session::SessionCtx;
use crate::domain::session::{basic_auth, Role, Session};
use crate::url::query_string;
use gloo_net::http::Method;
use leptos::wasm_split::wasm_split;
use limits::{paced, Clock, Pacer};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::future::Future;
use std::sync::Arc;
use wire::cps::SearchResults;

/// How CPS wants to be spoken to: `{"message"}` error bodies, no correlation ids (none
/// documented).
pub const DIALECT: Dialect = Dialect {
    error_reader: crate::backend::error::plain_json_error,
    correlation_ids: false,
};

/// The largest page asked for. 100,000 devices are 50 calls, within the lowest budget of the
/// device search (100 a minute) without waiting; one page is about 1.5 MB of JSON.
pub const PAGE_LIMIT: usize = 2000;

/// What a user without the CPS role is told.
pub const NO_CPS_ROLE: &str = "Your account has no CPS role, so it cannot use this portal. The \
     portal works through Ivanti's Common Platform Services (CPS) API, which only accounts with \
     the CPS role may use and which has no self-service. Ask your MDM administrator to give your \
     admin account the CPS role (Ivanti EPMM: Admin, Edit Roles, in the global space; Ivanti \
     Neurons for MDM: Users, Append Roles).";

/// The CPS server.
pub struct Cps {
    api: CpsClient,
    caps: Capabilities,
    devices: Arc<devices::CpsDevices>,
    details: Arc<details::CpsDetails>,
    later: LaterAreas,
}

impl Cps {
    pub fn new(config: &PortalConfig, session: SessionCtx) -> Cps {
        let api = CpsClient {
            api: ApiClient::new(&config.api_base, session, DIALECT),
            pacer: Arc::new(Pacer::new(config.cluster)),
        };
        let devices = Arc::new(devices::CpsDevices::new(api.clone()));
        Cps {
            caps: Capabilities {
                screens: vec![
                    Screen::Dashboard,
                    Screen::Compliance,
                    Screen::Devices,
                    Screen::Groups,
                    Screen::Users,
                    Screen::AppCatalog,
                ],
                groups_name: "Device groups",
            },
            devices,
            details: Arc::new(details::CpsDetails::new(api.clone())),
            later: LaterAreas::default(),
            api,
        }
    }
}

#[async_trait::async_trait(?Send)]
impl Backend for Cps {
    fn kind(&self) -> BackendKind {
        BackendKind::Cps
    }
    fn caps(&self) -> &Capabilities {
        &self.caps
    }
    async fn sign_in(&self, username: &str, password: &str) -> Result<Session, SignInError> {
        let auth = basic_auth(username.trim(), password);
        let probe = self
            .api
            .send(Some(&auth), Method::GET, "/version", None)
            .await
            .map(|_| ());
        let role = sign_in_outcome(probe)?;
        Ok(Session::new(username.trim(), &auth, role))
    }
    fn devices(&self) -> Option<Arc<dyn DeviceApi>> {
        Some(self.devices.clone())
    }
    /// With its first-load code: the devices screen's bulk actions use it.
    fn device_details(&self) -> Option<Arc<dyn DeviceDetailsApi>> {
        Some(self.details.clone())
    }
    async fn prepare(&self) -> Result<(), ChunkError> {
        self.later
            .fill(|| areas(self.api.clone(), self.devices.clone()))
            .await
    }
    fn later(&self) -> Option<&Areas> {
        self.later.get()
    }
}

/// Groups, users, the dashboard and the app catalog, in a chunk fetched by the first screen that
/// needs one ([`Backend::prepare`]). Groups, users and the dashboard read the device list the
/// devices area keeps.
#[wasm_split(cps_areas, wasm_split_path = ::leptos::wasm_split, fallible)]
fn areas(api: CpsClient, devices: Arc<devices::CpsDevices>) -> Result<Areas, ChunkError> {
    let groups = Arc::new(groups::CpsGroups::new(devices.clone()));
    Ok(Areas {
        dashboard: Some(Arc::new(dashboard::CpsDashboard::new(
            devices.clone(),
            groups.clone(),
        ))),
        groups: Some(groups),
        users: Some(Arc::new(users::CpsUsers::new(api.clone(), devices))),
        app_catalog: Some(Arc::new(catalog::CpsCatalog::new(api))),
        ..Areas::default()
    })
}

/// What the sign-in probe's answer means: a CPS call that works makes an administrator.
fn sign_in_outcome(probe: Result<(), ApiError>) -> Result<Role, SignInError> {
    match probe {
        Ok(()) => Ok(Role::Admin),
        Err(e) if e.is_unauthorized() => Err(SignInError::BadCredentials),
        Err(e) if e.is_forbidden() => Err(SignInError::Refused(NO_CPS_ROLE.into())),
        Err(e) if e.is_not_found() => Err(SignInError::Other(ApiError::not_found(
            "The CPS API did not answer at the configured address: check apiBase in config.json \
             (usually /msa/v1/cps) and the proxy in front of the server.",
        ))),
        Err(e) => Err(SignInError::Other(e)),
    }
}

/// The browser's clock.
struct BrowserClock;

impl Clock for BrowserClock {
    fn now_ms(&self) -> f64 {
        crate::browser::now_ms()
    }
    fn sleep(&self, ms: f64) -> impl Future<Output = ()> {
        crate::ui::poll::sleep_ms(ms.ceil().clamp(0.0, f64::from(u32::MAX)) as u32)
    }
}

/// Waits are said in a toast.
fn tell(text: String) {
    crate::ui::toast::info(text);
}

/// The calls CPS's modules make: JSON in and out, paced within the rate limits.
#[derive(Clone)]
pub struct CpsClient {
    api: ApiClient,
    pacer: Arc<Pacer>,
}

impl CpsClient {
    /// Sends one call (paths are below the API base, `/msa/v1/cps`), with `authorization` or the
    /// signed-in user's credentials.
    async fn send(
        &self,
        authorization: Option<&str>,
        method: Method,
        path: &str,
        json: Option<&str>,
    ) -> Result<Raw, ApiError> {
        let make = || {
            let call = Call::new(method.clone(), path);
            match json {
                Some(body) => call.body(Body::Json(body.to_string())),
                None => call,
            }
        };
        paced(
            &self.pacer,
            &BrowserClock,
            &tell,
            method.as_str(),
            path,
            || async {
                match authorization {
                    Some(a) => self.api.call_as(Some(a), make()).await,
                    None => self.api.call(make()).await,
                }
            },
        )
        .await
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        parse(&self.send(None, Method::GET, path, None).await?)
    }

    /// POSTs a JSON body; the raw answer.
    pub async fn post_raw(
        &self,
        path: &str,
        body: &impl serde::Serialize,
    ) -> Result<Raw, ApiError> {
        let json = serde_json::to_string(body)
            .map_err(|e| ApiError::rejected(0, format!("The request could not be written: {e}")))?;
        self.send(None, Method::POST, path, Some(&json)).await
    }

    pub async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl serde::Serialize,
    ) -> Result<T, ApiError> {
        parse(&self.post_raw(path, body).await?)
    }
}

/// `path?query&offset=…&limit=…`.
fn search_path(path: &str, query: &[(&str, &str)], offset: usize, limit: usize) -> String {
    let (offset, limit) = (offset.to_string(), limit.to_string());
    let pairs = query
        .iter()
        .copied()
        .filter(|(_, v)| !v.is_empty())
        .chain([("offset", offset.as_str()), ("limit", limit.as_str())]);
    format!("{path}?{}", query_string(pairs))
}

/// Every record of a paged search (CPS guide, "Handling Paged Responses"): `query` without
/// `offset` and `limit` (pairs with empty values are left out), `total` from a count call where
/// there is one. A page whose first record is the first page's first record means the server
/// ignores `offset`: the walk ends there instead of loading the same page forever.
pub(crate) async fn walk_search<W, T>(
    api: &CpsClient,
    path: &str,
    query: &[(&str, &str)],
    total: Option<usize>,
    map: impl Fn(W) -> T,
    progress: &dyn Progress<T>,
) -> Result<Vec<T>, ApiError>
where
    W: DeserializeOwned + PartialEq + Clone,
{
    let first: RefCell<Option<W>> = RefCell::new(None);
    let (first, map) = (&first, &map);
    walk(
        PAGE_LIMIT,
        total,
        |offset, limit| {
            let url = search_path(path, query, offset, limit);
            async move {
                let page: SearchResults<W> = api.get(&url).await?;
                Ok(page_records(first, offset, page.search_results)
                    .into_iter()
                    .map(map)
                    .collect())
            }
        },
        progress,
    )
    .await
}

/// A page's records, or none when it repeats the first page (see [`walk_search`]).
fn page_records<W: PartialEq + Clone>(
    first: &RefCell<Option<W>>,
    offset: usize,
    records: Vec<W>,
) -> Vec<W> {
    if offset == 0 {
        *first.borrow_mut() = records.first().cloned();
    } else if !records.is_empty() && records.first() == first.borrow().as_ref() {
        return Vec::new();
    }
    records
}

/// A `{"result": n}` count, as a `usize`.
pub(crate) fn count(n: wire::cps::NumberResult) -> usize {
    usize::try_from(n.result).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_authentication_401_is_a_wrong_password_403_no_cps_role() {
        // CPS guide, "Basic authentication": the user must have the CPS role.
        assert_eq!(sign_in_outcome(Ok(())), Ok(Role::Admin));
        assert_eq!(
            sign_in_outcome(Err(ApiError::unauthorized("Invalid credentials"))),
            Err(SignInError::BadCredentials)
        );
        let refused = sign_in_outcome(Err(ApiError::forbidden("no CPS role"))).unwrap_err();
        assert!(refused
            .message()
            .starts_with("Your account has no CPS role"));
        let moved = sign_in_outcome(Err(ApiError::not_found(""))).unwrap_err();
        assert!(moved.message().contains("apiBase"), "{}", moved.message());
        assert_eq!(
            sign_in_outcome(Err(ApiError::server(503, ""))),
            Err(SignInError::Other(ApiError::server(503, "")))
        );
    }

    #[test]
    fn errors_are_read_from_the_message_body() {
        let (m, r) = crate::backend::error::body_message(
            "application/json",
            br#"{"message":"Invalid status: X"}"#,
            DIALECT.error_reader,
        );
        assert_eq!(m, "Invalid status: X");
        assert!(r.is_empty());
    }

    #[test]
    fn handling_paged_responses_offset_and_limit() {
        // CPS guide, "Handling Paged Responses": offset and limit; empty filters left out. The
        // name of "Search device groups by device group name" is encoded, and a blank one is no
        // `name` at all (a blank `name` returns no records).
        let cases: [(&str, (&str, &str), usize, &str); 4] = [
            ("/device", ("status", ""), 0, "/device?offset=0&limit=2000"),
            (
                "/device",
                ("status", "RETIRE_SENT"),
                4000,
                "/device?status=RETIRE_SENT&offset=4000&limit=2000",
            ),
            (
                "/rule",
                ("name", "Field Ops"),
                2000,
                "/rule?name=Field%20Ops&offset=2000&limit=2000",
            ),
            ("/rule", ("name", ""), 0, "/rule?offset=0&limit=2000"),
        ];
        for (path, filter, offset, want) in cases {
            assert_eq!(search_path(path, &[filter], offset, 2000), want);
        }
    }

    #[test]
    fn a_server_ignoring_the_offset_ends_the_walk() {
        let first = RefCell::new(None);
        assert_eq!(page_records(&first, 0, vec![1, 2, 3]), vec![1, 2, 3]);
        // The same first record again at another offset: the server ignored it.
        assert!(page_records(&first, 3, vec![1, 2, 3]).is_empty());
        assert_eq!(page_records(&first, 3, vec![4, 5]), vec![4, 5]);
        assert!(page_records(&first, 5, Vec::new()).is_empty());
    }
}
