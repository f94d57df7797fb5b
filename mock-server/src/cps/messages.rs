//! "Send email to device owners" and "Send push notification to devices" (CPS guide, "Message
//! APIs").
//!
//! - Limits in characters (Unicode scalar values): subject 100, body 3,000, push message 140;
//!   over a limit is 400 with a message that names it. A blank push message is 400 as well
//!   (there is nothing to send); an email may have a blank subject or body.
//! - Email goes to the owner of every found device (the owner's address does not depend on the
//!   device's state); a push only reaches devices that talk to the server (CPS ACTIVE,
//!   RETIRE_SENT, WIPE_SENT). The result counts the devices the message was sent for.
//! - Every message sent is recorded (`GET /_mock/cps/messages` with `--test-hooks`, newest last,
//!   at most 1,000) and logged on each device (`GET /_mock/devices/{uuid}/log`).

use super::ids;
use super::reply::{self, Body, CpsError, Reply};
use super::world::SentMessage;
use crate::auth::Caller;
use crate::state::{SharedState, World};
use axum::extract::State;
use axum::Extension;
use wire::cps::{
    EmailRequest, NotificationRequest, MAX_EMAIL_BODY, MAX_EMAIL_SUBJECT, MAX_PUSH_MESSAGE,
};

fn check_len(what: &str, text: &str, max: usize) -> Result<(), CpsError> {
    let n = text.chars().count();
    if n > max {
        return Err(CpsError::bad_request(format!(
            "The {what} is {n} characters long; the limit is {max} characters"
        )));
    }
    Ok(())
}

/// Sends a message to the devices `targets` finds (checked under the read lock first): records
/// it, logs it on each device, and returns how many it went to.
pub fn send(
    app: &SharedState,
    by: &str,
    targets: impl Fn(&World) -> Result<Vec<usize>, CpsError>,
    message: impl FnOnce(i64, &str, Vec<String>) -> SentMessage,
) -> Result<usize, CpsError> {
    if targets(&app.read())?.is_empty() {
        return Ok(0);
    }
    let mut w = app.write();
    let found = targets(&w)?;
    let at = w.tick();
    let devices = found.iter().map(|&i| w.devices[i].uuid.clone()).collect();
    let m = message(at, by, devices);
    let action = format!("CPS_{}", m.kind.to_ascii_uppercase());
    let detail = m.subject.clone().unwrap_or_else(|| m.text.clone());
    let id = w.cps.record(m);
    for &i in &found {
        w.log(i, &action, by, &format!("#{id} {detail}"), true);
    }
    Ok(found.len())
}

/// `POST /device/email`.
pub async fn email(
    State(app): State<SharedState>,
    caller: Extension<Caller>,
    Body(req): Body<EmailRequest>,
) -> Reply {
    let subject = req.subject.unwrap_or_default();
    let body = req.body.unwrap_or_default();
    check_len("subject", &subject, MAX_EMAIL_SUBJECT)?;
    check_len("body", &body, MAX_EMAIL_BODY)?;
    let html = req.html.unwrap_or(false);
    let n = send(
        &app,
        &caller.principal,
        |w| ids::resolve(w, &req.target),
        |at_ms, by, devices| SentMessage {
            id: 0,
            at_ms,
            kind: "email",
            by: by.to_string(),
            devices,
            subject: Some(subject),
            text: body,
            html: Some(html),
            url: None,
        },
    )?;
    Ok(reply::count(n))
}

/// `POST /device/notification`.
pub async fn push(
    State(app): State<SharedState>,
    caller: Extension<Caller>,
    Body(req): Body<NotificationRequest>,
) -> Reply {
    let message = req.message.unwrap_or_default();
    if message.trim().is_empty() {
        return Err(CpsError::bad_request("message is required"));
    }
    check_len("message", &message, MAX_PUSH_MESSAGE)?;
    let n = send(
        &app,
        &caller.principal,
        |w| {
            Ok(ids::resolve(w, &req.target)?
                .into_iter()
                .filter(|&i| w.cps_reachable(i))
                .collect())
        },
        |at_ms, by, devices| SentMessage {
            id: 0,
            at_ms,
            kind: "push",
            by: by.to_string(),
            devices,
            subject: None,
            text: message,
            html: None,
            url: None,
        },
    )?;
    Ok(reply::count(n))
}
