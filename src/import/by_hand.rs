//! What registrars wrote through the API, which no import may undo: a
//! write through the API names its token in the change log; an import, the
//! example data and the migrations name none.

use std::collections::HashSet;

use sqlx::PgConnection;
use uuid::Uuid;

/// The rows of `tables` changed through the API, by id, with the
/// assignment or agency each belongs to (its `assignment_id`,
/// `agency_id`).
pub(super) async fn changed_through_the_api(
    conn: &mut PgConnection,
    tables: &[&str],
) -> Result<HashSet<Uuid>, sqlx::Error> {
    let ids = sqlx::query_scalar!(
        r#"select distinct owned.id as "id!"
           from changes c,
                lateral (values (c.entity_id),
                                ((coalesce(c.after, c.before) ->> 'assignment_id')::uuid),
                                ((coalesce(c.after, c.before) ->> 'agency_id')::uuid)) owned (id)
           where c.token_id is not null and c.entity = any($1) and owned.id is not null"#,
        tables as &[&str]
    )
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().collect())
}
