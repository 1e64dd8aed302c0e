//! One error type for the whole API, so that handlers, read models and
//! writes all use a bare `?`. What a client sees of it (an RFC 9457 problem
//! document, its status and headers) is decided in [`crate::http::problem`].

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{name}: {reason}")]
    InvalidParameter { name: String, reason: String },
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    NoHolder(String),
    /// A request body field that was not accepted.
    #[error("{name}: {reason}")]
    InvalidField { name: String, reason: String },
    #[error("{0}")]
    MalformedBody(String),
    #[error("the request body is larger than {0} bytes")]
    BodyTooLarge(usize),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    /// The write contradicts what is recorded (`kind` is the problem type's
    /// last segment: conflict, not-held, overlap, in-use, slug-taken).
    #[error("{detail}")]
    Conflict { kind: &'static str, detail: String },
    #[error("{0}")]
    PreconditionFailed(String),
    #[error("{0}")]
    IdempotencyKeyReused(String),
    #[error("the database is not reachable")]
    Unavailable(#[source] sqlx::Error),
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
            sqlx::Error::Database(ref database) => {
                constraint_violation(database.as_ref()).unwrap_or(ApiError::Database(error))
            }
            other => ApiError::Database(other),
        }
    }
}

/// A write the schema refused: a 4xx naming what collided, not a 500. The
/// handlers check what they can first; this is the last line.
fn constraint_violation(error: &dyn sqlx::error::DatabaseError) -> Option<ApiError> {
    let postgres = error.try_downcast_ref::<sqlx::postgres::PgDatabaseError>()?;
    let constraint = postgres.constraint().unwrap_or("unknown");
    let detail = postgres.detail().unwrap_or(postgres.message());
    Some(match postgres.code() {
        "23505" => {
            let field = constraint
                .strip_suffix("_key")
                .and_then(|rest| rest.split_once('_').map(|(_, field)| field))
                .unwrap_or(constraint);
            ApiError::conflict(
                if field.ends_with("slug") { "slug-taken" } else { "conflict" },
                format!("{field}: already taken ({detail})"),
            )
        }
        "23P01" => ApiError::conflict(
            "overlap",
            format!("The periods would overlap ({constraint}): {detail}"),
        ),
        "23503" => ApiError::conflict(
            "in-use",
            format!("Other records refer to this one, or it refers to one that does not fit ({constraint}): {detail}"),
        ),
        "23514" | "23502" => ApiError::invalid_field(constraint, postgres.message()),
        code if code.starts_with("22") => ApiError::MalformedBody(postgres.message().to_owned()),
        _ => return None,
    })
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
