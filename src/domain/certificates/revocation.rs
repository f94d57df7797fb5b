//! The revocation run: a server job that asks the external certificate authorities to revoke the
//! certificates pending revocation (EPMM V2 certificate guide, "Revoke certificates belonging to
//! external certificate enrollment"); what it reports while it runs and what it achieved.

use crate::domain::bulk::plural;

/// Whether the run is going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevocationStatus {
    pub running: bool,
    /// How long it has been running, where the server says.
    pub seconds: Option<u64>,
}

/// The certificates the run is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RevocationCounts {
    /// Waiting for the run.
    pub pending: usize,
    /// The CA could not revoke them: an admin has to, at the CA.
    pub manual: usize,
}

/// The sentence after a revocation run, from the counts before and after.
pub fn revocation_result(before: RevocationCounts, after: RevocationCounts) -> String {
    let manual_new = after.manual.saturating_sub(before.manual);
    let done = before
        .pending
        .saturating_sub(after.pending)
        .saturating_sub(manual_new);
    let mut s = format!(
        "Revocation finished: {} revoked",
        plural(done, "certificate", "certificates")
    );
    if manual_new > 0 {
        s.push_str(&format!(
            "; {} need manual revocation",
            plural(manual_new, "certificate", "certificates")
        ));
    }
    if after.pending > 0 {
        s.push_str(&format!("; {} still pending", after.pending));
    }
    s.push('.');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(pending: usize, manual: usize) -> RevocationCounts {
        RevocationCounts { pending, manual }
    }

    #[test]
    fn what_a_run_achieved() {
        assert_eq!(
            revocation_result(n(5, 1), n(0, 1)),
            "Revocation finished: 5 certificates revoked."
        );
        assert_eq!(
            revocation_result(n(5, 0), n(1, 2)),
            "Revocation finished: 2 certificates revoked; 2 certificates need manual revocation; 1 still pending."
        );
        assert_eq!(
            revocation_result(n(1, 0), n(0, 0)),
            "Revocation finished: 1 certificate revoked."
        );
    }
}
