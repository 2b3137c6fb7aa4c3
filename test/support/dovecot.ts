// A throwaway real Dovecot IMAP server for integration tests: its own config, port, state, logs and maildir
// in a temp folder, started in the foreground as a child process and removed afterwards.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { ImapFlow } from 'imapflow'

export const DOVECOT_BINARY = '/usr/sbin/dovecot'

/** What Dovecot 2.3 advertises after login, minus IDLE: for exercising the polling path. */
export const CAPABILITIES_WITHOUT_IDLE =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS ' +
  'THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED ' +
  'I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE ' +
  'SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE'

export interface DovecotOptions {
  user?: string
  password?: string
  /** Replaces the capability list Dovecot announces after login (Dovecot's `imap_capability`). */
  imapCapability?: string
  /** Defaults to DOVECOT_BINARY. */
  binary?: string
}

export interface MessageFlags {
  uid: number
  flags: string[]
}

export interface DovecotServer {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password: string
  /** `imap://user:pass@127.0.0.1:port/<mailbox>` with the credentials URL-encoded. */
  imapUrl(mailbox?: string, credentials?: { user?: string; password?: string }): string
  /** Appends a raw mail through IMAP APPEND; returns its UID. */
  appendMail(raw: string | Buffer, options?: { mailbox?: string; flags?: string[] }): Promise<number>
  flagsOf(mailbox?: string): Promise<MessageFlags[]>
  removeFlags(uid: number, flags: string[], mailbox?: string): Promise<void>
  createMailbox(mailbox: string): Promise<void>
  deleteMailbox(mailbox: string): Promise<void>
  uidValidityOf(mailbox?: string): Promise<string>
  /** Stops the server process but keeps its folder, so `restart()` brings back the same mailboxes. */
  stop(): Promise<void>
  restart(): Promise<void>
  /** Stops the server and deletes everything it wrote. */
  destroy(): Promise<void>
  readLog(): Promise<string>
}

// Detached process groups and temp folders outlive the test worker unless ended here, e.g. after a hook
// timed out before destroy() ran.
const runningGroups = new Set<number>()
const undeletedRoots = new Set<string>()
process.once('exit', () => {
  for (const group of runningGroups) killGroup(group)
  for (const root of undeletedRoots) rmSync(root, { recursive: true, force: true })
})

// Dovecot refuses to give mail access to UID 0, so as root the maildir belongs to an unprivileged user.
const UNPRIVILEGED_MAIL_UID = 65534

export async function startDovecot(options: DovecotOptions = {}): Promise<DovecotServer> {
  const binary = options.binary ?? DOVECOT_BINARY
  if (!existsSync(binary)) {
    throw new Error(
      `${binary} is missing: the IMAP integration tests need a real Dovecot. ` +
        'Run scripts/ci/install-system-packages.sh (as root or with sudo) to install dovecot-imapd.',
    )
  }
  const user = options.user ?? 'seller'
  const password = options.password ?? 'correct horse'
  const root = await mkdtemp(join(tmpdir(), 'bb-dovecot-'))
  undeletedRoots.add(root)
  await chmod(root, 0o755)
  const port = await findFreePort()
  const configPath = await writeConfig({ root, port, user, password, imapCapability: options.imapCapability })

  let child: ChildProcess | null = null
  const host = '127.0.0.1'

  const startProcess = async (): Promise<void> => {
    // Its own process group, so stop() can end the per-connection imap processes too: the master alone
    // leaves them serving their open connections.
    const started = spawn(binary, ['-F', '-c', configPath], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    })
    let stderr = ''
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
    })
    child = started
    if (started.pid !== undefined) runningGroups.add(started.pid)
    try {
      await waitForGreeting(host, port, started)
    } catch (error) {
      const log = await readFile(join(root, 'dovecot.log'), 'utf8').catch(() => '')
      await stopProcess()
      throw new Error(`Dovecot did not start: ${(error as Error).message}\n${stderr}\n${log}`)
    }
  }

  const stopProcess = async (): Promise<void> => {
    const running = child
    child = null
    if (!running) return
    const group = running.pid
    const exited =
      running.exitCode !== null || running.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => running.once('exit', () => resolve()))
    // A hard stop of master and every child (also when the master is already gone), like a crash or a
    // reboot: tests need the outage, not a tidy shutdown (which takes Dovecot about a second).
    if (group === undefined) running.kill('SIGKILL')
    else killGroup(group)
    await exited
    if (group !== undefined) runningGroups.delete(group)
    await waitForPortClosed(host, port)
  }

  const withClient = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({ host, port, secure: false, auth: { user, pass: password }, logger: false })
    client.on('error', () => {})
    await client.connect()
    try {
      return await work(client)
    } finally {
      await client.logout().catch(() => client.close())
    }
  }

  await startProcess()

  return {
    host,
    port,
    user,
    password,
    imapUrl(mailbox = 'INBOX', credentials = {}) {
      const encodedUser = encodeURIComponent(credentials.user ?? user)
      const encodedPassword = encodeURIComponent(credentials.password ?? password)
      return `imap://${encodedUser}:${encodedPassword}@${host}:${port}/${encodeURIComponent(mailbox)}`
    },
    appendMail(raw, appendOptions = {}) {
      return withClient(async (client) => {
        const appended = await client.append(appendOptions.mailbox ?? 'INBOX', raw, appendOptions.flags ?? [])
        if (!appended || appended.uid === undefined) throw new Error('APPEND returned no UID')
        return appended.uid
      })
    },
    flagsOf(mailbox = 'INBOX') {
      return withClient(async (client) => {
        const lock = await client.getMailboxLock(mailbox, { readOnly: true })
        try {
          const messages = client.mailbox && client.mailbox.exists > 0
            ? await client.fetchAll('1:*', { uid: true, flags: true })
            : []
          return messages.map((message) => ({
            uid: message.uid,
            flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
          }))
        } finally {
          lock.release()
        }
      })
    },
    removeFlags(uid, flags, mailbox = 'INBOX') {
      return withClient(async (client) => {
        const lock = await client.getMailboxLock(mailbox)
        try {
          await client.messageFlagsRemove(String(uid), flags, { uid: true })
        } finally {
          lock.release()
        }
      })
    },
    createMailbox(mailbox) {
      return withClient(async (client) => {
        await client.mailboxCreate(mailbox)
      })
    },
    deleteMailbox(mailbox) {
      return withClient(async (client) => {
        await client.mailboxDelete(mailbox)
      })
    },
    uidValidityOf(mailbox = 'INBOX') {
      return withClient(async (client) => {
        const status = await client.status(mailbox, { uidValidity: true })
        if (!status || status.uidValidity === undefined) throw new Error(`no UIDVALIDITY for ${mailbox}`)
        return status.uidValidity.toString()
      })
    },
    stop: stopProcess,
    async restart() {
      await stopProcess()
      await startProcess()
    },
    async destroy() {
      await stopProcess()
      await rm(root, { recursive: true, force: true })
      undeletedRoots.delete(root)
    },
    readLog() {
      return readFile(join(root, 'dovecot.log'), 'utf8')
    },
  }
}

interface ConfigInput {
  root: string
  port: number
  user: string
  password: string
  imapCapability: string | undefined
}

async function writeConfig(input: ConfigInput): Promise<string> {
  const { root, port, user, password, imapCapability } = input
  const runningAsRoot = process.getuid?.() === 0
  const current = userInfo()
  const mailUid = runningAsRoot ? UNPRIVILEGED_MAIL_UID : current.uid
  const mailGid = runningAsRoot ? UNPRIVILEGED_MAIL_UID : current.gid
  const internalUser = runningAsRoot ? 'dovecot' : current.username
  const loginUser = runningAsRoot ? 'dovenull' : current.username

  const mailRoot = join(root, 'mail')
  for (const folder of ['run', 'state', 'mail']) await mkdir(join(root, folder), { recursive: true })
  if (runningAsRoot) await chown(mailRoot, mailUid, mailGid)

  const passwdPath = join(root, 'passwd')
  if (/[:\n]/.test(user) || /\n/.test(password)) throw new Error('test user and password must fit a passwd-file')
  await writeFile(passwdPath, `${user}:{PLAIN}${password}\n`, { mode: 0o644 })

  const lines = [
    `base_dir = ${join(root, 'run')}`,
    `state_dir = ${join(root, 'state')}`,
    `log_path = ${join(root, 'dovecot.log')}`,
    'protocols = imap',
    'listen = 127.0.0.1',
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    'auth_failure_delay = 0',
    'auth_verbose = yes',
    `default_internal_user = ${internalUser}`,
    `default_login_user = ${loginUser}`,
    `first_valid_uid = ${Math.min(mailUid, 500)}`,
    `mail_location = maildir:${mailRoot}/%u`,
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%u ${passwdPath}`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=${mailUid} gid=${mailGid} home=${mailRoot}/%u`,
    '}',
    'service imap-login {',
    '  chroot =',
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${port}`,
    '  }',
    '  inet_listener imaps {',
    '    port = 0',
    '  }',
    '}',
    'service anvil {',
    '  chroot =',
    '}',
  ]
  if (imapCapability !== undefined) {
    lines.push('protocol imap {', `  imap_capability = ${imapCapability}`, '}')
  }
  const configPath = join(root, 'dovecot.conf')
  await writeFile(configPath, `${lines.join('\n')}\n`, { mode: 0o644 })
  return configPath
}

function killGroup(groupId: number): void {
  try {
    process.kill(-groupId, 'SIGKILL')
  } catch {
    // Already gone (ESRCH).
  }
}

async function findFreePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('could not find a free port')
  return address.port
}

async function waitForGreeting(host: string, port: number, process: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    if (process.exitCode !== null || process.signalCode !== null) {
      throw new Error(`dovecot exited (${process.exitCode ?? process.signalCode})`)
    }
    if (await receivesGreeting(host, port)) return
    await sleep(50)
  }
  throw new Error(`no IMAP greeting on ${host}:${port} within 10 s`)
}

function receivesGreeting(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const finish = (result: boolean): void => {
      socket.destroy()
      resolve(result)
    }
    socket.setTimeout(1_000, () => finish(false))
    socket.once('error', () => finish(false))
    socket.once('data', (chunk: Buffer) => finish(chunk.toString('latin1').startsWith('* OK')))
  })
}

async function waitForPortClosed(host: string, port: number): Promise<void> {
  const deadline = Date.now() + 5_000
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port })
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (!open) return
    await sleep(50)
  }
}
