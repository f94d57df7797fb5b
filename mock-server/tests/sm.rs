//! Security management (EPMM V1 API guide, "Security Management").

mod common;

use axum::http::{Method, StatusCode};
use common::{get, get_xml, parse, router, send, send_body, state, ADMIN};
use wire::v1::{PasswordChangeResponse, UserListResponse, UserResponse};

const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

#[tokio::test]
async fn change_password_then_basic_auth_uses_it() {
    let st = state(30);
    let app = router(&st);
    // V1 guide, "Update Password for a User", example: PUT …/users/jdoe with
    // oldpassword=abcd1234&newpassword=wxy!13579 in the body.
    let r = send_body(
        &app,
        Method::PUT,
        "/api/v1/sm/authentication/users/jdoe",
        Some(ADMIN),
        &[FORM],
        "oldpassword=abcd1234&newpassword=wxy%2113579",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let p: PasswordChangeResponse = parse(&r);
    // Its response example (V1 guide, "Update Password for a User")
    assert_eq!(p.user_name, "jdoe");
    assert_eq!(
        p.messages.0,
        ["Password changed successfully for user: jdoe"]
    );
    // The new password signs in, the old one no longer does (jdoe's self-service call).
    let r = send(
        &app,
        Method::GET,
        "/api/v1/sm/users/jdoe",
        Some(("jdoe", "wxy!13579")),
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = send(
        &app,
        Method::GET,
        "/api/v1/sm/users/jdoe",
        Some(("jdoe", "abcd1234")),
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // The same for the API user itself.
    let r = send_body(
        &app,
        Method::PUT,
        "/api/v1/sm/authentication/users/admin",
        Some(ADMIN),
        &[FORM],
        "newpassword=n3w-admin-pw",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        send(&app, Method::GET, "/api/v1/dm/labels", Some(ADMIN), &[])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(
            &app,
            Method::GET,
            "/api/v1/dm/labels",
            Some(("admin", "n3w-admin-pw")),
            &[]
        )
        .await
        .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn password_rules() {
    let st = state(30);
    let app = router(&st);
    // "The password must be between 8 and 20 characters." (V1 guide, "Update Password for a User":
    // the request table)
    for bad in ["short7!", "123456789012345678901"] {
        let r = send_body(
            &app,
            Method::PUT,
            "/api/v1/sm/authentication/users/jdoe",
            Some(ADMIN),
            &[FORM],
            &format!("newpassword={bad}"),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    for ok in ["12345678", "12345678901234567890"] {
        let r = send_body(
            &app,
            Method::PUT,
            "/api/v1/sm/authentication/users/jdoe",
            Some(ADMIN),
            &[FORM],
            &format!("newpassword={ok}"),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{ok}");
    }
    // A wrong oldpassword is refused (the same table).
    let r = send_body(
        &app,
        Method::PUT,
        "/api/v1/sm/authentication/users/jdoe",
        Some(ADMIN),
        &[FORM],
        "oldpassword=wrong-one&newpassword=abcdefgh",
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // The user changing their own password must give the old one.
    let r = send_body(
        &app,
        Method::PUT,
        "/api/v1/sm/authentication/users/jdoe",
        Some(("jdoe", "12345678901234567890")),
        &[FORM],
        "newpassword=abcdefgh",
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = send_body(
        &app,
        Method::PUT,
        "/api/v1/sm/authentication/users/jdoe",
        Some(("jdoe", "12345678901234567890")),
        &[FORM],
        "oldpassword=12345678901234567890&newpassword=abcdefgh",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    // …and only their own (self-service rule).
    let r = send_body(
        &app,
        Method::PUT,
        "/api/v1/sm/authentication/users/admin",
        Some(("jdoe", "abcdefgh")),
        &[FORM],
        "newpassword=abcdefgh",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // LDAP users' passwords live in the directory; unknown users are 404.
    let ldap = st
        .read()
        .users
        .iter()
        .find(|u| u.user_source == 68)
        .unwrap()
        .principal
        .clone();
    let r = send_body(
        &app,
        Method::PUT,
        &format!("/api/v1/sm/authentication/users/{ldap}"),
        Some(ADMIN),
        &[FORM],
        "newpassword=abcdefgh",
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = send_body(
        &app,
        Method::PUT,
        "/api/v1/sm/authentication/users/nobody",
        Some(ADMIN),
        &[FORM],
        "newpassword=abcdefgh",
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn find_a_user_by_name_or_email() {
    let st = state(30);
    let app = router(&st);
    // /sm/users/jdoe (V1 guide, "Find a User", example)
    let r = get(&app, "/api/v1/sm/users/jdoe").await;
    assert_eq!(r.status, StatusCode::OK);
    let u: UserResponse = parse(&r);
    assert_eq!(u.user_name, "jdoe");
    assert!(u.messages.0.is_empty());
    let user = u.user.unwrap();
    // The full form (V1 guide, "Find a User": the response example).
    assert!(user.id.is_some() && !user.uuid.is_empty() && user.created_at.is_some());
    assert_eq!(user.user_source, 76);
    // "by username or email address … exact match" (V1 guide, "Find a User")
    let email = st.read().user("jdoe").unwrap().email.clone();
    let by_mail: UserResponse = parse(&get(&app, &format!("/api/v1/sm/users/{email}")).await);
    assert_eq!(by_mail.user.unwrap().principal, "jdoe");
    assert_eq!(
        get(&app, "/api/v1/sm/users/jdo").await.status,
        StatusCode::NOT_FOUND
    );
    // Roles are repeated elements: an array in JSON, repeated <roles> in XML (V1 guide, "Find a
    // User": the response example).
    let admin: UserResponse = parse(&get(&app, "/api/v1/sm/users/admin").await);
    let admin = admin.user.unwrap();
    // The guide's 20 roles, and the CPS role of the CPS API.
    assert!(admin.has_role("ROLE_API") && admin.has_role("ROLE_CPS") && admin.roles.len() == 21);
    let x = get_xml(&app, "/api/v1/sm/users/admin").await.text();
    assert!(x.contains("<securityManagementWebServiceResponse><userName>admin</userName><messages/><user id=\"9001\">"), "{x}");
    assert!(x.contains("<roles>ROLE_MPW_LOCK</roles><roles>ROLE_USER_MANAGEMENT_RW</roles>"));
}

#[tokio::test]
async fn search_ldap_users() {
    let st = state(2000);
    let app = router(&st);
    let (prefix, expect) = {
        let w = st.read();
        let u = w
            .users
            .iter()
            .find(|u| u.user_source == 68 && u.principal.len() > 5)
            .unwrap();
        let p = u.principal[..5].to_string();
        let n = w
            .users
            .iter()
            .filter(|x| x.user_source == 68 && x.principal.starts_with(&p))
            .count();
        (p, n)
    };
    // The path form of the URI and the example's ?userid= form with a trailing slash (V1 guide,
    // "Search LDAP Users").
    for uri in [
        format!("/api/v1/sm/users/search/ldap/{prefix}"),
        format!("/api/v1/sm/users/search/ldap/?userid={prefix}"),
        format!("/api/v1/sm/users/search/ldap?userid={prefix}"),
    ] {
        let r = get(&app, &uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        let l: UserListResponse = parse(&r);
        assert_eq!(l.user_name, prefix);
        assert_eq!(l.users.items.len(), expect);
        // The short form (V1 guide, "Search LDAP Users": the response example): LDAP users, no
        // id/uuid/roles.
        assert!(l
            .users
            .items
            .iter()
            .all(|u| u.is_ldap() && u.id.is_none() && u.roles.is_empty()));
    }
    // "cannot be less than 2 characters" and "more than the search limit" are 400 (its status
    // codes).
    assert_eq!(
        get(&app, "/api/v1/sm/users/search/ldap/j").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get(&app, "/api/v1/sm/users/search/ldap/?userid=")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    // The guide's example: userid testuser000 finds testuser0001… (the response example).
    let l: UserListResponse =
        parse(&get(&app, "/api/v1/sm/users/search/ldap/?userid=testuser000").await);
    assert_eq!(l.users.items.len(), 9);
    assert_eq!(l.users.items[0].principal, "testuser0001");
    let r = get(&app, "/api/v1/sm/users/search/ldap/testuser").await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "150 directory users match"
    );
    assert!(r.messages()[0].contains("more than 100"));
    assert_eq!(
        get(&app, "/api/v1/sm/users/search/ldap/zzzz").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn authenticate_a_user() {
    let app = router(&state(20));
    // V1 guide, "Authenticate a User", example: POST /api/v1/sm/authentication, body
    // username=jdoe&password=abcd1234, and no Content-Type in the example (the URI table says
    // /sm/users/{username}).
    let r = send_body(
        &app,
        Method::POST,
        "/api/v1/sm/authentication",
        Some(ADMIN),
        &[],
        "username=jdoe&password=abcd1234",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let u: UserResponse = parse(&r);
    assert_eq!(u.user_name, "jdoe");
    assert_eq!(u.user.unwrap().principal, "jdoe");
    // `Password` as in the table (V1 guide, "Authenticate a User": the request table): keys in any
    // case.
    let r = send_body(
        &app,
        Method::POST,
        "/api/v1/sm/authentication",
        Some(ADMIN),
        &[FORM],
        "Username=admin&Password=admin1234",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    // "‘401 – Unauthorized’ If the username/password is invalid." (its status codes), also outside
    // 8-20 characters (its request table).
    for body in [
        "username=jdoe&password=wrongpass",
        "username=ghost&password=abcd1234",
        "username=jdoe&password=abc",
        "password=abcd1234",
    ] {
        let r = send_body(
            &app,
            Method::POST,
            "/api/v1/sm/authentication",
            Some(ADMIN),
            &[FORM],
            body,
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{body}");
    }
    // The self-service user may check only their own credentials.
    let r = send_body(
        &app,
        Method::POST,
        "/api/v1/sm/authentication",
        Some(("jdoe", "abcd1234")),
        &[],
        "username=jdoe&password=abcd1234",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = send_body(
        &app,
        Method::POST,
        "/api/v1/sm/authentication",
        Some(("jdoe", "abcd1234")),
        &[],
        "username=admin&password=admin1234",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // GET is the wrong method (V1 guide, "Authenticate a User": POST).
    assert_eq!(
        get(&app, "/api/v1/sm/authentication").await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}
