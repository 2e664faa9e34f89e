//! The library embedded in a service: build the engine once, judge batches of products that
//! arrive as JSON, answer with the verdicts as JSON.
//!
//! Run it with `cargo run --example service`. A real service would put `Service` behind an HTTP
//! handler (the engine is `Send + Sync`: share it in an `Arc`); here `main` plays one request.

use duibiao::engine::Engine;
use duibiao::{product, Plan, Verdict};
use serde::Serialize;

/// The answer for one product of a batch: its verdict, or why it could not be judged.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Answer {
    /// The verdict, serialized with the crate's stable kebab-case field names.
    Verdict(Box<Verdict>),
    /// `{ "error": "…" }`: the entry's own error; the rest of the batch is still judged.
    Error {
        /// The message, naming the product and indicator.
        error: String,
    },
}

/// The plan is compiled once, when the service starts.
pub struct Service {
    engine: Engine,
}

impl Service {
    /// Reads, checks and compiles a plan (TOML); a plan with faults is refused with every
    /// fault, located by line and column.
    pub fn new(plan_toml: &str) -> Result<Service, Box<dyn std::error::Error + Send + Sync>> {
        let plan = Plan::from_toml_str(plan_toml)?;
        let report = plan.check_in(plan_toml);
        if !report.is_ok() {
            return Err(report.to_string().into());
        }
        Ok(Service {
            engine: plan.compile()?,
        })
    }

    /// Judges a batch given as a JSON array of `{ "id": …, "values": { indicator: text } }`:
    /// one answer per entry, in the same order. Only a body that is not such an array fails
    /// the whole request.
    pub fn evaluate(&self, body: &str) -> Result<Vec<Answer>, duibiao::Error> {
        Ok(product::read_json(body)?
            .into_iter()
            .map(|entry| match entry.and_then(|p| self.engine.evaluate(&p)) {
                Ok(verdict) => Answer::Verdict(Box::new(verdict)),
                Err(e) => Answer::Error {
                    error: e.to_string(),
                },
            })
            .collect())
    }

    /// [`Service::evaluate`], answered as compact JSON.
    pub fn evaluate_json(
        &self,
        body: &str,
    ) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        Ok(serde_json::to_string(&self.evaluate(body)?)?)
    }
}

/// The smart toilet plan shipped with the crate.
pub const PLAN: &str = include_str!("plans/smart-toilet.toml");

/// One request: three products, the last with a value the plan cannot read.
pub const REQUEST: &str = r#"[
  { "id": "ST-101", "values": { "flush-water": "3.5 L", "standby-power": "0.45 W",
                                "water-temperature": "38.0 °C", "leakage-current": "0.21 mA" } },
  { "id": "ST-102", "values": { "flush-water": "4.3", "standby-power": "0.60",
                                "water-temperature": "37.5", "leakage-current": "0.18" } },
  { "id": "ST-103", "values": { "flush-water": "3,9 L" } }
]"#;

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let service = Service::new(PLAN)?;
    // Pretty-printed for people; a service would send `service.evaluate_json(body)?`.
    let answers = service.evaluate(REQUEST)?;
    println!("{}", serde_json::to_string_pretty(&answers)?);
    Ok(())
}
