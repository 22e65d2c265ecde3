//! Captured requests: a raw HTTP/1.1 request dump, a `curl --trace` file
//! (byte-exact, body included) or a `curl -v` trace (headers only: the
//! body comes from its own file).

use core::fmt;

/// A request as captured: its request line, headers and raw body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Captured {
    /// `POST /hooks HTTP/1.1`, as captured.
    pub(crate) request_line: String,
    /// Each header, in order, repeats kept; names as captured.
    pub(crate) headers: Vec<(String, Vec<u8>)>,
    /// The raw body bytes.
    pub(crate) body: Vec<u8>,
    /// Which format the capture was in.
    pub(crate) format: Format,
    /// Things worth telling the reader about the capture itself.
    pub(crate) notes: Vec<String>,
}

/// The formats a capture is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// A raw HTTP/1.1 request: request line, headers, blank line, body.
    Raw,
    /// `curl --trace FILE`: hex dumps of the bytes sent.
    CurlTrace,
    /// `curl -v`: `> ` lines for the request head; no body.
    CurlVerbose,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Raw => "raw HTTP request",
            Self::CurlTrace => "curl --trace",
            Self::CurlVerbose => "curl -v trace",
        })
    }
}

/// Why a capture cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DumpError {
    /// No request line (`POST /path HTTP/1.1`) where one should start.
    NoRequestLine,
    /// The head does not end with a blank line.
    UnfinishedHead,
    /// A header line without a `:`, by its 1-based line number.
    BadHeader(usize),
    /// A chunked body whose chunk sizes do not add up.
    BadChunks,
    /// A `curl --trace-ascii` file, which does not keep the bytes.
    TraceAscii,
}

impl fmt::Display for DumpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoRequestLine => f.write_str(
                "no request line: expected a raw HTTP request (`POST /path HTTP/1.1`), \
                 a `curl --trace` file or a `curl -v` trace",
            ),
            Self::UnfinishedHead => f.write_str("the request head does not end with a blank line"),
            Self::BadHeader(line) => write!(f, "line {line} is not a `Name: value` header"),
            Self::BadChunks => f.write_str("the chunked body's chunk sizes do not add up"),
            Self::TraceAscii => f.write_str(
                "a `curl --trace-ascii` file does not keep the bytes (line breaks and \
                 non-ASCII are rewritten): capture with `curl --trace FILE` instead",
            ),
        }
    }
}

impl std::error::Error for DumpError {}

/// Reads a capture in whichever format it is.
///
/// # Errors
///
/// A [`DumpError`] saying what is wrong.
pub(crate) fn parse(input: &[u8]) -> Result<Captured, DumpError> {
    let first_line = input.split(|&b| b == b'\n').next().unwrap_or_default();
    if is_request_line(String::from_utf8_lossy(first_line).trim_end_matches('\r')) {
        return raw(input, Format::Raw);
    }
    let text = String::from_utf8_lossy(input);
    if text.lines().any(|line| line.contains("=> Send header")) {
        return trace(&text);
    }
    if text.lines().any(|line| line.starts_with("> ")) {
        return verbose(&text);
    }
    Err(DumpError::NoRequestLine)
}

/// A raw request: request line, headers, a blank line, the body.
fn raw(input: &[u8], format: Format) -> Result<Captured, DumpError> {
    let (head, body) = split_head(input).ok_or(DumpError::UnfinishedHead)?;
    let head = String::from_utf8_lossy(head);
    let mut lines = head
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line));
    let request_line = lines.next().unwrap_or_default().to_owned();
    if !is_request_line(&request_line) {
        return Err(DumpError::NoRequestLine);
    }
    let headers = headers(lines, 2)?;
    let mut captured = Captured {
        request_line,
        headers,
        body: body.to_vec(),
        format,
        notes: Vec::new(),
    };
    captured.frame_body()?;
    Ok(captured)
}

/// The head and the body, split at the first blank line (CRLF or LF).
fn split_head(input: &[u8]) -> Option<(&[u8], &[u8])> {
    let crlf = find(input, b"\r\n\r\n").map(|at| (at, 4));
    let lf = find(input, b"\n\n").map(|at| (at, 2));
    let (at, len) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (a, b) => a.or(b)?,
    };
    Some((input.get(..at)?, input.get(at + len..)?))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn is_request_line(line: &str) -> bool {
    let parts: Vec<&str> = line.split(' ').collect();
    matches!(parts.as_slice(), [method, target, version]
        if !method.is_empty()
            && method.bytes().all(|b| b.is_ascii_uppercase())
            && !target.is_empty()
            && version.starts_with("HTTP/"))
}

/// `Name: value` lines; a line starting with a blank continues the one
/// before (obsolete line folding). `first` is the first line's number.
fn headers<'a>(
    lines: impl Iterator<Item = &'a str>,
    first: usize,
) -> Result<Vec<(String, Vec<u8>)>, DumpError> {
    let mut headers: Vec<(String, Vec<u8>)> = Vec::new();
    for (number, line) in (first..).zip(lines) {
        if line.starts_with([' ', '\t']) {
            let last = headers.last_mut().ok_or(DumpError::BadHeader(number))?;
            last.1.push(b' ');
            last.1.extend_from_slice(line.trim().as_bytes());
            continue;
        }
        let (name, value) = line.split_once(':').ok_or(DumpError::BadHeader(number))?;
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(DumpError::BadHeader(number));
        }
        let value = value.trim_matches([' ', '\t']);
        headers.push((name.to_owned(), value.as_bytes().to_vec()));
    }
    Ok(headers)
}

impl Captured {
    /// The values of header `name`, in any case.
    pub(crate) fn header(&self, name: &str) -> impl Iterator<Item = &[u8]> {
        self.headers
            .iter()
            .filter(move |(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_slice())
    }

    /// Undoes chunked transfer coding and holds the body to its
    /// `Content-Length`, saying what was cut.
    fn frame_body(&mut self) -> Result<(), DumpError> {
        let chunked = self
            .header("transfer-encoding")
            .any(|value| value.eq_ignore_ascii_case(b"chunked"));
        if chunked {
            self.body = dechunk(&self.body).ok_or(DumpError::BadChunks)?;
            return Ok(());
        }
        let length = self.header("content-length").next().and_then(|value| {
            std::str::from_utf8(value)
                .ok()?
                .trim()
                .parse::<usize>()
                .ok()
        });
        match length {
            Some(length) if self.body.len() > length => {
                let extra = self.body.len() - length;
                self.body.truncate(length);
                self.notes.push(format!(
                    "ignored {extra} byte(s) after the Content-Length of {length} (an editor's \
                     final newline?)"
                ));
            }
            Some(length) if self.body.len() < length => self.notes.push(format!(
                "the body has {} bytes, but Content-Length says {length}: the capture may be \
                 cut short",
                self.body.len()
            )),
            _ => {}
        }
        Ok(())
    }
}

/// A chunked body's data.
fn dechunk(mut input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(input, b"\r\n")?;
        let size_text = std::str::from_utf8(input.get(..line_end)?).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        input = input.get(line_end + 2..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(input.get(..size)?);
        input = input.get(size..)?.strip_prefix(b"\r\n")?;
    }
}

/// `curl --trace FILE`: the first request's `Send header` and `Send data`
/// hex dumps, read back into bytes.
fn trace(text: &str) -> Result<Captured, DumpError> {
    let mut bytes = Vec::new();
    let mut section = Section::Other;
    let mut received = false;
    for line in text.lines() {
        if line.contains("=> Send header") {
            if received {
                break; // the next request (a redirect): the first is the one
            }
            section = Section::Sent;
        } else if line.contains("=> Send data") {
            section = Section::Sent;
        } else if line.contains("<= Recv") {
            section = Section::Other;
            received = true;
        } else if line.contains("=> ") || line.starts_with("== ") {
            section = Section::Other;
        } else if section == Section::Sent
            && let Some((offset, dump)) = line.split_once(": ")
            && !offset.is_empty()
            && offset.bytes().all(|b| b.is_ascii_hexdigit())
        {
            // 16 columns of `xx `, padded with blanks on the last line.
            let hex = dump.get(..48).unwrap_or(dump);
            for token in hex.split_whitespace() {
                if token.len() != 2 {
                    return Err(DumpError::TraceAscii);
                }
                let byte = u8::from_str_radix(token, 16).map_err(|_| DumpError::TraceAscii)?;
                bytes.push(byte);
            }
        }
    }
    raw(&bytes, Format::CurlTrace)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Sent,
    Other,
}

/// `curl -v`: the first request's `> ` lines. curl does not print the body
/// it sends; the caller supplies it.
fn verbose(text: &str) -> Result<Captured, DumpError> {
    let mut lines = text
        .lines()
        .skip_while(|line| !line.starts_with("> "))
        .map_while(|line| line.strip_prefix('>'))
        .map(|line| {
            line.strip_prefix(' ')
                .unwrap_or(line)
                .trim_end_matches('\r')
        });
    let request_line = lines.next().unwrap_or_default().to_owned();
    if !is_request_line(&request_line) {
        return Err(DumpError::NoRequestLine);
    }
    let head: Vec<&str> = lines.take_while(|line| !line.is_empty()).collect();
    Ok(Captured {
        request_line,
        headers: headers(head.into_iter(), 2)?,
        body: Vec::new(),
        format: Format::CurlVerbose,
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_requests_with_either_line_ending() {
        for sep in ["\r\n", "\n"] {
            let text = format!(
                "POST /hooks HTTP/1.1{sep}Host: example.com{sep}X-Sig:  abc {sep}Content-Length: 2{sep}{sep}{{}}\n"
            );
            let captured = parse(text.as_bytes()).unwrap();
            assert_eq!(captured.request_line, "POST /hooks HTTP/1.1");
            assert_eq!(captured.header("x-sig").collect::<Vec<_>>(), [b"abc"]);
            assert_eq!(captured.body, b"{}");
            assert_eq!(captured.notes.len(), 1, "{:?}", captured.notes);
        }
    }

    #[test]
    fn chunked_bodies_are_joined() {
        let text = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{\"\r\n3\r\na\":\r\n2\r\n1}\r\n0\r\n\r\n";
        assert_eq!(parse(text).unwrap().body, b"{\"a\":1}");
    }

    #[test]
    fn bad_captures_say_why() {
        assert_eq!(parse(b"hello\r\n\r\n"), Err(DumpError::NoRequestLine));
        assert_eq!(
            parse(b"POST / HTTP/1.1\r\nX: y"),
            Err(DumpError::UnfinishedHead)
        );
        assert_eq!(
            parse(b"POST / HTTP/1.1\r\nno colon\r\n\r\n"),
            Err(DumpError::BadHeader(2))
        );
    }
}
