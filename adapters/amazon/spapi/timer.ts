import { setTimeout as delay } from 'node:timers/promises'

/** Monotonic-enough milliseconds and a way to wait; tests pass a fake one. */
export interface SpapiTimer {
  now(): number
  sleep(ms: number): Promise<void>
}

export const realTimer: SpapiTimer = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: async (ms) => {
    if (ms > 0) await delay(ms)
  },
}
