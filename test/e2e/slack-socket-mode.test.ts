import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateBuyerEmail } from '../../adapters/simulator/buyer-emails/index.ts'
import { testDatabaseMode } from '../support/database.ts'
import { blockActionsPayload, FakeSlack } from '../support/fake-slack.ts'
import { eventually, startTestService, type TestService, postInboundEmail } from '../support/service.ts'

// SLACK_APP_TOKEN and no signing secret: no public URL, clicks arrive over the socket the service opens.
const INBOUND = 'inbound-token-slack-socket-0123456789'
const BOT_TOKEN = 'xoxb-test-socket-token'
const APP_TOKEN = 'xapp-1-A0APP-1-socket'
const CHANNEL = 'C0SOCKET'
let slack: FakeSlack
let running: TestService
let configDir: string

beforeAll(async () => {
  slack = await new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN }).start()
  configDir = mkdtempSync(path.join(os.tmpdir(), 'bb-slack-socket-'))
  const configFile = path.join(configDir, 'buyerbridge.yaml')
  writeFileSync(configFile, 'people:\n  - { id: mei, name: Mei Chen, roles: [agent], slack: U0AGENT }\n')
  running = await startTestService({
    BUYERBRIDGE_CONFIG: configFile,
    INBOUND_EMAIL_TOKEN: INBOUND,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_CHANNEL: CHANNEL,
    SLACK_API_URL: slack.url,
  })
}, 60_000)
afterAll(async () => {
  await running?.stop()
  await slack?.stop()
  rmSync(configDir, { recursive: true, force: true })
})

describe(`Slack Socket Mode through the running service (${testDatabaseMode})`, () => {
  it('opens the socket with the app token, takes a click from it, acks it and acts once', async () => {
    const socket = slack.socketMode!
    await eventually(async () => socket.peers.length === 1)
    // /readyz reads this replica's socket live.
    const readiness = await eventually(async () => {
      const body = (await (await fetch(`${running.url}/readyz`)).json()) as { integrations: { name: string; state: string; downSince: string | null }[] }
      return body.integrations.find((i) => i.name === 'slack-socket-mode' && i.state === 'ok')
    })
    expect(readiness.downSince).toBeNull()
    // Without a signing secret there is no HTTP endpoint to forge requests against.
    expect((await fetch(`${running.url}/slack/events`, { method: 'POST', body: 'payload=%7B%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(404)

    const mail = generateBuyerEmail({
      marketplace: 'US', language: 'en', intent: 'where-is-my-order', buyerName: 'Noah', orderId: '113-1212121-3434343',
      asin: 'B0SOCKET01', productTitle: 'Kettle', sentAt: new Date('2026-11-20T16:00:00Z'),
    })
    const posted = await postInboundEmail(running.url, INBOUND, mail.raw)
    const { conversationId } = (await posted.json()) as { conversationId: string }
    const card = await eventually(async () => slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL && !c.args.thread_ts && c.status === 200), 20_000)
    const blocks = card.args.blocks as { elements?: { action_id?: string; value?: string }[] }[]
    const value = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'bb.assign')?.value
    expect(value).toBeDefined()

    const click = blockActionsPayload({ actionId: 'bb.assign', value: value!, triggerId: slack.issueTriggerId(), userId: 'U0AGENT', channelId: CHANNEL })
    const peer = socket.peers[0]!
    peer.send({ envelope_id: 'env-assign', type: 'interactive', payload: click, accepts_response_payload: false, retry_attempt: 0 })
    expect(await peer.next(5_000)).toEqual({ envelope_id: 'env-assign', payload: {} })
    // Slack re-sends the envelope (the ack was late): acked again, done once.
    peer.send({ envelope_id: 'env-assign', type: 'interactive', payload: click, retry_attempt: 1, retry_reason: 'timeout' })
    expect(await peer.next(5_000)).toEqual({ envelope_id: 'env-assign', payload: {} })

    await eventually(async () => slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts && String(c.args.text).startsWith('Assigned to Mei Chen')))
    const db = running.service.database()!.db
    expect(await db.selectFrom('conversations').select(['assignee', 'state']).where('id', '=', conversationId).executeTakeFirstOrThrow()).toEqual({ assignee: 'Mei Chen', state: 'assigned' })
    const commands = await db.selectFrom('commands').select('action').where('conversation_id', '=', conversationId).where('action', '=', 'bb.assign').execute()
    expect(commands).toHaveLength(1)
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts && String(c.args.text).startsWith('Assigned'))).toHaveLength(1)
  })
})
