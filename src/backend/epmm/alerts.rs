//! Alerts (EPMM V1 `/alerts`, L5566-6309), mapped into [`crate::domain::alert`].

use super::EpmmCalls;
use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::alert::{kind_label, word, Alert, ReadFilter, UPDATE_CHUNK};
use crate::url::query_string;
use gloo_net::http::Method;
use std::sync::Arc;
use wire::v1;

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

async fn fetch(
    api: &ApiClient,
    scope: v1::AlertScope,
    filter: ReadFilter,
) -> Result<Arc<Vec<Alert>>, ApiError> {
    let (path, query) = scope.request(filter.is_read());
    let r: v1::AlertListResponse = api.get_list(&url(&path, &query)).await?;
    let mut list: Vec<Alert> = r.alerts.items.into_iter().map(map_alert).collect();
    // An inbox: newest first (ties by id, newest first).
    list.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    Ok(Arc::new(list))
}

/// Every alert, or only the read or unread ones (`GET /api/v1/alerts[?isRead=]`; 404 = none).
pub async fn list(api: &ApiClient, filter: ReadFilter) -> Result<Arc<Vec<Alert>>, ApiError> {
    fetch(api, v1::AlertScope::All, filter).await
}

/// The alerts of one user, all their devices (`GET /api/v1/alerts/users/{username}`).
pub async fn for_user(api: &ApiClient, principal: &str) -> Result<Arc<Vec<Alert>>, ApiError> {
    fetch(
        api,
        v1::AlertScope::User(principal.to_string()),
        ReadFilter::All,
    )
    .await
}

/// Marks alerts read or unread with a comment (`PUT /api/v1/alerts/{id}` for one,
/// `PUT /api/v1/alerts?id=…` for several, in chunks that keep the URL short). Answers how many
/// the server updated and its last message.
pub async fn update(
    api: &ApiClient,
    ids: &[i64],
    is_read: bool,
    comment: &str,
) -> Result<(usize, String), ApiError> {
    let mut done = 0;
    let mut message = String::new();
    for chunk in ids.chunks(UPDATE_CHUNK) {
        let req = v1::AlertUpdate {
            ids: chunk.to_vec(),
            is_read,
            comments: comment.trim().to_string(),
        };
        req.validate().map_err(|m| ApiError::rejected(400, m))?;
        let (path, query) = req.request();
        let r: v1::AlertUpdateResponse = api
            .send_json(Method::PUT, &url(&path, &query), Body::None)
            .await?;
        done += chunk.len();
        message = r.messages.joined();
    }
    Ok((done, message))
}

pub fn map_alert(w: v1::Alert) -> Alert {
    Alert {
        date: w.date_ms(),
        updated: wire::datetime::parse_to_epoch_ms(&w.updated_at),
        read: w.is_read(),
        severity: word(&w.severity),
        kind: kind_label(&w.alert_defnname),
        transport: word(&w.transport),
        status: word(&w.status),
        id: w.id,
        text: w.alert_text,
        user: w.user_name,
        device_uuid: w.device_uuid,
        user_uuid: w.user_uuid,
        label_id: w.label_id,
        subscription: w.event_subscription_name,
        retries: w.retries,
        updated_by: w.update_by,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_the_guide_example_l5652_5745() {
        let w: v1::Alert = serde_json::from_value(json!({"id": "5", "alertDate": "2010-05-01T01:02:00+00:00",
            "alertText": "WARNING::Memory size exceeded", "isActive": true, "isAlertRead": true,
            "userName": "miadmin", "alertDefnname": "MEMORY_SIZE_EXCEEDED_ALERT", "severity": "WARNING",
            "transport": "EMAIL", "status": "DISPATCH_FAILED"}))
        .unwrap();
        let a = map_alert(w);
        // isActive true = unread, whatever isAlertRead says (L5678-5680).
        assert!(!a.read);
        assert_eq!(a.read_label(), "Unread");
        assert_eq!(
            (a.severity.as_str(), a.kind.as_str()),
            ("Warning", "Storage size exceeded")
        );
        assert_eq!(
            (a.transport.as_str(), a.status.as_str()),
            ("Email", "Dispatch failed")
        );
        assert_eq!(a.date, Some(1_272_675_720_000));
        assert_eq!(a.message(), "Memory size exceeded");
    }
}
