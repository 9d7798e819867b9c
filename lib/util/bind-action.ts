// Binds arguments to a server action for useActionState in a client component, the same function object
// for the same action and arguments on every render.
//
// Why not `action.bind(null, id)` in render: React gives each such bind a new, still pending promise of its
// bound arguments. When a form is posted without JavaScript, the server's render of the answer matches the
// posted action against the rendered one (useActionState's postback check), suspends on that promise and
// renders again, which binds again: a new pending promise, another suspend, forever — 100 % CPU, growing
// memory, no answer (issue 15, finding #5). With one bound function per (action, arguments) the retry finds
// the promise settled and the page renders.
const bound = new WeakMap<object, Map<string, unknown>>();
const MAX_PER_ACTION = 500; // ids of newsletters, forms, issues: few; a full map is simply started again

export function bindAction<A0, A extends unknown[], R>(action: (a0: A0, ...args: A) => R, a0: A0): (...args: A) => R {
  let byArgs = bound.get(action);
  if (!byArgs) bound.set(action, (byArgs = new Map()));
  const key = JSON.stringify([a0]);
  let fn = byArgs.get(key) as ((...args: A) => R) | undefined;
  if (!fn) {
    if (byArgs.size >= MAX_PER_ACTION) byArgs.clear();
    fn = action.bind(null, a0);
    byArgs.set(key, fn);
  }
  return fn;
}
