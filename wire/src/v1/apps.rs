//! Apps: the device inventory by application (mentioned only: EPMM V1 API guide, "Document
//! Overview", "Parameter Formats" and "Using offset and limit Parameters to Cycle through Records")
//! and AppConnect analytics (a ZIP, "Get Analytics for AppConnect Apps").

use super::common::encode_segment;

/// `GET /apps/inventory/app`: the only call the guide says pages with `limit`/`offset`; `limit`
/// defaults to 100 and `-1` returns everything (V1 guide, "Using offset and limit Parameters to
/// Cycle through Records"). The answer is not documented; the mock sends the device list envelope
/// (our inference: digest `epmm-v1-api.md`, "3.9.1 Devices that have an app").
pub type AppInventoryResponse = super::DeviceListResponse;

/// The default page size of the inventory call (V1 guide, "Using offset and limit Parameters to
/// Cycle through Records": the parameter table).
pub const INVENTORY_DEFAULT_LIMIT: i64 = 100;

/// `GET /apps/inventory/app?appname=…&platform=…&limit=…&offset=…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryRequest {
    /// The app name as shown, optionally with its version (`Frog Toss!_017 1.0`, `LinkedIn`).
    pub app_name: String,
    /// A register platform code (`A`, `I`, …).
    pub platform: Option<String>,
    /// `-1` for all records.
    pub limit: Option<i64>,
    pub offset: Option<u64>,
}

impl InventoryRequest {
    pub const PATH: &'static str = "/v1/apps/inventory/app";
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = vec![("appname", self.app_name.clone())];
        if let Some(p) = self.platform.as_deref().filter(|p| !p.trim().is_empty()) {
            q.push(("platform", p.trim().to_string()));
        }
        if let Some(l) = self.limit {
            q.push(("limit", l.to_string()));
        }
        if let Some(o) = self.offset {
            q.push(("offset", o.to_string()));
        }
        q
    }
}

/// `GET /apps/appconnect/analytics?appid=com.mycompany.myapp` (V1 guide, "Get Analytics for
/// AppConnect Apps", example): a ZIP laid out as `<app ID>/<device ID>/` with one CSV file and
/// `version.txt` per device (the folder structure of the same section).
pub fn appconnect_analytics_path(app_id: &str) -> String {
    format!(
        "/v1/apps/appconnect/analytics?appid={}",
        encode_segment(app_id.trim())
    )
}

/// One row of an AppConnect analytics CSV (V1 guide, "Get Analytics for AppConnect Apps"): a
/// foreground session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppConnectSession {
    /// Start in epoch milliseconds ("seconds" in the text, ms in the example `1381268056367`).
    pub start_ms: i64,
    pub duration_s: i64,
    /// Minutes from GMT (`-420` = PDT).
    pub tz_offset_min: i64,
    /// Bytes transferred ("under construction").
    pub bytes: Option<i64>,
}

impl AppConnectSession {
    /// Parses `start,duration,tz[,bytes]`; blank lines give `None`.
    pub fn parse(line: &str) -> Option<Result<Self, String>> {
        let line = line.trim();
        if line.is_empty() {
            return None;
        }
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        let num = |i: usize| -> Result<i64, String> {
            f.get(i)
                .ok_or_else(|| format!("missing field {} in `{line}`", i + 1))?
                .parse::<i64>()
                .map_err(|_| format!("field {} of `{line}` is not a number", i + 1))
        };
        Some((|| {
            Ok(AppConnectSession {
                start_ms: crate::datetime::parse_epoch(num(0)?),
                duration_s: num(1)?,
                tz_offset_min: num(2)?,
                bytes: match f.get(3) {
                    Some(b) if !b.is_empty() => Some(num(3)?),
                    _ => None,
                },
            })
        })())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inventory_query_of_the_paging_examples() {
        // appname=LinkedIn&limit=50&offset=100 (V1 guide, "Using offset and limit Parameters to
        // Cycle through Records", example)
        let r = InventoryRequest {
            app_name: "LinkedIn".into(),
            platform: None,
            limit: Some(50),
            offset: Some(100),
        };
        assert_eq!(
            r.query(),
            [
                ("appname", "LinkedIn".into()),
                ("limit", "50".into()),
                ("offset", "100".into())
            ]
        );
        assert_eq!(
            appconnect_analytics_path("com.mycompany.myapp"),
            "/v1/apps/appconnect/analytics?appid=com.mycompany.myapp"
        );
    }

    #[test]
    fn appconnect_analytics_session_rows() {
        let s = AppConnectSession::parse("1381268056367,35,-420")
            .unwrap()
            .unwrap();
        assert_eq!(
            (s.start_ms, s.duration_s, s.tz_offset_min, s.bytes),
            (1_381_268_056_367, 35, -420, None)
        );
        let s = AppConnectSession::parse("1381268056,35,-420,2048")
            .unwrap()
            .unwrap();
        assert_eq!((s.start_ms, s.bytes), (1_381_268_056_000, Some(2048)));
        assert!(AppConnectSession::parse("").is_none());
        assert!(AppConnectSession::parse("x,1,2").unwrap().is_err());
    }
}
