//! Answers written as they are produced: a task writes chunks into a
//! [`Chunks`] sender and the answer's [`StreamedBody`] sends them on. When
//! the client goes away the body is dropped and the task learns it at its
//! next write (or from [`Chunks::closed`]). A task that fails midway
//! [`Chunks::abort`]s: the connection is cut, so that a client sees a broken
//! answer rather than a short one that looks whole. Used by event streams
//! ([`super::event_stream`]) and exports.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::web::Bytes;
use tokio::sync::mpsc;

/// The body of a streamed answer: what its sender writes, until the sender
/// is dropped.
pub struct StreamedBody(mpsc::Receiver<io::Result<Bytes>>);

impl MessageBody for StreamedBody {
    type Error = io::Error;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        self.get_mut().0.poll_recv(cx)
    }
}

/// Writes chunks into a streamed answer.
pub struct Chunks(mpsc::Sender<io::Result<Bytes>>);

/// A sender for the task that produces the answer, and the body it feeds.
pub fn channel() -> (Chunks, StreamedBody) {
    // A few chunks may wait for a slow client; then the task waits too.
    let (sender, receiver) = mpsc::channel(16);
    (Chunks(sender), StreamedBody(receiver))
}

impl Chunks {
    /// One chunk; false once the client has gone.
    pub async fn send(&self, chunk: impl Into<Bytes>) -> bool {
        self.0.send(Ok(chunk.into())).await.is_ok()
    }

    /// Ends the answer as broken.
    pub async fn abort(self, why: &str) {
        let _ = self.0.send(Err(io::Error::other(why.to_owned()))).await;
    }

    /// Completes when the client has gone.
    pub async fn closed(&self) {
        self.0.closed().await;
    }
}
