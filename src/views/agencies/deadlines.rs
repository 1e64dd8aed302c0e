//! An agency's reporting deadlines: the interim and final reports due of
//! the assignments it held, or was given together with their lead, on the
//! day each was due.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::with_agency;
use crate::domain::{AssignmentRole, PartialDate, Reference, ReportKind};
use crate::error::ApiError;
use crate::views::shared::{AgencyRef, AssignmentRef, Source};

/// An agency's reporting deadlines, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyDeadlines {
    /// The agency, named as today.
    pub agency: AgencyRef,
    /// The reports due from the agency, by the day they are due, then by
    /// the assignment's slug, interim before final.
    pub items: Vec<Deadline>,
}

/// A report due from an agency.
#[derive(Debug, Serialize, ToSchema)]
pub struct Deadline {
    /// When it is due: a day, or only a month (`2019-03`) or a year where
    /// the source says no more.
    pub due_on: PartialDate,
    /// `interim` (a `delredovisning`) or `final` (a `slutredovisning`).
    pub report: ReportKind,
    /// The assignment, with its title as on the day it is due.
    pub assignment: AssignmentRef,
    /// `lead` where the agency held the assignment that day, `co_recipient`
    /// where it was given it together with the lead.
    pub role: AssignmentRole,
    /// Where the deadline is recorded from (for an amended deadline, the
    /// amendment).
    pub source: Source,
}

/// Which deadlines to list: those due in `[from, to)`, either bound left
/// out where not given.
#[derive(Debug, Clone, Copy)]
pub struct DueBetween {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The reports due from the agency `reference` names, in one statement. A
/// report is the agency's where, on the day it is due, the agency holds its
/// assignment ([`held_on`](super::held_on)'s rule: within a holding, and not
/// before the earliest day an unknown start can be) or was given it
/// together with the lead. A final report is due on the date of the version
/// in force that day: a date that an amendment replaced before it came is
/// not a deadline. A month or a year counts from its first day. The agency
/// is named as on `today`.
#[tracing::instrument(skip(conn))]
pub async fn deadlines(
    conn: &mut PgConnection,
    reference: &Reference,
    between: DueBetween,
    today: NaiveDate,
) -> Result<AgencyDeadlines, ApiError> {
    let rows = sqlx::query!(
        r#"
        select agency_ref_json(a.id, $2) as "agency!: Json<AgencyRef>",
               partial_date_text(due.day, due.precision) as "due_on?: PartialDate",
               due.report as "report?: ReportKind",
               assignment_ref_json(due.assignment_id, due.day) as "assignment?: Json<AssignmentRef>",
               due.role as "role?: AssignmentRole",
               source.json as "source?: Json<Source>"
        from agency_named($1) a
        left join lateral (
            select distinct held.assignment_id, held.role, report.report, report.day,
                            report.precision, report.source_id, s.slug
            from (
                select h.assignment_id, 'lead' as role, h.valid_from, h.valid_to
                from holdings h
                where h.agency_id = a.id
                union all
                select p.assignment_id, p.role, p.valid_from, p.valid_to
                from assignment_participations p
                where p.agency_id = a.id and p.role = 'co_recipient'
            ) held
            -- A join, not a loop over what the agency held: for a year, the
            -- reports due in it are found first (by their dates' indexes).
            join (
                select v.assignment_id, 'final' as report, v.due_on as day,
                       v.due_on_precision as precision, v.source_id
                from assignment_versions v
                where v.due_on is not null and (v.valid_to is null or v.due_on < v.valid_to)
                union all
                select r.assignment_id, 'interim', r.due_on, r.due_on_precision, r.source_id
                from assignment_reports r
            ) report on report.assignment_id = held.assignment_id
            join assignments s on s.id = held.assignment_id
            where report.day >= coalesce($3::date, '-infinity')
              and report.day < coalesce($4::date, 'infinity')
              and answered_on(a.id, held.assignment_id, held.valid_from, held.valid_to, report.day)
        ) due on true
        left join source_shapes source on source.id = due.source_id
        order by due.day, due.slug collate "C", due.report = 'final'
        "#,
        reference as _,
        today,
        between.from,
        between.to,
    )
    .fetch_all(&mut *conn)
    .await?;
    let agency = rows.first().map(|row| row.agency.0.clone());
    let items = rows.into_iter().filter_map(|row| {
        Some(Deadline {
            due_on: row.due_on?,
            report: row.report?,
            assignment: row.assignment?.0,
            role: row.role?,
            source: row.source?.0,
        })
    });
    let agency = with_agency(conn, reference, today, agency).await?;
    Ok(AgencyDeadlines {
        agency,
        items: items.collect(),
    })
}
