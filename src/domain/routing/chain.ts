// The after-hours escalation chain, as a pure function of (chain, pagedAt, now, ackAt).
//
// Timeline: the chain's steps run in order, then again `repeat` more times. The first step is due at
// `pagedAt`; each step's `waitMinutes` is the time until the following step; the wait of the very last step
// ends at `exhaustedAt`. All arithmetic is on integer milliseconds, so every process, and a job firing late
// or twice, computes the same steps, due times and keys.
//
// Acknowledgement rule: an ack at time t stops every step due after t. A step due at or before t was
// legitimately due (ties go to the step: due === t counts as due) and, if it was sent, it stays sent.
//
// The rule the page job must follow (this is what makes "exactly one page per step, none after an ack"):
//   1. In one transaction: lock the page row (SELECT … FOR UPDATE), read the committed acknowledgement,
//      compute `chainStep(chain, pagedAt, now, committedAckAt)`, and if `send` is true claim each step of
//      `steps` with INSERT … (stepKey) ON CONFLICT DO NOTHING. Never claim after a committed ack, even a
//      step due at or before it.
//   2. After commit, deliver only the steps this run claimed (no lock held during HTTP calls).
//   3. Unless `done`, schedule the next run at `nextDueAt`, with a job singleton key built from the page and
//      `nextDueAt`, so duplicate runs collapse.
// The acknowledge handler takes the same row lock before writing the ack, so the two serialise: if the ack
// commits first the job claims nothing; if the claim commits first the step was due and stays sent (it may
// reach the person a moment after the ack). Only the latest due step is sent: a job that wakes up after
// several steps became due skips the superseded ones. Steps due at the same instant (a wait of 0 minutes)
// form one group and are all sent: `notify current, wait 0; notify backup` pages both at once.
// Snapshot the chain configuration with the page: a config change mid-chain would change the due times.

import { AppError } from '../errors.ts'
import type { ChainStepConfig, OnCallConfig, Person } from './config-schema.ts'
import { backupAt, nextInRotation, onCallAt, type OnCallSchedule } from './oncall.ts'
import { managersOf } from './route.ts'

const MINUTE_MS = 60_000

export interface EscalationChain {
  steps: readonly ChainStepConfig[]
  /** How many more passes after the first. */
  repeat: number
}

/** Used when the configuration has no chain: page the person on call, wait 15 minutes. */
export const DEFAULT_CHAIN_STEPS: readonly ChainStepConfig[] = [{ notify: 'current', waitMinutes: 15 }]

export interface ChainStep {
  /** Position in the whole timeline, 0-based across rounds. */
  index: number
  /** 0 for the first pass. */
  round: number
  /** Position in the configured steps. */
  step: number
  notify: ChainStepConfig['notify']
  waitMinutes: number
  dueAt: Date
}

export interface ChainState {
  /** The latest step due at or before now (or before the ack): what the chain has reached. */
  step: ChainStep | null
  /** Every step due at the same instant as `step` (usually just `step`), in order: what a page sends. */
  steps: ChainStep[]
  /** True when the page job may send `steps` now (they are due and nothing acknowledged). */
  send: boolean
  done: boolean
  reason: 'acknowledged' | 'exhausted' | null
  /** The first step due after `step`, null at the end or when done. */
  next: ChainStep | null
  /** When the job should run again: the next step, or the end of the last wait; null when done. */
  nextDueAt: Date | null
  exhaustedAt: Date
}

/** The chain of an `oncall` config section. */
export function chainOf(oncall: Pick<OnCallConfig, 'chain' | 'repeat'>): EscalationChain {
  return { steps: oncall.chain, repeat: oncall.repeat }
}

function checkDate(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN
  if (Number.isNaN(ms)) throw new AppError('INVALID_TIME', `${name} is not a valid date`, { name })
  return ms
}

function effectiveSteps(chain: EscalationChain): readonly ChainStepConfig[] {
  if (!Number.isInteger(chain.repeat) || chain.repeat < 0) {
    throw new AppError('INVALID_CHAIN', 'repeat must be a whole number, 0 or more', { repeat: chain.repeat })
  }
  const steps = chain.steps.length > 0 ? chain.steps : DEFAULT_CHAIN_STEPS
  for (const step of steps) {
    if (!Number.isInteger(step.waitMinutes) || step.waitMinutes < 0) {
      throw new AppError('INVALID_CHAIN', 'waitMinutes must be a whole number, 0 or more', { waitMinutes: step.waitMinutes })
    }
  }
  return steps
}

/** Every step of the chain with its due time, in order, and when the last wait ends. */
export function chainTimeline(chain: EscalationChain, pagedAt: Date): { steps: ChainStep[]; exhaustedAt: Date } {
  let due = checkDate(pagedAt, 'pagedAt')
  const configured = effectiveSteps(chain)
  const steps: ChainStep[] = []
  for (let round = 0; round <= chain.repeat; round += 1) {
    configured.forEach((config, step) => {
      steps.push({ index: steps.length, round, step, notify: config.notify, waitMinutes: config.waitMinutes, dueAt: new Date(due) })
      due += config.waitMinutes * MINUTE_MS
    })
  }
  return { steps, exhaustedAt: new Date(due) }
}

/** Every step's due time, in order. */
export function stepDueTimes(chain: EscalationChain, pagedAt: Date): Date[] {
  return chainTimeline(chain, pagedAt).steps.map((step) => step.dueAt)
}

/**
 * A stable key per page and step, for the unique "page step sent" row and the job singleton key. The page
 * is identified by its subject (the conversation id) and `pagedAt`, so a reopened conversation paged again
 * gets new keys.
 */
export function stepKey(subjectId: string, pagedAt: Date, step: Pick<ChainStep, 'round' | 'step'>): string {
  if (subjectId.trim() === '') throw new AppError('INVALID_CHAIN', 'a page needs a subject id')
  return `page:${subjectId}:${checkDate(pagedAt, 'pagedAt')}:${step.round}:${step.step}`
}

/** The group of steps due at the latest due time at or before `instant` (empty before the first). */
function reachedGroup(steps: readonly ChainStep[], instant: number): ChainStep[] {
  let reached: number | null = null
  for (const step of steps) {
    if (step.dueAt.getTime() <= instant) reached = step.dueAt.getTime()
    else break
  }
  return reached === null ? [] : steps.filter((step) => step.dueAt.getTime() === reached)
}

/** Where the chain stands at `now` (see the header for the acknowledgement rule). */
export function chainStep(chain: EscalationChain, pagedAt: Date, now: Date, ackAt: Date | null): ChainState {
  const current = checkDate(now, 'now')
  const ack = ackAt === null ? null : checkDate(ackAt, 'ackAt')
  const { steps, exhaustedAt } = chainTimeline(chain, pagedAt)
  const ended = { next: null, nextDueAt: null, exhaustedAt }
  if (ack !== null && ack <= current) {
    const group = reachedGroup(steps, ack)
    return { step: group.at(-1) ?? null, steps: group, send: false, done: true, reason: 'acknowledged', ...ended }
  }
  const group = reachedGroup(steps, current)
  const step = group.at(-1) ?? null
  const send = step !== null
  if (current >= exhaustedAt.getTime()) return { step, steps: group, send, done: true, reason: 'exhausted', ...ended }
  const next = steps[step === null ? 0 : step.index + 1] ?? null
  return { step, steps: group, send, done: false, reason: null, next, nextDueAt: next ? next.dueAt : exhaustedAt, exhaustedAt }
}

export interface StepDirectory {
  schedule: OnCallSchedule | null
  people: readonly Person[]
  /** Whom `managers` means: `all` managers or the listed ids (the escalation policy's `managers`). */
  managers: 'all' | readonly string[]
}

/**
 * The person ids a step notifies, resolved at the step's due time (not at the time the job runs), so late
 * or repeated runs page the same people. Empty when nobody fits (e.g. `next` with a one-person rotation).
 */
export function stepRecipients(step: Pick<ChainStep, 'notify' | 'dueAt'>, directory: StepDirectory): string[] {
  const { schedule } = directory
  switch (step.notify) {
    case 'current': {
      const person = schedule ? onCallAt(schedule, step.dueAt)?.personId : undefined
      return person ? [person] : []
    }
    case 'next': {
      const person = schedule ? nextInRotation(schedule, step.dueAt) : null
      return person ? [person] : []
    }
    case 'backup': {
      const person = schedule ? backupAt(schedule, step.dueAt) : null
      return person ? [person] : []
    }
    case 'managers':
      return [...new Set(managersOf(directory.managers, directory.people).map((person) => person.id))]
    default:
      return [step.notify]
  }
}
