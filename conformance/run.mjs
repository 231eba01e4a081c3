// Evaluate every x-rules entry of the govdisclosure JSON Schemas at every node of each case of
// the conformance suite, and compare the failing rules with the expected findings.
//
//   cd conformance && npm install && node run.mjs [schemas folder]
//
// Exit status 0 when every case agrees, 1 otherwise (each disagreement is printed).
import { readFileSync, readdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from '@marcbachmann/cel-js'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

const here = dirname(fileURLToPath(import.meta.url))
const schemas = process.argv[2] ?? join(here, '..', 'schemas')
const compiled = new Map()

// The rules that fail on a document: [reason, severity, JSON Pointer] for each.
export function check (schema, document, previous) {
  const failed = []
  const walk = (node, self, oldSelf, path) => {
    if (node.$ref) walk(schema.$defs[node.$ref.split('/').pop()], self, oldSelf, path)
    for (const entry of node['x-rules'] ?? []) {
      // A cross-year rule runs only where last year's report has this place.
      if (entry.rule.includes('oldSelf') && oldSelf === undefined) continue
      if (!compiled.has(entry.rule)) compiled.set(entry.rule, parse(entry.rule))
      const bound = oldSelf === undefined ? { self } : { self, oldSelf }
      let verdict
      try {
        verdict = compiled.get(entry.rule)(bound)
      } catch (error) {
        verdict = error
      }
      if (verdict !== true) failed.push([entry.reason, entry.severity, path + entry.fieldPath])
    }
    if (self !== null && typeof self === 'object' && !Array.isArray(self)) {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (key in self) {
          const before = oldSelf !== null && typeof oldSelf === 'object' ? oldSelf[key] : undefined
          walk(child, self[key], before, `${path}/${key}`)
        }
      }
    }
  }
  walk(schema, document, previous, '')
  return failed.map((f) => f.join(' ')).sort()
}

// The schemas under ajv, strict: their own keywords (x-…) declared, every document valid.
const ajv = new Ajv2020({ allErrors: true })
addFormats(ajv)
ajv.addVocabulary(['x-rules', 'x-rules-not-portable', 'x-template-position', 'x-unit'])

let cases = 0
let wrong = 0
for (const edition of readdirSync(here, { withFileTypes: true }).filter((d) => d.isDirectory() && /^\d{4}$/.test(d.name))) {
  const schema = JSON.parse(readFileSync(join(schemas, `report-${edition.name}.schema.json`), 'utf8'))
  const valid = ajv.compile(schema)
  for (const file of readdirSync(join(here, edition.name)).filter((f) => f.endsWith('.json')).sort()) {
    const suite = JSON.parse(readFileSync(join(here, edition.name, file), 'utf8'))
    for (const item of suite.cases) {
      cases += 1
      const expected = item.findings.map((f) => [f.reason, f.severity, f.path].join(' ')).sort()
      for (const document of [item.document, item.previous ?? item.document]) {
        if (!valid(document)) {
          wrong += 1
          console.log(`${edition.name}/${file}: ${item.description}: not valid under ajv: ${ajv.errorsText(valid.errors)}`)
        }
      }
      const got = check(schema, item.document, item.previous)
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        wrong += 1
        console.log(`${edition.name}/${file}: ${item.description}\n  expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(got)}`)
      }
    }
  }
}
console.log(`${cases} cases, ${wrong} disagreeing`)
process.exit(wrong === 0 && cases > 0 ? 0 : 1)
