import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateBuyerEmail } from '../../adapters/simulator/buyer-emails/index.ts'
import { AdvancingClock, advanceServiceTime } from '../support/clock.ts'
import { testDatabaseMode } from '../support/database.ts'
import { blockActionsPayload, FakeSlack, postInteraction } from '../support/fake-slack.ts'
import { eventually, startTestService, type TestService, postInboundEmail } from '../support/service.ts'

// The whole service over HTTP against the Slack fake, its clock controlled by the test: an after-hours,
// high-risk e-mail → agent card + manager card (channel and DM) + on-call DM → nobody acknowledges → a
// minute later the backup is paged and the managers are reminded → the backup acknowledges from the DM →
// the chain stops and every card shows it.

const INBOUND = 'inbound-token-after-hours-0123456789'
const BOT_TOKEN = 'xoxb-test-after-hours'
const SIGNING_SECRET = 'slack-signing-secret-after-hours-01'
const MINUTE = 60_000

type Json = Record<string, unknown>

/** An `Etc/GMT±N` zone where it is about 2 a.m. now, so the team (open 09:00–17:00 daily) is closed. */
function nightZone(now: Date): string {
  let offset = (now.getUTCHours() - 2 + 24) % 24
  if (offset > 11) offset -= 24
  return offset >= 0 ? `Etc/GMT+${offset}` : `Etc/GMT${offset}`
}

const DAILY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ start: '09:00', end: '17:00' }]]))

const config = (zone: string) => `
people:
  - { id: mei, name: Mei Chen, roles: [agent], slack: U0MEI }
  - { id: li, name: Li Wei, roles: [manager], slack: U0LI }
  - { id: ana, name: Ana, roles: [oncall, agent], slack: U0ANA }
  - { id: bo, name: Bo, roles: [oncall, agent], slack: U0BO }
  - { id: night, name: Night shift, roles: [oncall, agent], slack: S0NIGHT }
routing:
  - targets: [{ platform: slack, channel: C0AGENTS }]
businessHours:
  support:
    timeZone: ${zone}
    weekly: ${JSON.stringify(DAILY)}
    channels: [{ platform: slack, channel: C0AGENTS }]
escalation:
  targets: [{ platform: slack, channel: C0MANAGERS }]
  managers: [li]
  renotifyMinutes: 1
oncall:
  timeZone: ${zone}
  rotation: [ana]
  backup: bo
  chain:
    - { notify: current, waitMinutes: 1 }
    - { notify: backup, waitMinutes: 1 }
    - { notify: managers, waitMinutes: 1 }
  repeat: 0
`

let slack: FakeSlack
let running: TestService
let configDir: string
const clock = new AdvancingClock()

beforeAll(async () => {
  slack = await new FakeSlack({ botToken: BOT_TOKEN, userGroups: { S0NIGHT: ['U0CY', 'U0DEE'] } }).start()
  configDir = mkdtempSync(path.join(os.tmpdir(), 'bb-after-hours-'))
  const configFile = path.join(configDir, 'buyerbridge.yaml')
  writeFileSync(configFile, config(nightZone(clock.now())))
  running = await startTestService(
    {
      BUYERBRIDGE_CONFIG: configFile,
      INBOUND_EMAIL_TOKEN: INBOUND,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_CHANNEL: 'C0DEFAULT',
      SLACK_API_URL: slack.url,
    },
    { clock },
  )
}, 60_000)
afterAll(async () => {
  await running?.stop()
  await slack?.stop()
  rmSync(configDir, { recursive: true, force: true })
})

/** The card in a channel, or in a person's DM for a user id (Slack keeps DMs in the D… channel). */
function card(channel: string): Json | undefined {
  const id = channel.startsWith('U') ? slack.dmChannelOf(channel) : channel
  return [...(slack.messages.get(id)?.values() ?? [])].find((message) => message.thread_ts === undefined)
}
const threadNotes = (channel: string) => [...(slack.messages.get(channel)?.values() ?? [])].filter((m) => m.thread_ts !== undefined).map((m) => String(m.text))
const shows = (channel: string, text: string) => JSON.stringify(card(channel) ?? {}).includes(text)
const hasAck = (channel: string) => JSON.stringify(card(channel)?.blocks ?? []).includes('"action_id":"bb.ack"')
const topLevelPosts = () => slack.callsTo('chat.postMessage').filter((call) => call.status === 200 && call.args.thread_ts === undefined).length

function button(blocks: Json[], actionId: string): { value: string; blockId: string } {
  for (const block of blocks) {
    const found = ((block.elements as Json[] | undefined) ?? []).find((element) => element.action_id === actionId)
    if (found) return { value: String(found.value), blockId: String(block.block_id) }
  }
  throw new Error(`no ${actionId} button on the card`)
}

/** A button click on the card in `channel` (a user id: that person's DM), signed as Slack signs it. */
function clickOn(channel: string, actionId: string, userId: string): Promise<Response> {
  const message = card(channel)!
  const pressed = button(message.blocks as Json[], actionId)
  const payload = blockActionsPayload({
    actionId,
    value: pressed.value,
    blockId: pressed.blockId,
    userId,
    channelId: channel.startsWith('U') ? slack.dmChannelOf(channel) : channel,
    messageTs: String(message.ts),
    triggerId: slack.issueTriggerId(),
  })
  return postInteraction(`${running.url}/slack/events`, payload, { signingSecret: SIGNING_SECRET })
}

describe(`after hours, high risk, through the service on Slack (${testDatabaseMode})`, () => {
  it('agent card + manager cards + on-call DM → no ack → next step and reminder → ack from the DM → chain stops, cards updated', async () => {
    const db = running.service.database()!.db
    const mail = generateBuyerEmail({
      marketplace: 'US',
      language: 'en',
      intent: 'not-received',
      highRiskFlags: ['a-to-z'],
      buyerName: 'Dana',
      orderId: '114-7777777-8888888',
      asin: 'B0NIGHT001',
      productTitle: 'Camping stove',
      sentAt: clock.now(),
    })
    const res = await postInboundEmail(running.url, INBOUND, mail.raw)
    expect(res.status).toBe(202)
    const { conversationId } = (await res.json()) as { conversationId: string }

    // Straight away: the agent card, the managers' channel card, Li's DM and the on-call person's DM.
    await eventually(async () => (card('C0AGENTS') && card('C0MANAGERS') && card('U0LI') && card('U0ANA')) || undefined, 20_000)
    expect(hasAck('C0MANAGERS')).toBe(true)
    expect(shows('C0MANAGERS', 'Risk flag: A-to-z claim')).toBe(true)
    expect(hasAck('U0ANA')).toBe(true)
    expect(card('U0BO')).toBeUndefined()
    // Posted to the user id, updated in the DM channel Slack answered with (a user id there is channel_not_found).
    expect(slack.callsTo('chat.postMessage').some((call) => call.args.channel === 'U0ANA' && call.status === 200)).toBe(true)
    const row = await db.selectFrom('conversations').select(['after_hours', 'paged_at', 'escalated_at']).where('id', '=', conversationId).executeTakeFirstOrThrow()
    expect(row.after_hours).toBe(true)
    expect(row.paged_at).not.toBeNull()
    expect(row.escalated_at).not.toBeNull()
    // The agent card says whom it was escalated to and who was paged.
    await eventually(async () => shows('C0AGENTS', 'On call paged*\\nAna') || undefined, 20_000)
    expect(shows('C0AGENTS', "Escalated to*\\nLi Wei, managers' channel")).toBe(true)

    // Nobody acknowledges. A minute later: the backup is paged, the managers are reminded.
    await advanceServiceTime(clock, db, MINUTE)
    await eventually(async () => card('U0BO') || undefined, 20_000)
    expect(hasAck('U0BO')).toBe(true)
    await eventually(async () => threadNotes('C0MANAGERS').some((note) => note.startsWith('Reminder 1')) || undefined, 20_000)
    await eventually(async () => shows('C0AGENTS', 'On call paged*\\nAna, Bo') || undefined, 20_000)

    // Someone Buyerbridge does not know cannot acknowledge: told privately, nothing changes.
    expect((await clickOn('C0AGENTS', 'bb.ack', 'U0STRANGER')).status).toBe(200)
    await eventually(async () => slack.callsTo('chat.postEphemeral').find((call) => call.args.user === 'U0STRANGER'), 20_000)
    expect((await db.selectFrom('conversations').select('acknowledged_at').where('id', '=', conversationId).executeTakeFirstOrThrow()).acknowledged_at).toBeNull()
    // A member of the night-shift user group acts as the group's person (usergroups.users.list).
    expect((await clickOn('C0AGENTS', 'bb.assign', 'U0CY')).status).toBe(200)
    await eventually(async () => shows('C0AGENTS', 'Assigned to Night shift') || undefined, 20_000)
    expect(slack.callsTo('usergroups.users.list').map((call) => call.args.usergroup)).toContain('S0NIGHT')

    // Bo acknowledges from his DM, with a click signed as Slack signs it.
    const dm = slack.dmChannelOf('U0BO')
    expect((await clickOn('U0BO', 'bb.ack', 'U0BO')).status).toBe(200)

    // Every card of the conversation shows the acknowledgement and loses the button.
    const everyCard = ['C0AGENTS', 'C0MANAGERS', 'U0LI', 'U0ANA', 'U0BO']
    await eventually(async () => everyCard.every((channel) => shows(channel, 'Acknowledged by Bo')) || undefined, 20_000)
    for (const channel of everyCard) expect(hasAck(channel), channel).toBe(false)
    const updates = slack.callsTo('chat.update')
    expect(updates.filter((call) => call.status !== 200)).toEqual([])
    expect(updates.some((call) => call.args.channel === dm)).toBe(true)
    expect(updates.some((call) => String(call.args.channel).startsWith('U'))).toBe(false)
    // Logged: the acknowledgement is in the command audit with who did it.
    const audit = await db.selectFrom('commands').select(['action', 'actor_id', 'actor_name', 'outcome']).where('conversation_id', '=', conversationId).execute()
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'bb.ack', actor_id: 'U0BO', actor_name: 'Bo' }),
        expect.objectContaining({ action: 'bb.assign', actor_id: 'U0CY', actor_name: 'Night shift' }),
      ]),
    )
    expect(audit.filter((entry) => entry.actor_id === 'U0STRANGER')).toEqual([])

    // The chain stops: two more minutes pass, the managers are neither paged nor reminded again.
    const postsBefore = topLevelPosts()
    const notesBefore = threadNotes('C0MANAGERS').length
    await advanceServiceTime(clock, db, MINUTE)
    await advanceServiceTime(clock, db, MINUTE)
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    expect(topLevelPosts()).toBe(postsBefore)
    expect(threadNotes('C0MANAGERS').filter((note) => note.startsWith('Reminder'))).toHaveLength(1)
    expect(threadNotes('C0MANAGERS').length).toBeGreaterThanOrEqual(notesBefore)
    const steps = await db.selectFrom('timers').select('dedupe_key').where('subject_id', '=', conversationId).where('kind', '=', 'oncall.page-step').execute()
    expect(steps).toHaveLength(2)
  }, 120_000)
})
