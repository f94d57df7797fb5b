//! "Force checkin" and "Check-in for Threat Response Matrix update" (CPS guide).
//!
//! - Force check-in makes every found device that talks to the server (CPS ACTIVE, RETIRE_SENT,
//!   WIPE_SENT) check in at once, at the mock clock: its `lastCheckInTime` moves, a waiting retire
//!   or wipe completes (RETIRED, WIPED), waiting settings apply. The number of check-ins
//!   initiated is the result; devices that cannot check in (enrollment pending, retired, wiped,
//!   unknown) are not counted.
//! - The MTD notification asks the Mobile Threat Defense agent to check in with its vendor's
//!   service: a push to the device (recorded, see `GET /_mock/cps/messages`), not an MDM check-in.
//!   `command` must be `CHECKIN` (any case; left out, it is `CHECKIN`, the only value), `url` or
//!   `URL` is forwarded.

use super::ids;
use super::messages::send;
use super::reply::{self, Body, CpsError, Reply};
use crate::auth::Caller;
use crate::state::{SharedState, World};
use axum::extract::State;
use axum::Extension;
use wire::cps::{IdentifierRequest, MtdCommand, MtdRequest};

/// The found devices that can check in.
fn reachable(w: &World, req: &IdentifierRequest) -> Result<Vec<usize>, CpsError> {
    Ok(ids::resolve(w, req)?
        .into_iter()
        .filter(|&i| w.cps_reachable(i))
        .collect())
}

/// `POST /device/forceCheckin`.
pub async fn force(
    State(app): State<SharedState>,
    caller: Extension<Caller>,
    Body(req): Body<IdentifierRequest>,
) -> Reply {
    if reachable(&app.read(), &req)?.is_empty() {
        return Ok(reply::count(0));
    }
    let mut w = app.write();
    let found = reachable(&w, &req)?;
    w.tick();
    for &i in &found {
        w.cps_check_in(i);
        w.log(i, "CPS_FORCE_CHECKIN", &caller.principal, "", true);
    }
    Ok(reply::count(found.len()))
}

/// `POST /device/mtd/notification`.
pub async fn mtd(
    State(app): State<SharedState>,
    caller: Extension<Caller>,
    Body(req): Body<MtdRequest>,
) -> Reply {
    match req.command.unwrap_or(MtdCommand::Checkin) {
        MtdCommand::Checkin => {}
        MtdCommand::Unrecognized => {
            return Err(CpsError::bad_request(
                "Invalid command: CHECKIN is the only command",
            ))
        }
    }
    let n = send(
        &app,
        &caller.principal,
        |w| reachable(w, &req.target),
        |at_ms, by, devices| super::world::SentMessage {
            id: 0,
            at_ms,
            kind: "mtd",
            by: by.to_string(),
            devices,
            subject: None,
            text: MtdCommand::Checkin.as_str().to_string(),
            html: None,
            url: req.url.clone(),
        },
    )?;
    Ok(reply::count(n))
}
