//! The `compliance`, `quarantinedStatus` and `blockReason` bitmaps (EPMM V1 API guide, "Compliance,
//! quarantinedStatus, and blockReason values").
//!
//! The guide prints two wrong decimals (0x000010 as 8272 and 0x002000 as 8256, in the table of that
//! section); the hex values are powers of two and are what the server sets, so decoding uses them.

/// One reason bit of the device bitmaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reason {
    pub bit: u32,
    /// A stable identifier, e.g. `POLICY_OUT_OF_DATE`.
    pub code: &'static str,
    /// The guide's wording, for people.
    pub text: &'static str,
}

/// Every documented reason, in bit order.
pub const REASONS: [Reason; 19] = [
    Reason {
        bit: 0x000001,
        code: "COMPROMISED",
        text: "Device compromised",
    },
    Reason {
        bit: 0x000002,
        code: "OS_VERSION",
        text: "OS version below the supported version",
    },
    Reason {
        bit: 0x000004,
        code: "HARDWARE_VERSION",
        text: "Hardware version not allowed",
    },
    Reason {
        bit: 0x000008,
        code: "DATA_PROTECTION",
        text: "Data Protection not enabled",
    },
    Reason {
        bit: 0x000010,
        code: "POLICY_OUT_OF_DATE",
        text: "Policy out of date",
    },
    Reason {
        bit: 0x000020,
        code: "OUT_OF_CONTACT",
        text: "Out of contact",
    },
    Reason {
        bit: 0x000040,
        code: "APP_CONTROL",
        text: "App control policy out of compliance",
    },
    Reason {
        bit: 0x000080,
        code: "MAILBOX_LIMIT",
        text: "Exceeds per-mailbox device limit",
    },
    Reason {
        bit: 0x000100,
        code: "NOT_REGISTERED",
        text: "Device not registered",
    },
    Reason {
        bit: 0x000200,
        code: "MANUALLY_BLOCKED",
        text: "Manually blocked",
    },
    Reason {
        bit: 0x000400,
        code: "EXCHANGE_REPORTED",
        text: "Exchange reported",
    },
    Reason {
        bit: 0x000800,
        code: "ADMIN_DEACTIVATED",
        text: "Device administrator deactivated (Android) or MDM profile removed (iOS)",
    },
    Reason {
        bit: 0x001000,
        code: "DISALLOWED_APP",
        text: "Disallowed app control policy out of compliance",
    },
    Reason {
        bit: 0x002000,
        code: "REQUIRED_APP",
        text: "Required app control policy out of compliance",
    },
    Reason {
        bit: 0x004000,
        code: "ALLOWED_APP",
        text: "Allowed app control policy out of compliance",
    },
    Reason {
        bit: 0x008000,
        code: "USER_LOGGED_OUT",
        text: "User logged out",
    },
    Reason {
        bit: 0x010000,
        code: "ATTESTATION_FAILED",
        text: "Attestation failed",
    },
    Reason {
        bit: 0x400000,
        code: "UNKNOWN_REASON",
        text: "Unknown reason",
    },
    // Sentinel for bits the guide does not name; never matched by `decode`.
    Reason {
        bit: 0,
        code: "UNDOCUMENTED",
        text: "Undocumented reason",
    },
];

/// The decoded reasons of a bitmap value, plus any bits the guide does not document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decoded {
    pub reasons: Vec<Reason>,
    /// Bits set that no documented reason covers (shown as hex so nothing is hidden).
    pub unknown_bits: u32,
}

impl Decoded {
    pub fn is_clear(&self) -> bool {
        self.reasons.is_empty() && self.unknown_bits == 0
    }
    /// Human-readable list, e.g. "Policy out of date; Out of contact".
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self.reasons.iter().map(|r| r.text.to_string()).collect();
        if self.unknown_bits != 0 {
            parts.push(format!("Undocumented bits 0x{:06x}", self.unknown_bits));
        }
        parts.join("; ")
    }
}

/// Decodes a bitmap value into its reasons.
pub fn decode(value: u32) -> Decoded {
    let mut known = 0u32;
    let reasons = REASONS
        .iter()
        .filter(|r| r.bit != 0 && value & r.bit != 0)
        .inspect(|r| known |= r.bit)
        .copied()
        .collect();
    Decoded {
        reasons,
        unknown_bits: value & !known,
    }
}

/// The reason bits by name, for code that sets or tests one bit.
pub mod flags {
    pub const COMPROMISED: u32 = 0x000001;
    pub const OS_VERSION: u32 = 0x000002;
    pub const HARDWARE_VERSION: u32 = 0x000004;
    pub const DATA_PROTECTION: u32 = 0x000008;
    pub const POLICY_OUT_OF_DATE: u32 = 0x000010;
    pub const OUT_OF_CONTACT: u32 = 0x000020;
    pub const APP_CONTROL: u32 = 0x000040;
    pub const MAILBOX_LIMIT: u32 = 0x000080;
    pub const NOT_REGISTERED: u32 = 0x000100;
    pub const MANUALLY_BLOCKED: u32 = 0x000200;
    pub const EXCHANGE_REPORTED: u32 = 0x000400;
    pub const ADMIN_DEACTIVATED: u32 = 0x000800;
    pub const DISALLOWED_APP: u32 = 0x001000;
    pub const REQUIRED_APP: u32 = 0x002000;
    pub const ALLOWED_APP: u32 = 0x004000;
    pub const USER_LOGGED_OUT: u32 = 0x008000;
    pub const ATTESTATION_FAILED: u32 = 0x010000;
    pub const UNKNOWN_REASON: u32 = 0x400000;
}

impl Decoded {
    /// Whether the reason with this code (`POLICY_OUT_OF_DATE`, …) is set.
    pub fn has(&self, code: &str) -> bool {
        self.reasons.iter().any(|r| r.code == code)
    }
    /// The codes of the set reasons, in bit order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.reasons.iter().map(|r| r.code).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_compliant() {
        // "0x000000 0 The device is compliant" (V1 guide, "Compliance, quarantinedStatus, and
        // blockReason values": the table)
        assert!(decode(0).is_clear());
    }

    #[test]
    fn reasons_add_up() {
        // "the value is the sum of the applicable reasons; for example 1 + 2 = 3" (V1 guide,
        // "Compliance, quarantinedStatus, and blockReason values")
        let d = decode(3);
        assert_eq!(
            d.reasons.iter().map(|r| r.code).collect::<Vec<_>>(),
            ["COMPROMISED", "OS_VERSION"]
        );
        assert_eq!(
            d.describe(),
            "Device compromised; OS version below the supported version"
        );
    }

    #[test]
    fn hex_not_printed_decimals() {
        // The guide prints 0x000010 as 8272 and 0x002000 as 8256 (V1 guide, "Compliance,
        // quarantinedStatus, and blockReason values": the table); the bits are 16 and 8192.
        assert_eq!(decode(16).reasons[0].code, "POLICY_OUT_OF_DATE");
        assert_eq!(decode(8192).reasons[0].code, "REQUIRED_APP");
        // 8272 = 8192 + 64 + 16: decoded by bits, not looked up as a printed decimal.
        let d = decode(8272);
        assert_eq!(d.reasons.len(), 3);
        assert_eq!(decode(0x400000).reasons[0].code, "UNKNOWN_REASON");
    }

    #[test]
    fn named_flags_match_the_compliance_table() {
        for r in REASONS.iter().filter(|r| r.bit != 0) {
            assert!(r.bit.is_power_of_two(), "{}", r.code);
        }
        let d = decode(flags::MANUALLY_BLOCKED | flags::EXCHANGE_REPORTED);
        assert!(d.has("MANUALLY_BLOCKED") && d.has("EXCHANGE_REPORTED"));
        assert_eq!(d.codes(), ["MANUALLY_BLOCKED", "EXCHANGE_REPORTED"]);
    }

    #[test]
    fn undocumented_bits_are_reported() {
        let d = decode(0x020000 | 1);
        assert_eq!(d.reasons.len(), 1);
        assert_eq!(d.unknown_bits, 0x020000);
        assert!(d.describe().contains("0x020000"));
    }
}
