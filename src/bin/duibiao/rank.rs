//! `duibiao rank` and `duibiao report`: reading a whole products file, ranking, rendering.

use std::path::Path;

use duibiao::rank::Ranking;
use duibiao::verdict::Verdict;
use duibiao::{Engine, Error, Product};

use super::{Failure, Output};

/// Every product of a file (CSV or JSON) judged by `engine`. A row that cannot be read or
/// judged never stops the others: its error, with its place, is printed on stderr and the row
/// is left out.
pub fn verdicts(engine: &Engine, path: &Path) -> Result<Vec<Verdict>, Failure> {
    let shown = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure(format!("products \"{shown}\": {e}")))?;
    let json = path.extension().is_some_and(|e| e == "json");
    let rows: Vec<Result<Product, Error>> = if json {
        duibiao::product::read_json(&text).map_err(|e| Failure(format!("{shown}: {e}")))?
    } else {
        duibiao::product::read_csv(text.as_bytes()).collect()
    };
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        let place = if json {
            format!("products[{i}]")
        } else {
            format!("line {}", i + 2)
        };
        match row.and_then(|p| engine.evaluate(&p).map_err(|e| e.context(place.clone()))) {
            Ok(v) => out.push(v),
            Err(e) => eprintln!("error: {shown}: {e} (left out)"),
        }
    }
    Ok(out)
}

/// Every enterprise standard of a file judged by its requirements
/// ([`Engine::evaluate_standard`]); an unreadable row is left out with its error on stderr.
pub fn standard_verdicts(engine: &Engine, path: &Path) -> Result<Vec<Verdict>, Failure> {
    let shown = path.display().to_string();
    let file =
        std::fs::File::open(path).map_err(|e| Failure(format!("standards \"{shown}\": {e}")))?;
    let mut out = Vec::new();
    for row in engine.read_standards(std::io::BufReader::new(file)) {
        match row.and_then(|(code, reqs)| engine.evaluate_standard(&code, &reqs)) {
            Ok(v) => out.push(v),
            Err(e) => eprintln!("error: {shown}: {e} (left out)"),
        }
    }
    Ok(out)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The ranking in one of the output formats.
pub fn ranking(r: &Ranking, format: Output) -> String {
    let mut s = String::new();
    match format {
        Output::Json => {
            s = serde_json::to_string_pretty(r).unwrap_or_default();
            s.push('\n');
        }
        Output::Csv => {
            s.push_str("rank,id,score,exceeding,class,leader,ineligible_because\n");
            for e in &r.ranked {
                s.push_str(&format!(
                    "{},{},{},{},{},{},\n",
                    e.rank,
                    csv_field(&e.id),
                    e.score.total,
                    e.score.exceeding,
                    e.class,
                    e.leader
                ));
            }
            for i in &r.ineligible {
                s.push_str(&format!(
                    ",{},,,{},false,{}\n",
                    csv_field(&i.id),
                    i.class,
                    csv_field(&reasons(i))
                ));
            }
        }
        Output::Table => {
            s.push_str(&format!(
                "{:>4}  {:<16} {:>10} {:>6}  {:<9} {}\n",
                "rank", "id", "score", "exceed", "class", "leader 领跑者"
            ));
            for e in &r.ranked {
                s.push_str(&format!(
                    "{:>4}  {:<16} {:>10} {:>6}  {:<9} {}\n",
                    e.rank,
                    e.id,
                    e.score.total.to_string(),
                    e.score.exceeding,
                    e.class.as_str(),
                    if e.leader { "yes 是" } else { "" }
                ));
            }
            if !r.ineligible.is_empty() {
                s.push_str("\nnot ranked 未入榜:\n");
                for i in &r.ineligible {
                    s.push_str(&format!("  {:<16} {}\n", i.id, reasons(i)));
                }
            }
            s.push_str(&format!(
                "\n{} ranked · {} leader{} 领跑者 · {} not ranked\n",
                r.ranked.len(),
                r.leader_count,
                if r.leader_count == 1 { "" } else { "s" },
                r.ineligible.len()
            ));
        }
        Output::Md => {
            s.push_str(
                "| rank 名次 | id | score 得分 | exceeding 优于项 | class 类别 | leader 领跑者 |\n",
            );
            s.push_str("|---:|---|---:|---:|---|---|\n");
            for e in &r.ranked {
                s.push_str(&format!(
                    "| {} | {} | {} | {} | {} {} | {} |\n",
                    e.rank,
                    e.id,
                    e.score.total,
                    e.score.exceeding,
                    e.class,
                    e.class.zh(),
                    if e.leader { "✓" } else { "" }
                ));
            }
            if !r.ineligible.is_empty() {
                s.push_str("\n| not ranked 未入榜 | because 原因 |\n|---|---|\n");
                for i in &r.ineligible {
                    s.push_str(&format!("| {} | {} |\n", i.id, reasons(i)));
                }
            }
        }
    }
    s
}

fn reasons(i: &duibiao::rank::Ineligible) -> String {
    i.reasons
        .iter()
        .map(|r| format!("{} {}", r.indicator, r.outcome))
        .collect::<Vec<_>>()
        .join("; ")
}
