//! Units: the shared vectors, spellings and conversion laws (the error messages, word for word,
//! are in `tests/error_messages.rs`).

use std::str::FromStr;

use duibiao::{check_same_kind, convert_difference, convert_value, Quantity, QuantityKind, Unit};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[track_caller]
fn unit(text: &str) -> Unit {
    text.parse()
        .unwrap_or_else(|e| panic!("unit {text:?} failed: {e}"))
}

#[track_caller]
fn dec(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap()
}

#[track_caller]
fn quantity(text: &str) -> Quantity {
    text.parse()
        .unwrap_or_else(|e| panic!("quantity {text:?} failed: {e}"))
}

/// `tests/data/units.csv`, a verbatim copy of the shared vectors; each row names its source.
#[test]
fn shared_vectors() {
    let data = include_str!("data/units.csv");
    let mut rows = 0;
    for (n, line) in data.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.splitn(6, ',').collect();
        let [value, from, to, kind, expected, source] = f[..] else {
            panic!("line {}: expected 6 fields", n + 1)
        };
        let (value, from, to, expected) = (dec(value), unit(from), unit(to), dec(expected));
        let got = match kind {
            "absolute" => convert_value(value, &from, &to).unwrap(),
            "difference" => convert_difference(value, &from, &to).unwrap(),
            other => panic!("line {}: unknown kind {other}", n + 1),
        };
        assert_eq!(
            got,
            expected,
            "line {}: {value} {from} → {to} ({source})",
            n + 1
        );
        // The same through the Quantity front door.
        let q = match kind {
            "absolute" => Quantity::new(value, from.clone()),
            _ => Quantity::difference(value, from.clone()),
        };
        let via = if kind == "absolute" {
            q.to(&to)
        } else {
            q.to_difference(&to)
        };
        assert_eq!(via.unwrap().value(), expected, "line {}", n + 1);
        rows += 1;
    }
    assert_eq!(rows, 8);
}

/// Conversions a shared benchmark relies on (pint's definitions: year = 365.25 d, month =
/// year / 12) and other exact values.
#[test]
fn exact_conversions() {
    let cases = [
        ("3 year", "hour", "26298"),
        ("3 year", "month", "36"),
        ("1 kWh", "MJ", "3.6"),
        ("1 Wh", "J", "3600"),
        ("2.5 N/mm**2", "MPa", "2.5"),
        ("1 m**3", "L", "1000"),
        ("97.0 percent", "dimensionless", "0.97"),
        ("1500 micrometer", "mm", "1.5"),
        ("68 °F", "K", "293.15"),
        ("-40 °C", "°F", "-40"),
        ("36 km/h", "m/s", "10"),
        ("1 atm", "kPa", "101.325"),
        ("1 lbf", "N", "4.4482216152605"),
        ("1 lb", "g", "453.59237"),
        ("1 ft", "in", "12"),
        ("3 m³/h", "L/min", "50"),
        ("1 mg/L", "g/m³", "1"),
        ("5 ‰", "%", "0.5"),
        ("250 ppm", "%", "0.025"),
        ("1 bar", "mbar", "1000"),
        ("120 lm/W", "lm/kW", "120000"),
        ("1 µA", "mA", "0.001"),
        ("2 MW", "kW", "2000"),
        ("50 Hz", "1/min", "3000"),
        ("2 cm²", "mm²", "200"),
        ("1 cm³", "mL", "1"),
        ("1 t", "kg", "1000"),
        ("1 d", "min", "1440"),
        ("60 dB(A)", "dB(A)", "60"),
    ];
    for (q, to, want) in cases {
        let got = quantity(q).to(&unit(to)).unwrap();
        assert_eq!(got.value(), dec(want), "{q} → {to}");
    }
}

/// Conversions that do not terminate: one rounding, to 28 significant digits.
#[test]
fn rounded_conversions() {
    let cases = [
        ("1 psi", "Pa", "6894.757293168361336722673445"),
        ("1 m", "ft", "3.280839895013123359580052493"),
        ("1 km/h", "m/s", "0.2777777777777777777777777778"),
        ("0 °F", "K", "255.3722222222222222222222222"),
    ];
    for (q, to, want) in cases {
        assert_eq!(
            quantity(q).to(&unit(to)).unwrap().value(),
            dec(want),
            "{q} → {to}"
        );
    }
}

#[test]
fn temperature_differences() {
    let d = quantity("Δ2 °C");
    assert!(d.is_difference());
    assert_eq!(d.to(&unit("K")).unwrap().to_string(), "Δ2 K");
    assert_eq!(d.to(&unit("°F")).unwrap().to_string(), "Δ3.6 °F");
    assert_eq!(
        quantity("2 °C")
            .to_difference(&unit("K"))
            .unwrap()
            .to_string(),
        "Δ2 K"
    );
    assert_eq!(
        quantity("2 °C").to(&unit("K")).unwrap().to_string(),
        "275.15 K"
    );
    // absolute − absolute = difference; absolute + difference = absolute
    let diff = quantity("30 °C").checked_sub(&quantity("20 °C")).unwrap();
    assert_eq!(diff.to_string(), "Δ10 °C");
    let back = quantity("20 °C").checked_add(&diff).unwrap();
    assert_eq!(back.to_string(), "30 °C");
    assert_eq!(
        quantity("Δ2 K")
            .checked_add(&quantity("20 °C"))
            .unwrap()
            .to_string(),
        "295.15 K"
    );
    assert_eq!(
        quantity("300 K")
            .checked_sub(&quantity("Δ9 °F"))
            .unwrap()
            .to_string(),
        "295 K"
    );
    // °C inside an expression is kelvin-sized
    assert_eq!(unit("W/(m·°C)").factor(), Decimal::ONE);
    assert!(!unit("W/(m·°C)").has_offset());
    assert!(unit("°C").has_offset());
}

#[test]
fn arithmetic() {
    let sum = quantity("1 m").checked_add(&quantity("25.4 mm")).unwrap();
    assert_eq!(sum.to_string(), "1.0254 m");
    let less = quantity("1 kg").checked_sub(&quantity("1 lb")).unwrap();
    assert_eq!(less.to_string(), "0.54640763 kg");
    let big = quantity("79228162514264337593543950335 m");
    assert!(big.checked_add(&quantity("1 m")).unwrap_err().is_overflow());
    assert!(big.checked_mul(Decimal::TWO).unwrap_err().is_overflow());
    assert!(big.to(&unit("mm")).unwrap_err().is_overflow());
    assert_eq!(
        quantity("1.5 L")
            .checked_mul(Decimal::TWO)
            .unwrap()
            .to_string(),
        "3.0 L"
    );
}

#[test]
fn comparisons() {
    use std::cmp::Ordering;
    let c = |a: &str, b: &str| quantity(a).checked_cmp(&quantity(b));
    assert_eq!(c("1 in", "25.4 mm").unwrap(), Ordering::Equal);
    assert_eq!(c("20 °C", "68.1 °F").unwrap(), Ordering::Less);
    assert_eq!(c("97.0 %", "0.96").unwrap(), Ordering::Greater);
    assert_eq!(c("60 dB(A)", "59 dB(A)").unwrap(), Ordering::Greater);
    assert!(c("60 dB(A)", "59 dB").unwrap_err().is_incompatible());
    assert!(c("20 °C", "Δ2 K").unwrap_err().is_incompatible());
}

/// Every spelling a plan or the shared benchmark uses, with its canonical text.
#[test]
fn spellings() {
    let cases = [
        ("m3", "m³"),
        ("m³", "m³"),
        ("m**3", "m³"),
        ("m^3", "m³"),
        ("kW.h", "kW·h"),
        ("kWh", "kW·h"),
        ("kW·h", "kW·h"),
        ("kW⋅h", "kW·h"),
        ("kW*h", "kW·h"),
        ("Wh", "W·h"),
        ("degC", "°C"),
        ("℃", "°C"),
        ("°C", "°C"),
        ("degF", "°F"),
        ("L", "L"),
        ("l", "L"),
        ("um", "µm"),
        ("µm", "µm"),
        ("μm", "µm"),
        ("micrometer", "µm"),
        ("percent", "%"),
        ("%", "%"),
        ("dimensionless", "1"),
        ("hour", "h"),
        ("year", "a"),
        ("month", "month"),
        ("MJ", "MJ"),
        ("N/mm**2", "N/mm²"),
        ("N/mm2", "N/mm²"),
        ("N/mm²", "N/mm²"),
        ("W/(m·K)", "W/(m·K)"),
        ("W/(m*K)", "W/(m·K)"),
        ("W / (m . K)", "W/(m·K)"),
        ("W·m^-1·K^-1", "W·m⁻¹·K⁻¹"),
        ("W·m⁻¹·K⁻¹", "W·m⁻¹·K⁻¹"),
        ("kg/m³", "kg/m³"),
        ("m²·K/W", "m²·K/W"),
        ("W·h/(W·h)", "W·h/(W·h)"),
        ("m/(kW·h)", "m/(kW·h)"),
        ("ohm", "Ω"),
        ("Ω", "Ω"),
        ("uA", "µA"),
        ("毫米", "mm"),
        ("千瓦时", "kW·h"),
        ("dBA", "dB(A)"),
        ("dB (A)", "dB(A)"),
        ("lm/W", "lm/W"),
        ("1/h", "1/h"),
        ("  mm ", "mm"),
    ];
    for (text, canonical) in cases {
        let u = unit(text);
        assert_eq!(u.to_string(), canonical, "{text}");
        assert_eq!(unit(canonical), u, "{canonical} does not parse back");
    }
}

#[test]
fn dimensions_and_names() {
    let cases = [
        ("kg/m³", "mass·length⁻³"),
        ("N/mm²", "pressure"),
        ("kW·h", "energy"),
        ("W/(m·K)", "thermal conductivity"),
        ("lm/W", "luminous efficacy"),
        ("m³/h", "volume flow"),
        ("km/h", "velocity"),
        ("W/W", "dimensionless"),
        ("mm", "length"),
        ("°F", "temperature"),
        ("dB", "level"),
    ];
    for (u, dim) in cases {
        assert_eq!(unit(u).dimension().to_string(), dim, "{u}");
    }
    assert_eq!(unit("mm").name_zh(), Some("毫米"));
    assert_eq!(unit("kWh").name_en(), Some("kilowatt hour"));
    assert_eq!(unit("W/W").name_en(), None);
}

/// The exponents and the plane-angle exponent together say what the dimension is: over every
/// unit of the table, two linear units have equal dimensions exactly when both agree (`°` and
/// `1` have the same seven SI exponents and differ by the angle alone).
#[test]
fn exponents_with_the_plane_angle_decide_the_dimension() {
    let deg = unit("°").dimension();
    assert_eq!(deg.exponents(), [0; 7]);
    assert_eq!(deg.plane_angle_exponent(), 1);
    assert_eq!(Unit::one().dimension().plane_angle_exponent(), 0);
    assert_ne!(deg, Unit::one().dimension());
    let per_second = unit("°/s").dimension();
    assert_eq!(per_second.exponents(), [0, 0, -1, 0, 0, 0, 0]);
    assert_eq!(per_second.plane_angle_exponent(), 1);
    assert_eq!(unit("°²").dimension().plane_angle_exponent(), 2);
    let linear: std::collections::HashSet<_> = Unit::table()
        .map(|u| u.dimension())
        .filter(|d| !d.is_level())
        .collect();
    let mut angled = 0;
    for a in &linear {
        angled += usize::from(a.plane_angle_exponent() != 0);
        for b in &linear {
            let same = a.exponents() == b.exponents()
                && a.plane_angle_exponent() == b.plane_angle_exponent();
            assert_eq!(same, a == b, "{a} vs {b}");
        }
    }
    assert!(angled >= 2, "the table holds °, r/min …: {angled}");
}

#[test]
fn kinds() {
    assert!(check_same_kind(Some("APF"), Some("APF")).is_ok());
    assert!(check_same_kind(None, Some("SEER")).is_ok());
    assert!(check_same_kind(Some("APF"), None).is_ok());
    assert!(check_same_kind(None, None).is_ok());
    let e = check_same_kind(Some("SEER"), Some("APF")).unwrap_err();
    assert!(e.is_incompatible());
}

#[test]
fn quantity_text() {
    let cases = [
        ("3.50 W/W", "3.50 W/W"),
        ("1 in", "1 in"),
        ("-40 °C", "-40 °C"),
        ("97.0 %", "97.0 %"),
        ("20°C", "20 °C"),
        ("5%", "5 %"),
        ("0.5", "0.5"),
        ("−3.5 mm", "-3.5 mm"),
        ("Δ 2 °C", "Δ2 °C"),
        ("４．０ L", "4.0 L"),
        ("10 W/(m*K)", "10 W/(m·K)"),
    ];
    for (text, shown) in cases {
        let q = quantity(text);
        assert_eq!(q.to_string(), shown, "{text}");
        assert_eq!(quantity(shown), q, "{shown}");
    }
}

#[test]
fn serde_as_text() {
    let u = unit("W/(m*K)");
    assert_eq!(serde_json::to_string(&u).unwrap(), r#""W/(m·K)""#);
    assert_eq!(
        serde_json::from_str::<Unit>(r#""kWh""#).unwrap(),
        unit("kW·h")
    );
    let err = serde_json::from_str::<Unit>(r#""kgg""#).unwrap_err();
    assert!(err
        .to_string()
        .contains(r#"unit "kgg": unknown unit, did you mean "kg"?"#));
    let q = quantity("Δ2 °C");
    let json = serde_json::to_string(&q).unwrap();
    assert_eq!(json, r#""Δ2 °C""#);
    assert_eq!(serde_json::from_str::<Quantity>(&json).unwrap(), q);
}

#[test]
fn no_panic_on_garbage() {
    let inputs = [
        "",
        " ",
        "/",
        "*",
        "**",
        "^",
        "()",
        "(",
        ")",
        "m^-128",
        "m^127·m",
        "m^999",
        "m⁻",
        "²",
        "m²²",
        "m^-0",
        "dB(",
        "dB(A",
        "°",
        "·",
        "m··m",
        "m//m",
        "1e5 m",
        "--1 m",
        "Δ",
        "ΔΔ1 K",
        "m^127·m^127",
        "(m^127)^2",
        "mm127",
        "m99999999999",
    ];
    for text in inputs {
        let _ = Unit::from_str(text);
        let _ = Quantity::from_str(text);
        let _ = Quantity::from_str(&format!("1 {text}"));
    }
    let long = "m·".repeat(200);
    assert!(Unit::from_str(&long).unwrap_err().is_invalid());
}

// ---- laws -----------------------------------------------------------------------------

/// Groups of compatible units; within a group any two convert.
const GROUPS: &[&[&str]] = &[
    &["m", "km", "cm", "mm", "µm", "nm", "in", "ft"],
    &["m²", "cm²", "mm²"],
    &["L", "mL", "m³", "cm³"],
    &["kg", "g", "mg", "t", "lb"],
    &["s", "min", "h", "d", "a", "month"],
    &["K", "°C", "°F"],
    &["N", "kN", "lbf"],
    &["Pa", "kPa", "MPa", "bar", "mbar", "atm", "psi", "N/mm²"],
    &["J", "kJ", "MJ", "W·h", "kW·h"],
    &["W", "kW", "MW"],
    &["1", "%", "‰", "ppm", "W/W"],
    &["m/s", "km/h"],
    &["L/min", "m³/h"],
    &["mg/L", "g/m³", "kg/m³"],
];

fn triple() -> impl Strategy<Value = (&'static str, &'static str, &'static str)> {
    (0..GROUPS.len()).prop_flat_map(|g| {
        let group = GROUPS[g];
        (
            proptest::sample::select(group),
            proptest::sample::select(group),
            proptest::sample::select(group),
        )
    })
}

fn value() -> impl Strategy<Value = Decimal> {
    (-1_000_000_000_000i64..1_000_000_000_000, 0u32..7).prop_map(|(m, s)| Decimal::new(m, s))
}

/// True when the ratio of the two units terminates as a decimal: conversions are exact.
fn terminates(a: &Unit, b: &Unit) -> bool {
    let ((an, ad), (bn, bd)) = (a.exact_factor(), b.exact_factor());
    // (an / ad) / (bn / bd) = an·bd / (ad·bn)
    let (n, d) = (an * bd, ad * bn);
    let (mut n, mut d) = (n.mantissa().unsigned_abs(), d.mantissa().unsigned_abs());
    let mut x = d;
    while x != 0 {
        (n, x) = (x, n % x);
    }
    d /= n;
    for p in [2, 5] {
        while d % p == 0 {
            d /= p;
        }
    }
    d == 1
}

/// The value, kept at or above absolute zero for an absolute temperature.
fn above_absolute_zero(v: Decimal, u: &Unit) -> Decimal {
    match (u.dimension() == unit("K").dimension(), u.offset()) {
        (false, _) => v,
        (true, Some(o)) if v < -o => -o - v,
        (true, None) if v < Decimal::ZERO => -v,
        _ => v,
    }
}

/// |a − b| ≤ |b| × 10⁻²⁵ + 10⁻²⁰: agreement to the 28-digit precision of the conversions.
fn close(a: Decimal, b: Decimal) -> bool {
    let tolerance = b.abs() * Decimal::new(1, 25) + Decimal::new(1, 20);
    (a - b).abs() <= tolerance
}

proptest! {
    #[test]
    fn round_trip(v in value(), (a, b, _) in triple()) {
        let (ua, ub) = (unit(a), unit(b));
        let v = above_absolute_zero(v, &ua);
        let there = convert_value(v, &ua, &ub).unwrap();
        // Where the ratio terminates nothing was rounded: back is the value, or refused when the
        // exact result has too many digits. Otherwise `there` was rounded to 28 digits, and
        // back is close, or refused where the ratio back terminates and digits would be lost.
        match convert_value(there, &ub, &ua) {
            Ok(back) if terminates(&ua, &ub) => {
                prop_assert_eq!(back, v, "{} {} → {} {} → {}", v, a, there, b, a);
            }
            Ok(back) => {
                prop_assert!(close(back, v), "{} {} → {} {} → {}", v, a, there, b, back);
            }
            Err(e) => {
                prop_assert!(e.is_overflow(), "{} {} → {} {}: {}", v, a, there, b, e);
                prop_assert!(!terminates(&ua, &ub), "{} {} → {} {}: {}", v, a, there, b, e);
            }
        }
        let d = convert_difference(v, &ua, &ub).unwrap();
        match convert_difference(d, &ub, &ua) {
            Ok(back) => prop_assert!(close(back, v)),
            Err(e) => prop_assert!(e.is_overflow() && !terminates(&ua, &ub), "{}", e),
        }
    }

    #[test]
    fn through_a_third_unit(v in value(), (a, b, c) in triple()) {
        let (ua, ub, uc) = (unit(a), unit(b), unit(c));
        let v = above_absolute_zero(v, &ua);
        let direct = convert_value(v, &ua, &uc).unwrap();
        let there = convert_value(v, &ua, &ub).unwrap();
        match convert_value(there, &ub, &uc) {
            Ok(via) => prop_assert!(close(via, direct), "{} {}: direct {} {}, via {} {}", v, a, direct, c, via, b),
            // A rounded intermediate may hold more digits than the second step can keep.
            Err(e) => prop_assert!(e.is_overflow() && !terminates(&ua, &ub), "{}", e),
        }
    }

    #[test]
    fn text_round_trip(v in value(), (a, _, _) in triple(), diff in any::<bool>()) {
        let u = unit(a);
        let q = if diff { Quantity::difference(v, u) } else { Quantity::new(v, u) };
        let again: Quantity = q.to_string().parse().unwrap();
        prop_assert_eq!(&again, &q);
        prop_assert_eq!(again.value().scale(), q.value().scale());
    }

    #[test]
    fn unit_text_round_trip(parts in proptest::collection::vec(
        (proptest::sample::select(&["m", "kg", "s", "K", "°C", "W", "kW·h", "mm", "L", "h", "%"][..]),
         -3i8..4, any::<bool>()), 1..5)) {
        // After a "/", every further operator is "/" too: a product after "/" is refused as
        // ambiguous.
        let mut text = String::new();
        let mut divided = false;
        for (i, (sym, pow, divide)) in parts.iter().enumerate() {
            divided |= *divide && i > 0;
            if i > 0 { text.push_str(if divided { "/" } else { "*" }); }
            text.push('(');
            text.push_str(sym);
            text.push(')');
            if *pow != 0 && *pow != 1 { text.push_str(&format!("^{pow}")); }
        }
        // A factor such as (kW·h)⁵ = 6.0 × 10³² is beyond a decimal: refused, never rounded.
        let u: Unit = match text.parse() {
            Ok(u) => u,
            Err(e) => {
                prop_assert!(e.is_overflow(), "{}: {}", text, e);
                return Ok(());
            }
        };
        let again: Unit = u.to_string().parse().unwrap();
        prop_assert_eq!(&again, &u);
        prop_assert_eq!(again.exact_factor(), u.exact_factor());
        prop_assert_eq!(again.dimension(), u.dimension());
    }

    #[test]
    fn never_panics(text in "\\PC{0,30}") {
        let _ = Unit::from_str(&text);
        let _ = Quantity::from_str(&text);
    }
}

#[test]
fn types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Unit>();
    check::<Quantity>();
    check::<QuantityKind>();
}
