//! Running a bulk action part by part, for any backend: each part is sent, a busy server (429) is
//! waited out as it asks and the part sent again, progress is reported, and the answers are
//! combined per device. How a selection is split into parts, and how one part is sent, is the
//! backend's own (EPMM: by count and URL length).

use super::devices::{BulkProgress, BulkStatus};
use super::ApiError;
use crate::domain::bulk::{BulkOutcome, ChunkResult};
use std::future::Future;

/// How many times one part of a bulk run is sent again after a 429 before it counts as failed.
pub const RATE_LIMIT_RETRIES: u32 = 4;
/// The longest wait the portal accepts from a Retry-After before giving up on that part.
pub const RATE_LIMIT_MAX_WAIT_MS: u32 = 60_000;

/// What a part that was never sent says.
pub const STOPPED: &str = "Stopped before this part was sent.";

/// After the `attempt`-th 429 (0-based) for the same part: how long to wait before sending it
/// again, or `None` to give up (too many tries, or the server asks for more than a minute).
/// The server's `Retry-After` wins; without one: 1 s, 2 s, 4 s, 8 s.
pub fn rate_limit_wait_ms(attempt: u32, retry_after_secs: Option<u64>) -> Option<u32> {
    if attempt >= RATE_LIMIT_RETRIES {
        return None;
    }
    let ms = match retry_after_secs {
        Some(s) => s.saturating_mul(1000).max(250),
        None => 1000u64 << attempt.min(10),
    };
    (ms <= u64::from(RATE_LIMIT_MAX_WAIT_MS)).then_some(ms as u32)
}

/// Sends `parts` one after the other with `send`, waiting with `sleep` (milliseconds) where the
/// server answers 429, and adds each part's answer to `outcome`. Parts after a stop (the admin's,
/// or a 401: the session is gone) are not sent and count as failed with [`STOPPED`].
pub async fn run_parts<'p, S, SF, W, WF>(
    parts: &[&'p [String]],
    send: S,
    sleep: W,
    progress: &dyn BulkProgress,
    outcome: &mut BulkOutcome,
) where
    S: Fn(&'p [String]) -> SF,
    SF: Future<Output = Result<ChunkResult, ApiError>>,
    W: Fn(u32) -> WF,
    WF: Future<Output = ()>,
{
    let total = parts.iter().map(|p| p.len()).sum();
    let mut done = 0;
    let mut signed_out = false;
    for &part in parts {
        if signed_out || progress.stopped() {
            outcome.add(part, Err(STOPPED.into()));
            continue;
        }
        let mut attempt = 0;
        let result = loop {
            let r = send(part).await;
            let wait = match &r {
                Err(e) => e
                    .rate_limited_for()
                    .and_then(|secs| rate_limit_wait_ms(attempt, secs)),
                Ok(_) => None,
            };
            let Some(ms) = wait else { break r };
            attempt += 1;
            progress.report(BulkStatus {
                done,
                total,
                waiting_secs: Some(ms.div_ceil(1000)),
            });
            if progress.stopped() {
                break r;
            }
            sleep(ms).await;
            if progress.stopped() {
                break r;
            }
        };
        signed_out = matches!(&result, Err(e) if e.is_unauthorized());
        outcome.add(part, result.map_err(|e| e.message()));
        done += part.len();
        progress.report(BulkStatus {
            done,
            total,
            waiting_secs: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bulk::BulkKind;
    use futures::executor::block_on;
    use std::cell::RefCell;

    /// Records what the run reported; stops when told to after `stop_after` reports.
    #[derive(Default)]
    struct Watch {
        reports: RefCell<Vec<BulkStatus>>,
        stop_after: Option<usize>,
    }

    impl BulkProgress for Watch {
        fn report(&self, s: BulkStatus) {
            self.reports.borrow_mut().push(s);
        }
        fn stopped(&self) -> bool {
            self.stop_after
                .is_some_and(|n| self.reports.borrow().len() >= n)
        }
    }

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("d{i}")).collect()
    }

    /// A server that answers each send from a script (then succeeds), and a clock that only
    /// records the waits.
    fn run(
        parts: &[&[String]],
        script: Vec<Result<ChunkResult, ApiError>>,
        watch: &Watch,
    ) -> (BulkOutcome, Vec<Vec<String>>, Vec<u32>) {
        let script = RefCell::new(script.into_iter());
        let sent = RefCell::new(Vec::new());
        let slept = RefCell::new(Vec::new());
        let total = parts.iter().map(|p| p.len()).sum();
        let mut outcome = BulkOutcome::new(total, BulkKind::WakeUp);
        block_on(run_parts(
            parts,
            |part: &[String]| {
                sent.borrow_mut().push(part.to_vec());
                let r = script
                    .borrow_mut()
                    .next()
                    .unwrap_or(Ok(ChunkResult::default()));
                async move { r }
            },
            |ms| {
                slept.borrow_mut().push(ms);
                async {}
            },
            watch,
            &mut outcome,
        ));
        (outcome, sent.into_inner(), slept.into_inner())
    }

    #[test]
    fn a_429_waits_as_told_then_gives_up() {
        // CPS guide, "Aggregate API rate limits per cluster": integrators keep their call rate under the cluster's
        // per-minute limits or "rate-limiting being invoked"; the server then answers 429 with
        // Retry-After, which is honoured here.
        assert_eq!(rate_limit_wait_ms(0, Some(7)), Some(7000));
        assert_eq!(rate_limit_wait_ms(0, Some(0)), Some(250));
        // Without one: exponential backoff.
        let waits: Vec<_> = (0..RATE_LIMIT_RETRIES)
            .map(|a| rate_limit_wait_ms(a, None))
            .collect();
        assert_eq!(waits, vec![Some(1000), Some(2000), Some(4000), Some(8000)]);
        // Bounded: after the last retry, or when the server asks for more than a minute.
        assert_eq!(rate_limit_wait_ms(RATE_LIMIT_RETRIES, Some(1)), None);
        assert_eq!(rate_limit_wait_ms(0, Some(61)), None);
        assert_eq!(rate_limit_wait_ms(0, Some(u64::MAX)), None);
    }

    #[test]
    fn a_busy_server_is_waited_out_and_the_same_part_sent_again() {
        let all = ids(3);
        let parts: Vec<&[String]> = vec![&all[..2], &all[2..]];
        let watch = Watch::default();
        let busy = || Err(ApiError::rate_limited(Some(7)));
        let (outcome, sent, slept) = run(&parts, vec![busy(), busy()], &watch);
        assert_eq!(slept, [7000, 7000]);
        assert_eq!(sent, [&all[..2], &all[..2], &all[..2], &all[2..]]);
        assert_eq!(outcome.summary(), "3 devices: 3 succeeded.");
        // The view is told how long it waits, then how far the run has come.
        let r = watch.reports.borrow();
        let waiting: Vec<_> = r.iter().map(|s| (s.done, s.waiting_secs)).collect();
        assert_eq!(waiting, [(0, Some(7)), (0, Some(7)), (2, None), (3, None)]);
        assert!(r.iter().all(|s| s.total == 3));
    }

    #[test]
    fn still_busy_after_every_retry_the_part_fails_with_the_reason() {
        let all = ids(1);
        let parts: Vec<&[String]> = vec![&all[..]];
        let watch = Watch::default();
        let script = (0..10).map(|_| Err(ApiError::rate_limited(None))).collect();
        let (outcome, sent, slept) = run(&parts, script, &watch);
        // One send and four more (faults.spec.ts counts five requests).
        assert_eq!(sent.len(), 1 + RATE_LIMIT_RETRIES as usize);
        assert_eq!(slept, [1000, 2000, 4000, 8000]);
        assert_eq!(outcome.not_sent, all);
        assert_eq!(
            outcome.summary(),
            "1 device: 0 succeeded, 1 not processed because a request failed."
        );
        assert!(outcome.errors[0].1.to_lowercase().contains("busy"));
    }

    #[test]
    fn stop_leaves_the_remaining_parts_unsent() {
        let all = ids(3);
        let parts: Vec<&[String]> = vec![&all[..1], &all[1..2], &all[2..]];
        // Stopped once the first part is answered.
        let watch = Watch {
            stop_after: Some(1),
            ..Default::default()
        };
        let (outcome, sent, _) = run(&parts, vec![], &watch);
        assert_eq!(sent, [&all[..1]]);
        assert_eq!(outcome.succeeded, &all[..1]);
        assert_eq!(outcome.not_sent, &all[1..]);
        assert_eq!(outcome.grouped_errors(), [(STOPPED.to_string(), 2)]);
        // Stopped while waiting for a busy server: no more sends, no sleep.
        let watch = Watch {
            stop_after: Some(1),
            ..Default::default()
        };
        let (outcome, sent, slept) =
            run(&parts, vec![Err(ApiError::rate_limited(Some(3)))], &watch);
        assert_eq!(sent.len(), 1);
        assert!(slept.is_empty());
        assert_eq!(outcome.not_sent, all);
    }

    #[test]
    fn a_401_stops_the_run_and_other_errors_do_not() {
        let all = ids(4);
        let parts: Vec<&[String]> = all.chunks(1).collect();
        let watch = Watch::default();
        let (outcome, sent, _) = run(
            &parts,
            vec![
                Err(ApiError::server(500, "")),
                Ok(ChunkResult::default()),
                Err(ApiError::unauthorized("")),
            ],
            &watch,
        );
        assert_eq!(sent.len(), 3);
        assert_eq!(outcome.succeeded, &all[1..2]);
        assert_eq!(outcome.not_sent, [&all[..1], &all[2..]].concat());
        let errors = outcome.grouped_errors();
        assert!(errors.iter().any(|(e, n)| e == STOPPED && *n == 1));
        assert_eq!(errors.len(), 3);
    }
}
