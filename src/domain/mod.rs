//! The portal's own model and rules, tested natively. Nothing in here touches the browser.

pub mod actions;
pub mod activesync;
pub mod alert;
pub mod app_catalog;
pub mod app_setting;
pub mod attributes;
pub mod bulk;
pub mod certificates;
pub mod choice;
pub mod dashboard;
pub mod device;
pub mod entity;
pub mod entity_form;
pub mod forms;
pub mod group;
pub mod inventory;
pub mod lookup;
pub mod pki_attribute;
pub mod policy;
pub mod profile;
pub mod scep_profile;
pub mod session;
pub mod user;
