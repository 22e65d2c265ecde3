//! A quick look that vouches for most raw JSON without parsing it (see
//! [`valid`](super::valid)): a parse costs several times as much, and most
//! values have nothing a `Value` could refuse.

/// Whether `raw`, JSON that serde_json has scanned (its syntax and UTF-8
/// checked), surely reads as a `Value` with `room` levels of nesting left,
/// found without parsing it: no escape (so no lone surrogate), fewer
/// brackets than `room` (so no nesting too deep, brackets in strings
/// counted too), and no number that could overflow an `f64`, which takes
/// an exponent of three digits or more, or 210 digits before the point (a
/// number of 209 digits times 10^99 stays below 10^308). Letters and digits
/// in strings count too. `false` leaves the answer to the parse: it costs
/// only time, and most bodies are plain where a parse costs several times
/// as much as this look.
pub(super) fn plain(raw: &[u8], room: usize) -> bool {
    /// Digits in a row that a number with an exponent below 100 needs to
    /// overflow.
    const LONG_RUN: usize = 210;
    // A string holds no number and no nesting: only an escape could be a
    // lone surrogate. `memchr` finds a backslash a vector at a time, several
    // times faster than the general look below.
    if raw.first() == Some(&b'"') {
        return memchr::memchr(b'\\', raw).is_none();
    }
    if !no_escape_nor_big_exponent(raw) {
        return false;
    }
    // Nesting takes two brackets a level: a short value cannot go deep.
    if raw.len() >= 2 * room && brackets(raw) >= room {
        return false;
    }
    // A run of LONG_RUN digits holds a byte at every LONG_RUN-th index:
    // look around those alone.
    !raw.iter()
        .enumerate()
        .skip(LONG_RUN - 1)
        .step_by(LONG_RUN)
        .any(|(at, b)| b.is_ascii_digit() && digit_run(raw, at) >= LONG_RUN)
}

/// How many `[` and `{` `raw` holds.
fn brackets(raw: &[u8]) -> usize {
    // Counted a chunk at a time into a byte, which the compiler turns into
    // vector compares and adds. `[` is `{` with bit 5 cleared.
    raw.chunks(128)
        .map(|chunk| {
            let count: u8 = chunk
                .iter()
                .map(|&b| u8::from(b | 0x20 == b'{'))
                .fold(0, u8::wrapping_add);
            usize::from(count)
        })
        .sum()
}

/// Whether `raw` has no backslash, and no digit followed by an exponent
/// of three digits or more (`1e400`, `2E+308`, which may be beyond an
/// `f64`).
fn no_escape_nor_big_exponent(raw: &[u8]) -> bool {
    /// Bytes looked at together: the compiler turns a lane of known length
    /// into vector compares, without branches.
    const LANE: usize = 32;
    // Each byte is paired with the next, so the last byte is not checked
    // for a backslash: it closes the value, which a backslash never does.
    let Some((_, next)) = raw.split_first() else {
        return true;
    };
    let this = raw.get(..next.len()).unwrap_or_default();
    let (these, this_rest) = this.as_chunks::<LANE>();
    let (nexts, next_rest) = next.as_chunks::<LANE>();
    let plain = |at: usize, this: &[u8], next: &[u8]| {
        let (escape, exponent) = flags(this, next);
        !(escape || exponent && big_exponent_in(raw, at + 1, next.len()))
    };
    these
        .iter()
        .zip(nexts)
        .enumerate()
        .all(|(index, (this, next))| plain(index * LANE, this, next))
        && plain(these.len() * LANE, this_rest, next_rest)
}

/// Whether `this` holds a backslash, and whether a digit in it is followed
/// by an `e` or `E` in `next`, the same bytes shifted by one.
#[inline(always)]
fn flags(this: &[u8], next: &[u8]) -> (bool, bool) {
    let (mut escape, mut exponent) = (0_u8, 0_u8);
    for (&b, &after) in this.iter().zip(next) {
        escape |= u8::from(b == b'\\');
        exponent |= u8::from(b.wrapping_sub(b'0') < 10) & u8::from(after | 0x20 == b'e');
    }
    (escape != 0, exponent != 0)
}

/// Whether an `e` or `E` among the `len` bytes of `raw` from `from` starts
/// an exponent of three digits or more, which may run past them.
fn big_exponent_in(raw: &[u8], from: usize, len: usize) -> bool {
    let lane = raw.get(from..from + len).unwrap_or_default();
    memchr::memchr2_iter(b'e', b'E', lane).any(|at| {
        let after = raw.get(from + at + 1..).unwrap_or_default();
        let digits = after
            .strip_prefix(b"-")
            .or_else(|| after.strip_prefix(b"+"))
            .unwrap_or(after);
        digits.iter().take(3).filter(|b| b.is_ascii_digit()).count() == 3
    })
}

/// The length of the run of ASCII digits through `raw[at]`.
fn digit_run(raw: &[u8], at: usize) -> usize {
    let (before, after) = raw.split_at(at);
    let left = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let right = after.iter().take_while(|b| b.is_ascii_digit()).count();
    left + right
}

#[cfg(test)]
mod tests {
    use serde_json::value::RawValue;

    use super::*;

    #[test]
    fn plain_json_is_vouched_for_without_parsing() {
        for json in [
            r#"{"a":[1,2.5,-3e-7,true,null],"b":"x e123 \u00e9"}"#,
            "1e99",
            &format!("[{}0]", "1234567890,".repeat(1000)),
        ] {
            let raw = serde_json::from_str::<&RawValue>(json).unwrap().get();
            assert!(super::super::valid::check(raw, 1).is_ok(), "{json}");
        }
        let plain = |json: &str| plain(json.as_bytes(), 10);
        assert!(plain(r#"{"a":[1,"e12"],"b":1e99}"#));
        // What needs a parse: an escape, many brackets, a large exponent
        // or a long run of digits, wherever they are.
        assert!(!plain(r#""\n""#));
        assert!(!plain(r#"["x1e123"]"#));
        assert!(plain(r#"["x e123"]"#));
        // A string alone holds neither a number nor nesting: only an escape
        // sends it to the parse.
        assert!(plain(r#""x1e123 [[[[[[[[[[[[ 99999""#));
        assert!(!plain(r#""a\u00e9""#));
        assert!(!plain("1E+400"));
        assert!(!plain(&format!("-{}", "9".repeat(210))));
        assert!(!plain(&format!("[1,{}.5]", "9".repeat(250))));
        assert!(plain(&"9".repeat(209)));
        let brackets = |count: usize| format!("{}{}", "[".repeat(count), "]".repeat(count));
        assert!(plain(&brackets(9)) && !plain(&brackets(10)));
        assert!(!plain(&format!("[{},{}]", "[1],".repeat(5), brackets(4))));
        assert_eq!(super::brackets("{[x".repeat(300).as_bytes()), 600);
        // The exponent at and across a lane's edge.
        for at in 25..70 {
            for exponent in ["1e400", "1E+400", "1e-400"] {
                let json = format!("[{}{exponent}]", " ".repeat(at));
                assert!(!plain(&json), "{json}");
            }
        }
    }
}
