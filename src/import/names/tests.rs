//! Unit tests of [`super`].

use super::*;

fn matcher(names: &[(&str, u32)]) -> Matcher<u32> {
    let mut matcher = Matcher::default();
    for (name, target) in names {
        matcher.add(name, *target);
    }
    matcher
}

fn found(matcher: &Matcher<u32>, text: &str) -> Vec<(String, Vec<u32>)> {
    matcher
        .find(text)
        .into_iter()
        .map(|m| (m.written, m.targets))
        .collect()
}

#[test]
fn one_key_for_every_spelling() {
    assert_eq!(key("Polis\u{ad}myndig\u{ad}heten"), "polismyndigheten");
    assert_eq!(
        key("  LÄNSSTYRELSEN I  Skåne län "),
        "länsstyrelsen i skåne län"
    );
    assert_eq!(
        key("Tandvårds- och läkemedelsförmånsverket"),
        "tandvårds och läkemedelsförmånsverket"
    );
    assert_eq!(
        key("Havs-och vattenmyndigheten"),
        key("Havs- och vattenmyndigheten")
    );
    assert_eq!(key("Jord-ochskogsverket"), "jordochskogsverket");
    assert_eq!(key("Statskontoret (gamla)"), "statskontoret");
    assert_eq!(
        key("Myndigheten för familjerätt och föräldra-skapsstöd"),
        key("Myndigheten för familjerätt och föräldraskapsstöd")
    );
    assert_eq!(
        key("Svenska kraftnät, affärsverk"),
        "svenska kraftnät affärsverk"
    );
}

#[test]
fn names_are_found_longest_first_in_running_text() {
    let m = matcher(&[
        ("Läkemedelsverket", 1),
        ("Tandvårds- och läkemedelsförmånsverket", 2),
        ("Länsstyrelsen i Stockholms län", 3),
        ("Länsstyrelsen", 9),
    ]);
    assert_eq!(
        found(
            &m,
            "Regeringen uppdrar åt Läkemedelsverket och Tandvårds- och läkemedelsförmånsverket att"
        ),
        vec![
            ("Läkemedelsverket".to_owned(), vec![1]),
            ("Tandvårds- och läkemedelsförmånsverket".to_owned(), vec![2])
        ]
    );
    assert_eq!(
        found(&m, "ger Länsstyrelsen i Stockholms län i uppdrag"),
        vec![("Länsstyrelsen i Stockholms län".to_owned(), vec![3])]
    );
}

#[test]
fn genitives_soft_hyphens_and_abbreviations_in_parentheses() {
    let m = matcher(&[
        ("Myndigheten för ungdoms- och civilsamhällesfrågor", 1),
        ("MUCF", 1),
        ("Polismyndigheten", 2),
        ("Statistiska centralbyrån", 3),
        ("SCB", 3),
    ]);
    assert_eq!(
        found(
            &m,
            "Myndigheten för ungdoms- och civilsamhällesfrågors (MUCF:s) uppdrag"
        ),
        vec![
            (
                "Myndigheten för ungdoms- och civilsamhällesfrågors".to_owned(),
                vec![1]
            ),
            ("MUCF".to_owned(), vec![1])
        ]
    );
    assert_eq!(
        found(&m, "Polis\u{ad}myndig\u{ad}hetens arbete"),
        vec![("Polismyndighetens".to_owned(), vec![2])]
    );
    assert_eq!(
        found(&m, "Statistiska centralbyrån (SCB) ska"),
        vec![
            ("Statistiska centralbyrån".to_owned(), vec![3]),
            ("SCB".to_owned(), vec![3])
        ]
    );
}

#[test]
fn abbreviations_are_found_only_as_written() {
    let m = matcher(&[
        ("DO", 1),
        ("Diskrimineringsombudsmannen", 1),
        ("HaV", 2),
        ("SKI", 3),
    ]);
    assert_eq!(found(&m, "vi do det"), vec![]);
    assert_eq!(found(&m, "DO ska"), vec![("DO".to_owned(), vec![1])]);
    assert_eq!(
        found(&m, "HaV:s uppdrag"),
        vec![("HaV".to_owned(), vec![2])]
    );
    assert_eq!(found(&m, "ska inte"), vec![]);
    assert_eq!(found(&m, "SKIs"), vec![("SKIs".to_owned(), vec![3])]);
}

#[test]
fn a_long_name_misspelt_by_one_letter_is_found() {
    let m = matcher(&[
        ("Strålsäkerhetsmyndigheten", 1),
        ("Transportstyrelsen", 2),
        ("Skolverket", 3),
    ]);
    assert_eq!(
        found(&m, "Strålsäkerhetmyndigheten ska"),
        vec![("Strålsäkerhetmyndigheten".to_owned(), vec![1])]
    );
    assert_eq!(
        found(&m, "Transportstyrelser"),
        vec![("Transportstyrelser".to_owned(), vec![2])]
    );
    assert_eq!(found(&m, "Skolverken"), vec![], "short names must be exact");
    assert!(
        one_letter_apart("abc", "abd")
            && one_letter_apart("abc", "abxc")
            && !one_letter_apart("abc", "axyc")
    );
}

#[test]
fn a_name_of_two_agencies_names_both() {
    let m = matcher(&[("Statskontoret", 1), ("Statskontoret", 2)]);
    assert_eq!(m.get("statskontoret"), &[1, 2]);
    assert_eq!(m.get("Riksbanken"), &[] as &[u32]);
}

#[test]
fn an_abbreviation_is_found_also_as_its_name_written_with_a_capital() {
    let m = matcher(&[
        ("FORMAS", 1),
        ("Formas", 1),
        ("FI", 2),
        ("Fi", 2),
        ("HaV", 3),
        ("HAV", 3),
    ]);
    assert_eq!(
        found(&m, "Boverket, Formas och"),
        vec![("Formas".to_owned(), vec![1])]
    );
    assert_eq!(found(&m, "FORMAS:s"), vec![("FORMAS".to_owned(), vec![1])]);
    assert_eq!(found(&m, "ska formas av"), vec![], "the verb");
    assert_eq!(found(&m, "utredningen (Fi 2022:01)"), vec![], "a committee");
    assert_eq!(found(&m, "FI ska"), vec![("FI".to_owned(), vec![2])]);
    // Two abbreviations of one name do not make it a word: "hav" is the sea.
    assert_eq!(found(&m, "ut i hav och sjöar"), vec![]);
    assert_eq!(found(&m, "HAV ska"), vec![("HAV".to_owned(), vec![3])]);
}
