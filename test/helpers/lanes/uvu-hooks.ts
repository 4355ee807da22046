// Preloaded by both test lanes. uvu 0.5.6 (the last release) runs a suite's `before` hooks inside
// a try whose `finally` returns: an error thrown there is dropped, the suite's tests do not run,
// and the run passes with "(0 / N)" in green. This loader rewrites that one statement of uvu as it
// loads, so that a failing `before` hook is reported like a failing test: its error printed, the
// run failed. It refuses to run if uvu's code is not the one it knows.
import { register } from 'node:module';

register('./uvu-hooks-loader.mjs', import.meta.url);
