//! The fast path: the class (and a compact per-indicator outcome) from values prepared as
//! scaled integers.
//!
//! Compiling a [`Classifier`] turns every indicator's benchmark level, its "exceeds" region
//! (the grade just better than the level's, or the level shrunk by the equivalence tolerance)
//! and the product values into integers at one decimal scale per indicator. `x ≥ 20` becomes
//! `X ≥ 200000` at scale 4, `x > 20` becomes `X ≥ 200001`: every test is a closed integer
//! interval, so judging a product is two comparisons per indicator, with no allocation, no unit
//! lookup and no text. The result is exactly the decimal semantics of [`Engine::evaluate`]: a
//! value that cannot be held exactly at the indicator's scale (more decimals, a rounding mark)
//! is not prepared, and the caller falls back to the exact path.

use rust_decimal::Decimal;

use super::evaluate::value_in;
use super::rules::{self, LeaderRule};
use super::{Case, Chooser, CompiledIndicator, Engine, GradeTable, Grading};
use crate::decision::Method;
use crate::error::{t, Error, Text};
use crate::indicator::{Direction, Tolerance};
use crate::limit::{Bound, Ends};
use crate::number::exact;
use crate::plan::MissingPolicy;
use crate::product::{Product, Value};
use crate::verdict::{Class, Outcome};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        OUTSIDE = "outside the fast path: {0}", "超出快速判定的范围：{0}";
        RELATIVE_TOLERANCE = "a relative tolerance", "相对等效容差";
        TOO_LARGE = "a limit too large for the fast path", "限值过大，快速判定无法容纳";
        WEIGHT = "weight", "权重";
        LEVEL_WITHOUT_END = "a level without the end its direction measures from", "对标水平缺少其方向所依据的端点";
        ROUNDED_VALUE = "rounded-value judgement", "修约值比较法";
        GUARD_BAND_RULE = "a decision rule with a guard band", "带保护带的判定规则";
        BANDED = "grades chosen by band", "按分档选择的等级";
        BANDED_REQUIREMENTS = "requirements chosen by band", "按分档选择的要求";
        TIERS_BY_BAND = "leaders by tier, unstated = \"leave-out\" and requirements chosen by band (which indicators count differs by product)",
            "按层级认定领跑者、unstated = \"leave-out\" 与按分档选择的要求同时使用（计入的指标因产品而异）";
        MANY_DECIMALS = "limits with more than 12 decimals", "小数超过 12 位的限值";
        /// What overflowed: the core weight as an integer at the weight scale.
        TOTAL_CORE_WEIGHT = "the total core weight at the fast path's scale", "快速判定精度下的核心指标总权重";
        /// What overflowed: the leader rule's weight threshold at the weight scale.
        LEADER_WEIGHT = "the leader weight at the fast path's scale", "快速判定精度下的领跑者权重";
    }
}

/// The value a prepared product holds for a missing indicator.
const MISSING: i64 = i64::MIN;

/// The scale (decimals) at which values are held when limits need fewer.
const MIN_SCALE: u32 = 4;

/// The largest scale held: 10¹⁸ still fits an i64 for values below 9.2.
const MAX_SCALE: u32 = 12;

/// A closed integer interval; `lo > hi` is empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    lo: i64,
    hi: i64,
}

impl Span {
    const ALL: Span = Span {
        lo: i64::MIN + 1,
        hi: i64::MAX,
    };
    const EMPTY: Span = Span { lo: 1, hi: 0 };

    #[inline(always)]
    fn contains(self, x: i64) -> bool {
        self.lo <= x && x <= self.hi
    }

    fn intersect(self, other: Span) -> Span {
        Span {
            lo: self.lo.max(other.lo),
            hi: self.hi.min(other.hi),
        }
    }
}

#[derive(Clone, Debug)]
struct FastIndicator {
    scale: u32,
    /// Conforms to the benchmark level.
    level: Span,
    /// Exceeds the level (either span).
    exceeds: [Span; 2],
    /// The holes of `exceeds[0]`: values between the better grades of a table of intervals
    /// that lie in no grade, so exceed by none (empty for a nested table).
    holes: Vec<Span>,
    /// Falling short makes a gap ([`rules::makes_gap`]; never for an indicator not compared).
    counts: bool,
    /// A missing value makes a gap (by the policy's `missing`; never when not compared).
    missing_gap: bool,
    /// Exceeding counts toward a leader ([`rules::exceeding`]: core).
    core: bool,
    /// The weight at the classifier's weight scale.
    weight: i64,
    qualitative: bool,
    /// Whether a benchmark states the indicator (else: not compared).
    compared: bool,
    /// The level's requirements in level order: span and written ends (scaled), for the margin
    /// and the requirement that decided.
    reqs: Vec<ReqFast>,
    /// The grade spans, best first (empty when not graded).
    grades: Vec<Span>,
    /// Under the tier policy, on a core indicator with tiers that counts: the leader tier's
    /// index among `grades` (`Some(None)`: the table lacks it, so it is never reached).
    tier: Option<Option<usize>>,
    direction: Direction,
    deviations: bool,
    /// Where the requirements vary with a band: each band lowered on its own, at this
    /// indicator's scale.
    bands: Option<Box<FastBanded>>,
}

/// The bands of an indicator whose requirements vary with a band.
#[derive(Clone, Debug)]
struct FastBanded {
    chooser: Chooser,
    /// Each band's condition and the indicator as judged in it, with the offset of its level
    /// requirements in the classifier's list for the indicator.
    cases: Vec<(FastCase, FastIndicator, u16)>,
}

/// A band's condition: the selector's values as a span at the selector's scale, or a declared
/// value's index.
#[derive(Clone, Copy, Debug)]
enum FastCase {
    Span(Span),
    Value(u16),
}

#[derive(Clone, Copy, Debug)]
struct ReqFast {
    span: Span,
    lo: Option<i64>,
    hi: Option<i64>,
}

/// One indicator's outcome on the fast path: `Copy`, no text; the engine names the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FastOutcome {
    /// The outcome.
    pub outcome: Outcome,
    /// The value as compared, an integer at [`FastOutcome::scale`] decimals (`None` when
    /// missing or qualitative).
    pub compared: Option<i64>,
    /// The margin to the benchmark level at the same scale: positive better than the level,
    /// negative the gap (`None` when missing or not compared).
    pub margin: Option<i64>,
    /// The grade reached, 0 for the best (`None`: not graded, missing, or outside every
    /// grade).
    pub grade: Option<u8>,
    /// Which requirement of the benchmark level decided (the first one not met, else the one
    /// the margin is measured from): an index for [`Classifier::requirement`].
    pub requirement: Option<u16>,
    /// Under the tier policy, on a core indicator with tiers that counts: whether the leader
    /// tier was reached ([`crate::verdict::IndicatorVerdict::tier_reached`]).
    pub tier_reached: Option<bool>,
    /// The decimals of `compared`.
    pub scale: u32,
    /// Where the indicator's requirements vary with a band: the band chosen, an index for
    /// [`Classifier::band_when`] (`None`: no band, or not chosen by band).
    pub band: Option<u16>,
}

impl FastOutcome {
    /// The value as compared, as a decimal.
    pub fn compared(&self) -> Option<Decimal> {
        self.compared.map(|m| Decimal::new(m, self.scale))
    }

    /// The margin as a decimal.
    pub fn margin(&self) -> Option<Decimal> {
        self.margin.map(|m| Decimal::new(m, self.scale))
    }
}

/// A product's values as scaled integers, ready for [`Classifier::class`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    values: Vec<i64>,
    /// Per declared attribute, the index of the product's value ([`NO_VALUE`]: missing).
    attributes: Vec<u16>,
}

/// The attribute index a prepared product holds for a missing value.
const NO_VALUE: u16 = u16::MAX;

/// The compiled fast path of an [`Engine`]. Build it with [`Engine::classifier`].
///
/// ```
/// use duibiao::{Plan, Product};
/// use duibiao::verdict::Class;
///
/// let plan = Plan::from_toml_str(r#"
/// schema_version = 1
/// category = { en = "example" }
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
/// let fast = engine.classifier()?;
/// let prepared = fast.prepare(&Product::new("P1").with("flush-water", "4.0")?)?.unwrap();
/// assert_eq!(fast.class(&prepared), Class::Follower);
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Classifier {
    /// The hot loop's data, when every indicator's "exceeds" region is one span and missing
    /// values make a gap (the default policy); else `None` and [`Classifier::class`] takes the
    /// general loop.
    hot: Option<Vec<Hot>>,
    /// Leaders by tier (`policy.leader`): the count rule reads the tiers reached.
    by_tier: bool,
    indicators: Vec<FastIndicator>,
    units: Vec<Option<crate::unit::Unit>>,
    ids: Vec<String>,
    /// The policy's leader rule ([`rules::leader_rule`]) at the weight scale, as two
    /// thresholds of which the rule sets at most one: a leader when this many core
    /// indicators exceed (`u32::MAX`: not by count)…
    leader_count: u32,
    /// …or when the exceeding weight reaches this (`i64::MAX`: not by weight).
    leader_weight: i64,
    /// The decimals of the scaled weights.
    weight_scale: u32,
    /// Per indicator, the benchmark level's requirements in level order (for an indicator
    /// chosen by band, each band's level after the other's).
    levels: Vec<Vec<(crate::standard::StandardCode, crate::limit::Limit)>>,
    /// The declared attributes (their values are checked as the exact path checks them).
    attributes: Vec<crate::plan::Attribute>,
    /// Per indicator, the conditions of its bands in canonical form (empty: not banded).
    band_whens: Vec<Vec<String>>,
}

impl FastIndicator {
    /// The band a prepared product's selector chooses, with the indicator as judged in it and
    /// the offset of its level requirements; `None` when no band is chosen.
    fn band_of<'a>(
        banded: &'a FastBanded,
        p: &Prepared,
    ) -> Option<(usize, &'a FastIndicator, u16)> {
        let k = match banded.chooser {
            Chooser::Indicator(sel) => {
                let x = p.values.get(sel).copied().filter(|&x| x != MISSING)?;
                banded
                    .cases
                    .iter()
                    .position(|(w, ..)| matches!(w, FastCase::Span(s) if s.contains(x)))?
            }
            Chooser::Attribute(a) => {
                let v = p.attributes.get(a).copied().filter(|&v| v != NO_VALUE)?;
                banded
                    .cases
                    .iter()
                    .position(|(w, ..)| matches!(w, FastCase::Value(d) if *d == v))?
            }
        };
        banded.cases.get(k).map(|(_, ind, at)| (k, ind, *at))
    }

    /// [`rules::makes_gap`] for this indicator, from the flags it set at compile time.
    #[inline(always)]
    fn makes_gap(&self, outcome: Outcome) -> bool {
        (self.counts && outcome == Outcome::FallsShort)
            || (self.missing_gap && outcome == Outcome::Missing)
    }

    /// Whether `x` (conforming) exceeds: in a grade better than the level's, or beyond the
    /// tolerance.
    #[inline(always)]
    fn exceeds_at(&self, x: i64) -> bool {
        (self.exceeds[0].contains(x) && !self.holes.iter().any(|h| h.contains(x)))
            || self.exceeds[1].contains(x)
    }

    /// [`rules::exceeding`] for this indicator.
    #[inline(always)]
    fn exceeding(&self, outcome: Outcome) -> bool {
        self.core && outcome == Outcome::Exceeds
    }

    /// Under the tier policy: whether `x` reaches the leader tier ([`rules::reaches_tier`] of
    /// the first grade holding it, as the exact path finds it); `None` where tiers are not
    /// read.
    fn tier_reached(&self, x: i64) -> Option<bool> {
        let tier = self.tier?;
        let reached = if x == MISSING {
            None
        } else {
            self.grades.iter().position(|g| g.contains(x))
        };
        Some(rules::reaches_tier(reached, tier))
    }

    /// The margin (the smallest over the level's requirements, as the exact path measures it)
    /// and the requirement that decided: the first one not met when the value falls short,
    /// else the first with the smallest margin.
    fn evidence(&self, x: i64, short: bool) -> (Option<i64>, Option<u16>) {
        let mut best: Option<(i64, usize)> = None;
        let mut first_failed = None;
        for (k, r) in self.reqs.iter().enumerate() {
            if first_failed.is_none() && !r.span.contains(x) {
                first_failed = Some(k);
            }
            let from_lo = r.lo.and_then(|l| x.checked_sub(l));
            let from_hi = r.hi.and_then(|h| h.checked_sub(x));
            if let Some(m) = rules::pick_margin(self.direction, from_lo, from_hi) {
                if best.is_none_or(|(b, _)| m < b) {
                    best = Some((m, k));
                }
            }
        }
        let decided = if short {
            first_failed
        } else {
            best.map(|(_, k)| k)
        }
        .or(if self.reqs.is_empty() { None } else { Some(0) });
        (
            best.map(|(m, _)| m),
            decided.and_then(|k| u16::try_from(k).ok()),
        )
    }
}

/// One indicator packed for the hot loop: the level span, the exceeds span (empty for
/// indicators that cannot exceed), the weight (0 unless core) and whether it can make a gap.
#[derive(Clone, Copy, Debug)]
struct Hot {
    lo: i64,
    hi: i64,
    ex_lo: i64,
    ex_hi: i64,
    weight: i64,
    counts: bool,
}

/// Packs the indicators for the hot loop, or `None` when one needs the general loop.
fn hot_loop(indicators: &[FastIndicator]) -> Option<Vec<Hot>> {
    // The hot loop holds a missing value (i64::MIN) as a value outside every level span: right
    // only where a missing value makes a gap exactly where falling short does.
    if indicators
        .iter()
        .any(|i| i.missing_gap != i.counts || i.bands.is_some())
    {
        return None;
    }
    // An "exceeds" region with holes is not one span.
    if indicators.iter().any(|i| i.core && !i.holes.is_empty()) {
        return None;
    }
    indicators
        .iter()
        .map(|ind| {
            let [a, b] = ind.exceeds;
            let empty = |s: Span| s.lo > s.hi;
            let ex = if !ind.core || (empty(a) && empty(b)) {
                Span::EMPTY
            } else if empty(b) {
                a
            } else if empty(a) {
                b
            } else if a.lo <= b.hi.saturating_add(1) && b.lo <= a.hi.saturating_add(1) {
                Span {
                    lo: a.lo.min(b.lo),
                    hi: a.hi.max(b.hi),
                }
            } else {
                return None;
            };
            // A missing value (i64::MIN) lies outside every level span, so it makes a gap
            // exactly where the default policy says it does.
            if ind.counts && ind.level.lo == i64::MIN {
                return None;
            }
            // Exceeding requires conforming: keep the exceeds span inside the level span.
            let ex = ex.intersect(ind.level);
            Some(Hot {
                lo: ind.level.lo,
                hi: ind.level.hi,
                ex_lo: ex.lo,
                ex_hi: ex.hi,
                weight: if ind.core { ind.weight } else { 0 },
                counts: ind.counts,
            })
        })
        .collect()
}

/// Parses a plain decimal (`-12.345`) straight into an integer at `scale` decimals; `None` for
/// anything else or anything that does not fit.
#[inline]
fn parse_scaled(bytes: &[u8], scale: u32) -> Option<i64> {
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    let mut value: i64 = 0;
    let mut decimals: Option<u32> = None;
    let mut any = false;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                value = value.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
                any = true;
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                    if *d > scale {
                        return None;
                    }
                }
            }
            b'.' if decimals.is_none() && any => decimals = Some(0),
            _ => return None,
        }
    }
    let d = decimals.unwrap_or(0);
    if !any || decimals == Some(0) {
        return None;
    }
    let value = value.checked_mul(10i64.checked_pow(scale - d)?)?;
    let value = if negative {
        value.checked_neg()?
    } else {
        value
    };
    (value != MISSING).then_some(value)
}

/// `d` × 10^scale as an exact integer, if it is one and fits.
fn scaled(d: Decimal, scale: u32) -> Option<i64> {
    if d.scale() > scale {
        let n = d.normalize();
        if n.scale() > scale {
            return None;
        }
        return scaled(n, scale);
    }
    let m = i64::try_from(d.mantissa()).ok()?;
    m.checked_mul(10i64.checked_pow(scale - d.scale())?)
}

/// The closed integer span of `ends` at `scale`, or `None` when a bound needs more decimals.
fn span(ends: &Ends, scale: u32) -> Option<Span> {
    let lo = match ends.0 {
        None => i64::MIN + 1,
        Some(Bound { value, inclusive }) => {
            let b = scaled(value, scale)?;
            if inclusive {
                b
            } else {
                b.checked_add(1)?
            }
        }
    };
    let hi = match ends.1 {
        None => i64::MAX,
        Some(Bound { value, inclusive }) => {
            let b = scaled(value, scale)?;
            if inclusive {
                b
            } else {
                b.checked_sub(1)?
            }
        }
    };
    Some(Span { lo, hi })
}

fn scale_of(ends: &Ends) -> u32 {
    [ends.0, ends.1]
        .iter()
        .flatten()
        .map(|b| b.value.normalize().scale())
        .max()
        .unwrap_or(0)
}

impl Engine {
    /// Under the tier policy, on an indicator whose grades are read as tiers: the leader
    /// tier's index in its grades (`None` inside: a table without that tier).
    fn tier_of(&self, ind: &CompiledIndicator) -> Option<Option<usize>> {
        let rule = self.policy.leader.as_ref()?;
        if !self.tiers_counted(ind) {
            return None;
        }
        let names = match &ind.grading {
            Grading::Table(t) => Some(t.grades.iter().map(|g| &g.name)),
            _ => None,
        };
        Some(names.and_then(|n| rule.index_in(n)))
    }
}

fn unsupported(id: &str, why: Text) -> Error {
    Error::invalid("indicator", id, t!(msg::OUTSIDE, why))
}

impl Engine {
    /// Compiles the fast path.
    ///
    /// # Errors
    ///
    /// When an indicator is outside what the fast path holds: rounded-value judgement, grades
    /// chosen by band, a relative tolerance, or limits needing more than 12 decimals. Such
    /// plans are judged by [`Engine::evaluate`] alone.
    pub fn classifier(&self) -> Result<Classifier, Error> {
        let weight_scale = self
            .indicators
            .iter()
            .map(|i| i.weight.normalize().scale())
            .max()
            .unwrap_or(0);
        let mut indicators = Vec::with_capacity(self.indicators.len());
        for ind in &self.indicators {
            let mut f = fast_indicator(ind, weight_scale, self.policy.missing, 0)?;
            f.tier = self.tier_of(ind);
            // Each band's own tiers, as the exact path reads them in the band chosen.
            if let (Some(banded), Some(lowered)) = (&ind.banded, f.bands.as_mut()) {
                for (case, (_, fast, _)) in banded.bands.iter().zip(lowered.cases.iter_mut()) {
                    fast.tier = self.tier_of(&case.judged);
                }
            }
            indicators.push(f);
        }
        // Band conditions on a selector indicator, at the selector's scale.
        let scales: Vec<u32> = indicators.iter().map(|i| i.scale).collect();
        for (ind, fast) in self.indicators.iter().zip(indicators.iter_mut()) {
            let (Some(banded), Some(lowered)) = (&ind.banded, fast.bands.as_mut()) else {
                continue;
            };
            for (case, (when, _, _)) in banded.bands.iter().zip(lowered.cases.iter_mut()) {
                match (&case.when, banded.chooser) {
                    (Case::Ends(ends), Chooser::Indicator(k)) => {
                        let scale = scales.get(k).copied().unwrap_or(MIN_SCALE);
                        *when = FastCase::Span(
                            span(ends, scale)
                                .ok_or_else(|| unsupported(&ind.id, t!(msg::TOO_LARGE)))?,
                        );
                    }
                    (Case::Value(v), Chooser::Attribute(a)) => {
                        let index = self
                            .attributes
                            .get(a)
                            .and_then(|a| a.values.iter().position(|d| &d.id == v))
                            .and_then(|k| u16::try_from(k).ok())
                            .filter(|&k| k != NO_VALUE)
                            .ok_or_else(|| unsupported(&ind.id, t!(msg::BANDED_REQUIREMENTS)))?;
                        *when = FastCase::Value(index);
                    }
                    _ => return Err(unsupported(&ind.id, t!(msg::BANDED_REQUIREMENTS))),
                }
            }
        }
        let by_tier = self.policy.leader.is_some();
        // Under leave-out, whether an indicator whose requirements vary by band counts in the
        // tier rule depends on the product's band; the fast path's tier count is the plan's.
        if by_tier && self.policy.unstated == crate::plan::Unstated::LeaveOut {
            if let Some(ind) = self.indicators.iter().find(|i| i.banded.is_some()) {
                return Err(unsupported(&ind.id, t!(msg::TIERS_BY_BAND)));
            }
        }
        let core_total: i64 = indicators
            .iter()
            .filter(|i| i.core)
            .try_fold(0i64, |total, i| total.checked_add(i.weight))
            .ok_or_else(|| Error::overflow(t!(msg::TOTAL_CORE_WEIGHT)))?;
        // The exact rule's threshold at the weight scale: integer weights reach w ⇔ reach ⌈w⌉.
        let lower = |w: Decimal| {
            let scaled = exact::try_mul(w, Decimal::from(10i64.checked_pow(weight_scale)?)).ok()?;
            i64::try_from(scaled.ceil().mantissa()).ok()
        };
        // Weights are never negative (the plan check), so every sum of core weights the loops
        // below add up lies between 0 and this total: none of them overflows.
        let _ = core_total;
        let leader = rules::leader_rule(&self.policy, self.core_weight, self.tiered)?
            .map(lower)
            .ok_or_else(|| Error::overflow(t!(msg::LEADER_WEIGHT)))?;
        // The hot loop counts exceeding; by tier the general loop counts tiers reached.
        let hot = if by_tier { None } else { hot_loop(&indicators) };
        Ok(Classifier {
            by_tier,
            hot,
            indicators,
            units: self.indicators.iter().map(|i| i.unit.clone()).collect(),
            ids: self.indicators.iter().map(|i| i.id.clone()).collect(),
            leader_count: match leader {
                LeaderRule::Count(n) => u32::try_from(n).unwrap_or(u32::MAX),
                _ => u32::MAX,
            },
            leader_weight: match leader {
                LeaderRule::Weight(w) => w,
                _ => i64::MAX,
            },
            weight_scale,
            levels: self
                .indicators
                .iter()
                .map(|i| match &i.banded {
                    None => level_of(i),
                    Some(b) => b.bands.iter().flat_map(|c| level_of(&c.judged)).collect(),
                })
                .collect(),
            attributes: self.attributes.clone(),
            band_whens: self
                .indicators
                .iter()
                .map(|i| {
                    i.banded
                        .iter()
                        .flat_map(|b| b.bands.iter().map(|c| c.when_text.clone()))
                        .collect()
                })
                .collect(),
        })
    }
}

/// The benchmark level's requirements of an indicator, in level order.
fn level_of(i: &CompiledIndicator) -> Vec<(crate::standard::StandardCode, crate::limit::Limit)> {
    i.level_requirements()
        .map(|r| (r.code.clone(), r.limit.clone()))
        .collect()
}

/// An indicator whose requirements vary with a band: each band lowered at one scale (the
/// largest any band needs), the condition filled in once every selector's scale is known.
fn fast_banded(
    ind: &CompiledIndicator,
    banded: &super::Banded,
    weight_scale: u32,
    missing: MissingPolicy,
    min_scale: u32,
) -> Result<FastIndicator, Error> {
    let mut scale = min_scale;
    for case in &banded.bands {
        scale = scale.max(fast_indicator(&case.judged, weight_scale, missing, scale)?.scale);
    }
    let mut cases = Vec::with_capacity(banded.bands.len());
    let mut offset: usize = 0;
    for case in &banded.bands {
        let when = match &case.when {
            // Filled by the classifier, which knows the selectors' scales and the attributes.
            Case::Value(_) => FastCase::Value(NO_VALUE),
            Case::Ends(_) => FastCase::Span(Span::EMPTY),
        };
        let lowered = fast_indicator(&case.judged, weight_scale, missing, scale)?;
        let at = u16::try_from(offset).map_err(|_| unsupported(&ind.id, t!(msg::TOO_LARGE)))?;
        offset = offset.saturating_add(case.judged.level.len());
        cases.push((when, lowered, at));
    }
    Ok(FastIndicator {
        scale,
        level: Span::ALL,
        exceeds: [Span::EMPTY; 2],
        holes: Vec::new(),
        counts: ind.compared() && rules::makes_gap(ind.class, Outcome::FallsShort, missing),
        missing_gap: ind.compared() && rules::makes_gap(ind.class, Outcome::Missing, missing),
        core: rules::exceeding(ind.class, Outcome::Exceeds),
        weight: scaled(ind.weight, weight_scale)
            .ok_or_else(|| unsupported(&ind.id, t!(msg::WEIGHT)))?,
        qualitative: false,
        compared: ind.compared(),
        reqs: Vec::new(),
        grades: Vec::new(),
        // Set by the classifier under the tier policy; each band's tiers are its own.
        tier: None,
        direction: ind.direction,
        deviations: ind.deviations,
        bands: Some(Box::new(FastBanded {
            chooser: banded.chooser,
            cases,
        })),
    })
}

fn fast_indicator(
    ind: &CompiledIndicator,
    weight_scale: u32,
    missing: MissingPolicy,
    min_scale: u32,
) -> Result<FastIndicator, Error> {
    if let Some(banded) = &ind.banded {
        if ind.method != Method::FullValue {
            return Err(unsupported(&ind.id, t!(msg::ROUNDED_VALUE)));
        }
        if ind.rule != crate::decision::DecisionRule::Simple {
            return Err(unsupported(&ind.id, t!(msg::GUARD_BAND_RULE)));
        }
        return fast_banded(ind, banded, weight_scale, missing, min_scale);
    }
    let base = FastIndicator {
        scale: 0,
        level: Span::ALL,
        exceeds: [Span::EMPTY; 2],
        holes: Vec::new(),
        counts: ind.compared() && rules::makes_gap(ind.class, Outcome::FallsShort, missing),
        missing_gap: ind.compared() && rules::makes_gap(ind.class, Outcome::Missing, missing),
        core: rules::exceeding(ind.class, Outcome::Exceeds),
        weight: scaled(ind.weight, weight_scale)
            .ok_or_else(|| unsupported(&ind.id, t!(msg::WEIGHT)))?,
        qualitative: ind.direction == Direction::Qualitative,
        compared: ind.compared(),
        reqs: Vec::new(),
        grades: Vec::new(),
        tier: None,
        direction: ind.direction,
        deviations: ind.deviations,
        bands: None,
    };
    if base.qualitative {
        // pass = 1 conforms, fail = 0 falls short; never exceeds.
        return Ok(FastIndicator {
            level: Span { lo: 1, hi: 1 },
            ..base
        });
    }
    let table = lowerable(ind)?;
    let level_ends: Vec<Ends> = ind.level_requirements().map(|r| r.ends).collect();
    let scale = scale_for(ind, &level_ends, table)?.max(min_scale);
    let not_held = || unsupported(&ind.id, t!(msg::TOO_LARGE));
    let grades = match table {
        Some(t) => t
            .grades
            .iter()
            .map(|g| span(&g.ends, scale).ok_or_else(not_held))
            .collect::<Result<_, Error>>()?,
        None => Vec::new(),
    };
    if level_ends.is_empty() {
        // Not compared ([`rules::unjudged`]): never a gap, never exceeding.
        return Ok(FastIndicator {
            scale,
            grades,
            ..base
        });
    }
    let mut level = Span::ALL;
    let mut reqs = Vec::with_capacity(level_ends.len());
    for e in &level_ends {
        let held = |b: Option<Bound>| b.map(|b| scaled(b.value, scale).ok_or_else(not_held));
        let r = ReqFast {
            span: span(e, scale).ok_or_else(not_held)?,
            lo: held(e.0).transpose()?,
            hi: held(e.1).transpose()?,
        };
        level = level.intersect(r.span);
        reqs.push(r);
    }
    let (by_grade, holes) = grade_exceeds(table, scale, level).ok_or_else(not_held)?;
    let by_margin = margin_exceeds(ind, &level_ends, scale)?.intersect(level);
    Ok(FastIndicator {
        scale,
        level,
        exceeds: [by_grade, by_margin],
        holes,
        reqs,
        grades,
        ..base
    })
}

/// The indicator's grade table where the fast path holds its rules exactly; an error names
/// what it cannot hold (the exact path answers for such plans).
fn lowerable(ind: &CompiledIndicator) -> Result<Option<&GradeTable>, Error> {
    if ind.method != Method::FullValue {
        return Err(unsupported(&ind.id, t!(msg::ROUNDED_VALUE)));
    }
    if ind.rule != crate::decision::DecisionRule::Simple {
        return Err(unsupported(&ind.id, t!(msg::GUARD_BAND_RULE)));
    }

    match &ind.grading {
        Grading::None => Ok(None),
        Grading::Table(t) => Ok(Some(t)),
        Grading::Banded { .. } => Err(unsupported(&ind.id, t!(msg::BANDED))),
    }
}

/// The scale: enough for every bound and the tolerance, and at least [`MIN_SCALE`].
fn scale_for(
    ind: &CompiledIndicator,
    level_ends: &[Ends],
    table: Option<&GradeTable>,
) -> Result<u32, Error> {
    let grades = table.map(|t| t.grades.as_slice()).unwrap_or_default();
    let mut scale = level_ends
        .iter()
        .chain(grades.iter().map(|g| &g.ends))
        .map(scale_of)
        .fold(MIN_SCALE, u32::max);
    if let Some(Tolerance::Absolute(t)) = ind.margin_tolerance {
        scale = scale.max(t.normalize().scale());
    }
    if scale > MAX_SCALE {
        return Err(unsupported(&ind.id, t!(msg::MANY_DECIMALS)));
    }
    Ok(scale)
}

/// Exceeds by grade ([`rules::better_grade`]): the grades better than the level's, as one
/// span inside the level (for a nested table the one just better, which holds the others),
/// and the holes of that span: between the better grades of a table of intervals, values in
/// no grade.
fn grade_exceeds(table: Option<&GradeTable>, scale: u32, level: Span) -> Option<(Span, Vec<Span>)> {
    let Some(t) = table else {
        return Some((Span::EMPTY, Vec::new()));
    };
    let l = match t.level_grade {
        Some(l) if l > 0 => l,
        _ => return Some((Span::EMPTY, Vec::new())),
    };
    let mut better = t
        .grades
        .get(..l)?
        .iter()
        .map(|g| span(&g.ends, scale))
        .collect::<Option<Vec<Span>>>()?;
    better.retain(|s| s.lo <= s.hi);
    better.sort_by_key(|s| s.lo);
    // The union of the better grades: one span and the gaps inside it.
    let mut hull = Span::EMPTY;
    let mut holes = Vec::new();
    for s in better {
        if hull.lo > hull.hi {
            hull = s;
        } else if s.lo > hull.hi.saturating_add(1) {
            holes.push(Span {
                lo: hull.hi.saturating_add(1),
                hi: s.lo.saturating_sub(1),
            });
            hull.hi = s.hi;
        } else {
            hull.hi = hull.hi.max(s.hi);
        }
    }
    Some((hull.intersect(level), holes))
}

/// Exceeds by margin ([`rules::beyond`] over [`rules::pick_margin`]): the margin is the
/// smallest over the level's requirements, so "beyond the tolerance" is the level shrunk by
/// it from the tightest lower end (higher-is-better), the tightest upper end
/// (lower-is-better), or both (nominal-is-best), open: x − l > t ⇔ X ≥ L + T + 1.
fn margin_exceeds(ind: &CompiledIndicator, level_ends: &[Ends], scale: u32) -> Result<Span, Error> {
    let t = match ind.margin_tolerance {
        None => return Ok(Span::EMPTY),
        Some(Tolerance::Absolute(t)) => t,
        Some(_) => return Err(unsupported(&ind.id, t!(msg::RELATIVE_TOLERANCE))),
    };
    let not_held = || unsupported(&ind.id, t!(msg::TOO_LARGE));
    let t = scaled(t, scale).ok_or_else(not_held)?;
    let lowers: Vec<Decimal> = level_ends
        .iter()
        .filter_map(|e| e.0.map(|b| b.value))
        .collect();
    let uppers: Vec<Decimal> = level_ends
        .iter()
        .filter_map(|e| e.1.map(|b| b.value))
        .collect();
    let above = |l: Option<&Decimal>| -> Result<i64, Error> {
        let Some(l) = l else { return Ok(i64::MIN + 1) };
        let l = scaled(*l, scale).ok_or_else(not_held)?;
        l.checked_add(t)
            .and_then(|v| v.checked_add(1))
            .ok_or_else(not_held)
    };
    let below = |u: Option<&Decimal>| -> Result<i64, Error> {
        let Some(u) = u else { return Ok(i64::MAX) };
        let u = scaled(*u, scale).ok_or_else(not_held)?;
        u.checked_sub(t)
            .and_then(|v| v.checked_sub(1))
            .ok_or_else(not_held)
    };
    let (all_lower, all_upper) = (
        lowers.len() == level_ends.len(),
        uppers.len() == level_ends.len(),
    );
    let (tight_lower, tight_upper) = (lowers.iter().max(), uppers.iter().min());
    Ok(match ind.direction {
        Direction::HigherIsBetter if all_lower => Span {
            lo: above(tight_lower)?,
            hi: i64::MAX,
        },
        Direction::LowerIsBetter if all_upper => Span {
            lo: i64::MIN + 1,
            hi: below(tight_upper)?,
        },
        Direction::NominalIsBest => Span {
            lo: above(tight_lower)?,
            hi: below(tight_upper)?,
        },
        _ => return Err(unsupported(&ind.id, t!(msg::LEVEL_WITHOUT_END))),
    })
}

impl Classifier {
    /// Prepares a product's values. `Ok(None)` when a value is outside the fast path (a rounding
    /// mark, more decimals than the indicator's scale, too large): judge that product with
    /// [`Engine::evaluate`].
    ///
    /// # Errors
    ///
    /// As [`Engine::evaluate`] for values that cannot be compared (a unit of another dimension).
    pub fn prepare(&self, product: &Product) -> Result<Option<Prepared>, Error> {
        super::evaluate::declared(&self.attributes, product)
            .map_err(|e| e.place(t!(crate::error::msg::PLACE_PRODUCT, &product.id)))?;
        let attributes = self
            .attributes
            .iter()
            .map(|a| {
                product
                    .attributes
                    .get(&a.id)
                    .and_then(|v| a.values.iter().position(|d| &d.id == v))
                    .and_then(|k| u16::try_from(k).ok())
                    .unwrap_or(NO_VALUE)
            })
            .collect();
        let mut values = vec![MISSING; self.indicators.len()];
        for ((slot, ind), (id, unit)) in values
            .iter_mut()
            .zip(&self.indicators)
            .zip(self.ids.iter().zip(&self.units))
        {
            let Some(v) = product.values.get(id) else {
                continue;
            };
            let x = match v {
                Value::Qualitative(pass) if ind.qualitative => i64::from(*pass),
                Value::Measured(m) if !ind.qualitative => {
                    if m.value().mark().is_some() {
                        return Ok(None);
                    }
                    let d = value_in(id, unit.as_ref(), ind.deviations, m)
                        .map_err(|e| e.place(t!(crate::error::msg::PLACE_PRODUCT, &product.id)))?;
                    match scaled(d, ind.scale) {
                        Some(x) if x != MISSING => x,
                        _ => return Ok(None),
                    }
                }
                _ => return Ok(None),
            };
            *slot = x;
        }
        Ok(Some(Prepared { values, attributes }))
    }

    /// Prepares values given as scaled integers directly: `values[i]` is indicator i's value
    /// × 10^[`Classifier::scale`]`(i)`, or `None` when missing. For callers that parse their own
    /// data (the command line reads CSV cells straight into these).
    pub fn prepare_scaled(&self, values: impl IntoIterator<Item = Option<i64>>) -> Prepared {
        let mut out: Vec<i64> = values.into_iter().map(|v| v.unwrap_or(MISSING)).collect();
        out.resize(self.indicators.len(), MISSING);
        Prepared {
            values: out,
            attributes: vec![NO_VALUE; self.attributes.len()],
        }
    }

    /// Prepares a product from its cells as written in a products file, in plan order, reusing
    /// `into`'s buffer (no allocation once it has room). Returns `false` — leaving `into`
    /// unspecified — when a cell is anything but a plain decimal number in the indicator's unit
    /// (or `pass`/`fail` for a qualitative indicator, or empty for missing): a unit, a mark, an
    /// uncertainty, more decimals than the indicator's scale. Read such a row with
    /// [`crate::product`] and judge it with [`Engine::evaluate`].
    ///
    /// ```
    /// # use duibiao::{Plan};
    /// # let plan = Plan::from_toml_str(r#"
    /// # schema_version = 1
    /// # category = { en = "example" }
    /// # [[standards]]
    /// # code = "T/CZGX 001-2022"
    /// # role = "benchmark"
    /// # [[indicators]]
    /// # id = "flush-water"
    /// # unit = "L"
    /// # direction = "lower-is-better"
    /// # requirements = { "T/CZGX 001-2022" = "≤ 4.0 L" }
    /// # "#)?;
    /// let fast = plan.compile()?.classifier()?;
    /// let mut row = fast.prepare_scaled([None]);
    /// assert!(fast.prepare_cells(["3.95"], &mut row));
    /// assert_eq!(fast.class(&row), duibiao::Class::Leader);
    /// assert!(!fast.prepare_cells(["3950 mL"], &mut row)); // a unit: use the exact path
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn prepare_cells<'c>(
        &self,
        cells: impl IntoIterator<Item = &'c str>,
        into: &mut Prepared,
    ) -> bool {
        // A declared attribute is not among the cells: such a product takes `prepare`.
        if !self.attributes.is_empty() {
            return false;
        }
        into.values.clear();
        for (ind, cell) in self.indicators.iter().zip(cells) {
            let cell = cell.trim();
            // Longer than the exact reader takes a number: let it say so.
            if cell.len() > crate::Limits::NUMBER_TEXT_BYTES {
                return false;
            }
            let x = if cell.is_empty() {
                MISSING
            } else if ind.qualitative {
                match cell {
                    "pass" => 1,
                    "fail" => 0,
                    _ => return false,
                }
            } else {
                match parse_scaled(cell.as_bytes(), ind.scale) {
                    Some(x) => x,
                    None => return false,
                }
            };
            into.values.push(x);
        }
        if into.values.len() < self.indicators.len() {
            into.values.resize(self.indicators.len(), MISSING);
        }
        true
    }

    /// The weight scale's decimal of an exceeding weight sum, and the ids of the indicators that
    /// decided a class, from outcomes written by [`Classifier::outcomes_into`]: those short or
    /// missing for a gap, those exceeding for a leader — exactly [`Engine::evaluate`]'s
    /// `decided_by` and `exceeding_weight`.
    pub fn decided_by<'a>(
        &'a self,
        class: Class,
        outcomes: &'a [FastOutcome],
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.indicators
            .iter()
            .zip(outcomes)
            .zip(&self.ids)
            .filter(move |((ind, o), _)| match class {
                Class::Gap => ind.makes_gap(o.outcome),
                Class::Leader if self.by_tier => o.tier_reached == Some(true),
                Class::Leader => ind.exceeding(o.outcome),
                _ => false,
            })
            .map(|(_, id)| id.as_str())
    }

    /// The core weight that exceeds, from outcomes written by [`Classifier::outcomes_into`].
    pub fn exceeding_weight(&self, outcomes: &[FastOutcome]) -> Decimal {
        let sum: i64 = self
            .indicators
            .iter()
            .zip(outcomes)
            .filter(|(ind, o)| ind.exceeding(o.outcome))
            .map(|(ind, _)| ind.weight)
            .sum();
        Decimal::new(sum, self.weight_scale).normalize()
    }

    /// The requirement `k` of indicator `i`'s benchmark level, as [`FastOutcome::requirement`]
    /// names it: the standard and the limit in canonical form.
    pub fn requirement(
        &self,
        i: usize,
        k: u16,
    ) -> Option<(&crate::standard::StandardCode, &crate::limit::Limit)> {
        self.levels
            .get(i)
            .and_then(|l| l.get(usize::from(k)))
            .map(|(c, l)| (c, l))
    }

    /// The condition of band `b` of indicator `i` (canonical: `>4500 ~ 7100 W`, `new`), as
    /// [`FastOutcome::band`] names it.
    pub fn band_when(&self, i: usize, b: u16) -> Option<&str> {
        self.band_whens
            .get(i)
            .and_then(|w| w.get(usize::from(b)))
            .map(String::as_str)
    }

    /// Whether an indicator's requirements are chosen by band (its outcomes name the band).
    pub fn banded(&self) -> bool {
        self.band_whens.iter().any(|w| !w.is_empty())
    }

    /// The decimals at which indicator `i`'s values are held.
    pub fn scale(&self, i: usize) -> Option<u32> {
        self.indicators.get(i).map(|f| f.scale)
    }

    /// The class of a prepared product: exactly [`Engine::evaluate`]'s class.
    #[inline]
    pub fn class(&self, p: &Prepared) -> Class {
        match &self.hot {
            Some(hot) => self.class_hot(hot, &p.values),
            None => self.class_general(p),
        }
    }

    /// The hot loop: two to four integer comparisons per indicator, no branch. The leader
    /// rule is matched once, so the loop sums only what the rule reads (the weight or the
    /// count).
    #[inline(always)]
    fn class_hot(&self, hot: &[Hot], values: &[i64]) -> Class {
        if self.by_weight() {
            self.class_hot_by::<true>(hot, values)
        } else {
            self.class_hot_by::<false>(hot, values)
        }
    }

    #[inline(always)]
    fn class_hot_by<const BY_WEIGHT: bool>(&self, hot: &[Hot], values: &[i64]) -> Class {
        let mut gap = false;
        let (mut weight, mut count) = (0i64, 0u32);
        for (h, &x) in hot.iter().zip(values) {
            let conforms = (h.lo <= x) & (x <= h.hi);
            let exceeds = (h.ex_lo <= x) & (x <= h.ex_hi);
            gap |= h.counts & !conforms;
            if BY_WEIGHT {
                weight += h.weight & -i64::from(exceeds);
            } else {
                count += u32::from(exceeds);
            }
        }
        let leader = if BY_WEIGHT {
            weight >= self.leader_weight
        } else {
            count >= self.leader_count
        };
        match (gap, leader) {
            (true, _) => Class::Gap,
            (false, true) => Class::Leader,
            (false, false) => Class::Follower,
        }
    }

    /// Whether the leader rule is by weight (else by count, or never).
    #[inline(always)]
    fn by_weight(&self) -> bool {
        self.leader_weight != i64::MAX
    }

    #[inline]
    fn class_of(&self, gap: bool, weight: i64, count: u32) -> Class {
        if gap {
            Class::Gap
        } else if (count >= self.leader_count) | (weight >= self.leader_weight) {
            Class::Leader
        } else {
            Class::Follower
        }
    }

    fn class_general(&self, p: &Prepared) -> Class {
        let mut gap = false;
        let mut weight: i64 = 0;
        let mut count: u32 = 0;
        for (ind, &x) in self.indicators.iter().zip(&p.values) {
            let ind = match &ind.bands {
                None => ind,
                Some(b) => match FastIndicator::band_of(b, p) {
                    Some((_, judged, _)) => judged,
                    // No band: missing, as the exact path says.
                    None => {
                        gap |= ind.missing_gap;
                        continue;
                    }
                },
            };
            if x == MISSING {
                gap |= ind.missing_gap;
                continue;
            }
            let conforms = ind.level.contains(x);
            gap |= ind.counts & !conforms;
            let exceeds = if self.by_tier {
                ind.tier_reached(x) == Some(true)
            } else {
                conforms & ind.core & ind.exceeds_at(x)
            };
            weight += if exceeds { ind.weight } else { 0 };
            count += u32::from(exceeds);
        }
        self.class_of(gap, weight, count)
    }

    /// The class and each indicator's outcome, written into `out` (cleared first; no
    /// allocation once `out` has room). Margins, limits and standards are in
    /// [`Engine::evaluate`]'s full verdict.
    pub fn outcomes_into(&self, p: &Prepared, out: &mut Vec<FastOutcome>) -> Class {
        out.clear();
        let (mut gap, mut weight, mut count) = (false, 0i64, 0u32);
        for (ind, &x) in self.indicators.iter().zip(&p.values) {
            let (ind, band, offset) = match &ind.bands {
                None => (ind, None, 0),
                Some(b) => match FastIndicator::band_of(b, p) {
                    Some((k, judged, at)) => (judged, u16::try_from(k).ok(), at),
                    None => {
                        // No band: missing (not compared where no band is), no limit.
                        let outcome =
                            rules::unjudged(ind.compared, false).unwrap_or(Outcome::Missing);
                        gap |= ind.makes_gap(outcome);
                        out.push(FastOutcome {
                            outcome,
                            compared: (x != MISSING).then_some(x),
                            margin: None,
                            grade: None,
                            requirement: None,
                            // No band, no tier reached.
                            tier_reached: ind.tier.map(|_| false),
                            scale: ind.scale,
                            band: None,
                        });
                        continue;
                    }
                },
            };
            let judged = ind.compared & (x != MISSING);
            let outcome = if !judged {
                rules::unjudged(ind.compared, x != MISSING).unwrap_or(Outcome::Missing)
            } else if !ind.level.contains(x) {
                Outcome::FallsShort
            } else if !ind.qualitative && ind.exceeds_at(x) {
                Outcome::Exceeds
            } else {
                Outcome::Meets
            };
            let (margin, requirement) = if ind.qualitative {
                (None, None)
            } else if x == MISSING {
                (None, (!ind.reqs.is_empty()).then_some(0))
            } else {
                ind.evidence(x, outcome == Outcome::FallsShort)
            };
            let grade = if x == MISSING {
                None
            } else {
                ind.grades
                    .iter()
                    .position(|g| g.contains(x))
                    .and_then(|k| u8::try_from(k).ok())
            };
            gap |= ind.makes_gap(outcome);
            let tier_reached = ind.tier_reached(x);
            if self.by_tier {
                count += u32::from(tier_reached == Some(true));
            } else if ind.exceeding(outcome) {
                weight += ind.weight;
                count += 1;
            }
            out.push(FastOutcome {
                outcome,
                // A qualitative value is pass or fail, not a number compared.
                compared: (x != MISSING && !ind.qualitative).then_some(x),
                margin,
                grade,
                requirement: requirement.and_then(|k| k.checked_add(offset)),
                tier_reached,
                scale: ind.scale,
                band,
            });
        }
        self.class_of(gap, weight, count)
    }

    /// Writes the class of each product into `out` (as many as the shorter of the two).
    pub fn class_into(&self, products: &[Prepared], out: &mut [Class]) {
        match &self.hot {
            Some(hot) if self.by_weight() => {
                for (o, p) in out.iter_mut().zip(products) {
                    *o = self.class_hot_by::<true>(hot, &p.values);
                }
            }
            Some(hot) => {
                for (o, p) in out.iter_mut().zip(products) {
                    *o = self.class_hot_by::<false>(hot, &p.values);
                }
            }
            None => {
                for (o, p) in out.iter_mut().zip(products) {
                    *o = self.class_general(p);
                }
            }
        }
    }

    /// Classes of a batch, in input order.
    pub fn class_batch(&self, products: &[Prepared]) -> Vec<Class> {
        let mut out = vec![Class::Gap; products.len()];
        self.class_into(products, &mut out);
        out
    }

    /// Classes of a batch on every core (feature `rayon`), in input order.
    #[cfg(feature = "rayon")]
    pub fn class_batch_parallel(&self, products: &[Prepared]) -> Vec<Class> {
        use rayon::prelude::*;
        const CHUNK: usize = 8192;
        let mut out = vec![Class::Gap; products.len()];
        out.par_chunks_mut(CHUNK)
            .zip(products.par_chunks(CHUNK))
            .for_each(|(o, p)| self.class_into(p, o));
        out
    }
}
