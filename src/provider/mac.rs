//! One keyed HMAC over SHA-1, SHA-256 or SHA-512, for the providers whose
//! algorithm is not the HMAC-SHA256 of [`SigningKey`](crate::SigningKey),
//! or whose signed content is fed in pieces as it is decoded (Twilio's form
//! fields): keyed once, never re-keyed, no allocation, wiped on drop.

use core::fmt;

use hmac::{
    EagerHash, KeyInit,
    block_api::HmacCore,
    digest::{
        Output,
        block_api::{Buffer, FixedOutputCore, UpdateCore},
    },
};
use subtle::ConstantTimeEq;

use crate::KeyError;

/// A secret keyed once into HMAC state over the hash `D`.
///
/// As for [`SigningKey`](crate::SigningKey): the secret is absorbed into
/// the inner and outer pads once, each MAC starts from a copy of that
/// state, and no copy of the secret bytes is kept. The pad states wipe
/// themselves on drop (the crate turns on the `zeroize` feature of `sha1`
/// and `sha2`). `Debug` prints `MacKey([REDACTED])`.
pub(crate) struct MacKey<D: EagerHash> {
    keyed: HmacCore<D>,
}

impl<D: EagerHash> MacKey<D> {
    /// Keys HMAC over `D` with `secret`, used as raw bytes.
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] and [`KeyError::AllZeroSecret`], as
    /// [`SigningKey::new`](crate::SigningKey::new): HMAC pads a short key
    /// with zeros, so both sign with a key anyone can guess.
    pub(crate) fn new(secret: &[u8]) -> Result<Self, KeyError> {
        if secret.is_empty() {
            return Err(KeyError::EmptySecret);
        }
        if secret.iter().all(|&byte| byte == 0) {
            return Err(KeyError::AllZeroSecret);
        }
        // HMAC takes keys of any length: the error arm cannot happen, and
        // maps to a typed error rather than a panic.
        let keyed = HmacCore::<D>::new_from_slice(secret).map_err(|_| KeyError::EmptySecret)?;
        Ok(Self { keyed })
    }

    /// A MAC under way, starting from the keyed state.
    #[inline]
    pub(crate) fn begin(&self) -> MacState<D> {
        MacState {
            core: self.keyed.clone(),
            buffer: Buffer::<HmacCore<D>>::default(),
        }
    }

    /// The MAC of the concatenation of `parts`.
    #[cfg_attr(not(any(feature = "sha1", feature = "sha512")), allow(dead_code))]
    #[inline]
    pub(crate) fn mac_parts(&self, parts: &[&[u8]]) -> Mac<D> {
        let mut state = self.begin();
        for part in parts {
            state.update(part);
        }
        state.finish()
    }
}

impl<D: EagerHash> Clone for MacKey<D> {
    fn clone(&self) -> Self {
        Self {
            keyed: self.keyed.clone(),
        }
    }
}

impl<D: EagerHash> fmt::Debug for MacKey<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MacKey([REDACTED])")
    }
}

/// A MAC being computed: bytes go in with [`MacState::update`], in as many
/// pieces as the caller likes, and [`MacState::finish`] gives the MAC.
/// The block buffer holds message bytes only, never the key; the keyed
/// core wipes itself on drop.
pub(crate) struct MacState<D: EagerHash> {
    core: HmacCore<D>,
    buffer: Buffer<HmacCore<D>>,
}

impl<D: EagerHash> MacState<D> {
    /// Feeds `bytes` to the MAC.
    #[inline]
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        let core = &mut self.core;
        self.buffer
            .digest_blocks(bytes, |blocks| core.update_blocks(blocks));
    }

    /// Feeds one byte: for content decoded a byte at a time.
    #[inline]
    pub(crate) fn update_byte(&mut self, byte: u8) {
        self.update(core::slice::from_ref(&byte));
    }

    /// The MAC of everything fed.
    #[inline]
    pub(crate) fn finish(mut self) -> Mac<D> {
        let mut out = Output::<HmacCore<D>>::default();
        self.core.finalize_fixed_core(&mut self.buffer, &mut out);
        Mac(out)
    }
}

/// A computed MAC: as many bytes as `D` outputs (20 for SHA-1, 32 for
/// SHA-256, 64 for SHA-512). Compared in constant time; `Debug` shows its
/// length only, since a MAC of a sender's content is as good as a forgery
/// for anyone who reads it from a log.
pub(crate) struct Mac<D: EagerHash>(Output<HmacCore<D>>);

impl<D: EagerHash> Mac<D> {
    /// The MAC's bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_slice()
    }

    /// Whether `received` is this MAC, in time that depends on the length
    /// alone (which the encoding already fixed).
    #[inline]
    pub(crate) fn matches(&self, received: &[u8]) -> bool {
        self.0.as_slice().ct_eq(received).into()
    }
}

impl<D: EagerHash> fmt::Debug for Mac<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mac({} bytes)", self.0.len())
    }
}

/// A signature as a provider writes it in its header (base64 or hex, any
/// prefix included), held on the stack: what `sign` returns, ready to be a
/// header value. `Display` and [`SignatureText::as_str`] give the text.
///
/// ```
/// # #[cfg(feature = "sha512")] {
/// let paystack = hooksig::provider::Paystack::new("sk_test_xxx")?;
/// let text = paystack.sign(b"{}");
/// assert_eq!(text.as_str().len(), 128);
/// assert_eq!(text.to_string(), text.as_str());
/// # }
/// # Ok::<(), hooksig::KeyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SignatureText {
    buf: [u8; SignatureText::CAPACITY],
    len: usize,
}

impl SignatureText {
    /// The longest text: `sha1=` and a prefix to spare, before the 128 hex
    /// digits of a 64-byte SHA-512 MAC.
    const CAPACITY: usize = 144;

    /// `prefix` then `bytes` in standard base64 with padding.
    pub(crate) fn base64(prefix: &str, bytes: &[u8]) -> Self {
        let mut text = Self::with_prefix(prefix);
        if let Some(out) = text.buf.get_mut(text.len..) {
            text.len += crate::codec::base64::encode(bytes, out);
        }
        text
    }

    /// `prefix` then `bytes` in lowercase hex.
    pub(crate) fn hex(prefix: &str, bytes: &[u8]) -> Self {
        let mut text = Self::with_prefix(prefix);
        let start = text.len;
        if let Some(out) = text.buf.get_mut(start..start + 2 * bytes.len())
            && hex::encode_to_slice(bytes, out).is_ok()
        {
            text.len += 2 * bytes.len();
        }
        text
    }

    fn with_prefix(prefix: &str) -> Self {
        let mut buf = [0u8; Self::CAPACITY];
        let len = match buf.get_mut(..prefix.len()) {
            Some(head) => {
                head.copy_from_slice(prefix.as_bytes());
                prefix.len()
            }
            None => 0,
        };
        Self { buf, len }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // Prefixes, base64 and hex digits are ASCII.
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The text's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
}

impl fmt::Display for SignatureText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for SignatureText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A signature is no secret, but the crate prints none in logs.
        write!(f, "SignatureText({} characters)", self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex_of(bytes: &[u8]) -> String {
        SignatureText::hex("", bytes).as_str().to_owned()
    }

    // RFC 4231 test case 2 (HMAC-SHA256, HMAC-SHA512) and RFC 2202 test
    // case 2 (HMAC-SHA1): key "Jefe", "what do ya want for nothing?".
    #[test]
    fn rfc_4231_and_2202_case_2() {
        let message = b"what do ya want for nothing?";
        let sha256 = MacKey::<sha2::Sha256>::new(b"Jefe").unwrap();
        assert_eq!(
            hex_of(sha256.mac_parts(&[message]).as_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let sha512 = MacKey::<sha2::Sha512>::new(b"Jefe").unwrap();
        assert_eq!(
            hex_of(sha512.mac_parts(&[message]).as_bytes()),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554\
             9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        );
        #[cfg(feature = "sha1")]
        {
            let sha1 = MacKey::<sha1::Sha1>::new(b"Jefe").unwrap();
            assert_eq!(
                hex_of(sha1.mac_parts(&[message]).as_bytes()),
                "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
            );
        }
    }

    #[test]
    fn pieces_and_bytes_mac_like_the_whole() {
        let key = MacKey::<sha2::Sha256>::new(b"k").unwrap();
        let whole = key.mac_parts(&[b"hello world"]);
        let mut state = key.begin();
        state.update(b"hel");
        state.update_byte(b'l');
        state.update(b"");
        state.update(b"o world");
        let pieces = state.finish();
        assert!(whole.matches(pieces.as_bytes()));
        assert!(!whole.matches(key.mac_parts(&[b"hello worle"]).as_bytes()));
        assert!(!whole.matches(&whole.as_bytes()[..31]));
    }

    #[test]
    fn weak_secrets_are_refused_and_debug_is_redacted() {
        assert_eq!(MacKey::<sha2::Sha512>::new(b"").err().map(|_| ()), Some(()));
        assert!(matches!(
            MacKey::<sha2::Sha512>::new(&[0; 16]),
            Err(KeyError::AllZeroSecret)
        ));
        let key = MacKey::<sha2::Sha512>::new(b"hunter2").unwrap();
        assert_eq!(format!("{key:?}"), "MacKey([REDACTED])");
        assert_eq!(format!("{:?}", key.mac_parts(&[])), "Mac(64 bytes)");
    }

    #[test]
    fn keyed_state_is_wiped_on_drop() {
        fn wipes_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        wipes_on_drop::<<sha2::Sha512 as EagerHash>::Core>();
        #[cfg(feature = "sha1")]
        wipes_on_drop::<<sha1::Sha1 as EagerHash>::Core>();
    }

    #[test]
    fn text_forms() {
        assert_eq!(
            SignatureText::hex("sha1=", &[0xab, 0x01]).as_str(),
            "sha1=ab01"
        );
        assert_eq!(SignatureText::base64("", b"hi").as_str(), "aGk=");
        assert_eq!(SignatureText::hex("", &[0xff; 64]).as_str().len(), 128);
        assert_eq!(SignatureText::hex("", &[0; 80]).as_str(), "");
    }
}
