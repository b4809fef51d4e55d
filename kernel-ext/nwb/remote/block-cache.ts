// Memory cache of fixed-size file blocks with least-recently-used eviction under a byte budget.

export class BlockCache {
  // A Map iterates in insertion order: re-inserting on access keeps the oldest entry first.
  private readonly blocks = new Map<number, Uint8Array>();
  private bytes = 0;

  constructor(readonly capacityBytes: number) {}

  get size(): number {
    return this.blocks.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  has(index: number): boolean {
    return this.blocks.has(index);
  }

  get(index: number): Uint8Array | undefined {
    const block = this.blocks.get(index);
    if (block) {
      this.blocks.delete(index);
      this.blocks.set(index, block);
    }
    return block;
  }

  set(index: number, block: Uint8Array): void {
    const previous = this.blocks.get(index);
    if (previous) {
      this.bytes -= previous.byteLength;
      this.blocks.delete(index);
    }
    this.blocks.set(index, block);
    this.bytes += block.byteLength;
    for (const [oldest, evicted] of this.blocks) {
      if (this.bytes <= this.capacityBytes || oldest === index) break;
      this.blocks.delete(oldest);
      this.bytes -= evicted.byteLength;
    }
  }

  clear(): void {
    this.blocks.clear();
    this.bytes = 0;
  }
}
