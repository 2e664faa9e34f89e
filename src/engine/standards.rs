//! Standards as subjects: the plan's subject standard (执行标准) and the enterprise standards of
//! a category (企业标准"领跑者"), each judged by its requirement per indicator with the same
//! decision table and the same class rule as products.

use std::collections::BTreeMap;

use super::evaluate::{How, Input};
use super::{CompiledIndicator, Engine, Requirement};
use crate::decision::Method;
use crate::error::msg::{
    PLACE_COLUMN, PLACE_INDICATOR, PLACE_LINE, PLACE_STANDARD, PLACE_STANDARDS,
};
use crate::error::{t, Error};
use crate::indicator::Direction;
use crate::limit::{ends_inside, ends_overlap, ends_strictness, Bound, Ends, Limit};
use crate::limits::Limits;
use crate::product::RowBound;
use crate::rounding::Mark;
use crate::standard::StandardCode;
use crate::verdict::{
    IndicatorVerdict, LevelRequirement, Outcome, StandardIndicatorVerdict, StandardOutcome,
    StandardVerdict, Verdict,
};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        HEADER = "header: {0}", "表头：{0}";
        FIRST_COLUMN = "the first column must be \"id\"", "第一列必须是 \"id\"";
        QUALITATIVE_NO_LIMIT = "limit \"{0}\": a qualitative indicator takes no limit (write \"合格\", \"pass\" or \"符合 <standard number>\", or leave it empty)",
            "限值 \"{0}\"：定性指标不设限值（请写 \"合格\"、\"pass\" 或 \"符合 <标准编号>\"，或留空）";
        QUALITATIVE_STATEMENT = "a qualitative indicator takes \"合格\", \"pass\" or \"符合 <standard number>\" (leave the cell empty where the standard does not state it)",
            "定性指标只接受 \"合格\"、\"pass\" 或 \"符合 <标准编号>\"（标准未规定时留空）";
        STATEMENT_CODE = "after \"符合\": {0}", "\"符合\" 之后：{0}";
        NUMERIC_NO_STATEMENT = "a numeric indicator takes a limit as a plan writes it (\"≤ 3.8 L\")",
            "数值型指标须写限值，写法与方案相同（\"≤ 3.8 L\"）";
        NO_GUARANTEE = "a requirement guarantees no value", "该要求不保证任何数值";
        ROW_CELLS = "{0} cells for {1} columns: a cell that holds a comma must be quoted (\"≤ 3.9 L\" in double quotes) or the comma removed",
            "有 {0} 个单元格，但只有 {1} 列：含逗号的单元格须加双引号，或去掉逗号";
        NO_SUBJECT = "the plan has no standard with role \"subject\" to compare",
            "方案中没有 role 为 \"subject\" 的标准（执行标准）可供对比";
    }
}

/// `standard "…": indicator "…"`, the place of a standard's requirement.
fn at_requirement<'a>(code: &'a str, indicator: &'a str) -> impl Fn(Error) -> Error + 'a {
    move |e| {
        e.place(t!(PLACE_INDICATOR, indicator))
            .place(t!(PLACE_STANDARD, code))
    }
}

/// What a standard states for one indicator ([`Requirements`]).
///
/// ```
/// use duibiao::engine::Stated;
///
/// assert!(matches!("≤ 3.8 L".parse::<Stated>()?, Stated::Limit(_)));
/// let Stated::Conforms { standard, .. } = "符合GB 4706.1—2005".parse::<Stated>()? else { panic!() };
/// assert_eq!(standard.unwrap().to_string(), "GB 4706.1-2005");
/// assert_eq!("合格".parse::<Stated>()?.to_string(), "合格");
/// assert!("符合 not a code".parse::<Stated>().is_err());
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Stated {
    /// A limit, as a plan writes it (`≤ 3.8 L`), for a numeric indicator.
    Limit(Limit),
    /// A qualitative requirement stated (`合格`, `pass`, `符合`, `required`, or `符合 GB 4706.1`
    /// naming the standard whose test it requires), for a qualitative indicator: a product
    /// made to the standard passes that test.
    Conforms {
        /// The word as written (`合格`), or `符合 <number>` with the number in canonical form.
        text: String,
        /// The standard number after `符合`, in canonical form.
        standard: Option<StandardCode>,
    },
}

impl Stated {
    /// A qualitative requirement, or `None` for text that is not one (a limit, or anything
    /// else): `pass`, `合格`, `符合`, `required`, or `符合 <standard number>`.
    ///
    /// # Errors
    ///
    /// When the text after `符合` is not a standard number.
    fn conforms(text: &str) -> Result<Option<Stated>, Error> {
        let text = text.trim();
        if PASS.contains(&text) {
            return Ok(Some(Stated::Conforms {
                text: text.to_owned(),
                standard: None,
            }));
        }
        let Some(number) = text.strip_prefix("符合") else {
            return Ok(None);
        };
        let code: StandardCode = number.trim().parse()?;
        Ok(Some(Stated::Conforms {
            text: format!("符合 {code}"),
            standard: Some(code),
        }))
    }
}

impl From<Limit> for Stated {
    fn from(limit: Limit) -> Self {
        Stated::Limit(limit)
    }
}

impl std::str::FromStr for Stated {
    type Err = Error;

    /// A qualitative requirement (`合格`, `符合 GB 4706.1`), else a limit.
    fn from_str(s: &str) -> Result<Self, Error> {
        match Stated::conforms(s)? {
            Some(stated) => Ok(stated),
            None => Ok(Stated::Limit(s.parse()?)),
        }
    }
}

impl std::fmt::Display for Stated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stated::Limit(limit) => limit.fmt(f),
            Stated::Conforms { text, .. } => f.write_str(text),
        }
    }
}

/// The requirements of one standard, by indicator id (`"flush-water" → ≤ 3.8 L`,
/// `"safety" → 合格`).
pub type Requirements = BTreeMap<String, Stated>;

/// Words a standards file may write for a qualitative indicator the standard requires.
const PASS: [&str; 4] = ["pass", "合格", "符合", "required"];

/// What a standard's requirement guarantees for one indicator.
enum Guarantee {
    /// The standard states no requirement.
    NotStated,
    /// Not compared: a qualitative indicator of the plan's subject standard.
    NotCompared,
    /// A qualitative indicator whose test the standard requires: it conforms.
    Conforms,
    /// The requirement has no end on a side it must be judged at (falls short, or is
    /// incomparable when `true`, with no margin).
    Unbounded(bool),
    /// The values to judge (the worse decides); incomparable with the level when `true`.
    Values(Vec<Input>, bool),
}

/// How one end of a requirement stands against the end the benchmark level states on that side.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Stricter,
    Equal,
    Looser,
}

/// The lower end of `a` against the level's lower end `b` (`above`), or the upper ends.
fn side(a: Option<Bound>, b: Bound, above: bool) -> Side {
    let half = |x: Bound| {
        if above {
            (Some(x), None)
        } else {
            (None, Some(x))
        }
    };
    let Some(a) = a else {
        return Side::Looser;
    };
    match (
        ends_inside(&half(a), &half(b)),
        ends_inside(&half(b), &half(a)),
    ) {
        (true, true) => Side::Equal,
        (true, false) => Side::Stricter,
        _ => Side::Looser,
    }
}

/// The tighter of two ends of one side (`above`: lower ends).
fn tighter(a: Option<Bound>, b: Option<Bound>, above: bool) -> Option<Bound> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if side(Some(y), x, above) == Side::Stricter {
            y
        } else {
            x
        }),
        (x, y) => x.or(y),
    }
}

/// The value a requirement's end guarantees, as a value with a mark: a closed end is the bound
/// itself; an open end lies just inside the bound (`< 4.0` guarantees "just below 4.0",
/// `4.0(−)`), so an open requirement equal to an open level meets it, and its margin is 0.
fn guaranteed(bound: Bound, above: bool) -> Input {
    let mark = match (bound.inclusive, above, bound.value.is_sign_negative()) {
        (true, ..) => None,
        // Marks speak of magnitudes: just above a negative bound is a smaller magnitude.
        (false, true, false) | (false, false, true) => Some(Mark::Plus),
        (false, true, true) | (false, false, false) => Some(Mark::Minus),
    };
    Input::Number {
        x: bound.value,
        mark,
    }
}

/// What a requirement guarantees against the benchmark level (the set of values a product at
/// the level's edge may take; `level` the level's set, every level requirement at once).
///
/// Each end the level states is compared with the requirement's end on that side: stricter,
/// equal or looser (no end there is looser). Stricter on one end and looser on the other is
/// incomparable; looser on an end (and nowhere stricter) falls short; otherwise the
/// requirement lies inside the level. The values judged are the ends the direction measures
/// from (the lower end for higher-is-better, the upper for lower-is-better, both for
/// nominal-is-best), and every looser end besides: the worse decides. An incomparable
/// requirement is judged at its looser ends only, for the margin it misses the level by.
fn guarantees(direction: Direction, mine: Ends, level: Ends) -> Guarantee {
    let sides = [
        level.0.map(|b| (side(mine.0, b, true), mine.0, true)),
        level.1.map(|b| (side(mine.1, b, false), mine.1, false)),
    ];
    let sides: Vec<_> = sides.into_iter().flatten().collect();
    let looser: Vec<(Option<Bound>, bool)> = sides
        .iter()
        .filter(|(s, ..)| *s == Side::Looser)
        .map(|&(_, end, above)| (end, above))
        .collect();
    let incomparable = !looser.is_empty() && sides.iter().any(|(s, ..)| *s == Side::Stricter);
    if looser.iter().any(|(end, _)| end.is_none()) {
        return Guarantee::Unbounded(incomparable);
    }
    let at = |(end, above): (Option<Bound>, bool)| end.map(|b| guaranteed(b, above));
    let measured = match direction {
        Direction::HigherIsBetter => vec![(mine.0, true)],
        Direction::LowerIsBetter => vec![(mine.1, false)],
        _ => vec![(mine.0, true), (mine.1, false)],
    };
    let mut values: Vec<Input> = if incomparable {
        looser.iter().copied().filter_map(at).collect()
    } else {
        measured.into_iter().chain(looser).filter_map(at).collect()
    };
    if values.is_empty() {
        // The direction's end is absent and the level states no end there: any end will do.
        values = [(mine.0, true), (mine.1, false)]
            .into_iter()
            .filter_map(at)
            .collect();
    }
    if values.is_empty() {
        return Guarantee::Unbounded(incomparable);
    }
    Guarantee::Values(values, incomparable)
}

/// The standards of a file, one row at a time ([`Engine::standards`]): each its number and
/// requirements, or the row's error.
pub struct StandardRows<'e, R: std::io::Read> {
    engine: &'e Engine,
    reader: csv::Reader<RowBound<R>>,
    columns: Vec<String>,
    record: csv::StringRecord,
    /// Rows read so far.
    row: usize,
    /// After a fault of the reading itself (an I/O error): nothing more is read.
    done: bool,
}

impl<R: std::io::Read> Iterator for StandardRows<'_, R> {
    type Item = Result<(String, Requirements), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let read = self.reader.read_record(&mut self.record);
        self.row = self.row.saturating_add(1);
        let place = t!(PLACE_LINE, self.row.saturating_add(1));
        match read {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => Some(
                self.engine
                    .standard_row(&self.columns, &self.record)
                    .map_err(|e| e.place(place).place(t!(PLACE_STANDARDS))),
            ),
            // A row beyond `row_bytes` (or a read that failed) leaves the reader nowhere: it
            // stops, as a products file does, with the fault's own words.
            Err(e) if e.is_io_error() => {
                self.done = true;
                Some(Err(read_fault(&e).place(t!(PLACE_STANDARDS))))
            }
            Err(e) => Some(Err(Error::invalid_plan(crate::text::csv_text(&e))
                .place(place)
                .place(t!(PLACE_STANDARDS)))),
        }
    }
}

/// A fault of reading a standards file: an I/O error (a row beyond `row_bytes`, a byte the
/// decoder refuses, a read that failed) as its own error, anything else as the CSV reader
/// says it.
fn read_fault(e: &csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::Io(io) => crate::encoding::read_error(io),
        _ => Error::invalid_plan(crate::text::csv_text(e)),
    }
}

/// Orders one indicator's verdicts in two bands from worst to best: falls short or
/// incomparable (neither meets the band's level), missing (the standard states nothing where a
/// benchmark does), meets, exceeds, not compared; then the smaller margin.
fn worse_band(a: &IndicatorVerdict, b: &IndicatorVerdict) -> bool {
    let rank = |o: Outcome| match o {
        Outcome::FallsShort | Outcome::Incomparable => 0,
        Outcome::Missing => 1,
        Outcome::Meets => 2,
        Outcome::Exceeds => 3,
        _ => 4,
    };
    (rank(a.outcome), a.margin.map(|m| m.value)) < (rank(b.outcome), b.margin.map(|m| m.value))
}

/// Orders indicator verdicts of one indicator from worst to best: falls short, meets,
/// exceeds; then the smaller margin.
fn worse(a: &IndicatorVerdict, b: &IndicatorVerdict) -> bool {
    let rank = |o: Outcome| match o {
        Outcome::FallsShort => 0,
        Outcome::Meets => 1,
        _ => 2,
    };
    (rank(a.outcome), a.margin.map(|m| m.value)) < (rank(b.outcome), b.margin.map(|m| m.value))
}

impl Engine {
    /// Reads a file of standards to compare or rank: CSV with a header `id` (the standard's
    /// number) and one column per indicator id, each cell a limit as a plan writes it
    /// (`≤ 3.8 L`), empty where the standard states nothing. A qualitative indicator's cell may
    /// say `pass` (`合格`): a standard states the test, not its outcome, so a qualitative
    /// indicator is not compared for a standard either way.
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
    /// let rows = engine.read_standards("id,flush-water\nQ/A 1-2024,≤ 3.8 L\n".as_bytes());
    /// let (code, requirements) = rows.into_iter().next().unwrap()?;
    /// let verdict = engine.evaluate_standard(&code, &requirements)?;
    /// assert_eq!(verdict.class, duibiao::Class::Leader);
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// The rows are read whole before they are returned; [`Engine::standards`] reads the same
    /// rows one at a time, with flat memory.
    pub fn read_standards(
        &self,
        reader: impl std::io::Read,
    ) -> Vec<Result<(String, Requirements), Error>> {
        match self.standards(reader) {
            Ok(rows) => rows.collect(),
            Err(e) => vec![Err(e)],
        }
    }

    /// The standards of a file as [`Engine::read_standards`] reads them, one row at a time:
    /// memory stays flat however many standards the file holds. A fault of the header is the
    /// error; each row is its standard or its error (`line 3: …`), and the others go on. A row
    /// (the header too) longer than [`Limits::row_bytes`] bytes stops the reading with that
    /// error, as in a products file: an endless line never fills memory.
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
    /// let text = "id,flush-water\nQ/A 1-2024,≤ 3.8 L\nQ/B 2-2024,≤ abc L\n";
    /// let mut rows = engine.standards(text.as_bytes())?;
    /// let (code, requirements) = rows.next().unwrap()?;
    /// assert_eq!(engine.evaluate_standard(&code, &requirements)?.class, duibiao::Class::Leader);
    /// assert!(rows.next().unwrap().unwrap_err().to_string().starts_with("standards: line 3: standard \"Q/B 2-2024\": "));
    /// assert!(rows.next().is_none());
    /// assert!(engine.standards("code,flush-water\n".as_bytes()).is_err());
    /// # Ok::<(), duibiao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the header cannot be read or does not start with `id`.
    pub fn standards<R: std::io::Read>(&self, reader: R) -> Result<StandardRows<'_, R>, Error> {
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(RowBound::new(reader, Limits::default().row_bytes));
        let columns: Vec<String> = match rdr.headers() {
            Ok(h) => h.iter().map(str::to_owned).collect(),
            Err(e) if e.is_io_error() => return Err(read_fault(&e).place(t!(PLACE_STANDARDS))),
            Err(e) => {
                return Err(
                    Error::invalid_plan(t!(msg::HEADER, crate::text::csv_text(&e)))
                        .place(t!(PLACE_STANDARDS)),
                )
            }
        };
        if columns.first().map(String::as_str) != Some("id") {
            return Err(Error::invalid_plan(t!(msg::FIRST_COLUMN))
                .place(t!(PLACE_LINE, 1usize))
                .place(t!(PLACE_STANDARDS)));
        }
        Ok(StandardRows {
            engine: self,
            reader: rdr,
            columns,
            record: csv::StringRecord::new(),
            row: 0,
            done: false,
        })
    }

    fn standard_row(
        &self,
        columns: &[String],
        record: &csv::StringRecord,
    ) -> Result<(String, Requirements), Error> {
        let mut cells = record.iter();
        let id = cells.next().unwrap_or_default().to_owned();
        id.parse::<StandardCode>()
            .map_err(|e| e.place(t!(PLACE_COLUMN, "id")))?;
        if record.len() > columns.len() {
            // A cell cut at an unquoted comma (`≤ 3,9 L`) would otherwise be read as `≤ 3`.
            return Err(Error::invalid(
                "row",
                &id,
                t!(msg::ROW_CELLS, record.len(), columns.len()),
            ));
        }
        let mut requirements = Requirements::new();
        for (column, cell) in columns.iter().skip(1).zip(cells) {
            if cell.is_empty() {
                continue;
            }
            let place = at_requirement(&id, column);
            let ind = self.indicators.iter().find(|i| &i.id == column);
            let stated = match ind {
                Some(ind) if ind.direction == Direction::Qualitative => {
                    match Stated::conforms(cell).map_err(|e| {
                        Error::invalid("requirement", cell, t!(msg::STATEMENT_CODE, &e))
                    }) {
                        Ok(Some(stated)) => stated,
                        Ok(None) => {
                            return Err(place(Error::invalid(
                                "requirement",
                                cell,
                                t!(msg::QUALITATIVE_STATEMENT),
                            )))
                        }
                        Err(e) => return Err(place(e)),
                    }
                }
                _ => Stated::Limit(cell.parse().map_err(&place)?),
            };
            if let Some(ind) = ind {
                // A unit that does not convert is this row's fault, found where it is read.
                self.guaranteed_by(ind, Some(&stated)).map_err(&place)?;
            }
            requirements.insert(column.clone(), stated);
        }
        Ok((id, requirements))
    }

    /// Judges a standard by its requirements, with the decision table products are judged
    /// with, at the values each requirement guarantees: the lower end for higher-is-better,
    /// the upper end for lower-is-better, both ends for nominal-is-best (the worse decides).
    /// A closed end is its bound; an open end lies just inside it, so a requirement equal to
    /// the level meets it (open or closed), a stricter one exceeds it where a product at that
    /// value would (a better grade, or a margin beyond the tolerance), a looser one falls short
    /// by the margin between the two limits. Each end the level states is compared with the
    /// requirement's: looser on one and stricter on the other is
    /// [`Outcome::Incomparable`] (`5 ~ 10` against `8 ~ 12`), with the margin of the looser
    /// end; a requirement with no end on a side the level states (`≥ 1 L` against `≤ 4.0 L`)
    /// falls short (or is incomparable), with no margin. A requirement is judged as written:
    /// by its full value and without a decision rule (it has no uncertainty), so a
    /// guard-banded indicator is compared on its limits. A qualitative indicator conforms
    /// where the standard states its requirement ([`Stated::Conforms`]: `合格`,
    /// `符合 GB 4706.1`) and is missing where it does not. The verdict's `product` is the
    /// standard's number; ranking it with [`crate::rank::Ranker::rank`] ranks standards
    /// (企业标准排行榜).
    ///
    /// # Errors
    ///
    /// When a requirement's unit does not convert into its indicator's, a limit is given for
    /// a qualitative indicator or a qualitative requirement for a numeric one.
    pub fn evaluate_standard(
        &self,
        code: &str,
        requirements: &Requirements,
    ) -> Result<Verdict, Error> {
        self.judge_standard(code, requirements, false)
    }

    /// [`Engine::evaluate_standard`]; for the plan's subject standard (`subject`), whose
    /// qualitative requirements a plan cannot write, a qualitative indicator is not compared.
    fn judge_standard(
        &self,
        code: &str,
        requirements: &Requirements,
        subject: bool,
    ) -> Result<Verdict, Error> {
        let mut guaranteed = Vec::with_capacity(self.indicators.len());
        for ind in &self.indicators {
            guaranteed.push(if subject && ind.direction == Direction::Qualitative {
                Guarantee::NotCompared
            } else {
                self.guaranteed_by(ind, requirements.get(&ind.id))
                    .map_err(at_requirement(code, &ind.id))?
            });
        }
        // Bands are chosen by the selector's first guaranteed value.
        let inputs: Vec<Input> = guaranteed
            .iter()
            .map(|g| match g {
                Guarantee::Values(values, _) => values.first().copied().unwrap_or(Input::Missing),
                _ => Input::Missing,
            })
            .collect();
        let mut indicators = Vec::with_capacity(self.indicators.len());
        for ((ind, g), stated) in self
            .indicators
            .iter()
            .zip(&guaranteed)
            .zip(self.indicators.iter().map(|i| requirements.get(&i.id)))
        {
            let place = at_requirement(code, &ind.id);
            let verdict = match (&ind.banded, g) {
                (Some(banded), Guarantee::Values(..) | Guarantee::Unbounded(_)) => {
                    self.in_every_band(ind, banded, requirements, stated, &inputs)
                }
                _ => self.judge_requirement(ind, g, stated, &inputs),
            }
            .map_err(place)?;
            indicators.push(verdict);
        }
        self.verdict(code.to_owned(), indicators)
            .map_err(|e| e.place(t!(PLACE_STANDARD, code)))
    }

    /// One requirement judged against an indicator's level, as [`Engine::evaluate_standard`]
    /// judges it: what it guarantees (`g`) put to the decision table, without the indicator's
    /// decision rule, and never a margin in its favour where it does not conform.
    fn judge_requirement(
        &self,
        ind: &CompiledIndicator,
        g: &Guarantee,
        stated: Option<&Stated>,
        inputs: &[Input],
    ) -> Result<IndicatorVerdict, Error> {
        let how = How {
            method: Method::FullValue,
            measured: None,
        };
        let given = stated.map(ToString::to_string);
        let verdict = match g {
            Guarantee::NotStated => self.judge(ind, Input::Missing, given, how, inputs),
            Guarantee::NotCompared => {
                self.judge(ind, Input::Missing, given, how, inputs)
                    .map(|v| IndicatorVerdict {
                        outcome: Outcome::NotCompared,
                        ..v
                    })
            }
            Guarantee::Conforms => self.judge(ind, Input::Qualitative(true), given, how, inputs),
            Guarantee::Unbounded(incomparable) => {
                let outcome = if *incomparable {
                    Outcome::Incomparable
                } else {
                    Outcome::FallsShort
                };
                self.unjudged(ind, outcome, how)
                    .map(|v| IndicatorVerdict { value: given, ..v })
            }
            Guarantee::Values(values, incomparable) => {
                self.worst(ind, values, given, how, inputs).map(|mut v| {
                    if *incomparable && ind.compared() {
                        v.outcome = Outcome::Incomparable;
                    }
                    v
                })
            }
        }?;
        // A requirement is judged without the indicator's decision rule. One that does not
        // conform shows no margin in its favour by the one margin rule
        // (`rules::pick_margin`: measured from the end it lies beyond).
        Ok(IndicatorVerdict {
            rule: None,
            ..verdict
        })
    }

    /// A standard's one requirement for an indicator whose requirements vary with a band: it
    /// holds for a unit of every band the standard's requirements admit ([`Engine::admitted`]),
    /// so it is judged against each such band's level and the worst band decides (named in the
    /// evidence). Where the standard admits no band, there is no level to judge against:
    /// missing, as for a product in no band.
    fn in_every_band(
        &self,
        ind: &CompiledIndicator,
        banded: &super::Banded,
        requirements: &Requirements,
        stated: Option<&Stated>,
        inputs: &[Input],
    ) -> Result<IndicatorVerdict, Error> {
        let mut worst: Option<IndicatorVerdict> = None;
        for case in self.admitted(banded, requirements) {
            let v =
                self.requirement_in(&case.judged, &banded.by, &case.when_text, stated, inputs)?;
            if worst.as_ref().is_none_or(|w| worse_band(&v, w)) {
                worst = Some(v);
            }
        }
        match worst {
            Some(v) => Ok(v),
            None => {
                let mut v = self.judge_requirement(ind, &Guarantee::NotStated, stated, inputs)?;
                (v.limit, v.standard) = (None, None);
                v.band = Some(crate::verdict::BandChosen {
                    by: banded.by.clone(),
                    value: requirements.get(&banded.by).map(ToString::to_string),
                    when: None,
                });
                Ok(v)
            }
        }
    }

    /// The bands a standard's requirements admit: where an indicator chooses the band and the
    /// standard states a limit on it, the bands whose condition has a value in common with that
    /// limit (a standard for units of 5000 W and above is not judged in the band `≤ 4500 W`);
    /// otherwise every band.
    fn admitted<'b>(
        &self,
        banded: &'b super::Banded,
        requirements: &Requirements,
    ) -> Vec<&'b super::BandCase> {
        let selector = match banded.chooser {
            super::Chooser::Indicator(k) => self.indicators.get(k),
            super::Chooser::Attribute(_) => None,
        };
        let mine = selector.and_then(|s| match requirements.get(&s.id) {
            Some(Stated::Limit(l)) => l.ends_in(s.unit.as_ref(), s.differences).ok(),
            _ => None,
        });
        banded
            .bands
            .iter()
            .filter(|case| match (&case.when, &mine) {
                (super::Case::Ends(when), Some(mine)) => ends_overlap(when, mine),
                _ => true,
            })
            .collect()
    }

    /// A requirement judged in one band, as [`Engine::evaluate_standard`] judges it, the band
    /// named in the evidence.
    fn requirement_in(
        &self,
        ind: &CompiledIndicator,
        by: &str,
        when: &str,
        stated: Option<&Stated>,
        inputs: &[Input],
    ) -> Result<IndicatorVerdict, Error> {
        let g = self.guaranteed_by(ind, stated)?;
        let mut v = self.judge_requirement(ind, &g, stated, inputs)?;
        v.band = Some(crate::verdict::BandChosen {
            by: by.to_owned(),
            value: None,
            when: Some(when.to_owned()),
        });
        Ok(v)
    }

    /// What a standard's requirement guarantees for an indicator.
    fn guaranteed_by(
        &self,
        ind: &CompiledIndicator,
        stated: Option<&Stated>,
    ) -> Result<Guarantee, Error> {
        let limit = match (ind.direction == Direction::Qualitative, stated) {
            (_, None) => return Ok(Guarantee::NotStated),
            (true, Some(Stated::Conforms { .. })) => return Ok(Guarantee::Conforms),
            (true, Some(Stated::Limit(limit))) => {
                return Err(Error::invalid_plan(t!(
                    msg::QUALITATIVE_NO_LIMIT,
                    limit.to_string()
                )))
            }
            (false, Some(stated @ Stated::Conforms { .. })) => {
                return Err(Error::invalid(
                    "requirement",
                    &stated.to_string(),
                    t!(msg::NUMERIC_NO_STATEMENT),
                ))
            }
            (false, Some(Stated::Limit(limit))) => limit,
        };
        let mine = limit.ends_in(ind.unit.as_ref(), ind.differences)?;
        let level = ind.level_requirements().fold((None, None), |(lo, hi), r| {
            (tighter(lo, r.ends.0, true), tighter(hi, r.ends.1, false))
        });
        Ok(guarantees(ind.direction, mine, level))
    }

    fn worst(
        &self,
        ind: &CompiledIndicator,
        values: &[Input],
        given: Option<String>,
        how: How<'_>,
        inputs: &[Input],
    ) -> Result<IndicatorVerdict, Error> {
        let mut worst: Option<IndicatorVerdict> = None;
        for value in values {
            let v = self.judge(ind, *value, given.clone(), how, inputs)?;
            if worst.as_ref().is_none_or(|w| worse(&v, w)) {
                worst = Some(v);
            }
        }
        worst.ok_or_else(|| Error::invalid_plan(t!(msg::NO_GUARANTEE)))
    }

    /// An indicator a standard's requirement is not judged on by value: one whose
    /// requirement is unbounded on a side the level states (it falls short of the level, or
    /// is incomparable with it, with no margin).
    fn unjudged(
        &self,
        ind: &CompiledIndicator,
        outcome: Outcome,
        how: How<'_>,
    ) -> Result<IndicatorVerdict, Error> {
        let mut v = self.judge(ind, Input::Missing, None, how, &[])?;
        if ind.compared() {
            v.outcome = outcome;
        }
        Ok(v)
    }

    /// Judges the subject standard itself: its requirement per indicator against the benchmark
    /// level (stricter / equal / looser / incomparable / missing / fills a blank), and the
    /// class as [`Engine::evaluate_standard`] judges any standard, so that `compare` and
    /// `rank --standards` agree on the same requirements.
    ///
    /// # Errors
    ///
    /// When the plan names no subject standard.
    pub fn compare_standards(&self) -> Result<StandardVerdict, Error> {
        let subject = self
            .subject
            .clone()
            .ok_or_else(|| Error::invalid_plan(t!(msg::NO_SUBJECT)))?;
        let requirements: Requirements = self
            .indicators
            .iter()
            .filter(|i| i.direction != Direction::Qualitative)
            .filter_map(|i| {
                i.subject_requirement()
                    .map(|r| (i.id.clone(), Stated::Limit(r.limit.clone())))
            })
            .collect();
        let code = subject.to_string();
        let mut verdict = self.judge_standard(&code, &requirements, true)?;
        // Where the requirements vary with a band, the subject is compared in each band with
        // its requirement there (stated once for the indicator, or in the band): one entry per
        // band, and the worst band judges the indicator.
        let mut rows = Vec::with_capacity(self.indicators.len());
        let mut banded_any = false;
        for (ind, v) in self.indicators.iter().zip(verdict.indicators.iter_mut()) {
            let Some(banded) = &ind.banded else {
                rows.push(relation(ind, v.outcome));
                continue;
            };
            banded_any = true;
            let mut worst: Option<IndicatorVerdict> = None;
            for case in self.admitted(banded, &requirements) {
                let mine = case
                    .judged
                    .subject_requirement()
                    .map(|r| Stated::Limit(r.limit.clone()))
                    .filter(|_| ind.direction != Direction::Qualitative);
                let judged = self
                    .requirement_in(
                        &case.judged,
                        &banded.by,
                        &case.when_text,
                        mine.as_ref(),
                        &[],
                    )
                    .map_err(at_requirement(&code, &ind.id))?;
                let mut row = relation(&case.judged, judged.outcome);
                row.band = Some(case.when_text.clone());
                rows.push(row);
                if worst.as_ref().is_none_or(|w| worse_band(&judged, w)) {
                    worst = Some(judged);
                }
            }
            match worst {
                Some(w) => *v = w,
                // No band admitted: one row, as judged.
                None => rows.push(relation(ind, v.outcome)),
            }
        }
        if banded_any {
            verdict = self
                .verdict(code.clone(), verdict.indicators)
                .map_err(|e| e.place(t!(PLACE_STANDARD, &code)))?;
        }
        Ok(StandardVerdict {
            schema_version: crate::verdict::SchemaVersion::CURRENT,
            standard: code,
            class: verdict.class,
            decided_by: verdict.decided_by,
            indicators: rows,
        })
    }
}

/// The subject's requirement against the benchmark level, as set relations: against every
/// level requirement, the weakest relation counts.
fn relation(ind: &CompiledIndicator, judged: Outcome) -> StandardIndicatorVerdict {
    let level: Vec<&Requirement> = ind.level_requirements().collect();
    let mine = ind.subject_requirement();
    let outcome = match (mine, level.is_empty()) {
        (None, true) => StandardOutcome::NotStated,
        (None, false) => StandardOutcome::Missing,
        (Some(_), true) => StandardOutcome::FillsBlank,
        (Some(m), false) => {
            let rel: Vec<StandardOutcome> = level
                .iter()
                .map(|r| ends_strictness(&m.accepted, &r.accepted).into())
                .collect();
            if rel.iter().all(|r| *r == StandardOutcome::Stricter) {
                StandardOutcome::Stricter
            } else if rel
                .iter()
                .all(|r| matches!(r, StandardOutcome::Stricter | StandardOutcome::Equal))
            {
                StandardOutcome::Equal
            } else if rel.contains(&StandardOutcome::Looser) {
                StandardOutcome::Looser
            } else {
                StandardOutcome::Incomparable
            }
        }
    };
    StandardIndicatorVerdict {
        id: ind.id.clone(),
        class: ind.class,
        outcome,
        judged,
        subject: mine.map(|m| match &m.class {
            Some(c) => format!("{c} ({})", m.limit),
            None => m.limit.to_string(),
        }),
        level: level
            .iter()
            .map(|r| LevelRequirement {
                standard: r.code.to_string(),
                limit: r.limit.to_string(),
                class: r.class.clone(),
            })
            .collect(),
        band: None,
    }
}
