//! Limit text: parse, display, parse again; judge a few values; compare with itself.
#![no_main]

use duibiao::decision::{evidence, Method};
use duibiao::Limit;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|text: &str| {
    let Ok(limit) = text.parse::<Limit>() else {
        return;
    };
    let shown = limit.to_string();
    // Display → FromStr round trip (design: "Display → FromStr round trip").
    let again: Limit = shown
        .parse()
        .unwrap_or_else(|e| panic!("{text:?} displays as {shown:?}, which does not parse: {e}"));
    assert!(again.same_set(&limit), "{text:?} → {shown:?}");
    let _ = limit.strictness(&again);
    for x in [
        Decimal::ZERO,
        Decimal::ONE,
        Decimal::MAX,
        Decimal::MIN,
        Decimal::new(-5, 1),
    ] {
        let _ = limit.contains(x);
        let _ = evidence(x, &limit, Method::FullValue, None);
        let _ = evidence(x, &limit, Method::RoundedValue, None);
    }
});
