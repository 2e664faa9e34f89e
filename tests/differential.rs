//! The differential oracle: random plans (TOML text) and products, the fast path against the
//! exact path, and laws of the exact path (see `tests/oracle/mod.rs` for the generator, the
//! checks and the KNOWN feature switches).
//!
//! `cargo test --test differential` runs 2,000 plans; `DUIBIAO_ORACLE_PLANS=100000` runs more,
//! `DUIBIAO_ORACLE_SEED=N` replays the plan of seed N alone and prints it, and
//! `DUIBIAO_ORACLE_CLI_PLANS=N` sets the number of plans of the cross-command check (100).
//! A failure lists every distinct kind of disagreement with its count, the seed of its first
//! case and that case shrunk to a minimal plan and product.

mod common;

mod oracle;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use oracle::{Cell, Ctx, Disagreement, GenPlan, GenProduct, Rng};

const PRODUCTS_PER_PLAN: usize = 4;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// The first case of one kind of disagreement.
struct Found {
    count: usize,
    seed: u64,
    product: usize,
    plan: GenPlan,
    gp: GenProduct,
    detail: String,
}

/// The disagreements of one (plan, product) under a fixed twin seed, with the compiled context
/// (`None` when the plan is refused).
fn run_one(plan: &GenPlan, gp: &GenProduct, twin_seed: u64) -> Option<(Ctx, Vec<Disagreement>)> {
    let ctx = Ctx::new(plan, &mut Rng::new(twin_seed)).ok()?;
    let mut out = ctx.refused.clone();
    oracle::check_product(&ctx, gp, &mut Rng::new(twin_seed ^ 0x5555), &mut out);
    Some((ctx, out))
}

fn reproduces(plan: &GenPlan, gp: &GenProduct, kind: &str, twin_seed: u64) -> Option<Disagreement> {
    let (_, out) = run_one(plan, gp, twin_seed)?;
    out.into_iter().find(|d| d.kind == kind)
}

/// Every simplification of a case tried by the shrinker, smallest changes last.
fn candidates(plan: &GenPlan, gp: &GenProduct) -> Vec<(GenPlan, GenProduct)> {
    let mut out = Vec::new();
    let n = plan.indicators.len();
    // Remove an indicator (and the bands it chooses).
    if n > 1 {
        for k in 0..n {
            let mut p = plan.clone();
            let mut g = gp.clone();
            let id = p.indicators.remove(k).id;
            g.cells.remove(k);
            for ind in &mut p.indicators {
                if ind.bands.as_ref().is_some_and(|(by, _)| *by == id) {
                    ind.bands = None;
                }
            }
            out.push((p, g));
        }
    }
    // Remove a standard that no requirement names (indices shift).
    for s in 0..plan.standards.len() {
        if plan
            .indicators
            .iter()
            .any(|i| i.all_requirements().any(|(x, _)| *x == s))
        {
            continue;
        }
        let mut p = plan.clone();
        p.standards.remove(s);
        for ind in &mut p.indicators {
            for (x, _) in &mut ind.requirements {
                if *x > s {
                    *x -= 1;
                }
            }
            for b in ind.bands.iter_mut().flat_map(|(_, bs)| bs.iter_mut()) {
                for (x, _) in &mut b.requirements {
                    if *x > s {
                        *x -= 1;
                    }
                }
            }
        }
        out.push((p, gp.clone()));
    }
    let mut dropped = Vec::new();
    for k in 0..n {
        let ind = &plan.indicators[k];
        let mut with = |f: &dyn Fn(&mut oracle::GenInd, &mut Cell)| {
            let mut p = plan.clone();
            let mut g = gp.clone();
            f(&mut p.indicators[k], &mut g.cells[k]);
            out.push((p, g));
        };
        if let Some((_, bands)) = &ind.bands {
            let first = bands[0].grades.clone();
            with(&move |i, _| {
                i.bands = None;
                i.grades = first.clone();
            });
            if bands.len() > 1 {
                for b in 0..bands.len() {
                    with(&move |i, _| {
                        if let Some((_, bs)) = &mut i.bands {
                            bs.remove(b);
                        }
                    });
                }
            }
        }
        for g in 0..ind.grades.len() {
            with(&move |i, _| {
                i.grades.remove(g);
            });
        }
        if !ind.grades.is_empty() {
            with(&|i, _| i.grades.clear());
        }
        for r in 0..ind.requirements.len() {
            with(&move |i, _| {
                i.requirements.remove(r);
            });
        }
        // The same, with the standard when no other requirement names it.
        for r in 0..ind.requirements.len() {
            let s = ind.requirements[r].0;
            let others = plan
                .indicators
                .iter()
                .flat_map(|i| i.all_requirements())
                .filter(|(x, _)| *x == s)
                .count();
            if others == 1 {
                let mut p = plan.clone();
                p.indicators[k].requirements.remove(r);
                p.standards.remove(s);
                for i in &mut p.indicators {
                    for (x, _) in &mut i.requirements {
                        if *x > s {
                            *x -= 1;
                        }
                    }
                    for b in i.bands.iter_mut().flat_map(|(_, bs)| bs.iter_mut()) {
                        for (x, _) in &mut b.requirements {
                            if *x > s {
                                *x -= 1;
                            }
                        }
                    }
                }
                dropped.push((p, gp.clone()));
            }
        }
        if ind.tolerance.is_some() {
            with(&|i, _| i.tolerance = None);
        }
        if ind.rule.is_some() {
            with(&|i, c| {
                i.rule = None;
                if let Cell::Num { u, .. } = c {
                    *u = None;
                }
            });
        }
        if ind.interval.is_some() {
            with(&|i, _| i.interval = None);
        }
        if ind.weight.is_some() {
            with(&|i, _| i.weight = None);
        }
        if ind.class != "core" {
            with(&|i, _| i.class = "core");
        }
        if ind.rounded {
            with(&|i, _| {
                i.rounded = false;
                i.interval = None;
            });
        }
        match &gp.cells[k] {
            Cell::Num { u: Some(_), .. } => with(&|_, c| {
                if let Cell::Num { u, .. } = c {
                    *u = None;
                }
            }),
            Cell::Num { mark, .. } if !mark.is_empty() => with(&|_, c| {
                if let Cell::Num { mark, .. } = c {
                    *mark = "";
                }
            }),
            _ => {}
        }
        if let (
            Cell::Num {
                unit: Some(from), ..
            },
            Some(iu),
        ) = (&gp.cells[k], ind.unit)
        {
            let from = *from;
            let diff = ind.differences();
            with(&move |_, c| {
                if let Cell::Num { x, unit, u, .. } = c {
                    let exact =
                        oracle::conv_exact(*x, from, iu, diff).zip(u.map_or(Some(None), |u| {
                            oracle::conv_exact(u, from, iu, true).map(Some)
                        }));
                    if let Some((cx, cu)) = exact {
                        *x = cx;
                        *u = cu;
                        *unit = None;
                    }
                }
            });
        }
    }
    out.extend(dropped);
    if !gp.extra.is_empty() {
        let mut g = gp.clone();
        g.extra.clear();
        out.push((plan.clone(), g));
        if gp.extra.len() > 1 {
            let mut g = gp.clone();
            g.extra.truncate(1);
            out.push((plan.clone(), g));
        }
    }
    let pol = &plan.policy;
    if pol.is_set() {
        let mut p = plan.clone();
        p.policy = oracle::GenPolicy::default();
        out.push((p, gp.clone()));
    }
    if pol.tier.is_some() && pol.leave_out {
        let mut p = plan.clone();
        p.policy.leave_out = false;
        out.push((p, gp.clone()));
    }
    for s in 0..plan.standards.len() {
        if plan.standards[s].use_variant {
            let mut p = plan.clone();
            p.standards[s].use_variant = false;
            out.push((p, gp.clone()));
        }
    }
    out
}

/// Shrinks a case while the same kind of disagreement remains. Returns the twin seed under
/// which it reproduces, the minimal case and its disagreement.
fn shrink(f: &Found, kind: &str) -> Option<(u64, GenPlan, GenProduct, Disagreement)> {
    let twin_seed = (0..40u64)
        .map(|t| f.seed.wrapping_mul(1000).wrapping_add(t))
        .find(|&t| reproduces(&f.plan, &f.gp, kind, t).is_some())?;
    let (mut plan, mut gp) = (f.plan.clone(), f.gp.clone());
    let mut d = reproduces(&plan, &gp, kind, twin_seed)?;
    let mut tries = 0;
    'outer: loop {
        for (p, g) in candidates(&plan, &gp) {
            tries += 1;
            if tries > 600 {
                break 'outer;
            }
            if let Some(d2) = reproduces(&p, &g, kind, twin_seed) {
                plan = p;
                gp = g;
                d = d2;
                continue 'outer;
            }
        }
        break;
    }
    Some((twin_seed, plan, gp, d))
}

fn twin_text(ctx: &Ctx, kind: &str) -> Option<String> {
    if kind.starts_with("law order") {
        ctx.perm.as_ref().map(|c| c.toml.clone())
    } else if kind.starts_with("law code-spelling") {
        ctx.spelt.as_ref().map(|c| c.toml.clone())
    } else if kind.starts_with("law indicator-unit") {
        ctx.unit.as_ref().map(|(c, _)| c.toml.clone())
    } else if kind.starts_with("law rounded-on-grid") {
        ctx.full.as_ref().map(|c| c.toml.clone())
    } else {
        None
    }
}

fn report(found: &BTreeMap<String, Found>) -> String {
    let mut s = String::new();
    for (kind, f) in found {
        s.push_str(&format!(
            "\n=== {kind}\n{} case(s); first: seed {} (DUIBIAO_ORACLE_SEED={}), product {}\n",
            f.count, f.seed, f.seed, f.product
        ));
        match shrink(f, kind) {
            Some((twin_seed, plan, gp, d)) => {
                s.push_str(&format!(
                    "minimal case (twin seed {twin_seed}): {}\n--- plan.toml\n{}--- products.csv\n{}\n{}\n",
                    d.detail,
                    plan.to_toml(),
                    gp.header(&plan),
                    gp.row()
                ));
                if let Some((ctx, _)) = run_one(&plan, &gp, twin_seed) {
                    if let Some(t) = twin_text(&ctx, kind) {
                        s.push_str(&format!("--- twin plan\n{t}"));
                    }
                }
            }
            None => s.push_str(&format!(
                "(does not reproduce alone) {}\n--- plan.toml\n{}--- products.csv\n{}\n{}\n",
                f.detail,
                f.plan.to_toml(),
                f.gp.header(&f.plan),
                f.gp.row()
            )),
        }
    }
    s
}

/// What a run over some seeds found.
#[derive(Default)]
struct Run {
    found: BTreeMap<String, Found>,
    skipped: usize,
    judged: usize,
    fast_plans: usize,
    skip_reasons: Vec<String>,
}

impl Run {
    fn merge(&mut self, other: Run) {
        self.skipped += other.skipped;
        self.judged += other.judged;
        self.fast_plans += other.fast_plans;
        self.skip_reasons.extend(other.skip_reasons);
        for (kind, f) in other.found {
            match self.found.get_mut(&kind) {
                Some(mine) => {
                    mine.count += f.count;
                    if (f.seed, f.product) < (mine.seed, mine.product) {
                        let count = mine.count;
                        *mine = Found { count, ..f };
                    }
                }
                None => {
                    self.found.insert(kind, f);
                }
            }
        }
    }
}

fn run_seeds(seeds: impl Iterator<Item = u64>, verbose: bool) -> Run {
    let mut run = Run::default();
    for seed in seeds {
        let mut rng = Rng::new(seed);
        let plan = oracle::gen_plan(&mut rng);
        let ctx = match Ctx::new(&plan, &mut rng) {
            Ok(c) => c,
            Err(e) => {
                run.skipped += 1;
                if run.skip_reasons.len() < 20 {
                    run.skip_reasons
                        .push(format!("seed {seed}: {e}\n{}", plan.to_toml()));
                }
                continue;
            }
        };
        if verbose {
            println!("seed {seed}\n{}", ctx.main.toml);
        }
        run.fast_plans += usize::from(ctx.main.fast.is_some());
        let products = oracle::gen_products(&mut rng, &plan, PRODUCTS_PER_PLAN);
        for (pi, gp) in products.iter().enumerate() {
            if verbose {
                println!("{}\n{}", gp.header(&plan), gp.row());
            }
            run.judged += 1;
            let mut out = if pi == 0 {
                ctx.refused.clone()
            } else {
                Vec::new()
            };
            oracle::check_product(&ctx, gp, &mut rng, &mut out);
            for d in out {
                if verbose {
                    println!("  {}: {}", d.kind, d.detail);
                }
                run.found
                    .entry(d.kind)
                    .and_modify(|f| f.count += 1)
                    .or_insert(Found {
                        count: 1,
                        seed,
                        product: pi,
                        plan: plan.clone(),
                        gp: gp.clone(),
                        detail: d.detail,
                    });
            }
        }
    }
    run
}

#[test]
fn fast_path_and_laws_agree_with_the_exact_path() {
    let started = Instant::now();
    let replay = std::env::var("DUIBIAO_ORACLE_SEED")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok());
    let plans = match replay {
        Some(_) => 1,
        None => env_usize("DUIBIAO_ORACLE_PLANS", 2000) as u64,
    };
    let run = match replay {
        Some(seed) => run_seeds(std::iter::once(seed), true),
        None => {
            // Seeds dealt round-robin to one worker per core.
            let workers = std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(8) as u64;
            let mut total = Run::default();
            let runs: Vec<Run> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..workers)
                    .map(|w| {
                        s.spawn(move || run_seeds((w..plans).step_by(workers as usize), false))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("a worker of the oracle panicked"))
                    .collect()
            });
            for r in runs {
                total.merge(r);
            }
            total
        }
    };
    let searched = started.elapsed();
    let plans = plans as usize;
    println!(
        "{plans} plans ({} refused by the plan check, {} on the fast path), {} products, {} kinds of disagreement, {searched:.2?}",
        run.skipped,
        run.fast_plans,
        run.judged,
        run.found.len(),
    );
    let skips = Path::new(env!("CARGO_TARGET_TMPDIR")).join("differential-refused.txt");
    let _ = std::fs::write(&skips, run.skip_reasons.join("\n"));
    assert!(
        run.skipped * 10 <= plans,
        "{} of {plans} generated plans were refused (more than 10 %); first ones:\n{}",
        run.skipped,
        run.skip_reasons.join("\n")
    );
    if !run.found.is_empty() {
        let text = report(&run.found);
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("differential-report.txt");
        let _ = std::fs::write(&path, &text);
        let summary: Vec<String> = run
            .found
            .iter()
            .map(|(k, f)| format!("  {:>6} × {k} (first: seed {})", f.count, f.seed))
            .collect();
        panic!(
            "{} kinds of disagreement in {plans} plans ({:.2?}, shrinking {:.2?}):\n{}\n\ndetails (also in {}):{text}",
            run.found.len(),
            searched,
            started.elapsed() - searched,
            summary.join("\n"),
            path.display()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The same classes from every command of the built binary.
// ---------------------------------------------------------------------------------------------

fn run(args: &[&str]) -> Result<String, String> {
    let out = common::duibiao()
        .args(args)
        .output()
        .map_err(|e| format!("{args:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{args:?}: exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

type Classes = BTreeMap<String, String>;

/// A command: its name, its arguments and the reader of its output.
type Cmd<'a> = (&'a str, Vec<&'a str>, fn(&str) -> Classes);

fn classes_csv(text: &str) -> Classes {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    r.records()
        .filter_map(Result::ok)
        .map(|rec| {
            (
                rec.get(0).unwrap_or("").to_string(),
                rec.get(1).unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn classes_table(text: &str) -> Classes {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.contains(" · "))
        .map(|l| {
            let mut w = l.split_whitespace();
            (
                w.next().unwrap_or("").to_string(),
                w.next().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn classes_md(text: &str) -> Classes {
    text.lines()
        .skip(2)
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].to_string(), cells[2].to_string())
        })
        .collect()
}

fn classes_json_verdicts(text: &str) -> Classes {
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    v.as_array()
        .into_iter()
        .flatten()
        .map(|x| {
            (
                x["product"].as_str().unwrap_or("error").to_string(),
                x["class"].as_str().unwrap_or("error").to_string(),
            )
        })
        .collect()
}

fn classes_rank(text: &str) -> Classes {
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    ["ranked", "ineligible"]
        .iter()
        .flat_map(|k| v[*k].as_array().cloned().unwrap_or_default())
        .map(|x| {
            (
                x["id"].as_str().unwrap_or("").to_string(),
                x["class"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn classes_report(text: &str) -> Classes {
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    v["products"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| {
            (
                x["id"].as_str().unwrap_or("").to_string(),
                x["class"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn every_command_gives_every_product_the_same_class() {
    let started = Instant::now();
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("oracle-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let mut problems: Vec<String> = Vec::new();
    let mut plans = 0;
    let mut seed = 1_000_000u64;
    while plans < env_usize("DUIBIAO_ORACLE_CLI_PLANS", 100) && seed < 1_010_000 {
        seed += 1;
        let mut rng = Rng::new(seed);
        let plan = oracle::gen_plan(&mut rng);
        let Ok(c) = oracle::compile(&plan) else {
            continue;
        };
        plans += 1;
        // Most rows plain, so that the command line's fast path reads them.
        let mut products = oracle::gen_products(&mut rng, &plan, 8);
        // Values at the edge of a decimal make a row an error (exit 1); this test compares
        // the commands' classes, so it leaves them to the in-process oracle.
        products.retain(|gp| !gp.at_edge());
        for (k, gp) in products.iter_mut().enumerate() {
            gp.extra.clear();
            if k % 3 != 0 {
                *gp = gp.plain(&plan);
            }
        }
        let mut expected = Classes::new();
        for gp in &products {
            let class = gp
                .product(&plan)
                .map_err(|e| e.to_string())
                .and_then(|p| c.engine.evaluate(&p).map_err(|e| e.to_string()))
                .map(|v| v.class.to_string())
                .unwrap_or_else(|_| "error".into());
            expected.insert(gp.id.clone(), class);
        }
        let plan_path = dir.join(format!("plan-{seed}.toml"));
        let csv_path = dir.join(format!("products-{seed}.csv"));
        let order: Vec<usize> = (0..plan.indicators.len()).collect();
        let mut csv = String::new();
        for (k, gp) in products.iter().enumerate() {
            let text = gp.csv(&plan, &order, false);
            let mut lines = text.lines();
            let header = lines.next().unwrap_or_default();
            if k == 0 {
                csv.push_str(header);
                csv.push('\n');
            }
            csv.push_str(lines.next().unwrap_or_default());
            csv.push('\n');
        }
        std::fs::write(&plan_path, &c.toml).expect("write the plan");
        std::fs::write(&csv_path, &csv).expect("write the products");
        let (p, q) = (
            plan_path.to_str().unwrap_or(""),
            csv_path.to_str().unwrap_or(""),
        );
        let commands: Vec<Cmd> = vec![
            (
                "evaluate --format csv",
                vec!["evaluate", p, "--products", q, "--format", "csv"],
                classes_csv,
            ),
            (
                "evaluate --format table",
                vec!["evaluate", p, "--products", q, "--format", "table"],
                classes_table,
            ),
            (
                "evaluate --format json",
                vec!["evaluate", p, "--products", q, "--format", "json"],
                classes_json_verdicts,
            ),
            (
                "evaluate --format md",
                vec!["evaluate", p, "--products", q, "--format", "md"],
                classes_md,
            ),
            (
                "evaluate --exact --format csv",
                vec!["evaluate", p, "--products", q, "--format", "csv", "--exact"],
                classes_csv,
            ),
            (
                "evaluate --exact --format table",
                vec![
                    "evaluate",
                    p,
                    "--products",
                    q,
                    "--format",
                    "table",
                    "--exact",
                ],
                classes_table,
            ),
            (
                "rank --format json",
                vec!["rank", p, "--products", q, "--format", "json"],
                classes_rank,
            ),
            (
                "report --format json",
                vec!["report", p, "--products", q, "--format", "json"],
                classes_report,
            ),
        ];
        for (name, args, parse) in commands {
            match run(&args) {
                Ok(text) => {
                    let got = parse(&text);
                    // A product the library refuses is an error row (no id) or left out.
                    let differs = |id: &String, cl: &String| match got.get(id) {
                        Some(g) => g != cl,
                        None => cl != "error",
                    };
                    if expected.iter().any(|(id, cl)| differs(id, cl)) {
                        let diffs: Vec<String> = expected
                            .iter()
                            .filter(|(id, cl)| differs(id, cl))
                            .map(|(id, cl)| {
                                let row = products
                                    .iter()
                                    .find(|g| &g.id == id)
                                    .map(|g| g.row())
                                    .unwrap_or_default();
                                format!("{id}: library {cl}, {name} {:?} (row {row})", got.get(id))
                            })
                            .collect();
                        problems.push(format!(
                            "seed {seed}: {name}: {}\n--- plan\n{}--- products\n{csv}",
                            diffs.join("; "),
                            c.toml
                        ));
                    }
                }
                Err(e) => problems.push(format!("seed {seed}: {name}: {e}")),
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "{plans} plans through the binary, {:.2?}",
        started.elapsed()
    );
    assert!(plans > 0, "no plan was generated");
    assert!(
        problems.is_empty(),
        "{} disagreements between commands:\n{}",
        problems.len(),
        problems
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
