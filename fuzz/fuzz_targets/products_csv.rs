//! Products CSV read and evaluated against the smart-toilet example plan.
#![no_main]

use std::sync::OnceLock;

use duibiao::{Engine, Plan};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Plan::from_toml_str(include_str!("../../examples/plans/smart-toilet.toml"))
            .and_then(|p| p.compile())
            .expect("the example plan compiles")
    })
}

fuzz_target!(|data: &[u8]| {
    let engine = engine();
    let classifier = engine.classifier().ok();
    for product in duibiao::product::read_csv(data).take(1000).flatten() {
        let verdict = engine.evaluate(&product);
        if let (Some(c), Ok(v)) = (&classifier, &verdict) {
            if let Ok(Some(prepared)) = c.prepare(&product) {
                assert_eq!(c.class(&prepared), v.class, "fast path and engine disagree");
            }
        }
    }
});
