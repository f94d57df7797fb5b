//! Bulk actions and messages on EPMM (EPMM V1 API guide, "Send Action to bulk devices" and "Send
//! message to devices"): which ones EPMM has, the message modes and their limits, and how a
//! selection travels.
//!
//! Both calls take their device list in the query string (`deviceUuids=a&deviceUuids=b`; any
//! parameter not in the path is a query parameter) and accept at most 20,000 uuids per request by
//! default (`bulk.api.maxdeviceuuids`). Query strings that long break at real servers and proxies
//! (Tomcat and nginx stop at 8 KB of request line by default), so a selection is split both by
//! count and by URL length, and the parts are sent one after the other
//! ([`crate::backend::bulk::run_parts`], which waits out a 429).

use super::actions::url;
use super::EpmmCalls;
use crate::backend::bulk::run_parts;
use crate::backend::devices::{BulkAction, BulkProgress, Message};
use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::bulk::{BulkKind, BulkOutcome, ChunkResult, Unnamed};
use crate::domain::forms::{MessageLimits, MessageMode};
use gloo_net::http::Method;
use wire::v1;
use wire::v1::bulk::{SendMessageRequest, SendMessageResponse};

/// The bulk actions EPMM has, in the order of their buttons.
pub const ACTIONS: &[BulkKind] = &[
    BulkKind::Lock,
    BulkKind::Unlock,
    BulkKind::WakeUp,
    BulkKind::Message,
    BulkKind::Retire,
    BulkKind::Wipe,
];

/// The send-message modes (`mode`: `sms`, `email`, `pns`; "subject: Valid only when the mode is
/// email"). The guide gives no length limit: these are the portal's, which keep the text (it
/// travels in the query, three bytes per encoded byte) within the request-line budget.
pub const MESSAGES: &[MessageLimits] = &[
    MessageLimits {
        mode: MessageMode::Sms,
        body_max: 1000,
        subject_max: None,
        html: false,
    },
    MessageLimits {
        mode: MessageMode::Email,
        body_max: 1000,
        subject_max: Some(255),
        html: false,
    },
    MessageLimits {
        mode: MessageMode::Push,
        body_max: 1000,
        subject_max: None,
        html: false,
    },
];

/// The server's per-request device limit (`bulk.api.maxdeviceuuids`).
pub const MAX_UUIDS_PER_REQUEST: usize = v1::MAX_BULK_DEVICES;
/// Longest request line sent: well under the 8 KB common default of servers and proxies.
pub const MAX_URL_BYTES: usize = 6_000;
/// Bytes each device adds to a bulk request's query (`&deviceUuids=`).
pub const BULK_PER_ITEM: usize = "&deviceUuids=".len();
/// Bytes each device adds to a send-message query (`&deviceUuid=`).
pub const MESSAGE_PER_ITEM: usize = "&deviceUuid=".len();

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

/// The parts `ids` are sent in for `action`: a message's text travels in the query too, so it
/// leaves less room for the devices.
pub fn parts<'a>(action: &BulkAction, ids: &'a [String]) -> Vec<&'a [String]> {
    let (per_item, reserve) = match action {
        BulkAction::Message(m) => (
            MESSAGE_PER_ITEM,
            m.body.len() * 3 + m.subject.len() * 3 + 64,
        ),
        _ => (BULK_PER_ITEM, 64),
    };
    let budget = MAX_URL_BYTES.saturating_sub(reserve).max(200);
    chunk(ids, per_item, budget, MAX_UUIDS_PER_REQUEST)
}

/// Runs a bulk action on EPMM: the parts one after the other, a 429 waited out.
pub async fn run(
    api: &ApiClient,
    action: &BulkAction,
    ids: &[String],
    progress: &dyn BulkProgress,
) -> BulkOutcome {
    let mut outcome = BulkOutcome::new(ids.len(), action.kind());
    run_parts(
        &parts(action, ids),
        |part| send_part(api, action, part),
        crate::ui::poll::sleep_ms,
        progress,
        &mut outcome,
    )
    .await;
    outcome
}

async fn send_part(
    api: &ApiClient,
    action: &BulkAction,
    uuids: &[String],
) -> Result<ChunkResult, ApiError> {
    let wire_action = match action {
        BulkAction::Lock => v1::bulk::BulkAction::Lock,
        BulkAction::Unlock => v1::bulk::BulkAction::Unlock,
        BulkAction::WakeUp => v1::bulk::BulkAction::WakeupDevice,
        BulkAction::Retire => v1::bulk::BulkAction::Retire,
        BulkAction::Wipe => v1::bulk::BulkAction::Wipe,
        BulkAction::Message(m) => return send_message(api, m, uuids).await,
        BulkAction::CheckIn | BulkAction::Setting { .. } | BulkAction::Attributes(_) => {
            return Err(ApiError::rejected(
                400,
                format!("EPMM has no bulk action “{}”.", action.kind().label()),
            ))
        }
    };
    bulk(api, wire_action, uuids).await
}

/// One request of a bulk action (`POST /api/v1/dm/bulk/devices/{actiontype}`, EPMM V1 API
/// guide, "Send Action to bulk devices").
async fn bulk(
    api: &ApiClient,
    action: v1::bulk::BulkAction,
    uuids: &[String],
) -> Result<ChunkResult, ApiError> {
    let query = v1::bulk::BulkAction::query(uuids).map_err(|m| ApiError::rejected(400, m))?;
    let r: v1::bulk::BulkResponse = api
        .send_json(Method::POST, &url(&action.path(), &query), Body::None)
        .await?;
    if r.is_invalid_action() {
        return Err(ApiError::rejected(
            400,
            "The server did not accept the action name.",
        ));
    }
    Ok(ChunkResult {
        invalid: invalid(&r.invalid_devices),
        failed: r
            .failed_devices
            .items
            .into_iter()
            .map(|m| m.trim().to_string())
            .collect(),
        passcodes: r
            .passcodes
            .items
            .into_iter()
            .map(|p| {
                (
                    p.uuid.trim().to_string(),
                    p.name.trim().to_string(),
                    p.value.trim().to_string(),
                )
            })
            .collect(),
        unnamed: Unnamed::Succeeded,
        messages: r.messages.0,
    })
}

/// The devices an answer lists as invalid (`invalidDevices`).
fn invalid(uuids: &v1::Uuids) -> Vec<String> {
    uuids.trimmed().into_iter().map(String::from).collect()
}

/// The send-message request for a message to `uuids`.
fn message_request(m: &Message, uuids: &[String]) -> SendMessageRequest {
    SendMessageRequest {
        mode: match m.mode {
            MessageMode::Sms => v1::bulk::MessageMode::Sms,
            MessageMode::Email => v1::bulk::MessageMode::Email,
            MessageMode::Push => v1::bulk::MessageMode::Pns,
        },
        message: m.body.clone(),
        subject: Some(m.subject.clone()).filter(|s| !s.trim().is_empty()),
        devices: uuids.to_vec(),
        by_mac: false,
    }
}

/// One request of a message to devices (`POST /api/v1/dm/bulk/sendmessage`, EPMM V1 API guide,
/// "Send message to devices").
async fn send_message(
    api: &ApiClient,
    m: &Message,
    uuids: &[String],
) -> Result<ChunkResult, ApiError> {
    let req = message_request(m, uuids);
    req.validate().map_err(|m| ApiError::rejected(400, m))?;
    let r: SendMessageResponse = api
        .send_json(Method::POST, &url(req.path(), &req.query()), Body::None)
        .await?;
    Ok(message_result(r))
}

/// `messageSentFailed` names no device (EPMM V1 API guide, "Send message to devices"): the
/// devices not listed as invalid are then unconfirmed, with the count the server's sentence
/// gives, if any.
fn message_result(r: SendMessageResponse) -> ChunkResult {
    let messages = r.messages.0;
    let unnamed = if r.message_sent_failed {
        Unnamed::SomeFailed {
            done: sent_count(&messages),
        }
    } else {
        Unnamed::Succeeded
    };
    ChunkResult {
        invalid: invalid(&r.invalid_devices),
        unnamed,
        messages,
        ..Default::default()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bulk::test_uuids as ids;
    use proptest::collection::vec;
    use proptest::prelude::*;

    #[test]
    fn chunks_respect_url_budget_and_count() {
        let all = ids(1000);
        let chunks = chunk(&all, BULK_PER_ITEM, MAX_URL_BYTES, MAX_UUIDS_PER_REQUEST);
        assert!(chunks.len() > 1);
        for c in &chunks {
            let bytes: usize = c.iter().map(|id| id.len() + BULK_PER_ITEM).sum();
            assert!(bytes <= MAX_URL_BYTES, "{bytes}");
        }
        // Nothing lost, nothing repeated, order kept.
        let flat: Vec<&String> = chunks.iter().flat_map(|c| c.iter()).collect();
        assert_eq!(flat.len(), 1000);
        assert!(flat.iter().zip(all.iter()).all(|(a, b)| *a == b));
        // The count limit applies too (EPMM V1 API guide, "Send Action to bulk devices": at most
        // 20,000 per request by default).
        assert_eq!(MAX_UUIDS_PER_REQUEST, 20_000);
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
    fn found_bugs_stay_fixed() {
        // A `max_count` of 0 never finished; a huge `per_item` overflowed (found by the
        // property below).
        let ids: Vec<String> = vec!["a".into(), "b".into()];
        assert_eq!(chunk(&ids, 0, 100, 0), vec![&ids[..1], &ids[1..]]);
        assert_eq!(chunk(&ids, usize::MAX, 0, 2).len(), 2);
    }

    #[test]
    fn a_message_leaves_room_in_the_url_for_its_text() {
        let all = ids(400);
        let message = |body: &str| {
            BulkAction::Message(Message {
                mode: MessageMode::Email,
                subject: "Device return".into(),
                body: body.into(),
                html: false,
            })
        };
        let short = parts(&message("Hi"), &all);
        let long = parts(&message(&"x".repeat(1000)), &all);
        assert!(short.len() < long.len());
        assert_eq!(long.concat(), all);
        // The whole request line stays within the budget: path, text and devices.
        for p in &long {
            let req = message_request(
                &Message {
                    mode: MessageMode::Email,
                    subject: "Device return".into(),
                    body: "x".repeat(1000),
                    html: false,
                },
                p,
            );
            let line = url(req.path(), &req.query());
            assert!(line.len() <= MAX_URL_BYTES, "{}", line.len());
        }
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
    fn message_sent_failed_leaves_the_unnamed_devices_unconfirmed() {
        // EPMM V1 API guide, "Send message to devices": `messageSentFailed` without a list.
        let r = SendMessageResponse {
            message_sent_failed: true,
            messages: wire::lenient::Messages(vec!["Message sent to 42 of 58 device(s).".into()]),
            ..Default::default()
        };
        assert_eq!(
            message_result(r).unnamed,
            Unnamed::SomeFailed { done: Some(42) }
        );
        assert_eq!(
            message_result(SendMessageResponse::default()).unnamed,
            Unnamed::Succeeded
        );
    }

    #[test]
    fn the_modes_and_their_limits() {
        let modes: Vec<_> = MESSAGES.iter().map(|m| m.mode).collect();
        assert_eq!(
            modes,
            [MessageMode::Sms, MessageMode::Email, MessageMode::Push]
        );
        // Only an email has a subject.
        assert!(MESSAGES
            .iter()
            .all(|m| m.subject_max.is_some() == (m.mode == MessageMode::Email)));
        // SMS first: the default mode of the message dialog.
        assert_eq!(MESSAGES[0].mode, MessageMode::Sms);
    }

    proptest! {
        /// Bulk chunks keep every id once, in order, at most `max_count` per chunk (at least
        /// one), and within the byte budget unless a single id alone exceeds it; a chunk ends
        /// only when the next id would not fit.
        #[test]
        fn bulk_chunks_keep_order_and_respect_the_budget(
            ids in vec(prop_oneof!["[a-f0-9-]{0,40}", any::<String>()], 0..120),
            per_item in prop_oneof![0..32usize, any::<usize>()],
            budget in prop_oneof![0..2000usize, any::<usize>()],
            max_count in prop_oneof![0..40usize, any::<usize>()],
        ) {
            let chunks = chunk(&ids, per_item, budget, max_count);
            let flat: Vec<String> = chunks.concat();
            prop_assert_eq!(&flat, &ids);
            let cost = |c: &[String]| c.iter().fold(0usize, |a, id| a.saturating_add(id.len().saturating_add(per_item)));
            for (i, c) in chunks.iter().enumerate() {
                prop_assert!(!c.is_empty() && c.len() <= max_count.max(1));
                prop_assert!(c.len() == 1 || cost(c) <= budget, "chunk {} costs {} > {}", i, cost(c), budget);
                if i + 1 < chunks.len() {
                    let next = &chunks[i + 1][0];
                    let full = c.len() == max_count.max(1);
                    prop_assert!(full || cost(c).saturating_add(next.len().saturating_add(per_item)) > budget);
                }
            }
        }
    }
}
