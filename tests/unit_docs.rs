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
    out
}

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
