//! A server-side CSV export (start → poll the status → download; certificates digest, "Multi-step
//! flows" and "UI per flow"), driven by [`ExportState`]: starting, running with the elapsed time,
//! ready (downloaded automatically when this screen started it), failed with retry, and "already
//! running" when someone else's export is in progress. On arrival the server is asked, so a running or finished
//! export is shown again when the admin comes back.

use crate::backend::error::ApiError;
use crate::domain::certificates::export::{
    elapsed, poll_delay_ms, ExportEvent, ExportState, ExportStatus, EXPORT_PATIENCE_MS,
};
use crate::ui::poll::{local_now, local_time, sleep_ms, LocalTime};
use crate::ui::toast::Toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

type Fut<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// The three calls of one export, and the downloaded file's name.
#[derive(Clone)]
pub struct ExportOps {
    /// `Ok(true)` started, `Ok(false)` one was already running.
    pub start: Rc<dyn Fn() -> Fut<bool>>,
    pub status: Rc<dyn Fn() -> Fut<ExportStatus>>,
    pub download: Rc<dyn Fn() -> Fut<Vec<u8>>>,
    /// The file name, given the local date and time `(y, m, d, h, min)`.
    pub file_name: Rc<dyn Fn(LocalTime) -> String>,
}

fn now() -> i64 {
    crate::browser::now_ms() as i64
}

#[component]
pub fn ExportPanel(
    ops: ExportOps,
    /// What will be exported, in words.
    #[prop(into)]
    what: Signal<String>,
    /// Why an export cannot start now, if so (e.g. "Choose a status to export").
    #[prop(into)]
    blocked: Signal<Option<String>>,
    /// Ask the server again when this changes (e.g. another configuration).
    #[prop(into, optional)]
    key: Signal<String>,
    /// The calls' parameters are not known yet (e.g. the configuration id while the
    /// configurations load): nothing is sent until they are.
    #[prop(into, optional)]
    unknown: Signal<bool>,
) -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let ops = StoredValue::new_local(ops);
    let state = RwSignal::new(ExportState::Checking);
    let clock = RwSignal::new(now());
    // Each start/restore bumps this; older loops stop.
    let generation = StoredValue::new(0u64);
    // What a failure's retry does again: ask the server (arrival) or start an export.
    let asking_only = StoredValue::new(true);

    let ticker = set_interval_with_handle(
        move || {
            clock.try_set(now());
        },
        Duration::from_secs(1),
    )
    .ok();
    on_cleanup(move || {
        if let Some(h) = ticker {
            h.clear();
        }
    });

    let apply = move |event: ExportEvent| -> Option<ExportState> {
        let next = state.try_with_untracked(|s| s.next(event, now()))?;
        state.try_set(next.clone());
        Some(next)
    };

    let download = move || {
        if apply(ExportEvent::DownloadStarted).is_none() {
            return;
        }
        let Some(o) = ops.try_with_value(|o| o.clone()) else {
            return;
        };
        spawn_local(async move {
            let result = (o.download)().await;
            let name = (o.file_name)(local_now());
            let outcome = match result {
                Ok(bytes) => {
                    crate::browser::download_bytes(&name, "text/csv;charset=utf-8", &bytes)
                        .map(|_| bytes.len())
                }
                Err(e) => Err(e.message()),
            };
            match outcome {
                Ok(_) => {
                    apply(ExportEvent::Downloaded);
                    toasts.push(format!("Downloaded {name}."), false);
                }
                Err(m) => {
                    apply(ExportEvent::DownloadFailed(m));
                }
            }
        });
    };

    // Polls until the export is no longer running.
    let poll = move |gen: u64| {
        let Some(o) = ops.try_with_value(|o| o.clone()) else {
            return;
        };
        spawn_local(async move {
            let mut attempt = 0;
            loop {
                sleep_ms(poll_delay_ms(attempt).min(2000)).await;
                attempt += 1;
                if generation.try_get_value() != Some(gen) {
                    return;
                }
                let event = match (o.status)().await {
                    Ok(st) => ExportEvent::Polled(st),
                    Err(e) => ExportEvent::Error(e.message()),
                };
                if generation.try_get_value() != Some(gen) {
                    return;
                }
                let Some(next) = apply(event) else { return };
                match next {
                    ExportState::Running { .. } => continue,
                    ExportState::Ready { auto: true, .. } => {
                        download();
                        return;
                    }
                    _ => return,
                }
            }
        });
    };

    let restore = move || {
        let Some(gen) = generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        state.set(ExportState::Checking);
        asking_only.set_value(true);
        let Some(o) = ops.try_with_value(|o| o.clone()) else {
            return;
        };
        spawn_local(async move {
            let event = match (o.status)().await {
                Ok(st) => ExportEvent::Restored(st),
                Err(e) => ExportEvent::Error(format!(
                    "Could not ask the server about earlier exports: {}",
                    e.message()
                )),
            };
            if generation.try_get_value() != Some(gen) {
                return;
            }
            if let Some(ExportState::Running { .. }) = apply(event) {
                poll(gen);
            }
        });
    };

    // Ask the server on arrival and whenever the key changes, once the parameters are known.
    Effect::new(move |_| {
        key.track();
        if unknown.get() {
            // Older loops stop; nothing is asked yet.
            generation.update_value(|g| *g += 1);
            state.set(ExportState::Idle);
        } else {
            restore();
        }
    });

    let start = move || {
        let Some(gen) = generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        let previous = state.with_untracked(|s| s.start_from());
        asking_only.set_value(false);
        apply(ExportEvent::Start);
        let Some(o) = ops.try_with_value(|o| o.clone()) else {
            return;
        };
        spawn_local(async move {
            let result = (o.start)().await;
            if generation.try_get_value() != Some(gen) {
                return;
            }
            let event = match result {
                Ok(true) => ExportEvent::Started,
                Ok(false) => ExportEvent::AlreadyRunning,
                Err(e) => ExportEvent::Error(e.message()),
            };
            if let Some(ExportState::Running {
                since_ms,
                mine,
                already,
                ..
            }) = apply(event)
            {
                state.try_set(ExportState::Running {
                    since_ms,
                    mine,
                    already,
                    previous,
                });
                poll(gen);
            }
        });
    };

    let stop_waiting = move |_| {
        generation.update_value(|g| *g += 1);
        state.set(ExportState::Idle);
    };

    let status_line = move || {
        let now = clock.get();
        match state.get() {
            ExportState::Checking => "Checking for an earlier export…".to_string(),
            ExportState::Idle => String::new(),
            ExportState::Starting => "Starting the export…".to_string(),
            ExportState::Running { since_ms, .. } => format!(
                "Export running: started {}, elapsed {}",
                local_time(since_ms),
                elapsed(now - since_ms)
            ),
            ExportState::Ready { initiated_ms, .. } => match initiated_ms {
                Some(t) => format!("Export ready (started {}).", local_time(t)),
                None => "Export ready.".to_string(),
            },
            ExportState::Downloading { .. } => "Downloading the export…".to_string(),
            ExportState::Failed { .. } => String::new(),
        }
    };

    view! {
        <section class="export-panel" aria-label="Server export">
            <div class="export-row">
                <button
                    type="button"
                    class="button"
                    disabled=move || state.with(|s| s.is_busy()) || blocked.with(|b| b.is_some())
                    on:click=move |_| start()
                >
                    "Export on server"
                </button>
                <Show when=move || matches!(state.get(), ExportState::Ready { .. })>
                    <button type="button" class="button primary" on:click=move |_| download()>"Download export"</button>
                </Show>
                <Show when=move || matches!(state.get(), ExportState::Running { .. })>
                    <progress class="progress export-progress" aria-label="Export progress"></progress>
                    <button type="button" class="button" on:click=stop_waiting>"Stop waiting"</button>
                </Show>
                <p class="export-status" role="status" aria-live="polite">{status_line}</p>
            </div>
            {move || blocked.get().map(|b| view! { <p class="hint">{b}</p> })}
            <Show when=move || blocked.with(|b| b.is_none()) && matches!(state.get(), ExportState::Idle | ExportState::Ready { .. })>
                <p class="hint">{move || format!("Exports {} as CSV on the server.", what.get())}</p>
            </Show>
            {move || match state.get() {
                ExportState::Running { already: true, .. } => Some(view! {
                    <p class="notice">"An export was already running, perhaps started by another administrator: its filters may differ from yours. Its file is offered when it ends."</p>
                }.into_any()),
                ExportState::Running { since_ms, .. } if clock.get() - since_ms > EXPORT_PATIENCE_MS => Some(view! {
                    <p class="notice">"The export is still running after 5 minutes. It keeps going on the server; you can keep waiting or come back later."</p>
                }.into_any()),
                ExportState::Failed { message } if asking_only.get_value() => Some(view! {
                    <div class="state error" role="alert">
                        <p>{message}</p>
                        <button type="button" class="button" on:click=move |_| restore()>"Retry"</button>
                        <button type="button" class="button" on:click=move |_| { apply(ExportEvent::Reset); }>"Dismiss"</button>
                    </div>
                }.into_any()),
                ExportState::Failed { message } => Some(view! {
                    <div class="state error" role="alert">
                        <p>{message}</p>
                        <button type="button" class="button" on:click=move |_| start() disabled=move || blocked.with(|b| b.is_some())>"Retry export"</button>
                        <button type="button" class="button" on:click=move |_| { apply(ExportEvent::Reset); }>"Dismiss"</button>
                    </div>
                }.into_any()),
                _ => None,
            }}
        </section>
    }
}
