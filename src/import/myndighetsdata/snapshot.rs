//! What the merge makes of the registers: their entries, and the agencies,
//! names and links it merges them into ([`super::merge`] does the merging).

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{AgencyKind, ContactKind, LineageKind, OrganisationNumber, PartialDate};
use crate::import::names;

use super::clean::{self, Contact};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Register {
    Sfs,
    Scb,
    Stkt,
    Esv,
    Wd,
}

impl Register {
    pub fn file(self) -> &'static str {
        match self {
            Register::Sfs => "sfs.json",
            Register::Scb => "scb.json",
            Register::Stkt => "stkt.json",
            Register::Esv => "esv.json",
            Register::Wd => "wd.json",
        }
    }
}

/// One entry of one register, read under its official name.
#[derive(Debug, Clone)]
pub struct Entry {
    pub register: Register,
    pub name: String,
    pub official: String,
    pub organisation_number: Option<OrganisationNumber>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// Whether its dates are of the name it is listed under, not of the
    /// official name it is read under (see [`Entry::own_name`]).
    pub dates_own_name: bool,
}

impl Entry {
    /// The name this entry dates. SFS keys each instruction by the name the
    /// agency had then, so an SFS entry keeps its own name where
    /// `matchlist.csv` maps it to a later one (Myndigheten för
    /// internationella adoptionsfrågor, 2005–2008, is a spelling of
    /// Myndigheten för familjerätt och föräldraskapsstöd there). So does a
    /// Wikidata item under a name that SFS dates an instruction of
    /// (Utlänningsnämnden, which `matchlist.csv` files under its winding-up
    /// organisation); under any other name (`Verva`, `Kungl. biblioteket`)
    /// it dates the official one. A name spelled another way is no other
    /// name (see [`one_spelling`]).
    pub fn own_name(&self) -> String {
        let own = clean::name(&self.name);
        if self.dates_own_name && !one_spelling(&own, &self.official) {
            own
        } else {
            self.official.clone()
        }
    }
}

/// Whether two names are one spelled two ways: the same but for case,
/// spaces, and one letter more, less or other in a name long enough that
/// one letter does not make another word. SFS files Forum för levande
/// historia's first instruction under "Formum för levande historia",
/// Sieps's under "Svenska insitutet för europapolitiska studier", and
/// Statens institut för regional forskning's under "regionalforskning".
pub fn one_spelling(a: &str, b: &str) -> bool {
    let letters = |name: &str| -> String {
        name.to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let (a, b) = (letters(a), letters(b));
    let shorter = a.chars().count().min(b.chars().count());
    a == b || (shorter >= names::FORGIVEN_FROM && names::one_letter_apart(&a, &b))
}

/// A name the merged agency had, with its period where known.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedName {
    pub sv: String,
    pub en: Option<String>,
    pub valid_from: Option<PartialDate>,
    pub valid_to: Option<PartialDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AliasKind {
    Abbreviation,
    FormerName,
    OtherName,
}

impl AliasKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AliasKind::Abbreviation => "abbreviation",
            AliasKind::FormerName => "former_name",
            AliasKind::OtherName => "other_name",
        }
    }
}

/// An agency as the snapshot describes it, merged.
#[derive(Debug, Clone, Default)]
pub struct Agency {
    /// The official name it is known by now; unique within a snapshot
    /// together with `organisation_number`.
    pub names: Vec<DatedName>,
    pub kind: Option<AgencyKind>,
    pub county_code: Option<String>,
    pub started_on: Option<PartialDate>,
    pub ended_on: Option<PartialDate>,
    /// Its own number (none where the number is shared).
    pub organisation_number: Option<OrganisationNumber>,
    /// (scheme, value): organisation_number, wikidata, esv.
    pub identifiers: BTreeSet<(&'static str, String)>,
    pub aliases: BTreeMap<String, AliasKind>,
    pub group: Option<String>,
    pub management_form: Option<String>,
    pub instruction: Option<String>,
    /// Every instruction SFS lists for it, in the order they were issued
    /// (`instruction` is the last one, where SFS lists any).
    pub instructions: Vec<String>,
    /// The official name of the agency that hosts it.
    pub host: Option<String>,
    /// The official name of its ministry.
    pub ministry: Option<String>,
    pub contacts: Vec<Contact>,
    /// The entries it was merged from.
    pub entries: Vec<Entry>,
}

impl Agency {
    /// Its current (last) name.
    pub fn name(&self) -> &str {
        &self.names.last().expect("an agency has a name").sv
    }

    /// The name its slug is made from: its last, unless it ended under the
    /// name of its own winding-up (Utlänningsnämndens
    /// avvecklingsorganisation, Kommittén för avveckling av Överstyrelsen
    /// för civil beredskap); then the name it had before, which is the one
    /// people look it up by.
    pub fn slug_name(&self) -> &str {
        match self.names.as_slice() {
            [.., before, last] if last.sv.to_lowercase().contains("avveckl") => &before.sv,
            _ => self.name(),
        }
    }

    /// The key that names it in a summary and links.
    pub fn key(&self) -> String {
        match &self.organisation_number {
            Some(number) => format!("{} ({number})", self.name()),
            None => self.name().to_owned(),
        }
    }
}

/// A link of lineage between two merged agencies (by index).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub predecessor: usize,
    pub successor: usize,
    pub kind: LineageKind,
    pub effective_on: Option<PartialDate>,
}

/// The snapshot merged, with what was skipped and what disagreed.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub agencies: Vec<Agency>,
    pub links: Vec<Link>,
    pub skipped: Vec<String>,
    pub conflicts: Vec<String>,
}

/// The value of the first register in `order` that gives one, and the
/// others that differ from it, as conflicts.
pub fn prefer<T: Clone + PartialEq + std::fmt::Display>(
    what: &str,
    agency: &str,
    values: &[(Register, Option<T>)],
    conflicts: &mut Vec<String>,
) -> Option<T> {
    let given: Vec<&(Register, Option<T>)> = values.iter().filter(|(_, v)| v.is_some()).collect();
    let (winner, value) = given.first().map(|(r, v)| (*r, v.clone()))?;
    let value = value.expect("given");
    for (register, other) in given.iter().skip(1) {
        let other = other.as_ref().expect("given");
        if *other != value {
            conflicts.push(format!(
                "{agency}: {what} {value} ({}) kept over {other} ({})",
                winner.file(),
                register.file()
            ));
        }
    }
    Some(value)
}

/// The contact kinds an import keeps current, one of each.
pub const IMPORTED_CONTACTS: [ContactKind; 5] = [
    ContactKind::Email,
    ContactKind::Phone,
    ContactKind::Website,
    ContactKind::PostalAddress,
    ContactKind::VisitingAddress,
];
