//! Pacing CPS calls within the guide's rate limits (CPS guide, "Aggregate API rate limits per
//! cluster"), and waiting out the server's 429.
//!
//! The guide gives calls per minute per API and cluster, "aggregate" (every integration of the
//! tenant's cluster together), and asks integrators to "manage and control the call rate". It
//! documents no wire behaviour for going over. Decisions:
//! - **Which budget.** The portal cannot know its cluster (the API base is the tenant's host), so
//!   each endpoint is paced within the lowest budget any cluster has for it
//!   ([`RateClass::lowest_per_minute`]: 100 a minute for the device search, the MAC look-up, force
//!   check-in…, 200 for the remaining APIs). `config.json` may name the cluster (`"cluster":
//!   "EU1"`); then that cluster's column applies.
//! - **Per endpoint.** Each method and path has its own budget, the "Remaining APIs" too (the
//!   table gives one number per API; it does not say the remaining ones share it). The query is
//!   not part of the endpoint: the status search and the device group search are one row.
//! - **Sliding window.** At most the budget's number of calls in any window of [`WINDOW_MS`]: the
//!   guide's minute and one second more, so that the time a call takes to reach the server cannot
//!   make two calls a minute apart land in one of its minutes. A call over the budget waits for
//!   its turn (in the order asked), it is not refused; a wait longer than [`TELL_AFTER_MS`] is said
//!   to the user, once per window and endpoint.
//! - **429.** A 429 means the server did not do the call, so it is sent again, whatever its method:
//!   after `Retry-After` seconds, or [`NO_RETRY_AFTER_SECS`] when the answer does not say (the
//!   budgets are per minute). Every wait is said to the user. Other calls to that endpoint wait
//!   as well. A wait over [`MAX_WAIT_SECS`], or a 429 after [`MAX_RETRIES`] retries, ends the call
//!   with the rate-limit error (which says how long to wait).
//!
//! The clock is injected ([`Clock`]), so all of it is tested natively.

use crate::backend::ApiError;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::Mutex;
use wire::cps::limits::{Cluster, RateClass};

/// The window the budgets count calls in: the guide's minute plus a second of margin.
pub const WINDOW_MS: f64 = 61_000.0;

/// A pacing wait at least this long is said to the user.
pub const TELL_AFTER_MS: f64 = 2_000.0;

/// How long a 429 without `Retry-After` is waited out: one budget window.
pub const NO_RETRY_AFTER_SECS: u64 = 60;

/// A 429 asking for a longer wait is not waited out: the user sees it and can retry later.
pub const MAX_WAIT_SECS: u64 = 300;

/// How many times one call is sent again after a 429.
pub const MAX_RETRIES: usize = 3;

/// Time for the pacer: epoch milliseconds, and waiting.
pub trait Clock {
    fn now_ms(&self) -> f64;
    fn sleep(&self, ms: f64) -> impl Future<Output = ()>;
}

/// One endpoint's calls.
#[derive(Debug, Default)]
struct Window {
    /// When the calls in the window were (or will be) sent, oldest first.
    sent: VecDeque<f64>,
    /// A 429 asked for no call before this time.
    held_until: f64,
    /// When a pacing wait was last said.
    told_at: Option<f64>,
}

/// The budgets and the calls of each endpoint.
#[derive(Debug)]
pub struct Pacer {
    cluster: Option<Cluster>,
    windows: Mutex<HashMap<String, Window>>,
}

/// What the pacer decided for one call.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    /// Milliseconds to wait before sending.
    pub wait_ms: f64,
    /// The wait is worth telling the user.
    pub tell: bool,
}

/// The endpoint of a call: method and path below the API base, without the query or a trailing
/// slash (`GET /device`).
pub fn endpoint(method: &str, path: &str) -> String {
    let path = path.split('?').next().unwrap_or_default();
    let path = path.strip_suffix('/').unwrap_or(path);
    format!("{} {path}", method.to_ascii_uppercase())
}

impl Pacer {
    /// `cluster`: whose budgets apply; `None` paces within the lowest of every cluster.
    pub fn new(cluster: Option<Cluster>) -> Pacer {
        Pacer {
            cluster,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// The calls a minute allowed to `method path`.
    pub fn budget(&self, method: &str, path: &str) -> u32 {
        let class = RateClass::of(method, path);
        match self.cluster {
            Some(c) => class.per_minute(c),
            None => class.lowest_per_minute(),
        }
    }

    /// Books the next slot for a call to `method path` asked at `now`.
    pub fn book(&self, method: &str, path: &str, now: f64) -> Slot {
        let budget = self.budget(method, path).max(1) as usize;
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let w = windows.entry(endpoint(method, path)).or_default();
        while w.sent.front().is_some_and(|t| *t <= now - WINDOW_MS) {
            w.sent.pop_front();
        }
        let mut at = now.max(w.held_until);
        if let Some(last) = w.sent.back() {
            // In the order asked.
            at = at.max(*last);
        }
        if w.sent.len() >= budget {
            // The budget-th most recent call must have left the window.
            at = at.max(w.sent[w.sent.len() - budget] + WINDOW_MS);
        }
        w.sent.push_back(at);
        let wait_ms = at - now;
        let tell = wait_ms >= TELL_AFTER_MS && w.told_at.is_none_or(|t| now - t >= WINDOW_MS);
        if tell {
            w.told_at = Some(now);
        }
        Slot { wait_ms, tell }
    }

    /// No call to `method path` for `secs` from `now` (a 429 asked to wait; the wait has been
    /// said, so the pacing waits it causes are not said again in this window).
    pub fn hold(&self, method: &str, path: &str, now: f64, secs: u64) {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let w = windows.entry(endpoint(method, path)).or_default();
        w.held_until = w.held_until.max(now + secs as f64 * 1000.0);
        w.told_at = Some(now);
    }
}

/// Sends one call within its budget: `send` makes the request (again after a 429). `tell` says a
/// wait to the user.
pub async fn paced<T, F, Fut>(
    pacer: &Pacer,
    clock: &impl Clock,
    tell: &dyn Fn(String),
    method: &str,
    path: &str,
    mut send: F,
) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let what = endpoint(method, path);
    let mut retries = 0;
    loop {
        let slot = pacer.book(method, path, clock.now_ms());
        if slot.tell {
            tell(format!(
                "Staying within the CPS rate limit of {} calls a minute for {what}: the next call waits {} s.",
                pacer.budget(method, path),
                seconds(slot.wait_ms)
            ));
        }
        if slot.wait_ms > 0.0 {
            clock.sleep(slot.wait_ms).await;
        }
        let result = send().await;
        let asked = match &result {
            Err(e) => e.rate_limited_for(),
            Ok(_) => None,
        };
        let Some(asked) = asked else {
            return result;
        };
        let secs = asked.unwrap_or(NO_RETRY_AFTER_SECS);
        if retries >= MAX_RETRIES || secs > MAX_WAIT_SECS {
            return result;
        }
        retries += 1;
        pacer.hold(method, path, clock.now_ms(), secs);
        tell(format!(
            "The CPS server is limiting calls to {what} (too many requests): trying again in {secs} s."
        ));
    }
}

/// Whole seconds, rounded up.
fn seconds(ms: f64) -> u64 {
    (ms / 1000.0).ceil().max(0.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::{Cell, RefCell};

    /// A clock whose sleeps pass at once and move it on.
    struct FakeClock(Cell<f64>);
    impl Clock for FakeClock {
        fn now_ms(&self) -> f64 {
            self.0.get()
        }
        fn sleep(&self, ms: f64) -> impl Future<Output = ()> {
            self.0.set(self.0.get() + ms);
            std::future::ready(())
        }
    }

    fn waits(p: &Pacer, method: &str, path: &str, now: f64, n: usize) -> Vec<f64> {
        (0..n).map(|_| p.book(method, path, now).wait_ms).collect()
    }

    #[test]
    fn unknown_cluster_paces_within_the_lowest_budget_of_each_endpoint() {
        // CPS guide, "Aggregate API rate limits per cluster": the device search is 100 a minute
        // on AP2, the remaining APIs 200 on AP1 and AP2.
        let p = Pacer::new(None);
        assert_eq!(p.budget("GET", "/device?status=ACTIVE"), 100);
        assert_eq!(p.budget("POST", "/device/forceCheckin"), 100);
        assert_eq!(p.budget("POST", "/device/email"), 200);
        assert_eq!(p.budget("GET", "/device/count"), 200);
        // 100 device searches go at once; the 101st waits until the first has left the window.
        let w = waits(&p, "GET", "/device?offset=0", 1_000.0, 101);
        assert!(w[..100].iter().all(|&ms| ms == 0.0));
        assert_eq!(w[100], WINDOW_MS);
        // The next one waits for the second call's turn, after the 101st.
        assert_eq!(p.book("GET", "/device", 1_000.0).wait_ms, WINDOW_MS);
    }

    #[test]
    fn a_configured_cluster_uses_its_column() {
        let p = Pacer::new(Some(Cluster::Na1));
        assert_eq!(p.budget("GET", "/device"), 200);
        assert_eq!(p.budget("GET", "/appcatalog/apps"), 400);
        let w = waits(&p, "GET", "/device", 0.0, 201);
        assert!(w[..200].iter().all(|&ms| ms == 0.0));
        assert!(w[200] > 0.0);
    }

    #[test]
    fn each_endpoint_has_its_own_window_and_the_window_slides() {
        let p = Pacer::new(None);
        waits(&p, "POST", "/device/mac", 0.0, 100);
        // Another endpoint, even of the same row, is not held up.
        assert_eq!(p.book("POST", "/device/uuid", 0.0).wait_ms, 0.0);
        assert_eq!(p.book("GET", "/device/count", 0.0).wait_ms, 0.0);
        // Half a window later the MAC look-up still waits for the rest of it.
        assert_eq!(
            p.book("POST", "/device/mac", 30_500.0).wait_ms,
            WINDOW_MS - 30_500.0
        );
        // Once the window has passed, calls go at once again.
        let later = 2.0 * WINDOW_MS + 1.0;
        assert_eq!(p.book("POST", "/device/mac", later).wait_ms, 0.0);
    }

    #[test]
    fn a_long_wait_is_said_once_per_window() {
        let p = Pacer::new(None);
        let slots: Vec<Slot> = (0..103)
            .map(|_| p.book("POST", "/device/forceCheckin", 0.0))
            .collect();
        assert!(slots[..100].iter().all(|s| !s.tell));
        assert!(slots[100].tell);
        assert!(!slots[101].tell && !slots[102].tell);
    }

    fn run<T>(
        p: &Pacer,
        clock: &FakeClock,
        answers: Vec<Result<T, ApiError>>,
    ) -> (Result<T, ApiError>, Vec<String>, usize) {
        let told = RefCell::new(Vec::new());
        let answers = RefCell::new(VecDeque::from(answers));
        let sent = Cell::new(0);
        let tell = |m: String| told.borrow_mut().push(m);
        let r = futures::executor::block_on(paced(p, clock, &tell, "GET", "/device", || {
            sent.set(sent.get() + 1);
            let a = answers.borrow_mut().pop_front().expect("no more answers");
            std::future::ready(a)
        }));
        (r, told.into_inner(), sent.get())
    }

    #[test]
    fn a_429_is_waited_out_as_retry_after_says_and_said_to_the_user() {
        let p = Pacer::new(None);
        let clock = FakeClock(Cell::new(0.0));
        let (r, told, sent) = run(
            &p,
            &clock,
            vec![Err(ApiError::rate_limited(Some(7))), Ok(5)],
        );
        assert_eq!(r.unwrap(), 5);
        assert_eq!(sent, 2);
        assert_eq!(clock.now_ms(), 7_000.0);
        assert_eq!(told.len(), 1);
        assert!(
            told[0].contains("GET /device") && told[0].contains("7 s"),
            "{told:?}"
        );
        // Other calls to the endpoint were held as well: nothing before the wait ended.
        assert_eq!(p.book("GET", "/device", 1_000.0).wait_ms, 6_000.0);
    }

    #[test]
    fn a_429_without_retry_after_waits_one_window_of_the_guide() {
        let p = Pacer::new(None);
        let clock = FakeClock(Cell::new(0.0));
        let (r, told, _) = run(&p, &clock, vec![Err(ApiError::rate_limited(None)), Ok(())]);
        assert!(r.is_ok());
        assert_eq!(clock.now_ms(), NO_RETRY_AFTER_SECS as f64 * 1000.0);
        assert!(told[0].contains("60 s"));
    }

    #[test]
    fn a_wait_too_long_or_a_429_that_persists_ends_with_the_error() {
        let p = Pacer::new(None);
        let clock = FakeClock(Cell::new(0.0));
        let (r, told, sent) = run::<()>(&p, &clock, vec![Err(ApiError::rate_limited(Some(3600)))]);
        assert_eq!(r.unwrap_err().rate_limited_for(), Some(Some(3600)));
        assert_eq!((told.len(), sent, clock.now_ms()), (0, 1, 0.0));

        let p = Pacer::new(None);
        let limited = || Err(ApiError::rate_limited(Some(2)));
        let (r, told, sent) = run::<()>(&p, &clock, (0..=MAX_RETRIES).map(|_| limited()).collect());
        assert!(r.unwrap_err().rate_limited_for().is_some());
        assert_eq!((told.len(), sent), (MAX_RETRIES, MAX_RETRIES + 1));
    }

    #[test]
    fn other_errors_are_not_retried() {
        let p = Pacer::new(None);
        let clock = FakeClock(Cell::new(0.0));
        let (r, told, sent) = run::<()>(&p, &clock, vec![Err(ApiError::server(503, ""))]);
        assert!(r.unwrap_err().is_transient());
        assert_eq!((told.len(), sent), (0, 1));
    }

    #[test]
    fn endpoints_ignore_the_query_and_a_trailing_slash() {
        assert_eq!(endpoint("get", "/device/?status=ACTIVE"), "GET /device");
        assert_eq!(endpoint("POST", "/device/uuid"), "POST /device/uuid");
    }
}
