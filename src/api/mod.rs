//! Typed clients per API area. Each maps the vendor's wire types (`wire`) into the portal's domain
//! model (`crate::model`), so screens never see vendor detail.

pub mod auth;
pub mod client;
pub mod devices;
pub mod error;
pub mod labels;

pub use client::ApiClient;
pub use error::ApiError;
