import { recordCommand } from '../../db/repos/commands.ts'
import { findLiveReplyForMessage, findReplyByIdempotencyKey, insertReplyIfFree, type ReplyRow } from '../../db/repos/replies.ts'
import { isAppError } from '../../domain/errors.ts'
import { loadReplyContext, listenOnlyReason } from './context.ts'
import { approvalReasons, findPerson, hasRole } from './people.ts'
import { prepareFromContext } from './prepare.ts'
import { alreadyHandled, notifyChanged, toView, type Deps } from './shared.ts'
import type { Person, PreparedReply, SendInput, SendRequestResult } from './types.ts'

/** Idempotency key of a send request: the same command on the same conversation is one request. */
export function sendRequestKey(conversationId: string, commandId: string): string {
  return `${conversationId}:${commandId}`
}

/**
 * Authorises, renders, lints and persists a reply before anything leaves, then enqueues its send job in the
 * same transaction. Two agents, a double click or a retried webhook produce one reply: the loser is told who
 * got there first.
 */
export async function requestSend(deps: Deps, input: SendInput): Promise<SendRequestResult> {
  const person = findPerson(deps.people, input.actor)
  const audit = (outcome: string, details: Record<string, unknown>, conversationId: string | null = input.conversationId) =>
    recordCommand(deps.db, {
      conversationId,
      platform: input.actor.platform,
      actorId: input.actor.userId,
      actorName: input.actor.displayName,
      action: 'bb.send',
      payload: { templateId: input.templateId ?? null, path: input.path ?? null, ...details },
      idempotencyKey: null,
      outcome,
      at: deps.clock.now(),
    })

  if (!hasRole(person, ['agent', 'manager'])) {
    await audit('refused', { reason: 'not an agent or manager' }).catch(() => undefined)
    return { kind: 'refused', code: 'NOT_AUTHORISED', message: `${input.actor.displayName} is not configured as an agent or manager and may not send replies` }
  }

  const key = sendRequestKey(input.conversationId, input.commandId)
  const replay = await findReplyByIdempotencyKey(deps.db, key)
  if (replay) return alreadyHandled(deps, replay, true)

  const context = await loadReplyContext(deps.db, input.conversationId)
  const listenOnly = listenOnlyReason(context)
  if (listenOnly) {
    await audit('refused', { reason: 'listen-only' })
    return { kind: 'refused', code: 'LISTEN_ONLY', message: listenOnly }
  }
  if (!context.latestMessage) {
    return { kind: 'refused', code: 'NO_BUYER_MESSAGE', message: 'this conversation has no buyer message to answer' }
  }

  let prepared: PreparedReply
  try {
    prepared = prepareFromContext(context, input, deps)
  } catch (error) {
    if (isAppError(error, 'REPLY_PATH_NOT_ALLOWED')) return { kind: 'refused', code: 'PATH_NOT_ALLOWED', message: error.message }
    throw error
  }
  if (!prepared.sendable) {
    const blocking = prepared.findings.filter((f) => f.severity === 'block')
    await audit('refused', { reason: 'lint', rules: blocking.map((f) => f.ruleId) })
    return {
      kind: 'refused',
      code: 'LINT_BLOCKED',
      message: `not sent: ${blocking.map((f) => f.message_en).join(' ')}`,
      findings: prepared.findings,
    }
  }
  if (prepared.needsConfirmation && input.confirmWarnings !== true) {
    return { kind: 'needs-confirmation', findings: prepared.findings }
  }

  const reasons = approvalReasons(deps.approval, {
    requester: person,
    templateId: prepared.templateId,
    riskScore: context.conversation.risk_score,
  })
  const answers = context.latestMessage.id
  const result = await persist(deps, input, person, prepared, { key, answers, needsApproval: reasons.length > 0 })
  if (result.kind === 'inserted') {
    await notifyChanged(deps, input.conversationId)
    deps.logger.info({ replyId: result.row.id, conversationId: input.conversationId, path: prepared.path, state: result.row.state }, 'reply requested')
    return reasons.length > 0
      ? { kind: 'awaiting-approval', reply: toView(result.row), reasons }
      : { kind: 'queued', reply: toView(result.row) }
  }
  const duplicate = alreadyHandled(deps, result.row, result.row.idempotency_key === key)
  if (!duplicate.sameCommand) await audit('duplicate', { replyId: result.row.id, heldBy: duplicate.by })
  return duplicate
}

type PersistResult = { kind: 'inserted'; row: ReplyRow } | { kind: 'taken'; row: ReplyRow }

async function persist(
  deps: Deps,
  input: SendInput,
  person: Person,
  prepared: PreparedReply,
  target: { key: string; answers: string; needsApproval: boolean },
): Promise<PersistResult> {
  // The row holding the message may leave the live states between our insert and our look-up (rejected,
  // failed): then the message is free again and one more round decides.
  for (let round = 0; round < 3; round++) {
    const outcome = await deps.db.transaction().execute(async (trx): Promise<PersistResult | null> => {
      const now = deps.clock.now()
      const row = await insertReplyIfFree(trx, {
        conversation_id: input.conversationId,
        idempotency_key: target.key,
        answers_message_id: target.answers,
        template_id: prepared.templateId,
        path: prepared.path,
        language: prepared.language,
        subject: prepared.subject,
        text: prepared.text,
        state: target.needsApproval ? 'awaiting-approval' : 'queued',
        requested_by: person.id,
        approved_by: null,
        created_at: now,
        updated_at: now,
      })
      if (row) {
        if (row.state === 'queued') await deps.jobs.enqueueSend(trx, row.id)
        await recordCommand(trx, {
          conversationId: input.conversationId,
          platform: input.actor.platform,
          actorId: input.actor.userId,
          actorName: input.actor.displayName,
          action: 'bb.send',
          payload: { replyId: row.id, templateId: prepared.templateId, path: prepared.path, state: row.state },
          idempotencyKey: `bb.send:${target.key}`,
          outcome: 'accepted',
          at: now,
        })
        return { kind: 'inserted', row }
      }
      const taken = (await findReplyByIdempotencyKey(trx, target.key)) ?? (await findLiveReplyForMessage(trx, target.answers))
      return taken ? { kind: 'taken', row: taken } : null
    })
    if (outcome) return outcome
  }
  throw new Error('could not settle which reply answers this buyer message')
}
