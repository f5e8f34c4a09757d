/**
 * Calls between the benchmark and its child processes over Node's IPC channel, both ways: the
 * benchmark drives the children, and a load process asks the benchmark to carry its offer to the
 * gateway (the signalling the HTTP gateway would do over WHIP and WHEP).
 */
type Handler = (body: any) => unknown;

interface Request {
  kind: 'request';
  id: number;
  method: string;
  body: unknown;
}

interface Reply {
  kind: 'reply';
  id: number;
  result?: unknown;
  error?: string;
}

interface Endpoint {
  send?(message: unknown): boolean;
  on(event: 'message', listener: (message: Request | Reply) => void): unknown;
}

export class Link {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (result: any) => void; reject: (error: Error) => void; method: string }>();
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly endpoint: Endpoint,
    private readonly peerName: string,
  ) {
    endpoint.on('message', (message) => (message.kind === 'request' ? void this.answer(message) : this.settle(message)));
  }

  /** A child's link to the benchmark; the child exits when the benchmark goes away. */
  static toParent(onDisconnect: () => void): Link {
    if (!process.send) throw new Error('started without an IPC channel: run `npm run bench:gateway`');
    process.once('disconnect', onDisconnect);
    return new Link(process, 'the benchmark');
  }

  handle(method: string, handler: Handler): this {
    this.handlers.set(method, handler);
    return this;
  }

  call<Result>(method: string, body: unknown = {}): Promise<Result> {
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, method });
      this.endpoint.send!({ kind: 'request', id, method, body } satisfies Request);
    });
  }

  /** Fails every call still waiting, when the other side has exited. */
  abandon(reason: string): void {
    for (const call of this.waiting.values()) call.reject(new Error(`${call.method} to ${this.peerName}: ${reason}`));
    this.waiting.clear();
  }

  private async answer(request: Request): Promise<void> {
    const handler = this.handlers.get(request.method);
    let reply: Reply;
    try {
      if (!handler) throw new Error(`no handler for ${request.method}`);
      reply = { kind: 'reply', id: request.id, result: (await handler(request.body)) ?? null };
    } catch (error) {
      reply = { kind: 'reply', id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    this.endpoint.send!(reply);
  }

  private settle(reply: Reply): void {
    const call = this.waiting.get(reply.id);
    if (!call) return;
    this.waiting.delete(reply.id);
    if (reply.error !== undefined) call.reject(new Error(`${call.method} in ${this.peerName} failed: ${reply.error}`));
    else call.resolve(reply.result);
  }
}
