//! Certificates: issued certificates of one or all certificate enrollment configurations, with
//! filters, a detail drawer, the server-side CSV export and the revocation run of pending
//! certificates, as far as the server offers them. The sub-navigation leads to the other
//! certificate screens.

use crate::backend::certificates::{ExportJob, IssuedCaps};
use crate::backend::{ApiError, IssuedCertificateApi};
use crate::domain::bulk::plural;
use crate::domain::certificates::configs::CeConfig;
use crate::domain::certificates::export::export_file_name;
use crate::domain::certificates::issued::{
    certificate_columns, date, CertQuery, CertStatus, Certificate, Names, ALL_CONFIGS, QUERY_KEYS,
};
use crate::domain::certificates::revocation::{revocation_result, RevocationCounts};
use crate::routes;
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec};
use crate::ui::drawer::{Drawer, Fields};
use crate::ui::export_job::{ExportOps, ExportPanel};
use crate::ui::link::A;
use crate::ui::loader::Loader;
use crate::ui::poll::{sleep_ms, LocalTime};
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::{DataTable, PageRows, Rows};
use crate::ui::toast::Toasts;
use crate::url::parse_query;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The certificate screens' own navigation: the screens this server offers.
#[component]
pub fn CertificateTabs() -> impl IntoView {
    let issued = crate::context::issued_certificates();
    let caps = issued.as_ref().map(|i| i.caps().clone());
    let has = |f: fn(&IssuedCaps) -> bool| caps.as_ref().is_some_and(f);
    let user_provided = crate::context::user_certificates().is_some();
    view! {
        <nav class="subnav" aria-label="Certificates">
            {issued.is_some().then(|| view! { <A href=routes::CERTIFICATES exact=true>"Issued certificates"</A> })}
            {has(|c| c.users_without).then(|| view! { <A href=routes::USERS_WITHOUT_CERTIFICATES>"Users without certificates"</A> })}
            {user_provided.then(|| view! { <A href=routes::USER_CERTIFICATES>"User-provided certificates"</A> })}
            {has(|c| c.configurations).then(|| view! { <A href=routes::CERTIFICATE_CONFIGURATIONS>"Configurations"</A> })}
            <crate::screens::scep_profiles::ScepProfilesTab/>
        </nav>
    }
}

/// The issued-certificates area, or the page saying the server has none.
pub fn with_issued<V: IntoView + 'static>(
    page: impl FnOnce(Arc<dyn IssuedCertificateApi>) -> V,
) -> AnyView {
    match crate::context::issued_certificates() {
        Some(issued) => page(issued).into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

/// Loads every certificate enrollment configuration (none where the server has none).
pub fn load_configs(issued: &Arc<dyn IssuedCertificateApi>) -> Loader<CeConfig> {
    let issued = issued.clone();
    Loader::new(
        || (),
        move |_: ()| {
            let issued = issued.clone();
            async move {
                if issued.caps().configurations {
                    issued.configurations().await
                } else {
                    Ok(Arc::default())
                }
            }
        },
    )
}

/// The Retry of a list that needs the configurations: loads them again when they are what
/// failed, otherwise retries the list.
pub fn retry_configs_or(configs: Loader<CeConfig>, list_retry: Callback<()>) -> Callback<()> {
    Callback::new(move |_: ()| {
        if configs.rows.with_untracked(|c| matches!(c, Some(Err(_)))) {
            configs.retry();
        } else {
            list_retry.run(());
        }
    })
}

/// Whether the configurations are loaded, as a loader key: `None` while loading.
pub fn configs_state(configs: Loader<CeConfig>) -> Option<Result<(), ApiError>> {
    configs.rows.with(|c| {
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

/// The calls of one export for the export widget. `job` says what is exported each time a call
/// is made (calls made after the screen was left get the default of what it reads).
pub fn export_ops(
    issued: &Arc<dyn IssuedCertificateApi>,
    job: impl Fn() -> ExportJob + 'static,
    file_name: impl Fn(LocalTime) -> String + 'static,
) -> ExportOps {
    let job = Rc::new(job);
    ExportOps {
        start: Rc::new({
            let (issued, job) = (issued.clone(), job.clone());
            move || {
                let (issued, job) = (issued.clone(), job());
                Box::pin(async move { issued.export_start(&job).await })
            }
        }),
        status: Rc::new({
            let (issued, job) = (issued.clone(), job.clone());
            move || {
                let (issued, job) = (issued.clone(), job());
                Box::pin(async move { issued.export_status(&job).await })
            }
        }),
        download: Rc::new({
            let issued = issued.clone();
            move || {
                let (issued, job) = (issued.clone(), job());
                Box::pin(async move { issued.export_download(&job).await })
            }
        }),
        file_name: Rc::new(file_name),
    }
}

fn now() -> i64 {
    crate::browser::now_ms() as i64
}

#[component]
pub fn CertificatesPage() -> impl IntoView {
    // A server whose only certificates are those users provide: straight to them.
    if crate::context::issued_certificates().is_none()
        && crate::context::user_certificates().is_some()
    {
        return view! { <leptos_router::components::Redirect path=routes::USER_CERTIFICATES/> }
            .into_any();
    }
    with_issued(|issued| view! { <Certificates issued=issued/> })
}

#[component]
fn Certificates(issued: Arc<dyn IssuedCertificateApi>) -> impl IntoView {
    crate::context::page_title("Certificates");
    let caps = issued.caps().clone();
    // A search per configuration: one has to be chosen (or all of them).
    let needs_config = caps.configurations;
    let location = use_location();
    let nav = StoredValue::new(QueryNav::new());
    let configs = load_configs(&issued);

    let pairs = Memo::new(move |_| parse_query(&location.search.get()));
    let asked = Memo::new(move |_| pairs.with(|p| CertQuery::from_pairs(p)));
    // The configuration shown: the one in the URL, else the first that issues certificates.
    let query = Memo::new(move |_| {
        let mut q = asked.get();
        if q.config.is_empty() {
            if let Some(Ok(list)) = configs.get() {
                if let Some(first) = list.iter().find(|c| c.issues) {
                    q.config = first.name.clone();
                }
            }
        }
        q
    });
    let range_error = Memo::new(move |_| query.with(|q| q.range_error()));

    let searcher = issued.clone();
    let loader = Loader::new(
        move || (query.get(), configs_state(configs)),
        move |(q, loaded): (CertQuery, Option<Result<(), ApiError>>)| {
            let issued = searcher.clone();
            async move {
                configs_ready(loaded).await?;
                if (needs_config && q.config.is_empty()) || q.range_error().is_some() {
                    return Ok(Arc::new(Vec::new()));
                }
                let list = match configs.rows.try_get_untracked().flatten() {
                    Some(Ok(list)) => list,
                    _ => Arc::default(),
                };
                issued.search(&q, &list, now()).await
            }
        },
    );

    // Who and what the rows name: asked for the rows on screen, kept while the screen is.
    let names = RwSignal::new(Names::default());
    let rows = Memo::new_with_compare(
        move |_| match loader.rows.get() {
            Some(Ok(list)) => Some(Ok(names.with(|n| n.apply(&list)))),
            other => other,
        },
        // The same list is the same rows (the table keeps its page and order).
        |a: Option<&Rows<Certificate>>, b: Option<&Rows<Certificate>>| !matches!((a, b), (Some(Some(Ok(x))), Some(Some(Ok(y)))) if Arc::ptr_eq(x, y)),
    );
    // Lookups still on their way when the screen is left are dropped, which cancels their
    // requests (and lets them be asked again next time).
    let lookups = StoredValue::new(Vec::<futures::future::AbortHandle>::new());
    on_cleanup(move || {
        lookups.try_with_value(|l| l.iter().for_each(|h| h.abort()));
    });
    let namer = issued.clone();
    let on_page = Callback::new(move |page: PageRows<Certificate>| {
        let unnamed: Vec<Certificate> = page
            .iter()
            .filter(|c| c.user.is_none() || c.device.is_none())
            .cloned()
            .collect();
        if unnamed.is_empty() {
            return;
        }
        let issued = namer.clone();
        let (lookup, handle) = futures::future::abortable(async move {
            let found = issued.names(&unnamed).await;
            // The screen may be gone by now.
            if let Some(mut known) = names.try_get_untracked() {
                if known.merge(found) {
                    names.try_set(known);
                }
            }
        });
        lookups.try_update_value(|l| l.push(handle));
        spawn_local(async move {
            // Aborted: the screen was left.
            let _ = lookup.await;
        });
    });

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
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
        })
    });
    let selected = Memo::new(move |_| {
        let id = open_id.get()?;
        rows.with(|r| match r {
            Some(Ok(rows)) => rows.iter().find(|c| c.id == id).cloned(),
            _ => None,
        })
    });
    let nav2 = QueryNav::new();
    let set_open = Callback::new(move |id: Option<String>| {
        nav2.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "cert");
            if let Some(id) = id {
                pairs.push(("cert".into(), id));
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
            let id = a.get_attribute("href").and_then(|h| {
                let query = h.split_once('?')?.1.to_string();
                parse_query(&query)
                    .into_iter()
                    .find(|(k, _)| k == "cert")
                    .map(|(_, v)| v)
            });
            if let Some(id) = id {
                ev.prevent_default();
                set_open.run(Some(id));
            }
        }
    };

    let empty = Signal::derive(move || {
        let q = query.get();
        if needs_config && q.config.is_empty() {
            "Choose a certificate enrollment configuration.".to_string()
        } else if let Some(e) = q.range_error() {
            e
        } else {
            "No certificates match these filters.".to_string()
        }
    });

    // The export: the same filters, within the server's rules.
    let ops = export_ops(
        &issued,
        move || ExportJob::Certificates(query.try_get_untracked().unwrap_or_default()),
        // Called after the download's await: the screen may be gone by then.
        move |t| {
            export_file_name(
                "certificates",
                &query
                    .try_with_untracked(|q| q.config.clone())
                    .unwrap_or_default(),
                t,
            )
        },
    );
    let rules = issued.clone();
    let blocked = Signal::derive(move || {
        let q = query.get();
        if needs_config && q.config.is_empty() {
            return Some("Choose a configuration to export.".to_string());
        }
        let refusal = rules.export_refusal(&ExportJob::Certificates(q.clone()));
        refusal.map(str::to_string).or_else(|| q.range_error())
    });
    let what = Signal::derive(move || format!("the certificates of {}", query.get().describe()));

    let config_options = move || match configs.get() {
        Some(Ok(list)) => list
            .iter()
            .filter(|c| c.issues)
            .cloned()
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let retry = retry_configs_or(configs, loader.retry_callback());
    let statuses = caps.statuses;
    let text_filter = move |label: &'static str,
                            placeholder: &'static str,
                            get: fn(&CertQuery) -> String,
                            set: fn(&mut CertQuery, String)| {
        view! {
            <label class="filter">
                <span>{label}</span>
                <input type="text" placeholder=(!placeholder.is_empty()).then_some(placeholder) autocomplete="off"
                    spellcheck=placeholder.is_empty().then_some("false")
                    prop:value=move || query.with(get)
                    on:change:target=move |ev| { let v = ev.target().value(); set_query(&|q| set(q, v.trim().to_string())); }/>
            </label>
        }
    };
    let date_filter = move |label: &'static str,
                            get: fn(&CertQuery) -> String,
                            set: fn(&mut CertQuery, String)| {
        view! {
            <label class="filter">
                <span>{label}</span>
                <input type="date" prop:value=move || query.with(get)
                    on:change:target=move |ev| { let v = ev.target().value(); set_query(&|q| set(q, v.clone())); }/>
            </label>
        }
    };

    view! {
        <header class="page-header">
            <h1>"Certificates"</h1>
            <CertificateTabs/>
        </header>
        {caps.revocation.then(|| view! { <RevokeBanner issued=issued.clone() on_done=Callback::new(move |_| loader.refresh())/> })}
        {caps.export.then(|| view! { <ExportPanel ops=ops what=what blocked=blocked/> })}
        <div on:click=on_table_click>
            <DataTable
                name="certificates"
                caption="Certificates"
                noun="certificates"
                columns=Arc::new(certificate_columns())
                rows=rows.into()
                on_retry=retry
                empty=empty
                on_page=on_page
            >
                {needs_config.then(|| view! {
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
                })}
                <label class="filter">
                    <span>"Status"</span>
                    <select on:change:target=move |ev| { let v = ev.target().value(); set_query(&|q| q.status = v.parse().ok()); }>
                        <option value="" selected=move || query.with(|q| q.status.is_none())>"All statuses"</option>
                        {statuses.iter().map(|s| {
                            let s = *s;
                            view! { <option value=s.key() selected=move || query.with(|q| q.status == Some(s))>{s.label()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                {caps.user_filter.then(|| text_filter("User", "User ID or name", |q| q.user.clone(), |q, v| q.user = v))}
                {caps.device_filter.then(|| text_filter("Device UUID", "", |q| q.device.clone(), |q, v| q.device = v))}
                {caps.date_filter.then(|| view! {
                    {date_filter("Expires from", |q| q.from.clone(), |q, v| q.from = v)}
                    {date_filter("Expires until", |q| q.to.clone(), |q, v| q.to = v)}
                })}
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
        ("User", cert.user_label()),
        ("User ID", cert.user_id.clone()),
        ("Device", cert.device_label()),
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
        ("Record ID", cert.id.clone()),
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
    let device = match &cert.device {
        Some(d) if !d.key.is_empty() => Some(routes::device(&d.key)),
        _ => (!cert.device_uuid.is_empty()).then(|| routes::device(&cert.device_uuid)),
    };
    let user = cert
        .user
        .as_ref()
        .filter(|u| !u.key.is_empty())
        .map(|u| routes::user(&u.key));
    view! {
        <Drawer title=title on_close=on_close>
            {attention.map(|a| view! { <p class="notice">{a}</p> })}
            <Fields rows=rows/>
            {user.map(|href| view! { <p><A href=href>"Open the user"</A></p> })}
            {device.map(|href| view! { <p><A href=href>"Open the device"</A></p> })}
        </Drawer>
    }
}

/// Where the revocation run stands (certificates digest, "UI per flow").
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

/// "N certificates pending revocation" with the revocation run: whether it is going on, and
/// starting it (certificates digest, "UI per flow").
#[component]
fn RevokeBanner(issued: Arc<dyn IssuedCertificateApi>, on_done: Callback<()>) -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let run = RwSignal::new(Revoke::Checking);
    let counts = RwSignal::new(None::<Result<RevocationCounts, String>>);
    let before = StoredValue::new(RevocationCounts::default());
    let api = StoredValue::new(issued);

    // Runs after other awaits: the screen may be gone (then it answers an error, never panics).
    let recount = move || {
        let api = api.try_get_value();
        async move {
            match api {
                Some(api) => api.revocation_counts().await,
                None => Err(ApiError::network(String::new())),
            }
        }
    };

    let poll = move || {
        spawn_local(async move {
            loop {
                sleep_ms(2000).await;
                let Some(a) = api.try_get_value() else { return };
                match a.revocation_status().await {
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
                        let was = before.try_get_value().unwrap_or_default();
                        match after {
                            Ok(now) => {
                                let msg = revocation_result(was, now);
                                counts.try_set(Some(Ok(now)));
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
            match a.revocation_status().await {
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
            _ => RevocationCounts::default(),
        });
        before.set_value(before_now);
        spawn_local(async move {
            let Some(a) = api.try_get_value() else { return };
            match a.revoke().await {
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

    let pending =
        move || counts.with(|c| c.as_ref().and_then(|r| r.as_ref().ok()).map(|v| v.pending));
    let manual =
        move || counts.with(|c| c.as_ref().and_then(|r| r.as_ref().ok()).map(|v| v.manual));
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
                    Some(Ok(RevocationCounts { pending: 0, .. })) => "No certificates are pending revocation.".to_string(),
                    Some(Ok(RevocationCounts { pending, .. })) => format!("{} pending revocation", plural(pending, "certificate", "certificates")),
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
