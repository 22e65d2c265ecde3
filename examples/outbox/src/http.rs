//! Sending one attempt with `reqwest`, and what came of it.

use std::time::{Duration, Instant};

use hooksig::delivery::{DeliveryPolicy, Outcome};
use jiff::Timestamp;

use crate::Error;

/// The most response bytes read; the record keeps fewer
/// ([`ResponseBody::DEFAULT_LIMIT`](hooksig::delivery::ResponseBody::DEFAULT_LIMIT)).
const READ_LIMIT: usize = 64 * 1024;

/// An HTTP client set to the policy's timeout.
#[derive(Debug, Clone)]
pub struct Client {
    client: reqwest::Client,
    policy: DeliveryPolicy,
}

/// One attempt as the client saw it.
#[derive(Debug)]
pub struct Sent {
    /// When the request went out, by this machine's clock.
    pub sent_at: Timestamp,
    /// From sending to the end of the response or the failure.
    pub duration: Duration,
    /// What it means, by the policy.
    pub outcome: Outcome,
    /// The response body (its first 64 KiB), when a response came.
    pub body: Option<Vec<u8>>,
}

impl Client {
    /// A client whose whole request, body included, times out at
    /// `policy.timeout`.
    ///
    /// # Errors
    ///
    /// [`Error::Client`] when reqwest cannot set one up.
    pub fn new(policy: &DeliveryPolicy) -> Result<Self, Error> {
        let client = reqwest::Client::builder()
            .timeout(policy.timeout)
            .pool_max_idle_per_host(64)
            .build()
            .map_err(Error::Client)?;
        Ok(Self {
            client,
            policy: policy.clone(),
        })
    }

    /// Sends `request` and reads the answer. Never fails: a timeout or a
    /// broken connection is an [`Outcome`] like a status.
    pub async fn send(&self, request: http::Request<Vec<u8>>) -> Sent {
        let sent_at = Timestamp::now();
        let start = Instant::now();
        let answer = match reqwest::Request::try_from(request) {
            Ok(request) => read(self.client.execute(request).await).await,
            // A URL reqwest cannot send to: no connection is made.
            Err(_) => Err(Outcome::ConnectionFailed),
        };
        let duration = start.elapsed();
        let (outcome, body) = match answer {
            Ok((status, body)) => (self.policy.outcome(status, duration), Some(body)),
            Err(outcome) => (outcome, None),
        };
        Sent {
            sent_at,
            duration,
            outcome,
            body,
        }
    }
}

async fn read(
    response: Result<reqwest::Response, reqwest::Error>,
) -> Result<(http::StatusCode, Vec<u8>), Outcome> {
    let mut response = response.map_err(|error| failure(&error))?;
    let status = response.status();
    let mut body = Vec::new();
    while body.len() < READ_LIMIT {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(error) => return Err(failure(&error)),
        }
    }
    body.truncate(READ_LIMIT);
    Ok((status, body))
}

fn failure(error: &reqwest::Error) -> Outcome {
    if error.is_timeout() {
        Outcome::TimedOut
    } else {
        Outcome::ConnectionFailed
    }
}
