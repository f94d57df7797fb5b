//! Reusable widgets: one generic data table with its pager and column chooser, toasts.

pub mod chart;
pub mod column_chooser;
pub mod data_table;
pub mod dialog;
pub mod drawer;
pub mod export_job;
pub mod key_value;
pub mod link;
pub mod loader;
pub mod pager;
pub mod poll;
pub mod query_nav;
pub mod retry;
pub mod selection;
pub mod toast;
pub mod upload;
