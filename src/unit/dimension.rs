//! Dimensions: exponents of the seven SI base dimensions, plus a tag for logarithmic levels.

use std::fmt;

use crate::error::{t, Lang, Msg, Text};

/// The messages of this module: the names of dimensions, for messages in either language.
pub(crate) mod msg {
    crate::error::messages! {
        LENGTH = "length", "长度";
        MASS = "mass", "质量";
        TIME = "time", "时间";
        CURRENT = "electric current", "电流";
        TEMPERATURE = "temperature", "温度";
        AMOUNT = "amount of substance", "物质的量";
        LUMINOUS_INTENSITY = "luminous intensity", "发光强度";
        LEVEL = "level", "级";
        PLANE_ANGLE = "plane angle", "平面角";
        ROTATIONAL_SPEED = "rotational speed", "转速";
        ELECTRIC_CHARGE = "electric charge", "电荷";
        CONDUCTANCE = "electrical conductance", "电导";
        CAPACITANCE = "capacitance", "电容";
        INDUCTANCE = "inductance", "电感";
        MAGNETIC_FLUX = "magnetic flux", "磁通量";
        MAGNETIC_FLUX_DENSITY = "magnetic flux density", "磁通密度";
        ABSORBED_DOSE = "specific energy or absorbed dose", "比能或吸收剂量";
        LINEAR_DENSITY = "linear density", "线密度";
        /// `{0}` is the weighting: `A`.
        WEIGHTED_LEVEL = "{0}-weighted level", "{0} 计权声级";
        DIMENSIONLESS = "dimensionless", "无量纲";
        AREA = "area", "面积";
        VOLUME = "volume", "体积";
        FREQUENCY = "frequency", "频率";
        VELOCITY = "velocity", "速度";
        VOLUME_FLOW = "volume flow", "体积流量";
        FORCE = "force", "力";
        PRESSURE = "pressure", "压力";
        ENERGY = "energy", "能量";
        POWER = "power", "功率";
        POTENTIAL = "electric potential", "电势";
        RESISTANCE = "electrical resistance", "电阻";
        THERMAL_CONDUCTIVITY = "thermal conductivity", "热导率";
        ILLUMINANCE = "illuminance", "光照度";
        LUMINOUS_EFFICACY = "luminous efficacy", "光视效能";
        /// A base dimension raised to a power: `length⁻³`.
        POWER_OF = "{0}{1}", "{0}{1}";
        /// Two factors of a product of dimensions: `mass·length⁻³`.
        PRODUCT = "{0}·{1}", "{0}·{1}";
    }
}

/// The seven SI base dimensions, in the order of [`Dimension::exponents`], then plane angle in
/// degrees ([`Dimension::plane_angle_exponent`]), as templates with their English and Chinese
/// names.
const BASE_TEXTS: [&Msg; 8] = [
    msg::LENGTH,
    msg::MASS,
    msg::TIME,
    msg::CURRENT,
    msg::TEMPERATURE,
    msg::AMOUNT,
    msg::LUMINOUS_INTENSITY,
    msg::PLANE_ANGLE,
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
    /// The exponent of plane angle measured in degrees (`°`, `′`, `″`, `r`): exact among
    /// themselves, π away from the radian, which SI counts as dimension one.
    angle: i8,
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
            angle: 0,
            level: Level::Linear,
        }
    }

    /// Plane angle in degrees to the power `angle`, times time to the power `time` (`r/min`).
    pub(crate) const fn angle(angle: i8, time: i8) -> Dimension {
        Dimension {
            exponents: [0, 0, time, 0, 0, 0, 0],
            angle,
            level: Level::Linear,
        }
    }

    pub(crate) const fn level(level: Level) -> Dimension {
        Dimension {
            exponents: [0; 7],
            angle: 0,
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

    /// The exponents of the seven SI base dimensions: length, mass, time, electric current,
    /// temperature, amount of substance and luminous intensity, in that order (all zero for a
    /// level).
    ///
    /// SI counts plane angle as dimension one, so a unit in degrees (`°`, `r/min`) has its
    /// angle in [`Dimension::plane_angle_exponent`], not here: two dimensions are equal when
    /// both agree (and neither is a level), never by `exponents` alone (`°` and `1` both have
    /// all seven zero).
    ///
    /// ```
    /// let u: duibiao::Unit = "W".parse()?;
    /// assert_eq!(u.dimension().exponents(), [2, 1, -3, 0, 0, 0, 0]);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn exponents(&self) -> [i8; 7] {
        self.exponents
    }

    /// The exponent of plane angle measured in degrees (`°`, `′`, `″`, `r`), the eighth base
    /// entry of the dimension's name: 1 for `°` and `r/min`, 0 for the radian (SI's dimension
    /// one) and every unit without an angle.
    ///
    /// ```
    /// let rpm: duibiao::Unit = "r/min".parse()?;
    /// assert_eq!(rpm.dimension().plane_angle_exponent(), 1);
    /// assert_eq!(rpm.dimension().exponents(), [0, 0, -1, 0, 0, 0, 0]);
    /// let rad: duibiao::Unit = "rad".parse()?;
    /// assert_eq!(rad.dimension().plane_angle_exponent(), 0);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn plane_angle_exponent(&self) -> i8 {
        self.angle
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
        let angle = self.angle.checked_add(other.angle.checked_mul(power)?)?;
        Some(Dimension {
            angle,
            ..Dimension::new(exponents)
        })
    }

    /// The name of the dimension in every language: the everyday name where there is one,
    /// the product of base dimensions otherwise, as `Display` writes it in English.
    pub(crate) fn text(&self) -> Text {
        if let Some(name) = self.name_text() {
            return name;
        }
        let mut out: Option<Text> = None;
        let mut all = self.exponents.to_vec();
        all.push(self.angle);
        for positive in [true, false] {
            for (name, &e) in BASE_TEXTS.iter().zip(&all) {
                if e == 0 || (e > 0) != positive {
                    continue;
                }
                let mut factor = t!(*name);
                if e != 1 {
                    let mut sup = String::new();
                    // Writing to a String cannot fail.
                    let _ = write_superscript(&mut sup, e);
                    factor = t!(msg::POWER_OF, factor, sup);
                }
                out = Some(match out {
                    None => factor,
                    Some(before) => t!(msg::PRODUCT, before, factor),
                });
            }
        }
        out.unwrap_or_else(|| t!(msg::DIMENSIONLESS))
    }

    /// The everyday name of a common dimension, in every language.
    fn name_text(&self) -> Option<Text> {
        let m: &'static Msg = match self.level {
            Level::Decibel => msg::LEVEL,
            Level::DecibelA => return Some(t!(msg::WEIGHTED_LEVEL, "A")),
            Level::Linear if self.angle != 0 => match (self.angle, self.exponents) {
                (1, [0, 0, 0, 0, 0, 0, 0]) => msg::PLANE_ANGLE,
                (1, [0, 0, -1, 0, 0, 0, 0]) => msg::ROTATIONAL_SPEED,
                _ => return None,
            },
            Level::Linear => match self.exponents {
                [0, 0, 0, 0, 0, 0, 0] => msg::DIMENSIONLESS,
                [2, 0, 0, 0, 0, 0, 0] => msg::AREA,
                [3, 0, 0, 0, 0, 0, 0] => msg::VOLUME,
                [0, 0, -1, 0, 0, 0, 0] => msg::FREQUENCY,
                [1, 0, -1, 0, 0, 0, 0] => msg::VELOCITY,
                [3, 0, -1, 0, 0, 0, 0] => msg::VOLUME_FLOW,
                [1, 1, -2, 0, 0, 0, 0] => msg::FORCE,
                [-1, 1, -2, 0, 0, 0, 0] => msg::PRESSURE,
                [2, 1, -2, 0, 0, 0, 0] => msg::ENERGY,
                [2, 1, -3, 0, 0, 0, 0] => msg::POWER,
                [2, 1, -3, -1, 0, 0, 0] => msg::POTENTIAL,
                [2, 1, -3, -2, 0, 0, 0] => msg::RESISTANCE,
                [1, 1, -3, 0, -1, 0, 0] => msg::THERMAL_CONDUCTIVITY,
                [-2, 0, 0, 0, 0, 0, 1] => msg::ILLUMINANCE,
                [-2, -1, 3, 0, 0, 0, 1] => msg::LUMINOUS_EFFICACY,
                [0, 0, 1, 1, 0, 0, 0] => msg::ELECTRIC_CHARGE,
                [-2, -1, 3, 2, 0, 0, 0] => msg::CONDUCTANCE,
                [-2, -1, 4, 2, 0, 0, 0] => msg::CAPACITANCE,
                [2, 1, -2, -2, 0, 0, 0] => msg::INDUCTANCE,
                [2, 1, -2, -1, 0, 0, 0] => msg::MAGNETIC_FLUX,
                [0, 1, -2, -1, 0, 0, 0] => msg::MAGNETIC_FLUX_DENSITY,
                [2, 0, -2, 0, 0, 0, 0] => msg::ABSORBED_DOSE,
                [-1, 1, 0, 0, 0, 0, 0] => msg::LINEAR_DENSITY,
                _ => return None,
            },
        };
        Some(t!(m))
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
        f.write_str(&self.text().render(Lang::En))
    }
}
