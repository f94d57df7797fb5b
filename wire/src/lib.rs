#![recursion_limit = "256"]
//! Wire types of the vendor MDM APIs, shared by the portal (which reads them) and mock-server
//! (which writes them). Tolerant where the real servers are loose, strict where it matters.
//!
//! - [`v1`]: Ivanti EPMM V1 Web Services API (seed `003_60c4a86063f4189a.txt`, digest
//!   `../shared/docs/epmm-v1-api.md`).
//! - [`cps`]: Ivanti Common Platform Services API (seed `001_757860a6b2f7a728.txt`, digest
//!   `../shared/docs/cps-and-uem-api.md` Part 1).
//! - [`v2`]: Ivanti EPMM V2 certificate management (seed `000_239b41731d5f1da3.txt`, digest
//!   `../shared/docs/certificates-api.md`).
//! - [`czertainly`]: CZERTAINLY Core "SCEP Profile Management" (seed `002_77347b43137f6015.txt`,
//!   digest `../shared/docs/certificates-api.md` Part B).
//! - [`uem`]: BlackBerry UEM REST API (seed `004_43473b396af8168b.txt`, digest
//!   `../shared/docs/cps-and-uem-api.md` Part 2).

pub mod cps;
pub mod czertainly;
pub mod datetime;
pub mod lenient;
pub mod stream;
pub mod uem;
pub mod v1;
pub mod v2;
