//! Labels (EPMM V1 `/dm/labels`), mapped into [`crate::domain::label::Label`].

use super::EpmmCalls;
use crate::backend::{ApiClient, ApiError};
use crate::domain::label::{Label, LabelKind};
use std::sync::Arc;
use wire::v1;

/// Every label (`GET /api/v1/dm/labels`, L4005-4089).
pub async fn list(api: &ApiClient) -> Result<Arc<Vec<Label>>, ApiError> {
    let r: v1::LabelListResponse = api.get_list("/v1/dm/labels").await?;
    Ok(Arc::new(
        r.labels.items.into_iter().map(map_label).collect(),
    ))
}

pub fn map_label(w: v1::Label) -> Label {
    Label {
        system: w.id < 0,
        kind: if w.static_label {
            LabelKind::Static
        } else {
            LabelKind::Dynamic
        },
        id: w.id,
        name: w.name,
        description: w.description,
        query: w.query,
        device_count: w.device_count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_ids_are_system_labels_l4046() {
        // "The id is negative for default labels" (seed 003, L4046-4052)
        let l = map_label(v1::Label {
            id: -3,
            name: "iOS".into(),
            ..Default::default()
        });
        assert!(l.system);
        assert_eq!(l.kind, LabelKind::Dynamic);
        let l = map_label(v1::Label {
            id: 12,
            name: "Sales".into(),
            static_label: true,
            ..Default::default()
        });
        assert!(!l.system);
        assert_eq!(l.kind, LabelKind::Static);
    }
}
