import { describe, expect, it } from 'vitest'
import { parseInteraction, parseSlashCommand } from '../../adapters/slack/command.ts'
import { signSlackBody, verifySlackSignature } from '../../adapters/slack/signature.ts'
import { blockActionsPayload, viewSubmissionPayload } from '../support/fake-slack.ts'

describe('Slack request signature (v0)', () => {
  // Slack's documented example request ("Verifying requests from Slack").
  const secret = '8f742231b10e8888abcd99yyyzzz85a5'
  const timestamp = '1531420618'
  const body =
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c'
  const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503'
  const at = (seconds: number) => (Number(timestamp) + seconds) * 1000

  it("matches Slack's test vector", () => {
    expect(signSlackBody(secret, Number(timestamp), body)).toBe(signature)
    expect(verifySlackSignature(secret, { rawBody: body, signature, timestamp }, at(10))).toBe(true)
  })

  it('refuses a changed body, another secret, a bad version and missing headers', () => {
    expect(verifySlackSignature(secret, { rawBody: `${body}&x=1`, signature, timestamp }, at(10))).toBe(false)
    expect(verifySlackSignature('another-secret', { rawBody: body, signature, timestamp }, at(10))).toBe(false)
    expect(verifySlackSignature(secret, { rawBody: body, signature: signature.replace('v0=', 'v1='), timestamp }, at(10))).toBe(false)
    expect(verifySlackSignature(secret, { rawBody: body, signature: undefined, timestamp }, at(10))).toBe(false)
    expect(verifySlackSignature(secret, { rawBody: body, signature, timestamp: undefined }, at(10))).toBe(false)
    expect(verifySlackSignature(secret, { rawBody: body, signature, timestamp: '1531420618.5' }, at(10))).toBe(false)
  })

  it('accepts up to five minutes of clock difference either way, no more', () => {
    expect(verifySlackSignature(secret, { rawBody: body, signature, timestamp }, at(300))).toBe(true)
    expect(verifySlackSignature(secret, { rawBody: body, signature, timestamp }, at(301))).toBe(false)
    expect(verifySlackSignature(secret, { rawBody: body, signature, timestamp }, at(-300))).toBe(true)
    expect(verifySlackSignature(secret, { rawBody: body, signature, timestamp }, at(-301))).toBe(false)
  })
})

describe('parsing interactions into commands', () => {
  const value = '{"c":"conv-1","k":"card-9"}'

  it('turns a button click into a block_action command', () => {
    const payload = blockActionsPayload({ actionId: 'bb.send', value, triggerId: 'trig-1', userId: 'U1', channelId: 'C1', messageTs: '1.2' })
    expect(parseInteraction(payload, 0)).toEqual({
      kind: 'command',
      command: {
        kind: 'block_action',
        actionId: 'bb.send',
        conversationId: 'conv-1',
        cardId: 'card-9',
        selectedOption: null,
        userId: 'U1',
        teamId: 'T0FAKE',
        channelId: 'C1',
        messageTs: '1.2',
        triggerId: 'trig-1',
        responseUrl: (payload as { response_url: string }).response_url,
        deliveryKey: 'slack:action:trig-1',
        retryNum: 0,
      },
    })
  })

  it('reads a template pick from the select and the ids from its block_id', () => {
    const payload = blockActionsPayload({ actionId: 'bb.pick_template', blockId: `bb.templates|${value}`, selectedOption: 'wismo-tracking', triggerId: 't' })
    const outcome = parseInteraction(payload, 2)
    expect(outcome.kind === 'command' && outcome.command).toMatchObject({
      kind: 'block_action',
      actionId: 'bb.pick_template',
      conversationId: 'conv-1',
      cardId: 'card-9',
      selectedOption: 'wismo-tracking',
      retryNum: 2,
    })
  })

  it('turns a reply editor submission into a view_submission command', () => {
    const payload = viewSubmissionPayload({
      callbackId: 'bb.reply_editor',
      privateMetadata: '{"c":"conv-1","k":"card-9","ch":"C1","ts":"1.2","t":"wismo-tracking"}',
      blockId: 'bb.reply_text',
      actionId: 'bb.reply_text',
      value: 'Hello Jonas',
      triggerId: 'trig-2',
      userId: 'U2',
    })
    expect(parseInteraction(payload, 0)).toEqual({
      kind: 'command',
      command: {
        kind: 'view_submission',
        actionId: 'bb.reply_editor',
        conversationId: 'conv-1',
        cardId: 'card-9',
        templateId: 'wismo-tracking',
        submittedText: 'Hello Jonas',
        viewId: 'V0EDITOR',
        userId: 'U2',
        teamId: 'T0FAKE',
        channelId: 'C1',
        messageTs: '1.2',
        triggerId: 'trig-2',
        responseUrl: null,
        deliveryKey: 'slack:view:trig-2',
        retryNum: 0,
      },
    })
  })

  it('parses /buyerbridge and ignores other commands', () => {
    const form = { command: '/buyerbridge', text: ' status ', user_id: 'U3', team_id: 'T1', channel_id: 'C3', trigger_id: 'trig-3', response_url: 'https://hooks.slack.test/x' }
    expect(parseSlashCommand(form, 0)).toEqual({
      kind: 'command',
      command: {
        kind: 'slash_command',
        actionId: '/buyerbridge',
        text: 'status',
        userId: 'U3',
        teamId: 'T1',
        channelId: 'C3',
        messageTs: null,
        triggerId: 'trig-3',
        responseUrl: 'https://hooks.slack.test/x',
        deliveryKey: 'slack:command:trig-3',
        retryNum: 0,
      },
    })
    expect(parseSlashCommand({ ...form, command: '/other' }, 0).kind).toBe('ignored')
    expect(parseSlashCommand({ command: '/buyerbridge' }, 0).kind).toBe('invalid')
  })

  it('ignores foreign actions and refuses ours without ids or with bad shapes', () => {
    expect(parseInteraction(blockActionsPayload({ actionId: 'someone.else', value, triggerId: 't' }), 0).kind).toBe('ignored')
    expect(parseInteraction({ type: 'shortcut' }, 0).kind).toBe('ignored')
    expect(parseInteraction(blockActionsPayload({ actionId: 'bb.send', value: 'nope', triggerId: 't' }), 0)).toEqual({
      kind: 'invalid',
      reason: 'action carries no conversation and card ids',
    })
    expect(parseInteraction({ type: 'block_actions', user: {}, actions: [] }, 0).kind).toBe('invalid')
    const badMetadata = viewSubmissionPayload({ callbackId: 'bb.reply_editor', privateMetadata: '{}', blockId: 'b', actionId: 'a', value: '', triggerId: 't' })
    expect(parseInteraction(badMetadata, 0).kind).toBe('invalid')
  })
})
