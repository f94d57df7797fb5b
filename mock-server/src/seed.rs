//! Deterministic world generation: the same `(devices, seed)` always gives the same world, whatever
//! the clock (dates are relative to [`REFERENCE_EPOCH_S`]) or the platform.
//!
//! Only compact per-device values are drawn here; details are rendered on demand
//! ([`crate::details`]) from a per-device seed, so 100,000 devices seed in a few tens of ms.

use crate::catalog::{self, Platform, COUNTRIES, MODELS, OPERATORS, OS_VERSIONS};
use crate::state::{Cond, DeviceRec, LabelRec, Membership, User, World, REFERENCE_EPOCH_S as REF};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeSet, HashMap, HashSet};
use wire::v1::DeviceStatus;

pub const MIN_DEVICES: usize = 10;
pub const MAX_DEVICES: usize = 100_000;

/// A demo account printed at start-up.
#[derive(Debug, Clone, Copy)]
pub struct DemoUser {
    pub username: &'static str,
    pub password: &'static str,
    pub description: &'static str,
}

/// The sign-in accounts of every seeded world.
pub const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        username: "admin",
        password: "admin1234",
        description: "administrator with the API role (ROLE_API) and the CPS role (ROLE_CPS)",
    },
    DemoUser {
        username: "jdoe",
        password: "abcd1234",
        description: "self-service user (ROLE_USER_PORTAL only: the V1 self-service calls on their own account and devices; other calls answer 401; CPS answers 403)",
    },
    DemoUser {
        username: "mobileapp",
        password: "mobile1234",
        description: "\"Mobile App\" role (ROLE_MOBILE_APP), accepted on V1 calls",
    },
    DemoUser {
        username: crate::uem::world::SAMPLE_USER,
        password: crate::uem::world::SAMPLE_PASSWORD,
        description: "the UEM overview's sample account: UEM self-service user without \"Manage user certificates\"; EPMM user portal (ROLE_USER_PORTAL)",
    },
];

const DAY: i64 = 86_400;

/// Statuses other than ACTIVE, in per mille of all devices (ACTIVE gets the remaining 800).
const STATUS_WEIGHTS: &[(DeviceStatus, u32)] = &[
    (DeviceStatus::Active, 800),
    (DeviceStatus::Retired, 60),
    (DeviceStatus::VerificationPending, 30),
    (DeviceStatus::Expired, 20),
    (DeviceStatus::Wiped, 15),
    (DeviceStatus::Lost, 15),
    (DeviceStatus::Blocked, 15),
    (DeviceStatus::Verified, 10),
    (DeviceStatus::RetirePending, 8),
    (DeviceStatus::IenrollComplete, 8),
    (DeviceStatus::IenrollVerified, 7),
    (DeviceStatus::IenrollInprogress, 7),
    (DeviceStatus::Infected, 5),
];

/// Out-of-compliance combinations (bits of V1 guide, "Compliance, quarantinedStatus, and
/// blockReason values"), drawn for ~10 % of connected devices.
const COMPLIANCE_COMBOS: &[u32] = &[
    0x10,          // policy out of date
    0x02,          // OS version below the supported one
    0x01,          // compromised
    0x40 | 0x1000, // disallowed app installed
    0x40 | 0x2000, // required app missing
    0x08,          // data protection off
    0x800,         // device admin deactivated / MDM profile removed
    0x10 | 0x02,   // policy out of date + old OS
    0x40 | 0x4000, // app not on the allowed list
    0x8000,        // user logged out
    0x10000,       // attestation failed
    0x10 | 0x20,   // policy out of date + out of contact
];

/// Bits that come with a quarantine action in the seeded compliance policy.
const QUARANTINE_BITS: u32 = 0x01 | 0x1000 | 0x2000 | 0x10000;

/// Generates a world of `devices` devices from `seed`.
pub fn generate(devices: usize, seed: u64) -> World {
    let n = devices;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);

    let (mut users, owners) = gen_users(n, &mut rng);
    let statuses = gen_statuses(n, &mut rng);
    let devices = gen_devices(&mut users, &owners, &statuses, &mut rng);
    let labels = gen_labels(&devices, &mut rng);
    let mut world = World::new(seed, devices, users, labels);
    crate::data::populate(&mut world);
    plant_payloads(&mut world);
    crate::uem::world::add_demo_users(&mut world);
    world
}

/// Hostile text a real directory or admin could put into names: HTML and script, and cells a
/// spreadsheet would run as formulas. The portal must show them as text and neutralise them in CSV
/// files (issue 8); the end2end suite looks for these exact strings.
pub const PAYLOAD_HTML_FIRST: &str = "<img src=x onerror=alert('xss-first')>";
pub const PAYLOAD_HTML_LAST: &str = "\"><script>alert('xss-last')</script>";
pub const PAYLOAD_FORMULA_FIRST: &str = "=HYPERLINK(\"http://evil.example/\",\"open\")";
pub const PAYLOAD_FORMULA_LAST: &str = "+SUM(1,1)";
pub const PAYLOAD_COMMENT: &str = "\"><svg onload=alert('xss-comment')>";
pub const PAYLOAD_LABEL: &str = "<i>Pilot</i> & \"Friends\"";
pub const PAYLOAD_LABEL_DESCRIPTION: &str = "@SUM(A1:A9) -2+3 <b>bold</b>";

/// Gives two device owners hostile names, comments the first one's devices, and adds a static
/// label named with markup. Deterministic: the owners of the last device and of the middle one.
fn plant_payloads(world: &mut World) {
    let n = world.devices.len();
    if n < 10 {
        return;
    }
    let html_user = world.devices[n - 1].owner;
    let formula_user = (n / 2..n - 1)
        .map(|i| world.devices[i].owner)
        .find(|&o| o != html_user && world.users[o as usize].principal != "jdoe");
    for (idx, (first, last)) in [
        (Some(html_user), (PAYLOAD_HTML_FIRST, PAYLOAD_HTML_LAST)),
        (formula_user, (PAYLOAD_FORMULA_FIRST, PAYLOAD_FORMULA_LAST)),
    ] {
        if let Some(u) = idx.and_then(|i| world.users.get_mut(i as usize)) {
            u.first_name = first.into();
            u.last_name = last.into();
        }
    }
    let mut members = BTreeSet::new();
    for (i, d) in world.devices.iter_mut().enumerate() {
        if d.owner == html_user {
            d.comment = PAYLOAD_COMMENT.into();
            members.insert(i);
        }
    }
    let id = world.labels.iter().map(|l| l.id).max().unwrap_or(0) + 1;
    world.labels.push(LabelRec {
        id,
        name: PAYLOAD_LABEL.into(),
        description: PAYLOAD_LABEL_DESCRIPTION.into(),
        membership: Membership::Static(members),
        is_es_search: Some(102),
    });
}

fn weighted<'a, T>(rng: &mut ChaCha8Rng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.gen_range(0..total.max(1));
    for (t, w) in items {
        if x < *w {
            return t;
        }
        x -= w;
    }
    &items[items.len() - 1].0
}

/// A random RFC 4122 version-4 uuid.
pub fn uuid_v4(rng: &mut impl Rng) -> String {
    let hi: u64 = (rng.gen::<u64>() & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000;
    let lo: u64 = (rng.gen::<u64>() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}

/// Login-name form of a name part: ASCII letters and digits, lower case (`Müller` → `muller`).
pub fn ascii_fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = match c {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
                'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Î' => 'i',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ö' | 'Ø' | 'ø' => 'o',
                'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ü' => 'u',
                'ñ' | 'Ñ' => 'n',
                'ç' | 'Ç' => 'c',
                c => c,
            };
            c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase())
        })
        .collect()
}

/// Users (demo accounts first, then device owners) and the owner index of every device.
fn gen_users(n: usize, rng: &mut ChaCha8Rng) -> (Vec<User>, Vec<u32>) {
    let country_weights: Vec<(usize, u32)> = COUNTRIES
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.weight))
        .collect();
    let mut users = Vec::with_capacity(n * 3 / 4 + 8);
    let all_roles = |roles: &[&str]| roles.iter().map(|r| r.to_string()).collect::<Vec<_>>();
    let created = |rng: &mut ChaCha8Rng| (REF - rng.gen_range(30 * DAY..1100 * DAY)) * 1000;
    users.push(User {
        id: 9001,
        uuid: uuid_v4(rng),
        principal: "admin".into(),
        first_name: "EPMM".into(),
        last_name: "Administrator".into(),
        email: "admin@example.com".into(),
        user_source: 76,
        password: Some("admin1234".into()),
        roles: all_roles(&[catalog::ADMIN_ROLES, &[catalog::ROLE_CPS]].concat()),
        created_at_ms: created(rng),
        enabled: true,
        country: catalog::US as u8,
    });
    users.push(User {
        id: 9002,
        uuid: uuid_v4(rng),
        principal: "mobileapp".into(),
        first_name: "Mobile".into(),
        last_name: "App".into(),
        email: "mobileapp@example.com".into(),
        user_source: 76,
        password: Some("mobile1234".into()),
        roles: all_roles(&[catalog::ROLE_MOBILE_APP]),
        created_at_ms: created(rng),
        enabled: true,
        country: catalog::US as u8,
    });

    let mut taken: HashMap<String, u32> = HashMap::with_capacity(n);
    taken.insert("admin".into(), 1);
    taken.insert("mobileapp".into(), 1);
    let mut owners: Vec<u32> = Vec::with_capacity(n);
    let mut remaining = n;
    let mut next_id = 10_001i64;
    while remaining > 0 {
        let want = match rng.gen_range(0..100) {
            0..=64 => 1,
            65..=89 => 2,
            _ => 3,
        };
        let k = want.min(remaining);
        remaining -= k;
        let idx = users.len() as u32;
        let user = if owners.is_empty() {
            // The guide's own example user (V1 guide, "Get Devices by Status" and "Update Password
            // for a User") owns the first devices and is the self-service account.
            taken.insert("jdoe".into(), 1);
            User {
                id: next_id,
                uuid: uuid_v4(rng),
                principal: "jdoe".into(),
                first_name: "Joe".into(),
                last_name: "Doe".into(),
                email: "jdoe@example.com".into(),
                user_source: 76,
                password: Some("abcd1234".into()),
                roles: all_roles(&[catalog::ROLE_USER_PORTAL]),
                created_at_ms: created(rng),
                enabled: true,
                country: catalog::US as u8,
            }
        } else {
            let first = catalog::FIRST_NAMES[rng.gen_range(0..catalog::FIRST_NAMES.len())];
            let last = catalog::LAST_NAMES[rng.gen_range(0..catalog::LAST_NAMES.len())];
            let base = format!(
                "{}{}",
                ascii_fold(first).chars().next().unwrap_or('x'),
                ascii_fold(last)
            );
            let count = taken.entry(base.clone()).or_insert(0);
            *count += 1;
            let principal = if *count == 1 {
                base
            } else {
                format!("{base}{count}")
            };
            let country = *weighted(rng, &country_weights);
            User {
                id: next_id,
                uuid: uuid_v4(rng),
                email: format!("{principal}@{}", COUNTRIES[country].email_domain),
                principal,
                first_name: first.into(),
                last_name: last.into(),
                user_source: if rng.gen_range(0..100) < 85 { 68 } else { 76 },
                password: None,
                roles: Vec::new(),
                created_at_ms: created(rng),
                enabled: rng.gen_range(0..100) < 98,
                country: country as u8,
            }
        };
        next_id += 1;
        users.push(user);
        owners.extend(std::iter::repeat_n(idx, k));
    }
    // Keep jdoe's devices first (ids 1..), shuffle the rest so a user's devices are spread out.
    let first = owners.first().copied();
    let jdoe_devices = owners.iter().take_while(|&&o| Some(o) == first).count();
    owners[jdoe_devices..].shuffle(rng);
    (users, owners)
}

/// Status of every device: ~80 % ACTIVE, and every one of the 13 statuses at least once when
/// there are at least 13 devices.
fn gen_statuses(n: usize, rng: &mut ChaCha8Rng) -> Vec<DeviceStatus> {
    let mut s: Vec<DeviceStatus> = (0..n).map(|_| *weighted(rng, STATUS_WEIGHTS)).collect();
    // Device 0 (jdoe's first, the guide's example device) is ACTIVE; each other status gets its
    // own slot in its own stride, so no slot is reused.
    if let Some(first) = s.first_mut() {
        *first = DeviceStatus::Active;
    }
    if n >= DeviceStatus::ALL.len() {
        let stride = n / DeviceStatus::ALL.len();
        for (k, st) in DeviceStatus::ALL.iter().enumerate().skip(1) {
            s[k * stride + rng.gen_range(0..stride)] = *st;
        }
    }
    s
}

pub(crate) fn luhn_digit(digits14: u64) -> u64 {
    // Luhn over the 14 payload digits; the check digit is appended on the right.
    let mut sum = 0;
    let mut v = digits14;
    let mut double = true;
    while v > 0 {
        let mut d = v % 10;
        if double {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
        double = !double;
        v /= 10;
    }
    (10 - sum % 10) % 10
}

fn gen_devices(
    users: &mut [User],
    owners: &[u32],
    statuses: &[DeviceStatus],
    rng: &mut ChaCha8Rng,
) -> Vec<DeviceRec> {
    let n = owners.len();
    let model_weights: Vec<(usize, u32)> = MODELS
        .iter()
        .enumerate()
        .map(|(i, m)| (i, m.weight))
        .collect();
    // OS versions each model can run.
    let os_choices: Vec<Vec<(usize, u32)>> = MODELS
        .iter()
        .map(|m| {
            OS_VERSIONS
                .iter()
                .enumerate()
                .filter(|(_, o)| {
                    o.platform == m.platform && o.major >= m.os_major.0 && o.major <= m.os_major.1
                })
                .map(|(i, o)| (i, o.weight))
                .collect()
        })
        .collect();
    // Operators of each country.
    let operator_choices: Vec<Vec<(usize, u32)>> = (0..COUNTRIES.len())
        .map(|c| {
            OPERATORS
                .iter()
                .enumerate()
                .filter(|(_, o)| o.country == Some(c))
                .map(|(i, o)| (i, o.weight))
                .collect()
        })
        .collect();

    let mut phones: HashSet<u64> = HashSet::with_capacity(n);
    let mut macs: HashSet<u64> = HashSet::with_capacity(n);
    let mut pda_seq: Vec<u8> = vec![0; users.len()];
    let mut out = Vec::with_capacity(n);

    for (i, (&owner, &status)) in owners.iter().zip(statuses).enumerate() {
        let country = users[owner as usize].country as usize;
        // jdoe's first device is an Android phone like the guide's example.
        let model_idx = if i == 0 {
            0
        } else {
            *weighted(rng, &model_weights)
        };
        let model = &MODELS[model_idx];
        let os = *weighted(rng, &os_choices[model_idx]);
        let client = rng.gen_range(0..catalog::client_versions(model.platform).len());

        let (operator, phone, imei) = if model.cellular {
            let op = *weighted(rng, &operator_choices[country]);
            let prefixes = COUNTRIES[country].prefixes;
            let phone = loop {
                let p = prefixes[rng.gen_range(0..prefixes.len())] as u64 * 10_000_000
                    + rng.gen_range(2_000_000..10_000_000u64);
                if phones.insert(p) {
                    break p;
                }
            };
            let tac: u64 = model.tac.parse().unwrap_or(35_000_000);
            let body = tac * 1_000_000 + rng.gen_range(0..1_000_000u64);
            (op, Some(phone), body * 10 + luhn_digit(body))
        } else {
            (catalog::PDA, None, 0)
        };
        let oui = u64::from_str_radix(model.oui, 16).unwrap_or(0x02_00_00);
        let mac = loop {
            let m = (oui << 24) | rng.gen_range(0..1u64 << 24);
            if macs.insert(m) {
                break m;
            }
        };
        let seq = if model.cellular {
            0
        } else {
            let s = &mut pda_seq[owner as usize];
            *s = s.saturating_add(1);
            *s
        };

        // Dates (epoch seconds), relative to the fixed reference date.
        let pending = matches!(
            status,
            DeviceStatus::VerificationPending | DeviceStatus::IenrollInprogress
        );
        let registered_at = if pending {
            REF - rng.gen_range(3600..14 * DAY)
        } else {
            REF - rng.gen_range(DAY..730 * DAY)
        };
        let last_connected_at = if pending {
            0
        } else if status == DeviceStatus::Active {
            let ago = match rng.gen_range(0..100) {
                0..=84 => rng.gen_range(60..3 * DAY),
                85..=94 => rng.gen_range(3 * DAY..30 * DAY),
                _ => rng.gen_range(30 * DAY..120 * DAY),
            };
            (REF - ago).max(registered_at + rng.gen_range(60..3600))
        } else {
            registered_at + rng.gen_range(60..(REF - registered_at).max(120))
        };
        let employee_owned = !model.rugged
            && matches!(model.platform, Platform::Android | Platform::Ios)
            && rng.gen_range(0..100) < 35;

        // Compliance bitmaps (V1 guide, "Compliance, quarantinedStatus, and blockReason values"),
        // only for devices that check in.
        let (mut compliance, mut quarantined, mut block) = (0u32, 0u32, 0u32);
        let connected = matches!(
            status,
            DeviceStatus::Active
                | DeviceStatus::Blocked
                | DeviceStatus::Infected
                | DeviceStatus::Lost
        );
        if connected {
            if REF - last_connected_at > 30 * DAY {
                compliance |= 0x20;
            }
            if rng.gen_range(0..100) < 10 {
                compliance |= COMPLIANCE_COMBOS[rng.gen_range(0..COMPLIANCE_COMBOS.len())];
            }
            if status == DeviceStatus::Infected {
                compliance |= 0x01;
            }
            quarantined = compliance & QUARANTINE_BITS;
            if compliance & (0x01 | 0x02 | 0x40) != 0 && rng.gen_range(0..2) == 0 {
                block = compliance & (0x01 | 0x02 | 0x40);
            }
        }
        if status == DeviceStatus::Blocked {
            block |= 0x200; // manually blocked
        }

        let (eas_uuid, eas_last_sync) = if model.cellular && rng.gen_range(0..100) < 60 {
            let sync = if last_connected_at > 0 {
                last_connected_at - rng.gen_range(0..6 * 3600)
            } else {
                registered_at
            };
            if status != DeviceStatus::Blocked && rng.gen_range(0..100) < 2 {
                block |= 0x400; // Exchange reported
            }
            (uuid_v4(rng), sync.max(registered_at))
        } else {
            (String::new(), 0)
        };
        let comment = if rng.gen_range(0..100) < 3 {
            catalog::COMMENTS[rng.gen_range(0..catalog::COMMENTS.len())].to_string()
        } else {
            String::new()
        };

        out.push(DeviceRec {
            id: i as i64 + 1,
            uuid: uuid_v4(rng),
            owner,
            model: model_idx as u16,
            os: os as u16,
            client: client as u8,
            operator: operator as u16,
            country: country as u8,
            status,
            compliance,
            quarantined_status: quarantined,
            block_reason: block,
            employee_owned,
            notify_user: rng.gen_range(0..100) < 90,
            language_country_id: if rng.gen_range(0..100) < 70 {
                0
            } else {
                COUNTRIES[country].id
            },
            phone,
            mac,
            imei,
            serial: rng.gen(),
            pda_seq: seq,
            registered_at,
            last_connected_at,
            eas_uuid,
            eas_last_sync,
            comment,
            detail_overrides: Vec::new(),
        });
    }
    out
}

fn dynamic(conds: Vec<Cond>) -> Membership {
    Membership::Dynamic(conds)
}

fn gen_labels(devices: &[DeviceRec], rng: &mut ChaCha8Rng) -> Vec<LabelRec> {
    let label = |id: i64, name: &str, description: &str, membership: Membership| LabelRec {
        id,
        name: name.into(),
        description: description.into(),
        is_es_search: Some(if matches!(membership, Membership::Static(_)) {
            102
        } else {
            116
        }),
        membership,
    };
    use Cond::*;
    let mut labels = vec![
        label(
            -1,
            "All-Smartphones",
            "Label for all devices irrespective of OS.",
            dynamic(vec![NotRetired]),
        ),
        label(
            -2,
            "Android",
            "Label for all Android devices.",
            dynamic(vec![Platform(catalog::Platform::Android), NotRetired]),
        ),
        label(
            -3,
            "iOS",
            "Label for all iOS devices.",
            dynamic(vec![Platform(catalog::Platform::Ios), NotRetired]),
        ),
        label(
            -4,
            "Windows",
            "Label for all Windows devices.",
            dynamic(vec![Platform(catalog::Platform::Windows), NotRetired]),
        ),
        label(
            -5,
            "macOS",
            "Label for all macOS devices.",
            dynamic(vec![Platform(catalog::Platform::Macos), NotRetired]),
        ),
        label(
            -6,
            "Company-Owned",
            "Label for all company-owned devices.",
            dynamic(vec![EmployeeOwned(false), NotRetired]),
        ),
        label(
            -7,
            "Employee-Owned",
            "Label for all employee-owned devices.",
            dynamic(vec![EmployeeOwned(true), NotRetired]),
        ),
    ];

    // Hand-assigned (static) labels, members drawn deterministically.
    let mut sales = BTreeSet::new();
    let mut execs = BTreeSet::new();
    let mut field = BTreeSet::new();
    let mut kiosks = BTreeSet::new();
    for (i, d) in devices.iter().enumerate() {
        let m = d.model();
        let roll = rng.gen_range(0..1000);
        if !m.rugged && roll < 40 {
            sales.insert(i);
        }
        if m.platform.is_apple() && !d.employee_owned && roll >= 990 {
            execs.insert(i);
        }
        if m.platform == catalog::Platform::Android
            && !d.employee_owned
            && (m.rugged || (100..180).contains(&roll))
        {
            field.insert(i);
        }
        if (m.rugged || (m.tablet && !d.employee_owned)) && (400..600).contains(&roll) {
            kiosks.insert(i);
        }
    }
    let mut pilot = BTreeSet::new();
    let want = (devices.len() / 50).clamp(1, 40);
    while pilot.len() < want {
        pilot.insert(rng.gen_range(0..devices.len()));
    }
    for set in [&mut sales, &mut execs, &mut field, &mut kiosks] {
        if set.is_empty() && !devices.is_empty() {
            set.insert(rng.gen_range(0..devices.len()));
        }
    }
    let stat = Membership::Static;
    labels.extend([
        label(1, "Sales", "Sales team devices.", stat(sales)),
        label(
            2,
            "Executives",
            "Executive staff; white-glove support.",
            stat(execs),
        ),
        label(
            3,
            "Field Ops",
            "Field operations and warehouse devices.",
            stat(field),
        ),
        label(
            4,
            "Pilot Group",
            "Early adopters for new policies and app versions.",
            stat(pilot),
        ),
        label(
            5,
            "Kiosks",
            "Shared kiosk and single-app devices.",
            stat(kiosks),
        ),
        label(
            6,
            "Samsung",
            "All Samsung devices (Knox policies).",
            dynamic(vec![Manufacturer("Samsung"), NotRetired]),
        ),
        label(
            7,
            "Non-Compliant",
            "Devices currently out of compliance.",
            dynamic(vec![NonCompliant, NotRetired]),
        ),
        label(
            8,
            "International",
            "Devices registered outside the United States.",
            dynamic(vec![CountryNot("United States"), NotRetired]),
        ),
        label(
            9,
            "Decommissioned",
            "Devices waiting for disposal (currently none).",
            stat(BTreeSet::new()),
        ),
    ]);
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_planted() {
        let w = generate(50, 1);
        let html = w
            .users
            .iter()
            .find(|u| u.first_name == PAYLOAD_HTML_FIRST)
            .unwrap();
        assert_eq!(html.last_name, PAYLOAD_HTML_LAST);
        assert!(w
            .users
            .iter()
            .any(|u| u.first_name == PAYLOAD_FORMULA_FIRST));
        assert!(w.devices.iter().any(|d| d.comment == PAYLOAD_COMMENT));
        let label = w.labels.iter().find(|l| l.name == PAYLOAD_LABEL).unwrap();
        assert!(label.is_static());
        // Logins stay ordinary: only display text is hostile.
        assert!(html.principal.chars().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn luhn_check_digit() {
        // 49015420323751 + check digit 8 is a well-known valid IMEI.
        assert_eq!(luhn_digit(49_015_420_323_751), 8);
    }

    #[test]
    fn folding() {
        assert_eq!(ascii_fold("Müller"), "muller");
        assert_eq!(ascii_fold("O'Brien"), "obrien");
        assert_eq!(ascii_fold("Élodie"), "elodie");
    }

    #[test]
    fn uuid_shape() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let u = uuid_v4(&mut rng);
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"));
    }
}
