//! The classification and ranking policy of a plan (`[policy]`, `[policy.ranking]`): plan
//! data, read and checked with the plan; the engine classifies by it and the ranker ranks by it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::DecimalText;

/// What counts as a missing value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum MissingPolicy {
    /// A missing core indicator makes a gap (the default: an undeclared value is not a met one).
    #[default]
    Gap,
    /// Missing values are left out of the verdict.
    Ignore,
}

fn default_leader_share() -> rust_decimal::Decimal {
    rust_decimal::Decimal::new(5, 1)
}

/// The classification policy (design decision 4). Defaults: a product is a **gap** if any core
/// indicator falls short or is missing or any basic indicator fails; a **leader** if not a gap
/// and core indicators carrying at least `leader_share` (0.5) of the core weight exceed the
/// benchmark level — or, when `leader_min_exceeding` is set, at least that many core
/// indicators exceed; a **follower** otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[schemars(
    description = "The classification policy. A product is a gap if any core indicator falls short or is missing (see `missing`) or any basic indicator fails; a leader if not a gap and core indicators carrying at least `leader-share` of the core weight exceed the benchmark level (or, when `leader-min-exceeding` is set, at least that many core indicators exceed); a follower otherwise."
)]
pub struct Policy {
    /// The share of the core weight that must exceed for a leader (0 < share ≤ 1).
    #[serde(
        default = "default_leader_share",
        deserialize_with = "crate::number::deserialize_exact"
    )]
    #[schemars(with = "DecimalText")]
    pub leader_share: rust_decimal::Decimal,
    /// Instead of a share: the number of core indicators that must exceed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_min_exceeding: Option<u32>,
    /// How missing values count.
    #[serde(default)]
    pub missing: MissingPolicy,
    /// Leaders by tier (企业标准"领跑者"): in place of the share rule, a leader reaches the
    /// named tier (a grade of each core indicator, read as a tier) on all or k of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<TierRule>,
    /// Whether core indicators no benchmark states count in the core weight and the core
    /// count (`count`, the default) or are left out of the leader decision (`leave-out`).
    #[serde(default, skip_serializing_if = "Unstated::is_default")]
    pub unstated: Unstated,
    /// How peers are ranked and leaders chosen (`[policy.ranking]`, docs/ranking.md).
    #[serde(default, skip_serializing_if = "RankingPolicy::is_default")]
    pub ranking: RankingPolicy,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            leader_share: default_leader_share(),
            leader_min_exceeding: None,
            missing: MissingPolicy::Gap,
            leader: None,
            unstated: Unstated::Count,
            ranking: RankingPolicy::default(),
        }
    }
}

/// How core indicators no benchmark states take part in the leader decision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Unstated {
    /// They count in the core weight and the core count (the default, docs/rules.md §6): they
    /// are core indicators of the scheme, and a product cannot exceed a level no one states.
    #[default]
    Count,
    /// They are left out of the core weight, the core count and the tier count: the leader
    /// decision reads only the core indicators a benchmark states.
    LeaveOut,
}

impl Unstated {
    /// True for the default, `count`.
    pub fn is_default(&self) -> bool {
        *self == Unstated::Count
    }
}

/// On how many core indicators the leader tier must be reached.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TierOn {
    /// On every core indicator with tiers (`on = "all"`, the default).
    #[default]
    All,
    /// On at least this many of them (`on = 3`).
    AtLeast(u32),
}

impl Serialize for TierOn {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            TierOn::All => s.serialize_str("all"),
            TierOn::AtLeast(n) => s.serialize_u32(*n),
        }
    }
}

impl<'de> Deserialize<'de> for TierOn {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Count(u32),
            Word(String),
        }
        match Written::deserialize(d)? {
            Written::Count(n) => Ok(TierOn::AtLeast(n)),
            Written::Word(w) if w == "all" => Ok(TierOn::All),
            // A serde custom error travels as text through the readers: kept in English.
            Written::Word(w) => Err(serde::de::Error::custom(format!(
                "expected \"all\" or a whole number of core indicators, found \"{w}\""
            ))),
        }
    }
}

impl JsonSchema for TierOn {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TierOn".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "On how many core indicators with tiers the leader tier must be reached: \"all\", or a whole number k ≥ 1.",
            "oneOf": [
                { "const": "all" },
                { "type": "integer", "minimum": 0 }
            ],
            "default": "all"
        })
    }
}

/// Leaders by tier (`policy.leader = { tier = "领跑者水平", on = "all" }`): the grades of each
/// core indicator are read as its tiers (领跑者水平, 先进水平, 基准水平 …, best first), and a
/// product that is not a gap is a leader only when it reaches `tier` (or a better one) on
/// `on` core indicators; a follower otherwise. Replaces `leader-share` and
/// `leader-min-exceeding`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[schemars(
    description = "Leaders by tier: the grades of each core indicator read as tiers, best first; a product that is not a gap is a leader only when it reaches `tier` (by its Chinese or English name) or a better tier on `on` core indicators with tiers (\"all\" or k). Replaces leader-share and leader-min-exceeding."
)]
pub struct TierRule {
    /// `tier`: the tier to reach, by the grade's Chinese or English name (`领跑者水平`).
    pub tier: String,
    /// `on`: on all core indicators with tiers, or on at least k of them.
    #[serde(default)]
    pub on: TierOn,
}

impl TierRule {
    /// The index of the tier among a table's grade names (by the Chinese or the English name),
    /// if the table holds it.
    pub fn index_in<'a>(
        &self,
        names: impl IntoIterator<Item = &'a crate::standard::Names>,
    ) -> Option<usize> {
        names.into_iter().position(|n| {
            n.zh.as_deref() == Some(self.tier.as_str())
                || n.en.as_deref() == Some(self.tier.as_str())
        })
    }
}

/// Which verdicts take part in the ranking.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Eligibility {
    /// Not a gap (the default): every basic indicator conforms and no core indicator falls
    /// short (nor is missing, under `missing = "gap"`).
    #[default]
    NotGap,
    /// Every basic indicator conforms; core indicators that fall short only lower the score.
    BasicConforms,
    /// Every verdict is ranked.
    All,
}

/// What happens to true ties (same score, same number of core indicators exceeding) that the
/// leader cut would split.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum TiesAtCut {
    /// All of them are leaders (the cap is exceeded; the default).
    #[default]
    AllIn,
    /// None of them is a leader (fewer leaders than the cap, possibly none).
    AllOut,
}

/// How many of the ranked are leaders: the smallest of the caps set, then ties at the cut by
/// [`TiesAtCut`]. With no cap set, every ranked entry is a leader.
///
/// ```
/// use duibiao::rank::LeaderCut;
///
/// let cut = LeaderCut { top: Some(3), ..LeaderCut::default() };
/// assert_eq!(cut.share, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct LeaderCut {
    /// `top`: at most this many (top N, N ≥ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<u32>,
    /// `share`: at most this share of the ranked, rounded up and at least one (0 < share ≤ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub share: Option<Decimal>,
    /// `min-score`: only entries scoring at least this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub min_score: Option<Decimal>,
    /// `ties`: true ties at the cut: all in or all out.
    #[serde(default)]
    pub ties: TiesAtCut,
}

fn default_grade_points() -> Vec<Decimal> {
    [100, 80, 60, 40, 20]
        .into_iter()
        .map(Decimal::from)
        .collect()
}

fn default_margin_points() -> Decimal {
    Decimal::from(50)
}

fn default_margin_cap() -> Decimal {
    Decimal::new(2, 1)
}

/// The ranking policy (`[policy.ranking]` in a plan). Defaults: eligibility `not-gap`, grade
/// points 100, 80, 60, 40, 20 (best grade first), margin points 50, margin cap 0.2, weights
/// those of the indicators, no leader cap.
///
/// Per core indicator *i* with weight *wᵢ*: *gᵢ* = the grade points of the grade reached (an
/// indicator without grades counts as one grade, the benchmark level: conforming reaches it),
/// *sᵢ* = the margin share clamped to [−cap, cap] (missing: −cap), *mᵢ* = margin points × *sᵢ* /
/// cap; score = Σ *wᵢ*(*gᵢ* + *mᵢ*) / Σ *wᵢ*, rounded to [`SCORE_DECIMALS`](crate::rank::SCORE_DECIMALS) half to even.
///
/// ```
/// use duibiao::rank::RankingPolicy;
///
/// let p = RankingPolicy::default();
/// assert_eq!(p.grade_points.first().map(|d| d.to_string()).as_deref(), Some("100"));
/// assert_eq!(p.margin_cap.to_string(), "0.2");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[schemars(
    description = "How peers are ranked and leaders chosen (our choice; see docs/ranking.md). Per core indicator: the grade points of the grade reached plus margin-points × (margin share clamped to ±margin-cap) / margin-cap, weighted; the score is the weighted mean, rounded to 2 decimals."
)]
pub struct RankingPolicy {
    /// Which verdicts are ranked.
    #[serde(default)]
    pub eligibility: Eligibility,
    /// Points per grade, best grade first (non-increasing, not negative); grades beyond the
    /// list earn 0.
    #[serde(default = "default_grade_points")]
    #[schemars(with = "Vec<DecimalText>")]
    pub grade_points: Vec<Decimal>,
    /// The points of a margin share at the cap (not negative).
    #[serde(default = "default_margin_points")]
    #[schemars(with = "DecimalText")]
    pub margin_points: Decimal,
    /// Margin shares are clamped to [−cap, cap] (cap > 0).
    #[serde(default = "default_margin_cap")]
    #[schemars(with = "DecimalText")]
    pub margin_cap: Decimal,
    /// Weights by core indicator id, replacing the indicator's own weight (not negative).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::unique::weights"
    )]
    #[schemars(with = "BTreeMap<String, DecimalText>")]
    pub weights: BTreeMap<String, Decimal>,
    /// How many are leaders.
    #[serde(default)]
    pub leaders: LeaderCut,
}

impl Default for RankingPolicy {
    fn default() -> Self {
        RankingPolicy {
            eligibility: Eligibility::NotGap,
            grade_points: default_grade_points(),
            margin_points: default_margin_points(),
            margin_cap: default_margin_cap(),
            weights: BTreeMap::new(),
            leaders: LeaderCut::default(),
        }
    }
}

impl RankingPolicy {
    /// True when every field holds its default.
    pub fn is_default(&self) -> bool {
        *self == RankingPolicy::default()
    }
}
