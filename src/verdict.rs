//! Verdicts: the class of a product or standard and, per indicator, the outcome with its
//! evidence (design decision 5). Plain data, serialized with stable kebab-case field names.

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decision::{Conformity, DecisionRule, Method};
use crate::error::{t, Error};
use crate::indicator::IndicatorClass;
use crate::limit::Strictness;
use crate::plan::{MissingPolicy, TierRule, Unstated};
use crate::product::msg as product_msg;
use crate::rounding::Interval;
use crate::schema_text::DecimalText;
use crate::standard::Names;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        SCHEMA_VERSION = "schema-version {0}: this build reads schema versions {1}", "schema-version {0}：本版本只能读取输出格式版本 {1}";
        NOT_THE_PLANS = "the verdict's indicators \"{0}\" are not the plan's \"{1}\": judge the products with this plan again", "判定结果的指标 \"{0}\" 与方案的指标 \"{1}\" 不符，请用本方案重新判定这些产品";
    }
}

/// The schema versions of the JSON outputs (verdict, summary, standard verdict, ranking,
/// report) this build writes and reads back. It writes the last one.
pub const OUTPUT_SCHEMA_VERSIONS: &[u32] = &[1];

/// The `schema-version` of a JSON output, the first key of every top-level output object
/// ([`Verdict`], [`Summary`], [`StandardVerdict`], [`crate::rank::Ranking`], the report).
/// Written as a number; read back, a missing one is 1 (written before the field existed) and
/// one this build does not read ([`OUTPUT_SCHEMA_VERSIONS`]) is refused.
///
/// ```
/// use duibiao::verdict::SchemaVersion;
///
/// assert_eq!(SchemaVersion::CURRENT.get(), 1);
/// assert_eq!(SchemaVersion::new(1)?, SchemaVersion::default());
/// let e = SchemaVersion::new(7).unwrap_err();
/// assert_eq!(e.to_string(), "schema-version 7: this build reads schema versions 1");
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct SchemaVersion(u32);

impl SchemaVersion {
    /// The version this build writes: the last of [`OUTPUT_SCHEMA_VERSIONS`].
    pub const CURRENT: SchemaVersion = SchemaVersion(1);

    /// A version this build reads.
    ///
    /// # Errors
    ///
    /// [`crate::ErrorKind::Invalid`] for a version not in [`OUTPUT_SCHEMA_VERSIONS`].
    pub fn new(version: u64) -> Result<SchemaVersion, Error> {
        match OUTPUT_SCHEMA_VERSIONS
            .iter()
            .find(|&&v| u64::from(v) == version)
        {
            Some(&v) => Ok(SchemaVersion(v)),
            None => {
                let versions = OUTPUT_SCHEMA_VERSIONS
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                Err(Error::of(
                    crate::ErrorKind::Invalid,
                    t!(msg::SCHEMA_VERSION, version, versions),
                ))
            }
        }
    }

    /// The version as a number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for SchemaVersion {
    /// [`SchemaVersion::CURRENT`].
    fn default() -> Self {
        SchemaVersion::CURRENT
    }
}

impl fmt::Display for SchemaVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u64::deserialize(d)?;
        SchemaVersion::new(n).map_err(Error::into_serde)
    }
}

impl JsonSchema for SchemaVersion {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SchemaVersion".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let versions: Vec<serde_json::Value> =
            OUTPUT_SCHEMA_VERSIONS.iter().map(|&v| v.into()).collect();
        schemars::json_schema!({
            "type": "integer",
            "enum": versions,
            "description": "The schema version of this output; a missing one reads as 1."
        })
    }
}

/// The JSON Schema (draft 2020-12) of a [`Verdict`], schema version 1, as pretty JSON ending
/// in a newline: the content of `docs/schema/verdict-v1.schema.json`.
///
/// ```
/// let schema = duibiao::verdict::verdict_json_schema();
/// assert!(schema.contains("\"schema-version\""));
/// ```
pub fn verdict_json_schema() -> String {
    crate::schema_text::output_json_schema::<Verdict>()
}

/// The JSON Schema (draft 2020-12) of a [`StandardVerdict`] (`compare --format json`), schema
/// version 1: the content of `docs/schema/standard-verdict-v1.schema.json`.
pub fn standard_verdict_json_schema() -> String {
    crate::schema_text::output_json_schema::<StandardVerdict>()
}

/// The class of a product or standard: leader, follower or gap.
///
/// Ordered gap < follower < leader.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Margin {
    /// `value`: in the indicator's unit.
    #[schemars(with = "DecimalText")]
    pub value: Decimal,
    /// `share`: `value` divided by the level's bound (absent when the bound is zero), rounded to 6
    /// decimals.
    #[schemars(with = "Option<DecimalText>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Decimal>,
}

/// The grade a value reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct GradeReached {
    /// `rank`: 0 for the best grade of the table (or band).
    pub rank: usize,
    /// `name`: the grade's name.
    pub name: Names,
}

/// For a value in no grade of its table, the grades nearest it: the nearest better one and the
/// nearest worse one (absent beyond an end of the table). A value in a hole of a table of
/// intervals has both; one beyond an end has one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct NearestGrades {
    /// `better`: the nearest grade better than the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub better: Option<GradeReached>,
    /// `worse`: the nearest grade worse than the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worse: Option<GradeReached>,
}

/// One indicator's outcome with its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct IndicatorVerdict {
    /// `id`: the indicator's id.
    pub id: String,
    /// `class`: basic, core or innovation.
    pub class: IndicatorClass,
    /// `outcome`: the outcome.
    pub outcome: Outcome,
    /// `value`: the value as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// `compared`: the value as compared: in the indicator's unit, rounded where the method rounds.
    #[schemars(with = "Option<DecimalText>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compared: Option<Decimal>,
    /// `unit`: the indicator's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// `limit`: the benchmark level's limit that decided, in canonical form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// `standard`: the standard that set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// `limit-class`: the class the deciding requirement names, when the standard states it as a class of
    /// the indicator's grades (`limit` is then the limit that class stands for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_class: Option<String>,
    /// `method`: full-value or rounded-value comparison.
    pub method: Method,
    /// `interval`: the rounding interval used, for rounded-value comparison.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    /// `rule`: the decision rule, when not simple acceptance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<DecisionRule>,
    /// `decision`: the rule's statement against the level (the worst over the level's requirements) when
    /// a rule other than simple acceptance applied: a conditional pass conforms, a conditional
    /// fail does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Conformity>,
    /// `margin`: the margin to the benchmark level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin: Option<Margin>,
    /// `grade`: the grade reached, where the indicator is graded (`None` there: outside every grade).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<GradeReached>,
    /// `outside-grades`: true when the indicator is graded and the value lies outside every grade (or band).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub outside_grades: bool,
    /// `nearest-grades`: with `outside_grades`, the grades nearest the value (a value outside the table is never
    /// put into one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nearest_grades: Option<NearestGrades>,
    /// `tier-reached`: under the tier policy (`policy.leader`), on a core indicator whose grades are read as
    /// tiers and that counts in the leader decision: whether the value reached the leader tier
    /// (that tier or a better one; `grade` names the tier reached).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_reached: Option<bool>,
    /// `band`: where the indicator's requirements or grades are chosen by band: the selector, its
    /// value and the band it chose (none: the value is missing or lies in no band, and the
    /// indicator is judged `missing`, never against a band guessed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<BandChosen>,
}

/// The band that chose an indicator's requirements (or grades).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct BandChosen {
    /// `by`: the selector: an indicator's id or a declared attribute's.
    pub by: String,
    /// `value`: the selector's value as given (`None`: missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// `when`: the chosen band's condition (`≤ 4500 W`, `new`); `None` when no band was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct PolicyApplied {
    /// `leader-share`: the share of the core weight that had to exceed.
    #[schemars(with = "DecimalText")]
    pub leader_share: Decimal,
    /// `leader-min-exceeding`: or the count of core indicators that had to exceed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_min_exceeding: Option<u32>,
    /// `missing`: how missing values counted.
    pub missing: MissingPolicy,
    /// `leader`: leaders by tier, when the plan says so (the share and count above are then not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<TierRule>,
    /// `unstated`: how core indicators no benchmark states counted.
    #[serde(default, skip_serializing_if = "Unstated::is_default")]
    pub unstated: Unstated,
}

/// The verdict on one product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Verdict {
    /// `schema-version`: the version of this output's schema, 1 in this build;
    /// always the first key.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// `product`: the product's id.
    pub product: String,
    /// `class`: leader, follower or gap.
    pub class: Class,
    /// `decided-by`: the indicators that decided the class: those short or missing for a gap, those
    /// exceeding for a leader, none for a follower.
    pub decided_by: Vec<String>,
    /// `exceeding-weight`: the core weight that exceeds.
    #[schemars(with = "DecimalText")]
    pub exceeding_weight: Decimal,
    /// `core-weight`: the total core weight.
    #[schemars(with = "DecimalText")]
    pub core_weight: Decimal,
    /// `policy`: the policy applied.
    pub policy: PolicyApplied,
    /// `indicators`: per indicator, in plan order.
    pub indicators: Vec<IndicatorVerdict>,
}

/// A verdict without its evidence: the class, what decided it, and each indicator's outcome.
/// What the fast path computes without building the evidence; a [`Verdict`] gives the same
/// summary ([`Summary::of`]), so every output made from summaries is the same on either path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Summary {
    /// `schema-version`: the version of this output's schema, 1 in this build;
    /// always the first key.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// `product`: the product's id.
    pub product: String,
    /// `class`: leader, follower or gap.
    pub class: Class,
    /// `decided-by`: as [`Verdict::decided_by`].
    pub decided_by: Vec<String>,
    /// `exceeding-weight`: the core weight that exceeds.
    #[schemars(with = "DecimalText")]
    pub exceeding_weight: Decimal,
    /// `core-weight`: the total core weight.
    #[schemars(with = "DecimalText")]
    pub core_weight: Decimal,
    /// `outcomes`: per indicator, in plan order.
    pub outcomes: Vec<Outcome>,
    /// `bands`: per indicator, in plan order: the condition of the band that chose its requirements
    /// (empty when not chosen by band, or when no band was chosen).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Option<String>>,
    /// `tier-reached`: per indicator, in plan order: as [`IndicatorVerdict::tier_reached`]
    /// (empty, and not written, when no indicator has reached or missed a tier: without the
    /// tier policy).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tier_reached: Vec<Option<bool>>,
    /// `margins`: per indicator, in plan order, the margin to the benchmark level in the
    /// indicator's unit (as [`Margin::value`], `None` where there is none), normalized:
    /// trailing zeros removed (`0.4`, where the verdict says `0.40`), so that both engine
    /// paths give the same digits. Empty, and not written, when no indicator has one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<Option<DecimalText>>")]
    pub margins: Vec<Option<Decimal>>,
}

/// Per indicator its margin, or nothing when no indicator has one (so that a summary read
/// back from JSON, where the all-absent list is not written, is equal to the one written).
pub(crate) fn margins(m: Vec<Option<Decimal>>) -> Vec<Option<Decimal>> {
    if m.iter().all(Option::is_none) {
        Vec::new()
    } else {
        m
    }
}

/// Per indicator whether its tier was reached, or nothing when no indicator has tiers (so
/// that a summary read back from JSON, where the all-absent list is not written, is equal to
/// the one written).
pub(crate) fn tiers(t: Vec<Option<bool>>) -> Vec<Option<bool>> {
    if t.iter().all(Option::is_none) {
        Vec::new()
    } else {
        t
    }
}

impl Summary {
    /// The summary of a full verdict.
    pub fn of(v: &Verdict) -> Summary {
        Summary {
            schema_version: v.schema_version,
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
            tier_reached: tiers(v.indicators.iter().map(|i| i.tier_reached).collect()),
            margins: margins(
                v.indicators
                    .iter()
                    .map(|i| i.margin.map(|m| m.value.normalize()))
                    .collect(),
            ),
        }
    }
}

/// How the subject standard's requirement compares with the benchmark level, per indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct StandardIndicatorVerdict {
    /// `id`: the indicator's id.
    pub id: String,
    /// `class`: basic, core or innovation.
    pub class: IndicatorClass,
    /// `outcome`: the comparison of the two requirements as sets.
    pub outcome: StandardOutcome,
    /// `judged`: the requirement judged as a product at the value it guarantees
    /// ([`crate::Engine::evaluate_standard`]): what the class is decided on, so that a
    /// stricter requirement within the equivalence tolerance only meets the level.
    pub judged: Outcome,
    /// `subject`: the subject's requirement, canonical.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// `level`: the benchmark level's requirements (several when incomparable), with their standards.
    pub level: Vec<LevelRequirement>,
    /// `band`: where the indicator's requirements vary with a band: the band compared (one entry per
    /// band), its condition in canonical form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
}

/// One requirement of the benchmark level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct LevelRequirement {
    /// `standard`: the standard that states it.
    pub standard: String,
    /// `limit`: the limit, canonical.
    pub limit: String,
    /// `class`: the class of the indicator's grades the standard names, when it states the
    /// requirement as a class (`limit` is then the limit the class stands for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct StandardVerdict {
    /// `schema-version`: the version of this output's schema, 1 in this build;
    /// always the first key.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// `standard`: the subject standard's number.
    pub standard: String,
    /// `class`: leader, follower or gap, decided on each indicator's `judged` outcome
    /// ([`crate::Engine::evaluate_standard`]): the class `rank --standards` gives the same
    /// requirements.
    pub class: Class,
    /// `decided-by`: the indicators that decided.
    pub decided_by: Vec<String>,
    /// `indicators`: per indicator, in plan order.
    pub indicators: Vec<StandardIndicatorVerdict>,
}

/// Stored verdicts read back one at a time, with flat memory: a JSON array of verdicts (as
/// `evaluate --format json` writes them, [`VerdictRows::array`]) or JSON Lines, one verdict
/// per line (`evaluate --format jsonl`, [`VerdictRows::lines`]); [`VerdictRows::detect`]
/// tells them apart by the first byte that is not blank. The file is split into entries as
/// the products JSON reader splits it ([`crate::product::JsonRows`]: no entry held beyond
/// [`crate::Limits::row_bytes`]), so an entry's fault is that entry's error alone, with its
/// place (`verdicts[2]`, or `line 3` in JSON Lines), and the reading goes on; a fault of the
/// file itself (the array cut short, text after it) ends the reading
/// ([`VerdictRows::stopped`]).
///
/// With [`VerdictRows::fitting`], a verdict whose indicators are not the plan's, in plan
/// order, is refused: it was judged by another plan.
///
/// ```
/// use duibiao::verdict::VerdictRows;
///
/// let plan = duibiao::Plan::from_toml_str(r#"
/// schema_version = 1
/// category = { en = "lamp" }
/// [[standards]]
/// code = "GB 1-2000"
/// role = "benchmark"
/// [[indicators]]
/// id = "a"
/// direction = "higher-is-better"
/// requirements = { "GB 1-2000" = "≥ 5" }
/// "#)?;
/// let engine = plan.compile()?;
/// let v = engine.evaluate(&duibiao::Product::new("P1").with("a", "6")?)?;
/// let line = serde_json::to_string(&v).unwrap();
/// let text = format!("{line}\n\n{{\"product\": 1}}\n");
/// let mut rows = VerdictRows::detect(text.as_bytes(), &duibiao::Limits::default())?
///     .fitting(engine.indicator_ids());
/// assert_eq!(rows.next().unwrap()?, v);
/// let e = rows.next().unwrap().unwrap_err();
/// assert!(e.to_string().starts_with("line 3, column 13: "), "{e}");
/// assert!(rows.next().is_none() && !rows.stopped());
/// # Ok::<(), duibiao::Error>(())
/// ```
pub struct VerdictRows<R> {
    rows: crate::product::JsonRows<R>,
    /// The plan's indicator ids, in plan order, when given.
    plan: Option<Vec<String>>,
}

/// A reader whose first bytes, read ahead by [`VerdictRows::detect`], are given again.
pub type Sniffed<R> = std::io::Chain<std::io::Cursor<Vec<u8>>, R>;

/// The bytes [`VerdictRows::detect`] reads ahead, at most, to find the first one not blank.
const SNIFF_BYTES: usize = 1 << 16;

impl<R: std::io::Read> VerdictRows<R> {
    /// A JSON array of verdicts, read entry by entry.
    ///
    /// # Errors
    ///
    /// When the input is empty, cannot be read, or is not a JSON array.
    pub fn array(reader: R, limits: &crate::Limits) -> Result<VerdictRows<R>, Error> {
        Ok(VerdictRows {
            rows: crate::product::JsonRows::array_of(reader, limits, true)?,
            plan: None,
        })
    }

    /// JSON Lines: one verdict per line; blank lines are skipped.
    ///
    /// # Errors
    ///
    /// When the input is empty (or blank), cannot be read, or is a JSON array.
    pub fn lines(reader: R, limits: &crate::Limits) -> Result<VerdictRows<R>, Error> {
        Ok(VerdictRows {
            rows: crate::product::JsonRows::lines_of(reader, limits, true)?,
            plan: None,
        })
    }

    /// A JSON array when the first byte that is not blank (after a byte order mark) is `[`,
    /// else JSON Lines. The bytes read ahead (at most 64 KiB of blanks) are read again.
    ///
    /// # Errors
    ///
    /// As [`VerdictRows::array`] or [`VerdictRows::lines`]; a read that fails.
    pub fn detect(mut reader: R, limits: &crate::Limits) -> Result<VerdictRows<Sniffed<R>>, Error> {
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        let array = loop {
            if head.len() >= SNIFF_BYTES {
                break false;
            }
            match reader.read(&mut byte) {
                Ok(0) => break false,
                Ok(_) => {
                    head.push(byte[0]);
                    match byte[0] {
                        b' ' | b'\t' | b'\r' | b'\n' | 0xEF | 0xBB | 0xBF => {}
                        b => break b == b'[',
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    return Err(
                        crate::encoding::read_error(&e).place(t!(product_msg::PLACE_VERDICTS))
                    )
                }
            }
        };
        let reader = std::io::Read::chain(std::io::Cursor::new(head), reader);
        if array {
            VerdictRows::array(reader, limits)
        } else {
            VerdictRows::lines(reader, limits)
        }
    }

    /// Refuses a verdict whose indicator ids are not `ids` (a plan's, [`crate::Engine::indicator_ids`]),
    /// in this order.
    #[must_use]
    pub fn fitting<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> VerdictRows<R> {
        self.plan = Some(ids.into_iter().map(str::to_owned).collect());
        self
    }

    /// The place of the entry read last.
    pub fn place(&self) -> Option<crate::product::Place> {
        self.rows.place()
    }

    /// True when the last error was a fault of the file that ended the reading.
    pub fn stopped(&self) -> bool {
        self.rows.stopped()
    }
}

impl<R: std::io::Read> Iterator for VerdictRows<R> {
    type Item = Result<Verdict, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = match self.rows.next_raw()? {
            Ok(raw) => raw,
            Err(e) => return Some(Err(e)),
        };
        let v: Verdict = match serde_json::from_str(raw.text) {
            Ok(v) => v,
            Err(e) => return Some(Err(raw.error(&e))),
        };
        if let Some(ids) = &self.plan {
            let fits = v
                .indicators
                .iter()
                .map(|i| i.id.as_str())
                .eq(ids.iter().map(String::as_str));
            if !fits {
                let have = v
                    .indicators
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let want = ids.join(", ");
                return Some(Err(Error::of(
                    crate::ErrorKind::Invalid,
                    t!(msg::NOT_THE_PLANS, have, want),
                )
                .place(t!(crate::error::msg::PLACE_PRODUCT, v.product))
                .place(raw.place_text)));
            }
        }
        Some(Ok(v))
    }
}
