//! UEM REST API overview, "Request all Groups", "Request a Profile by Name", "Assign a Profile to
//! a Group", the user profile assignments of "Uploading certificate for a User credential
//! profile…", the USER_CERTIFICATE profile of "Uploading a user certificate for a User…", and the
//! user devices (beyond the document).

mod common;
mod uem_support;

use axum::body::Body;
use axum::http::Method;
use serde_json::json;
use uem_support::{error, Uem, ADMIN, JDOE, PMORLEY};
use wire::uem::certs::EmbeddedCertificates;
use wire::uem::directory::{
    CertificateSource, Groups, ProfileAssignments, ProfileCategory, Profiles, UserDevices,
};
use wire::uem::entity::EntityInstance;
use wire::uem::media;

async fn groups(u: &Uem, t: &str) -> Groups {
    Uem::parse(&u.get(t, "groups", media::GROUPS).await, 200)
}

async fn assignments(u: &Uem, t: &str, user: &str) -> ProfileAssignments {
    Uem::parse(
        &u.get(
            t,
            &format!("users/{user}/profiles"),
            media::PROFILE_ASSIGNMENTS,
        )
        .await,
        200,
    )
}

async fn assign(u: &Uem, t: &str, profile: &str, body: &str) -> common::Reply {
    u.call(
        Method::POST,
        &format!("profiles/{profile}/groups"),
        t,
        &[("content-type", media::GROUPS)],
        body.to_string(),
    )
    .await
}

#[tokio::test]
async fn request_all_groups() {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let g = groups(&u, &t).await;
    assert_eq!(g.groups.len(), 6);
    let wifi = g
        .groups
        .iter()
        .find(|x| x.name.as_deref() == Some("Wi-Fi users"))
        .unwrap();
    assert!(wifi.member_count.unwrap() >= 2);
    // A hostile name comes back as sent, for the portal to show as text.
    assert!(g
        .groups
        .iter()
        .any(|x| x.name.as_deref() == Some(mock_server::seed::PAYLOAD_LABEL)));
    // The same seed gives the same groups.
    let again = Uem::new();
    let t2 = again.sign_in(ADMIN).await;
    assert_eq!(groups(&again, &t2).await, g);
}

#[tokio::test]
async fn request_a_profile_by_name() {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let by = |q: &'static str| {
        let u = &u;
        let t = t.clone();
        async move { Uem::parse::<Profiles>(&u.get(&t, q, media::PROFILES).await, 200) }
    };
    let p = by("profiles?query=name=Default").await;
    assert_eq!(p.profiles.len(), 3);
    assert!(p
        .profiles
        .iter()
        .all(|x| x.name.as_deref() == Some("Default")));
    let mut cats: Vec<_> = p
        .profiles
        .iter()
        .map(|x| x.category.clone().unwrap())
        .collect();
    cats.sort();
    assert_eq!(
        cats,
        [
            ProfileCategory::Activation,
            ProfileCategory::Dynamics,
            ProfileCategory::DynamicsConnectivity
        ]
    );
    assert!(p.profiles.iter().all(|x| x.entity_def_id.is_some()));
    // The `=` inside the value, encoded or not; case-insensitive; a trailing `*`.
    assert_eq!(by("profiles?query=name%3DDEFAULT").await, p);
    let c = by("profiles?query=name=corporate*").await;
    let names: Vec<_> = c.profiles.iter().map(|x| x.name.clone().unwrap()).collect();
    assert_eq!(names, ["Corporate Wi-Fi credential", "Corporate SCEP"]);
    assert_eq!(
        c.profiles[0].certificate_source,
        Some(CertificateSource::Manual)
    );
    assert!(by("profiles?query=name=test").await.profiles.is_empty());
    // Without a query: every profile but the USER_CERTIFICATE ones ("can't be queried as a
    // profile").
    let all = by("profiles").await;
    assert!(all.profiles.len() > 10);
    assert!(all
        .profiles
        .iter()
        .all(|x| x.category != Some(ProfileCategory::UserCertificate)));
    for bad in ["profiles?query=category=SCEP", "profiles?query=name"] {
        error(&u.get(&t, bad, media::PROFILES).await, 400, "INVALID_QUERY");
    }
}

#[tokio::test]
async fn assign_a_profile_to_a_group() {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let g = groups(&u, &t).await;
    let sales = g
        .groups
        .iter()
        .find(|x| x.name.as_deref() == Some("Sales"))
        .unwrap()
        .guid
        .clone();
    let def = "com.blackberry.mdm.common.entity.profile.DynamicsSecurityProfile";
    let profile = "d5ec0001-0000-4000-8000-000000000001";
    // The overview's body shape.
    let body = format!("{{\n  \"groups\" : [ {{\n    \"guid\" : \"{sales}\"\n  }} ]\n}}");
    let r = assign(&u, &t, profile, &body).await;
    assert_eq!(r.status, 204, "{}", r.text());
    // Twice is the same.
    assert_eq!(assign(&u, &t, profile, &body).await.status, 204);
    let assigned: Groups = Uem::parse(
        &u.get(&t, &format!("profiles/{profile}/groups"), media::GROUPS)
            .await,
        200,
    );
    let names: Vec<_> = assigned
        .groups
        .iter()
        .map(|x| x.name.clone().unwrap())
        .collect();
    assert!(names.contains(&"Sales".to_string()) && names.contains(&"Wi-Fi users".to_string()));
    // The entity's system setting shows it.
    let inst: EntityInstance = Uem::parse(
        &u.get(
            &t,
            &format!("entities/{def}/{profile}"),
            media::ENTITY_INSTANCE,
        )
        .await,
        200,
    );
    assert!(inst.settings["assignedToGroups"]
        .as_array()
        .unwrap()
        .contains(&json!(sales)));
    // A member of Sales now has the profile among their assignments, through the group.
    let member =
        u.st.uem
            .lock()
            .groups
            .iter()
            .find(|x| x.guid == sales)
            .and_then(|x| x.members.iter().next().cloned())
            .unwrap();
    let a = assignments(&u, &t, &member).await;
    let got = a
        .profile_assignments
        .iter()
        .find(|x| x.profile.guid == profile)
        .unwrap();
    assert!(got.groups.iter().any(|x| x.guid == sales));
    // Unknown groups or profiles, an empty list.
    let missing = "00000000-0000-4000-8000-000000000000";
    let r = assign(
        &u,
        &t,
        profile,
        &format!(r#"{{"groups":[{{"guid":"{missing}"}}]}}"#),
    )
    .await;
    error(&r, 404, "GROUP_NOT_FOUND");
    error(
        &assign(&u, &t, missing, &body).await,
        404,
        "PROFILE_NOT_FOUND",
    );
    let e = error(
        &assign(&u, &t, profile, r#"{"groups":[]}"#).await,
        400,
        "MISSING_REQUIRED_PROPERTY",
    );
    assert_eq!(e.property(), Some(("groups", "is required")));
    error(&assign(&u, &t, profile, "[").await, 400, "INVALID_REQUEST");
    // Self-service users may not.
    let jdoe = u.sign_in(JDOE).await;
    error(
        &assign(&u, &jdoe, profile, &body).await,
        403,
        "NOT_AUTHORIZED",
    );
}

#[tokio::test]
async fn user_profile_assignments_with_their_categories() {
    // "the user already has the related user profile assignment with the USER_CREDENTIAL
    // profile category".
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let jdoe = u.guid("jdoe");
    let a = assignments(&u, &t, &jdoe).await;
    let find = |name: &str| {
        a.profile_assignments
            .iter()
            .find(|x| x.profile.name.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("{name}"))
    };
    let wifi = find("Corporate Wi-Fi credential");
    assert_eq!(wifi.category, Some(ProfileCategory::UserCredential));
    assert_eq!(wifi.assigned_directly, Some(false));
    assert_eq!(wifi.groups[0].name.as_deref(), Some("Wi-Fi users"));
    let entrust = find("Entrust multi-key credential");
    assert_eq!(entrust.assigned_directly, Some(true));
    assert_eq!(
        entrust.profile.certificate_source,
        Some(CertificateSource::Pki)
    );
    assert_eq!(find("Corporate SCEP").category, Some(ProfileCategory::Scep));
    let dynamics = find("User certificate (BlackBerry Dynamics)");
    assert_eq!(dynamics.category, Some(ProfileCategory::UserCertificate));
    assert_eq!(dynamics.dynamics, Some(true));
    assert_eq!(find("User certificate").dynamics, Some(false));
    // The user themself (with "Manage user certificates"); not pmorley, who lacks it.
    let me = u.sign_in(JDOE).await;
    assert_eq!(assignments(&u, &me, &jdoe).await, a);
    let pm = u.sign_in(PMORLEY).await;
    let r = u
        .get(
            &pm,
            &format!("users/{}/profiles", u.guid("pmorley")),
            media::PROFILE_ASSIGNMENTS,
        )
        .await;
    error(&r, 403, "NOT_AUTHORIZED");
}

#[tokio::test]
async fn uploading_a_user_certificate_its_profile_cannot_be_queried_but_can_be_deleted() {
    // "The profile can't be queried as a profile and can't be unassigned ... Using the Profile
    // GUID provided in a profile assignment, client may delete a profile, and this operation
    // will also delete the profile assignment and the related user certificate as well."
    let u = Uem::new();
    let t = u.sign_in(JDOE).await;
    let admin = u.sign_in(ADMIN).await;
    let jdoe = u.guid("jdoe");
    let a = assignments(&u, &t, &jdoe).await;
    let p = a
        .profile_assignments
        .iter()
        .find(|x| x.profile.name.as_deref() == Some("User certificate"))
        .unwrap()
        .profile
        .guid
        .clone();
    error(
        &u.get(&admin, &format!("profiles/{p}"), media::PROFILE)
            .await,
        404,
        "PROFILE_NOT_FOUND",
    );
    error(
        &assign(&u, &admin, &p, r#"{"groups":[{"guid":"x"}]}"#).await,
        400,
        "PROFILE_NOT_ASSIGNABLE",
    );
    let certs = |tok: String| {
        let u = &u;
        let jdoe = jdoe.clone();
        async move {
            Uem::parse::<EmbeddedCertificates>(
                &u.get(
                    &tok,
                    &format!("users/{jdoe}/embeddedCertificates"),
                    media::EMBEDDED_CERTIFICATES,
                )
                .await,
                200,
            )
            .embedded_certificates
        }
    };
    let before = certs(t.clone()).await;
    assert!(before.iter().any(|e| e.profile.as_ref().unwrap().guid == p));
    // jdoe may delete their own user certificate profile, not a user-credential profile.
    let wifi = a
        .profile_assignments
        .iter()
        .find(|x| x.profile.name.as_deref() == Some("Corporate Wi-Fi credential"))
        .unwrap()
        .profile
        .guid
        .clone();
    let r = u
        .call(
            Method::DELETE,
            &format!("profiles/{wifi}"),
            &t,
            &[],
            Body::empty(),
        )
        .await;
    error(&r, 403, "NOT_AUTHORIZED");
    let r = u
        .call(
            Method::DELETE,
            &format!("profiles/{p}"),
            &t,
            &[],
            Body::empty(),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
    let after = certs(t.clone()).await;
    assert_eq!(after.len(), before.len() - 1);
    assert!(after.iter().all(|e| e.profile.as_ref().unwrap().guid != p));
    let a = assignments(&u, &t, &jdoe).await;
    assert!(a.profile_assignments.iter().all(|x| x.profile.guid != p));
    // Other profiles: GET by the admin (beyond the document).
    let r = u
        .get(&admin, &format!("profiles/{wifi}"), media::PROFILE)
        .await;
    let got: wire::uem::directory::Profile = Uem::parse(&r, 200);
    assert_eq!(got.name.as_deref(), Some("Corporate Wi-Fi credential"));
}

#[tokio::test]
async fn beyond_the_document_user_devices() {
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let jdoe = u.guid("jdoe");
    let r = u
        .get(
            &t,
            &format!("users/{jdoe}/userDevices"),
            media::USER_DEVICES,
        )
        .await;
    assert_eq!(r.header("content-type"), Some(media::USER_DEVICES));
    let d: UserDevices = Uem::parse(&r, 200);
    let expected: Vec<String> = {
        let w = u.st.read();
        let i = w.user_index("jdoe").unwrap();
        w.devices_of(i)
            .into_iter()
            .map(|x| w.devices[x].uuid.clone())
            .collect()
    };
    assert!(!expected.is_empty());
    let got: Vec<String> = d.user_devices.iter().map(|x| x.guid.clone()).collect();
    assert_eq!(got, expected);
    let first = &d.user_devices[0];
    assert!(first.os.is_some() && first.hardware_name.is_some() && first.enrollment_date.is_some());
    // Self-service users do not list devices; unknown users are 404.
    let me = u.sign_in(JDOE).await;
    error(
        &u.get(
            &me,
            &format!("users/{jdoe}/userDevices"),
            media::USER_DEVICES,
        )
        .await,
        403,
        "NOT_AUTHORIZED",
    );
    error(
        &u.get(&t, "users/nobody/userDevices", media::USER_DEVICES)
            .await,
        404,
        "USER_NOT_FOUND",
    );
}

#[tokio::test]
async fn beyond_the_document_a_groups_users() {
    // The groups of "Request all Groups" hold users; their members are read with
    // `groups/{guid}/users` (beyond the document), as many as `memberCount` says.
    let u = Uem::new();
    let t = u.sign_in(ADMIN).await;
    let g = groups(&u, &t).await;
    let wifi = g
        .groups
        .iter()
        .find(|x| x.name.as_deref() == Some("Wi-Fi users"))
        .unwrap();
    let r = u
        .get(&t, &format!("groups/{}/users", wifi.guid), media::USERS)
        .await;
    assert_eq!(r.header("content-type"), Some(media::USERS));
    let members: wire::uem::directory::Users = Uem::parse(&r, 200);
    assert_eq!(members.users.len() as u64, wifi.member_count.unwrap());
    let names: Vec<String> = members
        .users
        .iter()
        .map(|x| x.username.clone().unwrap())
        .collect();
    assert!(names.contains(&"jdoe".to_string()) && names.contains(&"pmorley".to_string()));
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    assert!(members.users.iter().all(|x| !x.guid.is_empty()));
    // Admin only; an unknown group is 404.
    let me = u.sign_in(JDOE).await;
    error(
        &u.get(&me, &format!("groups/{}/users", wifi.guid), media::USERS)
            .await,
        403,
        "NOT_AUTHORIZED",
    );
    error(
        &u.get(
            &t,
            "groups/00000000-0000-4000-8000-000000000000/users",
            media::USERS,
        )
        .await,
        404,
        "GROUP_NOT_FOUND",
    );
}
