//! App build and job events, as Capawesome Cloud sends them.
//!
//! Every body is `{ "event", "data" }` (seed 002), camelCase, with times as
//! integer milliseconds since the Unix epoch ([`UnixMillis`]) and `null`
//! for what has not happened. The seed shows one example, a `job_finished`:
//! every field in it is typed, and a field that can be `null` is an
//! `Option` that is always written (as `null` when `None`), as the example
//! writes it. `job_created` carries the same job record, at creation. The
//! `app_build_created` and `app_deployment_created` records are not
//! shown: their fields are inferred from the job record's naming and are
//! optional.
//!
//! Capawesome sends no delivery id and no event id, so a Capawesome event
//! has no [idempotency key](super::Envelope::idempotency_key).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    UnixMillis,
    macros::{data_envelope, event_data, open_enum},
};
use crate::Platform;

data_envelope! {
    platform: Platform::CAPAWESOME,
    /// A Capawesome webhook body.
    ///
    /// ```
    /// use hooksig::event::{Envelope, job};
    ///
    /// let event = job::Event::decode(br#"{"event":"app_build_created","data":{"id":"b1","appId":"a1","createdAt":1771143256161}}"#)?;
    /// let job::Data::AppBuildCreated(build) = &event.data else { panic!("not a build") };
    /// assert_eq!(build.created_at.map(|at| at.as_millisecond()), Some(1_771_143_256_161));
    /// # Ok::<(), hooksig::event::DecodeError>(())
    /// ```
    pub struct Event {}
}

event_data! {
    /// The `data` of a Capawesome event, chosen by its name.
    pub enum Data {
        /// `app_build_created`: a new app build was created.
        "app_build_created" => AppBuildCreated(AppBuild),
        /// `app_deployment_created`: a new deployment was created.
        "app_deployment_created" => AppDeploymentCreated(AppDeployment),
        /// `job_created`: a new job was created.
        "job_created" => JobCreated(Job),
        /// `job_finished`: a job finished.
        "job_finished" => JobFinished(Job),
    }
}

open_enum! {
    /// A job's `status`. The seed's example shows `canceled`.
    pub enum JobStatus {
        /// `canceled`.
        Canceled = "canceled",
    }
}

/// A job record, the `data` of `job_finished` (the seed's example, every
/// field) and of `job_created` (inferred: the same record at creation).
///
/// Required: the ids, `stack`, `status` and `createdAt`, which every job
/// has. Every other field is an `Option`: those the example shows as
/// `null`, and those that stay `null` until something happens (a job that
/// was never canceled has no `canceledAt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Job {
    /// `id`: the job.
    pub id: String,
    /// `appBuildId`: the build the job runs, if it runs one.
    pub app_build_id: Option<String>,
    /// `appDeploymentId`: the deployment the job runs, if it runs one.
    pub app_deployment_id: Option<String>,
    /// `appId`.
    pub app_id: String,
    /// `canceledAt`.
    pub canceled_at: Option<UnixMillis>,
    /// `canceledBy`: the user who canceled the job.
    pub canceled_by: Option<String>,
    /// `finishedAt`.
    pub finished_at: Option<UnixMillis>,
    /// `inProgressAt`.
    pub in_progress_at: Option<UnixMillis>,
    /// `inProgressTimeInSeconds`.
    pub in_progress_time_in_seconds: Option<u64>,
    /// `organizationId`.
    pub organization_id: String,
    /// `pendingAt`.
    pub pending_at: Option<UnixMillis>,
    /// `pendingTimeInSeconds`.
    pub pending_time_in_seconds: Option<u64>,
    /// `queuedAt`.
    pub queued_at: Option<UnixMillis>,
    /// `queueTimeInSeconds`.
    pub queue_time_in_seconds: Option<u64>,
    /// `stack`: the build machine's stack, such as `macos-tahoe`.
    pub stack: String,
    /// `status`.
    pub status: JobStatus,
    /// `totalTimeInSeconds`.
    pub total_time_in_seconds: Option<u64>,
    /// `createdAt`.
    pub created_at: UnixMillis,
    /// `createdBy`: the user who created the job.
    pub created_by: Option<String>,
    /// Fields the crate does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Job {
    /// A job record with its required fields; every optional one is `None`.
    pub fn new(
        id: impl Into<String>,
        app_id: impl Into<String>,
        organization_id: impl Into<String>,
        stack: impl Into<String>,
        status: JobStatus,
        created_at: UnixMillis,
    ) -> Self {
        Self {
            id: id.into(),
            app_build_id: None,
            app_deployment_id: None,
            app_id: app_id.into(),
            canceled_at: None,
            canceled_by: None,
            finished_at: None,
            in_progress_at: None,
            in_progress_time_in_seconds: None,
            organization_id: organization_id.into(),
            pending_at: None,
            pending_time_in_seconds: None,
            queued_at: None,
            queue_time_in_seconds: None,
            stack: stack.into(),
            status,
            total_time_in_seconds: None,
            created_at,
            created_by: None,
            extra: Map::new(),
        }
    }
}

macro_rules! record {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// The seed shows no example: `id`, `appId`, `createdAt` and
        /// `createdBy` are inferred from the job record, which names a
        /// record's own id `id`, its app `appId` and its creation
        /// `createdAt`/`createdBy`. All are optional and written only when
        /// set.
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[non_exhaustive]
        pub struct $name {
            /// `id` (inferred).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<String>,
            /// `appId` (inferred).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub app_id: Option<String>,
            /// `createdAt` (inferred).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub created_at: Option<UnixMillis>,
            /// `createdBy` (inferred).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub created_by: Option<String>,
            /// Fields the crate does not know, kept as received.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }

        impl $name {
            /// A record with `id` and no other field set.
            pub fn new(id: impl Into<String>) -> Self {
                Self {
                    id: Some(id.into()),
                    ..Self::default()
                }
            }
        }
    };
}

record! {
    /// An app build record, the `data` of `app_build_created`.
    AppBuild
}

record! {
    /// A deployment record, the `data` of `app_deployment_created`.
    AppDeployment
}
