/** CPU and wall time of this process over the measured window. */
export interface WindowUsage {
  /** User plus system seconds of every thread of the process: node-datachannel's threads included. */
  cpuSeconds: number;
  wallSeconds: number;
}

export class CpuWindow {
  private cpuAtStart: NodeJS.CpuUsage | null = null;
  private wallAtStart = 0;

  start(): void {
    this.wallAtStart = performance.now();
    this.cpuAtStart = process.cpuUsage();
  }

  stop(): WindowUsage {
    if (!this.cpuAtStart) throw new Error('the measured window was never started');
    const used = process.cpuUsage(this.cpuAtStart);
    return { cpuSeconds: (used.user + used.system) / 1e6, wallSeconds: (performance.now() - this.wallAtStart) / 1000 };
  }
}
