/**
 * Shared plumbing for anything that reads bytes: listeners get fresh copies, and a
 * listener that throws does not stop the others.
 */
export class Listeners {
  private readonly set = new Set<(bytes: Uint8Array) => void>();

  add(listener: (bytes: Uint8Array) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(bytes: Uint8Array): void {
    for (const l of [...this.set]) {
      try {
        l(new Uint8Array(bytes));
      } catch {
        // a faulty listener is its owner's problem; the link goes on
      }
    }
  }
}
