//! Actions on one device (EPMM V1 `/dm/devices/{action}/…`); on many, see [`super::bulk`].

use super::EpmmCalls;
use crate::backend::devices::ActionOutcome;
use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::actions::{DeviceCommand, DeviceLocation, UnlockCode};
use crate::url::query_string;
use gloo_net::http::Method;
use wire::v1::actions::{
    ActionRequest, ActionResponse, DeviceAction, LocateResponse, UnlockResponse,
};
use wire::v1::DeviceRef;

pub(super) fn url(path: &str, query: &[(&'static str, String)]) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!(
            "{path}?{}",
            query_string(query.iter().map(|(k, v)| (*k, v.as_str())))
        )
    }
}

fn method(m: &str) -> Method {
    match m {
        "GET" => Method::GET,
        "POST" => Method::POST,
        _ => Method::PUT,
    }
}

fn wire_action(c: DeviceCommand) -> DeviceAction {
    match c {
        DeviceCommand::Lock => DeviceAction::Lock,
        DeviceCommand::Unlock => DeviceAction::Unlock,
        // The V1 wakeup "forces a device to connect to Ivanti EPMM" (EPMM V1 API guide, "Wakeup
        // Client"): a forced check-in.
        DeviceCommand::WakeUp | DeviceCommand::CheckIn => DeviceAction::Wakeup,
        DeviceCommand::Locate => DeviceAction::Locate,
        DeviceCommand::Roaming => DeviceAction::EnableRoaming,
        DeviceCommand::Retire => DeviceAction::Retire,
        DeviceCommand::Wipe => DeviceAction::Wipe,
    }
}

async fn send<T: serde::de::DeserializeOwned>(
    api: &ApiClient,
    req: ActionRequest,
) -> Result<T, ApiError> {
    req.validate().map_err(|m| ApiError::rejected(400, m))?;
    api.send_json(
        method(req.method()),
        &url(&req.path(), &req.query()),
        Body::None,
    )
    .await
}

/// Lock, wake up, retire or wipe one device (`reason` where the action takes one).
pub async fn run(
    api: &ApiClient,
    cmd: DeviceCommand,
    uuid: &str,
    reason: &str,
) -> Result<ActionOutcome, ApiError> {
    let mut req = ActionRequest::new(wire_action(cmd), DeviceRef::Uuid(uuid.to_string()));
    if cmd.reason().is_some() && !reason.trim().is_empty() {
        req = req.reason(reason);
    }
    let r: ActionResponse = send(api, req).await?;
    Ok(ActionOutcome {
        message: r.messages.joined(),
        lock_passcode: Some(r.unlock_passcode.trim().to_string()).filter(|p| !p.is_empty()),
        unlock_codes: None,
    })
}

/// Unlock one device; answers the passcode codes (a GET: EPMM V1 API guide, "Unlock a Device").
pub async fn unlock(
    api: &ApiClient,
    uuid: &str,
    reason: &str,
) -> Result<Vec<UnlockCode>, ApiError> {
    let req =
        ActionRequest::new(DeviceAction::Unlock, DeviceRef::Uuid(uuid.to_string())).reason(reason);
    let r: UnlockResponse = send(api, req).await?;
    Ok(r.passcodes
        .items
        .into_iter()
        .map(|p| UnlockCode {
            device_id: p.uuid.trim().to_string(),
            name: p.name.trim().to_string(),
            value: p.value.trim().to_string(),
        })
        .collect())
}

/// The last known location; `now` asks the device for a fresh fix first (EPMM V1 API guide,
/// "Locate a Device").
pub async fn locate(
    api: &ApiClient,
    uuid: &str,
    now: bool,
) -> Result<Option<DeviceLocation>, ApiError> {
    let mut req = ActionRequest::new(DeviceAction::Locate, DeviceRef::Uuid(uuid.to_string()));
    req.locate_now = now;
    let r: LocateResponse = match send(api, req).await {
        Err(e) if e.is_not_found() => return Ok(None),
        other => other?,
    };
    Ok(r.latest().map(|l| DeviceLocation {
        method: l.lookup_result.clone(),
        position: l.position(),
        radius_m: l.radius,
        captured: l.captured_ms(),
    }))
}

/// Voice and data roaming on an iOS device (EPMM V1 API guide, "Enable Roaming").
pub async fn roaming(
    api: &ApiClient,
    uuid: &str,
    voice: bool,
    data: bool,
) -> Result<String, ApiError> {
    let mut req = ActionRequest::new(
        DeviceAction::EnableRoaming,
        DeviceRef::Uuid(uuid.to_string()),
    );
    req.voice = Some(voice);
    req.data = Some(data);
    let r: ActionResponse = send(api, req).await?;
    Ok(r.messages.joined())
}
