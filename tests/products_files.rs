//! The products files shipped beside the example plans (`examples/plans/<plan>.products.csv`,
//! written by `gen_products.py`): the header names exactly the plan's indicators, every cell is
//! empty, `pass`/`fail` for a qualitative indicator or a [`Measurement`] in a unit of the
//! indicator's kind, every value can be judged against every requirement of its indicator, and
//! each file holds products that meet every benchmark requirement and products that do not. The
//! JSON form of the smart-toilet products holds the same products as the CSV.

use std::collections::BTreeMap;

use duibiao::decision::judge;
use duibiao::plan::{Plan, Role};
use duibiao::{Direction, IndicatorClass, Limit, Measurement, StandardCode, Unit};

const PLANS: [&str; 3] = [
    "smart-toilet",
    "room-air-conditioner",
    "steel-and-caustic-soda",
];

fn read(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/examples/plans/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn plan(name: &str) -> Plan {
    Plan::from_toml_str(&read(&format!("{name}.toml"))).unwrap()
}

/// One product: its id and the cells by indicator id (missing values absent).
type Product = (String, BTreeMap<String, String>);

/// Reads the simple CSV the generator writes: no quoting, no commas inside cells.
fn read_csv(name: &str) -> (Vec<String>, Vec<Product>) {
    let text = read(name);
    assert!(!text.contains('"'), "{name}: quoted cells are not expected");
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    let products = lines
        .enumerate()
        .map(|(i, line)| {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(cells.len(), header.len(), "{name} line {}", i + 2);
            let values = header[1..]
                .iter()
                .zip(&cells[1..])
                .filter(|(_, c)| !c.is_empty())
                .map(|(h, c)| (h.clone(), (*c).to_owned()))
                .collect();
            (cells[0].to_owned(), values)
        })
        .collect();
    (header, products)
}

fn read_json(name: &str) -> Vec<Product> {
    let value: serde_json::Value = serde_json::from_str(&read(name)).unwrap();
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let object = p.as_object().unwrap();
            assert_eq!(object.len(), 2, "{p}: only id and values");
            let values = object["values"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect();
            (object["id"].as_str().unwrap().to_owned(), values)
        })
        .collect()
}

#[test]
fn headers_name_exactly_the_plans_indicators() {
    for name in PLANS {
        let (header, products) = read_csv(&format!("{name}.products.csv"));
        let mut want = vec!["id".to_owned()];
        want.extend(plan(name).indicators.iter().map(|i| i.id.clone()));
        assert_eq!(header, want, "{name}");
        assert!(
            (30..=40).contains(&products.len()),
            "{name}: {} products",
            products.len()
        );
        let mut ids: Vec<&str> = products.iter().map(|(id, _)| id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), products.len(), "{name}: product ids are unique");
    }
}

#[test]
fn every_cell_is_a_value_of_its_indicator() {
    for name in PLANS {
        let plan = plan(name);
        let (_, products) = read_csv(&format!("{name}.products.csv"));
        let mut missing = 0;
        for indicator in &plan.indicators {
            let unit: Option<Unit> = indicator.unit.as_deref().map(|u| u.parse().unwrap());
            for (id, values) in &products {
                let Some(cell) = values.get(&indicator.id) else {
                    missing += 1;
                    continue;
                };
                let place = format!("{name} {id} {}: {cell:?}", indicator.id);
                if indicator.direction == Direction::Qualitative {
                    assert!(cell == "pass" || cell == "fail", "{place}");
                    continue;
                }
                let m: Measurement = cell.parse().unwrap_or_else(|e| panic!("{place}: {e}"));
                if let Some(value_unit) = m.unit() {
                    let indicator_unit = unit.as_ref().unwrap_or_else(|| panic!("{place}"));
                    assert!(value_unit.is_compatible(indicator_unit), "{place}");
                }
                for (code, text) in &indicator.requirements {
                    let Some(text) = text.limit() else { continue };
                    let limit: Limit = text.parse().unwrap();
                    judge(m.clone(), &limit, indicator.judgement)
                        .unwrap_or_else(|e| panic!("{place} against {code} {text:?}: {e}"));
                }
            }
        }
        assert!(missing >= 1, "{name}: at least one missing value");
    }
}

/// Whether the product conforms to every benchmark requirement of the plan's core and basic
/// indicators (a missing value or a qualitative `fail` does not).
fn meets_every_benchmark(plan: &Plan, values: &BTreeMap<String, String>) -> bool {
    let benchmarks: Vec<&StandardCode> = plan
        .standards
        .iter()
        .filter(|s| s.role == Role::Benchmark)
        .map(|s| &s.standard.code)
        .collect();
    plan.indicators
        .iter()
        .filter(|i| i.class != IndicatorClass::Innovation)
        .all(|indicator| {
            let Some(cell) = values.get(&indicator.id) else {
                return false;
            };
            if indicator.direction == Direction::Qualitative {
                return cell == "pass";
            }
            let m: Measurement = cell.parse().unwrap();
            indicator
                .requirements
                .iter()
                .filter(|(code, _)| benchmarks.contains(&&code.parse::<StandardCode>().unwrap()))
                .filter_map(|(_, text)| text.limit())
                .all(|text| {
                    judge(m.clone(), &text.parse().unwrap(), indicator.judgement)
                        .unwrap()
                        .is_pass()
                })
        })
}

#[test]
fn each_file_has_products_that_meet_the_benchmarks_and_products_that_do_not() {
    for name in PLANS {
        let plan = plan(name);
        let (_, products) = read_csv(&format!("{name}.products.csv"));
        let meeting = products
            .iter()
            .filter(|(_, v)| meets_every_benchmark(&plan, v))
            .count();
        assert!(
            meeting >= 10 && products.len() - meeting >= 10,
            "{name}: {meeting} of {} meet every benchmark requirement",
            products.len()
        );
    }
}

#[test]
fn json_products_are_the_csv_products() {
    let (_, csv) = read_csv("smart-toilet.products.csv");
    let json = read_json("smart-toilet.products.json");
    assert_eq!(json, csv);
}
