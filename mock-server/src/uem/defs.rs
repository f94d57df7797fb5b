//! The 39 entity definitions of the overview ("Supported entity definitions") as
//! data: `entity_defs.json` (ids and operations as the overview's table; properties, constraints
//! and presentation **invented** by the mock, since the overview shows none), and the seeded
//! instances, `entity_instances.json`.
//!
//! Added on loading: the 19 system settings ([`wire::uem::entity::SYSTEM_FIELDS`]) on the profile
//! definitions (`…entity.profile.*`), and the 5 audit ones (`date`, `createdBy`,
//! `lastModifiedTime`, `modifiedBy`, `modifiedBySystem`) on the other definitions that can be
//! created or updated; and `licensed` from the tenant's licence when the definition needs one.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use wire::uem::directory::ProfileCategory;
use wire::uem::entity::{
    EntityDefinition, Operation, Presentation, PropertyDef, PropertyType, SYSTEM_FIELDS,
};

const DEFS_JSON: &str = include_str!("entity_defs.json");
const INSTANCES_JSON: &str = include_str!("entity_instances.json");

/// The placeholder of the singletons' instance id in `entity_instances.json`.
pub const EXTERNAL_TENANT_ID_PLACEHOLDER: &str = "{EXTERNAL_TENANT_ID}";

/// The audit settings of every creatable or updatable definition.
const AUDIT_FIELDS: [&str; 5] = [
    "date",
    "createdBy",
    "lastModifiedTime",
    "modifiedBy",
    "modifiedBySystem",
];

/// The definition of one system setting.
fn system_property(name: &str) -> PropertyDef {
    let (kind, default) = match name {
        "date" | "lastModifiedTime" => (PropertyType::DateTime, None),
        "createdBy" | "modifiedBy" | "allGoodPolicySetId" => (PropertyType::String, None),
        "rank" => (PropertyType::Integer, None),
        "modifiedBySystem"
        | "isDefault"
        | "hideAssigningToUser"
        | "hideAssigningToGroup"
        | "hideAssignment"
        | "adminValidationRequired" => (PropertyType::Boolean, Some(json!(false))),
        // The GUIDs of users, groups or resource sets.
        _ => (PropertyType::StringList, Some(json!([]))),
    };
    PropertyDef {
        name: name.to_string(),
        kind: Some(kind),
        system: true,
        read_only: true,
        default_value: default,
        presentation: Some(Presentation {
            group: Some("System".into()),
            ..Presentation::default()
        }),
        ..PropertyDef::default()
    }
}

/// Whether a definition is a profile type (and so listed by `GET profiles`).
pub fn is_profile(def_id: &str) -> bool {
    def_id.starts_with("com.blackberry.mdm.common.entity.profile.")
}

fn load() -> Vec<EntityDefinition> {
    // Empty only if the file does not parse, which the tests below would catch.
    let mut defs: Vec<EntityDefinition> = serde_json::from_str(DEFS_JSON).unwrap_or_default();
    for d in &mut defs {
        let mutable = d.supports(&Operation::Create) || d.supports(&Operation::Update);
        let extra: &[&str] = if is_profile(&d.entity_def_id) && mutable {
            &SYSTEM_FIELDS
        } else if mutable {
            &AUDIT_FIELDS
        } else {
            &[]
        };
        d.properties
            .extend(extra.iter().map(|n| system_property(n)));
        if d.name.is_none() {
            d.name = Some(d.short_name().to_string());
        }
    }
    defs
}

/// Every definition, in the overview's order.
pub fn all() -> &'static [EntityDefinition] {
    static DEFS: OnceLock<Vec<EntityDefinition>> = OnceLock::new();
    DEFS.get_or_init(load)
}

/// The definition with this id (exact, as Java class names are).
pub fn get(def_id: &str) -> Option<&'static EntityDefinition> {
    all().iter().find(|d| d.entity_def_id == def_id)
}

/// The definition as the tenant sees it: `licensed` filled in.
pub fn for_tenant(d: &EntityDefinition, protect_licensed: bool) -> EntityDefinition {
    let mut d = d.clone();
    d.licensed = d.required_license.as_ref().map(|_| protect_licensed);
    d
}

/// The profile category of a profile definition.
pub fn profile_category(def_id: &str) -> Option<ProfileCategory> {
    let short = def_id.strip_prefix("com.blackberry.mdm.common.entity.profile.")?;
    Some(match short {
        "ActivationPolicy" => ProfileCategory::Activation,
        "ComplianceProfile" => ProfileCategory::Compliance,
        "DynamicsConnectivityProfile" => ProfileCategory::DynamicsConnectivity,
        "DynamicsSecurityOverrideProfile" => ProfileCategory::DynamicsOverride,
        "DynamicsSecurityProfile" => ProfileCategory::Dynamics,
        "MobileThreatDetection" => ProfileCategory::Protect,
        "OrganizationalNoticeProfile" => ProfileCategory::OrganizationalNotice,
        other => ProfileCategory::Other(other.to_string()),
    })
}

/// One seeded instance: id and settings.
pub type SeedInstance = (String, Map<String, Value>);

/// The seeded instances per definition, the singletons' id being `external_tenant_id`.
pub fn seed_instances(external_tenant_id: &str) -> BTreeMap<String, Vec<SeedInstance>> {
    let raw: BTreeMap<String, Vec<Value>> =
        serde_json::from_str(INSTANCES_JSON).unwrap_or_default();
    raw.into_iter()
        .map(|(def, list)| {
            let items = list
                .into_iter()
                .filter_map(|v| {
                    let id = v.get("entityInstanceId")?.as_str()?;
                    let id = if id == EXTERNAL_TENANT_ID_PLACEHOLDER {
                        external_tenant_id.to_string()
                    } else {
                        id.to_string()
                    };
                    let settings = v.get("settings")?.as_object()?.clone();
                    Some((id, settings))
                })
                .collect();
            (def, items)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The overview's table "Supported entity definitions": id suffix and
    /// operations (D L C U X T: definition, list, create, update, delete, template).
    const TABLE: [(&str, &str); 39] = [
        ("AllowedDomainRoute", "D"),
        ("AntivirusVendor", "DL"),
        ("AppRestriction", "DL"),
        ("AppServer", "D"),
        ("AppServerRoute", "D"),
        ("AppStore", "DL"),
        ("Application", "DL"),
        ("ApprovedApplication", "DXLUCT"),
        ("ApprovedDeveloperCertificate", "DXLUCT"),
        ("AuthDelegate", "DL"),
        ("Cluster", "DL"),
        ("DefaultDomainRoute", "D"),
        ("DeviceHardwareBrand", "DL"),
        ("DeviceHardwareModel", "DL"),
        ("DeviceHardwareVendor", "DL"),
        ("DeviceOsVersion", "DL"),
        ("DynamicsLibrary", "DL"),
        ("EmailTemplate", "DL"),
        ("IPAddressRangeRoute", "D"),
        ("MtdGeneralSettings", "DLU"),
        ("MtdSafeBrowsingSettings", "DL"),
        ("ServerRoute", "D"),
        ("mobilethreatdefence.RestrictedApplication", "DXLUCT"),
        (
            "mobilethreatdefence.RestrictedDeveloperCertificate",
            "DXLUCT",
        ),
        ("profile.ActivationPolicy", "DXLUCT"),
        ("profile.ComplianceProfile", "DXLUCT"),
        ("profile.DynamicsConnectivityProfile", "DXLUCT"),
        ("profile.DynamicsSecurityOverrideProfile", "DXLUCT"),
        ("profile.DynamicsSecurityProfile", "DXLUCT"),
        ("profile.MobileThreatDetection", "DXLUCT"),
        ("profile.OrganizationalNoticeProfile", "DL"),
        ("settings.AndroidHardwareKeyAttestationSettings", "DLU"),
        ("settings.AppleDeviceCheckAttestationSettings", "DLU"),
        ("settings.AttestableApplication", "DL"),
        ("settings.DeviceCheckAttestationKey", "DLUC"),
        ("settings.KnoxAttestationSettings", "DLU"),
        ("settings.SafetyNetAttestationSettings", "DLU"),
        ("settings.WindowsAttestationSettings", "DLU"),
        // "allows only enumerate"; its "Get an entity instance template" bullet is the next
        // section's heading (overview, "Supported entity definitions").
        ("!TenantSettings", "DL"),
    ];

    fn op(c: char) -> Operation {
        match c {
            'D' => Operation::Definition,
            'L' => Operation::List,
            'C' => Operation::Create,
            'U' => Operation::Update,
            'X' => Operation::Delete,
            _ => Operation::Template,
        }
    }

    #[test]
    fn defs_load_the_39_of_the_supported_entity_definitions_table() {
        let defs = all();
        assert_eq!(defs.len(), 39);
        for ((suffix, ops), d) in TABLE.iter().zip(defs) {
            let id = match suffix.strip_prefix('!') {
                Some(s) => format!("com.blackberry.platform.common.api.entity.{s}"),
                None => format!("com.blackberry.mdm.common.entity.{suffix}"),
            };
            assert_eq!(d.entity_def_id, id);
            let mut want: Vec<Operation> = ops.chars().map(op).collect();
            let mut got = d.operations.clone();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{id}");
        }
    }

    #[test]
    fn singletons_licences_and_enclosed_as_the_overview_says() {
        let flagged = |f: fn(&EntityDefinition) -> bool| {
            let mut v: Vec<&str> = all()
                .iter()
                .filter(|d| f(d))
                .map(|d| d.short_name())
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            flagged(|d| d.singleton),
            [
                "AndroidHardwareKeyAttestationSettings",
                "AppleDeviceCheckAttestationSettings",
                "KnoxAttestationSettings",
                "MtdGeneralSettings",
                "SafetyNetAttestationSettings",
                "WindowsAttestationSettings"
            ]
        );
        assert_eq!(
            flagged(|d| d.required_license.is_some()),
            [
                "AndroidHardwareKeyAttestationSettings",
                "AppleDeviceCheckAttestationSettings",
                "ApprovedApplication",
                "ApprovedDeveloperCertificate",
                "DeviceCheckAttestationKey",
                "MobileThreatDetection",
                "MtdGeneralSettings",
                "MtdSafeBrowsingSettings",
                "RestrictedApplication",
                "RestrictedDeveloperCertificate"
            ]
        );
        assert_eq!(
            flagged(|d| d.enclosed),
            [
                "AllowedDomainRoute",
                "AppServer",
                "AppServerRoute",
                "DefaultDomainRoute",
                "IPAddressRangeRoute",
                "ServerRoute"
            ]
        );
    }

    #[test]
    fn every_reference_points_to_a_definition_and_every_kind_is_used() {
        let mut kinds = std::collections::BTreeSet::new();
        for d in all() {
            for p in &d.properties {
                kinds.insert(p.kind().as_str().to_string());
                if let Some(target) = &p.entity_def_id {
                    let t = get(target).unwrap_or_else(|| panic!("{target}"));
                    if p.kind() == PropertyType::EnclosedList {
                        assert!(t.enclosed, "{}.{}", d.short_name(), p.name);
                    } else {
                        assert!(t.supports(&Operation::List), "{target} is not listable");
                        assert!(t.property("name").is_some() || t.singleton, "{target}");
                    }
                }
            }
        }
        for k in PropertyType::ALL {
            assert!(kinds.contains(k.as_str()), "{k} unused");
        }
    }

    #[test]
    fn system_fields_on_profiles_audit_fields_on_the_rest() {
        let p = get("com.blackberry.mdm.common.entity.profile.ComplianceProfile").unwrap();
        for f in SYSTEM_FIELDS {
            let prop = p.property(f).unwrap();
            assert!(prop.system && prop.read_only, "{f}");
        }
        let k = get("com.blackberry.mdm.common.entity.settings.KnoxAttestationSettings").unwrap();
        assert!(k.property("lastModifiedTime").unwrap().system);
        assert!(k.property("rank").is_none());
        let c = get("com.blackberry.mdm.common.entity.Cluster").unwrap();
        assert!(c.property("date").is_none());
    }

    #[test]
    fn seeded_instances_name_existing_definitions() {
        let seeds = seed_instances("ext");
        for (def, list) in &seeds {
            let d = get(def).unwrap_or_else(|| panic!("{def}"));
            assert!(!d.enclosed && !d.is_abstract, "{def}");
            if d.singleton {
                assert_eq!(list.len(), 1);
                assert_eq!(list[0].0, "ext");
            }
        }
        // The cluster of the overview's enclosed-entities example.
        assert!(seeds["com.blackberry.mdm.common.entity.Cluster"]
            .iter()
            .any(|(id, s)| id == "e1433bc5-5523-4cd7-9c7b-96ee2b95b06f" && s["name"] == "First"));
    }
}
