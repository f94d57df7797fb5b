//! The dashboard (landing page): the figures the server has (devices by status and by platform,
//! compliance, unread alerts, certificates about to expire, ...), as key figures and charts whose
//! segments open the lists they count. Also the Compliance screen those figures link to.

use crate::backend::dashboard::{ComplianceFigures, DashboardApi, FigureKind};
use crate::backend::ApiError;
use crate::domain::dashboard::{
    alert_series, expiry_series, platform_series, status_series, ComplianceFilter, Figure,
};
use crate::screens::devices::DeviceTable;
use crate::ui::chart::{BarChart, DonutChart};
use crate::ui::chart_model::{thousands, Series};
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use crate::ui::query_nav::QueryNav;
use crate::ui::retry::RetryAlert;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::future::Future;
use std::sync::Arc;

/// How far ahead the expiring-certificates figure looks (its labels say so).
const EXPIRY_DAYS: u32 = 30;

type Loaded<T> = Option<Result<T, ApiError>>;

/// A key figure that links to its list.
#[component]
fn Kpi(
    label: &'static str,
    /// What is counted: (singular, plural).
    unit: (&'static str, &'static str),
    #[prop(into)] value: Signal<Loaded<Figure>>,
    /// A non-zero value needs attention.
    #[prop(optional)]
    alarm: bool,
    #[prop(optional)] on_retry: Option<Callback<()>>,
    /// Shown instead of a number until the admin asks for it.
    #[prop(optional, into)]
    pending: Option<ViewFn>,
) -> impl IntoView {
    move || {
        match value.get() {
        Some(Ok(Figure { count: n, href })) => {
            let name = format!(
                "{label}: {n} {}",
                if n == 1 { unit.0 } else { unit.1 }
            );
            let class = if alarm && n > 0 { "kpi alarm" } else { "kpi" };
            view! {
                // Label in name: the visible text ("Active 1601") is how the name starts, so the
                // count is written like the name's, without thousands separators.
                <A href=href attr:class=class attr:aria-label=name>
                    <span class="kpi-label">{label}</span>" "
                    <span class="kpi-value">{n.to_string()}</span>
                </A>
            }
            .into_any()
        }
        Some(Err(e)) => view! {
            <div class="kpi kpi-error">
                <span class="kpi-label">{label}</span>
                <span role="alert" class="kpi-message">{e.message()}</span>
                {on_retry.map(|r| view! {
                    <button type="button" class="button small" on:click=move |_| r.run(())>"Retry"</button>
                })}
            </div>
        }
        .into_any(),
        None => match &pending {
            Some(p) => view! {
                <div class="kpi">
                    <span class="kpi-label">{label}</span>
                    {p.run()}
                </div>
            }
            .into_any(),
            None => view! {
                <div class="kpi" aria-busy="true">
                    <span class="kpi-label">{label}</span>
                    <span class="kpi-value muted">"…"</span>
                </div>
            }
            .into_any(),
        },
    }
    }
}

/// A chart panel: loading, error with retry, empty text, or the chart.
fn chart_panel(
    title: &'static str,
    data: Loaded<Option<Series>>,
    retry: Callback<()>,
    empty: &'static str,
    donut: bool,
) -> AnyView {
    match data {
        None => view! {
            <section class="panel chart-panel" aria-busy="true">
                <h2>{title}</h2>
                <p class="state loading" role="status">"Loading…"</p>
            </section>
        }
        .into_any(),
        Some(Err(e)) => view! {
            <section class="panel chart-panel">
                <h2>{title}</h2>
                <RetryAlert message={e.message()} on_retry=retry/>
            </section>
        }
        .into_any(),
        Some(Ok(None)) => view! {
            <section class="panel chart-panel">
                <h2>{title}</h2>
                <p class="muted">{empty}</p>
            </section>
        }
        .into_any(),
        Some(Ok(Some(s))) if s.is_empty() => view! {
            <section class="panel chart-panel">
                <h2>{title}</h2>
                <p class="muted">{empty}</p>
            </section>
        }
        .into_any(),
        Some(Ok(Some(s))) => {
            let chart = if donut {
                view! { <DonutChart series=s/> }.into_any()
            } else {
                view! { <BarChart series=s/> }.into_any()
            };
            view! { <section class="panel chart-panel">{chart}</section> }.into_any()
        }
    }
}

/// Loads a figure once, where the server has it.
fn figure<V, Fut>(
    has: bool,
    api: &Arc<dyn DashboardApi>,
    fetch: impl Fn(Arc<dyn DashboardApi>) -> Fut + 'static,
) -> Option<Load<V>>
where
    V: Send + Sync + 'static,
    Fut: Future<Output = Result<V, ApiError>> + 'static,
{
    let api = api.clone();
    has.then(|| Load::item(|| (), move |_| fetch(api.clone())))
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    match crate::context::dashboard() {
        Some(api) => view! { <Dashboard api=api/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn Dashboard(api: Arc<dyn DashboardApi>) -> impl IntoView {
    crate::context::page_title("Dashboard");
    let caps = api.caps().clone();
    let statuses = figure(
        caps.has(FigureKind::DevicesByStatus),
        &api,
        |a| async move { a.devices_by_status().await },
    );
    let platforms = figure(
        caps.has(FigureKind::DevicesByPlatform),
        &api,
        |a| async move { a.devices_by_platform().await },
    );
    let unread = figure(caps.has(FigureKind::UnreadAlerts), &api, |a| async move {
        a.unread_alerts().await
    });
    let now = crate::browser::now_ms() as i64;
    let certs = figure(
        caps.has(FigureKind::ExpiringCertificates),
        &api,
        move |a| async move { a.expiring_certificates(now, EXPIRY_DAYS).await },
    );
    let shares = figure(caps.has(FigureKind::GroupShares), &api, |a| async move {
        a.group_shares().await
    });
    let enroll = figure(
        caps.has(FigureKind::RegistrationUrl),
        &api,
        |a| async move { a.registration_url().await },
    );

    // Compliance: the server counts it at once, or first says how large the fleet is and counts
    // when the admin asks.
    let compliance_filters = caps.compliance();
    let large = RwSignal::new(false);
    let compliance = (!compliance_filters.is_empty()).then(|| {
        let api = api.clone();
        Load::item(
            move || large.get(),
            move |large| {
                let api = api.clone();
                async move { api.compliance(large).await }
            },
        )
    });
    let compliance_kpis = compliance.map(|c| {
        let ask = move || match c.get() {
            Some(Ok(f)) => match *f {
                ComplianceFigures::AskFirst { devices } => Some(devices),
                ComplianceFigures::Counted(_) => None,
            },
            _ => None,
        };
        let count_button = ViewFn::from(move || {
            view! {
                <Show when=move || ask().is_some() fallback=|| view! { <span class="kpi-value muted" aria-busy="true">"…"</span> }>
                    <button type="button" class="button small" on:click=move |_| large.set(true)>
                        {move || format!("Count ({} active devices)", ask().map(thousands).unwrap_or_default())}
                    </button>
                </Show>
            }
        });
        compliance_filters
            .iter()
            .map(|&f| {
                let value = Signal::derive(move || match c.get()? {
                    Err(e) => Some(Err(e)),
                    Ok(figures) => match &*figures {
                        ComplianceFigures::Counted(v) => v
                            .iter()
                            .find(|(g, _)| *g == f)
                            .map(|(_, fig)| Ok(fig.clone())),
                        ComplianceFigures::AskFirst { .. } => None,
                    },
                });
                view! {
                    <Kpi label=f.label() unit=("device", "devices") value=value alarm=f.is_problem()
                        on_retry=c.retry_callback() pending=count_button.clone()/>
                }
            })
            .collect_view()
    });

    let unread_kpi = unread.map(|u| {
        let value = Signal::derive(move || u.get().map(|r| r.map(|b| b.total.clone())));
        view! {
            <Kpi label="Unread alerts" unit=("alert", "alerts") value=value alarm=true
                on_retry=u.retry_callback()/>
        }
    });
    // A server without certificate configurations answers none: no figure, no chart.
    let has_certs = move || certs.is_some_and(|c| !matches!(c.get(), Some(Ok(o)) if o.is_none()));
    let cert_kpi = certs.map(|c| {
        let value = Signal::derive(move || match c.get()? {
            Err(e) => Some(Err(e)),
            Ok(o) => o.as_ref().as_ref().map(|b| Ok(b.total.clone())),
        });
        view! {
            <Show when=has_certs>
                <Kpi label="Certificates expiring in 30 days" unit=("certificate", "certificates") value=value
                    alarm=true on_retry=c.retry_callback()/>
            </Show>
        }
    });
    let share_kpis = shares.map(|s| {
        move || match s.get() {
            None => view! { <div class="kpi" aria-busy="true"><span class="kpi-value muted">"…"</span></div> }.into_any(),
            Some(Err(e)) => view! { <RetryAlert message={e.message()} on_retry=s.retry_callback()/> }.into_any(),
            Some(Ok(list)) => (*list)
                .clone()
                .into_iter()
                .map(|share| {
                    let name = share.text();
                    let value = format!("{} of {}", share.part.count, share.whole.count);
                    view! {
                        <A href=share.part.href attr:class="kpi" attr:aria-label=name>
                            <span class="kpi-label">{share.label}</span>" "
                            <span class="kpi-value">{value}</span>
                        </A>
                    }
                })
                .collect_view()
                .into_any(),
        }
    });

    let status_chart = statuses.map(|l| {
        move || {
            chart_panel(
                "Devices by status",
                l.get().map(|r| r.map(|p| Some(status_series(&p)))),
                l.retry_callback(),
                "No devices are registered.",
                true,
            )
        }
    });
    let platform_chart = platforms.map(|l| {
        move || {
            chart_panel(
                "Devices by platform",
                l.get().map(|r| r.map(|p| platform_series(&p))),
                l.retry_callback(),
                "This server has no platform labels (labels whose query selects one platform).",
                true,
            )
        }
    });
    let alert_chart = unread.map(|l| {
        move || {
            chart_panel(
                "Unread alerts by severity",
                l.get().map(|r| r.map(|b| Some(alert_series(&b.parts)))),
                l.retry_callback(),
                "No unread alerts.",
                false,
            )
        }
    });
    let cert_chart = certs.map(|l| {
        move || {
            chart_panel(
                "Certificates expiring within 30 days",
                l.get()
                    .map(|r| r.map(|o| o.as_ref().as_ref().map(|b| expiry_series(&b.parts)))),
                l.retry_callback(),
                "No certificate expires within 30 days.",
                false,
            )
        }
    });
    let enroll_panel = enroll.map(|l| {
        move || {
            let body = match l.get() {
                None => view! { <p class="state loading" role="status">"Loading…"</p> }.into_any(),
                Some(Err(e)) => view! { <RetryAlert message={e.message()} on_retry=l.retry_callback()/> }.into_any(),
                // Only a web address is a link.
                Some(Ok(url)) if url.starts_with("https://") || url.starts_with("http://") => {
                    let (href, text) = ((*url).clone(), (*url).clone());
                    view! { <p>"Devices enroll at "<a href=href rel="noopener noreferrer">{text}</a></p> }.into_any()
                }
                Some(Ok(url)) => view! { <p>"Devices enroll at "<span class="code">{(*url).clone()}</span></p> }.into_any(),
            };
            view! { <section class="panel"><h2>"Enroll a device"</h2>{body}</section> }
        }
    });

    view! {
        <header class="page-header">
            <h1>"Dashboard"</h1>
            <p class="subtitle muted">"Every figure and chart segment opens the list it counts."</p>
        </header>
        <section class="kpis" aria-label="Key figures">
            {compliance_kpis}
            {unread_kpi}
            {cert_kpi}
        </section>
        {share_kpis.map(|s| view! {
            <section class="kpis" aria-label="Device group shares">{s}</section>
        })}
        <div class="charts">
            {status_chart}
            {platform_chart}
            {alert_chart}
            <Show when=has_certs>{cert_chart}</Show>
        </div>
        {enroll_panel}
    }
}

/// Devices with a compliance problem, as the dashboard's figures count them.
#[component]
pub fn CompliancePage() -> impl IntoView {
    match crate::context::dashboard().filter(|d| !d.caps().compliance().is_empty()) {
        Some(api) => view! { <Compliance api=api/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn Compliance(api: Arc<dyn DashboardApi>) -> impl IntoView {
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::context::page_title("Compliance");
    let filters = api.caps().compliance();
    let known = filters.clone();
    let filter = Memo::new(move |_| {
        query
            .with(|q| q.get("show"))
            .and_then(|s| s.parse::<ComplianceFilter>().ok())
            .filter(|f| known.contains(f))
            .unwrap_or(known[0])
    });
    // Loaded again after every bulk action, so the list shows its effect.
    let loader = Loader::new(
        move || filter.get(),
        move |f| {
            let api = api.clone();
            async move { api.compliance_devices(f).await }
        },
    );
    let set_filter = move |key: String| {
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "show" && k != "page");
            pairs.push(("show".into(), key));
        });
    };
    let empty = Signal::derive(move || filter.get().empty().to_string());
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href=crate::routes::DASHBOARD>"Dashboard"</A></p>
            <h1>"Compliance"</h1>
            <p class="subtitle muted">"Active devices by compliance and quarantine; the device page tells why one is not compliant."</p>
        </header>
        <DeviceTable name="compliance" caption="Devices" loader=loader empty=empty>
            <label class="filter">
                <span>"Show"</span>
                <select on:change:target=move |ev| set_filter(ev.target().value())>
                    {filters.iter().map(|f| {
                        let f = *f;
                        view! { <option value=f.key() selected=move || filter.get() == f>{f.label()}</option> }
                    }).collect_view()}
                </select>
            </label>
        </DeviceTable>
    }
}
