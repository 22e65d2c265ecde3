//! The search: each known mistake undone in turn, most likely first, each
//! try one HMAC, until a signature in the request matches or the budget is
//! spent.

use core::ops::ControlFlow;

use jiff::Timestamp;
use subtle::{Choice, ConstantTimeEq};

use super::{
    Finding, MAX_HMACS,
    body::variants,
    finding::Mangling,
    frame::{Frame, Replaced, signed_at, timestamp_header},
    secret::{Held, readings},
};
use crate::{
    Encoding, HeaderError, Headers, Platform, Scheme, Signature, SigningKey, Tolerance,
    scheme::{Message, ReadError, Wire},
};

/// The most values recovered from a mangled header that are tried.
pub(crate) const MAX_MANGLED: usize = 4;
/// The most other presets whose signature headers are present that are
/// tried.
pub(crate) const MAX_OTHER_PLATFORMS: usize = 3;

/// One diagnosis under way.
pub(crate) struct Run<'a, H: ?Sized> {
    pub(crate) platform: &'a Platform,
    pub(crate) headers: &'a H,
    pub(crate) body: &'a [u8],
    pub(crate) now: Timestamp,
    pub(crate) tolerance: Tolerance,
    pub(crate) secrets: &'a [Held],
    pub(crate) others: &'a [Held],
    /// The held secrets that key in the platform's format.
    pub(crate) keys: &'a [SigningKey],
    /// HMACs computed so far.
    pub(crate) spent: usize,
    /// Whether a try was refused for want of budget.
    pub(crate) exhausted: bool,
}

impl<H: Headers + ?Sized> Run<'_, H> {
    /// Whether `key`'s MAC of `message` is one of `signatures`: one HMAC,
    /// refused once [`MAX_HMACS`] are spent.
    fn check(&mut self, key: &SigningKey, message: Message<'_>, signatures: &[Signature]) -> bool {
        if self.spent >= MAX_HMACS {
            self.exhausted = true;
            return false;
        }
        self.spent += 1;
        let mac = key.sign_parts(message.parts());
        let matched = signatures
            .iter()
            .fold(Choice::from(0), |matched, signature| {
                matched | mac.ct_eq(signature)
            });
        bool::from(matched)
    }

    /// Whether any of `keys` signed `message`. Stops at the first that did:
    /// a diagnosis runs offline, where which key matched is no secret.
    fn any(&mut self, keys: &[SigningKey], message: Message<'_>, signatures: &[Signature]) -> bool {
        keys.iter().any(|key| self.check(key, message, signatures))
    }

    /// The findings that explain the failure, each confirmed by a
    /// signature; empty when no known mistake does.
    pub(crate) fn search(&mut self) -> Vec<Finding> {
        let wire = self.platform.wire();
        let explained = match Frame::read(wire, self.headers) {
            Ok(frame) => self.as_read(wire, &frame),
            Err(ReadError::Header(HeaderError::Repeated { header, count }))
                if header == wire.signature =>
            {
                let values: Vec<&[u8]> = self
                    .headers
                    .values(header.name())
                    .take(MAX_MANGLED)
                    .collect();
                self.mangled(
                    wire,
                    values
                        .into_iter()
                        .map(|v| (Mangling::Repeated { count }, v.to_vec())),
                )
            }
            Err(ReadError::Malformed { header, .. }) if header == wire.signature => {
                match wire.signature.one(self.headers) {
                    Ok(value) => self.mangled(wire, unmangle(value, wire.scheme).into_iter()),
                    Err(_) => None,
                }
            }
            Err(_) => None,
        };
        if let Some(findings) = explained {
            return findings;
        }
        self.other_platforms(wire)
            .or_else(|| self.other_schemes(wire))
            .unwrap_or_default()
    }

    /// The request's own frame: as received, then each secret reading,
    /// each other secret, and each body variant.
    fn as_read(&mut self, wire: &Wire, frame: &Frame<'_>) -> Option<Vec<Finding>> {
        let (body, keys, signatures) = (self.body, self.keys, frame.signatures());
        if self.any(keys, frame.message(body), signatures) {
            return Some(self.with_time(None, wire, frame));
        }
        let format = self.platform.secret_format();
        for (index, held) in self.secrets.iter().enumerate() {
            for (finding, bytes) in readings(held.bytes(), index, format) {
                if let Ok(key) = SigningKey::new(&*bytes)
                    && self.check(&key, frame.message(body), signatures)
                {
                    return Some(self.with_time(Some(finding), wire, frame));
                }
            }
        }
        for (index, held) in self.others.iter().enumerate() {
            if let Ok(key) = self.platform.key(held.bytes())
                && self.check(&key, frame.message(body), signatures)
            {
                let finding = Finding::OtherSecret { secret: index };
                return Some(self.with_time(Some(finding), wire, frame));
            }
        }
        let mut found = None;
        let _ = variants(body, |finding, bytes| {
            if self.any(keys, frame.message(bytes), signatures) {
                found = Some(finding);
                ControlFlow::Break(())
            } else if self.exhausted {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        found.map(|finding| self.with_time(Some(finding), wire, frame))
    }

    /// Each value recovered from a mangled signature header, in place of
    /// the header.
    fn mangled(
        &mut self,
        wire: &Wire,
        values: impl Iterator<Item = (Mangling, Vec<u8>)>,
    ) -> Option<Vec<Finding>> {
        let name = wire.signature.name();
        for (mangling, value) in values.take(MAX_MANGLED) {
            let replaced = Replaced {
                base: self.headers,
                name,
                value: &value,
            };
            let Ok(frame) = Frame::read(wire, &replaced) else {
                continue;
            };
            if self.any(self.keys, frame.message(self.body), frame.signatures()) {
                let finding = Finding::HeaderMangled {
                    header: wire.signature.clone(),
                    mangling,
                };
                return Some(self.with_time(Some(finding), wire, &frame));
            }
        }
        None
    }

    /// The presets whose signature header the request carries, read as
    /// those presets read them, with the held secrets read both in that
    /// preset's format and in the platform's.
    fn other_platforms(&mut self, wire: &Wire) -> Option<Vec<Finding>> {
        let present = Platform::PRESETS.into_iter().filter(|preset| {
            !same_frame(preset.wire(), wire)
                && self
                    .headers
                    .values(preset.signature_header().name())
                    .next()
                    .is_some()
        });
        for preset in present.take(MAX_OTHER_PLATFORMS) {
            let Ok(frame) = Frame::read(preset.wire(), self.headers) else {
                continue;
            };
            let mut keys: Vec<SigningKey> = Vec::new();
            for held in self.secrets {
                keys.extend(preset.key(held.bytes()));
                if preset.secret_format() != self.platform.secret_format() {
                    keys.extend(self.platform.key(held.bytes()));
                }
            }
            if self.any(&keys, frame.message(self.body), frame.signatures()) {
                let finding = Finding::OtherPlatform {
                    platform: preset.name().to_owned(),
                    header: preset.signature_header().clone(),
                };
                return Some(self.with_time(Some(finding), preset.wire(), &frame));
            }
        }
        None
    }

    /// The platform's signature header read in each other scheme.
    fn other_schemes(&mut self, wire: &Wire) -> Option<Vec<Finding>> {
        const SCHEMES: [Scheme; 9] = [
            Scheme::Body(Encoding::Hex),
            Scheme::Body(Encoding::Base64),
            Scheme::Body(Encoding::Sha256Base64),
            Scheme::Stripe,
            Scheme::Paddle,
            Scheme::StandardWebhooks,
            Scheme::Slack,
            Scheme::Twitch,
            Scheme::Zendesk,
        ];
        for scheme in SCHEMES {
            if same_reading(scheme, wire) {
                continue;
            }
            let other = Wire {
                scheme,
                strict: false,
                ..wire.clone()
            };
            let Ok(frame) = Frame::read(&other, self.headers) else {
                continue;
            };
            if self.any(self.keys, frame.message(self.body), frame.signatures()) {
                let finding = Finding::OtherScheme {
                    header: wire.signature.clone(),
                    scheme,
                };
                return Some(self.with_time(Some(finding), &other, &frame));
            }
        }
        None
    }

    /// `finding`, confirmed, and what the signed time says once the MAC is
    /// known good: stale, in milliseconds, or unusable.
    fn with_time(&self, finding: Option<Finding>, wire: &Wire, frame: &Frame<'_>) -> Vec<Finding> {
        let mut findings: Vec<Finding> = finding.into_iter().collect();
        let Some(text) = frame.timestamp() else {
            return findings;
        };
        let header = timestamp_header(wire).clone();
        match signed_at(wire.scheme, text) {
            Ok(at) => {
                // As the verifier judges it: Stripe refuses only old times.
                let fresh = if wire.scheme.refuses_future_timestamps() {
                    self.tolerance.check(at, self.now)
                } else {
                    self.tolerance.check_age(at, self.now)
                };
                if fresh.is_err() {
                    findings.push(Finding::Stale {
                        header,
                        signed_at: at,
                        now: self.now,
                        tolerance: self.tolerance,
                    });
                }
            }
            Err(reason) => findings.push(match milliseconds(text) {
                Some(signed_at) => Finding::TimestampInMilliseconds {
                    header,
                    signed_at,
                    now: self.now,
                },
                None => Finding::TimestampUnreadable { header, reason },
            }),
        }
        findings
    }
}

/// For a timestamp of 12 to 16 digits, too many for seconds: `Some` with
/// the time it means read as milliseconds, if that is a time at all.
fn milliseconds(text: &[u8]) -> Option<Option<Timestamp>> {
    if !(12..=16).contains(&text.len()) || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let millis: i64 = core::str::from_utf8(text).ok()?.parse().ok()?;
    Some(Timestamp::from_millisecond(millis).ok())
}

/// Whether two wires read the same frame (names aside).
fn same_frame(a: &Wire, b: &Wire) -> bool {
    a.scheme == b.scheme
        && a.signature == b.signature
        && (!matches!(a.scheme, Scheme::StandardWebhooks | Scheme::Twitch)
            || a.id_header() == b.id_header())
        && (!a.scheme.is_timestamped() || a.timestamp_header() == b.timestamp_header())
}

/// Whether reading the header in `scheme` (never strict) is what the
/// platform's own reading already did.
fn same_reading(scheme: Scheme, wire: &Wire) -> bool {
    match (scheme, wire.scheme) {
        (Scheme::Body(Encoding::Hex), Scheme::Body(Encoding::Hex | Encoding::Sha256Hex)) => {
            !wire.strict
        }
        (a, b) => a == b,
    }
}

/// The values a proxy's quoting or joining may have hidden in `value`.
fn unmangle(value: &[u8], scheme: Scheme) -> Vec<(Mangling, Vec<u8>)> {
    let value = value.trim_ascii();
    for quote in [b'"', b'\''] {
        if let Some(inner) = value
            .strip_prefix(&[quote])
            .and_then(|rest| rest.strip_suffix(&[quote]))
        {
            return vec![(Mangling::Quoted, inner.to_vec())];
        }
    }
    let split = |separator: &[u8]| -> Vec<Vec<u8>> {
        let mut parts = Vec::new();
        let mut rest = value;
        while let Some(at) = memchr::memmem::find(rest, separator) {
            parts.push(rest.get(..at).unwrap_or_default().trim_ascii().to_vec());
            rest = rest.get(at + separator.len()..).unwrap_or_default();
        }
        parts.push(rest.trim_ascii().to_vec());
        parts.retain(|part| !part.is_empty());
        parts
    };
    let mut parts = split(b", ");
    if parts.len() < 2 && matches!(scheme, Scheme::Body(_)) {
        parts = split(b",");
    }
    if parts.len() < 2 {
        return Vec::new();
    }
    parts
        .into_iter()
        .take(MAX_MANGLED)
        .map(|part| (Mangling::Joined, part))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_and_joined_values_come_apart() {
        assert_eq!(
            unmangle(b" \"sha256=ab\" ", Scheme::Body(Encoding::Sha256Hex)),
            [(Mangling::Quoted, b"sha256=ab".to_vec())]
        );
        assert_eq!(
            unmangle(b"sha256=ab,sha256=cd", Scheme::Body(Encoding::Sha256Hex)),
            [
                (Mangling::Joined, b"sha256=ab".to_vec()),
                (Mangling::Joined, b"sha256=cd".to_vec())
            ]
        );
        // Stripe's own commas are not a join; ", " is.
        assert!(unmangle(b"t=1,v1=ab", Scheme::Stripe).is_empty());
        assert_eq!(unmangle(b"t=1,v1=ab, t=1,v1=cd", Scheme::Stripe).len(), 2);
        assert_eq!(
            unmangle(&b"a, ".repeat(9), Scheme::Stripe).len(),
            MAX_MANGLED
        );
    }

    #[test]
    fn milliseconds_are_told_from_seconds() {
        assert_eq!(
            milliseconds(b"1700000000000"),
            Some(Some(Timestamp::from_second(1_700_000_000).unwrap()))
        );
        assert_eq!(milliseconds(b"1700000000"), None);
        assert_eq!(milliseconds(b"17000000000x0"), None);
    }

    #[test]
    fn frames_compare_by_what_they_read() {
        let svix = Platform::SVIX.wire();
        let sw = Platform::STANDARD_WEBHOOKS.wire();
        assert!(!same_frame(svix, sw));
        assert!(same_frame(
            sw,
            &Wire {
                name: "x".into(),
                ..sw.clone()
            }
        ));
        assert!(same_reading(
            Scheme::Body(Encoding::Hex),
            Platform::CORTEX.wire()
        ));
        assert!(!same_reading(
            Scheme::Body(Encoding::Hex),
            Platform::CORTEX.strict().wire()
        ));
    }
}
