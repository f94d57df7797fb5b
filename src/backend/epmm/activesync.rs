//! Exchange ActiveSync (EPMM V1 `/eas/devices`, L4652-5115), mapped into
//! [`crate::domain::activesync`].

use super::EpmmCalls;
use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::activesync::{EasAssociation, EasCommand, EasGroup, ACTION_CHUNK};
use crate::url::query_string;
use gloo_net::http::Method;
use std::sync::Arc;
use wire::v1;

/// Every ActiveSync association, in its group (`GET /api/v1/eas/devices`; 404 = none).
pub async fn list(api: &ApiClient) -> Result<Arc<Vec<EasAssociation>>, ApiError> {
    let r: v1::EasListResponse = api.get_list("/v1/eas/devices").await?;
    Ok(Arc::new(
        r.all()
            .into_iter()
            .map(|(g, d)| map_association(g, d))
            .collect(),
    ))
}

/// Exchange's own details of one association (`GET /api/v1/eas/devices/{uuid}`): key/value pairs
/// as Exchange reports them (`DeviceAccessState`, `LastSyncAttemptTime`, …).
pub async fn detail(api: &ApiClient, eas_uuid: &str) -> Result<Vec<(String, String)>, ApiError> {
    let r: v1::EasDeviceDetail = api.get_json(&v1::eas::detail_path(eas_uuid)).await?;
    Ok(r.details.0.into_iter().map(|e| (e.key, e.value)).collect())
}

/// Blocks, allows again or wipes associations (`PUT /api/v1/eas/devices?action=&uuids=…`), in
/// chunks that keep the URL short. Answers the server's messages.
pub async fn act(
    api: &ApiClient,
    command: EasCommand,
    uuids: &[String],
) -> Result<Vec<String>, ApiError> {
    let action = match command {
        EasCommand::Block => v1::EasAction::BlockDevice,
        EasCommand::Allow => v1::EasAction::ReinstateDevice,
        EasCommand::Wipe => v1::EasAction::Wipe,
    };
    let mut messages = Vec::new();
    for chunk in uuids.chunks(ACTION_CHUNK) {
        let (path, query) = action.request(chunk);
        let url = format!(
            "{path}?{}",
            query_string(query.iter().map(|(k, v)| (*k, v.as_str())))
        );
        let r: v1::EasActionResponse = api.send_json(Method::PUT, &url, Body::None).await?;
        messages.push(r.messages.joined());
    }
    Ok(messages)
}

fn group(g: v1::EasGroup) -> EasGroup {
    match g {
        v1::EasGroup::RegisteredAllowed => EasGroup::RegisteredAllowed,
        v1::EasGroup::RegisteredBlocked => EasGroup::RegisteredBlocked,
        v1::EasGroup::UnregisteredAllowed => EasGroup::UnregisteredAllowed,
        v1::EasGroup::UnregisteredBlocked => EasGroup::UnregisteredBlocked,
        v1::EasGroup::Wiped => EasGroup::Wiped,
    }
}

pub fn map_association(g: v1::EasGroup, d: &v1::EasDevice) -> EasAssociation {
    EasAssociation {
        uuid: d.uuid.trim().to_string(),
        group: Some(group(g)),
        user: d.user_name.clone(),
        mailbox: d.mailbox_id.clone(),
        domain: d.domain.clone(),
        device_id: d.device_id.clone(),
        phone: d.phone_number.clone(),
        model: d.model.clone(),
        platform: d.platform.clone(),
        status: d.status.clone(),
        access_text: d.active_sync_status.clone(),
        source: d
            .action_source()
            .map(|s| s.display().to_string())
            .unwrap_or_else(|| d.action_source.clone()),
        first_sync: d.first_sync_time,
        last_sync: d.last_sync_time,
        device_uuid: d.mi_device_uuid.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_the_guide_example_l4694_4752() {
        let r: v1::EasListResponse = serde_json::from_value(json!({
            "registeredAllowedDevices": {"registeredAllowedDevice": {
                "uuid": "hdgd-e93c-49b1-88d6-222f54132445", "deviceId": "Appl87025CNUA4S",
                "username": "jdoe113", "model": "iPhone", "platform": "iOS", "status": "Registered",
                "activeSyncStatus": "Allowed", "lastSyncTime": 1326180768000i64,
                "miDeviceUuid": "6f72cabb", "actionSource": "AUTOBLOCK"}},
            "wipedDevices": {"wipedDevice": {"uuid": "sersdfsc"}}}))
        .unwrap();
        let all: Vec<_> = r
            .all()
            .into_iter()
            .map(|(g, d)| map_association(g, d))
            .collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].group, Some(EasGroup::RegisteredAllowed));
        assert_eq!(all[0].user, "jdoe113");
        assert_eq!(all[0].source, "Auto");
        assert_eq!(all[0].access_label(), "Allowed");
        assert_eq!(all[1].access_label(), "Wiped");
    }
}
