//! The one data table behind every list screen: the browser-free engine (columns, search, sort,
//! paging), CSV, the view kept in the URL, row selection, and the markup.

mod cells;
pub mod column_chooser;
pub mod csv;
pub mod data_table;
pub mod engine;
pub mod pager;
pub mod saved_views;
pub mod selection;
pub mod state;
pub mod view_state;
