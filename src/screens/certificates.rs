//! Certificates: issued certificates of one certificate enrollment (CE) configuration (E14 → E4)
//! with filters, a detail drawer, the server-side CSV export (E1–E3) and the revocation of pending
//! certificates (E9/E10). The sub-navigation leads to the other certificate screens.

use crate::backend::epmm::{certificates, ApiClient, ApiError};
use crate::domain::certificate::{
    certificate_columns, date, export_file_name, plural, revocation_result, CaKind, CeConfig,
    CertQuery, CertStatus, Certificate, ALL_CONFIGS, QUERY_KEYS,
};
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec};
use crate::ui::drawer::{Drawer, Fields};
use crate::ui::export_job::{ExportOps, ExportPanel};
use crate::ui::link::A;
use crate::ui::loader::Loader;
use crate::ui::poll::sleep_ms;
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::DataTable;
use crate::ui::toast::Toasts;
use crate::url::{encode_path_segment, parse_query};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The certificate screens' own navigation.
#[component]
pub fn CertificateTabs() -> impl IntoView {
    view! {
        <nav class="subnav" aria-label="Certificates">
            <A href="/certificates" exact=true>"Issued certificates"</A>
            <A href="/certificates/users-without">"Users without certificates"</A>
            <A href="/certificates/users" exact=false>"User-provided certificates"</A>
            <A href="/certificates/configurations">"Configurations"</A>
            <crate::screens::scep_profiles::ScepProfilesTab/>
        </nav>
    }
}

pub type Configs = RwSignal<Option<Result<Arc<Vec<CeConfig>>, ApiError>>>;

/// Loads every CE configuration (E14 per CA type) into a signal.
pub fn load_configs(api: &ApiClient) -> Configs {
    let configs: Configs = RwSignal::new(None);
    reload_configs(api, configs);
    configs
}

/// Loads the configurations again (after a failure): `None` until they arrive.
pub fn reload_configs(api: &ApiClient, configs: Configs) {
    configs.set(None);
    let api = api.clone();
    spawn_local(async move {
        let r = certificates::all_configs(&api).await;
        configs.try_set(Some(r));
    });
}

/// The Retry of a list that needs the configurations: loads them again when they are what
/// failed, otherwise retries the list.
pub fn retry_configs_or(
    api: &ApiClient,
    configs: Configs,
    list_retry: Callback<()>,
) -> Callback<()> {
    let api = api.clone();
    Callback::new(move |_: ()| {
        if configs.with_untracked(|c| matches!(c, Some(Err(_)))) {
            reload_configs(&api, configs);
        } else {
            list_retry.run(());
        }
    })
}

/// Whether the configurations are loaded, as a loader key: `None` while loading.
pub fn configs_state(configs: Configs) -> Option<Result<(), ApiError>> {
    configs.with(|c| {
        c.as_ref()
            .map(|r| r.as_ref().map(|_| ()).map_err(Clone::clone))
    })
}

/// Waits for the configurations; their failure is the list's failure (its Retry loads them again).
pub async fn configs_ready(state: Option<Result<(), ApiError>>) -> Result<(), ApiError> {
    match state {
        None => std::future::pending::<Result<(), ApiError>>().await,
        Some(r) => r,
    }
}

fn now() -> i64 {
    crate::browser::now_ms() as i64
}

#[component]
pub fn CertificatesPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    crate::context::page_title("Certificates");
    let location = use_location();
    let nav = StoredValue::new(QueryNav::new());
    let configs = load_configs(&api);

    let pairs = Memo::new(move |_| parse_query(&location.search.get()));
    let asked = Memo::new(move |_| pairs.with(|p| CertQuery::from_pairs(p)));
    // The configuration shown: the one in the URL, else the first that issues certificates.
    let query = Memo::new(move |_| {
        let mut q = asked.get();
        if q.config.is_empty() {
            if let Some(Ok(list)) = configs.get() {
                if let Some(first) = list.iter().find(|c| c.kind.issues_certificates()) {
                    q.config = first.name.clone();
                }
            }
        }
        q
    });
    let range_error = Memo::new(move |_| query.with(|q| q.range_error()));

    let api2 = api.clone();
    let loader = Loader::new(
        move || (query.get(), configs_state(configs)),
        move |(q, loaded): (CertQuery, Option<Result<(), ApiError>>)| {
            let api = api2.clone();
            async move {
                configs_ready(loaded).await?;
                if q.config.is_empty() || q.range_error().is_some() {
                    return Ok(Arc::new(Vec::new()));
                }
                if q.all_configs() {
                    let list = match configs.try_get_untracked().flatten() {
                        Some(Ok(list)) => list,
                        _ => return Ok(Arc::new(Vec::new())),
                    };
                    let each = certificates::search_each(&api, &q, &list, now()).await?;
                    return Ok(Arc::new(
                        each.iter()
                            .flat_map(|(_, certs)| certs.iter().cloned())
                            .collect(),
                    ));
                }
                certificates::search(&api, &q, now()).await
            }
        },
    );

    let set_query = move |f: &dyn Fn(&mut CertQuery)| {
        let mut q = query.get_untracked();
        f(&mut q);
        nav.with_value(|nav| {
            nav.edit(false, |pairs| {
                pairs.retain(|(k, _)| {
                    !QUERY_KEYS.contains(&k.as_str()) && k != "page" && k != "cert"
                });
                pairs.extend(q.to_pairs().into_iter().map(|(k, v)| (k.to_string(), v)));
            })
        });
    };

    // The drawer: `?cert=<id>`.
    let open_id = Memo::new(move |_| {
        pairs.with(|p| {
            p.iter()
                .find(|(k, _)| k == "cert")
                .and_then(|(_, v)| v.parse::<i64>().ok())
        })
    });
    let selected = Memo::new(move |_| {
        let id = open_id.get()?;
        loader.rows.with(|r| match r {
            Some(Ok(rows)) => rows.iter().find(|c| c.id == id).cloned(),
            _ => None,
        })
    });
    let nav2 = QueryNav::new();
    let set_open = Callback::new(move |id: Option<i64>| {
        nav2.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "cert");
            if let Some(id) = id {
                pairs.push(("cert".into(), id.to_string()));
            }
        });
    });
    // Serial links open the drawer in place (keeping every other URL key).
    let on_table_click = move |ev: leptos::ev::MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href*='cert=']").ok().flatten());
        if let Some(a) = link {
            let id = a
                .get_attribute("href")
                .and_then(|h| h.rsplit("cert=").next().map(str::to_string))
                .and_then(|v| v.parse::<i64>().ok());
            if let Some(id) = id {
                ev.prevent_default();
                set_open.run(Some(id));
            }
        }
    };

    let empty = Signal::derive(move || {
        let q = query.get();
        if q.config.is_empty() {
            "Choose a certificate enrollment configuration.".to_string()
        } else if let Some(e) = q.range_error() {
            e
        } else {
            "No certificates match these filters.".to_string()
        }
    });

    // Export (E1–E3): the same filter; E1 needs a status (C.1 #6).
    let api3 = api.clone();
    let ops = ExportOps {
        start: Rc::new({
            let api = api3.clone();
            move || {
                let api = api.clone();
                let q = query.get_untracked();
                Box::pin(async move { certificates::export_start(&api, &q).await })
            }
        }),
        status: Rc::new({
            let api = api3.clone();
            move || {
                let api = api.clone();
                Box::pin(async move { certificates::export_status(&api).await })
            }
        }),
        download: Rc::new({
            let api = api3.clone();
            move || {
                let api = api.clone();
                Box::pin(async move { certificates::export_download(&api).await })
            }
        }),
        // Called after the download's await: the screen may be gone by then.
        file_name: Rc::new(move |t| {
            export_file_name(
                "certificates",
                &query
                    .try_with_untracked(|q| q.config.clone())
                    .unwrap_or_default(),
                t,
            )
        }),
    };
    let blocked = Signal::derive(move || {
        let q = query.get();
        if q.config.is_empty() {
            Some("Choose a configuration to export.".to_string())
        } else if q.all_configs() {
            Some("Choose one configuration to export: the server exports one configuration at a time.".to_string())
        } else if q.status.is_none() {
            Some("Choose a status to export: the server exports one status at a time.".to_string())
        } else {
            q.range_error()
        }
    });
    let what = Signal::derive(move || format!("the certificates of {}", query.get().describe()));

    let config_options = move || match configs.get() {
        Some(Ok(list)) => list
            .iter()
            .filter(|c| c.kind.issues_certificates())
            .cloned()
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let retry = retry_configs_or(&api, configs, loader.retry_callback());

    view! {
        <header class="page-header">
            <h1>"Certificates"</h1>
            <CertificateTabs/>
        </header>
        <RevokeBanner on_done=Callback::new(move |_| loader.refresh())/>
        <ExportPanel ops=ops what=what blocked=blocked/>
        <div on:click=on_table_click>
            <DataTable
                name="certificates"
                caption="Certificates"
                noun="certificates"
                columns=Arc::new(certificate_columns())
                rows=loader.signal()
                on_retry=retry
                empty=empty
            >
                <label class="filter">
                    <span>"Configuration"</span>
                    <select on:change:target=move |ev| { let v = ev.target().value(); set_query(&|q| q.config = v.clone()); }>
                        <option value=ALL_CONFIGS selected=move || query.with(CertQuery::all_configs)>"All configurations"</option>
                        {move || config_options().into_iter().map(|c| {
                            let name = c.name.clone();
                            let sel = name.clone();
                            view! { <option value=name selected=move || query.with(|q| q.config == sel)>{c.title()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="filter">
                    <span>"Status"</span>
                    <select on:change:target=move |ev| { let v = ev.target().value(); set_query(&|q| q.status = v.parse().ok()); }>
                        <option value="" selected=move || query.with(|q| q.status.is_none())>"All statuses"</option>
                        {CertStatus::ALL.iter().map(|s| {
                            let s = *s;
                            view! { <option value=s.key() selected=move || query.with(|q| q.status == Some(s))>{s.label()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="filter">
                    <span>"User"</span>
                    <input type="text" placeholder="User ID or name" autocomplete="off"
                        prop:value=move || query.with(|q| q.user.clone())
                        on:change:target=move |ev| { let v = ev.target().value(); set_query(&|q| q.user = v.trim().to_string()); }/>
                </label>
                <label class="filter">
                    <span>"Device UUID"</span>
                    <input type="text" autocomplete="off" spellcheck="false"
                        prop:value=move || query.with(|q| q.device.clone())
                        on:change:target=move |ev| { let v = ev.target().value(); set_query(&|q| q.device = v.trim().to_string()); }/>
                </label>
                <label class="filter">
                    <span>"Expires from"</span>
                    <input type="date" prop:value=move || query.with(|q| q.from.clone())
                        on:change:target=move |ev| { let v = ev.target().value(); set_query(&|q| q.from = v.clone()); }/>
                </label>
                <label class="filter">
                    <span>"Expires until"</span>
                    <input type="date" prop:value=move || query.with(|q| q.to.clone())
                        on:change:target=move |ev| { let v = ev.target().value(); set_query(&|q| q.to = v.clone()); }/>
                </label>
                {move || range_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </DataTable>
        </div>
        {move || selected.get().map(|c| view! {
            <CertificateDrawer cert=c on_close=Callback::new(move |_| set_open.run(None))/>
        })}
        {move || (open_id.get().is_some() && selected.get().is_none() && matches!(loader.rows.get(), Some(Ok(_)))).then(|| view! {
            <Drawer title="Certificate not found".to_string() on_close=Callback::new(move |_| set_open.run(None))>
                <p>"This certificate is not in the current list. It may belong to another configuration or no longer match the filters."</p>
            </Drawer>
        })}
    }
}

#[component]
fn CertificateDrawer(cert: Certificate, on_close: Callback<()>) -> impl IntoView {
    let title = format!("Certificate {}", cert.serial);
    let rows = vec![
        ("Serial number", cert.serial.clone()),
        ("Status", cert.status_label()),
        ("Configuration", cert.config_name.clone()),
        (
            "Configuration ID",
            cert.config_id.map(|v| v.to_string()).unwrap_or_default(),
        ),
        ("Expires", {
            let d = date(cert.expires);
            let rel = cert.expires_relative();
            if rel.is_empty() {
                d
            } else {
                format!("{d} ({rel})")
            }
        }),
        ("Created", date(cert.created)),
        ("User ID", cert.user_id.clone()),
        (
            "Device ID",
            cert.device_id.map(|v| v.to_string()).unwrap_or_default(),
        ),
        ("Device UUID", cert.device_uuid.clone()),
        ("Type", cert.kind.clone()),
        (
            "Trash",
            if cert.trash {
                "Yes".into()
            } else {
                "No".into()
            },
        ),
        (
            "Local CA ID",
            cert.local_ca_id.map(|v| v.to_string()).unwrap_or_default(),
        ),
        (
            "App settings",
            cert.app_settings
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("Record ID", cert.id.to_string()),
    ];
    let attention = cert
        .status
        .filter(|s| s.needs_attention())
        .map(|s| match s {
            CertStatus::PendingRevocation => {
                "Waiting for the revocation run (see “Revoke pending certificates”)."
            }
            _ => "The certificate authority could not revoke it: revoke it at the CA by hand.",
        });
    let device = (!cert.device_uuid.is_empty())
        .then(|| format!("/devices/{}", encode_path_segment(&cert.device_uuid)));
    view! {
        <Drawer title=title on_close=on_close>
            {attention.map(|a| view! { <p class="notice">{a}</p> })}
            <Fields rows=rows/>
            {device.map(|href| view! { <p><A href=href>"Open the device"</A></p> })}
        </Drawer>
    }
}

/// Where the revocation run stands (digest Part E UI-3).
#[derive(Clone, Debug, PartialEq)]
enum Revoke {
    Checking,
    Idle,
    Confirm,
    Submitting,
    Running { seconds: Option<u64> },
    Done(String),
    Failed(String),
}

async fn count_all(
    api: &ApiClient,
    configs: &[CeConfig],
    status: CertStatus,
) -> Result<usize, ApiError> {
    let mut n = 0;
    for c in configs
        .iter()
        .filter(|c| c.kind.issues_certificates() && c.kind != CaKind::Local)
    {
        n += certificates::count(api, &c.name, status).await?;
    }
    Ok(n)
}

/// "N certificates pending revocation" with the revocation run (E9 status, E10 start; S0:L1195-1309).
#[component]
fn RevokeBanner(on_done: Callback<()>) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let toasts = expect_context::<Toasts>();
    let run = RwSignal::new(Revoke::Checking);
    // (pending, manual) across the configurations of external CAs.
    let counts = RwSignal::new(None::<Result<(usize, usize), String>>);
    let before = StoredValue::new((0usize, 0usize));
    let api = StoredValue::new(api);

    // Runs after other awaits: the screen may be gone (then it answers an error, never panics).
    let recount = move || {
        let api = api.try_get_value();
        async move {
            let Some(api) = api else {
                return Err(ApiError::network(String::new()));
            };
            let configs = certificates::all_configs(&api).await?;
            let p = count_all(&api, &configs, CertStatus::PendingRevocation).await?;
            let m = count_all(&api, &configs, CertStatus::ManualRevocationRequired).await?;
            Ok::<_, ApiError>((p, m))
        }
    };

    let poll = move || {
        spawn_local(async move {
            loop {
                sleep_ms(2000).await;
                let Some(a) = api.try_get_value() else { return };
                match certificates::revocation_status(&a).await {
                    Ok(st) if st.running => {
                        if run
                            .try_set(Revoke::Running {
                                seconds: st.seconds,
                            })
                            .is_some()
                        {
                            return;
                        }
                    }
                    Ok(_) => {
                        let after = recount().await;
                        let (pb, mb) = before.try_get_value().unwrap_or_default();
                        match after {
                            Ok((p, m)) => {
                                let msg = revocation_result(pb, p, mb, m);
                                counts.try_set(Some(Ok((p, m))));
                                toasts.push(msg.clone(), false);
                                run.try_set(Revoke::Done(msg));
                            }
                            Err(e) => {
                                run.try_set(Revoke::Done("Revocation finished.".into()));
                                counts.try_set(Some(Err(e.message())));
                            }
                        }
                        on_done.try_run(());
                        return;
                    }
                    Err(e) => {
                        run.try_set(Revoke::Failed(format!(
                            "Could not follow the revocation: {}",
                            e.message()
                        )));
                        return;
                    }
                }
            }
        });
    };

    // On arrival (and on Retry): a run in progress? and the counts.
    let check = move || {
        run.set(Revoke::Checking);
        counts.set(None);
        spawn_local(async move {
            let Some(a) = api.try_get_value() else { return };
            match certificates::revocation_status(&a).await {
                Ok(st) if st.running => {
                    run.try_set(Revoke::Running {
                        seconds: st.seconds,
                    });
                    poll();
                }
                Ok(_) => {
                    run.try_set(Revoke::Idle);
                }
                Err(e) => {
                    run.try_set(Revoke::Failed(format!(
                        "Could not ask whether a revocation is running: {}",
                        e.message()
                    )));
                }
            }
            let c = recount().await.map_err(|e| e.message());
            counts.try_set(Some(c));
        });
    };
    check();

    let confirm = move |_| {
        run.set(Revoke::Submitting);
        let before_now = counts.with_untracked(|c| match c {
            Some(Ok(v)) => *v,
            _ => (0, 0),
        });
        before.set_value(before_now);
        spawn_local(async move {
            let Some(a) = api.try_get_value() else { return };
            match certificates::revoke(&a).await {
                Ok(_) => {
                    run.try_set(Revoke::Running { seconds: Some(0) });
                    poll();
                }
                Err(e) => {
                    run.try_set(Revoke::Failed(format!(
                        "The revocation could not be started: {}",
                        e.message()
                    )));
                }
            }
        });
    };

    let pending = move || counts.with(|c| c.as_ref().and_then(|r| r.as_ref().ok()).map(|v| v.0));
    let manual = move || counts.with(|c| c.as_ref().and_then(|r| r.as_ref().ok()).map(|v| v.1));
    let spec = move || {
        ConfirmSpec {
        title: "Revoke pending certificates".into(),
        message: format!(
            "This asks the external certificate authorities to revoke all {} pending revocation. Certificates a CA cannot revoke will need manual revocation. Continue?",
            plural(pending().unwrap_or(0), "certificate", "certificates")
        ),
        confirm_label: "Revoke".into(),
        danger: true,
        ..Default::default()
    }
    };
    let busy = move || {
        matches!(
            run.get(),
            Revoke::Checking | Revoke::Submitting | Revoke::Running { .. }
        )
    };

    view! {
        <section class="revoke-banner" aria-label="Pending revocation">
            <p class="revoke-count">
                {move || match counts.get() {
                    None => "Counting certificates pending revocation…".to_string(),
                    Some(Err(_)) => "Certificates pending revocation: not counted.".to_string(),
                    Some(Ok((0, _))) => "No certificates are pending revocation.".to_string(),
                    Some(Ok((p, _))) => format!("{} pending revocation", plural(p, "certificate", "certificates")),
                }}
                {move || manual().filter(|m| *m > 0).map(|m| view! {
                    <span class="badge badge-attention">{format!("{} need manual revocation", plural(m, "certificate", "certificates"))}</span>
                })}
            </p>
            <button type="button" class="button danger"
                disabled=move || busy() || pending().unwrap_or(0) == 0
                on:click=move |_| run.set(Revoke::Confirm)>
                "Revoke pending certificates"
            </button>
            <p class="revoke-status" role="status" aria-live="polite">
                {move || match run.get() {
                    Revoke::Submitting => "Starting the revocation…".to_string(),
                    Revoke::Running { seconds: Some(s) } => format!("Revocation in progress: {s} s so far."),
                    Revoke::Running { seconds: None } => "Revocation in progress.".to_string(),
                    Revoke::Done(m) => m,
                    _ => String::new(),
                }}
            </p>
            {move || {
                let failed = match run.get() {
                    Revoke::Failed(m) => Some(m),
                    _ => None,
                };
                let uncounted = counts.with(|c| match c {
                    Some(Err(m)) => Some(format!("Could not count the certificates pending revocation: {m}")),
                    _ => None,
                });
                let lines: Vec<String> = failed.into_iter().chain(uncounted).collect();
                (!lines.is_empty()).then(|| view! {
                    <div class="state error" role="alert">
                        {lines.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                        <button type="button" class="button" on:click=move |_| check()>"Retry"</button>
                    </div>
                })
            }}
            <Show when=move || run.get() == Revoke::Confirm>
                <ConfirmDialog spec=spec() on_confirm=Callback::new(confirm) on_cancel=Callback::new(move |_| run.set(Revoke::Idle))/>
            </Show>
        </section>
    }
}
