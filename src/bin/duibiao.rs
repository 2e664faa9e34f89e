//! `duibiao`: the command line of the duibiao crate.
//!
//! Exit status: 0 with an answer (pass and fail are both answers), 2 for malformed input with a
//! one-line message on stderr that quotes the offending text.

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use duibiao::decision::{evidence, Method};
use duibiao::rounding::{Interval, ReportedValue, Rounding, RoundingMode};
use std::str::FromStr;

use duibiao::unit::{convert_difference, convert_value};
use duibiao::{Error, Limit, Measurement, StandardCode, Unit};

#[derive(Parser)]
#[command(
    name = "duibiao",
    version,
    about = "Benchmark products and standards against advanced standards (对标)",
    long_about = None
)]
struct Cli {
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
    /// Judge a value against a limit and print pass or fail.
    Judge {
        /// The value, optionally with a mark and a unit: 16.5(+), "4800 mL", "104.1 °F".
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
    /// Print the JSON Schema of the plan file (docs/schema/plan-v1.schema.json).
    Schema,
    /// Show rounding and judgement on the GB/T 8170-2008 worked examples.
    Demo,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<String, Error> {
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
            format,
        } => {
            let value: Measurement = value.parse()?;
            let limit: Limit = limit.parse()?;
            let method: Method = method.parse()?;
            let interval = interval.map(|i| i.parse::<Interval>()).transpose()?;
            let e = evidence(value, &limit, method, interval)?;
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
            let value = value
                .trim()
                .parse::<rust_decimal::Decimal>()
                .map_err(|_| ())
                .or_else(|()| Measurement::from_str(&value).map(|m| m.value().value()))?;
            let from: Unit = from.parse()?;
            let to: Unit = to.parse()?;
            let converted = if difference {
                convert_difference(value, &from, &to)?
            } else {
                convert_value(value, &from, &to)?
            };
            Ok(format!("{}\n", converted.normalize()))
        }
        Command::Units { format } => Ok(units(format)),
        Command::Validate { plan } => validate(&plan),
        Command::Code { text, format } => {
            let code: StandardCode = text.parse()?;
            Ok(match format {
                Format::Text => format!("{code}\n"),
                Format::Json => format!("{}\n", to_json(&code.details())),
            })
        }
        Command::Schema => Ok(duibiao::plan::plan_json_schema()),
        Command::Demo => demo(),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serializing plain data into a string cannot fail; fall back to an empty object anyway.
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned())
}

fn read_plan(path: &std::path::Path) -> Result<(duibiao::Plan, String), String> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("plan \"{shown}\": {e}"))?;
    let plan = if path.extension().is_some_and(|e| e == "json") {
        duibiao::Plan::from_json_str(&text)
    } else {
        duibiao::Plan::from_toml_str(&text)
    }
    .map_err(|e| format!("{shown}: {e}"))?;
    Ok((plan, text))
}

fn validate(path: &std::path::Path) -> Result<String, Error> {
    let (plan, text) = match read_plan(path) {
        Ok(p) => p,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::exit(2);
        }
    };
    let report = plan.check_in(&text);
    if report.is_ok() {
        let mut out = String::new();
        for w in report.warnings() {
            eprintln!("{}: {w}", path.display());
        }
        out.push_str("ok\n");
        Ok(out)
    } else {
        for f in &report.faults {
            eprintln!("{}: {f}", path.display());
        }
        std::process::exit(2);
    }
}

#[derive(serde::Serialize)]
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
                "{:<10} {:<28} {:<10} {:<24} {}\n",
                "symbol", "name", "名称", "dimension", "factor to SI"
            );
            for r in rows {
                out.push_str(&format!(
                    "{:<10} {:<28} {:<10} {:<24} {}{}\n",
                    r.symbol,
                    r.name_en.unwrap_or(""),
                    r.name_zh.unwrap_or(""),
                    r.dimension,
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

fn demo() -> Result<String, Error> {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "duibiao (对标) — GB/T 8170-2008 worked examples\n");
    let _ = writeln!(
        out,
        "Rounding (数值修约), round half to even unless marked:"
    );
    let _ = writeln!(out, "  {:<10} {:>9}  {:>8}", "value", "interval", "rounded");
    for (value, interval) in [
        ("12.1498", "0.1"),
        ("1268", "100"),
        ("10.5002", "1"),
        ("0.35", "0.1"),
        ("2500", "1000"),
        ("-355", "10"),
        ("97.46", "1"),
        ("60.25", "0.5"),
        ("830", "20"),
        ("16.5(+)", "1"),
        ("15.5(-)", "1"),
    ] {
        let v: ReportedValue = value.parse()?;
        let i: Interval = interval.parse()?;
        let rounded = Rounding::new(i).round(v)?;
        let _ = writeln!(
            out,
            "  {:<10} {:>9}  {:>8}",
            v.to_string(),
            i.to_string(),
            rounded.to_string()
        );
    }
    let _ = writeln!(out, "\nJudging against limits (极限数值的判定):");
    let _ = writeln!(
        out,
        "  {:<16} {:>7}  {:<22} rounded-value 修约值比较法",
        "limit", "value", "full-value 全数值比较法"
    );
    for (limit, value) in [
        ("≥ 14×100 MPa", "1349"),
        ("≥ 14×100 MPa", "1351"),
        ("≥ 14×100 MPa", "1400"),
        ("≥ 97.0 %", "97.01"),
        ("≥ 97.0 %", "96.96"),
        ("≥ 97.0 %", "96.94"),
        ("10.0±0.1 mm", "9.89"),
        ("10.0±0.1 mm", "9.85"),
        ("10.0±0.1 mm", "10.10"),
        ("10.0±0.1 mm", "10.16"),
    ] {
        let l: Limit = limit.parse()?;
        let v: ReportedValue = value.parse()?;
        let full = evidence(v, &l, Method::FullValue, None)?;
        let rounded = evidence(v, &l, Method::RoundedValue, None)?;
        let shown = format!(
            "{} (→ {})",
            rounded.outcome,
            rounded.rounded.map(|r| r.to_string()).unwrap_or_default()
        );
        let _ = writeln!(
            out,
            "  {:<16} {:>7}  {:<22} {}",
            l.to_string(),
            value,
            full.outcome.as_str(),
            shown
        );
    }
    Ok(out)
}
