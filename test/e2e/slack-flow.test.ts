import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateBuyerEmail } from '../../adapters/simulator/buyer-emails/index.ts'
import { startSmtpSink, type SmtpSink } from '../../adapters/simulator/smtp-sink.ts'
import { testDatabaseMode } from '../support/database.ts'
import { blockActionsPayload, FakeSlack, postInteraction, viewSubmissionPayload } from '../support/fake-slack.ts'
import { eventually, startTestService, type TestService, postInboundEmail } from '../support/service.ts'

const INBOUND = 'inbound-token-slack-flow-0123456789'
const BOT_TOKEN = 'xoxb-test-flow-token'
const SIGNING_SECRET = 'slack-signing-secret-flow-0123456789'
const CHANNEL = 'C0AGENTS'
const ORDER = '026-5555555-6666666'
let slack: FakeSlack
let sink: SmtpSink
let running: TestService
let configDir: string

type Json = Record<string, unknown>

function blocksOf(call: { args: Record<string, unknown> }): Json[] {
  const blocks = call.args.blocks
  return (typeof blocks === 'string' ? JSON.parse(blocks) : blocks) as Json[]
}

function findElement(blocks: Json[], actionId: string): Json {
  for (const block of blocks) {
    const elements = (block.elements as Json[] | undefined) ?? (block.accessory ? [block.accessory as Json] : [])
    const found = elements.find((e) => e.action_id === actionId)
    if (found) return { ...found, block_id: block.block_id }
  }
  throw new Error(`no element ${actionId} on the card`)
}

async function click(actionId: string, userId: string, blocks: Json[], selectedOption?: string) {
  const element = findElement(blocks, actionId)
  const triggerId = slack.issueTriggerId()
  const payload = blockActionsPayload({
    actionId,
    triggerId,
    userId,
    channelId: CHANNEL,
    blockId: String(element.block_id),
    ...(typeof element.value === 'string' ? { value: element.value } : {}),
    ...(selectedOption ? { selectedOption } : {}),
  })
  const res = await postInteraction(`${running.url}/slack/events`, payload, { signingSecret: SIGNING_SECRET })
  expect(res.status).toBe(200)
  return res
}

async function submitEditor(view: Json, text: string, viewId: string) {
  const input = (view.blocks as Json[]).find((b) => b.type === 'input')!
  const element = input.element as Json
  const payload = viewSubmissionPayload({
    callbackId: 'bb.reply_editor',
    privateMetadata: String(view.private_metadata),
    blockId: String(input.block_id),
    actionId: String(element.action_id),
    value: text,
    userId: 'U0AGENT',
    triggerId: slack.issueTriggerId(),
    viewId,
  })
  const res = await postInteraction(`${running.url}/slack/events`, payload, { signingSecret: SIGNING_SECRET })
  expect(res.status).toBe(200)
  const body = await res.text()
  return body ? (JSON.parse(body) as Json) : null
}

beforeAll(async () => {
  slack = await new FakeSlack({ botToken: BOT_TOKEN, userGroups: { S0WEEKEND: ['U0WEEKEND'] } }).start()
  sink = await startSmtpSink({ approvedSenders: ['support@acme-store.example'] })
  configDir = mkdtempSync(path.join(os.tmpdir(), 'bb-slack-flow-'))
  const configFile = path.join(configDir, 'buyerbridge.yaml')
  writeFileSync(
    configFile,
    'people:\n  - { id: mei, name: Mei Chen, roles: [agent], slack: U0AGENT }\n  - { id: weekend, name: Weekend team, roles: [agent], slack: S0WEEKEND }\n',
  )
  running = await startTestService({
    BUYERBRIDGE_CONFIG: configFile,
    INBOUND_EMAIL_TOKEN: INBOUND,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CHANNEL: CHANNEL,
    SLACK_API_URL: slack.url,
    SMTP_URL: sink.url,
    SMTP_FROM: 'support@acme-store.example',
  })
}, 60_000)
afterAll(async () => {
  await running?.stop()
  await slack?.stop()
  await sink?.close()
  rmSync(configDir, { recursive: true, force: true })
})

describe(`Slack flow end to end (${testDatabaseMode})`, () => {
  it('e-mail in → card → assign → pick template → edit → send → buyer gets the e-mail → card shows it', async () => {
    const mail = generateBuyerEmail({
      marketplace: 'US',
      language: 'en',
      intent: 'where-is-my-order',
      buyerName: 'Emma',
      orderId: ORDER,
      asin: 'B0FLOW0001',
      productTitle: 'Desk lamp',
      sentAt: new Date('2026-11-20T15:00:00Z'),
    })
    const posted = await postInboundEmail(running.url, INBOUND, mail.raw)
    const { conversationId } = (await posted.json()) as { conversationId: string }
    const card = await eventually(async () => slack.calls.find((c) => c.method === 'chat.postMessage' && !c.args.thread_ts && c.status === 200), 20_000)
    const db = running.service.database()!.db

    // Someone who is not configured gets a private refusal and nothing changes.
    await click('bb.assign', 'U0STRANGER', blocksOf(card))
    await eventually(async () => slack.calls.find((c) => c.method === 'chat.postEphemeral' && c.args.user === 'U0STRANGER'))
    expect((await db.selectFrom('conversations').select('assignee').where('id', '=', conversationId).executeTakeFirstOrThrow()).assignee).toBeNull()

    await click('bb.assign', 'U0AGENT', blocksOf(card))
    await eventually(async () => slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts && String(c.args.text).startsWith('Assigned to Mei Chen')))
    expect(await db.selectFrom('conversations').select(['assignee', 'state']).where('id', '=', conversationId).executeTakeFirstOrThrow()).toEqual({ assignee: 'Mei Chen', state: 'assigned' })

    const picker = findElement(blocksOf(card), 'bb.pick_template')
    const options = [...((picker.option_groups as Json[] | undefined) ?? []).flatMap((g) => g.options as Json[]), ...((picker.options as Json[] | undefined) ?? [])]
    // Without SP-API there is no ship date: the "we are checking" template needs only what the e-mail gave.
    expect(options.map((o) => o.value)).toContain('checking-thank-you')
    await click('bb.pick_template', 'U0AGENT', blocksOf(card), 'checking-thank-you')
    const opened = await eventually(async () => slack.calls.find((c) => c.method === 'views.open' && c.status === 200))
    const view = (typeof opened.args.view === 'string' ? JSON.parse(opened.args.view) : opened.args.view) as Json
    const input = (view.blocks as Json[]).find((b) => b.type === 'input')!
    const draft = String((input.element as Json).initial_value)
    expect(draft).toContain(ORDER)

    // A link the linter blocks comes back as an inline error; nothing is sent.
    const refused = await submitEditor(view, `${draft}\nDetails: https://tracking.example.com/${ORDER}`, 'V0FIRST')
    expect(refused).toMatchObject({ response_action: 'errors' })
    expect(sink.messages).toHaveLength(0)

    expect(await submitEditor(view, draft, 'V0SECOND')).toBeNull()
    await sink.waitFor(1, 20_000)
    expect(sink.messages).toHaveLength(1)
    expect(sink.messages[0]!.envelope.rcptTo).toEqual([mail.labels.buyerAlias])
    expect(sink.messages[0]!.text).toContain(ORDER)
    await eventually(async () => (await db.selectFrom('replies').select('state').where('conversation_id', '=', conversationId).executeTakeFirst())?.state === 'sent')
    expect((await db.selectFrom('conversations').select('state').where('id', '=', conversationId).executeTakeFirstOrThrow()).state).toBe('replied')
    const updated = await eventually(async () =>
      [...slack.calls].reverse().find((c) => c.method === 'chat.update' && JSON.stringify(c.args.blocks).includes('Mei Chen') && /sent|Sent/.test(JSON.stringify(c.args.blocks))),
    20_000)
    expect(updated.status).toBe(200)
    await eventually(async () => slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts && String(c.args.text).startsWith('Sent by Mei Chen via e-mail')))

    // A member of a Slack user group the config names acts as that person: the editor opens for them.
    const editorsBefore = slack.calls.filter((c) => c.method === 'views.open').length
    await click('bb.edit', 'U0WEEKEND', blocksOf(card))
    await eventually(async () => slack.calls.filter((c) => c.method === 'views.open' && c.status === 200).length > editorsBefore)
    expect(slack.calls.some((c) => c.method === 'chat.postEphemeral' && c.args.user === 'U0WEEKEND')).toBe(false)

    // "Full message" opens the buyer's whole text in a modal, for anyone allowed on the card.
    await click('bb.view_message', 'U0AGENT', blocksOf(card))
    const full = await eventually(async () =>
      slack.calls.find((c) => c.method === 'views.open' && c.status === 200 && JSON.stringify(c.args.view).includes('bb.full_message')),
    )
    const fullView = (typeof full.args.view === 'string' ? JSON.parse(full.args.view) : full.args.view) as Json
    const shown = (fullView.blocks as Json[]).filter((b) => b.type === 'section').map((b) => String((b.text as Json).text)).join('')
    const stored = await db.selectFrom('buyer_messages').select('text').where('conversation_id', '=', conversationId).executeTakeFirstOrThrow()
    expect(stored.text.length).toBeGreaterThan(20)
    expect(shown).toContain(stored.text)
    expect(shown).not.toContain(mail.labels.buyerAlias)
  })

  it('checks the bot token with auth.test at start', () => {
    expect(slack.calls.filter((c) => c.method === 'auth.test').map((c) => c.status)).toEqual([200])
  })
})
