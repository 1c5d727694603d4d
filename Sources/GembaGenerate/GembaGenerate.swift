/// Seeded data generators for benchmarks and samples (`gemba generate`).
public enum GembaGenerate {}
