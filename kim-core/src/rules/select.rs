//! Which profiles apply: the shipped set, user profiles, and the choice by date, by id or by seat.

use chrono::NaiveDate;

use super::profile::{Profile, ProfileKind};
use crate::error::{Error, Result};
use crate::wilayah::Kode;

const BUILTIN: &[&str] = &[
    include_str!("../../profiles/permenkominfo-8-2010.json"),
    include_str!("../../profiles/permenkominfo-4-2024.json"),
    include_str!("../../profiles/overlay-6402-kutai-kartanegara.json"),
    include_str!("../../profiles/overlay-6403-berau.json"),
    include_str!("../../profiles/overlay-3578-surabaya.json"),
    include_str!("../../profiles/overlay-3601-pandeglang.json"),
    include_str!("../../profiles/overlay-7271-palu.json"),
    include_str!("../../profiles/overlay-6106-kapuas-hulu.json"),
];

/// A set of profiles with unique ids: the built-in ones plus any the user loads.
///
/// ```
/// use kim_core::rules::ProfileSet;
/// use chrono::NaiveDate;
/// let set = ProfileSet::builtin();
/// let on = |s: &str| set.in_force(s.parse::<NaiveDate>().unwrap()).unwrap()[0].id.clone();
/// assert_eq!(on("2019-05-01"), "permenkominfo-8-2010");
/// assert_eq!(on("2024-09-03"), "permenkominfo-8-2010");
/// assert_eq!(on("2024-09-04"), "permenkominfo-4-2024");
/// assert!(set.in_force("2009-12-31".parse().unwrap()).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: Vec<Profile>,
}

impl ProfileSet {
    /// The shipped profiles.
    ///
    /// # Panics
    ///
    /// Never in practice: the shipped files are parsed and checked by the unit tests.
    #[must_use]
    pub fn builtin() -> Self {
        let profiles = BUILTIN
            .iter()
            .map(|j| Profile::from_json(j).expect("built-in profiles are valid"))
            .collect();
        Self { profiles }
    }

    /// An empty set.
    #[must_use]
    pub fn empty() -> Self {
        Self {
            profiles: Vec::new(),
        }
    }

    /// Adds a profile; its id must be new.
    pub fn add(&mut self, profile: Profile) -> Result<()> {
        profile.check()?;
        if self.get(&profile.id).is_some() {
            return Err(Error::Profile {
                id: profile.id,
                message: "a profile with this id already exists".into(),
            });
        }
        self.profiles.push(profile);
        Ok(())
    }

    /// Parses and adds a user's profile or overlay file.
    pub fn load_json(&mut self, json: &str) -> Result<&Profile> {
        let p = Profile::from_json(json)?;
        self.add(p)?;
        Ok(self.profiles.last().unwrap_or_else(|| unreachable!()))
    }

    /// All profiles.
    #[must_use]
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The profile with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The national profile in force on `date`, as a one-element selection.
    ///
    /// ```
    /// use kim_core::{Error, chrono::NaiveDate, rules::ProfileSet};
    /// let set = ProfileSet::builtin();
    /// let on = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    /// assert_eq!(set.in_force(on)?[0].id, "permenkominfo-4-2024");
    /// // Before Permenkominfo 08/2010 no profile is in force.
    /// let before = NaiveDate::from_ymd_opt(2010, 5, 31).unwrap();
    /// assert!(matches!(set.in_force(before), Err(Error::NoProfileInForce { .. })));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn in_force(&self, date: NaiveDate) -> Result<Vec<&Profile>> {
        self.profiles
            .iter()
            .filter(|p| p.kind == ProfileKind::National && p.in_force_on(date))
            .max_by_key(|p| p.valid_from)
            .map(|p| vec![p])
            .ok_or(Error::NoProfileInForce { date })
    }

    /// The named profiles; if none of them is national, the national profile in force on `date` comes first.
    ///
    /// ```
    /// use kim_core::{chrono::NaiveDate, rules::ProfileSet};
    /// let set = ProfileSet::builtin();
    /// let on = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    /// let ids = |ps: Vec<&kim_core::rules::Profile>| ps.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    /// let chosen = set.select(&["overlay-3578-surabaya"], on)?;
    /// assert_eq!(ids(chosen), ["permenkominfo-4-2024", "overlay-3578-surabaya"]);
    /// // A national profile named explicitly replaces the one in force (a check under the 2010 rules).
    /// assert_eq!(ids(set.select(&["permenkominfo-8-2010"], on)?), ["permenkominfo-8-2010"]);
    /// assert!(set.select(&["no-such-profile"], on).is_err());
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn select(&self, ids: &[&str], date: NaiveDate) -> Result<Vec<&Profile>> {
        let mut out = Vec::with_capacity(ids.len() + 1);
        for id in ids {
            out.push(self.get(id).ok_or_else(|| Error::unknown_profile(id))?);
        }
        if !out.iter().any(|p| p.kind == ProfileKind::National) {
            out.insert(0, self.in_force(date)?[0]);
        }
        Ok(out)
    }

    /// The profiles for a KIM seated in `seat`: with `ids`, those profiles ([`ProfileSet::select`]); without, the
    /// national profile in force plus the overlays for the seat ([`ProfileSet::applicable`]).
    pub fn for_seat(
        &self,
        ids: Option<&[&str]>,
        seat: Kode,
        date: NaiveDate,
    ) -> Result<Vec<&Profile>> {
        match ids {
            Some(ids) => self.select(ids, date),
            None => self.applicable(seat, date),
        }
    }

    /// The national profile in force plus every overlay in force whose region contains `seat`.
    ///
    /// ```
    /// use kim_core::{chrono::NaiveDate, rules::ProfileSet, wilayah::Kode};
    /// let set = ProfileSet::builtin();
    /// let ids = |seat: &str, y| -> kim_core::Result<Vec<String>> {
    ///     let on = NaiveDate::from_ymd_opt(y, 6, 30).unwrap();
    ///     Ok(set.applicable(Kode::parse(seat)?, on)?.iter().map(|p| p.id.clone()).collect())
    /// };
    /// assert_eq!(ids("64.02.01.2001", 2025)?, ["permenkominfo-4-2024", "overlay-6402-kutai-kartanegara"]);
    /// assert_eq!(ids("64.03.01.2001", 2025)?, ["permenkominfo-4-2024", "overlay-6403-berau"]);
    /// assert_eq!(ids("64.03.01.2001", 2024)?, ["permenkominfo-8-2010"]); // Berau's overlay dates from 2025
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn applicable(&self, seat: Kode, date: NaiveDate) -> Result<Vec<&Profile>> {
        let mut out = self.in_force(date)?;
        out.extend(self.profiles.iter().filter(|p| {
            p.kind == ProfileKind::Overlay
                && p.in_force_on(date)
                && p.region.is_some_and(|r| r.contains(seat))
        }));
        Ok(out)
    }
}
