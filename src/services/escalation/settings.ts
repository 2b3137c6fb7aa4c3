import type { Db } from '../../db/schema.ts'
import type { BusinessHours } from '../../domain/business-hours.ts'
import {
  chainOf,
  DEFAULT_CHAIN_STEPS,
  type EscalationChain,
  type EscalationPolicy,
  type OnCallConfig,
  type Person,
  type RoutingConfig,
  type TargetConfig,
} from '../../domain/routing/index.ts'
import type { Platform, UiLanguage } from '../../domain/vocabulary.ts'
import type { Clock } from '../../ports/clock.ts'
import type { PortLogger } from '../../ports/logger.ts'
import type { PingHook } from './robot-pings.ts'
import type { SendJob } from '../cards/card-updates.ts'

/** A support team: its business hours and the channels its cards go to (the summary goes there too). */
export interface Team {
  id: string
  hours: BusinessHours
  channels: readonly TargetConfig[]
}

/** The parsed domain configuration the escalation services work from (see config-schema.ts). */
export interface EscalationSettings {
  people: readonly Person[]
  routing: RoutingConfig
  /** The platforms' own default channels, used when no routing rule applies. */
  defaultTargets: readonly TargetConfig[]
  escalation: EscalationPolicy
  oncall: OnCallConfig | null
  /** Teams in priority order; a conversation belongs to the first team one of whose channels it is routed to, else the first team. */
  teams: readonly Team[]
  slaReminderOffsetsMinutes: readonly number[]
  /** Platforms that can deliver cards now (DMs go only there). */
  platforms: readonly Platform[]
  uiLanguage?: UiLanguage
}

export type { SendJob }

export interface EscalationDeps {
  db: Db
  settings: EscalationSettings
  /** Enqueues a job, inside `trx` when given (it exists only if the transaction commits). */
  sendJob: SendJob
  clock: Clock
  logger: PortLogger
  /** Told of each escalation and page inside its transaction (one-way pings, e.g. DingTalk robots). */
  onPing?: PingHook
}

export const SYSTEM_ACTOR = 'Buyerbridge'

export function escalationChain(oncall: OnCallConfig | null): EscalationChain {
  return oncall ? chainOf(oncall) : { steps: DEFAULT_CHAIN_STEPS, repeat: 0 }
}

/** The team of a conversation routed to `targets`. */
export function teamFor(teams: readonly Team[], targets: readonly { platform: Platform; channel: string }[]): Team | null {
  const routed = new Set(targets.map((target) => `${target.platform}\u0000${target.channel}`))
  return teams.find((team) => team.channels.some((channel) => routed.has(`${channel.platform}\u0000${channel.channel}`))) ?? teams[0] ?? null
}

/** The config file's sections once parsed with the domain schemas (see the report on src/config/file.ts). */
export interface EscalationConfigInput {
  people: readonly Person[]
  routing: RoutingConfig
  escalation: EscalationPolicy
  oncall?: OnCallConfig | undefined
  /** Teams by id, in file order: business hours plus the channels that make a conversation the team's. */
  businessHours: Readonly<Record<string, BusinessHours & { channels?: readonly TargetConfig[] | undefined }>>
  sla: { reminderOffsetsMinutes: readonly number[] }
}

/** Settings from the parsed config and what is live: the configured platforms and their default channels. */
export function escalationSettings(
  file: EscalationConfigInput,
  live: { platforms: readonly Platform[]; defaultTargets: readonly TargetConfig[]; uiLanguage?: UiLanguage },
): EscalationSettings {
  const teams = Object.entries(file.businessHours).map(([id, { channels, ...hours }]) => ({ id, hours, channels: channels ?? [] }))
  return {
    people: file.people,
    routing: file.routing,
    defaultTargets: live.defaultTargets,
    escalation: file.escalation,
    oncall: file.oncall ?? null,
    teams,
    slaReminderOffsetsMinutes: file.sla.reminderOffsetsMinutes,
    platforms: live.platforms,
    ...(live.uiLanguage ? { uiLanguage: live.uiLanguage } : {}),
  }
}
