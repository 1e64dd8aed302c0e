//! Contact points: how to reach an agency, or whoever holds an assignment.
//! They are read through their owners (`/v1/agencies/{id}/contacts`,
//! `/v1/assignments/{id}/contacts`); this module holds their shape, and SQL
//! builds them (`contact_point_json`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::shared::{AgencyRef, AssignmentRef, LocalizedText, Period, Source};
use crate::domain::{Audience, ContactKind, PhoneNumber};

/// One way to reach someone, valid over its own period. Where `valid_from`
/// is null it began on a day not known, within its owner's life, and is
/// answered for any day of that life; the first day it is known to hold is
/// its source's `published_on` (a register's snapshot says what was true
/// on the day it was taken).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ContactPoint {
    pub id: Uuid,
    pub kind: ContactKind,
    /// The address, number, e-mail address or URL. Numbers from the
    /// national registers are in E.164 (`+46771921921`).
    #[schema(example = "020-390 000")]
    pub value: String,
    /// A stored number as people write it: Swedish numbers in the national
    /// format (`0771-92 19 21`, the short `114 14`), others in E.164. Null
    /// for other kinds.
    #[serde(default)]
    #[schema(example = "0771-92 19 21")]
    pub formatted: Option<String>,
    /// What it is for.
    pub label: Option<LocalizedText>,
    pub audience: Audience,
    #[serde(flatten)]
    pub period: Period,
    /// The agency this contact point belongs to, when it is an agency's.
    pub agency: Option<AgencyRef>,
    /// The assignment this contact point belongs to, when it is an
    /// assignment's (it moves with the assignment).
    pub assignment: Option<AssignmentRef>,
    pub source: Source,
}

impl ContactPoint {
    /// Fills in `formatted` for a number stored in E.164.
    pub(crate) fn formatted(mut self) -> Self {
        let is_number = matches!(self.kind, ContactKind::Phone | ContactKind::Hotline);
        let stored = self.value.starts_with('+') || self.value.chars().all(|c| c.is_ascii_digit());
        if is_number && stored {
            self.formatted = PhoneNumber::parse(&self.value)
                .ok()
                .map(|number| number.national());
        }
        self
    }
}
