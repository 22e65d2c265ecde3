// Ed25519 with Node's own crypto (OpenSSL), for the crate's interop tests:
// Standard Webhooks `v1a` and Discord, both ways. The same cases and
// answers as ed25519.py:
//
//   node ed25519.mjs sign <cases.json>     // [{seed, id, ts, body}] -> signatures
//   node ed25519.mjs verify <cases.json>   // [{public | public_spki, id, ts, body, v1a, discord}] -> verdicts
//
// Node takes Ed25519 keys as DER: the seed goes in a PKCS#8 envelope, a raw
// public key in an SPKI one.
import crypto from 'node:crypto'
import { readFileSync } from 'node:fs'

const PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI = Buffer.from('302a300506032b6570032100', 'hex')

function contents ({ id, ts, body }) {
  const bytes = Buffer.from(body, 'hex')
  const time = Buffer.from(String(ts))
  return [
    Buffer.concat([Buffer.from(id), Buffer.from('.'), time, Buffer.from('.'), bytes]),
    Buffer.concat([time, bytes])
  ]
}

function sign (c) {
  const key = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8, Buffer.from(c.seed, 'hex')]),
    format: 'der',
    type: 'pkcs8'
  })
  const spki = crypto.createPublicKey(key).export({ format: 'der', type: 'spki' })
  const raw = spki.subarray(SPKI.length)
  const [standard, discord] = contents(c)
  return {
    public_raw: raw.toString('base64'),
    public_spki: spki.toString('base64'),
    public_hex: raw.toString('hex'),
    v1a: 'v1a,' + crypto.sign(null, standard, key).toString('base64'),
    discord: crypto.sign(null, discord, key).toString('hex')
  }
}

function verify (c) {
  const der = c.public_spki !== undefined
    ? Buffer.from(c.public_spki, 'base64')
    : Buffer.concat([SPKI, Buffer.from(c.public, 'hex')])
  const key = crypto.createPublicKey({ key: der, format: 'der', type: 'spki' })
  const [standard, discord] = contents(c)
  const v1a = c.v1a.split(' ')
    .map((entry) => entry.split(','))
    .some(([version, text]) => version === 'v1a' &&
      crypto.verify(null, standard, key, Buffer.from(text, 'base64')))
  return { v1a, discord: crypto.verify(null, discord, key, Buffer.from(c.discord, 'hex')) }
}

const [mode, path] = process.argv.slice(2)
const cases = JSON.parse(readFileSync(path, 'utf8'))
process.stdout.write(JSON.stringify(cases.map(mode === 'sign' ? sign : verify)))
