/** The part of a pino logger the IMAP source uses; pino's `Logger` satisfies it. */
export interface SourceLogger {
  debug(fields: Record<string, unknown>, message: string): void
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
  error(fields: Record<string, unknown>, message: string): void
  child(bindings: Record<string, unknown>): SourceLogger
}

export type SourceState = 'connected' | 'connecting' | 'down' | 'standby'

/** For /readyz: `standby` is healthy (another replica holds the mailbox lease). */
export interface SourceHealth {
  state: SourceState
  lastSuccessAt: Date | null
  /** `CODE: explanation` of the last failure, never containing credentials; cleared by the next successful round. */
  lastError: string | null
}
