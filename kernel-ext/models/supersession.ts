// "A newer request supersedes an older one": the view pans faster than windows can be read, and
// only the latest window matters. Each request gets a ticket; starting a new one marks the previous
// ticket superseded, and the worker checks its ticket after every await and gives up early.
export interface Ticket {
  readonly requestId: number;
  /** The id of the request that replaced this one, once one has. */
  supersededBy: number | undefined;
}

export class Supersession {
  private current: Ticket | undefined;

  begin(requestId: number): Ticket {
    if (this.current && this.current.supersededBy === undefined)
      this.current.supersededBy = requestId;
    const ticket: Ticket = { requestId, supersededBy: undefined };
    this.current = ticket;
    return ticket;
  }
}

/** Lets messages that arrived meanwhile (newer requests) be handled before continuing. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
