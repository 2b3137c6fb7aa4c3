// `card.action.trigger` (as the SDK's EventDispatcher hands it over: header and event fields flattened into
// one object) → the typed command the services act on.

import { z } from 'zod'
import { AppError } from '../../../src/domain/errors.ts'
import { CARD_ACTIONS } from '../../../src/domain/vocabulary.ts'
import type { CardAction } from '../../../src/domain/vocabulary.ts'
import { REPLY_INPUT_NAME } from '../card/elements.ts'

export interface FeishuOperator {
  openId: string
  unionId: string | null
  userId: string | null
}

export interface FeishuCommand {
  platform: 'feishu'
  /** Feishu's event id: the same on every redelivery of one click. */
  idempotencyKey: string
  action: CardAction
  conversationId: string
  cardId: string
  operator: FeishuOperator
  /** The option chosen in the template picker (`bb.pick_template`). */
  templateId: string | null
  /** The reply text submitted from the card's form (`bb.edit`). */
  replyText: string | null
  /** Every submitted form field that is text, by input name. */
  formValue: Record<string, string>
  /** `context.open_message_id`: the card message to patch. */
  messageId: string | null
  chatId: string | null
}

const jsonObject = z.preprocess((value) => {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}, z.object({ action: z.enum(CARD_ACTIONS), conversationId: z.string().min(1).max(200), cardId: z.string().min(1).max(200) }))

const cardActionEvent = z.object({
  event_id: z.string().min(1).max(200),
  operator: z.object({
    open_id: z.string().min(1),
    union_id: z.string().min(1).optional(),
    user_id: z.string().min(1).optional(),
  }),
  action: z.object({
    value: jsonObject,
    tag: z.string().optional(),
    option: z.string().optional(),
    name: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
  }),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
})

/** Accepts the SDK's flattened event or the schema 2.0 envelope `{ schema, header, event }` as posted. */
export function parseCardAction(event: unknown): FeishuCommand {
  const parsed = cardActionEvent.safeParse(flattenEnvelope(event))
  if (!parsed.success) {
    throw new AppError('FEISHU_BAD_CALLBACK', 'card.action.trigger payload is not one of our card actions', {
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).slice(0, 5),
    })
  }
  const { event_id, operator, action, context } = parsed.data
  const formValue: Record<string, string> = {}
  for (const [name, value] of Object.entries(action.form_value ?? {})) {
    if (typeof value === 'string') formValue[name] = value
  }
  return {
    platform: 'feishu',
    idempotencyKey: event_id,
    action: action.value.action,
    conversationId: action.value.conversationId,
    cardId: action.value.cardId,
    operator: { openId: operator.open_id, unionId: operator.union_id ?? null, userId: operator.user_id ?? null },
    templateId: action.value.action === 'bb.pick_template' ? (action.option ?? null) : null,
    replyText: formValue[REPLY_INPUT_NAME] ?? null,
    formValue,
    messageId: context?.open_message_id ?? null,
    chatId: context?.open_chat_id ?? null,
  }
}

function flattenEnvelope(event: unknown): unknown {
  if (event === null || typeof event !== 'object') return event
  const { header, event: body } = event as { header?: unknown; event?: unknown }
  if (header === null || typeof header !== 'object' || body === null || typeof body !== 'object') return event
  return { ...header, ...body }
}
