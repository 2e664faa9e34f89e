//! Exact decimal numbers as people write them.
//!
//! Every number on a decision path is a [`Decimal`] parsed exactly: the written digits are kept
//! (`97.0` has scale 1, `97` scale 0) and nothing is rounded silently. Text that a 96-bit decimal
//! cannot hold (more than 28 significant digits, or beyond ±79,228,162,514,264,337,593,543,950,335)
//! is refused with an error that says so.

use rust_decimal::Decimal;

use crate::error::{t, Error};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        LONGER_THAN_BYTES = "longer than {0} bytes", "长度超过 {0} 字节";
        DECIMAL_COMMA = "a comma is not a decimal separator here: write the decimal point \".\" and no thousands separator",
            "此处逗号不是小数点：请写小数点 \".\"，且不要写千位分隔符";
        EXPECTED_DECIMAL_FOUND = "expected a decimal number, found \"{0}\"", "应为十进制数，却是 \"{0}\"";
        EXPECTED_DECIMAL = "expected a decimal number such as \"97.0\" or \"-3.5\"", "应为十进制数，如 \"97.0\" 或 \"-3.5\"";
        TOO_MANY_DIGITS = "more digits than a decimal holds (at most 28 significant digits)", "位数超出小数所能容纳（至多 28 位有效数字）";
        EXPECTED_EXACT = "expected a decimal number of at most 28 significant digits, such as \"0.5\"",
            "应为至多 28 位有效数字的十进制数，如 \"0.5\"";
        FLOAT_DIGITS = "decimal {0}: a number with more than 15 significant digits may have lost digits as a binary float: write it as a string, with the digits you meant",
            "小数 {0}：超过 15 位有效数字的数可能已在二进制浮点数中丢失数字，请写成字符串，写出您所指的各位数字";
    }
}

/// The longest number text read at all, in bytes; anything longer is refused before any work is done.
pub(crate) const MAX_NUMBER_LEN: usize = 64;

/// Maps the full-width digits, point and signs of Chinese documents (`０`–`９`, `．`, `＋`, `－`)
/// and the Unicode minus `−` onto ASCII. Returns `None` for any other character.
pub(crate) fn ascii_number_char(c: char) -> Option<char> {
    match c {
        '0'..='9' | '.' | '+' | '-' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '．' => Some('.'),
        '＋' => Some('+'),
        '－' | '−' => Some('-'),
        _ => None,
    }
}

/// Parses a plain decimal number: optional sign, digits, optional point and digits.
///
/// Accepts full-width digits and the Unicode minus. Refuses a decimal comma (`4,0`), a missing
/// digit before or after the point (`.5`, `5.`), exponents, and anything beyond 28 significant
/// digits. `what` names the thing being read for the message (`"number"`, `"value"`).
pub(crate) fn parse_decimal(text: &str, what: &'static str) -> Result<Decimal, Error> {
    if text.len() > MAX_NUMBER_LEN {
        return Err(Error::invalid(
            what,
            &truncate(text),
            t!(msg::LONGER_THAN_BYTES, MAX_NUMBER_LEN),
        ));
    }
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        match ascii_number_char(c) {
            Some(a) => ascii.push(a),
            None if c == ',' || c == '，' => {
                return Err(Error::syntax(what, text, t!(msg::DECIMAL_COMMA)))
            }
            None => {
                return Err(Error::syntax(
                    what,
                    text,
                    t!(msg::EXPECTED_DECIMAL_FOUND, c.to_string()),
                ))
            }
        }
    }
    let unsigned = ascii
        .strip_prefix('-')
        .or_else(|| ascii.strip_prefix('+'))
        .unwrap_or(&ascii);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits_ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits_ok(int) || frac.is_some_and(|f| !digits_ok(f)) {
        return Err(Error::syntax(what, text, t!(msg::EXPECTED_DECIMAL)));
    }
    Decimal::from_str_exact(&ascii)
        .map_err(|_| Error::invalid(what, text, t!(msg::TOO_MANY_DIGITS)))
}

/// Reads a decimal field of a plan exactly: a string (`"0.5"`, `"1e3"`) or, where the format
/// hands a number to a string reader as TOML does, a TOML number (`1.5`) as plans have always
/// allowed; JSON numbers stay refused, as the JSON Schema says. Text longer than [`MAX_NUMBER_LEN`] bytes or with
/// more than 28 significant digits is refused, never rounded.
pub(crate) fn deserialize_exact<'de, D>(d: D) -> Result<Decimal, D::Error>
where
    D: serde::Deserializer<'de>,
{
    d.deserialize_str(ExactVisitor)
}

/// [`deserialize_exact`] where the value was buffered first (inside an internally tagged enum,
/// such as a decision rule's `r`): the buffered value says what it is, so a TOML integer or
/// float is read as [`deserialize_exact`] reads it, and a string as a decimal's text.
pub(crate) fn deserialize_exact_any<'de, D>(d: D) -> Result<Decimal, D::Error>
where
    D: serde::Deserializer<'de>,
{
    d.deserialize_any(ExactVisitor)
}

struct ExactVisitor;

impl ExactVisitor {
    fn text<E: serde::de::Error>(text: &str) -> Result<Decimal, E> {
        if text.len() > MAX_NUMBER_LEN {
            return Err(Error::invalid(
                "decimal",
                &truncate(text),
                t!(msg::LONGER_THAN_BYTES, MAX_NUMBER_LEN),
            )
            .into_serde());
        }
        let exact = if text.contains(['e', 'E']) {
            Decimal::from_scientific(text)
        } else {
            Decimal::from_str_exact(text)
        };
        exact.map_err(|_| Error::syntax("decimal", text, t!(msg::EXPECTED_EXACT)).into_serde())
    }
}

impl serde::de::Visitor<'_> for ExactVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a decimal number written as a string, such as \"0.5\"")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        ExactVisitor::text(v)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
        // A float carries no written text. Any decimal of at most 15 significant digits reads
        // into a float whose shortest text is that decimal again, so such a float is recovered
        // exactly (`0.5`, `1.25`); a longer one may already have lost digits: refused.
        // The shortest text that reads back as this float, in scientific form, so that the
        // digits counted are the significant ones (`1e28` has one, not 29).
        let text = format!("{v:e}");
        let digits = text
            .split(['e', 'E'])
            .next()
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_digit)
            .skip_while(|c| *c == '0')
            .count();
        if digits > 15 {
            return Err(Error::new_msg(
                crate::error::ErrorKind::Inexact,
                msg::FLOAT_DIGITS,
                vec![text.into()],
            )
            .into_serde());
        }
        ExactVisitor::text(&text)
    }
}

/// Exact arithmetic on decimals: every sum, difference, product and quotient on a decision
/// path goes through here.
///
/// rust_decimal's `checked_*` fail only beyond the range of a decimal; a result inside it that
/// needs more than 28 significant digits (or more than 28 decimal places) is silently rounded.
/// These functions return the exact result when a decimal holds it, and otherwise a
/// [`Fault`](exact::Fault): [`Overflow`](exact::Fault::Overflow) when the result lies beyond
/// ±79,228,162,514,264,337,593,543,950,335, [`Inexact`](exact::Fault::Inexact) when it lies
/// inside but needs more digits than a decimal holds. The one rounding is
/// [`div_rounded`](exact::div_rounded), for the quotients that are inexact by nature (a ratio
/// shown or ranked, never compared with a limit), documented where it is used.
///
/// The common case (mantissas of a few digits, scales at most 28) is a few integer operations
/// on `i128`; big integers are used only when a product or a rescaled operand leaves `i128`.
pub(crate) mod exact {
    use num_bigint::BigInt;
    use num_integer::Integer;
    use num_traits::{Signed, ToPrimitive, Zero};
    use rust_decimal::Decimal;

    use crate::error::{t, Error, Text};

    /// The messages of this module.
    pub(crate) mod msg {
        crate::error::messages! {
            ADD = "{0} + {1}", "{0} + {1}";
            SUB = "{0} − {1}", "{0} − {1}";
            MUL = "{0} × {1}", "{0} × {1}";
            DIV = "{0} ÷ {1}", "{0} ÷ {1}";
            INEXACT = "{0}: the exact result needs more than 28 significant digits (or 28 decimal places), which a decimal cannot hold: it would be rounded",
                "{0}：精确结果超出 28 位有效数字（或 28 位小数），小数无法容纳，将被舍入";
            BY_ZERO = "{0}: division by zero", "{0}：除数为零";
        }
    }

    /// Why an exact result has no decimal.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Fault {
        /// Beyond the range of a decimal.
        Overflow,
        /// Inside the range, but with more digits than a decimal holds.
        Inexact,
        /// A quotient by zero.
        ByZero,
    }

    impl Fault {
        /// The error for the operation `what` (a template naming it and its operands): of kind
        /// overflow or inexact.
        pub(crate) fn error(self, what: Text) -> Error {
            match self {
                Fault::Overflow => Error::overflow(what),
                Fault::Inexact => Error::inexact(t!(msg::INEXACT, what)),
                Fault::ByZero => Error::overflow(t!(msg::BY_ZERO, what)),
            }
        }
    }

    /// The largest mantissa of a decimal, 2⁹⁶ − 1.
    const MAX_MANTISSA: u128 = (1u128 << 96) - 1;

    /// 10ⁿ for n ≤ 28.
    const POW10: [i128; 29] = {
        let mut p = [1i128; 29];
        let mut i = 1;
        let mut x = 1i128;
        while i < 29 {
            x *= 10;
            #[allow(clippy::indexing_slicing)] // i < 29, in a constant
            {
                p[i] = x;
            }
            i += 1;
        }
        p
    };

    /// `mantissa × 10^-scale` as a decimal, trailing zeros dropped only where needed to fit.
    #[inline]
    fn fit(mantissa: i128, scale: u32) -> Result<Decimal, Fault> {
        if scale <= 28 && mantissa.unsigned_abs() <= MAX_MANTISSA {
            return Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| Fault::Overflow);
        }
        fit_big(BigInt::from(mantissa), scale)
    }

    /// [`fit`] for a mantissa beyond `i128`.
    fn fit_big(mut mantissa: BigInt, mut scale: u32) -> Result<Decimal, Fault> {
        let max = BigInt::from(MAX_MANTISSA);
        let ten = BigInt::from(10u32);
        while scale > 28 || mantissa.abs() > max {
            let (q, r) = mantissa.div_rem(&ten);
            if scale == 0 || !r.is_zero() {
                // |value| > MAX exactly when |mantissa| > MAX × 10^scale.
                let beyond = mantissa.abs() > max * ten.pow(scale);
                return Err(if beyond {
                    Fault::Overflow
                } else {
                    Fault::Inexact
                });
            }
            mantissa = q;
            scale -= 1;
        }
        let m = mantissa.to_i128().ok_or(Fault::Overflow)?;
        Decimal::try_from_i128_with_scale(m, scale).map_err(|_| Fault::Overflow)
    }

    /// Both mantissas at the larger scale, when `i128` holds them.
    #[inline]
    fn aligned(a: Decimal, b: Decimal) -> Option<(i128, i128, u32)> {
        let (sa, sb) = (a.scale(), b.scale());
        if sa == sb {
            return Some((a.mantissa(), b.mantissa(), sa));
        }
        let s = sa.max(sb);
        let widen = |x: Decimal| {
            POW10
                .get((s - x.scale()) as usize)
                .and_then(|p| x.mantissa().checked_mul(*p))
        };
        Some((widen(a)?, widen(b)?, s))
    }

    fn big_aligned(a: Decimal, b: Decimal) -> (BigInt, BigInt, u32) {
        let s = a.scale().max(b.scale());
        let widen =
            |x: Decimal| BigInt::from(x.mantissa()) * BigInt::from(10u32).pow(s - x.scale());
        (widen(a), widen(b), s)
    }

    /// The exact sum `a + b`.
    #[inline]
    pub(crate) fn try_add(a: Decimal, b: Decimal) -> Result<Decimal, Fault> {
        if let Some((x, y, s)) = aligned(a, b) {
            if let Some(m) = x.checked_add(y) {
                return fit(m, s);
            }
        }
        let (x, y, s) = big_aligned(a, b);
        fit_big(x + y, s)
    }

    /// The exact difference `a − b`.
    #[inline]
    pub(crate) fn try_sub(a: Decimal, b: Decimal) -> Result<Decimal, Fault> {
        if let Some((x, y, s)) = aligned(a, b) {
            if let Some(m) = x.checked_sub(y) {
                return fit(m, s);
            }
        }
        let (x, y, s) = big_aligned(a, b);
        fit_big(x - y, s)
    }

    /// The exact product `a × b`.
    #[inline]
    pub(crate) fn try_mul(a: Decimal, b: Decimal) -> Result<Decimal, Fault> {
        let s = a.scale() + b.scale();
        match a.mantissa().checked_mul(b.mantissa()) {
            Some(m) => fit(m, s),
            None => fit_big(BigInt::from(a.mantissa()) * BigInt::from(b.mantissa()), s),
        }
    }

    /// The exact remainder `a mod b` (the sign of `a`, magnitude below `|b|`): always a decimal,
    /// [`Fault::ByZero`] for `b = 0`.
    pub(crate) fn try_rem(a: Decimal, b: Decimal) -> Result<Decimal, Fault> {
        if b.is_zero() {
            return Err(Fault::ByZero);
        }
        if let Some((x, y, s)) = aligned(a, b) {
            return fit(x % y, s);
        }
        let (x, y, s) = big_aligned(a, b);
        fit_big(x % y, s)
    }

    /// The exact quotient `a ÷ b`: a decimal when the quotient terminates and a decimal holds
    /// it, [`Fault::Inexact`] otherwise (1 ÷ 3), [`Fault::ByZero`] for `b = 0`.
    pub(crate) fn try_div(a: Decimal, b: Decimal) -> Result<Decimal, Fault> {
        if b.is_zero() {
            return Err(Fault::ByZero);
        }
        if a.is_zero() {
            return Ok(Decimal::ZERO);
        }
        // rust_decimal's quotient is exact whenever a decimal holds the exact one; it is the
        // exact one exactly when it multiplies back to `a`.
        let q = match a.checked_div(b) {
            Some(q) => q,
            None => return Err(Fault::Overflow),
        };
        match try_mul(q, b) {
            Ok(back) if back == a => Ok(q),
            _ => Err(Fault::Inexact),
        }
    }

    /// The quotient `a ÷ b` rounded once, half to even, to `dp` decimal places (at most 28):
    /// the one rounding of a decision path, for ratios that are inexact by nature (a margin's
    /// share of its bound, a ranking score). Computed from the exact quotient, so it is the
    /// correctly rounded one; where a decimal cannot hold `dp` places of the quotient (more than
    /// 28 significant digits), it is rounded once to the most places it can. A result beyond
    /// the range of a decimal is [`Fault::Overflow`].
    pub(crate) fn div_rounded(a: Decimal, b: Decimal, dp: u32) -> Result<Decimal, Fault> {
        let mut dp = dp.min(28);
        loop {
            match div_rounded_at(a, b, dp) {
                Err(Fault::Inexact) if dp > 0 => dp -= 1,
                r => return r,
            }
        }
    }

    /// [`div_rounded`] at exactly `dp` places.
    fn div_rounded_at(a: Decimal, b: Decimal, dp: u32) -> Result<Decimal, Fault> {
        if b.is_zero() {
            return Err(Fault::ByZero);
        }
        // a ÷ b = (ma / mb) × 10^(sb − sa); at dp places the quotient's mantissa is
        // ma × 10^(dp + sb − sa) / mb.
        let e = i64::from(dp) + i64::from(b.scale()) - i64::from(a.scale());
        let (ma, mb) = (a.mantissa(), b.mantissa());
        let small = if e >= 0 {
            POW10
                .get(e as usize)
                .and_then(|p| ma.checked_mul(*p))
                .map(|n| (n, mb))
        } else {
            POW10
                .get(e.unsigned_abs() as usize)
                .and_then(|p| mb.checked_mul(*p))
                .map(|d| (ma, d))
        };
        if let Some((n, d)) = small {
            let (q, r) = (n / d, n % d);
            let twice = r.unsigned_abs() * 2;
            let up = twice > d.unsigned_abs() || (twice == d.unsigned_abs() && q % 2 != 0);
            let negative = (n < 0) != (d < 0);
            let q = if up {
                if negative {
                    q - 1
                } else {
                    q + 1
                }
            } else {
                q
            };
            return fit(q, dp);
        }
        let ten = BigInt::from(10u32);
        let (n, d) = if e >= 0 {
            (BigInt::from(ma) * ten.pow(e as u32), BigInt::from(mb))
        } else {
            (
                BigInt::from(ma),
                BigInt::from(mb) * ten.pow(e.unsigned_abs() as u32),
            )
        };
        let (q, r) = n.div_rem(&d);
        let twice: BigInt = r.abs() * 2u32;
        let up = twice > d.abs() || (twice == d.abs() && q.is_odd());
        let negative = (n.is_negative()) != (d.is_negative());
        let q = match (up, negative) {
            (true, true) => q - 1u32,
            (true, false) => q + 1u32,
            _ => q,
        };
        fit_big(q, dp)
    }

    /// The quotient `a ÷ b` as rust_decimal divides (rounded to as many digits as a decimal
    /// holds): only for a number shown, never compared or summed into a verdict. Exact when
    /// the quotient terminates within a decimal.
    pub(crate) fn div_shown(a: Decimal, b: Decimal) -> Result<Decimal, Fault> {
        if b.is_zero() {
            return Err(Fault::ByZero);
        }
        a.checked_div(b).ok_or(Fault::Overflow)
    }

    /// Compares `a × b` with `c × d` exactly (no product is rounded or refused).
    pub(crate) fn cmp_products(
        a: Decimal,
        b: Decimal,
        c: Decimal,
        d: Decimal,
    ) -> std::cmp::Ordering {
        if let (Ok(x), Ok(y)) = (try_mul(a, b), try_mul(c, d)) {
            return x.cmp(&y);
        }
        // x = ma·mb × 10^-(sa+sb), y = mc·md × 10^-(sc+sd): compare at the larger scale.
        let (sx, sy) = (a.scale() + b.scale(), c.scale() + d.scale());
        let s = sx.max(sy);
        let ten = BigInt::from(10u32);
        let x = BigInt::from(a.mantissa()) * BigInt::from(b.mantissa()) * ten.pow(s - sx);
        let y = BigInt::from(c.mantissa()) * BigInt::from(d.mantissa()) * ten.pow(s - sy);
        x.cmp(&y)
    }

    /// [`try_add`], an error naming the operands.
    #[allow(dead_code)] // for a caller without a message of its own
    pub(crate) fn add(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
        try_add(a, b).map_err(|f| f.error(t!(msg::ADD, a.to_string(), b.to_string())))
    }

    /// [`try_sub`], an error naming the operands.
    #[allow(dead_code)] // for a caller without a message of its own
    pub(crate) fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
        try_sub(a, b).map_err(|f| f.error(t!(msg::SUB, a.to_string(), b.to_string())))
    }

    /// [`try_mul`], an error naming the operands.
    #[allow(dead_code)] // for a caller without a message of its own
    pub(crate) fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
        try_mul(a, b).map_err(|f| f.error(t!(msg::MUL, a.to_string(), b.to_string())))
    }
}

/// Shortens a message from a reader (serde, csv) that may quote hostile input at length: keeps
/// the head and the tail (where serde puts the line and column).
pub(crate) fn clip(message: impl std::fmt::Display) -> String {
    const HEAD: usize = 300;
    const TAIL: usize = 60;
    let message = message.to_string();
    let count = message.chars().count();
    if count <= HEAD + TAIL + 1 {
        return message;
    }
    let head: String = message.chars().take(HEAD).collect();
    let tail: String = message.chars().skip(count - TAIL).collect();
    format!("{head}…{tail}")
}

/// Shortens hostile input for quoting in a message.
pub(crate) fn truncate(text: &str) -> String {
    const KEEP: usize = 40;
    if text.chars().count() <= KEEP {
        text.to_owned()
    } else {
        let head: String = text.chars().take(KEEP).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    mod exact_laws {
        use super::super::exact::{self, Fault};
        use num_bigint::BigInt;
        use num_integer::Integer;
        use num_traits::{Signed, Zero};
        use proptest::prelude::*;
        use rust_decimal::Decimal;

        const MAX: u128 = (1u128 << 96) - 1;

        /// A decimal of 1 to 29 digits at scale 0 to 28, either sign: the edges included.
        fn decimal() -> impl Strategy<Value = Decimal> {
            (1u32..=29, any::<u128>(), 0u32..=28, any::<bool>()).prop_map(|(k, m, s, neg)| {
                let m = (m % 10u128.pow(k.min(29) - 1).saturating_mul(10)).min(MAX);
                let m = i128::try_from(m).unwrap_or(0);
                Decimal::from_i128_with_scale(if neg { -m } else { m }, s)
            })
        }

        fn big(d: Decimal) -> BigInt {
            BigInt::from(d.mantissa())
        }

        fn ten(n: u32) -> BigInt {
            BigInt::from(10u32).pow(n)
        }

        /// What a decimal can make of the exact value `m × 10^-s`: the value, or the fault.
        fn expected(m: BigInt, s: u32) -> Result<(BigInt, u32), Fault> {
            let (mut m, mut s) = (m, s);
            while s > 0 && !m.is_zero() && (&m % 10u32).is_zero() {
                m /= 10u32;
                s -= 1;
            }
            if m.is_zero() {
                return Ok((m, 0));
            }
            if s <= 28 && m.abs() <= BigInt::from(MAX) {
                Ok((m, s))
            } else if m.abs() > BigInt::from(MAX) * ten(s) {
                Err(Fault::Overflow)
            } else {
                Err(Fault::Inexact)
            }
        }

        /// `d` as (mantissa, scale) with trailing zeros dropped.
        fn reduced(d: Decimal) -> (BigInt, u32) {
            let n = d.normalize();
            if n.is_zero() {
                return (BigInt::zero(), 0);
            }
            (big(n), n.scale())
        }

        fn check(
            got: Result<Decimal, Fault>,
            want: Result<(BigInt, u32), Fault>,
        ) -> Result<(), TestCaseError> {
            match (got, want) {
                (Ok(d), Ok(w)) => prop_assert_eq!(reduced(d), w),
                (Err(f), Err(w)) => prop_assert_eq!(f, w),
                (g, w) => prop_assert!(false, "got {:?}, want {:?}", g, w),
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            /// add, sub: Ok exactly when a decimal holds the exact sum, and then equal to it;
            /// overflow beyond the range, inexact inside it.
            #[test]
            fn sums(a in decimal(), b in decimal()) {
                let s = a.scale().max(b.scale());
                let (x, y) = (big(a) * ten(s - a.scale()), big(b) * ten(s - b.scale()));
                check(exact::try_add(a, b), expected(&x + &y, s))?;
                check(exact::try_sub(a, b), expected(&x - &y, s))?;
                // Where it answers, it answers what rust_decimal answers.
                if let Ok(sum) = exact::try_add(a, b) {
                    prop_assert_eq!(Some(sum), a.checked_add(b));
                }
            }

            /// mul: the same law for the exact product.
            #[test]
            fn products(a in decimal(), b in decimal()) {
                check(exact::try_mul(a, b), expected(big(a) * big(b), a.scale() + b.scale()))?;
            }

            /// rem: always the exact remainder (sign of a).
            #[test]
            fn remainders(a in decimal(), b in decimal()) {
                prop_assume!(!b.is_zero());
                let s = a.scale().max(b.scale());
                let (x, y) = (big(a) * ten(s - a.scale()), big(b) * ten(s - b.scale()));
                check(exact::try_rem(a, b), expected(x % y, s))?;
            }

            /// div: Ok exactly when the quotient terminates and a decimal holds it.
            #[test]
            fn quotients(a in decimal(), b in decimal()) {
                prop_assume!(!b.is_zero());
                // a / b = n / d with n = ma·10^sb, d = mb·10^sa; at scale s the mantissa is
                // n·10^s / d, an integer for some s ≤ 28 or the quotient is inexact.
                let (n, d) = (big(a) * ten(b.scale()), big(b) * ten(a.scale()));
                let want = (0..=28u32)
                    .find(|&s| (&n * ten(s)).is_multiple_of(&d))
                    .map(|s| expected(&n * ten(s) / &d, s))
                    .unwrap_or(Err(Fault::Inexact));
                // A quotient beyond the range is an overflow whether it terminates or not.
                let beyond = n.abs() > BigInt::from(MAX) * d.abs();
                let want = if beyond { Err(Fault::Overflow) } else { want };
                check(exact::try_div(a, b), want)?;
            }

            /// div_rounded: the decimal at `dp` places nearest to the exact quotient, ties to an
            /// even last digit.
            #[test]
            fn rounded_quotients(a in decimal(), b in decimal(), dp in 0u32..=28) {
                prop_assume!(!b.is_zero());
                match exact::div_rounded(a, b, dp) {
                    Ok(q) => {
                        // At dp places, or fewer only where dp places do not fit.
                        let dp = q.scale();
                        // a − q·b over 10^(sa+sb+dp) is L = ma·10^(sb+dp) − mq·mb·10^sa, and
                        // |a/b − q| ≤ ½·10^-dp exactly when 2·|L| ≤ |mb|·10^sa.
                        prop_assert!(q.scale() <= dp);
                        let mq = big(q) * ten(dp - q.scale());
                        let lhs = big(a) * ten(b.scale() + dp) - &mq * big(b) * ten(a.scale());
                        let twice = lhs.abs() * 2u32;
                        let unit = big(b).abs() * ten(a.scale());
                        prop_assert!(twice <= unit, "{} / {} at {}: {}", a, b, dp, q);
                        if twice == unit {
                            prop_assert!(mq.is_even(), "tie to even: {}", q);
                        }
                    }
                    Err(f) => {
                        // Beyond the range, even at 0 places.
                        prop_assert_eq!(f, Fault::Overflow);
                        let dp = 0;
                        let n = big(a).abs() * ten(b.scale() + dp);
                        let d = big(b).abs() * ten(a.scale());
                        prop_assert!(n * 2u32 > BigInt::from(MAX) * d);
                    }
                }
            }

            /// cmp_products: the order of the exact products.
            #[test]
            fn compared_products(a in decimal(), b in decimal(), c in decimal(), d in decimal()) {
                let (sx, sy) = (a.scale() + b.scale(), c.scale() + d.scale());
                let s = sx.max(sy);
                let x = big(a) * big(b) * ten(s - sx);
                let y = big(c) * big(d) * ten(s - sy);
                prop_assert_eq!(exact::cmp_products(a, b, c, d), x.cmp(&y));
            }
        }

        #[test]
        fn the_known_gap_is_closed() {
            let d = |s: &str| s.parse::<Decimal>().unwrap();
            // 10¹⁰ − 10⁻²⁰ needs 30 significant digits: rust_decimal rounds it, exact refuses.
            let (a, b) = (d("10000000000"), d("0.00000000000000000001"));
            assert_eq!(a.checked_sub(b), Some(d("10000000000.000000000000000000")));
            assert_eq!(exact::try_sub(a, b), Err(Fault::Inexact));
            let e = exact::sub(a, b).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::Inexact);
            assert_eq!(
                e.to_string(),
                "10000000000 − 0.00000000000000000001: the exact result needs more than 28 \
                 significant digits (or 28 decimal places), which a decimal cannot hold: it \
                 would be rounded"
            );
            assert_eq!(
                e.message(crate::Lang::Zh),
                "10000000000 − 0.00000000000000000001：精确结果超出 28 位有效数字（或 28 位小数），小数无法容纳，将被舍入"
            );
            let max = Decimal::MAX;
            let e = exact::add(max, Decimal::ONE).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::Overflow);
            assert_eq!(
                e.to_string(),
                "79228162514264337593543950335 + 1: the result does not fit in 28 significant digits"
            );
            // Trailing zeros are dropped where needed, nothing else.
            assert_eq!(
                exact::try_mul(d("0.10"), d("0.000000000000000000000000001")),
                Ok(d("0.0000000000000000000000000001"))
            );
            assert_eq!(
                exact::try_mul(d("0.5"), d("0.0000000000000000000000000001")),
                Err(Fault::Inexact)
            );
            assert_eq!(exact::try_div(Decimal::ONE, d("3")), Err(Fault::Inexact));
            assert_eq!(exact::try_div(Decimal::ONE, d("8")), Ok(d("0.125")));
            assert_eq!(exact::div_rounded(Decimal::TWO, d("3"), 2), Ok(d("0.67")));
            assert_eq!(
                exact::div_rounded(d("0.125"), Decimal::ONE, 2),
                Ok(d("0.12"))
            );
            assert_eq!(
                exact::div_rounded(d("-0.135"), Decimal::ONE, 2),
                Ok(d("-0.14"))
            );
        }
    }

    #[test]
    fn keeps_written_digits() {
        assert_eq!(parse_decimal("97.0", "n").unwrap().scale(), 1);
        assert_eq!(parse_decimal("97", "n").unwrap().scale(), 0);
        assert_eq!(parse_decimal("−3.50", "n").unwrap().to_string(), "-3.50");
        assert_eq!(parse_decimal("９７．０", "n").unwrap().to_string(), "97.0");
    }

    #[test]
    fn refuses() {
        for bad in ["", "-", ".5", "5.", "4,0", "1e3", "1.2.3", "--1", "abc"] {
            assert!(parse_decimal(bad, "n").is_err(), "{bad}");
        }
        assert!(parse_decimal("12345678901234567890123456789012", "n").is_err());
    }
}
