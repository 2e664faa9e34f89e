//! Products JSON read and evaluated against the smart-toilet example plan.
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

fuzz_target!(|text: &str| {
    let Ok(products) = duibiao::product::read_json(text) else {
        return;
    };
    let engine = engine();
    for product in products.into_iter().flatten() {
        let _ = engine.evaluate(&product);
    }
});
