//! Names over time and lifetimes.

use super::*;

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

#[test]
fn a_name_spelled_another_way_is_no_other_name() {
    let snapshot = snapshot(
        json!({
            // SFS's typo, filed under the name it stands for.
            "Formum för levande historia": {"start": "2003-06-01T00:00:00", "end": "2008-01-01T00:00:00"},
            "Forum för levande historia": {"start": "2008-01-01T00:00:00",
                                           "replaces": ["Formum för levande historia"]},
            // A space less.
            "Statens institut för regionalforskning": {"start": "1993-02-15T00:00:00",
                                                       "end": "2001-01-01T00:00:00"},
        }),
        json!({"Forum för levande historia": {
            "other_names": ["Forum för levande histora", "fd. Levande historia-projektet"]}}),
        "formum för levande historia,Forum för levande historia\n\
         statens institut för regionalforskning,Statens institut för regional forskning\n",
    );
    let forum = agency(&snapshot, "Forum för levande historia");
    assert_eq!(
        names(forum),
        [("Forum för levande historia", date("2003-06-01"), None)]
    );
    assert_eq!(forum.started_on, date("2003-06-01"));
    // Another spelling is no other name either; "fd." marks a former one.
    assert_eq!(
        forum.aliases.iter().collect::<Vec<_>>(),
        [(
            &"Levande historia-projektet".to_owned(),
            &AliasKind::FormerName
        )]
    );
    assert_eq!(
        lifetime(&snapshot, "Statens institut för regional forskning"),
        (
            "Statens institut för regional forskning",
            date("1993-02-15"),
            date("2001-01-01")
        )
    );
    assert!(one_spelling(
        "Svenska insitutet för europapolitiska studier",
        "Svenska institutet för europapolitiska studier"
    ));
    assert!(!one_spelling(
        "Regionala etikprövningsnämnder",
        "Regionala etikprövningsnämnden i Lund"
    ));
    assert!(!one_spelling(
        "Statens jordbruksverk",
        "Statens jordbruksnämnd"
    ));
    assert!(!one_spelling("Riksarkivet", "Riksarkiven"));
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
fn a_name_a_register_gives_with_the_current_one_among_its_old_names_is_the_current_one() {
    let files = Files {
        sfs: parsed(json!({
            // SFS files the instruction of 2008 under the agency's new name.
            "Myndigheten för civilt försvar": {"start": "2009-01-01T00:00:00"},
            "Myndigheten för press, radio och tv": {"start": "2010-08-01T00:00:00"},
            "Mediemyndigheten": {"start": "2024-01-01T00:00:00"},
        })),
        scb: parsed(json!({
            "MYNDIGHETEN FÖR SAMHÄLLSSKYDD OCH BEREDSKAP": {"org_nr": "202100-5984", "start": 2009},
        })),
        esv: parsed(json!({
            "Myndigheten för civilt försvar": {"org_nr": "202100-5984", "start": "2009",
                "old_names": ["Myndigheten för samhällsskydd och beredskap", "MSB"]},
            "Mediemyndigheten": {"org_nr": "202100-6339",
                "old_names": ["Myndigheten för press, radio och tv"]},
        })),
        stkt: parsed(json!({
            "Myndigheten för press, radio och tv": {"org_nr": "2021006339"},
        })),
        ..Files::default()
    };
    let snapshot = merge(&files, &[], as_of());
    let mcf = agency(&snapshot, "Myndigheten för civilt försvar");
    assert_eq!(
        names(mcf),
        [
            (
                "Myndigheten för samhällsskydd och beredskap",
                date("2009"),
                date("2026-01-02")
            ),
            ("Myndigheten för civilt försvar", date("2026-01-02"), None),
        ]
    );
    assert!(mcf.aliases.contains_key("MSB"));
    assert!(snapshot
        .conflicts
        .iter()
        .any(|c| c.starts_with("Myndigheten för civilt försvar: named so, with 'Myndigheten för samhällsskydd och beredskap' among its old names")));
    // Where SFS dates the new name, that date stands.
    let media = names(agency(&snapshot, "Mediemyndigheten"));
    assert_eq!(
        media.last(),
        Some(&("Mediemyndigheten", date("2024-01-01"), None))
    );
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
    // It is looked up by the name it was wound up from.
    assert_eq!(un.slug_name(), "Utlänningsnämnden");
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
    assert_eq!(kkr.slug_name(), "Statens kvalitets- och kompetensråd");
}

#[test]
fn an_agency_has_every_instruction_sfs_lists_under_any_of_its_names_in_the_order_issued() {
    let snapshot = snapshot(
        json!({
            "Nordiska Afrikainstitutet": {"start": "1996-01-01T00:00:00",
                                          "sfs": ["2016:1203", "1995:1020", "2016:98"]},
            "Nordiska afrikainstitutet": {"start": "1989-01-01T00:00:00", "end": "1996-01-01T00:00:00",
                                          "sfs": ["1988:1170", "1995:1020"]},
        }),
        json!({}),
        "nordiska afrikainstitutet,Nordiska Afrikainstitutet\n",
    );
    let institute = agency(&snapshot, "Nordiska Afrikainstitutet");
    assert_eq!(
        institute.instructions,
        ["1988:1170", "1995:1020", "2016:98", "2016:1203"]
    );
    assert_eq!(institute.instruction.as_deref(), Some("2016:1203"));
}
