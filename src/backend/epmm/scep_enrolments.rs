//! EPMM's SCEP enrolment configurations, for the links to the certificate platform's SCEP
//! profiles: the app settings of type `SCEP` ("Note: SCEP is the type used for all Certificate
//! Enrollment settings", EPMM V1 API guide, "Get app settings") with the URL devices enrol at.
//!
//! The guide lists SCEP settings' properties without naming the URL's key: the portal reads
//! `SCEP_URL` (the key mock-server's seed uses), else the first property whose key ends in `URL`
//! and whose value is an http(s) URL.

use crate::backend::epmm::app_settings;
use crate::backend::pki::ScepEnrolmentApi;
use crate::backend::{ApiClient, ApiError};
use crate::domain::app_setting::AppSetting;
use crate::domain::scep_profile::{EnrolmentKind, ScepEnrolment};

pub struct EpmmScepEnrolments(pub ApiClient);

/// The URL a SCEP app setting has devices enrol at.
fn scep_url(a: &AppSetting) -> Option<&str> {
    let is_url = |v: &str| {
        let v = v.trim().to_ascii_lowercase();
        v.starts_with("https://") || v.starts_with("http://")
    };
    a.property("SCEP_URL")
        .filter(|v| is_url(v))
        .or_else(|| {
            a.properties
                .iter()
                .find(|(k, v)| k.to_ascii_uppercase().ends_with("URL") && is_url(v))
                .map(|(_, v)| v.as_str())
        })
        .map(str::trim)
}

fn enrolment(a: &AppSetting) -> Option<ScepEnrolment> {
    Some(ScepEnrolment {
        id: a.id.to_string(),
        name: a.name.clone(),
        url: scep_url(a)?.to_string(),
        kind: EnrolmentKind::AppSetting,
    })
}

#[async_trait::async_trait(?Send)]
impl ScepEnrolmentApi for EpmmScepEnrolments {
    async fn scep_enrolments(&self) -> Result<Vec<ScepEnrolment>, ApiError> {
        let settings = app_settings::list(&self.0, Some("SCEP")).await?;
        Ok(settings
            .iter()
            .filter(|a| a.type_key == "SCEP")
            .filter_map(enrolment)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A SCEP app setting as EPMM answers it (EPMM V1 API guide, "Get app settings").
    fn setting(props: &[(&str, &str)]) -> AppSetting {
        let entries: Vec<serde_json::Value> = props
            .iter()
            .map(|(k, v)| serde_json::json!({"key": k, "value": v}))
            .collect();
        let w: wire::v1::AppSetting = serde_json::from_value(serde_json::json!({
            "id": 1011, "name": "Corporate User Certificate", "appType": "SCEP",
            "properties": {"entry": entries}
        }))
        .unwrap();
        app_settings::map_setting(w)
    }

    #[test]
    fn the_scep_url_of_a_setting() {
        let url = "https://ca.example.com/api/v1/protocols/scep/corporate-users/pkiclient.exe";
        let e = enrolment(&setting(&[("SUBJECT", "CN=$USERID$"), ("SCEP_URL", url)])).unwrap();
        assert_eq!(e.url, url);
        assert_eq!(e.id, "1011");
        assert_eq!(e.kind, EnrolmentKind::AppSetting);
        // Another key ending in URL, when there is no SCEP_URL.
        let e = enrolment(&setting(&[("SERVER_URL", " https://ca.example.com/scep ")])).unwrap();
        assert_eq!(e.url, "https://ca.example.com/scep");
        // No URL: no enrolment to link.
        assert!(enrolment(&setting(&[("KEY_SIZE", "2048"), ("SCEP_URL", "")])).is_none());
    }
}
