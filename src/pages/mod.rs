//! One module per screen.

pub mod device_bulk;
pub mod device_detail;
pub mod devices;
pub mod labels;
pub mod not_found;
pub mod self_service;
pub mod sign_in;
