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
         | symbol | also accepted | English | 中文 | dimension | factor | offset |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for u in Unit::table() {
        let (num, den) = u.exact_factor();
        let factor = if den == rust_decimal::Decimal::ONE {
            num.to_string()
        } else {
            format!("{num} / {den}")
        };
        let spellings: Vec<String> = u.spellings().iter().map(|s| format!("`{s}`")).collect();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} |\n",
            u,
            spellings.join(", "),
            u.name_en().unwrap_or_default(),
            u.name_zh().unwrap_or_default(),
            u.dimension(),
            factor,
            u.offset().map(|o| o.to_string()).unwrap_or_default(),
        ));
    }
    out.push_str(CONVERSIONS);
    out
}

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
  altogether, so the exact result is rounded once, half to even, to 28 significant digits (at
  most 28 decimal places: an error of at most half a unit in the 28th significant digit, or of
  5 × 10⁻²⁹ below 1). It is never rounded to 0 (a nonzero result that would be is refused, as
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
unit a power of ten away from the one written is worse than none: `mW`, `Mm`, `mpa`, `hPa` and
`microin` get no hint, and neither does `rad`.
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
