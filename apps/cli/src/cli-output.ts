/** Where a command writes: results on stdout, so scripts can read them; everything else on stderr. */
export interface CliOutput {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Rows under a header row, each column as wide as its widest cell, two spaces apart. */
export function writeTable(stream: NodeJS.WritableStream, table: string[][]): void {
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  for (const row of table) stream.write(`${row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()}\n`);
}
