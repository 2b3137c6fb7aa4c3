// The reply pipeline: prepare → request (authorise, lint, persist + enqueue) → send job → sent | failed |
// unconfirmed, with approval, pause and listen-only gates. Chat adapters and the console call these.

import { approve, markSentManually, reject, resend } from './decisions.ts'
import { loadReplyContext } from './context.ts'
import { isSendingPaused } from './pause.ts'
import { approvalReasons, findPerson } from './people.ts'
import { prepareFromContext } from './prepare.ts'
import { requestSend } from './request-send.ts'
import { recoverInterruptedSends, runSendJob } from './send-job.ts'
import { withDefaults } from './shared.ts'
import type { DecisionInput, DecisionResult, PreparedReply, PrepareInput, ReplyServiceDeps, SendInput, SendRequestResult } from './types.ts'

export type * from './types.ts'
export { DEFAULT_SEND_POLICY } from './types.ts'
export { PAUSED_NOTE } from './send-job.ts'
export { SENDING_PAUSED_SETTING } from './pause.ts'
export { sendRequestKey } from './request-send.ts'

export interface ReplyService {
  prepareReply(input: PrepareInput): Promise<PreparedReply>
  requestSend(input: SendInput): Promise<SendRequestResult>
  approve(input: DecisionInput): Promise<DecisionResult>
  reject(input: DecisionInput & { reason: string }): Promise<DecisionResult>
  markSentManually(input: DecisionInput): Promise<DecisionResult>
  resend(input: DecisionInput): Promise<DecisionResult>
  /** The body of the send job (one attempt). */
  runSendJob(replyId: string): Promise<void>
  /** Marks replies whose sender call died with its process `unconfirmed`; returns how many. */
  recoverInterruptedSends(): Promise<number>
}

export function createReplyService(input: ReplyServiceDeps): ReplyService {
  const deps = withDefaults(input)
  return {
    prepareReply: async (request) => {
      const context = await loadReplyContext(deps.db, request.conversationId)
      const prepared = prepareFromContext(context, request, deps)
      const person = findPerson(deps.people, request.actor)
      return {
        ...prepared,
        paused: await isSendingPaused(deps.db, deps.pausedByConfig),
        approvalReasons: person
          ? approvalReasons(deps.approval, { requester: person, templateId: prepared.templateId, riskScore: context.conversation.risk_score })
          : [],
      }
    },
    requestSend: (request) => requestSend(deps, request),
    approve: (request) => approve(deps, request),
    reject: (request) => reject(deps, request),
    markSentManually: (request) => markSentManually(deps, request),
    resend: (request) => resend(deps, request),
    runSendJob: (replyId) => runSendJob(deps, replyId),
    recoverInterruptedSends: () => recoverInterruptedSends(deps),
  }
}
