//! The cleaning of names, dates and contacts, on values as the registers
//! write them.

use super::*;

/// An address as SCB writes it: street, postcode, city.
fn lines(street: Option<&str>, postcode: Option<&str>, city: Option<&str>) -> Address {
    Address {
        address: street.map(str::to_owned),
        postcode: postcode.map(str::to_owned),
        city: city.map(str::to_owned),
    }
}

#[test]
fn what_a_register_writes_beside_a_name_is_no_part_of_it() {
    let sarec = "Styrelsen för u-landsforskning (Swedish Agency for Research \
                 Cooperation with Developing Countries, SAREC)";
    assert_eq!(name(sarec), "Styrelsen för u-landsforskning");
    assert_eq!(
        aside(sarec).as_deref(),
        Some("Swedish Agency for Research Cooperation with Developing Countries, SAREC")
    );
    assert_eq!(name("Instruktion för Statens va-nämnd"), "Statens va-nämnd");
    assert_eq!(aside("Instruktion för Statens va-nämnd"), None);
    // ESV: a full stop before the parentheses, Excel's escaped line end.
    let isa = "Delegationen för utländska investeringar i Sverige. (Invest in Sveden Agency)";
    assert_eq!(
        name(isa),
        "Delegationen för utländska investeringar i Sverige"
    );
    assert_eq!(aside(isa).as_deref(), Some("Invest in Sveden Agency"));
    let escaped = "Delegationen för investeringar i Sverige (ISA)_x000D_";
    assert_eq!(name(escaped), "Delegationen för investeringar i Sverige");
    assert_eq!(aside(escaped).as_deref(), Some("ISA"));
    assert_eq!(name("STATSKONTORET (gamla)"), "Statskontoret");
    // Parentheses that close no aside are left as written.
    assert_eq!(name("Rådet (för"), "Rådet (för");
    assert_eq!(aside("Rådet ()"), None);
}

#[test]
fn words_the_register_of_missions_misspells_are_spelt_right() {
    assert_eq!(
        name("Svergies ambassad Santigao"),
        "Sveriges ambassad Santiago"
    );
    assert_eq!(
        name("Svergies delegation NATO Bryssel"),
        "Sveriges delegation NATO Bryssel"
    );
}

#[test]
fn names_and_addresses_come_out_of_capitals() {
    assert_eq!(name("REDERINÄMNDEN"), "Rederinämnden");
    assert_eq!(
        name("Nämnden mot diskriminering"),
        "Nämnden mot diskriminering"
    );
    let office = lines(Some("RÖDA VÄGEN 1"), Some("781 70"), Some("BORLÄNGE"));
    assert_eq!(
        address(ContactKind::VisitingAddress, &office)
            .unwrap()
            .value,
        "Röda vägen 1, 781 70 Borlänge"
    );
}

#[test]
fn a_name_has_one_space_between_words() {
    assert_eq!(
        name(" Sveriges ambassad  Zagreb "),
        "Sveriges ambassad Zagreb"
    );
    assert_eq!(spaced("Government  Offices"), "Government Offices");
}

#[test]
fn a_word_broken_at_a_lines_end_is_whole_again() {
    assert_eq!(name("Skatteför- valtningen"), "Skatteförvaltningen");
    for shared_ending in [
        "Dans- och cirkushögskolan",
        "Statens museer för maritim-, transport- och försvarshistoria",
        "Statens ljud- eller bildarkiv",
        "Kungliga hov- och slottsstaten",
    ] {
        assert_eq!(name(shared_ending), shared_ending);
    }
}

#[test]
fn a_second_line_of_an_address_follows_a_comma() {
    let office = lines(
        Some("RÅDHUSGATAN 2  RÅDHUSET"),
        Some("371 31"),
        Some("KARLSKRONA"),
    );
    assert_eq!(
        address(ContactKind::VisitingAddress, &office)
            .unwrap()
            .value,
        "Rådhusgatan 2, Rådhuset, 371 31 Karlskrona"
    );
    let abroad = lines(Some("Avenida Reforma 9-55,  zona 10"), None, None);
    assert_eq!(
        address(ContactKind::PostalAddress, &abroad).unwrap().value,
        "Avenida Reforma 9-55, zona 10"
    );
}

#[test]
fn an_unknown_postcode_and_an_empty_street_are_left_out() {
    let unknown = lines(Some("Box 2218"), Some("000 00"), Some("STOCKHOLM"));
    assert_eq!(
        address(ContactKind::PostalAddress, &unknown).unwrap().value,
        "Box 2218, Stockholm"
    );
    let empty = lines(Some(""), Some("000 00"), Some("STOCKHOLM"));
    assert_eq!(address(ContactKind::VisitingAddress, &empty), None);
}

#[test]
fn dates_of_every_shape_are_read_to_what_they_know() {
    let sfs = date(&Loose::Text("2010-04-01T00:00:00".into()), false).unwrap();
    assert_eq!(sfs.to_string(), "2010-04-01");
    assert_eq!(
        date(&Loose::Number(2010), false).unwrap().to_string(),
        "2010"
    );
    assert_eq!(
        date(&Loose::Text("2010".into()), false)
            .unwrap()
            .to_string(),
        "2010"
    );
    // Wikidata's "1 January" is a year.
    let wd = date(&Loose::Text("1998-01-01T00:00:00Z".into()), true).unwrap();
    assert_eq!(wd.to_string(), "1998");
    assert_eq!(date(&Loose::Text(String::new()), false), None);
}

#[test]
fn contacts_are_made_usable() {
    assert_eq!(website("www.arn.se").unwrap().value, "https://www.arn.se");
    assert_eq!(
        website("www.Kammarkollegiet.se/alkoholsortimentsnamnden")
            .unwrap()
            .value,
        "https://www.kammarkollegiet.se/alkoholsortimentsnamnden"
    );
    assert_eq!(email(" ARN@arn.se ").unwrap().value, "arn@arn.se");
    assert_eq!(email("not an address"), None);
    assert_eq!(
        phone(&Loose::Number(104758000)).unwrap().unwrap().value,
        "+46104758000"
    );
    assert!(phone(&Loose::Text("okänt".into())).is_err());
    assert_eq!(
        phone(&Loose::Text("+66 2 263 72 00 / +66 2 263 72 11".into()))
            .unwrap()
            .unwrap()
            .value,
        "+6622637200"
    );
    assert_eq!(phone(&Loose::Text(String::new())), Ok(None));
}

#[test]
fn slugs_are_ascii() {
    assert_eq!(
        slug("Länsstyrelsen i Skåne län"),
        "lansstyrelsen-i-skane-lan"
    );
    assert_eq!(
        slug("Statens museer för maritim-, transport- och försvarshistoria"),
        "statens-museer-for-maritim-transport-och-forsvarshistoria"
    );
    assert_eq!(sfs_number("2010:185").as_deref(), Some("2010:185"));
    assert_eq!(sfs_number("SFS 2010"), None);
}

#[test]
fn an_english_name_has_letters_and_nothing_a_sentence_puts_around_it() {
    for (given, kept) in [
        (
            "National Agency for Education.",
            Some("National Agency for Education"),
        ),
        (" Government  Offices ", Some("Government Offices")),
        ("the Swedish eHealth Agency", Some("Swedish eHealth Agency")),
        (
            "The Equality Ombudsman (Diskrimineringsombudsmannen, DO)",
            Some("The Equality Ombudsman"),
        ),
        ("?", None),
        (" . ", None),
        ("", None),
    ] {
        assert_eq!(english_name(given).as_deref(), kept, "{given:?}");
    }
}

#[test]
fn a_name_starts_with_a_capital_and_no_sentence_ends_it() {
    assert_eq!(name("överståthållarämbetet"), "Överståthållarämbetet");
    assert_eq!(
        name("Delegationen för utländska investeringar i Sverige."),
        "Delegationen för utländska investeringar i Sverige"
    );
    assert_eq!(
        name("Avvecklingsmyndigheten för skolmyndigheter m.m."),
        "Avvecklingsmyndigheten för skolmyndigheter m.m."
    );
}
