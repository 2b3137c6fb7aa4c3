import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli.ts'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function run(args: string[], env: Record<string, string>) {
  let out = ''
  let err = ''
  const code = await runCli(args, { env: { LOG_LEVEL: 'silent', ...env }, out: (t) => (out += t), err: (t) => (err += t) })
  return { code, out, err }
}

function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-cli-'))
  dirs.push(dir)
  return path.join(dir, 'data')
}

async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('buyerbridge CLI (embedded database)', () => {
  it('migrates, reports status and rolls back', async () => {
    const env = { DATA_DIR: dataDir() }
    expect(await run(['migrate', 'status'], env)).toMatchObject({ code: 0, out: expect.stringMatching(/^pending: 0001_init/) })
    expect(await run(['migrate'], env)).toMatchObject({ code: 0, out: expect.stringMatching(/^applied: 0001_init/) })
    expect(await run(['migrate'], env)).toMatchObject({ code: 0, out: 'migrations current, nothing to apply\n' })
    expect((await run(['migrate', 'down'], env)).out).toMatch(/^rolled back: /)
    expect((await run(['migrate', 'sideways'], env)).code).toBe(64)
  })

  it('doctor prints a table of every configured integration and fails when one is unreachable', async () => {
    const env = {
      DATA_DIR: dataDir(),
      INBOUND_EMAIL_TOKEN: 'cli-inbound-token-0123456789',
      SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`,
      SMTP_FROM: 'support@acme.example',
    }
    await run(['migrate'], env)
    const result = await run(['doctor'], env)
    expect(result.code).toBe(1)
    const lines = result.out.trim().split('\n')
    expect(lines[0]).toMatch(/^configuration OK; 1 store\(s\); demo mode off/)
    expect(lines[1]).toMatch(/^CHECK\s+STATUS\s+DETAIL$/)
    expect(lines[2]).toMatch(/^database\s+OK\s+embedded in .*migrations current$/)
    expect(lines[3]).toMatch(/^smtp\s+FAIL\s+ECONNREFUSED 127\.0\.0\.1:\d+$/)
  })

  it('refuses a bad configuration with exit code 78 and names the key', async () => {
    const result = await run(['doctor'], { PORT: 'eighty' })
    expect(result.code).toBe(78)
    expect(result.err).toContain('PORT: expected an integer from 0 to 65535, found "eighty"')
  })
})
