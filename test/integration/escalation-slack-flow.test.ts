import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SlackPoster } from '../../adapters/slack/poster.ts'
import { SlackChatPlatform } from '../../adapters/slack/slack-platform.ts'
import { templatesDirectory } from '../../src/compose/paths.ts'
import { syncCardJob } from '../../src/jobs/card-jobs.ts'
import { escalationJobs, queueSender } from '../../src/jobs/escalation-jobs.ts'
import { JobQueue } from '../../src/jobs/queue.ts'
import type { Platform } from '../../src/domain/vocabulary.ts'
import type { ChatPlatform } from '../../src/ports/chat-platform.ts'
import { planConversationCards } from '../../src/services/cards/sync-cards.ts'
import { runConversationCommand } from '../../src/services/commands/conversation-commands.ts'
import { afterStoreEscalation, ESCALATION_JOBS, refreshCards, type EscalationDeps } from '../../src/services/escalation/index.ts'
import { loadTemplateLibrary } from '../../src/services/template-library.ts'
import { openTestDatabase, silentLogger, testDatabaseMode } from '../support/database.ts'
import { FakeSlack } from '../support/fake-slack.ts'
import { buildSettings, insertConversation, PEOPLE, TestClock } from './escalation-support.ts'

// The services and jobs composed as main will compose them (see the report), against the Slack fake, with a
// real job queue. The service clock is controlled; the queue runs jobs in real time, so a step that becomes
// due on the service clock is started by sending its job, as the scheduled one would at that time.

const BOT_TOKEN = 'xoxb-test-escalation'
let database: Awaited<ReturnType<typeof openTestDatabase>>
let slack: FakeSlack
let queue: JobQueue
beforeAll(async () => {
  database = await openTestDatabase()
  slack = await new FakeSlack({ botToken: BOT_TOKEN }).start()
})
afterAll(async () => {
  await queue?.stop(2_000)
  await slack?.stop()
  await database?.drop()
})

async function eventually(probe: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await probe()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('condition not met in time')
}

// A DM (addressed to U…) lives in the person's D… channel, as on Slack.
const messagesIn = (channel: string) => [...(slack.messages.get(/^U/.test(channel) ? slack.dmChannelOf(channel) : channel)?.values() ?? [])]
const hasAck = (message: Record<string, unknown>) => JSON.stringify(message.blocks ?? []).includes('bb.ack')

describe(`after-hours high-risk message on Slack (${testDatabaseMode})`, () => {
  it('agent card + manager card + on-call DM; no ack → next step; ack → chain stops and every card updates', async () => {
    const clock = new TestClock(new Date().toISOString())
    const settings = buildSettings({
      teams: [{ id: 'closed', hours: { timeZone: 'America/Los_Angeles', weekly: {} }, channels: [{ platform: 'slack', channel: 'C_US' }] }],
      routing: [{ targets: [{ platform: 'slack', channel: 'C_US' }] }],
      oncall: { timeZone: 'America/Los_Angeles', rotation: ['ana'], backup: 'bo', chain: [{ notify: 'current', waitMinutes: 10 }, { notify: 'backup', waitMinutes: 10 }], repeat: 0 },
    })
    settings.platforms = ['slack']
    queue = new JobQueue({ connection: database.connection, ...(database.sharedExecutor ? { executor: database.sharedExecutor } : {}), logger: silentLogger, pollingIntervalSeconds: 0.5 })
    await queue.start()
    const platforms = new Map<Platform, ChatPlatform>([['slack', new SlackChatPlatform(new SlackPoster({ botToken: BOT_TOKEN, apiUrl: slack.url, logger: silentLogger }))]])
    const library = await loadTemplateLibrary(templatesDirectory())
    await queue.register(syncCardJob({ db: database.db, platforms, cardInput: { library, pausedByConfig: false, people: PEOPLE }, clock, logger: silentLogger }))
    const deps: EscalationDeps = { db: database.db, settings, sendJob: queueSender(queue), clock, logger: silentLogger }
    for (const definition of escalationJobs(deps)) await queue.register(definition)

    // What ingest does in its transaction: the agent cards, then the escalation handling.
    const id = await insertConversation(database.db, { receivedAt: clock.now(), riskFlags: ['a-to-z'], riskScore: 90 })
    await database.db.transaction().execute(async (trx) => {
      const cardIds = await planConversationCards(trx, id, [{ platform: 'slack', channel: 'C_US', uiLanguage: 'en' }])
      for (const cardId of cardIds) await deps.sendJob('cards.sync', { cardId, note: null }, { trx })
      await afterStoreEscalation(trx, { conversationId: id }, deps)
    })
    await eventually(() => messagesIn('C_US').length === 1 && messagesIn('C_MANAGERS').length === 1 && messagesIn('U_LI').length === 1 && messagesIn('U_ANA').length === 1)
    expect(hasAck(messagesIn('C_MANAGERS')[0]!)).toBe(true)
    expect(JSON.stringify(messagesIn('C_MANAGERS')[0]!.blocks)).toContain('Risk flag: A-to-z')
    expect(hasAck(messagesIn('U_ANA')[0]!)).toBe(true)
    expect(messagesIn('U_BO')).toHaveLength(0)
    // The agent card says whom it was escalated to and who was paged.
    await eventually(() => JSON.stringify(messagesIn('C_US')[0]).includes('On call paged'))
    expect(JSON.stringify(messagesIn('C_US')[0])).toContain('Escalated to')
    expect(JSON.stringify(messagesIn('C_US')[0])).toContain("Li Wei, managers' channel")

    // Nobody acknowledges: ten minutes later the backup is paged.
    clock.advanceMinutes(10)
    const page = { conversationId: id, pagedAt: new Date(clock.now().getTime() - 10 * 60_000).toISOString() }
    await queue.send(ESCALATION_JOBS.pageStep, page)
    await eventually(() => messagesIn('U_BO').length === 1)
    await eventually(() => JSON.stringify(messagesIn('C_US')[0]).includes('Ana, Bo'))

    // Bo acknowledges from the DM: every card of the conversation is updated, the chain stops.
    clock.advanceMinutes(2)
    const updatesBefore = slack.callsTo('chat.update').length
    const ack = await runConversationCommand(
      { db: database.db, people: PEOPLE, clock, refreshCards: (trx, conversationId, note) => refreshCards(trx, deps, conversationId, note).then(() => undefined) },
      { action: 'bb.ack', actor: { platform: 'slack', userId: 'U_BO', displayName: 'bo' }, conversationId: id, idempotencyKey: 'slack-ack-1' },
    )
    expect(ack.ok).toBe(true)
    const cardCount = (await database.db.selectFrom('cards').select('id').where('conversation_id', '=', id).execute()).length
    expect(cardCount).toBe(5) // agent, manager channel, manager DM, two on-call DMs
    await eventually(() => slack.callsTo('chat.update').length >= updatesBefore + cardCount)
    for (const channel of ['C_US', 'C_MANAGERS', 'U_LI', 'U_ANA', 'U_BO']) {
      const [message] = messagesIn(channel)
      expect(hasAck(message!), channel).toBe(false)
      expect(JSON.stringify(message), channel).toContain('Acknowledged by Bo')
    }

    clock.advanceMinutes(10)
    // New messages only (the acknowledgement's thread notes may still be arriving).
    const newMessages = () => slack.callsTo('chat.postMessage').filter((call) => call.args.thread_ts === undefined).length
    const postsBefore = newMessages()
    await queue.send(ESCALATION_JOBS.pageStep, page)
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect(newMessages()).toBe(postsBefore)
    const steps = await database.db.selectFrom('timers').select('dedupe_key').where('subject_id', '=', id).where('kind', '=', ESCALATION_JOBS.pageStep).execute()
    expect(steps).toHaveLength(2)
  }, 90_000)
})
