//! Checking a plan's content: every fault at once, each with its path.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::{Plan, PlanStandard, Role};
use crate::indicator::{Bands, Direction, Grade, Indicator, IndicatorClass};
use crate::limit::{ends_inside, ends_overlap, ends_strictness, Ends, Limit, Strictness};
use crate::standard::{StandardCode, Status};
use crate::text::line_col;
use crate::unit::Unit;

/// How serious a fault is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Severity {
    /// The plan cannot be used until it is fixed.
    Error,
    /// Suspicious but usable (a higher-is-better indicator with only an upper limit).
    Warning,
}

/// One fault found in a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Fault {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the plan: `indicators[2].requirements."GB/T 23131-2019"`.
    pub path: String,
    /// Line (1-based) in the source text, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column (1-based, in characters) in the source text, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong, in the house style.
    pub message: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: ")?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "line {l}, column {c}: ")?;
        }
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The faults found in a plan, in plan order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Every fault, errors and warnings.
    pub faults: Vec<Fault>,
}

impl Report {
    /// Adds an error at `path`, with no place in a text.
    pub(crate) fn push_error(&mut self, path: String, message: String) {
        self.faults.push(Fault {
            severity: Severity::Error,
            path,
            line: None,
            column: None,
            message,
        });
    }

    /// A report of one error at the plan's top.
    pub(crate) fn single(message: String) -> Report {
        Report {
            faults: vec![Fault {
                severity: Severity::Error,
                path: "plan".into(),
                line: None,
                column: None,
                message,
            }],
        }
    }

    /// True when no fault is an error (warnings allowed).
    pub fn is_ok(&self) -> bool {
        self.errors().next().is_none()
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Fault> {
        self.faults.iter().filter(|f| f.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Fault> {
        self.faults
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for fault in &self.faults {
            writeln!(f, "{fault}")?;
        }
        Ok(())
    }
}

struct Checker<'a> {
    source: Option<&'a str>,
    faults: Vec<Fault>,
    /// A key searched after the anchor, while checking a part of an indicator (`grades`).
    section: Option<&'static str>,
}

impl Checker<'_> {
    /// Records a fault; `needle` is text to locate in the source (searched after `anchor`).
    fn fault(
        &mut self,
        severity: Severity,
        path: String,
        message: String,
        anchor: Option<&str>,
        needle: Option<&str>,
    ) {
        let Some(needle) = needle else {
            return self.fault_at(severity, path, message, &[]);
        };
        let steps: Vec<&str> = anchor
            .into_iter()
            .chain(self.section)
            .chain([needle])
            .collect();
        self.fault_at(severity, path, message, &steps);
    }

    /// Records a fault located at the last of `steps`, each searched after the one before (a
    /// step before the last that is not found is skipped). No steps, no location.
    fn fault_at(&mut self, severity: Severity, path: String, message: String, steps: &[&str]) {
        let (line, column) = match (self.source, steps.split_last()) {
            (Some(src), Some((needle, before))) => {
                let mut start = 0;
                for (k, step) in before.iter().enumerate() {
                    let found = if k == 0 {
                        find_anchor(src, step)
                    } else {
                        src.get(start..).and_then(|s| s.find(step))
                    };
                    start += found.unwrap_or(0);
                }
                match src.get(start..).and_then(|s| s.find(needle)) {
                    Some(p) => {
                        let (l, c) = line_col(src, start + p);
                        (Some(l), Some(c))
                    }
                    None => (None, None),
                }
            }
            _ => (None, None),
        };
        self.faults.push(Fault {
            severity,
            path,
            line,
            column,
            message,
        });
    }

    fn error(&mut self, path: String, message: String, anchor: Option<&str>, needle: Option<&str>) {
        self.fault(Severity::Error, path, message, anchor, needle);
    }
}

/// Where `anchor` (a quoted id or standard number) is first the value of an `id` or `code` key
/// (`id = "t"`, `"code": "GB 1-2000"`), else where it first occurs: `"t"` may be a name too.
fn find_anchor(src: &str, anchor: &str) -> Option<usize> {
    let is_value_of_key = |at: usize| {
        let before = src.get(..at).unwrap_or_default().trim_end();
        let Some(key) = before
            .strip_suffix('=')
            .or_else(|| before.strip_suffix(':'))
            .map(str::trim_end)
        else {
            return false;
        };
        let key = key.strip_suffix('"').unwrap_or(key);
        ["id", "code"].iter().any(|name| {
            key.strip_suffix(name).is_some_and(|rest| {
                !rest
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
            })
        })
    };
    src.match_indices(anchor)
        .map(|(at, _)| at)
        .find(|&at| is_value_of_key(at))
        .or_else(|| src.find(anchor))
}

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

/// An id quoted for a message, whitespace other than the space and control characters
/// escaped (`"flush-water\u{3000}"`): the id that looks right shows what is wrong with it.
fn shown_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 2);
    out.push('"');
    for ch in id.chars() {
        if ch != ' ' && (ch.is_whitespace() || ch.is_control()) {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(ch)));
        } else {
            out.push(ch);
        }
    }
    out.push('"');
    out
}

fn code_point(ch: char) -> String {
    format!("U+{:04X}", u32::from(ch))
}

/// What is wrong with an id that is not blank: a control character, or whitespace at an end
/// (products files trim their column names, so no column could name the indicator).
fn id_fault(id: &str) -> Option<String> {
    let shown = shown_id(id);
    if let Some(ch) = id.chars().find(|c| c.is_control()) {
        return Some(format!(
            "indicator id {shown} holds a control character ({})",
            code_point(ch)
        ));
    }
    let first = id.chars().next().filter(|c| c.is_whitespace());
    let last = id.chars().next_back().filter(|c| c.is_whitespace());
    let place = match (first, last) {
        (Some(a), Some(b)) => format!(
            "begins and ends with whitespace ({}, {})",
            code_point(a),
            code_point(b)
        ),
        (Some(a), None) => format!("begins with whitespace ({})", code_point(a)),
        (None, Some(b)) => format!("ends with whitespace ({})", code_point(b)),
        (None, None) => return None,
    };
    Some(format!(
        "indicator id {shown} {place}: column names are trimmed, so no products column could name it"
    ))
}

/// A benchmark requirement as the checker keeps it: the key and limit as written, and the
/// conforming set in the indicator's unit.
struct Stated<'p> {
    code: &'p str,
    limit: &'p str,
    ends: Ends,
}

/// Two benchmark requirements with no value in common, if the benchmark level is empty (in
/// plan order). Sets on a line have a common value when every two of them do, and the two to
/// name are those holding the tightest lower and the tightest upper end.
fn disjoint_pair(stated: &[Stated<'_>]) -> Option<(usize, usize)> {
    let mut lower: Option<(usize, Ends)> = None;
    let mut upper: Option<(usize, Ends)> = None;
    for (k, s) in stated.iter().enumerate() {
        let (l, u) = s.ends;
        if let Some(l) = l {
            let half = (Some(l), None);
            // Half-lines are nested: a new one is tighter when the current does not lie in it.
            if lower.is_none_or(|(_, cur)| !ends_inside(&cur, &half)) {
                lower = Some((k, half));
            }
        }
        if let Some(u) = u {
            let half = (None, Some(u));
            if upper.is_none_or(|(_, cur)| !ends_inside(&cur, &half)) {
                upper = Some((k, half));
            }
        }
    }
    let ((a, l), (b, u)) = (lower?, upper?);
    (a != b && !ends_overlap(&l, &u)).then(|| (a.min(b), a.max(b)))
}

/// The benchmark level as the engine takes it: the requirements not strictly looser than
/// another, the first of equivalent ones.
fn level_of(stated: &[Stated<'_>]) -> Vec<usize> {
    let mut level: Vec<usize> = Vec::new();
    for (k, s) in stated.iter().enumerate() {
        let dominated = stated
            .iter()
            .any(|o| ends_strictness(&o.ends, &s.ends) == Strictness::Stricter);
        let duplicate = level.iter().any(|&m| {
            stated
                .get(m)
                .is_some_and(|o| ends_strictness(&o.ends, &s.ends) == Strictness::Equivalent)
        });
        if !dominated && !duplicate {
            level.push(k);
        }
    }
    level
}

/// Warns when no grade of a table holds the benchmark level: no value could exceed by grade.
fn level_in_no_grade(
    c: &mut Checker<'_>,
    path: String,
    stated: &[Stated<'_>],
    grades: &[Ends],
    steps: &[&str],
) {
    if stated.is_empty() || grades.is_empty() {
        return;
    }
    let held = stated
        .iter()
        .any(|s| grades.iter().any(|g| ends_inside(&s.ends, g)));
    if held {
        return;
    }
    let shown: Vec<String> = level_of(stated)
        .iter()
        .filter_map(|&k| stated.get(k))
        .map(|s| format!("\"{}\" ({})", s.limit, s.code))
        .collect();
    c.fault_at(
        Severity::Warning,
        path,
        format!(
            "no grade holds the benchmark level {}, so no value can exceed it by grade",
            shown.join(" and ")
        ),
        steps,
    );
}

fn check_standard(c: &mut Checker<'_>, i: usize, s: &PlanStandard) {
    let code = &s.standard.code;
    let anchor = quoted(&code.to_string());
    let anchor = Some(anchor.as_str());
    if s.standard.superseded_by.as_ref() == Some(code) {
        c.error(
            format!("standards[{i}].superseded-by"),
            format!("standard \"{code}\" is superseded by itself"),
            anchor,
            Some("superseded-by"),
        );
    }
    if s.standard
        .adoption
        .as_ref()
        .is_some_and(|a| &a.code == code)
    {
        c.error(
            format!("standards[{i}].adoption.code"),
            format!("standard \"{code}\" adopts itself"),
            anchor,
            Some("adoption"),
        );
    }
    if s.role == Role::Benchmark && s.standard.status == Status::Withdrawn {
        let by = s
            .standard
            .superseded_by
            .as_ref()
            .filter(|b| *b != code)
            .map(|b| format!(" (superseded by \"{b}\")"))
            .unwrap_or_default();
        c.fault(
            Severity::Warning,
            format!("standards[{i}].status"),
            format!(
                "benchmark \"{code}\" is withdrawn{by}: its requirements are no longer in force"
            ),
            anchor,
            Some("status"),
        );
    }
}

pub(crate) fn check(plan: &Plan, source: Option<&str>) -> Report {
    let mut c = Checker {
        source,
        faults: Vec::new(),
        section: None,
    };

    // Standards: unique codes, one subject at most, at least one benchmark.
    let mut codes: BTreeMap<StandardCode, usize> = BTreeMap::new();
    for (i, s) in plan.standards.iter().enumerate() {
        let code = s.standard.code.clone();
        if let Some(&first) = codes.get(&code) {
            c.error(
                format!("standards[{i}].code"),
                format!("standard \"{code}\" is listed twice (first as standards[{first}])"),
                None,
                None,
            );
        } else {
            codes.insert(code, i);
        }
        check_standard(&mut c, i, s);
    }
    let subjects = plan
        .standards
        .iter()
        .filter(|s| s.role == Role::Subject)
        .count();
    if subjects > 1 {
        c.error(
            "standards".into(),
            format!("{subjects} standards have role \"subject\": a plan has at most one"),
            None,
            None,
        );
    }
    let benchmarks: Vec<&StandardCode> = plan
        .standards
        .iter()
        .filter(|s| s.role == Role::Benchmark)
        .map(|s| &s.standard.code)
        .collect();
    if benchmarks.is_empty() {
        c.error(
            "standards".into(),
            "no standard has role \"benchmark\": a plan compares against at least one".into(),
            None,
            None,
        );
    }
    if plan.indicators.is_empty() {
        c.error(
            "indicators".into(),
            "the plan has no indicator".into(),
            None,
            None,
        );
    }
    if plan.policy.leader_share <= rust_decimal::Decimal::ZERO
        || plan.policy.leader_share > rust_decimal::Decimal::ONE
    {
        c.error(
            "policy.leader-share".into(),
            format!("{} is outside 0 < share ≤ 1", plan.policy.leader_share),
            None,
            Some("leader-share"),
        );
    }
    let core: Vec<(usize, &Indicator)> = plan
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, ind)| ind.class == IndicatorClass::Core)
        .collect();
    if let (Some(n), false) = (plan.policy.leader_min_exceeding, plan.indicators.is_empty()) {
        let count = u64::try_from(core.len()).unwrap_or(u64::MAX);
        let message = if core.is_empty() {
            Some(format!(
                "{n}: the plan has no core indicator, so no product could ever be a leader"
            ))
        } else if n == 0 || u64::from(n) > count {
            Some(format!(
                "{n} is outside 1 ≤ n ≤ {count}, the number of core indicators: no product could ever be a leader"
            ))
        } else {
            None
        };
        if let Some(message) = message {
            c.error(
                "policy.leader-min-exceeding".into(),
                message,
                None,
                Some("leader-min-exceeding"),
            );
        }
    }

    // Indicators.
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut stated: BTreeSet<StandardCode> = BTreeSet::new();
    for (i, ind) in plan.indicators.iter().enumerate() {
        if let Some(first) = ids.insert(ind.id.as_str(), i) {
            c.error(
                format!("indicators[{i}].id"),
                format!(
                    "indicator id \"{}\" is used twice (first by indicators[{first}])",
                    ind.id
                ),
                None,
                None,
            );
        }
        check_indicator(&mut c, plan, i, ind, &codes, &mut stated);
    }

    // A leader by share needs core weight; by count, see leader-min-exceeding above.
    if plan.policy.leader_min_exceeding.is_none() && !plan.indicators.is_empty() {
        let negative = core.iter().any(|(_, ind)| ind.weight.is_sign_negative());
        let weighed = core
            .iter()
            .any(|(_, ind)| ind.weight > rust_decimal::Decimal::ZERO);
        if core.is_empty() {
            c.error(
                "indicators".into(),
                "no indicator is core, so no product could ever be a leader (leaders are decided on core indicators)".into(),
                None,
                None,
            );
        } else if let (Some((k, ind)), false, false) = (core.first(), weighed, negative) {
            let anchor = quoted(&ind.id);
            c.error(
                format!("indicators[{k}].weight"),
                format!(
                    "weight \"{}\": no core indicator has a weight above 0, so no product could ever be a leader (give one a weight above 0, or set policy.leader-min-exceeding)",
                    ind.weight
                ),
                Some(&anchor),
                Some("weight"),
            );
        }
    }

    for (i, s) in plan.standards.iter().enumerate() {
        if s.role == Role::Benchmark && !stated.contains(&s.standard.code) {
            c.error(
                format!("standards[{i}]"),
                format!(
                    "benchmark \"{}\" states no requirement for any indicator",
                    s.standard.code
                ),
                None,
                Some(&quoted(&s.standard.code.to_string())),
            );
        }
    }
    Report { faults: c.faults }
}

fn check_indicator(
    c: &mut Checker<'_>,
    plan: &Plan,
    i: usize,
    ind: &Indicator,
    codes: &BTreeMap<StandardCode, usize>,
    stated: &mut BTreeSet<StandardCode>,
) {
    let base = format!("indicators[{i}]");
    let anchor_text = format!("\"{}\"", ind.id);
    let anchor = Some(anchor_text.as_str());
    if ind.id.trim().is_empty() {
        c.error(
            format!("{base}.id"),
            "an indicator id is never empty".into(),
            None,
            None,
        );
    } else if let Some(message) = id_fault(&ind.id) {
        c.error(format!("{base}.id"), message, None, Some(&quoted(&ind.id)));
    } else if ind.id == "id" {
        c.error(
            format!("{base}.id"),
            "indicator id \"id\" is the name of the products file's product-id column: choose another id".into(),
            None,
            Some(&quoted(&ind.id)),
        );
    }
    if let Some(t) = ind.tolerance {
        let (crate::indicator::Tolerance::Absolute(d) | crate::indicator::Tolerance::Relative(d)) =
            t;
        if d.is_sign_negative() && !d.is_zero() {
            c.error(
                format!("{base}.tolerance"),
                format!("tolerance \"{t}\": a tolerance is never negative"),
                anchor,
                Some("tolerance"),
            );
        }
    }
    // `Err` when the unit text is faulty (reported here), so units are not compared at all.
    let unit: Result<Option<Unit>, ()> = match ind.unit.as_deref() {
        None => Ok(None),
        Some(text) => match text.parse::<Unit>() {
            Ok(u) => Ok(Some(u)),
            Err(e) => {
                c.error(
                    format!("{base}.unit"),
                    e.to_string(),
                    anchor,
                    Some(&quoted(text)),
                );
                Err(())
            }
        },
    };
    if ind.weight.is_sign_negative() {
        c.error(
            format!("{base}.weight"),
            format!("weight {} is negative", ind.weight),
            anchor,
            Some("weight"),
        );
    }
    if let Some(t) = &ind.test_method {
        if let Err(e) = t.parse::<StandardCode>() {
            c.error(
                format!("{base}.test-method"),
                e.to_string(),
                anchor,
                Some(&quoted(t)),
            );
        }
    }
    // A limit and its set in the indicator's unit (`None` for the set when units are faulty).
    // `after`: text found after the anchor and before the limit (a requirement's key).
    let read_limit = |c: &mut Checker<'_>,
                      path: String,
                      text: &str,
                      after: Option<&str>|
     -> Option<(Limit, Option<Ends>)> {
        let needle = quoted(text);
        let steps: Vec<&str> = [Some(anchor_text.as_str()), c.section, after, Some(&needle)]
            .into_iter()
            .flatten()
            .collect();
        match text.parse::<Limit>() {
            Ok(limit) => {
                match (limit.unit(), &unit) {
                    (Some(lu), Ok(Some(iu))) if !lu.is_compatible(iu) => {
                        c.fault_at(
                            Severity::Error,
                            path,
                            format!(
                                "limit \"{text}\" is in \"{lu}\" ({}), the indicator in \"{iu}\" ({})",
                                lu.dimension(),
                                iu.dimension()
                            ),
                            &steps,
                        );
                        return None;
                    }
                    (Some(lu), Ok(None)) => {
                        c.fault_at(
                            Severity::Error,
                            path,
                            format!(
                                "limit \"{text}\" is in \"{lu}\" ({}) but the indicator has no unit",
                                lu.dimension()
                            ),
                            &steps,
                        );
                        return None;
                    }
                    _ => {}
                }
                let ends = match &unit {
                    Ok(u) => match limit.ends_in(u.as_ref()) {
                        Ok(ends) => Some(ends),
                        Err(e) => {
                            c.fault_at(Severity::Error, path, e.to_string(), &steps);
                            return None;
                        }
                    },
                    Err(()) => None,
                };
                direction_warning(c, &path, ind.direction, &limit, text, &steps);
                Some((limit, ends))
            }
            Err(e) => {
                c.fault_at(Severity::Error, path, e.to_string(), &steps);
                None
            }
        }
    };
    let qualitative = ind.direction == Direction::Qualitative;
    // Each standard once, by its number: the key as first written.
    let mut seen: BTreeMap<StandardCode, &str> = BTreeMap::new();
    let mut benchmark: Vec<Stated<'_>> = Vec::new();
    for (code_text, limit_text) in &ind.requirements {
        let path = format!("{base}.requirements.\"{code_text}\"");
        let code = match code_text.parse::<StandardCode>() {
            Ok(code) => code,
            Err(e) => {
                c.error(path, e.to_string(), anchor, Some(&quoted(code_text)));
                continue;
            }
        };
        if let Some(first) = seen.get(&code) {
            c.error(
                path,
                format!("standard \"{code_text}\" is stated twice (also as \"{first}\")"),
                anchor,
                Some(&quoted(code_text)),
            );
            continue;
        }
        let role = codes
            .get(&code)
            .and_then(|&k| plan.standards.get(k))
            .map(|s| s.role);
        if role.is_none() {
            c.error(
                path.clone(),
                format!("standard \"{code}\" is not listed in the plan's standards"),
                anchor,
                Some(&quoted(code_text)),
            );
        }
        stated.insert(code.clone());
        seen.insert(code, code_text.as_str());
        let key = quoted(code_text);
        if qualitative {
            c.fault_at(
                Severity::Error,
                path,
                format!("limit \"{limit_text}\" on a qualitative indicator: its values are \"pass\" or \"fail\", so it takes no requirements"),
                &[&anchor_text, &key, &quoted(limit_text)],
            );
            continue;
        }
        if let Some((_, ends)) = read_limit(c, path, limit_text, Some(&key)) {
            if let (Some(ends), Some(Role::Benchmark)) = (ends, role) {
                benchmark.push(Stated {
                    code: code_text,
                    limit: limit_text,
                    ends,
                });
            }
        }
    }
    if let Some((a, b)) = disjoint_pair(&benchmark) {
        if let (Some(a), Some(b)) = (benchmark.get(a), benchmark.get(b)) {
            c.error(
                format!("{base}.requirements.\"{}\"", b.code),
                format!(
                    "the benchmark level is empty: no value meets both \"{}\" = \"{}\" and \"{}\" = \"{}\"",
                    a.code, a.limit, b.code, b.limit
                ),
                anchor,
                Some(&quoted(b.code)),
            );
        }
        // An empty level lies in no grade either: said once.
        benchmark.clear();
    }
    c.section = Some("grades");
    if qualitative && !ind.grades.is_empty() {
        c.error(
            format!("{base}.grades"),
            "a qualitative indicator takes no grades: its values are \"pass\" or \"fail\"".into(),
            anchor,
            Some("grades"),
        );
    } else {
        let table = check_grades(
            c,
            &format!("{base}.grades"),
            &ind.grades,
            anchor,
            None,
            &read_limit,
        );
        if let (Some(table), None) = (table, &ind.bands) {
            level_in_no_grade(
                c,
                format!("{base}.grades"),
                &benchmark,
                &table,
                &[&anchor_text, "grades"],
            );
        }
        if ind.bands.is_some() && !ind.grades.is_empty() {
            c.error(
                format!("{base}.grades"),
                "the indicator has both grades and bands: write one of them".into(),
                anchor,
                Some("grades"),
            );
        }
    }
    c.section = Some("bands");
    if let Some(bands) = &ind.bands {
        if qualitative {
            c.error(
                format!("{base}.bands"),
                "a qualitative indicator takes no bands: its values are \"pass\" or \"fail\""
                    .into(),
                anchor,
                Some("bands"),
            );
        } else {
            check_bands(c, plan, &base, ind, bands, &benchmark, &read_limit);
        }
    }
    c.section = None;
}

/// A band selector as far as its conditions can be checked: its id and unit.
struct Selector<'p> {
    id: &'p str,
    unit: Option<Unit>,
}

fn check_bands(
    c: &mut Checker<'_>,
    plan: &Plan,
    base: &str,
    ind: &Indicator,
    bands: &Bands,
    benchmark: &[Stated<'_>],
    read_limit: &ReadLimit<'_>,
) {
    let anchor_text = format!("\"{}\"", ind.id);
    let anchor = Some(anchor_text.as_str());
    let selector = match plan.indicators.iter().find(|o| o.id == bands.by) {
        None => {
            c.error(
                format!("{base}.bands.by"),
                format!(
                    "indicator \"{}\" chooses the band but is not in the plan",
                    bands.by
                ),
                anchor,
                Some(&quoted(&bands.by)),
            );
            None
        }
        Some(s) if s.id == ind.id => {
            c.error(
                format!("{base}.bands.by"),
                "an indicator cannot choose its own band".into(),
                anchor,
                None,
            );
            None
        }
        Some(s) if s.direction == Direction::Qualitative => {
            c.error(
                format!("{base}.bands.by"),
                format!(
                    "indicator \"{}\" chooses the band but is qualitative: a band condition needs a number",
                    s.id
                ),
                anchor,
                Some(&quoted(&bands.by)),
            );
            None
        }
        // A selector whose unit does not read is reported on the selector itself.
        Some(s) => match s.unit.as_deref().map(str::parse::<Unit>).transpose() {
            Ok(unit) => Some(Selector { id: &s.id, unit }),
            Err(_) => None,
        },
    };
    if bands.bands.is_empty() {
        c.error(
            format!("{base}.bands.bands"),
            "no band is given: write at least one band, or grades instead of bands".into(),
            anchor,
            Some("bands"),
        );
    }
    let mut conditions: Vec<(usize, &str, Ends)> = Vec::new();
    for (b, band) in bands.bands.iter().enumerate() {
        let path = format!("{base}.bands.bands[{b}]");
        let when_text = quoted(&band.when);
        let steps = [anchor_text.as_str(), "bands", when_text.as_str()];
        match band.when.parse::<Limit>() {
            Err(e) => c.fault_at(
                Severity::Error,
                format!("{path}.when"),
                e.to_string(),
                &steps,
            ),
            Ok(when) => {
                if let Some(s) = &selector {
                    if let Some(ends) =
                        condition(c, &format!("{path}.when"), &band.when, &when, s, &steps)
                    {
                        conditions.push((b, &band.when, ends));
                    }
                }
            }
        }
        let table = check_grades(
            c,
            &format!("{path}.grades"),
            &band.grades,
            anchor,
            Some(&when_text),
            read_limit,
        );
        if let Some(table) = table {
            level_in_no_grade(
                c,
                format!("{path}.grades"),
                benchmark,
                &table,
                &[anchor_text.as_str(), "bands", when_text.as_str(), "grades"],
            );
        }
    }
    // The first band whose condition holds is used: two that overlap are a fault.
    for (k, (b, text, ends)) in conditions.iter().enumerate() {
        let earlier = conditions
            .iter()
            .take(k)
            .find(|(_, _, other)| ends_overlap(other, ends));
        if let Some((e, other_text, _)) = earlier {
            let when_text = quoted(text);
            c.fault_at(
                Severity::Error,
                format!("{base}.bands.bands[{b}].when"),
                format!("condition \"{text}\" overlaps band {e} \"{other_text}\": a value in both would always take band {e}"),
                &[anchor_text.as_str(), "bands", when_text.as_str()],
            );
        }
    }
}

/// A band condition's set in the selector's unit, or a fault.
fn condition(
    c: &mut Checker<'_>,
    path: &str,
    text: &str,
    when: &Limit,
    selector: &Selector<'_>,
    steps: &[&str],
) -> Option<Ends> {
    let message = match (when.unit(), &selector.unit) {
        (Some(wu), None) => Some(format!(
            "condition \"{text}\" is in \"{wu}\" ({}) but the selector \"{}\" has no unit",
            wu.dimension(),
            selector.id
        )),
        (Some(wu), Some(su)) if !wu.is_compatible(su) => Some(format!(
            "condition \"{text}\" is in \"{wu}\" ({}), the selector \"{}\" in \"{su}\" ({})",
            wu.dimension(),
            selector.id,
            su.dimension()
        )),
        _ => None,
    };
    let result = match message {
        Some(m) => Err(m),
        None => when
            .ends_in(selector.unit.as_ref())
            .map_err(|e| e.to_string()),
    };
    match result {
        Ok(ends) => Some(ends),
        Err(message) => {
            c.fault_at(Severity::Error, path.to_owned(), message, steps);
            None
        }
    }
}

fn direction_warning(
    c: &mut Checker<'_>,
    path: &str,
    d: Direction,
    limit: &Limit,
    text: &str,
    steps: &[&str],
) {
    let suspicious = match d {
        Direction::HigherIsBetter => limit.lower().is_none(),
        Direction::LowerIsBetter => limit.upper().is_none(),
        _ => false,
    };
    if suspicious {
        c.fault_at(
            Severity::Warning,
            path.to_owned(),
            format!(
                "limit \"{text}\" has no {} end but the indicator is {d}",
                if d == Direction::HigherIsBetter {
                    "lower"
                } else {
                    "upper"
                }
            ),
            steps,
        );
    }
}

type ReadLimit<'r> =
    dyn Fn(&mut Checker<'_>, String, &str, Option<&str>) -> Option<(Limit, Option<Ends>)> + 'r;

/// Grades are listed best first: each grade's conforming set lies inside the next one's.
/// Returns the grades' sets in the indicator's unit when every grade reads and is in order.
fn check_grades(
    c: &mut Checker<'_>,
    base: &str,
    grades: &[Grade],
    anchor: Option<&str>,
    after: Option<&str>,
    read_limit: &ReadLimit<'_>,
) -> Option<Vec<Ends>> {
    let mut table = Some(Vec::with_capacity(grades.len()));
    let mut previous: Option<(usize, Ends)> = None;
    for (g, grade) in grades.iter().enumerate() {
        let path = format!("{base}[{g}].limit");
        let Some((limit, ends)) = read_limit(c, path.clone(), &grade.limit, after) else {
            previous = None;
            table = None;
            continue;
        };
        match (&mut table, ends) {
            (Some(t), Some(e)) => t.push(e),
            _ => table = None,
        }
        // Units that do not read leave the limits as written.
        let ends = ends.unwrap_or((limit.lower(), limit.upper()));
        let needle = quoted(&grade.limit);
        let steps: Vec<&str> = [anchor, c.section, after, Some(&needle)]
            .into_iter()
            .flatten()
            .collect();
        if let Some((p, prev)) = &previous {
            if !ends_inside(prev, &ends) {
                c.fault_at(
                    Severity::Error,
                    path,
                    format!(
                        "grades go from best to worst, so \"{}\" must hold every value of grade {p} \"{}\"",
                        grade.limit, grades.get(*p).map(|x| x.limit.as_str()).unwrap_or_default()
                    ),
                    &steps,
                );
                table = None;
            } else if ends_inside(&ends, prev) {
                c.fault_at(
                    Severity::Error,
                    path,
                    format!("grade {g} has the same limit as grade {p}: grades must differ"),
                    &steps,
                );
                table = None;
            }
        }
        previous = Some((g, ends));
    }
    table
}
