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

use std::collections::BTreeMap;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::{Engine, Grading};
use crate::error::Error;
use crate::indicator::IndicatorClass;
use crate::plan::{DecimalText, MissingPolicy};
use crate::product::Product;
use crate::verdict::{Class, IndicatorVerdict, Outcome, Verdict};

/// The number of decimals a score is rounded to (half to even, once, at the end).
pub const SCORE_DECIMALS: u32 = 2;

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
    /// At most this many (top N, N ≥ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<u32>,
    /// At most this share of the ranked, rounded up and at least one (0 < share ≤ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub share: Option<Decimal>,
    /// Only entries scoring at least this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub min_score: Option<Decimal>,
    /// True ties at the cut: all in or all out.
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
/// cap; score = Σ *wᵢ*(*gᵢ* + *mᵢ*) / Σ *wᵢ*, rounded to [`SCORE_DECIMALS`] half to even.
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
        deserialize_with = "crate::plan::unique::weights"
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

/// One core indicator's contribution to a score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct ScorePart {
    /// The indicator's id.
    pub id: String,
    /// Its weight in the score.
    pub weight: Decimal,
    /// The grade rank reached (0 best); for an indicator without grades, 0 when it conforms to
    /// the benchmark level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<usize>,
    /// The grade points earned.
    pub grade_points: Decimal,
    /// The margin share used, clamped to [−cap, cap].
    pub share: Decimal,
    /// The margin points earned: margin points × share / cap.
    pub margin_points: Decimal,
    /// grade points + margin points.
    pub points: Decimal,
}

/// The score of one verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Score {
    /// Σ weight × points / Σ weight, rounded to [`SCORE_DECIMALS`].
    pub total: Decimal,
    /// The number of core indicators that exceed the benchmark level (the first tie-break).
    pub exceeding: usize,
    /// Per core indicator, in plan order.
    pub parts: Vec<ScorePart>,
}

/// One ranked entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct RankedEntry {
    /// The product's (or standard's) id.
    pub id: String,
    /// Dense rank, from 1; true ties share it.
    pub rank: usize,
    /// The class of its verdict.
    pub class: Class,
    /// True when chosen as a leader (领跑者).
    pub leader: bool,
    /// The score with its parts.
    pub score: Score,
}

/// Why a verdict is not ranked: one indicator and its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Reason {
    /// The indicator's id.
    pub indicator: String,
    /// Its class.
    pub class: IndicatorClass,
    /// Its outcome (falls short or missing).
    pub outcome: Outcome,
}

/// A verdict left out of the ranking, with the reasons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Ineligible {
    /// The product's (or standard's) id.
    pub id: String,
    /// The class of its verdict.
    pub class: Class,
    /// The indicators that made it ineligible.
    pub reasons: Vec<Reason>,
}

/// A ranking of one category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Ranking {
    /// The eligible, best first.
    pub ranked: Vec<RankedEntry>,
    /// The ineligible, by id.
    pub ineligible: Vec<Ineligible>,
    /// The leader cut applied.
    pub cut: LeaderCut,
    /// How many of `ranked` (a prefix) are leaders.
    pub leader_count: usize,
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
    /// (id, weight, graded) of each core indicator, in plan order.
    core: Vec<(String, Decimal, bool)>,
    total_weight: Decimal,
}

fn refuse(field: &'static str, text: impl ToString, detail: &str) -> Error {
    Error::invalid(field, &text.to_string(), detail).context("policy.ranking")
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
                return Err(refuse("grade-points", p, "points are never negative"));
            }
            if previous.is_some_and(|q| *p > q) {
                return Err(refuse(
                    "grade-points",
                    p,
                    "points must not increase from a better grade to a worse one",
                ));
            }
            previous = Some(*p);
        }
        if policy.margin_cap <= Decimal::ZERO {
            return Err(refuse(
                "margin-cap",
                policy.margin_cap,
                "the cap must be above 0",
            ));
        }
        if policy.margin_points < Decimal::ZERO {
            return Err(refuse(
                "margin-points",
                policy.margin_points,
                "points are never negative",
            ));
        }
        for (id, w) in &policy.weights {
            let core = engine
                .indicators
                .iter()
                .any(|i| &i.id == id && i.class == IndicatorClass::Core);
            if !core {
                return Err(refuse(
                    "weights",
                    id,
                    "not a core indicator of the plan (only core indicators are scored)",
                ));
            }
            if *w < Decimal::ZERO {
                return Err(refuse("weights", w, "a weight is never negative"));
            }
        }
        check_cut(&policy.leaders)?;
        let core: Vec<(String, Decimal, bool)> = engine
            .indicators
            .iter()
            .filter(|i| i.class == IndicatorClass::Core)
            .map(|i| {
                let w = policy.weights.get(&i.id).copied().unwrap_or(i.weight);
                (i.id.clone(), w, !matches!(i.grading, Grading::None))
            })
            .collect();
        let total_weight = core
            .iter()
            .try_fold(Decimal::ZERO, |acc, (_, w, _)| acc.checked_add(*w))
            .ok_or_else(|| Error::overflow("the total ranking weight"))?;
        if total_weight <= Decimal::ZERO {
            return Err(Error::invalid(
                "ranking weights",
                &total_weight.to_string(),
                "ranking needs core indicators with a weight above 0",
            )
            .context("policy.ranking"));
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
        let place = |e: Error| e.context(format!("scoring \"{}\"", verdict.product));
        let cap = self.policy.margin_cap;
        let mut parts = Vec::with_capacity(self.core.len());
        let mut sum = Decimal::ZERO;
        let mut exceeding = 0;
        for (id, weight, graded) in &self.core {
            let v = verdict.indicators.iter().find(|v| &v.id == id);
            if v.is_some_and(|v| v.outcome == Outcome::Exceeds) {
                exceeding += 1;
            }
            let grade = match v {
                Some(v) if *graded => v.grade.as_ref().map(|g| g.rank),
                Some(v) => conforms(v).then_some(0),
                None => None,
            };
            let grade_points = grade
                .and_then(|k| self.policy.grade_points.get(k).copied())
                .unwrap_or(Decimal::ZERO);
            let share = v.map_or(-cap, |v| clamped_share(v, cap));
            let margin_points = self
                .policy
                .margin_points
                .checked_mul(share)
                .and_then(|x| x.checked_div(cap))
                .ok_or_else(|| place(Error::overflow(format!("margin points of \"{id}\""))))?;
            let points = grade_points
                .checked_add(margin_points)
                .ok_or_else(|| place(Error::overflow(format!("points of \"{id}\""))))?;
            sum = weight
                .checked_mul(points)
                .and_then(|x| sum.checked_add(x))
                .ok_or_else(|| place(Error::overflow("the weighted sum of points")))?;
            parts.push(ScorePart {
                id: id.clone(),
                weight: *weight,
                grade,
                grade_points,
                share,
                margin_points: margin_points.normalize(),
                points: points.normalize(),
            });
        }
        let total = sum
            .checked_div(self.total_weight)
            .ok_or_else(|| place(Error::overflow("the score")))?
            .round_dp_with_strategy(SCORE_DECIMALS, RoundingStrategy::MidpointNearestEven);
        // Written with exactly SCORE_DECIMALS digits (`142.50`, not `142.5`).
        let mut total = total;
        total.rescale(SCORE_DECIMALS);
        Ok(Score {
            total,
            exceeding,
            parts,
        })
    }

    /// Why a verdict is not eligible (empty when it is).
    pub fn reasons(&self, verdict: &Verdict) -> Vec<Reason> {
        let counts = |v: &&IndicatorVerdict| {
            let short = v.outcome == Outcome::FallsShort
                || (v.outcome == Outcome::Missing && verdict.policy.missing == MissingPolicy::Gap);
            short
                && match self.policy.eligibility {
                    Eligibility::NotGap => {
                        matches!(v.class, IndicatorClass::Basic | IndicatorClass::Core)
                    }
                    Eligibility::BasicConforms => v.class == IndicatorClass::Basic,
                    _ => false,
                }
        };
        verdict
            .indicators
            .iter()
            .filter(counts)
            .map(|v| Reason {
                indicator: v.id.clone(),
                class: v.class,
                outcome: v.outcome,
            })
            .collect()
    }

    /// Ranks verdicts of one category: the eligible by score (then the number of core
    /// indicators exceeding, then id) with dense ranks, the ineligible by id, the leaders a
    /// prefix. See the [module](self) example.
    ///
    /// # Errors
    ///
    /// When two verdicts carry the same id, or a score overflows.
    pub fn rank(&self, verdicts: &[Verdict]) -> Result<Ranking, Error> {
        let mut ids: Vec<&str> = verdicts.iter().map(|v| v.product.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w.first() == w.get(1)) {
            let id = w.first().copied().unwrap_or_default();
            return Err(Error::invalid(
                "ranking",
                id,
                "two entries carry this id; ids must be unique to rank",
            ));
        }
        let mut ranked = Vec::new();
        let mut ineligible = Vec::new();
        for v in verdicts {
            let reasons = self.reasons(v);
            if reasons.is_empty() {
                ranked.push(RankedEntry {
                    id: v.product.clone(),
                    rank: 0,
                    class: v.class,
                    leader: false,
                    score: self.score(v)?,
                });
            } else {
                ineligible.push(Ineligible {
                    id: v.product.clone(),
                    class: v.class,
                    reasons,
                });
            }
        }
        ranked.sort_by(|a, b| {
            b.score
                .total
                .cmp(&a.score.total)
                .then(b.score.exceeding.cmp(&a.score.exceeding))
                .then(a.id.cmp(&b.id))
        });
        let mut rank = 0;
        let mut previous: Option<(Decimal, usize)> = None;
        for e in &mut ranked {
            let key = (e.score.total, e.score.exceeding);
            if previous != Some(key) {
                rank += 1;
                previous = Some(key);
            }
            e.rank = rank;
        }
        ineligible.sort_by(|a, b| a.id.cmp(&b.id));
        let leader_count = cut_at(&ranked, &self.policy.leaders)?;
        for e in ranked.iter_mut().take(leader_count) {
            e.leader = true;
        }
        Ok(Ranking {
            ranked,
            ineligible,
            cut: self.policy.leaders.clone(),
            leader_count,
        })
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

fn check_cut(cut: &LeaderCut) -> Result<(), Error> {
    if cut.top == Some(0) {
        return Err(refuse("leaders.top", 0, "top must be at least 1"));
    }
    if let Some(s) = cut.share {
        if s <= Decimal::ZERO || s > Decimal::ONE {
            return Err(refuse(
                "leaders.share",
                s,
                "a share is above 0 and at most 1",
            ));
        }
    }
    Ok(())
}

/// Conforms to the benchmark level (an indicator without grades reaches its one grade).
fn conforms(v: &IndicatorVerdict) -> bool {
    matches!(v.outcome, Outcome::Exceeds | Outcome::Meets)
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
        (Outcome::FallsShort, None) => -cap,
        (_, None) => Decimal::ZERO,
    };
    raw.clamp(-cap, cap)
}

/// The number of leaders: the smallest cap, then ties at the cut.
fn cut_at(ranked: &[RankedEntry], cut: &LeaderCut) -> Result<usize, Error> {
    let n = ranked.len();
    let mut k = n;
    if let Some(top) = cut.top {
        k = k.min(usize::try_from(top).unwrap_or(usize::MAX));
    }
    if let Some(share) = cut.share {
        let by_share = share
            .checked_mul(Decimal::from(n))
            .map(|x| x.ceil())
            .and_then(|x| x.to_usize())
            .ok_or_else(|| Error::overflow("the leader share"))?;
        k = k.min(by_share.max(1));
    }
    if let Some(min) = cut.min_score {
        k = k.min(ranked.iter().take_while(|e| e.score.total >= min).count());
    }
    let rank_at = |i: usize| ranked.get(i).map(|e| e.rank);
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
