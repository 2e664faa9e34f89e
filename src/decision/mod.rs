//! Judging a value against a limit (GB/T 8170-2008 4.3).
//!
//! Two methods, fixed before judging:
//!
//! - **Full-value comparison** (全数值比较法, [`Method::FullValue`], the default unless the
//!   standard says otherwise): the value as measured, unrounded, must lie in the limit's
//!   conforming set. Any excursion fails: 96.96 fails `≥ 97.0`.
//! - **Rounded-value comparison** (修约值比较法, [`Method::RoundedValue`]): the value is first
//!   rounded (GB/T 8170 rules, round half to even, once) to the limit's written digit — or to a
//!   given interval — and the rounded value must lie in the set: 96.96 → 97.0 passes `≥ 97.0`.
//!   For closed limits it accepts a little more than full-value comparison; with open ends it
//!   can reject what full-value comparison accepts.
//!
//! A value reported with its expanded uncertainty U can further be judged with a
//! [`DecisionRule`] (ILAC-G8:09/2019): simple acceptance, guarded acceptance, guarded rejection
//! or the non-binary statement with conditional outcomes; see the [`rule`] module for the zones
//! and the boundary convention. [`judge_with`] takes all choices at once as a [`Judgement`].
//!
//! ```
//! use duibiao::decision::{judge, Conformity, Method};
//! use duibiao::Limit;
//!
//! let naoh: Limit = "≥ 97.0 %".parse()?;
//! assert_eq!(judge("96.96".parse::<rust_decimal::Decimal>()?, &naoh, Method::FullValue)?, Conformity::Fail);
//! assert_eq!(judge("96.96".parse::<rust_decimal::Decimal>()?, &naoh, Method::RoundedValue)?, Conformity::Pass);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod rule;

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{t, Error};
use crate::limit::{ends_strictness, Bound, Ends, Limit, Strictness};
use crate::measurement::Measurement;
use crate::rounding::{round_exact, Interval, RoundingMode};
use crate::schema_text::DecimalText;
use crate::unit::{convert_difference, convert_value, Unit};

pub use rule::{DecisionRule, GuardBandFactor, Zone};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        EXPECTED_OUTCOME = "expected \"pass\", \"fail\", \"conditional-pass\" or \"conditional-fail\"",
            "应为 \"pass\"、\"fail\"、\"conditional-pass\" 或 \"conditional-fail\"";
        EXPECTED_METHOD = "expected \"full-value\" (全数值比较法) or \"rounded-value\" (修约值比较法)",
            "应为 \"full-value\"（全数值比较法）或 \"rounded-value\"（修约值比较法）";
        /// The place of a judgement: `value "3 kg" against limit "≤ 4 L"`.
        PLACE_VALUE_AGAINST_LIMIT = "value \"{0}\" against limit \"{1}\"", "数值 \"{0}\" 对照限值 \"{1}\"";
        LIMIT_WITHOUT_UNIT = "the value is in \"{0}\" but the limit has no unit", "数值的单位是 \"{0}\"，但限值没有单位";
        NEEDS_UNCERTAINTY = "the decision rule \"{0}\" needs the expanded uncertainty U of the value (write \"{1} ± U\")",
            "判定规则 \"{0}\" 需要数值的扩展不确定度 U（请写作 \"{1} ± U\"）";
        /// What overflowed: rounding a value for rounded-value comparison.
        ROUNDING = "rounding {0} to interval {1}", "将 {0} 按修约间隔 {1} 修约";
    }
}

/// How a value is compared with a limit (GB/T 8170-2008 4.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Method {
    /// 全数值比较法: the unrounded value must lie in the conforming set (a value exactly on a
    /// closed end passes, on an open end fails).
    #[default]
    FullValue,
    /// 修约值比较法: the value rounded once to the interval (by default the limit's written
    /// digit) must lie in the conforming set.
    RoundedValue,
}

impl Method {
    /// `full-value` or `rounded-value`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::FullValue => "full-value",
            Method::RoundedValue => "rounded-value",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Conformity {
    type Err = Error;

    fn from_str(s: &str) -> Result<Conformity, Error> {
        match s.trim() {
            "pass" => Ok(Conformity::Pass),
            "fail" => Ok(Conformity::Fail),
            "conditional-pass" => Ok(Conformity::ConditionalPass),
            "conditional-fail" => Ok(Conformity::ConditionalFail),
            other => Err(Error::syntax("outcome", other, t!(msg::EXPECTED_OUTCOME))),
        }
    }
}

impl FromStr for Method {
    type Err = Error;

    fn from_str(s: &str) -> Result<Method, Error> {
        match s.trim() {
            "full-value" | "全数值比较法" => Ok(Method::FullValue),
            "rounded-value" | "修约值比较法" => Ok(Method::RoundedValue),
            other => Err(Error::syntax(
                "judgement method",
                other,
                t!(msg::EXPECTED_METHOD),
            )),
        }
    }
}

/// The outcome of judging one value.
///
/// Binary rules (simple acceptance, guarded acceptance, guarded rejection) give only
/// [`Pass`](Conformity::Pass) and [`Fail`](Conformity::Fail); the non-binary rule of
/// ILAC-G8:09/2019 4.2.3 adds the two conditional outcomes. With TL a tolerance limit and w the
/// guard band, each variant states its inequalities for an upper limit `≤ TL` (mirror them
/// for a lower limit; boundaries by the written-end convention of [`rule`]).
///
/// ```
/// use duibiao::decision::Conformity;
/// assert_eq!(Conformity::ConditionalPass.as_str(), "conditional-pass");
/// assert!(Conformity::ConditionalFail.is_conditional());
/// assert!(!Conformity::ConditionalPass.is_pass());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Conformity {
    /// The value conforms: x ≤ TL with simple acceptance, x ≤ AL = TL − w with guarded
    /// acceptance and the non-binary rule, x ≤ TL + w with guarded rejection (the boundary
    /// passes).
    Pass,
    /// The value does not conform: x > TL with simple acceptance, x > AL with guarded
    /// acceptance, x > TL + w with guarded rejection and the non-binary rule (the boundary is
    /// not a fail).
    Fail,
    /// Non-binary rule only: AL < x ≤ TL — the value conforms, but less than w inside the
    /// limit (on TL is a conditional pass).
    ConditionalPass,
    /// Non-binary rule only: TL < x ≤ TL + w — the value does not conform, but lies within w
    /// of the limit (on TL + w is a conditional fail).
    ConditionalFail,
}

impl Conformity {
    /// `pass`, `fail`, `conditional-pass` or `conditional-fail`.
    ///
    /// ```
    /// use duibiao::decision::Conformity;
    /// assert_eq!(Conformity::Fail.as_str(), "fail");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Conformity::Pass => "pass",
            Conformity::Fail => "fail",
            Conformity::ConditionalPass => "conditional-pass",
            Conformity::ConditionalFail => "conditional-fail",
        }
    }

    /// True for [`Conformity::Pass`] alone (not for a conditional pass).
    ///
    /// ```
    /// use duibiao::decision::Conformity;
    /// assert!(Conformity::Pass.is_pass());
    /// ```
    pub fn is_pass(self) -> bool {
        self == Conformity::Pass
    }

    /// True for [`Conformity::ConditionalPass`] and [`Conformity::ConditionalFail`].
    ///
    /// ```
    /// use duibiao::decision::Conformity;
    /// assert!(!Conformity::Fail.is_conditional());
    /// ```
    pub fn is_conditional(self) -> bool {
        matches!(
            self,
            Conformity::ConditionalPass | Conformity::ConditionalFail
        )
    }

    pub(crate) fn of(pass: bool) -> Conformity {
        if pass {
            Conformity::Pass
        } else {
            Conformity::Fail
        }
    }
}

impl fmt::Display for Conformity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Judges `value` against `limit` with `method`; rounded-value comparison rounds to the limit's
/// written digit ([`Limit::written_interval`]). Simple acceptance: any uncertainty is ignored.
/// See [`evidence`] for units and [`judge_with`] for decision rules.
///
/// ```
/// use duibiao::decision::{judge, Conformity, Method};
/// assert_eq!(judge(rust_decimal::Decimal::TEN, &"≤ 10 mg/kg".parse()?, Method::FullValue)?, Conformity::Pass);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// When the value's unit does not convert into the limit's, or when rounding overflows.
pub fn judge(
    value: impl Into<Measurement>,
    limit: &Limit,
    method: Method,
) -> Result<Conformity, Error> {
    Ok(evidence(value, limit, method, None)?.outcome)
}

/// Everything chosen before judging: the method (全数值比较法 / 修约值比较法), the decision
/// rule for the measurement uncertainty, and the rounding interval of rounded-value comparison
/// (by default the limit's written digit).
///
/// Built like jiff's options: [`Judgement::new`] (or `Default`) gives full-value comparison
/// with simple acceptance, setters take and return the options by value, and `From` turns a
/// lone [`Method`] or [`DecisionRule`] into options, so [`judge_with`] takes either.
///
/// ```
/// use duibiao::decision::{judge_with, Conformity, DecisionRule, Judgement, Method};
/// use duibiao::{Limit, Measurement};
///
/// let limit: Limit = "≥ 97.0 %".parse()?;
/// let options = Judgement::new().method(Method::RoundedValue).rule(DecisionRule::guarded_acceptance());
/// // 97.04 rounds to 97.0; with U = 0.05 the acceptance limit is 97.05.
/// let e = judge_with("97.04 ± 0.05".parse::<Measurement>()?, &limit, options)?;
/// assert_eq!(e.rounded.map(|r| r.to_string()).as_deref(), Some("97.0"));
/// assert_eq!(e.outcome, Conformity::Fail);
/// assert_eq!(judge_with("97.04".parse::<Measurement>()?, &limit, Method::RoundedValue)?.outcome, Conformity::Pass);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Judgement {
    method: Method,
    rule: DecisionRule,
    interval: Option<Interval>,
    difference: bool,
}

impl Judgement {
    /// Full-value comparison, simple acceptance, the limit's written digit.
    ///
    /// ```
    /// use duibiao::decision::{DecisionRule, Judgement, Method};
    /// let j = Judgement::new();
    /// assert_eq!((j.get_method(), j.get_rule(), j.get_interval()), (Method::FullValue, DecisionRule::Simple, None));
    /// ```
    pub fn new() -> Judgement {
        Judgement::default()
    }

    /// Sets the comparison method.
    ///
    /// ```
    /// use duibiao::decision::{Judgement, Method};
    /// assert_eq!(Judgement::new().method(Method::RoundedValue).get_method(), Method::RoundedValue);
    /// ```
    pub fn method(self, method: Method) -> Judgement {
        Judgement { method, ..self }
    }

    /// Sets the decision rule.
    ///
    /// ```
    /// use duibiao::decision::{DecisionRule, Judgement};
    /// assert_eq!(Judgement::new().rule(DecisionRule::non_binary()).get_rule(), DecisionRule::non_binary());
    /// ```
    pub fn rule(self, rule: DecisionRule) -> Judgement {
        Judgement { rule, ..self }
    }

    /// Sets the rounding interval of rounded-value comparison (ignored by full-value
    /// comparison).
    ///
    /// ```
    /// use duibiao::decision::Judgement;
    /// let j = Judgement::new().interval("100".parse()?);
    /// assert_eq!(j.get_interval().map(|i| i.to_string()).as_deref(), Some("100"));
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn interval(self, interval: Interval) -> Judgement {
        Judgement {
            interval: Some(interval),
            ..self
        }
    }

    /// Judges temperature differences (a temperature rise, 温升): the value, its uncertainty
    /// and the limit's ends convert without the offset, so `30 °C` against `≤ 40 K` is a rise
    /// of 30 K, which conforms. A value written with `Δ` (`Δ30 °C`) is judged so without it.
    ///
    /// ```
    /// use duibiao::decision::{judge_with, Conformity, Judgement};
    /// use duibiao::{Limit, Measurement};
    ///
    /// let limit: Limit = "≤ 40 K".parse()?;
    /// let rise = Judgement::new().difference(true);
    /// assert!(rise.get_difference());
    /// let judged = judge_with("30 °C".parse::<Measurement>()?, &limit, rise)?;
    /// assert_eq!(judged.outcome, Conformity::Pass);
    /// assert_eq!(judged.converted.map(|x| x.to_string()).as_deref(), Some("30"));
    /// let delta = judge_with("Δ30 °C".parse::<Measurement>()?, &limit, Judgement::new())?;
    /// assert_eq!(delta.outcome, Conformity::Pass);
    /// // As absolute temperatures, 30 °C is 303.15 K.
    /// let absolute = judge_with("30 °C".parse::<Measurement>()?, &limit, Judgement::new())?;
    /// assert_eq!(absolute.outcome, Conformity::Fail);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn difference(self, difference: bool) -> Judgement {
        Judgement { difference, ..self }
    }

    /// Whether temperature differences are judged ([`Judgement::difference`]).
    pub fn get_difference(&self) -> bool {
        self.difference
    }

    /// The comparison method.
    ///
    /// ```
    /// use duibiao::decision::{Judgement, Method};
    /// assert_eq!(Judgement::from(Method::RoundedValue).get_method(), Method::RoundedValue);
    /// ```
    pub fn get_method(&self) -> Method {
        self.method
    }

    /// The decision rule.
    ///
    /// ```
    /// use duibiao::decision::{DecisionRule, Judgement};
    /// assert_eq!(Judgement::from(DecisionRule::guarded_rejection()).get_rule(), DecisionRule::guarded_rejection());
    /// ```
    pub fn get_rule(&self) -> DecisionRule {
        self.rule
    }

    /// The rounding interval, if one was set.
    ///
    /// ```
    /// use duibiao::decision::Judgement;
    /// assert_eq!(Judgement::new().get_interval(), None);
    /// ```
    pub fn get_interval(&self) -> Option<Interval> {
        self.interval
    }
}

impl From<Method> for Judgement {
    fn from(method: Method) -> Judgement {
        Judgement::new().method(method)
    }
}

impl From<DecisionRule> for Judgement {
    fn from(rule: DecisionRule) -> Judgement {
        Judgement::new().rule(rule)
    }
}

/// The outcome of a judgement with everything that led to it.
///
/// ```
/// use duibiao::decision::{judge_with, Conformity, DecisionRule};
/// use duibiao::Measurement;
///
/// let e = judge_with("9.8 ± 0.3".parse::<Measurement>()?, &"≤ 10 mg/kg".parse()?, DecisionRule::non_binary())?;
/// assert_eq!(e.outcome, Conformity::ConditionalPass);
/// assert_eq!(e.guard_band.map(|w| w.to_string()).as_deref(), Some("0.3"));
/// assert_eq!(e.acceptance.and_then(|z| z.upper).map(|b| b.value.to_string()).as_deref(), Some("9.7"));
/// assert_eq!(e.non_rejection.and_then(|z| z.upper).map(|b| b.value.to_string()).as_deref(), Some("10.3"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Evidence {
    /// `value`: the value as given (with its mark, uncertainty and unit, if any).
    pub value: Measurement,
    /// `converted`: the value converted into the limit's unit, when it was given in another unit. The
    /// limit's written digits stay the reference: the value is converted, never the limit.
    #[schemars(with = "Option<DecimalText>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted: Option<Decimal>,
    /// `rounded`: the value after rounding, for rounded-value comparison.
    #[schemars(with = "Option<DecimalText>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounded: Option<Decimal>,
    /// `limit`: the limit, in canonical form.
    pub limit: Limit,
    /// `method`: the method used.
    pub method: Method,
    /// `interval`: the rounding interval used, for rounded-value comparison.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    /// `rule`: the decision rule used.
    pub rule: DecisionRule,
    /// `uncertainty`: the expanded uncertainty U in the limit's unit (converted as a difference, without
    /// offset, when the value was given in another unit), if the value carried one.
    #[schemars(with = "Option<DecimalText>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<Decimal>,
    /// `coverage-factor`: the coverage factor k that U was stated with (2 unless the value said otherwise). It
    /// is recorded only: the guard band uses U as given.
    #[schemars(with = "Option<DecimalText>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_factor: Option<Decimal>,
    /// `guard-band`: the guard band w = r·U in the limit's unit (0 for simple acceptance), when U is known.
    #[schemars(with = "Option<DecimalText>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guard_band: Option<Decimal>,
    /// `acceptance`: the acceptance zone (ends AL = TL − w), for guarded acceptance and the non-binary rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Zone>,
    /// `non-rejection`: the non-rejection zone (ends TL + w), for guarded rejection and the non-binary rule:
    /// beyond it a value fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_rejection: Option<Zone>,
    /// `outcome`: the outcome.
    pub outcome: Conformity,
}

/// Judges like [`judge`] and returns the evidence; `interval` overrides the limit's written
/// digit for rounded-value comparison (it is ignored by full-value comparison). Simple
/// acceptance; see [`judge_with`] for decision rules with measurement uncertainty.
///
/// A value in another unit than the limit's is converted into the limit's unit first (exactly
/// where the factors are decimal); a bare number is taken in the limit's unit. Against a
/// deviation without a nominal value (`±2 °C`) the value is a difference and converts without
/// the temperature offset.
///
/// ```
/// use duibiao::decision::{evidence, Conformity, Method};
/// use duibiao::Measurement;
///
/// let e = evidence("1351".parse::<Measurement>()?, &"≥ 14×100 MPa".parse()?, Method::RoundedValue, None)?;
/// assert_eq!(e.rounded.unwrap().to_string(), "1400");
/// assert_eq!(e.interval.unwrap().to_string(), "100");
/// assert_eq!(e.outcome, Conformity::Pass);
///
/// let e = evidence("4800 mL".parse::<Measurement>()?, &"≤ 5.0 L".parse()?, Method::FullValue, None)?;
/// assert_eq!(e.converted.unwrap().to_string(), "4.8");
/// assert_eq!(e.outcome, Conformity::Pass);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// When the value's unit does not convert into the limit's (another dimension), when the
/// value has a unit and the limit none, or when rounding overflows.
pub fn evidence(
    value: impl Into<Measurement>,
    limit: &Limit,
    method: Method,
    interval: Option<Interval>,
) -> Result<Evidence, Error> {
    judge_with(
        value,
        limit,
        Judgement {
            method,
            rule: DecisionRule::Simple,
            interval,
            difference: false,
        },
    )
}

/// Judges `value` against `limit` with every choice in `options` — method, decision rule,
/// rounding interval — and returns the evidence.
///
/// The value and its expanded uncertainty U are converted into the limit's unit (U as a
/// difference, without offset). Rounded-value comparison rounds the value first and then
/// applies the rule to the rounded value; U and the guard band w = r·U are never rounded. The
/// rule's zones and the boundary convention are described in the [`rule`] module; with U = 0
/// every rule gives the outcome of simple acceptance.
///
/// ```
/// use duibiao::decision::{judge_with, Conformity, DecisionRule, GuardBandFactor};
/// use duibiao::{Limit, Measurement};
///
/// // A deviation from the nominal value, U = 1 µm: AL = ±0.002 mm.
/// let limit: Limit = "±0.003 mm".parse()?;
/// let rule = DecisionRule::NonBinary { r: GuardBandFactor::ONE };
/// let judged = |v: &str| -> Result<Conformity, duibiao::Error> {
///     Ok(judge_with(v.parse::<Measurement>()?, &limit, rule)?.outcome)
/// };
/// assert_eq!(judged("0.0017 ± 0.0010")?, Conformity::Pass);
/// assert_eq!(judged("-2.5 µm ± 1 µm")?, Conformity::ConditionalPass);
/// assert_eq!(judged("0.0035 ± 0.0010")?, Conformity::ConditionalFail);
/// assert_eq!(judged("0.0041 ± 0.0010")?, Conformity::Fail);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// When the value's unit does not convert into the limit's (another dimension), when the
/// value has a unit and the limit none, when the rule has a guard band and the value no
/// uncertainty, or when rounding or the guard band overflows.
pub fn judge_with(
    value: impl Into<Measurement>,
    limit: &Limit,
    options: impl Into<Judgement>,
) -> Result<Evidence, Error> {
    let Judgement {
        method,
        rule,
        interval,
        difference,
    } = options.into();
    let value = value.into();
    let difference = difference || value.is_difference();
    let raw = value.value().value();
    let mark = value.value().mark();
    let place = |e: Error| {
        e.place(t!(
            msg::PLACE_VALUE_AGAINST_LIMIT,
            value.to_string(),
            limit.to_string()
        ))
    };
    let (converted, uncertainty) = match (value.unit(), limit.unit()) {
        (Some(from), Some(to)) if from != to => {
            let x = if limit.converts_as_difference(difference) {
                convert_difference(raw, from, to)
            } else {
                convert_value(raw, from, to)
            }
            .map_err(place)?;
            let u = value
                .uncertainty()
                .map(|u| convert_difference(u, from, to))
                .transpose()
                .map_err(place)?;
            (Some(x), u)
        }
        (Some(from), None) => {
            return Err(place(Error::incompatible(t!(
                msg::LIMIT_WITHOUT_UNIT,
                from.to_string()
            ))))
        }
        _ => (None, value.uncertainty()),
    };
    let guard_band = match (uncertainty, rule.guard_band_factor()) {
        (Some(u), _) => Some(rule.guard_band(u).map_err(place)?),
        (None, None) => None,
        (None, Some(_)) => {
            return Err(Error::invalid(
                "value",
                &value.to_string(),
                t!(msg::NEEDS_UNCERTAINTY, rule.to_string(), value.to_string()),
            ))
        }
    };
    let x = converted.unwrap_or(raw);
    let (rounded, interval, judged, mark) = match method {
        Method::FullValue => (None, None, x, mark),
        Method::RoundedValue => {
            let interval = interval.unwrap_or_else(|| limit.written_interval());
            let rounded =
                round_exact(x, mark, interval, RoundingMode::HalfEven).ok_or_else(|| {
                    Error::overflow(t!(msg::ROUNDING, x.to_string(), interval.to_string()))
                })?;
            // The mark is spent by rounding.
            (Some(rounded), Some(interval), rounded, None)
        }
    };
    let tolerance = Zone {
        lower: limit.lower(),
        upper: limit.upper(),
    };
    let verdict = rule::apply(
        rule,
        tolerance,
        guard_band.unwrap_or(Decimal::ZERO),
        judged,
        mark,
    )
    .map_err(place)?;
    Ok(Evidence {
        coverage_factor: value.coverage_factor(),
        value,
        converted,
        rounded,
        limit: limit.clone(),
        method,
        interval,
        rule,
        uncertainty,
        guard_band,
        acceptance: verdict.acceptance,
        non_rejection: verdict.non_rejection,
        outcome: verdict.outcome,
    })
}

/// The values a requirement *accepts* when judged with `method`, in `unit` (the indicator's;
/// `None` keeps the limit's own): the one rule by which requirements are compared for
/// strictness — by [`strictness`], the engine's benchmark level and the standards comparison.
///
/// Under full-value comparison it is the conforming set. Under rounded-value comparison it is
/// the set of values whose rounded value conforms (GB/T 8170-2008 4.3.3): rounding at
/// `interval` in `unit` when one is given, else at the limit's written digit in the limit's own
/// unit — exactly as the verdict rounds. `≥ 97` accepts from 96.5 on (96.5 itself rounds half
/// to even to 96 and fails), `≥ 97.0` only from 96.95 on: the written digits make the two
/// requirements different.
///
/// # Errors
///
/// When the limit's unit does not convert into `unit`, or an end overflows.
pub(crate) fn accepted_ends(
    limit: &Limit,
    unit: Option<&Unit>,
    method: Method,
    interval: Option<Interval>,
    differences: bool,
) -> Result<Ends, Error> {
    if method == Method::FullValue {
        return limit.ends_in(unit, differences);
    }
    match (interval, unit, limit.unit()) {
        (None, Some(to), Some(from)) if to != from => {
            // Rounded in the limit's own unit, then the ends converted.
            let own = rounded_preimage(&(limit.lower(), limit.upper()), limit.written_interval())?;
            let convert = |b: Option<Bound>| -> Result<Option<Bound>, Error> {
                b.map(|b| {
                    let value = if limit.converts_as_difference(differences) {
                        convert_difference(b.value, from, to)?
                    } else {
                        convert_value(b.value, from, to)?
                    };
                    Ok(Bound {
                        value,
                        inclusive: b.inclusive,
                    })
                })
                .transpose()
            };
            Ok((convert(own.0)?, convert(own.1)?))
        }
        _ => {
            let interval = interval.unwrap_or_else(|| limit.written_interval());
            rounded_preimage(&limit.ends_in(unit, differences)?, interval)
        }
    }
}

/// The values x whose value rounded at `interval` (half to even, GB/T 8170 3.2) lies in
/// `ends`. Rounding is monotone, so they form an interval: its lower end is half an interval
/// below the smallest multiple of the interval in the set, and belongs to it when that point
/// itself rounds up onto the multiple (asked of the rounding function, not assumed).
fn rounded_preimage(ends: &Ends, interval: Interval) -> Result<Ends, Error> {
    let i = interval.value();
    let overflow = || Error::overflow(t!(msg::ROUNDING, i.to_string(), interval.to_string()));
    let half = i.checked_div(Decimal::TWO).ok_or_else(overflow)?;
    let round = |x: Decimal| round_exact(x, None, interval, RoundingMode::HalfEven);
    let lower = match ends.0 {
        None => None,
        Some(b) => {
            let q = b.value.checked_div(i).ok_or_else(overflow)?;
            let on_grid = q.fract().is_zero();
            let g = match (on_grid, b.inclusive) {
                (true, true) => b.value,
                (true, false) => b.value.checked_add(i).ok_or_else(overflow)?,
                (false, _) => q.ceil().checked_mul(i).ok_or_else(overflow)?,
            };
            let e = g.checked_sub(half).ok_or_else(overflow)?;
            let r = round(e).ok_or_else(overflow)?;
            Some(Bound {
                value: e,
                inclusive: r >= g,
            })
        }
    };
    let upper = match ends.1 {
        None => None,
        Some(b) => {
            let q = b.value.checked_div(i).ok_or_else(overflow)?;
            let on_grid = q.fract().is_zero();
            let g = match (on_grid, b.inclusive) {
                (true, true) => b.value,
                (true, false) => b.value.checked_sub(i).ok_or_else(overflow)?,
                (false, _) => q.floor().checked_mul(i).ok_or_else(overflow)?,
            };
            let e = g.checked_add(half).ok_or_else(overflow)?;
            let r = round(e).ok_or_else(overflow)?;
            Some(Bound {
                value: e,
                inclusive: r <= g,
            })
        }
    };
    Ok((lower, upper))
}

/// How requirement `a` compares with `b` on an indicator in `unit` judged with `method` (and
/// `interval`, for rounded-value comparison): by inclusion of the sets of values each
/// *accepts* (the values whose verdict is a pass). Under full-value comparison `≥ 97 %` and `≥ 97.0 %` are
/// equivalent; under rounded-value comparison `≥ 97.0 %` is stricter.
///
/// ```
/// use duibiao::decision::{strictness, Method};
/// use duibiao::{Limit, Strictness};
///
/// let (a, b): (Limit, Limit) = ("≥ 97.0 %".parse()?, "≥ 97 %".parse()?);
/// let unit = Some("%".parse()?);
/// assert_eq!(strictness(&a, &b, unit.as_ref(), Method::FullValue, None)?, Strictness::Equivalent);
/// assert_eq!(strictness(&a, &b, unit.as_ref(), Method::RoundedValue, None)?, Strictness::Stricter);
/// # Ok::<(), duibiao::Error>(())
/// ```
///
/// # Errors
///
/// When a limit's unit does not convert into `unit`, or an end overflows.
pub fn strictness(
    a: &Limit,
    b: &Limit,
    unit: Option<&Unit>,
    method: Method,
    interval: Option<Interval>,
) -> Result<Strictness, Error> {
    Ok(ends_strictness(
        &accepted_ends(a, unit, method, interval, false)?,
        &accepted_ends(b, unit, method, interval, false)?,
    ))
}
