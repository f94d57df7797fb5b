//! Command line of the `mock-server` binary.

use crate::seed::{MAX_DEVICES, MIN_DEVICES};
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Mock of the Ivanti EPMM (MobileIron Core) APIs with seeded data; also serves the built portal.
#[derive(Debug, Clone, Parser)]
#[command(name = "mock-server", version, about)]
pub struct Cli {
    /// Address to listen on (port 0 picks a free port; the real address is printed).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Number of seeded devices (10..=100000).
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = parse_devices)]
    pub devices: usize,

    /// Seed of the generated data: the same seed gives the same data.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// Directory of the built portal (Trunk's `dist`).
    #[arg(long, value_name = "DIR", default_value = "dist")]
    pub dist: PathBuf,
}

fn parse_devices(s: &str) -> Result<usize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    if (MIN_DEVICES..=MAX_DEVICES).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "{n} is out of range: the device count must be between {MIN_DEVICES} and {MAX_DEVICES}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_limits() {
        let c = Cli::try_parse_from(["mock-server"]).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:8080");
        assert_eq!((c.devices, c.seed), (2000, 1));
        assert_eq!(c.dist, PathBuf::from("dist"));
        let c = Cli::try_parse_from(["mock-server", "--devices", "100000", "--seed", "9"]).unwrap();
        assert_eq!((c.devices, c.seed), (100_000, 9));
        for bad in ["9", "100001", "abc", "-5"] {
            let e = Cli::try_parse_from(["mock-server", "--devices", bad]).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
        }
    }
}
