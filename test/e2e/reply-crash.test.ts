import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpSink, type SmtpSink } from '../../adapters/simulator/smtp-sink.ts'
import { startSpapiSimulator, type SpapiSimulator } from '../../adapters/simulator/spapi/server.ts'
import { openDatabase } from '../../src/db/connect.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { upsertStores } from '../../src/db/repos/stores.ts'
import { createTestDatabaseConfig, silentLogger, testDatabaseMode, type TestDatabase } from '../support/database.ts'
import { CREDENTIALS, seedConversation, TEMPLATES_DIR, waitFor } from '../integration/reply-harness.ts'

const child = path.resolve(import.meta.dirname, 'reply-crash-child.ts')
let target: TestDatabase
let sink: SmtpSink
let sim: SpapiSimulator

beforeAll(async () => {
  target = await createTestDatabaseConfig()
  sink = await startSmtpSink()
  sim = await startSpapiSimulator({ ...CREDENTIALS })
})
afterAll(async () => {
  await sink?.close()
  await sim?.close()
  await target?.drop()
})

interface ChildRun {
  events: Record<string, unknown>[]
  exit: Promise<number | null>
  kill(): void
  output(): string
}

function runChild(input: Record<string, unknown>): ChildRun {
  const proc = spawn(process.execPath, [child], { env: { ...process.env, BB_CRASH_INPUT: JSON.stringify(input) }, stdio: ['ignore', 'pipe', 'pipe'] })
  const events: Record<string, unknown>[] = []
  let output = ''
  let pending = ''
  proc.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    pending += chunk.toString()
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) if (line.startsWith('{')) events.push(JSON.parse(line) as Record<string, unknown>)
  })
  proc.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)))
  return { events, exit, kill: () => proc.kill('SIGKILL'), output: () => output }
}

describe(`a send interrupted by a crash (${testDatabaseMode})`, () => {
  it('ends unconfirmed after a restart, and the sink and the simulator each received exactly one message', async () => {
    // Seed with a short-lived handle: the embedded database admits one process at a time.
    const handle = await openDatabase(target.config, silentLogger)
    await migrateToLatest(handle.db)
    await upsertStores(handle.db, [{ id: 'shop-us', name: 'Kettle Shop US', region: 'na', marketplaces: ['US'], listenOnly: false }])
    const email = await seedConversation(handle.db)
    const proactive = await seedConversation(handle.db, { allowedActions: ['unexpectedProblem'] })
    await handle.close()
    sim.orders.upsertOrder({
      orderId: proactive.orderId!, marketplaceId: 'ATVPDKIKX0DER', status: 'Shipped', purchaseDate: new Date('2026-11-15T10:00:00Z'), fulfillmentChannel: 'MFN',
      items: [{ title: 'Electric Kettle', asin: 'B0C7KX2M4Q', sku: 'BB-KETTLE-17', quantity: 1 }], allowedActions: ['unexpectedProblem'], buyerLocale: 'en-US',
    })
    // Both fakes take the request and never answer.
    sink.hangNext({ stage: 'data-end' })
    sim.hangNext('sendMessage')

    const input = {
      database: target.config, smtpUrl: sink.url, spapiUrl: sim.url, credentials: CREDENTIALS, templatesDir: TEMPLATES_DIR,
      conversations: { email: email.conversationId, spapi: proactive.conversationId },
    }
    const first = runChild({ ...input, phase: 'send' })
    try {
      await waitFor(() => first.events.length, (n) => n > 0, 30_000)
      expect(first.events[0]).toEqual({ event: 'requested', results: ['queued', 'queued'] })
      await waitFor(() => [sink.messages.length, sim.sentMessages.length], ([m, s]) => m === 1 && s === 1, 30_000)
    } catch (error) {
      first.kill()
      throw new Error(`${String(error)}\nchild output:\n${first.output()}`)
    }
    first.kill()
    expect(await first.exit).toBeNull()
    // The children treat a reply `sending` for over 1 s as abandoned (staleSendingSeconds; 10 min by default).
    await new Promise((r) => setTimeout(r, 1_500))

    const second = runChild({ ...input, phase: 'recover' })
    const code = await second.exit
    expect(code, second.output()).toBe(0)
    const final = second.events.find((e) => e.event === 'final') as { replies: { path: string; state: string; attempts: number; failure_reason: string }[]; audit: { action: string; outcome: string }[] }
    expect(final.replies.map((r) => [r.path, r.state, r.attempts])).toEqual([
      ['email', 'unconfirmed', 1],
      ['spapi:unexpectedProblem', 'unconfirmed', 1],
    ])
    for (const reply of final.replies) expect(reply.failure_reason).toMatch(/check Seller Central/)
    expect(final.audit.filter((a) => a.action === 'reply.delivery').map((a) => a.outcome)).toEqual(['unconfirmed', 'unconfirmed'])

    expect(sink.messages).toHaveLength(1)
    expect(sink.messages[0]!.envelope.rcptTo).toEqual([email.alias])
    expect(sim.sentMessages).toHaveLength(1)
    expect(sim.requests.filter((r) => r.operation === 'sendMessage')).toHaveLength(1)
  }, 90_000)
})
