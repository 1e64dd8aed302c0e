//! The rows of an export as nodes of one JSON-LD document's `@graph`, in
//! the vocabularies of the single resources (see the parent module), named
//! by the same URLs, so that an export and the API's documents describe
//! the same nodes.

use serde_json::{json, Value};

use super::{interval, languages, object, one_or_list, typed, Names};
use crate::domain::PartialDate;
use crate::views::exports::{
    AgencyRow, AssignmentRow, ContactPointRow, Dataset, ExportRow, HoldingRow, LineageLinkRow,
};
use crate::views::shared::LocalizedText;

/// A partial date as an export row writes it (`2009`, `2022-07`,
/// `2018-01-01`), if it reads as one.
fn date(text: &Option<String>) -> Option<PartialDate> {
    text.as_deref()
        .and_then(|text| PartialDate::parse(text).ok())
}

impl Names {
    /// A row of an export as a node of the export's `@graph`.
    pub fn export_row<R: ExportRow>(&self, row: &R) -> serde_json::Result<Value> {
        // Each row type has its own mapping; the row comes back as its
        // own type from its JSON.
        let row = serde_json::to_value(row)?;
        Ok(match R::DATASET {
            Dataset::Agencies => self.agency_row(&serde_json::from_value(row)?),
            Dataset::Assignments => self.assignment_row(&serde_json::from_value(row)?),
            Dataset::Holdings => self.holding_row(&serde_json::from_value(row)?),
            Dataset::ContactPoints => self.contact_point_row(&serde_json::from_value(row)?),
            Dataset::LineageLinks => self.lineage_link_row(&serde_json::from_value(row)?),
        })
    }

    fn agency_row(&self, row: &AgencyRow) -> Value {
        let mut node = object(json!({
            "@id": self.node("agencies", row.id),
            "@type": ["Organization", "PublicOrganisation"],
            "classification": row.kind,
            "status": row.status,
            "derivedFrom": one_or_list(
                [Some(row.source_id), row.lifetime_source_id, row.register_source_id, row.ministry_source_id]
                    .into_iter()
                    .flatten()
                    .map(|id| self.node("sources", id).into()),
            ),
        }));
        if let Some(sv) = &row.name_sv {
            node.insert(
                "name".into(),
                languages(&LocalizedText::new(sv.clone(), row.name_en.clone())),
            );
        }
        if let Some(number) = &row.organisation_number {
            node.insert("identifier".into(), number.clone().into());
        }
        for (key, text) in [("founded", &row.started_on), ("dissolved", &row.ended_on)] {
            if let Some(date) = date(text) {
                node.insert(key.into(), typed(date));
            }
        }
        Value::Object(node)
    }

    fn assignment_row(&self, row: &AssignmentRow) -> Value {
        let mut node = object(json!({
            "@id": self.node("assignments", row.id),
            "@type": "Assignment",
            "status": row.status,
            "jurisdiction": row.jurisdiction,
            "derivedFrom": self.node("sources", row.source_id),
        }));
        if let Some(sv) = &row.title_sv {
            node.insert(
                "title".into(),
                languages(&LocalizedText::new(sv.clone(), row.title_en.clone())),
            );
        }
        if let Some(parent) = row.part_of_id {
            node.insert("partOf".into(), self.node("assignments", parent).into());
        }
        if let Some(holder) = row.holder_id {
            let held_from = date(&row.held_from);
            node.insert(
                "heldBy".into(),
                json!({
                    "@type": "Holding",
                    "holder": self.node("agencies", holder),
                    "during": interval(held_from, None),
                }),
            );
        }
        Value::Object(node)
    }

    fn holding_row(&self, row: &HoldingRow) -> Value {
        let mut node = object(json!({
            "@id": self.node("holdings", row.id),
            "@type": "Holding",
            "assignment": self.node("assignments", row.assignment_id),
            "holder": self.node("agencies", row.agency_id),
            "during": interval(date(&row.valid_from), date(&row.valid_to)),
            "derivedFrom": self.node("sources", row.source_id),
        }));
        for (key, transfer) in [
            ("startedBy", row.started_by_transfer_id),
            ("endedBy", row.ended_by_transfer_id),
        ] {
            if let Some(transfer) = transfer {
                node.insert(key.into(), self.node("transfers", transfer).into());
            }
        }
        Value::Object(node)
    }

    fn contact_point_row(&self, row: &ContactPointRow) -> Value {
        let owner = match (row.agency_id, row.assignment_id) {
            (Some(agency), _) => self.node("agencies", agency),
            (None, Some(assignment)) => self.node("assignments", assignment),
            (None, None) => String::new(),
        };
        let property = match row.kind.as_str() {
            "email" => "email",
            "phone" | "hotline" => "telephone",
            "website" => "page",
            _ => "address",
        };
        let mut node = object(json!({
            "@id": self.node("contact-points", row.id),
            "@type": "ContactPoint",
            "contactPointOf": owner,
            "contactType": row.kind,
            property: row.value,
            "during": interval(date(&row.valid_from), date(&row.valid_to)),
            "derivedFrom": self.node("sources", row.source_id),
        }));
        if let Some(sv) = &row.label_sv {
            node.insert(
                "name".into(),
                languages(&LocalizedText::new(sv.clone(), row.label_en.clone())),
            );
        }
        Value::Object(node)
    }

    /// A lineage link as the change event an agency's document gives it.
    fn lineage_link_row(&self, row: &LineageLinkRow) -> Value {
        let mut node = object(json!({
            "@id": self.node("lineage-links", row.id),
            "@type": "ChangeEvent",
            "classification": row.kind,
            "originalOrganization": self.node("agencies", row.predecessor_id),
            "resultingOrganization": self.node("agencies", row.successor_id),
            "derivedFrom": self.node("sources", row.source_id),
        }));
        if let Some(on) = date(&row.effective_on) {
            node.insert("effectiveOn".into(), typed(on));
        }
        Value::Object(node)
    }
}
