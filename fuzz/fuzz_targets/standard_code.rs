//! Standard numbers: parse, and the canonical form is a fixed point.
#![no_main]

use duibiao::StandardCode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(code) = text.parse::<StandardCode>() else {
        return;
    };
    let shown = code.to_string();
    let again: StandardCode = shown
        .parse()
        .unwrap_or_else(|e| panic!("{text:?} displays as {shown:?}, which does not parse: {e}"));
    assert_eq!(again, code, "{text:?} → {shown:?}");
    assert_eq!(again.to_string(), shown);
    let _ = code.level();
});
