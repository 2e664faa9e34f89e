//! `duibiao`: the command line of the duibiao crate.
//!
//! Exit status: 0 with an answer (pass and fail are both answers); 1 when some products (or
//! standards) could not be read or judged: every other row is answered, each failed row's
//! error is in the output (`evaluate`) or on stderr (`rank`, `report`, left out), and a count
//! is on stderr; 1 also when the output could not be written; 2 for malformed input (a plan,
//! an argument, a products file that cannot be read as a whole: empty, no `id` column, not a
//! JSON array, cut short) with a one-line message on stderr that names the place and quotes
//! the offending text.

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[path = "duibiao/messages.rs"]
mod messages;
#[path = "duibiao/progress.rs"]
mod progress;
use duibiao::decision::{judge_with, DecisionRule, GuardBandFactor, Judgement, Method};
use duibiao::rounding::{Interval, ReportedValue, Rounding, RoundingMode};
use messages::{a, Arg, Msg};
use std::str::FromStr;

use duibiao::report::{pad, RowWriter};
use duibiao::stream::{DuplicateIds, Place, Seen, Source};
use duibiao::{Error, Lang, Limit, Measurement, Quantity, StandardCode, Unit};

#[derive(Parser)]
#[command(
    name = "duibiao",
    version,
    about = "Benchmark products and standards against advanced standards (对标)",
    long_about = None
)]
struct Cli {
    /// The language of messages, and of a report's labels: zh, en or both (messages default
    /// to the locale, LC_ALL / LC_MESSAGES / LANG: zh_CN.UTF-8 is zh, anything else en; a
    /// report's labels default to both).
    #[arg(long, global = true)]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Round a value with GB/T 8170 rules and print the rounded value alone.
    Round {
        /// The value, optionally with a mark: 16.5(+), 15.5(-).
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// The rounding interval: k×10ⁿ with k = 1, 2 or 5 (0.1, 0.5, 20, 100).
        #[arg(long, allow_hyphen_values = true)]
        interval: String,
        /// half-even (the standard's rule), up (只进不舍) or down (只舍不进).
        #[arg(long, default_value = "half-even")]
        mode: String,
    },
    /// Judge a value against a limit and print pass, fail, conditional-pass or
    /// conditional-fail.
    Judge {
        /// The value, optionally with a mark, an expanded uncertainty and a unit: 16.5(+),
        /// "4800 mL", "104.1 °F", "9.8 ± 0.3 mg/kg".
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// The limit: "≥ 97.0 %", "10.0±0.1 mm", "不小于 14×100 MPa".
        #[arg(allow_hyphen_values = true)]
        limit: String,
        /// full-value (全数值比较法) or rounded-value (修约值比较法).
        #[arg(long, default_value = "full-value")]
        method: String,
        /// Rounding interval for rounded-value comparison (default: the limit's written digit).
        #[arg(long, allow_hyphen_values = true)]
        interval: Option<String>,
        /// The expanded uncertainty U of the value, in the value's unit (may also be written in
        /// VALUE as "9.8 ± 0.3").
        #[arg(long, allow_hyphen_values = true)]
        uncertainty: Option<String>,
        /// The coverage factor k of U (default 2); recorded only, the guard band uses U.
        #[arg(long, allow_hyphen_values = true)]
        k: Option<String>,
        /// The decision rule (ILAC-G8:09/2019): simple, guarded-acceptance, guarded-rejection
        /// or non-binary.
        #[arg(long, default_value = "simple")]
        rule: String,
        /// The guard band factor r: w = r·U (default 1; 0.83 for ISO 14253-1).
        #[arg(long = "guard-band", allow_hyphen_values = true)]
        guard_band: Option<String>,
        /// Judge temperature differences (a temperature rise, 温升): the value and the limit
        /// convert without the offset, so "30 °C" against "≤ 40 K" is a rise of 30 K. A value
        /// written with Δ ("Δ30 °C") is judged so without this option.
        #[arg(long)]
        difference: bool,
        /// text prints the outcome alone; json prints the evidence.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Convert a value between units and print the number alone.
    Convert {
        /// The number to convert.
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// The unit it is in: mm, °C, kW·h, N/mm².
        from: String,
        /// The unit to convert to.
        to: String,
        /// Convert a difference (a temperature interval: 2 K = 3.6 °F), without the offset.
        #[arg(long)]
        difference: bool,
    },
    /// List the unit table: symbol, names, dimension, factor to the coherent SI unit.
    Units {
        /// text prints a table; json prints the entries.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Check a plan file (TOML or JSON): prints "ok" or every fault with its place (exit 2).
    Validate {
        /// The plan file: .toml or .json.
        plan: std::path::PathBuf,
    },
    /// Print a standard number in canonical form (GB/T 8170-2008, ISO 9001:2015 …).
    Code {
        /// The standard number as written: "GB/T8170—2008", "IEC 60335-2-84:2005".
        text: String,
        /// text prints the canonical form alone; json prints its parts.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Judge every product of a file against a plan: one verdict per product, streamed.
    Evaluate {
        /// The plan file: .toml or .json.
        plan: std::path::PathBuf,
        /// The products file: .csv (id column, one column per indicator), .json (an array of
        /// {"id", "values"}), .jsonl / .ndjson (one such object per line) or .xlsx (the same
        /// table in a sheet); `-` reads standard input.
        #[arg(long)]
        products: std::path::PathBuf,
        /// table for people; json (an array of verdicts), jsonl (one verdict per line), csv
        /// (one row per product: outcome and margin per indicator), csv-long (one row per
        /// product × indicator) or md for scripts and reports (docs/outputs.md).
        #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
        format: EvalFormat,
        #[command(flatten)]
        to: OutputTo,
        /// No progress bar on stderr.
        #[arg(long)]
        quiet: bool,
        /// Judge every product on the exact path, building each full verdict (the fast path
        /// gives the same output; this is for checking it).
        #[arg(long)]
        exact: bool,
        #[command(flatten)]
        input: Input,
    },
    /// Judge the plan's subject standard (执行标准) against the benchmark level.
    Compare {
        /// The plan file: .toml or .json.
        plan: std::path::PathBuf,
        /// table for people; json, csv or md for scripts.
        #[arg(long, value_enum, default_value_t = Output::Table)]
        format: Output,
        #[command(flatten)]
        to: OutputTo,
    },
    /// Rank the products of one category by score and choose the leaders (公开—排行—领跑).
    Rank {
        /// The plan file: .toml or .json.
        plan: std::path::PathBuf,
        /// The products file: .csv, .json, .jsonl, .ndjson or .xlsx; `-` reads standard input.
        #[arg(
            long,
            required_unless_present = "standards",
            conflicts_with = "standards"
        )]
        products: Option<std::path::PathBuf>,
        /// Rank enterprise standards instead: a CSV with an `id` column (the standard number)
        /// and one column per indicator holding each standard's requirement (`≤ 3.8 L`); `-`
        /// reads standard input.
        #[arg(long)]
        standards: Option<std::path::PathBuf>,
        /// At most N leaders (replaces the plan's `policy.ranking.leaders.top`).
        #[arg(long)]
        top: Option<u32>,
        /// At most this share of the ranked are leaders, rounded up, at least one: 0.2 or 20%
        /// (replaces the plan's `policy.ranking.leaders.share`).
        #[arg(long)]
        share: Option<String>,
        #[command(flatten)]
        input: Input,
        /// table for people; json, csv or md for scripts and reports.
        #[arg(long, value_enum, default_value_t = Output::Table)]
        format: Output,
        #[command(flatten)]
        to: OutputTo,
    },
    /// Write a report over every product of a file: summary (达标提升), ranking, indicator
    /// tables.
    Report {
        /// The plan file: .toml or .json.
        plan: std::path::PathBuf,
        /// The products file: .csv, .json, .jsonl, .ndjson or .xlsx; `-` reads standard input.
        #[arg(
            long,
            required_unless_present = "verdicts",
            conflicts_with = "verdicts"
        )]
        products: Option<std::path::PathBuf>,
        /// Instead of products, stored verdicts of this plan: a JSON array (as `evaluate
        /// --format json` writes it) or JSON Lines (`--format jsonl`; .jsonl, .ndjson, or told
        /// by the first byte); `-` reads standard input.
        #[arg(long)]
        verdicts: Option<std::path::PathBuf>,
        /// md or html (one self-contained file with charts) for people, csv (one row per
        /// product × indicator) or json for machines.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        #[command(flatten)]
        to: OutputTo,
        /// The report's date, YYYY-MM-DD (default: the day of SOURCE_DATE_EPOCH when set,
        /// else today in UTC).
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        input: Input,
    },
    /// Print a JSON Schema: of the plan file (the default), of a verdict, of a standard's
    /// verdict, of a ranking or of a report (docs/schema/*-v1.schema.json).
    Schema {
        #[command(flatten)]
        of: SchemaOf,
    },
    /// Evaluate the bundled example (a smart toilet plan and eight products) and explain it.
    Demo,
}

/// Which JSON Schema `schema` prints (one at most; none: the plan's).
#[derive(clap::Args)]
#[group(multiple = false)]
struct SchemaOf {
    /// The plan file (docs/schema/plan-v1.schema.json).
    #[arg(long)]
    plan: bool,
    /// A product's verdict, as `evaluate --format json` writes each (docs/schema/verdict-v1.schema.json).
    #[arg(long)]
    verdict: bool,
    /// A standard's verdict, as `compare --format json` writes it (docs/schema/standard-verdict-v1.schema.json).
    #[arg(long)]
    standard_verdict: bool,
    /// A ranking, as `rank --format json` writes it (docs/schema/ranking-v1.schema.json).
    #[arg(long)]
    ranking: bool,
    /// A report, as `report --format json` writes it (docs/schema/report-v1.schema.json).
    #[arg(long)]
    report: bool,
}

/// How the products (or standards) file is read.
#[derive(clap::Args)]
struct Input {
    /// The products file's encoding: auto (detected: a byte order mark, else UTF-8, else
    /// GB18030 when the text is clearly GB18030), utf-8, gb18030 (or gbk), utf-16le, utf-16be.
    /// Plans are always detected.
    #[arg(long, default_value = "auto")]
    encoding: String,
    /// The sheet of an .xlsx products workbook to read (default: the first).
    #[arg(long)]
    sheet: Option<String>,
    /// Judge the products on N threads while the file is read (default: one per core); 1
    /// judges each product on the reading thread. The output is the same either way.
    #[arg(long, value_name = "N")]
    threads: Option<std::num::NonZeroUsize>,
}

impl Input {
    /// The judging threads: `--threads`, else one per core; `None` for one, judged on the
    /// reading thread.
    fn parallel(&self) -> Option<duibiao::stream::Parallel> {
        let parallel = match self.threads {
            Some(n) => duibiao::stream::Parallel::new(n),
            None => duibiao::stream::Parallel::available(),
        };
        (parallel.threads() > 1).then_some(parallel)
    }
}

/// Where the output goes, and whether CSV starts with a byte order mark.
#[derive(clap::Args)]
struct OutputTo {
    /// Write to this file instead of standard output.
    #[arg(long)]
    output: Option<std::path::PathBuf>,
    /// Start CSV with a UTF-8 byte order mark, so that Excel reads it as UTF-8 (the default
    /// for an --output file ending in .csv; standard output gets none unless asked).
    #[arg(long, overrides_with = "no_bom")]
    bom: bool,
    /// No byte order mark, even for an --output file ending in .csv.
    #[arg(long, overrides_with = "bom")]
    no_bom: bool,
}

impl OutputTo {
    /// Whether CSV output gets a byte order mark.
    fn bom(&self) -> bool {
        let csv_file = self
            .output
            .as_deref()
            .and_then(std::path::Path::extension)
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        self.bom || (csv_file && !self.no_bom)
    }

    /// Standard output, or the file (created), buffered.
    fn open(&self) -> Result<Box<dyn std::io::Write>, Failure> {
        Ok(match &self.output {
            None => Box::new(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout().lock(),
            )),
            Some(path) => {
                let file = std::fs::File::create(path).map_err(|e| {
                    Failure(say(&messages::OUTPUT_FILE, &[a(path.display()), a(e)]))
                })?;
                Box::new(std::io::BufWriter::with_capacity(1 << 16, file))
            }
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EvalFormat {
    Table,
    Json,
    Jsonl,
    Csv,
    CsvLong,
    Md,
}

impl From<EvalFormat> for duibiao::report::Format {
    fn from(o: EvalFormat) -> Self {
        match o {
            EvalFormat::Table => duibiao::report::Format::Table,
            EvalFormat::Json => duibiao::report::Format::Json,
            EvalFormat::Jsonl => duibiao::report::Format::Jsonl,
            EvalFormat::Csv => duibiao::report::Format::Csv,
            EvalFormat::CsvLong => duibiao::report::Format::CsvLong,
            EvalFormat::Md => duibiao::report::Format::Md,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Output {
    Table,
    Json,
    Csv,
    Md,
}

impl From<Output> for duibiao::report::Format {
    fn from(o: Output) -> Self {
        match o {
            Output::Table => duibiao::report::Format::Table,
            Output::Json => duibiao::report::Format::Json,
            Output::Csv => duibiao::report::Format::Csv,
            Output::Md => duibiao::report::Format::Md,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Md,
    Csv,
    Json,
    Html,
}

/// Today's date in UTC, from the system clock (1970-01-01 for a clock before it).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    duibiao::report::utc_date(secs).unwrap_or_else(|| "9999-12-31".to_owned())
}

/// A one-line message for exit status 2.
struct Failure(String);

/// Set when some rows could not be read or judged: exit status 1.
static ROWS_FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure(e.shown())
    }
}

/// The language of messages: `--lang`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();
/// `--lang` as given, if it was.
static LANG_GIVEN: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

fn lang() -> Lang {
    *LANG.get_or_init(|| {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .map_or(Lang::En, |l| Lang::from_locale(&l))
    })
}

/// A message of the command line in the language of messages.
fn say(m: &Msg, args: &[Arg<'_>]) -> String {
    m.render(lang(), args)
}

/// An error as the user reads it: in the language of messages.
trait Shown {
    fn shown(&self) -> String;
}

impl Shown for Error {
    fn shown(&self) -> String {
        self.message(lang())
    }
}

impl Shown for String {
    fn shown(&self) -> String {
        self.clone()
    }
}

impl Shown for std::io::Error {
    fn shown(&self) -> String {
        self.to_string()
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(text) = &cli.lang {
        match text.parse::<Lang>() {
            Ok(l) => {
                let _ = LANG.set(l);
                let _ = LANG_GIVEN.set(l);
            }
            Err(e) => {
                eprintln!("error: {}", e.shown());
                return ExitCode::from(2);
            }
        }
    }
    match run(cli.command) {
        Ok(out) => {
            // Not `print!`: a pipe closed early (`| head -1`) is a message and exit 1, never a
            // panic.
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = std::io::Write::write_all(&mut stdout, out.as_bytes())
                .and_then(|()| std::io::Write::flush(&mut stdout))
            {
                written_or_exit(&messages::THE_OUTPUT, &e);
            }
            if ROWS_FAILED.load(std::sync::atomic::Ordering::Relaxed) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(Failure(e)) => {
            eprintln!("error: {}", e.shown());
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<String, Failure> {
    match command {
        Command::Round {
            value,
            interval,
            mode,
        } => {
            let value: ReportedValue = value.parse()?;
            let interval: Interval = interval.parse()?;
            let mode: RoundingMode = mode.parse()?;
            let rounded = Rounding::new(interval).mode(mode).round(value)?;
            Ok(format!("{rounded}\n"))
        }
        Command::Judge {
            value,
            limit,
            method,
            interval,
            uncertainty,
            k,
            rule,
            guard_band,
            difference,
            format,
        } => {
            let value: Measurement = value.parse()?;
            let difference = difference || value.is_difference();
            let value = with_uncertainty(value, uncertainty.as_deref(), k.as_deref())?;
            let limit: Limit = limit.parse()?;
            let method: Method = method.parse()?;
            let rule = decision_rule(&rule, guard_band.as_deref())?;
            let mut options = Judgement::from(method).rule(rule).difference(difference);
            if let Some(i) = interval {
                options = options.interval(i.parse()?);
            }
            let e = judge_with(value, &limit, options)?;
            Ok(match format {
                Format::Text => format!("{}\n", e.outcome),
                Format::Json => format!("{}\n", to_json(&e)),
            })
        }
        Command::Convert {
            value,
            from,
            to,
            difference,
        } => {
            // Exact: rust_decimal's `parse` rounds digits beyond 28 places silently.
            let value = rust_decimal::Decimal::from_str_exact(value.trim())
                .map_err(|_| ())
                .or_else(|()| Measurement::from_str(&value).map(|m| m.value().value()))?;
            let from: Unit = from.parse()?;
            let to: Unit = to.parse()?;
            let quantity = if difference {
                Quantity::difference(value, from)
            } else {
                Quantity::new(value, from)
            };
            // The exact result rounded once to 28 significant digits.
            Ok(format!("{}\n", quantity.convert(&to)?))
        }
        Command::Units { format } => Ok(units(format)),
        Command::Validate { plan } => validate(&plan),
        Command::Evaluate {
            plan,
            products,
            format,
            to,
            quiet,
            exact,
            input,
        } => {
            let engine = compile_or_exit(&plan);
            let (source, large) = open_products(&engine, &products, &input)?;
            let shown = products.display().to_string();
            let out = to.open()?;
            // JSON, JSON Lines and the long CSV print full verdicts.
            let full = exact
                || matches!(
                    format,
                    EvalFormat::Json | EvalFormat::Jsonl | EvalFormat::CsvLong
                );
            // The exact path or not, on several threads or on this one.
            let how = (full, input.parallel());
            let done = RowWriter::for_engine(format.into(), &engine, out)
                .and_then(|w| {
                    let w = w.lang(lang()).bom(to.bom());
                    evaluate(&engine, source, &shown, w, how, quiet || !large)
                })
                .unwrap_or_else(|e| {
                    // Output closed early (a pipe into `head`) or a write failed.
                    eprintln!(
                        "error: {}",
                        say(
                            &messages::WRITING,
                            &[Arg::Msg(&messages::THE_VERDICTS), a(e)]
                        )
                    );
                    std::process::exit(1);
                });
            if let Some(fault) = done.stopped {
                return Err(Failure(say(
                    &messages::ROWS_AFTER,
                    &[a(&shown), Arg::Error(&fault)],
                )));
            }
            if done.failed > 0 {
                eprintln!(
                    "error: {}",
                    say(
                        &messages::ROWS_FAILED,
                        &[a(&shown), a(done.failed), a(done.rows)]
                    )
                );
                ROWS_FAILED.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            Ok(String::new())
        }
        Command::Compare { plan, format, to } => {
            let engine = compile_or_exit(&plan);
            let verdict = engine.compare_standards()?;
            let text = duibiao::report::standard_verdict(&verdict, format.into());
            let bom = to.bom() && format == Output::Csv;
            if to.output.is_none() && !bom {
                return Ok(text);
            }
            let mut out = to.open()?;
            let written = (|| {
                if bom {
                    out.write_all(duibiao::report::BOM)?;
                }
                out.write_all(text.as_bytes())?;
                out.flush()
            })();
            written.unwrap_or_else(|e| written_or_exit(&messages::THE_VERDICTS, &e));
            Ok(String::new())
        }
        Command::Code { text, format } => {
            let code: StandardCode = text.parse()?;
            Ok(match format {
                Format::Text => format!("{code}\n"),
                Format::Json => format!("{}\n", to_json(&code.details())),
            })
        }
        Command::Rank {
            plan,
            products,
            standards,
            top,
            share,
            format,
            to,
            input,
        } => {
            let engine = compile_or_exit(&plan);
            let mut ranker = duibiao::rank::Ranker::new(&engine)?;
            if top.is_some() || share.is_some() {
                let mut cut = ranker.policy().leaders.clone();
                if top.is_some() {
                    cut.top = top;
                }
                let given = share.clone();
                if let Some(text) = share {
                    cut.share = Some(share_of(&text)?);
                }
                // The share as typed, before the library's reading of it (150% is 1.50).
                ranker = ranker.leader_cut(cut).map_err(|e| match &given {
                    Some(text) => Failure(say(&messages::SHARE_GIVEN, &[a(text), Arg::Error(&e)])),
                    None => Failure::from(e),
                })?;
            }
            let mut builder = ranker.builder();
            let mut push = |v: &duibiao::Verdict| builder.push(v);
            match (products, standards) {
                (Some(products), _) => each_verdict(&engine, &products, &input, &mut push)?,
                (None, Some(standards)) => {
                    each_standard_verdict(&engine, &standards, &input, &mut push)?
                }
                (None, None) => return Err(Failure(say(&messages::RANK_INPUT, &[]))),
            }
            let ranking = builder.finish()?;
            let mut out = to.open()?;
            let bom = to.bom() && format == Output::Csv;
            let written = (|| {
                if bom {
                    out.write_all(duibiao::report::BOM)?;
                }
                duibiao::report::write_ranking(&ranking, format.into(), &mut out)
            })();
            written.unwrap_or_else(|e| written_or_exit(&messages::THE_RANKING, &e));
            Ok(String::new())
        }
        Command::Report {
            plan,
            products,
            verdicts,
            format,
            to,
            date,
            input,
        } => {
            let output = to.output.clone();
            let bom = to.bom() && format == ReportFormat::Csv;
            let date = match (date, std::env::var("SOURCE_DATE_EPOCH")) {
                (Some(d), _) => duibiao::report::date_text(&d)?,
                (None, Ok(epoch)) => duibiao::report::date_of_epoch(&epoch)?,
                (None, Err(_)) => today(),
            };
            // The labels follow --lang; without it both languages, side by side.
            let lang = LANG_GIVEN.get().copied().unwrap_or(Lang::Both);
            // The plan is read once (a pipe can be read only once): its names label the report.
            let (engine, source) = compile_plan_or_exit(&plan);
            let ranker = duibiao::rank::Ranker::new(&engine)?;
            let mut builder =
                duibiao::report::ReportBuilder::new(engine.category()).ranked_by(&ranker);
            match (products, verdicts) {
                (Some(products), _) => {
                    each_verdict(&engine, &products, &input, &mut |v| builder.push(v))?
                }
                (None, Some(verdicts)) => {
                    each_stored_verdict(&engine, &verdicts, &mut |v| builder.push(v))?
                }
                (None, None) => return Err(Failure(say(&messages::REPORT_INPUT, &[]))),
            }
            let report = builder
                .finish()?
                .with_names(&source)
                .with_plan(&engine)?
                .dated(date);
            let write = |out: &mut dyn std::io::Write| match format {
                ReportFormat::Md => report.write_markdown(lang, out),
                ReportFormat::Csv if bom => {
                    out.write_all(duibiao::report::BOM)?;
                    report.write_csv(lang, out)
                }
                ReportFormat::Csv => report.write_csv(lang, out),
                ReportFormat::Json => report.write_json(out),
                ReportFormat::Html => report.write_html(lang, out),
            };
            match output {
                None => {
                    let mut out =
                        std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                    write(&mut out).unwrap_or_else(|e| written_or_exit(&messages::THE_REPORT, &e));
                }
                Some(path) => {
                    let file = std::fs::File::create(&path).map_err(|e| {
                        Failure(say(&messages::OUTPUT_FILE, &[a(path.display()), a(e)]))
                    })?;
                    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
                    write(&mut out).map_err(|e| {
                        Failure(say(&messages::OUTPUT_FILE, &[a(path.display()), a(e)]))
                    })?;
                }
            }
            Ok(String::new())
        }
        Command::Schema { of } => Ok(if of.verdict {
            duibiao::verdict::verdict_json_schema()
        } else if of.standard_verdict {
            duibiao::verdict::standard_verdict_json_schema()
        } else if of.ranking {
            duibiao::rank::ranking_json_schema()
        } else if of.report {
            duibiao::report::report_json_schema()
        } else {
            duibiao::plan::plan_json_schema()
        }),
        Command::Demo => Ok(demo()?),
    }
}

/// A number given as an option: exact decimal, quoted in the message when it is not one.
fn number(what: &Msg, text: &str) -> Result<rust_decimal::Decimal, Failure> {
    rust_decimal::Decimal::from_str_exact(text.trim())
        .map_err(|_| Failure(say(&messages::NOT_A_DECIMAL, &[Arg::Msg(what), a(text)])))
}

/// The value with the uncertainty and coverage factor given as options; an uncertainty written
/// in the value and another given with `--uncertainty` must agree.
fn with_uncertainty(
    value: Measurement,
    uncertainty: Option<&str>,
    k: Option<&str>,
) -> Result<Measurement, Failure> {
    let value = match uncertainty {
        None => value,
        Some(text) => {
            let u = number(&messages::UNCERTAINTY, text)?;
            match value.uncertainty() {
                Some(written) if written != u => {
                    return Err(Failure(say(
                        &messages::UNCERTAINTY_DIFFERS,
                        &[a(&value), a(written), a(text)],
                    )))
                }
                Some(_) => value,
                None => Measurement::new(value.value(), Some(u), value.unit().cloned())?,
            }
        }
    };
    Ok(match k {
        None => value,
        Some(text) => {
            let k = number(&messages::COVERAGE_FACTOR, text)?;
            match value.coverage_factor() {
                // A k written in VALUE and another given with --k: which one was meant?
                Some(written) if written != k => {
                    return Err(Failure(say(
                        &messages::K_DIFFERS,
                        &[a(&value), a(written), a(text)],
                    )))
                }
                _ => value.with_coverage_factor(k)?,
            }
        }
    })
}

/// `--share`: a decimal share (0.2) or a percentage (20%).
fn share_of(text: &str) -> Result<rust_decimal::Decimal, Failure> {
    match text.trim().strip_suffix('%') {
        Some(p) => {
            // p % is p × 10⁻², exact: a share with more than 28 decimals is refused, never
            // rounded.
            let mut share = number(&messages::SHARE, p)?;
            share.set_scale(share.scale() + 2).map_err(|_| {
                Failure(say(
                    &messages::NOT_A_DECIMAL,
                    &[Arg::Msg(&messages::SHARE), a(text)],
                ))
            })?;
            Ok(share)
        }
        None => number(&messages::SHARE, text),
    }
}

/// `--rule` with `--guard-band`: simple acceptance takes no guard band.
fn decision_rule(rule: &str, guard_band: Option<&str>) -> Result<DecisionRule, Failure> {
    let rule: DecisionRule = rule.parse()?;
    Ok(match guard_band {
        None => rule,
        Some(text) => rule.try_with_guard_band_factor(text.parse::<GuardBandFactor>()?)?,
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serializing plain data into a string cannot fail; fall back to an empty object anyway.
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned())
}

/// The plan file, measured before it is read, parsed once and checked, each fault located;
/// with the plan's text for showing the faults' lines.
/// The plan file read, checked once and compiled; a file that cannot be read or is no plan
/// exits 2 with its error.
fn read_plan_file(path: &std::path::Path) -> duibiao::engine::PlanFile {
    duibiao::engine::PlanFile::read(path, &duibiao::Limits::default()).unwrap_or_else(|e| {
        eprintln!("error: {}", e.shown());
        std::process::exit(2);
    })
}

/// A fault on stderr: its one line (`FILE: error: line 3, column 9: PATH: MESSAGE`), then, when
/// it has a span, the line of the plan it is on with a caret under the offending text.
fn print_fault(path: &std::path::Path, fault: &duibiao::plan::Fault, text: &str) {
    eprintln!("{}: {}", path.display(), fault.to_string_in(lang()));
    let Some(span) = fault.span else {
        return;
    };
    // Only the fault's own line is rendered, so a 4 MB plan costs one line per fault.
    let start = text
        .get(..span.start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |n| n + 1);
    let end = text
        .get(span.start..)
        .and_then(|after| after.find('\n'))
        .map_or(text.len(), |n| span.start + n);
    let Some(line) = text.get(start..end) else {
        return;
    };
    if line.len() > 400 {
        return;
    }
    let from = span.start - start;
    let to = span.end.clamp(span.start, end) - start;
    let to = if to == from { from + 1 } else { to };
    let level = match fault.severity {
        duibiao::plan::Severity::Warning => annotate_snippets::Level::Warning,
        _ => annotate_snippets::Level::Error,
    };
    let origin = path.display().to_string();
    let message = level.title("").snippet(
        annotate_snippets::Snippet::source(line)
            .line_start(span.line)
            .origin(&origin)
            .annotation(level.span(from..to.min(line.len().max(from + 1)))),
    );
    let rendered = annotate_snippets::Renderer::plain()
        .render(message)
        .to_string();
    // The title line is the fault's own line above; keep the snippet.
    for l in rendered.lines().skip(1) {
        eprintln!("{l}");
    }
}

/// The products file (or `-` for standard input), read once: a JSON array by the extension
/// `.json`, JSON Lines by `.jsonl` or `.ndjson`, CSV by `.csv`; anything else (standard input,
/// a pipe, `/dev/stdin`, a process substitution) by its first character: `[` starts a JSON
/// array, `{` a JSON Lines file, anything else is CSV. Warns on stderr about CSV columns that
/// name no indicator (ignored; a misspelt header would make every product miss that
/// indicator). Also whether the file is large enough (8 MiB, about 100,000 products of a
/// dozen indicators) to show progress for.
fn open_products(
    engine: &duibiao::Engine,
    path: &std::path::Path,
    input: &Input,
) -> Result<(Source<Box<dyn std::io::Read>>, bool), Failure> {
    let shown = path.display().to_string();
    let encoding: duibiao::product::Encoding = input.encoding.parse()?;
    let workbook = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if workbook {
        return open_workbook(engine, path, input.sheet.as_deref());
    }
    if input.sheet.is_some() {
        return Err(Failure(say(&messages::NOT_A_WORKBOOK, &[a(&shown)])));
    }
    let (reader, length) = open_input(path, &messages::PRODUCTS_FILE)?;
    let large = length.is_some_and(|n| n >= 8 << 20);
    let limits = duibiao::Limits::default();
    #[derive(PartialEq)]
    enum Kind {
        Csv,
        Json,
        JsonLines,
    }
    let extension = path.extension().map(|e| e.to_ascii_lowercase());
    let mut reader = std::io::BufReader::with_capacity(1 << 16, reader);
    let kind = match extension.as_ref().and_then(|e| e.to_str()) {
        Some("json") => Kind::Json,
        Some("jsonl" | "ndjson") => Kind::JsonLines,
        Some("csv") => Kind::Csv,
        _ => match std::io::BufRead::fill_buf(&mut reader) {
            Ok(head) => {
                let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
                match head.iter().find(|b| !b.is_ascii_whitespace()) {
                    Some(b'[') => Kind::Json,
                    Some(b'{') => Kind::JsonLines,
                    _ => Kind::Csv,
                }
            }
            Err(e) => return Err(Failure(say(&messages::PRODUCTS_FILE, &[a(&shown), a(e)]))),
        },
    };
    let reader: Box<dyn std::io::Read> = Box::new(reader);
    // Decoded as CSV is: any encoding `--encoding` names or `auto` detects.
    let source = match kind {
        Kind::Csv => Source::csv_with_encoding(reader, engine, &limits, encoding),
        Kind::Json | Kind::JsonLines => {
            let decoded: Box<dyn std::io::Read> =
                Box::new(duibiao::product::Decoder::new(reader, encoding));
            if kind == Kind::Json {
                Source::json(decoded, engine, &limits)
            } else {
                Source::json_lines(decoded, engine, &limits)
            }
        }
    }
    .map_err(|e| Failure(say(&messages::IN_FILE, &[a(&shown), Arg::Error(&e)])))?;
    warn_ignored(&shown, &source);
    Ok((source, large))
}

/// The file `path` names, or standard input for `-`, with its length when it is a file; a
/// file that cannot be opened is refused with `what` (the products or the standards file) and
/// why.
fn open_input(
    path: &std::path::Path,
    what: &Msg,
) -> Result<(Box<dyn std::io::Read>, Option<u64>), Failure> {
    let shown = path.display().to_string();
    if shown == "-" {
        return Ok((Box::new(std::io::stdin().lock()), None));
    }
    let file = std::fs::File::open(path).map_err(|e| Failure(say(what, &[a(&shown), a(e)])))?;
    let length = file.metadata().ok().map(|m| m.len());
    Ok((Box::new(file), length))
}

/// The first sheet of an .xlsx workbook, or the one `--sheet` names.
fn open_workbook(
    engine: &duibiao::Engine,
    path: &std::path::Path,
    sheet: Option<&str>,
) -> Result<(Source<Box<dyn std::io::Read>>, bool), Failure> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| Failure(say(&messages::PRODUCTS_FILE, &[a(&shown), a(e)])))?;
    let large = file.metadata().is_ok_and(|m| m.len() >= 1 << 20);
    let source = Source::xlsx(
        std::io::BufReader::new(file),
        engine,
        &duibiao::Limits::default(),
        sheet,
    )
    .map_err(|e| Failure(say(&messages::IN_FILE, &[a(&shown), Arg::Error(&e)])))?;
    warn_ignored(&shown, &source);
    Ok((source, large))
}

/// Warns on stderr about the columns that name no indicator (ignored).
fn warn_ignored(shown: &str, source: &Source<Box<dyn std::io::Read>>) {
    let ignored = source.ignored();
    const SHOWN: usize = 10;
    for column in ignored.iter().take(SHOWN) {
        eprintln!(
            "warning: {}",
            say(&messages::COLUMN_IGNORED, &[a(shown), a(truncated(column))])
        );
    }
    if ignored.len() > SHOWN {
        eprintln!(
            "warning: {}",
            say(
                &messages::COLUMNS_IGNORED,
                &[a(shown), a(ignored.len() - SHOWN)]
            )
        );
    }
}

/// Where a product was read, in the language of messages (`line 7`, `第 7 行`).
fn place_shown(place: Place) -> String {
    match place {
        Place::Line(n) => say(&messages::LINE, &[a(n)]),
        Place::Row(n) => say(&messages::ROW, &[a(n)]),
        Place::Entry(n) => say(&messages::ENTRY, &[a(n)]),
        other => other.to_string(),
    }
}

/// A name shown in a message: at most 64 characters.
fn truncated(s: &str) -> String {
    if s.chars().count() > 64 {
        format!("{}…", s.chars().take(64).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// Product ids read twice in one file, warned on stderr: a stream cannot refuse them.
struct Duplicates<'a> {
    ids: DuplicateIds,
    shown: &'a str,
    said_unchecked: bool,
}

impl Duplicates<'_> {
    fn new(shown: &str) -> Duplicates<'_> {
        Duplicates {
            ids: DuplicateIds::new(),
            shown,
            said_unchecked: false,
        }
    }

    /// Checks the id of the row just read.
    fn check(&mut self, product: Option<&str>, place: Option<Place>) {
        let (Some(id), Some(place)) = (product, place) else {
            return;
        };
        match self.ids.check(id, place) {
            Seen::Again(first) => eprintln!(
                "warning: {}",
                say(
                    &messages::DUPLICATE_ID,
                    &[
                        a(self.shown),
                        a(place_shown(place)),
                        a(truncated(id)),
                        a(place_shown(first)),
                        a(place_shown(place)),
                    ]
                )
            ),
            Seen::Unchecked if !self.said_unchecked => {
                self.said_unchecked = true;
                if self.ids.is_full() {
                    eprintln!(
                        "warning: {}",
                        say(
                            &messages::DUPLICATES_CAPPED,
                            &[a(self.shown), a(place_shown(place)), a(self.ids.cap())]
                        )
                    );
                } else {
                    eprintln!(
                        "warning: {}",
                        say(
                            &messages::DUPLICATES_UNCHECKED,
                            &[a(self.shown), a(place_shown(place))]
                        )
                    );
                }
            }
            _ => {}
        }
    }
}

/// What `evaluate` met: how many rows, how many failed, and the fault of the file that
/// stopped the reading, if any.
struct Evaluated {
    rows: usize,
    failed: usize,
    stopped: Option<Error>,
}

/// `evaluate`: summaries (the fast path where it holds) for table, CSV and Markdown; full
/// verdicts (`full`) for JSON, JSON Lines, the long CSV and with `--exact`; judged on the
/// threads of `parallel` or on this one. The same rows either way. A row that cannot be read
/// or judged is written as an error row naming its product when the id could be read; the
/// others go on. Product ids read twice are warned on stderr.
fn evaluate(
    engine: &duibiao::Engine,
    source: Source<Box<dyn std::io::Read>>,
    shown: &str,
    mut w: RowWriter<impl std::io::Write>,
    (full, parallel): (bool, Option<duibiao::stream::Parallel>),
    quiet: bool,
) -> std::io::Result<Evaluated> {
    let progress = progress::Progress::new(quiet);
    let mut duplicates = Duplicates::new(shown);
    let mut done = Evaluated {
        rows: 0,
        failed: 0,
        stopped: None,
    };
    // One loop over the rows of either path: `$write` is the writer's method for a row.
    macro_rules! write_rows {
        ($rows:expr, $write:ident) => {{
            let mut rows = $rows;
            while let Some(row) = rows.next() {
                progress.tick(done.rows);
                done.rows += 1;
                duplicates.check(rows.product_id(), rows.place());
                match row {
                    Ok(row) => w.$write(&row)?,
                    Err(e) => {
                        w.error_of(rows.product_id(), &e)?;
                        done.failed += 1;
                        if rows.stopped() {
                            done.stopped = Some(e);
                        }
                    }
                }
            }
        }};
    }
    // On several threads or on this one: the same rows, in the same order.
    match (full, parallel) {
        (true, Some(p)) => write_rows!(source.verdicts_parallel(engine, p), verdict),
        (true, None) => write_rows!(source.verdicts(engine), verdict),
        (false, Some(p)) => write_rows!(source.summaries_parallel(engine, p), summary),
        (false, None) => write_rows!(source.summaries(engine), summary),
    }
    progress.finish(done.rows);
    w.finish()?;
    Ok(done)
}

/// Every product of a file judged by `engine` and given to `f` as it is read, for `rank` and
/// `report`. A row that cannot be read or judged never stops the others: its error, with its
/// place, is printed on stderr and the row is left out (exit status 1). A fault of the file
/// that stops the reading refuses the whole file: a ranking of the rows before it would
/// mislead.
fn each_verdict(
    engine: &duibiao::Engine,
    path: &std::path::Path,
    input: &Input,
    f: &mut dyn FnMut(&duibiao::Verdict) -> Result<(), Error>,
) -> Result<(), Failure> {
    let shown = path.display().to_string();
    let (source, _) = open_products(engine, path, input)?;
    // On several threads or on this one: the same verdicts, in the same order.
    macro_rules! each_row {
        ($rows:expr) => {{
            let mut rows = $rows;
            while let Some(v) = rows.next() {
                match v {
                    Ok(v) => f(&v)?,
                    Err(e) if rows.stopped() => {
                        return Err(Failure(say(
                            &messages::IN_FILE,
                            &[a(&shown), Arg::Error(&e)],
                        )))
                    }
                    Err(e) => {
                        eprintln!(
                            "error: {}",
                            say(&messages::LEFT_OUT, &[a(&shown), Arg::Error(&e)])
                        );
                        ROWS_FAILED.store(true, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            }
        }};
    }
    match input.parallel() {
        Some(p) => each_row!(source.verdicts_parallel(engine, p)),
        None => each_row!(source.verdicts(engine)),
    }
    Ok(())
}

/// Every verdict of a stored verdicts file (or `-` for standard input), read back and given
/// to `f`: a JSON array, or JSON Lines for .jsonl and .ndjson (otherwise told by the first
/// byte); an unreadable entry, or one judged by another plan, is left out with its error on
/// stderr (exit status 1), a fault of the file refuses it (exit status 2).
fn each_stored_verdict(
    engine: &duibiao::Engine,
    path: &std::path::Path,
    f: &mut dyn FnMut(&duibiao::Verdict) -> Result<(), Error>,
) -> Result<(), Failure> {
    use duibiao::verdict::VerdictRows;
    let shown = path.display().to_string();
    let (reader, _) = open_input(path, &messages::VERDICTS_FILE)?;
    let limits = duibiao::Limits::default();
    let lines = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    let refused = |e: Error| Failure(say(&messages::IN_FILE, &[a(&shown), Arg::Error(&e)]));
    fn drain<R: std::io::Read>(
        mut rows: VerdictRows<R>,
        shown: &str,
        f: &mut dyn FnMut(&duibiao::Verdict) -> Result<(), Error>,
    ) -> Result<(), Failure> {
        while let Some(v) = rows.next() {
            match v {
                Ok(v) => f(&v)?,
                Err(e) if rows.stopped() => {
                    return Err(Failure(say(
                        &messages::IN_FILE,
                        &[a(shown), Arg::Error(&e)],
                    )))
                }
                Err(e) => {
                    eprintln!(
                        "error: {}",
                        say(&messages::LEFT_OUT, &[a(shown), Arg::Error(&e)])
                    );
                    ROWS_FAILED.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
        }
        Ok(())
    }
    if lines {
        let rows = VerdictRows::lines(reader, &limits).map_err(refused)?;
        drain(rows.fitting(engine.indicator_ids()), &shown, f)
    } else {
        let rows = VerdictRows::detect(reader, &limits).map_err(refused)?;
        drain(rows.fitting(engine.indicator_ids()), &shown, f)
    }
}

/// Every enterprise standard of a file (or `-` for standard input) judged by its
/// requirements and given to `f`; an unreadable row is left out with its error on stderr
/// (exit status 1), an unreadable header refuses the file (exit status 2).
fn each_standard_verdict(
    engine: &duibiao::Engine,
    path: &std::path::Path,
    input: &Input,
    f: &mut dyn FnMut(&duibiao::Verdict) -> Result<(), Error>,
) -> Result<(), Failure> {
    let shown = path.display().to_string();
    let encoding: duibiao::product::Encoding = input.encoding.parse()?;
    let (reader, _) = open_input(path, &messages::STANDARDS_FILE)?;
    let decoded = duibiao::product::Decoder::new(std::io::BufReader::new(reader), encoding);
    // Read one row at a time (flat memory); a fault of the header refuses the file.
    let rows = engine
        .standards(decoded)
        .map_err(|e| Failure(say(&messages::IN_FILE, &[a(&shown), Arg::Error(&e)])))?;
    for row in rows {
        match row.and_then(|(code, reqs)| engine.evaluate_standard(&code, &reqs)) {
            Ok(v) => f(&v)?,
            Err(e) => {
                eprintln!(
                    "error: {}",
                    say(&messages::LEFT_OUT, &[a(&shown), Arg::Error(&e)])
                );
                ROWS_FAILED.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
    }
    Ok(())
}

/// After a failed write to standard output (a pipe into `head` closed early): the message,
/// and exit 1, as `evaluate` does.
fn written_or_exit(what: &Msg, e: &std::io::Error) {
    eprintln!(
        "error: {}",
        say(&messages::WRITING, &[Arg::Msg(what), a(e)])
    );
    std::process::exit(1);
}

const DEMO_PLAN: &str = include_str!("../../examples/plans/smart-toilet.toml");
const DEMO_PRODUCTS: &str = include_str!("../../examples/demo/products.csv");

/// The README's main command: the bundled smart toilet plan and eight products.
fn demo() -> Result<String, Error> {
    use std::fmt::Write as _;
    let plan = duibiao::Plan::from_toml_str(DEMO_PLAN)?;
    let engine = plan.compile()?;
    let mut s = String::from(
        "duibiao (对标) — benchmarking smart toilets (智能坐便器) against advanced standards\n\n",
    );
    s.push_str("Benchmark level per indicator (the strictest benchmark requirement):\n");
    for id in engine.indicator_ids() {
        let level: Vec<String> = engine
            .benchmark_level(id)
            .iter()
            .map(|(c, l)| format!("{l} ({c})"))
            .collect();
        let _ = writeln!(s, "  {} {}", pad(id, 18), level.join("; "));
    }
    s.push_str("  (the flush-water grades are quoted from T/CZGX 001-2022; the other limits are illustrative: docs/examples.md)\n");
    s.push_str("\nProducts (leader 领跑 · follower 跟跑 · gap 差距):\n");
    let source = Source::csv(
        DEMO_PRODUCTS.as_bytes(),
        &engine,
        &duibiao::Limits::default(),
    )?;
    let verdicts = source.verdicts(&engine).collect::<Result<Vec<_>, _>>()?;
    for v in &verdicts {
        let _ = writeln!(
            s,
            "  {} {} {}  {}",
            pad(&v.product, 8),
            pad(v.class.as_str(), 8),
            v.class.zh(),
            duibiao::report::explain(v)
        );
    }
    let count = |c: duibiao::Class| verdicts.iter().filter(|v| v.class == c).count();
    let _ = writeln!(
        s,
        "\n{} leader 领跑 · {} follower 跟跑 · {} gap 差距",
        count(duibiao::Class::Leader),
        count(duibiao::Class::Follower),
        count(duibiao::Class::Gap)
    );
    let subject = engine.compare_standards()?;
    let _ = writeln!(
        s,
        "\nThe enterprise standard {} itself: {} {}",
        subject.standard,
        subject.class,
        subject.class.zh()
    );
    s.push_str("\nMore: duibiao evaluate examples/plans/smart-toilet.toml --products examples/demo/products.csv --format json\n");
    Ok(s)
}

fn compile_or_exit(path: &std::path::Path) -> duibiao::Engine {
    compile_plan_or_exit(path).0
}

/// The plan file read once, checked and compiled, with the plan as read; its faults on stderr
/// and exit 2 when it has any.
fn compile_plan_or_exit(path: &std::path::Path) -> (duibiao::Engine, duibiao::Plan) {
    let duibiao::engine::PlanFile {
        plan,
        report,
        text,
        engine,
    } = read_plan_file(path);
    // Faults with their line and column, as `validate` prints them.
    if !report.is_ok() {
        for fault in report.errors() {
            print_fault(path, fault, &text);
        }
        if let Some(line) = report.omitted_line_in(lang()) {
            eprintln!("{}: {line}", path.display());
        }
        std::process::exit(2);
    }
    let engine = engine.unwrap_or_else(|e| {
        eprintln!(
            "error: {}",
            say(&messages::IN_FILE, &[a(path.display()), Arg::Error(&e)])
        );
        std::process::exit(2);
    });
    for w in engine.warnings_in(lang()) {
        eprintln!("{}: warning: {w}", path.display());
    }
    (engine, plan)
}

fn validate(path: &std::path::Path) -> Result<String, Failure> {
    let duibiao::engine::PlanFile {
        report,
        text,
        engine,
        ..
    } = read_plan_file(path);
    if report.is_ok() {
        // The ranking policy is checked against the compiled plan (its weights name core
        // indicators).
        let engine = engine.and_then(|engine| match duibiao::rank::Ranker::new(&engine) {
            Ok(_) => Ok(engine),
            Err(e) => Err(e),
        });
        let engine = match engine {
            Ok(engine) => engine,
            Err(e) => {
                eprintln!("{}: error: {}", path.display(), e.shown());
                std::process::exit(2);
            }
        };
        let mut out = String::new();
        for w in report.warnings() {
            print_fault(path, w, &text);
        }
        for w in engine.warnings_in(lang()) {
            eprintln!("{}: warning: {w}", path.display());
        }
        out.push_str("ok\n");
        Ok(out)
    } else {
        for f in &report.faults {
            print_fault(path, f, &text);
        }
        if let Some(line) = report.omitted_line_in(lang()) {
            eprintln!("{}: {line}", path.display());
        }
        std::process::exit(2);
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "kebab-case")]
struct UnitRow {
    symbol: String,
    name_en: Option<&'static str>,
    name_zh: Option<&'static str>,
    dimension: String,
    factor: String,
    offset: Option<String>,
    spellings: &'static [&'static str],
}

fn units(format: Format) -> String {
    let rows: Vec<UnitRow> = Unit::table()
        .map(|u| UnitRow {
            symbol: u.to_string(),
            name_en: u.name_en(),
            name_zh: u.name_zh(),
            dimension: u.dimension().to_string(),
            factor: u.factor().normalize().to_string(),
            offset: u.offset().map(|o| o.to_string()),
            spellings: u.spellings(),
        })
        .collect();
    match format {
        Format::Json => format!("{}\n", to_json(&rows)),
        Format::Text => {
            let mut out = format!(
                "{} {} {} {} {}\n",
                pad("symbol", 10),
                pad("name", 28),
                pad("名称", 10),
                pad("dimension", 24),
                "factor to SI"
            );
            for r in rows {
                out.push_str(&format!(
                    "{} {} {} {} {}{}\n",
                    pad(&r.symbol, 10),
                    pad(r.name_en.unwrap_or(""), 28),
                    pad(r.name_zh.unwrap_or(""), 10),
                    pad(&r.dimension, 24),
                    r.factor,
                    r.offset
                        .map(|o| format!(" (offset {o})"))
                        .unwrap_or_default()
                ));
            }
            out
        }
    }
}
