//! Unit tests of [`super`].

use super::*;

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn directory() -> (Directory, [Uuid; 7]) {
    use AgencyKind::{CountyAdministrativeBoard, GovernmentAgency, Ministry};
    let ids = [(); 7].map(|_| Uuid::new_v4());
    let agency = |id, started_on, ended_on, kind| Agency {
        id,
        started_on,
        ended_on,
        kind,
    };
    let mut directory = Directory::new(vec![
        agency(ids[0], day(1965, 1, 1), day(2015, 1, 1), GovernmentAgency),
        agency(ids[1], day(2015, 1, 1), None, GovernmentAgency),
        agency(ids[2], None, None, CountyAdministrativeBoard),
        agency(ids[3], None, None, CountyAdministrativeBoard),
        // Statskontoret until 2026, and Ekonomistyrningsverket renamed
        // Statskontoret from 2026.
        agency(ids[4], None, day(2026, 1, 1), GovernmentAgency),
        agency(ids[5], None, None, GovernmentAgency),
        agency(ids[6], None, None, Ministry),
    ]);
    directory.add_name("Rikspolisstyrelsen", ids[0], Some((None, None)));
    directory.add_name("Polismyndigheten", ids[1], Some((None, None)));
    directory.add_name("Länsstyrelsen i Stockholms län", ids[2], Some((None, None)));
    directory.add_name("Länsstyrelsen i Skåne län", ids[3], Some((None, None)));
    directory.add_name("Statskontoret", ids[4], Some((None, day(2026, 1, 1))));
    directory.add_name(
        "Ekonomistyrningsverket",
        ids[5],
        Some((None, day(2026, 1, 1))),
    );
    directory.add_name("Statskontoret", ids[5], Some((day(2026, 1, 1), None)));
    directory.add_name("ESV", ids[5], None);
    directory.add_name("Finansdepartementet", ids[6], Some((None, None)));
    (directory, ids)
}

fn read(phrases: &[&str], lead: Option<&str>) -> Extracted {
    Extracted {
        title: "Uppdrag".to_owned(),
        case_numbers: vec![],
        cited_case_numbers: vec![],
        amendment: false,
        ends: false,
        cited_decision: None,
        linked_pages: vec![],
        recipient_phrases: phrases.iter().map(|p| p.to_string()).collect(),
        lead_sentence: lead.map(str::to_owned),
        consulted_phrases: vec!["Polismyndigheten och ESV".to_owned()],
        due: None,
        interim: vec![],
    }
}

fn month(text: &str) -> PartialDate {
    PartialDate::parse(text).unwrap()
}

#[test]
fn a_name_is_the_agency_that_had_it_then() {
    let (directory, ids) = directory();
    let got = directory.resolve(&read(&["Statskontoret"], None), month("2015-05"));
    assert_eq!(got.lead, Some(ids[4]));
    let got = directory.resolve(&read(&["Statskontoret"], None), month("2026-01"));
    assert_eq!(got.lead, Some(ids[5]));
    // A name an agency took only later is not its name before, whatever
    // a list of spellings says: the old
    // Statskontoret ended (here) on 2025-01-01, Ekonomistyrningsverket
    // took the name on 2026-01-01; in 2025-09 "Statskontoret" is
    // neither.
    let (old, new) = (Uuid::new_v4(), Uuid::new_v4());
    let mut gap = Directory::new(vec![
        Agency {
            id: old,
            started_on: None,
            ended_on: day(2025, 1, 1),
            kind: AgencyKind::GovernmentAgency,
        },
        Agency {
            id: new,
            started_on: None,
            ended_on: None,
            kind: AgencyKind::GovernmentAgency,
        },
    ]);
    gap.add_name("Statskontoret", old, Some((None, day(2025, 1, 1))));
    gap.add_name("Ekonomistyrningsverket", new, Some((None, day(2026, 1, 1))));
    gap.add_name("Statskontoret", new, Some((day(2026, 1, 1), None)));
    gap.add_spelling("Statskontoret", "Statskontoret");
    let got = gap.resolve(&read(&["Statskontoret"], None), month("2025-09"));
    assert_eq!(
        (got.lead, got.unresolved),
        (None, Some(Unresolved::NotActive))
    );
    // Rikspolisstyrelsen had ended when Polismyndigheten began: the
    // name is not moved to its successor.
    let got = directory.resolve(&read(&["Rikspolisstyrelsen"], None), month("2016-03"));
    assert_eq!(got.lead, None);
    assert_eq!(got.unresolved, Some(Unresolved::NotActive));
}

#[test]
fn a_ministry_is_not_given_an_assignment() {
    let (directory, ids) = directory();
    // "ger regeringen Socialdepartementet ett antal uppdrag", in a text
    // whose title names the agency.
    let got = directory.resolve(
        &read(&["Finansdepartementet ett antal", "Polismyndigheten"], None),
        month("2025-10"),
    );
    assert_eq!(
        (got.lead, got.co_recipients, got.unresolved),
        (Some(ids[1]), vec![], None)
    );
    let got = directory.resolve(
        &read(&["Finansdepartementets del av kostnaderna"], None),
        month("2025-10"),
    );
    assert_eq!(
        (got.lead, got.unresolved),
        (None, Some(Unresolved::NoMatch))
    );
    // Consulted, it is: "i samråd med Regeringskansliet (Finansdepartementet)".
    let mut consulting = read(&["Polismyndigheten"], None);
    consulting.consulted_phrases = vec!["Regeringskansliet (Finansdepartementet)".to_owned()];
    let got = directory.resolve(&consulting, month("2025-10"));
    assert_eq!((got.lead, got.consulted), (Some(ids[1]), vec![ids[6]]));
}

#[test]
fn the_lead_is_named_first_or_called_sammankallande() {
    let (directory, ids) = directory();
    let got = directory.resolve(
        &read(&["Statskontoret och Ekonomistyrningsverket"], None),
        month("2016-01"),
    );
    assert_eq!(
        (got.lead, got.co_recipients.clone()),
        (Some(ids[4]), vec![ids[5]])
    );
    assert_eq!(got.consulted, vec![ids[1]], "a recipient is not consulted");
    let got = directory.resolve(
        &read(
            &["Statskontoret och Ekonomistyrningsverket"],
            Some("Ekonomistyrningsverket ska vara sammankallande."),
        ),
        month("2016-01"),
    );
    assert_eq!((got.lead, got.co_recipients), (Some(ids[5]), vec![ids[4]]));
}

#[test]
fn the_county_boards_together_or_by_county() {
    let (directory, ids) = directory();
    let got = directory.resolve(&read(&["länsstyrelserna"], None), month("2016-01"));
    assert_eq!(got.lead, None);
    let mut all = got.co_recipients.clone();
    all.sort();
    let mut expected = vec![ids[2], ids[3]];
    expected.sort();
    assert_eq!(all, expected);
    assert_eq!(got.unresolved, None);
    let got = directory.resolve(
        &read(&["Länsstyrelserna i Skåne och Stockholms län"], None),
        month("2016-01"),
    );
    assert_eq!((got.lead, got.co_recipients), (Some(ids[3]), vec![ids[2]]));
    let got = directory.resolve(
        &read(
            &["länsstyrelserna"],
            Some("Länsstyrelsen i Stockholms län ska vara sammankallande."),
        ),
        month("2016-01"),
    );
    assert_eq!(got.lead, Some(ids[2]));
    // "samtliga länsstyrelser" in the lead's sentence names none of them:
    // the board it names leads (the one that would not come first among
    // all of them).
    let (named, county) = if ids[2] > ids[3] {
        (ids[2], "Stockholms")
    } else {
        (ids[3], "Skåne")
    };
    let sentence = format!(
        "Som ansvarig länsstyrelse för samordningen avseende samtliga länsstyrelser ska \
         Länsstyrelsen i {county} län genomföra uppdraget."
    );
    let got = directory.resolve(
        &read(&["länsstyrelserna"], Some(&sentence)),
        month("2016-01"),
    );
    assert_eq!(got.lead, Some(named));
    // An agency named before them leads, as the first named does.
    let got = directory.resolve(
        &read(&["Polismyndigheten och länsstyrelserna"], None),
        month("2016-01"),
    );
    assert_eq!(got.lead, Some(ids[1]));
    assert_eq!(got.co_recipients.len(), 2);
}

#[test]
fn what_names_no_agency_says_why() {
    let (directory, _) = directory();
    let why = |phrase: &str| {
        directory
            .resolve(&read(&[phrase], None), month("2016-01"))
            .unresolved
    };
    assert_eq!(why("en särskild utredare"), Some(Unresolved::Person));
    assert_eq!(why("Anna Svensson"), Some(Unresolved::Person));
    assert_eq!(
        why("Sveriges Kommuner och Landsting (SKL)"),
        Some(Unresolved::NotAStateAgency)
    );
    assert_eq!(
        why("de myndigheter som anges i bilagan"),
        Some(Unresolved::Annex)
    );
    // A title in its definite form, and bodies in compounds and plurals.
    for person in [
        "generaldirektören Susanne Ås Sivborg",
        "landshövdingen Stefan Attefall",
        "statsrådet Erik Slottner, eller den han sätter i sitt ställe,",
    ] {
        assert_eq!(why(person), Some(Unresolved::Person), "{person}");
    }
    for body in [
        "Region Skåne att,",
        "regionerna och Gotlands kommun",
        "Kommunerna i Stockholms län",
        "utvecklingskommuner",
        "Riksförbundet Sveriges museer",
        "Norra sjukvårdsregionförbundet",
        "Yrkesföreningar för fysisk aktivitet",
        "OECD",
        // Owned by the state and the municipalities together.
        "Hjälpmedelsinstitutet (HI)",
    ] {
        assert_eq!(why(body), Some(Unresolved::NotAStateAgency), "{body}");
    }
    assert_eq!(why("Okändaverket"), Some(Unresolved::NoMatch));
    assert_eq!(
        directory
            .resolve(&read(&[], None), month("2016-01"))
            .unresolved,
        Some(Unresolved::NoRecipient)
    );
}

#[test]
fn a_name_no_agency_had_then_is_read_as_the_names_inside_it() {
    let ids = [(); 3].map(|_| Uuid::new_v4());
    let agency = |id, started_on, ended_on| Agency {
        id,
        started_on,
        ended_on,
        kind: AgencyKind::GovernmentAgency,
    };
    // One agency until 1998, two since.
    let mut directory = Directory::new(vec![
        agency(ids[0], None, day(1998, 1, 1)),
        agency(ids[1], day(1998, 1, 1), None),
        agency(ids[2], day(1998, 1, 1), None),
    ]);
    directory.add_name(
        "Riksantikvarieämbetet och statens historiska museer",
        ids[0],
        None,
    );
    directory.add_name("Riksantikvarieämbetet", ids[1], None);
    directory.add_name("Statens historiska museer", ids[2], None);
    let phrase = "Riksantikvarieämbetet och Statens historiska museer";
    let got = directory.resolve(&read(&[phrase], None), month("2013-06"));
    assert_eq!(got.lead, Some(ids[1]));
    assert_eq!(got.co_recipients, [ids[2]]);
    assert_eq!(got.unresolved, None);
    let got = directory.resolve(&read(&[phrase], None), month("1995-06"));
    assert_eq!(got.lead, Some(ids[0]));
    assert!(got.co_recipients.is_empty());
}

/// "Vissa länsstyrelser" (the title's "Uppdrag till vissa länsstyrelser")
/// are not all of them; counties are listed with "respektive" too, and
/// without "län" ("länsstyrelserna i Stockholm, Östergötland och
/// Norrbotten").
#[test]
fn some_county_boards_are_not_all_of_them() {
    let (directory, ids) = directory();
    let [stockholm, skane] = [ids[2], ids[3]];
    let cases: [(&[&str], Option<Uuid>, Vec<Uuid>); 6] = [
        (
            &["Länsstyrelserna i Skåne län", "vissa länsstyrelser"],
            Some(skane),
            vec![],
        ),
        (
            &["länsstyrelserna i Skåne respektive Stockholms län"],
            Some(skane),
            vec![stockholm],
        ),
        (
            &["den 8 mars länsstyrelserna i Stockholm och Skåne"],
            Some(stockholm),
            vec![skane],
        ),
        (
            &["länsstyrelserna i  Stockholm  och  Skåne, med flera"],
            Some(stockholm),
            vec![skane],
        ),
        (
            &["länsstyrelserna i Skåne att utreda x"],
            Some(skane),
            vec![],
        ),
        (&["berörda länsstyrelser"], None, vec![]),
    ];
    for (phrases, lead, co_recipients) in cases {
        let got = directory.resolve(&read(phrases, None), month("2016-01"));
        assert_eq!(
            (got.lead, got.co_recipients),
            (lead, co_recipients),
            "{phrases:?}"
        );
    }
}
