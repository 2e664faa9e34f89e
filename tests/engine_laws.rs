//! The laws of the verdict engine, over random plans and products: monotonicity, unit
//! invariance, order invariance, determinism, and strictness as a partial order.

use duibiao::limit::{Limit, Strictness};
use duibiao::verdict::{Class, Outcome};
use duibiao::{Plan, Product};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[derive(Clone, Debug)]
struct Ind {
    higher: bool,
    unit: (&'static str, &'static str, i64), // (unit, same kind smaller unit, factor)
    limits: Vec<i64>,                        // one per benchmark, in hundredths
    grades: Option<Vec<i64>>,                // best first, in hundredths
    core: bool,
    weight: u8,
    rounded: bool,
    tolerance: Option<i64>,
}

const UNITS: [(&str, &str, i64); 4] = [
    ("L", "mL", 1000),
    ("m", "mm", 1000),
    ("kW", "W", 1000),
    ("MPa", "kPa", 1000),
];

fn ind() -> impl Strategy<Value = Ind> {
    (
        any::<bool>(),
        prop::sample::select(UNITS.to_vec()),
        prop::collection::vec(100i64..10_000, 1..=3),
        prop::option::of(prop::collection::vec(1i64..2_000, 2..=3)),
        any::<bool>(),
        1u8..=3,
        any::<bool>(),
        prop::option::of(0i64..300),
    )
        .prop_map(
            |(higher, unit, limits, steps, core, weight, rounded, tolerance)| {
                // Grades nested around the first limit: best first.
                let grades = steps.map(|steps| {
                    let mut g = Vec::new();
                    let mut at = limits[0] + if higher { 1000 } else { -1000 };
                    for s in steps {
                        g.push(at);
                        at += if higher { -s } else { s };
                    }
                    g
                });
                Ind {
                    higher,
                    unit,
                    limits,
                    grades,
                    core,
                    weight,
                    rounded,
                    tolerance,
                }
            },
        )
}

fn hundredths(v: i64) -> Decimal {
    Decimal::new(v, 2)
}

fn code(b: usize) -> String {
    format!("T/B{} {:03}-2024", ["A", "B", "C", "D"][b], b + 1)
}

fn plan_text(inds: &[Ind], standards_reversed: bool) -> String {
    let max_b = inds.iter().map(|i| i.limits.len()).max().unwrap_or(1);
    let mut s = String::from("schema_version = 1\ncategory = { en = \"random\" }\n");
    let mut codes: Vec<String> = (0..max_b).map(code).collect();
    if standards_reversed {
        codes.reverse();
    }
    for c in &codes {
        s += &format!("[[standards]]\ncode = \"{c}\"\nrole = \"benchmark\"\n");
    }
    for (k, i) in inds.iter().enumerate() {
        let op = if i.higher { "≥" } else { "≤" };
        s += &format!(
            "[[indicators]]\nid = \"i{k}\"\nunit = \"{}\"\ndirection = \"{}\"\nclass = \"{}\"\nweight = \"{}\"\njudgement = \"{}\"\n",
            i.unit.0,
            if i.higher { "higher-is-better" } else { "lower-is-better" },
            if i.core { "core" } else { "basic" },
            i.weight,
            if i.rounded { "rounded-value" } else { "full-value" },
        );
        if let Some(t) = i.tolerance {
            s += &format!("tolerance = \"{}\"\n", hundredths(t));
        }
        let reqs: Vec<String> = i
            .limits
            .iter()
            .enumerate()
            .map(|(b, l)| format!("\"{}\" = \"{op} {} {}\"", code(b), hundredths(*l), i.unit.0))
            .collect();
        s += &format!("requirements = {{ {} }}\n", reqs.join(", "));
        if let Some(g) = &i.grades {
            let gs: Vec<String> = g
                .iter()
                .enumerate()
                .map(|(n, l)| {
                    format!(
                        "{{ name = {{ en = \"g{n}\" }}, limit = \"{op} {} {}\" }}",
                        hundredths(*l),
                        i.unit.0
                    )
                })
                .collect();
            s += &format!("grades = [{}]\n", gs.join(", "));
        }
    }
    s
}

/// Every generated plan is valid: compiling must succeed (no case is skipped).
fn compile(inds: &[Ind]) -> Option<duibiao::Engine> {
    let plan = Plan::from_toml_str(&plan_text(inds, false)).unwrap();
    Some(plan.compile().unwrap())
}

fn product(id: &str, inds: &[Ind], values: &[Option<i64>], small_units: bool) -> Product {
    let mut p = Product::new(id);
    for (k, (i, v)) in inds.iter().zip(values).enumerate() {
        if let Some(v) = v {
            let text = if small_units {
                format!("{} {}", hundredths(*v) * Decimal::from(i.unit.2), i.unit.1)
            } else {
                format!("{} {}", hundredths(*v), i.unit.0)
            };
            p = p.with(&format!("i{k}"), &text).unwrap();
        }
    }
    p
}

fn rank(o: Outcome) -> i32 {
    match o {
        Outcome::FallsShort => 0,
        Outcome::Meets => 1,
        Outcome::Exceeds => 2,
        _ => -1,
    }
}

fn case() -> impl Strategy<Value = (Vec<Ind>, Vec<Option<i64>>)> {
    // A plan without a core indicator can make no leader and is refused: one is core at least.
    prop::collection::vec(ind(), 1..=4)
        .prop_map(|mut inds| {
            if !inds.iter().any(|i| i.core) {
                inds[0].core = true;
            }
            inds
        })
        .prop_flat_map(|inds| {
            let n = inds.len();
            (
                Just(inds),
                prop::collection::vec(prop::option::weighted(0.9, -1_000i64..12_000), n),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn improving_a_value_never_worsens_outcome_or_class(
        (inds, values) in case(), which in any::<prop::sample::Index>(), step in 1i64..3_000,
    ) {
        let Some(engine) = compile(&inds) else { return Ok(()) };
        let k = which.index(inds.len());
        let Some(v) = values[k] else { return Ok(()) };
        let mut better = values.clone();
        better[k] = Some(if inds[k].higher { v + step } else { v - step });
        let before = engine.evaluate(&product("p", &inds, &values, false)).unwrap();
        let after = engine.evaluate(&product("p", &inds, &better, false)).unwrap();
        prop_assert!(rank(after.indicators[k].outcome) >= rank(before.indicators[k].outcome),
            "{:?} -> {:?}", before.indicators[k], after.indicators[k]);
        prop_assert!(after.class >= before.class, "{:?} -> {:?}", before.class, after.class);
    }

    #[test]
    fn the_same_values_in_other_units_give_the_same_verdict((inds, values) in case()) {
        let Some(engine) = compile(&inds) else { return Ok(()) };
        let a = engine.evaluate(&product("p", &inds, &values, false)).unwrap();
        let b = engine.evaluate(&product("p", &inds, &values, true)).unwrap();
        prop_assert_eq!(a.class, b.class);
        for (x, y) in a.indicators.iter().zip(&b.indicators) {
            prop_assert_eq!(x.outcome, y.outcome);
            prop_assert_eq!(x.compared, y.compared);
            prop_assert_eq!(x.margin, y.margin);
        }
    }

    #[test]
    fn order_of_indicators_standards_and_products_changes_no_verdict(
        (inds, values) in case(), others in prop::collection::vec(prop::collection::vec(prop::option::of(0i64..12_000), 4), 0..4),
    ) {
        let Some(engine) = compile(&inds) else { return Ok(()) };
        // Indicators reversed (ids kept), standards reversed.
        let mut rev_inds = inds.clone();
        rev_inds.reverse();
        // Rename ids so that reversing the list keeps each id with its indicator.
        let reversed_plan = {
            let n = inds.len();
            let mut t = plan_text(&rev_inds, true);
            for k in 0..n { t = t.replace(&format!("id = \"i{k}\""), &format!("id = \"tmp{}\"", n - 1 - k)); }
            for k in 0..n { t = t.replace(&format!("id = \"tmp{k}\""), &format!("id = \"i{k}\"")); }
            t
        };
        let reordered = Plan::from_toml_str(&reversed_plan).unwrap().compile().unwrap();
        let p = product("p", &inds, &values, false);
        let a = engine.evaluate(&p).unwrap();
        let b = reordered.evaluate(&p).unwrap();
        prop_assert_eq!(a.class, b.class);
        for x in &a.indicators {
            let y = b.indicators.iter().find(|y| y.id == x.id).unwrap();
            prop_assert_eq!(x.outcome, y.outcome);
            prop_assert_eq!(&x.margin, &y.margin);
        }
        // Products in a batch: any order, the same verdict per product.
        let mut batch = vec![p.clone()];
        for (n, o) in others.iter().enumerate() {
            let vals: Vec<Option<i64>> = (0..inds.len()).map(|k| o.get(k).copied().flatten()).collect();
            batch.push(product(&format!("q{n}"), &inds, &vals, false));
        }
        let forward = engine.evaluate_batch(&batch);
        let mut shuffled = batch.clone();
        shuffled.reverse();
        let backward = engine.evaluate_batch(&shuffled);
        for (f, pr) in forward.iter().zip(&batch) {
            let i = shuffled.iter().position(|s| s.id == pr.id).unwrap();
            prop_assert_eq!(f.as_ref().unwrap(), backward[i].as_ref().unwrap());
        }
    }

    #[test]
    fn the_same_inputs_give_byte_identical_json((inds, values) in case()) {
        let Some(engine) = compile(&inds) else { return Ok(()) };
        let p = product("p", &inds, &values, false);
        let a = serde_json::to_string(&engine.evaluate(&p).unwrap()).unwrap();
        let again = Plan::from_toml_str(&plan_text(&inds, false)).unwrap().compile().unwrap();
        let b = serde_json::to_string(&again.evaluate(&p).unwrap()).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn a_gap_is_exactly_a_core_or_basic_shortfall_or_missing((inds, values) in case()) {
        let Some(engine) = compile(&inds) else { return Ok(()) };
        let v = engine.evaluate(&product("p", &inds, &values, false)).unwrap();
        let short = v.indicators.iter().any(|i| matches!(i.outcome, Outcome::FallsShort | Outcome::Missing));
        prop_assert_eq!(v.class == Class::Gap, short);
    }
}

fn limit() -> impl Strategy<Value = Limit> {
    prop_oneof![
        (-500i64..500, prop::sample::select(vec!["≥", ">", "≤", "<"])).prop_map(|(a, op)| format!(
            "{op} {}",
            Decimal::new(a, 1)
        )
        .parse()
        .unwrap()),
        (-500i64..500, 1i64..300, any::<bool>(), any::<bool>()).prop_map(|(a, w, lo, hi)| {
            format!(
                "{}{} ~ {}{}",
                if lo { ">" } else { "" },
                Decimal::new(a, 1),
                if hi { "<" } else { "" },
                Decimal::new(a + w, 1)
            )
            .parse()
            .unwrap()
        }),
        (-500i64..500, 1i64..300).prop_map(|(a, w)| format!(
            "{} ± {}",
            Decimal::new(a, 1),
            Decimal::new(w, 1)
        )
        .parse()
        .unwrap()),
    ]
}

proptest! {
    #[test]
    fn strictness_is_a_partial_order(a in limit(), b in limit(), c in limit()) {
        // Reflexive.
        prop_assert_eq!(a.strictness(&a).unwrap(), Strictness::Equivalent);
        // Antisymmetric up to equivalence, and the relation mirrors.
        let ab = a.strictness(&b).unwrap();
        let ba = b.strictness(&a).unwrap();
        let mirror = match ab {
            Strictness::Stricter => Strictness::Looser,
            Strictness::Looser => Strictness::Stricter,
            other => other,
        };
        prop_assert_eq!(ba, mirror);
        if ab == Strictness::Equivalent { prop_assert!(a.same_set(&b)); }
        // Transitive.
        let at_least = |s: Strictness| matches!(s, Strictness::Stricter | Strictness::Equivalent);
        if at_least(ab) && at_least(b.strictness(&c).unwrap()) {
            prop_assert!(at_least(a.strictness(&c).unwrap()));
        }
    }

    #[test]
    fn a_value_conforming_to_the_stricter_conforms_to_the_looser(a in limit(), b in limit(), x in -700i64..700) {
        let x = Decimal::new(x, 1);
        if matches!(a.strictness(&b).unwrap(), Strictness::Stricter | Strictness::Equivalent) && a.contains(x) {
            prop_assert!(b.contains(x));
        }
    }
}

/// Values near every bound of an indicator, boundaries included, in hundredths.
fn near_bounds(i: &Ind) -> Vec<i64> {
    let mut v = Vec::new();
    for b in i.limits.iter().chain(i.grades.iter().flatten()) {
        for d in [-1, 0, 1] {
            v.push(b + d);
        }
        if let Some(t) = i.tolerance {
            for d in [-1, 0, 1] {
                v.push(b + t + d);
                v.push(b - t + d);
            }
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_fast_path_equals_the_exact_path(
        (inds, values) in case(), picks in prop::collection::vec(any::<prop::sample::Index>(), 4),
        use_bounds in any::<bool>(), thousandths in any::<bool>(), ignore_missing in any::<bool>(),
    ) {
        let inds: Vec<Ind> = inds.into_iter().map(|mut i| { i.rounded = false; i }).collect();
        // Both loops: the hot one (missing makes a gap) and the general one (missing ignored).
        let mut text = plan_text(&inds, false);
        if ignore_missing {
            text.push_str("\n[policy]\nmissing = \"ignore\"\n");
        }
        let engine = Plan::from_toml_str(&text).unwrap().compile().unwrap();
        let fast = engine.classifier().unwrap();
        // Values on and around the bounds as well as anywhere.
        let values: Vec<Option<i64>> = values
            .iter()
            .zip(&inds)
            .zip(&picks)
            .map(|((v, i), pick)| {
                if use_bounds {
                    let near = near_bounds(i);
                    v.map(|_| near[pick.index(near.len())])
                } else {
                    *v
                }
            })
            .collect();
        let mut p = product("p", &inds, &values, false);
        if thousandths {
            // One more decimal than the limits use: still exact at the fast path's scale.
            p = product("p", &inds, &values, true);
        }
        let exact = engine.evaluate(&p).unwrap();
        let prepared = fast.prepare(&p).unwrap().expect("these values fit the fast path");
        prop_assert_eq!(fast.class(&prepared), exact.class);
        let mut outcomes = Vec::new();
        prop_assert_eq!(fast.outcomes_into(&prepared, &mut outcomes), exact.class);
        for (f, e) in outcomes.iter().zip(&exact.indicators) {
            prop_assert_eq!(f.outcome, e.outcome, "{}", e.id);
            prop_assert_eq!(f.compared(), e.compared);
            prop_assert_eq!(f.margin(), e.margin.map(|m| m.value), "{}", e.id);
            prop_assert_eq!(f.grade.map(usize::from), e.grade.as_ref().map(|g| g.rank), "{}", e.id);
            let k = exact.indicators.iter().position(|i| i.id == e.id).unwrap();
            let named = f.requirement.and_then(|r| fast.requirement(k, r)).map(|(c, l)| (c.to_string(), l.to_string()));
            prop_assert_eq!(named, e.standard.clone().zip(e.limit.clone()), "{}", e.id);
        }
    }
}
