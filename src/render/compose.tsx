/**
 * Builds the React tree of one render: the page (or a not-found file) wrapped root→leaf in the
 * layouts, templates and loading boundaries of its folders, with the merged metadata inside.
 */
import { Fragment, Suspense, type ReactNode } from 'react';
import { kilnError } from '../errors.ts';
import type { LoadModule, RouteModule } from '../params/types.ts';
import type { Params, Route, RouteLevel, Segment } from '../routing/types.ts';
import { blame } from './blame.ts';
import { DefaultNotFound, DefaultRootLayout } from './defaults.tsx';
import { Layer } from './layer.tsx';
import { EMPTY_METADATA, isPlainObject, mergeMetadata, type Metadata, type ResolvedMetadata } from './metadata.ts';
import { metadataTags } from './metadata-tags.tsx';
import { noteOwnImages, withMetadataFiles, type OwnImages } from './metadata-files.ts';
import { DEFAULT_VIEWPORT, mergeViewport, viewportTags, type Viewport } from './viewport.tsx';
import { isClientReference } from '../params/client-config.ts';
import { ClientParams } from './client-params.tsx';
import { paramsProp, paramsUpTo } from './params-prop.ts';

export type LeafKind = 'page' | 'not-found';

export interface ComposeInput {
  /** The matched route, or null for a path that matched nothing. */
  route: Route | null;
  /** Folders to wrap, root first; the leaf sits in the last one. */
  levels: readonly RouteLevel[];
  /** The leaf file; null renders Kiln's default not-found page. */
  leaf: { file: string; kind: LeafKind } | { file: null; kind: 'not-found' };
  params: Params;
  load: LoadModule;
}

/** One component of the tree, root last, for error messages ("component stack"). */
export interface ChainLink {
  file: string;
  name: string;
}

export interface Composition {
  element: ReactNode;
  /** Leaf first, root layout last. */
  chain: ChainLink[];
}

interface Loaded {
  file: string;
  kind: string;
  module: RouteModule;
  component: unknown;
}

const SUGGESTED: Record<string, string> = {
  page: 'Page',
  layout: 'Layout',
  template: 'Template',
  loading: 'Loading',
  'not-found': 'NotFound',
};

export async function compose(input: ComposeInput): Promise<Composition> {
  const { route, levels, leaf, params, load } = input;
  const pattern = route?.pattern ?? '(not found)';

  const wanted: Array<{ file: string; kind: string }> = [];
  levels.forEach((level) => {
    if (level.layout) wanted.push({ file: level.layout, kind: 'layout' });
    if (level.template) wanted.push({ file: level.template, kind: 'template' });
    if (level.loading && leaf.kind === 'page') wanted.push({ file: level.loading, kind: 'loading' });
  });
  if (leaf.file !== null) wanted.push({ file: leaf.file, kind: leaf.kind });

  const loaded = new Map<string, Loaded>();
  await Promise.all(
    wanted.map(async ({ file, kind }) => {
      let module: RouteModule;
      try {
        module = await load(file);
      } catch (error) {
        blame(error, file);
        throw error;
      }
      const component = module.default;
      if (typeof component !== 'function' && !isExoticComponent(component)) {
        const error = kilnError('RENDER_NO_DEFAULT_EXPORT', { file, route: pattern, kind, value: component, suggested: SUGGESTED[kind] });
        blame(error, file);
        throw error;
      }
      loaded.set(file, { file, kind, module, component });
    }),
  );

  const chain: ChainLink[] = [];
  const link = (l: Loaded): void => {
    chain.push({ file: l.file, name: componentName(l.component, SUGGESTED[l.kind]) });
  };

  // Metadata sources root→leaf: every layout, then the leaf.
  const metadataSources: MetadataSource[] = [];
  levels.forEach((level, i) => {
    if (level.layout) {
      metadataSources.push({ loaded: loaded.get(level.layout)!, params: layerParams(route, i, params), ownsChildren: true, level: i });
    }
  });

  let element: ReactNode;
  if (leaf.file === null) {
    element = <DefaultNotFound />;
    chain.push({ file: '(kiln default not-found)', name: 'DefaultNotFound' });
  } else {
    const l = loaded.get(leaf.file)!;
    element =
      leaf.kind === 'page'
        ? withParams(l, { params, searchParams: {} })
        : <Layer component={l.component} props={{}} file={l.file} />;
    link(l);
    metadataSources.push({ loaded: l, params, ownsChildren: false, level: levels.length - 1 });
  }

  const head = (
    <MetadataSlot
      sources={metadataSources}
      route={pattern}
      notFound={leaf.kind === 'not-found'}
      defaultTitle={leaf.file === null}
      levels={levels}
      params={params}
    />
  );
  const outermost = levels.findIndex((level) => level.layout !== undefined);

  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    if (level.loading && leaf.kind === 'page') {
      const l = loaded.get(level.loading)!;
      element = <Suspense fallback={<Layer component={l.component} props={{}} file={l.file} />}>{element}</Suspense>;
    }
    if (level.template) {
      const l = loaded.get(level.template)!;
      element = <Layer component={l.component} props={{ children: element }} file={l.file} />;
      link(l);
    }
    if (level.layout) {
      const l = loaded.get(level.layout)!;
      const children = i === outermost ? (<>{head}{element}</>) : element;
      element = withParams(l, { params: layerParams(route, i, params), children });
      link(l);
    }
    if (level.segment) {
      // As in Next.js: a level is keyed by its segment's value, so when a navigation changes
      // it (`/posts/a` → `/posts/b`) that level's layout and everything below remount with
      // fresh state, while the layouts above, whose keys stay, keep theirs.
      element = <Fragment key={segmentKey(level.segment, params)}>{element}</Fragment>;
    }
  }
  if (outermost === -1) {
    // No root layout: Kiln supplies the document so the page still hydrates.
    element = <DefaultRootLayout>{head}{element}</DefaultRootLayout>;
  }
  return { element, chain };
}

/**
 * A page or layout with its `params` (a page also with `searchParams`). A server component gets
 * them as `paramsProp` values; a `"use client"` one cannot, since its props cross the Flight
 * boundary, where a Promise loses its keys: it gets them as plain objects through
 * `ClientParams`, which builds the same values on the client side.
 */
function withParams(l: Loaded, props: { params: Params; searchParams?: Params; children?: ReactNode }): ReactNode {
  if (isClientReference(l.component)) {
    return <Layer component={ClientParams} props={{ component: l.component, ...props }} file={l.file} />;
  }
  const own: Record<string, unknown> = { params: paramsProp(props.params) };
  if (props.searchParams !== undefined) own.searchParams = paramsProp(props.searchParams);
  if (props.children !== undefined) own.children = props.children;
  return <Layer component={l.component} props={own} file={l.file} />;
}

function segmentKey(segment: Segment, params: Params): string {
  if (!segment.param) return segment.raw;
  return `${segment.raw}=${JSON.stringify(params[segment.param] ?? null)}`;
}

function layerParams(route: Route | null, levelIndex: number, params: Params): Params {
  return route ? paramsUpTo(route, levelIndex, params) : {};
}

interface MetadataSource {
  loaded: Loaded;
  params: Params;
  ownsChildren: boolean;
  /** Index of the source's folder in the levels rendered. */
  level: number;
}

/**
 * Resolves `metadata` / `generateMetadata` and `viewport` / `generateViewport` root→leaf inside
 * the Flight render, so they share the render's `fetch` memo and React `cache()` with the
 * components.
 */
async function MetadataSlot(props: {
  sources: MetadataSource[];
  route: string;
  notFound: boolean;
  defaultTitle: boolean;
  levels: readonly RouteLevel[];
  params: Params;
}): Promise<ReactNode> {
  let resolved: ResolvedMetadata = EMPTY_METADATA;
  let viewport: Viewport = DEFAULT_VIEWPORT;
  const ownImages: OwnImages = { openGraph: -1, twitter: -1 };
  if (props.notFound) resolved = mergeMetadata(resolved, { robots: 'noindex' }, false);
  for (const source of props.sources) {
    const value = await metadataOf(source, resolved, props.route);
    if (value !== undefined) resolved = mergeMetadata(resolved, value, source.ownsChildren);
    if (value !== undefined) noteOwnImages(ownImages, source.level, value);
    const own = await exportedObject(source, 'generateViewport', 'viewport', props.route, () => []);
    if (own !== undefined) viewport = mergeViewport(viewport, own as Viewport);
  }
  // Metadata files (icon.png, opengraph-image.jpg, …) of the folders rendered.
  resolved = await withMetadataFiles(resolved, props.levels, props.params, ownImages);
  if (props.defaultTitle) resolved = mergeMetadata(resolved, { title: { absolute: '404: This page could not be found.' } }, false);
  return [
    <meta key="charset" charSet="utf-8" />,
    ...viewportTags(viewport),
    ...metadataTags(resolved),
  ];
}

async function metadataOf(source: MetadataSource, parent: ResolvedMetadata, route: string): Promise<Metadata | undefined> {
  return (await exportedObject(source, 'generateMetadata', 'metadata', route, () => [Promise.resolve(parent)])) as Metadata | undefined;
}

/**
 * A segment's `generate…()` result (called with its params and whatever `extra` gives) or else
 * its static export; undefined when it has neither or gives nothing.
 */
async function exportedObject(
  source: MetadataSource,
  generator: 'generateMetadata' | 'generateViewport',
  name: 'metadata' | 'viewport',
  route: string,
  extra: () => unknown[],
): Promise<Record<string, unknown> | undefined> {
  const { module, file } = source.loaded;
  let value: unknown;
  let origin: string;
  const generate = module[generator];
  if (typeof generate === 'function') {
    origin = `${generator}()`;
    try {
      value = await generate({ params: paramsProp(source.params), searchParams: paramsProp({}) }, ...extra());
    } catch (error) {
      blame(error, file);
      throw error;
    }
  } else if (module[name] !== undefined) {
    origin = name;
    value = module[name];
  } else {
    return undefined;
  }
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    const error = kilnError('METADATA_INVALID', { file, route, source: origin, value });
    blame(error, file);
    throw error;
  }
  return value;
}

function isExoticComponent(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { $$typeof?: unknown }).$$typeof === 'symbol';
}

/**
 * The component's own name, else the kind's (`Layout`). plugin-rsc wraps the default export of a
 * module that imports CSS in a function named `default`, which says nothing.
 */
function componentName(component: unknown, fallback: string): string {
  const named = component as { displayName?: unknown; name?: unknown } | null;
  const name = named?.displayName ?? named?.name;
  return typeof name === 'string' && name !== '' && name !== 'default' ? name : fallback;
}
