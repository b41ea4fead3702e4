//! `moderato scan`: classify messages from a file or standard input, one JSON object per line out.

mod args;
mod record;
mod scan;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(args::Command::Scan(opts)) => opts,
        Ok(args::Command::Help) => {
            print!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(args::Command::Version) => {
            println!("moderato {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("moderato: {e}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    match scan::run(&args) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(bad) => {
            eprintln!(
                "moderato: {bad} malformed input line(s); each got an error object in its place"
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("moderato: {e}");
            ExitCode::from(2)
        }
    }
}
