// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs every statement
// synchronously on the thread that owns it, so it lives here, served to the service over pglite-socket's
// unix socket, and a long query never stalls the HTTP event loop (Slack and Feishu give 3 s to ack a click).
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedWorkerData {
  dataPath: string
  socketPath: string
  maxConnections: number
}

export type EmbeddedWorkerMessage = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'stopped' }

const port = parentPort
if (port) {
  const options = workerData as EmbeddedWorkerData
  const post = (message: EmbeddedWorkerMessage) => port.postMessage(message)
  let pglite: PGlite | undefined
  let server: PGLiteSocketServer | undefined
  try {
    pglite = await PGlite.create(options.dataPath)
    server = new PGLiteSocketServer({ db: pglite, path: options.socketPath, maxConnections: options.maxConnections })
    await server.start()
    post({ type: 'ready' })
  } catch (error) {
    await server?.stop().catch(() => undefined)
    await pglite?.close().catch(() => undefined)
    post({ type: 'failed', message: (error as Error).message })
  }
  port.on('message', async (message: unknown) => {
    if (message !== 'stop') return
    await server?.stop().catch(() => undefined)
    await pglite?.close().catch(() => undefined)
    post({ type: 'stopped' })
    port.close()
  })
}
