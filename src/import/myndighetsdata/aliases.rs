//! The other names a merged agency is known by: abbreviations, former
//! names and other names, as the registers give them, cleaned.

use super::clean;
use super::snapshot::{one_spelling, Agency, AliasKind};

impl Agency {
    /// A register's abbreviation and former names, as other names.
    pub(super) fn add_short_and_old_names(&mut self, short: Option<&str>, old_names: &[String]) {
        if let Some(short) = short.map(str::trim).filter(|s| !s.is_empty()) {
            self.aliases
                .insert(short.to_owned(), AliasKind::Abbreviation);
        }
        for old in old_names {
            self.add_alias(old, AliasKind::FormerName);
        }
    }

    /// Other names a register gives, unless known as something more
    /// specific.
    pub(super) fn add_other_names(&mut self, names: &[String]) {
        for other in names {
            self.add_alias(other, AliasKind::OtherName);
        }
    }

    /// Wikidata's other names: its abbreviations are written as they are
    /// (`HaV`), the rest as other names.
    pub(super) fn add_wikidata_names(&mut self, names: &[String]) {
        for other in names {
            if is_abbreviation(other) {
                self.aliases
                    .entry(other.trim().to_owned())
                    .or_insert(AliasKind::Abbreviation);
            } else {
                self.add_alias(other, AliasKind::OtherName);
            }
        }
    }

    /// A name a register gives as `kind`, unless known as something more
    /// specific, with what it writes beside it (see [`Agency::add_aside`]).
    /// `SJV_Jordbruksverket` is two names, an abbreviation and a name.
    fn add_alias(&mut self, text: &str, kind: AliasKind) {
        // "fd. Statens maritima museer": före detta, a former name.
        let (text, kind) = match text.trim().strip_prefix("fd. ") {
            Some(former) => (former, AliasKind::FormerName),
            None => (text, kind),
        };
        let text = text.replace("_x000D_", " ");
        let parts: Vec<&str> = text.split('_').map(str::trim).collect();
        for part in &parts {
            // An abbreviation stays in capitals: MSB, not "Msb".
            let in_capitals = !part.contains(' ') && !part.chars().any(char::is_lowercase);
            if (parts.len() > 1 || in_capitals) && is_abbreviation(part) {
                self.aliases
                    .entry((*part).to_owned())
                    .or_insert(AliasKind::Abbreviation);
                continue;
            }
            let aside = clean::aside(part);
            let kind = if aside.as_deref().is_some_and(says_old_name) {
                AliasKind::FormerName
            } else {
                kind
            };
            self.aliases.entry(clean::name(part)).or_insert(kind);
            if let Some(aside) = aside {
                self.add_aside(&aside);
            }
        }
    }

    /// What a register writes in parentheses beside a name (see
    /// [`clean::aside`]): other names and abbreviations, separated by
    /// commas (`Swedish Agency for Research Cooperation with Developing
    /// Countries, SAREC`). The country and a note that the name is old are
    /// no names; an abbreviation in lower case (Wikidata's `siun`) is
    /// written in capitals.
    pub(super) fn add_aside(&mut self, aside: &str) {
        for part in aside.split(", ").map(str::trim) {
            if says_old_name(part) || part == "Sverige" || part.is_empty() {
                continue;
            }
            let lower_case_abbreviation = (2..=5).contains(&part.chars().count())
                && part.chars().all(|c| c.is_alphabetic() && c.is_lowercase());
            if is_abbreviation(part) {
                self.aliases
                    .insert(part.to_owned(), AliasKind::Abbreviation);
            } else if lower_case_abbreviation {
                self.aliases
                    .insert(part.to_uppercase(), AliasKind::Abbreviation);
            } else {
                self.aliases
                    .entry(clean::name(part))
                    .or_insert(AliasKind::OtherName);
            }
        }
    }

    /// A name the agency has had, in Swedish or English, is no other name;
    /// nor is a spelling of one ("Statens museer för maritim, transport-
    /// och försvarshistoria").
    pub(super) fn forget_own_names(&mut self) {
        let names = &self.names;
        self.aliases.retain(|alias, _| {
            !alias.trim().is_empty()
                && !names.iter().any(|name| {
                    one_spelling(alias, &name.sv)
                        || name.en.as_ref().is_some_and(|en| one_spelling(alias, en))
                })
        });
    }
}

/// Whether what a register writes beside a name says it is an old one
/// (ESV's `Statskontoret (gamla)`, Statskontoret's `Centrala
/// etikprövningsnämnden (gammalt namn)`).
fn says_old_name(aside: &str) -> bool {
    matches!(aside, "gamla" | "gammalt namn" | "tidigare namn")
}

/// TRV, SVK, Jämy: short, one word, with a capital.
fn is_abbreviation(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 8 && !text.contains(' ') && text.chars().any(char::is_uppercase)
}
