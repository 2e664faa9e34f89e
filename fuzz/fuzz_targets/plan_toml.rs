//! Plan TOML: read, check, compile, compare the subject standard, build the fast path.
#![no_main]

use duibiao::{Plan, Product};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(plan) = Plan::from_toml_str(text) else {
        return;
    };
    let _ = plan.check_in(text);
    let _ = plan.to_json_string();
    let Ok(engine) = plan.compile() else {
        return;
    };
    let _ = engine.compare_standards();
    let _ = engine.classifier();
    let mut p = Product::new("P");
    for id in engine
        .indicator_ids()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    {
        p = p.with(&id, "1").unwrap_or_else(|_| Product::new("P"));
    }
    let _ = engine.evaluate(&p);
});
