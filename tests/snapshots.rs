//! Snapshots of the report renderers: for each example plan and its products file, the
//! Markdown (zh, en, both), CSV and JSON reports are committed under `tests/snapshots/` and
//! compared byte for byte. Rewrite them deliberately with
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` and review the diff.

use duibiao::rank::Ranker;
use duibiao::report::{Lang, Report};
use duibiao::{product, Plan};

const EXAMPLES: [&str; 3] = [
    "smart-toilet",
    "room-air-conditioner",
    "steel-and-caustic-soda",
];

fn root(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[track_caller]
fn check(name: &str, actual: &str) {
    let path = root(&format!("tests/snapshots/{name}"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(root("tests/snapshots")).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run with UPDATE_SNAPSHOTS=1 to create it)"));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "the length".to_owned(), |i| format!("line {}", i + 1));
        panic!("{name} changed at {line}; if intended, run UPDATE_SNAPSHOTS=1 cargo test --test snapshots and review the diff");
    }
}

fn report(name: &str) -> Report {
    let plan = Plan::from_toml_str(
        &std::fs::read_to_string(root(&format!("examples/plans/{name}.toml"))).unwrap(),
    )
    .unwrap();
    let engine = plan.compile().unwrap();
    let file = std::fs::File::open(root(&format!("examples/plans/{name}.products.csv"))).unwrap();
    let verdicts: Vec<_> = product::read_csv(file)
        .map(|p| engine.evaluate(&p.unwrap()).unwrap())
        .collect();
    let ranking = Ranker::new(&engine).unwrap().rank(&verdicts).unwrap();
    // A fixed date: the command line dates a report today.
    Report::new(engine.category(), &verdicts, Some(&ranking))
        .with_names(&plan)
        .with_plan(&engine)
        .unwrap()
        .dated("2026-12-01")
}

#[test]
fn markdown_reports() {
    for name in EXAMPLES {
        check(&format!("{name}.md"), &report(name).to_markdown(Lang::Both));
    }
    let r = report("smart-toilet");
    check("smart-toilet.zh.md", &r.to_markdown(Lang::Zh));
    check("smart-toilet.en.md", &r.to_markdown(Lang::En));
}

#[test]
fn csv_reports() {
    for name in EXAMPLES {
        check(&format!("{name}.csv"), &report(name).to_csv(Lang::En));
    }
    check(
        "smart-toilet.zh.csv",
        &report("smart-toilet").to_csv(Lang::Zh),
    );
}

#[test]
fn json_reports() {
    for name in EXAMPLES {
        check(&format!("{name}.json"), &report(name).to_json().unwrap());
    }
}

/// The CSV has one row per product × indicator under a stable header, and every row has as
/// many cells as the header.
#[test]
fn csv_shape() {
    let r = report("room-air-conditioner");
    let csv = r.to_csv(Lang::Both);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header.join(","),
        "product,class,rank,score,leader,indicator,indicator-name,indicator-class,value,compared,unit,grade,limit,standard,margin,margin-share,outcome"
    );
    let rows = reader.records().map(Result::unwrap).count();
    assert_eq!(rows, r.products.len() * 4);
}

/// The summary only counts what the verdicts say.
#[test]
fn summary_counts_agree_with_the_verdicts() {
    for name in EXAMPLES {
        let r = report(name);
        let s = &r.summary;
        assert_eq!(s.leaders + s.followers + s.gaps, s.products, "{name}");
        let gap_products: usize = r
            .products
            .iter()
            .filter(|p| p.class == duibiao::Class::Gap)
            .count();
        assert_eq!(gap_products, s.gaps);
        for c in &s.gap_causes {
            assert_eq!(
                c.products,
                c.falls_short + c.missing,
                "{name} {}",
                c.indicator
            );
            if let (Some(w), Some(m)) = (c.worst_share, c.median_share) {
                assert!(w <= m);
            }
        }
    }
}
