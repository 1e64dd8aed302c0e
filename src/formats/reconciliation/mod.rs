//! The registry as a reconciliation service (W3C Entity Reconciliation
//! Community Group, Reconciliation Service API 0.2, as OpenRefine speaks
//! it): a data team matches a column of agency names (with organisation
//! numbers and dates, where it has them), or of the case numbers or titles
//! of government assignments, in a spreadsheet to the registry's agencies
//! and assignments, in batches.
//!
//! A batch is a JSON object of queries by key (`{"q0": {"query":
//! "Skolverket"}}`), sent as the parameter `queries`; the answer has the
//! same keys, each with its candidates. [`batch`] reads a batch; this
//! module writes the answer from the agencies
//! [`crate::views::agencies::candidates`] finds and the assignments the
//! assignment search finds ([`crate::views::assignments::fits`] says how
//! well), deciding the score and which candidate is a match. [`manifest`]
//! tells a client what the service offers and where; [`extension`]
//! adds columns from the agencies and assignments matched; [`suggest`]
//! completes what a person types into a client's field, and [`preview`]
//! shows a candidate as a small card.

mod batch;
pub mod extension;
mod manifest;
pub mod preview;
pub mod suggest;

pub use batch::{read_batch, Query};
pub use manifest::{is_the_service_itself, manifest, Manifest, PATH};

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::PartialDate;
use crate::views::agencies::{Agency, Candidate};
use crate::views::assignments::detail::Assignment;
use crate::views::assignments::{AssignmentSummary, Fit};
use crate::views::shared::AgencyRef;

/// The types of entity the service reconciles against: an agency, and an
/// assignment.
const AGENCY: &str = "agency";
const ASSIGNMENT: &str = "assignment";

/// A type of entity.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityType {
    #[schema(example = "agency")]
    pub id: String,
    #[schema(example = "Agency")]
    pub name: String,
}

/// The type `id` (an agency, or an assignment), named.
fn entity_type(id: &str) -> EntityType {
    EntityType {
        id: id.to_owned(),
        name: if id == AGENCY { "Agency" } else { "Assignment" }.to_owned(),
    }
}

/// The candidates of one query, the best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct Answer {
    pub result: Vec<Match>,
}

/// A candidate: an agency or an assignment the query may mean.
#[derive(Debug, Serialize, ToSchema)]
pub struct Match {
    /// The agency's or the assignment's UUID.
    pub id: Uuid,
    /// An agency's name (in Swedish) today, or its last name where it has
    /// ended; an assignment's title today. With the property `at`, its
    /// name or title then.
    #[schema(example = "Statens skolverk")]
    pub name: String,
    /// An agency's lifetime, as far as it is known; an assignment's case
    /// numbers, and when it was given and to whom (the lead it was first
    /// held by). Absent where nothing is known.
    #[schema(example = "since 1991-07-01")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How well it fits, 0 to 100: 100 where the query's organisation
    /// number is (or was) the agency's, or its name is one of the agency's
    /// names of any time, other names or slug, or one of the assignment's
    /// case numbers or titles of any time (but for case, diacritics,
    /// spaces and punctuation); less the less alike.
    #[schema(example = 100.0)]
    pub score: f64,
    /// Whether it is the one meant, with no doubt: the one candidate that
    /// fits fully (score 100); of assignments of one title, the one given
    /// on the date asked about (`at`). A client may take it without asking.
    #[serde(rename = "match")]
    pub matches: bool,
    #[serde(rename = "type")]
    pub types: Vec<EntityType>,
}

/// The answer to a batch: each query's candidates, by its key.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"q0": {"result": [{
    "id": "1e1b61a5-0d8b-5f81-9f34-c76e929eba2e", "name": "Jämställdhetsmyndigheten",
    "description": "since 2018-01-01", "score": 100.0, "match": true,
    "type": [{"id": "agency", "name": "Agency"}]}]}}))]
pub struct Answers(pub BTreeMap<String, Answer>);

/// How well a name that the agency search scores `score` fits, 0 to 100:
/// its score as a share of a name's own (4), to a tenth.
fn name_fit(score: f64) -> f64 {
    to_a_tenth(score / 4.0)
}

/// A share (0 to 1) as a score out of 100, to a tenth.
fn to_a_tenth(share: f64) -> f64 {
    (share.clamp(0.0, 1.0) * 1000.0).round() / 10.0
}

/// A candidate as answered (its `match` not yet decided), whether it
/// fits fully, and, of an assignment asked about as on a date, whether it
/// was given then.
pub struct Scored {
    candidate: Match,
    full: bool,
    given_then: Option<bool>,
}

/// An agency found, scored: fully fitting by its number, or by one of its
/// names.
pub fn agency(found: Candidate) -> Scored {
    let full = found.by_number || found.name_score.is_some_and(|score| score >= 4.0);
    let description = lifetime(found.started_on.as_ref(), found.ended_on.as_ref());
    Scored {
        candidate: Match {
            id: found.agency.id,
            name: found.agency.name.sv,
            description,
            score: if full {
                100.0
            } else {
                found.name_score.map_or(0.0, name_fit)
            },
            matches: false,
            types: vec![entity_type(AGENCY)],
        },
        full,
        given_then: None,
    }
}

/// An agency asked for by its UUID: it is the one meant.
pub fn agency_identified(found: Agency) -> Scored {
    let candidate = Candidate {
        agency: AgencyRef {
            id: found.id,
            slug: found.slug,
            name: found.name,
        },
        started_on: found.started_on,
        ended_on: found.ended_on,
        by_number: false,
        name_score: None,
    };
    identified(agency(candidate))
}

/// An assignment asked for by its UUID: it is the one meant.
pub fn assignment_identified(found: Assignment, fit: Fit) -> Scored {
    identified(assignment(Titled::from(found), fit, None))
}

/// A candidate asked for by its identifier, which fits fully.
fn identified(mut scored: Scored) -> Scored {
    scored.candidate.score = 100.0;
    scored.full = true;
    scored
}

/// An assignment found: its title (in Swedish) on the date asked about,
/// and when it was given.
pub struct Titled {
    pub id: Uuid,
    pub title: String,
    pub started_on: Option<PartialDate>,
}

impl From<AssignmentSummary> for Titled {
    fn from(found: AssignmentSummary) -> Self {
        Titled {
            id: found.id,
            title: found.title.sv,
            started_on: found.started_on,
        }
    }
}

impl From<Assignment> for Titled {
    fn from(found: Assignment) -> Self {
        Titled {
            id: found.id,
            title: found.version.title.sv,
            started_on: found.started_on,
        }
    }
}

/// An assignment found, with how well it fits, scored: fully fitting by
/// one of its case numbers, or by one of its titles; where the query asks
/// about a date (`at`), whether it was given then.
pub fn assignment(found: Titled, fit: Fit, at: Option<&PartialDate>) -> Scored {
    let given_then = at.map(|at| found.started_on.is_some_and(|given| given.overlaps(at)));
    let full = fit.by_case_number || fit.title_fit >= 1.0;
    let given = match (found.started_on, fit.given_to) {
        (Some(day), Some(agency)) => Some(format!("given {day} to {}", agency.name.sv)),
        (Some(day), None) => Some(format!("given {day}")),
        (None, Some(agency)) => Some(format!("given to {}", agency.name.sv)),
        (None, None) => None,
    };
    let said: Vec<String> = (!fit.case_numbers.is_empty())
        .then(|| fit.case_numbers.join(", "))
        .into_iter()
        .chain(given)
        .collect();
    Scored {
        candidate: Match {
            id: found.id,
            name: found.title,
            description: (!said.is_empty()).then(|| said.join("; ")),
            score: if full {
                100.0
            } else {
                to_a_tenth(fit.title_fit)
            },
            matches: false,
            types: vec![entity_type(ASSIGNMENT)],
        },
        full,
        given_then,
    }
}

/// The answer to one query, from the candidates found for it (of each
/// type, the best first, one more than its `limit`, so that a second
/// candidate that fits fully, which makes neither a match, is seen): the
/// best `limit` of them, those that fit fully first, then by score.
///
/// A date tells assignments of one title apart (yearly "Uppdrag att
/// fördela medel"): where one that fits fully was given on the date asked
/// about, one given at another time does not fit fully, however alike.
pub fn answer(mut found: Vec<Scored>, limit: usize) -> Answer {
    if found
        .iter()
        .any(|scored| scored.full && scored.given_then == Some(true))
    {
        for scored in &mut found {
            scored.full &= scored.given_then != Some(false);
        }
    }
    let fully = found.iter().filter(|scored| scored.full).count();
    // Stable: of one score, each type's own order, agencies first.
    found.sort_by(|a, b| {
        (b.full.cmp(&a.full)).then(b.candidate.score.total_cmp(&a.candidate.score))
    });
    let result = found
        .into_iter()
        .take(limit)
        .map(
            |Scored {
                 mut candidate,
                 full,
                 ..
             }| {
                candidate.matches = full && fully == 1;
                candidate
            },
        )
        .collect();
    Answer { result }
}

/// "since 1991-07-01", "1968-07-01 – 2014-01-01", "until 2008": an
/// agency's lifetime as far as it is known.
fn lifetime(started_on: Option<&PartialDate>, ended_on: Option<&PartialDate>) -> Option<String> {
    match (started_on, ended_on) {
        (Some(start), Some(end)) => Some(format!("{start} – {end}")),
        (Some(start), None) => Some(format!("since {start}")),
        (None, Some(end)) => Some(format!("until {end}")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests;
