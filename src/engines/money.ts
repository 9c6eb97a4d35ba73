/** Amounts are kept in fen (integers); these write them in yuan, one function per way they are shown. */

/** Two decimals, no grouping, as files and forms carry it: 123456 → '1234.56', 100 → '1.00'. */
export function yuanFixed(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** Grouped, with as many decimals as there are (none to two), as a sentence reads it: 12345600 → '123,456', 123450 → '1,234.5'. */
export function yuanGrouped(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}

/** Grouped, always two decimals, as a figure beside others reads it: 12345600 → '123,456.00'. */
export function yuanGroupedFixed(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
