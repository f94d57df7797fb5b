//! The device `details` key/value entries (V1 guide, "Android Details Key-Value Descriptions" and
//! "iOS Details Key-Value Descriptions"), rendered on demand.
//!
//! - [`lean`]: the handful of keys every device carries in list answers (model, OS, client version,
//!   Wi-Fi MAC, IMEI, serial number), so a 100k list stays small.
//! - [`full`]: the single-device answer, a realistic platform set of 15-45 keys.
//!
//! Values not stored on the device (battery, storage, location, tokens...) come from a per-device
//! random generator seeded by the world seed and the device id, so they are the same on every call.
//! [`crate::state::DeviceRec::detail_overrides`] are applied last (in lists they only replace
//! values, so list answers keep their size). A device whose registration is
//! pending has no details at all (V1 guide, the response examples of "Get Devices by Status" and
//! "Get Device details for a specific device").

use crate::catalog::Platform;
use crate::state::{DeviceRec, User, World};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wire::v1::Entry;

struct Out(Vec<Entry>);

impl Out {
    fn put(&mut self, k: &str, v: impl Into<String>) {
        self.0.push(Entry::new(k, v));
    }
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn device_rng(world_seed: u64, id: i64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(splitmix(world_seed ^ splitmix(id as u64)))
}

fn hex(rng: &mut ChaCha8Rng, len: usize) -> String {
    const H: &[u8] = b"0123456789abcdef";
    (0..len).map(|_| H[rng.gen_range(0..16)] as char).collect()
}

/// `b8:ff:61:7f:79:26` (the iOS `iPhone MAC_ADDRESS_EN0` form).
fn colon_mac(mac: u64) -> String {
    (0..6)
        .rev()
        .map(|i| format!("{:02x}", (mac >> (i * 8)) & 0xFF))
        .collect::<Vec<_>>()
        .join(":")
}

/// `01 253700 080472 1` (the iOS `iPhone IMEI` / `ImeiOrMeid` form).
fn spaced_imei(imei: &str) -> String {
    if imei.len() != 15 {
        return imei.to_string();
    }
    format!(
        "{} {} {} {}",
        &imei[0..2],
        &imei[2..8],
        &imei[8..14],
        &imei[14..]
    )
}

/// The `Mobile@Work`-style MB value with an `M` suffix (`475.93M`, as the examples of V1 guide,
/// "Android Details Key-Value Descriptions" show, although its text says "Number in bytes").
fn mega(bytes: u64) -> String {
    format!("{:.2}M", bytes as f64 / 1_048_576.0)
}

fn wifi_key(p: Platform) -> &'static str {
    match p {
        Platform::Ios | Platform::Macos => "WiFiMAC",
        Platform::Android | Platform::Windows => "wifi_mac_addr",
    }
}

fn client_key(p: Platform) -> &'static str {
    // `Client_version` on iOS (V1 guide, "iOS Details Key-Value Descriptions") and in the guide's
    // examples, `client_version` in the Android table ("Android Details Key-Value Descriptions").
    match p {
        Platform::Ios | Platform::Macos => "Client_version",
        Platform::Android | Platform::Windows => "client_version",
    }
}

fn os_version_value(d: &DeviceRec) -> String {
    let os = d.os();
    match d.platform() {
        Platform::Android => os.build.to_string(), // SDK level, e.g. 34
        Platform::Ios => format!("iPhone OS {} ({})", os.version, os.build),
        Platform::Macos => format!("macOS {} ({})", os.version, os.build),
        Platform::Windows => os.build.to_string(),
    }
}

fn platform_name(d: &DeviceRec) -> String {
    match d.platform() {
        Platform::Android => d.os().version.to_string(),
        // "For all iOS devices: iPhone" (V1 guide, "iOS Details Key-Value Descriptions")
        Platform::Ios => "iPhone".to_string(),
        Platform::Macos => "macOS".to_string(),
        Platform::Windows => d.os().platform_string(),
    }
}

/// The list-answer details: 6-7 keys.
pub fn lean(d: &DeviceRec) -> Vec<Entry> {
    if d.pending() {
        return Vec::new();
    }
    let p = d.platform();
    let m = d.model();
    let mut o = Out(Vec::with_capacity(7));
    o.put(
        "device_model",
        if p == Platform::Android {
            m.hw
        } else {
            m.model
        },
    );
    o.put("platform_name", platform_name(d));
    o.put(client_key(p), d.client_version());
    o.put("os_version", os_version_value(d));
    o.put(wifi_key(p), d.mac_string());
    if d.imei != 0 {
        o.put("imei", d.imei_string());
    }
    o.put("SerialNumber", d.serial_string());
    // Lists stay lean: overrides replace values but add no keys.
    let mut v = o.0;
    for e in &d.detail_overrides {
        if let Some(x) = v.iter_mut().find(|x| x.key == e.key) {
            x.value = e.value.clone();
        }
    }
    v
}

/// The single-device details: the platform's full set.
pub fn full(world: &World, d: &DeviceRec) -> Vec<Entry> {
    if d.pending() {
        return Vec::new();
    }
    let mut rng = device_rng(world.seed, d.id);
    let user = world.owner(d);
    let out = match d.platform() {
        Platform::Android => android(d, &mut rng),
        Platform::Ios => ios(world.seed, d, user, &mut rng),
        Platform::Windows => windows(d, &mut rng),
        Platform::Macos => macos(d, user, &mut rng),
    };
    let mut v = apply_overrides(d, out.0);
    // A fix taken by `locate?locatenow=true` replaces the location keys (as for V1 guide, "Enable
    // Roaming": the details show the device's current state).
    let fix = world
        .device_index(&d.uuid)
        .and_then(|i| world.extras.get(&i))
        .and_then(|x| x.fix);
    if let Some(f) = fix.filter(|f| f.result != wire::v1::LookupResult::LookupFailure) {
        for (k, val) in [
            ("latitude", format!("{:.6}", f.lat)),
            ("longitude", format!("{:.6}", f.lon)),
            ("lat_long_last_captured_at", f.captured_ms.to_string()),
        ] {
            match v.iter_mut().find(|x| x.key == k) {
                Some(x) => x.value = val,
                None => v.push(Entry::new(k, val)),
            }
        }
    }
    v
}

fn apply_overrides(d: &DeviceRec, mut v: Vec<Entry>) -> Vec<Entry> {
    for e in &d.detail_overrides {
        match v.iter_mut().find(|x| x.key == e.key) {
            Some(x) => x.value = e.value.clone(),
            None => v.push(e.clone()),
        }
    }
    v
}

/// A plausible position near a city of the device's country, and when it was captured (ms).
fn location(d: &DeviceRec, rng: &mut ChaCha8Rng, o: &mut Out) {
    if d.last_connected_at == 0 {
        return;
    }
    let (lat, lon) = match d.country().iso {
        "US" => [
            (37.396074, -122.056339),
            (40.7128, -74.006),
            (41.8781, -87.6298),
            (30.2672, -97.7431),
            (47.6062, -122.3321),
        ][rng.gen_range(0..5)],
        "GB" => (51.5072, -0.1276),
        "DE" => (50.645397, 7.943374),
        "CA" => (43.6532, -79.3832),
        "IN" => (12.9716, 77.5946),
        "FR" => (48.8566, 2.3522),
        _ => (0.0, 0.0),
    };
    o.put("latitude", format!("{:.6}", lat + rng.gen_range(-0.2..0.2)));
    o.put(
        "longitude",
        format!("{:.6}", lon + rng.gen_range(-0.2..0.2)),
    );
    let captured = d.last_connected_at - rng.gen_range(0..3600);
    o.put(
        "lat_long_last_captured_at",
        (captured * 1000 + rng.gen_range(0..1000)).to_string(),
    );
}

fn imsi(d: &DeviceRec, rng: &mut ChaCha8Rng) -> String {
    let digits = 15 - d.country().mcc.len() - d.operator().mnc.len();
    let mut s = format!("{}{}", d.country().mcc, d.operator().mnc);
    for _ in 0..digits {
        s.push(char::from(b'0' + rng.gen_range(0..10u8)));
    }
    s
}

fn android(d: &DeviceRec, rng: &mut ChaCha8Rng) -> Out {
    let m = d.model();
    let c = d.country();
    let mut o = Out(Vec::with_capacity(48));
    let compromised = d.compliance & 0x01 != 0;
    let device_id = hex(rng, 16);
    o.put(
        "admin_activated",
        if d.compliance & 0x800 != 0 {
            "false"
        } else {
            "true"
        },
    );
    o.put("battery_life", rng.gen_range(5..101).to_string());
    o.put(
        "brand",
        m.manufacturer
            .split(' ')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase(),
    );
    o.put("client_name", "com.mobileiron");
    o.put("client_version", d.client_version());
    o.put("device_id", device_id.clone());
    o.put(
        "device_manufacturer",
        m.manufacturer
            .split(' ')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase(),
    );
    o.put("device_model", m.hw);
    o.put("display_size", m.display);
    let ram = m.ram_mb as u64 * 1_048_576;
    let free_ram = ram / 100 * rng.gen_range(10..60);
    o.put("free_ram_size", mega(free_ram));
    let storage = m.storage_gb as u64 * 1_000_000_000;
    let free = storage / 100 * rng.gen_range(5..80);
    o.put("free_storage_size_bytes", free.to_string());
    o.put("locale", c.locale);
    location(d, rng, &mut o);
    o.put("mdm_enabled", "true");
    o.put("os_version", os_version_value(d));
    o.put("platform_name", d.os().version);
    o.put("processor_architecture", "arm64-v8a");
    o.put("prv_camera", "ON");
    o.put(
        "prv_device_encryption",
        if d.compliance & 0x08 != 0 {
            "off"
        } else {
            "on"
        },
    );
    o.put("prv_password", "ON");
    o.put("regUuid", device_id);
    o.put(
        "security_state",
        if compromised { "Compromised" } else { "Ok" },
    );
    o.put("SerialNumber", d.serial_string());
    o.put("total_ram_size", mega(ram));
    o.put("total_storage_size_bytes", storage.to_string());
    o.put("usb_debugging", if compromised { "ON" } else { "OFF" });
    o.put("wifi_mac_addr", d.mac_string());
    if d.imei != 0 {
        let op = d.operator();
        let imsi = imsi(d, rng);
        o.put("country_code", c.mcc);
        o.put("current_mobile_number", d.phone_string());
        o.put("current_operator_name", op.name);
        o.put("device_roaming_flag", "off");
        o.put("device_type", "GSM");
        o.put("home_operator", format!("{}::{}{}", op.name, c.mcc, op.mnc));
        o.put("imei", d.imei_string());
        o.put("imsi", imsi);
        o.put("registration_operator_name", op.name);
    }
    o
}

fn ios(seed: u64, d: &DeviceRec, user: &User, rng: &mut ChaCha8Rng) -> Out {
    let m = d.model();
    let c = d.country();
    let os = d.os();
    let mut o = Out(Vec::with_capacity(50));
    let compromised = d.compliance & 0x01 != 0;
    let kind = if m.tablet { "iPad" } else { "iPhone" };
    let capacity = m.storage_gb as f64 * 0.931_322_574_615_478_5;
    let available = capacity * rng.gen_range(0.05..0.8);
    let battery = rng.gen_range(5..101);
    o.put("apnsToken", hex(rng, 64));
    o.put("AvailableDeviceCapacity", format!("{available}"));
    o.put("Battery Level", format!("{}", battery as f32 / 100.0));
    o.put("battery_life", battery.to_string());
    o.put("BluetoothMAC", format!("{:012X}", d.mac ^ 1));
    o.put("BuildVersion", os.build);
    o.put("client_name", "com.mobileiron.phoneatwork");
    o.put("Client_version", d.client_version());
    o.put("DataRoamingEnabled", "false");
    o.put("device_manufacturer", "Apple");
    o.put("device_model", m.model);
    o.put("DeviceCapacity", format!("{capacity}"));
    o.put(
        "DeviceCompromised",
        if compromised { "true" } else { "false" },
    );
    o.put("DeviceName", format!("{}\u{2019}s {kind}", user.first_name));
    o.put("iPhone MAC_ADDRESS_EN0", colon_mac(d.mac));
    o.put("iPhone PRODUCT", m.hw);
    // The CPS `iosUdid` (`crate::cps::ids`); the draws are kept so the other values stay.
    let _ = (hex(rng, 3), hex(rng, 16));
    o.put(
        "iPhone UDID",
        crate::cps::ids::mdm_identifier(seed, d).unwrap_or_default(),
    );
    o.put("locale", c.locale);
    location(d, rng, &mut o);
    o.put(
        "Model",
        format!(
            "M{}{}{}LL/A",
            char::from(b'A' + rng.gen_range(0..26u8)),
            char::from(b'A' + rng.gen_range(0..26u8)),
            rng.gen_range(0..10)
        ),
    );
    o.put("ModelName", kind);
    o.put("os_version", os_version_value(d));
    o.put("OSVersion", os.version);
    let passcode_ok = d.compliance & 0x08 == 0;
    o.put(
        "PasscodeIsCompliant",
        if passcode_ok { "true" } else { "false" },
    );
    o.put(
        "PasscodePresent",
        if passcode_ok { "true" } else { "false" },
    );
    o.put("platform_name", "iPhone");
    o.put("platform_type", kind);
    o.put("processor_architecture", "ARM");
    o.put("ProductName", m.hw);
    // iOS: 0 = compromised, 1 = not compromised (V1 guide, "iOS Details Key-Value Descriptions";
    // Android's table says `Ok`/`Compromised`).
    o.put("security_state", if compromised { "0" } else { "1" });
    o.put("SerialNumber", d.serial_string());
    o.put("WiFiMAC", d.mac_string());
    if d.imei != 0 {
        let op = d.operator();
        let imei = d.imei_string();
        o.put("CellularTechnology", "GSM");
        o.put("imei", imei.clone());
        o.put(
            "iPhone ICCID",
            format!(
                "89{} {:04} {:04} {:04} {:03}",
                rng.gen_range(10..99),
                rng.gen_range(0..10_000),
                rng.gen_range(0..10_000),
                rng.gen_range(0..10_000),
                rng.gen_range(0..1000)
            ),
        );
        o.put("iPhone IMEI", spaced_imei(&imei));
        o.put("imsi", imsi(d, rng));
        o.put("mobile_number", format!("+{}{}", c.code, d.phone_string()));
        o.put("SIM MCC", c.mcc);
        o.put("SIM MNC", op.mnc);
        o.put("Subscriber Carrier Network", op.name);
        o.put("Voice Roaming Enabled", "true");
    }
    o
}

fn windows(d: &DeviceRec, rng: &mut ChaCha8Rng) -> Out {
    let m = d.model();
    let mut o = Out(Vec::with_capacity(16));
    let storage = m.storage_gb as u64 * 1_000_000_000;
    let ram = m.ram_mb as u64 * 1_048_576;
    o.put("battery_life", rng.gen_range(5..101).to_string());
    o.put("client_version", d.client_version());
    o.put("device_manufacturer", m.manufacturer);
    o.put("device_model", m.model);
    o.put("display_size", m.display);
    o.put(
        "free_storage_size_bytes",
        (storage / 100 * rng.gen_range(10..80)).to_string(),
    );
    o.put("locale", d.country().locale);
    o.put("os_version", os_version_value(d));
    o.put("platform_name", d.os().platform_string());
    o.put("processor_architecture", "x64");
    o.put(
        "prv_device_encryption",
        if d.compliance & 0x08 != 0 {
            "off"
        } else {
            "on"
        },
    );
    o.put("security_state", "Ok");
    o.put("SerialNumber", d.serial_string());
    o.put("total_ram_size_bytes", ram.to_string());
    o.put("total_storage_size_bytes", storage.to_string());
    o.put("wifi_mac_addr", d.mac_string());
    o
}

fn macos(d: &DeviceRec, user: &User, rng: &mut ChaCha8Rng) -> Out {
    let m = d.model();
    let os = d.os();
    let mut o = Out(Vec::with_capacity(18));
    let capacity = m.storage_gb as f64 * 0.931_322_574_615_478_5;
    o.put(
        "AvailableDeviceCapacity",
        format!("{}", capacity * rng.gen_range(0.1..0.8)),
    );
    o.put("BluetoothMAC", format!("{:012X}", d.mac ^ 1));
    o.put("BuildVersion", os.build);
    o.put("Client_version", d.client_version());
    o.put("device_manufacturer", "Apple");
    o.put("device_model", m.model);
    o.put("DeviceCapacity", format!("{capacity}"));
    o.put(
        "DeviceName",
        format!(
            "{}\u{2019}s {}",
            user.first_name,
            m.model.split(" (").next().unwrap_or(m.model)
        ),
    );
    o.put(
        "IsFileVaultEnabled",
        if d.compliance & 0x08 != 0 {
            "false"
        } else {
            "true"
        },
    );
    o.put("locale", d.country().locale);
    o.put("os_version", os_version_value(d));
    o.put("OSVersion", os.version);
    o.put("platform_name", "macOS");
    o.put("processor_architecture", "arm64");
    o.put("ProductName", m.hw);
    o.put("SerialNumber", d.serial_string());
    o.put("WiFiMAC", d.mac_string());
    o
}
