//! The rows of an export as CSV (RFC 4180: a header, CRLF line ends, UTF-8),
//! as NDJSON (a JSON object a line) or as one JSON-LD document (its nodes in
//! `@graph`, see [`super::linked_data`]), written in chunks of about 64 KiB
//! to wherever they go: an HTTP answer ([`Chunks`]), a file or standard
//! output ([`WriteSink`]).

use std::future::Future;

use super::linked_data::Names;
use crate::http::streamed::Chunks;
use crate::views::exports::{ExportRow, Rows};

/// The encodings of a table.
pub enum Encoding {
    Csv,
    Ndjson,
    /// Linked data, its nodes named under an API's address.
    JsonLd(Names),
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

    fn begin<T: ExportRow>(&mut self) -> Result<(), Self::Error> {
        self.rows.begin::<T>()
    }

    async fn row<T: ExportRow>(&mut self, row: &T) -> Result<(), Self::Error> {
        self.rows.row(row).await?;
        self.progress.inc(1);
        Ok(())
    }
}

const CHUNK: usize = 64 * 1024;

/// Rows, encoded, into a sink.
pub struct Table<S> {
    encoding: Encoding,
    /// What is encoded and not sent yet.
    pending: Vec<u8>,
    /// How many rows are written.
    written: u64,
    sink: S,
}

impl<S: Sink> Table<S> {
    pub fn new(encoding: Encoding, sink: S) -> Self {
        Table {
            encoding,
            pending: Vec::new(),
            written: 0,
            sink,
        }
    }

    /// The sink, with what was not sent yet dropped (an export that broke off).
    pub fn into_sink(self) -> S {
        self.sink
    }

    /// Sends what is left; returns the sink.
    pub async fn finish(mut self) -> anyhow::Result<S> {
        if let Encoding::JsonLd(_) = self.encoding {
            self.pending.extend(b"\n]}\n");
        }
        if !self.pending.is_empty() {
            self.sink.put(std::mem::take(&mut self.pending)).await?;
        }
        Ok(self.sink)
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
fn header<R: ExportRow>() -> anyhow::Result<Vec<u8>> {
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

    fn begin<R: ExportRow>(&mut self) -> anyhow::Result<()> {
        match &self.encoding {
            Encoding::Csv => self.pending.extend(header::<R>()?),
            Encoding::Ndjson => {}
            Encoding::JsonLd(names) => {
                let context = serde_json::to_string(&names.context_url())?;
                self.pending
                    .extend(format!("{{\"@context\":{context},\"@graph\":[\n").as_bytes());
            }
        }
        Ok(())
    }

    async fn row<R: ExportRow>(&mut self, row: &R) -> anyhow::Result<()> {
        match &self.encoding {
            Encoding::Csv => self.pending.extend(defused(csv_line(row)?)?),
            Encoding::Ndjson => {
                serde_json::to_writer(&mut self.pending, row)?;
                self.pending.push(b'\n');
            }
            Encoding::JsonLd(names) => {
                if self.written > 0 {
                    self.pending.extend(b",\n");
                }
                serde_json::to_writer(&mut self.pending, &names.export_row(row)?)?;
            }
        }
        self.written += 1;
        if self.pending.len() >= CHUNK {
            let chunk = std::mem::take(&mut self.pending);
            self.sink.put(chunk).await?;
        }
        Ok(())
    }
}

/// A row as a line of CSV.
fn csv_line<R: ExportRow>(row: &R) -> anyhow::Result<Vec<u8>> {
    let mut line = writer(false);
    line.serialize(row)?;
    line.into_inner()
        .map_err(|error| anyhow::anyhow!("{}", error.error()))
}

/// A CSV line whose cells a spreadsheet will not run as formulas ("CSV
/// injection"): a cell that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a `'` in front, which spreadsheets show as text
/// and do not run, unless it is only a number such as the telephone
/// number `+46 20 390 000`. Any other line, nearly all, is kept as it is.
fn defused(line: Vec<u8>) -> anyhow::Result<Vec<u8>> {
    if !may_run_as_formula(&line) {
        return Ok(line);
    }
    let mut record = csv::ByteRecord::new();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_slice())
        .read_byte_record(&mut record)?;
    if !record.iter().any(runs_as_formula) {
        return Ok(line);
    }
    let mut defused = writer(false);
    defused.write_record(record.iter().map(|cell| {
        if runs_as_formula(cell) {
            [b"'", cell].concat()
        } else {
            cell.to_vec()
        }
    }))?;
    defused
        .into_inner()
        .map_err(|error| anyhow::anyhow!("{}", error.error()))
}

/// Whether a cell of `line` may run as a formula: a quick look at the
/// line split at every comma, which is exact for unquoted cells (they hold
/// no commas) and for a quoted cell looks only at its first byte; a comma
/// inside a quoted cell may make it see more, never less.
/// [`runs_as_formula`] decides on the cells of the lines it picks.
fn may_run_as_formula(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\r\n").unwrap_or(line);
    line.split(|byte| *byte == b',').any(|piece| match piece {
        [b'"', rest @ ..] => rest.first().is_some_and(|first| starts_a_formula(*first)),
        cell => runs_as_formula(cell),
    })
}

/// Whether a spreadsheet would read `cell` as a formula that does more than
/// give a number.
fn runs_as_formula(cell: &[u8]) -> bool {
    let only_a_number = cell.iter().any(u8::is_ascii_digit)
        && cell
            .iter()
            .all(|b| b.is_ascii_digit() || b" +-()".contains(b));
    cell.first().is_some_and(|first| starts_a_formula(*first)) && !only_a_number
}

/// What a formula begins with (OWASP's list for CSV injection).
fn starts_a_formula(first: u8) -> bool {
    matches!(first, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
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

    #[derive(Default, serde::Serialize)]
    struct Row {
        slug: String,
        name: Option<String>,
    }

    impl ExportRow for Row {
        const DATASET: crate::views::exports::Dataset = crate::views::exports::Dataset::Agencies;
    }

    async fn encode<R: ExportRow>(encoding: Encoding, rows: &[R]) -> String {
        let mut table = Table::new(encoding, Collect(Vec::new()));
        table.begin::<R>().unwrap();
        for row in rows {
            table.row(row).await.unwrap();
        }
        String::from_utf8(table.finish().await.unwrap().0).unwrap()
    }

    #[tokio::test]
    async fn csv_has_a_header_even_without_rows_and_quotes_what_needs_it() {
        assert_eq!(encode::<Row>(Encoding::Csv, &[]).await, "slug,name\r\n");
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
    async fn csv_cells_that_a_spreadsheet_would_run_are_shown_as_text() {
        let row = |name: &str| Row {
            slug: "a".into(),
            name: Some(name.into()),
        };
        let rows = [
            row("=HYPERLINK(\"https://example.org\", \"Klicka\")"),
            row("@SUM(1+1)"),
            row("-2+3"),
            row("\t=1"),
            row("+46 20 390 000"),
            row("+4620390000"),
            row("020-390 000"),
            row("Box 73, Angered"),
            row("Kiruna,-Luleå"),
        ];
        assert_eq!(
            encode(Encoding::Csv, &rows).await,
            "slug,name\r\n\
             a,\"'=HYPERLINK(\"\"https://example.org\"\", \"\"Klicka\"\")\"\r\n\
             a,'@SUM(1+1)\r\n\
             a,-2+3\r\n\
             a,'\t=1\r\n\
             a,+46 20 390 000\r\n\
             a,+4620390000\r\n\
             a,020-390 000\r\n\
             a,\"Box 73, Angered\"\r\n\
             a,\"Kiruna,-Luleå\"\r\n"
        );
        // NDJSON is for programs, which run nothing: values as they are.
        assert!(encode(Encoding::Ndjson, &rows[..1])
            .await
            .contains("\"=HYPERLINK("));
    }

    #[tokio::test]
    async fn ndjson_is_an_object_a_line() {
        let rows = [Row {
            slug: "a".into(),
            name: None,
        }];
        assert_eq!(encode::<Row>(Encoding::Ndjson, &[]).await, "");
        assert_eq!(
            encode(Encoding::Ndjson, &rows).await,
            "{\"slug\":\"a\",\"name\":null}\n"
        );
    }

    #[tokio::test]
    async fn json_ld_is_one_document_with_a_node_a_row() {
        use crate::views::exports::HoldingRow;
        let names = || Names {
            base: "https://registry.example".into(),
        };
        let empty: String = encode::<HoldingRow>(Encoding::JsonLd(names()), &[]).await;
        let empty: serde_json::Value = serde_json::from_str(&empty).unwrap();
        assert_eq!(
            empty["@context"],
            "https://registry.example/v1/context.jsonld"
        );
        assert_eq!(empty["@graph"], serde_json::json!([]));
        let rows = [HoldingRow::default(), HoldingRow::default()];
        let two: serde_json::Value =
            serde_json::from_str(&encode(Encoding::JsonLd(names()), &rows).await).unwrap();
        assert_eq!(two["@graph"].as_array().unwrap().len(), 2);
        assert_eq!(two["@graph"][0]["@type"], "Holding");
    }
}
