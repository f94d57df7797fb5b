//! Users: find one by username or email, search the directory (LDAP), and a user's page with
//! their devices and a password change (8–20 characters, typed twice, never shown or kept).

use crate::backend::epmm::{users, ApiClient, ApiError};
use crate::backend::error::ErrorKind;
use crate::domain::user::{
    check_new_password, role_label, user_columns, user_href, User, UserSource, LDAP_MIN,
    PASSWORD_MAX, PASSWORD_MIN,
};
use crate::screens::devices::DeviceTable;
use crate::ui::link::A;
use crate::ui::loader::Loader;
use crate::ui::query_nav::QueryNav;
use crate::ui::retry::RetryAlert;
use crate::ui::table::data_table::DataTable;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use std::sync::Arc;

#[component]
pub fn UsersPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let query = use_query_map();
    let nav = QueryNav::new();
    let navigate = use_navigate();
    crate::context::page_title("Users");

    // ---- find one user ----
    let find_text = RwSignal::new(String::new());
    // The message under the form, and whether a "Retry" makes sense (the server failed).
    let find_state: RwSignal<Option<(String, bool)>> = RwSignal::new(None);
    let finding = RwSignal::new(false);
    let a = api.clone();
    let run_find = move || {
        let key = find_text.get_untracked().trim().to_string();
        if key.is_empty() {
            find_state.set(Some(("Type a username or an email address.".into(), false)));
            return;
        }
        finding.set(true);
        find_state.set(None);
        let api = a.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            let r = users::find(&api, &key).await;
            // The screen may have been left meanwhile: then nothing is shown, nowhere is gone.
            if finding.try_get_untracked().is_none() {
                return;
            }
            finding.set(false);
            match r {
                Ok(Some(u)) => navigate(&user_href(&u.principal), Default::default()),
                Ok(None) => find_state.set(Some((
                    format!("No user has the username or email “{key}” (the match must be exact)."),
                    false,
                ))),
                Err(e) => find_state.set(Some((e.message(), !e.is_unauthorized()))),
            }
        });
    };
    let run_find = StoredValue::new(Arc::new(run_find) as Arc<dyn Fn() + Send + Sync>);
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        (run_find.get_value())();
    };

    // ---- LDAP search, kept in the URL (`ldap=`) ----
    let ldap = Memo::new(move |_| {
        query
            .with(|q| q.get("ldap"))
            .unwrap_or_default()
            .trim()
            .to_string()
    });
    let ldap_text = RwSignal::new(ldap.get_untracked());
    let ldap_error = RwSignal::new(None::<String>);
    let loader = Loader::new(
        move || ldap.get(),
        move |q: String| {
            let api = api.clone();
            async move {
                if q.chars().count() < LDAP_MIN {
                    return Ok(Arc::new(Vec::new()));
                }
                users::ldap_search(&api, &q).await
            }
        },
    );
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = ldap_text.get_untracked().trim().to_string();
        if q.chars().count() < LDAP_MIN {
            ldap_error.set(Some(format!(
                "Type at least {LDAP_MIN} characters of the login name."
            )));
            return;
        }
        ldap_error.set(None);
        if q == ldap.get_untracked() {
            loader.retry();
        }
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "ldap" && k != "page");
            pairs.push(("ldap".into(), q));
        });
    };
    let empty = Signal::derive(move || {
        let q = ldap.get();
        if q.chars().count() < LDAP_MIN {
            "Search the directory to list its users.".to_string()
        } else {
            format!("No directory user's login starts with “{q}”.")
        }
    });

    view! {
        <header class="page-header">
            <h1>"Users"</h1>
        </header>
        <div class="user-forms">
            <section class="panel" aria-labelledby="find-user-h">
                <h2 id="find-user-h">"Find a user"</h2>
                <form class="inline-form" on:submit=find novalidate>
                    <label>
                        <span>"Username or email"</span>
                        <input type="text" autocomplete="off" spellcheck="false"
                            prop:value=move || find_text.get()
                            on:input:target=move |ev| find_text.set(ev.target().value())/>
                    </label>
                    <button type="submit" class="button primary" disabled=move || finding.get()>"Find"</button>
                </form>
                <Show when=move || finding.get()>
                    <p class="state loading" role="status">"Looking up the user…"</p>
                </Show>
                {move || find_state.get().map(|(m, retry)| view! {
                    <div class="field-error" role="alert">
                        <p>{m}</p>
                        {retry.then(|| view! {
                            <button type="button" class="button" disabled=move || finding.get()
                                on:click=move |_| (run_find.get_value())()>"Retry"</button>
                        })}
                    </div>
                })}
            </section>
            <section class="panel" aria-labelledby="ldap-h">
                <h2 id="ldap-h">"Search the directory (LDAP)"</h2>
                <form class="inline-form" on:submit=search novalidate>
                    <label>
                        <span>"Login name starts with"</span>
                        <input type="search" autocomplete="off" spellcheck="false"
                            prop:value=move || ldap_text.get()
                            on:input:target=move |ev| ldap_text.set(ev.target().value())/>
                    </label>
                    <button type="submit" class="button primary">"Search directory"</button>
                </form>
                <Show when=move || ldap_error.with(|s| s.is_some())>
                    <p class="field-error" role="alert">{move || ldap_error.get().unwrap_or_default()}</p>
                </Show>
            </section>
        </div>
        <DataTable
            name="directory-users"
            caption="Directory users"
            noun="users"
            columns=Arc::new(user_columns())
            rows=loader.signal()
            on_retry=loader.retry_callback()
            empty=empty
            url_prefix="u."
        />
    }
}

#[component]
pub fn UserDetailPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name")).unwrap_or_default());
    let a = api.clone();
    let user = LocalResource::new(move || {
        let api = a.clone();
        let n = name.get();
        async move { users::find(&api, &n).await.map(|u| u.map(Arc::new)) }
    });
    Effect::new(move |_| match user.get() {
        Some(Ok(Some(u))) => crate::context::page_title(&u.name()),
        _ => crate::context::page_title("User"),
    });
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href="/users">"Users"</A></p>
        </header>
        {move || match user.get() {
            None => view! { <p class="state loading" role="status">"Loading user…"</p> }.into_any(),
            Some(Ok(None)) => view! {
                <h1>"User not found"</h1>
                <RetryAlert message={format!("There is no user “{}”.", name.get_untracked())} on_retry=Callback::new(move |_| { user.refetch(); })/>
            }.into_any(),
            Some(Err(e)) => view! {
                <h1>"User"</h1>
                <RetryAlert message={e.message()} on_retry=Callback::new(move |_| { user.refetch(); })/>
            }.into_any(),
            Some(Ok(Some(u))) => view! { <UserView user=u/> }.into_any(),
        }}
    }
}

#[component]
fn UserView(user: Arc<User>) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let u = user;
    let field =
        |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    let date = |ms: Option<i64>| {
        ms.map(|m| format!("{} UTC", crate::dates::format_short(m)))
            .unwrap_or_else(|| "—".into())
    };
    let principal = u.principal.clone();
    let loader = Loader::new(
        move || principal.clone(),
        move |p: String| {
            let api = api.clone();
            async move { users::devices_of(&api, &p).await }
        },
    );
    let roles = u.roles.clone();
    let alerts_href = format!(
        "/alerts?{}",
        crate::url::query_string([("q", u.principal.as_str())])
    );
    let badge = format!("badge badge-{}", u.enabled_label().to_lowercase());
    view! {
        <h1>{u.name()}</h1>
        <p class="subtitle">
            <span class=badge>{u.enabled_label()}</span>" "
            {format!("{} · {} account", u.principal, u.source.label())}
        </p>
        <section class="panel" aria-labelledby="user-overview-h">
            <h2 id="user-overview-h">"Profile"</h2>
            <dl class="fields" aria-label="User">
                {field("Username", u.principal.clone())}
                {field("Display name", or_dash(&u.display_name))}
                {field("First name", or_dash(&u.first_name))}
                {field("Last name", or_dash(&u.last_name))}
                {field("Email", or_dash(&u.email))}
                {field("Source", u.source.label().to_string())}
                {field("Account", u.enabled_label().to_string())}
                {field("Created", date(u.created))}
                {field("Last admin portal sign-in", date(u.last_admin_login))}
                {field("UUID", or_dash(&u.uuid))}
            </dl>
            <p><A href=alerts_href>"Alerts for this user"</A></p>
        </section>
        <section class="panel" aria-labelledby="user-roles-h">
            <h2 id="user-roles-h">"Roles"</h2>
            {if roles.is_empty() {
                view! { <p class="empty-note">"No roles."</p> }.into_any()
            } else {
                view! {
                    <ul class="chips" aria-label="Roles">
                        {roles.into_iter().map(|r| {
                            let title = r.clone();
                            view! { <li class="chip" title=title>{role_label(&r)}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="user-devices-h">
            <h2 id="user-devices-h">"Devices"</h2>
            <DeviceTable name="user-devices" caption="Devices" loader=loader
                empty=Signal::stored(format!("{} has no registered devices.", u.principal))/>
        </section>
        <section class="panel password-panel" aria-labelledby="user-password-h">
            <h2 id="user-password-h">"Change password"</h2>
            <PasswordForm user=u.clone()/>
        </section>
    }
}

/// New password twice, optionally the current one. Nothing typed here is kept after a successful
/// change, shown, or put in a URL; after a failure it stays, so it can be sent again.
#[component]
fn PasswordForm(user: Arc<User>) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    if user.source != UserSource::Local {
        return view! {
            <p class="muted">"This account's password is managed in the directory (LDAP); change it there."</p>
        }
        .into_any();
    }
    let old = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let server_error = RwSignal::new(None::<String>);
    let problem = move || {
        check_new_password(&old.get(), &new.get(), &repeat.get())
            .err()
            .map(|p| p.message())
    };
    let principal = user.principal.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        server_error.set(None);
        if problem().is_some() {
            return;
        }
        let (o, n) = (old.get_untracked(), new.get_untracked());
        busy.set(true);
        let api = api.clone();
        let principal = principal.clone();
        spawn_local(async move {
            let r = users::change_password(&api, &principal, Some(o.as_str()), &n).await;
            busy.set(false);
            match r {
                Ok(m) => {
                    // Forget what was typed once it is done; after a failure it stays, so the
                    // admin can send it again.
                    old.set(String::new());
                    new.set(String::new());
                    repeat.set(String::new());
                    tried.set(false);
                    crate::ui::toast::info(m)
                }
                Err(ApiError {
                    kind: ErrorKind::Unauthorized(m),
                    ..
                }) => server_error.set(Some(m)),
                Err(e) => server_error.set(Some(e.message())),
            }
        });
    };
    view! {
        <form class="password-form" on:submit=submit novalidate autocomplete="off">
            <p class="muted">{format!("{PASSWORD_MIN} to {PASSWORD_MAX} characters. The user signs in with the new password from now on.")}</p>
            <label>
                <span>"Current password (if the server asks for it)"</span>
                <input type="password" autocomplete="off" maxlength="64"
                    prop:value=move || old.get()
                    on:input:target=move |ev| old.set(ev.target().value())/>
            </label>
            <label>
                <span>"New password"</span>
                <input type="password" autocomplete="new-password"
                    prop:value=move || new.get()
                    on:input:target=move |ev| new.set(ev.target().value())/>
            </label>
            <label>
                <span>"Repeat new password"</span>
                <input type="password" autocomplete="new-password"
                    prop:value=move || repeat.get()
                    on:input:target=move |ev| repeat.set(ev.target().value())/>
            </label>
            <Show when=move || tried.get() && problem().is_some()>
                <p class="field-error" role="alert">{problem}</p>
            </Show>
            <Show when=move || server_error.with(|e| e.is_some())>
                <p class="field-error" role="alert">{move || server_error.get().unwrap_or_default()}</p>
            </Show>
            <div>
                <button type="submit" class="button primary" disabled=move || busy.get()>"Change password"</button>
            </div>
        </form>
    }
    .into_any()
}
