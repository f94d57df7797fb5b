//! Alerts (EPMM V1 API guide, "Alerts": "Get All Alerts", "Get all Alerts for User", "Update
//! Alert", "Update List of Alerts") behind the portal's [`AlertApi`], mapped into
//! [`crate::domain::alert`].

use super::EpmmCalls;
use crate::backend::alerts::{AlertApi, AlertCaps};
use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::alert::{Alert, ReadFilter};
use crate::domain::policy::title_case;
use crate::url::query_string;
use gloo_net::http::Method;
use std::sync::Arc;
use wire::v1;

const CAPS: AlertCaps = AlertCaps {
    // "Get All Alerts", the `severity` values, as [`word`] says them.
    severities: &["Critical", "Warning", "Information"],
    // "Update Alert": `Comments` is required, at most 255 characters.
    comment_max: v1::MAX_COMMENTS_CHARS,
};

/// Ids per update request: keeps the URL (`id=…&id=…`) well under common 8 KB limits.
pub const UPDATE_CHUNK: usize = 400;

/// EPMM's alerts.
pub struct EpmmAlerts {
    api: ApiClient,
}

impl EpmmAlerts {
    pub fn new(api: ApiClient) -> Self {
        EpmmAlerts { api }
    }
}

#[async_trait::async_trait(?Send)]
impl AlertApi for EpmmAlerts {
    fn caps(&self) -> &AlertCaps {
        &CAPS
    }

    async fn list(&self, read: ReadFilter) -> Result<Arc<Vec<Alert>>, ApiError> {
        list(&self.api, read).await
    }

    async fn for_user(&self, username: &str) -> Result<Arc<Vec<Alert>>, ApiError> {
        for_user(&self.api, username).await
    }

    /// V1 has no call for one alert: it is picked from the whole list.
    async fn get(&self, id: &str) -> Result<Alert, ApiError> {
        let missing = || ApiError::not_found(format!("There is no alert {}.", id.trim()));
        let want = alert_id(id).map_err(|_| missing())?;
        let all = list(&self.api, ReadFilter::All).await?;
        all.iter()
            .find(|a| a.id == want.to_string())
            .cloned()
            .ok_or_else(missing)
    }

    async fn set_read(&self, ids: &[String], read: bool, comment: &str) -> Result<usize, ApiError> {
        let ids = ids
            .iter()
            .map(|i| alert_id(i))
            .collect::<Result<Vec<i64>, _>>()?;
        update(&self.api, &ids, read, comment).await.map(|(n, _)| n)
    }
}

/// EPMM's alert ids are numbers.
fn alert_id(id: &str) -> Result<i64, ApiError> {
    id.trim()
        .parse()
        .map_err(|_| ApiError::rejected(400, format!("“{}” is not an alert id.", id.trim())))
}

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
    let mut list: Vec<(i64, Alert)> = r
        .alerts
        .items
        .into_iter()
        .map(|w| (w.id, map_alert(w)))
        .collect();
    // An inbox: newest first (ties by id, newest first).
    list.sort_by(|(ia, a), (ib, b)| b.date.cmp(&a.date).then(ib.cmp(ia)));
    Ok(Arc::new(list.into_iter().map(|(_, a)| a).collect()))
}

/// Every alert, or only the read or unread ones (`GET /api/v1/alerts[?isRead=]`, "Get All
/// Alerts"; 404 = none).
pub async fn list(api: &ApiClient, filter: ReadFilter) -> Result<Arc<Vec<Alert>>, ApiError> {
    fetch(api, v1::AlertScope::All, filter).await
}

/// The alerts of one user, all their devices (`GET /api/v1/alerts/users/{username}`, "Get all
/// Alerts for User").
pub async fn for_user(api: &ApiClient, principal: &str) -> Result<Arc<Vec<Alert>>, ApiError> {
    fetch(
        api,
        v1::AlertScope::User(principal.to_string()),
        ReadFilter::All,
    )
    .await
}

/// Marks alerts read or unread with a comment (`PUT /api/v1/alerts/{id}` for one, "Update
/// Alert"; `PUT /api/v1/alerts?id=…` for several, "Update List of Alerts"; in chunks that keep
/// the URL short). Answers how many the server updated and its last message.
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

/// Readable name of an `alertDefnname` ("Get All Alerts", "Alert type").
pub fn kind_label(defn: &str) -> String {
    match defn.trim() {
        "INTERNATIONAL_ROAMING_ALERT" => "International roaming".into(),
        "THRESHOLD_REACHED_ALERT" => "Threshold reached".into(),
        "SIM_CHANGED_ALERT" => "SIM changed".into(),
        "MEMORY_SIZE_EXCEEDED_ALERT" => "Storage size exceeded".into(),
        "SYSTEM_ALERT" => "System".into(),
        "POLICY_VIOLATIONS_ALERT" => "Policy violation".into(),
        other => title_case(other),
    }
}

/// `DISPATCH_FAILED` → `Dispatch failed`, `APNS` → `APNs`.
pub fn word(s: &str) -> String {
    match s.trim() {
        "APNS" => "APNs".into(),
        "SMS" => "SMS".into(),
        other => title_case(other),
    }
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
        id: w.id.to_string(),
        text: w.alert_text,
        // A user's id is the principal (see `users`).
        user_id: w.user_name.trim().to_string(),
        user: w.user_name,
        device_id: w.device_uuid,
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
    fn maps_the_get_all_alerts_example() {
        // EPMM V1 API guide, "Get All Alerts", the example response.
        let w: v1::Alert = serde_json::from_value(json!({"id": "5", "alertDate": "2010-05-01T01:02:00+00:00",
            "alertText": "WARNING::Memory size exceeded", "isActive": true, "isAlertRead": true,
            "userName": "miadmin", "alertDefnname": "MEMORY_SIZE_EXCEEDED_ALERT", "severity": "WARNING",
            "transport": "EMAIL", "status": "DISPATCH_FAILED", "deviceUuid": "d-1"}))
        .unwrap();
        let a = map_alert(w);
        // "isActive: true -- the alert is unread", whatever isAlertRead says.
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
        assert_eq!(
            (a.id.as_str(), a.user_id.as_str(), a.device_id.as_str()),
            ("5", "miadmin", "d-1")
        );
        // The severity filter offers every severity the mapping gives.
        for s in ["INFORMATION", "WARNING", "CRITICAL"] {
            assert!(CAPS.severities.contains(&word(s).as_str()));
        }
    }

    #[test]
    fn readable_alert_types() {
        // "Get All Alerts", "Alert type"; an unknown type is still readable.
        assert_eq!(
            kind_label("MEMORY_SIZE_EXCEEDED_ALERT"),
            "Storage size exceeded"
        );
        assert_eq!(kind_label("NEW_KIND_ALERT"), "New kind alert");
        assert_eq!(word("DISPATCH_FAILED"), "Dispatch failed");
        assert_eq!(word("APNS"), "APNs");
    }

    #[test]
    fn alert_ids_are_numbers() {
        assert_eq!(alert_id(" 42 "), Ok(42));
        assert!(alert_id("abc").unwrap_err().is_rejected());
        // "Update Alert": comments of at most 255 characters.
        assert_eq!(CAPS.comment_max, 255);
    }
}
