//! Labels (EPMM V1 `/dm/labels`) behind the portal's [`GroupApi`]: a label's id is its name (the
//! V1 calls address labels by name), its numeric id is kept as the group's number.

use super::EpmmCalls;
use crate::backend::devices::Progress;
use crate::backend::groups::{GroupApi, GroupCaps};
use crate::backend::{ApiClient, ApiError};
use crate::domain::device::Device;
use crate::domain::group::{Group, GroupFields, GroupKind};
use std::sync::Arc;
use wire::v1;

pub(crate) const CAPS: GroupCaps = GroupCaps {
    fields: GroupFields {
        counts: true,
        definition: Some("Query"),
        kinds: true,
        system: true,
        numbers: true,
        profiles: false,
        members: true,
    },
    one: "label",
    many: "labels",
    members_caption: "Devices in label",
    ids_are_names: true,
    name_search: false,
    members_are_users: false,
};

/// EPMM's labels.
pub struct EpmmGroups {
    api: ApiClient,
}

impl EpmmGroups {
    pub fn new(api: ApiClient) -> Self {
        EpmmGroups { api }
    }
}

#[async_trait::async_trait(?Send)]
impl GroupApi for EpmmGroups {
    fn caps(&self) -> &GroupCaps {
        &CAPS
    }

    async fn list(&self) -> Result<Arc<Vec<Group>>, ApiError> {
        list(&self.api).await
    }

    async fn get(&self, id: &str) -> Result<Group, ApiError> {
        // V1 has no single-label call: the label is picked from the list.
        let all = list(&self.api).await?;
        find(&all, id)
            .cloned()
            .ok_or_else(|| ApiError::not_found(format!("There is no label named {id}.")))
    }

    async fn members(
        &self,
        id: &str,
        progress: &dyn Progress<Device>,
    ) -> Result<Arc<Vec<Device>>, ApiError> {
        super::devices::in_label(&self.api, id, progress).await
    }
}

/// Every label (`GET /api/v1/dm/labels`, EPMM V1 API guide, "Get all Labels").
pub async fn list(api: &ApiClient) -> Result<Arc<Vec<Group>>, ApiError> {
    let r: v1::LabelListResponse = api.get_list("/v1/dm/labels").await?;
    Ok(Arc::new(
        r.labels.items.into_iter().map(map_label).collect(),
    ))
}

/// The label a name addresses: exactly, else ignoring case and surrounding blanks, as the
/// server's by-name calls do (EPMM V1 API guide, "Get Device Details for a Phone
/// Number/User/Label/Wi-Fi MAC Address": its example asks `labels/android`).
fn find<'a>(all: &'a [Group], name: &str) -> Option<&'a Group> {
    all.iter().find(|g| g.id == name).or_else(|| {
        all.iter()
            .find(|g| g.id.trim().eq_ignore_ascii_case(name.trim()))
    })
}

pub fn map_label(w: v1::Label) -> Group {
    Group {
        // EPMM V1 API guide, "Get all Labels": "Negative numbers correspond to the default
        // labels".
        system: w.id < 0,
        kind: Some(if w.static_label {
            GroupKind::Static
        } else {
            GroupKind::Dynamic
        }),
        number: Some(w.id),
        id: w.name.clone(),
        name: w.name,
        description: w.description,
        definition: w.query,
        member_count: Some(w.device_count),
        profiles: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_ids_are_system_labels_get_all_labels() {
        // EPMM V1 API guide, "Get all Labels": negative ids are the default labels.
        let l = map_label(v1::Label {
            id: -3,
            name: "iOS".into(),
            query: "\"common.platform\"=\"iOS\"".into(),
            device_count: 7,
            ..Default::default()
        });
        assert!(l.system);
        assert_eq!(l.kind, Some(GroupKind::Dynamic));
        assert_eq!(l.definition, "\"common.platform\"=\"iOS\"");
        assert_eq!(l.member_count, Some(7));
        let l = map_label(v1::Label {
            id: 12,
            name: "Sales".into(),
            static_label: true,
            ..Default::default()
        });
        assert!(!l.system);
        assert_eq!(l.kind, Some(GroupKind::Static));
    }

    #[test]
    fn a_labels_id_is_its_name_and_its_number_is_kept() {
        // The V1 calls address labels by name ("Get devices by label", "Apply/remove a policy
        // for a label"), so the name is the id that routes and calls carry.
        let l = map_label(v1::Label {
            id: 4,
            name: "Pilot Group".into(),
            ..Default::default()
        });
        assert_eq!((l.id.as_str(), l.number), ("Pilot Group", Some(4)));
        let all = vec![l];
        assert!(find(&all, "Pilot Group").is_some());
        assert!(find(&all, " pilot group").is_some());
        assert!(find(&all, "Pilot").is_none());
    }
}
