//! The plan check of leaders by tier (`policy.leader`) and of `policy.unstated`: the named
//! tier exists on every core indicator with tiers, `on` is within range, and the lowest tier
//! is not looser than a national or industry benchmark's requirement.

use super::{Checker, Loc};
use crate::error::t;
use crate::indicator::{Direction, Grade, Indicator, IndicatorClass};
use crate::limit::{ends_inside, Ends, Limit};
use crate::plan::{Plan, Role, TierOn, TierRule, Unstated};
use crate::standard::{StandardCode, StandardKind};
use crate::unit::Unit;

/// The messages of the tier check.
pub(crate) mod msg {
    crate::error::messages! {
        WITH_MIN_EXCEEDING = "{0}: not read when policy.leader sets leaders by tier: write one of them", "{0}：policy.leader 已按层级判定领跑者，此项不会被读取，请只写其中之一";
        NO_TIERED = "tier \"{0}\": no core indicator has grades to read as tiers, so no product could ever be a leader", "层级 \"{0}\"：没有核心指标分级（grades）可作为层级，因此任何产品都不可能成为领跑者";
        ON_OUTSIDE = "{0} is outside 1 ≤ n ≤ {1}, the number of core indicators with tiers: no product could ever be a leader", "{0} 不在 1 ≤ n ≤ {1}（分层级的核心指标数）范围内，任何产品都不可能成为领跑者";
        TIER_MISSING = "the leader tier \"{0}\" is not among the grades of core indicator \"{1}\" ({2}): name a tier every core indicator with tiers holds", "领跑者层级 \"{0}\" 不在核心指标 \"{1}\" 的等级（{2}）之中，请指定每个分层级的核心指标都有的层级";
        TIER_LOOSER = "the lowest tier \"{0}\" (\"{1}\") is looser than \"{2}\" = \"{3}\", a {4} standard: the lowest tier may not be looser than the national or industry standard", "最低层级 \"{0}\"（\"{1}\"）宽于{4}标准 \"{2}\" 的要求 \"{3}\"，最低层级不得低于国家标准或行业标准";
        NATIONAL = "national", "国家";
        INDUSTRY = "industry", "行业";
        MIN_OUTSIDE_COUNTED = "{0} is outside 1 ≤ n ≤ {1}, the number of core indicators that count (unstated = \"leave-out\" leaves out those no benchmark states): no product could ever be a leader", "{0} 不在 1 ≤ n ≤ {1}（计入的核心指标数；unstated = \"leave-out\" 排除了没有对标标准规定的核心指标）范围内，任何产品都不可能成为领跑者";
        NO_COUNTED_WEIGHT = "weight \"{0}\": no core indicator a benchmark states has a weight above 0 (unstated = \"leave-out\" leaves out the others), so no product could ever be a leader (give one a weight above 0, or set policy.leader-min-exceeding)", "权重 \"{0}\"：对标标准规定的核心指标中没有权重大于 0 的（unstated = \"leave-out\" 排除了其余核心指标），因此任何产品都不可能成为领跑者（请给其中一个大于 0 的权重，或设置 policy.leader-min-exceeding）";
        NO_STATED_CORE = "{0}: every core indicator is left out (no benchmark states any), so no product could ever be a leader", "{0}：所有核心指标均被排除（没有对标标准规定任何一个），因此任何产品都不可能成为领跑者";
    }
}

/// Whether a benchmark of the plan states the indicator (or it is qualitative, judged on its
/// own): what `unstated = "leave-out"` keeps.
fn stated(plan: &Plan, ind: &Indicator) -> bool {
    let benchmark = |code: &String| {
        code.parse::<StandardCode>().ok().is_some_and(|code| {
            plan.standards
                .iter()
                .find(|s| s.standard.code == code)
                .is_some_and(|s| s.role == Role::Benchmark)
        })
    };
    // A requirement stated in a band states the indicator too.
    let in_band = ind
        .bands
        .iter()
        .flat_map(|b| &b.bands)
        .any(|band| band.requirements.keys().any(benchmark));
    ind.direction == Direction::Qualitative || ind.requirements.keys().any(benchmark) || in_band
}

/// Whether a core indicator counts in the leader decision by `policy.unstated`.
pub(super) fn counted(plan: &Plan, ind: &Indicator) -> bool {
    ind.class == IndicatorClass::Core
        && (plan.policy.unstated == Unstated::Count || stated(plan, ind))
}

/// The grade tables of an indicator with their paths: its grades, or each band's.
fn tables<'p>(base: &str, ind: &'p Indicator) -> Vec<(String, &'p [Grade])> {
    match &ind.bands {
        Some(bands) => bands
            .bands
            .iter()
            .enumerate()
            .map(|(b, band)| (format!("{base}.bands.bands[{b}].grades"), &band.grades[..]))
            .collect(),
        None if ind.grades.is_empty() => Vec::new(),
        None => vec![(format!("{base}.grades"), &ind.grades[..])],
    }
}

/// The core indicators the count rule reads, with their places: counted, with grades.
fn tiered(plan: &Plan) -> Vec<(usize, &Indicator)> {
    plan.indicators
        .iter()
        .enumerate()
        .filter(|(_, ind)| {
            // Bands that state requirements alone have no tiers.
            let band_grades = ind
                .bands
                .iter()
                .flat_map(|b| &b.bands)
                .any(|band| !band.grades.is_empty());
            counted(plan, ind) && (!ind.grades.is_empty() || band_grades)
        })
        .collect()
}

/// The policy: `leader` beside `leader-min-exceeding`, a core indicator with tiers to read,
/// `on` within range, and with `unstated = "leave-out"` a core indicator left.
pub(super) fn check_policy(c: &mut Checker, plan: &Plan) {
    if plan.indicators.is_empty() {
        return;
    }
    if plan.policy.unstated == Unstated::LeaveOut
        && plan
            .indicators
            .iter()
            .any(|i| i.class == IndicatorClass::Core)
        && !plan.indicators.iter().any(|i| counted(plan, i))
    {
        c.error(
            || "policy.unstated".into(),
            || t!(msg::NO_STATED_CORE, "leave-out"),
            Loc::value(),
        );
    }
    let Some(rule) = &plan.policy.leader else {
        return;
    };
    if let Some(n) = plan.policy.leader_min_exceeding {
        c.error(
            || "policy.leader-min-exceeding".into(),
            || t!(msg::WITH_MIN_EXCEEDING, n.to_string()),
            Loc::key(),
        );
    }
    let tiered = tiered(plan);
    if tiered.is_empty() {
        c.error(
            || "policy.leader.tier".into(),
            || t!(msg::NO_TIERED, rule.tier.as_str()),
            Loc::value(),
        );
        return;
    }
    if let TierOn::AtLeast(k) = rule.on {
        if k == 0 || k as usize > tiered.len() {
            c.error(
                || "policy.leader.on".into(),
                || t!(msg::ON_OUTSIDE, k.to_string(), tiered.len()),
                Loc::value(),
            );
        }
    }
    for (i, ind) in tiered {
        check_indicator(c, plan, rule, i, ind);
    }
}

/// One core indicator with tiers: each table holds the named tier, and its lowest tier lies
/// inside every requirement of a national or industry benchmark.
fn check_indicator<'p>(
    c: &mut Checker,
    plan: &Plan,
    rule: &TierRule,
    i: usize,
    ind: &'p Indicator,
) {
    let base = format!("indicators[{i}]");
    // Units and limits that do not read are reported by the indicator's own check.
    let Ok(unit) = ind.unit.as_deref().map(str::parse::<Unit>).transpose() else {
        return;
    };
    let differences = ind.values_are_differences();
    let ends_of = |text: &str| -> Option<Ends> {
        text.parse::<Limit>()
            .ok()?
            .ends_in(unit.as_ref(), differences)
            .ok()
    };
    let floor = |code_text: &'p str, text: String| {
        let code = code_text.parse::<StandardCode>().ok()?;
        let s = plan.standards.iter().find(|s| s.standard.code == code)?;
        let kind = match (s.role, s.standard.kind) {
            (Role::Benchmark, StandardKind::National) => msg::NATIONAL,
            (Role::Benchmark, StandardKind::Industry) => msg::INDUSTRY,
            _ => return None,
        };
        let ends = ends_of(&text)?;
        Some((code_text, text, ends, kind))
    };
    let floors: Vec<(&str, String, Ends, &'static crate::error::Msg)> = ind
        .requirements
        .iter()
        .filter_map(|(code_text, limit_text)| {
            let code = code_text.parse::<StandardCode>().ok()?;
            let s = plan.standards.iter().find(|s| s.standard.code == code)?;
            let kind = match (s.role, s.standard.kind) {
                (Role::Benchmark, StandardKind::National) => msg::NATIONAL,
                (Role::Benchmark, StandardKind::Industry) => msg::INDUSTRY,
                _ => return None,
            };
            // A requirement stated as a class stands for its class's limit.
            let text = match limit_text {
                crate::indicator::Requirement::Class(class) => {
                    super::class_requirement(ind, class, unit.as_ref()).ok()?
                }
                other => other.text().to_owned(),
            };
            let ends = ends_of(&text)?;
            Some((code_text.as_str(), text, ends, kind))
        })
        .collect();
    for (b, (path, grades)) in tables(&base, ind).into_iter().enumerate() {
        // A band's tiers lie inside the requirements stated in that band too.
        let mut floors = floors.clone();
        if let Some(band) = ind.bands.as_ref().and_then(|bands| bands.bands.get(b)) {
            floors.extend(
                band.requirements
                    .iter()
                    .filter_map(|(code, limit)| floor(code.as_str(), limit.clone())),
            );
        }
        let names = || -> String {
            grades
                .iter()
                .map(|g| {
                    format!(
                        "\"{}\"",
                        g.name
                            .zh
                            .as_deref()
                            .or(g.name.en.as_deref())
                            .unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let names_of = grades.iter().map(|g| &g.name);
        if rule.index_in(names_of).is_none() {
            c.error(
                || path.clone(),
                || {
                    t!(
                        msg::TIER_MISSING,
                        rule.tier.as_str(),
                        ind.id.as_str(),
                        names()
                    )
                },
                Loc::key(),
            );
        }
        let Some((last, lowest)) = grades.len().checked_sub(1).zip(grades.last()) else {
            continue;
        };
        let Some(lowest_ends) = ends_of(&lowest.limit) else {
            continue;
        };
        for (code, limit, ends, kind) in &floors {
            if !ends_inside(&lowest_ends, ends) {
                let name = lowest
                    .name
                    .zh
                    .as_deref()
                    .or(lowest.name.en.as_deref())
                    .unwrap_or_default();
                c.error(
                    || format!("{path}[{last}].limit"),
                    || {
                        t!(
                            msg::TIER_LOOSER,
                            name,
                            lowest.limit.as_str(),
                            *code,
                            limit.as_str(),
                            t!(*kind)
                        )
                    },
                    Loc::value(),
                );
            }
        }
    }
}
