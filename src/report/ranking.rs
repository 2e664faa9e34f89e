//! A ranking (`rank`), as a table, CSV, JSON or Markdown.

use super::{csv_field, md, Format};
use crate::rank::Ranking;

/// The ranking in one of the output formats.
pub fn ranking(r: &Ranking, format: Format) -> String {
    let mut s = String::new();
    match format {
        Format::Json => {
            s = serde_json::to_string_pretty(r).unwrap_or_default();
            s.push('\n');
        }
        Format::Csv => {
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
        Format::Table => {
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
        Format::Md => {
            s.push_str(
                "| rank 名次 | id | score 得分 | exceeding 优于项 | class 类别 | leader 领跑者 |\n",
            );
            s.push_str("|---:|---|---:|---:|---|---|\n");
            for e in &r.ranked {
                s.push_str(&format!(
                    "| {} | {} | {} | {} | {} {} | {} |\n",
                    e.rank,
                    md(&e.id),
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
                    s.push_str(&format!("| {} | {} |\n", md(&i.id), md(&reasons(i))));
                }
            }
        }
    }
    s
}

fn reasons(i: &crate::rank::Ineligible) -> String {
    i.reasons
        .iter()
        .map(|r| format!("{} {}", r.indicator, r.outcome))
        .collect::<Vec<_>>()
        .join("; ")
}
