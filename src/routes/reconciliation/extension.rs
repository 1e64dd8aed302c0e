//! The data extension of `/v1/reconcile` (see
//! [`crate::formats::reconciliation::extension`]): the agencies and
//! assignments an extension names, read as on each date it asks about.

use std::collections::BTreeMap;

use actix_web::HttpResponse;
use chrono::NaiveDate;

use crate::db::Reader;
use crate::domain::{today_in_stockholm, Reference};
use crate::error::ApiError;
use crate::formats::reconciliation::extension::{
    entity_id, extended, read_extension, Found, FoundAssignment,
};
use crate::http::Reply;
use crate::views::agencies::{self, fetch_agency};
use crate::views::assignments::contacts::fetch_contacts as assignment_contacts;
use crate::views::assignments::detail::fetch_assignment;
use crate::views::assignments::history::fetch_history;

/// The values of the properties `extend` asks for, of the agencies and
/// assignments it names, as on the dates it asks about (today, unless a
/// property's setting `at` gives another): for each id and date, two
/// statements (itself, and how to reach it where a contact point is asked
/// for), one more for an id that is not an agency's; and for an
/// assignment, once, its timeline where the lead it was given to is asked
/// for.
pub(super) async fn extend_with(extend: &str, mut db: Reader) -> Reply {
    let extension = read_extension(extend)?;
    let today = today_in_stockholm();
    let mut found = Vec::with_capacity(extension.ids.len());
    for id in &extension.ids {
        let mut dated = BTreeMap::new();
        if let Some(reference) = entity_id(id).map(Reference::Id) {
            for day in extension.days(today) {
                let contacts = extension.asks_contacts_on(day, today);
                match found_on(&mut db, &reference, day, contacts).await? {
                    Some(then) => dated.insert(day, then),
                    None => break,
                };
            }
            if extension.asks_given_to() {
                given_to(&mut db, &reference, &mut dated).await?;
            }
        }
        found.push(dated);
    }
    Ok(HttpResponse::Ok().json(extended(&extension, found, today)))
}

/// The agency or the assignment `reference` names, as on `day`, with how
/// to reach it (or whoever is responsible for it) where `contacts` are
/// asked for; none where it names neither.
pub(super) async fn found_on(
    db: &mut Reader,
    reference: &Reference,
    day: NaiveDate,
    contacts: bool,
) -> Result<Option<Found>, ApiError> {
    if let Some(agency) = missing_is_none(fetch_agency(db, reference, day).await)? {
        let reached = match contacts {
            true => missing_is_none(agencies::fetch_contacts(db, reference, day).await)?,
            false => None,
        };
        return Ok(Some(Found::Agency(Box::new(agency), reached.map(Box::new))));
    }
    let Some(assignment) = missing_is_none(fetch_assignment(db, reference, day).await)? else {
        return Ok(None);
    };
    let reached = match contacts {
        true => missing_is_none(assignment_contacts(db, reference, day).await)?,
        false => None,
    };
    Ok(Some(Found::Assignment(Box::new(FoundAssignment {
        assignment,
        given_to: None,
        contacts: reached,
    }))))
}

/// The lead the assignment `reference` names was given to (the first
/// holder of its timeline, which no date changes), set on it as found on
/// each date; nothing where it is an agency.
async fn given_to(
    db: &mut Reader,
    reference: &Reference,
    dated: &mut BTreeMap<NaiveDate, Found>,
) -> Result<(), ApiError> {
    let Some((&day, Found::Assignment(_))) = dated.iter().next() else {
        return Ok(());
    };
    let lead = missing_is_none(fetch_history(db, reference, day).await)?
        .and_then(|history| history.holders.into_iter().next())
        .map(|holding| holding.agency);
    for found in dated.values_mut() {
        if let Found::Assignment(assignment) = found {
            assignment.given_to.clone_from(&lead);
        }
    }
    Ok(())
}

/// What a read found, or `None` where it found nothing (404: no such
/// agency or assignment, or nobody to reach).
pub(super) fn missing_is_none<T>(read: Result<T, ApiError>) -> Result<Option<T>, ApiError> {
    match read {
        Ok(found) => Ok(Some(found)),
        Err(
            ApiError::NotFound(_) | ApiError::NotFoundSuggesting { .. } | ApiError::NoHolder { .. },
        ) => Ok(None),
        Err(error) => Err(error),
    }
}
