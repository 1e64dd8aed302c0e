//! Unit tests of [`super`].

use super::*;

fn item(title: &str, text: &str) -> Item {
    Item {
        page: "/regeringsuppdrag/2014/09/x/".to_owned(),
        year: 2014,
        month: 9,
        title: title.to_owned(),
        text: Some(text.to_owned()),
    }
}

fn date(text: &str) -> PartialDate {
    PartialDate::parse(text).unwrap()
}

#[test]
fn sentences_end_at_full_stops_but_not_after_abbreviations() {
    assert_eq!(
        sentences("Uppdrag till Kungl. Tekniska högskolan. Se t.ex. Skolverket.\nNy rad"),
        vec![
            "Uppdrag till Kungl. Tekniska högskolan.",
            "Se t.ex. Skolverket.",
            "Ny rad"
        ]
    );
}

#[test]
fn recipients_consulted_and_deadlines() {
    let read = extract(&item(
        "Uppdrag om utvärdering av arbetet med sociala insatsgrupper",
        "Regeringen beslutar att ge Socialstyrelsen i uppdrag att låta utvärdera arbetet med sociala insatsgrupper.\n\n\
         Uppdraget ska genomföras i samråd med berörda myndigheter, t.ex. Rikspolisstyrelsen, Arbetsförmedlingen, Skolverket och Brottsförebyggande rådet.\n\n\
         Utvärderingen ska redovisas till regeringen (Justitiedepartementet och Socialdepartementet) senast den 30 september 2017. \
         En delredovisning av arbetet ska lämnas senast den 28 februari 2016.",
    ));
    assert_eq!(read.recipient_phrases, vec!["Socialstyrelsen"]);
    assert_eq!(
        read.consulted_phrases,
        vec!["berörda myndigheter, t.ex. Rikspolisstyrelsen, Arbetsförmedlingen, Skolverket och Brottsförebyggande rådet."]
    );
    assert_eq!(read.due, Some(date("2017-09-30")));
    assert_eq!(read.interim, vec![date("2016-02-28")]);
    assert!(!read.amendment);
}

#[test]
fn every_way_of_giving_an_assignment() {
    let phrases = |title: &str, text: &str| extract(&item(title, text)).recipient_phrases;
    assert_eq!(
        phrases("Uppdrag om x", "Regeringen uppdrar åt Läkemedelsverket och Tandvårds- och läkemedelsförmånsverket att göra x."),
        vec!["Läkemedelsverket och Tandvårds- och läkemedelsförmånsverket"]
    );
    assert_eq!(
        phrases(
            "Uppdrag om x",
            "Regeringen ger i uppdrag till Arbetsförmedlingen att redovisa x."
        ),
        vec!["Arbetsförmedlingen"]
    );
    assert_eq!(
        phrases(
            "Uppdrag om x",
            "Regeringen ger Statistiska centralbyrån (SCB) i uppdrag att framställa x."
        ),
        vec!["Statistiska centralbyrån (SCB)"]
    );
    assert_eq!(
        phrases(
            "Uppdrag om x",
            "Försäkringskassan ges i uppdrag att göra x."
        ),
        vec!["Försäkringskassan"]
    );
    assert_eq!(
        phrases(
            "Uppdrag till Konkurrensverket, Boverket och Statistiska centralbyrån att utreda x",
            "Regeringen ger Konkurrensverket i uppdrag att kartlägga x."
        ),
        vec![
            "Konkurrensverket",
            "Konkurrensverket, Boverket och Statistiska centralbyrån"
        ]
    );
    assert_eq!(
        phrases(
            "Uppdrag att x",
            "Diskrimineringsombudsmannen ska redovisa vidtagna insatser."
        ),
        vec!["Diskrimineringsombudsmannen"]
    );
    assert_eq!(
        phrases(
            "Uppdrag om x",
            "Regeringen ger Skolverket, i samråd med Skolinspektionen, i uppdrag att göra x."
        ),
        vec!["Skolverket"]
    );
}

#[test]
fn a_final_and_an_interim_report_in_one_sentence() {
    let read = extract(&item(
        "Uppdrag om x",
        "Regeringen uppdrar åt Boverket att göra x. En delredovisning ska lämnas senast den 1 mars 2015 och uppdraget ska slutredovisas senast den 31 december 2016.",
    ));
    assert_eq!(read.due, Some(date("2016-12-31")));
    assert_eq!(read.interim, vec![date("2015-03-01")]);
    // A date before publication is a citation.
    let read = extract(&item(
        "Uppdrag om x",
        "Regeringen uppdrar åt Boverket att, i enlighet med den redovisning som lämnades senast den 1 mars 2013, ska redovisas senast i juni 2015.",
    ));
    assert_eq!(read.due, Some(date("2015-06")));
}

#[test]
fn amendments_cite_their_original() {
    let read = extract(&Item {
        page: "/regeringsuppdrag/2011/03/s20111232fst/".to_owned(),
        year: 2011,
        month: 3,
        title: "Ändring av beslut om uppdrag angående prestationsersättning till lokala värdighetsgarantier".to_owned(),
        text: Some("Med ändring av regeringens beslut den 3 februari 2011 (dnr S2011/1232/FST) beslutar regeringen att ge Socialstyrelsen i uppdrag att för 2011 besluta om x.".to_owned()),
    });
    assert!(read.amendment);
    assert_eq!(read.cited_decision, NaiveDate::from_ymd_opt(2011, 2, 3));
    assert_eq!(
        read.case_numbers
            .iter()
            .map(|n| n.written.as_str())
            .collect::<Vec<_>>(),
        vec!["S2011/1232/FST"]
    );
    assert_eq!(read.recipient_phrases, vec!["Socialstyrelsen"]);
}

#[test]
fn the_lead_among_several() {
    let read = extract(&item(
        "Uppdrag om x",
        "Regeringen uppdrar åt Boverket och Naturvårdsverket att göra x. Naturvårdsverket ska vara sammankallande.",
    ));
    assert_eq!(
        read.lead_sentence.as_deref(),
        Some("Naturvårdsverket ska vara sammankallande.")
    );
}
