//! Bringing a record the registry already has up to date with the
//! snapshot: the snapshot's own records take what it says, the registry's
//! own records keep theirs and have only their unknowns filled in. A
//! record the snapshot created and a registrar changed through the API
//! since is the registry's own.

use std::fmt::Display;

use sqlx::PgConnection;
use uuid::Uuid;

use super::names::{fill_in_names, insert_names, recorded_names};
use crate::domain::PartialDate;
use crate::import::myndighetsdata::apply::Outcome;
use crate::import::myndighetsdata::snapshot::{Agency, DatedName};

/// What an agency record says of itself, beside its names.
#[derive(Debug, Clone, PartialEq)]
struct Facts {
    organisation_number: Option<String>,
    started_on: Option<PartialDate>,
    ended_on: Option<PartialDate>,
    group: Option<String>,
    management_form: Option<String>,
    instruction: Option<String>,
    instructions: Instructions,
}

/// The instructions SFS lists, in the order they were issued.
#[derive(Debug, Clone, Default, PartialEq)]
struct Instructions(Vec<String>);

impl Display for Instructions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join(", "))
    }
}

impl Instructions {
    /// None where SFS lists none.
    fn listed(&self) -> Option<Instructions> {
        (!self.0.is_empty()).then(|| self.clone())
    }
}

impl Facts {
    fn of(agency: &Agency) -> Facts {
        Facts {
            organisation_number: agency
                .organisation_number
                .as_ref()
                .map(|n| n.as_str().to_owned()),
            started_on: agency.started_on,
            ended_on: agency.ended_on,
            group: agency.group.clone(),
            management_form: agency.management_form.clone(),
            instruction: agency.instruction.clone(),
            instructions: Instructions(agency.instructions.clone()),
        }
    }

    fn lifetime(&self) -> (Option<PartialDate>, Option<PartialDate>) {
        (self.started_on, self.ended_on)
    }

    fn register(
        &self,
    ) -> (
        &Option<String>,
        &Option<String>,
        &Option<String>,
        &Instructions,
    ) {
        (
            &self.group,
            &self.management_form,
            &self.instruction,
            &self.instructions,
        )
    }
}

/// The sources of a record's lifetime and of its register facts.
#[derive(Debug, Clone, Copy)]
struct Cited {
    lifetime: Option<Uuid>,
    register: Option<Uuid>,
}

/// What the record at `id` says now, and whom it cites.
struct Recorded {
    facts: Facts,
    source_id: Uuid,
    cited: Cited,
}

async fn recorded(conn: &mut PgConnection, id: Uuid) -> Result<Recorded, sqlx::Error> {
    let row = sqlx::query!(
        r#"select source_id, organisation_number,
                  partial_date_text(started_on, started_on_precision) as "started_on: PartialDate",
                  partial_date_text(ended_on, ended_on_precision) as "ended_on: PartialDate",
                  agency_group, management_form, instruction, instructions,
                  lifetime_source_id, register_source_id
           from agencies where id = $1"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Recorded {
        facts: Facts {
            organisation_number: row.organisation_number,
            started_on: row.started_on,
            ended_on: row.ended_on,
            group: row.agency_group,
            management_form: row.management_form,
            instruction: row.instruction,
            instructions: Instructions(row.instructions),
        },
        source_id: row.source_id,
        cited: Cited {
            lifetime: row.lifetime_source_id,
            register: row.register_source_id,
        },
    })
}

/// Brings the record at `id` up to date with `agency` (cited as
/// `source_id`; `changed_by_hand` where a registrar changed the record or
/// its names through the API); what the record keeps over the snapshot is
/// added to `conflicts`.
pub(super) async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    agency: &Agency,
    (source_id, changed_by_hand): (Uuid, bool),
    conflicts: &mut Vec<String>,
) -> Result<Outcome, sqlx::Error> {
    let current = recorded(conn, id).await?;
    let ours = current.source_id == source_id && !changed_by_hand;
    let snapshot = Facts::of(agency);
    let written = merged(&current.facts, &snapshot, ours, agency.name(), conflicts);
    // The snapshot's own record takes its names as well; they are written
    // with the lifetime, so that neither is checked against the other's
    // older value (Kronofogdemyndigheten's names of an older reading began
    // in 1988, its lifetime now in 2006).
    let names = if ours && recorded_names(conn, id).await? != agency.names {
        Some(agency.names.as_slice())
    } else {
        None
    };
    let changed = written != current.facts;
    let mut outcome = Outcome::Unchanged;
    if changed || names.is_some() {
        let (had, now) = (current.cited, &current.facts);
        let sources = Cited {
            lifetime: cited(
                written.lifetime(),
                now.lifetime(),
                snapshot.lifetime(),
                had.lifetime,
                source_id,
            ),
            register: cited(
                written.register(),
                now.register(),
                snapshot.register(),
                had.register,
                source_id,
            ),
        };
        // A lifetime the record's own facts do not fit is a conflict, not a
        // failed import.
        let mut savepoint = sqlx::Connection::begin(&mut *conn).await?;
        let facts = changed.then_some((&written, sources));
        match rewrite(&mut savepoint, id, facts, names, source_id).await {
            Ok(()) => {
                savepoint.commit().await?;
                outcome = Outcome::Updated;
            }
            Err(sqlx::Error::Database(error))
                if error.code().is_some_and(|c| c == "RG001" || c == "23505") =>
            {
                savepoint.rollback().await?;
                conflicts.push(format!(
                    "{}: the snapshot's facts were not applied: {}",
                    agency.name(),
                    error.message()
                ));
            }
            Err(error) => return Err(error),
        }
    }
    // The registry's names stay; what it does not know is filled in.
    if !ours && fill_in_names(conn, id, agency, source_id).await? {
        outcome = Outcome::Updated;
    }
    Ok(outcome)
}

/// Each fact: the snapshot's where the record is the snapshot's own or has
/// none; else the record's, and the snapshot's as a conflict.
fn merged(
    recorded: &Facts,
    snapshot: &Facts,
    ours: bool,
    name: &str,
    conflicts: &mut Vec<String>,
) -> Facts {
    let (r, s) = (recorded, snapshot);
    let mut merge = Merge {
        ours,
        name,
        conflicts,
    };
    Facts {
        organisation_number: merge.pick(
            "organisation number",
            &r.organisation_number,
            &s.organisation_number,
        ),
        started_on: merge.pick("start", &r.started_on, &s.started_on),
        ended_on: merge.pick("end", &r.ended_on, &s.ended_on),
        group: merge.pick("group", &r.group, &s.group),
        management_form: merge.pick("form of management", &r.management_form, &s.management_form),
        instruction: merge.pick("instruction", &r.instruction, &s.instruction),
        instructions: (merge.pick(
            "instructions",
            &r.instructions.listed(),
            &s.instructions.listed(),
        ))
        .unwrap_or_default(),
    }
}

/// Whose facts win, and where the conflicts go.
struct Merge<'a> {
    ours: bool,
    name: &'a str,
    conflicts: &'a mut Vec<String>,
}

impl Merge<'_> {
    /// One fact of [`merged`].
    fn pick<T: Clone + PartialEq + Display>(
        &mut self,
        what: &str,
        recorded: &Option<T>,
        snapshot: &Option<T>,
    ) -> Option<T> {
        match (recorded, snapshot) {
            (_, Some(snapshot)) if self.ours => Some(snapshot.clone()),
            (None, snapshot) => snapshot.clone(),
            (Some(recorded), Some(snapshot)) => {
                if recorded != snapshot {
                    self.conflicts.push(format!(
                        "{}: {what} {recorded} (the registry's record) kept over {snapshot} (the snapshot)",
                        self.name
                    ));
                }
                Some(recorded.clone())
            }
            // What a newer snapshot no longer says is no longer the snapshot's.
            (Some(_), None) if self.ours => None,
            (Some(recorded), None) => Some(recorded.clone()),
        }
    }
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

/// Writes `facts` (with the sources of the lifetime and of the register
/// facts) and `names` where given: the old names are deleted first and the
/// new ones inserted last, so each is checked against the new lifetime.
async fn rewrite(
    conn: &mut PgConnection,
    id: Uuid,
    facts: Option<(&Facts, Cited)>,
    names: Option<&[DatedName]>,
    source_id: Uuid,
) -> Result<(), sqlx::Error> {
    if names.is_some() {
        sqlx::query!("delete from agency_names where agency_id = $1", id)
            .execute(&mut *conn)
            .await?;
    }
    if let Some((facts, cited)) = facts {
        sqlx::query!(
            "update agencies set organisation_number = $2,
                    started_on = partial_date_day($3), started_on_precision = partial_date_precision($3),
                    ended_on = partial_date_day($4), ended_on_precision = partial_date_precision($4),
                    agency_group = $5, management_form = $6, instruction = $7, instructions = $8,
                    lifetime_source_id = $9, register_source_id = $10
             where id = $1",
            id, facts.organisation_number, facts.started_on as _, facts.ended_on as _,
            facts.group, facts.management_form, facts.instruction, &facts.instructions.0,
            cited.lifetime, cited.register,
        )
        .execute(&mut *conn)
        .await?;
    }
    if let Some(names) = names {
        insert_names(conn, id, names, source_id).await?;
    }
    Ok(())
}
