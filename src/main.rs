//! The `opmodel` program: with a subcommand it is the command line ([`opmodel::cli`]),
//! without one the desktop editor ([`opmodel::app`]), opening the file it is given.

use std::process::ExitCode;

use clap::Parser;
use opmodel::cli::{Cli, Terminal, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(
            command,
            Terminal {
                stdout_closed: standard_output::closed_at_start(),
            },
        ),
        None => opmodel::app::run(cli.file),
    }
}

/// Whether standard output was closed when the program started. Before `main`, the Rust
/// runtime puts `/dev/null` in place of a closed standard stream, after which writing to it
/// seems to succeed; so this looks first, from the program's own initialiser, and
/// `opmodel report m.ron >&-` can fail as it should.
#[cfg(target_os = "linux")]
mod standard_output {
    use std::sync::atomic::{AtomicBool, Ordering};

    static CLOSED: AtomicBool = AtomicBool::new(false);

    extern "C" fn look() {
        // SAFETY: F_GETFD only reads the flags of descriptor 1 (and fails, with EBADF, when
        // it is not open); nothing is changed.
        if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1 {
            CLOSED.store(true, Ordering::Relaxed);
        }
    }

    /// `look`, run by the C runtime with the program's initialisers, before Rust's own.
    #[used]
    #[unsafe(link_section = ".init_array")]
    static LOOK: extern "C" fn() = look;

    pub fn closed_at_start() -> bool {
        CLOSED.load(Ordering::Relaxed)
    }
}

/// Elsewhere a closed standard output is not told apart from `/dev/null`.
#[cfg(not(target_os = "linux"))]
mod standard_output {
    pub fn closed_at_start() -> bool {
        false
    }
}
