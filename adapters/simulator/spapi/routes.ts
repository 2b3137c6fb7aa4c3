export type SpapiOperation =
  | 'lwaToken'
  | 'getOrder'
  | 'getOrderItems'
  | 'getMessagingActionsForOrder'
  | 'getAttributes'
  | 'sendMessage'
  | 'createReport'
  | 'getReport'
  | 'getReportDocument'
  | 'downloadDocument'

export interface MatchedRoute {
  operation: SpapiOperation
  params: Record<string, string>
}

interface RouteDefinition {
  method: string
  pattern: RegExp
  operation: SpapiOperation
  names: string[]
}

const SEGMENT = '([^/]+)'

const route = (method: string, template: string, operation: SpapiOperation): RouteDefinition => {
  const names: string[] = []
  const source = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name)
    return SEGMENT
  })
  return { method, pattern: new RegExp(`^${source}/?$`), operation, names }
}

const ROUTES: RouteDefinition[] = [
  route('POST', '/auth/o2/token', 'lwaToken'),
  route('GET', '/orders/v0/orders/{orderId}', 'getOrder'),
  route('GET', '/orders/v0/orders/{orderId}/orderItems', 'getOrderItems'),
  route('GET', '/messaging/v1/orders/{orderId}', 'getMessagingActionsForOrder'),
  route('GET', '/messaging/v1/orders/{orderId}/attributes', 'getAttributes'),
  route('POST', '/messaging/v1/orders/{orderId}/messages/{action}', 'sendMessage'),
  route('POST', '/reports/2021-06-30/reports', 'createReport'),
  route('GET', '/reports/2021-06-30/reports/{reportId}', 'getReport'),
  route('GET', '/reports/2021-06-30/documents/{documentId}', 'getReportDocument'),
  route('GET', '/report-documents/{documentId}', 'downloadDocument'),
]

export function matchRoute(method: string, pathname: string): MatchedRoute | null {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue
    const match = candidate.pattern.exec(pathname)
    if (!match) continue
    const params: Record<string, string> = {}
    try {
      candidate.names.forEach((name, index) => {
        params[name] = decodeURIComponent(match[index + 1] ?? '')
      })
    } catch {
      return null
    }
    return { operation: candidate.operation, params }
  }
  return null
}

/**
 * Amazon's published usage plans (per seller and application), written out here rather than imported from the
 * client's table: the simulator plays Amazon, so a wrong value in the client shows up as throttling in tests.
 */
export const DEFAULT_RATE_PLANS = {
  getOrder: { rate: 0.5, burst: 30 },
  getOrderItems: { rate: 0.5, burst: 30 },
  getMessagingActionsForOrder: { rate: 1, burst: 5 },
  getAttributes: { rate: 1, burst: 5 },
  sendMessage: { rate: 1, burst: 5 },
  createReport: { rate: 0.0167, burst: 15 },
  getReport: { rate: 2, burst: 15 },
  getReportDocument: { rate: 0.0167, burst: 15 },
} as const satisfies Partial<Record<SpapiOperation, { rate: number; burst: number }>>
