//! Assignments an earlier reading wrote for items that this reading makes
//! part of another, withdrawn: an amendment whose original the file now
//! has (or that a better reading now joins to it) is a version of that
//! original, not an assignment of its own, so reading a file again leaves
//! what reading it afresh would. Only what the readings wrote goes: an
//! assignment that a transfer, a contact point, a part, a body or a record
//! citing another source refers to, or that was changed through the API,
//! is kept and reported. An item the file no longer has withdraws nothing.

use sqlx::PgConnection;

use super::earlier::Earlier;
use super::Summary;

/// Withdraws the assignments of the items at `joined` (the pages of items
/// this reading joins to another assignment or leaves out), each listed in
/// `summary.withdrawn`; `pages` are all the file's pages, whose records
/// are the readings' own.
pub(super) async fn withdraw(
    conn: &mut PgConnection,
    joined: &[String],
    pages: &[String],
    earlier: &Earlier,
    summary: &mut Summary,
) -> Result<(), sqlx::Error> {
    let stale = sqlx::query!(
        r#"select a.id, a.slug,
                  array_remove(array[
                      case when exists (select from transfer_items t where t.assignment_id = a.id)
                           then 'transfers' end,
                      case when exists (select from contact_points c where c.assignment_id = a.id)
                           then 'contact points' end,
                      case when exists (select from assignments p where p.parent_id = a.id)
                           then 'parts' end,
                      case when exists (select from bodies b where b.coordinated_through = a.id)
                           then 'bodies' end,
                      case when exists (
                               select from (select source_id from holdings where assignment_id = a.id
                                            union all
                                            select source_id from assignment_participations
                                            where assignment_id = a.id
                                            union all
                                            select source_id from assignment_versions
                                            where assignment_id = a.id) own
                               join sources s on s.id = own.source_id
                               where s.url is null or s.url <> all($2))
                           then 'records of other sources' end,
                      case when a.id = any($3) then 'writes through the API' end
                  ], null) as "referred_by!: Vec<String>"
           from assignments a
           join sources s on s.id = a.source_id
           where a.kind <> 'standing' and s.url = any($1)
           order by a.slug"#,
        joined,
        pages,
        &earlier.by_hand(),
    )
    .fetch_all(&mut *conn)
    .await?;
    for assignment in stale {
        if !assignment.referred_by.is_empty() {
            summary.withdrawn.push(format!(
                "assignment '{}': now part of another, kept: {} refer to it",
                assignment.slug,
                assignment.referred_by.join(", ")
            ));
            continue;
        }
        super::delete_facts(conn, assignment.id).await?;
        sqlx::query!("delete from assignments where id = $1", assignment.id)
            .execute(&mut *conn)
            .await?;
        summary.withdrawn.push(format!(
            "assignment '{}': now part of another",
            assignment.slug
        ));
    }
    Ok(())
}
