// WebClient failures mapped to Buyerbridge's stable error codes: SLACK_API_ERROR (Slack answered, with its
// `error` string), SLACK_NETWORK (Slack could not be reached or did not answer in time). SLACK_RATE_LIMITED is
// raised by the callers that wait out 429s.

import { webApi } from '@slack/bolt'
import { AppError } from '../../src/domain/errors.ts'

/** A WebClient failure as an AppError with a stable code; Slack's own `error` string is kept in the details. */
export function typedSlackError(method: string, error: unknown): AppError {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  if (code === webApi.ErrorCode.PlatformError) {
    const slackError = String((error as webApi.WebAPIPlatformError).data.error)
    return new AppError('SLACK_API_ERROR', `Slack ${method} failed: ${slackError}`, { method, error: slackError }, { cause: error })
  }
  if (code === webApi.ErrorCode.HTTPError) {
    const status = (error as webApi.WebAPIHTTPError).statusCode
    return new AppError('SLACK_API_ERROR', `Slack ${method} answered HTTP ${status}`, { method, error: `http_${status}`, status }, { cause: error })
  }
  if (code === webApi.ErrorCode.RequestError) {
    const reason = (error as webApi.WebAPIRequestError).original.message
    return new AppError('SLACK_NETWORK', `Slack ${method} could not be reached: ${reason}`, { method }, { cause: error })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new AppError('SLACK_API_ERROR', `Slack ${method} failed: ${message}`, { method, error: 'unknown' }, { cause: error })
}
