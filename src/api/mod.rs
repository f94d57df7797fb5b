//! Typed clients per API area. Each maps the vendor's wire types (`wire`) into the portal's domain
//! model (`crate::model`), so screens never see vendor detail.

pub mod actions;
pub mod activesync;
pub mod alerts;
pub mod app_settings;
pub mod auth;
pub mod certificates;
pub mod client;
pub mod dashboard;
pub mod devices;
pub mod error;
pub mod labels;
pub mod policies;
pub mod profiles;
pub mod reference;
pub mod upload;
pub mod users;

pub use client::ApiClient;
pub use error::ApiError;
