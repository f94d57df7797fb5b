//! What every screen reads from context.

pub mod session;
