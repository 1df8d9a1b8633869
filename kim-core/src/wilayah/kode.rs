//! [`Kode`]: one Kemendagri code, packed in a `u64`, and [`DottedKode`], its dotted form without allocation.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{KabKotaKind, Level, VillageKind};
use crate::error::{CodeProblem, Error, Result};

const P10_8: u64 = 100_000_000;
const P10_6: u64 = 1_000_000;
pub(super) const P10_4: u64 = 10_000;

/// A Kemendagri administrative code.
///
/// Stored packed in a `u64` as the 10-digit number `PPKKCCXNNN`, with absent segments zero. Because no segment is
/// ever zero, the level follows from the value, and the natural order puts every unit right after its parent
/// (pre-order), which [`Reference`](super::Reference) relies on.
///
/// ```
/// use kim_core::wilayah::{Kode, Level, VillageKind, KabKotaKind};
/// let k: Kode = "64.02.01.2001".parse()?;
/// assert_eq!(k.level(), Level::Desa);
/// assert_eq!(k.village_kind(), Some(VillageKind::Desa));
/// assert_eq!(k.parent().unwrap().to_string(), "64.02.01");
/// assert_eq!(k.kab_kota_kind(), Some(KabKotaKind::Kabupaten));
/// assert_eq!(Kode::parse("6402012001")?, k);
/// assert_eq!(k.digits(), "6402012001");
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kode(u64);

impl Kode {
    /// Parses a dotted (`64.02.01.2001`) or undotted (`6402012001`) code. No surrounding whitespace is allowed.
    pub fn parse(s: &str) -> Result<Self> {
        Self::parse_bytes(s.as_bytes()).map_err(|(byte, problem)| Error::InvalidCode {
            // A NIK or phone number typed into a code field is masked like any other.
            input: crate::privacy::mask_prefix(s, 32),
            byte,
            problem,
        })
    }

    /// Parses bytes; on failure returns the byte offset and the problem. Allocation-free.
    pub fn parse_bytes(b: &[u8]) -> std::result::Result<Self, (usize, CodeProblem)> {
        // Segment widths: 2, 2, 2, 4.
        const WIDTHS: [usize; 4] = [2, 2, 2, 4];
        if b.is_empty() {
            return Err((0, CodeProblem::Empty));
        }
        let dotted = b.len() > 2 && b[2] == b'.';
        let mut segs = [0u64; 4];
        let mut n = 0usize;
        let mut pos = 0usize;
        while pos < b.len() {
            if n == 4 {
                return Err((pos, CodeProblem::BadLength));
            }
            if dotted && n > 0 {
                if b[pos] != b'.' {
                    return Err((pos, CodeProblem::UnexpectedByte));
                }
                pos += 1;
            }
            let width = WIDTHS[n];
            let mut value = 0u64;
            for i in 0..width {
                match b.get(pos + i) {
                    Some(c) if c.is_ascii_digit() => value = value * 10 + u64::from(c - b'0'),
                    Some(b'.') if dotted => return Err((pos + i, CodeProblem::BadLength)),
                    Some(_) => return Err((pos + i, CodeProblem::UnexpectedByte)),
                    None => return Err((pos + i, CodeProblem::BadLength)),
                }
            }
            if value == 0 {
                return Err((pos, CodeProblem::ZeroSegment));
            }
            if n == 3 && !(b'1'..=b'3').contains(&b[pos]) {
                return Err((pos, CodeProblem::VillageKind));
            }
            segs[n] = value;
            pos += width;
            n += 1;
        }
        Ok(Self(
            segs[0] * P10_8 + segs[1] * P10_6 + segs[2] * P10_4 + segs[3],
        ))
    }

    /// Packs segments the caller has already validated (each non-zero where present, village segment 1001–3999).
    pub(crate) const fn from_valid_segments(pp: u64, kk: u64, cc: u64, village: u64) -> Self {
        Self(pp * P10_8 + kk * P10_6 + cc * P10_4 + village)
    }

    /// The 10-digit packed number (`6402012001` for `64.02.01.2001`, `6402000000` for `64.02`).
    #[must_use]
    pub fn as_u64(self) -> u64 {
        self.0
    }

    /// Rebuilds a code from [`Kode::as_u64`]; `None` if the number is not a valid packed code.
    ///
    /// ```
    /// use kim_core::wilayah::Kode;
    /// let kukar = Kode::parse("64.02")?;
    /// assert_eq!(kukar.as_u64(), 6_402_000_000);
    /// assert_eq!(Kode::from_u64(6_402_000_000), Some(kukar));
    /// assert_eq!(Kode::from_u64(6_400_000_001), None); // a village under no kab/kota
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn from_u64(n: u64) -> Option<Self> {
        if n >= 100 * P10_8 {
            return None;
        }
        let k = Self(n);
        let digits = format!("{n:010}");
        let len = match k.level() {
            Level::Provinsi => 2,
            Level::KabKota => 4,
            Level::Kecamatan => 6,
            Level::Desa => 10,
        };
        Self::parse_bytes(&digits.as_bytes()[..len])
            .ok()
            .filter(|p| *p == k)
    }

    fn segments(self) -> (u64, u64, u64, u64) {
        let n = self.0;
        (n / P10_8, (n / P10_6) % 100, (n / P10_4) % 100, n % P10_4)
    }

    /// The level, derived from which segments are present.
    #[must_use]
    pub fn level(self) -> Level {
        let (_, kk, c, v) = self.segments();
        if v != 0 {
            Level::Desa
        } else if c != 0 {
            Level::Kecamatan
        } else if kk != 0 {
            Level::KabKota
        } else {
            Level::Provinsi
        }
    }

    /// The parent code, or `None` for a province.
    ///
    /// ```
    /// use kim_core::wilayah::Kode;
    /// let perian = Kode::parse("64.02.01.2001")?;
    /// assert_eq!(perian.parent(), Some(Kode::parse("64.02.01")?)); // kecamatan Muara Muntai
    /// assert_eq!(Kode::parse("64")?.parent(), None);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn parent(self) -> Option<Kode> {
        match self.level() {
            Level::Provinsi => None,
            Level::KabKota => Some(Self(self.0 - self.0 % P10_8)),
            Level::Kecamatan => Some(Self(self.0 - self.0 % P10_6)),
            Level::Desa => Some(Self(self.0 - self.0 % P10_4)),
        }
    }

    /// This code cut to `level`, or `None` if it is broader than `level`.
    ///
    /// ```
    /// let k = kim_core::wilayah::Kode::parse("64.02.01.2001")?;
    /// assert_eq!(k.ancestor(kim_core::wilayah::Level::KabKota).unwrap().to_string(), "64.02");
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn ancestor(self, level: Level) -> Option<Kode> {
        if level > self.level() {
            return None;
        }
        Some(match level {
            Level::Provinsi => Self(self.0 - self.0 % P10_8),
            Level::KabKota => Self(self.0 - self.0 % P10_6),
            Level::Kecamatan => Self(self.0 - self.0 % P10_4),
            Level::Desa => self,
        })
    }

    /// True if `other` is this unit or lies inside it.
    ///
    /// ```
    /// use kim_core::wilayah::Kode;
    /// let kukar = Kode::parse("64.02")?;
    /// assert!(kukar.contains(Kode::parse("64.02.01.2001")?) && kukar.contains(kukar));
    /// assert!(!kukar.contains(Kode::parse("64.03.01.2001")?)); // Berau
    /// assert!(!kukar.contains(Kode::parse("64")?));             // not upwards
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn contains(self, other: Kode) -> bool {
        other.ancestor(self.level()) == Some(self)
    }

    /// Kabupaten or kota, for codes at kab/kota level or below.
    ///
    /// ```
    /// use kim_core::wilayah::{KabKotaKind, Kode};
    /// assert_eq!(Kode::parse("64.02.01")?.kab_kota_kind(), Some(KabKotaKind::Kabupaten)); // KK 01–69
    /// assert_eq!(Kode::parse("64.72")?.kab_kota_kind(), Some(KabKotaKind::Kota));         // Samarinda, KK 71–99
    /// assert_eq!(Kode::parse("64")?.kab_kota_kind(), None);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn kab_kota_kind(self) -> Option<KabKotaKind> {
        let (_, kk, _, _) = self.segments();
        match kk {
            0 => None,
            1..=69 => Some(KabKotaKind::Kabupaten),
            _ => Some(KabKotaKind::Kota),
        }
    }

    /// The village kind, for village codes.
    #[must_use]
    pub fn village_kind(self) -> Option<VillageKind> {
        match self.segments().3 / 1000 {
            1 => Some(VillageKind::Kelurahan),
            2 => Some(VillageKind::Desa),
            3 => Some(VillageKind::DesaAdat),
            _ => None,
        }
    }

    /// The undotted digits: 2, 4, 6 or 10 of them.
    ///
    /// ```
    /// use kim_core::wilayah::Kode;
    /// assert_eq!(Kode::parse("64.02.01.2001")?.digits(), "6402012001");
    /// assert_eq!(Kode::parse("6402")?.digits(), "6402");
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn digits(self) -> String {
        let s = format!("{:010}", self.0);
        let len = match self.level() {
            Level::Provinsi => 2,
            Level::KabKota => 4,
            Level::Kecamatan => 6,
            Level::Desa => 10,
        };
        s[..len].to_owned()
    }
}

impl fmt::Display for Kode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.dotted().as_str())
    }
}

/// A code in its dotted form, held inline (no allocation): see [`Kode::dotted`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct DottedKode {
    buf: [u8; 13],
    len: u8,
}

impl DottedKode {
    /// The dotted code, e.g. `64.02.01.2001`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only ASCII digits and dots are ever written.
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl AsRef<str> for DottedKode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for DottedKode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Kode {
    /// The dotted form (`64.02.01.2001`) without allocating: what `Display` writes, for callers that write many
    /// codes (table exports).
    ///
    /// ```
    /// use kim_core::wilayah::Kode;
    /// assert_eq!(Kode::parse("6402012001")?.dotted().as_str(), "64.02.01.2001");
    /// assert_eq!(Kode::parse("64.02")?.dotted().as_str(), "64.02");
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[allow(clippy::cast_possible_truncation)] // each digit is < 10
    #[must_use]
    pub fn dotted(self) -> DottedKode {
        let (p, kk, c, v) = self.segments();
        let mut out = DottedKode {
            buf: [0; 13],
            len: 0,
        };
        let mut put = |n: u64, width: u32| {
            if out.len > 0 {
                out.buf[usize::from(out.len)] = b'.';
                out.len += 1;
            }
            for k in (0..width).rev() {
                out.buf[usize::from(out.len)] = b'0' + (n / 10u64.pow(k) % 10) as u8;
                out.len += 1;
            }
        };
        put(p, 2);
        let level = self.level();
        if level >= Level::KabKota {
            put(kk, 2);
        }
        if level >= Level::Kecamatan {
            put(c, 2);
        }
        if level == Level::Desa {
            put(v, 4);
        }
        out
    }
}

impl fmt::Debug for Kode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kode({self})")
    }
}

impl FromStr for Kode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl Serialize for Kode {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Kode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Kode::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_forms_and_errors() {
        for (s, lvl) in [
            ("64", Level::Provinsi),
            ("64.02", Level::KabKota),
            ("6402", Level::KabKota),
            ("64.02.01", Level::Kecamatan),
            ("640201", Level::Kecamatan),
            ("64.02.01.2001", Level::Desa),
            ("6402012001", Level::Desa),
        ] {
            assert_eq!(Kode::parse(s).unwrap().level(), lvl, "{s}");
        }
        let e = |s: &str| match Kode::parse(s) {
            Err(Error::InvalidCode { byte, problem, .. }) => (byte, problem),
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(e(""), (0, CodeProblem::Empty));
        assert_eq!(e("64.0"), (4, CodeProblem::BadLength));
        assert_eq!(e("64.02.99.9999"), (9, CodeProblem::VillageKind));
        assert_eq!(e("64.00"), (3, CodeProblem::ZeroSegment));
        assert_eq!(e("64x02"), (2, CodeProblem::UnexpectedByte));
        assert_eq!(e("64.02.01.2001.1"), (13, CodeProblem::BadLength));
        assert_eq!(e("640201200"), (9, CodeProblem::BadLength));
        assert_eq!(e(" 64"), (0, CodeProblem::UnexpectedByte));
        assert_eq!(e("64.02.01.200"), (12, CodeProblem::BadLength));
    }

    #[test]
    fn kinds() {
        assert_eq!(
            Kode::parse("35.78").unwrap().kab_kota_kind(),
            Some(KabKotaKind::Kota)
        );
        assert_eq!(
            Kode::parse("35.69").unwrap().kab_kota_kind(),
            Some(KabKotaKind::Kabupaten)
        );
        assert_eq!(
            Kode::parse("91.03.01.3001").unwrap().village_kind(),
            Some(VillageKind::DesaAdat)
        );
        assert_eq!(
            Kode::parse("35.78.01.1001").unwrap().village_kind(),
            Some(VillageKind::Kelurahan)
        );
        assert!(
            Kode::parse("64")
                .unwrap()
                .contains(Kode::parse("64.02.01.2001").unwrap())
        );
        assert!(
            !Kode::parse("64.03")
                .unwrap()
                .contains(Kode::parse("64.02.01.2001").unwrap())
        );
    }

    #[test]
    fn from_u64_round_trip() {
        for s in ["11", "11.01", "11.01.01", "11.01.01.2001", "91.03.01.3001"] {
            let k = Kode::parse(s).unwrap();
            assert_eq!(Kode::from_u64(k.as_u64()), Some(k));
        }
        assert_eq!(Kode::from_u64(0), None);
        assert_eq!(Kode::from_u64(6_400_000_001), None);
    }
}
