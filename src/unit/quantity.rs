//! Quantities: an exact decimal value in a unit, conversions and checked arithmetic.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{t, Error};
use crate::number::{ascii_number_char, parse_decimal, truncate};

use super::dimension::Dimension;
use super::exact::{self, Fault, Ratio, Terms};
use super::table::big_ratio;
use super::Unit;
use crate::number::exact as arith;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        PLACE_QUANTITY = "quantity \"{0}\"", "量值 \"{0}\"";
        CONVERTING = "converting {0} {1} to {2}", "将 {0} {1} 换算为 {2}";
        CANNOT_CONVERT = "cannot convert \"{0}\" ({1}) to \"{2}\" ({3})", "不能将 \"{0}\"（{1}）换算为 \"{2}\"（{3}）";
        UNDERFLOW = "converting {0} {1} to {2}: the result is not 0 but smaller than 10⁻²⁸, the smallest step of a decimal: it would be rounded to 0",
            "将 {0} {1} 换算为 {2}：结果不为 0，但小于小数的最小步长 10⁻²⁸：会被修约为 0";
        TOO_MANY_DIGITS = "converting {0} {1} to {2}: the exact result has more digits than a decimal holds (28 decimal places, 28 significant digits)",
            "将 {0} {1} 换算为 {2}：精确结果的位数超出小数所能容纳（28 位小数，28 位有效数字）";
        TOO_MANY_DIGITS_ROUNDED = "converting {0} {1} to {2}: the exact result has more digits than a decimal holds (28 decimal places, 28 significant digits): it would be rounded to {3}",
            "将 {0} {1} 换算为 {2}：精确结果的位数超出小数所能容纳（28 位小数，28 位有效数字）：会被修约为 {3}";
        BELOW_ABSOLUTE_ZERO = "below absolute zero ({0} {1})", "低于绝对零度（{0} {1}）";
        LEVEL_ADD = "cannot add a level in decibels: decibels are logarithmic", "不能对以分贝表示的级做加法：分贝是对数单位";
        LEVEL_SUBTRACT = "cannot subtract a level in decibels: decibels are logarithmic", "不能对以分贝表示的级做减法：分贝是对数单位";
        LEVEL_MULTIPLY = "cannot multiply a level in decibels: decibels are logarithmic", "不能对以分贝表示的级做乘法：分贝是对数单位";
        ADD_TEMPERATURES = "cannot add two absolute temperatures \"{0}\" and \"{1}\": add a difference such as \"Δ2 K\"",
            "不能将两个绝对温度 \"{0}\" 和 \"{1}\" 相加：请加上温差，如 \"Δ2 K\"";
        ADDING = "adding {0} and {1}", "{0} 加 {1}";
        SUBTRACT_TEMPERATURE = "cannot subtract the absolute temperature \"{0}\" from the difference \"{1}\"",
            "不能从温差 \"{1}\" 中减去绝对温度 \"{0}\"";
        SUBTRACTING = "subtracting {0} from {1}", "{1} 减 {0}";
        MULTIPLY_OFFSET = "cannot multiply an absolute temperature on a scale with an offset: convert to K first",
            "不能对零点有偏移的温标上的绝对温度做乘法：请先换算为 K";
        MULTIPLYING = "multiplying {0} by {1}", "{0} 乘以 {1}";
        COMPARE_DIFFERENCE = "cannot compare \"{0}\" with \"{1}\": one is a temperature difference, the other an absolute temperature",
            "不能比较 \"{0}\" 与 \"{1}\"：一个是温差，另一个是绝对温度";
        EXPECTED_QUANTITY = "expected a number followed by a unit, such as \"3.50 W/W\"", "应为数字加单位，如 \"3.50 W/W\"";
        DIFFERENCE_NOT_TEMPERATURE = "a difference \"Δ\" applies to temperatures only", "差值符号 \"Δ\" 只用于温度";
    }
}

/// A value in a unit (量值): `3.50 W/W`, `1 in`, `-40 °C`, `97.0 %`.
///
/// The value keeps the digits it was written with. A quantity of temperature is either an
/// absolute temperature (`20 °C`, the default) or a temperature difference (`Δ2 °C`, written
/// with a leading `Δ`): ±2 °C in a tolerance is 2 K, never 275.15 K. For every other dimension
/// the distinction does not arise and [`Quantity::is_difference`] is false.
///
/// ```
/// use duibiao::{Quantity, Unit};
///
/// let q: Quantity = "20°C".parse()?;
/// assert_eq!(q.to_string(), "20 °C");
/// assert_eq!(q.to(&"°F".parse()?)?.value().to_string(), "68");
/// let d: Quantity = "Δ2 °C".parse()?;
/// assert_eq!(d.to(&"°F".parse()?)?.to_string(), "Δ3.6 °F");
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Quantity {
    value: Decimal,
    unit: Unit,
    difference: bool,
}

fn overflow(value: Decimal, from: &Unit, to: &Unit) -> Error {
    Error::overflow(t!(
        msg::CONVERTING,
        value.to_string(),
        from.to_string(),
        to.to_string()
    ))
}

fn conversion(from: &Unit, to: &Unit, absolute: bool) -> Result<Terms, Error> {
    let (fd, td) = (from.dimension(), to.dimension());
    if fd != td {
        return Err(Error::incompatible(t!(
            msg::CANNOT_CONVERT,
            from.to_string(),
            fd.text(),
            to.to_string(),
            td.text()
        )));
    }
    let ((fnum, fden), (tnum, tden)) = (big_ratio(from.ratio()), big_ratio(to.ratio()));
    let (num, den) = exact::reduce(fnum * tden, fden * tnum);
    Ok(Terms {
        offset_from: if absolute { from.offset() } else { None },
        multiplier: exact::multiplier(&num, &den),
        terminates: exact::terminates(&num, &den),
        num,
        den,
        offset_to: if absolute { to.offset() } else { None },
    })
}

/// Applies the conversion, turning a fault into the error of the house style.
fn apply(value: Decimal, from: &Unit, to: &Unit, terms: &Terms) -> Result<Decimal, Error> {
    exact::convert(value, terms).map_err(|fault| {
        let (v, f, u) = (value.to_string(), from.to_string(), to.to_string());
        match fault {
            Fault::TooLarge => overflow(value, from, to),
            Fault::Underflow => Error::inexact(t!(msg::UNDERFLOW, v, f, u)),
            Fault::Digits { rounded: None } => Error::inexact(t!(msg::TOO_MANY_DIGITS, v, f, u)),
            Fault::Digits { rounded: Some(r) } => {
                Error::inexact(t!(msg::TOO_MANY_DIGITS_ROUNDED, v, f, u, r.to_string()))
            }
        }
    })
}

/// Applies the conversion, with the exact result where the decimal was rounded.
fn apply_exact(
    value: Decimal,
    from: &Unit,
    to: &Unit,
    terms: &Terms,
) -> Result<(Decimal, Option<Ratio>), Error> {
    match exact::convert_exact(value, terms) {
        Ok(r) => Ok(r),
        Err(_) => apply(value, from, to, terms).map(|d| (d, None)),
    }
}

/// The number of significant digits [`Converted`]'s text is rounded to.
pub(crate) const SIGNIFICANT_DIGITS: u32 = 28;

/// The result of a conversion ([`Quantity::convert`]): the decimal that [`convert_value`]
/// gives, whether it is the exact result, and the exact result's text.
///
/// Where the ratio of the two units terminates the result is exact (or the conversion is
/// refused) and its text is the decimal's. Where it does not (mm → in: 5/127, °F → K: 5/9),
/// the text is the exact result rounded once, half to even, to 28 significant digits, however
/// small the result: `1 nm` is `0.00000003937007874015748031496062992 in`, while the decimal,
/// which holds at most 28 decimal places, is `0.000000039370078740157480315`. The text is
/// always positional, never an exponent: a result below 10⁻²⁸ is refused (a decimal would
/// round it to 0), so it has at most 56 decimal places, and a result holds at most 29 integer
/// digits (beyond ±7.9 × 10²⁸ it is refused), the digits after the 28th written as zeros.
/// Trailing zeros after the decimal point are dropped, as [`Decimal::normalize`] drops them.
///
/// ```
/// let q: duibiao::Quantity = "1 nm".parse()?;
/// let c = q.convert(&"in".parse()?)?;
/// assert!(!c.is_exact());
/// assert_eq!(c.to_string(), "0.00000003937007874015748031496062992");
/// assert_eq!(c.value().to_string(), "0.000000039370078740157480315");
/// let e = q.convert(&"pm".parse()?)?;
/// assert!(e.is_exact());
/// assert_eq!(e.to_string(), "1000");
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Converted {
    value: Decimal,
    exact: Option<Ratio>,
}

impl Converted {
    /// The result as a decimal: exact, or rounded as [`convert_value`] rounds.
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// True when [`Converted::value`] is the exact result.
    pub fn is_exact(&self) -> bool {
        self.exact.is_none()
    }
}

impl fmt::Display for Converted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.exact {
            None => write!(f, "{}", self.value.normalize()),
            Some(r) => f.write_str(&r.significant(SIGNIFICANT_DIGITS)),
        }
    }
}

/// Refuses an absolute temperature below absolute zero (`-500 °F`, `-1 K`).
fn check_absolute_zero(value: Decimal, unit: &Unit) -> Result<(), Error> {
    if !is_temperature(unit) {
        return Ok(());
    }
    let zero = unit.offset().map_or(Decimal::ZERO, |o| -o);
    if value < zero {
        return Err(Error::invalid(
            "temperature",
            &format!("{value} {unit}"),
            t!(msg::BELOW_ABSOLUTE_ZERO, zero.to_string(), unit.to_string()),
        ));
    }
    Ok(())
}

/// Converts a value from one unit to another, offsets included: `20` from `°C` to `K` is
/// `293.15`. A lone `°C` or `°F` is an absolute temperature here, and one below absolute zero
/// (`-500 °F`, `-1 K`) is refused.
///
/// Never rounds silently. Where the ratio of the two units terminates as a decimal (mm → km,
/// kW·h → MJ, °C → °F, lb → g) the result is exact, or refused when a decimal cannot hold it:
/// more than 28 decimal places (`0.0000000000000000000000000001 mm` in km), more digits than a
/// decimal holds, beyond ±7.9 × 10²⁸. Where the ratio does not terminate (°F → K: 5/9, km/h →
/// m/s: 5/18, in → ft, psi → Pa) the exact result is rounded once, half to even, to 28
/// significant digits (at most 28 decimal places); a nonzero result that would round to 0 is
/// refused, and the sign never changes. The result carries no trailing zeros (`68`, not
/// `68.00`): converted digits are not written digits, so round it as the indicator requires.
/// Converting a unit into itself returns the value untouched.
///
/// ```
/// use duibiao::{convert_value, Unit};
/// use rust_decimal::Decimal;
///
/// let v = convert_value(Decimal::ONE, &"kW·h".parse()?, &"MJ".parse()?)?;
/// assert_eq!(v, Decimal::new(36, 1));
/// let tiny = Decimal::new(1, 28); // 10⁻²⁸ mm is 10⁻³⁴ km
/// assert!(convert_value(tiny, &"mm".parse()?, &"km".parse()?).is_err());
/// # Ok::<(), duibiao::Error>(())
/// ```
///
/// # Errors
///
/// An incompatible error when the dimensions differ (`cannot convert "kg" (mass) to "mm"
/// (length)`), an invalid error for a temperature below absolute zero, an overflow error
/// ([`Error::is_overflow`]) when the result does not fit in a decimal or, for a terminating
/// ratio, cannot be held exactly.
pub fn convert_value(value: Decimal, from: &Unit, to: &Unit) -> Result<Decimal, Error> {
    check_absolute_zero(value, from)?;
    if from == to {
        return Ok(value);
    }
    let terms = conversion(from, to, true)?;
    apply(value, from, to, &terms)
}

/// Converts a difference (an interval) from one unit to another, without offsets: a
/// difference of `2` °C is `2` K and `3.6` °F.
///
/// Exact, refused or rounded under the same rule as [`convert_value`]; a difference may be
/// negative.
///
/// ```
/// use duibiao::{convert_difference, Unit};
/// use rust_decimal::Decimal;
///
/// let v = convert_difference(Decimal::TWO, &"K".parse()?, &"°F".parse()?)?;
/// assert_eq!(v, Decimal::new(36, 1));
/// # Ok::<(), duibiao::Error>(())
/// ```
///
/// # Errors
///
/// As [`convert_value`], without the check of absolute zero.
pub fn convert_difference(value: Decimal, from: &Unit, to: &Unit) -> Result<Decimal, Error> {
    if from == to {
        return Ok(value);
    }
    let terms = conversion(from, to, false)?;
    apply(value, from, to, &terms)
}

/// True when the dimension is a temperature, where absolute and difference differ.
fn is_temperature(unit: &Unit) -> bool {
    unit.dimension() == Dimension::TEMPERATURE
}

impl Quantity {
    /// A quantity; an absolute temperature if the unit is one.
    ///
    /// ```
    /// use duibiao::{Quantity, Unit};
    /// use rust_decimal::Decimal;
    ///
    /// let q = Quantity::new(Decimal::new(254, 1), "mm".parse()?);
    /// assert_eq!(q.to_string(), "25.4 mm");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn new(value: Decimal, unit: Unit) -> Quantity {
        Quantity {
            value,
            unit,
            difference: false,
        }
    }

    /// A temperature difference (温差); for any other dimension the same as [`Quantity::new`].
    ///
    /// ```
    /// use duibiao::{Quantity, Unit};
    /// use rust_decimal::Decimal;
    ///
    /// let d = Quantity::difference(Decimal::TWO, "°C".parse()?);
    /// assert_eq!(d.to(&"K".parse()?)?.to_string(), "Δ2 K");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn difference(value: Decimal, unit: Unit) -> Quantity {
        let difference = is_temperature(&unit);
        Quantity {
            value,
            unit,
            difference,
        }
    }

    /// The value, with the digits it was written with.
    ///
    /// ```
    /// let q: duibiao::Quantity = "97.0 %".parse()?;
    /// assert_eq!(q.value().to_string(), "97.0");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The unit.
    ///
    /// ```
    /// let q: duibiao::Quantity = "3.50 W/W".parse()?;
    /// assert_eq!(q.unit().to_string(), "W/W");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn unit(&self) -> &Unit {
        &self.unit
    }

    /// True for a temperature difference, false for an absolute temperature and for every
    /// other dimension.
    ///
    /// ```
    /// let q: duibiao::Quantity = "Δ2 K".parse()?;
    /// assert!(q.is_difference());
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn is_difference(&self) -> bool {
        self.difference
    }

    fn absolute_temperature(&self) -> bool {
        !self.difference && is_temperature(&self.unit)
    }

    /// Converts into `unit`: an absolute temperature with offsets, a difference without.
    ///
    /// ```
    /// let q: duibiao::Quantity = "1 in".parse()?;
    /// assert_eq!(q.to(&"mm".parse()?)?.to_string(), "25.4 mm");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`convert_value`].
    pub fn to(&self, unit: &Unit) -> Result<Quantity, Error> {
        let convert = if self.difference {
            convert_difference
        } else {
            convert_value
        };
        Ok(Quantity {
            value: convert(self.value, &self.unit, unit)?,
            unit: unit.clone(),
            difference: self.difference,
        })
    }

    /// Converts into `unit` as [`Quantity::to`] does, keeping the exact result where the
    /// decimal is rounded ([`Converted`]).
    ///
    /// ```
    /// let q: duibiao::Quantity = "1 °F".parse()?;
    /// let k = q.convert(&"K".parse()?)?;
    /// assert_eq!(k.to_string(), "255.9277777777777777777777778");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`convert_value`].
    pub fn convert(&self, unit: &Unit) -> Result<Converted, Error> {
        if !self.difference {
            check_absolute_zero(self.value, &self.unit)?;
        }
        if self.unit == *unit {
            return Ok(Converted {
                value: self.value,
                exact: None,
            });
        }
        let terms = conversion(&self.unit, unit, !self.difference)?;
        let (value, exact) = apply_exact(self.value, &self.unit, unit, &terms)?;
        Ok(Converted { value, exact })
    }

    /// Reads the quantity as a difference and converts it without offsets: `2 °C` gives
    /// `Δ2 K`, `2 K` gives `Δ3.6 °F`.
    ///
    /// ```
    /// let q: duibiao::Quantity = "2 K".parse()?;
    /// assert_eq!(q.to_difference(&"°F".parse()?)?.to_string(), "Δ3.6 °F");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`convert_value`].
    pub fn to_difference(&self, unit: &Unit) -> Result<Quantity, Error> {
        Ok(Quantity::difference(
            convert_difference(self.value, &self.unit, unit)?,
            unit.clone(),
        ))
    }

    /// Refuses arithmetic on a level: `op` says which (`msg::LEVEL_ADD` …).
    fn refuse_level(&self, op: &'static crate::error::Msg) -> Result<(), Error> {
        if self.unit.dimension().is_level() {
            return Err(Error::invalid("quantity", &self.to_string(), t!(op)));
        }
        Ok(())
    }

    /// `other` in this quantity's unit, converted as what it is (absolute or difference).
    fn other_in_my_unit(&self, other: &Quantity) -> Result<Decimal, Error> {
        Ok(other.to(&self.unit)?.value)
    }

    /// The sum, in this quantity's unit. A difference may be added to an absolute temperature
    /// or to a difference; two absolute temperatures cannot be added.
    ///
    /// ```
    /// let t: duibiao::Quantity = "20 °C".parse()?;
    /// let sum = t.checked_add(&"Δ2 K".parse()?)?;
    /// assert_eq!(sum.to_string(), "22 °C");
    /// assert!(t.checked_add(&"30 °C".parse()?).is_err());
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An incompatible error for different dimensions or two absolute temperatures, an invalid
    /// error for decibel levels, an overflow error beyond the range of a decimal, an inexact error for a sum
    /// that needs more than 28 significant digits.
    pub fn checked_add(&self, other: &Quantity) -> Result<Quantity, Error> {
        self.refuse_level(msg::LEVEL_ADD)?;
        if self.absolute_temperature() && other.absolute_temperature() {
            return Err(Error::incompatible(t!(
                msg::ADD_TEMPERATURES,
                self.to_string(),
                other.to_string()
            )));
        }
        let (mine, theirs) = if self.difference && !other.difference {
            // Difference + absolute: the absolute one sets the scale.
            (other.to(&self.unit)?.value, self.value)
        } else {
            (self.value, self.other_in_my_unit(other)?)
        };
        let value = arith::try_add(mine, theirs)
            .map_err(|f| f.error(t!(msg::ADDING, self.to_string(), other.to_string())))?;
        Ok(Quantity {
            value,
            unit: self.unit.clone(),
            difference: self.difference && other.difference,
        })
    }

    /// The difference `self − other`, in this quantity's unit. Absolute minus absolute
    /// temperature is a difference; a difference minus an absolute temperature is refused.
    ///
    /// ```
    /// let a: duibiao::Quantity = "30 °C".parse()?;
    /// let d = a.checked_sub(&"68 °F".parse()?)?;
    /// assert_eq!(d.to_string(), "Δ10 °C");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Quantity::checked_add`]; an incompatible error for a difference minus an absolute
    /// temperature.
    pub fn checked_sub(&self, other: &Quantity) -> Result<Quantity, Error> {
        self.refuse_level(msg::LEVEL_SUBTRACT)?;
        if self.difference && other.absolute_temperature() {
            return Err(Error::incompatible(t!(
                msg::SUBTRACT_TEMPERATURE,
                other.to_string(),
                self.to_string()
            )));
        }
        let theirs = self.other_in_my_unit(other)?;
        let value = arith::try_sub(self.value, theirs)
            .map_err(|f| f.error(t!(msg::SUBTRACTING, other.to_string(), self.to_string())))?;
        let difference = is_temperature(&self.unit) && (self.difference || !other.difference);
        Ok(Quantity {
            value,
            unit: self.unit.clone(),
            difference,
        })
    }

    /// The quantity times a pure number. Refused for levels and for absolute temperatures on
    /// a scale with an offset (twice 20 °C is not 40 °C).
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// let q: duibiao::Quantity = "4.0 L".parse()?;
    /// assert_eq!(q.checked_mul(Decimal::new(15, 1))?.to_string(), "6.00 L");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An invalid error for a level or an absolute °C / °F temperature, an overflow error
    /// beyond the range of a decimal, an inexact error for a product that needs more than 28
    /// significant digits.
    pub fn checked_mul(&self, factor: Decimal) -> Result<Quantity, Error> {
        self.refuse_level(msg::LEVEL_MULTIPLY)?;
        if self.absolute_temperature() && self.unit.has_offset() {
            return Err(Error::invalid(
                "quantity",
                &self.to_string(),
                t!(msg::MULTIPLY_OFFSET),
            ));
        }
        let value = arith::try_mul(self.value, factor)
            .map_err(|f| f.error(t!(msg::MULTIPLYING, self.to_string(), factor.to_string())))?;
        Ok(Quantity {
            value,
            unit: self.unit.clone(),
            difference: self.difference,
        })
    }

    /// Compares two quantities of the same dimension, converting `other` into this unit.
    /// Levels compare as levels; an absolute temperature never compares with a difference.
    ///
    /// ```
    /// use std::cmp::Ordering;
    /// let a: duibiao::Quantity = "1 in".parse()?;
    /// assert_eq!(a.checked_cmp(&"25.4 mm".parse()?)?, Ordering::Equal);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An incompatible error for different dimensions or an absolute temperature against a
    /// difference; an overflow error when `other` does not fit in this unit.
    pub fn checked_cmp(&self, other: &Quantity) -> Result<Ordering, Error> {
        if self.difference != other.difference {
            return Err(Error::incompatible(t!(
                msg::COMPARE_DIFFERENCE,
                self.to_string(),
                other.to_string()
            )));
        }
        Ok(self.value.cmp(&self.other_in_my_unit(other)?))
    }
}

impl FromStr for Quantity {
    type Err = Error;

    /// Reads a number, optional spaces and a unit (`3.50 W/W`, `20°C`, `5%`); no unit means
    /// the dimensionless `1`. A leading `Δ` marks a temperature difference.
    ///
    /// # Errors
    ///
    /// A syntax error when no number leads, the number's or the unit's errors otherwise, each
    /// placed inside `quantity "…"`.
    fn from_str(text: &str) -> Result<Quantity, Error> {
        let place = || t!(msg::PLACE_QUANTITY, truncate(text));
        let trimmed = text.trim();
        let (difference, body) = match trimmed.strip_prefix('Δ') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, trimmed),
        };
        let split = body
            .char_indices()
            // A comma is read as part of the number so that its message says why it is refused.
            .find(|&(_, c)| ascii_number_char(c).is_none() && c != ',' && c != '，')
            .map_or(body.len(), |(i, _)| i);
        let (number, unit_text) = body.split_at(split);
        if number.is_empty() {
            return Err(Error::syntax(
                "quantity",
                &truncate(text),
                t!(msg::EXPECTED_QUANTITY),
            ));
        }
        let value = parse_decimal(number, "number").map_err(|e| e.place(place()))?;
        let unit_text = unit_text.trim();
        let unit = if unit_text.is_empty() {
            Unit::one()
        } else {
            unit_text.parse::<Unit>().map_err(|e| e.place(place()))?
        };
        if difference && !is_temperature(&unit) {
            return Err(Error::invalid(
                "quantity",
                &truncate(text),
                t!(msg::DIFFERENCE_NOT_TEMPERATURE),
            ));
        }
        Ok(Quantity {
            value,
            unit,
            difference,
        })
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.difference {
            f.write_str("Δ")?;
        }
        write!(f, "{}", self.value)?;
        if self.unit.text() != "1" {
            write!(f, " {}", self.unit)?;
        }
        Ok(())
    }
}

impl serde::Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Quantity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Quantity, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(crate::error::Error::into_serde)
    }
}
