//! Lineage that does not contradict itself, and one agency under two numbers.

use super::*;

#[test]
fn a_predecessor_filed_under_an_agency_that_goes_on_is_not_a_link_nor_a_name() {
    let snapshot = snapshot(
        json!({
            "Arbetarskyddsstyrelsen": {"end": "1987-07-01T00:00:00"},
            "Arbetarskyddsverket": {"start": "1987-07-01T00:00:00", "end": "2001-01-01T00:00:00",
                                    "replaces": ["Arbetarskyddsstyrelsen"]},
            "Arbetsmiljöverket": {"start": "2001-01-01T00:00:00", "replaces": ["Arbetarskyddsverket"]},
        }),
        json!({}),
        "arbetarskyddsstyrelsen,Arbetsmiljöverket\n",
    );
    assert_eq!(
        links(&snapshot),
        [(
            "Arbetarskyddsverket",
            "Arbetsmiljöverket",
            "replaced",
            date("2001-01-01")
        )]
    );
    let av = agency(&snapshot, "Arbetsmiljöverket");
    assert_eq!(names(av), [("Arbetsmiljöverket", date("2001-01-01"), None)]);
    assert_eq!(av.started_on, date("2001-01-01"));
    assert_eq!(av.ended_on, None);
    assert_eq!(
        av.aliases.get("Arbetarskyddsstyrelsen"),
        Some(&AliasKind::FormerName)
    );
    assert!(
        snapshot.skipped.iter().any(|s| {
            s.contains(
            "'Arbetsmiljöverket' did not end when 'Arbetarskyddsverket' took over on 1987-07-01"
        )
        }),
        "{:?}",
        snapshot.skipped
    );
}

#[test]
fn a_replaced_agency_without_an_end_ended_when_its_successor_took_its_name() {
    let snapshot = snapshot(
        json!({
            "Rikspolisstyrelsen": {"start": "1984-10-01T00:00:00", "end": "2015-01-01T00:00:00"},
            "Polismyndigheten": {"start": "2015-01-01T00:00:00", "replaces": ["Rikspolisstyrelsen"]},
        }),
        json!({
            "Polismyndigheten": {"start": "2015-01-01T00:00:00Z",
                                 "replaces": ["Polismyndigheten i Blekinge län"]},
            "Polismyndigheten i Blekinge län": {"replaced_by": ["Polismyndigheten"]},
        }),
        "rikspolisstyrelsen,Polismyndigheten\n",
    );
    let police = agency(&snapshot, "Polismyndigheten");
    assert_eq!(
        names(police),
        [
            ("Rikspolisstyrelsen", date("1984-10-01"), date("2015-01-01")),
            ("Polismyndigheten", date("2015-01-01"), None),
        ]
    );
    // Dated by the name the successor took that day (SFS's day, not
    // Wikidata's year, and not the start of the agency as a whole).
    assert_eq!(
        links(&snapshot),
        [(
            "Polismyndigheten i Blekinge län",
            "Polismyndigheten",
            "replaced",
            date("2015-01-01")
        )]
    );
    let blekinge = agency(&snapshot, "Polismyndigheten i Blekinge län");
    assert_eq!(blekinge.ended_on, date("2015-01-01"));
    assert!(snapshot
        .conflicts
        .iter()
        .any(|c| c.starts_with("Polismyndigheten i Blekinge län: no register gives an end")));
}

#[test]
fn a_name_no_register_ends_gave_way_to_the_next_and_dates_the_link() {
    let snapshot = snapshot(
        json!({
            "Radio- och TV-verket": {"start": "1994-07-01T00:00:00", "end": "2010-08-01T00:00:00"},
            "Myndigheten för press, radio och tv": {"start": "2010-08-01T00:00:00",
                                                    "replaces": ["Radio- och TV-verket"]},
            "Mediemyndigheten": {"start": "2024-01-01T00:00:00"},
        }),
        json!({}),
        "\"myndigheten för press, radio och tv\",Mediemyndigheten\n",
    );
    let media = agency(&snapshot, "Mediemyndigheten");
    assert_eq!(
        names(media),
        [
            (
                "Myndigheten för press, radio och tv",
                date("2010-08-01"),
                date("2024-01-01")
            ),
            ("Mediemyndigheten", date("2024-01-01"), None),
        ]
    );
    assert_eq!(media.started_on, date("2010-08-01"));
    assert_eq!(
        links(&snapshot),
        [(
            "Radio- och TV-verket",
            "Mediemyndigheten",
            "replaced",
            date("2010-08-01")
        )]
    );
}

#[test]
fn two_agencies_named_each_other_s_predecessor_are_not_linked() {
    let snapshot = snapshot(
        json!({
            "Östra verket": {"start": "1990-01-01T00:00:00", "end": "2000-01-01T00:00:00",
                             "replaces": ["Västra verket"]},
            "Västra verket": {"start": "1990-01-01T00:00:00", "end": "2000-01-01T00:00:00",
                              "replaces": ["Östra verket"]},
        }),
        json!({}),
        "",
    );
    assert_eq!(links(&snapshot), []);
    assert_eq!(
        snapshot
            .skipped
            .iter()
            .filter(|s| s.starts_with("lineage:") && s.ends_with("the link is left out"))
            .count(),
        2
    );
    // Undated, neither link can be placed; stated both ways, neither stands.
    let undated = self::snapshot(
        json!({
            "Östra verket": {"replaces": ["Västra verket"]},
            "Västra verket": {"replaces": ["Östra verket"]},
        }),
        json!({}),
        "",
    );
    assert_eq!(links(&undated), []);
    assert_eq!(
        undated
            .skipped
            .iter()
            .filter(|s| s.contains("are each named the other's predecessor"))
            .count(),
        2
    );
}

#[test]
fn a_ministry_agencies_answer_to_has_not_ended() {
    let snapshot = snapshot(
        json!({
            "Utrikesdepartementet": {"end": "1997-01-01T00:00:00"},
            "Regeringskansliet": {"start": "1997-01-01T00:00:00", "replaces": ["Utrikesdepartementet"]},
            "Kommerskollegium": {"start": "1985-07-01T00:00:00"},
        }),
        json!({"Kommerskollegium": {"mother_org": "Utrikesdepartementet"}}),
        "",
    );
    let kommerskollegium = agency(&snapshot, "Kommerskollegium");
    assert_eq!(
        kommerskollegium.ministry.as_deref(),
        Some("Utrikesdepartementet")
    );
    assert_eq!(agency(&snapshot, "Utrikesdepartementet").ended_on, None);
    assert_eq!(links(&snapshot), []);
    assert!(
        snapshot
            .conflicts
            .iter()
            .any(|c| c.starts_with("Utrikesdepartementet: end 1997-01-01 left out")),
        "{:?}",
        snapshot.conflicts
    );
}

#[test]
fn a_number_one_register_alone_gives_is_not_a_second_agency() {
    let files = Files {
        sfs: parsed(json!({
            "Statens järnvägar": {"start": "1985-07-01T00:00:00", "end": "2013-01-01T00:00:00"},
        })),
        scb: parsed(json!({"STATENS JÄRNVÄGAR": {"org_nr": "202100-0787", "end": 2012}})),
        esv: parsed(json!({"Statens järnvägar": {"org_nr": "202100-0787", "end": "2012"}})),
        // SJ AB's number.
        stkt: parsed(json!({"Statens järnvägar": {"org_nr": "5561961599", "end": 2012}})),
        // Banverket, which had ended by then, cannot have succeeded it in 2013.
        wd: parsed(json!({
            "Banverket": {"start": "1988-07-01T00:00:00Z", "end": "2010-04-01T00:00:00Z",
                          "replaces": ["Statens järnvägar"]},
        })),
        ..Files::default()
    };
    let snapshot = merge(&files, &[], as_of());
    let named: Vec<&str> = snapshot.agencies.iter().map(Agency::name).collect();
    assert_eq!(named, ["Banverket", "Statens järnvägar"]);
    let sj = agency(&snapshot, "Statens järnvägar");
    assert_eq!(
        sj.organisation_number.as_ref().map(|n| n.as_str()),
        Some("202100-0787")
    );
    assert!(!sj
        .identifiers
        .contains(&("organisation_number", "556196-1599".to_owned())));
    assert_eq!(links(&snapshot), []);
}

#[test]
fn an_instruction_filed_under_its_title_or_with_a_name_beside_it_is_the_agency_itself() {
    let snapshot = snapshot(
        json!({
            "Instruktion för Statens va-nämnd": {"end": "2008-01-01T00:00:00"},
            "Statens va-nämnd": {"start": "2008-01-01T00:00:00", "end": "2016-01-01T00:00:00",
                                 "replaces": ["Instruktion för Statens va-nämnd"]},
            "Nordiska afrikainstitutet (Scandinavian Institute of African Studies)":
                {"end": "1989-01-01T00:00:00"},
            "Nordiska afrikainstitutet": {"start": "1989-01-01T00:00:00",
                "replaces": ["Nordiska afrikainstitutet (Scandinavian Institute of African Studies)"]},
            "Styrelsen för u-landsutbildning i Sandö (Sandö U-centrum)":
                {"start": "1987-07-01T00:00:00", "end": "1995-07-01T00:00:00"},
        }),
        json!({"Statens va-nämnd": {"start": "1970-07-01T00:00:00Z",
                                    "other_names": ["VAN_Va-nämnden"]}}),
        "nordiska afrikainstitutet,Nordiska Afrikainstitutet\n",
    );
    assert_eq!(links(&snapshot), []);
    let names: Vec<&str> = snapshot.agencies.iter().map(Agency::name).collect();
    assert_eq!(
        names,
        [
            "Nordiska Afrikainstitutet",
            "Statens va-nämnd",
            "Styrelsen för u-landsutbildning i Sandö"
        ]
    );
    assert_eq!(
        lifetime(&snapshot, "Statens va-nämnd"),
        ("Statens va-nämnd", date("1970-07-01"), date("2016-01-01"))
    );
    let nai = agency(&snapshot, "Nordiska Afrikainstitutet");
    assert_eq!(nai.ended_on, None);
    assert_eq!(
        nai.aliases.get("Scandinavian Institute of African Studies"),
        Some(&AliasKind::OtherName)
    );
    let sando = agency(&snapshot, "Styrelsen för u-landsutbildning i Sandö");
    assert_eq!(
        sando.aliases.get("Sandö U-centrum"),
        Some(&AliasKind::OtherName)
    );
    let va = agency(&snapshot, "Statens va-nämnd");
    assert_eq!(va.aliases.get("VAN"), Some(&AliasKind::Abbreviation));
    assert_eq!(va.aliases.get("Va-nämnden"), Some(&AliasKind::OtherName));
}
