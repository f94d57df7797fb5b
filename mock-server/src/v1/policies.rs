//! Policies (V1 guide, "Policies"): all policies, the policies of a device, apply/remove a policy
//! for a label; and app settings ("Application Settings"): all (with the `type` filter) and by
//! device.
//!
//! Policies and app settings are applied to labels; a device has those applied to a label it is
//! in (retired and wiped devices have none). `deviceCount`/`pendingCount` count managed devices
//! covered, pending = registration not complete or policy out of date; in the by-device calls
//! they are 0, "not applicable" (the response examples of "Get Policies by DeviceUUID" and "Get
//! Application Settings by Device UUID"). Policies also carry `labels` and `labelNames` (like app
//! settings) so that `apply_label` is visible [inferred]. Apply/remove: the message names the
//! requested label (the example of "Apply/Remove policy for a label" asks for `Testlabel` and
//! answers "Android"); applying an applied label or removing one that is not applied is 400; an
//! unknown policy or label is 404. The `type` filter of app settings matches `appType` (the request
//! table of "Get all Application Settings"). App settings of a quarantined device have state 68
//! (their profiles were removed: `quarantinedStatus` in "Get Device Details for a Phone
//! Number/User/Label/Wi-Fi MAC Address"), otherwise 67.

use super::devices::path_param;
use super::envelope::{self, ApiError, Neg};
use super::params::{Paging, Params};
use crate::ops;
use crate::records::{AppSettingRec, PolicyRec};
use crate::state::{SharedState, World};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use wire::lenient::Messages;
use wire::v1::appsettings::{STATE_CURRENT, STATE_DELETED};
use wire::v1::{
    AppSetting, AppSettingListResponse, AppSettingType, Entries, MessagesOnly, Policy,
    PolicyLabelAction, PolicyListResponse, PolicyStatus,
};

fn label_names(w: &World, ids: &[i64]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| w.label_by_id(*id).map(|l| l.name.clone()))
        .collect()
}

/// The wire form of a policy with its counts.
pub fn policy_wire(w: &World, p: &PolicyRec, counts: (i64, i64)) -> Policy {
    Policy {
        id: p.id,
        policy_name: p.name.clone(),
        policy_type: p.policy_type.as_str().into(),
        profile_type: p.profile.as_str().into(),
        status: if p.active {
            PolicyStatus::Active
        } else {
            PolicyStatus::Inactive
        }
        .as_str()
        .into(),
        active: p.active,
        default_policy: false,
        description: p.description.clone(),
        device_count: counts.0,
        pending_count: counts.1,
        priority: p.priority,
        rules: p.rules.clone().into(),
        labels: p.labels.clone(),
        label_names: label_names(w, &p.labels),
    }
}

fn policies_page(
    neg: Neg,
    paging: Paging,
    items: &[Policy],
    none: &str,
) -> (axum::http::StatusCode, Vec<u8>) {
    envelope::page_body(
        neg,
        paging,
        items,
        // " 1 policy returned." (V1 guide, "Get Policies": the response example)
        |n| format!(" {n} policy returned."),
        none,
        |page, total, messages| PolicyListResponse {
            messages,
            total_count: Some(total),
            policies: page.into(),
        },
    )
}

/// `GET /api/v1/policies`.
pub async fn list(
    State(state): State<SharedState>,
    neg: Neg,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let paging = Paging::from_params(&params)?;
    let key = format!("v1/policies?{}", paging.key());
    Ok(envelope::cached(&state, &headers, neg, key, move |w, neg| {
        let masks = ops::label_masks(w);
        let items: Vec<Policy> = w
            .policies
            .iter()
            .map(|p| policy_wire(w, p, ops::counts(w, &masks, &p.labels, p.active)))
            .collect();
        policies_page(neg, paging, &items, "No policies found")
    })
    .await)
}

/// `GET /api/v1/policies/devices/{deviceuuid}`.
pub async fn by_device(
    State(state): State<SharedState>,
    neg: Neg,
    uuid: Result<Path<String>, PathRejection>,
    params: Params,
) -> Result<Response, ApiError> {
    let uuid = path_param(uuid)?;
    let paging = Paging::from_params(&params)?;
    let w = state.read();
    let i = w
        .device_index(&uuid)
        .ok_or_else(|| ApiError::no_data(format!("No device found for uuid {uuid}")))?;
    let items: Vec<Policy> = ops::device_policies(&w, i)
        .into_iter()
        .map(|p| policy_wire(&w, p, (0, 0)))
        .collect();
    drop(w);
    let (status, body) = policies_page(
        neg,
        paging,
        &items,
        &format!("No policies found for device {uuid}"),
    );
    Ok(envelope::bytes_response(
        status,
        neg.format.content_type(),
        body,
    ))
}

/// `PUT /api/v1/policies/{policyid}?action=apply_label|remove_label&label=`.
pub async fn label_action(
    State(state): State<SharedState>,
    neg: Neg,
    id: Result<Path<String>, PathRejection>,
    params: Params,
) -> Result<Response, ApiError> {
    let raw = path_param(id)?;
    let id: i64 = raw
        .trim()
        .parse()
        .map_err(|_| ApiError::bad_request(format!("Invalid policy id: {raw}")))?;
    let action = params
        .required("action")?
        .parse::<PolicyLabelAction>()
        .map_err(|_| {
            ApiError::bad_request("Invalid action: expected apply_label or remove_label")
        })?;
    let label = params.required("label")?.to_string();
    let mut w = state.write();
    let p = w
        .policies
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| ApiError::no_data(format!("No policy found with id {id}")))?;
    let (lid, lname) = w
        .label(&label)
        .map(|l| (l.id, l.name.clone()))
        .ok_or_else(|| ApiError::no_data(format!("No label found with name {label}")))?;
    let applied = w.policies[p].labels.contains(&lid);
    let message = match action {
        PolicyLabelAction::ApplyLabel if applied => {
            return Err(ApiError::bad_request(format!(
                "Policy {} is already applied to label {lname}",
                w.policies[p].name
            )))
        }
        PolicyLabelAction::RemoveLabel if !applied => {
            return Err(ApiError::bad_request(format!(
                "Policy {} is not applied to label {lname}",
                w.policies[p].name
            )))
        }
        PolicyLabelAction::ApplyLabel => {
            w.policies[p].labels.push(lid);
            // "Policy applied to label Android successfully." (V1 guide, "Apply/Remove policy for a
            // label": the response example)
            format!("Policy applied to label {lname} successfully.")
        }
        PolicyLabelAction::RemoveLabel => {
            w.policies[p].labels.retain(|l| *l != lid);
            format!("Policy removed from label {lname} successfully.")
        }
    };
    let now = w.tick();
    w.policies[p].updated_ms = now;
    drop(w);
    Ok(envelope::ok(
        neg,
        &MessagesOnly {
            messages: Messages::one(message),
            total_count: None,
        },
    ))
}

/// The wire form of an app setting; `device` set for the by-device call.
pub fn setting_wire(
    w: &World,
    a: &AppSettingRec,
    masks: Option<&[u64]>,
    device: Option<usize>,
) -> AppSetting {
    let (mut applied, mut pending, mut quarantined) = (0, 0, 0);
    if let Some(masks) = masks {
        let m = ops::mask_of(w, &a.labels);
        for (d, dm) in w.devices.iter().zip(masks) {
            if dm & m == 0 || !ops::is_managed(d) {
                continue;
            }
            if d.quarantined_status != 0 {
                quarantined += 1;
            } else if ops::is_pending_delivery(d) {
                pending += 1;
            } else {
                applied += 1;
            }
        }
    }
    AppSetting {
        id: a.id,
        name: a.name.clone(),
        description: a.description.clone(),
        app_type: a.app_type.as_str().into(),
        device_count: applied,
        pending_count: pending,
        quarantined_count: Some(quarantined),
        setting_type: a.origin.as_str().into(),
        state: device.map(|i| {
            if w.devices[i].quarantined_status != 0 {
                STATE_DELETED
            } else {
                STATE_CURRENT
            }
        }),
        clear_certificate_cache_for_scep_setting: false,
        labels: a.labels.clone(),
        label_names: label_names(w, &a.labels),
        properties: Entries(a.properties.clone()),
    }
}

fn settings_page(
    neg: Neg,
    paging: Paging,
    items: &[AppSetting],
    none: &str,
) -> (axum::http::StatusCode, Vec<u8>) {
    envelope::page_body(
        neg,
        paging,
        items,
        // " 1 application settting(s) returned." (sic, V1 guide, "Get all Application Settings":
        // the response example)
        |n| format!(" {n} application settting(s) returned."),
        none,
        |page, total, messages| AppSettingListResponse {
            messages,
            total_count: Some(total),
            appsettings: page.into(),
        },
    )
}

/// `GET /api/v1/appsettings[?type=]`.
pub async fn settings(
    State(state): State<SharedState>,
    neg: Neg,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let kind = params
        .non_blank("type")
        .map(|t| t.parse::<AppSettingType>().map_err(ApiError::bad_request))
        .transpose()?;
    let paging = Paging::from_params(&params)?;
    let key = format!("v1/appsettings?type={kind:?}&{}", paging.key());
    Ok(envelope::cached(&state, &headers, neg, key, move |w, neg| {
        let masks = ops::label_masks(w);
        let items: Vec<AppSetting> = w
            .app_settings
            .iter()
            .filter(|a| kind.is_none_or(|k| a.app_type == k))
            .map(|a| setting_wire(w, a, Some(&masks), None))
            .collect();
        let none = match kind {
            Some(k) => format!("No application settings of type {k} found"),
            None => "No application settings found".to_string(),
        };
        settings_page(neg, paging, &items, &none)
    })
    .await)
}

/// `GET /api/v1/appsettings/devices/{deviceuuid}`.
pub async fn settings_by_device(
    State(state): State<SharedState>,
    neg: Neg,
    uuid: Result<Path<String>, PathRejection>,
    params: Params,
) -> Result<Response, ApiError> {
    let uuid = path_param(uuid)?;
    let paging = Paging::from_params(&params)?;
    let w = state.read();
    let i = w
        .device_index(&uuid)
        .ok_or_else(|| ApiError::no_data(format!("No device found for uuid {uuid}")))?;
    let items: Vec<AppSetting> = ops::device_app_settings(&w, i)
        .into_iter()
        .map(|a| setting_wire(&w, a, None, Some(i)))
        .collect();
    drop(w);
    let (status, body) = settings_page(
        neg,
        paging,
        &items,
        &format!("No application settings found for device {uuid}"),
    );
    Ok(envelope::bytes_response(
        status,
        neg.format.content_type(),
        body,
    ))
}
