//! Unit tests of [`super`].

use super::*;

#[test]
fn the_first_registers_english_name_is_kept_unless_another_is_better() {
    let museum = "Royal Armoury and Skokloster Castle with Foundation of Hallwyl Museum";
    let formas = "The Swedish Research Council for Environment, Agricultural Sciences and Spatial";
    let cases: [(&str, &[&str], Option<&str>); 7] = [
        (
            "Skatteverket",
            &["Swedish Tax Agency", "Tax Agency of Sweden"],
            Some("Swedish Tax Agency"),
        ),
        ("Skatteverket", &[], None),
        // The Swedish name again, where another register has a translation.
        (
            "Kammarkollegiet",
            &[
                "Kammarkollegiet",
                "Legal, Financial and Administrative Services Agency",
            ],
            Some("Legal, Financial and Administrative Services Agency"),
        ),
        ("Postverket", &["Postverket"], Some("Postverket")),
        // Cut in a word that another gives whole; cut, with nothing whole;
        // whole, where another only goes on from it.
        ("Livrustkammaren", &[&museum[..65], museum], Some(museum)),
        ("Forskningsrådet", &[formas, "Formas"], Some(formas)),
        (
            "Högskolan i Halmstad",
            &["Halmstad University", "Halmstad University College"],
            Some("Halmstad University"),
        ),
    ];
    for (swedish, given, kept) in cases {
        let given = given.iter().map(|name| (*name).to_owned());
        assert_eq!(english_of(swedish, given).as_deref(), kept, "{swedish}");
    }
}
