// Salesforce ids come in a 15-character case-sensitive form and an
// 18-character case-insensitive form whose last three characters encode
// the case of the first fifteen. We compare and store the 18-character form.

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

function checksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let j = 0; j < 5; j++) {
      const c = id15.charCodeAt(chunk * 5 + j);
      if (c >= 65 && c <= 90) bits |= 1 << j;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/**
 * 15 or 18 characters → the 18-character id, or null when it is not a valid id.
 * An 18-character id is case-insensitive: its suffix restores the case of the
 * first fifteen, so a lowercased id still names the same record.
 */
export function toId18(id: string): string | null {
  if (ID_15.test(id)) return id + checksum(id);
  if (!ID_18.test(id)) return null;
  const suffix = id.slice(15).toUpperCase();
  let head = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix[chunk]!);
    for (let j = 0; j < 5; j++) {
      const c = id[chunk * 5 + j]!;
      const upper = (bits >> j) & 1;
      const isLetter = /[a-zA-Z]/.test(c);
      // A case bit on a digit cannot come from a real id.
      if (upper && !isLetter) return null;
      head += upper ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return head + suffix;
}

export const ACCOUNT_KEY_PREFIX = '001';
