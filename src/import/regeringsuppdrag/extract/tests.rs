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
    // A line break before a year is a space; before a numbered list's
    // item it is not.
    let read = sentences(
        "Myndigheterna ska redovisa uppdraget senast den 31 augusti\n2025 till Regeringskansliet.\n2. Nästa punkt",
    );
    assert_eq!(
        read[0],
        "Myndigheterna ska redovisa uppdraget senast den 31 augusti 2025 till Regeringskansliet."
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
fn where_no_sentence_names_the_lead_the_one_that_gathers_the_work_leads() {
    let read = extract(&item(
        "Uppdrag om x",
        "Regeringen uppdrar åt Bolagsverket, Domstolsverket och Åklagarmyndigheten att analysera x. \
         Samtliga myndigheter ska redovisa sin analys till Åklagarmyndigheten. \
         Åklagarmyndigheten ska sammanställa analyserna och redovisa samlat till regeringen.",
    ));
    assert_eq!(
        read.lead_sentence.as_deref(),
        Some("Åklagarmyndigheten ska sammanställa analyserna och redovisa samlat till regeringen.")
    );
    // A sentence that names the lead outright comes first.
    let read = extract(&item(
        "Uppdrag om x",
        "Regeringen uppdrar åt Boverket och Naturvårdsverket att göra x. \
         Boverket ska redovisa samlat till regeringen. Naturvårdsverket ska vara sammankallande.",
    ));
    assert_eq!(
        read.lead_sentence.as_deref(),
        Some("Naturvårdsverket ska vara sammankallande.")
    );
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

/// Forms that items without a recipient used, each from a real item.
#[test]
fn more_ways_of_giving_an_assignment() {
    let phrases = |text: &str| extract(&item("Uppdrag om x", text)).recipient_phrases;
    for (text, recipient) in [
        (
            "Regeringen uppdrar gemensamt till Skogsstyrelsen och Naturvårdsverket att tillsammans med Sveriges lantbruksuniversitet (SLU), utarbeta x.",
            "Skogsstyrelsen och Naturvårdsverket",
        ),
        ("Regeringen uppdrar fortsatt åt Socialstyrelsen att betala ut x.", "Socialstyrelsen"),
        ("Regeringen uppdrar Boverket att utreda x.", "Boverket"),
        (
            "Regeringen uppdrar, mot bakgrund av regeringens strategi Smart industri och handlingsplanerna till denna, åt Tillväxtverket att stärka x.",
            "Tillväxtverket",
        ),
        ("Regeringen uppdrar år Statens geotekniska institut (SGI) att genomföra x.", "Statens geotekniska institut (SGI)"),
        ("Regeringen uppdrog i april åt Socialstyrelsen att kartlägga x.", "Socialstyrelsen"),
        ("Regeringen beslutar att uppdra åt Socialstyrelsen att göra x.", "Socialstyrelsen"),
        ("Som ett led i regeringens satsning uppdras åt Kriminalvården att analysera x.", "Kriminalvården"),
        ("Regeringen ger uppdrag åt Naturvårdsverket att i samråd med SMHI göra x.", "Naturvårdsverket"),
        ("Genom beslutet lämnar regeringen uppdrag åt Högskoleverket gällande x.", "Högskoleverket"),
        (
            "Regeringen ger, i enlighet med 7 § förordningen (2021:663) om korrekta utbetalningar, Arbetsförmedlingen och Försäkringskassan i uppdrag att studera x.",
            "Arbetsförmedlingen och Försäkringskassan",
        ),
        (
            "Regeringen ger Myndigheten för ungdoms- och civilsamhällesfrågor och Barnombudsmannen att under perioden 2014–2016 stärka x.",
            "Myndigheten för ungdoms- och civilsamhällesfrågor och Barnombudsmannen",
        ),
        // In the first sentence only:
        ("Regeringen har uppdragit åt Statens fastighetsverk att ansvara för x.", "Statens fastighetsverk"),
        ("Regeringen har uppdragit Socialstyrelsen att utforma x.", "Socialstyrelsen"),
        ("Regeringen uppdrog den 29 juni 2023 Socialstyrelsen att förbereda x.", "Socialstyrelsen"),
        (
            "Regeringen har givit Skatteverket, Transportstyrelsen och Lantmäteriet att vara utvecklingsmyndigheter.",
            "Skatteverket, Transportstyrelsen och Lantmäteriet",
        ),
        ("I syfte att stärka krisberedskapen ges Livsmedelsverket i uppdrag att utreda x.", "Livsmedelsverket"),
        ("Brottsoffermyndigheten uppdras att ta fram x.", "Brottsoffermyndigheten"),
        ("Socialstyrelsen har i uppdrag att kartlägga x.", "Socialstyrelsen"),
        ("Socialstyrelsen fick den 18 december 2012 i uppdrag av regeringen att göra x.", "Socialstyrelsen"),
        ("Regeringen Universitets- och högskolerådet i uppdrag att lämna x.", "Universitets- och högskolerådet"),
        ("Socialstyrelsen i uppdrag att utveckla metoder för x.", "Socialstyrelsen"),
        (
            "Folkhälsomyndigheten får tillsammans med Socialstyrelsen och Brottsoffermyndigheten i uppdrag att stärka x.",
            "Folkhälsomyndigheten får tillsammans med Socialstyrelsen och Brottsoffermyndigheten",
        ),
        (
            "Regeringen förlänger Inspektionen för socialförsäkringen (ISF) uppdrag att utvärdera x.",
            "Inspektionen för socialförsäkringen (ISF)",
        ),
        (
            "Regeringen ändrar Försäkringskassans och Pensionsmyndighetens uppdrag att förbereda x.",
            "Försäkringskassans och Pensionsmyndighetens",
        ),
        (
            "Regeringen kortar uppdragstiden för Socialstyrelsens och E-hälsomyndighetens uppdrag att genomföra x.",
            "Socialstyrelsens och E-hälsomyndighetens",
        ),
        (
            "Regeringen förlänger uppdraget som Läkemedelsverket och Folkhälsomyndigheten har att sprida x.",
            "Läkemedelsverket och Folkhälsomyndigheten",
        ),
        ("Regeringen get statskontoret i uppdrag att utföra x.", "statskontoret"),
        (
            "Dagens ledare har liten möjlighet till det. Socialstyrelsen ska därför i samråd med Famna utarbeta x.",
            "Socialstyrelsen",
        ),
        ("Regeringens beslut\n\nRikspolisstyrelsen ska:\n\n* initiera x.", "Rikspolisstyrelsen"),
        ("Regeringen beslutar följande.\n\n* Kammarkollegiet får i uppdrag att betala ut x.", "Kammarkollegiet"),
        ("Naturvårdsverket ska, i samråd med Statens jordbruksverk, fortsätta x.", "Naturvårdsverket"),
        (
            "Som ett led i regeringens satsning beslutar regeringen om följande uppdrag till Socialstyrelsen för 2011:\n\n* uppdrag att kartlägga x",
            "Socialstyrelsen",
        ),
    ] {
        assert_eq!(phrases(text), vec![recipient], "{text}");
    }
}

/// What later sentences say of others, and whom an agency passes work on
/// to or reports to, names no recipient.
#[test]
fn what_others_were_given_and_where_reports_go_name_no_recipient() {
    let phrases = |text: &str| extract(&item("Uppdrag om x", text)).recipient_phrases;
    assert_eq!(
        phrases(
            "Regeringen ger Post- och telestyrelsen i uppdrag att göra x. \
             Regeringen har denna dag i särskilt beslut uppdragit åt Trafikverket att bistå PTS i arbetet."
        ),
        vec!["Post- och telestyrelsen"]
    );
    assert_eq!(
        phrases(
            "Brottsoffermyndigheten ska inrätta x. Polismyndigheten uppdras att förmedla information om x."
        ),
        vec!["Brottsoffermyndigheten"]
    );
    assert_eq!(
        phrases(
            "E-hälsomyndigheten ska utreda x. E-hälsomyndigheten ska ta hänsyn till de uppdrag som regeringen tidigare har gett Myndigheten för digital förvaltning och Folkhälsomyndigheten att utveckla y."
        ),
        vec!["E-hälsomyndigheten"]
    );
    assert_eq!(
        phrases("Skolverket ska uppdra åt kommuner inom Göteborgsregionen att anordna x."),
        vec!["Skolverket"]
    );
    // What "myndigheten" has been given, in an item of a list: the 2025-03
    // amendment of Socialstyrelsen's part in the recovery plan was read as
    // given to ESV, whom the item reports to.
    assert_eq!(
        phrases(
            "Regeringen ändrar uppdraget till Socialstyrelsen att delta i x.\n\n\
             * senast den 15 september 2025 rapportera till ESV om de framsteg som gjorts för att uppfylla de delar av x som myndigheten har fått uppdrag att delta i."
        ),
        vec!["Socialstyrelsen"]
    );
    assert_eq!(
        phrases(
            "Regeringen betalar Röda Korset 17 miljoner kronor för x. \
             Röda Korset delrapporterar uppdraget till Regeringskansliet senast den 31 mars 2025."
        ),
        Vec::<String>::new()
    );
}

/// The government and its offices give assignments and take their
/// reports: where they are the subject, or where the report goes, they
/// name no recipient, and whom the text does is read on.
#[test]
fn the_government_offices_are_not_whom_an_assignment_is_given() {
    let read = extract(&item(
        "Ändring av uppdraget om att förstärka arbetet med x",
        "Med ändring av tidigare beslutat uppdrag om att förstärka arbetet med x (N2018/02273/SPN), \
         förordnar regeringen att Boverket ska redovisa genomfört arbete med anledning av uppdraget \
         till regeringen (Finansdepartementet) senast den 15 oktober 2020.",
    ));
    assert!(read.amendment);
    assert!(
        read.recipient_phrases.len() == 1
            && read.recipient_phrases[0].ends_with("förordnar regeringen att Boverket"),
        "{:?}",
        read.recipient_phrases
    );
    let read = extract(&item(
        "Uppdrag att betala ut medel till OECD för det svenska deltagandet i PIAAC under 2015",
        "Utbildningsdepartementets del av kostnaderna för det svenska deltagandet under 2015 i PIAAC \
         om 21 921 euro ska belasta anslaget 1:1, anslagsposten 1 Statens skolverk. \
         Statens skolverk ska snarast betala ut medlen till OECD.",
    ));
    assert_eq!(read.recipient_phrases, vec!["Statens skolverk"]);
    // The first sentence's subject, where it is an agency, as before.
    let read = extract(&item(
        "Uppdrag om x",
        "Regeringen beslutar att Tillväxtverket ska göra x. Boverket ska bistå.",
    ));
    assert_eq!(
        read.recipient_phrases,
        vec!["Regeringen beslutar att Tillväxtverket"]
    );
}

/// "för" stands inside names: a title's "Uppdrag till X" is read to the
/// end of the name, not to its first "för".
#[test]
fn a_name_with_for_in_it_is_read_whole() {
    let phrases = |title: &str| extract(&item(title, "")).recipient_phrases;
    assert_eq!(
        phrases("Uppdrag till Myndigheten för skolutveckling att genomföra x"),
        vec!["Myndigheten för skolutveckling"]
    );
    assert_eq!(
        phrases("Uppdrag till Försvarsmakten och Myndigheten för samhällsskydd och beredskap att pröva x"),
        vec!["Försvarsmakten och Myndigheten för samhällsskydd och beredskap"]
    );
    assert_eq!(
        phrases("Uppdrag till Institutet för arbetsmarknadspolitisk utvärdering"),
        vec!["Institutet för arbetsmarknadspolitisk utvärdering"]
    );
    assert_eq!(
        phrases("Uppdrag till Boverket för att utreda x"),
        vec!["Boverket"]
    );
    // Not a name: read to "för" as before.
    assert_eq!(
        phrases("Uppdrag till en statlig samordnare för Bromma flygplats"),
        vec!["en statlig samordnare"]
    );
}

#[test]
fn a_title_has_one_space_between_words() {
    let read = extract(&item(
        "Uppdrag till Socialstyrelsen  om förlossningsvården",
        "Regeringen ger Socialstyrelsen i uppdrag att kartlägga förlossningsvården.",
    ));
    assert_eq!(
        read.title,
        "Uppdrag till Socialstyrelsen om förlossningsvården"
    );
}
