//! The runtime configuration, `config.json`, fetched at start so one build serves every site: which
//! server the portal talks to, where it is proxied, and the options that server needs.

use serde::Deserialize;

/// The server family behind the portal (`"backend"` in `config.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BackendKind {
    /// Ivanti EPMM (MobileIron Core) through its V1 and V2 APIs.
    #[default]
    Epmm,
    /// Ivanti Neurons for MDM or EPMM 12.1 through the Common Platform Services API.
    Cps,
    /// BlackBerry UEM through its REST API.
    Uem,
}

impl BackendKind {
    pub const ALL: [BackendKind; 3] = [BackendKind::Epmm, BackendKind::Cps, BackendKind::Uem];

    /// The value in `config.json`.
    pub fn key(self) -> &'static str {
        match self {
            BackendKind::Epmm => "epmm",
            BackendKind::Cps => "cps",
            BackendKind::Uem => "uem",
        }
    }

    /// What people call the server.
    pub fn label(self) -> &'static str {
        match self {
            BackendKind::Epmm => "Ivanti EPMM",
            BackendKind::Cps => "Ivanti CPS (Neurons for MDM, EPMM 12.1)",
            BackendKind::Uem => "BlackBerry UEM",
        }
    }

    /// Where the server's API is proxied when `apiBase` is not given.
    pub fn default_api_base(self) -> &'static str {
        match self {
            BackendKind::Epmm => "/api",
            BackendKind::Cps => "/msa/v1/cps",
            // UEM paths start with the tenant: `/{tenant}/api/v1/…` at the server's root.
            BackendKind::Uem => "",
        }
    }
}

/// The certificate platform beside the MDM server (`"pki"` in `config.json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PkiConfig {
    pub kind: PkiKind,
    /// Where its API is proxied, without a trailing slash.
    pub api_base: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PkiKind {
    /// CZERTAINLY Core (SCEP profiles).
    Czertainly,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PortalConfig {
    pub backend: BackendKind,
    /// Where the server's API is proxied, without a trailing slash (`/api`, `/mdm/api`, or an
    /// absolute same-origin URL); empty for the origin's root.
    pub api_base: String,
    /// BlackBerry UEM: the tenant (SRP id) in every path. Required for `uem`, refused otherwise.
    pub tenant: Option<String>,
    /// Ivanti CPS: the cluster whose rate limits apply (`"cluster": "EU1"`); without it the
    /// portal stays within the lowest limits of every cluster. Refused for other backends.
    pub cluster: Option<wire::cps::limits::Cluster>,
    pub pki: Option<PkiConfig>,
    /// Shown in the title bar and the browser tab.
    pub product_name: String,
    pub default_page_size: usize,
    /// Sign out after this long without user activity; 0 disables.
    pub idle_timeout_minutes: u32,
}

impl Default for PortalConfig {
    fn default() -> Self {
        PortalConfig {
            backend: BackendKind::Epmm,
            api_base: BackendKind::Epmm.default_api_base().into(),
            tenant: None,
            cluster: None,
            pki: None,
            product_name: "MDM Portal".into(),
            default_page_size: 50,
            idle_timeout_minutes: 30,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Raw {
    backend: Option<String>,
    api_base: Option<String>,
    tenant: Option<String>,
    cluster: Option<String>,
    pki: Option<serde_json::Value>,
    product_name: Option<String>,
    default_page_size: Option<usize>,
    idle_timeout_minutes: Option<u32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawPki {
    kind: String,
    api_base: Option<String>,
}

/// An API base: a same-origin path or an http(s) URL, without the trailing slash.
fn api_base(key: &str, base: &str) -> Result<String, String> {
    let b = base.trim().trim_end_matches('/').to_string();
    let ok =
        b.is_empty() || b.starts_with('/') || b.starts_with("https://") || b.starts_with("http://");
    if !ok || b.contains(char::is_whitespace) {
        return Err(format!(
            "config.json: {key} must be a path such as /api or an http(s) URL, not {base:?}"
        ));
    }
    Ok(b)
}

impl PortalConfig {
    /// Parses and checks `config.json`. Every field is optional but the options a backend needs;
    /// a wrong type, an unknown key (a typo would otherwise be silently ignored), an unknown
    /// backend, a missing option or an out-of-range value is an error naming it.
    pub fn parse(text: &str) -> Result<PortalConfig, String> {
        let raw: Raw =
            serde_json::from_str(text).map_err(|e| format!("config.json is not valid: {e}"))?;
        let mut c = PortalConfig::default();
        if let Some(b) = raw.backend {
            c.backend = BackendKind::ALL
                .into_iter()
                .find(|k| k.key() == b.trim())
                .ok_or_else(|| {
                    format!(
                        "config.json: backend must be one of \"epmm\", \"cps\", \"uem\", not {b:?}"
                    )
                })?;
        }
        c.api_base = match raw.api_base {
            Some(base) => api_base("apiBase", &base)?,
            None => c.backend.default_api_base().into(),
        };
        if c.api_base.is_empty() && c.backend != BackendKind::Uem {
            return Err(format!(
                "config.json: apiBase must be a path such as {} for the {} backend, not the origin's root",
                c.backend.default_api_base(),
                c.backend.key()
            ));
        }
        c.tenant = match (c.backend, raw.tenant) {
            (BackendKind::Uem, Some(t)) => {
                let t = t.trim();
                let ok = !t.is_empty()
                    && t.len() <= 64
                    && t.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
                if !ok {
                    return Err(format!(
                        "config.json: tenant must be the UEM tenant id (SRP id) such as \"SRP00000\", not {t:?}"
                    ));
                }
                Some(t.to_string())
            }
            (BackendKind::Uem, None) => {
                return Err(
                    "config.json: the uem backend needs \"tenant\", the UEM tenant id (SRP id) such as \"SRP00000\""
                        .into(),
                )
            }
            (_, Some(_)) => {
                return Err(format!(
                    "config.json: tenant is an option of the uem backend only, not of {:?}",
                    c.backend.key()
                ))
            }
            (_, None) => None,
        };
        c.cluster = match (c.backend, raw.cluster) {
            (BackendKind::Cps, Some(name)) => Some(
                name.parse()
                    .map_err(|e| format!("config.json: cluster: {e}"))?,
            ),
            (_, Some(_)) => {
                return Err(format!(
                    "config.json: cluster is an option of the cps backend only, not of {:?}",
                    c.backend.key()
                ))
            }
            (_, None) => None,
        };
        if let Some(p) = raw.pki {
            let p: RawPki = serde_json::from_value(p)
                .map_err(|e| format!("config.json: pki is not valid: {e}"))?;
            let kind = match p.kind.trim() {
                "czertainly" => PkiKind::Czertainly,
                other => {
                    return Err(format!(
                        "config.json: pki.kind must be \"czertainly\", not {other:?}"
                    ))
                }
            };
            let base = p.api_base.ok_or(
                "config.json: pki needs \"apiBase\", where the certificate platform's API is proxied (for example \"/czertainly/api\")",
            )?;
            let api_base = api_base("pki.apiBase", &base)?;
            if api_base.is_empty() {
                return Err("config.json: pki.apiBase must not be empty".into());
            }
            c.pki = Some(PkiConfig { kind, api_base });
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
    fn backends_and_their_options() {
        let c = PortalConfig::parse(r#"{"backend":"cps"}"#).unwrap();
        assert_eq!(
            (c.backend, c.api_base.as_str()),
            (BackendKind::Cps, "/msa/v1/cps")
        );
        let c = PortalConfig::parse(r#"{"backend":"uem","tenant":"SRP00000"}"#).unwrap();
        assert_eq!(c.backend, BackendKind::Uem);
        assert_eq!(
            (c.api_base.as_str(), c.tenant.as_deref()),
            ("", Some("SRP00000"))
        );
        let c =
            PortalConfig::parse(r#"{"backend":"uem","tenant":"S1","apiBase":"/uem/"}"#).unwrap();
        assert_eq!(c.api_base, "/uem");
        let e = PortalConfig::parse(r#"{"backend":"uem"}"#).unwrap_err();
        assert!(e.contains("tenant"), "{e}");
        let e = PortalConfig::parse(r#"{"backend":"uem","tenant":"a/b"}"#).unwrap_err();
        assert!(e.contains("tenant"), "{e}");
        let e = PortalConfig::parse(r#"{"tenant":"SRP00000"}"#).unwrap_err();
        assert!(e.contains("tenant") && e.contains("epmm"), "{e}");
        let c = PortalConfig::parse(r#"{"backend":"cps","cluster":"eu1"}"#).unwrap();
        assert_eq!(c.cluster, Some(wire::cps::limits::Cluster::Eu1));
        let e = PortalConfig::parse(r#"{"backend":"cps","cluster":"XX1"}"#).unwrap_err();
        assert!(e.contains("cluster") && e.contains("XX1"), "{e}");
        let e = PortalConfig::parse(r#"{"cluster":"NA1"}"#).unwrap_err();
        assert!(e.contains("cluster") && e.contains("epmm"), "{e}");
        let e = PortalConfig::parse(r#"{"backend":"intune"}"#).unwrap_err();
        assert!(e.contains("backend") && e.contains("intune"), "{e}");
    }

    #[test]
    fn certificate_platform() {
        let c =
            PortalConfig::parse(r#"{"pki":{"kind":"czertainly","apiBase":"/czertainly/api/"}}"#)
                .unwrap();
        assert_eq!(
            c.pki,
            Some(PkiConfig {
                kind: PkiKind::Czertainly,
                api_base: "/czertainly/api".into()
            })
        );
        for bad in [
            r#"{"pki":{"kind":"ejbca","apiBase":"/x"}}"#,
            r#"{"pki":{"kind":"czertainly"}}"#,
            r#"{"pki":{"kind":"czertainly","apiBase":"x"}}"#,
            r#"{"pki":{"kind":"czertainly","apiBase":"/"}}"#,
            r#"{"pki":{"kind":"czertainly","apiBase":"/x","extra":1}}"#,
            r#"{"pki":"czertainly"}"#,
        ] {
            let e = PortalConfig::parse(bad).unwrap_err();
            assert!(e.contains("pki"), "{bad}: {e}");
        }
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
