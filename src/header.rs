//! A header name as a platform documents it.

use core::{fmt, hash};
use std::borrow::Cow;

use http::{HeaderMap, HeaderName, HeaderValue, header::InvalidHeaderName};

/// A header a platform documents, such as `X-Cortex-Signature`.
///
/// It keeps the [`HeaderName`] used on the wire (lowercase, as `http` stores
/// every name) and the spelling the platform's documentation uses, which is
/// what errors and `Display` show. Two headers are equal when their names
/// are, whatever the spelling.
///
/// ```
/// use hooksig::Header;
///
/// let header = Header::new("X-Acme-Signature")?;
/// assert_eq!(header.name().as_str(), "x-acme-signature");
/// assert_eq!(header.to_string(), "X-Acme-Signature");
/// # Ok::<(), http::header::InvalidHeaderName>(())
/// ```
#[derive(Clone)]
pub struct Header {
    name: HeaderName,
    spelling: Cow<'static, str>,
}

impl Header {
    /// A header from its documented spelling, in any case.
    ///
    /// # Errors
    ///
    /// When `spelling` is not a valid HTTP header name.
    pub fn new(spelling: impl Into<Cow<'static, str>>) -> Result<Self, InvalidHeaderName> {
        let spelling = spelling.into();
        let name = HeaderName::from_bytes(spelling.as_bytes())?;
        Ok(Self { name, spelling })
    }

    /// A header for the presets: `name` must be `spelling` in lowercase, which
    /// a test checks for every preset.
    pub(crate) const fn preset(spelling: &'static str, name: &'static str) -> Self {
        Self {
            name: HeaderName::from_static(name),
            spelling: Cow::Borrowed(spelling),
        }
    }

    /// The name used on the wire and for lookups.
    pub fn name(&self) -> &HeaderName {
        &self.name
    }

    /// The spelling the platform documents.
    pub fn as_str(&self) -> &str {
        &self.spelling
    }

    /// What `headers` holds under this name.
    pub(crate) fn find<'h>(&self, headers: &'h HeaderMap) -> Found<'h> {
        let [found] = find_each(headers, [self]);
        found
    }
}

/// What a request holds under one header name. A receiver needs exactly
/// one value: with more it cannot know which copy the sender meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found<'h> {
    /// No value.
    Missing,
    /// Exactly one value.
    One(&'h HeaderValue),
    /// More than one value: how many.
    Many(usize),
}

impl<'h> Found<'h> {
    /// The same after one more value.
    fn and(self, value: &'h HeaderValue) -> Self {
        match self {
            Self::Missing => Self::One(value),
            Self::One(_) => Self::Many(2),
            Self::Many(count) => Self::Many(count + 1),
        }
    }
}

/// What `headers` holds under each of `names`, in their order.
///
/// `http` hashes a custom header name a byte at a time, and on a small map
/// a lookup also probes past neighbours, so one walk comparing names beats
/// a lookup per name while the map holds at most four values per name
/// sought: 12 for the three headers of Standard Webhooks, enough for a
/// request straight from the sender. Past that the walk costs as much or
/// more, so larger maps are looked up by name (measured in BENCHMARKS.md).
pub(crate) fn find_each<'h, const N: usize>(
    headers: &'h HeaderMap,
    names: [&Header; N],
) -> [Found<'h>; N] {
    if headers.len() <= 4 * N {
        let mut found = [Found::Missing; N];
        // `iter` yields every value, repeats included, so counts are exact.
        for (name, value) in headers {
            for (slot, header) in found.iter_mut().zip(names) {
                if name == header.name() {
                    *slot = slot.and(value);
                }
            }
        }
        found
    } else {
        names.map(|header| {
            let mut values = headers.get_all(header.name()).iter();
            match (values.next(), values.count()) {
                (None, _) => Found::Missing,
                (Some(value), 0) => Found::One(value),
                (Some(_), more) => Found::Many(more + 1),
            }
        })
    }
}

impl PartialEq for Header {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Header {}

impl hash::Hash for Header {
    fn hash<H: hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl fmt::Display for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spelling)
    }
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Header({})", self.spelling)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_by_name_whatever_the_spelling() {
        let a = Header::new("X-Signature").unwrap();
        let b = Header::new("x-signature").unwrap();
        assert_eq!(a, b);
        assert_ne!(a.to_string(), b.to_string());
        assert!(Header::new("bad header").is_err());
    }

    #[test]
    fn finds_one_value_or_counts_them() {
        let header = Header::new("X-Sig").unwrap();
        let other = Header::new("X-Other").unwrap();
        let mut headers = HeaderMap::new();
        assert_eq!(header.find(&headers), Found::Missing);
        headers.append("x-sig", HeaderValue::from_static("a"));
        assert_eq!(
            header.find(&headers),
            Found::One(&HeaderValue::from_static("a"))
        );
        headers.append("X-SIG", HeaderValue::from_static("b"));
        headers.append("x-sig", HeaderValue::from_static("c"));
        assert_eq!(header.find(&headers), Found::Many(3));
        assert_eq!(
            find_each(&headers, [&other, &header]),
            [Found::Missing, Found::Many(3)]
        );
    }

    #[test]
    fn a_walk_and_lookups_agree_at_every_size() {
        let names = ["webhook-id", "webhook-timestamp", "webhook-signature"]
            .map(|name| Header::new(name).unwrap());
        let [id, ts, sig] = &names;
        let mut headers = HeaderMap::new();
        // Past 12 values `find_each` switches from the walk to lookups;
        // grow the map through that point, with a repeat and an absence.
        for filler in 0..30 {
            headers.append("webhook-signature", HeaderValue::from_static("v1,x"));
            if filler == 1 {
                headers.append("webhook-id", HeaderValue::from_static("msg"));
            }
            let name = HeaderName::from_bytes(format!("x-filler-{filler}").as_bytes()).unwrap();
            headers.insert(name, HeaderValue::from_static("f"));
            let found = find_each(&headers, [id, ts, sig]);
            let expected_id = if filler >= 1 {
                Found::One(&HeaderValue::from_static("msg"))
            } else {
                Found::Missing
            };
            let count = filler + 1;
            let expected_sig = if count == 1 {
                Found::One(&HeaderValue::from_static("v1,x"))
            } else {
                Found::Many(count)
            };
            assert_eq!(
                found,
                [expected_id, Found::Missing, expected_sig],
                "{}",
                headers.len()
            );
            assert_eq!(sig.find(&headers), expected_sig);
        }
        assert!(headers.len() > 4 * 3);
    }
}
