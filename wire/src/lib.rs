#![recursion_limit = "256"]
//! Wire types of the vendor MDM APIs, shared by the portal (which reads them) and mock-server
//! (which writes them). Tolerant where the real servers are loose, strict where it matters.
//!
//! - [`v1`]: Ivanti EPMM V1 Web Services API ("Ivanti EPMM V1 API Guide", EPMM 11.8.0.0; digest
//!   `../shared/docs/epmm-v1-api.md`).
//! - [`cps`]: Ivanti Common Platform Services API (the "Common Platform Services API Guide", April
//!   2024; digest `../shared/docs/cps-and-uem-api.md` Part 1).
//! - [`v2`]: Ivanti EPMM V2 certificate management (the Ivanti EPMM v2 REST API guide, chapter
//!   "Certificate Management"; digest `../shared/docs/certificates-api.md`).
//! - [`czertainly`]: CZERTAINLY Core "SCEP Profile Management" (its REST API reference,
//!   digest `../shared/docs/certificates-api.md` Part B).
//! - [`uem`]: BlackBerry UEM REST API (the "BlackBerry UEM REST API overview" page; digest
//!   `../shared/docs/cps-and-uem-api.md` Part 2).

pub mod cps;
pub mod czertainly;
pub mod datetime;
pub mod lenient;
pub mod stream;
pub mod uem;
pub mod v1;
pub mod v2;
