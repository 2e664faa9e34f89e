//! The verdict engine: compile a plan once, then judge many products (and the subject standard
//! itself) against the benchmark level and classify them as leader, follower or gap.
//!
//! Compiling ([`Plan::compile`]) reads every limit once, converts its conforming set into the
//! indicator's unit, finds each indicator's **benchmark level** — the strictest benchmark
//! requirement by inclusion of conforming sets; benchmark requirements that are incomparable
//! with each other are all kept and a value must meet each — and prepares the grade tables
//! and bands. The [`Engine`] is `Send + Sync`, holds no I/O and never parses text while judging
//! except a product's own values.
//!
//! ```
//! use duibiao::{Plan, Product};
//! use duibiao::verdict::Class;
//!
//! let plan = Plan::from_toml_str(r#"
//! schema_version = 1
//! category = { en = "smart toilet" }
//! [[standards]]
//! code = "T/CZGX 001-2022"
//! role = "benchmark"
//! [[indicators]]
//! id = "flush-water"
//! unit = "L"
//! direction = "lower-is-better"
//! requirements = { "T/CZGX 001-2022" = "≤ 4.0 L" }
//! "#)?;
//! let engine = plan.compile()?;
//! let verdict = engine.evaluate(&Product::new("P1").with("flush-water", "3600 mL")?)?;
//! assert_eq!(verdict.class, Class::Leader);
//! let verdict = engine.evaluate(&Product::new("P2").with("flush-water", "4.2")?)?;
//! assert_eq!(verdict.class, Class::Gap);
//! # Ok::<(), duibiao::Error>(())
//! ```

mod evaluate;
mod fast;
mod standards;

pub use standards::Requirements;

pub use fast::{Classifier, FastOutcome, Prepared};

use rust_decimal::Decimal;

use crate::decision::{DecisionRule, Method};
use crate::error::Error;
use crate::indicator::{Direction, IndicatorClass, Tolerance};
use crate::limit::{ends_inside, ends_strictness, Ends, Limit, Strictness};
use crate::plan::{Plan, Policy, Role};
use crate::rounding::Interval;
use crate::standard::{Names, StandardCode};
use crate::unit::Unit;

/// A requirement of one standard for one indicator, read and converted once.
#[derive(Clone, Debug)]
pub(crate) struct Requirement {
    pub(crate) code: StandardCode,
    pub(crate) role: Role,
    pub(crate) limit: Limit,
    /// The conforming set in the indicator's unit.
    pub(crate) ends: Ends,
    /// Whether the limit is written in the indicator's unit (or either has none).
    pub(crate) same_unit: bool,
    /// The canonical texts, made once for the evidence.
    pub(crate) limit_text: String,
    pub(crate) code_text: String,
}

#[derive(Clone, Debug)]
pub(crate) struct Grade {
    pub(crate) name: Names,
    pub(crate) limit: Limit,
    pub(crate) ends: Ends,
}

#[derive(Clone, Debug)]
pub(crate) struct GradeTable {
    pub(crate) grades: Vec<Grade>,
    /// The best grade the benchmark level guarantees (its set lies inside the grade's).
    pub(crate) level_grade: Option<usize>,
}

#[derive(Clone, Debug)]
pub(crate) enum Grading {
    None,
    Table(GradeTable),
    Banded {
        /// Index of the selector indicator.
        selector: usize,
        /// Each band's condition as a set in the selector's unit, and its grades.
        bands: Vec<(Ends, GradeTable)>,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct CompiledIndicator {
    pub(crate) id: String,
    pub(crate) unit: Option<Unit>,
    pub(crate) unit_text: Option<String>,
    pub(crate) direction: Direction,
    pub(crate) class: IndicatorClass,
    pub(crate) weight: Decimal,
    pub(crate) method: Method,
    pub(crate) rule: DecisionRule,
    pub(crate) interval: Option<Interval>,
    pub(crate) tolerance: Option<Tolerance>,
    pub(crate) requirements: Vec<Requirement>,
    /// Indices into `requirements`: the benchmark level.
    pub(crate) level: Vec<usize>,
    /// The subject standard's requirement, if stated.
    pub(crate) subject: Option<usize>,
    /// Values are deviations from a nominal (the level is written `±b`): convert as differences.
    pub(crate) deviations: bool,
    pub(crate) grading: Grading,
}

/// A compiled plan: judges products and the subject standard. Build it with
/// [`Plan::compile`].
#[derive(Clone, Debug)]
pub struct Engine {
    pub(crate) indicators: Vec<CompiledIndicator>,
    pub(crate) policy: Policy,
    pub(crate) core_weight: Decimal,
    pub(crate) subject: Option<StandardCode>,
    pub(crate) category: Names,
}

impl Plan {
    /// Checks the plan and compiles it into an [`Engine`].
    ///
    /// # Errors
    ///
    /// When [`Plan::check`] finds an error; the message lists every fault.
    pub fn compile(&self) -> Result<Engine, Error> {
        let report = self.check();
        if !report.is_ok() {
            let faults: Vec<String> = report.errors().map(|f| f.to_string()).collect();
            return Err(Error::invalid_plan(format!(
                "the plan has {} fault{}: {}",
                faults.len(),
                if faults.len() == 1 { "" } else { "s" },
                faults.join("; ")
            )));
        }
        compile(self)
    }
}

fn compile(plan: &Plan) -> Result<Engine, Error> {
    let role_of = |code: &StandardCode| {
        plan.standards
            .iter()
            .find(|s| &s.standard.code == code)
            .map(|s| s.role)
    };
    let subject = plan
        .standards
        .iter()
        .find(|s| s.role == Role::Subject)
        .map(|s| s.standard.code.clone());
    let mut indicators = Vec::with_capacity(plan.indicators.len());
    for ind in &plan.indicators {
        let place = |e: Error| e.context(format!("indicator \"{}\"", ind.id));
        let unit: Option<Unit> = ind
            .unit
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(place)?;
        let mut requirements = Vec::with_capacity(ind.requirements.len());
        for (code_text, limit_text) in &ind.requirements {
            let code: StandardCode = code_text.parse().map_err(place)?;
            let limit: Limit = limit_text.parse().map_err(place)?;
            let ends = limit.ends_in(unit.as_ref()).map_err(place)?;
            let same_unit = match (limit.unit(), unit.as_ref()) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            let role = role_of(&code).unwrap_or(Role::Reference);
            requirements.push(Requirement {
                limit_text: limit.to_string(),
                code_text: code.to_string(),
                code,
                role,
                limit,
                ends,
                same_unit,
            });
        }
        // The benchmark level: benchmark requirements not strictly looser than another one.
        let benchmark: Vec<usize> = requirements
            .iter()
            .enumerate()
            .filter(|(_, r)| r.role == Role::Benchmark)
            .map(|(i, _)| i)
            .collect();
        let mut level: Vec<usize> = Vec::new();
        for &i in &benchmark {
            let Some(ri) = requirements.get(i) else {
                continue;
            };
            let dominated = benchmark.iter().any(|&j| {
                requirements.get(j).is_some_and(|rj| {
                    j != i && ends_strictness(&rj.ends, &ri.ends) == Strictness::Stricter
                })
            });
            // Of equivalent requirements keep the first (plan order is sorted by code).
            let duplicate = level.iter().any(|&k| {
                requirements
                    .get(k)
                    .is_some_and(|rk| ends_strictness(&rk.ends, &ri.ends) == Strictness::Equivalent)
            });
            if !dominated && !duplicate {
                level.push(i);
            }
        }
        let subject_index = subject
            .as_ref()
            .and_then(|s| requirements.iter().position(|r| &r.code == s));
        let deviations = level
            .iter()
            .filter_map(|&i| requirements.get(i))
            .any(|r| r.limit.is_deviation_only());
        let level_ends: Vec<Ends> = level
            .iter()
            .filter_map(|&i| requirements.get(i).map(|r| r.ends))
            .collect();
        let table = |grades: &[crate::indicator::Grade]| -> Result<GradeTable, Error> {
            let mut out = Vec::with_capacity(grades.len());
            for g in grades {
                let limit: Limit = g.limit.parse().map_err(place)?;
                let ends = limit.ends_in(unit.as_ref()).map_err(place)?;
                out.push(Grade {
                    name: g.name.clone(),
                    limit,
                    ends,
                });
            }
            let level_grade = if level_ends.is_empty() {
                None
            } else {
                out.iter()
                    .position(|g| level_ends.iter().any(|l| ends_inside(l, &g.ends)))
            };
            Ok(GradeTable {
                grades: out,
                level_grade,
            })
        };
        let grading = if let Some(bands) = &ind.bands {
            let selector = plan
                .indicators
                .iter()
                .position(|o| o.id == bands.by)
                .ok_or_else(|| {
                    Error::invalid_plan(format!(
                        "indicator \"{}\": bands.by \"{}\" is not an indicator",
                        ind.id, bands.by
                    ))
                })?;
            let selector_unit: Option<Unit> = plan
                .indicators
                .get(selector)
                .and_then(|s| s.unit.as_deref())
                .map(str::parse)
                .transpose()
                .map_err(place)?;
            let mut compiled = Vec::with_capacity(bands.bands.len());
            for band in &bands.bands {
                let when: Limit = band.when.parse().map_err(place)?;
                let ends = when.ends_in(selector_unit.as_ref()).map_err(place)?;
                compiled.push((ends, table(&band.grades)?));
            }
            Grading::Banded {
                selector,
                bands: compiled,
            }
        } else if ind.grades.is_empty() {
            Grading::None
        } else {
            Grading::Table(table(&ind.grades)?)
        };
        indicators.push(CompiledIndicator {
            id: ind.id.clone(),
            unit_text: unit.as_ref().map(|u| u.to_string()),
            unit,
            direction: ind.direction,
            class: ind.class,
            weight: ind.weight,
            method: ind.judgement,
            rule: ind.decision_rule,
            interval: ind.interval,
            tolerance: ind.tolerance,
            requirements,
            level,
            subject: subject_index,
            deviations,
            grading,
        });
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

impl Engine {
    /// The product category of the plan.
    pub fn category(&self) -> &Names {
        &self.category
    }

    /// The columns of a products file that name no indicator of the plan (a misspelt header
    /// would otherwise make every product miss that indicator).
    ///
    /// ```
    /// # let plan = duibiao::Plan::from_toml_str(r#"
    /// # schema_version = 1
    /// # category = { en = "x" }
    /// # [[standards]]
    /// # code = "GB 1-2000"
    /// # role = "benchmark"
    /// # [[indicators]]
    /// # id = "flush-water"
    /// # direction = "lower-is-better"
    /// # requirements = { "GB 1-2000" = "≤ 4" }
    /// # "#)?;
    /// let engine = plan.compile()?;
    /// let unknown: Vec<&str> = engine.unknown_columns(["id", "flush_water"]).collect();
    /// assert_eq!(unknown, ["flush_water"]);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn unknown_columns<'a>(
        &'a self,
        columns: impl IntoIterator<Item = &'a str> + 'a,
    ) -> impl Iterator<Item = &'a str> + 'a {
        columns
            .into_iter()
            .filter(move |c| *c != "id" && !self.indicators.iter().any(|i| i.id == *c))
    }

    /// The total weight of the core indicators.
    pub fn core_weight(&self) -> Decimal {
        self.core_weight.normalize()
    }

    /// The indicator ids, in plan order.
    pub fn indicator_ids(&self) -> impl Iterator<Item = &str> {
        self.indicators.iter().map(|i| i.id.as_str())
    }

    /// The benchmark level of an indicator: the strictest benchmark requirements (several when
    /// they are incomparable), as (standard, limit) pairs.
    pub fn benchmark_level(&self, indicator: &str) -> Vec<(&StandardCode, &Limit)> {
        self.indicators
            .iter()
            .find(|i| i.id == indicator)
            .map(|i| {
                i.level
                    .iter()
                    .filter_map(|&k| i.requirements.get(k))
                    .map(|r| (&r.code, &r.limit))
                    .collect()
            })
            .unwrap_or_default()
    }
}
