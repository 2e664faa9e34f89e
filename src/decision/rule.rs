//! Decision rules with measurement uncertainty (ILAC-G8:09/2019 clause 4, JCGM 106:2012 clause 8).
//!
//! A decision rule says how the expanded uncertainty U of a measured value is taken into
//! account when the value is judged against a tolerance limit TL (the ends of a [`Limit`]'s
//! conforming set). The rule widens or narrows each finite end by a guard band (保护带)
//! w = r·U, where r is the [`GuardBandFactor`] and U is the expanded uncertainty *as given*
//! (already multiplied by its coverage factor k; k is carried for the evidence only and never
//! enters w). Three sets follow from the conforming set and w:
//!
//! - the **acceptance zone**: the conforming set shrunk by w at each finite end; its ends are
//!   the acceptance limits AL = TL − w (inside the tolerance);
//! - the **conforming set** itself, ends TL;
//! - the **non-rejection zone**: the conforming set widened by w at each finite end, ends
//!   TL + w (outside the tolerance); a value beyond them is rejected whatever the rule.
//!
//! # Boundary convention: the written-end convention
//!
//! ILAC-G8 leaves open which zone a value exactly on a zone boundary belongs to. The crate
//! decides with the **written-end convention**: every zone boundary (AL, TL, TL + w) is closed
//! or open exactly as the written tolerance limit is, so
//!
//! - against a **closed** limit (`≤`, `≥`, `A ~ B`, `A ± b`) a value on a boundary belongs to
//!   the better zone: on AL → pass, on TL → conditional pass (non-binary rule), on TL + w →
//!   conditional fail;
//! - against an **open** limit (`<`, `>`, `(不含b)`) a value on a boundary belongs to the worse
//!   zone: on AL → conditional pass (non-binary) or fail (guarded acceptance), on TL →
//!   conditional fail, on TL + w → fail.
//!
//! Equivalently: the value passes when the whole interval x − w … x + w lies inside the
//! conforming set, and fails when the whole interval lies outside it, with the written limit
//! deciding whether touching an end is inside. With w = 0 (U = 0, or r = 0) every rule is
//! simple acceptance.
//!
//! A two-sided limit narrower than 2w has an empty acceptance zone: every value lies outside
//! its acceptance limits, so nothing passes guarded acceptance and nothing better than
//! conditional pass comes out of the non-binary rule.
//!
//! ```
//! use duibiao::decision::{judge_with, Conformity, DecisionRule, GuardBandFactor, Judgement};
//! use duibiao::{Limit, Measurement};
//!
//! let lead: Limit = "≤ 10 mg/kg".parse()?;
//! let rule = DecisionRule::GuardedAcceptance { r: GuardBandFactor::ONE };
//! // AL = 10 − 1 × 0.3 = 9.7: 9.8 lies between AL and TL.
//! let e = judge_with("9.8 ± 0.3".parse::<Measurement>()?, &lead, rule)?;
//! assert_eq!(e.outcome, Conformity::Fail);
//! let e = judge_with("9.8 ± 0.3".parse::<Measurement>()?, &lead, Judgement::from(DecisionRule::non_binary()))?;
//! assert_eq!(e.outcome, Conformity::ConditionalPass);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{t, Error};
use crate::limit::{ends_contain, Bound};
use crate::number::{exact, parse_decimal};
use crate::rounding::Mark;

#[cfg(doc)]
use crate::limit::Limit;

use super::Conformity;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        NEGATIVE_FACTOR = "a guard band factor r (w = r·U) is never negative", "保护带因子 r（w = r·U）不能为负";
        SIMPLE_HAS_NO_GUARD_BAND = "the simple rule has none (w = 0); choose guarded-acceptance, guarded-rejection or non-binary",
            "简单接受规则没有保护带（w = 0）；请选择 guarded-acceptance、guarded-rejection 或 non-binary";
        /// What overflowed: the guard band w = r·U.
        GUARD_BAND = "the guard band {0} × {1} of rule \"{2}\"", "判定规则 \"{2}\" 的保护带 {0} × {1}";
        EXPECTED_CLOSING = "expected \")\" after the factor", "保护带因子之后应为 \")\"";
        EXPECTED_FACTOR = "expected \"(r = R)\" with the guard band factor R", "应为 \"(r = R)\"，R 为保护带因子";
        /// The place of a fault inside a decision rule's text.
        PLACE_DECISION_RULE = "decision rule \"{0}\"", "判定规则 \"{0}\"";
        EXPECTED_RULE = "expected \"simple\", \"guarded-acceptance\", \"guarded-rejection\" or \"non-binary\"",
            "应为 \"simple\"、\"guarded-acceptance\"、\"guarded-rejection\" 或 \"non-binary\"";
        SIMPLE_WITH_FACTOR = "simple acceptance has no guard band (w = 0)", "简单接受没有保护带（w = 0）";
        SIMPLE_TAKES_NO_R = "decision-rule: kind \"simple\" takes no guard band factor \"r\" (simple acceptance has w = 0): remove \"r\", or choose kind \"guarded-acceptance\", \"guarded-rejection\" or \"non-binary\", which take it",
            "decision-rule：种类 \"simple\" 不带保护带因子 \"r\"（简单接受 w = 0）：请删去 \"r\"，或选择带 r 的种类 \"guarded-acceptance\"、\"guarded-rejection\" 或 \"non-binary\"";
        /// What overflowed: a zone's end moved by the guard band.
        MOVING_END = "moving the limit end {0} by the guard band {1}", "将限值端点 {0} 移动保护带 {1}";
    }
}

/// The guard-band factor r of a decision rule: the guard band is w = r·U (ILAC-G8:09/2019
/// 4.2.2, 4.2.3). Never negative; r = 0 makes every rule simple acceptance.
///
/// ```
/// use duibiao::decision::GuardBandFactor;
///
/// let r: GuardBandFactor = "0.83".parse()?;
/// assert_eq!(r, GuardBandFactor::ISO_14253_1);
/// assert_eq!(GuardBandFactor::default(), GuardBandFactor::ONE);
/// assert!("-1".parse::<GuardBandFactor>().is_err());
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "ExactDecimal", into = "Decimal")]
pub struct GuardBandFactor(Decimal);

impl schemars::JsonSchema for GuardBandFactor {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "GuardBandFactor".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "The guard-band factor r ≥ 0 of a decision rule (w = r·U), an exact decimal as a string; default 1.",
            "pattern": r"^[+]?[0-9]+(\.[0-9]+)?$",
            "examples": ["1", "0.83", "1.5", "3"]
        })
    }
}

impl GuardBandFactor {
    /// r = 0.83: ISO 14253-1:2017 guarded acceptance, below about 5 % specific false accept
    /// (with k = 2).
    pub const ISO_14253_1: GuardBandFactor =
        GuardBandFactor(Decimal::from_parts(83, 0, 0, false, 2));
    /// r = 1 (the default): w = U, below about 2.5 % specific false accept (with k = 2).
    pub const ONE: GuardBandFactor = GuardBandFactor(Decimal::ONE);
    /// r = 1.5.
    pub const ONE_AND_A_HALF: GuardBandFactor =
        GuardBandFactor(Decimal::from_parts(15, 0, 0, false, 1));
    /// r = 3.
    pub const THREE: GuardBandFactor = GuardBandFactor(Decimal::from_parts(3, 0, 0, false, 0));

    /// A guard-band factor r ≥ 0.
    ///
    /// ```
    /// use duibiao::decision::GuardBandFactor;
    /// let r = GuardBandFactor::new("1.5".parse()?)?;
    /// assert_eq!(r, GuardBandFactor::ONE_AND_A_HALF);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When `r` is negative.
    pub fn new(r: Decimal) -> Result<GuardBandFactor, Error> {
        if r.is_sign_negative() && !r.is_zero() {
            return Err(Error::invalid(
                "guard band factor",
                &r.to_string(),
                t!(msg::NEGATIVE_FACTOR),
            ));
        }
        Ok(GuardBandFactor(r))
    }

    /// The factor r as a number.
    ///
    /// ```
    /// use duibiao::decision::GuardBandFactor;
    /// assert_eq!(GuardBandFactor::THREE.value().to_string(), "3");
    /// ```
    pub fn value(self) -> Decimal {
        self.0
    }
}

impl Default for GuardBandFactor {
    fn default() -> Self {
        GuardBandFactor::ONE
    }
}

impl TryFrom<Decimal> for GuardBandFactor {
    type Error = Error;

    fn try_from(r: Decimal) -> Result<Self, Error> {
        GuardBandFactor::new(r)
    }
}

/// A decision rule as a plan writes it: every field of every kind is known, so a field the
/// kind does not take is refused, never ignored (`r` on `simple`).
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
enum RuleFields {
    Simple {
        #[serde(default)]
        r: Option<serde::de::IgnoredAny>,
    },
    GuardedAcceptance {
        #[serde(default)]
        r: GuardBandFactor,
    },
    GuardedRejection {
        #[serde(default)]
        r: GuardBandFactor,
    },
    NonBinary {
        #[serde(default)]
        r: GuardBandFactor,
    },
}

impl TryFrom<RuleFields> for DecisionRule {
    type Error = Error;

    fn try_from(f: RuleFields) -> Result<Self, Error> {
        Ok(match f {
            RuleFields::Simple { r: None } => DecisionRule::Simple,
            RuleFields::Simple { r: Some(_) } => {
                return Err(Error::invalid_plan(t!(msg::SIMPLE_TAKES_NO_R)))
            }
            RuleFields::GuardedAcceptance { r } => DecisionRule::GuardedAcceptance { r },
            RuleFields::GuardedRejection { r } => DecisionRule::GuardedRejection { r },
            RuleFields::NonBinary { r } => DecisionRule::NonBinary { r },
        })
    }
}

/// Read through `RuleFields`, so that a field the kind does not take is refused.
impl<'de> Deserialize<'de> for DecisionRule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        DecisionRule::try_from(RuleFields::deserialize(d)?).map_err(Error::into_serde)
    }
}

/// A decimal read exactly from a plan: a string, or a TOML number as `weight` takes one.
#[derive(Deserialize)]
struct ExactDecimal(#[serde(deserialize_with = "crate::number::deserialize_exact_any")] Decimal);

impl TryFrom<ExactDecimal> for GuardBandFactor {
    type Error = Error;

    fn try_from(r: ExactDecimal) -> Result<Self, Error> {
        GuardBandFactor::new(r.0)
    }
}

impl From<GuardBandFactor> for Decimal {
    fn from(r: GuardBandFactor) -> Decimal {
        r.0
    }
}

impl fmt::Display for GuardBandFactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for GuardBandFactor {
    type Err = Error;

    fn from_str(s: &str) -> Result<GuardBandFactor, Error> {
        let r = parse_decimal(s.trim(), "guard band factor")?;
        GuardBandFactor::new(r)
    }
}

/// How the measurement uncertainty is taken into account (ILAC-G8:09/2019 clause 4.2), fixed
/// before judging and stored with the verdict.
///
/// TL is an end of the conforming set, U the expanded uncertainty, w = r·U the guard band.
/// "Inside AL" means the value lies in the conforming set shrunk by w at each finite end,
/// "beyond TL + w" that it lies outside the set widened by w. Inequalities are written for an
/// upper limit `≤ TL` (mirror them for a lower limit, apply both for two-sided); boundaries
/// follow the written-end convention (see the [module docs](self)): for an open limit `< TL`
/// read each `≤` as `<` and each `>` as `≥`.
///
/// ```
/// use duibiao::decision::{DecisionRule, GuardBandFactor};
///
/// let rule: DecisionRule = "guarded-acceptance".parse()?;
/// assert_eq!(rule, DecisionRule::GuardedAcceptance { r: GuardBandFactor::ONE });
/// assert_eq!(rule.to_string(), "guarded-acceptance (r = 1)");
/// assert_eq!("non-binary (r = 0.83)".parse::<DecisionRule>()?.guard_band_factor(), Some(GuardBandFactor::ISO_14253_1));
/// assert_eq!(DecisionRule::default(), DecisionRule::Simple);
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DecisionRule {
    /// Simple acceptance (ILAC-G8 4.2.1), w = 0: pass when x ≤ TL (on TL passes), fail when
    /// x > TL. The uncertainty, if given, is recorded but does not change the outcome.
    #[default]
    Simple,
    /// Binary guarded acceptance (ILAC-G8 4.2.2): pass when x ≤ AL = TL − w (on AL passes),
    /// fail when x > AL — including values inside the tolerance but within w of it.
    GuardedAcceptance {
        /// `r`: the guard-band factor: w = r·U.
        #[serde(default)]
        r: GuardBandFactor,
    },
    /// Binary guarded rejection, to the benefit of the producer (ILAC-G8 4.2.2): fail only
    /// when x > TL + w, pass when x ≤ TL + w (on TL + w passes).
    GuardedRejection {
        /// `r`: the guard-band factor: w = r·U.
        #[serde(default)]
        r: GuardBandFactor,
    },
    /// Non-binary statement (ILAC-G8 4.2.3): pass when x ≤ AL = TL − w; conditional pass when
    /// AL < x ≤ TL; conditional fail when TL < x ≤ TL + w; fail when x > TL + w.
    NonBinary {
        /// `r`: the guard-band factor: w = r·U.
        #[serde(default)]
        r: GuardBandFactor,
    },
}

impl DecisionRule {
    /// Guarded acceptance with r = 1 (w = U).
    ///
    /// ```
    /// use duibiao::decision::{DecisionRule, GuardBandFactor};
    /// assert_eq!(DecisionRule::guarded_acceptance(), DecisionRule::GuardedAcceptance { r: GuardBandFactor::ONE });
    /// ```
    pub fn guarded_acceptance() -> DecisionRule {
        DecisionRule::GuardedAcceptance {
            r: GuardBandFactor::ONE,
        }
    }

    /// Guarded rejection with r = 1 (w = U).
    ///
    /// ```
    /// use duibiao::decision::{DecisionRule, GuardBandFactor};
    /// assert_eq!(DecisionRule::guarded_rejection(), DecisionRule::GuardedRejection { r: GuardBandFactor::ONE });
    /// ```
    pub fn guarded_rejection() -> DecisionRule {
        DecisionRule::GuardedRejection {
            r: GuardBandFactor::ONE,
        }
    }

    /// The non-binary rule with r = 1 (w = U).
    ///
    /// ```
    /// use duibiao::decision::{DecisionRule, GuardBandFactor};
    /// assert_eq!(DecisionRule::non_binary(), DecisionRule::NonBinary { r: GuardBandFactor::ONE });
    /// ```
    pub fn non_binary() -> DecisionRule {
        DecisionRule::NonBinary {
            r: GuardBandFactor::ONE,
        }
    }

    /// `simple`, `guarded-acceptance`, `guarded-rejection` or `non-binary`.
    ///
    /// ```
    /// use duibiao::decision::DecisionRule;
    /// assert_eq!(DecisionRule::non_binary().name(), "non-binary");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            DecisionRule::Simple => "simple",
            DecisionRule::GuardedAcceptance { .. } => "guarded-acceptance",
            DecisionRule::GuardedRejection { .. } => "guarded-rejection",
            DecisionRule::NonBinary { .. } => "non-binary",
        }
    }

    /// The guard-band factor r; `None` for simple acceptance, which has no guard band.
    ///
    /// ```
    /// use duibiao::decision::{DecisionRule, GuardBandFactor};
    /// assert_eq!(DecisionRule::Simple.guard_band_factor(), None);
    /// assert_eq!(DecisionRule::guarded_rejection().guard_band_factor(), Some(GuardBandFactor::ONE));
    /// ```
    pub fn guard_band_factor(self) -> Option<GuardBandFactor> {
        match self {
            DecisionRule::Simple => None,
            DecisionRule::GuardedAcceptance { r }
            | DecisionRule::GuardedRejection { r }
            | DecisionRule::NonBinary { r } => Some(r),
        }
    }

    /// The same rule with guard-band factor `r`; simple acceptance stays simple (it has no
    /// guard band).
    ///
    /// ```
    /// use duibiao::decision::{DecisionRule, GuardBandFactor};
    /// let rule = DecisionRule::non_binary().with_guard_band_factor(GuardBandFactor::THREE);
    /// assert_eq!(rule.to_string(), "non-binary (r = 3)");
    /// ```
    pub fn with_guard_band_factor(self, r: GuardBandFactor) -> DecisionRule {
        match self {
            DecisionRule::Simple => DecisionRule::Simple,
            DecisionRule::GuardedAcceptance { .. } => DecisionRule::GuardedAcceptance { r },
            DecisionRule::GuardedRejection { .. } => DecisionRule::GuardedRejection { r },
            DecisionRule::NonBinary { .. } => DecisionRule::NonBinary { r },
        }
    }

    /// The same rule with guard-band factor `r`, refusing simple acceptance, which has none
    /// (w = 0): for a factor given on its own, as a command line's `--guard-band` is.
    ///
    /// ```
    /// use duibiao::decision::{DecisionRule, GuardBandFactor};
    /// assert!(DecisionRule::Simple.try_with_guard_band_factor(GuardBandFactor::THREE).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// For [`DecisionRule::Simple`].
    pub fn try_with_guard_band_factor(self, r: GuardBandFactor) -> Result<DecisionRule, Error> {
        if self == DecisionRule::Simple {
            return Err(Error::invalid(
                "guard band",
                &r.to_string(),
                t!(msg::SIMPLE_HAS_NO_GUARD_BAND),
            ));
        }
        Ok(self.with_guard_band_factor(r))
    }

    /// The guard band w = r·U for an expanded uncertainty `u` (0 for simple acceptance).
    pub(crate) fn guard_band(self, u: Decimal) -> Result<Decimal, Error> {
        match self.guard_band_factor() {
            None => Ok(Decimal::ZERO),
            Some(r) => exact::try_mul(r.value(), u).map_err(|f| {
                f.error(t!(
                    msg::GUARD_BAND,
                    r.to_string(),
                    u.to_string(),
                    self.to_string()
                ))
            }),
        }
    }
}

impl fmt::Display for DecisionRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())?;
        if let Some(r) = self.guard_band_factor() {
            write!(f, " (r = {r})")?;
        }
        Ok(())
    }
}

impl FromStr for DecisionRule {
    type Err = Error;

    /// Reads `simple`, `guarded-acceptance`, `guarded-rejection`, `non-binary`, each but
    /// `simple` optionally followed by `(r = R)`; without it r = 1.
    fn from_str(s: &str) -> Result<DecisionRule, Error> {
        let text = s.trim();
        let (name, factor) = match text.split_once('(') {
            Some((name, rest)) => {
                let inner = rest.strip_suffix(')').ok_or_else(|| {
                    Error::syntax("decision rule", text, t!(msg::EXPECTED_CLOSING))
                })?;
                let value = inner
                    .trim()
                    .strip_prefix('r')
                    .and_then(|v| v.trim_start().strip_prefix('='))
                    .ok_or_else(|| {
                        Error::syntax("decision rule", text, t!(msg::EXPECTED_FACTOR))
                    })?;
                let r: GuardBandFactor = value
                    .parse()
                    .map_err(|e: Error| e.place(t!(msg::PLACE_DECISION_RULE, text)))?;
                (name.trim(), Some(r))
            }
            None => (text, None),
        };
        let rule = match name {
            "simple" => DecisionRule::Simple,
            "guarded-acceptance" => DecisionRule::guarded_acceptance(),
            "guarded-rejection" => DecisionRule::guarded_rejection(),
            "non-binary" => DecisionRule::non_binary(),
            _ => return Err(Error::syntax("decision rule", text, t!(msg::EXPECTED_RULE))),
        };
        match (rule, factor) {
            (DecisionRule::Simple, Some(_)) => Err(Error::invalid(
                "decision rule",
                text,
                t!(msg::SIMPLE_WITH_FACTOR),
            )),
            (rule, Some(r)) => Ok(rule.with_guard_band_factor(r)),
            (rule, None) => Ok(rule),
        }
    }
}

/// A set on the number line between an optional lower and upper [`Bound`]: an acceptance zone
/// (ends AL) or a non-rejection zone (ends TL + w) of a decision rule.
///
/// ```
/// use duibiao::decision::Zone;
/// use duibiao::Bound;
///
/// let zone = Zone { lower: None, upper: Some(Bound { value: "9.7".parse()?, inclusive: true }) };
/// assert!(zone.contains("9.7".parse()?));
/// assert!(!zone.contains("9.8".parse()?));
/// assert!(!zone.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Zone {
    /// `lower`: the lower end, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower: Option<Bound>,
    /// `upper`: the upper end, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<Bound>,
}

impl Zone {
    /// Whether `x` lies in the zone (a closed end belongs to it, an open end does not).
    ///
    /// ```
    /// use duibiao::decision::Zone;
    /// assert!(Zone { lower: None, upper: None }.contains(rust_decimal::Decimal::ONE));
    /// ```
    pub fn contains(&self, x: Decimal) -> bool {
        ends_contain(&(self.lower, self.upper), x, None)
    }

    /// True when no value lies in the zone: an acceptance zone whose guard bands overlap
    /// (a two-sided limit narrower than 2w).
    ///
    /// ```
    /// use duibiao::decision::Zone;
    /// use duibiao::Bound;
    /// let crossed = Zone {
    ///     lower: Some(Bound { value: "0.004".parse()?, inclusive: true }),
    ///     upper: Some(Bound { value: "-0.004".parse()?, inclusive: true }),
    /// };
    /// assert!(crossed.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        match (self.lower, self.upper) {
            (Some(l), Some(u)) => {
                l.value > u.value || (l.value == u.value && !(l.inclusive && u.inclusive))
            }
            _ => false,
        }
    }

    /// The zone with each finite end moved by `w`: inward (`shrink`) or outward; each end
    /// keeps its closedness (the written-end convention).
    pub(crate) fn shifted(self, w: Decimal, shrink: bool) -> Result<Zone, Error> {
        let overflow = |b: Bound, f: exact::Fault| {
            f.error(t!(msg::MOVING_END, b.value.to_string(), w.to_string()))
        };
        let (down, up) = if shrink { (false, true) } else { (true, false) };
        let mv = |b: Bound, raise: bool| -> Result<Bound, Error> {
            let value = if raise {
                exact::try_add(b.value, w)
            } else {
                exact::try_sub(b.value, w)
            }
            .map_err(|f| overflow(b, f))?;
            Ok(Bound {
                value,
                inclusive: b.inclusive,
            })
        };
        Ok(Zone {
            lower: self.lower.map(|b| mv(b, up)).transpose()?,
            upper: self.upper.map(|b| mv(b, down)).transpose()?,
        })
    }
}

/// The zones a rule used and its outcome.
pub(crate) struct Verdict {
    pub(crate) outcome: Conformity,
    pub(crate) acceptance: Option<Zone>,
    pub(crate) non_rejection: Option<Zone>,
}

/// Applies `rule` with guard band `w ≥ 0` to the value `x` (with its mark) against the
/// conforming set `tolerance`.
pub(crate) fn apply(
    rule: DecisionRule,
    tolerance: Zone,
    w: Decimal,
    x: Decimal,
    mark: Option<Mark>,
) -> Result<Verdict, Error> {
    let inside = |z: &Zone| ends_contain(&(z.lower, z.upper), x, mark);
    let conforms = inside(&tolerance);
    Ok(match rule {
        DecisionRule::Simple => Verdict {
            outcome: Conformity::of(conforms),
            acceptance: None,
            non_rejection: None,
        },
        DecisionRule::GuardedAcceptance { .. } => {
            let acceptance = tolerance.shifted(w, true)?;
            Verdict {
                outcome: Conformity::of(inside(&acceptance)),
                acceptance: Some(acceptance),
                non_rejection: None,
            }
        }
        DecisionRule::GuardedRejection { .. } => {
            let non_rejection = tolerance.shifted(w, false)?;
            Verdict {
                outcome: Conformity::of(inside(&non_rejection)),
                acceptance: None,
                non_rejection: Some(non_rejection),
            }
        }
        DecisionRule::NonBinary { .. } => {
            let acceptance = tolerance.shifted(w, true)?;
            let non_rejection = tolerance.shifted(w, false)?;
            let outcome = if inside(&acceptance) {
                Conformity::Pass
            } else if conforms {
                Conformity::ConditionalPass
            } else if inside(&non_rejection) {
                Conformity::ConditionalFail
            } else {
                Conformity::Fail
            };
            Verdict {
                outcome,
                acceptance: Some(acceptance),
                non_rejection: Some(non_rejection),
            }
        }
    })
}
