//! mdm-portal: a browser admin portal for Ivanti EPMM (MobileIron Core) servers.
//!
//! - [`model`]: pure logic and the portal's domain model (native tests);
//! - [`api`]: typed clients per API area, mapping vendor wire types into the domain model;
//! - [`components`]: reusable widgets (one generic data table, pager, column chooser, toasts);
//! - [`pages`]: one module per screen;
//! - [`app`]: router and contexts.

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod model;
pub mod pages;
pub mod session;
