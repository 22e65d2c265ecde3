//! actix-web's payload stream as an `http_body::Body`, so that the shared
//! reader caps it as it caps any other body.

use core::pin::Pin;
use core::task::{Context, Poll};

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use bytes::Bytes;
use futures_core::Stream;
use http_body::{Body, Frame};

/// A request's payload, read frame by frame.
pub(crate) struct PayloadBody(pub(crate) Payload);

impl Body for PayloadBody {
    type Data = Bytes;
    type Error = PayloadError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, PayloadError>>> {
        Pin::new(&mut self.0)
            .poll_next(cx)
            .map(|chunk| chunk.map(|chunk| chunk.map(Frame::data)))
    }
}
