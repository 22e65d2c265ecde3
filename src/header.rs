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

    /// The one value of this header in `headers`.
    ///
    /// `Ok(None)` when it is absent; `Err(count)` when it appears more than
    /// once, since a receiver cannot know which copy the sender meant.
    pub(crate) fn single<'h>(
        &self,
        headers: &'h HeaderMap,
    ) -> Result<Option<&'h HeaderValue>, usize> {
        let mut values = headers.get_all(&self.name).iter();
        let first = values.next();
        match values.count() {
            0 => Ok(first),
            more => Err(more + 1),
        }
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
    fn single_value_or_count() {
        let header = Header::new("X-Sig").unwrap();
        let mut headers = HeaderMap::new();
        assert_eq!(header.single(&headers), Ok(None));
        headers.append("x-sig", HeaderValue::from_static("a"));
        assert_eq!(
            header.single(&headers),
            Ok(Some(&HeaderValue::from_static("a")))
        );
        headers.append("X-SIG", HeaderValue::from_static("b"));
        headers.append("x-sig", HeaderValue::from_static("c"));
        assert_eq!(header.single(&headers), Err(3));
    }
}
