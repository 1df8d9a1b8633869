//! [`DateIndex`]: a flat copy of the registry that date queries (coverage, series) scan.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use super::kim::Kim;
use crate::vocab::Status;
use crate::wilayah::{Kode, Level, Reference};

/// A flat, cache-friendly copy of what date queries need (seat, status changes, member terms), in KIM order.
///
/// Each KIM's history and members live in their own heap allocations; scanning 100,000 of them costs a cache miss
/// each. Coverage and series read these arrays instead (see `benches/benches/coverage.rs`).
#[derive(Debug, Clone, Default)]
pub struct DateIndex {
    seat: Vec<Kode>,
    hist_off: Vec<u32>,
    hist: Vec<(i32, Status)>,
    mem_off: Vec<u32>,
    mem: Vec<(i32, i32)>,
    /// The position of each seat in one code list ([`Reference::id`]), made on first use: coverage needs it on
    /// every call, and it is the one random lookup per KIM there.
    seat_pos: OnceLock<(u64, Vec<u32>)>,
}

fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

impl DateIndex {
    pub(super) fn build(kims: &[Kim]) -> Self {
        let mut c = DateIndex {
            seat: Vec::with_capacity(kims.len()),
            hist_off: Vec::with_capacity(kims.len() + 1),
            mem_off: Vec::with_capacity(kims.len() + 1),
            ..DateIndex::default()
        };
        c.hist_off.push(0);
        c.mem_off.push(0);
        for k in kims {
            c.seat.push(k.seat);
            c.hist
                .extend(k.history.iter().map(|h| (day(h.date), h.status)));
            c.mem.extend(k.members.iter().map(|m| {
                (
                    m.term_start.map_or(i32::MIN, day),
                    m.term_end.map_or(i32::MAX, day),
                )
            }));
            c.hist_off
                .push(u32::try_from(c.hist.len()).unwrap_or(u32::MAX));
            c.mem_off
                .push(u32::try_from(c.mem.len()).unwrap_or(u32::MAX));
        }
        c
    }

    /// Number of KIMs.
    pub fn len(&self) -> usize {
        self.seat.len()
    }

    /// Seat of KIM `i` (registry order).
    pub fn seat(&self, i: usize) -> Kode {
        self.seat[i]
    }

    /// Status changes of KIM `i` as (day number from the common era, status), oldest first.
    pub fn history(&self, i: usize) -> &[(i32, Status)] {
        &self.hist[self.hist_off[i] as usize..self.hist_off[i + 1] as usize]
    }

    /// Status of KIM `i` on `date`; same as [`Kim::status_on`].
    pub fn status_on(&self, i: usize, date: NaiveDate) -> Option<Status> {
        let d = day(date);
        self.history(i).iter().rev().find(|h| h.0 <= d).map(|h| h.1)
    }

    /// The position in `reference` ([`Reference::index_of`]) of each KIM's seat, in KIM order; `u32::MAX` where the
    /// seat is not a village of that list. Kept for the first list asked about; computed afresh for any other.
    pub fn seat_positions(&self, reference: &Reference) -> std::borrow::Cow<'_, [u32]> {
        let compute = || -> Vec<u32> {
            self.seat
                .iter()
                .map(|&s| {
                    if s.level() == Level::Desa {
                        reference
                            .index_of(s)
                            .and_then(|p| u32::try_from(p).ok())
                            .unwrap_or(u32::MAX)
                    } else {
                        u32::MAX
                    }
                })
                .collect()
        };
        let (id, positions) = self.seat_pos.get_or_init(|| (reference.id(), compute()));
        if *id == reference.id() {
            std::borrow::Cow::Borrowed(positions)
        } else {
            std::borrow::Cow::Owned(compute())
        }
    }

    /// Members of KIM `i` serving on `date`; same as `Kim::members_on(date).count()`.
    pub fn members_on(&self, i: usize, date: NaiveDate) -> usize {
        let d = day(date);
        self.mem[self.mem_off[i] as usize..self.mem_off[i + 1] as usize]
            .iter()
            .filter(|m| m.0 <= d && d <= m.1)
            .count()
    }
}
