//! An assignment in full on a date: title and scope, holder, parts and the
//! bodies it coordinates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::holdings::Holding;
use super::participants::{AssignmentParticipant, UnresolvedRecipient};
use super::unknown;
use crate::domain::{AssignmentKind, AssignmentStatus, Jurisdiction, PartialDate, Reference, Role};
use crate::error::ApiError;
use crate::views::agencies::County;
use crate::views::shared::{found_or, AgencyRef, AssignmentRef, LocalizedText, Period, Source};

/// A title and scope of an assignment, with the period it applied.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AssignmentVersion {
    /// Names the version in `PATCH` and `DELETE
    /// /v1/assignments/{id}/versions/{version}`.
    pub id: Uuid,
    pub title: LocalizedText,
    /// What the assignment covers, where the source says.
    pub scope: Option<LocalizedText>,
    #[serde(flatten)]
    pub period: Period,
    /// When the final report is due, as this version says (a government
    /// assignment); null where no date is given.
    #[serde(default)]
    pub due_on: Option<PartialDate>,
    pub source: Source,
}

/// An interim report an assignment's texts ask for.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct InterimReport {
    pub due_on: PartialDate,
    pub source: Source,
}

/// A case number (diarienummer) the assignment is known by.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AssignmentIdentifier {
    /// Names it in `DELETE /v1/assignments/{id}/identifiers/{identifier}`.
    pub id: Uuid,
    #[schema(example = "diarienummer")]
    pub scheme: String,
    #[schema(example = "A2025/00141")]
    pub value: String,
    pub source: Source,
}

/// A part of an assignment, and who holds it on `at`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Part {
    pub assignment: AssignmentRef,
    pub holder: Option<AgencyRef>,
}

/// A body coordinated through an assignment (such as the NMT), with who
/// takes part in it on `at`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Body {
    pub id: Uuid,
    #[schema(example = "nmt")]
    pub slug: String,
    pub name: LocalizedText,
    #[schema(example = "NMT")]
    pub abbreviation: Option<String>,
    pub participants: Vec<Participant>,
    pub source: Source,
}

/// An agency, or a function that is not one agency, taking part in a body.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Participant {
    /// The agency taking part; null when the participant is a function.
    pub agency: Option<AgencyRef>,
    /// The function taking part (such as the municipal social services);
    /// null when the participant is an agency.
    pub function: Option<LocalizedText>,
    pub role: Role,
    #[serde(flatten)]
    pub period: Period,
    pub source: Source,
}

/// An assignment in full, as of a date.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Assignment {
    pub id: Uuid,
    #[schema(example = "nationellt-samordningsuppdrag-prostitution-manniskohandel")]
    pub slug: String,
    #[schema(example = "2018-01-01")]
    pub at: NaiveDate,
    pub kind: AssignmentKind,
    /// Whether it is under way on `at`.
    pub status: AssignmentStatus,
    /// When it was given (a government assignment: the month it was
    /// published, or the day of the decision where a later text cites it).
    pub started_on: Option<PartialDate>,
    /// Title and scope on `at`.
    pub version: AssignmentVersion,
    pub jurisdiction: Jurisdiction,
    /// For a county assignment, the county.
    pub county: Option<County>,
    /// What the assignment rests on, where the source says.
    #[schema(example = "Regeringsuppdrag")]
    pub legal_basis: Option<String>,
    /// The assignment this one is a part of, if any.
    pub part_of: Option<AssignmentRef>,
    /// The parts of this assignment, each with its holder on `at`.
    pub parts: Vec<Part>,
    /// Who holds it on `at`; null when nobody does.
    pub holder: Option<Holding>,
    /// Agencies given it together with the holder, on `at`.
    pub co_recipients: Vec<AssignmentParticipant>,
    /// Agencies it is to consult, on `at`.
    pub consulted: Vec<AssignmentParticipant>,
    /// Why it has no recipient agency, where it has none.
    pub unresolved: Option<UnresolvedRecipient>,
    /// Interim reports asked for, oldest first.
    pub interim_reports: Vec<InterimReport>,
    /// Case numbers it is known by.
    pub identifiers: Vec<AssignmentIdentifier>,
    /// Bodies coordinated through this assignment.
    pub bodies: Vec<Body>,
    pub source: Source,
}

/// An assignment as `GET /v1/assignments/{id}` shows it, in one query:
/// its parts with their holders, its holder and its bodies with their
/// participants are built as JSON beside it.
#[tracing::instrument(skip(conn))]
pub async fn fetch_assignment(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Assignment, ApiError> {
    let assignment = sqlx::query_scalar!(
        r#"
        select jsonb_build_object(
                   'id', s.id, 'slug', s.slug, 'at', $3::text, 'version', assignment_version_json(v.id),
                   'kind', s.kind, 'status', assignment_status(s.id, $2),
                   'started_on', (select partial_date_text(f.valid_from, f.valid_from_precision)
                                  from assignment_versions f where f.assignment_id = s.id
                                  order by f.valid_from nulls first limit 1),
                   'co_recipients', assignment_participants_json(s.id, 'co_recipient', $2),
                   'consulted', assignment_participants_json(s.id, 'consulted', $2),
                   'unresolved', unresolved_json(s.id),
                   'interim_reports', (select coalesce(jsonb_agg(jsonb_build_object(
                                                 'due_on', partial_date_text(r.due_on, r.due_on_precision),
                                                 'source', source_json(r.source_id))
                                             order by r.due_on), '[]')
                                       from assignment_reports r where r.assignment_id = s.id),
                   'identifiers', (select coalesce(jsonb_agg(jsonb_build_object(
                                               'id', i.id, 'scheme', i.scheme, 'value', i.value,
                                               'source', source_json(i.source_id))
                                           order by i.value), '[]')
                                   from assignment_identifiers i where i.assignment_id = s.id),
                   'jurisdiction', s.jurisdiction, 'county', county_json(s.county_code),
                   'legal_basis', s.legal_basis, 'part_of', assignment_ref_json(s.parent_id, $2),
                   'parts', (select coalesce(jsonb_agg(jsonb_build_object(
                                         'assignment', assignment_ref_json(p.id, $2),
                                         'holder', agency_ref_json(h.agency_id, $2))
                                     order by p.slug), '[]')
                             from assignments p
                             left join lateral holding_on(p.id, $2) h on true
                             where p.parent_id = s.id),
                   'holder', (select holding_json(h.id, $2) from holding_on(s.id, $2) h),
                   'bodies', (select coalesce(jsonb_agg(jsonb_build_object(
                                          'id', b.id, 'slug', b.slug,
                                          'name', localized_json(b.name_sv, b.name_en),
                                          'abbreviation', b.abbreviation,
                                          'participants', (
                                              select coalesce(jsonb_agg(jsonb_build_object(
                                                         'agency', agency_ref_json(pa.agency_id, $2),
                                                         'function', localized_json(pa.function_name_sv, pa.function_name_en),
                                                         'role', pa.role,
                                                         'valid_from', partial_date_text(pa.valid_from, pa.valid_from_precision),
                                                         'valid_to', partial_date_text(pa.valid_to, pa.valid_to_precision),
                                                         'source', source_json(pa.source_id))
                                                     order by coalesce(n.name_sv, pa.function_name_sv)), '[]')
                                              from participations pa
                                              left join lateral agency_name_on(pa.agency_id, $2) n on true
                                              where pa.body_id = b.id
                                                and answered_on(pa.agency_id, null, pa.valid_from, pa.valid_to, $2)),
                                          'source', source_json(b.source_id))
                                      order by b.slug), '[]')
                              from bodies b
                              where b.coordinated_through = s.id),
                   'source', source_json(s.source_id))
               as "assignment!: Json<Assignment>"
        from assignment_named($1) s
        cross join lateral assignment_version_on(s.id, $2) v
        "#,
        reference as _,
        at,
        // `at` as asked: PostgreSQL writes years before 1 as BC.
        at.to_string(),
    )
    .fetch_optional(&mut *conn)
    .await?;
    found_or(assignment, unknown(conn, reference, at)).await
}
