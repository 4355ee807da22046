// Objects keyed by names that come from a request. On a plain object `out[name] = value` with the
// name `__proto__` does not add a key: it replaces the object's prototype, so the entry vanishes
// and every later `for...in` walks the value's fields (#15.12). `constructor`, `toString` and the
// rest assign as usual; only reads need care (Object.hasOwn, never `name in out`).

/** Sets `key` on `target` as an own, enumerable entry, `__proto__` included. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}
