//! Ivanti EPMM V1 Web Services API (`/api/v1/...`; the "Ivanti EPMM V1 API Guide", cited by
//! section title, e.g. V1 guide, "Retire a Device"; digest `epmm-v1-api.md`).
//!
//! One module per area; handlers stay small and share [`envelope`] (negotiation, responses,
//! errors, the body cache), [`params`] (case-insensitive query keys, paging, forms) and
//! [`crate::ops`] (the state machine). Every route of the guide (the catalogue of digest
//! `epmm-v1-api.md`, "3. Endpoints") is in [`ROUTES`], which also feeds the WADL (`GET
//! /api/?_wadl&_type=xml`, V1 guide, "WADL").

pub mod actions;
pub mod alerts;
pub mod apps;
pub mod bulk;
pub mod csv;
pub mod devices;
pub mod eas;
pub mod envelope;
pub mod labels;
pub mod params;
pub mod policies;
pub mod reference;
pub mod sm;
pub mod xml;

use crate::state::SharedState;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, put};
use axum::Router;
use envelope::ApiError;
use params::Params;

/// The V1 routes, relative to `/api` (the caller nests them and adds auth and fallbacks).
pub fn router() -> Router<SharedState> {
    use actions as a;
    Router::new()
        .route("/", get(wadl))
        // Devices (V1 guide, "Get Devices by Status" to "Get Device Details for a Phone
        // Number/User/Label/Wi-Fi MAC Address")
        .route("/v1/dm/devices", get(devices::list))
        .route("/v1/dm/devices.csv", get(csv::devices_csv))
        .route("/v1/dm/devices/{uuid}", get(devices::one))
        .route("/v1/dm/devices/mac/{mac}", get(devices::by_mac))
        .route("/v1/dm/phones/{phones}", get(devices::by_phones))
        .route("/v1/dm/users/{user}", get(devices::by_user))
        // Actions (V1 guide, "Retire a Device" to "Enable Roaming")
        .route("/v1/dm/devices/retire/{uuid}", put(a::retire))
        .route("/v1/dm/devices/retire/mac/{mac}", put(a::retire_mac))
        .route("/v1/dm/devices/lock/{uuid}", put(a::lock))
        .route("/v1/dm/devices/lock/mac/{mac}", put(a::lock_mac))
        .route("/v1/dm/devices/unlock/{uuid}", get(a::unlock))
        .route("/v1/dm/devices/unlock/mac/{mac}", get(a::unlock_mac))
        .route("/v1/dm/devices/wipe/{uuid}", put(a::wipe))
        .route("/v1/dm/devices/wipe/mac/{mac}", put(a::wipe_mac))
        .route("/v1/dm/devices/wakeup/{uuid}", get(a::wakeup))
        .route("/v1/dm/devices/wakeup/mac/{mac}", get(a::wakeup_mac))
        .route("/v1/dm/devices/locate/{uuid}", get(a::locate))
        .route("/v1/dm/devices/locate/mac/{mac}", get(a::locate_mac))
        .route(
            "/v1/dm/devices/enableroaming/{uuid}",
            put(a::enable_roaming),
        )
        // Profiles (V1 guide, "Get Profiles for a Device", "Re-push Profiles for a Device")
        .route("/v1/dm/devices/profiles/{uuid}", get(reference::profiles))
        .route(
            "/v1/dm/devices/repushprofile/{uuid}",
            put(reference::repush),
        )
        // Labels, operators, countries, register (V1 guide, "Register a Device", "Get all Labels",
        // "List of Operators", "List of Countries")
        .route("/v1/dm/labels", get(labels::list))
        .route("/v1/dm/labels/{name}", get(labels::devices))
        // Removed from V1 (V1 guide, "Deprecation update - September 8, 2020"): answered explicitly
        // with 404 so `/dm/labels/{name}` cannot swallow them.
        .route(
            "/v1/dm/labels/devices/{uuid}",
            any(envelope::removed_label_route),
        )
        .route(
            "/v1/dm/labels/{name}/{deviceid}",
            any(envelope::removed_label_route),
        )
        .route("/v1/dm/operators", get(reference::operators))
        .route("/v1/dm/countries", get(reference::countries))
        .route("/v1/dm/register", put(reference::register))
        .route("/v1/dm/register/", put(reference::register))
        // Bulk (V1 guide, "Send Action to bulk devices", "Send message to devices")
        .route("/v1/dm/bulk/devices/{actiontype}", post(bulk::devices))
        .route("/v1/dm/bulk/sendmessage", post(bulk::send_message))
        .route("/v1/dm/bulk/mac/sendmessage", post(bulk::send_message_mac))
        // Exchange ActiveSync (V1 guide, "Exchange ActiveSync (EAS)")
        .route("/v1/eas/devices", get(eas::list).put(eas::action))
        .route("/v1/eas/devices/{uuid}", get(eas::one))
        .route("/v1/eas/devices.csv", any(envelope::eas_csv_unsupported))
        // Security management (V1 guide, "Security Management")
        .route("/v1/sm/authentication", post(sm::authenticate))
        .route(
            "/v1/sm/authentication/users/{username}",
            put(sm::change_password),
        )
        .route("/v1/sm/users/{username}", get(sm::find))
        .route("/v1/sm/users/search/ldap", get(sm::ldap_query))
        .route("/v1/sm/users/search/ldap/", get(sm::ldap_query))
        .route("/v1/sm/users/search/ldap/{userid}", get(sm::ldap_path))
        // Alerts (V1 guide, "Alerts")
        .route("/v1/alerts", get(alerts::list).put(alerts::update_many))
        .route("/v1/alerts/", get(alerts::list).put(alerts::update_many))
        .route("/v1/alerts/{id}", put(alerts::update_one))
        .route("/v1/alerts/phones/{phone}", get(alerts::by_phone))
        .route("/v1/alerts/users/{user}", get(alerts::by_user))
        .route(
            "/v1/alerts/users/{user}/phones/{phone}",
            get(alerts::by_user_phone),
        )
        // Policies and app settings (V1 guide, "Policies", "Application Settings")
        .route("/v1/policies", get(policies::list))
        .route("/v1/policies/{id}", put(policies::label_action))
        .route("/v1/policies/devices/{uuid}", get(policies::by_device))
        .route("/v1/appsettings", get(policies::settings))
        .route(
            "/v1/appsettings/devices/{uuid}",
            get(policies::settings_by_device),
        )
        // Apps (V1 guide, "Parameter Formats", "Using offset and limit Parameters to Cycle through
        // Records", "Get Analytics for AppConnect Apps")
        .route("/v1/apps/inventory/app", get(apps::inventory))
        .route("/v1/apps/appconnect/analytics", get(apps::analytics))
}

/// Every V1 route (method, path below `/api`), for the WADL and the route tests.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "v1/dm/devices"),
    ("GET", "v1/dm/devices.csv"),
    ("GET", "v1/dm/devices/{deviceuuid}"),
    ("GET", "v1/dm/devices/mac/{macaddress}"),
    ("GET", "v1/dm/phones/{phonenumber}"),
    ("GET", "v1/dm/users/{username}"),
    ("PUT", "v1/dm/devices/retire/{deviceuuid}"),
    ("PUT", "v1/dm/devices/retire/mac/{macaddress}"),
    ("PUT", "v1/dm/devices/lock/{deviceuuid}"),
    ("PUT", "v1/dm/devices/lock/mac/{macaddress}"),
    ("GET", "v1/dm/devices/unlock/{deviceuuid}"),
    ("GET", "v1/dm/devices/unlock/mac/{macaddress}"),
    ("PUT", "v1/dm/devices/wipe/{deviceuuid}"),
    ("PUT", "v1/dm/devices/wipe/mac/{macaddress}"),
    ("GET", "v1/dm/devices/wakeup/{deviceuuid}"),
    ("GET", "v1/dm/devices/wakeup/mac/{macaddress}"),
    ("GET", "v1/dm/devices/locate/{deviceuuid}"),
    ("GET", "v1/dm/devices/locate/mac/{macaddress}"),
    ("PUT", "v1/dm/devices/enableroaming/{deviceuuid}"),
    ("GET", "v1/dm/devices/profiles/{deviceUuid}"),
    ("PUT", "v1/dm/devices/repushprofile/{deviceUuid}"),
    ("GET", "v1/dm/labels"),
    ("GET", "v1/dm/labels/{labelname}"),
    ("GET", "v1/dm/operators"),
    ("GET", "v1/dm/countries"),
    ("PUT", "v1/dm/register/"),
    ("POST", "v1/dm/bulk/devices/{actiontype}"),
    ("POST", "v1/dm/bulk/sendmessage"),
    ("POST", "v1/dm/bulk/mac/sendmessage"),
    ("GET", "v1/eas/devices"),
    ("GET", "v1/eas/devices/{EASDeviceUuid}"),
    ("PUT", "v1/eas/devices"),
    ("PUT", "v1/sm/authentication/users/{username}"),
    ("GET", "v1/sm/users/{username}"),
    ("GET", "v1/sm/users/search/ldap/{userid}"),
    ("POST", "v1/sm/authentication"),
    ("GET", "v1/alerts"),
    ("GET", "v1/alerts/phones/{phonenumber}"),
    ("GET", "v1/alerts/users/{username}"),
    ("GET", "v1/alerts/users/{username}/phones/{phonenumber}"),
    ("PUT", "v1/alerts/{id}"),
    ("PUT", "v1/alerts"),
    ("GET", "v1/policies"),
    ("GET", "v1/policies/devices/{deviceuuid}"),
    ("PUT", "v1/policies/{policyid}"),
    ("GET", "v1/appsettings"),
    ("GET", "v1/appsettings/devices/{deviceuuid}"),
    ("GET", "v1/apps/inventory/app"),
    ("GET", "v1/apps/appconnect/analytics"),
];

/// `GET /api/?_wadl&_type=xml` as the guide writes it (V1 guide, "WADL"): the nested router only
/// sees `/api`, so this route sits in the outer router and authenticates itself.
pub async fn wadl_root(
    axum::extract::State(state): axum::extract::State<SharedState>,
    headers: axum::http::HeaderMap,
    params: Params,
) -> Response {
    let ok = crate::auth::authenticate(&state.read(), &headers)
        .map(|c| c.has_any(crate::auth::V1_ROLES));
    match ok {
        Ok(true) => wadl(params).await,
        Ok(false) => crate::auth::unauthorized(
            "Access denied: the API or Mobile App role is required",
            crate::auth::is_xhr(&headers),
        ),
        Err(e) => crate::auth::unauthorized(e.message(), crate::auth::is_xhr(&headers)),
    }
}

/// `GET /api?_wadl&_type=xml` (V1 guide, "WADL"): a WADL of [`ROUTES`]; without `_wadl`, 404.
async fn wadl(params: Params) -> Response {
    if params.get("_wadl").is_none() {
        return ApiError::not_found("No such resource: GET /api").into_response();
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<application xmlns=\"http://wadl.dev.java.net/2009/02\"><resources base=\"/api/\">",
    );
    for (method, path) in ROUTES {
        out.push_str("<resource path=\"");
        out.push_str(path);
        out.push_str("\">");
        for p in path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        {
            out.push_str(&format!(
                "<param name=\"{p}\" style=\"template\" type=\"xs:string\"/>"
            ));
        }
        out.push_str(&format!(
            "<method name=\"{method}\"><response><representation mediaType=\"application/xml\"/><representation mediaType=\"application/json\"/></response></method></resource>"
        ));
    }
    out.push_str("</resources></application>\n");
    let mut res = (StatusCode::OK, out).into_response();
    res.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/xml"));
    res
}
