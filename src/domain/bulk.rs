//! Bulk device actions: what each does and needs from the admin, and the combined per-device
//! outcome. How a selection travels to a server (parts, URL lengths, pacing, waiting out a busy
//! server) is the backend's (`DeviceApi::bulk`).

use std::collections::BTreeMap;

/// A bulk action, as a button: which ones a server has is in its capabilities
/// (`DeviceCaps::bulk`), what each carries is `backend::devices::BulkAction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BulkKind {
    Lock,
    Unlock,
    /// Ask the devices to check in now (EPMM V1 API guide, "Send Action to bulk devices":
    /// "wake up").
    WakeUp,
    /// Ask the devices to check in now (CPS guide, "Force checkin").
    CheckIn,
    /// A message by SMS, email or push notification.
    Message,
    Retire,
    Wipe,
    /// Turn a device setting on or off (CPS: personal hotspot, data roaming; iOS only).
    Setting(DeviceSetting),
    /// Set custom device attributes (CPS guide, "Update device attributes by device UEM identifiers").
    Attributes,
}

/// A device setting a bulk action turns on or off (CPS guide, "Manage device settings - iOS only").
pub use super::inventory::DeviceSetting;

impl BulkKind {
    pub fn label(self) -> &'static str {
        match self {
            BulkKind::Lock => "Lock",
            BulkKind::Unlock => "Unlock",
            BulkKind::WakeUp => "Wake up",
            BulkKind::CheckIn => "Force check-in",
            BulkKind::Message => "Send message",
            BulkKind::Retire => "Retire",
            BulkKind::Wipe => "Wipe",
            BulkKind::Setting(s) => s.label(),
            BulkKind::Attributes => "Set attributes",
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
            BulkKind::WakeUp | BulkKind::CheckIn => {
                format!("Ask {devices} to check in with the server now.")
            }
            BulkKind::Message => format!("Send a message to {devices}."),
            BulkKind::Retire => format!(
                "Retire {devices}: the MDM profile, managed apps and their data are removed and the devices stop being managed. This cannot be undone."
            ),
            BulkKind::Wipe => format!(
                "Factory-reset {devices}: all data on them is erased. After a wipe, the only action left is Retire. This cannot be undone."
            ),
            BulkKind::Setting(s) => format!("Change {} on {devices} (iOS only).", s.label().to_lowercase()),
            BulkKind::Attributes => format!("Set custom attributes of {devices}."),
        }
    }

    /// What a server that only counts says it did: "42 of 58 sent", "42 of 58 initiated".
    fn done_word(self) -> &'static str {
        match self {
            BulkKind::Message => "sent",
            _ => "initiated",
        }
    }

    /// What may not have reached every device.
    fn what(self) -> &'static str {
        match self {
            BulkKind::Message => "the message",
            _ => "the action",
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

/// What the server said about the devices of a request that it did not name as invalid or failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unnamed {
    /// They succeeded.
    #[default]
    Succeeded,
    /// Some of them failed and the server did not say which (EPMM's send message:
    /// `messageSentFailed` without a list; CPS: only a count of the actions initiated); `done` is
    /// how many succeeded, when the server said.
    SomeFailed { done: Option<usize> },
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

/// The combined outcome of a bulk action, per device.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkOutcome {
    pub kind: BulkKind,
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
    pub unconfirmed_done: Option<usize>,
    pub passcodes: Vec<(String, String, String)>,
    pub messages: Vec<String>,
}

impl BulkOutcome {
    pub fn new(requested: usize, kind: BulkKind) -> Self {
        BulkOutcome {
            kind,
            requested,
            succeeded: Vec::new(),
            invalid: Vec::new(),
            failed: Vec::new(),
            errors: Vec::new(),
            not_sent: Vec::new(),
            unconfirmed: Vec::new(),
            unconfirmed_done: Some(0),
            passcodes: Vec::new(),
            messages: Vec::new(),
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
                    // As many done as were not named: the failures were the invalid devices.
                    Unnamed::SomeFailed { done: Some(n) } if n >= unnamed.len() => {
                        self.succeeded.extend(unnamed)
                    }
                    Unnamed::Succeeded => self.succeeded.extend(unnamed),
                    Unnamed::SomeFailed { done } => {
                        self.unconfirmed_done = self.unconfirmed_done.zip(done).map(|(a, b)| a + b);
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
        if unsure == 0 || (ok > 0 && self.unconfirmed_done.is_none()) {
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
            parts.push(match self.unconfirmed_done {
                Some(n) => format!(
                    "{} of {} {}; the server did not say which {} failed",
                    ok + n,
                    ok + unsure,
                    self.kind.done_word(),
                    unsure - n
                ),
                None => format!(
                    "{unsure} not confirmed: {} did not reach all of them and the server did not say which",
                    self.kind.what()
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

/// `n` distinct device uuids, for tests.
#[cfg(test)]
pub(crate) fn test_uuids(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("{i:08}-0000-4000-8000-000000000000"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::test_uuids as ids;
    use super::*;

    #[test]
    fn outcome_per_device() {
        let sent = ids(4);
        let mut o = BulkOutcome::new(6, BulkKind::Unlock);
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
        // EPMM V1 API guide, "Send message to devices": `messageSentFailed` says the message "was
        // not sent for at least one specified device" without naming it; the count comes from the
        // server's sentence when it gives one.
        let sent = ids(58);
        let answer = |done: Option<usize>| ChunkResult {
            unnamed: Unnamed::SomeFailed { done },
            messages: vec!["Message sent to 42 of 58 device(s).".into()],
            ..Default::default()
        };
        let mut o = BulkOutcome::new(58, BulkKind::Message);
        o.add(&sent, Ok(answer(Some(42))));
        assert!(o.succeeded.is_empty());
        assert_eq!(o.unconfirmed.len(), 58);
        assert_eq!(
            o.summary(),
            "58 devices: 42 of 58 sent; the server did not say which 16 failed."
        );
        // Without a count: nothing claimed at all.
        let mut o = BulkOutcome::new(58, BulkKind::Message);
        o.add(&sent, Ok(answer(None)));
        assert_eq!(
            o.summary(),
            "58 devices: 58 not confirmed: the message did not reach all of them and the server did not say which."
        );
        // A part that fully succeeded stays confirmed; the count adds up over parts.
        let mut o = BulkOutcome::new(60, BulkKind::Message);
        o.add(&ids(60)[58..], Ok(ChunkResult::default()));
        o.add(&sent, Ok(answer(Some(42))));
        assert_eq!(o.succeeded.len(), 2);
        assert_eq!(
            o.summary(),
            "60 devices: 44 of 60 sent; the server did not say which 16 failed."
        );
        // Every valid device sent: the failures were the invalid ones, so the rest succeeded.
        let mut o = BulkOutcome::new(3, BulkKind::Message);
        o.add(
            &ids(3),
            Ok(ChunkResult {
                invalid: vec![ids(3)[0].clone()],
                unnamed: Unnamed::SomeFailed { done: Some(2) },
                ..Default::default()
            }),
        );
        assert_eq!(o.summary(), "3 devices: 2 succeeded, 1 invalid.");
    }

    #[test]
    fn an_action_the_server_only_counts_claims_n_of_m_initiated() {
        // CPS guide, "Force checkin": the answer is `{"result": n}`, the check-ins
        // initiated; invalid ids are ignored without being named. Fewer than sent: none is
        // claimed, the count is.
        let mut o = BulkOutcome::new(5, BulkKind::WakeUp);
        o.add(
            &ids(5),
            Ok(ChunkResult {
                unnamed: Unnamed::SomeFailed { done: Some(3) },
                ..Default::default()
            }),
        );
        assert!(o.succeeded.is_empty());
        assert_eq!(
            o.summary(),
            "5 devices: 3 of 5 initiated; the server did not say which 2 failed."
        );
        let mut o = BulkOutcome::new(2, BulkKind::Setting(DeviceSetting::DataRoaming));
        o.add(
            &ids(2),
            Ok(ChunkResult {
                unnamed: Unnamed::SomeFailed { done: None },
                ..Default::default()
            }),
        );
        assert_eq!(
            o.summary(),
            "2 devices: 2 not confirmed: the action did not reach all of them and the server did not say which."
        );
        // All of them counted: all succeeded.
        let mut o = BulkOutcome::new(5, BulkKind::WakeUp);
        o.add(
            &ids(5),
            Ok(ChunkResult {
                unnamed: Unnamed::SomeFailed { done: Some(5) },
                ..Default::default()
            }),
        );
        assert_eq!(o.summary(), "5 devices: 5 succeeded.");
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
    fn destructive_actions() {
        assert!(BulkKind::Wipe.destructive() && BulkKind::Retire.destructive());
        assert!(!BulkKind::Lock.destructive() && !BulkKind::Message.destructive());
        assert!(BulkKind::Wipe
            .explain(1)
            .starts_with("Factory-reset 1 device:"));
        assert!(BulkKind::Lock.explain(3).starts_with("Lock 3 devices."));
        assert_eq!(BulkKind::Message.label(), "Send message");
    }
}
