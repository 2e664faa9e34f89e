//! A report built one verdict at a time, holding no verdict: [`ReportBuilder`] keeps per
//! product its id, class, deciding indicators and per indicator the value as given, three
//! decimals in 8 bytes each and one number naming the texts the plan repeats; the summary is
//! counted as it goes. [`CompactReport`] writes the same bytes as the [`Report`] it stands for.

use std::borrow::Cow;
use std::io;

use serde::Serialize;

use super::{
    name_causes, plan_names, write_csv, write_markdown, IndicatorRow, Lang, ProductReport, Report,
    Summary, SummaryTally,
};
use crate::engine::Engine;
use crate::error::Error;
use crate::plan::Plan;
use crate::rank::{
    index, outcome_code, outcome_of, CompactRanking, Decimals, Ids, Interner, Keys, Packed,
    RankBuilder, Ranker, Seq, Standing,
};
use crate::report::ranking::RankingRef;
use crate::standard::Names;
use crate::verdict::{Class, Outcome, Verdict};

/// What a row repeats from its plan: the indicator, its unit, limit, standard, grade reached
/// and outcome, each a code (text codes are 1 + the interned index, 0 for none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Context {
    key: u32,
    unit: u32,
    limit: u32,
    standard: u32,
    grade: u32,
    /// [`outcome_code`].
    outcome: u8,
}

/// What a report keeps of one indicator of one product: 32 bytes, and the value's text.
#[derive(Clone, Copy, Debug)]
struct Row {
    compared: Packed,
    margin: Packed,
    share: Packed,
    context: u32,
    /// The value's length in bytes, `u32::MAX` when there is none.
    value: u32,
}

/// What a report keeps of one product (the id apart): where its rows, values and deciding
/// indicators end, and its class. 32 bytes.
#[derive(Clone, Copy, Debug, Default)]
struct Record {
    rows: usize,
    values: usize,
    decided: usize,
    class: Option<Class>,
}

/// The products of a report, held compactly.
#[derive(Clone, Debug)]
struct Table {
    ids: Ids,
    records: Vec<Record>,
    rows: Vec<Row>,
    values: String,
    decided: Vec<u32>,
    decimals: Decimals,
    keys: Keys,
    texts: Interner<String>,
    /// Grade names as (zh, en).
    grades: Interner<(Option<String>, Option<String>)>,
    contexts: Interner<Context>,
    deciders: Interner<String>,
    /// The plan's name of each key, once named ([`CompactReport::with_names`]).
    names: Vec<Names>,
}

impl Table {
    fn bytes_held(&self) -> usize {
        use std::mem::size_of;
        self.ids.bytes_held()
            + self.records.capacity() * size_of::<Record>()
            + self.rows.capacity() * size_of::<Row>()
            + self.values.capacity()
            + self.decided.capacity() * size_of::<u32>()
            + self.decimals.bytes_held()
    }

    fn shrink(&mut self) {
        self.ids.shrink();
        self.records.shrink_to_fit();
        self.rows.shrink_to_fit();
        self.values.shrink_to_fit();
        self.decided.shrink_to_fit();
        self.decimals.shrink();
    }
}

/// Builds a report one verdict at a time ([`ReportBuilder::push`]), keeping no verdict: per
/// product about 32 bytes, the id, 4 bytes per deciding indicator and per indicator 32 bytes
/// with the value's text (`docs/ranking.md`, "Memory"), and the ranking's record when
/// ranked ([`ReportBuilder::ranked_by`], [`RankBuilder`]).
///
/// ```
/// use duibiao::{Plan, Product};
/// use duibiao::rank::Ranker;
/// use duibiao::report::{Lang, Report, ReportBuilder};
///
/// let plan = Plan::from_toml_str(r#"
/// schema_version = 1
/// category = { en = "smart toilet" }
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
/// let verdicts = [
///     engine.evaluate(&Product::new("A").with("flush-water", "3.60")?)?,
///     engine.evaluate(&Product::new("B").with("flush-water", "4.2")?)?,
/// ];
/// let mut builder = ReportBuilder::new(engine.category()).ranked_by(&ranker);
/// for v in &verdicts {
///     builder.push(v)?;
/// }
/// let report = builder.finish()?.with_names(&plan);
/// assert_eq!(report.summary().gaps, 1);
/// let mut md = Vec::new();
/// report.write_markdown(Lang::En, &mut md)?;
/// // The same bytes as the report built from the verdicts whole.
/// let ranking = ranker.rank(&verdicts)?;
/// let whole = Report::new(engine.category(), &verdicts, Some(&ranking)).with_names(&plan);
/// assert_eq!(String::from_utf8(md).unwrap(), whole.to_markdown(Lang::En));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ReportBuilder<'r> {
    head: Report,
    ranking: Option<RankBuilder<'r>>,
    table: Table,
    tally: SummaryTally,
    scratch: Vec<Row>,
    scratch_decided: Vec<u32>,
}

/// A text's code: 0 for none, else 1 + its interned index.
fn text_code(texts: &mut Interner<String>, slot: usize, text: Option<&str>) -> Result<u32, Error> {
    match text {
        None => Ok(0),
        Some(t) => texts.code(slot, t)?.checked_add(1).ok_or_else(|| {
            Error::overflow(crate::error::t!(
                crate::rank::compact_msg::MORE_THAN,
                crate::error::t!(crate::rank::compact_msg::DISTINCT_TEXTS)
            ))
        }),
    }
}

impl<'r> ReportBuilder<'r> {
    /// A builder for a report of this category, without a ranking.
    pub fn new(category: &Names) -> ReportBuilder<'r> {
        ReportBuilder {
            head: Report::head(category),
            ranking: None,
            table: Table {
                ids: Ids::default(),
                records: Vec::new(),
                rows: Vec::new(),
                values: String::new(),
                decided: Vec::new(),
                decimals: Decimals::default(),
                keys: Keys::new(Vec::new()),
                texts: Interner::default(),
                grades: Interner::default(),
                contexts: Interner::default(),
                deciders: Interner::default(),
                names: Vec::new(),
            },
            tally: SummaryTally::default(),
            scratch: Vec::new(),
            scratch_decided: Vec::new(),
        }
    }

    /// Ranks the products too, with `ranker` (its [`Ranker::builder`]); the report then holds
    /// the ranking and each product's rank, score and leader mark.
    #[must_use]
    pub fn ranked_by(mut self, ranker: &'r Ranker<'r>) -> ReportBuilder<'r> {
        self.table.keys = Keys::new(ranker.plan_keys());
        self.ranking = Some(ranker.builder());
        self
    }

    /// Adds one verdict.
    ///
    /// # Errors
    ///
    /// As [`RankBuilder::push`] when ranked (a score that overflows); the builder is then as
    /// it was before.
    pub fn push(&mut self, v: &Verdict) -> Result<(), Error> {
        let t = &mut self.table;
        index(
            t.records.len().saturating_add(1),
            crate::rank::compact_msg::PRODUCTS,
        )?;
        self.scratch.clear();
        for (at, i) in v.indicators.iter().enumerate() {
            let slot = at.saturating_mul(3);
            let context = Context {
                key: t.keys.code(at, &i.id, i.class)?,
                unit: text_code(&mut t.texts, slot, i.unit.as_deref())?,
                limit: text_code(&mut t.texts, slot + 1, i.limit_shown().as_deref())?,
                standard: text_code(&mut t.texts, slot + 2, i.standard.as_deref())?,
                grade: match &i.grade_shown() {
                    None => 0,
                    Some(g) => t
                        .grades
                        .code_with(
                            at,
                            |(zh, en)| *zh == g.zh && *en == g.en,
                            || (g.zh.clone(), g.en.clone()),
                        )?
                        .checked_add(1)
                        .ok_or_else(|| {
                            Error::overflow(crate::error::t!(
                                crate::rank::compact_msg::MORE_THAN,
                                crate::error::t!(crate::rank::compact_msg::GRADES)
                            ))
                        })?,
                },
                outcome: outcome_code(i.outcome),
            };
            let value = match &i.value {
                None => u32::MAX,
                Some(text) => {
                    index(text.len(), crate::rank::compact_msg::BYTES_IN_VALUE)?.min(u32::MAX - 1)
                }
            };
            self.scratch.push(Row {
                compared: t.decimals.pack_opt(i.compared),
                margin: t.decimals.pack_opt(i.margin.map(|m| m.value)),
                share: t.decimals.pack_opt(i.margin.and_then(|m| m.share)),
                context: t.contexts.code(at, &context)?,
                value,
            });
        }
        self.scratch_decided.clear();
        for (k, id) in v.decided_by.iter().enumerate() {
            self.scratch_decided.push(t.deciders.code(k, id.as_str())?);
        }
        if let Some(r) = &mut self.ranking {
            r.push(v)?;
        }
        // Nothing below fails: the product is added whole or not at all.
        for i in &v.indicators {
            t.values.push_str(i.value.as_deref().unwrap_or_default());
        }
        t.rows.extend_from_slice(&self.scratch);
        t.decided.extend_from_slice(&self.scratch_decided);
        t.ids.push(&v.product);
        t.records.push(Record {
            rows: t.rows.len(),
            values: t.values.len(),
            decided: t.decided.len(),
            class: Some(v.class),
        });
        self.tally.push(v);
        Ok(())
    }

    /// How many verdicts were pushed.
    pub fn len(&self) -> usize {
        self.table.records.len()
    }

    /// True before the first verdict.
    pub fn is_empty(&self) -> bool {
        self.table.records.is_empty()
    }

    /// The bytes its per-product tables hold (their capacity, which grows by doubling), the
    /// ranking's and the summary's margin shares included; the tables of what the plan
    /// repeats and the allocator's own overhead apart.
    pub fn bytes_held(&self) -> usize {
        self.table.bytes_held()
            + self.ranking.as_ref().map_or(0, RankBuilder::bytes_held)
            + self.tally.bytes_held()
    }

    /// The report.
    ///
    /// # Errors
    ///
    /// As [`RankBuilder::finish`] when ranked (two products with the same id).
    pub fn finish(mut self) -> Result<CompactReport, Error> {
        self.table.shrink();
        let ranking = self.ranking.map(RankBuilder::finish).transpose()?;
        let mut head = self.head;
        head.summary = self
            .tally
            .finish(ranking.as_ref().map(|r| (r.ranked_len(), r.leader_count())));
        Ok(CompactReport {
            head,
            ranking,
            table: self.table,
        })
    }
}

/// A report held compactly ([`ReportBuilder::finish`]): the summary and the ranking, and the
/// products made one at a time as they are written. It writes and serializes as the
/// [`Report`] it stands for, byte for byte ([`CompactReport::to_report`]).
#[derive(Clone, Debug)]
pub struct CompactReport {
    /// The report without its products and ranking.
    head: Report,
    ranking: Option<CompactRanking>,
    table: Table,
}

impl CompactReport {
    /// The product category.
    pub fn category(&self) -> &Names {
        &self.head.category
    }

    /// The summary.
    pub fn summary(&self) -> &Summary {
        &self.head.summary
    }

    /// The report without its products and its ranking: the category, version, date, crate
    /// version, policy, standards, the subject standard's comparison, the indicators and the
    /// summary.
    pub fn head(&self) -> &Report {
        &self.head
    }

    /// Dates the report ([`Report::dated`]).
    #[must_use]
    pub fn dated(mut self, date: impl Into<String>) -> CompactReport {
        self.head.date = Some(date.into());
        self
    }

    /// Adds what the compiled plan says ([`Report::with_plan`]).
    ///
    /// # Errors
    ///
    /// As [`crate::Engine::compare_standards`] when the plan names a subject standard.
    pub fn with_plan(mut self, engine: &Engine) -> Result<CompactReport, Error> {
        self.head.describe(engine)?;
        let names: std::collections::BTreeMap<&str, &Names> = engine.indicator_names().collect();
        self.name_by(&names);
        Ok(self)
    }

    fn name_by(&mut self, names: &std::collections::BTreeMap<&str, &Names>) {
        self.table.names = (0..self.table.keys.len())
            .map(|k| {
                let (id, _) = self.table.keys.get(k as u32);
                names.get(id).map(|n| (*n).clone()).unwrap_or_default()
            })
            .collect();
        name_causes(&mut self.head.summary, names);
    }

    /// The ranking, when ranked.
    pub fn ranking(&self) -> Option<&CompactRanking> {
        self.ranking.as_ref()
    }

    /// How many products.
    pub fn len(&self) -> usize {
        self.table.records.len()
    }

    /// The bytes its per-product tables hold: about 40 and the id per product, 4 per deciding
    /// indicator, 32 per indicator and its value's text, and the ranking's
    /// ([`CompactRanking::bytes_held`]) (`docs/ranking.md`, "Memory"); the tables of what the
    /// plan repeats and the allocator's overhead apart.
    pub fn bytes_held(&self) -> usize {
        self.table.bytes_held() + self.ranking.as_ref().map_or(0, CompactRanking::bytes_held)
    }

    /// True when there are no products.
    pub fn is_empty(&self) -> bool {
        self.table.records.is_empty()
    }

    /// Adds the indicator names of the plan the verdicts came from.
    #[must_use]
    pub fn with_names(mut self, plan: &Plan) -> CompactReport {
        let names = plan_names(plan);
        self.name_by(&names);
        self
    }

    /// The products, in the order pushed, each made when it is read.
    pub fn products(&self) -> impl ExactSizeIterator<Item = ProductReport> + '_ {
        (0..self.len()).map(move |i| self.product(i))
    }

    /// The whole [`Report`].
    pub fn to_report(&self) -> Report {
        let mut r = self.head.clone();
        r.ranking = self.ranking.as_ref().map(CompactRanking::to_ranking);
        r.products = self.products().collect();
        r
    }

    /// Writes the report as Markdown ([`Report::to_markdown`]).
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn write_markdown(&self, lang: Lang, mut out: impl io::Write) -> io::Result<()> {
        write_markdown(
            &mut out,
            lang,
            &self.head,
            self.ranking.as_ref().map(RankingRef::Compact),
            &mut |f| {
                let mut p = ProductReport::empty();
                for i in 0..self.len() {
                    self.product_into(i, &mut p);
                    f(&p)?;
                }
                Ok(())
            },
        )?;
        out.flush()
    }

    /// Writes the report as HTML ([`Report::to_html`]).
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn write_html(&self, lang: Lang, mut out: impl io::Write) -> io::Result<()> {
        super::html::write_html(
            &mut out,
            lang,
            &self.head,
            self.ranking.as_ref().map(RankingRef::Compact),
            &mut |f| {
                let mut p = ProductReport::empty();
                for i in 0..self.len() {
                    self.product_into(i, &mut p);
                    f(&p)?;
                }
                Ok(())
            },
        )?;
        out.flush()
    }

    /// Writes the report as CSV ([`Report::to_csv`]).
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn write_csv(&self, lang: Lang, mut out: impl io::Write) -> io::Result<()> {
        write_csv(&mut out, lang, self.products().map(Cow::Owned))?;
        out.flush()
    }

    /// Writes the report as pretty JSON ending in a newline ([`Report::to_json`]).
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn write_json(&self, mut out: impl io::Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")?;
        out.flush()
    }

    fn product(&self, i: usize) -> ProductReport {
        let mut p = ProductReport::empty();
        self.product_into(i, &mut p);
        p
    }

    /// Product `i` written into `p`, reusing its texts' buffers: once they are long enough,
    /// no allocation per product.
    pub(crate) fn product_into(&self, i: usize, p: &mut ProductReport) {
        let t = &self.table;
        let before = i
            .checked_sub(1)
            .and_then(|j| t.records.get(j).copied())
            .unwrap_or_default();
        let r = t.records.get(i).copied().unwrap_or_default();
        let standing: Option<Standing> = self.ranking.as_ref().and_then(|k| k.standing(i));
        let text = |code: u32| -> Option<&str> {
            let k = code.checked_sub(1)?;
            t.texts.get(k).map(String::as_str)
        };
        let mut at = before.values;
        let rows = t.rows.get(before.rows..r.rows).unwrap_or_default();
        p.indicators.truncate(rows.len());
        while p.indicators.len() < rows.len() {
            p.indicators.push(IndicatorRow::empty());
        }
        for (row, out) in rows.iter().zip(p.indicators.iter_mut()) {
            let c = t.contexts.get(row.context).copied();
            let key = c.map_or(u32::MAX, |c| c.key);
            let (id, class) = t.keys.get(key);
            set(&mut out.id, id);
            let name = t.names.get(key as usize);
            set_opt(&mut out.name.zh, name.and_then(|n| n.zh.as_deref()));
            set_opt(&mut out.name.en, name.and_then(|n| n.en.as_deref()));
            out.class = class;
            let value = (row.value != u32::MAX).then(|| {
                let end = at.saturating_add(row.value as usize);
                let v = t.values.get(at..end).unwrap_or_default();
                at = end;
                v
            });
            set_opt(&mut out.value, value);
            out.compared = t.decimals.get(row.compared);
            set_opt(&mut out.unit, c.and_then(|c| text(c.unit)));
            let grade = c
                .and_then(|c| c.grade.checked_sub(1))
                .and_then(|g| t.grades.get(g));
            match (grade, &mut out.grade) {
                (None, g) => *g = None,
                (Some((zh, en)), Some(g)) => {
                    set_opt(&mut g.zh, zh.as_deref());
                    set_opt(&mut g.en, en.as_deref());
                }
                (Some((zh, en)), g) => {
                    *g = Some(Names {
                        zh: zh.clone(),
                        en: en.clone(),
                    });
                }
            }
            set_opt(&mut out.limit, c.and_then(|c| text(c.limit)));
            set_opt(&mut out.standard, c.and_then(|c| text(c.standard)));
            out.margin = t.decimals.get(row.margin);
            out.share = t.decimals.get(row.share);
            out.outcome = c.map_or(Outcome::Missing, |c| outcome_of(c.outcome));
        }
        let decided = t.decided.get(before.decided..r.decided).unwrap_or_default();
        p.decided_by.truncate(decided.len());
        for (k, &d) in decided.iter().enumerate() {
            let id = t.deciders.get(d).map_or("", String::as_str);
            match p.decided_by.get_mut(k) {
                Some(s) => set(s, id),
                None => p.decided_by.push(id.to_owned()),
            }
        }
        set(&mut p.id, t.ids.get(i));
        p.class = r.class.unwrap_or(Class::Gap);
        p.rank = standing.map(|s| s.rank);
        p.score = standing.map(|s| s.score);
        p.leader = standing.is_some_and(|s| s.leader);
    }
}

/// A text set in place, reusing its buffer.
fn set(s: &mut String, text: &str) {
    s.clear();
    s.push_str(text);
}

/// An optional text set in place, reusing its buffer.
fn set_opt(s: &mut Option<String>, text: Option<&str>) {
    match (text, s.as_mut()) {
        (None, _) => *s = None,
        (Some(t), Some(buf)) => set(buf, t),
        (Some(t), None) => *s = Some(t.to_owned()),
    }
}

impl Serialize for CompactReport {
    /// As the [`Report`] it stands for.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let h = &self.head;
        let mut st = s.serialize_struct("Report", 12)?;
        st.serialize_field("schema-version", &h.schema_version)?;
        st.serialize_field("category", &h.category)?;
        if let Some(v) = &h.version {
            st.serialize_field("version", v)?;
        } else {
            st.skip_field("version")?;
        }
        if let Some(d) = &h.date {
            st.serialize_field("date", d)?;
        } else {
            st.skip_field("date")?;
        }
        st.serialize_field("crate-version", &h.crate_version)?;
        if let Some(p) = &h.policy {
            st.serialize_field("policy", p)?;
        } else {
            st.skip_field("policy")?;
        }
        if h.standards.is_empty() {
            st.skip_field("standards")?;
        } else {
            st.serialize_field("standards", &h.standards)?;
        }
        if let Some(v) = &h.standard_verdict {
            st.serialize_field("standard-verdict", v)?;
        } else {
            st.skip_field("standard-verdict")?;
        }
        if h.indicators.is_empty() {
            st.skip_field("indicators")?;
        } else {
            st.serialize_field("indicators", &h.indicators)?;
        }
        st.serialize_field("summary", &h.summary)?;
        match &self.ranking {
            Some(r) => st.serialize_field("ranking", r)?,
            None => st.skip_field("ranking")?,
        }
        st.serialize_field("products", &Seq(|| self.products()))?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records a report keeps per product and per indicator: what `docs/ranking.md`
    /// ("Memory") counts. Numbers and codes only; the value's text is the one text kept.
    #[test]
    fn the_records_kept_per_product_are_small() {
        assert_eq!(std::mem::size_of::<Row>(), 32);
        assert_eq!(std::mem::size_of::<Record>(), 32);
        // A record and its id's end: 40 bytes, the id apart.
        assert_eq!(std::mem::size_of::<Record>() + 8, 40);
    }
}
