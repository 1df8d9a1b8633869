//! [`Nik`]: the 16-digit population number, masked in every `Debug` and `Display`.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, NikProblem, Result};
use crate::privacy;
use crate::vocab::Sex;
use crate::wilayah::Kode;

/// 2^53: up to here a float holds every integer exactly.
pub(crate) const F64_EXACT: f64 = 9_007_199_254_740_992.0;

/// A structurally valid NIK (16 digits, `PPKKCC DDMMYY SSSS`, docs/domain.md §5).
///
/// `Debug` and `Display` show it masked (`6402**********01`). [`Nik::expose`] is the only way to the full value;
/// serde writes the full value, because registry JSON is data, not a log.
///
/// **The birth year.** `YY` is the year of birth modulo 100; the NIK does not say the century. kim never guesses
/// one: [`Nik::birth_yy`] returns the two digits, and [`Nik::matches_birth_date`] compares them with the year of a
/// recorded birth date modulo 100 (so `90` agrees with 1990 and with 2090). For 29 February, `parse` asks that `YY`
/// be divisible by 4; `00` is accepted, as 2000 was a leap year (1900 was not, but no living person was born then).
///
/// ```
/// use kim_core::registry::{Nik, Sex};
/// let nik = Nik::parse("6402 0141 0190 0001")?;
/// assert_eq!(nik.to_string(), "6402**********01");
/// assert_eq!(format!("{nik:?}"), "Nik(6402**********01)");
/// assert_eq!(nik.sex(), Sex::Female);          // day 41 = 1st, + 40 for women
/// assert_eq!(nik.birth_day_month(), (1, 1));
/// assert_eq!(nik.expose(), "6402014101900001");
/// assert!(Nik::parse("6402014101900000").is_err()); // serial 0000
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Nik([u8; 16]);

impl Nik {
    /// Parses a NIK.
    ///
    /// Whitespace around the number is ignored, exactly as the registry import trims every cell (`str::trim`:
    /// spaces, tabs, line breaks, no-break spaces); inside it, spaces and dots between digits are ignored
    /// (`6402 0141 0190 0001`, `6402.0141.0190.0001`), and anything else that is not a digit is an error.
    ///
    /// Checked: 16 digits; a province (`PP`) that is one of the 38 of the embedded code list
    /// ([`PROVINCE_CODES`](crate::wilayah::PROVINCE_CODES)); no zero `KK` or `CC`; `DD` a day (plus 40 for women)
    /// and `MM` a month forming a calendar date in some century (see the type's docs); a serial other than `0000`.
    /// A kab/kota or kecamatan absent from the current list is not an error: old codes are legitimate, and the
    /// rule profiles report it as a warning (docs/domain.md §5).
    ///
    /// ```
    /// use kim_core::{Error, error::NikProblem, registry::Nik};
    /// assert_eq!(Nik::parse(" 6402.0141.0190.0001 ")?.expose(), "6402014101900001");
    /// let problem = |s| match Nik::parse(s) {
    ///     Err(Error::InvalidNik { problem, .. }) => Some(problem),
    ///     _ => None,
    /// };
    /// assert_eq!(problem("6402**********01"), Some(NikProblem::Masked)); // a display copy, not the data
    /// assert_eq!(problem("9902014101900001"), Some(NikProblem::UnknownProvince { code: 99 }));
    /// assert_eq!(problem("6402013002900001"), Some(NikProblem::Date)); // 30 February
    /// assert_eq!(problem("640201410190001"), Some(NikProblem::Length));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        let err = |problem| Error::InvalidNik {
            masked: privacy::mask_nik(s),
            problem,
        };
        if s.contains('*') {
            return Err(err(NikProblem::Masked));
        }
        let mut d = [0u8; 16];
        let mut n = 0;
        for c in s.trim().bytes() {
            match c {
                b'0'..=b'9' => {
                    if n == 16 {
                        return Err(err(NikProblem::Length));
                    }
                    d[n] = c;
                    n += 1;
                }
                b' ' | b'.' => {}
                _ => return Err(err(NikProblem::NotDigit)),
            }
        }
        if n != 16 {
            return Err(err(NikProblem::Length));
        }
        // The structure (shared with the personal-data detector, which masks a NIK-shaped number of any province),
        // then the province: a zero region part is reported as such before an unknown province.
        let problem = privacy::nik_problem(&d);
        let province = (d[0] - b'0') * 10 + (d[1] - b'0');
        if problem != Some(NikProblem::Region)
            && !crate::wilayah::PROVINCE_CODES.contains(&province)
        {
            return Err(err(NikProblem::UnknownProvince { code: province }));
        }
        match problem {
            Some(problem) => Err(err(problem)),
            None => Ok(Self(d)),
        }
    }

    /// A NIK that arrived as an integer (a spreadsheet or pandas column of numbers): its decimal digits, parsed
    /// by [`Nik::parse`].
    ///
    /// ```
    /// use kim_core::registry::Nik;
    /// assert_eq!(Nik::from_i64(6_402_014_101_900_001)?.expose(), "6402014101900001");
    /// assert!(Nik::from_i64(-6_402_014_101_900_001).is_err());
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn from_i64(n: i64) -> Result<Self> {
        Self::parse(&n.to_string())
    }

    /// A NIK that arrived as a float (a pandas column of numbers with a blank cell becomes `float64`).
    ///
    /// Accepted only when the float is a whole number from 0 to 2^53, where every integer is exact, so its digits
    /// are the ones that were written; it is then parsed by [`Nik::parse`]. Anything else is
    /// [`NikProblem::Inexact`]: above 2^53 the float may be a neighbour of the NIK written, and kim never repairs
    /// digits.
    pub fn from_f64(x: f64) -> Result<Self> {
        if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= F64_EXACT {
            // Exact: a whole number in 0..=2^53 converts to u64 without loss.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            return Self::parse(&(x as u64).to_string());
        }
        Err(Error::InvalidNik {
            masked: privacy::mask_nik(&format!("{x}")),
            problem: NikProblem::Inexact,
        })
    }

    /// The full 16 digits. Handle with care: UU PDP 27/2022 applies.
    #[must_use]
    pub fn expose(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The masked form, `6402**********01`.
    #[must_use]
    pub fn masked(&self) -> String {
        privacy::mask_nik(self.expose())
    }

    /// The kecamatan of registration (`PP.KK.CC`). Historic codes are allowed, so it may be absent from the
    /// current reference.
    ///
    /// ```
    /// use kim_core::{registry::Nik, wilayah::Kode};
    /// assert_eq!(Nik::parse("6402014101900001")?.region(), Kode::parse("64.02.01")?);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn region(&self) -> Kode {
        let two = |i: usize| u64::from(self.0[i] - b'0') * 10 + u64::from(self.0[i + 1] - b'0');
        // `parse` rejected zero segments, so these form a valid kecamatan code.
        Kode::from_valid_segments(two(0), two(2), two(4), 0)
    }

    /// Sex encoded in the day (women have DD + 40).
    #[must_use]
    pub fn sex(&self) -> Sex {
        if self.0[6] >= b'4' {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// Day and month of birth.
    #[must_use]
    pub fn birth_day_month(&self) -> (u32, u32) {
        let two = |i: usize| u32::from(self.0[i] - b'0') * 10 + u32::from(self.0[i + 1] - b'0');
        let day = two(6);
        (if day > 40 { day - 40 } else { day }, two(8))
    }

    /// The two-digit year of birth `YY` (the year modulo 100; the century is unknown).
    #[must_use]
    pub fn birth_yy(&self) -> u32 {
        u32::from(self.0[10] - b'0') * 10 + u32::from(self.0[11] - b'0')
    }

    /// True if `date` agrees with the NIK's DDMMYY: same day and month, and a year whose last two digits are `YY`
    /// (any century).
    ///
    /// ```
    /// use kim_core::{chrono::NaiveDate, registry::Nik};
    /// let nik = Nik::parse("6402014101900001")?; // a woman born on 1 January of a year ending in 90
    /// assert_eq!((nik.birth_day_month(), nik.birth_yy()), ((1, 1), 90));
    /// assert!(nik.matches_birth_date(NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()));
    /// assert!(nik.matches_birth_date(NaiveDate::from_ymd_opt(2090, 1, 1).unwrap())); // the century is not known
    /// assert!(!nik.matches_birth_date(NaiveDate::from_ymd_opt(1991, 1, 1).unwrap()));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn matches_birth_date(&self, date: NaiveDate) -> bool {
        self.birth_day_month() == (date.day(), date.month())
            && u32::try_from(date.year().rem_euclid(100)).ok() == Some(self.birth_yy())
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

impl Serialize for Nik {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for Nik {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Nik::parse(&s).map_err(serde::de::Error::custom)
    }
}
