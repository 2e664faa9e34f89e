//! Limit text (GB/T 8170-2008 4.2): every accepted form and its canonical display (the
//! refusals, word for word, are in `tests/error_messages.rs`).

mod util;

use duibiao::{Bound, Limit};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn b(v: &str, inclusive: bool) -> Option<Bound> {
    Some(Bound {
        value: d(v),
        inclusive,
    })
}

#[track_caller]
fn check(text: &str, canonical: &str, lower: Option<Bound>, upper: Option<Bound>, interval: &str) {
    let limit: Limit = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(limit.to_string(), canonical, "{text}");
    assert_eq!(limit.lower(), lower, "{text}: lower");
    assert_eq!(limit.upper(), upper, "{text}: upper");
    assert_eq!(
        limit.written_interval().to_string(),
        interval,
        "{text}: interval"
    );
    let again: Limit = canonical.parse().unwrap();
    assert_eq!(again, limit, "{text}: canonical form parses back");
}

#[test]
fn one_sided_forms() {
    let ge = || b("97.0", true);
    for text in [
        "≥97.0",
        "≥ 97.0",
        ">= 97.0",
        "≧97.0",
        "不小于97.0",
        "不低于 97.0",
        "不少于97.0",
        "至少97.0",
        "97.0及以上",
        "at least 97.0",
        "not less than 97.0",
        "min 97.0",
        "９７．０及以上",
        "＞＝97.0",
    ] {
        check(text, "≥ 97.0", ge(), None, "0.1");
    }
    for text in [
        "> 97.0",
        "大于97.0",
        "超过97.0",
        "高于97.0",
        "more than 97.0",
        "＞97.0",
    ] {
        check(text, "> 97.0", b("97.0", false), None, "0.1");
    }
    for text in [
        "≤ 4.0 L",
        "<= 4.0 L",
        "不大于4.0 L",
        "不高于 4.0 L",
        "不多于4.0L",
        "至多4.0 L",
        "4.0 L 及以下",
        "at most 4.0 L",
        "max 4.0 L",
    ] {
        check(text, "≤ 4.0 L", None, b("4.0", true), "0.1");
    }
    for text in [
        "< 4.0 L",
        "小于4.0 L",
        "不足4.0 L",
        "低于4.0 L",
        "less than 4.0 L",
    ] {
        check(text, "< 4.0 L", None, b("4.0", false), "0.1");
    }
    check("≥ -40 °C", "≥ -40 °C", b("-40", true), None, "1");
    check("≥ 3.50 W/W", "≥ 3.50 W/W", b("3.50", true), None, "0.01");
}

#[test]
fn powers_of_ten_keep_the_written_digit() {
    check("≥14×100 MPa", "≥ 14×10² MPa", b("1400", true), None, "100");
    check(
        "≥ 1.4×10³ MPa",
        "≥ 1.4×10³ MPa",
        b("1400", true),
        None,
        "100",
    );
    check(
        "≥ 1.4×10^3 MPa",
        "≥ 1.4×10³ MPa",
        b("1400", true),
        None,
        "100",
    );
    check("≤ 5×10⁻³", "≤ 5×10⁻³", None, b("0.005", true), "0.001");
    // Same set, different written digits: different limits.
    let a: Limit = "≥ 14×100".parse().unwrap();
    let c: Limit = "≥ 1400".parse().unwrap();
    assert_ne!(a, c);
    assert!(a.same_set(&c));
}

#[test]
fn written_digits_make_different_limits() {
    let a: Limit = "≥ 97.0 %".parse().unwrap();
    let c: Limit = "≥ 97 %".parse().unwrap();
    assert_ne!(a, c);
    assert!(a.same_set(&c));
    assert_eq!(c.written_interval().to_string(), "1");
}

#[test]
fn ranges() {
    for text in [
        "10~20",
        "10 ~ 20",
        "10～20",
        "10-20",
        "从10到20",
        "10至20",
        "from 10 to 20",
    ] {
        check(text, "10 ~ 20", b("10", true), b("20", true), "1");
    }
    check(
        ">10~20 mm",
        ">10 ~ 20 mm",
        b("10", false),
        b("20", true),
        "1",
    );
    check(
        "10~<20 mm",
        "10 ~ <20 mm",
        b("10", true),
        b("20", false),
        "1",
    );
    check(
        "10 mm ~ 20.5 mm",
        "10 ~ 20.5 mm",
        b("10", true),
        b("20.5", true),
        "0.1",
    );
    check("-5 ~ 5 °C", "-5 ~ 5 °C", b("-5", true), b("5", true), "1");
}

#[test]
fn deviations() {
    check(
        "10.0±0.1 mm",
        "10.0 ± 0.1 mm",
        b("9.9", true),
        b("10.1", true),
        "0.1",
    );
    check(
        "10.0 ± 0.1mm",
        "10.0 ± 0.1 mm",
        b("9.9", true),
        b("10.1", true),
        "0.1",
    );
    check(
        "±0.003 mm",
        "±0.003 mm",
        b("-0.003", true),
        b("0.003", true),
        "0.001",
    );
    check(
        "10 +0.2 -0.1",
        "10 +0.2 -0.1",
        b("9.9", true),
        b("10.2", true),
        "0.1",
    );
    check(
        "10 -0.1 +0.2",
        "10 +0.2 -0.1",
        b("9.9", true),
        b("10.2", true),
        "0.1",
    );
    check(
        "10⁺⁰·²₋₀.₁ mm",
        "10 +0.2 -0.1 mm",
        b("9.9", true),
        b("10.2", true),
        "0.1",
    );
    check(
        "10+0.1-0.1",
        "10 ± 0.1",
        b("9.9", true),
        b("10.1", true),
        "0.1",
    );
    check(
        "10.0±0.1 (不含0.1)",
        "10.0 ± 0.1 (不含0.1)",
        b("9.9", false),
        b("10.1", false),
        "0.1",
    );
    check(
        "10.0±0.1（不含+0.1）",
        "10.0 ± 0.1 (不含+0.1)",
        b("9.9", true),
        b("10.1", false),
        "0.1",
    );
    check(
        "10.0±0.1 (不含-0.1)",
        "10.0 ± 0.1 (不含-0.1)",
        b("9.9", false),
        b("10.1", true),
        "0.1",
    );
    check(
        "10 +0.2 -0.1 (不含0.2和0.1)",
        "10 +0.2 -0.1 (不含+0.2和-0.1)",
        b("9.9", false),
        b("10.2", false),
        "0.1",
    );
    check(
        "10 +0.2 -0.1 (不含0.2)",
        "10 +0.2 -0.1 (不含+0.2)",
        b("9.9", true),
        b("10.2", false),
        "0.1",
    );
    // Percentage points are written as such (`pp`, `个百分点`); `%` on a bare nominal is a
    // share of it (GB/T 8170-2008 4.2.3 relative deviation), and on a nominal in % refused.
    check(
        "97.0 % ± 0.5 pp",
        "97.0 % ± 0.5 pp",
        b("96.5", true),
        b("97.5", true),
        "0.1",
    );
    check(
        "80 ± 3 个百分点",
        "80 % ± 3 pp",
        b("77", true),
        b("83", true),
        "1",
    );
    check(
        "80 ± 3 %",
        "80(1 ± 3%)",
        b("77.60", true),
        b("82.40", true),
        "0.1",
    );
    assert!("97.0 % ± 0.5 %".parse::<Limit>().is_err());
}

#[test]
fn relative_deviations() {
    check(
        "60(1±3%) lm/W",
        "60(1 ± 3%) lm/W",
        b("58.20", true),
        b("61.80", true),
        "0.1",
    );
    check(
        "60 lm/W ± 3 %",
        "60(1 ± 3%) lm/W",
        b("58.20", true),
        b("61.80", true),
        "0.1",
    );
    check(
        "510 Ω ± 5 % (不含5%)",
        "510(1 ± 5%) Ω (不含5%)",
        b("484.50", false),
        b("535.50", false),
        "0.1",
    );
}

#[test]
fn membership_honours_marks() {
    let limit: Limit = "≤ 16.5".parse().unwrap();
    assert!(limit.contains(d("16.5")));
    assert!(!limit.contains("16.5(+)".parse::<duibiao::ReportedValue>().unwrap()));
    assert!(limit.contains("16.5(-)".parse::<duibiao::ReportedValue>().unwrap()));
}

fn num() -> impl Strategy<Value = Decimal> {
    (-1_000_000i64..1_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn positive() -> impl Strategy<Value = Decimal> {
    (1i64..100_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn unit() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", " mm", " %", " MPa", " W/(m·K)", " °C", " L"])
}

/// Units for deviations: percentage points are written `pp` (`± 3 %` on a bare nominal is a
/// relative deviation).
fn deviation_unit() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", " mm", " pp", " MPa", " W/(m·K)", " °C", " L"])
}

/// Limit text of every form, built from parts.
fn limit_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            prop::sample::select(vec!["≥", ">", "≤", "<", "不小于", "大于", "至多"]),
            num(),
            unit()
        )
            .prop_map(|(op, a, u)| format!("{op} {a}{u}")),
        (num(), positive(), any::<bool>(), any::<bool>(), unit()).prop_map(|(a, w, lo, hi, u)| {
            format!(
                "{}{a} ~ {}{}{u}",
                if lo { ">" } else { "" },
                if hi { "<" } else { "" },
                a + w
            )
        }),
        (num(), positive(), positive(), deviation_unit())
            .prop_map(|(a, p, m, u)| format!("{a} +{p} -{m}{u}")),
        (num(), positive(), deviation_unit(), 0usize..4).prop_map(|(a, p, u, x)| {
            let ex =
                ["", " (不含{p})", " (不含+{p})", " (不含-{p})"][x].replace("{p}", &p.to_string());
            format!("{a} ± {p}{u}{ex}")
        }),
        (
            positive(),
            1i64..50,
            prop::sample::select(vec![" lm/W", " Ω", ""])
        )
            .prop_map(|(a, p, u)| format!("{a}(1 ± {p}%){u}")),
        (1i64..99, 0i32..5, prop::sample::select(vec!["≥", "≤"]))
            .prop_map(|(m, e, op)| format!("{op} {m}×10^{e} MPa")),
        // GB/T 8170-2008 4.2.2 表2: combined wordings and symbol forms.
        (num(), positive(), 0usize..8, unit()).prop_map(|(a, w, k, u)| {
            let b = a + w;
            [
                format!("大于或等于{a}{u}且小于或等于{b}{u}"),
                format!("超过{a}到{b}{u}"),
                format!("至少{a}不足{b}{u}"),
                format!("超过{a}不足{b}{u}"),
                format!("{a}{u} ≤ X ≤ {b}{u}"),
                format!("{a} < · ≤ {b}{u}"),
                format!("{b} ≥ x > {a}{u}"),
                format!("大于{a}{u}且小于{b}{u}"),
            ][k]
                .clone()
        }),
        // Tables of standards: the boundary named.
        (num(), 0usize..4, unit()).prop_map(|(a, k, u)| {
            [
                format!("{a}{u}以上(含{a})"),
                format!("{a}{u}以下(含{a}{u})"),
                format!("{a}{u}或以上"),
                format!("{a}{u}以下(不含{a})"),
            ][k]
                .clone()
        }),
    ]
}

proptest! {
    #[test]
    fn display_parses_back_to_an_equal_limit(text in limit_text()) {
        let limit: Limit = text.parse().unwrap();
        let shown = limit.to_string();
        let again: Limit = shown.parse().unwrap();
        prop_assert_eq!(&again, &limit);
        prop_assert_eq!(again.to_string(), shown);
    }

    #[test]
    fn membership_is_the_set(text in limit_text(), x in num()) {
        let limit: Limit = text.parse().unwrap();
        let above = limit.lower().is_none_or(|b| x > b.value || (x == b.value && b.inclusive));
        let below = limit.upper().is_none_or(|b| x < b.value || (x == b.value && b.inclusive));
        prop_assert_eq!(limit.contains(x), above && below);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,40}") {
        let _ = text.parse::<Limit>();
    }

    #[test]
    fn mutated_limits_never_panic(text in limit_text(), at in 0usize..40, c in prop::sample::select(vec!['~', '±', '(', ')', '×', '-', '.', ',', '不', '含', '⁺', '₋', '^', '%', ' '])) {
        let mut chars: Vec<char> = text.chars().collect();
        let at = at.min(chars.len());
        chars.insert(at, c);
        let mutated: String = chars.into_iter().collect();
        let _ = mutated.parse::<Limit>();
    }
}
