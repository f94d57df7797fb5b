//! Bulk actions on CPS: force check-in (CPS guide, "Force checkin"), email and push notification
//! ("Send email to device owners", "Send push notification to devices"), personal hotspot and data
//! roaming ("Manage device settings - iOS only") and custom attributes ("Update device attributes
//! by device UEM identifiers").
//!
//! - **Batches.** At most [`BATCH`] identifiers per call ("Ivanti recommends limiting to 100 the
//!   number of IDs sent with a single API call", CPS guide, "Batch ID recommendation"); the parts
//!   go one after the other through [`run_parts`], and every call through the pacer
//!   ([`super::limits`]), so a selection of thousands stays within the per-minute budgets and a
//!   429 is waited out.
//! - **Identifiers.** Every one of these calls documents "List of UEM identifiers" only, while the
//!   portal knows a device by its `deviceGuid`: each part is first looked up with "Get devices by
//!   MDM or deviceGuid identifiers" (`identifierType` `GUID`, then `MDM_IDENTIFIER` for ids the
//!   first call did not find: devices listed without a `deviceGuid`). Devices the server does not
//!   know are named invalid; devices without an MDM identifier (enrollment not completed) failed,
//!   with the reason. Only the others are sent.
//! - **Outcome.** The answer is `{"result": n}`, "the count of devices for which the … action was
//!   successfully initiated"; invalid identifiers are "silently ignored". So the devices sent are
//!   all succeeded only when `n` counts every one of them; otherwise the outcome says "n of m
//!   initiated" and names none of them succeeded ([`BulkOutcome::unconfirmed`]).

use super::details::{attribute_values, settings_request};
use super::devices::NO_MDM_ID;
use super::{count, CpsClient};
use crate::backend::bulk::run_parts;
use crate::backend::devices::{BulkAction, BulkProgress};
use crate::backend::ApiError;
use crate::domain::bulk::{BulkKind, BulkOutcome, ChunkResult, DeviceSetting, Unnamed};
use crate::domain::forms::{MessageLimits, MessageMode};
use serde_json::Value;
use std::collections::HashMap;
use wire::cps::{
    self, EmailRequest, IdentifierRequest, IdentifierType, NotificationRequest, NumberResult,
    UpdateAttributesRequest,
};

/// The bulk actions CPS has, in the order of their buttons.
pub const ACTIONS: &[BulkKind] = &[
    BulkKind::CheckIn,
    BulkKind::Message,
    BulkKind::Setting(DeviceSetting::PersonalHotspot),
    BulkKind::Setting(DeviceSetting::DataRoaming),
    BulkKind::Attributes,
];

/// Email (subject ≤ 100, body ≤ 3,000 characters, HTML or text) and push notification (≤ 140
/// characters): CPS guide, "Send email to device owners", "Send push notification to devices".
pub const MESSAGES: &[MessageLimits] = &[
    MessageLimits {
        mode: MessageMode::Email,
        body_max: cps::MAX_EMAIL_BODY,
        subject_max: Some(cps::MAX_EMAIL_SUBJECT),
        html: true,
    },
    MessageLimits {
        mode: MessageMode::Push,
        body_max: cps::MAX_PUSH_MESSAGE,
        subject_max: None,
        html: false,
    },
];

/// Identifiers per call (CPS guide, "Batch ID recommendation").
pub const BATCH: usize = cps::RECOMMENDED_IDS;

/// Runs a bulk action: parts of [`BATCH`] devices, one after the other.
pub async fn run(
    api: &CpsClient,
    action: &BulkAction,
    ids: &[String],
    progress: &dyn BulkProgress,
) -> BulkOutcome {
    let mut outcome = BulkOutcome::new(ids.len(), action.kind());
    let parts: Vec<&[String]> = ids.chunks(BATCH).collect();
    run_parts(
        &parts,
        |part| send_part(api, action, part),
        crate::ui::poll::sleep_ms,
        progress,
        &mut outcome,
    )
    .await;
    outcome
}

/// The devices of one part, as the server knows them.
#[derive(Debug, Default, PartialEq)]
struct Targets {
    /// The MDM identifiers to send.
    mdm: Vec<String>,
    /// Ids the server does not know.
    invalid: Vec<String>,
    /// Devices that cannot be sent the action, each as a message naming its id.
    failed: Vec<String>,
}

/// Sorts a part's ids by what the look-up found: `found` maps ids (a `deviceGuid` or an MDM
/// identifier) to the device's MDM identifier, if it has one.
fn targets(ids: &[String], found: &HashMap<String, Option<String>>) -> Targets {
    let mut t = Targets::default();
    for id in ids {
        match found.get(id) {
            None => t.invalid.push(id.clone()),
            Some(None) => t.failed.push(format!("{id}: {NO_MDM_ID}")),
            Some(Some(mdm)) => t.mdm.push(mdm.clone()),
        }
    }
    t
}

/// Indexes looked-up devices by `key` (their `deviceGuid` or MDM identifier).
fn index(
    found: Vec<cps::Device>,
    key: fn(&cps::Device) -> Option<&String>,
    into: &mut HashMap<String, Option<String>>,
) {
    for d in found {
        if let Some(k) = key(&d).map(|k| k.trim().to_string()) {
            let mdm = d
                .identifier
                .as_deref()
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(String::from);
            into.insert(k, mdm);
        }
    }
}

/// Looks up a part's devices: by `deviceGuid`, then by MDM identifier for the rest.
async fn look_up(api: &CpsClient, ids: &[String]) -> Result<Targets, ApiError> {
    let mut found = HashMap::new();
    let by_guid: Vec<cps::Device> = api
        .post("/device/uuid", &IdentifierRequest::guids(ids))
        .await?;
    index(by_guid, |d| d.device_guid.as_ref(), &mut found);
    let rest: Vec<&String> = ids.iter().filter(|id| !found.contains_key(*id)).collect();
    if !rest.is_empty() {
        let by_mdm: Vec<cps::Device> = api
            .post(
                "/device/uuid",
                &IdentifierRequest {
                    identifier_type: Some(IdentifierType::MdmIdentifier),
                    identifiers: rest.into_iter().cloned().collect(),
                },
            )
            .await?;
        index(by_mdm, |d| d.identifier.as_ref(), &mut found);
    }
    Ok(targets(ids, &found))
}

/// The path and body of an action sent to the MDM identifiers `mdm`.
fn request(action: &BulkAction, mdm: Vec<String>) -> Result<(&'static str, Value), ApiError> {
    let target = IdentifierRequest::mdm(mdm);
    let json = |v: Result<Value, serde_json::Error>| {
        v.map_err(|e| ApiError::rejected(0, format!("The request could not be written: {e}")))
    };
    match action {
        BulkAction::CheckIn => Ok(("/device/forceCheckin", json(serde_json::to_value(target))?)),
        BulkAction::Message(m) => match m.mode {
            MessageMode::Email => Ok((
                "/device/email",
                json(serde_json::to_value(EmailRequest {
                    subject: Some(m.subject.clone()),
                    body: Some(m.body.clone()),
                    html: Some(m.html),
                    target,
                }))?,
            )),
            MessageMode::Push => Ok((
                "/device/notification",
                json(serde_json::to_value(NotificationRequest {
                    message: Some(m.body.clone()),
                    target,
                }))?,
            )),
            MessageMode::Sms => Err(unsupported(action)),
        },
        BulkAction::Setting { setting, enabled } => Ok((
            "/device/settings",
            json(serde_json::to_value(settings_request(
                target, *setting, *enabled,
            )))?,
        )),
        BulkAction::Attributes(changes) => Ok((
            "/device",
            json(serde_json::to_value(UpdateAttributesRequest {
                target,
                attributes: attribute_values(changes),
            }))?,
        )),
        BulkAction::Lock
        | BulkAction::Unlock
        | BulkAction::WakeUp
        | BulkAction::Retire
        | BulkAction::Wipe => Err(unsupported(action)),
    }
}

fn unsupported(action: &BulkAction) -> ApiError {
    ApiError::rejected(
        0,
        format!("CPS has no bulk action “{}”.", action.kind().label()),
    )
}

/// One part's outcome: `n` of the devices sent were initiated, by the server's count.
fn result(t: Targets, n: usize) -> ChunkResult {
    ChunkResult {
        invalid: t.invalid,
        failed: t.failed,
        unnamed: Unnamed::SomeFailed {
            done: Some(n.min(t.mdm.len())),
        },
        ..Default::default()
    }
}

/// One part: look the devices up, send the action to those that have an MDM identifier.
async fn send_part(
    api: &CpsClient,
    action: &BulkAction,
    ids: &[String],
) -> Result<ChunkResult, ApiError> {
    // Refuse before any call.
    request(action, Vec::new())?;
    let t = look_up(api, ids).await?;
    if t.mdm.is_empty() {
        return Ok(result(t, 0));
    }
    let (path, body) = request(action, t.mdm.clone())?;
    let n: NumberResult = api.post(path, &body).await?;
    Ok(result(t, count(n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::devices::Message;
    use crate::domain::attributes::AttributeValue;
    use crate::domain::bulk::test_uuids as ids;

    #[test]
    fn batch_id_recommendation_at_most_100_per_call() {
        // CPS guide, "Batch ID recommendation": 100 recommended, 200 at most.
        assert_eq!(BATCH, 100);
        const { assert!(BATCH <= cps::MAX_IDS) };
        let all = ids(250);
        let parts: Vec<usize> = all.chunks(BATCH).map(<[String]>::len).collect();
        assert_eq!(parts, [100, 100, 50]);
    }

    #[test]
    fn message_limits_are_the_guides() {
        // CPS guide, "Send email to device owners": subject 100, body 3,000, HTML flag;
        // "Send push notification to devices": 140.
        let email = MESSAGES[0];
        assert_eq!(
            (email.mode, email.subject_max, email.body_max, email.html),
            (MessageMode::Email, Some(100), 3000, true)
        );
        let push = MESSAGES[1];
        assert_eq!(
            (push.mode, push.subject_max, push.body_max, push.html),
            (MessageMode::Push, None, 140, false)
        );
        // Refused in the form, the limit named.
        let e = crate::domain::forms::validate_message(&push, "", &"x".repeat(141));
        assert!(e.get("message").unwrap().contains("140"), "{e:?}");
        let e = crate::domain::forms::validate_message(&email, &"s".repeat(101), "Hi");
        assert!(e.get("subject").unwrap().contains("100"), "{e:?}");
    }

    #[test]
    fn each_action_goes_to_its_documented_call_with_uem_identifiers() {
        let mdm = || vec!["mdm-1".to_string(), "mdm-2".to_string()];
        let (path, body) = request(&BulkAction::CheckIn, mdm()).unwrap();
        // CPS guide, "Force checkin": a list of identifiers, no identifierType (MDM assumed).
        assert_eq!(path, "/device/forceCheckin");
        assert_eq!(body, serde_json::json!({"identifiers": ["mdm-1", "mdm-2"]}));

        let email = BulkAction::Message(Message {
            mode: MessageMode::Email,
            subject: "Backup".into(),
            body: "<b>Please</b>".into(),
            html: true,
        });
        let (path, body) = request(&email, mdm()).unwrap();
        assert_eq!(path, "/device/email");
        assert_eq!(
            body,
            serde_json::json!({"subject": "Backup", "body": "<b>Please</b>", "html": true,
                               "identifiers": ["mdm-1", "mdm-2"]})
        );
        let push = BulkAction::Message(Message {
            mode: MessageMode::Push,
            subject: String::new(),
            body: "Please back up".into(),
            html: false,
        });
        let (path, body) = request(&push, mdm()).unwrap();
        assert_eq!(path, "/device/notification");
        assert_eq!(
            body,
            serde_json::json!({"message": "Please back up", "identifiers": ["mdm-1", "mdm-2"]})
        );

        // CPS guide, "Manage device settings - iOS only": the example's shape.
        let roaming = BulkAction::Setting {
            setting: DeviceSetting::DataRoaming,
            enabled: false,
        };
        let (path, body) = request(&roaming, mdm()).unwrap();
        assert_eq!(path, "/device/settings");
        assert_eq!(
            body,
            serde_json::json!({"identifiers": ["mdm-1", "mdm-2"],
                               "settings": {"type": "DATA_ROAMING", "value": {"enabled": false}}})
        );

        // CPS guide, "Update attributes": typed values, null clears.
        let attrs = BulkAction::Attributes(vec![
            ("assetTag".into(), Some(AttributeValue::Text("AT-1".into()))),
            ("nacCompliant".into(), None),
        ]);
        let (path, body) = request(&attrs, mdm()).unwrap();
        assert_eq!(path, "/device");
        assert_eq!(
            body,
            serde_json::json!({"identifiers": ["mdm-1", "mdm-2"],
                               "attributes": {"assetTag": "AT-1", "nacCompliant": null}})
        );

        // What CPS does not have is refused before any call.
        for a in [BulkAction::Lock, BulkAction::Wipe, BulkAction::WakeUp] {
            assert!(request(&a, mdm()).is_err());
        }
        let sms = BulkAction::Message(Message {
            mode: MessageMode::Sms,
            subject: String::new(),
            body: "x".into(),
            html: false,
        });
        assert!(request(&sms, mdm()).is_err());
        // Every action of the buttons has a call.
        for k in ACTIONS {
            let a = match k {
                BulkKind::Message => push.clone(),
                BulkKind::Setting(s) => BulkAction::Setting {
                    setting: *s,
                    enabled: true,
                },
                BulkKind::Attributes => attrs.clone(),
                k => BulkAction::simple(*k).unwrap(),
            };
            assert!(request(&a, mdm()).is_ok(), "{k:?}");
        }
    }

    #[test]
    fn unknown_ids_are_invalid_and_unenrolled_devices_fail_with_the_reason() {
        let part = ids(4);
        let found: HashMap<String, Option<String>> = [
            (part[0].clone(), Some("mdm-0".to_string())),
            (part[2].clone(), None),
            (part[3].clone(), Some("mdm-3".to_string())),
        ]
        .into_iter()
        .collect();
        let t = targets(&part, &found);
        assert_eq!(t.mdm, ["mdm-0", "mdm-3"]);
        assert_eq!(t.invalid, [part[1].clone()]);
        assert_eq!(t.failed.len(), 1);
        assert!(t.failed[0].contains(&part[2]) && t.failed[0].contains("enrollment"));

        // The lookup answer is indexed by the requested key, blanks are no identifier.
        let mut into = HashMap::new();
        let dev = |guid: &str, mdm: Option<&str>| cps::Device {
            device_guid: Some(guid.into()),
            identifier: mdm.map(String::from),
            ..Default::default()
        };
        index(
            vec![dev("g1", Some("m1")), dev("g2", Some(" ")), dev("g3", None)],
            |d| d.device_guid.as_ref(),
            &mut into,
        );
        assert_eq!(into["g1"], Some("m1".into()));
        assert_eq!((into["g2"].clone(), into["g3"].clone()), (None, None));
    }

    #[test]
    fn number_result_never_claims_more_than_the_server_counted() {
        // CPS guide, "Force checkin": `{"result": n}`, the check-ins initiated; invalid
        // identifiers silently ignored.
        let part = ids(5);
        let t = || Targets {
            mdm: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            invalid: vec![part[4].clone()],
            failed: Vec::new(),
        };
        let mut o = BulkOutcome::new(5, BulkKind::CheckIn);
        o.add(&part, Ok(result(t(), 3)));
        assert!(o.succeeded.is_empty());
        assert_eq!(
            o.summary(),
            "5 devices: 1 invalid, 3 of 4 initiated; the server did not say which 1 failed."
        );
        // Every device sent counted: they all succeeded.
        let mut o = BulkOutcome::new(5, BulkKind::CheckIn);
        o.add(&part, Ok(result(t(), 4)));
        assert_eq!(o.summary(), "5 devices: 4 succeeded, 1 invalid.");
        // A count above what was sent claims no more than was sent.
        let mut o = BulkOutcome::new(5, BulkKind::CheckIn);
        o.add(&part, Ok(result(t(), 99)));
        assert_eq!(o.succeeded.len(), 4);
        // A message counts "sent".
        let mut o = BulkOutcome::new(5, BulkKind::Message);
        o.add(&part, Ok(result(t(), 0)));
        assert_eq!(
            o.summary(),
            "5 devices: 1 invalid, 0 of 4 sent; the server did not say which 4 failed."
        );
    }
}
