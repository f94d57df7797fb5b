//! The area of objects whose shape the server describes at run time (BlackBerry UEM's entity
//! definitions: profiles, settings, the lists they refer to): the types, their objects, a new
//! object's starting values, create, change, delete, and assigning an object to groups. In the
//! portal's own terms ([`crate::domain::entity`]); each server that has such objects implements
//! it in its own module.

use super::ApiError;
use crate::domain::entity::{
    Assignment, Choice, Entity, EntityType, GroupRef, UserAssignment, Values,
};
use std::sync::Arc;

#[async_trait::async_trait(?Send)]
pub trait EntityApi: Send + Sync {
    /// Every type the server describes, nested parts resolved.
    async fn types(&self) -> Result<Arc<Vec<EntityType>>, ApiError>;

    /// The objects of a type (the whole list).
    async fn list(&self, ty: &EntityType) -> Result<Vec<Entity>, ApiError>;

    /// One object.
    async fn get(&self, ty: &EntityType, id: &str) -> Result<Entity, ApiError>;

    /// The values a new object starts from: the server's template where it has one, else the
    /// type's defaults.
    async fn template(&self, ty: &EntityType) -> Result<Entity, ApiError>;

    /// Creates an object from checked values ([`crate::domain::entity_form::check`]).
    async fn create(&self, ty: &EntityType, values: &Values) -> Result<Entity, ApiError>;

    /// Replaces an object's values.
    async fn update(&self, ty: &EntityType, id: &str, values: &Values) -> Result<Entity, ApiError>;

    async fn delete(&self, ty: &EntityType, id: &str) -> Result<(), ApiError>;

    /// What a reference to the type `target` can point to: its objects by name.
    async fn choices(&self, target: &str) -> Result<Vec<Choice>, ApiError> {
        let types = self.types().await?;
        let ty = types
            .iter()
            .find(|t| t.id == target)
            .ok_or_else(|| ApiError::not_found(format!("The server has no type {target}.")))?;
        let mut out: Vec<Choice> = self
            .list(ty)
            .await?
            .into_iter()
            .filter_map(|e| {
                Some(Choice {
                    label: e.name(),
                    value: e.id?,
                })
            })
            .collect();
        out.sort_by_key(|c| c.label.to_lowercase());
        Ok(out)
    }

    /// The groups an object of an assignable type ([`EntityType::assignable`]) is assigned to.
    async fn assignment(&self, ty: &EntityType, entity: &Entity) -> Result<Assignment, ApiError>;

    /// Every group an object can be assigned to.
    async fn groups(&self) -> Result<Vec<GroupRef>, ApiError>;

    /// Assigns the object of `assignment` to more groups (those it has stay).
    async fn assign(&self, assignment: &Assignment, group_ids: &[String]) -> Result<(), ApiError>;

    /// The profiles assigned to the user named `user` (directly or through their groups).
    async fn user_assignments(&self, user: &str) -> Result<Arc<Vec<UserAssignment>>, ApiError>;
}
