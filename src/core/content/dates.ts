/**
 * Publication dates as sources write them (RFC 822 in feeds and TREC files, ISO dates in front
 * matter) to ISO-8601 instants. Unparseable dates give undefined, never an invalid Date.
 */

/** RFC 822 / RFC 2822 ("Fri, 23 Feb 2018 11:30:14 GMT", "+0400" zones) or ISO-8601 → ISO instant. */
export function toIsoInstant(value: string): string | undefined {
  const text = value.trim();
  if (text.length === 0) return undefined;
  // A bare date means that calendar day; read it as UTC midnight so the result does not depend on the machine's zone.
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  const parsed = dateOnly ? new Date(`${text}T00:00:00Z`) : new Date(text);
  if (Number.isNaN(parsed.getTime())) return undefined;
  if (dateOnly && parsed.toISOString().slice(0, 10) !== text) return undefined;
  return parsed.toISOString();
}
