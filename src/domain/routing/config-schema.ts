// Proposed zod schemas for the routing, escalation and on-call sections of the config file. The lead plugs
// them into src/config/file.ts; the output types are what the routing domain functions take.
//
// Differences from the schema currently in src/config/file.ts:
// - people get an optional `uiLanguage` (the language of their DMs);
// - `routing` may be a plain list of rules (as today) or `{ rules, defaultTargets }`;
// - `escalation` gets `managers` (whom to DM), `dmPlatforms` and `maxRenotifications`;
// - `oncall` gets `startDate` (the anchor of the rotation, so every process computes the same person),
//   `backup`, a `backup` chain step, a required `timeZone`, and a cap on `repeat`;
// - `parseRoutingConfig` cross-checks every person id that the sections mention.

import { DateTime, IANAZone } from 'luxon'
import { z } from 'zod'
import { AppError } from '../errors.ts'
import { marketplaceByCode } from '../marketplaces.ts'
import { INTENTS, PLATFORMS, RISK_FLAGS, UI_LANGUAGES } from '../vocabulary.ts'

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/i
const personId = z.string().regex(ID_PATTERN, 'expected a person id of letters, digits, dot, dash or underscore')
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)')
const uiLanguage = z.enum(UI_LANGUAGES, { message: 'expected en or zh-CN' })
const platform = z.enum(PLATFORMS, { message: `expected one of ${PLATFORMS.join(', ')}` })
const timeZone = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), 'expected an IANA time zone such as Asia/Shanghai or America/Los_Angeles')
const marketplaceCode = z
  .string()
  .refine((code) => marketplaceByCode(code) !== undefined, 'expected a marketplace country code such as US, DE, JP')
  .transform((code) => marketplaceByCode(code)?.code ?? code)
const instant = z.iso
  .datetime({ offset: true, message: 'expected an ISO date-time with an offset, e.g. 2026-03-08T09:00:00-08:00' })
  .transform((value) => new Date(value))

export const personSchema = z.strictObject({
  id: personId,
  name: z.string().min(1, 'expected a name'),
  roles: z.array(z.enum(['agent', 'manager', 'oncall'], { message: 'expected agent, manager or oncall' })).min(1),
  /** A Slack user id (U…/W…), or a user group id (S…): everyone in the group acts as this person. */
  slack: z.string().min(1).optional(),
  feishu: z.string().min(1).optional(),
  dingtalk: z.string().min(1).optional(),
  console: z.string().min(1).optional(),
  uiLanguage: uiLanguage.optional(),
})
export type Person = z.output<typeof personSchema>

/** Slack user group ids look like `S0614TZR7`; user ids start with U or W. */
export function isSlackUserGroupId(id: string): boolean {
  return /^S[A-Z0-9]+$/.test(id)
}

/** The Slack user groups the people name (looked up to authorise clicks). */
export function slackUserGroupIds(people: readonly Pick<Person, 'slack'>[]): string[] {
  return [...new Set(people.flatMap((person) => (person.slack && isSlackUserGroupId(person.slack) ? [person.slack] : [])))]
}

export const targetSchema = z.strictObject({
  platform,
  channel: z.string().min(1, 'expected a channel or group id'),
  uiLanguage: uiLanguage.optional(),
})
export type TargetConfig = z.output<typeof targetSchema>

export const routingRuleSchema = z.strictObject({
  name: z.string().min(1).optional(),
  /** Absent or empty: a fallback rule, used only when no rule with criteria matches. */
  match: z
    .strictObject({
      stores: z.array(personId).min(1, 'expected at least one store id').optional(),
      marketplaces: z.array(marketplaceCode).min(1, 'expected at least one marketplace').optional(),
      intents: z.array(z.enum(INTENTS, { message: `expected one of ${INTENTS.join(', ')}` })).min(1).optional(),
      languages: z
        .array(z.string().regex(/^[a-z]{2,3}(-[a-z0-9]+)*$/i, 'expected a language code such as en, de, ja'))
        .min(1)
        .optional(),
      riskFlags: z.array(z.enum(RISK_FLAGS, { message: `expected one of ${RISK_FLAGS.join(', ')}` })).min(1).optional(),
      minRiskScore: z.number().min(0, 'expected 0 to 100').max(100, 'expected 0 to 100').optional(),
    })
    .optional(),
  targets: z.array(targetSchema).min(1, 'expected at least one target'),
})
export type RoutingRule = z.output<typeof routingRuleSchema>

export const routingSchema = z.preprocess(
  // The list form (as in earlier configs) is shorthand for `{ rules: [...] }`.
  (value) => (Array.isArray(value) ? { rules: value } : value),
  z.strictObject(
    { rules: z.array(routingRuleSchema).default([]), defaultTargets: z.array(targetSchema).default([]) },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? 'routing takes `rules` and `defaultTargets`' : 'expected a list of rules or { rules, defaultTargets }') },
  ),
)
export type RoutingConfig = z.output<typeof routingSchema>

export const DEFAULT_ESCALATION_FLAGS = ['a-to-z', 'chargeback', 'legal-threat', 'safety', 'counterfeit'] as const

export const escalationPolicySchema = z.strictObject({
  minRiskScore: z.number().min(0, 'expected 0 to 100').max(100, 'expected 0 to 100').default(70),
  flags: z.array(z.enum(RISK_FLAGS, { message: `expected one of ${RISK_FLAGS.join(', ')}` })).default([...DEFAULT_ESCALATION_FLAGS]),
  /** Manager channels or groups that get the escalation card. */
  targets: z.array(targetSchema).default([]),
  /** Managers who get a DM: `all` (every person with the manager role), a list of ids, or none. */
  managers: z.union([z.literal('all'), z.array(personId)], { message: 'expected "all" or a list of person ids' }).default('all'),
  /** Platforms to DM managers on; by default every platform where the manager has an id. */
  dmPlatforms: z.array(platform).optional(),
  renotifyMinutes: z.number().int().positive('expected a positive number of minutes').default(30),
  /** Re-notifications after the first one; absent: until acknowledged. */
  maxRenotifications: z.number().int().min(0).max(1000).optional(),
})
export type EscalationPolicy = z.output<typeof escalationPolicySchema>

export const CHAIN_KEYWORDS = ['current', 'next', 'backup', 'managers'] as const
export type ChainKeyword = (typeof CHAIN_KEYWORDS)[number]

export const chainStepSchema = z.strictObject({
  /** `current` on-call, `next` in the rotation, the `backup`, the `managers`, or a person id. */
  notify: z.union([z.enum(CHAIN_KEYWORDS), personId], { message: 'expected current, next, backup, managers or a person id' }),
  waitMinutes: z.number().int().min(0, 'expected minutes, 0 or more').max(24 * 60, 'expected at most 1440 minutes').default(10),
})
export type ChainStepConfig = z.output<typeof chainStepSchema>

export const MAX_CHAIN_REPEAT = 20

export const onCallSchema = z.strictObject({
  timeZone,
  rotation: z.array(personId).default([]),
  handoff: hhmm.default('09:00'),
  rotationDays: z.number().int().min(1, 'expected at least 1 day').max(366).default(7),
  /** The local date on which `rotation[0]` takes the first shift at `handoff`. */
  startDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .refine((value) => DateTime.fromISO(value, { zone: 'utc' }).isValid, 'not a real calendar date')
    .default('2024-01-01'),
  backup: personId.optional(),
  overrides: z
    .array(
      z
        .strictObject({ person: personId, from: instant, to: instant })
        .refine(
          // zod runs refinements even after a field failed; only compare two parsed dates.
          (o) => !(o.from instanceof Date && o.to instanceof Date) || o.from.getTime() < o.to.getTime(),
          'expected `from` before `to`',
        ),
    )
    .default([]),
  chain: z.array(chainStepSchema).default([]),
  /** How many more times the whole chain runs after the first pass. */
  repeat: z.number().int().min(0).max(MAX_CHAIN_REPEAT, `expected at most ${MAX_CHAIN_REPEAT}`).default(1),
})
export type OnCallConfig = z.output<typeof onCallSchema>

export const routingConfigSchema = z
  .object({
    people: z.array(personSchema).default([]),
    routing: routingSchema.default({ rules: [], defaultTargets: [] }),
    escalation: escalationPolicySchema.default(() => escalationPolicySchema.parse({})),
    oncall: onCallSchema.optional(),
  })
  .superRefine((config, ctx) => {
    const ids = new Set<string>()
    config.people.forEach((person, index) => {
      if (ids.has(person.id)) ctx.addIssue({ code: 'custom', path: ['people', index, 'id'], message: `duplicate person id "${person.id}"` })
      if ((CHAIN_KEYWORDS as readonly string[]).includes(person.id)) {
        ctx.addIssue({ code: 'custom', path: ['people', index, 'id'], message: `"${person.id}" is reserved for escalation chains` })
      }
      ids.add(person.id)
    })
    const known = (id: string, path: (string | number)[]) => {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `unknown person "${id}" (not in people)` })
    }
    if (Array.isArray(config.escalation.managers)) {
      config.escalation.managers.forEach((id, i) => known(id, ['escalation', 'managers', i]))
    }
    const oncall = config.oncall
    if (!oncall) return
    oncall.rotation.forEach((id, i) => known(id, ['oncall', 'rotation', i]))
    oncall.overrides.forEach((o, i) => known(o.person, ['oncall', 'overrides', i, 'person']))
    if (oncall.backup) known(oncall.backup, ['oncall', 'backup'])
    oncall.chain.forEach((step, i) => {
      if (!(CHAIN_KEYWORDS as readonly string[]).includes(step.notify)) known(step.notify, ['oncall', 'chain', i, 'notify'])
    })
    if (oncall.rotation.length === 0 && (oncall.chain.some((s) => s.notify === 'current' || s.notify === 'next'))) {
      ctx.addIssue({ code: 'custom', path: ['oncall', 'rotation'], message: 'the chain pages the on-call person but the rotation is empty' })
    }
  })
export type RoutingFileConfig = z.output<typeof routingConfigSchema>

/** Parses the people/routing/escalation/oncall sections; throws `AppError('INVALID_ROUTING_CONFIG')` listing every problem. */
export function parseRoutingConfig(input: unknown): RoutingFileConfig {
  const result = routingConfigSchema.safeParse(input)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
  const summary = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')
  throw new AppError('INVALID_ROUTING_CONFIG', `invalid routing configuration: ${summary}`, { problems })
}
