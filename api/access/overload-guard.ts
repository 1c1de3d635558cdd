/**
 * A bound on requests in flight. Past it a request is refused at once (503 with Retry-After)
 * rather than queued: under overload a queue only grows, every answer arrives late, and memory
 * goes with it; a quick 503 lets clients and balancers back off or go elsewhere.
 */
export class OverloadGuard {
  private active = 0;

  constructor(readonly limit: number) {}

  /** Takes a slot; false when every slot is taken. Each true must be followed by one {@link release}. */
  enter(): boolean {
    if (this.active >= this.limit) return false;
    this.active++;
    return true;
  }

  release(): void {
    if (this.active > 0) this.active--;
  }

  get inFlight(): number {
    return this.active;
  }
}
