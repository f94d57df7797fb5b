//! Device Group APIs (CPS guide): a CPS "rule" is an EPMM label, with the label's id, name and
//! description. `definition` renders the conditions of a dynamic label in the guide's filter
//! syntax (`PLATFORMTYPE EQ 'IOS' AND STATUS NEQ 'RETIRED'`); a static (hand-assigned) label has
//! none, like the guide's "All Devices".
//!
//! - `GET /rule?name=` matches the start of the name without regard to case (the guide's "Not
//!   context sensitive"); a blank `name` returns no records, as documented; no `name` lists all.
//! - `GET /rule/{id}`: an unknown id is 404 `{"message"}`.
//! - `POST /rule/deviceGuid` answers `{"errors": null, "result": [...]}`; identifiers are
//!   `deviceGuid`s (MDM identifiers are found too), invalid ones are left out.
//! - Member counts: `GET /device/count?ruleId=`; members: `GET /device?ruleId=`.

use super::ids;
use super::reply::{self, Body, CpsError, Page, Query, Reply};
use crate::catalog::Platform;
use crate::state::{Cond, LabelRec, Membership, SharedState};
use axum::extract::{Path, State};
use wire::cps::{DeviceRules, IdentifierRequest, Rule, RulesByDevice};

/// A group id (`ruleId`, `/rule/{id}`): a whole number, negative for EPMM's default labels.
pub fn parse_id(s: &str) -> Result<i64, CpsError> {
    s.trim()
        .parse::<i64>()
        .map_err(|_| CpsError::bad_request(format!("Invalid device group id: {s}")))
}

fn condition(c: &Cond) -> String {
    match c {
        Cond::Platform(p) => format!(
            "PLATFORMTYPE EQ '{}'",
            match p {
                Platform::Android => "ANDROID",
                Platform::Ios => "IOS",
                // The guide's "Windows Devices" group: `PLATFORMTYPE EQ 'WINDOWS_PHONE'`.
                Platform::Windows => "WINDOWS_PHONE",
                Platform::Macos => "OSX",
            }
        ),
        Cond::EmployeeOwned(e) => {
            format!("OWNERSHIP EQ '{}'", if *e { "EMPLOYEE" } else { "COMPANY" })
        }
        Cond::NotRetired => "STATUS NEQ 'RETIRED'".to_string(),
        Cond::Manufacturer(m) => format!("MANUFACTURER EQ '{m}'"),
        Cond::CountryNot(c) => format!("CURRENTCOUNTRYNAME NEQ '{c}'"),
        Cond::NonCompliant => "COMPLIANT EQ 'false'".to_string(),
    }
}

/// A label as a CPS rule.
pub fn to_rule(l: &LabelRec) -> Rule {
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Rule {
        id: Some(l.id),
        name: some(&l.name),
        description: some(&l.description),
        definition: match &l.membership {
            Membership::Static(_) => None,
            Membership::Dynamic(conds) => Some(
                conds
                    .iter()
                    .map(condition)
                    .collect::<Vec<_>>()
                    .join(" AND "),
            ),
        },
    }
}

/// `GET /rule?name=&offset=&limit=` ("Get all Device Groups", "Search device groups by device
/// group name").
pub async fn list(State(app): State<SharedState>, q: Query) -> Reply {
    let page = Page::from_query(&q, app.cps.max_limit())?;
    let name = q.text("name").map(str::to_lowercase);
    let w = app.read();
    let rules: Vec<Rule> = page
        .of(w.labels.iter().filter(|l| match &name {
            None => true,
            Some(n) if n.is_empty() => false,
            Some(n) => l.name.to_lowercase().starts_with(n.as_str()),
        }))
        .map(to_rule)
        .collect();
    Ok(reply::json(&page.envelope(rules)))
}

/// `GET /rule/{id}` ("Get device group by device group identifier").
pub async fn one(State(app): State<SharedState>, Path(id): Path<String>) -> Reply {
    let w = app.read();
    let rule = parse_id(&id)
        .ok()
        .and_then(|n| w.label_by_id(n))
        .map(to_rule)
        .ok_or_else(|| CpsError::not_found(format!("No device group with id {id}")))?;
    Ok(reply::json(&rule))
}

/// `POST /rule/deviceGuid` ("Get device groups associated with device list").
pub async fn of_devices(
    State(app): State<SharedState>,
    Body(req): Body<IdentifierRequest>,
) -> Reply {
    let w = app.read();
    let result = ids::resolve(&w, &req)?
        .into_iter()
        .map(|i| {
            let d = &w.devices[i];
            DeviceRules {
                device_guid: Some(d.uuid.clone()),
                rules: w
                    .labels
                    .iter()
                    .filter(|l| l.contains(i, d))
                    .map(to_rule)
                    .collect(),
            }
        })
        .collect();
    Ok(reply::json(&RulesByDevice {
        errors: None,
        result,
    }))
}
