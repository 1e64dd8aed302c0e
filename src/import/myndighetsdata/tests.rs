//! The registers merged, on snapshots small enough to read: names over
//! time, and lineage that does not contradict itself.

use serde_json::{json, Value};

use super::files::{matchlist, Files};
use super::merge::{merge, Agency, AliasKind, Snapshot};
use crate::domain::PartialDate;

fn snapshot(sfs: Value, wd: Value, spellings: &str) -> Snapshot {
    let files = Files {
        sfs: serde_json::from_value(sfs).unwrap(),
        wd: serde_json::from_value(wd).unwrap(),
        matchlist: matchlist(&format!("name,official_name\n{spellings}")).unwrap(),
        ..Files::default()
    };
    merge(&files, &[], as_of())
}

/// The carried snapshot's date.
fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()
}

/// A register's entries, from JSON as its file writes them.
fn parsed<T: serde::de::DeserializeOwned>(entries: Value) -> T {
    serde_json::from_value(entries).unwrap()
}

fn date(text: &str) -> Option<PartialDate> {
    Some(PartialDate::parse(text).unwrap())
}

/// (predecessor, successor, kind, effective_on) by current names.
fn links(snapshot: &Snapshot) -> Vec<(&str, &str, &str, Option<PartialDate>)> {
    let name = |index: usize| snapshot.agencies[index].name();
    snapshot
        .links
        .iter()
        .map(|l| {
            (
                name(l.predecessor),
                name(l.successor),
                l.kind,
                l.effective_on,
            )
        })
        .collect()
}

/// (name, valid_from, valid_to), oldest first.
fn names(agency: &Agency) -> Vec<(&str, Option<PartialDate>, Option<PartialDate>)> {
    agency
        .names
        .iter()
        .map(|n| (n.sv.as_str(), n.valid_from, n.valid_to))
        .collect()
}

fn agency<'a>(snapshot: &'a Snapshot, name: &str) -> &'a Agency {
    snapshot.agencies.iter().find(|a| a.name() == name).unwrap()
}

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
fn two_sfs_entries_under_one_name_are_one_agency_over_both_spans() {
    let snapshot = snapshot(
        json!({
            // A word broken at a line's end, beside the same name whole.
            "Skatteför- valtningen": {"start": "1988-07-01T00:00:00", "end": "1991-01-01T00:00:00"},
            "Skatteförvaltningen": {"start": "1987-01-01T00:00:00", "end": "2004-01-01T00:00:00"},
            // A newer instruction in force, spelt in another case.
            "Nordiska Afrikainstitutet": {"start": "1996-01-01T00:00:00"},
            "Nordiska afrikainstitutet": {"start": "1989-01-01T00:00:00", "end": "1996-01-01T00:00:00"},
            // An instruction from before the register.
            "Statens Strålskyddsinstitut": {"start": "1988-07-01T00:00:00", "end": "2006-07-01T00:00:00"},
            "Statens strålskyddsinstitut": {"end": "2008-07-01T00:00:00"},
        }),
        json!({"Statens strålskyddsinstitut": {"start": "1965-01-01T00:00:00"}}),
        "nordiska afrikainstitutet,Nordiska Afrikainstitutet\n\
         statens strålskyddsinstitut,Statens strålskyddsinstitut\n",
    );
    let lifetimes: Vec<(&str, Option<PartialDate>, Option<PartialDate>)> = snapshot
        .agencies
        .iter()
        .map(|a| (a.name(), a.started_on, a.ended_on))
        .collect();
    assert_eq!(
        lifetimes,
        [
            ("Nordiska Afrikainstitutet", date("1989-01-01"), None),
            (
                "Skatteförvaltningen",
                date("1987-01-01"),
                date("2004-01-01")
            ),
            // SFS leaves the start open, so Wikidata's year dates it.
            (
                "Statens strålskyddsinstitut",
                date("1965"),
                date("2008-07-01")
            ),
        ]
    );
}

/// (name, started_on, ended_on) of an agency.
fn lifetime<'a>(
    snapshot: &'a Snapshot,
    name: &str,
) -> (&'a str, Option<PartialDate>, Option<PartialDate>) {
    let agency = agency(snapshot, name);
    (agency.name(), agency.started_on, agency.ended_on)
}

#[test]
fn an_esv_end_of_an_agency_run_by_a_host_is_when_the_host_took_its_accounts() {
    let files = Files {
        sfs: parsed(json!({
            "Valmyndigheten": {"start": "2001-07-01T00:00:00"},
            "Statens medieråd": {"start": "2011-01-01T00:00:00"},
        })),
        stkt: parsed(json!({
            "Valmyndigheten": {"org_nr": "2021005281", "host": "Skatteverket"},
            // Ended, by Statskontoret's register too: its end stands.
            "Statens medieråd": {"org_nr": "2021006396", "end": 2023},
        })),
        esv: parsed(json!({
            "Valmyndigheten": {"org_nr": "202100-5281", "start": "2001", "end": "2016"},
            "Statens medieråd": {"org_nr": "202100-6396", "start": "2011", "end": "2023"},
        })),
        ..Files::default()
    };
    let snapshot = merge(&files, &[], as_of());
    assert_eq!(
        lifetime(&snapshot, "Valmyndigheten"),
        ("Valmyndigheten", date("2001-07-01"), None)
    );
    assert_eq!(
        lifetime(&snapshot, "Statens medieråd"),
        ("Statens medieråd", date("2011-01-01"), date("2023"))
    );
    assert!(snapshot
        .conflicts
        .iter()
        .any(|c| c.starts_with("Valmyndigheten: end 2016 (esv.json) set aside")));
}

#[test]
fn an_agency_ended_to_the_year_ended_on_the_day_another_took_its_name() {
    let files = Files {
        sfs: parsed(json!({
            "Statskontoret": {"start": "1986-07-01T00:00:00"},
            "Ekonomistyrningsverket": {"start": "1998-07-01T00:00:00", "end": "2026-01-01T00:00:00"},
        })),
        esv: parsed(json!({
            "Statskontoret (gamla)": {"org_nr": "202100-0852", "end": "2025"},
            "Statskontoret": {"org_nr": "202100-5026", "old_names": ["Ekonomistyrningsverket"]},
        })),
        wd: parsed(json!({
            "Ekonomistyrningsverket": {"org_nr": "202100-5026"},
        })),
        matchlist: matchlist("name,official_name\nstatskontoret,Statskontoret\n").unwrap(),
        ..Files::default()
    };
    let snapshot = merge(&files, &[], as_of());
    let lifetimes: Vec<_> = snapshot
        .agencies
        .iter()
        .map(|a| (a.name(), a.started_on, a.ended_on))
        .collect();
    assert!(
        lifetimes.contains(&("Statskontoret", date("1986-07-01"), date("2026-01-01"))),
        "{lifetimes:?}"
    );
    // ESV's "(gamla)": the agency that took its name succeeded it.
    assert_eq!(
        links(&snapshot),
        [(
            "Statskontoret",
            "Statskontoret",
            "replaced",
            date("2026-01-01")
        )]
    );
}

#[test]
fn an_sfs_end_long_past_of_an_agency_statskontoret_lists_is_an_instructions_end() {
    let files = Files {
        sfs: parsed(json!({
            "Försvarshögskolan": {"start": "1988-07-01T00:00:00", "end": "2008-01-01T00:00:00"},
            "Nämnden för hemslöjdsfrågor": {"end": "2026-01-01T00:00:00"},
            "Länsstyrelsen i Norrbottens län": {"start": "1987-01-01T00:00:00", "end": "1991-07-01T00:00:00"},
        })),
        stkt: parsed(json!({
            "Försvarshögskolan": {"org_nr": "2021004730"},
            "Länsstyrelsen i Norrbottens län": {"org_nr": "2021002502"},
            "Nämnden för hemslöjdsfrågor": {"host": "Tillväxtverket"},
        })),
        wd: parsed(json!({
            "Försvarshögskolan": {"start": "1997-01-01T00:00:00Z"},
        })),
        ..Files::default()
    };
    let snapshot = merge(&files, &[], as_of());
    assert_eq!(
        lifetime(&snapshot, "Försvarshögskolan"),
        ("Försvarshögskolan", date("1988-07-01"), None)
    );
    // Not begun with its instruction either: no other register dates it.
    assert_eq!(
        lifetime(&snapshot, "Länsstyrelsen i Norrbottens län"),
        ("Länsstyrelsen i Norrbottens län", None, None)
    );
    // Ended on the snapshot's eve: after Statskontoret listed it.
    assert_eq!(
        lifetime(&snapshot, "Nämnden för hemslöjdsfrågor"),
        ("Nämnden för hemslöjdsfrågor", None, date("2026-01-01"))
    );
}

#[test]
fn an_agency_that_began_and_ended_within_a_year_has_ended() {
    let files = Files {
        esv: parsed(json!({
            "Avvecklingsmyndigheten för ombudsmännen mot diskriminering":
                {"org_nr": "202100-6123", "start": "2009", "end": "2009"},
        })),
        ..Files::default()
    };
    let snapshot = merge(&files, &[], as_of());
    let name = "Avvecklingsmyndigheten för ombudsmännen mot diskriminering";
    assert_eq!(lifetime(&snapshot, name), (name, None, date("2009")));
}

#[test]
fn a_winding_up_organisation_follows_the_agency_it_winds_up() {
    // `matchlist.csv` files both names under the winding-up organisation.
    let spellings = "utlänningsnämnden,Utlänningsnämndens avvecklingsorganisation\n\
                     statens kvalitets- och kompetensråd,\
                     Avvecklingsmyndigheten för Statens kvalitets- och kompetensråd\n";
    let files = Files {
        sfs: parsed(json!({
            "Utlänningsnämnden": {"start": "1992-01-01T00:00:00", "end": "2006-03-31T00:00:00"},
            "Statens kvalitets- och kompetensråd":
                {"start": "1999-01-01T00:00:00", "end": "2006-01-01T00:00:00"},
        })),
        esv: parsed(json!({
            "Utlänningsnämndens avvecklingsorganisation": {"end": "2007"},
            "Avvecklingsmyndigheten för Statens kvalitets- och kompetensråd": {"end": "2006"},
        })),
        // Wikidata's item is Utlänningsnämnden's, under the name SFS gives.
        wd: parsed(json!({
            "Utlänningsnämnden": {"start": "1991-01-01T00:00:00Z", "end": "2006-03-31T00:00:00Z"},
        })),
        matchlist: matchlist(&format!("name,official_name\n{spellings}")).unwrap(),
        ..Files::default()
    };
    let snapshot = merge(&files, &[], as_of());
    let un = agency(&snapshot, "Utlänningsnämndens avvecklingsorganisation");
    assert_eq!(
        names(un),
        [
            ("Utlänningsnämnden", date("1992-01-01"), date("2006-03-31")),
            (
                "Utlänningsnämndens avvecklingsorganisation",
                date("2006-03-31"),
                None
            )
        ]
    );
    assert_eq!(un.ended_on, date("2007"));
    // A winding-up of less than the year its end is known to: the agency
    // ended with its own name, and the other is a former name.
    let kkr = agency(&snapshot, "Statens kvalitets- och kompetensråd");
    assert_eq!(
        names(kkr),
        [(
            "Statens kvalitets- och kompetensråd",
            date("1999-01-01"),
            None
        )]
    );
    assert_eq!(kkr.ended_on, date("2006-01-01"));
    assert_eq!(
        kkr.aliases
            .get("Avvecklingsmyndigheten för Statens kvalitets- och kompetensråd"),
        Some(&AliasKind::FormerName)
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
