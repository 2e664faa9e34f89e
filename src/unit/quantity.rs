//! Quantities: an exact decimal value in a unit, conversions and checked arithmetic.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::Error;
use crate::number::{ascii_number_char, parse_decimal, truncate};

use super::dimension::Dimension;
use super::exact::{self, Fault, Terms};
use super::table::exact_mul;
use super::Unit;

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
    Error::overflow(format!("converting {value} {from} to {to}"))
}

fn conversion(from: &Unit, to: &Unit, absolute: bool) -> Result<Terms, Error> {
    let (fd, td) = (from.dimension(), to.dimension());
    if fd != td {
        return Err(Error::incompatible(format!(
            "cannot convert \"{from}\" ({fd}) to \"{to}\" ({td})"
        )));
    }
    let (f, t) = (from.ratio(), to.ratio());
    let (num, den) = exact_mul(f.num, t.den)
        .zip(exact_mul(f.den, t.num))
        .ok_or_else(|| Error::overflow(format!("the factor from {from} to {to}")))?;
    Ok(Terms {
        offset_from: if absolute { from.offset() } else { None },
        num,
        den,
        offset_to: if absolute { to.offset() } else { None },
        multiplier: exact::multiplier(num, den),
        terminates: exact::terminates(num, den),
    })
}

/// Applies the conversion, turning a fault into the error of the house style.
fn apply(value: Decimal, from: &Unit, to: &Unit, terms: &Terms) -> Result<Decimal, Error> {
    exact::convert(value, terms).map_err(|fault| match fault {
        Fault::TooLarge => overflow(value, from, to),
        Fault::Underflow => Error::inexact(format!(
            "converting {value} {from} to {to}: the result is not 0 but smaller than 10⁻²⁸, the smallest step of a decimal: it would be rounded to 0"
        )),
        Fault::Digits { rounded } => Error::inexact(format!(
            "converting {value} {from} to {to}: the exact result has more digits than a decimal holds (28 decimal places, 28 significant digits){}",
            rounded
                .map(|r| format!(": it would be rounded to {r}"))
                .unwrap_or_default()
        )),
    })
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
            format!("below absolute zero ({zero} {unit})"),
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

    fn refuse_level(&self, op: &str) -> Result<(), Error> {
        if self.unit.dimension().is_level() {
            return Err(Error::invalid(
                "quantity",
                &self.to_string(),
                format!("cannot {op} a level in decibels: decibels are logarithmic"),
            ));
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
    /// error for decibel levels, an overflow error beyond 28 significant digits.
    pub fn checked_add(&self, other: &Quantity) -> Result<Quantity, Error> {
        self.refuse_level("add")?;
        if self.absolute_temperature() && other.absolute_temperature() {
            return Err(Error::incompatible(format!(
                "cannot add two absolute temperatures \"{self}\" and \"{other}\": add a difference such as \"Δ2 K\""
            )));
        }
        let (mine, theirs) = if self.difference && !other.difference {
            // Difference + absolute: the absolute one sets the scale.
            (other.to(&self.unit)?.value, self.value)
        } else {
            (self.value, self.other_in_my_unit(other)?)
        };
        let value = mine
            .checked_add(theirs)
            .ok_or_else(|| Error::overflow(format!("adding {self} and {other}")))?;
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
        self.refuse_level("subtract")?;
        if self.difference && other.absolute_temperature() {
            return Err(Error::incompatible(format!(
                "cannot subtract the absolute temperature \"{other}\" from the difference \"{self}\""
            )));
        }
        let theirs = self.other_in_my_unit(other)?;
        let value = self
            .value
            .checked_sub(theirs)
            .ok_or_else(|| Error::overflow(format!("subtracting {other} from {self}")))?;
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
    /// beyond 28 significant digits.
    pub fn checked_mul(&self, factor: Decimal) -> Result<Quantity, Error> {
        self.refuse_level("multiply")?;
        if self.absolute_temperature() && self.unit.has_offset() {
            return Err(Error::invalid(
                "quantity",
                &self.to_string(),
                "cannot multiply an absolute temperature on a scale with an offset: convert to K first",
            ));
        }
        let value = self
            .value
            .checked_mul(factor)
            .ok_or_else(|| Error::overflow(format!("multiplying {self} by {factor}")))?;
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
            return Err(Error::incompatible(format!(
                "cannot compare \"{self}\" with \"{other}\": one is a temperature difference, the other an absolute temperature"
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
        let place = || format!("quantity \"{}\"", truncate(text));
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
                "expected a number followed by a unit, such as \"3.50 W/W\"",
            ));
        }
        let value = parse_decimal(number, "number").map_err(|e| e.context(place()))?;
        let unit_text = unit_text.trim();
        let unit = if unit_text.is_empty() {
            Unit::one()
        } else {
            unit_text.parse::<Unit>().map_err(|e| e.context(place()))?
        };
        if difference && !is_temperature(&unit) {
            return Err(Error::invalid(
                "quantity",
                &truncate(text),
                "a difference \"Δ\" applies to temperatures only",
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
        text.parse().map_err(serde::de::Error::custom)
    }
}
