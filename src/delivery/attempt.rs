//! Attempt numbers.

use core::{fmt, num::NonZeroU32};

use serde::{Deserialize, Serialize};

/// The number of a delivery attempt, counting from 1: the first send is
/// attempt 1, its first retry attempt 2.
///
/// Serializes as its number; deserializing refuses 0.
///
/// ```
/// use hooksig::delivery::Attempt;
///
/// assert_eq!(Attempt::FIRST.get(), 1);
/// assert_eq!(Attempt::FIRST.next().map(Attempt::get), Some(2));
/// assert_eq!(Attempt::new(0), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Attempt(NonZeroU32);

impl Attempt {
    /// Attempt 1, the first send.
    pub const FIRST: Self = Self(NonZeroU32::MIN);

    /// Attempt `number`, or `None` for 0.
    pub const fn new(number: u32) -> Option<Self> {
        match NonZeroU32::new(number) {
            Some(number) => Some(Self(number)),
            None => None,
        }
    }

    /// The attempt's number, 1 or more.
    pub const fn get(self) -> u32 {
        self.0.get()
    }

    /// The attempt after this one, or `None` past `u32::MAX`.
    pub const fn next(self) -> Option<Self> {
        match self.0.checked_add(1) {
            Some(number) => Some(Self(number)),
            None => None,
        }
    }

    /// How many retries came before this attempt: 0 for the first.
    pub const fn retries_before(self) -> u32 {
        self.0.get() - 1
    }
}

impl fmt::Display for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
