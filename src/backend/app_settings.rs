//! The app settings area: the settings (with the server's type filter), one setting, and those of
//! a device, in the portal's own terms. Each server implements it in its own module.

use super::ApiError;
use crate::domain::app_setting::AppSetting;
use crate::domain::choice::Choices;
use std::sync::Arc;

/// What the app settings screens can show on this server.
#[derive(Debug, Clone, PartialEq)]
pub struct AppSettingCaps {
    /// The type filter the server applies, in order; empty when it has none.
    pub types: Choices,
}

#[async_trait::async_trait(?Send)]
pub trait AppSettingApi: Send + Sync {
    fn caps(&self) -> &AppSettingCaps;

    /// Every setting, or those of one type (a key of [`AppSettingCaps::types`]).
    async fn list(&self, type_key: Option<&str>) -> Result<Arc<Vec<AppSetting>>, ApiError>;

    /// One setting; a setting the server does not have is an [`ApiError::not_found`].
    async fn get(&self, id: &str) -> Result<AppSetting, ApiError>;

    /// The settings on a device (including those removed from it, marked). None is an empty list.
    async fn for_device(&self, device_id: &str) -> Result<Arc<Vec<AppSetting>>, ApiError>;
}
