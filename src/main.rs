use std::process::ExitCode;

use clap::Parser;
use opmodel::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => opmodel::app::run(cli.file),
    }
}
