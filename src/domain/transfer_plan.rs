//! Planning a transfer: given who holds each assignment on the effective
//! date, which holdings move, or why the transfer is refused. Pure, so that
//! every rule is unit-tested; the write feeds it one query's rows.

use chrono::NaiveDate;
use uuid::Uuid;

/// What a transfer asks for.
#[derive(Debug, Clone)]
pub struct TransferRequest {
    /// The giving agency, and how the request named it.
    pub from: Uuid,
    pub from_name: String,
    pub effective_on: NaiveDate,
    /// The listed assignments, each with how the request named it.
    pub listed: Vec<(Uuid, String)>,
    /// Parts of the listed assignments (at any depth) that move with them
    /// when the giving agency holds them; empty when parts stay.
    pub parts: Vec<Uuid>,
}

/// A holding in force on the effective date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldOn {
    pub holding_id: Uuid,
    pub assignment: Uuid,
    pub agency: Uuid,
    pub agency_slug: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub valid_to_precision: Option<String>,
    /// The slug of the transfer that already ends this holding, if one does.
    pub ended_by: Option<String>,
}

/// The holdings that move: the giving agency's, each ending on the effective
/// date, where the receiving agency's begin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub moves: Vec<HeldOn>,
}

/// Why a transfer cannot happen as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A listed assignment is not the giving agency's to give on that day.
    #[error("{0}")]
    NotHeld(String),
    /// Moving it would give an assignment two holders.
    #[error("{0}")]
    Overlap(String),
}

/// Plans `request` against `holdings`, the holdings on the effective date of
/// every listed assignment and part (at most one each).
pub fn plan_transfer(holdings: &[HeldOn], request: &TransferRequest) -> Result<Plan, Refusal> {
    let day = request.effective_on;
    let held = |assignment: Uuid| holdings.iter().find(|h| h.assignment == assignment);
    let listed = request.listed.iter().map(|(id, name)| (*id, Some(name)));
    let parts = request.parts.iter().map(|id| (*id, None));
    let mut moves: Vec<HeldOn> = Vec::new();
    for (assignment, listed_as) in listed.chain(parts) {
        if moves.iter().any(|m| m.assignment == assignment) {
            continue;
        }
        let holding = match (held(assignment), listed_as) {
            (Some(holding), _) if holding.agency == request.from => holding,
            (_, None) => continue,
            (Some(holding), Some(name)) => {
                return Err(Refusal::NotHeld(format!(
                "Assignment '{name}' is not held by '{}' on {day}: '{}' holds it over [{}, {}).",
                request.from_name,
                holding.agency_slug,
                holding
                    .valid_from
                    .map_or("unknown start".to_owned(), |d| d.to_string()),
                holding
                    .valid_to
                    .map_or("open end".to_owned(), |d| d.to_string()),
            )))
            }
            (None, Some(name)) => {
                return Err(Refusal::NotHeld(format!(
                    "Assignment '{name}' is not held by '{}' on {day}: nobody holds it then.",
                    request.from_name
                )))
            }
        };
        let name = listed_as.cloned().unwrap_or_else(|| assignment.to_string());
        if holding.valid_from == Some(day) {
            return Err(Refusal::NotHeld(format!(
                "Assignment '{name}': '{}' only starts holding it on {day}, so it cannot hand it over that day.",
                holding.agency_slug
            )));
        }
        if let (Some(ended_by), Some(end)) = (&holding.ended_by, holding.valid_to) {
            return Err(Refusal::Overlap(format!(
                "Assignment '{name}' already moves on {end} (transfer '{ended_by}'); moving it on {day} would give it two holders over [{day}, {end}) and after. Withdraw or correct that transfer first."
            )));
        }
        moves.push(holding.clone());
    }
    Ok(Plan { moves })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    const STOCKHOLM: u128 = 100;
    const OTHER: u128 = 200;

    fn held(assignment: u128, agency: u128) -> HeldOn {
        HeldOn {
            holding_id: id(1000 + assignment),
            assignment: id(assignment),
            agency: id(agency),
            agency_slug: if agency == STOCKHOLM {
                "lansstyrelsen-stockholm"
            } else {
                "other"
            }
            .into(),
            valid_from: Some(day("2009-01-01")),
            valid_to: None,
            valid_to_precision: None,
            ended_by: None,
        }
    }

    fn request(listed: &[u128], parts: &[u128]) -> TransferRequest {
        TransferRequest {
            from: id(STOCKHOLM),
            from_name: "lansstyrelsen-stockholm".into(),
            effective_on: day("2018-01-01"),
            listed: listed
                .iter()
                .map(|n| (id(*n), format!("assignment-{n}")))
                .collect(),
            parts: parts.iter().map(|n| id(*n)).collect(),
        }
    }

    #[test]
    fn listed_assignments_and_the_parts_the_giver_holds_move() {
        let holdings = [held(1, STOCKHOLM), held(2, STOCKHOLM), held(3, OTHER)];
        let plan = plan_transfer(&holdings, &request(&[1], &[2, 3, 4])).unwrap();
        let moving: Vec<Uuid> = plan.moves.iter().map(|m| m.assignment).collect();
        assert_eq!(
            moving,
            [id(1), id(2)],
            "part 3 is someone else's, part 4 nobody's"
        );
    }

    #[test]
    fn a_part_also_listed_moves_once() {
        let holdings = [held(1, STOCKHOLM), held(2, STOCKHOLM)];
        let plan = plan_transfer(&holdings, &request(&[1, 2], &[2])).unwrap();
        assert_eq!(plan.moves.len(), 2);
    }

    #[test]
    fn a_listed_assignment_held_by_another_agency_is_refused_naming_the_holder() {
        let holdings = [held(1, OTHER)];
        let refusal = plan_transfer(&holdings, &request(&[1], &[])).unwrap_err();
        let Refusal::NotHeld(detail) = refusal else {
            panic!("{refusal:?}")
        };
        assert!(
            detail.contains("'assignment-1'")
                && detail.contains("'other' holds it over [2009-01-01, open end)"),
            "{detail}"
        );
    }

    #[test]
    fn a_listed_assignment_nobody_holds_is_refused() {
        let refusal = plan_transfer(&[], &request(&[1], &[])).unwrap_err();
        assert!(
            matches!(&refusal, Refusal::NotHeld(d) if d.contains("nobody holds it then")),
            "{refusal:?}"
        );
    }

    #[test]
    fn a_holder_cannot_hand_over_on_its_first_day() {
        let mut holding = held(1, STOCKHOLM);
        holding.valid_from = Some(day("2018-01-01"));
        let refusal = plan_transfer(&[holding], &request(&[1], &[])).unwrap_err();
        assert!(
            matches!(&refusal, Refusal::NotHeld(d) if d.contains("only starts holding it on 2018-01-01")),
            "{refusal:?}"
        );
    }

    #[test]
    fn a_holding_another_transfer_already_ends_is_an_overlap() {
        let mut holding = held(1, STOCKHOLM);
        holding.valid_to = Some(day("2020-01-01"));
        holding.ended_by = Some("later".into());
        let refusal = plan_transfer(&[holding], &request(&[1], &[])).unwrap_err();
        assert!(
            matches!(&refusal, Refusal::Overlap(d) if d.contains("already moves on 2020-01-01 (transfer 'later')")),
            "{refusal:?}"
        );
    }
}
