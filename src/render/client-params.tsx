'use client';
/**
 * How a `"use client"` page or layout gets its `params` (and a page its `searchParams`): the
 * server sends them as plain objects and this component, on the client side of the Flight
 * boundary, hands the app's component the value that works both as `params.slug` and as
 * `use(params)`, as Next.js's client pages get it.
 */
import { createElement, useMemo, type ComponentType, type ReactNode } from 'react';
import type { Params } from '../routing/types.ts';
import { settledParamsProp } from './params-prop.ts';

export interface ClientParamsProps {
  component: ComponentType<Record<string, unknown>>;
  params: Params;
  /** Pages only: layouts get no searchParams. */
  searchParams?: Params;
  children?: ReactNode;
}

export function ClientParams({ component, params, searchParams, children }: ClientParamsProps): ReactNode {
  // Kept per payload object, so a re-render hands the component the same Promise.
  const paramsProp = useMemo(() => settledParamsProp(params), [params]);
  const searchProp = useMemo(() => (searchParams === undefined ? undefined : settledParamsProp(searchParams)), [searchParams]);
  const props: Record<string, unknown> = { params: paramsProp, children };
  if (searchProp !== undefined) props.searchParams = searchProp;
  return createElement(component, props);
}
