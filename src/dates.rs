//! Dates as the portal shows them. Times are epoch milliseconds (UTC) everywhere in the domain;
//! the vendor-neutral parsing and formatting is shared with mock-server in `wire::datetime`.

pub use wire::datetime::{format_date, format_iso, format_short, parse_to_epoch_ms};
