// Checks the crate's signatures with the vendors' Node SDKs (twilio,
// square) and documented Node samples (Intercom, Paystack), and signs the
// same content with them for the crate to verify.
// Usage: node sdk.cjs cases.json; prints one result per case as JSON.
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const twilio = require("twilio");
const { WebhooksHelper } = require("square");
// The SDK's own HMAC, which its verifier uses; not in the package's exports.
const { createHmacOverride } = require(
  path.join(__dirname, "node_modules/square/core/crypto/createHmacOverride.js")
);

// Form fields as Express's urlencoded parser gives them: repeated names
// become arrays.
function formParams(body) {
  const params = {};
  for (const [name, value] of new URLSearchParams(body)) {
    if (name in params) {
      params[name] = [].concat(params[name], value);
    } else {
      params[name] = value;
    }
  }
  return params;
}

function twilioCheck(c, signature, body) {
  if (c.url.includes("bodySHA256")) {
    return twilio.validateRequestWithBody(c.secret, signature, c.url, body);
  }
  return twilio.validateRequest(c.secret, signature, c.url, formParams(body));
}

// Intercom's documented check: sha1= and the hex HMAC-SHA1 of the body.
function intercomCheck(c, signature, body) {
  const digest = crypto.createHmac("sha1", c.secret).update(body).digest("hex");
  return signature === "sha1=" + digest;
}

// Paystack's documented check: the hex HMAC-SHA512 of the body.
function paystackCheck(c, signature, body) {
  const hash = crypto.createHmac("sha512", c.secret).update(body).digest("hex");
  return hash === signature;
}

async function check(c, signature, body) {
  switch (c.provider) {
    case "twilio":
      return twilioCheck(c, signature, body);
    case "square":
      return WebhooksHelper.verifySignature({
        requestBody: body,
        signatureHeader: signature,
        signatureKey: c.secret,
        notificationUrl: c.url,
      });
    case "intercom":
      return intercomCheck(c, signature, body);
    case "paystack":
      return paystackCheck(c, signature, body);
    default:
      throw new Error("unknown provider " + c.provider);
  }
}

async function sign(c) {
  switch (c.provider) {
    case "twilio":
      return twilio.getExpectedTwilioSignature(
        c.secret,
        c.url,
        c.url.includes("bodySHA256") ? {} : formParams(c.body)
      );
    case "square":
      return createHmacOverride(c.url + c.body, c.secret);
    case "intercom":
      return "sha1=" + crypto.createHmac("sha1", c.secret).update(c.body).digest("hex");
    case "paystack":
      return crypto.createHmac("sha512", c.secret).update(c.body).digest("hex");
  }
}

(async () => {
  const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const results = [];
  for (const c of cases) {
    results.push({
      accepts: await check(c, c.signature, c.body),
      accepts_tampered: await check(c, c.signature, c.tampered_body),
      signature: await sign(c),
    });
  }
  process.stdout.write(JSON.stringify(results));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
