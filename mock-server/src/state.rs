//! The mock's world (devices, users, labels) and the shared application state around it.
//!
//! Devices are stored compactly ([`DeviceRec`]: indices into [`crate::catalog`] plus the few values
//! that are unique per device); the wire form and the platform `details` are rendered on demand
//! (`crate::v1::devices::to_wire`, `crate::details`). Every change goes through
//! [`AppState::write`], whose guard bumps a version counter when dropped, so cached response bodies
//! ([`crate::cache`]) are never served stale.

use crate::cache::ResponseCache;
use crate::catalog::{self, Country, Model, Operator, OsVersion, Platform};
use crate::faults::Faults;
use crate::records::{
    AlertRec, AppSettingRec, DeviceExtra, EasRec, LogEntry, PolicyRec, WorldData,
};
use std::collections::{BTreeSet, HashMap};
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use wire::v1::{DeviceStatus, Entry};

/// The fixed "now" of the seeded data: 2026-11-01T00:00:00Z. Dates are generated relative to it so
/// the data does not depend on the clock.
pub const REFERENCE_EPOCH_S: i64 = 1_793_491_200;

/// One device. Devices are never removed (V1 has no delete), so a device's index in
/// [`World::devices`] is stable and is what label membership stores.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceRec {
    /// `id` attribute; `index + 1`.
    pub id: i64,
    pub uuid: String,
    /// Index into [`World::users`].
    pub owner: u32,
    /// Index into [`catalog::MODELS`].
    pub model: u16,
    /// Index into [`catalog::OS_VERSIONS`].
    pub os: u16,
    /// Index into [`catalog::client_versions`] of the platform.
    pub client: u8,
    /// Index into [`catalog::OPERATORS`] ([`catalog::PDA`] for Wi-Fi-only devices).
    pub operator: u16,
    /// Index into [`catalog::COUNTRIES`].
    pub country: u8,
    pub status: DeviceStatus,
    pub compliance: u32,
    pub quarantined_status: u32,
    pub block_reason: u32,
    pub employee_owned: bool,
    pub notify_user: bool,
    pub language_country_id: i64,
    /// 10 digits; `None` for Wi-Fi-only (`PDA`) devices.
    pub phone: Option<u64>,
    /// Wi-Fi MAC, 48 bits.
    pub mac: u64,
    /// 15-digit IMEI (with Luhn check digit); 0 for Wi-Fi-only devices.
    pub imei: u64,
    /// Raw value the manufacturer-specific serial number is formatted from.
    pub serial: u64,
    /// `n` of the `PDA n` suffix of a Wi-Fi-only device's name.
    pub pda_seq: u8,
    pub registered_at: i64,
    /// Epoch seconds; 0 = never connected (registration pending).
    pub last_connected_at: i64,
    /// ActiveSync association; empty when the device has none.
    pub eas_uuid: String,
    pub eas_last_sync: i64,
    pub comment: String,
    /// Detail values set by later actions (e.g. roaming), applied over the generated details.
    pub detail_overrides: Vec<Entry>,
}

impl DeviceRec {
    pub fn model(&self) -> &'static Model {
        &catalog::MODELS[self.model as usize]
    }
    pub fn os(&self) -> &'static OsVersion {
        &catalog::OS_VERSIONS[self.os as usize]
    }
    pub fn platform(&self) -> Platform {
        self.model().platform
    }
    pub fn operator(&self) -> &'static Operator {
        &catalog::OPERATORS[self.operator as usize]
    }
    pub fn country(&self) -> &'static Country {
        &catalog::COUNTRIES[self.country as usize]
    }
    pub fn client_version(&self) -> &'static str {
        catalog::client_versions(self.platform())[self.client as usize]
    }
    pub fn is_pda(&self) -> bool {
        self.operator as usize == catalog::PDA
    }
    pub fn retired(&self) -> bool {
        self.status == DeviceStatus::Retired
    }
    /// Registration not completed yet: the guide says `details` is empty then (V1 guide, the
    /// response examples of "Get Devices by Status" and "Get Device details for a specific
    /// device").
    pub fn pending(&self) -> bool {
        matches!(
            self.status,
            DeviceStatus::VerificationPending | DeviceStatus::IenrollInprogress
        )
    }
    /// `mdmManaged`: "This field applies only to iOS devices. For other devices, the value is
    /// always false." (V1 guide, the response examples of "Get Devices by Status" and "Get Device
    /// details for a specific device"); true while the device is enrolled and its MDM profile is in
    /// place (compliance bit 0x800 clear).
    pub fn mdm_managed(&self) -> bool {
        self.platform() == Platform::Ios
            && self.compliance & 0x800 == 0
            && matches!(
                self.status,
                DeviceStatus::Active
                    | DeviceStatus::Blocked
                    | DeviceStatus::Lost
                    | DeviceStatus::Infected
                    | DeviceStatus::IenrollComplete
                    | DeviceStatus::Verified
            )
    }
    /// `AB12CD34EF56`.
    pub fn mac_string(&self) -> String {
        format!("{:012X}", self.mac)
    }
    pub fn phone_string(&self) -> String {
        self.phone.map(|p| format!("{p:010}")).unwrap_or_default()
    }
    pub fn imei_string(&self) -> String {
        if self.imei == 0 {
            String::new()
        } else {
            format!("{:015}", self.imei)
        }
    }
    /// Manufacturer-style serial number, derived from [`DeviceRec::serial`].
    pub fn serial_string(&self) -> String {
        const APPLE: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let enc = |alphabet: &[u8], len: usize, mut v: u64| -> String {
            let mut s = vec![b'0'; len];
            for c in s.iter_mut().rev() {
                *c = alphabet[(v % alphabet.len() as u64) as usize];
                v /= alphabet.len() as u64;
            }
            String::from_utf8(s).unwrap_or_default()
        };
        let m = self.model();
        match m.manufacturer {
            "Apple" => enc(APPLE, 12, self.serial),
            "Samsung" => format!("R5{}", enc(ALNUM, 9, self.serial)),
            "Google" => enc(ALNUM, 14, self.serial),
            "Motorola" => format!("ZY{}", enc(ALNUM, 8, self.serial)),
            "Zebra Technologies" => format!("{:014}", self.serial % 100_000_000_000_000),
            "Microsoft Corporation" => format!("{:012}", self.serial % 1_000_000_000_000),
            "Dell Inc." => enc(ALNUM, 7, self.serial),
            _ => format!("PF{}", enc(ALNUM, 6, self.serial)),
        }
    }
}

/// A user: device owners (mostly LDAP) and the demo accounts.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: i64,
    pub uuid: String,
    /// Login name, lower case.
    pub principal: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// 76 = local, 68 = LDAP (V1 guide, "Get Devices by Status": `userSource` in the response
    /// example).
    pub user_source: i64,
    /// Only users with a password can sign in.
    pub password: Option<String>,
    pub roles: Vec<String>,
    pub created_at_ms: i64,
    pub enabled: bool,
    /// Index into [`catalog::COUNTRIES`].
    pub country: u8,
}

impl User {
    pub fn display_name(&self) -> String {
        match (self.first_name.is_empty(), self.last_name.is_empty()) {
            (false, false) => format!("{} {}", self.first_name, self.last_name),
            (false, true) => self.first_name.clone(),
            (true, false) => self.last_name.clone(),
            (true, true) => self.principal.clone(),
        }
    }
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }
}

/// One condition of a dynamic label; a label's conditions are AND-ed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cond {
    Platform(Platform),
    EmployeeOwned(bool),
    NotRetired,
    Manufacturer(&'static str),
    /// Country name is not this one.
    CountryNot(&'static str),
    /// `compliance` is not 0.
    NonCompliant,
}

impl Cond {
    pub fn matches(&self, d: &DeviceRec) -> bool {
        match self {
            Cond::Platform(p) => d.platform() == *p,
            Cond::EmployeeOwned(e) => d.employee_owned == *e,
            Cond::NotRetired => !d.retired(),
            Cond::Manufacturer(m) => d.model().manufacturer == *m,
            Cond::CountryNot(c) => d.country().name != *c,
            Cond::NonCompliant => d.compliance != 0,
        }
    }
    /// The criteria in EPMM's advanced-search syntax, as in the guide's `query` (V1 guide, "Get all
    /// Labels": the response example).
    pub fn query(&self) -> String {
        match self {
            Cond::Platform(p) => format!("\"common.platform\"=\"{}\"", p.family()),
            Cond::EmployeeOwned(true) => "\"common.owner\"=\"EMPLOYEE\"".into(),
            Cond::EmployeeOwned(false) => "\"common.owner\"=\"COMPANY\"".into(),
            Cond::NotRetired => "\"common.retired\"=false".into(),
            Cond::Manufacturer(m) => format!("\"common.manufacturer\"=\"{m}\""),
            Cond::CountryNot(c) => format!("\"common.country_name\"!=\"{c}\""),
            Cond::NonCompliant => "\"common.compliant\"=false".into(),
        }
    }
}

/// How a label gets its devices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Membership {
    /// Assigned by hand (`staticLabel` true); indices into [`World::devices`].
    Static(BTreeSet<usize>),
    /// Computed from device fields (`staticLabel` false), so it stays true after state changes.
    Dynamic(Vec<Cond>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRec {
    /// Negative for the default labels, positive for admin-created ones (V1 guide, "Get all
    /// Labels": the response example).
    pub id: i64,
    pub name: String,
    pub description: String,
    pub membership: Membership,
    pub is_es_search: Option<i64>,
}

impl LabelRec {
    pub fn is_static(&self) -> bool {
        matches!(self.membership, Membership::Static(_))
    }
    pub fn query(&self) -> String {
        match &self.membership {
            Membership::Static(_) => String::new(),
            Membership::Dynamic(conds) => conds
                .iter()
                .map(Cond::query)
                .collect::<Vec<_>>()
                .join(" AND "),
        }
    }
    pub fn contains(&self, index: usize, d: &DeviceRec) -> bool {
        match &self.membership {
            Membership::Static(set) => set.contains(&index),
            Membership::Dynamic(conds) => conds.iter().all(|c| c.matches(d)),
        }
    }
}

/// A fast, non-cryptographic hasher (the FxHash mix) for the world's indexes: their keys come
/// from seeded data, and SipHash made indexing 100,000 devices several times slower.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_i64(&mut self, i: i64) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Index<K> = HashMap<K, usize, FastHash>;

/// Everything the mock knows.
#[derive(Debug, Clone, PartialEq)]
pub struct World {
    /// The seed the world was generated from (also seeds the per-device detail values).
    pub seed: u64,
    pub devices: Vec<DeviceRec>,
    pub users: Vec<User>,
    pub labels: Vec<LabelRec>,
    pub policies: Vec<PolicyRec>,
    pub app_settings: Vec<AppSettingRec>,
    pub alerts: Vec<AlertRec>,
    pub eas: Vec<EasRec>,
    /// What actions left on devices (index into `devices` → extra state); sparse.
    pub extras: HashMap<usize, DeviceExtra>,
    /// The mock clock (epoch ms): starts at [`REFERENCE_EPOCH_S`] and advances one second per
    /// [`World::tick`], so state changes get deterministic, increasing times.
    pub clock_ms: i64,
    /// What only the CPS API knows (`crate::cps::world`); sparse.
    pub cps: crate::cps::world::CpsWorld,
    by_uuid: Index<String>,
    by_principal: Index<String>,
    by_email: Index<String>,
    by_mac: Index<u64>,
    by_phone: Index<u64>,
    eas_by_uuid: Index<String>,
    alert_by_id: Index<i64>,
}

impl World {
    pub fn new(
        seed: u64,
        devices: Vec<DeviceRec>,
        users: Vec<User>,
        labels: Vec<LabelRec>,
    ) -> Self {
        let mut w = World {
            seed,
            devices: Vec::with_capacity(devices.len()),
            users: Vec::with_capacity(users.len()),
            labels,
            policies: Vec::new(),
            app_settings: Vec::new(),
            alerts: Vec::new(),
            eas: Vec::new(),
            extras: HashMap::new(),
            clock_ms: REFERENCE_EPOCH_S * 1000,
            cps: Default::default(),
            by_uuid: Index::with_capacity_and_hasher(devices.len(), FastHash),
            by_principal: Index::with_capacity_and_hasher(users.len(), FastHash),
            by_email: Index::with_capacity_and_hasher(users.len(), FastHash),
            by_mac: Index::with_capacity_and_hasher(devices.len(), FastHash),
            by_phone: Index::with_capacity_and_hasher(devices.len(), FastHash),
            eas_by_uuid: Index::default(),
            alert_by_id: Index::default(),
        };
        for u in users {
            w.push_user(u);
        }
        for d in devices {
            w.push_device(d);
        }
        w
    }

    /// Adds the policies, app settings, alerts and ActiveSync records, and indexes them.
    pub fn install(&mut self, data: WorldData) {
        self.policies = data.policies;
        self.app_settings = data.app_settings;
        self.alerts = data.alerts;
        self.eas = data.eas;
        self.eas_by_uuid = self
            .eas
            .iter()
            .enumerate()
            .map(|(i, e)| (e.uuid.clone(), i))
            .collect();
        self.alert_by_id = self
            .alerts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
    }

    /// Advances the mock clock by one second and returns it (epoch ms).
    pub fn tick(&mut self) -> i64 {
        self.clock_ms += 1000;
        self.clock_ms
    }

    /// Index of the device with this uuid (case-insensitive).
    pub fn device_index(&self, uuid: &str) -> Option<usize> {
        self.by_uuid
            .get(uuid)
            .or_else(|| self.by_uuid.get(&uuid.trim().to_ascii_lowercase()))
            .copied()
    }
    pub fn device(&self, uuid: &str) -> Option<&DeviceRec> {
        self.device_index(uuid).map(|i| &self.devices[i])
    }
    /// Index of the device with this Wi-Fi MAC (any spelling). Devices whose registration is
    /// pending have not reported their MAC yet and are not found.
    pub fn device_index_by_mac(&self, mac: &str) -> Option<usize> {
        let hex = wire::v1::normalize_mac(mac);
        if hex.len() != 12 {
            return None;
        }
        let m = u64::from_str_radix(&hex, 16).ok()?;
        self.by_mac
            .get(&m)
            .copied()
            .filter(|&i| !self.devices[i].pending())
    }
    /// Index of the device with this phone number: digits only; a longer number is matched on its
    /// last 10 digits, so a leading country code such as the `1` of the guide's examples works
    /// (V1 guide, "Phone Number Formats" excludes the country code, its examples have it).
    pub fn device_index_by_phone(&self, phone: &str) -> Option<usize> {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        if digits.len() < 10 {
            return None;
        }
        let tail = &digits[digits.len() - 10..];
        self.by_phone.get(&tail.parse::<u64>().ok()?).copied()
    }
    pub fn owner(&self, d: &DeviceRec) -> &User {
        &self.users[d.owner as usize]
    }
    /// Index of the user with this login name (case-insensitive).
    pub fn user_index(&self, principal: &str) -> Option<usize> {
        self.by_principal
            .get(principal)
            .or_else(|| {
                self.by_principal
                    .get(&principal.trim().to_ascii_lowercase())
            })
            .copied()
    }
    /// The user with this login name (case-insensitive).
    pub fn user(&self, principal: &str) -> Option<&User> {
        self.user_index(principal).map(|i| &self.users[i])
    }
    /// The user with this login name or email address (exact, case-insensitive; V1 guide, "Find a
    /// User").
    pub fn user_by_name_or_email(&self, key: &str) -> Option<usize> {
        self.user_index(key)
            .or_else(|| self.by_email.get(&key.trim().to_ascii_lowercase()).copied())
    }
    /// Indices of the user's devices, in device order.
    pub fn devices_of(&self, user: usize) -> Vec<usize> {
        self.devices
            .iter()
            .enumerate()
            .filter(|(_, d)| d.owner as usize == user)
            .map(|(i, _)| i)
            .collect()
    }
    /// The label with this name: exact match first, then case-insensitive.
    pub fn label(&self, name: &str) -> Option<&LabelRec> {
        self.labels.iter().find(|l| l.name == name).or_else(|| {
            self.labels
                .iter()
                .find(|l| l.name.eq_ignore_ascii_case(name.trim()))
        })
    }
    pub fn label_by_id(&self, id: i64) -> Option<&LabelRec> {
        self.labels.iter().find(|l| l.id == id)
    }
    /// Indices of the label's devices, in device order.
    pub fn label_members(&self, label: &LabelRec) -> Vec<usize> {
        match &label.membership {
            Membership::Static(set) => set
                .iter()
                .copied()
                .filter(|&i| i < self.devices.len())
                .collect(),
            Membership::Dynamic(conds) => self
                .devices
                .iter()
                .enumerate()
                .filter(|(_, d)| conds.iter().all(|c| c.matches(d)))
                .map(|(i, _)| i)
                .collect(),
        }
    }
    pub fn label_count(&self, label: &LabelRec) -> usize {
        match &label.membership {
            Membership::Static(set) => set.iter().filter(|&&i| i < self.devices.len()).count(),
            Membership::Dynamic(conds) => self
                .devices
                .iter()
                .filter(|d| conds.iter().all(|c| c.matches(d)))
                .count(),
        }
    }
    /// Ids of the labels the device is in.
    pub fn labels_of(&self, index: usize) -> Vec<i64> {
        let d = &self.devices[index];
        self.labels
            .iter()
            .filter(|l| l.contains(index, d))
            .map(|l| l.id)
            .collect()
    }
    /// Adds a device and indexes it; returns its index.
    pub fn push_device(&mut self, d: DeviceRec) -> usize {
        let i = self.devices.len();
        self.by_uuid.insert(d.uuid.clone(), i);
        self.by_mac.insert(d.mac, i);
        if let Some(p) = d.phone {
            self.by_phone.insert(p, i);
        }
        self.devices.push(d);
        i
    }
    /// Adds a user and indexes it; returns its index.
    pub fn push_user(&mut self, u: User) -> usize {
        let i = self.users.len();
        self.by_principal.insert(u.principal.clone(), i);
        self.by_email
            .entry(u.email.to_ascii_lowercase())
            .or_insert(i);
        self.users.push(u);
        i
    }
    /// Index of the ActiveSync record with this uuid (case-insensitive).
    pub fn eas_index(&self, uuid: &str) -> Option<usize> {
        self.eas_by_uuid
            .get(uuid)
            .or_else(|| self.eas_by_uuid.get(&uuid.trim().to_ascii_lowercase()))
            .copied()
    }
    pub fn alert_index(&self, id: i64) -> Option<usize> {
        self.alert_by_id.get(&id).copied()
    }
    /// The extra state of a device, created on first use.
    pub fn extra_mut(&mut self, index: usize) -> &mut DeviceExtra {
        self.extras.entry(index).or_default()
    }
    /// Appends to a device's action log at the current mock time.
    pub fn log(&mut self, index: usize, action: &str, by: &str, detail: &str, ok: bool) {
        let at_ms = self.clock_ms;
        self.extra_mut(index).log.push(LogEntry {
            at_ms,
            action: action.to_string(),
            by: by.to_string(),
            detail: detail.to_string(),
            ok,
        });
    }
}

/// The state shared by all handlers.
#[derive(Debug)]
pub struct AppState {
    world: RwLock<World>,
    version: AtomicU64,
    /// Serialised response bodies, valid for one [`AppState::version`].
    pub cache: ResponseCache,
    /// The built portal (`--dist`).
    pub dist: PathBuf,
    /// `(devices, seed)` of the world at start: what `POST /_mock/reset` regenerates.
    pub initial: (usize, u64),
    /// Fault injection for `/api` requests (`--latency-ms`, `--fail-rate`, `--malformed`,
    /// `POST /_mock/faults`).
    pub faults: RwLock<Faults>,
    /// The faults set at start, restored by `POST /_mock/reset`.
    pub start_faults: RwLock<Faults>,
    /// Draws for `failRate` (deterministic per seed).
    pub fault_rng: Mutex<rand_chacha::ChaCha8Rng>,
    /// Whether `/_mock/*` is served (`--test-hooks`).
    pub test_hooks: AtomicBool,
    /// Per-user request budget on `/api` (`--rate-limit`).
    pub rate_limiter: crate::security::RateLimiter,
    /// The CZERTAINLY SCEP profile world and settings ([`crate::czertainly`]).
    pub czertainly: crate::czertainly::CzState,
    /// CPS settings and rate-limit windows (`--cps-*`).
    pub cps: crate::cps::CpsRuntime,
    /// The BlackBerry UEM state (`crate::uem`), generated from the world.
    pub uem: crate::uem::UemState,
    /// Keys laid over the portal's `config.json` when it is served (`--portal-backend`,
    /// `--portal-pki`): which server the portal talks to.
    pub portal_config: RwLock<serde_json::Map<String, serde_json::Value>>,
}

pub type SharedState = Arc<AppState>;

impl AppState {
    pub fn new(world: World, dist: impl Into<PathBuf>) -> SharedState {
        use rand::SeedableRng;
        let initial = (world.devices.len(), world.seed);
        let uem = crate::uem::UemState::new(&world);
        Arc::new(AppState {
            fault_rng: Mutex::new(rand_chacha::ChaCha8Rng::seed_from_u64(world.seed ^ 0xFA17)),
            world: RwLock::new(world),
            version: AtomicU64::new(1),
            cache: ResponseCache::default(),
            dist: dist.into(),
            initial,
            faults: RwLock::new(Faults::default()),
            start_faults: RwLock::new(Faults::default()),
            test_hooks: AtomicBool::new(false),
            rate_limiter: crate::security::RateLimiter::default(),
            czertainly: crate::czertainly::CzState::default(),
            cps: crate::cps::CpsRuntime::default(),
            uem,
            portal_config: RwLock::new(serde_json::Map::new()),
        })
    }

    /// Serves `/_mock/*` (call before [`crate::app`]).
    pub fn enable_test_hooks(&self) {
        self.test_hooks.store(true, Ordering::Release);
    }

    pub fn test_hooks_enabled(&self) -> bool {
        self.test_hooks.load(Ordering::Acquire)
    }

    /// The current fault settings.
    pub fn faults(&self) -> Faults {
        self.faults
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Replaces the fault settings.
    pub fn set_faults(&self, f: Faults) {
        *self.faults.write().unwrap_or_else(|e| e.into_inner()) = f;
    }

    /// Sets the faults in force at start (and after `POST /_mock/reset`).
    pub fn set_start_faults(&self, f: Faults) {
        *self.start_faults.write().unwrap_or_else(|e| e.into_inner()) = f.clone();
        self.set_faults(f);
    }

    /// Regenerates the world (and the CZERTAINLY world) as at start and restores the start
    /// faults.
    pub fn reset(&self) {
        let (n, seed) = self.initial;
        let fresh = crate::seed::generate(n, seed);
        self.uem.reset(&fresh);
        *self.write() = fresh;
        self.czertainly.reset();
        self.cps.reset();
        let f = self
            .start_faults
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        self.set_faults(f);
    }

    /// A freshly seeded world (see [`crate::seed::generate`]).
    pub fn seeded(devices: usize, seed: u64, dist: impl Into<PathBuf>) -> SharedState {
        Self::new(crate::seed::generate(devices, seed), dist)
    }

    pub fn read(&self) -> RwLockReadGuard<'_, World> {
        self.world.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Write access; the version is bumped when the guard is dropped (while still holding the
    /// lock), which invalidates every cached body.
    pub fn write(&self) -> WorldWriteGuard<'_> {
        WorldWriteGuard {
            guard: self.world.write().unwrap_or_else(|e| e.into_inner()),
            version: &self.version,
        }
    }

    /// The state version. Read it while holding [`AppState::read`] to tie it to what was read.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }
}

pub struct WorldWriteGuard<'a> {
    guard: RwLockWriteGuard<'a, World>,
    version: &'a AtomicU64,
}

impl Deref for WorldWriteGuard<'_> {
    type Target = World;
    fn deref(&self) -> &World {
        &self.guard
    }
}

impl DerefMut for WorldWriteGuard<'_> {
    fn deref_mut(&mut self) -> &mut World {
        &mut self.guard
    }
}

impl Drop for WorldWriteGuard<'_> {
    fn drop(&mut self) {
        // Runs before the lock guard field is dropped, so readers never see new data with an old
        // version.
        self.version.fetch_add(1, Ordering::AcqRel);
    }
}
