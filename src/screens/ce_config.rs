//! Certificate enrollment configurations: the list and one configuration's actions, as far as
//! the server offers them: test connectivity by issuing a test certificate and, for SCEP, change
//! the challenge password (write-only: never shown or pre-filled).

use super::certificates::{load_configs, with_issued, CertificateTabs};
use crate::backend::{ApiError, IssuedCertificateApi};
use crate::domain::certificates::configs::{check_challenge, config_columns, CeConfig, TestCert};
use crate::routes;
use crate::ui::dialog::Modal;
use crate::ui::drawer::Fields;
use crate::ui::link::A;
use crate::ui::retry::RetryAlert;
use crate::ui::table::data_table::DataTable;
use crate::ui::toast::Toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

/// The configurations' screens, where the server has configurations.
fn with_configurations<V: IntoView + 'static>(
    page: impl FnOnce(Arc<dyn IssuedCertificateApi>) -> V,
) -> AnyView {
    with_issued(|issued| {
        if issued.caps().configurations {
            page(issued).into_any()
        } else {
            view! { <crate::screens::not_found::NotAvailable/> }.into_any()
        }
    })
}

#[component]
pub fn ConfigsPage() -> impl IntoView {
    with_configurations(|issued| view! { <Configs issued=issued/> })
}

#[component]
fn Configs(issued: Arc<dyn IssuedCertificateApi>) -> impl IntoView {
    crate::context::page_title("Certificate enrollment configurations");
    let configs = load_configs(&issued);
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
            rows=configs.signal()
            on_retry=configs.retry_callback()
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
    with_configurations(|issued| view! { <ConfigDetailScreen issued=issued/> })
}

#[component]
fn ConfigDetailScreen(issued: Arc<dyn IssuedCertificateApi>) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let configs = load_configs(&issued);
    let retry = configs.retry_callback();
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
            <p class="breadcrumb"><A href=routes::CERTIFICATE_CONFIGURATIONS>"Configurations"</A></p>
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
            Some(Ok(Some(c))) => view! { <ConfigDetail issued=issued.clone() config=c/> }.into_any(),
        }}
    }
}

#[component]
fn ConfigDetail(issued: Arc<dyn IssuedCertificateApi>, config: CeConfig) -> impl IntoView {
    let certs_href = routes::certificates([("ce", config.name.as_str())]);
    let users_href = routes::users_without_certificates(&config.id);
    let users_without = issued.caps().users_without;
    let test = config
        .can_test
        .then(|| view! { <TestConnectivity issued=issued.clone() config=config.clone()/> });
    let challenge = config
        .challenge
        .then(|| view! { <ChallengePassword issued=issued config=config.clone()/> });
    view! {
        <section class="panel" aria-labelledby="cfg-general">
            <h2 id="cfg-general">"General"</h2>
            <Fields rows=vec![
                ("Name", config.name.clone()),
                ("CA type", config.kind.clone()),
                ("ID", config.id.clone()),
            ]/>
            <p class="actions">
                {config.issues.then(|| view! { <A href=certs_href>"Issued certificates"</A> })}
                {users_without.then(|| view! { <A href=users_href>"Users without certificates"</A> })}
            </p>
        </section>
        {test}
        {challenge}
    }
}

#[component]
fn TestConnectivity(issued: Arc<dyn IssuedCertificateApi>, config: CeConfig) -> impl IntoView {
    let api = StoredValue::new(issued);
    let email = RwSignal::new(String::new());
    let run = RwSignal::new(TestRun::Idle);
    let config = StoredValue::new(config);
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
        let config = config.get_value();
        spawn_local(async move {
            let r = api.test_certificate(&config, &e).await;
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
    let when = crate::dates::format_local_named;
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
fn ChallengePassword(issued: Arc<dyn IssuedCertificateApi>, config: CeConfig) -> impl IntoView {
    let api = StoredValue::new(issued);
    let toasts = expect_context::<Toasts>();
    let open = RwSignal::new(false);
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let config = StoredValue::new(config);
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
        let config = config.get_value();
        spawn_local(async move {
            let r = api.change_challenge(&config, &n).await;
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
