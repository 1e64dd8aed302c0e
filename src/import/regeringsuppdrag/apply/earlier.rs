//! What came before this reading: what earlier imports read of each
//! assignment they wrote ([`Earlier::reading`]), and which assignments were
//! changed through the API since ([`Earlier::written_by_hand`]). A reading
//! that says what the last one said changes nothing; one that says
//! otherwise rewrites the assignment, unless a registrar has changed it:
//! then the registry's record stands and the import reports it.

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

/// The tables of an assignment's facts that an import writes.
const FACTS: [&str; 6] = [
    "assignments",
    "assignment_versions",
    "holdings",
    "assignment_participations",
    "assignment_reports",
    "assignment_identifiers",
];

pub(super) struct Earlier {
    readings: HashMap<Uuid, Value>,
    by_hand: HashSet<Uuid>,
}

impl Earlier {
    /// Read in two queries, before anything is written.
    pub(super) async fn read(conn: &mut PgConnection) -> Result<Self, sqlx::Error> {
        let readings = sqlx::query!(r#"select assignment_id, reading from assignment_readings"#)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|row| (row.assignment_id, row.reading))
            .collect();
        let by_hand = crate::import::by_hand::changed_through_the_api(conn, &FACTS).await?;
        Ok(Self { readings, by_hand })
    }

    /// What the last import read of assignment `id`, where one recorded it.
    pub(super) fn reading(&self, id: Uuid) -> Option<&Value> {
        self.readings.get(&id)
    }

    /// Whether assignment `id` or one of its facts was changed through the
    /// API.
    pub(super) fn written_by_hand(&self, id: Uuid) -> bool {
        self.by_hand.contains(&id)
    }

    /// The ids changed through the API, for a query.
    pub(super) fn by_hand(&self) -> Vec<Uuid> {
        self.by_hand.iter().copied().collect()
    }
}

/// Records `read` (assignment and reading) as what this import read.
pub(super) async fn remember(
    conn: &mut PgConnection,
    read: Vec<(Uuid, Value)>,
) -> Result<(), sqlx::Error> {
    let (ids, readings): (Vec<Uuid>, Vec<Value>) = read.into_iter().unzip();
    sqlx::query!(
        "insert into assignment_readings (assignment_id, reading)
         select * from unnest($1::uuid[], $2::jsonb[])
         on conflict (assignment_id) do update set reading = excluded.reading, read_at = now()",
        &ids,
        &readings,
    )
    .execute(conn)
    .await?;
    Ok(())
}
