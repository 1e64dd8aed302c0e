//! An assignment in full on a date: title and scope, holder, parts and the
//! bodies it coordinates.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::holdings::{holding_on, Holding};
use super::not_found;
use crate::domain::{Jurisdiction, PartialDate, Reference};
use crate::error::ApiError;
use crate::views::agencies::County;
use crate::views::shared::{
    cited, sources_by_id, AgencyRef, AssignmentRef, LocalizedText, Period, Source,
};

/// A title and scope of an assignment, with the period it applied.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentVersion {
    pub title: LocalizedText,
    /// What the assignment covers, where the source says.
    pub scope: Option<LocalizedText>,
    #[serde(flatten)]
    pub period: Period,
    pub source: Source,
}

/// A part of an assignment, and who holds it on `at`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Part {
    pub assignment: AssignmentRef,
    pub holder: Option<AgencyRef>,
}

/// A body coordinated through an assignment (such as the NMT), with who
/// takes part in it on `at`.
#[derive(Debug, Serialize, ToSchema)]
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
#[derive(Debug, Serialize, ToSchema)]
pub struct Participant {
    /// The agency taking part; null when the participant is a function.
    pub agency: Option<AgencyRef>,
    /// The function taking part (such as the municipal social services);
    /// null when the participant is an agency.
    pub function: Option<LocalizedText>,
    #[schema(example = "member")]
    pub role: String,
    #[serde(flatten)]
    pub period: Period,
    pub source: Source,
}

/// An assignment in full, as of a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct Assignment {
    pub id: Uuid,
    #[schema(example = "nationellt-samordningsuppdrag-prostitution-manniskohandel")]
    pub slug: String,
    #[schema(example = "2018-01-01")]
    pub at: NaiveDate,
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
    /// Bodies coordinated through this assignment.
    pub bodies: Vec<Body>,
    pub source: Source,
}

/// An assignment as `GET /v1/assignments/{id}` shows it.
#[tracing::instrument(skip(conn))]
pub async fn fetch_assignment(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Assignment, ApiError> {
    let row = sqlx::query!(
        r#"
        select s.id, s.slug, s.jurisdiction as "jurisdiction: Jurisdiction", s.legal_basis, s.source_id,
               c.code as "county_code?", c.name_sv as "county_name_sv?", c.name_en as "county_name_en?",
               v.title_sv as "title_sv!", v.title_en, v.scope_sv, v.scope_en,
               partial_date_text(v.valid_from, v.valid_from_precision) as "valid_from: PartialDate",
               partial_date_text(v.valid_to, v.valid_to_precision) as "valid_to: PartialDate", v.source_id as "version_source_id!",
               p.id as "parent_id?", p.slug as "parent_slug?", pv.title_sv as "parent_title_sv?", pv.title_en as "parent_title_en?"
        from assignments s
        cross join lateral assignment_version_on(s.id, $3) v
        left join counties c on c.code = s.county_code
        left join assignments p on p.id = s.parent_id
        left join lateral assignment_version_on(p.id, $3) pv on true
        where s.id = $1 or s.slug = $2
        "#,
        reference.id(),
        reference.slug(),
        at,
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| not_found(reference))?;

    let parts = sqlx::query!(
        r#"
        select s.id, s.slug, v.title_sv as "title_sv!", v.title_en,
               ag.id as "holder_id?", ag.slug as "holder_slug?", n.name_sv as "holder_name_sv?", n.name_en as "holder_name_en?"
        from assignments s
        cross join lateral assignment_version_on(s.id, $2) v
        left join lateral holding_on(s.id, $2) h on true
        left join agencies ag on ag.id = h.agency_id
        left join lateral agency_name_on(ag.id, $2) n on true
        where s.parent_id = $1
        order by s.slug
        "#,
        row.id,
        at,
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|part| Part {
        assignment: AssignmentRef { id: part.id, slug: part.slug, title: LocalizedText::new(part.title_sv, part.title_en) },
        holder: AgencyRef::joined(part.holder_id, part.holder_slug, part.holder_name_sv, part.holder_name_en),
    })
    .collect();

    let holder = holding_on(conn, row.id, at).await?;
    let bodies = bodies_coordinated_through(conn, row.id, at).await?;
    let sources = sources_by_id(conn, &[row.source_id, row.version_source_id]).await?;

    Ok(Assignment {
        id: row.id,
        slug: row.slug,
        at,
        version: AssignmentVersion {
            title: LocalizedText::new(row.title_sv, row.title_en),
            scope: LocalizedText::optional(row.scope_sv, row.scope_en),
            period: Period::new(row.valid_from, row.valid_to),
            source: cited(&sources, row.version_source_id)?,
        },
        jurisdiction: row.jurisdiction,
        county: County::joined(row.county_code, row.county_name_sv, row.county_name_en),
        legal_basis: row.legal_basis,
        part_of: AssignmentRef::joined(
            row.parent_id,
            row.parent_slug,
            row.parent_title_sv,
            row.parent_title_en,
        ),
        parts,
        holder,
        bodies,
        source: cited(&sources, row.source_id)?,
    })
}

/// The bodies coordinated through an assignment, with their participants on `at`.
#[tracing::instrument(skip(conn))]
async fn bodies_coordinated_through(
    conn: &mut PgConnection,
    assignment: Uuid,
    at: NaiveDate,
) -> Result<Vec<Body>, ApiError> {
    let body_rows = sqlx::query!(
        "select id, slug, name_sv, name_en, abbreviation, source_id from bodies where coordinated_through = $1 order by slug",
        assignment,
    )
    .fetch_all(&mut *conn)
    .await?;
    if body_rows.is_empty() {
        return Ok(Vec::new());
    }
    let body_ids: Vec<Uuid> = body_rows.iter().map(|row| row.id).collect();
    let participant_rows = sqlx::query!(
        r#"
        select p.body_id, p.role, p.function_name_sv, p.function_name_en,
               partial_date_text(p.valid_from, p.valid_from_precision) as "valid_from: PartialDate",
               partial_date_text(p.valid_to, p.valid_to_precision) as "valid_to: PartialDate", p.source_id,
               ag.id as "agency_id?", ag.slug as "agency_slug?", n.name_sv as "name_sv?", n.name_en as "name_en?"
        from participations p
        left join agencies ag on ag.id = p.agency_id
        left join lateral agency_name_on(ag.id, $2) n on true
        where p.body_id = any($1)
          and daterange(p.valid_from, p.valid_to, '[)') @> $2::date
        order by coalesce(n.name_sv, p.function_name_sv)
        "#,
        &body_ids,
        at,
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = body_rows
        .iter()
        .map(|row| row.source_id)
        .chain(participant_rows.iter().map(|row| row.source_id))
        .collect();
    let sources = sources_by_id(conn, &source_ids).await?;

    let mut bodies = body_rows
        .into_iter()
        .map(|row| {
            Ok(Body {
                id: row.id,
                slug: row.slug,
                name: LocalizedText::new(row.name_sv, row.name_en),
                abbreviation: row.abbreviation,
                participants: Vec::new(),
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    for row in participant_rows {
        let participant = Participant {
            agency: AgencyRef::joined(row.agency_id, row.agency_slug, row.name_sv, row.name_en),
            function: LocalizedText::optional(row.function_name_sv, row.function_name_en),
            role: row.role,
            period: Period::new(row.valid_from, row.valid_to),
            source: cited(&sources, row.source_id)?,
        };
        if let Some(body) = bodies.iter_mut().find(|body| body.id == row.body_id) {
            body.participants.push(participant);
        }
    }
    Ok(bodies)
}
