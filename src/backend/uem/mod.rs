//! BlackBerry UEM through its REST API (the "BlackBerry UEM REST API overview"; digest
//! `cps-and-uem-api.md` Part 2). Everything the portal knows about UEM is here: the tenant in
//! every path (`/{tenant}/api/v1`), the media type of each call, the sign-in that trades the
//! password for the value of `Authorization`, the error body, correlation ids, entity definitions
//! and their instances, profiles and groups, and the mapping of `wire::uem` into the portal's
//! domain.

pub mod auth;
pub mod entities;
pub mod errors;
pub mod groups;
pub mod user_certificates;
pub mod user_profiles;

pub use crate::backend::{ApiClient, ApiError};

use crate::backend::http::{parse, Call, Dialect};
use crate::backend::{Areas, Backend, BackendKind, Capabilities, LaterAreas, Screen, SignInError};
use crate::chunk::ChunkError;
use crate::context::session::SessionCtx;
use crate::domain::session::Session;
use gloo_net::http::Method;
use leptos::wasm_split::wasm_split;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// How UEM wants to be spoken to: its error body ({id, subStatusCode, message}, overview,
/// "Errors") and a fresh `Correlation-Id` on every request (overview, "Set a custom
/// correlation-id"), so every error can be quoted with both.
pub const DIALECT: Dialect = Dialect {
    error_reader: errors::read_error,
    correlation_ids: true,
};

/// Where the API of `tenant` is: `{api_base}/{tenant}/api/v1` ("All routes include tenantGuid",
/// overview, "Examples").
pub fn api_root(api_base: &str, tenant: Option<&str>) -> String {
    format!(
        "{}{}",
        api_base.trim_end_matches('/'),
        wire::uem::base_path(tenant.unwrap_or(wire::uem::DEFAULT_TENANT))
    )
}

/// The UEM server.
pub struct Uem {
    api: ApiClient,
    caps: Capabilities,
    later: LaterAreas,
}

impl Uem {
    pub fn new(api_base: &str, tenant: Option<&str>, session: SessionCtx) -> Uem {
        let api = ApiClient::new(&api_root(api_base, tenant), session, DIALECT);
        Uem {
            caps: caps(),
            later: LaterAreas::default(),
            api,
        }
    }
}

/// The screens the portal has for UEM so far.
fn caps() -> Capabilities {
    Capabilities {
        screens: vec![
            Screen::Groups,
            Screen::Profiles,
            Screen::Certificates,
            Screen::SelfService,
        ],
        groups_name: "Groups",
    }
}

#[async_trait::async_trait(?Send)]
impl Backend for Uem {
    fn kind(&self) -> BackendKind {
        BackendKind::Uem
    }
    fn caps(&self) -> &Capabilities {
        &self.caps
    }
    async fn sign_in(&self, username: &str, password: &str) -> Result<Session, SignInError> {
        auth::sign_in(&self.api, username, password).await
    }
    async fn prepare(&self) -> Result<(), ChunkError> {
        self.later.fill(|| areas(self.api.clone())).await
    }
    fn later(&self) -> Option<&Areas> {
        self.later.get()
    }
}

/// Every area (all of them are screens in chunks), in a chunk fetched by the first screen that
/// needs one ([`Backend::prepare`]).
#[wasm_split(uem_areas, wasm_split_path = ::leptos::wasm_split, fallible)]
fn areas(api: ApiClient) -> Result<Areas, ChunkError> {
    Ok(Areas {
        entities: Some(Arc::new(entities::UemEntities::new(api.clone()))),
        user_certificates: Some(Arc::new(user_certificates::UemUserCertificates::new(
            api.clone(),
        ))),
        groups: Some(Arc::new(groups::UemGroups::new(api))),
        ..Areas::default()
    })
}

/// GETs `path` asking for `media` (every UEM call names its own media type).
pub(crate) async fn get<T: DeserializeOwned>(
    api: &ApiClient,
    path: &str,
    media: &'static str,
) -> Result<T, ApiError> {
    api.json(Call::get(path).accept(media)).await
}

/// Sends `body` as `media` and reads the answer as `media`.
pub(crate) async fn send<T: DeserializeOwned>(
    api: &ApiClient,
    method: Method,
    path: &str,
    media: &'static str,
    body: &impl serde::Serialize,
) -> Result<T, ApiError> {
    let call = Call::new(method, path)
        .accept(media)
        .content_type(media)
        .json(body);
    parse(&api.call(call).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_is_under_the_tenant() {
        assert_eq!(api_root("", Some("SRP00000")), "/SRP00000/api/v1");
        assert_eq!(api_root("/uem/", Some("S1")), "/uem/S1/api/v1");
        assert_eq!(api_root("", None), "/SRP00000/api/v1");
    }

    #[test]
    fn uem_has_only_the_screens_built_for_it() {
        let c = caps();
        assert!(c.has(Screen::Profiles));
        // A user's certificates, for the admin (Certificates) and the user (self-service).
        assert!(c.has(Screen::Certificates) && c.has(Screen::SelfService));
        // Groups with the profiles assigned to each, named as UEM names them.
        assert!(c.has(Screen::Groups));
        assert_eq!(c.groups_name, "Groups");
        for s in [Screen::Dashboard, Screen::Devices, Screen::Alerts] {
            assert!(!c.has(s), "{s:?}");
        }
    }
}
