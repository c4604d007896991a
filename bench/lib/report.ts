// Plain-text tables in Markdown syntax, so the output can go into bench/RESULTS.md as it is.

export type Row = string[];

/** Columns padded to their widest cell; every column but the first is right-aligned (numbers). */
export function table(rows: Row[]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  const line = (row: Row) =>
    `| ${widths.map((w, col) => (col === 0 ? (row[col] ?? '').padEnd(w) : (row[col] ?? '').padStart(w))).join(' | ')} |`;
  const rule = `|${widths.map((w, col) => (col === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const [header, ...body] = rows;
  return header ? [line(header), rule, ...body.map(line)].join('\n') : '';
}

export const formatCount = (n: number) => Math.round(n).toLocaleString('en-US');

export const formatMs = (ms: number) => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toString());
