//! mdm-portal: a browser admin portal for mobile-device-management servers.
//!
//! - [`domain`]: the portal's own, vendor-neutral model and rules (native tests);
//! - [`backend`]: one module per server, holding all of that server's knowledge, behind one
//!   vendor-neutral interface;
//! - [`ui`]: generic widgets and their browser-free logic (the data table and its engine, dialogs,
//!   upload, charts);
//! - [`screens`]: one module per screen, thin views over the domain and the backend;
//! - [`routes`]: every route of the portal, typed, in one place;
//! - [`context`]: what every screen reads from context (configuration, session, backend);
//! - [`app`]: the router and the shell;
//! - [`chunk`]: code fetched when first needed (a chunk per backend and per area of screens).

pub mod app;
pub mod backend;
pub mod browser;
pub mod chunk;
pub mod config;
pub mod context;
pub mod dates;
pub mod domain;
pub mod routes;
pub mod screens;
pub mod ui;
pub mod url;

/// Property tests across the layers: outside input read by the config, URL, error, certificate
/// and table code, and vendor JSON mapped by the EPMM backend into rows the table engine shows.
#[cfg(test)]
mod properties;
