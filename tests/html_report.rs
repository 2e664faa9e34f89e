//! The HTML report: one well-formed, self-contained file (every tag closed, no script, no
//! external resource), every chart titled, every text escaped, numbers in their written digits;
//! the compact report writes the same bytes as the whole one.

use duibiao::rank::Ranker;
use duibiao::report::{Lang, Report, ReportBuilder};
use duibiao::{product, Plan, Product};

fn root(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> (duibiao::Engine, Vec<duibiao::Verdict>) {
    let plan = Plan::from_toml_str(
        &std::fs::read_to_string(root(&format!("examples/plans/{name}.toml"))).unwrap(),
    )
    .unwrap();
    let engine = plan.compile().unwrap();
    let file = std::fs::File::open(root(&format!("examples/plans/{name}.products.csv"))).unwrap();
    let verdicts = product::read_csv(file)
        .map(|p| engine.evaluate(&p.unwrap()).unwrap())
        .collect();
    (engine, verdicts)
}

const VOID: [&str; 2] = ["meta", "br"];

/// Checks that every tag is closed in order, and returns the tags opened.
fn well_formed(html: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').expect("a tag ends");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            assert_eq!(tag, "!DOCTYPE html");
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(open, name, "</{name}> closes <{open}>");
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(!name.is_empty(), "<{tag}>");
        // Attribute values hold no raw markup characters.
        assert!(!tag.contains('<'), "<{tag}>");
        assert_eq!(tag.matches('"').count() % 2, 0, "<{tag}>");
        seen.push(name.clone());
        if tag.ends_with('/') || VOID.contains(&name.as_str()) {
            assert!(tag.ends_with('/'), "<{tag}> closes itself");
            continue;
        }
        stack.push(name);
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
    seen
}

fn checked(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang="));
    assert!(html.ends_with("</html>\n"));
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"));
    // Self-contained: nothing fetched (the SVG namespace is a name, never fetched).
    for fetch in ["src=", "href=", "url(", "@import"] {
        assert!(!lower.contains(fetch), "{fetch}");
    }
    let tags = well_formed(html);
    let svgs = tags.iter().filter(|t| *t == "svg").count();
    assert!(svgs >= 1);
    // Every picture is titled: each <svg …> is followed by its <title>.
    assert_eq!(html.matches("<svg ").count(), svgs);
    for (at, _) in html.match_indices("<svg ") {
        let after = &html[at..];
        let open_end = after.find('>').unwrap();
        assert!(
            after[open_end + 1..].trim_start().starts_with("<title id="),
            "{}",
            &after[..open_end]
        );
    }
}

#[test]
fn the_html_report_is_well_formed_self_contained_and_titled() {
    let (engine, verdicts) = example("smart-toilet");
    let ranking = Ranker::new(&engine).unwrap().rank(&verdicts).unwrap();
    let report = Report::new(engine.category(), &verdicts, Some(&ranking))
        .with_plan(&engine)
        .unwrap()
        .dated("2026-12-01");
    for lang in [Lang::Zh, Lang::En, Lang::Both] {
        let html = report.to_html(lang);
        checked(&html);
        // One chart of classes, one per core indicator (three of the four are core).
        assert_eq!(html.matches("<svg ").count(), 1 + 3, "{lang:?}");
        // Numbers in their written digits: the value as given, the limit, the date.
        assert!(html.contains("3.6 ± 0.1 L"));
        assert!(html.contains("≤ 4.0 L"));
        assert!(html.contains("2026-12-01"));
        assert!(html.contains("Q/ABC 001-2024"));
        // One evidence row per product.
        assert_eq!(html.matches("<tr class=").count(), verdicts.len());
    }
    let html = report.to_html(Lang::En);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("← better (lower is better)"));
    assert!(html.contains("benchmark level ≤ 4.0 L (T/CZGX 001-2022)"));
    assert!(report.to_html(Lang::Zh).contains("<h2>摘要</h2>"));
    assert!(report.to_html(Lang::Both).contains("<h2>摘要 Summary</h2>"));
}

#[test]
fn the_compact_report_writes_the_same_html() {
    for name in [
        "smart-toilet",
        "room-air-conditioner",
        "steel-and-caustic-soda",
    ] {
        let (engine, verdicts) = example(name);
        let ranker = Ranker::new(&engine).unwrap();
        let ranking = ranker.rank(&verdicts).unwrap();
        let whole = Report::new(engine.category(), &verdicts, Some(&ranking))
            .with_plan(&engine)
            .unwrap()
            .dated("2026-12-01");
        let mut b = ReportBuilder::new(engine.category()).ranked_by(&ranker);
        for v in &verdicts {
            b.push(v).unwrap();
        }
        let compact = b
            .finish()
            .unwrap()
            .with_plan(&engine)
            .unwrap()
            .dated("2026-12-01");
        let mut html = Vec::new();
        compact.write_html(Lang::Both, &mut html).unwrap();
        let html = String::from_utf8(html).unwrap();
        assert_eq!(html, whole.to_html(Lang::Both), "{name}");
        checked(&html);
    }
}

#[test]
fn hostile_ids_and_names_are_escaped() {
    let plan = Plan::from_toml_str(
        r#"
schema_version = 1
category = { en = "<b>toilets</b> & 'co' \"x\"" }
version = "<i>2026</i>"
[[standards]]
code = "GB 1-2000"
role = "benchmark"
title = { en = "<script>alert(1)</script>" }
[[indicators]]
id = "flush-water"
name = { en = "</td><script>" }
unit = "L"
direction = "lower-is-better"
requirements = { "GB 1-2000" = "≤ 4.0 L" }
"#,
    )
    .unwrap();
    let engine = plan.compile().unwrap();
    let hostile = ["<script>alert(\"x\")</script>", "a&b", "\"quoted\"", "it's"];
    let verdicts: Vec<_> = hostile
        .iter()
        .map(|id| {
            engine
                .evaluate(&Product::new(*id).with("flush-water", "3.60").unwrap())
                .unwrap()
        })
        .collect();
    let ranking = Ranker::new(&engine).unwrap().rank(&verdicts).unwrap();
    let html = Report::new(engine.category(), &verdicts, Some(&ranking))
        .with_plan(&engine)
        .unwrap()
        .to_html(Lang::En);
    checked(&html);
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("a&amp;b"));
    assert!(html.contains("&quot;quoted&quot;"));
    assert!(html.contains("it&#39;s"));
    assert!(html.contains("&lt;b&gt;toilets&lt;/b&gt; &amp; &#39;co&#39; &quot;x&quot;"));
    assert!(html.contains("&lt;i&gt;2026&lt;/i&gt;"));
    assert!(html.contains("&lt;/td&gt;&lt;script&gt;") || !html.contains("</td><script>"));
    assert!(html.contains("3.60"));
}
