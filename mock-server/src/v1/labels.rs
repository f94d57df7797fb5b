//! `GET /api/v1/dm/labels` (V1 guide, "Get all Labels") and `GET /api/v1/dm/labels/{labelname}`
//! ("Get Device Details for a Phone Number/User/Label/Wi-Fi MAC Address").

use super::devices::{list_body, path_param};
use super::envelope::{self, ApiError, Neg};
use super::params::{Paging, Params};
use crate::state::{SharedState, World};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use wire::v1::{Label, LabelListResponse};

/// Every label with its live `deviceCount`.
pub fn labels_body(world: &World, paging: Paging, neg: Neg) -> (StatusCode, Vec<u8>) {
    let labels: Vec<Label> = world
        .labels
        .iter()
        .map(|l| Label {
            id: l.id,
            name: l.name.clone(),
            description: l.description.clone(),
            static_label: l.is_static(),
            query: l.query(),
            device_count: world.label_count(l) as i64,
            is_es_search: l.is_es_search,
        })
        .collect();
    envelope::page_body(
        neg,
        paging,
        &labels,
        envelope::labels_returned,
        "No labels found",
        |page, total, messages| LabelListResponse {
            messages,
            total_count: Some(total),
            labels: page.into(),
        },
    )
}

/// `GET /api/v1/dm/labels`.
pub async fn list(
    State(state): State<SharedState>,
    neg: Neg,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let paging = Paging::from_params(&params)?;
    let key = format!("v1/dm/labels?{}", paging.key());
    Ok(envelope::cached(&state, &headers, neg, key, move |w, neg| {
        labels_body(w, paging, neg)
    })
    .await)
}

/// `GET /api/v1/dm/labels/{labelname}`: the devices in the label (by name, not id).
pub async fn devices(
    State(state): State<SharedState>,
    neg: Neg,
    name: Result<Path<String>, PathRejection>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let name = path_param(name)?;
    let paging = Paging::from_params(&params)?;
    let key = format!("v1/dm/labels/{name}?{}", paging.key());
    Ok(envelope::cached(&state, &headers, neg, key, move |w, neg| {
        match w.label(&name) {
            None => ApiError::no_data(format!("No label found with name {name}")).body_in(neg),
            Some(label) => {
                let members = w.label_members(label);
                list_body(
                    w,
                    &members,
                    paging,
                    &format!("No devices found for label {}", label.name),
                    neg,
                )
            }
        }
    })
    .await)
}
