import { isSendable, lint, type LintFinding, type LintRuleId } from '../../domain/compliance/index.ts'
import { AppError } from '../../domain/errors.ts'
import { buildTemplateVariables, render } from '../../domain/templates/index.ts'
import type { TemplateLibrary } from '../../domain/templates/index.ts'
import { TEMPLATE_LANGUAGES, type TemplateLanguage } from '../../domain/vocabulary.ts'
import { availablePaths, listenOnlyReason, type ReplyContext } from './context.ts'
import type { PreparedReply, PrepareInput } from './types.ts'

/**
 * Findings the linter only warns about but the send pipeline never lets through: a review request in a
 * message (Amazon's Request a Review / Solicitations API is the sanctioned way, once per order).
 */
const BLOCKING_IN_PIPELINE: ReadonlySet<LintRuleId> = new Set(['review-request'])

function isTemplateLanguage(value: string): value is TemplateLanguage {
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(value)
}

/** Renders (or takes the edited text), chooses the path and lints: what the card shows before sending. */
export function prepareFromContext(
  context: ReplyContext,
  input: PrepareInput,
  deps: { templates: TemplateLibrary; timeZone?: string | undefined },
): PreparedReply {
  const { conversation } = context
  const paths = availablePaths(context)
  const template = input.templateId === undefined ? null : deps.templates.byId.get(input.templateId)
  if (template === undefined) {
    throw new AppError('TEMPLATE_NOT_FOUND', `no template ${input.templateId ?? ''}`, { templateId: input.templateId })
  }
  if (template === null && input.text === undefined) {
    throw new AppError('REPLY_TEXT_REQUIRED', 'pick a template or write the text')
  }

  const candidates = template ? template.paths.filter((p) => paths.includes(p)) : paths
  // A buyer-initiated conversation answers by e-mail unless the agent picks a proactive SP-API action.
  const path = input.path ?? (candidates.includes('email') ? 'email' : candidates[0])
  if (path === undefined || !candidates.includes(path)) {
    throw new AppError('REPLY_PATH_NOT_ALLOWED', `${input.path ?? 'no path'} is not available for this reply (available: ${candidates.join(', ') || 'none'})`, {
      path: input.path ?? null,
      available: candidates,
    })
  }

  let language: string = input.language ?? context.buyerLanguage
  let subject: string | null = null
  let text = input.text
  if (template) {
    const renderLanguage: TemplateLanguage =
      isTemplateLanguage(language) && template.languages[language] ? language : 'en'
    language = renderLanguage
    const message = context.latestMessage
    const rendered = render(
      template,
      renderLanguage,
      buildTemplateVariables({
        language: renderLanguage,
        marketplace: conversation.marketplace,
        buyerLocale: context.order?.buyerLocale ?? null,
        buyerName: conversation.buyer_name,
        orderId: conversation.order_id,
        productTitle: message?.productTitle ?? context.order?.items[0]?.title ?? null,
        asin: message?.asin ?? context.order?.items[0]?.asin ?? null,
        shipDate: context.order?.latestShipDate ?? null,
        deliveryDate: context.order?.latestDeliveryDate ?? null,
        storeName: context.store.name,
        agentName: input.actor.displayName,
        ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
      }),
    )
    subject = rendered.subject
    text ??= rendered.body
  }
  const finalText = text ?? ''
  const findings = lint(finalText, {
    path,
    buyerLanguage: context.buyerLanguage,
    marketplace: conversation.marketplace,
    orderId: conversation.order_id,
  }).map((f): LintFinding => (BLOCKING_IN_PIPELINE.has(f.ruleId) ? { ...f, severity: 'block' } : f))
  return {
    conversationId: conversation.id,
    templateId: template?.id ?? null,
    language,
    path,
    availablePaths: candidates,
    subject,
    text: finalText,
    findings,
    sendable: isSendable(findings),
    needsConfirmation: findings.some((f) => f.severity === 'warn'),
    blockedReason: listenOnlyReason(context),
    paused: false,
    approvalReasons: [],
  }
}
