//! Delivery ids.

use alloc::{boxed::Box, string::String};
use core::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

/// The id of one delivery, sent in the platform's delivery header
/// (`X-PulseLabs-Delivery`, `X-Cortex-Delivery`) and kept in the delivery
/// log.
///
/// The crate makes no ids, since it has no randomness: pass a fresh UUID
/// (or any unique token) for each delivery, and another for each replay.
/// An id is 1 to 256 visible ASCII characters, so it can always be a header
/// value.
///
/// ```
/// use hooksig::delivery::{DeliveryId, DeliveryIdError};
///
/// let id: DeliveryId = "0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e".parse()?;
/// assert_eq!(id.as_str(), "0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e");
/// assert_eq!("two words".parse::<DeliveryId>(), Err(DeliveryIdError::InvalidCharacter { at: 3 }));
/// # Ok::<(), DeliveryIdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DeliveryId(Box<str>);

impl DeliveryId {
    /// The longest id accepted, in bytes.
    pub const MAX_LEN: usize = 256;

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for DeliveryId {
    type Err = DeliveryIdError;

    fn from_str(id: &str) -> Result<Self, Self::Err> {
        if id.is_empty() {
            return Err(DeliveryIdError::Empty);
        }
        if id.len() > Self::MAX_LEN {
            return Err(DeliveryIdError::TooLong { len: id.len() });
        }
        if let Some(at) = id.bytes().position(|byte| !byte.is_ascii_graphic()) {
            return Err(DeliveryIdError::InvalidCharacter { at });
        }
        Ok(Self(id.into()))
    }
}

impl TryFrom<String> for DeliveryId {
    type Error = DeliveryIdError;

    fn try_from(id: String) -> Result<Self, Self::Error> {
        id.parse()
    }
}

impl TryFrom<&str> for DeliveryId {
    type Error = DeliveryIdError;

    fn try_from(id: &str) -> Result<Self, Self::Error> {
        id.parse()
    }
}

impl From<DeliveryId> for String {
    fn from(id: DeliveryId) -> Self {
        id.0.into()
    }
}

impl AsRef<str> for DeliveryId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DeliveryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a delivery id was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeliveryIdError {
    /// The id was empty.
    #[error("the delivery id is empty")]
    Empty,
    /// The id was longer than [`DeliveryId::MAX_LEN`].
    #[error("the delivery id is {len} bytes long, more than the 256 allowed")]
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// A byte that is not visible ASCII: a space, a control character or
    /// non-ASCII text, none of which every header value can carry.
    #[error("the delivery id has a byte at {at} that is not visible ASCII")]
    InvalidCharacter {
        /// Byte offset of the first such byte.
        at: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals() {
        assert_eq!("".parse::<DeliveryId>(), Err(DeliveryIdError::Empty));
        assert_eq!(
            "a\r\nb".parse::<DeliveryId>(),
            Err(DeliveryIdError::InvalidCharacter { at: 1 })
        );
        assert_eq!(
            "é".parse::<DeliveryId>(),
            Err(DeliveryIdError::InvalidCharacter { at: 0 })
        );
        let long = "x".repeat(DeliveryId::MAX_LEN + 1);
        assert_eq!(
            long.parse::<DeliveryId>(),
            Err(DeliveryIdError::TooLong { len: 257 })
        );
        assert!(
            "x".repeat(DeliveryId::MAX_LEN)
                .parse::<DeliveryId>()
                .is_ok()
        );
    }

    #[test]
    fn serde_validates() {
        let id: DeliveryId = serde_json::from_str(r#""evt_1""#).unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""evt_1""#);
        assert!(serde_json::from_str::<DeliveryId>(r#""a b""#).is_err());
    }
}
