//! Every unit uom 0.36 defines, for the quantities duibiao's table covers, against the table.
//!
//! The list of uom's units below is uom's own (`units { … }` of each quantity module, every unit
//! in its order; `every_quantity_is_listed_in_full` counts them against `units()` so that a uom
//! upgrade that adds one fails here). For each one, its abbreviation is read as a duibiao unit:
//!
//! - read, and of the quantity's dimension: the factors must agree (by `agrees`, as in
//!   `tests/unit_uom.rs`), except for the disagreements listed in `DISAGREE` with their reason;
//! - refused, or read as another dimension: listed in `tests/data/uom/not_in_table.txt`.
//!
//! And every row of the table that no uom abbreviation names is listed in
//! `tests/data/uom/not_in_uom.txt`. Run with `UPDATE_DOCS=1` to rewrite both lists.
//!
//! Plane angles: uom's are radian based (° = π/180 rad); duibiao's `°`, `′`, `″`, `r` and
//! `r/min` are exact among themselves and have their own dimension, so they are compared with
//! uom's value divided by uom's degree, within 4 ulp (two f64 roundings in uom, one division
//! here).

use duibiao::Unit;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::str::FromStr;

macro_rules! all {
    ($($m:ident, $q:ident, $base:ident: [$($u:ident),* $(,)?];)*) => {
        vec![$($((
            stringify!($m),
            stringify!($u),
            <uom::si::$m::$u as uom::si::Unit>::abbreviation(),
            uom::si::f64::$q::new::<uom::si::$m::$u>(1.0).get::<uom::si::$m::$base>(),
        )),*),*]
    };
}

macro_rules! counts {
    ($($m:ident, $q:ident, $base:ident: [$($u:ident),* $(,)?];)*) => {
        vec![$((stringify!($m), uom::si::$m::units().count(), [$(stringify!($u)),*].len())),*]
    };
}

macro_rules! uom_units {
    ($mac:ident) => {
        $mac! {
    length, Length, meter: [yottameter, zettameter, exameter, petameter, terameter, gigameter, megameter, kilometer, hectometer, decameter, meter, decimeter, centimeter, millimeter, micrometer, nanometer, picometer, femtometer, attometer, zeptometer, yoctometer, angstrom, bohr_radius, atomic_unit_of_length, astronomical_unit, chain, fathom, fermi, foot, foot_survey, inch, light_year, microinch, micron, mil, mile, mile_survey, nautical_mile, parsec, pica_computer, pica_printers, point_computer, point_printers, rod, yard];
    area, Area, square_meter: [square_yottameter, square_zettameter, square_exameter, square_petameter, square_terameter, square_gigameter, square_megameter, square_kilometer, square_hectometer, square_decameter, square_meter, square_decimeter, square_centimeter, square_millimeter, square_micrometer, square_nanometer, square_picometer, square_femtometer, square_attometer, square_zeptometer, square_yoctometer, acre, are, barn, circular_mil, hectare, square_foot, square_inch, square_mile, square_yard];
    volume, Volume, cubic_meter: [cubic_yottameter, cubic_zettameter, cubic_exameter, cubic_petameter, cubic_terameter, cubic_gigameter, cubic_megameter, cubic_kilometer, cubic_hectometer, cubic_decameter, cubic_meter, cubic_decimeter, cubic_centimeter, cubic_millimeter, cubic_micrometer, cubic_nanometer, cubic_picometer, cubic_femtometer, cubic_attometer, cubic_zeptometer, cubic_yoctometer, acre_foot, barrel, bushel, cord, cubic_foot, cubic_inch, cubic_mile, cubic_yard, cup, fluid_ounce, fluid_ounce_imperial, gallon_imperial, gallon, gill_imperial, gill, yottaliter, zettaliter, exaliter, petaliter, teraliter, gigaliter, megaliter, kiloliter, hectoliter, decaliter, liter, deciliter, centiliter, milliliter, microliter, nanoliter, picoliter, femtoliter, attoliter, zeptoliter, yoctoliter, peck, pint_dry, pint_liquid, quart_dry, quart_liquid, stere, tablespoon, teaspoon, register_ton];
    mass, Mass, kilogram: [yottagram, zettagram, exagram, petagram, teragram, gigagram, megagram, kilogram, hectogram, decagram, gram, decigram, centigram, milligram, microgram, nanogram, picogram, femtogram, attogram, zeptogram, yoctogram, carat, dalton, grain, hundredweight_long, hundredweight_short, ounce, ounce_troy, pennyweight, pound, pound_troy, slug, ton_assay, ton_long, ton_short, ton];
    time, Time, second: [yottasecond, zettasecond, exasecond, petasecond, terasecond, gigasecond, megasecond, kilosecond, hectosecond, decasecond, second, decisecond, centisecond, millisecond, microsecond, nanosecond, picosecond, femtosecond, attosecond, zeptosecond, yoctosecond, second_sidereal, day, day_sidereal, hour, hour_sidereal, minute, shake, year, year_sidereal, year_tropical];
    temperature_interval, TemperatureInterval, kelvin: [yottakelvin, zettakelvin, exakelvin, petakelvin, terakelvin, gigakelvin, megakelvin, kilokelvin, hectokelvin, decakelvin, kelvin, decikelvin, centikelvin, millikelvin, microkelvin, nanokelvin, picokelvin, femtokelvin, attokelvin, zeptokelvin, yoctokelvin, degree_celsius, degree_fahrenheit, degree_rankine];
    amount_of_substance, AmountOfSubstance, mole: [yottamole, zettamole, examole, petamole, teramole, gigamole, megamole, kilomole, hectomole, decamole, mole, decimole, centimole, millimole, micromole, nanomole, picomole, femtomole, attomole, zeptomole, yoctomole, particle, standard_cubic_meter, standard_liter, standard_centimeter, standard_cubic_foot];
    force, Force, newton: [yottanewton, zettanewton, exanewton, petanewton, teranewton, giganewton, meganewton, kilonewton, hectonewton, decanewton, newton, decinewton, centinewton, millinewton, micronewton, nanonewton, piconewton, femtonewton, attonewton, zeptonewton, yoctonewton, dyne, kilogram_force, kip, ounce_force, poundal, pound_force, ton_force];
    pressure, Pressure, pascal: [yottapascal, zettapascal, exapascal, petapascal, terapascal, gigapascal, megapascal, kilopascal, hectopascal, decapascal, pascal, decipascal, centipascal, millipascal, micropascal, nanopascal, picopascal, femtopascal, attopascal, zeptopascal, yoctopascal, atmosphere, atmosphere_technical, bar, centimeter_of_mercury_0, centimeter_of_mercury, centimeter_of_water_4, centimeter_of_water, dyne_per_square_centimeter, foot_of_mercury, foot_of_water_39_2, foot_of_water, gram_force_per_square_centimeter, inch_of_mercury_32, inch_of_mercury_60, inch_of_mercury, inch_of_water_39_2, inch_of_water_60, inch_of_water, newton_per_square_millimeter, kilogram_force_per_square_centimeter, kilogram_force_per_square_meter, kilogram_force_per_square_millimeter, kip_per_square_inch, millibar, millimeter_of_mercury, millimeter_of_water, millitorr, poundal_per_square_foot, pound_force_per_square_foot, pound_force_per_square_inch, psi, torr];
    energy, Energy, joule: [yottajoule, zettajoule, exajoule, petajoule, terajoule, gigajoule, megajoule, kilojoule, hectojoule, decajoule, joule, decijoule, centijoule, millijoule, microjoule, nanojoule, picojoule, femtojoule, attojoule, zeptojoule, yoctojoule, petawatt_hour, terawatt_hour, gigawatt_hour, megawatt_hour, kilowatt_hour, hectowatt_hour, decawatt_hour, watt_hour, milliwatt_hour, microwatt_hour, petaelectronvolt, teraelectronvolt, gigaelectronvolt, megaelectronvolt, kiloelectronvolt, hectoelectronvolt, decaelectronvolt, electronvolt, hartree, btu_it, btu, btu_39, btu_59, btu_60, calorie_it, calorie, calorie_15, calorie_20, calorie_it_nutrition, calorie_nutrition, erg, foot_poundal, foot_pound, kilocalorie_it, kilocalorie, quad, therm_ec, therm_us, ton_tnt, watt_second];
    power, Power, watt: [yottawatt, zettawatt, exawatt, petawatt, terawatt, gigawatt, megawatt, kilowatt, hectowatt, decawatt, watt, deciwatt, centiwatt, milliwatt, microwatt, nanowatt, picowatt, femtowatt, attowatt, zeptowatt, yoctowatt, erg_per_second, foot_pound_per_hour, foot_pound_per_minute, foot_pound_per_second, horsepower, horsepower_boiler, horsepower_electric, horsepower_metric, horsepower_imperial, hydraulic_horsepower];
    electric_potential, ElectricPotential, volt: [yottavolt, zettavolt, exavolt, petavolt, teravolt, gigavolt, megavolt, kilovolt, hectovolt, decavolt, volt, decivolt, centivolt, millivolt, microvolt, nanovolt, picovolt, femtovolt, attovolt, zeptovolt, yoctovolt, abvolt, statvolt];
    electric_current, ElectricCurrent, ampere: [yottaampere, zettaampere, exaampere, petaampere, teraampere, gigaampere, megaampere, kiloampere, hectoampere, decaampere, ampere, deciampere, centiampere, milliampere, microampere, nanoampere, picoampere, femtoampere, attoampere, zeptoampere, yoctoampere, elementary_charge_per_second, atomic_unit_of_charge_per_second, abampere, gilbert, statampere];
    electrical_resistance, ElectricalResistance, ohm: [yottaohm, zettaohm, exaohm, petaohm, teraohm, gigaohm, megaohm, kiloohm, hectoohm, decaohm, ohm, deciohm, centiohm, milliohm, microohm, nanoohm, picoohm, femtoohm, attoohm, zeptoohm, yoctoohm, abohm, statohm];
    electrical_conductance, ElectricalConductance, siemens: [yottasiemens, zettasiemens, exasiemens, petasiemens, terasiemens, gigasiemens, megasiemens, kilosiemens, hectosiemens, decasiemens, siemens, mho, decisiemens, centisiemens, millisiemens, microsiemens, nanosiemens, picosiemens, femtosiemens, attosiemens, zeptosiemens, yoctosiemens, abmho, absiemens, statsiemens, statmho];
    electric_charge, ElectricCharge, coulomb: [yottacoulomb, zettacoulomb, exacoulomb, petacoulomb, teracoulomb, gigacoulomb, megacoulomb, kilocoulomb, hectocoulomb, decacoulomb, coulomb, decicoulomb, centicoulomb, millicoulomb, microcoulomb, nanocoulomb, picocoulomb, femtocoulomb, attocoulomb, zeptocoulomb, yoctocoulomb, petaampere_hour, teraampere_hour, gigaampere_hour, megaampere_hour, kiloampere_hour, hectoampere_hour, decaampere_hour, ampere_hour, milliampere_hour, microampere_hour, elementary_charge, atomic_unit_of_charge, abcoulomb, faraday, franklin, statcoulomb];
    capacitance, Capacitance, farad: [yottafarad, zettafarad, exafarad, petafarad, terafarad, gigafarad, megafarad, kilofarad, hectofarad, decafarad, farad, decifarad, centifarad, millifarad, microfarad, nanofarad, picofarad, femtofarad, attofarad, zeptofarad, yoctofarad, abfarad, statfarad];
    inductance, Inductance, henry: [yottahenry, zettahenry, exahenry, petahenry, terahenry, gigahenry, megahenry, kilohenry, hectohenry, decahenry, henry, decihenry, centihenry, millihenry, microhenry, nanohenry, picohenry, femtohenry, attohenry, zeptohenry, yoctohenry, abhenry, stathenry];
    magnetic_flux, MagneticFlux, weber: [yottaweber, zettaweber, exaweber, petaweber, teraweber, gigaweber, megaweber, kiloweber, hectoweber, decaweber, weber, deciweber, centiweber, milliweber, microweber, nanoweber, picoweber, femtoweber, attoweber, zeptoweber, yoctoweber, maxwell];
    magnetic_flux_density, MagneticFluxDensity, tesla: [yottatesla, zettatesla, exatesla, petatesla, teratesla, gigatesla, megatesla, kilotesla, hectotesla, decatesla, tesla, decitesla, centitesla, millitesla, microtesla, nanotesla, picotesla, femtotesla, attotesla, zeptotesla, yoctotesla, gamma, gauss];
    frequency, Frequency, hertz: [yottahertz, zettahertz, exahertz, petahertz, terahertz, gigahertz, megahertz, kilohertz, hectohertz, decahertz, hertz, decihertz, centihertz, millihertz, microhertz, nanohertz, picohertz, femtohertz, attohertz, zeptohertz, yoctohertz, cycle_per_day, cycle_per_hour, cycle_per_minute, cycle_per_shake, cycle_per_year];
    radioactivity, Radioactivity, becquerel: [yottabecquerel, zettabecquerel, exabecquerel, petabecquerel, terabecquerel, gigabecquerel, megabecquerel, kilobecquerel, hectobecquerel, decabecquerel, becquerel, millibecquerel, microbecquerel, nanobecquerel, gigacurie, megacurie, kilocurie, curie, millicurie, microcurie, nanocurie, disintegrations_per_minute];
    luminous_intensity, LuminousIntensity, candela: [yottacandela, zettacandela, exacandela, petacandela, teracandela, gigacandela, megacandela, kilocandela, hectocandela, decacandela, candela, decicandela, centicandela, millicandela, microcandela, nanocandela, picocandela, femtocandela, attocandela, zeptocandela, yoctocandela];
    ratio, Ratio, ratio: [ratio, part_per_hundred, percent, part_per_thousand, per_mille, part_per_ten_thousand, basis_point, part_per_million, part_per_billion, part_per_trillion, part_per_quadrillion];
    angle, Angle, radian: [radian, revolution, degree, gon, mil, minute, second];
    solid_angle, SolidAngle, steradian: [steradian, spat, square_degree, square_minute, square_second];
    angular_velocity, AngularVelocity, radian_per_second: [radian_per_second, degree_per_second, revolution_per_second, revolution_per_minute, revolution_per_hour];
    velocity, Velocity, meter_per_second: [yottameter_per_second, zettameter_per_second, exameter_per_second, petameter_per_second, terameter_per_second, gigameter_per_second, megameter_per_second, kilometer_per_second, hectometer_per_second, decameter_per_second, meter_per_second, decimeter_per_second, centimeter_per_second, millimeter_per_second, micrometer_per_second, nanometer_per_second, picometer_per_second, femtometer_per_second, attometer_per_second, zeptometer_per_second, yoctometer_per_second, foot_per_hour, foot_per_minute, foot_per_second, inch_per_second, kilometer_per_hour, knot, mile_per_hour, mile_per_minute, mile_per_second, millimeter_per_minute, atomic_unit_of_velocity, natural_unit_of_velocity, speed_of_light_in_vacuum];
    linear_mass_density, LinearMassDensity, kilogram_per_meter: [kilogram_per_meter, gram_per_kilometer, gram_per_centimeter, ounce_per_foot, ounce_per_inch, pound_per_yard, pound_per_foot, pound_per_inch];
    dynamic_viscosity, DynamicViscosity, pascal_second: [pascal_second, millipascal_second, micropascal_second, poise, centipoise, pound_force_second_per_square_foot, pound_force_second_per_square_inch, reyn, pound_per_foot_second, pound_per_foot_hour, slug_per_foot_second, gram_per_centimeter_second];
    available_energy, AvailableEnergy, joule_per_kilogram: [yottajoule_per_kilogram, zettajoule_per_kilogram, exajoule_per_kilogram, petajoule_per_kilogram, terajoule_per_kilogram, gigajoule_per_kilogram, megajoule_per_kilogram, kilojoule_per_kilogram, hectojoule_per_kilogram, decajoule_per_kilogram, joule_per_kilogram, decijoule_per_kilogram, centijoule_per_kilogram, millijoule_per_kilogram, microjoule_per_kilogram, nanojoule_per_kilogram, picojoule_per_kilogram, femtojoule_per_kilogram, attojoule_per_kilogram, zeptojoule_per_kilogram, yoctojoule_per_kilogram, joule_per_zeptogram, joule_per_attogram, joule_per_femtogram, joule_per_picogram, joule_per_nanogram, joule_per_microgram, joule_per_milligram, joule_per_gram, joule_per_megagram, joule_per_gigagram, joule_per_teragram, joule_per_petagram, joule_per_exagram, joule_per_zettagram, joule_per_yottagram, btu_it_per_pound, btu_per_pound, calorie_it_per_gram, calorie_per_gram];
    mass_density, MassDensity, kilogram_per_cubic_meter: [yottagram_per_cubic_meter, zettagram_per_cubic_meter, exagram_per_cubic_meter, petagram_per_cubic_meter, teragram_per_cubic_meter, gigagram_per_cubic_meter, megagram_per_cubic_meter, kilogram_per_cubic_meter, hectogram_per_cubic_meter, decagram_per_cubic_meter, gram_per_cubic_meter, decigram_per_cubic_meter, centigram_per_cubic_meter, milligram_per_cubic_meter, microgram_per_cubic_meter, nanogram_per_cubic_meter, picogram_per_cubic_meter, femtogram_per_cubic_meter, attogram_per_cubic_meter, zeptogram_per_cubic_meter, yoctogram_per_cubic_meter, carat_per_cubic_meter, grain_per_cubic_meter, hundredweight_long_per_cubic_meter, hundredweight_short_per_cubic_meter, ounce_per_cubic_meter, ounce_troy_per_cubic_meter, pennyweight_per_cubic_meter, pound_per_cubic_meter, pound_troy_per_cubic_meter, slug_per_cubic_meter, ton_assay_per_cubic_meter, ton_long_per_cubic_meter, ton_short_per_cubic_meter, ton_per_cubic_meter, grain_per_gallon, gram_per_cubic_centimeter, ounce_per_cubic_inch, ounce_per_gallon_imperial, ounce_per_gallon, pound_per_cubic_foot, pound_per_cubic_inch, pound_per_cubic_yard, pound_per_gallon_imperial, pound_per_gallon, slug_per_cubic_foot, ton_long_per_cubic_yard, ton_short_per_cubic_yard];
    volume_rate, VolumeRate, cubic_meter_per_second: [cubic_yottameter_per_second, cubic_zettameter_per_second, cubic_exameter_per_second, cubic_petameter_per_second, cubic_terameter_per_second, cubic_gigameter_per_second, cubic_megameter_per_second, cubic_kilometer_per_second, cubic_hectometer_per_second, cubic_decameter_per_second, cubic_meter_per_second, cubic_meter_per_minute, cubic_meter_per_hour, cubic_decimeter_per_second, cubic_centimeter_per_second, cubic_millimeter_per_second, cubic_micrometer_per_second, cubic_nanometer_per_second, cubic_picometer_per_second, cubic_femtometer_per_second, cubic_attometer_per_second, cubic_zeptometer_per_second, cubic_yoctometer_per_second, yottaliter_per_second, zettaliter_per_second, exaliter_per_second, petaliter_per_second, teraliter_per_second, gigaliter_per_second, megaliter_per_second, kiloliter_per_second, hectoliter_per_second, decaliter_per_second, liter_per_second, deciliter_per_second, centiliter_per_second, milliliter_per_second, microliter_per_second, nanoliter_per_second, picoliter_per_second, femtoliter_per_second, attoliter_per_second, zeptoliter_per_second, yoctoliter_per_second, liter_per_minute, acre_foot_per_second, barrel_per_second, bushel_per_second, cord_per_second, cubic_foot_per_second, cubic_foot_per_minute, cubic_inch_per_second, cubic_inch_per_minute, cubic_mile_per_second, cubic_yard_per_second, cubic_yard_per_minute, cup_per_second, fluid_ounce_per_second, fluid_ounce_imperial_per_second, gallon_imperial_per_second, gallon_per_second, gallon_per_minute, gallon_per_day, gill_imperial_per_second, gill_per_second, peck_per_second, pint_dry_per_second, pint_liquid_per_second, quart_dry_per_second, quart_liquid_per_second, stere_per_second, tablespoon_per_second, teaspoon_per_second, register_ton_per_second];
    electrical_conductivity, ElectricalConductivity, siemens_per_meter: [siemens_per_meter, siemens_per_centimeter];
    mass_concentration, MassConcentration, kilogram_per_cubic_meter: [yottagram_per_cubic_meter, zettagram_per_cubic_meter, exagram_per_cubic_meter, petagram_per_cubic_meter, teragram_per_cubic_meter, gigagram_per_cubic_meter, megagram_per_cubic_meter, kilogram_per_cubic_meter, hectogram_per_cubic_meter, decagram_per_cubic_meter, gram_per_cubic_meter, decigram_per_cubic_meter, centigram_per_cubic_meter, milligram_per_cubic_meter, microgram_per_cubic_meter, nanogram_per_cubic_meter, picogram_per_cubic_meter, femtogram_per_cubic_meter, attogram_per_cubic_meter, zeptogram_per_cubic_meter, yoctogram_per_cubic_meter, kilogram_per_cubic_decimeter, kilogram_per_liter, gram_per_cubic_decimeter, gram_per_liter, milligram_per_cubic_decimeter, milligram_per_liter, microgram_per_cubic_decimeter, microgram_per_liter, nanogram_per_cubic_decimeter, nanogram_per_liter, picogram_per_cubic_decimeter, picogram_per_liter, femtogram_per_cubic_decimeter, femtogram_per_liter, kilogram_per_deciliter, gram_per_deciliter, milligram_per_deciliter, microgram_per_deciliter, nanogram_per_deciliter, picogram_per_deciliter, femtogram_per_deciliter, kilogram_per_milliliter, gram_per_milliliter, milligram_per_milliliter, microgram_per_milliliter, nanogram_per_milliliter, picogram_per_milliliter, femtogram_per_milliliter];
    thermal_conductivity, ThermalConductivity, watt_per_meter_kelvin: [yottagram_meter_per_second_cubed_kelvin, zettagram_meter_per_second_cubed_kelvin, exagram_meter_per_second_cubed_kelvin, petagram_meter_per_second_cubed_kelvin, teragram_meter_per_second_cubed_kelvin, gigagram_meter_per_second_cubed_kelvin, megagram_meter_per_second_cubed_kelvin, kilogram_meter_per_second_cubed_kelvin, hectogram_meter_per_second_cubed_kelvin, decagram_meter_per_second_cubed_kelvin, gram_meter_per_second_cubed_kelvin, decigram_meter_per_second_cubed_kelvin, centigram_meter_per_second_cubed_kelvin, milligram_meter_per_second_cubed_kelvin, microgram_meter_per_second_cubed_kelvin, nanogram_meter_per_second_cubed_kelvin, picogram_meter_per_second_cubed_kelvin, femtogram_meter_per_second_cubed_kelvin, attogram_meter_per_second_cubed_kelvin, zeptogram_meter_per_second_cubed_kelvin, yoctogram_meter_per_second_cubed_kelvin, yottawatt_per_meter_kelvin, zettawatt_per_meter_kelvin, exawatt_per_meter_kelvin, petawatt_per_meter_kelvin, terawatt_per_meter_kelvin, gigawatt_per_meter_kelvin, megawatt_per_meter_kelvin, kilowatt_per_meter_kelvin, hectowatt_per_meter_kelvin, decawatt_per_meter_kelvin, watt_per_meter_kelvin, deciwatt_per_meter_kelvin, centiwatt_per_meter_kelvin, milliwatt_per_meter_kelvin, microwatt_per_meter_kelvin, nanowatt_per_meter_kelvin, picowatt_per_meter_kelvin, femtowatt_per_meter_kelvin, attowatt_per_meter_kelvin, zeptowatt_per_meter_kelvin, yoctowatt_per_meter_kelvin, kilogram_meter_per_second_cubed_degree_celsius, kilowatt_per_meter_degree_celsius, watt_per_meter_degree_celsius, milliwatt_per_meter_degree_celsius];
        }
    };
}

/// uom's quantity module → the coherent SI unit of that quantity in duibiao's spelling.
const BASES: &[(&str, &str)] = &[
    ("length", "m"),
    ("area", "m²"),
    ("volume", "m³"),
    ("mass", "kg"),
    ("time", "s"),
    ("temperature_interval", "K"),
    ("amount_of_substance", "mol"),
    ("force", "N"),
    ("pressure", "Pa"),
    ("energy", "J"),
    ("power", "W"),
    ("electric_potential", "V"),
    ("electric_current", "A"),
    ("electrical_resistance", "Ω"),
    ("electrical_conductance", "S"),
    ("electric_charge", "C"),
    ("capacitance", "F"),
    ("inductance", "H"),
    ("magnetic_flux", "Wb"),
    ("magnetic_flux_density", "T"),
    ("frequency", "Hz"),
    ("radioactivity", "Bq"),
    ("luminous_intensity", "cd"),
    ("ratio", "1"),
    ("angle", "rad"),
    ("solid_angle", "sr"),
    ("angular_velocity", "rad/s"),
    ("velocity", "m/s"),
    ("linear_mass_density", "kg/m"),
    ("dynamic_viscosity", "Pa·s"),
    ("available_energy", "J/kg"),
    ("mass_density", "kg/m³"),
    ("volume_rate", "m³/s"),
    ("electrical_conductivity", "S/m"),
    ("mass_concentration", "kg/m³"),
    ("thermal_conductivity", "W/(m·K)"),
];

/// Where uom and duibiao define a unit differently, on purpose.
const DISAGREE: &[(&str, &str)] = &[
    // uom's `a` is the year of 365 d; duibiao's `a` is the Julian year of pint (365.25 d),
    // and `a_365` is the common year (docs/units.md, "The year").
    ("time", "year"),
    ("frequency", "cycle_per_year"),
    // uom's coefficient is a shortened literal or a quotient of shortened literals (pound-force
    // 4.448 222 N, psi 6.894 757 E3 Pa, cubic foot per minute 4.719 475 E-4 …) and differs in
    // its 7th significant digit; duibiao's factor is exact by definition (lb = 0.453 592 37 kg,
    // ft = 0.3048 m, in = 0.0254 m, lbf = lb × 9.806 65 m/s²).
    ("pressure", "pound_force_per_square_foot"),
    ("pressure", "pound_force_per_square_inch"),
    ("power", "foot_pound_per_hour"),
    ("power", "foot_pound_per_minute"),
    ("linear_mass_density", "pound_per_foot"),
    ("linear_mass_density", "pound_per_inch"),
    ("dynamic_viscosity", "pound_force_second_per_square_foot"),
    ("dynamic_viscosity", "pound_force_second_per_square_inch"),
    ("dynamic_viscosity", "pound_per_foot_second"),
    ("dynamic_viscosity", "pound_per_foot_hour"),
    ("mass_density", "pound_per_cubic_foot"),
    ("mass_density", "pound_per_cubic_inch"),
    ("volume_rate", "cubic_foot_per_minute"),
    ("volume_rate", "cubic_inch_per_minute"),
];

/// True when our exact `factor` agrees with uom's `theirs` (see `tests/unit_uom.rs`).
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
    let ours = factor.to_f64().unwrap_or(f64::NAN);
    let ulp = f64::from_bits(theirs.abs().to_bits() + 1) - theirs.abs();
    (ours - theirs).abs() <= ulp
}

fn near(ours: f64, theirs: f64, ulps: f64) -> bool {
    let ulp = f64::from_bits(theirs.abs().to_bits() + 1) - theirs.abs();
    (ours - theirs).abs() <= ulps * ulp
}

/// The factor of `unit` in the coherent unit `base` (as exact as a decimal holds).
fn factor_in(unit: &Unit, base: &Unit) -> Option<Decimal> {
    duibiao::convert_difference(Decimal::ONE, unit, base).ok()
}

fn list_file(name: &str, lines: &[String]) {
    let path = format!("{}/tests/data/uom/{name}", env!("CARGO_MANIFEST_DIR"));
    let want = lines.join("\n") + "\n";
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{path} is stale: run UPDATE_DOCS=1 cargo test --test unit_uom_all"
    );
}

#[test]
fn every_quantity_is_listed_in_full() {
    for (m, theirs, listed) in uom_units!(counts) {
        assert_eq!(
            theirs, listed,
            "uom's {m} has {theirs} units, {listed} listed here"
        );
    }
}

#[test]
fn every_uom_unit_agrees_with_the_table_or_is_listed() {
    let degree =
        uom::si::f64::Angle::new::<uom::si::angle::degree>(1.0).get::<uom::si::angle::radian>();
    let mut checked = 0;
    let mut wrong = Vec::new();
    let mut not_in_table = Vec::new();
    let mut named = std::collections::HashSet::new();
    for (m, name, abbreviation, theirs) in uom_units!(all) {
        let base = BASES
            .iter()
            .find(|(q, _)| *q == m)
            .map(|(_, b)| Unit::from_str(b).unwrap());
        let base = base.unwrap_or_else(|| panic!("no base for {m}"));
        let text = abbreviation.replace(" · ", "·");
        let Ok(ours) = Unit::from_str(&text) else {
            not_in_table.push(format!("{m} {name} \"{abbreviation}\""));
            continue;
        };
        named.insert(ours.to_string());
        let disagrees = DISAGREE.contains(&(m, name));
        let ok = if let Some(f) = factor_in(&ours, &base) {
            agrees(f, theirs)
        } else if m == "angle" || m == "angular_velocity" {
            let deg = Unit::from_str(if m == "angle" { "°" } else { "°/s" }).unwrap();
            match factor_in(&ours, &deg) {
                Some(f) => near(f.to_f64().unwrap(), theirs / degree, 4.0),
                None => {
                    not_in_table.push(format!(
                        "{m} {name} \"{abbreviation}\" (read as {})",
                        ours.dimension()
                    ));
                    continue;
                }
            }
        } else if ours.is_compatible(&base) {
            not_in_table.push(format!(
                "{m} {name} \"{abbreviation}\" (factor beyond a decimal)"
            ));
            continue;
        } else {
            not_in_table.push(format!(
                "{m} {name} \"{abbreviation}\" (read as {})",
                ours.dimension()
            ));
            continue;
        };
        if ok == disagrees {
            wrong.push(format!("{m}::{name} \"{abbreviation}\": ours {} vs uom {theirs} (listed as a disagreement: {disagrees})", ours.factor()));
        }
        checked += 1;
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(checked > 400, "{checked}");
    list_file("not_in_table.txt", &not_in_table);
    let not_in_uom: Vec<String> = Unit::table()
        .map(|u| u.to_string())
        .filter(|s| !named.contains(s))
        .collect();
    list_file("not_in_uom.txt", &not_in_uom);
}
