//! What the writes share, added to the document once: the id of a part
//! that a path names after `{id}` (from [`crate::http::parts`], which the
//! writes read it by) with the 404 of an unknown one, and the answer of
//! every write, which is the resource as its own `GET` gives it.

use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{Content, RefOr, Required};
use utoipa::Modify;

use super::conventions::{collection, operations};
use super::problem_of;
use crate::http::parts::PART_IDS;

/// Documents the part id of every path in [`PART_IDS`], after the `{id}`
/// of its owner, and what an unknown one is answered with.
pub struct PartIds;

impl Modify for PartIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for part in PART_IDS {
            let owner = collection(part.path).expect("parts belong to a collection");
            let not_found = format!(
                "No such {} (where the path names it by slug, the problem suggests those it \
                 may have meant), or it has no {} `{{{}}}`",
                owner.noun, part.noun, part.name
            );
            for (_, operation) in operations(openapi).filter(|(path, _)| *path == part.path) {
                let id = ParameterBuilder::new()
                    .name(part.name)
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .description(Some(part.description()))
                    .schema(Some(
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid))),
                    ))
                    .example(part.example.map(|example| serde_json::json!(example)))
                    .build();
                let parameters = operation.parameters.get_or_insert_with(Vec::new);
                let after_owner = parameters.iter().take_while(|p| p.name == "id").count();
                parameters.insert(after_owner, id);
                operation
                    .responses
                    .responses
                    .entry("404".into())
                    .or_insert_with(|| problem_of(&not_found, owner.not_found_schema()).into());
            }
        }
    }
}

/// Gives the success of every write its answer, the resource it wrote as
/// `GET {collection}/{id}` gives it (a part's write answers with its
/// owner): `201` for a `POST`, `200` for a `PATCH`. A handler documents
/// the status only where it has more to say than "Recorded; `Location`
/// names it" or "Changed".
pub struct WriteAnswers;

impl Modify for WriteAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let paths = &mut openapi.paths.paths;
        let answers: Vec<(String, Content)> = paths
            .keys()
            .filter_map(|path| {
                let record = format!("/v1/{}/{{id}}", collection(path)?.name);
                let read = paths.get(&record)?.get.as_ref()?;
                let Some(RefOr::T(ok)) = read.responses.responses.get("200") else {
                    return None;
                };
                Some((path.clone(), ok.content.get("application/json")?.clone()))
            })
            .collect();
        for (path, answer) in answers {
            let item = paths.get_mut(&path).expect("listed above");
            for (operation, status, description) in [
                (&mut item.post, "201", "Recorded; `Location` names it"),
                (&mut item.patch, "200", "Changed"),
            ] {
                let Some(operation) = operation.as_mut() else {
                    continue;
                };
                let response = operation
                    .responses
                    .responses
                    .entry(status.into())
                    .or_insert_with(|| {
                        ResponseBuilder::new()
                            .description(description)
                            .build()
                            .into()
                    });
                if let RefOr::T(response) = response {
                    response
                        .content
                        .entry("application/json".into())
                        .or_insert_with(|| answer.clone());
                }
            }
        }
    }
}
