//! A downstream crate's own report, from verdicts stored as JSON.
//!
//! A service stores the verdicts `duibiao evaluate PLAN --products FILE --format json` writes
//! (or `serde_json::to_string(&verdicts)`); later, this crate reads them back into duibiao's own
//! types (`Vec<Verdict>`: no hand-written mirror of the structs), ranks them, builds duibiao's
//! report model and renders it with its own minijinja template and duibiao's zh/en label table.
//!
//! ```text
//! cargo run --release -- evaluate examples/plans/smart-toilet.toml \
//!     --products examples/demo/products.csv --format json > verdicts.json
//! cargo run -p duibiao-custom-report -- examples/plans/smart-toilet.toml verdicts.json 2026-12-01
//! ```

use std::collections::BTreeMap;

use duibiao::rank::Ranker;
use duibiao::report::{Label, Report};
use duibiao::{Class, Plan, Verdict};

/// The template, Markdown in Chinese.
const TEMPLATE: &str = include_str!("../templates/report.md.j2");

/// The report of stored verdicts (`verdicts_json`: a JSON array of verdicts) under the plan
/// (`plan_toml`), rendered with this crate's template.
fn render(
    plan_toml: &str,
    verdicts_json: &str,
    date: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let plan = Plan::from_toml_str(plan_toml)?;
    let engine = plan.compile()?;
    // The stored verdicts, read back into the crate's types.
    let verdicts: Vec<Verdict> = serde_json::from_str(verdicts_json)?;
    let ranking = Ranker::new(&engine)?.rank(&verdicts)?;
    let report = Report::new(engine.category(), &verdicts, Some(&ranking))
        .with_names(&plan)
        .with_plan(&engine)?
        .dated(date);
    let labels: BTreeMap<&str, &str> = Label::ALL.iter().map(|l| (l.key(), l.zh())).collect();
    let classes: BTreeMap<&str, &str> = [Class::Leader, Class::Follower, Class::Gap]
        .iter()
        .map(|c| (c.as_str(), c.zh()))
        .collect();
    let mut env = minijinja::Environment::new();
    env.add_template("report.md", TEMPLATE)?;
    let text = env.get_template("report.md")?.render(minijinja::context! {
        report => &report,
        labels => labels,
        classes => classes,
    })?;
    Ok(text)
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (plan, verdicts, date) = match args.as_slice() {
        [plan, verdicts] => (plan, verdicts, "1970-01-01"),
        [plan, verdicts, date] => (plan, verdicts, date.as_str()),
        _ => {
            eprintln!("usage: duibiao-custom-report PLAN.toml VERDICTS.json [YYYY-MM-DD]");
            return std::process::ExitCode::from(2);
        }
    };
    let read = |path: &str| std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
    let result = read(plan)
        .and_then(|p| read(verdicts).map(|v| (p, v)))
        .map_err(Into::into)
        .and_then(|(p, v)| render(&p, &v, date));
    match result {
        Ok(text) => {
            print!("{text}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = include_str!("../../plans/smart-toilet.toml");
    const PRODUCTS: &str = include_str!("../../demo/products.csv");

    /// The demo's verdicts, written as a service stores them.
    fn stored() -> (Vec<Verdict>, String) {
        let engine = Plan::from_toml_str(PLAN).unwrap().compile().unwrap();
        let source =
            duibiao::stream::Source::csv(PRODUCTS.as_bytes(), &engine, &duibiao::Limits::default())
                .unwrap();
        let verdicts: Vec<Verdict> = source.verdicts(&engine).collect::<Result<_, _>>().unwrap();
        let json = serde_json::to_string_pretty(&verdicts).unwrap();
        (verdicts, json)
    }

    #[test]
    fn stored_verdicts_read_back_equal() {
        let (verdicts, json) = stored();
        let back: Vec<Verdict> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, verdicts);
        assert_eq!(serde_json::to_string_pretty(&back).unwrap(), json);
    }

    #[test]
    fn the_template_shows_the_counts_and_every_product() {
        let (verdicts, json) = stored();
        let text = render(PLAN, &json, "2026-12-01").unwrap();
        let count = |c: Class| verdicts.iter().filter(|v| v.class == c).count();
        assert!(text.starts_with("# 对标报告：智能坐便器\n"), "{text}");
        assert!(text.contains("日期：2026-12-01"), "{text}");
        assert!(
            text.contains(&format!("- 领跑：{}\n", count(Class::Leader))),
            "{text}"
        );
        assert!(
            text.contains(&format!("- 跟跑：{}\n", count(Class::Follower))),
            "{text}"
        );
        assert!(
            text.contains(&format!("- 差距：{}\n", count(Class::Gap))),
            "{text}"
        );
        for v in &verdicts {
            let row = format!("| {} | {} |", v.product, v.class.zh());
            assert!(text.contains(&row), "{row} in {text}");
        }
    }

    #[test]
    fn a_broken_verdict_file_is_refused() {
        let (_, json) = stored();
        let broken = json.replacen("\"leader\"", "\"champion\"", 1);
        let e = render(PLAN, &broken, "2026-12-01").unwrap_err().to_string();
        assert!(e.contains("champion"), "{e}");
    }
}
