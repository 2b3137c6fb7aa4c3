import { describe, expect, it } from 'vitest'
import { robotSignature, signedRobotUrl } from '../../adapters/dingtalk/index.ts'

// Vector computed outside Node with: printf '%s\n%s' 1700000000000 SECtestsecret0123456789 |
//   openssl dgst -sha256 -hmac SECtestsecret0123456789 -binary | base64
const SECRET = 'SECtestsecret0123456789'
const TIMESTAMP = 1_700_000_000_000
const SIGN = 'zrLWzK97t62y5CpqN8Ok9UIdPvX+jL1PNoW8nKT5a9k='

describe('custom robot signature', () => {
  it('is base64(HMAC-SHA256(secret, timestamp + "\\n" + secret))', () => {
    expect(robotSignature(SECRET, TIMESTAMP)).toBe(SIGN)
  })

  it('is URL-encoded in the query, after the access token', () => {
    const url = signedRobotUrl('https://oapi.dingtalk.com/robot/send?access_token=abc123', SECRET, TIMESTAMP)
    expect(url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=${TIMESTAMP}&sign=zrLWzK97t62y5CpqN8Ok9UIdPvX%2BjL1PNoW8nKT5a9k%3D`)
  })

  it('adds nothing when the robot has no secret', () => {
    expect(signedRobotUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', undefined, TIMESTAMP)).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc')
  })
})
