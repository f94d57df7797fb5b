//! Device groups (EPMM labels, CPS device groups, UEM groups), and the members of one group: its
//! devices, or its users where the server's groups hold users (UEM).

use crate::backend::{GroupApi, Screen};
use crate::domain::group::{group_columns, member_user_columns, Group};
use crate::domain::policy::title_case;
use crate::domain::user::User;
use crate::screens::devices::DeviceTable;
use crate::screens::not_found::NotAvailable;
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::DataTable;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

/// The URL key of the server-side name search.
const NAME_KEY: &str = "name";

#[component]
pub fn LabelsPage() -> impl IntoView {
    match crate::context::groups() {
        Some(groups) => view! { <Groups groups=groups/> }.into_any(),
        None => view! { <NotAvailable/> }.into_any(),
    }
}

#[component]
fn Groups(groups: Arc<dyn GroupApi>) -> impl IntoView {
    let title = crate::context::caps().groups_name;
    crate::context::page_title(title);
    let caps = groups.caps().clone();
    // Where the server searches by name, the start of the name searched (kept in the URL); the
    // table's own search box then filters what that search loaded.
    let query = use_query_map();
    let wanted = Memo::new(move |_| {
        query
            .with(|q| q.get(NAME_KEY))
            .filter(|_| caps.name_search)
            .unwrap_or_default()
            .trim()
            .to_string()
    });
    let loader = Loader::new(
        move || wanted.get(),
        move |prefix: String| {
            let groups = groups.clone();
            async move {
                if prefix.is_empty() {
                    groups.list().await
                } else {
                    groups.search(&prefix).await
                }
            }
        },
    );
    let many = caps.many;
    let empty = Signal::derive(move || {
        let prefix = wanted.get();
        if prefix.is_empty() {
            format!("The server has no {many}.")
        } else {
            format!("No {many} have a name starting with “{prefix}”.")
        }
    });
    let search = caps
        .name_search
        .then(|| view! { <NameSearch many=many wanted=wanted retry=loader.retry_callback()/> });
    view! {
        <header class="page-header">
            <h1>{title}</h1>
        </header>
        {search}
        <DataTable
            name=caps.many
            caption=title
            noun=caps.many
            columns=Arc::new(group_columns(&caps.fields))
            rows=loader.signal()
            on_retry=loader.retry_callback()
            empty=empty
        />
    }
}

/// The server's search of groups by the start of their name: submitting puts it in the URL (an
/// empty box lists every group again).
#[component]
fn NameSearch(many: &'static str, wanted: Memo<String>, retry: Callback<()>) -> impl IntoView {
    let nav = QueryNav::new();
    let text = RwSignal::new(wanted.get_untracked());
    // Back and forward change the URL: the box follows.
    Effect::new(move |_| text.set(wanted.get()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let prefix = text.get_untracked().trim().to_string();
        if prefix == wanted.get_untracked() {
            retry.run(());
        }
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != NAME_KEY && k != "page");
            if !prefix.is_empty() {
                pairs.push((NAME_KEY.into(), prefix));
            }
        });
    };
    let button = title_case(&format!("search {many}"));
    view! {
        <section class="panel" aria-labelledby="group-search-h">
            <h2 id="group-search-h">{button.clone()}</h2>
            <form class="inline-form" on:submit=submit novalidate>
                <label>
                    <span>"Name starts with"</span>
                    <input type="search" autocomplete="off" spellcheck="false" aria-describedby="group-search-hint"
                        prop:value=move || text.get()
                        on:input:target=move |ev| text.set(ev.target().value())/>
                </label>
                <button type="submit" class="button primary">{button}</button>
            </form>
            <p id="group-search-hint" class="muted">
                {format!("The server lists the {many} whose name starts with this, in any case; leave it empty for all of them.")}
            </p>
        </section>
    }
}

#[component]
pub fn LabelDevicesPage() -> impl IntoView {
    match crate::context::groups() {
        Some(groups) => view! { <Members groups=groups/> }.into_any(),
        None => view! { <NotAvailable/> }.into_any(),
    }
}

#[component]
fn Members(groups: Arc<dyn GroupApi>) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("name")).unwrap_or_default());
    let caps = groups.caps().clone();
    let one = title_case(caps.one);
    // The group's name: its id where ids are names, else the group's own (the id until it loads;
    // the members table says if the group cannot be read).
    let named: Option<Load<Group>> = (!caps.ids_are_names).then(|| {
        let groups = groups.clone();
        Load::item(
            move || id.get(),
            move |id: String| {
                let groups = groups.clone();
                async move { groups.get(&id).await }
            },
        )
    });
    let name = Signal::derive(move || match named.and_then(|n| n.get()) {
        Some(Ok(g)) => g.name.clone(),
        _ => id.get(),
    });
    // A group whose name could not be read is read again once its members load (after Retry):
    // the heading then names it.
    // Only the members' arrival is tracked: a name that fails again is not asked for again until
    // the members load once more (no loop of calls while the server keeps refusing it).
    let rename_after = move |members: Signal<bool>| {
        if let Some(n) = named {
            Effect::new(move |_| {
                if members.get() && matches!(untrack(|| n.get()), Some(Err(_))) {
                    n.retry();
                }
            });
        }
    };
    let explainer = groups.clone();
    let title = one.clone();
    Effect::new(move |_| crate::context::page_title(&format!("{title} {}", name.get())));
    let lower = caps.one;
    let members = if caps.members_are_users {
        let loader = Loader::new(
            move || id.get(),
            move |id: String| {
                let groups = groups.clone();
                async move { groups.users(&id).await }
            },
        );
        rename_after(Signal::derive(move || matches!(loader.get(), Some(Ok(_)))));
        // A user's page, where the portal has one for the admin (their certificates).
        let href =
            crate::context::has(Screen::Certificates).then_some(user_page as fn(&User) -> String);
        let empty = Signal::derive(move || format!("No users in {lower} “{}”.", name.get()));
        view! {
            <DataTable
                name="group-users"
                caption=caps.members_caption
                noun="users"
                columns=Arc::new(member_user_columns(href))
                rows=loader.signal()
                on_retry=loader.retry_callback()
                empty=empty
            />
        }
        .into_any()
    } else {
        let loader = Loader::streaming(
            move || id.get(),
            move |id: String, feed| {
                let groups = groups.clone();
                async move { groups.members(&id, &feed).await }
            },
        );
        rename_after(Signal::derive(move || matches!(loader.get(), Some(Ok(_)))));
        let empty = Signal::derive(move || format!("No devices in {lower} “{}”.", name.get()));
        view! { <DeviceTable name="label-devices" caption=caps.members_caption loader=loader empty=empty/> }
            .into_any()
    };
    // The definition of a group loaded by id, in the server's words and, where it can be read,
    // in words.
    let definition = move || {
        let g = named.and_then(|n| n.get())?.ok()?;
        (!g.definition.is_empty()).then(|| {
            let words = explainer.explain(&g.definition);
            view! {
                <section class="panel" aria-label="Definition">
                    <dl class="fields">
                        <div><dt>"Definition"</dt><dd><code>{g.definition.clone()}</code></dd></div>
                        {words.map(|w| view! { <div><dt>"Members"</dt><dd>{w}</dd></div> })}
                        {g.member_count.map(|n| view! { <div><dt>"Member count"</dt><dd>{n.to_string()}</dd></div> })}
                    </dl>
                </section>
            }
        })
    };
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href=crate::routes::GROUPS>{crate::context::caps().groups_name}</A></p>
            <h1>{move || format!("{one}: {}", name.get())}</h1>
        </header>
        {definition}
        {members}
    }
}

/// The admin's page of a user: their certificates (and profile assignments).
fn user_page(u: &User) -> String {
    crate::routes::user_certificates(&u.username)
}
