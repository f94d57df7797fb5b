//! Saved views of a list: a name for the current view (the screen's filters, search, sort and
//! columns, which all live in its URL query), kept in this browser per signed-in user and per
//! list, and chosen again from the list. Column choices are kept per user too ([`pref_key`]).

use crate::browser::local_storage;
use crate::context::session::SessionCtx;
use crate::ui::query_nav::QueryNav;
use crate::url::{encode_path_segment, parse_query, query_string};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use serde::{Deserialize, Serialize};

/// A saved view: its name and the query string it restores (without the page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    pub query: String,
}

pub const MAX_NAME: usize = 60;
pub const MAX_VIEWS: usize = 50;

/// The `localStorage` key of one user's preference of one list:
/// `mdm-portal.{kind}.{user}.{list}` (the user name as a URL path segment), so that people sharing a
/// browser do not share their columns and views.
pub fn pref_key(kind: &str, user: &str, list: &str) -> String {
    format!("mdm-portal.{kind}.{}.{list}", encode_path_segment(user))
}

/// The signed-in user's name, or empty (read while a component is being built).
pub fn signed_in_user() -> String {
    use_context::<SessionCtx>()
        .and_then(|s| {
            s.session
                .with_untracked(|s| s.as_ref().map(|s| s.username.clone()))
        })
        .unwrap_or_default()
}

/// The views as stored; anything unreadable counts as none (never an error on the page).
pub fn parse(stored: Option<&str>) -> Vec<SavedView> {
    stored
        .and_then(|s| serde_json::from_str::<Vec<SavedView>>(s).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|v| !v.name.trim().is_empty())
        .take(MAX_VIEWS)
        .collect()
}

/// A query as a view keeps it: every key but the page (a view opens on its first page), in the
/// URL's order.
pub fn view_query(search: &str) -> String {
    let pairs = parse_query(search);
    query_string(
        pairs
            .iter()
            .filter(|(k, _)| k != "page" && !k.ends_with(".page"))
            .map(|(k, v)| (k.as_str(), v.as_str())),
    )
}

/// The views with `query` saved as `name`: a view of the same name (in any case) is replaced in
/// its place, a new one goes last.
pub fn with_saved(
    mut views: Vec<SavedView>,
    name: &str,
    query: &str,
) -> Result<Vec<SavedView>, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Name the view.".into());
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!("A view name has at most {MAX_NAME} characters."));
    }
    let view = SavedView {
        name: name.to_string(),
        query: query.to_string(),
    };
    let same = views
        .iter()
        .position(|v| v.name.to_lowercase() == name.to_lowercase());
    match same {
        Some(i) => views[i] = view,
        None if views.len() >= MAX_VIEWS => {
            return Err(format!(
                "At most {MAX_VIEWS} saved views per list: delete one first."
            ))
        }
        None => views.push(view),
    }
    Ok(views)
}

/// The views without the one called `name`.
pub fn without(views: Vec<SavedView>, name: &str) -> Vec<SavedView> {
    views.into_iter().filter(|v| v.name != name).collect()
}

/// "Saved view" picker, "Save view" (with its name) and "Delete view", for the list `list`.
#[component]
pub fn SavedViews(list: &'static str) -> impl IntoView {
    let key = StoredValue::new(pref_key("views", &signed_in_user(), list));
    let views = RwSignal::new(parse(key.with_value(|k| local_storage::get(k)).as_deref()));
    let store = move |v: Vec<SavedView>| {
        key.with_value(|k| match serde_json::to_string(&v) {
            Ok(json) if !v.is_empty() => local_storage::set(k, &json),
            _ => local_storage::remove(k),
        });
        views.set(v);
    };
    let nav = StoredValue::new(QueryNav::new());
    let location = use_location();
    let current = move || view_query(&location.search.get());
    let selected = Memo::new(move |_| {
        let q = current();
        views.with(|v| v.iter().find(|x| x.query == q).map(|x| x.name.clone()))
    });
    let naming = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());

    let open = move |name_now: String| {
        let query = views.with_untracked(|v| {
            v.iter()
                .find(|x| x.name == name_now)
                .map(|x| x.query.clone())
        });
        if let Some(query) = query {
            nav.with_value(|n| n.edit(false, |pairs| *pairs = parse_query(&query)));
            status.set(format!("Showing the saved view “{name_now}”."));
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked();
        match with_saved(views.get_untracked(), &typed, &current()) {
            Ok(v) => {
                store(v);
                naming.set(false);
                error.set(None);
                status.set(format!("View “{}” saved.", typed.trim()));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let delete = move |_| {
        if let Some(n) = selected.get_untracked() {
            store(without(views.get_untracked(), &n));
            status.set(format!("View “{n}” deleted."));
        }
    };

    view! {
        <div class="saved-views" role="group" aria-label="Saved views">
            <label>
                <span>"Saved view"</span>
                <select on:change:target=move |ev| open(ev.target().value())>
                    <option value="" prop:selected=move || selected.get().is_none()>
                        {move || if views.with(Vec::is_empty) { "None saved" } else { "Choose…" }}
                    </option>
                    <For each=move || views.get() key=|v| (v.name.clone(), v.query.clone()) let:v>
                        {
                            let n = v.name.clone();
                            view! { <option value=v.name.clone() prop:selected=move || selected.get().as_deref() == Some(n.as_str())>{v.name.clone()}</option> }
                        }
                    </For>
                </select>
            </label>
            <button type="button" class="button" aria-expanded=move || naming.get().to_string()
                on:click=move |_| {
                    name.set(selected.get_untracked().unwrap_or_default());
                    error.set(None);
                    naming.update(|o| *o = !*o);
                }>"Save view"</button>
            <Show when=move || selected.get().is_some()>
                <button type="button" class="button" on:click=delete>"Delete view"</button>
            </Show>
            <Show when=move || naming.get()>
                <form class="save-view" aria-label="Save view" on:submit=save>
                    <label>
                        <span>"View name"</span>
                        <input type="text" maxlength=MAX_NAME.to_string() prop:value=move || name.get()
                            on:input:target=move |ev| name.set(ev.target().value())
                            aria-invalid=move || error.get().is_some().to_string()/>
                    </label>
                    <button type="submit" class="button primary">"Save"</button>
                    <button type="button" class="button" on:click=move |_| naming.set(false)>"Cancel"</button>
                    {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                </form>
            </Show>
            <p class="muted" role="status">{move || status.get()}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[SavedView]) -> Vec<&str> {
        v.iter().map(|x| x.name.as_str()).collect()
    }

    #[test]
    fn keys_are_per_user_and_list() {
        assert_eq!(
            pref_key("views", "admin", "devices"),
            "mdm-portal.views.admin.devices"
        );
        assert_eq!(
            pref_key("columns", "j.doe@example.com", "users"),
            "mdm-portal.columns.j.doe@example.com.users"
        );
        assert_ne!(
            pref_key("views", "a", "devices"),
            pref_key("views", "b", "devices")
        );
    }

    #[test]
    fn a_view_keeps_the_query_but_the_page() {
        assert_eq!(
            view_query("?status=LOST&q=ipad&page=3&sort=user"),
            "status=LOST&q=ipad&sort=user"
        );
        assert_eq!(view_query("?p.page=2&cols=name%2Cuser"), "cols=name%2Cuser");
        assert_eq!(view_query(""), "");
    }

    #[test]
    fn saving_names_replaces_and_limits() {
        let v = with_saved(Vec::new(), "  Lost iPads ", "status=LOST&q=ipad").unwrap();
        assert_eq!(
            v,
            vec![SavedView {
                name: "Lost iPads".into(),
                query: "status=LOST&q=ipad".into()
            }]
        );
        let v = with_saved(v, "Sales", "q=sales").unwrap();
        // Same name in another case: replaced in place.
        let v = with_saved(v, "lost ipads", "status=LOST").unwrap();
        assert_eq!(names(&v), ["lost ipads", "Sales"]);
        assert_eq!(v[0].query, "status=LOST");
        assert_eq!(
            with_saved(v.clone(), "   ", "q=x").unwrap_err(),
            "Name the view."
        );
        assert!(with_saved(v.clone(), &"x".repeat(MAX_NAME + 1), "").is_err());
        assert_eq!(names(&without(v, "Sales")), ["lost ipads"]);
        let full: Vec<SavedView> = (0..MAX_VIEWS)
            .map(|i| SavedView {
                name: format!("v{i}"),
                query: String::new(),
            })
            .collect();
        assert!(with_saved(full.clone(), "one more", "")
            .unwrap_err()
            .contains("delete one first"));
        assert!(with_saved(full, "v3", "q=changed").is_ok());
    }

    #[test]
    fn unreadable_storage_is_no_views() {
        assert!(parse(None).is_empty());
        assert!(parse(Some("not json")).is_empty());
        assert!(parse(Some(r#"{"name":"x"}"#)).is_empty());
        let v = parse(Some(
            r#"[{"name":"","query":"q=a"},{"name":"Mine","query":"q=b","extra":1}]"#,
        ));
        assert_eq!(names(&v), ["Mine"]);
    }
}
