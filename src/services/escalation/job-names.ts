export const ESCALATION_JOBS = {
  renotify: 'escalation.renotify',
  pageStep: 'oncall.page-step',
  slaReminder: 'sla.reminder',
  slaBreach: 'sla.breach',
  summary: 'oncall.summary',
} as const
