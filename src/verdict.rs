//! Verdicts: the class of a product or standard and, per indicator, the outcome with its
//! evidence (design decision 5). Plain data, serialized with stable kebab-case field names.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::decision::{Conformity, DecisionRule, Method};
use crate::indicator::IndicatorClass;
use crate::limit::Strictness;
use crate::plan::{MissingPolicy, TierRule, Unstated};
use crate::rounding::Interval;
use crate::standard::Names;

/// The class of a product or standard: leader, follower or gap.
///
/// Ordered gap < follower < leader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Class {
    /// 差距: a core indicator falls short or is missing, or a basic indicator fails.
    Gap,
    /// 跟跑: not a gap, and not enough core weight exceeds the benchmark level.
    Follower,
    /// 领跑: not a gap, and core indicators carrying the policy's share of the core weight
    /// exceed the benchmark level.
    Leader,
}

impl Class {
    /// `leader`, `follower` or `gap`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Leader => "leader",
            Class::Follower => "follower",
            Class::Gap => "gap",
        }
    }

    /// 领跑, 跟跑 or 差距.
    pub fn zh(self) -> &'static str {
        match self {
            Class::Leader => "领跑",
            Class::Follower => "跟跑",
            Class::Gap => "差距",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of one indicator against the benchmark level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Outcome {
    /// Conforms to the benchmark level and is better than it: a strictly better grade, or a
    /// margin beyond the indicator's equivalence tolerance.
    Exceeds,
    /// Conforms to the benchmark level.
    Meets,
    /// Does not conform to the benchmark level; the margin says by how much.
    FallsShort,
    /// No value was given.
    Missing,
    /// No benchmark standard states this indicator (填补空白 when the subject states it).
    NotCompared,
    /// A standard's requirement neither inside the benchmark level nor looser than it: stricter
    /// on one end the level states and looser on the other (`5 ~ 10` against `8 ~ 12`). Only a
    /// standard's verdict has it ([`crate::Engine::evaluate_standard`]); a value is a point.
    /// It does not conform (it lets through values the level refuses), so it makes a gap like
    /// a shortfall, and the margin is the one on the looser end.
    Incomparable,
}

impl Outcome {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Exceeds => "exceeds",
            Outcome::Meets => "meets",
            Outcome::FallsShort => "falls-short",
            Outcome::Missing => "missing",
            Outcome::NotCompared => "not-compared",
            Outcome::Incomparable => "incomparable",
        }
    }

    /// The Chinese label: 优于, 达到, 未达到, 缺失, 未比较, 不可比.
    pub fn zh(self) -> &'static str {
        match self {
            Outcome::Exceeds => "优于",
            Outcome::Meets => "达到",
            Outcome::FallsShort => "未达到",
            Outcome::Missing => "缺失",
            Outcome::NotCompared => "未比较",
            Outcome::Incomparable => "不可比",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The signed distance to the benchmark level in the indicator's unit (positive: better than
/// the level; negative: the gap to close), and as a share of the level's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Margin {
    /// In the indicator's unit.
    pub value: Decimal,
    /// `value` divided by the level's bound (absent when the bound is zero), rounded to 6
    /// decimals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<Decimal>,
}

/// The grade a value reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct GradeReached {
    /// 0 for the best grade of the table (or band).
    pub rank: usize,
    /// The grade's name.
    pub name: Names,
}

/// For a value in no grade of its table, the grades nearest it: the nearest better one and the
/// nearest worse one (absent beyond an end of the table). A value in a hole of a table of
/// intervals has both; one beyond an end has one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct NearestGrades {
    /// The nearest grade better than the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub better: Option<GradeReached>,
    /// The nearest grade worse than the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worse: Option<GradeReached>,
}

/// One indicator's outcome with its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct IndicatorVerdict {
    /// The indicator's id.
    pub id: String,
    /// Basic, core or innovation.
    pub class: IndicatorClass,
    /// The outcome.
    pub outcome: Outcome,
    /// The value as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The value as compared: in the indicator's unit, rounded where the method rounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compared: Option<Decimal>,
    /// The indicator's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The benchmark level's limit that decided, in canonical form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// The standard that set it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// The class the deciding requirement names, when the standard states it as a class of
    /// the indicator's grades (`limit` is then the limit that class stands for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_class: Option<String>,
    /// Full-value or rounded-value comparison.
    pub method: Method,
    /// The rounding interval used, for rounded-value comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    /// The decision rule, when not simple acceptance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<DecisionRule>,
    /// The rule's statement against the level (the worst over the level's requirements) when
    /// a rule other than simple acceptance applied: a conditional pass conforms, a conditional
    /// fail does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Conformity>,
    /// The margin to the benchmark level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<Margin>,
    /// The grade reached, where the indicator is graded (`None` there: outside every grade).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<GradeReached>,
    /// True when the indicator is graded and the value lies outside every grade (or band).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub outside_grades: bool,
    /// With `outside_grades`, the grades nearest the value (a value outside the table is never
    /// put into one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nearest_grades: Option<NearestGrades>,
    /// Under the tier policy (`policy.leader`), on a core indicator whose grades are read as
    /// tiers and that counts in the leader decision: whether the value reached the leader tier
    /// (that tier or a better one; `grade` names the tier reached).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier_reached: Option<bool>,
    /// Where the indicator's requirements or grades are chosen by band: the selector, its
    /// value and the band it chose (none: the value is missing or lies in no band, and the
    /// indicator is judged `missing`, never against a band guessed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<BandChosen>,
}

/// The band that chose an indicator's requirements (or grades).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct BandChosen {
    /// The selector: an indicator's id or a declared attribute's.
    pub by: String,
    /// The selector's value as given (`None`: missing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The chosen band's condition (`≤ 4500 W`, `new`); `None` when no band was chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

impl BandChosen {
    /// One line for people: `band ≤ 4500 W by cooling-capacity = 3500 W`, `no band: plant
    /// missing`, `no band: cooling-capacity = 15000 W in no band`.
    pub fn text(&self) -> String {
        match (&self.when, &self.value) {
            (Some(w), Some(v)) => format!("band {w} by {} = {v}", self.by),
            (Some(w), None) => format!("band {w} by {}", self.by),
            (None, Some(v)) => format!("no band: {} = {v} in no band", self.by),
            (None, None) => format!("no band: {} missing", self.by),
        }
    }
}

impl IndicatorVerdict {
    /// The grade as a report shows it: the grade reached, or for a value outside the table the
    /// nearest grades (`outside the table, between "B" and "C"`; in Chinese
    /// `表外，介于 "B" 与 "C" 之间`).
    pub(crate) fn grade_shown(&self) -> Option<Names> {
        if let Some(g) = &self.grade {
            return Some(g.name.clone());
        }
        let near = self.nearest_grades.as_ref()?;
        let en = |g: &Option<GradeReached>| {
            g.as_ref()
                .and_then(|g| g.name.en.clone().or_else(|| g.name.zh.clone()))
        };
        let zh = |g: &Option<GradeReached>| {
            g.as_ref()
                .and_then(|g| g.name.zh.clone().or_else(|| g.name.en.clone()))
        };
        let (better_en, worse_en) = (en(&near.better), en(&near.worse));
        let (better_zh, worse_zh) = (zh(&near.better), zh(&near.worse));
        let en = match (better_en, worse_en) {
            (Some(b), Some(w)) => format!("outside the table, between \"{b}\" and \"{w}\""),
            (Some(b), None) => format!("outside the table, worse than \"{b}\""),
            (None, Some(w)) => format!("outside the table, better than \"{w}\""),
            (None, None) => "outside the table".to_owned(),
        };
        let zh = match (better_zh, worse_zh) {
            (Some(b), Some(w)) => format!("表外，介于 \"{b}\" 与 \"{w}\" 之间"),
            (Some(b), None) => format!("表外，劣于 \"{b}\""),
            (None, Some(w)) => format!("表外，优于 \"{w}\""),
            (None, None) => "表外".to_owned(),
        };
        Some(Names {
            zh: Some(zh),
            en: Some(en),
        })
    }

    /// The limit as a report shows it: the class a requirement names beside the limit it
    /// stands for (`A (≤ 41)`), else the limit.
    pub(crate) fn limit_shown(&self) -> Option<String> {
        match (&self.limit_class, &self.limit) {
            (Some(c), Some(l)) => Some(format!("{c} ({l})")),
            (_, l) => l.clone(),
        }
    }
}

/// The policy a verdict was reached under.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PolicyApplied {
    /// The share of the core weight that had to exceed.
    pub leader_share: Decimal,
    /// Or the count of core indicators that had to exceed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader_min_exceeding: Option<u32>,
    /// How missing values counted.
    pub missing: MissingPolicy,
    /// Leaders by tier, when the plan says so (the share and count above are then not read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader: Option<TierRule>,
    /// How core indicators no benchmark states counted.
    #[serde(skip_serializing_if = "Unstated::is_default")]
    pub unstated: Unstated,
}

/// The verdict on one product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Verdict {
    /// The product's id.
    pub product: String,
    /// Leader, follower or gap.
    pub class: Class,
    /// The indicators that decided the class: those short or missing for a gap, those
    /// exceeding for a leader, none for a follower.
    pub decided_by: Vec<String>,
    /// The core weight that exceeds.
    pub exceeding_weight: Decimal,
    /// The total core weight.
    pub core_weight: Decimal,
    /// The policy applied.
    pub policy: PolicyApplied,
    /// Per indicator, in plan order.
    pub indicators: Vec<IndicatorVerdict>,
}

/// A verdict without its evidence: the class, what decided it, and each indicator's outcome.
/// What the fast path computes without building the evidence; a [`Verdict`] gives the same
/// summary ([`Summary::of`]), so every output made from summaries is the same on either path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Summary {
    /// The product's id.
    pub product: String,
    /// Leader, follower or gap.
    pub class: Class,
    /// As [`Verdict::decided_by`].
    pub decided_by: Vec<String>,
    /// The core weight that exceeds.
    pub exceeding_weight: Decimal,
    /// The total core weight.
    pub core_weight: Decimal,
    /// Per indicator, in plan order.
    pub outcomes: Vec<Outcome>,
    /// Per indicator, in plan order: the condition of the band that chose its requirements
    /// (empty when not chosen by band, or when no band was chosen).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Option<String>>,
    /// Per indicator, in plan order: as [`IndicatorVerdict::tier_reached`] (all `None`
    /// without the tier policy, and then not written).
    #[serde(skip_serializing_if = "no_tiers")]
    pub tier_reached: Vec<Option<bool>>,
    /// `margins`: per indicator, in plan order, the margin to the benchmark level in the
    /// indicator's unit (as [`Margin::value`], `None` where there is none), normalized:
    /// trailing zeros removed (`0.4`, where the verdict says `0.40`), so that both engine
    /// paths give the same digits. Not written when no indicator has one.
    #[serde(skip_serializing_if = "no_margins")]
    pub margins: Vec<Option<Decimal>>,
}

fn no_margins(m: &[Option<Decimal>]) -> bool {
    m.iter().all(Option::is_none)
}

fn no_tiers(t: &[Option<bool>]) -> bool {
    t.iter().all(Option::is_none)
}

impl Summary {
    /// The summary of a full verdict.
    pub fn of(v: &Verdict) -> Summary {
        Summary {
            product: v.product.clone(),
            class: v.class,
            decided_by: v.decided_by.clone(),
            exceeding_weight: v.exceeding_weight,
            core_weight: v.core_weight,
            outcomes: v.indicators.iter().map(|i| i.outcome).collect(),
            bands: if v.indicators.iter().any(|i| i.band.is_some()) {
                v.indicators
                    .iter()
                    .map(|i| i.band.as_ref().and_then(|b| b.when.clone()))
                    .collect()
            } else {
                Vec::new()
            },
            tier_reached: v.indicators.iter().map(|i| i.tier_reached).collect(),
            margins: v
                .indicators
                .iter()
                .map(|i| i.margin.map(|m| m.value.normalize()))
                .collect(),
        }
    }
}

/// How the subject standard's requirement compares with the benchmark level, per indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum StandardOutcome {
    /// The subject's requirement is stricter than the benchmark level.
    Stricter,
    /// Equal sets.
    Equal,
    /// Looser than the benchmark level: a gap to close (达标提升).
    Looser,
    /// Neither holds the other.
    Incomparable,
    /// A benchmark states it, the subject does not.
    Missing,
    /// The subject states it and no benchmark does (填补空白).
    FillsBlank,
    /// Neither states it.
    NotStated,
}

impl StandardOutcome {
    /// The kebab-case name: `stricter`, `equal`, `looser`, `incomparable`, `missing`,
    /// `fills-blank` or `not-stated`.
    pub fn as_str(self) -> &'static str {
        match self {
            StandardOutcome::Stricter => "stricter",
            StandardOutcome::Equal => "equal",
            StandardOutcome::Looser => "looser",
            StandardOutcome::Incomparable => "incomparable",
            StandardOutcome::Missing => "missing",
            StandardOutcome::FillsBlank => "fills-blank",
            StandardOutcome::NotStated => "not-stated",
        }
    }
}

impl From<Strictness> for StandardOutcome {
    fn from(s: Strictness) -> Self {
        match s {
            Strictness::Stricter => StandardOutcome::Stricter,
            Strictness::Equivalent => StandardOutcome::Equal,
            Strictness::Looser => StandardOutcome::Looser,
            Strictness::Incomparable => StandardOutcome::Incomparable,
        }
    }
}

/// One indicator of the subject standard against the benchmark level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct StandardIndicatorVerdict {
    /// The indicator's id.
    pub id: String,
    /// Basic, core or innovation.
    pub class: IndicatorClass,
    /// The comparison of the two requirements as sets.
    pub outcome: StandardOutcome,
    /// The requirement judged as a product at the value it guarantees
    /// ([`crate::Engine::evaluate_standard`]): what the class is decided on, so that a
    /// stricter requirement within the equivalence tolerance only meets the level.
    pub judged: Outcome,
    /// The subject's requirement, canonical.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The benchmark level's requirements (several when incomparable), with their standards.
    pub level: Vec<LevelRequirement>,
    /// Where the indicator's requirements vary with a band: the band compared (one entry per
    /// band), its condition in canonical form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
}

/// One requirement of the benchmark level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct LevelRequirement {
    /// The standard that states it.
    pub standard: String,
    /// The limit, canonical.
    pub limit: String,
    /// The class of the indicator's grades the standard names, when it states the
    /// requirement as a class (`limit` is then the limit the class stands for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
}

impl LevelRequirement {
    /// The requirement as shown: `B (≤ 51)` for a class, else the limit.
    pub fn shown(&self) -> String {
        match &self.class {
            Some(c) => format!("{c} ({})", self.limit),
            None => self.limit.clone(),
        }
    }
}

/// The verdict on the subject standard itself (`Engine::compare_standards`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct StandardVerdict {
    /// The subject standard's number.
    pub standard: String,
    /// Leader, follower or gap, decided on each indicator's `judged` outcome
    /// ([`crate::Engine::evaluate_standard`]): the class `rank --standards` gives the same
    /// requirements.
    pub class: Class,
    /// The indicators that decided.
    pub decided_by: Vec<String>,
    /// Per indicator, in plan order.
    pub indicators: Vec<StandardIndicatorVerdict>,
}
