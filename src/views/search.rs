//! One search of agencies and assignments together, for a single search
//! box: what a person types may name an agency ("skolverket") or be about
//! an assignment ("prostitution"), and the page shows both in one order.
//!
//! The two searches rank on scales of their own, so the order is by kind
//! of match rather than by score: first the agencies that the text names
//! (each of its words, or the word's stem, begins a word of one of their
//! names: [`agencies::named`]), then the assignments, best first, then the
//! other agencies the text matches (a word inside a name, or a typo's
//! likeness).

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::agencies::{self, AgencyFilter, AgencySummary};
use super::assignments::{self, AssignmentFilter, AssignmentSummary};
use crate::domain::Window;
use crate::error::ApiError;

/// How far a search may be paged: the matches end at the 200th (of each
/// kind, `/v1/agencies?q=` and `/v1/assignments?q=` page through all).
pub const DEPTH: i64 = 200;

/// A page of what a search found: agencies and assignments in one order.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    pub items: Vec<Found>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// An agency or an assignment a search found: `type` says which, and the
/// member of that name is it, as its list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Found {
    #[serde(rename = "type")]
    pub kind: FoundKind,
    /// Where `type` is `agency`: the agency, named as on `at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub agency: Option<AgencySummary>,
    /// Where `type` is `assignment`: the assignment, its title, status and
    /// holder as on `at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub assignment: Option<AssignmentSummary>,
}

/// What a search found: an agency or an assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FoundKind {
    Agency,
    Assignment,
}

impl Found {
    fn agency(agency: AgencySummary) -> Self {
        Found {
            kind: FoundKind::Agency,
            agency: Some(agency),
            assignment: None,
        }
    }

    fn assignment(assignment: AssignmentSummary) -> Self {
        Found {
            kind: FoundKind::Assignment,
            agency: None,
            assignment: Some(assignment),
        }
    }
}

/// The agencies and assignments `q` matches, names and titles as on `at`,
/// in the order of the module's documentation: the rows of `window` (a
/// page by rank), within the first [`DEPTH`].
#[tracing::instrument(skip(conn))]
pub async fn search(
    conn: &mut PgConnection,
    q: &str,
    at: NaiveDate,
    window: &Window,
) -> Result<Vec<Found>, ApiError> {
    // The rows before the window's end, of each kind: the agencies the
    // text names come first in their own search, the others after them.
    let end = window.offset.saturating_add(window.limit).min(DEPTH);
    let each = Window::best(end);
    let found_agencies = agencies::named(conn, AgencyFilter::search(q, at, &each)).await?;
    let found_assignments = assignments::list(conn, AssignmentFilter::search(q, at, &each)).await?;
    let skipped = usize::try_from(window.offset).unwrap_or(usize::MAX);
    let rows = usize::try_from(window.limit).unwrap_or(0);
    Ok(in_order(
        found_agencies,
        found_assignments,
        Found::agency,
        Found::assignment,
    )
    .into_iter()
    .take(usize::try_from(end).unwrap_or(0))
    .skip(skipped)
    .take(rows)
    .collect())
}

/// Agencies (by rank, with whether the text names each) and assignments
/// (by rank) in one order: the agencies the text names, the assignments,
/// the other agencies, each in the order of its own search.
fn in_order<A, S, F>(
    found_agencies: Vec<(A, bool)>,
    found_assignments: Vec<S>,
    agency: impl Fn(A) -> F,
    assignment: impl Fn(S) -> F,
) -> Vec<F> {
    let (named, other): (Vec<_>, Vec<_>) =
        found_agencies.into_iter().partition(|(_, named)| *named);
    let agencies = |found: Vec<(A, bool)>| found.into_iter().map(|(found, _)| found);
    let mut order: Vec<F> = agencies(named).map(&agency).collect();
    order.extend(found_assignments.into_iter().map(assignment));
    order.extend(agencies(other).map(agency));
    order
}

#[cfg(test)]
mod tests;
