//! Class tables as regulations adopt them (intervals that do not nest, with holes, open at
//! either end) and benchmarks stated as a class of the table: the example plan on the EU
//! energy label of refrigerating appliances ((EU) 2019/2016 Annex II), checked by hand, on both
//! engine paths; the "exceeds by grade" rule on a table of intervals; rounded-value judgement
//! finding the class of the rounded value; the refusals.

use duibiao::verdict::{Class, Outcome, Verdict};
use duibiao::{Lang, Plan, Product};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn example() -> (Plan, Vec<Product>) {
    let plan_text =
        std::fs::read_to_string(format!("{ROOT}/examples/plans/refrigerator-eu-label.toml"))
            .unwrap();
    let plan = Plan::from_toml_str(&plan_text).unwrap();
    let csv = std::fs::read_to_string(format!(
        "{ROOT}/examples/plans/refrigerator-eu-label.products.csv"
    ))
    .unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let products = lines
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let mut p = Product::new(cells[0]);
            for (h, c) in header.iter().zip(&cells).skip(1) {
                p = p.with(h, c).unwrap();
            }
            p
        })
        .collect();
    (plan, products)
}

fn grade(v: &Verdict, id: &str) -> Option<String> {
    let i = v.indicators.iter().find(|i| i.id == id).unwrap();
    i.grade.as_ref().and_then(|g| g.name.en.clone())
}

fn outcome(v: &Verdict, id: &str) -> Outcome {
    v.indicators.iter().find(|i| i.id == id).unwrap().outcome
}

/// A product's hand-checked verdict: id, class, EEI class and outcome, noise class and outcome.
type Row = (
    &'static str,
    Class,
    Option<&'static str>,
    Outcome,
    Option<&'static str>,
    Outcome,
);

/// Outcome, grade rank reached, and the nearest grades' ranks (better, worse) when outside.
type Judged = (
    Outcome,
    Option<usize>,
    Option<(Option<usize>, Option<usize>)>,
);

/// The verdicts checked by hand (docs/examples.md): the level is class B of each table
/// (EEI ≤ 51, noise < 36 dB(A)); class A exceeds it; 41 < EEI ≤ 42 is the adopted table's
/// hole, which meets the level but is in no class; a leader needs EEI (weight 2 of 3) to
/// exceed.
#[test]
fn the_eu_label_example_gives_the_verdicts_checked_by_hand() {
    use Outcome::*;
    let (plan, products) = example();
    assert!(plan.check().is_ok(), "{:?}", plan.check());
    assert_eq!(plan.check().warnings().count(), 0);
    let engine = plan.compile().unwrap();
    let fast = engine.classifier().unwrap();
    #[rustfmt::skip]
    let want: [Row; 7] = [
        ("RF-01", Class::Leader, Some("A"), Exceeds, Some("B"), Meets),
        ("RF-02", Class::Follower, None, Meets, Some("A"), Exceeds),
        ("RF-03", Class::Gap, Some("B"), Meets, Some("C"), FallsShort),
        ("RF-04", Class::Gap, Some("G"), FallsShort, Some("A"), Exceeds),
        ("RF-05", Class::Follower, None, Meets, Some("B"), Meets),
        ("RF-06", Class::Follower, Some("B"), Meets, Some("B"), Meets),
        ("RF-07", Class::Gap, Some("A"), Exceeds, Some("C"), FallsShort),
    ];
    assert_eq!(products.len(), want.len());
    for (p, (id, class, eei, eei_outcome, noise, noise_outcome)) in products.iter().zip(want) {
        let v = engine.evaluate(p).unwrap();
        assert_eq!(v.product, id);
        assert_eq!(v.class, class, "{id}");
        assert_eq!(grade(&v, "eei").as_deref(), eei, "{id}");
        assert_eq!(outcome(&v, "eei"), eei_outcome, "{id}");
        assert_eq!(grade(&v, "noise").as_deref(), noise, "{id}");
        assert_eq!(outcome(&v, "noise"), noise_outcome, "{id}");
        // The requirement is printed as the class and the limit it stands for.
        let e = &v.indicators[0];
        assert_eq!(e.limit_class.as_deref(), Some("B"));
        assert_eq!(e.limit.as_deref(), Some("≤ 51"));
        assert_eq!(v.indicators[1].limit.as_deref(), Some("< 36 dB(A)"));
        // The fast path: the same class and outcomes.
        let prepared = fast.prepare(p).unwrap().expect("held by the fast path");
        let mut out = Vec::new();
        assert_eq!(fast.outcomes_into(&prepared, &mut out), class, "{id}");
        let outcomes: Vec<Outcome> = out.iter().map(|o| o.outcome).collect();
        assert_eq!(outcomes, [eei_outcome, noise_outcome], "{id}");
        assert_eq!(
            out[0].grade.map(usize::from),
            e.grade.as_ref().map(|g| g.rank)
        );
    }
}

/// A value in the hole is outside the table, with the nearest classes named in the JSON
/// verdict and in the report's CSV, never put into one.
#[test]
fn a_value_in_the_hole_is_outside_the_table_with_its_nearest_classes() {
    let (plan, products) = example();
    let engine = plan.compile().unwrap();
    for p in [&products[1], &products[4]] {
        let v = engine.evaluate(p).unwrap();
        let e = &v.indicators[0];
        assert!(e.grade.is_none() && e.outside_grades);
        let near = e.nearest_grades.as_ref().unwrap();
        assert_eq!(near.better.as_ref().unwrap().rank, 0);
        assert_eq!(near.worse.as_ref().unwrap().rank, 1);
        let json = serde_json::to_value(e).unwrap();
        assert_eq!(
            json["nearest-grades"],
            serde_json::json!({
                "better": { "rank": 0, "name": { "en": "A" } },
                "worse": { "rank": 1, "name": { "en": "B" } }
            })
        );
        assert_eq!(json["limit-class"], "B");
    }
    let verdicts: Vec<Verdict> = products
        .iter()
        .map(|p| engine.evaluate(p).unwrap())
        .collect();
    let report = duibiao::report::Report::new(&plan.category, &verdicts, None);
    let csv = report.to_csv(Lang::En);
    let row = csv
        .lines()
        .find(|l| l.starts_with("RF-05,") && l.contains(",eei,"))
        .unwrap();
    assert!(
        row.contains(r#""outside the table, between ""A"" and ""B""""#),
        "{row}"
    );
    assert!(row.contains(",B (≤ 51),"), "{row}");
    let zh = report.to_csv(Lang::Zh);
    assert!(zh.contains(r#"表外，介于 ""A"" 与 ""B"" 之间"#), "{zh}");
}

fn plan_with(grades: &str, requirement: &str, extra: &str) -> String {
    format!(
        r#"schema_version = 1
category = {{ en = "t" }}
[[standards]]
code = "GB/T 1-2000"
role = "benchmark"
[[indicators]]
id = "x"
direction = "lower-is-better"
{extra}
requirements = {{ "GB/T 1-2000" = {requirement} }}
grades = [{grades}]
"#
    )
}

const TABLE: &str = r#"{ name = { en = "A" }, limit = "≤ 10" }, { name = { en = "B" }, limit = "12 < x ≤ 20" }, { name = { en = "C" }, limit = "20 < x ≤ 30" }, { name = { en = "D" }, limit = "> 30" }"#;

fn judge(text: &str, value: &str) -> Judged {
    let engine = Plan::from_toml_str(text).unwrap().compile().unwrap();
    let v = engine
        .evaluate(&Product::new("p").with("x", value).unwrap())
        .unwrap();
    let i = &v.indicators[0];
    let exact = (
        i.outcome,
        i.grade.as_ref().map(|g| g.rank),
        i.nearest_grades.as_ref().map(|n| {
            (
                n.better.as_ref().map(|g| g.rank),
                n.worse.as_ref().map(|g| g.rank),
            )
        }),
    );
    // The fast path agrees where it holds the plan.
    if let Ok(fast) = engine.classifier() {
        if let Some(p) = fast
            .prepare(&Product::new("p").with("x", value).unwrap())
            .unwrap()
        {
            let mut out = Vec::new();
            fast.outcomes_into(&p, &mut out);
            assert_eq!(out[0].outcome, exact.0, "{value}");
            assert_eq!(out[0].grade.map(usize::from), exact.1, "{value}");
        }
    }
    exact
}

/// docs/rules.md §6: on a table of intervals, the level guarantees the first class whose
/// "class or better" (the half-line from the better end to the class's worse end) holds it; a
/// value exceeds when it is in a strictly better class. A value in a hole between better
/// classes is in none, so it does not exceed.
#[test]
fn exceeds_by_grade_on_a_table_of_intervals() {
    use Outcome::*;
    // The level ≤ 25 lies in "C or better" (≤ 30), not in "B or better" (≤ 20): C is guaranteed.
    let text = plan_with(TABLE, r#""≤ 25""#, "");
    assert_eq!(judge(&text, "5"), (Exceeds, Some(0), None));
    assert_eq!(judge(&text, "11"), (Meets, None, Some((Some(0), Some(1)))));
    assert_eq!(judge(&text, "12"), (Meets, None, Some((Some(0), Some(1)))));
    assert_eq!(judge(&text, "12.5"), (Exceeds, Some(1), None));
    assert_eq!(judge(&text, "20"), (Exceeds, Some(1), None));
    assert_eq!(judge(&text, "24"), (Meets, Some(2), None));
    assert_eq!(judge(&text, "26"), (FallsShort, Some(2), None));
    assert_eq!(judge(&text, "31"), (FallsShort, Some(3), None));
    // The level stated as class B: "B or better", ≤ 20 (the hole 10 < x ≤ 12 meets it).
    let text = plan_with(TABLE, r#"{ class = "B" }"#, "");
    assert_eq!(judge(&text, "5"), (Exceeds, Some(0), None));
    assert_eq!(judge(&text, "11"), (Meets, None, Some((Some(0), Some(1)))));
    assert_eq!(judge(&text, "20"), (Meets, Some(1), None));
    assert_eq!(judge(&text, "20.5"), (FallsShort, Some(2), None));
    // Stated as class A: nothing exceeds by grade.
    let text = plan_with(TABLE, r#"{ class = "A" }"#, "");
    assert_eq!(judge(&text, "5"), (Meets, Some(0), None));
    // A table open at neither end: beyond it, the nearest class on one side only.
    let closed =
        r#"{ name = { en = "A" }, limit = "5 ~ 10" }, { name = { en = "B" }, limit = ">10 ~ 20" }"#;
    let text = plan_with(closed, r#"{ class = "B" }"#, "");
    assert_eq!(judge(&text, "3"), (Meets, None, Some((None, Some(0)))));
    assert_eq!(
        judge(&text, "25"),
        (FallsShort, None, Some((Some(1), None)))
    );
}

/// Rounded-value judgement: the value rounds to each limit's digit, then its class is found;
/// a value that rounds into the hole is outside the table.
#[test]
fn rounded_values_round_then_find_their_class() {
    use Outcome::*;
    let text = plan_with(
        TABLE,
        r#"{ class = "B" }"#,
        r#"judgement = "rounded-value""#,
    );
    assert_eq!(judge(&text, "10.4"), (Exceeds, Some(0), None));
    assert_eq!(judge(&text, "10.6").1, None);
    assert_eq!(
        judge(&text, "12.4"),
        (Meets, None, Some((Some(0), Some(1))))
    );
    assert_eq!(judge(&text, "12.6"), (Meets, Some(1), None));
    assert_eq!(judge(&text, "20.4"), (Meets, Some(1), None));
    assert_eq!(judge(&text, "20.6").0, FallsShort);
}

/// Nested tables keep their meaning: the best grade whose limit a value meets.
#[test]
fn nested_tables_mean_what_they_meant() {
    use Outcome::*;
    let nested = r#"{ name = { en = "1" }, limit = "≤ 10" }, { name = { en = "2" }, limit = "≤ 20" }, { name = { en = "3" }, limit = "≤ 30" }"#;
    let text = plan_with(nested, r#""≤ 20""#, "");
    assert_eq!(judge(&text, "5"), (Exceeds, Some(0), None));
    assert_eq!(judge(&text, "15"), (Meets, Some(1), None));
    assert_eq!(judge(&text, "25").0, FallsShort);
    // Beyond the worst grade of a nested table: outside, the worst grade the nearest.
    assert_eq!(
        judge(&text, "35"),
        (FallsShort, None, Some((Some(2), None)))
    );
    // Stated as a class of a nested table: the class's own limit.
    let text = plan_with(nested, r#"{ class = "2" }"#, "");
    assert_eq!(judge(&text, "15"), (Meets, Some(1), None));
    assert_eq!(judge(&text, "5"), (Exceeds, Some(0), None));
}

fn faults(text: &str, lang: Lang) -> Vec<String> {
    let (_, report) = Plan::read_toml(text, &duibiao::Limits::default()).unwrap();
    report.faults.iter().map(|f| f.to_string_in(lang)).collect()
}

#[test]
fn a_table_neither_nested_nor_of_intervals_is_refused_naming_the_two_grades() {
    let overlap =
        r#"{ name = { en = "A" }, limit = "≤ 10" }, { name = { en = "B" }, limit = "5 ~ 20" }"#;
    let text = plan_with(overlap, r#""≤ 20""#, "");
    assert_eq!(
        faults(&text, Lang::En),
        [
            r#"error: line 11, column 83: indicators[0].grades[1].limit: grade 1 "5 ~ 20" overlaps grade 0 "≤ 10" without holding it: a class table either nests (each grade holds every value of the one before) or lists intervals with no value in common, best first"#
        ]
    );
    assert_eq!(
        faults(&text, Lang::Zh),
        [
            r#"错误：第 11 行第 83 列：indicators[0].grades[1].limit：第 1 级 "5 ~ 20" 与第 0 级 "≤ 10" 部分重叠而不包含它：等级表要么逐级包含（每一级包含前一级的所有数值），要么由互不重叠的区间组成，按从优到劣排列"#
        ]
    );
    // Intervals listed worst first.
    let reversed =
        r#"{ name = { en = "B" }, limit = ">10 ~ 20" }, { name = { en = "A" }, limit = "≤ 10" }"#;
    let text = plan_with(reversed, r#""≤ 20""#, "");
    assert_eq!(
        faults(&text, Lang::En),
        [
            r#"error: line 11, column 87: indicators[0].grades[1].limit: grades go from best to worst, so in a table of intervals "≤ 10" must lie wholly on the worse side of grade 0 ">10 ~ 20" (the indicator is lower-is-better)"#
        ]
    );
    assert_eq!(
        faults(&text, Lang::Zh),
        [
            r#"错误：第 11 行第 87 列：indicators[0].grades[1].limit：等级按从优到劣排列，因此在区间等级表中 "≤ 10" 必须整体位于第 0 级 ">10 ~ 20" 的较差一侧（指标方向为 lower-is-better）"#
        ]
    );
}

#[test]
fn a_class_requirement_names_a_class_of_the_table() {
    let text = plan_with(TABLE, r#"{ class = "E" }"#, "");
    assert_eq!(
        faults(&text, Lang::En),
        [
            r#"error: line 10, column 34: indicators[0].requirements."GB/T 1-2000": class "E" is not a grade of the indicator: its grades are "A", "B", "C", "D""#
        ]
    );
    assert_eq!(
        faults(&text, Lang::Zh),
        [
            r#"错误：第 10 行第 34 列：indicators[0].requirements."GB/T 1-2000"：等级 "E" 不是该指标的等级：其等级为 "A", "B", "C", "D""#
        ]
    );
    let text = plan_with(TABLE, r#"{ class = "D" }"#, "");
    assert_eq!(
        faults(&text, Lang::En),
        [
            r#"error: line 10, column 34: indicators[0].requirements."GB/T 1-2000": class "D" is open at its worse end, so "D or better" holds every value: name a class with a worse end, or write a limit"#
        ]
    );
    assert_eq!(
        faults(&text, Lang::Zh),
        [
            r#"错误：第 10 行第 34 列：indicators[0].requirements."GB/T 1-2000"：等级 "D" 的较差一端是开放的，"D 或更优" 包含所有数值：请指定有较差端点的等级，或写出限值"#
        ]
    );
    let text = plan_with("", r#"{ class = "A" }"#, "");
    assert_eq!(
        faults(&text, Lang::En),
        [
            r#"error: line 10, column 34: indicators[0].requirements."GB/T 1-2000": class "A": the indicator has no grades, so it has no class to name: write a limit, or give the indicator grades"#
        ]
    );
    assert_eq!(
        faults(&text, Lang::Zh),
        [
            r#"错误：第 10 行第 34 列：indicators[0].requirements."GB/T 1-2000"：等级 "A"：指标没有等级（grades），无从指定等级：请写出限值，或为指标给出等级"#
        ]
    );
    // Neither a limit nor a class: refused by the reader, naming the field.
    let text = plan_with(TABLE, r#"{ grade = "A" }"#, "");
    let e = Plan::from_toml_str(&text).unwrap_err().to_string();
    assert!(e.contains("unknown field `grade`, expected `class`"), "{e}");
}

/// The class form reads the same from JSON, and a plan written back reads to the same plan.
#[test]
fn a_class_requirement_round_trips_through_toml_and_json() {
    let (plan, _) = example();
    let json = plan.to_json_string().unwrap();
    assert!(
        json.contains(
            r#""(EU) 2019/2016": {
          "class": "B"
        }"#
        ),
        "{json}"
    );
    assert_eq!(Plan::from_json_str(&json).unwrap(), plan);
    let toml = plan.to_toml_string().unwrap();
    assert_eq!(Plan::from_toml_str(&toml).unwrap(), plan);
    let checked = plan.checked().unwrap();
    // The typed model writes the same requirements back (grades in canonical form).
    let back = checked.to_plan();
    for (a, b) in back.indicators.iter().zip(&plan.indicators) {
        assert_eq!(a.requirements, b.requirements);
    }
    assert_eq!(checked.indicators[0].requirement_classes.len(), 1);
}

/// The subject standard compared with a level stated as a class: the level shown as the class
/// and its limit.
#[test]
fn compare_shows_the_level_as_its_class() {
    let (plan, _) = example();
    let engine = plan.compile().unwrap();
    let v = engine.compare_standards().unwrap();
    assert_eq!(v.class, Class::Gap);
    let level = &v.indicators[0].level[0];
    assert_eq!(level.class.as_deref(), Some("B"));
    assert_eq!(level.shown(), "B (≤ 51)");
}

/// Ranking: a value in a hole scores the grade points of its nearest worse class (B), never
/// fewer than a worse value of that class, and a value beyond the worst grade of a nested
/// table none.
#[test]
fn a_value_outside_the_table_scores_as_its_nearest_worse_class() {
    let (plan, products) = example();
    let engine = plan.compile().unwrap();
    let ranker = duibiao::rank::Ranker::new(&engine).unwrap();
    let hole = engine.evaluate(&products[4]).unwrap();
    assert!(hole.indicators[0].grade.is_none());
    let outside = ranker.score(&hole).unwrap();
    assert_eq!(outside.parts[0].grade, Some(1));
    assert_eq!(
        outside.parts[0].grade_points,
        rust_decimal::Decimal::from(80)
    );
    let in_b = ranker
        .score(&engine.evaluate(&products[5]).unwrap())
        .unwrap();
    assert_eq!(in_b.parts[0].grade_points, rust_decimal::Decimal::from(80));
    let in_a = ranker
        .score(&engine.evaluate(&products[0]).unwrap())
        .unwrap();
    assert_eq!(in_a.parts[0].grade_points, rust_decimal::Decimal::from(100));
    // The compact ranking scores alike.
    let verdicts: Vec<_> = products
        .iter()
        .map(|p| engine.evaluate(p).unwrap())
        .collect();
    let full = ranker.rank(&verdicts).unwrap();
    let mut b = ranker.builder();
    for v in &verdicts {
        b.push(v).unwrap();
    }
    assert_eq!(b.finish().unwrap().to_ranking(), full);
    // Nested: beyond the worst grade, no points.
    let text = plan_with(
        r#"{ name = { en = "1" }, limit = "≤ 10" }, { name = { en = "2" }, limit = "≤ 20" }"#,
        r#""≤ 30""#,
        "",
    );
    let engine = Plan::from_toml_str(&text).unwrap().compile().unwrap();
    let ranker = duibiao::rank::Ranker::new(&engine).unwrap();
    let v = engine
        .evaluate(&Product::new("p").with("x", "25").unwrap())
        .unwrap();
    let s = ranker.score(&v).unwrap();
    assert_eq!(s.parts[0].grade, None);
    assert_eq!(s.parts[0].grade_points, rust_decimal::Decimal::ZERO);
}
