//! Users: find one, search a list of them (the searches this server offers), and a user's page
//! with their devices and a password change (as long as the server says, typed twice, never shown
//! or kept).

use crate::backend::error::ErrorKind;
use crate::backend::users::{SearchCaps, UserApi, UserQuery, UserSearch};
use crate::backend::{ApiError, Screen};
use crate::domain::attributes::{attribute_rows, changes, AttributeRow, FormValues};
use crate::domain::user::{check_new_password, find_texts, user_columns, PasswordRules, User};
use crate::screens::device_tabs::AttributesForm;
use crate::screens::devices::DeviceTable;
use crate::ui::detail::Detail;
use crate::ui::key_value::KeyValueTable;
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::DataTable;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use std::sync::Arc;

#[component]
pub fn UsersPage() -> impl IntoView {
    match crate::context::backend().users() {
        Some(users) => view! { <Users users=users/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn Users(users: Arc<dyn UserApi>) -> impl IntoView {
    crate::context::page_title("Users");
    let caps = users.caps();
    let find = caps
        .searches
        .iter()
        .find(|s| s.kind.finds_one())
        .map(|_| view! { <FindUser users=users.clone()/> });
    // One listing search (the first the server offers) with its table.
    let list = caps.searches.iter().find(|s| !s.kind.finds_one()).copied();
    let (form, table) = match list {
        Some(s) => {
            let (form, table) = list_search(users, s);
            (Some(form), Some(table))
        }
        None => (None, None),
    };
    view! {
        <header class="page-header">
            <h1>"Users"</h1>
        </header>
        <div class="user-forms">
            {find}
            {form}
        </div>
        {table}
    }
}

/// Finds one user by what the server's exact search takes (the username or email, a GUID…), and
/// opens their page.
#[component]
fn FindUser(users: Arc<dyn UserApi>) -> impl IntoView {
    let navigate = use_navigate();
    let texts = Arc::new(find_texts(users.caps().find_by));
    let (label, hint) = (texts.label.clone(), texts.hint.clone());
    let text = RwSignal::new(String::new());
    // The message under the form, and whether a "Retry" makes sense (the server failed).
    let state: RwSignal<Option<(String, bool)>> = RwSignal::new(None);
    let finding = RwSignal::new(false);
    let run = move || {
        let key = text.get_untracked().trim().to_string();
        if key.is_empty() {
            state.set(Some((texts.hint.clone(), false)));
            return;
        }
        finding.set(true);
        state.set(None);
        let users = users.clone();
        let navigate = navigate.clone();
        let texts = texts.clone();
        spawn_local(async move {
            let q = UserQuery {
                kind: UserSearch::Exact,
                text: key.clone(),
            };
            let r = users.search(&q).await;
            // The screen may have been left meanwhile: then nothing is shown, nowhere is gone.
            if finding.try_get_untracked().is_none() {
                return;
            }
            finding.set(false);
            match r.as_deref().map(|found| found.first()) {
                Ok(Some(u)) => navigate(&crate::routes::user(&u.id), Default::default()),
                Ok(None) => state.set(Some((
                    format!("{} “{key}” (the match must be exact).", texts.none),
                    false,
                ))),
                Err(e) => state.set(Some((e.message(), !e.is_unauthorized()))),
            }
        });
    };
    let run = StoredValue::new(Arc::new(run) as Arc<dyn Fn() + Send + Sync>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        (run.get_value())();
    };
    view! {
        <section class="panel" aria-labelledby="find-user-h">
            <h2 id="find-user-h">"Find a user"</h2>
            <form class="inline-form" on:submit=submit novalidate>
                <label>
                    <span>{label}</span>
                    <input type="text" autocomplete="off" spellcheck="false" aria-describedby="find-user-hint"
                        prop:value=move || text.get()
                        on:input:target=move |ev| text.set(ev.target().value())/>
                </label>
                <button type="submit" class="button primary" disabled=move || finding.get()>"Find"</button>
            </form>
            <p id="find-user-hint" class="muted">{hint}</p>
            <Show when=move || finding.get()>
                <p class="state loading" role="status">"Looking up the user…"</p>
            </Show>
            {move || state.get().map(|(m, retry)| view! {
                <div class="field-error" role="alert">
                    <p>{m}</p>
                    {retry.then(|| view! {
                        <button type="button" class="button" disabled=move || finding.get()
                            on:click=move |_| (run.get_value())()>"Retry"</button>
                    })}
                </div>
            })}
        </section>
    }
}

/// The words of a listing search.
struct ListTexts {
    /// The URL key holding the search text.
    key: &'static str,
    heading: &'static str,
    label: &'static str,
    button: &'static str,
    /// What the shortest text counts ("of the login name").
    of_what: &'static str,
    idle: &'static str,
    /// "No directory user's login starts with".
    none: &'static str,
    caption: &'static str,
    table: &'static str,
}

fn list_texts(kind: UserSearch) -> ListTexts {
    match kind {
        UserSearch::EmailPrefix => ListTexts {
            key: "email",
            heading: "Search users",
            label: "Email starts with",
            button: "Search users",
            of_what: "of the email address",
            idle: "Search by email to list users.",
            none: "No user's email starts with",
            caption: "Users",
            table: "users",
        },
        // An exact search opens one user and never lists.
        UserSearch::DirectoryPrefix | UserSearch::Exact => ListTexts {
            key: "ldap",
            heading: "Search the directory (LDAP)",
            label: "Login name starts with",
            button: "Search directory",
            of_what: "of the login name",
            idle: "Search the directory to list its users.",
            none: "No directory user's login starts with",
            caption: "Directory users",
            table: "directory-users",
        },
    }
}

/// A listing search kept in the URL: its form, and its table.
fn list_search(users: Arc<dyn UserApi>, search: SearchCaps) -> (AnyView, AnyView) {
    let t = list_texts(search.kind);
    let min = search.min_chars;
    let query = use_query_map();
    let nav = QueryNav::new();
    let wanted = Memo::new(move |_| {
        query
            .with(|q| q.get(t.key))
            .unwrap_or_default()
            .trim()
            .to_string()
    });
    let text = RwSignal::new(wanted.get_untracked());
    let error = RwSignal::new(None::<String>);
    let loader = Loader::new(
        move || wanted.get(),
        move |q: String| {
            let users = users.clone();
            async move {
                if q.chars().count() < min {
                    return Ok(Arc::new(Vec::new()));
                }
                users
                    .search(&UserQuery {
                        kind: search.kind,
                        text: q,
                    })
                    .await
            }
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = text.get_untracked().trim().to_string();
        if q.chars().count() < min {
            error.set(Some(format!(
                "Type at least {min} characters {}.",
                t.of_what
            )));
            return;
        }
        error.set(None);
        if q == wanted.get_untracked() {
            loader.retry();
        }
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != t.key && k != "page");
            pairs.push((t.key.into(), q));
        });
    };
    let empty = Signal::derive(move || {
        let q = wanted.get();
        if q.chars().count() < min {
            t.idle.to_string()
        } else {
            format!("{} “{q}”.", t.none)
        }
    });
    let form = view! {
        <section class="panel" aria-labelledby="list-users-h">
            <h2 id="list-users-h">{t.heading}</h2>
            <form class="inline-form" on:submit=submit novalidate>
                <label>
                    <span>{t.label}</span>
                    <input type="search" autocomplete="off" spellcheck="false"
                        prop:value=move || text.get()
                        on:input:target=move |ev| text.set(ev.target().value())/>
                </label>
                <button type="submit" class="button primary">{t.button}</button>
            </form>
            <Show when=move || error.with(|s| s.is_some())>
                <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
            </Show>
        </section>
    };
    let table = view! {
        <DataTable
            name=t.table
            caption=t.caption
            noun="users"
            columns=Arc::new(user_columns())
            rows=loader.signal()
            on_retry=loader.retry_callback()
            empty=empty
            url_prefix="u."
        />
    };
    (form.into_any(), table.into_any())
}

#[component]
pub fn UserDetailPage() -> impl IntoView {
    match crate::context::backend().users() {
        Some(users) => view! { <UserPage users=users/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn UserPage(users: Arc<dyn UserApi>) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("name")).unwrap_or_default());
    let api = users.clone();
    let user: Load<User> = Load::item(
        move || id.get(),
        move |id: String| {
            let api = api.clone();
            async move { api.get(&id).await }
        },
    );
    Effect::new(move |_| match user.get() {
        Some(Ok(u)) => crate::context::page_title(&u.name()),
        _ => crate::context::page_title("User"),
    });
    let not_found = Signal::derive(move || format!("There is no user “{}”.", id.get()));
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href=crate::routes::USERS>"Users"</A></p>
        </header>
        <Detail load=user noun="user" not_found=not_found let:u>
            <UserView user=u users=users.clone() on_changed=user.retry_callback()/>
        </Detail>
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_string()
    } else {
        s.to_string()
    }
}

#[component]
fn UserView(
    user: Arc<User>,
    users: Arc<dyn UserApi>,
    /// The user changed on the server (attributes written): load it again.
    on_changed: Callback<()>,
) -> impl IntoView {
    let u = user;
    let caps = users.caps();
    let field =
        |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let date = |ms: Option<i64>| {
        ms.map(crate::dates::format_local_named)
            .unwrap_or_else(|| "—".into())
    };
    let id = u.id.clone();
    let api = users.clone();
    let loader = Loader::new(
        move || id.clone(),
        move |id: String| {
            let api = api.clone();
            async move { api.devices(&id).await }
        },
    );
    let alerts = crate::context::has(Screen::Alerts).then(|| {
        let href = crate::routes::alerts_of_user(&u.username);
        view! { <p><A href=href>"Alerts for this user"</A></p> }
    });
    // The certificates issued to this user, across every configuration.
    let certificates = crate::context::issued_certificates().map(|_| {
        let href = crate::routes::certificates([
            ("ce", crate::domain::certificates::issued::ALL_CONFIGS),
            ("user", u.username.as_str()),
        ]);
        view! { <p><A href=href>"Certificates issued to this user"</A></p> }
    });
    let roles = caps.roles.then(|| {
        let roles = u.roles.clone();
        view! {
            <section class="panel" aria-labelledby="user-roles-h">
                <h2 id="user-roles-h">"Roles"</h2>
                {if roles.is_empty() {
                    view! { <p class="empty-note">"No roles."</p> }.into_any()
                } else {
                    view! {
                        <ul class="chips" aria-label="Roles">
                            {roles.into_iter().map(|r| view! { <li class="chip" title=r.id>{r.label}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
    });
    let attributes = |caption: &'static str, list: &[(String, String)]| {
        (!list.is_empty()).then(|| {
            view! {
                <section class="panel" aria-label=caption>
                    <KeyValueTable caption=caption entries=Arc::new(list.to_vec())/>
                </section>
            }
        })
    };
    let password = caps.password.map(|rules| {
        view! {
            <section class="panel password-panel" aria-labelledby="user-password-h">
                <h2 id="user-password-h">"Change password"</h2>
                <PasswordForm user=u.clone() users=users.clone() rules=rules/>
            </section>
        }
    });
    let badge = format!("badge badge-{}", u.enabled_label().to_lowercase());
    view! {
        <h1>{u.name()}</h1>
        <p class="subtitle">
            <span class=badge>{u.enabled_label()}</span>" "
            {format!("{} · {} account", u.username, u.source.label())}
        </p>
        <section class="panel" aria-labelledby="user-overview-h">
            <h2 id="user-overview-h">"Profile"</h2>
            <dl class="fields" aria-label="User">
                {field("Username", u.username.clone())}
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
            {alerts}
            {certificates}
        </section>
        {roles}
        {if caps.attributes {
            view! { <UserAttributes user=u.clone() users=users.clone() on_changed=on_changed/> }.into_any()
        } else {
            attributes("Custom attributes", &u.custom_attributes).into_any()
        }}
        {attributes("Directory attributes", &u.directory_attributes)}
        <section aria-labelledby="user-devices-h">
            <h2 id="user-devices-h">"Devices"</h2>
            <DeviceTable name="user-devices" caption="Devices" loader=loader
                empty=Signal::stored(format!("{} has no registered devices.", u.username))/>
        </section>
        {password}
    }
}

/// The user's custom attributes as the server describes them, the writable ones edited with their
/// type's widget. A value that does not fit its type, or the server's refusal, is said under the
/// form, and what was typed stays; once saved, the user is loaded again.
#[component]
fn UserAttributes(
    user: Arc<User>,
    users: Arc<dyn UserApi>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let api = users.clone();
    let fields = Loader::new(
        || (),
        move |_| {
            let api = api.clone();
            async move { api.attribute_fields().await.map(Arc::new) }
        },
    );
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let values = StoredValue::new(user.custom_attributes.clone());
    let save = move |rows: Arc<Vec<AttributeRow>>, inputs: FormValues| {
        error.set(None);
        let changed = match changes(&rows, &inputs) {
            Ok(c) if c.is_empty() => return crate::ui::toast::info("Nothing changed."),
            Ok(c) => c,
            Err(e) => return error.set(Some(e)),
        };
        let (users, user) = (users.clone(), user.clone());
        busy.set(true);
        spawn_local(async move {
            let r = users.set_attributes(&user, &changed).await;
            // The page may have been left meanwhile.
            if busy.try_set(false).is_some() {
                return;
            }
            match r {
                Ok(m) => {
                    crate::ui::toast::info(m);
                    on_changed.try_run(());
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let save = StoredValue::new(Arc::new(save));
    view! {
        <section class="panel" aria-labelledby="user-attributes-h">
            <h2 id="user-attributes-h">"Custom attributes"</h2>
            {move || fields.view("Loading attributes…", |f| {
                let rows = Arc::new(values.with_value(|v| attribute_rows(&f, v)));
                let save = save.get_value();
                view! {
                    <AttributesForm rows=rows.clone() editable=true of="users"
                        on_save=Callback::new(move |inputs| save(rows.clone(), inputs))/>
                }.into_any()
            })}
            <Show when=move || busy.get()>
                <p class="state loading" role="status">"Saving the attributes…"</p>
            </Show>
            <Show when=move || error.with(|e| e.is_some())>
                <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
            </Show>
        </section>
    }
}

/// New password twice, optionally the current one. Nothing typed here is kept after a successful
/// change, shown, or put in a URL; after a failure it stays, so it can be sent again.
#[component]
fn PasswordForm(user: Arc<User>, users: Arc<dyn UserApi>, rules: PasswordRules) -> impl IntoView {
    if !user.password_managed_here() {
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
        check_new_password(rules, &old.get(), &new.get(), &repeat.get())
            .err()
            .map(|p| p.message())
    };
    let id = user.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        server_error.set(None);
        if problem().is_some() {
            return;
        }
        let (o, n) = (old.get_untracked(), new.get_untracked());
        busy.set(true);
        let users = users.clone();
        let id = id.clone();
        spawn_local(async move {
            let r = users.change_password(&id, Some(o.as_str()), &n).await;
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
                // Here a 401 is the server refusing the current password, not the session: its
                // own words.
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
            <p class="muted">{format!("{} to {} characters. The user signs in with the new password from now on.", rules.min, rules.max)}</p>
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
