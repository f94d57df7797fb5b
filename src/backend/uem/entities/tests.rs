//! The mapping of entity definitions into the portal's types and of instances into its values,
//! and back, against the overview's samples ("Create/update an entity", "Enclosed entities").

use super::*;
use crate::domain::entity_form::{check, Form, Path};
use wire::uem::directory::Profile;
use wire::uem::samples;

const CONNECTIVITY: &str = "com.blackberry.mdm.common.entity.profile.DynamicsConnectivityProfile";
const SECURITY: &str = "com.blackberry.mdm.common.entity.profile.DynamicsSecurityProfile";
const CLUSTER: &str = "com.blackberry.mdm.common.entity.Cluster";
const ALLOWED: &str = "com.blackberry.mdm.common.entity.AllowedDomainRoute";

/// A route definition of the "Enclosed entities" example (the properties are the mock's, the
/// overview shows none).
fn route(id: &str, name_prop: &str, default_route: &str, port: bool) -> Value {
    let mut props = vec![
        json!({"name": name_prop, "type": "STRING", "required": true, "minLength": 1, "maxLength": 255,
               "format": if port { "HOSTNAME" } else { "DOMAIN" }}),
        json!({"name": "routeType", "type": "ENUM", "required": true, "defaultValue": default_route,
               "values": [{"value": "BLACKBERRY_PROXY_CLUSTER", "displayName": "BlackBerry Proxy cluster"},
                          {"value": "DIRECT", "displayName": "Direct"}],
               "presentation": {"control": "DROPDOWN"}}),
        json!({"name": "primaryCluster", "type": "REFERENCE", "required": true, "entityDefId": CLUSTER,
               "presentation": {"control": "PICKER",
                                "visibleWhen": {"property": "routeType", "equals": "BLACKBERRY_PROXY_CLUSTER"}}}),
    ];
    if port {
        props.insert(1, json!({"name": "port", "type": "INTEGER", "required": true, "min": 1, "max": 65535, "defaultValue": 443}));
    }
    for flag in [
        "nameEditable",
        "portEditable",
        "routeTypeEditable",
        "reservedRemovable",
    ] {
        props.push(json!({"name": flag, "type": "BOOLEAN", "defaultValue": true, "presentation": {"control": "HIDDEN"}}));
    }
    json!({"entityDefId": id, "operations": ["DEFINITION"], "enclosed": true, "properties": props})
}

fn definitions() -> Vec<EntityDefinition> {
    let enclosed = |name: &str, target: &str| {
        json!({"name": name, "type": "ENCLOSED_LIST", "maxItems": 100, "entityDefId": target, "defaultValue": [],
               "presentation": {"control": "TABLE", "group": "Routing"}})
    };
    let all = [
        "DEFINITION",
        "LIST",
        "CREATE",
        "UPDATE",
        "DELETE",
        "TEMPLATE",
    ];
    let defs = json!([
        {"entityDefId": CONNECTIVITY, "displayName": "BlackBerry Dynamics connectivity profile",
         "operations": all, "properties": [
            {"name": "description", "type": "STRING", "maxLength": 2000, "defaultValue": "",
             "presentation": {"control": "TEXTAREA", "group": "General", "order": 2}},
            {"name": "name", "type": "STRING", "required": true, "unique": true, "minLength": 1, "maxLength": 64,
             "displayName": "Name", "presentation": {"group": "General", "order": 1}},
            {"name": "routeAllTraffic", "type": "BOOLEAN", "defaultValue": false, "presentation": {"group": "Routing", "order": 3}},
            enclosed("defaultDomains", "com.blackberry.mdm.common.entity.DefaultDomainRoute"),
            {"name": "defaultAllowedDomainRouteType", "type": "ENUM", "defaultValue": "DIRECT",
             "values": [{"value": "BLACKBERRY_PROXY_CLUSTER"}, {"value": "DIRECT"}]},
            enclosed("allowedDomains", ALLOWED),
            enclosed("additionalServers", "com.blackberry.mdm.common.entity.ServerRoute"),
            {"name": "createdBy", "type": "STRING", "system": true, "readOnly": true},
            {"name": "assignedToGroups", "type": "STRING_LIST", "system": true, "readOnly": true, "defaultValue": []},
            {"name": "geofence", "type": "GEOFENCE"}
         ]},
        route("com.blackberry.mdm.common.entity.DefaultDomainRoute", "domainName", "BLACKBERRY_PROXY_CLUSTER", false),
        route(ALLOWED, "domainName", "DIRECT", false),
        route("com.blackberry.mdm.common.entity.ServerRoute", "serverName", "BLACKBERRY_PROXY_CLUSTER", true),
        {"entityDefId": CLUSTER, "displayName": "BlackBerry Proxy cluster", "operations": ["DEFINITION", "LIST"],
         "properties": [{"name": "name", "type": "STRING", "readOnly": true}]},
        {"entityDefId": SECURITY, "operations": all, "properties": [
            {"name": "name", "type": "STRING", "required": true, "maxLength": 64},
            {"name": "allPwdFormatIsAlphaNum", "type": "BOOLEAN", "defaultValue": true},
            {"name": "allPwdFormatMaxRepeatX", "type": "INTEGER", "min": 1, "max": 10, "defaultValue": 3},
            {"name": "allPwdDisallowNumericSequence", "type": "BOOLEAN", "defaultValue": true},
            {"name": "allPwdExpirationX", "type": "INTEGER", "min": 0, "max": 730, "defaultValue": 60},
            {"name": "allPwdAndroidFingerprint", "type": "BOOLEAN", "defaultValue": true},
            {"name": "allPwdAndroidFingerprintAndroidFingerprintColdStart", "type": "BOOLEAN", "defaultValue": false,
             "presentation": {"visibleWhen": {"property": "allPwdAndroidFingerprint", "equals": true}}},
            {"name": "allPwdBiometricsXTOUCHFACEColdStart", "type": "BOOLEAN", "defaultValue": false},
            {"name": "allPwdBiometricsXTOUCHRequirePasswordNotTouchIDPeriod", "type": "INTEGER", "min": 1, "max": 168, "defaultValue": 48},
            {"name": "allDataLeakagePreventionPreventScreenCapture", "type": "BOOLEAN", "defaultValue": true},
            {"name": "allDataLeakagePreventionPreventiOSScreenRecordingSharing", "type": "BOOLEAN", "defaultValue": true},
            {"name": "allWearableAllow", "type": "BOOLEAN", "defaultValue": false},
            {"name": "allWearableAllowAutoReconnect", "type": "BOOLEAN", "defaultValue": false},
            {"name": "allAllowedCertsUsePkcs12CertEnabled", "type": "BOOLEAN", "defaultValue": false}
         ]},
        {"entityDefId": "com.blackberry.mdm.common.entity.MtdGeneralSettings", "operations": ["DEFINITION", "LIST", "UPDATE"],
         "singleton": true, "requiredLicense": "BLACKBERRY_PROTECT", "licensed": false,
         "properties": [{"name": "malwareScanEnabled", "type": "BOOLEAN", "defaultValue": true}]},
        {"entityDefId": "com.blackberry.mdm.common.entity.settings.DeviceCheckAttestationKey",
         "operations": ["DEFINITION", "LIST", "UPDATE", "CREATE"], "requiredLicense": "BLACKBERRY_PROTECT", "licensed": true,
         "properties": [{"name": "name", "type": "STRING", "required": true}]},
        {"entityDefId": "com.blackberry.platform.common.api.entity.TenantSettings", "operations": ["DEFINITION", "LIST"],
         "abstract": true, "properties": []}
    ]);
    serde_json::from_value(defs).unwrap()
}

fn types() -> Vec<EntityType> {
    types_of(&definitions())
}

fn find<'a>(types: &'a [EntityType], id: &str) -> &'a EntityType {
    types.iter().find(|t| t.id == id).unwrap()
}

fn nested(t: &EntityType, name: &str) -> Arc<EntityType> {
    t.nested_item(name).unwrap()
}

#[test]
fn definitions_become_types_with_their_operations_groups_and_flags() {
    let t = types();
    let p = find(&t, CONNECTIVITY);
    assert_eq!(p.name, "BlackBerry Dynamics connectivity profile");
    assert_eq!(p.category, Category::Profiles);
    assert!(p.assignable && p.ops.template && p.ops.delete);
    // Ordered by the presentation's order, then as listed.
    let names: Vec<&str> = p.properties.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(&names[..3], ["name", "description", "routeAllTraffic"]);
    assert!(p.property("createdBy").unwrap().server_set);
    assert!(p.property("assignedToGroups").unwrap().server_set);
    // A property type the portal does not know is kept, not shown.
    assert!(p.property("geofence").unwrap().hidden);
    let allowed = nested(p, "allowedDomains");
    assert_eq!(allowed.id, ALLOWED);
    assert!(allowed.nested_only);
    let cluster = allowed.property("primaryCluster").unwrap();
    assert_eq!(
        cluster.visible_when,
        Some(("routeType".to_string(), json!("BLACKBERRY_PROXY_CLUSTER")))
    );
    assert!(allowed.property("nameEditable").unwrap().hidden);
    assert_eq!(p.reference_targets(), [CLUSTER]);

    let mtd = find(&t, "com.blackberry.mdm.common.entity.MtdGeneralSettings");
    assert_eq!(mtd.category, Category::Settings);
    assert!(mtd.singleton);
    assert_eq!(
        mtd.unavailable.as_deref(),
        Some("Needs the BlackBerry Protect licence, which this server does not have.")
    );
    let key = find(
        &t,
        "com.blackberry.mdm.common.entity.settings.DeviceCheckAttestationKey",
    );
    assert_eq!(key.category, Category::Lists);
    assert!(key.unavailable.is_none() && !key.ops.delete && !key.ops.template);
    let cl = find(&t, CLUSTER);
    assert_eq!(cl.category, Category::Reference);
    assert!(cl.is_read_only());
    let tenant = find(
        &t,
        "com.blackberry.platform.common.api.entity.TenantSettings",
    );
    assert_eq!(tenant.category, Category::Settings);
    assert!(!tenant.assignable);
}

/// The settings of a reference as the portal sends them: the ids, without the name.
fn without_reference_names(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if o.contains_key("entityInstanceId") {
                o.remove("settings");
            }
            o.values_mut().for_each(without_reference_names);
        }
        Value::Array(a) => a.iter_mut().for_each(without_reference_names),
        _ => {}
    }
}

#[test]
fn the_enclosed_entities_sample_goes_back_as_it_came() {
    let t = types();
    let ty = find(&t, CONNECTIVITY);
    let sample: EntityInstance = serde_json::from_str(samples::ENCLOSED_ENTITIES).unwrap();
    let entity = entity_of(ty, &sample);
    // In the portal's terms: rows of values, references by id and name.
    assert_eq!(
        entity.values["defaultDomains"][0]["primaryCluster"],
        json!({"id": "e1433bc5-5523-4cd7-9c7b-96ee2b95b06f", "name": "First"})
    );
    assert_eq!(entity.values["additionalServers"][0]["port"], json!(8005));
    let form = Form::new(ty, &entity.values);
    assert_eq!(form.rows("allowedDomains"), 1);
    let sent = check(ty, &form).unwrap();
    let body = serde_json::to_value(instance_of(ty, None, &sent)).unwrap();
    let mut want: Value = serde_json::from_str(samples::ENCLOSED_ENTITIES).unwrap();
    without_reference_names(&mut want);
    assert_eq!(body, want);
}

#[test]
fn the_create_sample_lacks_the_required_name_and_is_sent_as_it_is_once_named() {
    let t = types();
    let ty = find(&t, SECURITY);
    let sample: EntityInstance = serde_json::from_str(samples::CREATE_ENTITY).unwrap();
    let mut form = Form::new(ty, &entity_of(ty, &sample).values);
    // "All required fields must be provided": the sample is cut short before its name.
    assert_eq!(check(ty, &form).unwrap_err()["name"], "Required.");
    form.set_text("name", "Dynamics".into());
    let body = instance_of(ty, None, &check(ty, &form).unwrap());
    let mut want = sample.settings.clone();
    want.insert("name".into(), json!("Dynamics"));
    assert_eq!(body.settings, want);
    assert_eq!(body.entity_def_id, SECURITY);
}

#[test]
fn the_definitions_constraints_are_checked_before_sending() {
    let t = types();
    let ty = find(&t, CONNECTIVITY);
    let sample: EntityInstance = serde_json::from_str(samples::ENCLOSED_ENTITIES).unwrap();
    let mut form = Form::new(ty, &entity_of(ty, &sample).values);
    form.add_row("allowedDomains", &nested(ty, "allowedDomains"));
    form.at_mut(&Path::default().row("allowedDomains", 1))
        .unwrap()
        .set_text("domainName", "not a domain".into());
    form.at_mut(&Path::default().row("additionalServers", 0))
        .unwrap()
        .set_text("port", "70000".into());
    form.set_text("name", "x".repeat(65));
    let e = check(ty, &form).unwrap_err();
    assert_eq!(e["name"], "At most 64 characters.");
    assert_eq!(
        e["allowedDomains[1].domainName"],
        "Must be a domain such as example.com or *.example.com."
    );
    assert_eq!(
        e["additionalServers[0].port"],
        "Must be between 1 and 65535."
    );
    assert_eq!(e.len(), 3, "{e:?}");
}

#[test]
fn a_new_row_starts_from_its_definition_and_is_sent_with_its_type() {
    let t = types();
    let ty = find(&t, CONNECTIVITY);
    let mut form = Form::new(ty, &ty.default_values());
    form.set_text("name", "Routes".into());
    form.add_row("additionalServers", &nested(ty, "additionalServers"));
    let row = Path::default().row("additionalServers", 0);
    let r = form.at_mut(&row).unwrap();
    r.set_text("serverName", "app.example.com".into());
    // BLACKBERRY_PROXY_CLUSTER by default: the cluster is asked for.
    assert_eq!(
        check(ty, &form).unwrap_err()["additionalServers[0].primaryCluster"],
        "Choose one."
    );
    form.at_mut(&row).unwrap().set_text(
        "primaryCluster",
        "e1433bc5-5523-4cd7-9c7b-96ee2b95b06f".into(),
    );
    let body = instance_of(ty, Some("p-1"), &check(ty, &form).unwrap());
    assert_eq!(body.entity_instance_id.as_deref(), Some("p-1"));
    assert_eq!(
        Value::Object(
            body.settings["additionalServers"][0]
                .as_object()
                .unwrap()
                .clone()
        ),
        json!({
            "entityDefId": "com.blackberry.mdm.common.entity.ServerRoute",
            "settings": {
                "serverName": "app.example.com",
                "port": 443,
                "routeType": "BLACKBERRY_PROXY_CLUSTER",
                "primaryCluster": {"entityDefId": CLUSTER, "entityInstanceId": "e1433bc5-5523-4cd7-9c7b-96ee2b95b06f"},
                "nameEditable": true, "portEditable": true, "routeTypeEditable": true, "reservedRemovable": true
            }
        })
    );
    // Defaults fill what was not typed; system settings are left out.
    assert_eq!(body.settings["routeAllTraffic"], json!(false));
    assert!(
        !body.settings.contains_key("createdBy") && !body.settings.contains_key("assignedToGroups")
    );
}

#[test]
fn a_value_of_an_unknown_property_type_goes_back_untouched() {
    let t = types();
    let ty = find(&t, CONNECTIVITY);
    let mut settings = Map::new();
    settings.insert("name".into(), json!("G"));
    settings.insert("geofence".into(), json!({"lat": 1.5, "radius": 20}));
    let i = EntityInstance {
        entity_def_id: CONNECTIVITY.into(),
        entity_instance_id: Some("g".into()),
        settings,
    };
    let form = Form::new(ty, &entity_of(ty, &i).values);
    let body = instance_of(ty, Some("g"), &check(ty, &form).unwrap());
    assert_eq!(body.settings["geofence"], json!({"lat": 1.5, "radius": 20}));
}

#[test]
fn the_profile_of_an_entity_is_found_by_guid_else_by_definition_and_name() {
    let t = types();
    let ty = find(&t, CONNECTIVITY);
    let entity = Entity {
        type_id: CONNECTIVITY.into(),
        id: Some("ABC".into()),
        values: serde_json::from_value(json!({"name": "Default"})).unwrap(),
        label: None,
    };
    let p = |guid: &str, def: Option<&str>| Profile {
        guid: guid.into(),
        name: Some("Default".into()),
        entity_def_id: def.map(String::from),
        ..Profile::default()
    };
    let found = Profiles {
        profiles: vec![p("other", Some(SECURITY)), p("abc", Some(CONNECTIVITY))],
    };
    assert_eq!(profile_guid(&found, ty, &entity).as_deref(), Some("abc"));
    let found = Profiles {
        profiles: vec![p("other", Some(SECURITY)), p("x", Some(CONNECTIVITY))],
    };
    assert_eq!(profile_guid(&found, ty, &entity).as_deref(), Some("x"));
    let found = Profiles {
        profiles: vec![p("other", Some(SECURITY))],
    };
    assert_eq!(profile_guid(&found, ty, &entity), None);
}

#[test]
fn the_only_object_of_a_single_object_type_is_called_by_the_type() {
    let t = types();
    let mtd = find(&t, "com.blackberry.mdm.common.entity.MtdGeneralSettings");
    let i: EntityInstance = serde_json::from_value(json!({
        "entityDefId": mtd.id, "entityInstanceId": "ext-tenant-1", "settings": {"malwareScanEnabled": true}
    }))
    .unwrap();
    let e = entity_of(mtd, &i);
    assert_eq!(e.name(), "MtdGeneralSettings");
    assert_eq!(e.href(), format!("/profiles/{}/ext-tenant-1", mtd.id));
}
