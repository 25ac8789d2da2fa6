// No zod here: the content script imports this, and must stay small.

/**
 * The background asks a tab's content script which sidebar frame it has mounted; the
 * answer is a `MountReport` (record.ts): the token in that frame's URL and the records it
 * has been shown, or null when there is no frame.
 */
export const MOUNT_QUERY = { channel: 'sidecar', type: 'mount.query' } as const;
