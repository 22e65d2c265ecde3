//! Replays: sending a logged delivery again, byte for byte.

use super::{Delivery, DeliveryId, DeliveryRecord};

impl DeliveryRecord {
    /// A new delivery that sends this record's body again, byte for byte,
    /// under the fresh id `id`, marked as a replay of this record's
    /// delivery.
    ///
    /// This is SPLEXA's "Replay" ("re-send the original payload
    /// byte-for-byte", recorded so it is "distinguishable from organic
    /// events") and Capawesome's manual resend. The body is not rebuilt, so
    /// its signature is made over the same bytes, and ids inside the payload
    /// (SPLEXA's `audit.id`) are sent again for the receiver to deduplicate.
    ///
    /// # Errors
    ///
    /// [`ReplayError::SameId`] when `id` is this record's own delivery id: a
    /// receiver that deduplicates by delivery id would drop the replay.
    ///
    /// ```
    /// use core::time::Duration;
    /// use hooksig::delivery::Delivery;
    /// use hooksig::delivery::{Attempt, Attempted, Outcome};
    /// use jiff::Timestamp;
    ///
    /// let original = Delivery::new("d-1".parse()?, "device.degraded", br#"{"event": "device.degraded"}"#.to_vec());
    /// let record = original.record(Attempted {
    ///     attempt: Attempt::FIRST,
    ///     sent_at: Timestamp::from_second(1_777_466_096)?,
    ///     duration: Duration::from_secs(8),
    ///     outcome: Outcome::TimedOut,
    ///     response_body: None,
    /// });
    ///
    /// let replay = record.replay("d-2".parse()?)?;
    /// assert_eq!(replay.body(), original.body());
    /// assert_eq!(replay.id().as_str(), "d-2");
    /// assert_eq!(replay.replay_of().map(|id| id.as_str()), Some("d-1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replay(&self, id: DeliveryId) -> Result<Delivery, ReplayError> {
        if id == self.delivery_id {
            return Err(ReplayError::SameId { id });
        }
        Ok(Delivery {
            id,
            event: self.event.clone(),
            body: self.request_body.clone(),
            replay_of: Some(self.delivery_id.clone()),
        })
    }
}

/// Why a replay was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// The id given for the replay is the original delivery's.
    #[error("a replay needs a fresh delivery id, and {id} is the original's")]
    SameId {
        /// The id given.
        id: DeliveryId,
    },
}
