//! What is true of the registry's concepts, apart from HTTP and SQL: dates
//! that are only partly known, half-open periods of them, how resources are named,
//! where a page of a list starts, free text, organisation numbers, county
//! codes, case numbers, and how a transfer is planned.

pub mod agency_identifier;
pub mod case_number;
pub mod contact_value;
pub mod county;
pub mod date;
pub mod kinds;
pub mod organisation_number;
pub mod page;
pub mod partial_date;
pub mod period;
pub mod phone;
pub mod reference;
mod schema;
pub mod text;
pub mod transfer_plan;

pub use agency_identifier::{IdentifierError, IdentifierValue};
pub use case_number::{core_of, CaseNumber, CaseNumberError};
pub use contact_value::{ContactValue, ContactValueError};
pub use county::{CountyCode, CountyCodeError};
pub use date::{parse_date, parse_recorded_date, today_in_stockholm, DateError, Day};
pub use kinds::{
    AgencyKind, AgencyStatus, AssignmentKind, AssignmentRole, AssignmentStatus, Audience,
    ContactKind, IdentifierScheme, Jurisdiction, LineageKind, OtherNameKind, ReportKind, Role,
    UnknownKind, Unresolved,
};
pub use organisation_number::{OrganisationNumber, OrganisationNumberError};
pub use page::{Cursor, CursorError, Limit, LimitError, Window, CURSOR_PATTERN};
pub use partial_date::{PartialDate, PartialDateError, Precision};
pub use period::{EndsBeforeStart, Period};
pub use phone::{PhoneNumber, PhoneNumberError};
pub use reference::{Reference, ReferenceError, Slug, SlugError};
pub use text::{Text, TextError};
pub use transfer_plan::{plan_transfer, HeldOn, Plan, Refusal, TransferRequest};
