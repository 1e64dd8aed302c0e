//! Answers written as they are produced: a task writes chunks into a
//! [`Chunks`] sender and the answer's [`StreamedBody`] sends them on. When
//! the client goes away the body is dropped and the task learns it at its
//! next write (or from [`Chunks::closed`]). A task that fails midway
//! [`Chunks::abort`]s: the connection is cut, so that a client sees a broken
//! answer rather than a short one that looks whole. Used by event streams
//! ([`super::event_stream`]) and exports.

use std::collections::VecDeque;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::web::Bytes;
use tokio::sync::mpsc;

/// The body of a streamed answer: what its sender writes, until the sender
/// is dropped; first what [`StreamedBody::hold`] held back.
pub struct StreamedBody {
    held: VecDeque<Bytes>,
    rest: mpsc::Receiver<io::Result<Bytes>>,
}

impl StreamedBody {
    /// Waits until the sender has written `bytes`, or all it will write,
    /// and keeps it to send first: so that an answer that fails early
    /// fails before its status is sent, as a problem response (the error
    /// the sender aborted with), not as a cut connection.
    pub async fn hold(&mut self, bytes: usize) -> io::Result<()> {
        let mut held = 0;
        while held < bytes {
            match self.rest.recv().await {
                Some(Ok(chunk)) => {
                    held += chunk.len();
                    self.held.push_back(chunk);
                }
                Some(Err(error)) => return Err(error),
                None => break,
            }
        }
        Ok(())
    }
}

impl MessageBody for StreamedBody {
    type Error = io::Error;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.get_mut();
        match this.held.pop_front() {
            Some(chunk) => Poll::Ready(Some(Ok(chunk))),
            None => this.rest.poll_recv(cx),
        }
    }
}

/// Writes chunks into a streamed answer.
pub struct Chunks(mpsc::Sender<io::Result<Bytes>>);

/// A sender for the task that produces the answer, and the body it feeds.
pub fn channel() -> (Chunks, StreamedBody) {
    // A few chunks may wait for a slow client; then the task waits too.
    let (sender, receiver) = mpsc::channel(16);
    let body = StreamedBody {
        held: VecDeque::new(),
        rest: receiver,
    };
    (Chunks(sender), body)
}

impl Chunks {
    /// One chunk; false once the client has gone.
    pub async fn send(&self, chunk: impl Into<Bytes>) -> bool {
        self.0.send(Ok(chunk.into())).await.is_ok()
    }

    /// Ends the answer as broken, with the kind of error it broke with.
    pub async fn abort(self, kind: io::ErrorKind, why: &str) {
        let _ = self.0.send(Err(io::Error::new(kind, why.to_owned()))).await;
    }

    /// Completes when the client has gone.
    pub async fn closed(&self) {
        self.0.closed().await;
    }
}
