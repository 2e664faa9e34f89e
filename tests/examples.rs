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

/// The room air conditioner plan grades APF in the three capacity bands of GB 21455-2019, whose
/// scope ends at a rated cooling capacity of 14000 W (docs/examples.md, "Where the numbers come
/// from"): a 9000 W unit is graded in the third band, a 15000 W unit is outside every band.
#[test]
fn air_conditioner_bands_reach_the_end_of_gb_21455_scope() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/plans/room-air-conditioner.toml"
    ))
    .unwrap();
    let engine = duibiao::Plan::from_toml_str(&text)
        .unwrap()
        .compile()
        .unwrap();
    let csv = "id,cooling-capacity,apf,noise,refrigerant-leak\n\
               B3-1,9000,4.20,38,pass\n\
               B3-2,9000,4.19,38,pass\n\
               B3-5,14000,3.10,38,pass\n\
               B3-6,14000,3.09,38,pass\n\
               B2-1,7100,4.20,38,pass\n\
               OUT,15000,4.20,38,pass\n";
    let grade = |product: &duibiao::product::Product| {
        let v = engine.evaluate(product).unwrap();
        let apf = v.indicators.iter().find(|i| i.id == "apf").unwrap();
        (apf.grade.as_ref().map(|g| g.rank), apf.outside_grades)
    };
    let got: Vec<(String, (Option<usize>, bool))> = duibiao::product::read_csv(csv.as_bytes())
        .map(|p| {
            let p = p.unwrap();
            (p.id.clone(), grade(&p))
        })
        .collect();
    let want = [
        ("B3-1", (Some(0), false)), // ≥ 4.20: grade 1 of the third band
        ("B3-2", (Some(1), false)), // ≥ 3.70: grade 2
        ("B3-5", (Some(4), false)), // 14000 W is still in the third band; ≥ 3.10: grade 5
        ("B3-6", (None, true)),     // below grade 5
        ("B2-1", (Some(1), false)), // 7100 W is the second band: ≥ 4.00 is its grade 2
        ("OUT", (None, true)),      // above 14000 W: outside the standard's scope, no band
    ];
    let want: Vec<(String, (Option<usize>, bool))> =
        want.iter().map(|(id, g)| (id.to_string(), *g)).collect();
    assert_eq!(got, want);
}
