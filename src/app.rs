//! The router and the contexts every screen uses: configuration, session, API client, toasts.

use crate::api::ApiClient;
use crate::components::link::A;
use crate::components::toast::{Toaster, Toasts};
use crate::model::config::PortalConfig;
use crate::model::session::Role;
use crate::pages::{
    device_detail::DeviceDetailPage,
    devices::DevicesPage,
    labels::{LabelDevicesPage, LabelsPage},
    not_found::NotFound,
    register::RegisterDevicePage,
    self_service::SelfServicePage,
    sign_in::SignInPage,
};
use crate::session::SessionCtx;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use std::sync::Arc;
use std::time::Duration;

/// The runtime configuration, from `config.json`.
#[derive(Clone)]
pub struct ConfigCtx(pub Arc<PortalConfig>);

/// Where each role lands after signing in.
pub fn home_for(role: Role) -> &'static str {
    match role {
        Role::Admin => "/dashboard",
        Role::SelfService => "/self-service",
    }
}

/// Sets the tab title: `Devices · MDM Portal`.
pub fn page_title(page: &str) {
    if let Some(c) = use_context::<ConfigCtx>() {
        crate::browser::set_title(&format!("{page} · {}", c.0.product_name));
    }
}

/// Loads `config.json`, then starts the app; a missing or invalid file gets a clear page.
#[component]
pub fn Root() -> impl IntoView {
    let config = LocalResource::new(load_config);
    move || {
        match config.get() {
        None => view! { <p class="boot" role="status">"Loading…"</p> }.into_any(),
        Some(Ok(c)) => view! { <App config=c/> }.into_any(),
        Some(Err(e)) => view! {
            <main class="centered boot-error" id="main" tabindex="-1">
                <h1>"The portal cannot start"</h1>
                <p role="alert">{e}</p>
                <p>"The file config.json next to index.html must be readable JSON. See deploy/README.md."</p>
                <button type="button" class="button" on:click=move |_| config.refetch()>"Retry"</button>
            </main>
        }
        .into_any(),
    }
    }
}

async fn load_config() -> Result<PortalConfig, String> {
    let resp = gloo_net::http::Request::get("config.json")
        .cache(web_sys::RequestCache::NoStore)
        .send()
        .await
        .map_err(|e| format!("config.json could not be fetched: {e}"))?;
    if !resp.ok() {
        return Err(format!(
            "config.json could not be loaded (HTTP {}).",
            resp.status()
        ));
    }
    let text = resp
        .text()
        .await
        .map_err(|e| format!("config.json could not be read: {e}"))?;
    PortalConfig::parse(&text)
}

#[component]
fn App(config: PortalConfig) -> impl IntoView {
    let session = SessionCtx::restore();
    let api = ApiClient::new(&config.api_base, session);
    let idle = config.idle_timeout_minutes;
    provide_context(ConfigCtx(Arc::new(config)));
    provide_context(session);
    provide_context(api);
    provide_context(Toasts::new());
    watch_idle(session, idle);
    let base = crate::browser::base_path();

    view! {
        <Router base=base>
            <SkipLink/>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/sign-in") view=SignInPage/>
                <Route path=path!("/self-service") view=SelfServicePage/>
                <ParentRoute path=path!("") view=AdminShell>
                    <Route path=path!("") view=|| view! { <Redirect path="/dashboard"/> }/>
                    <Route path=path!("dashboard") view=crate::pages::dashboard::DashboardPage/>
                    <Route path=path!("compliance") view=crate::pages::dashboard::CompliancePage/>
                    <Route path=path!("policies") view=crate::pages::policies::PoliciesPage/>
                    <Route path=path!("policies/:id") view=crate::pages::policy_detail::PolicyDetailPage/>
                    <Route path=path!("app-settings") view=crate::pages::app_settings::AppSettingsPage/>
                    <Route path=path!("app-settings/:id") view=crate::pages::app_settings::AppSettingDetailPage/>
                    <Route path=path!("alerts") view=crate::pages::alerts::AlertsPage/>
                    <Route path=path!("alerts/:id") view=crate::pages::alerts::AlertDetailPage/>
                    <Route path=path!("activesync") view=crate::pages::activesync::ActiveSyncPage/>
                    <Route path=path!("activesync/:uuid") view=crate::pages::activesync::ActiveSyncDetailPage/>
                    <Route path=path!("users") view=crate::pages::users::UsersPage/>
                    <Route path=path!("users/:name") view=crate::pages::users::UserDetailPage/>
                    <Route path=path!("devices") view=DevicesPage/>
                    <Route path=path!("devices/register") view=RegisterDevicePage/>
                    <Route path=path!("devices/:uuid") view=DeviceDetailPage/>
                    <Route path=path!("labels") view=LabelsPage/>
                    <Route path=path!("labels/:name") view=LabelDevicesPage/>
                    <Route path=path!("certificates") view=crate::pages::certificates::CertificatesPage/>
                    <Route path=path!("certificates/users-without") view=crate::pages::users_without_certs::UsersWithoutCertsPage/>
                    <Route path=path!("certificates/users") view=crate::pages::user_certificates::UserLookupPage/>
                    <Route path=path!("certificates/users/:principal") view=crate::pages::user_certificates::UserCertificatesPage/>
                    <Route path=path!("certificates/configurations") view=crate::pages::ce_config::ConfigsPage/>
                    <Route path=path!("certificates/configurations/:id") view=crate::pages::ce_config::ConfigDetailPage/>
                </ParentRoute>
            </Routes>
        </Router>
        <Toaster/>
    }
}

/// "Skip to content": moves the focus to the screen's `main` (each screen has one, `id="main"`).
/// Handled here rather than by the browser: with `<base href>` a bare `#main` would resolve to the
/// portal's root and the router would navigate there. The listener is on the link itself (events
/// are not delegated in this build), so it runs before the router's listener on the window.
#[component]
fn SkipLink() -> impl IntoView {
    let skip = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        crate::browser::focus_by_id("main");
    };
    view! { <a class="skip-link" href="#main" on:click=skip>"Skip to content"</a> }
}

/// Signs out after `minutes` without keyboard or pointer activity (0 = never).
fn watch_idle(session: SessionCtx, minutes: u32) {
    if minutes == 0 {
        return;
    }
    let last = StoredValue::new(crate::browser::now_ms());
    let touch = move || last.set_value(crate::browser::now_ms());
    let _ = leptos::prelude::window_event_listener(leptos::ev::keydown, move |_| touch());
    let _ = leptos::prelude::window_event_listener(leptos::ev::pointerdown, move |_| touch());
    let limit = f64::from(minutes) * 60_000.0;
    let _ = set_interval_with_handle(
        move || {
            if session.session.with_untracked(|s| s.is_some())
                && crate::browser::now_ms() - last.get_value() > limit
            {
                session.sign_out(Some(crate::model::session::idle_sign_out_notice(minutes)));
            }
        },
        Duration::from_secs(15),
    );
}

/// The admin layout: navigation and the current screen. Only for signed-in admins.
#[component]
fn AdminShell() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let config = expect_context::<ConfigCtx>();
    let location = use_location();
    let role = move || session.session.with(|s| s.as_ref().map(|s| s.role));
    let sign_in_path = move || {
        // `search` comes without its leading `?`.
        let search = location.search.get_untracked();
        let path = crate::browser::app_path(&location.pathname.get_untracked());
        let here = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        let next = crate::model::url::query_string([("next", here.as_str())]);
        format!("/sign-in?{next}")
    };
    move || match role() {
        None => view! { <Redirect path=sign_in_path()/> }.into_any(),
        Some(Role::SelfService) => view! { <Redirect path="/self-service"/> }.into_any(),
        Some(Role::Admin) => {
            let user = session
                .session
                .with_untracked(|s| s.as_ref().map(|s| s.username.clone()).unwrap_or_default());
            view! {
                <header class="topbar">
                    <span class="brand">{config.0.product_name.clone()}</span>
                    <nav aria-label="Main">
                        <A href="/dashboard">"Dashboard"</A>
                        <A href="/devices">"Devices"</A>
                        <A href="/labels">"Labels"</A>
                        <A href="/policies">"Policies"</A>
                        <A href="/app-settings">"App settings"</A>
                        <A href="/certificates">"Certificates"</A>
                        <A href="/alerts">"Alerts"</A>
                        <A href="/activesync">"ActiveSync"</A>
                        <A href="/users">"Users"</A>
                    </nav>
                    <span class="user" title="Signed in as">{user}</span>
                    <button type="button" class="button" on:click=move |_| session.sign_out(Some("You have signed out.".into()))>
                        "Sign out"
                    </button>
                </header>
                <main id="main" class="content" tabindex="-1">
                    <Outlet/>
                </main>
            }
            .into_any()
        }
    }
}
