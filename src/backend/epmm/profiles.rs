//! Profiles on a device and re-pushing them (EPMM V1 `/dm/devices/profiles`, `/repushprofile`).

use super::EpmmCalls;
use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::profile::{Profile, ProfileKind};
use crate::url::query_string;
use gloo_net::http::Method;
use std::sync::Arc;
use wire::v1::reference::{
    profiles_path, ProfileListResponse, ProfileType, RepushRequest, RepushResponse,
};

/// `GET /dm/devices/profiles/{uuid}` (V1 guide, "Get Profiles for a Device"); none = empty.
pub async fn for_device(api: &ApiClient, uuid: &str) -> Result<Arc<Vec<Profile>>, ApiError> {
    let r: ProfileListResponse = api.get_list(&profiles_path(uuid)).await?;
    Ok(Arc::new(
        r.profiles.items.into_iter().map(map_profile).collect(),
    ))
}

pub fn map_profile(p: wire::v1::reference::Profile) -> Profile {
    Profile {
        kind: p.kind().map(|k| match k {
            ProfileType::Policy => ProfileKind::Policy,
            ProfileType::App => ProfileKind::Configuration,
        }),
        id: p.id,
        name: p.name,
        category: p.policy_type,
        status: p.status,
        last_updated: p.last_updated_at.map(wire::datetime::parse_epoch),
    }
}

/// Re-pushes one profile, or all of them (`PUT /dm/devices/repushprofile/{uuid}`, V1 guide,
/// "Re-push Profiles for a Device").
pub async fn repush(
    api: &ApiClient,
    uuid: &str,
    profile: Option<&Profile>,
) -> Result<String, ApiError> {
    let req = RepushRequest {
        device_uuid: uuid.to_string(),
        profile: profile.and_then(|p| {
            p.kind.map(|k| {
                (
                    p.id,
                    match k {
                        ProfileKind::Policy => ProfileType::Policy,
                        ProfileKind::Configuration => ProfileType::App,
                    },
                )
            })
        }),
    };
    let q = req.query();
    let url = if q.is_empty() {
        req.path()
    } else {
        format!(
            "{}?{}",
            req.path(),
            query_string(q.iter().map(|(k, v)| (*k, v.as_str())))
        )
    };
    let r: RepushResponse = api.send_json(Method::PUT, &url, Body::None).await?;
    Ok(r.messages.joined())
}
