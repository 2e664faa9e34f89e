//! The JSON Schemas of the outputs: each committed `docs/schema/*-v1.schema.json` is the
//! generated one (run with `UPDATE_SCHEMA=1` to rewrite them), is a valid draft 2020-12 schema
//! whose every property's description starts with its JSON key, and every golden file
//! validates against its schema; on what is refused, the schema and the reader agree.

use duibiao::rank::{ranking_json_schema, Ranker, Ranking};
use duibiao::report::report_json_schema;
use duibiao::verdict::{standard_verdict_json_schema, verdict_json_schema, StandardVerdict};
use duibiao::{product, Plan, Verdict};
use serde_json::{json, Value};

/// Every output schema: its file under docs/schema/ and the function that makes it.
/// A schema file and the function that makes its text.
type Entry = (&'static str, fn() -> String);

/// A change made to a verdict's JSON, and what it is.
type Change = (&'static str, Box<dyn FnOnce(&mut Value)>);

const SCHEMAS: &[Entry] = &[
    ("verdict-v1.schema.json", verdict_json_schema),
    (
        "standard-verdict-v1.schema.json",
        standard_verdict_json_schema,
    ),
    ("ranking-v1.schema.json", ranking_json_schema),
    ("report-v1.schema.json", report_json_schema),
];

const EXAMPLES: [&str; 4] = [
    "smart-toilet",
    "room-air-conditioner",
    "steel-and-caustic-soda",
    "led-lamp",
];

fn root(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn validator(schema: fn() -> String) -> jsonschema::Validator {
    jsonschema::validator_for(&serde_json::from_str(&schema()).unwrap()).unwrap()
}

fn read_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root(path)).unwrap()).unwrap()
}

fn errors(v: &jsonschema::Validator, x: &Value) -> Vec<String> {
    v.iter_errors(x)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn committed_schemas_are_the_generated_ones() {
    for &(file, make) in SCHEMAS {
        let path = root(&format!("docs/schema/{file}"));
        let want = make();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/schema/{file} is stale: run UPDATE_SCHEMA=1 cargo test --test output_schema"
        );
    }
}

#[test]
fn each_is_a_valid_draft_2020_12_schema() {
    for &(file, make) in SCHEMAS {
        let schema: Value = serde_json::from_str(&make()).unwrap();
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{file}"
        );
        assert!(jsonschema::meta::is_valid(&schema), "{file}");
        assert_eq!(
            schema["properties"]["schema-version"]["enum"],
            json!([1]),
            "{file}"
        );
    }
}

/// Every `properties` object anywhere in `schema`, with where it is.
fn properties<'a>(
    at: String,
    schema: &'a Value,
    out: &mut Vec<(String, &'a serde_json::Map<String, Value>)>,
) {
    match schema {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "properties" {
                    if let Value::Object(props) = v {
                        out.push((at.clone(), props));
                    }
                }
                properties(format!("{at}/{k}"), v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                properties(format!("{at}/{i}"), v, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_property_description_starts_with_its_key() {
    for &(file, make) in SCHEMAS {
        let schema: Value = serde_json::from_str(&make()).unwrap();
        let mut found = Vec::new();
        properties(String::new(), &schema, &mut found);
        let mut seen = 0;
        let mut wrong = Vec::new();
        for (at, props) in found {
            for (key, prop) in props {
                // The tag of an internally tagged enum (`"kind": {"const": "non-binary"}`) is
                // a constant, not a field.
                if prop.get("const").is_some() && prop.get("description").is_none() {
                    continue;
                }
                let d = prop["description"].as_str().unwrap_or("");
                if !d.starts_with(&format!("`{key}`")) {
                    wrong.push(format!("{at}: {key:?}: {d:?}"));
                }
                seen += 1;
            }
        }
        assert!(
            wrong.is_empty(),
            "{file}: descriptions not starting with their key: {wrong:#?}"
        );
        assert!(seen > 10, "{file}: only {seen} properties");
    }
}

fn golden_verdicts() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut files: Vec<String> = EXAMPLES
        .iter()
        .map(|n| format!("{n}.products.json"))
        .collect();
    files.push("smart-toilet.demo.json".into());
    for file in files {
        let Value::Array(items) = read_json(&format!("tests/golden/{file}")) else {
            panic!("{file}: not an array")
        };
        for (i, v) in items.into_iter().enumerate() {
            if v.get("error").is_none() {
                out.push((format!("{file}[{i}]"), v));
            }
        }
    }
    out
}

#[test]
fn every_golden_file_validates_against_its_schema() {
    let verdict = validator(verdict_json_schema);
    let goldens = golden_verdicts();
    assert!(goldens.len() > 30, "{} verdicts", goldens.len());
    for (at, v) in &goldens {
        assert_eq!(errors(&verdict, v), Vec::<String>::new(), "{at}");
    }
    let standard = validator(standard_verdict_json_schema);
    for name in &EXAMPLES[..3] {
        let v = read_json(&format!("tests/golden/{name}.compare.json"));
        assert_eq!(
            errors(&standard, &v),
            Vec::<String>::new(),
            "{name}.compare.json"
        );
    }
    // The reports' rankings, and the ranking of each example as `rank --format json` writes it.
    let ranking = validator(ranking_json_schema);
    for name in &EXAMPLES[..3] {
        let report = read_json(&format!("tests/snapshots/{name}.json"));
        assert_eq!(
            errors(&ranking, &report["ranking"]),
            Vec::<String>::new(),
            "{name}.json"
        );
    }
    // The report snapshots (`report --format json`), against the report's schema.
    let report = validator(report_json_schema);
    for name in &EXAMPLES[..3] {
        let r = read_json(&format!("tests/snapshots/{name}.json"));
        assert_eq!(r["schema-version"], json!(1), "{name}.json");
        assert_eq!(errors(&report, &r), Vec::<String>::new(), "{name}.json");
    }
    for name in EXAMPLES {
        let r: Value = serde_json::to_value(example_ranking(name)).unwrap();
        assert_eq!(errors(&ranking, &r), Vec::<String>::new(), "{name}");
    }
}

fn example_ranking(name: &str) -> Ranking {
    let plan = Plan::from_toml_str(
        &std::fs::read_to_string(root(&format!("examples/plans/{name}.toml"))).unwrap(),
    )
    .unwrap();
    let engine = plan.compile().unwrap();
    let file = std::fs::File::open(root(&format!("examples/plans/{name}.products.csv"))).unwrap();
    let verdicts: Vec<Verdict> = product::read_csv(file)
        .filter_map(|p| p.and_then(|p| engine.evaluate(&p)).ok())
        .collect();
    Ranker::new(&engine).unwrap().rank(&verdicts).unwrap()
}

/// A golden verdict with one change, judged by the schema and by the reader.
fn both_judge(change: impl FnOnce(&mut Value)) -> (bool, Result<Verdict, String>) {
    let mut v = golden_verdicts().swap_remove(0).1;
    change(&mut v);
    let schema_ok = validator(verdict_json_schema).is_valid(&v);
    let read = serde_json::from_value::<Verdict>(v).map_err(|e| e.to_string());
    (schema_ok, read)
}

#[test]
fn schema_and_reader_agree_on_what_they_refuse() {
    let mut refused: Vec<Change> = vec![
        (
            "an outcome misspelt",
            Box::new(|v: &mut Value| v["indicators"][0]["outcome"] = json!("falls_short")),
        ),
        (
            "a class misspelt",
            Box::new(|v: &mut Value| v["class"] = json!("Leader")),
        ),
        (
            "a required field missing",
            Box::new(|v: &mut Value| {
                v.as_object_mut().unwrap().remove("core-weight");
            }),
        ),
        (
            "an indicator's id missing",
            Box::new(|v: &mut Value| {
                v["indicators"][0].as_object_mut().unwrap().remove("id");
            }),
        ),
        (
            "a decimal as a JSON number",
            Box::new(|v: &mut Value| v["core-weight"] = json!(4)),
        ),
        (
            "an unknown schema version",
            Box::new(|v: &mut Value| v["schema-version"] = json!(7)),
        ),
    ];
    // The plan's own tables inside a verdict refuse fields they do not know, as in the plan.
    refused.push((
        "an unknown field in a grade's name",
        Box::new(|v: &mut Value| {
            let i = v["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .position(|i| i.get("grade").is_some())
                .unwrap();
            v["indicators"][i]["grade"]["name"]["fr"] = json!("premier");
        }),
    ));
    for (what, change) in refused {
        let (schema_ok, read) = both_judge(change);
        assert!(!schema_ok, "{what}: the schema accepts it");
        assert!(read.is_err(), "{what}: the reader accepts it");
    }
    let accepted: Vec<Change> = vec![
        ("the golden verdict as it is", Box::new(|_: &mut Value| {})),
        (
            "an unknown field (written by a later build)",
            Box::new(|v: &mut Value| v["surprise"] = json!({"a": 1})),
        ),
        (
            "an unknown field in an indicator",
            Box::new(|v: &mut Value| v["indicators"][0]["surprise"] = json!(1)),
        ),
        (
            "no schema-version (written before it existed)",
            Box::new(|v: &mut Value| {
                v.as_object_mut().unwrap().remove("schema-version");
            }),
        ),
    ];
    for (what, change) in accepted {
        let (schema_ok, read) = both_judge(change);
        assert!(schema_ok, "{what}: the schema refuses it");
        let v = read.unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(v.schema_version.get(), 1, "{what}");
    }
}

#[test]
fn an_unknown_schema_version_is_refused_naming_the_versions_read() {
    let mut v = golden_verdicts().swap_remove(0).1;
    v["schema-version"] = json!(7);
    let e = serde_json::from_value::<Verdict>(v.clone()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "schema-version 7: this build reads schema versions 1"
    );
    let text = serde_json::to_string(&v).unwrap();
    let e = serde_json::from_str::<Verdict>(&text).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("schema-version 7: this build reads schema versions 1 at line 1"),
        "{e}"
    );
    for (n, readable) in [(0, false), (1, true), (2, false)] {
        assert_eq!(
            duibiao::verdict::SchemaVersion::new(n).is_ok(),
            readable,
            "{n}"
        );
    }
    let mut s = read_json("tests/golden/smart-toilet.compare.json");
    s["schema-version"] = json!(2);
    assert!(serde_json::from_value::<StandardVerdict>(s).is_err());
    let mut r = serde_json::to_value(example_ranking("smart-toilet")).unwrap();
    r["schema-version"] = json!(2);
    assert!(serde_json::from_value::<Ranking>(r).is_err());
}
