//! Helpers of the CPS integration tests (`tests/cps_*.rs`): calls under `/msa/v1/cps` as the demo
//! admin (who holds the CPS role), and look-ups in the seeded world.
#![allow(dead_code)]

use crate::common::{send_body, state, Reply, ADMIN};
use axum::http::Method;
use axum::Router;
use mock_server::cps::ids::mdm_identifier;
use mock_server::state::DeviceRec;
use mock_server::{app, SharedState};
use serde_json::Value;

pub const BASE: &str = "/msa/v1/cps";

/// A seeded world of `n` devices (seed 1) with the test hooks on, and its router.
pub fn setup(n: usize) -> (SharedState, Router) {
    let st = state(n);
    st.enable_test_hooks();
    let r = app(st.clone());
    (st, r)
}

/// GET `BASE + path` as the admin.
pub async fn get(r: &Router, path: &str) -> Reply {
    send_body(
        r,
        Method::GET,
        &format!("{BASE}{path}"),
        Some(ADMIN),
        &[],
        "",
    )
    .await
}

/// POST `BASE + path` with a JSON body as the admin.
pub async fn post(r: &Router, path: &str, body: Value) -> Reply {
    send_body(
        r,
        Method::POST,
        &format!("{BASE}{path}"),
        Some(ADMIN),
        &[("content-type", "application/json")],
        &body.to_string(),
    )
    .await
}

/// The `result` of a number answer.
pub fn result(r: &Reply) -> u64 {
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["result"].as_u64().expect("a number result")
}

/// The index of the first device matching `f`.
pub fn index_of(st: &SharedState, f: impl Fn(&DeviceRec) -> bool) -> usize {
    st.read()
        .devices
        .iter()
        .position(f)
        .expect("a matching seeded device")
}

/// The MDM identifier of the device at `i`.
pub fn mdm_id(st: &SharedState, i: usize) -> String {
    let w = st.read();
    mdm_identifier(w.seed, &w.devices[i]).expect("an enrolled device")
}

/// The `deviceGuid` (V1 uuid) of the device at `i`.
pub fn guid(st: &SharedState, i: usize) -> String {
    st.read().devices[i].uuid.clone()
}

/// Every object in a JSON value has no `null` member (sparse objects).
pub fn assert_no_nulls(v: &Value, at: &str) {
    match v {
        Value::Null => panic!("null at {at}"),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(k, x)| assert_no_nulls(x, &format!("{at}[{k}]"))),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| assert_no_nulls(x, &format!("{at}.{k}"))),
        _ => {}
    }
}
