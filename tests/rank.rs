//! Ranking peers and choosing leaders: the worked example of docs/ranking.md, the tie and cut
//! rules on the example plans, the policy's refusals word for word, and the laws as properties.

use duibiao::rank::{LeaderCut, Ranker, RankingPolicy, TiesAtCut};
use duibiao::{product, Engine, Plan, Product};
use proptest::prelude::*;

fn root(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn engine(name: &str) -> Engine {
    let text = std::fs::read_to_string(root(&format!("examples/plans/{name}.toml"))).unwrap();
    Plan::from_toml_str(&text).unwrap().compile().unwrap()
}

fn products(name: &str) -> Vec<Product> {
    let file = std::fs::File::open(root(&format!("examples/plans/{name}.products.csv"))).unwrap();
    product::read_csv(file).map(Result::unwrap).collect()
}

fn cut(top: Option<u32>, share: Option<&str>, min: Option<&str>, ties: TiesAtCut) -> LeaderCut {
    LeaderCut {
        top,
        share: share.map(|s| s.parse().unwrap()),
        min_score: min.map(|s| s.parse().unwrap()),
        ties,
    }
}

/// id, weight, grade, grade points, share, margin points, points.
type PartRow = (
    String,
    String,
    Option<usize>,
    String,
    String,
    String,
    String,
);

/// docs/ranking.md §3: ST-001 of the smart toilet plan, computed by hand.
#[test]
fn worked_example_st_001() {
    let engine = engine("smart-toilet");
    let ranker = Ranker::new(&engine).unwrap();
    let p = products("smart-toilet")
        .into_iter()
        .find(|p| p.id == "ST-001")
        .unwrap();
    let score = ranker.score(&engine.evaluate(&p).unwrap()).unwrap();
    let parts: Vec<PartRow> = score
        .parts
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                p.weight.to_string(),
                p.grade,
                p.grade_points.to_string(),
                p.share.to_string(),
                p.margin_points.to_string(),
                p.points.to_string(),
            )
        })
        .collect();
    let row = |id: &str, w: &str, g, gp: &str, s: &str, mp: &str, pts: &str| {
        (
            id.to_owned(),
            w.to_owned(),
            g,
            gp.to_owned(),
            s.to_owned(),
            mp.to_owned(),
            pts.to_owned(),
        )
    };
    assert_eq!(
        parts,
        [
            row(
                "flush-water",
                "2",
                Some(0),
                "100",
                "0.125",
                "31.25",
                "131.25"
            ),
            row("standby-power", "1", Some(0), "100", "0.2", "50", "150"),
            row(
                "water-temperature",
                "1",
                Some(0),
                "100",
                "0.085714",
                "21.4285",
                "121.4285"
            ),
        ]
    );
    assert_eq!(score.total.to_string(), "133.48");
    assert_eq!(score.exceeding, 2);
}

#[test]
fn smart_toilet_ranking_head_and_ineligible() {
    let engine = engine("smart-toilet");
    let ranker = Ranker::new(&engine)
        .unwrap()
        .leader_cut(cut(Some(3), None, None, TiesAtCut::AllIn))
        .unwrap();
    let r = ranker.rank_products(&products("smart-toilet")).unwrap();
    let head: Vec<(usize, &str, String)> = r
        .ranked
        .iter()
        .take(3)
        .map(|e| (e.rank, e.id.as_str(), e.score.total.to_string()))
        .collect();
    assert_eq!(
        head,
        [
            (1, "ST-030", "142.50".to_owned()),
            (2, "ST-002", "141.96".to_owned()),
            (3, "ST-028", "135.80".to_owned())
        ]
    );
    assert_eq!(r.leader_count, 3);
    let out: Vec<&str> = r.ineligible.iter().map(|i| i.id.as_str()).collect();
    assert!(out.contains(&"ST-011") && out.contains(&"ST-020"));
    let st011 = r.ineligible.iter().find(|i| i.id == "ST-011").unwrap();
    assert_eq!(st011.reasons.len(), 1);
    assert_eq!(st011.reasons[0].indicator, "flush-water");
    // Every verdict is either ranked or listed, once.
    assert_eq!(
        r.ranked.len() + r.ineligible.len(),
        products("smart-toilet").len()
    );
}

/// AC-023, AC-030 and AC-034 tie (same score, same exceed count) at rank 4; ranks are dense.
/// (AC-028, a unit of the second capacity band, ranks first: its APF 5.07 is judged against its
/// band's level, ≥ 4.00, not the first band's.)
#[test]
fn true_ties_share_a_dense_rank_and_the_cut_keeps_them_together() {
    let engine = engine("room-air-conditioner");
    let all = products("room-air-conditioner");
    let ranked = |c: LeaderCut| {
        Ranker::new(&engine)
            .unwrap()
            .leader_cut(c)
            .unwrap()
            .rank_products(&all)
            .unwrap()
    };
    let r = ranked(cut(Some(4), None, None, TiesAtCut::AllIn));
    let head: Vec<(usize, &str)> = r
        .ranked
        .iter()
        .take(7)
        .map(|e| (e.rank, e.id.as_str()))
        .collect();
    assert_eq!(
        head,
        [
            (1, "AC-028"),
            (2, "AC-027"),
            (3, "AC-001"),
            (4, "AC-023"),
            (4, "AC-030"),
            (4, "AC-034"),
            (5, "AC-003")
        ]
    );
    assert_eq!(r.leader_count, 6, "all in");
    assert_eq!(
        ranked(cut(Some(4), None, None, TiesAtCut::AllOut)).leader_count,
        3
    );
    // Share: 24 ranked × 0.15 = 3.6, rounded up to 4, which splits the tie: all in → 6.
    assert_eq!(r.ranked.len(), 24);
    assert_eq!(
        ranked(cut(None, Some("0.15"), None, TiesAtCut::AllIn)).leader_count,
        6
    );
    // At least one, even for a tiny share.
    assert_eq!(
        ranked(cut(None, Some("0.0001"), None, TiesAtCut::AllIn)).leader_count,
        1
    );
    // Minimum score: 146.88, 141.98 and 141.67 reach 141.
    assert_eq!(
        ranked(cut(None, None, Some("141"), TiesAtCut::AllIn)).leader_count,
        3
    );
    // All three: the smallest wins (six reach 140).
    assert_eq!(
        ranked(cut(Some(10), Some("0.5"), Some("140"), TiesAtCut::AllIn)).leader_count,
        6
    );
    // No cap: every ranked entry.
    assert_eq!(ranked(LeaderCut::default()).leader_count, r.ranked.len());
}

fn plan_with(policy: &str) -> Result<Engine, duibiao::Error> {
    Plan::from_toml_str(&format!(
        r#"
schema_version = 1
category = {{ en = "x" }}
{policy}
[[standards]]
code = "GB 1-2000"
role = "benchmark"
[[indicators]]
id = "a"
direction = "higher-is-better"
requirements = {{ "GB 1-2000" = "≥ 10" }}
[[indicators]]
id = "b"
direction = "higher-is-better"
class = "innovation"
requirements = {{ "GB 1-2000" = "≥ 10" }}
"#
    ))?
    .compile()
}

#[track_caller]
fn refused(policy: &str) -> String {
    let engine = plan_with(policy).unwrap();
    Ranker::new(&engine).unwrap_err().to_string()
}

#[test]
fn policy_refusals_word_for_word() {
    assert_eq!(
        refused("[policy.ranking]\ngrade-points = [\"60\", \"80\"]"),
        r#"policy.ranking: grade-points "80": points must not increase from a better grade to a worse one"#
    );
    assert_eq!(
        refused("[policy.ranking]\nmargin-cap = \"0\""),
        r#"policy.ranking: margin-cap "0": the cap must be above 0"#
    );
    assert_eq!(
        refused("[policy.ranking]\nweights = { b = \"2\" }"),
        r#"policy.ranking: weights "b": not a core indicator of the plan (only core indicators are scored)"#
    );
    assert_eq!(
        refused("[policy.ranking]\nweights = { a = \"0\" }"),
        r#"policy.ranking: ranking weights "0": ranking needs core indicators with a weight above 0"#
    );
    assert_eq!(
        refused("[policy.ranking.leaders]\nshare = \"1.5\""),
        r#"policy.ranking: leaders.share "1.5": a share is above 0 and at most 1"#
    );
    assert_eq!(
        refused("[policy.ranking.leaders]\ntop = 0"),
        r#"policy.ranking: leaders.top "0": top must be at least 1"#
    );
    // The same refusals in Chinese.
    let zh = |policy: &str| {
        let engine = plan_with(policy).unwrap();
        Ranker::new(&engine).unwrap_err().message(duibiao::Lang::Zh)
    };
    assert_eq!(
        zh("[policy.ranking]\nweights = { b = \"2\" }"),
        r#"排名规则 policy.ranking：权重 "b"：不是方案的核心指标（只有核心指标计分）"#
    );
    assert_eq!(
        zh("[policy.ranking]\nweights = { a = \"0\" }"),
        r#"排名规则 policy.ranking：排名权重 "0"：排名需要权重大于 0 的核心指标"#
    );
    let unknown = plan_with("[policy.ranking]\npoints = [\"1\"]").unwrap_err();
    assert!(
        unknown.to_string().contains("unknown field `points`"),
        "{unknown}"
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let engine = plan_with("").unwrap();
    let p = Product::new("P").with("a", "12").unwrap();
    let err = Ranker::new(&engine)
        .unwrap()
        .rank_products(&[p.clone(), p])
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"ranking "P": two entries carry this id; ids must be unique to rank"#
    );
}

#[test]
fn policy_round_trips_through_the_plan() {
    let engine = plan_with(
        "[policy.ranking]\neligibility = \"basic-conforms\"\nmargin-points = \"40\"\n[policy.ranking.leaders]\ntop = 2\nties = \"all-out\"",
    )
    .unwrap();
    let ranker = Ranker::new(&engine).unwrap();
    let p = ranker.policy();
    assert_eq!(p.margin_points.to_string(), "40");
    assert_eq!(p.leaders.top, Some(2));
    assert_eq!(p.leaders.ties, TiesAtCut::AllOut);
    assert_ne!(*p, RankingPolicy::default());
}

// ---- laws ----------------------------------------------------------------------------------

const LAW_PLAN: &str = r#"
schema_version = 1
category = { en = "law" }
[[standards]]
code = "GB 1-2000"
role = "benchmark"
[[standards]]
code = "GB 2-2000"
role = "benchmark"
[[indicators]]
id = "eff"
direction = "higher-is-better"
weight = "3"
judgement = "rounded-value"
requirements = { "GB 1-2000" = "≥ 4.50", "GB 2-2000" = "≥ 3.30" }
grades = [
  { name = { en = "1" }, limit = "≥ 5.00" },
  { name = { en = "2" }, limit = "≥ 4.50" },
  { name = { en = "3" }, limit = "≥ 4.00" },
]
[[indicators]]
id = "use"
direction = "lower-is-better"
tolerance = "0.2"
requirements = { "GB 1-2000" = "≤ 4.0" }
[[indicators]]
id = "zero"
direction = "lower-is-better"
weight = "0.5"
requirements = { "GB 1-2000" = "≤ 0" }
[[indicators]]
id = "safe"
direction = "qualitative"
class = "basic"
"#;

fn law_engine() -> Engine {
    Plan::from_toml_str(LAW_PLAN).unwrap().compile().unwrap()
}

/// Values in hundredths: eff 3.00 … 6.00, use 2.00 … 5.00, zero −1.00 … 1.00.
fn arb_product(i: usize) -> impl Strategy<Value = Product> {
    (
        prop::option::weighted(0.95, 300i64..600),
        200i64..500,
        -100i64..100,
        prop::bool::weighted(0.9),
    )
        .prop_map(move |(eff, usage, zero, safe)| {
            let mut p = Product::new(format!("P{i:02}"))
                .with("use", &hundredths(usage))
                .unwrap()
                .with("zero", &hundredths(zero))
                .unwrap()
                .with("safe", if safe { "pass" } else { "fail" })
                .unwrap();
            if let Some(e) = eff {
                p = p.with("eff", &hundredths(e)).unwrap();
            }
            p
        })
}

fn hundredths(n: i64) -> String {
    rust_decimal::Decimal::new(n, 2).to_string()
}

fn arb_products() -> impl Strategy<Value = Vec<Product>> {
    (1usize..14).prop_flat_map(|n| (0..n).map(arb_product).collect::<Vec<_>>())
}

fn arb_cut() -> impl Strategy<Value = LeaderCut> {
    (
        prop::option::of(1u32..6),
        prop::option::of(1i64..=100),
        prop::option::of(0i64..200),
        any::<bool>(),
    )
        .prop_map(|(top, share, min, all_in)| LeaderCut {
            top,
            share: share.map(|s| rust_decimal::Decimal::new(s, 2)),
            min_score: min.map(rust_decimal::Decimal::from),
            ties: if all_in {
                TiesAtCut::AllIn
            } else {
                TiesAtCut::AllOut
            },
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Permuting the input changes no rank, no order and no leader.
    #[test]
    fn permutation_changes_no_rank(
        products in arb_products(),
        seed in any::<u64>(),
        c in arb_cut(),
    ) {
        let engine = law_engine();
        let ranker = Ranker::new(&engine).unwrap().leader_cut(c).unwrap();
        let a = ranker.rank_products(&products).unwrap();
        let mut shuffled = products.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = usize::try_from(s >> 33).unwrap() % (i + 1);
            shuffled.swap(i, j);
        }
        let b = ranker.rank_products(&shuffled).unwrap();
        prop_assert_eq!(&a, &b);
    }

    /// Improving one product's value in its better direction never lowers its rank nor its
    /// score, and never makes a ranked product unranked.
    #[test]
    fn improving_a_value_never_lowers_the_rank(
        products in arb_products(),
        pick in any::<prop::sample::Index>(),
        which in 0usize..3,
        step in 1i64..150,
    ) {
        let engine = law_engine();
        let ranker = Ranker::new(&engine).unwrap();
        let before = ranker.rank_products(&products).unwrap();
        let k = pick.index(products.len());
        let mut improved = products.clone();
        let p = &mut improved[k];
        let (id, sign) = [("eff", 1i64), ("use", -1), ("zero", -1)][which];
        let old = match p.values.get(id) {
            Some(v) => v.to_string().parse::<rust_decimal::Decimal>().unwrap(),
            None => return Ok(()),
        };
        let new = old + rust_decimal::Decimal::new(sign * step, 2);
        *p = p.clone().with(id, &new.to_string()).unwrap();
        let after = ranker.rank_products(&improved).unwrap();
        let me = &products[k].id;
        match (before.rank_of(me), after.rank_of(me)) {
            (Some(b), Some(a)) => prop_assert!(a <= b, "rank {} → {}", b, a),
            (Some(_), None) => prop_assert!(false, "an improved product became unranked"),
            _ => {}
        }
        let score = |r: &duibiao::rank::Ranking| r.ranked.iter().find(|e| &e.id == me).map(|e| e.score.total);
        if let (Some(b), Some(a)) = (score(&before), score(&after)) {
            prop_assert!(a >= b);
        }
    }

    /// The leaders are a prefix of the ranking, the cut is respected (up to ties kept in), and
    /// ranks are dense and follow the order.
    #[test]
    fn leaders_are_a_prefix(products in arb_products(), c in arb_cut()) {
        let engine = law_engine();
        let r = Ranker::new(&engine).unwrap().leader_cut(c.clone()).unwrap().rank_products(&products).unwrap();
        let flags: Vec<bool> = r.ranked.iter().map(|e| e.leader).collect();
        prop_assert!(flags.windows(2).all(|w| w[0] || !w[1]), "{:?}", flags);
        prop_assert_eq!(flags.iter().filter(|f| **f).count(), r.leader_count);
        prop_assert_eq!(r.leaders().len(), r.leader_count);
        for w in r.ranked.windows(2) {
            let same = w[0].score.total == w[1].score.total && w[0].score.exceeding == w[1].score.exceeding;
            prop_assert!(w[0].score.total >= w[1].score.total);
            prop_assert_eq!(w[1].rank, if same { w[0].rank } else { w[0].rank + 1 });
            // A true tie is never split by the cut.
            if same { prop_assert_eq!(w[0].leader, w[1].leader); }
        }
        if let Some(first) = r.ranked.first() { prop_assert_eq!(first.rank, 1); }
        if let Some(min) = c.min_score {
            prop_assert!(r.leaders().iter().all(|e| e.score.total >= min));
        }
        if c.ties == TiesAtCut::AllOut {
            if let Some(top) = c.top {
                prop_assert!(r.leader_count <= top as usize);
            }
        }
    }
}

#[test]
fn enterprise_standards_rank_by_the_values_their_requirements_guarantee() {
    let root = env!("CARGO_MANIFEST_DIR");
    let plan = duibiao::Plan::from_toml_str(
        &std::fs::read_to_string(format!("{root}/examples/plans/smart-toilet.toml")).unwrap(),
    )
    .unwrap();
    let engine = plan.compile().unwrap();
    let file =
        std::fs::File::open(format!("{root}/examples/plans/smart-toilet.standards.csv")).unwrap();
    let verdicts: Vec<_> = engine
        .read_standards(file)
        .into_iter()
        .map(|r| {
            r.and_then(|(code, reqs)| engine.evaluate_standard(&code, &reqs))
                .unwrap()
        })
        .collect();
    // Q/DEF: ≤ 3.5 L is 0.5 L inside the level ≤ 4.0 L (beyond the 0.2 L tolerance): exceeds.
    let def = verdicts
        .iter()
        .find(|v| v.product == "Q/DEF 002-2023")
        .unwrap();
    let flush = &def.indicators[0];
    assert_eq!(flush.outcome.as_str(), "exceeds");
    assert_eq!(flush.margin.unwrap().value.to_string(), "0.5");
    // Q/JKL: ≤ 4.5 L is looser than the level: falls short by 0.5 L, a gap.
    let jkl = verdicts
        .iter()
        .find(|v| v.product == "Q/JKL 004-2022")
        .unwrap();
    assert_eq!(jkl.indicators[0].outcome.as_str(), "falls-short");
    assert_eq!(jkl.class, duibiao::Class::Gap);
    // 38 ± 2.5 °C against the level 38 ± 3 °C: the nearer end, 35.5 or 40.5, 0.5 °C inside.
    assert_eq!(def.indicators[2].margin.unwrap().value.to_string(), "0.5");
    let ranking = duibiao::rank::Ranker::new(&engine)
        .unwrap()
        .rank(&verdicts)
        .unwrap();
    assert_eq!(ranking.ranked[0].id, "Q/DEF 002-2023");
    assert_eq!(ranking.ineligible.len(), 2);
}

/// `Engine::standards` reads the standards one row at a time: the first rows of an endless file
/// come back (a reader that returned them all would never end), and a finite file gives the
/// rows `read_standards` gives, errors and all.
#[test]
fn standards_are_read_as_a_stream() {
    let root = env!("CARGO_MANIFEST_DIR");
    let plan = duibiao::Plan::from_toml_str(
        &std::fs::read_to_string(format!("{root}/examples/plans/smart-toilet.toml")).unwrap(),
    )
    .unwrap();
    let engine = plan.compile().unwrap();
    /// One line, again and again, forever.
    struct Endless {
        line: &'static [u8],
        at: usize,
    }
    impl std::io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            for b in buf.iter_mut() {
                *b = self.line[self.at];
                self.at = (self.at + 1) % self.line.len();
            }
            Ok(buf.len())
        }
    }
    use std::io::Read as _;
    let endless = "id,flush-water,standby-power\n".as_bytes().chain(Endless {
        line: "Q/ABC 001-2024,≤ 3.8 L,≤ 0.8 W\n".as_bytes(),
        at: 0,
    });
    let first: Vec<_> = engine.standards(endless).unwrap().take(3).collect();
    assert_eq!(first.len(), 3);
    for row in first {
        let (code, reqs) = row.unwrap();
        assert_eq!(code, "Q/ABC 001-2024");
        assert_eq!(reqs.len(), 2);
    }
    let text = "id,flush-water\nQ/A 1-2024,≤ 3.8 L\nQ/B 2-2024,≤ abc L\nQ/C 3-2024,≤ 4.2 L\n";
    let streamed: Vec<_> = engine
        .standards(text.as_bytes())
        .unwrap()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect();
    let whole: Vec<_> = engine
        .read_standards(text.as_bytes())
        .into_iter()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect();
    assert_eq!(streamed, whole);
    assert_eq!(streamed.len(), 3);
    assert!(
        streamed[1]
            .as_ref()
            .unwrap_err()
            .starts_with("standards: line 3: standard \"Q/B 2-2024\": "),
        "{streamed:?}"
    );
    assert_eq!(
        engine
            .standards("code,flush-water\n".as_bytes())
            .err()
            .unwrap()
            .to_string(),
        "standards: line 1: the first column must be \"id\""
    );
}

/// A verdict whose indicators are not in plan order is scored by id (each core indicator's
/// first verdict, one lookup each): the same score as the engine's own order, on the example
/// and on a wide plan of 3000 core indicators, reversed.
#[test]
fn a_reordered_verdict_scores_as_the_engines_own() {
    let engine_st = engine("smart-toilet");
    let ranker = Ranker::new(&engine_st).unwrap();
    for p in products("smart-toilet") {
        let verdict = engine_st.evaluate(&p).unwrap();
        let mut reversed = verdict.clone();
        reversed.indicators.reverse();
        assert_eq!(
            ranker.score(&reversed).unwrap(),
            ranker.score(&verdict).unwrap()
        );
    }
    let n = 3000;
    let mut text = String::from(
        "schema_version = 1\ncategory = { en = \"t\" }\nstandards = [{ code = \"GB/T 1-2000\", role = \"benchmark\" }]\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "[[indicators]]\nid = \"i{i}\"\ndirection = \"lower-is-better\"\nweight = \"{}\"\nrequirements = {{ \"GB/T 1-2000\" = \"≤ 10\" }}\ngrades = [{{ name = {{ en = \"1\" }}, limit = \"≤ 5\" }}, {{ name = {{ en = \"2\" }}, limit = \"≤ 10\" }}]\n",
            i % 7 + 1
        ));
    }
    let wide = Plan::from_toml_str(&text).unwrap().compile().unwrap();
    let ranker = Ranker::new(&wide).unwrap();
    let mut p = Product::new("P1");
    for i in 0..n {
        p = p.with(&format!("i{i}"), &format!("{}", i % 12)).unwrap();
    }
    let verdict = wide.evaluate(&p).unwrap();
    let mut reversed = verdict.clone();
    reversed.indicators.reverse();
    let score = ranker.score(&reversed).unwrap();
    assert_eq!(score, ranker.score(&verdict).unwrap());
    assert_eq!(score.parts.len(), n);
    assert_eq!(score.parts[0].id, "i0");
}
