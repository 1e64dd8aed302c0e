//! Unit tests of [`super`].

use super::*;
use crate::domain::AgencyKind;
use crate::import::regeringsuppdrag::resolve::Agency;

fn item(page: &str, year: i32, month: u32, title: &str, text: &str) -> Item {
    Item {
        page: page.to_owned(),
        year,
        month,
        title: title.to_owned(),
        text: Some(text.to_owned()),
    }
}

/// A directory of one agency, always named `name`.
fn one_agency(name: &str, kind: AgencyKind) -> (Directory, Uuid) {
    let id = Uuid::new_v4();
    let mut directory = Directory::new(vec![Agency {
        id,
        started_on: None,
        ended_on: None,
        kind,
    }]);
    directory.add_name(name, id, Some((None, None)));
    (directory, id)
}

/// A directory of government agencies, each always named by its name.
fn agencies<const N: usize>(names: [&str; N]) -> (Directory, [Uuid; N]) {
    let ids = names.map(|_| Uuid::new_v4());
    let mut directory = Directory::new(
        ids.map(|id| Agency {
            id,
            started_on: None,
            ended_on: None,
            kind: AgencyKind::GovernmentAgency,
        })
        .to_vec(),
    );
    for (name, id) in names.iter().zip(ids) {
        directory.add_name(name, id, Some((None, None)));
    }
    (directory, ids)
}

#[test]
fn an_amendment_becomes_a_version_of_its_original_dated_to_the_day() {
    let (directory, _) = one_agency("Socialstyrelsen", AgencyKind::GovernmentAgency);
    let items = vec![
        item("/regeringsuppdrag/2011/02/s20111232fst/", 2011, 2,
             "Uppdrag angående prestationsersättning till lokala värdighetsgarantier",
             "Regeringen uppdrar åt Socialstyrelsen att betala ut x. Uppdraget ska redovisas senast den 30 juni 2011."),
        item("/regeringsuppdrag/2011/03/a/", 2011, 3,
             "Ändring av beslut om uppdrag angående prestationsersättning till lokala värdighetsgarantier",
             "Med ändring av regeringens beslut den 3 februari 2011 (dnr S2011/1232/FST) beslutar regeringen att ge Socialstyrelsen i uppdrag att x. Uppdraget ska slutredovisas senast den 20 februari 2012."),
        item("/regeringsuppdrag/2012/05/b/", 2012, 5, "Ändring av uppdraget att bygga en bro över Öresund", "Regeringen ändrar uppdraget till Socialstyrelsen att bygga en bro."),
        item("/regeringsuppdrag/2012/06/b/", 2012, 6, "Uppdrag till Socialstyrelsen att göra y", "Regeringen uppdrar åt Socialstyrelsen att göra y."),
        item("/regeringsuppdrag/2012/07/c/", 2012, 7, "Uppdrag till Socialstyrelsen att göra y", "Regeringen uppdrar åt Socialstyrelsen att göra y."),
    ];
    let plan = plan(&items, &directory, &HashSet::new(), &HashMap::new(), &|| ());
    assert_eq!(plan.items, 5);
    assert_eq!(
        plan.skipped,
        vec![
            "/regeringsuppdrag/2012/07/c/: the same title and text as /regeringsuppdrag/2012/06/b/"
        ]
    );
    assert_eq!((plan.amendments_linked, plan.amendments_alone), (1, 1));
    let original = &plan.assignments[0];
    assert_eq!(original.slug, "s20111232fst");
    assert_eq!(
        original.start,
        PartialDate::day(NaiveDate::from_ymd_opt(2011, 2, 3).unwrap())
    );
    assert_eq!(original.changes.len(), 1);
    assert_eq!(
        original.changes[0].due,
        PartialDate::parse("2012-02-20").ok()
    );
    assert_eq!(
        original.changes[0].from,
        PartialDate::parse("2011-03").unwrap()
    );
    assert_eq!(plan.assignments[1].kind, AssignmentKind::Amendment);
    assert_eq!(plan.assignments[1].slug, "b-2012-05");
    assert_eq!(plan.assignments[2].slug, "b");
}

/// A county board gets many assignments on one day: an amendment that
/// cites the day of one that is not in the file is not joined to another
/// of that day whose title shares nothing with it.
#[test]
fn an_amendment_is_not_joined_to_another_assignment_of_the_day_it_cites() {
    let (directory, board) = one_agency(
        "Länsstyrelsen i Stockholms län",
        AgencyKind::CountyAdministrativeBoard,
    );
    let items = vec![
        item("/regeringsuppdrag/2017/01/a/", 2017, 1,
             "Uppdrag respektive erbjudande att förlänga regionala serviceprogram till och med 2020",
             "Regeringen uppdrar åt Länsstyrelsen i Stockholms län att förlänga serviceprogrammet."),
        item("/regeringsuppdrag/2017/12/b/", 2017, 12,
             "Ändring av uppdrag att ta fram en regional handlingsplan för att integrera och stärka klimat- och miljöperspektiven i det regionala tillväxtarbetet",
             "Länsstyrelsen i Stockholms län fick den 22 december 2016 i uppdrag att ta fram en regional handlingsplan. \
              Utöver vad som anges i beslutet av den 22 december 2016 ska Länsstyrelsen i Stockholms län redovisa en uppdaterad plan senast den 31 augusti 2018."),
    ];
    let plan = plan(&items, &directory, &HashSet::new(), &HashMap::new(), &|| ());
    assert_eq!((plan.amendments_linked, plan.amendments_alone), (0, 1));
    assert!(plan.assignments[0].changes.is_empty());
    assert_eq!(plan.assignments[1].recipients.lead, Some(board));
}

/// Folkhälsomyndigheten was given "tillgänglighet till antibiotika" twice
/// (2015 and 2016); the "precisering" of 2016 links to the page of the
/// second, though its title says the same as the first's.
#[test]
fn an_amendment_changes_the_assignment_whose_page_it_links_to() {
    let (directory, _) = one_agency("Folkhälsomyndigheten", AgencyKind::GovernmentAgency);
    let items = vec![
        item("/regeringsuppdrag/2015/09/a/", 2015, 9,
             "Uppdrag angående tillgänglighet till antibiotika",
             "Regeringen ger Folkhälsomyndigheten i uppdrag att ta fram en projektplan."),
        item("/regeringsuppdrag/2016/04/b/", 2016, 4,
             "Uppdrag till Folkhälsomyndigheten och Tandvårds- och läkemedelsförmånsverket angående tillgänglighet till antibiotika",
             "Regeringen beslutar att ge Folkhälsomyndigheten i uppdrag att utforma förslag."),
        item("/regeringsuppdrag/2016/08/c/", 2016, 8,
             "Precisering av uppdrag angående tillgänglighet till antibiotika",
             "Folkhälsomyndigheten får i uppdrag att genomföra en förstudie.\n\n\
              [(Uppdrag angående tillgänglighet till antibiotika)](/regeringsuppdrag/2016/04/b/)"),
    ];
    let plan = plan(&items, &directory, &HashSet::new(), &HashMap::new(), &|| ());
    assert_eq!((plan.amendments_linked, plan.amendments_alone), (1, 0));
    assert!(plan.assignments[0].changes.is_empty());
    assert_eq!(plan.assignments[1].changes.len(), 1);
    assert_eq!(plan.assignments[1].changes[0].item, 2);
}

/// Statskontoret's assignment to analyse the intensive year cites the case
/// number of Arbetsförmedlingen's to introduce it: the amendment that ends
/// Arbetsförmedlingen's, citing that number, changes Arbetsförmedlingen's.
#[test]
fn a_case_number_another_assignment_cites_does_not_make_it_the_original() {
    let (directory, [_, agency]) = agencies(["Arbetsförmedlingen", "Statskontoret"]);
    let items = vec![
        item("/regeringsuppdrag/2020/10/a/", 2020, 10, "Uppdrag att införa ett intensivår",
             "Regeringen uppdrar åt Arbetsförmedlingen att införa ett intensivår."),
        item("/regeringsuppdrag/2021/02/b/", 2021, 2,
             "Uppdrag att analysera genomförandet av ett intensivår för nyanlända",
             "Regeringen uppdrar åt Statskontoret att analysera Arbetsförmedlingens genomförande av ett intensivår. \
              Arbetsförmedlingen har den 14 oktober 2020 fått i uppdrag att införa ett intensivår (A2020/02108). \
              Statskontoret ska analysera om syftet uppnås, i enlighet med vad regeringen har gett uttryck för i Arbetsförmedlingens uppdrag om genomförandet."),
        item("/regeringsuppdrag/2024/12/c/", 2024, 12,
             "Upphörande av uppdraget till Arbetsförmedlingen att införa ett intensivår",
             "Regeringen beslutar att uppdraget till Arbetsförmedlingen om att införa ett intensivår (A2020/02108) ska upphöra."),
    ];
    let plan = plan(&items, &directory, &HashSet::new(), &HashMap::new(), &|| ());
    assert_eq!((plan.amendments_linked, plan.amendments_alone), (1, 0));
    let (introduce, analyse) = (&plan.assignments[0], &plan.assignments[1]);
    assert_eq!(introduce.changes.len(), 1, "{:?}", introduce.changes);
    assert!(introduce.changes[0].ends);
    assert!(analyse.changes.is_empty(), "{:?}", analyse.changes);
    // "har gett uttryck för i Arbetsförmedlingens uppdrag" gives nothing.
    assert_eq!(
        (
            analyse.recipients.lead,
            analyse.recipients.co_recipients.clone()
        ),
        (Some(agency), vec![])
    );
}

/// Statskontoret's evaluation of the school agencies' assignment cites its
/// case number, and its title says much the same. The amendment of the
/// school agencies' assignment, which names them and cites that number,
/// changes theirs, not the evaluation.
#[test]
fn an_amendment_changes_its_recipients_assignment_before_another_that_cites_its_number() {
    let (directory, [schools, evaluator]) = agencies(["Statens skolverk", "Statskontoret"]);
    let items = vec![
        item("/regeringsuppdrag/2021/09/a/", 2021, 9,
             "Uppdrag till Statens skolverk om insatser för ökad kvalitet och likvärdighet",
             "Regeringen ger Statens skolverk uppdrag enligt nedan."),
        item("/regeringsuppdrag/2022/09/b/", 2022, 9,
             "Uppdrag att utvärdera insatser och åtgärder för ökad kvalitet och likvärdighet",
             "Regeringen ger Statskontoret i uppdrag att utvärdera insatserna med anledning av regeringsuppdraget till Statens skolverk om insatser för ökad kvalitet och likvärdighet (U2021/03837)."),
        item("/regeringsuppdrag/2023/04/c/", 2023, 4,
             "Ändring av uppdraget om insatser för ökad kvalitet och likvärdighet",
             "Regeringen ändrar uppdraget till Statens skolverk om insatser för ökad kvalitet och likvärdighet (U2021/03837) enligt följande. \
              Uppdraget ska slutredovisas senast den 1 oktober 2025."),
    ];
    let plan = plan(&items, &directory, &HashSet::new(), &HashMap::new(), &|| ());
    assert_eq!((plan.amendments_linked, plan.amendments_alone), (1, 0));
    let (amended, evaluation) = (&plan.assignments[0], &plan.assignments[1]);
    assert_eq!(amended.recipients.lead, Some(schools));
    assert_eq!(amended.changes.len(), 1, "{:?}", amended.changes);
    assert_eq!(
        amended.changes[0].lead, None,
        "it stays the school agency's"
    );
    assert_eq!(evaluation.recipients.lead, Some(evaluator));
    assert!(evaluation.changes.is_empty(), "{:?}", evaluation.changes);
}
