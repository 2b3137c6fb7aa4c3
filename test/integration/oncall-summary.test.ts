import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { templatesDirectory } from '../../src/compose/paths.ts'
import type { CardView } from '../../src/domain/card/index.ts'
import type { Platform } from '../../src/domain/vocabulary.ts'
import type { ChatPlatform } from '../../src/ports/chat-platform.ts'
import { syncCard } from '../../src/services/cards/sync-cards.ts'
import { afterStoreEscalation, ESCALATION_JOBS, runAfterHoursSummary, type SummaryData } from '../../src/services/escalation/index.ts'
import { loadTemplateLibrary } from '../../src/services/template-library.ts'
import { openTestDatabase, silentLogger, testDatabaseMode } from '../support/database.ts'
import { buildSettings, escalationDeps, insertConversation, recordingSender, TestClock, WEEKDAYS_9_TO_18 } from './escalation-support.ts'

let database: Awaited<ReturnType<typeof openTestDatabase>>
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database?.drop()
})

describe(`after-hours summary at the next opening (${testDatabaseMode})`, () => {
  it('lists the unanswered conversations of the closed stretch once, in the team channel', async () => {
    const team = { id: 'us', hours: { timeZone: 'America/Los_Angeles', weekly: WEEKDAYS_9_TO_18 }, channels: [{ platform: 'slack' as const, channel: 'C_US' }] }
    const clock = new TestClock('2026-03-13T20:00:00Z')
    const recorder = recordingSender()
    const settings = buildSettings({ teams: [team], routing: [{ targets: [{ platform: 'slack', channel: 'C_US' }] }] })
    const deps = escalationDeps(database.db, settings, clock, recorder.sendJob)
    const store = async () => {
      const id = await insertConversation(database.db, { receivedAt: clock.now() })
      await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: id }, deps))
      return id
    }
    // Friday 13:00 PDT, in business hours: not part of the after-hours stretch.
    const daytime = await store()
    clock.set('2026-03-14T03:00:00Z') // Friday 20:00 PDT
    const first = await store()
    clock.set('2026-03-15T18:00:00Z') // Sunday 11:00 PDT
    const second = await store()
    clock.set('2026-03-15T19:00:00Z')
    const answered = await store()
    await database.db.updateTable('conversations').set({ state: 'replied', sla_due_at: null }).where('id', '=', answered).execute()

    const summaries = recorder.jobs.filter((job) => job.name === ESCALATION_JOBS.summary)
    expect(summaries).toHaveLength(1) // one per team and opening however many messages
    expect(summaries[0]!.startAfter?.toISOString()).toBe('2026-03-16T16:00:00.000Z') // Monday 09:00 PDT
    const data = summaries[0]!.data as unknown as SummaryData

    clock.set('2026-03-16T16:00:05Z')
    const result = await runAfterHoursSummary(deps, data)
    expect(result.outcome).toBe('posted')
    if (result.outcome !== 'posted') return
    expect(result.conversationIds).toEqual([first, second])
    expect(result.conversationIds).not.toContain(daytime)
    expect((await runAfterHoursSummary(deps, data)).outcome).toBe('already-posted')
    const cards = await database.db.selectFrom('cards').select(['id', 'kind', 'channel', 'conversation_id']).where('kind', '=', 'summary').execute()
    expect(cards.map((card) => [card.channel, card.conversation_id])).toEqual([['C_US', first]])

    const posted: CardView[] = []
    const slack: ChatPlatform = {
      platform: 'slack',
      excerptChars: 500,
      postCard: async ({ view }) => {
        posted.push(view)
        return { externalRef: 'ts-1', threadRef: 'ts-1' }
      },
      updateCard: async () => undefined,
      postThreadNote: async () => undefined,
    }
    const library = await loadTemplateLibrary(templatesDirectory())
    const syncDeps = { db: database.db, platforms: new Map<Platform, ChatPlatform>([['slack', slack]]), cardInput: { library, pausedByConfig: false }, clock, logger: silentLogger }
    expect((await syncCard(syncDeps, cards[0]!.id)).outcome).toBe('posted')
    expect(posted[0]!.header.title).toBe('After hours: 2 conversation(s) waiting for a reply')
    expect(posted[0]!.highlight?.text.split('\n')).toHaveLength(2)
    expect(posted[0]!.actions).toEqual([])
  })
})
