//! Writes under `/v1`: one module per resource; the route table sends
//! requests to them. They answer with the read models of `crate::views`.
//! Every handler follows the same steps: authenticate ([`crate::http::auth::Writer`]),
//! parse the body ([`crate::http::body`]), begin the serialised write ([`transaction`]),
//! check `If-Match` against the current representation, write, and answer
//! the new representation. The change log records every row it touched
//! (see the migration `tokens_changes_and_history`).

pub mod agencies;
pub mod agency_identifiers;
pub mod agency_ministries;
pub mod agency_names;
pub mod assignment_participants;
pub mod assignments;
pub mod case_numbers;
pub mod contacts;
pub mod holdings;
pub mod idempotency;
pub mod lineage;
pub mod participations;
pub mod reports;
pub mod sources;
pub mod transaction;
pub mod transfers;
pub mod versions;

use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::{today_in_stockholm, PartialDate, Period, Reference};
use crate::error::ApiError;
use crate::http::body::TextInput;
use crate::views;
use crate::views::shared::{AgencyRef, AssignmentRef, LocalizedText};
use crate::views::suggestions::{suggestions, Suggestion};

/// What a reference points at, for the error when it points at nothing: a
/// path `{id}` (404) or a body field (400 naming it).
#[derive(Clone, Copy)]
pub enum Named<'a> {
    Path,
    Field(&'a str),
}

impl Named<'_> {
    /// The refusal: 404 for a path, 400 naming a field (with the slug it
    /// may have `meant`, where the registry can tell).
    fn missing(self, what: &str, reference: &Reference, meant: Option<&str>) -> ApiError {
        match (self, meant) {
            (Named::Path, _) => ApiError::NotFound(format!("There is no {what} '{reference}'.")),
            (Named::Field(field), None) => {
                ApiError::invalid_field(field, format!("there is no {what} '{reference}'"))
            }
            (Named::Field(field), Some(meant)) => ApiError::invalid_field(
                field,
                format!("there is no {what} '{reference}'; did you mean '{meant}'?"),
            ),
        }
    }
}

/// The resources a write names by UUID or slug.
#[derive(Clone, Copy, Debug)]
pub enum Resource {
    Agency,
    Assignment,
    Body,
    Source,
    Transfer,
}

impl Resource {
    fn noun(self) -> &'static str {
        match self {
            Resource::Agency => "agency",
            Resource::Assignment => "assignment",
            Resource::Body => "body",
            Resource::Source => "source",
            Resource::Transfer => "transfer",
        }
    }

    /// The lookup, by the SQL function that finds the rows a reference
    /// names (see the migration `named_by_reference`).
    fn lookup(self) -> &'static str {
        match self {
            Resource::Agency => "select id from agency_named($1)",
            Resource::Assignment => "select id from assignment_named($1)",
            Resource::Body => "select id from body_named($1)",
            Resource::Source => "select id from source_named($1)",
            Resource::Transfer => "select id from transfer_named($1)",
        }
    }
}

/// The id of the `resource` a reference names: 404 when a path names
/// nothing (with suggestions for an agency or an assignment), 400 naming
/// the field when a body field does.
pub async fn id_of(
    conn: &mut PgConnection,
    resource: Resource,
    reference: &Reference,
    named: Named<'_>,
) -> Result<Uuid, ApiError> {
    let id = sqlx::query_scalar(resource.lookup())
        .bind(reference)
        .fetch_optional(&mut *conn)
        .await?;
    // A path or a field that names no agency or assignment is answered as
    // a read answers it: with the ones whose names are like its slug.
    let meant = match (id, named, resource) {
        (Some(id), _, _) => return Ok(id),
        (None, Named::Path, Resource::Agency) => {
            return Err(views::agencies::unknown(conn, reference, today()).await)
        }
        (None, Named::Path, Resource::Assignment) => {
            return Err(views::assignments::unknown(conn, reference, today()).await)
        }
        (None, Named::Field(_), Resource::Agency) => {
            first_suggestion::<AgencyRef>(conn, reference).await
        }
        (None, Named::Field(_), Resource::Assignment) => {
            first_suggestion::<AssignmentRef>(conn, reference).await
        }
        (None, _, _) => Ok(None),
    };
    // Where the suggestions could not be found, the refusal stands without.
    let meant = meant.unwrap_or_else(|error| {
        tracing::warn!(%error, "no suggestion for a field that names nothing");
        None
    });
    Err(named.missing(resource.noun(), reference, meant.as_deref()))
}

/// The slug a reference that names nothing may have meant: the first of
/// its suggestions, names as today.
async fn first_suggestion<T: Suggestion>(
    conn: &mut PgConnection,
    reference: &Reference,
) -> Result<Option<String>, ApiError> {
    let found = suggestions::<T>(conn, reference, today()).await?;
    Ok(found.first().map(|meant| meant.named().0.to_owned()))
}

pub async fn source_id(conn: &mut PgConnection, reference: &Reference) -> Result<Uuid, ApiError> {
    id_of(conn, Resource::Source, reference, Named::Field("source")).await
}

/// The date representations are compared on for `If-Match`: today, as a
/// GET without `at` shows them.
pub fn today() -> chrono::NaiveDate {
    today_in_stockholm()
}

/// A fact that changes from a date on: an agency's name, an assignment's
/// title and scope.
#[derive(Clone, Copy, Debug)]
pub enum Dated {
    AgencyName,
    AssignmentVersion,
}

impl Dated {
    /// Its table, and the column naming its owner.
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Dated::AgencyName => ("agency_names", "agency_id"),
            Dated::AssignmentVersion => ("assignment_versions", "assignment_id"),
        }
    }

    /// What it is, and what it is of.
    fn nouns(self) -> (&'static str, &'static str) {
        match self {
            Dated::AgencyName => ("name", "agency"),
            Dated::AssignmentVersion => ("version", "assignment"),
        }
    }
}

/// Deletes the name or version `id`, recorded by mistake: the one before
/// it runs on in its place, to where it ended. Refused with 409 (and
/// nothing deleted) for the first, which its owner begins with: correct
/// that one instead.
pub async fn close_up(conn: &mut PgConnection, dated: Dated, id: Uuid) -> Result<(), ApiError> {
    let (table, owner_column) = dated.table();
    let state = sqlx::query_scalar!(
        r#"select close_up_after($1::text::regclass, $2, $3) as "state!""#,
        table,
        owner_column,
        id,
    )
    .fetch_one(conn)
    .await?;
    if state == "first" {
        let (noun, owner) = dated.nouns();
        return Err(ApiError::conflict(
            "conflict",
            format!(
                "The {owner} begins with this {noun}: correct it (PATCH) instead of deleting it."
            ),
        ));
    }
    Ok(())
}

/// Makes room for a name or version of `owner` that starts on `from`: the
/// one in force then ends there, and the new one runs until the next one
/// recorded (its start is returned, or none). Refused with 409 when one
/// already starts on that day: correct that one instead.
pub async fn make_room(
    conn: &mut PgConnection,
    dated: Dated,
    owner: Uuid,
    from: &PartialDate,
) -> Result<Option<PartialDate>, ApiError> {
    let (table, owner_column) = dated.table();
    let (noun, _) = dated.nouns();
    let room = sqlx::query!(
        r#"select state as "state!", partial_date_text(valid_to, valid_to_precision) as "valid_to: PartialDate"
           from make_room_from($1::text::regclass, $2, $3, partial_date_day($4), partial_date_precision($4))"#,
        table,
        owner_column,
        owner,
        from as _,
    )
    .fetch_one(conn)
    .await?;
    if room.state == "taken" {
        return Err(ApiError::conflict(
            "conflict",
            format!(
                "valid_from: a {noun} already starts on {from}; correct it instead of adding one"
            ),
        ));
    }
    Ok(room.valid_to)
}

/// The period of a write (`valid_from`, `valid_to`), refused (400 naming
/// `valid_to`) when it ends before it starts.
pub fn valid(period: Period) -> Result<Period, ApiError> {
    period
        .check()
        .map_err(|error| ApiError::invalid_field("valid_to", error))?;
    Ok(period)
}

/// Refuses (400 naming `due_on`) a report due before `from`, when the
/// version or assignment that asks for it takes effect.
pub fn due_within(due: Option<&PartialDate>, from: Option<&PartialDate>) -> Result<(), ApiError> {
    match (due, from) {
        (Some(due), Some(from)) if due.ends_before(from) => Err(ApiError::invalid_field(
            "due_on",
            format!("is before {from}, when what asks for the report takes effect"),
        )),
        _ => Ok(()),
    }
}

/// A text field after a JSON merge patch, as its Swedish and English
/// columns: absent keeps `current`, null clears it.
pub fn patched_text(
    current: Option<LocalizedText>,
    patch: Option<Option<TextInput>>,
) -> (Option<String>, Option<String>) {
    let (sv, en) = match patch {
        None => current.map(|text| (text.sv, text.en)).unzip(),
        Some(text) => text.map(TextInput::into_columns).unzip(),
    };
    (sv, en.flatten())
}

/// Applies a merge-patch field: absent keeps `current`, null clears it.
pub fn patched<T>(current: Option<T>, patch: Option<Option<T>>) -> Option<T> {
    match patch {
        None => current,
        Some(value) => value,
    }
}
