//! Unit tests of [`super`]: sentences as the texts write them, each with
//! the final and the interim due dates a reader finds in it.

use super::*;

fn date(text: &str) -> PartialDate {
    PartialDate::parse(text).unwrap()
}

/// The dates of the deadlines in a sentence of an item published in
/// September 2014.
fn dates(sentence: &str) -> Vec<String> {
    deadlines(sentence, date("2014-09"), Yearless::NextAfterPublished)
        .into_iter()
        .map(|d| d.date.to_string())
        .collect()
}

/// Each text, read as an item published in September 2014, has the final
/// due date (if any) and the interim ones given.
#[track_caller]
fn check(cases: &[(&str, Option<&str>, &[&str])]) {
    for &(text, final_report, interim) in cases {
        let sentences = super::super::extract::sentences(&super::super::text::plain(text));
        let (due, found) = due_dates(&sentences, date("2014-09"));
        let found: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(
            (due.map(|d| d.to_string()).as_deref(), found),
            (
                final_report,
                interim.iter().map(|d| d.to_string()).collect()
            ),
            "{text}"
        );
    }
}

#[test]
fn deadlines_to_the_day_month_or_year() {
    let cases: [(&str, &[&str]); 9] = [
        (
            "Uppdraget ska redovisas senast den 31\u{a0}mars 2019 och senast i juni 2020.",
            &["2019-03-31", "2020-06"],
        ),
        (
            &super::super::text::plain("redovisas senast den 30 septem\u{ad}ber 2017"),
            &["2017-09-30"],
        ),
        ("i stället för den 31 mars 2022", &[]),
        (
            "ska inkomma med rapportering senast den 24 juni 2024 och 21 oktober 2024 till",
            &["2024-06-24", "2024-10-21"],
        ),
        (
            "att förlänga tiden för redovisning av uppdraget till den 15 april 2010.",
            &["2010-04-15"],
        ),
        ("Uppdraget ska slutredovisas 2020.", &["2020"]),
        ("ska minska med 70 procent senast år 2030", &[]),
        // The end of a month.
        (
            "Sametinget ska senast före utgången av december 2022 lämna en redovisning av uppdraget",
            &["2022-12"],
        ),
        (
            "Migrationsverket ska före utgången av juni 2023 lämna en skriftlig redovisning",
            &["2023-06"],
        ),
    ];
    for (sentence, expected) in cases {
        assert_eq!(dates(sentence), expected, "{sentence}");
    }
}

/// Each deadline's own verb says which report it is, else the words before
/// it; a longer time for the assignment is a deadline, and a date before
/// publication is a citation.
#[test]
fn each_deadline_by_its_own_verb_or_the_words_before_it() {
    check(&[
        (
            "En delredovisning ska lämnas senast den 1 mars 2015 och uppdraget ska slutredovisas senast den 31 december 2016.",
            Some("2016-12-31"),
            &["2015-03-01"],
        ),
        (
            "Regeringen uppdrar åt Boverket att, i enlighet med den redovisning som lämnades senast den 1 mars 2013, ska redovisas senast i juni 2015.",
            Some("2015-06"),
            &[],
        ),
        (
            "Uppdraget ska delredovisas den 15 augusti 2015 och slutredovisas den 30 januari 2016 till Socialdepartementet.",
            Some("2016-01-30"),
            &["2015-08-15"],
        ),
        (
            "SFI och PTS ska gemensamt delredovisa uppdraget den 31 maj 2015 och slutredovisa uppdraget den 31 december 2015.",
            Some("2015-12-31"),
            &["2015-05-31"],
        ),
        (
            "Nu ska Boverket i stället slutredovisa uppdraget den 31 januari 2015.",
            Some("2015-01-31"),
            &[],
        ),
        (
            "Uppdragstiden förlängs till och med den 31 december 2016. Uppdraget ska årligen och senast den 31 mars 2015 redovisas.",
            Some("2016-12-31"),
            &["2015-03-31"],
        ),
    ]);
}

/// Money asked for or paid back by a day is not a report; a further day in
/// a list without a year is in the year that goes on; a longer time
/// written without "den" is a deadline.
#[test]
fn requisitions_days_that_go_on_and_a_longer_time() {
    check(&[
        (
            "Rekvisitionen ska lämnas senast den 1 december 2014. Medel som inte har använts ska betalas tillbaka senast den 31 mars 2015. Uppdraget ska redovisas till regeringen senast den 30 april 2015.",
            Some("2015-04-30"),
            &[],
        ),
        (
            "* senast den 15 juni 2015 och den 15 december delredovisa samt den 15 december 2016 slutredovisa uppdraget till Regeringskansliet.",
            Some("2016-12-15"),
            &["2015-06-15", "2015-12-15"],
        ),
        (
            "Uppdragstiden förlängs mot denna bakgrund till och med 1 mars 2016.",
            Some("2016-03-01"),
            &[],
        ),
    ]);
}

/// Markdown's bold cuts a date in two on some pages.
#[test]
fn a_date_in_bold() {
    check(&[(
        "Uppdraget ska slutredovisas till Regeringskansliet (Näringsdepartementet) **senast den 29 september** 2017.",
        Some("2017-09-29"),
        &[],
    )]);
}

#[test]
fn days_without_a_year() {
    check(&[
        // The year the list ends with.
        (
            "Uppdraget ska rapporteras till Regeringskansliet senast den 31 maj, den 30 oktober och den 31 december 2015 i enlighet med vad som anges.",
            Some("2015-12-31"),
            &["2015-05-31", "2015-10-30"],
        ),
        (
            "Uppdraget ska redovisas den 1 november respektive den 1 december 2015 till Socialdepartementet.",
            Some("2015-12-01"),
            &["2015-11-01"],
        ),
        // Once: the next such day after publication (September 2014).
        ("CSN ska redovisa sitt uppdrag senast den 30 november.", Some("2014-11-30"), &[]),
        ("CSN ska redovisa sitt uppdrag senast den 1 mars.", Some("2015-03-01"), &[]),
        // Not where the item speaks of reports that come back.
        (
            "Uppdraget ska redovisas senast den 31 mars varje år, med början 2015. Uppdraget ska slutredovisas senast den 30 oktober.",
            None,
            &[],
        ),
        // Or the one year its sentence names.
        (
            "Uppdraget redovisas senast den 30 september 2018. Delredovisningen för 2015 ska inkomma senast den 30 september.",
            Some("2018-09-30"),
            &["2015-09-30"],
        ),
        // A report a year over the years named: the last is the final one.
        (
            "Boverket ska senast den 1 mars varje år under perioden 2015–2017 redovisa uppdraget till Länsstyrelsen i Stockholms län.",
            Some("2017-03-01"),
            &["2015-03-01", "2016-03-01"],
        ),
        (
            "Statskontoret ska årligen 2015–2016, senast den 5 juni, lämna en redovisning för det föregående året.",
            Some("2016-06-05"),
            &["2015-06-05"],
        ),
        (
            "Digg och PTS ska årligen senast den 28 februari 2015–2016 lämna en gemensam skriftlig redovisning.",
            Some("2016-02-28"),
            &["2015-02-28"],
        ),
        (
            "Uppdraget löper till och med 2016 och ska årligen senast den 18 november, med start 2014, redovisas till Regeringskansliet.",
            Some("2016-11-18"),
            &["2014-11-18", "2015-11-18"],
        ),
        (
            "Forum för levande historia ska under åren 2015–2016 senast den 15 februari delredovisa och senast den 15 februari 2017 slutredovisa uppdraget.",
            Some("2017-02-15"),
            &["2015-02-15", "2016-02-15"],
        ),
        // With no last year, a yearly report sets no due date.
        (
            "Forum för levande historia ska redovisa uppdraget årligen senast den 15 april året efter respektive verksamhetsår.",
            None,
            &[],
        ),
        (
            "Skolverket ska senast den 1 mars och den 1 september varje år återrapportera utvecklingen.",
            None,
            &[],
        ),
    ]);
}

/// The words right after a deadline name its report where the words before
/// it speak of another; words after a date that start another clause, or
/// speak of another date, are not its own.
#[test]
fn a_report_named_after_its_deadline() {
    check(&[
        (
            "Socialstyrelsen och Läkemedelsverket ska årligen redovisa hur arbetet fortlöper och senast den 15 oktober 2018 lämna en gemensam slutredovisning av uppdraget.",
            Some("2018-10-15"),
            &[],
        ),
        (
            "Formas ska senast den 28 februari årligen lämna in en delrapport om uppdragets genomförande och **senast den 28 februari 2017 en slutrapport**.",
            Some("2017-02-28"),
            &[],
        ),
        (
            "Socialstyrelsen ska före utgången av september 2015 delredovisa och senast den 16 december 2015 slutredovisa uppdraget till Regeringskansliet.",
            Some("2015-12-16"),
            &["2015-09"],
        ),
        (
            "Uppdraget ska delredovisas senast den 1 mars 2015 och slutredovisas senast den 1 mars 2016.",
            Some("2016-03-01"),
            &["2015-03-01"],
        ),
        (
            "Uppdraget ska redovisas till Regeringskansliet senast 31 oktober 2015 med en delredovisning senast den 29 april 2015.",
            Some("2015-10-31"),
            &["2015-04-29"],
        ),
        (
            "* senast den 1 mars 2015, delredovisa uppdraget till Regeringskansliet och senast den 1 februari 2016 slutredovisa uppdraget.",
            Some("2016-02-01"),
            &["2015-03-01"],
        ),
        (
            "Statskontoret ska senast den 30 oktober 2015 lämna en lägesuppdatering och senast den 31 maj 2016 slutredovisa uppdraget till regeringen.",
            Some("2016-05-31"),
            &["2015-10-30"],
        ),
    ]);
}

/// The dates of a list are reports of one kind, which the words after the
/// list name; a date that its verb follows is a deadline, and so is one
/// its report names before it.
#[test]
fn a_list_of_deadlines_and_a_date_before_its_verb() {
    check(&[
        (
            "* senast den 1 juni 2015 respektive den 1 juni 2016 delredovisa och senast den 1 juni 2017 slutredovisa uppdraget till Regeringskansliet.",
            Some("2017-06-01"),
            &["2015-06-01", "2016-06-01"],
        ),
        (
            "* senast den 30 november 2015, den 31 mars 2016 samt den 31 mars 2017 delredovisa uppdraget och senast den 31 mars 2018 slutredovisa uppdraget.",
            Some("2018-03-31"),
            &["2015-11-30", "2016-03-31", "2017-03-31"],
        ),
        (
            "DO ska senast den 1 mars 2015 delredovisa och den 1 mars 2016 slutredovisa uppdraget till Regeringskansliet (Arbetsmarknadsdepartementet).",
            Some("2016-03-01"),
            &["2015-03-01"],
        ),
        (
            "* senast den 28 februari 2015 gemensamt delredovisa och den 28 februari 2016 gemensamt slutredovisa uppdraget.",
            Some("2016-02-28"),
            &["2015-02-28"],
        ),
        (
            "Statskontoret ska muntligen redovisa senast 1 december 2014 och 1 juni 2015. Den 1 mars 2016 ska Statskontoret redovisa uppdraget i en slutrapport.",
            Some("2016-03-01"),
            &["2014-12-01", "2015-06-01"],
        ),
        (
            "Socialstyrelsen ska lämna delredovisningar senast den 1 november 2014, den 1 oktober 2015 och den 31 maj 2016 samt en slutredovisning den 31 maj 2017 till Regeringskansliet.",
            Some("2017-05-31"),
            &["2014-11-01", "2015-10-01", "2016-05-31"],
        ),
    ]);
}
