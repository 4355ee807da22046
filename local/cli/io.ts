// The terminal a command runs in: what it writes, its environment, and the signal that stops it.
// Tests pass their own.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal(): Promise<string>;
  /** Raw output and whether it is a terminal (the status line is drawn only on one). */
  stdout?: { write(text: string): void; isTTY: boolean };
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  stopSignal: () =>
    new Promise((resolve) => {
      const on = (signal: string): void => {
        process.off('SIGINT', on);
        process.off('SIGTERM', on);
        // A second signal while closing stops at once.
        const force = (): void => process.exit(1);
        process.once('SIGINT', force);
        process.once('SIGTERM', force);
        resolve(signal);
      };
      process.on('SIGINT', on);
      process.on('SIGTERM', on);
    }),
  stdout: {
    write: (text) => process.stdout.write(text),
    get isTTY() {
      return process.stdout.isTTY === true;
    },
  },
};
