//! Codecs: the text forms a MAC or a secret travels in, hex and base64.
//! The bottom layer: it knows bytes and text, nothing of signatures or
//! headers.

pub(crate) mod base64;
pub(crate) mod hex;
/// Strips spaces and tabs from both ends, and says how many bytes went from
/// the front. Not `trim_ascii`: CR, LF and form feed have no business in a
/// header value and are reported, not hidden.
pub(crate) fn trim_blanks(value: &[u8]) -> (&[u8], usize) {
    let blank = |b: &u8| *b == b' ' || *b == b'\t';
    // Most values have nothing to trim.
    if let (Some(first), Some(last)) = (value.first(), value.last())
        && !blank(first)
        && !blank(last)
    {
        return (value, 0);
    }
    let start = value.iter().position(|b| !blank(b)).unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !blank(b))
        .map_or(start, |i| i + 1);
    (value.get(start..end).unwrap_or_default(), start)
}
