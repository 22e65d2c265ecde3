// PulseLABS's receiver, from its webhook documentation ("Verifying
// signatures", seed 001_adb7b267cfad4ee3.txt): `verifySignature` with
// `crypto.timingSafeEqual`, as published.
//
// Adapted only to run outside Express: the `express.raw` route handler is a
// function of an Express-like request (run.mjs makes one) that returns the
// status it would send; the JSON parsing after verification is left out.
// `timingSafeEqual` throws when the lengths differ, which Express would
// answer with a 500: run.mjs reports the throw.
import crypto from 'crypto'

function verifySignature(rawBody, signatureHeader, secret) {
  const expected = 'sha256=' +
    crypto.createHmac('sha256', secret)
      .update(rawBody)
      .digest('hex')
  return crypto.timingSafeEqual(
    Buffer.from(expected),
    Buffer.from(signatureHeader),
  )
}

export function handle(req) {
  const sig = req.headers['x-pulselabs-signature']
  const body = req.body // raw Buffer
  if (!verifySignature(body, sig, process.env.WEBHOOK_SECRET)) {
    return 401
  }
  return 200
}
