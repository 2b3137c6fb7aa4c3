// A logger for adapter tests that keeps every entry, so tests can assert what was (not) logged.

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error'
  obj: object
  msg: string | undefined
}

export class RecordingLogger {
  readonly entries: LogEntry[] = []
  debug(obj: object, msg?: string): void {
    this.entries.push({ level: 'debug', obj, msg })
  }
  info(obj: object, msg?: string): void {
    this.entries.push({ level: 'info', obj, msg })
  }
  warn(obj: object, msg?: string): void {
    this.entries.push({ level: 'warn', obj, msg })
  }
  error(obj: object, msg?: string): void {
    this.entries.push({ level: 'error', obj, msg })
  }
  text(): string {
    return JSON.stringify(this.entries)
  }
}
