import type { CharTest, Step } from './regex-parse.js';
import { parseRegex } from './regex-parse.js';

/** A compiled `%regex%`: whether it matches anywhere in a text, as RegExp.prototype.test would say. */
export type RegexTest = (text: string) => boolean;

/**
 * Compiles a CloudWatch Logs regular expression into a matcher that never backtracks: it follows
 * every step of every alternative at once (a Thompson simulation), so a match costs at most
 * (steps x characters) however the pattern is written. Throws FilterPatternError.
 */
export function compileRegex(source: string): RegexTest {
  const runner = new Runner(flatten(parseRegex(source)));
  return (text) => runner.test(text);
}

/** Step kinds as small numbers, so that the match loop reads typed arrays only. */
const ONE = 0;
const OPTIONAL = 1;
const STAR = 2;
const START = 3;
const END = 4;
const ACCEPT = 5;

/** Every alternative's steps in one array; each alternative ends in an accepting slot. */
type Program = {
  kinds: Uint8Array;
  tests: CharTest[];
  ascii: Uint8Array[];
  starts: number[];
  /** Every alternative starts with `^`: once no step is alive after the first character, none will be. */
  anchored: boolean;
};

function kindOf(step: Step | undefined): number {
  if (step === undefined) return ACCEPT;
  if (step.kind !== 'char') return step.kind === 'start' ? START : END;
  return step.repeat === 'one' ? ONE : step.repeat === 'optional' ? OPTIONAL : STAR;
}

function flatten(alternatives: Step[][]): Program {
  const all: (Step | undefined)[] = [];
  const starts: number[] = [];
  for (const alt of alternatives) {
    starts.push(all.length);
    all.push(...alt, undefined);
  }
  const kinds = Uint8Array.from(all, kindOf);
  const tests = all.map((step) => (step?.kind === 'char' ? step.test : () => false));
  // Each step's answers for ASCII, looked up instead of called: most log text is ASCII.
  const ascii = tests.map((test) => Uint8Array.from({ length: 128 }, (_, c) => (test(c) ? 1 : 0)));
  const anchored = alternatives.every((alt) => alt[0]?.kind === 'start');
  return { kinds, tests, ascii, starts, anchored };
}

/** A set of steps at some position, with where each character leads (filled as met). */
type DState = {
  list: Int32Array;
  accept: boolean;
  ascii?: (DState | undefined)[];
  other?: Map<number, DState>;
};

/** New sets per text after which it is stepped without remembering (each costs a sort and a key). */
const MAX_MISSES = 4096;
/** The most sets remembered per pattern before the memory starts over: bounds memory, not correctness. */
const MAX_CACHED_SETS = 1024;

/**
 * Runs a program over texts. Sets of steps met inside a text are remembered with their transitions
 * (a DFA built lazily, as RE2 does), so a repeated set costs one lookup per character; the anchors
 * only matter at the first and last position, which are stepped directly.
 */
class Runner {
  private readonly seen: Int32Array;
  private readonly stack: Int32Array;
  private mark = 0;
  /** Sets made by next(), to tell when a text keeps making new ones. */
  private created = 0;
  private sets = new Map<string, DState>();

  constructor(private readonly program: Program) {
    this.seen = new Int32Array(program.kinds.length);
    // Each step is pushed once per predecessor: the starts, the stepped list, then one successor each.
    this.stack = new Int32Array(3 * program.kinds.length);
  }

  test(text: string): boolean {
    const len = text.length;
    let at = this.closure([], undefined, 0, len);
    if (at.accept) return true;
    let misses = 0;
    for (let pos = 0; pos < len; pos++) {
      const code = text.charCodeAt(pos);
      // A text whose sets rarely repeat gains nothing from remembering them: step directly.
      const direct = pos + 1 === len || misses > MAX_MISSES;
      if (direct) at = this.closure(at.list, code, pos + 1, len);
      else {
        const before = this.created;
        at = this.next(at, code);
        if (this.created !== before) misses++;
      }
      if (at.accept) return true;
      if (at.list.length === 0 && this.program.anchored) return false;
    }
    return false;
  }

  /** The set after `code` at a position that is neither the first nor the last, remembered. */
  private next(from: DState, code: number): DState {
    const known = code < 128 ? from.ascii?.[code] : from.other?.get(code);
    if (known !== undefined) return known;
    const made = this.closure(from.list, code, 1, Infinity);
    made.list.sort();
    this.created++;
    // Two ways into the same steps may differ in whether one of them just matched.
    const key = `${made.list.join(',')}${made.accept ? '!' : ''}`;
    let to = this.sets.get(key);
    if (to === undefined) {
      if (this.sets.size >= MAX_CACHED_SETS) this.sets = new Map();
      this.sets.set(key, made);
      to = made;
    }
    if (code < 128) (from.ascii ??= new Array<DState | undefined>(128))[code] = to;
    else if ((from.other ??= new Map()).size < 256) from.other.set(code, to);
    return to;
  }

  /**
   * The steps reached from `list` by consuming `code` (none when undefined), then every step reached
   * without consuming at `pos` of a text of `len` characters, the starts of every alternative included.
   */
  private closure(list: ArrayLike<number>, code: number | undefined, pos: number, len: number): DState {
    const { kinds, tests, ascii, starts } = this.program;
    const { seen, stack } = this;
    if (this.mark === 2 ** 30) {
      this.seen.fill(0);
      this.mark = 0;
    }
    const mark = ++this.mark;
    const out: number[] = [];
    let accept = false;
    let top = 0;
    for (let k = starts.length - 1; k >= 0; k--) stack[top++] = starts[k]!;
    if (code !== undefined) {
      for (let k = 0; k < list.length; k++) {
        const i = list[k]!;
        if (code < 128 ? ascii[i]![code] === 1 : tests[i]!(code))
          stack[top++] = kinds[i] === STAR ? i : i + 1;
      }
    }
    while (top > 0) {
      const i = stack[--top]!;
      if (seen[i] === mark) continue;
      seen[i] = mark;
      const kind = kinds[i]!;
      if (kind <= STAR) {
        out.push(i);
        if (kind !== ONE) stack[top++] = i + 1;
      } else if (kind === ACCEPT) accept = true;
      else if (kind === START ? pos === 0 : pos === len) stack[top++] = i + 1;
    }
    return { list: Int32Array.from(out), accept };
  }
}
