//! Multi-agent debate and simulation events, as PulseLABS sends them.
//!
//! The seed (001) shows no example body. It names each event's `data`
//! fields (`data: { conversationId, synthesis }`, ...), and its receiver
//! reads `event.event` and `event.data`: so the envelope is
//! `{ "event", "data" }` (inferred; other top-level fields are kept in
//! `extra`), the `data` field names are documented and required, and their
//! types are inferred from their names and the event descriptions.
//!
//! PulseLABS sends `X-PulseLabs-Delivery`, "unique delivery attempt UUID":
//! that header is the [idempotency key](super::Envelope::idempotency_key).

use super::{
    Extra, Rfc3339,
    macros::{data_envelope, event_data},
    record::record,
};
use crate::Platform;
use alloc::string::String;

data_envelope! {
    platform: Platform::PULSELABS,
    /// A PulseLABS webhook body.
    ///
    /// ```
    /// use hooksig::event::{Envelope, debate};
    ///
    /// let event = debate::Event::decode(br#"{"event":"simulation.tick.completed","data":{"simulationId":"sim_1","turn":3,"stateCount":12}}"#)?;
    /// let debate::Data::TickCompleted(tick) = &event.data else { panic!("not a tick") };
    /// assert_eq!((tick.turn, tick.state_count), (3, 12));
    /// # Ok::<(), hooksig::event::DecodeError>(())
    /// ```
    pub struct Event {}
}

impl Event {
    /// A `webhook.test` event, as PulseLABS sends for "Send test": see
    /// [`WebhookTest::new`].
    pub fn webhook_test(
        webhook_id: impl Into<String>,
        message: impl Into<String>,
        timestamp: impl Into<Rfc3339>,
    ) -> Self {
        Self::new(Data::WebhookTest(WebhookTest::new(
            webhook_id, message, timestamp,
        )))
    }
}

event_data! {
    /// The `data` of a PulseLABS event, chosen by its name.
    pub enum Data {
        /// `debate.synthesized`: a multi-agent debate produced a synthesis.
        "debate.synthesized" => Synthesized(Synthesized),
        /// `simulation.tick.completed`: one turn of a simulation advanced.
        "simulation.tick.completed" => TickCompleted(TickCompleted),
        /// `simulation.report.ready`: a simulation's full report is ready.
        "simulation.report.ready" => ReportReady(ReportReady),
        /// `webhook.test`: "Send test" in the dashboard, or the test endpoint.
        "webhook.test" => WebhookTest(WebhookTest),
    }
}

record! {
    /// `debate.synthesized` data: `{ conversationId, synthesis }`. Names
    /// documented; types inferred.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Synthesized {
        /// `conversationId`: the conversation whose message started the debate.
        conversation_id: String = "conversationId",
        /// `synthesis`: the debate's synthesis, as text (inferred).
        synthesis: String = "synthesis",
    }
}

impl Synthesized {
    /// `debate.synthesized` data.
    pub fn new(conversation_id: impl Into<String>, synthesis: impl Into<String>) -> Self {
        Self {
            conversation_id: conversation_id.into(),
            synthesis: synthesis.into(),
            extra: Extra::new(),
        }
    }
}

record! {
    /// `simulation.tick.completed` data: `{ simulationId, turn, stateCount }`.
    /// Names documented; types inferred (counts as whole numbers).
    ///
    /// Build one with [`TickCompletedFields`], which names both counts.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct TickCompleted {
        /// `simulationId`.
        simulation_id: String = "simulationId",
        /// `turn`: the turn that completed.
        turn: u64 = "turn",
        /// `stateCount`: how many states the simulation holds.
        state_count: u64 = "stateCount",
    }
    ///
    /// ```
    /// use hooksig::event::debate::{TickCompleted, TickCompletedFields};
    ///
    /// let tick = TickCompleted::from(TickCompletedFields {
    ///     simulation_id: "sim_1".into(),
    ///     turn: 3,
    ///     state_count: 12,
    /// });
    /// assert_eq!((tick.turn, tick.state_count), (3, 12));
    /// ```
    named TickCompletedFields;
}

record! {
    /// `simulation.report.ready` data: `{ simulationId, name, turnsCompleted }`.
    /// Names documented; types inferred.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ReportReady {
        /// `simulationId`.
        simulation_id: String = "simulationId",
        /// `name`: the simulation's name.
        name: String = "name",
        /// `turnsCompleted`: how many turns the simulation ran.
        turns_completed: u64 = "turnsCompleted",
    }
}

impl ReportReady {
    /// `simulation.report.ready` data.
    pub fn new(
        simulation_id: impl Into<String>,
        name: impl Into<String>,
        turns_completed: u64,
    ) -> Self {
        Self {
            simulation_id: simulation_id.into(),
            name: name.into(),
            turns_completed,
            extra: Extra::new(),
        }
    }
}

record! {
    /// `webhook.test` data: `{ webhookId, message, timestamp }`. Names
    /// documented; types inferred (`timestamp` as RFC 3339, as the other seed
    /// platforms write it).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct WebhookTest {
        /// `webhookId`: the webhook being tested.
        webhook_id: String = "webhookId",
        /// `message`: a human-readable test message.
        message: String = "message",
        /// `timestamp`: when the test was sent.
        timestamp: Rfc3339 = "timestamp",
    }
}

impl WebhookTest {
    /// `webhook.test` data. A [`jiff::Timestamp`](https://docs.rs/jiff/0.2/jiff/struct.Timestamp.html) given as `timestamp` is
    /// written with milliseconds, `2024-03-23T14:30:00.000Z`.
    ///
    /// ```
    /// use hooksig::event::debate::WebhookTest;
    ///
    /// let sent = jiff::Timestamp::from_second(1_711_204_200)?;
    /// let test = WebhookTest::new("wh_123", "It works", sent);
    /// assert_eq!(test.timestamp.as_str(), "2024-03-23T14:30:00.000Z");
    /// # Ok::<(), jiff::Error>(())
    /// ```
    pub fn new(
        webhook_id: impl Into<String>,
        message: impl Into<String>,
        timestamp: impl Into<Rfc3339>,
    ) -> Self {
        Self {
            webhook_id: webhook_id.into(),
            message: message.into(),
            timestamp: timestamp.into(),
            extra: Extra::new(),
        }
    }
}
