/**
 * Runs `run` again and again until at least `minSeconds` have passed, so a fast parser on a small
 * sample is timed over many rounds instead of one clock tick. The format benches share it.
 */
export function timeRounds(run: () => void, minSeconds: number): { rounds: number; seconds: number } {
  const start = process.hrtime.bigint();
  let rounds = 0;
  for (;;) {
    run();
    rounds++;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (seconds >= minSeconds) return { rounds, seconds };
  }
}
