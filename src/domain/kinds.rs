//! The closed vocabularies of the registry, as the schema's check
//! constraints define them. Each is stored as text; sqlx decodes it
//! (`kind as "kind: AgencyKind"` in a query).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not one of: {allowed}")]
pub struct UnknownKind {
    pub value: String,
    pub allowed: String,
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema, sqlx::Type)]
        #[serde(rename_all = "snake_case")]
        #[sqlx(type_name = "text", rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(value: &str) -> Result<Self, UnknownKind> {
                match value {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownKind {
                        value: value.to_owned(),
                        allowed: [$($text),+].join(", "),
                    }),
                }
            }
        }
    };
}

vocabulary! {
    /// What kind of public body an agency is.
    AgencyKind {
        GovernmentAgency = "government_agency",
        CountyAdministrativeBoard = "county_administrative_board",
        Ministry = "ministry",
        Municipality = "municipality",
        Region = "region",
        Other = "other",
    }
}

vocabulary! {
    /// Where an identifier of an agency comes from: the Swedish
    /// organisation number (some are shared, as the courts share theirs),
    /// Wikidata's Q-number, ESV's register of agencies.
    IdentifierScheme {
        OrganisationNumber = "organisation_number",
        Wikidata = "wikidata",
        Esv = "esv",
    }
}

vocabulary! {
    /// What another name of an agency is: an abbreviation (`TRV`), a
    /// former name, or another name it is known by.
    OtherNameKind {
        Abbreviation = "abbreviation",
        FormerName = "former_name",
        OtherName = "other_name",
    }
}

vocabulary! {
    /// How one agency took over from another: it `replaced` it, the
    /// predecessor `merged_into` it (one of several predecessors on one
    /// date), the predecessor was `split_into` it and others, or the
    /// agency was `renamed` into a record of its own.
    LineageKind {
        Replaced = "replaced",
        MergedInto = "merged_into",
        SplitInto = "split_into",
        Renamed = "renamed",
    }
}

vocabulary! {
    /// Whether an agency existed on the date asked about: not yet started,
    /// active, or ended (on or before that date).
    AgencyStatus {
        NotStarted = "not_started",
        Active = "active",
        Ended = "ended",
    }
}

vocabulary! {
    /// Where an assignment applies: the whole country, or one county.
    Jurisdiction {
        National = "national",
        County = "county",
    }
}

vocabulary! {
    /// What an assignment is: a standing responsibility (given by an
    /// instruction, an ordinance or appropriation directions), a
    /// government assignment (regeringsuppdrag: a decision of the
    /// government, reported by a date), or an amendment of one whose
    /// original is not in the registry.
    AssignmentKind {
        Standing = "standing",
        GovernmentAssignment = "government_assignment",
        Amendment = "amendment",
    }
}

vocabulary! {
    /// Whether an assignment is under way on the date asked about: not yet
    /// given, active (held, and its final report not yet due), reported
    /// (its final report was due before that date, or an amendment ended
    /// it), or active with no known due date (`due_unknown`: a government
    /// assignment whose text gives no date for its final report).
    AssignmentStatus {
        NotStarted = "not_started",
        Active = "active",
        DueUnknown = "due_unknown",
        Reported = "reported",
    }
}

vocabulary! {
    /// The part an agency plays in an assignment: its lead (the holder),
    /// given it together with the lead (`co_recipient`), or to be
    /// consulted.
    AssignmentRole {
        Lead = "lead",
        CoRecipient = "co_recipient",
        Consulted = "consulted",
    }
}

vocabulary! {
    /// Which report a deadline asks for: an interim report
    /// (`delredovisning`) or the final one (`slutredovisning`).
    ReportKind {
        Interim = "interim",
        Final = "final",
    }
}

vocabulary! {
    /// Why an imported assignment has no recipient agency: given to a
    /// person (a special investigator), to a body that is not a state
    /// agency (Sveriges Kommuner och Regioner, a region), to "the agencies
    /// in the annex", to an agency that had ended or not begun on that
    /// date, to a name that names several agencies, to a name that matches
    /// none, or with no recipient in its text.
    Unresolved {
        Person = "person",
        NotAStateAgency = "not_a_state_agency",
        Annex = "annex",
        NotActive = "not_active",
        Ambiguous = "ambiguous",
        NoMatch = "no_match",
        NoRecipient = "no_recipient",
    }
}

vocabulary! {
    /// How a contact point reaches someone.
    ContactKind {
        PostalAddress = "postal_address",
        VisitingAddress = "visiting_address",
        Email = "email",
        Phone = "phone",
        Hotline = "hotline",
        Website = "website",
    }
}

vocabulary! {
    /// Whom a contact point is for.
    Audience {
        Public = "public",
        Professionals = "professionals",
    }
}

vocabulary! {
    /// The part an agency or a function plays in a body.
    Role {
        Member = "member",
        Coordinator = "coordinator",
    }
}

/// Something with a county, or without: a county administrative board, or a
/// county assignment, names its county; nothing else has one.
fn check_county(
    has_county: bool,
    code: Option<&str>,
    needs: &'static str,
    has_none: &'static str,
) -> Result<(), &'static str> {
    match (has_county, code) {
        (true, None) => Err(needs),
        (false, Some(_)) => Err(has_none),
        _ => Ok(()),
    }
}

impl AgencyKind {
    /// Whether `code` fits: a county administrative board needs one, no
    /// other agency has one.
    pub fn check_county(self, code: Option<&str>) -> Result<(), &'static str> {
        check_county(
            self == AgencyKind::CountyAdministrativeBoard,
            code,
            "a county administrative board needs its county's code",
            "only a county administrative board has a county code",
        )
    }
}

impl Jurisdiction {
    /// Whether `code` fits: a county assignment needs one, a national one
    /// has none.
    pub fn check_county(self, code: Option<&str>) -> Result<(), &'static str> {
        check_county(
            self == Jurisdiction::County,
            code,
            "a county assignment needs its county's code",
            "a national assignment has no county code",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_text() {
        for kind in AgencyKind::ALL {
            assert_eq!(AgencyKind::parse(kind.as_str()), Ok(*kind));
        }
        for jurisdiction in Jurisdiction::ALL {
            assert_eq!(
                Jurisdiction::parse(jurisdiction.as_str()),
                Ok(*jurisdiction)
            );
        }
        for kind in ContactKind::ALL {
            assert_eq!(ContactKind::parse(kind.as_str()), Ok(*kind));
        }
        for audience in Audience::ALL {
            assert_eq!(Audience::parse(audience.as_str()), Ok(*audience));
        }
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(*role));
        }
        for kind in LineageKind::ALL {
            assert_eq!(LineageKind::parse(kind.as_str()), Ok(*kind));
        }
    }

    #[test]
    fn county_boards_and_county_assignments_and_nothing_else_have_a_county() {
        let board = AgencyKind::CountyAdministrativeBoard;
        assert!(board.check_county(Some("01")).is_ok());
        assert!(board.check_county(None).is_err());
        assert!(AgencyKind::GovernmentAgency.check_county(None).is_ok());
        assert!(AgencyKind::GovernmentAgency
            .check_county(Some("01"))
            .is_err());
        assert!(Jurisdiction::County.check_county(Some("12")).is_ok());
        assert!(Jurisdiction::County.check_county(None).is_err());
        assert!(Jurisdiction::National.check_county(None).is_ok());
        assert!(Jurisdiction::National.check_county(Some("12")).is_err());
    }

    #[test]
    fn an_unknown_kind_names_the_allowed_ones() {
        let error = AgencyKind::parse("department").unwrap_err();
        assert!(error.to_string().contains("government_agency"), "{error}");
    }

    #[test]
    fn serialised_text_matches_the_schema_text() {
        for kind in AgencyKind::ALL {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::json!(kind.as_str())
            );
        }
    }
}
