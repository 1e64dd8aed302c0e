//! Transfers as answers show them: which assignments moved, from whom, to
//! whom, on which day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::shared::{AgencyRef, AssignmentRef, LocalizedText, Source};
use crate::domain::Reference;
use crate::error::ApiError;

/// A transfer in full: which assignments moved, from whom, to whom, when.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Transfer {
    pub id: Uuid,
    #[schema(example = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten")]
    pub slug: String,
    /// The first day the receiving agency holds the assignments.
    #[schema(example = "2018-01-01")]
    pub effective_on: NaiveDate,
    /// The giving agency, named as it was the day before.
    pub from_agency: AgencyRef,
    /// The receiving agency, named as it was on the day.
    pub to_agency: AgencyRef,
    /// What the transfer is about.
    pub note: Option<LocalizedText>,
    /// What stays behind with the giving side.
    pub stays_behind: Option<LocalizedText>,
    /// The statute or decision the transfer rests on, as cited.
    #[schema(example = "Förordning (2017:937) med instruktion för Jämställdhetsmyndigheten")]
    pub legal_basis: Option<String>,
    /// Every assignment it moved, with its title on the day.
    pub assignments: Vec<AssignmentRef>,
    pub source: Source,
}

/// A page of transfers, ordered by effective date.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransferPage {
    pub items: Vec<Transfer>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// A transfer as `GET /v1/transfers/{id}` shows it.
pub async fn fetch_transfer(
    conn: &mut sqlx::PgConnection,
    reference: &Reference,
) -> Result<Transfer, ApiError> {
    let filter = Filter {
        named: Some(reference.clone()),
        ..Filter::default()
    };
    transfers_where(conn, filter)
        .await?
        .pop()
        .ok_or_else(|| ApiError::NotFound(format!("There is no transfer '{reference}'.")))
}

/// Which transfers to load.
#[derive(Debug, Default)]
pub struct Filter {
    /// Only the transfer this names.
    pub named: Option<Reference>,
    pub agency: Option<Uuid>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The position key of the last transfer already shown.
    pub after: Option<String>,
    pub limit: Option<i64>,
}

/// Loads the transfers that match, ordered by effective date then slug, in
/// one query however many there are.
#[tracing::instrument(skip(conn))]
pub async fn transfers_where(
    conn: &mut sqlx::PgConnection,
    filter: Filter,
) -> Result<Vec<Transfer>, ApiError> {
    let transfers = sqlx::query_scalar!(
        r#"
        select jsonb_build_object(
                   'id', t.id, 'slug', t.slug, 'effective_on', t.effective_on,
                   'from_agency', agency_ref_json(t.from_agency_id, t.effective_on - 1),
                   'to_agency', agency_ref_json(t.to_agency_id, t.effective_on),
                   'note', localized_json(t.note_sv, t.note_en),
                   'stays_behind', localized_json(t.stays_behind_sv, t.stays_behind_en),
                   'legal_basis', t.legal_basis,
                   'assignments', (select coalesce(jsonb_agg(assignment_ref_json(s.id, t.effective_on)
                                                             order by s.parent_id nulls first, s.slug), '[]')
                                   from transfer_items ti
                                   join assignments s on s.id = ti.assignment_id
                                   where ti.transfer_id = t.id),
                   'source', source_json(t.source_id))
               as "transfer!: Json<Transfer>"
        from transfers t
        where ($1::text is null or t.id in (select id from transfer_named($1)))
          and ($2::uuid is null or t.from_agency_id = $2 or t.to_agency_id = $2)
          and ($3::date is null or t.effective_on >= $3)
          and ($4::date is null or t.effective_on < $4)
          and ($5::text is null or transfer_position(t.effective_on, t.slug) > $5 collate "C")
        order by transfer_position(t.effective_on, t.slug) collate "C"
        limit $6
        "#,
        filter.named as _,
        filter.agency,
        filter.from,
        filter.to,
        filter.after,
        filter.limit,
    )
    .fetch_all(conn)
    .await?;
    Ok(transfers
        .into_iter()
        .map(|Json(transfer)| transfer)
        .collect())
}
