//! `registry token mint|list|revoke`: the write tokens, for the operator.

use anyhow::Context;

use super::{open_database, Purpose};
use crate::auth::{self, Scope};
use crate::settings::Settings;

pub(crate) const TOKEN_USAGE: &str = "usage:
  registry token mint --name <who> --scope write --agency <slug> [--agency <slug> ...] [--expires-in 90d]
  registry token mint --name <who> --scope admin [--expires-in 90d]
  registry token list
  registry token revoke <token id>

A write token acts for the agencies it names; an admin token is a registrar's, for all.";

/// `registry token …`.
pub async fn run(settings: &Settings, arguments: &[String]) -> anyhow::Result<()> {
    let (pool, _embedded) = open_database(settings, Purpose::Command).await?;
    let result = match arguments.first().map(String::as_str) {
        Some("mint") => {
            let mut name = None;
            let mut scopes = Vec::new();
            let mut agencies = Vec::new();
            let mut expires_in = None;
            let mut rest = arguments[1..].iter();
            while let Some(flag) = rest.next() {
                let value = rest
                    .next()
                    .with_context(|| format!("{flag} needs a value\n{TOKEN_USAGE}"))?;
                match flag.as_str() {
                    "--name" => name = Some(value.clone()),
                    "--scope" => scopes.push(Scope::parse(value).map_err(anyhow::Error::msg)?),
                    "--agency" => agencies.push(value.clone()),
                    "--expires-in" => {
                        expires_in = Some(auth::parse_lifetime(value).map_err(anyhow::Error::msg)?)
                    }
                    _ => anyhow::bail!("unknown option {flag}\n{TOKEN_USAGE}"),
                }
            }
            let name = name.with_context(|| format!("--name is required\n{TOKEN_USAGE}"))?;
            let new = auth::NewToken {
                name: &name,
                scopes: &scopes,
                agencies: &agencies,
                expires_in,
            };
            let minted = auth::mint(&pool, &new).await?;
            eprintln!(
                "Minted token {} for '{name}'. It is shown only now; keep it secret:",
                minted.id
            );
            println!("{}", minted.token);
            Ok(())
        }
        Some("list") => {
            for token in auth::list(&pool).await? {
                let state = match (token.revoked_at, token.expires_at) {
                    (Some(at), _) => format!("revoked {at}"),
                    (None, Some(at)) => format!("expires {at}"),
                    (None, None) => "live".to_owned(),
                };
                let used = token
                    .last_used_at
                    .map_or("never used".to_owned(), |at| format!("last used {at}"));
                println!(
                    "{}\t{}\t{}\t{}\tcreated {}\t{state}\t{used}",
                    token.id,
                    token.name,
                    token.scopes.join(","),
                    token.agencies.join(","),
                    token.created_at
                );
            }
            Ok(())
        }
        Some("revoke") => {
            let id = arguments.get(1).with_context(|| TOKEN_USAGE.to_owned())?;
            let id = uuid::Uuid::try_parse(id)
                .context("a token id is a UUID (see `registry token list`)")?;
            if auth::revoke(&pool, id).await? {
                println!("revoked {id}");
                Ok(())
            } else {
                Err(anyhow::anyhow!("no live token {id}"))
            }
        }
        _ => Err(anyhow::anyhow!("{TOKEN_USAGE}")),
    };
    pool.close().await;
    result
}
