//! Timing: does checking a signature take longer or shorter depending on
//! where it is wrong, or on which secret of a rotation made it? The dudect
//! method (Reparaz, Balasch, Verbauwhede, 2016) via `dudect-bencher`: many
//! samples of two classes of input, interleaved at random, timed one call
//! at a time, then Welch's t-test on the two distributions of times, cropped
//! at several percentiles; the largest |t| is reported. |t| above 4.5 is
//! evidence of a leak; below it, none was found.
//!
//! ```sh
//! cargo bench --bench timing                      # every test, ~1 minute
//! cargo bench --bench timing -- --filter verify   # some of them
//! cargo bench --bench timing -- --continuous verify_first_vs_last_byte
//! ```
//!
//! Two controls frame the numbers: `naive_compare_first_vs_last_byte`, an
//! early-exit comparison of hex text (the bug this crate exists to avoid),
//! must show a large |t|, or the method sees nothing; and
//! `verify_same_input_in_both_classes` times one input under both labels,
//! so its |t| is the machine's noise. Results are in SECURITY.md.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use std::hint::black_box;

use dudect_bencher::{
    BenchRng, Class, CtRunner,
    ctbench::{BenchMetadata, BenchName, BenchOpts, run_benches_console},
    rand::Rng,
};
use hooksig::{Encoding, Platform, Signature, SigningKey, Verifier};
use jiff::Timestamp;

const SECRET: &str = "timing-secret";
const OLD_SECRET: &str = "timing-old-secret";
const BODY: &[u8] = br#"{"event":"scan.completed","id":"evt_1234567890"}"#;
const SAMPLES: usize = 1_000_000;

/// The right signature of `BODY`, with one bit of byte `at` flipped.
fn wrong_at(at: usize) -> Signature {
    let mut bytes = *sign(SECRET).as_bytes();
    bytes[at] ^= 1;
    Signature::from_bytes(bytes)
}

/// `BODY`'s signature under `secret`.
fn sign(secret: &str) -> Signature {
    SigningKey::new(secret).unwrap().sign(BODY)
}

/// `verifier`'s check of `BODY` with `value` in Cortex's signature header.
fn verify(verifier: &Verifier, value: &[u8; 71]) -> bool {
    verifier
        .verify(
            &[("x-cortex-signature", value)],
            BODY,
            Timestamp::UNIX_EPOCH,
        )
        .is_ok()
}

/// Left or Right at random, `SAMPLES` times, decided before any timing.
fn classes(rng: &mut BenchRng) -> Vec<Class> {
    (0..SAMPLES)
        .map(|_| {
            if rng.next_u32() & 1 == 0 {
                Class::Left
            } else {
                Class::Right
            }
        })
        .collect()
}

/// Times `check` on `left` or `right` by class. Each input is copied to the
/// same place on the stack before it is timed, so the two classes differ
/// only in their bytes, not in where they sit in memory.
fn time_classes<const N: usize>(
    runner: &mut CtRunner,
    rng: &mut BenchRng,
    [left, right]: [[u8; N]; 2],
    check: impl Fn(&[u8; N]) -> bool,
) {
    for class in classes(rng) {
        let input = match class {
            Class::Left => left,
            Class::Right => right,
        };
        runner.run_one(class, || check(black_box(&input)));
    }
}

fn header(signature: Signature) -> [u8; 71] {
    let text = signature.to_value(Encoding::Sha256Hex).to_string();
    text.as_bytes().try_into().unwrap()
}

/// `Verifier::verify` on a header wrong in its first byte (Left) or in its
/// last (Right).
fn verify_first_vs_last_byte(runner: &mut CtRunner, rng: &mut BenchRng) {
    let verifier = Platform::CORTEX.verifier(SECRET).unwrap();
    let inputs = [header(wrong_at(0)), header(wrong_at(31))];
    time_classes(runner, rng, inputs, |value| verify(&verifier, value));
}

/// The negative control: the same input in both classes. Any |t| it shows
/// is the noise of the machine, not of the code.
fn verify_same_input_in_both_classes(runner: &mut CtRunner, rng: &mut BenchRng) {
    let verifier = Platform::CORTEX.verifier(SECRET).unwrap();
    let inputs = [header(wrong_at(0)), header(wrong_at(0))];
    time_classes(runner, rng, inputs, |value| verify(&verifier, value));
}

/// The comparison alone: `Signature`'s equality with a signature wrong in
/// its first byte (Left) or its last (Right). Without the HMAC's time
/// around it, a leak here would stand out more.
fn signature_eq_first_vs_last_byte(runner: &mut CtRunner, rng: &mut BenchRng) {
    let right = sign(SECRET);
    let inputs = [*wrong_at(0).as_bytes(), *wrong_at(31).as_bytes()];
    time_classes(runner, rng, inputs, |candidate| {
        black_box(right) == Signature::from_bytes(*candidate)
    });
}

/// A two-secret verifier during a rotation, on a signature made by its
/// first secret (Left) or its second (Right): the time must not tell which.
fn rotation_which_secret_matched(runner: &mut CtRunner, rng: &mut BenchRng) {
    let verifier = Platform::CORTEX
        .verifier_with_secrets([SECRET, OLD_SECRET])
        .unwrap();
    let by = |secret| header(sign(secret));
    time_classes(runner, rng, [by(SECRET), by(OLD_SECRET)], |value| {
        verify(&verifier, value)
    });
}

/// The positive control: comparing hex text with an early exit, as a
/// receiver that writes `signature === expected` does. It leaks, and this
/// must show it.
fn naive_compare_first_vs_last_byte(runner: &mut CtRunner, rng: &mut BenchRng) {
    fn early_exit(a: &[u8], b: &[u8]) -> bool {
        for (x, y) in a.iter().zip(b) {
            if x != y {
                return false;
            }
        }
        a.len() == b.len()
    }
    let right = header(sign(SECRET));
    let inputs = [header(wrong_at(0)), header(wrong_at(31))];
    time_classes(runner, rng, inputs, |candidate| {
        early_exit(black_box(&right), candidate)
    });
}

fn main() {
    // `cargo bench` passes `--bench`; take only dudect's own options.
    let mut opts = BenchOpts::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--filter" => opts.filter = args.next(),
            "--continuous" => {
                opts.filter = args.next();
                opts.continuous = true;
            }
            _ => {}
        }
    }
    let bench = |name, benchfn| BenchMetadata {
        name: BenchName(name),
        // Fixed seeds: the same interleaving on every run.
        seed: Some(0x0068_6f6f_6b73_6967),
        benchfn,
    };
    let benches = vec![
        bench(
            "verify_first_vs_last_byte",
            verify_first_vs_last_byte as fn(&mut CtRunner, &mut BenchRng),
        ),
        bench(
            "verify_same_input_in_both_classes",
            verify_same_input_in_both_classes,
        ),
        bench(
            "signature_eq_first_vs_last_byte",
            signature_eq_first_vs_last_byte,
        ),
        bench(
            "rotation_which_secret_matched",
            rotation_which_secret_matched,
        ),
        bench(
            "naive_compare_first_vs_last_byte",
            naive_compare_first_vs_last_byte,
        ),
    ];
    run_benches_console(opts, benches).unwrap();
}
