//! What an earlier reading of the same snapshot wrote and this reading no
//! longer gives, withdrawn: a cleaning has improved since (SFS's
//! "Skatteför- valtningen", a word broken at a line's end, is
//! Skatteförvaltningen, not an agency of its own), so reading a snapshot
//! again leaves what reading it afresh would. Only the snapshot's own
//! records go: an agency that anything else refers to (a holding, a
//! transfer, a token, another source's contact point) or that a registrar
//! changed through the API is kept and reported. A newer snapshot
//! withdraws nothing of an older one's: an agency that the registers no
//! longer list has not ceased to have existed.

use sqlx::PgConnection;
use uuid::Uuid;

use super::{ByHand, Summary};

/// Withdraws this source's lineage links between agencies other than
/// `links` and than those a registrar linked or unlinked, then its
/// agencies other than `agencies` that nothing else refers to and no
/// registrar changed (`by_hand`); each is listed in `summary.withdrawn`.
pub(super) async fn withdraw(
    conn: &mut PgConnection,
    source_id: Uuid,
    (agencies, links): (&[Uuid], &[(Uuid, Uuid)]),
    by_hand: &ByHand,
    summary: &mut Summary,
) -> Result<(), sqlx::Error> {
    let (predecessors, successors): (Vec<Uuid>, Vec<Uuid>) =
        links.iter().chain(&by_hand.lineage).copied().unzip();
    let gone = sqlx::query!(
        r#"delete from agency_lineage l
           using agencies p, agencies s
           where l.source_id = $1 and p.id = l.predecessor_id and s.id = l.successor_id
             and (l.predecessor_id, l.successor_id) not in
                 (select * from unnest($2::uuid[], $3::uuid[]))
           returning p.slug as predecessor, s.slug as successor, l.kind"#,
        source_id,
        &predecessors,
        &successors,
    )
    .fetch_all(&mut *conn)
    .await?;
    for link in gone {
        summary.withdrawn.push(format!(
            "lineage '{}' {} '{}': no longer in the snapshot",
            link.predecessor, link.kind, link.successor
        ));
    }

    let stale = sqlx::query!(
        r#"select a.id, a.slug,
                  array_remove(array[
                      case when exists (select from holdings h where h.agency_id = a.id)
                           then 'holdings' end,
                      case when exists (select from transfers t
                                        where a.id in (t.from_agency_id, t.to_agency_id))
                           then 'transfers' end,
                      case when exists (select from participations p where p.agency_id = a.id)
                           then 'participations' end,
                      case when exists (select from assignment_participations p
                                        where p.agency_id = a.id)
                           then 'assignments it takes part in' end,
                      case when exists (select from agency_lineage l
                                        where a.id in (l.predecessor_id, l.successor_id))
                           then 'lineage' end,
                      case when exists (select from contact_points c
                                        where c.agency_id = a.id and c.source_id <> $1)
                           then 'contact points of other sources' end,
                      case when exists (select from agency_ministries l where l.ministry_id = a.id)
                                or exists (select from agencies o where o.host_agency_id = a.id)
                           then 'agencies that answer to it' end,
                      case when exists (select from api_token_agencies t where t.agency_id = a.id)
                           then 'tokens' end,
                      case when a.id = any($3) then 'writes through the API' end
                  ], null) as "referred_by!: Vec<String>"
           from agencies a
           where a.source_id = $1 and a.id <> all($2)
           order by a.slug"#,
        source_id,
        agencies,
        &by_hand.agencies_written(),
    )
    .fetch_all(&mut *conn)
    .await?;
    for agency in stale {
        if !agency.referred_by.is_empty() {
            summary.withdrawn.push(format!(
                "agency '{}': no longer in the snapshot, kept: {} refer to it",
                agency.slug,
                agency.referred_by.join(", ")
            ));
            continue;
        }
        sqlx::query!("delete from contact_points where agency_id = $1", agency.id)
            .execute(&mut *conn)
            .await?;
        // Its names, other names and identifiers go with it.
        sqlx::query!("delete from agencies where id = $1", agency.id)
            .execute(&mut *conn)
            .await?;
        summary.withdrawn.push(format!(
            "agency '{}': no longer in the snapshot",
            agency.slug
        ));
    }
    Ok(())
}
