import { isAppError } from '../../../src/domain/errors.ts'
import type { DeliveryOutcome, OutgoingReply } from '../../../src/domain/reply.ts'
import { SPAPI_TEXT_ACTIONS, type SpapiTextAction } from '../../../src/domain/vocabulary.ts'
import type { ReplySender } from '../../../src/ports/reply-sender.ts'
import type { SpapiClient } from './client.ts'
import type { SpapiLogger } from './config.ts'
import { spapiDetails } from './errors.ts'
import { getMessagingActions, sendMessage } from './operations.ts'

/** `maxLength` of each text action's request body in Amazon's messaging model (minLength is 1 for all). */
export const TEXT_ACTION_MAX_LENGTH: Readonly<Record<SpapiTextAction, number>> = {
  confirmOrderDetails: 2000,
  confirmDeliveryDetails: 2000,
  unexpectedProblem: 2000,
  confirmServiceDetails: 2000,
  confirmCustomizationDetails: 800,
  digitalAccessKey: 400,
}

/**
 * Sends `spapi:<action>` replies for one store. Asks Amazon afresh whether the action is allowed, posts once,
 * and never repeats a post whose fate is unknown: Amazon has no idempotency key, a duplicate reaches the buyer.
 */
export class SpapiMessagingSender implements ReplySender {
  readonly #client: SpapiClient
  readonly #logger: SpapiLogger

  constructor(client: SpapiClient, logger: SpapiLogger) {
    this.#client = client
    this.#logger = logger
  }

  async send(reply: OutgoingReply): Promise<DeliveryOutcome> {
    const checked = checkReply(reply)
    if ('outcome' in checked) return checked
    const { action, orderId, marketplaceId } = checked
    const log = { storeId: this.#client.storeId, replyId: reply.replyId, orderId, action }

    let allowed: string[]
    try {
      allowed = await getMessagingActions(this.#client, orderId, marketplaceId)
    } catch (error) {
      this.#logger.warn({ ...log, code: errorCode(error) }, 'could not read the allowed messaging actions')
      return failedBeforeSending(error, 'could not check which messages Amazon allows for this order')
    }
    if (!allowed.includes(action)) {
      const listed = allowed.length > 0 ? allowed.join(', ') : 'none'
      this.#logger.info({ ...log, allowed }, 'messaging action not allowed for this order')
      return {
        outcome: 'failed',
        transient: false,
        reason: `Amazon does not allow ${action} for order ${orderId} now (allowed: ${listed})`,
      }
    }

    try {
      const { requestId, attempts } = await sendMessage(this.#client, orderId, marketplaceId, action, reply.text)
      this.#logger.info({ ...log, requestId, attempts }, 'SP-API message sent')
      return { outcome: 'sent', providerId: requestId }
    } catch (error) {
      const details = spapiDetails(error)
      if (details?.processed === 'unknown') {
        this.#logger.warn({ ...log, code: errorCode(error), requestId: details.requestId }, 'SP-API message outcome unknown')
        return {
          outcome: 'unconfirmed',
          reason: `${errorMessage(error)}; the message may have reached the buyer: check Seller Central before sending again`,
        }
      }
      this.#logger.warn({ ...log, code: errorCode(error), requestId: details?.requestId ?? null }, 'SP-API message refused')
      return failedBeforeSending(error, 'Amazon refused the message')
    }
  }
}

type CheckedReply = { action: SpapiTextAction; orderId: string; marketplaceId: string } | DeliveryOutcome

/** Everything that can be refused without asking Amazon. */
export function checkReply(reply: OutgoingReply): CheckedReply {
  const action = reply.path.startsWith('spapi:') ? reply.path.slice('spapi:'.length) : null
  if (!action || !isTextAction(action)) {
    return { outcome: 'failed', transient: false, reason: `reply path ${reply.path} is not an SP-API text message action` }
  }
  if (!reply.orderId || !reply.marketplaceId) {
    return { outcome: 'failed', transient: false, reason: 'an SP-API message needs the order id and its marketplace id' }
  }
  // JSON Schema's maxLength counts code points, a Java-side check would count UTF-16 units; the stricter
  // reading (UTF-16) can never let through a text Amazon would refuse.
  const length = reply.text.length
  const max = TEXT_ACTION_MAX_LENGTH[action]
  if (length < 1 || length > max) {
    return { outcome: 'failed', transient: false, reason: `${action} text must be 1–${max} characters, this one has ${length}` }
  }
  return { action, orderId: reply.orderId, marketplaceId: reply.marketplaceId }
}

function isTextAction(value: string): value is SpapiTextAction {
  return (SPAPI_TEXT_ACTIONS as readonly string[]).includes(value)
}

/** Nothing left, or Amazon proved it did nothing: a retry is safe when the cause can pass by itself. */
function failedBeforeSending(error: unknown, context: string): DeliveryOutcome {
  const transient = isAppError(error) && ['SPAPI_THROTTLED', 'SPAPI_SERVER', 'SPAPI_NETWORK', 'SPAPI_TIMEOUT'].includes(error.code)
  return { outcome: 'failed', transient, reason: `${context}: ${errorMessage(error)}` }
}

function errorCode(error: unknown): string | null {
  return isAppError(error) ? error.code : null
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
