//! `/v1/search`: agencies and assignments found together, as one search
//! box shows them, on the national data.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{assert_problem, urlencode, TestApp};

/// Each item of a search as `type` and slug, in order.
fn typed_slugs(items: &[Value]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|item| {
            let kind = item["type"].as_str().expect("a type").to_owned();
            let found = &item[kind.as_str()];
            assert!(
                found.is_object(),
                "the member `{kind}` is the match: {item}"
            );
            let other = if kind == "agency" {
                "assignment"
            } else {
                "agency"
            };
            assert!(item.get(other).is_none(), "and only it: {item}");
            (kind, found["slug"].as_str().expect("a slug").to_owned())
        })
        .collect()
}

/// Every page of the search `q`, `limit` at a time: its items as `type`
/// and slug.
async fn searched(app: &TestApp, q: &str, limit: usize) -> Vec<(String, String)> {
    let path = format!("/v1/search?q={}", urlencode(q));
    typed_slugs(&app.all_pages(&path, limit).await)
}

/// The slugs of the first `count` matches of `q` in `collection`'s own
/// search (`agencies`, `assignments`).
async fn listed(app: &TestApp, collection: &str, q: &str, count: usize) -> Vec<String> {
    let page = app
        .get_json(&format!(
            "/v1/{collection}?q={}&limit={count}",
            urlencode(q)
        ))
        .await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["slug"].as_str().unwrap().to_owned())
        .collect()
}

/// The slugs of the items of `kind`, in order.
fn of_kind(found: &[(String, String)], kind: &str) -> Vec<String> {
    found
        .iter()
        .filter(|(of, _)| of == kind)
        .map(|(_, slug)| slug.clone())
        .collect()
}

#[tokio::test]
async fn an_agency_the_text_names_comes_first_then_the_assignments_then_the_other_agencies() {
    let app = TestApp::spawn_national().await;

    // "Skolverket" is what Swedes call Statens skolverk (an other name).
    let skolverket = searched(&app, "skolverket", 25).await;
    assert_eq!(
        skolverket[0],
        ("agency".to_owned(), "statens-skolverk".to_owned())
    );
    assert_eq!(skolverket[1].0, "assignment", "{skolverket:?}");
    // The assignments as /v1/assignments?q= ranks them; the agencies as
    // /v1/agencies?q= does, which also lists those it names first (any
    // other would come after the 200th match).
    let assignments = of_kind(&skolverket, "assignment");
    let own = listed(&app, "assignments", "skolverket", 100).await;
    assert_eq!(assignments[..100], own[..]);
    let agencies = of_kind(&skolverket, "agency");
    let own = listed(&app, "agencies", "skolverket", 100).await;
    assert_eq!(agencies, own[..agencies.len()], "{own:?}");

    // A Swedish word's stem names an agency too ("polisen").
    let polisen = searched(&app, "polisen", 50).await;
    assert_eq!(
        polisen[0],
        ("agency".to_owned(), "polismyndigheten".to_owned())
    );

    // A topic names no agency: the assignments first, and an agency that
    // only resembles the word (Statens institutionsstyrelse) after them.
    let prostitution = searched(&app, "prostitution", 50).await;
    assert_eq!(prostitution[0].0, "assignment", "{prostitution:?}");
    assert!(
        of_kind(&prostitution[..3], "assignment")
            .contains(&"nationellt-samordningsuppdrag-prostitution-manniskohandel".to_owned()),
        "{prostitution:?}"
    );
    let last_assignment = prostitution
        .iter()
        .rposition(|(kind, _)| kind == "assignment")
        .unwrap();
    let first_agency = prostitution.iter().position(|(kind, _)| kind == "agency");
    assert!(
        first_agency.is_some_and(|first| first > last_assignment),
        "{prostitution:?}"
    );

    // A word inside a name does not name it: Myndigheten för
    // skolutveckling has it as a whole word and comes first; Statens
    // institut för personalutveckling only resembles it and comes last.
    let skolutveckling = searched(&app, "skolutveckling", 50).await;
    assert_eq!(
        skolutveckling[0],
        (
            "agency".to_owned(),
            "myndigheten-for-skolutveckling".to_owned()
        )
    );
    assert_eq!(skolutveckling[1].0, "assignment");
    assert_eq!(
        skolutveckling.last().unwrap().0,
        "agency",
        "{skolutveckling:?}"
    );
    // Where all fit in the 200, every match of each search is there, in
    // that search's own order.
    for (kind, collection) in [("agency", "agencies"), ("assignment", "assignments")] {
        let found = of_kind(&skolutveckling, kind);
        let own = listed(&app, collection, "skolutveckling", 100).await;
        assert!(own.len() < 100);
        assert_eq!(found, own, "{collection}");
    }
}

#[tokio::test]
async fn a_search_answers_as_on_its_date_pages_without_gaps_and_ends_at_the_200th() {
    let app = TestApp::spawn_national().await;

    // In 2010 Polismyndigheten was Rikspolisstyrelsen.
    let page = app
        .get_json("/v1/search?q=rikspolisstyrelsen&at=2010-01-01&limit=5")
        .await;
    let first = &page["items"][0];
    assert_eq!(first["type"], "agency", "{page}");
    assert_eq!(first["agency"]["slug"], "polismyndigheten");
    assert_eq!(first["agency"]["name"]["sv"], "Rikspolisstyrelsen");
    assert_eq!(first["agency"]["status"], "active");
    let today = app
        .get_json("/v1/search?q=rikspolisstyrelsen&limit=5")
        .await;
    assert_eq!(
        today["items"][0]["agency"]["name"]["sv"],
        "Polismyndigheten"
    );

    // Small pages are the big page, cut without gaps or repeats.
    let whole = searched(&app, "skola", 100).await;
    let paged = searched(&app, "skola", 7).await;
    assert!(whole.len() > 14, "several pages: {}", whole.len());
    assert_eq!(paged, whole);

    // A word that matches more than 200: the 200 best, then no cursor.
    let many = searched(&app, "uppdrag", 100).await;
    assert_eq!(many.len(), 200);
    assert_eq!(
        many.iter().filter(|(kind, _)| kind == "assignment").count(),
        200,
        "no agency is named Uppdrag"
    );
    let past = app
        .get_json("/v1/search?q=uppdrag&cursor=200&limit=5")
        .await;
    assert_eq!(past["items"].as_array().unwrap().len(), 0);
    assert!(past["next_cursor"].is_null());
}

#[tokio::test]
async fn a_search_needs_q_and_blank_text_finds_nothing() {
    let app = TestApp::spawn().await;
    let problem =
        assert_problem(app.get("/v1/search").await, StatusCode::BAD_REQUEST, "no q").await;
    assert_eq!(problem["invalid_params"][0]["name"], "q", "{problem}");
    let long = format!("/v1/search?q={}", "a".repeat(201));
    let problem = assert_problem(app.get(&long).await, StatusCode::BAD_REQUEST, "long").await;
    assert_eq!(problem["invalid_params"][0]["name"], "q");
    for (path, name) in [
        ("/v1/search?q=skatt&limit=0", "limit"),
        ("/v1/search?q=skatt&at=2018-02-30", "at"),
        ("/v1/search?q=skatt&q=tull", "q"),
        ("/v1/search?q=skatt%00", "q"),
    ] {
        let problem = assert_problem(app.get(path).await, StatusCode::BAD_REQUEST, path).await;
        assert_eq!(
            problem["invalid_params"][0]["name"], name,
            "{path}: {problem}"
        );
    }
    // An empty box, a blank one, or text with no letters or digits finds
    // nothing, as each list's search.
    for q in ["", "%20%20", "%21%21"] {
        let nothing = app.get_json(&format!("/v1/search?q={q}")).await;
        assert_eq!(nothing["items"].as_array().unwrap().len(), 0, "q={q}");
        assert!(nothing["next_cursor"].is_null());
    }
    // The founding case's agency, named.
    let found = app
        .get_json("/v1/search?q=j%C3%A4mst%C3%A4lldhetsmyndigheten")
        .await;
    assert_eq!(found["items"][0]["type"], "agency", "{found}");
    assert_eq!(
        found["items"][0]["agency"]["slug"],
        "jamstalldhetsmyndigheten"
    );
}
