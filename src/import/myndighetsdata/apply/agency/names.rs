//! The names of an agency the import writes: all of them for its own
//! records, and what the registry's own records leave unknown.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::PartialDate;
use crate::import::myndighetsdata::snapshot::{Agency, DatedName};

/// Fills in, on a record that is not the snapshot's, the names the registry
/// does not know: the earlier names ([`fill_in_earlier_names`]) and an
/// English name for the latest one, where it is the snapshot's current
/// name (not for a name the snapshot does not know yet). Whether it filled
/// anything in.
pub(super) async fn fill_in_names(
    conn: &mut PgConnection,
    id: Uuid,
    agency: &Agency,
    source_id: Uuid,
) -> Result<bool, sqlx::Error> {
    let earlier = fill_in_earlier_names(conn, id, agency, source_id).await?;
    let current = agency.names.last();
    let filled = sqlx::query!(
        "update agency_names set name_en = $2
         where id = (select id from agency_names where agency_id = $1 order by valid_from desc nulls first limit 1)
           and name_en is null and $2::text is not null and lower(name_sv) = lower($3)",
        id,
        current.and_then(|n| n.en.as_deref()),
        current.map(|n| n.sv.as_str()),
    )
    .execute(&mut *conn)
    .await?;
    Ok(earlier || filled.rows_affected() > 0)
}

/// Where the registry has only the agency's current name, with no start of
/// its own (none, or the lifetime's), the snapshot's earlier names before
/// it, and the day it took the current one: Polismyndigheten was
/// Rikspolisstyrelsen until 2015 (the name then cites the snapshot, which
/// dates it). Whether it filled anything in.
async fn fill_in_earlier_names(
    conn: &mut PgConnection,
    id: Uuid,
    agency: &Agency,
    source_id: Uuid,
) -> Result<bool, sqlx::Error> {
    let recorded = recorded_names(conn, id).await?;
    let ([only], [earlier @ .., current]) = (recorded.as_slice(), agency.names.as_slice()) else {
        return Ok(false);
    };
    let undated = only.valid_from.is_none() || only.valid_from == agency.started_on;
    let same = only.sv.to_lowercase() == current.sv.to_lowercase();
    if earlier.is_empty() || only.valid_to.is_some() || !undated || !same {
        return Ok(false);
    }
    let Some(taken) = current.valid_from else {
        return Ok(false);
    };
    sqlx::query!(
        "update agency_names set valid_from = partial_date_day($2), valid_from_precision = partial_date_precision($2),
                                 source_id = $3
         where agency_id = $1",
        id, taken as _, source_id,
    )
    .execute(&mut *conn)
    .await?;
    insert_names(conn, id, earlier, source_id).await?;
    Ok(true)
}

/// The names the registry has for the agency, earliest first.
pub(super) async fn recorded_names(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<Vec<DatedName>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select name_sv, name_en,
                  partial_date_text(valid_from, valid_from_precision) as "valid_from: PartialDate",
                  partial_date_text(valid_to, valid_to_precision) as "valid_to: PartialDate"
           from agency_names where agency_id = $1 order by valid_from nulls first"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| DatedName {
            sv: row.name_sv,
            en: row.name_en,
            valid_from: row.valid_from,
            valid_to: row.valid_to,
        })
        .collect())
}

pub(super) async fn insert_names(
    conn: &mut PgConnection,
    id: Uuid,
    names: &[DatedName],
    source_id: Uuid,
) -> Result<(), sqlx::Error> {
    for name in names {
        sqlx::query!(
            "insert into agency_names (agency_id, name_sv, name_en, valid_from, valid_from_precision,
                                       valid_to, valid_to_precision, source_id)
             values ($1, $2, $3, partial_date_day($4), partial_date_precision($4),
                     partial_date_day($5), partial_date_precision($5), $6)",
            id, name.sv, name.en, name.valid_from as _, name.valid_to as _, source_id,
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
