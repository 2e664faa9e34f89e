//! Unit, quantity and measurement text; conversions between what parsed.
#![no_main]

use duibiao::{Measurement, Quantity, Unit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let unit = text.parse::<Unit>().ok();
    if let Some(u) = &unit {
        let shown = u.to_string();
        let again: Unit = shown
            .parse()
            .unwrap_or_else(|e| panic!("unit {text:?} displays as {shown:?}: {e}"));
        assert_eq!(again.dimension(), u.dimension(), "{text:?}");
    }
    if let Ok(q) = text.parse::<Quantity>() {
        let _ = q.to_string().parse::<Quantity>();
        for target in ["mm", "K", "°C", "kW·h", "%", "W/(m·K)"] {
            if let Ok(t) = target.parse::<Unit>() {
                let _ = q.to(&t);
                let _ = q.to_difference(&t);
            }
        }
        let _ = q.checked_add(&q);
        let _ = q.checked_sub(&q);
        let _ = q.checked_mul(rust_decimal::Decimal::MAX);
        let _ = q.checked_cmp(&q);
        if let Some(u) = &unit {
            let _ = q.to(u);
        }
    }
    if let Ok(m) = text.parse::<Measurement>() {
        let shown = m.to_string();
        let _ = shown.parse::<Measurement>();
    }
    let _ = text.parse::<duibiao::ReportedValue>();
    let _ = text.parse::<duibiao::Interval>();
});
