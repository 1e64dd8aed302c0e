//! Links from what a POST creates to what may be done with it next: the
//! `id` in its answer names it in the GET, PATCH and DELETE of
//! `{collection}/{id}`. A client, Swagger UI or a fuzzer follows them from a
//! creation to its record, without knowing the path by heart.

use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::RefOr;
use utoipa::Modify;

/// Adds to the 201 of every `POST {collection}` a link to each operation of
/// `{collection}/{id}`, named by what it does.
pub struct CreatedLinks;

impl Modify for CreatedLinks {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let paths = &mut openapi.paths.paths;
        let linked: Vec<(String, Vec<(&str, String)>)> = paths
            .iter()
            .filter(|(_, item)| item.post.is_some())
            .filter_map(|(collection, _)| {
                let record = paths.get(&format!("{collection}/{{id}}"))?;
                let targets = [
                    ("read", &record.get),
                    ("change", &record.patch),
                    ("delete", &record.delete),
                ]
                .into_iter()
                .filter_map(|(name, operation)| {
                    let id = operation.as_ref()?.operation_id.clone()?;
                    Some((name, id))
                })
                .collect();
                Some((collection.clone(), targets))
            })
            .collect();
        for (collection, targets) in linked {
            let created = paths
                .get_mut(&collection)
                .and_then(|item| item.post.as_mut())
                .and_then(|post| post.responses.responses.get_mut("201"));
            let Some(RefOr::T(created)) = created else {
                continue;
            };
            for (name, operation_id) in targets {
                // utoipa 5.5 writes a link's `operation_id` under that
                // name, which no reader of OpenAPI knows; the field is
                // `operationId`, given here as the link's own.
                let operation = Extensions::from_iter([("operationId", operation_id)]);
                let link = LinkBuilder::new()
                    .extensions(Some(operation))
                    .parameter("id", "$response.body#/id")
                    .description(format!(
                        "{name} what was created, by the `id` of the answer"
                    ))
                    .build();
                created.links.insert(name.to_owned(), RefOr::T(link));
            }
        }
    }
}
