//! Unit tests of [`super`].

use super::*;

fn day(y: i32, m: u32, d: u32) -> PartialDate {
    PartialDate::day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

#[test]
fn swedish_dates_to_the_day_or_month() {
    assert_eq!(swedish_date("9 maj 2018"), Some(day(2018, 5, 9)));
    assert_eq!(
        swedish_date("mars 2019"),
        PartialDate::parse("2019-03").ok()
    );
    assert_eq!(swedish_date("30 februari 2019"), None);
}

#[test]
fn a_cited_decision_is_dated_to_the_day() {
    assert_eq!(
        cited_decision(
            "Med ändring av regeringens beslut den 3 februari 2011 (dnr S2011/1232/FST) beslutar"
        ),
        NaiveDate::from_ymd_opt(2011, 2, 3)
    );
    assert_eq!(
        cited_decision("utvidga deluppdrag 3 i uppdraget till Ekonomistyrningsverket (ESV) den 2 maj 2013 avseende"),
        NaiveDate::from_ymd_opt(2013, 5, 2)
    );
    assert_eq!(
        cited_decision("Uppdraget ska redovisas senast den 31 mars 2019."),
        None
    );
}

#[test]
fn case_numbers_in_titles_texts_and_pages() {
    let (title, numbers) =
        split_title("Uppdrag att motverka rasism mot samerDiarienummer: A2025/00141, A2025/00674");
    assert_eq!(title, "Uppdrag att motverka rasism mot samer");
    assert_eq!(
        numbers
            .iter()
            .map(|n| n.written.as_str())
            .collect::<Vec<_>>(),
        vec!["A2025/00141", "A2025/00674"]
    );
    let cited = case_numbers("(dnr N2018/02934/FÖF) och (U2017/01236/GV) och Fi2019/3/ESA");
    assert_eq!(
        cited.iter().map(|n| n.written.as_str()).collect::<Vec<_>>(),
        vec!["N2018/02934/FÖF", "U2017/01236/GV", "FI2019/3/ESA"]
    );
    assert_eq!(cited[0].core(), "N2018/2934");
    assert_eq!(
        page_case_number("/regeringsuppdrag/2011/03/s20111232fst/").map(|n| n.written),
        Some("S2011/1232/FST".to_owned())
    );
    assert_eq!(
        page_case_number("/regeringsuppdrag/2018/01/uppdrag-angaende-utvardering-av-barnahus/"),
        None
    );
}

#[test]
fn amendments_by_their_titles() {
    assert!(is_amendment(
        "Ändring av uppdrag om att följa upp tillämpningen av sexköpsbrott"
    ));
    assert!(is_amendment(
        "Förlängd tid för uppdraget att förebygga hudcancer"
    ));
    assert!(!is_amendment("Uppdrag till Livsmedelsverket att …"));
    assert!(!is_amendment("Fortsatt uppdrag att …"));
    assert!(ends_assignment(
        "Upphörande av uppdraget att delta i genomförandet"
    ));
    assert_eq!(
        amended_subject("Förlängd tid för uppdraget att förebygga hudcancer"),
        "att förebygga hudcancer"
    );
    assert_eq!(
        amended_subject("Ändring av uppdrag om att följa upp tillämpningen av sexköpsbrott"),
        "om att följa upp tillämpningen av sexköpsbrott"
    );
}

#[test]
fn a_title_the_source_cut_short_says_so() {
    let marked = |title: &str, text: &str| marked_if_cut(title.to_owned(), text);
    let cut = "Uppdrag att fördela statsbidrag till vissa juridiska personer som \
               tillhandahåller sysselsättning till personer med psykisk funkt";
    assert_eq!(cut.chars().count(), 128);
    let text = "Regeringen uppdrar åt Socialstyrelsen att fördela statsbidrag till \
                personer med psykisk funktionsnedsättning.";
    assert_eq!(marked(cut, text), format!("{cut}…"));
    // At that length, a last word the text writes whole: nothing tells.
    assert_eq!(marked(cut, "Det är funkt."), cut);
    // A word no title ends with.
    let goes_on = "Uppdrag att kartlägga vilka insatser som ges inom socialtjänsten \
                   och i kriminalvården till barn och till unga lagöverträdare som";
    assert_eq!(goes_on.chars().count(), 128);
    let said = "Insatser till unga lagöverträdare som begår brott.";
    assert_eq!(marked(goes_on, said), format!("{goes_on}…"));
    // Shorter titles are as written.
    assert_eq!(marked("Uppdrag att utreda x", ""), "Uppdrag att utreda x");
}
