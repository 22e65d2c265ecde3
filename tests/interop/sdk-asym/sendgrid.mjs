// SendGrid's Node SDK (@sendgrid/eventwebhook 8.0.0, EventWebhook.verifySignature
// with starkbank-ecdsa) against the crate, both ways.
//
//   node sendgrid.mjs verify CASES.json -> [true|false, ...], the SDK's answer per case
//   node sendgrid.mjs sign SPEC.json    -> cases signed by Node's crypto (ECDSA P-256,
//                                          SHA-256, DER), as SendGrid signs
//
// A case is {key: base64 SPKI, timestamp, body: hex, signature: base64}.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { generateKeyPairSync, sign } from 'node:crypto';

const require = createRequire(import.meta.url);
const { EventWebhook } = require('@sendgrid/eventwebhook');

const [mode, path] = process.argv.slice(2);
const data = JSON.parse(readFileSync(path, 'utf8'));

if (mode === 'verify') {
  const webhook = new EventWebhook();
  const answers = data.map((c) => {
    // The SDK's README passes the key text and the raw body as a Buffer.
    const key = webhook.convertPublicKeyToECDSA(c.key);
    try {
      return webhook.verifySignature(key, Buffer.from(c.body, 'hex'), c.signature, c.timestamp) === true;
    } catch {
      return false;
    }
  });
  console.log(JSON.stringify(answers));
} else {
  const cases = data.map((r) => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const content = Buffer.concat([Buffer.from(r.timestamp), Buffer.from(r.body, 'hex')]);
    const signature = sign('sha256', content, { key: privateKey, dsaEncoding: 'der' });
    return {
      key: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      timestamp: r.timestamp,
      body: r.body,
      signature: signature.toString('base64'),
    };
  });
  console.log(JSON.stringify(cases));
}
