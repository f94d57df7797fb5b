//! Certificate enrollment configurations: the list (E14 per CA type) and one configuration's
//! actions: test connectivity by issuing a test certificate (E13) and, for SCEP, change the
//! challenge password (E12, write-only: never shown or pre-filled).

use super::certificates::{load_configs, reload_configs, CertificateTabs};
use crate::backend::epmm::certificates::{self, TestCert};
use crate::backend::epmm::{ApiClient, ApiError};
use crate::domain::certificate::{check_challenge, config_columns, CaKind, CeConfig};
use crate::ui::dialog::Modal;
use crate::ui::drawer::Fields;
use crate::ui::link::A;
use crate::ui::retry::RetryAlert;
use crate::ui::table::data_table::DataTable;
use crate::ui::toast::Toasts;
use crate::url::{encode_path_segment, query_string};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConfigsPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    crate::context::page_title("Certificate enrollment configurations");
    let configs = load_configs(&api);
    let retry = Callback::new(move |_| reload_configs(&api, configs));
    view! {
        <header class="page-header">
            <h1>"Configurations"</h1>
            <CertificateTabs/>
        </header>
        <DataTable
            name="ce-configurations"
            caption="Certificate enrollment configurations"
            noun="configurations"
            columns=std::sync::Arc::new(config_columns())
            rows=Signal::derive(move || configs.get())
            on_retry=retry
            empty="The server has no certificate enrollment configurations."
        />
    }
}

#[derive(Clone, Debug, PartialEq)]
enum TestRun {
    Idle,
    Running,
    Done(Box<TestCert>),
    Failed(String),
}

#[component]
pub fn ConfigDetailPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let configs = load_configs(&api);
    let retry = Callback::new(move |_: ()| reload_configs(&api, configs));
    let config = Memo::new(move |_| -> Option<Result<Option<CeConfig>, ApiError>> {
        let id = id.get();
        configs
            .get()
            .map(|r| r.map(|list| list.iter().find(|c| c.id == id).cloned()))
    });
    Effect::new(move |_| {
        let name = config
            .get()
            .and_then(|r| r.ok().flatten())
            .map(|c| c.name)
            .unwrap_or_else(|| "Configuration".into());
        crate::context::page_title(&name);
    });
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href="/certificates/configurations">"Configurations"</A></p>
            <h1>{move || config.get().and_then(|r| r.ok().flatten()).map(|c| c.name).unwrap_or_else(|| format!("Configuration {}", id.get()))}</h1>
            <CertificateTabs/>
        </header>
        {move || match config.get() {
            None => view! { <p class="state loading" role="status">"Loading the configuration…"</p> }.into_any(),
            Some(Err(e)) => view! {
                <RetryAlert message={e.message()} on_retry=retry/>
            }.into_any(),
            Some(Ok(None)) => view! {
                <RetryAlert message={format!("No configuration has the id {}.", id.get())} on_retry=retry/>
            }.into_any(),
            Some(Ok(Some(c))) => view! { <ConfigDetail config=c/> }.into_any(),
        }}
    }
}

#[component]
fn ConfigDetail(config: CeConfig) -> impl IntoView {
    let certs_href = format!(
        "/certificates?{}",
        query_string([("ce", config.name.as_str())])
    );
    let users_href = format!(
        "/certificates/users-without?{}",
        query_string([("ce", config.id.as_str())])
    );
    let can_test = config.kind.can_test();
    let is_scep = config.kind == CaKind::Scep;
    let c2 = config.clone();
    let c3 = config.clone();
    view! {
        <section class="panel" aria-labelledby="cfg-general">
            <h2 id="cfg-general">"General"</h2>
            <Fields rows=vec![
                ("Name", config.name.clone()),
                ("CA type", config.kind.label().to_string()),
                ("ID", config.id.clone()),
            ]/>
            <p class="actions">
                {config.kind.issues_certificates().then(|| view! { <A href=certs_href>"Issued certificates"</A> })}
                <A href=users_href>"Users without certificates"</A>
            </p>
        </section>
        {can_test.then(|| view! { <TestConnectivity config=c2/> })}
        {is_scep.then(|| view! { <ChallengePassword config=c3/> })}
    }
}

#[component]
fn TestConnectivity(config: CeConfig) -> impl IntoView {
    let api = StoredValue::new(expect_context::<ApiClient>());
    let email = RwSignal::new(String::new());
    let run = RwSignal::new(TestRun::Idle);
    let name = StoredValue::new(config.name.clone());
    let test = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if run.get_untracked() == TestRun::Running {
            return;
        }
        let e = email.get_untracked();
        if !e.trim().is_empty() && !e.contains('@') {
            run.set(TestRun::Failed(
                "The subject email must be an email address.".into(),
            ));
            return;
        }
        run.set(TestRun::Running);
        let api = api.get_value();
        let n = name.get_value();
        spawn_local(async move {
            let r = certificates::test_certificate(&api, &n, &e).await;
            run.try_set(match r {
                Ok(c) => TestRun::Done(Box::new(c)),
                Err(e) => TestRun::Failed(e.message()),
            });
        });
    };
    view! {
        <section class="panel" aria-labelledby="cfg-test">
            <h2 id="cfg-test">"Test connectivity"</h2>
            <p>"Requests a test certificate from the certificate authority of this configuration."</p>
            <form class="inline-form" on:submit=test novalidate>
                <label>
                    <span>"Subject email (optional)"</span>
                    <input type="email" placeholder="testuser@yourcompany.com" autocomplete="off"
                        prop:value=move || email.get() on:input:target=move |ev| email.set(ev.target().value())/>
                </label>
                <button type="submit" class="button primary" disabled=move || run.get() == TestRun::Running>"Issue test certificate"</button>
            </form>
            <div role="status" aria-live="polite">
                {move || (run.get() == TestRun::Running).then(|| view! { <p>"Requesting a test certificate from the CA…"</p> })}
            </div>
            {move || match run.get() {
                TestRun::Failed(m) => Some(view! {
                    <div class="state error" role="alert">
                        <p>{m}" Check the CA address and credentials of this configuration."</p>
                    </div>
                }.into_any()),
                TestRun::Done(c) => Some(view! { <TestResult cert=*c/> }.into_any()),
                _ => None,
            }}
        </section>
    }
}

#[component]
fn TestResult(cert: TestCert) -> impl IntoView {
    let pem = cert.pem.clone();
    let download = move |_| {
        if let Err(e) =
            crate::browser::download_text("test-certificate.pem", "application/x-pem-file", &pem)
        {
            crate::ui::toast::error(e);
        }
    };
    let when = |ms: i64| crate::dates::format_short(ms) + " UTC";
    view! {
        <div class="test-result">
            <p class="ok-text">{if cert.message.is_empty() { "A test certificate was issued.".to_string() } else { cert.message.clone() }}</p>
            {match cert.parsed.clone() {
                Ok(s) => view! {
                    <Fields rows=vec![
                        ("Subject", s.subject.clone()),
                        ("Issuer", s.issuer.clone()),
                        ("Serial number", match &s.serial_decimal { Some(d) => format!("{d} ({})", s.serial_hex), None => s.serial_hex.clone() }),
                        ("Valid from", when(s.not_before_ms)),
                        ("Valid until", when(s.not_after_ms)),
                        ("Version", s.version.to_string()),
                        ("Signature algorithm", s.signature_algorithm.clone()),
                        ("Key usage", s.key_usage.join(", ")),
                        ("Extended key usage", s.extended_key_usage.join(", ")),
                        ("Alternative names", s.alt_names.join(", ")),
                    ]/>
                }.into_any(),
                Err(e) => view! {
                    <p class="notice">{format!("The certificate could not be read ({e}). The server's description follows.")}</p>
                }.into_any(),
            }}
            <details>
                <summary>"Server's description"</summary>
                <pre class="dump">{cert.dump.clone()}</pre>
            </details>
            <details>
                <summary>"PEM"</summary>
                <pre class="dump">{cert.pem.clone()}</pre>
            </details>
            <button type="button" class="button" on:click=download>"Download .pem"</button>
        </div>
    }
}

#[component]
fn ChallengePassword(config: CeConfig) -> impl IntoView {
    let api = StoredValue::new(expect_context::<ApiClient>());
    let toasts = expect_context::<Toasts>();
    let open = RwSignal::new(false);
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = StoredValue::new(config.id.clone());
    let close = move || {
        new.set(String::new());
        again.set(String::new());
        error.set(None);
        open.set(false);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (n, a) = (new.get_untracked(), again.get_untracked());
        if let Err(m) = check_challenge(&n, &a) {
            error.set(Some(m));
            return;
        }
        busy.set(true);
        let api = api.get_value();
        let id = id.get_value();
        spawn_local(async move {
            let r = certificates::change_challenge(&api, &id, &n).await;
            busy.try_set(false);
            match r {
                Ok(()) => {
                    toasts.push("The challenge password was changed.", false);
                    new.try_set(String::new());
                    again.try_set(String::new());
                    error.try_set(None);
                    open.try_set(false);
                }
                Err(e) => {
                    error.try_set(Some(e.message()));
                }
            }
        });
    };
    let cfg_path = format!(
        "/certificates/configurations/{}",
        encode_path_segment(&config.id)
    );
    let _ = cfg_path;
    view! {
        <section class="panel" aria-labelledby="cfg-challenge">
            <h2 id="cfg-challenge">"SCEP challenge password"</h2>
            <p>"Devices enrolling with this configuration present this password to the SCEP server. It is never shown; you can only set a new one. Devices that have not enrolled yet will need the new password."</p>
            <button type="button" class="button" on:click=move |_| open.set(true)>"Change challenge password"</button>
            <Show when=move || open.get()>
                <Modal title="Change challenge password" on_close=Callback::new(move |_| if !busy.get_untracked() { close() })>
                    <form on:submit=submit novalidate>
                        <label>
                            <span>"New challenge password"</span>
                            <input type="password" autocomplete="new-password" prop:value=move || new.get()
                                on:input:target=move |ev| { new.set(ev.target().value()); error.set(None); }/>
                        </label>
                        <label>
                            <span>"Confirm new challenge password"</span>
                            <input type="password" autocomplete="new-password" prop:value=move || again.get()
                                on:input:target=move |ev| { again.set(ev.target().value()); error.set(None); }/>
                        </label>
                        <p class="field-error" role="alert">{move || error.get()}</p>
                        <div class="dialog-actions">
                            <button type="button" class="button" disabled=move || busy.get() on:click=move |_| close()>"Cancel"</button>
                            <button type="submit" class="button primary"
                                disabled=move || busy.get() || new.with(|n| n.is_empty()) || new.get() != again.get()>
                                "Change password"
                            </button>
                        </div>
                    </form>
                </Modal>
            </Show>
        </section>
    }
}
