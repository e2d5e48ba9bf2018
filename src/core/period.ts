/**
 * A period of whole local days as the half-open range of stored timestamps (UTC ISO strings)
 * it covers: a shop's "23 November" is its own midnight to midnight, whatever UTC says.
 */
export function dayRange(from: string, to: string): { start: string; end: string } {
  const start = localMidnight(from);
  const end = localMidnight(to);
  end.setDate(end.getDate() + 1);
  return { start: start.toISOString(), end: end.toISOString() };
}

function localMidnight(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}
