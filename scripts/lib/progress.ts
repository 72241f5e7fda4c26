/**
 * A progress bar on stderr for long CLI work: `[███████░░░░░] 58%  41.2 Mpx/s  ETA 3s  label`. Redrawn in place on a
 * terminal; elsewhere (CI logs) one line every 10 %.
 */
export function progressBar(label: string, total: number, unit = 'px') {
  const tty = process.stderr.isTTY;
  const t0 = performance.now();
  let lastDecile = -1;
  const fmtRate = (perS: number) =>
    perS > 1e6
      ? `${(perS / 1e6).toFixed(1)} M${unit}/s`
      : perS > 1e3
        ? `${(perS / 1e3).toFixed(1)} k${unit}/s`
        : `${perS.toFixed(0)} ${unit}/s`;
  const render = (done: number, final = false) => {
    const frac = total ? Math.min(1, done / total) : 1;
    const s = (performance.now() - t0) / 1000;
    const rate = s > 0 ? done / s : 0;
    const eta = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
    const width = 24;
    const filled = Math.round(frac * width);
    const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(frac * 100)).padStart(3)}%  ${fmtRate(rate)}  ${final ? `${s.toFixed(1)}s` : `ETA ${eta.toFixed(0)}s`}  ${label}`;
    if (tty) process.stderr.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
    else {
      const decile = Math.floor(frac * 10);
      if (decile !== lastDecile || final) {
        lastDecile = decile;
        process.stderr.write(`${line}\n`);
      }
    }
  };
  return { update: (done: number) => render(done), done: () => render(total, true) };
}
