//! The standards reader of `rank --standards` and `compare`: a standards CSV read against the
//! smart-toilet example plan, every standard judged. Besides "no panic": every message is in
//! the house style (no capital, no full stop), and judging is deterministic.
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

fn house_style(message: &str) {
    assert!(!message.ends_with('.'), "a message ends without a full stop: {message}");
    assert!(
        !message.chars().next().is_some_and(char::is_uppercase),
        "a message begins in lower case: {message}"
    );
}

fuzz_target!(|data: &[u8]| {
    let engine = engine();
    for read in engine.read_standards(data).into_iter().take(200) {
        match read {
            Ok((code, requirements)) => {
                let first = engine.evaluate_standard(&code, &requirements);
                let second = engine.evaluate_standard(&code, &requirements);
                match (&first, &second) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b),
                    (Err(a), Err(b)) => {
                        assert_eq!(a.to_string(), b.to_string());
                        house_style(&a.to_string());
                    }
                    _ => panic!("judging a standard twice gave two answers"),
                }
            }
            Err(e) => house_style(&e.to_string()),
        }
    }
});
