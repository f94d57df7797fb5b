//! The router and the shell: loads `config.json`, connects the configured backend, provides the
//! contexts every screen reads (`crate::context`), and matches the routes (`crate::routes`).

use crate::backend::{self, Screen};
use crate::config::PortalConfig;
use crate::context::session::SessionCtx;
use crate::context::{BackendCtx, ConfigCtx};
use crate::domain::session::Role;
use crate::screens::{
    devices::DevicesPage,
    not_found::{NotAvailable, NotFound},
    sign_in::SignInPage,
};
use crate::ui::link::A;
use crate::ui::toast::{Toaster, Toasts};
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use std::sync::Arc;
use std::time::Duration;

mod split;

/// Loads `config.json` and the code of the server it names, then starts the app; a missing or
/// invalid file, or server code that did not arrive, gets a clear page with Retry.
#[component]
pub fn Root() -> impl IntoView {
    let session = SessionCtx::restore();
    let boot = LocalResource::new(move || boot(session));
    move || {
        match boot.get() {
        None => view! { <p class="boot" role="status">"Loading…"</p> }.into_any(),
        Some(Ok((config, backend))) => view! { <App config backend session/> }.into_any(),
        Some(Err(e)) => view! {
            <main class="centered boot-error" id="main" tabindex="-1">
                <h1>"The portal cannot start"</h1>
                <p role="alert">{e.to_string()}</p>
                {e.hint().map(|h| view! { <p>{h}</p> })}
                <button type="button" class="button" on:click=move |_| boot.refetch()>"Retry"</button>
            </main>
        }
        .into_any(),
    }
    }
}

/// Why the portal cannot start.
#[derive(Debug, Clone)]
enum BootError {
    /// config.json is missing or wrong: what is wrong with it.
    Config(String),
    /// The code of the configured server did not arrive.
    Chunk,
}

impl std::fmt::Display for BootError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BootError::Config(e) => f.write_str(e),
            BootError::Chunk => f.write_str(
                "The portal's code for this server did not arrive: the connection may have \
                 dropped, or the portal was updated on the server.",
            ),
        }
    }
}

impl BootError {
    fn hint(&self) -> Option<&'static str> {
        match self {
            BootError::Config(_) => Some(
                "The file config.json next to index.html must be readable JSON. See deploy/README.md.",
            ),
            BootError::Chunk => None,
        }
    }
}

async fn boot(session: SessionCtx) -> Result<(PortalConfig, Arc<dyn backend::Backend>), BootError> {
    let config = load_config().await.map_err(BootError::Config)?;
    let backend = backend::connect(&config, session)
        .await
        .map_err(|_| BootError::Chunk)?;
    Ok((config, backend))
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
fn App(
    config: PortalConfig,
    backend: Arc<dyn backend::Backend>,
    session: SessionCtx,
) -> impl IntoView {
    if backend.kind() == backend::BackendKind::Epmm {
        // The EPMM screens not yet behind the neutral interface read the client from context.
        provide_context(backend::ApiClient::new(
            &config.api_base,
            session,
            backend::epmm::DIALECT,
        ));
    }
    let idle = config.idle_timeout_minutes;
    provide_context(ConfigCtx(Arc::new(config)));
    provide_context(BackendCtx(backend));
    provide_context(session);
    provide_context(Toasts::new());
    watch_idle(session, idle);
    let base = crate::browser::base_path();

    view! {
        <Router base=base>
            <SkipLink/>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/sign-in") view=SignInPage/>
                <Route path=path!("/self-service") view=self_service/>
                <ParentRoute path=path!("") view=AdminShell>
                    <Route path=path!("") view=|| view! { <Redirect path=crate::routes::home_for(Role::Admin, &crate::context::caps())/> }/>
                    <Route path=path!("dashboard") view=|| split(Screen::Dashboard, chunks::dashboard::load)/>
                    <Route path=path!("compliance") view=|| split(Screen::Compliance, chunks::compliance::load)/>
                    <Route path=path!("policies") view=|| split(Screen::Policies, chunks::policies::load)/>
                    <Route path=path!("policies/:id") view=|| split(Screen::Policies, chunks::policy_detail::load)/>
                    <Route path=path!("profiles") view=|| split(Screen::Profiles, chunks::profiles::load)/>
                    <Route path=path!("profiles/:type") view=|| split(Screen::Profiles, chunks::entity_type::load)/>
                    <Route path=path!("profiles/:type/new") view=|| split(Screen::Profiles, chunks::new_entity::load)/>
                    <Route path=path!("profiles/:type/:id") view=|| split(Screen::Profiles, chunks::entity::load)/>
                    <Route path=path!("app-settings") view=|| split(Screen::AppSettings, chunks::app_settings::load)/>
                    <Route path=path!("app-settings/:id") view=|| split(Screen::AppSettings, chunks::app_setting_detail::load)/>
                    <Route path=path!("app-catalog") view=|| split(Screen::AppCatalog, chunks::app_catalog::load)/>
                    <Route path=path!("alerts") view=|| split(Screen::Alerts, chunks::alerts::load)/>
                    <Route path=path!("alerts/:id") view=|| split(Screen::Alerts, chunks::alert_detail::load)/>
                    <Route path=path!("activesync") view=|| split(Screen::ActiveSync, chunks::activesync::load)/>
                    <Route path=path!("activesync/:uuid") view=|| split(Screen::ActiveSync, chunks::activesync_detail::load)/>
                    <Route path=path!("users") view=|| split(Screen::Users, chunks::users::load)/>
                    <Route path=path!("users/:name") view=|| split(Screen::Users, chunks::user_detail::load)/>
                    <Route path=path!("devices") view=|| guard(Screen::Devices, DevicesPage)/>
                    <Route path=path!("devices/register") view=|| split(Screen::RegisterDevice, chunks::register::load)/>
                    <Route path=path!("devices/:uuid") view=|| split(Screen::Devices, chunks::device_detail::load)/>
                    <Route path=path!("labels") view=|| split(Screen::Groups, chunks::labels::load)/>
                    <Route path=path!("labels/:name") view=|| split(Screen::Groups, chunks::label_devices::load)/>
                    <Route path=path!("certificates") view=|| split(Screen::Certificates, chunks::certificates::load)/>
                    <Route path=path!("certificates/users-without") view=|| split(Screen::Certificates, chunks::users_without_certs::load)/>
                    <Route path=path!("certificates/users") view=|| split(Screen::Certificates, chunks::user_lookup::load)/>
                    <Route path=path!("certificates/users/:principal") view=|| split(Screen::Certificates, chunks::user_certificates::load)/>
                    <Route path=path!("certificates/configurations") view=|| split(Screen::Certificates, chunks::ce_configs::load)/>
                    <Route path=path!("certificates/configurations/:id") view=|| split(Screen::Certificates, chunks::ce_config::load)/>
                    <Route path=path!("certificates/scep-profiles") view=|| split(Screen::ScepProfiles, chunks::scep_profiles::load)/>
                    <Route path=path!("certificates/scep-profiles/new") view=|| split(Screen::ScepProfiles, chunks::new_scep_profile::load)/>
                    <Route path=path!("certificates/scep-profiles/:id") view=|| split(Screen::ScepProfiles, chunks::scep_profile::load)/>
                </ParentRoute>
            </Routes>
        </Router>
        <Toaster/>
    }
}

/// The screens fetched when first visited, by chunk (see [`split`]).
mod chunks {
    super::split::split_screens! {
        dashboard {
            dashboard => crate::screens::dashboard::DashboardPage,
            compliance => crate::screens::dashboard::CompliancePage,
        }
        policies {
            policies => crate::screens::policies::PoliciesPage,
            policy_detail => crate::screens::policy_detail::PolicyDetailPage,
        }
        profiles {
            profiles => crate::screens::entities::ProfilesPage,
            entity_type => crate::screens::entities::EntityTypePage,
            new_entity => crate::screens::entities::NewEntityPage,
            entity => crate::screens::entities::EntityPage,
        }
        app_settings {
            app_settings => crate::screens::app_settings::AppSettingsPage,
            app_setting_detail => crate::screens::app_settings::AppSettingDetailPage,
        }
        app_catalog {
            app_catalog => crate::screens::app_catalog::AppCatalogPage,
        }
        alerts {
            alerts => crate::screens::alerts::AlertsPage,
            alert_detail => crate::screens::alerts::AlertDetailPage,
        }
        activesync {
            activesync => crate::screens::activesync::ActiveSyncPage,
            activesync_detail => crate::screens::activesync::ActiveSyncDetailPage,
        }
        users {
            users => crate::screens::users::UsersPage,
            user_detail => crate::screens::users::UserDetailPage,
        }
        device_page {
            device_detail => crate::screens::device_detail::DeviceDetailPage,
            register => crate::screens::register::RegisterDevicePage,
        }
        labels {
            labels => crate::screens::labels::LabelsPage,
            label_devices => crate::screens::labels::LabelDevicesPage,
        }
        certificates {
            certificates => crate::screens::certificates::CertificatesPage,
            users_without_certs => crate::screens::users_without_certs::UsersWithoutCertsPage,
            user_lookup => crate::screens::user_certificates::UserLookupPage,
            user_certificates => crate::screens::user_certificates::UserCertificatesPage,
            ce_configs => crate::screens::ce_config::ConfigsPage,
            ce_config => crate::screens::ce_config::ConfigDetailPage,
        }
        scep_profiles {
            scep_profiles => crate::screens::scep_profiles::ScepProfilesPage,
            new_scep_profile => crate::screens::scep_profiles::NewScepProfilePage,
            scep_profile => crate::screens::scep_profiles::ScepProfilePage,
        }
        self_service {
            self_service_page => crate::screens::self_service::SelfServicePage,
        }
    }
}

/// The screen in a chunk (fetched when first visited), where this server has it.
fn split(screen: Screen, load: split::ChunkLoad) -> AnyView {
    guard(screen, move || view! { <split::Split load/> })
}

/// The screen, where this server has it; "Not available on this server" where it does not.
fn guard<V: IntoView + 'static>(screen: Screen, view: impl Fn() -> V) -> AnyView {
    if crate::context::has(screen) {
        view().into_any()
    } else {
        view! { <NotAvailable/> }.into_any()
    }
}

/// The self-service portal, where this server has it; else, for its signed-in users, what they
/// may do and that the screen is not there yet.
fn self_service() -> AnyView {
    if crate::context::has(Screen::SelfService) {
        view! { <split::Split load=chunks::self_service_page::load/> }.into_any()
    } else {
        view! { <crate::screens::not_found::SelfServiceNotAvailable/> }.into_any()
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

/// What counts as activity for the idle sign-out: typing, clicking or tapping, moving the
/// pointer, the wheel, and scrolling anything (`scroll` does not bubble: hence the capture phase).
const ACTIVITY: [&str; 5] = ["keydown", "pointerdown", "pointermove", "wheel", "scroll"];

/// Activity is noted at most this often: `pointermove` and `scroll` fire many times a second.
const ACTIVITY_THROTTLE_MS: f64 = 1_000.0;

/// Signs out after `minutes` without activity (0 = never). The listeners and the timer go when
/// the app does.
fn watch_idle(session: SessionCtx, minutes: u32) {
    if minutes == 0 {
        return;
    }
    let last = StoredValue::new(crate::browser::now_ms());
    let listeners: Vec<_> = ACTIVITY
        .iter()
        .filter_map(|&kind| {
            crate::browser::listen_document(kind, true, move |_| {
                let now = crate::browser::now_ms();
                if now - last.get_value() >= ACTIVITY_THROTTLE_MS {
                    last.set_value(now);
                }
            })
        })
        .collect();
    let limit = f64::from(minutes) * 60_000.0;
    let timer = set_interval_with_handle(
        move || {
            if session.session.with_untracked(|s| s.is_some())
                && crate::browser::now_ms() - last.get_value() > limit
            {
                session.sign_out(Some(crate::domain::session::idle_sign_out_notice(minutes)));
            }
        },
        Duration::from_secs(15),
    );
    let listeners = send_wrapper::SendWrapper::new(listeners);
    on_cleanup(move || {
        drop(listeners);
        if let Ok(timer) = timer {
            timer.clear();
        }
    });
}

/// The admin layout: navigation and the current screen. Only for signed-in admins.
#[component]
fn AdminShell() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let config = crate::context::config();
    let caps = crate::context::caps();
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
        crate::routes::sign_in(&here)
    };
    move || match role() {
        None => view! { <Redirect path=sign_in_path()/> }.into_any(),
        Some(Role::SelfService) => {
            view! { <Redirect path=crate::routes::SELF_SERVICE/> }.into_any()
        }
        Some(Role::Admin) => {
            let user = session
                .session
                .with_untracked(|s| s.as_ref().map(|s| s.username.clone()).unwrap_or_default());
            view! {
                <header class="topbar">
                    <span class="brand">{config.product_name.clone()}</span>
                    <nav aria-label="Main">
                        {Screen::NAV
                            .iter()
                            .filter(|(s, _)| caps.has(*s))
                            .map(|&(s, label)| {
                                let label = if s == Screen::Groups { caps.groups_name } else { label };
                                view! { <A href=crate::routes::screen(s)>{label}</A> }
                            })
                            .collect_view()}
                    </nav>
                    <span class="user" title="Signed in as">{user}</span>
                    <button type="button" class="button" on:click=move |_| session.sign_out(Some("You have signed out.".into()))>
                        "Sign out"
                    </button>
                </header>
                <main id="main" class="content" tabindex="-1">
                    <Outlet/>
                </main>
                <crate::ui::shortcuts::KeyboardShortcuts/>
            }
            .into_any()
        }
    }
}
