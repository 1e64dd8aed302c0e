//! Server-Sent Events (`text/event-stream`, WHATWG HTML, "Server-sent
//! events"): an answer that stays open and carries events as they happen.
//! A task writes into an [`EventSender`]; the answer's body sends what it
//! wrote (see [`super::streamed`]); when the client goes away the sender
//! learns it at its next write (or from [`EventSender::closed`]).
//! Such answers are neither kept by the response cache nor by other caches.

use super::streamed::{self, Chunks, StreamedBody};

pub const CONTENT_TYPE: &str = "text/event-stream";

/// The paths answered as event streams.
pub const PATHS: &[&str] = &["/v1/changes/stream"];

/// Whether `path` is answered as an event stream.
pub fn is_stream(path: &str) -> bool {
    PATHS.contains(&path)
}

/// Writes events into a stream's body.
pub struct EventSender(Chunks);

/// A sender for the task that produces events, and the body it feeds.
pub fn channel() -> (EventSender, StreamedBody) {
    let (chunks, body) = streamed::channel();
    (EventSender(chunks), body)
}

impl EventSender {
    /// One event; false once the client has gone. `id`, `event` and `data`
    /// hold no line breaks (the data is compact JSON).
    pub async fn event(&self, id: &str, event: &str, data: &str) -> bool {
        self.write(format!("id: {id}\nevent: {event}\ndata: {data}\n\n"))
            .await
    }

    /// A comment, which clients ignore: it keeps an idle stream from being
    /// closed by proxies. False once the client has gone.
    pub async fn comment(&self, text: &str) -> bool {
        self.write(format!(": {text}\n\n")).await
    }

    /// How long a client waits before it reconnects after the stream ends.
    pub async fn retry_after(&self, milliseconds: u64) -> bool {
        self.write(format!("retry: {milliseconds}\n\n")).await
    }

    async fn write(&self, text: String) -> bool {
        self.0.send(text).await
    }

    /// Completes when the client has gone.
    pub async fn closed(&self) {
        self.0.closed().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn events_reach_the_body_in_the_format_of_the_standard() {
        let (sender, body) = channel();
        assert!(sender.event("42", "holding_ended", r#"{"a":1}"#).await);
        assert!(sender.comment("heartbeat").await);
        drop(sender);
        let bytes = actix_web::body::to_bytes(body).await.unwrap();
        assert_eq!(
            bytes,
            "id: 42\nevent: holding_ended\ndata: {\"a\":1}\n\n: heartbeat\n\n"
        );
    }

    #[tokio::test]
    async fn the_sender_learns_that_the_client_has_gone() {
        let (sender, body) = channel();
        drop(body);
        assert!(!sender.comment("anyone?").await);
        sender.closed().await;
    }
}
