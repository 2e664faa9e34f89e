//! The verdict rules, each stated once. The exact evaluator calls them over decimals, the fast
//! evaluator lowers them to integers at compile time (and calls the same functions where it
//! decides per product), the standards path, the comparison of the subject standard and the
//! ranking call them on their verdicts. `docs/rules.md` states each in words.
//!
//! | rule | function |
//! |---|---|
//! | an indicator with no benchmark level, or no value | [`unjudged`] |
//! | which margin counts (the end the direction measures from) | [`pick_margin`] |
//! | when a margin is beyond the equivalence tolerance | [`margin_tolerance`], [`beyond`] |
//! | when a grade is better than the level's | [`better_grade`] |
//! | which outcomes make a gap, which exceed | [`makes_gap`], [`exceeding`] |
//! | the class from the outcomes | [`classify`] |

use rust_decimal::Decimal;

use crate::error::{t, Error};
use crate::indicator::{Direction, IndicatorClass, Tolerance};
use crate::number::exact;
use crate::plan::{MissingPolicy, Policy, TierOn, Unstated};
use crate::verdict::{Class, Outcome};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        /// What overflowed: the leader rule's weight threshold.
        LEADER_WEIGHT = "the leader share {0} × the total core weight {1}", "领跑者权重比例 {0} × 核心指标总权重 {1}";
        /// What overflowed: the sum of the exceeding core weights.
        EXCEEDING_WEIGHT = "the exceeding core weight", "优于对标水平的核心指标权重";
    }
}

/// The outcome of an indicator that is not judged against a level: `NotCompared` when no
/// benchmark states it (whether or not a value is given: there is nothing to compare with, so
/// it never makes a gap; 填补空白 is the subject standard's merit, not the product's fault),
/// else `Missing` when the product gives no value; `None` when it is judged.
pub(crate) fn unjudged(compared: bool, has_value: bool) -> Option<Outcome> {
    if !compared {
        Some(Outcome::NotCompared)
    } else if !has_value {
        Some(Outcome::Missing)
    } else {
        None
    }
}

/// The margin that counts for a direction, from the distances to a set's lower end
/// (`x − lower`) and upper end (`upper − x`): higher-is-better measures from the lower end,
/// lower-is-better from the upper end (each falls back on the other end where the set has
/// only that one), nominal-is-best from the nearer end. A value beyond the other end (0.5 L
/// against a lower-is-better `1 ~ 4 L`) is measured from the end it lies beyond, so a value
/// that does not conform never shows a margin in its favour. Generic so that the fast path's
/// integers and the exact path's decimals pick by the same rule (`T::default()` is 0).
pub(crate) fn pick_margin<T: Ord + Copy + Default>(
    direction: Direction,
    from_lower: Option<T>,
    from_upper: Option<T>,
) -> Option<T> {
    let beyond = |other: Option<T>| other.filter(|d| *d < T::default());
    match direction {
        Direction::HigherIsBetter => beyond(from_upper).or(from_lower).or(from_upper),
        Direction::LowerIsBetter => beyond(from_lower).or(from_upper).or(from_lower),
        _ => match (from_lower, from_upper) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        },
    }
}

/// The tolerance a margin must pass to exceed the benchmark level, or `None` when no margin
/// can make the indicator exceed: the stated `tolerance`; else 0 for an ungraded indicator
/// with a direction; else none (a graded indicator exceeds by grade, and closeness to a
/// nominal has no direction to be better in without a stated tolerance).
pub(crate) fn margin_tolerance(
    graded: bool,
    direction: Direction,
    tolerance: Option<Tolerance>,
) -> Option<Tolerance> {
    match tolerance {
        Some(t) => Some(t),
        None if graded || direction == Direction::NominalIsBest => None,
        None => Some(Tolerance::Absolute(Decimal::ZERO)),
    }
}

/// Whether a margin is beyond a tolerance: strictly more than an absolute tolerance; for a
/// relative one (in percent), strictly more than that percentage of the bound it is measured
/// from, compared exactly (`margin × 100 > p × |bound|`, no quotient rounded), or positive
/// where the bound is zero.
pub(crate) fn beyond(tolerance: Tolerance, margin: Decimal, bound: Decimal) -> bool {
    match tolerance {
        Tolerance::Absolute(t) => margin > t,
        Tolerance::Relative(_) if bound.is_zero() => margin > Decimal::ZERO,
        Tolerance::Relative(p) => {
            exact::cmp_products(margin, Decimal::ONE_HUNDRED, p, bound.abs())
                == std::cmp::Ordering::Greater
        }
        #[allow(unreachable_patterns)]
        _ => false,
    }
}

/// Whether the grade reached (0 best) is strictly better than the best grade the benchmark
/// level guarantees.
pub(crate) fn better_grade(reached: Option<usize>, level_grade: Option<usize>) -> bool {
    matches!((reached, level_grade), (Some(r), Some(l)) if r < l)
}

/// Whether an outcome conforms to the benchmark level (meets or exceeds it).
pub(crate) fn conforms(outcome: Outcome) -> bool {
    matches!(outcome, Outcome::Exceeds | Outcome::Meets)
}

/// Whether an outcome makes a gap: a core or basic indicator that falls short (or, for a
/// standard, is incomparable with the level), or is missing under `missing = "gap"`.
/// Innovation indicators never make a gap.
pub(crate) fn makes_gap(class: IndicatorClass, outcome: Outcome, missing: MissingPolicy) -> bool {
    matches!(class, IndicatorClass::Core | IndicatorClass::Basic)
        && (matches!(outcome, Outcome::FallsShort | Outcome::Incomparable)
            || (outcome == Outcome::Missing && missing == MissingPolicy::Gap))
}

/// Whether an outcome counts toward a leader: a core indicator that exceeds.
pub(crate) fn exceeding(class: IndicatorClass, outcome: Outcome) -> bool {
    class == IndicatorClass::Core && outcome == Outcome::Exceeds
}

/// What makes a leader of a product that is not a gap: at least `Count` core indicators
/// exceeding, or an exceeding core weight of at least `Weight`, or nothing (`Never`). Generic
/// over the weight so that the fast path holds the same rule at its integer scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LeaderRule<W> {
    Count(usize),
    Weight(W),
    Never,
}

impl<W: PartialOrd + Copy> LeaderRule<W> {
    /// Whether an exceeding weight and count make a leader.
    #[inline(always)]
    pub(crate) fn holds(self, weight: W, count: usize) -> bool {
        match self {
            LeaderRule::Count(n) => count >= n,
            LeaderRule::Weight(w) => weight >= w,
            LeaderRule::Never => false,
        }
    }

    /// The same rule with the weight threshold mapped (lowered to another scale).
    pub(crate) fn map<V>(self, f: impl FnOnce(W) -> Option<V>) -> Option<LeaderRule<V>> {
        Some(match self {
            LeaderRule::Count(n) => LeaderRule::Count(n),
            LeaderRule::Weight(w) => LeaderRule::Weight(f(w)?),
            LeaderRule::Never => LeaderRule::Never,
        })
    }
}

/// The policy's leader rule: by tier when `policy.leader` is set (`on = "all"`: every one of
/// the `tiered` core indicators that count; `on = k`: k of them; never with 0), else
/// `leader-min-exceeding` core indicators when set (never with 0), else `leader-share` × the
/// total core weight (never when the total is 0).
///
/// # Errors
///
/// When the product is beyond 28 digits (a plan's share is at most 1, so only a plan built
/// without its check reaches it).
pub(crate) fn leader_rule(
    policy: &Policy,
    core_weight: Decimal,
    tiered: usize,
) -> Result<LeaderRule<Decimal>, Error> {
    if let Some(rule) = &policy.leader {
        return Ok(match rule.on {
            TierOn::All if tiered == 0 => LeaderRule::Never,
            TierOn::All => LeaderRule::Count(tiered),
            TierOn::AtLeast(0) => LeaderRule::Never,
            TierOn::AtLeast(n) => LeaderRule::Count(n as usize),
        });
    }
    Ok(match policy.leader_min_exceeding {
        Some(0) => LeaderRule::Never,
        Some(n) => LeaderRule::Count(n as usize),
        None if core_weight <= Decimal::ZERO => LeaderRule::Never,
        None => LeaderRule::Weight(exact::try_mul(policy.leader_share, core_weight).map_err(
            |f| {
                f.error(t!(
                    msg::LEADER_WEIGHT,
                    policy.leader_share.to_string(),
                    core_weight.to_string()
                ))
            },
        )?),
    })
}

/// Whether a core indicator takes part in the leader decision: always under
/// `unstated = "count"`, and under `"leave-out"` only when a benchmark states it (`compared`).
pub(crate) fn counted(class: IndicatorClass, compared: bool, unstated: Unstated) -> bool {
    class == IndicatorClass::Core && (compared || unstated == Unstated::Count)
}

/// Whether a grade reached (0 best) reaches the leader tier at `tier` (its index in the same
/// table): the tier or a better one.
pub(crate) fn reaches_tier(reached: Option<usize>, tier: Option<usize>) -> bool {
    matches!((reached, tier), (Some(r), Some(t)) if r <= t)
}

/// The class, the indices of the indicators that decided it (those making the gap, or those
/// exceeding for a leader, none for a follower) and the core weight exceeding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Classified {
    pub(crate) class: Class,
    pub(crate) decided_by: Vec<usize>,
    pub(crate) exceeding_weight: Decimal,
}

/// One indicator's part in the class: its class, weight and outcome.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Part {
    pub(crate) class: IndicatorClass,
    pub(crate) weight: Decimal,
    pub(crate) outcome: Outcome,
    /// Under the tier policy, on a core indicator with tiers that counts: whether the leader
    /// tier was reached.
    pub(crate) tier: Option<bool>,
}

/// The class by the policy (design decision 4): **gap** if any outcome makes a gap, **leader**
/// if not and enough core weight exceeds, **follower** otherwise. Every path (products,
/// standards, the subject standard, rankings, reports) classifies with this function.
///
/// # Errors
///
/// When the exceeding weight or the leader rule's threshold is beyond 28 digits (weights are
/// never negative, so neither exceeds the total core weight of a compiled plan).
pub(crate) fn classify(
    policy: &Policy,
    core_weight: Decimal,
    parts: impl Iterator<Item = Part>,
) -> Result<Classified, Error> {
    let mut gaps = Vec::new();
    let mut exceeds = Vec::new();
    let mut reached = Vec::new();
    let mut tiered = 0usize;
    let mut weight = Decimal::ZERO;
    for (k, p) in parts.enumerate() {
        if makes_gap(p.class, p.outcome, policy.missing) {
            gaps.push(k);
        }
        if exceeding(p.class, p.outcome) {
            exceeds.push(k);
            weight =
                exact::try_add(weight, p.weight).map_err(|f| f.error(t!(msg::EXCEEDING_WEIGHT)))?;
        }
        if let Some(r) = p.tier {
            tiered += 1;
            if r {
                reached.push(k);
            }
        }
    }
    let by_tier = policy.leader.is_some();
    let rule = leader_rule(policy, core_weight, tiered)?;
    let (class, decided_by) = if !gaps.is_empty() {
        (Class::Gap, gaps)
    } else if by_tier && rule.holds(Decimal::ZERO, reached.len()) {
        (Class::Leader, reached)
    } else if !by_tier && rule.holds(weight, exceeds.len()) {
        (Class::Leader, exceeds)
    } else {
        (Class::Follower, Vec::new())
    };
    Ok(Classified {
        class,
        decided_by,
        exceeding_weight: weight,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: Decimal = Decimal::MAX;

    fn part(weight: Decimal, outcome: Outcome) -> Part {
        Part {
            class: IndicatorClass::Core,
            weight,
            outcome,
            tier: None,
        }
    }

    #[test]
    fn the_exceeding_weight_is_summed_exactly_or_refused() {
        let policy = Policy::default();
        let two = [
            part(Decimal::ONE, Outcome::Exceeds),
            part(Decimal::TWO, Outcome::Meets),
        ];
        let c = classify(&policy, Decimal::from(3), two.into_iter()).unwrap();
        assert_eq!(
            (c.class, c.exceeding_weight),
            (Class::Follower, Decimal::ONE)
        );
        let c = classify(
            &policy,
            Decimal::from(3),
            [
                part(Decimal::ONE, Outcome::Exceeds),
                part(Decimal::TWO, Outcome::Exceeds),
            ]
            .into_iter(),
        )
        .unwrap();
        assert_eq!((c.class, c.decided_by), (Class::Leader, vec![0, 1]));
        // Beyond 28 digits: an error, never a saturated sum.
        let e = classify(
            &policy,
            MAX,
            [part(MAX, Outcome::Exceeds), part(MAX, Outcome::Exceeds)].into_iter(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "the exceeding core weight: the result does not fit in 28 significant digits"
        );
        assert_eq!(
            e.message(crate::Lang::Zh),
            "优于对标水平的核心指标权重：结果超出 28 位有效数字"
        );
    }

    #[test]
    fn the_leader_threshold_is_exact_or_refused() {
        let policy = Policy::default();
        assert_eq!(
            leader_rule(&policy, Decimal::from(3), 0).unwrap(),
            LeaderRule::Weight(Decimal::new(15, 1))
        );
        assert_eq!(
            leader_rule(&policy, Decimal::ZERO, 0).unwrap(),
            LeaderRule::Never
        );
        // A share above 1 is refused by the plan check; built without it, the product may not
        // fit.
        let policy = Policy {
            leader_share: Decimal::TWO,
            ..Policy::default()
        };
        let e = leader_rule(&policy, MAX, 0).unwrap_err();
        assert!(e.is_overflow());
        assert_eq!(
            e.to_string(),
            format!("the leader share 2 × the total core weight {MAX}: the result does not fit in 28 significant digits")
        );
    }

    #[test]
    fn a_relative_tolerance_compares_the_exact_ratio() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let five = Tolerance::Relative(Decimal::from(5));
        // A margin of MAX on a bound of 1: 10^30 %, beyond any tolerance a decimal holds.
        assert!(beyond(Tolerance::Relative(MAX), MAX, Decimal::ONE));
        assert!(!beyond(
            Tolerance::Relative(Decimal::ZERO),
            -MAX,
            Decimal::ONE
        ));
        assert!(beyond(five, d("6"), d("100")));
        assert!(!beyond(five, d("5"), d("-100")));
        // 5.0000001 % of the bound: its share rounds to 0.050000 at 6 decimals, but it is
        // beyond 5 %.
        assert!(beyond(five, d("5.0000001"), d("100")));
        assert!(!beyond(five, d("4.9999999"), d("100")));
        assert!(beyond(five, d("0.000001"), Decimal::ZERO));
    }

    #[test]
    fn an_incomparable_requirement_makes_a_gap_only_on_basic_and_core_indicators() {
        for missing in [MissingPolicy::Gap, MissingPolicy::Ignore] {
            assert!(makes_gap(
                IndicatorClass::Core,
                Outcome::Incomparable,
                missing
            ));
            assert!(makes_gap(
                IndicatorClass::Basic,
                Outcome::Incomparable,
                missing
            ));
            assert!(!makes_gap(
                IndicatorClass::Innovation,
                Outcome::Incomparable,
                missing
            ));
        }
        assert!(!conforms(Outcome::Incomparable));
        assert!(!exceeding(IndicatorClass::Core, Outcome::Incomparable));
    }
}
