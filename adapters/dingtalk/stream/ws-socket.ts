// The WebSocket client for Stream mode. DingTalk's gateway stops pushing to a connection that sends no
// protocol-level pings: SDK users report connections that stay ESTABLISHED yet go silent after a few idle
// minutes, which the SDKs' keepalive (ws ping/pong) cures. Node 22's built-in WebSocket cannot send pings,
// so this uses `ws`, the client the dingtalk-stream SDK itself is built on (installed as its dependency).
// `ws` ships no types; the few members used are typed here, at the boundary.

import { createRequire } from 'node:module'

export interface StreamSocket {
  readonly readyState: number
  on(event: 'open', listener: () => void): this
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): this
  on(event: 'pong', listener: () => void): this
  on(event: 'close', listener: (code: number) => void): this
  on(event: 'error', listener: (error: Error) => void): this
  send(data: string): void
  ping(): void
  close(code?: number): void
  terminate(): void
}

interface StreamSocketConstructor {
  new (url: string, options?: { handshakeTimeout?: number; maxPayload?: number }): StreamSocket
}

export const SOCKET_OPEN = 1
/** Stream frames are small JSON documents; refuse anything absurd rather than buffer it. */
const MAX_FRAME_BYTES = 4 * 1024 * 1024

const load = createRequire(import.meta.url)

export function openStreamSocket(url: string, handshakeTimeoutMs: number): StreamSocket {
  const WebSocketClient = load('ws') as StreamSocketConstructor
  return new WebSocketClient(url, { handshakeTimeout: handshakeTimeoutMs, maxPayload: MAX_FRAME_BYTES })
}

export function frameText(data: unknown): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  if (Array.isArray(data)) return Buffer.concat(data.filter((part): part is Buffer => Buffer.isBuffer(part))).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return String(data)
}
