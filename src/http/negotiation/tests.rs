use super::*;
use actix_web::test::TestRequest;

fn chosen_at(path: &str, accept: Option<&str>) -> Option<Format> {
    let mut request = TestRequest::get().uri(path);
    if let Some(accept) = accept {
        request = request.insert_header((header::ACCEPT, accept));
    }
    let request = request.to_http_request();
    choose(&request, produced(request.method(), request.path()))
}

fn accepts(accept: Option<&str>) -> bool {
    chosen_at("/v1/agencies", accept) == Some(Format::Json)
}

#[test]
fn json_is_accepted_when_any_range_admits_it() {
    assert!(accepts(None));
    assert!(accepts(Some("application/json")));
    assert!(accepts(Some("*/*")));
    assert!(accepts(Some("application/*;q=0.2")));
    assert!(accepts(Some("text/html, application/json;q=0.9")));
    assert!(accepts(Some("text/html,application/xhtml+xml,*/*;q=0.8")));
    // What cannot be read is taken as no preference.
    assert!(accepts(Some("this is not a media range;;;")));
}

#[test]
fn a_request_that_admits_no_json_is_not_acceptable() {
    assert!(!accepts(Some("text/csv")));
    assert!(!accepts(Some("application/ld+json")));
    assert!(!accepts(Some("text/vcard, text/csv;q=0.5")));
    assert!(!accepts(Some("application/json;q=0")));
    assert!(!accepts(Some("application/json;q=0, text/csv")));
}

#[test]
fn an_event_stream_is_what_the_change_stream_answers() {
    let stream = |accept| chosen_at("/v1/changes/stream", accept);
    assert_eq!(stream(Some("text/event-stream")), Some(Format::EventStream));
    assert_eq!(stream(None), Some(Format::EventStream));
    assert_eq!(stream(Some("application/json")), None);
    assert!(!accepts(Some("text/event-stream")));
}

#[test]
fn contacts_answer_vcard_when_it_is_preferred_and_json_otherwise() {
    let contacts = |accept| chosen_at("/v1/agencies/jamstalldhetsmyndigheten/contacts", accept);
    assert_eq!(contacts(None), Some(Format::Json));
    assert_eq!(contacts(Some("*/*")), Some(Format::Json));
    assert_eq!(contacts(Some("text/vcard")), Some(Format::Vcard));
    assert_eq!(contacts(Some("text/*")), Some(Format::Vcard));
    assert_eq!(
        contacts(Some("application/json;q=0.5, text/vcard")),
        Some(Format::Vcard)
    );
    assert_eq!(
        contacts(Some("text/vcard;q=0.5, application/json")),
        Some(Format::Json)
    );
    // The most specific range decides: vCard is refused here.
    assert_eq!(contacts(Some("text/vcard;q=0, */*")), Some(Format::Json));
    assert_eq!(contacts(Some("text/csv")), None);
    let assignment = "/v1/assignments/nationella-stodprocessen/contacts?format=vcard";
    assert_eq!(
        chosen_at(assignment, Some("application/json")),
        Some(Format::Vcard)
    );
}

#[test]
fn deadlines_answer_icalendar_when_it_is_asked_for_and_json_otherwise() {
    let deadlines = |accept| chosen_at("/v1/agencies/socialstyrelsen/deadlines", accept);
    assert_eq!(deadlines(None), Some(Format::Json));
    assert_eq!(deadlines(Some("text/calendar")), Some(Format::Calendar));
    assert_eq!(deadlines(Some("text/vcard")), None);
    let linked = "/v1/agencies/socialstyrelsen/deadlines?format=ics";
    assert_eq!(
        chosen_at(linked, Some("application/json")),
        Some(Format::Calendar)
    );
    assert_eq!(
        chosen_at(
            "/v1/agencies/socialstyrelsen/contacts",
            Some("text/calendar")
        ),
        None
    );
}

#[test]
fn single_resources_answer_json_ld_when_asked_and_writes_answer_json() {
    let agency = "/v1/agencies/jamstalldhetsmyndigheten";
    assert_eq!(chosen_at(agency, None), Some(Format::Json));
    assert_eq!(
        chosen_at(agency, Some("application/ld+json")),
        Some(Format::JsonLd)
    );
    let holder = "/v1/assignments/nationella-stodprocessen/holder?format=jsonld";
    assert_eq!(chosen_at(holder, None), Some(Format::JsonLd));
    assert_eq!(chosen_at("/v1/agencies?format=jsonld", None), None);
    assert_eq!(chosen_at("/v1/context.jsonld", None), Some(Format::JsonLd));
    let write = TestRequest::patch()
        .uri(agency)
        .insert_header((header::ACCEPT, "application/ld+json"))
        .to_http_request();
    assert_eq!(choose(&write, produced(write.method(), write.path())), None);
}

#[test]
fn exports_answer_csv_by_default_and_ndjson_when_asked() {
    let export = |path, accept| chosen_at(path, accept);
    assert_eq!(export("/v1/exports/agencies", None), Some(Format::Csv));
    assert_eq!(
        export("/v1/exports/agencies", Some("*/*")),
        Some(Format::Csv)
    );
    assert_eq!(
        export("/v1/exports/holdings", Some("application/x-ndjson")),
        Some(Format::Ndjson)
    );
    assert_eq!(
        export("/v1/exports/holdings?format=ndjson", Some("text/csv")),
        Some(Format::Ndjson)
    );
    assert_eq!(
        export("/v1/exports/holdings", Some("application/json")),
        None
    );
    assert_eq!(export("/v1/exports/holdings?format=xlsx", None), None);
    assert_eq!(chosen_at("/v1/agencies?format=csv", None), None);
    let twice = TestRequest::get()
        .uri("/v1/exports/agencies?format=csv&format=ndjson")
        .to_http_request();
    assert!(named_format(&twice).is_err());
    let trace = TestRequest::default()
        .method(Method::TRACE)
        .uri("/v1/exports/agencies?format=csv")
        .to_http_request();
    assert_eq!(
        choose(&trace, produced(trace.method(), trace.path())),
        Some(Format::Json)
    );
}

#[test]
fn the_change_feed_is_json_or_atom_for_a_feed_reader() {
    let feed = |accept| chosen_at("/v1/changes", accept);
    assert_eq!(feed(None), Some(Format::Json));
    assert_eq!(feed(Some("application/atom+xml")), Some(Format::Atom));
    // As a feed reader asks: Atom before RSS and XML, anything else last.
    assert_eq!(
        feed(Some(
            "application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8, */*;q=0.1"
        )),
        Some(Format::Atom)
    );
    assert_eq!(feed(Some("application/rss+xml")), None);
    assert_eq!(
        chosen_at("/v1/changes/stream", Some("application/atom+xml")),
        None
    );
}
