import { describe, expect, it } from 'vitest'
import { lint } from '../../src/domain/compliance/index.ts'
import type { LintFinding } from '../../src/domain/compliance/index.ts'
import { isAppError } from '../../src/domain/errors.ts'
import {
  buildFullMessageModal,
  buildReplyEditorModal,
  buildReplyErrors,
  decodeEditorMetadata,
  encodeEditorMetadata,
} from '../../adapters/slack/modals.ts'
import { validateModal } from '../../adapters/slack/limits.ts'

const pt = (text: string, emoji = true) => ({ type: 'plain_text', text, emoji })
const context = { conversationId: 'conv-1', cardId: 'card-9', channelId: 'C0CARDS', messageTs: '1760000000.000001', templateId: 'wismo-tracking' }

describe('reply editor modal', () => {
  it('is the exact view with the context in private_metadata (en)', () => {
    const view = buildReplyEditorModal({ context, initialText: 'Hello Jonas,\nyour order 028-1234567-1234567 ships today.', language: 'en' })
    expect(view).toEqual({
      type: 'modal',
      callback_id: 'bb.reply_editor',
      title: pt('Reply to buyer'),
      submit: pt('Send'),
      close: pt('Cancel'),
      private_metadata: '{"c":"conv-1","k":"card-9","ch":"C0CARDS","ts":"1760000000.000001","t":"wismo-tracking"}',
      blocks: [
        {
          type: 'input',
          block_id: 'bb.reply_text',
          label: pt('Reply'),
          hint: pt('Amazon rules: no links, no contact details, no review requests, no marketing. Checked before sending.'),
          element: {
            type: 'plain_text_input',
            action_id: 'bb.reply_text',
            multiline: true,
            max_length: 3000,
            initial_value: 'Hello Jonas,\nyour order 028-1234567-1234567 ships today.',
          },
        },
      ],
    })
    expect(validateModal(view)).toEqual([])
  })

  it('uses the channel language and cuts a long pre-filled text to 3,000 characters (zh-CN)', () => {
    const view = buildReplyEditorModal({ context, initialText: '您好'.repeat(2_000), language: 'zh-CN' })
    expect([view.title.text, view.submit?.text, view.close?.text]).toEqual(['回复买家', '发送', '取消'])
    const input = view.blocks[0]
    expect(input?.type === 'input' && input.element.initial_value?.length).toBe(3_000)
    expect(validateModal(view)).toEqual([])
  })

  it('round-trips the metadata and refuses what would not fit', () => {
    expect(decodeEditorMetadata(encodeEditorMetadata(context))).toEqual(context)
    expect(decodeEditorMetadata('{"c":""}')).toBeNull()
    expect(decodeEditorMetadata('not json')).toBeNull()
    let error: unknown
    try {
      encodeEditorMetadata({ ...context, templateId: 'x'.repeat(3_000) })
    } catch (caught) {
      error = caught
    }
    expect(isAppError(error, 'SLACK_METADATA_TOO_LONG')).toBe(true)
  })
})

describe('reply errors (response_action: errors)', () => {
  const text = 'Hello, please visit https://example.com and leave us a 5-star review! Call +1 415 555 0100.'
  const findings = lint(text, { path: 'email', buyerLanguage: 'en', marketplace: 'US', orderId: '111-1234567-1234567' })

  it('lists each blocking rule with the offending words, in English', () => {
    expect(buildReplyErrors(findings, text, 'en')).toEqual({
      response_action: 'errors',
      errors: {
        'bb.reply_text': [
          '• The order id 111-1234567-1234567 must appear in the text.',
          "• Link to example.com: only links to this marketplace's Amazon site are allowed. → “https://example.com”",
          '• Asking for a positive review or rating, or to change or remove one, is prohibited ("5-star").',
          '• Phone numbers are not allowed in buyer messages. → “+1 415 555 0100”',
        ].join('\n'),
      },
    })
  })

  it('and in Simplified Chinese', () => {
    expect(buildReplyErrors(findings, text, 'zh-CN')?.errors['bb.reply_text']).toBe(
      [
        '• 正文中必须包含订单号 111-1234567-1234567。',
        '• 链接 example.com：只允许链接到本站点的亚马逊网站。→「https://example.com」',
        '• 禁止索要好评/星级，或要求修改、删除评价（“5-star”）。',
        '• 买家消息中不允许出现电话号码。→「+1 415 555 0100」',
      ].join('\n'),
    )
  })

  it('is null when only warnings remain, and stays short with many findings', () => {
    const warning: LintFinding = { ruleId: 'line-breaks', severity: 'warn', message_en: 'w', message_zh: 'w', start: 0, end: 1 }
    expect(buildReplyErrors([warning], text, 'en')).toBeNull()
    const many: LintFinding[] = Array.from({ length: 60 }, (_, i) => ({
      ruleId: 'marketing',
      severity: 'block',
      message_en: `Marketing phrase number ${i} is not allowed in a buyer message`,
      message_zh: `第 ${i} 个营销用语不允许出现`,
      start: 0,
      end: 5,
    }))
    const errors = buildReplyErrors(many, 'Hello world', 'en')?.errors['bb.reply_text'] ?? ''
    expect(errors.length).toBeLessThanOrEqual(1_000)
    expect(errors).toMatch(/\(\+\d+ more\)$/)
  })
})

describe('full message modal', () => {
  it('shows a 20,000-character message in sections of at most 3,000 characters, none lost', () => {
    const message = Array.from({ length: 2_000 }, (_, i) => `w${i}`).join(' ').padEnd(20_000, 'x')
    const view = buildFullMessageModal({ text: message, language: 'en', heading: 'Acme EU · 028-1234567-1234567' })
    expect(validateModal(view)).toEqual([])
    expect(view.title).toEqual(pt('Buyer message'))
    expect(view.callback_id).toBe('bb.full_message')
    const sections = view.blocks.filter((b) => b.type === 'section')
    expect(sections.every((s) => s.type === 'section' && s.text?.type === 'plain_text' && s.text.text.length <= 3_000)).toBe(true)
    const shown = sections.map((s) => (s.type === 'section' ? (s.text?.text ?? '') : '')).join('')
    expect(shown.replace(/\s/g, '')).toBe(message.replace(/\s/g, ''))
  })

  it('says so when a message is longer than a modal can hold (zh-CN)', () => {
    const view = buildFullMessageModal({ text: '很长的消息'.repeat(80_000), language: 'zh-CN' })
    expect(validateModal(view)).toEqual([])
    expect(view.blocks.length).toBeLessThanOrEqual(100)
    expect(view.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [pt('消息过长（400000 个字符），Slack 无法完整显示，请在网页控制台查看其余部分。')],
    })
  })
})
