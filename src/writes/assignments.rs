//! Writing assignments: create (a part names the assignment it is part of),
//! correct, and delete one created by mistake; and what every write to a
//! part of one starts with (`assignment_to_change`). Its versions are
//! written in [`super::versions`]; who holds it as holdings and transfers.

use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{due_within, id_of, patched, source_id, Named, Resource};
use crate::begin_write;
use crate::domain::{
    AssignmentKind, CountyCode, Jurisdiction, PartialDate, Period, Reference, Slug, Text,
};
use crate::error::ApiError;
use crate::http::body::{nullable, TextInput};
use crate::http::params::Id;
use crate::http::Reply;
use crate::views::assignments::detail::{fetch_assignment, Assignment};
use crate::writes::transaction::{Fetched, Located, WriteRequest, WriteTx};

/// A new assignment, or a part of one (`part_of`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssignment {
    #[schema(example = "nationell-hjalplinje-vald-i-nara-relationer")]
    pub slug: Slug,
    /// `standing` (the default); `government_assignment`, a decision of
    /// the government, reported by a date; or `amendment`, of one that is
    /// not in the registry.
    #[schema(nullable = false)]
    pub kind: Option<AssignmentKind>,
    pub title: TextInput,
    pub scope: Option<TextInput>,
    /// When this title and scope apply from; unknown if left out.
    pub valid_from: Option<PartialDate>,
    /// When the final report is due, where a date is set.
    #[schema(example = "2027-03-31")]
    pub due_on: Option<PartialDate>,
    pub jurisdiction: Jurisdiction,
    /// Required for a county assignment, refused for a national one.
    pub county_code: Option<CountyCode>,
    /// The assignment this is a part of (UUID or slug).
    #[schema(example = "nationellt-samordningsuppdrag-prostitution-manniskohandel")]
    pub part_of: Option<Reference>,
    pub legal_basis: Option<Text>,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Changes to an assignment (JSON merge patch).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentPatch {
    #[schema(nullable = false)]
    pub jurisdiction: Option<Jurisdiction>,
    #[serde(default, deserialize_with = "nullable")]
    pub county_code: Option<Option<CountyCode>>,
    #[serde(default, deserialize_with = "nullable")]
    pub part_of: Option<Option<Reference>>,
    #[serde(default, deserialize_with = "nullable")]
    pub legal_basis: Option<Option<Text>>,
    #[schema(nullable = false)]
    pub source: Option<Reference>,
}

/// Refuses a parent that is the assignment itself or one of its parts.
async fn parent_fits(conn: &mut PgConnection, id: Uuid, parent: Uuid) -> Result<(), ApiError> {
    let cycle = sqlx::query_scalar!(
        r#"
        with recursive below(id) as (
            select $1::uuid
            union
            select a.id from assignments a join below b on a.parent_id = b.id
        )
        select exists (select 1 from below where id = $2) as "cycle!"
        "#,
        id,
        parent,
    )
    .fetch_one(conn)
    .await?;
    if cycle {
        Err(ApiError::invalid_field(
            "part_of",
            "an assignment cannot be a part of itself or of one of its parts",
        ))
    } else {
        Ok(())
    }
}

/// Create an assignment
///
/// With `part_of`, a part of another assignment: parts move with their
/// assignment in a transfer unless the transfer says otherwise. Record who
/// holds it with `POST /v1/holdings`.
#[utoipa::path(
    post, path = "/v1/assignments",
    request_body(content = NewAssignment, example = json!({
        "slug": "nationell-kunskapsbank",
        "title": {"sv": "Nationell kunskapsbank", "en": "National knowledge bank"},
        "valid_from": "2027-01-01",
        "due_on": "2028-03-31",
        "jurisdiction": "national",
        "part_of": "nationellt-samordningsuppdrag-prostitution-manniskohandel",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Created; `Location` names it. The assignment as it is today, or on `valid_from` where that is later"),
        (status = 409, description = "The slug is taken"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_assignment(write: WriteRequest) -> Reply {
    let input: NewAssignment = write.body()?;
    let county_code = input.county_code.map(CountyCode::as_str);
    input
        .jurisdiction
        .check_county(county_code)
        .map_err(|error| ApiError::invalid_field("county_code", error))?;
    due_within(input.due_on.as_ref(), input.valid_from.as_ref())?;
    let kind = input.kind.unwrap_or(AssignmentKind::Standing);
    let mut tx = begin_write!(write);
    tx.as_registrar("create assignments")?;
    let parent = match &input.part_of {
        Some(parent) => Some(
            id_of(
                tx.conn(),
                Resource::Assignment,
                parent,
                Named::Field("part_of"),
            )
            .await?,
        ),
        None => None,
    };
    let source = source_id(tx.conn(), &input.source).await?;
    let id = sqlx::query_scalar!(
        "insert into assignments (slug, kind, parent_id, jurisdiction, county_code, legal_basis, source_id)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        input.slug.as_str(), kind.as_str(), parent, input.jurisdiction.as_str(), county_code,
        input.legal_basis.as_deref(), source,
    )
    .fetch_one(tx.conn())
    .await?;
    let period = Period::new(input.valid_from, None);
    let due = input.due_on.as_ref();
    insert_version(
        tx.conn(),
        id,
        &input.title,
        input.scope.as_ref(),
        &period,
        due,
        source,
    )
    .await?;
    tx.show_from(&period);
    tx.created(id, assignment).await
}

/// Records a title and scope of `assignment` over `period`, with the final
/// report's `due` date.
pub(super) async fn insert_version(
    conn: &mut PgConnection,
    assignment: Uuid,
    title: &TextInput,
    scope: Option<&TextInput>,
    period: &Period,
    due: Option<&PartialDate>,
    source: Uuid,
) -> Result<(), ApiError> {
    let (title_sv, title_en) = title.columns();
    let (scope_sv, scope_en) = scope.map(TextInput::columns).unzip();
    sqlx::query!(
        "insert into assignment_versions (assignment_id, title_sv, title_en, scope_sv, scope_en,
                                          valid_from, valid_from_precision, valid_to, valid_to_precision,
                                          due_on, due_on_precision, source_id)
         values ($1, $2, $3, $4, $5, partial_date_day($6), partial_date_precision($6),
                 partial_date_day($7), partial_date_precision($7),
                 partial_date_day($8), partial_date_precision($8), $9)",
        assignment, title_sv, title_en, scope_sv, scope_en.flatten(),
        period.valid_from as _, period.valid_to as _, due as _, source,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Correct an assignment
///
/// A JSON merge patch; `If-Match` takes the ETag of `GET /v1/assignments/{id}` without `at`.
#[utoipa::path(
    patch, path = "/v1/assignments/{id}",
    request_body(content = AssignmentPatch, example = json!({"legal_basis": "Förordning (2017:937)"})),
    responses()
)]
#[tracing::instrument(skip_all)]
pub async fn update_assignment(write: WriteRequest, Id(reference): Id) -> Reply {
    let patch: AssignmentPatch = write.body()?;
    let mut tx = begin_write!(write);
    tx.as_registrar("change assignments")?;
    let id = id_of(tx.conn(), Resource::Assignment, &reference, Named::Path).await?;
    let current = tx.current(id, assignment).await?;
    let jurisdiction = patch.jurisdiction.unwrap_or(current.jurisdiction);
    let county_code = match patch.county_code {
        None => current.county.map(|county| county.code),
        Some(code) => code.map(|code| code.as_str().to_owned()),
    };
    jurisdiction
        .check_county(county_code.as_deref())
        .map_err(|error| ApiError::invalid_field("county_code", error))?;
    let parent = match patch.part_of {
        None => current.part_of.map(|parent| parent.id),
        Some(None) => None,
        Some(Some(parent)) => {
            let parent = id_of(
                tx.conn(),
                Resource::Assignment,
                &parent,
                Named::Field("part_of"),
            )
            .await?;
            parent_fits(tx.conn(), id, parent).await?;
            Some(parent)
        }
    };
    let legal_basis = patched(
        current.legal_basis,
        patch.legal_basis.map(|basis| basis.map(Text::into_string)),
    );
    let source = tx
        .source_or(patch.source.as_ref(), current.source.id)
        .await?;
    sqlx::query!(
        "update assignments set parent_id = $2, jurisdiction = $3, county_code = $4, legal_basis = $5, source_id = $6
         where id = $1",
        id, parent, jurisdiction.as_str(), county_code, legal_basis, source,
    )
    .execute(tx.conn())
    .await?;
    tx.changed(id, assignment).await
}

/// Delete an assignment created by mistake
///
/// Only one that nothing refers to (no holdings, transfers, parts, contact
/// points or bodies). The change log keeps what was deleted.
#[utoipa::path(
    delete, path = "/v1/assignments/{id}",
    responses(
        (status = 409, description = "Other records refer to it (`/problems/in-use`)"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn delete_assignment(write: WriteRequest, Id(reference): Id) -> Reply {
    let mut tx = begin_write!(write);
    tx.as_registrar("delete assignments")?;
    let id = id_of(tx.conn(), Resource::Assignment, &reference, Named::Path).await?;
    tx.current(id, assignment).await?;
    sqlx::query!("delete from assignments where id = $1", id)
        .execute(tx.conn())
        .await?;
    tx.deleted().await
}

/// The assignment `reference` names, for a write to one of its parts
/// (versions, reports, case numbers, who takes part): once the token may
/// make it (a registrar's; `what` says what, for the 403) and `If-Match`
/// (when sent) names the assignment as it is now. Its id.
pub(super) async fn assignment_to_change(
    tx: &mut WriteTx,
    reference: &Reference,
    what: &str,
) -> Result<Uuid, ApiError> {
    tx.as_registrar(what)?;
    let id = id_of(tx.conn(), Resource::Assignment, reference, Named::Path).await?;
    tx.current_of(&format!("/v1/assignments/{reference}"), id, assignment)
        .await?;
    Ok(id)
}

/// An assignment as its writes check `If-Match` against and answer with it.
pub(super) fn assignment(
    conn: &mut PgConnection,
    id: Uuid,
    day: NaiveDate,
) -> Fetched<'_, Assignment> {
    Box::pin(async move { fetch_assignment(conn, &Reference::Id(id), day).await })
}

impl Located for Assignment {
    fn location(&self) -> String {
        format!("/v1/assignments/{}", self.slug)
    }
}
