//! The answer where nobody holds an assignment on the day asked about: a
//! `/problems/no-holder` problem that says why, who held it last and who
//! holds it next, in its `detail` for a person and in members of its own
//! (RFC 9457, section 3.2) for a client to act on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Holding;
use crate::domain::{PartialDate, Unresolved};
use crate::error::ApiError;
use crate::http::problem::Problem;
use crate::views::agencies::LineageLink;
use crate::views::assignments::participants::UnresolvedRecipient;
use crate::views::shared::AssignmentRef;

/// How the operations that answer with [`no_holder`] document their 404.
pub const NO_HOLDER_RESPONSE: &str = "No such assignment (`/problems/not-found`, which \
     suggests those it may have meant where the path names it by slug), or nobody \
     held it on that date (`/problems/no-holder`: the problem says why where it can, who held it \
     last and who holds it next)";

/// What a no-holder problem says besides its `detail`.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoHolderFacts {
    /// Why nobody holds it, where the source gave it to no agency (as in
    /// the assignment's own `unresolved`); null otherwise.
    pub unresolved: Option<UnresolvedRecipient>,
    /// The holding that ended last on or before the date asked about;
    /// null if none did.
    pub last_holding: Option<LastHolding>,
    /// The first holding that begins after the date asked about; null if
    /// none is recorded.
    pub next_holding: Option<Holding>,
}

/// The last holding of an assignment before a date, and whether it ended
/// because its agency did.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LastHolding {
    #[serde(flatten)]
    pub holding: Holding,
    /// The day the agency itself ended (it was dissolved, or merged into
    /// another), where that ended the holding; null if the holding ended
    /// while its agency went on. A holding whose `valid_to` is null ended
    /// on this day.
    #[schema(example = "2014-01-01")]
    pub agency_ended_on: Option<PartialDate>,
    /// Where the agency ended: the agencies that took over from it, whom
    /// to ask instead (its own lineage links, as the agency's `successors`
    /// in `GET /v1/agencies/{id}`); empty otherwise.
    pub successors: Vec<LineageLink>,
}

impl LastHolding {
    /// The first day it no longer held: the holding's end, or its agency's.
    fn until(&self) -> Option<PartialDate> {
        self.holding.period.valid_to.or(self.agency_ended_on)
    }
}

/// A `/problems/no-holder` problem: the problem document, with members
/// that say why nobody holds the assignment, who held it last and who
/// holds it next.
#[derive(Serialize, ToSchema)]
pub struct NoHolderProblem {
    #[serde(flatten)]
    pub problem: Problem,
    #[serde(flatten)]
    pub facts: NoHolderFacts,
}

/// Nobody held `assignment` on `at`. The detail says why where its
/// recipients name no agency, and who held it last before `at` (whether
/// that agency ended then, and who succeeded it) or holds it next.
pub async fn no_holder(
    conn: &mut PgConnection,
    assignment: &AssignmentRef,
    at: NaiveDate,
    unresolved: Option<&UnresolvedRecipient>,
) -> ApiError {
    match holders_around(conn, assignment.id, at).await {
        Ok((last_holding, next_holding)) => {
            let facts = NoHolderFacts {
                unresolved: unresolved.cloned(),
                last_holding,
                next_holding,
            };
            ApiError::NoHolder {
                detail: detail(assignment, at, &facts),
                members: members(facts),
            }
        }
        Err(error) => error.into(),
    }
}

/// The facts as members of a problem document. A struct of serialisable
/// fields is always an object; were it not, the problem goes out with its
/// detail alone rather than fail the request.
fn members(facts: NoHolderFacts) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(facts) {
        Ok(serde_json::Value::Object(members)) => members,
        other => {
            tracing::error!(?other, "the no-holder facts are not an object");
            serde_json::Map::new()
        }
    }
}

/// The facts in a sentence or three, for a person.
fn detail(assignment: &AssignmentRef, at: NaiveDate, facts: &NoHolderFacts) -> String {
    let mut detail = format!(
        "Nobody is recorded as holding the assignment '{}' on {at}.",
        assignment.slug
    );
    if let Some(unresolved) = &facts.unresolved {
        let why = match unresolved.reason {
            Unresolved::Person => "a person, not an agency",
            Unresolved::NotAStateAgency => "a body that is not a state agency",
            Unresolved::Annex => "the agencies in an annex the source does not list",
            Unresolved::NotActive => "an agency that had ended or not begun then",
            Unresolved::Ambiguous => "a name several agencies had",
            Unresolved::NoMatch => "a name that matches no agency",
            Unresolved::NoRecipient => "nobody the source names",
        };
        detail.push_str(&format!(" It was given to {why}"));
        if let Some(text) = &unresolved.recipient_text {
            detail.push_str(&format!(": '{text}'"));
        }
        detail.push('.');
    }
    if let Some(last) = &facts.last_holding {
        let until = last.until().map(|day| day.to_string()).unwrap_or_default();
        let slug = &last.holding.agency.slug;
        detail.push_str(&format!(" Its last holding, by '{slug}', ended on {until}"));
        if last.agency_ended_on.is_some() {
            detail.push_str(", with the agency");
            let successors: Vec<&str> = last
                .successors
                .iter()
                .map(|link| link.successor.slug.as_str())
                .collect();
            match successors.as_slice() {
                [] => {}
                [one] => detail.push_str(&format!("; its successor is '{one}'")),
                many => detail.push_str(&format!("; its successors are '{}'", many.join("', '"))),
            }
        }
        detail.push('.');
    }
    if let Some(next) = &facts.next_holding {
        let since = next
            .period
            .valid_from
            .map(|day| day.to_string())
            .unwrap_or_default();
        let slug = &next.agency.slug;
        detail.push_str(&format!(" It is held next by '{slug}', from {since}."));
    }
    detail
}

/// The holding of `assignment` that ended last on or before `at` (with
/// its agency, where the agency ended first), and the first that begins
/// after `at`.
async fn holders_around(
    conn: &mut PgConnection,
    assignment: Uuid,
    at: NaiveDate,
) -> Result<(Option<LastHolding>, Option<Holding>), sqlx::Error> {
    let around = sqlx::query!(
        r#"select
               (select holding_json(h.id, null)
                       || case when a.ended_on <= coalesce(h.valid_to, a.ended_on)
                               then jsonb_build_object(
                                        'agency_ended_on', partial_date_text(a.ended_on, a.ended_on_precision),
                                        'successors', lineage_json(a.id, $2, false, 1))
                               else jsonb_build_object('agency_ended_on', null, 'successors', '[]'::jsonb) end
                from holdings h join agencies a on a.id = h.agency_id
                where h.assignment_id = $1 and coalesce(h.valid_to, a.ended_on) <= $2
                order by coalesce(h.valid_to, a.ended_on) desc limit 1)
                   as "last?: Json<LastHolding>",
               (select holding_json(h.id, null)
                from holdings h
                where h.assignment_id = $1 and h.valid_from > $2
                order by h.valid_from limit 1)
                   as "next?: Json<Holding>""#,
        assignment,
        at,
    )
    .fetch_one(conn)
    .await?;
    Ok((
        around.last.map(|Json(last)| last),
        around.next.map(|Json(next)| next),
    ))
}
