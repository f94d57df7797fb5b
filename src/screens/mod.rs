//! One module per screen.

pub mod activesync;
pub mod alerts;
pub mod app_catalog;
pub mod app_settings;
pub mod ce_config;
pub mod certificates;
pub mod dashboard;
pub mod device_bulk;
pub mod device_detail;
pub mod device_tabs;
pub mod devices;
pub mod entities;
pub mod labels;
pub mod not_found;
pub mod policies;
pub mod policy_detail;
pub mod register;
pub mod scep_profiles;
pub mod self_service;
pub mod sign_in;
pub mod user_certificates;
pub mod users;
pub mod users_without_certs;
