//! The imports and what registrars wrote through the API: reading a file
//! again loses nothing a registrar wrote. Where the file now says otherwise
//! of an assignment or an agency that a registrar has changed since it was
//! imported, the registry's record stands and the import says so.

use registry::import::{AssignmentSummary, Decisions};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{
    carried_register, carried_snapshot, contact_values, snapshot_without, TestApp, SOURCE,
};

const EVALUATION: &str = "uppdrag-angaende-utvardering-av-barnahus";
const PAGE: &str = "/regeringsuppdrag/2018/01/uppdrag-angaende-utvardering-av-barnahus/";

/// The assignments carried in the repository, as a file to import.
fn carried_assignments() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/regeringsuppdrag/regeringsuppdrag.jsonl"),
    )
    .expect("the carried assignments")
}

/// Imports `text` as a file, as `registry import regeringsuppdrag` does.
async fn import(app: &TestApp, text: &str) -> AssignmentSummary {
    import_deciding(app, text, Decisions::default()).await
}

/// As [`import`], with the operator's `--keep` and `--replace`.
async fn import_deciding(app: &TestApp, text: &str, decisions: Decisions) -> AssignmentSummary {
    let file =
        std::env::temp_dir().join(format!("regeringsuppdrag-{}.jsonl", uuid::Uuid::new_v4()));
    std::fs::write(&file, text).unwrap();
    let summary = registry::import::regeringsuppdrag_from(&app.pool, &file, &decisions, false)
        .await
        .unwrap();
    std::fs::remove_file(file).ok();
    summary
}

/// The evaluation as on 2018-06-01: its final report's date, its interim
/// reports, and the agencies it was to consult.
async fn evaluation(app: &TestApp) -> (Value, Value, Vec<String>) {
    let assignment = app.assignment(EVALUATION, "2018-06-01").await;
    let consulted = assignment["consulted"]
        .as_array()
        .unwrap_or_else(|| panic!("consulted: {assignment}"))
        .iter()
        .map(|part| part["agency"]["slug"].as_str().unwrap().to_owned())
        .collect();
    (
        assignment["version"]["due_on"].clone(),
        assignment["interim_reports"].clone(),
        consulted,
    )
}

#[tokio::test]
async fn an_import_keeps_what_registrars_wrote_of_the_assignments_it_reads() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    let (due, reports, mut consulted) = evaluation(&app).await;
    assert_eq!(due, "2019-03-31");
    // A registrar records an interim report and one more agency to consult.
    app.created(
        &format!("/v1/assignments/{EVALUATION}/reports"),
        &token,
        json!({"due_on": "2018-10-01", "source": SOURCE}),
    )
    .await;
    app.created(
        &format!("/v1/assignments/{EVALUATION}/participants"),
        &token,
        json!({"agency": "skatteverket", "role": "consulted", "valid_from": "2018-02-01",
               "source": SOURCE}),
    )
    .await;
    consulted.push("skatteverket".to_owned());
    consulted.sort();
    let written = evaluation(&app).await;
    assert_ne!(written.1, reports, "the interim report is recorded");
    let sorted = |(due, reports, mut consulted): (Value, Value, Vec<String>)| {
        consulted.sort();
        (due, reports, consulted)
    };
    let written = sorted(written);
    assert_eq!(written.2, consulted);

    // The same file again: nothing written, nothing lost.
    let changes = app.count("changes").await;
    let again = import(&app, &carried_assignments()).await;
    assert_eq!((again.created, again.updated), (0, 0), "{again}");
    assert!(
        again.kept.is_empty(),
        "the file reads it as before: {again}"
    );
    assert_eq!(
        app.count("changes").await,
        changes,
        "the change feed does not grow"
    );
    assert_eq!(sorted(evaluation(&app).await), written);

    // A newer file puts its final report off, and has one assignment more:
    // the new one is written, the evaluation is kept as the registrar left
    // it, and the summary says so.
    let newer = carried_assignments().replace(
        "Uppdraget ska redovisas till regeringen senast den 31 mars 2019.",
        "Uppdraget ska redovisas till regeringen senast den 30 juni 2019.",
    ) + r#"{"page": "/regeringsuppdrag/2026/02/uppdrag-till-skolverket-att-prova-registret/", "year": 2026, "month": 2, "title": "Uppdrag till Statens skolverk att pröva registret", "text": "Regeringen uppdrar åt Statens skolverk att pröva registret. Uppdraget ska redovisas senast den 1 juni 2026."}
"#;
    let summary = import(&app, &newer).await;
    assert_eq!((summary.created, summary.updated), (1, 0), "{summary}");
    assert_eq!(
        summary.kept,
        [format!(
            "assignment '{EVALUATION}': changed through the API since it was imported; {PAGE} reads it otherwise"
        )],
        "{summary}"
    );
    assert!(
        summary
            .to_string()
            .contains("kept as the registry has them (1):"),
        "{summary}"
    );
    assert_eq!(sorted(evaluation(&app).await), written);
    let holder = app
        .get_json(
            "/v1/assignments/uppdrag-till-skolverket-att-prova-registret/holder?at=2026-03-01",
        )
        .await;
    assert_eq!(holder["agency"]["slug"], "statens-skolverk");

    // Read again, it is still kept and still reported.
    let again = import(&app, &newer).await;
    assert_eq!((again.created, again.updated), (0, 0), "{again}");
    assert_eq!(again.kept, summary.kept);
    assert_eq!(sorted(evaluation(&app).await), written);
}

/// Once someone has compared an assignment the import kept with its page,
/// the operator decides: `--keep` leaves the registrar's record and stops
/// the listing until a file reads the assignment otherwise again;
/// `--replace` rewrites it from the file, and the change feed keeps what
/// the registrar wrote.
#[tokio::test]
async fn the_operator_keeps_or_replaces_an_assignment_the_import_kept() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    let (_, imported_reports, _) = evaluation(&app).await;
    app.created(
        &format!("/v1/assignments/{EVALUATION}/reports"),
        &token,
        json!({"due_on": "2018-10-01", "source": SOURCE}),
    )
    .await;
    let written = evaluation(&app).await;
    let due_on = |date: &str| {
        carried_assignments().replace(
            "Uppdraget ska redovisas till regeringen senast den 31 mars 2019.",
            &format!("Uppdraget ska redovisas till regeringen senast den {date}."),
        )
    };
    let decided = |keep: &[&str], replace: &[&str]| Decisions {
        keep: keep.iter().map(|slug| slug.to_string()).collect(),
        replace: replace.iter().map(|slug| slug.to_string()).collect(),
    };
    let later = due_on("30 juni 2019");
    assert_eq!(import(&app, &later).await.kept.len(), 1);

    // Kept after comparing: left as written, and no longer listed. A slug
    // that needed no decision is named as such.
    let kept = import_deciding(
        &app,
        &later,
        decided(&[EVALUATION], &["no-such-assignment"]),
    )
    .await;
    assert_eq!((kept.created, kept.updated), (0, 0), "{kept}");
    assert!(kept.kept.is_empty(), "{kept}");
    assert_eq!(kept.compared, [EVALUATION], "{kept}");
    assert_eq!(kept.undecided, ["no-such-assignment"], "{kept}");
    assert!(
        kept.to_string().contains(
            "named with --keep or --replace, and needing no decision (1):\n  - no-such-assignment"
        ),
        "{kept}"
    );
    assert_eq!(evaluation(&app).await, written);
    let again = import(&app, &later).await;
    assert!(
        again.kept.is_empty() && again.compared.is_empty(),
        "{again}"
    );
    assert_eq!(again.updated, 0, "{again}");

    // A file that reads it otherwise again lists it again.
    let latest = due_on("30 september 2019");
    let listed = import(&app, &latest).await;
    assert_eq!(listed.kept.len(), 1, "{listed}");
    assert!(
        listed
            .to_string()
            .contains("--replace SLUG to rewrite it from the file"),
        "the summary says what to do: {listed}"
    );
    assert_eq!(evaluation(&app).await, written);

    // Replaced: as the file reads it, and the registrar's report is in the
    // change feed as deleted.
    let cursor = app.count("changes").await;
    let replaced = import_deciding(&app, &latest, decided(&[], &[EVALUATION])).await;
    assert_eq!(replaced.replaced, [EVALUATION], "{replaced}");
    assert_eq!(
        (replaced.updated, replaced.kept.len()),
        (1, 0),
        "{replaced}"
    );
    let (due, reports, _) = evaluation(&app).await;
    assert_eq!(due, "2019-09-30");
    assert_eq!(reports, imported_reports, "the registrar's report is gone");
    let feed = app
        .get_json(&format!("/v1/changes?after={cursor}&limit=100"))
        .await;
    assert!(
        feed["items"].as_array().unwrap().iter().any(|change| {
            change["before"]["due_on"] == "2018-10-01" && change["after"].is_null()
        }),
        "{feed}"
    );
    let again = import(&app, &latest).await;
    assert!(
        again.kept.is_empty() && again.replaced.is_empty(),
        "{again}"
    );
    assert_eq!(again.updated, 0, "{again}");
}

/// An amendment that stood alone, then changed by a registrar, is not
/// withdrawn when the file has its original: the registrar's writes refer
/// to it.
#[tokio::test]
async fn an_amendment_a_registrar_changed_is_not_withdrawn() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    let original = r#"{"page": "/regeringsuppdrag/2026/02/uppdrag-att-prova-registret/", "year": 2026, "month": 2, "title": "Uppdrag till Statens skolverk att pröva registret", "text": "Regeringen uppdrar åt Statens skolverk att pröva registret. Uppdraget ska redovisas senast den 1 juni 2026."}"#;
    let amendment = r#"{"page": "/regeringsuppdrag/2026/03/uppdrag-att-prova-registret/", "year": 2026, "month": 3, "title": "Ändring av uppdraget till Statens skolverk att pröva registret", "text": "Regeringen ändrar uppdraget till Statens skolverk att pröva registret. Uppdraget ska i stället redovisas senast den 1 september 2026."}"#;
    let alone = import(&app, &format!("{}{amendment}\n", carried_assignments())).await;
    assert_eq!(alone.created, 1, "{alone}");
    app.created(
        "/v1/assignments/uppdrag-att-prova-registret/reports",
        &token,
        json!({"due_on": "2026-06", "source": SOURCE}),
    )
    .await;

    let joined = import(
        &app,
        &format!("{}{original}\n{amendment}\n", carried_assignments()),
    )
    .await;
    assert_eq!(
        joined.withdrawn,
        ["assignment 'uppdrag-att-prova-registret': now part of another, kept: writes through the API refer to it"],
        "{joined}"
    );
    let kept = app
        .get_json("/v1/assignments/uppdrag-att-prova-registret?at=2026-04-01")
        .await;
    assert_eq!(kept["kind"], "amendment", "{kept}");
    assert_eq!(kept["interim_reports"][0]["due_on"], "2026-06", "{kept}");
}

/// A registrar renames an agency the snapshot created and corrects its
/// e-mail address; the same snapshot read again, even by a cleaning that
/// reads that address otherwise, leaves both as the registrar wrote them.
#[tokio::test]
async fn an_agency_a_registrar_changed_keeps_its_names_and_contacts() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    let contacts = app.agency_contacts("trafikverket", "2026-03-01").await;
    let email = contacts["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "email")
        .unwrap_or_else(|| panic!("an e-mail address: {contacts}"));
    assert_eq!(email["source"]["slug"], "myndighetsdata-2026-01-02");
    let corrected = app
        .send(
            Method::PATCH,
            &format!("/v1/contact-points/{}", email["id"].as_str().unwrap()),
            &token,
            &json!({"value": "info@trafikverket.se"}),
        )
        .await;
    assert_eq!(corrected.status(), StatusCode::OK);
    app.created(
        "/v1/agencies/trafikverket/names",
        &token,
        json!({"name": {"sv": "Trafikmyndigheten"}, "valid_from": "2026-09-01", "source": SOURCE}),
    )
    .await;
    let as_written = || async {
        let contacts = app.agency_contacts("trafikverket", "2026-10-01").await;
        let name = app
            .get_json("/v1/agencies/trafikverket?at=2026-10-01")
            .await["name"]["sv"]
            .clone();
        (contact_values(contacts, Some("email")), name)
    };
    let written = (
        vec!["info@trafikverket.se".to_owned()],
        json!("Trafikmyndigheten"),
    );
    assert_eq!(as_written().await, written);

    let again = registry::import::myndighetsdata_from(&app.pool, &carried_snapshot(), None)
        .await
        .expect("the snapshot imports again");
    assert_eq!((again.created, again.updated), (0, 0), "{again}");
    assert_eq!(as_written().await, written);

    // As a newer cleaning would read the same file: the address it reads
    // otherwise is not written over the registrar's.
    let copy = snapshot_without("scb.json");
    let mut scb = carried_register("scb.json");
    scb["Trafikverket"]["email"] = json!("registrator@trafikverket.se");
    std::fs::write(copy.join("scb.json"), scb.to_string()).unwrap();
    let reread = registry::import::myndighetsdata_from(&app.pool, &copy, None)
        .await
        .expect("the snapshot imports again");
    std::fs::remove_dir_all(&copy).unwrap();
    assert!(
        reread.conflicts.contains(
            &"Trafikverket: email registrator@trafikverket.se (the snapshot) not added: \
              the registry's info@trafikverket.se was written through the API"
                .to_owned()
        ),
        "{reread}"
    );
    assert_eq!(as_written().await, written);
    assert_eq!(
        app.get_json("/v1/agencies/trafikverket?at=2026-03-01")
            .await["name"]["sv"],
        "Trafikverket",
        "the name before the registrar's stands too"
    );
}

/// An agency an older reading of the snapshot made, which the snapshot read
/// again no longer gives, is withdrawn; not where a registrar has renamed
/// it since.
#[tokio::test]
async fn an_agency_a_registrar_renamed_is_not_withdrawn() {
    let app = TestApp::spawn_national().await;
    let older = snapshot_without("sfs.json");
    let mut sfs = carried_register("sfs.json");
    for name in ["Provnämnden", "Provrådet"] {
        sfs[name] = json!({"start": "1990-01-01T00:00:00", "end": "1995-01-01T00:00:00"});
    }
    std::fs::write(older.join("sfs.json"), sfs.to_string()).unwrap();
    let read = registry::import::myndighetsdata_from(&app.pool, &older, None)
        .await
        .expect("the older reading imports");
    std::fs::remove_dir_all(&older).unwrap();
    assert_eq!(read.created, 2, "{read}");
    app.created(
        "/v1/agencies/provnamnden/names",
        &app.writer().await,
        json!({"name": {"sv": "Statens provnämnd"}, "valid_from": "1993-01-01", "source": SOURCE}),
    )
    .await;

    let again = registry::import::myndighetsdata_from(&app.pool, &carried_snapshot(), None)
        .await
        .expect("the snapshot imports again");
    assert_eq!(
        again.withdrawn,
        [
            "agency 'provnamnden': no longer in the snapshot, kept: writes through the API refer to it",
            "agency 'provradet': no longer in the snapshot",
        ],
        "{again}"
    );
    let kept = app.get_json("/v1/agencies/provnamnden?at=1994-01-01").await;
    assert_eq!(kept["name"]["sv"], "Statens provnämnd");
    app.get_problem("/v1/agencies/provradet", StatusCode::NOT_FOUND)
        .await;
}

/// A registrar deletes an identifier and another name the snapshot gives
/// (a wrong ESV number, an abbreviation no longer used) and adds another
/// name citing the snapshot itself: the snapshot read again brings back
/// neither deleted one, and withdraws not the added one.
#[tokio::test]
async fn identifiers_and_other_names_a_registrar_wrote_or_deleted_stay_so() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    let agency = "/v1/agencies/trafikverket";
    let known_by = |agency: Value| {
        let values = |list: &str, field: &str| -> Vec<String> {
            let mut values: Vec<String> = (agency[list].as_array().unwrap().iter())
                .map(|item| item[field].as_str().unwrap().to_owned())
                .collect();
            values.sort();
            values
        };
        (
            values("identifiers", "value"),
            values("other_names", "name"),
        )
    };
    let before = app.get_json(agency).await;
    let id_of = |list: &str, field: &str, value: &str| {
        (before[list].as_array().unwrap().iter())
            .find(|item| item[field] == value)
            .unwrap_or_else(|| panic!("{value} in {list}: {before}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    for path in [
        format!(
            "{agency}/identifiers/{}",
            id_of("identifiers", "value", "1367")
        ),
        format!(
            "{agency}/other-names/{}",
            id_of("other_names", "name", "TRV")
        ),
    ] {
        let response = app.send(Method::DELETE, &path, &token, &Value::Null).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{path}");
    }
    let added = json!({"name": "Vägverket och Banverket", "kind": "former_name",
                       "source": "myndighetsdata-2026-01-02"});
    app.created(&format!("{agency}/other-names"), &token, added)
        .await;
    let written = known_by(app.get_json(agency).await);
    assert_eq!(
        written,
        (
            vec!["202100-6297".to_owned(), "Q1677108".to_owned()],
            vec!["Vägverket och Banverket".to_owned()]
        )
    );

    let again = registry::import::myndighetsdata_from(&app.pool, &carried_snapshot(), None)
        .await
        .expect("the snapshot imports again");
    assert_eq!(again.created, 0, "{again}");
    assert_eq!(known_by(app.get_json(agency).await), written);
}
