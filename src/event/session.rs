//! Hardware-simulation session events, as Emuluxe sends them.
//!
//! Every body is `{ "event", "timestamp", "sessionId", "uid", "data" }`
//! (seed 000, "Payload Schema"), camelCase. The seed shows one example, a
//! `session.started`; every field in it is typed and required.
//! `session.ended` has only prose ("final session duration and status"):
//! its fields are inferred and optional.
//!
//! Emuluxe sends no delivery id and no event id, so an Emuluxe event has no
//! [idempotency key](super::Envelope::idempotency_key).

use alloc::string::String;
use jiff::Timestamp;

use super::{
    Extra, Rfc3339, Timestamped,
    macros::{data_envelope, event_data, open_enum},
    record::record,
    wire,
};
use crate::Platform;

data_envelope! {
    platform: Platform::EMULUXE,
    /// An Emuluxe webhook body. Every envelope field is in the seed's example.
    ///
    /// ```
    /// use hooksig::event::{Envelope, session};
    ///
    /// let event = session::Event::decode(br#"{
    ///   "event": "session.started",
    ///   "timestamp": "2024-03-23T14:30:00.000Z",
    ///   "sessionId": "b4cf-9a2e-4b1a-8c3d",
    ///   "uid": "user_29384",
    ///   "data": { "device": "iphone-15-pro-max", "url": "https:/staging.acme.com", "source": "cli" }
    /// }"#)?;
    /// let session::Data::Started(started) = &event.data else { panic!("not started") };
    /// assert_eq!(started.source, session::Source::Cli);
    /// assert_eq!(event.timestamp.as_str(), "2024-03-23T14:30:00.000Z");
    /// # Ok::<(), hooksig::event::DecodeError>(())
    /// ```
    pub struct Event {
        /// `timestamp`: when Emuluxe sent the event.
        timestamp: Rfc3339 = "timestamp",
        /// `sessionId`: the simulation session.
        session_id: String = "sessionId",
        /// `uid`: the user.
        uid: String = "uid",
    }
}

event_data! {
    /// The `data` of an Emuluxe event, chosen by its name.
    pub enum Data {
        /// `session.started`: a simulation session was initialized.
        "session.started" => Started(Started),
        /// `session.ended`: the user closed a session or it timed out.
        "session.ended" => Ended(Ended),
    }
}

open_enum! {
    /// Where a session was started from: "CLI, IDE, or Platform". The
    /// seed's example writes `cli`; `ide` and `platform` are inferred in
    /// the same lowercase.
    pub enum Source {
        /// `cli`: the command-line toolchain.
        Cli = "cli",
        /// `ide` (inferred).
        Ide = "ide",
        /// `platform` (inferred): the web platform.
        Platform = "platform",
    }
}

record! {
    /// `session.started` data. Every field is in the seed's example.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Started {
        /// `device`: the simulated device, such as `iphone-15-pro-max`.
        device: String = "device",
        /// `url`: the target URL, as sent (not parsed: the seed's own
        /// example, `https:/staging.acme.com`, is not a valid URL).
        url: String = "url",
        /// `source`: where the session was started from.
        source: Source = "source",
    }
}

impl Started {
    /// `session.started` data with every documented field.
    pub fn new(device: impl Into<String>, url: impl Into<String>, source: Source) -> Self {
        Self {
            device: device.into(),
            url: url.into(),
            source,
            extra: Extra::new(),
        }
    }
}

record! {
    /// `session.ended` data. The seed shows no example, only "final session
    /// duration and status": both fields are inferred, named in the
    /// envelope's camelCase, and optional.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Ended {
        /// `duration` (inferred): the session's final duration, a number in
        /// a unit the seed does not give.
        #[serde(
            skip_serializing_if = "Option::is_none",
            serialize_with = "wire::js_number::option"
        )]
        duration: Option<f64> = "duration",
        /// `status` (inferred): how the session ended, as sent; the seed
        /// names no values.
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<String> = "status",
    }
}

impl Ended {
    /// `session.ended` data with its optional fields unset.
    pub fn new() -> Self {
        Self {
            duration: None,
            status: None,
            extra: Extra::new(),
        }
    }
}

impl Default for Ended {
    fn default() -> Self {
        Self::new()
    }
}

impl Timestamped for Event {
    const FRESHNESS: Option<crate::Tolerance> = Some(crate::Tolerance::DEFAULT);

    fn timestamp(&self) -> Timestamp {
        self.timestamp.instant()
    }
}
