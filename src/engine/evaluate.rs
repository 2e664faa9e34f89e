//! The exact evaluator: each indicator judged over decimals against its decision table, with
//! the evidence, and the class by [`rules::classify`]. Small pure functions, one per question
//! (the value in the indicator's unit, membership, grade, margin, exceeds), and one
//! orchestrator ([`Engine::judge`]).

use rust_decimal::Decimal;

use super::rules::{self, Part};
use super::{Banded, Case, Chooser, CompiledIndicator, Engine, GradeTable, Grading, Requirement};
use crate::decision::msg as judging;
use crate::decision::rule::apply as rule_apply;
use crate::decision::{Conformity, DecisionRule, Method, Zone};
use crate::error::msg::{PLACE_INDICATOR, PLACE_PRODUCT, PLACE_VALUE};
use crate::error::{t, Error};
use crate::indicator::Direction;
use crate::limit::{ends_contain, Ends, Limit};
use crate::measurement::Measurement;
use crate::number::exact;
use crate::product::{Product, Value};
use crate::rounding::{round_exact, Interval, Mark, RoundingMode};
use crate::unit::{convert_difference, convert_value, Unit};
use crate::verdict::{
    BandChosen, GradeReached, IndicatorVerdict, Margin, NearestGrades, Outcome, PolicyApplied,
    Verdict,
};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        INDICATOR_WITHOUT_UNIT = "value \"{0}\" is in \"{1}\" but the indicator has no unit",
            "数值 \"{0}\" 的单位是 \"{1}\"，但该指标没有单位";
        PASS_FAIL_FOR_NUMBER = "a pass/fail value for a {0} indicator, which takes a number",
            "{0} 指标应为数值，却给出合格/不合格值";
        QUALITATIVE_TAKES_PASS_FAIL = "a qualitative indicator takes \"pass\" or \"fail\"",
            "定性指标应为 \"pass\" 或 \"fail\"";
        /// What overflowed: the margin to a set's end.
        MARGIN = "the margin {0} − {1}", "余量 {0} − {1}";
        /// What overflowed: the margin's share of the bound it is measured from.
        SHARE = "the share of the margin {0} in its bound {1}", "余量 {0} 占其界限 {1} 的比例";
        PLACE_ATTRIBUTE = "attribute \"{0}\"", "属性 \"{0}\"";
        NOT_DECLARED = "not a declared value: write one of {0}", "不是声明的取值：请写 {0} 之一";
        DIFFERENCE_ON_ABSOLUTE = "the temperature difference \"{0}\" cannot be compared with this indicator's absolute temperatures: an indicator of temperature rises writes kind = \"temperature-difference\"",
            "温差 \"{0}\" 不能与该指标的绝对温度比较，温升指标应写 kind = \"temperature-difference\"";
    }
}

/// A value for one indicator, in the indicator's unit.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Input {
    Missing,
    Number { x: Decimal, mark: Option<Mark> },
    Qualitative(bool),
}

/// How an indicator is judged: the plan's method and, for a measured value, the value with
/// its uncertainty for the decision rule. A standard's requirement is judged as written
/// (full value, no rule): a requirement is a set, not a measurement.
#[derive(Clone, Copy, Debug)]
pub(crate) struct How<'a> {
    pub(crate) method: Method,
    pub(crate) measured: Option<&'a Measurement>,
}

/// A value in `to` from `from`: as a difference for deviation indicators (no offset), else as
/// a value. The one conversion of every path.
pub(crate) fn convert(
    deviations: bool,
    x: Decimal,
    from: &Unit,
    to: &Unit,
) -> Result<Decimal, Error> {
    if deviations {
        convert_difference(x, from, to)
    } else {
        convert_value(x, from, to)
    }
}

/// A measured value in an indicator's unit; a unit on an indicator without one is refused.
pub(crate) fn value_in(
    id: &str,
    unit: Option<&Unit>,
    deviations: bool,
    m: &Measurement,
) -> Result<Decimal, Error> {
    let raw = m.value().value();
    if m.is_difference() && !deviations {
        return Err(
            Error::incompatible(t!(msg::DIFFERENCE_ON_ABSOLUTE, m.to_string()))
                .place(t!(PLACE_VALUE, m.to_string()))
                .place(t!(PLACE_INDICATOR, id)),
        );
    }
    match (m.unit(), unit) {
        (Some(from), Some(to)) if from != to => convert(deviations, raw, from, to).map_err(|e| {
            e.place(t!(PLACE_VALUE, m.to_string()))
                .place(t!(PLACE_INDICATOR, id))
        }),
        (Some(from), None) => Err(Error::incompatible(t!(
            msg::INDICATOR_WITHOUT_UNIT,
            m.to_string(),
            from.to_string()
        ))
        .place(t!(PLACE_INDICATOR, id))),
        _ => Ok(raw),
    }
}

/// A product's value for an indicator as an [`Input`]: a pass/fail value only for a
/// qualitative indicator, a number only for the others.
pub(crate) fn input_of(ind: &CompiledIndicator, value: Option<&Value>) -> Result<Input, Error> {
    let qualitative = ind.direction == Direction::Qualitative;
    match value {
        None => Ok(Input::Missing),
        Some(Value::Qualitative(pass)) if qualitative => Ok(Input::Qualitative(*pass)),
        Some(Value::Qualitative(pass)) => Err(Error::incompatible(t!(
            msg::PASS_FAIL_FOR_NUMBER,
            ind.direction.to_string()
        ))
        .place(t!(PLACE_VALUE, if *pass { "pass" } else { "fail" }))
        .place(t!(PLACE_INDICATOR, &ind.id))),
        Some(Value::Measured(m)) if qualitative => {
            Err(Error::incompatible(t!(msg::QUALITATIVE_TAKES_PASS_FAIL))
                .place(t!(PLACE_VALUE, m.to_string()))
                .place(t!(PLACE_INDICATOR, &ind.id)))
        }
        Some(Value::Measured(m)) => Ok(Input::Number {
            x: value_in(&ind.id, ind.unit.as_ref(), ind.deviations, m)?,
            mark: m.value().mark(),
        }),
    }
}

/// Whether `x` lies in a requirement's or grade's set by `method`: the full value as is, or
/// the value rounded (GB/T 8170 4.3.3) at the plan's interval (in the indicator's unit) or at
/// the limit's written digit, in the limit's own unit. Also the value as compared, always in
/// the indicator's unit (a value rounded in the limit's unit is converted back), and the
/// interval rounded at.
fn member(
    ind: &CompiledIndicator,
    method: Method,
    limit: &Limit,
    ends: &Ends,
    x: Decimal,
    mark: Option<Mark>,
) -> Result<(bool, Decimal, Option<Interval>), Error> {
    if method != Method::RoundedValue {
        return Ok((ends_contain(ends, x, mark), x, None));
    }
    let round = |v: Decimal, i: Interval| {
        round_exact(v, mark, i, RoundingMode::HalfEven)
            .ok_or_else(|| Error::overflow(t!(judging::ROUNDING, v.to_string(), i.to_string())))
    };
    let interval = ind.interval.unwrap_or_else(|| limit.written_interval());
    match (ind.interval, ind.unit.as_ref(), limit.unit()) {
        (None, Some(own), Some(written)) if own != written => {
            let r = round(convert(ind.deviations, x, own, written)?, interval)?;
            Ok((
                limit.contains(r),
                convert(ind.deviations, r, written, own)?,
                Some(interval),
            ))
        }
        _ => {
            let r = round(x, interval)?;
            Ok((ends_contain(ends, r, None), r, Some(interval)))
        }
    }
}

/// The margin to a set: the distance to the end the direction measures from
/// ([`rules::pick_margin`]), positive inside, with that end's value. Beyond 28 digits it is an
/// error, never a missing margin (which would turn an exceeding value into one that meets).
fn margin_to(
    direction: Direction,
    ends: &Ends,
    x: Decimal,
) -> Result<Option<(Decimal, Decimal)>, Error> {
    let distance = |a: Decimal, b: Decimal| {
        exact::try_sub(a, b).map_err(|f| f.error(t!(msg::MARGIN, a.to_string(), b.to_string())))
    };
    let from_lower = ends
        .0
        .map(|b| distance(x, b.value).map(|d| (d, b.value)))
        .transpose()?;
    let from_upper = ends
        .1
        .map(|b| distance(b.value, x).map(|d| (d, b.value)))
        .transpose()?;
    Ok(rules::pick_margin(direction, from_lower, from_upper))
}

/// The margin with its share of the bound it is measured from (absent for a zero bound),
/// the share correctly rounded, half to even, to 6 decimals ([`exact::div_rounded`]): it is
/// stated and ranked, while a relative tolerance compares the exact ratio
/// ([`rules::beyond`]). A share beyond the range of a decimal is an error, never a missing
/// share (which would read as a zero bound).
fn margin_of(value: Decimal, bound: Decimal) -> Result<Margin, Error> {
    let share = if bound.is_zero() {
        None
    } else {
        let s = exact::div_rounded(value, bound.abs(), 6)
            .map_err(|f| f.error(t!(msg::SHARE, value.to_string(), bound.abs().to_string())))?;
        Some(s.normalize())
    };
    Ok(Margin { value, share })
}

/// Orders decision-rule statements from best to worst.
fn severity(c: Conformity) -> u8 {
    match c {
        Conformity::Pass => 0,
        Conformity::ConditionalPass => 1,
        Conformity::ConditionalFail => 2,
        _ => 3,
    }
}

/// A value against each requirement of the benchmark level.
struct LevelJudgement<'a> {
    conforms: bool,
    /// The value as compared with the requirement that decided.
    compared: Decimal,
    interval: Option<Interval>,
    /// The worst decision-rule statement, where a rule with a guard band applied.
    decision: Option<Conformity>,
    /// The requirement that decided: the first one not met, else the one with the smallest
    /// margin, else the first.
    decided: Option<&'a Requirement>,
    margin: Option<Margin>,
    /// The bound the margin is measured from.
    bound: Decimal,
}

/// One requirement: membership by the method, or the decision rule's statement where one
/// applies to a measured value (a conditional pass conforms, a conditional fail does not). The
/// rule is applied where membership is decided: to the value as compared, in the indicator's
/// unit, against the requirement's set in that unit, with the guard band from U in that unit.
fn against(
    ind: &CompiledIndicator,
    how: How<'_>,
    req: &Requirement,
    x: Decimal,
    mark: Option<Mark>,
) -> Result<(bool, Decimal, Option<Interval>, Option<Conformity>), Error> {
    let (ok, compared, interval) = member(ind, how.method, &req.limit, &req.ends, x, mark)?;
    let (rule, m) = match (ind.rule, how.measured) {
        (DecisionRule::Simple, _) | (_, None) => return Ok((ok, compared, interval, None)),
        (rule, Some(m)) => (rule, m),
    };
    let u = match (m.uncertainty(), m.unit(), ind.unit.as_ref()) {
        (Some(u), Some(from), Some(to)) if from != to => Some(convert_difference(u, from, to)?),
        (u, ..) => u,
    };
    let w = match (u, rule.guard_band_factor()) {
        (Some(u), _) => rule.guard_band(u)?,
        (None, None) => Decimal::ZERO,
        (None, Some(_)) => {
            return Err(Error::invalid(
                "value",
                &m.to_string(),
                t!(judging::NEEDS_UNCERTAINTY, rule.to_string(), m.to_string()),
            ))
        }
    };
    // A mark is spent by rounding.
    let mark = if interval.is_some() { None } else { mark };
    let zone = Zone {
        lower: req.ends.0,
        upper: req.ends.1,
    };
    let statement = rule_apply(rule, zone, w, compared, mark)?.outcome;
    let ok = matches!(statement, Conformity::Pass | Conformity::ConditionalPass);
    Ok((ok, compared, interval, Some(statement)))
}

fn judge_level<'a>(
    ind: &'a CompiledIndicator,
    how: How<'_>,
    x: Decimal,
    mark: Option<Mark>,
) -> Result<LevelJudgement<'a>, Error> {
    let mut j = LevelJudgement {
        conforms: true,
        compared: x,
        interval: None,
        decision: None,
        decided: ind.level_requirements().next(),
        margin: None,
        bound: Decimal::ZERO,
    };
    let mut failed: Option<(&Requirement, Decimal, Option<Interval>)> = None;
    let mut smallest: Option<(Decimal, Decimal, &Requirement, Decimal, Option<Interval>)> = None;
    for req in ind.level_requirements() {
        let (ok, compared, interval, statement) = against(ind, how, req, x, mark)?;
        if let Some(s) = statement {
            if j.decision.is_none_or(|d| severity(s) > severity(d)) {
                j.decision = Some(s);
            }
        }
        if !ok && failed.is_none() {
            failed = Some((req, compared, interval));
        }
        j.conforms &= ok;
        if let Some((m, bound)) = margin_to(ind.direction, &req.ends, compared)? {
            if smallest.is_none_or(|(s, ..)| m < s) {
                smallest = Some((m, bound, req, compared, interval));
            }
        }
    }
    if let Some((m, bound, req, compared, interval)) = smallest {
        j.margin = Some(margin_of(m, bound)?);
        j.bound = bound;
        (j.decided, j.compared, j.interval) = (Some(req), compared, interval);
    }
    if let Some((req, compared, interval)) = failed {
        (j.decided, j.compared, j.interval) = (Some(req), compared, interval);
    }
    Ok(j)
}

/// The best grade `x` reaches (grades are nested, best first) by the method; `None` outside
/// every grade.
fn grade_of(
    ind: &CompiledIndicator,
    method: Method,
    table: &GradeTable,
    x: Decimal,
    mark: Option<Mark>,
) -> Result<Option<usize>, Error> {
    for (k, g) in table.grades.iter().enumerate() {
        if member(ind, method, &g.limit, &g.ends, x, mark)?.0 {
            return Ok(Some(k));
        }
    }
    Ok(None)
}

/// The grades nearest a value in no grade of `table` ([`crate::indicator::nearest_grades`]).
fn nearest(ind: &CompiledIndicator, table: &GradeTable, x: Decimal) -> NearestGrades {
    let sets: Vec<crate::limit::Ends> = table.grades.iter().map(|g| g.ends).collect();
    let (better, worse) = crate::indicator::nearest_grades(&sets, x, ind.direction);
    let named = |k: Option<usize>| {
        let k = k?;
        table.grades.get(k).map(|g| GradeReached {
            rank: k,
            name: g.name.clone(),
        })
    };
    NearestGrades {
        better: named(better),
        worse: named(worse),
    }
}

/// Exceeds: a strictly better grade than the level's ([`rules::better_grade`]), or a margin
/// beyond the tolerance ([`rules::beyond`]) where a margin can exceed.
fn exceeds(
    ind: &CompiledIndicator,
    table: Option<&GradeTable>,
    reached: Option<usize>,
    margin: Option<Margin>,
    bound: Decimal,
) -> bool {
    rules::better_grade(reached, table.and_then(|t| t.level_grade))
        || matches!((ind.margin_tolerance, margin), (Some(t), Some(m)) if rules::beyond(t, m.value, bound))
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
        let place = |e: Error| e.place(t!(PLACE_PRODUCT, &product.id));
        self.declared(product).map_err(place)?;
        let inputs = self
            .indicators
            .iter()
            .map(|ind| input_of(ind, product.values.get(&ind.id)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(place)?;
        let mut indicators = Vec::with_capacity(self.indicators.len());
        for (ind, input) in self.indicators.iter().zip(&inputs) {
            let value = product.values.get(&ind.id);
            let how = How {
                method: ind.method,
                measured: match value {
                    Some(Value::Measured(m)) => Some(m),
                    _ => None,
                },
            };
            let given = value.map(|v| v.to_string());
            let verdict = match &ind.banded {
                None => self.judge(ind, *input, given, how, &inputs),
                Some(banded) => {
                    self.judge_banded(ind, banded, *input, given, how, &inputs, product)
                }
            }
            .map_err(|e| place(e.place(t!(PLACE_INDICATOR, &ind.id))))?;
            indicators.push(verdict);
        }
        self.verdict(product.id.clone(), indicators).map_err(place)
    }

    /// Every attribute value the product gives is one the plan declares.
    fn declared(&self, product: &Product) -> Result<(), Error> {
        declared(&self.attributes, product)
    }

    /// The band of an indicator whose requirements vary with a band, by the selector's value
    /// (an indicator's, or a declared attribute's), with the evidence: the band's index, or
    /// none when the value is missing or in no band.
    pub(crate) fn band_of(
        &self,
        banded: &Banded,
        inputs: &[Input],
        product: Option<&Product>,
    ) -> (Option<usize>, BandChosen) {
        let (value, chosen) = match banded.chooser {
            Chooser::Indicator(k) => {
                let given = self
                    .indicators
                    .get(k)
                    .zip(product)
                    .and_then(|(s, p)| p.values.get(&s.id))
                    .map(|v| v.to_string());
                let chosen = match inputs.get(k).copied() {
                    Some(Input::Number { x, mark }) => banded.bands.iter().position(
                        |c| matches!(&c.when, Case::Ends(when) if ends_contain(when, x, mark)),
                    ),
                    _ => None,
                };
                (given, chosen)
            }
            Chooser::Attribute(a) => {
                let given = self
                    .attributes
                    .get(a)
                    .zip(product)
                    .and_then(|(a, p)| p.attributes.get(&a.id))
                    .cloned();
                let chosen = given.as_ref().and_then(|g| {
                    banded
                        .bands
                        .iter()
                        .position(|c| matches!(&c.when, Case::Value(v) if v == g))
                });
                (given, chosen)
            }
        };
        let evidence = BandChosen {
            by: banded.by.clone(),
            value,
            when: chosen
                .and_then(|k| banded.bands.get(k))
                .map(|c| c.when_text.clone()),
        };
        (chosen, evidence)
    }

    /// An indicator whose requirements vary with a band: judged in the band the selector
    /// chooses; `missing`, with no limit, where none is chosen (the selector is missing or in
    /// no band): a band is never guessed.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn judge_banded(
        &self,
        ind: &CompiledIndicator,
        banded: &Banded,
        input: Input,
        given: Option<String>,
        how: How<'_>,
        inputs: &[Input],
        product: &Product,
    ) -> Result<IndicatorVerdict, Error> {
        let (chosen, evidence) = self.band_of(banded, inputs, Some(product));
        let mut v = match chosen.and_then(|k| banded.bands.get(k)) {
            Some(case) => self.judge(&case.judged, input, given, how, inputs)?,
            None => {
                let mut v = self.blank(ind, given);
                // Missing, or not compared where no band has a benchmark requirement.
                v.outcome = rules::unjudged(ind.compared(), false).unwrap_or(Outcome::Missing);
                v.compared = match input {
                    Input::Number { x, .. } => Some(x),
                    _ => None,
                };
                (v.limit, v.standard) = (None, None);
                // A graded value in no band lies outside every grade, as it would with bands
                // of grades alone.
                v.outside_grades = matches!(input, Input::Number { .. })
                    && banded
                        .bands
                        .iter()
                        .any(|c| !matches!(c.judged.grading, Grading::None));
                v
            }
        };
        v.band = Some(evidence);
        Ok(v)
    }

    /// Judges a batch; one result per product, in input order. A bad product is an error in
    /// its own place and never stops the batch.
    pub fn evaluate_batch(&self, products: &[Product]) -> Vec<Result<Verdict, Error>> {
        products.iter().map(|p| self.evaluate(p)).collect()
    }

    /// The verdict of an indicator with no evidence yet: outcome missing, the level's first
    /// requirement as the limit.
    fn blank(&self, ind: &CompiledIndicator, given: Option<String>) -> IndicatorVerdict {
        let first = ind.level_requirements().next();
        IndicatorVerdict {
            id: ind.id.clone(),
            class: ind.class,
            outcome: Outcome::Missing,
            value: given,
            compared: None,
            unit: ind.unit_text.clone(),
            limit: first.map(|r| r.limit_text.clone()),
            standard: first.map(|r| r.code_text.clone()),
            limit_class: first.and_then(|r| r.class.clone()),
            method: ind.method,
            interval: None,
            rule: (ind.rule != DecisionRule::Simple).then_some(ind.rule),
            decision: None,
            margin: None,
            grade: None,
            outside_grades: false,
            nearest_grades: None,
            tier_reached: self.tiers_counted(ind).then_some(false),
            band: None,
        }
    }

    /// Whether the tier policy reads this indicator's grades as tiers: a core indicator with
    /// grades that counts in the leader decision.
    pub(crate) fn tiers_counted(&self, ind: &CompiledIndicator) -> bool {
        self.policy.leader.is_some()
            && ind.graded()
            && rules::counted(ind.class, ind.compared(), self.policy.unstated)
    }

    /// One indicator: the unjudged outcomes first ([`rules::unjudged`]), the grade, the level,
    /// then falls short / exceeds / meets.
    pub(crate) fn judge(
        &self,
        ind: &CompiledIndicator,
        input: Input,
        given: Option<String>,
        how: How<'_>,
        inputs: &[Input],
    ) -> Result<IndicatorVerdict, Error> {
        let mut v = self.blank(ind, given);
        let (x, mark) = match input {
            Input::Missing => {
                v.outcome = rules::unjudged(ind.compared(), false).unwrap_or(Outcome::Missing);
                return Ok(v);
            }
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
        let table = self.table_for(ind, inputs);
        let reached = match table {
            Some(t) => grade_of(ind, how.method, t, x, mark)?,
            None => None,
        };
        v.outside_grades = !matches!(ind.grading, Grading::None) && reached.is_none();
        if let (true, Some(t)) = (v.outside_grades, table) {
            v.nearest_grades = Some(nearest(ind, t, x));
        }
        v.grade = reached.and_then(|k| {
            let g = table?.grades.get(k)?;
            Some(GradeReached {
                rank: k,
                name: g.name.clone(),
            })
        });
        if let (Some(rule), Some(_)) = (&self.policy.leader, v.tier_reached) {
            let tier = table.and_then(|t| rule.index_in(t.grades.iter().map(|g| &g.name)));
            v.tier_reached = Some(rules::reaches_tier(reached, tier));
        }
        if let Some(outcome) = rules::unjudged(ind.compared(), true) {
            v.outcome = outcome;
            return Ok(v);
        }
        let j = judge_level(ind, how, x, mark)?;
        if how.method == Method::RoundedValue {
            (v.compared, v.interval) = (Some(j.compared), j.interval);
        }
        if let Some(req) = j.decided {
            v.limit = Some(req.limit_text.clone());
            v.standard = Some(req.code_text.clone());
            v.limit_class.clone_from(&req.class);
        }
        v.decision = j.decision;
        v.margin = j.margin;
        v.outcome = if !j.conforms {
            Outcome::FallsShort
        } else if exceeds(ind, table, reached, v.margin, j.bound) {
            Outcome::Exceeds
        } else {
            Outcome::Meets
        };
        Ok(v)
    }

    /// The grade table that applies: the indicator's, or its band's by the selector's value.
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

    /// The verdict from the indicators' verdicts, classified by [`rules::classify`].
    pub(crate) fn verdict(
        &self,
        product: String,
        indicators: Vec<IndicatorVerdict>,
    ) -> Result<Verdict, Error> {
        let parts = self
            .indicators
            .iter()
            .zip(&indicators)
            .map(|(ind, v)| Part {
                class: v.class,
                weight: ind.weight,
                outcome: v.outcome,
                tier: v.tier_reached,
            });
        let c = rules::classify(&self.policy, self.core_weight, parts)?;
        Ok(Verdict {
            schema_version: crate::verdict::SchemaVersion::CURRENT,
            product,
            class: c.class,
            decided_by: c
                .decided_by
                .iter()
                .filter_map(|&k| indicators.get(k).map(|v| v.id.clone()))
                .collect(),
            exceeding_weight: c.exceeding_weight.normalize(),
            core_weight: self.core_weight.normalize(),
            policy: self.policy_applied(),
            indicators,
        })
    }

    pub(crate) fn policy_applied(&self) -> PolicyApplied {
        PolicyApplied {
            leader_share: self.policy.leader_share,
            leader_min_exceeding: self.policy.leader_min_exceeding,
            missing: self.policy.missing,
            leader: self.policy.leader.clone(),
            unstated: self.policy.unstated,
        }
    }
}

/// Every attribute value the product gives is one of `attributes` declares (the one check of
/// both paths).
pub(crate) fn declared(
    attributes: &[crate::plan::Attribute],
    product: &Product,
) -> Result<(), Error> {
    for a in attributes {
        let Some(value) = product.attributes.get(&a.id) else {
            continue;
        };
        if !a.values.iter().any(|v| &v.id == value) {
            let declared: Vec<String> = a.values.iter().map(|v| format!("\"{}\"", v.id)).collect();
            return Err(Error::invalid(
                "value",
                &crate::number::truncate(value),
                t!(msg::NOT_DECLARED, declared.join(", ")),
            )
            .place(t!(msg::PLACE_ATTRIBUTE, &a.id)));
        }
    }
    Ok(())
}
