/**
 * `import type { … } from 'next'` as Kiln understands it: the page metadata Kiln renders, the
 * shapes of metadata files, and the next.config keys Kiln reads. Types only; `next` itself has
 * no run-time module in Kiln.
 */
import type { Metadata, ResolvedMetadata } from '../../dist/render/metadata.js';

export type { Metadata, ResolvedMetadata };

/** The second argument of `generateMetadata`: the metadata merged from the layouts above. */
export type ResolvingMetadata = Promise<ResolvedMetadata>;

/**
 * next.config. Kiln reads `output: 'export'`, `basePath`, `trailingSlash` and
 * `images.unoptimized`; every other key is accepted and listed once as ignored by the build.
 */
export interface NextConfig {
  output?: 'export' | 'standalone';
  basePath?: string;
  trailingSlash?: boolean;
  images?: { unoptimized?: boolean; [key: string]: unknown };
  [key: string]: unknown;
}

type ChangeFrequency = 'always' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'never';

interface RobotsRule {
  userAgent?: string | string[];
  allow?: string | string[];
  disallow?: string | string[];
  crawlDelay?: number;
}

/**
 * What `sitemap`, `robots` and `manifest` functions return in Next.js. Kiln does not turn
 * `app/sitemap.ts` into `/sitemap.xml`; these types serve apps that build those answers
 * themselves, for example in `app/sitemap.xml/route.ts`.
 */
export declare namespace MetadataRoute {
  type Sitemap = Array<{
    url: string;
    lastModified?: string | Date;
    changeFrequency?: ChangeFrequency;
    priority?: number;
    alternates?: { languages?: Record<string, string> };
    images?: string[];
  }>;

  interface Robots {
    rules: RobotsRule | RobotsRule[];
    sitemap?: string | string[];
    host?: string;
  }

  interface Manifest {
    name?: string;
    short_name?: string;
    description?: string;
    start_url?: string;
    scope?: string;
    id?: string;
    display?: 'fullscreen' | 'standalone' | 'minimal-ui' | 'browser';
    orientation?: string;
    background_color?: string;
    theme_color?: string;
    lang?: string;
    dir?: 'ltr' | 'rtl' | 'auto';
    categories?: string[];
    icons?: Array<{ src: string; sizes?: string; type?: string; purpose?: 'any' | 'maskable' | 'monochrome' }>;
    [key: string]: unknown;
  }
}
