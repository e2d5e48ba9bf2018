/** GTIN check digit (EAN-8, UPC-A, EAN-13, GTIN-14): weights 3,1 from the right. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code[code.length - 1]);
}

/** Appends the check digit to a 12-digit (EAN-13) or 7-digit (EAN-8) body. */
export function withCheckDigit(body: string): string {
  return body + String(gtinCheckDigit(body));
}
