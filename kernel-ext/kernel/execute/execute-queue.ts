// Cells run one after another. When a cell fails (with stop_on_error), every request already
// waiting is aborted, as Jupyter clients expect; requests arriving later run normally.
export class ExecuteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private generation = 0;

  enqueue<T>(task: () => Promise<T>, aborted: () => T): Promise<T> {
    const generation = this.generation;
    const result = this.tail.then(() => (generation === this.generation ? task() : aborted()));
    this.tail = result.catch(() => undefined);
    return result;
  }

  abortWaiting(): void {
    this.generation++;
  }
}
