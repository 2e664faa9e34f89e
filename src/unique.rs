//! Maps of a plan keyed by the user (requirements, ranking weights) read with every key once:
//! a JSON object may repeat a key, and a plain map keeps the last value without a word.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

use crate::error::Error;

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        STANDARD_TWICE = "standard \"{0}\" is stated twice in requirements", "标准 \"{0}\" 在 requirements 中出现两次";
        INDICATOR_TWICE = "indicator \"{0}\" is weighted twice in weights", "指标 \"{0}\" 在 weights 中出现两次";
    }
}

struct UniqueMap<V> {
    /// What a repeated key says: `standard "…" is stated twice in requirements`.
    twice: fn(&str) -> Error,
    expecting: &'static str,
    value: PhantomData<V>,
}

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMap<V> {
    type Value = BTreeMap<String, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err((self.twice)(&key).into_serde());
            }
            let value = map.next_value::<V>()?;
            out.insert(key, value);
        }
        Ok(out)
    }
}

/// `requirements`: standard number → limit text or class, each number once.
pub(crate) fn requirements<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    d.deserialize_map(UniqueMap {
        twice: |key| {
            let key = crate::number::truncate(key);
            Error::new_msg(
                crate::error::ErrorKind::Duplicate,
                msg::STANDARD_TWICE,
                vec![key.into()],
            )
        },
        expecting: "a table of standard number = limit text or { class = \"…\" }",
        value: PhantomData,
    })
}

/// `[policy.ranking] weights`: indicator id → weight, each id once.
pub(crate) fn weights<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    d.deserialize_map(UniqueMap {
        twice: |key| {
            let key = crate::number::truncate(key);
            Error::new_msg(
                crate::error::ErrorKind::Duplicate,
                msg::INDICATOR_TWICE,
                vec![key.into()],
            )
        },
        expecting: "a table of indicator id = weight",
        value: PhantomData,
    })
}
