//! Evaluating a stream of product rows: read once, judged one at a time with bounded memory,
//! in input order, each bad row an error of its own with its place (`line 7`, `products[3]`)
//! and product id, never stopping the others.
//!
//! [`Source`] reads products (CSV as [`CsvRows`], a JSON array or JSON Lines as [`JsonRows`])
//! for an engine: columns and keys that name no indicator are ignored. Every reader holds one
//! row at a time, so memory stays flat whatever the input's size; the iterators tell the place
//! and product id of the row they yielded last ([`Verdicts::place`], [`Verdicts::product_id`]) and
//! whether an error ended the reading ([`Verdicts::stopped`]). A stream cannot refuse a
//! product id read twice; [`DuplicateIds`] finds them, with a fingerprint per id. [`Source::verdicts`] gives each full [`Verdict`] (the exact path);
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
use crate::product::{CsvRows, Encoding, JsonRows, Product, RowView};
use crate::verdict::{Summary, Verdict};
use crate::Engine;

pub use crate::product::Place;
pub use parallel::{Parallel, ParallelRows};

mod parallel;

/// Where the products come from.
enum Rows<R> {
    Csv(CsvRows<R>),
    Json(JsonRows<R>),
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
        let rows = CsvRows::with_encoding(reader, limits, encoding)?
            .keep_named(
                engine
                    .indicator_names()
                    .map(|(id, names)| (id, names.zh.as_deref())),
            )?
            .keep_attributes(engine.attribute_ids());
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
        let rows = CsvRows::xlsx(workbook, limits, sheet)?
            .keep_named(
                engine
                    .indicator_names()
                    .map(|(id, names)| (id, names.zh.as_deref())),
            )?
            .keep_attributes(engine.attribute_ids());
        Ok(Source {
            rows: Rows::Csv(rows),
        })
    }

    /// A products JSON array of `{ "id", "values" }`, read one entry at a time
    /// ([`JsonRows::array`]: entries within [`Limits::row_bytes`] and [`Limits::nesting`]);
    /// only the values keyed by an indicator of `engine` are read. The opening `[` is read
    /// here.
    ///
    /// # Errors
    ///
    /// When the input is empty, cannot be read or is not a JSON array.
    pub fn json(reader: R, engine: &Engine, limits: &Limits) -> Result<Source<R>, Error> {
        let rows = JsonRows::array(reader, limits)?
            .keep_only(engine.indicator_ids())
            .keep_attributes(engine.attribute_ids());
        Ok(Source {
            rows: Rows::Json(rows),
        })
    }

    /// Products as JSON Lines, one `{ "id", "values" }` object per line ([`JsonRows::lines`]);
    /// blank lines are skipped, faults placed by line.
    ///
    /// # Errors
    ///
    /// When the input is empty, cannot be read or is a JSON array.
    pub fn json_lines(reader: R, engine: &Engine, limits: &Limits) -> Result<Source<R>, Error> {
        let rows = JsonRows::lines(reader, limits)?
            .keep_only(engine.indicator_ids())
            .keep_attributes(engine.attribute_ids());
        Ok(Source {
            rows: Rows::Json(rows),
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
            reader: Reader::new(self.rows),
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
            reader: Reader::new(self.rows),
            fast,
        }
    }
}

/// The rows, and what is known of the one read last.
struct Reader<R> {
    rows: Rows<R>,
    place: Option<Place>,
    /// The CSV reader's record is the last row's (not a row it refused).
    record: bool,
}

impl<R: Read> Reader<R> {
    fn new(rows: Rows<R>) -> Reader<R> {
        Reader {
            rows,
            place: None,
            record: false,
        }
    }

    /// The next product; an error names its place.
    fn next_product(&mut self) -> Option<Result<Product, Error>> {
        if let Rows::Json(json) = &mut self.rows {
            let item = json.next();
            self.place = json.place();
            return item;
        }
        let line = self.csv_advance()?;
        let Rows::Csv(csv) = &self.rows else {
            return None;
        };
        Some(line.and_then(|line| {
            csv.to_product()
                .map_err(|e| e.place(csv.place(line).text()))
        }))
    }

    /// Advances the CSV reader: the line of the row read, or the error of a row it refused.
    fn csv_advance(&mut self) -> Option<Result<u64, Error>> {
        let Rows::Csv(csv) = &mut self.rows else {
            return None;
        };
        let item = csv.advance()?;
        self.record = item.is_ok();
        self.place = item.as_ref().ok().map(|&line| csv.place(line));
        Some(item)
    }

    fn product_id(&self) -> Option<&str> {
        match &self.rows {
            Rows::Csv(csv) if self.record => csv.id().ok(),
            Rows::Csv(_) => None,
            Rows::Json(json) => json.product_id(),
        }
    }

    fn stopped(&self) -> bool {
        match &self.rows {
            Rows::Csv(csv) => csv.stopped(),
            Rows::Json(json) => json.stopped(),
        }
    }
}

/// Judges a product on the exact path; an error names the place.
fn judge(
    engine: &Engine,
    place: Option<Place>,
    product: Result<Product, Error>,
) -> Result<Verdict, Error> {
    let product = product?;
    engine.evaluate(&product).map_err(|e| match place {
        Some(place) => e.place(place.text()),
        None => e,
    })
}

/// The full verdicts of a [`Source`], in input order.
pub struct Verdicts<'e, R> {
    engine: &'e Engine,
    reader: Reader<R>,
}

impl<R: Read> Verdicts<'_, R> {
    /// The place of the row yielded last (`None` for a row the CSV reader could not split,
    /// whose error names its place).
    pub fn place(&self) -> Option<Place> {
        self.reader.place
    }

    /// The product id of the row yielded last, when it could be read: also for an error, so
    /// that its row can name the product.
    pub fn product_id(&self) -> Option<&str> {
        self.reader.product_id()
    }

    /// True when the error yielded last was a fault of the file that ended the reading (a CSV
    /// row beyond [`Limits::row_bytes`], a JSON array cut short or followed by text, a read
    /// that failed): the rows after it were never read.
    pub fn stopped(&self) -> bool {
        self.reader.stopped()
    }
}

impl<R: Read> Iterator for Verdicts<'_, R> {
    type Item = Result<Verdict, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let product = self.reader.next_product()?;
        Some(judge(self.engine, self.reader.place, product))
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
        // A declared attribute's value is checked on the exact path.
        if engine.attribute_ids().next().is_some() {
            return None;
        }
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
    fn summary(&mut self, engine: &Engine, rows: &RowView<'_>) -> Option<Summary> {
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
            schema_version: crate::verdict::SchemaVersion::CURRENT,
            product: id.to_owned(),
            class,
            decided_by: f
                .decided_by(class, &self.outcomes)
                .map(str::to_owned)
                .collect(),
            exceeding_weight: f.exceeding_weight(&self.outcomes),
            core_weight: engine.core_weight(),
            outcomes: self.outcomes.iter().map(|o| o.outcome).collect(),
            bands: if f.banded() {
                self.outcomes
                    .iter()
                    .enumerate()
                    .map(|(i, o)| o.band.and_then(|b| f.band_when(i, b)).map(str::to_owned))
                    .collect()
            } else {
                Vec::new()
            },
            tier_reached: crate::verdict::tiers(
                self.outcomes.iter().map(|o| o.tier_reached).collect(),
            ),
            // Normalized, as `Summary::of` gives them: the fast path holds values at the
            // indicator's scale (0.4000 where the verdict says 0.40).
            margins: crate::verdict::margins(
                self.outcomes
                    .iter()
                    .map(|o| o.margin().map(|m| m.normalize()))
                    .collect(),
            ),
        })
    }
}

/// The summaries of a [`Source`], in input order.
pub struct Summaries<'e, R> {
    engine: &'e Engine,
    reader: Reader<R>,
    fast: Option<Fast>,
}

impl<R: Read> Summaries<'_, R> {
    /// As [`Verdicts::place`].
    pub fn place(&self) -> Option<Place> {
        self.reader.place
    }

    /// As [`Verdicts::product_id`].
    pub fn product_id(&self) -> Option<&str> {
        self.reader.product_id()
    }

    /// As [`Verdicts::stopped`].
    pub fn stopped(&self) -> bool {
        self.reader.stopped()
    }
}

impl<R: Read> Iterator for Summaries<'_, R> {
    type Item = Result<Summary, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.fast.is_some() {
            let line = match self.reader.csv_advance()? {
                Ok(line) => line,
                Err(e) => return Some(Err(e)),
            };
            if let (Rows::Csv(csv), Some(fast)) = (&self.reader.rows, &mut self.fast) {
                if let Some(summary) = fast.summary(self.engine, &csv.view()) {
                    return Some(Ok(summary));
                }
                let product = csv
                    .to_product()
                    .map_err(|e| e.place(csv.place(line).text()));
                let verdict = judge(self.engine, self.reader.place, product);
                return Some(verdict.map(|v| Summary::of(&v)));
            }
        }
        let product = self.reader.next_product()?;
        let verdict = judge(self.engine, self.reader.place, product);
        Some(verdict.map(|v| Summary::of(&v)))
    }
}

/// What [`DuplicateIds::check`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Seen {
    /// The id is new; it is remembered.
    First,
    /// The id was read before, at this place.
    Again(Place),
    /// The id is not among those remembered, and the tracker is full (or the place lies
    /// beyond what it records): it is not remembered, so a later copy of it goes unnoticed.
    Unchecked,
}

/// Finds product ids read twice in a stream, which cannot refuse them (the first was judged
/// and written before the second is read), with bounded memory: per id a 96-bit fingerprint
/// (two SipHash values with random keys) and its place, 16 bytes in a table that doubles from
/// 4 096 slots as ids arrive (at most three quarters full) up to `4/3 × cap` slots rounded up
/// to a power of two, never the id itself. The first [`DuplicateIds::DEFAULT_CAP`] ids
/// (1 500 000: at most 2²¹ slots, 32 MiB, and 48 MiB for the moment the table last doubles,
/// at 786 432 ids) are remembered by default; later ids are checked against those, not
/// against each other. Places are kept for
/// lines and entries below 2³¹. Two different ids share a fingerprint with a chance of about
/// n²/2⁹⁷ (10⁻¹⁷ for 1.5 M ids).
///
/// ```
/// use duibiao::stream::{DuplicateIds, Place, Seen};
///
/// let mut ids = DuplicateIds::new();
/// assert_eq!(ids.check("P1", Place::Line(2)), Seen::First);
/// assert_eq!(ids.check("P2", Place::Line(3)), Seen::First);
/// assert_eq!(ids.check("P1", Place::Line(7)), Seen::Again(Place::Line(2)));
/// ```
pub struct DuplicateIds {
    /// Per slot: three words of fingerprint and the place (0 for an empty slot).
    slots: Vec<[u32; 4]>,
    keys: std::collections::hash_map::RandomState,
    cap: usize,
    count: usize,
}

impl Default for DuplicateIds {
    fn default() -> Self {
        DuplicateIds::new()
    }
}

impl DuplicateIds {
    /// The number of ids remembered by default.
    pub const DEFAULT_CAP: usize = 1_500_000;

    /// A tracker remembering the first [`DuplicateIds::DEFAULT_CAP`] ids. Its table is
    /// allocated on the first check and grows with the ids.
    pub fn new() -> DuplicateIds {
        DuplicateIds::with_cap(DuplicateIds::DEFAULT_CAP)
    }

    /// A tracker remembering the first `cap` ids, in about `16 × 4/3 × cap` bytes.
    pub fn with_cap(cap: usize) -> DuplicateIds {
        DuplicateIds {
            slots: Vec::new(),
            keys: std::collections::hash_map::RandomState::new(),
            cap,
            count: 0,
        }
    }

    /// The number of ids it remembers at most.
    pub fn cap(&self) -> usize {
        self.cap
    }

    /// True once `cap` ids are remembered: new ids are no longer remembered.
    pub fn is_full(&self) -> bool {
        self.count >= self.cap
    }

    /// Checks the id of the product read at `place`, and remembers it if it is new and there
    /// is room.
    pub fn check(&mut self, id: &str, place: Place) -> Seen {
        use std::hash::{BuildHasher, Hasher};
        // Two SipHash values: of the id, and of the id followed by one more byte. The low bits
        // of the second choose the slot; 96 bits are kept.
        let mut h = self.keys.build_hasher();
        h.write(id.as_bytes());
        let a = h.finish();
        h.write_u8(0xff);
        let b = h.finish();
        let print = [(a >> 32) as u32, b as u32, (b >> 32) as u32];
        let code = encode(place).filter(|_| self.count < self.cap);
        if code.is_some() {
            self.grow();
        }
        if self.slots.is_empty() {
            return Seen::Unchecked;
        }
        let k = probe(&self.slots, print);
        match self.slots.get_mut(k) {
            Some(slot) if slot[3] != 0 => decode(slot[3]).map_or(Seen::Unchecked, Seen::Again),
            Some(slot) => match code {
                Some(code) => {
                    *slot = [print[0], print[1], print[2], code];
                    self.count += 1;
                    Seen::First
                }
                None => Seen::Unchecked,
            },
            None => Seen::Unchecked,
        }
    }

    /// Makes room for one more id: the table doubles (from 4 096 slots) when it would be more
    /// than three quarters full, up to `4/3 × cap` rounded up to a power of two.
    fn grow(&mut self) {
        let largest = self
            .cap
            .saturating_add(self.cap / 3)
            .max(16)
            .checked_next_power_of_two()
            .unwrap_or(1 << 30);
        let size = self.slots.len();
        if size >= largest || self.count.saturating_add(1) <= size / 4 * 3 {
            return;
        }
        let size = if size == 0 {
            4096.min(largest)
        } else {
            size * 2
        };
        let mut slots = vec![[0u32; 4]; size];
        for slot in self.slots.iter().filter(|s| s[3] != 0) {
            let k = probe(&slots, [slot[0], slot[1], slot[2]]);
            if let Some(free) = slots.get_mut(k) {
                *free = *slot;
            }
        }
        self.slots = slots;
    }
}

/// The slot holding `print`, or the empty slot where it would go (linear probing from the slot
/// its low bits choose). The table is never full, so the probe ends.
fn probe(slots: &[[u32; 4]], print: [u32; 3]) -> usize {
    let mask = slots.len().saturating_sub(1);
    let mut k = (print[1] as usize) & mask;
    for _ in 0..slots.len() {
        match slots.get(k) {
            Some(slot) if slot[3] != 0 && slot[..3] != print => k = (k + 1) & mask,
            _ => break,
        }
    }
    k
}

/// A place in 31 bits and a tag: a line (1 ≤ n < 2³¹) or an entry (0 ≤ i < 2³¹ − 1); 0 is
/// no place.
fn encode(place: Place) -> Option<u32> {
    const TAG: u32 = 1 << 31;
    match place {
        // A workbook's row is kept as its number: a source is all lines or all rows, so the
        // warning's "line" is the sheet's row.
        Place::Line(n) | Place::Row(n) => u32::try_from(n).ok().filter(|&n| n > 0 && n < TAG),
        Place::Entry(i) => u32::try_from(i)
            .ok()
            .and_then(|i| i.checked_add(1))
            .filter(|&i| i < TAG)
            .map(|i| i | TAG),
    }
}

fn decode(code: u32) -> Option<Place> {
    const TAG: u32 = 1 << 31;
    match code {
        0 => None,
        c if c & TAG == 0 => Some(Place::Line(u64::from(c))),
        c => (c & !TAG)
            .checked_sub(1)
            .and_then(|i| usize::try_from(i).ok())
            .map(Place::Entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_kept_in_31_bits() {
        for place in [
            Place::Line(1),
            Place::Line((1 << 31) - 1),
            Place::Entry(0),
            Place::Entry((1 << 31) - 2),
        ] {
            assert_eq!(encode(place).and_then(decode), Some(place));
        }
        for place in [
            Place::Line(0),
            Place::Line(1 << 31),
            Place::Entry((1 << 31) - 1),
        ] {
            assert_eq!(encode(place), None);
        }
    }

    #[test]
    fn the_table_doubles_as_ids_arrive() {
        let mut ids = DuplicateIds::with_cap(100_000);
        assert!(ids.slots.is_empty());
        ids.check("P0", Place::Line(2));
        assert_eq!(ids.slots.len(), 4096);
        for i in 1..3072u64 {
            ids.check(&format!("P{i}"), Place::Line(i + 2));
        }
        assert_eq!(ids.slots.len(), 4096);
        assert_eq!(ids.check("P3072", Place::Line(3074)), Seen::First);
        assert_eq!(ids.slots.len(), 8192);
        // Every id is found again after the doubling, with its place.
        for i in 0..=3072u64 {
            assert_eq!(
                ids.check(&format!("P{i}"), Place::Line(1)),
                Seen::Again(Place::Line(i + 2))
            );
        }
        for i in 3073..100_000u64 {
            ids.check(&format!("P{i}"), Place::Line(i + 2));
        }
        // 100 000 ids: 262 144 slots (4/3 × 100 000, rounded up to a power of two), 4 MiB.
        assert_eq!(ids.slots.len(), 262_144);
        assert!(ids.is_full());
    }

    #[test]
    fn duplicates_are_found_up_to_the_cap() {
        let mut ids = DuplicateIds::with_cap(1000);
        for i in 0..1000u64 {
            assert_eq!(ids.check(&format!("P{i}"), Place::Line(i + 2)), Seen::First);
        }
        assert!(ids.is_full());
        // A table of 2048 slots for 1000 ids, never more.
        assert_eq!(ids.slots.len(), 2048);
        // Later ids: checked against the first 1000, never remembered.
        assert_eq!(
            ids.check("P7", Place::Line(5000)),
            Seen::Again(Place::Line(9))
        );
        assert_eq!(ids.check("Q1", Place::Line(5001)), Seen::Unchecked);
        assert_eq!(ids.check("Q1", Place::Line(5002)), Seen::Unchecked);
        // Entries of a JSON array are told apart from lines.
        let mut ids = DuplicateIds::with_cap(10);
        assert_eq!(ids.check("P1", Place::Entry(0)), Seen::First);
        assert_eq!(
            ids.check("P1", Place::Entry(3)),
            Seen::Again(Place::Entry(0))
        );
        // A place beyond 31 bits is not remembered, but still checked.
        assert_eq!(ids.check("P2", Place::Line(1 << 40)), Seen::Unchecked);
        assert_eq!(
            ids.check("P1", Place::Line(1 << 40)),
            Seen::Again(Place::Entry(0))
        );
        // Ids differing in one byte, or empty, are different.
        assert_eq!(ids.check("", Place::Line(1)), Seen::First);
        assert_eq!(ids.check("P10", Place::Line(2)), Seen::First);
        assert_eq!(ids.check("P1 ", Place::Line(3)), Seen::First);
    }
}
