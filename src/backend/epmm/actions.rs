//! Device actions, one device or many (EPMM V1 `/dm/devices/{action}/…`, `/dm/bulk/…`).

use super::EpmmCalls;
use crate::backend::devices::ActionOutcome;
use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::actions::{DeviceCommand, DeviceLocation, UnlockCode};
use crate::domain::bulk::{sent_count, BulkKind, ChunkResult, Unnamed};
use crate::domain::forms::MessageMode;
use crate::url::query_string;
use gloo_net::http::Method;
use wire::v1::actions::{
    ActionRequest, ActionResponse, DeviceAction, LocateResponse, UnlockResponse,
};
use wire::v1::bulk::{BulkAction, BulkResponse, SendMessageRequest, SendMessageResponse};
use wire::v1::DeviceRef;

fn url(path: &str, query: &[(&'static str, String)]) -> String {
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

/// Unlock one device; answers the passcode codes (GET, L3520-3636).
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

/// The last known location; `now` asks the device for a fresh fix first (L3777-3897).
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

/// Voice and data roaming on an iOS device (L3899-4004).
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

fn bulk_action(k: BulkKind) -> BulkAction {
    match k {
        BulkKind::Lock => BulkAction::Lock,
        BulkKind::Unlock => BulkAction::Unlock,
        BulkKind::WakeUp => BulkAction::WakeupDevice,
        BulkKind::Retire => BulkAction::Retire,
        BulkKind::Wipe => BulkAction::Wipe,
    }
}

/// Bytes each device adds to a bulk request's query (`&deviceUuids=`).
pub const BULK_PER_ITEM: usize = "&deviceUuids=".len();
/// Bytes each device adds to a send-message query (`&deviceUuid=`).
pub const MESSAGE_PER_ITEM: usize = "&deviceUuid=".len();

/// One request of a bulk action (`POST /dm/bulk/devices/{ACTION}`, L4238-4381).
pub async fn bulk(
    api: &ApiClient,
    kind: BulkKind,
    uuids: &[String],
) -> Result<ChunkResult, ApiError> {
    let action = bulk_action(kind);
    let query = BulkAction::query(uuids).map_err(|m| ApiError::rejected(400, m))?;
    let r: BulkResponse = api
        .send_json(Method::POST, &url(&action.path(), &query), Body::None)
        .await?;
    if r.is_invalid_action() {
        return Err(ApiError::rejected(
            400,
            "The server did not accept the action name.",
        ));
    }
    Ok(ChunkResult {
        invalid: r
            .invalid_devices
            .trimmed()
            .into_iter()
            .map(String::from)
            .collect(),
        failed: r
            .failed_devices
            .items
            .into_iter()
            .map(|m| m.trim().to_string())
            .collect(),
        passcodes: r
            .passcodes
            .items
            .into_iter()
            .map(|p| {
                (
                    p.uuid.trim().to_string(),
                    p.name.trim().to_string(),
                    p.value.trim().to_string(),
                )
            })
            .collect(),
        unnamed: Unnamed::Succeeded,
        messages: r.messages.0,
    })
}

/// One request of a message to devices (`POST /dm/bulk/sendmessage`, L4383-4446).
pub async fn send_message(
    api: &ApiClient,
    mode: MessageMode,
    subject: &str,
    message: &str,
    uuids: &[String],
) -> Result<ChunkResult, ApiError> {
    let req = SendMessageRequest {
        mode: match mode {
            MessageMode::Sms => wire::v1::bulk::MessageMode::Sms,
            MessageMode::Email => wire::v1::bulk::MessageMode::Email,
            MessageMode::Push => wire::v1::bulk::MessageMode::Pns,
        },
        message: message.to_string(),
        subject: Some(subject.to_string()).filter(|s| !s.trim().is_empty()),
        devices: uuids.to_vec(),
        by_mac: false,
    };
    req.validate().map_err(|m| ApiError::rejected(400, m))?;
    let r: SendMessageResponse = api
        .send_json(Method::POST, &url(req.path(), &req.query()), Body::None)
        .await?;
    let messages = r.messages.0;
    // `messageSentFailed` names no device (L4479-4506): the devices not listed as invalid are
    // then unconfirmed, with the count the server's sentence gives, if any.
    let unnamed = if r.message_sent_failed {
        Unnamed::SomeFailed {
            sent: sent_count(&messages),
        }
    } else {
        Unnamed::Succeeded
    };
    Ok(ChunkResult {
        invalid: r
            .invalid_devices
            .trimmed()
            .into_iter()
            .map(String::from)
            .collect(),
        unnamed,
        messages,
        ..Default::default()
    })
}
