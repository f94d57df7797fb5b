//! A server-side CSV export job (start, poll the status, download; certificates digest,
//! "Multi-step flows" and "UI per flow") as a state machine the export widget drives: starting,
//! running with the elapsed time, ready (downloaded automatically when this screen started it),
//! failed, and "already running" when someone else's export is in progress.

/// What the server said when asked about its export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportStatus {
    /// The server knows of an export (running or finished).
    pub available: bool,
    pub running: bool,
    /// How the last export ended: `Some(true)` it succeeded, `Some(false)` it failed, `None` while
    /// running or unknown.
    pub success: Option<bool>,
    /// When the export the status describes was started.
    pub initiated_ms: Option<i64>,
}

/// Where the export stands, from this screen's point of view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportState {
    /// Asking the server on arrival whether an export runs or is ready.
    Checking,
    Idle,
    /// The initiate call is on its way.
    Starting,
    /// Running on the server. `mine`: started from here (downloaded automatically when done);
    /// `already`: someone else's was running when we asked (EPMM V2 certificate guide, "Initiate
    /// the processing of certificate details to be exported": "It might be issued by a different
    /// user"). `previous` is the start time seen before ours started, so a stale "success" of the
    /// previous export is not taken for ours (certificates digest, "Multi-step flows").
    Running {
        since_ms: i64,
        mine: bool,
        already: bool,
        previous: Option<i64>,
    },
    /// A finished export can be downloaded. `auto`: download it now (ours just finished).
    Ready {
        initiated_ms: Option<i64>,
        auto: bool,
    },
    Downloading {
        initiated_ms: Option<i64>,
    },
    Failed {
        message: String,
    },
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportEvent {
    /// The status on arrival (or after an error).
    Restored(ExportStatus),
    /// The user asked for an export; the last known `initiatedAt` is kept.
    Start,
    /// Our export started.
    Started,
    /// The server said one is already running.
    AlreadyRunning,
    /// A status poll.
    Polled(ExportStatus),
    /// A call failed.
    Error(String),
    DownloadStarted,
    Downloaded,
    DownloadFailed(String),
    /// "Dismiss" on a failure.
    Reset,
}

impl ExportState {
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            ExportState::Checking
                | ExportState::Starting
                | ExportState::Running { .. }
                | ExportState::Downloading { .. }
        )
    }

    /// Whether to keep polling the status.
    pub fn polls(&self) -> bool {
        matches!(self, ExportState::Running { .. })
    }

    fn initiated(&self) -> Option<i64> {
        match self {
            ExportState::Ready { initiated_ms, .. } | ExportState::Downloading { initiated_ms } => {
                *initiated_ms
            }
            ExportState::Running { previous, .. } => *previous,
            _ => None,
        }
    }

    /// The next state. `now_ms` is the browser clock, used when the server gives no time.
    pub fn next(&self, event: ExportEvent, now_ms: i64) -> ExportState {
        use ExportEvent as E;
        use ExportState as S;
        match (self, event) {
            (_, E::Restored(st)) => restored(st, now_ms),
            (_, E::Start) => S::Starting,
            (S::Starting, E::Started) => S::Running {
                since_ms: now_ms,
                mine: true,
                already: false,
                previous: None,
            },
            (S::Starting, E::AlreadyRunning) => S::Running {
                since_ms: now_ms,
                mine: true,
                already: true,
                previous: None,
            },
            (
                S::Running {
                    since_ms,
                    mine,
                    already,
                    previous,
                },
                E::Polled(st),
            ) => {
                if st.running || !st.available {
                    // Prefer the server's start time once known.
                    let since = match (st.initiated_ms, already) {
                        (Some(t), _) => t,
                        (None, _) => *since_ms,
                    };
                    return S::Running {
                        since_ms: since,
                        mine: *mine,
                        already: *already,
                        previous: *previous,
                    };
                }
                if previous.is_some() && st.initiated_ms == *previous {
                    // Still the previous export's result: ours has not shown up yet.
                    return self.clone();
                }
                match st.success {
                    Some(false) => S::Failed {
                        message: "The export failed on the server.".into(),
                    },
                    _ => S::Ready {
                        initiated_ms: st.initiated_ms,
                        auto: *mine,
                    },
                }
            }
            (S::Ready { initiated_ms, .. }, E::DownloadStarted) => S::Downloading {
                initiated_ms: *initiated_ms,
            },
            (S::Downloading { initiated_ms }, E::Downloaded) => S::Ready {
                initiated_ms: *initiated_ms,
                auto: false,
            },
            (S::Downloading { .. }, E::DownloadFailed(m)) => S::Failed {
                message: format!("The export finished, but downloading it failed: {m}"),
            },
            (_, E::Error(m)) => S::Failed { message: m },
            (S::Failed { .. }, E::Reset) => S::Idle,
            (s, _) => s.clone(),
        }
    }

    /// Starting from here: remember the `initiatedAt` the screen last saw.
    pub fn start_from(&self) -> Option<i64> {
        self.initiated()
    }
}

fn restored(st: ExportStatus, now_ms: i64) -> ExportState {
    if !st.available {
        ExportState::Idle
    } else if st.running {
        ExportState::Running {
            since_ms: st.initiated_ms.unwrap_or(now_ms),
            mine: false,
            already: true,
            previous: None,
        }
    } else if st.success == Some(false) {
        ExportState::Failed {
            message: "The last export failed on the server.".into(),
        }
    } else {
        ExportState::Ready {
            initiated_ms: st.initiated_ms,
            auto: false,
        }
    }
}

/// Seconds to wait before the next status poll: 1, 1.5, 2.25… up to 10 s (certificates digest,
/// "Multi-step flows").
pub fn poll_delay_ms(attempt: u32) -> u32 {
    let mut d = 1000.0_f64;
    for _ in 0..attempt.min(20) {
        d *= 1.5;
    }
    d.min(10_000.0) as u32
}

/// How long to wait before offering "keep waiting" (certificates digest, "Multi-step flows": about
/// 5 minutes).
pub const EXPORT_PATIENCE_MS: i64 = 5 * 60_000;

/// `0:07`, `12:30`, `1:02:03`.
pub fn elapsed(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `certificates-LocalCE-20260801-0930.csv` (certificates digest, "Multi-step flows"); unsafe
/// characters become `_`.
pub fn export_file_name(prefix: &str, subject: &str, local: (i32, u32, u32, u32, u32)) -> String {
    let clean: String = subject
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let (y, mo, d, h, mi) = local;
    format!("{prefix}-{clean}-{y:04}{mo:02}{d:02}-{h:02}{mi:02}.csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_790_000_000_000; // 2026-09-21T14:13:20Z

    fn st(available: bool, running: bool, success: Option<bool>, at: Option<i64>) -> ExportStatus {
        ExportStatus {
            available,
            running,
            success,
            initiated_ms: at,
        }
    }

    #[test]
    fn export_state_machine_our_export() {
        let s =
            ExportState::Checking.next(ExportEvent::Restored(st(false, false, None, None)), NOW);
        assert_eq!(s, ExportState::Idle);
        let s = s.next(ExportEvent::Start, NOW);
        assert_eq!(s, ExportState::Starting);
        assert!(s.is_busy());
        let s = s.next(ExportEvent::Started, NOW);
        assert!(matches!(
            s,
            ExportState::Running {
                mine: true,
                already: false,
                ..
            }
        ));
        let s = s.next(
            ExportEvent::Polled(st(true, true, None, Some(NOW - 500))),
            NOW,
        );
        assert!(matches!(s, ExportState::Running { since_ms, .. } if since_ms == NOW - 500));
        assert!(s.polls());
        let s = s.next(
            ExportEvent::Polled(st(true, false, Some(true), Some(NOW - 500))),
            NOW,
        );
        assert_eq!(
            s,
            ExportState::Ready {
                initiated_ms: Some(NOW - 500),
                auto: true
            }
        );
        let s = s.next(ExportEvent::DownloadStarted, NOW);
        assert!(matches!(s, ExportState::Downloading { .. }));
        let s = s.next(ExportEvent::Downloaded, NOW);
        assert_eq!(
            s,
            ExportState::Ready {
                initiated_ms: Some(NOW - 500),
                auto: false
            }
        );
    }

    #[test]
    fn export_state_machine_other_paths() {
        // Already running: poll like ours, say so.
        let s = ExportState::Starting.next(ExportEvent::AlreadyRunning, NOW);
        assert!(matches!(s, ExportState::Running { already: true, .. }));
        // Failure on the server, then retry from scratch.
        let f = s.next(
            ExportEvent::Polled(st(true, false, Some(false), Some(NOW))),
            NOW,
        );
        assert!(matches!(f, ExportState::Failed { .. }));
        assert_eq!(f.next(ExportEvent::Start, NOW), ExportState::Starting);
        assert_eq!(f.next(ExportEvent::Reset, NOW), ExportState::Idle);
        // Restored on arrival: running, ready, failed.
        let r =
            ExportState::Checking.next(ExportEvent::Restored(st(true, true, None, Some(5))), NOW);
        assert_eq!(
            r,
            ExportState::Running {
                since_ms: 5,
                mine: false,
                already: true,
                previous: None
            }
        );
        let r = ExportState::Checking.next(
            ExportEvent::Restored(st(true, false, Some(true), Some(5))),
            NOW,
        );
        assert_eq!(
            r,
            ExportState::Ready {
                initiated_ms: Some(5),
                auto: false
            }
        );
        let r = ExportState::Checking.next(
            ExportEvent::Restored(st(true, false, Some(false), Some(5))),
            NOW,
        );
        assert!(matches!(r, ExportState::Failed { .. }));
        // A stale result of the previous export is not ours.
        let running = ExportState::Running {
            since_ms: NOW,
            mine: true,
            already: false,
            previous: Some(5),
        };
        assert_eq!(
            running.next(
                ExportEvent::Polled(st(true, false, Some(true), Some(5))),
                NOW
            ),
            running
        );
        // A network error while polling.
        assert!(matches!(
            running.next(ExportEvent::Error("x".into()), NOW),
            ExportState::Failed { .. }
        ));
        // Download failure keeps a way back.
        let d = ExportState::Downloading {
            initiated_ms: Some(5),
        };
        assert!(matches!(
            d.next(ExportEvent::DownloadFailed("HTTP 404".into()), NOW),
            ExportState::Failed { .. }
        ));
    }

    #[test]
    fn polling_backs_off_and_elapsed_reads_well() {
        assert_eq!(poll_delay_ms(0), 1000);
        assert_eq!(poll_delay_ms(1), 1500);
        assert_eq!(poll_delay_ms(30), 10_000);
        assert_eq!(elapsed(14_200), "0:14");
        assert_eq!(elapsed(750_000), "12:30");
        assert_eq!(elapsed(3_723_000), "1:02:03");
        assert_eq!(
            export_file_name(
                "certificates",
                "Corporate Wi-Fi (SCEP)",
                (2026, 8, 1, 9, 30)
            ),
            "certificates-Corporate_Wi-Fi__SCEP_-20260801-0930.csv"
        );
    }
}
