//! Lookup structures over the pre-order code sequence of a [`Reference`](super::Reference): code → position, and
//! the end of each unit's subtree.

use super::Kode;
use super::kode::P10_4;

/// Code → position, open addressing with linear probing, 8 bytes a slot (1 MB for the national list at load
/// factor 0.7). Keys are codes packed into 32 bits; the key 0 marks an empty slot (no code packs to 0).
pub(super) struct PositionTable {
    slots: Vec<(u32, u32)>,
    shift: u32,
}

impl PositionTable {
    const MUL: u32 = 0x9E37_79B1;

    /// `PPKKCC * 4000 + XNNN`: injective because `XNNN < 4000`, and below 2^32 because `PPKKCC ≤ 999,999`.
    #[allow(clippy::cast_possible_truncation)] // bounded as documented
    fn key(k: Kode) -> u32 {
        ((k.as_u64() / P10_4) * 4000 + k.as_u64() % P10_4) as u32
    }

    #[allow(clippy::cast_possible_truncation)] // positions fit in u32, see `Reference::build`
    pub(super) fn build(codes: &[Kode]) -> Self {
        let bits = ((codes.len().max(1) * 10).div_ceil(7))
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut slots = vec![(0u32, 0u32); 1 << bits];
        let shift = 32 - bits;
        let mask = slots.len() - 1;
        for (i, k) in codes.iter().enumerate() {
            let key = Self::key(*k);
            let mut h = (key.wrapping_mul(Self::MUL) >> shift) as usize;
            while slots[h].0 != 0 {
                h = (h + 1) & mask;
            }
            slots[h] = (key, i as u32);
        }
        Self { slots, shift }
    }

    pub(super) fn get(&self, k: Kode) -> Option<usize> {
        let key = Self::key(k);
        let mask = self.slots.len() - 1;
        let mut h = (key.wrapping_mul(Self::MUL) >> self.shift) as usize;
        loop {
            let (stored, pos) = self.slots[h];
            if stored == key {
                return Some(pos as usize);
            }
            if stored == 0 {
                return None;
            }
            h = (h + 1) & mask;
        }
    }
}

/// Exclusive end of each unit's subtree, by a stack walk over the pre-order sequence.
#[allow(clippy::cast_possible_truncation)] // see `Reference::build`
pub(super) fn subtree_ends(codes: &[Kode]) -> Vec<u32> {
    let n = codes.len();
    let mut end = vec![0u32; n];
    let mut stack: Vec<usize> = Vec::with_capacity(4);
    for (i, k) in codes.iter().enumerate() {
        while let Some(&top) = stack.last() {
            if codes[top].contains(*k) {
                break;
            }
            end[top] = i as u32;
            stack.pop();
        }
        stack.push(i);
    }
    for top in stack {
        end[top] = n as u32;
    }
    end
}
