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

/** A command line that cannot run: what is wrong, and the usage to show with it when that helps. */
export interface CommandLineProblem {
  problem: string;
  usage?: string;
}

export function isCommandLineProblem(parsed: object): parsed is CommandLineProblem {
  return 'problem' in parsed;
}
