//! Links inside the portal. The router's `<A>` takes an absolute href as it is, while the app may
//! be served under a sub-path (`/portal/`): this `A` puts the base in front, so every screen can
//! write `href="/devices"` and the link works at the root and under any sub-path.

use leptos::prelude::*;

/// `/devices` → `/portal/devices` when served under `/portal/`; other hrefs unchanged.
pub fn with_base(href: &str, base: &str) -> String {
    let base = base.trim_end_matches('/');
    if href.starts_with('/') && !href.starts_with("//") && !base.is_empty() {
        format!("{base}{href}")
    } else {
        href.to_string()
    }
}

/// A link to a route of the portal.
#[component]
pub fn A(
    #[prop(into)] href: String,
    /// Marked current (`aria-current="page"`) only on an exact path match.
    #[prop(optional)]
    exact: bool,
    children: Children,
) -> impl IntoView {
    let href = with_base(&href, &crate::browser::base_path());
    view! { <leptos_router::components::A href=href exact=exact>{children()}</leptos_router::components::A> }
}

#[cfg(test)]
mod tests {
    use super::with_base;

    #[test]
    fn base_goes_in_front_of_app_paths_only() {
        assert_eq!(
            with_base("/devices?status=LOST", "/portal"),
            "/portal/devices?status=LOST"
        );
        assert_eq!(with_base("/devices", ""), "/devices");
        assert_eq!(with_base("/devices", "/portal/"), "/portal/devices");
        assert_eq!(
            with_base("https://example.com/x", "/portal"),
            "https://example.com/x"
        );
        assert_eq!(with_base("//cdn/x", "/portal"), "//cdn/x");
        assert_eq!(with_base("devices", "/portal"), "devices");
    }
}
