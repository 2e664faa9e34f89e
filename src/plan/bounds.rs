//! A plan's size against [`Limits`]: every count and every text of the file model.

use super::Plan;
use crate::error::Error;
use crate::indicator::{Grade, Indicator};
use crate::limits::{exceeded, too_long, Limits};
use crate::standard::Names;

impl Limits {
    // Each place is written only for the message of a text too long: a plan of a million
    // requirements is measured without a million strings.

    fn check_id(&self, place: impl FnOnce() -> String, id: &str) -> Result<(), Error> {
        if id.len() > self.id_bytes {
            return Err(too_long(&place(), id, self.id_bytes, "id_bytes"));
        }
        Ok(())
    }

    fn check_text(&self, place: impl FnOnce() -> String, text: &str) -> Result<(), Error> {
        if text.len() > self.text_bytes {
            return Err(too_long(&place(), text, self.text_bytes, "text_bytes"));
        }
        Ok(())
    }

    fn check_names(&self, place: impl Fn() -> String, names: &Names) -> Result<(), Error> {
        if let Some(zh) = &names.zh {
            self.check_text(|| format!("{}.zh", place()), zh)?;
        }
        if let Some(en) = &names.en {
            self.check_text(|| format!("{}.en", place()), en)?;
        }
        Ok(())
    }

    fn check_limit_text(place: impl FnOnce() -> String, text: &str) -> Result<(), Error> {
        if text.len() > Limits::LIMIT_TEXT_BYTES {
            return Err(too_long(
                &place(),
                text,
                Limits::LIMIT_TEXT_BYTES,
                "LIMIT_TEXT_BYTES",
            ));
        }
        Ok(())
    }

    fn check_grades(&self, place: &str, grades: &[Grade]) -> Result<(), Error> {
        if grades.len() > self.grades {
            return Err(exceeded(
                place,
                grades.len(),
                "grades",
                self.grades,
                "a grade table",
                "grades",
            ));
        }
        for (g, grade) in grades.iter().enumerate() {
            self.check_names(|| format!("{place}[{g}].name"), &grade.name)?;
            Limits::check_limit_text(|| format!("{place}[{g}].limit"), &grade.limit)?;
        }
        Ok(())
    }

    fn check_indicator(&self, base: &str, ind: &Indicator) -> Result<(), Error> {
        self.check_id(|| format!("{base}.id"), &ind.id)?;
        self.check_names(|| format!("{base}.name"), &ind.name)?;
        for (field, text) in [
            ("unit", &ind.unit),
            ("kind", &ind.kind),
            ("test-method", &ind.test_method),
        ] {
            if let Some(text) = text {
                self.check_text(|| format!("{base}.{field}"), text)?;
            }
        }
        if ind.requirements.len() > self.requirements {
            return Err(exceeded(
                &format!("{base}.requirements"),
                ind.requirements.len(),
                "requirements",
                self.requirements,
                "an indicator",
                "requirements",
            ));
        }
        for (code, limit) in &ind.requirements {
            self.check_text(|| format!("{base}.requirements"), code)?;
            Limits::check_limit_text(|| format!("{base}.requirements.\"{code}\""), limit.text())?;
        }
        self.check_grades(&format!("{base}.grades"), &ind.grades)?;
        if let Some(bands) = &ind.bands {
            self.check_id(|| format!("{base}.bands.by"), &bands.by)?;
            if bands.bands.len() > self.bands {
                return Err(exceeded(
                    &format!("{base}.bands.bands"),
                    bands.bands.len(),
                    "bands",
                    self.bands,
                    "an indicator",
                    "bands",
                ));
            }
            for (b, band) in bands.bands.iter().enumerate() {
                let place = format!("{base}.bands.bands[{b}]");
                Limits::check_limit_text(|| format!("{place}.when"), &band.when)?;
                self.check_grades(&format!("{place}.grades"), &band.grades)?;
            }
        }
        Ok(())
    }

    /// Refuses a plan that holds more than these limits allow, naming the first limit exceeded.
    ///
    /// [`Plan::from_toml_str`] and [`Plan::from_json_str`] call this with the defaults; a plan
    /// built in code is bounded only if its builder calls it.
    ///
    /// # Errors
    ///
    /// A plan error (`Error::is_plan`) naming the place, the count or length, and the limit.
    pub fn check_plan(&self, plan: &Plan) -> Result<(), Error> {
        self.check_names(|| "plan: category".to_owned(), &plan.category)?;
        if plan.standards.len() > self.standards {
            return Err(exceeded(
                "plan: standards",
                plan.standards.len(),
                "standards",
                self.standards,
                "a plan",
                "standards",
            ));
        }
        for (i, s) in plan.standards.iter().enumerate() {
            self.check_names(|| format!("plan: standards[{i}].title"), &s.standard.title)?;
        }
        if plan.indicators.len() > self.indicators {
            return Err(exceeded(
                "plan: indicators",
                plan.indicators.len(),
                "indicators",
                self.indicators,
                "a plan",
                "indicators",
            ));
        }
        for (i, ind) in plan.indicators.iter().enumerate() {
            self.check_indicator(&format!("plan: indicators[{i}]"), ind)?;
        }
        Ok(())
    }
}
