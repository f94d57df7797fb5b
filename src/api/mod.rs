//! Typed clients per API area. Each maps the vendor's wire types (`wire`) into the portal's domain
//! model (`crate::model`), so screens never see vendor detail.

pub mod actions;
pub mod auth;
pub mod certificates;
pub mod client;
pub mod devices;
pub mod error;
pub mod labels;
pub mod profiles;
pub mod upload;

pub use client::ApiClient;
pub use error::ApiError;
