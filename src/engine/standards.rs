//! Enterprise standards as subjects: comparing and ranking many standards of one category
//! (企业标准"领跑者"), each given by its requirement per indicator.

use std::collections::BTreeMap;

use super::Engine;
use crate::error::Error;
use crate::indicator::Direction;
use crate::limit::Limit;
use crate::measurement::Measurement;
use crate::product::{Product, Value};
use crate::verdict::Verdict;

/// The requirements of one standard, by indicator id (`"flush-water" → ≤ 3.8 L`).
pub type Requirements = BTreeMap<String, Limit>;

impl Engine {
    /// Reads a file of standards to compare or rank: CSV with a header `id` (the standard's
    /// number) and one column per indicator id, each cell a limit as a plan writes it
    /// (`≤ 3.8 L`), empty where the standard states nothing.
    ///
    /// ```
    /// # let plan = duibiao::Plan::from_toml_str(r#"
    /// # schema_version = 1
    /// # category = { en = "x" }
    /// # [[standards]]
    /// # code = "T/CZGX 001-2022"
    /// # role = "benchmark"
    /// # [[indicators]]
    /// # id = "flush-water"
    /// # unit = "L"
    /// # direction = "lower-is-better"
    /// # requirements = { "T/CZGX 001-2022" = "≤ 4.0 L" }
    /// # "#)?;
    /// let engine = plan.compile()?;
    /// let rows = duibiao::Engine::read_standards("id,flush-water\nQ/A 1-2024,≤ 3.8 L\n".as_bytes());
    /// let (code, requirements) = rows.into_iter().next().unwrap()?;
    /// let verdict = engine.evaluate_standard(&code, &requirements)?;
    /// assert_eq!(verdict.class, duibiao::Class::Leader);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn read_standards(
        reader: impl std::io::Read,
    ) -> Vec<Result<(String, Requirements), Error>> {
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(reader);
        let columns: Vec<String> = match rdr.headers() {
            Ok(h) => h.iter().map(str::to_owned).collect(),
            Err(e) => return vec![Err(Error::invalid_plan(format!("standards: header: {e}")))],
        };
        if columns.first().map(String::as_str) != Some("id") {
            return vec![Err(Error::invalid_plan(
                "standards: line 1: the first column must be \"id\"",
            ))];
        }
        rdr.records()
            .enumerate()
            .map(|(i, record)| {
                let place = format!("line {}", i + 2);
                let record = record.map_err(|e| {
                    Error::invalid_plan(format!("standards: {e}")).context(place.clone())
                })?;
                let mut cells = record.iter();
                let id = cells.next().unwrap_or_default().to_owned();
                let mut requirements = Requirements::new();
                for (column, cell) in columns.iter().skip(1).zip(cells) {
                    if cell.is_empty() {
                        continue;
                    }
                    let limit: Limit = cell.parse().map_err(|e: Error| {
                        e.context(format!("standard \"{id}\": indicator \"{column}\""))
                            .context(place.clone())
                    })?;
                    requirements.insert(column.clone(), limit);
                }
                Ok((id, requirements))
            })
            .collect()
    }

    /// Judges a standard by its requirements as if it were a product at the edge of what it
    /// allows: per indicator, the value its requirement guarantees — the lower end for
    /// higher-is-better, the upper end for lower-is-better, for nominal-is-best the end nearer
    /// to the benchmark level's end. A standard stricter than the level then *exceeds* (or
    /// reaches a better grade), an equal one *meets*, a looser one *falls short* by the margin
    /// between the two limits. The verdict's `product` is the standard's number; ranking it
    /// with [`crate::rank::Ranker::rank`] ranks standards (企业标准排行榜).
    ///
    /// An open end (`< 3.8 L`) is taken at its bound; a requirement with no end on the side
    /// that matters (an upper limit on a higher-is-better indicator) counts as not stated.
    ///
    /// # Errors
    ///
    /// When a requirement's unit does not convert into its indicator's.
    pub fn evaluate_standard(
        &self,
        code: &str,
        requirements: &Requirements,
    ) -> Result<Verdict, Error> {
        let mut product = Product::new(code);
        for ind in &self.indicators {
            let Some(limit) = requirements.get(&ind.id) else {
                continue;
            };
            let place =
                |e: Error| e.context(format!("standard \"{code}\": indicator \"{}\"", ind.id));
            let ends = limit.ends_in(ind.unit.as_ref()).map_err(place)?;
            let level_lo = ind
                .level
                .iter()
                .filter_map(|&k| ind.requirements.get(k))
                .filter_map(|r| r.ends.0.map(|b| b.value))
                .max();
            let level_hi = ind
                .level
                .iter()
                .filter_map(|&k| ind.requirements.get(k))
                .filter_map(|r| r.ends.1.map(|b| b.value))
                .min();
            let lo = ends.0.map(|b| b.value);
            let hi = ends.1.map(|b| b.value);
            let value = match ind.direction {
                Direction::HigherIsBetter => lo,
                Direction::LowerIsBetter => hi,
                Direction::NominalIsBest => match (lo, hi) {
                    (Some(l), Some(h)) => {
                        // The end with the smaller margin to the level decides.
                        let from_lo = level_lo.map(|ll| l - ll);
                        let from_hi = level_hi.map(|lh| lh - h);
                        match (from_lo, from_hi) {
                            (Some(a), Some(b)) if b < a => Some(h),
                            (None, Some(_)) => Some(h),
                            _ => Some(l),
                        }
                    }
                    (l, h) => l.or(h),
                },
                _ => None,
            };
            if let Some(v) = value {
                let m = Measurement::new(v, None, ind.unit.clone()).map_err(place)?;
                product.values.insert(ind.id.clone(), Value::Measured(m));
            }
        }
        self.evaluate(&product)
    }
}
