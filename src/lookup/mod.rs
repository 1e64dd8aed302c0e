//! The lookup page for people, at `/`: static HTML, CSS and a little
//! JavaScript, carried in the binary, that ask the public API who is
//! responsible for what on a day and how to reach them. Swedish by default,
//! English at a click. No build step and nothing from other origins: the
//! page's Content-Security-Policy allows only this server.

use actix_web::http::header;
use actix_web::{web, HttpResponse};

/// What the page is made of: path, content type, content.
const FILES: [(&str, &str, &str); 5] = [
    ("/", "text/html; charset=utf-8", include_str!("index.html")),
    (
        "/lookup/texts.js",
        "text/javascript; charset=utf-8",
        include_str!("texts.js"),
    ),
    (
        "/lookup/agency.js",
        "text/javascript; charset=utf-8",
        include_str!("agency.js"),
    ),
    (
        "/lookup/lookup.js",
        "text/javascript; charset=utf-8",
        include_str!("lookup.js"),
    ),
    (
        "/lookup/lookup.css",
        "text/css; charset=utf-8",
        include_str!("lookup.css"),
    ),
];

fn file(content_type: &'static str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
        ))
        .body(body)
}

/// Registers `/` and its texts, script and style.
pub fn configure(cfg: &mut web::ServiceConfig) {
    for (path, content_type, body) in FILES {
        cfg.route(
            path,
            web::get().to(move || async move { file(content_type, body) }),
        );
    }
}
