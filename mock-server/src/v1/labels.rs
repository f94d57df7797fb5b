//! `GET /api/v1/dm/labels` (L4005-4089) and `GET /api/v1/dm/labels/{labelname}` (L2818-3154).

use super::devices::list_body;
use super::envelope::{self, ApiError};
use super::params::{Paging, Params};
use crate::state::{SharedState, World};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use wire::lenient::Messages;
use wire::v1::{Label, LabelListResponse};

/// Every label with its live `deviceCount`.
pub fn labels_body(world: &World) -> (StatusCode, Vec<u8>) {
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
    let status = if labels.is_empty() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    let body = LabelListResponse {
        messages: Messages::one(if labels.is_empty() {
            "No labels found".to_string()
        } else {
            envelope::labels_returned(labels.len())
        }),
        total_count: Some(labels.len() as u64),
        labels: labels.into(),
    };
    (status, serde_json::to_vec(&body).unwrap_or_default())
}

/// `GET /api/v1/dm/labels`.
pub async fn list(State(state): State<SharedState>, headers: HeaderMap) -> Response {
    envelope::cached(&state, &headers, "v1/dm/labels".into(), labels_body).await
}

/// `GET /api/v1/dm/labels/{labelname}`: the devices in the label (by name, not id).
pub async fn devices(
    State(state): State<SharedState>,
    name: Result<Path<String>, PathRejection>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Path(name) = name.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let paging = Paging::from_params(&params)?;
    let key = format!("v1/dm/labels/{name}?{}", paging.key());
    Ok(
        envelope::cached(&state, &headers, key, move |w| match w.label(&name) {
            None => {
                let e = ApiError::no_data(format!("No label found with name {name}"));
                (e.status, serde_json::to_vec(&e.body).unwrap_or_default())
            }
            Some(label) => {
                let members = w.label_members(label);
                list_body(
                    w,
                    &members,
                    paging,
                    &format!("No devices found for label {}", label.name),
                )
            }
        })
        .await,
    )
}
