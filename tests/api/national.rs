//! The whole Swedish state: the national agency registers (the snapshot the
//! repository carries) loaded beside the founding case.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

fn slugs(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["slug"].as_str().expect("a slug").to_owned())
        .collect()
}

#[tokio::test]
async fn an_agency_is_found_by_its_organisation_number_in_every_form() {
    let app = TestApp::spawn_national().await;
    for form in ["202100-6297", "2021006297", "162021006297"] {
        let page = app.get_json(&format!("/v1/agencies?org_nr={form}")).await;
        assert_eq!(slugs(&page), ["trafikverket"], "{form}");
    }
    let trafikverket = app.get_json("/v1/agencies/trafikverket").await;
    assert_eq!(trafikverket["organisation_number"], "202100-6297");
    let identifiers = trafikverket["identifiers"].as_array().unwrap();
    assert!(
        identifiers
            .iter()
            .any(|i| i["scheme"] == "wikidata" && i["value"] == "Q1677108"),
        "{identifiers:?}"
    );
    assert!(identifiers
        .iter()
        .all(|i| i["source"]["slug"] == "myndighetsdata-2026-01-02"));
    assert_eq!(trafikverket["started_on"], "2010-04-01");
    assert_eq!(trafikverket["instruction"], "2010:185");
    assert_eq!(
        trafikverket["ministry"]["agency"]["name"]["sv"],
        "Landsbygds- och infrastrukturdepartementet"
    );

    for (bad, why) in [
        ("202100-6298", "check digit"),
        ("20210062", "form"),
        ("abc", "form"),
    ] {
        let problem = app
            .get_problem(
                &format!("/v1/agencies?org_nr={bad}"),
                StatusCode::BAD_REQUEST,
            )
            .await;
        assert_eq!(
            problem["invalid_params"][0]["name"], "org_nr",
            "{why}: {problem}"
        );
    }
}

/// People write an agency as they call it ("Skolverket", whose slug is
/// `statens-skolverk`), or a slug with a letter or digit wrong: the 404
/// names what they meant first.
#[tokio::test]
async fn a_path_with_the_name_people_use_suggests_the_agency_meant() {
    let app = TestApp::spawn_national().await;
    for (path, meant) in [
        ("/v1/agencies/skolverket", "statens-skolverk"),
        (
            "/v1/agencies/forsakringskasan/assignments",
            "forsakringskassan",
        ),
        ("/v1/agencies/boveket", "boverket"),
        ("/v1/agencies/trafikverk/contacts", "trafikverket"),
        // A case number with a digit missing (U2010/4150/SV).
        ("/v1/assignments/u2010415sv/holder", "u20104150sv"),
    ] {
        let problem = app.get_problem(path, StatusCode::NOT_FOUND).await;
        assert_eq!(
            problem["suggestions"][0]["slug"], meant,
            "{path}: {problem}"
        );
    }
}

/// Over the whole registry: every other name an agency is known by
/// (abbreviations, former and other names) made into a slug, and every
/// current agency's slug with a letter dropped. The first suggestion is the
/// agency meant for at least 95 % of each (on the carried data: 651 of 655
/// names, 473 of 473 slugs; the names it misses are abbreviations another
/// agency has taken since, as `do`, and names as like another agency's).
#[tokio::test]
async fn a_slug_typed_by_hand_suggests_the_agency_meant_first() {
    let app = TestApp::spawn_national().await;
    let agencies: Vec<(uuid::Uuid, String, bool)> =
        sqlx::query_as("select id, slug, ended_on is null from agencies order by slug")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let slugs: std::collections::HashSet<&str> =
        agencies.iter().map(|(_, slug, _)| slug.as_str()).collect();
    let names: Vec<(uuid::Uuid, String)> =
        sqlx::query_as("select agency_id, alias from agency_aliases order by alias, agency_id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    // Each a slug no agency has, and the agency meant.
    let by_name: Vec<(String, uuid::Uuid)> = names
        .into_iter()
        .map(|(agency, name)| (registry::import::myndighetsdata::clean::slug(&name), agency))
        .filter(|(guess, _)| !guess.is_empty() && guess.len() <= 100)
        .collect();
    let by_typo: Vec<(String, uuid::Uuid)> = agencies
        .iter()
        .filter(|(_, slug, current)| *current && slug.len() >= 6)
        .map(|(agency, slug, _)| {
            let mut middle = slug.len() / 2;
            if slug.as_bytes()[middle] == b'-' {
                middle -= 1;
            }
            (
                format!("{}{}", &slug[..middle], &slug[middle + 1..]),
                *agency,
            )
        })
        .filter(|(typo, _)| !typo.contains("--"))
        .collect();
    for (what, guesses, at_least) in [("names", by_name, 500), ("slugs", by_typo, 400)] {
        let (mut tried, mut right) = (0, 0);
        for (guess, agency) in guesses {
            if slugs.contains(guess.as_str()) {
                continue;
            }
            let problem = app
                .get_problem(&format!("/v1/agencies/{guess}"), StatusCode::NOT_FOUND)
                .await;
            tried += 1;
            right += usize::from(problem["suggestions"][0]["id"] == agency.to_string());
        }
        assert!(tried > at_least, "{tried} {what}");
        assert!(right * 100 >= tried * 95, "{right} of {tried} {what}");
    }
}

#[tokio::test]
async fn vagverket_and_banverket_merged_into_trafikverket() {
    let app = TestApp::spawn_national().await;
    let lineage = app.get_json("/v1/agencies/trafikverket/lineage").await;
    let predecessors: Vec<(&str, &str, &str)> = lineage["predecessors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|link| {
            (
                link["predecessor"]["slug"].as_str().unwrap(),
                link["kind"].as_str().unwrap(),
                link["effective_on"].as_str().unwrap(),
            )
        })
        .collect();
    for slug in ["vagverket", "banverket"] {
        assert!(
            predecessors.contains(&(slug, "merged_into", "2010-04-01")),
            "{predecessors:?}"
        );
    }
    // The chain goes on behind Vägverket (Trafiksäkerhetsverket, by
    // Wikidata), as a second generation.
    assert!(
        lineage["predecessors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|link| link["generation"] == 2),
        "{lineage}"
    );
    // Each side's detail names the other.
    let vagverket = app.get_json("/v1/agencies/vagverket").await;
    assert_eq!(
        vagverket["successors"][0]["successor"]["slug"],
        "trafikverket"
    );
    assert_eq!(vagverket["ended_on"], "2010-04-01");
    let trafikverket = app.get_json("/v1/agencies/trafikverket").await;
    assert!(trafikverket["predecessors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|link| link["predecessor"]["slug"] == "banverket"));

    // Asked how to reach Trafikverket before it was formed: that it was
    // not, and who did its work then.
    let before = app.agency_contacts("trafikverket", "2009-06-01").await;
    assert_eq!(before["status"], "not_started", "{before}");
    assert_eq!(before["items"], json!([]), "{before}");
    assert_eq!(before["successors"], json!([]), "{before}");
    let mut took_over_from = crate::helpers::slugs(&before["predecessors"], "/predecessor/slug");
    took_over_from.sort();
    assert_eq!(
        took_over_from,
        [
            "banverket",
            "statens-institut-for-kommunikationsanalys",
            "vagverket"
        ],
        "{before}"
    );
    let card = crate::contacts::vcards(
        &app,
        "/v1/agencies/trafikverket/contacts?at=2009-06-01",
        Some("text/vcard"),
    )
    .await;
    let note = &card[0].note[0].value;
    assert!(
        note.starts_with(
            "Kontaktvägar den 2009-06-01. Myndigheten var inte bildad än; \
             den tog sedan över verksamheten från "
        ) && [
            "Banverket",
            "Vägverket",
            "Statens institut för kommunikationsanalys"
        ]
        .iter()
        .all(|name| note.contains(name)),
        "{note}"
    );
    // Once formed, it is whom to reach: no predecessors in its contacts.
    let formed = app.agency_contacts("trafikverket", "2010-04-01").await;
    assert_eq!(
        (&formed["status"], &formed["predecessors"]),
        (&json!("active"), &json!([])),
        "{formed}"
    );
    assert_ne!(formed["items"], json!([]), "{formed}");
}

#[tokio::test]
async fn the_police_took_over_the_county_police_authorities_in_2015_and_went_on() {
    let app = TestApp::spawn_national().await;
    // A founding-case agency: the registers fill in the name it had before.
    let police = app
        .get_json("/v1/agencies/polismyndigheten?at=2010-06-01")
        .await;
    assert_eq!(police["name"]["sv"], "Rikspolisstyrelsen", "{police}");
    let names: Vec<(&str, &str, Value)> = police["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let sv = n["name"]["sv"].as_str().unwrap();
            (sv, n["valid_from"].as_str().unwrap(), n["valid_to"].clone())
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Rikspolisstyrelsen", "1984-10-01", json!("2015-01-01")),
            ("Polismyndigheten", "2015-01-01", Value::Null),
        ]
    );
    // Wikidata names the county authorities it took over, with no end.
    let blekinge = app
        .get_json("/v1/agencies/polismyndigheten-i-blekinge-lan")
        .await;
    assert_eq!(blekinge["status"], "ended", "{blekinge}");
    assert_eq!(blekinge["ended_on"], "2015-01-01");
    assert_eq!(blekinge["successors"][0]["effective_on"], "2015-01-01");
    // Asked how to reach it after it ended: that it has, and whom to reach
    // instead.
    let contacts = app
        .agency_contacts("polismyndigheten-i-blekinge-lan", "2020-01-01")
        .await;
    assert_eq!(contacts["status"], "ended", "{contacts}");
    assert_eq!(contacts["items"], json!([]), "{contacts}");
    assert_eq!(contacts["predecessors"], json!([]), "{contacts}");
    assert_eq!(
        crate::helpers::slugs(&contacts["successors"], "/successor/slug"),
        ["polismyndigheten"],
        "{contacts}"
    );
    let card = crate::contacts::vcards(
        &app,
        "/v1/agencies/polismyndigheten-i-blekinge-lan/contacts?at=2020-01-01",
        Some("text/vcard"),
    )
    .await;
    assert_eq!(
        card[0].note[0].value,
        "Kontaktvägar den 2020-01-01. Myndigheten hade upphört; \
         verksamheten togs över av Polismyndigheten."
    );
    let before = app
        .agency_contacts("polismyndigheten-i-blekinge-lan", "2010-01-01")
        .await;
    assert_eq!(
        (&before["status"], &before["successors"]),
        (&json!("active"), &json!([])),
        "it had not ended yet: {before}"
    );
    // Agencies that go on are nobody's predecessor, although the
    // registers file an older agency's name under them.
    for slug in [
        "polismyndigheten",
        "arbetsmiljoverket",
        "kronofogdemyndigheten",
    ] {
        let agency = app.get_json(&format!("/v1/agencies/{slug}")).await;
        assert_eq!(agency["status"], "active", "{agency}");
        assert_eq!(agency["successors"], json!([]), "{slug}: {agency}");
    }
}

#[tokio::test]
async fn who_existed_on_a_date() {
    let app = TestApp::spawn_national().await;
    let listed = |status: &'static str, at: &'static str, q: &'static str| {
        let app = &app;
        async move {
            slugs(
                &app.get_json(&format!("/v1/agencies?at={at}&status={status}&q={q}"))
                    .await,
            )
        }
    };
    assert!(listed("active", "2009-06-01", "vagverket")
        .await
        .contains(&"vagverket".to_owned()));
    assert!(!listed("active", "2009-06-01", "trafikverket")
        .await
        .contains(&"trafikverket".to_owned()));
    assert!(listed("not_started", "2009-06-01", "trafikverket")
        .await
        .contains(&"trafikverket".to_owned()));
    assert!(listed("ended", "2026-06-01", "vagverket")
        .await
        .contains(&"vagverket".to_owned()));
    assert!(!listed("ended", "2026-06-01", "trafikverket")
        .await
        .contains(&"trafikverket".to_owned()));
    // Dissolved agencies are kept: 2009's active agencies include many that
    // have since ended.
    let page = app
        .get_json("/v1/agencies?at=2009-06-01&status=active&limit=100")
        .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 100);
    let vagverket = app.get_json("/v1/agencies/vagverket?at=2009-06-01").await;
    assert_eq!(vagverket["status"], "active");
    let problem = app
        .get_problem("/v1/agencies?status=dissolved", StatusCode::BAD_REQUEST)
        .await;
    assert_eq!(problem["invalid_params"][0]["name"], "status");
}

#[tokio::test]
async fn the_county_boards_are_the_founding_cases_own_records() {
    let app = TestApp::spawn_national().await;
    let page = app
        .get_json("/v1/agencies?q=L%C3%A4nsstyrelsen%20i%20Stockholms%20l%C3%A4n&status=any")
        .await;
    assert_eq!(slugs(&page)[0], STOCKHOLM_BOARD);
    let boards = app
        .get_json("/v1/agencies?kind=county_administrative_board&limit=100")
        .await;
    assert_eq!(boards["items"].as_array().unwrap().len(), 21);
    let stockholm = app
        .get_json(&format!("/v1/agencies/{STOCKHOLM_BOARD}"))
        .await;
    assert_eq!(stockholm["organisation_number"], "202100-2247");
    assert_eq!(
        stockholm["source"]["slug"], SOURCE,
        "the record stays the founding case's"
    );
    // The founding case still answers as before.
    assert_eq!(
        app.holder_slug(NATIONAL, "2017-06-01").await,
        STOCKHOLM_BOARD
    );
}

/// The registers fill in what the founding case leaves unknown, and what
/// they fill in cites them, not the press release: it never says when
/// Skatteverket was founded.
#[tokio::test]
async fn what_the_registers_add_to_the_founding_cases_agencies_cites_the_registers() {
    let app = TestApp::spawn_national().await;
    let snapshot = "myndighetsdata-2026-01-02";
    let tax = app.get_json("/v1/agencies/skatteverket").await;
    assert_eq!(
        tax["source"]["slug"], SOURCE,
        "the record stays the founding case's"
    );
    assert_eq!(tax["started_on"], "2004-01-01");
    assert_eq!(tax["lifetime_source"]["slug"], snapshot, "{tax}");
    assert_eq!(tax["instruction"], "2017:154");
    assert_eq!(tax["register_source"]["slug"], snapshot, "{tax}");
    assert_eq!(tax["names"][0]["valid_from"], "2004-01-01");
    assert_eq!(
        tax["names"][0]["source"]["slug"], snapshot,
        "the registers dated its name"
    );
    let police = app.get_json("/v1/agencies/polismyndigheten").await;
    let sources: Vec<(&str, &str)> = police["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["valid_from"].as_str().unwrap(),
                n["source"]["slug"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        sources,
        [("1984-10-01", snapshot), ("2015-01-01", snapshot)]
    );

    // The press release gives Jämställdhetsmyndigheten's start itself.
    let agency = app
        .get_json(&format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"))
        .await;
    assert_eq!(agency["started_on"], "2018-01-01");
    assert_eq!(agency["lifetime_source"]["slug"], SOURCE, "{agency}");
    assert_eq!(agency["register_source"]["slug"], snapshot);
    assert_eq!(agency["names"][0]["source"]["slug"], SOURCE);
    // Where nobody gives a lifetime, none is cited.
    let board = app.get_json("/v1/agencies/lansstyrelsen-blekinge").await;
    assert_eq!(board["started_on"], Value::Null);
    assert_eq!(board["lifetime_source"], Value::Null, "{board}");

    // As linked data, the agency is derived from both.
    let response = app
        .get_with("/v1/agencies/skatteverket", "accept", "application/ld+json")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let linked: Value = response.json().await.unwrap();
    let derived: Vec<&str> = linked["derivedFrom"]
        .as_array()
        .unwrap_or_else(|| panic!("a list: {linked}"))
        .iter()
        .map(|source| source["@id"].as_str().unwrap())
        .collect();
    let node = |source: &Value| format!("/v1/sources/{}", source["id"].as_str().unwrap());
    assert_eq!(derived.len(), 2, "{derived:?}");
    assert!(derived[0].ends_with(&node(&tax["source"])), "{derived:?}");
    assert!(
        derived[1].ends_with(&node(&tax["lifetime_source"])),
        "{derived:?}"
    );

    // And the export names the lifetime's source beside the record's.
    let response = app
        .get_with("/v1/exports/agencies", "accept", "application/x-ndjson")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let rows = response.text().await.unwrap();
    let row: Value = rows
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .find(|row| row["slug"] == "skatteverket")
        .expect("skatteverket's row");
    assert_eq!(row["source"], SOURCE);
    assert_eq!(row["lifetime_source"], snapshot, "{row}");
    assert_eq!(row["register_source"], snapshot, "{row}");
}

/// A registry that imported the registers before their facts cited their
/// own sources learns from its change log, on upgrade, which facts the
/// import wrote into the founding case's records.
#[tokio::test]
async fn an_upgraded_registry_learns_from_its_change_log_whose_facts_are_whose() {
    let app = TestApp::spawn_upgraded(
        20261205000051,
        &[
            // The founding case: Skatteverket without a lifetime,
            // Jämställdhetsmyndigheten from the day it began.
            "insert into sources (slug, title, published_on)
             values ('press-release', 'Nationella uppdrag flyttar', '2018-01-08');
             insert into agencies (slug, kind, seat, started_on, started_on_precision, source_id)
             select slug, 'government_agency', seat, started_on, precision, (select id from sources)
             from (values ('skatteverket', null, null::date, null),
                          ('jamstalldhetsmyndigheten', 'Göteborg', date '2018-01-01', 'day'))
                  founding (slug, seat, started_on, precision);
             insert into agency_names (agency_id, name_sv, valid_from, valid_from_precision, source_id)
             select id, initcap(slug), started_on, started_on_precision, source_id from agencies;",
            // An import: Skatteverket's start and instruction, a register
            // fact of Jämställdhetsmyndigheten, an identifier, and an
            // agency of the snapshot's own.
            "insert into sources (slug, title, published_on, publisher)
             values ('snapshot', 'Myndighetsdata', '2026-01-02', 'Civic Tech Sweden (Myndighetsdata)');
             update agencies set started_on = '2004-01-01', started_on_precision = 'day', instruction = '2017:154'
             where slug = 'skatteverket';
             update agencies set agency_group = 'Statliga förvaltningsmyndigheter'
             where slug = 'jamstalldhetsmyndigheten';
             insert into agency_identifiers (agency_id, scheme, value, source_id)
             select a.id, 'wikidata', 'Q1', s.id from agencies a, sources s
             where a.slug = 'skatteverket' and s.slug = 'snapshot';
             insert into agencies (slug, kind, started_on, started_on_precision, instruction, source_id)
             select 'kronofogdemyndigheten', 'government_agency', '2006-01-01', 'day', '2016:1334', id
             from sources where slug = 'snapshot';
             insert into agency_names (agency_id, name_sv, valid_from, valid_from_precision, source_id)
             select id, 'Kronofogdemyndigheten', started_on, started_on_precision, source_id
             from agencies where slug = 'kronofogdemyndigheten';",
            // A later correction through the API: a seat, not a lifetime.
            "update agencies set seat = 'Mölndal' where slug = 'jamstalldhetsmyndigheten';",
        ],
    )
    .await;
    let cited = |agency: &Value, fact: &str| agency[fact]["slug"].as_str().map(str::to_owned);
    let tax = app.get_json("/v1/agencies/skatteverket").await;
    assert_eq!(cited(&tax, "source").as_deref(), Some("press-release"));
    assert_eq!(
        cited(&tax, "lifetime_source").as_deref(),
        Some("snapshot"),
        "{tax}"
    );
    assert_eq!(
        cited(&tax, "register_source").as_deref(),
        Some("snapshot"),
        "{tax}"
    );
    assert_eq!(
        tax["names"][0]["valid_from"], "2004-01-01",
        "the import dated it"
    );
    assert_eq!(tax["names"][0]["source"]["slug"], "snapshot");
    let agency = app.get_json("/v1/agencies/jamstalldhetsmyndigheten").await;
    assert_eq!(
        cited(&agency, "lifetime_source").as_deref(),
        Some("press-release"),
        "{agency}"
    );
    assert_eq!(
        cited(&agency, "register_source").as_deref(),
        Some("snapshot"),
        "{agency}"
    );
    assert_eq!(agency["names"][0]["source"]["slug"], "press-release");
    let own = app.get_json("/v1/agencies/kronofogdemyndigheten").await;
    assert_eq!(
        cited(&own, "lifetime_source").as_deref(),
        Some("snapshot"),
        "{own}"
    );
    assert_eq!(
        cited(&own, "register_source").as_deref(),
        Some("snapshot"),
        "{own}"
    );
}

#[tokio::test]
async fn search_forgives_case_diacritics_typos_and_spacing() {
    let app = TestApp::spawn_national().await;
    for (q, first) in [
        ("vagverket", "vagverket"),
        ("V%C3%84GVERKET", "vagverket"),
        ("trafikverkt", "trafikverket"),
        ("TRV", "trafikverket"),
        ("SVK", "affarsverket-svenska-kraftnat"),
        ("J%C3%A4my", GENDER_EQUALITY_AGENCY),
        ("lansstyrelsen%20skane", "lansstyrelsen-skane"),
        ("swedish%20transport%20administration", "trafikverket"),
        // As good a match as Allmänna försäkringskassorna (ended 2002), and
        // Försäkringskassan exists today.
        ("f%C3%B6rs%C3%A4kringskassn", "forsakringskassan"),
        ("forsakring", "forsakringskassan"),
    ] {
        let page = app.get_json(&format!("/v1/agencies?q={q}&limit=3")).await;
        assert_eq!(
            slugs(&page).first().map(String::as_str),
            Some(first),
            "q={q}: {page}"
        );
    }
    // A search pages by rank.
    let first = app.get_json("/v1/agencies?q=verket&limit=2").await;
    let cursor = first["next_cursor"].as_str().expect("more matches");
    let second = app
        .get_json(&format!("/v1/agencies?q=verket&limit=2&cursor={cursor}"))
        .await;
    assert!(slugs(&second)
        .iter()
        .all(|slug| !slugs(&first).contains(slug)));
}

#[tokio::test]
async fn a_search_finds_an_agency_by_the_word_people_call_it() {
    let app = TestApp::spawn_national().await;
    let first = |q: &'static str, known_at: Option<String>| {
        let app = &app;
        async move { app.agencies_found(q, "&limit=3", known_at.as_deref()).await }
    };
    // The word's stem begins the name: "polis" in Polismyndigheten comes
    // before "polisen" at the end of Säkerhetspolisen.
    for (q, wanted) in [
        ("polisen", "polismyndigheten"),
        ("tullen", "tullverket"),
        ("%C3%A5klagaren", "aklagarmyndigheten"),
        ("polisen%20blekinge", "polismyndigheten-i-blekinge-lan"),
    ] {
        let found = first(q, None).await;
        assert_eq!(
            found.first().map(String::as_str),
            Some(wanted),
            "q={q}: {found:?}"
        );
    }
    // The word itself still comes first where a name has it.
    let courts = first("domstolen", None).await;
    assert_eq!(
        courts.first().map(String::as_str),
        Some("hogsta-domstolen"),
        "{courts:?}"
    );
    // A stem of three letters finds nothing ("borås" is not "bor…", as in
    // Borlänge).
    assert_eq!(
        app.agencies_found("bor%C3%A5s", "&status=any", None).await,
        ["boras-tingsratt", "hogskolan-i-boras"]
    );
    // Under known_at the same.
    let now = app.now().await;
    assert_eq!(
        first("tullen", Some(now)).await.first().map(String::as_str),
        Some("tullverket")
    );
}

#[tokio::test]
async fn a_search_ranks_its_matches_alike_with_a_filter_and_without() {
    let app = TestApp::spawn_national().await;
    // Without a filter the page is taken from the matches by rank before
    // their agencies are read; with one, every match is checked first.
    // The same agencies, in the same order, either way, page by page.
    for (q, kind) in [
        ("stat", "government_agency"),
        ("lan", "government_agency"),
        ("departement", "ministry"),
    ] {
        app.assert_a_kind_filter_keeps_the_ranking("/v1/agencies", q, kind, 7)
            .await;
    }
}

#[tokio::test]
async fn contacts_come_from_the_snapshot_and_older_ones_keep_their_time() {
    let app = TestApp::spawn_national().await;
    let now = contact_values(
        app.agency_contacts(GENDER_EQUALITY_AGENCY, "2026-06-01")
            .await,
        None,
    );
    assert!(
        now.contains(&"Vikingsgatan 3, 411 04 Göteborg".to_owned()),
        "{now:?}"
    );
    assert!(
        !now.contains(&"Box 73, 424 22 Angered".to_owned()),
        "{now:?}"
    );
    let then = contact_values(
        app.agency_contacts(GENDER_EQUALITY_AGENCY, "2020-06-01")
            .await,
        None,
    );
    assert!(
        then.contains(&"Box 73, 424 22 Angered".to_owned()),
        "{then:?}"
    );

    // Phones in E.164, websites as https, addresses out of capitals.
    let trafikverket = contact_values(
        app.agency_contacts("trafikverket", "2026-06-01").await,
        None,
    );
    for expected in [
        "+46771921921",
        "https://www.trafikverket.se",
        "Röda vägen 1, 781 70 Borlänge",
        "trafikverket@trafikverket.se",
    ] {
        assert!(
            trafikverket.contains(&expected.to_owned()),
            "{trafikverket:?}"
        );
    }
    let contacts = app.agency_contacts("trafikverket", "2026-06-01").await;
    let phone = contacts["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["kind"] == "phone")
        .expect("a phone");
    assert_eq!(
        phone["formatted"], "0771-92 19 21",
        "shown in Swedish format"
    );
    // The police's short number, 114 14, as dialled.
    let police = app.agency_contacts("polismyndigheten", "2026-06-01").await;
    assert!(
        police["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|item| item["value"] == "11414" && item["formatted"] == "114 14"),
        "{police}"
    );
    let kraftnat = contact_values(
        app.agency_contacts("affarsverket-svenska-kraftnat", "2026-06-01")
            .await,
        None,
    );
    assert!(
        kraftnat.contains(&"+46104758000".to_owned()),
        "{kraftnat:?}"
    );
}

#[tokio::test]
async fn a_second_import_changes_nothing_and_a_malformed_one_writes_nothing() {
    let app = TestApp::spawn_national().await;
    let changes = app.count("changes").await;
    let summary = registry::import::myndighetsdata_from(&app.pool, &carried_snapshot(), None)
        .await
        .expect("the import runs");
    assert_eq!((summary.created, summary.updated), (0, 0), "{summary}");
    assert!(summary.unchanged > 800, "{summary}");
    assert_eq!(
        app.count("changes").await,
        changes,
        "the change feed did not grow"
    );

    let broken = snapshot_without("scb.json");
    std::fs::write(
        broken.join("scb.json"),
        json!({ "Trafikverket": { "org_nr": "202100-6297" }, "Vägverket": { "email": ["not", "text"] } })
            .to_string(),
    )
    .unwrap();
    let error = registry::import::myndighetsdata_from(&app.pool, &broken, None)
        .await
        .expect_err("a malformed file is refused");
    let message = format!("{error:#}");
    assert!(
        message.contains("scb.json") && message.contains("Vägverket") && message.contains("email"),
        "{message}"
    );
    assert_eq!(app.count("changes").await, changes, "nothing was written");
    std::fs::remove_dir_all(&broken).unwrap();
}

#[tokio::test]
async fn the_search_uses_its_indexes_at_ten_thousand_agencies() {
    let app = TestApp::spawn().await;
    sqlx::raw_sql(
        "insert into agencies (slug, kind, source_id)
         select 'myndighet-' || i, 'government_agency', (select id from sources limit 1)
         from generate_series(1, 10000) i;
         insert into agency_names (agency_id, name_sv, name_en, source_id)
         select a.id, 'Verket för ' || md5(a.slug), 'Agency for ' || md5(a.slug || 'en'), a.source_id
         from agencies a where a.slug like 'myndighet-%';
         insert into agency_aliases (agency_id, alias, kind, source_id)
         select a.id, upper(substr(md5(a.slug || 'alias'), 1, 5)), 'abbreviation', a.source_id
         from agencies a where a.slug like 'myndighet-%';
         analyze agencies, agency_names, agency_aliases, agency_search_keys;",
    )
    .execute(&app.pool)
    .await
    .expect("10,000 agencies");
    // Agency 4711's name, with a typo: one character short.
    let typo: String =
        sqlx::query_scalar("select 'verket for ' || left(md5('myndighet-4711'), 31)")
            .fetch_one(&app.pool)
            .await
            .expect("a query");
    let plan: Vec<String> = sqlx::query_scalar(
        "explain (format text) select * from agency_search_query(search_key($1), search_stems(search_key($1)))",
    )
    .bind(&typo)
    .fetch_all(&app.pool)
    .await
    .expect("a plan");
    let plan = plan.join("\n");
    assert!(plan.contains("agency_search_keys_key_idx"), "{plan}");
    assert!(!plan.contains("Seq Scan on agency_search_keys"), "{plan}");
    // And it finds the one asked for first.
    let page = app
        .get_json(&format!(
            "/v1/agencies?q={}&limit=1",
            typo.replace(' ', "%20")
        ))
        .await;
    assert_eq!(slugs(&page), ["myndighet-4711"]);
}

#[tokio::test]
async fn a_newer_snapshot_updates_what_changed_as_dated_changes() {
    let app = TestApp::spawn_national().await;
    let newer = snapshot_without("scb.json");
    let mut scb = carried_register("scb.json");
    scb["Trafikverket"]["email"] = json!("registrator@trafikverket.se");
    std::fs::write(newer.join("scb.json"), scb.to_string()).unwrap();
    let changes = app.count("changes").await;

    let summary = registry::import::myndighetsdata_from(
        &app.pool,
        &newer,
        Some(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()),
    )
    .await
    .expect("the newer snapshot imports");
    assert_eq!(summary.created, 0, "{summary}");
    assert!(summary.updated >= 1, "{summary}");
    assert!(app.count("changes").await > changes, "the change feed grew");

    assert_eq!(
        contact_values(
            app.agency_contacts("trafikverket", "2026-03-01").await,
            Some("email")
        ),
        ["trafikverket@trafikverket.se"]
    );
    assert_eq!(
        contact_values(
            app.agency_contacts("trafikverket", "2026-07-01").await,
            Some("email")
        ),
        ["registrator@trafikverket.se"]
    );
    std::fs::remove_dir_all(&newer).unwrap();
}

#[tokio::test]
async fn the_same_snapshot_read_again_corrects_its_own_contacts_in_place() {
    let app = TestApp::spawn_national().await;
    // As a newer cleaning would read the same file differently.
    let again = snapshot_without("scb.json");
    let mut scb = carried_register("scb.json");
    scb["Trafikverket"]["email"] = json!("registrator@trafikverket.se");
    std::fs::write(again.join("scb.json"), scb.to_string()).unwrap();

    let summary = registry::import::myndighetsdata_from(&app.pool, &again, None)
        .await
        .expect("the snapshot imports again");
    assert_eq!(summary.created, 0, "{summary}");
    // Not a change on the snapshot's date: what it says held all along.
    for at in ["2020-01-01", "2026-07-01"] {
        assert_eq!(
            contact_values(app.agency_contacts("trafikverket", at).await, Some("email")),
            ["registrator@trafikverket.se"],
            "{at}"
        );
    }
    std::fs::remove_dir_all(&again).unwrap();
}

#[tokio::test]
async fn agencies_only_sfs_knows_are_there_with_their_lineage() {
    let app = TestApp::spawn_national().await;
    // AMU-gruppen is only in sfs.json: no organisation number anywhere.
    let amu = app
        .get_json("/v1/agencies?q=AMU-gruppen&status=any&limit=1")
        .await;
    let slug = slugs(&amu)[0].clone();
    let agency = app.get_json(&format!("/v1/agencies/{slug}")).await;
    assert_eq!(agency["name"]["sv"], "AMU-gruppen");
    assert_eq!(agency["organisation_number"], json!(null));
    assert_eq!(agency["started_on"], "1986-01-01");
    assert_eq!(agency["ended_on"], "1993-07-01");
    assert_eq!(agency["status"], "ended");

    // Arbetsmiljöverket (a founding-case agency) replaced Arbetarskyddsverket,
    // which only sfs.json names, and that replaced Yrkesinspektionen.
    let lineage = app.get_json("/v1/agencies/arbetsmiljoverket/lineage").await;
    let links: Vec<(String, String, i64)> = lineage["predecessors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|link| {
            (
                link["predecessor"]["name"]["sv"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                link["effective_on"].as_str().unwrap_or("").to_owned(),
                link["generation"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(
        links.contains(&("Arbetarskyddsverket".into(), "2001-01-01".into(), 1)),
        "{links:?}"
    );
    assert!(
        links
            .iter()
            .any(|(name, _, generation)| name == "Yrkesinspektionen" && *generation == 2),
        "{links:?}"
    );
}

#[tokio::test]
async fn one_agency_under_several_names_is_one_record_with_names_over_time() {
    let app = TestApp::spawn_national().await;
    // One organisation number, three names: the registers spell it under
    // each, and matchlist.csv maps the middle one to the last.
    let page = app.get_json("/v1/agencies?org_nr=202100-4169").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "{page}");
    let slug = slugs(&page)[0].clone();
    let agency = app.get_json(&format!("/v1/agencies/{slug}")).await;
    let names: Vec<(&str, &str)> = agency["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["name"]["sv"].as_str().unwrap(),
                n["valid_from"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Statens nämnd för internationella adoptionsfrågor", ""),
            (
                "Myndigheten för internationella adoptionsfrågor",
                "2005-01-01"
            ),
            (
                "Myndigheten för familjerätt och föräldraskapsstöd",
                "2008-01-01"
            ),
        ]
    );
    assert_eq!(agency["status"], "active");
    let in_2006 = app
        .get_json(&format!("/v1/agencies/{slug}?at=2006-01-01"))
        .await;
    assert_eq!(
        in_2006["name"]["sv"],
        "Myndigheten för internationella adoptionsfrågor"
    );
    // Each of its names finds it.
    for q in [
        "statens%20namnd%20for%20internationella%20adoptionsfragor",
        "MFoF",
    ] {
        let found = app.get_json(&format!("/v1/agencies?q={q}&limit=1")).await;
        assert_eq!(slugs(&found)[0], slug, "q={q}");
    }

    // Ekonomistyrningsverket took the name Statskontoret on 2026-01-01; the
    // old Statskontoret (ESV's "Statskontoret (gamla)") is another record,
    // kept apart by its own organisation number, and has ended.
    let new = app.get_json("/v1/agencies/statskontoret").await;
    assert_eq!(new["organisation_number"], "202100-5026");
    assert_eq!(new["names"][0]["name"]["sv"], "Ekonomistyrningsverket");
    assert_eq!(new["names"][1]["valid_from"], "2026-01-01");
    let old = app
        .get_json("/v1/agencies?org_nr=202100-0852&status=ended")
        .await;
    assert_eq!(old["items"][0]["name"]["sv"], "Statskontoret", "{old}");
}

#[tokio::test]
async fn agencies_are_listed_by_the_ministry_they_answer_to() {
    let app = TestApp::spawn_national().await;
    let trafikverket = app.get_json("/v1/agencies/trafikverket").await;
    let ministry = trafikverket["ministry"]["agency"]["slug"]
        .as_str()
        .expect("a ministry")
        .to_owned();
    // The snapshot says it held on its day, not since when: an unknown
    // start, bounded by the agency's life (Trafikverket began in 2010).
    assert_eq!(
        (
            &trafikverket["ministry"]["valid_from"],
            &trafikverket["ministry"]["source"]["slug"]
        ),
        (&Value::Null, &json!("myndighetsdata-2026-01-02"))
    );
    assert_eq!(trafikverket["ministries"][0], trafikverket["ministry"]);
    let before = app
        .get_json("/v1/agencies/trafikverket?at=2009-06-01")
        .await;
    assert_eq!(before["ministry"], Value::Null, "{before}");
    let listed = app
        .get_json(&format!(
            "/v1/agencies?ministry={ministry}&q=trafikverket&at=2009-06-01"
        ))
        .await;
    assert_eq!(slugs(&listed), Vec::<String>::new());
    let ministry_record = app.get_json(&format!("/v1/agencies/{ministry}")).await;
    assert_eq!(ministry_record["kind"], "ministry");
    let page = app
        .get_json(&format!("/v1/agencies?ministry={ministry}&q=trafikverket"))
        .await;
    assert_eq!(slugs(&page), ["trafikverket"]);
    let all = app
        .get_json(&format!("/v1/agencies?ministry={ministry}&limit=100"))
        .await;
    assert!(all["items"].as_array().unwrap().len() > 5, "{all}");
    let problem = app
        .get_problem(
            "/v1/agencies?ministry=no-such-ministry",
            StatusCode::NOT_FOUND,
        )
        .await;
    assert_eq!(problem["type"], "/problems/not-found");
    // A ministry agencies answer to today exists today, although SFS ends
    // Utrikesdepartementet as an agency of its own in 1997.
    let kommerskollegium = app.get_json("/v1/agencies/kommerskollegium").await;
    assert_eq!(
        kommerskollegium["ministry"]["agency"]["slug"],
        "utrikesdepartementet"
    );
    let foreign_affairs = app.get_json("/v1/agencies/utrikesdepartementet").await;
    assert_eq!(foreign_affairs["status"], "active", "{foreign_affairs}");
    assert_eq!(foreign_affairs["successors"], json!([]));
}

#[tokio::test]
async fn the_same_snapshot_read_again_withdraws_what_it_no_longer_gives() {
    let app = TestApp::spawn_national().await;
    // As an older cleaning read the snapshot: two agencies that are not
    // there, one the other's predecessor.
    let older = snapshot_without("sfs.json");
    let mut sfs = carried_register("sfs.json");
    sfs["Provnämnden"] = json!({"start": "1990-01-01T00:00:00", "end": "1995-01-01T00:00:00"});
    sfs["Provverket"] = json!({"start": "1995-01-01T00:00:00", "end": "2000-01-01T00:00:00",
                               "replaces": ["Provnämnden"]});
    std::fs::write(older.join("sfs.json"), sfs.to_string()).unwrap();
    let summary = registry::import::myndighetsdata_from(&app.pool, &older, None)
        .await
        .expect("the older reading imports");
    assert_eq!(summary.created, 2, "{summary}");
    let predecessors = |lineage: Value| -> Vec<String> {
        lineage["predecessors"]
            .as_array()
            .expect("predecessors")
            .iter()
            .map(|link| {
                link["predecessor"]["slug"]
                    .as_str()
                    .expect("a slug")
                    .to_owned()
            })
            .collect()
    };
    let lineage = app
        .get_json("/v1/agencies/provverket/lineage?at=1999-01-01")
        .await;
    assert_eq!(predecessors(lineage), ["provnamnden"]);
    // A registrar records a contact of Provverket, citing another source.
    app.created(
        "/v1/contact-points",
        &app.writer().await,
        json!({"agency": "provverket", "kind": "website", "value": "https://www.provverket.se",
               "valid_from": "1996-01-01", "source": "2018-01-08-nationella-uppdrag-flyttar"}),
    )
    .await;

    let summary = registry::import::myndighetsdata_from(&app.pool, &carried_snapshot(), None)
        .await
        .expect("the snapshot imports again");
    // Provnämnden goes, and the link with it; Provverket, which the
    // registrar's contact refers to, stays and is reported.
    assert_eq!(summary.withdrawn.len(), 3, "{summary}");
    assert!(
        summary
            .withdrawn
            .iter()
            .any(|w| w.contains("'provverket'")
                && w.contains("kept: contact points of other sources")),
        "{summary}"
    );
    app.get_problem("/v1/agencies/provnamnden", StatusCode::NOT_FOUND)
        .await;
    let lineage = app
        .get_json("/v1/agencies/provverket/lineage?at=1999-01-01")
        .await;
    assert_eq!(predecessors(lineage), Vec::<String>::new());
    assert_eq!(app.agency("provverket").await["slug"], "provverket");
    // Read again, nothing more goes.
    let summary = registry::import::myndighetsdata_from(&app.pool, &carried_snapshot(), None)
        .await
        .expect("the snapshot imports a third time");
    assert_eq!(summary.withdrawn.len(), 1, "{summary}");
    std::fs::remove_dir_all(&older).unwrap();
}

/// Agencies that Statskontoret lists as current are answered as active,
/// whatever the end of an instruction (Försvarshögskolan, 2008) or of
/// accounts a host took over (Gentekniknämnden, 2019) says.
#[tokio::test]
async fn agencies_in_being_are_active_though_an_instruction_or_their_accounts_ended() {
    let app = TestApp::spawn_national().await;
    for slug in ["forsvarshogskolan", "gentekniknamnden"] {
        let agency = app.agency(slug).await;
        assert_eq!(agency["status"], "active", "{agency}");
        assert_eq!(agency["ended_on"], Value::Null, "{agency}");
    }
    // In being, it is reached as SCB says, and answers to a ministry.
    let contacts = app.agency_contacts("forsvarshogskolan", "2026-01-02").await;
    assert_eq!(
        contact_values(contacts, Some("email")),
        ["registrator@fhs.se"]
    );
    let agency = app.agency("forsvarshogskolan").await;
    assert_eq!(
        agency["ministry"]["agency"]["slug"], "utbildningsdepartementet",
        "{agency}"
    );
    // Its instruction of 1987 did not begin it, nor did its end in 1991
    // end it.
    let norrbotten = app.agency("lansstyrelsen-norrbotten").await;
    assert_eq!(norrbotten["started_on"], Value::Null, "{norrbotten}");
    assert_eq!(norrbotten["ended_on"], Value::Null, "{norrbotten}");
}

/// An agency that ended under the name of its own winding-up is found at
/// the slug of the name it was wound up from, and the winding-up name is
/// among its names.
#[tokio::test]
async fn an_agency_wound_up_under_another_name_keeps_the_slug_of_its_own() {
    let app = TestApp::spawn_national().await;
    for (slug, own, winding_up) in [
        (
            "utlanningsnamnden",
            "Utlänningsnämnden",
            "Utlänningsnämndens avvecklingsorganisation",
        ),
        (
            "overstyrelsen-for-civil-beredskap",
            "Överstyrelsen för civil beredskap",
            "Kommittén för avveckling av Överstyrelsen för civil beredskap",
        ),
    ] {
        let agency = app.agency(slug).await;
        assert_eq!(agency["status"], "ended", "{agency}");
        let names = crate::helpers::slugs(&agency["names"], "/name/sv");
        assert_eq!(names, [own, winding_up], "{agency}");
    }
}

/// ESV writes `?` where it did not know an agency's English name, gives
/// Kammarkollegiet's in Swedish, cut some in the middle of a word, writes
/// an abbreviation beside some, and ends a few names with a full stop or
/// starts one with "the"; Wikidata writes some names in lower case. None of
/// that is part of a name: Wikidata's English name stands where ESV has
/// none or cut it, and a name starts with a capital.
#[tokio::test]
async fn names_are_written_as_names() {
    let app = TestApp::spawn_national().await;
    for (slug, swedish, english) in [
        ("trafikanalys", "Trafikanalys", "Transport Analysis"),
        (
            "statens-skolverk",
            "Statens skolverk",
            "National Agency for Education",
        ),
        (
            "overstathallarambetet",
            "Överståthållarämbetet",
            "Over-Governors office",
        ),
        (
            "kammarkollegiet",
            "Kammarkollegiet",
            "Legal, Financial and Administrative Services Agency",
        ),
        (
            "livrustkammaren-och-skoklosters-slott-med-stiftelsen-hallwylska-museet",
            "Livrustkammaren och Skoklosters slott med Stiftelsen Hallwylska museet",
            "Royal Armoury and Skokloster Castle with Foundation of Hallwyl Museum",
        ),
        (
            "diskrimineringsombudsmannen",
            "Diskrimineringsombudsmannen",
            "The Equality Ombudsman",
        ),
        (
            "e-halsomyndigheten",
            "E-hälsomyndigheten",
            "Swedish eHealth Agency",
        ),
    ] {
        let agency = app.get_json(&format!("/v1/agencies/{slug}")).await;
        assert_eq!(agency["name"]["sv"], swedish, "{slug}");
        assert_eq!(agency["name"]["en"], english, "{slug}");
    }
    let not_names: Vec<String> = sqlx::query_scalar(
        r"select name from (
              select name_sv as name from agency_names
              union all select name_en from agency_names
              union all select alias from agency_aliases
          ) n
          where name !~ '[[:alpha:]]' or name ~ '^[[:lower:]]' or name ~ '(^|\s)[^.\s]+\.$'
             or name ~ '[()]'
          order by 1",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(not_names, Vec::<String>::new());
}
