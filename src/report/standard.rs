//! The verdict on the subject standard (`compare`), as a table, CSV, JSON or Markdown.

use super::{csv_writer, Format};
use crate::verdict::StandardVerdict;

/// The subject standard's verdict ([`Format::Jsonl`]: one compact JSON line;
/// [`Format::CsvLong`]: as [`Format::Csv`], one row per indicator).
pub fn standard_verdict(v: &StandardVerdict, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(v).unwrap_or_default() + "\n",
        Format::Jsonl => serde_json::to_string(v).unwrap_or_default() + "\n",
        Format::Csv | Format::CsvLong => {
            let banded = v.indicators.iter().any(|i| i.band.is_some());
            let mut out = Vec::new();
            let mut w = csv_writer(&mut out);
            let head = [
                "indicator",
                "class",
                "outcome",
                "judged",
                "subject",
                "level",
                "band",
            ];
            // Writing into a Vec cannot fail.
            let _ = w.write_record(head.iter().take(if banded { 7 } else { 6 }));
            for i in &v.indicators {
                let level: Vec<String> = i
                    .level
                    .iter()
                    .map(|r| format!("{}: {}", r.standard, r.shown()))
                    .collect();
                let level = level.join("; ");
                let row = [
                    i.id.as_str(),
                    i.class.as_str(),
                    i.outcome.as_str(),
                    i.judged.as_str(),
                    i.subject.as_deref().unwrap_or(""),
                    &level,
                    i.band.as_deref().unwrap_or(""),
                ];
                let _ = w.write_record(row.iter().take(if banded { 7 } else { 6 }));
            }
            let _ = w.flush();
            drop(w);
            super::text_of(out)
        }
        Format::Table | Format::Md => {
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
                    .map(|r| format!("{} ({})", r.shown(), r.standard))
                    .collect();
                let outcome = i.outcome.as_str();
                let id = match &i.band {
                    Some(b) => format!("{} [{b}]", i.id),
                    None => i.id.clone(),
                };
                s.push_str(&format!(
                    "  {} {:<12} {:<12} subject {} level {}\n",
                    super::pad(&id, 20),
                    outcome,
                    i.judged.as_str(),
                    super::pad(i.subject.as_deref().unwrap_or("—"), 14),
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
