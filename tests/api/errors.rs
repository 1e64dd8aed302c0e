//! Bad input: every answer is a problem+json a person can act on, never a 500.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn malformed_parameters_are_a_400_problem_naming_the_parameter() {
    let app = TestApp::spawn().await;
    let cases = [
        (
            format!("/v1/assignments/{NATIONAL}/holder?at=2018-02-30"),
            "at",
        ),
        (
            format!("/v1/assignments/{NATIONAL}/holder?at=yesterday"),
            "at",
        ),
        (
            format!("/v1/assignments/{NATIONAL}/holder?at=2018-1-1"),
            "at",
        ),
        (format!("/v1/assignments/{NATIONAL}/holder?at="), "at"),
        (
            format!("/v1/assignments/{NATIONAL}?at=2018-01-01T00:00:00Z"),
            "at",
        ),
        (
            format!("/v1/assignments/{NATIONAL}/contacts?at=0000-00-00"),
            "at",
        ),
        (
            "/v1/agencies/jamstalldhetsmyndigheten/contacts?at=18-01-08".to_owned(),
            "at",
        ),
        ("/v1/agencies?limit=0".to_owned(), "limit"),
        ("/v1/agencies?limit=101".to_owned(), "limit"),
        ("/v1/agencies?limit=ten".to_owned(), "limit"),
        ("/v1/assignments?limit=-1".to_owned(), "limit"),
        (
            "/v1/assignments?cursor=Not%20a%20cursor".to_owned(),
            "cursor",
        ),
        ("/v1/agencies?cursor=".to_owned(), "cursor"),
        ("/v1/transfers?cursor=YWZ0ZXI6bm9wZQ".to_owned(), "cursor"),
        ("/v1/agencies?kind=department".to_owned(), "kind"),
        (
            "/v1/assignments?jurisdiction=global".to_owned(),
            "jurisdiction",
        ),
        ("/v1/assignments?county=1".to_owned(), "county"),
        // Two digits, but no county: 99 never was one, 02 is gone since 1998.
        ("/v1/assignments?county=99".to_owned(), "county"),
        ("/v1/assignments?county=02".to_owned(), "county"),
        ("/v1/assignments?holder=Not%20A%20Slug".to_owned(), "holder"),
        (format!("/v1/agencies?q={}", "x".repeat(201)), "q"),
        ("/v1/transfers?from=2018-13-01".to_owned(), "from"),
        ("/v1/transfers?agency=%C3%85".to_owned(), "agency"),
        // Latin-1, where UTF-8 is Sk%C3%A5ne: refused, not read as "Sk�ne".
        ("/v1/agencies?q=Sk%E5ne".to_owned(), "q"),
        (
            "/v1/assignments?at=2018-01-01&q=j%E4mst%E4lldhet".to_owned(),
            "q",
        ),
        ("/v1/agencies/Not%20A%20Slug".to_owned(), "id"),
        ("/v1/assignments/-nmt-".to_owned(), "id"),
        ("/v1/transfers/%00".to_owned(), "id"),
    ];
    for (path, parameter) in cases {
        let problem = app.get_problem(&path, StatusCode::BAD_REQUEST).await;
        assert_eq!(problem["type"], "/problems/invalid-parameter", "{path}");
        assert_eq!(
            problem["invalid_params"][0]["name"], parameter,
            "{path}: {problem}"
        );
        assert!(
            problem["detail"].as_str().unwrap().starts_with(parameter),
            "{path}: {problem}"
        );
    }
}

/// The response cache keys a read by its parameters decoded, and a value
/// that is not UTF-8 decodes (lossily) as one with U+FFFD in its place: it
/// is refused all the same once that one has been answered and kept.
#[tokio::test]
async fn text_that_is_not_utf8_is_refused_even_after_its_look_alike_is_cached() {
    let app = TestApp::spawn().await;
    let replacement = "/v1/agencies?q=Sk%EF%BF%BDne";
    for _ in 0..2 {
        assert_eq!(app.get(replacement).await.status(), StatusCode::OK);
    }
    let problem = app
        .get_problem("/v1/agencies?q=Sk%E5ne", StatusCode::BAD_REQUEST)
        .await;
    assert_eq!(problem["invalid_params"][0]["name"], "q", "{problem}");
}

#[tokio::test]
async fn a_parameter_given_twice_is_named() {
    let app = TestApp::spawn().await;
    for (path, parameter) in [
        ("/v1/agencies?at=2018-01-01&at=2018-01-02", "at"),
        ("/v1/assignments?q=barnahus&limit=5&limit=6", "limit"),
        (
            "/v1/assignments/nationella-stodprocessen/holder?known_at=2018-01-09T00:00:00Z&known_at=2018-01-10T00:00:00Z",
            "known_at",
        ),
    ] {
        let problem = app.get_problem(path, StatusCode::BAD_REQUEST).await;
        assert_eq!(problem["type"], "/problems/invalid-parameter", "{path}");
        assert_eq!(problem["invalid_params"][0]["name"], parameter, "{problem}");
        assert_eq!(
            problem["detail"],
            format!("{parameter}: given more than once; give it once"),
        );
    }
}

#[tokio::test]
async fn unknown_resources_are_a_404_problem_naming_them() {
    let app = TestApp::spawn().await;
    let unknown_id = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
    let cases = [
        "/v1/agencies/finansinspektionen".to_owned(),
        format!("/v1/agencies/{unknown_id}"),
        "/v1/agencies/finansinspektionen/assignments".to_owned(),
        "/v1/agencies/finansinspektionen/contacts".to_owned(),
        "/v1/assignments/no-such-assignment".to_owned(),
        format!("/v1/assignments/{unknown_id}/holder"),
        "/v1/assignments/no-such-assignment/contacts".to_owned(),
        "/v1/assignments/no-such-assignment/history".to_owned(),
        "/v1/transfers/no-such-transfer".to_owned(),
        "/v1/assignments?holder=finansinspektionen".to_owned(),
        "/v1/transfers?agency=finansinspektionen".to_owned(),
    ];
    for path in cases {
        let problem = app.get_problem(&path, StatusCode::NOT_FOUND).await;
        assert_eq!(problem["type"], "/problems/not-found", "{path}");
        let detail = problem["detail"].as_str().unwrap();
        assert!(
            detail.contains("finansinspektionen")
                || detail.contains("no-such")
                || detail.contains(unknown_id),
            "{path}: {detail}"
        );
    }
    let problem = app.get_problem("/v2/agencies", StatusCode::NOT_FOUND).await;
    assert_eq!(problem["type"], "/problems/not-found");
}

/// A slug is often typed by hand or cut short: the 404 names what it may
/// have meant, in its detail for a person and in `suggestions` for a
/// client, for reads and writes alike.
#[tokio::test]
async fn a_slug_that_names_nothing_suggests_what_it_may_have_meant() {
    let app = TestApp::spawn().await;
    let suggested = |problem: &Value| -> Vec<String> {
        problem["suggestions"]
            .as_array()
            .unwrap_or_else(|| panic!("suggestions: {problem}"))
            .iter()
            .map(|suggestion| suggestion["slug"].as_str().unwrap().to_owned())
            .collect()
    };
    let cases = [
        // A letter short: the agency's name is like it.
        (
            "/v1/agencies/jamstalldhetsmyndighet",
            "jamstalldhetsmyndigheten",
        ),
        (
            "/v1/agencies/jamstalldhetsmyndighet/contacts?at=2018-01-08",
            "jamstalldhetsmyndigheten",
        ),
        (
            "/v1/agencies/jamstalldhetsmyndighet/lineage",
            "jamstalldhetsmyndigheten",
        ),
        // Cut short: the title has its words.
        (
            "/v1/assignments/nationellt-samordningsuppdrag-prostitution/holder?at=2018-01-01",
            NATIONAL,
        ),
        // Mistyped: no title has "stodprocesen", a slug is like it.
        (
            "/v1/assignments/nationella-stodprocesen",
            "nationella-stodprocessen",
        ),
        (
            "/v1/assignments/nationella-stodprocesen/history",
            "nationella-stodprocessen",
        ),
        // A filter that names an agency.
        (
            "/v1/assignments?holder=jamstalldhetsmyndighet",
            "jamstalldhetsmyndigheten",
        ),
    ];
    for (path, meant) in cases {
        let problem = app.get_problem(path, StatusCode::NOT_FOUND).await;
        assert_eq!(problem["type"], "/problems/not-found", "{path}");
        assert_eq!(
            suggested(&problem).first().map(String::as_str),
            Some(meant),
            "{path}: {problem}"
        );
        let detail = problem["detail"].as_str().unwrap();
        assert!(
            detail.contains(&format!("Did you mean '{meant}'")),
            "{path}: {detail}"
        );
    }
    // Nothing like it: nothing suggested, and the detail does not guess.
    let problem = app
        .get_problem("/v1/assignments/xyzzy", StatusCode::NOT_FOUND)
        .await;
    assert_eq!(suggested(&problem), Vec::<String>::new());
    assert_eq!(problem["detail"], "There is no assignment 'xyzzy'.");
    // A UUID is not a guess at a name.
    let problem = app
        .get_problem(
            "/v1/agencies/6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            StatusCode::NOT_FOUND,
        )
        .await;
    assert!(problem.get("suggestions").is_none(), "{problem}");
    // As known before the registry knew anything, there is nothing to suggest.
    let problem = app
        .get_problem(
            "/v1/agencies/jamstalldhetsmyndighet?known_at=2000-01-01T00:00:00Z",
            StatusCode::NOT_FOUND,
        )
        .await;
    assert_eq!(suggested(&problem), Vec::<String>::new());
    // A write to a path that names nothing: the same 404, and nothing written.
    let changes = app.count("changes").await;
    let response = app
        .send(
            reqwest::Method::PATCH,
            "/v1/agencies/jamstalldhetsmyndighet",
            &app.writer().await,
            &json!({"seat": "Göteborg"}),
        )
        .await;
    let problem = assert_problem(response, StatusCode::NOT_FOUND, "PATCH").await;
    assert_eq!(suggested(&problem), ["jamstalldhetsmyndigheten"]);
    // A body field that names nothing: the 400 names the field, and what
    // it may have meant.
    let response = app
        .send(
            reqwest::Method::POST,
            "/v1/holdings",
            &app.writer().await,
            &json!({"assignment": "nationella-stodprocesen", "agency": "jamstalldhetsmyndigheten",
                    "valid_from": "2030-01-01", "source": "2018-01-08-nationella-uppdrag-flyttar"}),
        )
        .await;
    let problem = assert_problem(response, StatusCode::BAD_REQUEST, "POST").await;
    assert_eq!(problem["invalid_params"][0]["name"], "assignment");
    assert_eq!(
        problem["invalid_params"][0]["reason"],
        "there is no assignment 'nationella-stodprocesen'; did you mean 'nationella-stodprocessen'?"
    );
    assert_eq!(app.count("changes").await, changes);
}

#[tokio::test]
async fn writing_to_the_read_api_is_a_405_problem_with_allow() {
    let app = TestApp::spawn().await;
    for path in [
        "/v1/changes",
        "/v1/assignments/nationella-stodprocessen/holder",
        "/v1/agencies/jamstalldhetsmyndigheten/assignments",
    ] {
        let response = app
            .client
            .post(format!("{}{path}", app.address))
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(header(&response, "allow"), "GET", "{path}");
        assert_problem(response, StatusCode::METHOD_NOT_ALLOWED, path).await;
        let response = app
            .client
            .delete(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_problem(response, StatusCode::METHOD_NOT_ALLOWED, path).await;
    }
}

#[tokio::test]
async fn every_moment_rfc_3339_can_write_is_answered_as_known_then() {
    let app = TestApp::spawn().await;
    // Before the registry knew anything: nothing, as for any early moment.
    // (0001-01-01T01:44:49.794+02:27 is in the year 1 BC in UTC.)
    let early = "0001-01-01T01%3A44%3A49.794%2B02%3A27";
    let transfers = app
        .get_json(&format!("/v1/transfers?known_at={early}&to=2026-11-28"))
        .await;
    assert_eq!(transfers["items"], json!([]));
    for path in [
        "/v1/agencies/jamstalldhetsmyndigheten",
        "/v1/assignments/nationella-stodprocessen/holder",
    ] {
        let problem = app
            .get_problem(
                &format!("{path}?known_at=0000-01-01T00:00:00Z"),
                StatusCode::NOT_FOUND,
            )
            .await;
        assert_eq!(problem["type"], "/problems/not-found", "{path}");
    }
    // After the last change: what the registry knows now. (In UTC this is
    // the year 10000.)
    let late = app
        .get_json("/v1/agencies?known_at=9999-12-31T23%3A59%3A59-05%3A00&limit=100")
        .await;
    let now = app.get_json("/v1/agencies?limit=100").await;
    assert_eq!(late["items"], now["items"]);
}

#[tokio::test]
async fn dates_at_the_ends_of_the_calendar_are_answered() {
    let app = TestApp::spawn().await;
    for at in ["0000-01-01", "0001-01-01", "9999-12-31"] {
        for path in [
            "/v1/agencies",
            "/v1/assignments",
            "/v1/agencies/jamstalldhetsmyndigheten",
            "/v1/agencies/jamstalldhetsmyndigheten/assignments",
            "/v1/agencies/jamstalldhetsmyndigheten/contacts",
            &format!("/v1/assignments/{NATIONAL}"),
        ] {
            let response = app.get(&format!("{path}?at={at}")).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}?at={at}");
        }
    }
    // Nobody held the national assignment in year 1 (it began in 2009);
    // Jämställdhetsmyndigheten still holds it in 9999, as far as the
    // registry knows.
    let problem = app
        .get_problem(
            &format!("/v1/assignments/{NATIONAL}/holder?at=0001-01-01"),
            StatusCode::NOT_FOUND,
        )
        .await;
    assert_eq!(problem["type"], "/problems/no-holder");
    assert_eq!(
        app.holder_slug(NATIONAL, "9999-12-31").await,
        "jamstalldhetsmyndigheten"
    );
    let all = app
        .get_json("/v1/transfers?from=0000-01-01&to=9999-12-31&limit=100")
        .await;
    assert_eq!(all["items"].as_array().map(Vec::len), Some(1));
}
