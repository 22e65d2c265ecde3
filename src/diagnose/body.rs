//! What may have happened to a body between signing and verifying, undone:
//! each variant is the bytes the sender would have signed if that mistake
//! happened, with the finding that names it.

use core::ops::ControlFlow;

use super::{
    Finding,
    finding::{LineEndingChange, Recoding},
    json::{Json, JsonStyle},
};
use crate::codec::base64;

/// The most variants [`variants`] hands on for one body: one base64
/// decoding, one Node.js `Buffer`, four line-ending changes, two
/// re-encodings, and one per [`JsonStyle::ALL`].
pub(crate) const MAX_VARIANTS: usize = 1 + 1 + 4 + 2 + JsonStyle::ALL.len();

/// Hands each variant of `body` to `each`, most likely first, until `each`
/// breaks. A variant equal to `body` is skipped; so is one equal to an
/// earlier variant (by a 64-bit hash: a collision skips a variant, it
/// cannot report a false one).
pub(crate) fn variants(
    body: &[u8],
    mut each: impl FnMut(Finding, &[u8]) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut seen = vec![digest(body)];
    let mut offer = |finding: Finding, bytes: Option<Vec<u8>>| match bytes {
        Some(bytes) if !seen.contains(&digest(&bytes)) => {
            seen.push(digest(&bytes));
            each(finding, &bytes)
        }
        _ => ControlFlow::Continue(()),
    };
    offer(Finding::Base64Body, base64_decoded(body))?;
    let json = Json::parse(body);
    if let Some(json) = &json {
        offer(Finding::NodeBuffer, json.node_buffer())?;
    }
    for (change, bytes) in line_endings(body) {
        offer(Finding::LineEndings { change }, Some(bytes))?;
    }
    if let Some(json) = &json {
        for style in JsonStyle::ALL {
            offer(Finding::Reserialized { style }, style.write(json))?;
        }
    }
    for (change, bytes) in recodings(body) {
        offer(Finding::Mojibake { change }, Some(bytes))?;
    }
    ControlFlow::Continue(())
}

fn digest(bytes: &[u8]) -> u64 {
    use core::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// The body decoded, if it is base64 (padded or not) of at least one byte,
/// blanks and line breaks at its ends ignored.
fn base64_decoded(body: &[u8]) -> Option<Vec<u8>> {
    let text = body.trim_ascii();
    if text.len() < 4 {
        return None;
    }
    let mut out = vec![0; base64::max_decoded_len(text.len())];
    let len = base64::decode(text, &mut out).ok()?;
    out.truncate(len);
    (!out.is_empty()).then_some(out)
}

/// Each line-ending change that could have turned the signed body into
/// `body`, with the signed body it implies.
fn line_endings(body: &[u8]) -> Vec<(LineEndingChange, Vec<u8>)> {
    let mut out = Vec::new();
    if let Some(rest) = body.strip_suffix(b"\r\n") {
        out.push((LineEndingChange::TrailingCrlfAdded, rest.to_vec()));
    } else if let Some(rest) = body.strip_suffix(b"\n") {
        out.push((LineEndingChange::TrailingNewlineAdded, rest.to_vec()));
    } else {
        out.push((
            LineEndingChange::TrailingNewlineDropped,
            [body, b"\n"].concat(),
        ));
        out.push((
            LineEndingChange::TrailingCrlfDropped,
            [body, b"\r\n"].concat(),
        ));
    }
    if memchr::memmem::find(body, b"\r\n").is_some() {
        out.push((LineEndingChange::LfToCrlf, replace(body, b"\r\n", b"\n")));
    }
    let lone_lf = body
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\n' && (i == 0 || body.get(i - 1) != Some(&b'\r')));
    if lone_lf {
        let mut crlf = Vec::with_capacity(body.len() + 16);
        let mut previous = 0;
        for &byte in body {
            if byte == b'\n' && previous != b'\r' {
                crlf.push(b'\r');
            }
            crlf.push(byte);
            previous = byte;
        }
        out.push((LineEndingChange::CrlfToLf, crlf));
    }
    out
}

fn replace(body: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = memchr::memmem::find(rest, from) {
        out.extend_from_slice(rest.get(..at).unwrap_or_default());
        out.extend_from_slice(to);
        rest = rest.get(at + from.len()..).unwrap_or_default();
    }
    out.extend_from_slice(rest);
    out
}

/// Windows-1252's characters for the bytes 0x80 to 0x9F, where Latin-1 has
/// control characters; `None` for its five unassigned bytes.
const WINDOWS_1252: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The byte Latin-1 or Windows-1252 writes `c` as, if either has it.
fn single_byte(c: char) -> Option<u8> {
    u8::try_from(u32::from(c)).ok().or_else(|| {
        let index = WINDOWS_1252.iter().position(|&w| w == Some(c))?;
        u8::try_from(0x80 + index).ok()
    })
}

/// Each re-encoding that could have turned a UTF-8 body into `body`, with
/// the body undone.
fn recodings(body: &[u8]) -> Vec<(Recoding, Vec<u8>)> {
    let mut out = Vec::new();
    match core::str::from_utf8(body) {
        // Mojibake: UTF-8 decoded one byte per character and encoded again.
        // Undo it when every character fits a byte and the bytes are UTF-8.
        Ok(text) if !text.is_ascii() => {
            let bytes: Option<Vec<u8>> = text.chars().map(single_byte).collect();
            if let Some(bytes) = bytes
                && core::str::from_utf8(&bytes).is_ok()
            {
                out.push((Recoding::DecodedAsLatin1, bytes));
            }
        }
        Ok(_) => {}
        // Not UTF-8: perhaps UTF-8 text converted to one byte per character.
        Err(_) => {
            let latin1: String = body.iter().map(|&b| char::from(b)).collect();
            out.push((Recoding::EncodedAsLatin1, latin1.into_bytes()));
            if body.iter().any(|b| (0x80..0xA0).contains(b)) {
                let windows: String = body
                    .iter()
                    .map(|&b| {
                        b.checked_sub(0x80)
                            .and_then(|i| WINDOWS_1252.get(usize::from(i)).copied().flatten())
                            .unwrap_or(char::from(b))
                    })
                    .collect();
                out.push((Recoding::EncodedAsLatin1, windows.into_bytes()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(body: &[u8]) -> Vec<(Finding, Vec<u8>)> {
        let mut out = Vec::new();
        let _ = variants(body, |finding, bytes| {
            out.push((finding, bytes.to_vec()));
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn every_variant_differs_and_the_bound_holds() {
        let body = "{\"b\":\"é/<&>\",\r\n\"a\":[1,{}]}\n".as_bytes();
        let found = all(body);
        assert!(found.len() <= MAX_VARIANTS);
        for (i, (_, a)) in found.iter().enumerate() {
            assert_ne!(a.as_slice(), body);
            for (_, b) in &found[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn line_endings_undo_each_change() {
        let changes = |body: &[u8]| line_endings(body);
        assert_eq!(
            changes(b"a\nb\n"),
            [
                (LineEndingChange::TrailingNewlineAdded, b"a\nb".to_vec()),
                (LineEndingChange::CrlfToLf, b"a\r\nb\r\n".to_vec()),
            ]
        );
        assert_eq!(
            changes(b"a\r\nb"),
            [
                (
                    LineEndingChange::TrailingNewlineDropped,
                    b"a\r\nb\n".to_vec()
                ),
                (
                    LineEndingChange::TrailingCrlfDropped,
                    b"a\r\nb\r\n".to_vec()
                ),
                (LineEndingChange::LfToCrlf, b"a\nb".to_vec()),
            ]
        );
    }

    #[test]
    fn mojibake_is_undone_both_ways() {
        let signed = "{\"name\":\"Zoë ’ 😀\"}";
        // UTF-8 read as Windows-1252, written again as UTF-8.
        let misread: String = signed
            .bytes()
            .map(|b| match b {
                0x80..0xA0 => WINDOWS_1252[usize::from(b - 0x80)].unwrap(),
                _ => char::from(b),
            })
            .collect();
        assert_eq!(
            recodings(misread.as_bytes()),
            [(Recoding::DecodedAsLatin1, signed.as_bytes().to_vec())]
        );
        let latin1 = b"{\"name\":\"Zo\xeb\"}";
        assert_eq!(
            recodings(latin1),
            [(
                Recoding::EncodedAsLatin1,
                "{\"name\":\"Zoë\"}".as_bytes().to_vec()
            )]
        );
        assert!(recodings(b"plain ascii").is_empty());
        // Text whose characters do not all fit a byte is not mojibake.
        assert!(recodings("Zoë 😀".as_bytes()).is_empty());
    }

    #[test]
    fn base64_bodies_decode() {
        assert_eq!(base64_decoded(b"e30=\n"), Some(b"{}".to_vec()));
        assert_eq!(base64_decoded(b"e30"), None);
        assert_eq!(base64_decoded(br#"{"a":1}"#), None);
    }
}
