//! Rounding as GB/T 8170-2008 (数值修约规则) prescribes, over exact decimals.
//!
//! A value is rounded to a **rounding interval** (修约间隔) k×10ⁿ with k ∈ {1, 2, 5}:
//! 10ⁿ is the usual "n decimals" or "to the tens", 5×10ⁿ is the standard's *0.5-unit rounding*
//! (double, round to the unit, halve) and 2×10ⁿ its *0.2-unit rounding* (×5, round, ÷5). The
//! result is a multiple of the interval and is written with the interval's precision: rounding
//! 60.25 to 0.5 gives `60.0`, not `60`.
//!
//! The rules of clause 3.2, applied to the part to be discarded:
//!
//! | discarded part | result (mode [`RoundingMode::HalfEven`]) |
//! |---|---|
//! | below half an interval | dropped (12.1498 → 12.1) |
//! | above half an interval | carried (10.5002 → 11) |
//! | exactly half | the kept digit made even (0.35 → 0.4, 2500 → 2×10³) |
//!
//! Negative values are rounded by magnitude and keep their sign (−355 → −360 at interval 10).
//! Values are **rounded once**, from the original value: 97.46 rounds to 97, never
//! 97.46 → 97.5 → 98 (clause 3.3). The API makes the correct thing the easy one: every function
//! takes the original value.
//!
//! A lab may report a value with one extra digit and a mark (clause 3.4): `16.5(+)` says the
//! true value was larger than 16.5, `15.5(−)` smaller. [`ReportedValue`] reads such values; when
//! they are rounded further, (+) carries and (−) drops where the discarded part is exactly 5.
//!
//! ```
//! use duibiao::rounding::{Interval, Rounding, RoundingMode};
//!
//! let to_half: Interval = "0.5".parse()?;
//! assert_eq!(to_half.round("60.25".parse()?)?.to_string(), "60.0");
//!
//! let up = Rounding::new("1".parse()?).mode(RoundingMode::Up); // 只进不舍
//! assert_eq!(up.round("12.01".parse::<rust_decimal::Decimal>()?)?.to_string(), "13");
//!
//! let marked: duibiao::ReportedValue = "16.5(+)".parse()?;
//! assert_eq!(Rounding::new("1".parse()?).round(marked)?.to_string(), "17");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{t, Error};
use crate::number::{exact, parse_decimal};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        INTERVAL = "expected k×10ⁿ with k = 1, 2 or 5 (such as 0.1, 0.5, 0.02, 1, 20, 100)",
            "应为 k×10ⁿ，k = 1、2 或 5（如 0.1、0.5、0.02、1、20、100）";
        INTERVAL_TOO_LARGE = "{0} is beyond the largest interval, 5×10²⁷ (twice an interval must fit in a decimal)",
            "{0} 超出最大的修约间隔 5×10²⁷（修约间隔的两倍须在小数的范围内）";
        NO_FIGURES = "expected at least one significant figure", "应至少保留一位有效数字";
        ZERO_FIGURES = "zero has no significant figures", "零没有有效数字";
        FIGURE_OF = "{0} significant figure of {1}", "{1} 的 {0} 位有效数字";
        FIGURES_OF = "{0} significant figures of {1}", "{1} 的 {0} 位有效数字";
        MODE = "expected \"half-even\", \"up\" or \"down\"", "应为 \"half-even\"、\"up\" 或 \"down\"";
        MARK_NOT_FIVE = "a (+) or (−) mark belongs only to a value whose last non-zero digit is 5",
            "(+) 或 (−) 标记只用于末位非零数字为 5 的数值";
        MARK_AFTER_NUMBER = "expected a mark \"(+)\" or \"(−)\" after the number", "数字之后应为标记 \"(+)\" 或 \"(−)\"";
        MARK_FOUND = "expected a mark \"(+)\" or \"(−)\", found \"({0})\"", "应为标记 \"(+)\" 或 \"(−)\"，却是 \"({0})\"";
        NUMBER_BEFORE_MARK = "expected a number before the mark", "标记之前应为数字";
        ROUNDING = "rounding {0} to interval {1}", "按修约间隔 {1} 修约 {0}";
    }
}

/// The largest power of ten an interval may have (twice the interval must still fit a decimal).
const MAX_EXPONENT: i32 = 27;
/// The smallest power of ten an interval may have: 28 decimals.
const MIN_EXPONENT: i32 = -28;

/// A rounding interval (修约间隔): k×10ⁿ with k ∈ {1, 2, 5} and −28 ≤ n ≤ 27.
///
/// Build it from text (`"0.1"`, `"0.5"`, `"20"`, `"100"`), from a [`Decimal`] with
/// [`Interval::new`], or with [`Interval::decimals`] / [`Interval::power_of_ten`]. Any other
/// value is refused: GB/T 8170 knows no interval of 3 or 0.25.
///
/// ```
/// use duibiao::rounding::Interval;
///
/// assert_eq!("0.20".parse::<Interval>()?, "0.2".parse()?); // trailing zeros do not matter
/// assert_eq!(Interval::decimals(2).to_string(), "0.01");
/// assert!("0.25".parse::<Interval>().is_err());
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Interval {
    /// 1, 2 or 5.
    k: u8,
    /// The power of ten.
    exp: i32,
}

impl Interval {
    /// The interval 1 (round to an integer).
    pub const ONE: Interval = Interval { k: 1, exp: 0 };

    /// Validates `value` as k×10ⁿ with k ∈ {1, 2, 5}.
    ///
    /// # Errors
    ///
    /// When `value` is zero, negative, or not of that form.
    pub fn new(value: Decimal) -> Result<Interval, Error> {
        Interval::checked(value, &value.to_string())
    }

    /// `value` as an interval, or the error that says why it is none; `text` is how it was
    /// written.
    fn checked(value: Decimal, text: &str) -> Result<Interval, Error> {
        if let Some(interval) = Interval::from_decimal(value) {
            return Ok(interval);
        }
        let detail = match Interval::form(value) {
            Some((k, exp)) if exp > MAX_EXPONENT => {
                t!(
                    msg::INTERVAL_TOO_LARGE,
                    format!("{k}×10{}", superscript(exp))
                )
            }
            _ => t!(msg::INTERVAL),
        };
        Err(Error::invalid("rounding interval", text, detail))
    }

    fn from_decimal(value: Decimal) -> Option<Interval> {
        let (k, exp) = Interval::form(value)?;
        (MIN_EXPONENT..=MAX_EXPONENT)
            .contains(&exp)
            .then_some(Interval { k, exp })
    }

    /// `value` as k×10ⁿ with k ∈ {1, 2, 5}, whatever n is.
    fn form(value: Decimal) -> Option<(u8, i32)> {
        if value <= Decimal::ZERO {
            return None;
        }
        let n = value.normalize();
        let mut mantissa = n.mantissa(); // value = mantissa × 10^-scale, mantissa has no trailing zeros only after we strip
        let mut exp = -(n.scale() as i32);
        while mantissa % 10 == 0 {
            mantissa /= 10;
            exp += 1;
        }
        let k = match mantissa {
            1 => 1,
            2 => 2,
            5 => 5,
            _ => return None,
        };
        Some((k, exp))
    }

    /// The interval 10⁻ⁿ: round to `n` decimals (negative `n` rounds to tens, hundreds …).
    /// `n` is clamped to −27 ..= 28.
    pub fn decimals(n: i32) -> Interval {
        Interval {
            k: 1,
            exp: n.saturating_neg().clamp(MIN_EXPONENT, MAX_EXPONENT),
        }
    }

    /// The interval 10ⁿ (`n` clamped to −28 ..= 27).
    pub fn power_of_ten(n: i32) -> Interval {
        Interval::decimals(n.saturating_neg())
    }

    /// The interval that keeps `figures` significant figures of `value`
    /// (8.53459 to three figures → interval 0.01 → 8.53).
    ///
    /// The interval is taken from the magnitude of the original value; rounding may then carry
    /// into a new leading digit (9.996 to three figures is `10.0`), which still shows three
    /// figures as GB/T 8170 writes them.
    ///
    /// # Errors
    ///
    /// When `value` is zero (it has no significant figures) or `figures` is zero; when the
    /// interval would be 10²⁸ (one figure of a value of 29 digits), beyond any interval.
    pub fn significant_figures(value: Decimal, figures: u32) -> Result<Interval, Error> {
        if figures == 0 {
            return Err(Error::invalid(
                "significant figures",
                "0",
                t!(msg::NO_FIGURES),
            ));
        }
        if value.is_zero() {
            return Err(Error::invalid(
                "value",
                &value.to_string(),
                t!(msg::ZERO_FIGURES),
            ));
        }
        // Position of the leading digit: value = 0.d… × 10^(digits - scale).
        // At most 29 digits and a scale of at most 28: these fit in i64 with room to spare.
        let digits = value.mantissa().unsigned_abs().to_string().len() as i64;
        let leading = digits - i64::from(value.scale()) - 1; // exponent of the leading digit
        let exp = leading - i64::from(figures) + 1;
        if exp > i64::from(MAX_EXPONENT) {
            let of = if figures == 1 {
                msg::FIGURE_OF
            } else {
                msg::FIGURES_OF
            };
            return Err(Error::overflow(t!(
                of,
                figures.to_string(),
                value.to_string()
            )));
        }
        // Below the smallest interval every digit is kept anyway.
        let exp = i32::try_from(exp.max(i64::from(MIN_EXPONENT))).unwrap_or(MIN_EXPONENT);
        Ok(Interval::power_of_ten(exp))
    }

    /// The multiplier k (1, 2 or 5).
    pub fn k(self) -> u8 {
        self.k
    }

    /// The power of ten n.
    pub fn exponent(self) -> i32 {
        self.exp
    }

    /// The interval as a decimal, written with its own precision (`0.5`, `20`, `0.01`).
    pub fn value(self) -> Decimal {
        scaled(self.k, self.exp)
    }

    /// How many decimals a value rounded to this interval is written with: 1 for 0.5 and 0.2,
    /// 2 for 0.01, 0 for 1, 20 and 100.
    pub fn decimal_places(self) -> u32 {
        (-self.exp).max(0) as u32
    }

    /// Rounds `value` with the standard's rule (round half to even, [`RoundingMode::HalfEven`]).
    ///
    /// # Errors
    ///
    /// Only when the result does not fit in a decimal (values near 7.9×10²⁸).
    pub fn round(self, value: Decimal) -> Result<Decimal, Error> {
        Rounding::new(self).round(value)
    }
}

impl Default for Interval {
    fn default() -> Self {
        Interval::ONE
    }
}

/// `n` in Unicode superscripts: `²⁸`, `⁻³`.
fn superscript(n: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut out = String::new();
    if n < 0 {
        out.push('⁻');
    }
    for d in n.unsigned_abs().to_string().bytes() {
        out.extend(DIGITS.get(usize::from(d.wrapping_sub(b'0'))));
    }
    out
}

/// `k` × 10^exp, exact, written with max(0, −exp) decimals. The exponent range of [`Interval`]
/// keeps it inside a decimal.
fn scaled(k: u8, exp: i32) -> Decimal {
    if exp >= 0 {
        Decimal::from_i128_with_scale(i128::from(k) * 10i128.pow(exp.unsigned_abs()), 0)
    } else {
        Decimal::from_i128_with_scale(i128::from(k), exp.unsigned_abs())
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value())
    }
}

impl FromStr for Interval {
    type Err = Error;

    fn from_str(s: &str) -> Result<Interval, Error> {
        let value = parse_decimal(s.trim(), "rounding interval")?;
        Interval::checked(value, s.trim())
    }
}

impl TryFrom<Decimal> for Interval {
    type Error = Error;

    fn try_from(value: Decimal) -> Result<Interval, Error> {
        Interval::new(value)
    }
}

impl Serialize for Interval {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Interval {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(crate::error::Error::into_serde)
    }
}

/// How the discarded part is treated.
///
/// The one-direction modes work on the magnitude, as GB/T 8170 defines them: rounding up
/// −12.01 to 1 gives −13.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RoundingMode {
    /// The standard's rule (GB/T 8170-2008 3.2): below half drops, above half carries, exactly
    /// half makes the kept digit even. 0.35 → 0.4, 0.45 → 0.4, 2.451 → 2.5 (interval 0.1).
    #[default]
    HalfEven,
    /// 只进不舍: any non-zero discarded part carries (away from zero). 12.01 → 13, −12.01 → −13.
    Up,
    /// 只舍不进: the discarded part is always dropped (toward zero). 12.99 → 12, −12.99 → −12.
    Down,
}

impl RoundingMode {
    /// The name used in files and on the command line: `half-even`, `up`, `down`.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundingMode::HalfEven => "half-even",
            RoundingMode::Up => "up",
            RoundingMode::Down => "down",
        }
    }
}

impl fmt::Display for RoundingMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RoundingMode {
    type Err = Error;

    fn from_str(s: &str) -> Result<RoundingMode, Error> {
        match s.trim() {
            "half-even" | "half_even" | "even" => Ok(RoundingMode::HalfEven),
            "up" | "只进不舍" => Ok(RoundingMode::Up),
            "down" | "只舍不进" => Ok(RoundingMode::Down),
            other => Err(Error::syntax("rounding mode", other, t!(msg::MODE))),
        }
    }
}

/// The mark a lab puts on a reported value whose last digit is a 5 (GB/T 8170-2008 3.4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    /// `(+)`: the true value was larger in magnitude than the reported one.
    Plus,
    /// `(−)`: the true value was smaller in magnitude than the reported one.
    Minus,
}

/// A value as a lab reports it, with an optional (+) or (−) mark: `16.5(+)`, `15.5(−)`, `17.5`.
///
/// The mark tells where the true value lay when a 5 was reported in the last place. Read with
/// `FromStr` (ASCII `-`, Unicode `−` and full-width `（＋）` are all accepted) and printed with
/// the Unicode minus: `15.5(−)`.
///
/// ```
/// use duibiao::rounding::{Mark, ReportedValue};
///
/// let v: ReportedValue = "15.5(-)".parse()?;
/// assert_eq!(v.mark(), Some(Mark::Minus));
/// assert_eq!(v.to_string(), "15.5(−)");
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReportedValue {
    value: Decimal,
    mark: Option<Mark>,
}

impl ReportedValue {
    /// A reported value. A mark is only meaningful on a value whose last non-zero digit is 5.
    ///
    /// # Errors
    ///
    /// When a mark is given on a value whose last non-zero digit is not 5 (GB/T 8170 marks only
    /// such values; anything else is a misreading).
    pub fn new(value: Decimal, mark: Option<Mark>) -> Result<ReportedValue, Error> {
        if mark.is_some() && last_nonzero_digit(value) != Some(5) {
            return Err(Error::invalid(
                "reported value",
                &ReportedValue { value, mark }.to_string(),
                t!(msg::MARK_NOT_FIVE),
            ));
        }
        Ok(ReportedValue { value, mark })
    }

    /// The number as reported.
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The mark, if any.
    pub fn mark(&self) -> Option<Mark> {
        self.mark
    }
}

fn last_nonzero_digit(value: Decimal) -> Option<u8> {
    let mut m = value.mantissa().unsigned_abs();
    if m == 0 {
        return None;
    }
    while m % 10 == 0 {
        m /= 10;
    }
    Some((m % 10) as u8)
}

impl From<Decimal> for ReportedValue {
    fn from(value: Decimal) -> Self {
        ReportedValue { value, mark: None }
    }
}

impl fmt::Display for ReportedValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mark {
            None => write!(f, "{}", self.value),
            Some(Mark::Plus) => write!(f, "{}(+)", self.value),
            Some(Mark::Minus) => write!(f, "{}(−)", self.value),
        }
    }
}

impl FromStr for ReportedValue {
    type Err = Error;

    fn from_str(s: &str) -> Result<ReportedValue, Error> {
        let text = s.trim();
        let normalised: String = text
            .chars()
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                _ => c,
            })
            .collect();
        let (number, mark) = if let Some(head) = normalised.strip_suffix(')') {
            let Some((num, m)) = head.rsplit_once('(') else {
                return Err(Error::syntax(
                    "reported value",
                    text,
                    t!(msg::MARK_AFTER_NUMBER),
                ));
            };
            let mark = match m.trim() {
                "+" | "＋" => Mark::Plus,
                "-" | "−" | "－" => Mark::Minus,
                _ => {
                    return Err(Error::syntax(
                        "reported value",
                        text,
                        t!(msg::MARK_FOUND, m),
                    ))
                }
            };
            (num.trim_end(), Some(mark))
        } else {
            (normalised.as_str(), None)
        };
        let value = parse_decimal(number, "reported value").map_err(|e| {
            if mark.is_some() {
                Error::syntax("reported value", text, t!(msg::NUMBER_BEFORE_MARK))
            } else {
                e
            }
        })?;
        ReportedValue::new(value, mark)
    }
}

impl Serialize for ReportedValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReportedValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(crate::error::Error::into_serde)
    }
}

/// How to round: an interval and a mode. Options struct in the jiff manner: build it from an
/// [`Interval`] (`From`) and change the mode with [`Rounding::mode`].
///
/// ```
/// use duibiao::rounding::{Interval, Rounding, RoundingMode};
///
/// let down = Rounding::new(Interval::decimals(1)).mode(RoundingMode::Down); // 只舍不进
/// assert_eq!(down.round("-2.79".parse::<rust_decimal::Decimal>()?)?.to_string(), "-2.7");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rounding {
    interval: Interval,
    #[serde(default)]
    mode: RoundingMode,
}

impl Rounding {
    /// Rounding to `interval` with the standard's rule (half to even).
    pub fn new(interval: Interval) -> Rounding {
        Rounding {
            interval,
            mode: RoundingMode::HalfEven,
        }
    }

    /// The same interval with another mode.
    pub fn mode(self, mode: RoundingMode) -> Rounding {
        Rounding { mode, ..self }
    }

    /// The interval.
    pub fn interval(&self) -> Interval {
        self.interval
    }

    /// The mode.
    pub fn rounding_mode(&self) -> RoundingMode {
        self.mode
    }

    /// Rounds a value, or a reported value with its mark, once.
    ///
    /// The result is a multiple of the interval written with the interval's precision.
    ///
    /// # Errors
    ///
    /// Only when the result does not fit in a decimal (values near 7.9×10²⁸).
    pub fn round(&self, value: impl Into<ReportedValue>) -> Result<Decimal, Error> {
        let reported = value.into();
        round_exact(reported.value, reported.mark, self.interval, self.mode).ok_or_else(|| {
            Error::overflow(t!(
                msg::ROUNDING,
                reported.to_string(),
                self.interval.to_string()
            ))
        })
    }
}

impl From<Interval> for Rounding {
    fn from(interval: Interval) -> Self {
        Rounding::new(interval)
    }
}

/// The rounding itself. `None` only on overflow.
///
/// Works on the magnitude with exact remainders: r = |x| mod interval splits |x| into a multiple
/// of the interval and the discarded part, and 2r is compared with the interval. This is the
/// standard's double-and-halve (0.5 unit) and ×5-and-÷5 (0.2 unit) procedure in one exact step.
pub(crate) fn round_exact(
    value: Decimal,
    mark: Option<Mark>,
    interval: Interval,
    mode: RoundingMode,
) -> Option<Decimal> {
    use std::cmp::Ordering;

    let magnitude = value.abs();
    let step = interval.value();
    let discarded = exact::try_rem(magnitude, step).ok()?;
    let kept = exact::try_sub(magnitude, discarded).ok()?;
    let versus_half = exact::try_mul(discarded, Decimal::TWO).ok()?.cmp(&step);
    let kept_is_even = exact::try_rem(kept, exact::try_mul(step, Decimal::TWO).ok()?)
        .ok()?
        .is_zero();
    // A mark says the true magnitude lies just above (+) or just below (−) the reported one.
    let carry = match (mode, mark) {
        (RoundingMode::HalfEven, None) => {
            versus_half == Ordering::Greater || (versus_half == Ordering::Equal && !kept_is_even)
        }
        (RoundingMode::HalfEven, Some(Mark::Plus)) => versus_half != Ordering::Less,
        (RoundingMode::HalfEven, Some(Mark::Minus)) => versus_half == Ordering::Greater,
        (RoundingMode::Up, Some(Mark::Plus)) => true,
        (RoundingMode::Up, _) => !discarded.is_zero(),
        (RoundingMode::Down, _) => false,
    };
    // (−) on a value exactly on a multiple, rounded down: the true value is just below it.
    let borrow = mode == RoundingMode::Down
        && mark == Some(Mark::Minus)
        && discarded.is_zero()
        && !kept.is_zero();
    let mut rounded = kept;
    if carry {
        rounded = exact::try_add(rounded, step).ok()?;
    }
    if borrow {
        rounded = exact::try_sub(rounded, step).ok()?;
    }
    rounded = rounded.normalize();
    rounded.rescale(interval.decimal_places());
    if rounded.scale() != interval.decimal_places() {
        return None;
    }
    if value.is_sign_negative() && !rounded.is_zero() {
        rounded.set_sign_negative(true);
    }
    Some(rounded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn intervals() {
        for ok in [
            "1", "0.1", "0.5", "0.2", "0.02", "20", "50", "100", "1000", "0.50",
        ] {
            assert!(ok.parse::<Interval>().is_ok(), "{ok}");
        }
        for bad in ["0", "-1", "3", "0.25", "15", "abc", "1.5"] {
            assert!(bad.parse::<Interval>().is_err(), "{bad}");
        }
        assert_eq!("0.5".parse::<Interval>().unwrap().decimal_places(), 1);
        assert_eq!("20".parse::<Interval>().unwrap().value(), d("20"));
    }

    #[test]
    fn significant_figures() {
        let i = Interval::significant_figures(d("8.53459"), 3).unwrap();
        assert_eq!(i.value(), d("0.01"));
        let i = Interval::significant_figures(d("-1268"), 2).unwrap();
        assert_eq!(i.value(), d("100"));
        let i = Interval::significant_figures(d("0.0012345"), 2).unwrap();
        assert_eq!(i.value(), d("0.0001"));
    }
}
