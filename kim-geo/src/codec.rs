//! Reads the embedded boundary files written by `scripts/gen_boundaries.py` (the layout is in that script's
//! docstring): varint-coded, delta-coded coordinates quantised to 10^-exponent degree.

use kim_core::wilayah::{Kode, Level};

use crate::{Boundary, LngLat, Polygon, Ring};

/// Why an embedded file could not be read: only a build from a corrupted checkout can hit this.
#[derive(Debug)]
pub(crate) struct Corrupt {
    pub(crate) at: usize,
    pub(crate) what: String,
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn fail<T>(&self, what: impl Into<String>) -> Result<T, Corrupt> {
        Err(Corrupt {
            at: self.at,
            what: what.into(),
        })
    }

    fn byte(&mut self) -> Result<u8, Corrupt> {
        let Some(&b) = self.data.get(self.at) else {
            return self.fail("unexpected end of data");
        };
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, Corrupt> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        self.fail("varint longer than 64 bits")
    }

    fn count(&mut self) -> Result<usize, Corrupt> {
        let n = self.varint()?;
        // Every counted item takes at least one byte, so a count above the bytes left is corrupt.
        match usize::try_from(n) {
            Ok(n) if n <= self.data.len() - self.at => Ok(n),
            _ => self.fail(format!("count {n} exceeds the data")),
        }
    }

    fn zigzag(&mut self) -> Result<i64, Corrupt> {
        let n = self.varint()?;
        #[allow(clippy::cast_possible_wrap)] // zigzag decoding: the shifted value fits in 63 bits
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    }

    fn text(&mut self) -> Result<&'a str, Corrupt> {
        let len = self.count()?;
        let bytes = &self.data[self.at..self.at + len];
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                self.at += len;
                Ok(s)
            }
            Err(e) => self.fail(format!("text is not UTF-8: {e}")),
        }
    }
}

const MAGIC: &[u8] = b"KIMGEO\x01";

/// Decodes one level's file: the boundaries in code order.
pub(crate) fn decode(data: &[u8], level: Level) -> Result<Vec<Boundary>, Corrupt> {
    let mut r = Reader { data, at: 0 };
    if !data.starts_with(MAGIC) {
        return r.fail("not a kim-geo boundary file");
    }
    r.at = MAGIC.len();
    let lv = r.byte()?;
    if lv != level as u8 {
        return r.fail(format!("level {lv}, expected {}", level as u8));
    }
    let exponent = r.varint()?;
    let scale = match u32::try_from(exponent).ok().filter(|e| *e <= 9) {
        Some(e) => 10f64.powi(i32::try_from(e).unwrap_or(9)),
        None => return r.fail(format!("exponent {exponent}")),
    };
    #[allow(clippy::cast_precision_loss)] // quantised degrees are below 2^53
    let deg = |q: i64| q as f64 / scale;
    let n = r.count()?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let code_at = r.at;
        let code_text = r.text()?;
        let code = match Kode::parse(code_text) {
            Ok(k) if k.level() == level => k,
            _ => {
                return Err(Corrupt {
                    at: code_at,
                    what: format!("code {code_text:?} is not a {level} code"),
                });
            }
        };
        let name = r.text()?.to_owned();
        let (lat, lng) = (r.zigzag()?, r.zigzag()?);
        let (mut x, mut y) = (lng, lat);
        let n_poly = r.count()?;
        let mut polygons: Vec<Polygon> = Vec::with_capacity(n_poly);
        for _ in 0..n_poly {
            let n_rings = r.count()?;
            let mut rings: Vec<Ring> = Vec::with_capacity(n_rings);
            for _ in 0..n_rings {
                let n_pts = r.count()?;
                if n_pts < 3 {
                    return r.fail(format!("{code}: a ring of {n_pts} vertices"));
                }
                let mut ring: Ring = Vec::with_capacity(n_pts + 1);
                for _ in 0..n_pts {
                    x += r.zigzag()?;
                    y += r.zigzag()?;
                    ring.push([deg(x), deg(y)]);
                }
                ring.push(ring[0]);
                rings.push(ring);
            }
            polygons.push(rings);
        }
        out.push(Boundary {
            code,
            name,
            centroid: LngLat {
                lng: deg(lng),
                lat: deg(lat),
            },
            polygons,
        });
    }
    if r.at != data.len() {
        return r.fail("trailing bytes");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_truncated_and_foreign_data() {
        let good = include_bytes!("../data/provinsi.bin");
        assert!(decode(good, Level::Provinsi).is_ok());
        let e = decode(&good[..good.len() / 2], Level::Provinsi).unwrap_err();
        assert!(
            e.what.contains("end of data") || e.what.contains("exceeds"),
            "{e:?}"
        );
        assert_eq!(
            decode(b"not geo", Level::Provinsi).unwrap_err().what,
            "not a kim-geo boundary file"
        );
        assert!(
            decode(good, Level::KabKota)
                .unwrap_err()
                .what
                .starts_with("level 1")
        );
    }
}
