import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabaseConfig, type TestDatabase } from '../support/database.ts'
import { spawnService, waitForStatus, type ServiceProcess } from '../support/process.ts'

const root = path.resolve(import.meta.dirname, '../..')
const started: ServiceProcess[] = []
const dirs: string[] = []
let testDb: TestDatabase | undefined

function baseEnv(extra: Record<string, string>): Record<string, string | undefined> {
  const { DATABASE_URL: _ignored, ...env } = process.env
  return { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...extra }
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-e2e-'))
  dirs.push(dir)
  return path.join(dir, 'data')
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  })
  expect(build.stdout + build.stderr).toBe('')
  expect(existsSync(path.join(root, 'dist/src/main.js'))).toBe(true)
}, 120_000)

afterAll(async () => {
  for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL')
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  await testDb?.drop()
})

describe('service process', () => {
  it('the built service starts on an empty DATA_DIR in demo mode and answers /healthz within 5 s', async () => {
    const dataDir = tempDir()
    const t0 = Date.now()
    const service = spawnService(path.join(root, 'dist/src/main.js'), baseEnv({ DATA_DIR: dataDir }))
    started.push(service)
    const url = await service.url
    await waitForStatus(`${url}/healthz`, 200, 5_000)
    expect(Date.now() - t0).toBeLessThan(5_000)
    // The log line is written right after the server listens; give the pipe a moment to carry it.
    for (const until = Date.now() + 3_000; !service.logs().includes('running in demo mode') && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(service.logs()).toContain('running in demo mode')
    await waitForStatus(`${url}/readyz`, 200, 30_000)
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(true)
    // Demo mode: the local Amazon simulator delivers a first buyer message through the ingest path at once.
    let items: { store: string; orderId: string }[] = []
    for (const deadline = Date.now() + 10_000; items.length === 0 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      items = ((await (await fetch(`${url}/api/conversations`)).json()) as { items: typeof items }).items
    }
    expect(items[0]).toMatchObject({ store: 'demo', orderId: expect.stringMatching(/^\d{3}-\d{7}-\d{7}$/) })
    service.child.kill('SIGTERM')
    expect(await service.exit).toBe(0)
  })

  it('finishes an in-flight request on SIGTERM and exits 0', async () => {
    testDb = await createTestDatabaseConfig()
    const dbEnv: Record<string, string> =
      testDb.config.kind === 'postgres' ? { DATABASE_URL: testDb.config.url } : { DATA_DIR: testDb.config.dataDir }
    const service = spawnService(path.join(root, 'src/main.ts'), baseEnv({ ...dbEnv, ADMIN_TOKEN: 'lifecycle-admin-token-1234' }))
    started.push(service)
    const url = new URL(await service.url)
    await waitForStatus(`${url.origin}/readyz`, 200, 30_000)

    const body = JSON.stringify({ paused: true, reason: 'in flight during shutdown' })
    const socket = net.connect(Number(url.port), '127.0.0.1')
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    let response = ''
    socket.on('data', (chunk) => (response += chunk.toString()))
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
    socket.write(
      `PUT /api/sending HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer lifecycle-admin-token-1234\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    )
    await new Promise((r) => setTimeout(r, 200))
    const stopAt = Date.now()
    service.child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 500))
    expect(service.child.exitCode).toBeNull() // still serving the request
    socket.write(body.slice(10))
    await closed
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/)
    expect(response).toContain('"reason":"in flight during shutdown"')
    expect(await service.exit).toBe(0)
    expect(Date.now() - stopAt).toBeLessThan(10_000)
    expect(service.logs()).toContain('buyerbridge stopped')
  })
})
