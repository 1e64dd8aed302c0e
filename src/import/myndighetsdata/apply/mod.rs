//! Writing a merged snapshot: one agency at a time, each fact compared with
//! what is recorded and written only where it differs, so a second import
//! of the same snapshot writes nothing and the change log does not grow.
//!
//! The registry's own records win over the snapshot where both say
//! something (the founding case, writes through the API): the snapshot
//! fills what they leave unknown and its disagreements are reported as
//! conflicts. Records the snapshot created are the snapshot's: a newer
//! snapshot updates them, unless a registrar has changed them through the
//! API since (`ByHand`): then they are the registry's own.

use std::collections::HashSet;

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::snapshot::Snapshot;

mod agency;
mod facts;
mod withdraw;

use agency::upsert_agency;
use facts::{contacts, identifiers_and_names};
use withdraw::withdraw;

/// What an import did.
#[derive(Debug, Default)]
pub struct Summary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub lineage_links: usize,
    pub contact_points: usize,
    pub skipped: Vec<String>,
    pub conflicts: Vec<String>,
    /// What an earlier reading of this snapshot wrote and this one no
    /// longer gives (see [`withdraw()`]).
    pub withdrawn: Vec<String>,
}

/// The snapshot as a source that every imported fact cites.
#[derive(Debug, Clone)]
pub struct SnapshotSource {
    pub slug: String,
    pub title: String,
    pub published_on: NaiveDate,
    pub note: String,
}

/// What registrars changed through the API, which the snapshot leaves as
/// they wrote it.
pub(super) struct ByHand {
    /// Agencies whose record or names were changed.
    agencies: HashSet<Uuid>,
    contact_points: HashSet<Uuid>,
    /// Identifiers (`scheme value`) and other names written or deleted,
    /// by agency: the snapshot neither brings back one a registrar deleted
    /// nor withdraws one a registrar wrote.
    known_by: HashSet<(Uuid, String)>,
    /// Lineage links (predecessor, successor) written, corrected or
    /// deleted: the snapshot leaves them as the registrar left them.
    lineage: HashSet<(Uuid, Uuid)>,
    /// Agencies whose ministry a registrar set or cleared: the snapshot
    /// leaves it so.
    ministries: HashSet<Uuid>,
}

impl ByHand {
    async fn read(conn: &mut PgConnection) -> Result<Self, sqlx::Error> {
        use crate::import::by_hand::changed_through_the_api;
        let known_by = sqlx::query!(
            r#"select (coalesce(after, before) ->> 'agency_id')::uuid as "agency!",
                      case entity when 'agency_identifiers'
                           then (coalesce(after, before) ->> 'scheme') || ' ' || (coalesce(after, before) ->> 'value')
                           else coalesce(after, before) ->> 'alias' end as "key!"
               from changes
               where token_id is not null and entity in ('agency_identifiers', 'agency_aliases')"#
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|row| (row.agency, row.key))
        .collect();
        let lineage = sqlx::query!(
            r#"select (coalesce(after, before) ->> 'predecessor_id')::uuid as "predecessor!",
                      (coalesce(after, before) ->> 'successor_id')::uuid as "successor!"
               from changes
               where token_id is not null and entity = 'agency_lineage'"#
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|row| (row.predecessor, row.successor))
        .collect();
        // Before migration 70 the ministry was a column of the agency's row.
        let ministries = sqlx::query_scalar!(
            r#"select distinct case entity when 'agencies' then entity_id
                                           else (coalesce(after, before) ->> 'agency_id')::uuid end as "agency!"
               from changes
               where token_id is not null
                 and (entity = 'agency_ministries'
                      or (entity = 'agencies'
                          and coalesce(before -> 'ministry_id', 'null')
                              is distinct from coalesce(after -> 'ministry_id', 'null')))"#
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
        Ok(Self {
            agencies: changed_through_the_api(conn, &["agencies", "agency_names"]).await?,
            contact_points: changed_through_the_api(conn, &["contact_points"]).await?,
            known_by,
            lineage,
            ministries,
        })
    }

    /// Whether a registrar wrote or deleted `key` (an identifier's
    /// `scheme value`, or another name) of agency `id`.
    pub(super) fn known_by(&self, id: Uuid, key: &str) -> bool {
        self.known_by.contains(&(id, key.to_owned()))
    }

    pub(super) fn agency(&self, id: Uuid) -> bool {
        self.agencies.contains(&id)
    }

    pub(super) fn contact_point(&self, id: Uuid) -> bool {
        self.contact_points.contains(&id)
    }

    /// The agencies whose record, names or contact points were changed
    /// (with the contact points themselves, which no agency's id is).
    fn agencies_written(&self) -> Vec<Uuid> {
        self.agencies.union(&self.contact_points).copied().collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    Created,
    Updated,
    Unchanged,
}

/// Writes `snapshot`; `progress` is told after each agency.
pub async fn apply(
    conn: &mut PgConnection,
    snapshot: &Snapshot,
    source: &SnapshotSource,
    progress: &dyn Fn(),
) -> Result<Summary, sqlx::Error> {
    let mut summary = Summary {
        skipped: snapshot.skipped.clone(),
        conflicts: snapshot.conflicts.clone(),
        ..Summary::default()
    };
    let source_id = register(conn, source).await?;
    let by_hand = ByHand::read(conn).await?;
    let written = (source, source_id, &by_hand);
    let ids = agencies(conn, snapshot, written, &mut summary, progress).await?;
    answers_to(conn, snapshot, &ids, (source, source_id, &by_hand)).await?;
    lineage(conn, snapshot, &ids, source_id, &by_hand).await?;
    summary.lineage_links += snapshot.links.len();
    let links: Vec<(Uuid, Uuid)> = snapshot
        .links
        .iter()
        .map(|link| (ids[link.predecessor], ids[link.successor]))
        .collect();
    withdraw(conn, source_id, (&ids, &links), &by_hand, &mut summary).await?;
    Ok(summary)
}

/// The snapshot as a source (once); its id.
async fn register(conn: &mut PgConnection, source: &SnapshotSource) -> Result<Uuid, sqlx::Error> {
    sqlx::query!(
        "insert into sources (slug, title, publisher, published_on, url, language, note)
         values ($1, $2, 'Civic Tech Sweden (Myndighetsdata)', $3,
                 'https://github.com/civictechsweden/myndighetsdata', 'sv', $4)
         on conflict (slug) do nothing",
        source.slug,
        source.title,
        source.published_on,
        source.note,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar!("select id from sources where slug = $1", source.slug)
        .fetch_one(&mut *conn)
        .await
}

/// Each agency of the snapshot found or created, and its facts written
/// where they differ (citing `source`, whose id is `source_id`, and leaving
/// what registrars changed `by_hand`); their ids, in the snapshot's order.
async fn agencies(
    conn: &mut PgConnection,
    snapshot: &Snapshot,
    (source, source_id, by_hand): (&SnapshotSource, Uuid, &ByHand),
    summary: &mut Summary,
    progress: &dyn Fn(),
) -> Result<Vec<Uuid>, sqlx::Error> {
    // Agencies that exist claim their plain slugs before those that ended.
    let mut order: Vec<usize> = (0..snapshot.agencies.len()).collect();
    order.sort_by_key(|&i| snapshot.agencies[i].ended_on.is_some());
    let mut ids = vec![Uuid::nil(); snapshot.agencies.len()];
    for i in order {
        let agency = &snapshot.agencies[i];
        let (id, mut outcome) =
            upsert_agency(conn, agency, source_id, by_hand, &mut summary.conflicts).await?;
        ids[i] = id;
        // Identifiers, other names and contact points, where they differ.
        let mut changed = identifiers_and_names(conn, id, agency, source_id, by_hand).await?;
        let cited = (source_id, source.published_on);
        changed |= contacts(conn, id, agency, cited, by_hand, summary).await?;
        if changed && outcome == Outcome::Unchanged {
            outcome = Outcome::Updated;
        }
        match outcome {
            Outcome::Created => summary.created += 1,
            Outcome::Updated => summary.updated += 1,
            Outcome::Unchanged => summary.unchanged += 1,
        }
        progress();
    }
    Ok(ids)
}

/// The ministry each agency answers to on the snapshot's date, unless a
/// registrar set it (`by_hand`): one it answered to until then ends on that
/// date (see the SQL function `answer_to`); and the agency that hosts it.
/// Each cites the snapshot. `ids` are the agencies' ids in the snapshot's order.
async fn answers_to(
    conn: &mut PgConnection,
    snapshot: &Snapshot,
    ids: &[Uuid],
    (source, source_id, by_hand): (&SnapshotSource, Uuid, &ByHand),
) -> Result<(), sqlx::Error> {
    let named = |name: &str| {
        snapshot
            .agencies
            .iter()
            .position(|a| a.name() == name)
            .map(|i| ids[i])
    };
    for (i, agency) in snapshot.agencies.iter().enumerate() {
        let ministry = (agency.ministry.as_deref())
            .and_then(named)
            .filter(|_| !by_hand.ministries.contains(&ids[i]));
        let host = agency
            .host
            .as_deref()
            .and_then(named)
            .filter(|host| *host != ids[i]);
        if let Some(ministry) = ministry {
            sqlx::query_scalar!(
                r#"select answer_to($1, $2, $3, $4) as "changed!""#,
                ids[i],
                ministry,
                source.published_on,
                source_id,
            )
            .fetch_one(&mut *conn)
            .await?;
        }
        sqlx::query!(
            "update agencies set host_agency_id = $2, register_source_id = $3
             where id = $1 and $2::uuid is not null and host_agency_id is distinct from $2",
            ids[i],
            host,
            source_id,
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The snapshot's lineage links, recorded or updated where this source
/// recorded them, except those a registrar wrote, corrected or deleted.
async fn lineage(
    conn: &mut PgConnection,
    snapshot: &Snapshot,
    ids: &[Uuid],
    source_id: Uuid,
    by_hand: &ByHand,
) -> Result<(), sqlx::Error> {
    for link in &snapshot.links {
        if by_hand
            .lineage
            .contains(&(ids[link.predecessor], ids[link.successor]))
        {
            continue;
        }
        sqlx::query!(
            "insert into agency_lineage (predecessor_id, successor_id, kind, effective_on, effective_on_precision, source_id)
             values ($1, $2, $3, partial_date_day($4), partial_date_precision($4), $5)
             on conflict (predecessor_id, successor_id) do update
             set kind = excluded.kind, effective_on = excluded.effective_on,
                 effective_on_precision = excluded.effective_on_precision
             where agency_lineage.source_id = excluded.source_id
               and (agency_lineage.kind, agency_lineage.effective_on, agency_lineage.effective_on_precision)
                   is distinct from (excluded.kind, excluded.effective_on, excluded.effective_on_precision)",
            ids[link.predecessor], ids[link.successor], link.kind.as_str(), link.effective_on as _, source_id,
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
