//! The cargo examples run as tests: `examples/service.rs` (the library in a service) is compiled
//! into this test and its request is played; `examples/research.sh` is checked to exist and be
//! executable (it runs the CLI, which `tests/cli.rs` covers).

#[allow(dead_code)] // the example's `main` is not called here
#[path = "../examples/service.rs"]
mod service;

use service::{Answer, Service, PLAN, REQUEST};

#[test]
fn service_answers_each_product_in_order() {
    let service = Service::new(PLAN).unwrap();
    let answers = service.evaluate(REQUEST).unwrap();
    assert_eq!(answers.len(), 3);
    match &answers[0] {
        Answer::Verdict(v) => {
            assert_eq!(v.product, "ST-101");
            assert_eq!(v.class.as_str(), "leader");
        }
        Answer::Error { error } => panic!("ST-101: {error}"),
    }
    match &answers[1] {
        Answer::Verdict(v) => {
            assert_eq!(v.product, "ST-102");
            assert_eq!(v.class.as_str(), "gap");
            assert_eq!(v.decided_by, ["flush-water"]);
        }
        Answer::Error { error } => panic!("ST-102: {error}"),
    }
    match &answers[2] {
        Answer::Error { error } => {
            assert!(
                error.starts_with("products[2]: product \"ST-103\""),
                "{error}"
            )
        }
        Answer::Verdict(v) => panic!("ST-103 should not be judged: {v:?}"),
    }
}

#[test]
fn service_json_is_the_verdicts_json() {
    let service = Service::new(PLAN).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&service.evaluate_json(REQUEST).unwrap()).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items[0]["product"], "ST-101");
    assert_eq!(items[0]["indicators"][0]["outcome"], "exceeds");
    assert_eq!(items[1]["class"], "gap");
    assert!(items[2]["error"].is_string());
}

#[test]
fn service_refuses_a_plan_with_faults() {
    let broken = PLAN.replace("≤ 4.0 L", "≤ 4,0 L");
    let err = Service::new(&broken).err().unwrap().to_string();
    assert!(err.contains("4,0"), "{err}");
}

#[test]
fn research_script_is_shipped_executable() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/research.sh");
    let meta = std::fs::metadata(path).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert!(
            meta.permissions().mode() & 0o111 != 0,
            "{path} is not executable"
        );
    }
    assert!(meta.is_file());
}
