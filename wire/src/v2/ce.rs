//! Certificate-enrollment (CE) configurations: E11, E12, E13, E14 (S0:L1311-1693).

use super::lenient::opt_text;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The CE sub-type, `appsubtype` in E11 and `caprotocol` in E14 (S0:L1355-1373, L1615-1633; 11
/// values, C.1 #39).
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

    /// Whether certificates come from a CA outside EPMM (the revocation job, E10, acts on these).
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

/// One element of E11/E14 `results` (S0:L1415-1433, L1675-1693).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConfigSummary {
    #[serde(deserialize_with = "opt_text")]
    pub name: Option<String>,
    /// The configuration id **as a string** (`"10"`): the `CEid` of E5–E7 (C.1 #23).
    #[serde(deserialize_with = "opt_text")]
    pub value: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub app_type: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub app_sub_type: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub row_type: Option<String>,
}

/// E13 `results` (S0:L1569): a free-text dump and the PEM.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TestCertificate {
    #[serde(deserialize_with = "opt_text")]
    pub certificate: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub pem: Option<String>,
}
