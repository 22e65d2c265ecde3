// Runs a wasm32-wasip1 program under Node's built-in WASI (Node >= 20): the
// target runner for `cargo test --target wasm32-wasip1`, so tests run in a
// real wasm runtime without installing one.
//
//   CARGO_TARGET_WASM32_WASIP1_RUNNER="node scripts/wasi-run.mjs"
//
// The repository is preopened at its own absolute path, so tests read
// `tests/vectors/*.json` through `env!("CARGO_MANIFEST_DIR")` as natively.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { argv, env, exit } from "node:process";
import { fileURLToPath } from "node:url";
import { WASI } from "node:wasi";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [program, ...args] = argv.slice(2);
if (!program) {
  console.error("usage: node scripts/wasi-run.mjs <program.wasm> [args...]");
  exit(2);
}
const wasi = new WASI({
  version: "preview1",
  args: [program, ...args],
  env,
  preopens: { [root]: root },
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(program));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));
