//! The lookup page at `/`: served from the binary, with its script and
//! style, and a policy that admits nothing from elsewhere. (scripts/interop
//! walks the founding case through it in headless Chromium.)

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn the_lookup_page_its_script_and_its_style_are_served_from_the_binary() {
    let app = TestApp::spawn().await;
    for (path, content_type, inside) in [
        ("/", "text/html; charset=utf-8", "<label for=\"query\""),
        (
            "/lookup/texts.js",
            "text/javascript; charset=utf-8",
            "Vem är ansvarig?",
        ),
        (
            "/lookup/agency.js",
            "text/javascript; charset=utf-8",
            "/deadlines?from=",
        ),
        (
            "/lookup/lookup.js",
            "text/javascript; charset=utf-8",
            "/v1/assignments/",
        ),
        (
            "/lookup/lookup.css",
            "text/css; charset=utf-8",
            "focus-visible",
        ),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&response, "content-type"), content_type, "{path}");
        assert_eq!(
            header(&response, "content-security-policy"),
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
        );
        assert_eq!(header(&response, "x-content-type-options"), "nosniff");
        let body = response.text().await.unwrap();
        assert!(body.contains(inside), "{path} holds {inside}");
    }
    let page = app.get("/").await.text().await.unwrap();
    assert!(page.contains("<html lang=\"sv\">"), "Swedish by default");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing from elsewhere"
    );
}
