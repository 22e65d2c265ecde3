// Runs one platform's published verification code (a file beside this one)
// on a list of requests, and prints what it answered to each, as JSON: the
// HTTP status it returned, or "threw: <message>".
//
//   node run.mjs <snippet file> <requests.json>
//
// requests.json is [{ "headers": { "<lowercase name>": "<value>" },
// "body": "<hex>" }]: bodies travel as hex so any bytes arrive intact. The
// secret is in the environment, where the snippet reads it.
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const [snippet, requestsFile] = process.argv.slice(2)
const loaded = await import(pathToFileURL(snippet).href)
const handle = loaded.handle ?? loaded.default.handle

// What Express hands a route: lowercase `headers`, `get`/`header` reading
// them in any case, and the raw body both as `body` (express.raw) and as
// `rawBody` (the express.json verify hook).
function expressRequest({ headers, body }) {
  const raw = Buffer.from(body, 'hex')
  const lookup = (name) => headers[name.toLowerCase()]
  return { headers, body: raw, rawBody: raw, get: lookup, header: lookup }
}

const requests = JSON.parse(readFileSync(requestsFile, 'utf8'))
const answers = requests.map((request) => {
  try {
    return handle(expressRequest(request))
  } catch (error) {
    return `threw: ${error.message}`
  }
})
process.stdout.write(JSON.stringify(answers))
