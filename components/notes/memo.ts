/**
 * `memo` without preact/compat. Importing compat for its `memo` would install compat's global
 * option hooks (React-style event and prop rewriting) for the whole popup as a side effect; a
 * component that skips rendering when its props are shallowly equal is all the list needs.
 */
import { Component, type FunctionComponent, h } from 'preact';

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a) as (keyof typeof a)[];
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((key) => Object.is(a[key], b[key]));
}

/** Wraps `render` so it re-renders only when a prop changes (by `Object.is`). */
export function memo<P extends object>(render: FunctionComponent<P>): FunctionComponent<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !shallowEqual(this.props, next);
    }
    override render() {
      return h(render, this.props);
    }
  }
  (Memo as unknown as { displayName: string }).displayName =
    `Memo(${render.displayName ?? render.name})`;
  return Memo as unknown as FunctionComponent<P>;
}
