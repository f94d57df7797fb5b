//! Entity definitions and entity instances (overview, "Entities", "Understanding entity
//! definitions", "Supported entity definitions", "Create/update an entity", "Enclosed entities").
//!
//! An **entity definition** "describes the properties, types, sizes, constraints, UI
//! representations, etc." of an entity; an **entity** (instance) is
//! `{"entityDefId", "entityInstanceId", "settings": {…}}`. The overview names the parts of a
//! definition but never shows one ("Click here to see an example response" leads nowhere, and the
//! "Entity data types" section it points to is missing from "Understanding entity definitions"), so
//! [`EntityDefinition`] and [`PropertyDef`] are the mock-server's contract: every kind of property
//! a generic form renderer meets (text with size limits and formats, numbers with ranges, booleans,
//! enums, lists, references, enclosed repeatable parts, dates) with the presentation hints to lay
//! it out.

use crate::string_enum;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

fn is_false(b: &bool) -> bool {
    !*b
}

string_enum! {
    /// The operations of a definition (overview table "Supported entity definitions":
    /// its six operation names).
    Operation {
        /// "Get the entity definition".
        Definition = "DEFINITION",
        /// "Get the entity instances".
        List = "LIST",
        /// "Create an entity instance".
        Create = "CREATE",
        /// "Update an entity instance".
        Update = "UPDATE",
        /// "Delete an entity instance".
        Delete = "DELETE",
        /// "Get an entity instance template".
        Template = "TEMPLATE",
    }
}

string_enum! {
    /// The type of a property's value.
    PropertyType {
        /// A JSON string (`minLength`, `maxLength`, `format`).
        String = "STRING",
        /// A whole JSON number (`min`, `max`).
        Integer = "INTEGER",
        Boolean = "BOOLEAN",
        /// One of `values`.
        Enum = "ENUM",
        /// An ISO-8601 date-time string.
        DateTime = "DATETIME",
        /// An array of strings (each as `STRING`; `minItems`, `maxItems`).
        StringList = "STRING_LIST",
        /// An array of distinct `values`.
        EnumList = "ENUM_LIST",
        /// `{"entityDefId", "entityInstanceId", "settings": {"name"}}` of an instance of
        /// `entityDefId` (overview, "Enclosed entities": `primaryCluster`).
        Reference = "REFERENCE",
        /// An array of distinct references.
        ReferenceList = "REFERENCE_LIST",
        /// An array of `{"entityDefId", "settings"}` of the enclosed definition `entityDefId`,
        /// which exist only inside their parent (overview, "Enclosed entities").
        EnclosedList = "ENCLOSED_LIST",
    }
}

string_enum! {
    /// The input control a form should use for a property.
    Control {
        Text = "TEXT",
        TextArea = "TEXTAREA",
        Password = "PASSWORD",
        Number = "NUMBER",
        Checkbox = "CHECKBOX",
        /// A select of `values`.
        Dropdown = "DROPDOWN",
        /// Radio buttons of `values` (few values).
        Radio = "RADIO",
        /// Checkboxes of `values` (`ENUM_LIST`).
        MultiSelect = "MULTISELECT",
        /// Free entries, one per line or chip (`STRING_LIST`).
        Tags = "TAGS",
        /// A select of the instances of the referenced definition.
        Picker = "PICKER",
        MultiPicker = "MULTIPICKER",
        /// Repeatable rows of an enclosed definition.
        Table = "TABLE",
        DateTime = "DATETIME",
        /// Not shown in forms (flags the server keeps).
        Hidden = "HIDDEN",
    }
}

string_enum! {
    /// A named pattern a `STRING` value (or each item of a `STRING_LIST`) must match. Named
    /// rather than a regular expression so that the portal needs no regex engine in its bundle;
    /// [`Format::check`] is the shared implementation.
    Format {
        /// A DNS name (`server01.example.com`), labels of letters, digits and `-`.
        Hostname = "HOSTNAME",
        /// A DNS name or a `*.` wildcard domain (`*.example.com`).
        Domain = "DOMAIN",
        Ipv4 = "IPV4",
        Email = "EMAIL",
        /// An `http://` or `https://` URL with a host.
        Url = "URL",
        /// A reverse-DNS application id (`com.good.gcs`).
        PackageId = "PACKAGE_ID",
        /// A SHA-256 digest as 64 hex digits.
        Sha256 = "SHA256",
        /// A dotted version (`12`, `14.6.1`).
        Version = "VERSION",
        /// 10 upper-case letters or digits (Apple team and key ids).
        AppleId = "APPLE_ID",
    }
}

impl Format {
    /// Whether `v` matches the format (an unknown format accepts everything).
    pub fn check(&self, v: &str) -> bool {
        fn label(l: &str) -> bool {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        }
        fn hostname(h: &str) -> bool {
            !h.is_empty() && h.len() <= 253 && h.split('.').all(label)
        }
        match self {
            Format::Hostname => hostname(v),
            Format::Domain => hostname(v.strip_prefix("*.").unwrap_or(v)),
            Format::Ipv4 => {
                let parts: Vec<&str> = v.split('.').collect();
                parts.len() == 4
                    && parts.iter().all(|p| {
                        !p.is_empty()
                            && p.len() <= 3
                            && p.bytes().all(|c| c.is_ascii_digit())
                            && p.parse::<u16>().is_ok_and(|n| n <= 255)
                    })
            }
            Format::Email => v.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !local.contains(char::is_whitespace)
                    && domain.contains('.')
                    && hostname(domain)
            }),
            Format::Url => ["https://", "http://"]
                .iter()
                .find_map(|s| v.strip_prefix(s))
                .is_some_and(|rest| {
                    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
                    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
                        if port.parse::<u16>().is_ok() {
                            h
                        } else {
                            ""
                        }
                    });
                    hostname(host) && !rest.contains(char::is_whitespace)
                }),
            Format::PackageId => {
                let parts: Vec<&str> = v.split('.').collect();
                parts.len() >= 2
                    && parts.iter().all(|p| {
                        p.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                            && p.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
                    })
            }
            Format::Sha256 => v.len() == 64 && v.bytes().all(|c| c.is_ascii_hexdigit()),
            Format::Version => {
                !v.is_empty()
                    && v.split('.').count() <= 4
                    && v.split('.')
                        .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
            }
            Format::AppleId => {
                v.len() == 10
                    && v.bytes()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            }
            Format::Other(_) => true,
        }
    }

    /// What a value must look like, for error messages and form hints.
    pub fn describe(&self) -> &str {
        match self {
            Format::Hostname => "a host name such as server01.example.com",
            Format::Domain => "a domain such as example.com or *.example.com",
            Format::Ipv4 => "an IPv4 address such as 10.0.0.1",
            Format::Email => "an email address",
            Format::Url => "an http:// or https:// URL",
            Format::PackageId => "an application id such as com.example.app",
            Format::Sha256 => "a SHA-256 digest of 64 hexadecimal digits",
            Format::Version => "a version such as 14.6.1",
            Format::AppleId => "10 upper-case letters or digits",
            Format::Other(s) => s,
        }
    }
}

/// `GET entityDefs` (overview, "Supported entity definitions").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EntityDefinitions {
    pub entity_definitions: Vec<EntityDefinition>,
}

/// One entity definition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EntityDefinition {
    /// `com.blackberry.mdm.common.entity.profile.ComplianceProfile`.
    pub entity_def_id: String,
    /// Short name (`ComplianceProfile`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What may be done with it (overview, "Supported entity definitions"); a generic UI hides the
    /// others.
    pub operations: Vec<Operation>,
    /// "There is only one instance and the External Tenant Id is used as the entityInstanceId".
    #[serde(skip_serializing_if = "is_false")]
    pub singleton: bool,
    /// Exists only inside a parent instance (overview, "Enclosed entities").
    #[serde(skip_serializing_if = "is_false")]
    pub enclosed: bool,
    /// "This entity is abstract and allows only enumerate to return all sub-settings"
    /// (TenantSettings): its instances are those of [`EntityDefinition::sub_types`].
    #[serde(rename = "abstract", skip_serializing_if = "is_false")]
    pub is_abstract: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_types: Vec<String>,
    /// The licence the definition needs ("supported only when the licensed BlackBerry Protect
    /// service is enabled"): `BLACKBERRY_PROTECT`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_license: Option<String>,
    /// With `requiredLicense`: whether the tenant holds the licence. When `false`, every
    /// operation but `DEFINITION` answers 403 `LICENSE_REQUIRED`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licensed: Option<bool>,
    pub properties: Vec<PropertyDef>,
}

impl EntityDefinition {
    pub fn supports(&self, op: &Operation) -> bool {
        self.operations.contains(op)
    }
    pub fn property(&self, name: &str) -> Option<&PropertyDef> {
        self.properties.iter().find(|p| p.name == name)
    }
    /// The short name, or the last part of the id.
    pub fn short_name(&self) -> &str {
        self.name
            .as_deref()
            .unwrap_or_else(|| self.entity_def_id.rsplit('.').next().unwrap_or_default())
    }
}

/// One property of a definition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PropertyDef {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: Option<PropertyType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Must have a value on create and update (when visible, see [`Presentation::visible_when`]):
    /// sent, or else its `defaultValue`.
    #[serde(skip_serializing_if = "is_false")]
    pub required: bool,
    /// Set by the server; ignored when sent.
    #[serde(skip_serializing_if = "is_false")]
    pub read_only: bool,
    /// One of the settings "not intended to be used when creating or updating an entity
    /// instance" (overview, "Understanding entity definitions"); ignored when sent.
    #[serde(skip_serializing_if = "is_false")]
    pub system: bool,
    /// No two instances of the definition may have the same value (case-insensitive).
    #[serde(skip_serializing_if = "is_false")]
    pub unique: bool,
    /// What the template holds and what an absent property becomes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_value: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// The values of `ENUM` and `ENUM_LIST`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<EnumValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    /// The definition a `REFERENCE`/`REFERENCE_LIST` points to, or the enclosed definition of an
    /// `ENCLOSED_LIST`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_def_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presentation: Option<Presentation>,
}

impl PropertyDef {
    pub fn kind(&self) -> PropertyType {
        self.kind.clone().unwrap_or(PropertyType::String)
    }
    /// Ignored when sent on create and update.
    pub fn is_server_set(&self) -> bool {
        self.system || self.read_only
    }
    pub fn label(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.name)
    }
}

/// One value of an enum property.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EnumValue {
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

/// How to present a property ("UI representations").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Presentation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<Control>,
    /// The section of the form (`General`, `Password`, …), in order of first appearance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Position within the form (ascending).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    /// Unit shown after a number (`days`, `minutes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Shown (and required, if `required`) only when another property has a value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visible_when: Option<Condition>,
}

/// `{"property": "routeType", "equals": "BLACKBERRY_PROXY_CLUSTER"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Condition {
    pub property: String,
    pub equals: Value,
}

impl Condition {
    /// Whether `settings` satisfies it (an absent property is `null`).
    pub fn holds(&self, settings: &Map<String, Value>) -> bool {
        settings.get(&self.property).unwrap_or(&Value::Null) == &self.equals
    }
}

/// An entity instance: `{"entityDefId", "entityInstanceId", "settings"}` (overview, "Create/update
/// an entity"). The same shape is a reference inside settings (with `settings: {"name"}`) and an
/// enclosed entity (without `entityInstanceId`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EntityInstance {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub entity_def_id: String,
    #[serde(
        deserialize_with = "crate::v2::lenient::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub entity_instance_id: Option<String>,
    pub settings: Map<String, Value>,
}

impl EntityInstance {
    /// A setting as text (strings only).
    pub fn text(&self, name: &str) -> Option<&str> {
        self.settings.get(name).and_then(Value::as_str)
    }
    /// The `name` setting, which every listable definition has.
    pub fn name(&self) -> Option<&str> {
        self.text("name")
    }
}

/// `GET entities/{entityDefId}`: beyond the document (the operation is in the overview's table,
/// its path and body are not).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EntityInstances {
    pub entity_instances: Vec<EntityInstance>,
}

/// The settings "included in an entity definition for completeness, but … not intended to be used
/// when creating or updating an entity instance" (overview, "Understanding entity definitions").
pub const SYSTEM_FIELDS: [&str; 19] = [
    "date",
    "createdBy",
    "lastModifiedTime",
    "modifiedBy",
    "modifiedBySystem",
    "rank",
    "isDefault",
    "hideAssigningToUser",
    "hideAssigningToGroup",
    "hideAssignment",
    "assignedToUsers",
    "effectiveForUsers",
    "indirectlyAssignedToUsers",
    "assignedToGroups",
    "effectiveUserAssignments",
    "effectiveGroupAssignments",
    "assignedToResourceSets",
    "adminValidationRequired",
    "allGoodPolicySetId",
];

/// The licence of the BlackBerry Protect definitions.
pub const LICENSE_BLACKBERRY_PROTECT: &str = "BLACKBERRY_PROTECT";
