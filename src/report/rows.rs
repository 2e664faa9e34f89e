//! Verdicts written row by row as they stream: a table for people, CSV, JSON or Markdown. A
//! row is made from a [`Summary`] (the fast path's result, or a full verdict's summary), so the
//! same product prints the same bytes whichever path judged it; JSON prints full verdicts.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{csv_writer, long_rows, md, pad, product_of, LONG_HEAD};
use crate::error::{Error, Lang};
use crate::standard::Names;
use crate::verdict::{Class, Summary, Verdict};

/// The output formats of a stream of verdicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Aligned columns for people, with the counts at the end.
    Table,
    /// A JSON array of full verdicts (summaries, when given summaries).
    Json,
    /// The wide CSV: one row per product: class, deciding indicators, weights, each
    /// indicator's outcome (column `<id>`) followed by its margin (`<id>.margin`), error.
    Csv,
    /// A Markdown table.
    Md,
    /// JSON Lines: one compact JSON object per line, a full verdict (a summary, when given
    /// summaries), or `{"product": …, "error": …}` for a row that could not be judged.
    Jsonl,
    /// The long CSV: one row per product × indicator, the report CSV's columns without its
    /// ranking ones (rank, score, leader), and `error`. Written from full verdicts; given a
    /// summary, a row holds what the summary has (product, class, indicator, margin, outcome)
    /// and leaves the evidence cells empty.
    CsvLong,
}

/// Counts of each class and of the rows that could not be judged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Tally {
    /// 领跑.
    pub leader: usize,
    /// 跟跑.
    pub follower: usize,
    /// 差距.
    pub gap: usize,
    /// Rows that could not be read or judged.
    pub error: usize,
}

impl Tally {
    fn add(&mut self, class: Class) {
        match class {
            Class::Leader => self.leader += 1,
            Class::Follower => self.follower += 1,
            _ => self.gap += 1,
        }
    }
}

/// Where rows go: CSV through a [`csv::Writer`], the other formats as text.
enum Sink<W: Write> {
    Plain(W),
    Csv(Box<csv::Writer<W>>),
    /// CSV before its header: the byte order mark may still go first.
    Unstarted(W),
    /// Only while the writer moves from `Unstarted` to `Csv`.
    Moving,
}

/// Writes verdicts as they come: the header on creation, a row per verdict, summary or error,
/// the closing lines on [`RowWriter::finish`].
///
/// ```
/// use duibiao::report::{Format, RowWriter};
/// use duibiao::verdict::Summary;
/// # let plan = duibiao::Plan::from_toml_str(r#"
/// # schema_version = 1
/// # category = { en = "x" }
/// # [[standards]]
/// # code = "GB 1-2000"
/// # role = "benchmark"
/// # [[indicators]]
/// # id = "flush-water"
/// # direction = "lower-is-better"
/// # requirements = { "GB 1-2000" = "≤ 4" }
/// # "#)?;
/// let engine = plan.compile()?;
/// let verdict = engine.evaluate(&duibiao::Product::new("P1").with("flush-water", "3")?)?;
/// let mut out = Vec::new();
/// let mut w = RowWriter::new(Format::Csv, engine.indicator_ids(), &mut out)?;
/// w.summary(&Summary::of(&verdict))?;
/// w.finish()?;
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "product,class,decided-by,exceeding-weight,core-weight,flush-water,flush-water.margin,error\nP1,leader,flush-water,1,1,exceeds,1,\n"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct RowWriter<W: Write> {
    format: Format,
    columns: usize,
    /// The indices of the indicators whose requirements are chosen by band: a CSV column
    /// `<id>.band` each, after the outcomes.
    banded: Vec<(usize, String)>,
    /// Under the tier policy ([`RowWriter::for_engine`]): the indicator ids, for the CSV
    /// columns `tier-reached` and `tier-not-reached`.
    tiers: Option<Vec<String>>,
    out: Sink<W>,
    null: io::Sink,
    first: bool,
    tally: Tally,
    line: String,
    lang: Lang,
    /// The indicator ids, in plan order.
    ids: Vec<String>,
    /// The indicators' names by index (for the long CSV), where known.
    names: Vec<Names>,
    /// Whether the header (and a byte order mark) was written.
    started: bool,
    bom: bool,
}

impl<W: Write> RowWriter<W> {
    /// A writer for verdicts of an engine with these indicator ids; writes the header.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn new<'a>(
        format: Format,
        ids: impl IntoIterator<Item = &'a str>,
        out: W,
    ) -> io::Result<RowWriter<W>> {
        RowWriter::build(format, ids, std::iter::empty(), false, out)
    }

    /// A writer as [`RowWriter::new`], for an engine some of whose indicators have their
    /// requirements chosen by band (`banded`, [`crate::Engine::banded_ids`]): CSV gets a
    /// column `<id>.band` per such indicator, after the outcomes, holding the condition of the
    /// band that chose the requirement (`>4500 ~ 7100 W`, `new`) or `none` when no band was
    /// chosen; the table and Markdown name the band beside each deciding indicator.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn with_bands<'a>(
        format: Format,
        ids: impl IntoIterator<Item = &'a str>,
        banded: impl IntoIterator<Item = &'a str>,
        out: W,
    ) -> io::Result<RowWriter<W>> {
        RowWriter::build(format, ids, banded, false, out)
    }

    /// A writer for the verdicts of `engine`; writes the header. Its band columns as
    /// [`RowWriter::with_bands`] for the engine's banded indicators; under the tier policy
    /// ([`Engine::by_tier`](crate::Engine::by_tier)) the CSV has two more columns before
    /// `error`: `tier-reached` and `tier-not-reached`, the core indicators with tiers that
    /// reached the leader tier and those that did not (ids separated by spaces, as
    /// `decided-by`); otherwise as [`RowWriter::new`] with the engine's indicator ids.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn for_engine(format: Format, engine: &crate::Engine, out: W) -> io::Result<RowWriter<W>> {
        Ok(RowWriter::build(
            format,
            engine.indicator_ids(),
            engine.banded_ids(),
            engine.by_tier(),
            out,
        )?
        .names(engine.indicator_names()))
    }

    fn build<'a>(
        format: Format,
        ids: impl IntoIterator<Item = &'a str>,
        banded: impl IntoIterator<Item = &'a str>,
        by_tier: bool,
        mut out: W,
    ) -> io::Result<RowWriter<W>> {
        let ids: Vec<&str> = ids.into_iter().collect();
        let banded: Vec<(usize, String)> = banded
            .into_iter()
            .filter_map(|b| {
                ids.iter()
                    .position(|id| *id == b)
                    .map(|k| (k, b.to_owned()))
            })
            .collect();
        let _ = &mut out;
        let out = match format {
            Format::Csv | Format::CsvLong => Sink::Unstarted(out),
            _ => Sink::Plain(out),
        };
        Ok(RowWriter {
            format,
            columns: 2 * ids.len() + banded.len(),
            banded,
            tiers: by_tier.then(|| ids.iter().map(|&id| id.to_owned()).collect()),
            out,
            null: io::sink(),
            first: true,
            tally: Tally::default(),
            line: String::new(),
            lang: Lang::En,
            ids: ids.iter().map(|&id| id.to_owned()).collect(),
            names: Vec::new(),
            started: false,
            bom: false,
        })
    }

    /// Writes the header (and the byte order mark) before the first row, or at the end when
    /// there is none.
    fn start(&mut self) -> io::Result<()> {
        if std::mem::replace(&mut self.started, true) {
            return Ok(());
        }
        if let Sink::Unstarted(_) = self.out {
            let Sink::Unstarted(mut out) = std::mem::replace(&mut self.out, Sink::Moving) else {
                return Ok(());
            };
            if self.bom {
                out.write_all(super::BOM)?;
            }
            let mut w = csv_writer(out);
            if self.format == Format::CsvLong {
                w.write_record(LONG_HEAD.iter().chain(&["error"]))?;
            } else {
                let mut header: Vec<String> = [
                    "product",
                    "class",
                    "decided-by",
                    "exceeding-weight",
                    "core-weight",
                ]
                .iter()
                .map(|&h| h.to_owned())
                .collect();
                for id in &self.ids {
                    header.push(id.clone());
                    header.push(format!("{id}.margin"));
                }
                header.extend(self.banded.iter().map(|(_, id)| format!("{id}.band")));
                if self.tiers.is_some() {
                    header.push("tier-reached".to_owned());
                    header.push("tier-not-reached".to_owned());
                }
                header.push("error".to_owned());
                w.write_record(&header)?;
            }
            self.out = Sink::Csv(Box::new(w));
            return Ok(());
        }
        let format = self.format;
        let out = self.plain();
        match format {
            Format::Json => writeln!(out, "[")?,
            Format::Table => {
                let head = [pad("product", 16), pad("class", 9), pad("类别", 7)];
                writeln!(out, "{} decided by", head.join(" "))?;
            }
            Format::Md => {
                writeln!(out, "| product | class | 类别 | decided by |")?;
                writeln!(out, "|---|---|---|---|")?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Writes CSV (wide or long) with a UTF-8 byte order mark first (`EF BB BF`), so that
    /// Excel reads it as UTF-8 (without one, Excel on a Chinese Windows reads a CSV as
    /// GB18030 and shows Chinese names garbled); no effect on the other formats. Set it
    /// before the first row.
    #[must_use]
    pub fn bom(mut self, bom: bool) -> RowWriter<W> {
        self.bom = bom;
        self
    }

    /// The indicators' names for the long CSV's `indicator-name` column, in the writer's
    /// language ([`RowWriter::lang`]); from the engine for [`RowWriter::for_engine`].
    #[must_use]
    pub fn names<'a>(
        mut self,
        names: impl IntoIterator<Item = (&'a str, &'a Names)>,
    ) -> RowWriter<W> {
        let names: std::collections::BTreeMap<&str, &Names> = names.into_iter().collect();
        self.names = self
            .ids
            .iter()
            .map(|id| {
                names
                    .get(id.as_str())
                    .map(|n| (*n).clone())
                    .unwrap_or_default()
            })
            .collect();
        self
    }

    /// Writes the errors of rows (the `error` column, the `error` of a JSON entry, a table's
    /// error line) in `lang` (English unless set). [`Lang::Both`] writes one text in the cell:
    /// the Chinese message, ` — `, the English one (as [`Error::message`] gives it).
    #[must_use]
    pub fn lang(mut self, lang: Lang) -> RowWriter<W> {
        self.lang = lang;
        self
    }

    /// The writer of the text formats (CSV goes through [`RowWriter::csv`]).
    fn plain(&mut self) -> &mut dyn Write {
        match &mut self.out {
            Sink::Plain(w) => w,
            // Never asked for: CSV is written through its writer.
            Sink::Csv(_) | Sink::Unstarted(_) | Sink::Moving => &mut self.null,
        }
    }

    fn json(&mut self, text: serde_json::Result<String>) -> io::Result<()> {
        let text = text.map_err(io::Error::other)?;
        let first = std::mem::replace(&mut self.first, false);
        let out = self.plain();
        if !first {
            writeln!(out, ",")?;
        }
        write!(out, "  {text}")
    }

    /// One CSV row from a summary.
    fn csv_summary(&mut self, s: &Summary) -> io::Result<()> {
        let Sink::Csv(w) = &mut self.out else {
            return Ok(());
        };
        let n = &mut self.line;
        w.write_field(&s.product)?;
        w.write_field(s.class.as_str())?;
        n.clear();
        for (k, id) in s.decided_by.iter().enumerate() {
            if k > 0 {
                n.push(' ');
            }
            n.push_str(id);
        }
        w.write_field(&*n)?;
        n.clear();
        let _ = write!(n, "{}", s.exceeding_weight);
        w.write_field(&*n)?;
        n.clear();
        let _ = write!(n, "{}", s.core_weight);
        w.write_field(&*n)?;
        for (k, o) in s.outcomes.iter().enumerate() {
            w.write_field(o.as_str())?;
            n.clear();
            if let Some(m) = s.margins.get(k).copied().flatten() {
                let _ = write!(n, "{m}");
            }
            w.write_field(&*n)?;
        }
        for &(k, _) in &self.banded {
            let band = s.bands.get(k).and_then(Option::as_deref);
            w.write_field(band.unwrap_or("none"))?;
        }
        if let Some(ids) = &self.tiers {
            for reached in [true, false] {
                n.clear();
                for (id, _) in ids
                    .iter()
                    .zip(&s.tier_reached)
                    .filter(|(_, t)| **t == Some(reached))
                {
                    if !n.is_empty() {
                        n.push(' ');
                    }
                    n.push_str(id);
                }
                w.write_field(&*n)?;
            }
        }
        w.write_field("")?;
        w.write_record(None::<&[u8]>)?;
        Ok(())
    }

    /// Writes one product's row from its summary.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn summary(&mut self, s: &Summary) -> io::Result<()> {
        self.start()?;
        self.tally.add(s.class);
        self.line.clear();
        let l = &mut self.line;
        // Writing into a String cannot fail.
        let _ = match self.format {
            Format::Json => return self.json(serde_json::to_string(s)),
            Format::Csv => return self.csv_summary(s),
            Format::Jsonl => return self.json_line(serde_json::to_string(s)),
            Format::CsvLong => return self.long_summary(s),
            Format::Md => writeln!(
                l,
                "| {} | {} | {} | {} |",
                md(&s.product),
                s.class,
                s.class.zh(),
                md(&decided(s, &self.banded))
            ),
            Format::Table => writeln!(
                l,
                "{} {} {} {}",
                pad(&one_line(&s.product), 16),
                pad(s.class.as_str(), 9),
                pad(s.class.zh(), 7),
                one_line(&decided(s, &self.banded))
            ),
        };
        let line = std::mem::take(&mut self.line);
        let written = self.plain().write_all(line.as_bytes());
        self.line = line;
        written
    }

    /// Writes one product's row from its full verdict: the whole verdict in JSON, its summary
    /// otherwise.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn verdict(&mut self, v: &Verdict) -> io::Result<()> {
        self.start()?;
        match self.format {
            Format::Json => {
                self.tally.add(v.class);
                self.json(serde_json::to_string(v))
            }
            Format::Jsonl => {
                self.tally.add(v.class);
                self.json_line(serde_json::to_string(v))
            }
            Format::CsvLong => {
                self.tally.add(v.class);
                let mut p = product_of(v, None);
                for (row, name) in p.indicators.iter_mut().zip(&self.names) {
                    row.name = name.clone();
                }
                let lang = self.lang;
                match &mut self.out {
                    Sink::Csv(w) => long_rows(w, lang, &p, false, true),
                    _ => Ok(()),
                }
            }
            _ => self.summary(&Summary::of(v)),
        }
    }

    /// One line of JSON Lines.
    fn json_line(&mut self, text: serde_json::Result<String>) -> io::Result<()> {
        let mut text = text.map_err(io::Error::other)?;
        text.push('\n');
        self.plain().write_all(text.as_bytes())
    }

    /// The long CSV's rows of a summary: what it holds, the evidence cells empty.
    fn long_summary(&mut self, s: &Summary) -> io::Result<()> {
        let Sink::Csv(w) = &mut self.out else {
            return Ok(());
        };
        for (k, id) in self.ids.iter().enumerate() {
            let name = self
                .names
                .get(k)
                .map(|n| self.lang.name(n))
                .unwrap_or_default();
            let margin = s.margins.get(k).copied().flatten().map(|m| m.to_string());
            let outcome = s.outcomes.get(k).map_or("", |o| o.as_str());
            w.write_field(&s.product)?;
            w.write_field(s.class.as_str())?;
            w.write_field(id)?;
            w.write_field(name)?;
            for _ in 0..8 {
                w.write_field("")?;
            }
            w.write_field(margin.unwrap_or_default())?;
            w.write_field("")?;
            w.write_field(outcome)?;
            w.write_field("")?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    }

    /// Writes the error of a row that could not be read or judged.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn error(&mut self, e: &Error) -> io::Result<()> {
        self.error_of(None, e)
    }

    /// Writes the error of a row whose product id could be read, with the id in the product
    /// column (`P3,error,…` in CSV, `"product": "P3"` in JSON); as [`RowWriter::error`] when
    /// `product` is `None`.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn error_of(&mut self, product: Option<&str>, e: &Error) -> io::Result<()> {
        self.start()?;
        self.tally.error += 1;
        let message = e.message(self.lang);
        match self.format {
            Format::Json => {
                let text = serde_json::to_string(&match product {
                    Some(p) => serde_json::json!({ "product": p, "error": message }),
                    None => serde_json::json!({ "error": message }),
                });
                self.json(text)
            }
            Format::Jsonl => {
                let text = serde_json::to_string(&match product {
                    Some(p) => serde_json::json!({ "product": p, "error": message }),
                    None => serde_json::json!({ "error": message }),
                });
                self.json_line(text)
            }
            Format::CsvLong => {
                let Sink::Csv(w) = &mut self.out else {
                    return Ok(());
                };
                w.write_field(product.unwrap_or_default())?;
                w.write_field("error")?;
                for _ in 2..LONG_HEAD.len() {
                    w.write_field("")?;
                }
                w.write_field(&message)?;
                w.write_record(None::<&[u8]>)?;
                Ok(())
            }
            Format::Csv => {
                let empty = 3 + self.columns + if self.tiers.is_some() { 2 } else { 0 };
                let Sink::Csv(w) = &mut self.out else {
                    return Ok(());
                };
                w.write_field(product.unwrap_or_default())?;
                w.write_field("error")?;
                for _ in 0..empty {
                    w.write_field("")?;
                }
                w.write_field(&message)?;
                w.write_record(None::<&[u8]>)?;
                Ok(())
            }
            Format::Md => {
                let line = format!(
                    "| {} | error | 错误 | {} |\n",
                    product.map_or_else(|| "—".to_owned(), md),
                    md(&message)
                );
                self.plain().write_all(line.as_bytes())
            }
            Format::Table => writeln!(self.plain(), "error: {message}"),
        }
    }

    /// Writes either a row or the error.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn result(&mut self, row: &Result<Summary, Error>) -> io::Result<()> {
        match row {
            Ok(s) => self.summary(s),
            Err(e) => self.error(e),
        }
    }

    /// The counts so far.
    pub fn tally(&self) -> Tally {
        self.tally
    }

    /// Writes the closing lines (the end of the JSON array, the table's counts), flushes and
    /// returns the counts.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn finish(mut self) -> io::Result<Tally> {
        self.start()?;
        let t = self.tally;
        let (first, format) = (self.first, self.format);
        let out = self.plain();
        match format {
            Format::Json if first => writeln!(out, "]")?,
            Format::Json => writeln!(out, "\n]")?,
            Format::Table => writeln!(
                out,
                "\n{} leader 领跑 · {} follower 跟跑 · {} gap 差距{}",
                t.leader,
                t.follower,
                t.gap,
                if t.error > 0 {
                    format!(" · {} unreadable", t.error)
                } else {
                    String::new()
                }
            )?,
            _ => {}
        }
        match &mut self.out {
            Sink::Plain(w) | Sink::Unstarted(w) => w.flush()?,
            Sink::Csv(w) => w.flush()?,
            Sink::Moving => {}
        }
        Ok(t)
    }
}

/// The deciding indicators, each chosen by band with its band (`apf (band >4500 ~ 7100 W)`,
/// `apf (no band)`).
fn decided(s: &Summary, banded: &[(usize, String)]) -> String {
    s.decided_by
        .iter()
        .map(|id| {
            let k = banded.iter().find(|(_, b)| b == id).map(|(k, _)| *k);
            match k {
                None => id.clone(),
                Some(k) => match s.bands.get(k).cloned().flatten() {
                    Some(w) => format!("{id} (band {w})"),
                    None => format!("{id} (no band)"),
                },
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Text on one line: line breaks shown as spaces.
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// One line of why a product got its class: the indicators that decided, with value, limit and
/// margin, or for a follower how much core weight exceeded.
pub fn explain(v: &Verdict) -> String {
    let parts: Vec<String> = v
        .decided_by
        .iter()
        .filter_map(|id| v.indicators.iter().find(|i| &i.id == id))
        .map(|i| {
            let value = i.value.as_deref().unwrap_or("missing");
            if let Some(b) = &i.band {
                return match (&i.limit, i.margin) {
                    (Some(l), Some(m)) => format!(
                        "{} {} {} vs {} (margin {}; {})",
                        i.id,
                        i.outcome,
                        value,
                        l,
                        m.value,
                        b.text()
                    ),
                    (Some(l), None) => format!("{} {} vs {} ({})", i.id, i.outcome, l, b.text()),
                    _ => format!("{} {} ({})", i.id, i.outcome, b.text()),
                };
            }
            match (&i.limit, i.margin) {
                (Some(l), Some(m)) => format!(
                    "{} {} {} vs {} (margin {})",
                    i.id, i.outcome, value, l, m.value
                ),
                (Some(l), None) => format!("{} {} vs {}", i.id, i.outcome, l),
                _ => format!("{} {}", i.id, i.outcome),
            }
        })
        .collect();
    if parts.is_empty() {
        format!(
            "core weight exceeding {} of {}, below the leader share {}",
            v.exceeding_weight, v.core_weight, v.policy.leader_share
        )
    } else {
        parts.join("; ")
    }
}
