//! [`Participation`] read from kim's own forum registry and pembinaan records (issue #19 on top of #18).

use chrono::NaiveDate;

use super::feeds::Participation;
use crate::forum::ForumRegistry;
use crate::pembinaan::PembinaanData;

/// Forum membership and pembinaan participation read from a [`ForumRegistry`] and a [`PembinaanData`].
///
/// - [`forum_member`](Participation::forum_member): `true` when, on some day of `[from, to]`, the KIM held a
///   membership of a forum that was active that day (dikukuhkan, within a term; see `Forum::is_active_on`); a
///   membership of a forum in draft, vakum, dissolved or past its term does not count. Direct membership only: a KIM
///   is not a member of the kab/kota forum because its kecamatan forum is.
/// - [`pembinaan_sessions`](Participation::pembinaan_sessions): the activities the KIM **attended** whose last day
///   falls in `[from, to]` (an invitation not attended never counts), as [`PembinaanData::attended_by`] counts them.
///
/// Both answer for every KIM (never `None`): a KIM absent from the records has no membership and no session. Leave a
/// source out (`None`) and its criterion is unknown for every KIM, so filling it is an error rather than a silent 0.
///
/// ```
/// use kim_core::assessment::{KimParticipation, Participation};
/// use kim_core::forum::ForumRegistry;
/// use kim_core::pembinaan::PembinaanData;
/// let forums = ForumRegistry::new();
/// let data = PembinaanData::new();
/// let p = KimParticipation::new(Some(&forums), Some(&data));
/// let (from, to) = ("2025-01-01".parse()?, "2025-12-31".parse()?);
/// assert_eq!(p.forum_member("KIM-1", from, to), Some(false));
/// assert_eq!(p.pembinaan_sessions("KIM-1", from, to), Some(0));
/// assert_eq!(KimParticipation::new(None, None).forum_member("KIM-1", from, to), None);
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct KimParticipation<'a> {
    forums: Option<&'a ForumRegistry>,
    pembinaan: Option<&'a PembinaanData>,
}

impl<'a> KimParticipation<'a> {
    /// Reads memberships from `forums` and attendance from `pembinaan`; either may be absent.
    #[must_use]
    pub fn new(forums: Option<&'a ForumRegistry>, pembinaan: Option<&'a PembinaanData>) -> Self {
        Self { forums, pembinaan }
    }
}

impl Participation for KimParticipation<'_> {
    fn forum_member(&self, kim_id: &str, from: NaiveDate, to: NaiveDate) -> Option<bool> {
        let forums = self.forums?;
        let member = forums.forums().iter().any(|f| {
            f.members
                .iter()
                .filter(|m| m.member.kim() == Some(kim_id))
                .any(|m| {
                    let lo = from.max(m.from);
                    let hi = m.to.map_or(to, |t| t.min(to));
                    // Day by day over the overlap: a forum's state changes with its history and its terms, and a
                    // period is at most a few years, so this stays cheap and cannot miss a change.
                    lo.iter_days()
                        .take_while(|d| *d <= hi)
                        .any(|d| f.is_active_on(d))
                })
        });
        Some(member)
    }

    fn pembinaan_sessions(&self, kim_id: &str, from: NaiveDate, to: NaiveDate) -> Option<u32> {
        let data = self.pembinaan?;
        Some(u32::try_from(data.attended_by(kim_id, from, to).len()).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forum::ForumRegistry;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The illustrative Kukar scenario: every KIM that is a member of an active kecamatan forum in 2025 counts, one
    /// that attended the bimtek has sessions, and the answers agree with the forum and pembinaan modules' own queries.
    #[test]
    fn reads_the_kukar_scenario_like_the_modules_own_queries() {
        let forums =
            ForumRegistry::from_json(include_str!("../../data/sample/forum_kukar.json")).unwrap();
        let data =
            PembinaanData::from_json(include_str!("../../data/sample/forum_kukar_pembinaan.json"))
                .unwrap();
        let p = KimParticipation::new(Some(&forums), Some(&data));
        let (from, to) = (d("2024-07-01"), d("2025-06-30"));
        let mut members = 0;
        let mut trained = 0;
        for f in forums.forums() {
            for m in &f.members {
                let Some(kim) = m.member.kim() else { continue };
                // On the last day, a current membership of an active forum is what memberships_of reports.
                if !forums.memberships_of(kim, to).is_empty() {
                    assert_eq!(p.forum_member(kim, from, to), Some(true), "{kim}");
                    members += 1;
                }
                let n = data.attended_by(kim, from, to).len();
                assert_eq!(
                    p.pembinaan_sessions(kim, from, to),
                    Some(u32::try_from(n).unwrap())
                );
                trained += usize::from(n > 0);
            }
        }
        assert!(
            members > 0 && trained > 0,
            "the scenario has members ({members}) and trained KIMs ({trained})"
        );
        assert_eq!(p.forum_member("NO-SUCH-KIM", from, to), Some(false));
        assert_eq!(p.pembinaan_sessions("NO-SUCH-KIM", from, to), Some(0));
        // Before Forum KIM Kukar and its kecamatan forums existed, nobody was a member.
        assert!(
            forums
                .forums()
                .iter()
                .flat_map(|f| &f.members)
                .filter_map(|m| m.member.kim())
                .all(|k| p.forum_member(k, d("2015-01-01"), d("2015-12-31")) == Some(false))
        );
    }
}
