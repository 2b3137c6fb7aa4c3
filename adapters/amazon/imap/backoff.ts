export interface BackoffPolicy {
  initialDelayMs: number
  maxDelayMs: number
}

/**
 * Delay before reconnect attempt number `attempt` (1 for the first retry): doubles from `initialDelayMs`
 * up to `maxDelayMs`, then "equal jitter" (half fixed, half random) keeps replicas that failed together from retrying together.
 * `random` returns a number in [0, 1).
 */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.max(0, attempt - 1)
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(exponent, 30))
  // Half fixed, half random: never retry immediately, never wait longer than the cap.
  return Math.round(ceiling / 2 + (ceiling / 2) * random())
}
