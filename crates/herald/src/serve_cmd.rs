//! `herald serve`: the web UI and JSON API over a store.

use crate::load_kb;
use anyhow::Context;
use clap::Args;
use herald_store::{db_name, open_store};
use std::net::SocketAddr;
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {
    /// The store to serve, a SQLite file or a PostgreSQL URL; it must exist
    /// unless --create is given.
    #[arg(long, default_value = "herald.db")]
    pub db: String,
    /// Create an empty store when --db names no file.
    #[arg(long)]
    pub create: bool,
    /// Address to listen on. The default is reachable from this machine only.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Also answer requests for this host name (the Host header); repeatable.
    /// Requests naming other hosts are refused (DNS rebinding).
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// Allow `POST /api/articles` for clients that send this bearer token
    /// (also read from HERALD_TOKEN). Without one, posts are refused.
    #[arg(long, env = "HERALD_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(&args.db, args.create)
        .with_context(|| format!("cannot open the store {}", db_name(&args.db)))?;
    let kb = load_kb()?;
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "herald: warning: listening on {}, reachable from other machines",
            args.addr
        );
    }
    let hosts = herald_server::allowed_hosts(args.addr, &args.allow_hosts);
    let syntax = crate::load_syntax()?;
    let state =
        herald_server::AppState::with_parser(store, kb, Some(syntax), args.token, Some(hosts));
    // the store's workers are bounded by the server; this caps the threads behind them
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(32)
        .build()?;
    runtime.block_on(herald_server::serve(args.addr, state))?;
    Ok(ExitCode::SUCCESS)
}
