//! The `hooksig` example's command line, end to end on the fixture files
//! of `tests/data/diagnose` (see its README.md), run in-process: the
//! arguments, environment and clock handed in, the output and exit status
//! checked.

use std::ffi::OsString;

use jiff::Timestamp;

use crate::{
    cli::{self, Io},
    dump,
    support::hmac_presets,
};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/diagnose/");
const STRIPE: &str = "whsec_hooksig_fixture_stripe";
const GITHUB: &str = "It's a Secret to Everybody";
const SVIX: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

struct Run {
    status: u8,
    out: String,
    err: String,
}

/// Runs `hooksig <args>`, fixture names prefixed with the data folder,
/// with `env` as the environment and 2023-11-14T22:13:30Z as the clock.
fn hooksig(args: &[&str], env: &[(&str, &str)]) -> Run {
    let args: Vec<String> = ["hooksig"]
        .iter()
        .chain(args)
        .map(|arg| match arg.strip_prefix('@') {
            Some(file) => format!("{DATA}{file}"),
            None => (*arg).to_owned(),
        })
        .collect();
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    let lookup = |name: &str| {
        env.iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| OsString::from(value))
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = cli::run(
        args,
        Io {
            env: &lookup,
            clock: &|| Timestamp::from_second(1_700_000_010).unwrap(),
            out: &mut out,
            err: &mut err,
        },
    );
    Run {
        status,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

fn no_secret_in(run: &Run) {
    for secret in [STRIPE, GITHUB, SVIX] {
        assert!(
            !run.out.contains(secret) && !run.err.contains(secret),
            "{}",
            run.out
        );
    }
}

const STRIPE_ENV: &[(&str, &str)] = &[("STRIPE_SECRET", STRIPE)];

#[test]
fn verify_says_verified_or_not_with_its_exit_status() {
    let ok = hooksig(
        &[
            "verify",
            "--platform",
            "stripe",
            "--secret-env",
            "STRIPE_SECRET",
            "@stripe_ok.http",
        ],
        STRIPE_ENV,
    );
    assert_eq!(
        (ok.status, ok.out.as_str()),
        (0, "VERIFIED: the Stripe signature matches.\n")
    );
    let compact = hooksig(
        &[
            "verify",
            "--platform",
            "stripe",
            "--secret-env",
            "STRIPE_SECRET",
            "@stripe_compact.http",
        ],
        STRIPE_ENV,
    );
    assert_eq!(compact.status, 1);
    assert!(
        compact
            .out
            .starts_with("NOT VERIFIED (Stripe): signature did not match.\n"),
        "{}",
        compact.out
    );
    assert!(compact.out.contains("hooksig diagnose"));
    // An hour later, the same request is stale.
    let late = hooksig(
        &[
            "verify",
            "--platform",
            "stripe",
            "--secret-env",
            "STRIPE_SECRET",
            "--now",
            "1700003600",
            "@stripe_ok.http",
        ],
        STRIPE_ENV,
    );
    assert_eq!(late.status, 1);
    assert!(
        late.out.contains("more than 300 s before now"),
        "{}",
        late.out
    );
}

#[test]
fn diagnose_explains_a_re_serialized_stripe_body() {
    let run = hooksig(
        &[
            "diagnose",
            "--platform",
            "stripe",
            "--secret-env",
            "STRIPE_SECRET",
            "@stripe_compact.http",
        ],
        STRIPE_ENV,
    );
    assert_eq!(run.status, 0, "{}{}", run.out, run.err);
    let lines: Vec<&str> = run.out.lines().collect();
    assert_eq!(lines[0], "NOT VERIFIED (Stripe): signature did not match.");
    assert!(lines[1].starts_with("Cause: The signature matches this JSON written another way, as JSON indented by 2 spaces"), "{}", run.out);
    assert!(
        lines[2].starts_with("  Fix: Verify the raw body bytes"),
        "{}",
        run.out
    );
    assert!(
        run.out
            .contains("secret 1 is $STRIPE_SECRET; checked at 2023-11-14T22:13:30Z"),
        "{}",
        run.out
    );
    no_secret_in(&run);
}

#[test]
fn diagnose_reports_a_stale_capture_with_its_age() {
    let run = hooksig(
        &[
            "diagnose",
            "--platform",
            "stripe",
            "--secret-env",
            "STRIPE_SECRET",
            "--now",
            "2023-11-14T23:13:20Z",
            "@stripe_ok.http",
        ],
        STRIPE_ENV,
    );
    assert_eq!(run.status, 0, "{}", run.out);
    assert!(run.out.contains("1 h 0 min before now"), "{}", run.out);
}

#[test]
fn diagnose_finds_nothing_for_forged_or_tampered_requests() {
    for file in ["@stripe_forged.http", "@stripe_tampered.http"] {
        let run = hooksig(
            &[
                "diagnose",
                "--platform",
                "stripe",
                "--secret-env",
                "STRIPE_SECRET",
                file,
            ],
            STRIPE_ENV,
        );
        assert_eq!(run.status, 1, "{file}: {}", run.out);
        assert!(
            run.out.contains("No known mistake explains this"),
            "{}",
            run.out
        );
        assert!(!run.out.contains("Cause:"), "{}", run.out);
        no_secret_in(&run);
    }
    // The wrong secret, from a file, is no diagnosis either.
    let dir = std::env::temp_dir().join(format!("hooksig-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wrong = dir.join("wrong.txt");
    std::fs::write(&wrong, "whsec_not_this_one\n").unwrap();
    let run = hooksig(
        &[
            "diagnose",
            "--platform",
            "stripe",
            "--secret-file",
            wrong.to_str().unwrap(),
            "@stripe_ok.http",
        ],
        &[],
    );
    assert_eq!(run.status, 1, "{}", run.out);
    assert!(
        run.out.contains("No known mistake explains this"),
        "{}",
        run.out
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn diagnose_names_the_platform_that_signed() {
    let env = &[("SVIX_SECRET", SVIX)];
    let run = hooksig(
        &[
            "diagnose",
            "--platform",
            "standard-webhooks",
            "--secret-env",
            "SVIX_SECRET",
            "@svix.http",
        ],
        env,
    );
    assert_eq!(run.status, 0, "{}", run.out);
    assert!(run.out.contains("a valid Svix signature"), "{}", run.out);
    let verified = hooksig(
        &[
            "verify",
            "--platform",
            "svix",
            "--secret-env",
            "SVIX_SECRET",
            "@svix.http",
        ],
        env,
    );
    assert_eq!(verified.status, 0, "{}", verified.out);
}

#[test]
fn curl_captures_are_read() {
    let env = &[("GITHUB_SECRET", GITHUB)];
    // `curl --trace`: the bytes, body included.
    let trace = hooksig(
        &[
            "verify",
            "--platform",
            "github",
            "--secret-env",
            "GITHUB_SECRET",
            "@github_trace.txt",
        ],
        env,
    );
    assert_eq!(
        (trace.status, trace.out.as_str()),
        (0, "VERIFIED: the GitHub signature matches.\n"),
        "{}",
        trace.err
    );
    // `curl -v` shows no body: it must be given.
    let verbose = hooksig(
        &[
            "verify",
            "--platform",
            "github",
            "--secret-env",
            "GITHUB_SECRET",
            "--body",
            "@github_body.json",
            "@github_verbose.txt",
        ],
        env,
    );
    assert_eq!(verbose.status, 0, "{}{}", verbose.out, verbose.err);
    let bodiless = hooksig(
        &[
            "verify",
            "--platform",
            "github",
            "--secret-env",
            "GITHUB_SECRET",
            "@github_verbose.txt",
        ],
        env,
    );
    assert_eq!(bodiless.status, 2);
    assert!(
        bodiless.err.contains("give the body sent with --body FILE"),
        "{}",
        bodiless.err
    );
    // The parser reads the trace's bytes exactly.
    let captured = dump::parse(&std::fs::read(format!("{DATA}github_trace.txt")).unwrap()).unwrap();
    assert_eq!(
        captured.body,
        std::fs::read(format!("{DATA}github_body.json")).unwrap()
    );
    assert_eq!(captured.request_line, "POST /webhooks/github HTTP/1.1");
    assert_eq!(
        captured.header("x-github-event").collect::<Vec<_>>(),
        [b"issues"]
    );
}

#[test]
fn sign_writes_what_an_outside_implementation_signs() {
    // The body of stripe_ok.http, signed at its time, gives the header that
    // Python's hmac computed for the fixture.
    let fixture = std::fs::read(format!("{DATA}stripe_ok.http")).unwrap();
    let captured = dump::parse(&fixture).unwrap();
    let dir = std::env::temp_dir().join(format!("hooksig-sign-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let body = dir.join("body.json");
    std::fs::write(&body, &captured.body).unwrap();
    let run = hooksig(
        &[
            "sign",
            "--platform",
            "stripe",
            "--secret-env",
            "STRIPE_SECRET",
            "--timestamp",
            "1700000000",
            body.to_str().unwrap(),
        ],
        STRIPE_ENV,
    );
    assert_eq!(run.status, 0, "{}", run.err);
    let signed = dump::parse(run.out.as_bytes()).unwrap();
    assert_eq!(
        signed.header("stripe-signature").collect::<Vec<_>>(),
        captured.header("stripe-signature").collect::<Vec<_>>()
    );
    assert_eq!(signed.body, captured.body);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sign_works_for_every_preset_and_is_deterministic() {
    let dir = std::env::temp_dir().join(format!("hooksig-presets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let body = dir.join("body.json");
    std::fs::write(&body, "{\"id\":\"evt_1\"}\n").unwrap();
    let body = body.to_str().unwrap();
    let now = Timestamp::from_second(1_700_000_000).unwrap();
    for platform in hmac_presets() {
        let name = platform.name().to_ascii_lowercase().replace(' ', "-");
        let secret = if platform.secret_format() == hooksig::SecretFormat::StandardWebhooks {
            SVIX
        } else {
            STRIPE
        };
        let env = &[("SECRET", secret)];
        let args = [
            "sign",
            "--platform",
            &name,
            "--secret-env",
            "SECRET",
            "--timestamp",
            "2023-11-14T22:13:20Z",
            "--id",
            "msg_1",
            body,
        ];
        let first = hooksig(&args, env);
        assert_eq!(first.status, 0, "{name}: {}", first.err);
        assert_eq!(first.out, hooksig(&args, env).out, "{name}");
        let captured = dump::parse(first.out.as_bytes()).unwrap();
        assert_eq!(captured.body, b"{\"id\":\"evt_1\"}\n");
        let verifier = platform.verifier(secret).unwrap();
        assert_eq!(
            verifier.verify(&captured.headers, &captured.body, now),
            Ok(()),
            "{name}"
        );
        // And the command line's own verify agrees.
        let file = dir.join(format!("{name}.http"));
        std::fs::write(&file, first.out.as_bytes()).unwrap();
        let verified = hooksig(
            &[
                "verify",
                "--platform",
                &name,
                "--secret-env",
                "SECRET",
                "--now",
                "1700000000",
                file.to_str().unwrap(),
            ],
            env,
        );
        assert_eq!(verified.status, 0, "{name}: {}", verified.out);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_2_and_say_why() {
    // There is no way to pass a secret's value on the command line.
    let argv = hooksig(
        &[
            "verify",
            "--platform",
            "stripe",
            "--secret",
            STRIPE,
            "@stripe_ok.http",
        ],
        &[],
    );
    assert_eq!(argv.status, 2);
    assert!(
        argv.err.contains("unexpected argument '--secret'"),
        "{}",
        argv.err
    );
    let unset = hooksig(
        &[
            "verify",
            "--platform",
            "stripe",
            "--secret-env",
            "NOPE",
            "@stripe_ok.http",
        ],
        &[],
    );
    assert_eq!(
        (unset.status, unset.err.as_str()),
        (2, "error: environment variable NOPE is not set\n")
    );
    let none = hooksig(
        &["diagnose", "--platform", "stripe", "@stripe_ok.http"],
        &[],
    );
    assert_eq!(none.status, 2);
    assert!(
        none.err.contains("--secret-env NAME or --secret-file PATH"),
        "{}",
        none.err
    );
    let platform = hooksig(
        &["verify", "--platform", "acme", "--secret-env", "S", "x"],
        &[],
    );
    assert_eq!(platform.status, 2);
    assert!(
        platform.err.contains("the presets are emuluxe, pulselabs"),
        "{}",
        platform.err
    );
    let missing = hooksig(
        &[
            "verify",
            "--platform",
            "stripe",
            "--secret-env",
            "STRIPE_SECRET",
            "@nope.http",
        ],
        STRIPE_ENV,
    );
    assert_eq!(missing.status, 2);
    assert!(missing.err.contains("cannot read"), "{}", missing.err);
    let garbage = hooksig(
        &[
            "verify",
            "--platform",
            "stripe",
            "--secret-env",
            "STRIPE_SECRET",
            "@README.md",
        ],
        STRIPE_ENV,
    );
    assert_eq!(garbage.status, 2);
    assert!(garbage.err.contains("no request line"), "{}", garbage.err);
}

#[test]
fn help_says_where_secrets_come_from() {
    let help = hooksig(&["diagnose", "--help"], &[]);
    assert_eq!(help.status, 0);
    assert!(
        help.out.contains("never from the command line"),
        "{}",
        help.out
    );
    assert!(help.out.contains("Exit status: 0 verified"), "{}", help.out);
    assert!(help.out.contains("--other-secret-env"), "{}", help.out);
}
