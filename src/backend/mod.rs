//! The backend layer: one module per server.

pub mod epmm;
pub mod error;
pub mod http;

pub use error::ApiError;
pub use http::ApiClient;
