// Detects duplicate member names at the top level of a JSON object text (RFC 7515 §4: header names must be unique).

/**
 * JSON.parse keeps the last duplicate, and so does jsonwebtoken, so duplicates cannot split our reading from the
 * library's; refusing them anyway leaves no room for a parser difference. Escaped names ("\u0061lg") are
 * compared decoded. Runs in linear time on the (small) header only.
 */
export function hasDuplicateTopLevelKeys(json: string): boolean {
  const seen = new Set<string>();
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      const end = endOfString(json, i);
      if (depth === 1 && expectKey) {
        const literal = json.slice(i + 1, end);
        // Only a name with escapes needs decoding ("\u0061lg" is "alg"); the common case is a plain slice.
        const name = literal.includes('\\') ? (JSON.parse(`"${literal}"`) as string) : literal;
        if (seen.has(name)) return true;
        seen.add(name);
        expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      depth++;
      expectKey = c === '{' && depth === 1;
    } else if (c === '}' || c === ']') {
      depth--;
    } else if (c === ',' && depth === 1) {
      expectKey = true;
    }
  }
  return false;
}

function endOfString(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    if (json[i] === '\\') i++;
    else if (json[i] === '"') return i;
  }
  return json.length - 1;
}
