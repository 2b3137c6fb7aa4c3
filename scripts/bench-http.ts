// The benches' HTTP client: node:http with keep-alive, lighter than fetch, so the clicking side (on the same
// cores as the service) takes less CPU away from the service it measures.
import http from 'node:http'

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

export function postRaw(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end(body)
  })
}

export function closeBenchClient(): void {
  agent.destroy()
}
