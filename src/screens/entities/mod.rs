//! Profiles and settings the server describes itself (BlackBerry UEM entity definitions): the
//! types grouped (profiles, settings, lists, reference data), per type its objects on the generic
//! table or, for a type with one object, its settings page; a new object from the server's
//! template; one object to see, change or delete, each only where the type allows it; and a
//! profile's groups. The forms are generic (`ui::entity_form`), driven by the type.

mod editor;

use crate::backend::{ApiError, EntityApi};
use crate::domain::entity::{entity_columns, grouped, Choices, Entity, EntityType};
use crate::ui::detail::Detail;
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use crate::ui::retry::RetryAlert;
use crate::ui::table::data_table::DataTable;
use editor::{Editor, Mode};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

/// Under a page's own heading: loading, the error with Retry, or `children` with the value.
fn loaded<V, IV>(
    load: Load<V>,
    what: &'static str,
    children: impl Fn(Arc<V>) -> IV + Send + Sync + 'static,
) -> impl IntoView
where
    V: Send + Sync + 'static,
    IV: IntoView + 'static,
{
    let retry = load.retry_callback();
    move || match load.get() {
        None => view! { <p class="state loading" role="status">{format!("Loading {what}…")}</p> }
            .into_any(),
        Some(Err(e)) => view! { <RetryAlert message=e.message() on_retry=retry/> }.into_any(),
        Some(Ok(v)) => children(v).into_any(),
    }
}

fn not_available() -> AnyView {
    view! { <crate::screens::not_found::NotAvailable/> }.into_any()
}

/// `/profiles`: every type, grouped.
#[component]
pub fn ProfilesPage() -> impl IntoView {
    let Some(api) = crate::context::entities() else {
        return not_available();
    };
    crate::context::page_title("Profiles");
    let types: Load<Vec<EntityType>> = Load::new(
        || (),
        move |_| {
            let api = api.clone();
            async move { api.types().await }
        },
    );
    view! {
        <header class="page-header">
            <h1>"Profiles"</h1>
            <p class="subtitle">"Profiles, settings and the lists they use, as this server describes them."</p>
        </header>
        {loaded(types, "profile types", |all| view! { <TypeList types=all/> })}
    }
    .into_any()
}

#[component]
fn TypeList(types: Arc<Vec<EntityType>>) -> impl IntoView {
    grouped(&types)
        .into_iter()
        .map(|(category, list)| {
            let heading = format!("types-{category:?}").to_lowercase();
            let labelled_by = heading.clone();
            view! {
                <section class="panel" aria-labelledby=labelled_by>
                    <h2 id=heading>{category.title()}</h2>
                    <p class="muted">{category.blurb()}</p>
                    <ul class="type-list">
                        {list.into_iter().map(type_entry).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
}

fn type_entry(t: &EntityType) -> impl IntoView {
    let badges = [
        t.singleton.then_some("Settings page"),
        (t.is_read_only() && t.unavailable.is_none()).then_some("Read-only"),
        t.unavailable.as_ref().map(|_| "Licence required"),
    ];
    let name = match &t.unavailable {
        // Not a link: there is nothing to open.
        Some(_) => view! { <span class="type-name unavailable">{t.name.clone()}</span> }.into_any(),
        None => {
            let (href, name) = (crate::routes::entity_type(&t.id), t.name.clone());
            view! { <A href=href>{name}</A> }.into_any()
        }
    };
    view! {
        <li>
            {name}
            {badges.into_iter().flatten().map(|b| view! { " "<span class="badge">{b}</span> }).collect_view()}
            {(!t.description.is_empty()).then(|| view! { <p class="muted small">{t.description.clone()}</p> })}
            {t.unavailable.clone().map(|why| view! { <p class="muted small">{why}</p> })}
        </li>
    }
}

/// The type named in the URL (`:type`), loaded with every type.
fn type_from_url(api: Arc<dyn EntityApi>) -> (Memo<String>, Load<EntityType>) {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("type")).unwrap_or_default());
    let ty = Load::item(
        move || id.get(),
        move |id: String| {
            let api = api.clone();
            async move { find_type(&api, &id).await }
        },
    );
    (id, ty)
}

async fn find_type(api: &Arc<dyn EntityApi>, id: &str) -> Result<EntityType, ApiError> {
    api.types()
        .await?
        .iter()
        .find(|t| t.id == id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("This server has no profile type {id}.")))
}

/// What each reference of `ty` may point to (a list that fails says why, in its picker).
async fn choices_for(api: &Arc<dyn EntityApi>, ty: &EntityType) -> Choices {
    let targets = ty.reference_targets();
    let lists = futures::future::join_all(targets.iter().map(|t| api.choices(t))).await;
    targets
        .into_iter()
        .zip(lists)
        .map(|(t, r)| (t, r.map_err(|e| e.message())))
        .collect()
}

/// What the editor needs: the type, the object, and the choices of its references.
pub struct Editing {
    pub ty: Arc<EntityType>,
    pub entity: Entity,
    pub choices: Arc<Choices>,
}

/// Which object to edit.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    /// A new one, from the template.
    New,
    One(String),
    /// The only object of a single-object type.
    Only,
}

async fn load_editing(
    api: &Arc<dyn EntityApi>,
    type_id: &str,
    target: &Target,
) -> Result<Editing, ApiError> {
    let ty = find_type(api, type_id).await?;
    if let Some(why) = &ty.unavailable {
        return Err(ApiError::rejected(403, why.clone()));
    }
    let entity =
        match target {
            Target::New => api.template(&ty).await?,
            Target::One(id) => api.get(&ty, id).await?,
            Target::Only => api.list(&ty).await?.into_iter().next().ok_or_else(|| {
                ApiError::not_found(format!("The server has no {} yet.", ty.noun()))
            })?,
        };
    let choices = choices_for(api, &ty).await;
    Ok(Editing {
        ty: Arc::new(ty),
        entity,
        choices: Arc::new(choices),
    })
}

fn breadcrumb(extra: Option<(String, String)>) -> impl IntoView {
    view! {
        <p class="breadcrumb">
            <A href=crate::routes::PROFILES>"Profiles"</A>
            {extra.map(|(href, name)| view! { " › "<A href=href>{name}</A> })}
        </p>
    }
}

/// `/profiles/:type`: the objects of a type, or its settings page.
#[component]
pub fn EntityTypePage() -> impl IntoView {
    let Some(api) = crate::context::entities() else {
        return not_available();
    };
    let (id, ty) = type_from_url(api.clone());
    let not_found =
        Signal::derive(move || format!("This server has no profile type {}.", id.get()));
    view! {
        <header class="page-header">{breadcrumb(None)}</header>
        <Detail load=ty noun="profile type" not_found=not_found let:t>
            {type_body(api.clone(), t)}
        </Detail>
    }
    .into_any()
}

fn type_body(api: Arc<dyn EntityApi>, t: Arc<EntityType>) -> AnyView {
    crate::context::page_title(&t.name);
    if let Some(why) = &t.unavailable {
        return view! {
            <h1>{t.name.clone()}</h1>
            <p class="callout" role="status">{why.clone()}</p>
        }
        .into_any();
    }
    if t.singleton {
        return view! { <SettingsPage api=api ty=t/> }.into_any();
    }
    if t.nested_only || !t.ops.list {
        return view! {
            <h1>{t.name.clone()}</h1>
            <p class="callout" role="status">"These exist only inside the profiles that hold them: edit them there."</p>
        }
        .into_any();
    }
    view! { <Objects api=api ty=t/> }.into_any()
}

/// The objects of a type on the generic table, with "New …" where the type can be created.
#[component]
fn Objects(api: Arc<dyn EntityApi>, ty: Arc<EntityType>) -> impl IntoView {
    let t = ty.clone();
    let loader: Loader<Entity> = Loader::new(
        || (),
        move |_| {
            let (api, t) = (api.clone(), t.clone());
            async move { api.list(&t).await.map(Arc::new) }
        },
    );
    let empty = format!("There are no {} yet.", plural_noun(&ty));
    view! {
        <header class="page-header with-actions">
            <div>
                <h1>{ty.name.clone()}</h1>
                {(!ty.description.is_empty()).then(|| view! { <p class="subtitle">{ty.description.clone()}</p> })}
            </div>
            {ty.ops.create.then(|| view! {
                <A href=crate::routes::new_entity(&ty.id) attr:class="button primary">{format!("New {}", ty.noun())}</A>
            })}
        </header>
        <DataTable
            name="entities"
            caption="Entries"
            noun="entries"
            columns=Arc::new(entity_columns())
            rows=loader.signal()
            on_retry=loader.retry_callback()
            empty=empty
        />
    }
}

fn plural_noun(ty: &EntityType) -> String {
    let n = ty.noun();
    if n.ends_with('s') {
        n
    } else if let Some(stem) = n
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{n}s")
    }
}

/// A single-object type: its settings, changed in place.
#[component]
fn SettingsPage(api: Arc<dyn EntityApi>, ty: Arc<EntityType>) -> impl IntoView {
    let id = ty.id.clone();
    let editing = editing_load(api.clone(), move || (id.clone(), Target::Only));
    view! {
        <h1>{ty.name.clone()}</h1>
        {(!ty.description.is_empty()).then(|| view! { <p class="subtitle">{ty.description.clone()}</p> })}
        {loaded(editing, "settings", move |e| view! { <Editor api=api.clone() editing=e mode=Mode::Settings/> })}
    }
}

fn editing_load(
    api: Arc<dyn EntityApi>,
    key: impl Fn() -> (String, Target) + Send + Sync + 'static,
) -> Load<Editing> {
    Load::item(key, move |(type_id, target): (String, Target)| {
        let api = api.clone();
        async move { load_editing(&api, &type_id, &target).await }
    })
}

/// `/profiles/:type/new`: a new object from the template.
#[component]
pub fn NewEntityPage() -> impl IntoView {
    let Some(api) = crate::context::entities() else {
        return not_available();
    };
    let params = use_params_map();
    let type_id = Memo::new(move |_| params.with(|p| p.get("type")).unwrap_or_default());
    let editing = editing_load(api.clone(), move || (type_id.get(), Target::New));
    let crumb = Memo::new(move |_| match editing.get() {
        Some(Ok(e)) => Some((crate::routes::entity_type(&e.ty.id), e.ty.name.clone())),
        _ => None,
    });
    let not_found =
        Signal::derive(move || format!("This server has no profile type {}.", type_id.get()));
    view! {
        <header class="page-header">{move || breadcrumb(crumb.get())}</header>
        <Detail load=editing noun="template" not_found=not_found let:e>
            {
                let title = format!("New {}", e.ty.noun());
                crate::context::page_title(&title);
                view! {
                    <h1>{title}</h1>
                    <Editor api=api.clone() editing=e mode=Mode::New/>
                }
            }
        </Detail>
    }
    .into_any()
}

/// `/profiles/:type/:id`: one object.
#[component]
pub fn EntityPage() -> impl IntoView {
    let Some(api) = crate::context::entities() else {
        return not_available();
    };
    let params = use_params_map();
    let key = Memo::new(move |_| {
        params.with(|p| {
            (
                p.get("type").unwrap_or_default(),
                p.get("id").unwrap_or_default(),
            )
        })
    });
    let editing = editing_load(api.clone(), move || {
        let (t, id) = key.get();
        (t, Target::One(id))
    });
    let crumb = Memo::new(move |_| match editing.get() {
        Some(Ok(e)) => Some((crate::routes::entity_type(&e.ty.id), e.ty.name.clone())),
        _ => None,
    });
    let not_found = Signal::derive(move || {
        format!(
            "There is no entry with id {}. It may have been deleted.",
            key.get().1
        )
    });
    view! {
        <header class="page-header">{move || breadcrumb(crumb.get())}</header>
        <Detail load=editing noun="entry" not_found=not_found let:e>
            {
                let name = e.entity.name();
                crate::context::page_title(&name);
                view! {
                    <h1>{name}</h1>
                    <Editor api=api.clone() editing=e mode=Mode::Existing/>
                }
            }
        </Detail>
    }
    .into_any()
}
