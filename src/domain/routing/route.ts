// Where a conversation's card goes.
//
// Rules:
// - A rule with criteria matches when every criterion it names holds: store, marketplace, intent and language
//   are "one of the list" (languages compare on the primary subtag, case-insensitive: `de` matches `de-AT`),
//   `riskFlags` holds when the message has any of them, `minRiskScore` when score ≥ it.
// - Every matching rule contributes its targets; the union is deduplicated by platform + channel, the first
//   rule (in file order) deciding the UI language.
// - Rules without criteria are fallbacks: their targets are used only when no rule with criteria matched.
//   With no fallback rule either, the `defaultTargets` apply (the platforms' own default channels, e.g.
//   SLACK_CHANNEL, passed in by the caller). The result says which of the three happened.

import { marketplaceByCode } from '../marketplaces.ts'
import type { Intent, Platform, RiskFlag, UiLanguage } from '../vocabulary.ts'
import { isSlackUserGroupId, type Person, type RoutingConfig, type RoutingRule, type TargetConfig } from './config-schema.ts'

export const DEFAULT_UI_LANGUAGE: UiLanguage = 'en'

export interface RouteFacts {
  store: string
  /** Marketplace country code (`US`, `DE`, …). */
  marketplace: string
  intent: Intent
  /** Detected buyer language (`en`, `de`, `ja`, …) or null when unknown. */
  language: string | null
  riskFlags: readonly RiskFlag[]
  riskScore: number
}

export interface RouteTarget {
  platform: Platform
  channel: string
  uiLanguage: UiLanguage
}

export interface RouteResult {
  targets: RouteTarget[]
  /** Names (or `#<index>` for unnamed rules) of the rules whose targets were used. */
  rules: string[]
  source: 'rules' | 'fallback-rule' | 'default-targets' | 'none'
}

export interface RouteOptions {
  /** Used when neither a rule with criteria nor a fallback rule applies. */
  defaultTargets?: readonly TargetConfig[]
  /** UI language of targets that do not name one. */
  uiLanguage?: UiLanguage
}

function primaryLanguage(code: string): string {
  return code.toLowerCase().split('-')[0] ?? ''
}

export function hasCriteria(rule: RoutingRule): boolean {
  const match = rule.match
  if (!match) return false
  return Object.values(match).some((value) => value !== undefined)
}

export function ruleMatches(rule: RoutingRule, facts: RouteFacts): boolean {
  const match = rule.match
  if (!match) return true
  if (match.stores && !match.stores.includes(facts.store)) return false
  if (match.marketplaces) {
    const code = marketplaceByCode(facts.marketplace)?.code ?? facts.marketplace.toUpperCase()
    if (!match.marketplaces.includes(code)) return false
  }
  if (match.intents && !match.intents.includes(facts.intent)) return false
  if (match.languages) {
    if (facts.language === null) return false
    const wanted = primaryLanguage(facts.language)
    if (!match.languages.some((language) => primaryLanguage(language) === wanted)) return false
  }
  if (match.riskFlags && !match.riskFlags.some((flag) => facts.riskFlags.includes(flag))) return false
  if (match.minRiskScore !== undefined && !(facts.riskScore >= match.minRiskScore)) return false
  return true
}

/** Feishu and DingTalk teams are mostly in mainland China: Simplified Chinese unless the config says otherwise. */
export function platformUiLanguage(platform: TargetConfig['platform']): UiLanguage {
  return platform === 'feishu' || platform === 'dingtalk' ? 'zh-CN' : DEFAULT_UI_LANGUAGE
}

/**
 * Deduplicates by platform + channel; the first occurrence decides the UI language: the target's own, else
 * the config-wide one, else the platform's default.
 */
export function mergeTargets(targets: readonly TargetConfig[], uiLanguage?: UiLanguage): RouteTarget[] {
  const seen = new Map<string, RouteTarget>()
  for (const target of targets) {
    const key = `${target.platform}\u0000${target.channel}`
    const language = target.uiLanguage ?? uiLanguage ?? platformUiLanguage(target.platform)
    if (!seen.has(key)) seen.set(key, { platform: target.platform, channel: target.channel, uiLanguage: language })
  }
  return [...seen.values()]
}

const ruleName = (rule: RoutingRule, index: number) => rule.name ?? `#${index}`

export function routeConversation(routing: RoutingConfig, facts: RouteFacts, options: RouteOptions = {}): RouteResult {
  const uiLanguage = options.uiLanguage
  const specific = routing.rules.flatMap((rule, index) => (hasCriteria(rule) && ruleMatches(rule, facts) ? [{ rule, index }] : []))
  if (specific.length > 0) {
    return {
      targets: mergeTargets(specific.flatMap(({ rule }) => rule.targets), uiLanguage),
      rules: specific.map(({ rule, index }) => ruleName(rule, index)),
      source: 'rules',
    }
  }
  const fallbacks = routing.rules.flatMap((rule, index) => (hasCriteria(rule) ? [] : [{ rule, index }]))
  if (fallbacks.length > 0) {
    return {
      targets: mergeTargets(fallbacks.flatMap(({ rule }) => rule.targets), uiLanguage),
      rules: fallbacks.map(({ rule, index }) => ruleName(rule, index)),
      source: 'fallback-rule',
    }
  }
  const defaults = [...routing.defaultTargets, ...(options.defaultTargets ?? [])]
  if (defaults.length > 0) return { targets: mergeTargets(defaults, uiLanguage), rules: [], source: 'default-targets' }
  return { targets: [], rules: [], source: 'none' }
}

/** A recipient of a manager notification: a channel, or a person's DM on one platform. */
export type Recipient =
  | { kind: 'channel'; platform: Platform; channel: string; uiLanguage: UiLanguage }
  | { kind: 'dm'; platform: Platform; personId: string; userId: string; uiLanguage: UiLanguage }

export interface ManagerRoute {
  /** Manager channels (escalation `targets`). */
  targets: readonly TargetConfig[]
  /** `all` managers, or the listed ids. */
  managers: 'all' | readonly string[]
  dmPlatforms?: readonly Platform[] | undefined
}

const DM_PLATFORMS: readonly Platform[] = ['slack', 'feishu', 'dingtalk', 'console']

/** The people a `managers` setting names: every person with the manager role, or the listed ids in order. */
export function managersOf(managers: 'all' | readonly string[], people: readonly Person[]): Person[] {
  if (managers === 'all') return people.filter((person) => person.roles.includes('manager'))
  return managers.flatMap((id) => people.filter((person) => person.id === id))
}

/** DMs to the given people on every allowed platform where they have a user id. */
export function directRecipients(
  persons: readonly Person[],
  options: { platforms?: readonly Platform[] | undefined; uiLanguage?: UiLanguage } = {},
): Recipient[] {
  const platforms = options.platforms ?? DM_PLATFORMS
  const recipients: Recipient[] = []
  for (const person of persons) {
    for (const platform of platforms) {
      const userId = person[platform]
      // A group stands for its members when they click; it cannot be sent a DM.
      if (userId && !(platform === 'slack' && isSlackUserGroupId(userId))) {
        recipients.push({
          kind: 'dm',
          platform,
          personId: person.id,
          userId,
          uiLanguage: person.uiLanguage ?? options.uiLanguage ?? platformUiLanguage(platform),
        })
      }
    }
  }
  return recipients
}

/** Manager channels first, then manager DMs; duplicates collapse. */
export function managerRecipients(route: ManagerRoute, people: readonly Person[], uiLanguage?: UiLanguage): Recipient[] {
  const channels: Recipient[] = mergeTargets(route.targets, uiLanguage).map((target) => ({ kind: 'channel', ...target }))
  const dms = directRecipients(managersOf(route.managers, people), { platforms: route.dmPlatforms, ...(uiLanguage ? { uiLanguage } : {}) })
  const seen = new Set<string>()
  return [...channels, ...dms].filter((recipient) => {
    const key = recipient.kind === 'channel' ? `c:${recipient.platform}:${recipient.channel}` : `d:${recipient.platform}:${recipient.userId}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export interface AlertFacts {
  severity: 'critical' | 'warning'
}

/**
 * Account-health alerts go to the managers' route: the manager channels always; manager DMs only for
 * critical alerts (a metric merely approaching its target is not worth a personal ping). With no manager
 * channel configured, warnings fall back to the DMs so they are not lost.
 */
export function routeAlert(route: ManagerRoute, people: readonly Person[], alert: AlertFacts, uiLanguage?: UiLanguage): Recipient[] {
  const all = managerRecipients(route, people, uiLanguage)
  const channels = all.filter((recipient) => recipient.kind === 'channel')
  if (alert.severity === 'critical' || channels.length === 0) return all
  return channels
}
