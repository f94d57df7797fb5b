//! Certificate-enrollment (CE) configurations: V2 guide, "Get SCEP configuration information",
//! "Change SCEP challenge password", "Verify Ivanti EPMM/SCEP Connectivity" and "Get CE
//! configuration information".

use super::lenient::opt_text;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The CE sub-type, `appsubtype` in "Get SCEP configuration information" and `caprotocol` in "Get
/// CE configuration information" (V2 guide, the request tables of both; 11 values, one listed
/// twice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaProtocol {
    BlueCoat,
    ClientProvided,
    UserProvided,
    Entrust,
    GlobalSign,
    Local,
    OpenTrust,
    Scep,
    SingleFileIdentity,
    SymantecManagedPki,
    SymantecWsManagedPki,
}

impl CaProtocol {
    pub const ALL: [CaProtocol; 11] = [
        CaProtocol::BlueCoat,
        CaProtocol::ClientProvided,
        CaProtocol::UserProvided,
        CaProtocol::Entrust,
        CaProtocol::GlobalSign,
        CaProtocol::Local,
        CaProtocol::OpenTrust,
        CaProtocol::Scep,
        CaProtocol::SingleFileIdentity,
        CaProtocol::SymantecManagedPki,
        CaProtocol::SymantecWsManagedPki,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaProtocol::BlueCoat => "BLUE_COAT",
            CaProtocol::ClientProvided => "CLIENT_PROVIDED",
            CaProtocol::UserProvided => "USER_PROVIDED",
            CaProtocol::Entrust => "ENTRUST",
            CaProtocol::GlobalSign => "GLOBAL_SIGN",
            CaProtocol::Local => "LOCAL",
            CaProtocol::OpenTrust => "OPEN_TRUST",
            CaProtocol::Scep => "SCEP",
            CaProtocol::SingleFileIdentity => "SINGLE_FILE_IDENTITY",
            CaProtocol::SymantecManagedPki => "SYMANTEC_MANAGED_PKI",
            CaProtocol::SymantecWsManagedPki => "SYMANTEC_WS_MANAGED_PKI",
        }
    }

    /// Whether certificates come from a CA outside EPMM (the revocation job, V2 guide, "Revoke
    /// certificates", acts on these).
    pub fn is_external(self) -> bool {
        !matches!(
            self,
            CaProtocol::Local | CaProtocol::UserProvided | CaProtocol::ClientProvided
        )
    }
}

impl fmt::Display for CaProtocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CaProtocol {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        CaProtocol::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| format!("Invalid value '{s}' for caprotocol."))
    }
}

/// One element of the `results` of "Get SCEP configuration information" and "Get CE configuration
/// information" (V2 guide, the sample responses of both).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConfigSummary {
    #[serde(deserialize_with = "opt_text")]
    pub name: Option<String>,
    /// The configuration id **as a string** (`"10"`): the `CEid` of the upload, delete and get
    /// calls of user-provided certificates (V2 guide, "Upload user-provided certificate" and the
    /// two after it).
    #[serde(deserialize_with = "opt_text")]
    pub value: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub app_type: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub app_sub_type: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub row_type: Option<String>,
}

/// `results` of V2 guide, "Verify Ivanti EPMM/SCEP Connectivity" (the sample response): a free-text
/// dump and the PEM.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TestCertificate {
    #[serde(deserialize_with = "opt_text")]
    pub certificate: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub pem: Option<String>,
}
