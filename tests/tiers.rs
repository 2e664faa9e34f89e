//! Leaders by tier (`policy.leader`), the tier ranking and `policy.unstated`: the example plan
//! `examples/plans/clothes-rack-leader.toml` with verdicts checked by hand, both engine paths,
//! and the plan check's messages word for word.

mod common;

use common::duibiao;
use duibiao::rank::Ranker;
use duibiao::verdict::Class;
use duibiao::Lang;
use duibiao::{Plan, Product};

const PLAN: &str = include_str!("../examples/plans/clothes-rack-leader.toml");
const PRODUCTS: &str = include_str!("../examples/plans/clothes-rack-leader.products.csv");

fn products() -> Vec<Product> {
    duibiao::product::read_csv(PRODUCTS.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap()
}

/// By hand (tiers: load ≥ 40 / ≥ 30 / ≥ 20 kg, noise ≤ 40 / ≤ 45 / ≤ 50 dB, standby ≤ 0.5 /
/// ≤ 0.8 / ≤ 1.0 W): R1 (45, 38, 0.4) top everywhere: leader. R2 (45, 42, 0.4): noise in
/// 先进水平, exceeding the level on all three but not a leader by tier. R3 (32, 38, 0.7): two
/// 先进水平: follower. R4 (45, 39, 0.5): 0.5 W is in 领跑者水平 (≤ 0.5): leader. R5: 52 dB falls
/// short of ≤ 50 dB: gap.
#[test]
fn the_example_classes_by_tier_as_checked_by_hand() {
    let engine = Plan::from_toml_str(PLAN).unwrap().compile().unwrap();
    let verdicts: Vec<_> = products()
        .iter()
        .map(|p| engine.evaluate(p).unwrap())
        .collect();
    let classes: Vec<(&str, Class)> = verdicts
        .iter()
        .map(|v| (v.product.as_str(), v.class))
        .collect();
    assert_eq!(
        classes,
        [
            ("R1", Class::Leader),
            ("R2", Class::Follower),
            ("R3", Class::Follower),
            ("R4", Class::Leader),
            ("R5", Class::Gap),
        ]
    );
    let r2 = &verdicts[1];
    let noise = &r2.indicators[1];
    assert_eq!(noise.outcome.as_str(), "exceeds");
    assert_eq!(
        noise.grade.as_ref().unwrap().name.zh.as_deref(),
        Some("先进水平")
    );
    assert_eq!(noise.tier_reached, Some(false));
    assert_eq!(
        verdicts[0].decided_by,
        ["rated-load", "noise", "standby-power"]
    );
    assert_eq!(verdicts[4].decided_by, ["noise"]);
    // The same plan under the share rule makes R2 a leader: the middle tier "exceeds".
    let share = PLAN.replace("leader = { tier = \"领跑者水平\", on = \"all\" }", "");
    let engine = Plan::from_toml_str(&share).unwrap().compile().unwrap();
    assert_eq!(
        engine.evaluate(&products()[1]).unwrap().class,
        Class::Leader
    );
}

#[test]
fn both_paths_agree_on_the_tier_rule() {
    for on in ["\"all\"", "2", "1", "3"] {
        let text = PLAN.replace("on = \"all\"", &format!("on = {on}"));
        let engine = Plan::from_toml_str(&text).unwrap().compile().unwrap();
        let fast = engine.classifier().unwrap();
        let mut out = Vec::new();
        for p in products() {
            let exact = engine.evaluate(&p).unwrap();
            let prepared = fast.prepare(&p).unwrap().unwrap();
            assert_eq!(fast.class(&prepared), exact.class, "{on} {}", p.id);
            assert_eq!(fast.outcomes_into(&prepared, &mut out), exact.class);
            let decided: Vec<&str> = fast.decided_by(exact.class, &out).collect();
            assert_eq!(decided, exact.decided_by, "{on} {}", p.id);
            let tiers: Vec<Option<bool>> = out.iter().map(|o| o.tier_reached).collect();
            let exact_tiers: Vec<Option<bool>> =
                exact.indicators.iter().map(|i| i.tier_reached).collect();
            assert_eq!(tiers, exact_tiers);
        }
    }
    // on = 2: R2 (two top tiers) leads, R3 (one) follows.
    let text = PLAN.replace("on = \"all\"", "on = 2");
    let engine = Plan::from_toml_str(&text).unwrap().compile().unwrap();
    let p = products();
    assert_eq!(engine.evaluate(&p[1]).unwrap().class, Class::Leader);
    assert_eq!(engine.evaluate(&p[2]).unwrap().class, Class::Follower);
}

#[test]
fn the_tier_ranking_shares_ranks_within_a_tier() {
    let engine = Plan::from_toml_str(PLAN).unwrap().compile().unwrap();
    let ranking = Ranker::new(&engine)
        .unwrap()
        .rank_products(&products())
        .unwrap();
    assert!(ranking.by_tier);
    let order: Vec<(&str, usize, bool)> = ranking
        .ranked
        .iter()
        .map(|e| (e.id.as_str(), e.rank, e.leader))
        .collect();
    // R1 and R4: three top tiers; R2: two; R3: one. R5 is a gap, not ranked.
    assert_eq!(
        order,
        [
            ("R1", 1, true),
            ("R4", 1, true),
            ("R2", 2, false),
            ("R3", 3, false)
        ]
    );
    assert_eq!(ranking.ineligible[0].id, "R5");
    // Per indicator: R3's load (先进水平) ranks 2, shared with no one; its noise ranks 1.
    let r3 = &ranking.ranked[3].score.parts;
    let tier_ranks: Vec<Option<usize>> = r3.iter().map(|p| p.tier_rank).collect();
    assert_eq!(tier_ranks, [Some(2), Some(1), Some(2)]);
    assert!(ranking.left_out.is_empty());
}

#[test]
fn an_indicator_every_ranked_entry_states_alike_is_left_out() {
    let engine = Plan::from_toml_str(PLAN).unwrap().compile().unwrap();
    let same = |id: &str, noise: &str| {
        Product::new(id)
            .with("rated-load", "45")
            .unwrap()
            .with("noise", noise)
            .unwrap()
            .with("standby-power", "0.4")
            .unwrap()
    };
    let ranking = Ranker::new(&engine)
        .unwrap()
        .rank_products(&[same("A", "38"), same("B", "42")])
        .unwrap();
    assert_eq!(ranking.left_out, ["rated-load", "standby-power"]);
    let parts = &ranking.ranked[1].score.parts;
    assert_eq!(parts[0].tier_rank, None);
    assert_eq!(parts[1].tier_rank, Some(2));
    let text = duibiao::report::ranking(&ranking, duibiao::report::Format::Table);
    assert!(
        text.contains("left out of the ranking, every ranked entry states the same value 各方数值相同、不排名的指标: rated-load, standby-power"),
        "{text}"
    );
}

fn faults(text: &str, lang: Lang) -> Vec<String> {
    let plan = Plan::from_toml_str(text).unwrap();
    plan.check()
        .errors()
        .map(|f| format!("{}: {}", f.path, f.message_in(lang)))
        .collect()
}

#[test]
fn the_plan_check_names_indicator_tier_and_standard() {
    let looser = PLAN.replace("limit = \"≥ 20 kg\" }", "limit = \"≥ 15 kg\" }");
    assert_eq!(
        faults(&looser, Lang::En),
        ["indicators[0].grades[2].limit: the lowest tier \"基准水平\" (\"≥ 15 kg\") is looser than \"GB/T 36507-2018\" = \"≥ 20 kg\", a national standard: the lowest tier may not be looser than the national or industry standard"]
    );
    assert_eq!(
        faults(&looser, Lang::Zh),
        ["indicators[0].grades[2].limit: 最低层级 \"基准水平\"（\"≥ 15 kg\"）宽于国家标准 \"GB/T 36507-2018\" 的要求 \"≥ 20 kg\"，最低层级不得低于国家标准或行业标准"]
    );
    let unknown = PLAN.replace("tier = \"领跑者水平\"", "tier = \"标杆水平\"");
    let en = faults(&unknown, Lang::En);
    assert_eq!(en.len(), 3);
    assert_eq!(
        en[0],
        "indicators[0].grades: the leader tier \"标杆水平\" is not among the grades of core indicator \"rated-load\" (\"领跑者水平\", \"先进水平\", \"基准水平\"): name a tier every core indicator with tiers holds"
    );
    assert_eq!(
        faults(&unknown, Lang::Zh)[0],
        "indicators[0].grades: 领跑者层级 \"标杆水平\" 不在核心指标 \"rated-load\" 的等级（\"领跑者水平\", \"先进水平\", \"基准水平\"）之中，请指定每个分层级的核心指标都有的层级"
    );
    let four = PLAN.replace("on = \"all\"", "on = 4");
    assert_eq!(
        faults(&four, Lang::En),
        ["policy.leader.on: 4 is outside 1 ≤ n ≤ 3, the number of core indicators with tiers: no product could ever be a leader"]
    );
    assert_eq!(
        faults(&four, Lang::Zh),
        ["policy.leader.on: 4 不在 1 ≤ n ≤ 3（分层级的核心指标数）范围内，任何产品都不可能成为领跑者"]
    );
    let both = PLAN.replace("[policy]\n", "[policy]\nleader-min-exceeding = 2\n");
    assert_eq!(
        faults(&both, Lang::En),
        ["policy.leader-min-exceeding: 2: not read when policy.leader sets leaders by tier: write one of them"]
    );
}

/// `unstated`: a core indicator no benchmark states counts in the core weight by default (so
/// one exceeding indicator of two is only half the weight), and is left out with "leave-out".
#[test]
fn unstated_core_indicators_count_or_are_left_out() {
    let plan = |unstated: &str| {
        format!(
            r#"schema_version = 1
category = {{ en = "x" }}
[policy]
leader-share = 0.6
{unstated}
[[standards]]
code = "GB 1-2000"
role = "benchmark"
[[standards]]
code = "Q/ABC 1-2024"
role = "subject"
[[indicators]]
id = "a"
direction = "higher-is-better"
requirements = {{ "GB 1-2000" = "≥ 10" }}
grades = [{{ name = {{ en = "1" }}, limit = "≥ 20" }}, {{ name = {{ en = "2" }}, limit = "≥ 10" }}]
[[indicators]]
id = "b"
direction = "higher-is-better"
requirements = {{ "Q/ABC 1-2024" = "≥ 5" }}
"#
        )
    };
    let p = Product::new("P")
        .with("a", "25")
        .unwrap()
        .with("b", "6")
        .unwrap();
    let count = Plan::from_toml_str(&plan("")).unwrap().compile().unwrap();
    let v = count.evaluate(&p).unwrap();
    assert_eq!(
        (v.class, v.core_weight.to_string()),
        (Class::Follower, "2".into())
    );
    assert!(
        !count.warnings().is_empty(),
        "no product could ever be a leader"
    );
    let leave = Plan::from_toml_str(&plan("unstated = \"leave-out\""))
        .unwrap()
        .compile()
        .unwrap();
    let v = leave.evaluate(&p).unwrap();
    assert_eq!(
        (v.class, v.core_weight.to_string()),
        (Class::Leader, "1".into())
    );
    assert!(leave.warnings().is_empty());
    let fast = leave.classifier().unwrap();
    assert_eq!(
        fast.class(&fast.prepare(&p).unwrap().unwrap()),
        Class::Leader
    );
    // Ranking weights: the ranker scores the core indicators that count.
    let r = Ranker::new(&leave).unwrap().score(&v).unwrap();
    assert_eq!(r.parts.len(), 1);
}

fn run(args: &[&str]) -> String {
    let out = duibiao().args(args).output().expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const PLAN_FILE: &str = "examples/plans/clothes-rack-leader.toml";
const PRODUCTS_FILE: &str = "examples/plans/clothes-rack-leader.products.csv";

/// `evaluate --format csv` under the tier policy: the tier columns, the same on the fast and
/// the exact path (R2: noise in 先进水平; R3: only noise in 领跑者水平).
#[test]
fn the_verdict_csv_names_the_tiers_reached() {
    let args = [
        "evaluate",
        PLAN_FILE,
        "--products",
        PRODUCTS_FILE,
        "--format",
        "csv",
    ];
    let fast = run(&args);
    let exact = run(&[&args[..], &["--exact"]].concat());
    assert_eq!(fast, exact);
    let lines: Vec<&str> = fast.lines().collect();
    assert_eq!(
        lines[0],
        "product,class,decided-by,exceeding-weight,core-weight,rated-load,rated-load.margin,noise,noise.margin,standby-power,standby-power.margin,tier-reached,tier-not-reached,error"
    );
    assert_eq!(
        lines[2],
        "R2,follower,,3,3,exceeds,25,exceeds,8,exceeds,0.6,rated-load standby-power,noise,"
    );
    assert_eq!(
        lines[3],
        "R3,follower,,3,3,exceeds,12,exceeds,12,exceeds,0.3,noise,rated-load standby-power,"
    );
    // Without the tier policy the columns are not written.
    let engine =
        Plan::from_toml_str(&PLAN.replace("leader = { tier = \"领跑者水平\", on = \"all\" }", ""))
            .unwrap()
            .compile()
            .unwrap();
    let mut out = Vec::new();
    let w = duibiao::report::RowWriter::for_engine(duibiao::report::Format::Csv, &engine, &mut out)
        .unwrap();
    w.finish().unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "product,class,decided-by,exceeding-weight,core-weight,rated-load,rated-load.margin,noise,noise.margin,standby-power,standby-power.margin,error\n"
    );
}

/// `rank --format csv|md` and `report --format md` under the tier policy: each indicator's
/// tier rank, as the table shows it.
#[test]
fn the_ranking_csv_and_markdown_show_tier_ranks() {
    let csv = run(&[
        "rank",
        PLAN_FILE,
        "--products",
        PRODUCTS_FILE,
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "rank,id,score,exceeding,class,leader,ineligible-because,tier-ranks,left-out",
            "1,R1,150.00,3,leader,true,,\"rated-load 1, noise 1, standby-power 1\",",
            "1,R4,150.00,3,leader,true,,\"rated-load 1, noise 1, standby-power 1\",",
            "2,R2,140.00,3,follower,false,,\"rated-load 1, noise 2, standby-power 1\",",
            "3,R3,136.67,3,follower,false,,\"rated-load 2, noise 1, standby-power 2\",",
            ",R5,,,gap,false,noise falls-short,,",
        ]
    );
    let md = run(&[
        "rank",
        PLAN_FILE,
        "--products",
        PRODUCTS_FILE,
        "--format",
        "md",
    ]);
    assert!(
        md.starts_with("| rank 名次 | id | score 得分 | exceeding 优于项 | class 类别 | leader 领跑者 | tier ranks 层级名次 |\n|---:|---|---:|---:|---|---|---|\n| 1 | R1 | 150.00 | 3 | leader 领跑 | ✓ | rated-load 1, noise 1, standby-power 1 |\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "| 3 | R3 | 136.67 | 3 | follower 跟跑 |  | rated-load 2, noise 1, standby-power 2 |\n"
        ),
        "{md}"
    );
    let report = run(&[
        "report",
        PLAN_FILE,
        "--products",
        PRODUCTS_FILE,
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    assert!(
        report.contains("| rank | product | score | exceeding | class | chosen leader | tier ranks |\n|---:|---|---:|---:|---|---|---|\n| 1 | R1 | 150.00 | 3 | leader | ✓ | rated-load 1, noise 1, standby-power 1 |\n"),
        "{report}"
    );
}

/// Indicators every ranked entry states alike are named in the CSV (on every ranked row) and
/// the Markdown of the ranking and the report.
#[test]
fn left_out_indicators_are_named_in_csv_and_markdown() {
    let engine = Plan::from_toml_str(PLAN).unwrap().compile().unwrap();
    let same = |id: &str, noise: &str| {
        Product::new(id)
            .with("rated-load", "45")
            .unwrap()
            .with("noise", noise)
            .unwrap()
            .with("standby-power", "0.4")
            .unwrap()
    };
    let products = [same("A", "38"), same("B", "42")];
    let ranking = Ranker::new(&engine)
        .unwrap()
        .rank_products(&products)
        .unwrap();
    let csv = duibiao::report::ranking(&ranking, duibiao::report::Format::Csv);
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "rank,id,score,exceeding,class,leader,ineligible-because,tier-ranks,left-out",
            "1,A,150.00,3,leader,true,,noise 1,\"rated-load, standby-power\"",
            "2,B,140.00,3,follower,false,,noise 2,\"rated-load, standby-power\"",
        ]
    );
    let md = duibiao::report::ranking(&ranking, duibiao::report::Format::Md);
    assert!(
        md.ends_with("\nLeft out of the ranking, every ranked entry states the same value 各方数值相同、不排名的指标: rated-load, standby-power\n"),
        "{md}"
    );
    let verdicts: Vec<_> = products
        .iter()
        .map(|p| engine.evaluate(p).unwrap())
        .collect();
    let report = duibiao::report::Report::new(engine.category(), &verdicts, Some(&ranking));
    let text = report.to_markdown(Lang::En);
    assert!(
        text.contains("| 2 | B | 140.00 | 3 | follower |  | noise 2 |\n\nLeft out of the ranking, every ranked entry states the same value: rated-load, standby-power\n"),
        "{text}"
    );
}
