//! Generic widgets and their browser-free logic: the data table (markup, state and engine apart),
//! dialogs, drawer, upload, charts, toasts, the copy button and the keyboard shortcuts. Nothing here knows a server.

pub mod chart;
pub mod chart_model;
pub mod check;
pub mod copy;
pub mod detail;
pub mod dialog;
pub mod drawer;
pub mod entity_form;
pub mod export_job;
pub mod key_value;
pub mod link;
pub mod loader;
pub mod poll;
pub mod query_nav;
pub mod retry;
pub mod shortcuts;
pub mod table;
pub mod toast;
pub mod upload;
