//! A ranking (`rank`), as a table, CSV, JSON or Markdown.

use std::borrow::Cow;
use std::io;

use serde::Serialize;

use super::{csv_writer, flush_full, md, pad, Format};
use crate::rank::{CompactRanking, Ineligible, RankedEntry, Ranking};

/// A ranking whole or compact: what the renderers read.
#[derive(Clone, Copy)]
pub(crate) enum RankingRef<'a> {
    Full(&'a Ranking),
    Compact(&'a CompactRanking),
}

impl<'a> RankingRef<'a> {
    pub(crate) fn ranked(self) -> Box<dyn Iterator<Item = Cow<'a, RankedEntry>> + 'a> {
        match self {
            RankingRef::Full(r) => Box::new(r.ranked.iter().map(Cow::Borrowed)),
            RankingRef::Compact(r) => Box::new(r.ranked().map(Cow::Owned)),
        }
    }

    pub(crate) fn ineligible(self) -> Box<dyn Iterator<Item = Cow<'a, Ineligible>> + 'a> {
        match self {
            RankingRef::Full(r) => Box::new(r.ineligible.iter().map(Cow::Borrowed)),
            RankingRef::Compact(r) => Box::new(r.ineligible().map(Cow::Owned)),
        }
    }

    pub(crate) fn ranked_len(self) -> usize {
        match self {
            RankingRef::Full(r) => r.ranked.len(),
            RankingRef::Compact(r) => r.ranked_len(),
        }
    }

    pub(crate) fn ineligible_len(self) -> usize {
        match self {
            RankingRef::Full(r) => r.ineligible.len(),
            RankingRef::Compact(r) => r.ineligible_len(),
        }
    }

    pub(crate) fn by_tier(self) -> bool {
        match self {
            RankingRef::Full(r) => r.by_tier,
            RankingRef::Compact(r) => r.by_tier(),
        }
    }

    pub(crate) fn left_out(self) -> &'a [String] {
        match self {
            RankingRef::Full(r) => &r.left_out,
            RankingRef::Compact(r) => r.left_out_indicators(),
        }
    }

    fn leader_count(self) -> usize {
        match self {
            RankingRef::Full(r) => r.leader_count,
            RankingRef::Compact(r) => r.leader_count(),
        }
    }
}

impl Serialize for RankingRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RankingRef::Full(r) => r.serialize(s),
            RankingRef::Compact(r) => r.serialize(s),
        }
    }
}

/// The ranking in one of the output formats ([`Format::Jsonl`]: the ranking as one compact
/// JSON line; [`Format::CsvLong`]: as [`Format::Csv`]).
pub fn ranking(r: &Ranking, format: Format) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write(RankingRef::Full(r), format, &mut out);
    super::text_of(out)
}

/// Writes a compact ranking in one of the output formats: the same bytes as [`ranking`] of
/// its [`CompactRanking::to_ranking`], written as the entries are made.
///
/// # Errors
///
/// When writing fails.
pub fn write_ranking(
    r: &CompactRanking,
    format: Format,
    mut out: impl io::Write,
) -> io::Result<()> {
    write(RankingRef::Compact(r), format, &mut out)?;
    out.flush()
}

fn write<W: io::Write>(r: RankingRef<'_>, format: Format, out: &mut W) -> io::Result<()> {
    let mut s = String::new();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &r)?;
            s.push('\n');
        }
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, &r)?;
            s.push('\n');
        }
        Format::Csv | Format::CsvLong => {
            // By tier, two more columns: each indicator's tier rank, and the indicators left
            // out of the ranking (the same on every ranked row).
            let by_tier = r.by_tier();
            let left_out = r.left_out().join(", ");
            let mut w = csv_writer(&mut *out);
            let head = [
                "rank",
                "id",
                "score",
                "exceeding",
                "class",
                "leader",
                "ineligible-because",
            ];
            let tier_head = ["tier-ranks", "left-out"];
            w.write_record(
                head.iter()
                    .chain(tier_head.iter().take(if by_tier { 2 } else { 0 })),
            )?;
            for e in r.ranked() {
                w.write_field(e.rank.to_string())?;
                w.write_field(&e.id)?;
                w.write_field(e.score.total.to_string())?;
                w.write_field(e.score.exceeding.to_string())?;
                w.write_field(e.class.as_str())?;
                w.write_field(if e.leader { "true" } else { "false" })?;
                w.write_field("")?;
                if by_tier {
                    w.write_field(tier_ranks(&e))?;
                    w.write_field(&left_out)?;
                }
                w.write_record(None::<&[u8]>)?;
            }
            for i in r.ineligible() {
                let why = reasons(&i);
                let row = ["", &i.id, "", "", i.class.as_str(), "false", &why, "", ""];
                w.write_record(row.iter().take(if by_tier { 9 } else { 7 }))?;
            }
            w.flush()?;
        }
        Format::Table => {
            s.push_str(&format!(
                "{:>4}  {} {:>10} {:>6}  {:<9} {}\n",
                "rank",
                pad("id", 16),
                "score",
                "exceed",
                "class",
                "leader 领跑者"
            ));
            for e in r.ranked() {
                let line = format!(
                    "{:>4}  {} {:>10} {:>6}  {:<9} {}",
                    e.rank,
                    pad(&one_line(&e.id), 16),
                    e.score.total.to_string(),
                    e.score.exceeding,
                    e.class.as_str(),
                    if e.leader { "yes 是" } else { "" }
                );
                if r.by_tier() {
                    s.push_str(&format!("{}  {}\n", pad(&line, 72), tier_ranks(&e)));
                } else {
                    s.push_str(line.trim_end());
                    s.push('\n');
                }
                flush_full(out, &mut s)?;
            }
            if !r.left_out().is_empty() {
                s.push_str(&format!(
                    "\nleft out of the ranking, every ranked entry states the same value 各方数值相同、不排名的指标: {}\n",
                    r.left_out().join(", ")
                ));
            }
            if r.ineligible_len() > 0 {
                s.push_str("\nnot ranked 未入榜:\n");
                for i in r.ineligible() {
                    s.push_str(&format!(
                        "  {} {}\n",
                        pad(&one_line(&i.id), 16),
                        reasons(&i)
                    ));
                    flush_full(out, &mut s)?;
                }
            }
            let leaders = r.leader_count();
            s.push_str(&format!(
                "\n{} ranked · {} leader{} 领跑者 · {} not ranked\n",
                r.ranked_len(),
                leaders,
                if leaders == 1 { "" } else { "s" },
                r.ineligible_len()
            ));
        }
        Format::Md => {
            let by_tier = r.by_tier();
            s.push_str(
                "| rank 名次 | id | score 得分 | exceeding 优于项 | class 类别 | leader 领跑者 |",
            );
            s.push_str(if by_tier {
                " tier ranks 层级名次 |\n|---:|---|---:|---:|---|---|---|\n"
            } else {
                "\n|---:|---|---:|---:|---|---|\n"
            });
            for e in r.ranked() {
                s.push_str(&format!(
                    "| {} | {} | {} | {} | {} {} | {} |",
                    e.rank,
                    md(&e.id),
                    e.score.total,
                    e.score.exceeding,
                    e.class,
                    e.class.zh(),
                    if e.leader { "✓" } else { "" }
                ));
                if by_tier {
                    s.push_str(&format!(" {} |", md(&tier_ranks(&e))));
                }
                s.push('\n');
                flush_full(out, &mut s)?;
            }
            if !r.left_out().is_empty() {
                s.push_str(&format!(
                    "\nLeft out of the ranking, every ranked entry states the same value 各方数值相同、不排名的指标: {}\n",
                    md(&r.left_out().join(", "))
                ));
            }
            if r.ineligible_len() > 0 {
                s.push_str("\n| not ranked 未入榜 | because 原因 |\n|---|---|\n");
                for i in r.ineligible() {
                    s.push_str(&format!("| {} | {} |\n", md(&i.id), md(&reasons(&i))));
                    flush_full(out, &mut s)?;
                }
            }
        }
    }
    out.write_all(s.as_bytes())
}

/// Each indicator's tier rank of an entry (`load 1, noise 2`): entries in one tier share it.
pub(crate) fn tier_ranks(e: &RankedEntry) -> String {
    e.score
        .parts
        .iter()
        .filter_map(|p| p.tier_rank.map(|r| format!("{} {}", p.id, r)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn reasons(i: &Ineligible) -> String {
    i.reasons
        .iter()
        .map(|r| format!("{} {}", r.indicator, r.outcome))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Text on one line of a terminal table: line breaks shown as spaces.
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}
