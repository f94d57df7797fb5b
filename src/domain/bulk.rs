//! Bulk device actions: what each needs from the admin, how a selection is split into requests,
//! and the combined per-device outcome.
//!
//! The V1 bulk calls take their device list in the query string (`deviceUuids=a&deviceUuids=b`,
//! seed 003 L4238-4381: any parameter not in the path is a query parameter, L161-163), and accept at
//! most 20,000 uuids (L4270-4275). Query strings that long break at real servers and proxies (Tomcat
//! and nginx stop at 8 KB of request line by default), so a selection is split both by count and by
//! URL length.

use std::collections::BTreeMap;

/// The server's per-request device limit (`bulk.api.maxdeviceuuids`, L4270-4275).
pub const MAX_UUIDS_PER_REQUEST: usize = 20_000;
/// Longest request line sent: well under the 8 KB common default of servers and proxies.
pub const MAX_URL_BYTES: usize = 6_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BulkKind {
    Lock,
    Unlock,
    WakeUp,
    Retire,
    Wipe,
}

impl BulkKind {
    pub const ALL: [BulkKind; 5] = [
        BulkKind::Lock,
        BulkKind::Unlock,
        BulkKind::WakeUp,
        BulkKind::Retire,
        BulkKind::Wipe,
    ];

    pub fn label(self) -> &'static str {
        match self {
            BulkKind::Lock => "Lock",
            BulkKind::Unlock => "Unlock",
            BulkKind::WakeUp => "Wake up",
            BulkKind::Retire => "Retire",
            BulkKind::Wipe => "Wipe",
        }
    }

    /// Wipe and retire cannot be undone: they demand typing the count.
    pub fn destructive(self) -> bool {
        matches!(self, BulkKind::Retire | BulkKind::Wipe)
    }

    /// What the action does, for the confirmation.
    pub fn explain(self, n: usize) -> String {
        let devices = plural(n, "device", "devices");
        match self {
            BulkKind::Lock => format!("Lock {devices}. Users must enter their passcode to use them again."),
            BulkKind::Unlock => {
                format!("Clear the passcode of {devices} (iOS and Android), or get an unlock passcode (BlackBerry).")
            }
            BulkKind::WakeUp => format!("Ask {devices} to check in with the server now."),
            BulkKind::Retire => format!(
                "Retire {devices}: the MDM profile, managed apps and their data are removed and the devices stop being managed. This cannot be undone."
            ),
            BulkKind::Wipe => format!(
                "Factory-reset {devices}: all data on them is erased. After a wipe, the only action left is Retire. This cannot be undone."
            ),
        }
    }
}

/// `1 device`, `0 devices`, `58 devices`: the noun agrees with the count.
pub fn plural<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    if n == N::from(1) {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Before an SMS: how many of the selected devices have no phone number (an SMS cannot reach
/// them), e.g. `16 of the 58 selected devices have no phone number.`
pub fn no_phone_notice(no_phone: usize, selected: usize) -> String {
    match (no_phone, selected) {
        (1, 1) => "The selected device has no phone number.".into(),
        (n, s) if n == s => format!("None of the {s} selected devices has a phone number."),
        (1, s) => format!("1 of the {s} selected devices has no phone number."),
        (n, s) => format!("{n} of the {s} selected devices have no phone number."),
    }
}

/// Splits ids into requests: at most `max_count` per request, and a query of at most `budget`
/// bytes where each id costs its length plus `per_item` (the `&deviceUuids=` part).
pub fn chunk(ids: &[String], per_item: usize, budget: usize, max_count: usize) -> Vec<&[String]> {
    // At least one id per chunk, or a `max_count` of 0 would never finish; saturating sums, so
    // that no `per_item` overflows.
    let max_count = max_count.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    while start < ids.len() {
        let mut used: usize = 0;
        let mut end = start;
        while end < ids.len() && end - start < max_count {
            let cost = ids[end].len().saturating_add(per_item);
            if end > start && used.saturating_add(cost) > budget {
                break;
            }
            used = used.saturating_add(cost);
            end += 1;
        }
        out.push(&ids[start..end]);
        start = end;
    }
    out
}

/// What the server said about the devices of a request that it did not name as invalid or failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unnamed {
    /// They succeeded.
    #[default]
    Succeeded,
    /// Some of them failed and the server did not say which (send message: `messageSentFailed`
    /// without a list, V1 guide "Send message to devices"); `sent` is how many got the message,
    /// when the server said.
    SomeFailed { sent: Option<usize> },
}

/// What the server said about one request of a bulk action.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChunkResult {
    /// Devices the server did not accept (unknown uuids).
    pub invalid: Vec<String>,
    /// Devices that failed (UNLOCK reports them), as the server's messages.
    pub failed: Vec<String>,
    pub unnamed: Unnamed,
    /// Unlock passcodes: (device uuid, name, value).
    pub passcodes: Vec<(String, String, String)>,
    pub messages: Vec<String>,
}

/// How many devices got a message, from the server's sentence (`Message sent to 42 of 58
/// device(s).`): the first number of the first "… N of M …" with N ≤ M. The V1 guide ("Send
/// message to devices") documents only the all-sent sentence, so anything else counts as unsaid.
pub fn sent_count(messages: &[String]) -> Option<usize> {
    messages.iter().find_map(|m| {
        let words: Vec<&str> = m
            .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        words.windows(3).find_map(|w| {
            let (n, m) = (w[0].parse::<usize>().ok()?, w[2].parse::<usize>().ok()?);
            (w[1].eq_ignore_ascii_case("of") && n <= m).then_some(n)
        })
    })
}

/// The combined outcome of a bulk action, per device.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BulkOutcome {
    pub requested: usize,
    pub succeeded: Vec<String>,
    pub invalid: Vec<String>,
    pub failed: Vec<String>,
    /// Requests that failed as a whole: (number of devices in it, error message).
    pub errors: Vec<(usize, String)>,
    /// Devices that were in a request that failed as a whole.
    pub not_sent: Vec<String>,
    /// Devices of requests where some failed and the server did not say which: never counted
    /// as succeeded.
    pub unconfirmed: Vec<String>,
    /// How many of `unconfirmed` succeeded, while every such request said how many.
    pub unconfirmed_sent: Option<usize>,
    pub passcodes: Vec<(String, String, String)>,
    pub messages: Vec<String>,
}

impl BulkOutcome {
    pub fn new(requested: usize) -> Self {
        BulkOutcome {
            requested,
            unconfirmed_sent: Some(0),
            ..Default::default()
        }
    }

    /// Adds one request's answer for the devices it carried.
    pub fn add(&mut self, sent: &[String], result: Result<ChunkResult, String>) {
        match result {
            Ok(r) => {
                let bad: std::collections::HashSet<&str> =
                    r.invalid.iter().map(String::as_str).collect();
                let failed_ids: std::collections::HashSet<&str> = sent
                    .iter()
                    .filter(|id| r.failed.iter().any(|f| f.contains(id.as_str())))
                    .map(String::as_str)
                    .collect();
                let unnamed: Vec<String> = sent
                    .iter()
                    .filter(|id| !bad.contains(id.as_str()) && !failed_ids.contains(id.as_str()))
                    .cloned()
                    .collect();
                match r.unnamed {
                    // As many sent as were not named: the failures were the invalid devices.
                    Unnamed::SomeFailed { sent: Some(n) } if n >= unnamed.len() => {
                        self.succeeded.extend(unnamed)
                    }
                    Unnamed::Succeeded => self.succeeded.extend(unnamed),
                    Unnamed::SomeFailed { sent } => {
                        self.unconfirmed_sent = self.unconfirmed_sent.zip(sent).map(|(a, b)| a + b);
                        self.unconfirmed.extend(unnamed);
                    }
                }
                self.invalid.extend(r.invalid);
                self.failed.extend(r.failed);
                self.passcodes.extend(r.passcodes);
                for m in r.messages {
                    if !m.trim().is_empty() && !self.messages.contains(&m) {
                        self.messages.push(m);
                    }
                }
            }
            Err(e) => {
                self.errors.push((sent.len(), e));
                self.not_sent.extend(sent.iter().cloned());
            }
        }
    }

    pub fn summary(&self) -> String {
        let ok = self.succeeded.len();
        let unsure = self.unconfirmed.len();
        let mut parts = Vec::new();
        if unsure == 0 || (ok > 0 && self.unconfirmed_sent.is_none()) {
            parts.push(format!("{ok} succeeded"));
        }
        if !self.invalid.is_empty() {
            parts.push(format!("{} invalid", self.invalid.len()));
        }
        if !self.failed.is_empty() {
            parts.push(format!("{} failed", self.failed.len()));
        }
        if !self.not_sent.is_empty() {
            parts.push(format!(
                "{} not processed because a request failed",
                self.not_sent.len()
            ));
        }
        // Never more than the server confirmed: devices it did not name stay out of "succeeded".
        if unsure > 0 {
            parts.push(match self.unconfirmed_sent {
                Some(n) => format!(
                    "{} of {} sent; the server did not say which {} failed",
                    ok + n,
                    ok + unsure,
                    unsure - n
                ),
                None => format!(
                    "{unsure} not confirmed: the message did not reach all of them and the server did not say which"
                ),
            });
        }
        format!(
            "{}: {}.",
            plural(self.requested, "device", "devices"),
            parts.join(", ")
        )
    }

    /// Error messages grouped, with how many devices each hit.
    pub fn grouped_errors(&self) -> Vec<(String, usize)> {
        let mut m: BTreeMap<&str, usize> = BTreeMap::new();
        for (n, e) in &self.errors {
            *m.entry(e.as_str()).or_default() += n;
        }
        m.into_iter().map(|(e, n)| (e.to_string(), n)).collect()
    }
}

/// How many times one part of a bulk run is sent again after a 429 before it counts as failed.
pub const RATE_LIMIT_RETRIES: u32 = 4;
/// The longest wait the portal accepts from a Retry-After before giving up on that part.
pub const RATE_LIMIT_MAX_WAIT_MS: u32 = 60_000;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("{i:08}-0000-4000-8000-000000000000"))
            .collect()
    }

    #[test]
    fn chunks_respect_url_budget_and_count() {
        let all = ids(1000);
        let per_item = "&deviceUuids=".len();
        let chunks = chunk(&all, per_item, MAX_URL_BYTES, MAX_UUIDS_PER_REQUEST);
        assert!(chunks.len() > 1);
        for c in &chunks {
            let bytes: usize = c.iter().map(|id| id.len() + per_item).sum();
            assert!(bytes <= MAX_URL_BYTES, "{bytes}");
        }
        // Nothing lost, nothing repeated, order kept.
        let flat: Vec<&String> = chunks.iter().flat_map(|c| c.iter()).collect();
        assert_eq!(flat.len(), 1000);
        assert!(flat.iter().zip(all.iter()).all(|(a, b)| *a == b));
        // The count limit applies too (L4270-4275: at most 20,000 per request).
        let by_count = chunk(&all, 0, usize::MAX, 300);
        assert_eq!(
            by_count.iter().map(|c| c.len()).collect::<Vec<_>>(),
            [300, 300, 300, 100]
        );
        assert!(chunk(&[], 10, 100, 10).is_empty());
        // One id longer than the budget still goes out alone rather than looping forever.
        let long = vec!["x".repeat(500)];
        assert_eq!(chunk(&long, 10, 100, 10).len(), 1);
    }

    #[test]
    fn outcome_per_device() {
        let sent = ids(4);
        let mut o = BulkOutcome::new(6);
        o.add(
            &sent,
            Ok(ChunkResult {
                invalid: vec![sent[1].clone()],
                failed: vec![format!("Unlock failed for device {}", sent[2])],
                passcodes: vec![(sent[0].clone(), "jdoe:iOS:PDA".into(), "Q".into())],
                ..Default::default()
            }),
        );
        let rest = ids(6)[4..].to_vec();
        o.add(&rest, Err("The server had a problem (HTTP 500)".into()));
        assert_eq!(o.succeeded, vec![sent[0].clone(), sent[3].clone()]);
        assert_eq!(o.invalid, vec![sent[1].clone()]);
        assert_eq!(o.failed.len(), 1);
        assert_eq!(o.not_sent, rest);
        assert_eq!(
            o.grouped_errors(),
            vec![("The server had a problem (HTTP 500)".to_string(), 2)]
        );
        assert_eq!(
            o.summary(),
            "6 devices: 2 succeeded, 1 invalid, 1 failed, 2 not processed because a request failed."
        );
    }

    #[test]
    fn a_partial_message_claims_only_what_the_server_confirmed() {
        // V1 guide, "Send message to devices": `messageSentFailed` says the message "was not sent
        // for at least one specified device" without naming it; the count comes from the
        // server's sentence when it gives one.
        let sent = ids(58);
        let answer = |sent: Option<usize>| ChunkResult {
            unnamed: Unnamed::SomeFailed { sent },
            messages: vec!["Message sent to 42 of 58 device(s).".into()],
            ..Default::default()
        };
        let mut o = BulkOutcome::new(58);
        o.add(&sent, Ok(answer(sent_count(&answer(None).messages))));
        assert!(o.succeeded.is_empty());
        assert_eq!(o.unconfirmed.len(), 58);
        assert_eq!(
            o.summary(),
            "58 devices: 42 of 58 sent; the server did not say which 16 failed."
        );
        // Without a count: nothing claimed at all.
        let mut o = BulkOutcome::new(58);
        o.add(&sent, Ok(answer(None)));
        assert_eq!(
            o.summary(),
            "58 devices: 58 not confirmed: the message did not reach all of them and the server did not say which."
        );
        // A part that fully succeeded stays confirmed; the count adds up over parts.
        let mut o = BulkOutcome::new(60);
        o.add(&ids(60)[58..], Ok(ChunkResult::default()));
        o.add(&sent, Ok(answer(Some(42))));
        assert_eq!(o.succeeded.len(), 2);
        assert_eq!(
            o.summary(),
            "60 devices: 44 of 60 sent; the server did not say which 16 failed."
        );
        // Every valid device sent: the failures were the invalid ones, so the rest succeeded.
        let mut o = BulkOutcome::new(3);
        o.add(
            &ids(3),
            Ok(ChunkResult {
                invalid: vec![ids(3)[0].clone()],
                unnamed: Unnamed::SomeFailed { sent: Some(2) },
                ..Default::default()
            }),
        );
        assert_eq!(o.summary(), "3 devices: 2 succeeded, 1 invalid.");
    }

    #[test]
    fn no_phone_notice_agrees_with_its_counts() {
        assert_eq!(
            no_phone_notice(16, 58),
            "16 of the 58 selected devices have no phone number."
        );
        assert_eq!(
            no_phone_notice(1, 58),
            "1 of the 58 selected devices has no phone number."
        );
        assert_eq!(
            no_phone_notice(3, 3),
            "None of the 3 selected devices has a phone number."
        );
        assert_eq!(
            no_phone_notice(1, 1),
            "The selected device has no phone number."
        );
    }

    #[test]
    fn sent_count_reads_n_of_m_only() {
        let m = |s: &str| vec![s.to_string()];
        assert_eq!(
            sent_count(&m("Message sent to 42 of 58 device(s).")),
            Some(42)
        );
        assert_eq!(
            sent_count(&m("Message sent successfully for all devices.")),
            None
        );
        assert_eq!(sent_count(&m("Sent to 9 of 3")), None);
        assert_eq!(sent_count(&[]), None);
    }

    #[test]
    fn destructive_actions() {
        assert!(BulkKind::Wipe.destructive() && BulkKind::Retire.destructive());
        assert!(!BulkKind::Lock.destructive());
        assert!(BulkKind::Wipe
            .explain(1)
            .starts_with("Factory-reset 1 device:"));
        assert!(BulkKind::Lock.explain(3).starts_with("Lock 3 devices."));
    }

    #[test]
    fn a_429_waits_as_told_then_gives_up() {
        // The CPS guide (seeds/001_757860a6b2f7a728.txt:1010-1013) tells integrators to keep their
        // call rate under the cluster's per-minute limits or "rate-limiting being invoked"; the
        // server then answers 429 with Retry-After, which is honoured here.
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
}
