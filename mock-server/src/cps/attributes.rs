//! Custom device and user attributes: which exist (the `$metadata` calls list them with
//! `"readOnly": false`), their seeded values (drawn from the world seed when rendered, so they cost
//! no memory), and "Update device attributes by device UEM identifiers" / "Update user
//! attributes" (CPS guide), whose writes are kept sparse in [`super::world::CpsWorld`].
//!
//! Values travel as text in `customAttributes` (the guide's `"nacCompliant": "false"`); the
//! `dataType` says how to read them: `boolean` is `true`/`false`, `long` is epoch ms. An update:
//! - takes a string, number or boolean per key and writes its canonical text; `null` or `""`
//!   clears the attribute (it leaves `customAttributes`);
//! - ignores keys that are not writable custom attributes (unknown keys, the read-only fields),
//!   as the CPS calls ignore invalid identifiers; keys match without regard to case;
//! - refuses (400, nothing written) a value that does not fit the attribute's type;
//! - counts the devices (users) found when at least one key applied, else 0.

use super::reply::CpsError;
use crate::data::draw;
use crate::state::World;
use serde_json::Value;
use std::collections::BTreeMap;

/// The `dataType` of a custom attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataType {
    String,
    Boolean,
    /// Epoch milliseconds.
    Long,
}

impl DataType {
    pub fn as_str(self) -> &'static str {
        match self {
            DataType::String => "string",
            DataType::Boolean => "boolean",
            DataType::Long => "long",
        }
    }

    /// The text stored for a JSON value (`None`: clear), or why it does not fit.
    pub fn text(self, v: &Value) -> Result<Option<String>, String> {
        let text = match v {
            Value::Null => return Ok(None),
            Value::String(s) if s.trim().is_empty() => return Ok(None),
            Value::String(s) => s.trim().to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            _ => return Err(format!("expected a {} value", self.as_str())),
        };
        match self {
            DataType::String => Ok(Some(text)),
            DataType::Boolean => match wire::lenient::parse_bool(&text) {
                Ok(Some(b)) => Ok(Some(b.to_string())),
                _ => Err(format!("`{text}` is not a boolean (true or false)")),
            },
            DataType::Long => text
                .parse::<i64>()
                .map(|n| Some(n.to_string()))
                .map_err(|_| format!("`{text}` is not a long (epoch milliseconds)")),
        }
    }
}

/// A custom attribute.
#[derive(Debug, Clone, Copy)]
pub struct AttrDef {
    pub name: &'static str,
    pub data_type: DataType,
    /// The seeded value for a device (user) index.
    pub seeded: fn(&World, usize) -> Option<String>,
}

const DAY_MS: i64 = 86_400_000;

fn none(_: &World, _: usize) -> Option<String> {
    None
}

/// Custom device attributes. `custom_device_attribute_1`/`_2` are the guide's ("Get device
/// attributes metadata"); `nacCompliant` is the one its device group example filters on
/// (`CFDEVICE[nacCompliant] EQ 'false'`), as a NAC connector would write it.
pub const DEVICE_ATTRS: &[AttrDef] = &[
    AttrDef {
        name: "nacCompliant",
        data_type: DataType::Boolean,
        seeded: |w, i| {
            let d = &w.devices[i];
            (!d.pending() && draw(w.seed, d.id, 900) < 600)
                .then(|| (d.compliance == 0 && d.quarantined_status == 0).to_string())
        },
    },
    AttrDef {
        name: "assetTag",
        data_type: DataType::String,
        seeded: |w, i| {
            let d = &w.devices[i];
            (!d.employee_owned && draw(w.seed, d.id, 901) < 700).then(|| format!("AT-{:06}", d.id))
        },
    },
    AttrDef {
        name: "warrantyExpires",
        data_type: DataType::Long,
        seeded: |w, i| {
            let d = &w.devices[i];
            (!d.employee_owned && draw(w.seed, d.id, 902) < 600)
                .then(|| (d.registered_at * 1000 + 3 * 365 * DAY_MS).to_string())
        },
    },
    AttrDef {
        name: "custom_device_attribute_1",
        data_type: DataType::String,
        seeded: none,
    },
    AttrDef {
        name: "custom_device_attribute_2",
        data_type: DataType::String,
        seeded: none,
    },
];

const SITES: &[&str] = &[
    "Mountain View",
    "New York",
    "Austin",
    "London",
    "Frankfurt",
    "Paris",
    "Toronto",
    "Bangalore",
    "Remote",
];

fn contractor(w: &World, i: usize) -> bool {
    let u = &w.users[i];
    u.user_source == wire::v1::sm::USER_SOURCE_LDAP && draw(w.seed, u.id, 913) < 100
}

/// Custom user attributes; `ios` and `site` are the guide's ("Get user attributes metadata").
pub const USER_ATTRS: &[AttrDef] = &[
    AttrDef {
        name: "site",
        data_type: DataType::String,
        seeded: |w, i| {
            let u = &w.users[i];
            (draw(w.seed, u.id, 910) < 700)
                .then(|| SITES[draw(w.seed, u.id, 911) as usize % SITES.len()].to_string())
        },
    },
    AttrDef {
        name: "ios",
        data_type: DataType::String,
        seeded: none,
    },
    AttrDef {
        name: "costCenter",
        data_type: DataType::String,
        seeded: |w, i| {
            let u = &w.users[i];
            (draw(w.seed, u.id, 912) < 500)
                .then(|| format!("CC-{}", 1000 + draw(w.seed, u.id, 914) % 40 * 25))
        },
    },
    AttrDef {
        name: "contractor",
        data_type: DataType::Boolean,
        seeded: |w, i| contractor(w, i).then(|| "true".to_string()),
    },
    AttrDef {
        name: "accessExpires",
        data_type: DataType::Long,
        seeded: |w, i| {
            contractor(w, i).then(|| (w.users[i].created_at_ms + 365 * DAY_MS).to_string())
        },
    },
];

/// Devices or users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Device,
    User,
}

impl Target {
    pub fn defs(self) -> &'static [AttrDef] {
        match self {
            Target::Device => DEVICE_ATTRS,
            Target::User => USER_ATTRS,
        }
    }
    fn overrides(self, w: &World) -> &super::world::AttrOverridesMap {
        match self {
            Target::Device => &w.cps.device_attrs,
            Target::User => &w.cps.user_attrs,
        }
    }
    fn overrides_mut(self, w: &mut World) -> &mut super::world::AttrOverridesMap {
        match self {
            Target::Device => &mut w.cps.device_attrs,
            Target::User => &mut w.cps.user_attrs,
        }
    }
}

/// The custom attributes of a device (user) that have a value; `None` when none has.
pub fn values(w: &World, target: Target, i: usize) -> Option<BTreeMap<String, String>> {
    let written = target.overrides(w).get(&(i as u32));
    let map: BTreeMap<String, String> = target
        .defs()
        .iter()
        .enumerate()
        .filter_map(|(k, def)| {
            let value = match written.and_then(|o| o.iter().find(|(a, _)| usize::from(*a) == k)) {
                Some((_, v)) => v.clone(),
                None => (def.seeded)(w, i),
            };
            value.map(|v| (def.name.to_string(), v))
        })
        .collect();
    (!map.is_empty()).then_some(map)
}

/// One attribute to write: its index and its text (`None`: clear).
pub type Change = (u8, Option<String>);

/// The writable attributes of an update and their texts: keys that are not writable custom
/// attributes are left out, a value that does not fit is 400.
pub fn changes(
    target: Target,
    attributes: &BTreeMap<String, Value>,
) -> Result<Vec<Change>, CpsError> {
    let mut out = Vec::new();
    for (key, value) in attributes {
        let Some(k) = target
            .defs()
            .iter()
            .position(|d| d.name.eq_ignore_ascii_case(key.trim()))
        else {
            continue;
        };
        let def = &target.defs()[k];
        let text = def.data_type.text(value).map_err(|why| {
            CpsError::bad_request(format!(
                "Invalid value of attribute {} ({}): {why}",
                def.name,
                def.data_type.as_str()
            ))
        })?;
        out.push((k as u8, text));
    }
    Ok(out)
}

/// Writes the changes to the devices (users) at `indices`.
pub fn apply(w: &mut World, target: Target, indices: &[usize], changes: &[Change]) {
    let map = target.overrides_mut(w);
    for &i in indices {
        let o = map.entry(i as u32).or_default();
        for (k, v) in changes {
            match o.iter_mut().find(|(a, _)| a == k) {
                Some(slot) => slot.1 = v.clone(),
                None => o.push((*k, v.clone())),
            }
        }
    }
}

/// An update of devices or users: checked under the read lock, written (which invalidates every
/// cached answer) only when something applies. The number updated.
pub fn update(
    app: &crate::state::AppState,
    target: Target,
    req: &wire::cps::UpdateAttributesRequest,
    resolve: impl Fn(&World) -> Result<Vec<usize>, CpsError>,
) -> Result<usize, CpsError> {
    let changes = changes(target, &req.attributes)?;
    if changes.is_empty() || resolve(&app.read())?.is_empty() {
        return Ok(0);
    }
    let mut w = app.write();
    let found = resolve(&w)?;
    apply(&mut w, target, &found, &changes);
    Ok(found.len())
}
