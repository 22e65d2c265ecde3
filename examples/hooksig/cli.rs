//! The command line: `sign`, `verify` and `diagnose`, run in-process with
//! the environment, the clock and the output handed in, so that tests run
//! it as `main` does.

use std::{
    ffi::OsString,
    fs,
    io::{self, Write},
    path::{Path, PathBuf},
};

use clap::{Args, Parser, Subcommand, error::ErrorKind};
use hooksig::{
    Platform, Tolerance,
    diagnose::{Offline, Outcome},
};
use jiff::Timestamp;

use crate::dump::{self, Captured, Format};

/// Exit status: verified, explained or written.
pub(crate) const OK: u8 = 0;
/// Exit status: not verified, or no known mistake explains it.
pub(crate) const NOT_VERIFIED: u8 = 1;
/// Exit status: bad arguments, an unreadable file or capture.
pub(crate) const USAGE: u8 = 2;

const AFTER_HELP: &str = "\
Secrets are read from environment variables (--secret-env NAME) or files
(--secret-file PATH), never from the command line, where `ps` and shell
history would show them. A file's one final line break is dropped; an
environment variable is used exactly as set.

A captured request is a raw HTTP request (as `sign` writes one), a
`curl --trace FILE` file (byte-exact, body included), or a `curl -v` trace,
which does not show the body: give it with --body FILE.

Exit status: 0 verified (diagnose: verified, or a mistake explains it;
sign: written), 1 not verified (diagnose: no known mistake explains it),
2 usage error (bad arguments, an unreadable file or capture).";

/// Sign, verify and diagnose webhook requests, offline.
#[derive(Debug, Parser)]
#[command(name = "hooksig", version, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a signed test request for a platform preset, as raw HTTP.
    Sign(SignArgs),
    /// Check a captured request's signature (and signed time).
    Verify(CheckArgs),
    /// Explain why a captured request does not verify (offline only: never
    /// send a diagnosis back to a sender).
    Diagnose(DiagnoseArgs),
}

#[derive(Debug, Args)]
struct SecretArgs {
    /// The platform preset: emuluxe, pulselabs, capawesome, splexa, cortex,
    /// github, shopify, stripe, slack, standard-webhooks or svix.
    #[arg(long, value_parser = parse_platform)]
    platform: &'static Platform,
    /// An environment variable holding a secret (repeat it during a
    /// rotation).
    #[arg(long = "secret-env", value_name = "NAME")]
    secret_env: Vec<String>,
    /// A file holding a secret (repeat it during a rotation).
    #[arg(long = "secret-file", value_name = "PATH")]
    secret_file: Vec<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
struct SignArgs {
    #[command(flatten)]
    secrets: SecretArgs,
    /// The endpoint the request is for.
    #[arg(long, default_value = "https://example.com/webhooks")]
    url: String,
    /// The signed time: Unix seconds or RFC 3339. Defaults to now.
    #[arg(long, value_parser = parse_time)]
    timestamp: Option<Timestamp>,
    /// The delivery id. Defaults to `msg_<unix seconds of the timestamp>`.
    #[arg(long)]
    id: Option<String>,
    /// The event name, for platforms that send it in a header.
    #[arg(long, default_value = "test")]
    event: String,
    /// Write the request here rather than to standard output.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// The body to sign, sent byte for byte.
    body: PathBuf,
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
struct CheckArgs {
    #[command(flatten)]
    secrets: SecretArgs,
    /// The time the request was received: Unix seconds or RFC 3339.
    /// Defaults to now.
    #[arg(long, value_parser = parse_time)]
    now: Option<Timestamp>,
    /// How far a signed time may be from `now`, in seconds (at most a day).
    #[arg(long, default_value = "300", value_name = "SECONDS", value_parser = parse_tolerance)]
    tolerance: Tolerance,
    /// The raw body, for a `curl -v` trace (which does not show it); it
    /// replaces a captured body.
    #[arg(long, value_name = "PATH")]
    body: Option<PathBuf>,
    /// The captured request.
    request: PathBuf,
}

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
struct DiagnoseArgs {
    #[command(flatten)]
    check: CheckArgs,
    /// An environment variable holding a secret the request may have been
    /// signed with instead: another environment's or endpoint's.
    #[arg(long = "other-secret-env", value_name = "NAME")]
    other_env: Vec<String>,
    /// A file holding such a secret.
    #[arg(long = "other-secret-file", value_name = "PATH")]
    other_file: Vec<PathBuf>,
}

/// Where the command line gets what `main` would take from the process.
pub(crate) struct Io<'a> {
    /// An environment variable's value.
    pub(crate) env: &'a dyn Fn(&str) -> Option<OsString>,
    /// The time now, for defaults only.
    pub(crate) clock: &'a dyn Fn() -> Timestamp,
    /// Standard output.
    pub(crate) out: &'a mut dyn Write,
    /// Standard error.
    pub(crate) err: &'a mut dyn Write,
}

/// Runs the command line `args` (the program name first) and returns the
/// exit status.
pub(crate) fn run<I, T>(args: I, io: Io<'_>) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let text = error.render().to_string();
            return match error.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = write!(io.out, "{text}");
                    OK
                }
                _ => {
                    let _ = write!(io.err, "{text}");
                    USAGE
                }
            };
        }
    };
    let Io {
        env,
        clock,
        out,
        err,
    } = io;
    let result = match cli.command {
        Command::Sign(args) => sign(&args, env, clock, out),
        Command::Verify(args) => verify(&args, env, clock, out),
        Command::Diagnose(args) => diagnose(&args, env, clock, out),
    };
    match result {
        Ok(status) => status,
        Err(Usage(message)) => {
            let _ = writeln!(err, "error: {message}");
            USAGE
        }
    }
}

/// A usage error: what the user must fix.
struct Usage(String);

impl From<io::Error> for Usage {
    fn from(error: io::Error) -> Self {
        Self(format!("cannot write the output: {error}"))
    }
}

type Env<'a> = &'a dyn Fn(&str) -> Option<OsString>;

fn parse_platform(name: &str) -> Result<&'static Platform, String> {
    let wanted = normalize(name);
    Platform::PRESETS
        .into_iter()
        .find(|platform| normalize(platform.name()) == wanted)
        .ok_or_else(|| {
            let names: Vec<String> = Platform::PRESETS
                .iter()
                .map(|platform| platform.name().to_ascii_lowercase().replace(' ', "-"))
                .collect();
            format!(
                "no preset named {name:?}; the presets are {}",
                names.join(", ")
            )
        })
}

fn normalize(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn parse_tolerance(text: &str) -> Result<Tolerance, String> {
    let seconds: u64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    Tolerance::new(std::time::Duration::from_secs(seconds)).map_err(|error| error.to_string())
}

fn parse_time(text: &str) -> Result<Timestamp, String> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let seconds: i64 = text.parse().map_err(|error| format!("{error}"))?;
        return Timestamp::from_second(seconds).map_err(|error| error.to_string());
    }
    text.parse()
        .map_err(|_| format!("{text:?} is neither Unix seconds nor an RFC 3339 time"))
}

/// The secrets named on the command line, with a label for each.
fn secrets(
    env: Env<'_>,
    names: &[String],
    files: &[PathBuf],
) -> Result<Vec<(String, Vec<u8>)>, Usage> {
    let mut secrets = Vec::new();
    for name in names {
        let value = env(name)
            .ok_or_else(|| Usage(format!("environment variable {name} is not set")))?
            .into_string()
            .map_err(|_| Usage(format!("environment variable {name} is not UTF-8")))?;
        secrets.push((format!("${name}"), value.into_bytes()));
    }
    for path in files {
        let mut bytes = read(path)?;
        if bytes.ends_with(b"\r\n") {
            bytes.truncate(bytes.len() - 2);
        } else if bytes.ends_with(b"\n") {
            bytes.truncate(bytes.len() - 1);
        }
        secrets.push((format!("file {}", path.display()), bytes));
    }
    Ok(secrets)
}

fn held(args: &SecretArgs, env: Env<'_>) -> Result<Vec<(String, Vec<u8>)>, Usage> {
    let held = secrets(env, &args.secret_env, &args.secret_file)?;
    if held.is_empty() {
        return Err(Usage(
            "give a secret with --secret-env NAME or --secret-file PATH".to_owned(),
        ));
    }
    Ok(held)
}

fn read(path: &Path) -> Result<Vec<u8>, Usage> {
    fs::read(path).map_err(|error| Usage(format!("cannot read {}: {error}", path.display())))
}

fn sign(
    args: &SignArgs,
    env: Env<'_>,
    clock: &dyn Fn() -> Timestamp,
    out: &mut dyn Write,
) -> Result<u8, Usage> {
    let platform = args.secrets.platform;
    let held = held(&args.secrets, env)?;
    let signer = platform
        .signer_with_secrets(held.iter().map(|(_, secret)| secret))
        .map_err(|error| {
            Usage(format!(
                "the secret cannot sign for {}: {error}",
                platform.name()
            ))
        })?;
    let body = read(&args.body)?;
    let at = args.timestamp.unwrap_or_else(clock);
    let id = args
        .id
        .clone()
        .unwrap_or_else(|| format!("msg_{}", at.as_second()));
    let request = platform
        .request(args.url.as_str())
        .event(&args.event)
        .delivery_id(&id)
        .timestamp(at)
        .sign_with(&signer)
        .body(body)
        .map_err(|error| Usage(format!("cannot build the request: {error}")))?;
    let mut text = Vec::new();
    let uri = request.uri();
    let target = uri.path_and_query().map_or("/", |path| path.as_str());
    write!(text, "{} {target} HTTP/1.1\r\n", request.method())?;
    if let Some(host) = uri.authority() {
        write!(text, "host: {host}\r\n")?;
    }
    for (name, value) in request.headers() {
        write!(text, "{name}: ")?;
        text.extend_from_slice(value.as_bytes());
        text.extend_from_slice(b"\r\n");
    }
    write!(text, "content-length: {}\r\n\r\n", request.body().len())?;
    text.extend_from_slice(request.body());
    match &args.out {
        Some(path) => fs::write(path, &text)
            .map_err(|error| Usage(format!("cannot write {}: {error}", path.display())))?,
        None => out.write_all(&text)?,
    }
    Ok(OK)
}

/// The capture named by `args`, its body replaced by `--body` if given.
fn capture(args: &CheckArgs, out: &mut dyn Write) -> Result<Captured, Usage> {
    let input = read(&args.request)?;
    let mut captured = dump::parse(&input)
        .map_err(|error| Usage(format!("{}: {error}", args.request.display())))?;
    match &args.body {
        Some(path) => captured.body = read(path)?,
        None if captured.format == Format::CurlVerbose => {
            return Err(Usage(
                "a curl -v trace does not show the body: give the body sent with --body FILE"
                    .to_owned(),
            ));
        }
        None => {}
    }
    for note in &captured.notes {
        writeln!(out, "note: {note}")?;
    }
    Ok(captured)
}

fn verify(
    args: &CheckArgs,
    env: Env<'_>,
    clock: &dyn Fn() -> Timestamp,
    out: &mut dyn Write,
) -> Result<u8, Usage> {
    let platform = args.secrets.platform;
    let held = held(&args.secrets, env)?;
    let captured = capture(args, out)?;
    let now = args.now.unwrap_or_else(clock);
    let verifier = platform
        .verifier_with_secrets(held.iter().map(|(_, secret)| secret))
        .map_err(|error| {
            Usage(format!(
                "the secret cannot verify for {}: {error}",
                platform.name()
            ))
        })?
        .with_tolerance(args.tolerance);
    match verifier.verify(&captured.headers, &captured.body, now) {
        Ok(()) => {
            writeln!(out, "VERIFIED: the {} signature matches.", platform.name())?;
            Ok(OK)
        }
        Err(error) => {
            writeln!(out, "NOT VERIFIED ({}): {error}.", platform.name())?;
            writeln!(
                out,
                "Run `hooksig diagnose` with the same arguments to find out why."
            )?;
            Ok(NOT_VERIFIED)
        }
    }
}

fn diagnose(
    args: &DiagnoseArgs,
    env: Env<'_>,
    clock: &dyn Fn() -> Timestamp,
    out: &mut dyn Write,
) -> Result<u8, Usage> {
    let check = &args.check;
    let platform = check.secrets.platform;
    let held = held(&check.secrets, env)?;
    let others = secrets(env, &args.other_env, &args.other_file)?;
    let captured = capture(check, out)?;
    let now = check.now.unwrap_or_else(clock);
    let mut bench = Offline::new(platform).with_tolerance(check.tolerance);
    for (_, secret) in &held {
        bench = bench.secret(secret);
    }
    for (_, secret) in &others {
        bench = bench.other_secret(secret);
    }
    let diagnosis = bench
        .diagnose(&captured.headers, &captured.body, now)
        .map_err(|error| Usage(error.to_string()))?;
    writeln!(out, "{diagnosis}")?;
    let mut legend: Vec<String> = held
        .iter()
        .enumerate()
        .map(|(i, (label, _))| format!("secret {} is {label}", i + 1))
        .collect();
    legend.extend(
        others
            .iter()
            .enumerate()
            .map(|(i, (label, _))| format!("other secret {} is {label}", i + 1)),
    );
    writeln!(out, "({}; checked at {now}.)", legend.join(", "))?;
    Ok(match diagnosis.outcome() {
        Outcome::Verified | Outcome::Explained => OK,
        _ => NOT_VERIFIED,
    })
}
