// Where a card row goes, as stored in `cards.channel`: a channel or group id as it is, or a person's DM as
// `user:<platform user id>`. Platforms address the two differently (Feishu `receive_id_type` open_id vs
// chat_id, DingTalk IM_ROBOT vs IM_GROUP spaces, Slack answers a post to a user id with the DM's own D… id),
// so the row has to say which one it is.

const DM_PREFIX = 'user:'

export type CardRecipient = { kind: 'channel'; id: string } | { kind: 'user'; id: string }

/** The stored channel of a DM card to `userId`. */
export function dmChannel(userId: string): string {
  return `${DM_PREFIX}${userId}`
}

export function cardRecipient(channel: string): CardRecipient {
  return channel.startsWith(DM_PREFIX) ? { kind: 'user', id: channel.slice(DM_PREFIX.length) } : { kind: 'channel', id: channel }
}
