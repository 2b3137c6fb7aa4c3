// A card callback (Stream topic /v1.0/card/instances/callback) → the typed command the services act on.
// DingTalk's callback data: `{ outTrackId, userId, corpId, spaceType, spaceId, content: "<json>" }` where
// content is `{ cardPrivateData: { actionIds: [...], params: { ... } } }`. Our template's buttons send
// `action` (a `bb.*` id) and `revision` in params; the select sends `templateId`, the input `replyText`. A
// template built with the component ids themselves set to `bb.*` works too (first of `actionIds`).

import { createHash } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../../../src/domain/errors.ts'
import { CARD_ACTIONS } from '../../../src/domain/vocabulary.ts'
import type { CardAction } from '../../../src/domain/vocabulary.ts'
import { REPLY_INPUT_NAME, TEMPLATE_SELECT_NAME } from '../card/params.ts'

export interface DingtalkOperator {
  userId: string
  corpId: string | null
}

export interface DingtalkCommand {
  platform: 'dingtalk'
  /** The Stream frame's messageId: the same on every re-push of one callback. */
  idempotencyKey: string
  /** Card, user, action, parameters and card revision: the same when one click is replayed. */
  replayKey: string
  action: CardAction
  conversationId: string
  /** The card's outTrackId (our card row id). */
  cardId: string
  operator: DingtalkOperator
  /** The option chosen in the template picker (`bb.pick_template`). */
  templateId: string | null
  /** The reply text from the card's input (`bb.edit`, `bb.send`). */
  replyText: string | null
  /** The card revision the click was made on, when the template echoes it. */
  revision: string | null
  /** Every parameter that is text, by name. */
  params: Record<string, string>
  spaceType: string | null
  spaceId: string | null
}

const jsonObject = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== 'string') return value
    try {
      return JSON.parse(value) as unknown
    } catch {
      return value
    }
  }, schema)

const callbackData = z.object({
  outTrackId: z.string().min(1).max(200),
  userId: z.string().min(1).max(200),
  corpId: z.string().optional(),
  spaceType: z.string().optional(),
  spaceId: z.string().optional(),
  content: jsonObject(
    z.object({
      cardPrivateData: z.object({
        actionIds: z.array(z.string()).optional().default([]),
        params: z.record(z.string(), z.unknown()).optional().default({}),
      }),
    }),
  ),
})

const isCardAction = (value: unknown): value is CardAction => typeof value === 'string' && (CARD_ACTIONS as readonly string[]).includes(value)

/** `data` is the frame's data string (or its parsed object). */
export function parseCardCallback(messageId: string, data: unknown): DingtalkCommand {
  const parsed = callbackData.safeParse(jsonObject(z.unknown()).parse(data))
  if (!parsed.success) {
    throw new AppError('DINGTALK_BAD_CALLBACK', 'card callback is not one of our card actions', {
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).slice(0, 5),
    })
  }
  const { outTrackId, userId, corpId, spaceType, spaceId, content } = parsed.data
  const params: Record<string, string> = {}
  for (const [name, value] of Object.entries(content.cardPrivateData.params)) {
    if (typeof value === 'string') params[name] = value
    else if (typeof value === 'number' || typeof value === 'boolean') params[name] = String(value)
    // Form controls may report `{ index, value }` rather than the bare value.
    else if (value !== null && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'string') {
      params[name] = (value as { value: string }).value
    }
  }
  const action = isCardAction(params['action']) ? params['action'] : content.cardPrivateData.actionIds.find(isCardAction)
  if (!action) {
    throw new AppError('DINGTALK_BAD_CALLBACK', 'card callback names no bb.* action', { actionIds: content.cardPrivateData.actionIds.slice(0, 5) })
  }
  const conversationId = params['conversationId']
  if (!conversationId) throw new AppError('DINGTALK_BAD_CALLBACK', 'card callback without conversationId', { outTrackId })
  const revision = params['revision'] ?? null
  return {
    platform: 'dingtalk',
    idempotencyKey: messageId,
    replayKey: replayKeyOf(outTrackId, userId, action, params),
    action,
    conversationId,
    cardId: outTrackId,
    operator: { userId, corpId: corpId ?? null },
    templateId: action === 'bb.pick_template' ? (params[TEMPLATE_SELECT_NAME] ?? null) : null,
    replyText: params[REPLY_INPUT_NAME] ?? null,
    revision,
    params,
    spaceType: spaceType ?? null,
    spaceId: spaceId ?? null,
  }
}

function replayKeyOf(outTrackId: string, userId: string, action: string, params: Record<string, string>): string {
  const canonical = JSON.stringify([outTrackId, userId, action, Object.entries(params).sort(([a], [b]) => a.localeCompare(b))])
  return `dingtalk-replay:${createHash('sha256').update(canonical).digest('base64url')}`
}
