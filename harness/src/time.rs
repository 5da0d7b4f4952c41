//! Calendar text of Unix times, shared by the generated worlds' fixed clock and the mock's
//! episode clock. Imports nothing.

/// RFC 3339 UTC text of seconds since the epoch.
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Seconds since the epoch of an RFC 3339 UTC text `YYYY-MM-DDTHH:MM:SSZ` (as [`rfc3339`]
/// writes it); `None` when the text is shorter or not numeric where digits belong.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let n = |a: usize, b: usize| text.get(a..b).and_then(|s| s.parse::<i64>().ok());
    let (y, m, d) = (n(0, 4)?, n(5, 7)?, n(8, 10)?);
    let (hh, mm, ss) = (n(11, 13)?, n(14, 16)?, n(17, 19)?);
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3_600 + mm * 60 + ss)
}

/// The calendar date (`YYYY-MM-DD`, UTC) of seconds since the epoch.
pub fn date(secs: i64) -> String {
    rfc3339(secs)[..10].to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_matches_known_instants() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_795_176_000), "2026-11-20T12:00:00Z");
        assert_eq!(super::rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(super::rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn parsing_inverts_formatting() {
        for t in [
            0,
            1_795_176_000,
            951_782_400,
            1_795_176_000 - 400 * 86_400 + 12_345,
            -86_401,
        ] {
            assert_eq!(super::parse_rfc3339(&super::rfc3339(t)), Some(t));
        }
        assert_eq!(super::parse_rfc3339("nonsense"), None);
        assert_eq!(super::parse_rfc3339("2026-11-20"), None);
        assert_eq!(super::date(1_795_176_000), "2026-11-20");
    }
}
