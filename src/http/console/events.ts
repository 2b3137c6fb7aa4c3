// Live updates: one poller per process reads which conversations changed (their row or one of their
// replies) once a second and pushes their ids to every open stream. Bounded: a cap on simultaneous streams,
// a cap on ids per tick, and each stream ends after a while (EventSource reconnects by itself).

import type { ServerResponse } from 'node:http'
import type { Db } from '../../db/schema.ts'
import type { PortLogger } from '../../ports/logger.ts'

const MAX_IDS_PER_TICK = 100
/** `updated_at` is the writing transaction's start time, so a row can commit a little "in the past". */
const LOOKBACK_MS = 5_000

export interface ChangeFeedOptions {
  db: () => Db | null
  logger: PortLogger
  pollMs: number
  maxStreams: number
  maxStreamMs: number
}

export class ChangeFeed {
  readonly #options: ChangeFeedOptions
  readonly #streams = new Set<ServerResponse>()
  #timer: NodeJS.Timeout | null = null
  #since: Date | null = null
  /** `id@updated_at` already pushed within the lookback window. */
  readonly #seen = new Map<string, number>()
  #polling = false

  constructor(options: ChangeFeedOptions) {
    this.#options = options
  }

  get streamCount(): number {
    return this.#streams.size
  }

  /** False when the stream cap is reached (the caller answers 503). */
  open(stream: ServerResponse): boolean {
    if (this.#streams.size >= this.#options.maxStreams) return false
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    stream.write('retry: 2000\n\n')
    this.#streams.add(stream)
    const end = setTimeout(() => stream.end(), this.#options.maxStreamMs)
    end.unref()
    stream.on('close', () => {
      clearTimeout(end)
      this.#streams.delete(stream)
      if (this.#streams.size === 0) this.#stop()
    })
    this.#start()
    return true
  }

  close(): void {
    for (const stream of this.#streams) stream.end()
    this.#streams.clear()
    this.#stop()
  }

  #start(): void {
    if (this.#timer) return
    this.#timer = setInterval(() => void this.#tick(), this.#options.pollMs)
    this.#timer.unref()
  }

  #stop(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    this.#since = null
    this.#seen.clear()
  }

  async #tick(): Promise<void> {
    const db = this.#options.db()
    if (!db || this.#polling) return
    this.#polling = true
    try {
      if (this.#since === null) {
        this.#since = await latestChange(db)
        return
      }
      const since = new Date(this.#since.getTime() - LOOKBACK_MS)
      const [conversations, replies] = await Promise.all([
        db.selectFrom('conversations').select(['id', 'updated_at']).where('updated_at', '>', since).orderBy('updated_at').limit(MAX_IDS_PER_TICK).execute(),
        db
          .selectFrom('replies')
          .select(['conversation_id as id', 'updated_at'])
          .where('updated_at', '>', since)
          .orderBy('updated_at')
          .limit(MAX_IDS_PER_TICK)
          .execute(),
      ])
      const changed = [...conversations, ...replies].filter((c) => !this.#seen.has(`${c.id}@${c.updated_at.getTime()}`))
      for (const [key, at] of this.#seen) if (at < since.getTime()) this.#seen.delete(key)
      if (changed.length === 0) {
        for (const stream of this.#streams) stream.write(': idle\n\n')
        return
      }
      for (const c of changed) this.#seen.set(`${c.id}@${c.updated_at.getTime()}`, c.updated_at.getTime())
      this.#since = new Date(Math.max(this.#since.getTime(), ...changed.map((c) => c.updated_at.getTime())))
      const ids = [...new Set(changed.map((c) => c.id))]
      const message = ids.map((id) => `event: conversation\ndata: ${JSON.stringify({ id })}\n\n`).join('')
      for (const stream of this.#streams) stream.write(message)
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'console change feed: poll failed')
    } finally {
      this.#polling = false
    }
  }
}

async function latestChange(db: Db): Promise<Date> {
  const [c, r] = await Promise.all([
    db.selectFrom('conversations').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirst(),
    db.selectFrom('replies').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirst(),
  ])
  const times = [c?.at, r?.at].filter((t): t is Date => t instanceof Date).map((t) => t.getTime())
  return new Date(times.length ? Math.max(...times) : 0)
}
