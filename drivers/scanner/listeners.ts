/** Who hears the scans; a listener that throws does not cost the others the scan. */
export class ScanListeners {
  private readonly set = new Set<(code: string) => void>();

  add(listener: (code: string) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(code: string): void {
    for (const l of [...this.set]) {
      try {
        l(code);
      } catch {
        // the listener's own problem
      }
    }
  }

  clear(): void {
    this.set.clear();
  }
}
