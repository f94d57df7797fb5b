//! Device identifiers: the MDM (UEM) `identifier`, the `deviceGuid`, and the Wi-Fi MAC.
//!
//! - `deviceGuid` is the V1 device `uuid`: the key that joins the two APIs.
//! - The MDM `identifier` is "consistent within an OS, but … not consistently formatted across
//!   OSs" (CPS guide, "Device"); the mock's formats: iOS 40 lower-case hex digits (the UDID form of
//!   the guide's examples; also `iosUdid` and the V1 `iPhone UDID` detail), Android 16 lower-case
//!   hex digits (an Android ID), Windows 32 upper-case hex digits, macOS an upper-case hardware
//!   UUID. Devices whose registration is not completed have none (they have not enrolled in MDM;
//!   reach them by `deviceGuid`).
//! - An identifier is computed, not stored: its first 16 hex digits are a keyed permutation
//!   (a Feistel network keyed by the world seed) of the device id, so a lookup decodes it and
//!   checks the rest; 100,000 devices cost no memory and no index.

use super::reply::CpsError;
use crate::catalog::Platform;
use crate::state::{DeviceRec, World};
use std::fmt::Write;
use wire::cps::{IdentifierRequest, IdentifierType};

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn round(seed: u64, k: u64, half: u32) -> u32 {
    (splitmix(seed ^ (k << 40) ^ u64::from(half)) >> 32) as u32
}

const ROUNDS: u64 = 4;

/// The keyed permutation of a device id.
fn permute(seed: u64, id: u64) -> u64 {
    let (mut l, mut r) = ((id >> 32) as u32, id as u32);
    for k in 0..ROUNDS {
        (l, r) = (r, l ^ round(seed, k, r));
    }
    (u64::from(l) << 32) | u64::from(r)
}

/// The inverse of [`permute`].
fn unpermute(seed: u64, x: u64) -> u64 {
    let (mut l, mut r) = ((x >> 32) as u32, x as u32);
    for k in (0..ROUNDS).rev() {
        (l, r) = (r ^ round(seed, k, l), l);
    }
    (u64::from(l) << 32) | u64::from(r)
}

/// A value derived from the device's key (thumbprints, serials of the inventory).
pub fn derive(seed: u64, d: &DeviceRec, salt: u64) -> u64 {
    splitmix(permute(seed, d.id as u64) ^ salt.wrapping_mul(0xA24B_AED4_963E_E407))
}

/// The MDM identifier of a device; `None` until its registration is completed.
pub fn mdm_identifier(seed: u64, d: &DeviceRec) -> Option<String> {
    if d.pending() {
        return None;
    }
    let key = permute(seed, d.id as u64);
    let tail = splitmix(key);
    let mut s = String::with_capacity(40);
    let _ = match d.platform() {
        Platform::Ios => write!(s, "{key:016x}{tail:016x}{:08x}", splitmix(tail) >> 32),
        Platform::Android => write!(s, "{key:016x}"),
        Platform::Windows => write!(s, "{key:016X}{tail:016X}"),
        Platform::Macos => write!(
            s,
            "{:08X}-{:04X}-{:04X}-{:04X}-{:012X}",
            key >> 32,
            (key >> 16) & 0xFFFF,
            key & 0xFFFF,
            tail >> 48,
            tail & 0xFFFF_FFFF_FFFF
        ),
    };
    Some(s)
}

/// The device with this MDM identifier (any case; a macOS identifier with or without dashes).
pub fn by_mdm_identifier(w: &World, text: &str) -> Option<usize> {
    let t = text.trim();
    let hex: String = t.chars().filter(|&c| c != '-').collect();
    if !matches!(hex.len(), 16 | 32 | 40) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let key = u64::from_str_radix(&hex[..16], 16).ok()?;
    let id = unpermute(w.seed, key);
    let i = usize::try_from(id).ok()?.checked_sub(1)?;
    let d = w.devices.get(i).filter(|d| d.id as u64 == id)?;
    let own = mdm_identifier(w.seed, d)?;
    let own_hex: String = own.chars().filter(|&c| c != '-').collect();
    own_hex.eq_ignore_ascii_case(&hex).then_some(i)
}

/// How the identifiers of a request are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Mdm,
    Guid,
    /// `identifierType` left out: "the server assumes MDM identifiers"; a `deviceGuid` is found
    /// as well (the guide's own "Get devices by MDM or deviceGuid identifiers" example sends
    /// one without `identifierType`). The two forms cannot be confused.
    Either,
}

impl Kind {
    pub fn of(req: &IdentifierRequest) -> Kind {
        match req.identifier_type {
            Some(IdentifierType::MdmIdentifier) => Kind::Mdm,
            Some(IdentifierType::Guid) => Kind::Guid,
            _ => Kind::Either,
        }
    }
}

/// The device of one identifier.
pub fn find(w: &World, text: &str, kind: Kind) -> Option<usize> {
    match kind {
        Kind::Mdm => by_mdm_identifier(w, text),
        Kind::Guid => w.device_index(text),
        Kind::Either => by_mdm_identifier(w, text).or_else(|| w.device_index(text)),
    }
}

/// The devices of a request's identifiers, in request order, each once; invalid identifiers are
/// silently ignored ("This call silently ignores invalid device identifiers", CPS guide, "Get
/// application inventory" and every bulk call).
pub fn resolve(w: &World, req: &IdentifierRequest) -> Result<Vec<usize>, CpsError> {
    let kind = Kind::of(req);
    Ok(dedup(
        super::reply::identifiers(req)?
            .into_iter()
            .filter_map(|t| find(w, t, kind)),
    ))
}

/// Indices in first-seen order, each once.
pub fn dedup(it: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    it.filter(|i| seen.insert(*i)).collect()
}

/// `b0:65:bd:33:fe:2b` (CPS guide, "Device", `macAddress`).
pub fn colon_mac(mac: u64) -> String {
    let mut s = String::with_capacity(17);
    for i in (0..6).rev() {
        if i < 5 {
            s.push(':');
        }
        let _ = write!(s, "{:02x}", (mac >> (i * 8)) & 0xFF);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_permutation_inverts() {
        for seed in [0, 1, 42, u64::MAX] {
            for id in [0, 1, 2, 99_999, 100_000, u64::MAX] {
                assert_eq!(unpermute(seed, permute(seed, id)), id);
            }
        }
        assert_ne!(permute(1, 5), permute(2, 5));
    }

    #[test]
    fn identifiers_per_platform_round_trip() {
        let w = crate::seed::generate(400, 3);
        let mut seen = std::collections::HashSet::new();
        for (i, d) in w.devices.iter().enumerate() {
            let Some(id) = mdm_identifier(w.seed, d) else {
                assert!(d.pending());
                continue;
            };
            let want_len = match d.platform() {
                Platform::Ios => 40,
                Platform::Android => 16,
                Platform::Windows => 32,
                Platform::Macos => 36,
            };
            assert_eq!(id.len(), want_len, "{id}");
            assert_eq!(by_mdm_identifier(&w, &id), Some(i));
            assert_eq!(by_mdm_identifier(&w, &id.to_ascii_uppercase()), Some(i));
            assert!(seen.insert(id));
        }
        assert_eq!(by_mdm_identifier(&w, "0123456789abcdef"), None);
        assert_eq!(by_mdm_identifier(&w, "not an identifier"), None);
        assert_eq!(colon_mac(0xB065BD33FE2B), "b0:65:bd:33:fe:2b");
    }
}
