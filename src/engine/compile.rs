//! Compiling a checked plan ([`CheckedPlan`]: no text left to read) into the decision table of each indicator: the requirements as
//! conforming sets in the indicator's unit, the benchmark level, the grade tables (per band),
//! the tolerance a margin must pass to exceed. Every evaluator reads this table; none states a
//! rule of its own.

use rust_decimal::Decimal;

use super::rules;
use super::{CompiledIndicator, Engine, Grade, GradeTable, Grading, Requirement};
use crate::decision::Method;
use crate::error::{t, Arg, Error, Text};
use crate::indicator::IndicatorClass;
use crate::limit::{ends_inside, Bound, Ends};
use crate::model::{CheckedBands, CheckedGrade, CheckedIndicator, CheckedPlan};
use crate::number::exact;
use crate::plan::{Plan, Report, Role};
use crate::standard::StandardCode;
use crate::unit::Unit;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        PLAN_FAULT = "the plan has {0} fault: {1}", "方案有 {0} 处错误：{1}";
        PLAN_FAULTS = "the plan has {0} faults: {1}", "方案有 {0} 处错误：{1}";
        /// What overflowed: the sum of the core indicators' weights.
        TOTAL_CORE_WEIGHT = "the total core weight", "核心指标的总权重";
        BANDS_BY = "bands.by \"{0}\" is not an indicator", "bands.by \"{0}\" 不是本方案的指标";
        /// A warning: too few core indicators can exceed their level.
        LEADER_BY_COUNT = "policy.leader-min-exceeding: {0}: no product could ever be a leader: only {1} core indicators can exceed their level ({2}); {3}",
            "policy.leader-min-exceeding：{0}：任何产品都不可能成为领跑者：只有 {1} 个核心指标能够优于对标水平（{2}）；{3}";
        /// A warning: too little core weight can exceed its level.
        LEADER_BY_SHARE = "policy.leader-share: {0}: no product could ever be a leader: the core indicators that can exceed their level ({1}) carry a weight of {2} of {3}; {4}",
            "policy.leader-share：{0}：任何产品都不可能成为领跑者：能够优于对标水平的核心指标（{1}）的权重合计为 {2}，核心指标总权重为 {3}；{4}";
        /// No indicator, in a list of them.
        NONE = "none", "无";
        /// Why the other core indicators cannot exceed.
        WHY_NOT_EXCEEDING = "the other core indicators are not stated by a benchmark, qualitative, nominal-is-best without a tolerance or grades, or graded with the level at the best grade",
            "其余核心指标或无对标依据规定，或为定性指标，或为望目指标（nominal-is-best）而无等效容差或等级，或已分级而对标水平处于最高等级";
    }
}

impl Plan {
    /// Checks the plan, reads it into its [`CheckedPlan`] and compiles it into an [`Engine`].
    ///
    /// # Errors
    ///
    /// When [`Plan::check`] finds an error; the message lists every fault.
    pub fn compile(&self) -> Result<Engine, Error> {
        match crate::model::checked(self, self.check()) {
            Ok(plan) => compile_checked(&plan, &Report::default()),
            Err(report) => compile_checked(&CheckedPlan::new(self.category.clone()), &report),
        }
    }
}

impl CheckedPlan {
    /// Checks and compiles the plan into an [`Engine`].
    ///
    /// # Errors
    ///
    /// When [`CheckedPlan::check`] finds an error; the message lists every fault.
    pub fn compile(&self) -> Result<Engine, Error> {
        compile_checked(self, &self.check())
    }
}

/// Compiles a checked plan, or refuses it with the faults of `report`. Reads no text.
pub(crate) fn compile_checked(plan: &CheckedPlan, report: &Report) -> Result<Engine, Error> {
    if !report.is_ok() {
        let faults: Vec<String> = report.errors().map(|f| f.to_string()).collect();
        let wording = if faults.len() == 1 {
            msg::PLAN_FAULT
        } else {
            msg::PLAN_FAULTS
        };
        // Each fault is an error of its own, with its path and, when read from text, its span.
        let list = report
            .errors()
            .map(|f| {
                let e = Error::invalid_plan(f.message.clone()).at_path(f.path.clone());
                match f.span {
                    Some(span) => e.at(span),
                    None => e,
                }
            })
            .collect();
        return Err(
            Error::invalid_plan(t!(wording, faults.len(), faults.join("; "))).with_faults(list),
        );
    }
    let subject = plan
        .standards
        .iter()
        .find(|s| s.role == Role::Subject)
        .map(|s| s.standard.code.clone());
    let mut indicators = Vec::with_capacity(plan.indicators.len());
    for ind in &plan.indicators {
        let place = |e: Error| e.place(t!(crate::error::msg::PLACE_INDICATOR, &ind.id));
        indicators.push(indicator(plan, ind, subject.as_ref()).map_err(place)?);
    }
    let core_weight = indicators
        .iter()
        .filter(|i| i.class == IndicatorClass::Core)
        .map(|i| i.weight)
        .try_fold(Decimal::ZERO, exact::try_add)
        .map_err(|f| f.error(t!(msg::TOTAL_CORE_WEIGHT)))?;
    Ok(Engine {
        indicators,
        policy: plan.policy.clone(),
        core_weight,
        subject,
        category: plan.category.clone(),
    })
}

/// Whether an indicator can ever exceed its level: a core indicator that a benchmark states,
/// not qualitative, with a grade better than the level's or a margin that can pass its
/// tolerance ([`rules::margin_tolerance`]).
fn can_exceed(i: &CompiledIndicator) -> bool {
    let better_grade = |t: &GradeTable| t.level_grade.is_some_and(|l| l > 0);
    rules::exceeding(i.class, crate::verdict::Outcome::Exceeds)
        && i.direction != crate::indicator::Direction::Qualitative
        && !i.level.is_empty()
        && (i.margin_tolerance.is_some()
            || match &i.grading {
                Grading::None => false,
                Grading::Table(t) => better_grade(t),
                Grading::Banded { bands, .. } => bands.iter().any(|(_, t)| better_grade(t)),
            })
}

/// Why no product could ever be a leader under the plan's leader rule, if so: too few core
/// indicators, or too little core weight, can exceed their level (the others are not stated by
/// a benchmark, qualitative, nominal-is-best without a tolerance or grades, or graded with the
/// level at the best grade). `None` too where the leader rule cannot be computed (its
/// threshold beyond 28 digits): judging says so.
pub(crate) fn leader_unreachable(
    indicators: &[CompiledIndicator],
    policy: &crate::plan::Policy,
    core_weight: Decimal,
) -> Option<Text> {
    let able: Vec<&CompiledIndicator> = indicators.iter().filter(|i| can_exceed(i)).collect();
    let names = || -> Arg {
        let ids: Vec<String> = able.iter().map(|i| format!("\"{}\"", i.id)).collect();
        if ids.is_empty() {
            t!(msg::NONE).into()
        } else {
            ids.join(", ").into()
        }
    };
    match rules::leader_rule(policy, core_weight).ok()? {
        rules::LeaderRule::Count(n) if able.len() < n => Some(t!(
            msg::LEADER_BY_COUNT,
            n,
            able.len(),
            names(),
            t!(msg::WHY_NOT_EXCEEDING)
        )),
        rules::LeaderRule::Weight(w) => {
            // A part of the core weight, whose sum was checked: the sum cannot overflow.
            let reachable = able
                .iter()
                .try_fold(Decimal::ZERO, |acc, i| exact::try_add(acc, i.weight))
                .ok()?;
            (reachable < w).then(|| {
                t!(
                    msg::LEADER_BY_SHARE,
                    policy.leader_share.to_string(),
                    names(),
                    reachable.normalize().to_string(),
                    core_weight.normalize().to_string(),
                    t!(msg::WHY_NOT_EXCEEDING)
                )
            })
        }
        _ => None,
    }
}

fn indicator(
    plan: &CheckedPlan,
    ind: &CheckedIndicator,
    subject: Option<&StandardCode>,
) -> Result<CompiledIndicator, Error> {
    let unit = ind.unit.clone();
    let requirements = requirements(plan, ind, unit.as_ref())?;
    let level = benchmark_level(&requirements, ind);
    let level_ends: Vec<Ends> = level
        .iter()
        .filter_map(|&i| requirements.get(i).map(|r| r.ends))
        .collect();
    let deviations = level
        .iter()
        .filter_map(|&i| requirements.get(i))
        .any(|r| r.limit.is_deviation_only());
    let grading = match &ind.bands {
        Some(bands) => banded(plan, bands, unit.as_ref(), &level_ends)?,
        None if ind.grades.is_empty() => Grading::None,
        None => Grading::Table(table(&ind.grades, unit.as_ref(), &level_ends)?),
    };
    let graded = !matches!(grading, Grading::None);
    Ok(CompiledIndicator {
        id: ind.id.clone(),
        name: ind.name.clone(),
        unit_text: unit.as_ref().map(|u| u.to_string()),
        unit,
        direction: ind.direction,
        class: ind.class,
        weight: ind.weight,
        method: ind.judgement,
        rule: ind.decision_rule,
        interval: ind.interval,
        margin_tolerance: rules::margin_tolerance(graded, ind.direction, ind.tolerance),
        subject: subject.and_then(|s| requirements.iter().position(|r| &r.code == s)),
        requirements,
        level,
        deviations,
        grading,
    })
}

/// Each standard's requirement, its set converted into the indicator's unit.
fn requirements(
    plan: &CheckedPlan,
    ind: &CheckedIndicator,
    unit: Option<&Unit>,
) -> Result<Vec<Requirement>, Error> {
    let role_of = |code: &StandardCode| {
        plan.standards
            .iter()
            .find(|s| &s.standard.code == code)
            .map(|s| s.role)
    };
    let mut out = Vec::with_capacity(ind.requirements.len());
    for (code, limit) in &ind.requirements {
        out.push(Requirement {
            limit_text: limit.to_string(),
            code_text: code.to_string(),
            role: role_of(code).unwrap_or(Role::Reference),
            code: code.clone(),
            ends: limit.ends_in(unit)?,
            limit: limit.clone(),
        });
    }
    Ok(out)
}

/// The benchmark level: the benchmark requirements no other one covers (its set lies inside
/// theirs), of those that cover each other the first (requirements are in standard-number
/// order). Under rounded-value judgement the written digit is part of the requirement
/// (`≥ 44.740` accepts from 44.7395, `≥ 44.74` from 44.735), so a covered requirement is
/// dropped only where it is also covered once rounded (its *effective* set, each end moved by
/// half its rounding interval, lies inside): the others are kept after the level, and a value
/// must meet each. The margin, the smallest over the level, is the same either way.
fn benchmark_level(requirements: &[Requirement], ind: &CheckedIndicator) -> Vec<usize> {
    let benchmark: Vec<(usize, &Requirement)> = requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| r.role == Role::Benchmark)
        .collect();
    let sets = |a: &Requirement, b: &Requirement| ends_inside(&a.ends, &b.ends);
    let level = maximal(&benchmark, &sets, Vec::new());
    if ind.judgement != Method::RoundedValue {
        return level;
    }
    let rounded = |a: &Requirement, b: &Requirement| {
        sets(a, b)
            && matches!((effective(a, ind), effective(b, ind)), (Some(x), Some(y)) if x.covers(&y))
    };
    maximal(&benchmark, &rounded, level)
}

/// Appends to `level` the requirements of `benchmark` that no other one covers strictly and
/// none already in `level` covers.
fn maximal(
    benchmark: &[(usize, &Requirement)],
    covers: &dyn Fn(&Requirement, &Requirement) -> bool,
    mut level: Vec<usize>,
) -> Vec<usize> {
    for &(i, ri) in benchmark {
        let dominated = benchmark
            .iter()
            .any(|&(j, rj)| j != i && covers(rj, ri) && !covers(ri, rj));
        let repeat = level
            .iter()
            .any(|&k| benchmark.iter().any(|&(j, rk)| j == k && covers(rk, ri)));
        if !dominated && !repeat {
            level.push(i);
        }
    }
    level
}

/// A requirement's set under rounded-value judgement, in the indicator's unit: each end with
/// the rounding interval of its limit (or the plan's), moved by half of it toward the values
/// that round onto the end (`≥ a` from a − i/2, `> a` from a + i/2).
#[derive(Clone, Copy, Debug)]
struct Effective {
    lower: Option<(Decimal, Bound, Decimal)>,
    upper: Option<(Decimal, Bound, Decimal)>,
}

impl Effective {
    /// Whether every value that rounds into `self` rounds into `other`: at each end `other`
    /// has, `self` has one strictly inside it, or the same bound at the same interval.
    fn covers(&self, other: &Effective) -> bool {
        let end = |mine: Option<(Decimal, Bound, Decimal)>,
                   theirs: Option<(Decimal, Bound, Decimal)>,
                   inside: fn(Decimal, Decimal) -> bool| match (mine, theirs) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some((e, b, i)), Some((f, c, j))) => inside(e, f) || (b == c && i == j),
        };
        end(self.lower, other.lower, |e, f| e > f) && end(self.upper, other.upper, |e, f| e < f)
    }
}

fn effective(r: &Requirement, ind: &CheckedIndicator) -> Option<Effective> {
    let interval = match ind.interval {
        Some(i) => i.value(),
        None => {
            let w = r.limit.written_interval().value();
            match (r.limit.unit(), ind.unit.as_ref()) {
                (Some(from), Some(to)) if from != to => {
                    crate::unit::convert_difference(w, from, to).ok()?
                }
                _ => w,
            }
        }
    };
    let half = exact::try_div(interval, Decimal::TWO).ok()?;
    // A bound off the rounding grid (an `interval` coarser than the limit's digits): its
    // effective end cannot be told this simply.
    let on_grid = |b: &Bound| exact::try_rem(b.value, interval).is_ok_and(|r| r.is_zero());
    let end = |b: Option<Bound>, toward: Decimal| -> Option<Option<(Decimal, Bound, Decimal)>> {
        match b {
            None => Some(None),
            Some(b) if on_grid(&b) => {
                let moved = if b.inclusive {
                    exact::try_sub(b.value, toward).ok()?
                } else {
                    exact::try_add(b.value, toward).ok()?
                };
                Some(Some((moved, b, interval)))
            }
            Some(_) => None,
        }
    };
    Some(Effective {
        lower: end(r.ends.0, half)?,
        upper: end(r.ends.1, -half)?,
    })
}

/// A grade table, best first, with the best grade the level guarantees (the first whose set
/// holds a level requirement's set).
fn table(
    grades: &[CheckedGrade],
    unit: Option<&Unit>,
    level_ends: &[Ends],
) -> Result<GradeTable, Error> {
    let mut out = Vec::with_capacity(grades.len());
    for g in grades {
        out.push(Grade {
            name: g.name.clone(),
            ends: g.limit.ends_in(unit)?,
            limit: g.limit.clone(),
        });
    }
    let level_grade = out
        .iter()
        .position(|g| level_ends.iter().any(|l| ends_inside(l, &g.ends)));
    Ok(GradeTable {
        grades: out,
        level_grade,
    })
}

fn banded(
    plan: &CheckedPlan,
    bands: &CheckedBands,
    unit: Option<&Unit>,
    level_ends: &[Ends],
) -> Result<Grading, Error> {
    let selector = plan
        .indicators
        .iter()
        .position(|o| o.id == bands.by)
        .ok_or_else(|| Error::invalid_plan(t!(msg::BANDS_BY, &bands.by)))?;
    let selector_unit = plan.indicators.get(selector).and_then(|s| s.unit.as_ref());
    let mut compiled = Vec::with_capacity(bands.bands.len());
    for band in &bands.bands {
        let ends = band.when.ends_in(selector_unit)?;
        compiled.push((ends, table(&band.grades, unit, level_ends)?));
    }
    Ok(Grading::Banded {
        selector,
        bands: compiled,
    })
}
