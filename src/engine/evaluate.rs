//! Judging products and the subject standard with a compiled plan.

use rust_decimal::Decimal;

use super::{CompiledIndicator, Engine, GradeTable, Grading, Requirement};
use crate::decision::{judge_with, Conformity, DecisionRule, Judgement, Method};
use crate::error::Error;
use crate::indicator::{Direction, IndicatorClass, Tolerance};
use crate::limit::{ends_contain, Ends};
use crate::measurement::Measurement;
use crate::plan::MissingPolicy;
use crate::product::{Product, Value};
use crate::rounding::{round_exact, Interval, Mark, RoundingMode};
use crate::unit::{convert_difference, convert_value};
use crate::verdict::{
    Class, GradeReached, IndicatorVerdict, LevelRequirement, Margin, Outcome, PolicyApplied,
    StandardIndicatorVerdict, StandardOutcome, StandardVerdict, Verdict,
};

/// A product's value for one indicator, in the indicator's unit.
#[derive(Clone, Copy, Debug)]
enum Input {
    Missing,
    Number { x: Decimal, mark: Option<Mark> },
    Qualitative(bool),
}

impl Engine {
    /// Judges one product: every indicator against the benchmark level, then the class by the
    /// plan's policy.
    ///
    /// # Errors
    ///
    /// When a value cannot be compared with its indicator (a unit of another dimension, a
    /// number for a qualitative indicator), with the product and indicator named.
    pub fn evaluate(&self, product: &Product) -> Result<Verdict, Error> {
        let place = |e: Error| e.context(format!("product \"{}\"", product.id));
        let inputs = self.inputs(product).map_err(place)?;
        let mut indicators = Vec::with_capacity(self.indicators.len());
        for (k, ind) in self.indicators.iter().enumerate() {
            let given = product.values.get(&ind.id).map(|v| v.to_string());
            let input = inputs.get(k).copied().unwrap_or(Input::Missing);
            let measured = match product.values.get(&ind.id) {
                Some(Value::Measured(m)) => Some(m),
                _ => None,
            };
            let verdict = self
                .judge(ind, input, given, measured, &inputs)
                .map_err(|e| place(e.context(format!("indicator \"{}\"", ind.id))))?;
            indicators.push(verdict);
        }
        Ok(self.classify(product.id.clone(), indicators))
    }

    /// Judges a batch; one result per product, in input order. A bad product is an error in
    /// its own place and never stops the batch.
    pub fn evaluate_batch(&self, products: &[Product]) -> Vec<Result<Verdict, Error>> {
        products.iter().map(|p| self.evaluate(p)).collect()
    }

    fn inputs(&self, product: &Product) -> Result<Vec<Input>, Error> {
        let mut out = Vec::with_capacity(self.indicators.len());
        for ind in &self.indicators {
            let input = match product.values.get(&ind.id) {
                None => Input::Missing,
                Some(Value::Qualitative(pass)) => {
                    if ind.direction != Direction::Qualitative {
                        return Err(Error::incompatible(format!(
                            "indicator \"{}\": value \"{}\": a pass/fail value for a {} indicator, which takes a number",
                            ind.id,
                            if *pass { "pass" } else { "fail" },
                            ind.direction
                        )));
                    }
                    Input::Qualitative(*pass)
                }
                Some(Value::Measured(m)) => {
                    if ind.direction == Direction::Qualitative {
                        return Err(Error::incompatible(format!(
                            "indicator \"{}\": value \"{m}\": a qualitative indicator takes \"pass\" or \"fail\"",
                            ind.id
                        )));
                    }
                    let raw = m.value().value();
                    let x = match (m.unit(), ind.unit.as_ref()) {
                        (Some(from), Some(to)) if from != to => if ind.deviations {
                            convert_difference(raw, from, to)
                        } else {
                            convert_value(raw, from, to)
                        }
                        .map_err(|e| e.context(format!("indicator \"{}\": value \"{m}\"", ind.id)))?,
                        (Some(from), None) => {
                            return Err(Error::incompatible(format!(
                                "indicator \"{}\": value \"{m}\" is in \"{from}\" but the indicator has no unit",
                                ind.id
                            )))
                        }
                        _ => raw,
                    };
                    Input::Number {
                        x,
                        mark: m.value().mark(),
                    }
                }
            };
            out.push(input);
        }
        Ok(out)
    }

    fn judge(
        &self,
        ind: &CompiledIndicator,
        input: Input,
        given: Option<String>,
        measured: Option<&Measurement>,
        inputs: &[Input],
    ) -> Result<IndicatorVerdict, Error> {
        // The benchmark level's requirements, walked without collecting them.
        let level = || ind.level.iter().filter_map(|&i| ind.requirements.get(i));
        let mut v = IndicatorVerdict {
            id: ind.id.clone(),
            class: ind.class,
            outcome: Outcome::Missing,
            value: given,
            compared: None,
            unit: ind.unit_text.clone(),
            limit: level().next().map(|r| r.limit_text.clone()),
            standard: level().next().map(|r| r.code_text.clone()),
            method: ind.method,
            interval: None,
            rule: (ind.rule != DecisionRule::Simple).then_some(ind.rule),
            decision: None,
            margin: None,
            grade: None,
            outside_grades: false,
        };
        let (x, mark) = match input {
            Input::Missing => return Ok(v),
            Input::Qualitative(pass) => {
                v.outcome = if pass {
                    Outcome::Meets
                } else {
                    Outcome::FallsShort
                };
                return Ok(v);
            }
            Input::Number { x, mark } => (x, mark),
        };
        v.compared = Some(x);

        // Grade first: it can decide "exceeds".
        let table = self.table_for(ind, inputs);
        let reached = match table {
            Some(t) => {
                let r = grade_of(ind, t, x, mark)?;
                v.outside_grades = r.is_none();
                v.grade = r.and_then(|k| {
                    t.grades.get(k).map(|g| GradeReached {
                        rank: k,
                        name: g.name.clone(),
                    })
                });
                r
            }
            None => {
                if matches!(ind.grading, Grading::Banded { .. }) {
                    v.outside_grades = true;
                }
                None
            }
        };

        if ind.level.is_empty() {
            v.outcome = Outcome::NotCompared;
            return Ok(v);
        }
        let mut conforms = true;
        let mut worst: Option<(Decimal, &Requirement)> = None;
        for req in level() {
            let (ok, compared, interval) = match (ind.rule, measured) {
                (DecisionRule::Simple, _) | (_, None) => conforms_to(ind, req, x, mark)?,
                (rule, Some(m)) => {
                    // A bare number is in the indicator's unit: say so before the rule converts.
                    let m = match (m.unit(), ind.unit.as_ref()) {
                        (None, Some(u)) => {
                            Measurement::new(m.value(), m.uncertainty(), Some(u.clone()))?
                        }
                        _ => m.clone(),
                    };
                    let mut options = Judgement::new().method(ind.method).rule(rule);
                    if let Some(i) = ind.interval {
                        options = options.interval(i);
                    }
                    let e = judge_with(m, &req.limit, options)?;
                    let statement = e.outcome;
                    if v.decision.is_none_or(|d| severity(statement) > severity(d)) {
                        v.decision = Some(statement);
                    }
                    let ok = matches!(statement, Conformity::Pass | Conformity::ConditionalPass);
                    let (_, compared, interval) = conforms_to(ind, req, x, mark)?;
                    (ok, compared, interval)
                }
            };
            if ind.method == Method::RoundedValue {
                v.compared = Some(compared);
                v.interval = interval;
            }
            if !ok && conforms {
                v.limit = Some(req.limit_text.clone());
                v.standard = Some(req.code_text.clone());
            }
            conforms &= ok;
            if let Some(m) = margin(ind.direction, &req.ends, compared)? {
                if worst.is_none_or(|(w, _)| m < w) {
                    worst = Some((m, req));
                }
            }
        }
        if let Some((m, req)) = worst {
            if conforms {
                v.limit = Some(req.limit_text.clone());
                v.standard = Some(req.code_text.clone());
            }
            let bound = binding_bound(ind.direction, &req.ends, v.compared.unwrap_or(x));
            v.margin = Some(Margin {
                value: m,
                share: bound
                    .filter(|b| !b.is_zero())
                    .and_then(|b| m.checked_div(b.abs()))
                    .map(|s| s.round_dp(6).normalize()),
            });
        }
        v.outcome = if !conforms {
            Outcome::FallsShort
        } else if exceeds(ind, table, reached, v.margin) {
            Outcome::Exceeds
        } else {
            Outcome::Meets
        };
        Ok(v)
    }

    fn table_for<'a>(
        &'a self,
        ind: &'a CompiledIndicator,
        inputs: &[Input],
    ) -> Option<&'a GradeTable> {
        match &ind.grading {
            Grading::None => None,
            Grading::Table(t) => Some(t),
            Grading::Banded { selector, bands } => {
                let Some(Input::Number { x, mark }) = inputs.get(*selector).copied() else {
                    return None;
                };
                bands
                    .iter()
                    .find_map(|(when, t)| ends_contain(when, x, mark).then_some(t))
            }
        }
    }

    fn classify(&self, product: String, indicators: Vec<IndicatorVerdict>) -> Verdict {
        let (class, decided_by, exceeding_weight) = self.class_of(
            indicators
                .iter()
                .map(|v| (v.id.as_str(), v.class, v.outcome)),
        );
        Verdict {
            product,
            class,
            decided_by,
            exceeding_weight: exceeding_weight.normalize(),
            core_weight: self.core_weight.normalize(),
            policy: self.policy_applied(),
            indicators,
        }
    }

    pub(crate) fn policy_applied(&self) -> PolicyApplied {
        PolicyApplied {
            leader_share: self.policy.leader_share,
            leader_min_exceeding: self.policy.leader_min_exceeding,
            missing: self.policy.missing,
        }
    }

    /// The class by the policy, from (id, class, outcome) per indicator.
    fn class_of<'a>(
        &self,
        outcomes: impl Iterator<Item = (&'a str, IndicatorClass, Outcome)> + Clone,
    ) -> (Class, Vec<String>, Decimal) {
        let counts =
            |class: IndicatorClass| class == IndicatorClass::Core || class == IndicatorClass::Basic;
        let gaps: Vec<String> = outcomes
            .clone()
            .filter(|(_, class, outcome)| {
                counts(*class)
                    && (*outcome == Outcome::FallsShort
                        || (*outcome == Outcome::Missing
                            && self.policy.missing == MissingPolicy::Gap))
            })
            .map(|(id, _, _)| id.to_owned())
            .collect();
        let weights: Vec<(&str, Decimal)> = self
            .indicators
            .iter()
            .map(|i| (i.id.as_str(), i.weight))
            .collect();
        let exceeding: Vec<(&str, Decimal)> = outcomes
            .filter(|(_, class, outcome)| {
                *class == IndicatorClass::Core && *outcome == Outcome::Exceeds
            })
            .map(|(id, _, _)| {
                let w = weights
                    .iter()
                    .find(|(i, _)| *i == id)
                    .map(|(_, w)| *w)
                    .unwrap_or_default();
                (id, w)
            })
            .collect();
        let weight = exceeding
            .iter()
            .fold(Decimal::ZERO, |acc, (_, w)| acc.saturating_add(*w));
        if !gaps.is_empty() {
            return (Class::Gap, gaps, weight);
        }
        let leader = match self.policy.leader_min_exceeding {
            Some(n) => exceeding.len() as u64 >= u64::from(n) && n > 0,
            None => {
                self.core_weight > Decimal::ZERO
                    && weight >= self.policy.leader_share.saturating_mul(self.core_weight)
            }
        };
        if leader {
            (
                Class::Leader,
                exceeding.iter().map(|(id, _)| (*id).to_owned()).collect(),
                weight,
            )
        } else {
            (Class::Follower, Vec::new(), weight)
        }
    }

    /// Judges the subject standard itself: its requirement per indicator against the benchmark
    /// level (stricter / equal / looser / incomparable / missing / fills a blank), classified by
    /// the same policy (stricter counts as exceeding, equal as meeting, looser or missing as
    /// falling short).
    ///
    /// # Errors
    ///
    /// When the plan names no subject standard.
    pub fn compare_standards(&self) -> Result<StandardVerdict, Error> {
        let subject = self.subject.clone().ok_or_else(|| {
            Error::invalid_plan("the plan has no standard with role \"subject\" to compare")
        })?;
        let mut out = Vec::with_capacity(self.indicators.len());
        for ind in &self.indicators {
            let level: Vec<&Requirement> = ind
                .level
                .iter()
                .filter_map(|&i| ind.requirements.get(i))
                .collect();
            let mine = ind.subject.and_then(|i| ind.requirements.get(i));
            let outcome = match (mine, level.is_empty()) {
                (None, true) => StandardOutcome::NotStated,
                (None, false) => StandardOutcome::Missing,
                (Some(_), true) => StandardOutcome::FillsBlank,
                (Some(m), false) => {
                    // Against every level requirement: the weakest relation counts.
                    let rel: Vec<StandardOutcome> = level
                        .iter()
                        .map(|r| crate::limit::ends_strictness(&m.ends, &r.ends).into())
                        .collect();
                    if rel.iter().all(|r| *r == StandardOutcome::Stricter) {
                        StandardOutcome::Stricter
                    } else if rel
                        .iter()
                        .all(|r| matches!(r, StandardOutcome::Stricter | StandardOutcome::Equal))
                    {
                        StandardOutcome::Equal
                    } else if rel.contains(&StandardOutcome::Looser) {
                        StandardOutcome::Looser
                    } else {
                        StandardOutcome::Incomparable
                    }
                }
            };
            out.push(StandardIndicatorVerdict {
                id: ind.id.clone(),
                class: ind.class,
                outcome,
                subject: mine.map(|m| m.limit.to_string()),
                level: level
                    .iter()
                    .map(|r| LevelRequirement {
                        standard: r.code.to_string(),
                        limit: r.limit.to_string(),
                    })
                    .collect(),
            });
        }
        let outcomes: Vec<(&str, IndicatorClass, Outcome)> = out
            .iter()
            .map(|v| {
                let o = match v.outcome {
                    StandardOutcome::Stricter => Outcome::Exceeds,
                    StandardOutcome::Equal => Outcome::Meets,
                    StandardOutcome::Looser | StandardOutcome::Incomparable => Outcome::FallsShort,
                    StandardOutcome::Missing => Outcome::Missing,
                    StandardOutcome::FillsBlank | StandardOutcome::NotStated => {
                        Outcome::NotCompared
                    }
                };
                (v.id.as_str(), v.class, o)
            })
            .collect();
        let (class, decided_by, _) = self.class_of(outcomes.iter().copied());
        Ok(StandardVerdict {
            standard: subject.to_string(),
            class,
            decided_by,
            indicators: out,
        })
    }
}

/// Orders statements from best to worst.
fn severity(c: Conformity) -> u8 {
    match c {
        Conformity::Pass => 0,
        Conformity::ConditionalPass => 1,
        Conformity::ConditionalFail => 2,
        _ => 3,
    }
}

/// Whether `x` conforms to `req` with the indicator's method; also the value as compared (in
/// the indicator's unit, or the limit's where it rounds in another unit) and the interval.
fn conforms_to(
    ind: &CompiledIndicator,
    req: &Requirement,
    x: Decimal,
    mark: Option<Mark>,
) -> Result<(bool, Decimal, Option<Interval>), Error> {
    match ind.method {
        Method::RoundedValue => {
            let interval = ind.interval.unwrap_or_else(|| req.limit.written_interval());
            let in_limit_unit = match (req.same_unit, ind.unit.as_ref(), req.limit.unit()) {
                (false, Some(from), Some(to)) => {
                    if ind.deviations {
                        convert_difference(x, from, to)?
                    } else {
                        convert_value(x, from, to)?
                    }
                }
                _ => x,
            };
            let rounded = round_exact(in_limit_unit, mark, interval, RoundingMode::HalfEven)
                .ok_or_else(|| Error::overflow(format!("rounding {x} to interval {interval}")))?;
            Ok((req.limit.contains(rounded), rounded, Some(interval)))
        }
        _ => Ok((ends_contain(&req.ends, x, mark), x, None)),
    }
}

/// The signed distance from `x` to the end(s) of the set that matter for the direction:
/// positive inside (better than the level), negative outside (the gap). A distance beyond 28
/// digits is an error, not a missing margin (which would turn an exceeding value into one that
/// only meets).
fn margin(direction: Direction, ends: &Ends, x: Decimal) -> Result<Option<Decimal>, Error> {
    let distance = |a: Decimal, b: Decimal| {
        a.checked_sub(b)
            .ok_or_else(|| Error::overflow(format!("the margin {a} − {b}")))
    };
    let from_lower = || ends.0.map(|b| distance(x, b.value)).transpose();
    let from_upper = || ends.1.map(|b| distance(b.value, x)).transpose();
    Ok(match direction {
        Direction::HigherIsBetter if ends.0.is_some() => from_lower()?,
        Direction::HigherIsBetter => from_upper()?,
        Direction::LowerIsBetter if ends.1.is_some() => from_upper()?,
        Direction::LowerIsBetter => from_lower()?,
        _ => match (from_lower()?, from_upper()?) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        },
    })
}

/// The bound the margin was measured from.
fn binding_bound(direction: Direction, ends: &Ends, x: Decimal) -> Option<Decimal> {
    let lower = ends.0.map(|b| b.value);
    let upper = ends.1.map(|b| b.value);
    match direction {
        Direction::HigherIsBetter => lower.or(upper),
        Direction::LowerIsBetter => upper.or(lower),
        _ => match (lower, upper) {
            (Some(l), Some(u)) => Some(if x.saturating_sub(l) <= u.saturating_sub(x) {
                l
            } else {
                u
            }),
            (l, u) => l.or(u),
        },
    }
}

/// The best grade `x` reaches (grades are nested, best first), judged with the indicator's
/// method; `None` outside every grade.
fn grade_of(
    ind: &CompiledIndicator,
    table: &GradeTable,
    x: Decimal,
    mark: Option<Mark>,
) -> Result<Option<usize>, Error> {
    for (k, g) in table.grades.iter().enumerate() {
        let inside = match ind.method {
            Method::RoundedValue => {
                let interval = ind.interval.unwrap_or_else(|| g.limit.written_interval());
                let r =
                    round_exact(x, mark, interval, RoundingMode::HalfEven).ok_or_else(|| {
                        Error::overflow(format!("rounding {x} to interval {interval}"))
                    })?;
                ends_contain(&g.ends, r, None)
            }
            _ => ends_contain(&g.ends, x, mark),
        };
        if inside {
            return Ok(Some(k));
        }
    }
    Ok(None)
}

/// Exceeds: a strictly better grade than the one the benchmark level guarantees; or, where the
/// indicator is not graded (or states a tolerance), a margin beyond the equivalence tolerance
/// (default 0). Nominal-is-best indicators without grades exceed only with a stated tolerance.
fn exceeds(
    ind: &CompiledIndicator,
    table: Option<&GradeTable>,
    reached: Option<usize>,
    margin: Option<Margin>,
) -> bool {
    if let (Some(t), Some(r)) = (table, reached) {
        if t.level_grade.is_some_and(|l| r < l) {
            return true;
        }
    }
    let graded = !matches!(ind.grading, Grading::None);
    let Some(m) = margin else { return false };
    let tolerance = match ind.tolerance {
        Some(t) => t,
        None if graded || ind.direction == Direction::NominalIsBest => return false,
        None => Tolerance::Absolute(Decimal::ZERO),
    };
    match tolerance {
        Tolerance::Absolute(t) => m.value > t,
        Tolerance::Relative(p) => match m.share {
            Some(share) => share.saturating_mul(Decimal::ONE_HUNDRED) > p,
            None => m.value > Decimal::ZERO,
        },
        #[allow(unreachable_patterns)]
        _ => false,
    }
}
