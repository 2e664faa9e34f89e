//! Ranking peers of one category and choosing leaders (公开—排行—领跑).
//!
//! The enterprise standard leader system (企业标准"领跑者") ranks the standards or products of
//! one category by their core indicators and names the leaders, but publishes no score formula.
//! The formula here is the crate's choice, every constant of it a field of the plan's
//! `[policy.ranking]` ([`RankingPolicy`]); `docs/ranking.md` works one example by hand.
//!
//! A [`Ranker`] reads verdicts only (it adds no judgement): eligibility first (by default not a
//! gap), then a score per eligible verdict from the grade reached and the margin share to the
//! benchmark level of each core indicator, weighted; then the ranking (score descending, ties
//! broken by the number of core indicators exceeding, then by id; dense rank numbers shared by
//! true ties) and the leaders, always a prefix of the ranking.
//!
//! ```
//! use duibiao::{Plan, Product};
//! use duibiao::rank::Ranker;
//!
//! let plan = Plan::from_toml_str(r#"
//! schema_version = 1
//! category = { en = "smart toilet" }
//! [policy.ranking.leaders]
//! top = 1
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
//! let products = [
//!     Product::new("A").with("flush-water", "3.9")?,
//!     Product::new("B").with("flush-water", "3.6")?,
//!     Product::new("C").with("flush-water", "4.2")?,
//! ];
//! let ranking = Ranker::new(&engine)?.rank_products(&products)?;
//! let order: Vec<&str> = ranking.ranked.iter().map(|e| e.id.as_str()).collect();
//! assert_eq!(order, ["B", "A"]);
//! assert_eq!(ranking.ineligible[0].id, "C"); // a gap: listed with its reason, unranked
//! assert_eq!(ranking.leaders().len(), 1);
//! # Ok::<(), duibiao::Error>(())
//! ```

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod compact;

/// The messages of ranking.
pub(crate) mod msg {
    crate::error::messages! {
        POLICY_RANKING = "policy.ranking", "排名规则 policy.ranking";
        SCORING = "scoring \"{0}\"", "为 \"{0}\" 计分";
        TOTAL_WEIGHT = "the total ranking weight", "排名权重之和";
        MARGIN_POINTS_OF = "margin points of \"{0}\"", "\"{0}\" 的裕度分";
        POINTS_OF = "points of \"{0}\"", "\"{0}\" 的得分";
        WEIGHTED_SUM = "the weighted sum of points", "加权得分之和";
        SCORE = "the score", "总分";
        MORE_THAN_RANKED = "more than 4294967295 products ranked", "参与排名的产品超过 4294967295 个";
        LEADER_SHARE = "the leader share", "领跑者比例";
        NEGATIVE_POINTS = "points are never negative", "分值不能为负";
        POINTS_INCREASE = "points must not increase from a better grade to a worse one", "分值不能从较优等级到较差等级递增";
        CAP_ABOVE_ZERO = "the cap must be above 0", "上限必须大于 0";
        NOT_CORE = "not a core indicator of the plan (only core indicators are scored)", "不是方案的核心指标（只有核心指标计分）";
        NEGATIVE_WEIGHT = "a weight is never negative", "权重不能为负";
        NO_CORE_WEIGHT = "ranking needs core indicators with a weight above 0", "排名需要权重大于 0 的核心指标";
        DUPLICATE = "two entries carry this id; ids must be unique to rank", "有两条记录使用此编号，排名要求编号唯一";
        TOP_AT_LEAST_ONE = "top must be at least 1", "top 至少为 1";
        SHARE_RANGE = "a share is above 0 and at most 1", "比例必须大于 0 且不超过 1";
        PRODUCTS_RANKED = "products ranked", "参与排名的产品";
        CORE_INDICATORS = "core indicators", "核心指标";
        REASONS = "reasons", "理由";
    }
}

pub(crate) use compact::msg as compact_msg;
pub(crate) use compact::{index, outcome_code, outcome_of, Decimals, Interner, Key, Keys, Packed};

use crate::engine::rules;
use crate::engine::Engine;
use crate::error::{t, Error, Text};
use crate::indicator::IndicatorClass;
use crate::number::exact;
pub use crate::plan::policy::{Eligibility, LeaderCut, RankingPolicy, TiesAtCut};
use crate::product::Product;
use crate::schema_text::DecimalText;
use crate::verdict::{Class, IndicatorVerdict, Outcome, SchemaVersion, Verdict};

/// The JSON Schema (draft 2020-12) of a [`Ranking`] (`rank --format json`), schema version 1,
/// as pretty JSON ending in a newline: the content of `docs/schema/ranking-v1.schema.json`.
pub fn ranking_json_schema() -> String {
    crate::schema_text::output_json_schema::<Ranking>()
}

/// The number of decimals a score is rounded to (half to even, once, at the end).
pub const SCORE_DECIMALS: u32 = 2;

/// One core indicator's contribution to a score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct ScorePart {
    /// `id`: the indicator's id.
    pub id: String,
    /// `weight`: its weight in the score.
    #[schemars(with = "DecimalText")]
    pub weight: Decimal,
    /// `grade`: the grade rank reached (0 best), whose points are earned; for a value outside a table
    /// of intervals, its nearest worse grade (`nearest_grades.worse`: a value in a hole scores
    /// as the class after it, one beyond the best end as the best); for an indicator without
    /// grades, 0 when it conforms to the benchmark level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<usize>,
    /// `grade-points`: the grade points earned.
    #[schemars(with = "DecimalText")]
    pub grade_points: Decimal,
    /// `share`: the margin share used, clamped to [−cap, cap].
    #[schemars(with = "DecimalText")]
    pub share: Decimal,
    /// `margin-points`: the margin points earned: margin points × share / cap.
    #[schemars(with = "DecimalText")]
    pub margin_points: Decimal,
    /// `points`: grade points + margin points.
    #[schemars(with = "DecimalText")]
    pub points: Decimal,
    /// `tier-rank`: under the tier policy, the rank on this indicator alone: entries in one tier share it
    /// (1 for the best tier any ranked entry reached). Absent for an indicator without tiers,
    /// outside every tier, or left out of the ranking ([`Ranking::left_out`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_rank: Option<usize>,
}

/// The score of one verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Score {
    /// `total`: Σ weight × points / Σ weight, rounded to [`SCORE_DECIMALS`].
    #[schemars(with = "DecimalText")]
    pub total: Decimal,
    /// `exceeding`: the number of core indicators that exceed the benchmark level (the first tie-break).
    pub exceeding: usize,
    /// `parts`: per core indicator, in plan order.
    pub parts: Vec<ScorePart>,
}

/// One ranked entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct RankedEntry {
    /// `id`: the product's (or standard's) id.
    pub id: String,
    /// `rank`: dense rank, from 1; true ties share it.
    pub rank: usize,
    /// `class`: the class of its verdict.
    pub class: Class,
    /// `leader`: true when chosen as a leader (领跑者).
    pub leader: bool,
    /// `score`: the score with its parts.
    pub score: Score,
}

/// Why a verdict is not ranked: one indicator and its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Reason {
    /// `indicator`: the indicator's id.
    pub indicator: String,
    /// `class`: its class.
    pub class: IndicatorClass,
    /// `outcome`: its outcome (falls short or missing).
    pub outcome: Outcome,
}

/// A verdict left out of the ranking, with the reasons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Ineligible {
    /// `id`: the product's (or standard's) id.
    pub id: String,
    /// `class`: the class of its verdict.
    pub class: Class,
    /// `reasons`: the indicators that made it ineligible.
    pub reasons: Vec<Reason>,
}

/// A ranking of one category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Ranking {
    /// `schema-version`: the version of this output's schema, 1 in this build;
    /// always the first key.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// `ranked`: the eligible, best first.
    pub ranked: Vec<RankedEntry>,
    /// `ineligible`: the ineligible, by id.
    pub ineligible: Vec<Ineligible>,
    /// `cut`: the leader cut applied.
    pub cut: LeaderCut,
    /// `leader-count`: how many of `ranked` (a prefix) are leaders.
    pub leader_count: usize,
    /// `by-tier`: ranked by tier (`policy.leader`): by the number of core indicators in the best tier,
    /// then in the best two tiers, and so on; equal counts share a rank.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_tier: bool,
    /// `left-out`: under the tier policy, the core indicators left out of the ranking because every
    /// ranked entry (two or more) states the same value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<String>,
}

impl Ranking {
    /// The leaders: the first `leader_count` entries of the ranking.
    pub fn leaders(&self) -> &[RankedEntry] {
        self.ranked.get(..self.leader_count).unwrap_or(&[])
    }

    /// The rank of an id, if ranked.
    pub fn rank_of(&self, id: &str) -> Option<usize> {
        self.ranked.iter().find(|e| e.id == id).map(|e| e.rank)
    }
}

/// Ranks verdicts of one engine by its plan's ranking policy. Build it with [`Ranker::new`].
#[derive(Clone, Debug)]
pub struct Ranker<'e> {
    engine: &'e Engine,
    policy: RankingPolicy,
    /// Each core indicator, in plan order.
    core: Vec<Core>,
    total_weight: Decimal,
}

/// A core indicator as the ranker scores it.
#[derive(Clone, Debug)]
struct Core {
    id: String,
    weight: Decimal,
    graded: bool,
    /// Its grades are read as tiers in the tier ranking (the tier policy, and it counts).
    tiered: bool,
    /// Its position among the engine's indicators (and so in a verdict of the engine).
    at: usize,
}

/// One core indicator's part of a score, the numbers only: what [`Ranker`] computes once per
/// verdict, kept as [`ScorePart`] or compactly by a [`RankBuilder`].
struct PartNumbers {
    grade: Option<usize>,
    share: Decimal,
    margin_points: Decimal,
    points: Decimal,
}

fn refuse(field: &'static str, text: impl ToString, detail: Text) -> Error {
    Error::invalid(field, &text.to_string(), detail).place(t!(msg::POLICY_RANKING))
}

/// The grade points of a grade reached (0 without one or beyond the table).
fn grade_points(points: &[Decimal], grade: Option<usize>) -> Decimal {
    grade
        .and_then(|k| points.get(k).copied())
        .unwrap_or(Decimal::ZERO)
}

impl<'e> Ranker<'e> {
    /// A ranker with the ranking policy of the engine's plan.
    ///
    /// # Errors
    ///
    /// When the policy is not usable: grade points increasing or negative, a margin cap not
    /// above 0, negative margin points or weights, a weight for an id that is not a core
    /// indicator, no core weight at all, or a leader cut out of range.
    pub fn new(engine: &'e Engine) -> Result<Ranker<'e>, Error> {
        Ranker::with_policy(engine, engine.policy.ranking.clone())
    }

    /// A ranker with another ranking policy.
    ///
    /// # Errors
    ///
    /// As [`Ranker::new`].
    pub fn with_policy(engine: &'e Engine, policy: RankingPolicy) -> Result<Ranker<'e>, Error> {
        let mut previous: Option<Decimal> = None;
        for p in &policy.grade_points {
            if *p < Decimal::ZERO {
                return Err(refuse("grade-points", p, t!(msg::NEGATIVE_POINTS)));
            }
            if previous.is_some_and(|q| *p > q) {
                return Err(refuse("grade-points", p, t!(msg::POINTS_INCREASE)));
            }
            previous = Some(*p);
        }
        if policy.margin_cap <= Decimal::ZERO {
            return Err(refuse(
                "margin-cap",
                policy.margin_cap,
                t!(msg::CAP_ABOVE_ZERO),
            ));
        }
        if policy.margin_points < Decimal::ZERO {
            return Err(refuse(
                "margin-points",
                policy.margin_points,
                t!(msg::NEGATIVE_POINTS),
            ));
        }
        let core_ids: std::collections::BTreeSet<&str> = engine
            .indicators
            .iter()
            .filter(|i| i.class == IndicatorClass::Core)
            .map(|i| i.id.as_str())
            .collect();
        for (id, w) in &policy.weights {
            if !core_ids.contains(id.as_str()) {
                return Err(refuse("weights", id, t!(msg::NOT_CORE)));
            }
            if *w < Decimal::ZERO {
                return Err(refuse("weights", w, t!(msg::NEGATIVE_WEIGHT)));
            }
        }
        check_cut(&policy.leaders)?;
        let core: Vec<Core> = engine
            .indicators
            .iter()
            .enumerate()
            // Under `unstated = "leave-out"`, the core indicators a benchmark states.
            .filter(|(_, i)| rules::counted(i.class, i.compared(), engine.policy.unstated))
            .map(|(at, i)| Core {
                id: i.id.clone(),
                weight: policy.weights.get(&i.id).copied().unwrap_or(i.weight),
                graded: i.graded(),
                tiered: engine.tiers_counted(i),
                at,
            })
            .collect();
        let total_weight = core
            .iter()
            .try_fold(Decimal::ZERO, |acc, c| exact::try_add(acc, c.weight))
            .map_err(|f| f.error(t!(msg::TOTAL_WEIGHT)))?;
        if total_weight <= Decimal::ZERO {
            return Err(Error::invalid(
                "ranking weights",
                &total_weight.to_string(),
                t!(msg::NO_CORE_WEIGHT),
            )
            .place(t!(msg::POLICY_RANKING)));
        }
        Ok(Ranker {
            engine,
            policy,
            core,
            total_weight,
        })
    }

    /// Replaces the leader cut (for example with `--top` and `--share` from a command line).
    ///
    /// ```
    /// # use duibiao::Plan;
    /// # let plan = Plan::from_toml_str(r#"
    /// # schema_version = 1
    /// # category = { en = "x" }
    /// # [[standards]]
    /// # code = "GB 1-2000"
    /// # role = "benchmark"
    /// # [[indicators]]
    /// # id = "a"
    /// # direction = "higher-is-better"
    /// # requirements = { "GB 1-2000" = "≥ 1" }
    /// # "#)?;
    /// # let engine = plan.compile()?;
    /// use duibiao::rank::{LeaderCut, Ranker};
    ///
    /// let ranker = Ranker::new(&engine)?.leader_cut(LeaderCut { top: Some(2), ..LeaderCut::default() })?;
    /// assert_eq!(ranker.policy().leaders.top, Some(2));
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When `top` is 0 or `share` is not in (0, 1].
    pub fn leader_cut(mut self, cut: LeaderCut) -> Result<Ranker<'e>, Error> {
        check_cut(&cut)?;
        self.policy.leaders = cut;
        Ok(self)
    }

    /// The policy in force.
    pub fn policy(&self) -> &RankingPolicy {
        &self.policy
    }

    /// The engine ranked with.
    pub fn engine(&self) -> &'e Engine {
        self.engine
    }

    /// A verdict's indicator verdict for each core indicator (the first of that id, as a
    /// search would find it): by position when the verdict lists the engine's indicators in
    /// plan order, as every verdict of the engine does, else by search.
    fn core_verdicts<'s, 'v: 's>(
        &'s self,
        verdict: &'v Verdict,
    ) -> impl Iterator<Item = Option<&'v IndicatorVerdict>> + 's {
        let plan = &self.engine.indicators;
        let aligned = verdict.indicators.len() == plan.len()
            && verdict
                .indicators
                .iter()
                .zip(plan)
                .all(|(v, i)| v.id == i.id);
        // Otherwise each id's first verdict, found once: one lookup per core indicator.
        let mut by_id: std::collections::BTreeMap<&str, &IndicatorVerdict> =
            std::collections::BTreeMap::new();
        if !aligned {
            for v in verdict.indicators.iter().rev() {
                by_id.insert(v.id.as_str(), v);
            }
        }
        self.core.iter().map(move |c| {
            if aligned {
                verdict.indicators.get(c.at)
            } else {
                by_id.get(c.id.as_str()).copied()
            }
        })
    }

    /// The score of a verdict: each core indicator's part given to `part` (with its position
    /// among the core indicators), and the total and the count exceeding returned. The one
    /// place a score is computed; [`Ranker::score`] and [`RankBuilder::push`] keep its numbers.
    fn score_with(
        &self,
        verdict: &Verdict,
        mut part: impl FnMut(usize, PartNumbers),
    ) -> Result<(Decimal, usize), Error> {
        let place = |e: Error| e.place(t!(msg::SCORING, verdict.product.as_str()));
        let cap = self.policy.margin_cap;
        // The score Σ wᵢ·(gᵢ + m·sᵢ/cap) / W is computed as one quotient of exact sums,
        // Σ wᵢ·(gᵢ·cap + m·sᵢ) / (cap·W), rounded once to SCORE_DECIMALS; the margin points
        // of each part (m·sᵢ/cap) are only shown.
        let mut sum = Decimal::ZERO;
        let mut exceeding = 0;
        for (k, (c, v)) in self
            .core
            .iter()
            .zip(self.core_verdicts(verdict))
            .enumerate()
        {
            if v.is_some_and(|v| v.outcome == Outcome::Exceeds) {
                exceeding += 1;
            }
            let grade = match v {
                // A value outside the table scores as its nearest worse grade (none beyond
                // the worst): never more than a worse value, so scores stay monotone.
                Some(v) if c.graded => v.grade.as_ref().map(|g| g.rank).or_else(|| {
                    v.nearest_grades
                        .as_ref()
                        .and_then(|n| n.worse.as_ref())
                        .map(|g| g.rank)
                }),
                Some(v) => rules::conforms(v.outcome).then_some(0),
                None => None,
            };
            let grade_points = grade_points(&self.policy.grade_points, grade);
            let share = v.map_or(-cap, |v| clamped_share(v, cap));
            let id = &c.id;
            let margin_scaled = exact::try_mul(self.policy.margin_points, share)
                .map_err(|f| place(f.error(t!(msg::MARGIN_POINTS_OF, id.as_str()))))?;
            let points_scaled = exact::try_mul(grade_points, cap)
                .and_then(|g| exact::try_add(g, margin_scaled))
                .map_err(|f| place(f.error(t!(msg::POINTS_OF, id.as_str()))))?;
            sum = exact::try_mul(c.weight, points_scaled)
                .and_then(|x| exact::try_add(sum, x))
                .map_err(|f| place(f.error(t!(msg::WEIGHTED_SUM))))?;
            let margin_points = exact::div_shown(margin_scaled, cap)
                .map_err(|f| place(f.error(t!(msg::MARGIN_POINTS_OF, id.as_str()))))?;
            let points = exact::div_shown(points_scaled, cap)
                .map_err(|f| place(f.error(t!(msg::POINTS_OF, id.as_str()))))?;
            part(
                k,
                PartNumbers {
                    grade,
                    share,
                    margin_points: margin_points.normalize(),
                    points: points.normalize(),
                },
            );
        }
        let mut total = exact::try_mul(cap, self.total_weight)
            .and_then(|d| exact::div_rounded(sum, d, SCORE_DECIMALS))
            .map_err(|f| place(f.error(t!(msg::SCORE))))?;
        // Written with exactly SCORE_DECIMALS digits (`142.50`, not `142.5`).
        total.rescale(SCORE_DECIMALS);
        Ok((total, exceeding))
    }

    /// Scores one verdict (whatever its eligibility). A core indicator the verdict lacks counts
    /// as missing.
    ///
    /// ```
    /// use duibiao::{Plan, Product};
    /// use duibiao::rank::Ranker;
    ///
    /// let plan = Plan::from_toml_str(r#"
    /// schema_version = 1
    /// category = { en = "x" }
    /// [[standards]]
    /// code = "GB 1-2000"
    /// role = "benchmark"
    /// [[indicators]]
    /// id = "strength"
    /// direction = "higher-is-better"
    /// requirements = { "GB 1-2000" = "≥ 10" }
    /// "#)?;
    /// let engine = plan.compile()?;
    /// let verdict = engine.evaluate(&Product::new("P").with("strength", "11")?)?;
    /// // No grades, conforms: 100 points; share 1/10 = 0.1 → 50 × 0.1 / 0.2 = 25 points.
    /// let score = Ranker::new(&engine)?.score(&verdict)?;
    /// assert_eq!(score.total.to_string(), "125.00");
    /// assert_eq!(score.exceeding, 1);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the arithmetic overflows (weights or points beyond 28 significant digits).
    pub fn score(&self, verdict: &Verdict) -> Result<Score, Error> {
        let mut parts = Vec::with_capacity(self.core.len());
        let (total, exceeding) = self.score_with(verdict, |k, p| {
            if let Some(c) = self.core.get(k) {
                parts.push(ScorePart {
                    id: c.id.clone(),
                    weight: c.weight,
                    grade: p.grade,
                    grade_points: grade_points(&self.policy.grade_points, p.grade),
                    share: p.share,
                    margin_points: p.margin_points,
                    points: p.points,
                    tier_rank: None,
                });
            }
        })?;
        Ok(Score {
            total,
            exceeding,
            parts,
        })
    }

    /// The indicators of a verdict that make it ineligible, with their positions in it: the
    /// one place eligibility is decided.
    fn ineligible_by<'v>(
        &self,
        verdict: &'v Verdict,
    ) -> impl Iterator<Item = (usize, &'v IndicatorVerdict)> + 'v {
        let missing = verdict.policy.missing;
        let eligibility = self.policy.eligibility;
        verdict.indicators.iter().enumerate().filter(move |(_, v)| {
            rules::makes_gap(v.class, v.outcome, missing)
                && match eligibility {
                    Eligibility::NotGap => true,
                    Eligibility::BasicConforms => v.class == IndicatorClass::Basic,
                    _ => false,
                }
        })
    }

    /// Why a verdict is not eligible (empty when it is).
    pub fn reasons(&self, verdict: &Verdict) -> Vec<Reason> {
        self.ineligible_by(verdict)
            .map(|(_, v)| Reason {
                indicator: v.id.clone(),
                class: v.class,
                outcome: v.outcome,
            })
            .collect()
    }

    /// A builder that ranks verdicts as they come, keeping per verdict only what the ranking
    /// prints (see [`RankBuilder`]).
    pub fn builder(&self) -> RankBuilder<'_> {
        RankBuilder {
            ranker: self,
            ids: Ids::default(),
            entries: Vec::new(),
            parts: Vec::new(),
            reasons: Vec::new(),
            decimals: Decimals::default(),
            keys: Keys::new(self.plan_keys()),
            scored: 0,
            scratch: Vec::new(),
            seen: vec![Seen::Nothing; self.core.len()],
        }
    }

    /// The id and class of each indicator of the engine, in plan order.
    pub(crate) fn plan_keys(&self) -> Vec<Key> {
        self.engine
            .indicators
            .iter()
            .map(|i| (i.id.clone(), i.class))
            .collect()
    }

    /// Ranks verdicts of one category: the eligible by score (then the number of core
    /// indicators exceeding, then id) with dense ranks, the ineligible by id, the leaders a
    /// prefix. See the [module](self) example. The same as pushing each verdict into a
    /// [`Ranker::builder`] and [`CompactRanking::to_ranking`] of its end.
    ///
    /// # Errors
    ///
    /// When two verdicts carry the same id, or a score overflows.
    pub fn rank(&self, verdicts: &[Verdict]) -> Result<Ranking, Error> {
        // Two ids alike are named before any score is computed.
        let mut ids: Vec<&str> = verdicts.iter().map(|v| v.product.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w.first() == w.get(1)) {
            return Err(duplicate(w.first().copied().unwrap_or_default()));
        }
        drop(ids);
        let mut b = self.builder();
        for v in verdicts {
            b.push(v)?;
        }
        Ok(b.finish()?.to_ranking())
    }

    /// Evaluates the products with the engine, then ranks their verdicts.
    ///
    /// # Errors
    ///
    /// When a product cannot be evaluated (the product and indicator named), or as
    /// [`Ranker::rank`].
    pub fn rank_products(&self, products: &[Product]) -> Result<Ranking, Error> {
        let verdicts = products
            .iter()
            .map(|p| self.engine.evaluate(p))
            .collect::<Result<Vec<_>, _>>()?;
        self.rank(&verdicts)
    }
}

fn duplicate(id: &str) -> Error {
    Error::invalid("ranking", id, t!(msg::DUPLICATE))
}

/// Ids held end to end in one text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ids {
    text: String,
    ends: Vec<usize>,
}

impl Ids {
    /// The bytes its tables hold.
    pub(crate) fn bytes_held(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * std::mem::size_of::<usize>()
    }

    pub(crate) fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    pub(crate) fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len());
    }

    pub(crate) fn get(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(j) => self.ends.get(j).copied().unwrap_or_default(),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or_default();
        self.text.get(start..end).unwrap_or_default()
    }
}

/// What a ranking keeps of one verdict (the id apart): 36 bytes.
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// The score (0 when ineligible).
    total: Decimal,
    /// Core indicators exceeding.
    exceeding: u32,
    /// Eligible: its place among the eligible, in the order pushed (its parts are at
    /// `at × core count`); ineligible: the first of its reasons.
    at: u32,
    /// Ineligible: how many reasons.
    reasons: u32,
    /// Once finished: its place in the ranking, or among the ineligible.
    place: u32,
    class: Class,
    eligible: bool,
}

/// What a ranking keeps of one core indicator's score part (its id and weight are the
/// ranker's): 32 bytes.
#[derive(Clone, Copy, Debug)]
struct Part {
    share: Packed,
    margin_points: Packed,
    points: Packed,
    /// The grade reached, `u32::MAX` for none.
    grade: u32,
}

/// Ranks verdicts as they come (from [`Ranker::builder`]), keeping per verdict only what the
/// ranking prints: the id, the class, the score with each core indicator's grade, share and
/// points (decimals in 8 bytes), and for an ineligible verdict the indicators that made it
/// so. No [`Verdict`] is kept: about 56 bytes and the id per verdict, and 32 bytes per core
/// indicator of an eligible one (`docs/ranking.md`, "Memory").
///
/// The score and eligibility are decided when a verdict is pushed, by the same code as
/// [`Ranker::score`] and [`Ranker::reasons`]; [`RankBuilder::finish`] orders, numbers and cuts.
///
/// ```
/// use duibiao::{Plan, Product};
/// use duibiao::rank::Ranker;
///
/// let plan = Plan::from_toml_str(r#"
/// schema_version = 1
/// category = { en = "smart toilet" }
/// [policy.ranking.leaders]
/// top = 1
/// [[standards]]
/// code = "T/CZGX 001-2022"
/// role = "benchmark"
/// [[indicators]]
/// id = "flush-water"
/// unit = "L"
/// direction = "lower-is-better"
/// requirements = { "T/CZGX 001-2022" = "≤ 4.0 L" }
/// "#)?;
/// let engine = plan.compile()?;
/// let ranker = Ranker::new(&engine)?;
/// let mut builder = ranker.builder();
/// for (id, water) in [("A", "3.9"), ("B", "3.6"), ("C", "4.2")] {
///     builder.push(&engine.evaluate(&Product::new(id).with("flush-water", water)?)?)?;
/// }
/// let ranking = builder.finish()?;
/// let order: Vec<String> = ranking.ranked().map(|e| e.id).collect();
/// assert_eq!(order, ["B", "A"]);
/// assert_eq!(ranking.ineligible().next().map(|i| i.id).as_deref(), Some("C"));
/// assert_eq!(ranking.leader_count(), 1);
/// # Ok::<(), duibiao::Error>(())
/// ```
pub struct RankBuilder<'r> {
    ranker: &'r Ranker<'r>,
    ids: Ids,
    entries: Vec<Entry>,
    parts: Vec<Part>,
    reasons: Vec<(u32, Outcome)>,
    decimals: Decimals,
    keys: Keys,
    /// Eligible verdicts so far.
    scored: u32,
    scratch: Vec<PartNumbers>,
    /// Per core indicator, the values the ranked entries state (the tier ranking leaves out
    /// an indicator where all are the same).
    seen: Vec<Seen>,
}

/// The values ranked entries state for one core indicator, as far as the tier ranking needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seen {
    Nothing,
    /// One value so far (`None`: no value), stated by every entry.
    Same(Option<Decimal>),
    Differs,
}

impl RankBuilder<'_> {
    /// Adds one verdict: decides its eligibility and, when eligible, its score.
    ///
    /// # Errors
    ///
    /// When the score overflows ([`Ranker::score`]); the builder is then as it was before.
    /// Two verdicts with the same id are refused by [`RankBuilder::finish`].
    pub fn push(&mut self, verdict: &Verdict) -> Result<(), Error> {
        index(self.entries.len().saturating_add(1), msg::PRODUCTS_RANKED)?;
        let mut reasons: Vec<(u32, Outcome)> = Vec::new();
        for (at, v) in self.ranker.ineligible_by(verdict) {
            reasons.push((self.keys.code(at, &v.id, v.class)?, v.outcome));
        }
        let entry = if reasons.is_empty() {
            let mut scratch = std::mem::take(&mut self.scratch);
            scratch.clear();
            let scored = self.ranker.score_with(verdict, |_, p| scratch.push(p));
            let (total, exceeding) = match scored {
                Ok(s) => s,
                Err(e) => {
                    self.scratch = scratch;
                    return Err(e);
                }
            };
            let at = self.scored;
            let exceeding = index(exceeding, msg::CORE_INDICATORS)?;
            self.scored = at
                .checked_add(1)
                .ok_or_else(|| Error::overflow(t!(msg::MORE_THAN_RANKED)))?;
            for p in scratch.drain(..) {
                let part = Part {
                    share: self.decimals.pack(p.share),
                    margin_points: self.decimals.pack(p.margin_points),
                    points: self.decimals.pack(p.points),
                    grade: p
                        .grade
                        .and_then(|g| u32::try_from(g).ok())
                        .unwrap_or(u32::MAX),
                };
                self.parts.push(part);
            }
            self.scratch = scratch;
            for ((seen, c), v) in self
                .seen
                .iter_mut()
                .zip(&self.ranker.core)
                .zip(self.ranker.core_verdicts(verdict))
            {
                let value = v.and_then(|v| v.compared).map(|d| d.normalize());
                *seen = match *seen {
                    _ if !c.tiered => Seen::Differs,
                    Seen::Nothing => Seen::Same(value),
                    Seen::Same(x) if x == value => Seen::Same(x),
                    _ => Seen::Differs,
                };
            }
            Entry {
                total,
                exceeding,
                at,
                reasons: 0,
                place: 0,
                class: verdict.class,
                eligible: true,
            }
        } else {
            let at = index(self.reasons.len(), msg::REASONS)?;
            let count = index(reasons.len(), msg::REASONS)?;
            self.reasons.extend(reasons);
            Entry {
                total: Decimal::ZERO,
                exceeding: 0,
                at,
                reasons: count,
                place: 0,
                class: verdict.class,
                eligible: false,
            }
        };
        self.ids.push(&verdict.product);
        self.entries.push(entry);
        Ok(())
    }

    /// How many verdicts were pushed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True before the first verdict.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The bytes its per-verdict tables hold (their capacity, which grows by doubling), the
    /// tables of what the plan repeats and the allocator's own overhead apart.
    pub fn bytes_held(&self) -> usize {
        held(
            &self.ids,
            &self.entries,
            &self.parts,
            &self.reasons,
            &self.decimals,
        )
    }

    /// The ranking: the eligible by score (then the number of core indicators exceeding, then
    /// id) with dense ranks, the ineligible by id, the leaders a prefix.
    ///
    /// # Errors
    ///
    /// When two verdicts carry the same id (the first in id order is named).
    pub fn finish(self) -> Result<CompactRanking, Error> {
        let RankBuilder {
            ranker,
            mut ids,
            mut entries,
            mut parts,
            mut reasons,
            decimals,
            keys,
            seen,
            ..
        } = self;
        ids.shrink();
        entries.shrink_to_fit();
        parts.shrink_to_fit();
        reasons.shrink_to_fit();
        let n = entries.len();
        // Every index below is < n, which push checked fits in a u32.
        let all = 0..n as u32;
        let id = |i: u32| ids.get(i as usize);
        let mut by_id: Vec<u32> = all.collect();
        by_id.sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
        let pair = |w: &[u32]| (w.first().copied(), w.get(1).copied());
        if let Some((Some(a), _)) = by_id
            .windows(2)
            .map(pair)
            .find(|&(a, b)| a.is_some() && a.map(id) == b.map(id))
        {
            return Err(duplicate(id(a)));
        }
        let eligible = |i: &u32| entries.get(*i as usize).is_some_and(|e| e.eligible);
        let ineligible: Vec<u32> = by_id.iter().copied().filter(|i| !eligible(i)).collect();
        let mut ranked: Vec<u32> = by_id.into_iter().filter(eligible).collect();
        let key = |i: u32| {
            entries
                .get(i as usize)
                .map_or((Decimal::ZERO, 0), |e| (e.total, e.exceeding))
        };
        // The tier ranking: the core indicators it reads (with tiers, not left out) and each
        // entry's counts of them in the best tier, the best two, and so on.
        let by_tier = ranker.engine.policy.leader.is_some();
        let k = ranker.core.len();
        let leave_out: Vec<bool> = seen
            .iter()
            .map(|s| matches!(s, Seen::Same(_)) && ranked.len() >= 2)
            .collect();
        let read: Vec<bool> = ranker
            .core
            .iter()
            .zip(&leave_out)
            .map(|(c, out)| by_tier && c.tiered && !out)
            .collect();
        let grades_of = |i: u32| -> &[Part] {
            let first = entries.get(i as usize).map_or(0, |e| e.at as usize) * k;
            parts
                .get(first..first.saturating_add(k))
                .unwrap_or_default()
        };
        let depth = parts
            .iter()
            .filter(|p| p.grade != u32::MAX)
            .map(|p| p.grade as usize + 1)
            .max()
            .unwrap_or(0);
        let tier_key = |i: u32| -> Vec<usize> {
            let g = grades_of(i);
            (0..if by_tier { depth } else { 0 })
                .map(|t| {
                    g.iter()
                        .zip(&read)
                        .filter(|(p, r)| **r && p.grade != u32::MAX && p.grade as usize <= t)
                        .count()
                })
                .collect()
        };
        let keys_by_tier: Vec<Vec<usize>> = (0..n as u32).map(tier_key).collect();
        let tkey = |i: u32| {
            keys_by_tier
                .get(i as usize)
                .map(Vec::as_slice)
                .unwrap_or_default()
        };
        ranked.sort_unstable_by(|&a, &b| {
            let (ta, xa) = key(a);
            let (tb, xb) = key(b);
            if by_tier {
                tkey(b).cmp(tkey(a)).then(id(a).cmp(id(b)))
            } else {
                tb.cmp(&ta).then(xb.cmp(&xa)).then(id(a).cmp(id(b)))
            }
        });
        let mut ranks = Vec::with_capacity(ranked.len());
        let mut rank = 0u32;
        let mut previous: Option<((Decimal, u32), &[usize])> = None;
        for &i in &ranked {
            let kk = (if by_tier { (Decimal::ZERO, 0) } else { key(i) }, tkey(i));
            if previous != Some(kk) {
                rank += 1;
                previous = Some(kk);
            }
            ranks.push(rank);
        }
        // Per indicator read, the dense rank of each tier reached by a ranked entry.
        let tier_ranks: Vec<Vec<u32>> = (0..k)
            .map(|c| {
                if !read.get(c).copied().unwrap_or(false) {
                    return Vec::new();
                }
                let mut reached = vec![false; depth];
                for &i in &ranked {
                    if let Some(p) = grades_of(i).get(c).filter(|p| p.grade != u32::MAX) {
                        if let Some(r) = reached.get_mut(p.grade as usize) {
                            *r = true;
                        }
                    }
                }
                let mut next = 0u32;
                reached
                    .iter()
                    .map(|&r| {
                        if r {
                            next += 1;
                        }
                        if r {
                            next
                        } else {
                            0
                        }
                    })
                    .collect()
            })
            .collect();
        let left_out: Vec<String> = ranker
            .core
            .iter()
            .zip(&leave_out)
            .filter(|(c, out)| by_tier && c.tiered && **out)
            .map(|(c, _)| c.id.clone())
            .collect();
        drop(keys_by_tier);
        let cut = ranker.policy.leaders.clone();
        let leader_count = cut_at(
            ranked.len(),
            |i| ranks.get(i).copied(),
            |i| ranked.get(i).map(|&e| key(e).0),
            &cut,
        )?;
        // By tier, only leaders by the tier rule lead: they come first (the tier counts
        // order them), so the leaders stay a prefix.
        let leader_count = if by_tier {
            let leading = ranked
                .iter()
                .take_while(|&&i| {
                    entries
                        .get(i as usize)
                        .is_some_and(|e| e.class == Class::Leader)
                })
                .count();
            leader_count.min(leading)
        } else {
            leader_count
        };
        for order in [&ranked, &ineligible] {
            for (place, &i) in order.iter().enumerate() {
                if let Some(e) = entries.get_mut(i as usize) {
                    e.place = place as u32;
                }
            }
        }
        Ok(CompactRanking {
            ids,
            entries,
            parts,
            reasons,
            decimals,
            keys,
            core: ranker
                .core
                .iter()
                .map(|c| (c.id.clone(), c.weight))
                .collect(),
            grade_points: ranker.policy.grade_points.clone(),
            ranked,
            ranks,
            ineligible,
            cut,
            leader_count,
            by_tier,
            left_out,
            tier_ranks,
        })
    }
}

/// A ranking held compactly ([`RankBuilder::finish`]): one record per verdict, the entries
/// made one at a time as they are read ([`CompactRanking::ranked`]). It serializes as the
/// [`Ranking`] it stands for, byte for byte ([`CompactRanking::to_ranking`]).
#[derive(Clone, Debug)]
pub struct CompactRanking {
    ids: Ids,
    entries: Vec<Entry>,
    parts: Vec<Part>,
    reasons: Vec<(u32, Outcome)>,
    decimals: Decimals,
    keys: Keys,
    /// (id, weight) of each core indicator.
    core: Vec<(String, Decimal)>,
    grade_points: Vec<Decimal>,
    /// The eligible, best first (indices into `entries`).
    ranked: Vec<u32>,
    /// The rank of each place of `ranked`.
    ranks: Vec<u32>,
    /// The ineligible, by id.
    ineligible: Vec<u32>,
    cut: LeaderCut,
    leader_count: usize,
    by_tier: bool,
    left_out: Vec<String>,
    /// Per core indicator, the rank of each tier on it (0: none); empty where not read.
    tier_ranks: Vec<Vec<u32>>,
}

/// A verdict's place in a ranking: its rank, score and whether it leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Standing {
    pub(crate) rank: usize,
    pub(crate) score: Decimal,
    pub(crate) leader: bool,
}

impl CompactRanking {
    /// How many verdicts were ranked or left out.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no verdict was pushed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many are ranked.
    pub fn ranked_len(&self) -> usize {
        self.ranked.len()
    }

    /// How many are not eligible.
    pub fn ineligible_len(&self) -> usize {
        self.ineligible.len()
    }

    /// How many of the ranked (a prefix) are leaders.
    pub fn leader_count(&self) -> usize {
        self.leader_count
    }

    /// The leader cut applied.
    pub fn cut(&self) -> &LeaderCut {
        &self.cut
    }

    /// Ranked by tier ([`Ranking::by_tier`]).
    pub fn by_tier(&self) -> bool {
        self.by_tier
    }

    /// The core indicators left out of the tier ranking ([`Ranking::left_out`]).
    pub fn left_out_indicators(&self) -> &[String] {
        &self.left_out
    }

    /// The bytes its per-verdict tables hold: about 56 and the id per verdict, 32 per core
    /// indicator of a ranked one and 8 per reason of an ineligible one (`docs/ranking.md`,
    /// "Memory"); the tables of what the plan repeats and the allocator's overhead apart.
    pub fn bytes_held(&self) -> usize {
        let order = self.ranked.capacity() + self.ranks.capacity() + self.ineligible.capacity();
        held(
            &self.ids,
            &self.entries,
            &self.parts,
            &self.reasons,
            &self.decimals,
        ) + order * std::mem::size_of::<u32>()
    }

    /// The ranked entries, best first, each made when it is read.
    pub fn ranked(&self) -> impl ExactSizeIterator<Item = RankedEntry> + '_ {
        self.ranked
            .iter()
            .enumerate()
            .map(move |(place, &i)| self.entry(place, i))
    }

    /// The ineligible, by id, each made when it is read.
    pub fn ineligible(&self) -> impl ExactSizeIterator<Item = Ineligible> + '_ {
        self.ineligible.iter().map(move |&i| self.left_out(i))
    }

    /// The whole [`Ranking`].
    pub fn to_ranking(&self) -> Ranking {
        Ranking {
            schema_version: SchemaVersion::CURRENT,
            ranked: self.ranked().collect(),
            ineligible: self.ineligible().collect(),
            cut: self.cut.clone(),
            leader_count: self.leader_count,
            by_tier: self.by_tier,
            left_out: self.left_out.clone(),
        }
    }

    /// The place of the `i`-th verdict pushed, when ranked.
    pub(crate) fn standing(&self, i: usize) -> Option<Standing> {
        let e = self.entries.get(i).filter(|e| e.eligible)?;
        let place = e.place as usize;
        Some(Standing {
            rank: self.ranks.get(place).copied().unwrap_or_default() as usize,
            score: e.total,
            leader: place < self.leader_count,
        })
    }

    fn entry(&self, place: usize, i: u32) -> RankedEntry {
        let e = self.entries.get(i as usize).copied();
        let k = self.core.len();
        let first = e.map_or(0, |e| e.at as usize).saturating_mul(k);
        let parts = self
            .parts
            .get(first..first.saturating_add(k))
            .unwrap_or_default();
        let parts = self
            .core
            .iter()
            .zip(parts)
            .enumerate()
            .map(|(c, ((id, weight), p))| {
                let grade = (p.grade != u32::MAX).then_some(p.grade as usize);
                let tier_rank = grade
                    .and_then(|g| self.tier_ranks.get(c)?.get(g).copied())
                    .filter(|&r| r > 0)
                    .map(|r| r as usize);
                ScorePart {
                    id: id.clone(),
                    weight: *weight,
                    grade,
                    grade_points: grade_points(&self.grade_points, grade),
                    share: self.decimals.value(p.share),
                    margin_points: self.decimals.value(p.margin_points),
                    points: self.decimals.value(p.points),
                    tier_rank,
                }
            })
            .collect();
        RankedEntry {
            id: self.ids.get(i as usize).to_owned(),
            rank: self.ranks.get(place).copied().unwrap_or_default() as usize,
            class: e.map_or(Class::Gap, |e| e.class),
            leader: place < self.leader_count,
            score: Score {
                total: e.map_or(Decimal::ZERO, |e| e.total),
                exceeding: e.map_or(0, |e| e.exceeding as usize),
                parts,
            },
        }
    }

    fn left_out(&self, i: u32) -> Ineligible {
        let e = self.entries.get(i as usize).copied();
        let first = e.map_or(0, |e| e.at as usize);
        let count = e.map_or(0, |e| e.reasons as usize);
        let reasons = self
            .reasons
            .get(first..first.saturating_add(count))
            .unwrap_or_default()
            .iter()
            .map(|&(code, outcome)| {
                let (id, class) = self.keys.get(code);
                Reason {
                    indicator: id.to_owned(),
                    class,
                    outcome,
                }
            })
            .collect();
        Ineligible {
            id: self.ids.get(i as usize).to_owned(),
            class: e.map_or(Class::Gap, |e| e.class),
            reasons,
        }
    }
}

/// The bytes of a ranking's per-verdict tables.
fn held(
    ids: &Ids,
    entries: &Vec<Entry>,
    parts: &Vec<Part>,
    reasons: &Vec<(u32, Outcome)>,
    decimals: &Decimals,
) -> usize {
    use std::mem::size_of;
    ids.bytes_held()
        + entries.capacity() * size_of::<Entry>()
        + parts.capacity() * size_of::<Part>()
        + reasons.capacity() * size_of::<(u32, Outcome)>()
        + decimals.bytes_held()
}

/// A sequence serialized from an iterator made anew each time.
pub(crate) struct Seq<F>(pub(crate) F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

impl Serialize for CompactRanking {
    /// As the [`Ranking`] it stands for.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut st = s.serialize_struct("Ranking", 5)?;
        st.serialize_field("schema-version", &SchemaVersion::CURRENT)?;
        st.serialize_field("ranked", &Seq(|| self.ranked()))?;
        st.serialize_field("ineligible", &Seq(|| self.ineligible()))?;
        st.serialize_field("cut", &self.cut)?;
        st.serialize_field("leader-count", &self.leader_count)?;
        if self.by_tier {
            st.serialize_field("by-tier", &self.by_tier)?;
        }
        if !self.left_out.is_empty() {
            st.serialize_field("left-out", &self.left_out)?;
        }
        st.end()
    }
}

fn check_cut(cut: &LeaderCut) -> Result<(), Error> {
    if cut.top == Some(0) {
        return Err(refuse("leaders.top", 0, t!(msg::TOP_AT_LEAST_ONE)));
    }
    if let Some(s) = cut.share {
        if s <= Decimal::ZERO || s > Decimal::ONE {
            return Err(refuse("leaders.share", s, t!(msg::SHARE_RANGE)));
        }
    }
    Ok(())
}

/// The margin share clamped to [−cap, cap]: missing or falling short without a margin is −cap,
/// a margin from a zero bound counts by its sign, no margin otherwise is 0.
fn clamped_share(v: &IndicatorVerdict, cap: Decimal) -> Decimal {
    let raw = match (v.outcome, v.margin) {
        (Outcome::Missing, _) => -cap,
        (_, Some(m)) => match m.share {
            Some(s) => s,
            None if m.value > Decimal::ZERO => cap,
            None if m.value < Decimal::ZERO => -cap,
            None => Decimal::ZERO,
        },
        (Outcome::FallsShort | Outcome::Incomparable, None) => -cap,
        (_, None) => Decimal::ZERO,
    };
    raw.clamp(-cap, cap)
}

/// The number of leaders among `n` ranked (the rank and score of each place given): the
/// smallest cap, then ties at the cut.
fn cut_at(
    n: usize,
    rank_at: impl Fn(usize) -> Option<u32>,
    score_at: impl Fn(usize) -> Option<Decimal>,
    cut: &LeaderCut,
) -> Result<usize, Error> {
    let mut k = n;
    if let Some(top) = cut.top {
        k = k.min(usize::try_from(top).unwrap_or(usize::MAX));
    }
    if let Some(share) = cut.share {
        let by_share = exact::try_mul(share, Decimal::from(n))
            .map_err(|f| f.error(t!(msg::LEADER_SHARE)))?
            .ceil()
            .to_usize()
            .ok_or_else(|| Error::overflow(t!(msg::LEADER_SHARE)))?;
        k = k.min(by_share.max(1));
    }
    if let Some(min) = cut.min_score {
        k = k.min((0..n).take_while(|&i| score_at(i) >= Some(min)).count());
    }
    if k > 0 && k < n && rank_at(k - 1) == rank_at(k) {
        let tied = rank_at(k);
        match cut.ties {
            TiesAtCut::AllIn => {
                while k < n && rank_at(k) == tied {
                    k += 1;
                }
            }
            _ => {
                while k > 0 && rank_at(k - 1) == tied {
                    k -= 1;
                }
            }
        }
    }
    Ok(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records a ranking keeps per verdict: what `docs/ranking.md` ("Memory") counts.
    /// They hold numbers and indices only; a verdict's texts are never kept (the ids apart).
    #[test]
    fn the_records_kept_per_verdict_are_small() {
        assert_eq!(std::mem::size_of::<Entry>(), 36);
        assert_eq!(std::mem::size_of::<Part>(), 32);
        assert_eq!(std::mem::size_of::<(u32, Outcome)>(), 8);
        // An entry, its id's end and its place in the order: 56 bytes at most, the id apart.
        assert!(std::mem::size_of::<Entry>() + 8 + 2 * 4 <= 56);
    }
}
