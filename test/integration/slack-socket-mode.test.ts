import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SlackCommand } from '../../adapters/slack/command.ts'
import { SlackInteractionHandler, type SlackAck, type SlackLogger } from '../../adapters/slack/interaction-handler.ts'
import { startSlackSocketMode } from '../../adapters/slack/socket-mode.ts'
import { blockActionsPayload, viewSubmissionPayload } from '../support/fake-slack.ts'
import { FakeSlackSocketMode } from '../support/fake-slack-socket.ts'
import { eventually } from '../support/wait.ts'

const appToken = 'xapp-1-A0APP-0000-test'
const dispatched: SlackCommand[] = []
let answer: (command: SlackCommand) => SlackAck | void = () => undefined
const seenKeys = new Set<string>()
const errors: string[] = []
const logger: SlackLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: (_details, message) => void errors.push(message) }
const handler = new SlackInteractionHandler({
  logger,
  seen: async (key) => seenKeys.has(key) || (seenKeys.add(key), false),
  dispatch: (command) => {
    dispatched.push(command)
    return answer(command)
  },
})
let slack: FakeSlackSocketMode

beforeAll(async () => {
  slack = await new FakeSlackSocketMode(appToken).start()
})

afterAll(async () => {
  await slack.stop()
})

const click = (triggerId: string) =>
  blockActionsPayload({ actionId: 'bb.no_response', value: '{"c":"conv-1","k":"card-9"}', triggerId, userId: 'U5', channelId: 'C5', messageTs: '5.5' })

describe('Socket Mode through Bolt (SLACK_APP_TOKEN)', () => {
  it('keeps retrying a refused app token in the background and says why, without throwing', async () => {
    const opensBefore = slack.opens
    const connection = startSlackSocketMode({ appToken: 'xapp-wrong', apiUrl: slack.apiUrl, handler, logger, authorization: () => ({}), retryDelayMs: 50 })
    await eventually(() => slack.opens >= opensBefore + 2 && errors.includes('Slack Socket Mode could not connect'), 5_000)
    expect(connection.connected()).toBe(false)
    expect(connection.health()).toMatchObject({ state: 'down', lastError: 'invalid_auth' })
    expect(connection.health().downSince).toBeInstanceOf(Date)
    await connection.stop()
  })

  it('acks envelopes, dispatches once, answers modals and commands, follows a refresh and survives a lost connection', async () => {
    const connection = startSlackSocketMode({ appToken, apiUrl: slack.apiUrl, handler, logger, authorization: () => ({ botToken: 'xoxb-test' }) })
    await eventually(() => connection.connected(), 5_000)
    expect(connection.health()).toEqual({ state: 'connected', downSince: null, lastError: null })
    const first = slack.peers.at(-1)
    if (!first) throw new Error('no connection')

    first.send({ envelope_id: 'env-1', type: 'interactive', payload: click('trig-s1'), accepts_response_payload: false, retry_attempt: 0 })
    expect(await first.next()).toEqual({ envelope_id: 'env-1', payload: {} })
    expect(dispatched.map((c) => [c.kind, c.actionId, c.userId, c.retryNum])).toEqual([['block_action', 'bb.no_response', 'U5', 0]])

    // Slack re-sends an envelope it thinks was not acked: acked again, not dispatched again.
    first.send({ envelope_id: 'env-1', type: 'interactive', payload: click('trig-s1'), retry_attempt: 1, retry_reason: 'timeout' })
    expect(await first.next()).toEqual({ envelope_id: 'env-1', payload: {} })
    expect(dispatched).toHaveLength(1)

    answer = () => ({ response_action: 'errors', errors: { 'bb.reply_text': '• Links are not allowed.' } })
    const submission = viewSubmissionPayload({
      callbackId: 'bb.reply_editor',
      privateMetadata: '{"c":"conv-1","k":"card-9","ch":"C5","ts":"5.5","t":null}',
      blockId: 'bb.reply_text',
      actionId: 'bb.reply_text',
      value: 'see https://example.com',
      triggerId: 'trig-s2',
    })
    first.send({ envelope_id: 'env-2', type: 'interactive', payload: submission, accepts_response_payload: true })
    expect(await first.next()).toEqual({ envelope_id: 'env-2', payload: { response_action: 'errors', errors: { 'bb.reply_text': '• Links are not allowed.' } } })

    answer = () => ({ response_type: 'ephemeral', text: 'ok' })
    first.send({
      envelope_id: 'env-3',
      type: 'slash_commands',
      payload: { command: '/buyerbridge', text: 'help', user_id: 'U5', channel_id: 'C5', trigger_id: 'trig-s3', team_id: 'T1', is_enterprise_install: 'false' },
      accepts_response_payload: true,
    })
    expect(await first.next()).toEqual({ envelope_id: 'env-3', payload: { response_type: 'ephemeral', text: 'ok' } })
    expect(dispatched.at(-1)).toMatchObject({ kind: 'slash_command', text: 'help' })

    answer = () => undefined
    const connectionsBefore = slack.peers.length
    first.send({ type: 'disconnect', reason: 'refresh_requested' })
    await eventually(() => slack.peers.length === connectionsBefore + 1 && first.closed, 20_000)
    const second = slack.peers.at(-1)!
    await eventually(() => connection.connected(), 5_000)
    second.send({ envelope_id: 'env-4', type: 'interactive', payload: click('trig-s4') })
    expect(await second.next()).toEqual({ envelope_id: 'env-4', payload: {} })
    expect(dispatched.at(-1)).toMatchObject({ triggerId: 'trig-s4' })

    // The socket drops without a goodbye: the client reconnects and the envelope waiting there is handled.
    const beforeLoss = slack.peers.length
    slack.withNextHello.push({ envelope_id: 'env-5', type: 'interactive', payload: click('trig-s5') })
    second.socket.terminate()
    await eventually(() => slack.peers.length === beforeLoss + 1, 20_000)
    expect(await slack.peers.at(-1)!.next(5_000)).toEqual({ envelope_id: 'env-5', payload: {} })
    expect(dispatched.at(-1)).toMatchObject({ triggerId: 'trig-s5' })

    await connection.stop()
    expect(connection.connected()).toBe(false)
  }, 60_000)
})
