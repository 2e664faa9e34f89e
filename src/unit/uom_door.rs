//! The typed door to [uom](https://docs.rs/uom): a `uom` quantity (f64 storage) converts into a
//! [`Quantity`] in the coherent SI unit, and a [`Quantity`] of the right dimension converts back.
//!
//! An f64 holds 15 to 17 significant decimal digits. The value taken over is the shortest
//! decimal that reads back as the same f64 (what `{:e}` prints): `0.1_f64` gives `0.1`, not the
//! 55 digits of its binary value. Values that a decimal cannot hold (NaN, infinities, beyond
//! ±7.9 × 10²⁸, or needing more than 28 decimal places such as `1e-30`) are refused, which is why
//! the door is `TryFrom` rather than `From`. The way back rounds the decimal to the nearest f64.
//!
//! ```
//! use duibiao::Quantity;
//! use uom::si::f64::Length;
//! use uom::si::length::inch;
//!
//! let q = Quantity::try_from(Length::new::<inch>(1.0))?;
//! assert_eq!(q.to_string(), "0.0254 m");
//! let back = Length::try_from(&q)?;
//! assert_eq!(back.get::<inch>(), 1.0);
//! # Ok::<(), duibiao::Error>(())
//! ```

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use uom::si::f64 as q;

use crate::error::{t, Error};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        NOT_FINITE = "not a finite number", "不是有限数";
        VALUE = "the value {0}", "数值 {0}";
        TOO_SMALL = "too small for a decimal: it would need more than 28 decimal places", "对小数而言过小：需要超过 28 位小数";
        VALUE_AS_F64 = "the value {0} as f64", "数值 {0} 转为 f64";
        DIFFERENCE_TO_ABSOLUTE = "cannot convert the temperature difference \"{0}\" to an absolute temperature",
            "不能将温差 \"{0}\" 换算为绝对温度";
        ABSOLUTE_TO_DIFFERENCE = "cannot convert the absolute temperature \"{0}\" to a temperature difference",
            "不能将绝对温度 \"{0}\" 换算为温差";
    }
}

use super::{Quantity, Unit};

/// The shortest decimal that reads back as `x`.
pub(crate) fn decimal_from_f64(x: f64) -> Result<Decimal, Error> {
    if !x.is_finite() {
        return Err(Error::invalid("value", &x.to_string(), t!(msg::NOT_FINITE)));
    }
    let sci = format!("{x:e}");
    let too_big = || Error::overflow(t!(msg::VALUE, &sci));
    let (mantissa, exponent) = sci.split_once('e').ok_or_else(too_big)?;
    let exponent: i32 = exponent.parse().map_err(|_| too_big())?;
    let fraction_digits = mantissa.split_once('.').map_or(0, |(_, f)| f.len());
    let digits: i128 = mantissa.replace('.', "").parse().map_err(|_| too_big())?;
    let scale = i32::try_from(fraction_digits).map_err(|_| too_big())? - exponent;
    if scale > 28 {
        return Err(Error::invalid("value", &sci, t!(msg::TOO_SMALL)));
    }
    let (digits, scale) = if scale < 0 {
        let shift = 10i128
            .checked_pow(scale.unsigned_abs())
            .ok_or_else(too_big)?;
        (digits.checked_mul(shift).ok_or_else(too_big)?, 0)
    } else {
        (digits, scale.unsigned_abs())
    };
    Decimal::try_from_i128_with_scale(digits, scale).map_err(|_| too_big())
}

fn si_unit(symbol: &str) -> Result<Unit, Error> {
    symbol.parse()
}

fn to_f64(value: Decimal) -> Result<f64, Error> {
    value
        .to_f64()
        .ok_or_else(|| Error::overflow(t!(msg::VALUE_AS_F64, value.to_string())))
}

macro_rules! door {
    ($($ty:ident, $unit:path, $symbol:literal;)*) => {$(
        impl TryFrom<q::$ty> for Quantity {
            type Error = Error;

            fn try_from(x: q::$ty) -> Result<Quantity, Error> {
                Ok(Quantity::new(decimal_from_f64(x.get::<$unit>())?, si_unit($symbol)?))
            }
        }

        impl TryFrom<&Quantity> for q::$ty {
            type Error = Error;

            fn try_from(x: &Quantity) -> Result<q::$ty, Error> {
                let si = x.to(&si_unit($symbol)?)?;
                Ok(q::$ty::new::<$unit>(to_f64(si.value())?))
            }
        }
    )*};
}

door! {
    Length, uom::si::length::meter, "m";
    Area, uom::si::area::square_meter, "m²";
    Volume, uom::si::volume::cubic_meter, "m³";
    Mass, uom::si::mass::kilogram, "kg";
    Time, uom::si::time::second, "s";
    Force, uom::si::force::newton, "N";
    Pressure, uom::si::pressure::pascal, "Pa";
    Energy, uom::si::energy::joule, "J";
    Power, uom::si::power::watt, "W";
    ElectricPotential, uom::si::electric_potential::volt, "V";
    ElectricCurrent, uom::si::electric_current::ampere, "A";
    ElectricalResistance, uom::si::electrical_resistance::ohm, "Ω";
    Frequency, uom::si::frequency::hertz, "Hz";
    Velocity, uom::si::velocity::meter_per_second, "m/s";
    VolumeRate, uom::si::volume_rate::cubic_meter_per_second, "m³/s";
    MassDensity, uom::si::mass_density::kilogram_per_cubic_meter, "kg/m³";
    LuminousIntensity, uom::si::luminous_intensity::candela, "cd";
    Ratio, uom::si::ratio::ratio, "1";
}

impl TryFrom<q::ThermodynamicTemperature> for Quantity {
    type Error = Error;

    /// An absolute temperature in kelvin.
    fn try_from(x: q::ThermodynamicTemperature) -> Result<Quantity, Error> {
        let k = x.get::<uom::si::thermodynamic_temperature::kelvin>();
        Ok(Quantity::new(decimal_from_f64(k)?, si_unit("K")?))
    }
}

impl TryFrom<&Quantity> for q::ThermodynamicTemperature {
    type Error = Error;

    /// Refuses a temperature difference.
    fn try_from(x: &Quantity) -> Result<q::ThermodynamicTemperature, Error> {
        if x.is_difference() {
            return Err(Error::incompatible(t!(
                msg::DIFFERENCE_TO_ABSOLUTE,
                x.to_string()
            )));
        }
        let k = x.to(&si_unit("K")?)?;
        Ok(q::ThermodynamicTemperature::new::<
            uom::si::thermodynamic_temperature::kelvin,
        >(to_f64(k.value())?))
    }
}

impl TryFrom<q::TemperatureInterval> for Quantity {
    type Error = Error;

    /// A temperature difference in kelvin.
    fn try_from(x: q::TemperatureInterval) -> Result<Quantity, Error> {
        let k = x.get::<uom::si::temperature_interval::kelvin>();
        Ok(Quantity::difference(decimal_from_f64(k)?, si_unit("K")?))
    }
}

impl TryFrom<&Quantity> for q::TemperatureInterval {
    type Error = Error;

    /// Refuses an absolute temperature.
    fn try_from(x: &Quantity) -> Result<q::TemperatureInterval, Error> {
        if x.unit().dimension() == super::Dimension::TEMPERATURE && !x.is_difference() {
            return Err(Error::incompatible(t!(
                msg::ABSOLUTE_TO_DIFFERENCE,
                x.to_string()
            )));
        }
        let k = x.to_difference(&si_unit("K")?)?;
        Ok(q::TemperatureInterval::new::<
            uom::si::temperature_interval::kelvin,
        >(to_f64(k.value())?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_decimals() {
        let cases = [
            (0.1, "0.1"),
            (25.4, "25.4"),
            (1e20, "100000000000000000000"),
            (-3.5e-7, "-0.00000035"),
            (0.0, "0"),
        ];
        for (x, want) in cases {
            assert_eq!(decimal_from_f64(x).unwrap().to_string(), want, "{x}");
        }
        for bad in [f64::NAN, f64::INFINITY, 1e30, 1e-30] {
            assert!(decimal_from_f64(bad).is_err(), "{bad}");
        }
    }
}
