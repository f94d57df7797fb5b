use clap::Parser;
use mock_server::cli::Cli;
use mock_server::seed::{self, DEMO_USERS};
use mock_server::{app, AppState};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();

    let started = Instant::now();
    let world = seed::generate(cli.devices, cli.seed);
    let seeded_in = started.elapsed();
    let (devices, users, labels) = (world.devices.len(), world.users.len(), world.labels.len());
    let state = AppState::new(world, cli.dist.clone());

    println!(
        "mock-server: {devices} devices, {users} users, {labels} labels (seed {}) generated in {} ms",
        cli.seed,
        seeded_in.as_millis()
    );
    if cli.dist.join("index.html").is_file() {
        println!("portal: serving {}", cli.dist.display());
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
    println!("listening on http://{addr}");
    let _ = std::io::stdout().flush();

    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("mock-server: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
