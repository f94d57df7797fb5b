//! The dashboard (landing page): devices by status and by platform, compliance, unread alerts and
//! certificates about to expire, as charts whose segments open the lists they count. Also the
//! Compliance screen those counts link to.

use crate::backend::epmm::{alerts, dashboard, labels, ApiClient, ApiError};
use crate::domain::alert::ReadFilter;
use crate::domain::certificates::issued::ALL_CONFIGS;
use crate::domain::dashboard::{
    alert_series, compliance_counts, expiring_href, expiry_series, platform_series, status_series,
    ComplianceCounts, ComplianceFilter, AUTO_COMPLIANCE_LIMIT,
};
use crate::screens::devices::DeviceTable;
use crate::ui::chart::{BarChart, DonutChart};
use crate::ui::chart_model::{thousands, Series};
use crate::ui::link::A;
use crate::ui::loader::Loader;
use crate::ui::query_nav::QueryNav;
use crate::ui::retry::RetryAlert;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

const DAY_MS: i64 = 86_400_000;

type Loaded<T> = Option<Result<T, ApiError>>;

/// A key figure that links to its list.
#[component]
fn Kpi(
    label: &'static str,
    /// What is counted: (singular, plural).
    unit: (&'static str, &'static str),
    #[prop(into)] value: Signal<Loaded<u64>>,
    #[prop(into)] href: Signal<String>,
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
        Some(Ok(n)) => {
            let name = format!(
                "{label}: {n} {}",
                if n == 1 { unit.0 } else { unit.1 }
            );
            let class = if alarm && n > 0 { "kpi alarm" } else { "kpi" };
            view! {
                // Label in name: the visible text ("Active 1601") is how the name starts, so the
                // count is written like the name's, without thousands separators.
                <A href=href.get() attr:class=class attr:aria-label=name>
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

#[component]
pub fn DashboardPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    crate::context::page_title("Dashboard");

    let a = api.clone();
    let statuses = LocalResource::new(move || {
        let api = a.clone();
        async move { dashboard::status_counts(&api).await }
    });
    let a = api.clone();
    let label_list = LocalResource::new(move || {
        let api = a.clone();
        async move { labels::list(&api).await }
    });
    let a = api.clone();
    let unread = LocalResource::new(move || {
        let api = a.clone();
        async move { alerts::list(&api, ReadFilter::Unread).await }
    });
    let now = crate::browser::now_ms() as i64;
    let from = crate::dates::format_date(now);
    let to = crate::dates::format_date(now + 30 * DAY_MS);
    let (f, t) = (from.clone(), to.clone());
    let a = api.clone();
    let certs = LocalResource::new(move || {
        let api = a.clone();
        let (from, to) = (f.clone(), t.clone());
        async move { dashboard::expiring_certificates(&api, &from, &to, now).await }
    });

    // Compliance needs the active devices themselves (V1 has no count for it): loaded at once
    // for fleets up to AUTO_COMPLIANCE_LIMIT, on request above.
    let compliance: RwSignal<Loaded<ComplianceCounts>> = RwSignal::new(None);
    let compliance_started = RwSignal::new(false);
    let load_compliance = {
        let backend = crate::context::backend();
        Callback::new(move |_: ()| {
            compliance_started.set(true);
            compliance.set(None);
            let backend = backend.clone();
            spawn_local(async move {
                let r = active_devices(&*backend)
                    .await
                    .map(|d| compliance_counts(&d));
                compliance.set(Some(r));
            });
        })
    };
    let active_count = move || -> Option<u64> {
        statuses.with(|s| {
            s.as_ref()?
                .as_ref()
                .ok()?
                .iter()
                .find(|(st, _)| st.key == "ACTIVE")
                .map(|(_, n)| *n)
        })
    };
    Effect::new(move |_| {
        if let Some(n) = active_count() {
            if n <= AUTO_COMPLIANCE_LIMIT && !compliance_started.get_untracked() {
                load_compliance.run(());
            }
        }
    });
    let ask = move || {
        active_count().is_some_and(|n| n > AUTO_COMPLIANCE_LIMIT) && !compliance_started.get()
    };
    let count_button = ViewFn::from(move || {
        view! {
            <Show when=ask fallback=|| view! { <span class="kpi-value muted" aria-busy="true">"…"</span> }>
                <button type="button" class="button small" on:click=move |_| load_compliance.run(())>
                    {move || format!("Count ({} active devices)", active_count().map(thousands).unwrap_or_default())}
                </button>
            </Show>
        }
    });

    let non_compliant =
        Signal::derive(move || compliance.get().map(|r| r.map(|c| c.non_compliant)));
    let quarantined = Signal::derive(move || compliance.get().map(|r| r.map(|c| c.quarantined)));
    let unread_count = Signal::derive(move || unread.get().map(|r| r.map(|a| a.len() as u64)));
    let expiring = Signal::derive(move || {
        certs
            .get()
            .map(|r| r.map(|o| o.map_or(0, |v| v.iter().map(|(_, n)| *n).sum())))
    });
    let has_certs = move || !matches!(certs.get(), Some(Ok(None)));
    // The total is over every configuration: it opens the list of all of them.
    let cert_href = Signal::stored(expiring_href(ALL_CONFIGS, &from, &to));

    let status_chart = move || {
        chart_panel(
            "Devices by status",
            statuses.get().map(|r| r.map(|c| Some(status_series(&c)))),
            Callback::new(move |_| statuses.refetch()),
            "No devices are registered.",
            true,
        )
    };
    let platform_chart = move || {
        chart_panel(
            "Devices by platform",
            label_list.get().map(|r| r.map(|l| platform_series(&l))),
            Callback::new(move |_| label_list.refetch()),
            "This server has no platform labels (labels whose query selects one platform).",
            true,
        )
    };
    let alert_chart = move || {
        chart_panel(
            "Unread alerts by severity",
            unread.get().map(|r| {
                r.map(|a| {
                    let sev: Vec<String> = a.iter().map(|x| x.severity.clone()).collect();
                    Some(alert_series(&sev))
                })
            }),
            Callback::new(move |_| unread.refetch()),
            "No unread alerts.",
            false,
        )
    };
    let (f2, t2) = (from.clone(), to.clone());
    let cert_chart = move || {
        let (f, t) = (f2.clone(), t2.clone());
        chart_panel(
            "Certificates expiring within 30 days",
            certs
                .get()
                .map(|r| r.map(|o| o.map(|v| expiry_series(&v, &f, &t)))),
            Callback::new(move |_| certs.refetch()),
            "No certificate expires within 30 days.",
            false,
        )
    };

    view! {
        <header class="page-header">
            <h1>"Dashboard"</h1>
            <p class="subtitle muted">"Every figure and chart segment opens the list it counts."</p>
        </header>
        <section class="kpis" aria-label="Key figures">
            <Kpi label="Non-compliant" unit=("device", "devices") value=non_compliant alarm=true
                href=Signal::stored(ComplianceFilter::NonCompliant.href()) on_retry=load_compliance pending=count_button.clone()/>
            <Kpi label="Quarantined" unit=("device", "devices") value=quarantined alarm=true
                href=Signal::stored(ComplianceFilter::Quarantined.href()) on_retry=load_compliance pending=count_button/>
            <Kpi label="Unread alerts" unit=("alert", "alerts") value=unread_count alarm=true
                href=Signal::stored("/alerts?read=unread".to_string()) on_retry=Callback::new(move |_| unread.refetch())/>
            <Show when=has_certs>
                <Kpi label="Certificates expiring in 30 days" unit=("certificate", "certificates") value=expiring
                    alarm=true href=cert_href on_retry=Callback::new(move |_| certs.refetch())/>
            </Show>
        </section>
        <div class="charts">
            {status_chart}
            {platform_chart}
            {alert_chart}
            <Show when=has_certs>{cert_chart.clone()}</Show>
        </div>
    }
}

/// Active devices that are out of compliance or quarantined: where the dashboard's figures lead.
#[component]
pub fn CompliancePage() -> impl IntoView {
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::context::page_title("Compliance");
    let filter = Memo::new(move |_| {
        query
            .with(|q| q.get("show"))
            .and_then(|s| s.parse::<ComplianceFilter>().ok())
            .unwrap_or_default()
    });
    // V1 filters devices only by status: the active ones are loaded and filtered here (again
    // after every bulk action, so the list shows its effect).
    let backend = crate::context::backend();
    let loader = Loader::new(
        move || filter.get(),
        move |f| {
            let backend = backend.clone();
            async move {
                let devices = active_devices(&*backend).await?;
                Ok(Arc::new(
                    devices.iter().filter(|d| f.matches(d)).cloned().collect(),
                ))
            }
        },
    );
    let set_filter = move |key: String| {
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "show" && k != "page");
            pairs.push(("show".into(), key));
        });
    };
    let empty = Signal::derive(move || match filter.get() {
        ComplianceFilter::NonCompliant => "Every active device is compliant.".to_string(),
        ComplianceFilter::Quarantined => "No active device is quarantined.".to_string(),
    });
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href="/dashboard">"Dashboard"</A></p>
            <h1>"Compliance"</h1>
            <p class="subtitle muted">"Active devices with compliance issues or in quarantine; the device page tells why."</p>
        </header>
        <DeviceTable name="compliance" caption="Devices" loader=loader empty=empty>
            <label class="filter">
                <span>"Show"</span>
                <select on:change:target=move |ev| set_filter(ev.target().value())>
                    {ComplianceFilter::ALL.iter().map(|f| {
                        let f = *f;
                        view! { <option value=f.key() selected=move || filter.get() == f>{f.label()}</option> }
                    }).collect_view()}
                </select>
            </label>
        </DeviceTable>
    }
}

/// The devices of the server's default status (active), for the counts V1 has no call for.
async fn active_devices(
    backend: &dyn crate::backend::Backend,
) -> Result<Arc<Vec<crate::domain::device::Device>>, crate::backend::ApiError> {
    let Some(devices) = backend.devices() else {
        return Ok(Arc::new(Vec::new()));
    };
    let key = devices.caps().statuses.first().map_or("", |s| s.key);
    devices.list(key, &crate::backend::devices::Quiet).await
}
