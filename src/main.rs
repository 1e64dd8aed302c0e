//! The `registry` program: serves the API, or runs one of the operator's
//! commands (see [`registry::cli`]).

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    registry::cli::run(&arguments).await
}
