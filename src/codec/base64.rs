//! Base64 as the schemes write MACs and Standard Webhooks writes secrets:
//! the standard alphabet, read with or without padding (Python's libraries
//! write it without), and only in its one canonical spelling.
//!
//! `base64-simd` does the work. It decodes a 44-character MAC in about a
//! third of the time the `base64` crate takes, which is a tenth of a whole
//! Standard Webhooks check at 64 bytes (see BENCHMARKS.md).

use base64_simd::{Base64, Out, STANDARD, STANDARD_NO_PAD};

/// The engine for text of `len` characters: a length that is a multiple of
/// four is padded or needs no padding, any other is unpadded.
const fn engine(len: usize) -> &'static Base64 {
    if len.is_multiple_of(4) {
        &STANDARD
    } else {
        &STANDARD_NO_PAD
    }
}

/// The most bytes `len` characters decode to: the buffer [`decode`] needs.
pub(crate) const fn max_decoded_len(len: usize) -> usize {
    len.div_ceil(4) * 3
}

/// Decodes `text` into the front of `out`, returning how many bytes it
/// wrote.
///
/// # Errors
///
/// Where `text` goes wrong, as [`error_offset`] finds it; the end of `text`
/// when `out` is shorter than [`max_decoded_len`].
pub(crate) fn decode(text: &[u8], out: &mut [u8]) -> Result<usize, usize> {
    // `base64-simd` panics on a short buffer; say so as an error instead.
    if out.len() < max_decoded_len(text.len()) {
        return Err(text.len());
    }
    match engine(text.len()).decode(text, Out::from_slice(out)) {
        Ok(decoded) => Ok(decoded.len()),
        Err(_) => Err(error_offset(text)),
    }
}

/// Writes `bytes` as padded base64 into the front of `out`, returning how
/// many characters it wrote; 0 when `out` is too short to hold them.
pub(crate) fn encode(bytes: &[u8], out: &mut [u8]) -> usize {
    if out.len() < STANDARD.encoded_length(bytes.len()) {
        return 0;
    }
    STANDARD.encode(bytes, Out::from_slice(out)).len()
}

/// Decodes configuration text leniently, as the Standard Webhooks and Svix
/// libraries read secrets: padding may be absent, whole or partial, and
/// the unused low bits of the last symbol are ignored (Python's
/// `b64decode` ignores them too). A byte outside the alphabet is still an
/// error, at its offset: dropping it silently, as Python does, would key
/// the HMAC with bytes nobody meant. Not for signatures, which have one
/// canonical spelling. The copy it canonicalizes is wiped when dropped,
/// since the text is a secret.
pub(crate) fn decode_lenient(text: &[u8], out: &mut [u8]) -> Result<usize, usize> {
    let unpadded = text
        .strip_suffix(b"==")
        .or_else(|| text.strip_suffix(b"="))
        .unwrap_or(text);
    let mut canonical = zeroize::Zeroizing::new(unpadded.to_vec());
    // The bits of the last symbol that carry no data: 4 when two symbols
    // end the text (one byte), 2 when three do (two bytes).
    let unused = match unpadded.len() % 4 {
        2 => 0b00_1111,
        3 => 0b00_0011,
        _ => 0,
    };
    if let Some(last) = canonical.last_mut()
        && let Some(value) = symbol_value(*last)
    {
        *last = SYMBOLS
            .get(usize::from(value & !unused))
            .copied()
            .unwrap_or(*last);
    }
    decode(&canonical, out)
}

/// The standard alphabet, in order of value.
const SYMBOLS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn symbol_value(byte: u8) -> Option<u8> {
    SYMBOLS
        .iter()
        .position(|&symbol| symbol == byte)
        .and_then(|value| u8::try_from(value).ok())
}

/// Whether `byte`, at the offset an error points to, is a symbol of the
/// alphabet: the error then is a non-canonical last symbol (unused bits
/// set), since bad bytes, padding and lengths are reported elsewhere.
pub(crate) fn is_symbol(byte: u8) -> bool {
    symbol_value(byte).is_some()
}

/// Where `text`, which did not decode, goes wrong, for an error message:
/// the first byte outside the alphabet (a `=` before the padding is one);
/// else the padding, where the length needs none or less; else the end,
/// for a length no base64 has; else the last symbol, whose unused low bits
/// must be zero.
fn error_offset(text: &[u8]) -> usize {
    let unpadded = text
        .strip_suffix(b"==")
        .or_else(|| text.strip_suffix(b"="))
        .unwrap_or(text);
    let in_alphabet = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/');
    if let Some(offset) = unpadded.iter().position(|b| !in_alphabet(b)) {
        return offset;
    }
    if unpadded.len() < text.len() && !text.len().is_multiple_of(4) {
        return unpadded.len();
    }
    if unpadded.len() % 4 == 1 {
        return text.len();
    }
    unpadded.len().saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> Result<Vec<u8>, usize> {
        let mut out = vec![0; max_decoded_len(text.len())];
        decode(text.as_bytes(), &mut out).map(|len| out[..len].to_vec())
    }

    #[test]
    fn padded_or_not() {
        assert_eq!(decoded("aGk="), Ok(b"hi".to_vec()));
        assert_eq!(decoded("aGk"), Ok(b"hi".to_vec()));
        assert_eq!(decoded("aGVsbG8h"), Ok(b"hello!".to_vec()));
        assert_eq!(decoded(""), Ok(vec![]));
    }

    #[test]
    fn errors_say_where() {
        // A byte outside the alphabet, `=` inside the text among them.
        assert_eq!(decoded("aG-k"), Err(2));
        assert_eq!(decoded("a=Gk"), Err(1));
        assert_eq!(decoded("aGk!"), Err(3));
        // Padding the length does not need: its first byte.
        assert_eq!(decoded("aGk=="), Err(3));
        assert_eq!(decoded("aGVsbG8h="), Err(8));
        assert_eq!(decoded("=="), Err(0));
        // A length no base64 has: the end.
        assert_eq!(decoded("aGVsb"), Err(5));
        // Unused bits set in the last symbol: a second spelling of "hi".
        assert_eq!(decoded("aGl="), Err(2));
        assert_eq!(decoded("aGl"), Err(2));
    }

    #[test]
    fn short_buffers_are_errors_not_panics() {
        let mut out = [0u8; 2];
        assert_eq!(decode(b"aGVsbG8h", &mut out), Err(8));
        assert_eq!(encode(b"hello!", &mut out), 0);
        let mut out = [0u8; 8];
        assert_eq!(encode(b"hello!", &mut out), 8);
        assert_eq!(&out, b"aGVsbG8h");
    }

    #[test]
    fn secrets_are_read_leniently_but_never_past_a_bad_byte() {
        let lenient = |text: &str| {
            let mut out = vec![0; max_decoded_len(text.len())];
            decode_lenient(text.as_bytes(), &mut out).map(|len| out[..len].to_vec())
        };
        for text in [
            "dGVzdA==", "dGVzdA=", "dGVzdA", "dGVzdB==", "dGVzdP", "dGVzdA==",
        ] {
            assert_eq!(lenient(text), Ok(b"test".to_vec()), "{text}");
        }
        // Two bytes: the last symbol has two unused bits.
        assert_eq!(lenient("dGU="), Ok(b"te".to_vec()));
        assert_eq!(lenient("dGX"), Ok(b"te".to_vec()));
        assert_eq!(lenient("dG*zdA=="), Err(2));
        assert!(lenient("dGVzd").is_err());
        assert!(is_symbol(b'B') && !is_symbol(b'=') && !is_symbol(b'*'));
    }

    #[test]
    fn partial_padding_is_refused() {
        let mut out = [0; 3];
        assert_eq!(decode(b"AA==", &mut out), Ok(1));
        assert_eq!(decode(b"AA", &mut out), Ok(1));
        assert!(decode(b"AA=", &mut out).is_err());
    }

    proptest::proptest! {
        /// For any text, mostly from the alphabet, this accepts what the
        /// `base64` crate accepts, with the same bytes: padding optional
        /// and only canonical spellings. One rule is ours: a text whose
        /// length is not a multiple of four is unpadded, so partial
        /// padding (`AA=`) is refused, as Python's `b64decode` refuses it,
        /// where the crate's `Indifferent` mode would take it.
        #[test]
        fn agrees_with_the_base64_crate(
            text in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => proptest::sample::select(
                        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".to_vec()
                    ),
                    1 => proptest::strategy::Just(b'='),
                    1 => proptest::prelude::any::<u8>(),
                ],
                0..64,
            ),
        ) {
            use ::base64::Engine as _;
            let padding = if text.len() % 4 == 0 {
                ::base64::engine::DecodePaddingMode::Indifferent
            } else {
                ::base64::engine::DecodePaddingMode::RequireNone
            };
            let reference = ::base64::engine::GeneralPurpose::new(
                &::base64::alphabet::STANDARD,
                ::base64::engine::GeneralPurposeConfig::new().with_decode_padding_mode(padding),
            );
            let mut out = vec![0; max_decoded_len(text.len())];
            let ours = decode(&text, &mut out).map(|len| out[..len].to_vec());
            let theirs = reference.decode(&text);
            proptest::prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}", text);
            if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
                proptest::prop_assert_eq!(ours, theirs);
            }
        }

        /// Whatever bytes were encoded decode back.
        #[test]
        fn round_trips(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..48)) {
            let mut text = vec![0; bytes.len().div_ceil(3) * 4];
            let written = encode(&bytes, &mut text);
            proptest::prop_assert_eq!(written, text.len());
            let mut out = vec![0; max_decoded_len(text.len())];
            proptest::prop_assert_eq!(decode(&text, &mut out).map(|len| out[..len].to_vec()), Ok(bytes));
        }
    }
}
