//! UEM REST API overview, "Entities", "Understanding entity definitions", "Supported entity
//! definitions", "Get an entity instance template", "Create/update an entity", "Enclosed
//! entities", "Allowed or restricted device models in the compliance profile".

mod common;
mod uem_support;

use axum::body::Body;
use axum::http::Method;
use serde_json::{json, Value};
use uem_support::{allow, error, Uem, ADMIN};
use wire::uem::entity::{
    EntityDefinition, EntityDefinitions, EntityInstance, EntityInstances, Operation, PropertyType,
    SYSTEM_FIELDS,
};
use wire::uem::media;

const P: &str = "com.blackberry.mdm.common.entity.";
const CLUSTER_FIRST: &str = "e1433bc5-5523-4cd7-9c7b-96ee2b95b06f";
const EXTERNAL_TENANT_ID: &str = mock_server::uem::world::EXTERNAL_TENANT_ID;

async fn admin() -> (Uem, String) {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    (u, t)
}

async fn post_instance(u: &Uem, t: &str, def: &str, body: &Value) -> common::Reply {
    u.call(
        Method::POST,
        &format!("entities/{def}"),
        t,
        &[("content-type", media::ENTITY_INSTANCE)],
        body.to_string(),
    )
    .await
}

async fn put_instance(u: &Uem, t: &str, def: &str, id: &str, body: &Value) -> common::Reply {
    u.call(
        Method::PUT,
        &format!("entities/{def}/{id}"),
        t,
        &[("content-type", media::ENTITY_INSTANCE)],
        body.to_string(),
    )
    .await
}

/// Creates `settings` as a `def` and answers the error's `(id, message)` or the instance.
async fn create(
    u: &Uem,
    t: &str,
    def: &str,
    settings: Value,
) -> Result<EntityInstance, (String, String)> {
    let r = post_instance(
        u,
        t,
        def,
        &json!({ "entityDefId": def, "settings": settings }),
    )
    .await;
    if r.status == 201 {
        Ok(Uem::parse(&r, 201))
    } else {
        let e: wire::uem::ErrorBody = common::parse(&r);
        Err((e.id, e.message.unwrap_or_default()))
    }
}

#[tokio::test]
async fn supported_entity_definitions_the_39_with_properties() {
    let (u, t) = admin().await;
    let r = u.get(&t, "entityDefs", media::ENTITY_DEFINITIONS).await;
    assert_eq!(r.header("content-type"), Some(media::ENTITY_DEFINITIONS));
    let defs: EntityDefinitions = Uem::parse(&r, 200);
    assert_eq!(defs.entity_definitions.len(), 39);
    let by = |short: &str| -> &EntityDefinition {
        defs.entity_definitions
            .iter()
            .find(|d| d.entity_def_id.ends_with(&format!(".{short}")))
            .unwrap()
    };
    let c = by("ComplianceProfile");
    assert_eq!(c.operations.len(), 6);
    let name = c.property("name").unwrap();
    assert!(name.required && name.unique);
    assert_eq!((name.min_length, name.max_length), (Some(1), Some(64)));
    assert!(name.presentation.as_ref().unwrap().group.is_some());
    // The settings not to send on create or update are described, and marked.
    for f in SYSTEM_FIELDS {
        assert!(c.property(f).unwrap().system, "{f}");
    }
    assert_eq!(
        by("Cluster").operations,
        [Operation::Definition, Operation::List]
    );
    let route = by("DefaultDomainRoute");
    assert!(route.enclosed);
    let cluster = route.property("primaryCluster").unwrap();
    assert_eq!(cluster.kind, Some(PropertyType::Reference));
    assert_eq!(
        cluster.entity_def_id.as_deref(),
        Some(&*format!("{P}Cluster"))
    );
    assert!(by("KnoxAttestationSettings").singleton);
    assert_eq!(by("ApprovedApplication").licensed, Some(true));
    assert_eq!(by("Cluster").licensed, None);
    // One definition by itself (beyond the document).
    let r = u
        .get(
            &t,
            &format!("entityDefs/{P}profile.DynamicsConnectivityProfile"),
            media::ENTITY_DEFINITION,
        )
        .await;
    let d: EntityDefinition = Uem::parse(&r, 200);
    assert_eq!(
        d.property("defaultDomains").unwrap().kind,
        Some(PropertyType::EnclosedList)
    );
}

#[tokio::test]
async fn supported_entity_definitions_list_and_template_follow_the_operations_table() {
    let (u, t) = admin().await;
    let defs: EntityDefinitions = Uem::parse(
        &u.get(&t, "entityDefs", media::ENTITY_DEFINITIONS).await,
        200,
    );
    for d in &defs.entity_definitions {
        let id = &d.entity_def_id;
        let list = u
            .get(&t, &format!("entities/{id}"), media::ENTITY_INSTANCES)
            .await;
        if d.supports(&Operation::List) && !d.enclosed {
            let l: EntityInstances = Uem::parse(&list, 200);
            assert!(!l.entity_instances.is_empty(), "{id} has seeded instances");
        } else {
            error(&list, 405, "OPERATION_NOT_SUPPORTED");
            assert!(!allow(&list).contains(&"GET".to_string()), "{id}");
        }
        let tpl = u
            .get(
                &t,
                &format!("entities/{id}/template"),
                media::ENTITY_INSTANCE,
            )
            .await;
        if d.supports(&Operation::Template) {
            let i: EntityInstance = Uem::parse(&tpl, 200);
            assert_eq!(&i.entity_def_id, id);
            assert_eq!(i.entity_instance_id, None);
        } else {
            error(&tpl, 405, "OPERATION_NOT_SUPPORTED");
        }
        // Create, update and delete: refused (405) exactly where the table has none.
        let first = list
            .json()
            .pointer("/entityInstances/0/entityInstanceId")
            .and_then(Value::as_str)
            .unwrap_or("none")
            .to_string();
        let body = json!({"settings": {}});
        for (op, r) in [
            (Operation::Create, post_instance(&u, &t, id, &body).await),
            (
                Operation::Update,
                put_instance(&u, &t, id, &first, &body).await,
            ),
            (
                Operation::Delete,
                u.call(
                    Method::DELETE,
                    &format!("entities/{id}/{first}"),
                    &t,
                    &[],
                    Body::empty(),
                )
                .await,
            ),
        ] {
            let supported = d.supports(&op) && !d.enclosed;
            let refused = r.status == 405;
            assert_eq!(refused, !supported, "{id} {op}: {}", r.text());
        }
    }
    // "Get an entity instance template" under TenantSettings is the next section's heading
    // (overview, "Supported entity definitions"): TenantSettings has no template.
    let r = u
        .get(
            &t,
            "entities/com.blackberry.platform.common.api.entity.TenantSettings/template",
            media::ENTITY_INSTANCE,
        )
        .await;
    error(&r, 405, "OPERATION_NOT_SUPPORTED");
    // Create, update and delete refused where the table has none, with Allow saying what is.
    let r = post_instance(
        &u,
        &t,
        &format!("{P}Cluster"),
        &json!({"settings": {"name": "x"}}),
    )
    .await;
    error(&r, 405, "OPERATION_NOT_SUPPORTED");
    assert_eq!(allow(&r), ["GET"]);
    let key = format!("{P}settings.DeviceCheckAttestationKey");
    let r = u
        .call(
            Method::DELETE,
            &format!("entities/{key}/dc000001-0000-4000-8000-000000000001"),
            &t,
            &[],
            Body::empty(),
        )
        .await;
    error(&r, 405, "OPERATION_NOT_SUPPORTED");
    assert_eq!(allow(&r), ["GET", "PUT"]);
    let r = put_instance(
        &u,
        &t,
        &format!("{P}Cluster"),
        CLUSTER_FIRST,
        &json!({"settings": {}}),
    )
    .await;
    error(&r, 405, "OPERATION_NOT_SUPPORTED");
    // An unknown definition is 404.
    error(
        &u.get(&t, "entities/com.example.Nothing", "*/*").await,
        404,
        "ENTITY_DEFINITION_NOT_FOUND",
    );
}

#[tokio::test]
async fn get_an_entity_instance_template_and_send_it_back_system_fields_ignored() {
    // "Getting an entity instance template and applying updates is the preferred method to
    // create an entity"; the system settings it holds are "not intended to be used".
    let (u, t) = admin().await;
    let def = format!("{P}profile.DynamicsSecurityProfile");
    let r = u
        .get(
            &t,
            &format!("entities/{def}/template"),
            media::ENTITY_INSTANCE,
        )
        .await;
    assert_eq!(r.header("content-type"), Some(media::ENTITY_INSTANCE));
    let mut tpl: EntityInstance = Uem::parse(&r, 200);
    assert_eq!(tpl.settings["allPwdExpirationX"], json!(60));
    assert_eq!(tpl.settings["isDefault"], json!(false));
    assert_eq!(tpl.settings["assignedToGroups"], json!([]));
    tpl.settings
        .insert("name".into(), json!("From the template"));
    tpl.settings.insert("allPwdExpirationX".into(), json!(30));
    // System fields changed by the client are ignored, not stored.
    tpl.settings.insert("createdBy".into(), json!("mallory"));
    tpl.settings.insert("rank".into(), json!(99));
    tpl.settings.insert("isDefault".into(), json!(true));
    tpl.settings.insert("assignedToGroups".into(), json!(["x"]));
    tpl.settings.insert("notAProperty".into(), json!(1));
    let r = post_instance(&u, &t, &def, &serde_json::to_value(&tpl).unwrap()).await;
    let made: EntityInstance = Uem::parse(&r, 201);
    let id = made.entity_instance_id.clone().unwrap();
    assert_eq!(
        r.header("location"),
        Some(&*format!("/SRP00000/api/v1/entities/{def}/{id}"))
    );
    let s = &made.settings;
    assert_eq!(s["allPwdExpirationX"], json!(30));
    assert_eq!(s["createdBy"], json!("admin"));
    assert_eq!(s["isDefault"], json!(false));
    assert_eq!(s["rank"], json!(2));
    assert_eq!(s["assignedToGroups"], json!([]));
    assert!(s.get("notAProperty").is_none());
    assert!(wire::uem::parse_time(s["date"].as_str().unwrap()).is_some());
    // Read back (beyond the document) equals the answer.
    let r = u
        .get(&t, &format!("entities/{def}/{id}"), media::ENTITY_INSTANCE)
        .await;
    assert_eq!(Uem::parse::<EntityInstance>(&r, 200), made);
}

#[tokio::test]
async fn create_update_an_entity_sample_needs_all_required_fields() {
    // The overview's body (its `...` left out) has no `name`: "you must provide all of the
    // required fields as defined in the entity definition".
    let (u, t) = admin().await;
    let def = format!("{P}profile.DynamicsSecurityProfile");
    let mut sample: Value = serde_json::from_str(wire::uem::samples::CREATE_ENTITY).unwrap();
    let r = post_instance(&u, &t, &def, &sample).await;
    let e = error(&r, 400, "MISSING_REQUIRED_PROPERTY");
    assert_eq!(e.property(), Some(("name", "is required")));
    sample["settings"]["name"] = json!("Sample Dynamics profile");
    let made: EntityInstance = Uem::parse(&post_instance(&u, &t, &def, &sample).await, 201);
    for (k, v) in sample["settings"].as_object().unwrap() {
        assert_eq!(&made.settings[k], v, "{k}");
    }
    // Absent optional properties take their default.
    assert_eq!(made.settings["description"], json!(""));
    // A body for another definition, or not an instance, is refused.
    let r = post_instance(&u, &t, &format!("{P}profile.ComplianceProfile"), &sample).await;
    error(&r, 400, "INVALID_REQUEST");
    let r = post_instance(&u, &t, &def, &json!([1, 2])).await;
    error(&r, 400, "INVALID_REQUEST");
}

#[tokio::test]
async fn understanding_entity_definitions_constraint_errors_name_the_property() {
    let (u, t) = admin().await;
    let dyn_def = format!("{P}profile.DynamicsSecurityProfile");
    let comp = format!("{P}profile.ComplianceProfile");
    let act = format!("{P}profile.ActivationPolicy");
    let app = format!("{P}ApprovedApplication");
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            &dyn_def,
            json!({"name": "x".repeat(65)}),
            "INVALID_PROPERTY_VALUE",
            "name: must be at most 64 characters",
        ),
        (
            &dyn_def,
            json!({"name": ""}),
            "INVALID_PROPERTY_VALUE",
            "name: must be at least 1 character",
        ),
        (
            &dyn_def,
            json!({"name": 5}),
            "INVALID_PROPERTY_VALUE",
            "name: must be text",
        ),
        (
            &dyn_def,
            json!({"name": "a", "allPwdExpirationX": 731}),
            "INVALID_PROPERTY_VALUE",
            "allPwdExpirationX: must be between 0 and 730",
        ),
        (
            &dyn_def,
            json!({"name": "a", "allPwdExpirationX": 3.5}),
            "INVALID_PROPERTY_VALUE",
            "allPwdExpirationX: must be a whole number",
        ),
        (
            &dyn_def,
            json!({"name": "a", "allPwdExpirationX": 1e300}),
            "INVALID_PROPERTY_VALUE",
            "allPwdExpirationX: must be a whole number",
        ),
        (
            &dyn_def,
            json!({"name": "a", "allWearableAllow": "yes"}),
            "INVALID_PROPERTY_VALUE",
            "allWearableAllow: must be true or false",
        ),
        (
            &comp,
            json!({"name": "a", "rootedOsAction": "EXPLODE"}),
            "INVALID_PROPERTY_VALUE",
            "rootedOsAction: must be one of NONE, PROMPT, QUARANTINE, UNTRUST, DELETE_WORK_DATA",
        ),
        (
            &comp,
            json!({"name": "a", "blockedCountries": ["FR", "FRA"]}),
            "INVALID_PROPERTY_VALUE",
            "blockedCountries[1]: must be at most 2 characters",
        ),
        (
            &comp,
            json!({"name": "a", "blockedCountries": "FR"}),
            "INVALID_PROPERTY_VALUE",
            "blockedCountries: must be a list",
        ),
        (
            &act,
            json!({"name": "a", "allowedPlatforms": []}),
            "INVALID_PROPERTY_VALUE",
            "allowedPlatforms: must have at least 1 item",
        ),
        (
            &act,
            json!({"name": "a", "allowedPlatforms": ["IOS", "ios"]}),
            "INVALID_PROPERTY_VALUE",
            "allowedPlatforms[1]: IOS is listed twice",
        ),
        (
            &app,
            json!({"name": "a", "packageId": "not a package"}),
            "INVALID_PROPERTY_VALUE",
            "packageId: must be an application id such as com.example.app",
        ),
        (
            &app,
            json!({"name": "a", "packageId": "com.x.y", "hash": "abc"}),
            "INVALID_PROPERTY_VALUE",
            "hash: must be a SHA-256 digest of 64 hexadecimal digits",
        ),
        (
            &app,
            json!({"name": "a"}),
            "MISSING_REQUIRED_PROPERTY",
            "packageId: is required",
        ),
        (
            &comp,
            json!({"name": "Default compliance"}),
            "DUPLICATE_VALUE",
            "name: a ComplianceProfile with the name \"Default compliance\" already exists",
        ),
        (
            &comp,
            json!({"name": "DEFAULT COMPLIANCE "}),
            "DUPLICATE_VALUE",
            "name: a ComplianceProfile with the name \"DEFAULT COMPLIANCE \" already exists",
        ),
    ];
    for (def, settings, id, message) in cases {
        let got = create(&u, &t, def, settings.clone()).await.map(|_| ());
        assert_eq!(
            got,
            Err((id.to_string(), message.to_string())),
            "{def} {settings}"
        );
        // The portal maps the message to its field.
        let e = wire::uem::ErrorBody::new(wire::uem::errors::INVALID_PROPERTY_VALUE, message);
        assert!(e.property().is_some(), "{message}");
    }
    // The duplicate is 409; enum values are read case-insensitively and stored as defined.
    let r = post_instance(
        &u,
        &t,
        &comp,
        &json!({"settings": {"name": "Default compliance"}}),
    )
    .await;
    error(&r, 409, "DUPLICATE_VALUE");
    let made = create(
        &u,
        &t,
        &comp,
        json!({"name": "Lenient", "rootedOsAction": "untrust"}),
    )
    .await
    .unwrap();
    assert_eq!(made.settings["rootedOsAction"], json!("UNTRUST"));
    // A required property with a default takes it when absent; one without must be sent.
    let made = create(
        &u,
        &t,
        &app,
        json!({"name": "Defaults", "packageId": "com.a.b"}),
    )
    .await
    .unwrap();
    assert_eq!(made.settings["platform"], json!("ANDROID"));
    assert!(made.settings.get("hash").is_none());
}

#[tokio::test]
async fn enclosed_entities_sample_and_its_nested_errors() {
    let (u, t) = admin().await;
    let def = format!("{P}profile.DynamicsConnectivityProfile");
    // The overview's body, verbatim.
    let sample: Value = serde_json::from_str(wire::uem::samples::ENCLOSED_ENTITIES).unwrap();
    let made: EntityInstance = Uem::parse(&post_instance(&u, &t, &def, &sample).await, 201);
    let route = &made.settings["defaultDomains"][0];
    assert_eq!(
        route["entityDefId"],
        json!(format!("{P}DefaultDomainRoute"))
    );
    assert_eq!(
        route["settings"]["primaryCluster"]["settings"]["name"],
        json!("First")
    );
    assert_eq!(
        made.settings["additionalServers"][0]["settings"]["port"],
        json!(8005)
    );
    assert_eq!(made.settings["ipAddressRanges"], json!([]));
    // Errors inside enclosed entities are named by their path.
    let bad = |settings: Value| {
        let mut s = sample["settings"].clone();
        s["name"] = json!("Another");
        for (k, v) in settings.as_object().unwrap() {
            s[k] = v.clone();
        }
        s
    };
    let route = format!("{P}DefaultDomainRoute");
    let cases = [
        (json!({"defaultDomains": [{"entityDefId": route, "settings": {"routeType": "DIRECT"}}]}),
         "MISSING_REQUIRED_PROPERTY", "defaultDomains[0].domainName: is required"),
        // primaryCluster is required only while routeType is BLACKBERRY_PROXY_CLUSTER.
        (json!({"defaultDomains": [{"entityDefId": route, "settings": {"domainName": "a.example.com"}}]}),
         "MISSING_REQUIRED_PROPERTY", "defaultDomains[0].primaryCluster: is required"),
        (json!({"defaultDomains": [{"entityDefId": format!("{P}ServerRoute"), "settings": {}}]}),
         "INVALID_PROPERTY_VALUE", "defaultDomains[0]: must be a DefaultDomainRoute, not com.blackberry.mdm.common.entity.ServerRoute"),
        (json!({"additionalServers": [{"settings": {"serverName": "s.example.com", "port": 70000, "routeType": "DIRECT"}}]}),
         "INVALID_PROPERTY_VALUE", "additionalServers[0].port: must be between 1 and 65535"),
        (json!({"appServers": [{"settings": {"application": {"entityInstanceId": "a9900001-0000-4000-8000-000000000001"},
                 "servers": [{"settings": {"serverName": "bad host"}}]}}]}),
         "INVALID_PROPERTY_VALUE", "appServers[0].servers[0].serverName: must be a host name such as server01.example.com"),
        (json!({"appServers": [{"settings": {"application": {"entityInstanceId": "a9900001-0000-4000-8000-000000000001"}, "servers": []}}]}),
         "INVALID_PROPERTY_VALUE", "appServers[0].servers: must have at least 1 item"),
    ];
    for (settings, id, message) in cases {
        let got = create(&u, &t, &def, bad(settings.clone()))
            .await
            .map(|_| ());
        assert_eq!(
            got,
            Err((id.to_string(), message.to_string())),
            "{settings}"
        );
    }
    let ok = bad(
        json!({"defaultDomains": [{"settings": {"domainName": "b.example.com", "routeType": "DIRECT"}}]}),
    );
    assert!(create(&u, &t, &def, ok).await.is_ok());
    // An enclosed entity cannot be fetched or created on its own.
    let r = u
        .get(&t, &format!("entities/{route}"), media::ENTITY_INSTANCES)
        .await;
    error(&r, 405, "OPERATION_NOT_SUPPORTED");
    assert!(allow(&r).is_empty());
}

#[tokio::test]
async fn references_to_other_entities_are_checked_and_named() {
    // "primaryCluster": {"entityDefId", "entityInstanceId", "settings": {"name"}}; the compliance
    // profile's hardware lists refer to vendors, brands and models.
    let (u, t) = admin().await;
    let comp = format!("{P}profile.ComplianceProfile");
    let galaxy_s10 = "db000001-0000-4000-8000-000000000001";
    let made = create(
        &u,
        &t,
        &comp,
        json!({"name": "Samsung only", "hardwareListType": "ALLOWED",
               "hardwareVendors": [{"entityDefId": format!("{P}DeviceHardwareVendor"), "entityInstanceId": "d0000001-0000-4000-8000-000000000001", "settings": {"name": "ignored"}}],
               "hardwareBrands": [{"entityInstanceId": galaxy_s10.to_uppercase()}]}),
    )
    .await
    .unwrap();
    assert_eq!(
        made.settings["hardwareVendors"][0]["settings"]["name"],
        json!("Samsung")
    );
    assert_eq!(
        made.settings["hardwareBrands"][0]["entityInstanceId"],
        json!(galaxy_s10)
    );
    assert_eq!(
        made.settings["hardwareBrands"][0]["settings"]["name"],
        json!("Galaxy S10")
    );
    // "getting the compliance profile from the entities API will return only the values
    // explicitly set": no models were set.
    assert_eq!(made.settings["hardwareModels"], json!([]));
    let missing = "00000000-0000-4000-8000-000000000000";
    let cases = [
        (json!({"minimumOsVersion": {"entityInstanceId": missing}}),
         format!("minimumOsVersion: no DeviceOsVersion has the entityInstanceId {missing}")),
        (json!({"minimumOsVersion": {"entityDefId": format!("{P}Cluster"), "entityInstanceId": CLUSTER_FIRST}}),
         format!("minimumOsVersion: must refer to a DeviceOsVersion, not {P}Cluster")),
        (json!({"minimumOsVersion": "d5000001-0000-4000-8000-000000000001"}),
         "minimumOsVersion: must be a reference {\"entityDefId\", \"entityInstanceId\"} to a DeviceOsVersion".to_string()),
        (json!({"hardwareBrands": [{"entityInstanceId": galaxy_s10}, {"entityInstanceId": galaxy_s10}]}),
         format!("hardwareBrands[1]: {galaxy_s10} is listed twice")),
    ];
    for (extra, message) in cases {
        let mut s = json!({"name": "Bad refs"});
        for (k, v) in extra.as_object().unwrap() {
            s[k] = v.clone();
        }
        let got = create(&u, &t, &comp, s).await.map(|_| ());
        assert_eq!(got, Err(("INVALID_PROPERTY_VALUE".to_string(), message)));
    }
}

#[tokio::test]
async fn singleton_entities_use_the_external_tenant_id() {
    // "There is only one instance and the External Tenant Id is used as the entityInstanceId."
    let (u, t) = admin().await;
    let def = format!("{P}settings.KnoxAttestationSettings");
    let l: EntityInstances = Uem::parse(
        &u.get(&t, &format!("entities/{def}"), media::ENTITY_INSTANCES)
            .await,
        200,
    );
    assert_eq!(l.entity_instances.len(), 1);
    let one = &l.entity_instances[0];
    assert_eq!(one.entity_instance_id.as_deref(), Some(EXTERNAL_TENANT_ID));
    assert_eq!(one.settings["enabled"], json!(false));
    let body = json!({"entityDefId": def, "entityInstanceId": EXTERNAL_TENANT_ID,
                      "settings": {"enabled": true, "challengeFrequencyHours": 6}});
    let r = put_instance(&u, &t, &def, EXTERNAL_TENANT_ID, &body).await;
    let updated: EntityInstance = Uem::parse(&r, 200);
    assert_eq!(updated.settings["enabled"], json!(true));
    assert_eq!(updated.settings["challengeFrequencyHours"], json!(6));
    // Update only: no create, no delete, no other id.
    let r = post_instance(&u, &t, &def, &body).await;
    error(&r, 405, "OPERATION_NOT_SUPPORTED");
    assert_eq!(allow(&r), ["GET"]);
    let r = u
        .call(
            Method::DELETE,
            &format!("entities/{def}/{EXTERNAL_TENANT_ID}"),
            &t,
            &[],
            Body::empty(),
        )
        .await;
    error(&r, 405, "OPERATION_NOT_SUPPORTED");
    let r = put_instance(&u, &t, &def, "another-id", &json!({"settings": {}})).await;
    error(&r, 404, "ENTITY_INSTANCE_NOT_FOUND");
}

#[tokio::test]
async fn licence_gated_entities_while_blackberry_protect_is_absent() {
    // "This entity is supported only when the licensed BlackBerry Protect service is enabled."
    let (u, t) = admin().await;
    let app = format!("{P}ApprovedApplication");
    assert_eq!(
        u.get(&t, &format!("entities/{app}"), media::ENTITY_INSTANCES)
            .await
            .status,
        200
    );
    let r = u.hook("/_mock/uem/license", r#"{"protect": false}"#).await;
    assert_eq!(r.json(), json!({"protect": false}));
    let e = error(
        &u.get(&t, &format!("entities/{app}"), media::ENTITY_INSTANCES)
            .await,
        403,
        "LICENSE_REQUIRED",
    );
    assert!(e.message.unwrap().contains("BLACKBERRY_PROTECT"));
    let r = post_instance(
        &u,
        &t,
        &app,
        &json!({"settings": {"name": "a", "packageId": "com.a.b"}}),
    )
    .await;
    error(&r, 403, "LICENSE_REQUIRED");
    // The definitions say so, and stay readable.
    let d: EntityDefinition = Uem::parse(
        &u.get(&t, &format!("entityDefs/{app}"), media::ENTITY_DEFINITION)
            .await,
        200,
    );
    assert_eq!(d.licensed, Some(false));
    let defs: EntityDefinitions = Uem::parse(
        &u.get(&t, "entityDefs", media::ENTITY_DEFINITIONS).await,
        200,
    );
    let unlicensed = defs
        .entity_definitions
        .iter()
        .filter(|d| d.licensed == Some(false))
        .count();
    assert_eq!(unlicensed, 10);
    // TenantSettings enumerates only what the tenant may use.
    let ts = "entities/com.blackberry.platform.common.api.entity.TenantSettings";
    let l: EntityInstances = Uem::parse(&u.get(&t, ts, media::ENTITY_INSTANCES).await, 200);
    assert_eq!(l.entity_instances.len(), 3);
    u.hook("/_mock/uem/license", r#"{"protect": true}"#).await;
    let l: EntityInstances = Uem::parse(&u.get(&t, ts, media::ENTITY_INSTANCES).await, 200);
    assert_eq!(l.entity_instances.len(), 6);
    assert!(l
        .entity_instances
        .iter()
        .all(|i| i.entity_instance_id.as_deref() == Some(EXTERNAL_TENANT_ID)));
}

#[tokio::test]
async fn beyond_the_document_update_replaces_and_delete_removes() {
    let (u, t) = admin().await;
    let def = format!("{P}profile.ComplianceProfile");
    let id = "c0000001-0000-4000-8000-000000000001";
    let before: EntityInstance = Uem::parse(
        &u.get(&t, &format!("entities/{def}/{id}"), media::ENTITY_INSTANCE)
            .await,
        200,
    );
    // System settings reflect the profile's group assignment (seeded: Engineering).
    assert_eq!(
        before.settings["assignedToGroups"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let mut body = serde_json::to_value(&before).unwrap();
    body["settings"] = json!({"name": "Renamed compliance", "rootedOsAction": "PROMPT", "gracePeriodMinutes": 60,
                              "lastModifiedTime": "2000-01-01T00:00:00.000Z"});
    let after: EntityInstance = Uem::parse(&put_instance(&u, &t, &def, id, &body).await, 200);
    assert_eq!(after.settings["name"], json!("Renamed compliance"));
    // Replaced: what was not sent is back to its default.
    assert_eq!(after.settings["antivirusVendors"], json!([]));
    assert!(after.settings.get("minimumOsVersion").is_none());
    assert_ne!(
        after.settings["lastModifiedTime"],
        json!("2000-01-01T00:00:00.000Z")
    );
    assert_eq!(after.settings["date"], before.settings["date"]);
    assert_eq!(
        after.settings["assignedToGroups"],
        before.settings["assignedToGroups"]
    );
    // The id in the body must be the path's.
    body["entityInstanceId"] = json!("c0000001-0000-4000-8000-000000000002");
    error(
        &put_instance(&u, &t, &def, id, &body).await,
        400,
        "INVALID_REQUEST",
    );
    let r = u
        .call(
            Method::DELETE,
            &format!("entities/{def}/{id}"),
            &t,
            &[],
            Body::empty(),
        )
        .await;
    assert_eq!(r.status, 204);
    error(
        &u.get(&t, &format!("entities/{def}/{id}"), media::ENTITY_INSTANCE)
            .await,
        404,
        "ENTITY_INSTANCE_NOT_FOUND",
    );
    let r = u
        .get(&t, "profiles?query=name=Renamed*", media::PROFILES)
        .await;
    assert_eq!(r.json()["profiles"], json!([]));
}
