//! The JSON a framework writes when it parses a body and serializes it
//! again: the layouts, key orders and string escapes of the common
//! serializers, applied to the received body to rebuild what may have been
//! signed.

use core::fmt;
use std::io;

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{MapAccess, SeqAccess, Visitor},
    ser::{SerializeMap, SerializeSeq},
};
use serde_json::ser::{CharEscape, Formatter};

/// One way of writing JSON: layout, key order and string escapes.
///
/// [`Finding::Reserialized`](super::Finding::Reserialized) carries the
/// style whose output the request's signature matched; `Display` names it
/// and the serializers that write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct JsonStyle {
    layout: Layout,
    order: KeyOrder,
    escapes: Escapes,
}

/// Where a JSON serializer puts whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Layout {
    /// No whitespace: `{"a":1,"b":[1,2]}` (`JSON.stringify`, `serde_json`,
    /// Go, PHP, Ruby).
    Compact,
    /// Python's `json.dumps` default separators: `{"a": 1, "b": [1, 2]}`.
    PythonSeparators,
    /// One member per line, indented by this many spaces
    /// (`JSON.stringify(v, null, 2)`, `serde_json::to_string_pretty`,
    /// `json.dumps(v, indent=4)`, PHP's `JSON_PRETTY_PRINT`).
    Indented(u8),
}

/// In which order a serializer writes an object's keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyOrder {
    /// As received: JavaScript, Python, PHP, Ruby, Go structs.
    Received,
    /// Sorted by code point: `serde_json::Value` without its
    /// `preserve_order` feature, Go maps, `sort_keys=True`, `jq -S`.
    Sorted,
}

/// Which characters a serializer escapes in strings, beyond `"`, `\` and
/// control characters, which all of them escape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Escapes {
    /// Nothing more: non-ASCII text as UTF-8 (`JSON.stringify`,
    /// `serde_json`, Ruby).
    Minimal,
    /// Every non-ASCII character as `\uXXXX` (Python's default
    /// `ensure_ascii=True`).
    Ascii,
    /// Non-ASCII as `\uXXXX` and `/` as `\/` (PHP's `json_encode`
    /// defaults).
    AsciiAndSlash,
    /// `<`, `>`, `&`, U+2028 and U+2029 as `\u003c`-style escapes (Go's
    /// `encoding/json`).
    Html,
}

impl JsonStyle {
    /// The styles tried, most common first; at most [`JsonStyle::ALL`]'s
    /// length variants of a body cost an HMAC each (identical outputs are
    /// tried once).
    pub(crate) const ALL: [Self; 18] = {
        use Escapes::{Ascii, AsciiAndSlash, Html, Minimal};
        use KeyOrder::{Received, Sorted};
        use Layout::{Compact, Indented, PythonSeparators};
        [
            Self::new(Compact, Received, Minimal),
            Self::new(Indented(2), Received, Minimal),
            Self::new(Compact, Sorted, Minimal),
            Self::new(PythonSeparators, Received, Ascii),
            Self::new(Compact, Received, Html),
            Self::new(Compact, Sorted, Html),
            Self::new(Compact, Received, AsciiAndSlash),
            Self::new(Indented(4), Received, Minimal),
            Self::new(Indented(4), Received, Ascii),
            Self::new(Indented(2), Received, Ascii),
            Self::new(Indented(2), Sorted, Minimal),
            Self::new(PythonSeparators, Sorted, Ascii),
            Self::new(Compact, Received, Ascii),
            Self::new(Indented(4), Received, AsciiAndSlash),
            Self::new(PythonSeparators, Received, Minimal),
            Self::new(Indented(4), Sorted, Ascii),
            Self::new(Compact, Sorted, Ascii),
            Self::new(Indented(2), Sorted, Ascii),
        ]
    };

    /// A style.
    pub const fn new(layout: Layout, order: KeyOrder, escapes: Escapes) -> Self {
        Self {
            layout,
            order,
            escapes,
        }
    }

    /// Where whitespace goes.
    pub const fn layout(self) -> Layout {
        self.layout
    }

    /// The order of an object's keys.
    pub const fn order(self) -> KeyOrder {
        self.order
    }

    /// Which characters strings escape.
    pub const fn escapes(self) -> Escapes {
        self.escapes
    }

    /// `json` written in this style.
    pub(crate) fn write(self, json: &Json) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let formatter = Style {
            style: self,
            depth: 0,
            has_value: false,
        };
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
        Ordered {
            json,
            sorted: self.order == KeyOrder::Sorted,
        }
        .serialize(&mut serializer)
        .ok()?;
        Some(out)
    }

    /// The serializers known to write this style, for a message.
    fn writers(self) -> Option<&'static str> {
        use Escapes::{Ascii, AsciiAndSlash, Html, Minimal};
        use KeyOrder::{Received, Sorted};
        use Layout::{Compact, Indented, PythonSeparators};
        Some(match (self.layout, self.order, self.escapes) {
            (Compact, Received, Minimal) => {
                "JSON.stringify(req.body), res.json(), serde_json with preserve_order, Ruby's to_json"
            }
            (Compact, Sorted, Minimal) => "serde_json::Value (keys sorted), jq -cS",
            (Compact, _, Html) => "Go's json.Marshal",
            (Compact, Received, AsciiAndSlash) => "PHP's json_encode",
            (Compact, _, Ascii) => "Python's json.dumps with separators=(',', ':')",
            (PythonSeparators, Received, Ascii) => "Python's json.dumps",
            (PythonSeparators, Sorted, Ascii) => "Python's json.dumps(sort_keys=True)",
            (PythonSeparators, _, Minimal) => "Python's json.dumps(ensure_ascii=False)",
            (Indented(2), Received, Minimal) => {
                "JSON.stringify(v, null, 2), serde_json::to_string_pretty"
            }
            (Indented(2), Sorted, Minimal) => "serde_json::to_string_pretty of a Value",
            (Indented(_), _, Ascii) => "Python's json.dumps(indent=...)",
            (Indented(4), Received, Minimal) => "JSON.stringify(v, null, 4)",
            (Indented(4), Received, AsciiAndSlash) => "PHP's json_encode with JSON_PRETTY_PRINT",
            _ => return None,
        })
    }
}

impl fmt::Display for JsonStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.layout {
            Layout::Compact => f.write_str("compact JSON")?,
            Layout::PythonSeparators => f.write_str("JSON with \", \" and \": \" separators")?,
            Layout::Indented(spaces) => write!(f, "JSON indented by {spaces} spaces")?,
        }
        if self.order == KeyOrder::Sorted {
            f.write_str(", keys sorted")?;
        }
        match self.escapes {
            Escapes::Minimal => {}
            Escapes::Ascii => f.write_str(", non-ASCII escaped as \\uXXXX")?,
            Escapes::AsciiAndSlash => f.write_str(", non-ASCII as \\uXXXX and / as \\/")?,
            Escapes::Html => f.write_str(", <, > and & escaped as \\u003c, \\u003e, \\u0026")?,
        }
        if let Some(writers) = self.writers() {
            write!(f, " ({writers})")?;
        }
        Ok(())
    }
}

/// A parsed JSON document that keeps its keys in the order received
/// (whatever `serde_json`'s `preserve_order` feature says elsewhere in the
/// build) and repeated keys as they came.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// `body` parsed, or `None` when it is not JSON. `serde_json` refuses
    /// nesting deeper than 128, so neither parsing nor writing can overflow
    /// the stack.
    pub(crate) fn parse(body: &[u8]) -> Option<Self> {
        serde_json::from_slice(body).ok()
    }

    /// The bytes of a Node.js `Buffer` written by `JSON.stringify`:
    /// `{"type":"Buffer","data":[123,34,...]}`.
    pub(crate) fn node_buffer(&self) -> Option<Vec<u8>> {
        let Self::Object(members) = self else {
            return None;
        };
        let [
            (type_key, Self::String(kind)),
            (data_key, Self::Array(data)),
        ] = members.as_slice()
        else {
            return None;
        };
        if type_key != "type" || kind != "Buffer" || data_key != "data" {
            return None;
        }
        data.iter()
            .map(|item| match item {
                Self::Number(n) => n.as_u64().and_then(|n| u8::try_from(n).ok()),
                _ => None,
            })
            .collect()
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Json, E> {
        Ok(Json::Bool(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Json, E> {
        Ok(Json::Number(value.into()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Json, E> {
        Ok(Json::Number(value.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Json, E> {
        serde_json::Number::from_f64(value)
            .map(Json::Number)
            .ok_or_else(|| E::custom("not a finite number"))
    }

    fn visit_str<E>(self, value: &str) -> Result<Json, E> {
        Ok(Json::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Json, E> {
        Ok(Json::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<String, Json>()? {
            members.push(member);
        }
        Ok(Json::Object(members))
    }
}

/// A document to write, with its objects' keys as received or sorted.
struct Ordered<'a> {
    json: &'a Json,
    sorted: bool,
}

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let child = |json| Ordered {
            json,
            sorted: self.sorted,
        };
        match self.json {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(value) => serializer.serialize_bool(*value),
            Json::Number(number) => number.serialize(serializer),
            Json::String(text) => serializer.serialize_str(text),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&child(item))?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut members: Vec<_> = members.iter().collect();
                if self.sorted {
                    // UTF-8 byte order is code point order: what Python,
                    // Go and a BTreeMap sort by.
                    members.sort_by(|a, b| a.0.cmp(&b.0));
                }
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, &child(value))?;
                }
                map.end()
            }
        }
    }
}

/// A `serde_json` formatter for one [`JsonStyle`]: its layout (after
/// `serde_json`'s `PrettyFormatter` for the indented ones) and its escapes.
struct Style {
    style: JsonStyle,
    depth: usize,
    has_value: bool,
}

impl Style {
    fn indent(&self) -> Option<usize> {
        match self.style.layout {
            Layout::Indented(spaces) => Some(usize::from(spaces)),
            _ => None,
        }
    }

    fn newline<W: ?Sized + io::Write>(&self, writer: &mut W, spaces: usize) -> io::Result<()> {
        writer.write_all(b"\n")?;
        for _ in 0..self.depth * spaces {
            writer.write_all(b" ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if let Some(spaces) = self.indent()
            && self.has_value
        {
            self.newline(writer, spaces)?;
        }
        writer.write_all(bracket)
    }

    fn item<W: ?Sized + io::Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        match self.style.layout {
            Layout::Indented(spaces) => {
                if !first {
                    writer.write_all(b",")?;
                }
                self.newline(writer, usize::from(spaces))
            }
            Layout::PythonSeparators if !first => writer.write_all(b", "),
            _ if !first => writer.write_all(b","),
            _ => Ok(()),
        }
    }
}

fn write_u_escape<W: ?Sized + io::Write>(writer: &mut W, unit: u16) -> io::Result<()> {
    write!(writer, "\\u{unit:04x}")
}

impl Formatter for Style {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        match self.style.layout {
            Layout::Compact => writer.write_all(b":"),
            _ => writer.write_all(b": "),
        }
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if self.style.escapes == Escapes::Minimal {
            return writer.write_all(fragment.as_bytes());
        }
        for c in fragment.chars() {
            match (self.style.escapes, c) {
                (Escapes::AsciiAndSlash, '/') => writer.write_all(b"\\/")?,
                (Escapes::Ascii | Escapes::AsciiAndSlash, c) if !c.is_ascii() => {
                    let mut units = [0; 2];
                    for unit in c.encode_utf16(&mut units) {
                        write_u_escape(writer, *unit)?;
                    }
                }
                (Escapes::Html, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') => {
                    write_u_escape(writer, u16::try_from(u32::from(c)).unwrap_or(0))?;
                }
                (_, c) => {
                    let mut utf8 = [0; 4];
                    writer.write_all(c.encode_utf8(&mut utf8).as_bytes())?;
                }
            }
        }
        Ok(())
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        let short = match escape {
            CharEscape::Quote => b'"',
            CharEscape::ReverseSolidus => b'\\',
            CharEscape::Solidus => b'/',
            CharEscape::Backspace => b'b',
            CharEscape::FormFeed => b'f',
            CharEscape::LineFeed => b'n',
            CharEscape::CarriageReturn => b'r',
            CharEscape::Tab => b't',
            CharEscape::AsciiControl(byte) => return write_u_escape(writer, u16::from(byte)),
        };
        writer.write_all(&[b'\\', short])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(style: JsonStyle, body: &str) -> String {
        let json = Json::parse(body.as_bytes()).unwrap();
        String::from_utf8(style.write(&json).unwrap()).unwrap()
    }

    const BODY: &str = r#"{"z":"é/<&>😀","a":[1,2.5,{}],"m":{"y":null,"b":true},"e":[]}"#;

    #[test]
    fn each_layout_writes_as_its_serializers_do() {
        use Escapes::Minimal;
        use KeyOrder::Received;
        let compact = JsonStyle::new(Layout::Compact, Received, Minimal);
        assert_eq!(write(compact, BODY), BODY);
        let python = JsonStyle::new(Layout::PythonSeparators, Received, Minimal);
        assert_eq!(
            write(python, BODY),
            r#"{"z": "é/<&>😀", "a": [1, 2.5, {}], "m": {"y": null, "b": true}, "e": []}"#
        );
        let pretty = JsonStyle::new(Layout::Indented(2), Received, Minimal);
        let value: serde_json::Value =
            serde_json::from_str(r#"{"a":[1,{}],"b":{"c":[]}}"#).unwrap();
        assert_eq!(
            write(pretty, r#"{"a":[1,{}],"b":{"c":[]}}"#),
            serde_json::to_string_pretty(&value).unwrap()
        );
        let four = JsonStyle::new(Layout::Indented(4), Received, Minimal);
        assert_eq!(
            write(four, r#"{"a":[1]}"#),
            "{\n    \"a\": [\n        1\n    ]\n}"
        );
    }

    #[test]
    fn keys_sorted_or_as_received() {
        let sorted = JsonStyle::new(Layout::Compact, KeyOrder::Sorted, Escapes::Minimal);
        assert_eq!(
            write(sorted, r#"{"b":1,"a":{"d":1,"c":2},"é":0,"Z":0}"#),
            r#"{"Z":0,"a":{"c":2,"d":1},"b":1,"é":0}"#
        );
    }

    #[test]
    fn escapes_as_python_php_and_go_write_them() {
        use KeyOrder::Received;
        use Layout::Compact;
        let text = "{\"k\":\"é/<&>😀\u{2028}\",\"c\":\"\\u0001\\n\"}";
        assert_eq!(
            write(JsonStyle::new(Compact, Received, Escapes::Ascii), text),
            r#"{"k":"\u00e9/<&>\ud83d\ude00\u2028","c":"\u0001\n"}"#
        );
        assert_eq!(
            write(
                JsonStyle::new(Compact, Received, Escapes::AsciiAndSlash),
                text
            ),
            r#"{"k":"\u00e9\/<&>\ud83d\ude00\u2028","c":"\u0001\n"}"#
        );
        assert_eq!(
            write(JsonStyle::new(Compact, Received, Escapes::Html), text),
            r#"{"k":"é/\u003c\u0026\u003e😀\u2028","c":"\u0001\n"}"#
        );
    }

    #[test]
    fn numbers_and_repeated_keys_survive() {
        let compact = JsonStyle::ALL[0];
        assert_eq!(
            write(
                compact,
                r#"{"a":1,"a":-2,"f":1.5e300,"big":18446744073709551615}"#
            ),
            // As JavaScript writes 1.5e300 too.
            r#"{"a":1,"a":-2,"f":1.5e+300,"big":18446744073709551615}"#
        );
        assert!(Json::parse(b"{").is_none());
        assert!(Json::parse(&[b'['; 200]).is_none());
    }

    #[test]
    fn styles_are_distinct_and_named() {
        for (i, a) in JsonStyle::ALL.iter().enumerate() {
            assert!(a.writers().is_some(), "{a:?}");
            for b in &JsonStyle::ALL[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(
            JsonStyle::ALL[1].to_string(),
            "JSON indented by 2 spaces (JSON.stringify(v, null, 2), \
             serde_json::to_string_pretty)"
        );
    }

    #[test]
    fn node_buffers_give_their_bytes() {
        let json = Json::parse(br#"{"type":"Buffer","data":[123,125]}"#).unwrap();
        assert_eq!(json.node_buffer(), Some(b"{}".to_vec()));
        let bad = Json::parse(br#"{"type":"Buffer","data":[256]}"#).unwrap();
        assert_eq!(bad.node_buffer(), None);
    }
}
