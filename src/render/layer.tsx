import { createElement, type ReactNode } from 'react';
import { blame } from './blame.ts';

const CLIENT_REFERENCE = Symbol.for('react.client.reference');

type AnyComponent = (props: Record<string, unknown>) => unknown;

export interface LayerProps {
  component: unknown;
  props: Record<string, unknown>;
  file: string;
}

/**
 * Renders one app component (layout, page, not-found…) so that an error it throws, sync or
 * async, is blamed on its file. A plain function component is called in place, inside this
 * component's render, which is what Flight would do anyway; client references, classes and
 * exotic components (memo, forwardRef) are rendered as elements and are not blamed.
 */
export function Layer({ component, props, file }: LayerProps): ReactNode {
  if (!isCallableServerComponent(component)) {
    return createElement(component as Parameters<typeof createElement>[0], props);
  }
  let out: unknown;
  try {
    out = component(props);
  } catch (error) {
    // Rethrown untouched: Suspense signals from `use()` must reach React as they are.
    blame(error, file);
    throw error;
  }
  if (isThenable(out)) {
    return Promise.resolve(out).then(undefined, (error: unknown) => {
      blame(error, file);
      throw error;
    }) as unknown as ReactNode;
  }
  return out as ReactNode;
}

function isCallableServerComponent(value: unknown): value is AnyComponent {
  if (typeof value !== 'function') return false;
  const fn = value as { $$typeof?: unknown; prototype?: { isReactComponent?: unknown } };
  return fn.$$typeof !== CLIENT_REFERENCE && !fn.prototype?.isReactComponent;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
