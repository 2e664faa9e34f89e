//! uom as the authority: every table unit with a uom counterpart has the factor uom gives, to
//! the last digit uom carries.
//!
//! # How the factors are compared
//!
//! uom stores its coefficients as f64 literals, some shortened (`pound: 4.535_924_E-1` where
//! the exact value is 0.45359237 kg; `psi: 6.894_757_E3`), and its prefixed units are products
//! of f64s. So neither "exactly equal as f64" nor "within 1 ulp" alone is right. [`agrees`]
//! accepts our exact factor when either
//!
//! 1. rounded (half to even) to the significant digits of the shortest decimal that reads back
//!    as uom's f64, it equals that decimal: uom carries fewer digits than we do, and the digits
//!    it carries are ours; or
//! 2. the f64 nearest to our factor is within 1 ulp of uom's value: uom's f64 product of a
//!    prefix and a coefficient may be off by one rounding.
//!
//! `a deliberately_wrong_factor_is_caught` shows the same function refusing 25.5 mm per inch
//! and a pound off in its 7th digit.
//!
//! uom's `year` is 365 d and it has no Julian year; our `a` (and `month` = a / 12) follow pint
//! (365.25 d), so they are checked against uom's `day` × 365.25 (and / 12).

use duibiao::Unit;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::str::FromStr;
use uom::si::f64::*;

/// True when our exact `factor` agrees with uom's `theirs` (see the module docs).
fn agrees(factor: Decimal, theirs: f64) -> bool {
    let shortest = Decimal::from_str(&format!("{theirs}"))
        .or_else(|_| Decimal::from_scientific(&format!("{theirs:e}")));
    if let Ok(shortest) = shortest {
        let digits = shortest
            .normalize()
            .mantissa()
            .unsigned_abs()
            .to_string()
            .len() as u32;
        if factor.round_sf(digits) == Some(shortest) {
            return true;
        }
    }
    let ours = factor.to_f64().unwrap();
    let ulp = f64::from_bits(theirs.abs().to_bits() + 1) - theirs.abs();
    (ours - theirs).abs() <= ulp
}

fn unit(text: &str) -> Unit {
    text.parse().unwrap()
}

/// (our symbol, one of that unit expressed in uom's coherent SI unit)
fn uom_factors() -> Vec<(&'static str, f64)> {
    use uom::si::*;
    vec![
        ("1", Ratio::new::<ratio::ratio>(1.0).get::<ratio::ratio>()),
        ("%", Ratio::new::<ratio::percent>(1.0).get::<ratio::ratio>()),
        (
            "‰",
            Ratio::new::<ratio::per_mille>(1.0).get::<ratio::ratio>(),
        ),
        (
            "ppm",
            Ratio::new::<ratio::part_per_million>(1.0).get::<ratio::ratio>(),
        ),
        (
            "m",
            Length::new::<length::meter>(1.0).get::<length::meter>(),
        ),
        (
            "km",
            Length::new::<length::kilometer>(1.0).get::<length::meter>(),
        ),
        (
            "cm",
            Length::new::<length::centimeter>(1.0).get::<length::meter>(),
        ),
        (
            "mm",
            Length::new::<length::millimeter>(1.0).get::<length::meter>(),
        ),
        (
            "µm",
            Length::new::<length::micrometer>(1.0).get::<length::meter>(),
        ),
        (
            "nm",
            Length::new::<length::nanometer>(1.0).get::<length::meter>(),
        ),
        (
            "in",
            Length::new::<length::inch>(1.0).get::<length::meter>(),
        ),
        (
            "ft",
            Length::new::<length::foot>(1.0).get::<length::meter>(),
        ),
        (
            "m²",
            Area::new::<area::square_meter>(1.0).get::<area::square_meter>(),
        ),
        (
            "cm²",
            Area::new::<area::square_centimeter>(1.0).get::<area::square_meter>(),
        ),
        (
            "mm²",
            Area::new::<area::square_millimeter>(1.0).get::<area::square_meter>(),
        ),
        (
            "L",
            Volume::new::<volume::liter>(1.0).get::<volume::cubic_meter>(),
        ),
        (
            "mL",
            Volume::new::<volume::milliliter>(1.0).get::<volume::cubic_meter>(),
        ),
        (
            "m³",
            Volume::new::<volume::cubic_meter>(1.0).get::<volume::cubic_meter>(),
        ),
        (
            "cm³",
            Volume::new::<volume::cubic_centimeter>(1.0).get::<volume::cubic_meter>(),
        ),
        (
            "kg",
            Mass::new::<mass::kilogram>(1.0).get::<mass::kilogram>(),
        ),
        ("g", Mass::new::<mass::gram>(1.0).get::<mass::kilogram>()),
        (
            "mg",
            Mass::new::<mass::milligram>(1.0).get::<mass::kilogram>(),
        ),
        ("t", Mass::new::<mass::ton>(1.0).get::<mass::kilogram>()),
        ("lb", Mass::new::<mass::pound>(1.0).get::<mass::kilogram>()),
        ("s", Time::new::<time::second>(1.0).get::<time::second>()),
        ("min", Time::new::<time::minute>(1.0).get::<time::second>()),
        ("h", Time::new::<time::hour>(1.0).get::<time::second>()),
        ("d", Time::new::<time::day>(1.0).get::<time::second>()),
        // uom's year is 365 d: the Julian year is 365.25 uom days.
        ("a", Time::new::<time::day>(365.25).get::<time::second>()),
        (
            "month",
            Time::new::<time::day>(365.25 / 12.0).get::<time::second>(),
        ),
        (
            "K",
            ThermodynamicTemperature::new::<thermodynamic_temperature::kelvin>(1.0)
                .get::<thermodynamic_temperature::kelvin>(),
        ),
        (
            "°C",
            TemperatureInterval::new::<temperature_interval::degree_celsius>(1.0)
                .get::<temperature_interval::kelvin>(),
        ),
        (
            "°F",
            TemperatureInterval::new::<temperature_interval::degree_fahrenheit>(1.0)
                .get::<temperature_interval::kelvin>(),
        ),
        ("N", Force::new::<force::newton>(1.0).get::<force::newton>()),
        (
            "kN",
            Force::new::<force::kilonewton>(1.0).get::<force::newton>(),
        ),
        (
            "lbf",
            Force::new::<force::pound_force>(1.0).get::<force::newton>(),
        ),
        (
            "Pa",
            Pressure::new::<pressure::pascal>(1.0).get::<pressure::pascal>(),
        ),
        (
            "kPa",
            Pressure::new::<pressure::kilopascal>(1.0).get::<pressure::pascal>(),
        ),
        (
            "MPa",
            Pressure::new::<pressure::megapascal>(1.0).get::<pressure::pascal>(),
        ),
        (
            "bar",
            Pressure::new::<pressure::bar>(1.0).get::<pressure::pascal>(),
        ),
        (
            "mbar",
            Pressure::new::<pressure::millibar>(1.0).get::<pressure::pascal>(),
        ),
        (
            "atm",
            Pressure::new::<pressure::atmosphere>(1.0).get::<pressure::pascal>(),
        ),
        (
            "psi",
            Pressure::new::<pressure::psi>(1.0).get::<pressure::pascal>(),
        ),
        (
            "J",
            Energy::new::<energy::joule>(1.0).get::<energy::joule>(),
        ),
        (
            "kJ",
            Energy::new::<energy::kilojoule>(1.0).get::<energy::joule>(),
        ),
        (
            "MJ",
            Energy::new::<energy::megajoule>(1.0).get::<energy::joule>(),
        ),
        (
            "W·h",
            Energy::new::<energy::watt_hour>(1.0).get::<energy::joule>(),
        ),
        (
            "kW·h",
            Energy::new::<energy::kilowatt_hour>(1.0).get::<energy::joule>(),
        ),
        ("W", Power::new::<power::watt>(1.0).get::<power::watt>()),
        (
            "kW",
            Power::new::<power::kilowatt>(1.0).get::<power::watt>(),
        ),
        (
            "MW",
            Power::new::<power::megawatt>(1.0).get::<power::watt>(),
        ),
        (
            "V",
            ElectricPotential::new::<electric_potential::volt>(1.0)
                .get::<electric_potential::volt>(),
        ),
        (
            "A",
            ElectricCurrent::new::<electric_current::ampere>(1.0).get::<electric_current::ampere>(),
        ),
        (
            "mA",
            ElectricCurrent::new::<electric_current::milliampere>(1.0)
                .get::<electric_current::ampere>(),
        ),
        (
            "µA",
            ElectricCurrent::new::<electric_current::microampere>(1.0)
                .get::<electric_current::ampere>(),
        ),
        (
            "Ω",
            ElectricalResistance::new::<electrical_resistance::ohm>(1.0)
                .get::<electrical_resistance::ohm>(),
        ),
        (
            "Hz",
            Frequency::new::<frequency::hertz>(1.0).get::<frequency::hertz>(),
        ),
        (
            "cd",
            LuminousIntensity::new::<luminous_intensity::candela>(1.0)
                .get::<luminous_intensity::candela>(),
        ),
    ]
}

#[test]
fn every_table_factor_agrees_with_uom() {
    let checked = uom_factors();
    for (symbol, theirs) in &checked {
        let u = unit(symbol);
        assert_eq!(u.to_string(), *symbol, "{symbol} is not a table symbol");
        assert!(
            agrees(u.factor(), *theirs),
            "{symbol}: ours {} vs uom {theirs}",
            u.factor()
        );
    }
    // Every typed unit of the table is either checked above, or checked with every prefixed
    // unit by `tests/unit_uom_all.rs`, or has no uom counterpart (stated here).
    let without_uom = [
        "lm", "lx", "dB", "dB(A)", "a_365", "n mile", "gce", "kgce", "tce", "tex", "Gy", "Sv",
    ];
    let in_all = [
        "rad", "sr", "°", "′", "″", "r", "r/min", "r/s", "ha", "u", "mol", "kn", "eV", "S", "C",
        "F", "H", "T", "Wb", "Bq",
    ];
    for u in Unit::table().filter(|u| u.si_prefix().is_none()) {
        let s = u.to_string();
        assert!(
            checked.iter().any(|(c, _)| *c == s)
                || without_uom.contains(&s.as_str())
                || in_all.contains(&s.as_str()),
            "{s} is not checked against uom"
        );
    }
}

/// Derived units and the temperature offsets, against uom too.
#[test]
fn derived_units_and_offsets_agree_with_uom() {
    use uom::si::*;
    let derived = [
        (
            "km/h",
            Velocity::new::<velocity::kilometer_per_hour>(1.0).get::<velocity::meter_per_second>(),
        ),
        (
            "m/s",
            Velocity::new::<velocity::meter_per_second>(1.0).get::<velocity::meter_per_second>(),
        ),
        (
            "L/min",
            VolumeRate::new::<volume_rate::liter_per_minute>(1.0)
                .get::<volume_rate::cubic_meter_per_second>(),
        ),
        (
            "m³/h",
            VolumeRate::new::<volume_rate::cubic_meter_per_hour>(1.0)
                .get::<volume_rate::cubic_meter_per_second>(),
        ),
        (
            "N/mm²",
            Pressure::new::<pressure::newton_per_square_millimeter>(1.0).get::<pressure::pascal>(),
        ),
        (
            "g/m³",
            MassDensity::new::<mass_density::gram_per_cubic_meter>(1.0)
                .get::<mass_density::kilogram_per_cubic_meter>(),
        ),
        (
            "mg/L",
            MassConcentration::new::<mass_concentration::milligram_per_liter>(1.0)
                .get::<mass_concentration::kilogram_per_cubic_meter>(),
        ),
    ];
    for (symbol, theirs) in derived {
        assert!(
            agrees(unit(symbol).factor(), theirs),
            "{symbol}: ours {} vs uom {theirs}",
            unit(symbol).factor()
        );
    }
    let zero_celsius =
        ThermodynamicTemperature::new::<thermodynamic_temperature::degree_celsius>(0.0)
            .get::<thermodynamic_temperature::kelvin>();
    let zero_fahrenheit =
        ThermodynamicTemperature::new::<thermodynamic_temperature::degree_fahrenheit>(0.0)
            .get::<thermodynamic_temperature::kelvin>();
    let k = unit("K");
    let ours = |u: &str| duibiao::convert_value(Decimal::ZERO, &unit(u), &k).unwrap();
    assert!(agrees(ours("°C"), zero_celsius), "0 °C");
    assert!(agrees(ours("°F"), zero_fahrenheit), "0 °F");
}

#[test]
fn a_deliberately_wrong_factor_is_caught() {
    use uom::si::*;
    let inch = Length::new::<length::inch>(1.0).get::<length::meter>();
    assert!(agrees(Decimal::new(254, 4), inch));
    assert!(
        !agrees(Decimal::new(255, 4), inch),
        "25.5 mm per inch passed"
    );
    let pound = Mass::new::<mass::pound>(1.0).get::<mass::kilogram>();
    assert!(agrees(Decimal::new(45359237, 8), pound));
    assert!(
        !agrees(Decimal::new(4535925, 7), pound),
        "a pound off in its 7th digit passed"
    );
    let year = Time::new::<time::year>(1.0).get::<time::second>();
    assert!(
        !agrees(unit("a").factor(), year),
        "uom's 365-day year would pass for ours"
    );
}

#[test]
fn typed_door() {
    use uom::si::*;
    let q = duibiao::Quantity::try_from(Length::new::<length::inch>(1.0)).unwrap();
    assert_eq!(q.to_string(), "0.0254 m");
    let q = duibiao::Quantity::try_from(Pressure::new::<pressure::megapascal>(1.5)).unwrap();
    assert_eq!(q.to_string(), "1500000 Pa");
    let q = duibiao::Quantity::try_from(ThermodynamicTemperature::new::<
        thermodynamic_temperature::degree_celsius,
    >(20.0))
    .unwrap();
    assert_eq!(q.to_string(), "293.15 K");
    let q = duibiao::Quantity::try_from(TemperatureInterval::new::<
        temperature_interval::degree_fahrenheit,
    >(9.0))
    .unwrap();
    assert_eq!(q.to_string(), "Δ5 K");
    let q =
        duibiao::Quantity::try_from(Velocity::new::<velocity::kilometer_per_hour>(36.0)).unwrap();
    assert_eq!(q.to_string(), "10 m/s");
    let q = duibiao::Quantity::try_from(Energy::new::<energy::kilowatt_hour>(1.0)).unwrap();
    assert_eq!(q.to_string(), "3600000 J");
    // 0.1 is taken as its shortest decimal, not its binary expansion
    let q = duibiao::Quantity::try_from(Ratio::new::<ratio::ratio>(0.1)).unwrap();
    assert_eq!(q.to_string(), "0.1");
    assert!(duibiao::Quantity::try_from(Length::new::<length::meter>(f64::NAN)).is_err());

    // back, with conversion, and refusal of the wrong dimension
    let l = Length::try_from(&"25.4 mm".parse::<duibiao::Quantity>().unwrap()).unwrap();
    assert_eq!(l.get::<length::inch>(), 1.0);
    let t =
        ThermodynamicTemperature::try_from(&"68 °F".parse::<duibiao::Quantity>().unwrap()).unwrap();
    assert!((t.get::<thermodynamic_temperature::kelvin>() - 293.15).abs() < 1e-12);
    let d = TemperatureInterval::try_from(&"Δ2 °C".parse::<duibiao::Quantity>().unwrap()).unwrap();
    assert_eq!(d.get::<temperature_interval::kelvin>(), 2.0);
    let err = Length::try_from(&"1 kg".parse::<duibiao::Quantity>().unwrap()).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"cannot convert "kg" (mass) to "m" (length)"#
    );
    assert!(
        ThermodynamicTemperature::try_from(&"Δ2 K".parse::<duibiao::Quantity>().unwrap()).is_err()
    );
    assert!(TemperatureInterval::try_from(&"20 °C".parse::<duibiao::Quantity>().unwrap()).is_err());
}
