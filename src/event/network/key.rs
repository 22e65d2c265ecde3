//! Idempotency keys of events the crate does not type, from the fields they
//! carry.

use alloc::borrow::Cow;
use alloc::string::String;

use serde::Deserialize;

use crate::event::Extra;

/// The string `id` of the object `extra` holds as `key`, if it holds one.
pub(super) fn id_of(extra: &Extra, key: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Record<'a> {
        #[serde(borrow)]
        id: Cow<'a, str>,
    }

    let record: Record<'_> = extra.get_as(key)?.ok()?;
    Some(record.id.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_string_id_of_an_object() {
        let extra: Extra = serde_json::from_str::<serde_json::Value>(
            r#"{"a":{"id":"x\"1","more":[1]},"b":{"id":7},"c":"id","d":{"id":null}}"#,
        )
        .unwrap()
        .as_object()
        .unwrap()
        .iter()
        .map(|(key, value)| {
            (
                key.as_str(),
                serde_json::value::to_raw_value(value).unwrap(),
            )
        })
        .collect();
        assert_eq!(id_of(&extra, "a").as_deref(), Some("x\"1"));
        for key in ["b", "c", "d", "e"] {
            assert_eq!(id_of(&extra, key), None, "{key}");
        }
    }
}
