// Emuluxe's receiver, from its webhook documentation ("Functional Example
// (Node.js & Express)", seed 000_13b3aeac107b4613.txt).
//
// Adapted only to run outside Express: the route handler is a function of
// an Express-like request (run.mjs makes one, with `rawBody` as the
// `express.json` verify hook sets it) that returns the status it would send;
// the secret comes from the environment instead of a constant in the file;
// the log lines go to stderr, so that stdout carries only run.mjs's answers;
// the event processing after verification is left out.
const crypto = require('crypto');

const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET;

function handle(req) {
  const signature = req.headers['x-emuluxe-signature'];
  const event = req.headers['x-emuluxe-event'];
  // 1. Verify Signature
  const hmac = crypto.createHmac('sha256', WEBHOOK_SECRET);
  const digest = hmac.update(req.rawBody).digest('hex');
  if (signature !== digest) {
    console.error('❌ Invalid Webhook Signature');
    return 401;
  }
  // 2. Process Event
  console.error(`✅ Received Verified Event: ${event}`);
  return 200;
}

module.exports = { handle };
