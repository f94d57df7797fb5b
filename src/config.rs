//! The runtime configuration, `config.json`, fetched at start so one build serves every site.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq)]
pub struct PortalConfig {
    /// Where the EPMM API is proxied, without a trailing slash (`/api`, `/mdm/api`, or an absolute
    /// same-origin URL).
    pub api_base: String,
    /// Shown in the title bar and the browser tab.
    pub product_name: String,
    pub default_page_size: usize,
    /// Sign out after this long without user activity; 0 disables.
    pub idle_timeout_minutes: u32,
}

impl Default for PortalConfig {
    fn default() -> Self {
        PortalConfig {
            api_base: "/api".into(),
            product_name: "MDM Portal".into(),
            default_page_size: 50,
            idle_timeout_minutes: 30,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Raw {
    api_base: Option<String>,
    product_name: Option<String>,
    default_page_size: Option<usize>,
    idle_timeout_minutes: Option<u32>,
}

impl PortalConfig {
    /// Parses and checks `config.json`. Every field is optional; a wrong type, an unknown key (a
    /// typo would otherwise be silently ignored) or an out-of-range value is an error naming it.
    pub fn parse(text: &str) -> Result<PortalConfig, String> {
        let raw: Raw =
            serde_json::from_str(text).map_err(|e| format!("config.json is not valid: {e}"))?;
        let mut c = PortalConfig::default();
        if let Some(base) = raw.api_base {
            let b = base.trim().trim_end_matches('/').to_string();
            let ok = b.starts_with('/') || b.starts_with("https://") || b.starts_with("http://");
            if !ok || b.contains(char::is_whitespace) {
                return Err(format!(
                    "config.json: apiBase must be a path such as /api or an http(s) URL, not {base:?}"
                ));
            }
            c.api_base = b;
        }
        if let Some(name) = raw.product_name {
            let n = name.trim();
            if n.is_empty() || n.chars().count() > 60 {
                return Err("config.json: productName must be 1 to 60 characters".into());
            }
            c.product_name = n.to_string();
        }
        if let Some(size) = raw.default_page_size {
            if !crate::ui::table::engine::PAGE_SIZES.contains(&size) {
                return Err(format!(
                    "config.json: defaultPageSize must be one of 25, 50, 100, 250, not {size}"
                ));
            }
            c.default_page_size = size;
        }
        if let Some(t) = raw.idle_timeout_minutes {
            if t > 24 * 60 {
                return Err(
                    "config.json: idleTimeoutMinutes must be at most 1440 (0 disables it)".into(),
                );
            }
            c.idle_timeout_minutes = t;
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_gives_defaults() {
        assert_eq!(PortalConfig::parse("{}").unwrap(), PortalConfig::default());
    }

    #[test]
    fn full_config() {
        let c = PortalConfig::parse(
            r#"{"apiBase":"/mdm/api/","productName":"Acme MDM","defaultPageSize":100,"idleTimeoutMinutes":15}"#,
        )
        .unwrap();
        assert_eq!(c.api_base, "/mdm/api");
        assert_eq!(c.product_name, "Acme MDM");
        assert_eq!(c.default_page_size, 100);
        assert_eq!(c.idle_timeout_minutes, 15);
    }

    #[test]
    fn clear_errors() {
        assert!(PortalConfig::parse("not json")
            .unwrap_err()
            .contains("not valid"));
        assert!(PortalConfig::parse(r#"{"apibase":"/api"}"#)
            .unwrap_err()
            .contains("unknown field"));
        assert!(PortalConfig::parse(r#"{"apiBase":"api"}"#)
            .unwrap_err()
            .contains("apiBase"));
        assert!(PortalConfig::parse(r#"{"defaultPageSize":30}"#)
            .unwrap_err()
            .contains("defaultPageSize"));
        assert!(PortalConfig::parse(r#"{"idleTimeoutMinutes":"5"}"#).is_err());
        assert!(PortalConfig::parse(r#"{"productName":"  "}"#).is_err());
    }
}
