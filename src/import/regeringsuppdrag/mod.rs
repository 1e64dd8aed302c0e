//! The government's assignments (regeringsuppdrag) as regeringen.se
//! publishes them: read ([`files`]), each item's words understood
//! ([`text`], [`extract`], its deadlines [`due`]), its recipients found
//! among the agencies on its date ([`resolve`]), amendments joined to what
//! they amend ([`plan`]), written ([`apply`]).

pub mod apply;
pub mod due;
pub mod extract;
pub mod files;
pub mod plan;
pub mod resolve;
pub mod text;

use std::collections::{HashMap, HashSet};

use sqlx::PgConnection;

use crate::domain::AgencyKind;
use resolve::{Agency, Directory};

/// Every agency and each of its names, dated where they are, as recorded,
/// and every spelling `matchlist` gives of a name (`rikspolisstyrelsen` is
/// Polismyndigheten).
pub async fn directory(
    conn: &mut PgConnection,
    matchlist: &[(String, String)],
) -> Result<Directory, sqlx::Error> {
    let agencies = sqlx::query!(
        r#"select id, started_on, ended_on, kind as "kind: AgencyKind" from agencies"#
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut directory = Directory::new(
        agencies
            .into_iter()
            .map(|a| Agency {
                id: a.id,
                started_on: a.started_on,
                ended_on: a.ended_on,
                kind: a.kind,
            })
            .collect(),
    );
    let names =
        sqlx::query!("select agency_id, name_sv, name_en, valid_from, valid_to from agency_names")
            .fetch_all(&mut *conn)
            .await?;
    for name in names {
        let during = Some((name.valid_from, name.valid_to));
        directory.add_name(&name.name_sv, name.agency_id, during);
        // Texts also write a county board by its county alone:
        // "Länsstyrelsen i Stockholm" for Länsstyrelsen i Stockholms län.
        if let Some(county) = name
            .name_sv
            .strip_prefix("Länsstyrelsen i ")
            .and_then(|rest| rest.strip_suffix(" län"))
        {
            let short = county.strip_suffix('s').unwrap_or(county);
            directory.add_name(&format!("Länsstyrelsen i {short}"), name.agency_id, during);
        }
        if let Some(english) = name.name_en {
            directory.add_name(&english, name.agency_id, None);
        }
    }
    let aliases = sqlx::query!("select agency_id, alias from agency_aliases")
        .fetch_all(&mut *conn)
        .await?;
    for alias in aliases {
        directory.add_name(&alias.alias, alias.agency_id, None);
    }
    for (spelling, official) in matchlist {
        directory.add_spelling(spelling, official);
    }
    Ok(directory)
}

/// The slugs of assignments no import of these items made (taken), and
/// the slugs earlier imports gave each page (kept).
pub async fn slugs(
    conn: &mut PgConnection,
) -> Result<(HashSet<String>, HashMap<String, String>), sqlx::Error> {
    let rows = sqlx::query!(
        r#"select a.slug, case when a.kind <> 'standing' then s.url end as url
           from assignments a join sources s on s.id = a.source_id"#
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut taken = HashSet::new();
    let mut existing = HashMap::new();
    for row in rows {
        match row
            .url
            .as_deref()
            .and_then(|url| url.strip_prefix("https://www.regeringen.se"))
        {
            Some(page) => {
                existing.insert(page.to_owned(), row.slug);
            }
            None => {
                taken.insert(row.slug);
            }
        }
    }
    Ok((taken, existing))
}
