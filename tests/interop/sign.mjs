// Signs with Node's own crypto: for each { "secret": "<hex>", "body": "<hex>" }
// in the JSON file, the HMAC-SHA256 of the body under the secret, as hex and
// as base64, printed as a JSON list of { "hex", "base64" }.
//
//   node sign.mjs <cases.json>
import crypto from 'node:crypto'
import { readFileSync } from 'node:fs'

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const digests = cases.map(({ secret, body }) => {
  const mac = crypto
    .createHmac('sha256', Buffer.from(secret, 'hex'))
    .update(Buffer.from(body, 'hex'))
    .digest()
  return { hex: mac.toString('hex'), base64: mac.toString('base64') }
})
process.stdout.write(JSON.stringify(digests))
