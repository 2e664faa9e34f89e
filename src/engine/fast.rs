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

use super::{CompiledIndicator, Engine, Grading};
use crate::decision::Method;
use crate::error::Error;
use crate::indicator::{Direction, IndicatorClass, Tolerance};
use crate::limit::{Bound, Ends};
use crate::plan::MissingPolicy;
use crate::product::{Product, Value};
use crate::unit::{convert_difference, convert_value};
use crate::verdict::{Class, Outcome};

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
    /// Counts for a gap (core or basic).
    counts: bool,
    core: bool,
    /// The weight at the classifier's weight scale.
    weight: i64,
    qualitative: bool,
    /// Whether a benchmark states the indicator (else: not compared).
    compared: bool,
    deviations: bool,
}

/// One indicator's outcome on the fast path: `Copy`, no text; the engine names the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FastOutcome {
    /// The outcome.
    pub outcome: Outcome,
    /// The value as compared, an integer at [`FastOutcome::scale`] decimals (`None` when
    /// missing).
    pub compared: Option<i64>,
    /// The decimals of `compared`.
    pub scale: u32,
}

impl FastOutcome {
    /// The value as compared, as a decimal.
    pub fn compared(&self) -> Option<Decimal> {
        self.compared.map(|m| Decimal::new(m, self.scale))
    }
}

/// A product's values as scaled integers, ready for [`Classifier::class`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    values: Vec<i64>,
}

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
    indicators: Vec<FastIndicator>,
    units: Vec<Option<crate::unit::Unit>>,
    ids: Vec<String>,
    missing_is_gap: bool,
    /// Leader when the exceeding weight (scaled) reaches this.
    leader_weight: i64,
    /// Or when this many core indicators exceed.
    leader_count: Option<u32>,
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

fn unsupported(id: &str, why: &str) -> Error {
    Error::invalid("indicator", id, format!("outside the fast path: {why}"))
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
            indicators.push(fast_indicator(ind, weight_scale)?);
        }
        let core_total: i64 = indicators
            .iter()
            .filter(|i| i.core)
            .try_fold(0i64, |total, i| total.checked_add(i.weight))
            .ok_or_else(|| Error::overflow("the total core weight at the fast path's scale"))?;
        let threshold = self
            .policy
            .leader_share
            .checked_mul(Decimal::from(core_total))
            .ok_or_else(|| Error::overflow("the leader weight"))?
            .ceil();
        let leader_weight = if core_total == 0 {
            i64::MAX
        } else {
            i64::try_from(threshold.mantissa()).map_err(|_| Error::overflow("the leader weight"))?
        };
        Ok(Classifier {
            indicators,
            units: self.indicators.iter().map(|i| i.unit.clone()).collect(),
            ids: self.indicators.iter().map(|i| i.id.clone()).collect(),
            missing_is_gap: self.policy.missing == MissingPolicy::Gap,
            leader_weight,
            leader_count: self.policy.leader_min_exceeding,
        })
    }
}

fn fast_indicator(ind: &CompiledIndicator, weight_scale: u32) -> Result<FastIndicator, Error> {
    let weight = scaled(ind.weight, weight_scale).ok_or_else(|| unsupported(&ind.id, "weight"))?;
    let counts = matches!(ind.class, IndicatorClass::Core | IndicatorClass::Basic);
    let core = ind.class == IndicatorClass::Core;
    if ind.direction == Direction::Qualitative {
        return Ok(FastIndicator {
            scale: 0,
            level: Span { lo: 1, hi: 1 },
            exceeds: [Span::EMPTY; 2],
            counts,
            core,
            weight,
            qualitative: true,
            compared: true,
            deviations: false,
        });
    }
    if ind.method != Method::FullValue {
        return Err(unsupported(&ind.id, "rounded-value judgement"));
    }
    let table = match &ind.grading {
        Grading::None => None,
        Grading::Table(t) => Some(t),
        Grading::Banded { .. } => return Err(unsupported(&ind.id, "grades chosen by band")),
    };
    let level_ends: Vec<Ends> = ind
        .level
        .iter()
        .filter_map(|&k| ind.requirements.get(k))
        .map(|r| r.ends)
        .collect();
    // The scale: enough for every bound, the tolerance, and at least MIN_SCALE for values.
    let mut scale = MIN_SCALE;
    for e in &level_ends {
        scale = scale.max(scale_of(e));
    }
    if let Some(t) = table {
        for g in &t.grades {
            scale = scale.max(scale_of(&g.ends));
        }
    }
    if let Some(Tolerance::Absolute(t)) = ind.tolerance {
        scale = scale.max(t.normalize().scale());
    }
    if scale > MAX_SCALE {
        return Err(unsupported(&ind.id, "limits with more than 12 decimals"));
    }
    let not_held = || unsupported(&ind.id, "a limit too large for the fast path");
    if level_ends.is_empty() {
        // Not compared: never a gap, never exceeding.
        return Ok(FastIndicator {
            scale,
            level: Span::ALL,
            exceeds: [Span::EMPTY; 2],
            counts: false,
            core,
            weight,
            qualitative: false,
            compared: false,
            deviations: ind.deviations,
        });
    }
    let mut level = Span::ALL;
    for e in &level_ends {
        level = level.intersect(span(e, scale).ok_or_else(not_held)?);
    }
    // Exceeds by grade: the grade just better than the one the level guarantees.
    let by_grade = match table {
        Some(t) => match t.level_grade {
            Some(l) if l > 0 => match t.grades.get(l - 1) {
                Some(g) => span(&g.ends, scale).ok_or_else(not_held)?.intersect(level),
                None => Span::EMPTY,
            },
            _ => Span::EMPTY,
        },
        None => Span::EMPTY,
    };
    // Exceeds by margin: the level shrunk by the tolerance (open).
    let graded = table.is_some();
    let tolerance = match ind.tolerance {
        Some(Tolerance::Absolute(t)) => Some(t),
        Some(_) => return Err(unsupported(&ind.id, "a relative tolerance")),
        None if graded || ind.direction == Direction::NominalIsBest => None,
        None => Some(Decimal::ZERO),
    };
    // The margin is measured from the binding level requirement: the exact path takes the
    // smallest margin over the level's requirements, which is the margin from the tightest
    // lower end (higher-is-better), the tightest upper end (lower-is-better), or the nearer of
    // the two (nominal-is-best). Measured from the written bound, open or closed alike.
    let lowers: Vec<Decimal> = level_ends
        .iter()
        .filter_map(|e| e.0.map(|b| b.value))
        .collect();
    let uppers: Vec<Decimal> = level_ends
        .iter()
        .filter_map(|e| e.1.map(|b| b.value))
        .collect();
    let tight_lower = lowers.iter().max().copied();
    let tight_upper = uppers.iter().min().copied();
    let by_margin = match tolerance {
        None => Span::EMPTY,
        Some(t) => {
            let t = scaled(t, scale).ok_or_else(not_held)?;
            // x − l > t  ⇔  X ≥ L + T + 1;  u − x > t  ⇔  X ≤ U − T − 1.
            let above = |l: Decimal| -> Result<i64, Error> {
                let l = scaled(l, scale).ok_or_else(not_held)?;
                l.checked_add(t)
                    .and_then(|v| v.checked_add(1))
                    .ok_or_else(not_held)
            };
            let below = |u: Decimal| -> Result<i64, Error> {
                let u = scaled(u, scale).ok_or_else(not_held)?;
                u.checked_sub(t)
                    .and_then(|v| v.checked_sub(1))
                    .ok_or_else(not_held)
            };
            let all_lower = lowers.len() == level_ends.len();
            let all_upper = uppers.len() == level_ends.len();
            let span = match ind.direction {
                Direction::HigherIsBetter if all_lower => Span {
                    lo: above(tight_lower.unwrap_or_default())?,
                    hi: i64::MAX,
                },
                Direction::LowerIsBetter if all_upper => Span {
                    lo: i64::MIN + 1,
                    hi: below(tight_upper.unwrap_or_default())?,
                },
                Direction::NominalIsBest => Span {
                    lo: match tight_lower {
                        Some(l) => above(l)?,
                        None => i64::MIN + 1,
                    },
                    hi: match tight_upper {
                        Some(u) => below(u)?,
                        None => i64::MAX,
                    },
                },
                _ => {
                    return Err(unsupported(
                        &ind.id,
                        "a level without the end its direction measures from",
                    ))
                }
            };
            span.intersect(level)
        }
    };
    Ok(FastIndicator {
        scale,
        level,
        exceeds: [by_grade, by_margin],
        counts,
        core,
        weight,
        qualitative: false,
        compared: true,
        deviations: ind.deviations,
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
                    let raw = m.value().value();
                    let d = match (m.unit(), unit.as_ref()) {
                        (Some(from), Some(to)) if from != to => if ind.deviations {
                            convert_difference(raw, from, to)
                        } else {
                            convert_value(raw, from, to)
                        }
                        .map_err(|e| {
                            e.context(format!("product \"{}\": indicator \"{id}\"", product.id))
                        })?,
                        (Some(_), None) => return Ok(None),
                        _ => raw,
                    };
                    match scaled(d, ind.scale) {
                        Some(x) if x != MISSING => x,
                        _ => return Ok(None),
                    }
                }
                _ => return Ok(None),
            };
            *slot = x;
        }
        Ok(Some(Prepared { values }))
    }

    /// Prepares values given as scaled integers directly: `values[i]` is indicator i's value
    /// × 10^[`Classifier::scale`]`(i)`, or `None` when missing. For callers that parse their own
    /// data (the command line reads CSV cells straight into these).
    pub fn prepare_scaled(&self, values: impl IntoIterator<Item = Option<i64>>) -> Prepared {
        let mut out: Vec<i64> = values.into_iter().map(|v| v.unwrap_or(MISSING)).collect();
        out.resize(self.indicators.len(), MISSING);
        Prepared { values: out }
    }

    /// The decimals at which indicator `i`'s values are held.
    pub fn scale(&self, i: usize) -> Option<u32> {
        self.indicators.get(i).map(|f| f.scale)
    }

    /// The class of a prepared product: exactly [`Engine::evaluate`]'s class.
    #[inline]
    pub fn class(&self, p: &Prepared) -> Class {
        let mut gap = false;
        let mut weight: i64 = 0;
        let mut count: u32 = 0;
        for (ind, &x) in self.indicators.iter().zip(&p.values) {
            if x == MISSING {
                gap |= ind.counts & self.missing_is_gap;
                continue;
            }
            let conforms = ind.level.contains(x);
            gap |= ind.counts & !conforms;
            let exceeds =
                conforms & ind.core & (ind.exceeds[0].contains(x) | ind.exceeds[1].contains(x));
            weight += if exceeds { ind.weight } else { 0 };
            count += u32::from(exceeds);
        }
        if gap {
            Class::Gap
        } else if match self.leader_count {
            Some(n) => n > 0 && count >= n,
            None => weight >= self.leader_weight,
        } {
            Class::Leader
        } else {
            Class::Follower
        }
    }

    /// The class and each indicator's outcome, written into `out` (cleared first; no
    /// allocation once `out` has room). Margins, limits and standards are in
    /// [`Engine::evaluate`]'s full verdict.
    pub fn outcomes_into(&self, p: &Prepared, out: &mut Vec<FastOutcome>) -> Class {
        out.clear();
        for (ind, &x) in self.indicators.iter().zip(&p.values) {
            let outcome = if x == MISSING {
                Outcome::Missing
            } else if !ind.compared {
                Outcome::NotCompared
            } else if !ind.level.contains(x) {
                Outcome::FallsShort
            } else if !ind.qualitative && (ind.exceeds[0].contains(x) || ind.exceeds[1].contains(x))
            {
                Outcome::Exceeds
            } else {
                Outcome::Meets
            };
            out.push(FastOutcome {
                outcome,
                compared: (x != MISSING).then_some(x),
                scale: ind.scale,
            });
        }
        self.class(p)
    }

    /// Classes of a batch, in input order.
    pub fn class_batch(&self, products: &[Prepared]) -> Vec<Class> {
        products.iter().map(|p| self.class(p)).collect()
    }

    /// Classes of a batch on every core (feature `rayon`), in input order.
    #[cfg(feature = "rayon")]
    pub fn class_batch_parallel(&self, products: &[Prepared]) -> Vec<Class> {
        use rayon::prelude::*;
        products.par_iter().map(|p| self.class(p)).collect()
    }
}
