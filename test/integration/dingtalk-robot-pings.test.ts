// Escalation pings to a DingTalk custom robot through the job queue: enqueued in the escalating transaction by
// the escalation service's hook, sent signed, and paced to DingTalk's 20 messages a minute (the fake refuses
// the 21st within a minute with errcode 130101). The robot's clock is virtual: a wait moves it forward at once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRobotPings } from '../../src/compose/dingtalk-robots.ts'
import type { DatabaseHandle } from '../../src/db/connect.ts'
import { JobQueue } from '../../src/jobs/queue.ts'
import { notifyManagers, runRenotify } from '../../src/services/escalation/index.ts'
import type { PingHook } from '../../src/services/escalation/robot-pings.ts'
import { openTestDatabase, silentLogger, testDatabaseMode } from '../support/database.ts'
import { FakeDingtalk } from '../support/fake-dingtalk.ts'
import { eventually } from '../support/wait.ts'
import { buildSettings, escalationDeps, insertConversation, PEOPLE, recordingSender, TestClock } from './escalation-support.ts'

const SECRET = 'SECping-robot-secret'
let database: DatabaseHandle & { drop(): Promise<void> }
let queue: JobQueue
let fake: FakeDingtalk
let onPing: PingHook
let virtualNow = 1_800_000_000_000

beforeAll(async () => {
  database = await openTestDatabase()
  fake = new FakeDingtalk({ appKey: 'k', appSecret: 's', robots: [{ accessToken: 'ops-token', secret: SECRET }], now: () => virtualNow })
  await fake.start()
  queue = new JobQueue({ connection: database.connection, ...(database.sharedExecutor ? { executor: database.sharedExecutor } : {}), logger: silentLogger, pollingIntervalSeconds: 0.5 })
  await queue.start()
  ;({ onPing } = await startRobotPings({
    robots: [{ id: 'ops', webhook: fake.robotUrl('ops-token'), secret: SECRET, uiLanguage: 'zh-CN' }],
    db: database.db,
    queue,
    people: PEOPLE,
    logger: silentLogger,
    robotDeps: {
      now: () => virtualNow,
      sleep: async (ms) => {
        virtualNow += ms
      },
    },
  }))
}, 60_000)
afterAll(async () => {
  await queue?.stop()
  await fake?.stop()
  await database?.drop()
})

describe(`DingTalk robot escalation pings (${testDatabaseMode})`, () => {
  it('sends one signed markdown ping per escalation, 21 in a burst without losing or tripping the limit', async () => {
    const clock = new TestClock('2026-11-20T10:00:00Z')
    const deps = { ...escalationDeps(database.db, buildSettings(), clock, recordingSender().sendJob), onPing }
    const orders: string[] = []
    for (let i = 0; i < 21; i++) {
      const id = await insertConversation(database.db, { receivedAt: clock.now(), riskFlags: ['a-to-z'], riskScore: 90, intent: 'not-received' })
      const order = `113-0000000-${String(i).padStart(7, '0')}`
      orders.push(order)
      await database.db.updateTable('conversations').set({ order_id: order, escalation_reason: 'A-to-z claim threatened' }).where('id', '=', id).execute()
      await database.db.transaction().execute((trx) => notifyManagers(trx, deps, id, clock.now()))
    }
    await eventually(async () => (fake.robotMessages.length >= 21 ? true : undefined), 30_000)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(fake.robotMessages).toHaveLength(21)
    const texts = fake.robotMessages.map((m) => (m.body as { markdown: { text: string } }).markdown.text)
    for (const order of orders) expect(texts.filter((text) => text.includes(order))).toHaveLength(1)
    expect(texts[0]).toContain('A-to-z 索赔')
    expect(texts[0]).toContain('原因: A-to-z claim threatened')
    // The fake checked every signature; none was throttled, and the 21st waited for the minute to pass.
    expect(fake.callsTo('/robot/send').map((call) => call.code)).toEqual(Array.from({ length: 21 }, () => 0))
    const times = fake.robotMessages.map((m) => m.at).sort((a, b) => a - b)
    expect(times[20]! - times[0]!).toBeGreaterThanOrEqual(60_000)
  })

  it('names the people paged in an after-hours page ping', async () => {
    const before = fake.robotMessages.length
    const id = await insertConversation(database.db, { receivedAt: new Date('2026-11-21T03:00:00Z') })
    await database.db.transaction().execute((trx) => onPing(trx, { kind: 'page', conversationId: id, at: '2026-11-21T03:00:00.000Z', personIds: ['ana'], step: 1 }))
    const ping = await eventually(async () => fake.robotMessages[before], 15_000)
    expect(ping.body).toMatchObject({ msgtype: 'markdown', markdown: { title: 'Buyerbridge · 非工作时间呼叫值班' } })
    expect((ping.body as { markdown: { text: string } }).markdown.text).toContain('已呼叫: Ana, 第 2 次')
  })

  it('pings again with each re-notification of an escalation nobody acknowledged, once per round', async () => {
    const clock = new TestClock('2026-11-23T10:00:00Z')
    const deps = { ...escalationDeps(database.db, buildSettings(), clock, recordingSender().sendJob), onPing }
    const id = await insertConversation(database.db, { receivedAt: clock.now(), riskFlags: ['chargeback'], riskScore: 95 })
    const escalatedAt = clock.now()
    await database.db.updateTable('conversations').set({ escalated_at: escalatedAt, escalated_by: 'Buyerbridge', escalation_reason: 'Chargeback' }).where('id', '=', id).execute()
    const before = fake.robotMessages.length
    clock.advanceMinutes(buildSettings().escalation.renotifyMinutes)
    const data = { conversationId: id, escalatedAt: escalatedAt.toISOString() }
    expect(await runRenotify(deps, data)).toBe('sent')
    expect(await runRenotify(deps, data)).toBe('nothing-due')
    const ping = await eventually(async () => fake.robotMessages[before], 15_000)
    expect(ping.body).toMatchObject({ msgtype: 'markdown', markdown: { title: 'Buyerbridge · 升级仍未确认' } })
    expect((ping.body as { markdown: { text: string } }).markdown.text).toContain('第 1 次提醒')
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(fake.robotMessages).toHaveLength(before + 1)
  })

  it('sends nothing when the escalating transaction rolls back', async () => {
    const before = fake.callsTo('/robot/send').length
    const id = await insertConversation(database.db, { receivedAt: new Date('2026-11-22T03:00:00Z') })
    await expect(
      database.db.transaction().execute(async (trx) => {
        await onPing(trx, { kind: 'escalation', conversationId: id, at: '2026-11-22T03:00:00.000Z', personIds: [], step: null })
        throw new Error('escalation failed after the hook')
      }),
    ).rejects.toThrow('escalation failed')
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(fake.callsTo('/robot/send')).toHaveLength(before)
  })
})
