//! Band tables: a value is scored by the band it falls in (docs/domain.md §12, rule SC4).
//!
//! Bands are half-open, `[from, to)`, in ascending order, and must tile the declared domain `[min, max]` exactly:
//! the first band starts at `min`, each band starts where the previous one ends (no gap, no overlap), and the last
//! one ends at `max` (and then includes `max`). A domain with no `max` is open above: its last band must have no
//! `to` either, so every value above the last cut still has a band. Anything else is an error at load time, never a
//! value silently scored 0 later.

use serde::{Deserialize, Serialize};

use super::ahp::at;
use crate::Result;

/// One band: values in `[from, to)` (or `[from, ∞)` when `to` is absent) score `score` (0–100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Band {
    /// Lower bound, inclusive.
    pub from: f64,
    /// Upper bound, exclusive; absent for the open last band of an open domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<f64>,
    /// The score of the band, 0 to 100.
    pub score: f64,
    /// An optional label (`"tanpa pelanggaran"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Band {
    /// A band `[from, to)` scoring `score`; `to = None` for an open last band.
    #[must_use]
    pub fn new(from: f64, to: Option<f64>, score: f64) -> Self {
        Self {
            from,
            to,
            score,
            label: None,
        }
    }

    /// The same band with a label.
    #[must_use]
    pub fn labelled(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// A checked band table over a declared domain.
///
/// ```
/// use kim_core::assessment::{Band, BandTable};
/// // A closed domain, 0–100 % of members trained: the last band includes 100.
/// let t = BandTable::new(0.0, Some(100.0), vec![
///     Band::new(0.0, Some(50.0), 0.0).labelled("kurang"),
///     Band::new(50.0, Some(100.0), 100.0).labelled("baik"),
/// ])?;
/// assert_eq!((t.score(49.9, "x")?, t.score(50.0, "x")?, t.score(100.0, "x")?), (0.0, 100.0, 100.0));
/// assert!(t.score(101.0, "x").is_err()); // outside the domain
/// // A closed domain must not end in an open band.
/// assert!(BandTable::new(0.0, Some(100.0), vec![Band::new(0.0, None, 50.0)]).is_err());
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BandTable {
    /// Lowest value of the domain, inclusive.
    pub min: f64,
    /// Highest value of the domain, inclusive; absent when the domain is open above.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The bands, ascending.
    pub bands: Vec<Band>,
}

impl BandTable {
    /// Builds and checks a table (SC4).
    ///
    /// ```
    /// use kim_core::assessment::{Band, BandTable};
    /// let t = BandTable::new(0.0, None, vec![
    ///     Band::new(0.0, Some(1.0), 100.0),
    ///     Band::new(1.0, Some(3.0), 50.0),
    ///     Band::new(3.0, None, 0.0),
    /// ])?;
    /// assert_eq!(t.score(2.0, "x")?, 50.0);
    /// assert_eq!(t.score(1_000.0, "x")?, 0.0);
    /// // A gap between 1 and 2 is an error.
    /// assert!(BandTable::new(0.0, None, vec![Band::new(0.0, Some(1.0), 100.0), Band::new(2.0, None, 0.0)]).is_err());
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::JsonAt`] at `bands[i]` for a gap, an overlap, an empty or reversed band, a score outside
    /// 0–100, a band open above in a closed domain, or a closed last band in an open domain.
    pub fn new(min: f64, max: Option<f64>, bands: Vec<Band>) -> Result<Self> {
        let t = Self { min, max, bands };
        t.check("")?;
        Ok(t)
    }

    /// Checks the table; `path` prefixes error paths (`criteria[2].bands[1]`).
    pub(crate) fn check(&self, path: &str) -> Result<()> {
        let p = |s: &str| {
            if path.is_empty() {
                s.to_owned()
            } else {
                format!("{path}.{s}")
            }
        };
        if !self.min.is_finite() || self.max.is_some_and(|m| !m.is_finite() || m <= self.min) {
            return Err(at(
                &p("max"),
                format!(
                    "the domain [{}, {:?}] is not a finite, non-empty range",
                    self.min, self.max
                ),
            ));
        }
        if self.bands.is_empty() {
            return Err(at(
                &p("bands"),
                "a band table needs at least one band".to_owned(),
            ));
        }
        let mut expected = self.min;
        let last = self.bands.len() - 1;
        for (i, b) in self.bands.iter().enumerate() {
            let here = p(&format!("bands[{i}]"));
            if !(b.score.is_finite() && (0.0..=100.0).contains(&b.score)) {
                return Err(at(&here, format!("score {} is outside 0-100", b.score)));
            }
            if !b.from.is_finite() {
                return Err(at(&here, format!("from {} is not finite", b.from)));
            }
            if b.from < expected {
                return Err(at(
                    &here,
                    format!(
                        "overlap: the band starts at {} but the previous one ends at {expected}",
                        b.from
                    ),
                ));
            }
            if b.from > expected {
                let what = if i == 0 {
                    "the domain starts"
                } else {
                    "the previous band ends"
                };
                return Err(at(
                    &here,
                    format!(
                        "gap: values in [{expected}, {}) have no band ({what} at {expected})",
                        b.from
                    ),
                ));
            }
            match b.to {
                None if i != last => {
                    return Err(at(
                        &here,
                        "only the last band may be open above (no `to`)".to_owned(),
                    ));
                }
                None => {
                    if let Some(m) = self.max {
                        return Err(at(
                            &here,
                            format!(
                                "open upper end: the domain ends at {m}, so the last band must end there"
                            ),
                        ));
                    }
                }
                Some(to) => {
                    if !to.is_finite() || to <= b.from {
                        return Err(at(
                            &here,
                            format!("empty or reversed band [{}, {to})", b.from),
                        ));
                    }
                    if i == last {
                        self.check_end(to, &here)?;
                    }
                    expected = to;
                }
            }
        }
        Ok(())
    }

    /// The last band, closed at `to`, must end the domain.
    fn check_end(&self, to: f64, here: &str) -> Result<()> {
        match self.max {
            None => Err(at(
                here,
                format!(
                    "open upper end: the domain has no maximum, so values from {to} up have no band; leave out `to` \
                     on the last band or declare `max`"
                ),
            )),
            Some(m) if (to - m).abs() > 0.0 => {
                let kind = if to < m { "gap" } else { "overlap" };
                Err(at(
                    here,
                    format!("{kind}: the last band ends at {to} but the domain ends at {m}"),
                ))
            }
            Some(_) => Ok(()),
        }
    }

    /// The score of `value`; `path` names the value in an error.
    ///
    /// # Errors
    /// [`crate::Error::JsonAt`] at `path` when the value is not finite or outside the domain.
    pub fn score(&self, value: f64, path: &str) -> Result<f64> {
        self.band_of(value)
            .map(|b| self.bands[b].score)
            .ok_or_else(|| at(path, self.outside(value)))
    }

    pub(crate) fn band_of(&self, value: f64) -> Option<usize> {
        if !value.is_finite() || value < self.min || self.max.is_some_and(|m| value > m) {
            return None;
        }
        // Bands are few: a linear scan beats a binary search here.
        let i = self
            .bands
            .iter()
            .position(|b| b.to.is_none_or(|t| value < t))
            .unwrap_or(self.bands.len() - 1);
        Some(i)
    }

    pub(crate) fn outside(&self, value: f64) -> String {
        match self.max {
            Some(m) => format!("{value} is outside the declared domain [{}, {m}]", self.min),
            None => format!("{value} is outside the declared domain [{}, ∞)", self.min),
        }
    }
}
