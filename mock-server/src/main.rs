use clap::Parser;
use mock_server::cli::Cli;
use mock_server::seed::{self, DEMO_USERS};
use mock_server::{app_with_v2, v2, AppState};
use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

mod tls;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();

    let started = Instant::now();
    let world = seed::generate(cli.devices, cli.seed);
    let seeded_in = started.elapsed();
    let (devices, users, labels) = (world.devices.len(), world.users.len(), world.labels.len());
    let state = AppState::new(world, cli.dist.clone());
    state.set_start_faults(cli.faults());
    if cli.test_hooks {
        state.enable_test_hooks();
    }
    state.rate_limiter.set(cli.rate_limit);
    state.czertainly.configure(cli.czertainly());
    state.cps.configure(cli.cps_config());
    state.uem.set_tenant(&cli.tenant);
    *state
        .portal_config
        .write()
        .unwrap_or_else(|e| e.into_inner()) = cli.portal_overlay();

    println!(
        "mock-server: {devices} devices, {users} users, {labels} labels (seed {}) generated in {} ms",
        cli.seed,
        seeded_in.as_millis()
    );
    if cli.dist.join("index.html").is_file() {
        println!(
            "portal: serving {}{}",
            cli.dist.display(),
            match &cli.portal_backend {
                Some(b) => format!(" (talking to the {b} API)"),
                None => String::new(),
            }
        );
    } else {
        println!(
            "portal: {} has no index.html; pages answer 503 until the portal is built (the API works)",
            cli.dist.display()
        );
    }
    println!("demo users:");
    for u in DEMO_USERS {
        println!("  {} / {}  ({})", u.username, u.password, u.description);
    }
    println!(
        "BlackBerry UEM: tenant {} (/{}/api/v1), users:",
        cli.tenant, cli.tenant
    );
    for (name, role) in mock_server::uem::world::DEMO_ROLES {
        let password = DEMO_USERS
            .iter()
            .find(|u| u.username == *name)
            .map_or("", |u| u.password);
        println!("  {name} / {password}  ({role})");
    }

    let listener = match tokio::net::TcpListener::bind(cli.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("mock-server: cannot listen on {}: {e}", cli.addr);
            return ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("mock-server: cannot read the bound address: {e}");
            return ExitCode::FAILURE;
        }
    };
    let https = match bind_https(&cli) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("mock-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "czertainly: /czertainly/api/v1/scepProfiles ({}; SCEP URLs at {})",
        if cli.czertainly_open {
            "client certificate optional"
        } else {
            "client certificate required in ssl-client-cert"
        },
        cli.czertainly_scep_base
    );
    println!("listening on http://{addr}");
    for (l, _) in &https {
        println!("listening on https://{l}");
    }
    let _ = std::io::stdout().flush();
    if cli.test_hooks {
        println!("test hooks: /_mock/reset, /_mock/faults, /_mock/devices/{{uuid}}/verify|log, /_mock/cps/messages|config, /_mock/uem/*");
    }
    let cps = cli.cps_config();
    println!(
        "CPS API: /msa/v1/cps (cluster {}, rate limits {}, pages up to {})",
        cps.cluster.as_str(),
        if cps.rate_limit { "on" } else { "off" },
        cps.max_limit
    );
    if !cli.faults().is_off() {
        println!(
            "faults: {}",
            serde_json::to_string(&cli.faults()).unwrap_or_default()
        );
    }
    let v2 = v2::V2State::new(
        &state.read(),
        v2::V2Config {
            test_hooks: cli.test_hooks,
            ..Default::default()
        },
    );
    let app = app_with_v2(state, v2);
    let mut servers = tokio::task::JoinSet::new();
    let handles: Vec<_> = https
        .into_iter()
        .map(|(_, l)| {
            let handle = axum_server::Handle::new();
            servers.spawn(l.serve(app.clone(), handle.clone()));
            handle
        })
        .collect();
    let shutdown = async move {
        let _ = tokio::signal::ctrl_c().await;
        for h in &handles {
            h.graceful_shutdown(Some(Duration::from_secs(5)));
        }
    };
    let mut failed = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .err()
        .map(|e| e.to_string());
    while let Some(done) = servers.join_next().await {
        if let Err(e) = done
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.to_string()))
        {
            failed.get_or_insert(e);
        }
    }
    match failed {
        Some(e) => {
            eprintln!("mock-server: {e}");
            ExitCode::FAILURE
        }
        None => ExitCode::SUCCESS,
    }
}

/// The HTTPS listeners of `--tls-addr` / `--mtls-addr`, bound, with the address each got: a
/// bad certificate file or a busy port stops the start.
fn bind_https(cli: &Cli) -> Result<Vec<(String, tls::Listener)>, String> {
    let (Some(cert), Some(key)) = (&cli.tls_cert, &cli.tls_key) else {
        return Ok(Vec::new());
    };
    let files = tls::TlsFiles { cert, key };
    cli.https_listeners()
        .into_iter()
        .map(|l| {
            let config = tls::server_config(files, l.client_ca.as_deref())?;
            let bound = tls::Listener::bind(l.addr, config)
                .and_then(|b| Ok((b.local_addr()?, b)))
                .map_err(|e| format!("cannot listen on {}: {e}", l.addr))?;
            let (bound, note) = if l.client_ca.is_some() {
                // The proxy in front of CZERTAINLY: the client's certificate goes to the app in
                // ssl-client-cert, as CZERTAINLY's ingress forwards it.
                (
                    (bound.0, bound.1.forwarding_client_certificate()),
                    " (client certificates required, forwarded in ssl-client-cert)",
                )
            } else {
                (bound, "")
            };
            Ok((format!("{}{note}", bound.0), bound.1))
        })
        .collect()
}
