//! The two background jobs of the V2 certificate API, evaluated lazily against the clock (no
//! timer tasks): every handler that reads their state first brings them up to date.
//!
//! **CSV export** (V2 guide, "Export certificate details to a CSV file" and the three
//! users-without-certificates export calls; digest `certificates-api.md`, "Part F: Open questions",
//! 4): one job per device space (per configuration for the users export), shared by every admin.
//! Initiating snapshots the matching rows; the job then runs for the configured time (default 3 s)
//! and ends `success` (or `fail` when the fault switch is set). A second initiation while it runs
//! gets the documented "already progress" answer without `results` (V2 guide, "Initiate the
//! processing of certificate details to be exported": the sample responses). A finished job stays
//! available for download until the next one starts.
//!
//! **Revocation** (V2 guide, "Revoke certificates belonging to external certificate enrollment"):
//! started by "Revoke certificates", it works through the certificates that were
//! `PENDING_REVOCATION` at its start, evenly over its run time (default 5 s), moving each to
//! `REVOKED` (or `MANUAL_REVOCATION_REQUIRED` with the fault switch). A revoke call while it runs
//! answers the same "Success" and starts nothing (the mock's choice; the guide says nothing).

use std::time::{Duration, Instant};
use wire::v2::certificates::ExportStatus;

/// Where an export job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportPhase {
    Running,
    Success,
    Failed,
}

#[derive(Debug, Clone)]
pub struct ExportJob {
    pub initiated_ms: i64,
    pub started: Instant,
    pub duration: Duration,
    /// The CSV, built from the rows matching at initiation; `None` = the job fails.
    pub csv: Option<Vec<u8>>,
    /// Server-side file name (`/mi/tomcat/temp/certificates-<digits>.csv`, V2 guide, "Get status of
    /// the export process": the sample response), reported in the status and never useful to a
    /// browser.
    pub server_file: String,
    /// The name offered to the browser.
    pub download_name: String,
}

impl ExportJob {
    pub fn phase(&self, now: Instant) -> ExportPhase {
        if now.duration_since(self.started) < self.duration {
            ExportPhase::Running
        } else if self.csv.is_some() {
            ExportPhase::Success
        } else {
            ExportPhase::Failed
        }
    }

    /// The `results` of the two export status calls.
    pub fn status(&self, now: Instant) -> ExportStatus {
        let phase = self.phase(now);
        ExportStatus {
            is_running: Some(phase == ExportPhase::Running),
            export_status_msg: match phase {
                ExportPhase::Running => None,
                ExportPhase::Success => Some("success".into()),
                ExportPhase::Failed => Some("fail".into()),
            },
            csv_file_name: (phase != ExportPhase::Running).then(|| self.server_file.clone()),
            is_export_status_available: Some(true),
            initiated_at: Some(self.initiated_ms),
        }
    }
}

/// The export status calls before any export: nothing available.
pub fn no_status() -> ExportStatus {
    ExportStatus {
        is_running: Some(false),
        export_status_msg: None,
        csv_file_name: None,
        is_export_status_available: Some(false),
        initiated_at: None,
    }
}

#[derive(Debug, Clone)]
pub struct RevocationJob {
    pub started: Instant,
    pub duration: Duration,
    /// Indices of the certificates pending at the start, in order.
    pub queue: Vec<usize>,
    /// How many of `queue` are done.
    pub done: usize,
    /// Move to MANUAL_REVOCATION_REQUIRED instead of REVOKED.
    pub manual: bool,
}

impl RevocationJob {
    /// How many of the queue should be done by `now`.
    pub fn due(&self, now: Instant) -> usize {
        let elapsed = now.duration_since(self.started);
        if elapsed >= self.duration || self.queue.is_empty() {
            return self.queue.len();
        }
        let frac = elapsed.as_secs_f64() / self.duration.as_secs_f64().max(f64::EPSILON);
        ((self.queue.len() as f64) * frac).floor() as usize
    }

    pub fn finished(&self, now: Instant) -> bool {
        now.duration_since(self.started) >= self.duration
    }

    /// Whole seconds since the start ("Total duration so far N Seconds" of V2 guide, "Determine if
    /// certificate revocation is in progress").
    pub fn seconds(&self, now: Instant) -> u64 {
        now.duration_since(self.started).as_secs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_job_runs_then_succeeds_or_fails() {
        let t0 = Instant::now();
        let mut job = ExportJob {
            initiated_ms: 1_461_110_928_255,
            started: t0,
            duration: Duration::from_secs(3),
            csv: Some(b"id\r\n".to_vec()),
            server_file: "/mi/tomcat/temp/certificates-1.csv".into(),
            download_name: "certificates.csv".into(),
        };
        assert_eq!(job.phase(t0), ExportPhase::Running);
        let s = job.status(t0 + Duration::from_secs(1));
        assert_eq!(s.is_running, Some(true));
        assert_eq!(s.export_status_msg, None);
        assert_eq!(s.csv_file_name, None);
        assert_eq!(s.initiated_at, Some(1_461_110_928_255));
        let s = job.status(t0 + Duration::from_secs(3));
        assert_eq!(s.is_running, Some(false));
        // "success" / "fail" are the two documented values (V2 guide, "Get status of the export
        // process": the response table).
        assert_eq!(s.export_status_msg.as_deref(), Some("success"));
        assert_eq!(s.is_export_status_available, Some(true));
        job.csv = None;
        assert_eq!(job.phase(t0 + Duration::from_secs(4)), ExportPhase::Failed);
        assert_eq!(
            job.status(t0 + Duration::from_secs(4))
                .export_status_msg
                .as_deref(),
            Some("fail")
        );
        assert_eq!(no_status().is_export_status_available, Some(false));
    }

    #[test]
    fn revocation_progresses_evenly() {
        let t0 = Instant::now();
        let job = RevocationJob {
            started: t0,
            duration: Duration::from_secs(4),
            queue: (0..8).collect(),
            done: 0,
            manual: false,
        };
        assert_eq!(job.due(t0), 0);
        assert_eq!(job.due(t0 + Duration::from_secs(1)), 2);
        assert_eq!(job.due(t0 + Duration::from_secs(2)), 4);
        assert_eq!(job.due(t0 + Duration::from_secs(9)), 8);
        assert!(!job.finished(t0 + Duration::from_secs(3)));
        assert!(job.finished(t0 + Duration::from_secs(4)));
        assert_eq!(job.seconds(t0 + Duration::from_millis(76_400)), 76);
    }
}
