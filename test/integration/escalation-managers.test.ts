import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { templatesDirectory } from '../../src/compose/paths.ts'
import { countTimers } from '../../src/db/repos/timers.ts'
import type { CardView } from '../../src/domain/card/index.ts'
import type { Platform } from '../../src/domain/vocabulary.ts'
import type { ChatPlatform } from '../../src/ports/chat-platform.ts'
import { syncCard } from '../../src/services/cards/sync-cards.ts'
import { runConversationCommand } from '../../src/services/commands/conversation-commands.ts'
import { afterStoreEscalation, ESCALATION_JOBS, planAlertCards, runRenotify } from '../../src/services/escalation/index.ts'
import { loadTemplateLibrary } from '../../src/services/template-library.ts'
import { openTestDatabase, silentLogger, testDatabaseMode } from '../support/database.ts'
import { buildSettings, cardsOf, ensureStore, escalationDeps, insertConversation, PEOPLE, recordingSender, TestClock } from './escalation-support.ts'

let database: Awaited<ReturnType<typeof openTestDatabase>>
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database?.drop()
})

const OPEN = '2026-03-11T17:00:00Z' // Wednesday 10:00 PDT: business hours

class RecordingPlatform implements ChatPlatform {
  readonly excerptChars = 500
  readonly posted: { channel: string; view: CardView }[] = []
  readonly notes: { channel: string; text: string }[] = []
  readonly platform: Platform
  constructor(platform: Platform) {
    this.platform = platform
  }
  async postCard(input: { target: { channel: string }; cardId: string; view: CardView }) {
    this.posted.push({ channel: input.target.channel, view: input.view })
    return { externalRef: `${input.target.channel}:${this.posted.length}`, threadRef: `${input.target.channel}:${this.posted.length}` }
  }
  async updateCard(input: { target: { channel: string }; view: CardView }) {
    this.posted.push({ channel: input.target.channel, view: input.view })
  }
  async postThreadNote(input: { target: { channel: string }; text: string }) {
    this.notes.push({ channel: input.target.channel, text: input.text })
  }
}

describe(`high-risk escalation to managers (${testDatabaseMode})`, () => {
  it('escalates a high-risk message with manager cards (channel and DMs), re-notifies on the interval until acknowledged', async () => {
    const clock = new TestClock(OPEN)
    const recorder = recordingSender()
    const deps = escalationDeps(database.db, buildSettings(), clock, recorder.sendJob)
    const id = await insertConversation(database.db, { receivedAt: clock.now(), riskFlags: ['legal-threat'], riskScore: 85 })
    const outcome = await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: id }, deps))
    expect(outcome.escalated?.reason).toBe('Risk flag: Legal threat; Risk score 85 ≥ 70')
    expect(outcome.paged).toBeNull()
    const row = await database.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.escalated_by).toBe('Buyerbridge')
    expect(row.escalated_at?.toISOString()).toBe(OPEN.replace('Z', '.000Z'))
    expect((await cardsOf(database.db, id)).map((c) => `${c.kind}:${c.platform}:${c.channel}`).sort()).toEqual([
      'manager:feishu:user:ou_li',
      'manager:slack:C_MANAGERS',
      'manager:slack:user:U_LI',
    ])
    const renotify = recorder.jobs.filter((job) => job.name === ESCALATION_JOBS.renotify)
    expect(renotify.map((job) => job.startAfter?.toISOString())).toEqual(['2026-03-11T17:30:00.000Z'])

    // A second message on the same conversation does not escalate twice.
    await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: id }, deps))
    expect(await cardsOf(database.db, id)).toHaveLength(3)

    const data = renotify[0]!.data as { conversationId: string; escalatedAt: string }
    clock.set('2026-03-11T17:29:59Z')
    expect(await runRenotify(deps, data)).toBe('nothing-due')
    clock.set('2026-03-11T17:30:00Z')
    expect(await runRenotify(deps, data)).toBe('sent')
    expect(await runRenotify(deps, data)).toBe('nothing-due') // run twice: round 1 already claimed
    expect(await countTimers(database.db, id, ESCALATION_JOBS.renotify)).toBe(1)
    expect((await cardsOf(database.db, id)).every((card) => card.version === 2)).toBe(true)
    // A late run after two intervals sends round 2 only.
    clock.set('2026-03-11T18:45:00Z')
    expect(await runRenotify(deps, data)).toBe('sent')
    expect(await countTimers(database.db, id, ESCALATION_JOBS.renotify)).toBe(2)

    const ack = await runConversationCommand(
      { db: database.db, people: PEOPLE, clock, refreshCards: async () => undefined },
      { action: 'bb.ack', actor: { platform: 'slack', userId: 'U_LI', displayName: 'li' }, conversationId: id, idempotencyKey: `ack-${id}` },
    )
    expect(ack.ok).toBe(true)
    clock.set('2026-03-11T19:30:00Z')
    expect(await runRenotify(deps, data)).toBe('acknowledged')
    expect(await countTimers(database.db, id, ESCALATION_JOBS.renotify)).toBe(2)
  })

  it('does not escalate an ordinary message', async () => {
    const clock = new TestClock(OPEN)
    const recorder = recordingSender()
    const deps = escalationDeps(database.db, buildSettings(), clock, recorder.sendJob)
    const id = await insertConversation(database.db, { receivedAt: clock.now(), riskFlags: ['review-threat'], riskScore: 40 })
    const outcome = await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: id }, deps))
    expect(outcome.escalated).toBeNull()
    expect(await cardsOf(database.db, id)).toEqual([])
    expect(recorder.jobs.map((job) => job.name).sort()).toEqual([ESCALATION_JOBS.slaBreach, ESCALATION_JOBS.slaReminder, ESCALATION_JOBS.slaReminder])
  })

  it('renders manager cards as the escalation variant with the reason highlighted and bb.ack', async () => {
    const clock = new TestClock(OPEN)
    const deps = escalationDeps(database.db, buildSettings(), clock, recordingSender().sendJob)
    const id = await insertConversation(database.db, { receivedAt: clock.now(), riskFlags: ['chargeback'], riskScore: 60 })
    await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: id }, deps))
    const slack = new RecordingPlatform('slack')
    const library = await loadTemplateLibrary(templatesDirectory())
    const syncDeps = { db: database.db, platforms: new Map<Platform, ChatPlatform>([['slack', slack]]), cardInput: { library, pausedByConfig: false }, clock, logger: silentLogger }
    const manager = (await cardsOf(database.db, id)).find((card) => card.channel === 'C_MANAGERS')!
    expect((await syncCard(syncDeps, manager.id)).outcome).toBe('posted')
    const view = slack.posted[0]!.view
    expect(view.kind).toBe('escalation')
    expect(view.highlight?.text).toBe('Risk flag: Chargeback')
    expect(view.actions.map((action) => action.id)).toContain('bb.ack')
    // Posting a manager card does not mark the conversation notified (only the agent cards do).
    expect((await database.db.selectFrom('conversations').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('new')
  })

  it('sends account-health alerts to the managers as alert cards, DMs only when critical, once', async () => {
    await ensureStore(database.db)
    const clock = new TestClock(OPEN)
    const deps = escalationDeps(database.db, buildSettings(), clock, recordingSender().sendJob)
    const alert = (severity: 'critical' | 'warning', key: string) =>
      database.db
        .insertInto('alerts')
        .values({
          store_id: 'acme',
          dedupe_key: key,
          kind: 'metric-breach',
          severity,
          marketplace_id: 'ATVPDKIKX0DER',
          payload: JSON.stringify({
            key,
            severity,
            marketplaceId: 'ATVPDKIKX0DER',
            kind: 'metric-breach',
            metric: 'orderDefectRate.mfn',
            value: 0.013,
            previousValue: 0.006,
            target: 0.01,
            condition: 'LESS_THAN',
            current: 'BAD',
            message_en: 'Order defect rate above target',
            message_zh: '订单缺陷率超标',
          }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    const critical = await alert('critical', 'odr-critical')
    const warning = await alert('warning', 'odr-warning')
    const created = await database.db.transaction().execute((trx) => planAlertCards(trx, deps, [critical.id, warning.id]))
    expect(created).toHaveLength(4)
    const channels = async (alertId: string) =>
      (await database.db.selectFrom('cards').select(['kind', 'channel']).where('alert_id', '=', alertId).execute()).map((c) => `${c.kind}:${c.channel}`).sort()
    expect(await channels(critical.id)).toEqual(['alert:C_MANAGERS', 'alert:user:U_LI', 'alert:user:ou_li'])
    expect(await channels(warning.id)).toEqual(['alert:C_MANAGERS'])
    expect(await database.db.transaction().execute((trx) => planAlertCards(trx, deps, [critical.id]))).toEqual([])

    const slack = new RecordingPlatform('slack')
    const library = await loadTemplateLibrary(templatesDirectory())
    const syncDeps = { db: database.db, platforms: new Map<Platform, ChatPlatform>([['slack', slack]]), cardInput: { library, pausedByConfig: false }, clock, logger: silentLogger }
    expect((await syncCard(syncDeps, created[0]!)).outcome).toBe('posted')
    const view = slack.posted[0]!.view
    expect(view.kind).toBe('account-health')
    const text = JSON.stringify(view)
    expect(text).toContain('1.30 %')
    expect(text).toContain('0.60 %')
    expect(text).toContain('< 1.00 %')
  })
})
