//! Linked data: an agency, an assignment, its holder and a transfer as
//! JSON-LD in the W3C Organization Ontology, with the context the API
//! serves. (scripts/interop expands them with pyld, a JSON-LD processor,
//! and checks the triples.)

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

async fn linked(app: &TestApp, path: &str) -> (Value, String) {
    let response = app.get_with(path, "accept", "application/ld+json").await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(header(&response, "content-type"), "application/ld+json");
    let tag = header(&response, "etag");
    (response.json().await.unwrap(), tag)
}

#[tokio::test]
async fn a_transfer_is_a_change_event_from_the_old_holder_to_the_new() {
    let app = TestApp::spawn().await;
    let (transfer, tag) = linked(&app, &format!("/v1/transfers/{TRANSFER}")).await;
    let json = app.get(&format!("/v1/transfers/{TRANSFER}")).await;
    assert_ne!(
        header(&json, "etag"),
        tag,
        "each representation its own tag"
    );
    let json: Value = json.json().await.unwrap();
    assert_eq!(
        transfer["@context"],
        format!("{}/v1/context.jsonld", app.address)
    );
    assert_eq!(transfer["@type"], "ChangeEvent");
    assert_eq!(
        transfer["@id"],
        format!(
            "{}/v1/transfers/{}",
            app.address,
            json["id"].as_str().unwrap()
        )
    );
    let from = &transfer["originalOrganization"];
    assert_eq!(from["name"]["sv"], "Länsstyrelsen i Stockholms län");
    assert_eq!(
        from["@id"],
        format!(
            "{}/v1/agencies/{}",
            app.address,
            json["from_agency"]["id"].as_str().unwrap()
        )
    );
    assert_eq!(
        transfer["resultingOrganization"]["name"]["sv"],
        "Jämställdhetsmyndigheten"
    );
    assert_eq!(transfer["effectiveOn"], "2018-01-01");
    assert_eq!(transfer["legalBasis"]["@type"], "LegalResource");
    assert_eq!(transfer["legalBasis"]["citation"], json["legal_basis"]);
    assert_eq!(
        transfer["moved"].as_array().unwrap().len(),
        json["assignments"].as_array().unwrap().len()
    );
}

#[tokio::test]
async fn the_holder_is_a_dated_holding_and_partial_dates_keep_their_precision() {
    let app = TestApp::spawn().await;
    let path = |at| format!("/v1/assignments/{NATIONAL}/holder?at={at}&format=jsonld");
    let (before, _) = linked(&app, &path("2017-12-31")).await;
    assert_eq!(before["@type"], "Holding");
    assert_eq!(
        before["holder"]["name"]["sv"],
        "Länsstyrelsen i Stockholms län"
    );
    assert_eq!(before["during"]["hasBeginning"]["inXSDgYear"], "2009");
    assert_eq!(before["during"]["hasEnd"]["inXSDDate"], "2018-01-01");
    let (after, _) = linked(&app, &path("2018-01-01")).await;
    assert_eq!(after["holder"]["name"]["sv"], "Jämställdhetsmyndigheten");
    assert_eq!(after["during"]["hasBeginning"]["inXSDDate"], "2018-01-01");
    assert!(after["during"].get("hasEnd").is_none(), "{after}");
    assert!(after["startedBy"]
        .as_str()
        .unwrap()
        .contains("/v1/transfers/"));
}

#[tokio::test]
async fn an_agency_is_a_public_organisation_and_the_context_names_every_term() {
    let app = TestApp::spawn().await;
    let (agency, _) = linked(&app, &format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}")).await;
    assert_eq!(
        agency["@type"],
        serde_json::json!(["Organization", "PublicOrganisation"])
    );
    assert_eq!(agency["name"]["en"], "Swedish Gender Equality Agency");
    assert_eq!(agency["founded"]["@type"], "xsd:date");
    let (context, _) = linked(&app, "/v1/context.jsonld").await;
    let terms = context["@context"].as_object().unwrap();
    let mut used = Vec::new();
    collect_keys(&agency, &mut used);
    let (assignment, _) = linked(
        &app,
        "/v1/assignments/nationella-metodstodsteamet?at=2018-06-01",
    )
    .await;
    collect_keys(&assignment, &mut used);
    for key in used.iter().filter(|key| !key.starts_with('@')) {
        assert!(
            terms.contains_key(key.as_str()),
            "{key} is not in the context"
        );
    }
    assert_eq!(terms["org"], "http://www.w3.org/ns/org#");
    assert_eq!(terms["reg"], format!("{}/v1/vocabulary#", app.address));
}

#[tokio::test]
async fn an_agency_resulted_from_and_was_changed_by_change_events_of_its_lineage() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let old = serde_json::json!({
        "slug": "rikspolisstyrelsen", "kind": "government_agency",
        "name": {"sv": "Rikspolisstyrelsen"}, "started_on": "1965", "ended_on": "2015-01-01",
        "source": SOURCE
    });
    app.created("/v1/agencies", &token, old).await;
    let link = serde_json::json!({
        "predecessor": "rikspolisstyrelsen", "successor": "polismyndigheten",
        "kind": "merged_into", "effective_on": "2015-01-01", "source": SOURCE
    });
    let link = app.created("/v1/lineage-links", &token, link).await;
    let event = format!(
        "{}/v1/lineage-links/{}",
        app.address,
        link["id"].as_str().unwrap()
    );

    let (police, _) = linked(&app, "/v1/agencies/polismyndigheten").await;
    let resulted = &police["resultedFrom"];
    assert_eq!(resulted["@id"], event, "{police}");
    assert_eq!(resulted["@type"], "ChangeEvent");
    assert_eq!(resulted["classification"], "merged_into");
    assert_eq!(resulted["effectiveOn"]["@type"], "xsd:date");
    assert_eq!(
        resulted["originalOrganization"]["name"]["sv"],
        "Rikspolisstyrelsen"
    );
    assert_eq!(resulted["resultingOrganization"]["@id"], police["@id"]);
    let (board, _) = linked(&app, "/v1/agencies/rikspolisstyrelsen").await;
    assert_eq!(board["changedBy"]["@id"], event, "{board}");
    assert_eq!(board["dissolved"]["@value"], "2015-01-01");

    let (context, _) = linked(&app, "/v1/context.jsonld").await;
    let mut used = Vec::new();
    collect_keys(&police, &mut used);
    collect_keys(&board, &mut used);
    for key in used.iter().filter(|key| !key.starts_with('@')) {
        assert!(
            context["@context"].get(key.as_str()).is_some(),
            "{key} is not in the context"
        );
    }
}

fn collect_keys(value: &Value, keys: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                // Language maps are keyed by language, not by term.
                if !["sv", "en"].contains(&key.as_str()) {
                    keys.push(key.clone());
                }
                collect_keys(inner, keys);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_keys(item, keys)),
        _ => {}
    }
}

#[tokio::test]
async fn lists_are_not_linked_data_and_writes_answer_json() {
    let app = TestApp::spawn().await;
    let response = app
        .get_with("/v1/agencies", "accept", "application/ld+json")
        .await;
    assert_problem(response, StatusCode::NOT_ACCEPTABLE, "a list").await;
    let token = app.writer().await;
    let response = app
        .request(
            reqwest::Method::PATCH,
            &format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"),
            &token,
        )
        .header("accept", "application/ld+json")
        .header("content-type", "application/merge-patch+json")
        .body(r#"{"seat": "Angered"}"#)
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::NOT_ACCEPTABLE, "a write").await;
    let agency = app.agency(GENDER_EQUALITY_AGENCY).await;
    assert_ne!(agency["seat"], "Angered", "nothing was written");
}

/// Names are given under the address a request names (its
/// `X-Forwarded-Host`, say), and the cache does not give that answer to
/// requests naming another; published at an address (`PUBLIC_BASE_URL`),
/// the API names things under it whatever a request says.
#[tokio::test]
async fn a_node_is_named_under_the_published_address_and_no_request_renames_it_for_others() {
    let app = TestApp::spawn().await;
    let (agency, feed) = ("/v1/agencies/skatteverket", "/v1/changes?limit=1");
    // A linked-data node and an Atom feed, as a request naming `host` gets them.
    let read = |app: &TestApp, path: &str, accept: &str, host: Option<&str>| {
        let mut request =
            (app.client.get(format!("{}{path}", app.address))).header("accept", accept);
        if let Some(host) = host {
            request = request.header("x-forwarded-host", host);
        }
        let response = request.send();
        async move { response.await.unwrap().text().await.unwrap() }
    };
    let node = |text: String| serde_json::from_str::<Value>(&text).unwrap();
    let (ld, atom) = ("application/ld+json", "application/atom+xml");

    let forged = node(read(&app, agency, ld, Some("evil.example")).await);
    assert!(forged["@id"]
        .as_str()
        .unwrap()
        .starts_with("http://evil.example/v1/agencies/"));
    assert!(read(&app, feed, atom, Some("evil.example"))
        .await
        .contains("<id>http://evil.example/"));
    let own = node(read(&app, agency, ld, None).await);
    let under = format!("{}/v1/agencies/", app.address);
    assert!(own["@id"].as_str().unwrap().starts_with(&under), "{own}");
    let own_feed = read(&app, feed, atom, None).await;
    assert!(!own_feed.contains("evil.example"), "{own_feed}");
    // Nor does the tag of the forged answer stand for the plain one: a
    // client that moves between addresses is not told its copy is current.
    let get = |host: Option<&str>, tag: Option<&str>| {
        let mut request = app.client.get(format!("{}{agency}", app.address));
        request = request.header("accept", ld);
        if let Some(host) = host {
            request = request.header("x-forwarded-host", host);
        }
        if let Some(tag) = tag {
            request = request.header("if-none-match", tag);
        }
        request.send()
    };
    let forged_answer = get(Some("evil.example"), None).await.unwrap();
    let forged_tag = forged_answer.headers()["etag"].to_str().unwrap().to_owned();
    let again = get(Some("evil.example"), Some(&forged_tag)).await.unwrap();
    assert_eq!(again.status(), 304, "the same address, the same answer");
    let plain = get(None, Some(&forged_tag)).await.unwrap();
    assert_eq!(plain.status(), 200, "a tag given under another address");
    assert!(plain.text().await.unwrap().contains(&under));

    let published = app.published_at("https://registry.example.se");
    let forged = node(read(&published, agency, ld, Some("evil.example")).await);
    let base = "https://registry.example.se";
    assert!(
        forged["@id"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{base}/v1/agencies/")),
        "{forged}"
    );
    assert_eq!(forged["@context"], format!("{base}/v1/context.jsonld"));
    let forged_feed = read(&published, feed, atom, Some("evil.example")).await;
    assert!(
        forged_feed.contains(&format!("<id>{base}/v1/changes?after=")),
        "{forged_feed}"
    );
}
