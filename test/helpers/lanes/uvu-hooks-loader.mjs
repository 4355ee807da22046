// The loader of uvu-hooks.ts (module customization hooks run in a thread of their own, from a file).
const BEFORE = 'for (hook of before) await hook(state);';
const CAUGHT =
  "try { for (hook of before) await hook(state); } catch (err) { errors = format('(before hook)', err, name); arr = []; }";

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (!url.endsWith('/node_modules/uvu/dist/index.mjs')) return loaded;
  const source = String(loaded.source);
  if (!source.includes(BEFORE))
    throw new Error(`uvu-hooks: ${url} is not the uvu 0.5.6 this loader patches; check test/helpers/lanes/`);
  return { ...loaded, source: source.replace(BEFORE, CAUGHT) };
}
