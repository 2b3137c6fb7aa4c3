import { describe, expect, it } from 'vitest'
import { RecentKeys } from '../../src/compose/recent-keys.ts'

describe('RecentKeys', () => {
  it('says a key was seen only after it was recorded, and forgets what is deleted', () => {
    const keys = new RecentKeys(10)
    expect(keys.seenBefore('a')).toBe(false)
    expect(keys.seenBefore('a')).toBe(true)
    keys.delete('a')
    expect(keys.has('a')).toBe(false)
  })

  it('starts over when full instead of growing', () => {
    const keys = new RecentKeys(2)
    keys.add('a')
    keys.add('b')
    keys.add('c')
    expect([keys.has('a'), keys.has('b'), keys.has('c')]).toEqual([false, false, true])
  })
})
