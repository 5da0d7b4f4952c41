//! Statistics for comparing pipelines honestly: intervals, pass@k / pass^k, paired tests.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The z value of a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Wilson score interval of a proportion `k / n` (95% with `z = Z95`); `(0, 1)` when `n == 0`.
pub fn wilson(k: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let n_f = n as f64;
    let p = k as f64 / n_f;
    let z2 = z * z;
    let denom = 1.0 + z2 / n_f;
    let centre = (p + z2 / (2.0 * n_f)) / denom;
    let half = z * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// `n choose k` as a float (exact for the sizes trials have).
pub fn choose(n: u64, k: u64) -> f64 {
    if k > n {
        return 0.0;
    }
    let k = k.min(n - k);
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// pass@k: the chance that at least one of `k` trials drawn from `n` (with `c` successes)
/// succeeds, the unbiased estimator `1 - C(n-c, k) / C(n, k)`.
pub fn pass_at_k(n: u64, c: u64, k: u64) -> Option<f64> {
    (k >= 1 && k <= n && c <= n).then(|| 1.0 - choose(n - c, k) / choose(n, k))
}

/// pass^k: the chance that all of `k` trials drawn from `n` (with `c` successes) succeed,
/// `C(c, k) / C(n, k)` (reliability across repeated attempts).
pub fn pass_hat_k(n: u64, c: u64, k: u64) -> Option<f64> {
    (k >= 1 && k <= n && c <= n).then(|| choose(c, k) / choose(n, k))
}

/// Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26 erf, |error| < 1.5e-7).
pub fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs() / std::f64::consts::SQRT_2);
    let poly =
        t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-(x * x) / 2.0).exp();
    if x >= 0.0 { 0.5 * (1.0 + erf) } else { 0.5 * (1.0 - erf) }
}

/// McNemar's test on paired successes: `b` pairs where only A succeeded, `c` where only B
/// did. Exact two-sided binomial p-value when `b + c < 25`, else the continuity-corrected
/// chi-square. Returns (statistic, p-value); the statistic is `min(b, c)` for the exact test.
pub fn mcnemar(b: u64, c: u64) -> (f64, f64) {
    let n = b + c;
    if n == 0 {
        return (0.0, 1.0);
    }
    if n < 25 {
        let k = b.min(c);
        let tail: f64 = (0..=k).map(|i| choose(n, i)).sum::<f64>() / 2f64.powi(n as i32);
        return (k as f64, (2.0 * tail).min(1.0));
    }
    let diff = (b as f64 - c as f64).abs() - 1.0;
    let chi2 = diff.max(0.0).powi(2) / n as f64;
    (chi2, 2.0 * (1.0 - normal_cdf(chi2.sqrt())))
}

/// Percentile bootstrap 95% interval of the mean of `values` (seeded, so reports repeat).
pub fn bootstrap_mean_ci(values: &[f64], iterations: usize, seed: u64) -> Option<(f64, f64)> {
    if values.is_empty() {
        return None;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = values.len();
    let mut means: Vec<f64> = (0..iterations.max(1))
        .map(|_| (0..n).map(|_| values[rng.random_range(0..n)]).sum::<f64>() / n as f64)
        .collect();
    means.sort_by(f64::total_cmp);
    Some((quantile_sorted(&means, 0.025), quantile_sorted(&means, 0.975)))
}

/// Quantile `q` of sorted values with linear interpolation (numpy's default).
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Quantile `q` of unsorted values.
pub fn quantile(values: &[f64], q: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    quantile_sorted(&v, q)
}

/// Mean of values (`NaN` when empty).
pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn wilson_matches_hand_computed_values() {
        // 8 of 10: centre (0.8 + 0.19207)/1.38415 = 0.71672; half 1.96*sqrt(0.016+0.009604)/1.38415 = 0.22658
        let (lo, hi) = wilson(8, 10, Z95);
        assert!(close(lo, 0.49016, 1e-4) && close(hi, 0.94331, 1e-4), "{lo} {hi}");
        // 0 of 5: lower bound 0, upper z^2/(n+z^2) = 3.8415/8.8415 = 0.43449
        let (lo, hi) = wilson(0, 5, Z95);
        assert!(lo == 0.0 && close(hi, 0.43449, 1e-4), "{lo} {hi}");
        assert_eq!(wilson(0, 0, Z95), (0.0, 1.0));
    }

    #[test]
    fn pass_k_matches_hand_computed_values() {
        // n=5 trials, c=3 successes.
        // pass@1 = 3/5; pass@2 = 1 - C(2,2)/C(5,2) = 1 - 1/10 = 0.9; pass@3 = 1 - 0/10 = 1.
        assert!(close(pass_at_k(5, 3, 1).unwrap(), 0.6, 1e-12));
        assert!(close(pass_at_k(5, 3, 2).unwrap(), 0.9, 1e-12));
        assert!(close(pass_at_k(5, 3, 3).unwrap(), 1.0, 1e-12));
        // pass^1 = 3/5; pass^2 = C(3,2)/C(5,2) = 3/10; pass^3 = 1/10; pass^4 = 0.
        assert!(close(pass_hat_k(5, 3, 1).unwrap(), 0.6, 1e-12));
        assert!(close(pass_hat_k(5, 3, 2).unwrap(), 0.3, 1e-12));
        assert!(close(pass_hat_k(5, 3, 3).unwrap(), 0.1, 1e-12));
        assert_eq!(pass_hat_k(5, 3, 4), Some(0.0));
        assert_eq!(pass_at_k(3, 1, 4), None);
    }

    #[test]
    fn mcnemar_matches_hand_computed_values() {
        // Exact: b=1, c=9, n=10: P(X<=1) = (1 + 10)/1024; two-sided 22/1024 = 0.021484375.
        let (s, p) = mcnemar(1, 9);
        assert_eq!(s, 1.0);
        assert!(close(p, 0.021_484_375, 1e-12), "{p}");
        // Chi-square: b=10, c=25: (|10-25|-1)^2/35 = 196/35 = 5.6; p = erfc(sqrt(2.8)) = 0.0179605.
        let (chi2, p) = mcnemar(10, 25);
        assert!(close(chi2, 5.6, 1e-12));
        assert!(close(p, 0.017_960_5, 2e-6), "{p}");
        assert_eq!(mcnemar(0, 0), (0.0, 1.0));
        assert_eq!(mcnemar(4, 4).1, 1.0);
    }

    #[test]
    fn bootstrap_and_quantiles() {
        assert_eq!(quantile(&[3.0, 1.0, 2.0, 4.0], 0.5), 2.5);
        assert!(close(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.95), 4.8, 1e-12));
        let constant = bootstrap_mean_ci(&[2.0; 20], 500, 1).unwrap();
        assert_eq!(constant, (2.0, 2.0));
        let v: Vec<f64> = (0..40).map(|i| i as f64).collect();
        let (lo, hi) = bootstrap_mean_ci(&v, 2000, 7).unwrap();
        assert!(lo < 19.5 && hi > 19.5 && hi - lo < 12.0, "{lo} {hi}");
        assert_eq!(bootstrap_mean_ci(&v, 2000, 7), bootstrap_mean_ci(&v, 2000, 7), "seeded");
        assert!(close(normal_cdf(1.959_963_984_540_054), 0.975, 1e-6));
    }
}
