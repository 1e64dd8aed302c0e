//! The rows of an export as CSV (RFC 4180: a header, CRLF line ends, UTF-8)
//! or as NDJSON (a JSON object a line), written in chunks of about 64 KiB
//! to wherever they go: an HTTP answer ([`Chunks`]), a file or standard
//! output ([`WriteSink`]).

use std::future::Future;

use serde::Serialize;

use crate::http::streamed::Chunks;
use crate::views::exports::Rows;

/// The encodings of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Csv,
    Ndjson,
}

/// Where a table's chunks go.
pub trait Sink: Send {
    /// One chunk; an error ends the export (the reader has gone, say).
    fn put(&mut self, chunk: Vec<u8>) -> impl Future<Output = anyhow::Result<()>> + Send;
}

/// An HTTP answer: an error once the client has gone.
impl Sink for Chunks {
    async fn put(&mut self, chunk: Vec<u8>) -> anyhow::Result<()> {
        if self.send(chunk).await {
            Ok(())
        } else {
            anyhow::bail!("the client has gone")
        }
    }
}

/// A file or standard output (`registry export`).
pub struct WriteSink<W>(pub W);

impl<W: std::io::Write + Send> Sink for WriteSink<W> {
    async fn put(&mut self, chunk: Vec<u8>) -> anyhow::Result<()> {
        self.0.write_all(&chunk)?;
        Ok(())
    }
}

/// Rows counted on a progress bar as they pass to a table.
pub struct Counted<'a, R> {
    pub rows: &'a mut R,
    pub progress: &'a indicatif::ProgressBar,
}

impl<R: Rows + Send> Rows for Counted<'_, R> {
    type Error = R::Error;

    fn begin<T: Serialize + Default>(&mut self) -> Result<(), Self::Error> {
        self.rows.begin::<T>()
    }

    async fn row<T: Serialize + Sync>(&mut self, row: &T) -> Result<(), Self::Error> {
        self.rows.row(row).await?;
        self.progress.inc(1);
        Ok(())
    }
}

const CHUNK: usize = 64 * 1024;

/// Rows, encoded, into a sink.
pub struct Table<S> {
    encoding: Encoding,
    /// What is encoded and not sent yet (a CSV's rows are in `csv` first).
    pending: Vec<u8>,
    csv: csv::Writer<Vec<u8>>,
    sink: S,
}

impl<S: Sink> Table<S> {
    pub fn new(encoding: Encoding, sink: S) -> Self {
        Table {
            encoding,
            pending: Vec::new(),
            csv: writer(false),
            sink,
        }
    }

    /// The sink, with what was not sent yet dropped (an export that broke off).
    pub fn into_sink(self) -> S {
        self.sink
    }

    /// Sends what is left; returns the sink.
    pub async fn finish(mut self) -> anyhow::Result<S> {
        let rest = self.take()?;
        if !rest.is_empty() {
            self.sink.put(rest).await?;
        }
        Ok(self.sink)
    }

    /// Everything encoded so far, to send.
    fn take(&mut self) -> anyhow::Result<Vec<u8>> {
        let csv = std::mem::replace(&mut self.csv, writer(false));
        let rows = csv
            .into_inner()
            .map_err(|error| anyhow::anyhow!("{}", error.error()))?;
        let mut chunk = std::mem::take(&mut self.pending);
        chunk.extend(rows);
        Ok(chunk)
    }
}

fn writer(has_headers: bool) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(has_headers)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

/// The header line of a row type: its field names, as the first line of
/// a CSV written with headers from a default row.
fn header<R: Serialize + Default>() -> anyhow::Result<Vec<u8>> {
    let mut with_header = writer(true);
    with_header.serialize(R::default())?;
    with_header.flush()?;
    let bytes = with_header.get_ref();
    let end = bytes
        .windows(2)
        .position(|pair| pair == b"\r\n")
        .map_or(bytes.len(), |at| at + 2);
    Ok(bytes[..end].to_vec())
}

impl<S: Sink> Rows for Table<S> {
    type Error = anyhow::Error;

    fn begin<R: Serialize + Default>(&mut self) -> anyhow::Result<()> {
        if self.encoding == Encoding::Csv {
            self.pending.extend(header::<R>()?);
        }
        Ok(())
    }

    async fn row<R: Serialize + Sync>(&mut self, row: &R) -> anyhow::Result<()> {
        match self.encoding {
            Encoding::Csv => self.csv.serialize(row)?,
            Encoding::Ndjson => {
                serde_json::to_writer(&mut self.pending, row)?;
                self.pending.push(b'\n');
            }
        }
        // The CSV writer's own buffer (8 KiB) is not counted: a chunk is a
        // little larger than CHUNK.
        if self.pending.len() + self.csv.get_ref().len() >= CHUNK {
            let chunk = self.take()?;
            self.sink.put(chunk).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Collect(Vec<u8>);

    impl Sink for Collect {
        async fn put(&mut self, chunk: Vec<u8>) -> anyhow::Result<()> {
            self.0.extend(chunk);
            Ok(())
        }
    }

    #[derive(Default, Serialize)]
    struct Row {
        slug: String,
        name: Option<String>,
    }

    async fn encode(encoding: Encoding, rows: &[Row]) -> String {
        let mut table = Table::new(encoding, Collect(Vec::new()));
        table.begin::<Row>().unwrap();
        for row in rows {
            table.row(row).await.unwrap();
        }
        String::from_utf8(table.finish().await.unwrap().0).unwrap()
    }

    #[tokio::test]
    async fn csv_has_a_header_even_without_rows_and_quotes_what_needs_it() {
        assert_eq!(encode(Encoding::Csv, &[]).await, "slug,name\r\n");
        let rows = [
            Row {
                slug: "a".into(),
                name: Some("Box 73, Angered".into()),
            },
            Row {
                slug: "b".into(),
                name: None,
            },
        ];
        assert_eq!(
            encode(Encoding::Csv, &rows).await,
            "slug,name\r\na,\"Box 73, Angered\"\r\nb,\r\n"
        );
    }

    #[tokio::test]
    async fn ndjson_is_an_object_a_line() {
        let rows = [Row {
            slug: "a".into(),
            name: None,
        }];
        assert_eq!(encode(Encoding::Ndjson, &[]).await, "");
        assert_eq!(
            encode(Encoding::Ndjson, &rows).await,
            "{\"slug\":\"a\",\"name\":null}\n"
        );
    }
}
