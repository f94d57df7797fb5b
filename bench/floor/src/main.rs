//! The smallest honest "sign-in, then a devices table" in Leptos 0.8 CSR, for scale: what the
//! framework, its router, serde_json and gloo-net cost before any portal is written. `./x bench`
//! builds it as the portal is built (release profile, `erase_components`, wasm-bindgen, wasm-opt
//! -Oz, esbuild) and shows its gzip size under the first-load table of BENCHMARKS.md.
//!
//! It is a toy on purpose: no styles, no configuration, no error messages beyond one line, no
//! streaming, no saved views, no bulk actions, no accessibility work. Not part of the workspace;
//! not served anywhere.
use leptos::prelude::*;
use leptos_router::{components::*, hooks::use_navigate, path};
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct Device {
    uuid: String,
    name: String,
    model: String,
    os: String,
    state: String,
    user: String,
}

#[derive(Deserialize)]
struct Answer {
    devices: Vec<Device>,
}

#[component]
fn SignIn() -> impl IntoView {
    let user = RwSignal::new(String::new());
    let pass = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let body =
                serde_json::json!({"user": user.get_untracked(), "password": pass.get_untracked()});
            let r = match gloo_net::http::Request::post("/api/session").json(&body) {
                Ok(request) => request.send().await,
                Err(e) => Err(e),
            };
            match r {
                Ok(r) if r.ok() => navigate("/devices", Default::default()),
                Ok(r) => error.set(Some(format!("Sign-in refused ({})", r.status()))),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <form on:submit=submit>
            <h1>"Sign in"</h1>
            <label>"Username" <input bind:value=user /></label>
            <label>"Password" <input type="password" bind:value=pass /></label>
            {move || error.get().map(|e| view! { <p role="alert">{e}</p> })}
            <button type="submit">"Sign in"</button>
        </form>
    }
}

#[component]
fn Devices() -> impl IntoView {
    let all = LocalResource::new(|| async {
        let r = gloo_net::http::Request::get("/api/v1/devices")
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let text = r.text().await.map_err(|e| e.to_string())?;
        serde_json::from_str::<Answer>(&text)
            .map(|a| a.devices)
            .map_err(|e| e.to_string())
    });
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(0usize);
    let page = RwSignal::new(0usize);
    let rows = Memo::new(move |_| {
        let Some(Ok(list)) = all.get() else {
            return Vec::new();
        };
        let q = query.get().to_lowercase();
        let mut v: Vec<Device> = list
            .into_iter()
            .filter(|d| q.is_empty() || d.name.to_lowercase().contains(&q))
            .collect();
        let key = sort.get();
        v.sort_by(|a, b| match key {
            0 => a.name.cmp(&b.name),
            1 => a.model.cmp(&b.model),
            2 => a.os.cmp(&b.os),
            _ => a.state.cmp(&b.state),
        });
        v
    });
    let shown = move || {
        rows.with(|r| {
            r.iter()
                .skip(page.get() * 50)
                .take(50)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h1>"Devices"</h1>
        <label>"Search" <input type="search" bind:value=query /></label>
        <p>{move || format!("Showing {}–{} of {}", page.get() * 50 + 1, (page.get() * 50 + 50).min(rows.with(|r| r.len())), rows.with(|r| r.len()))}</p>
        <table>
            <thead><tr>
                <th><button on:click=move |_| sort.set(0)>"Name"</button></th>
                <th><button on:click=move |_| sort.set(1)>"Model"</button></th>
                <th><button on:click=move |_| sort.set(2)>"OS"</button></th>
                <th><button on:click=move |_| sort.set(3)>"State"</button></th>
            </tr></thead>
            <tbody>
                <For each=shown key=|d| d.uuid.clone() let:d>
                    <tr><td><input type="checkbox" /><A href=format!("/devices/{}", d.uuid)>{d.name}</A></td><td>{d.model}</td><td>{d.os}</td><td>{d.state}</td><td>{d.user}</td></tr>
                </For>
            </tbody>
        </table>
        <button on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
        <button on:click=move |_| page.update(|p| *p += 1)>"Next"</button>
    }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <nav><A href="/devices">"Devices"</A></nav>
            <main>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=SignIn />
                    <Route path=path!("/devices") view=Devices />
                </Routes>
            </main>
        </Router>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
