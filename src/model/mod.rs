//! Pure logic, tested natively: the portal's domain model, the table engine, CSV, URL state,
//! validation. Nothing in here touches the browser.

pub mod actions;
pub mod activesync;
pub mod alert;
pub mod app_setting;
pub mod bulk;
pub mod certificate;
pub mod chart;
pub mod config;
pub mod csv;
pub mod dashboard;
pub mod device;
pub mod forms;
pub mod label;
pub mod lookup;
pub mod policy;
pub mod profile;
pub mod session;
pub mod table;
pub mod url;
pub mod user;
pub mod view_state;
pub mod x509;

#[cfg(test)]
mod properties;
