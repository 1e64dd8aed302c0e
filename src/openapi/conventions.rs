//! The conventions every operation shares, added to the document once by
//! modifiers so that no handler repeats them: tags and `{id}` by path, the
//! domain's patterns for parameters, tokens, conditional requests and
//! idempotency keys. The responses every operation shares are in
//! [`super::responses`].

use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{KnownFormat, SchemaFormat};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::Required;

use super::problem;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::Modify;

use crate::domain::reference::REFERENCE_PATTERN;
use crate::domain::CURSOR_PATTERN;
use crate::http::event_stream;

/// Every operation of the document, with its path.
pub(super) fn operations(
    openapi: &mut utoipa::openapi::OpenApi,
) -> impl Iterator<Item = (&str, &mut Operation)> {
    openapi.paths.paths.iter_mut().flat_map(|(path, item)| {
        [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        .map(move |operation| (path.as_str(), operation))
    })
}

/// A collection of resources under `/v1/`: its tag, what its `{id}` names
/// (the noun, and whether slugs name it too), and examples of `{id}` from
/// the example data for reads and for changes (a change's example must be
/// safe to change or delete).
pub(super) struct Collection {
    /// Its path's segment after `/v1/`.
    pub(super) name: &'static str,
    tag: &'static str,
    pub(super) noun: &'static str,
    by_slug: bool,
    read_example: &'static str,
    change_example: &'static str,
}

const STOCKHOLM_TO_JAMY: &str = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten";
const PRESS_RELEASE: &str = "2018-01-08-nationella-uppdrag-flyttar";

#[rustfmt::skip]
const COLLECTIONS: [Collection; 12] = [
    Collection { name: "agencies", tag: "agencies", noun: "agency", by_slug: true, read_example: "jamstalldhetsmyndigheten", change_example: "jamstalldhetsmyndigheten" },
    Collection { name: "assignments", tag: "assignments", noun: "assignment", by_slug: true, read_example: "nationellt-samordningsuppdrag-prostitution-manniskohandel", change_example: "nationella-stodprocessen" },
    Collection { name: "transfers", tag: "transfers", noun: "transfer", by_slug: true, read_example: STOCKHOLM_TO_JAMY, change_example: STOCKHOLM_TO_JAMY },
    Collection { name: "sources", tag: "records", noun: "source", by_slug: true, read_example: PRESS_RELEASE, change_example: PRESS_RELEASE },
    Collection { name: "holdings", tag: "records", noun: "holding", by_slug: false, read_example: "e41a723a-6507-53c7-a194-b133a938125f", change_example: "e41a723a-6507-53c7-a194-b133a938125f" },
    Collection { name: "contact-points", tag: "records", noun: "contact point", by_slug: false, read_example: "f79dd9da-0bf3-5bfe-b85d-e5783cd5d058", change_example: "f79dd9da-0bf3-5bfe-b85d-e5783cd5d058" },
    Collection { name: "participations", tag: "records", noun: "participation", by_slug: false, read_example: "dce6060d-8142-5898-833f-f11f780d157f", change_example: "dce6060d-8142-5898-833f-f11f780d157f" },
    // The example data has no lineage: a link's example is the one the
    // POST example records.
    Collection { name: "lineage-links", tag: "records", noun: "lineage link", by_slug: false, read_example: "", change_example: "" },
    Collection { name: "search", tag: "search", noun: "match", by_slug: false, read_example: "", change_example: "" },
    Collection { name: "changes", tag: "changes", noun: "change", by_slug: false, read_example: "", change_example: "" },
    Collection { name: "exports", tag: "exports", noun: "dataset", by_slug: false, read_example: "", change_example: "" },
    Collection { name: "reconcile", tag: "reconciliation", noun: "agency", by_slug: false, read_example: "", change_example: "" },
];

impl Collection {
    /// The schema of its 404: a path that names no agency or assignment
    /// by slug is answered with those it may have meant.
    pub(super) fn not_found_schema(&self) -> &'static str {
        match self.name {
            "agencies" => "AgencyNotFound",
            "assignments" => "AssignmentNotFound",
            _ => "Problem",
        }
    }
}

/// The collection a path belongs to, from [`COLLECTIONS`].
pub(super) fn collection(path: &str) -> Option<&'static Collection> {
    let name = path.strip_prefix("/v1/")?.split('/').next()?;
    COLLECTIONS
        .iter()
        .find(|collection| collection.name == name)
}

/// Tags every operation by its path: its collection's tag, or `health`.
pub struct Tags;

impl Modify for Tags {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, operation) in operations(openapi) {
            let tag = collection(path).map_or("health", |collection| collection.tag);
            operation.tags = Some(vec![tag.to_owned()]);
        }
    }
}

/// Documents the `{id}` of every path that has one, so that no handler
/// repeats it: "The agency's UUID or slug.", with an example.
pub struct PathIds;

impl Modify for PathIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let Some(collection) = collection(path).filter(|_| path.contains("{id}")) else {
                continue;
            };
            for (changes, operation) in [
                (false, &mut item.get),
                (false, &mut item.post),
                (true, &mut item.patch),
                (true, &mut item.delete),
            ] {
                let Some(operation) = operation.as_mut() else {
                    continue;
                };
                let names = if collection.by_slug {
                    "UUID or slug"
                } else {
                    "UUID"
                };
                let example = if changes {
                    collection.change_example
                } else {
                    collection.read_example
                };
                let id = ParameterBuilder::new()
                    .name("id")
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .description(Some(format!("The {}'s {names}.", collection.noun)))
                    .example((!example.is_empty()).then(|| serde_json::json!(example)))
                    .build();
                operation
                    .parameters
                    .get_or_insert_with(Vec::new)
                    .insert(0, id);
            }
        }
    }
}

/// Gives the parameters whose text the domain parses the domain's own
/// pattern: every parameter naming a resource (the `{id}` in paths, the
/// `holder`, `agency`, `ministry` and `assignment` filters) is a UUID or slug, every `cursor` a
/// position. Clients and fuzzers then know exactly what the server accepts.
pub struct ParameterPatterns;

const PARAMETER_PATTERNS: [(&str, ParameterIn, &str, usize); 7] = [
    ("id", ParameterIn::Path, REFERENCE_PATTERN, 100),
    ("holder", ParameterIn::Query, REFERENCE_PATTERN, 100),
    ("participant", ParameterIn::Query, REFERENCE_PATTERN, 100),
    ("agency", ParameterIn::Query, REFERENCE_PATTERN, 100),
    ("ministry", ParameterIn::Query, REFERENCE_PATTERN, 100),
    ("assignment", ParameterIn::Query, REFERENCE_PATTERN, 100),
    ("cursor", ParameterIn::Query, CURSOR_PATTERN, 200),
];

/// Whether a parameter names a resource by UUID or slug (see
/// [`PARAMETER_PATTERNS`]): a resource that does not exist is a 404.
pub(super) fn names_a_resource(parameter: &utoipa::openapi::path::Parameter) -> bool {
    PARAMETER_PATTERNS
        .iter()
        .any(|(name, location, pattern, _)| {
            parameter.name == *name
                && parameter.parameter_in == *location
                && *pattern == REFERENCE_PATTERN
        })
}

impl Modify for ParameterPatterns {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        // The reconciliation service's parameters are the W3C protocol's:
        // its suggestions' `cursor` is a count to skip, not a position.
        let own = |path: &str| !path.starts_with("/v1/reconcile");
        for (_, operation) in operations(openapi).filter(|(path, _)| own(path)) {
            for parameter in operation.parameters.iter_mut().flatten() {
                let pattern = PARAMETER_PATTERNS.iter().find(|(name, location, ..)| {
                    parameter.name == *name && parameter.parameter_in == *location
                });
                if let Some((_, _, pattern, max_length)) = pattern {
                    parameter.schema = Some(
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .pattern(Some(*pattern))
                            .max_length(Some(*max_length))
                            .into(),
                    );
                }
            }
        }
    }
}

/// A PATCH body is a JSON merge patch (RFC 7396): documented as
/// `application/merge-patch+json`, as `http::body` reads it.
fn merge_patch_body(operation: &mut utoipa::openapi::path::Operation) {
    if let Some(body) = operation.request_body.as_mut() {
        if let Some(json) = body.content.remove("application/json") {
            body.content
                .insert("application/merge-patch+json".to_owned(), json);
        }
    }
}

/// What an `Idempotency-Key` may be: 1 to 255 visible ASCII characters.
const IDEMPOTENCY_KEY_PATTERN: &str = "^[!-~]{1,255}$";

/// Documents what the middleware and the write frame do for every operation:
/// `known_at`, `If-None-Match`, `Min-Data-Version` and 304 on reads; the bearer token, the
/// body's problems, `Idempotency-Key` and `If-Match` on writes. The one `POST` that is not a
/// write (a reconciliation batch, which OpenRefine sends as a form) documents its own.
pub struct HttpConventions;

impl Modify for HttpConventions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme("bearer", bearer_scheme());
        }
        for (path, item) in openapi.paths.paths.iter_mut() {
            if let Some(get) = item.get.as_mut() {
                read_conventions(path, get);
            }
            for (method, operation) in [
                ("post", &mut item.post),
                ("patch", &mut item.patch),
                ("delete", &mut item.delete),
            ] {
                let read = path == crate::formats::reconciliation::PATH;
                if let Some(operation) = operation.as_mut().filter(|_| !read) {
                    write_conventions(method, operation);
                }
            }
        }
    }
}

/// How a write proves who sends it: a bearer token.
fn bearer_scheme() -> SecurityScheme {
    SecurityScheme::Http(
        HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("reg_<id>_<secret>")
            .description(Some(
                "An agency's token (`registry token mint --name <who> --scope write --agency <slug>`), which may change that agency's records, or a registrar's (`--scope admin`), which may change all.",
            ))
            .build(),
    )
}

/// An optional parameter of text, in a header or the query.
fn text_parameter(
    name: &str,
    location: ParameterIn,
    description: &str,
    pattern: Option<&str>,
) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(location)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(pattern),
        ))
        .build()
}

/// What a read at `path` takes and may answer besides its own: `known_at`,
/// `If-None-Match`, `Min-Data-Version`, 304.
fn read_conventions(path: &str, get: &mut Operation) {
    let parameters = get.parameters.get_or_insert_with(Vec::new);
    // The change feed and stream are the log itself; a stream is
    // neither tagged nor kept.
    let stream = event_stream::is_stream(path);
    // The context of linked data is not registry data either, nor the
    // reconciliation service's own properties and types.
    let registry_data = !path.starts_with("/v1/changes")
        && path != crate::formats::linked_data::CONTEXT_PATH
        && !crate::formats::reconciliation::is_the_service_itself(path);
    if path.starts_with("/v1/") && registry_data {
        parameters.push(
            ParameterBuilder::new()
                .name("known_at")
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .description(Some(
                    "Answer as the registry would have at this moment (RFC 3339). Default: now.",
                ))
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))),
                ))
                .example(Some(serde_json::json!("2018-01-09T12:00:00+01:00")))
                .build(),
        );
    }
    if path.starts_with("/v1/") && !stream {
        parameters.push(text_parameter(
            "If-None-Match",
            ParameterIn::Header,
            "ETags of answers you have; 304 if the answer is still one of them.",
            None,
        ));
        parameters.push(text_parameter(
            "Min-Data-Version",
            ParameterIn::Header,
            "Answer at this data version or a later one: send the `Data-Version` a write of yours was answered with to read it back through any instance, also where reads go to a replica that may not have replayed it yet.",
            Some("^[0-9]{1,18}$"),
        ));
        get.responses
            .responses
            .entry("304".into())
            .or_insert_with(|| {
                ResponseBuilder::new()
                    .description("Not modified: the answer still has the ETag you sent")
                    .build()
                    .into()
            });
    }
}

/// What a write (`method` post, patch or delete) takes and may answer
/// besides its own: the token, `Idempotency-Key` or `If-Match`, and the
/// refusals every write can meet.
fn write_conventions(method: &str, operation: &mut Operation) {
    operation
        .security
        .get_or_insert_with(|| vec![SecurityRequirement::new("bearer", ["write"])]);
    if method == "patch" {
        merge_patch_body(operation);
    }
    let parameters = operation.parameters.get_or_insert_with(Vec::new);
    if method == "post" {
        parameters.push(text_parameter(
            "Idempotency-Key",
            ParameterIn::Header,
            "Makes retries safe: a retry with the same key and body within 24 hours gets the first answer; the same key with another body is refused (422). After 24 hours the key names a new request. 1 to 255 visible ASCII characters.",
            Some(IDEMPOTENCY_KEY_PATTERN),
        ));
    } else {
        parameters.push(text_parameter(
            "If-Match",
            ParameterIn::Header,
            "The ETag you read (GET without `at`); the write is refused with 412 if the resource has changed since.",
            None,
        ));
    }
    let responses = &mut operation.responses.responses;
    if method == "delete" {
        responses
            .entry("204".into())
            .or_insert_with(|| ResponseBuilder::new().description("Deleted").build().into());
    }
    let mut add = |status: &str, description: &str| {
        responses
            .entry(status.into())
            .or_insert_with(|| problem(description).into());
    };
    add(
        "400",
        "A parameter or body field is not accepted; the detail names it",
    );
    add("401", "No bearer token, or not a valid one");
    add(
        "409",
        "The write contradicts what is recorded (a date outside the lifetime of an agency or assignment: `/problems/outside-lifetime`, an overlap, …); nothing was written",
    );
    add(
        "429",
        "Too many failed authentications from this address; retry after `Retry-After` seconds",
    );
    add(
        "403",
        "The token may not make this write: another agency's record, or a registrar's to change",
    );
    if method != "delete" {
        add("413", "The body is larger than 64 KiB");
        add("415", "The body is not JSON");
    }
    if method == "post" {
        add("422", "The Idempotency-Key was used for another request");
    } else {
        add(
            "412",
            "`If-Match` names an older version; nothing was written",
        );
    }
}
