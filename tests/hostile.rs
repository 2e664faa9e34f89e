//! Hostile input: arbitrary and mutated text fed to every parser and loader must give `Ok` or
//! `Err` — never a panic, never a hang. The fuzz targets in `fuzz/` run the same readers for
//! hours; these property tests keep the law in CI, and the inputs the fuzzers found are kept
//! below as regressions.

use std::time::{Duration, Instant};

use duibiao::{
    product, Engine, Interval, Limit, Measurement, Plan, Product, Quantity, ReportedValue,
    StandardCode, Unit,
};
use proptest::prelude::*;

/// A hang detector, not a speed claim (speed is measured in the benches): far more than any
/// reader needs on any input a test makes, even in a debug build on a busy machine.
const BOUND: Duration = Duration::from_secs(30);

#[track_caller]
fn bounded<T>(what: &str, input: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < BOUND, "{what} took {took:?} on {input:?}");
    out
}

/// Every text reader of the crate, on one input.
fn read_everything(text: &str) {
    bounded("Limit", text, || {
        if let Ok(limit) = text.parse::<Limit>() {
            // What displays reads back as the same set.
            let shown = limit.to_string();
            let again: Limit = shown
                .parse()
                .unwrap_or_else(|e| panic!("{text:?} displays as {shown:?}: {e}"));
            assert!(again.same_set(&limit), "{text:?} → {shown:?}");
        }
    });
    bounded("Quantity", text, || {
        if let Ok(q) = text.parse::<Quantity>() {
            let _ = q.to_string().parse::<Quantity>();
            let _ = q.checked_add(&q);
            let _ = q.checked_mul(rust_decimal::Decimal::MAX);
        }
    });
    bounded("Unit", text, || {
        if let Ok(u) = text.parse::<Unit>() {
            let again: Unit = u.to_string().parse().unwrap();
            assert_eq!(again.dimension(), u.dimension());
        }
    });
    bounded("Measurement", text, || {
        let _ = text.parse::<Measurement>();
    });
    bounded("StandardCode", text, || {
        if let Ok(code) = text.parse::<StandardCode>() {
            let shown = code.to_string();
            let again: StandardCode = shown.parse().unwrap();
            assert_eq!(again, code, "{text:?} → {shown:?}");
        }
    });
    bounded("ReportedValue", text, || {
        let _ = text.parse::<ReportedValue>();
    });
    bounded("Interval", text, || {
        let _ = text.parse::<Interval>();
    });
    bounded("Value", text, || {
        let _ = text.parse::<product::Value>();
    });
}

/// Text made of the characters limits, units, values and standard numbers are written with.
fn domain_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[0-9０-９.．,，+\\-−±~～≥≤<>=＞＜ %‰°℃µΩ()（）/·×*^²³⁻¹⁺₋⁰₀ a-zA-Z:—不小于大至及以上下含和（）GBTQ/]{0,48}",
    )
    .unwrap()
}

/// Valid inputs of each reader, to be mutated.
const SEEDS: &[&str] = &[
    "≥ 97.0 %",
    "≤ 4.0 L",
    "10.0 ± 0.1 mm",
    "10 +0.2 -0.1",
    "10⁺⁰·²₋₀.₁",
    "不小于 3.50",
    "20 ~ 30 °C",
    ">10~<20",
    "1000(1 ± 5%) W",
    "10 ± 0.1 (不含0.1)",
    "≥ 14×100 MPa",
    "≥ 1.4×10³ MPa",
    "at least 5 kg",
    "12 或以上",
    "W/(m·K)",
    "kg/m³",
    "m²·K/W",
    "N/mm**2",
    "kW·h",
    "dB(A)",
    "3.9 ± 0.1 L",
    "16.5(+)",
    "4800 mL",
    "9.8 ± 0.3 (k = 3)",
    "GB/T 8170-2008",
    "ISO 9001:2015",
    "ASTM D3745/D3745M-95(2015)e1",
    "IEC 60335-2-84:2019",
    "GB 8170—87",
    "T/CZGX 001-2022",
    "Q/ABC 001-2024",
    "GB/T 1.1-2020/XG1-2023",
    "0.5",
    "20",
    "-355",
];

/// An edit of a seed: insert, delete or duplicate at a character position.
#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, char),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let ch = prop_oneof![
        any::<char>(),
        proptest::sample::select(
            "0123456789.,+-±~≥≤<>()%°·/×^²⁻ ⁺₋不以上含xe\u{0}\u{200b}é𝟘"
                .chars()
                .collect::<Vec<_>>()
        ),
    ];
    proptest::collection::vec(
        prop_oneof![
            (any::<usize>(), ch).prop_map(|(p, c)| Edit::Insert(p, c)),
            (any::<usize>(), 0usize..6).prop_map(|(p, n)| Edit::Delete(p, n)),
            (any::<usize>(), 1usize..12).prop_map(|(p, n)| Edit::Duplicate(p, n)),
        ],
        1..6,
    )
}

fn mutate(seed: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for e in edits {
        let len = chars.len();
        match *e {
            Edit::Insert(p, c) => chars.insert(p % (len + 1), c),
            Edit::Delete(p, n) if len > 0 => {
                let at = p % len;
                let end = (at + n).min(len);
                chars.drain(at..end);
            }
            Edit::Duplicate(p, n) if len > 0 => {
                let at = p % len;
                let end = (at + n).min(len);
                let copy: Vec<char> = chars[at..end].to_vec();
                let tail = chars.split_off(end);
                chars.extend(copy);
                chars.extend(tail);
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

const PLANS: [&str; 3] = [
    include_str!("../examples/plans/smart-toilet.toml"),
    include_str!("../examples/plans/room-air-conditioner.toml"),
    include_str!("../examples/plans/steel-and-caustic-soda.toml"),
];

fn engines() -> Vec<Engine> {
    PLANS
        .iter()
        .map(|t| Plan::from_toml_str(t).unwrap().compile().unwrap())
        .collect()
}

/// Loads, checks, compiles and runs whatever plan the text holds.
fn load_plan(text: &str, json: bool) {
    bounded("plan", text, || {
        let plan = if json {
            Plan::from_json_str(text)
        } else {
            Plan::from_toml_str(text)
        };
        let Ok(plan) = plan else { return };
        let _ = plan.check_in(text);
        let Ok(engine) = plan.compile() else { return };
        let _ = engine.compare_standards();
        let _ = engine.classifier();
        let ids: Vec<String> = engine.indicator_ids().map(str::to_owned).collect();
        for value in ["1", "-1", "0.5", "pass", "79228162514264337593543950335"] {
            let mut p = Product::new("P");
            for id in &ids {
                if let Ok(q) = p.clone().with(id, value) {
                    p = q;
                }
            }
            let _ = engine.evaluate(&p);
        }
    });
}

/// A value as a products file might hold it: plausible or not.
fn value_text() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        (-100_000i64..100_000, 0u32..5)
            .prop_map(|(m, s)| rust_decimal::Decimal::new(m, s).to_string()),
        Just("79228162514264337593543950335".to_owned()),
        Just("-79228162514264337593543950335".to_owned()),
        Just("0.0000000000000000000000000001".to_owned()),
    ];
    let unit = proptest::sample::select(vec![
        "", " L", " mL", " W", " kW", " °C", " K", " mA", " A", " %", " MPa", " mm", " km", " t",
        " kg", " W/W", " dB(A)", " h", " s",
    ]);
    let suffix = proptest::sample::select(vec!["", "(+)", "(-)", " ± 0.1", " ± 1000000", " ± 0"]);
    prop_oneof![
        4 => (number, suffix, unit).prop_map(|(n, s, u)| format!("{n}{s}{u}")),
        1 => proptest::sample::select(vec!["pass", "fail", "合格", "", "abc", "NaN", "1e3"])
            .prop_map(str::to_owned),
        1 => domain_text(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(text in any::<String>()) {
        read_everything(&text);
    }

    #[test]
    fn domain_characters(text in domain_text()) {
        read_everything(&text);
    }

    #[test]
    fn mutated_seeds(seed in proptest::sample::select(SEEDS), e in edits()) {
        read_everything(&mutate(seed, &e));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn mutated_plans(k in 0usize..3, e in edits(), json in any::<bool>()) {
        let text = if json {
            let plan = Plan::from_toml_str(PLANS[k]).unwrap();
            mutate(&plan.to_json_string().unwrap(), &e)
        } else {
            mutate(PLANS[k], &e)
        };
        load_plan(&text, json);
    }

    #[test]
    fn arbitrary_plans(text in any::<String>(), json in any::<bool>()) {
        load_plan(&text, json);
    }

    #[test]
    fn products_csv(
        k in 0usize..3,
        rows in proptest::collection::vec(proptest::collection::vec(value_text(), 0..8), 0..6),
        e in edits(),
        mutated in any::<bool>(),
    ) {
        let engines = engines();
        let engine = &engines[k];
        let ids: Vec<&str> = engine.indicator_ids().collect();
        let mut text = format!("id,{}\n", ids.join(","));
        for (r, cells) in rows.iter().enumerate() {
            text.push_str(&format!("P{r}"));
            for c in cells {
                text.push(',');
                text.push_str(c);
            }
            text.push('\n');
        }
        if mutated {
            text = mutate(&text, &e);
        }
        bounded("products CSV", &text, || {
            let classifier = engine.classifier().ok();
            for product in product::read_csv(text.as_bytes()).flatten() {
                let verdict = engine.evaluate(&product);
                if let (Some(c), Ok(v)) = (&classifier, &verdict) {
                    if let Ok(Some(prepared)) = c.prepare(&product) {
                        prop_assert_eq!(c.class(&prepared), v.class);
                    }
                }
            }
            Ok(())
        })?;
    }

    #[test]
    fn products_json(
        k in 0usize..3,
        rows in proptest::collection::vec(proptest::collection::vec(value_text(), 0..8), 0..6),
        e in edits(),
        mutated in any::<bool>(),
    ) {
        let engines = engines();
        let engine = &engines[k];
        let ids: Vec<&str> = engine.indicator_ids().collect();
        let products: Vec<serde_json::Value> = rows
            .iter()
            .enumerate()
            .map(|(r, cells)| {
                let values: serde_json::Map<String, serde_json::Value> = ids
                    .iter()
                    .zip(cells)
                    .map(|(id, c)| ((*id).to_owned(), serde_json::Value::from(c.as_str())))
                    .collect();
                serde_json::json!({ "id": format!("P{r}"), "values": values })
            })
            .collect();
        let mut text = serde_json::to_string(&products).unwrap();
        let mut lines: String = products
            .iter()
            .map(|p| format!("{}\n", serde_json::to_string(p).unwrap()))
            .collect();
        if mutated {
            text = mutate(&text, &e);
            lines = mutate(&lines, &e);
        }
        bounded("products JSON", &text, || {
            if let Ok(products) = product::read_json(&text) {
                for product in products.into_iter().flatten() {
                    let _ = engine.evaluate(&product);
                }
            }
        });
        // The stream reads what the text API reads, with the same messages; a fault that
        // stops the stream is the text API's refusal.
        let shown = |r: Result<product::Product, duibiao::Error>| {
            r.map(|p| format!("{p:?}")).map_err(|e| e.to_string())
        };
        bounded("products JSON stream", &text, || {
            let by_text = product::read_json(&text);
            let streamed = product::JsonRows::array(text.as_bytes(), &duibiao::Limits::default());
            match (by_text, streamed) {
                (Ok(entries), Ok(rows)) => {
                    let entries: Vec<_> = entries.into_iter().map(shown).collect();
                    prop_assert_eq!(entries, rows.map(shown).collect::<Vec<_>>());
                }
                (Err(e), Ok(rows)) => {
                    let last = rows.map(shown).last();
                    prop_assert_eq!(last, Some(Err(e.to_string())));
                }
                (Err(e), Err(s)) => prop_assert_eq!(e.to_string(), s.to_string()),
                (Ok(_), Err(s)) => prop_assert!(false, "the stream refused {text:?}: {s}"),
            }
            Ok(())
        })?;
        bounded("products JSON Lines", &lines, || {
            if let Ok(rows) = product::JsonRows::lines(lines.as_bytes(), &duibiao::Limits::default()) {
                let read: Vec<_> = rows.map(shown).collect();
                if !mutated {
                    let array = product::read_json(&serde_json::to_string(&products).unwrap()).unwrap();
                    // Entry i is line i + 1: the same products and messages, placed by line.
                    let array: Vec<_> = array
                        .into_iter()
                        .map(shown)
                        .enumerate()
                        .map(|(i, r)| {
                            r.map_err(|e| e.replacen(&format!("products[{i}]"), &format!("line {}", i + 1), 1))
                        })
                        .collect();
                    prop_assert_eq!(read, array);
                }
            }
            Ok(())
        })?;
    }
}

/// Inputs the fuzzers (`fuzz/`) and the property tests above found, kept as regressions.
#[test]
fn regressions() {
    for text in REGRESSIONS {
        read_everything(text);
        load_plan(text, false);
        load_plan(text, true);
    }
    // Crashing inputs as the fuzzers wrote them (`tests/data/regressions/TARGET-what`).
    let engines = engines();
    let mut files: Vec<_> = std::fs::read_dir("tests/data/regressions")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        read_everything(&text);
        load_plan(&text, false);
        load_plan(&text, true);
        for engine in &engines {
            for product in product::read_csv(bytes.as_slice()).flatten() {
                let _ = engine.evaluate(&product);
            }
            if let Ok(products) = product::read_json(&text) {
                for product in products.into_iter().flatten() {
                    let _ = engine.evaluate(&product);
                }
            }
        }
    }
}

const REGRESSIONS: &[&str] = &[
    // fuzz standard_code: 200 characters whose canonical form (`NF E 2…`) has 201, so the
    // display did not read back.
    "NF E2+A9312+A9550+A150+A12+A9550+A111312+A9550+A15050+A12+A9550+A111312+A9550+A150+A12+A9550+A1131550+A550+A11312+A9550+A150+A12+A9550+A111312+A9550+A15050+A12+A9550+A111312+A9550+A150+A12+A9550+A1131",
    // Byte slicing in the limit parser, kept on char boundaries.
    "(不含",
    "(1±",
    "10 (1 ± é%)",
    "1×10^",
    "1×10⁻",
];
