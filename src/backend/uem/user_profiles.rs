//! A user's profile assignments (overview, "Uploading certificates": `GET
//! users/{userGUID}/profiles`, "The following operation returns user profile assignments"), in
//! the portal's terms. The overview shows no call that assigns a profile to a user or takes one
//! away (only "Assign a Profile to a Group"), so the portal shows them and changes none.

use super::user_certificates::user_guid;
use super::{get, ApiClient, ApiError};
use crate::domain::entity::{GroupRef, UserAssignment};
use std::sync::Arc;
use wire::uem::directory::{
    CertificateSource, ProfileAssignment, ProfileAssignments, ProfileCategory,
};
use wire::uem::media;

/// A profile category in words; a category this version does not know as the server writes it.
pub fn category_words(c: &ProfileCategory, source: Option<&CertificateSource>) -> String {
    match c {
        ProfileCategory::UserCredential => match source {
            Some(CertificateSource::Manual) => "User credential (uploaded)",
            Some(CertificateSource::Pki) => "User credential (PKI)",
            _ => "User credential",
        }
        .to_string(),
        ProfileCategory::UserCertificate => "User certificate".to_string(),
        ProfileCategory::Scep => "SCEP".to_string(),
        ProfileCategory::Activation => "Activation".to_string(),
        ProfileCategory::Compliance => "Compliance".to_string(),
        ProfileCategory::Dynamics => "BlackBerry Dynamics".to_string(),
        ProfileCategory::DynamicsConnectivity => "BlackBerry Dynamics connectivity".to_string(),
        ProfileCategory::DynamicsOverride => "BlackBerry Dynamics override".to_string(),
        ProfileCategory::Protect => "BlackBerry Protect".to_string(),
        ProfileCategory::OrganizationalNotice => "Organization notice".to_string(),
        ProfileCategory::Other(s) => s.clone(),
    }
}

/// One assignment: the profile (its name, else its GUID), its category (the assignment's, else
/// the profile's), and how the user has it. A BlackBerry Dynamics user certificate says so.
pub fn user_assignment(a: &ProfileAssignment) -> UserAssignment {
    let p = &a.profile;
    let mut kind = a
        .category
        .as_ref()
        .or(p.category.as_ref())
        .map(|c| category_words(c, p.certificate_source.as_ref()))
        .unwrap_or_default();
    if a.dynamics == Some(true) {
        kind.push_str(" (BlackBerry Dynamics)");
    }
    UserAssignment {
        profile_id: p.guid.clone(),
        profile: p.name.clone().unwrap_or_else(|| p.guid.clone()),
        kind,
        type_id: p.entity_def_id.clone().filter(|d| !d.is_empty()),
        direct: a.assigned_directly == Some(true),
        groups: a
            .groups
            .iter()
            .map(|g| GroupRef {
                id: g.guid.clone(),
                name: g.name.clone().unwrap_or_else(|| g.guid.clone()),
            })
            .collect(),
    }
}

/// The profiles assigned to the user named `user`, by profile name.
pub async fn user_assignments(
    api: &ApiClient,
    user: &str,
) -> Result<Arc<Vec<UserAssignment>>, ApiError> {
    let guid = user_guid(api, user).await?;
    let path = format!("/users/{}/profiles", crate::url::encode_path_segment(&guid));
    let found: ProfileAssignments = get(api, &path, media::PROFILE_ASSIGNMENTS).await?;
    let mut list: Vec<UserAssignment> = found
        .profile_assignments
        .iter()
        .map(user_assignment)
        .collect();
    list.sort_by_key(|a| a.profile.to_lowercase());
    Ok(Arc::new(list))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn assignments_say_what_and_how() {
        // Overview, "Uploading certificates": each assignment has its profile category
        // (USER_CREDENTIAL, USER_CERTIFICATE); the groups are those it comes through.
        let a: ProfileAssignments = serde_json::from_value(json!({"profileAssignments": [
            {"profile": {"guid": "p1", "name": "Corporate Wi-Fi credential", "category": "USER_CREDENTIAL", "certificateSource": "MANUAL"},
             "category": "USER_CREDENTIAL", "assignedDirectly": false,
             "groups": [{"guid": "g1", "name": "Wi-Fi users"}, {"guid": "g2"}]},
            {"profile": {"guid": "p2", "name": "Entrust", "certificateSource": "PKI"},
             "category": "USER_CREDENTIAL", "assignedDirectly": true, "groups": [{"guid": "g3", "name": "Engineering"}]},
            {"profile": {"guid": "p3", "name": "Default", "category": "COMPLIANCE",
                         "entityDefId": "com.blackberry.mdm.common.entity.profile.ComplianceProfile"},
             "assignedDirectly": true},
            {"profile": {"guid": "p4", "category": "USER_CERTIFICATE"}, "category": "USER_CERTIFICATE",
             "assignedDirectly": true, "dynamics": true},
            {"profile": {"guid": "p5", "name": "New kind"}, "category": "SOMETHING_NEW"}
        ]}))
        .unwrap();
        let got: Vec<UserAssignment> = a.profile_assignments.iter().map(user_assignment).collect();
        assert_eq!(got[0].kind, "User credential (uploaded)");
        assert_eq!(got[0].how(), "Through Wi-Fi users, g2");
        assert_eq!(got[0].href(), "");
        assert_eq!(got[1].kind, "User credential (PKI)");
        assert_eq!(got[1].how(), "Directly and through Engineering");
        assert_eq!(got[2].kind, "Compliance");
        assert_eq!(got[2].how(), "Directly");
        assert_eq!(
            got[2].href(),
            crate::routes::entity(
                "com.blackberry.mdm.common.entity.profile.ComplianceProfile",
                "p3"
            )
        );
        assert_eq!(
            (got[3].profile.as_str(), got[3].kind.as_str()),
            ("p4", "User certificate (BlackBerry Dynamics)")
        );
        assert_eq!(got[4].kind, "SOMETHING_NEW");
        assert_eq!(got[4].how(), "");
    }
}
