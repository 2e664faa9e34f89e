//! Helpers shared by the integration tests: reading the published vectors in `tests/data/`.
#![allow(dead_code)]

use std::collections::HashMap;

/// One row of a vector file: column name → text, plus the 1-based line for messages.
pub struct Row {
    pub line: usize,
    fields: HashMap<String, String>,
}

impl Row {
    #[track_caller]
    pub fn get(&self, column: &str) -> &str {
        self.fields
            .get(column)
            .unwrap_or_else(|| panic!("line {}: no column {column}", self.line))
    }

    pub fn opt(&self, column: &str) -> Option<&str> {
        self.fields
            .get(column)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }
}

/// Reads `tests/data/NAME`: a header line, then rows; the last column (the source) may hold
/// commas, the others may not.
pub fn vectors(name: &str) -> Vec<Row> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines().enumerate();
    let (_, header) = lines.next().expect("header");
    let columns: Vec<&str> = header.split(',').collect();
    let rows: Vec<Row> = lines
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let values: Vec<&str> = l.splitn(columns.len(), ',').collect();
            assert_eq!(values.len(), columns.len(), "{path} line {}", i + 1);
            Row {
                line: i + 1,
                fields: columns
                    .iter()
                    .zip(values)
                    .map(|(c, v)| (c.to_string(), v.to_string()))
                    .collect(),
            }
        })
        .collect();
    assert!(!rows.is_empty(), "{path} has no rows");
    rows
}
