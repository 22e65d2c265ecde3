// Capawesome Cloud's verification, from its webhook documentation
// ("Verifying Signatures", seed 002_5c48ab1340f74955.txt).
//
// Adapted only to run outside a server: the published statements are the
// body of a function of an Express-like `request` (run.mjs makes one, with
// `rawBody` and `get`), which returns the status a receiver would send; the
// secret comes from the environment instead of the "SIGNING_SECRET"
// placeholder. `timingSafeEqual` throws when the lengths differ, as does the
// published code on an invalid signature: run.mjs reports the throw.
import crypto from "node:crypto";

export function handle(request) {
  const secret = process.env.WEBHOOK_SECRET;
  const hmac = crypto.createHmac("sha256", secret);
  const digest = Buffer.from(
    hmac.update(request.rawBody).digest("hex"),
    "utf8"
  );
  const signature = Buffer.from(request.get("X-Signature") || "", "utf8");

  if (!crypto.timingSafeEqual(digest, signature)) {
    throw new Error("Invalid signature.");
  }
  return 200;
}
