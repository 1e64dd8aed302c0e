//! What is true of the registry's concepts, apart from HTTP and SQL: dates
//! that are only partly known, half-open periods, how resources are named,
//! and where a page of a list starts.

pub mod date;
pub mod kinds;
pub mod page;
pub mod partial_date;
pub mod reference;

pub use date::{parse_date, today_in_stockholm, DateError};
pub use kinds::{AgencyKind, Audience, ContactKind, Jurisdiction, UnknownKind};
pub use page::{Cursor, CursorError, Limit, LimitError, CURSOR_PATTERN};
pub use partial_date::{PartialDate, PartialDateError, Precision};
pub use reference::{Reference, ReferenceError};
