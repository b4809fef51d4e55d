// zeromq.js allows one pending send per socket; queueing every send on a promise chain keeps
// messages in the order they were produced (status busy → outputs → idle) and never overlaps sends.
export interface FrameSink {
  send(frames: Buffer[]): Promise<void>;
}

export class OrderedSender {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: FrameSink,
    private readonly onError: (e: unknown) => void,
  ) {}

  send(frames: Buffer[]): Promise<void> {
    this.tail = this.tail.then(() => this.sink.send(frames)).catch(this.onError);
    return this.tail;
  }

  /** Resolves once everything queued so far has been handed to ZeroMQ. */
  drained(): Promise<void> {
    return this.tail;
  }
}
