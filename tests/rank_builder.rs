//! Ranking and reporting one verdict at a time (`RankBuilder`, `ReportBuilder`) give what the
//! slice APIs give (`Ranker::rank`, `Report::new`): the same classes, ranks, scores and
//! leaders, and the same bytes in every format, on the example plans and on random plans of
//! the differential oracle. And what they hold per product is bounded, as `docs/ranking.md`
//! ("Memory") states: no verdict, a few dozen bytes and 32 bytes per indicator.

mod common;

mod oracle;

use duibiao::rank::{LeaderCut, RankBuilder, Ranker, TiesAtCut};
use duibiao::report::{self, Format, Lang, Report, ReportBuilder};
use duibiao::{product, Engine, Plan, Verdict};

const EXAMPLES: [&str; 3] = [
    "smart-toilet",
    "room-air-conditioner",
    "steel-and-caustic-soda",
];

fn root(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> (Plan, Engine, Vec<Verdict>) {
    let plan = Plan::from_toml_str(
        &std::fs::read_to_string(root(&format!("examples/plans/{name}.toml"))).unwrap(),
    )
    .unwrap();
    let engine = plan.compile().unwrap();
    let file = std::fs::File::open(root(&format!("examples/plans/{name}.products.csv"))).unwrap();
    let verdicts = product::read_csv(file)
        .map(|p| engine.evaluate(&p.unwrap()).unwrap())
        .collect();
    (plan, engine, verdicts)
}

const FORMATS: [Format; 4] = [Format::Table, Format::Json, Format::Csv, Format::Md];

/// The builder's ranking and report against the slice APIs': equal models, equal bytes.
fn assert_same(plan: &Plan, ranker: &Ranker, verdicts: &[Verdict], what: &str) {
    let engine = ranker.engine();
    let whole = ranker.rank(verdicts);
    let mut b: RankBuilder = ranker.builder();
    let pushed = verdicts.iter().try_for_each(|v| b.push(v));
    let streamed = pushed.and_then(|()| b.finish());
    let (whole, streamed) = match (whole, streamed) {
        (Ok(w), Ok(s)) => (w, s),
        (Err(w), Err(s)) => {
            assert_eq!(w.to_string(), s.to_string(), "{what}: the errors differ");
            return;
        }
        (w, s) => panic!("{what}: slice {:?}, builder {:?}", w.err(), s.err()),
    };
    assert_eq!(streamed.to_ranking(), whole, "{what}");
    assert_eq!(streamed.ranked_len(), whole.ranked.len());
    assert_eq!(streamed.ineligible_len(), whole.ineligible.len());
    assert_eq!(streamed.leader_count(), whole.leader_count);
    for format in FORMATS {
        let mut out = Vec::new();
        report::write_ranking(&streamed, format, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            report::ranking(&whole, format),
            "{what}: {format:?}"
        );
    }
    assert_eq!(
        serde_json::to_string_pretty(&streamed).unwrap(),
        serde_json::to_string_pretty(&whole).unwrap()
    );

    let slice = Report::new(engine.category(), verdicts, Some(&whole)).with_names(plan);
    let mut rb = ReportBuilder::new(engine.category()).ranked_by(ranker);
    for v in verdicts {
        rb.push(v).unwrap();
    }
    let built = rb.finish().unwrap().with_names(plan);
    assert_eq!(built.to_report(), slice, "{what}");
    assert_eq!(built.summary(), &slice.summary);
    let mut json = Vec::new();
    built.write_json(&mut json).unwrap();
    assert_eq!(
        String::from_utf8(json).unwrap(),
        slice.to_json().unwrap(),
        "{what}"
    );
    for lang in [Lang::Zh, Lang::En, Lang::Both] {
        let mut md = Vec::new();
        built.write_markdown(lang, &mut md).unwrap();
        assert_eq!(
            String::from_utf8(md).unwrap(),
            slice.to_markdown(lang),
            "{what}"
        );
        let mut csv = Vec::new();
        built.write_csv(lang, &mut csv).unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            slice.to_csv(lang),
            "{what}"
        );
    }

    // Without a ranking too.
    let slice = Report::new(engine.category(), verdicts, None);
    let mut rb = ReportBuilder::new(engine.category());
    for v in verdicts {
        rb.push(v).unwrap();
    }
    let built = rb.finish().unwrap();
    assert!(built.ranking().is_none());
    assert_eq!(built.to_report(), slice, "{what}, unranked");
    let mut json = Vec::new();
    built.write_json(&mut json).unwrap();
    assert_eq!(String::from_utf8(json).unwrap(), slice.to_json().unwrap());
}

fn cuts() -> Vec<LeaderCut> {
    let d = |s: &str| Some(s.parse().unwrap());
    vec![
        LeaderCut::default(),
        LeaderCut {
            top: Some(1),
            ..LeaderCut::default()
        },
        LeaderCut {
            share: d("0.5"),
            ties: TiesAtCut::AllIn,
            ..LeaderCut::default()
        },
        LeaderCut {
            min_score: d("120"),
            ..LeaderCut::default()
        },
    ]
}

#[test]
fn builders_equal_the_slice_apis_on_the_examples() {
    for name in EXAMPLES {
        let (plan, engine, verdicts) = example(name);
        for cut in cuts() {
            let ranker = Ranker::new(&engine)
                .unwrap()
                .leader_cut(cut.clone())
                .unwrap();
            assert_same(&plan, &ranker, &verdicts, &format!("{name} {cut:?}"));
        }
        // Reversed input: the same ranking, the report in the new order.
        let ranker = Ranker::new(&engine).unwrap();
        let reversed: Vec<Verdict> = verdicts.iter().rev().cloned().collect();
        assert_same(&plan, &ranker, &reversed, &format!("{name} reversed"));
        // Verdicts built or changed in code: indicators out of plan order, an id no plan
        // knows, a missing indicator. Found by search and held by name, as the slice APIs do.
        let mut changed = verdicts.clone();
        for (k, v) in changed.iter_mut().enumerate() {
            match k % 3 {
                0 => v.indicators.reverse(),
                1 => v.indicators[0].id = format!("renamed-{}", k % 2),
                _ => {
                    v.indicators.pop();
                }
            }
        }
        assert_same(&plan, &ranker, &changed, &format!("{name} changed"));
    }
}

#[test]
fn the_builders_report_is_the_committed_snapshot() {
    // tests/snapshots.rs pins Report::new; the builder writes the same files.
    let (plan, engine, verdicts) = example("smart-toilet");
    let ranker = Ranker::new(&engine).unwrap();
    let mut rb = ReportBuilder::new(engine.category()).ranked_by(&ranker);
    for v in &verdicts {
        rb.push(v).unwrap();
    }
    let built = rb
        .finish()
        .unwrap()
        .with_names(&plan)
        .with_plan(&engine)
        .unwrap()
        .dated("2026-12-01");
    let mut md = Vec::new();
    built.write_markdown(Lang::Both, &mut md).unwrap();
    let snapshot = std::fs::read_to_string(root("tests/snapshots/smart-toilet.md")).unwrap();
    assert_eq!(String::from_utf8(md).unwrap(), snapshot);
    let mut json = Vec::new();
    built.write_json(&mut json).unwrap();
    let snapshot = std::fs::read_to_string(root("tests/snapshots/smart-toilet.json")).unwrap();
    assert_eq!(String::from_utf8(json).unwrap(), snapshot);
}

#[test]
fn duplicate_ids_are_refused_by_both_with_the_same_message() {
    let (plan, engine, mut verdicts) = example("smart-toilet");
    verdicts.push(verdicts[3].clone());
    let ranker = Ranker::new(&engine).unwrap();
    assert_same(&plan, &ranker, &verdicts, "duplicate");
    let mut b = ranker.builder();
    for v in &verdicts {
        b.push(v).unwrap();
    }
    let e = b.finish().unwrap_err().to_string();
    assert_eq!(
        e,
        format!(
            "ranking \"{}\": two entries carry this id; ids must be unique to rank",
            verdicts[3].product
        )
    );
}

#[test]
fn builders_equal_the_slice_apis_on_random_plans() {
    let plans: u64 = std::env::var("DUIBIAO_RANK_BUILDER_PLANS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let mut compared = 0;
    for seed in 0..plans {
        let mut rng = oracle::Rng::new(seed.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let gen = oracle::gen_plan(&mut rng);
        let Ok(compiled) = oracle::compile(&gen) else {
            continue;
        };
        let plan = Plan::from_toml_str(&compiled.toml).unwrap();
        let engine = &compiled.engine;
        let Ok(ranker) = Ranker::new(engine) else {
            continue;
        };
        let mut verdicts: Vec<Verdict> = oracle::gen_products(&mut rng, &gen, 12)
            .iter()
            .filter_map(|g| g.product(&gen).ok())
            .filter_map(|p| engine.evaluate(&p).ok())
            .collect();
        if rng.chance(10) && !verdicts.is_empty() {
            let k = rng.below(verdicts.len() as u64) as usize;
            verdicts.push(verdicts[k].clone());
        }
        assert_same(&plan, &ranker, &verdicts, &format!("seed {seed}"));
        compared += 1;
    }
    assert!(compared >= plans / 4, "only {compared} plans compared");
}

/// The shared workload's plan (12 core indicators) and its 2,000-product sample.
fn workload() -> (Engine, Vec<Verdict>) {
    let plan =
        Plan::from_toml_str(&std::fs::read_to_string(root("benches/workload/plan.toml")).unwrap())
            .unwrap();
    let engine = plan.compile().unwrap();
    let file = std::fs::File::open(root("tests/data/workload-2000.csv")).unwrap();
    let verdicts = product::read_csv(file)
        .map(|p| engine.evaluate(&p.unwrap()).unwrap())
        .collect();
    (engine, verdicts)
}

#[test]
fn what_the_builders_hold_per_product_is_bounded() {
    let (engine, verdicts) = workload();
    let n = verdicts.len();
    let ranker = Ranker::new(&engine).unwrap();
    let core = 12;
    let mut rb = ReportBuilder::new(engine.category()).ranked_by(&ranker);
    let mut verdict_bytes = 0;
    for v in &verdicts {
        rb.push(v).unwrap();
        verdict_bytes += serde_json::to_string(v).unwrap().len();
    }
    // While building, the tables grow by doubling: at most twice what they end with.
    let building = rb.bytes_held();
    let report = rb.finish().unwrap();
    assert!(
        building <= 2 * report.bytes_held() + 2 * 1024 * 1024,
        "{building}"
    );
    let ranking = report.ranking().unwrap();
    let ranked = ranking.ranked_len();
    assert!(
        ranked > n / 10 && ranking.ineligible_len() > n / 10,
        "{ranked}"
    );
    let reasons: usize = ranking.ineligible().map(|i| i.reasons.len()).sum();
    // docs/ranking.md: 56 bytes and the id per product, 32 per core indicator of a ranked
    // one, 8 per reason of an ineligible one.
    let id = 7;
    let bound = n * (56 + id) + ranked * 32 * core + reasons * 8;
    let held = ranking.bytes_held();
    assert!(
        held <= bound,
        "ranking holds {held} bytes, more than {bound}"
    );
    assert!(
        held >= bound * 9 / 10,
        "ranking holds {held} bytes, the bound is {bound}"
    );
    // docs/ranking.md: a report adds 40 bytes, the id, 4 bytes per deciding indicator and 32
    // per indicator with its value's text.
    let decided: usize = verdicts.iter().map(|v| v.decided_by.len()).sum();
    let values: usize = verdicts
        .iter()
        .flat_map(|v| &v.indicators)
        .map(|i| i.value.as_ref().map_or(0, String::len))
        .sum();
    let gap_shares: usize = report
        .summary()
        .gap_causes
        .iter()
        .map(|c| c.falls_short)
        .sum();
    let rows_bound = n * (40 + id) + decided * 4 + n * core * 32 + values + gap_shares * 8;
    let all = report.bytes_held();
    assert!(
        all <= bound + rows_bound,
        "report holds {all} bytes, more than {}",
        bound + rows_bound
    );
    println!(
        "{n} products: ranking {} bytes per product, report {} (building {}), verdict JSON {}",
        held / n,
        all / n,
        building / n,
        verdict_bytes / n
    );
    // About 1 KB per product, where the verdicts themselves would be several times that.
    assert!(all / n <= 1024, "{} bytes per product", all / n);
    assert!(
        all * 4 < verdict_bytes,
        "{all} bytes held for {verdict_bytes} bytes of verdict JSON"
    );
}

fn duibiao(args: &[&str], stdout: std::process::Stdio) -> std::process::Output {
    common::duibiao()
        .args(args)
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
        .wait_with_output()
        .unwrap()
}

/// The command line streams through the builders and prints what the slice APIs print.
#[test]
fn the_command_line_prints_the_committed_report_and_ranking() {
    let plan = root("examples/plans/smart-toilet.toml");
    let products = root("examples/plans/smart-toilet.products.csv");
    let piped = || std::process::Stdio::piped();
    for (format, snapshot) in [("md", "smart-toilet.md"), ("json", "smart-toilet.json")] {
        let out = duibiao(
            // The snapshots' date: without --date the report is dated today.
            &[
                "report",
                &plan,
                "--products",
                &products,
                "--format",
                format,
                "--date",
                "2026-12-01",
            ],
            piped(),
        );
        assert_eq!(out.status.code(), Some(0));
        let expected = std::fs::read_to_string(root(&format!("tests/snapshots/{snapshot}")));
        assert_eq!(String::from_utf8(out.stdout).unwrap(), expected.unwrap());
    }
    let (_, engine, verdicts) = example("smart-toilet");
    let ranking = Ranker::new(&engine).unwrap().rank(&verdicts).unwrap();
    for (name, format) in [
        ("table", Format::Table),
        ("json", Format::Json),
        ("csv", Format::Csv),
        ("md", Format::Md),
    ] {
        let out = duibiao(
            &["rank", &plan, "--products", &products, "--format", name],
            piped(),
        );
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            report::ranking(&ranking, format)
        );
    }
}

/// Output that cannot be written (a full disk, a closed pipe) is an error message and exit
/// status 1, as for `evaluate`, never a panic.
#[test]
fn a_failed_write_is_an_error_not_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // Not on Linux.
    };
    let plan = root("examples/plans/smart-toilet.toml");
    let products = root("examples/plans/smart-toilet.products.csv");
    for (command, what) in [("rank", "the ranking"), ("report", "the report")] {
        let out = duibiao(
            &[command, &plan, "--products", &products],
            full.try_clone().unwrap().into(),
        );
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!("error: writing {what}: No space left on device (os error 28)\n")
        );
    }
}
