//! Agency names as public texts write them, in one place for every import:
//! the registers' spellings (`matchlist.csv`) and the government's
//! assignments alike.
//!
//! Texts write one name many ways: in other case, with soft hyphens inside
//! words (`Polis\u{ad}myndig\u{ad}heten`), in the genitive
//! (`Polismyndighetens`, `civilsamhällesfrågors`, `MUCF:s`), with an
//! abbreviation in parentheses, with a line break or two spaces. A name's
//! [`key`] is the same for all of them, and a [`Matcher`] finds known names
//! inside running text, longest first.

use std::collections::HashMap;

/// The words of `text`, lower case: letters and digits, soft hyphens
/// dropped, everything else a separator (`Tandvårds- och
/// läkemedelsförmånsverket` → `tandvårds`, `och`, `läkemedelsförmånsverket`).
fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Option<Word> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        // A soft hyphen is no separator, nor is a hyphen inside a word
        // (`föräldra-skapsstöd`, `E-legitimationsnämnden`); one before a
        // space is (`Tandvårds- och`), and so is one before a conjunction
        // whose space was lost (`Havs-och vattenmyndigheten`).
        let inside_word = c == '-'
            && current.is_some()
            && chars
                .get(i + 1)
                .is_some_and(|(_, next)| next.is_alphanumeric())
            && !before_conjunction(&chars[i + 1..]);
        if c == '\u{ad}' || inside_word {
            continue;
        }
        if c.is_alphanumeric() {
            let word = current.get_or_insert_with(|| Word {
                start: at,
                end: at,
                lower: String::new(),
                capitals: true,
            });
            word.lower.extend(c.to_lowercase());
            word.capitals &= !c.is_lowercase();
            word.end = at + c.len_utf8();
        } else if let Some(word) = current.take() {
            words.push(word);
        }
    }
    words.extend(current);
    words
}

/// Whether `rest` begins with a conjunction as a word of its own (`och
/// vatten…`).
fn before_conjunction(rest: &[(usize, char)]) -> bool {
    ["och", "eller", "samt"].iter().any(|conjunction| {
        let length = conjunction.chars().count();
        rest.len() >= length
            && rest[..length]
                .iter()
                .map(|(_, c)| c.to_ascii_lowercase())
                .eq(conjunction.chars())
            && rest.get(length).map_or(true, |(_, c)| !c.is_alphanumeric())
    })
}

#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    lower: String,
    /// Whether the word has no lower-case letter (`SCB`, `MUCF`).
    capitals: bool,
}

/// The key of a name: its words in lower case, one space apart, soft
/// hyphens and punctuation gone. ESV's mark of an agency whose name a
/// successor took, " (gamla)", is not part of the name.
pub fn key(name: &str) -> String {
    let name = name.trim();
    let name = name.strip_suffix("(gamla)").unwrap_or(name);
    words(name)
        .into_iter()
        .map(|word| word.lower)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a name is an abbreviation (`SCB`, `HaV`, `Ei`): one short word
/// with a capital after its first letter, or all capitals. Abbreviations
/// are found only as written, so `DO` never matches the word "do".
fn is_abbreviation(name: &str) -> bool {
    let words = words(name);
    match words.as_slice() {
        [word] => {
            let letters = word.lower.chars().count();
            let capitals = name.chars().filter(|c| c.is_uppercase()).count();
            letters <= 6 && (word.capitals || capitals >= 2)
        }
        _ => false,
    }
}

/// A name found in a text: where, as written, and what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention<T> {
    /// Byte offsets of the name in the text.
    pub start: usize,
    pub end: usize,
    /// The name as the text writes it.
    pub written: String,
    /// Everything that goes by that name.
    pub targets: Vec<T>,
}

/// Known names, to be found in running text.
#[derive(Debug, Clone)]
pub struct Matcher<T> {
    names: HashMap<String, Entry<T>>,
    longest: usize,
    /// Names of one long word, which a text may misspell by a letter.
    long_words: Vec<String>,
}

/// How long a one-word name must be to be found misspelt by one letter
/// (`Strålsäkerhetmyndigheten`, `Transportstyrelser`).
pub const FORGIVEN_FROM: usize = 12;

/// Whether `a` and `b` differ by at most one letter added, left out or
/// changed.
pub fn one_letter_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let common_start = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    let common_end = short
        .iter()
        .rev()
        .zip(long.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    common_start + common_end + 1 >= long.len()
}

#[derive(Debug, Clone)]
struct Entry<T> {
    targets: Vec<T>,
    /// The forms an abbreviation's entry is found in, as written (letters
    /// and digits only): its abbreviations, and its names of four letters
    /// or more written with a capital.
    written: Vec<String>,
    /// Whether one of its names is an abbreviation: then it is found only
    /// in one of the forms `written` (`FORMAS` or `Formas`, not the verb
    /// "formas"); else in any case.
    abbreviation: bool,
}

impl<T> Default for Matcher<T> {
    fn default() -> Self {
        Matcher {
            names: HashMap::new(),
            longest: 0,
            long_words: Vec::new(),
        }
    }
}

impl<T: Clone + PartialEq> Matcher<T> {
    /// Adds a name of `target`. A name given to several targets names all
    /// of them; the caller decides between them.
    pub fn add(&mut self, name: &str, target: T) {
        let key = key(name);
        if key.is_empty() {
            return;
        }
        let length = key.split(' ').count();
        self.longest = self.longest.max(length);
        if length == 1 && key.chars().count() >= FORGIVEN_FROM && !self.names.contains_key(&key) {
            self.long_words.push(key.clone());
        }
        let written: String = words(name)
            .into_iter()
            .map(|w| name[w.start..w.end].to_owned())
            .collect();
        let abbreviation = is_abbreviation(name);
        let entry = self.names.entry(key).or_insert_with(|| Entry {
            targets: Vec::new(),
            written: Vec::new(),
            abbreviation: false,
        });
        entry.abbreviation |= abbreviation;
        // A spelling in lower case (`av`, from a list of spellings) does
        // not make an abbreviation a word, nor does a short word with only
        // its first letter capital (`Fi`, as in the committee `Fi 2022:01`).
        let a_form = abbreviation
            || (written.chars().any(char::is_uppercase) && written.chars().count() >= 4);
        if a_form && !entry.written.contains(&written) {
            entry.written.push(written);
        }
        if !entry.targets.contains(&target) {
            entry.targets.push(target);
        }
    }

    /// What `name` names, as a whole.
    pub fn get(&self, name: &str) -> &[T] {
        self.names
            .get(&key(name))
            .map_or(&[], |entry| entry.targets.as_slice())
    }

    /// The known names in `text`, left to right, each the longest that
    /// starts there; a name in the genitive (`Skolverkets`, `MUCF:s`) is
    /// found as the name.
    pub fn find(&self, text: &str) -> Vec<Mention<T>> {
        self.find_shorter_than(text, usize::MAX)
    }

    /// The shorter names inside `mention`, a name found in `text`
    /// (`Riksantikvarieämbetet` and `Statens historiska museer` inside the
    /// name of the agency they were one of until 1998), at their places
    /// in `text`.
    pub fn find_inside(&self, text: &str, mention: &Mention<T>) -> Vec<Mention<T>> {
        let inner = &text[mention.start..mention.end];
        self.find_shorter_than(inner, words(inner).len())
            .into_iter()
            .map(|found| Mention {
                start: mention.start + found.start,
                end: mention.start + found.end,
                ..found
            })
            .collect()
    }

    /// As [`Matcher::find`], for names of fewer than `limit` words.
    fn find_shorter_than(&self, text: &str, limit: usize) -> Vec<Mention<T>> {
        let limit = limit.saturating_sub(1);
        if limit == 0 {
            return Vec::new();
        }
        let words = words(text);
        let mut found = Vec::new();
        let mut at = 0;
        while at < words.len() {
            let longest = self.longest.min(words.len() - at).min(limit);
            let hit = (1..=longest)
                .rev()
                .find_map(|length| {
                    self.lookup(text, &words[at..at + length])
                        .map(|t| (length, t))
                })
                .or_else(|| self.misspelt(&words[at]).map(|t| (1, t)));
            match hit {
                Some((length, targets)) => {
                    let (start, end) = (words[at].start, words[at + length - 1].end);
                    found.push(Mention {
                        start,
                        end,
                        written: text[start..end].replace('\u{ad}', ""),
                        targets: targets.to_vec(),
                    });
                    at += length;
                }
                None => at += 1,
            }
        }
        found
    }

    /// A long one-word name that `word` misspells by one letter, if exactly
    /// one is that close.
    fn misspelt(&self, word: &Word) -> Option<&[T]> {
        if word.lower.chars().count() < FORGIVEN_FROM {
            return None;
        }
        let mut close = self
            .long_words
            .iter()
            .filter(|name| one_letter_apart(name, &word.lower));
        let name = close.next()?;
        if close.next().is_some() {
            return None;
        }
        self.names.get(name).map(|entry| entry.targets.as_slice())
    }

    fn lookup(&self, text: &str, words: &[Word]) -> Option<&[T]> {
        let (last, first) = words.split_last()?;
        let mut candidates = vec![last.lower.clone()];
        if let Some(stem) = last.lower.strip_suffix('s') {
            if !stem.is_empty() {
                candidates.push(stem.to_owned());
            }
        }
        candidates.into_iter().find_map(|last_word| {
            let key = first
                .iter()
                .map(|w| w.lower.as_str())
                .chain(std::iter::once(last_word.as_str()))
                .collect::<Vec<_>>()
                .join(" ");
            let entry = self.names.get(&key)?;
            if entry.abbreviation {
                let written: String = text[words[0].start..last.end]
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                // As written, or with the genitive s.
                let as_written = entry.written.iter().any(|form| {
                    written
                        .strip_prefix(form.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest == "s")
                });
                if !as_written {
                    return None;
                }
            }
            Some(entry.targets.as_slice())
        })
    }
}

#[cfg(test)]
mod tests;
