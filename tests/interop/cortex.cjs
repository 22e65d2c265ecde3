// Cortex's signature verification, from its webhook documentation
// ("Signature Verification", seed 004_d870c5efc24d8e43.txt).
//
// The published function is kept as it is. Cortex publishes no handler, so
// `handle` is the smallest one: it passes the raw body bytes (a Buffer, for
// which `update` ignores the 'utf8' argument) and the X-Cortex-Signature
// header, and returns the status a receiver would send.
const crypto = require('crypto');

function verifySignature(payload, signature, secret) {
  const expectedSignature = crypto
    .createHmac('sha256', secret)
    .update(payload, 'utf8')
    .digest('hex');

  return signature === `sha256=${expectedSignature}`;
}

function handle(req) {
  if (!verifySignature(req.rawBody, req.headers['x-cortex-signature'], process.env.WEBHOOK_SECRET)) {
    return 401;
  }
  return 200;
}

module.exports = { handle };
