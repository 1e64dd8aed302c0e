use super::*;

/// The order of agencies found as `agencies` (each with whether the text
/// names it) and assignments `titles`.
fn ordered(agencies: &[(&'static str, bool)], titles: &[&'static str]) -> Vec<String> {
    in_order(
        agencies.to_vec(),
        titles.to_vec(),
        |name| format!("agency {name}"),
        |title| format!("assignment {title}"),
    )
}

#[test]
fn the_agencies_a_search_names_come_before_the_assignments_and_the_others_after() {
    // "skolverket": an other name of Statens skolverk, and a typo's
    // likeness in Skolväsendets överklagandenämnd.
    let order = ordered(
        &[
            ("Statens skolverk", true),
            ("Skolväsendets överklagandenämnd", false),
        ],
        &[
            "Uppdrag till Skolverket om yrkesvux",
            "Uppdrag om skolans digitalisering",
        ],
    );
    assert_eq!(
        order,
        [
            "agency Statens skolverk",
            "assignment Uppdrag till Skolverket om yrkesvux",
            "assignment Uppdrag om skolans digitalisering",
            "agency Skolväsendets överklagandenämnd",
        ]
    );
}

#[test]
fn each_kind_keeps_its_own_order_where_a_named_agency_ranks_below_another() {
    // Were one the text names ranked below one it does not (the agency
    // search puts them first), it would still come first.
    let order = ordered(
        &[
            ("Ends in it", false),
            ("Named first", true),
            ("Resembles it", false),
            ("Named second", true),
        ],
        &["Uppdrag"],
    );
    assert_eq!(
        order,
        [
            "agency Named first",
            "agency Named second",
            "assignment Uppdrag",
            "agency Ends in it",
            "agency Resembles it",
        ]
    );
}

#[test]
fn with_no_agency_named_the_assignments_come_first() {
    let order = ordered(
        &[("Statens institutionsstyrelse", false)],
        &["Uppdrag mot prostitution"],
    );
    assert_eq!(
        order,
        [
            "assignment Uppdrag mot prostitution",
            "agency Statens institutionsstyrelse"
        ]
    );
    assert_eq!(
        ordered(&[("Skatteverket", true)], &[]),
        ["agency Skatteverket"]
    );
    assert!(ordered(&[], &[]).is_empty());
}
