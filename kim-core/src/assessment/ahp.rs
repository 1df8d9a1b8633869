//! AHP weights from a pairwise comparison matrix (Saaty): the principal eigenvector, λmax, CI and CR
//! (docs/domain.md §12, rule SC3).
//!
//! The matrix must be square (1 to 10 rows), with 1 on the diagonal, every entry on Saaty's scale `[1/9, 9]` and
//! reciprocal (`a[j][i] = 1 / a[i][j]`, to a relative 1e-6, so that `0.333` stands for `1/3`). The weights are the
//! principal (Perron) eigenvector, found by power iteration and normalised to sum to 1. `CI = (λmax − n)/(n − 1)`,
//! `CR = CI / RI[n]` with Saaty's random index `RI = 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49` for
//! `n = 1…10`; for `n ≤ 2` every reciprocal matrix is consistent and `CR = 0`.

use serde::{Deserialize, Serialize};

use crate::privacy::mask_text;
use crate::{Error, Result};

/// Saaty's random consistency index for `n = 1…10` (index `n − 1`).
pub const RANDOM_INDEX: [f64; 10] = [0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

/// The default CR at or above which a matrix is rejected.
pub const DEFAULT_MAX_CR: f64 = 0.10;

/// Relative tolerance of the reciprocity check.
const RECIPROCITY_TOLERANCE: f64 = 1e-6;

/// The result of an AHP computation.
///
/// ```
/// use kim_core::assessment::{Ahp, DEFAULT_MAX_CR};
/// let a = Ahp::compute(&[vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]])?;
/// assert!((a.weights[0] - 0.75).abs() < 1e-9 && a.cr == 0.0); // n = 2 is always consistent
/// // A cycle (a ≫ b ≫ c ≫ a) is well-formed but inconsistent: CR far above 0.10.
/// let cycle = vec![vec![1.0, 9.0, 1.0 / 9.0], vec![1.0 / 9.0, 1.0, 9.0], vec![9.0, 1.0 / 9.0, 1.0]];
/// let a = Ahp::compute(&cycle)?;
/// assert!(a.cr > 1.0 && a.check(DEFAULT_MAX_CR, "weights.ahp").is_err());
/// assert!(Ahp::compute(&[vec![1.0, 3.0], vec![3.0, 1.0]]).is_err()); // not reciprocal
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Ahp {
    /// The weights (principal eigenvector, summing to 1), in row order.
    pub weights: Vec<f64>,
    /// The principal eigenvalue.
    pub lambda_max: f64,
    /// Consistency index, `(λmax − n)/(n − 1)` (0 for `n ≤ 1`).
    pub ci: f64,
    /// Random index used, `RI[n]`.
    pub ri: f64,
    /// Consistency ratio, `CI / RI` (0 when `RI` is 0).
    pub cr: f64,
}

impl Ahp {
    /// Computes weights, λmax, CI and CR, after checking the matrix's shape, scale and reciprocity. Does not judge
    /// consistency: see [`Ahp::check`] or [`ahp`].
    ///
    /// # Errors
    /// [`Error::JsonAt`] naming the entry (`matrix[2][0]`) that is not finite, off the scale, not reciprocal, or a
    /// diagonal entry that is not 1; or a matrix that is empty, not square or larger than 10.
    pub fn compute(matrix: &[Vec<f64>]) -> Result<Ahp> {
        check_matrix(matrix, "matrix")?;
        Ok(eigen(matrix))
    }

    /// `Ok` when `cr < max_cr`.
    ///
    /// # Errors
    /// [`Error::JsonAt`] at `path` saying the CR and the threshold when `cr ≥ max_cr`, or when `max_cr` is not a
    /// finite positive number.
    pub fn check(&self, max_cr: f64, path: &str) -> Result<()> {
        if !(max_cr.is_finite() && max_cr > 0.0) {
            return Err(at(
                path,
                format!("max_cr must be a finite number > 0, got {max_cr}"),
            ));
        }
        if self.cr >= max_cr {
            return Err(at(
                path,
                format!(
                    "inconsistent judgements (SC3): CR = {:.4} (lambda_max = {:.4}, CI = {:.4}, RI = {:.2}) is not below \
                     {max_cr}; revise the comparisons",
                    self.cr, self.lambda_max, self.ci, self.ri
                ),
            ));
        }
        Ok(())
    }
}

/// Computes AHP weights and rejects the matrix when `CR ≥ max_cr` (SC3; [`DEFAULT_MAX_CR`] is 0.10).
///
/// ```
/// use kim_core::assessment::ahp;
/// // A consistent matrix: weights 4:2:1.
/// let m = vec![vec![1.0, 2.0, 4.0], vec![0.5, 1.0, 2.0], vec![0.25, 0.5, 1.0]];
/// let a = ahp(&m, 0.10)?;
/// assert!((a.weights[0] - 4.0 / 7.0).abs() < 1e-9 && a.cr.abs() < 1e-9);
/// # Ok::<(), kim_core::Error>(())
/// ```
///
/// # Errors
/// As [`Ahp::compute`] and [`Ahp::check`].
pub fn ahp(matrix: &[Vec<f64>], max_cr: f64) -> Result<Ahp> {
    let a = Ahp::compute(matrix)?;
    a.check(max_cr, "matrix")?;
    Ok(a)
}

/// An error at `path`; paths and messages name KIM ids, which may be NIKs, so both are masked.
#[allow(clippy::needless_pass_by_value)] // callers build the message with format!
pub(crate) fn at(path: &str, message: String) -> Error {
    Error::JsonAt {
        path: mask_text(path),
        message: mask_text(&message),
    }
}

/// Checks shape, diagonal, scale and reciprocity; `path` prefixes every error path.
pub(crate) fn check_matrix(matrix: &[Vec<f64>], path: &str) -> Result<()> {
    let n = matrix.len();
    if n == 0 || n > RANDOM_INDEX.len() {
        return Err(at(
            path,
            format!(
                "a comparison matrix has 1 to 10 rows (Saaty's random index is given for n ≤ 10), got {n}"
            ),
        ));
    }
    for (i, row) in matrix.iter().enumerate() {
        if row.len() != n {
            return Err(at(
                &format!("{path}[{i}]"),
                format!(
                    "the matrix must be square: row has {} entries, expected {n}",
                    row.len()
                ),
            ));
        }
    }
    let lo = 1.0 / 9.0 - 1e-9;
    let hi = 9.0 + 1e-9;
    for (i, row) in matrix.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            let here = || format!("{path}[{i}][{j}]");
            if !v.is_finite() {
                return Err(at(&here(), format!("{v} is not a finite number")));
            }
            if i == j && (v - 1.0).abs() > 1e-9 {
                return Err(at(&here(), format!("a diagonal entry is 1, got {v}")));
            }
            if !(lo..=hi).contains(&v) {
                return Err(at(
                    &here(),
                    format!("{v} is off Saaty's scale: entries lie between 1/9 and 9"),
                ));
            }
            let back = matrix[j][i];
            if j > i && ((v * back) - 1.0).abs() > RECIPROCITY_TOLERANCE {
                return Err(at(
                    &format!("{path}[{j}][{i}]"),
                    format!(
                        "not reciprocal: expected 1/{v} = {:.6} (the entry [{i}][{j}] is {v}), got {back}",
                        1.0 / v
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Principal eigenvector by power iteration (a positive matrix: Perron–Frobenius guarantees convergence).
fn eigen(matrix: &[Vec<f64>]) -> Ahp {
    let n = matrix.len();
    #[allow(clippy::cast_precision_loss)] // n ≤ 10
    let nf = n as f64;
    let mut w = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..10_000 {
        for (i, row) in matrix.iter().enumerate() {
            next[i] = row.iter().zip(&w).map(|(a, x)| a * x).sum();
        }
        let s: f64 = next.iter().sum();
        let mut delta = 0.0_f64;
        for (x, y) in w.iter_mut().zip(&next) {
            let y = y / s;
            delta = delta.max((*x - y).abs());
            *x = y;
        }
        if delta < 1e-15 {
            break;
        }
    }
    // With Σw = 1, λmax = Σ (A w)_i.
    let lambda_max: f64 = matrix
        .iter()
        .map(|row| row.iter().zip(&w).map(|(a, x)| a * x).sum::<f64>())
        .sum();
    let ci = if n > 1 {
        ((lambda_max - nf) / (nf - 1.0)).max(0.0)
    } else {
        0.0
    };
    let ri = RANDOM_INDEX[n - 1];
    let cr = if ri > 0.0 { ci / ri } else { 0.0 };
    Ahp {
        weights: w,
        lambda_max,
        ci,
        ri,
        cr,
    }
}
