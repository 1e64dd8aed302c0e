//! Unit tests of [`super`].

use super::*;

fn given<'a>(names: &'a [&str]) -> impl Iterator<Item = String> + 'a {
    names.iter().map(|name| (*name).to_owned())
}

#[test]
fn the_first_registers_english_name_is_kept() {
    assert_eq!(
        english_of(
            "Skatteverket",
            given(&["Swedish Tax Agency", "Tax Agency of Sweden"])
        ),
        Some("Swedish Tax Agency".to_owned())
    );
    assert_eq!(english_of("Skatteverket", given(&[])), None);
}

#[test]
fn the_swedish_name_again_is_kept_only_where_there_is_no_other() {
    assert_eq!(
        english_of(
            "Kammarkollegiet",
            given(&[
                "Kammarkollegiet",
                "Legal, Financial and Administrative Services Agency"
            ])
        ),
        Some("Legal, Financial and Administrative Services Agency".to_owned())
    );
    assert_eq!(
        english_of("Postverket", given(&["Postverket"])),
        Some("Postverket".to_owned())
    );
}

#[test]
fn a_name_cut_short_gives_way_to_the_whole_one() {
    assert_eq!(
        english_of(
            "Livrustkammaren och Skoklosters slott med Stiftelsen Hallwylska museet",
            given(&[
                "Royal Armoury and Skokloster Castle with Foundation of Hallwyl Mu",
                "Royal Armoury and Skokloster Castle with Foundation of Hallwyl Museum",
            ])
        ),
        Some("Royal Armoury and Skokloster Castle with Foundation of Hallwyl Museum".to_owned())
    );
    assert_eq!(
        english_of(
            "Forskningsrådet för miljö, areella näringar och samhällsbyggande",
            given(&[
                "The Swedish Research Council for Environment, Agricultural Sciences and Spatial",
                "Formas",
            ])
        ),
        Some(
            "The Swedish Research Council for Environment, Agricultural Sciences and Spatial"
                .to_owned()
        )
    );
}

#[test]
fn a_name_another_only_goes_on_from_is_kept() {
    assert_eq!(
        english_of(
            "Högskolan i Halmstad",
            given(&["Halmstad University", "Halmstad University College"])
        ),
        Some("Halmstad University".to_owned())
    );
}
