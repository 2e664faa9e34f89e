//! `engine/*`: the verdict engine on a workload of the shared benchmark's shape (12 indicators
//! of `benches/workload/plan.toml`, values with 2–4 decimals, 3 % exactly on a limit),
//! generated here with a fixed seed. Every benchmark checks its result inside the loop.
//!
//! - `engine/class`: the class only, fast path (compare with the peers' 20–189 ns).
//! - `engine/evidence`: class plus each indicator's outcome, value and margin into a reused
//!   buffer (no allocation per indicator).
//! - `engine/exact_verdict`: the full verdict with every piece of evidence, exact path.
//! - `engine/batch`: a batch of 10,000 products (and on every core with `--features rayon`).
//! - `engine/scaling/*`: per-product time for 1, 4, 12, 48 indicators and 10³…10⁶ products.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use duibiao::engine::{Classifier, Prepared};
use duibiao::verdict::Class;
use duibiao::{Engine, Plan, Product};

const PLAN: &str = include_str!("workload/plan.toml");

/// xorshift64*: small, fixed, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The (leading, qualifying) limits of each workload indicator in its unit, in 1e-4 units, and
/// whether higher is better (`None`: target ± tolerance around 50 mm).
const LIMITS: [(i64, i64, Option<bool>); 12] = [
    (350_000, 200_000, Some(true)),
    (75_000, 50_000, Some(true)),
    (1_200_000, 900_000, Some(true)),
    (262_980_000, 200_000_000, Some(true)),
    (360_000, 240_000, Some(true)),
    (800_000, 650_000, Some(true)),
    (4_500_000, 3_500_000, Some(true)),
    (5_000_000, 3_500_000, Some(true)),
    (1_500_000, 2_000_000, Some(false)),
    (455_000, 600_000, Some(false)),
    (95_000, 120_000, Some(false)),
    (500, 2_000, None),
];

/// One value's text, drawn as `gen_data.py` draws: 4 % short, 36 % meeting, 60 % exceeding,
/// 3 % exactly on a limit.
fn value(rng: &mut Rng, k: usize) -> String {
    let (lead, base, dir) = LIMITS[k % 12];
    let frac = 2 + rng.below(3) as u32;
    let step = 10i64.pow(4 - frac);
    let v4 = if rng.below(100) < 3 {
        match dir {
            None => 500_000 + if rng.below(2) == 0 { lead } else { base },
            _ => {
                if rng.below(2) == 0 {
                    lead
                } else {
                    base
                }
            }
        }
    } else {
        let zone = rng.below(100);
        // Closed ranges in 1e-4 units for (short, meets, exceeds).
        let (lo, hi) = match dir {
            Some(true) => {
                let span = lead - base;
                if zone < 4 {
                    (base - span, base - 1)
                } else if zone < 40 {
                    (base, lead - 1)
                } else {
                    (lead, lead + span)
                }
            }
            Some(false) => {
                let span = base - lead;
                if zone < 4 {
                    (base + 1, base + span)
                } else if zone < 40 {
                    (lead + 1, base)
                } else {
                    (lead - span, lead)
                }
            }
            None => {
                let t = 500_000;
                if zone < 4 {
                    (t + base + 1, t + 2 * base)
                } else if zone < 40 {
                    (t + lead + 1, t + base)
                } else {
                    (t - lead, t + lead)
                }
            }
        };
        let first = (lo + step - 1).div_euclid(step);
        let last = hi.div_euclid(step);
        (first + rng.below((last - first + 1) as u64) as i64) * step
    };
    let k = v4 / step;
    let p = 10i64.pow(frac);
    format!("{}.{:0w$}", k / p, k % p, w = frac as usize)
}

fn plan(indicators: usize) -> Engine {
    // Replicate the 12 workload indicators under new ids to reach `indicators`.
    let base = Plan::from_toml_str(PLAN).unwrap();
    let mut plan = base.clone();
    plan.indicators.clear();
    for k in 0..indicators {
        let mut ind = base.indicators[k % 12].clone();
        ind.id = format!("{}-{k}", ind.id);
        plan.indicators.push(ind);
    }
    plan.policy.leader_min_exceeding = Some((indicators as u32 * 2).div_ceil(3));
    plan.compile().unwrap()
}

fn make_products(n: usize, indicators: usize, seed: u64) -> Vec<Product> {
    let mut rng = Rng(seed);
    let ids: Vec<String> = (0..indicators)
        .map(|k| {
            let base = [
                "recycled_content",
                "repairability_index",
                "luminous_efficacy",
                "rated_lifetime",
                "warranty",
                "recyclability",
                "tensile_strength",
                "battery_capacity",
                "annual_energy",
                "carbon_footprint",
                "water_use",
                "dimension",
            ];
            format!("{}-{k}", base[k % 12])
        })
        .collect();
    (0..n)
        .map(|i| {
            let mut p = Product::new(format!("P{i:07}"));
            for (k, id) in ids.iter().enumerate() {
                p = p.with(id, &value(&mut rng, k)).unwrap();
            }
            p
        })
        .collect()
}

fn prepare(fast: &Classifier, products: &[Product]) -> Vec<Prepared> {
    products
        .iter()
        .map(|p| fast.prepare(p).unwrap().unwrap())
        .collect()
}

fn leaders(classes: impl Iterator<Item = Class>) -> usize {
    classes.filter(|c| *c == Class::Leader).count()
}

fn engine(c: &mut Criterion) {
    let engine = plan(12);
    let fast = engine.classifier().unwrap();
    let products = make_products(10_000, 12, 20260501);
    let prepared = prepare(&fast, &products);
    let exact: Vec<Class> = products
        .iter()
        .map(|p| engine.evaluate(p).unwrap().class)
        .collect();
    let expected_leaders = leaders(exact.iter().copied());
    let classes: std::collections::BTreeMap<Class, usize> =
        exact.iter().fold(Default::default(), |mut m, c| {
            *m.entry(*c).or_default() += 1;
            m
        });
    eprintln!("workload classes: {classes:?}");
    assert!(
        classes.len() == 3,
        "the generated workload must hold every class"
    );

    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Elements(prepared.len() as u64));
    g.bench_function("class", |b| {
        b.iter(|| {
            let n = leaders(prepared.iter().map(|p| fast.class(black_box(p))));
            assert_eq!(n, expected_leaders);
            n
        })
    });
    let mut buffer = Vec::with_capacity(12);
    g.bench_function("evidence", |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &prepared {
                let class = fast.outcomes_into(black_box(p), &mut buffer);
                n += usize::from(class == Class::Leader);
                black_box(&buffer);
            }
            assert_eq!(n, expected_leaders);
            n
        })
    });
    let mut out = vec![Class::Gap; prepared.len()];
    g.bench_function("class_into", |b| {
        b.iter(|| {
            fast.class_into(black_box(&prepared), &mut out);
            assert_eq!(leaders(out.iter().copied()), expected_leaders);
        })
    });
    g.bench_function("batch", |b| {
        b.iter(|| {
            let classes = fast.class_batch(black_box(&prepared));
            assert_eq!(leaders(classes.iter().copied()), expected_leaders);
            classes
        })
    });
    #[cfg(feature = "rayon")]
    {
        // Large enough batches for two cores to pay off.
        let many: Vec<Prepared> = prepared.iter().cycle().take(200_000).cloned().collect();
        let expected_many = leaders(many.iter().map(|p| fast.class(p)));
        g.throughput(Throughput::Elements(many.len() as u64));
        g.bench_function("batch_200k", |b| {
            b.iter(|| {
                let classes = fast.class_batch(black_box(&many));
                assert_eq!(leaders(classes.iter().copied()), expected_many);
                classes
            })
        });
        g.bench_function("batch_200k_parallel", |b| {
            b.iter(|| {
                let classes = fast.class_batch_parallel(black_box(&many));
                assert_eq!(leaders(classes.iter().copied()), expected_many);
                classes
            })
        });
        g.throughput(Throughput::Elements(prepared.len() as u64));
    }
    let sample = &products[..1_000];
    let sample_leaders = leaders(exact[..1_000].iter().copied());
    g.throughput(Throughput::Elements(sample.len() as u64));
    g.bench_function("exact_verdict", |b| {
        b.iter(|| {
            let n = leaders(
                sample
                    .iter()
                    .map(|p| engine.evaluate(black_box(p)).unwrap().class),
            );
            assert_eq!(n, sample_leaders);
            n
        })
    });
    g.finish();

    let mut g = c.benchmark_group("engine/scaling/indicators");
    for n in [1usize, 4, 12, 48] {
        let engine = plan(n);
        let fast = engine.classifier().unwrap();
        let products = make_products(10_000, n, 7);
        let prepared = prepare(&fast, &products);
        let expected = leaders(products.iter().map(|p| engine.evaluate(p).unwrap().class));
        g.throughput(Throughput::Elements(prepared.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &prepared, |b, prepared| {
            b.iter(|| {
                let got = leaders(prepared.iter().map(|p| fast.class(black_box(p))));
                assert_eq!(got, expected);
                got
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("engine/scaling/products");
    g.sample_size(10);
    let big = make_products(100_000, 12, 11);
    let big_prepared = prepare(&fast, &big);
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        // 10⁶ products: the 10⁵ generated ones ten times over (memory stays modest).
        let batch: Vec<Prepared> = big_prepared.iter().cycle().take(n).cloned().collect();
        let expected = leaders(batch.iter().map(|p| fast.class(p)));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &batch, |b, batch| {
            b.iter(|| {
                let got = leaders(batch.iter().map(|p| fast.class(black_box(p))));
                assert_eq!(got, expected);
                got
            })
        });
    }
    g.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
