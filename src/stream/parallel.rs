//! Judging a stream's rows on several threads, in input order.
//!
//! The reading stays on the caller's thread: a CSV row is split into its cells there (a JSON
//! entry parsed into its product), and the rows are sent in chunks to the judging threads,
//! which check and read each row's values and judge it (the fast path's summary or the exact
//! verdict). The results come back chunk by chunk and are yielded in input order, each with the
//! place, product id and `stopped` flag the sequential iterators give: the same rows, the same
//! errors. At most [`Parallel::in_flight`] chunks are read ahead, so memory stays bounded
//! whatever the input's size.

use std::collections::BTreeMap;
use std::io::Read;
use std::num::NonZeroUsize;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::{judge, Fast, Rows, Source};
use crate::error::Error;
use crate::product::Place;
use crate::product::{CsvRow, Product, RowShape};
use crate::verdict::{Summary, Verdict};
use crate::Engine;

/// How a stream is judged on several threads: how many judging threads, how many rows a
/// chunk holds.
///
/// ```
/// use std::num::NonZeroUsize;
/// use duibiao::stream::Parallel;
///
/// let two = Parallel::new(NonZeroUsize::new(2).unwrap());
/// assert_eq!((two.threads(), two.chunk(), two.in_flight()), (2, 256, 6));
/// assert!(Parallel::available().threads() >= 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parallel {
    threads: NonZeroUsize,
    chunk: NonZeroUsize,
}

impl Parallel {
    /// Rows per chunk by default.
    pub const CHUNK: usize = 256;

    /// `threads` judging threads, chunks of [`Parallel::CHUNK`] rows.
    pub fn new(threads: NonZeroUsize) -> Parallel {
        Parallel {
            threads,
            chunk: NonZeroUsize::new(Parallel::CHUNK).unwrap_or(NonZeroUsize::MIN),
        }
    }

    /// One judging thread per core ([`std::thread::available_parallelism`]; one when it is
    /// not known).
    pub fn available() -> Parallel {
        Parallel::new(std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN))
    }

    /// Chunks of `rows` rows.
    pub fn chunk_rows(self, rows: NonZeroUsize) -> Parallel {
        Parallel {
            chunk: rows,
            ..self
        }
    }

    /// The number of judging threads.
    pub fn threads(&self) -> usize {
        self.threads.get()
    }

    /// The rows of a chunk.
    pub fn chunk(&self) -> usize {
        self.chunk.get()
    }

    /// The chunks read and not yet yielded, at most: `2 × threads + 2` (every thread busy
    /// with one while the next waits, and the one being yielded).
    pub fn in_flight(&self) -> usize {
        self.threads().saturating_mul(2).saturating_add(2)
    }
}

impl<R: Read> Source<R> {
    /// The full verdict of each product ([`Source::verdicts`]), judged on the threads of
    /// `parallel` and yielded in input order: the same verdicts and errors, with the same
    /// places, product ids and [`ParallelRows::stopped`].
    ///
    /// ```
    /// use std::num::NonZeroUsize;
    /// use duibiao::stream::{Parallel, Source};
    /// use duibiao::{Limits, Plan};
    ///
    /// let plan = Plan::from_toml_str(r#"
    /// schema_version = 1
    /// category = { en = "smart toilet" }
    /// [[standards]]
    /// code = "T/CZGX 001-2022"
    /// role = "benchmark"
    /// [[indicators]]
    /// id = "flush-water"
    /// unit = "L"
    /// direction = "lower-is-better"
    /// requirements = { "T/CZGX 001-2022" = "≤ 4.0 L" }
    /// "#)?;
    /// let engine = plan.compile()?;
    /// let mut csv = String::from("id,flush-water\n");
    /// for i in 0..1000 {
    ///     csv.push_str(&format!("P{i},{}\n", if i == 500 { "abc".to_owned() } else { format!("3.{}", i % 10) }));
    /// }
    /// let limits = Limits::default();
    /// let sequential: Vec<_> = Source::csv(csv.as_bytes(), &engine, &limits)?
    ///     .verdicts(&engine)
    ///     .map(|v| v.map_err(|e| e.to_string()))
    ///     .collect();
    /// let parallel = Parallel::new(NonZeroUsize::new(2).unwrap()).chunk_rows(NonZeroUsize::new(7).unwrap());
    /// let mut rows = Source::csv(csv.as_bytes(), &engine, &limits)?.verdicts_parallel(&engine, parallel);
    /// let mut ids = Vec::new();
    /// let mut verdicts = Vec::new();
    /// while let Some(v) = rows.next() {
    ///     ids.push(rows.product_id().map(str::to_owned));
    ///     verdicts.push(v.map_err(|e| e.to_string()));
    /// }
    /// assert_eq!(verdicts, sequential);
    /// assert_eq!(ids[500].as_deref(), Some("P500"));
    /// assert!(verdicts[500].as_ref().unwrap_err().starts_with("line 502: product \"P500\""));
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    pub fn verdicts_parallel(
        self,
        engine: &Engine,
        parallel: Parallel,
    ) -> ParallelRows<R, Verdict> {
        ParallelRows::start(self.rows, engine, parallel, |_, _| Exact)
    }

    /// The summary of each product ([`Source::summaries`]: the fast path where it holds),
    /// judged on the threads of `parallel` and yielded in input order, as
    /// [`Source::verdicts_parallel`] does.
    pub fn summaries_parallel(
        self,
        engine: &Engine,
        parallel: Parallel,
    ) -> ParallelRows<R, Summary> {
        ParallelRows::start(self.rows, engine, parallel, |engine, shape| Summarize {
            fast: shape.and_then(|shape| Fast::new(engine, shape.columns())),
        })
    }
}

/// A row as read, to be judged on a judging thread.
enum Item {
    /// A CSV row split into its cells, at its place: its values are read where it is judged.
    Cells(Place, CsvRow),
    /// A product read (a JSON entry), or a row the reader refused.
    Read(Result<Product, Error>),
}

/// A row as read, with what the reader knew of it.
struct Entry {
    item: Item,
    place: Option<Place>,
    /// The product id, when the reader knows it (JSON); a CSV row's is read from its cells.
    id: Option<String>,
    stopped: bool,
}

/// A row judged, with its place, product id and whether its error stopped the reading.
struct Judged<T> {
    result: Result<T, Error>,
    place: Option<Place>,
    id: Option<String>,
    stopped: bool,
}

/// A chunk of rows to judge.
struct Job {
    seq: u64,
    rows: Vec<Entry>,
}

/// What a judging thread sends back.
enum Done<T> {
    /// The chunk `seq` judged, and the buffers of its CSV rows for reuse.
    Chunk {
        seq: u64,
        judged: Vec<Judged<T>>,
        spare: Vec<CsvRow>,
        rows: Vec<Entry>,
    },
    /// Judging a row panicked (a defect): the panic is resumed on the caller's thread, as the
    /// sequential iterators would let it go.
    Panicked(Box<dyn std::any::Any + Send>),
}

/// How a judging thread judges a row into a `T`.
trait Judge<T>: Send + 'static {
    /// A CSV row's values read from its cells and judged.
    fn cells(
        &mut self,
        engine: &Engine,
        shape: &RowShape,
        place: Place,
        row: &CsvRow,
    ) -> Result<T, Error>;
    /// A product read (or a row refused) judged.
    fn read(
        &mut self,
        engine: &Engine,
        place: Option<Place>,
        product: Result<Product, Error>,
    ) -> Result<T, Error>;
}

/// The full verdict, on the exact path.
struct Exact;

impl Judge<Verdict> for Exact {
    fn cells(
        &mut self,
        engine: &Engine,
        shape: &RowShape,
        place: Place,
        row: &CsvRow,
    ) -> Result<Verdict, Error> {
        let product = shape
            .view(row)
            .to_product()
            .map_err(|e| e.place(place.text()));
        judge(engine, Some(place), product)
    }

    fn read(
        &mut self,
        engine: &Engine,
        place: Option<Place>,
        product: Result<Product, Error>,
    ) -> Result<Verdict, Error> {
        judge(engine, place, product)
    }
}

/// The summary: from the fast path where it holds, else from the exact verdict.
struct Summarize {
    fast: Option<Fast>,
}

impl Judge<Summary> for Summarize {
    fn cells(
        &mut self,
        engine: &Engine,
        shape: &RowShape,
        place: Place,
        row: &CsvRow,
    ) -> Result<Summary, Error> {
        let view = shape.view(row);
        if let Some(summary) = self.fast.as_mut().and_then(|f| f.summary(engine, &view)) {
            return Ok(summary);
        }
        let product = view.to_product().map_err(|e| e.place(place.text()));
        judge(engine, Some(place), product).map(|v| Summary::of(&v))
    }

    fn read(
        &mut self,
        engine: &Engine,
        place: Option<Place>,
        product: Result<Product, Error>,
    ) -> Result<Summary, Error> {
        judge(engine, place, product).map(|v| Summary::of(&v))
    }
}

/// A judging thread: takes chunks until the channel closes, sends each chunk's rows judged.
fn work<T, J: Judge<T>>(
    engine: &Engine,
    shape: &RowShape,
    mut judge: J,
    jobs: &Mutex<mpsc::Receiver<Job>>,
    done: &mpsc::Sender<Done<T>>,
) {
    loop {
        // The lock is held only while waiting for the next chunk.
        let job = match jobs.lock() {
            Ok(jobs) => jobs.recv(),
            Err(_) => return,
        };
        let Ok(Job { seq, mut rows }) = job else {
            return;
        };
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut judged = Vec::with_capacity(rows.len());
            let mut spare = Vec::new();
            for read in rows.drain(..) {
                let (result, id) = match read.item {
                    Item::Cells(place, row) => {
                        let result = judge.cells(engine, shape, place, &row);
                        let id = shape.view(&row).id().ok().map(str::to_owned);
                        spare.push(row);
                        (result, id)
                    }
                    Item::Read(product) => (judge.read(engine, read.place, product), read.id),
                };
                judged.push(Judged {
                    result,
                    place: read.place,
                    id,
                    stopped: read.stopped,
                });
            }
            (judged, spare)
        }));
        let message = match run {
            Ok((judged, spare)) => Done::Chunk {
                seq,
                judged,
                spare,
                rows,
            },
            Err(panic) => Done::Panicked(panic),
        };
        if done.send(message).is_err() {
            return;
        }
    }
}

/// The rows of a [`Source`] judged on several threads ([`Source::verdicts_parallel`],
/// [`Source::summaries_parallel`]), in input order. Dropping it stops the reading; the
/// judging threads end with the chunk they hold.
pub struct ParallelRows<R, T> {
    rows: Rows<R>,
    jobs: Option<mpsc::Sender<Job>>,
    done: mpsc::Receiver<Done<T>>,
    threads: Vec<JoinHandle<()>>,
    chunk: usize,
    in_flight: usize,
    /// The next chunk to send, and the next to yield.
    sent: u64,
    next: u64,
    /// Chunks judged ahead of the one to yield.
    waiting: BTreeMap<u64, Vec<Judged<T>>>,
    current: std::vec::IntoIter<Judged<T>>,
    /// The reading ended (the end of the input, or a fault that stopped it).
    ended: bool,
    /// Buffers for reuse: CSV rows' cells, and chunks.
    spare: Vec<CsvRow>,
    free: Vec<Vec<Entry>>,
    /// What is known of the row yielded last.
    place: Option<Place>,
    id: Option<String>,
    stopped: bool,
}

impl<R: Read, T: Send + 'static> ParallelRows<R, T> {
    fn start<J: Judge<T>>(
        rows: Rows<R>,
        engine: &Engine,
        parallel: Parallel,
        judge: impl Fn(&Engine, Option<&RowShape>) -> J,
    ) -> ParallelRows<R, T> {
        // A JSON source sends no cells: its shape is empty.
        let csv = match &rows {
            Rows::Csv(csv) => Some(csv.shape()),
            Rows::Json(_) => None,
        };
        let judges: Vec<J> = (0..parallel.threads())
            .map(|_| judge(engine, csv.as_ref()))
            .collect();
        let shape = Arc::new(csv.unwrap_or_default());
        let engine = Arc::new(engine.clone());
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let (done, results) = mpsc::channel::<Done<T>>();
        let threads = judges
            .into_iter()
            .map(|judge| {
                let engine = Arc::clone(&engine);
                let shape = Arc::clone(&shape);
                let queue = Arc::clone(&queue);
                let done = done.clone();
                std::thread::spawn(move || work(&engine, &shape, judge, &queue, &done))
            })
            .collect();
        ParallelRows {
            rows,
            jobs: Some(jobs),
            done: results,
            threads,
            chunk: parallel.chunk(),
            in_flight: parallel.in_flight(),
            sent: 0,
            next: 0,
            waiting: BTreeMap::new(),
            current: Vec::new().into_iter(),
            ended: false,
            spare: Vec::new(),
            free: Vec::new(),
            place: None,
            id: None,
            stopped: false,
        }
    }

    /// As [`Verdicts::place`](super::Verdicts::place).
    pub fn place(&self) -> Option<Place> {
        self.place
    }

    /// As [`Verdicts::product_id`](super::Verdicts::product_id).
    pub fn product_id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// As [`Verdicts::stopped`](super::Verdicts::stopped).
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// Reads the next chunk of rows; an empty chunk at the end of the reading.
    fn read_chunk(&mut self) -> Vec<Entry> {
        let mut chunk = self.free.pop().unwrap_or_default();
        chunk.reserve(self.chunk);
        while chunk.len() < self.chunk {
            let read = match &mut self.rows {
                Rows::Csv(csv) => match csv.advance() {
                    None => None,
                    Some(Ok(line)) => {
                        let place = csv.place(line);
                        let mut row = self.spare.pop().unwrap_or_default();
                        csv.swap_row(&mut row);
                        Some(Entry {
                            item: Item::Cells(place, row),
                            place: Some(place),
                            id: None,
                            stopped: false,
                        })
                    }
                    Some(Err(e)) => Some(Entry {
                        item: Item::Read(Err(e)),
                        place: None,
                        id: None,
                        stopped: csv.stopped(),
                    }),
                },
                Rows::Json(json) => json.next().map(|product| Entry {
                    item: Item::Read(product),
                    place: json.place(),
                    id: json.product_id().map(str::to_owned),
                    stopped: json.stopped(),
                }),
            };
            match read {
                Some(read) => {
                    let stopped = read.stopped;
                    chunk.push(read);
                    if stopped {
                        self.ended = true;
                        break;
                    }
                }
                None => {
                    self.ended = true;
                    break;
                }
            }
        }
        chunk
    }

    /// Sends chunks until [`Parallel::in_flight`] are read ahead or the reading ends.
    fn fill(&mut self) {
        while !self.ended && self.sent - self.next < self.in_flight as u64 {
            let rows = self.read_chunk();
            if rows.is_empty() {
                self.free.push(rows);
                break;
            }
            let sent = self.jobs.as_ref().is_some_and(|jobs| {
                jobs.send(Job {
                    seq: self.sent,
                    rows,
                })
                .is_ok()
            });
            if !sent {
                // Every judging thread is gone: nothing more can be judged.
                self.ended = true;
                break;
            }
            self.sent += 1;
        }
    }
}

impl<R: Read, T: Send + 'static> Iterator for ParallelRows<R, T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(judged) = self.current.next() {
                self.place = judged.place;
                self.id = judged.id;
                self.stopped = judged.stopped;
                return Some(judged.result);
            }
            self.fill();
            if self.next == self.sent {
                return None;
            }
            let judged = loop {
                if let Some(judged) = self.waiting.remove(&self.next) {
                    break judged;
                }
                match self.done.recv() {
                    Ok(Done::Chunk {
                        seq,
                        judged,
                        spare,
                        rows,
                    }) => {
                        self.spare.extend(spare);
                        self.free.push(rows);
                        self.waiting.insert(seq, judged);
                    }
                    Ok(Done::Panicked(panic)) => std::panic::resume_unwind(panic),
                    // Every judging thread is gone without a word: cannot be, as each
                    // answers every chunk or its panic.
                    Err(_) => return None,
                }
            };
            self.next += 1;
            self.current = judged.into_iter();
        }
    }
}

impl<R, T> Drop for ParallelRows<R, T> {
    fn drop(&mut self) {
        // Closing the channel ends every judging thread once it has answered its chunk.
        self.jobs = None;
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        crate::Plan::from_toml_str(
            r#"
schema_version = 1
category = { en = "smart toilet" }
[[standards]]
code = "T/CZGX 001-2022"
role = "benchmark"
[[indicators]]
id = "flush-water"
unit = "L"
direction = "lower-is-better"
requirements = { "T/CZGX 001-2022" = "≤ 4.0 L" }
"#,
        )
        .and_then(|plan| plan.compile())
        .unwrap()
    }

    fn products(n: usize) -> String {
        let mut text = String::from("id,flush-water\n");
        for i in 0..n {
            text.push_str(&format!("P{i},3.{}\n", i % 10));
        }
        text
    }

    fn two(chunk: usize) -> Parallel {
        Parallel::new(NonZeroUsize::new(2).unwrap()).chunk_rows(NonZeroUsize::new(chunk).unwrap())
    }

    /// Panics on the row of product `P7`.
    struct Panics;

    impl Judge<Verdict> for Panics {
        fn cells(
            &mut self,
            engine: &Engine,
            shape: &RowShape,
            place: Place,
            row: &CsvRow,
        ) -> Result<Verdict, Error> {
            if shape.view(row).id().ok() == Some("P7") {
                panic!("P7 panics");
            }
            Exact.cells(engine, shape, place, row)
        }

        fn read(
            &mut self,
            engine: &Engine,
            place: Option<Place>,
            product: Result<Product, Error>,
        ) -> Result<Verdict, Error> {
            Exact.read(engine, place, product)
        }
    }

    #[test]
    fn a_panic_while_judging_reaches_the_caller_and_nothing_hangs() {
        let engine = engine();
        let text = products(10_000);
        let limits = crate::Limits::default();
        let source = Source::csv(text.as_bytes(), &engine, &limits).unwrap();
        let mut rows = ParallelRows::start(source.rows, &engine, two(3), |_, _| Panics);
        let mut seen = 0;
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            for row in rows.by_ref() {
                assert!(row.is_ok());
                seen += 1;
            }
        }));
        let panic = caught.unwrap_err();
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"P7 panics"));
        // The rows of the chunks before it were yielded; the rest never are.
        assert_eq!(seen, 6);
        drop(rows);
    }

    #[test]
    fn dropping_the_rows_early_ends_the_threads() {
        let engine = engine();
        let text = products(50_000);
        let limits = crate::Limits::default();
        let source = Source::csv(text.as_bytes(), &engine, &limits).unwrap();
        let mut rows = source.summaries_parallel(&engine, two(16));
        assert!(rows.next().is_some_and(|r| r.is_ok()));
        assert_eq!(rows.product_id(), Some("P0"));
        assert_eq!(rows.place(), Some(Place::Line(2)));
        // At most the chunks in flight were read: 2 × 2 + 2 chunks of 16 rows.
        assert!(rows.sent <= 6, "{}", rows.sent);
        drop(rows);
    }

    #[test]
    fn an_empty_source_yields_nothing() {
        let engine = engine();
        let limits = crate::Limits::default();
        let text = products(0);
        let source = Source::csv(text.as_bytes(), &engine, &limits).unwrap();
        let mut rows = source.verdicts_parallel(&engine, two(4));
        assert!(rows.next().is_none());
        assert!(rows.next().is_none());
        assert!(!rows.stopped() && rows.place().is_none());
    }
}
