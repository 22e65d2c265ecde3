// Verifies each request in a JSON file with the vendor's own code, and
// prints one boolean per request. The SDK where the vendor publishes one
// (Paddle, Razorpay, Linear, Svix for Clerk and Resend, Coinbase Commerce);
// the vendor's documented sample code otherwise (Dropbox, Typeform, Zoom,
// Twitch, Zendesk), lightly adapted to run outside Express.
//
// usage: node run.mjs requests.json
// each request: { provider, secret, headers: { lowercase name: value }, body: hex }
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

const { Paddle } = await import('@paddle/paddle-node-sdk');
// As Paddle documents: `new Paddle(apiKey).webhooks` (the constructor sets
// the Node runtime the validator hashes with; it sends nothing).
const paddle = new Paddle('pdl_sdbx_apikey_interop_only');
const { validateWebhookSignature } = require('razorpay/dist/utils/razorpay-utils');
const { LinearWebhookClient } = await import('@linear/sdk/webhooks');
const { Webhook: SvixWebhook } = await import('svix');
const { Webhook: CoinbaseWebhook } = require('coinbase-commerce-node');

const hmac = (secret, text, encoding) => crypto.createHmac('sha256', secret).update(text).digest(encoding);
const equal = (a, b) => typeof b === 'string' && a.length === b.length
  && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

const verifiers = {
  // What Webhooks.unmarshal checks before it parses the event: the
  // signature, and a ts at most 5 s old.
  paddle: (secret, h, body) => paddle.webhooks.isSignatureValid(body, secret, h['paddle-signature']),
  razorpay: (secret, h, body) => validateWebhookSignature(body, h['x-razorpay-signature'], secret),
  linear: (secret, h, body) => new LinearWebhookClient(secret).verify(Buffer.from(body), h['linear-signature']),
  svix: (secret, h, body) => { new SvixWebhook(secret).verify(body, h); return true; },
  coinbase_commerce: (secret, h, body) => CoinbaseWebhook.verifySigHeader(body, h['x-cc-webhook-signature'], secret),
  // Dropbox's documentation: hmac.new(APP_SECRET, request.data, sha256).hexdigest()
  dropbox: (secret, h, body) => equal(hmac(secret, body, 'hex'), h['x-dropbox-signature']),
  // Typeform's documentation: 'sha256=' + base64 HMAC of the payload.
  typeform: (secret, h, body) => equal('sha256=' + hmac(secret, body, 'base64'), h['typeform-signature']),
  // Zoom's sample app: `v0:${timestamp}:${body}`, 'v0=' + hex.
  zoom: (secret, h, body) => equal('v0=' + hmac(secret, `v0:${h['x-zm-request-timestamp']}:${body}`, 'hex'), h['x-zm-signature']),
  // Twitch's documentation: id + timestamp + body, 'sha256=' + hex.
  twitch: (secret, h, body) => equal('sha256=' + hmac(secret,
    h['twitch-eventsub-message-id'] + h['twitch-eventsub-message-timestamp'] + body, 'hex'),
    h['twitch-eventsub-message-signature']),
  // Zendesk's documentation: base64(HMACSHA256(TIMESTAMP + BODY)).
  zendesk: (secret, h, body) => equal(hmac(secret, h['x-zendesk-webhook-signature-timestamp'] + body, 'base64'),
    h['x-zendesk-webhook-signature']),
};

const requests = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const answers = [];
for (const { provider, secret, headers, body } of requests) {
  const text = Buffer.from(body, 'hex').toString('utf8');
  let ok;
  try {
    ok = (await verifiers[provider](secret, headers, text)) === true;
  } catch {
    ok = false;
  }
  answers.push(ok);
}
console.log(JSON.stringify(answers));
