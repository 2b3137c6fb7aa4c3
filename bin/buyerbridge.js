#!/usr/bin/env node
// Runs the CLI from the TypeScript sources in a checkout (Node >= 22.18 strips types), or from the build.
import { existsSync } from 'node:fs'

const source = new URL('../src/cli.ts', import.meta.url)
const built = new URL('../dist/src/cli.js', import.meta.url)
const { runCli } = await import(existsSync(source) ? source.href : built.href)
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
})
process.exit(code)
