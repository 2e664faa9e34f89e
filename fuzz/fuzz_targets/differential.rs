//! The differential oracle driven by the fuzzer's bytes: a plan and products built by the
//! generator of `tests/oracle/mod.rs` (each of its random draws takes one byte), and the fast
//! path compared with the exact path on each product the fast path accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/oracle/mod.rs"]
mod oracle;

fuzz_target!(|data: &[u8]| {
    let mut rng = oracle::Rng::from_bytes(data);
    let plan = oracle::gen_plan(&mut rng);
    let Ok(compiled) = oracle::compile(&plan) else {
        return;
    };
    for gp in oracle::gen_products(&mut rng, &plan, 4) {
        let product = gp
            .product(&plan)
            .expect("the generator writes values that read");
        let Ok(exact) = compiled.engine.evaluate(&product) else {
            continue;
        };
        let mut out = Vec::new();
        oracle::fast_vs_exact(&compiled, "fuzz", &product, &gp.texts(), &exact, &mut out);
        assert!(
            out.is_empty(),
            "the fast path and the exact path disagree:\n{}\n--- plan.toml\n{}--- products.csv\n{}\n{}",
            out.iter()
                .map(|d| format!("{}: {}", d.kind, d.detail))
                .collect::<Vec<_>>()
                .join("\n"),
            compiled.toml,
            gp.header(&plan),
            gp.row()
        );
    }
});
