//! Which record of the registry a merged agency is.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::import::myndighetsdata::clean;
use crate::import::myndighetsdata::snapshot::Agency;

/// The agency the registry already has for `agency`: by its own number, by
/// an identifier this import gave it, or by its name where exactly one
/// agency without a number has it: as cleaned, else as a register spells it
/// (an older import kept `Sveriges ambassad  Zagreb` with two spaces).
pub(super) async fn find(
    conn: &mut PgConnection,
    agency: &Agency,
    source_id: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    let number = agency.organisation_number.as_ref().map(|n| n.as_str());
    let identifier = |wanted: &str| {
        agency
            .identifiers
            .iter()
            .find(|(scheme, _)| *scheme == wanted)
            .map(|(_, v)| v.as_str())
    };
    for spelling in spellings(agency) {
        let existing = sqlx::query_scalar!(
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
            number, identifier("wikidata"), identifier("esv"), source_id, spelling,
        )
        .fetch_optional(&mut *conn)
        .await?;
        if existing.is_some() {
            return Ok(existing);
        }
    }
    Ok(None)
}

/// The agency's name as cleaned, then each other way a register spells it
/// that cleans to the same name.
fn spellings(agency: &Agency) -> Vec<String> {
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
    spellings
}
