//! Compiling a checked plan ([`CheckedPlan`]: no text left to read) into the decision table of each indicator: the requirements as
//! conforming sets in the indicator's unit, the benchmark level, the grade tables (per band),
//! the tolerance a margin must pass to exceed. Every evaluator reads this table; none states a
//! rule of its own.

use rust_decimal::Decimal;

use super::rules;
use super::{CompiledIndicator, Engine, Grade, GradeTable, Grading, Requirement};
use crate::decision::Method;
use crate::error::Error;
use crate::indicator::IndicatorClass;
use crate::limit::{ends_inside, ends_strictness, Ends, Strictness};
use crate::model::{CheckedBands, CheckedGrade, CheckedIndicator, CheckedPlan};
use crate::plan::{Plan, Report, Role};
use crate::standard::StandardCode;
use crate::unit::Unit;

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
        return Err(Error::invalid_plan(format!(
            "the plan has {} fault{}: {}",
            faults.len(),
            if faults.len() == 1 { "" } else { "s" },
            faults.join("; ")
        )));
    }
    let subject = plan
        .standards
        .iter()
        .find(|s| s.role == Role::Subject)
        .map(|s| s.standard.code.clone());
    let mut indicators = Vec::with_capacity(plan.indicators.len());
    for ind in &plan.indicators {
        let place = |e: Error| e.context(format!("indicator \"{}\"", ind.id));
        indicators.push(indicator(plan, ind, subject.as_ref()).map_err(place)?);
    }
    let core_weight = indicators
        .iter()
        .filter(|i| i.class == IndicatorClass::Core)
        .map(|i| i.weight)
        .try_fold(Decimal::ZERO, |acc, w| acc.checked_add(w))
        .ok_or_else(|| Error::overflow("the total core weight"))?;
    Ok(Engine {
        indicators,
        policy: plan.policy.clone(),
        core_weight,
        subject,
        category: plan.category.clone(),
    })
}

fn indicator(
    plan: &CheckedPlan,
    ind: &CheckedIndicator,
    subject: Option<&StandardCode>,
) -> Result<CompiledIndicator, Error> {
    let unit = ind.unit.clone();
    let requirements = requirements(plan, ind, unit.as_ref())?;
    let level = benchmark_level(&requirements, ind.judgement);
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

/// The benchmark level: the benchmark requirements not strictly looser than another one, of
/// equivalent ones the first (requirements are in standard-number order). Under rounded-value
/// judgement the written digit is part of the requirement (`≥ 44.740` accepts from 44.7395,
/// `≥ 44.74` from 44.735), so sets alone cannot rank requirements: the others are kept after
/// those (but exact repeats), and a value must meet each.
fn benchmark_level(requirements: &[Requirement], method: Method) -> Vec<usize> {
    let benchmark: Vec<(usize, &Requirement)> = requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| r.role == Role::Benchmark)
        .collect();
    let mut level: Vec<usize> = Vec::new();
    for &(i, ri) in &benchmark {
        let dominated = benchmark
            .iter()
            .any(|&(j, rj)| j != i && ends_strictness(&rj.ends, &ri.ends) == Strictness::Stricter);
        let duplicate = level.iter().any(|&k| {
            requirements
                .get(k)
                .is_some_and(|rk| ends_strictness(&rk.ends, &ri.ends) == Strictness::Equivalent)
        });
        if !dominated && !duplicate {
            level.push(i);
        }
    }
    if method == Method::RoundedValue {
        for &(i, ri) in &benchmark {
            let repeat = level
                .iter()
                .any(|&k| requirements.get(k).is_some_and(|rk| rk.limit == ri.limit));
            if !repeat {
                level.push(i);
            }
        }
    }
    level
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
        .ok_or_else(|| {
            Error::invalid_plan(format!("bands.by \"{}\" is not an indicator", bands.by))
        })?;
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
