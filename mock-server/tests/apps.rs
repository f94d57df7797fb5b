//! App inventory (EPMM V1 API guide, "Parameter Formats" and "Using offset and limit Parameters to
//! Cycle through Records") and AppConnect analytics ("Get Analytics for AppConnect Apps").

mod common;

use axum::http::StatusCode;
use common::{get, parse, router, state};
use wire::v1::{AppConnectSession, AppInventoryResponse};

#[tokio::test]
async fn inventory_pages_with_limit_and_offset() {
    let st = state(600);
    let app = router(&st);
    // appname=LinkedIn&limit=50 (V1 guide, "Using offset and limit Parameters to Cycle through
    // Records", example)
    let r = get(&app, "/api/v1/apps/inventory/app?appname=LinkedIn&limit=50").await;
    assert_eq!(r.status, StatusCode::OK);
    let p1: AppInventoryResponse = parse(&r);
    let total = p1.total_count.unwrap() as usize;
    assert!(total > 50, "{total}");
    assert_eq!(p1.devices.items.len(), 50);
    // limit=50&offset=100 … "increase the offset value by the limit value" (the same section).
    let p2: AppInventoryResponse = parse(
        &get(
            &app,
            "/api/v1/apps/inventory/app?appname=LinkedIn&limit=50&offset=50",
        )
        .await,
    );
    let all: AppInventoryResponse =
        parse(&get(&app, "/api/v1/apps/inventory/app?appname=LinkedIn&limit=-1").await);
    assert_eq!(
        all.devices.items.len(),
        total,
        "limit=-1 returns all (Using offset and limit Parameters to Cycle through Records)"
    );
    assert_eq!(p1.devices.items[..], all.devices.items[..50]);
    assert_eq!(p2.devices.items[..], all.devices.items[50..100]);
    // Default limit 100 on this API (V1 guide, "Using offset and limit Parameters to Cycle through
    // Records": the parameter table).
    let d: AppInventoryResponse =
        parse(&get(&app, "/api/v1/apps/inventory/app?appname=linkedin").await);
    assert_eq!(d.devices.items.len(), total.min(100));
    // Name and version, platform=A (V1 guide, "Parameter Formats", example).
    let f: AppInventoryResponse = parse(
        &get(
            &app,
            "/api/v1/apps/inventory/app?appname=Frog%20Toss!_017%201.0&platform=A&limit=-1",
        )
        .await,
    );
    assert!(!f.devices.items.is_empty());
    assert!(f
        .devices
        .items
        .iter()
        .all(|d| d.platform.starts_with("Android")));
    // Errors: no appname 400, unknown app 404, bad platform 400.
    assert_eq!(
        get(&app, "/api/v1/apps/inventory/app").await.status,
        StatusCode::BAD_REQUEST
    );
    let r = get(&app, "/api/v1/apps/inventory/app?appname=Nope").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["totalCount"], 0);
    assert_eq!(
        get(
            &app,
            "/api/v1/apps/inventory/app?appname=LinkedIn&platform=Q"
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
}

/// The entries of a stored ZIP: (name, data), read from the central directory.
fn unzip(b: &[u8]) -> Vec<(String, Vec<u8>)> {
    let le16 = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as usize;
    let le32 = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
    let eocd = b.len() - 22;
    assert_eq!(le32(eocd), 0x0605_4b50);
    let n = le16(eocd + 10);
    let mut at = le32(eocd + 16);
    let mut out = Vec::new();
    for _ in 0..n {
        assert_eq!(le32(at), 0x0201_4b50);
        let crc = le32(at + 16) as u32;
        let size = le32(at + 24);
        let name_len = le16(at + 28);
        let off = le32(at + 42);
        let name = String::from_utf8(b[at + 46..at + 46 + name_len].to_vec()).unwrap();
        assert_eq!(le32(off), 0x0403_4b50);
        let data_at = off + 30 + le16(off + 26) + le16(off + 28);
        let data = b[data_at..data_at + size].to_vec();
        let mut c = flate2::Crc::new();
        c.update(&data);
        assert_eq!(c.sum(), crc, "{name}");
        out.push((name, data));
        at += 46 + name_len + le16(at + 30) + le16(at + 32);
    }
    out
}

#[tokio::test]
async fn appconnect_analytics_zip() {
    let st = state(400);
    let app = router(&st);
    // analytics?appid=com.mycompany.myapp (V1 guide, "Get Analytics for AppConnect Apps", example)
    let r = get(
        &app,
        "/api/v1/apps/appconnect/analytics?appid=com.mycompany.myapp",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("application/zip"));
    assert!(r
        .header("content-disposition")
        .unwrap()
        .contains("com.mycompany.myapp.zip"));
    let entries = unzip(&r.body);
    // <app ID>/<device ID>/ with a CSV file and version.txt (the same section).
    let csvs: Vec<_> = entries
        .iter()
        .filter(|(n, _)| n.ends_with(".csv"))
        .collect();
    let versions: Vec<_> = entries
        .iter()
        .filter(|(n, _)| n.ends_with("version.txt"))
        .collect();
    assert!(!csvs.is_empty());
    assert_eq!(csvs.len(), versions.len());
    {
        let w = st.read();
        for (name, data) in &csvs {
            let parts: Vec<&str> = name.split('/').collect();
            assert_eq!(parts[0], "com.mycompany.myapp");
            assert!(w.device(parts[1]).is_some(), "{name}");
            // Rows: start (ms, though the text says seconds), duration s, tz minutes, bytes (V1
            // guide, "Get Analytics for AppConnect Apps").
            for line in String::from_utf8(data.clone()).unwrap().lines() {
                let s = AppConnectSession::parse(line).unwrap().unwrap();
                assert!(s.start_ms > 1_000_000_000_000 && s.duration_s > 0);
            }
        }
        assert_eq!(versions[0].1, b"1.4.2\n");
    }
    // Unknown app, or one no device ran: 404; appid is required: 400.
    assert_eq!(
        get(
            &app,
            "/api/v1/apps/appconnect/analytics?appid=com.nobody.app"
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(
            &app,
            "/api/v1/apps/appconnect/analytics?appid=com.example.expenses"
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/api/v1/apps/appconnect/analytics").await.status,
        StatusCode::BAD_REQUEST
    );
}
