import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { SlackCommand } from '../../adapters/slack/command.ts'
import type { SlackAck, SlackLogger } from '../../adapters/slack/interaction-handler.ts'
import { createSlackHttpReceiver, type SlackReceiverOptions } from '../../adapters/slack/receiver.ts'
import { slackEventsRoute } from '../../src/compose/slack.ts'
import { blockActionsPayload, postEvent, postForm, postInteraction, viewSubmissionPayload } from '../support/fake-slack.ts'

const signingSecret = 'test-signing-secret-0123456789abcdef'
const silent: SlackLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
const value = '{"c":"conv-1","k":"card-9"}'

/** What the service side did: every dispatched command, and the answer/behaviour the test asks for. */
const dispatched: SlackCommand[] = []
let behaviour: (command: SlackCommand) => Promise<SlackAck | void> = async () => undefined
const seenKeys = new Set<string>()
const released: string[] = []
let clockOffsetMs = 0

let app: FastifyInstance
let url = ''
let base = ''

beforeAll(async () => {
  app = Fastify()
  app.post('/elsewhere', async (request) => ({ parsed: request.body }))
  const options: SlackReceiverOptions = {
    signingSecret,
    logger: silent,
    clock: { now: () => new Date(Date.now() + clockOffsetMs) },
    dispatchBudgetMs: 300,
    seen: async (key) => {
      if (seenKeys.has(key)) return true
      seenKeys.add(key)
      return false
    },
    release: async (key) => {
      released.push(key)
      seenKeys.delete(key)
    },
    dispatch: (command) => {
      dispatched.push(command)
      return behaviour(command)
    },
  }
  const receiver = createSlackHttpReceiver(options)
  await slackEventsRoute(receiver)(app)
  base = await app.listen({ host: '127.0.0.1', port: 0 })
  url = `${base}/slack/events`
})

afterAll(async () => {
  await app.close()
})

beforeEach(() => {
  dispatched.length = 0
  released.length = 0
  behaviour = async () => undefined
  clockOffsetMs = 0
})

const click = (triggerId: string, actionId = 'bb.assign') => blockActionsPayload({ actionId, value, triggerId, userId: 'U1', channelId: 'C1', messageTs: '1.2' })

describe('POST /slack/events over HTTP, signed as Slack signs', () => {
  it('acks a valid click with an empty 200 and dispatches it once', async () => {
    const response = await postInteraction(url, click('trig-valid'), { signingSecret })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
    expect(dispatched).toHaveLength(1)
    expect(dispatched[0]).toMatchObject({ kind: 'block_action', actionId: 'bb.assign', conversationId: 'conv-1', cardId: 'card-9', userId: 'U1', triggerId: 'trig-valid' })
  })

  it('refuses a forged signature with 401 and no detail', async () => {
    const response = await postInteraction(url, click('trig-forged'), { signingSecret, signature: `v0=${'0'.repeat(64)}` })
    expect(response.status).toBe(401)
    expect(await response.text()).toBe('')
    const wrongSecret = await postInteraction(url, click('trig-forged-2'), { signingSecret: 'not-the-secret' })
    expect(wrongSecret.status).toBe(401)
    expect(dispatched).toHaveLength(0)
  })

  it('refuses a correctly signed request whose timestamp is 6 minutes old', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60
    const response = await postInteraction(url, click('trig-stale'), { signingSecret, timestamp: sixMinutesAgo })
    expect(response.status).toBe(401)
    expect(dispatched).toHaveLength(0)
  })

  it('uses the injected clock for staleness', async () => {
    const timestamp = Math.floor(Date.now() / 1000)
    clockOffsetMs = 10 * 60_000
    const response = await postInteraction(url, click('trig-clock'), { signingSecret, timestamp })
    expect(response.status).toBe(401)
    clockOffsetMs = 0
    expect((await postInteraction(url, click('trig-clock'), { signingSecret, timestamp })).status).toBe(200)
  })

  it('acks a retried delivery without dispatching it again', async () => {
    const payload = click('trig-retried')
    expect((await postInteraction(url, payload, { signingSecret })).status).toBe(200)
    const retry = await postInteraction(url, payload, { signingSecret, retryNum: 1 })
    expect(retry.status).toBe(200)
    expect(await retry.text()).toBe('')
    expect(dispatched.map((c) => c.deliveryKey)).toEqual(['slack:action:trig-retried'])
  })

  it('echoes url_verification and answers ssl_check', async () => {
    const verification = await postEvent(url, { token: 'legacy', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' }, { signingSecret })
    expect(verification.status).toBe(200)
    expect(await verification.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' })
    const ssl = await postForm(url, { ssl_check: '1', token: 'legacy' }, { signingSecret })
    expect(ssl.status).toBe(200)
    expect(dispatched).toHaveLength(0)
  })

  it('answers a reply submission with the inline errors the handler returns', async () => {
    behaviour = async () => ({ response_action: 'errors', errors: { 'bb.reply_text': '• Phone numbers are not allowed in buyer messages.' } })
    const payload = viewSubmissionPayload({
      callbackId: 'bb.reply_editor',
      privateMetadata: '{"c":"conv-1","k":"card-9","ch":"C1","ts":"1.2","t":null}',
      blockId: 'bb.reply_text',
      actionId: 'bb.reply_text',
      value: 'Call me at +1 415 555 0100',
      triggerId: 'trig-submit',
    })
    const response = await postInteraction(url, payload, { signingSecret })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual({ response_action: 'errors', errors: { 'bb.reply_text': '• Phone numbers are not allowed in buyer messages.' } })
    expect(dispatched[0]).toMatchObject({ kind: 'view_submission', submittedText: 'Call me at +1 415 555 0100', channelId: 'C1', messageTs: '1.2' })
  })

  it('acks before a slow dispatch finishes', async () => {
    let finished = false
    behaviour = async () => {
      await new Promise((resolve) => setTimeout(resolve, 2_000))
      finished = true
      return { response_action: 'clear' }
    }
    const response = await postInteraction(url, click('trig-slow'), { signingSecret })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
    expect(finished).toBe(false)
  })

  it('answers 500 when dispatch fails and lets the retry through', async () => {
    behaviour = async () => {
      throw new Error('queue down')
    }
    const payload = click('trig-fails')
    expect((await postInteraction(url, payload, { signingSecret })).status).toBe(500)
    expect(released).toEqual(['slack:action:trig-fails'])
    behaviour = async () => undefined
    expect((await postInteraction(url, payload, { signingSecret, retryNum: 1 })).status).toBe(200)
    expect(dispatched).toHaveLength(2)
  })

  it('dispatches /buyerbridge and returns its ephemeral answer', async () => {
    behaviour = async () => ({ response_type: 'ephemeral', text: '3 open conversations' })
    const response = await postForm(
      url,
      { command: '/buyerbridge', text: 'status', user_id: 'U9', team_id: 'T1', channel_id: 'C9', trigger_id: 'trig-cmd', response_url: 'https://hooks.slack.test/c' },
      { signingSecret },
    )
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: '3 open conversations' })
    expect(dispatched[0]).toMatchObject({ kind: 'slash_command', text: 'status', userId: 'U9', channelId: 'C9' })
  })

  it('acks foreign actions and events without dispatching, and rejects signed garbage', async () => {
    expect((await postInteraction(url, blockActionsPayload({ actionId: 'other.app', value, triggerId: 'x' }), { signingSecret })).status).toBe(200)
    expect((await postEvent(url, { type: 'event_callback', event: { type: 'app_mention' } }, { signingSecret })).status).toBe(200)
    expect((await postForm(url, { payload: '{not json' }, { signingSecret })).status).toBe(400)
    expect(dispatched).toHaveLength(0)
  })

  it('keeps the raw-body parsers inside the plugin', async () => {
    const response = await fetch(`${base}/elsewhere`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
    expect(await response.json()).toEqual({ parsed: { a: 1 } })
  })
})
