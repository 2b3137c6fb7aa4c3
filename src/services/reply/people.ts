import type { Actor, ApprovalRules, Person, Role } from './types.ts'

/** The configured person behind a platform user id, if any; else the first person naming a group the user is in. */
export function findPerson(people: readonly Person[], actor: Actor): Person | null {
  const direct = people.find((p) => p[actor.platform] !== undefined && p[actor.platform] === actor.userId)
  if (direct) return direct
  const groups = actor.groups ?? []
  return people.find((p) => p[actor.platform] !== undefined && groups.includes(p[actor.platform]!)) ?? null
}

export function hasRole(person: Person | null, roles: readonly Role[]): person is Person {
  return person !== null && person.roles.some((r) => roles.includes(r))
}

export function personName(people: readonly Person[], id: string): string {
  return people.find((p) => p.id === id)?.name ?? id
}

/**
 * Why a reply needs a manager's approval (empty: it does not). A manager's own reply never waits: they are
 * the approver.
 */
export function approvalReasons(
  rules: ApprovalRules,
  input: { requester: Person; templateId: string | null; riskScore: number },
): string[] {
  if (input.requester.roles.includes('manager')) return []
  const reasons: string[] = []
  if (rules.agents.includes(input.requester.id)) reasons.push(`replies by ${input.requester.name} need approval`)
  if (input.templateId !== null && rules.templates.includes(input.templateId)) reasons.push(`template ${input.templateId} needs approval`)
  if (rules.minRiskScore !== undefined && input.riskScore >= rules.minRiskScore) {
    reasons.push(`risk score ${input.riskScore} is at or above ${rules.minRiskScore}`)
  }
  return reasons
}
