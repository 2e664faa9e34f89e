//! The products readers of `evaluate`, `rank` and `report` as they stream: the same bytes read
//! as CSV, as a JSON array and as JSON Lines, through `stream::Source`, in every encoding the
//! decoder detects. Besides "no panic": a reading ends (the number of items is bounded by the
//! input's size), a fault that stops the reading is the last item, and the same bytes behind a
//! UTF-8 byte order mark read the same.
#![no_main]

use std::sync::OnceLock;

use duibiao::stream::Source;
use duibiao::{Engine, Limits, Plan};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Plan::from_toml_str(include_str!("../../examples/plans/smart-toilet.toml"))
            .and_then(|p| p.compile())
            .expect("the example plan compiles")
    })
}

/// Every item's class or error text, and whether the reading stopped at a fault of the file.
fn read(bytes: &[u8], kind: u8) -> Option<Vec<Result<String, String>>> {
    let engine = engine();
    let limits = Limits::default();
    let source = match kind % 3 {
        0 => Source::csv(bytes, engine, &limits),
        1 => Source::json(bytes, engine, &limits),
        _ => Source::json_lines(bytes, engine, &limits),
    }
    .ok()?;
    let mut out = Vec::new();
    let mut verdicts = source.verdicts(engine);
    while let Some(v) = verdicts.next() {
        out.push(v.map(|v| v.class.to_string()).map_err(|e| e.to_string()));
        assert!(out.len() <= bytes.len() + 1, "more items than bytes");
        if verdicts.stopped() {
            assert!(verdicts.next().is_none(), "an item after the reading stopped");
            break;
        }
    }
    Some(out)
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let plain = read(bytes, kind);
    let mut with_bom = b"\xef\xbb\xbf".to_vec();
    with_bom.extend_from_slice(bytes);
    if !bytes.starts_with(b"\xef\xbb\xbf") && !bytes.starts_with(b"\xff\xfe") && !bytes.starts_with(b"\xfe\xff") {
        let classes = |r: &Option<Vec<Result<String, String>>>| {
            r.as_ref()
                .map(|v| v.iter().map(|x| x.as_ref().ok().cloned()).collect::<Vec<_>>())
        };
        assert_eq!(
            classes(&plain),
            classes(&read(&with_bom, kind)),
            "a byte order mark changed the verdicts"
        );
    }
});
