// Loads the verify-only module built by scripts/wasm-size.sh and checks that
// it accepts a Cortex signature and refuses a tampered body.
import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import { argv, exit } from "node:process";

const { instance } = await WebAssembly.instantiate(await readFile(argv[2]), {});
const { memory, hooksig_alloc, hooksig_verify_cortex } = instance.exports;
const put = (bytes) => {
  const pointer = hooksig_alloc(bytes.length);
  new Uint8Array(memory.buffer, pointer, bytes.length).set(bytes);
  return [pointer, bytes.length];
};
const secret = Buffer.from("whsec-from-your-config");
const body = Buffer.from('{"event":"scan.completed","id":"evt_1"}');
const value = Buffer.from("sha256=" + createHmac("sha256", secret).update(body).digest("hex"));
const good = hooksig_verify_cortex(...put(secret), ...put(value), ...put(body));
const bad = hooksig_verify_cortex(...put(secret), ...put(value), ...put(Buffer.from("{}")));
if (good !== 0 || bad !== 1) {
  console.error(`wasm-size module: expected 0 and 1, got ${good} and ${bad}`);
  exit(1);
}
console.log("wasm-size module verifies a Cortex signature and refuses a tampered body");
