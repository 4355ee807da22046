// Where a line of a TypeScript source landed in a bundle, read from the bundle's source map (the
// reverse of node:module's SourceMap.findEntry): what a debugger does to bind a breakpoint set in
// the .ts file.
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export interface RawSourceMap {
  sources: string[];
  mappings: string;
}

/** The first generated position (0-based line and column) of `line` (0-based) of a source ending in `source`. */
export function generatedPosition(
  map: RawSourceMap,
  source: string,
  line: number,
): { lineNumber: number; columnNumber: number } | undefined {
  const wanted = map.sources.findIndex((s) => s.endsWith(source));
  const state = [0, 0, 0, 0]; // generated column, source, original line, original column
  let best: { lineNumber: number; columnNumber: number; originalColumn: number } | undefined;
  map.mappings.split(';').forEach((segments, lineNumber) => {
    state[0] = 0;
    for (const segment of segments.split(',')) {
      if (segment === '') continue;
      const fields = decodeVlq(segment);
      for (let i = 0; i < fields.length; i++) state[i] = state[i]! + fields[i]!;
      if (fields.length < 4 || state[1] !== wanted || state[2] !== line) continue;
      if (best === undefined || state[3]! < best.originalColumn)
        best = { lineNumber, columnNumber: state[0]!, originalColumn: state[3]! };
    }
  });
  return best && { lineNumber: best.lineNumber, columnNumber: best.columnNumber };
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
