//! Maps of a plan keyed by the user (requirements, ranking weights) read with every key once:
//! a JSON object may repeat a key, and a plain map keeps the last value without a word.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

struct UniqueMap<V> {
    /// What a repeated key says: `standard "…" is stated twice in requirements`.
    twice: fn(&str) -> String,
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
                return Err(serde::de::Error::custom((self.twice)(&key)));
            }
            let value = map.next_value::<V>()?;
            out.insert(key, value);
        }
        Ok(out)
    }
}

/// `requirements`: standard number → limit text, each number once.
pub(crate) fn requirements<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    d.deserialize_map(UniqueMap {
        twice: |key| {
            format!(
                "standard \"{}\" is stated twice in requirements",
                crate::number::truncate(key)
            )
        },
        expecting: "a table of standard number = limit text",
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
            format!(
                "indicator \"{}\" is weighted twice in weights",
                crate::number::truncate(key)
            )
        },
        expecting: "a table of indicator id = weight",
        value: PhantomData,
    })
}
