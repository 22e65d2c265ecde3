//! Reading a request body within a limit: refused from its declared length
//! before any of it is read, and capped as it arrives.

use core::future::poll_fn;
use core::pin::{Pin, pin};
use core::task::{Context, Poll, ready};
use std::error::Error;

use bytes::{Buf, Bytes, BytesMut};
use http_body::Body;
use http_body_util::LengthLimitError;

use super::Rejection;

/// All of `body`, or [`Rejection::TooLarge`] as soon as it is known to
/// exceed `limit`: from `declared` (the `Content-Length`) or the body's own
/// size hint before reading, or once more than `limit` bytes arrived.
///
/// A body that arrives in one frame, as most webhooks do, is handed on
/// without a copy.
#[cfg_attr(not(any(feature = "axum", feature = "actix-web")), allow(dead_code))]
pub(crate) async fn read<B>(
    body: B,
    declared: Option<u64>,
    limit: usize,
) -> Result<Bytes, Rejection>
where
    B: Body,
    B::Error: Into<Box<dyn Error + Send + Sync>>,
{
    let mut collect = Collect::new(&body, declared, limit);
    let mut body = pin!(body);
    poll_fn(|cx| collect.poll_read(body.as_mut(), cx)).await
}

/// The state of [`read`], apart from the body it reads: the tower layer's
/// future holds one beside the body it pins itself, so that it needs no
/// boxed future.
#[derive(Debug)]
pub(crate) struct Collect {
    limit: usize,
    /// Known over the limit before reading: from `Content-Length` or the
    /// size hint.
    refused: bool,
    first: Option<Bytes>,
    joined: Option<BytesMut>,
    length: usize,
}

impl Collect {
    /// Ready to read `body`, whose declared length is `declared`.
    pub(crate) fn new<B: Body>(body: &B, declared: Option<u64>, limit: usize) -> Self {
        let hinted = body.size_hint().lower();
        Self {
            limit,
            refused: over(declared.unwrap_or(0).max(hinted), limit),
            first: None,
            joined: None,
            length: 0,
        }
    }

    /// Reads the frames `body` has ready; all of it once it ends.
    pub(crate) fn poll_read<B>(
        &mut self,
        mut body: Pin<&mut B>,
        cx: &mut Context<'_>,
    ) -> Poll<Result<Bytes, Rejection>>
    where
        B: Body,
        B::Error: Into<Box<dyn Error + Send + Sync>>,
    {
        let limit = self.limit;
        let too_large = || Rejection::TooLarge { limit };
        if self.refused {
            return Poll::Ready(Err(too_large()));
        }
        while let Some(frame) = ready!(body.as_mut().poll_frame(cx)) {
            let frame = match frame {
                Ok(frame) => frame,
                Err(error) => {
                    let error = error.into();
                    return Poll::Ready(Err(if exceeds_limit(&*error) {
                        too_large()
                    } else {
                        Rejection::Body { reason: error }
                    }));
                }
            };
            // Trailers carry no body bytes; a signature never covers them.
            let Ok(mut data) = frame.into_data() else {
                continue;
            };
            let size = data.remaining();
            self.length = match self.length.checked_add(size) {
                Some(length) if length <= limit => length,
                _ => return Poll::Ready(Err(too_large())),
            };
            if size == 0 {
                continue;
            }
            match (&mut self.first, &mut self.joined) {
                (None, None) => self.first = Some(data.copy_to_bytes(size)),
                (Some(head), None) => {
                    let mut buffer = BytesMut::with_capacity(self.length);
                    buffer.extend_from_slice(head);
                    append(&mut buffer, &mut data);
                    self.first = None;
                    self.joined = Some(buffer);
                }
                (_, Some(buffer)) => append(buffer, &mut data),
            }
        }
        Poll::Ready(Ok(match (self.first.take(), self.joined.take()) {
            (_, Some(buffer)) => buffer.freeze(),
            (Some(head), None) => head,
            (None, None) => Bytes::new(),
        }))
    }
}

fn append(buffer: &mut BytesMut, data: &mut impl Buf) {
    while data.has_remaining() {
        let chunk = data.chunk();
        let taken = chunk.len();
        buffer.extend_from_slice(chunk);
        data.advance(taken);
    }
}

fn over(length: u64, limit: usize) -> bool {
    usize::try_from(length).map_or(true, |length| length > limit)
}

/// Whether `error` is, or wraps, a length-limit error: from a limit the
/// framework put in front of the receiver (axum's `DefaultBodyLimit`).
fn exceeds_limit(error: &(dyn Error + 'static)) -> bool {
    let mut error = Some(error);
    while let Some(current) = error {
        if current.is::<LengthLimitError>() {
            return true;
        }
        error = current.source();
    }
    false
}

/// The `Content-Length` a request declares, when it is one number.
pub(crate) fn declared_length<H: crate::Headers + ?Sized>(headers: &H) -> Option<u64> {
    let mut values = headers.values("content-length");
    let value = values.next()?;
    // Two lengths: the server refuses the framing itself, or reads by the
    // size hint.
    if values.next().is_some() {
        return None;
    }
    core::str::from_utf8(value).ok()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::{Full, Limited};

    fn block_on<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    /// A body sent in `chunks`, with no length known in advance.
    fn chunked(chunks: &[&'static [u8]]) -> Chunks {
        Chunks(
            chunks
                .iter()
                .map(|chunk| Bytes::from_static(chunk))
                .collect(),
        )
    }

    struct Chunks(std::collections::VecDeque<Bytes>);

    impl Body for Chunks {
        type Data = Bytes;
        type Error = std::io::Error;
        fn poll_frame(
            mut self: core::pin::Pin<&mut Self>,
            _: &mut core::task::Context<'_>,
        ) -> core::task::Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
            core::task::Poll::Ready(
                self.0
                    .pop_front()
                    .map(|chunk| Ok(http_body::Frame::data(chunk))),
            )
        }
    }

    #[test]
    fn one_frame_is_handed_on_without_a_copy() {
        let sent = Bytes::from_static(b"{\"event\":\"scan.started\"}");
        let read = block_on(read(Full::new(sent.clone()), None, 64)).unwrap();
        assert_eq!(read, sent);
        assert_eq!(read.as_ptr(), sent.as_ptr());
    }

    #[test]
    fn chunks_are_joined_in_order() {
        let read = block_on(read(chunked(&[b"ab", b"", b"cd", b"e"]), None, 5)).unwrap();
        assert_eq!(read, "abcde");
    }

    #[test]
    fn the_limit_holds_as_chunks_arrive() {
        let error = block_on(read(chunked(&[b"abc", b"def"]), None, 5)).unwrap_err();
        assert!(matches!(error, Rejection::TooLarge { limit: 5 }), "{error}");
    }

    #[test]
    fn a_declared_length_over_the_limit_is_refused_unread() {
        // The body is small: only the declaration is over.
        let error = block_on(read(Full::new(Bytes::from_static(b"a")), Some(6), 5)).unwrap_err();
        assert!(matches!(error, Rejection::TooLarge { limit: 5 }));
        // A size hint over the limit, too.
        let error = block_on(read(Full::new(Bytes::from_static(b"abcdef")), None, 5)).unwrap_err();
        assert!(matches!(error, Rejection::TooLarge { limit: 5 }));
    }

    #[test]
    fn a_limit_in_front_is_a_413_and_other_stream_errors_a_400() {
        // As axum's `DefaultBodyLimit` wraps the body.
        let limited = Limited::new(chunked(&[b"abc", b"def"]), 4);
        let error = block_on(read(limited, None, 100)).unwrap_err();
        assert!(matches!(error, Rejection::TooLarge { .. }), "{error}");

        struct Broken;
        impl Body for Broken {
            type Data = Bytes;
            type Error = std::io::Error;
            fn poll_frame(
                self: core::pin::Pin<&mut Self>,
                _: &mut core::task::Context<'_>,
            ) -> core::task::Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>>
            {
                core::task::Poll::Ready(Some(Err(std::io::Error::other("connection reset"))))
            }
        }
        let error = block_on(read(Broken, None, 100)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "body could not be read: connection reset"
        );
    }

    #[test]
    fn content_length_is_read_when_it_is_one_number() {
        assert_eq!(declared_length(&[("Content-Length", "42")]), Some(42));
        assert_eq!(declared_length(&[("content-length", "x")]), None);
        assert_eq!(
            declared_length(&[("content-length", "1"), ("content-length", "2")]),
            None
        );
        assert_eq!(declared_length(&[("x-other", "1")]), None);
    }
}
