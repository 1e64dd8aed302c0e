//! JSON-LD (`application/ld+json`) of agencies, assignments, holders and
//! transfers, in the W3C Organization Ontology (ORG) and the Core Public
//! Organisation Vocabulary (CPOV), for systems that already speak them:
//! - an agency is an `org:Organization` and a `cv:PublicOrganisation`, named
//!   with language-tagged `skos:prefLabel`s, its organisation number an
//!   `org:identifier`, its Wikidata item `owl:sameAs`, the ministry it
//!   answers to on the day `answersTo` (the registry's own term);
//! - an assignment has language-tagged `dct:title` and `dct:description`,
//!   its holder on the day as a dated holding, the agencies given it with
//!   the holder (`coRecipient`), and the bodies it coordinates as
//!   organisations whose members are dated `org:Membership`s;
//! - a transfer is an `org:ChangeEvent` from its `org:originalOrganization`
//!   to its `org:resultingOrganization`, moving its assignments;
//! - an agency's lineage links are `org:ChangeEvent`s too: those it
//!   `org:resultedFrom` (from its predecessors) and those it was
//!   `org:changedBy` (into its successors), each classified by its kind;
//! - the legal basis of an assignment or a transfer is a
//!   `cv:hasLegalResource`: an `eli:LegalResource` with its citation
//!   (`dct:bibliographicCitation`);
//! - every fact cites its source with `prov:wasDerivedFrom`.
//!
//! Dates known in part keep their precision as their datatype (`xsd:gYear`,
//! `xsd:gYearMonth`, `xsd:date`). Nodes are named by the API's own URLs (by
//! UUID), so each is a link that answers JSON-LD. The `@context` that maps
//! the short keys to these vocabularies is served at [`CONTEXT_PATH`]; terms
//! the vocabularies lack (a holding, an assignment) are in the registry's
//! own vocabulary under `/v1/vocabulary#`. The rows of exports become nodes
//! in [`rows`]; dates and intervals become values in [`values`].

mod rows;
mod values;

use values::legal_resource;
pub(crate) use values::{interval, languages, object, one_or_list, typed};

use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::domain::IdentifierScheme;
use crate::views::agencies::{Agency, LineageLink};
use crate::views::assignments::detail::{Assignment, Body};
use crate::views::assignments::holdings::Holder;
use crate::views::assignments::participants::AssignmentParticipant;
use crate::views::shared::{AgencyRef, Source, TransferRef};
use crate::views::transfers::Transfer;

/// Where the `@context` is served.
pub const CONTEXT_PATH: &str = "/v1/context.jsonld";

/// The `@context` of every document (`context.jsonld`), for an API served
/// at `base` (`https://registry.example`), whose own vocabulary (`reg:`) is
/// under that base.
pub fn context(base: &str) -> Value {
    let mut context: Value =
        serde_json::from_str(include_str!("context.jsonld")).expect("the context is JSON");
    context["@context"]["reg"] = format!("{base}/v1/vocabulary#").into();
    context
}

/// Node names and the context's address, for an API served at a base.
#[derive(Debug, Clone)]
pub struct Names {
    pub base: String,
}

impl Names {
    /// The names of an API reached as `req` reached it.
    pub fn of(req: &actix_web::HttpRequest) -> Names {
        Names {
            base: crate::http::base::base_url(req),
        }
    }

    pub(crate) fn node(&self, collection: &str, id: Uuid) -> String {
        format!("{}/v1/{collection}/{id}", self.base)
    }

    /// Where the context is served.
    pub fn context_url(&self) -> String {
        format!("{}{CONTEXT_PATH}", self.base)
    }

    fn document(&self, mut node: Map<String, Value>) -> Value {
        let mut document = Map::new();
        document.insert("@context".into(), self.context_url().into());
        document.append(&mut node);
        Value::Object(document)
    }

    fn agency_ref(&self, agency: &AgencyRef) -> Value {
        json!({
            "@id": self.node("agencies", agency.id),
            "@type": ["Organization", "PublicOrganisation"],
            "name": languages(&agency.name),
        })
    }

    fn source(&self, source: &Source) -> Value {
        let mut node = json!({
            "@id": self.node("sources", source.id),
            "@type": "Source",
            "title": {source.language.as_str(): source.title},
            "published": source.published_on.to_string(),
        });
        if let Some(url) = &source.url {
            node["page"] = url.clone().into();
        }
        if let Some(publisher) = &source.publisher {
            node["publisher"] = publisher.clone().into();
        }
        node
    }

    /// An agency as on the day asked about.
    pub fn agency(&self, agency: &Agency) -> Value {
        let ministry_source = agency.ministry.as_ref().map(|ministry| &ministry.source);
        let mut node = object(json!({
            "@id": self.node("agencies", agency.id),
            "@type": ["Organization", "PublicOrganisation"],
            "name": languages(&agency.name),
            "classification": agency.kind.as_str(),
            "status": agency.status.as_str(),
            // The record's source, and its lifetime's, its register
            // facts' and its ministry's where those are others (the
            // founding case's agencies have their lifetimes from the
            // registers).
            "derivedFrom": one_or_list(
                [Some(&agency.source), agency.lifetime_source.as_ref(), agency.register_source.as_ref(), ministry_source]
                    .into_iter()
                    .flatten()
                    .map(|source| self.source(source)),
            ),
        }));
        if let Some(number) = &agency.organisation_number {
            node.insert("identifier".into(), number.clone().into());
        }
        let wikidata: Vec<Value> = agency
            .identifiers
            .iter()
            .filter(|identifier| identifier.scheme == IdentifierScheme::Wikidata)
            .map(|identifier| format!("http://www.wikidata.org/entity/{}", identifier.value).into())
            .collect();
        if !wikidata.is_empty() {
            node.insert("sameAs".into(), wikidata.into());
        }
        let other_names: Vec<Value> = agency
            .other_names
            .iter()
            .map(|other| other.name.clone().into())
            .collect();
        if !other_names.is_empty() {
            node.insert("altName".into(), other_names.into());
        }
        if let Some(started) = agency.started_on {
            node.insert("founded".into(), typed(started));
        }
        if let Some(ended) = agency.ended_on {
            node.insert("dissolved".into(), typed(ended));
        }
        if let Some(ministry) = &agency.ministry {
            node.insert("answersTo".into(), self.agency_ref(&ministry.agency));
        }
        for (property, links) in [
            ("resultedFrom", &agency.predecessors),
            ("changedBy", &agency.successors),
        ] {
            if !links.is_empty() {
                let events = links.iter().map(|link| self.lineage_event(link));
                node.insert(property.into(), one_or_list(events));
            }
        }
        self.document(node)
    }

    /// One agency taking over from another, as a change event.
    fn lineage_event(&self, link: &LineageLink) -> Value {
        let mut event = object(json!({
            "@id": self.node("lineage-links", link.id),
            "@type": "ChangeEvent",
            "classification": link.kind.as_str(),
            "originalOrganization": self.agency_ref(&link.predecessor),
            "resultingOrganization": self.agency_ref(&link.successor),
            "derivedFrom": self.source(&link.source),
        }));
        if let Some(on) = link.effective_on {
            event.insert("effectiveOn".into(), typed(on));
        }
        Value::Object(event)
    }

    /// An assignment as on the day asked about, with its holder then.
    pub fn assignment(&self, assignment: &Assignment) -> Value {
        let mut node = object(json!({
            "@id": self.node("assignments", assignment.id),
            "@type": "Assignment",
            "title": languages(&assignment.version.title),
            "status": assignment.status.as_str(),
            "jurisdiction": assignment.jurisdiction.as_str(),
            "derivedFrom": self.source(&assignment.source),
        }));
        if let Some(scope) = &assignment.version.scope {
            node.insert("description".into(), languages(scope));
        }
        if let Some(basis) = &assignment.legal_basis {
            node.insert("legalBasis".into(), legal_resource(basis));
        }
        if let Some(parent) = &assignment.part_of {
            node.insert("partOf".into(), self.node("assignments", parent.id).into());
        }
        if let Some(holding) = &assignment.holder {
            let mut held = object(json!({
                "@type": "Holding",
                "assignment": self.node("assignments", assignment.id),
                "holder": self.agency_ref(&holding.agency),
                "derivedFrom": self.source(&holding.source),
            }));
            held.insert(
                "during".into(),
                interval(holding.period.valid_from, holding.period.valid_to),
            );
            self.moved_by(
                &mut held,
                holding.started_by_transfer.as_ref(),
                holding.ended_by_transfer.as_ref(),
            );
            node.insert("heldBy".into(), Value::Object(held));
        }
        self.co_recipients(&mut node, &assignment.co_recipients);
        if !assignment.bodies.is_empty() {
            let bodies: Vec<Value> = assignment.bodies.iter().map(|b| self.body(b)).collect();
            node.insert("coordinates".into(), bodies.into());
        }
        self.document(node)
    }

    /// The transfers that began and ended a holding, by name.
    fn moved_by(
        &self,
        holding: &mut Map<String, Value>,
        started: Option<&TransferRef>,
        ended: Option<&TransferRef>,
    ) {
        for (key, transfer) in [("startedBy", started), ("endedBy", ended)] {
            if let Some(transfer) = transfer {
                holding.insert(key.into(), self.node("transfers", transfer.id).into());
            }
        }
    }

    /// A body and its dated memberships.
    fn body(&self, body: &Body) -> Value {
        // Bodies have no path of their own: a UUID names them.
        let body_id = format!("urn:uuid:{}", body.id);
        let memberships: Vec<Value> = body
            .participants
            .iter()
            .map(|participant| {
                let mut membership = object(json!({
                    "@type": "Membership",
                    "organization": body_id,
                    "role": participant.role.as_str(),
                    "memberDuring": interval(participant.period.valid_from, participant.period.valid_to),
                    "derivedFrom": self.source(&participant.source),
                }));
                if let Some(agency) = &participant.agency {
                    membership.insert("member".into(), self.agency_ref(agency));
                }
                Value::Object(membership)
            })
            .collect();
        json!({
            "@id": body_id,
            "@type": "Organization",
            "name": languages(&body.name),
            "hasMembership": memberships,
            "derivedFrom": self.source(&body.source),
        })
    }

    /// The agencies given an assignment together with its holder (or, with
    /// none leading, that hold it together), as `coRecipient`.
    fn co_recipients(&self, node: &mut Map<String, Value>, participants: &[AssignmentParticipant]) {
        if !participants.is_empty() {
            let agencies: Vec<Value> = participants
                .iter()
                .map(|participant| self.agency_ref(&participant.agency))
                .collect();
            node.insert("coRecipient".into(), agencies.into());
        }
    }

    /// Who holds an assignment on a day: the holding, or, when the
    /// assignment is held by several with none leading, the assignment with
    /// no holder and the agencies that hold it together.
    pub fn holder(&self, holder: &Holder) -> Value {
        let assignment = self.node("assignments", holder.assignment.id);
        let mut node = object(json!({
            "@type": "Holding",
            "assignment": {
                "@id": assignment,
                "@type": "Assignment",
                "title": languages(&holder.assignment.title),
            },
            "during": interval(holder.period.valid_from, holder.period.valid_to),
        }));
        if let Some(agency) = &holder.agency {
            node.insert("holder".into(), self.agency_ref(agency));
        }
        self.moved_by(
            &mut node,
            holder.started_by_transfer.as_ref(),
            holder.ended_by_transfer.as_ref(),
        );
        if let Some(source) = &holder.source {
            node.insert("derivedFrom".into(), self.source(source));
        }
        self.co_recipients(&mut node, &holder.co_recipients);
        self.document(node)
    }

    /// A transfer as a change event.
    pub fn transfer(&self, transfer: &Transfer) -> Value {
        let mut node = object(json!({
            "@id": self.node("transfers", transfer.id),
            "@type": "ChangeEvent",
            "originalOrganization": self.agency_ref(&transfer.from_agency),
            "resultingOrganization": self.agency_ref(&transfer.to_agency),
            "effectiveOn": transfer.effective_on.to_string(),
            "moved": transfer
                .assignments
                .iter()
                .map(|assignment| json!({
                    "@id": self.node("assignments", assignment.id),
                    "@type": "Assignment",
                    "title": languages(&assignment.title),
                }))
                .collect::<Vec<_>>(),
            "derivedFrom": self.source(&transfer.source),
        }));
        if let Some(note) = &transfer.note {
            node.insert("description".into(), languages(note));
        }
        if let Some(stays) = &transfer.stays_behind {
            node.insert("staysBehind".into(), languages(stays));
        }
        if let Some(basis) = &transfer.legal_basis {
            node.insert("legalBasis".into(), legal_resource(basis));
        }
        self.document(node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_of_the_documents_is_in_the_context() {
        let context = context("https://registry.example");
        let terms = context["@context"].as_object().unwrap();
        for term in [
            "name",
            "title",
            "heldBy",
            "holder",
            "coRecipient",
            "answersTo",
            "during",
            "hasBeginning",
            "inXSDgYear",
            "originalOrganization",
            "resultingOrganization",
            "resultedFrom",
            "changedBy",
            "moved",
            "derivedFrom",
            "memberDuring",
            "hasMembership",
            "member",
            "sameAs",
            "identifier",
            "page",
        ] {
            assert!(terms.contains_key(term), "{term}");
        }
        assert_eq!(terms["reg"], "https://registry.example/v1/vocabulary#");
    }
}
