//! The JSON Schema of the plan: the committed `docs/schema/plan-v1.schema.json` is the generated
//! one (run with `UPDATE_SCHEMA=1` to rewrite it), it is a valid draft 2020-12 schema, every
//! shipped example plan validates against it, and on shape questions the schema and the reader
//! agree: what one refuses the other refuses.

use duibiao::plan::{plan_json_schema, Plan};
use serde_json::{json, Value};

const SCHEMA_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/docs/schema/plan-v1.schema.json"
);

const EXAMPLES: [&str; 3] = [
    "smart-toilet.toml",
    "room-air-conditioner.toml",
    "steel-and-caustic-soda.toml",
];

fn schema() -> Value {
    serde_json::from_str(&plan_json_schema()).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).unwrap()
}

fn example_json(name: &str) -> Value {
    let path = format!("{}/examples/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let plan = Plan::from_toml_str(&text).unwrap();
    serde_json::from_str(&plan.to_json_string().unwrap()).unwrap()
}

#[test]
fn committed_schema_is_the_generated_one() {
    let want = plan_json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/schema")).unwrap();
        std::fs::write(SCHEMA_PATH, &want).unwrap();
    }
    let have = std::fs::read_to_string(SCHEMA_PATH).unwrap_or_default();
    assert!(
        have == want,
        "docs/schema/plan-v1.schema.json is stale: run UPDATE_SCHEMA=1 cargo test --test schema"
    );
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(jsonschema::meta::is_valid(&schema));
}

#[test]
fn shipped_examples_validate_against_the_schema() {
    let validator = validator();
    for name in EXAMPLES {
        let plan = example_json(name);
        let errors: Vec<String> = validator
            .iter_errors(&plan)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

/// The smart-toilet example with one change applied.
fn variant(change: impl FnOnce(&mut Value)) -> Value {
    let mut plan = example_json("smart-toilet.toml");
    change(&mut plan);
    plan
}

#[test]
fn schema_and_reader_agree_on_shape() {
    let validator = validator();
    let cases: Vec<(&str, Value, bool)> = vec![
        ("the example as it is", variant(|_| {}), true),
        (
            "an unknown top-level field",
            variant(|p| p["surprise"] = json!(1)),
            false,
        ),
        (
            "schema_version missing",
            variant(|p| {
                p.as_object_mut().unwrap().remove("schema_version");
            }),
            false,
        ),
        (
            "an unknown field in a standard (flattened)",
            variant(|p| p["standards"][0]["superseded_by"] = json!("GB 1-2000")),
            false,
        ),
        (
            "superseded-by and adoption in a standard",
            variant(|p| {
                p["standards"][3]["superseded-by"] = json!("IEC 60335-2-84:2023");
                p["standards"][3]["status"] = json!("withdrawn");
                p["standards"][2]["adoption"] = json!({"degree": "MOD", "code": "ISO 9001:2015"});
            }),
            true,
        ),
        (
            "an unknown adoption degree",
            variant(|p| {
                p["standards"][2]["adoption"] = json!({"degree": "EQV", "code": "ISO 9001:2015"})
            }),
            false,
        ),
        (
            "a standard without a role",
            variant(|p| {
                p["standards"][0].as_object_mut().unwrap().remove("role");
            }),
            false,
        ),
        (
            "a standard without kind (defaults from the code)",
            variant(|p| {
                p["standards"][1].as_object_mut().unwrap().remove("kind");
            }),
            true,
        ),
        (
            "an unknown role",
            variant(|p| p["standards"][0]["role"] = json!("owner")),
            false,
        ),
        (
            "an unknown standard kind",
            variant(|p| p["standards"][1]["kind"] = json!("regional")),
            false,
        ),
        (
            "an indicator field in snake case",
            variant(|p| p["indicators"][3]["test_method"] = json!("IEC 60335-1:2010")),
            false,
        ),
        (
            "a weight as a JSON number",
            variant(|p| p["indicators"][0]["weight"] = json!(2)),
            false,
        ),
        (
            "a weight as a decimal string",
            variant(|p| p["indicators"][0]["weight"] = json!("1.5")),
            true,
        ),
        (
            "a weight that is not a number",
            variant(|p| p["indicators"][0]["weight"] = json!("heavy")),
            false,
        ),
        (
            "an unknown direction",
            variant(|p| p["indicators"][0]["direction"] = json!("smaller-is-better")),
            false,
        ),
        (
            "an unknown judgement method",
            variant(|p| p["indicators"][0]["judgement"] = json!("rounded")),
            false,
        ),
        (
            "an indicator without a direction",
            variant(|p| {
                p["indicators"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("direction");
            }),
            false,
        ),
        (
            "an indicator with only id and direction",
            variant(|p| {
                p["indicators"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"id": "colour", "direction": "qualitative"}))
            }),
            true,
        ),
        (
            "a grade with an unknown field",
            variant(|p| p["indicators"][0]["grades"][0]["score"] = json!(10)),
            false,
        ),
        (
            "a requirement that is not text",
            variant(|p| p["indicators"][0]["requirements"]["Q/ABC 001-2024"] = json!(3.8)),
            false,
        ),
        (
            "a relative tolerance",
            variant(|p| p["indicators"][1]["tolerance"] = json!("2 %")),
            true,
        ),
        (
            "a tolerance that is not a number",
            variant(|p| p["indicators"][1]["tolerance"] = json!("a little")),
            false,
        ),
        (
            "a rounding interval",
            variant(|p| p["indicators"][0]["interval"] = json!("0.5")),
            true,
        ),
        (
            "policy with every field",
            variant(|p| {
                p["policy"] =
                    json!({"leader-share": "0.6", "leader-min-exceeding": 2, "missing": "ignore"})
            }),
            true,
        ),
        (
            "policy field in snake case",
            variant(|p| p["policy"] = json!({"leader_share": "0.6"})),
            false,
        ),
        (
            "an empty policy (all defaults)",
            variant(|p| p["policy"] = json!({})),
            true,
        ),
        (
            "an unknown missing policy",
            variant(|p| p["policy"] = json!({"missing": "skip"})),
            false,
        ),
        (
            "a negative leader-min-exceeding",
            variant(|p| p["policy"] = json!({"leader-min-exceeding": -1})),
            false,
        ),
        (
            "null for optional fields",
            variant(|p| {
                p["indicators"][0]["unit"] = Value::Null;
                p["indicators"][0]["bands"] = Value::Null;
                p["standards"][1]["kind"] = Value::Null;
            }),
            true,
        ),
    ];
    for (what, plan, valid) in cases {
        let by_schema = validator.is_valid(&plan);
        let read = Plan::from_json_str(&plan.to_string());
        assert_eq!(by_schema, valid, "{what}: the schema says {by_schema}");
        assert_eq!(
            read.is_ok(),
            valid,
            "{what}: the reader says {:?}",
            read.err().map(|e| e.to_string())
        );
    }
}

#[test]
fn every_key_of_the_examples_is_in_the_schema() {
    // A structural cross-check independent of the validator: each object key used by an
    // example plan is a property somewhere in the schema (or a standard number in
    // `requirements`, whose keys are free).
    fn properties(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Object(p)) = m.get("properties") {
                    out.extend(p.keys().cloned());
                }
                m.values().for_each(|v| properties(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| properties(v, out)),
            _ => {}
        }
    }
    fn keys(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    out.push(k.clone());
                    if k != "requirements" {
                        keys(v, out);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let mut known = std::collections::BTreeSet::new();
    properties(&schema(), &mut known);
    for name in EXAMPLES {
        let mut used = Vec::new();
        keys(&example_json(name), &mut used);
        for key in used {
            assert!(
                known.contains(&key),
                "{name}: key {key:?} not in the schema"
            );
        }
    }
}

#[test]
fn the_plan_in_docs_plan_format_reads_the_same_from_toml_and_json() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/plan-format.md"))
        .unwrap();
    let block = |fence: &str| -> String {
        let start = doc.find(fence).unwrap() + fence.len();
        let len = doc[start..].find("\n```").unwrap();
        doc[start..start + len].to_owned()
    };
    let toml_text = block("```toml\n");
    let json_text = block("```json\n{");
    let from_toml = Plan::from_toml_str(&toml_text).unwrap();
    let from_json = Plan::from_json_str(&format!("{{{json_text}")).unwrap();
    assert_eq!(from_toml, from_json);
    assert!(from_toml.check().faults.is_empty(), "{}", from_toml.check());
    let value: Value = serde_json::from_str(&format!("{{{json_text}")).unwrap();
    assert!(validator().is_valid(&value));
}
