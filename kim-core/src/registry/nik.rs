//! [`Nik`]: the 16-digit population number, masked in every `Debug` and `Display`.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, NikProblem, Result};
use crate::privacy;
use crate::vocab::Sex;
use crate::wilayah::Kode;

/// A structurally valid NIK (16 digits, `PPKKCC DDMMYY SSSS`, docs/domain.md §5).
///
/// `Debug` and `Display` show it masked (`6402**********01`). [`Nik::expose`] is the only way to the full value;
/// serde writes the full value, because registry JSON is data, not a log.
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
    /// Parses a NIK, ignoring spaces and dots between digits.
    pub fn parse(s: &str) -> Result<Self> {
        let err = |problem| Error::InvalidNik {
            masked: privacy::mask_nik(s),
            problem,
        };
        let mut d = [0u8; 16];
        let mut n = 0;
        for c in s.bytes() {
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
        match privacy::nik_problem(&d) {
            Some(problem) => Err(err(problem)),
            None => Ok(Self(d)),
        }
    }

    /// The full 16 digits. Handle with care: UU PDP 27/2022 applies.
    pub fn expose(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The masked form, `6402**********01`.
    pub fn masked(&self) -> String {
        privacy::mask_nik(self.expose())
    }

    /// The kecamatan of registration (`PP.KK.CC`). Historic codes are allowed, so it may be absent from the
    /// current reference.
    pub fn region(&self) -> Kode {
        let two = |i: usize| u64::from(self.0[i] - b'0') * 10 + u64::from(self.0[i + 1] - b'0');
        // `parse` rejected zero segments, so these form a valid kecamatan code.
        Kode::from_valid_segments(two(0), two(2), two(4), 0)
    }

    /// Sex encoded in the day (women have DD + 40).
    pub fn sex(&self) -> Sex {
        if self.0[6] >= b'4' {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// Day and month of birth.
    pub fn birth_day_month(&self) -> (u32, u32) {
        let two = |i: usize| u32::from(self.0[i] - b'0') * 10 + u32::from(self.0[i + 1] - b'0');
        let day = two(6);
        (if day > 40 { day - 40 } else { day }, two(8))
    }

    /// True if `date` agrees with the NIK's DDMMYY.
    pub fn matches_birth_date(&self, date: NaiveDate) -> bool {
        let yy = u32::from(self.0[10] - b'0') * 10 + u32::from(self.0[11] - b'0');
        self.birth_day_month() == (date.day(), date.month())
            && u32::try_from(date.year().rem_euclid(100)).ok() == Some(yy)
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
