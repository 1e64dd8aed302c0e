//! Each item's page, registered as a source: what an assignment read from
//! it, and each of its versions, cite.

use std::collections::HashMap;

use sqlx::PgConnection;
use uuid::Uuid;

use crate::import::regeringsuppdrag::files::Item;
use crate::import::regeringsuppdrag::plan::Plan;
use crate::import::regeringsuppdrag::text;

/// Registers each item's page as a source; their ids by item.
pub(super) async fn sources(
    conn: &mut PgConnection,
    plan: &Plan,
    items: &[Item],
) -> Result<HashMap<usize, Uuid>, sqlx::Error> {
    let mut ids = HashMap::new();
    let mut cited: Vec<(usize, &str)> = Vec::new();
    for planned in &plan.assignments {
        cited.push((planned.item, &planned.slug));
        for change in &planned.changes {
            cited.push((change.item, &planned.slug));
        }
    }
    // The pages registered already, in one query.
    let urls: Vec<String> = cited.iter().map(|(at, _)| items[*at].url()).collect();
    let registered: HashMap<String, Uuid> = sqlx::query!(
        r#"select url as "url!", id from sources where url = any($1)"#,
        &urls
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| (row.url, row.id))
    .collect();
    for (at, slug) in cited {
        let item = &items[at];
        let url = item.url();
        let id = match registered.get(&url) {
            Some(id) => *id,
            None => {
                let base = source_slug(item, slug);
                let mut id = None;
                for candidate in
                    std::iter::once(base.clone()).chain((2..100).map(|n| format!("{base}-{n}")))
                {
                    id = sqlx::query_scalar!(
                        "insert into sources (slug, title, publisher, published_on, url, language, note)
                         values ($1, $2, 'Regeringen (regeringen.se)', $3, $4, 'sv',
                                 'regeringen.se, via g0vse (Civic Tech Sweden). Published in ' || $5 || '; the day is not given.')
                         on conflict (slug) do nothing
                         returning id",
                        candidate,
                        text::split_title(&item.title).0,
                        item.published().first_day(),
                        url,
                        item.published().to_string(),
                    )
                    .fetch_optional(&mut *conn)
                    .await?;
                    if id.is_some() {
                        break;
                    }
                }
                id.expect("a free slug among a hundred")
            }
        };
        ids.insert(at, id);
    }
    Ok(ids)
}

/// `regeringen-2018-01-<the assignment's slug>`, at most 96 characters (a
/// slug may have 100, and a taken one gets a number).
fn source_slug(item: &Item, assignment_slug: &str) -> String {
    let mut slug = format!(
        "regeringen-{:04}-{:02}-{assignment_slug}",
        item.year, item.month
    );
    if slug.len() > 96 {
        slug.truncate(96);
        slug = slug.trim_end_matches('-').to_owned();
    }
    slug
}
