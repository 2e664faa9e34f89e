//! Evaluating a stream of product rows: read once, judged one at a time with bounded memory,
//! in input order, each bad row an error of its own with its place (`line 7`, `products[3]`)
//! and product id, never stopping the others.
//!
//! [`Source`] reads products (CSV as [`CsvRows`], or JSON) for an engine: columns that name no
//! indicator are ignored. [`Source::verdicts`] gives each full [`Verdict`] (the exact path);
//! [`Source::summaries`] gives each [`Summary`], from the fast fixed-point path where the plan
//! and the row allow it and from the exact path otherwise: the same summary either way (the
//! differential tests hold the two paths equal).
//!
//! ```
//! use duibiao::stream::Source;
//! use duibiao::{Class, Limits, Plan};
//!
//! let plan = Plan::from_toml_str(r#"
//! schema_version = 1
//! category = { en = "smart toilet" }
//! [[standards]]
//! code = "T/CZGX 001-2022"
//! role = "benchmark"
//! [[indicators]]
//! id = "flush-water"
//! unit = "L"
//! direction = "lower-is-better"
//! requirements = { "T/CZGX 001-2022" = "≤ 4.0 L" }
//! "#)?;
//! let engine = plan.compile()?;
//! let csv = "id,flush-water,备注\nP1,3.6,\nP2,4200 mL,送检样品\nP3,abc,\n";
//! let source = Source::csv(csv.as_bytes(), &engine, &Limits::default())?;
//! assert_eq!(source.ignored(), ["备注"]);
//! let rows: Vec<_> = source.summaries(&engine).collect();
//! assert_eq!(rows[0].as_ref().map(|s| s.class).ok(), Some(Class::Leader)); // fast path
//! assert_eq!(rows[1].as_ref().map(|s| s.class).ok(), Some(Class::Gap)); // a unit: exact path
//! let error = rows[2].as_ref().unwrap_err().to_string();
//! assert!(error.starts_with("line 4: product \"P3\": indicator \"flush-water\": value \"abc\""), "{error}");
//! # Ok::<(), duibiao::Error>(())
//! ```

use std::io::Read;

use crate::engine::{Classifier, FastOutcome, Prepared};
use crate::error::Error;
use crate::limits::Limits;
use crate::product::{self, CsvRows, Encoding, Product};
use crate::verdict::{Summary, Verdict};
use crate::Engine;

/// Where the products come from.
enum Rows<R> {
    Csv(CsvRows<R>),
    Json(std::iter::Enumerate<std::vec::IntoIter<Result<Product, Error>>>),
}

/// Products read for one engine: CSV rows or JSON entries, in input order.
pub struct Source<R> {
    rows: Rows<R>,
}

impl<R: Read> Source<R> {
    /// A products CSV ([`CsvRows`]): the header is read and checked here; only the columns
    /// naming an indicator of `engine` are read.
    ///
    /// # Errors
    ///
    /// When the header cannot be read or is not a products header (see [`CsvRows::new`]).
    pub fn csv(reader: R, engine: &Engine, limits: &Limits) -> Result<Source<R>, Error> {
        Source::csv_with_encoding(reader, engine, limits, Encoding::Auto)
    }

    /// Like [`Source::csv`], reading the file in `encoding` ([`Encoding::Auto`], which
    /// [`Source::csv`] uses, detects UTF-8, GB18030 and UTF-16 with a byte order mark). A column
    /// headed by an indicator's Chinese name (`names.zh`) reads as that indicator
    /// ([`CsvRows::keep_named`]).
    ///
    /// # Errors
    ///
    /// As [`Source::csv`], and when a column could be two indicators or two columns name one.
    pub fn csv_with_encoding(
        reader: R,
        engine: &Engine,
        limits: &Limits,
        encoding: Encoding,
    ) -> Result<Source<R>, Error> {
        let rows = CsvRows::with_encoding(reader, limits, encoding)?.keep_named(
            engine
                .indicator_names()
                .map(|(id, names)| (id, names.zh.as_deref())),
        )?;
        Ok(Source {
            rows: Rows::Csv(rows),
        })
    }

    /// The products of the first sheet of an Excel workbook, or of the sheet named `sheet`
    /// ([`CsvRows::xlsx`]): read as a CSV file is, each row located by its sheet row
    /// (`row 7`). `R` is free (the sheet is read whole): the reader type of the caller's other
    /// sources.
    ///
    /// # Errors
    ///
    /// As [`CsvRows::xlsx`] and [`Source::csv_with_encoding`].
    #[cfg(feature = "xlsx")]
    pub fn xlsx<W: Read + std::io::Seek>(
        workbook: W,
        engine: &Engine,
        limits: &Limits,
        sheet: Option<&str>,
    ) -> Result<Source<R>, Error> {
        let rows = CsvRows::xlsx(workbook, limits, sheet)?.keep_named(
            engine
                .indicator_names()
                .map(|(id, names)| (id, names.zh.as_deref())),
        )?;
        Ok(Source {
            rows: Rows::Csv(rows),
        })
    }

    /// A products JSON text (an array of `{ "id", "values" }`), read within `limits`
    /// ([`product::read_json_with`]); only the values keyed by an indicator of `engine` are
    /// read; entries are judged one at a time.
    ///
    /// # Errors
    ///
    /// When the text cannot be read, is larger than [`Limits::products_bytes`], or is not an
    /// array of products.
    pub fn json(reader: R, engine: &Engine, limits: &Limits) -> Result<Source<R>, Error> {
        let mut text = String::new();
        let cap = u64::try_from(limits.products_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        reader
            .take(cap)
            .read_to_string(&mut text)
            .map_err(|e| Error::invalid_plan(format!("products: {e}")))?;
        let ids: std::collections::BTreeSet<&str> = engine.indicator_ids().collect();
        let entries = product::read_json_keeping(&text, limits, &|k| ids.contains(k))?;
        Ok(Source {
            rows: Rows::Json(entries.into_iter().enumerate()),
        })
    }

    /// The CSV columns that name no indicator, ignored (a misspelt header would make every
    /// product miss that indicator: worth a warning). Empty for JSON.
    pub fn ignored(&self) -> Vec<&str> {
        match &self.rows {
            Rows::Csv(rows) => rows.ignored().collect(),
            Rows::Json(_) => Vec::new(),
        }
    }

    /// The full verdict of each product, on the exact path.
    pub fn verdicts(self, engine: &Engine) -> Verdicts<'_, R> {
        Verdicts {
            engine,
            rows: self.rows,
        }
    }

    /// The summary of each product: from the fast path where the plan lowers to it and the
    /// row's cells are plain numbers, else from the exact path.
    pub fn summaries(self, engine: &Engine) -> Summaries<'_, R> {
        let fast = match &self.rows {
            Rows::Csv(rows) => Fast::new(engine, rows.columns()),
            Rows::Json(_) => None,
        };
        Summaries {
            engine,
            rows: self.rows,
            fast,
        }
    }
}

/// A product as read, with the place it was read from.
type Placed = (String, Result<Product, Error>);

/// The next product of a source with its place (`line 7`, `products[3]`), or the error of a
/// row the reader could not split, which names its own place.
fn next_product<R: Read>(rows: &mut Rows<R>) -> Option<Result<Placed, Error>> {
    match rows {
        Rows::Csv(csv) => Some(
            csv.advance()?
                .map(|line| (csv.place(line), csv.to_product())),
        ),
        Rows::Json(entries) => {
            let (i, entry) = entries.next()?;
            Some(Ok((format!("products[{i}]"), entry)))
        }
    }
}

/// Judges a product on the exact path; an error carries the place.
fn judge(
    engine: &Engine,
    place: String,
    product: Result<Product, Error>,
) -> Result<Verdict, Error> {
    product
        .and_then(|p| engine.evaluate(&p))
        .map_err(|e| e.context(place))
}

/// The full verdicts of a [`Source`], in input order.
pub struct Verdicts<'e, R> {
    engine: &'e Engine,
    rows: Rows<R>,
}

impl<R: Read> Iterator for Verdicts<'_, R> {
    type Item = Result<Verdict, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(next_product(&mut self.rows)?.and_then(|(place, p)| judge(self.engine, place, p)))
    }
}

/// The fast path for CSV rows: the classifier, and per indicator the column holding it.
struct Fast {
    classifier: Classifier,
    columns: Vec<Option<usize>>,
    prepared: Prepared,
    outcomes: Vec<FastOutcome>,
}

impl Fast {
    fn new(engine: &Engine, header: &[String]) -> Option<Fast> {
        let classifier = engine.classifier().ok()?;
        // Column 0 is the product id, whatever an indicator is called.
        let columns = engine
            .indicator_ids()
            .map(|id| header.iter().skip(1).position(|c| c == id).map(|k| k + 1))
            .collect();
        let prepared = classifier.prepare_scaled(std::iter::empty());
        Some(Fast {
            classifier,
            columns,
            prepared,
            outcomes: Vec::new(),
        })
    }

    /// The summary of the current row, when every cell it reads is a plain number (or empty,
    /// or pass/fail) within the cell limit; `None` sends the row to the exact path.
    fn summary<R: Read>(&mut self, engine: &Engine, rows: &CsvRows<R>) -> Option<Summary> {
        let id = rows.id().ok()?;
        if rows.has_faults() {
            return None;
        }
        let record = rows.record();
        let cell = |c: &Option<usize>| c.and_then(|k| record.get(k)).unwrap_or("");
        if self
            .columns
            .iter()
            .any(|c| cell(c).len() > crate::Limits::CELL_BYTES)
        {
            return None;
        }
        if !self
            .classifier
            .prepare_cells(self.columns.iter().map(cell), &mut self.prepared)
        {
            return None;
        }
        let f = &self.classifier;
        let class = f.outcomes_into(&self.prepared, &mut self.outcomes);
        Some(Summary {
            product: id.to_owned(),
            class,
            decided_by: f
                .decided_by(class, &self.outcomes)
                .map(str::to_owned)
                .collect(),
            exceeding_weight: f.exceeding_weight(&self.outcomes),
            core_weight: engine.core_weight(),
            outcomes: self.outcomes.iter().map(|o| o.outcome).collect(),
        })
    }
}

/// The summaries of a [`Source`], in input order.
pub struct Summaries<'e, R> {
    engine: &'e Engine,
    rows: Rows<R>,
    fast: Option<Fast>,
}

impl<R: Read> Iterator for Summaries<'_, R> {
    type Item = Result<Summary, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let (Rows::Csv(csv), Some(fast)) = (&mut self.rows, &mut self.fast) {
            let line = match csv.advance()? {
                Ok(line) => line,
                Err(e) => return Some(Err(e)),
            };
            if let Some(summary) = fast.summary(self.engine, csv) {
                return Some(Ok(summary));
            }
            let verdict = judge(self.engine, csv.place(line), csv.to_product());
            return Some(verdict.map(|v| Summary::of(&v)));
        }
        let verdict =
            next_product(&mut self.rows)?.and_then(|(place, p)| judge(self.engine, place, p));
        Some(verdict.map(|v| Summary::of(&v)))
    }
}
