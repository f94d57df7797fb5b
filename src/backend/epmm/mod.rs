//! Ivanti EPMM through its V1 and V2 APIs. Each module maps the vendor's wire types (`wire`) into
//! the portal's domain model (`crate::domain`), so screens never see vendor detail.

pub mod actions;
pub mod activesync;
pub mod alerts;
pub mod app_settings;
pub mod auth;
pub mod certificates;
pub mod dashboard;
pub mod devices;
pub mod labels;
pub mod policies;
pub mod profiles;
pub mod reference;
pub mod upload;
pub mod users;

pub use crate::backend::{ApiClient, ApiError};
