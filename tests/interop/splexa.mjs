// SPLEXA's drop-in receiver, from its webhook documentation ("Verify the
// signature", seed 003_a23c2fe72d158163.txt).
//
// Adapted only to run outside Express and without a TypeScript compiler: the
// type annotations and the non-null `!` are removed, and the route handler
// is a function of an Express-like request (run.mjs makes one, with the raw
// Buffer as `body` and `header`) that returns the status it would send; the
// JSON parsing after verification is left out.
import crypto from 'crypto'

const SECRET = process.env.SPLEXA_WEBHOOK_SECRET

// Body must be the RAW request body (Buffer or string).
function verify(rawBody, signatureHeader) {
  if (!signatureHeader) return false
  const [scheme, hex] = signatureHeader.split('=')
  if (scheme !== 'sha256' || !hex) return false
  const expected = crypto.createHmac('sha256', SECRET).update(rawBody).digest('hex')
  // Constant-time compare prevents timing attacks.
  const a = Buffer.from(hex, 'hex')
  const b = Buffer.from(expected, 'hex')
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

export function handle(req) {
  if (!verify(req.body, req.header('x-splexa-signature'))) {
    return 401
  }
  return 204
}
