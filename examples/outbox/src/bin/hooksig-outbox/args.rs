//! Command-line flags: `--name value` pairs and bare `--switch`es.

use std::borrow::Cow;
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::str::FromStr;
use std::time::Duration;

use hooksig::delivery::{AutoDisable, RateLimit, RetrySchedule};
use hooksig_outbox::Settings;

pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, Default)]
pub(crate) struct Args {
    pub(crate) command: String,
    flags: HashMap<String, Option<String>>,
}

impl Args {
    pub(crate) fn parse(mut words: impl Iterator<Item = String>) -> Result<Self, BoxError> {
        let command = words.next().unwrap_or_else(|| "help".into());
        let mut flags = HashMap::new();
        let mut words = words.peekable();
        while let Some(word) = words.next() {
            let Some(name) = word.strip_prefix("--") else {
                return Err(format!("unexpected argument {word:?}").into());
            };
            let value = match words.peek() {
                Some(next) if !next.starts_with("--") => words.next(),
                _ => None,
            };
            flags.insert(name.to_owned(), value);
        }
        Ok(Self { command, flags })
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.flags.get(name).and_then(|value| value.as_deref())
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.flags.contains_key(name)
    }

    pub(crate) fn need(&self, name: &str) -> Result<&str, BoxError> {
        self.get(name)
            .ok_or_else(|| format!("--{name} is required").into())
    }

    pub(crate) fn number<T: FromStr>(&self, name: &str, default: T) -> Result<T, BoxError> {
        match self.get(name) {
            None => Ok(default),
            Some(text) => text
                .parse()
                .map_err(|_| format!("--{name} {text}: not a number").into()),
        }
    }

    /// The settings the flags give, over the defaults. Flags, all optional:
    /// `--queue`, `--heartbeat SECONDS`, `--poll MILLISECONDS`,
    /// `--concurrency`, `--batch`, `--auto-disable FAILURES` (0: never),
    /// `--rate BURST/MILLISECONDS`, `--waits MS,MS,...` (`none`: no retries),
    /// `--timeout MILLISECONDS`.
    pub(crate) fn settings(&self) -> Result<Settings, BoxError> {
        let mut settings = Settings::default();
        if let Some(queue) = self.get("queue") {
            settings.queue = queue.to_owned();
        }
        settings.heartbeat = Duration::from_secs(self.number("heartbeat", 30)?);
        settings.poll = Duration::from_millis(self.number("poll", 100)?);
        settings.concurrency = self.number("concurrency", settings.concurrency)?;
        settings.batch = self.number("batch", settings.batch)?;
        if let Some(account) = self.get("account") {
            settings.account = account.to_owned();
        }
        if let Some(failures) = self.get("auto-disable") {
            let failures: u32 = failures
                .parse()
                .map_err(|_| "--auto-disable: not a number")?;
            settings.policy.auto_disable =
                NonZeroU32::new(failures).map_or(AutoDisable::NEVER, AutoDisable::after);
        }
        if let Some(rate) = self.get("rate") {
            let (burst, per) = rate
                .split_once('/')
                .ok_or("--rate is BURST/MILLISECONDS, such as 100/1000")?;
            let burst = burst.parse().ok().and_then(NonZeroU32::new);
            let per = per.parse().map(Duration::from_millis);
            let (Some(burst), Ok(per)) = (burst, per) else {
                return Err("--rate is BURST/MILLISECONDS, such as 100/1000".into());
            };
            settings.policy.rate_limit = Some(RateLimit::new(burst, per));
        }
        if let Some(waits) = self.get("waits") {
            settings.policy.retry = if waits == "none" {
                RetrySchedule::NONE
            } else {
                let waits = waits
                    .split(',')
                    .map(|ms| ms.trim().parse().map(Duration::from_millis))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|_| "--waits is MILLISECONDS,MILLISECONDS,... or none")?;
                RetrySchedule::Fixed(Cow::Owned(waits))
            };
        }
        if let Some(timeout) = self.get("timeout") {
            let ms: u64 = timeout.parse().map_err(|_| "--timeout: not a number")?;
            settings.policy.timeout = Duration::from_millis(ms);
        }
        Ok(settings)
    }

    /// The flags that shape settings, to hand on to worker processes.
    pub(crate) fn settings_flags(&self) -> Vec<String> {
        let mut out = Vec::new();
        for name in [
            "queue",
            "heartbeat",
            "poll",
            "concurrency",
            "batch",
            "account",
            "auto-disable",
            "rate",
            "waits",
            "timeout",
        ] {
            if let Some(value) = self.get(name) {
                out.push(format!("--{name}"));
                out.push(value.to_owned());
            }
        }
        out
    }
}
