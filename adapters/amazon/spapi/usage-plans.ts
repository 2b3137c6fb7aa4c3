// Amazon's published usage plans (per selling partner and application), from the API models' rate-limit
// tables: messaging 1/s burst 5; orders v0 0.5/s burst 30; reports 2021-06-30 createReport and
// getReportDocument 0.0167/s burst 15, getReport 2/s burst 15.

export const SPAPI_OPERATIONS = [
  'getOrder',
  'getOrderItems',
  'getMessagingActionsForOrder',
  'getAttributes',
  'sendMessage',
  'createReport',
  'getReport',
  'getReportDocument',
] as const
export type SpapiOperation = (typeof SPAPI_OPERATIONS)[number]

export interface RatePlan {
  /** Requests per second restored to the bucket. */
  rate: number
  /** Bucket size: requests that may start at once. */
  burst: number
}

export const DEFAULT_RATE_PLANS: Readonly<Record<SpapiOperation, RatePlan>> = {
  getOrder: { rate: 0.5, burst: 30 },
  getOrderItems: { rate: 0.5, burst: 30 },
  getMessagingActionsForOrder: { rate: 1, burst: 5 },
  getAttributes: { rate: 1, burst: 5 },
  sendMessage: { rate: 1, burst: 5 },
  createReport: { rate: 0.0167, burst: 15 },
  getReport: { rate: 2, burst: 15 },
  getReportDocument: { rate: 0.0167, burst: 15 },
}

export function resolveRatePlans(
  overrides: Partial<Record<SpapiOperation, RatePlan>> | undefined,
): Record<SpapiOperation, RatePlan> {
  return { ...DEFAULT_RATE_PLANS, ...overrides }
}
