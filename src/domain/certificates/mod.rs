//! Certificates in the portal's own terms, one module per concern:
//! - [`issued`]: issued certificates, their status and expiry, and the search the Certificates
//!   screen keeps in its URL;
//! - [`configs`]: certificate enrollment (CE) configurations, their users without certificates,
//!   the test certificate and the SCEP challenge password;
//! - [`user_provided`]: a user's certificates grouped into slots, with the operations allowed on
//!   each, and what a slot's card says;
//! - [`export`]: a server-side CSV export job (start, poll, download) as a state machine;
//! - [`revocation`]: the revocation run of pending certificates;
//! - [`pkcs12`]: the checks made on a PKCS#12 file before it is uploaded;
//! - [`x509`]: reading a certificate (PEM/DER) to show it.
//!
//! Pure and tested natively. What one server sends and expects (EPMM's V2 search body, its
//! message keys, its status sentences) is in that server's backend module.

pub mod configs;
pub mod export;
pub mod issued;
pub mod pkcs12;
pub mod revocation;
pub mod user_provided;
pub mod x509;

#[cfg(test)]
pub(crate) mod der;
