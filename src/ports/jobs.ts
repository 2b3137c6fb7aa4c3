/** What services need of the job queue: schedule work now or later, and cancel it. */
export interface JobScheduler {
  send(name: string, data: object, options?: SendJobOptions): Promise<string | null>
  cancel(name: string, jobId: string): Promise<void>
}

export interface SendJobOptions {
  startAfter?: Date
  /** At most one job with this key is queued at a time (pg-boss singleton). */
  singletonKey?: string
}
