//! The outbox's errors.

use hooksig::delivery::{DeliveryIdError, ReplayError};
use hooksig::event::EncodeError;
use hooksig::{KeyError, RequestError};

/// Why an outbox operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database refused or lost a query.
    #[error("the store failed")]
    Store(#[from] sqlx::Error),
    /// The job engine failed (setting up its tables, pushing a job, running
    /// a worker).
    #[error("the job engine failed: {reason}")]
    Engine {
        /// The engine's message.
        reason: String,
    },
    /// A stored row did not read back as what was written.
    #[error("a stored {what} does not read back")]
    Corrupt {
        /// Which kind of row.
        what: &'static str,
        /// Why it does not parse.
        #[source]
        error: serde_json::Error,
    },
    /// No endpoint is registered under this id.
    #[error("no endpoint {id}")]
    NoEndpoint {
        /// The id asked for.
        id: String,
    },
    /// No delivery is stored under this id, or it has no attempt yet.
    #[error("no recorded attempt of delivery {id}")]
    NoRecord {
        /// The id asked for.
        id: String,
    },
    /// An endpoint's secret is not usable on the platform.
    #[error("the secret of endpoint {endpoint} is refused")]
    Key {
        /// The endpoint.
        endpoint: String,
        /// What hooksig said.
        #[source]
        error: KeyError,
    },
    /// hooksig could not build the request.
    #[error("the request for delivery {delivery} could not be built")]
    Request {
        /// The delivery.
        delivery: String,
        /// What hooksig said.
        #[source]
        error: RequestError,
    },
    /// A replay was refused.
    #[error(transparent)]
    Replay(#[from] ReplayError),
    /// A generated delivery id was refused (it never is: they are UUIDs).
    #[error(transparent)]
    DeliveryId(#[from] DeliveryIdError),
    /// A typed event did not encode.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// The HTTP client could not be set up.
    #[error("the HTTP client could not be built")]
    Client(#[source] reqwest::Error),
}

impl Error {
    pub(crate) fn engine(error: impl std::fmt::Display) -> Self {
        Self::Engine {
            reason: error.to_string(),
        }
    }

    pub(crate) fn corrupt(what: &'static str) -> impl FnOnce(serde_json::Error) -> Self {
        move |error| Self::Corrupt { what, error }
    }
}
