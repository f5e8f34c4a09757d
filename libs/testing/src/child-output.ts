/**
 * Collects what a child process writes, line by line, into `into` as it arrives; a last line with
 * no newline is kept when the stream ends. Tests read it to wait for a start line or to show what
 * the child said when it failed.
 */
export function collectLines(stream: NodeJS.ReadableStream | null, into: string[]): void {
  let partial = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    into.push(...lines);
  });
  stream?.on('end', () => {
    if (partial) into.push(partial);
  });
}
