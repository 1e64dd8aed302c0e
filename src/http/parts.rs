//! The parts of an agency or an assignment that a path names after its
//! `{id}` (`/v1/agencies/{id}/names/{name}`): one table that the writes
//! read those ids by, and refuse an unknown one by, and that the OpenAPI
//! document describes them from, so that what a client is told and what
//! the server says agree.

use actix_web::HttpRequest;
use uuid::Uuid;

use super::params::path_uuid;
use crate::domain::Reference;
use crate::error::ApiError;

/// The id of a part, as the path `path` names it in `{name}`.
pub struct PartId {
    pub path: &'static str,
    /// The path parameter.
    pub name: &'static str,
    /// What owns the part: `agency` or `assignment`.
    pub owner: &'static str,
    /// What the part is, in prose.
    pub noun: &'static str,
    /// Where a client finds the id: "the agency's `names[].id` give it".
    pub given: &'static str,
    /// One from the example data, where it has one.
    pub example: Option<&'static str>,
}

pub const AGENCY_NAME: PartId = PartId {
    path: "/v1/agencies/{id}/names/{name}",
    name: "name",
    owner: "agency",
    noun: "name",
    given: "the agency's `names[].id` give it",
    example: Some("eb2c7b10-df34-5c97-a601-99ddef7f9146"),
};

pub const AGENCY_IDENTIFIER: PartId = PartId {
    path: "/v1/agencies/{id}/identifiers/{identifier}",
    name: "identifier",
    owner: "agency",
    noun: "identifier",
    given: "the agency's `identifiers[].id` give it",
    example: None,
};

pub const AGENCY_OTHER_NAME: PartId = PartId {
    path: "/v1/agencies/{id}/other-names/{other_name}",
    name: "other_name",
    owner: "agency",
    noun: "other name",
    given: "the agency's `other_names[].id` give it",
    example: None,
};

pub const AGENCY_MINISTRY: PartId = PartId {
    path: "/v1/agencies/{id}/ministries/{ministry}",
    name: "ministry",
    owner: "agency",
    noun: "ministry link",
    given: "the agency's `ministries[].id` give it",
    example: None,
};

pub const ASSIGNMENT_IDENTIFIER: PartId = PartId {
    path: "/v1/assignments/{id}/identifiers/{identifier}",
    name: "identifier",
    owner: "assignment",
    noun: "identifier",
    given: "the assignment's `identifiers[].id` give it",
    example: None,
};

pub const ASSIGNMENT_VERSION: PartId = PartId {
    path: "/v1/assignments/{id}/versions/{version}",
    name: "version",
    owner: "assignment",
    noun: "version",
    given: "`version.id` or the history's `versions[].id` give it",
    example: Some("b53ebe75-dc24-5324-a42f-1f247707bdc3"),
};

pub const ASSIGNMENT_PARTICIPANT: PartId = PartId {
    path: "/v1/assignments/{id}/participants/{participant}",
    name: "participant",
    owner: "assignment",
    noun: "participant",
    given: "`co_recipients[].id` or `consulted[].id` give it",
    example: None,
};

/// Every part a path names by id.
pub const PART_IDS: [&PartId; 7] = [
    &AGENCY_NAME,
    &AGENCY_IDENTIFIER,
    &AGENCY_OTHER_NAME,
    &AGENCY_MINISTRY,
    &ASSIGNMENT_IDENTIFIER,
    &ASSIGNMENT_VERSION,
    &ASSIGNMENT_PARTICIPANT,
];

impl PartId {
    /// The id in the request's path: 400 naming the parameter where it is
    /// no UUID.
    pub fn of(&self, req: &HttpRequest) -> Result<Uuid, ApiError> {
        path_uuid(req, self.name, self.given)
    }

    /// 404: the owner `reference` names has no such part.
    pub fn not_found(&self, reference: &Reference, id: Uuid) -> ApiError {
        ApiError::NotFound(format!(
            "The {} '{reference}' has no {} '{id}'.",
            self.owner, self.noun
        ))
    }

    /// What the document says of the parameter.
    pub fn description(&self) -> String {
        format!("The {}'s id, as {}.", self.noun, self.given)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_is_named_in_its_own_path_after_the_id() {
        for part in PART_IDS {
            let (owner, name) = part.path.rsplit_once('/').expect("a path");
            assert_eq!(name, format!("{{{}}}", part.name), "{}", part.path);
            assert!(owner.contains("/{id}/"), "{}", part.path);
            let collection = match part.owner {
                "agency" => "/v1/agencies/",
                _ => "/v1/assignments/",
            };
            assert!(owner.starts_with(collection), "{}", part.path);
        }
    }
}
