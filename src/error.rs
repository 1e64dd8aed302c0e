//! One error type for the whole API, so that handlers, read models and
//! writes all use a bare `?`. What a client sees of it (an RFC 9457 problem
//! document, its status and headers) is decided in [`crate::http::problem`].

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{name}: {reason}")]
    InvalidParameter { name: String, reason: String },
    #[error("{0}")]
    NotFound(String),
    /// No agency or assignment has the slug asked for: `detail` for a
    /// person, `members` (`suggestions`: those whose names are like it)
    /// for a client to offer instead.
    #[error("{detail}")]
    NotFoundSuggesting {
        detail: String,
        members: serde_json::Map<String, serde_json::Value>,
    },
    /// Nobody holds the assignment on the date asked about: `detail` for
    /// a person, `members` (the problem document's own members) for a
    /// client.
    #[error("{detail}")]
    NoHolder {
        detail: String,
        members: serde_json::Map<String, serde_json::Value>,
    },
    /// A request body field that was not accepted.
    #[error("{name}: {reason}")]
    InvalidField { name: String, reason: String },
    #[error("{0}")]
    MalformedBody(String),
    #[error("the request body is larger than {0} bytes")]
    BodyTooLarge(usize),
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The request's `?format=` or `Accept` (`asked`, as it says which)
    /// admits nothing the path produces.
    #[error("This path answers {produced}; the request's {asked} admits none of it.")]
    NotAcceptable { asked: String, produced: String },
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    /// Too many failed authentications from this address.
    #[error("Too many failed authentications from this address; retry in {retry_after} s.")]
    TooManyRequests { retry_after: u64 },
    /// The write contradicts what is recorded (`kind` is the problem type's
    /// last segment: conflict, not-held, overlap, in-use, slug-taken).
    #[error("{detail}")]
    Conflict { kind: &'static str, detail: String },
    #[error("{0}")]
    PreconditionFailed(String),
    #[error("{0}")]
    IdempotencyKeyReused(String),
    /// A value the database cannot hold (a bug: validation should have
    /// caught it first).
    #[error("A value in the request is outside the range the registry can store.")]
    OutOfRange,
    #[error("the database is not reachable")]
    Unavailable(#[source] sqlx::Error),
    /// The database is known to be out of reach (see
    /// [`crate::http::breaker`]): refused without trying it.
    #[error("The database is out of reach; please retry in a moment.")]
    DatabaseDown,
    /// The database cancelled the statement at its time limit (reads as
    /// known at a moment have one: see [`crate::db::Reader`]). A 503 the
    /// client may retry; not a sign that the database is down.
    #[error("Answering this took longer than the registry allows; please retry in a moment, or ask for less.")]
    TooSlow,
    #[error(transparent)]
    Database(sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ApiError {
    /// A database that cannot be reached is a 503 the client may retry;
    /// any other database error is a bug (500).
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                ApiError::Unavailable(error)
            }
            ref cancelled if is_cancelled(cancelled) => ApiError::TooSlow,
            sqlx::Error::Database(ref database) => {
                constraint_violation(database.as_ref()).unwrap_or(ApiError::Database(error))
            }
            other => ApiError::Database(other),
        }
    }
}

/// Whether the database cancelled the statement at its time limit
/// (`query_canceled`).
pub fn is_cancelled(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(database) if database.code().as_deref() == Some("57014"))
}

/// A write the schema refused: a 4xx in the API's terms (the field of the
/// request it concerns, what is wrong with it), not a 500. The handlers
/// check what they can first; this is the last line. The database's own
/// words (its message, the constraint, the key) go to the log, never to the
/// client.
fn constraint_violation(error: &dyn sqlx::error::DatabaseError) -> Option<ApiError> {
    let postgres = error.try_downcast_ref::<sqlx::postgres::PgDatabaseError>()?;
    let code = postgres.code();
    let constraint = postgres.constraint().unwrap_or_default();
    let refusal = match code {
        "23505" if constraint.ends_with("slug_key") => ApiError::conflict(
            "slug-taken",
            "slug: another record already has this slug; choose another",
        ),
        "23505" if constraint == "agencies_organisation_number_key" => ApiError::conflict(
            "conflict",
            "organisation_number: another agency already has this organisation number",
        ),
        "23505" if constraint == "agency_identifiers_one_each" => {
            ApiError::conflict("conflict", "value: the agency already has this identifier")
        }
        "23505" if constraint == "agency_aliases_one_each" => {
            ApiError::conflict("conflict", "name: the agency already has this other name")
        }
        "23505" if constraint == "agency_lineage_one_each" => ApiError::conflict(
            "conflict",
            "successor: the two agencies are linked already; correct that link instead",
        ),
        "23505" if constraint == "assignment_identifiers_one_each" => ApiError::conflict(
            "conflict",
            "value: the assignment is already filed under this case number",
        ),
        "23505" if constraint == "assignment_reports_one_each" => ApiError::conflict(
            "conflict",
            "due_on: the assignment already asks for an interim report due then",
        ),
        "23P01" => ApiError::conflict("overlap", overlap(constraint)),
        "23503" => ApiError::conflict(
            "in-use",
            "Other records refer to this one, so it cannot be deleted; set an end date instead.",
        ),
        "23514" => {
            let (field, reason) = check(constraint);
            ApiError::invalid_field(field, reason)
        }
        "23502" => ApiError::invalid_field("body", "a required value is missing"),
        // Raised by the registry's own checks, in the API's terms: a fact
        // outside a lifetime; a lead that would also take part.
        "RG001" => ApiError::conflict("outside-lifetime", postgres.message()),
        "RG002" => ApiError::conflict("overlap", postgres.message()),
        code if code.starts_with("22") => ApiError::OutOfRange,
        _ => return None,
    };
    tracing::info!(
        sqlstate = code,
        constraint,
        message = postgres.message(),
        detail = postgres.detail().unwrap_or_default(),
        "the database refused a write"
    );
    Some(refusal)
}

/// What two rows of a fact that may not overlap in time would mean.
fn overlap(constraint: &str) -> &'static str {
    match constraint {
        "holdings_one_holder_at_a_time" => {
            "The assignment would have two holders at once; end the current holding first."
        }
        "agency_names_one_name_at_a_time" => "valid_from: the agency would have two names at once.",
        "agency_ministries_one_at_a_time" => {
            "valid_from: the agency would answer to two ministries at once."
        }
        "assignment_versions_one_version_at_a_time" => {
            "valid_from: the assignment would have two titles at once."
        }
        "assignment_participations_once_at_a_time" => {
            "The agency would take part in the assignment twice over the same days; end its part first."
        }
        _ => "Two records would hold over the same days.",
    }
}

/// The request field a check constraint is about, and what it requires.
fn check(constraint: &str) -> (&'static str, &'static str) {
    match constraint {
        "agencies_ends_after_start" => ("ended_on", "must be after started_on"),
        "agency_ministries_not_its_own" => ("ministry", "must be another agency than this one"),
        "agencies_county_board_has_county" | "assignments_county_jurisdiction_has_county" => {
            ("county_code", "does not fit the kind or jurisdiction")
        }
        "assignments_not_part_of_itself" => ("part_of", "must be another assignment"),
        "contact_points_bound_to_one_owner" => {
            ("agency", "give exactly one of agency and assignment")
        }
        "participations_agency_or_function" => {
            ("agency", "give exactly one of agency and function")
        }
        "agency_lineage_not_itself" => ("successor", "must be another agency than the predecessor"),
        "transfers_between_two_agencies" => ("to", "must be another agency than `from`"),
        c if c.ends_with("_period_order") => ("valid_to", "must be after valid_from"),
        c if c.ends_with("_slug_format") => ("slug", "is not a slug"),
        c if c.ends_with("_not_blank") => ("body", "a text must not be blank"),
        _ => ("body", "a value is not accepted"),
    }
}

impl ApiError {
    pub fn invalid_field(name: &str, reason: impl ToString) -> Self {
        ApiError::InvalidField {
            name: name.to_owned(),
            reason: reason.to_string(),
        }
    }

    pub fn conflict(kind: &'static str, detail: impl ToString) -> Self {
        ApiError::Conflict {
            kind,
            detail: detail.to_string(),
        }
    }

    pub fn invalid(name: &str, reason: impl ToString) -> Self {
        ApiError::InvalidParameter {
            name: name.to_owned(),
            reason: reason.to_string(),
        }
    }
}
