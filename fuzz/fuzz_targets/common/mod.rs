//! Plans and products built from `arbitrary` structure: every draw is a choice among the shapes
//! real plans and lab files take (and the careless variants of them), rendered as text, so the
//! fuzzer spends its time on plans that read rather than on TOML syntax.
#![allow(dead_code)]

use arbitrary::{Arbitrary, Unstructured};

/// Units an indicator may take, with an alternative spelling of the same dimension (or a wrong
/// one) for limits written in another unit.
pub const UNITS: &[(&str, &[&str])] = &[
    ("L", &["mL", "m³", "kg"]),
    ("W", &["kW", "mW", "V"]),
    ("%", &["1", "‰"]),
    ("°C", &["K", "°F", "m"]),
    ("mA", &["A", "µA", "s"]),
    ("", &["%", "m"]),
    ("MPa", &["kPa", "Pa", "N"]),
];

pub const DIRECTIONS: &[&str] = &["higher-is-better", "lower-is-better", "nominal-is-best"];
pub const IDS: &[&str] = &[
    "flush-water",
    "standby-power",
    "apf",
    "temp",
    "a",
    "b",
    "出水温度",
    " a ",
    "id",
    "x\u{3000}",
];
pub const STANDARDS: &[&str] = &[
    "Q/ABC 001-2024",
    "T/CZGX 001-2022",
    "GB/T 23131-2019",
    "IEC 60335-2-84:2019",
    "GB 1-2000",
    "not a code",
];

#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Num {
    pub mantissa: i16,
    pub scale: u8,
    pub huge: bool,
}

impl Num {
    pub fn text(&self) -> String {
        if self.huge && self.mantissa % 7 == 0 {
            return "79228162514264337593543950335".to_owned();
        }
        let scale = u32::from(self.scale % 4);
        rust_decimal::Decimal::new(i64::from(self.mantissa), scale).to_string()
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub struct Lim {
    pub shape: u8,
    pub a: Num,
    pub b: Num,
    pub other_unit: Option<u8>,
}

impl Lim {
    pub fn text(&self, unit: usize) -> String {
        let (main, alts) = UNITS[unit % UNITS.len()];
        let u = match self.other_unit {
            Some(k) if !alts.is_empty() => alts[usize::from(k) % alts.len()],
            _ => main,
        };
        let sp = if u.is_empty() { "" } else { " " };
        let (a, b) = (self.a.text(), self.b.text());
        match self.shape % 10 {
            0 => format!("≥ {a}{sp}{u}"),
            1 => format!("≤ {a}{sp}{u}"),
            2 => format!("> {a}{sp}{u}"),
            3 => format!("< {a}{sp}{u}"),
            4 => format!("{a} ~ {b}{sp}{u}"),
            5 => format!("{a} ± {}{sp}{u}", self.b.mantissa.unsigned_abs() % 50),
            6 => format!("不小于 {a}{sp}{u}"),
            7 => format!("不大于 {a}{sp}{u}"),
            8 => format!("{a}{sp}{u}"),
            _ => format!("≥ {a} {}", u.to_uppercase()),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub struct Ind {
    pub id: u8,
    pub unit: u8,
    pub direction: u8,
    pub core: bool,
    pub weight: Option<u8>,
    pub rounded: bool,
    pub tolerance: Option<Num>,
    pub requirements: Vec<(u8, Lim)>,
    pub grades: Vec<Lim>,
    pub qualitative: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct PlanShape {
    pub subject: bool,
    pub benchmarks: u8,
    pub indicators: Vec<Ind>,
    pub share: Option<u8>,
    pub min_exceeding: Option<u8>,
    pub json: bool,
}

impl PlanShape {
    /// The ids the plan's indicators carry, in order.
    pub fn ids(&self) -> Vec<String> {
        self.indicators
            .iter()
            .take(8)
            .enumerate()
            .map(|(k, i)| {
                let base = IDS[usize::from(i.id) % IDS.len()];
                if i.id >= 200 {
                    base.to_owned()
                } else {
                    format!("{base}{k}")
                }
            })
            .collect()
    }

    /// The plan as TOML text.
    pub fn toml(&self) -> String {
        let mut out = String::from("schema_version = 1\ncategory = { zh = \"测试\", en = \"test\" }\n");
        if let Some(s) = self.share {
            out += &format!("[policy.ranking.leaders]\nshare = \"0.{}\"\n", s % 10);
        }
        if let Some(n) = self.min_exceeding {
            out += &format!("[policy]\nleader-min-exceeding = {}\n", n % 4);
        }
        let n_bench = 1 + usize::from(self.benchmarks % 3);
        if self.subject {
            out += &format!("[[standards]]\ncode = \"{}\"\nrole = \"subject\"\n", STANDARDS[0]);
        }
        for k in 0..n_bench {
            out += &format!(
                "[[standards]]\ncode = \"{}\"\nrole = \"benchmark\"\n",
                STANDARDS[1 + k % (STANDARDS.len() - 1)]
            );
        }
        for (ind, id) in self.indicators.iter().zip(self.ids()) {
            let (unit, _) = UNITS[usize::from(ind.unit) % UNITS.len()];
            out += &format!("[[indicators]]\nid = \"{id}\"\n");
            if ind.qualitative {
                out += "kind = \"qualitative\"\n";
            } else if !unit.is_empty() {
                out += &format!("unit = \"{unit}\"\n");
            }
            out += &format!(
                "direction = \"{}\"\nclass = \"{}\"\n",
                DIRECTIONS[usize::from(ind.direction) % DIRECTIONS.len()],
                if ind.core { "core" } else { "basic" }
            );
            if let Some(w) = ind.weight {
                out += &format!("weight = \"{}\"\n", w % 5);
            }
            if ind.rounded {
                out += "judgement = \"rounded-value\"\n";
            }
            if let Some(t) = ind.tolerance {
                out += &format!("tolerance = \"{}\"\n", t.text().trim_start_matches('-'));
            }
            let reqs: Vec<String> = ind
                .requirements
                .iter()
                .take(4)
                .map(|(s, lim)| {
                    let code = if self.subject && *s % 4 == 0 {
                        STANDARDS[0]
                    } else {
                        STANDARDS[1 + usize::from(*s) % n_bench]
                    };
                    format!("\"{code}\" = \"{}\"", lim.text(usize::from(ind.unit)))
                })
                .collect();
            out += &format!("requirements = {{ {} }}\n", reqs.join(", "));
            if !ind.grades.is_empty() {
                let grades: Vec<String> = ind
                    .grades
                    .iter()
                    .take(4)
                    .enumerate()
                    .map(|(k, g)| {
                        format!(
                            "{{ name = {{ en = \"g{k}\" }}, limit = \"{}\" }}",
                            g.text(usize::from(ind.unit))
                        )
                    })
                    .collect();
                out += &format!("grades = [{}]\n", grades.join(", "));
            }
        }
        out
    }
}

/// One product: an id and, per indicator, a value drawn from the shapes labs write.
#[derive(Arbitrary, Debug, Clone)]
pub struct ProductShape {
    pub id: u8,
    pub values: Vec<Option<Cell>>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct Cell {
    pub num: Num,
    pub form: u8,
}

impl Cell {
    pub fn text(&self, unit: usize) -> String {
        let (main, alts) = UNITS[unit % UNITS.len()];
        let n = self.num.text();
        match self.form % 8 {
            0 | 1 | 2 => n,
            3 if !main.is_empty() => format!("{n} {main}"),
            4 if !alts.is_empty() => format!("{n} {}", alts[0]),
            5 => format!("{n} ± 0.{}", self.num.scale % 10),
            6 => format!("{n}(+)"),
            _ => "pass".to_owned(),
        }
    }
}

pub fn product_id(p: &ProductShape, k: usize) -> String {
    match p.id % 16 {
        0 => "P1".to_owned(),
        1 => "样品-一".to_owned(),
        2 => format!("P{k}\"q"),
        _ => format!("P{k}"),
    }
}

/// A CSV field quoted when it must be.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The products as CSV (header: id and the given columns) and as a JSON array, same content.
pub fn products(
    shapes: &[ProductShape],
    ids: &[String],
    units: &[usize],
) -> (String, String) {
    let mut csv = String::from("id");
    for id in ids {
        csv += ",";
        csv += &field(id);
    }
    csv += "\n";
    let mut json = Vec::new();
    for (k, p) in shapes.iter().take(16).enumerate() {
        let pid = product_id(p, k);
        csv += &field(&pid);
        let mut values = serde_json::Map::new();
        for (j, id) in ids.iter().enumerate() {
            let cell = p.values.get(j).cloned().flatten();
            let text = cell.map(|c| c.text(units[j])).unwrap_or_default();
            csv += ",";
            csv += &field(&text);
            if !text.is_empty() {
                values.insert(id.clone(), serde_json::Value::String(text));
            }
        }
        csv += "\n";
        json.push(serde_json::json!({ "id": pid, "values": values }));
    }
    (csv, serde_json::Value::Array(json).to_string())
}

/// Arbitrary structure from the fuzzer's bytes, or nothing.
pub fn take<'a, T: Arbitrary<'a>>(u: &mut Unstructured<'a>) -> Option<T> {
    T::arbitrary(u).ok()
}
