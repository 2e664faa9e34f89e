//! The differential oracle's generator and checks, shared by `tests/differential.rs` and the
//! fuzz target `fuzz/fuzz_targets/differential.rs` (which includes this file with `#[path]`).
//!
//! A small deterministic PRNG (seeded, or driven by a fuzzer's bytes) builds a random plan as
//! TOML text, read with `Plan::from_toml_str`, and random products for it. The checks compare
//! the fast path (`Engine::classifier`) with the exact path (`Engine::evaluate`) wherever the
//! fast path accepts the plan and the product, and check laws of the exact path: the order of
//! the indicators and standards, the order of the products' columns, the unit a value (or the
//! indicator) is written in, and rounded-value judgement of values already on the rounding
//! grid. Only the crate's public API and plan text are used.
//!
//! Each disagreement has a *kind* (a stable one-line description, free of ids and numbers)
//! and a detail; the driver groups them by kind and shrinks one case per kind.
#![allow(dead_code)]

use std::fmt::Write as _;

use duibiao::engine::{Classifier, FastOutcome};
use duibiao::verdict::{Class, IndicatorVerdict, Outcome, Verdict};
use duibiao::{convert_difference, convert_value, Engine, Limit, Plan, Product, Unit};
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------------------------
// KNOWN: feature switches. `false` leaves out a feature whose disagreement is a known finding
// (shared/findings/wrong-answers-2026-12.md); turn it on once the engine is fixed.
// ---------------------------------------------------------------------------------------------

/// Finding 1: a blank value for a core or basic indicator that no benchmark states (the fast
/// path leaves it out, the exact path calls it missing and so a gap).
pub const GEN_MISSING_UNSTATED: bool = true;
/// Findings 2 and 3: rounded-value indicators with a requirement or grade limit written in
/// another unit than the indicator (margins and grades computed in the limit's unit).
pub const GEN_ROUNDED_VALUE_OTHER_UNIT: bool = true;
/// Extra product columns that name no indicator holding text that is no value (`备注`,
/// `送检样品`). On: finding 5 is not one of 1-3.
pub const GEN_EXTRA_COLUMN_TEXT: bool = true;
/// Requirement keys written in variant spellings of the standard number (`GB/T31—2020`).
pub const GEN_CODE_VARIANTS: bool = true;
/// Compare `FastOutcome::compared` with the verdict's `compared` for qualitative indicators.
pub const CMP_QUALITATIVE_COMPARED: bool = true;

// ---------------------------------------------------------------------------------------------
// The PRNG.
// ---------------------------------------------------------------------------------------------

/// SplitMix64, or a fuzzer's bytes (one byte mixed into each draw; SplitMix64 once they run
/// out), so that every case is replayable from its seed or its bytes.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
    bytes: Vec<u8>,
    at: usize,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng {
            state: seed ^ 0x9E37_79B9_7F4A_7C15,
            bytes: Vec::new(),
            at: 0,
        }
    }

    pub fn from_bytes(data: &[u8]) -> Rng {
        Rng {
            state: 0x2545_F491_4F6C_DD1D,
            bytes: data.to_vec(),
            at: 0,
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        if let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            // The byte decides the draw; the state only spreads it.
            self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            return u64::from(b).wrapping_mul(0x0101_0101_0101_0101) ^ (self.state >> 40);
        }
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0 ≤ r < n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// lo ≤ r ≤ hi.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability p percent.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A generator of its own for one named part (an indicator), so that the draws for one
    /// part do not shift when another part is left out (the shrinker relies on it).
    pub fn fork(&mut self, name: &str) -> Rng {
        let base = self.next_u64();
        let h = name.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
        });
        Rng::new(base ^ h)
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }

    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            xs.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The plan model the generator writes as TOML.
// ---------------------------------------------------------------------------------------------

/// Units of one quantity whose factors are powers of ten (conversions are exact both ways),
/// most of them SI-prefixed; and the temperature differences ([`TEMPERATURE`]).
const FAMILIES: &[&[&str]] = &[
    &["L", "mL"],
    &["mW", "W", "kW"],
    &["MPa", "N/mm²", "kPa"],
    &["mm", "m", "cm", "km"],
    &["kg", "g", "mg"],
    &["µg/m³", "mg/m³"],
    &["lm/W"],
    &[], // dimensionless, no unit at all
    &["K", "°C", "°F"],
];

/// The index in [`FAMILIES`] of the temperatures: an indicator of this family is of kind
/// `temperature-difference` (every limit, value and uncertainty a difference). Its unit is K or
/// °C (a difference in either is the same number); limits and values may be written in °F
/// (× 1.8, exact), and a value is converted out of °F only where the result is exact.
pub const TEMPERATURE: usize = 8;

/// How an indicator of temperature differences writes its kind: the reserved value or the
/// Chinese terms that mean the same.
const DIFFERENCE_KINDS: &[&str] = &[
    "temperature-difference",
    "temperature-difference",
    "温升",
    "温差",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Higher,
    Lower,
    Nominal,
    Qualitative,
}

impl Dir {
    fn as_str(self) -> &'static str {
        match self {
            Dir::Higher => "higher-is-better",
            Dir::Lower => "lower-is-better",
            Dir::Nominal => "nominal-is-best",
            Dir::Qualitative => "qualitative",
        }
    }
}

/// A limit's form; numbers are in the limit's own unit.
#[derive(Clone, Debug, PartialEq)]
pub enum Form {
    AtLeast {
        a: Decimal,
        open: bool,
        style: u8,
    },
    AtMost {
        a: Decimal,
        open: bool,
        style: u8,
    },
    Range {
        lo: Decimal,
        hi: Decimal,
        lo_open: bool,
        hi_open: bool,
    },
    Dev {
        nominal: Decimal,
        plus: Decimal,
        minus: Decimal,
    },
    DevOnly {
        b: Decimal,
    },
    /// `A(1 ± p%) U`, or `A U ± p %` when `unit_first`.
    Rel {
        nominal: Decimal,
        pct: Decimal,
        unit_first: bool,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct GenLimit {
    pub form: Form,
    /// Written unit; `None`: in the indicator's unit.
    pub unit: Option<&'static str>,
}

impl GenLimit {
    pub fn text(&self) -> String {
        let u = self.unit.map(|u| format!(" {u}")).unwrap_or_default();
        match &self.form {
            // GB/T 8170-2008 4.2.1 表1 wordings and the table forms with the boundary named.
            Form::AtLeast { a, open, style } => match (open, style % 6) {
                (false, 0) => format!("≥ {a}{u}"),
                (false, 1) => format!(">= {a}{u}"),
                (false, 2) => format!("不小于 {a}{u}"),
                (false, 3) => format!("大于或等于{a}{u}"),
                (false, 4) => format!("{a}{u}以上(含{a})"),
                (false, _) => format!("{a}{u}或以上"),
                (true, 0) | (true, 1) => format!("> {a}{u}"),
                (true, 2) => format!("大于 {a}{u}"),
                (true, 3) => format!("多于{a}{u}"),
                (true, 4) => format!("{a}{u}以上(不含{a})"),
                (true, _) => format!("超过{a}{u}"),
            },
            Form::AtMost { a, open, style } => match (open, style % 6) {
                (false, 0) => format!("≤ {a}{u}"),
                (false, 1) => format!("<= {a}{u}"),
                (false, 2) => format!("不大于 {a}{u}"),
                (false, 3) => format!("小于或等于{a}{u}"),
                (false, 4) => format!("{a}{u}以下(含{a})"),
                (false, _) => format!("{a}{u}或以下"),
                (true, 0) | (true, 1) => format!("< {a}{u}"),
                (true, 2) => format!("小于 {a}{u}"),
                (true, 3) => format!("少于{a}{u}"),
                (true, 4) => format!("{a}{u}以下(不含{a})"),
                (true, _) => format!("低于{a}{u}"),
            },
            // GB/T 8170-2008 4.2.2 表2: symbols, the symbol form with X, and the Chinese terms.
            Form::Range {
                lo,
                hi,
                lo_open,
                hi_open,
            } => match lo.mantissa().unsigned_abs() % 3 {
                0 => format!(
                    "{}{lo} ~ {}{hi}{u}",
                    if *lo_open { ">" } else { "" },
                    if *hi_open { "<" } else { "" }
                ),
                1 => format!(
                    "{lo}{u} {} X {} {hi}{u}",
                    if *lo_open { "<" } else { "≤" },
                    if *hi_open { "<" } else { "≤" }
                ),
                _ => match (lo_open, hi_open) {
                    (false, false) => format!("大于或等于{lo}{u}且小于或等于{hi}{u}"),
                    (true, false) => format!("超过{lo}到{hi}{u}"),
                    (false, true) => format!("至少{lo}不足{hi}{u}"),
                    (true, true) => format!("超过{lo}不足{hi}{u}"),
                },
            },
            Form::Dev {
                nominal,
                plus,
                minus,
            } => {
                if plus == minus {
                    format!("{nominal} ± {plus}{u}")
                } else {
                    format!("{nominal} +{plus} -{minus}{u}")
                }
            }
            Form::DevOnly { b } => format!("± {b}{u}"),
            Form::Rel {
                nominal,
                pct,
                unit_first,
            } => match (self.unit, unit_first) {
                (Some(unit), true) => format!("{nominal} {unit} ± {pct} %"),
                // A relative deviation on a bare nominal (GB/T 8170-2008 4.2.3).
                (None, true) => format!("{nominal} ± {pct} %"),
                _ => format!("{nominal}(1 ± {pct}%){u}"),
            },
        }
    }

    /// The bounds (value, closed) as the crate reads them, in the written unit, with the
    /// written interval.
    pub fn parsed(&self) -> Option<Limit> {
        self.text().parse::<Limit>().ok()
    }
}

#[derive(Clone, Debug)]
pub struct GenStd {
    /// Canonical number.
    pub code: String,
    /// A variant spelling that reads to the same number.
    pub variant: Option<&'static str>,
    /// Requirement keys use the variant.
    pub use_variant: bool,
    pub role: &'static str,
}

impl GenStd {
    pub fn key(&self) -> &str {
        match (self.use_variant, self.variant) {
            (true, Some(v)) => v,
            _ => &self.code,
        }
    }
}

#[derive(Clone, Debug)]
pub struct GenBand {
    pub when: GenLimit,
    pub grades: Vec<GenLimit>,
    /// The band's own requirements (standard index, limit): standards the indicator does not
    /// state once for every band.
    pub requirements: Vec<(usize, GenLimit)>,
    /// For a band chosen by a declared attribute: its value (`when` is then unused).
    pub value: Option<String>,
}

impl GenBand {
    /// The `when` text: the attribute's value, or the condition on the selector.
    pub fn when_text(&self) -> String {
        self.value.clone().unwrap_or_else(|| self.when.text())
    }
}

#[derive(Clone, Debug)]
pub struct GenInd {
    pub id: String,
    pub family: usize,
    pub unit: Option<&'static str>,
    pub dir: Dir,
    pub class: &'static str,
    pub weight: Option<&'static str>,
    pub rounded: bool,
    pub interval: Option<Decimal>,
    pub rule: Option<(&'static str, Option<&'static str>)>,
    /// Absolute tolerance in the indicator's unit, or a relative one in percent.
    pub tolerance: Option<(Decimal, bool)>,
    /// (standard index, limit)
    pub requirements: Vec<(usize, GenLimit)>,
    pub grades: Vec<GenLimit>,
    /// (selector indicator id, bands)
    pub bands: Option<(String, Vec<GenBand>)>,
    pub deviation_only: bool,
    /// `kind = …` on an indicator of temperature differences ([`TEMPERATURE`]).
    pub kind: Option<&'static str>,
    /// A benchmark requirement written as a class of `grades`: (standard index, grade index).
    /// The requirement's limit is the one the class stands for, so every law reads it as the
    /// limit; the plan text names the class.
    pub class_req: Option<(usize, usize)>,
    /// The base value and step the limits were drawn around, in the indicator's unit.
    pub base: Decimal,
    pub step: Decimal,
}

impl GenInd {
    /// The grade standard `k`'s requirement names, when written as a class.
    pub fn named_class(&self, k: usize) -> Option<usize> {
        match self.class_req {
            Some((s, g)) if s == k && g < self.grades.len() && self.bands.is_none() => Some(g),
            _ => None,
        }
    }

    pub fn stated_by_benchmark(&self, plan: &GenPlan) -> bool {
        self.all_requirements()
            .any(|(s, _)| plan.standards[*s].role == "benchmark")
    }

    /// The requirements stated once for the indicator and those of its bands.
    pub fn all_requirements(&self) -> impl Iterator<Item = &(usize, GenLimit)> {
        self.requirements.iter().chain(
            self.bands
                .iter()
                .flat_map(|(_, bs)| bs.iter().flat_map(|b| b.requirements.iter())),
        )
    }

    /// Every limit of the indicator: requirements, grades, bands' grades.
    pub fn limits(&self) -> Vec<&GenLimit> {
        let mut v: Vec<&GenLimit> = self.requirements.iter().map(|(_, l)| l).collect();
        v.extend(self.grades.iter());
        if let Some((_, bands)) = &self.bands {
            for b in bands {
                v.extend(b.grades.iter());
                v.extend(b.requirements.iter().map(|(_, l)| l));
            }
        }
        v
    }

    /// Whether the indicator's numbers convert as differences: a deviation without nominal,
    /// or an indicator of temperature differences.
    pub fn differences(&self) -> bool {
        self.deviation_only || self.kind.is_some()
    }

    pub fn other_unit_limits(&self) -> bool {
        self.limits()
            .iter()
            .any(|l| l.unit.is_some() && l.unit != self.unit)
    }
}

#[derive(Clone, Debug, Default)]
pub struct GenPolicy {
    pub share: Option<&'static str>,
    pub min_exceeding: Option<u32>,
    pub ignore_missing: bool,
    /// Leaders by tier (`policy.leader`): the tier's index among the grades (named `g1`, `g2`,
    /// …) and `on`.
    pub tier: Option<(usize, GenOn)>,
    /// `unstated = "leave-out"`.
    pub leave_out: bool,
}

/// `policy.leader.on` as written: left out (the default, all), `"all"`, or k.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenOn {
    Default,
    All,
    AtLeast(u32),
}

impl GenPolicy {
    /// Whether any field is set (a `[policy]` table is written).
    pub fn is_set(&self) -> bool {
        self.share.is_some()
            || self.min_exceeding.is_some()
            || self.ignore_missing
            || self.tier.is_some()
            || self.leave_out
    }

    /// `policy.leader` as a TOML inline table or JSON object.
    fn leader(&self, json: bool) -> Option<String> {
        let (t, on) = self.tier?;
        let (q, eq) = if json { ("\"", ": ") } else { ("", " = ") };
        let mut fields = vec![format!("{q}tier{q}{eq}\"g{}\"", t + 1)];
        match on {
            GenOn::Default => {}
            GenOn::All => fields.push(format!("{q}on{q}{eq}\"all\"")),
            GenOn::AtLeast(k) => fields.push(format!("{q}on{q}{eq}{k}")),
        }
        Some(format!("{{ {} }}", fields.join(", ")))
    }
}

#[derive(Clone, Debug)]
pub struct GenPlan {
    pub standards: Vec<GenStd>,
    pub indicators: Vec<GenInd>,
    pub policy: GenPolicy,
    /// Declared attributes: (id, values).
    pub attributes: Vec<(String, Vec<String>)>,
}

fn toml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn grades_toml(grades: &[GenLimit]) -> String {
    let items: Vec<String> = grades
        .iter()
        .enumerate()
        .map(|(k, g)| {
            format!(
                "{{ name = {{ en = \"g{}\" }}, limit = {} }}",
                k + 1,
                toml_str(&g.text())
            )
        })
        .collect();
    format!("[{}]", items.join(", "))
}

impl GenPlan {
    pub fn to_toml(&self) -> String {
        let mut s = String::from("schema_version = 1\ncategory = { en = \"oracle\" }\n");
        for (id, values) in &self.attributes {
            let vs: Vec<String> = values
                .iter()
                .map(|v| format!("{{ id = {} }}", toml_str(v)))
                .collect();
            let _ = write!(
                s,
                "\n[[attributes]]\nid = {}\nvalues = [{}]\n",
                toml_str(id),
                vs.join(", ")
            );
        }
        for st in &self.standards {
            let _ = write!(
                s,
                "\n[[standards]]\ncode = {}\nrole = \"{}\"\n",
                toml_str(&st.code),
                st.role
            );
        }
        for ind in &self.indicators {
            let _ = write!(
                s,
                "\n[[indicators]]\nid = {}\ndirection = \"{}\"\n",
                toml_str(&ind.id),
                ind.dir.as_str()
            );
            if let Some(u) = ind.unit {
                let _ = writeln!(s, "unit = {}", toml_str(u));
            }
            if let Some(kind) = ind.kind {
                let _ = writeln!(s, "kind = {}", toml_str(kind));
            }
            let _ = writeln!(s, "class = \"{}\"", ind.class);
            if let Some(w) = ind.weight {
                let _ = writeln!(s, "weight = \"{w}\"");
            }
            if ind.rounded {
                s.push_str("judgement = \"rounded-value\"\n");
            }
            if let Some(i) = ind.interval {
                let _ = writeln!(s, "interval = \"{i}\"");
            }
            match ind.rule {
                Some((kind, Some(r))) => {
                    let _ = writeln!(s, "decision-rule = {{ kind = \"{kind}\", r = \"{r}\" }}");
                }
                Some((kind, None)) => {
                    let _ = writeln!(s, "decision-rule = {{ kind = \"{kind}\" }}");
                }
                None => {}
            }
            match ind.tolerance {
                Some((t, false)) => {
                    let _ = writeln!(s, "tolerance = \"{t}\"");
                }
                Some((t, true)) => {
                    let _ = writeln!(s, "tolerance = \"{t} %\"");
                }
                None => {}
            }
            if !ind.requirements.is_empty() {
                let items: Vec<String> = ind
                    .requirements
                    .iter()
                    .map(|(k, l)| match ind.named_class(*k) {
                        Some(g) => format!(
                            "{} = {{ class = \"g{}\" }}",
                            toml_str(self.standards[*k].key()),
                            g + 1
                        ),
                        None => format!(
                            "{} = {}",
                            toml_str(self.standards[*k].key()),
                            toml_str(&l.text())
                        ),
                    })
                    .collect();
                let _ = writeln!(s, "requirements = {{ {} }}", items.join(", "));
            }
            if !ind.grades.is_empty() {
                let _ = writeln!(s, "grades = {}", grades_toml(&ind.grades));
            }
            if let Some((by, bands)) = &ind.bands {
                let _ = write!(s, "[indicators.bands]\nby = {}\n", toml_str(by));
                for b in bands {
                    let _ = write!(
                        s,
                        "[[indicators.bands.bands]]\nwhen = {}\n",
                        toml_str(&b.when_text())
                    );
                    if !b.grades.is_empty() {
                        let _ = writeln!(s, "grades = {}", grades_toml(&b.grades));
                    }
                    if !b.requirements.is_empty() {
                        let items: Vec<String> = b
                            .requirements
                            .iter()
                            .map(|(k, l)| {
                                format!(
                                    "{} = {}",
                                    toml_str(self.standards[*k].key()),
                                    toml_str(&l.text())
                                )
                            })
                            .collect();
                        let _ = writeln!(s, "requirements = {{ {} }}", items.join(", "));
                    }
                }
            }
        }
        let p = &self.policy;
        if p.is_set() {
            s.push_str("\n[policy]\n");
            if let Some(leader) = p.leader(false) {
                let _ = writeln!(s, "leader = {leader}");
            }
            if p.leave_out {
                s.push_str("unstated = \"leave-out\"\n");
            }
            if let Some(sh) = p.share {
                let _ = writeln!(s, "leader-share = \"{sh}\"");
            }
            if let Some(n) = p.min_exceeding {
                let _ = writeln!(s, "leader-min-exceeding = {n}");
            }
            if p.ignore_missing {
                s.push_str("missing = \"ignore\"\n");
            }
        }
        s
    }

    /// The same plan as JSON text.
    pub fn to_json(&self) -> String {
        let grades = |gs: &[GenLimit]| -> String {
            let items: Vec<String> = gs
                .iter()
                .enumerate()
                .map(|(k, g)| {
                    format!(
                        "{{\"name\": {{\"en\": \"g{}\"}}, \"limit\": {}}}",
                        k + 1,
                        toml_str(&g.text())
                    )
                })
                .collect();
            format!("[{}]", items.join(", "))
        };
        let standards: Vec<String> = self
            .standards
            .iter()
            .map(|st| {
                format!(
                    "{{\"code\": {}, \"role\": \"{}\"}}",
                    toml_str(&st.code),
                    st.role
                )
            })
            .collect();
        let mut inds = Vec::new();
        for ind in &self.indicators {
            let mut f = vec![
                format!("\"id\": {}", toml_str(&ind.id)),
                format!("\"direction\": \"{}\"", ind.dir.as_str()),
                format!("\"class\": \"{}\"", ind.class),
            ];
            if let Some(u) = ind.unit {
                f.push(format!("\"unit\": {}", toml_str(u)));
            }
            if let Some(kind) = ind.kind {
                f.push(format!("\"kind\": {}", toml_str(kind)));
            }
            if let Some(w) = ind.weight {
                f.push(format!("\"weight\": \"{w}\""));
            }
            if ind.rounded {
                f.push("\"judgement\": \"rounded-value\"".into());
            }
            if let Some(i) = ind.interval {
                f.push(format!("\"interval\": \"{i}\""));
            }
            if let Some((kind, r)) = ind.rule {
                f.push(match r {
                    Some(r) => {
                        format!("\"decision-rule\": {{\"kind\": \"{kind}\", \"r\": \"{r}\"}}")
                    }
                    None => format!("\"decision-rule\": {{\"kind\": \"{kind}\"}}"),
                });
            }
            match ind.tolerance {
                Some((t, false)) => f.push(format!("\"tolerance\": \"{t}\"")),
                Some((t, true)) => f.push(format!("\"tolerance\": \"{t} %\"")),
                None => {}
            }
            if !ind.requirements.is_empty() {
                let items: Vec<String> = ind
                    .requirements
                    .iter()
                    .map(|(k, l)| match ind.named_class(*k) {
                        Some(g) => format!(
                            "{}: {{\"class\": \"g{}\"}}",
                            toml_str(self.standards[*k].key()),
                            g + 1
                        ),
                        None => format!(
                            "{}: {}",
                            toml_str(self.standards[*k].key()),
                            toml_str(&l.text())
                        ),
                    })
                    .collect();
                f.push(format!("\"requirements\": {{{}}}", items.join(", ")));
            }
            if !ind.grades.is_empty() {
                f.push(format!("\"grades\": {}", grades(&ind.grades)));
            }
            if let Some((by, bands)) = &ind.bands {
                let bs: Vec<String> = bands
                    .iter()
                    .map(|b| {
                        let mut f = vec![format!("\"when\": {}", toml_str(&b.when_text()))];
                        if !b.grades.is_empty() {
                            f.push(format!("\"grades\": {}", grades(&b.grades)));
                        }
                        if !b.requirements.is_empty() {
                            let items: Vec<String> = b
                                .requirements
                                .iter()
                                .map(|(k, l)| {
                                    format!(
                                        "{}: {}",
                                        toml_str(self.standards[*k].key()),
                                        toml_str(&l.text())
                                    )
                                })
                                .collect();
                            f.push(format!("\"requirements\": {{{}}}", items.join(", ")));
                        }
                        format!("{{{}}}", f.join(", "))
                    })
                    .collect();
                f.push(format!(
                    "\"bands\": {{\"by\": {}, \"bands\": [{}]}}",
                    toml_str(by),
                    bs.join(", ")
                ));
            }
            inds.push(format!("{{{}}}", f.join(", ")));
        }
        let p = &self.policy;
        let mut pol = Vec::new();
        if let Some(sh) = p.share {
            pol.push(format!("\"leader-share\": \"{sh}\""));
        }
        if let Some(n) = p.min_exceeding {
            pol.push(format!("\"leader-min-exceeding\": {n}"));
        }
        if p.ignore_missing {
            pol.push("\"missing\": \"ignore\"".into());
        }
        if let Some(leader) = p.leader(true) {
            pol.push(format!("\"leader\": {leader}"));
        }
        if p.leave_out {
            pol.push("\"unstated\": \"leave-out\"".into());
        }
        let attributes: Vec<String> = self
            .attributes
            .iter()
            .map(|(id, values)| {
                let vs: Vec<String> = values
                    .iter()
                    .map(|v| format!("{{\"id\": {}}}", toml_str(v)))
                    .collect();
                format!(
                    "{{\"id\": {}, \"values\": [{}]}}",
                    toml_str(id),
                    vs.join(", ")
                )
            })
            .collect();
        format!(
            "{{\"schema_version\": 1, \"category\": {{\"en\": \"oracle\"}}, \"attributes\": [{}], \"standards\": [{}], \"indicators\": [{}], \"policy\": {{{}}}}}",
            attributes.join(", "),
            standards.join(", "),
            inds.join(", "),
            pol.join(", ")
        )
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }

    fn is_selector(&self, id: &str) -> bool {
        self.indicators
            .iter()
            .any(|i| i.bands.as_ref().is_some_and(|(by, _)| by == id))
    }
}

// ---------------------------------------------------------------------------------------------
// Generating plans.
// ---------------------------------------------------------------------------------------------

/// The unit of a symbol of [`FAMILIES`], parsed once.
pub fn unit(text: &str) -> Unit {
    static UNITS: std::sync::OnceLock<Vec<(&'static str, Unit)>> = std::sync::OnceLock::new();
    let table = UNITS.get_or_init(|| {
        FAMILIES
            .iter()
            .flat_map(|f| f.iter())
            .map(|u| (*u, u.parse().expect("a unit of the generator's table")))
            .collect()
    });
    match table.iter().find(|(t, _)| *t == text) {
        Some((_, u)) => u.clone(),
        None => text.parse().expect("a unit"),
    }
}

/// `x` (in `from`) in `to`, exactly; as a difference for deviations.
pub fn conv(x: Decimal, from: &str, to: &str, difference: bool) -> Decimal {
    if from == to {
        return x;
    }
    let (f, t) = (unit(from), unit(to));
    let r = if difference {
        convert_difference(x, &f, &t)
    } else {
        convert_value(x, &f, &t)
    };
    r.expect("power-of-ten conversions are exact").normalize()
}

/// `x` (in `from`) in `to` when the conversion is exact (it converts back to `x`): always
/// within a power-of-ten family, from °F only for some numbers.
pub fn conv_exact(x: Decimal, from: &str, to: &str, difference: bool) -> Option<Decimal> {
    let go = |x: Decimal, from: &str, to: &str| -> Option<Decimal> {
        if from == to {
            return Some(x.normalize());
        }
        let (f, t) = (unit(from), unit(to));
        let r = if difference {
            convert_difference(x, &f, &t)
        } else {
            convert_value(x, &f, &t)
        };
        r.ok().map(|y| y.normalize())
    };
    let y = go(x, from, to)?;
    (go(y, to, from)? == x.normalize()).then_some(y)
}

fn pow10(e: i32) -> Decimal {
    if e >= 0 {
        Decimal::from(10i64.pow(e as u32))
    } else {
        Decimal::new(1, (-e) as u32)
    }
}

/// A number written with at least its own digits, sometimes one trailing zero more.
fn written(rng: &mut Rng, x: Decimal) -> Decimal {
    let mut n = x.normalize();
    if rng.chance(20) && n.scale() < 6 {
        n.rescale(n.scale() + 1);
    }
    n
}

/// The unit a limit is written in: the indicator's (explicit or left out) or another of the
/// family.
fn limit_unit(
    rng: &mut Rng,
    ind_unit: Option<&'static str>,
    family: usize,
    other_ok: bool,
) -> Option<&'static str> {
    let units = FAMILIES[family];
    let u = ind_unit?;
    let roll = rng.below(100);
    if roll < 25 {
        None
    } else if roll < 70 || !other_ok || units.len() < 2 {
        Some(u)
    } else {
        Some(*rng.pick(units))
    }
}

/// Writes a limit whose numbers are given in the indicator's unit into `lu`.
fn in_unit(
    rng: &mut Rng,
    form: Form,
    ind_unit: Option<&'static str>,
    lu: Option<&'static str>,
    difference: bool,
) -> GenLimit {
    let c = |rng: &mut Rng, x: Decimal, diff: bool| -> Decimal {
        match (ind_unit, lu) {
            (Some(a), Some(b)) => written(rng, conv(x, a, b, diff)),
            _ => written(rng, x),
        }
    };
    let form = match form {
        Form::AtLeast { a, open, style } => Form::AtLeast {
            a: c(rng, a, difference),
            open,
            style,
        },
        Form::AtMost { a, open, style } => Form::AtMost {
            a: c(rng, a, difference),
            open,
            style,
        },
        Form::Range {
            lo,
            hi,
            lo_open,
            hi_open,
        } => Form::Range {
            lo: c(rng, lo, difference),
            hi: c(rng, hi, difference),
            lo_open,
            hi_open,
        },
        Form::Dev {
            nominal,
            plus,
            minus,
        } => {
            let plus = c(rng, plus, true);
            let minus = if plus == minus {
                plus
            } else {
                c(rng, minus, true)
            };
            Form::Dev {
                nominal: c(rng, nominal, difference),
                plus,
                minus,
            }
        }
        Form::DevOnly { b } => Form::DevOnly { b: c(rng, b, true) },
        Form::Rel {
            nominal,
            pct,
            unit_first,
        } => Form::Rel {
            nominal: c(rng, nominal, difference),
            pct,
            unit_first,
        },
    };
    GenLimit { form, unit: lu }
}

const CLASSES: &[&str] = &["core", "core", "core", "basic", "basic", "innovation"];
const WEIGHTS: &[Option<&str>] = &[
    None,
    None,
    None,
    Some("2"),
    Some("0.5"),
    Some("1.5"),
    Some("3"),
];
const SHARES: &[&str] = &["0.3", "0.25", "0.75", "1", "0.5", "0.6"];
/// Decision rules: (kind, r).
const RULES: &[(&str, Option<&str>)] = &[
    ("guarded-acceptance", Some("1")),
    ("guarded-rejection", None),
    ("non-binary", Some("0.83")),
    ("simple", None),
];

/// The form of one requirement or grade, numbers in the indicator's unit.
/// `k` orders requirements (0 = the base); for nominal-is-best, (a, b) are the half-widths in
/// steps below and above the centre.
fn one_sided(rng: &mut Rng, dir: Dir, at: Decimal, open_percent: u64) -> Form {
    let open = rng.chance(open_percent);
    let style = rng.below(6) as u8;
    let style = if rng.chance(70) { 0 } else { style };
    match dir {
        Dir::Higher => Form::AtLeast { a: at, open, style },
        _ => Form::AtMost { a: at, open, style },
    }
}

fn nominal_form(
    rng: &mut Rng,
    c: Decimal,
    s: Decimal,
    a: i64,
    b: i64,
    deviation_only: bool,
    grade: bool,
) -> Form {
    let lo = Decimal::from(a) * s;
    let hi = Decimal::from(b) * s;
    if deviation_only {
        return Form::DevOnly { b: lo.max(hi) };
    }
    match rng.below(if grade { 3 } else { 5 }) {
        0 => Form::Range {
            lo: c - lo,
            hi: c + hi,
            lo_open: rng.chance(20),
            hi_open: rng.chance(20),
        },
        1 => Form::Dev {
            nominal: c,
            plus: hi,
            minus: hi,
        },
        2 => Form::Dev {
            nominal: c,
            plus: hi,
            minus: lo,
        },
        _ => Form::Rel {
            nominal: c,
            pct: *rng.pick(&[
                Decimal::ONE,
                Decimal::TWO,
                Decimal::from(3),
                Decimal::from(5),
                Decimal::new(25, 1),
            ]),
            unit_first: rng.chance(50),
        },
    }
}

fn gen_indicator(
    rng: &mut Rng,
    k: usize,
    nstd: &[usize; 3],
    subject: Option<usize>,
    reference: Option<usize>,
) -> GenInd {
    let dir = match rng.below(100) {
        0..=29 => Dir::Lower,
        30..=59 => Dir::Higher,
        60..=84 => Dir::Nominal,
        _ => Dir::Qualitative,
    };
    let family = rng.below(FAMILIES.len() as u64) as usize;
    let unit = FAMILIES[family]
        .first()
        .copied()
        .map(|_| {
            if family == TEMPERATURE {
                *rng.pick(&["K", "°C"])
            } else {
                *rng.pick(FAMILIES[family])
            }
        })
        .filter(|_| dir != Dir::Qualitative);
    let class = if dir == Dir::Qualitative {
        *rng.pick(&["basic", "basic", "core", "innovation"])
    } else {
        *rng.pick(CLASSES)
    };
    let mut ind = GenInd {
        id: format!("i{k}"),
        family,
        unit,
        dir,
        class,
        weight: *rng.pick(WEIGHTS),
        rounded: false,
        interval: None,
        rule: None,
        tolerance: None,
        requirements: Vec::new(),
        grades: Vec::new(),
        bands: None,
        deviation_only: false,
        kind: (family == TEMPERATURE && dir != Dir::Qualitative)
            .then(|| *rng.pick(DIFFERENCE_KINDS)),
        class_req: None,
        base: Decimal::ZERO,
        step: Decimal::ONE,
    };
    if dir == Dir::Qualitative {
        return ind;
    }
    let d = rng.range(0, 3) as u32;
    let s = Decimal::new(1, d);
    let base = Decimal::new(rng.range(200, 9999), d);
    ind.base = base;
    ind.step = s;
    ind.deviation_only = dir == Dir::Nominal && unit.is_some() && rng.chance(12);
    let centre = if ind.deviation_only {
        Decimal::ZERO
    } else {
        base
    };
    ind.rounded = rng.chance(18);
    if ind.rounded && rng.chance(40) {
        let k = *rng.pick(&[1i64, 2, 5]);
        ind.interval = Some(Decimal::from(k) * pow10(-(d as i32) + rng.range(-1, 1) as i32));
    }
    if rng.chance(10) {
        ind.rule = Some(*rng.pick(RULES));
    }
    if rng.chance(22) {
        ind.tolerance = Some(if rng.chance(35) {
            (
                *rng.pick(&[Decimal::ONE, Decimal::TWO, Decimal::new(5, 1)]),
                true,
            )
        } else {
            (Decimal::from(rng.range(0, 5)) * s, false)
        });
    }
    // Rounded-value judgement rounds a value in its limit's unit: a limit in °F on a K or °C
    // indicator would need a value's conversion back into °F, rounded (1/1.8 does not
    // terminate), and the exact path refuses it as inexact.
    let other_ok = other_unit_ok(&ind);
    let diff = ind.differences();
    // Requirements: the benchmarks (each states it or not), the subject, a reference.
    let (b0, nb) = (nstd[0], nstd[1]);
    let stated = rng.chance(85);
    for sidx in b0..b0 + nb {
        if !stated || rng.chance(25) {
            continue;
        }
        let form = match dir {
            Dir::Nominal => {
                let (a, b) = (rng.range(3, 30), rng.range(3, 30));
                nominal_form(rng, centre, s, a, b, ind.deviation_only, false)
            }
            _ if rng.chance(10) => {
                // A range on a one-sided indicator: incomparable with the one-sided ones.
                let (lo, hi) = match dir {
                    Dir::Higher => (
                        base - Decimal::from(rng.range(0, 4)) * s,
                        base + Decimal::from(rng.range(30, 60)) * s,
                    ),
                    _ => (
                        base - Decimal::from(rng.range(30, 60)) * s,
                        base + Decimal::from(rng.range(0, 4)) * s,
                    ),
                };
                Form::Range {
                    lo,
                    hi,
                    lo_open: rng.chance(25),
                    hi_open: rng.chance(25),
                }
            }
            _ => {
                let r = Decimal::from(rng.range(0, 4)) * s;
                let at = if dir == Dir::Higher {
                    base - r
                } else {
                    base + r
                };
                one_sided(rng, dir, at, 30)
            }
        };
        let lu = limit_unit(rng, unit, family, other_ok);
        ind.requirements
            .push((sidx, in_unit(rng, form, unit, lu, diff)));
    }
    for (sidx, p) in [(subject, 70u64), (reference, 20)] {
        let Some(sidx) = sidx else { continue };
        if !rng.chance(p) {
            continue;
        }
        let form = match dir {
            Dir::Nominal => {
                let (a, b) = (rng.range(2, 30), rng.range(2, 30));
                nominal_form(rng, centre, s, a, b, ind.deviation_only, false)
            }
            _ => {
                let r = Decimal::from(rng.range(-3, 4)) * s;
                let at = if dir == Dir::Higher {
                    base - r
                } else {
                    base + r
                };
                one_sided(rng, dir, at, 30)
            }
        };
        let lu = limit_unit(rng, unit, family, other_ok);
        ind.requirements
            .push((sidx, in_unit(rng, form, unit, lu, diff)));
    }
    // Grades, best first, nested.
    if rng.chance(30) {
        ind.grades = gen_grades(rng, &ind, other_ok);
    }
    ind
}

/// Whether the indicator's limits may be written in another unit than its own.
fn other_unit_ok(ind: &GenInd) -> bool {
    !ind.rounded || (GEN_ROUNDED_VALUE_OTHER_UNIT && ind.family != TEMPERATURE)
}

fn gen_grades(rng: &mut Rng, ind: &GenInd, other_ok: bool) -> Vec<GenLimit> {
    if ind.dir != Dir::Nominal && rng.chance(40) {
        return gen_interval_grades(rng, ind);
    }
    let n = rng.range(2, 4);
    let s = ind.step;
    let g = rng.range(1, 6);
    let j = rng.range(0, n);
    let centre = if ind.deviation_only {
        Decimal::ZERO
    } else {
        ind.base
    };
    let w0 = rng.range(1, 20);
    let mut out = Vec::new();
    for i in 0..n {
        let form = match ind.dir {
            Dir::Nominal => {
                let w = w0 + i * g;
                nominal_form(rng, centre, s, w, w, ind.deviation_only, true)
            }
            Dir::Higher => {
                let at = ind.base + Decimal::from((j - i) * g) * s;
                one_sided(rng, ind.dir, at, 25)
            }
            _ => {
                let at = ind.base + Decimal::from((i - j) * g) * s;
                one_sided(rng, ind.dir, at, 25)
            }
        };
        let lu = limit_unit(rng, ind.unit, ind.family, other_ok);
        out.push(in_unit(rng, form, ind.unit, lu, ind.differences()));
    }
    out
}

/// A class table as regulations adopt it: intervals that do not nest, best first, some with a
/// hole before them, the best and the worst class open or closed at their outer end
/// (`≤ b₀`, `b₀ < x ≤ b₁`, …, `> bₙ`), in the indicator's unit.
fn gen_interval_grades(rng: &mut Rng, ind: &GenInd) -> Vec<GenLimit> {
    let n = rng.range(2, 5);
    let s = ind.step;
    // Boundaries from the best end: each class `width` steps wide, a hole of `gap` steps
    // before some.
    let j = rng.range(0, n);
    let mut at = ind.base - Decimal::from(j * 2) * s;
    let mut classes: Vec<(Decimal, bool, Decimal, bool)> = Vec::new();
    for _ in 0..n {
        let gap = if rng.chance(35) { rng.range(1, 3) } else { 0 };
        let lo = at + Decimal::from(gap) * s;
        let width = rng.range(1, 4);
        let hi = lo + Decimal::from(width) * s;
        // Half-open intervals, as tables write them: `lo < x ≤ hi` (or `lo ≤ x < hi`).
        let lo_open = gap == 0 || rng.chance(50);
        classes.push((lo, lo_open, hi, false));
        at = hi;
    }
    let open_best = rng.chance(60);
    let open_worst = rng.chance(60);
    let higher = ind.dir == Dir::Higher;
    let last = classes.len() - 1;
    let forms: Vec<Form> = classes
        .iter()
        .enumerate()
        .map(|(k, &(lo, lo_open, hi, hi_open))| {
            // Lower-is-better: the best class is the lowest. Higher-is-better: mirrored, the
            // boundaries negated about the base.
            let (lo, lo_open, hi, hi_open) = if higher {
                (
                    ind.base * Decimal::TWO - hi,
                    hi_open,
                    ind.base * Decimal::TWO - lo,
                    lo_open,
                )
            } else {
                (lo, lo_open, hi, hi_open)
            };
            let best = k == 0 && open_best;
            let worst = k == last && open_worst;
            match (higher, best, worst) {
                (false, true, _) => Form::AtMost {
                    a: hi,
                    open: hi_open,
                    style: 0,
                },
                (false, _, true) => Form::AtLeast {
                    a: lo,
                    open: lo_open,
                    style: 0,
                },
                (true, true, _) => Form::AtLeast {
                    a: lo,
                    open: lo_open,
                    style: 0,
                },
                (true, _, true) => Form::AtMost {
                    a: hi,
                    open: hi_open,
                    style: 0,
                },
                _ => Form::Range {
                    lo,
                    hi,
                    lo_open,
                    hi_open,
                },
            }
        })
        .collect();
    forms
        .into_iter()
        .map(|form| in_unit(rng, form, ind.unit, None, false))
        .collect()
}

/// Bands on the selector's values (in its unit or another of its family).
fn gen_bands(rng: &mut Rng, ind: &GenInd, sel: &GenInd, other_ok: bool) -> Vec<GenBand> {
    let s = sel.step;
    let s1 = sel.base + Decimal::from(rng.range(-5, 5)) * s;
    let s2 = s1 + Decimal::from(rng.range(1, 10)) * s;
    let whens: Vec<Form> = match rng.below(3) {
        0 => vec![
            Form::AtMost {
                a: s1,
                open: false,
                style: 0,
            },
            Form::AtLeast {
                a: s1,
                open: true,
                style: 0,
            },
        ],
        1 => vec![
            Form::AtMost {
                a: s1,
                open: false,
                style: 0,
            },
            Form::Range {
                lo: s1,
                hi: s2,
                lo_open: true,
                hi_open: false,
            },
            Form::AtLeast {
                a: s2,
                open: true,
                style: 0,
            },
        ],
        // A gap between the bands: values there are outside every band.
        _ => vec![
            Form::AtMost {
                a: s1,
                open: true,
                style: 0,
            },
            Form::AtLeast {
                a: s2,
                open: false,
                style: 0,
            },
        ],
    };
    whens
        .into_iter()
        .map(|w| {
            let lu = limit_unit(rng, sel.unit, sel.family, true);
            GenBand {
                when: in_unit(rng, w, sel.unit, lu, false),
                grades: gen_grades(rng, ind, other_ok),
                requirements: Vec::new(),
                value: None,
            }
        })
        .collect()
}

/// A random plan. Always has at least one benchmark requirement and one core indicator with a
/// weight; may still fail the plan check in rare cases (the driver counts those).
pub fn gen_plan(rng: &mut Rng) -> GenPlan {
    let nb = rng.range(1, 3) as usize;
    let has_subject = rng.chance(70);
    let has_reference = rng.chance(25);
    let mut standards = Vec::new();
    let bench_codes = [
        ("GB/T 31-2020", "GB/T31—2020"),
        ("T/CAS 12-2022", "T/CAS12-2022"),
        ("GB 41-2019", "GB41-2019"),
    ];
    let b0 = 0;
    for &(code, variant) in bench_codes.iter().take(nb) {
        standards.push(GenStd {
            code: code.into(),
            variant: Some(variant),
            use_variant: GEN_CODE_VARIANTS && rng.chance(15),
            role: "benchmark",
        });
    }
    let subject = has_subject.then(|| {
        standards.push(GenStd {
            code: "Q/ABC 001-2024".into(),
            variant: None,
            use_variant: false,
            role: "subject",
        });
        standards.len() - 1
    });
    let reference = has_reference.then(|| {
        standards.push(GenStd {
            code: "GB/T 8170-2008".into(),
            variant: Some("GB/T8170—2008"),
            use_variant: GEN_CODE_VARIANTS && rng.chance(15),
            role: "reference",
        });
        standards.len() - 1
    });
    let n = rng.range(1, 6) as usize;
    let mut indicators: Vec<GenInd> = (0..n)
        .map(|k| gen_indicator(rng, k, &[b0, nb, 0], subject, reference))
        .collect();
    // Every benchmark states a requirement: give the unstated ones to a numeric indicator.
    for sidx in b0..b0 + nb {
        if indicators
            .iter()
            .any(|i| i.requirements.iter().any(|(s, _)| *s == sidx))
        {
            continue;
        }
        let numeric: Vec<usize> = (0..indicators.len())
            .filter(|&i| indicators[i].dir != Dir::Qualitative)
            .collect();
        let target = if numeric.is_empty() {
            // No numeric indicator: make one.
            let mut r2 = rng.clone();
            let mut ind;
            loop {
                ind = gen_indicator(&mut r2, indicators.len(), &[b0, nb, 0], subject, reference);
                if ind.dir != Dir::Qualitative {
                    break;
                }
            }
            *rng = r2;
            indicators.push(ind);
            indicators.len() - 1
        } else {
            *rng.pick(&numeric)
        };
        let ind = &mut indicators[target];
        if ind.requirements.iter().any(|(s, _)| *s == sidx) {
            continue;
        }
        // A requirement like the others of this indicator: the base itself.
        let centre = if ind.deviation_only {
            Decimal::ZERO
        } else {
            ind.base
        };
        let form = match ind.dir {
            Dir::Nominal => nominal_form(rng, centre, ind.step, 10, 10, ind.deviation_only, false),
            d => one_sided(rng, d, ind.base, 0),
        };
        let other_ok = other_unit_ok(ind);
        let lu = limit_unit(rng, ind.unit, ind.family, other_ok);
        let l = in_unit(rng, form, ind.unit, lu, ind.differences());
        ind.requirements.push((sidx, l));
    }
    // At least one weighted core indicator stated by a benchmark.
    let plan_view = GenPlan {
        standards: standards.clone(),
        indicators: indicators.clone(),
        policy: GenPolicy::default(),
        attributes: Vec::new(),
    };
    if !indicators.iter().any(|i| {
        i.class == "core" && i.dir != Dir::Qualitative && i.stated_by_benchmark(&plan_view)
    }) {
        if let Some(i) = indicators
            .iter_mut()
            .find(|i| i.dir != Dir::Qualitative && i.requirements.iter().any(|(s, _)| *s < nb))
        {
            i.class = "core";
        }
    }
    // Bands: chosen by another numeric indicator, itself without bands.
    let ids: Vec<usize> = (0..indicators.len()).collect();
    let mut attributes: Vec<(String, Vec<String>)> = Vec::new();
    for &k in &ids {
        if indicators[k].grades.is_empty() || !rng.chance(35) {
            continue;
        }
        let sels: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&o| {
                o != k
                    && indicators[o].dir != Dir::Qualitative
                    && !indicators[o].differences()
                    && indicators[o].bands.is_none()
            })
            .collect();
        if sels.is_empty() {
            continue;
        }
        let o = *rng.pick(&sels);
        if plan_selects(&indicators, k) {
            continue;
        }
        let other_ok = other_unit_ok(&indicators[k]);
        let mut bands = gen_bands(rng, &indicators[k], &indicators[o], other_ok);
        // Requirements per band: some standards state theirs in the bands instead (never
        // both), each band the indicator's limit or one of the band's grade limits, and a band
        // may leave a standard out (it states nothing there).
        if rng.chance(50) {
            let reqs = std::mem::take(&mut indicators[k].requirements);
            for (s, l) in reqs {
                if !rng.chance(60) {
                    indicators[k].requirements.push((s, l));
                    continue;
                }
                for b in &mut bands {
                    if !rng.chance(85) {
                        continue;
                    }
                    let limit = if !b.grades.is_empty() && rng.chance(50) {
                        rng.pick(&b.grades).clone()
                    } else {
                        l.clone()
                    };
                    b.requirements.push((s, limit));
                }
            }
        }
        let mut by = indicators[o].id.clone();
        // Or the bands chosen by a declared attribute of the product, each band one value;
        // the attribute may declare a value no band names (a product there is in no band).
        if rng.chance(45) {
            let n = bands.len() + usize::from(rng.chance(40));
            if attributes.is_empty() {
                attributes.push((
                    "plant".to_string(),
                    (0..n).map(|v| format!("v{v}")).collect::<Vec<_>>(),
                ));
            }
            let values = attributes[0].1.clone();
            bands.truncate(values.len());
            for (b, v) in bands.iter_mut().zip(values) {
                b.value = Some(v);
            }
            by = attributes[0].0.clone();
        }
        indicators[k].bands = Some((by, bands));
        indicators[k].grades.clear();
    }
    for ind in &mut indicators {
        if ind.grades.is_empty() || ind.bands.is_some() || !rng.chance(40) {
            continue;
        }
        let bench: Vec<usize> = ind
            .requirements
            .iter()
            .enumerate()
            .filter(|(_, (s, _))| standards[*s].role == "benchmark")
            .map(|(r, _)| r)
            .collect();
        if bench.is_empty() {
            continue;
        }
        let r = *rng.pick(&bench);
        let g = rng.below(ind.grades.len() as u64) as usize;
        if let Some(limit) = class_limit(ind, g) {
            ind.requirements[r].1 = limit;
            ind.class_req = Some((ind.requirements[r].0, g));
        }
    }
    let view = GenPlan {
        standards: standards.clone(),
        indicators: indicators.clone(),
        policy: GenPolicy::default(),
        attributes: attributes.clone(),
    };
    // `unstated = "leave-out"` where a core indicator is left to count.
    let leave_out = rng.chance(25) && indicators.iter().any(|i| counted(i, &view, true));
    let ncore = indicators
        .iter()
        .filter(|i| counted(i, &view, leave_out))
        .count() as u32;
    let share = if rng.chance(35) {
        Some(*rng.pick(SHARES))
    } else {
        None
    };
    // Leaders by tier: a tier every table of the counted core indicators with tiers holds.
    let tables: Vec<usize> = indicators
        .iter()
        .filter(|i| counted(i, &view, leave_out))
        .flat_map(|i| match &i.bands {
            Some((_, bands)) => bands.iter().map(|b| b.grades.len()).collect(),
            None if i.grades.is_empty() => Vec::new(),
            None => vec![i.grades.len()],
        })
        .collect();
    let ntiered = indicators
        .iter()
        .filter(|i| counted(i, &view, leave_out) && (!i.grades.is_empty() || i.bands.is_some()))
        .count() as u32;
    let fewest = tables.iter().copied().min().unwrap_or(0);
    let tier = (fewest > 0 && rng.chance(45)).then(|| {
        // The top tier for half of them: the tables keep more room above the benchmark.
        let t = if rng.chance(50) {
            0
        } else {
            rng.below(fewest as u64) as usize
        };
        let on = match rng.below(4) {
            0 => GenOn::Default,
            1 => GenOn::All,
            _ => GenOn::AtLeast(rng.range(1, i64::from(ntiered)) as u32),
        };
        (t, on)
    });
    let min_exceeding = if tier.is_none() && ncore > 0 && rng.chance(15) {
        Some(rng.range(1, i64::from(ncore)) as u32)
    } else {
        None
    };
    let policy = GenPolicy {
        share,
        min_exceeding,
        ignore_missing: rng.chance(20),
        tier,
        leave_out,
    };
    let plan = GenPlan {
        standards,
        indicators,
        policy,
        attributes,
    };
    // The lowest tier may not be looser than a national or industry benchmark (the plan
    // check), and the generator's lowest grades often are: the tables lose their lowest grades
    // (down to the leader tier) until the check accepts the plan, and a plan the tier rule
    // still makes refused is drawn without it.
    if let (Some((t, _)), true) = (plan.policy.tier, refused(&plan)) {
        let mut shorter = plan.clone();
        loop {
            let mut popped = false;
            let view = shorter.clone();
            for ind in &mut shorter.indicators {
                if !counted(ind, &view, view.policy.leave_out) {
                    continue;
                }
                let mut tables: Vec<&mut Vec<GenLimit>> = match &mut ind.bands {
                    Some((_, bands)) => bands.iter_mut().map(|b| &mut b.grades).collect(),
                    None => vec![&mut ind.grades],
                };
                for g in tables.iter_mut().filter(|g| g.len() > t + 1) {
                    g.pop();
                    popped = true;
                }
            }
            if !popped {
                break;
            }
            if !refused(&shorter) {
                return shorter;
            }
        }
        let mut without = plan.clone();
        without.policy.tier = None;
        if !refused(&without) {
            return without;
        }
    }
    plan
}

/// Whether the plan check finds a fault in the plan.
fn refused(plan: &GenPlan) -> bool {
    Plan::from_toml_str(&plan.to_toml()).map_or(true, |p| p.check().errors().next().is_some())
}

/// Whether a core indicator counts in the leader decision (docs/rules.md §6): always, or under
/// `leave-out` only when a benchmark states it (or it is qualitative, judged on its own).
pub fn counted(ind: &GenInd, plan: &GenPlan, leave_out: bool) -> bool {
    ind.class == "core"
        && (!leave_out || ind.dir == Dir::Qualitative || ind.stated_by_benchmark(plan))
}

/// The limit a requirement naming grade `g` stands for (docs/rules.md §6): a nested grade's
/// own limit; for a table of intervals (a one-sided indicator with a range among its grades)
/// the one-sided limit at the grade's worse end. `None` for a grade open at its worse end.
fn class_limit(ind: &GenInd, g: usize) -> Option<GenLimit> {
    let grade = ind.grades.get(g)?;
    // A nested one-sided table has one form throughout; a table of intervals has ranges, or
    // its two open ends only.
    let any = |f: fn(&Form) -> bool| ind.grades.iter().any(|l| f(&l.form));
    let intervals = ind.dir != Dir::Nominal
        && (any(|f| matches!(f, Form::Range { .. }))
            || (any(|f| matches!(f, Form::AtLeast { .. }))
                && any(|f| matches!(f, Form::AtMost { .. }))));
    if !intervals {
        return Some(grade.clone());
    }
    let form = match (ind.dir, &grade.form) {
        (Dir::Lower, Form::Range { hi, hi_open, .. }) => Form::AtMost {
            a: *hi,
            open: *hi_open,
            style: 0,
        },
        (Dir::Higher, Form::Range { lo, lo_open, .. }) => Form::AtLeast {
            a: *lo,
            open: *lo_open,
            style: 0,
        },
        (Dir::Lower, Form::AtMost { .. }) | (Dir::Higher, Form::AtLeast { .. }) => {
            grade.form.clone()
        }
        _ => return None,
    };
    Some(GenLimit {
        form,
        unit: grade.unit,
    })
}

/// Whether indicator k chooses another's band (so it must not be a selector with bands).
fn plan_selects(indicators: &[GenInd], k: usize) -> bool {
    let id = &indicators[k].id;
    indicators
        .iter()
        .any(|i| i.bands.as_ref().is_some_and(|(by, _)| by == id))
}

// ---------------------------------------------------------------------------------------------
// Products.
// ---------------------------------------------------------------------------------------------

/// One product cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Blank,
    Qual(&'static str),
    /// A number in `unit` (`None`: bare, in the indicator's unit), a rounding mark (`(+)`,
    /// `(-)` or empty) and an uncertainty U in the same unit.
    Num {
        x: Decimal,
        unit: Option<&'static str>,
        mark: &'static str,
        u: Option<Decimal>,
    },
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Blank => String::new(),
            Cell::Qual(q) => (*q).to_string(),
            Cell::Num { x, unit, mark, u } => {
                let ut = unit.map(|u| format!(" {u}")).unwrap_or_default();
                // A temperature difference is written with Δ now and then (every temperature
                // of the generator is one).
                let delta =
                    unit.is_some_and(|u| matches!(u, "K" | "°C" | "°F")) && x.mantissa() % 2 == 0;
                let delta = if delta { "Δ" } else { "" };
                match u {
                    Some(u) => format!("{delta}{x}{mark} ± {u}{ut}"),
                    None => format!("{delta}{x}{mark}{ut}"),
                }
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct GenProduct {
    pub id: String,
    /// One cell per indicator, in plan order.
    pub cells: Vec<Cell>,
    /// Columns that name no indicator.
    pub extra: Vec<(String, String)>,
    /// One value per declared attribute of the plan (empty: missing).
    pub attrs: Vec<String>,
}

/// A number at the edge of what a decimal holds ([`edge_value`]): more than 18 decimals or 20
/// significant digits, which no other generated number has.
fn edge_number(x: Decimal) -> bool {
    let n = x.normalize();
    n.scale() > 18 || n.mantissa().unsigned_abs() >= 10u128.pow(20)
}

impl GenProduct {
    /// Whether a value (or its uncertainty) is at the edge of a decimal: the exact path may
    /// refuse the product (inexact, overflow), and the laws that move values between units do
    /// not hold for it.
    pub fn at_edge(&self) -> bool {
        self.cells.iter().any(|c| match c {
            Cell::Num { x, u, .. } => edge_number(*x) || u.is_some_and(edge_number),
            _ => false,
        })
    }

    pub fn product(&self, plan: &GenPlan) -> Result<Product, String> {
        let mut p = Product::new(self.id.clone());
        for (ind, cell) in plan.indicators.iter().zip(&self.cells) {
            if *cell == Cell::Blank {
                continue;
            }
            let text = cell.text();
            p = p
                .with(&ind.id, &text)
                .map_err(|e| format!("generator: cell {text:?} does not read: {e}"))?;
        }
        for ((id, _), v) in plan.attributes.iter().zip(&self.attrs) {
            p = p.with_attribute(id, v);
        }
        Ok(p)
    }

    /// The same product with every number bare in its indicator's unit, without mark or
    /// uncertainty (unless the indicator's rule needs one): the rows the command line's fast
    /// path reads.
    pub fn plain(&self, plan: &GenPlan) -> GenProduct {
        let mut g = self.clone();
        for (ind, cell) in plan.indicators.iter().zip(&mut g.cells) {
            if let Cell::Num { x, unit, mark, u } = cell {
                if edge_number(*x) || u.is_some_and(edge_number) {
                    // Left in its unit: converted, it may not fit a decimal.
                    continue;
                }
                if let (Some(from), Some(to)) = (*unit, ind.unit) {
                    let exact = conv_exact(*x, from, to, ind.differences())
                        .zip(u.map_or(Some(None), |u| conv_exact(u, from, to, true).map(Some)));
                    let Some((cx, cu)) = exact else {
                        // Left in its unit: converted out of °F, it would be rounded.
                        continue;
                    };
                    *x = cx;
                    *u = cu;
                }
                *unit = None;
                *mark = "";
                if ind.rule.is_none_or(|(kind, _)| kind == "simple") {
                    *u = None;
                }
            }
        }
        g
    }

    pub fn texts(&self) -> Vec<String> {
        self.cells.iter().map(Cell::text).collect()
    }

    /// A products CSV holding this product, columns in `order` (indices into the plan's
    /// indicators), then the extra columns.
    pub fn csv(&self, plan: &GenPlan, order: &[usize], with_extra: bool) -> String {
        let mut header = vec!["id".to_string()];
        let mut row = vec![self.id.clone()];
        for &k in order {
            header.push(plan.indicators[k].id.clone());
            row.push(self.cells[k].text());
        }
        for ((id, _), v) in plan.attributes.iter().zip(&self.attrs) {
            header.push(id.clone());
            row.push(v.clone());
        }
        if with_extra {
            for (c, v) in &self.extra {
                header.push(c.clone());
                row.push(v.clone());
            }
        }
        format!("{}\n{}\n", header.join(","), row.join(","))
    }

    /// The CSV row in plan order (for messages).
    pub fn row(&self) -> String {
        let mut v = vec![self.id.clone()];
        v.extend(self.texts());
        v.extend(self.attrs.iter().cloned());
        v.extend(self.extra.iter().map(|(_, c)| c.clone()));
        v.join(",")
    }

    pub fn header(&self, plan: &GenPlan) -> String {
        let mut v = vec!["id".to_string()];
        v.extend(plan.indicators.iter().map(|i| i.id.clone()));
        v.extend(plan.attributes.iter().map(|(id, _)| id.clone()));
        v.extend(self.extra.iter().map(|(c, _)| c.clone()));
        v.join(",")
    }
}

/// The bounds of every limit an indicator's value is judged against (its own, and the band
/// conditions of the indicators it selects for), each as (value, unit, written step).
fn anchors(plan: &GenPlan, k: usize) -> Vec<Anchor> {
    let ind = &plan.indicators[k];
    let mut ls: Vec<GenLimit> = ind.limits().into_iter().cloned().collect();
    for o in &plan.indicators {
        if let Some((by, bands)) = &o.bands {
            if *by == ind.id {
                ls.extend(bands.iter().map(|b| b.when.clone()));
            }
        }
    }
    let mut out = Vec::new();
    for l in &ls {
        let Some(parsed) = l.parsed() else { continue };
        let step = parsed.written_interval().value();
        let u = l.unit.or(ind.unit);
        for b in [parsed.lower(), parsed.upper()].into_iter().flatten() {
            out.push((b.value, u, step));
        }
    }
    out
}

/// A value at the edge of what a decimal holds, near `near`: 28 significant digits at a random
/// scale and sign, or `near` with a tail at 20 to 28 decimals.
fn edge_value(rng: &mut Rng, near: Decimal) -> Decimal {
    if rng.chance(50) {
        let hi = i128::from(rng.next_u64() % 9_000_000_000_000);
        let lo = i128::from(rng.next_u64() % 1_000_000_000_000_000);
        let m = 10i128.pow(27) + hi * 10i128.pow(15) + lo;
        let scale = rng.below(29) as u32;
        let m = if rng.chance(50) { -m } else { m };
        Decimal::from_i128_with_scale(m, scale)
    } else {
        let tail =
            Decimal::from_i128_with_scale(rng.range(-999, 999) as i128, 20 + rng.below(9) as u32);
        near.checked_add(tail).unwrap_or(near)
    }
}

fn last_nonzero_is_five(x: Decimal) -> bool {
    let n = x.normalize();
    !n.is_zero() && (n.mantissa() % 10).abs() == 5
}

type Anchor = (Decimal, Option<&'static str>, Decimal);

fn gen_cell(rng: &mut Rng, plan: &GenPlan, k: usize, anchors: &[Anchor]) -> Cell {
    let ind = &plan.indicators[k];
    if ind.dir == Dir::Qualitative {
        const QUALITATIVE: [&str; 5] = ["pass", "pass", "fail", "合格", "不合格"];
        return Cell::Qual(QUALITATIVE[rng.below(5) as usize]);
    }
    let (x, u) = if !anchors.is_empty() && rng.chance(80) {
        let (b, u, step) = *rng.pick(anchors);
        let offs = [
            Decimal::ZERO,
            step,
            -step,
            step / Decimal::TEN,
            -step / Decimal::TEN,
            step / Decimal::TWO,
            -step / Decimal::TWO,
            step / Decimal::ONE_HUNDRED,
            -step / Decimal::ONE_HUNDRED,
            step * Decimal::from(3),
            -step * Decimal::from(3),
            step / Decimal::from(10_000),
        ];
        (b + *rng.pick(&offs), u)
    } else {
        let centre = if ind.deviation_only {
            Decimal::ZERO
        } else {
            ind.base
        };
        let fine = ind.step / Decimal::from(*rng.pick(&[1i64, 10, 100]));
        (centre + Decimal::from(rng.range(-60, 60)) * fine, ind.unit)
    };
    // Now and then a value at the edge of a decimal (28 significant digits, or a tail at 20
    // to 28 decimals on a limit's end), so that its margin, conversion or guard band needs
    // more digits than a decimal holds: the exact path refuses it (never rounds), and the
    // fast path must answer the same. Written in the limit's unit, unconverted.
    let edge = rng.chance(4);
    let x = if edge { edge_value(rng, x) } else { x };
    let diff = ind.differences();
    let (x, shown): (Decimal, Option<&'static str>) = match (ind.unit, u) {
        (Some(_), Some(lu)) if edge => (x, Some(lu)),
        (Some(iu), Some(lu)) => match rng.below(100) {
            0..=44 => conv_exact(x, lu, iu, diff).map_or((x, Some(lu)), |y| (y, None)),
            45..=74 => (x, Some(lu)),
            _ => {
                let o = *rng.pick(FAMILIES[ind.family]);
                conv_exact(x, lu, o, diff).map_or((x, Some(lu)), |y| (y, Some(o)))
            }
        },
        _ => (x, None),
    };
    let x = written(rng, x);
    let needs_u = ind.rule.is_some_and(|(kind, _)| kind != "simple");
    if needs_u || rng.chance(10) {
        let step_here = match (ind.unit, shown) {
            (Some(iu), Some(o)) => conv(ind.step, iu, o, true),
            _ => ind.step,
        };
        let mut uu = *rng.pick(&[
            Decimal::ZERO,
            step_here / Decimal::TWO,
            step_here,
            step_here * Decimal::TWO,
        ]);
        if edge && rng.chance(50) {
            // A guard band whose zone ends (TL ± r·U) need more digits than a decimal holds.
            let tail = Decimal::from_i128_with_scale(rng.range(1, 999) as i128, 26);
            uu = uu.checked_add(tail).unwrap_or(uu);
        }
        return Cell::Num {
            x,
            unit: shown,
            mark: "",
            u: Some(uu.normalize()),
        };
    }
    let mark = if last_nonzero_is_five(x) && rng.chance(35) {
        if rng.chance(50) {
            "(+)"
        } else {
            "(-)"
        }
    } else {
        ""
    };
    Cell::Num {
        x,
        unit: shown,
        mark,
        u: None,
    }
}

pub fn gen_products(rng: &mut Rng, plan: &GenPlan, n: usize) -> Vec<GenProduct> {
    let anchors: Vec<Vec<Anchor>> = (0..plan.indicators.len())
        .map(|k| anchors(plan, k))
        .collect();
    (0..n)
        .map(|p| {
            let cells = (0..plan.indicators.len())
                .map(|k| {
                    let ind = &plan.indicators[k];
                    let unstated_counting = !ind.stated_by_benchmark(plan)
                        && ind.class != "innovation"
                        && !plan.policy.ignore_missing;
                    let may_blank = GEN_MISSING_UNSTATED || !unstated_counting;
                    if may_blank && rng.chance(8) {
                        Cell::Blank
                    } else {
                        gen_cell(rng, plan, k, &anchors[k])
                    }
                })
                .collect();
            let mut extra = Vec::new();
            if rng.chance(30) {
                let texts: &[&str] = if GEN_EXTRA_COLUMN_TEXT {
                    &["送检样品", "ABC-1", "12.5", "", "2024-05-01"]
                } else {
                    &["12.5", "", "7"]
                };
                extra.push(("备注".to_string(), rng.pick(texts).to_string()));
                if rng.chance(30) {
                    extra.push(("model".to_string(), rng.pick(texts).to_string()));
                }
            }
            let attrs = plan
                .attributes
                .iter()
                .map(|(_, values)| {
                    if rng.chance(12) {
                        String::new()
                    } else {
                        rng.pick(values).clone()
                    }
                })
                .collect();
            GenProduct {
                id: format!("P{p}"),
                cells,
                extra,
                attrs,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Twins of a plan: the same judgement by the docs, written differently.
// ---------------------------------------------------------------------------------------------

/// Requirement keys spelt otherwise (`GB/T31—2020` for `GB/T 31-2020`); `None` when no
/// standard has a variant.
pub fn respelt(plan: &GenPlan, rng: &mut Rng) -> Option<GenPlan> {
    let mut p = plan.clone();
    let mut changed = false;
    for s in &mut p.standards {
        if s.variant.is_some() && rng.chance(60) {
            s.use_variant = !s.use_variant;
            changed = true;
        }
    }
    changed.then_some(p)
}

/// Indicators, standards and requirements in another order.
pub fn permuted(plan: &GenPlan, rng: &mut Rng) -> GenPlan {
    let mut p = plan.clone();
    rng.shuffle(&mut p.indicators);
    let mut order: Vec<usize> = (0..p.standards.len()).collect();
    rng.shuffle(&mut order);
    // new index of old standard s
    let mut new_of = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_of[old] = new;
    }
    p.standards = order.iter().map(|&o| plan.standards[o].clone()).collect();
    for ind in &mut p.indicators {
        for (s, _) in &mut ind.requirements {
            *s = new_of[*s];
        }
        if let Some((s, _)) = &mut ind.class_req {
            *s = new_of[*s];
        }
        rng.shuffle(&mut ind.requirements);
        for b in ind.bands.iter_mut().flat_map(|(_, bs)| bs.iter_mut()) {
            for (s, _) in &mut b.requirements {
                *s = new_of[*s];
            }
            rng.shuffle(&mut b.requirements);
        }
    }
    p
}

/// Per indicator, the (old, new) unit of the unit twin; `None` where unchanged.
pub type UnitChanges = Vec<Option<(&'static str, &'static str)>>;

/// Whether indicator k may be written in another unit for the unit twin.
fn reunitable(ind: &GenInd) -> bool {
    ind.dir != Dir::Qualitative
        && ind.unit.is_some()
        && FAMILIES[ind.family].len() > 1
        && ind.interval.is_none()
        && (!ind.rounded || GEN_ROUNDED_VALUE_OTHER_UNIT)
}

/// Some indicators in another unit of their family; every limit and value written without a
/// unit gets the old unit written out. Returns the twin and, per indicator, (old, new) units.
pub fn reunited(plan: &GenPlan, rng: &mut Rng) -> Option<(GenPlan, UnitChanges)> {
    let mut p = plan.clone();
    let mut changes = vec![None; p.indicators.len()];
    let base = rng.clone();
    for (k, ind) in p.indicators.iter_mut().enumerate() {
        let rng = &mut base.clone().fork(&ind.id);
        if !reunitable(ind) || !rng.chance(70) {
            continue;
        }
        let old = ind.unit?;
        // A temperature difference's twin moves between K and °C (the same numbers), never
        // into °F, whose limits would be rounded.
        let others: Vec<&'static str> = FAMILIES[ind.family]
            .iter()
            .copied()
            .filter(|u| *u != old && *u != "°F")
            .collect();
        let new = *rng.pick(&others);
        changes[k] = Some((old, new));
        ind.unit = Some(new);
        for (_, l) in &mut ind.requirements {
            l.unit = l.unit.or(Some(old));
        }
        for g in &mut ind.grades {
            g.unit = g.unit.or(Some(old));
        }
        if let Some((_, bands)) = &mut ind.bands {
            for b in bands {
                for g in &mut b.grades {
                    g.unit = g.unit.or(Some(old));
                }
                for (_, l) in &mut b.requirements {
                    l.unit = l.unit.or(Some(old));
                }
            }
        }
        if let Some((t, false)) = ind.tolerance {
            ind.tolerance = Some((conv(t, old, new, true), false));
        }
    }
    if changes.iter().all(Option::is_none) {
        return None;
    }
    // Band conditions on a changed selector.
    let sel_old: Vec<(String, &'static str)> = plan
        .indicators
        .iter()
        .zip(&changes)
        .filter_map(|(i, c)| c.map(|(old, _)| (i.id.clone(), old)))
        .collect();
    for ind in &mut p.indicators {
        if let Some((by, bands)) = &mut ind.bands {
            if let Some((_, old)) = sel_old.iter().find(|(id, _)| id == by) {
                for b in bands {
                    b.when.unit = b.when.unit.or(Some(*old));
                }
            }
        }
    }
    Some((p, changes))
}

/// Rounded-value indicators judged full-value.
pub fn full_value_twin(plan: &GenPlan) -> Option<GenPlan> {
    if !plan.indicators.iter().any(|i| i.rounded) {
        return None;
    }
    let mut p = plan.clone();
    for ind in &mut p.indicators {
        ind.rounded = false;
        ind.interval = None;
    }
    Some(p)
}

// ---------------------------------------------------------------------------------------------
// Compiling and checking.
// ---------------------------------------------------------------------------------------------

/// One disagreement: a stable kind (no ids, no numbers) and the detail of this case.
#[derive(Clone, Debug)]
pub struct Disagreement {
    pub kind: String,
    pub detail: String,
}

pub struct Compiled {
    pub plan: GenPlan,
    pub toml: String,
    pub engine: Engine,
    pub fast: Option<Classifier>,
}

/// Reads, checks and compiles a generated plan; `Err` says why it was refused.
pub fn compile(plan: &GenPlan) -> Result<Compiled, String> {
    compile_as(plan, false)
}

/// As [`compile`], reading the plan from TOML text or (`json`) from JSON text: the twins are
/// read from JSON, which is faster in debug builds and covers the second reader.
pub fn compile_as(plan: &GenPlan, json: bool) -> Result<Compiled, String> {
    let toml = plan.to_toml();
    let p = if json {
        Plan::from_json_str(&plan.to_json())
    } else {
        Plan::from_toml_str(&toml)
    }
    .map_err(|e| format!("read: {e}"))?;
    // `Plan::compile` runs the plan check and refuses a plan with a fault.
    let engine = p.compile().map_err(|e| format!("check: {e}"))?;
    let fast = engine.classifier().ok();
    Ok(Compiled {
        plan: plan.clone(),
        toml,
        engine,
        fast,
    })
}

/// A plan and its twins, compiled.
pub struct Ctx {
    pub main: Compiled,
    pub perm: Option<Compiled>,
    pub spelt: Option<Compiled>,
    pub unit: Option<(Compiled, UnitChanges)>,
    pub full: Option<Compiled>,
    /// Twins the plan check refused (a disagreement of their own).
    pub refused: Vec<Disagreement>,
}

impl Ctx {
    pub fn new(plan: &GenPlan, rng: &mut Rng) -> Result<Ctx, String> {
        let main = compile(plan)?;
        let mut refused = Vec::new();
        let mut twin = |name: &str, p: &GenPlan| match compile_as(p, true) {
            Ok(c) => Some(c),
            Err(e) => {
                refused.push(Disagreement {
                    kind: format!("law {name}: the twin plan is refused"),
                    detail: format!("{e}\ntwin plan:\n{}", p.to_toml()),
                });
                None
            }
        };
        // Each twin costs a compile: the order and spelling twins are built for a share of the
        // plans only (the checks are cheap next to reading a plan in a debug build).
        // Each twin draws from a generator of its own, so that a case keeps its twins while the
        // shrinker leaves parts of it out.
        let base = rng.clone();
        rng.next_u64();
        let rng = &mut base.clone().fork("twins");
        let perm = if rng.chance(40) {
            twin("order", &permuted(plan, &mut base.clone().fork("order")))
        } else {
            None
        };
        let spelt = if GEN_CODE_VARIANTS && rng.chance(35) {
            respelt(plan, &mut base.clone().fork("spelling"))
                .and_then(|p| twin("code-spelling", &p))
        } else {
            None
        };
        let unit = if rng.chance(60) {
            reunited(plan, &mut base.clone().fork("unit"))
                .and_then(|(p, ch)| twin("indicator-unit", &p).map(|c| (c, ch)))
        } else {
            None
        };
        // Under full-value judgement two requirements that share values only once rounded
        // (`> 9696000 W` and `9694 ≤ X ≤ 9696.0` at 1 kW) leave an empty level, which the plan
        // check rightly refuses: the law has no twin to compare with then.
        let full = full_value_twin(plan).and_then(|p| match compile_as(&p, true) {
            Err(e) if e.contains("the benchmark level is empty") => None,
            _ => twin("rounded-on-grid", &p),
        });
        Ok(Ctx {
            main,
            perm,
            spelt,
            unit,
            full,
            refused,
        })
    }
}

fn dir_tag(ind: &GenInd, plan: &GenPlan) -> String {
    let mut t = ind.dir.as_str().to_string();
    if ind.dir != Dir::Qualitative && !ind.stated_by_benchmark(plan) {
        t.push_str(", no benchmark states it");
    }
    t
}

fn show<T: std::fmt::Debug>(x: &T) -> String {
    format!("{x:?}")
}

/// Compares the fast path with the exact verdict for one product (built from `cells`).
/// A product the exact path refuses (a result a decimal cannot hold): the fast path must not
/// judge it either, but hand it to the exact path (or refuse it with the same error).
fn fast_refuses_too(
    c: &Compiled,
    product: &Product,
    cells: &[String],
    exact: &duibiao::Error,
    out: &mut Vec<Disagreement>,
) {
    let Some(fast) = &c.fast else { return };
    match fast.prepare(product) {
        Ok(Some(p)) => out.push(Disagreement {
            kind: "fast≠exact: the fast path judges a product the exact path refuses".into(),
            detail: format!("exact: {exact}; fast class {}", fast.class(&p)),
        }),
        Err(e) if e.to_string() != exact.to_string() => out.push(Disagreement {
            kind: "fast≠exact: the fast path refuses a product with another error".into(),
            detail: format!("exact: {exact}; fast: {e}"),
        }),
        _ => {}
    }
    let mut from_cells = fast.prepare_scaled(std::iter::empty());
    if fast.prepare_cells(cells.iter().map(String::as_str), &mut from_cells) {
        out.push(Disagreement {
            kind: "fast≠exact: prepare_cells holds a product the exact path refuses".into(),
            detail: format!("exact: {exact}; cells {cells:?}"),
        });
    }
}

pub fn fast_vs_exact(
    c: &Compiled,
    label: &str,
    product: &Product,
    cells: &[String],
    exact: &Verdict,
    out: &mut Vec<Disagreement>,
) {
    let Some(fast) = &c.fast else { return };
    let mut prepared = Vec::new();
    match fast.prepare(product) {
        Err(e) => out.push(Disagreement {
            kind: "fast: prepare fails where the exact path judges".into(),
            detail: format!("[{label}] prepare: {e}; exact class {}", exact.class),
        }),
        Ok(Some(p)) => prepared.push(("prepare", p)),
        Ok(None) => {}
    }
    let mut from_cells = fast.prepare_scaled(std::iter::empty());
    if fast.prepare_cells(cells.iter().map(String::as_str), &mut from_cells) {
        if let Some((_, p)) = prepared.first() {
            if *p != from_cells {
                out.push(Disagreement {
                    kind: "fast: prepare_cells and prepare hold different values".into(),
                    detail: format!("[{label}] cells {cells:?}: {from_cells:?} vs {p:?}"),
                });
            }
        }
        prepared.push(("prepare_cells", from_cells));
    }
    for (how, p) in &prepared {
        let mut outs: Vec<FastOutcome> = Vec::new();
        let class = fast.outcomes_into(p, &mut outs);
        let hot = fast.class(p);
        let batch = fast.class_batch(std::slice::from_ref(p));
        let tag = format!("[{label}, {how}]");
        if class != exact.class {
            out.push(Disagreement {
                kind: format!("fast≠exact: class: exact {}, fast {class}", exact.class),
                detail: format!(
                    "{tag} exact decided by {:?}; outcomes exact {:?} fast {:?}",
                    exact.decided_by,
                    exact
                        .indicators
                        .iter()
                        .map(|i| i.outcome.as_str())
                        .collect::<Vec<_>>(),
                    outs.iter().map(|o| o.outcome.as_str()).collect::<Vec<_>>()
                ),
            });
        }
        if hot != class || batch.first() != Some(&class) {
            out.push(Disagreement {
                kind: "fast: class() / class_batch differ from outcomes_into".into(),
                detail: format!(
                    "{tag} class() {hot}, class_batch {batch:?}, outcomes_into {class}"
                ),
            });
        }
        for (i, (ev, fo)) in exact.indicators.iter().zip(&outs).enumerate() {
            let ind = &c.plan.indicators[i];
            let t = dir_tag(ind, &c.plan);
            let mut diff = |field: &str, e: String, f: String, with_values: bool| {
                let kind = if with_values {
                    format!("fast≠exact: {field}: exact {e}, fast {f} ({t})")
                } else {
                    format!("fast≠exact: {field} ({t})")
                };
                out.push(Disagreement {
                    kind,
                    detail: format!(
                        "{tag} indicator {}: value {:?}: {field}: exact {e}, fast {f}",
                        ev.id, ev.value
                    ),
                });
            };
            if ev.outcome != fo.outcome {
                diff(
                    "outcome",
                    ev.outcome.to_string(),
                    fo.outcome.to_string(),
                    true,
                );
            }
            let eg = ev.grade.as_ref().map(|g| g.rank);
            let fg = fo.grade.map(usize::from);
            if eg != fg {
                diff("grade", show(&eg), show(&fg), false);
            }
            if ev.tier_reached != fo.tier_reached {
                diff(
                    "tier reached",
                    show(&ev.tier_reached),
                    show(&fo.tier_reached),
                    false,
                );
            }
            let em = ev.margin.map(|m| m.value);
            if em != fo.margin() {
                diff("margin", show(&em), show(&fo.margin()), false);
            }
            if ind.dir == Dir::Qualitative {
                if CMP_QUALITATIVE_COMPARED && ev.compared != fo.compared() {
                    let e = if ev.compared.is_some() {
                        "a value"
                    } else {
                        "none"
                    };
                    let f = if fo.compared().is_some() {
                        "a value (1 pass, 0 fail)"
                    } else {
                        "none"
                    };
                    diff("compared value", e.into(), f.into(), true);
                }
            } else if ev.compared != fo.compared() {
                diff(
                    "compared value",
                    show(&ev.compared),
                    show(&fo.compared()),
                    false,
                );
            }
            let er = match (&ev.standard, &ev.limit) {
                (Some(s), Some(l)) => Some((s.clone(), l.clone())),
                _ => None,
            };
            let fr = fo
                .requirement
                .and_then(|k| fast.requirement(i, k))
                .map(|(s, l)| (s.to_string(), l.to_string()));
            if er != fr {
                diff("deciding requirement", show(&er), show(&fr), false);
            }
        }
        let fd: Vec<&str> = fast.decided_by(class, &outs).collect();
        if class == exact.class && fd != exact.decided_by {
            out.push(Disagreement {
                kind: "fast≠exact: decided_by".into(),
                detail: format!("{tag} exact {:?}, fast {fd:?}", exact.decided_by),
            });
        }
        let fw = fast.exceeding_weight(&outs);
        if fw != exact.exceeding_weight {
            out.push(Disagreement {
                kind: "fast≠exact: exceeding_weight".into(),
                detail: format!("{tag} exact {}, fast {fw}", exact.exceeding_weight),
            });
        }
    }
}

/// Leaders by tier (docs/rules.md §6), from the exact verdict's grades: a counted core
/// indicator with tiers reaches the tier when its grade is that tier or a better one; a
/// product that is not a gap is a leader when it reaches it on every such indicator (`on` left
/// out or `"all"`) or on k of them, and the leader is decided by those reaching it.
fn tier_law(plan: &GenPlan, exact: &Verdict, out: &mut Vec<Disagreement>) {
    let Some((tier, on)) = plan.policy.tier else {
        return;
    };
    let mut tiered = 0usize;
    let mut reached = Vec::new();
    for (ind, v) in plan.indicators.iter().zip(&exact.indicators) {
        // Under leave-out an indicator counts where a benchmark states it for this product:
        // not in a band that states nothing (its outcome is then not-compared).
        let stated_here = !plan.policy.leave_out || v.outcome != Outcome::NotCompared;
        let graded = !ind.grades.is_empty()
            || ind
                .bands
                .as_ref()
                .is_some_and(|(_, bs)| bs.iter().any(|b| !b.grades.is_empty()));
        let with_tiers = counted(ind, plan, plan.policy.leave_out) && stated_here && graded;
        let expected = with_tiers.then(|| v.grade.as_ref().is_some_and(|g| g.rank <= tier));
        if v.tier_reached != expected {
            out.push(Disagreement {
                kind: "law tier: tier reached differs from the grade reached".into(),
                detail: format!(
                    "indicator {}: grade {:?}, tier g{}: tier reached {:?}, expected {expected:?}",
                    v.id,
                    v.grade.as_ref().map(|g| g.rank),
                    tier + 1,
                    v.tier_reached
                ),
            });
        }
        tiered += usize::from(with_tiers);
        if expected == Some(true) {
            reached.push(v.id.as_str());
        }
    }
    if exact.class == Class::Gap {
        return;
    }
    let k = match on {
        GenOn::Default | GenOn::All => tiered,
        GenOn::AtLeast(k) => k as usize,
    };
    let leader = k > 0 && reached.len() >= k;
    let expected = if leader {
        Class::Leader
    } else {
        Class::Follower
    };
    let decided: Vec<&str> = if leader { reached } else { Vec::new() };
    if exact.class != expected || exact.decided_by != decided {
        out.push(Disagreement {
            kind: format!(
                "law tier: class: exact {}, expected {expected}",
                exact.class
            ),
            detail: format!(
                "tier g{}, on {on:?}: decided by {:?}, expected {decided:?}",
                tier + 1,
                exact.decided_by
            ),
        });
    }
}

/// The first field in which two indicator verdicts differ, for the laws.
fn ind_diff(
    a: &IndicatorVerdict,
    b: &IndicatorVerdict,
    value_text: bool,
    limit_text: bool,
) -> Option<(&'static str, String, String)> {
    if a.outcome != b.outcome {
        return Some(("outcome", a.outcome.to_string(), b.outcome.to_string()));
    }
    let checks: [(&'static str, String, String); 9] = [
        (
            "grade",
            show(&a.grade.as_ref().map(|g| g.rank)),
            show(&b.grade.as_ref().map(|g| g.rank)),
        ),
        (
            "outside-grades",
            show(&a.outside_grades),
            show(&b.outside_grades),
        ),
        (
            "margin",
            show(&a.margin.map(|m| m.value)),
            show(&b.margin.map(|m| m.value)),
        ),
        (
            "margin share",
            show(&a.margin.and_then(|m| m.share)),
            show(&b.margin.and_then(|m| m.share)),
        ),
        ("compared value", show(&a.compared), show(&b.compared)),
        ("standard", show(&a.standard), show(&b.standard)),
        (
            "limit",
            if limit_text {
                show(&a.limit)
            } else {
                String::new()
            },
            if limit_text {
                show(&b.limit)
            } else {
                String::new()
            },
        ),
        ("decision", show(&a.decision), show(&b.decision)),
        (
            "value",
            if value_text {
                show(&a.value)
            } else {
                String::new()
            },
            if value_text {
                show(&b.value)
            } else {
                String::new()
            },
        ),
    ];
    checks.into_iter().find(|(_, x, y)| x != y)
}

/// An error message with its quoted parts and numbers left out, to group errors by kind.
pub fn error_shape(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for ch in message.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                if quoted {
                    out.push_str("\"…\"");
                }
            }
            _ if quoted => {}
            '0'..='9' => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            _ => out.push(ch),
        }
    }
    out
}

fn sorted(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v
}

/// Compares a verdict with a twin's verdict, indicator by id. `map` brings the twin's numbers
/// back into the original's units (id, twin verdict) → verdict; `only` restricts the indicator
/// comparison (and skips the class when some indicator is left out).
#[allow(clippy::too_many_arguments)]
fn law_compare(
    law: &str,
    a: &Verdict,
    b: &Verdict,
    value_text: bool,
    limit_text: bool,
    only: Option<&[bool]>,
    plan: &GenPlan,
    note: &str,
    out: &mut Vec<Disagreement>,
) {
    let b = &normalized(b.clone());
    let all = only.is_none_or(|o| o.iter().all(|x| *x));
    if all {
        if a.class != b.class {
            out.push(Disagreement {
                kind: format!("law {law}: class: {} vs {}", a.class, b.class),
                detail: format!(
                    "{note}: class {} (decided by {:?}) vs twin {} (decided by {:?})",
                    a.class, a.decided_by, b.class, b.decided_by
                ),
            });
        } else if sorted(&a.decided_by) != sorted(&b.decided_by)
            || a.exceeding_weight != b.exceeding_weight
        {
            out.push(Disagreement {
                kind: format!("law {law}: decided_by / exceeding_weight"),
                detail: format!(
                    "{note}: {:?} {} vs twin {:?} {}",
                    a.decided_by, a.exceeding_weight, b.decided_by, b.exceeding_weight
                ),
            });
        }
    }
    for (k, ia) in a.indicators.iter().enumerate() {
        if only.is_some_and(|o| !o[k]) {
            continue;
        }
        let Some(ib) = b.indicators.iter().find(|i| i.id == ia.id) else {
            out.push(Disagreement {
                kind: format!("law {law}: an indicator is lost"),
                detail: format!("{note}: {}", ia.id),
            });
            continue;
        };
        if let Some((field, x, y)) = ind_diff(ia, ib, value_text, limit_text) {
            let t = plan
                .index(&ia.id)
                .map(|i| dir_tag(&plan.indicators[i], plan))
                .unwrap_or_default();
            let kind = if field == "outcome" {
                format!("law {law}: outcome: {x} vs {y} ({t})")
            } else {
                format!("law {law}: {field} ({t})")
            };
            out.push(Disagreement {
                kind,
                detail: format!(
                    "{note}: indicator {}: {field}: {x} vs twin {y}; value {:?} vs {:?}",
                    ia.id, ia.value, ib.value
                ),
            });
        }
    }
}

/// A copy of `v` with the numbers of indicator ids in `changes` brought back from the new unit
/// into the old one.
fn back_to_old(
    v: &Verdict,
    plan: &GenPlan,
    changes: &[Option<(&'static str, &'static str)>],
) -> Verdict {
    let mut v = v.clone();
    for iv in &mut v.indicators {
        let Some(k) = plan.index(&iv.id) else {
            continue;
        };
        let Some((old, new)) = changes[k] else {
            continue;
        };
        let diff = plan.indicators[k].differences();
        iv.compared = iv.compared.map(|x| conv(x, new, old, diff));
        if let Some(m) = &mut iv.margin {
            m.value = conv(m.value, new, old, true);
        }
        iv.unit = Some(old.to_string());
    }
    v
}

fn normalized(mut v: Verdict) -> Verdict {
    for iv in &mut v.indicators {
        iv.compared = iv.compared.map(|x| x.normalize());
        if let Some(m) = &mut iv.margin {
            m.value = m.value.normalize();
            m.share = m.share.map(|x| x.normalize());
        }
    }
    v.exceeding_weight = v.exceeding_weight.normalize();
    v
}

/// Whether the value of indicator k lies on every rounding grid its limits would round it
/// to (so rounded-value and full-value judgement must agree).
fn on_grid(plan: &GenPlan, k: usize, cell: &Cell) -> bool {
    let ind = &plan.indicators[k];
    let Cell::Num { x, unit, mark, .. } = cell else {
        return matches!(cell, Cell::Blank);
    };
    if !mark.is_empty() {
        return false;
    }
    let diff = ind.differences();
    let from = unit.or(ind.unit);
    let in_ind = match (from, ind.unit) {
        (Some(f), Some(t)) => match conv_exact(*x, f, t, diff) {
            Some(y) => y,
            None => return false,
        },
        _ => *x,
    };
    if let Some(i) = ind.interval {
        if !(in_ind % i).is_zero() {
            return false;
        }
    }
    ind.limits().iter().all(|l| {
        let Some(parsed) = l.parsed() else {
            return false;
        };
        let step = ind
            .interval
            .unwrap_or_else(|| parsed.written_interval().value());
        let lu = l.unit.or(ind.unit);
        let xl = match (ind.unit, lu) {
            (Some(a), Some(b)) => conv_exact(in_ind, a, b, diff),
            _ => Some(in_ind),
        };
        xl.is_some_and(|xl| (xl % step).is_zero())
    })
}

/// Every check for one product: the fast path on the plan and its twins, and the laws.
pub fn check_product(ctx: &Ctx, gp: &GenProduct, rng: &mut Rng, out: &mut Vec<Disagreement>) {
    let plan = &ctx.main.plan;
    let base = rng.clone();
    rng.next_u64();
    let product = match gp.product(plan) {
        Ok(p) => p,
        Err(e) => {
            out.push(Disagreement {
                kind: "generator: a generated value does not read".into(),
                detail: e,
            });
            return;
        }
    };
    let exact = match ctx.main.engine.evaluate(&product) {
        Ok(v) => v,
        Err(e)
            if gp.at_edge()
                && matches!(
                    e.kind(),
                    duibiao::ErrorKind::Inexact | duibiao::ErrorKind::Overflow
                ) =>
        {
            fast_refuses_too(&ctx.main, &product, &gp.texts(), &e, out);
            return;
        }
        Err(e) => {
            out.push(Disagreement {
                kind: format!(
                    "exact: a generated product is an error: {}",
                    error_shape(&e.to_string())
                ),
                detail: e.to_string(),
            });
            return;
        }
    };
    let cells = gp.texts();
    fast_vs_exact(&ctx.main, "plan", &product, &cells, &exact, out);
    tier_law(plan, &exact, out);
    if gp.at_edge() {
        // The laws below move values between units, where a value at the edge may not fit.
        return;
    }
    // The laws compare numbers, not their written digits.
    let exact_n = normalized(exact.clone());
    let exact = &exact_n;

    // Order of indicators, standards and requirements; spelling of requirement keys.
    for (law, twin) in [("order", &ctx.perm), ("code-spelling", &ctx.spelt)] {
        let Some(twin) = twin else { continue };
        match twin.engine.evaluate(&product) {
            Ok(v) => law_compare(law, exact, &v, true, true, None, plan, "the twin plan", out),
            Err(e) => out.push(Disagreement {
                kind: format!(
                    "law {law}: the product is an error on the twin only: {}",
                    error_shape(&e.to_string())
                ),
                detail: format!("{e}"),
            }),
        }
    }

    // Columns in another order, some left out when blank, extra columns.
    let mut order: Vec<usize> = (0..plan.indicators.len())
        .filter(|&k| {
            gp.cells[k] != Cell::Blank || !base.clone().fork(&plan.indicators[k].id).chance(40)
        })
        .collect();
    base.clone().fork("csv").shuffle(&mut order);
    let csv = gp.csv(plan, &order, true);
    // Read as the library reads products for a plan (columns naming no indicator ignored);
    // the stream's summaries (fast path where it holds) must equal the verdict's summary.
    let engine = &ctx.main.engine;
    fn source<'c>(
        csv: &'c str,
        engine: &Engine,
    ) -> Result<duibiao::stream::Source<&'c [u8]>, duibiao::Error> {
        duibiao::stream::Source::csv(csv.as_bytes(), engine, &duibiao::Limits::default())
    }
    if let (Ok(a), Ok(b)) = (source(&csv, engine), source(&csv, engine)) {
        let summaries: Vec<_> = a
            .summaries(engine)
            .map(|s| s.map_err(|e| e.to_string()))
            .collect();
        let verdicts: Vec<_> = b
            .verdicts(engine)
            .map(|v| {
                v.map(|v| duibiao::verdict::Summary::of(&v))
                    .map_err(|e| e.to_string())
            })
            .collect();
        // Digit for digit (a decimal's `==` is numeric: 0.4000 == 0.4), so the summaries'
        // margins must agree in their written digits too, as the CSV writes them.
        let digits = |s: &[Result<duibiao::verdict::Summary, String>]| format!("{s:?}");
        if summaries != verdicts || digits(&summaries) != digits(&verdicts) {
            out.push(Disagreement {
                kind: "stream: summaries differ from the verdicts' summaries".into(),
                detail: format!("csv {csv:?}: {summaries:?} vs {verdicts:?}"),
            });
        }
    }
    let read = match source(&csv, engine) {
        Ok(s) => s.verdicts(engine).next(),
        Err(e) => Some(Err(e)),
    };
    match read {
        Some(Ok(v)) => law_compare(
            "csv-columns",
            exact,
            &v,
            true,
            true,
            None,
            plan,
            &format!("csv {csv:?}"),
            out,
        ),
        Some(Err(e)) => out.push(Disagreement {
            kind: if gp
                .extra
                .iter()
                .any(|(_, v)| !v.is_empty() && v.parse::<duibiao::Measurement>().is_err())
            {
                "law csv-columns: a column that names no indicator makes the row an error".into()
            } else {
                "law csv-columns: the CSV row is refused".into()
            },
            detail: format!("csv {csv:?}: {e}"),
        }),
        None => out.push(Disagreement {
            kind: "law csv-columns: no row read".into(),
            detail: format!("csv {csv:?}"),
        }),
    }

    // Values written in another unit of the same quantity.
    let mut other = gp.clone();
    let mut changed = false;
    let base = base.clone().fork("value-unit");
    for (k, cell) in other.cells.iter_mut().enumerate() {
        let ind = &plan.indicators[k];
        let rng = &mut base.clone().fork(&ind.id);
        let (Cell::Num { x, unit, u, mark }, Some(iu)) = (&mut *cell, ind.unit) else {
            continue;
        };
        let fam = FAMILIES[ind.family];
        if fam.len() < 2 || !rng.chance(60) {
            continue;
        }
        let from = unit.unwrap_or(iu);
        let choices: Vec<&'static str> = fam.iter().copied().filter(|o| *o != from).collect();
        let to = *rng.pick(&choices);
        let exact = conv_exact(*x, from, to, ind.differences())
            .zip(u.map_or(Some(None), |u| conv_exact(u, from, to, true).map(Some)));
        let Some((cx, cu)) = exact else {
            continue;
        };
        if !mark.is_empty() && !last_nonzero_is_five(cx) {
            // × 1.8 moves the last digit: the mark would no longer read.
            continue;
        }
        *x = cx;
        *u = cu;
        *unit = Some(to);
        changed = true;
    }
    if changed {
        match other
            .product(plan)
            .map(|p| (ctx.main.engine.evaluate(&p), p))
        {
            Ok((Ok(v), p)) => {
                let note = format!("values in other units: {}", other.row());
                law_compare("value-unit", exact, &v, false, true, None, plan, &note, out);
                fast_vs_exact(
                    &ctx.main,
                    "values in other units",
                    &p,
                    &other.texts(),
                    &v,
                    out,
                );
            }
            Ok((Err(e), _)) => out.push(Disagreement {
                kind: "law value-unit: the product in other units is an error".into(),
                detail: format!("{}: {e}", other.row()),
            }),
            Err(e) => out.push(Disagreement {
                kind: "generator: a generated value does not read".into(),
                detail: e,
            }),
        }
    }

    // The indicator written in another unit.
    if let Some((twin, changes)) = &ctx.unit {
        let mut explicit = gp.clone();
        for (k, cell) in explicit.cells.iter_mut().enumerate() {
            if let (Some((old, _)), Cell::Num { unit, .. }) = (changes[k], &mut *cell) {
                *unit = unit.or(Some(old));
            }
        }
        match explicit
            .product(&twin.plan)
            .map(|p| (twin.engine.evaluate(&p), p))
        {
            Ok((Ok(v), p)) => {
                let back = back_to_old(&v, plan, changes);
                let note = format!("indicator units {changes:?}, product {}", explicit.row());
                law_compare(
                    "indicator-unit",
                    exact,
                    &back,
                    false,
                    false,
                    None,
                    plan,
                    &note,
                    out,
                );
                fast_vs_exact(
                    twin,
                    "indicator in another unit",
                    &p,
                    &explicit.texts(),
                    &v,
                    out,
                );
            }
            Ok((Err(e), _)) => out.push(Disagreement {
                kind: "law indicator-unit: the product is an error on the twin".into(),
                detail: format!("{}: {e}\ntwin plan:\n{}", explicit.row(), twin.toml),
            }),
            Err(e) => out.push(Disagreement {
                kind: "generator: a generated value does not read".into(),
                detail: e,
            }),
        }
    }

    // Rounded-value judgement of values already on the rounding grid = full-value judgement.
    if let Some(full) = &ctx.full {
        match full.engine.evaluate(&product) {
            Ok(v) => {
                let only: Vec<bool> = plan
                    .indicators
                    .iter()
                    .enumerate()
                    .map(|(k, ind)| !ind.rounded || on_grid(plan, k, &gp.cells[k]))
                    .collect();
                if plan
                    .indicators
                    .iter()
                    .zip(&only)
                    .any(|(i, o)| i.rounded && *o)
                {
                    let mut a = exact.clone();
                    for iv in &mut a.indicators {
                        iv.method = duibiao::Method::FullValue;
                        iv.interval = None;
                    }
                    law_compare(
                        "rounded-on-grid",
                        &a,
                        &v,
                        true,
                        true,
                        Some(&only),
                        plan,
                        "the plan judged full-value",
                        out,
                    );
                }
                fast_vs_exact(
                    full,
                    "rounded-value judged full-value",
                    &product,
                    &cells,
                    &v,
                    out,
                );
            }
            Err(e) => out.push(Disagreement {
                kind: "law rounded-on-grid: the product is an error on the twin".into(),
                detail: e.to_string(),
            }),
        }
    }
}
