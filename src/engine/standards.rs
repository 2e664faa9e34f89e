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
use crate::limit::{ends_strictness, Bound, Limit};
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
        QUALITATIVE_NO_LIMIT = "limit \"{0}\": a qualitative indicator takes no limit (write \"pass\" or leave it empty)",
            "限值 \"{0}\"：定性指标不设限值（请写 \"pass\" 或留空）";
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

/// The requirements of one standard, by indicator id (`"flush-water" → ≤ 3.8 L`).
pub type Requirements = BTreeMap<String, Limit>;

/// Words a standards file may write for a qualitative indicator the standard requires.
const PASS: [&str; 4] = ["pass", "合格", "符合", "required"];

/// What a standard's requirement guarantees for one indicator.
enum Guarantee {
    /// The standard states no requirement.
    NotStated,
    /// A qualitative indicator: a standard states the test, not its outcome.
    Qualitative,
    /// The requirement has no end on a side the direction measures from.
    Unbounded,
    /// The values to judge (the worse decides).
    Values(Vec<Input>),
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

/// The values a requirement guarantees for an indicator: for higher-is-better its lower end,
/// for lower-is-better its upper end, for nominal-is-best both ends (the worse decides).
/// `None` where the requirement has no end on a side the direction measures from: it allows
/// any value there, so it falls short of a level that bounds that side.
fn guarantees(
    direction: Direction,
    lower: Option<Bound>,
    upper: Option<Bound>,
) -> Option<Vec<Input>> {
    let low = lower.map(|b| guaranteed(b, true));
    let high = upper.map(|b| guaranteed(b, false));
    match direction {
        Direction::HigherIsBetter => low.map(|l| vec![l]),
        Direction::LowerIsBetter => high.map(|h| vec![h]),
        _ => {
            let both: Vec<Input> = low.into_iter().chain(high).collect();
            (!both.is_empty()).then_some(both)
        }
    }
}

/// The standards of a file, one row at a time ([`Engine::standards`]): each its number and
/// requirements, or the row's error.
pub struct StandardRows<'e, R: std::io::Read> {
    engine: &'e Engine,
    reader: csv::Reader<R>,
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
                    .map_err(|e| e.place(place)),
            ),
            Err(e) => {
                self.done = e.is_io_error();
                Some(Err(Error::invalid_plan(crate::text::csv_text(&e))
                    .place(t!(PLACE_STANDARDS))
                    .place(place)))
            }
        }
    }
}

/// Orders one indicator's verdicts in two bands from worst to best: falls short, missing (the
/// standard states nothing where a benchmark does), meets, exceeds, not compared; then the
/// smaller margin.
fn worse_band(a: &IndicatorVerdict, b: &IndicatorVerdict) -> bool {
    let rank = |o: Outcome| match o {
        Outcome::FallsShort => 0,
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
    /// error; each row is its standard or its error (`line 3: …`), and the others go on.
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
    /// assert!(rows.next().unwrap().unwrap_err().to_string().starts_with("line 3: "));
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
            .from_reader(reader);
        let columns: Vec<String> = match rdr.headers() {
            Ok(h) => h.iter().map(str::to_owned).collect(),
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
            .map_err(|e| e.place(t!(PLACE_COLUMN, "id")).place(t!(PLACE_STANDARDS)))?;
        if record.len() > columns.len() {
            // A cell cut at an unquoted comma (`≤ 3,9 L`) would otherwise be read as `≤ 3`.
            return Err(Error::invalid(
                "row",
                &id,
                t!(msg::ROW_CELLS, record.len(), columns.len()),
            )
            .place(t!(PLACE_STANDARDS)));
        }
        let mut requirements = Requirements::new();
        for (column, cell) in columns.iter().skip(1).zip(cells) {
            let qualitative = self
                .indicators
                .iter()
                .any(|i| &i.id == column && i.direction == Direction::Qualitative);
            if cell.is_empty() || (qualitative && PASS.contains(&cell)) {
                continue;
            }
            let limit: Limit = cell.parse().map_err(at_requirement(&id, column))?;
            requirements.insert(column.clone(), limit);
        }
        Ok((id, requirements))
    }

    /// Judges a standard by its requirements, with the decision table products are judged
    /// with, at the values each requirement guarantees: the lower end for higher-is-better,
    /// the upper end for lower-is-better, both ends for nominal-is-best (the worse decides).
    /// A closed end is its bound; an open end lies just inside it, so a requirement equal to
    /// the level meets it (open or closed), a stricter one exceeds it where a product at that
    /// value would (a better grade, or a margin beyond the tolerance), a looser one falls short
    /// by the margin between the two limits. A requirement is judged as written: by its full
    /// value and without a decision rule (it has no uncertainty). A requirement with no end on
    /// the side that matters (`≥ 1 L` on a lower-is-better indicator) falls short; a
    /// qualitative indicator is not compared. The verdict's `product` is the standard's number;
    /// ranking it with [`crate::rank::Ranker::rank`] ranks standards (企业标准排行榜).
    ///
    /// # Errors
    ///
    /// When a requirement's unit does not convert into its indicator's, or a requirement is
    /// given for a qualitative indicator.
    pub fn evaluate_standard(
        &self,
        code: &str,
        requirements: &Requirements,
    ) -> Result<Verdict, Error> {
        let mut guaranteed = Vec::with_capacity(self.indicators.len());
        for ind in &self.indicators {
            guaranteed.push(
                self.guaranteed_by(ind, requirements.get(&ind.id))
                    .map_err(at_requirement(code, &ind.id))?,
            );
        }
        // Bands are chosen by the selector's first guaranteed value.
        let inputs: Vec<Input> = guaranteed
            .iter()
            .map(|g| match g {
                Guarantee::Values(values) => values.first().copied().unwrap_or(Input::Missing),
                _ => Input::Missing,
            })
            .collect();
        let how = How {
            method: Method::FullValue,
            measured: None,
        };
        let mut indicators = Vec::with_capacity(self.indicators.len());
        for ((ind, g), limit) in self
            .indicators
            .iter()
            .zip(&guaranteed)
            .zip(self.indicators.iter().map(|i| requirements.get(&i.id)))
        {
            let given = limit.map(|l| l.to_string());
            let place = at_requirement(code, &ind.id);
            if let (Some(banded), Guarantee::Values(_) | Guarantee::Unbounded) = (&ind.banded, g) {
                indicators.push(self.in_every_band(banded, limit, &inputs).map_err(place)?);
                continue;
            }
            let verdict = match g {
                Guarantee::NotStated => self.judge(ind, Input::Missing, given, how, &inputs),
                Guarantee::Qualitative => self.unjudged(ind, Outcome::NotCompared, how),
                Guarantee::Unbounded => self
                    .unjudged(ind, Outcome::FallsShort, how)
                    .map(|v| IndicatorVerdict { value: given, ..v }),
                Guarantee::Values(values) => self.worst(ind, values, given, how, &inputs),
            }
            .map_err(place)?;
            indicators.push(verdict);
        }
        self.verdict(code.to_owned(), indicators)
            .map_err(|e| e.place(t!(PLACE_STANDARD, code)))
    }

    /// A standard's one requirement for an indicator whose requirements vary with a band: it
    /// holds for a unit of every band, so it is judged against each band's level and the worst
    /// band decides (named in the evidence).
    fn in_every_band(
        &self,
        banded: &super::Banded,
        limit: Option<&Limit>,
        inputs: &[Input],
    ) -> Result<IndicatorVerdict, Error> {
        let mut worst: Option<IndicatorVerdict> = None;
        for case in &banded.bands {
            let v =
                self.requirement_in(&case.judged, &banded.by, &case.when_text, limit, inputs)?;
            if worst.as_ref().is_none_or(|w| worse_band(&v, w)) {
                worst = Some(v);
            }
        }
        worst.ok_or_else(|| Error::invalid_plan(t!(msg::NO_GUARANTEE)))
    }

    /// A requirement judged in one band, as [`Engine::evaluate_standard`] judges it, the band
    /// named in the evidence.
    pub(crate) fn requirement_in(
        &self,
        ind: &CompiledIndicator,
        by: &str,
        when: &str,
        limit: Option<&Limit>,
        inputs: &[Input],
    ) -> Result<IndicatorVerdict, Error> {
        let how = How {
            method: Method::FullValue,
            measured: None,
        };
        let given = limit.map(|l| l.to_string());
        let mut v = match self.guaranteed_by(ind, limit)? {
            Guarantee::NotStated => self.judge(ind, Input::Missing, given, how, inputs)?,
            Guarantee::Qualitative => self.unjudged(ind, Outcome::NotCompared, how)?,
            Guarantee::Unbounded => IndicatorVerdict {
                value: given,
                ..self.unjudged(ind, Outcome::FallsShort, how)?
            },
            Guarantee::Values(values) => self.worst(ind, &values, given, how, inputs)?,
        };
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
        limit: Option<&Limit>,
    ) -> Result<Guarantee, Error> {
        if ind.direction == Direction::Qualitative {
            return match limit {
                None => Ok(Guarantee::Qualitative),
                Some(limit) => Err(Error::invalid_plan(t!(
                    msg::QUALITATIVE_NO_LIMIT,
                    limit.to_string()
                ))),
            };
        }
        let Some(limit) = limit else {
            return Ok(Guarantee::NotStated);
        };
        let (lower, upper) = limit.ends_in(ind.unit.as_ref())?;
        Ok(match guarantees(ind.direction, lower, upper) {
            Some(values) => Guarantee::Values(values),
            None => Guarantee::Unbounded,
        })
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

    /// An indicator a standard's requirement is not judged on by value: a qualitative one (not
    /// compared), or one whose requirement is unbounded on the side that matters (it falls
    /// short of the level, with no margin).
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
                    .map(|r| (i.id.clone(), r.limit.clone()))
            })
            .collect();
        let code = subject.to_string();
        let mut verdict = self.evaluate_standard(&code, &requirements)?;
        // Where the requirements vary with a band, the subject is compared in each band with
        // its requirement there (stated once for the indicator, or in the band): one entry per
        // band, and the worst band judges the indicator.
        let mut rows = Vec::with_capacity(self.indicators.len());
        for (ind, v) in self.indicators.iter().zip(verdict.indicators.iter_mut()) {
            let Some(banded) = &ind.banded else {
                rows.push(relation(ind, v.outcome));
                continue;
            };
            let mut worst: Option<IndicatorVerdict> = None;
            for case in &banded.bands {
                let mine = case
                    .judged
                    .subject_requirement()
                    .map(|r| r.limit.clone())
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
            if let Some(w) = worst {
                *v = w;
            }
        }
        let verdict = self
            .verdict(code.clone(), verdict.indicators)
            .map_err(|e| e.place(t!(PLACE_STANDARD, &code)))?;
        Ok(StandardVerdict {
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
        subject: mine.map(|m| m.limit.to_string()),
        level: level
            .iter()
            .map(|r| LevelRequirement {
                standard: r.code.to_string(),
                limit: r.limit.to_string(),
            })
            .collect(),
        band: None,
    }
}
