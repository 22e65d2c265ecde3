//! Headers: a header's name as a platform documents it, reading a request's
//! headers through the [`Headers`] trait, and the one error for a header
//! that is missing, repeated or not text.

use alloc::borrow::Cow;
use core::{fmt, hash};

use alloc::{string::String, vec::Vec};

#[cfg(feature = "http")]
use http::{HeaderMap, HeaderName, HeaderValue};

/// A header's *name*, as a platform documents it, such as
/// `X-Cortex-Signature`. (What a signature header carries is a
/// [`SignatureValue`](crate::SignatureValue).)
///
/// It keeps the name used on the wire (lowercase, as `http` stores every
/// name) and the spelling the platform's documentation uses, which is what
/// errors and `Display` show. Two headers are equal when their names are,
/// whatever the spelling. It holds text only, no `http` type, so that the
/// presets can be `&'static` constants.
///
/// ```
/// use hooksig::Header;
///
/// let header = Header::new("X-Acme-Signature")?;
/// assert_eq!(header.name(), "x-acme-signature");
/// assert_eq!(header.to_string(), "X-Acme-Signature");
/// # Ok::<(), hooksig::HeaderNameError>(())
/// ```
#[derive(Clone)]
pub struct Header {
    /// The lowercase name.
    name: Cow<'static, str>,
    spelling: Cow<'static, str>,
}

impl Header {
    /// A header from its documented spelling, in any case.
    ///
    /// # Errors
    ///
    /// [`HeaderNameError`] when `spelling` is not a valid HTTP header name:
    /// empty, longer than 65,535 bytes, or with a byte outside RFC 9110's
    /// `token` characters (the names `http` accepts).
    pub fn new(spelling: impl Into<Cow<'static, str>>) -> Result<Self, HeaderNameError> {
        let spelling = spelling.into();
        // By hand rather than through `http`, so that it works without it.
        if spelling.is_empty()
            || spelling.len() > MAX_NAME_LEN
            || !spelling.bytes().all(is_token_byte)
        {
            return Err(HeaderNameError {
                spelling: spelling.into_owned(),
            });
        }
        let name = match &spelling {
            Cow::Borrowed(text) if !text.bytes().any(|b| b.is_ascii_uppercase()) => {
                Cow::Borrowed(*text)
            }
            _ => Cow::Owned(spelling.to_ascii_lowercase()),
        };
        Ok(Self { name, spelling })
    }

    /// A header for the presets: `name` must be `spelling` in lowercase, which
    /// a test checks for every preset.
    pub(crate) const fn preset(spelling: &'static str, name: &'static str) -> Self {
        Self {
            name: Cow::Borrowed(name),
            spelling: Cow::Borrowed(spelling),
        }
    }

    /// The name used on the wire and for lookups, in lowercase.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name as an `http` [`HeaderName`](https://docs.rs/http/1/http/header/struct.HeaderName.html), for inserting into a map.
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn to_header_name(&self) -> HeaderName {
        match &self.name {
            // Checked when the header was made (or, for presets, by a test).
            Cow::Borrowed(name) => HeaderName::from_static(name),
            Cow::Owned(name) => HeaderName::from_bytes(name.as_bytes())
                .unwrap_or_else(|_| HeaderName::from_static("x-invalid")),
        }
    }

    /// The spelling the platform documents.
    pub fn as_str(&self) -> &str {
        &self.spelling
    }

    /// What `headers` holds under this name.
    #[inline]
    pub(crate) fn find<'h, H: Headers + ?Sized>(&self, headers: &'h H) -> Found<'h> {
        let [found] = find_each(headers, [self]);
        found
    }

    /// The one value `headers` holds under this name.
    ///
    /// # Errors
    ///
    /// [`HeaderError::Missing`] or [`HeaderError::Repeated`].
    pub(crate) fn one<'h, H: Headers + ?Sized>(
        &self,
        headers: &'h H,
    ) -> Result<&'h [u8], HeaderError> {
        self.find(headers).one(self)
    }
}

/// A request's headers, as verification reads them: implemented for
/// `http`'s [`HeaderMap`](https://docs.rs/http/1/http/header/struct.HeaderMap.html), and for a slice or array of `(name, value)`
/// pairs for a caller with another HTTP stack (names in any case).
/// Implement it for your own header type with one method.
///
/// ```
/// use hooksig::{Platform, SigningKey};
///
/// let key = SigningKey::new("secret")?;
/// let value = key.sign(b"{}").to_value(hooksig::Encoding::Sha256Hex).to_string();
/// let verifier = Platform::CORTEX.verifier("secret")?;
/// let now = jiff::Timestamp::UNIX_EPOCH; // body-only schemes ignore it
/// verifier.verify(&[("X-Cortex-Signature", value.as_str())], b"{}", now)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Headers {
    /// Every value under `name`, a lowercase header name, in the order
    /// received, repeats included: a scheme needs exactly one value, and
    /// refuses a header sent twice.
    fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a [u8]>;

    /// `Some` for an [`http::HeaderMap`](https://docs.rs/http/1/http/header/struct.HeaderMap.html), which is read with a faster walk.
    #[cfg(feature = "http")]
    #[doc(hidden)]
    fn as_header_map(&self) -> Option<&HeaderMap> {
        None
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Headers for HeaderMap {
    fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a [u8]> {
        self.get_all(name).iter().map(HeaderValue::as_bytes)
    }

    fn as_header_map(&self) -> Option<&HeaderMap> {
        Some(self)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for [(K, V)] {
    fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a [u8]> {
        self.iter()
            .filter(move |(key, _)| key.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> Headers for [(K, V); N] {
    fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a [u8]> {
        self.as_slice().values(name)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for Vec<(K, V)> {
    fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a [u8]> {
        self.as_slice().values(name)
    }
}

/// What a request holds under one header name. A receiver needs exactly
/// one value: with more it cannot know which copy the sender meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found<'h> {
    /// No value.
    Missing,
    /// Exactly one value.
    One(&'h [u8]),
    /// More than one value: how many.
    Many(usize),
}

impl<'h> Found<'h> {
    /// The same after one more value.
    #[cfg(feature = "http")]
    fn and(self, value: &'h [u8]) -> Self {
        match self {
            Self::Missing => Self::One(value),
            Self::One(_) => Self::Many(2),
            Self::Many(count) => Self::Many(count + 1),
        }
    }

    /// The one value, found under `header`.
    ///
    /// # Errors
    ///
    /// [`HeaderError::Missing`] or [`HeaderError::Repeated`].
    #[inline]
    pub(crate) fn one(self, header: &Header) -> Result<&'h [u8], HeaderError> {
        match self {
            Self::One(value) => Ok(value),
            Self::Missing => Err(missing(header)),
            Self::Many(count) => Err(repeated(header, count)),
        }
    }
}

// Out of line: the error paths clone the header name, which a request
// that verifies never needs.
#[cold]
#[inline(never)]
fn missing(header: &Header) -> HeaderError {
    HeaderError::Missing {
        header: header.clone(),
    }
}

#[cold]
#[inline(never)]
fn repeated(header: &Header, count: usize) -> HeaderError {
    HeaderError::Repeated {
        header: header.clone(),
        count,
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
#[inline]
pub(crate) fn find_each<'h, H: Headers + ?Sized, const N: usize>(
    headers: &'h H,
    names: [&Header; N],
) -> [Found<'h>; N] {
    #[cfg(feature = "http")]
    if let Some(map) = headers.as_header_map() {
        return find_each_in_map(map, names);
    }
    names.map(|header| count(headers.values(header.name())))
}

#[cfg(feature = "http")]
#[inline]
fn find_each_in_map<'h, const N: usize>(map: &'h HeaderMap, names: [&Header; N]) -> [Found<'h>; N] {
    if map.len() <= 4 * N {
        let mut found = [Found::Missing; N];
        // `iter` yields every value, repeats included, so counts are exact.
        for (name, value) in map {
            for (slot, header) in found.iter_mut().zip(names) {
                if name.as_str() == header.name() {
                    *slot = slot.and(value.as_bytes());
                }
            }
        }
        found
    } else {
        names.map(|header| count(map.get_all(header.name()).iter().map(HeaderValue::as_bytes)))
    }
}

#[inline]
fn count<'h>(mut values: impl Iterator<Item = &'h [u8]>) -> Found<'h> {
    match (values.next(), values.count()) {
        (None, _) => Found::Missing,
        (Some(value), 0) => Found::One(value),
        (Some(_), more) => Found::Many(more + 1),
    }
}

/// The longest header name `http` accepts.
const MAX_NAME_LEN: usize = (1 << 16) - 1;

/// RFC 9110's `tchar`: the bytes a header name (a `token`) is made of.
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// [`Header::new`] was given a name HTTP does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{spelling}` is not a valid HTTP header name")]
#[non_exhaustive]
pub struct HeaderNameError {
    /// The spelling that was refused.
    pub spelling: String,
}

/// A header that a scheme, a receiver or a sender needs is absent, sent
/// more than once, or has a value that is not text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderError {
    /// The header is absent, or no value was given for it.
    #[error("missing header {header}")]
    Missing {
        /// The absent header.
        header: Header,
    },
    /// The header appears more than once, so it is unclear which copy the
    /// sender meant.
    #[error("{count} {header} headers, expected exactly one")]
    Repeated {
        /// The repeated header.
        header: Header,
        /// How many times it appeared.
        count: usize,
    },
    /// The header's value has bytes it cannot carry as text (a line break,
    /// or bytes that are not visible ASCII where text is needed).
    #[error("header {header} has a value that is not visible ASCII text")]
    NotText {
        /// The header whose value was refused.
        header: Header,
    },
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
    fn names_are_checked_by_hand_as_http_checks_them() {
        let a = Header::new("X-Signature").unwrap();
        assert_eq!(a, Header::new("x-signature").unwrap());
        assert_eq!(a.name(), "x-signature");
        assert_eq!(a.as_str(), "X-Signature");
        for bad in ["", "bad header", "x:sig", "x\u{e9}", "x\nsig"] {
            let error = Header::new(bad).unwrap_err();
            assert_eq!(error.spelling, bad);
        }
        assert!(Header::new("a".repeat(MAX_NAME_LEN)).is_ok());
        assert!(Header::new("a".repeat(MAX_NAME_LEN + 1)).is_err());
        // Every byte, alone and inside a name, as `http` would judge it.
        #[cfg(feature = "http")]
        for byte in 0..=u8::MAX {
            for bytes in [vec![byte], vec![b'x', byte, b'y']] {
                let Ok(text) = String::from_utf8(bytes.clone()) else {
                    continue;
                };
                let ours = Header::new(text).map(|header| header.to_header_name());
                let http = HeaderName::from_bytes(&bytes);
                assert_eq!(ours.is_ok(), http.is_ok(), "{bytes:?}");
                if let (Ok(ours), Ok(http)) = (ours, http) {
                    assert_eq!(ours, http);
                }
            }
        }
    }

    #[cfg(feature = "http")]
    #[test]
    fn equal_by_name_whatever_the_spelling() {
        let a = Header::new("X-Signature").unwrap();
        let b = Header::new("x-signature").unwrap();
        assert_eq!(a, b);
        assert_ne!(a.to_string(), b.to_string());
        assert_eq!(a.name(), "x-signature");
        assert_eq!(a.to_header_name(), "x-signature");
        assert_eq!(
            Header::new(String::from("X-Owned"))
                .unwrap()
                .to_header_name(),
            "x-owned"
        );
        assert!(Header::new("bad header").is_err());
    }

    #[cfg(feature = "http")]
    #[test]
    fn finds_one_value_or_counts_them() {
        let header = Header::new("X-Sig").unwrap();
        let other = Header::new("X-Other").unwrap();
        let mut headers = HeaderMap::new();
        assert_eq!(header.find(&headers), Found::Missing);
        headers.append("x-sig", HeaderValue::from_static("a"));
        assert_eq!(header.find(&headers), Found::One(b"a"));
        headers.append("X-SIG", HeaderValue::from_static("b"));
        headers.append("x-sig", HeaderValue::from_static("c"));
        assert_eq!(header.find(&headers), Found::Many(3));
        assert_eq!(
            find_each(&headers, [&other, &header]),
            [Found::Missing, Found::Many(3)]
        );
    }

    #[cfg(feature = "http")]
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
                Found::One(b"msg")
            } else {
                Found::Missing
            };
            let count = filler + 1;
            let expected_sig = if count == 1 {
                Found::One(b"v1,x")
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
            let pairs: Vec<(String, Vec<u8>)> = headers
                .iter()
                .map(|(name, value)| (name.as_str().to_uppercase(), value.as_bytes().to_vec()))
                .collect();
            assert_eq!(find_each(&pairs, [id, ts, sig]), found, "pairs");
        }
        assert!(headers.len() > 4 * 3);
    }
}
