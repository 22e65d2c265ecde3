// Signs each request in a JSON file with the vendor's own code where it
// signs (svix's Webhook.sign, coinbase-commerce-node's computeSignature),
// the vendor's documented formula otherwise; prints the headers to send.
//
// each input: { provider, secret, body: hex, id, timestamp }
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { Webhook: SvixWebhook } = await import('svix');
const { Webhook: CoinbaseWebhook } = require('coinbase-commerce-node');

const hmac = (secret, text, encoding) => crypto.createHmac('sha256', secret).update(text).digest(encoding);
const signers = {
  paddle: (s, b, id, ts) => ({ 'paddle-signature': `ts=${ts};h1=${hmac(s, `${ts}:${b}`, 'hex')}` }),
  razorpay: (s, b) => ({ 'x-razorpay-signature': hmac(s, b, 'hex') }),
  linear: (s, b) => ({ 'linear-signature': hmac(s, b, 'hex') }),
  svix: (s, b, id, ts) => ({ 'svix-id': id, 'svix-timestamp': String(ts),
    'svix-signature': new SvixWebhook(s).sign(id, new Date(ts * 1000), b) }),
  coinbase_commerce: (s, b) => ({ 'x-cc-webhook-signature': CoinbaseWebhook.computeSignature(b, s) }),
  dropbox: (s, b) => ({ 'x-dropbox-signature': hmac(s, b, 'hex') }),
  typeform: (s, b) => ({ 'typeform-signature': 'sha256=' + hmac(s, b, 'base64') }),
  zoom: (s, b, id, ts) => ({ 'x-zm-request-timestamp': String(ts), 'x-zm-signature': 'v0=' + hmac(s, `v0:${ts}:${b}`, 'hex') }),
  twitch: (s, b, id, ts) => {
    const at = new Date(ts * 1000).toISOString(); // milliseconds, as a JavaScript sender writes it
    return { 'twitch-eventsub-message-id': id, 'twitch-eventsub-message-timestamp': at,
      'twitch-eventsub-message-signature': 'sha256=' + hmac(s, id + at + b, 'hex') };
  },
  zendesk: (s, b, id, ts) => {
    const at = new Date(ts * 1000).toISOString().replace('.000Z', 'Z');
    return { 'x-zendesk-webhook-signature-timestamp': at, 'x-zendesk-webhook-signature': hmac(s, at + b, 'base64') };
  },
};
const inputs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
console.log(JSON.stringify(inputs.map(({ provider, secret, body, id, timestamp }) =>
  signers[provider](secret, Buffer.from(body, 'hex').toString('utf8'), id, timestamp))));
