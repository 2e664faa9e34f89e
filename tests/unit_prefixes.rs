//! SI prefixes, the statutory units of GB 3100-1993 and their Chinese names, the common year,
//! plane angles and coal equivalent (issue 14, "Units" and "The year").

use duibiao::{convert_difference, convert_value, Unit};
use rust_decimal::Decimal;
use std::str::FromStr;

fn unit(s: &str) -> Unit {
    Unit::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn conv(v: &str, from: &str, to: &str) -> String {
    convert_value(Decimal::from_str(v).unwrap(), &unit(from), &unit(to))
        .unwrap_or_else(|e| panic!("{v} {from} → {to}: {e}"))
        .to_string()
}

/// The units the issue names, as standards write them: standby power, PM2.5, voltage,
/// frequency, insulation resistance, modulus, viscosity, conductivity.
#[test]
fn the_units_the_issue_names() {
    for (v, from, to, want) in [
        ("500", "mW", "W", "0.5"),
        ("35", "µg/m³", "mg/m³", "0.035"),
        ("35", "ug/m3", "kg/m³", "0.000000035"),
        ("10", "kV", "V", "10000"),
        ("50", "kHz", "Hz", "50000"),
        ("2", "MΩ", "Ω", "2000000"),
        ("2", "Mohm", "kΩ", "2000"),
        ("2", "megohm", "Ω", "2000000"),
        ("200", "GPa", "MPa", "200000"),
        ("1.5", "mPa·s", "Pa·s", "0.0015"),
        ("500", "µS/cm", "mS/m", "50"),
        ("1", "hPa", "Pa", "100"),
        ("1", "dam", "m", "10"),
        ("1", "dL", "mL", "100"),
        ("1", "kWh", "MJ", "3.6"),
        ("1", "MW·h", "kW·h", "1000"),
        ("1", "GWh", "kWh", "1000000"),
        ("1", "keV", "eV", "1000"),
        ("1", "mK", "K", "0.001"),
        ("1", "kmol", "mol", "1000"),
        ("1", "mGy", "Gy", "0.001"),
        ("1", "µSv", "Sv", "0.000001"),
        ("1", "dtex", "tex", "0.1"),
        ("1", "mcd", "cd", "0.001"),
        ("1", "klm", "lm", "1000"),
        ("1", "µF", "nF", "1000"),
        ("1", "mH", "H", "0.001"),
        ("1", "mT", "T", "0.001"),
        ("1", "mWb", "Wb", "0.001"),
        ("1", "kBq", "Bq", "1000"),
        ("1", "µC", "C", "0.000001"),
        ("1", "mrad", "rad", "0.001"),
        ("1", "Mg", "t", "1"),
        ("1", "cm³", "mL", "1"),
        ("1", "hm²", "ha", "1"),
    ] {
        assert_eq!(conv(v, from, to), want, "{v} {from} → {to}");
    }
}

/// Every prefix before every unit that takes prefixes has exactly the unit's factor times the
/// power of ten (squared or cubed for m² and m³), read back from its symbol, its `u`/`μ`
/// spelling and its word.
#[test]
fn every_prefixed_unit_has_the_factor_of_its_prefix() {
    let powers = [
        ("q", -30),
        ("r", -27),
        ("y", -24),
        ("z", -21),
        ("a", -18),
        ("f", -15),
        ("p", -12),
        ("n", -9),
        ("µ", -6),
        ("m", -3),
        ("c", -2),
        ("d", -1),
        ("da", 1),
        ("h", 2),
        ("k", 3),
        ("M", 6),
        ("G", 9),
        ("T", 12),
        ("P", 15),
        ("E", 18),
        ("Z", 21),
        ("Y", 24),
        ("R", 27),
        ("Q", 30),
    ];
    let mut n = 0;
    for u in Unit::table() {
        let Some((p, base)) = u.si_prefix() else {
            continue;
        };
        let exp = powers.iter().find(|(s, _)| *s == p).unwrap().1;
        let base = unit(base);
        let power = match base.to_string().as_str() {
            "m²" => 2,
            "m³" => 3,
            _ => 1,
        };
        // u / base = 10^(exp·power), exactly: compare u's exact factor with base's.
        let ((un, ud), ue) = (u.exact_factor(), u.factor_exponent());
        let ((bn, bd), be) = (base.exact_factor(), base.factor_exponent());
        let big = |d: Decimal| num_bigint::BigInt::from(d.mantissa());
        let ten = |k: i64| num_bigint::BigInt::from(10u32).pow(k.unsigned_abs() as u32);
        // un/ud·10^ue = bn/bd·10^be·10^(exp·power), scales included.
        let left_exp = i64::from(ue) - i64::from(un.scale()) + i64::from(ud.scale());
        let right_exp =
            i64::from(be) - i64::from(bn.scale()) + i64::from(bd.scale()) + i64::from(exp * power);
        let (mut l, mut r) = (big(un) * big(bd), big(bn) * big(ud));
        let shift = left_exp - right_exp;
        if shift >= 0 {
            l *= ten(shift);
        } else {
            r *= ten(shift);
        }
        assert_eq!(l, r, "{u}");
        assert_eq!(u.dimension(), base.dimension(), "{u}");
        n += 1;
    }
    // 24 prefixes before each of 32 units, and `mbar`.
    assert_eq!(n, 24 * 32 + 1);
    // The micro sign, the ASCII `u` and the Greek mu are one unit.
    for s in ["µg", "ug", "μg", "microgram", "微克"] {
        assert_eq!(unit(s).to_string(), "µg", "{s}");
    }
}

/// The ambiguous spellings: exact lookup first, then prefix and unit.
#[test]
fn exact_symbols_win_over_prefix_readings() {
    for (text, canonical, dimension) in [
        ("cd", "cd", "luminous intensity"),
        ("Pa", "Pa", "pressure"),
        ("min", "min", "time"),
        ("ft", "ft", "length"),
        ("h", "h", "time"),
        ("u", "u", "mass"),
        ("um", "µm", "length"),
        ("ms", "ms", "time"),
        ("mS", "mS", "electrical conductance"),
        ("mN", "mN", "force"),
        ("m·N", "m·N", "energy"),
        ("Mm", "Mm", "length"),
        ("mm", "mm", "length"),
        ("dam", "dam", "length"),
        ("hm", "hm", "length"),
        ("ha", "ha", "area"),
        ("T", "T", "magnetic flux density"),
        ("Tm", "Tm", "length"),
        ("mT", "mT", "magnetic flux density"),
        ("pm", "pm", "length"),
        ("ppm", "ppm", "dimensionless"),
    ] {
        let u = unit(text);
        assert_eq!(u.to_string(), canonical, "{text}");
        assert_eq!(u.dimension().to_string(), dimension, "{text}");
    }
    // A prefix alone is no unit: `c·d` is refused, and so is `P`.
    assert!(Unit::from_str("c·d").is_err());
    assert!(Unit::from_str("P").is_err());
    assert!(Unit::from_str("kmin").is_err());
    assert!(Unit::from_str("kkg").is_err());
    assert!(Unit::from_str("mkg").is_err());
    assert!(Unit::from_str("k°C").is_err());
    assert!(Unit::from_str("k%").is_err());
    assert!(Unit::from_str("kh").is_err());
    assert!(Unit::from_str("kd").is_err());
    assert!(Unit::from_str("ka").is_err());
    assert!(Unit::from_str("kbar").is_err());
}

/// GB 3100-1993 Table 3, the permitted non-SI units, and the Chinese names of the tables.
#[test]
fn statutory_units_and_chinese_names() {
    for (v, from, to, want) in [
        ("1", "h", "min", "60"),
        ("1", "d", "h", "24"),
        ("1", "°", "′", "60"),
        ("1", "′", "″", "60"),
        ("1", "r", "°", "360"),
        ("1500", "r/min", "r/s", "25"),
        ("1500", "rpm", "r/s", "25"),
        ("1500", "转每分", "r/s", "25"),
        ("1", "n mile", "m", "1852"),
        ("1", "海里", "km", "1.852"),
        ("1", "kn", "nmi/h", "1"),
        ("1", "t", "kg", "1000"),
        ("1", "u", "Da", "1"),
        ("1", "L", "dm³", "1"),
        ("1", "eV", "J", "0.0000000000000000001602176634"),
        ("1", "tex", "g/km", "1"),
        ("1", "ha", "m²", "10000"),
        ("1", "公顷", "m²", "10000"),
        ("1", "千瓦时", "MJ", "3.6"),
        ("1", "毫米", "m", "0.001"),
        ("1", "升", "mL", "1000"),
        ("1", "毫瓦", "W", "0.001"),
        ("1", "毫瓦特", "W", "0.001"),
        ("1", "千伏", "V", "1000"),
        ("1", "兆欧", "Ω", "1000000"),
        ("1", "千帕", "Pa", "1000"),
        ("1", "兆帕", "Pa", "1000000"),
        ("1", "微克", "mg", "0.001"),
        ("1", "平方毫米", "m²", "0.000001"),
        ("1", "立方厘米", "mL", "1"),
        ("1", "千赫", "Hz", "1000"),
        ("1", "吉帕", "MPa", "1000"),
        ("1", "纳米", "nm", "1"),
        ("1", "公斤", "kg", "1"),
        ("1", "公里", "km", "1"),
        ("1", "转", "°", "360"),
        ("1", "度", "°", "1"),
        ("1", "平年", "d", "365"),
        ("1", "年", "d", "365.25"),
    ] {
        assert_eq!(conv(v, from, to), want, "{v} {from} → {to}");
    }
    // A degree is π/180 rad: no exact decimal ratio, so the conversion is refused.
    let err = convert_value(Decimal::ONE, &unit("°"), &unit("rad")).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"cannot convert "°" (plane angle) to "rad" (dimensionless)"#
    );
    assert_eq!(unit("r/min").dimension().to_string(), "rotational speed");
}

/// kgce and tce are energy: 1 kgce = 29 307.6 kJ (GB/T 2589-2020, the term 标准煤).
#[test]
fn coal_equivalent_is_energy() {
    assert_eq!(conv("1", "kgce", "kJ"), "29307.6");
    assert_eq!(conv("1", "千克标准煤", "MJ"), "29.3076");
    assert_eq!(conv("1", "tce", "kW·h"), "8141");
    assert_eq!(conv("1", "吨标准煤", "kgce"), "1000");
    assert_eq!(conv("300", "gce/(kW·h)", "kgce/(kW·h)"), "0.3");
    assert_eq!(unit("tce").dimension().to_string(), "energy");
}

/// Both years, exactly: the Julian `a` and the common year `a_365`.
#[test]
fn both_years() {
    assert_eq!(conv("0.5", "kW·h/d", "kW·h/a"), "182.625");
    assert_eq!(conv("0.5", "kW·h/d", "kW·h/a_365"), "182.5");
    assert_eq!(conv("182.5", "kW·h/a_365", "kW·h/d"), "0.5");
    assert_eq!(conv("1", "common year", "d"), "365");
    assert_eq!(conv("1", "a", "a_365"), "1.000684931506849315068493151");
    assert_eq!(conv("1", "year", "h"), "8766");
    // A difference converts alike.
    let d = convert_difference(Decimal::ONE, &unit("a_365"), &unit("h")).unwrap();
    assert_eq!(d.to_string(), "8760");
}

/// A prefix beyond the decimal range is held exactly and converts where the result fits.
#[test]
fn extreme_prefixes_are_exact() {
    assert_eq!(conv("1", "QW·h", "RW·h"), "1000");
    assert_eq!(conv("1", "qeV", "reV"), "0.001");
    assert!(convert_value(Decimal::ONE, &unit("qeV"), &unit("J")).is_err());
    assert_ne!(unit("qeV").factor_exponent(), 0);
}
