//! Conversions computed exactly, then held in a decimal only if nothing is lost.
//!
//! A conversion is `(value + offset_from) × num / den − offset_to` over decimals. Its exact
//! result is a rational number; [`convert`] returns it when a decimal holds it exactly, and
//! otherwise applies the rule of the ratio `num / den`:
//!
//! - the ratio terminates as a decimal (mm → km, °C → °F, lb → g): the exact result is a
//!   terminating decimal; if a decimal cannot hold it (more than 28 decimal places, an underflow
//!   to 0, too many digits) the conversion is refused;
//! - the ratio does not terminate (°F → K: 5/9, km/h → m/s: 5/18, in → ft, psi): the result is
//!   rounded once, half to even, to the nearest decimal of at most 28 significant digits and
//!   28 decimal places; a nonzero result that would round to 0 is refused. Rounding never
//!   changes the sign.
//!
//! Most conversions take the fast path: a terminating ratio as one decimal multiplier, and
//! sums and products of decimals that are exact or refused. Only what the fast path cannot
//! settle (a non-terminating ratio, a result at the edge of a decimal) is computed with big
//! integers.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};
use rust_decimal::Decimal;

use super::table::exact_mul;

/// Why a conversion has no decimal result.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Beyond ±79,228,162,514,264,337,593,543,950,335.
    TooLarge,
    /// Nonzero, but it would round to 0 at 28 decimal places.
    Underflow,
    /// The ratio terminates but the exact result has more digits than a decimal holds; the
    /// nearest decimal of 28 significant digits, when there is one.
    Digits { rounded: Option<Decimal> },
}

/// The largest mantissa of a decimal, 2⁹⁶ − 1.
const MAX_MANTISSA: u128 = (1u128 << 96) - 1;

/// True when `num / den` (both positive) is a terminating decimal: once the fraction is in
/// lowest terms, its denominator has no prime factors but 2 and 5.
pub(crate) fn terminates(num: &BigInt, den: &BigInt) -> bool {
    if num.is_zero() || den.is_zero() {
        return true;
    }
    let mut rest = den.magnitude() / num.magnitude().gcd(den.magnitude());
    for p in [2u32, 5] {
        let p = BigUint::from(p);
        while (&rest % &p).is_zero() {
            rest /= &p;
        }
    }
    rest == BigUint::from(1u32)
}

/// `num / den` as one decimal, when it terminates and a decimal holds it exactly.
pub(crate) fn multiplier(num: &BigInt, den: &BigInt) -> Option<Decimal> {
    let (n, d) = (num.to_i128()?, den.to_i128()?);
    let (n, d) = (
        Decimal::try_from_i128_with_scale(n, 0).ok()?,
        Decimal::try_from_i128_with_scale(d, 0).ok()?,
    );
    let q = n.checked_div(d)?;
    (exact_mul(q, d)? == n).then_some(q)
}

/// Reduces `num / den` to lowest terms.
pub(crate) fn reduce(num: BigInt, den: BigInt) -> (BigInt, BigInt) {
    let g = num.gcd(&den);
    if g.is_zero() || g == BigInt::from(1) {
        return (num, den);
    }
    (num / &g, den / g)
}

/// The exact sum `a + b`, or `None` when a decimal cannot hold it (rust_decimal would round).
fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    crate::number::exact::try_add(a, b).ok()
}

/// The numbers of one conversion: `to = (value + offset_from) × num / den − offset_to`, the
/// ratio as exact big integers (in lowest terms, `den` positive).
pub(crate) struct Terms {
    pub(crate) offset_from: Option<Decimal>,
    pub(crate) num: BigInt,
    pub(crate) den: BigInt,
    pub(crate) offset_to: Option<Decimal>,
    /// `num / den` as one decimal, when it terminates and fits.
    pub(crate) multiplier: Option<Decimal>,
    /// `num / den` terminates: the result is exact or refused, never rounded.
    pub(crate) terminates: bool,
}

/// Converts `value` under `terms`, by the rule of the module.
pub(crate) fn convert(value: Decimal, terms: &Terms) -> Result<Decimal, Fault> {
    convert_exact(value, terms).map(|(d, _)| d)
}

/// Converts `value` under `terms`, by the rule of the module, with the exact result where the
/// decimal was rounded (`None`: the decimal is the exact result).
pub(crate) fn convert_exact(
    value: Decimal,
    terms: &Terms,
) -> Result<(Decimal, Option<Ratio>), Fault> {
    if let Some(m) = terms.multiplier {
        if let Some(v) = fast(value, m, terms) {
            return Ok((v.normalize(), None));
        }
    }
    let d = slow(value, terms)?;
    let exact = Ratio::of(d);
    let r = exact_result(value, terms);
    Ok((d, (r != exact).then_some(r)))
}

/// An exact rational number `num / den`, in lowest terms, `den` positive: the exact result
/// of a conversion that a decimal holds only rounded.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Ratio {
    num: BigInt,
    den: BigInt,
}

impl Ratio {
    /// `num / den`, reduced; `den` nonzero.
    pub(crate) fn new(num: BigInt, den: BigInt) -> Ratio {
        let (num, den) = if den.sign() == Sign::Minus {
            (-num, -den)
        } else {
            (num, den)
        };
        let (num, den) = reduce(num, den);
        Ratio { num, den }
    }

    /// A decimal, exactly.
    pub(crate) fn of(d: Decimal) -> Ratio {
        Ratio::new(big(d), BigInt::from(pow10(d.scale())))
    }

    /// `self + other`.
    pub(crate) fn add(&self, other: &Ratio) -> Ratio {
        Ratio::new(
            &self.num * &other.den + &other.num * &self.den,
            &self.den * &other.den,
        )
    }

    /// `self − other`.
    pub(crate) fn sub(&self, other: &Ratio) -> Ratio {
        self.add(&Ratio {
            num: -other.num.clone(),
            den: other.den.clone(),
        })
    }

    /// The value under a conversion's terms, exactly: `(self + offset_from) × num / den −
    /// offset_to`.
    pub(crate) fn convert(&self, terms: &Terms) -> Ratio {
        let mut v = self.clone();
        if let Some(o) = terms.offset_from {
            v = v.add(&Ratio::of(o));
        }
        v = Ratio::new(v.num * &terms.num, v.den * &terms.den);
        if let Some(o) = terms.offset_to {
            v = v.sub(&Ratio::of(o));
        }
        v
    }

    /// The value written in positional notation, rounded once, half to even, to `digits`
    /// significant digits, trailing zeros dropped (`0` for zero).
    pub(crate) fn significant(&self, digits: u32) -> String {
        significant(&self.num, &self.den, digits)
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Ratio) -> std::cmp::Ordering {
        (&self.num * &other.den).cmp(&(&other.num * &self.den))
    }
}

/// The exact result of converting `value` under `terms`.
pub(crate) fn exact_result(value: Decimal, terms: &Terms) -> Ratio {
    Ratio::of(value).convert(terms)
}

/// `num / den` (den positive) in positional notation, rounded once, half to even, to
/// `digits` significant digits, trailing zeros dropped.
fn significant(num: &BigInt, den: &BigInt, digits: u32) -> String {
    let digits = digits.max(1);
    let (a, d) = (num.magnitude(), den.magnitude());
    if a.is_zero() || d.is_zero() {
        return "0".to_owned();
    }
    let len = |x: &BigUint| i64::try_from(x.to_string().len()).unwrap_or(i64::MAX);
    // 10^e ≤ a / d < 10^(e+1)
    let mut e = len(a) - len(d);
    let at_least = |e: i64| -> bool {
        // a ≥ d × 10^e
        let k = u32::try_from(e.unsigned_abs()).unwrap_or(u32::MAX);
        if e >= 0 {
            *a >= d * pow10(k)
        } else {
            a * pow10(k) >= *d
        }
    };
    if !at_least(e) {
        e -= 1;
    }
    // q + r / d' = a / d × 10^shift, the significant digits as an integer.
    let shift = i64::from(digits) - 1 - e;
    let k = u32::try_from(shift.unsigned_abs()).unwrap_or(u32::MAX);
    let (n, dd) = if shift >= 0 {
        (a * pow10(k), d.clone())
    } else {
        (a.clone(), d * pow10(k))
    };
    let (mut q, r) = n.div_rem(&dd);
    let twice: BigUint = r * 2u32;
    if twice > dd || (twice == dd && q.is_odd()) {
        q += 1u32;
    }
    let mut exponent = -shift; // value = q × 10^exponent
    if q == pow10(digits) {
        q /= 10u32;
        exponent += 1;
    }
    let ten = BigUint::from(10u32);
    while exponent < 0 && (&q % &ten).is_zero() {
        q /= &ten;
        exponent += 1;
    }
    let mut s = q.to_string();
    if exponent >= 0 {
        s.push_str(&"0".repeat(usize::try_from(exponent).unwrap_or(0)));
    } else {
        let places = usize::try_from(-exponent).unwrap_or(0);
        if s.len() <= places {
            s = format!("0.{}{s}", "0".repeat(places - s.len()));
        } else {
            s.insert(s.len() - places, '.');
        }
    }
    if num.sign() == Sign::Minus {
        s.insert(0, '-');
    }
    s
}

/// Exact decimal steps, or `None` when one of them does not fit (the slow path then decides).
fn fast(value: Decimal, multiplier: Decimal, terms: &Terms) -> Option<Decimal> {
    let mut v = value;
    if let Some(o) = terms.offset_from {
        v = exact_add(v, o)?;
    }
    v = exact_mul(v, multiplier)?;
    if let Some(o) = terms.offset_to {
        v = exact_add(v, -o)?;
    }
    Some(v)
}

fn pow10(n: u32) -> BigUint {
    BigUint::from(10u32).pow(n)
}

fn big(d: Decimal) -> BigInt {
    BigInt::from(d.mantissa())
}

/// The exact result as `±(q + r / divisor) × 10⁻²⁸`, then the rule.
fn slow(value: Decimal, terms: &Terms) -> Result<Decimal, Fault> {
    let zero = Decimal::ZERO;
    let (from, to) = (
        terms.offset_from.unwrap_or(zero),
        terms.offset_to.unwrap_or(zero),
    );
    // value + offset_from = x / 10^s and offset_to = t / 10^s.
    let s = value.scale().max(from.scale()).max(to.scale());
    let x = big(value) * BigInt::from(pow10(s - value.scale()))
        + big(from) * BigInt::from(pow10(s - from.scale()));
    let t = big(to) * BigInt::from(pow10(s - to.scale()));
    // The result is (x·num − t·den) / (den·10^s).
    let (n, d) = (&terms.num, &terms.den);
    let p = x * n - t * d;
    let negative = p.sign() == Sign::Minus;
    let d = d.magnitude().clone();
    let k = s;
    // q + r / divisor = |p| × 10^28 / (d × 10^k)
    let (dividend, divisor) = if k <= 28 {
        (p.magnitude() * pow10(28 - k), d)
    } else {
        (p.magnitude().clone(), d * pow10(k - 28))
    };
    let (q, r) = dividend.div_rem(&divisor);
    let limit = BigUint::from(MAX_MANTISSA) * pow10(28);
    if q > limit || (q == limit && !r.is_zero()) {
        return Err(Fault::TooLarge);
    }
    if r.is_zero() {
        if let Some(v) = exact(&q, negative) {
            return Ok(v);
        }
    }
    if terms.terminates {
        return Err(if q.is_zero() {
            Fault::Underflow
        } else {
            Fault::Digits {
                rounded: rounded(q, &r, &divisor, negative).ok(),
            }
        });
    }
    rounded(q, &r, &divisor, negative)
}

/// `±q × 10⁻²⁸` when a decimal holds it exactly.
fn exact(q: &BigUint, negative: bool) -> Option<Decimal> {
    let mut q = q.clone();
    let mut scale = 28u32;
    let ten = BigUint::from(10u32);
    while scale > 0 && !q.is_zero() && (&q % &ten).is_zero() {
        q /= &ten;
        scale -= 1;
    }
    let m = q.to_u128().filter(|&m| m <= MAX_MANTISSA)?;
    let m = i128::try_from(m).ok()?;
    Decimal::try_from_i128_with_scale(if negative { -m } else { m }, scale)
        .ok()
        .map(|d| d.normalize())
}

/// `±(q + r / divisor) × 10⁻²⁸` rounded half to even to 28 significant digits (at most 28
/// decimal places); 0 for a nonzero value is an underflow.
fn rounded(q: BigUint, r: &BigUint, divisor: &BigUint, negative: bool) -> Result<Decimal, Fault> {
    let digits = u32::try_from(q.to_string().len()).map_err(|_| Fault::TooLarge)?;
    let nonzero = !q.is_zero() || !r.is_zero();
    // Drop `drop` digits of q; the dropped part is compared with one half, r breaking ties.
    let drop = digits.saturating_sub(28);
    let unit = pow10(drop);
    let (mut kept, dropped) = q.div_rem(&unit);
    let twice: BigUint = dropped * 2u32;
    let up = if drop == 0 {
        // Nothing dropped from q: the fraction r / divisor decides.
        let twice_r: BigUint = r * 2u32;
        twice_r > *divisor || (twice_r == *divisor && kept.is_odd())
    } else {
        twice > unit || (twice == unit && (!r.is_zero() || kept.is_odd()))
    };
    if up {
        kept += 1u32;
    }
    if kept.is_zero() && nonzero {
        return Err(Fault::Underflow);
    }
    // kept × 10^(drop − 28)
    let mut scale = 28i64 - i64::from(drop);
    if scale < 0 {
        kept *= pow10(u32::try_from(-scale).map_err(|_| Fault::TooLarge)?);
        scale = 0;
    }
    let m = kept
        .to_u128()
        .filter(|&m| m <= MAX_MANTISSA)
        .and_then(|m| i128::try_from(m).ok())
        .ok_or(Fault::TooLarge)?;
    let scale = u32::try_from(scale).map_err(|_| Fault::TooLarge)?;
    Decimal::try_from_i128_with_scale(if negative { -m } else { m }, scale)
        .map(|d| d.normalize())
        .map_err(|_| Fault::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn terms(num: &str, den: &str, from: Option<&str>, to: Option<&str>) -> Terms {
        let r = crate::unit::table::Ratio {
            num: dec(num),
            den: dec(den),
            exp: 0,
        };
        let (num, den) = crate::unit::table::big_ratio(r);
        let (num, den) = reduce(num, den);
        Terms {
            offset_from: from.map(dec),
            multiplier: multiplier(&num, &den),
            terminates: terminates(&num, &den),
            num,
            den,
            offset_to: to.map(dec),
        }
    }

    #[test]
    fn terminating_ratios() {
        let t = |a: &str, b: &str| terms(a, b, None, None).terminates;
        assert!(t("0.001", "1000"));
        assert!(t("9", "5"));
        assert!(t("3", "6"));
        assert!(!t("5", "9"));
        assert!(!t("1000", "3600"));
    }

    #[test]
    fn slow_and_fast_agree() {
        let t = terms("0.001", "1000", None, None);
        let v = dec("79228162514264337593543950335");
        assert_eq!(convert(v, &t), Ok(dec("79228162514264337593543.950335")));
        assert_eq!(slow(v, &t), Ok(dec("79228162514264337593543.950335")));
        assert_eq!(
            convert(dec("0.0000000000000000000000000001"), &t),
            Err(Fault::Underflow)
        );
        // 5/9 of 1 at 28 significant digits; of 10⁻²⁸, half of the smallest step rounds to it.
        let f = terms("5", "9", None, None);
        assert_eq!(
            convert(Decimal::ONE, &f),
            Ok(dec("0.5555555555555555555555555556"))
        );
        assert_eq!(
            convert(dec("0.0000000000000000000000000001"), &f),
            Ok(dec("0.0000000000000000000000000001"))
        );
        let tiny = terms("1", "3", None, None);
        assert_eq!(
            convert(dec("0.0000000000000000000000000001"), &tiny),
            Err(Fault::Underflow)
        );
        assert_eq!(convert(dec("-300"), &tiny), Ok(dec("-100")));
        assert_eq!(
            convert(dec("-1"), &tiny),
            Ok(dec("-0.3333333333333333333333333333"))
        );
        // Large: 28 significant digits, rounded to a whole number.
        assert_eq!(
            convert(dec("70000000000000000000000000000"), &tiny),
            Ok(dec("23333333333333333333333333330"))
        );
    }

    proptest::proptest! {
        /// The fast path, where it answers, gives what the exact computation gives.
        #[test]
        fn fast_agrees_with_slow(
            m in -(1i128 << 96) + 1..(1i128 << 96), s in 0u32..=28,
            which in 0usize..6,
        ) {
            let v = Decimal::from_i128_with_scale(m, s);
            let t = [
                terms("0.001", "1000", None, None),
                terms("1000", "0.001", None, None),
                terms("1", "1", Some("273.15"), None),
                terms("1", "1", None, Some("273.15")),
                terms("9", "5", Some("273.15"), Some("459.67")),
                terms("0.45359237", "1", None, None),
            ];
            let t = &t[which];
            if let Some(mul) = t.multiplier {
                if let Some(f) = fast(v, mul, t) {
                    proptest::prop_assert_eq!(Ok(f.normalize()), slow(v, t));
                }
            }
        }
    }
}
