//! `docs/units.md` is generated from the unit table; this test keeps the committed file equal
//! to the generated text. Run with `UPDATE_DOCS=1` to rewrite it.

use duibiao::Unit;

fn generate() -> String {
    let mut out = String::from(
        "# Units\n\n\
         The unit table of duibiao (generated from `src/unit/table.rs` by `tests/unit_docs.rs`).\n\
         A factor converts one unit into the coherent SI unit; where it does not terminate as a\n\
         decimal it is written as an exact fraction. Offsets apply to absolute temperatures only:\n\
         SI value = (value + offset) × factor. Derived units (`W/(m·K)`, `km/h`, `mg/L`, `N/mm²`)\n\
         are expressions over these symbols. Besides the spellings listed, the Chinese name is\n\
         accepted, and powers may be written `m²`, `m2`, `m^2` or `m**2`.\n\n\
         ## Typed units\n\n\
         | symbol | also accepted | English | 中文 | dimension | factor | offset | SI prefixes |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    let all: Vec<Unit> = Unit::table().collect();
    let prefixed_of = |base: &str| -> Vec<&Unit> {
        all.iter()
            .filter(|u| u.si_prefix().is_some_and(|(_, b)| b == base))
            .collect()
    };
    for u in all.iter().filter(|u| u.si_prefix().is_none()) {
        let spellings: Vec<String> = u.spellings().iter().map(|s| format!("`{s}`")).collect();
        let n = prefixed_of(&u.to_string()).len();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |\n",
            u,
            spellings.join(", "),
            u.name_en().unwrap_or_default(),
            u.name_zh().unwrap_or_default(),
            u.dimension(),
            factor(u),
            u.offset().map(|o| o.to_string()).unwrap_or_default(),
            match n {
                0 => String::new(),
                24 => "all 24".to_owned(),
                n => format!("{n}"),
            },
        ));
    }
    out.push_str(PREFIXES);
    for u in all.iter().filter(|u| u.si_prefix().is_none()) {
        let list = prefixed_of(&u.to_string());
        if list.is_empty() {
            continue;
        }
        let symbols: Vec<String> = list
            .iter()
            .map(|p| format!("`{p}` {} ({})", p.name_zh().unwrap_or_default(), factor(p)))
            .collect();
        out.push_str(&format!("- `{u}`: {}\n", symbols.join(", ")));
    }
    out.push_str(CONVERSIONS);
    out
}

/// The exact factor as written in the tables.
fn factor(u: &Unit) -> String {
    let (num, den) = u.exact_factor();
    let mut f = if den == rust_decimal::Decimal::ONE {
        num.to_string()
    } else {
        format!("{num} / {den}")
    };
    if u.factor_exponent() != 0 {
        f = format!("{f} × 10^{}", u.factor_exponent());
    }
    f
}

/// How prefixed units are made.
const PREFIXES: &str = "
## Prefixed units

Every prefixed unit is generated from the 24 SI prefixes (SI Brochure 9th edition, Table 7;
GB 3100-1993 Table 5, with ronna R, quetta Q, ronto r, quecto q of 2022):

| symbol | q | r | y | z | a | f | p | n | µ | m | c | d | da | h | k | M | G | T | P | E | Z | Y | R | Q |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| power of ten | −30 | −27 | −24 | −21 | −18 | −15 | −12 | −9 | −6 | −3 | −2 | −1 | 1 | 2 | 3 | 6 | 9 | 12 | 15 | 18 | 21 | 24 | 27 | 30 |
| 中文 | 亏 | 柔 | 幺 | 仄 | 阿 | 飞 | 皮 | 纳 | 微 | 毫 | 厘 | 分 | 十 | 百 | 千 | 兆 | 吉 | 太 | 拍 | 艾 | 泽 | 尧 | 容 | 昆 |

The prefix goes before the symbol (`mW`, `kV`, `MΩ`, `µg`), before each ASCII spelling of it
(`kWh`, `uS`, `μS`, `kohm`: `u` and the Greek `μ` are read as the micro sign `µ`), its name
before the unit's word (`milliwatt`, `kilopascal`), the Chinese prefix before the unit's short
Chinese name and its full one (毫瓦 and 毫瓦特, 千伏, 兆欧, 平方毫米). For a square or a cube
the prefix is squared or cubed (`cm³` = 10⁻⁶ m³). The factor is the unit's times the power of
ten, exactly. The gram takes the prefixes; its kilo is the kilogram (`kg`, 千克, 公斤).

Exact lookup comes first, then prefix and unit: `cd` is the candela (the day takes no prefix),
`Pa` the pascal, `min` the minute, `ft` the foot, `h` the hour (hecto only before a unit:
`hPa`, `hm`), `da` the deca prefix (`dam`), `u` the atomic mass unit (`um` the micrometre),
`mN` the millinewton and `m·N` a metre newton. No prefix goes before `kg`, `min`, `h`, `d`,
`a`, `a_365`, `month`, `°C`, `°F`, `%`, the degree and its minute and second, `t`, the
non-SI units and the levels; `bar` takes only `m`.

The prefixed units of the table, with their Chinese names and factors:

";
/// How conversions treat digits: the rule of `convert_value` and `convert_difference`.
const CONVERSIONS: &str = "
## Conversions never round silently

A conversion computes `(value + offset) × factor_from / factor_to − offset_to` exactly, then:

- **The ratio of the two factors terminates as a decimal** (mm → km, L → mL, kW·h → MJ,
  °C → K, °C → °F, lb → g, in → mm): the result is exact, or the conversion is refused when a
  decimal cannot hold it: `convert 0.0000000000000000000000000001 mm km` says `the result is
  not 0 but smaller than 10⁻²⁸, the smallest step of a decimal: it would be rounded to 0`, and
  a result with more than 28 decimal places says `the exact result has more digits than a
  decimal holds (28 decimal places, 28 significant digits): it would be rounded to …`.
  `convert 79228162514264337593543950335 mm km` is `79228162514264337593543.950335`, exactly.
- **The ratio does not terminate** (°F → K and °F → °C: 5/9, km/h → m/s: 5/18, h → month,
  in → ft, psi → Pa): no decimal holds the result, and refusing would refuse these units
  altogether, so the exact result is rounded once. What is printed (`duibiao convert`,
  `Quantity::convert` and its `Converted` text) is the exact result rounded once, half to even,
  to 28 significant digits, however small: `convert 1 nm in` is
  `0.00000003937007874015748031496062992`. The text is positional, never an exponent: results
  below 10⁻²⁸ are refused (below), so it has at most 56 decimal places, and a result has at most
  29 integer digits, those after the 28th written as zeros (`convert 70000000000000000000000000000
  km/h m/s` is `19444444444444444444444444440`); trailing zeros after the point are dropped.
  The decimal a library call returns (`convert_value`, `Quantity::to`, `Converted::value`)
  holds at most 28 decimal places, so below 1 it is the exact result rounded once, half to
  even, to 28 significant digits *or* 28 decimal places, whichever keeps fewer digits
  (`0.000000039370078740157480315` for 1 nm in inches); `Converted::is_exact` says whether
  it was rounded. It is never rounded to 0 (a nonzero result that would be is refused, as
  above) and never changes sign. A result the decimal holds exactly is returned exactly.
- **An absolute temperature below absolute zero** is refused: `convert -500 °F K` says
  `temperature \"-500 °F\": below absolute zero (-459.67 °F)`. A difference (`--difference`,
  `Δ2 K`) may be negative.

A judgement converts the value into the limit's unit, so it gives an error rather than an
outcome when the converted value cannot be held: `judge \"0.0000000000000000000000001 mm\" \"> 0 km\"`
is refused, never a silent `fail`. Where the ratio does not terminate, a value within half a
unit of the 28th significant digit of a limit's end may compare as equal to it.

## Unknown units

A symbol missing from the table is refused as an unknown unit, with a hint only where the
correction is obvious: the same letters in another case (`kpa` → `kPa`, `KW` → `kW`, `hz` →
`Hz`), a letter written twice or once too few (`kgg` → `kg`, `wat` → `watt`), one letter off
in a word (`celcius` → `celsius`). A hint never changes, adds or drops an SI prefix, since a
unit a power of ten away from the one written is worse than none: `mw` is `mW` (never `MW`),
`mpa` is `mPa` (never `MPa`), `kbar` and `microin` get no hint.

## The year

`a` (also `year`, `yr`, 年) is the Julian year of 365.25 d, as pint's `year` and `a`: this is
what a service life or a warranty in years means, and what the shared benchmark workload
converts with. uom's `year` (symbol `a`) is 365 d instead. The common year of 365 d is written
`a_365` (also `a365`, `common year`, 平年): an energy label's annual consumption, daily × 365
(EU ecodesign for refrigerating appliances; GB 12021.2 works in kW·h/24h), is
`0.5 kW·h/d` = `182.5 kW·h/a_365` (and `182.625 kW·h/a`). `month` is a / 12.

## Plane angle

The radian and the steradian are the coherent SI units, of dimension one. The degree `°`, its
minute `′` and second `″`, the revolution `r` and `r/min` (`rpm`, 转每分) are exact among
themselves, but a degree is π/180 rad, which no decimal ratio holds: they form their own
dimension (plane angle, and rotational speed for `r/min`), and converting them into radians is
refused (`cannot convert \"°\" (plane angle) to \"rad\" (dimensionless)`). `′` and `″`
are angles (GB 3100-1993 Table 3), no longer the foot and the inch.

## Energy of coal equivalent

`kgce` (千克标准煤) is energy: 1 kgce = 29 307.6 kJ, the low heating value that GB/T 2589-2020
defines as one kilogram of standard coal (term 标准煤, coal equivalent); `gce` = 29.3076 kJ and
`tce` (吨标准煤) = 29 307.6 MJ. So `1 tce` is `8141 kW·h` exactly.

## Against uom

`tests/unit_uom.rs` checks every typed unit and `tests/unit_uom_all.rs` every unit uom 0.36
defines for these quantities (prefixed ones included) against this table: the factors agree,
except where uom's own coefficient is a shortened literal (the pound-force family, to its 7th
digit) and uom's 365-day year. uom's units that the table does not hold are listed in
`tests/data/uom/not_in_table.txt`, the table's units that uom does not have in
`tests/data/uom/not_in_uom.txt`.
";

#[test]
fn units_md_matches_the_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/units.md");
    let want = generate();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "docs/units.md is stale: run UPDATE_DOCS=1 cargo test --test unit_docs"
    );
}
