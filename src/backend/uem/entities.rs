//! Entity definitions and their instances (overview, "Entities", "Understanding entity
//! definitions", "Supported entity definitions", "Get an entity instance template",
//! "Create/update an entity", "Enclosed entities"), profiles and groups ("Request all Groups",
//! "Request a Profile by Name", "Assign a Profile to a Group"), as the portal's
//! [`EntityApi`].
//!
//! Documented calls: `GET entityDefs`, `GET entities/{entityDefId}/template`,
//! `POST entities/{entityDefId}`, `GET groups`, `GET profiles?query=name=…`,
//! `POST profiles/{guid}/groups`. The overview's table names the other operations without their
//! paths (UEM overview, "Entities APIs": the table lists the operations, the text shows only create); they are called as the mock-server serves them, beyond the document:
//! `GET entities/{entityDefId}` (the instances), `GET`/`PUT`/`DELETE`
//! `entities/{entityDefId}/{entityInstanceId}`, and `GET profiles/{guid}/groups`.
//!
//! Values: a reference is `{"entityDefId", "entityInstanceId", "settings": {"name"}}` in UEM and
//! `{"id", "name"}` in the portal; an enclosed entity is `{"entityDefId", "settings"}` in UEM and
//! an object of its settings in the portal.

use super::{get, send};
use crate::backend::http::Call;
use crate::backend::{ApiClient, ApiError, EntityApi};
use crate::domain::entity::{
    reference, reference_id, Assignment, Category, Choice, Count, Entity, EntityType, GroupRef,
    Operations, Property, PropertyKind, TextFormat, TextRule, TextWidget, UserAssignment, Values,
    MAX_DEPTH,
};
use crate::url::encode_path_segment;
use gloo_net::http::Method;
use serde_json::{json, Map, Value};
use std::sync::Arc;
use wire::uem::directory::{Groups, Profiles};
use wire::uem::entity::{
    Control, EntityDefinition, EntityDefinitions, EntityInstance, EntityInstances, Operation,
    PropertyDef, PropertyType, LICENSE_BLACKBERRY_PROTECT,
};
use wire::uem::media;

/// The UEM entities and profiles.
pub struct UemEntities {
    api: ApiClient,
}

impl UemEntities {
    pub fn new(api: ApiClient) -> Self {
        UemEntities { api }
    }
}

fn collection(ty: &EntityType) -> String {
    format!("/entities/{}", encode_path_segment(&ty.id))
}

fn instance_path(ty: &EntityType, id: &str) -> String {
    format!("{}/{}", collection(ty), encode_path_segment(id))
}

#[async_trait::async_trait(?Send)]
impl EntityApi for UemEntities {
    async fn types(&self) -> Result<Arc<Vec<EntityType>>, ApiError> {
        let defs: EntityDefinitions =
            get(&self.api, "/entityDefs", media::ENTITY_DEFINITIONS).await?;
        Ok(Arc::new(types_of(&defs.entity_definitions)))
    }

    async fn list(&self, ty: &EntityType) -> Result<Vec<Entity>, ApiError> {
        let list: EntityInstances =
            get(&self.api, &collection(ty), media::ENTITY_INSTANCES).await?;
        // The abstract TenantSettings lists the instances of its sub-types ("allows only
        // enumerate to return all sub-settings"): each is read with its own definition.
        let foreign = list
            .entity_instances
            .iter()
            .any(|i| !i.entity_def_id.is_empty() && i.entity_def_id != ty.id);
        let types = if foreign {
            Some(self.types().await?)
        } else {
            None
        };
        Ok(list
            .entity_instances
            .iter()
            .map(|i| {
                let own = types
                    .as_ref()
                    .and_then(|all| all.iter().find(|t| t.id == i.entity_def_id));
                entity_of(own.unwrap_or(ty), i)
            })
            .collect())
    }

    async fn get(&self, ty: &EntityType, id: &str) -> Result<Entity, ApiError> {
        let i: EntityInstance =
            get(&self.api, &instance_path(ty, id), media::ENTITY_INSTANCE).await?;
        Ok(entity_of(ty, &i))
    }

    async fn template(&self, ty: &EntityType) -> Result<Entity, ApiError> {
        if !ty.ops.template {
            // Creatable without a template (DeviceCheckAttestationKey: D L U C): the defaults.
            return Ok(Entity {
                type_id: ty.id.clone(),
                id: None,
                values: ty.default_values(),
                label: None,
            });
        }
        let path = format!("{}/template", collection(ty));
        let i: EntityInstance = get(&self.api, &path, media::ENTITY_INSTANCE).await?;
        Ok(entity_of(ty, &i))
    }

    async fn create(&self, ty: &EntityType, values: &Values) -> Result<Entity, ApiError> {
        let body = instance_of(ty, None, values);
        let i: EntityInstance = send(
            &self.api,
            Method::POST,
            &collection(ty),
            media::ENTITY_INSTANCE,
            &body,
        )
        .await?;
        Ok(entity_of(ty, &i))
    }

    async fn update(&self, ty: &EntityType, id: &str, values: &Values) -> Result<Entity, ApiError> {
        let body = instance_of(ty, Some(id), values);
        let i: EntityInstance = send(
            &self.api,
            Method::PUT,
            &instance_path(ty, id),
            media::ENTITY_INSTANCE,
            &body,
        )
        .await?;
        Ok(entity_of(ty, &i))
    }

    async fn delete(&self, ty: &EntityType, id: &str) -> Result<(), ApiError> {
        let call = Call::new(Method::DELETE, instance_path(ty, id)).accept(media::ENTITY_INSTANCE);
        self.api.call(call).await.map(|_| ())
    }

    async fn assignment(&self, ty: &EntityType, entity: &Entity) -> Result<Assignment, ApiError> {
        let name = entity.name();
        // Overview, "Request a Profile by Name", then the profile's groups.
        let path = format!("/profiles?query=name={}", encode_path_segment(&name));
        let found: Profiles = get(&self.api, &path, media::PROFILES).await?;
        let guid = profile_guid(&found, ty, entity).ok_or_else(|| {
            ApiError::not_found(format!("The server lists no profile named “{name}”."))
        })?;
        let path = format!("/profiles/{}/groups", encode_path_segment(&guid));
        let groups: Groups = get(&self.api, &path, media::GROUPS).await?;
        Ok(Assignment {
            assignee_id: guid,
            groups: group_refs(groups),
        })
    }

    async fn groups(&self) -> Result<Vec<GroupRef>, ApiError> {
        let groups: Groups = get(&self.api, "/groups", media::GROUPS).await?;
        Ok(group_refs(groups))
    }

    async fn assign(&self, assignment: &Assignment, group_ids: &[String]) -> Result<(), ApiError> {
        // Overview, "Assign a Profile to a Group": the groups media type is the body's too
        // (UEM overview, the profile-to-group assignment: the method is not stated); POST is implied by `curl -d`. The mock answers 204.
        let path = format!(
            "/profiles/{}/groups",
            encode_path_segment(&assignment.assignee_id)
        );
        let body = Groups::assignment(group_ids.iter().map(String::as_str));
        let call = Call::new(Method::POST, path)
            .accept(media::GROUPS)
            .content_type(media::GROUPS)
            .json(&body);
        self.api.call(call).await.map(|_| ())
    }

    async fn user_assignments(&self, user: &str) -> Result<Arc<Vec<UserAssignment>>, ApiError> {
        super::user_profiles::user_assignments(&self.api, user).await
    }
}

/// The profile of an entity among those found by name: the one whose GUID is the instance's
/// (entity-backed profiles), else the one of the same definition and name.
fn profile_guid(found: &Profiles, ty: &EntityType, entity: &Entity) -> Option<String> {
    let id = entity.id.as_deref().unwrap_or_default();
    let by_id = found
        .profiles
        .iter()
        .find(|p| !id.is_empty() && p.guid.eq_ignore_ascii_case(id));
    let by_name = || {
        found.profiles.iter().find(|p| {
            p.entity_def_id.as_deref() == Some(ty.id.as_str())
                && p.name.as_deref() == Some(entity.name().as_str())
        })
    };
    by_id.or_else(by_name).map(|p| p.guid.clone())
}

fn group_refs(groups: Groups) -> Vec<GroupRef> {
    groups
        .groups
        .into_iter()
        .map(|g| GroupRef {
            name: g.name.unwrap_or_else(|| g.guid.clone()),
            id: g.guid,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Definitions → types

/// Every definition as a type, enclosed definitions resolved into the properties that hold them.
pub fn types_of(defs: &[EntityDefinition]) -> Vec<EntityType> {
    defs.iter().map(|d| type_of(d, defs, 0)).collect()
}

fn licence_name(licence: &str) -> &str {
    if licence.eq_ignore_ascii_case(LICENSE_BLACKBERRY_PROTECT) {
        "BlackBerry Protect"
    } else {
        licence
    }
}

/// How the list of definitions is grouped: the profile definitions (`…entity.profile.*`), the
/// singletons and the abstract TenantSettings as settings, the other definitions that can be
/// changed as lists, and the read-only rest as reference data.
fn category(d: &EntityDefinition) -> Category {
    let changeable = [Operation::Create, Operation::Update, Operation::Delete]
        .iter()
        .any(|op| d.supports(op));
    if d.entity_def_id.contains(".entity.profile.") {
        Category::Profiles
    } else if d.singleton || d.is_abstract {
        Category::Settings
    } else if changeable {
        Category::Lists
    } else {
        Category::Reference
    }
}

fn type_of(d: &EntityDefinition, all: &[EntityDefinition], depth: usize) -> EntityType {
    let ops = Operations {
        list: d.supports(&Operation::List),
        create: d.supports(&Operation::Create),
        update: d.supports(&Operation::Update),
        delete: d.supports(&Operation::Delete),
        template: d.supports(&Operation::Template),
    };
    // "Supported only when the licensed BlackBerry Protect service is enabled": the definition
    // says `licensed: false` when it is not (the mock's contract, beyond the document).
    let unavailable = match (&d.required_license, d.licensed) {
        (Some(l), Some(false)) => Some(format!(
            "Needs the {} licence, which this server does not have.",
            licence_name(l)
        )),
        _ => None,
    };
    let mut props: Vec<(i64, usize, Property)> = d
        .properties
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let order = p
                .presentation
                .as_ref()
                .and_then(|x| x.order)
                .unwrap_or(i64::MAX);
            (order, i, property_of(p, all, depth))
        })
        .collect();
    props.sort_by_key(|(order, i, _)| (*order, *i));
    EntityType {
        id: d.entity_def_id.clone(),
        name: d
            .display_name
            .clone()
            .unwrap_or_else(|| d.short_name().to_string()),
        description: d.description.clone().unwrap_or_default(),
        category: category(d),
        ops,
        singleton: d.singleton,
        nested_only: d.enclosed,
        assignable: d.entity_def_id.contains(".entity.profile."),
        unavailable,
        properties: props.into_iter().map(|(_, _, p)| p).collect(),
    }
}

fn text_rule(p: &PropertyDef) -> TextRule {
    TextRule {
        min_len: p.min_length,
        max_len: p.max_length,
        format: p.format.clone().map(|f| {
            let description = f.describe().to_string();
            TextFormat::new(description, move |s| f.check(s))
        }),
    }
}

fn property_of(p: &PropertyDef, all: &[EntityDefinition], depth: usize) -> Property {
    let presentation = p.presentation.clone().unwrap_or_default();
    let control = presentation.control.clone();
    let count = Count {
        min: p.min_items,
        max: p.max_items,
    };
    let target = p.entity_def_id.clone().unwrap_or_default();
    let options = || {
        p.values
            .iter()
            .map(|v| Choice {
                value: v.value.clone(),
                label: v.display_name.clone().unwrap_or_else(|| v.value.clone()),
            })
            .collect()
    };
    let mut hidden = control == Some(Control::Hidden);
    let kind = match p.kind() {
        PropertyType::String => PropertyKind::Text {
            rule: text_rule(p),
            widget: match control {
                Some(Control::TextArea) => TextWidget::Multiline,
                Some(Control::Password) => TextWidget::Secret,
                _ => TextWidget::Line,
            },
        },
        PropertyType::Integer => PropertyKind::Integer {
            min: p.min,
            max: p.max,
        },
        PropertyType::Boolean => PropertyKind::Boolean,
        PropertyType::Enum => PropertyKind::Choice {
            options: options(),
            radio: control == Some(Control::Radio),
        },
        PropertyType::DateTime => PropertyKind::DateTime,
        PropertyType::StringList => PropertyKind::TextList {
            rule: text_rule(p),
            count,
        },
        PropertyType::EnumList => PropertyKind::ChoiceList {
            options: options(),
            count,
        },
        PropertyType::Reference => PropertyKind::Reference { target },
        PropertyType::ReferenceList => PropertyKind::ReferenceList { target, count },
        PropertyType::EnclosedList => {
            match all.iter().find(|d| d.entity_def_id == target) {
                Some(child) if depth < MAX_DEPTH => PropertyKind::Nested {
                    item: Arc::new(type_of(child, all, depth + 1)),
                    count,
                },
                // An enclosed definition the server did not list: kept as it came.
                _ => {
                    hidden = true;
                    PropertyKind::TextList {
                        rule: TextRule::default(),
                        count,
                    }
                }
            }
        }
        // A type this portal does not know: kept as it came.
        PropertyType::Other(_) => {
            hidden = true;
            PropertyKind::Text {
                rule: TextRule::default(),
                widget: TextWidget::Line,
            }
        }
    };
    Property {
        name: p.name.clone(),
        label: p.label().to_string(),
        help: presentation.help.or_else(|| p.description.clone()),
        placeholder: presentation.placeholder,
        unit: presentation.unit,
        kind,
        required: p.required,
        // "Not intended to be used when creating or updating an entity instance" (overview,
        // "Understanding entity definitions"), and the read-only ones the server sets.
        server_set: p.is_server_set(),
        hidden,
        default: p.default_value.clone(),
        section: presentation.group,
        visible_when: presentation.visible_when.map(|c| (c.property, c.equals)),
    }
}

// ---------------------------------------------------------------------------------------------
// Values

fn entity_of(ty: &EntityType, i: &EntityInstance) -> Entity {
    Entity {
        type_id: if i.entity_def_id.is_empty() {
            ty.id.clone()
        } else {
            i.entity_def_id.clone()
        },
        id: i.entity_instance_id.clone(),
        values: values_of(ty, &i.settings, 0),
        // "There is only one instance": it is called by its definition's name.
        label: ty.singleton.then(|| ty.name.clone()),
    }
}

/// The body of a create or update.
fn instance_of(ty: &EntityType, id: Option<&str>, values: &Values) -> EntityInstance {
    EntityInstance {
        entity_def_id: ty.id.clone(),
        entity_instance_id: id.map(String::from),
        settings: settings_of(ty, values, 0),
    }
}

/// `{"entityDefId", "entityInstanceId", "settings": {"name"}}` → `{"id", "name"}`.
fn reference_of(v: &Value) -> Value {
    match v.get("entityInstanceId").and_then(Value::as_str) {
        Some(id) => reference(id, v["settings"]["name"].as_str()),
        None => Value::Null,
    }
}

/// UEM settings → the portal's values.
pub fn values_of(ty: &EntityType, settings: &Map<String, Value>, depth: usize) -> Values {
    settings
        .iter()
        .map(|(k, v)| {
            let kind = ty.property(k).map(|p| &p.kind);
            let converted = match kind {
                Some(PropertyKind::Reference { .. }) => reference_of(v),
                Some(PropertyKind::ReferenceList { .. }) => map_items(v, reference_of),
                Some(PropertyKind::Nested { item, .. }) if depth < MAX_DEPTH => {
                    map_items(v, |row| {
                        let empty = Map::new();
                        let s = row["settings"].as_object().unwrap_or(&empty);
                        Value::Object(values_of(item, s, depth + 1))
                    })
                }
                _ => v.clone(),
            };
            (k.clone(), converted)
        })
        .collect()
}

fn map_items(v: &Value, f: impl Fn(&Value) -> Value) -> Value {
    match v.as_array() {
        Some(a) => Value::Array(a.iter().map(f).collect()),
        None => v.clone(),
    }
}

/// The portal's values → UEM settings.
pub fn settings_of(ty: &EntityType, values: &Values, depth: usize) -> Map<String, Value> {
    let to_ref = |target: &str, v: &Value| match reference_id(v) {
        Some(id) => json!({ "entityDefId": target, "entityInstanceId": id }),
        None => Value::Null,
    };
    values
        .iter()
        .map(|(k, v)| {
            let kind = ty.property(k).map(|p| &p.kind);
            let converted = match kind {
                Some(PropertyKind::Reference { target }) => to_ref(target, v),
                Some(PropertyKind::ReferenceList { target, .. }) => {
                    map_items(v, |r| to_ref(target, r))
                }
                Some(PropertyKind::Nested { item, .. }) if depth < MAX_DEPTH => {
                    map_items(v, |row| {
                        let empty = Map::new();
                        let values = row.as_object().unwrap_or(&empty);
                        json!({
                            "entityDefId": item.id,
                            "settings": settings_of(item, values, depth + 1),
                        })
                    })
                }
                _ => v.clone(),
            };
            (k.clone(), converted)
        })
        .collect()
}

#[cfg(test)]
mod tests;
