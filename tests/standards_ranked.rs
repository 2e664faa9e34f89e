//! Standards ranked (`rank --standards`, `Engine::evaluate_standard`) on every indicator kind,
//! with `incomparable` kept as its own outcome through the verdict, the ranking and every
//! output format; each example plan ranked with its standards file, verdicts checked by hand.

mod common;

use duibiao::engine::{Requirements, Stated};
use duibiao::rank::Ranker;
use duibiao::report::{ranking, standard_verdict, Format};
use duibiao::verdict::StandardOutcome;
use duibiao::{Class, Engine, Outcome, Plan};
use rust_decimal::Decimal;

fn example(name: &str) -> String {
    format!("{}/examples/plans/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn engine_of(text: &str) -> Engine {
    Plan::from_toml_str(text).unwrap().compile().unwrap()
}

fn example_engine(name: &str) -> Engine {
    engine_of(&std::fs::read_to_string(example(name)).unwrap())
}

fn reqs(pairs: &[(&str, &str)]) -> Requirements {
    pairs
        .iter()
        .map(|(id, r)| ((*id).to_owned(), r.parse::<Stated>().unwrap()))
        .collect()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn rank_cli(plan: &str, standards: &str, format: &str) -> String {
    let out = common::duibiao()
        .args([
            "rank",
            &example(plan),
            "--standards",
            standards,
            "--format",
            format,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every example plan ranks its standards file: each row ranked or not ranked with the
/// deciding outcome checked by hand (docs/examples.md), and no row refused.
#[test]
fn every_example_plan_ranks_its_standards() {
    let cases: [(&str, &[&str]); 4] = [
        (
            "led-lamp",
            &[
                "1,Q/LED 101-2024,139.03,4,leader,true,",
                "2,Q/LED 003-2024,104.36,0,follower,true,",
                "3,Q/LED 102-2024,92.00,0,follower,true,",
                ",Q/LED 103-2024,,,gap,false,efficacy falls-short",
                ",Q/LED 104-2024,,,gap,false,photobiological-safety missing",
            ],
        ),
        (
            "room-air-conditioner",
            &[
                "1,Q/XYZ 002-2023,132.29,2,leader,true,",
                // For units of 5000 W and above: judged in the bands above 4500 W, where APF
                // ≥ 4.60 is grade 1 over the level ≥ 4.00 (exceeds by 0.60, share 0.15).
                "2,Q/RAC 202-2024,129.69,2,leader,true,",
                "3,Q/RAC 201-2024,85.00,0,follower,true,",
                ",Q/RAC 203-2024,,,gap,false,apf falls-short",
                ",Q/RAC 204-2024,,,gap,false,refrigerant-leak missing",
            ],
        ),
        (
            "steel-and-caustic-soda",
            &[
                "1,Q/GT 010-2022,103.41,2,leader,false,",
                "2,Q/GT 030-2024,100.42,0,follower,false,",
                ",Q/GT 020-2024,,,gap,false,diameter incomparable",
                ",Q/GT 040-2024,,,gap,false,tensile-strength falls-short",
                ",Q/GT 050-2024,,,gap,false,diameter falls-short",
            ],
        ),
        (
            "smart-toilet",
            &[
                "1,Q/DEF 002-2023,129.02,2,leader,true,",
                "2,Q/ABC 001-2024,120.54,1,follower,false,",
                "3,Q/MNO 005-2024,106.25,0,follower,false,",
                "4,Q/GHI 003-2024,100.00,0,follower,false,",
                ",Q/JKL 004-2022,,,gap,false,flush-water falls-short",
                ",Q/PQR 006-2023,,,gap,false,water-temperature missing",
            ],
        ),
    ];
    for (plan, rows) in cases {
        let out = rank_cli(
            &format!("{plan}.toml"),
            &example(&format!("{plan}.standards.csv")),
            "csv",
        );
        let lines: Vec<&str> = out.lines().skip(1).collect();
        assert_eq!(lines, rows, "{plan}");
        // The subject standard's row and `compare` give it the same class.
        let engine = example_engine(&format!("{plan}.toml"));
        let subject = engine.compare_standards().unwrap();
        let row = rows
            .iter()
            .find(|r| r.contains(&format!(",{},", subject.standard)))
            .unwrap();
        assert!(
            row.contains(&format!(",{},", subject.class)),
            "{plan}: {row}"
        );
    }
}

/// The plan of the steel example with a subject whose diameter is stricter below the level and
/// looser above it.
fn steel_with_subject(diameter: &str) -> Engine {
    let text = std::fs::read_to_string(example("steel-and-caustic-soda.toml")).unwrap();
    let text = text.replace(
        r#""Q/GT 010-2022" = "10.0 ± 0.1 mm""#,
        &format!(r#""Q/GT 010-2022" = "{diameter}""#),
    );
    assert!(text.contains(diameter));
    engine_of(&text)
}

#[test]
fn an_incomparable_requirement_is_its_own_outcome_and_makes_a_gap() {
    let e = example_engine("steel-and-caustic-soda.toml");
    let v = e
        .evaluate_standard(
            "Q/GT 020-2024",
            &reqs(&[
                ("tensile-strength", "≥ 1450 MPa"),
                ("diameter", "9.95 ~ 10.15 mm"),
                ("naoh", "≥ 97.5 %"),
            ]),
        )
        .unwrap();
    let d = &v.indicators[1];
    assert_eq!(d.outcome, Outcome::Incomparable);
    // The margin is the one of the looser end: 10.15 against 10.1, −0.05 mm.
    assert_eq!(d.margin.unwrap().value, dec("-0.05"));
    assert_eq!(d.value.as_deref(), Some("9.95 ~ 10.15 mm"));
    // Two core indicators exceed (a leader's share), yet the class is a gap, decided by it.
    assert_eq!(v.indicators[0].outcome, Outcome::Exceeds);
    assert_eq!(v.indicators[2].outcome, Outcome::Exceeds);
    assert_eq!(v.class, Class::Gap);
    assert_eq!(v.decided_by, ["diameter"]);
    // Looser on both ends falls short; stricter on both (or equal) conforms.
    let one = |d: &str| {
        e.evaluate_standard("Q/X 1-2024", &reqs(&[("diameter", d)]))
            .unwrap()
            .indicators[1]
            .outcome
    };
    assert_eq!(one("9.8 ~ 10.2 mm"), Outcome::FallsShort);
    assert_eq!(one("9.8 ~ 10.1 mm"), Outcome::FallsShort);
    assert_eq!(one("9.95 ~ 10.05 mm"), Outcome::Meets);
    assert_eq!(one("9.9 ~ 10.1 mm"), Outcome::Meets);
    assert_eq!(one("9.85 ~ 10.05 mm"), Outcome::Incomparable);
    // No lower end, a stricter upper end: incomparable, with no margin (0.1.0 judged the
    // upper end alone and said meets).
    let v = e
        .evaluate_standard("Q/X 1-2024", &reqs(&[("diameter", "≤ 10.05 mm")]))
        .unwrap();
    assert_eq!(v.indicators[1].outcome, Outcome::Incomparable);
    assert_eq!(v.indicators[1].margin, None);
}

#[test]
fn only_the_ends_the_level_states_are_compared() {
    // A one-sided level: a requirement's other end is no part of the comparison.
    let e = example_engine("smart-toilet.toml");
    let flush = |r: &str| {
        let v = e
            .evaluate_standard("Q/X 1-2024", &reqs(&[("flush-water", r)]))
            .unwrap();
        (
            v.indicators[0].outcome,
            v.indicators[0].margin.map(|m| m.value),
        )
    };
    // Looser at the only end the level states: falls short by 1 L, not incomparable.
    assert_eq!(flush("2 ~ 5 L"), (Outcome::FallsShort, Some(dec("-1.0"))));
    assert_eq!(flush("1 ~ 3.5 L"), (Outcome::Exceeds, Some(dec("0.5"))));
    // No end on the side that matters: falls short with no margin (finding 16: was missing).
    assert_eq!(flush("≥ 1 L"), (Outcome::FallsShort, None));
    // A two-sided level on a lower-is-better indicator: a requirement below the level's
    // lower end lets through values the level refuses (0.1.0 judged the upper end alone and
    // said exceeds).
    let plan = r#"
schema_version = 1
category = { en = "t" }
[[standards]]
code = "T/A 1-2024"
role = "benchmark"
[[indicators]]
id = "w"
unit = "L"
direction = "lower-is-better"
requirements = { "T/A 1-2024" = "1 ~ 4 L" }
"#;
    let e = engine_of(plan);
    let v = e
        .evaluate_standard("Q/X 1-2024", &reqs(&[("w", "0.5 ~ 3 L")]))
        .unwrap();
    assert_eq!(v.indicators[0].outcome, Outcome::Incomparable);
    // Measured from the end it lies beyond, the level's lower end: −0.5 L, never the +3.5 L
    // from the upper end that would be in its favour (docs/rules.md §6).
    let m = v.indicators[0].margin.expect("a margin from the lower end");
    assert_eq!(m.value, "-0.5".parse().unwrap());
    let v = e
        .evaluate_standard("Q/X 1-2024", &reqs(&[("w", "0.5 ~ 4 L")]))
        .unwrap();
    assert_eq!(v.indicators[0].outcome, Outcome::FallsShort);
    let v = e
        .evaluate_standard("Q/X 1-2024", &reqs(&[("w", "1 ~ 3 L")]))
        .unwrap();
    assert_eq!(v.indicators[0].outcome, Outcome::Exceeds);
}

#[test]
fn compare_judges_an_incomparable_subject_alike() {
    let e = steel_with_subject("9.95 ~ 10.15 mm");
    let s = e.compare_standards().unwrap();
    let d = &s.indicators[1];
    assert_eq!(d.outcome, StandardOutcome::Incomparable);
    assert_eq!(d.judged, Outcome::Incomparable);
    assert_eq!(s.class, Class::Gap);
    assert_eq!(s.decided_by, ["diameter"]);
    for format in [Format::Table, Format::Md, Format::Csv, Format::Json] {
        let out = standard_verdict(&s, format);
        let judged = match format {
            Format::Csv => "diameter,core,incomparable,incomparable,",
            Format::Json => r#""judged": "incomparable""#,
            _ => "incomparable incomparable",
        };
        assert!(out.contains(judged), "{format:?}: {out}");
    }
    // A subject looser on both ends: the set relation and the judgement both say so.
    let s = steel_with_subject("9.8 ~ 10.2 mm")
        .compare_standards()
        .unwrap();
    assert_eq!(s.indicators[1].outcome, StandardOutcome::Looser);
    assert_eq!(s.indicators[1].judged, Outcome::FallsShort);
}

#[test]
fn every_ranking_format_names_the_incomparable_outcome() {
    let file = example("steel-and-caustic-soda.standards.csv");
    for (format, shown) in [
        ("table", "Q/GT 020-2024    diameter incomparable"),
        ("csv", ",Q/GT 020-2024,,,gap,false,diameter incomparable"),
        ("json", r#""outcome": "incomparable""#),
        ("md", "diameter incomparable"),
    ] {
        let out = rank_cli("steel-and-caustic-soda.toml", &file, format);
        assert!(out.contains(shown), "{format}: {out}");
        assert!(!out.contains("diameter falls-short") || out.contains("Q/GT 050-2024"));
    }
}

/// Under `eligibility = "all"` an incomparable requirement is ranked and scored by its looser
/// end, as a shortfall by that margin is: no grade points (it does not conform to the level),
/// the margin share of the looser end (negative). The two ranking paths agree.
#[test]
fn an_incomparable_requirement_scores_by_its_looser_end() {
    let text = std::fs::read_to_string(example("steel-and-caustic-soda.toml"))
        .unwrap()
        .replace(
            "[policy.ranking.leaders]",
            "[policy.ranking]\neligibility = \"all\"\n[policy.ranking.leaders]",
        );
    let e = engine_of(&text);
    let file = std::fs::File::open(example("steel-and-caustic-soda.standards.csv")).unwrap();
    let verdicts: Vec<_> = e
        .read_standards(file)
        .into_iter()
        .map(|r| {
            let (code, reqs) = r.unwrap();
            e.evaluate_standard(&code, &reqs).unwrap()
        })
        .collect();
    let ranker = Ranker::new(&e).unwrap();
    let full = ranker.rank(&verdicts).unwrap();
    let mut builder = ranker.builder();
    for v in &verdicts {
        builder.push(v).unwrap();
    }
    let compact = builder.finish().unwrap().to_ranking();
    assert_eq!(full, compact);
    let entry = full
        .ranked
        .iter()
        .find(|e| e.id == "Q/GT 020-2024")
        .unwrap();
    let diameter = &entry.score.parts[1];
    assert_eq!(diameter.grade_points, Decimal::ZERO);
    // −0.05 / 10.1 = −0.004950 (6 decimals); margin points 50 × share / 0.2.
    assert_eq!(diameter.share, dec("-0.004950"));
    assert_eq!(diameter.points, dec("-1.2375"));
    // Tensile 1450 (50 over 1400: share 0.035714, 8.9285 points) and NaOH 97.5 (share
    // 0.005155, 1.28875 points) each over 100: (108.9285 − 1.2375 + 101.28875) / 3.
    assert_eq!(entry.score.total, dec("69.66"));
    assert_eq!(entry.class, Class::Gap);
    let shown = ranking(&full, Format::Csv);
    assert!(shown.contains(",Q/GT 020-2024,69.66,2,gap,"), "{shown}");
}

#[test]
fn a_qualitative_requirement_is_read_and_conforms() {
    let e = example_engine("room-air-conditioner.toml");
    let base = [
        ("cooling-capacity", "≥ 3500 W"),
        ("apf", "≥ 5.00"),
        ("noise", "≤ 36 dB(A)"),
    ];
    let with = |leak: Option<&str>| {
        let mut r = reqs(&base);
        if let Some(l) = leak {
            r.insert("refrigerant-leak".to_owned(), l.parse().unwrap());
        }
        e.evaluate_standard("Q/RAC 1-2024", &r).unwrap()
    };
    for word in ["合格", "pass", "符合", "required"] {
        let v = with(Some(word));
        assert_eq!(v.indicators[3].outcome, Outcome::Meets, "{word}");
        assert_eq!(v.indicators[3].value.as_deref(), Some(word));
        assert_eq!(v.class, Class::Leader);
    }
    // The number after 符合 is read as a standard number and kept in canonical form.
    let v = with(Some("符合GB4706.32—2012"));
    assert_eq!(v.indicators[3].outcome, Outcome::Meets);
    assert_eq!(
        v.indicators[3].value.as_deref(),
        Some("符合 GB 4706.32-2012")
    );
    let Stated::Conforms { standard, .. } = "符合 GB 4706.32-2012".parse::<Stated>().unwrap()
    else {
        panic!("a qualitative requirement")
    };
    assert_eq!(standard.unwrap().to_string(), "GB 4706.32-2012");
    // Not stated: missing, a gap for a basic indicator.
    let v = with(None);
    assert_eq!(v.indicators[3].outcome, Outcome::Missing);
    assert_eq!(v.class, Class::Gap);
    assert_eq!(v.decided_by, ["refrigerant-leak"]);
    // The subject standard of a plan cannot write a qualitative requirement: not compared
    // there, as before.
    let s = e.compare_standards().unwrap();
    // (apf, stated per capacity band, has one row per band: found by its id.)
    let leak = s.indicators.iter().find(|i| i.id == "refrigerant-leak");
    assert_eq!(leak.unwrap().judged, Outcome::NotCompared);
}

#[test]
fn a_guard_banded_indicator_is_compared_on_its_limits() {
    // led-lamp's standby power is judged with guarded acceptance for products; a standard's
    // requirement has no uncertainty: judged as written, and the evidence names no rule.
    let e = example_engine("led-lamp.toml");
    let file = std::fs::File::open(format!(
        "{}/tests/data/findings/prod_led_stds.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let (code, r) = e.read_standards(file).into_iter().next().unwrap().unwrap();
    let v = e.evaluate_standard(&code, &r).unwrap();
    let standby = v
        .indicators
        .iter()
        .find(|i| i.id == "standby-power")
        .unwrap();
    assert_eq!(standby.outcome, Outcome::Exceeds);
    assert_eq!(standby.margin.unwrap().value, dec("0.3"));
    assert_eq!(standby.rule, None);
    assert_eq!(standby.decision, None);
}

#[test]
fn a_report_over_standards_keeps_the_incomparable_outcome() {
    use duibiao::report::{Report, ReportBuilder};
    let e = example_engine("steel-and-caustic-soda.toml");
    let file = std::fs::File::open(example("steel-and-caustic-soda.standards.csv")).unwrap();
    let verdicts: Vec<_> = e
        .read_standards(file)
        .into_iter()
        .map(|r| {
            let (code, reqs) = r.unwrap();
            e.evaluate_standard(&code, &reqs).unwrap()
        })
        .collect();
    let report = Report::new(e.category(), &verdicts, None);
    let diameter = report
        .summary
        .gap_causes
        .iter()
        .find(|c| c.indicator == "diameter")
        .unwrap();
    // Q/GT 020-2024 incomparable, Q/GT 050-2024 falling short.
    assert_eq!(
        (
            diameter.products,
            diameter.falls_short,
            diameter.incomparable
        ),
        (2, 1, 1)
    );
    let mut builder = ReportBuilder::new(e.category());
    for v in &verdicts {
        builder.push(v).unwrap();
    }
    assert_eq!(builder.finish().unwrap().summary(), &report.summary);
    let json = report.to_json().unwrap();
    assert!(json.contains(r#""incomparable": 1"#), "{json}");
    assert!(json.contains(r#""outcome": "incomparable""#), "{json}");
    for text in [
        report.to_markdown(duibiao::Lang::En),
        report.to_csv(duibiao::Lang::En),
    ] {
        assert!(text.contains("incomparable"), "{text}");
    }
    assert!(report.to_markdown(duibiao::Lang::Zh).contains("不可比"));
}
