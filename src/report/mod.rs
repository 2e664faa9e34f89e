//! Reports people file: a [`Report`] model built only from verdicts and a ranking — it copies
//! and counts, it never judges — and renderers for Markdown, CSV and JSON, with labels in
//! Chinese, English or both ([`Lang`]).
//!
//! Numbers are printed with their own written digits (each [`Decimal`]'s scale, never through
//! binary floating point): `4.00 L` stays `4.00`, a score `142.50`.
//!
//! The summary counts leaders, followers and gaps and lists the indicators that cause gaps, with
//! how many products each stops and by how much (the worst and the median margin share): the
//! list an enterprise uses to raise its standard (达标提升).
//!
//! ```
//! use duibiao::{Plan, Product};
//! use duibiao::rank::Ranker;
//! use duibiao::report::{Lang, Report};
//!
//! let plan = Plan::from_toml_str(r#"
//! schema_version = 1
//! category = { zh = "智能坐便器", en = "smart toilet" }
//! [[standards]]
//! code = "T/CZGX 001-2022"
//! role = "benchmark"
//! [[indicators]]
//! id = "flush-water"
//! name = { zh = "冲洗平均用水量", en = "average flush water volume" }
//! unit = "L"
//! direction = "lower-is-better"
//! requirements = { "T/CZGX 001-2022" = "≤ 4.0 L" }
//! "#)?;
//! let engine = plan.compile()?;
//! let products = [
//!     Product::new("A").with("flush-water", "3.60")?,
//!     Product::new("B").with("flush-water", "4.2")?,
//! ];
//! let verdicts = products.iter().map(|p| engine.evaluate(p)).collect::<Result<Vec<_>, _>>()?;
//! let ranking = Ranker::new(&engine)?.rank(&verdicts)?;
//! let report = Report::new(engine.category(), &verdicts, Some(&ranking)).with_names(&plan);
//! assert_eq!(report.summary.gaps, 1);
//! assert_eq!(report.summary.gap_causes[0].indicator, "flush-water");
//! let md = report.to_markdown(Lang::En);
//! assert!(md.contains("| flush-water average flush water volume | 3.60 |"));
//! let csv = report.to_csv(Lang::Zh);
//! assert!(csv.starts_with("product,class,rank,score,leader,indicator,"));
//! # Ok::<(), duibiao::Error>(())
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod about;
mod builder;
mod date;
mod html;
mod labels;
mod ranking;
mod rows;
mod standard;

pub use about::{BandEntry, GradeEntry, IndicatorEntry, LevelLimit, StandardEntry};
pub use builder::{CompactReport, ReportBuilder};
pub use date::{date_of_epoch, date_text, utc_date};
pub use labels::Label;
pub use ranking::{ranking, write_ranking};
pub use rows::{explain, Format, RowWriter, Tally};
pub use standard::standard_verdict;

use crate::engine::Engine;
use crate::error::{t, Error};
use crate::indicator::IndicatorClass;
use crate::plan::Plan;
use crate::rank::{Decimals, Packed, Ranking, Standing};
use crate::schema_text::DecimalText;
use crate::standard::Names;
use crate::verdict::{Class, Outcome, PolicyApplied, SchemaVersion, StandardVerdict, Verdict};
use about::About;
use ranking::RankingRef;

pub use crate::error::Lang;

impl Lang {
    /// A label in this language.
    fn label(self, zh: &str, en: &str) -> String {
        match self {
            Lang::Zh => zh.to_owned(),
            Lang::En => en.to_owned(),
            Lang::Both => format!("{zh} {en}"),
        }
    }

    /// A name in this language, falling back to the other one.
    fn name(self, names: &Names) -> String {
        let zh = names.zh.as_deref();
        let en = names.en.as_deref();
        match (self, zh, en) {
            (Lang::Zh, Some(z), _) | (Lang::En, Some(z), None) => z.to_owned(),
            (Lang::En, _, Some(e)) | (Lang::Zh, None, Some(e)) => e.to_owned(),
            (Lang::Both, Some(z), Some(e)) => format!("{z} {e}"),
            (Lang::Both, Some(one), None) | (Lang::Both, None, Some(one)) => one.to_owned(),
            (_, None, None) => String::new(),
        }
    }

    fn class(self, c: Class) -> String {
        self.label(c.zh(), c.as_str())
    }

    fn outcome(self, o: Outcome) -> String {
        self.label(o.zh(), o.as_str())
    }
}

/// For serde: a count of zero is left out.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One indicator row of a product: the verdict's evidence, copied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct IndicatorRow {
    /// `id`: the indicator's id.
    pub id: String,
    /// `name`: its name, where the plan gives one.
    #[serde(default, skip_serializing_if = "Names::is_empty")]
    pub name: Names,
    /// `class`: basic, core or innovation.
    pub class: IndicatorClass,
    /// `value`: the value as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// `compared`: the value as compared, in the indicator's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub compared: Option<Decimal>,
    /// `unit`: the indicator's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// `grade`: the grade (level, 等级) reached, where the indicator is graded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Names>,
    /// `limit`: the benchmark level's limit that decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// `standard`: the standard that set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// `margin`: the margin to the benchmark level, in the indicator's unit (positive: better).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub margin: Option<Decimal>,
    /// `share`: the margin as a share of the level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub share: Option<Decimal>,
    /// `outcome`: the outcome.
    pub outcome: Outcome,
}

impl IndicatorRow {
    /// A row with nothing in it, to be filled in place.
    pub(crate) fn empty() -> IndicatorRow {
        IndicatorRow {
            id: String::new(),
            name: Names::default(),
            class: IndicatorClass::Core,
            value: None,
            compared: None,
            unit: None,
            grade: None,
            limit: None,
            standard: None,
            margin: None,
            share: None,
            outcome: Outcome::Missing,
        }
    }
}

/// One product (or standard) of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct ProductReport {
    /// `id`: the product's id.
    pub id: String,
    /// `class`: leader, follower or gap.
    pub class: Class,
    /// `decided-by`: the indicators that decided the class.
    pub decided_by: Vec<String>,
    /// `rank`: its rank, when ranked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    /// `score`: its score, when ranked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub score: Option<Decimal>,
    /// `leader`: chosen as a leader (领跑者) by the ranking.
    pub leader: bool,
    /// `indicators`: per indicator, in plan order.
    pub indicators: Vec<IndicatorRow>,
}

impl ProductReport {
    /// A product with nothing in it, to be filled in place.
    pub(crate) fn empty() -> ProductReport {
        ProductReport {
            id: String::new(),
            class: Class::Gap,
            decided_by: Vec::new(),
            rank: None,
            score: None,
            leader: false,
            indicators: Vec::new(),
        }
    }
}

/// One indicator that causes gaps, with how many and by how much (达标提升).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct GapCause {
    /// `indicator`: the indicator's id.
    pub indicator: String,
    /// `name`: its name, where the plan gives one.
    #[serde(default, skip_serializing_if = "Names::is_empty")]
    pub name: Names,
    /// `products`: the products it makes a gap (it falls short or is missing there).
    pub products: usize,
    /// `falls-short`: of which falling short.
    pub falls_short: usize,
    /// `missing`: of which missing.
    pub missing: usize,
    /// `incomparable`: of which incomparable with the level (a standard's requirement only).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub incomparable: usize,
    /// `worst-share`: the most negative margin share among those falling short.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub worst_share: Option<Decimal>,
    /// `median-share`: the median margin share among those falling short (the mean of the middle two for an
    /// even count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub median_share: Option<Decimal>,
    /// `worst-margin`: the most negative margin, in the indicator's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub worst_margin: Option<Decimal>,
    /// `unit`: the indicator's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// The summary block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Summary {
    /// `products`: products reported.
    pub products: usize,
    /// `leaders`: of class leader (领跑).
    pub leaders: usize,
    /// `followers`: of class follower (跟跑).
    pub followers: usize,
    /// `gaps`: of class gap (差距).
    pub gaps: usize,
    /// `ranked`: ranked, when a ranking is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranked: Option<usize>,
    /// `chosen-leaders`: chosen leaders (领跑者) of the ranking, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen_leaders: Option<usize>,
    /// `gap-causes`: the indicators that cause gaps, most products first (达标提升).
    pub gap_causes: Vec<GapCause>,
}

/// A report over verdicts and, optionally, a ranking. Serializable; render it with
/// [`Report::to_markdown`], [`Report::to_html`], [`Report::to_csv`] or [`Report::to_json`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Report {
    /// `schema-version`: the version of this output's schema, 1 in this build;
    /// always the first key.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// `category`: the product category.
    pub category: Names,
    /// `version`: the plan's own version (`2026-1`), when the plan states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `date`: the report's date as the caller gives it ([`Report::dated`]), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `crate-version`: the version of duibiao that wrote the report.
    pub crate_version: String,
    /// `policy`: the classification policy applied, when the plan is given
    /// ([`Report::with_plan`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyApplied>,
    /// `standards`: the plan's standards with their titles, roles and kinds, in plan order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<StandardEntry>,
    /// `standard-verdict`: the subject (enterprise) standard's own comparison with the
    /// benchmark level, when the plan names a subject standard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_verdict: Option<StandardVerdict>,
    /// `indicators`: the plan's indicators with their units, directions, classes, weights,
    /// benchmark levels and grade boundaries, in plan order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorEntry>,
    /// `summary`: the counts and the gap causes.
    pub summary: Summary,
    /// `ranking`: the ranking, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Ranking>,
    /// `products`: per product, in the order of the verdicts.
    pub products: Vec<ProductReport>,
}

/// The JSON Schema (draft 2020-12) of a [`Report`] (`report --format json`), schema version
/// 1, as pretty JSON ending in a newline: the content of `docs/schema/report-v1.schema.json`.
///
/// ```
/// let schema = duibiao::report::report_json_schema();
/// assert!(schema.contains("\"gap-causes\""));
/// ```
pub fn report_json_schema() -> String {
    crate::schema_text::output_json_schema::<Report>()
}

/// The version of this crate, as reports name it.
pub const CRATE_VERSION: &str = env!("CARGO_PKG_VERSION");

impl Report {
    /// Builds the report from verdicts (in the order given) and an optional ranking of them.
    /// The summary is counted as [`ReportBuilder`] counts it; a product's rank is looked up
    /// by id (the first ranked entry of that id).
    pub fn new(category: &Names, verdicts: &[Verdict], ranking: Option<&Ranking>) -> Report {
        let mut places: BTreeMap<&str, Standing> = BTreeMap::new();
        for e in ranking.iter().flat_map(|r| &r.ranked) {
            places.entry(e.id.as_str()).or_insert(Standing {
                rank: e.rank,
                score: e.score.total,
                leader: e.leader,
            });
        }
        let mut tally = SummaryTally::default();
        let products = verdicts
            .iter()
            .map(|v| {
                tally.push(v);
                product_of(v, places.get(v.product.as_str()).copied())
            })
            .collect();
        let mut report = Report::head(category);
        report.summary = tally.finish(ranking.map(|r| (r.ranked.len(), r.leader_count)));
        report.ranking = ranking.cloned();
        report.products = products;
        report
    }

    /// A report of a category with nothing in it yet.
    fn head(category: &Names) -> Report {
        Report {
            schema_version: SchemaVersion::CURRENT,
            category: category.clone(),
            version: None,
            date: None,
            crate_version: CRATE_VERSION.to_owned(),
            policy: None,
            standards: Vec::new(),
            standard_verdict: None,
            indicators: Vec::new(),
            summary: SummaryTally::default().finish(None),
            ranking: None,
            products: Vec::new(),
        }
    }

    /// Dates the report (`2026-12-01`: [`date_text`] checks a text, [`utc_date`] gives the date
    /// of a moment). The date is given, never read from a clock, so that a report is
    /// reproducible.
    #[must_use]
    pub fn dated(mut self, date: impl Into<String>) -> Report {
        self.date = Some(date.into());
        self
    }

    /// Adds what the compiled plan the verdicts came from says: its version, the policy
    /// applied, the standards, the subject standard's comparison (when the plan names one),
    /// each indicator's unit, direction, class, weight, benchmark level and grade boundaries,
    /// and the indicator names ([`Report::with_names`]).
    ///
    /// # Errors
    ///
    /// As [`Engine::compare_standards`] when the plan names a subject standard.
    pub fn with_plan(mut self, engine: &Engine) -> Result<Report, Error> {
        self.describe(engine)?;
        let names: BTreeMap<&str, &Names> = engine.indicator_names().collect();
        for p in &mut self.products {
            for row in &mut p.indicators {
                if let Some(n) = names.get(row.id.as_str()) {
                    row.name = (*n).clone();
                }
            }
        }
        name_causes(&mut self.summary, &names);
        Ok(self)
    }

    /// Sets the plan's parts of the report, the products apart.
    fn describe(&mut self, engine: &Engine) -> Result<(), Error> {
        let about = About::of(engine)?;
        self.category = engine.category().clone();
        self.version = about.version;
        self.policy = Some(about.policy);
        self.standards = about.standards;
        self.standard_verdict = about.standard_verdict;
        self.indicators = about.indicators;
        Ok(())
    }

    /// Adds the indicator names of the plan the verdicts came from.
    #[must_use]
    pub fn with_names(mut self, plan: &Plan) -> Report {
        let names = plan_names(plan);
        for p in &mut self.products {
            for row in &mut p.indicators {
                if let Some(n) = names.get(row.id.as_str()) {
                    row.name = (*n).clone();
                }
            }
        }
        name_causes(&mut self.summary, &names);
        self
    }

    /// The report as pretty JSON, ending in a newline (labels are the model's field names).
    ///
    /// # Errors
    ///
    /// Never in practice: the model is plain data; kept fallible for the serializer's sake.
    pub fn to_json(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(self)
            .map(|s| s + "\n")
            .map_err(|e| {
                let said = t!(crate::text::msg::JSON_WRITER_SAYS, e.to_string());
                Error::invalid("report", "json", said)
            })
    }

    /// The report as CSV: one row per product × indicator, with the stable header
    /// `product,class,rank,score,leader,indicator,indicator-name,indicator-class,value,compared,unit,grade,limit,standard,margin,margin-share,outcome`.
    /// Classes and outcomes are written in their kebab-case names whatever the language;
    /// indicator and grade names follow `lang`.
    pub fn to_csv(&self, lang: Lang) -> String {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = write_csv(&mut out, lang, self.products.iter().map(Cow::Borrowed));
        text_of(out)
    }

    /// The report as one self-contained HTML file (inline CSS and SVG, no script, no external
    /// resource): the head, the standards, the subject standard's comparison, the class
    /// counts, per core indicator the distribution of the compared values against the
    /// benchmark level and the grade boundaries, the leaders, and one row of evidence per
    /// product.
    pub fn to_html(&self, lang: Lang) -> String {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = html::write_html(
            &mut out,
            lang,
            self,
            self.ranking.as_ref().map(RankingRef::Full),
            &mut |f| self.products.iter().try_for_each(f),
        );
        text_of(out)
    }

    /// The report as Markdown: a title, the summary with the gap causes (达标提升), the ranking
    /// when given, and an indicator table per product.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = write_markdown(
            &mut out,
            lang,
            self,
            self.ranking.as_ref().map(RankingRef::Full),
            &mut |f| self.products.iter().try_for_each(f),
        );
        text_of(out)
    }
}

/// Text written as UTF-8 by the renderers.
fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The names of a plan's indicators by id.
fn plan_names(plan: &Plan) -> BTreeMap<&str, &Names> {
    plan.indicators
        .iter()
        .map(|i| (i.id.as_str(), &i.name))
        .collect()
}

fn name_causes(summary: &mut Summary, names: &BTreeMap<&str, &Names>) {
    for c in &mut summary.gap_causes {
        if let Some(n) = names.get(c.indicator.as_str()) {
            c.name = (*n).clone();
        }
    }
}

/// A product of the report, copied from its verdict, with its place in the ranking.
pub(crate) fn product_of(v: &Verdict, standing: Option<Standing>) -> ProductReport {
    ProductReport {
        id: v.product.clone(),
        class: v.class,
        decided_by: v.decided_by.clone(),
        rank: standing.map(|s| s.rank),
        score: standing.map(|s| s.score),
        leader: standing.is_some_and(|s| s.leader),
        indicators: v
            .indicators
            .iter()
            .map(|i| IndicatorRow {
                id: i.id.clone(),
                name: Names::default(),
                class: i.class,
                value: i.value.clone(),
                compared: i.compared,
                unit: i.unit.clone(),
                grade: i.grade_shown(),
                limit: i.limit_shown(),
                standard: i.standard.clone(),
                margin: i.margin.map(|m| m.value),
                share: i.margin.and_then(|m| m.share),
                outcome: i.outcome,
            })
            .collect(),
    }
}

/// The summary counted one verdict at a time: the classes, and per indicator that decides a
/// gap its counts, its worst margin and every margin share (8 bytes each, for the median).
/// The one place the summary is computed, for [`Report::new`] and [`ReportBuilder`].
#[derive(Clone, Debug, Default)]
struct SummaryTally {
    products: usize,
    leaders: usize,
    followers: usize,
    gaps: usize,
    causes: BTreeMap<String, (GapCause, Vec<Packed>)>,
    decimals: Decimals,
}

impl SummaryTally {
    /// The bytes of the margin shares kept for the medians.
    fn bytes_held(&self) -> usize {
        self.causes
            .values()
            .map(|(_, s)| s.capacity() * std::mem::size_of::<Packed>())
            .sum::<usize>()
            + self.decimals.bytes_held()
    }

    fn push(&mut self, v: &Verdict) {
        self.products += 1;
        match v.class {
            Class::Leader => self.leaders += 1,
            Class::Follower => self.followers += 1,
            Class::Gap => self.gaps += 1,
        }
        if v.class != Class::Gap {
            return;
        }
        for id in &v.decided_by {
            let Some(i) = v.indicators.iter().find(|i| &i.id == id) else {
                continue;
            };
            if !self.causes.contains_key(i.id.as_str()) {
                let cause = GapCause {
                    indicator: i.id.clone(),
                    name: Names::default(),
                    products: 0,
                    falls_short: 0,
                    missing: 0,
                    incomparable: 0,
                    worst_share: None,
                    median_share: None,
                    worst_margin: None,
                    unit: i.unit.clone(),
                };
                self.causes.insert(i.id.clone(), (cause, Vec::new()));
            }
            let Some((c, shares)) = self.causes.get_mut(i.id.as_str()) else {
                continue;
            };
            c.products += 1;
            match i.outcome {
                Outcome::Missing => c.missing += 1,
                Outcome::FallsShort => c.falls_short += 1,
                Outcome::Incomparable => c.incomparable += 1,
                _ => {}
            }
            if let Some(m) = i.margin {
                c.worst_margin = Some(c.worst_margin.map_or(m.value, |w| w.min(m.value)));
                if let Some(share) = m.share {
                    shares.push(self.decimals.pack(share));
                }
            }
        }
    }

    /// The summary, with the ranked and chosen counts of a ranking when given.
    fn finish(self, ranking: Option<(usize, usize)>) -> Summary {
        let decimals = &self.decimals;
        let mut causes: Vec<GapCause> = self
            .causes
            .into_values()
            .map(|(mut c, shares)| {
                let mut shares: Vec<Decimal> =
                    shares.into_iter().map(|p| decimals.value(p)).collect();
                shares.sort();
                c.worst_share = shares.first().copied();
                c.median_share = median(&shares);
                c
            })
            .collect();
        causes.sort_by(|a, b| {
            b.products
                .cmp(&a.products)
                .then(a.worst_share.is_none().cmp(&b.worst_share.is_none()))
                .then(a.worst_share.cmp(&b.worst_share))
                .then(a.indicator.cmp(&b.indicator))
        });
        Summary {
            products: self.products,
            leaders: self.leaders,
            followers: self.followers,
            gaps: self.gaps,
            ranked: ranking.map(|r| r.0),
            chosen_leaders: ranking.map(|r| r.1),
            gap_causes: causes,
        }
    }
}

/// Writes the Markdown report: what [`Report::to_markdown`] and
/// [`CompactReport::write_markdown`] print.
fn write_markdown<W: io::Write>(
    out: &mut W,
    lang: Lang,
    head: &Report,
    ranking: Option<RankingRef<'_>>,
    products: &mut EachProduct<'_>,
) -> io::Result<()> {
    let l = |x: Label| x.in_lang(lang);
    let sm = &head.summary;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {}: {}\n",
        l(Label::Report),
        md(&lang.name(&head.category))
    );
    about::markdown_head(&mut s, lang, head);
    let _ = writeln!(s, "## {}\n", l(Label::Summary));
    let _ = writeln!(s, "| {} | {} |", l(Label::Item), l(Label::Count));
    s.push_str("|---|---:|\n");
    let mut line = |label: &str, n: usize| {
        let _ = writeln!(s, "| {label} | {n} |");
    };
    line(&l(Label::Products), sm.products);
    line(&lang.class(Class::Leader), sm.leaders);
    line(&lang.class(Class::Follower), sm.followers);
    line(&lang.class(Class::Gap), sm.gaps);
    if let Some(n) = sm.ranked {
        line(&l(Label::Ranked), n);
    }
    if let Some(n) = sm.chosen_leaders {
        line(&l(Label::ChosenLeaders), n);
    }
    s.push('\n');
    let _ = writeln!(s, "### {}\n", l(Label::GapCauses));
    if sm.gap_causes.is_empty() {
        let _ = writeln!(s, "{}\n", l(Label::NoGaps));
    } else {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            l(Label::Indicator),
            l(Label::ProductsWithGap),
            lang.outcome(Outcome::FallsShort),
            lang.outcome(Outcome::Missing),
            l(Label::WorstShare),
            l(Label::MedianShare),
            l(Label::WorstMargin),
        );
        s.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
        for c in &sm.gap_causes {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md(&titled(&c.indicator, &lang.name(&c.name))),
                c.products,
                c.falls_short,
                c.missing,
                dash(c.worst_share),
                dash(c.median_share),
                with_unit(c.worst_margin, c.unit.as_deref()),
            );
        }
        s.push('\n');
    }
    if let Some(r) = ranking {
        let _ = writeln!(s, "## {}\n", l(Label::Ranking));
        // By tier: each indicator's tier rank, and the indicators left out of the ranking.
        let by_tier = r.by_tier();
        let _ = write!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            l(Label::Rank),
            l(Label::Product),
            l(Label::Score),
            l(Label::Exceeding),
            l(Label::Class),
            l(Label::ChosenLeader),
        );
        if by_tier {
            let _ = write!(s, " {} |", l(Label::TierRanks));
        }
        s.push_str(if by_tier {
            "\n|---:|---|---:|---:|---|---|---|\n"
        } else {
            "\n|---:|---|---:|---:|---|---|\n"
        });
        for e in r.ranked() {
            let _ = write!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                e.rank,
                md(&e.id),
                e.score.total,
                e.score.exceeding,
                lang.class(e.class),
                if e.leader { "✓" } else { "" }
            );
            if by_tier {
                let _ = write!(s, " {} |", md(&ranking::tier_ranks(&e)));
            }
            s.push('\n');
            flush_full(out, &mut s)?;
        }
        if !r.left_out().is_empty() {
            let _ = writeln!(
                s,
                "\n{}: {}",
                l(Label::LeftOut),
                md(&r.left_out().join(", "))
            );
        }
        if r.ineligible_len() > 0 {
            let _ = writeln!(s, "\n| {} | {} |", l(Label::NotRanked), l(Label::Because));
            s.push_str("|---|---|\n");
            for i in r.ineligible() {
                let why: Vec<String> = i
                    .reasons
                    .iter()
                    .map(|r| format!("{} {}", r.indicator, lang.outcome(r.outcome)))
                    .collect();
                let _ = writeln!(s, "| {} | {} |", md(&i.id), md(&why.join("; ")));
                flush_full(out, &mut s)?;
            }
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## {}\n", l(Label::ProductsHeading));
    products(&mut |p: &ProductReport| {
        write_product(&mut s, lang, p);
        flush_full(out, &mut s)
    })?;
    out.write_all(s.as_bytes())
}

/// The products of a report, each handed to `f` in turn.
pub(crate) type EachProduct<'a> =
    dyn FnMut(&mut dyn FnMut(&ProductReport) -> io::Result<()>) -> io::Result<()> + 'a;

/// A Markdown table cell written into `s`: escaped by [`md`] where the text holds ASCII
/// punctuation Markdown may read, copied as it is otherwise (no allocation).
fn put_md(s: &mut String, text: &str) {
    let plain = text.bytes().all(|b| {
        !(b.is_ascii_control() || b.is_ascii_punctuation())
            || matches!(
                b,
                b'.' | b'-' | b'+' | b'%' | b'/' | b':' | b',' | b'(' | b')' | b'=' | b'~'
            )
    });
    if plain {
        s.push_str(text);
    } else {
        s.push_str(&md(text));
    }
}

/// A name in `lang` written into `s` (as [`Lang::name`] gives it), escaped.
fn put_name(s: &mut String, lang: Lang, names: &Names) {
    let zh = names.zh.as_deref();
    let en = names.en.as_deref();
    match (lang, zh, en) {
        (Lang::Zh, Some(z), _) | (Lang::En, Some(z), None) => put_md(s, z),
        (Lang::En, _, Some(e)) | (Lang::Zh, None, Some(e)) => put_md(s, e),
        (Lang::Both, Some(z), Some(e)) => {
            put_md(s, z);
            s.push(' ');
            put_md(s, e);
        }
        (Lang::Both, Some(one), None) | (Lang::Both, None, Some(one)) => put_md(s, one),
        (_, None, None) => {}
    }
}

/// A decimal, or `—` for none.
fn put_dash(s: &mut String, x: Option<Decimal>) {
    match x {
        Some(x) => {
            let _ = write!(s, "{x}");
        }
        None => s.push('—'),
    }
}

/// One product's section of the Markdown report, written into `s` without allocating once
/// `s` is large enough.
fn write_product(s: &mut String, lang: Lang, p: &ProductReport) {
    s.push_str("### ");
    put_md(s, &p.id);
    s.push_str(" — ");
    labels::put_pair(s, lang, p.class.zh(), p.class.as_str());
    if let (Some(rank), Some(score)) = (p.rank, p.score) {
        s.push_str(" (");
        labels::put(s, lang, Label::Rank);
        let _ = write!(s, " {rank}, ");
        labels::put(s, lang, Label::Score);
        let _ = write!(s, " {score}");
        if p.leader {
            s.push_str(", ");
            labels::put(s, lang, Label::ChosenLeader);
        }
        s.push(')');
    }
    s.push_str("\n\n");
    if !p.decided_by.is_empty() {
        labels::put(s, lang, Label::DecidedBy);
        s.push_str(": ");
        for (k, id) in p.decided_by.iter().enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            put_md(s, id);
        }
        s.push_str("\n\n");
    }
    for label in [
        Label::Indicator,
        Label::Value,
        Label::Grade,
        Label::Limit,
        Label::Standard,
        Label::Margin,
        Label::Share,
        Label::Outcome,
    ] {
        s.push_str("| ");
        labels::put(s, lang, label);
        s.push(' ');
    }
    s.push_str("|\n|---|---:|---|---|---|---:|---:|---|\n");
    for i in &p.indicators {
        s.push_str("| ");
        put_md(s, &i.id);
        let before = s.len();
        s.push(' ');
        put_name(s, lang, &i.name);
        if s.len() == before + 1 {
            s.truncate(before);
        }
        s.push_str(" | ");
        put_md(s, i.value.as_deref().unwrap_or("—"));
        s.push_str(" | ");
        match &i.grade {
            Some(g) => put_name(s, lang, g),
            None => s.push('—'),
        }
        s.push_str(" | ");
        put_md(s, i.limit.as_deref().unwrap_or("—"));
        s.push_str(" | ");
        put_md(s, i.standard.as_deref().unwrap_or("—"));
        s.push_str(" | ");
        put_dash(s, i.margin);
        if let (Some(_), Some(u)) = (i.margin, i.unit.as_deref().filter(|u| !u.is_empty())) {
            s.push(' ');
            put_md(s, u);
        }
        s.push_str(" | ");
        put_dash(s, i.share);
        s.push_str(" | ");
        labels::put_pair(s, lang, i.outcome.zh(), i.outcome.as_str());
        s.push_str(" |\n");
    }
    s.push('\n');
}

/// Writes the CSV report: what [`Report::to_csv`] and [`CompactReport::write_csv`] print.
fn write_csv<'p, W: io::Write>(
    out: &mut W,
    lang: Lang,
    products: impl Iterator<Item = Cow<'p, ProductReport>>,
) -> io::Result<()> {
    let mut w = csv_writer(out);
    w.write_record(
        LONG_HEAD
            .iter()
            .take(2)
            .chain(&RANKED_HEAD)
            .chain(LONG_HEAD.iter().skip(2)),
    )?;
    for p in products {
        long_rows(&mut w, lang, &p, true, false)?;
    }
    w.flush()
}

/// The columns of a long CSV (one row per product × indicator), without the ranking's.
pub(crate) const LONG_HEAD: [&str; 14] = [
    "product",
    "class",
    "indicator",
    "indicator-name",
    "indicator-class",
    "value",
    "compared",
    "unit",
    "grade",
    "limit",
    "standard",
    "margin",
    "margin-share",
    "outcome",
];

/// The ranking's columns of the report CSV, after `product` and `class`.
const RANKED_HEAD: [&str; 3] = ["rank", "score", "leader"];

/// The UTF-8 byte order mark, `EF BB BF`: written first, it tells Excel a CSV is UTF-8
/// ([`RowWriter::bom`]; the CLI's `--bom`).
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes one product's rows of a long CSV: the report CSV's (`ranked`: with its rank, score
/// and leader columns) and `evaluate --format csv-long`'s (without them, `error`: with an
/// empty `error` cell last).
pub(crate) fn long_rows<W: io::Write>(
    w: &mut csv::Writer<W>,
    lang: Lang,
    p: &ProductReport,
    ranked: bool,
    error: bool,
) -> io::Result<()> {
    let (rank, score) = (opt(p.rank), opt(p.score));
    for i in &p.indicators {
        w.write_field(&p.id)?;
        w.write_field(p.class.as_str())?;
        if ranked {
            w.write_field(&rank)?;
            w.write_field(&score)?;
            w.write_field(if p.leader { "true" } else { "false" })?;
        }
        w.write_field(&i.id)?;
        w.write_field(lang.name(&i.name))?;
        w.write_field(class_name(i.class))?;
        w.write_field(i.value.as_deref().unwrap_or_default())?;
        w.write_field(opt(i.compared))?;
        w.write_field(i.unit.as_deref().unwrap_or_default())?;
        w.write_field(i.grade.as_ref().map(|g| lang.name(g)).unwrap_or_default())?;
        w.write_field(i.limit.as_deref().unwrap_or_default())?;
        w.write_field(i.standard.as_deref().unwrap_or_default())?;
        w.write_field(opt(i.margin))?;
        w.write_field(opt(i.share))?;
        w.write_field(i.outcome.as_str())?;
        if error {
            w.write_field("")?;
        }
        w.write_record(None::<&[u8]>)?;
    }
    Ok(())
}

/// The CSV writer of every CSV output: RFC 4180 quoting (a field holding a comma, a quote, a
/// carriage return or a line feed is quoted, quotes doubled), `\n` line ends, records as
/// written (no header handling), buffered 64 KiB.
pub(crate) fn csv_writer<W: io::Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(1 << 16)
        .from_writer(out)
}

/// Writes the text gathered so far once it passes 64 KiB, and starts again.
pub(crate) fn flush_full<W: io::Write>(out: &mut W, s: &mut String) -> io::Result<()> {
    if s.len() >= 1 << 16 {
        out.write_all(s.as_bytes())?;
        s.clear();
    }
    Ok(())
}

/// The median of sorted values: the middle one, or the mean of the middle two (exact).
fn median(sorted: &[Decimal]) -> Option<Decimal> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let hi = sorted.get(n / 2).copied()?;
    if n % 2 == 1 {
        return Some(hi);
    }
    let lo = sorted.get(n / 2 - 1).copied()?;
    // Exact where a decimal holds the mean; otherwise (a sum beyond 28 significant digits, a
    // half beyond 28 decimals) the nearest decimal: the median is shown, never judged.
    let sum = crate::number::exact::try_add(lo, hi).ok()?;
    crate::number::exact::try_div(sum, Decimal::TWO)
        .or_else(|_| crate::number::exact::div_shown(sum, Decimal::TWO))
        .ok()
        .map(|m| m.normalize())
}

fn class_name(c: IndicatorClass) -> &'static str {
    match c {
        IndicatorClass::Basic => "basic",
        IndicatorClass::Core => "core",
        _ => "innovation",
    }
}

fn titled(id: &str, name: &str) -> String {
    if name.is_empty() {
        id.to_owned()
    } else {
        format!("{id} {name}")
    }
}

fn opt<T: ToString>(x: Option<T>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

fn dash<T: ToString>(x: Option<T>) -> String {
    x.map(|x| x.to_string()).unwrap_or_else(|| "—".to_owned())
}

fn with_unit(x: Option<Decimal>, unit: Option<&str>) -> String {
    match (x, unit) {
        (Some(x), Some(u)) if !u.is_empty() => md(&format!("{x} {u}")),
        (Some(x), _) => x.to_string(),
        (None, _) => "—".to_owned(),
    }
}

/// Text as one Markdown table cell (GitHub Flavored Markdown), shown as written: the one
/// Markdown escaping of every renderer.
///
/// - a `|` would end the cell: written `\|`;
/// - a `\` is written `\\`, so a backslash before a `|` (or at the cell's end) cannot escape
///   the pipe the renderer relies on, and shows as itself;
/// - `<` and `&` are escaped (`\<`, `\&`), so text that looks like HTML (`<b>`, `<script>`) or an
///   entity (`&lt;`) shows as written instead of being rendered;
/// - `` ` `` is escaped, so no code span forms across cells;
/// - a line break (CR, LF or CRLF) would end the row: written as one space.
///
/// ```
/// use duibiao::report::markdown_cell;
/// assert_eq!(markdown_cell("a|b"), "a\\|b");
/// assert_eq!(markdown_cell("line\r\nbreak"), "line break");
/// assert_eq!(markdown_cell("<b>x</b> & y"), "\\<b>x\\</b> \\& y");
/// assert_eq!(markdown_cell("ends\\"), "ends\\\\");
/// ```
pub fn markdown_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '<' | '&' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(' ');
            }
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub(crate) use self::markdown_cell as md;

/// The columns `s` takes on a terminal: a Chinese character (and every East Asian wide or
/// fullwidth character) takes two, a combining mark none ([`unicode_width`]).
pub fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` padded with spaces on the right to `width` terminal columns ([`display_width`]); as
/// it is when already as wide: the one padding of every aligned table (`evaluate`, `rank`,
/// `compare`, the CLI's `demo` and `units`).
///
/// ```
/// use duibiao::report::{display_width, pad};
/// assert_eq!(pad("P1", 6), "P1    ");
/// assert_eq!(pad("冲水量", 8), "冲水量  ");
/// assert_eq!(display_width(&pad("冲水量", 8)), display_width(&pad("P1", 8)));
/// ```
pub fn pad(s: &str, width: usize) -> String {
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(display_width(s)),
    ));
    out
}
