//! Dimensions: exponents of the seven SI base dimensions, plus a tag for logarithmic levels.

use std::fmt;

/// The seven SI base dimensions, in the order of [`Dimension`]'s exponents.
const BASE_NAMES: [&str; 7] = [
    "length",
    "mass",
    "time",
    "electric current",
    "temperature",
    "amount of substance",
    "luminous intensity",
];

/// What kind of logarithmic level a unit measures, if any.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Level {
    /// A linear quantity: the usual arithmetic applies.
    Linear,
    /// A level in decibels (dB).
    Decibel,
    /// An A-weighted sound level (dB(A)); never comparable with an unweighted one.
    DecibelA,
}

/// The dimension of a unit: exponents of length, mass, time, electric current, temperature,
/// amount of substance and luminous intensity (量纲), or a logarithmic level.
///
/// Two units convert into each other exactly when their dimensions are equal. `Display` gives
/// the everyday name where there is one (`pressure`, `energy`) and the product of base
/// dimensions otherwise (`mass·length⁻³`).
///
/// ```
/// use duibiao::Unit;
///
/// let u: Unit = "kg/m³".parse()?;
/// assert_eq!(u.dimension().to_string(), "mass·length⁻³");
/// let p: Unit = "N/mm²".parse()?;
/// assert_eq!(p.dimension().to_string(), "pressure");
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Dimension {
    exponents: [i8; 7],
    level: Level,
}

impl Dimension {
    /// A pure number: `1`, `%`, `ppm`, `W/W`.
    pub const DIMENSIONLESS: Dimension = Dimension::new([0; 7]);
    /// Length (长度): `m`, `mm`, `in`.
    pub const LENGTH: Dimension = Dimension::new([1, 0, 0, 0, 0, 0, 0]);
    /// Mass (质量): `kg`, `g`, `lb`.
    pub const MASS: Dimension = Dimension::new([0, 1, 0, 0, 0, 0, 0]);
    /// Time (时间): `s`, `h`, `a`.
    pub const TIME: Dimension = Dimension::new([0, 0, 1, 0, 0, 0, 0]);
    /// Thermodynamic temperature (温度), absolute or as a difference: `K`, `°C`, `°F`.
    pub const TEMPERATURE: Dimension = Dimension::new([0, 0, 0, 0, 1, 0, 0]);

    pub(crate) const fn new(exponents: [i8; 7]) -> Dimension {
        Dimension {
            exponents,
            level: Level::Linear,
        }
    }

    pub(crate) const fn level(level: Level) -> Dimension {
        Dimension {
            exponents: [0; 7],
            level,
        }
    }

    /// True for a logarithmic level (dB, dB(A)): such values are compared as levels only, never
    /// added, scaled or converted to a linear unit.
    ///
    /// ```
    /// let db: duibiao::Unit = "dB(A)".parse()?;
    /// assert!(db.dimension().is_level());
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn is_level(&self) -> bool {
        self.level != Level::Linear
    }

    /// The exponents of length, mass, time, electric current, temperature, amount of substance
    /// and luminous intensity, in that order (all zero for a level).
    ///
    /// ```
    /// let u: duibiao::Unit = "W".parse()?;
    /// assert_eq!(u.dimension().exponents(), [2, 1, -3, 0, 0, 0, 0]);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn exponents(&self) -> [i8; 7] {
        self.exponents
    }

    /// The dimension of a product of units, or `None` if an exponent leaves `i8` or a level is
    /// involved.
    pub(crate) fn checked_mul(self, other: Dimension, power: i8) -> Option<Dimension> {
        if self.is_level() || other.is_level() {
            return None;
        }
        let mut exponents = self.exponents;
        for (e, o) in exponents.iter_mut().zip(other.exponents) {
            *e = e.checked_add(o.checked_mul(power)?)?;
        }
        Some(Dimension::new(exponents))
    }

    /// The everyday name of a common dimension.
    fn name(&self) -> Option<&'static str> {
        match self.level {
            Level::Decibel => return Some("level"),
            Level::DecibelA => return Some("A-weighted level"),
            Level::Linear => {}
        }
        Some(match self.exponents {
            [0, 0, 0, 0, 0, 0, 0] => "dimensionless",
            [2, 0, 0, 0, 0, 0, 0] => "area",
            [3, 0, 0, 0, 0, 0, 0] => "volume",
            [0, 0, -1, 0, 0, 0, 0] => "frequency",
            [1, 0, -1, 0, 0, 0, 0] => "velocity",
            [3, 0, -1, 0, 0, 0, 0] => "volume flow",
            [1, 1, -2, 0, 0, 0, 0] => "force",
            [-1, 1, -2, 0, 0, 0, 0] => "pressure",
            [2, 1, -2, 0, 0, 0, 0] => "energy",
            [2, 1, -3, 0, 0, 0, 0] => "power",
            [2, 1, -3, -1, 0, 0, 0] => "electric potential",
            [2, 1, -3, -2, 0, 0, 0] => "electrical resistance",
            [1, 1, -3, 0, -1, 0, 0] => "thermal conductivity",
            [-2, 0, 0, 0, 0, 0, 1] => "illuminance",
            [-2, -1, 3, 0, 0, 0, 1] => "luminous efficacy",
            _ => return None,
        })
    }
}

/// Writes a small integer as Unicode superscripts (`⁻³`).
pub(crate) fn write_superscript(f: &mut impl fmt::Write, n: i8) -> fmt::Result {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    if n < 0 {
        f.write_char('⁻')?;
    }
    for c in n.unsigned_abs().to_string().bytes() {
        let d = DIGITS
            .get(usize::from(c.wrapping_sub(b'0')))
            .copied()
            .unwrap_or('?');
        f.write_char(d)?;
    }
    Ok(())
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(name) = self.name() {
            return f.write_str(name);
        }
        let mut first = true;
        // Positive exponents first, then negative ones, each in base order.
        for positive in [true, false] {
            for (name, &e) in BASE_NAMES.iter().zip(&self.exponents) {
                if e == 0 || (e > 0) != positive {
                    continue;
                }
                if !first {
                    f.write_str("·")?;
                }
                first = false;
                f.write_str(name)?;
                if e != 1 {
                    write_superscript(f, e)?;
                }
            }
        }
        Ok(())
    }
}
