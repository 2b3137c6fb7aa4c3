// Account health as read from GET_V2_SELLER_PERFORMANCE_REPORT, normalised to one spelling.

export type MetricStatus = 'GOOD' | 'BAD' | 'NONE'
export type AccountStatus = 'NORMAL' | 'AT_RISK' | 'DEACTIVATED'
export type TargetCondition = 'LESS_THAN' | 'GREATER_THAN' | 'EQUALS'

export interface RateMetric {
  /** e.g. `orderDefectRate.mfn`, `lateShipmentRate`, `validTrackingRate`. */
  name: string
  status: MetricStatus
  rate: number | null
  targetValue: number | null
  targetCondition: TargetCondition | null
}

export interface MarketplaceHealth {
  marketplaceId: string
  accountStatus: AccountStatus | null
  /** `GREAT`, `WARNED`, … as Amazon reports it. */
  healthRatingStatus: string | null
  metrics: RateMetric[]
  warnings: { warningType: string; status: string }[]
}

export interface AccountHealthSnapshot {
  takenAt: Date
  marketplaces: MarketplaceHealth[]
}
