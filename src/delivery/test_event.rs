//! Test events: PulseLABS's "Send test".

use alloc::string::String;
use jiff::Timestamp;

use super::{Delivery, DeliveryId};
use crate::event::{EncodeError, debate};

impl Delivery {
    /// PulseLABS's `webhook.test` for the webhook `webhook_id`, as "Send
    /// test" in its dashboard sends it: `data: { webhookId, message,
    /// timestamp }`, with `now` as the timestamp. The body is
    /// [`debate::Event::webhook_test`], encoded.
    ///
    /// A test goes to the endpoint under test whatever it subscribes to:
    /// send it directly, without asking [`Endpoint::wants`](super::Endpoint::wants).
    ///
    /// # Errors
    ///
    /// As [`Envelope::to_vec`](crate::event::Envelope::to_vec), which the
    /// crate's types never fail.
    ///
    /// ```
    /// use hooksig::delivery::Delivery;
    ///
    /// let now: jiff::Timestamp = "2024-03-23T14:30:00Z".parse()?;
    /// let test = Delivery::webhook_test("d-1".parse()?, "wh_123", "Hello from PulseLABS", now)?;
    /// assert_eq!(test.event(), "webhook.test");
    /// assert_eq!(
    ///     test.body(),
    ///     br#"{"event":"webhook.test","data":{"webhookId":"wh_123","message":"Hello from PulseLABS","timestamp":"2024-03-23T14:30:00.000Z"}}"#,
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn webhook_test(
        id: DeliveryId,
        webhook_id: impl Into<String>,
        message: impl Into<String>,
        now: Timestamp,
    ) -> Result<Self, EncodeError> {
        Self::from_event(id, &debate::Event::webhook_test(webhook_id, message, now))
    }
}
