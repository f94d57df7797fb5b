//! CZERTAINLY Core, "SCEP Profile Management" (seed `002_77347b43137f6015.txt`, digest
//! `certificates-api.md` Part B): the SCEP profiles of the certificate platform beside the MDM
//! server. Everything the portal knows about CZERTAINLY is here: paths (under the configured
//! `pki.apiBase`, which the proxy passes to the platform's `/api`), its error bodies ([`DIALECT`]),
//! the rules its answers leave to the client, and the mapping into the portal's domain.
//!
//! Decisions where the document is silent (each pinned by a test here or in `mapping`/`errors`):
//! - The list item has no CA certificate (SCEP Profile Management, `ScepProfileDto`): the list
//!   fetches each profile's detail for it, four at a time. A profile deleted between the two
//!   calls is left out.
//! - Bulk enable and disable answer 204 and skip unknown uuids silently: the portal lists the
//!   profiles again and reports those not in the asked state as failures.
//! - The platform has no call listing RA profiles in this API: the RA profiles offered are those
//!   its SCEP profiles use.
//! - A 401 carrying the platform's own message (`{"message"}`) is the platform refusing the proxy's
//!   client certificate: shown as a refusal, the admin stays signed in. A 401 without one (nginx's
//!   admin check, see `deploy/nginx`) ends the session, as on the MDM server's API.

pub mod errors;
pub mod mapping;

use crate::backend::error::ErrorKind;
use crate::backend::http::{parse, Call, Dialect, Raw, SESSION_ENDED};
use crate::backend::pki::{DeleteRefusal, ScepCaps, ScepProfileApi};
use crate::backend::{ApiClient, ApiError};
use crate::context::session::SessionCtx;
use crate::domain::scep_profile::{
    known_ra_profiles, same_scep_endpoint, CaCertificate, ProfileFailure, RaProfileRef,
    ScepProfile, ScepProfileDetail, ScepProfileInput,
};
use crate::url::{encode_path_segment, query_string};
use futures::stream::{self, StreamExt, TryStreamExt};
use gloo_net::http::Method;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use wire::czertainly::certificates::Certificate;
use wire::czertainly::scep;
use wire::czertainly::BulkActionMessage;

/// CZERTAINLY's error bodies; no correlation ids (none documented).
pub const DIALECT: Dialect = Dialect {
    error_reader: errors::read_error,
    correlation_ids: false,
};

/// The base of the SCEP profile paths.
const PROFILES: &str = "/v1/scepProfiles";

/// Details fetched at once for the list.
const DETAILS_AT_ONCE: usize = 4;

pub struct Czertainly {
    api: ApiClient,
    caps: ScepCaps,
}

fn profile_path(id: &str) -> String {
    format!("{PROFILES}/{}", encode_path_segment(id))
}

impl Czertainly {
    pub fn new(api_base: &str, session: SessionCtx) -> Czertainly {
        Czertainly {
            api: ApiClient::new(api_base, session, DIALECT),
            caps: ScepCaps {
                platform: "CZERTAINLY",
                intune: true,
                force_delete: true,
            },
        }
    }

    /// Sends with the signed-in admin's credentials (the proxy checks them, then passes the
    /// request on with its own client certificate).
    async fn call(&self, call: Call) -> Result<Raw, ApiError> {
        let session = self.api.session();
        let authorization = session
            .current()
            .map(|s| s.authorization().to_string())
            .ok_or_else(|| ApiError::unauthorized("You are signed out. Sign in again."))?;
        match self.api.call_as(Some(&authorization), call).await {
            Err(e) if e.is_unauthorized() => Err(self.refused(session, e)),
            other => other,
        }
    }

    fn refused(&self, session: SessionCtx, e: ApiError) -> ApiError {
        match platform_refusal(&e) {
            Some(refusal) => refusal,
            None => {
                session.sign_out(Some(SESSION_ENDED.into()));
                e
            }
        }
    }

    async fn json<T: DeserializeOwned>(&self, call: Call) -> Result<T, ApiError> {
        parse(&self.call(call).await?)
    }

    async fn raw_list(&self) -> Result<Vec<scep::ScepProfile>, ApiError> {
        self.json(Call::get(PROFILES)).await
    }

    async fn raw_detail(&self, id: &str) -> Result<scep::ScepProfileDetail, ApiError> {
        self.json(Call::get(profile_path(id))).await
    }
}

/// A 401 with the platform's own message: it refused the proxy's client certificate, which
/// signing in again does not change.
fn platform_refusal(e: &ApiError) -> Option<ApiError> {
    match &e.kind {
        ErrorKind::Unauthorized(m) if !m.trim().is_empty() => Some(ApiError::rejected(
            401,
            format!(
                "The certificate platform did not accept the portal's proxy (its client certificate): {}",
                m.trim()
            ),
        )),
        _ => None,
    }
}

/// A bulk answer's item (`BulkActionMessageDto`) as a failure.
fn failure(m: BulkActionMessage) -> ProfileFailure {
    ProfileFailure {
        in_use_by: errors::in_use_by(&m.message),
        id: m.uuid,
        name: m.name,
        message: m.message,
    }
}

/// The profiles of `ids` that the list `after` does not show `enabled` as asked.
fn not_confirmed(
    ids: &[String],
    enabled: bool,
    after: &[scep::ScepProfile],
) -> Vec<ProfileFailure> {
    ids.iter()
        .filter_map(|id| {
            let found = after.iter().find(|p| p.uuid.eq_ignore_ascii_case(id));
            let message = match found {
                None => "This SCEP profile no longer exists.".to_string(),
                Some(p) if p.enabled != enabled => format!(
                    "The platform did not {} it.",
                    if enabled { "enable" } else { "disable" }
                ),
                Some(_) => return None,
            };
            Some(ProfileFailure {
                id: id.clone(),
                name: found.map(|p| p.name.clone()).unwrap_or_default(),
                message,
                in_use_by: None,
            })
        })
        .collect()
}

#[async_trait::async_trait(?Send)]
impl ScepProfileApi for Czertainly {
    fn caps(&self) -> &ScepCaps {
        &self.caps
    }

    async fn list(&self) -> Result<Arc<Vec<ScepProfile>>, ApiError> {
        let list = self.raw_list().await?;
        let rows: Vec<Option<ScepProfile>> = stream::iter(list)
            .map(|p| async move {
                match self.raw_detail(&p.uuid).await {
                    Ok(d) => Ok(Some(mapping::detail(&d).profile)),
                    // Deleted since the list was read.
                    Err(e) if e.is_not_found() => Ok(None),
                    Err(e) => Err(e),
                }
            })
            .buffered(DETAILS_AT_ONCE)
            .try_collect()
            .await?;
        Ok(Arc::new(rows.into_iter().flatten().collect()))
    }

    async fn by_scep_url(&self, url: &str) -> Result<Vec<ScepProfile>, ApiError> {
        Ok(self
            .raw_list()
            .await?
            .iter()
            .map(|p| mapping::profile(p, None))
            .filter(|p| {
                p.scep_url
                    .as_deref()
                    .is_some_and(|u| same_scep_endpoint(u, url))
            })
            .collect())
    }

    async fn get(&self, id: &str) -> Result<ScepProfileDetail, ApiError> {
        Ok(mapping::detail(&self.raw_detail(id).await?))
    }

    async fn create(&self, input: &ScepProfileInput) -> Result<ScepProfileDetail, ApiError> {
        let body = mapping::create_request(input);
        let d: scep::ScepProfileDetail = self
            .json(Call::new(Method::POST, PROFILES).json(&body))
            .await?;
        Ok(mapping::detail(&d))
    }

    async fn update(
        &self,
        id: &str,
        input: &ScepProfileInput,
    ) -> Result<ScepProfileDetail, ApiError> {
        let body = mapping::edit_request(input);
        let d: scep::ScepProfileDetail = self
            .json(Call::new(Method::PUT, profile_path(id)).json(&body))
            .await?;
        Ok(mapping::detail(&d))
    }

    async fn set_enabled(&self, id: &str, enabled: bool) -> Result<(), ApiError> {
        let verb = if enabled { "enable" } else { "disable" };
        let path = format!("{}/{verb}", profile_path(id));
        self.call(Call::new(Method::PATCH, path)).await.map(drop)
    }

    async fn delete(&self, id: &str) -> Result<Option<DeleteRefusal>, ApiError> {
        match self.call(Call::new(Method::DELETE, profile_path(id))).await {
            Ok(_) => Ok(None),
            // A profile in use: 422 with the message naming what uses it.
            Err(e) if e.status() == Some(422) => {
                let messages: Vec<&str> =
                    e.field_messages().iter().map(|(_, m)| m.as_str()).collect();
                let message = if messages.is_empty() {
                    e.message()
                } else {
                    messages.join(" ")
                };
                match messages.iter().find_map(|m| errors::in_use_by(m)) {
                    Some(in_use_by) => Ok(Some(DeleteRefusal { message, in_use_by })),
                    None => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    async fn set_enabled_many(
        &self,
        ids: &[String],
        enabled: bool,
    ) -> Result<Vec<ProfileFailure>, ApiError> {
        let verb = if enabled { "enable" } else { "disable" };
        self.call(Call::new(Method::PATCH, format!("{PROFILES}/{verb}")).json(&ids))
            .await?;
        Ok(not_confirmed(ids, enabled, &self.raw_list().await?))
    }

    async fn delete_many(
        &self,
        ids: &[String],
        force: bool,
    ) -> Result<Vec<ProfileFailure>, ApiError> {
        let path = if force {
            format!("{PROFILES}/delete/force")
        } else {
            format!("{PROFILES}/delete")
        };
        // DELETE with a body; the answer lists only the failures.
        let failed: Vec<BulkActionMessage> = self
            .json(Call::new(Method::DELETE, path).json(&ids))
            .await?;
        Ok(failed.into_iter().map(failure).collect())
    }

    async fn ca_certificates(&self, intune: bool) -> Result<Arc<Vec<CaCertificate>>, ApiError> {
        let path = format!(
            "{PROFILES}/caCertificates?{}",
            query_string([("intuneEnabled", if intune { "true" } else { "false" })])
        );
        let list: Vec<Certificate> = self.json(Call::get(path)).await?;
        Ok(Arc::new(list.iter().map(mapping::ca_certificate).collect()))
    }

    async fn ra_profiles(&self) -> Result<Vec<RaProfileRef>, ApiError> {
        let list = self.raw_list().await?;
        let profiles: Vec<ScepProfile> = list.iter().map(|p| mapping::profile(p, None)).collect();
        Ok(known_ra_profiles(&profiles))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bulk_enable_is_confirmed_against_the_list() {
        // Bulk enable/disable answer 204 and skip unknown uuids (digest B.5): what the list
        // shows afterwards is the result.
        let after: Vec<scep::ScepProfile> = serde_json::from_value(json!([
            {"uuid": "P1", "name": "a", "enabled": true},
            {"uuid": "p2", "name": "b", "enabled": false}
        ]))
        .unwrap();
        let ids = ["p1".to_string(), "p2".to_string(), "gone".to_string()];
        let failed = not_confirmed(&ids, true, &after);
        let summary: Vec<(&str, &str, &str)> = failed
            .iter()
            .map(|f| (f.id.as_str(), f.name.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("p2", "b", "The platform did not enable it."),
                ("gone", "", "This SCEP profile no longer exists.")
            ]
        );
        assert!(not_confirmed(&ids[..1], true, &after).is_empty());
    }

    #[test]
    fn a_401_with_the_platforms_message_is_a_refusal_not_a_sign_out() {
        let own = ApiError::unauthorized(
            "Authentication required: no client certificate (the proxy forwards it in the ssl-client-cert header)",
        );
        let r = platform_refusal(&own).unwrap();
        assert_eq!(r.status(), Some(401));
        assert!(!r.is_unauthorized());
        assert!(
            r.message().contains("client certificate"),
            "{}",
            r.message()
        );
        // nginx's own 401 (an HTML page, so no message): the session has ended.
        assert!(platform_refusal(&ApiError::unauthorized("")).is_none());
    }

    #[test]
    fn bulk_failures_say_what_uses_the_profile() {
        let f = failure(BulkActionMessage {
            uuid: "b9b09548".into(),
            name: "kiosk-devices".into(),
            message: "Object is associated with other items. Dependent RA Profiles (2): devices-ra, legacy-ra".into(),
        });
        assert_eq!(
            f.in_use_by,
            Some(vec!["devices-ra".to_string(), "legacy-ra".to_string()])
        );
        assert_eq!(profile_path("a b/c"), "/v1/scepProfiles/a%20b%2Fc");
    }
}
