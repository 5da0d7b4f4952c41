//! Fault injection: latency, rate limits, server errors, small pages, oversized payloads.
//!
//! The `--faults` syntax is a comma-separated list of `key=value` fields, all optional:
//!
//! | field | example | meaning |
//! |---|---|---|
//! | `latency` | `50ms`, `50ms+-10ms`, `1s` | added delay per request: fixed part plus uniform jitter in `[-j, +j]` |
//! | `rate` | `10/1s`, `100/60s`, `5/500ms` | at most N requests per fixed window; the next gets 429 with `Retry-After` (every answer carries `X-RateLimit-Limit`/`-Remaining`) |
//! | `error` | `0.05`, `0.05:503` | probability of a server error instead of the real answer (status 500 unless given) |
//! | `page` | `5` | caps every list page at this many items, whatever the caller asks |
//! | `oversize` | `0.1`, `0.1:256k` | probability that a success body is padded with a large `x_padding` field (default 64k bytes) |
//! | `seed` | `7` | seed of the fault dice (default 0) |
//!
//! Durations take `us`, `ms`, `s` or `m`; sizes take `k` or `m` (KiB, MiB) or plain bytes.
//! Bounds: latency (fixed + jitter) at most 60 s per request, padding at most 64 MiB, a rate
//! of at least one request per window, each key once.
//! Each episode rolls its own dice from the same seed, so every episode sees the same
//! fault sequence for the same request sequence, whatever runs next to it. Rate-limit
//! windows count on the episode's virtual clock (see `server.rs`), never on wall-clock
//! time, and `Retry-After` is in virtual seconds: a replayed agent meets the same 429s.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// Fault settings of a run (see the module docs for the text syntax).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Fixed added latency.
    pub latency: Duration,
    /// Uniform jitter around `latency` (`+-`).
    pub jitter: Duration,
    /// `(requests, window)`: the request after `requests` within one window gets 429.
    pub rate: Option<(u32, Duration)>,
    /// Probability of a server error.
    pub error_rate: f64,
    /// Status of injected server errors.
    pub error_status: u16,
    /// Largest page any list returns.
    pub page_cap: Option<usize>,
    /// Probability of padding a success body.
    pub oversize_rate: f64,
    /// Bytes of padding added to oversized bodies.
    pub oversize_bytes: usize,
    /// Seed of the fault dice.
    pub seed: u64,
}

/// A `--faults` text that cannot be used, naming the field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultsError {
    /// The field (`latency`, `rate`...), or the raw item when it has no `=`.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FaultsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--faults field {:?}: {}", self.field, self.message)
    }
}

impl std::error::Error for FaultsError {}

fn err(field: &str, message: impl Into<String>) -> FaultsError {
    FaultsError {
        field: field.to_string(),
        message: message.into(),
    }
}

/// Parses `50ms`, `1.5s`, `200us`, `1m`.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let secs = match unit {
        "us" => n / 1e6,
        "ms" => n / 1e3,
        "s" => n,
        "m" => n * 60.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(secs).ok()
}

fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim().to_ascii_lowercase();
    let (num, mult) = match s.strip_suffix('k') {
        Some(n) => (n, 1024),
        None => match s.strip_suffix('m') {
            Some(n) => (n, 1024 * 1024),
            None => (s.as_str(), 1),
        },
    };
    num.parse::<usize>().ok().and_then(|n| n.checked_mul(mult))
}

/// The most padding an oversized body gets (64 MiB): one request must not exhaust memory.
pub const MAX_OVERSIZE_BYTES: usize = 64 * 1024 * 1024;

/// The most injected latency (fixed + jitter) per request, on the virtual clock.
pub const MAX_LATENCY: Duration = Duration::from_secs(60);

fn parse_probability(field: &str, s: &str) -> Result<f64, FaultsError> {
    let p: f64 = s.parse().map_err(|_| {
        err(
            field,
            format!("{s:?} is not a probability (expected a number such as 0.05)"),
        )
    })?;
    if !(0.0..=1.0).contains(&p) {
        return Err(err(field, format!("probability {p} is outside 0..1")));
    }
    Ok(p)
}

impl FromStr for Faults {
    type Err = FaultsError;

    fn from_str(text: &str) -> Result<Self, FaultsError> {
        let mut f = Faults {
            error_status: 500,
            oversize_bytes: 64 * 1024,
            ..Faults::default()
        };
        let mut seen = std::collections::HashSet::new();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let Some((key, value)) = item.split_once('=') else {
                return Err(err(
                    item,
                    "expected key=value (keys: latency, rate, error, page, oversize, seed)",
                ));
            };
            let (key, value) = (key.trim(), value.trim());
            if !seen.insert(key.to_string()) {
                return Err(err(key, "given twice: give each fault once"));
            }
            match key {
                "latency" => {
                    let (fixed, jitter) = match value.split_once("+-").or_else(|| value.split_once('±')) {
                        Some((a, b)) => (a, Some(b)),
                        None => (value, None),
                    };
                    let bad = |s: &str| err(key, format!("{s:?} is not a duration (expected e.g. 50ms, 1s, 200us)"));
                    f.latency = parse_duration(fixed).ok_or_else(|| bad(fixed))?;
                    if let Some(j) = jitter {
                        f.jitter = parse_duration(j).ok_or_else(|| bad(j))?;
                    }
                    if f.latency.saturating_add(f.jitter) > MAX_LATENCY {
                        return Err(err(
                            key,
                            format!(
                                "{value:?}: at most {}s per request, jitter included",
                                MAX_LATENCY.as_secs()
                            ),
                        ));
                    }
                }
                "rate" => {
                    let (n, window) = value
                        .split_once('/')
                        .ok_or_else(|| err(key, format!("{value:?}: expected N/WINDOW, e.g. 10/1s")))?;
                    let n: u32 = n
                        .trim()
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| err(key, format!("{n:?} is not a positive whole number of requests")))?;
                    let window = parse_duration(window)
                        .filter(|d| !d.is_zero())
                        .ok_or_else(|| err(key, format!("{window:?} is not a positive duration (e.g. 1s, 500ms)")))?;
                    f.rate = Some((n, window));
                }
                "error" => {
                    let (p, status) = match value.split_once(':') {
                        Some((p, s)) => (p, Some(s)),
                        None => (value, None),
                    };
                    f.error_rate = parse_probability(key, p)?;
                    if let Some(s) = status {
                        f.error_status = s
                            .parse::<u16>()
                            .ok()
                            .filter(|c| (500..600).contains(c))
                            .ok_or_else(|| err(key, format!("{s:?} is not a 5xx status code")))?;
                    }
                }
                "page" => {
                    let n: usize = value
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| err(key, format!("{value:?} is not a positive page size")))?;
                    f.page_cap = Some(n);
                }
                "oversize" => {
                    let (p, size) = match value.split_once(':') {
                        Some((p, s)) => (p, Some(s)),
                        None => (value, None),
                    };
                    f.oversize_rate = parse_probability(key, p)?;
                    if let Some(s) = size {
                        f.oversize_bytes = parse_size(s).filter(|b| *b <= MAX_OVERSIZE_BYTES).ok_or_else(|| {
                            err(key, format!("{s:?} is not a size of at most 64m (e.g. 65536, 64k, 1m)"))
                        })?;
                    }
                }
                "seed" => {
                    f.seed = value
                        .parse()
                        .map_err(|_| err(key, format!("{value:?} is not a whole number")))?;
                }
                other => {
                    return Err(err(
                        other,
                        "unknown field (known: latency, rate, error, page, oversize, seed)",
                    ));
                }
            }
        }
        Ok(f)
    }
}

/// What the faults decide for one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// Delay to add before answering.
    pub delay: Duration,
    /// `Some(seconds)`: answer 429 with this `Retry-After`.
    pub rate_limited: Option<u64>,
    /// `Some(status)`: answer with an injected server error.
    pub error: Option<u16>,
    /// Pad the success body.
    pub oversize: bool,
    /// `(limit, remaining)` of the current rate-limit window, when a rate is set.
    pub quota: Option<(u32, u32)>,
}

/// The per-episode dice and rate-limit window.
#[derive(Debug, Clone)]
pub struct FaultState {
    rng: ChaCha8Rng,
    window_start: Option<Duration>,
    window_count: u32,
}

impl FaultState {
    /// Fresh dice for one episode.
    pub fn new(faults: &Faults) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(faults.seed),
            window_start: None,
            window_count: 0,
        }
    }

    /// Rolls the dice for one request arriving at `now` (virtual time since the episode
    /// began). Three numbers are drawn per request whatever the outcome, so the sequence
    /// depends only on the seed and the request count.
    pub fn decide(&mut self, faults: &Faults, now: Duration) -> Decision {
        let jitter_roll: f64 = self.rng.random_range(-1.0..=1.0);
        let error_roll: f64 = self.rng.random();
        let oversize_roll: f64 = self.rng.random();
        let delay = {
            let base = faults.latency.as_secs_f64() + faults.jitter.as_secs_f64() * jitter_roll;
            Duration::try_from_secs_f64(base.max(0.0)).unwrap_or(Duration::MAX)
        };
        let mut rate_limited = None;
        let mut quota = None;
        if let Some((limit, window)) = faults.rate {
            let start = match self.window_start {
                Some(s) if now.saturating_sub(s) < window => s,
                _ => {
                    self.window_start = Some(now);
                    self.window_count = 0;
                    now
                }
            };
            if self.window_count >= limit {
                let left = window.saturating_sub(now.saturating_sub(start));
                rate_limited = Some(left.as_secs_f64().ceil().max(1.0) as u64);
            } else {
                self.window_count += 1;
            }
            quota = Some((limit, limit.saturating_sub(self.window_count)));
        }
        Decision {
            delay,
            error: (rate_limited.is_none() && error_roll < faults.error_rate).then_some(faults.error_status),
            rate_limited,
            oversize: oversize_roll < faults.oversize_rate,
            quota,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_field_and_names_bad_ones() {
        let f: Faults = "latency=50ms+-10ms,rate=10/1s,error=0.05:503,page=5,oversize=0.1:2k,seed=7"
            .parse()
            .expect("valid");
        assert_eq!(f.latency, Duration::from_millis(50));
        assert_eq!(f.jitter, Duration::from_millis(10));
        assert_eq!(f.rate, Some((10, Duration::from_secs(1))));
        assert_eq!((f.error_rate, f.error_status), (0.05, 503));
        assert_eq!(f.page_cap, Some(5));
        assert_eq!((f.oversize_rate, f.oversize_bytes), (0.1, 2048));
        assert_eq!(f.seed, 7);
        assert_eq!("".parse::<Faults>().map(|f| f.rate), Ok(None));
        for (text, field) in [
            ("latency=fast", "latency"),
            ("rate=10", "rate"),
            ("rate=x/1s", "rate"),
            ("error=2", "error"),
            ("error=0.1:404", "error"),
            ("page=0", "page"),
            ("oversize=0.1:big", "oversize"),
            ("latency=99999999999999999999999s", "latency"),
            ("latency=61s", "latency"),
            ("latency=50s+-20s", "latency"),
            ("rate=0/1s", "rate"),
            ("oversize=1:999999999999k", "oversize"),
            ("oversize=1:65m", "oversize"),
            ("page=5,page=6", "page"),
            ("colour=red", "colour"),
            ("seed", "seed"),
        ] {
            let e = text.parse::<Faults>().expect_err(text);
            assert_eq!(e.field, field, "{text}: {e}");
        }
    }

    #[test]
    fn rate_limit_trips_after_exactly_n_and_dice_repeat() {
        let f: Faults = "rate=3/10s,error=0.5,seed=1".parse().expect("valid");
        let mut a = FaultState::new(&f);
        let now = Duration::from_secs(5);
        let limited: Vec<bool> = (0..5).map(|_| a.decide(&f, now).rate_limited.is_some()).collect();
        assert_eq!(limited, [false, false, false, true, true]);
        assert_eq!(a.decide(&f, now).quota, Some((3, 0)));
        assert_eq!(a.decide(&f, now + Duration::from_millis(2500)).rate_limited, Some(8));
        let later = now + Duration::from_secs(10);
        assert!(a.decide(&f, later).rate_limited.is_none());
        let g: Faults = "error=0.5,seed=1".parse().expect("valid");
        let rolls = |seed_state: &mut FaultState| (0..20).map(|_| seed_state.decide(&g, now).error).collect::<Vec<_>>();
        assert_eq!(rolls(&mut FaultState::new(&g)), rolls(&mut FaultState::new(&g)));
    }
}
