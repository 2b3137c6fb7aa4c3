// The console's JSON API: the same card actions as the chat platforms, through the same services.

import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import { AppError } from '../../domain/errors.ts'
import { isReplyPath, type ReplyPath } from '../../domain/vocabulary.ts'
import { runConversationCommand, type CommandResult, type ConversationAction } from '../../services/commands/conversation-commands.ts'
import type { DecisionResult, ReplyService, SendRequestResult } from '../../services/reply/index.ts'
import { contextOf } from './auth.ts'
import type { ConsoleDeps } from './types.ts'

const idParams = z.object({ id: z.uuid({ message: 'id must be a UUID' }) })
const replyPath = z.string().refine(isReplyPath, 'path must be email or spapi:<action>').transform((p) => p as ReplyPath)
const commandId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'commandId must be 8 to 64 letters, digits, - or _')
const text = z.string().max(20_000, 'the reply is longer than 20,000 characters')

const lintBody = z.object({ conversationId: z.uuid({ message: 'conversationId must be a UUID' }), text, templateId: z.string().max(100).optional(), path: replyPath.optional() })
const prepareBody = z.object({ templateId: z.string().max(100).optional(), path: replyPath.optional() })
const sendBody = z.object({
  text: text.min(1, 'the reply is empty'),
  templateId: z.string().max(100).optional(),
  path: replyPath.optional(),
  commandId,
  confirmWarnings: z.boolean().optional(),
})
const CONVERSATION_ACTIONS = ['bb.assign', 'bb.no_response', 'bb.escalate', 'bb.ack'] as const satisfies readonly ConversationAction[]
const commandBody = z.object({
  action: z.enum(CONVERSATION_ACTIONS, { message: `action must be one of ${CONVERSATION_ACTIONS.join(', ')}` }),
  reason: z.string().trim().max(500).optional(),
  commandId,
})
const decisionBody = z.object({ commandId, reason: z.string().trim().max(500).optional() })

export function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {})
  if (!result.success) throw new AppError('BAD_REQUEST', result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '))
  return result.data
}

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new AppError('UNAVAILABLE', `${what} is not ready yet`)
  return value
}

const COMMAND_STATUS: Record<Extract<CommandResult, { ok: false }>['code'], number> = { NOT_ALLOWED: 403, NOT_FOUND: 404, REFUSED: 409, DUPLICATE: 200 }
const REFUSAL_STATUS: Record<string, number> = { NOT_AUTHORISED: 403, WRONG_STATE: 409, LINT_BLOCKED: 422, PATH_NOT_ALLOWED: 422, NO_BUYER_MESSAGE: 422, LISTEN_ONLY: 409 }

function sendOutcome(reply: FastifyReply, result: SendRequestResult | DecisionResult) {
  switch (result.kind) {
    case 'refused':
      return reply.status(REFUSAL_STATUS[result.code] ?? 409).send({ error: result.code, message: result.message, findings: result.findings ?? [] })
    case 'needs-confirmation':
      return reply.status(409).send({ error: 'NEEDS_CONFIRMATION', message: 'the reply has warnings: confirm to send', findings: result.findings })
    case 'duplicate':
      return { result: 'duplicate', message: result.message, reply: result.reply }
    case 'awaiting-approval':
      return { result: 'awaiting-approval', reply: result.reply, reasons: result.reasons }
    case 'queued':
      return { result: 'queued', reply: result.reply }
    case 'done':
      return { result: 'done', reply: result.reply }
  }
}

export async function consoleApi(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const replies = (): ReplyService => need(deps.replies(), 'the reply service')

  app.post('/console/api/lint', async (request) => {
    const body = parse(lintBody, request.body)
    const prepared = await replies().prepareReply({
      conversationId: body.conversationId,
      actor: contextOf(request).actor,
      text: body.text,
      ...(body.templateId ? { templateId: body.templateId } : {}),
      ...(body.path ? { path: body.path } : {}),
    })
    return { findings: prepared.findings, sendable: prepared.sendable, needsConfirmation: prepared.needsConfirmation }
  })

  app.post('/console/api/conversations/:id/prepare', async (request) => {
    const { id } = parse(idParams, request.params)
    const body = parse(prepareBody, request.body)
    return replies().prepareReply({
      conversationId: id,
      actor: contextOf(request).actor,
      ...(body.templateId ? { templateId: body.templateId } : {}),
      ...(body.path ? { path: body.path } : {}),
    })
  })

  app.post('/console/api/conversations/:id/send', async (request, reply) => {
    const { id } = parse(idParams, request.params)
    const body = parse(sendBody, request.body)
    const result = await replies().requestSend({
      conversationId: id,
      actor: contextOf(request).actor,
      text: body.text,
      commandId: `console:${body.commandId}`,
      ...(body.templateId ? { templateId: body.templateId } : {}),
      ...(body.path ? { path: body.path } : {}),
      ...(body.confirmWarnings ? { confirmWarnings: true } : {}),
    })
    return sendOutcome(reply, result)
  })

  app.post('/console/api/conversations/:id/commands', async (request, reply) => {
    const { id } = parse(idParams, request.params)
    const body = parse(commandBody, request.body)
    const result = await runConversationCommand(need(deps.commands(), 'the command service'), {
      action: body.action,
      actor: contextOf(request).actor,
      conversationId: id,
      idempotencyKey: `console:${body.commandId}`,
      ...(body.reason ? { reason: body.reason } : {}),
    })
    if (result.ok) return { result: 'done', note: result.note }
    return reply.status(COMMAND_STATUS[result.code]).send({ error: result.code, message: result.message.en, note: result.message })
  })

  app.post('/console/api/replies/:id/:decision', async (request, reply) => {
    const params = parse(idParams.extend({ decision: z.enum(['approve', 'reject'], { message: 'decision must be approve or reject' }) }), request.params)
    const body = parse(decisionBody, request.body)
    const input = { replyId: params.id, actor: contextOf(request).actor, commandId: `console:${body.commandId}` }
    if (params.decision === 'approve') return sendOutcome(reply, await replies().approve(input))
    if (!body.reason) throw new AppError('BAD_REQUEST', 'reason: a rejection needs a reason')
    return sendOutcome(reply, await replies().reject({ ...input, reason: body.reason }))
  })
}
