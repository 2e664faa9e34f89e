//! A report's date: written `YYYY-MM-DD`, given by the caller (the command line takes
//! `--date`, else `SOURCE_DATE_EPOCH`, else the system clock's UTC day).

use crate::error::{t, Error, ErrorKind};

/// The messages of dating a report.
pub(crate) mod msg {
    crate::error::messages! {
        DATE = "date \"{0}\": expected a date written YYYY-MM-DD, such as 2026-12-01", "日期 \"{0}\"：应写作 YYYY-MM-DD，如 2026-12-01";
        EPOCH = "SOURCE_DATE_EPOCH \"{0}\": expected whole seconds since 1970-01-01 00:00 UTC, such as 1764547200", "SOURCE_DATE_EPOCH \"{0}\"：应为自 1970-01-01 00:00 UTC 起的整秒数，如 1764547200";
    }
}

/// The days from 1970-01-01 to a civil date (proleptic Gregorian), and back
/// (H. Hinnant's algorithms), exact in `i64` for every year a report can name.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    // d is 1..=31 and m 1..=12 by construction.
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

/// The UTC date of a moment given in seconds since 1970-01-01 00:00 UTC, written
/// `YYYY-MM-DD`; `None` outside the years 0 to 9999.
///
/// ```
/// assert_eq!(duibiao::report::utc_date(0).as_deref(), Some("1970-01-01"));
/// assert_eq!(duibiao::report::utc_date(1_764_633_599).as_deref(), Some("2025-12-01"));
/// assert_eq!(duibiao::report::utc_date(-1).as_deref(), Some("1969-12-31"));
/// ```
pub fn utc_date(unix_seconds: i64) -> Option<String> {
    let (y, m, d) = civil_from_days(unix_seconds.div_euclid(86_400));
    (0..=9999)
        .contains(&y)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The date of `SOURCE_DATE_EPOCH` (whole seconds since 1970-01-01 00:00 UTC, as
/// reproducible builds set it).
///
/// # Errors
///
/// When the text is not whole seconds of a year from 0 to 9999.
pub fn date_of_epoch(text: &str) -> Result<String, Error> {
    text.trim()
        .parse::<i64>()
        .ok()
        .and_then(utc_date)
        .ok_or_else(|| {
            Error::of(
                ErrorKind::Syntax,
                t!(msg::EPOCH, crate::number::truncate(text)),
            )
        })
}

/// Checks a date written `YYYY-MM-DD` (a real day of the Gregorian calendar) and returns it.
///
/// ```
/// assert_eq!(duibiao::report::date_text("2026-02-28")?, "2026-02-28");
/// assert!(duibiao::report::date_text("2026-02-29").is_err());
/// assert!(duibiao::report::date_text("2026-2-1").is_err());
/// # Ok::<(), duibiao::Error>(())
/// ```
///
/// # Errors
///
/// When the text is not such a date.
pub fn date_text(text: &str) -> Result<String, Error> {
    let fault = || {
        Error::of(
            ErrorKind::Syntax,
            t!(msg::DATE, crate::number::truncate(text)),
        )
    };
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .and_then(|_| text.get(r))
            .and_then(|d| d.parse::<u32>().ok())
    };
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(fault());
    }
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(fault());
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(fault()),
    };
    if d == 0 || d > days {
        return Err(fault());
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every day from 1900 to 2100 turns into the next date, and back: the day count and the
    /// calendar agree.
    #[test]
    fn days_and_dates_agree() {
        let start = -25_567; // 1900-01-01
        let mut last = utc_date(start * 86_400 - 1).unwrap();
        assert_eq!(last, "1899-12-31");
        for day in start..start + 73_049 {
            let d = utc_date(day * 86_400).unwrap();
            assert!(d > last, "{d} after {last}");
            assert_eq!(date_text(&d).unwrap(), d);
            assert_eq!(utc_date(day * 86_400 + 86_399).unwrap(), d);
            last = d;
        }
        assert_eq!(last, "2099-12-31");
    }
}
