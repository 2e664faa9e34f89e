//! Requirements that vary with a band (another indicator's value) or with a declared attribute
//! of the product (`plant = new | existing`): the cement-clinker example's hand-checked verdicts,
//! the evidence, both products formats, and the comparison of the subject standard per band.

mod common;

use duibiao::product::JsonRows;
use duibiao::stream::Source;
use duibiao::verdict::{Outcome, StandardOutcome};
use duibiao::{Class, Limits, Plan};

const PLAN: &str = include_str!("../examples/plans/cement-clinker.toml");
const PRODUCTS: &str = include_str!("../examples/plans/cement-clinker.products.csv");

fn engine() -> duibiao::Engine {
    Plan::from_toml_str(PLAN).unwrap().compile().unwrap()
}

/// Each line's class, deciding indicators and outcomes, checked by hand against GB 16780-2012's
/// limit (existing plants) or entry value (new plants), 4000 t/d and above.
#[test]
fn cement_lines_are_judged_against_their_own_kind_of_plant() {
    let engine = engine();
    let source = Source::csv(PRODUCTS.as_bytes(), &engine, &Limits::default()).unwrap();
    assert!(source.ignored().is_empty(), "plant is read, not ignored");
    let rows: Vec<_> = source.verdicts(&engine).collect();
    use Outcome::{Exceeds as E, FallsShort as F, Meets as M, Missing as X};
    // (line, class, deciding indicators, outcomes, the band chosen)
    type Row<'a> = (&'a str, Class, &'a [&'a str], [Outcome; 3], Option<&'a str>);
    let want: [Row<'_>; 7] = [
        // existing: 125 vs ≤ 128 (3 > tolerance 2), 66 vs ≤ 68 (2 > 1), 100 vs ≤ 105 (5 > 2).
        (
            "L-01",
            Class::Leader,
            &["clinker-energy", "clinker-power", "cement-energy"],
            [E, E, E],
            Some("existing"),
        ),
        // new: the same 125 exceeds the new plant's ≤ 118: a gap, where L-01 leads.
        (
            "L-02",
            Class::Gap,
            &["clinker-energy"],
            [F, E, M],
            Some("new"),
        ),
        // new: 117 / 61.5 / 94.5, each within the tolerance of ≤ 118 / 62 / 95.
        ("L-03", Class::Follower, &[], [M, M, M], Some("new")),
        // existing: 69 above ≤ 68.
        (
            "L-04",
            Class::Gap,
            &["clinker-power"],
            [M, F, M],
            Some("existing"),
        ),
        // no plant given: no band, so no requirement: missing, a gap by the default policy.
        (
            "L-05",
            Class::Gap,
            &["clinker-energy", "clinker-power", "cement-energy"],
            [X, X, X],
            None,
        ),
        // new: 115 / 59 / 92, each 3 better than ≤ 118 / 62 / 95.
        (
            "L-07",
            Class::Leader,
            &["clinker-energy", "clinker-power", "cement-energy"],
            [E, E, E],
            Some("new"),
        ),
        // existing, at each limit (128 kgce/t written with its unit).
        ("L-08", Class::Follower, &[], [M, M, M], Some("existing")),
    ];
    let mut verdicts = rows.iter().filter_map(|r| r.as_ref().ok());
    for (id, class, decided, outcomes, band) in want {
        let v = verdicts.next().unwrap();
        assert_eq!(v.product, id);
        assert_eq!(
            (v.class, &v.decided_by),
            (
                class,
                &decided.iter().map(|s| s.to_string()).collect::<Vec<_>>()
            ),
            "{id}"
        );
        let got: Vec<Outcome> = v.indicators.iter().map(|i| i.outcome).collect();
        assert_eq!(got, outcomes, "{id}");
        for i in &v.indicators {
            let b = i.band.as_ref().unwrap();
            assert_eq!((b.by.as_str(), b.when.as_deref()), ("plant", band), "{id}");
        }
    }
    let l02 = rows[1].as_ref().unwrap();
    assert_eq!(
        (
            l02.indicators[0].limit.as_deref(),
            l02.indicators[0].standard.as_deref()
        ),
        (Some("≤ 118 kgce/t"), Some("GB 16780-2012"))
    );
    // A value the plan does not declare is that row's error, located, and the others go on.
    let error = rows[5].as_ref().unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"line 7: product "L-06": attribute "plant": value "old": not a declared value: write one of "existing", "new""#
    );
    assert_eq!(
        error.message(duibiao::Lang::Zh),
        r#"第 7 行：产品 "L-06"：属性 "plant"：数值 "old"：不是声明的取值：请写 "existing", "new" 之一"#
    );
}

/// In JSON an attribute is a key of `values`, as in CSV it is a column.
#[test]
fn json_products_carry_the_attribute_in_values() {
    let engine = engine();
    let text = r#"[{"id": "L-01", "values": {"plant": "existing", "clinker-energy": "125", "clinker-power": "66", "cement-energy": "100"}},
{"id": "L-02", "values": {"plant": "new", "clinker-energy": "125", "clinker-power": "60", "cement-energy": "94"}}]"#;
    let classes: Vec<Class> = Source::json(text.as_bytes(), &engine, &Limits::default())
        .unwrap()
        .verdicts(&engine)
        .map(|v| v.unwrap().class)
        .collect();
    assert_eq!(classes, [Class::Leader, Class::Gap]);
    let p = JsonRows::array(text.as_bytes(), &Limits::default())
        .unwrap()
        .keep_only(["clinker-energy"])
        .keep_attributes(["plant"])
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(p.attributes["plant"], "existing");
    assert!(!p.values.contains_key("plant"));
}

/// The CLI names the band in CSV (`<id>.band`), in the table and in JSON.
#[test]
fn the_cli_names_the_band_that_chose_the_requirement() {
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/cement-clinker.toml"
    );
    let products = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/cement-clinker.products.csv"
    );
    let out = common::duibiao()
        .args(["evaluate", plan, "--products", products, "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "product,class,decided-by,exceeding-weight,core-weight,clinker-energy,clinker-energy.margin,clinker-power,clinker-power.margin,cement-energy,cement-energy.margin,clinker-energy.band,clinker-power.band,cement-energy.band,error"
    );
    assert_eq!(
        lines[2],
        "L-02,gap,clinker-energy,1,4,falls-short,-7,exceeds,2,meets,1,new,new,new,"
    );
    assert_eq!(lines[5], "L-05,gap,clinker-energy clinker-power cement-energy,0,4,missing,,missing,,missing,,none,none,none,");
    let out = common::duibiao()
        .args(["evaluate", plan, "--products", products])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("L-02             gap       差距    clinker-energy (band new)\n"),
        "{table}"
    );
    assert!(
        table.contains("clinker-energy (no band), clinker-power (no band)"),
        "{table}"
    );
    let out = common::duibiao()
        .args(["evaluate", plan, "--products", products, "--format", "json"])
        .output()
        .unwrap();
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(
        json.contains(r#""band":{"by":"plant","value":"new","when":"new"}"#),
        "{json}"
    );
    assert!(json.contains(r#""band":{"by":"plant"}"#), "{json}");
}

/// `compare`: one entry per band, the subject's one requirement against each band's level; the
/// worst band judges the indicator.
#[test]
fn the_subject_standard_is_compared_in_each_band() {
    let v = engine().compare_standards().unwrap();
    let rows: Vec<(&str, Option<&str>, StandardOutcome, Outcome)> = v
        .indicators
        .iter()
        .map(|i| (i.id.as_str(), i.band.as_deref(), i.outcome, i.judged))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "clinker-energy",
                Some("existing"),
                StandardOutcome::Stricter,
                Outcome::Exceeds
            ),
            (
                "clinker-energy",
                Some("new"),
                StandardOutcome::Stricter,
                Outcome::Exceeds
            ),
            (
                "clinker-power",
                Some("existing"),
                StandardOutcome::Missing,
                Outcome::Missing
            ),
            (
                "clinker-power",
                Some("new"),
                StandardOutcome::Missing,
                Outcome::Missing
            ),
            (
                "cement-energy",
                Some("existing"),
                StandardOutcome::Stricter,
                Outcome::Exceeds
            ),
            (
                "cement-energy",
                Some("new"),
                StandardOutcome::Looser,
                Outcome::FallsShort
            ),
        ]
    );
    assert_eq!(v.class, Class::Gap);
    assert_eq!(v.decided_by, ["clinker-power", "cement-energy"]);
    // A standard of a standards file states one limit: it must meet every band's level.
    let engine = engine();
    let rows = engine.read_standards(
        "id,clinker-energy,clinker-power,cement-energy\nQ/A 1-2024,≤ 115,≤ 59,≤ 92\nQ/B 1-2024,≤ 115,≤ 59,≤ 100\n"
            .as_bytes(),
    );
    let classes: Vec<(Class, Vec<String>)> = rows
        .into_iter()
        .map(|r| {
            let (code, reqs) = r.unwrap();
            let v = engine.evaluate_standard(&code, &reqs).unwrap();
            (v.class, v.decided_by)
        })
        .collect();
    assert_eq!(
        classes,
        [
            (
                Class::Leader,
                vec![
                    "clinker-energy".to_owned(),
                    "clinker-power".to_owned(),
                    "cement-energy".to_owned()
                ]
            ),
            (Class::Gap, vec!["cement-energy".to_owned()]),
        ]
    );
}

/// TOML and JSON read into one model: the plan written as JSON reads back equal, and its
/// checked model writes the same plan.
#[test]
fn toml_and_json_plans_are_the_same_model() {
    let plan = Plan::from_toml_str(PLAN).unwrap();
    let json = plan.to_json_string().unwrap();
    assert!(json.contains(r#""attributes": ["#), "{json}");
    let again = Plan::from_json_str(&json).unwrap();
    assert_eq!(again, plan);
    let (_, report) = Plan::read_json(&json, &Limits::default()).unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(plan.checked().unwrap().to_plan(), plan);
    // Old plans mean the same: a band of grades alone keeps no band requirement.
    let ac = Plan::from_toml_str(include_str!("../examples/plans/smart-toilet.toml")).unwrap();
    assert!(ac.attributes.is_empty());
}

/// The fast path judges a plan whose requirements vary with a band or an attribute as the
/// exact path does: class, outcomes, margins, the deciding requirement and the band.
#[test]
fn the_fast_path_agrees_with_the_exact_path_per_band() {
    let engine = engine();
    let fast = engine.classifier().unwrap();
    let mut outs = Vec::new();
    let mut judged = 0;
    let rows = duibiao::product::CsvRows::new(PRODUCTS.as_bytes(), &Limits::default())
        .unwrap()
        .keep_only(engine.indicator_ids())
        .keep_attributes(engine.attribute_ids());
    for p in rows {
        let p = p.unwrap();
        let exact = engine.evaluate(&p);
        let prepared = fast.prepare(&p);
        match (exact, prepared) {
            (Err(e), Err(f)) => assert_eq!(e.to_string(), f.to_string()),
            (Ok(v), Ok(Some(prep))) => {
                judged += 1;
                assert_eq!(fast.outcomes_into(&prep, &mut outs), v.class, "{}", p.id);
                assert_eq!(fast.class(&prep), v.class);
                for (i, (o, e)) in outs.iter().zip(&v.indicators).enumerate() {
                    assert_eq!(o.outcome, e.outcome, "{} {}", p.id, e.id);
                    assert_eq!(o.margin(), e.margin.map(|m| m.value), "{} {}", p.id, e.id);
                    let band = o.band.and_then(|b| fast.band_when(i, b));
                    assert_eq!(band, e.band.as_ref().and_then(|b| b.when.as_deref()));
                    let req = o.requirement.and_then(|k| fast.requirement(i, k));
                    assert_eq!(
                        req.map(|(c, l)| (c.to_string(), l.to_string())),
                        e.standard.clone().zip(e.limit.clone()),
                        "{} {}",
                        p.id,
                        e.id
                    );
                }
            }
            (e, f) => panic!("{}: exact {e:?}, fast {f:?}", p.id),
        }
    }
    assert_eq!(
        judged, 7,
        "L-08's `128 kgce/t` is judged too; L-06 is the error"
    );
}

/// The plan written as TOML reads back equal (attributes, band requirements and all).
#[test]
fn the_plan_writes_and_reads_back_as_toml() {
    let plan = Plan::from_toml_str(PLAN).unwrap();
    let text = plan.to_toml_string().unwrap();
    assert_eq!(Plan::from_toml_str(&text).unwrap(), plan, "{text}");
}

/// A plan of one indicator whose benchmark varies with the plant: a nominal-is-best
/// indicator, so a standard's one requirement can be incomparable with one band's level.
const NOMINAL: &str = r#"
schema_version = 1
category = { en = "x" }

[[attributes]]
id = "plant"
values = [{ id = "existing" }, { id = "new" }]

[[standards]]
code = "GB 1-2020"
role = "benchmark"
kind = "national"

[[indicators]]
id = "diameter"
unit = "mm"
direction = "nominal-is-best"

[indicators.bands]
by = "plant"

[[indicators.bands.bands]]
when = "existing"
requirements = { "GB 1-2020" = "9.8 ~ 10.2 mm" }

[[indicators.bands.bands]]
when = "new"
requirements = { "GB 1-2020" = "9.9 ~ 10.1 mm" }
"#;

/// A standard's one requirement is judged against every band's level by the rules every
/// standard is judged by: `9.95 ~ 10.15 mm` lies inside the existing plants' `9.8 ~ 10.2 mm`
/// (meets) and is stricter below, looser above the new plants' `9.9 ~ 10.1 mm`
/// (incomparable); the incomparable band decides, as a shortfall would, named in the
/// evidence, with no margin in the requirement's favour.
#[test]
fn an_incomparable_band_decides_a_standard() {
    let engine = Plan::from_toml_str(NOMINAL).unwrap().compile().unwrap();
    let rows = engine.read_standards(
        "id,diameter\nQ/A 1-2024,9.95 ~ 10.15 mm\nQ/B 1-2024,9.9 ~ 10.1 mm\n".as_bytes(),
    );
    let mut rows = rows.into_iter().map(Result::unwrap);
    let (code, requirements) = rows.next().unwrap();
    let v = engine.evaluate_standard(&code, &requirements).unwrap();
    assert_eq!(v.class, Class::Gap);
    let d = &v.indicators[0];
    assert_eq!(d.outcome, Outcome::Incomparable);
    assert_eq!(d.band.as_ref().unwrap().when.as_deref(), Some("new"));
    assert!(d
        .margin
        .is_none_or(|m| m.value <= rust_decimal::Decimal::ZERO));
    // Equal to the new plants' level and inside the existing plants': meets in both.
    let (code, requirements) = rows.next().unwrap();
    let v = engine.evaluate_standard(&code, &requirements).unwrap();
    assert_eq!(v.class, Class::Follower);
    assert_eq!(v.indicators[0].outcome, Outcome::Meets);
}

/// A class names one of the indicator's own grades: on an indicator whose grades are chosen
/// by band it is refused, located.
#[test]
fn a_class_requirement_on_a_banded_indicator_is_refused() {
    let plan = NOMINAL.replace(
        "direction = \"nominal-is-best\"",
        "direction = \"nominal-is-best\"\nrequirements = { \"GB 1-2020\" = { class = \"A\" } }",
    );
    let err = Plan::from_toml_str(&plan).unwrap().check();
    let text = err.to_string();
    assert!(
        text.contains("indicators[0].requirements.\"GB 1-2020\""),
        "{text}"
    );
    assert!(
        text.contains("class \"A\": the indicator's grades are chosen by band"),
        "{text}"
    );
    // In a band a requirement is a limit: a class there does not read.
    let plan = NOMINAL.replace(
        "requirements = { \"GB 1-2020\" = \"9.9 ~ 10.1 mm\" }",
        "requirements = { \"GB 1-2020\" = { class = \"A\" } }",
    );
    assert!(Plan::from_toml_str(&plan).is_err());
}

/// Leaders by tier where the band is chosen by the plant: each band's grades are its tiers,
/// both paths agree, and a product in no band reaches no tier.
#[test]
fn tiers_are_read_in_the_products_band() {
    let plan = r#"
schema_version = 1
category = { en = "x" }
policy = { leader = { tier = "1", on = "all" } }

[[attributes]]
id = "plant"
values = [{ id = "existing" }, { id = "new" }]

[[standards]]
code = "GB 1-2020"
role = "benchmark"
kind = "national"

[[indicators]]
id = "energy"
unit = "kgce/t"
direction = "lower-is-better"

[indicators.bands]
by = "plant"

[[indicators.bands.bands]]
when = "existing"
requirements = { "GB 1-2020" = "≤ 128 kgce/t" }
grades = [{ name = { en = "1" }, limit = "≤ 110 kgce/t" }, { name = { en = "2" }, limit = "≤ 128 kgce/t" }]

[[indicators.bands.bands]]
when = "new"
requirements = { "GB 1-2020" = "≤ 118 kgce/t" }
grades = [{ name = { en = "1" }, limit = "≤ 100 kgce/t" }, { name = { en = "2" }, limit = "≤ 118 kgce/t" }]
"#;
    let plan = Plan::from_toml_str(plan).unwrap();
    assert!(plan.check().is_ok(), "{}", plan.check());
    let engine = plan.compile().unwrap();
    let classifier = engine.classifier().unwrap();
    let csv = "id,plant,energy\nE-1,existing,105\nN-1,new,105\nN-2,new,99\nX-1,,90\n";
    let source = Source::csv(csv.as_bytes(), &engine, &Limits::default()).unwrap();
    let verdicts: Vec<_> = source.verdicts(&engine).map(Result::unwrap).collect();
    // 105 is in the existing plants' tier 1 (≤ 110) but the new plants' tier 2 (≤ 118).
    let want = [
        ("E-1", Class::Leader, Some(true)),
        ("N-1", Class::Follower, Some(false)),
        ("N-2", Class::Leader, Some(true)),
        ("X-1", Class::Gap, Some(false)),
    ];
    for (v, (id, class, reached)) in verdicts.iter().zip(want) {
        assert_eq!(
            (v.product.as_str(), v.class, v.indicators[0].tier_reached),
            (id, class, reached)
        );
    }
    let mut rows = csv.lines().skip(1);
    for v in &verdicts {
        let cells: Vec<&str> = rows.next().unwrap().split(',').collect();
        let mut product = duibiao::Product::new(cells[0])
            .with("energy", cells[2])
            .unwrap();
        if !cells[1].is_empty() {
            product = product.with_attribute("plant", cells[1]);
        }
        let prepared = classifier.prepare(&product).unwrap().unwrap();
        let mut out = Vec::new();
        assert_eq!(
            classifier.outcomes_into(&prepared, &mut out),
            v.class,
            "{}",
            v.product
        );
        assert_eq!(
            out[0].tier_reached, v.indicators[0].tier_reached,
            "{}",
            v.product
        );
    }
}

/// A standard's limit on the selector narrows the bands it is judged in: a standard for units
/// of 5000 W and above is judged in the bands above 4500 W only, and one for units beyond every
/// band is missing there (no level to judge against), never judged in a band guessed.
#[test]
fn a_standard_is_judged_in_the_bands_its_selector_limit_admits() {
    let plan = include_str!("../examples/plans/room-air-conditioner.toml");
    let engine = Plan::from_toml_str(plan).unwrap().compile().unwrap();
    let file = "id,cooling-capacity,apf,noise,refrigerant-leak\n\
                Q/A 1-2024,≥ 5000 W,≥ 4.60,≤ 39 dB(A),合格\n\
                Q/A 2-2024,≥ 3500 W,≥ 4.60,≤ 39 dB(A),合格\n\
                Q/A 3-2024,≥ 15000 W,≥ 4.60,≤ 39 dB(A),合格\n";
    let verdicts: Vec<_> = engine
        .read_standards(file.as_bytes())
        .into_iter()
        .map(|row| {
            let (code, requirements) = row.unwrap();
            engine.evaluate_standard(&code, &requirements).unwrap()
        })
        .collect();
    let apf = |k: usize| {
        verdicts[k]
            .indicators
            .iter()
            .find(|i| i.id == "apf")
            .unwrap()
    };
    // ≥ 5000 W: the band 4500 ~ 7100 W is the worst admitted, where the level is ≥ 4.00.
    assert_eq!(apf(0).outcome, Outcome::Exceeds);
    assert_eq!(
        apf(0).band.as_ref().unwrap().when.as_deref(),
        Some(">4500 ~ 7100 W")
    );
    assert_eq!(verdicts[0].class, Class::Leader);
    // ≥ 3500 W admits the band ≤ 4500 W, whose level ≥ 4.50 makes 4.60 grade 2: meets.
    assert_eq!(apf(1).outcome, Outcome::Meets);
    assert_eq!(
        apf(1).band.as_ref().unwrap().when.as_deref(),
        Some("≤ 4500 W")
    );
    assert_eq!(verdicts[1].class, Class::Follower);
    // ≥ 15000 W: beyond every band.
    assert_eq!(apf(2).outcome, Outcome::Missing);
    assert_eq!(apf(2).band.as_ref().unwrap().when, None);
    assert_eq!(verdicts[2].class, Class::Gap);
}

/// Under `unstated = "leave-out"` and the tier rule, which indicators count depends on the
/// product's band where requirements vary by band: the fast path, whose tier count is the
/// plan's, hands such plans to the exact path (the oracle's tier law found the difference).
#[test]
fn tiers_with_leave_out_and_band_requirements_stay_on_the_exact_path() {
    let plan = duibiao::Plan::from_toml_str(
        r#"
schema_version = 1
category = { en = "x" }
[[attributes]]
id = "plant"
values = [{ id = "v0" }, { id = "v1" }]
[[standards]]
code = "GB/T 31-2020"
role = "benchmark"
[[indicators]]
id = "i2"
direction = "lower-is-better"
unit = "MPa"
[indicators.bands]
by = "plant"
[[indicators.bands.bands]]
when = "v0"
grades = [{ name = { en = "g1" }, limit = "≤ 31.25 MPa" }, { name = { en = "g2" }, limit = "≤ 31.260" }]
[[indicators.bands.bands]]
when = "v1"
grades = [{ name = { en = "g1" }, limit = "≤ 31.240 MPa" }]
requirements = { "GB/T 31-2020" = "≤ 31.240 MPa" }
[policy]
leader = { tier = "g1", on = 1 }
unstated = "leave-out"
missing = "ignore"
"#,
    )
    .unwrap();
    let engine = plan.compile().unwrap();
    let err = engine.classifier().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"indicator "i2": outside the fast path: leaders by tier, unstated = "leave-out" and requirements chosen by band (which indicators count differs by product)"#
    );
    // In band v0 no benchmark states i2: left out, so no indicator counts and P2 follows.
    let p = duibiao::Product::new("P2")
        .with("i2", "31.2401")
        .unwrap()
        .with_attribute("plant", "v0");
    let v = engine.evaluate(&p).unwrap();
    assert_eq!(v.class, duibiao::Class::Follower);
    assert_eq!(v.indicators[0].tier_reached, None);
}
