/** What search compares: lower case, ё folded to е, runs of space collapsed. */
export function searchKey(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}
