import { spawn, type ChildProcess } from 'node:child_process'

export interface ServiceProcess {
  child: ChildProcess
  url: Promise<string>
  logs: () => string
  exit: Promise<number | null>
}

/** Runs the service as a real process and reads its JSON log for the listening URL. */
export function spawnService(entry: string, env: Record<string, string | undefined>): ServiceProcess {
  const child = spawn(process.execPath, [entry], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  let resolveUrl: (url: string) => void
  let rejectUrl: (error: Error) => void
  const url = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve
    rejectUrl = reject
  })
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    const match = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(output)
    if (match) resolveUrl(match[1]!)
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  void exit.then(() => rejectUrl(new Error(`service exited before listening:\n${output}`)))
  return { child, url, logs: () => output, exit }
}

export async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url)
      if (res.status === status) return
      last = `HTTP ${res.status}`
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`)
}
