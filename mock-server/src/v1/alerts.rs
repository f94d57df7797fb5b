//! Alerts (V1 guide, "Alerts"): the four lists with the `isRead` filter, and the two updates.
//!
//! Decisions where the guide is unclear: `id` is sent in every list (an attribute in XML as in "Get
//! All Alerts", a child element in the other lists' examples); `isActive` is `!read` and the unused
//! `isAlertRead` mirrors the read state (`isActive` true means unread, `isAlertRead` is "Not used":
//! "Get All Alerts", the response example); `Comments`/`comments` both work, required and at most
//! 255 characters (`Comments` in the request tables of "Update Alert" and "Update List of Alerts",
//! `comments` in their examples); the bulk update message counts the alerts updated (the example
//! says "Updated 10 alert(s)" for two ids); phone numbers match with an optional leading country
//! code ("Phone Number Formats" excludes it, the examples have a leading `1`). An update sets
//! `updatedAt` to the mock clock and `updateBy` to the caller; the comments are stored but, as in
//! the guide, not part of the alert output (V1 guide, the response example of "Get All Alerts").
//! Unknown ids: one → 404; several → the known ones are updated and the unknown ones named in the
//! message (none known → 404).

use super::devices::path_param;
use super::envelope::{self, ApiError, Neg};
use super::params::{Paging, Params};
use crate::auth::Caller;
use crate::records::AlertRec;
use crate::state::{SharedState, World};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use wire::datetime::format_iso;
use wire::lenient::Messages;
use wire::v1::alerts::check_comments;
use wire::v1::{Alert, AlertDefn, AlertListResponse, MessagesOnly};

fn mb(x: u32, max: f64) -> f64 {
    (x % 10_000) as f64 / 10_000.0 * max
}

/// The alert text of the guide's form (`WARNING::Memory size exceeded 1% for Phone #: …`, V1 guide,
/// "Get All Alerts": the response example).
pub fn text(w: &World, a: &AlertRec) -> String {
    let d = &w.devices[a.device as usize];
    let user = &w.owner(d).principal;
    let phone = if d.is_pda() {
        d.mac_string()
    } else {
        format!("{}{}", d.country().code, d.phone_string())
    };
    let sev = a.severity.as_str();
    match a.defn {
        AlertDefn::MemorySizeExceeded => {
            let total = 64.0 + mb(a.detail, 960.0);
            let free = total * (0.01 + mb(a.detail >> 8, 0.09));
            format!(
                "{sev}::Memory size exceeded 1% for Phone #: {phone} ({user}), Total Memory Size: {total:.2}MB, Free Memory Size: {free:.2}MB"
            )
        }
        AlertDefn::InternationalRoaming => {
            let countries = ["Mexico", "Canada", "France", "Japan", "Germany", "Ireland"];
            format!(
                "{sev}::International roaming started for Phone #: {phone} ({user}), Country: {}",
                countries[(a.detail % countries.len() as u32) as usize]
            )
        }
        AlertDefn::ThresholdReached => format!(
            "{sev}::Data usage threshold of 80% reached for Phone #: {phone} ({user}), Used: {:.2}GB of 5.00GB",
            4.0 + mb(a.detail, 0.99)
        ),
        AlertDefn::SimChanged => format!(
            "{sev}::SIM changed for Phone #: {phone} ({user}), New ICCID: 8901{:015}",
            a.detail as u64 * 7_919 % 1_000_000_000_000_000
        ),
        AlertDefn::System => format!(
            "{sev}::Device {} of {user} checked in after {} days out of contact",
            d.model().model,
            3 + a.detail % 40
        ),
        AlertDefn::PolicyViolations => {
            let reasons = wire::v1::bitmap::decode(d.compliance).describe();
            let why = if reasons.is_empty() {
                "Policy out of date".to_string()
            } else {
                reasons
            };
            format!("{sev}::Policy violation for Phone #: {phone} ({user}): {why}")
        }
    }
}

/// The wire form of an alert.
pub fn to_wire(w: &World, a: &AlertRec) -> Alert {
    let d = &w.devices[a.device as usize];
    let owner = w.owner(d);
    Alert {
        id: a.id,
        device_uuid: d.uuid.clone(),
        dispatch_device_uuid: d.uuid.clone(),
        user_uuid: owner.uuid.clone(),
        label_id: Some(a.label_id),
        event_subscription_name: a.subscription.into(),
        alert_date: format_iso(a.date_s * 1000),
        alert_text: text(w, a),
        is_active: !a.read,
        retries: a.retries.into(),
        update_by: a.update_by.clone(),
        updated_at: format_iso(a.updated_s * 1000),
        user_name: owner.principal.clone(),
        alert_defnname: a.defn.as_str().into(),
        severity: a.severity.as_str().into(),
        transport: a.transport.as_str().into(),
        status: a.status.as_str().into(),
        is_alert_read: a.read,
    }
}

/// Which alerts a list call covers.
#[derive(Debug, Clone)]
enum Scope {
    All,
    Phone(String),
    User(String),
    UserPhone(String, String),
}

fn list_body(
    w: &World,
    scope: &Scope,
    is_read: Option<bool>,
    paging: Paging,
    neg: Neg,
) -> (axum::http::StatusCode, Vec<u8>) {
    let user = match scope {
        Scope::User(u) | Scope::UserPhone(u, _) => match w.user_index(u) {
            Some(i) => Some(i),
            None => return ApiError::no_data(format!("No user found with name {u}")).body_in(neg),
        },
        _ => None,
    };
    let phone_device = match scope {
        Scope::Phone(p) | Scope::UserPhone(_, p) => match w.device_index_by_phone(p) {
            Some(i) => Some(i),
            None => {
                return ApiError::no_data(format!("No alerts found for phone number {p}"))
                    .body_in(neg)
            }
        },
        _ => None,
    };
    let alerts: Vec<Alert> = w
        .alerts
        .iter()
        .filter(|a| is_read.is_none_or(|r| a.read == r))
        .filter(|a| phone_device.is_none_or(|i| a.device as usize == i))
        .filter(|a| user.is_none_or(|u| w.devices[a.device as usize].owner as usize == u))
        .map(|a| to_wire(w, a))
        .collect();
    envelope::page_body(
        neg,
        paging,
        &alerts,
        |n| format!("{n} alert(s) returned"),
        "No alerts found",
        |page, total, messages| AlertListResponse {
            messages,
            total_count: Some(total),
            alerts: page.into(),
        },
    )
}

async fn list_scope(
    state: SharedState,
    headers: HeaderMap,
    neg: Neg,
    params: Params,
    scope: Scope,
) -> Result<Response, ApiError> {
    let is_read = params.bool("isRead")?;
    let paging = Paging::from_params(&params)?;
    let key = format!("v1/alerts/{scope:?}?isRead={is_read:?}&{}", paging.key());
    Ok(envelope::cached(&state, &headers, neg, key, move |w, neg| {
        list_body(w, &scope, is_read, paging, neg)
    })
    .await)
}

/// `GET /api/v1/alerts[?isRead=]`.
pub async fn list(
    State(state): State<SharedState>,
    neg: Neg,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    list_scope(state, headers, neg, params, Scope::All).await
}

/// `GET /api/v1/alerts/phones/{phonenumber}`.
pub async fn by_phone(
    State(state): State<SharedState>,
    neg: Neg,
    phone: Result<Path<String>, PathRejection>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let phone = path_param(phone)?;
    list_scope(state, headers, neg, params, Scope::Phone(phone)).await
}

/// `GET /api/v1/alerts/users/{username}`.
pub async fn by_user(
    State(state): State<SharedState>,
    neg: Neg,
    user: Result<Path<String>, PathRejection>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let user = path_param(user)?;
    list_scope(state, headers, neg, params, Scope::User(user)).await
}

/// `GET /api/v1/alerts/users/{username}/phones/{phonenumber}`.
pub async fn by_user_phone(
    State(state): State<SharedState>,
    neg: Neg,
    p: Result<Path<(String, String)>, PathRejection>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Path((user, phone)) = p.map_err(|e| ApiError::bad_request(e.body_text()))?;
    list_scope(state, headers, neg, params, Scope::UserPhone(user, phone)).await
}

fn update_params(params: &Params) -> Result<(bool, String), ApiError> {
    let is_read = params.required_bool("isRead")?;
    // `Comments` in the tables, `comments` in the examples (V1 guide, "Update Alert": the request
    // table vs the example).
    let comments = params.get("comments").unwrap_or("").to_string();
    check_comments(&comments).map_err(ApiError::bad_request)?;
    Ok((is_read, comments))
}

fn apply(w: &mut World, ids: &[i64], is_read: bool, comments: &str, by: &str) -> (usize, Vec<i64>) {
    let now_s = w.tick() / 1000;
    let (mut done, mut unknown) = (0, Vec::new());
    for &id in ids {
        match w.alert_index(id) {
            Some(i) => {
                let a = &mut w.alerts[i];
                a.read = is_read;
                a.comments = comments.to_string();
                a.updated_s = now_s;
                a.update_by = by.to_string();
                done += 1;
            }
            None => unknown.push(id),
        }
    }
    (done, unknown)
}

/// `PUT /api/v1/alerts/{id}?isRead=&comments=`.
pub async fn update_one(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    neg: Neg,
    id: Result<Path<String>, PathRejection>,
    params: Params,
) -> Result<Response, ApiError> {
    let raw = path_param(id)?;
    let id: i64 = raw
        .trim()
        .parse()
        .map_err(|_| ApiError::bad_request(format!("Invalid alert id: {raw}")))?;
    let (is_read, comments) = update_params(&params)?;
    {
        let w = state.read();
        if w.alert_index(id).is_none() {
            return Err(ApiError::no_data(format!("No alert found with id {id}")));
        }
    }
    let mut w = state.write();
    apply(&mut w, &[id], is_read, &comments, &caller.principal);
    drop(w);
    let body = MessagesOnly {
        // "Updated alert 3936 successfully" (V1 guide, "Update Alert": the response example)
        messages: Messages::one(format!("Updated alert {id} successfully")),
        total_count: None,
    };
    Ok(envelope::ok(neg, &body))
}

/// `PUT /api/v1/alerts[/]?id=&id=&isRead=&comments=`.
pub async fn update_many(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    neg: Neg,
    params: Params,
) -> Result<Response, ApiError> {
    let mut ids = Vec::new();
    for v in params.all("id") {
        let id = v
            .trim()
            .parse::<i64>()
            .map_err(|_| ApiError::bad_request(format!("Invalid alert id: {v}")))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(ApiError::bad_request(
            "id is required (repeat it for several alerts)",
        ));
    }
    let (is_read, comments) = update_params(&params)?;
    {
        let w = state.read();
        if ids.iter().all(|&i| w.alert_index(i).is_none()) {
            return Err(ApiError::no_data("No alert found with the given ids"));
        }
    }
    let mut w = state.write();
    let (done, unknown) = apply(&mut w, &ids, is_read, &comments, &caller.principal);
    drop(w);
    // " Updated 10 alert(s) successfully" (V1 guide, "Update List of Alerts": the response example,
    // for two ids), counting the alerts updated.
    let mut messages = vec![format!(" Updated {done} alert(s) successfully")];
    if !unknown.is_empty() {
        messages.push(format!(
            "No alert found with id {}",
            unknown
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let body = MessagesOnly {
        messages: Messages(messages),
        total_count: None,
    };
    Ok(envelope::ok(neg, &body))
}
