import { round } from './stats';

/** What every benchmark reports of the machine and the run, beside its figures. */
export interface MachineFacts {
  /** The run's whole length, set-up and warm-ups included. */
  seconds: number;
  cores: number;
  node: string;
  /** 1-minute load average when the run started and when it ended: other work on the same cores skews every figure. */
  loadAtStart: number;
  loadAtEnd: number;
}

/** The report's line about the machine's load. */
export function loadLine(facts: MachineFacts): string {
  return `  load average ${facts.loadAtStart.toFixed(2)} at start, ${facts.loadAtEnd.toFixed(2)} at end (anything else running on these cores skews the figures)`;
}

/** The same facts in a benchmark's last JSON line, under `run`. */
export function machineJson(facts: MachineFacts): { total_seconds: number; cores: number; node: string; load_at_start: number; load_at_end: number } {
  return { total_seconds: round(facts.seconds), cores: facts.cores, node: facts.node, load_at_start: round(facts.loadAtStart, 2), load_at_end: round(facts.loadAtEnd, 2) };
}
