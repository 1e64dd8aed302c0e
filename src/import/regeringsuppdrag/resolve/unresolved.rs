//! Why an item's phrases named no agency: a person, a body that is not a
//! state agency, an annex, an agency not active or a name several had, or
//! nothing known.

use std::sync::LazyLock;

use regex::Regex;

use super::Found;
use crate::domain::Unresolved;
use crate::import::regeringsuppdrag::extract::Extracted;

static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:särskild\s+utredare|utredaren|utredare|professor|docent|generaldirektör(?:en)?|överdirektör(?:en)?|landshövding(?:en)?|justitieråd(?:et)?|länsråd(?:et)?|statsråd(?:et)?|ambassadör(?:en)?|f\.d\.|ordförande(?:n)?|samordnare(?:n)?|rektor(?:n)?|riksdagsledamot|advokat|jur\.\s*kand|fil\.\s*dr|doktor|chefsjurist|kommunalråd|överåklagare|lagman|rådman|hovrättsråd|kansliråd)\b",
    )
    .expect("a valid pattern")
});

static NOT_AN_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:sveriges\s+kommuner|\w*kommun(?:er|erna|en)?|region(?:er|erna|en)?|region\s+[A-ZÅÄÖ]\w*|landsting|\w*förening(?:en|ar|arna)?|\w*förbund(?:et)?|oecd|funktionsrätt|stiftelse|stiftelsen|aktiebolag|ab|svenska\s+kyrkan|akademi|akademien|organisationer|organisationen|rådet\s+för|bolag|bolaget|företag|näringsliv|sametinget\s+och\s+|folkhögskol|studieförbund|universitet\s+och\s+högskolor|lärosäten|högskolor|myndigheter|nämnder|kommittén|kommission|delegation|delegationen|institutet|rise|almi|hjälpmedelsinstitutet|business\s+sweden|exportråd(?:et)?|investeringsråd(?:et)?|folkbildningsrådet|centrum|nätverk(?:et)?|skolor|museerna|verksamheter)\b",
    )
    .expect("a valid pattern")
});

/// Why `item`'s phrases named no agency.
pub(super) fn reason(item: &Extracted, found: &Found) -> Unresolved {
    let phrases = item.recipient_phrases.join(" ");
    if phrases.trim().is_empty() {
        Unresolved::NoRecipient
    } else if phrases.to_lowercase().contains("bilaga") {
        Unresolved::Annex
    } else if found.not_active {
        Unresolved::NotActive
    } else if found.ambiguous {
        Unresolved::Ambiguous
    } else if PERSON.is_match(&phrases) || looks_like_a_person(&phrases) {
        Unresolved::Person
    } else if NOT_AN_AGENCY.is_match(&phrases) {
        Unresolved::NotAStateAgency
    } else {
        Unresolved::NoMatch
    }
}

/// "Anna Svensson", "Lars-Erik Holm": two or three words, each a capital
/// and lower-case letters.
fn looks_like_a_person(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_lowercase() || c == '-')
        })
}
