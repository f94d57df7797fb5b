//! Entity definitions and instances (overview, "Entities APIs", "Supported entity definitions",
//! "Get an entity instance template", "Create/update an entity", "Enclosed entities").
//!
//! Documented: `GET entityDefs`, `GET entities/{entityDefId}/template`,
//! `POST entities/{entityDefId}`. **Beyond the document** (the overview's table "Supported entity
//! definitions" names these operations but not their paths): `GET entityDefs/{entityDefId}`,
//! `GET entities/{entityDefId}` (the instances), and `GET`/`PUT`/`DELETE`
//! `entities/{entityDefId}/{entityInstanceId}`.
//!
//! Validation answers one error at a time, naming the property by its path:
//! `{"id": "INVALID_PROPERTY_VALUE", "subStatusCode": 151, "message": "name: must be at most 64
//! characters"}`, `MISSING_REQUIRED_PROPERTY` (`"<path>: is required"`), `DUPLICATE_VALUE` (409).
//! System and read-only properties sent back (from a template or a read instance) are ignored,
//! unknown properties dropped, an absent property takes its default (a required one without a
//! default is `MISSING_REQUIRED_PROPERTY`); `PUT` replaces the settings.

use super::defs;
use super::error::{reply, UemBody, UemError, UemPath, UemResult};
use super::media;
use super::session::Session;
use super::world::{Instance, UemWorld};
use crate::state::SharedState;
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::sync::MutexGuard;
use wire::uem::entity::{
    EntityDefinition, EntityDefinitions, EntityInstance, EntityInstances, Operation, PropertyDef,
    PropertyType,
};
use wire::uem::{errors, format_time, media as mt, parse_time};

/// The definition with this id, or 404.
fn definition_of(def_id: &str) -> UemResult<&'static EntityDefinition> {
    defs::get(def_id.trim()).ok_or_else(|| {
        UemError::new(
            errors::ENTITY_DEFINITION_NOT_FOUND,
            format!("Entity definition {def_id} not found."),
        )
    })
}

/// Which path an operation is asked on, for `Allow`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// `entities/{entityDefId}`
    Collection,
    /// `entities/{entityDefId}/template`
    Template,
    /// `entities/{entityDefId}/{entityInstanceId}`
    Instance,
}

fn allowed_methods(d: &EntityDefinition, at: At) -> Vec<Method> {
    let ops: &[(Operation, Method)] = match at {
        At::Collection => &[
            (Operation::List, Method::GET),
            (Operation::Create, Method::POST),
        ],
        At::Template => &[(Operation::Template, Method::GET)],
        At::Instance => &[
            (Operation::List, Method::GET),
            (Operation::Update, Method::PUT),
            (Operation::Delete, Method::DELETE),
        ],
    };
    ops.iter()
        .filter(|(op, _)| d.supports(op) && !d.enclosed)
        .map(|(_, m)| m.clone())
        .collect()
}

/// 405 with `Allow` unless the definition supports `op` (an enclosed definition supports only
/// `DEFINITION`: "cannot be created, updated, deleted, or fetched on its own"); then 403 while
/// its licence is absent.
fn check_op(w: &UemWorld, d: &EntityDefinition, op: Operation, at: At) -> UemResult<()> {
    if !d.supports(&op) || (d.enclosed && op != Operation::Definition) {
        let why = if d.enclosed {
            " (an enclosed entity exists only inside its parent)"
        } else {
            ""
        };
        return Err(UemError::new(
            errors::OPERATION_NOT_SUPPORTED,
            format!(
                "{} does not support the operation {op}{why}.",
                d.short_name()
            ),
        )
        .with_allow(&allowed_methods(d, at)));
    }
    check_license(w, d)
}

fn check_license(w: &UemWorld, d: &EntityDefinition) -> UemResult<()> {
    match &d.required_license {
        Some(l) if !w.protect_licensed => Err(UemError::new(
            errors::LICENSE_REQUIRED,
            format!(
                "{} is supported only when the licensed {l} service is enabled.",
                d.short_name()
            ),
        )),
        _ => Ok(()),
    }
}

/// The start of a read of instances: media type (406), the admin (403), the definition (404),
/// the operation (405, 403); the UEM world locked.
fn begin<'s>(
    state: &'s SharedState,
    session: &Session,
    headers: &HeaderMap,
    produced: &str,
    (def, op, at): (&str, Operation, At),
) -> UemResult<(&'static EntityDefinition, MutexGuard<'s, UemWorld>)> {
    media::accept(headers, produced)?;
    session.require_admin()?;
    let d = definition_of(def)?;
    let w = state.uem.lock();
    check_op(&w, d, op, at)?;
    Ok((d, w))
}

/// `GET entityDefs` (overview, "Supported entity definitions").
pub async fn definitions(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::ENTITY_DEFINITIONS)?;
    session.require_admin()?;
    let licensed = state.uem.lock().protect_licensed;
    let body = EntityDefinitions {
        entity_definitions: defs::all()
            .iter()
            .map(|d| defs::for_tenant(d, licensed))
            .collect(),
    };
    Ok(reply(StatusCode::OK, mt::ENTITY_DEFINITIONS, &body))
}

/// `GET entityDefs/{entityDefId}`: beyond the document ("Get the entity definition").
pub async fn definition(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(def): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    media::accept(&headers, mt::ENTITY_DEFINITION)?;
    session.require_admin()?;
    let d = definition_of(&def)?;
    let licensed = state.uem.lock().protect_licensed;
    Ok(reply(
        StatusCode::OK,
        mt::ENTITY_DEFINITION,
        &defs::for_tenant(d, licensed),
    ))
}

/// `GET entities/{entityDefId}`: beyond the document ("Get the entity instances"). The abstract
/// TenantSettings lists the instances of its sub-types ("allows only enumerate to return all
/// sub-settings").
pub async fn list(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(def): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    let (d, w) = begin(
        &state,
        &session,
        &headers,
        mt::ENTITY_INSTANCES,
        (&def, Operation::List, At::Collection),
    )?;
    let mut out = Vec::new();
    let kinds: Vec<&EntityDefinition> = if d.is_abstract {
        d.sub_types
            .iter()
            .filter_map(|s| defs::get(s))
            .filter(|s| check_license(&w, s).is_ok())
            .collect()
    } else {
        vec![d]
    };
    for k in kinds {
        for (rank, inst) in w
            .instances
            .get(&k.entity_def_id)
            .into_iter()
            .flatten()
            .enumerate()
        {
            out.push(render(&w, k, inst, rank));
        }
    }
    Ok(reply(
        StatusCode::OK,
        mt::ENTITY_INSTANCES,
        &EntityInstances {
            entity_instances: out,
        },
    ))
}

/// `GET entities/{entityDefId}/template` (overview, "Get an entity instance template"): every
/// property with its default, system ones included.
pub async fn template(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(def): UemPath<String>,
    headers: HeaderMap,
) -> UemResult<Response> {
    let (d, _w) = begin(
        &state,
        &session,
        &headers,
        mt::ENTITY_INSTANCE,
        (&def, Operation::Template, At::Template),
    )?;
    let settings: Map<String, Value> = d
        .properties
        .iter()
        .filter_map(|p| p.default_value.clone().map(|v| (p.name.clone(), v)))
        .collect();
    let body = EntityInstance {
        entity_def_id: d.entity_def_id.clone(),
        entity_instance_id: None,
        settings,
    };
    Ok(reply(StatusCode::OK, mt::ENTITY_INSTANCE, &body))
}

/// The instance's index in its definition's list (case-insensitive id), or 404.
fn index_of(w: &UemWorld, d: &EntityDefinition, id: &str) -> UemResult<usize> {
    w.instances
        .get(&d.entity_def_id)
        .and_then(|l| l.iter().position(|i| i.id.eq_ignore_ascii_case(id.trim())))
        .ok_or_else(|| {
            UemError::new(
                errors::ENTITY_INSTANCE_NOT_FOUND,
                format!("No {} with entityInstanceId {id}.", d.short_name()),
            )
        })
}

/// `GET entities/{entityDefId}/{entityInstanceId}`: beyond the document.
pub async fn one(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath((def, id)): UemPath<(String, String)>,
    headers: HeaderMap,
) -> UemResult<Response> {
    let (d, w) = begin(
        &state,
        &session,
        &headers,
        mt::ENTITY_INSTANCE,
        (&def, Operation::List, At::Instance),
    )?;
    let i = index_of(&w, d, &id)?;
    let body = render(&w, d, &w.instances[&d.entity_def_id][i], i);
    Ok(reply(StatusCode::OK, mt::ENTITY_INSTANCE, &body))
}

/// Reads the body of a create or update: `{"entityDefId", "settings"}` for this definition.
fn read_instance(
    headers: &HeaderMap,
    body: &[u8],
    d: &EntityDefinition,
) -> UemResult<EntityInstance> {
    media::require(headers, &[mt::ENTITY_INSTANCE])?;
    media::accept(headers, mt::ENTITY_INSTANCE)?;
    let value: Value = serde_json::from_slice(body).map_err(UemError::bad_json)?;
    if !value.is_object() {
        return Err(UemError::invalid(
            "The request body must be an entity instance: {\"entityDefId\", \"settings\"}.",
        ));
    }
    let inst: EntityInstance = serde_json::from_value(value).map_err(UemError::bad_json)?;
    if !inst.entity_def_id.is_empty() && inst.entity_def_id != d.entity_def_id {
        return Err(UemError::invalid(format!(
            "entityDefId {} does not match the path's {}.",
            inst.entity_def_id, d.entity_def_id
        )));
    }
    Ok(inst)
}

/// `POST entities/{entityDefId}` (overview, "Create/update an entity"): 201 with the instance
/// and `Location`.
pub async fn create(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath(def): UemPath<String>,
    headers: HeaderMap,
    UemBody(body): UemBody,
) -> UemResult<Response> {
    let d = definition_of(&def)?;
    let inst = read_instance(&headers, &body, d)?;
    session.require_admin()?;
    let tenant = state.uem.tenant();
    let mut w = state.uem.lock();
    check_op(&w, d, Operation::Create, At::Collection)?;
    let settings = validate(&w, d, &inst.settings, "")?;
    check_unique(&w, d, &settings, None)?;
    let now = super::now_ms();
    let id = w.new_guid();
    let list = w.instances.entry(d.entity_def_id.clone()).or_default();
    list.push(Instance {
        id: id.clone(),
        settings,
        created_ms: now,
        created_by: session.principal.clone(),
        modified_ms: now,
        modified_by: session.principal.clone(),
        default: false,
    });
    let rank = list.len() - 1;
    let body = render(&w, d, &w.instances[&d.entity_def_id][rank], rank);
    let mut res = reply(StatusCode::CREATED, mt::ENTITY_INSTANCE, &body);
    let location = format!(
        "{}/entities/{}/{id}",
        wire::uem::base_path(&tenant),
        d.entity_def_id
    );
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(LOCATION, v);
    }
    Ok(res)
}

/// `PUT entities/{entityDefId}/{entityInstanceId}`: beyond the document ("Update an entity
/// instance"; "Create/update an entity" shows only create). Replaces the settings.
pub async fn update(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath((def, id)): UemPath<(String, String)>,
    headers: HeaderMap,
    UemBody(body): UemBody,
) -> UemResult<Response> {
    let d = definition_of(&def)?;
    let inst = read_instance(&headers, &body, d)?;
    session.require_admin()?;
    let mut w = state.uem.lock();
    check_op(&w, d, Operation::Update, At::Instance)?;
    let i = index_of(&w, d, &id)?;
    let stored_id = w.instances[&d.entity_def_id][i].id.clone();
    if let Some(sent) = &inst.entity_instance_id {
        if !sent.eq_ignore_ascii_case(&stored_id) {
            return Err(UemError::invalid(format!(
                "entityInstanceId {sent} does not match the path's {stored_id}."
            )));
        }
    }
    let settings = validate(&w, d, &inst.settings, "")?;
    check_unique(&w, d, &settings, Some(&stored_id))?;
    let now = super::now_ms();
    if let Some(x) = w
        .instances
        .get_mut(&d.entity_def_id)
        .and_then(|l| l.get_mut(i))
    {
        x.settings = settings;
        x.modified_ms = now;
        x.modified_by = session.principal.clone();
    }
    let body = render(&w, d, &w.instances[&d.entity_def_id][i], i);
    Ok(reply(StatusCode::OK, mt::ENTITY_INSTANCE, &body))
}

/// `DELETE entities/{entityDefId}/{entityInstanceId}`: beyond the document ("Delete an entity
/// instance"). 204; a profile's assignments go with it.
pub async fn delete(
    State(state): State<SharedState>,
    Extension(session): Extension<Session>,
    UemPath((def, id)): UemPath<(String, String)>,
) -> UemResult<Response> {
    session.require_admin()?;
    let d = definition_of(&def)?;
    let mut w = state.uem.lock();
    check_op(&w, d, Operation::Delete, At::Instance)?;
    let i = index_of(&w, d, &id)?;
    let removed = w.instances.get_mut(&d.entity_def_id).map(|l| l.remove(i));
    if let Some(r) = removed {
        w.remove_profile(&r.id);
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// An instance as answered: settings with references named, and the system settings.
pub fn render(w: &UemWorld, d: &EntityDefinition, inst: &Instance, rank: usize) -> EntityInstance {
    let mut settings = render_settings(w, d, &inst.settings);
    for p in d.properties.iter().filter(|p| p.system) {
        let v = match p.name.as_str() {
            "date" => json!(format_time(inst.created_ms)),
            "lastModifiedTime" => json!(format_time(inst.modified_ms)),
            "createdBy" => json!(inst.created_by),
            "modifiedBy" => json!(inst.modified_by),
            "rank" => json!(rank + 1),
            "isDefault" => json!(inst.default),
            "assignedToUsers" => guids(w.profile_users.get(&inst.id)),
            "assignedToGroups" => guids(w.profile_groups.get(&inst.id)),
            // Not computed by the mock: omitted, as the overview says of unassigned fields.
            "effectiveForUsers"
            | "indirectlyAssignedToUsers"
            | "effectiveUserAssignments"
            | "effectiveGroupAssignments"
            | "assignedToResourceSets"
            | "allGoodPolicySetId" => continue,
            _ => match &p.default_value {
                Some(v) => v.clone(),
                None => continue,
            },
        };
        settings.insert(p.name.clone(), v);
    }
    EntityInstance {
        entity_def_id: d.entity_def_id.clone(),
        entity_instance_id: Some(inst.id.clone()),
        settings,
    }
}

fn guids(set: Option<&BTreeSet<String>>) -> Value {
    Value::Array(set.into_iter().flatten().map(|g| json!(g)).collect())
}

fn render_settings(
    w: &UemWorld,
    d: &EntityDefinition,
    stored: &Map<String, Value>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for p in &d.properties {
        let Some(v) = stored.get(&p.name) else {
            continue;
        };
        let target = p.entity_def_id.as_deref().unwrap_or_default();
        let rendered = match p.kind() {
            PropertyType::Reference => render_ref(w, target, v),
            PropertyType::ReferenceList => Value::Array(
                v.as_array()
                    .into_iter()
                    .flatten()
                    .map(|r| render_ref(w, target, r))
                    .collect(),
            ),
            PropertyType::EnclosedList => match defs::get(target) {
                Some(child) => Value::Array(
                    v.as_array()
                        .into_iter()
                        .flatten()
                        .map(|item| {
                            let s = item
                                .get("settings")
                                .and_then(Value::as_object)
                                .cloned()
                                .unwrap_or_default();
                            json!({
                                "entityDefId": child.entity_def_id,
                                "settings": render_settings(w, child, &s),
                            })
                        })
                        .collect(),
                ),
                None => v.clone(),
            },
            _ => v.clone(),
        };
        out.insert(p.name.clone(), rendered);
    }
    out
}

/// `{"entityDefId", "entityInstanceId", "settings": {"name"}}` (overview, "Enclosed entities":
/// `primaryCluster`); without `settings` when the instance is gone.
fn render_ref(w: &UemWorld, target: &str, v: &Value) -> Value {
    let id = v
        .get("entityInstanceId")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let mut out = json!({ "entityDefId": target, "entityInstanceId": id });
    let name = w
        .instances
        .get(target)
        .and_then(|l| l.iter().find(|i| i.id == id))
        .and_then(|i| i.settings.get("name").cloned());
    if let Some(n) = name {
        out["settings"] = json!({ "name": n });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Validation

fn bad(path: &str, reason: impl std::fmt::Display) -> UemError {
    UemError::new(errors::INVALID_PROPERTY_VALUE, format!("{path}: {reason}"))
}

/// The settings to store for `input`, or the first error.
pub fn validate(
    w: &UemWorld,
    d: &EntityDefinition,
    input: &Map<String, Value>,
    prefix: &str,
) -> UemResult<Map<String, Value>> {
    let mut out = Map::new();
    for p in d.properties.iter().filter(|p| !p.is_server_set()) {
        let path = format!("{prefix}{}", p.name);
        let visible = p
            .presentation
            .as_ref()
            .and_then(|pr| pr.visible_when.as_ref())
            .is_none_or(|c| c.holds(&out));
        match input.get(&p.name).filter(|v| !v.is_null()) {
            Some(v) => {
                let checked = check_value(w, p, v, &path)?;
                out.insert(p.name.clone(), checked);
            }
            None => match &p.default_value {
                Some(dv) => {
                    out.insert(p.name.clone(), dv.clone());
                }
                None if p.required && visible => {
                    return Err(UemError::new(
                        errors::MISSING_REQUIRED_PROPERTY,
                        format!("{path}: is required"),
                    ))
                }
                None => {}
            },
        }
    }
    Ok(out)
}

fn plural(n: u32, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// 400 when `n` is outside `min..=max`: "must be at least 2 characters", "must have at most 3
/// items".
fn check_count(
    n: usize,
    (min, max): (Option<u32>, Option<u32>),
    (verb, unit): (&str, &str),
    path: &str,
) -> UemResult<()> {
    if let Some(m) = min.filter(|&m| n < m as usize) {
        return Err(bad(
            path,
            format!("must {verb} at least {}", plural(m, unit)),
        ));
    }
    if let Some(m) = max.filter(|&m| n > m as usize) {
        return Err(bad(
            path,
            format!("must {verb} at most {}", plural(m, unit)),
        ));
    }
    Ok(())
}

fn check_text(p: &PropertyDef, v: &Value, path: &str) -> UemResult<Value> {
    let s = v.as_str().ok_or_else(|| bad(path, "must be text"))?;
    check_count(
        s.chars().count(),
        (p.min_length, p.max_length),
        ("be", "character"),
        path,
    )?;
    if let Some(f) = p.format.as_ref().filter(|f| !s.is_empty() && !f.check(s)) {
        return Err(bad(path, format!("must be {}", f.describe())));
    }
    Ok(Value::String(s.to_string()))
}

fn check_enum(p: &PropertyDef, v: &Value, path: &str) -> UemResult<Value> {
    let one_of = || {
        let names: Vec<&str> = p.values.iter().map(|e| e.value.as_str()).collect();
        bad(path, format!("must be one of {}", names.join(", ")))
    };
    let s = v.as_str().ok_or_else(one_of)?;
    p.values
        .iter()
        .find(|e| e.value.eq_ignore_ascii_case(s.trim()))
        .map(|e| Value::String(e.value.clone()))
        .ok_or_else(one_of)
}

/// The items of a list property, with their count checked.
fn items<'a>(p: &PropertyDef, v: &'a Value, path: &str) -> UemResult<&'a Vec<Value>> {
    let list = v.as_array().ok_or_else(|| bad(path, "must be a list"))?;
    check_count(
        list.len(),
        (p.min_items, p.max_items),
        ("have", "item"),
        path,
    )?;
    Ok(list)
}

/// Fails on the first value listed twice.
fn distinct(values: &[Value], key: impl Fn(&Value) -> String, path: &str) -> UemResult<()> {
    let mut seen = BTreeSet::new();
    for (i, v) in values.iter().enumerate() {
        let k = key(v);
        if !seen.insert(k.clone()) {
            return Err(bad(&format!("{path}[{i}]"), format!("{k} is listed twice")));
        }
    }
    Ok(())
}

fn check_value(w: &UemWorld, p: &PropertyDef, v: &Value, path: &str) -> UemResult<Value> {
    let target = p.entity_def_id.as_deref().unwrap_or_default();
    let indexed = |i: usize| format!("{path}[{i}]");
    match p.kind() {
        PropertyType::String => check_text(p, v, path),
        PropertyType::Integer => {
            let n = v
                .as_i64()
                .ok_or_else(|| bad(path, "must be a whole number"))?;
            let out_of_range = p.min.is_some_and(|m| n < m) || p.max.is_some_and(|m| n > m);
            if out_of_range {
                let reason = match (p.min, p.max) {
                    (Some(a), Some(b)) => format!("must be between {a} and {b}"),
                    (Some(a), None) => format!("must be at least {a}"),
                    (None, Some(b)) => format!("must be at most {b}"),
                    (None, None) => String::new(),
                };
                return Err(bad(path, reason));
            }
            Ok(json!(n))
        }
        PropertyType::Boolean => v
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| bad(path, "must be true or false")),
        PropertyType::Enum => check_enum(p, v, path),
        PropertyType::DateTime => v
            .as_str()
            .and_then(parse_time)
            .map(|ms| json!(format_time(ms)))
            .ok_or_else(|| bad(path, "must be an ISO-8601 date and time")),
        PropertyType::StringList => {
            let list = items(p, v, path)?;
            let out = list
                .iter()
                .enumerate()
                .map(|(i, x)| check_text(p, x, &indexed(i)))
                .collect::<UemResult<Vec<_>>>()?;
            Ok(Value::Array(out))
        }
        PropertyType::EnumList => {
            let list = items(p, v, path)?;
            let out = list
                .iter()
                .enumerate()
                .map(|(i, x)| check_enum(p, x, &indexed(i)))
                .collect::<UemResult<Vec<_>>>()?;
            distinct(&out, |x| x.as_str().unwrap_or_default().to_string(), path)?;
            Ok(Value::Array(out))
        }
        PropertyType::Reference => check_ref(w, target, v, path),
        PropertyType::ReferenceList => {
            let list = items(p, v, path)?;
            let out = list
                .iter()
                .enumerate()
                .map(|(i, x)| check_ref(w, target, x, &indexed(i)))
                .collect::<UemResult<Vec<_>>>()?;
            distinct(
                &out,
                |x| {
                    x["entityInstanceId"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string()
                },
                path,
            )?;
            Ok(Value::Array(out))
        }
        PropertyType::EnclosedList => {
            let child = defs::get(target).ok_or_else(|| bad(path, "has no enclosed definition"))?;
            let list = items(p, v, path)?;
            let out = list
                .iter()
                .enumerate()
                .map(|(i, x)| check_enclosed(w, child, x, &indexed(i)))
                .collect::<UemResult<Vec<_>>>()?;
            Ok(Value::Array(out))
        }
        PropertyType::Other(_) => Ok(v.clone()),
    }
}

/// A reference `{"entityDefId", "entityInstanceId"}` to an existing instance of `target`.
fn check_ref(w: &UemWorld, target: &str, v: &Value, path: &str) -> UemResult<Value> {
    let short = target.rsplit('.').next().unwrap_or(target);
    let obj = v.as_object().ok_or_else(|| {
        bad(
            path,
            format!("must be a reference {{\"entityDefId\", \"entityInstanceId\"}} to a {short}"),
        )
    })?;
    if let Some(def) = obj.get("entityDefId").and_then(Value::as_str) {
        if def != target {
            return Err(bad(path, format!("must refer to a {short}, not {def}")));
        }
    }
    let id = obj
        .get("entityInstanceId")
        .and_then(Value::as_str)
        .ok_or_else(|| bad(path, "must have an entityInstanceId"))?;
    let found = w
        .instances
        .get(target)
        .and_then(|l| l.iter().find(|i| i.id.eq_ignore_ascii_case(id.trim())))
        .ok_or_else(|| bad(path, format!("no {short} has the entityInstanceId {id}")))?;
    Ok(json!({ "entityDefId": target, "entityInstanceId": found.id }))
}

/// An enclosed entity `{"entityDefId", "settings"}` of `child`.
fn check_enclosed(
    w: &UemWorld,
    child: &EntityDefinition,
    v: &Value,
    path: &str,
) -> UemResult<Value> {
    let obj = v.as_object().ok_or_else(|| {
        bad(
            path,
            format!(
                "must be an enclosed {} {{\"entityDefId\", \"settings\"}}",
                child.short_name()
            ),
        )
    })?;
    if let Some(def) = obj.get("entityDefId").and_then(Value::as_str) {
        if def != child.entity_def_id {
            return Err(bad(
                path,
                format!("must be a {}, not {def}", child.short_name()),
            ));
        }
    }
    let empty = Map::new();
    let settings = match obj.get("settings") {
        Some(Value::Object(s)) => s,
        None | Some(Value::Null) => &empty,
        Some(_) => return Err(bad(&format!("{path}.settings"), "must be an object")),
    };
    let checked = validate(w, child, settings, &format!("{path}."))?;
    Ok(json!({ "entityDefId": child.entity_def_id, "settings": checked }))
}

/// 409 when a `unique` property repeats another instance's value (case-insensitive).
fn check_unique(
    w: &UemWorld,
    d: &EntityDefinition,
    settings: &Map<String, Value>,
    except: Option<&str>,
) -> UemResult<()> {
    for p in d.properties.iter().filter(|p| p.unique) {
        let Some(v) = settings.get(&p.name).and_then(Value::as_str) else {
            continue;
        };
        let clash = w
            .instances
            .get(&d.entity_def_id)
            .into_iter()
            .flatten()
            .filter(|i| Some(i.id.as_str()) != except)
            .any(|i| {
                i.settings
                    .get(&p.name)
                    .and_then(Value::as_str)
                    .is_some_and(|x| x.trim().eq_ignore_ascii_case(v.trim()))
            });
        if clash {
            return Err(UemError::new(
                errors::DUPLICATE_VALUE,
                format!(
                    "{}: a {} with the {} \"{v}\" already exists",
                    p.name,
                    d.short_name(),
                    p.name
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seeded instances of the definitions that can be created or updated pass validation
    /// unchanged: the seed data follows the definitions.
    #[test]
    fn seeded_writable_instances_are_valid() {
        let epmm = crate::seed::generate(20, 1);
        let w = UemWorld::generate(&epmm, super::super::now_ms());
        for (def, list) in &w.instances {
            let d = defs::get(def).unwrap();
            if !(d.supports(&Operation::Create) || d.supports(&Operation::Update)) {
                continue;
            }
            for inst in list {
                let checked = validate(&w, d, &inst.settings, "")
                    .unwrap_or_else(|e| panic!("{def} {}: {}", inst.id, e.message));
                assert_eq!(&checked, &inst.settings, "{def} {}", inst.id);
            }
        }
    }
}
