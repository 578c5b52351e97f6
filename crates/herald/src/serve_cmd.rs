//! `herald serve`: the web UI and JSON API over a store.

use crate::load_kb;
use anyhow::Context;
use clap::Args;
use herald_store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {
    /// The store to serve; created if missing.
    #[arg(long, default_value = "herald.db")]
    pub db: PathBuf,
    /// Address to listen on. The default is reachable from this machine only.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Allow `POST /api/articles` for clients that send this bearer token
    /// (also read from HERALD_TOKEN). Without one, posts are refused.
    #[arg(long, env = "HERALD_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open(&args.db)
        .with_context(|| format!("cannot open the store {}", args.db.display()))?;
    let kb = load_kb()?;
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "herald: warning: listening on {}, reachable from other machines",
            args.addr
        );
    }
    let state = herald_server::AppState::new(store, kb, args.token);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(herald_server::serve(args.addr, state))?;
    Ok(ExitCode::SUCCESS)
}
