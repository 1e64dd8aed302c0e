//! Finding or creating the record of a merged agency, and its names.

use sqlx::PgConnection;
use uuid::Uuid;

use super::Outcome;
use crate::domain::{AgencyKind, PartialDate};
use crate::import::myndighetsdata::clean;
use crate::import::myndighetsdata::merge::{Agency, DatedName};

/// Finds the agency the registry already has for `agency`, or creates it.
pub(super) async fn upsert_agency(
    conn: &mut PgConnection,
    agency: &Agency,
    source_id: Uuid,
    conflicts: &mut Vec<String>,
) -> Result<(Uuid, Outcome), sqlx::Error> {
    let number = agency.organisation_number.as_ref().map(|n| n.as_str());
    let wikidata = agency
        .identifiers
        .iter()
        .find(|(scheme, _)| *scheme == "wikidata")
        .map(|(_, v)| v.as_str());
    let esv = agency
        .identifiers
        .iter()
        .find(|(scheme, _)| *scheme == "esv")
        .map(|(_, v)| v.as_str());
    // By its own number, by an identifier this import gave it, or by its
    // name where exactly one agency without a number has it: as cleaned,
    // else as a register spells it (an older import kept `Sveriges ambassad
    // Zagreb` with two spaces).
    let name = agency.name();
    let mut spellings = vec![name.to_owned()];
    for entry in &agency.entries {
        let spelled = entry.name.trim();
        let same = clean::name(spelled).to_lowercase() == name.to_lowercase();
        if same
            && !spellings
                .iter()
                .any(|s| s.to_lowercase() == spelled.to_lowercase())
        {
            spellings.push(spelled.to_owned());
        }
    }
    let mut existing = None;
    for spelling in &spellings {
        existing = sqlx::query_scalar!(
            r#"select id as "id!" from agencies where organisation_number = $1
               union all
               select agency_id from agency_identifiers
               where source_id = $4 and ((scheme = 'wikidata' and value = $2) or (scheme = 'esv' and value = $3))
               union all
               select only_one.id from (
                   select a.id from agencies a
                   where a.organisation_number is null
                     and exists (select 1 from agency_names n where n.agency_id = a.id and lower(n.name_sv) = lower($5))
               ) only_one
               where (select count(*) from agencies a
                      where a.organisation_number is null
                        and exists (select 1 from agency_names n
                                    where n.agency_id = a.id and lower(n.name_sv) = lower($5))) = 1
               limit 1"#,
            number, wikidata, esv, source_id, spelling,
        )
        .fetch_optional(&mut *conn)
        .await?;
        if existing.is_some() {
            break;
        }
    }
    let kind = agency.kind.unwrap_or(AgencyKind::GovernmentAgency);
    let Some(id) = existing else {
        let slug = free_slug(conn, agency).await?;
        let id = sqlx::query_scalar!(
            "insert into agencies (slug, kind, organisation_number, county_code,
                                   started_on, started_on_precision, ended_on, ended_on_precision,
                                   agency_group, management_form, instruction, source_id)
             values ($1, $2, $3, $4, partial_date_day($5), partial_date_precision($5),
                     partial_date_day($6), partial_date_precision($6), $7, $8, $9, $10)
             returning id",
            slug,
            kind.as_str(),
            number,
            agency.county_code,
            agency.started_on as _,
            agency.ended_on as _,
            agency.group,
            agency.management_form,
            agency.instruction,
            source_id,
        )
        .fetch_one(&mut *conn)
        .await?;
        insert_names(conn, id, &agency.names, source_id).await?;
        return Ok((id, Outcome::Created));
    };

    let current = sqlx::query!(
        r#"select source_id, organisation_number,
                  partial_date_text(started_on, started_on_precision) as started_on,
                  partial_date_text(ended_on, ended_on_precision) as ended_on,
                  agency_group, management_form, instruction,
                  lifetime_source_id, register_source_id
           from agencies where id = $1"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    let ours = current.source_id == source_id;
    let name = agency.name();
    // The snapshot's value where it is the record's source or the record
    // has none; else the record's, and the snapshot's as a conflict.
    let mut pick = |what: &str,
                    recorded: Option<String>,
                    snapshot: Option<String>|
     -> Option<String> {
        match (recorded, snapshot) {
            (_, Some(snapshot)) if ours => Some(snapshot),
            (None, snapshot) => snapshot,
            (Some(recorded), Some(snapshot)) => {
                if recorded != snapshot {
                    conflicts.push(format!("{name}: {what} {recorded} (the registry's record) kept over {snapshot} (the snapshot)"));
                }
                Some(recorded)
            }
            // What a newer snapshot no longer says is no longer the snapshot's.
            (Some(_), None) if ours => None,
            (Some(recorded), None) => Some(recorded),
        }
    };
    let organisation_number = pick(
        "organisation number",
        current.organisation_number.clone(),
        number.map(str::to_owned),
    );
    let started_on = pick(
        "start",
        current.started_on.clone(),
        agency.started_on.map(|d| d.to_string()),
    );
    let ended_on = pick(
        "end",
        current.ended_on.clone(),
        agency.ended_on.map(|d| d.to_string()),
    );
    let group = pick("group", current.agency_group.clone(), agency.group.clone());
    let management_form = pick(
        "form of management",
        current.management_form.clone(),
        agency.management_form.clone(),
    );
    let instruction = pick(
        "instruction",
        current.instruction.clone(),
        agency.instruction.clone(),
    );
    let snapshot_start = agency.started_on.map(|d| d.to_string());
    let snapshot_end = agency.ended_on.map(|d| d.to_string());
    let lifetime_source = cited(
        (&started_on, &ended_on),
        (&current.started_on, &current.ended_on),
        (&snapshot_start, &snapshot_end),
        current.lifetime_source_id,
        source_id,
    );
    let register_source = cited(
        (&group, &management_form, &instruction),
        (
            &current.agency_group,
            &current.management_form,
            &current.instruction,
        ),
        (&agency.group, &agency.management_form, &agency.instruction),
        current.register_source_id,
        source_id,
    );
    let unchanged = (
        &organisation_number,
        &started_on,
        &ended_on,
        &group,
        &management_form,
        &instruction,
    ) == (
        &current.organisation_number,
        &current.started_on,
        &current.ended_on,
        &current.agency_group,
        &current.management_form,
        &current.instruction,
    );
    // The snapshot's own record takes its names as well; they are written
    // with the lifetime, so that neither is checked against the other's
    // older value (Kronofogdemyndigheten's names of an older reading began
    // in 1988, its lifetime now in 2006).
    let names = if ours && recorded_names(conn, id).await? != agency.names {
        Some(agency.names.as_slice())
    } else {
        None
    };
    let mut outcome = Outcome::Unchanged;
    if !unchanged || names.is_some() {
        let parse = |d: &Option<String>| d.as_deref().and_then(|d| PartialDate::parse(d).ok());
        // A lifetime the record's own facts do not fit is a conflict, not a
        // failed import.
        let mut savepoint = sqlx::Connection::begin(&mut *conn).await?;
        let lifetime = Lifetime {
            organisation_number,
            started_on: parse(&started_on),
            ended_on: parse(&ended_on),
            group,
            management_form,
            instruction,
            lifetime_source,
            register_source,
        };
        match rewrite(
            &mut savepoint,
            id,
            (!unchanged).then_some(&lifetime),
            names,
            source_id,
        )
        .await
        {
            Ok(()) => {
                savepoint.commit().await?;
                outcome = Outcome::Updated;
            }
            Err(sqlx::Error::Database(error))
                if error.code().as_deref() == Some("RG001")
                    || error.code().as_deref() == Some("23505") =>
            {
                savepoint.rollback().await?;
                conflicts.push(format!(
                    "{name}: the snapshot's facts were not applied: {}",
                    error.message()
                ));
            }
            Err(error) => return Err(error),
        }
    }
    if !ours {
        // The registry's names stay; what it does not know is filled in.
        if fill_in_earlier_names(conn, id, agency, source_id).await? {
            outcome = Outcome::Updated;
        }
        let english = agency.names.last().and_then(|n| n.en.as_deref());
        let filled = sqlx::query!(
            "update agency_names set name_en = $2
             where id = (select id from agency_names where agency_id = $1 order by valid_from desc nulls first limit 1)
               and name_en is null and $2::text is not null",
            id, english,
        )
        .execute(&mut *conn)
        .await?;
        if filled.rows_affected() > 0 {
            outcome = Outcome::Updated;
        }
    }
    Ok((id, outcome))
}

/// The source of facts this import writes: the snapshot's where it changes
/// them to what the snapshot says (its own record, or what it filled in);
/// else, where it leaves them or writes them only in part (a conflict kept
/// the record's start, say), the source they had.
fn cited<T: PartialEq>(
    written: T,
    recorded: T,
    snapshot: T,
    had: Option<Uuid>,
    snapshot_source: Uuid,
) -> Option<Uuid> {
    if written != recorded && written == snapshot {
        Some(snapshot_source)
    } else {
        had
    }
}

/// What an agency record says of itself, beside its names.
struct Lifetime {
    organisation_number: Option<String>,
    started_on: Option<PartialDate>,
    ended_on: Option<PartialDate>,
    group: Option<String>,
    management_form: Option<String>,
    instruction: Option<String>,
    /// The sources of the lifetime and of the register facts.
    lifetime_source: Option<Uuid>,
    register_source: Option<Uuid>,
}

/// Writes `lifetime` and `names` where given: the old names are deleted
/// first and the new ones inserted last, so each is checked against the
/// new lifetime.
async fn rewrite(
    conn: &mut PgConnection,
    id: Uuid,
    lifetime: Option<&Lifetime>,
    names: Option<&[DatedName]>,
    source_id: Uuid,
) -> Result<(), sqlx::Error> {
    if names.is_some() {
        sqlx::query!("delete from agency_names where agency_id = $1", id)
            .execute(&mut *conn)
            .await?;
    }
    if let Some(lifetime) = lifetime {
        sqlx::query!(
            "update agencies set organisation_number = $2,
                    started_on = partial_date_day($3), started_on_precision = partial_date_precision($3),
                    ended_on = partial_date_day($4), ended_on_precision = partial_date_precision($4),
                    agency_group = $5, management_form = $6, instruction = $7,
                    lifetime_source_id = $8, register_source_id = $9
             where id = $1",
            id, lifetime.organisation_number, lifetime.started_on as _, lifetime.ended_on as _,
            lifetime.group, lifetime.management_form, lifetime.instruction,
            lifetime.lifetime_source, lifetime.register_source,
        )
        .execute(&mut *conn)
        .await?;
    }
    if let Some(names) = names {
        insert_names(conn, id, names, source_id).await?;
    }
    Ok(())
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

async fn recorded_names(conn: &mut PgConnection, id: Uuid) -> Result<Vec<DatedName>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select name_sv, name_en,
                  partial_date_text(valid_from, valid_from_precision) as valid_from,
                  partial_date_text(valid_to, valid_to_precision) as valid_to
           from agency_names where agency_id = $1 order by valid_from nulls first"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let parse = |d: Option<String>| d.as_deref().and_then(|d| PartialDate::parse(d).ok());
    Ok(rows
        .into_iter()
        .map(|row| DatedName {
            sv: row.name_sv,
            en: row.name_en,
            valid_from: parse(row.valid_from),
            valid_to: parse(row.valid_to),
        })
        .collect())
}

async fn insert_names(
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
