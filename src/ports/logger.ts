/** The narrow logging interface services and adapters depend on (pino's Logger satisfies it). */
export interface LogFn {
  (message: string): void
  (object: object, message?: string): void
}

export interface PortLogger {
  debug: LogFn
  info: LogFn
  warn: LogFn
  error: LogFn
  child(bindings: Record<string, unknown>): PortLogger
}
