//! vCard 4.0 (RFC 6350) of how to reach someone on a date, for address
//! books: an agency's contacts, or those of whoever holds an assignment
//! (a card for each agency that shares it, where none leads). A card of
//! kind `org`: its names (Swedish, and English where there is one), then a
//! property per contact point: `EMAIL`, `TEL` (a `tel:` URI in
//! E.164 where the number reads as one), `URL`, and `ADR` with the address as
//! its label. A contact point's own label (the hotline's "Stödtelefon", say)
//! goes beside it in the same group as `X-ABLabel`, which address books show
//! (an address without one is labelled by its kind: Postadress, Besöksadress).

use uuid::Uuid;

use super::content_lines::{text, ContentLines};
use super::TextFile;
use crate::domain::{AgencyStatus, ContactKind, PhoneNumber};
use crate::views::agencies::AgencyContacts;
use crate::views::assignments::contacts::AssignmentContacts;
use crate::views::contacts::ContactPoint;
use crate::views::shared::LocalizedText;

/// The card of an agency's contacts on a date, named by the agency's slug.
/// Its note says so, and where the agency did not exist that day, that it
/// had not been formed and whom it took over from, or that it had ended and
/// who took over; and which agency runs it, where one does.
pub fn agency_card(contacts: &AgencyContacts) -> TextFile {
    let agency = &contacts.agency;
    let mut note = format!("Kontaktvägar den {}.", contacts.at);
    // Where it did not exist that day: why, and whom to reach instead.
    let instead = match contacts.status {
        AgencyStatus::Active => None,
        AgencyStatus::NotStarted => Some((
            "Myndigheten var inte bildad än",
            "den tog sedan över verksamheten från",
            contacts
                .predecessors
                .iter()
                .map(|link| &link.predecessor)
                .collect::<Vec<_>>(),
        )),
        AgencyStatus::Ended => Some((
            "Myndigheten hade upphört",
            "verksamheten togs över av",
            contacts
                .successors
                .iter()
                .map(|link| &link.successor)
                .collect(),
        )),
    };
    if let Some((why, whom, agencies)) = instead {
        note.push_str(&format!(" {why}"));
        if !agencies.is_empty() {
            let names: Vec<&str> = agencies
                .iter()
                .map(|agency| agency.name.sv.as_str())
                .collect();
            note.push_str(&format!("; {whom} {}", names.join(", ")));
        }
        note.push('.');
    }
    if let Some(host) = &contacts.host {
        note.push_str(&format!(" Värdmyndighet: {}.", host.name.sv));
    }
    TextFile {
        name: agency.slug.clone(),
        text: card(agency.id, &agency.name, &note, contacts.items.iter()),
    }
}

/// The card of whoever holds an assignment on a date: the holder's names,
/// the assignment's own contact points first, a note that says what it is
/// responsible for. Its `UID` is the assignment's, so that an address book
/// keeps one card for the assignment while holders change. Named by the
/// assignment's slug. An assignment given to several agencies with none
/// leading is a card for each of them, with its `UID` (the agency's card,
/// with the assignment's contact points and a note that it shares it).
pub fn assignment_card(contacts: &AssignmentContacts) -> TextFile {
    let assignment = &contacts.assignment;
    let title = &assignment.title.sv;
    let at = contacts.at;
    let own = |item: &&ContactPoint| item.assignment.is_some();
    let text = match &contacts.holder {
        Some(holder) => {
            let note = format!("Ansvarig för {title} den {at}.");
            card(assignment.id, &holder.name, &note, contacts.items.iter())
        }
        None => {
            let note = format!(
                "Ansvarig för {title} den {at}, en av {} som fick uppdraget tillsammans.",
                contacts.co_recipients.len()
            );
            contacts
                .co_recipients
                .iter()
                .map(|recipient| {
                    let agency = &recipient.agency;
                    let theirs = |item: &&ContactPoint| {
                        item.agency.as_ref().is_some_and(|a| a.id == agency.id)
                    };
                    let items = contacts
                        .items
                        .iter()
                        .filter(|item| own(item) || theirs(item));
                    card(agency.id, &agency.name, &note, items)
                })
                .collect()
        }
    };
    TextFile {
        name: assignment.slug.clone(),
        text,
    }
}

fn card<'a>(
    uid: Uuid,
    name: &LocalizedText,
    note: &str,
    items: impl Iterator<Item = &'a ContactPoint>,
) -> String {
    let mut card = ContentLines::default();
    card.line("BEGIN:VCARD");
    card.line("VERSION:4.0");
    card.line("KIND:org");
    card.line(&format!("UID:urn:uuid:{uid}"));
    match &name.en {
        Some(en) => {
            card.line(&format!("FN;ALTID=1;LANGUAGE=sv:{}", text(&name.sv)));
            card.line(&format!("FN;ALTID=1;LANGUAGE=en:{}", text(en)));
        }
        None => card.line(&format!("FN:{}", text(&name.sv))),
    }
    card.line(&format!("ORG:{}", text(&name.sv)));
    for (number, item) in items.enumerate() {
        let label = item
            .label
            .as_ref()
            .map(|label| label.sv.as_str())
            .or(match item.kind {
                ContactKind::PostalAddress => Some("Postadress"),
                ContactKind::VisitingAddress => Some("Besöksadress"),
                _ => None,
            });
        let group = label.map(|_| format!("item{}.", number + 1));
        let group = group.as_deref().unwrap_or("");
        card.line(&format!("{group}{}", property(item)));
        if let Some(label) = label {
            card.line(&format!("{group}X-ABLabel:{}", text(label)));
        }
    }
    card.line(&format!("NOTE:{}", text(note)));
    card.line("END:VCARD");
    card.into_text()
}

/// The property that carries one contact point.
fn property(item: &ContactPoint) -> String {
    let value = item.value.as_str();
    match item.kind {
        ContactKind::Email => format!("EMAIL;TYPE=work:{}", text(value)),
        ContactKind::Website => format!("URL;TYPE=work:{value}"),
        ContactKind::Phone | ContactKind::Hotline => {
            let preferred = if item.kind == ContactKind::Hotline {
                ";PREF=1"
            } else {
                ""
            };
            match PhoneNumber::parse(value) {
                Ok(number) => {
                    format!(
                        "TEL;VALUE=uri;TYPE=work,voice{preferred}:tel:{}",
                        number.e164()
                    )
                }
                Err(_) => format!("TEL;VALUE=text;TYPE=work,voice{preferred}:{}", text(value)),
            }
        }
        ContactKind::PostalAddress | ContactKind::VisitingAddress => {
            // The registers give an address as one line; it is the label,
            // and the street address component holds it whole.
            format!(
                "ADR;TYPE=work;LABEL=\"{}\":;;{};;;;",
                parameter(value),
                text(value)
            )
        }
    }
}

/// A quoted parameter value: it may hold no double quote and no line
/// break (RFC 6350, section 3.3).
fn parameter(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '"' => '\'',
            '\r' | '\n' => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parameter_value_holds_no_quote_and_no_line_break() {
        assert_eq!(parameter("the \"quoted\"\nname"), "the 'quoted' name");
    }
}
