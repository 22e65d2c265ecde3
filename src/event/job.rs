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

use super::{
    Extra, UnixMillis,
    macros::{data_envelope, event_data, open_enum},
    record::record,
};
use crate::Platform;
use alloc::string::String;

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

record! {
    /// A job record, the `data` of `job_finished` (the seed's example, every
    /// field) and of `job_created` (inferred: the same record at creation).
    ///
    /// Required: the ids, `stack`, `status` and `createdAt`, which every job
    /// has. Every other field is an `Option`: those the example shows as
    /// `null`, and those that stay `null` until something happens (a job that
    /// was never canceled has no `canceledAt`).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Job {
        /// `id`: the job.
        id: String = "id",
        /// `appBuildId`: the build the job runs, if it runs one.
        app_build_id: Option<String> = "appBuildId",
        /// `appDeploymentId`: the deployment the job runs, if it runs one.
        app_deployment_id: Option<String> = "appDeploymentId",
        /// `appId`.
        app_id: String = "appId",
        /// `canceledAt`.
        canceled_at: Option<UnixMillis> = "canceledAt",
        /// `canceledBy`: the user who canceled the job.
        canceled_by: Option<String> = "canceledBy",
        /// `finishedAt`.
        finished_at: Option<UnixMillis> = "finishedAt",
        /// `inProgressAt`.
        in_progress_at: Option<UnixMillis> = "inProgressAt",
        /// `inProgressTimeInSeconds`.
        in_progress_time_in_seconds: Option<u64> = "inProgressTimeInSeconds",
        /// `organizationId`.
        organization_id: String = "organizationId",
        /// `pendingAt`.
        pending_at: Option<UnixMillis> = "pendingAt",
        /// `pendingTimeInSeconds`.
        pending_time_in_seconds: Option<u64> = "pendingTimeInSeconds",
        /// `queuedAt`.
        queued_at: Option<UnixMillis> = "queuedAt",
        /// `queueTimeInSeconds`.
        queue_time_in_seconds: Option<u64> = "queueTimeInSeconds",
        /// `stack`: the build machine's stack, such as `macos-tahoe`.
        stack: String = "stack",
        /// `status`.
        status: JobStatus = "status",
        /// `totalTimeInSeconds`.
        total_time_in_seconds: Option<u64> = "totalTimeInSeconds",
        /// `createdAt`.
        created_at: UnixMillis = "createdAt",
        /// `createdBy`: the user who created the job.
        created_by: Option<String> = "createdBy",
    }
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
            extra: Extra::new(),
        }
    }
}

macro_rules! created_record {
    ($(#[$meta:meta])* $name:ident) => {
        record! {
            $(#[$meta])*
            ///
            /// The seed shows no example: `id`, `appId`, `createdAt` and
            /// `createdBy` are inferred from the job record, which names a
            /// record's own id `id`, its app `appId` and its creation
            /// `createdAt`/`createdBy`. All are optional and written only
            /// when set.
            #[derive(Debug, Clone, PartialEq, Eq, Default)]
            pub struct $name {
                /// `id` (inferred).
                #[serde(skip_serializing_if = "Option::is_none")]
                id: Option<String> = "id",
                /// `appId` (inferred).
                #[serde(skip_serializing_if = "Option::is_none")]
                app_id: Option<String> = "appId",
                /// `createdAt` (inferred).
                #[serde(skip_serializing_if = "Option::is_none")]
                created_at: Option<UnixMillis> = "createdAt",
                /// `createdBy` (inferred).
                #[serde(skip_serializing_if = "Option::is_none")]
                created_by: Option<String> = "createdBy",
            }
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

created_record! {
    /// An app build record, the `data` of `app_build_created`.
    AppBuild
}

created_record! {
    /// A deployment record, the `data` of `app_deployment_created`.
    AppDeployment
}
