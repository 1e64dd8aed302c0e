//! Unit tests of [`super`].

use super::*;

fn day(y: i32, m: u32, d: u32) -> PartialDate {
    PartialDate::day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn month(text: &str) -> PartialDate {
    PartialDate::parse(text).unwrap()
}

/// The dates of the deadlines in a sentence of an item published in
/// September 2014.
fn dates(sentence: &str) -> Vec<PartialDate> {
    deadlines(sentence, month("2014-09"), Yearless::NextAfterPublished)
        .into_iter()
        .map(|d| d.date)
        .collect()
}

/// The final and the interim due dates of a text published in September
/// 2014, as an item's sentences.
fn due(text: &str) -> (Option<PartialDate>, Vec<PartialDate>) {
    let sentences = super::super::extract::sentences(&super::super::text::plain(text));
    due_dates(&sentences, month("2014-09"))
}

#[test]
fn deadlines_to_the_day_month_or_year() {
    assert_eq!(
        dates("Uppdraget ska redovisas senast den 31\u{a0}mars 2019 och senast i juni 2020."),
        vec![day(2019, 3, 31), month("2020-06")]
    );
    assert_eq!(
        dates(&super::super::text::plain(
            "redovisas senast den 30 septem\u{ad}ber 2017"
        )),
        vec![day(2017, 9, 30)]
    );
    assert_eq!(dates("i stället för den 31 mars 2022"), vec![]);
    assert_eq!(
        dates("ska inkomma med rapportering senast den 24 juni 2024 och 21 oktober 2024 till"),
        vec![day(2024, 6, 24), day(2024, 10, 21)]
    );
    assert_eq!(
        dates("att förlänga tiden för redovisning av uppdraget till den 15 april 2010."),
        vec![day(2010, 4, 15)]
    );
    assert_eq!(
        dates("Uppdraget ska slutredovisas 2020."),
        vec![month("2020")]
    );
    assert_eq!(dates("ska minska med 70 procent senast år 2030"), vec![]);
    // The end of a month.
    assert_eq!(
        dates("Sametinget ska senast före utgången av december 2022 lämna en redovisning av uppdraget"),
        vec![month("2022-12")]
    );
    assert_eq!(
        dates("Migrationsverket ska före utgången av juni 2023 lämna en skriftlig redovisning"),
        vec![month("2023-06")]
    );
}

/// Markdown's bold cuts a date in two on some pages.
#[test]
fn a_date_in_bold() {
    assert_eq!(
        due("Uppdraget ska slutredovisas till Regeringskansliet (Näringsdepartementet) **senast den 29 september** 2017."),
        (Some(day(2017, 9, 29)), vec![])
    );
}

#[test]
fn days_without_a_year() {
    // The year the list ends with.
    assert_eq!(
        due("Uppdraget ska rapporteras till Regeringskansliet senast den 31 maj, den 30 oktober och den 31 december 2015 i enlighet med vad som anges."),
        (Some(day(2015, 12, 31)), vec![day(2015, 5, 31), day(2015, 10, 30)])
    );
    assert_eq!(
        due("Uppdraget ska redovisas den 1 november respektive den 1 december 2015 till Socialdepartementet."),
        (Some(day(2015, 12, 1)), vec![day(2015, 11, 1)])
    );
    // Once: the next such day after publication (September 2014).
    assert_eq!(
        due("CSN ska redovisa sitt uppdrag senast den 30 november."),
        (Some(day(2014, 11, 30)), vec![])
    );
    assert_eq!(
        due("CSN ska redovisa sitt uppdrag senast den 1 mars."),
        (Some(day(2015, 3, 1)), vec![])
    );
    // Not where the item speaks of reports that come back.
    assert_eq!(
        due("Uppdraget ska redovisas senast den 31 mars varje år, med början 2015. Uppdraget ska slutredovisas senast den 30 oktober."),
        (None, vec![])
    );
    // A series: "under åren".
    assert_eq!(
        due("Forum för levande historia ska under åren 2015–2016 senast den 15 februari delredovisa och senast den 15 februari 2017 slutredovisa uppdraget."),
        (Some(day(2017, 2, 15)), vec![day(2015, 2, 15), day(2016, 2, 15)])
    );
    // Or the one year its sentence names.
    assert_eq!(
        due("Uppdraget redovisas senast den 30 september 2018. Delredovisningen för 2015 ska inkomma senast den 30 september."),
        (Some(day(2018, 9, 30)), vec![day(2015, 9, 30)])
    );
    // A report a year over the years named: the last is the final one.
    assert_eq!(
        due("Boverket ska senast den 1 mars varje år under perioden 2015–2017 redovisa uppdraget till Länsstyrelsen i Stockholms län."),
        (Some(day(2017, 3, 1)), vec![day(2015, 3, 1), day(2016, 3, 1)])
    );
    assert_eq!(
        due("Statskontoret ska årligen 2015–2016, senast den 5 juni, lämna en redovisning för det föregående året."),
        (Some(day(2016, 6, 5)), vec![day(2015, 6, 5)])
    );
    assert_eq!(
        due("Digg och PTS ska årligen senast den 28 februari 2015–2016 lämna en gemensam skriftlig redovisning."),
        (Some(day(2016, 2, 28)), vec![day(2015, 2, 28)])
    );
    assert_eq!(
        due("Uppdraget löper till och med 2016 och ska årligen senast den 18 november, med start 2014, redovisas till Regeringskansliet."),
        (Some(day(2016, 11, 18)), vec![day(2014, 11, 18), day(2015, 11, 18)])
    );
    // With no last year, a yearly report sets no due date.
    assert_eq!(
        due("Forum för levande historia ska redovisa uppdraget årligen senast den 15 april året efter respektive verksamhetsår."),
        (None, vec![])
    );
    assert_eq!(
        due("Skolverket ska senast den 1 mars och den 1 september varje år återrapportera utvecklingen."),
        (None, vec![])
    );
}

/// The words right after a deadline name its report where the words before
/// it speak of another.
#[test]
fn a_report_named_after_its_deadline() {
    assert_eq!(
        due("Socialstyrelsen och Läkemedelsverket ska årligen redovisa hur arbetet fortlöper och senast den 15 oktober 2018 lämna en gemensam slutredovisning av uppdraget."),
        (Some(day(2018, 10, 15)), vec![])
    );
    assert_eq!(
        due("Formas ska senast den 28 februari årligen lämna in en delrapport om uppdragets genomförande och **senast den 28 februari 2017 en slutrapport**."),
        (Some(day(2017, 2, 28)), vec![])
    );
    assert_eq!(
        due("Socialstyrelsen ska före utgången av september 2015 delredovisa och senast den 16 december 2015 slutredovisa uppdraget till Regeringskansliet."),
        (Some(day(2015, 12, 16)), vec![month("2015-09")])
    );
    // Words after a date that start another clause, or speak of another
    // date, are not its own.
    assert_eq!(
        due("Uppdraget ska delredovisas senast den 1 mars 2015 och slutredovisas senast den 1 mars 2016."),
        (Some(day(2016, 3, 1)), vec![day(2015, 3, 1)])
    );
    assert_eq!(
        due("Uppdraget ska redovisas till Regeringskansliet senast 31 oktober 2015 med en delredovisning senast den 29 april 2015."),
        (Some(day(2015, 10, 31)), vec![day(2015, 4, 29)])
    );
    assert_eq!(
        due("* senast den 1 mars 2015, delredovisa uppdraget till Regeringskansliet och senast den 1 februari 2016 slutredovisa uppdraget."),
        (Some(day(2016, 2, 1)), vec![day(2015, 3, 1)])
    );
    assert_eq!(
        due("Statskontoret ska senast den 30 oktober 2015 lämna en lägesuppdatering och senast den 31 maj 2016 slutredovisa uppdraget till regeringen."),
        (Some(day(2016, 5, 31)), vec![day(2015, 10, 30)])
    );
}

/// The dates of a list are reports of one kind, which the words after the
/// list name; a date that its verb follows is a deadline.
#[test]
fn a_list_of_deadlines_and_a_date_before_its_verb() {
    assert_eq!(
        due("* senast den 1 juni 2015 respektive den 1 juni 2016 delredovisa och senast den 1 juni 2017 slutredovisa uppdraget till Regeringskansliet."),
        (Some(day(2017, 6, 1)), vec![day(2015, 6, 1), day(2016, 6, 1)])
    );
    assert_eq!(
        due("* senast den 30 november 2015, den 31 mars 2016 samt den 31 mars 2017 delredovisa uppdraget och senast den 31 mars 2018 slutredovisa uppdraget."),
        (Some(day(2018, 3, 31)), vec![day(2015, 11, 30), day(2016, 3, 31), day(2017, 3, 31)])
    );
    assert_eq!(
        due("DO ska senast den 1 mars 2015 delredovisa och den 1 mars 2016 slutredovisa uppdraget till Regeringskansliet (Arbetsmarknadsdepartementet)."),
        (Some(day(2016, 3, 1)), vec![day(2015, 3, 1)])
    );
    assert_eq!(
        due("* senast den 28 februari 2015 gemensamt delredovisa och den 28 februari 2016 gemensamt slutredovisa uppdraget."),
        (Some(day(2016, 2, 28)), vec![day(2015, 2, 28)])
    );
    // A report named before its date.
    assert_eq!(
        due("Socialstyrelsen ska lämna delredovisningar senast den 1 november 2014, den 1 oktober 2015 och den 31 maj 2016 samt en slutredovisning den 31 maj 2017 till Regeringskansliet."),
        (Some(day(2017, 5, 31)), vec![day(2014, 11, 1), day(2015, 10, 1), day(2016, 5, 31)])
    );
}
