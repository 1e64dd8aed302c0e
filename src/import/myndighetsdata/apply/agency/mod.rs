//! Finding or creating the record of a merged agency, and its names.

use sqlx::PgConnection;
use uuid::Uuid;

use super::{ByHand, Outcome};
use crate::domain::AgencyKind;
use crate::import::myndighetsdata::clean;
use crate::import::myndighetsdata::snapshot::Agency;

mod find;
mod names;
mod update;

use find::find;
use names::insert_names;
use update::update;

/// Finds the agency the registry already has for `agency`, or creates it.
pub(super) async fn upsert_agency(
    conn: &mut PgConnection,
    agency: &Agency,
    source_id: Uuid,
    by_hand: &ByHand,
    conflicts: &mut Vec<String>,
) -> Result<(Uuid, Outcome), sqlx::Error> {
    let Some(id) = find(conn, agency, source_id).await? else {
        return Ok((create(conn, agency, source_id).await?, Outcome::Created));
    };
    let changed_by_hand = by_hand.agency(id);
    let outcome = update(conn, id, agency, (source_id, changed_by_hand), conflicts).await?;
    Ok((id, outcome))
}

/// Creates the record of an agency the registry does not have, citing the
/// snapshot for all of it.
async fn create(
    conn: &mut PgConnection,
    agency: &Agency,
    source_id: Uuid,
) -> Result<Uuid, sqlx::Error> {
    let slug = free_slug(conn, agency).await?;
    let id = sqlx::query_scalar!(
        "insert into agencies (slug, kind, organisation_number, county_code,
                               started_on, started_on_precision, ended_on, ended_on_precision,
                               agency_group, management_form, instruction, instructions, source_id)
         values ($1, $2, $3, $4, partial_date_day($5), partial_date_precision($5),
                 partial_date_day($6), partial_date_precision($6), $7, $8, $9, $10, $11)
         returning id",
        slug,
        agency.kind.unwrap_or(AgencyKind::GovernmentAgency).as_str(),
        agency.organisation_number.as_ref().map(|n| n.as_str()),
        agency.county_code,
        agency.started_on as _,
        agency.ended_on as _,
        agency.group,
        agency.management_form,
        agency.instruction,
        &agency.instructions,
        source_id,
    )
    .fetch_one(&mut *conn)
    .await?;
    insert_names(conn, id, &agency.names, source_id).await?;
    Ok(id)
}

/// The agency's name as a slug ([`Agency::slug_name`]); if another agency
/// has it, with the year it began, then with a number.
async fn free_slug(conn: &mut PgConnection, agency: &Agency) -> Result<String, sqlx::Error> {
    let base = clean::slug(agency.slug_name());
    let mut candidates = vec![base.clone()];
    if let Some(start) = agency.started_on {
        candidates.push(format!("{base}-{}", &start.to_string()[..4]));
    }
    candidates.extend((2..100).map(|n| format!("{base}-{n}")));
    for candidate in candidates {
        let taken = sqlx::query_scalar!(
            r#"select exists (select 1 from agencies where slug = $1) as "taken!""#,
            candidate
        )
        .fetch_one(&mut *conn)
        .await?;
        if !taken {
            return Ok(candidate);
        }
    }
    Ok(format!("{base}-{}", Uuid::new_v4().simple()))
}
