//! One agency, one record: the five registers merged into a
//! [`Snapshot`]. Which entries are one agency is [`super::identity`]'s to
//! say; what each agency is, [`super::facts`]'s; how they relate,
//! [`super::relations`]' and [`super::lineage`]'s.
//!
//! Precedence where the registers disagree: for dates SFS (to the day),
//! then Wikidata, then SCB, Statskontoret and ESV (to the year); for the
//! organisation number SCB, Statskontoret, ESV, Wikidata; for the ministry
//! Statskontoret, ESV, Wikidata. The value that loses is reported as a
//! conflict in the summary, never silently dropped.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::clean;
use super::files::Files;
use super::snapshot::Snapshot;
use crate::import::names;

/// The snapshot of `as_of` merged into agencies, lineage, skips and
/// conflicts. `counties` are (code, Swedish name) pairs: `("12", "Skåne
/// län")`.
pub fn merge(files: &Files, counties: &[(String, String)], as_of: NaiveDate) -> Snapshot {
    let spellings: BTreeMap<String, String> = files
        .matchlist
        .iter()
        .map(|(name, official)| (names::key(name), clean::name(official)))
        .collect();
    // ESV marks an agency whose name a successor took as "(gamla)", the
    // old one: Statskontoret (gamla) is the Statskontoret that ended when
    // Ekonomistyrningsverket took its name (the key leaves the mark out).
    // Its organisation number keeps it apart from the new one.
    // A name is looked up without what stands beside it, so that SFS's
    // "Nordiska afrikainstitutet (Scandinavian Institute of African
    // Studies)" is Nordiska Afrikainstitutet.
    let official = |name: &str| {
        let plain = clean::name(name);
        spellings
            .get(&names::key(&plain))
            .or_else(|| spellings.get(&names::key(name)))
            .cloned()
            .unwrap_or(plain)
    };
    let mut snapshot = Snapshot::default();
    let all = super::identity::entries(files, &official, &mut snapshot.skipped);
    let groups = super::identity::group(all, &mut snapshot.skipped);
    for (own, entries) in groups {
        let agency = super::facts::agency(
            files,
            own,
            entries,
            &official,
            counties,
            as_of,
            &mut snapshot,
        );
        snapshot.agencies.push(agency);
    }
    super::relations::names_passed_on(&mut snapshot);
    super::relations::ministries(&mut snapshot);
    super::lineage::lineage(files, &official, &mut snapshot);
    snapshot
}
