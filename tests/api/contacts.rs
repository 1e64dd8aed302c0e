//! "How do I reach whoever is responsible?" — before and after 2018-01-08.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

fn values_of_kind<'a>(items: &'a Value, kind: &str) -> Vec<&'a str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == kind)
        .map(|c| c["value"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_new_agency_takes_questions_from_8_january_2018_not_before() {
    let app = TestApp::spawn().await;
    let before = app
        .agency_contacts(GENDER_EQUALITY_AGENCY, "2018-01-07")
        .await;
    assert_eq!(before["items"], Value::Array(vec![]));

    let from = app
        .agency_contacts(GENDER_EQUALITY_AGENCY, "2018-01-08")
        .await;
    let items = &from["items"];
    assert_eq!(
        values_of_kind(items, "postal_address"),
        ["Box 73, 424 22 Angered"]
    );
    assert_eq!(
        values_of_kind(items, "visiting_address"),
        ["Angereds Torg 9"]
    );
    assert_eq!(values_of_kind(items, "email"), ["info@jamy.se"]);
    assert_eq!(values_of_kind(items, "phone"), ["031-392 90 00"]);
    for contact in items.as_array().unwrap() {
        assert_eq!(contact["valid_from"], "2018-01-08", "{contact}");
        assert_eq!(contact["agency"]["slug"], GENDER_EQUALITY_AGENCY);
        assert_eq!(contact["audience"], "public");
    }
}

#[tokio::test]
async fn the_support_hotline_kept_its_number_across_the_transfer() {
    let app = TestApp::spawn().await;
    for (at, holder) in [
        ("2017-12-31", STOCKHOLM_BOARD),
        ("2018-01-01", GENDER_EQUALITY_AGENCY),
        ("2019-05-01", GENDER_EQUALITY_AGENCY),
    ] {
        let contacts = app.assignment_contacts(SUPPORT_PROCESS, at).await;
        assert_eq!(contacts["holder"]["slug"], holder, "{at}");
        assert_eq!(
            values_of_kind(&contacts["items"], "hotline"),
            ["020-390 000"],
            "{at}"
        );
        let hotline = &contacts["items"][0];
        assert_eq!(hotline["audience"], "professionals");
        assert_eq!(
            hotline["assignment"]["slug"], SUPPORT_PROCESS,
            "the hotline belongs to the assignment"
        );
    }
}

#[tokio::test]
async fn whoever_is_responsible_is_reachable_by_hotline_first_then_by_the_agencys_contacts_from_8_january(
) {
    let app = TestApp::spawn().await;
    let first_week = app.assignment_contacts(SUPPORT_PROCESS, "2018-01-05").await;
    assert_eq!(
        first_week["items"].as_array().unwrap().len(),
        1,
        "only the hotline: {first_week}"
    );

    let later = app.assignment_contacts(SUPPORT_PROCESS, "2018-01-08").await;
    let kinds: Vec<&str> = later["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds[0], "hotline",
        "the assignment's own contact points come first"
    );
    assert_eq!(values_of_kind(&later["items"], "email"), ["info@jamy.se"]);
    assert_eq!(kinds.len(), 5);
}

#[tokio::test]
async fn the_national_assignment_is_reachable_through_its_parts_hotline_and_websites() {
    let app = TestApp::spawn().await;
    let contacts = app.assignment_contacts(NATIONAL, "2018-01-08").await;
    assert_eq!(contacts["holder"]["slug"], GENDER_EQUALITY_AGENCY);
    assert_eq!(
        values_of_kind(&contacts["items"], "hotline"),
        ["020-390 000"]
    );
    let mut websites = values_of_kind(&contacts["items"], "website");
    websites.sort_unstable();
    assert_eq!(
        websites,
        [
            "https://www.duavgor.se",
            "https://www.nmtsverige.se",
            "https://www.resekurage.se",
            "https://www.safetrip.se"
        ]
    );
}

#[tokio::test]
async fn contacts_on_a_date_nobody_held_the_assignment_are_a_no_holder_problem() {
    let app = TestApp::spawn().await;
    let problem = app
        .get_problem(
            &format!("/v1/assignments/{NATIONAL}/contacts?at=2005-01-01"),
            reqwest::StatusCode::NOT_FOUND,
        )
        .await;
    assert_eq!(problem["type"], "/problems/no-holder");
    assert_eq!(
        problem["next_holding"]["agency"]["slug"], STOCKHOLM_BOARD,
        "whom to ask from 2009: {problem}"
    );
}

/// The vCards a path answers, as the vcard4 crate parses them.
pub async fn vcards(app: &TestApp, path: &str, accept: Option<&str>) -> Vec<vcard4::Vcard> {
    let response = match accept {
        Some(accept) => app.get_with(path, "accept", accept).await,
        None => app.get(path).await,
    };
    assert_eq!(response.status(), reqwest::StatusCode::OK, "{path}");
    assert_eq!(
        header(&response, "content-type"),
        "text/vcard; charset=utf-8"
    );
    assert!(header(&response, "vary").to_lowercase().contains("accept"));
    // A browser saves it under the slug of the agency or assignment.
    let slug = path.split('/').nth(3).unwrap();
    assert_eq!(
        header(&response, "content-disposition"),
        format!("inline; filename=\"{slug}.vcf\"")
    );
    let text = response.text().await.unwrap();
    assert!(
        text.split("\r\n").all(|line| line.len() <= 75),
        "lines are folded at 75 octets: {text}"
    );
    vcard4::parse(&text).unwrap_or_else(|error| panic!("{error}: {text}"))
}

fn tel_uris(card: &vcard4::Vcard) -> Vec<String> {
    card.tel
        .iter()
        .map(|tel| match tel {
            vcard4::property::TextOrUriProperty::Uri(uri) => uri.value.to_string(),
            vcard4::property::TextOrUriProperty::Text(text) => text.value.clone(),
        })
        .collect()
}

#[tokio::test]
async fn an_address_book_gets_the_agencys_contacts_as_a_vcard() {
    let app = TestApp::spawn().await;
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/contacts?at=2018-01-08");
    let cards = vcards(&app, &path, Some("text/vcard")).await;
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    let names: Vec<&str> = card
        .formatted_name
        .iter()
        .map(|n| n.value.as_str())
        .collect();
    assert_eq!(
        names,
        ["Jämställdhetsmyndigheten", "Swedish Gender Equality Agency"]
    );
    assert_eq!(card.org[0].value, ["Jämställdhetsmyndigheten"]);
    let emails: Vec<&str> = card.email.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(emails, ["info@jamy.se"]);
    assert_eq!(tel_uris(card), ["tel:+46313929000"]);
    let mut streets: Vec<String> = card
        .address
        .iter()
        .map(|address| address.value.street_address.clone().unwrap_or_default())
        .collect();
    streets.sort();
    assert_eq!(streets, ["Angereds Torg 9", "Box 73, 424 22 Angered"]);
    // The same card by ?format=, as a browser's link asks for it.
    let linked = vcards(&app, &format!("{path}&format=vcard"), None).await;
    assert_eq!(linked[0].email.len(), 1);
    assert_eq!(card.note[0].value, "Kontaktvägar den 2018-01-08.");
    // Before the agency began, the card says why it has nothing to reach.
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/contacts?at=2017-06-01");
    let early = vcards(&app, &path, Some("text/vcard")).await;
    assert!(early[0].email.is_empty() && early[0].tel.is_empty());
    assert_eq!(
        early[0].note[0].value,
        "Kontaktvägar den 2017-06-01. Myndigheten var inte bildad än."
    );
}

#[tokio::test]
async fn the_vcard_of_an_assignment_is_its_holder_on_the_day_with_the_hotline_first() {
    let app = TestApp::spawn().await;
    for (at, holder) in [
        ("2017-12-31", "Länsstyrelsen i Stockholms län"),
        ("2018-01-01", "Jämställdhetsmyndigheten"),
    ] {
        let path = format!("/v1/assignments/{SUPPORT_PROCESS}/contacts?at={at}&format=vcard");
        let cards = vcards(&app, &path, None).await;
        let card = &cards[0];
        assert_eq!(card.formatted_name[0].value, holder, "{at}");
        assert_eq!(tel_uris(card)[0], "tel:+4620390000", "{at}: the hotline");
        let note = &card.note[0].value;
        assert!(note.contains(at), "{at}: {note}");
        // The hotline's label goes beside it, in the same group.
        use vcard4::property::Property;
        let group = card.tel[0].group().expect("a labelled number");
        let label = card
            .extensions
            .iter()
            .find(|extension| extension.group.as_ref() == Some(group))
            .expect("a label in the hotline's group");
        assert_eq!(label.name.to_uppercase(), "X-ABLABEL");
    }
}

#[tokio::test]
async fn contacts_in_a_format_not_produced_are_406_and_json_stays_the_default() {
    let app = TestApp::spawn().await;
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/contacts?at=2018-01-08");
    let response = app.get_with(&path, "accept", "text/csv").await;
    let problem = assert_problem(response, reqwest::StatusCode::NOT_ACCEPTABLE, "csv").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("text/vcard"),
        "{problem}"
    );
    let json = app.get(&path).await;
    assert_eq!(header(&json, "content-type"), "application/json");
}

#[tokio::test]
async fn a_changed_contact_point_must_still_be_usable_as_its_kind() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let contact = app
        .created(
            "/v1/contact-points",
            &token,
            json!({
                "agency": "jamstalldhetsmyndigheten", "kind": "email",
                "value": "registrator@jamy.se", "source": "2018-01-08-nationella-uppdrag-flyttar"
            }),
        )
        .await;
    let path = format!("/v1/contact-points/{}", contact["id"].as_str().unwrap());
    let changes = app.count("changes").await;
    for (patch, field) in [
        (json!({"kind": "phone"}), "kind"),
        (json!({"value": "registrator"}), "value"),
        (
            json!({"kind": "website", "value": "javascript:alert(1)"}),
            "value",
        ),
        // In a merge patch null removes; a contact point cannot be without.
        (json!({"value": null}), "value"),
        (
            json!({"kind": null, "label": {"sv": "Registratur"}}),
            "kind",
        ),
    ] {
        let response = app.send(Method::PATCH, &path, &token, &patch).await;
        let problem = assert_problem(response, StatusCode::BAD_REQUEST, field).await;
        assert_eq!(problem["invalid_params"][0]["name"], field, "{patch}");
    }
    assert_eq!(app.count("changes").await, changes, "nothing was written");

    // A value stored before values were checked stays until it is changed:
    // its label can still be corrected.
    sqlx::query("update contact_points set value = 'registrator' where id = $1::uuid")
        .bind(contact["id"].as_str().unwrap())
        .execute(&app.pool)
        .await
        .unwrap();
    let response = app
        .send(
            Method::PATCH,
            &path,
            &token,
            &json!({"label": {"sv": "Registratur"}}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let changed: Value = response.json().await.unwrap();
    assert_eq!(changed["label"]["sv"], "Registratur");
    assert_eq!(changed["value"], "registrator", "the old value is kept");
}

/// A board another agency runs answers through it: how to reach Nämnden
/// för hemslöjdsfrågor, which has no contact points of its own, names
/// Tillväxtverket. The host is named only on a day both exist.
#[tokio::test]
async fn a_hosted_agency_names_the_agency_that_runs_it() {
    let app = TestApp::spawn_national().await;
    let path = "/v1/agencies/namnden-for-hemslojdsfragor";
    let board = app
        .get_json(&format!("{path}/contacts?at=2025-06-01"))
        .await;
    assert_eq!(board["status"], "active");
    assert_eq!(board["items"], json!([]), "{board}");
    assert_eq!(board["host"]["slug"], "tillvaxtverket", "{board}");
    assert_eq!(board["host"]["name"]["sv"], "Tillväxtverket");
    let agency = app.get_json(&format!("{path}?at=2025-06-01")).await;
    assert_eq!(agency["host"], board["host"]);
    let card = &vcards(
        &app,
        &format!("{path}/contacts?at=2025-06-01&format=vcard"),
        None,
    )
    .await[0];
    assert_eq!(
        card.note[0].value,
        "Kontaktvägar den 2025-06-01. Värdmyndighet: Tillväxtverket."
    );
    // It ended on 2026-01-01 (SFS): nobody runs it after.
    let ended = app
        .get_json(&format!("{path}/contacts?at=2026-01-01"))
        .await;
    assert_eq!(ended["status"], "ended");
    assert_eq!(ended["host"], Value::Null, "{ended}");

    // Valmyndigheten (2001) is run by Skatteverket, which began in 2004.
    let path = "/v1/agencies/valmyndigheten/contacts";
    let before = app.get_json(&format!("{path}?at=2003-12-31")).await;
    assert_eq!(before["status"], "active");
    assert_eq!(before["host"], Value::Null, "{before}");
    let after = app.get_json(&format!("{path}?at=2004-01-01")).await;
    assert_eq!(after["host"]["slug"], "skatteverket", "{after}");
    // An agency nobody runs names none.
    let tax = app.get_json("/v1/agencies/skatteverket/contacts").await;
    assert_eq!(tax["host"], Value::Null);
}
