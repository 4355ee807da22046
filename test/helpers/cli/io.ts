// A terminal for the CLI's commands that keeps what they printed (fast lane: no process).
import type { CliIo } from '../../../local/cli/io.js';

export type RecordingIo = CliIo & { lines: string[]; errors: string[] };

/** Lines written to stdout in `lines`, to stderr in `errors`; never asked to stop. */
export function recordingIo(env: Record<string, string> = {}): RecordingIo {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
    env,
    stopSignal: () => new Promise(() => {}),
  };
}
