//! Alerts: the four lists and the two updates (EPMM V1 API guide, "Alerts").

use super::common::{encode_segment, wire_enum, MAX_COMMENTS_CHARS};
use crate::lenient::{self, Messages};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// `alertDefnname` (V1 guide, "Get All Alerts": the response example).
    AlertDefn {
        InternationalRoaming = "INTERNATIONAL_ROAMING_ALERT",
        ThresholdReached = "THRESHOLD_REACHED_ALERT",
        SimChanged = "SIM_CHANGED_ALERT",
        /// The "Storage Size Exceeded" event.
        MemorySizeExceeded = "MEMORY_SIZE_EXCEEDED_ALERT",
        System = "SYSTEM_ALERT",
        PolicyViolations = "POLICY_VIOLATIONS_ALERT",
    }
);

wire_enum!(
    /// `severity` (V1 guide, "Get All Alerts": the response example).
    AlertSeverity {
        Information = "INFORMATION",
        Warning = "WARNING",
        Critical = "CRITICAL",
    }
);

wire_enum!(
    /// `transport` (V1 guide, "Get All Alerts": the response example): APNS for iPhones only.
    AlertTransport {
        Email = "EMAIL",
        Sms = "SMS",
        Apns = "APNS",
    }
);

wire_enum!(
    /// `status`, the dispatch lifecycle (V1 guide, "Alerts" and the response example of "Get All
    /// Alerts").
    AlertStatus {
        Created = "CREATED",
        Processed = "PROCESSED",
        DispatchPending = "DISPATCH_PENDING",
        Dispatching = "DISPATCHING",
        Dispatched = "DISPATCHED",
        DispatchFailed = "DISPATCH_FAILED",
    }
);

/// `<alert>` (V1 guide, "Get All Alerts": the response example). `id` is an attribute in Get All
/// Alerts and a child element in the other lists ("Get All Alerts for Phone Number" and the two
/// after it); both map to `id` in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    #[serde(deserialize_with = "lenient::int_i64")]
    pub id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub device_uuid: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub dispatch_device_uuid: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_uuid: String,
    /// The label that triggered the alert.
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub label_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub event_subscription_name: String,
    /// ISO-8601 (`2010-05-01T01:02:00+00:00`).
    #[serde(default, deserialize_with = "lenient::string")]
    pub alert_date: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub alert_text: String,
    /// **true = unread**, false = read (V1 guide, "Get All Alerts": `isActive` in the response
    /// example). See [`Alert::is_read`].
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub is_active: bool,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub retries: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub update_by: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub updated_at: String,
    /// The recipient (`miadmin`).
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub alert_defnname: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub severity: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub transport: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    /// "Not used. The isActive field indicates whether the alert is read or unread." (V1 guide,
    /// "Get All Alerts")
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub is_alert_read: bool,
}

impl Alert {
    /// Read state, from `isActive` (the only field the guide says is used).
    pub fn is_read(&self) -> bool {
        !self.is_active
    }
    pub fn defn(&self) -> Option<AlertDefn> {
        self.alert_defnname.parse().ok()
    }
    pub fn severity(&self) -> Option<AlertSeverity> {
        self.severity.parse().ok()
    }
    pub fn transport(&self) -> Option<AlertTransport> {
        self.transport.parse().ok()
    }
    pub fn status(&self) -> Option<AlertStatus> {
        self.status.parse().ok()
    }
    /// `alertDate` in epoch milliseconds.
    pub fn date_ms(&self) -> Option<i64> {
        crate::datetime::parse_to_epoch_ms(&self.alert_date)
    }
}

crate::v1::container!(
    /// `<alerts><alert>…</alert></alerts>`
    Alerts, "alert", Alert
);

/// Every alert list (V1 guide, the response examples of "Get All Alerts" and the three after it):
/// `1 alert(s) returned`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertListResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub alerts: Alerts,
}

/// Which alerts to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlertScope {
    /// `GET /alerts`
    All,
    /// `GET /alerts/phones/{phonenumber}`
    Phone(String),
    /// `GET /alerts/users/{username}`
    User(String),
    /// `GET /alerts/users/{username}/phones/{phonenumber}`
    UserPhone(String, String),
}

impl AlertScope {
    /// The path, and the `isRead` filter when given (true = read, false = unread; V1 guide, "Get
    /// All Alerts": the request table).
    pub fn request(&self, is_read: Option<bool>) -> (String, Vec<(&'static str, String)>) {
        let path = match self {
            AlertScope::All => "/v1/alerts".to_string(),
            AlertScope::Phone(p) => format!("/v1/alerts/phones/{}", encode_segment(p.trim())),
            AlertScope::User(u) => format!("/v1/alerts/users/{}", encode_segment(u.trim())),
            AlertScope::UserPhone(u, p) => format!(
                "/v1/alerts/users/{}/phones/{}",
                encode_segment(u.trim()),
                encode_segment(p.trim())
            ),
        };
        let q = is_read
            .map(|r| vec![("isRead", r.to_string())])
            .unwrap_or_default();
        (path, q)
    }
}

/// `PUT /alerts/{id}` (V1 guide, "Update Alert") and `PUT /alerts?id=…&id=…` ("Update List of
/// Alerts"): `isRead` and `Comments` are both required; comments at most 255 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertUpdate {
    pub ids: Vec<i64>,
    pub is_read: bool,
    pub comments: String,
}

impl AlertUpdate {
    pub fn validate(&self) -> Result<(), String> {
        if self.ids.is_empty() {
            return Err("at least one alert id is required".into());
        }
        check_comments(&self.comments)
    }
    /// One id: `/v1/alerts/{id}`; several: `/v1/alerts` with `id` repeated. Keys as in the
    /// examples (`isRead`, `comments`; the server reads `Comments` too).
    pub fn request(&self) -> (String, Vec<(&'static str, String)>) {
        let mut q = Vec::new();
        let path = if let [one] = self.ids.as_slice() {
            format!("/v1/alerts/{one}")
        } else {
            q.extend(self.ids.iter().map(|i| ("id", i.to_string())));
            "/v1/alerts".to_string()
        };
        q.push(("isRead", self.is_read.to_string()));
        q.push(("comments", self.comments.clone()));
        (path, q)
    }
}

/// `Comments` is required and at most 255 characters (V1 guide, "Update Alert": the request table).
pub fn check_comments(comments: &str) -> Result<(), String> {
    let n = comments.chars().count();
    if comments.trim().is_empty() {
        Err("Comments are required".into())
    } else if n > MAX_COMMENTS_CHARS {
        Err(format!(
            "Comments must be at most {MAX_COMMENTS_CHARS} characters (got {n})"
        ))
    } else {
        Ok(())
    }
}

/// `Updated alert 3936 successfully` / ` Updated 10 alert(s) successfully` (V1 guide, the response
/// examples of "Update Alert" and "Update List of Alerts").
pub type AlertUpdateResponse = super::MessagesOnly;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn get_all_alerts_response_example() {
        let v = json!({"messages": {"message": ["1 alert(s) returned"]}, "alerts": {"alert": {
            "id": "5", "deviceUuid": "6482dce2-ea75-400a-9f2c-d67766d942cf",
            "dispatchDeviceUuid": "6482dce2-ea75-400a-9f2c-d67766d942cf",
            "userUuid": "asdasd-34sd-234sdf-sfsdfd", "labelId": 163, "eventSubscriptionName": "m1",
            "alertDate": "2010-05-01T01:02:00+00:00",
            "alertText": "WARNING::Memory size exceeded 1% for Phone #: 14085551212 (miadmin), Total Memory Size: 154.86MB, Free Memory Size: 133.59MB",
            "isActive": false, "retries": 2, "updateBy": "alertprocessor",
            "updatedAt": "2010-04-30T01:04:00+00:00", "userName": "miadmin",
            "alertDefnname": "MEMORY_SIZE_EXCEEDED_ALERT", "severity": "WARNING", "transport": "EMAIL",
            "status": "DISPATCHED", "isAlertRead": true}}});
        let r: AlertListResponse = serde_json::from_value(v).unwrap();
        let a = &r.alerts.items[0];
        assert_eq!(a.id, 5);
        // isActive false = read, whatever the unused isAlertRead says (V1 guide, "Get All Alerts":
        // the response example).
        assert!(a.is_read());
        assert_eq!(a.defn(), Some(AlertDefn::MemorySizeExceeded));
        assert_eq!(a.severity(), Some(AlertSeverity::Warning));
        assert_eq!(a.transport(), Some(AlertTransport::Email));
        assert_eq!(a.status(), Some(AlertStatus::Dispatched));
        assert_eq!(a.date_ms(), Some(1_272_675_720_000));
    }

    #[test]
    fn update_alert_and_update_list_of_alerts_examples() {
        // alerts/3936?isRead=false&comments=Reset (V1 guide, "Update Alert", example)
        let one = AlertUpdate {
            ids: vec![3936],
            is_read: false,
            comments: "Reset".into(),
        };
        let (p, q) = one.request();
        assert_eq!(p, "/v1/alerts/3936");
        assert_eq!(
            q,
            [("isRead", "false".into()), ("comments", "Reset".into())]
        );
        // alerts?id=3936&id=3934&isRead=true&comments=… (V1 guide, "Update List of Alerts",
        // example)
        let many = AlertUpdate {
            ids: vec![3936, 3934],
            is_read: true,
            comments: "Jdoe read this alert".into(),
        };
        let (p, q) = many.request();
        assert_eq!(p, "/v1/alerts");
        assert_eq!(q[..2], [("id", "3936".into()), ("id", "3934".into())]);
        assert!(check_comments(&"c".repeat(255)).is_ok());
        assert!(check_comments(&"c".repeat(256)).is_err());
        assert!(check_comments("").is_err());
        let (p, q) = AlertScope::UserPhone("jdoe".into(), "16505551212".into()).request(Some(true));
        assert_eq!(p, "/v1/alerts/users/jdoe/phones/16505551212");
        assert_eq!(q, [("isRead", "true".into())]);
    }
}
