// What an agent did in Slack, as one typed command for the services, parsed from Slack's payloads with zod.
// Only Buyerbridge's own action ids and callback become commands; anything else is acknowledged and ignored.

import { z } from 'zod'
import { CARD_ACTIONS, type CardAction } from '../../src/domain/vocabulary.ts'
import { decodeCardRef, decodeRefBlockId } from './card-ref.ts'
import { decodeEditorMetadata, REPLY_EDITOR_CALLBACK, REPLY_TEXT_ACTION, REPLY_TEXT_BLOCK } from './modals.ts'
import { VIEW_MESSAGE_ACTION } from './render-card.ts'

export const SLASH_COMMAND = '/buyerbridge'

export type SlackActionId = CardAction | typeof VIEW_MESSAGE_ACTION

export function isSlackActionId(value: string): value is SlackActionId {
  return value === VIEW_MESSAGE_ACTION || (CARD_ACTIONS as readonly string[]).includes(value)
}

interface CommandBase {
  /** Slack user id of who acted. */
  userId: string
  teamId: string | null
  channelId: string | null
  /** The card message's `ts` (block actions), or the one carried in the editor's metadata. */
  messageTs: string | null
  /** Valid for `views.open` for 3 seconds after Slack sent it. */
  triggerId: string | null
  responseUrl: string | null
  /** Identifies this delivery for idempotency: the same key means the same click or submission. */
  deliveryKey: string
  /** `X-Slack-Retry-Num` (0 for a first delivery). */
  retryNum: number
}

export interface BlockActionCommand extends CommandBase {
  kind: 'block_action'
  actionId: SlackActionId
  conversationId: string
  cardId: string
  /** The option chosen in `bb.pick_template` (a template id). */
  selectedOption: string | null
}

export interface ReplySubmissionCommand extends CommandBase {
  kind: 'view_submission'
  actionId: typeof REPLY_EDITOR_CALLBACK
  conversationId: string
  cardId: string
  templateId: string | null
  submittedText: string
  viewId: string
}

export interface SlashCommand extends CommandBase {
  kind: 'slash_command'
  actionId: typeof SLASH_COMMAND
  /** What followed the command, trimmed (`/buyerbridge status` → `status`). */
  text: string
}

export type SlackCommand = BlockActionCommand | ReplySubmissionCommand | SlashCommand

const id = z.string().min(1).max(255)
const blockActionsPayload = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id, team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  channel: z.object({ id: z.string() }).nullish(),
  container: z.object({ message_ts: z.string().optional(), channel_id: z.string().optional() }).partial().nullish(),
  message: z.object({ ts: z.string() }).nullish(),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        block_id: z.string().optional(),
        value: z.string().optional(),
        selected_option: z.object({ value: z.string() }).nullish(),
        action_ts: z.string().optional(),
      }),
    )
    .min(1),
})

const viewSubmissionPayload = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id, team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  trigger_id: z.string().optional(),
  view: z.object({
    id: z.string(),
    hash: z.string().optional(),
    callback_id: z.string(),
    private_metadata: z.string().optional(),
    state: z.object({
      values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }).loose())),
    }),
  }),
})

const slashCommandForm = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: id,
  team_id: z.string().optional(),
  channel_id: z.string().optional(),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
})

export type ParseOutcome =
  | { kind: 'command'; command: SlackCommand }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string }

function invalid(error: z.ZodError): ParseOutcome {
  const issue = error.issues[0]
  return { kind: 'invalid', reason: issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid payload' }
}

/** An interaction payload (the JSON in the `payload` form field, or a Socket Mode envelope's body). */
export function parseInteraction(payload: unknown, retryNum: number): ParseOutcome {
  const type = typeof payload === 'object' && payload !== null ? (payload as { type?: unknown }).type : undefined
  if (type === 'block_actions') {
    const parsed = blockActionsPayload.safeParse(payload)
    if (!parsed.success) return invalid(parsed.error)
    const p = parsed.data
    const action = p.actions[0]
    if (!action || !isSlackActionId(action.action_id)) return { kind: 'ignored', reason: 'not a Buyerbridge action' }
    const ref = decodeCardRef(action.value) ?? decodeRefBlockId(action.block_id)
    if (!ref) return { kind: 'invalid', reason: 'action carries no conversation and card ids' }
    return {
      kind: 'command',
      command: {
        kind: 'block_action',
        actionId: action.action_id,
        conversationId: ref.conversationId,
        cardId: ref.cardId,
        selectedOption: action.selected_option?.value ?? null,
        userId: p.user.id,
        teamId: p.team?.id ?? p.user.team_id ?? null,
        channelId: p.channel?.id ?? p.container?.channel_id ?? null,
        messageTs: p.message?.ts ?? p.container?.message_ts ?? null,
        triggerId: p.trigger_id ?? null,
        responseUrl: p.response_url ?? null,
        deliveryKey: `slack:action:${p.trigger_id ?? `${p.user.id}:${action.action_ts ?? ''}`}`,
        retryNum,
      },
    }
  }
  if (type === 'view_submission') {
    const parsed = viewSubmissionPayload.safeParse(payload)
    if (!parsed.success) return invalid(parsed.error)
    const p = parsed.data
    if (p.view.callback_id !== REPLY_EDITOR_CALLBACK) return { kind: 'ignored', reason: 'not the reply editor' }
    const context = decodeEditorMetadata(p.view.private_metadata)
    if (!context) return { kind: 'invalid', reason: 'reply editor metadata is missing or malformed' }
    const text = p.view.state.values[REPLY_TEXT_BLOCK]?.[REPLY_TEXT_ACTION]?.value ?? ''
    return {
      kind: 'command',
      command: {
        kind: 'view_submission',
        actionId: REPLY_EDITOR_CALLBACK,
        conversationId: context.conversationId,
        cardId: context.cardId,
        templateId: context.templateId,
        submittedText: text,
        viewId: p.view.id,
        userId: p.user.id,
        teamId: p.team?.id ?? p.user.team_id ?? null,
        channelId: context.channelId,
        messageTs: context.messageTs,
        triggerId: p.trigger_id ?? null,
        responseUrl: null,
        deliveryKey: `slack:view:${p.trigger_id ?? `${p.view.id}:${p.view.hash ?? ''}`}`,
        retryNum,
      },
    }
  }
  return { kind: 'ignored', reason: `interaction type ${String(type)}` }
}

/** A slash command's form fields. */
export function parseSlashCommand(form: Record<string, string>, retryNum: number): ParseOutcome {
  const parsed = slashCommandForm.safeParse(form)
  if (!parsed.success) return invalid(parsed.error)
  const f = parsed.data
  if (f.command !== SLASH_COMMAND) return { kind: 'ignored', reason: `command ${f.command}` }
  return {
    kind: 'command',
    command: {
      kind: 'slash_command',
      actionId: SLASH_COMMAND,
      text: f.text.trim(),
      userId: f.user_id,
      teamId: f.team_id ?? null,
      channelId: f.channel_id ?? null,
      messageTs: null,
      triggerId: f.trigger_id ?? null,
      responseUrl: f.response_url ?? null,
      deliveryKey: `slack:command:${f.trigger_id ?? `${f.user_id}:${f.channel_id ?? ''}:${f.text}`}`,
      retryNum,
    },
  }
}
