//! Exchange ActiveSync (EPMM V1 API guide, "Exchange ActiveSync (EAS)": `/eas/devices`) behind
//! the portal's [`ActiveSyncApi`], mapped into [`crate::domain::activesync`].

use super::EpmmCalls;
use crate::backend::activesync::{ActiveSyncApi, ActiveSyncCaps, AssociationDetails};
use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::activesync::{EasAssociation, EasCommand, EasGroup};
use crate::domain::device::Device;
use crate::url::query_string;
use gloo_net::http::Method;
use std::sync::Arc;
use wire::v1;

const CAPS: ActiveSyncCaps = ActiveSyncCaps {
    // "Exchange ActiveSync (EAS)": "Devices are grouped as follows in the return list".
    groups: &EasGroup::ALL,
    // "Request Action on ActiveSync Device": REINSTATE_DEVICE, BLOCK_DEVICE, WIPE.
    commands: &EasCommand::ALL,
};

/// Ids per action request (`uuids=` repeated): keeps the URL under common limits.
pub const ACTION_CHUNK: usize = 150;

/// EPMM's ActiveSync associations.
pub struct EpmmActiveSync {
    api: ApiClient,
}

impl EpmmActiveSync {
    pub fn new(api: ApiClient) -> Self {
        EpmmActiveSync { api }
    }
}

#[async_trait::async_trait(?Send)]
impl ActiveSyncApi for EpmmActiveSync {
    fn caps(&self) -> &ActiveSyncCaps {
        &CAPS
    }

    async fn list(&self) -> Result<Arc<Vec<EasAssociation>>, ApiError> {
        list(&self.api).await
    }

    /// V1 has no call for one association's summary: it is picked from the whole list.
    async fn get(&self, id: &str) -> Result<EasAssociation, ApiError> {
        let all = list(&self.api).await?;
        all.iter()
            .find(|a| a.id == id)
            .cloned()
            .ok_or_else(|| ApiError::not_found(format!("There is no ActiveSync device {id}.")))
    }

    async fn details(&self, id: &str) -> Result<Vec<(String, String)>, ApiError> {
        detail(&self.api, id).await
    }

    async fn run(&self, command: EasCommand, ids: &[String]) -> Result<Vec<String>, ApiError> {
        act(&self.api, command, ids).await
    }

    /// V1 has no call for a device's associations: the whole list is read and the device's
    /// picked (its UUID, or its ActiveSync id), then each one's details.
    async fn of_device(&self, d: &Device) -> Result<Vec<AssociationDetails>, ApiError> {
        let all = list(&self.api).await?;
        let mut out = Vec::new();
        for a in all.iter().filter(|a| belongs_to(a, d)) {
            let details = detail(&self.api, &a.id).await.unwrap_or_default();
            out.push((a.clone(), Arc::new(details)));
        }
        Ok(out)
    }
}

/// Whether an association is the device's: linked to it, or with its ActiveSync id.
fn belongs_to(a: &EasAssociation, d: &Device) -> bool {
    (!a.managed_device.is_empty() && a.managed_device == d.id)
        || (!d.eas_id.is_empty() && a.id == d.eas_id)
}

/// Every ActiveSync association, in its group (`GET /api/v1/eas/devices`, "Exchange ActiveSync
/// (EAS)"; 404 = none).
pub async fn list(api: &ApiClient) -> Result<Arc<Vec<EasAssociation>>, ApiError> {
    let r: v1::EasListResponse = api.get_list("/v1/eas/devices").await?;
    Ok(Arc::new(
        r.all()
            .into_iter()
            .map(|(g, d)| map_association(g, d))
            .collect(),
    ))
}

/// Exchange's own details of one association (`GET /api/v1/eas/devices/{uuid}`, "Device Details
/// for ActiveSync"): key/value pairs as Exchange reports them (`DeviceAccessState`,
/// `LastSyncAttemptTime`, …).
pub async fn detail(api: &ApiClient, eas_uuid: &str) -> Result<Vec<(String, String)>, ApiError> {
    let r: v1::EasDeviceDetail = api.get_json(&v1::eas::detail_path(eas_uuid)).await?;
    Ok(r.details.0.into_iter().map(|e| (e.key, e.value)).collect())
}

/// Blocks, allows again or wipes associations (`PUT /api/v1/eas/devices?action=&uuids=…`,
/// "Request Action on ActiveSync Device"), in chunks that keep the URL short. Answers the
/// server's messages.
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
        id: d.uuid.trim().to_string(),
        group: Some(group(g)),
        user: d.user_name.clone(),
        // A user's id is the principal (see `users`).
        user_id: d.user_name.trim().to_string(),
        mailbox: d.mailbox_id.clone(),
        domain: d.domain.clone(),
        device_id: d.device_id.clone(),
        phone: d.phone_number.clone(),
        model: d.model.to_string(),
        platform: d.platform.to_string(),
        status: d.status.clone(),
        access_text: d.active_sync_status.clone(),
        source: d
            .action_source()
            .map(|s| s.display().to_string())
            .unwrap_or_else(|| d.action_source.clone()),
        first_sync: d.first_sync_time,
        last_sync: d.last_sync_time,
        managed_device: d.mi_device_uuid.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::device::DeviceInfo;
    use serde_json::json;

    #[test]
    fn maps_the_guide_example_of_exchange_activesync() {
        // EPMM V1 API guide, "Exchange ActiveSync (EAS)", the example response.
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
        assert_eq!(
            (all[0].user.as_str(), all[0].user_id.as_str()),
            ("jdoe113", "jdoe113")
        );
        assert_eq!(all[0].source, "Auto");
        assert_eq!(all[0].access_label(), "Allowed");
        assert_eq!(all[0].managed_device, "6f72cabb");
        assert_eq!(all[0].name(), "Appl87025CNUA4S");
        assert_eq!(all[1].access_label(), "Wiped");
        assert_eq!(all[1].name(), "sersdfsc");
    }

    #[test]
    fn a_devices_associations_are_linked_or_share_its_activesync_id() {
        let linked = EasAssociation {
            id: "eas-1".into(),
            managed_device: "dev-1".into(),
            ..Default::default()
        };
        let by_eas_id = EasAssociation {
            id: "eas-2".into(),
            ..Default::default()
        };
        let d = Device::from(DeviceInfo {
            id: "dev-1".into(),
            eas_id: "eas-2".into(),
            ..Default::default()
        });
        assert!(belongs_to(&linked, &d));
        assert!(belongs_to(&by_eas_id, &d));
        // An unlinked association never matches a device without an ActiveSync id.
        let bare = Device::from(DeviceInfo {
            id: String::new(),
            ..Default::default()
        });
        assert!(!belongs_to(&by_eas_id, &bare));
        assert!(!belongs_to(&EasAssociation::default(), &Device::default()));
    }
}
