// Makes one vector per core preset with each vendor's documented
// algorithm (Node's crypto, as in the vendors' samples), and checks it in
// the vendor's SDK where one exists. Run once to write
// tests/data/providers/*.json; kept to show where the vectors came from.
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

const hmac = (secret, text, enc) => crypto.createHmac('sha256', secret).update(text).digest(enc);
const out = {};

{ // Linear: Linear-Signature = hex HMAC of the raw body; webhookTimestamp in the body.
  const { LinearWebhookClient } = await import('@linear/sdk/webhooks');
  const secret = 'lin_wh_3f9a2c7e1b5d4a8f';
  const body = `{"action":"create","type":"Issue","data":{"id":"9cfb482a-81e3-4154-b5b9-2c805e70a02d"},"webhookTimestamp":${Date.now()}}`;
  const sig = hmac(secret, body, 'hex');
  out.linear = { secret, body, signature: sig, sdk_accepts: new LinearWebhookClient(secret).verify(Buffer.from(body), sig) };
}
{ // Razorpay: validateWebhookSignature(body, signature, secret)
  const { validateWebhookSignature } = require('razorpay/dist/utils/razorpay-utils');
  const secret = 'rzp_webhook_secret_5c1f';
  const body = '{"entity":"event","account_id":"acc_BFQ7uQEaa7j2z7","event":"payment.captured","contains":["payment"],"created_at":1567674606}';
  const sig = hmac(secret, body, 'hex');
  out.razorpay = { secret, body, signature: sig, sdk_accepts: validateWebhookSignature(body, sig, secret) };
}
{ // Coinbase Commerce: Webhook.verifySigHeader(payload, sigHeader, secret); computeSignature signs.
  const { Webhook } = require('coinbase-commerce-node');
  const secret = 'cc-shared-secret-8d2e';
  const body = '{"id":1,"scheduled_for":"2017-01-31T20:50:02Z","event":{"id":"24934862-d980-46cb-9402-43c81b0cdba6","type":"charge:created"}}';
  const sig = Webhook.computeSignature(body, secret);
  out.coinbase_commerce = { secret, body, signature: sig, sdk_accepts: Webhook.verifySigHeader(body, sig, secret) };
}

// The providers with no verify SDK: their documented sample code's formula.
{ // Dropbox: X-Dropbox-Signature = hex HMAC-SHA256 of the body under the app secret.
  const secret = 'dbx-app-secret-0a1b2c', body = '{"list_folder":{"accounts":["dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"]},"delta":{"users":[12345678]}}';
  out.dropbox = { secret, body, signature: hmac(secret, body, 'hex') };
}
{ // Typeform: Typeform-Signature = 'sha256=' + base64 HMAC-SHA256 of the body.
  const secret = 'typeform-secret-7e1d', body = '{"event_id":"01FTRCTHF1JBKBK9EK8XS4M4F9","event_type":"form_response","form_response":{"form_id":"lT4Z3j"}}';
  out.typeform = { secret, body, signature: 'sha256=' + hmac(secret, body, 'base64') };
}
{ // Zoom: x-zm-signature = 'v0=' + hex HMAC of `v0:${timestamp}:${body}`.
  const secret = 'zoom-secret-token-4c2f', ts = '1700000000', body = '{"event":"meeting.started","payload":{"account_id":"AAAAAABBBB","object":{"id":"1234567890"}},"event_ts":1700000000000}';
  out.zoom = { secret, timestamp: ts, body, signature: 'v0=' + hmac(secret, `v0:${ts}:${body}`, 'hex'),
    plain_token: 'qgg8vlvZRS6UYooatFL8Aw', encrypted_token: hmac(secret, 'qgg8vlvZRS6UYooatFL8Aw', 'hex') };
}
{ // Twitch: 'sha256=' + hex HMAC of id + timestamp + body, no separator.
  const secret = 'twitch-eventsub-secret-91', id = 'e76c6bd4-55c9-4987-8304-da1588d8988b', ts = '2019-11-16T10:11:12.634234626Z',
    body = '{"subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","type":"channel.follow","version":"2"},"event":{"user_id":"1234"}}';
  out.twitch = { secret, id, timestamp: ts, body, signature: 'sha256=' + hmac(secret, id + ts + body, 'hex') };
}
{ // Zendesk: base64 HMAC of timestamp + body, the secret as the string it is.
  const secret = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==', ts = '2021-07-25T10:00:00Z', body = '{"say": "hello"}';
  out.zendesk = { secret, timestamp: ts, body, signature: hmac(secret, ts + body, 'base64') };
}
console.log(JSON.stringify(out, null, 2));
