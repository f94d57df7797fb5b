//! The portal's own model and rules, tested natively. Nothing in here touches the browser.

pub mod actions;
pub mod activesync;
pub mod alert;
pub mod app_setting;
pub mod attribute;
pub mod bulk;
pub mod certificate;
pub mod dashboard;
pub mod device;
pub mod forms;
pub mod label;
pub mod lookup;
pub mod policy;
pub mod profile;
pub mod scep_profile;
pub mod session;
pub mod user;
pub mod x509;

#[cfg(test)]
mod properties;
