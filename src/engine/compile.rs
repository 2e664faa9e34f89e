//! Compiling a checked plan ([`CheckedPlan`]: no text left to read) into the decision table of each indicator: the requirements as
//! conforming sets in the indicator's unit, the benchmark level, the grade tables (per band),
//! the tolerance a margin must pass to exceed. Every evaluator reads this table; none states a
//! rule of its own.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::rules;
use super::{
    BandCase, Banded, Case, Chooser, CompiledIndicator, Engine, Grade, GradeTable, Grading,
    Requirement,
};
use crate::decision::accepted_ends;
use crate::decision::Method;
use crate::error::{t, Arg, Error, Text};
use crate::limit::{ends_inside, maximal, Ends};
use crate::model::{BandWhen, CheckedBands, CheckedGrade, CheckedIndicator, CheckedPlan};
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
        /// Where a requirement stated as a class is refused.
        PLACE_REQUIREMENT = "requirement of \"{0}\"", "\"{0}\" 的要求";
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
        self.compile_reported(self.check())
    }

    /// Compiles the plan given the report of its own check (never another's).
    fn compile_reported(&self, report: Report) -> Result<Engine, Error> {
        match crate::model::checked(self, report) {
            Ok(plan) => compile_checked(&plan, &Report::default()),
            Err(report) => compile_checked(&CheckedPlan::new(self.category.clone()), &report),
        }
    }
}

/// A plan file read ([`crate::plan::read_file_with_text`]), checked once, and compiled from
/// that check: what a command that reads a plan file needs, the plan's faults with their
/// places and its engine, without checking it a second time ([`Plan::compile`] checks).
#[derive(Debug)]
pub struct PlanFile {
    /// The plan as read.
    pub plan: Plan,
    /// Its check: every fault and warning, each with its line and column.
    pub report: Report,
    /// The text it was read from.
    pub text: String,
    /// The plan compiled, or its refusal, as [`Plan::compile`] refuses it: the errors of
    /// `report`, each with its line and column.
    pub engine: Result<Engine, Error>,
}

impl PlanFile {
    /// Reads, checks and compiles the plan file `path` within `limits`.
    ///
    /// # Errors
    ///
    /// As [`crate::plan::read_file_with_text`]: a file that cannot be read, or is no plan.
    pub fn read(path: &std::path::Path, limits: &crate::Limits) -> Result<PlanFile, Error> {
        let (plan, report, text) = crate::plan::read_file_with_text(path, limits)?;
        let engine = plan.compile_reported(report.clone());
        Ok(PlanFile {
            plan,
            report,
            text,
            engine,
        })
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
        let faults_zh: Vec<String> = report
            .errors()
            .map(|f| f.to_string_in(crate::Lang::Zh))
            .collect();
        let wording = if faults.len() == 1 {
            msg::PLAN_FAULT
        } else {
            msg::PLAN_FAULTS
        };
        // Each fault is an error of its own, with its path and, when read from text, its span.
        let list = report
            .errors()
            .map(|f| {
                let e = f.to_error().at_path(f.path.clone());
                match f.span {
                    Some(span) => e.at(span),
                    None => e,
                }
            })
            .collect();
        return Err(Error::invalid_plan(t!(
            wording,
            faults.len(),
            crate::error::Arg::each(faults.join("; "), faults_zh.join("；"))
        ))
        .with_faults(list));
    }
    let subject = plan
        .standards
        .iter()
        .find(|s| s.role == Role::Subject)
        .map(|s| s.standard.code.clone());
    let mut roles: Roles<'_> = BTreeMap::new();
    for s in &plan.standards {
        roles.entry(&s.standard.code).or_insert(s.role);
    }
    let mut indicators = Vec::with_capacity(plan.indicators.len());
    for ind in &plan.indicators {
        let place = |e: Error| e.place(t!(crate::error::msg::PLACE_INDICATOR, &ind.id));
        indicators.push(indicator(plan, &roles, ind, subject.as_ref()).map_err(place)?);
    }
    let unstated = plan.policy.unstated;
    let core_weight = indicators
        .iter()
        .filter(|i| rules::counted(i.class, i.compared(), unstated))
        .map(|i| i.weight)
        .try_fold(Decimal::ZERO, exact::try_add)
        .map_err(|f| f.error(t!(msg::TOTAL_CORE_WEIGHT)))?;
    let tiered = tiered(&indicators, &plan.policy);
    Ok(Engine {
        indicators,
        policy: plan.policy.clone(),
        core_weight,
        tiered,
        subject,
        category: plan.category.clone(),
        version: plan.version.clone(),
        standards: plan.standards.clone(),
        attributes: plan.attributes.clone(),
    })
}

/// How many core indicators have tiers (grades) and count in the leader decision: what
/// `on = "all"` of the tier policy asks for (0 without the tier policy).
pub(crate) fn tiered(indicators: &[CompiledIndicator], policy: &crate::plan::Policy) -> usize {
    if policy.leader.is_none() {
        return 0;
    }
    indicators
        .iter()
        .filter(|i| rules::counted(i.class, i.compared(), policy.unstated) && i.graded())
        .count()
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
        || i.banded
            .as_ref()
            .is_some_and(|b| b.bands.iter().any(|c| can_exceed(&c.judged)))
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
    // By tier, every core indicator with tiers can reach the named tier (the plan check
    // makes sure each holds it): nothing to warn of.
    if policy.leader.is_some() {
        return None;
    }
    let able: Vec<&CompiledIndicator> = indicators.iter().filter(|i| can_exceed(i)).collect();
    let names = || -> Arg {
        let ids: Vec<String> = able.iter().map(|i| format!("\"{}\"", i.id)).collect();
        if ids.is_empty() {
            t!(msg::NONE).into()
        } else {
            ids.join(", ").into()
        }
    };
    match rules::leader_rule(policy, core_weight, 0).ok()? {
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

/// Each standard number's role, the first standard of that number's (as a search would find).
type Roles<'p> = BTreeMap<&'p StandardCode, Role>;

fn indicator(
    plan: &CheckedPlan,
    roles: &Roles<'_>,
    ind: &CheckedIndicator,
    subject: Option<&StandardCode>,
) -> Result<CompiledIndicator, Error> {
    if let Some(bands) = ind.bands.as_ref().filter(|b| banded_level(plan, b)) {
        return banded_indicator(plan, roles, ind, bands, subject);
    }
    let unit = ind.unit.clone();
    let differences = ind.values_are_differences();
    let requirements = requirements(roles, ind, unit.as_ref())?;
    let level = benchmark_level(&requirements, ind);
    let level_ends: Vec<Ends> = level
        .iter()
        .filter_map(|&i| requirements.get(i).map(|r| r.ends))
        .collect();
    let deviations = differences
        || level
            .iter()
            .filter_map(|&i| requirements.get(i))
            .any(|r| r.limit.is_deviation_only());
    let grading = match &ind.bands {
        Some(bands) => banded(
            plan,
            bands,
            unit.as_ref(),
            differences,
            &level_ends,
            ind.direction,
        )?,
        None if ind.grades.is_empty() => Grading::None,
        None => Grading::Table(table(
            &ind.grades,
            unit.as_ref(),
            differences,
            &level_ends,
            ind.direction,
        )?),
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
        differences,
        grading,
        banded: None,
    })
}

/// Whether an indicator's bands are compiled each on its own: a band states requirements, or
/// an attribute chooses the band. Bands of grades alone chosen by an indicator keep the one
/// level of the indicator (as before band requirements existed).
fn banded_level(plan: &CheckedPlan, bands: &CheckedBands) -> bool {
    bands.bands.iter().any(|b| !b.requirements.is_empty())
        || plan.attributes.iter().any(|a| a.id == bands.by)
}

/// An indicator whose requirements vary with a band: each band compiled as the indicator with
/// the band's requirements beside the indicator's, and the band's grades.
fn banded_indicator(
    plan: &CheckedPlan,
    roles: &Roles<'_>,
    ind: &CheckedIndicator,
    bands: &CheckedBands,
    subject: Option<&StandardCode>,
) -> Result<CompiledIndicator, Error> {
    let chooser = match plan.attributes.iter().position(|a| a.id == bands.by) {
        Some(a) => Chooser::Attribute(a),
        None => Chooser::Indicator(
            plan.indicators
                .iter()
                .position(|o| o.id == bands.by)
                .ok_or_else(|| Error::invalid_plan(t!(msg::BANDS_BY, &bands.by)))?,
        ),
    };
    let selector_unit = match chooser {
        Chooser::Indicator(k) => plan.indicators.get(k).and_then(|s| s.unit.as_ref()),
        Chooser::Attribute(_) => None,
    };
    let selector_differences = match chooser {
        Chooser::Indicator(k) => plan
            .indicators
            .get(k)
            .is_some_and(CheckedIndicator::values_are_differences),
        Chooser::Attribute(_) => false,
    };
    // A class names one of the indicator's grades, and a banded indicator has grades only in
    // its bands (the plan check says so first).
    if let Some((code, class)) = ind.requirement_classes.first() {
        return Err(
            Error::invalid_plan(t!(crate::plan::check::msg::CLASS_BANDED, class))
                .place(t!(msg::PLACE_REQUIREMENT, code.to_string())),
        );
    }
    let mut whole = ind.clone();
    whole.bands = None;
    whole.grades = Vec::new();
    let mut cases = Vec::with_capacity(bands.bands.len());
    for band in &bands.bands {
        let mut one = whole.clone();
        for (code, limit) in &band.requirements {
            one = one.requirement(code.clone(), limit.clone());
        }
        one.grades.clone_from(&band.grades);
        let when = match &band.when {
            BandWhen::Limit(l) => Case::Ends(l.ends_in(selector_unit, selector_differences)?),
            BandWhen::Value(v) => Case::Value(v.clone()),
        };
        cases.push(BandCase {
            when,
            when_text: band.when.to_string(),
            judged: indicator(plan, roles, &one, subject)?,
        });
    }
    let mut out = indicator(plan, roles, &whole, subject)?;
    out.banded = Some(Box::new(Banded {
        by: bands.by.clone(),
        chooser,
        bands: cases,
    }));
    Ok(out)
}

/// Each standard's requirement, its set converted into the indicator's unit.
fn requirements(
    roles: &Roles<'_>,
    ind: &CheckedIndicator,
    unit: Option<&Unit>,
) -> Result<Vec<Requirement>, Error> {
    let role_of = |code: &StandardCode| roles.get(code).copied();
    let differences = ind.values_are_differences();
    // The requirements stated as a class, read into the limit each stands for.
    let stated = resolve_classes(ind, unit)?;
    let mut all: Vec<(&StandardCode, &crate::limit::Limit, Option<&String>)> = ind
        .requirements
        .iter()
        .map(|(c, l)| (c, l, None))
        .chain(stated.iter().map(|(c, l, k)| (*c, l, Some(*k))))
        .collect();
    // Standard-number order, as the level's tie-breaks read them.
    all.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = Vec::with_capacity(all.len());
    for (code, limit, class) in all {
        out.push(Requirement {
            limit_text: limit.to_string(),
            code_text: code.to_string(),
            role: role_of(code).unwrap_or(Role::Reference),
            code: code.clone(),
            ends: limit.ends_in(unit, differences)?,
            accepted: accepted_ends(limit, unit, ind.judgement, ind.interval, differences)?,
            limit: limit.clone(),
            class: class.cloned(),
        });
    }
    Ok(out)
}

/// Each requirement stated as a class with the limit it stands for
/// ([`crate::indicator::class_limit`]); a class the indicator's grades do not have, or one
/// open at its worse end, is refused (the plan check says so first).
fn resolve_classes<'i>(
    ind: &'i CheckedIndicator,
    unit: Option<&Unit>,
) -> Result<Vec<(&'i StandardCode, crate::limit::Limit, &'i String)>, Error> {
    if ind.requirement_classes.is_empty() {
        return Ok(Vec::new());
    }
    let limits: Vec<crate::limit::Limit> = ind.grades.iter().map(|g| g.limit.clone()).collect();
    let sets = limits
        .iter()
        .map(|l| l.ends_in(unit, ind.values_are_differences()))
        .collect::<Result<Vec<Ends>, Error>>()?;
    let mut out = Vec::with_capacity(ind.requirement_classes.len());
    for (code, class) in &ind.requirement_classes {
        let refused =
            |m: Text| Error::invalid_plan(m).place(t!(msg::PLACE_REQUIREMENT, code.to_string()));
        if ind.bands.is_some() {
            return Err(refused(t!(crate::plan::check::msg::CLASS_BANDED, class)));
        }
        let names = || ind.grades.iter().map(|g| &g.name);
        let k = crate::indicator::grade_named(names(), class).ok_or_else(|| {
            refused(if ind.grades.is_empty() {
                t!(crate::plan::check::msg::CLASS_NO_GRADES, class)
            } else {
                t!(
                    crate::plan::check::msg::CLASS_UNKNOWN,
                    class,
                    crate::indicator::grade_names(names())
                )
            })
        })?;
        let limit = crate::indicator::class_limit(&limits, &sets, k, ind.direction)
            .ok_or_else(|| refused(t!(crate::plan::check::msg::CLASS_OPEN, class)))?;
        out.push((code, limit, class));
    }
    Ok(out)
}

/// The benchmark level: the benchmark requirements no other one covers (its set lies inside
/// theirs), of those that cover each other the first (requirements are in standard-number
/// order). Under rounded-value judgement the written digit is part of the requirement
/// (`≥ 44.740` accepts from 44.7395, `≥ 44.74` from 44.735), so a covered requirement is
/// dropped only where it is also covered as accepted ([`accepted_ends`], the one rule of
/// strictness): the others are kept after the level, and a value must meet each. The margin,
/// the smallest over the level, is the same either way.
///
/// Found by a sort and a sweep over the distinct requirements ([`maximal`]), not by comparing
/// every two: n·log n in the benchmark requirements, except under rounded-value judgement
/// where the rounding intervals order two requirements' accepted sets against their sets
/// (`0 ~ 1000` to 1 and `1 ~ 1000.2` to 0.1), n × m for the m requirements kept.
fn benchmark_level(requirements: &[Requirement], ind: &CheckedIndicator) -> Vec<usize> {
    let benchmark: Vec<(usize, &Requirement)> = requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| r.role == Role::Benchmark)
        .collect();
    let sets: Vec<Ends> = benchmark.iter().map(|(_, r)| r.ends).collect();
    let level: Vec<usize> = maximal::strictest(&sets)
        .into_iter()
        .filter_map(|k| benchmark.get(k).map(|&(i, _)| i))
        .collect();
    if ind.judgement != Method::RoundedValue {
        return level;
    }
    rounded_level(&benchmark, level)
}

/// A requirement as its four ends' tightnesses: its set's and its accepted set's.
type Key = (
    maximal::LowerKey,
    maximal::UpperKey,
    maximal::LowerKey,
    maximal::UpperKey,
);

fn key(r: &Requirement) -> Key {
    (
        maximal::lower_key(r.ends.0),
        maximal::upper_key(r.ends.1),
        maximal::lower_key(r.accepted.0),
        maximal::upper_key(r.accepted.1),
    )
}

/// Appends to `level` the benchmark requirements no other one covers strictly (set and
/// accepted set inside), none already in `level` covering them, in order.
fn rounded_level(benchmark: &[(usize, &Requirement)], mut level: Vec<usize>) -> Vec<usize> {
    let held: BTreeSet<usize> = level.iter().copied().collect();
    // Requirements that cover each other (equal keys): the first, and whether one of them is
    // in the level already.
    let mut classes: BTreeMap<Key, (usize, bool)> = BTreeMap::new();
    for &(i, r) in benchmark {
        let class = classes.entry(key(r)).or_insert((i, false));
        class.1 |= held.contains(&i);
    }
    let (keys, firsts): (Vec<Key>, Vec<(usize, bool)>) = classes.into_iter().unzip();
    let mut appended: Vec<usize> = undominated(&keys)
        .into_iter()
        .zip(firsts)
        .filter_map(|(keep, (i, held))| (keep && !held).then_some(i))
        .collect();
    appended.sort_unstable();
    level.extend(appended);
    level
}

/// Whether each of the distinct `keys` is covered by no other in all four ends.
fn undominated(keys: &[Key]) -> Vec<bool> {
    // Where the accepted ends order the requirements as their sets do (one rounding interval,
    // or intervals that happen to keep the order), covering as accepted implies covering as
    // sets: two coordinates, one sweep.
    let lower = maximal::determines(keys.iter().map(|k| (k.2, k.0)).collect());
    let upper = maximal::determines(keys.iter().map(|k| (k.3, k.1)).collect());
    if lower && upper {
        let points: Vec<_> = keys.iter().map(|k| ((k.2, k.2), (k.3, k.3))).collect();
        return maximal::undominated(&points);
    }
    // Otherwise four orders: in decreasing order of the keys every cover comes before what it
    // covers, and each key is compared with the uncovered ones before it (n × m).
    let covers = |a: &Key, b: &Key| a.0 >= b.0 && a.1 >= b.1 && a.2 >= b.2 && a.3 >= b.3;
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys.get(b).cmp(&keys.get(a)));
    let mut front: Vec<&Key> = Vec::new();
    let mut out = vec![false; keys.len()];
    for i in order {
        let Some(k) = keys.get(i) else { continue };
        if !front.iter().any(|f| covers(f, k)) {
            front.push(k);
            if let Some(flag) = out.get_mut(i) {
                *flag = true;
            }
        }
    }
    out
}

/// A grade table, best first, with the best grade the level guarantees: the first whose
/// "grade or better" set ([`crate::indicator::or_better`]: a nested table's grade set, a table
/// of intervals' half-line to the grade's worse end) holds a level requirement's set.
fn table(
    grades: &[CheckedGrade],
    unit: Option<&Unit>,
    differences: bool,
    level_ends: &[Ends],
    direction: crate::indicator::Direction,
) -> Result<GradeTable, Error> {
    let mut out = Vec::with_capacity(grades.len());
    for g in grades {
        out.push(Grade {
            name: g.name.clone(),
            ends: g.limit.ends_in(unit, differences)?,
            limit: g.limit.clone(),
        });
    }
    let sets: Vec<Ends> = out.iter().map(|g| g.ends).collect();
    let level_grade = (0..sets.len()).find(|&k| {
        crate::indicator::or_better(&sets, k, direction)
            .is_some_and(|g| level_ends.iter().any(|l| ends_inside(l, &g)))
    });
    Ok(GradeTable {
        grades: out,
        level_grade,
    })
}

fn banded(
    plan: &CheckedPlan,
    bands: &CheckedBands,
    unit: Option<&Unit>,
    differences: bool,
    level_ends: &[Ends],
    direction: crate::indicator::Direction,
) -> Result<Grading, Error> {
    let selector = plan
        .indicators
        .iter()
        .position(|o| o.id == bands.by)
        .ok_or_else(|| Error::invalid_plan(t!(msg::BANDS_BY, &bands.by)))?;
    let selector_unit = plan.indicators.get(selector).and_then(|s| s.unit.as_ref());
    let selector_differences = plan
        .indicators
        .get(selector)
        .is_some_and(CheckedIndicator::values_are_differences);
    let mut compiled = Vec::with_capacity(bands.bands.len());
    for band in &bands.bands {
        let BandWhen::Limit(when) = &band.when else {
            return Err(Error::invalid_plan(t!(msg::BANDS_BY, &bands.by)));
        };
        let ends = when.ends_in(selector_unit, selector_differences)?;
        compiled.push((
            ends,
            table(&band.grades, unit, differences, level_ends, direction)?,
        ));
    }
    Ok(Grading::Banded {
        selector,
        bands: compiled,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition of the benchmark level, comparing every two requirements: the oracle
    /// of [`benchmark_level`].
    fn pairwise_level(requirements: &[Requirement], ind: &CheckedIndicator) -> Vec<usize> {
        let benchmark: Vec<(usize, &Requirement)> = requirements
            .iter()
            .enumerate()
            .filter(|(_, r)| r.role == Role::Benchmark)
            .collect();
        let sets = |a: &Requirement, b: &Requirement| ends_inside(&a.ends, &b.ends);
        let level = pairwise(&benchmark, &sets, Vec::new());
        if ind.judgement != Method::RoundedValue {
            return level;
        }
        let rounded =
            |a: &Requirement, b: &Requirement| sets(a, b) && ends_inside(&a.accepted, &b.accepted);
        pairwise(&benchmark, &rounded, level)
    }

    /// Appends to `level` the requirements of `benchmark` that no other one covers strictly
    /// and none already in `level` covers.
    fn pairwise(
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

    /// A limit of few values and digits, so that equal, nested and overlapping sets and
    /// different rounding intervals are common; in L or mL.
    fn limit() -> impl Strategy<Value = String> {
        limit_of(vec!["≥", ">", "≤", "<"])
    }

    /// A limit as [`limit`] gives, its one-sided ones with `ops`.
    fn limit_of(ops: Vec<&'static str>) -> impl Strategy<Value = String> {
        let number = prop::sample::select(vec![
            "3.8", "3.9", "4", "4.0", "4.00", "4.1", "4.2", "4.5", "5", "5.0", "6",
        ]);
        let unit = prop::sample::select(vec!["", " L", " mL"]);
        let op = prop::sample::select(ops);
        prop_oneof![
            (op, number.clone(), unit.clone()).prop_map(|(o, n, u)| {
                let n = if u == " mL" { milli(n) } else { n.to_owned() };
                format!("{o} {n}{u}")
            }),
            (number.clone(), number, unit).prop_map(|(a, b, u)| {
                let (a, b) = if a.parse::<f64>().ok() <= b.parse::<f64>().ok() {
                    (a, b)
                } else {
                    (b, a)
                };
                if u == " mL" {
                    format!("{} ~ {}{u}", milli(a), milli(b))
                } else {
                    format!("{a} ~ {b}{u}")
                }
            }),
        ]
    }

    /// `4.1` as millilitres, digits kept (`4100`), `4.00` as `4000.0` to vary the digit.
    fn milli(n: &str) -> String {
        let d: Decimal = n.parse().unwrap_or_default();
        let m = d * Decimal::from(1000);
        if n.ends_with("00") {
            format!("{}.0", m.trunc())
        } else {
            m.trunc().to_string()
        }
    }

    fn plan_text(limits: &[(String, bool)], rounded: bool, interval: Option<&str>) -> String {
        let mut text = String::from("schema_version = 1\ncategory = { en = \"t\" }\n");
        for (k, (_, benchmark)) in limits.iter().enumerate() {
            let role = if *benchmark { "benchmark" } else { "reference" };
            text.push_str(&format!(
                "[[standards]]\ncode = \"GB/T {}-2000\"\nrole = \"{role}\"\n",
                k + 1
            ));
        }
        text.push_str(
            "[[indicators]]\nid = \"a\"\nunit = \"L\"\ndirection = \"lower-is-better\"\n",
        );
        if rounded {
            text.push_str("judgement = \"rounded-value\"\n");
        }
        if let Some(i) = interval {
            text.push_str(&format!("interval = \"{i}\"\n"));
        }
        text.push_str("[indicators.requirements]\n");
        for (k, (limit, _)) in limits.iter().enumerate() {
            text.push_str(&format!("\"GB/T {}-2000\" = \"{limit}\"\n", k + 1));
        }
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The sweep finds the level the pairwise definition does, under both judgements,
        /// with and without a plan interval.
        #[test]
        fn level_is_the_pairwise_definition(
            limits in prop::collection::vec((limit(), prop::bool::weighted(0.9)), 1..10),
            rounded in any::<bool>(),
            interval in prop::option::of(prop::sample::select(vec!["0.1", "0.2", "0.5", "1", "0.01"])),
        ) {
            let text = plan_text(&limits, rounded, interval);
            let Ok(plan) = Plan::from_toml_str(&text) else { return Ok(()) };
            let Ok(checked) = crate::model::checked(&plan, plan.check()) else { return Ok(()) };
            let mut roles: Roles<'_> = BTreeMap::new();
            for s in &checked.standards {
                roles.entry(&s.standard.code).or_insert(s.role);
            }
            for ind in &checked.indicators {
                let Ok(reqs) = requirements(&roles, ind, ind.unit.as_ref()) else { continue };
                prop_assert_eq!(benchmark_level(&reqs, ind), pairwise_level(&reqs, ind), "{}", text);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Rounded-value judgement to each limit's own digits, where the rounding intervals
        /// often order two requirements against their sets (the n × m comparison).
        #[test]
        fn rounded_level_is_the_pairwise_definition(
            limits in prop::collection::vec((limit_of(vec!["≤", "<"]), Just(true)), 2..10),
        ) {
            let text = plan_text(&limits, true, None);
            let Ok(plan) = Plan::from_toml_str(&text) else { return Ok(()) };
            let Ok(checked) = crate::model::checked(&plan, plan.check()) else { return Ok(()) };
            let mut roles: Roles<'_> = BTreeMap::new();
            for s in &checked.standards {
                roles.entry(&s.standard.code).or_insert(s.role);
            }
            for ind in &checked.indicators {
                let Ok(reqs) = requirements(&roles, ind, ind.unit.as_ref()) else { continue };
                prop_assert_eq!(benchmark_level(&reqs, ind), pairwise_level(&reqs, ind), "{}", text);
            }
        }
    }

    /// A thousand overlapping two-sided ranges to different digits under rounded-value
    /// judgement (the n × m case) and to one digit (the sweep): the same level both ways.
    #[test]
    fn wide_rounded_levels_agree_with_the_definition() {
        for mixed in [false, true] {
            let limits: Vec<(String, bool)> = (0..300)
                .map(|s| match s % 2 {
                    1 if mixed => (format!("{s} ~ {}.2", s + 999), true),
                    _ => (format!("{s} ~ {}", s + 1000), true),
                })
                .collect();
            let text = plan_text(&limits, true, None);
            let plan = Plan::from_toml_str(&text).unwrap();
            let checked = crate::model::checked(&plan, plan.check()).unwrap();
            let mut roles: Roles<'_> = BTreeMap::new();
            for s in &checked.standards {
                roles.entry(&s.standard.code).or_insert(s.role);
            }
            let ind = &checked.indicators[0];
            let reqs = requirements(&roles, ind, ind.unit.as_ref()).unwrap();
            let level = benchmark_level(&reqs, ind);
            assert_eq!(level, pairwise_level(&reqs, ind));
            assert_eq!(level.len(), 300);
        }
    }
}
