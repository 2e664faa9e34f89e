//! Units and quantities with exact decimal factors (单位与量).
//!
//! A [`Unit`] is read from text: a symbol of the unit table (`mm`, `kW·h`, `°C`, `%`, `dB(A)`,
//! also ASCII and word spellings such as `um`, `kWh`, `degC`, `percent`, and the Chinese names
//! such as `毫米`), or an expression over table symbols (`W/(m·K)`, `kg/m³`, `N/mm**2`). Each
//! unit knows its [`Dimension`] and its exact factor to the coherent SI unit. A [`Quantity`] is
//! a decimal value in a unit; [`Quantity::to`] converts it exactly where the factors allow.
//!
//! # The unit table
//!
//! | dimension | symbols |
//! |---|---|
//! | dimensionless | `1`, `%` (10⁻²), `‰` (10⁻³), `ppm` (10⁻⁶), `rad`, `sr` |
//! | plane angle | `°`, `′`, `″`, `r` (360°); `r/min`, `r/s` |
//! | length | `m`, `in` (0.0254 m), `ft` (0.3048 m), `n mile` (1852 m) |
//! | area, volume | `m²`, `ha`, `L`, `m³` |
//! | mass | `g` (its kilo is `kg`), `t`, `lb` (0.45359237 kg), `u` |
//! | time | `s`, `min`, `h`, `d`, `a` (Julian year, 365.25 d), `a_365` (365 d), `month` (a/12) |
//! | temperature | `K`, `°C` (offset 273.15), `°F` (factor 5/9, offset 459.67) |
//! | force, pressure | `N`, `lbf`, `Pa`, `bar`, `mbar`, `atm`, `psi` |
//! | energy, power | `J`, `W·h`, `eV`, `gce`, `kgce`, `tce` (29 307.6 kJ per kgce), `W` |
//! | electric, magnetic | `V`, `A`, `Ω`, `S`, `C`, `F`, `H`, `T`, `Wb` |
//! | others | `mol`, `Hz`, `Bq`, `Gy`, `Sv`, `kn`, `tex`, `cd`, `lm`, `lx` |
//! | levels | `dB`, `dB(A)`: compared as levels only |
//!
//! The SI units among them take the 24 SI prefixes (`mW`, `kV`, `MΩ`, `µg`, `cm³`, `kW·h`),
//! generated with exact factors and Chinese names (毫瓦, 千伏, 兆欧).
//!
//! `docs/units.md` lists every spelling and name. Derived units such as `m/s`, `km/h`, `L/min`,
//! `m³/h`, `lm/W`, `mg/L`, `g/m³`, `mg/kg` and `N/mm²` are expressions over these symbols.
//!
//! # Exactness
//!
//! Factors are exact ratios of decimals, and a conversion is computed exactly. Where the ratio
//! of the two units terminates as a decimal (in → mm, kW·h → MJ, °C → K, °C → °F) the result is
//! exact, or refused when a decimal cannot hold it (more than 28 decimal places, an underflow
//! to 0): never rounded. Otherwise (°F → K, km/h → m/s, in → ft, psi → Pa) the exact result is
//! rounded once, half to even, to 28 significant digits (at most 28 decimal places), never to 0
//! and never changing sign. An absolute temperature below absolute zero is refused.
//!
//! # Temperatures and levels
//!
//! A lone `°C` or `°F` is an absolute temperature with an offset; inside an expression
//! (`W/(m·°C)`) it stands for a difference, the size of a kelvin or 5/9 of one. A [`Quantity`]
//! of temperature is either absolute or a difference ([`Quantity::is_difference`]); two absolute
//! temperatures cannot be added, and absolute minus absolute is a difference. Decibel levels
//! cannot be combined with other units, and no arithmetic applies to them.

pub(crate) mod dimension;
pub(crate) mod exact;
pub(crate) mod kind;
pub(crate) mod parse;

pub(crate) use parse::{MAX_UNIT_DEPTH, MAX_UNIT_LEN};
pub(crate) mod quantity;
pub(crate) mod table;
pub(crate) mod uom_door;

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::error::Error;

pub use dimension::Dimension;
pub use kind::{check_same_kind, is_temperature_difference, QuantityKind, TEMPERATURE_DIFFERENCE};
pub use quantity::{convert_difference, convert_value, Converted, Quantity};

use table::{Entry, Ratio};

/// A unit of measurement (计量单位): a table symbol or an expression over table symbols.
///
/// Parsed from text with [`FromStr`]; `Display` gives the canonical text (table symbols, `·`,
/// `/`, Unicode superscripts) and parses back to the same unit. Two units are equal when their
/// canonical texts are equal; units with equal dimensions are [compatible](Unit::is_compatible).
/// Serialized as its canonical text.
///
/// ```
/// use duibiao::Unit;
///
/// let u: Unit = "W/(m*K)".parse()?;
/// assert_eq!(u.to_string(), "W/(m·K)");
/// assert_eq!("kWh".parse::<Unit>()?.to_string(), "kW·h");
/// assert_eq!("m**3".parse::<Unit>()?, "m³".parse::<Unit>()?);
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone)]
pub struct Unit {
    repr: Repr,
}

#[derive(Clone)]
enum Repr {
    Entry(&'static Entry),
    Derived(Arc<Derived>),
}

struct Derived {
    text: Box<str>,
    dimension: Dimension,
    factor: Ratio,
}

impl Unit {
    fn from_entry(entry: &'static Entry) -> Unit {
        Unit {
            repr: Repr::Entry(entry),
        }
    }

    /// The dimensionless unit `1`.
    ///
    /// ```
    /// assert_eq!(duibiao::Unit::one().to_string(), "1");
    /// ```
    pub fn one() -> Unit {
        Unit::from_entry(table::one())
    }

    /// Every unit of the unit table, in table order.
    ///
    /// ```
    /// assert!(duibiao::Unit::table().any(|u| u.to_string() == "kW·h"));
    /// ```
    pub fn table() -> impl Iterator<Item = Unit> {
        table::table().iter().map(Unit::from_entry)
    }

    /// The dimension of the unit.
    ///
    /// ```
    /// let u: duibiao::Unit = "kW·h".parse()?;
    /// assert_eq!(u.dimension().to_string(), "energy");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn dimension(&self) -> Dimension {
        match &self.repr {
            Repr::Entry(e) => e.dimension,
            Repr::Derived(d) => d.dimension,
        }
    }

    /// True when values convert between the two units: their dimensions are equal.
    ///
    /// ```
    /// use duibiao::Unit;
    /// let mpa: Unit = "MPa".parse()?;
    /// assert!(mpa.is_compatible(&"N/mm²".parse()?));
    /// assert!(!mpa.is_compatible(&"kg".parse()?));
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn is_compatible(&self, other: &Unit) -> bool {
        self.dimension() == other.dimension()
    }

    pub(crate) fn ratio(&self) -> Ratio {
        match &self.repr {
            Repr::Entry(e) => e.factor,
            Repr::Derived(d) => d.factor,
        }
    }

    /// The factor to the coherent SI unit (one unit equals `factor` SI units), rounded to 28
    /// significant digits where the exact factor does not terminate (°F: 5/9, psi).
    ///
    /// ```
    /// let u: duibiao::Unit = "in".parse()?;
    /// assert_eq!(u.factor().to_string(), "0.0254");
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// A factor beyond the range of a decimal (the extreme prefixes before a unit that is not
    /// coherent: `QW·h`, `qeV`) gives the nearest end of the range, `Decimal::MAX` or 10⁻²⁸;
    /// [`Unit::exact_factor`] and [`Unit::factor_exponent`] hold it exactly.
    pub fn factor(&self) -> Decimal {
        let (num, den) = table::big_ratio(self.ratio());
        let (num, den) = exact::reduce(num, den);
        let terms = exact::Terms {
            offset_from: None,
            multiplier: exact::multiplier(&num, &den),
            terminates: false,
            num,
            den,
            offset_to: None,
        };
        match exact::convert(Decimal::ONE, &terms) {
            Ok(v) => v,
            Err(exact::Fault::TooLarge) => Decimal::MAX,
            Err(_) => Decimal::new(1, 28),
        }
    }

    /// The exact factor to the coherent SI unit as `(numerator, denominator)`.
    ///
    /// ```
    /// let u: duibiao::Unit = "°F".parse()?;
    /// assert_eq!(u.exact_factor(), (5.into(), 9.into()));
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// The factor is `num / den × 10^e` with `e` = [`Unit::factor_exponent`], which is 0 for
    /// every unit whose power of ten a decimal can hold (all but the extreme prefixes before a
    /// unit that is not coherent, such as `qeV`).
    pub fn exact_factor(&self) -> (Decimal, Decimal) {
        let r = self.ratio();
        (r.num, r.den)
    }

    /// The power of ten of the exact factor beyond [`Unit::exact_factor`]: 0 but for the
    /// extreme prefixes before a unit that is not coherent.
    ///
    /// ```
    /// assert_eq!("kW·h".parse::<duibiao::Unit>()?.factor_exponent(), 0);
    /// assert_ne!("qeV".parse::<duibiao::Unit>()?.factor_exponent(), 0);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn factor_exponent(&self) -> i32 {
        self.ratio().exp
    }

    /// For a unit of the table generated from an SI prefix: the prefix symbol and the unit it
    /// stands before: `("m", "W")` for `mW`, `("c", "m³")` for `cm³`.
    ///
    /// ```
    /// assert_eq!("MΩ".parse::<duibiao::Unit>()?.si_prefix(), Some(("M", "Ω")));
    /// assert_eq!("cm³".parse::<duibiao::Unit>()?.si_prefix(), Some(("c", "m³")));
    /// assert_eq!("min".parse::<duibiao::Unit>()?.si_prefix(), None);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn si_prefix(&self) -> Option<(&'static str, &'static str)> {
        match &self.repr {
            Repr::Entry(e) => e.prefixed.map(|(p, base)| (p.symbol, base)),
            Repr::Derived(_) => None,
        }
    }

    /// The offset of an absolute temperature scale, in the unit itself: SI value = (value +
    /// offset) × factor. `Some(273.15)` for `°C`, `Some(459.67)` for `°F`, `None` otherwise
    /// (and for `°C` inside an expression, where it stands for a difference).
    ///
    /// ```
    /// let u: duibiao::Unit = "℃".parse()?;
    /// assert_eq!(u.offset().map(|o| o.to_string()), Some("273.15".to_owned()));
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn offset(&self) -> Option<Decimal> {
        match &self.repr {
            Repr::Entry(e) => e.offset,
            Repr::Derived(_) => None,
        }
    }

    /// True for an absolute temperature scale with an offset (`°C`, `°F`).
    ///
    /// ```
    /// assert!("°C".parse::<duibiao::Unit>()?.has_offset());
    /// assert!(!"K".parse::<duibiao::Unit>()?.has_offset());
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn has_offset(&self) -> bool {
        self.offset().is_some()
    }

    /// The English name of a table unit (`millimetre`), `None` for an expression.
    ///
    /// ```
    /// assert_eq!("mm".parse::<duibiao::Unit>()?.name_en(), Some("millimetre"));
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn name_en(&self) -> Option<&'static str> {
        match &self.repr {
            Repr::Entry(e) => Some(e.en),
            Repr::Derived(_) => None,
        }
    }

    /// The Chinese name of a table unit (`毫米`), `None` for an expression.
    ///
    /// ```
    /// assert_eq!("kWh".parse::<duibiao::Unit>()?.name_zh(), Some("千瓦时"));
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn name_zh(&self) -> Option<&'static str> {
        match &self.repr {
            Repr::Entry(e) => Some(e.zh),
            Repr::Derived(_) => None,
        }
    }

    /// Other accepted spellings of a table unit (`um`, `μm`, `micrometer` for `µm`).
    ///
    /// ```
    /// assert!("µm".parse::<duibiao::Unit>()?.spellings().contains(&"um"));
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn spellings(&self) -> &'static [&'static str] {
        match &self.repr {
            Repr::Entry(e) => e.spellings,
            Repr::Derived(_) => &[],
        }
    }

    /// The canonical text.
    fn text(&self) -> &str {
        match &self.repr {
            Repr::Entry(e) => e.symbol,
            Repr::Derived(d) => &d.text,
        }
    }
}

impl FromStr for Unit {
    type Err = Error;

    /// # Errors
    ///
    /// A syntax error for malformed text, an unknown-unit error (with the spelling meant where
    /// the correction is obvious, never one with another SI prefix: `kpa` → "kPa", `mW` none)
    /// for a symbol missing from the table, an invalid error for a decibel level combined with
    /// other units.
    fn from_str(text: &str) -> Result<Unit, Error> {
        let trimmed = text.trim();
        if let Some(e) = table::lookup(trimmed) {
            return Ok(Unit::from_entry(e));
        }
        let parsed = parse::parse(trimmed)?;
        if let Some(e) = table::lookup(&parsed.text).filter(|e| e.symbol == parsed.text) {
            return Ok(Unit::from_entry(e));
        }
        Ok(Unit {
            repr: Repr::Derived(Arc::new(Derived {
                text: parsed.text.into_boxed_str(),
                dimension: parsed.dimension,
                factor: parsed.factor,
            })),
        })
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

impl fmt::Debug for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Unit({:?})", self.text())
    }
}

impl PartialEq for Unit {
    fn eq(&self, other: &Unit) -> bool {
        self.text() == other.text()
    }
}

impl Eq for Unit {}

impl std::hash::Hash for Unit {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text().hash(state);
    }
}

impl serde::Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text())
    }
}

impl<'de> serde::Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Unit, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(crate::error::Error::into_serde)
    }
}
