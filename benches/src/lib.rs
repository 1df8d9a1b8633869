//! Synthetic data for the kim benchmarks.
