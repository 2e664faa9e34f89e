//! Output of verdicts for the command line: streamed table, JSON, CSV and Markdown.

use std::io::{self, Write};

use duibiao::verdict::{Class, StandardVerdict, Verdict};
use duibiao::{Engine, Error, Plan, Product};

use super::Output;

/// Counts of each class, for the closing line.
#[derive(Default)]
struct Tally {
    leader: usize,
    follower: usize,
    gap: usize,
    error: usize,
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

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Evaluates and writes each product as it is read: memory stays flat whatever the file size.
/// `locate(i)` names the place of the i-th product (0-based) in its file.
pub fn stream(
    engine: &Engine,
    rows: impl Iterator<Item = Result<Product, Error>>,
    locate: impl Fn(usize) -> String,
    format: Output,
    out: &mut impl Write,
) -> io::Result<()> {
    let ids: Vec<String> = engine.indicator_ids().map(str::to_owned).collect();
    let mut tally = Tally::default();
    write_header(format, &ids, out)?;
    let mut first = true;
    for (i, row) in rows.enumerate() {
        let verdict = row.and_then(|p| engine.evaluate(&p).map_err(|e| e.context(locate(i))));
        match &verdict {
            Ok(v) => tally.add(v.class),
            Err(_) => tally.error += 1,
        }
        match (format, verdict) {
            (Output::Json, v) => {
                if !first {
                    writeln!(out, ",")?;
                }
                let text = match v {
                    Ok(v) => serde_json::to_string(&v),
                    Err(e) => serde_json::to_string(&serde_json::json!({ "error": e.to_string() })),
                }
                .map_err(io::Error::other)?;
                write!(out, "  {text}")?;
            }
            (_, Ok(v)) => write_verdict(format, &v, out)?,
            (_, Err(e)) => write_error(format, &ids, &e, out)?,
        }
        first = false;
    }
    match format {
        Output::Json => writeln!(out, "\n]")?,
        Output::Table => write_tally(&tally, out)?,
        _ => {}
    }
    out.flush()
}

/// The fast path for CSV products with table or CSV output: each row is read into scaled
/// integers and classified without building a verdict; rows the fast path cannot hold (units,
/// marks, uncertainties) go through the exact path. The output is byte for byte what
/// [`stream`] writes. Returns `Ok(false)` without writing anything when the plan or the file's
/// header is outside the fast path.
pub fn stream_fast(
    engine: &Engine,
    reader: impl io::Read,
    format: Output,
    quiet: bool,
    out: &mut impl Write,
) -> io::Result<bool> {
    if !matches!(format, Output::Csv | Output::Table) {
        return Ok(false);
    }
    let Ok(fast) = engine.classifier() else {
        return Ok(false);
    };
    let ids: Vec<String> = engine.indicator_ids().map(str::to_owned).collect();
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let columns: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(_) => return Ok(false),
    };
    if columns.first().map(String::as_str) != Some("id") || columns.get(1..) != Some(&ids[..]) {
        return Ok(false);
    }
    let mut tally = Tally::default();
    match format {
        Output::Csv => {
            write!(out, "product,class,decided_by,exceeding_weight,core_weight")?;
            for id in &ids {
                write!(out, ",{}", csv_field(id))?;
            }
            writeln!(out, ",error")?;
        }
        _ => writeln!(
            out,
            "{:<16} {:<9} {:<5} decided by",
            "product", "class", "类别"
        )?,
    }
    let core_weight = engine.core_weight();
    let mut prepared = fast.prepare_scaled(std::iter::empty());
    let mut outcomes = Vec::with_capacity(ids.len());
    let mut record = csv::StringRecord::new();
    let mut decided = String::new();
    let mut row = 0usize;
    let progress = Progress::new(quiet);
    loop {
        match rdr.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                tally.error += 1;
                write_error(format, &ids, &format!("products: {e}"), out)?;
                row += 1;
                continue;
            }
        }
        progress.tick(row);
        let id = record.get(0).unwrap_or_default();
        let plain = record.len() == columns.len()
            && !id.is_empty()
            && fast.prepare_cells(record.iter().skip(1), &mut prepared);
        if plain {
            let class = fast.outcomes_into(&prepared, &mut outcomes);
            tally.add(class);
            decided.clear();
            let sep = if format == Output::Csv { " " } else { ", " };
            for (k, d) in fast.decided_by(class, &outcomes).enumerate() {
                if k > 0 {
                    decided.push_str(sep);
                }
                decided.push_str(d);
            }
            match format {
                Output::Csv => {
                    write!(
                        out,
                        "{},{},{},{},{}",
                        csv_field(id),
                        class,
                        csv_field(&decided),
                        fast.exceeding_weight(&outcomes),
                        core_weight
                    )?;
                    for o in &outcomes {
                        write!(out, ",{}", o.outcome)?;
                    }
                    writeln!(out, ",")?;
                }
                _ => writeln!(
                    out,
                    "{:<16} {:<9} {:<5} {}",
                    id,
                    class.as_str(),
                    class.zh(),
                    decided
                )?,
            }
        } else {
            let cells: Vec<&str> = record.iter().collect();
            let verdict = duibiao::product::from_cells(&columns, &cells)
                .map_err(|e| e.context(format!("line {}", row + 2)))
                .and_then(|p| {
                    engine
                        .evaluate(&p)
                        .map_err(|e| e.context(format!("line {}", row + 2)))
                });
            match verdict {
                Ok(v) => {
                    tally.add(v.class);
                    write_verdict(format, &v, out)?;
                }
                Err(e) => {
                    tally.error += 1;
                    write_error(format, &ids, &e, out)?;
                }
            }
        }
        row += 1;
    }
    progress.finish(row);
    if format == Output::Table {
        write_tally(&tally, out)?;
    }
    out.flush()?;
    Ok(true)
}

/// A progress bar on stderr for large inputs, only when stderr is a terminal and not quiet.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(quiet: bool) -> Progress {
        use std::io::IsTerminal;
        let bar = (!quiet && io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {human_pos} products judged in {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar
        });
        Progress { bar }
    }

    #[inline]
    fn tick(&self, row: usize) {
        if let Some(bar) = &self.bar {
            if row % 65_536 == 0 {
                bar.set_position(row as u64);
            }
        }
    }

    fn finish(&self, rows: usize) {
        if let Some(bar) = &self.bar {
            bar.set_position(rows as u64);
            bar.finish_and_clear();
        }
    }
}

fn write_header(format: Output, ids: &[String], out: &mut impl Write) -> io::Result<()> {
    match format {
        Output::Csv => {
            write!(out, "product,class,decided_by,exceeding_weight,core_weight")?;
            for id in ids {
                write!(out, ",{}", csv_field(id))?;
            }
            writeln!(out, ",error")
        }
        Output::Json => writeln!(out, "["),
        Output::Table => writeln!(
            out,
            "{:<16} {:<9} {:<5} decided by",
            "product", "class", "类别"
        ),
        Output::Md => {
            writeln!(out, "| product | class | 类别 | decided by |")?;
            writeln!(out, "|---|---|---|---|")
        }
    }
}

fn write_verdict(format: Output, v: &Verdict, out: &mut impl Write) -> io::Result<()> {
    match format {
        Output::Csv => {
            write!(
                out,
                "{},{},{},{},{}",
                csv_field(&v.product),
                v.class,
                csv_field(&v.decided_by.join(" ")),
                v.exceeding_weight,
                v.core_weight
            )?;
            for i in &v.indicators {
                write!(out, ",{}", i.outcome)?;
            }
            writeln!(out, ",")
        }
        Output::Md => writeln!(
            out,
            "| {} | {} | {} | {} |",
            v.product,
            v.class,
            v.class.zh(),
            v.decided_by.join(", ")
        ),
        _ => writeln!(
            out,
            "{:<16} {:<9} {:<5} {}",
            v.product,
            v.class.as_str(),
            v.class.zh(),
            v.decided_by.join(", ")
        ),
    }
}

fn write_error(
    format: Output,
    ids: &[String],
    e: &dyn std::fmt::Display,
    out: &mut impl Write,
) -> io::Result<()> {
    match format {
        Output::Csv => {
            write!(out, ",error,,,")?;
            for _ in ids {
                write!(out, ",")?;
            }
            writeln!(out, ",{}", csv_field(&e.to_string()))
        }
        Output::Md => writeln!(out, "| — | error | 错误 | {e} |"),
        _ => writeln!(out, "error: {e}"),
    }
}

fn write_tally(tally: &Tally, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "\n{} leader 领跑 · {} follower 跟跑 · {} gap 差距{}",
        tally.leader,
        tally.follower,
        tally.gap,
        if tally.error > 0 {
            format!(" · {} unreadable", tally.error)
        } else {
            String::new()
        }
    )
}

/// The subject standard's verdict.
pub fn standard(v: &StandardVerdict, format: Output) -> String {
    match format {
        Output::Json => serde_json::to_string_pretty(v).unwrap_or_default() + "\n",
        Output::Csv => {
            let mut s = String::from("indicator,class,outcome,judged,subject,level\n");
            for i in &v.indicators {
                let level: Vec<String> = i
                    .level
                    .iter()
                    .map(|r| format!("{}: {}", r.standard, r.limit))
                    .collect();
                s.push_str(&format!(
                    "{},{},{},{},{},{}\n",
                    csv_field(&i.id),
                    serde_json::to_value(i.class)
                        .ok()
                        .and_then(|c| c.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    serde_json::to_value(i.outcome)
                        .ok()
                        .and_then(|c| c.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    i.judged.as_str(),
                    csv_field(i.subject.as_deref().unwrap_or("")),
                    csv_field(&level.join("; "))
                ));
            }
            s
        }
        Output::Table | Output::Md => {
            let mut s = format!(
                "{}: {} {}{}\n\n",
                v.standard,
                v.class,
                v.class.zh(),
                if v.decided_by.is_empty() {
                    String::new()
                } else {
                    format!(" (decided by {})", v.decided_by.join(", "))
                }
            );
            for i in &v.indicators {
                let level: Vec<String> = i
                    .level
                    .iter()
                    .map(|r| format!("{} ({})", r.limit, r.standard))
                    .collect();
                let outcome = serde_json::to_value(i.outcome)
                    .ok()
                    .and_then(|c| c.as_str().map(str::to_owned))
                    .unwrap_or_default();
                s.push_str(&format!(
                    "  {:<20} {:<12} {:<12} subject {:<14} level {}\n",
                    i.id,
                    outcome,
                    i.judged.as_str(),
                    i.subject.as_deref().unwrap_or("—"),
                    if level.is_empty() {
                        "—".to_owned()
                    } else {
                        level.join("; ")
                    }
                ));
            }
            s
        }
    }
}

const DEMO_PLAN: &str = include_str!("../../../examples/plans/smart-toilet.toml");
const DEMO_PRODUCTS: &str = include_str!("../../../examples/demo/products.csv");

/// The README's main command: the bundled smart toilet plan and eight products.
pub fn demo() -> Result<String, Error> {
    let plan = Plan::from_toml_str(DEMO_PLAN)?;
    let engine = plan.compile()?;
    let mut s = String::new();
    s.push_str(
        "duibiao (对标) — benchmarking smart toilets (智能坐便器) against advanced standards\n\n",
    );
    s.push_str("Benchmark level per indicator (the strictest benchmark requirement):\n");
    for id in engine.indicator_ids() {
        let level: Vec<String> = engine
            .benchmark_level(id)
            .iter()
            .map(|(c, l)| format!("{l} ({c})"))
            .collect();
        s.push_str(&format!("  {id:<18} {}\n", level.join("; ")));
    }
    s.push_str("\nProducts (leader 领跑 · follower 跟跑 · gap 差距):\n");
    let mut buf = Vec::new();
    let rows = duibiao::product::read_csv(DEMO_PRODUCTS.as_bytes());
    let mut verdicts = Vec::new();
    for row in rows {
        let v = row.and_then(|p| engine.evaluate(&p))?;
        verdicts.push(v);
    }
    for v in &verdicts {
        let why = explain(v);
        buf.push(format!(
            "  {:<8} {:<8} {}  {}",
            v.product,
            v.class.as_str(),
            v.class.zh(),
            why
        ));
    }
    s.push_str(&buf.join("\n"));
    s.push('\n');
    let count = |c: Class| verdicts.iter().filter(|v| v.class == c).count();
    s.push_str(&format!(
        "\n{} leader 领跑 · {} follower 跟跑 · {} gap 差距\n",
        count(Class::Leader),
        count(Class::Follower),
        count(Class::Gap)
    ));
    let subject = engine.compare_standards()?;
    s.push_str(&format!(
        "\nThe enterprise standard {} itself: {} {}\n",
        subject.standard,
        subject.class,
        subject.class.zh()
    ));
    s.push_str("\nMore: duibiao evaluate examples/plans/smart-toilet.toml --products examples/demo/products.csv --format json\n");
    Ok(s)
}

/// One line of why: the indicators that decided, with value, limit and margin.
fn explain(v: &Verdict) -> String {
    let parts: Vec<String> = v
        .decided_by
        .iter()
        .filter_map(|id| v.indicators.iter().find(|i| &i.id == id))
        .map(|i| {
            let value = i.value.as_deref().unwrap_or("missing");
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
