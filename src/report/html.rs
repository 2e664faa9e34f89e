//! The HTML report: one self-contained file (inline CSS, inline SVG drawn here, no script, no
//! external resource). Every text goes through [`escape`]; every number shown is a decimal's
//! own digits (binary floating point places pixels only).

use std::fmt::Write as _;
use std::io;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::labels::put_pair;
use super::ranking::RankingRef;
use super::{flush_full, EachProduct, IndicatorEntry, Label, Lang, ProductReport, Report};
use crate::indicator::{Direction, IndicatorClass};
use crate::verdict::{Class, Outcome};

/// The bins of a distribution chart.
const BINS: usize = 40;
/// The most leaders listed when no ranking chose them.
const MAX_LEADERS: usize = 1000;

/// Text escaped for HTML (element text and quoted attribute values alike): `&`, `<`, `>`,
/// `"` and `'` written as character references; copied as it is when it holds none.
pub(crate) fn escape(s: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        s.push_str(rest.get(..at).unwrap_or_default());
        let mut chars = rest.get(at..).unwrap_or_default().chars();
        s.push_str(match chars.next() {
            Some('&') => "&amp;",
            Some('<') => "&lt;",
            Some('>') => "&gt;",
            Some('"') => "&quot;",
            _ => "&#39;",
        });
        rest = chars.as_str();
    }
    s.push_str(rest);
}

fn esc_label(s: &mut String, lang: Lang, l: Label) {
    // Labels are the crate's own texts; escaped all the same.
    escape(s, &l.in_lang(lang));
}

fn esc_name(s: &mut String, lang: Lang, n: &crate::standard::Names) {
    escape(s, &lang.name(n));
}

/// Per core indicator: the range and the bins of the compared values.
struct Dist {
    lo: Option<Decimal>,
    hi: Option<Decimal>,
    bins: [u64; BINS],
    values: u64,
}

impl Dist {
    fn new() -> Dist {
        Dist {
            lo: None,
            hi: None,
            bins: [0; BINS],
            values: 0,
        }
    }

    fn widen(&mut self, x: Decimal) {
        self.lo = Some(self.lo.map_or(x, |l| l.min(x)));
        self.hi = Some(self.hi.map_or(x, |h| h.max(x)));
    }

    /// The axis in pixels' floating point: (low, high), never of zero width.
    fn axis(&self) -> Option<(f64, f64)> {
        let lo = self.lo?.to_f64()?;
        let hi = self.hi?.to_f64()?;
        if hi > lo {
            let pad = (hi - lo) * 0.04;
            Some((lo - pad, hi + pad))
        } else {
            Some((lo - 1.0, hi + 1.0))
        }
    }
}

/// Every limit drawn on an indicator's chart: (value, label, is the benchmark level).
fn lines_of(ind: &IndicatorEntry, lang: Lang) -> Vec<(Decimal, String, bool)> {
    let mut lines = Vec::new();
    let level = |l: &super::LevelLimit, band: Option<&str>, lines: &mut Vec<_>| {
        let text = match band {
            Some(b) => format!("{} ({}) [{b}]", l.limit, l.standard),
            None => format!("{} ({})", l.limit, l.standard),
        };
        for x in [l.lower, l.upper].into_iter().flatten() {
            lines.push((x, text.clone(), true));
        }
    };
    for l in &ind.level {
        level(l, None, &mut lines);
    }
    for b in &ind.bands {
        for l in &b.level {
            level(l, Some(&b.when), &mut lines);
        }
    }
    let grades = ind.grades.iter().map(|g| (g, None)).chain(
        ind.bands
            .iter()
            .flat_map(|b| b.grades.iter().map(move |g| (g, Some(b.when.as_str())))),
    );
    for (g, band) in grades {
        let name = lang.name(&g.name);
        let text = match band {
            Some(b) => format!("{name} {} [{b}]", g.limit),
            None => format!("{name} {}", g.limit),
        };
        for x in [g.lower, g.upper].into_iter().flatten() {
            lines.push((x, text.clone(), false));
        }
    }
    lines
}

const CSS: &str = "body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:1100px;color:#1d2330;padding:0 1em}\
h1{font-size:1.6em;border-bottom:2px solid #2a5db0;padding-bottom:.3em}h2{margin-top:1.8em;color:#2a5db0}\
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}th,td{border:1px solid #c9d1e0;padding:.25em .5em;text-align:left;vertical-align:top}\
th{background:#eef2f9}td.n{text-align:right;font-variant-numeric:tabular-nums}\
dl.head{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.head dt{font-weight:600}dl.head dd{margin:0}\
.leader{background:#e3f4e6}.follower{background:#fdf6dc}.gap{background:#fbe4e4}\
.exceeds{color:#17692b}.meets{color:#1d2330}.falls-short,.missing,.fails,.incomparable{color:#b3261e;font-weight:600}\
figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}svg text{font-size:11px;fill:#1d2330}\
.evidence td{white-space:nowrap}div.wide{overflow-x:auto}";

/// Writes the HTML report: what [`Report::to_html`] and [`super::CompactReport::write_html`]
/// print. `products` is read three times (the range of each chart, its bins, the table).
pub(crate) fn write_html<W: io::Write>(
    out: &mut W,
    lang: Lang,
    head: &Report,
    ranking: Option<RankingRef<'_>>,
    products: &mut EachProduct<'_>,
) -> io::Result<()> {
    let l = |x: Label| x.in_lang(lang);
    let sm = &head.summary;
    let mut s = String::with_capacity(1 << 17);
    let lang_tag = match lang {
        Lang::En => "en",
        _ => "zh",
    };
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{lang_tag}\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>"
    );
    esc_label(&mut s, lang, Label::Report);
    s.push_str(": ");
    esc_name(&mut s, lang, &head.category);
    let _ = write!(s, "</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>");
    esc_label(&mut s, lang, Label::Report);
    s.push_str(": ");
    esc_name(&mut s, lang, &head.category);
    s.push_str("</h1>\n<dl class=\"head\">\n");
    let item = |s: &mut String, label: Label, value: &str| {
        s.push_str("<dt>");
        esc_label(s, lang, label);
        s.push_str("</dt><dd>");
        escape(s, value);
        s.push_str("</dd>\n");
    };
    item(&mut s, Label::Category, &lang.name(&head.category));
    if let Some(v) = &head.version {
        item(&mut s, Label::PlanVersion, v);
    }
    if let Some(d) = &head.date {
        item(&mut s, Label::Date, d);
    }
    item(&mut s, Label::CrateVersion, &head.crate_version);
    if let Some(p) = &head.policy {
        item(&mut s, Label::Policy, &super::about::policy_text(p));
    }
    s.push_str("</dl>\n");

    if !head.standards.is_empty() {
        s.push_str("<h2>");
        esc_label(&mut s, lang, Label::Standards);
        s.push_str("</h2>\n<table>\n<tr>");
        for h in [Label::Code, Label::Title, Label::Role, Label::Kind] {
            s.push_str("<th>");
            esc_label(&mut s, lang, h);
            s.push_str("</th>");
        }
        s.push_str("</tr>\n");
        for st in &head.standards {
            s.push_str("<tr><td>");
            escape(&mut s, &st.code);
            s.push_str("</td><td>");
            esc_name(&mut s, lang, &st.title);
            s.push_str("</td><td>");
            esc_label(&mut s, lang, Label::of_role(st.role));
            s.push_str("</td><td>");
            escape(&mut s, &super::about::kebab(&st.kind));
            s.push_str("</td></tr>\n");
        }
        s.push_str("</table>\n");
    }

    if let Some(v) = &head.standard_verdict {
        s.push_str("<h2>");
        esc_label(&mut s, lang, Label::StandardComparison);
        s.push_str("</h2>\n<p>");
        esc_label(&mut s, lang, Label::Standard);
        s.push_str(": ");
        escape(&mut s, &v.standard);
        let _ = write!(s, " — <span class=\"{}\">", v.class.as_str());
        put_pair(&mut s, lang, v.class.zh(), v.class.as_str());
        s.push_str("</span>");
        if !v.decided_by.is_empty() {
            s.push_str(" (");
            esc_label(&mut s, lang, Label::DecidedBy);
            s.push_str(": ");
            escape(&mut s, &v.decided_by.join(", "));
            s.push(')');
        }
        s.push_str("</p>\n<table>\n<tr>");
        for h in [
            Label::Indicator,
            Label::SubjectRequirement,
            Label::BenchmarkLevel,
            Label::Comparison,
            Label::Judged,
        ] {
            s.push_str("<th>");
            esc_label(&mut s, lang, h);
            s.push_str("</th>");
        }
        s.push_str("</tr>\n");
        for i in &v.indicators {
            s.push_str("<tr><td>");
            escape(&mut s, &i.id);
            if let Some(b) = &i.band {
                s.push_str(" [");
                escape(&mut s, b);
                s.push(']');
            }
            s.push_str("</td><td>");
            escape(&mut s, i.subject.as_deref().unwrap_or("—"));
            s.push_str("</td><td>");
            let level: Vec<String> = i
                .level
                .iter()
                .map(|r| format!("{} ({})", r.shown(), r.standard))
                .collect();
            escape(&mut s, &level.join("; "));
            s.push_str("</td><td>");
            esc_label(&mut s, lang, Label::of_standard_outcome(i.outcome));
            let _ = write!(s, "</td><td class=\"{}\">", i.judged.as_str());
            put_pair(&mut s, lang, i.judged.zh(), i.judged.as_str());
            s.push_str("</td></tr>\n");
        }
        s.push_str("</table>\n");
    }

    // The summary and the class counts.
    s.push_str("<h2>");
    esc_label(&mut s, lang, Label::Summary);
    s.push_str("</h2>\n");
    class_chart(&mut s, lang, sm);
    if !sm.gap_causes.is_empty() {
        s.push_str("<h3>");
        esc_label(&mut s, lang, Label::GapCauses);
        s.push_str("</h3>\n<table>\n<tr>");
        for h in [
            l(Label::Indicator),
            l(Label::ProductsWithGap),
            lang.outcome(Outcome::FallsShort).into(),
            lang.outcome(Outcome::Missing).into(),
            l(Label::WorstShare),
            l(Label::MedianShare),
            l(Label::WorstMargin),
        ] {
            s.push_str("<th>");
            escape(&mut s, &h);
            s.push_str("</th>");
        }
        s.push_str("</tr>\n");
        for c in &sm.gap_causes {
            s.push_str("<tr><td>");
            escape(&mut s, &c.indicator);
            let name = lang.name(&c.name);
            if !name.is_empty() {
                s.push(' ');
                escape(&mut s, &name);
            }
            let _ = write!(
                s,
                "</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">",
                c.products, c.falls_short, c.missing
            );
            dash(&mut s, c.worst_share);
            s.push_str("</td><td class=\"n\">");
            dash(&mut s, c.median_share);
            s.push_str("</td><td class=\"n\">");
            dash(&mut s, c.worst_margin);
            if let (Some(_), Some(u)) = (c.worst_margin, c.unit.as_deref()) {
                s.push(' ');
                escape(&mut s, u);
            }
            s.push_str("</td></tr>\n");
        }
        s.push_str("</table>\n");
    }

    // The distributions of the core indicators: two passes over the products.
    let core: Vec<&IndicatorEntry> = head
        .indicators
        .iter()
        .filter(|i| i.class == IndicatorClass::Core && i.direction != Direction::Qualitative)
        .collect();
    if !core.is_empty() {
        let mut dists: Vec<Dist> = core.iter().map(|_| Dist::new()).collect();
        let find = |p: &ProductReport, id: &str| p.indicators.iter().position(|i| i.id == id);
        products(&mut |p| {
            for (k, ind) in core.iter().enumerate() {
                if let (Some(d), Some(x)) = (
                    dists.get_mut(k),
                    find(p, &ind.id)
                        .and_then(|at| p.indicators.get(at))
                        .and_then(|r| r.compared),
                ) {
                    d.widen(x);
                }
            }
            Ok(())
        })?;
        for (k, ind) in core.iter().enumerate() {
            if let Some(d) = dists.get_mut(k) {
                for (x, _, _) in lines_of(ind, lang) {
                    d.widen(x);
                }
            }
        }
        let axes: Vec<Option<(f64, f64)>> = dists.iter().map(Dist::axis).collect();
        products(&mut |p| {
            for (k, ind) in core.iter().enumerate() {
                let x = find(p, &ind.id)
                    .and_then(|at| p.indicators.get(at))
                    .and_then(|r| r.compared)
                    .and_then(|x| x.to_f64());
                if let (Some(d), Some(x), Some(Some((lo, hi)))) = (dists.get_mut(k), x, axes.get(k))
                {
                    let at = ((x - lo) / (hi - lo) * BINS as f64).floor();
                    let at = if at.is_finite() && at >= 0.0 {
                        (at as usize).min(BINS - 1)
                    } else {
                        0
                    };
                    if let Some(b) = d.bins.get_mut(at) {
                        *b += 1;
                    }
                    d.values += 1;
                }
            }
            Ok(())
        })?;
        s.push_str("<h2>");
        esc_label(&mut s, lang, Label::Distributions);
        s.push_str("</h2>\n");
        for (k, ind) in core.iter().enumerate() {
            if let (Some(d), Some(axis)) = (dists.get(k), axes.get(k)) {
                distribution_chart(&mut s, lang, k, ind, d, *axis);
            }
        }
    }
    flush_full(out, &mut s)?;

    // The leaders.
    if let Some(r) = ranking {
        s.push_str("<h2>");
        esc_label(&mut s, lang, Label::Leaders);
        s.push_str("</h2>\n<table>\n<tr>");
        for h in [Label::Rank, Label::Product, Label::Score, Label::Exceeding] {
            s.push_str("<th>");
            esc_label(&mut s, lang, h);
            s.push_str("</th>");
        }
        s.push_str("</tr>\n");
        for e in r.ranked().filter(|e| e.leader) {
            let _ = write!(s, "<tr><td class=\"n\">{}</td><td>", e.rank);
            escape(&mut s, &e.id);
            let _ = writeln!(
                s,
                "</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                e.score.total, e.score.exceeding
            );
            flush_full(out, &mut s)?;
        }
        s.push_str("</table>\n");
    } else if sm.leaders > 0 {
        s.push_str("<h2>");
        esc_label(&mut s, lang, Label::Leaders);
        s.push_str("</h2>\n<p>");
        let mut listed = 0usize;
        products(&mut |p| {
            if p.class == Class::Leader && listed < MAX_LEADERS {
                if listed > 0 {
                    s.push_str(", ");
                }
                escape(&mut s, &p.id);
                listed += 1;
            }
            Ok(())
        })?;
        if sm.leaders > listed {
            let _ = write!(s, " … (+{})", sm.leaders - listed);
        }
        s.push_str("</p>\n");
    }

    // Each product's verdict with its evidence: one row per product.
    s.push_str("<h2>");
    esc_label(&mut s, lang, Label::ProductsHeading);
    s.push_str("</h2>\n<div class=\"wide\">\n<table class=\"evidence\">\n<tr>");
    for h in [
        Label::Product,
        Label::Class,
        Label::Rank,
        Label::Score,
        Label::DecidedBy,
    ] {
        s.push_str("<th>");
        esc_label(&mut s, lang, h);
        s.push_str("</th>");
    }
    for ind in &head.indicators {
        s.push_str("<th>");
        escape(&mut s, &ind.id);
        if let Some(u) = &ind.unit {
            s.push_str(" (");
            escape(&mut s, u);
            s.push(')');
        }
        s.push_str("</th>");
    }
    s.push_str("</tr>\n");
    products(&mut |p| {
        let _ = write!(s, "<tr class=\"{}\"><td>", p.class.as_str());
        escape(&mut s, &p.id);
        s.push_str("</td><td>");
        put_pair(&mut s, lang, p.class.zh(), p.class.as_str());
        s.push_str("</td><td class=\"n\">");
        if let Some(r) = p.rank {
            let _ = write!(s, "{r}");
        }
        s.push_str("</td><td class=\"n\">");
        if let Some(x) = p.score {
            let _ = write!(s, "{x}");
        }
        s.push_str("</td><td>");
        for (k, id) in p.decided_by.iter().enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            escape(&mut s, id);
        }
        s.push_str("</td>");
        // Cells in the plan's order where the plan is given, else the product's own.
        let cell = |s: &mut String, i: &super::IndicatorRow| {
            let _ = write!(s, "<td class=\"{}\">", i.outcome.as_str());
            escape(s, i.value.as_deref().unwrap_or("—"));
            s.push_str(" · ");
            put_pair(s, lang, i.outcome.zh(), i.outcome.as_str());
            if let Some(m) = i.margin {
                let _ = write!(s, " ({m:+})");
            }
            s.push_str("</td>");
        };
        if head.indicators.is_empty() {
            for i in &p.indicators {
                cell(&mut s, i);
            }
        } else {
            for ind in &head.indicators {
                match p.indicators.iter().find(|i| i.id == ind.id) {
                    Some(i) => cell(&mut s, i),
                    None => s.push_str("<td>—</td>"),
                }
            }
        }
        s.push_str("</tr>\n");
        flush_full(out, &mut s)
    })?;
    s.push_str("</table>\n</div>\n</body>\n</html>\n");
    out.write_all(s.as_bytes())
}

fn dash(s: &mut String, x: Option<Decimal>) {
    match x {
        Some(x) => {
            let _ = write!(s, "{x}");
        }
        None => s.push('—'),
    }
}

/// The class counts as a bar chart.
fn class_chart(s: &mut String, lang: Lang, sm: &super::Summary) {
    let bars = [
        (Class::Leader, sm.leaders, "#3b9b52"),
        (Class::Follower, sm.followers, "#d9a520"),
        (Class::Gap, sm.gaps, "#c8443b"),
    ];
    let most = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let (w, row) = (640.0_f64, 34.0_f64);
    let _ = write!(
        s,
        "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{}\" role=\"img\" aria-labelledby=\"classes-title\">\n<title id=\"classes-title\">",
        row * 3.0 + 10.0
    );
    esc_label(s, lang, Label::ClassCounts);
    let _ = writeln!(
        s,
        ": {} {}</title>",
        sm.products,
        Label::Products.in_lang(lang)
    );
    for (k, (class, n, colour)) in bars.iter().enumerate() {
        let y = 5.0 + row * k as f64;
        let len = (*n as f64) / (most as f64) * (w - 260.0);
        let _ = write!(s, "<text x=\"0\" y=\"{:.1}\">", y + row * 0.55);
        put_pair(s, lang, class.zh(), class.as_str());
        let _ = writeln!(
            s,
            "</text><rect x=\"130\" y=\"{y:.1}\" width=\"{len:.1}\" height=\"{:.1}\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{:.1}\">{n}</text>",
            row * 0.7,
            130.0 + len + 6.0,
            y + row * 0.55
        );
    }
    s.push_str("</svg>\n</figure>\n");
}

/// One core indicator's distribution: a histogram of the compared values with the benchmark
/// level (red) and the grade boundaries (grey) drawn and labelled, and the better direction.
fn distribution_chart(
    s: &mut String,
    lang: Lang,
    k: usize,
    ind: &IndicatorEntry,
    d: &Dist,
    axis: Option<(f64, f64)>,
) {
    let (w, h, top, bottom, left) = (960.0_f64, 260.0_f64, 20.0_f64, 200.0_f64, 50.0_f64);
    let plot = w - left - 20.0;
    s.push_str("<figure>\n<figcaption>");
    escape(s, &ind.id);
    let name = lang.name(&ind.name);
    if !name.is_empty() {
        s.push(' ');
        escape(s, &name);
    }
    if let Some(u) = &ind.unit {
        s.push_str(" (");
        escape(s, u);
        s.push(')');
    }
    s.push_str("</figcaption>\n");
    let Some((lo, hi)) = axis else {
        s.push_str("<p>");
        esc_label(s, lang, Label::NotCharted);
        s.push_str("</p>\n</figure>\n");
        return;
    };
    let px = |x: f64| left + (x - lo) / (hi - lo) * plot;
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"dist-{k}-title\">\n<title id=\"dist-{k}-title\">"
    );
    escape(s, &ind.id);
    s.push_str(": ");
    esc_label(s, lang, Label::Values);
    let _ = write!(s, " {} · ", d.values);
    esc_label(s, lang, Label::BenchmarkLevel);
    s.push_str("</title>\n");
    // Bars.
    let most = d.bins.iter().copied().max().unwrap_or(0).max(1);
    let bw = plot / BINS as f64;
    for (b, n) in d.bins.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let bh = (*n as f64) / (most as f64) * (bottom - top - 40.0);
        let _ = writeln!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"#7d9fd6\"><title>{n}</title></rect>",
            left + bw * b as f64 + 0.5,
            bottom - bh,
            (bw - 1.0).max(0.5)
        );
    }
    // The axis, with the lowest and highest compared values written in their digits.
    let _ = writeln!(
        s,
        "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{:.1}\" y2=\"{bottom}\" stroke=\"#1d2330\"/>",
        left + plot
    );
    let _ = writeln!(
        s,
        "<text x=\"{left}\" y=\"{:.1}\">{}</text>",
        bottom + 14.0,
        d.lo.map(|x| x.to_string()).unwrap_or_default()
    );
    if d.lo != d.hi {
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left + plot,
            bottom + 14.0,
            d.hi.map(|x| x.to_string()).unwrap_or_default()
        );
    }
    let _ = writeln!(s, "<text x=\"0\" y=\"{:.1}\">{most}</text>", top + 44.0);
    // The limits: each a line with its label, staggered so that neighbours do not overlap.
    let mut lines = lines_of(ind, lang);
    lines.sort_by_key(|l| l.0);
    lines.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    for (n, (x, text, level)) in lines.iter().enumerate() {
        let Some(xf) = x.to_f64() else { continue };
        let at = px(xf);
        let (colour, dash) = if *level {
            ("#c8443b", "")
        } else {
            ("#6b7385", " stroke-dasharray=\"4 3\"")
        };
        let _ = writeln!(
            s,
            "<line x1=\"{at:.1}\" y1=\"{top}\" x2=\"{at:.1}\" y2=\"{bottom}\" stroke=\"{colour}\" stroke-width=\"{}\"{dash}/>",
            if *level { 2 } else { 1 }
        );
        let y = bottom + 28.0 + 13.0 * (n % 3) as f64;
        let anchor = if at > left + plot * 0.7 {
            "end"
        } else {
            "start"
        };
        let _ = write!(
            s,
            "<text x=\"{at:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" fill=\"{colour}\">"
        );
        if *level {
            esc_label(s, lang, Label::BenchmarkLevel);
            s.push(' ');
        }
        escape(s, text);
        s.push_str("</text>\n");
    }
    // The better direction.
    let better = Label::Better.in_lang(lang);
    let arrow = match ind.direction {
        Direction::HigherIsBetter => format!("{better} →"),
        Direction::LowerIsBetter => format!("← {better}"),
        _ => format!("→ {better} ←"),
    };
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"bold\">",
        left + plot / 2.0,
        top - 4.0
    );
    escape(s, &arrow);
    s.push_str(" (");
    esc_label(s, lang, Label::of_direction(ind.direction));
    s.push_str(")</text>\n</svg>\n</figure>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_writes_every_markup_character_as_a_reference() {
        let mut s = String::new();
        escape(&mut s, "<script>alert('x & \"y\"')</script>");
        assert_eq!(
            s,
            "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;"
        );
        let mut s = String::new();
        escape(&mut s, "冲洗 3.60 L");
        assert_eq!(s, "冲洗 3.60 L");
    }
}
