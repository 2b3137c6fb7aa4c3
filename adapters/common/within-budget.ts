// Chat platforms give a click a few seconds before they show an error (Slack and Feishu 3 s, DingTalk re-pushes
// unanswered callbacks), so a callback waits for its dispatch only up to a budget and answers without it after.

export type Settled<T> = { result: T } | { error: unknown }

export type Budgeted<T> = Settled<T> | { late: Promise<Settled<T>> }

/** Runs `work`; what it gave within `budgetMs`, or `late` with its eventual outcome (which never rejects). */
export async function withinBudget<T>(work: () => Promise<T> | T, budgetMs: number): Promise<Budgeted<T>> {
  const settled: Promise<Settled<T>> = Promise.resolve()
    .then(work)
    .then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    )
  let timer: NodeJS.Timeout | undefined
  const budget = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs)
  })
  const first = await Promise.race([settled, budget])
  clearTimeout(timer)
  return first === 'late' ? { late: settled } : first
}
