import { createElement, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test } from 'vitest';
import { EMPTY_METADATA, mergeMetadata, type Metadata } from './metadata.ts';
import { metadataTags } from './metadata-tags.tsx';
import { DEFAULT_VIEWPORT, mergeViewport, viewportTags, type Viewport } from './viewport.tsx';

/**
 * One row per documented field of Next.js's `Metadata` and `Viewport`: the segments' exports,
 * root layout first and the page last, and the head tags they must give. Viewport tags come
 * first, as in the page's head.
 */
interface Row {
  name: string;
  layouts?: Metadata[];
  page?: Metadata;
  viewport?: Viewport[];
  tags: string[];
}

const rows: Row[] = [
  { name: 'nothing', page: {}, tags: [] },
  { name: 'title string', page: { title: 'Next.js' }, tags: ['<title>Next.js</title>'] },
  {
    name: 'title.default for segments without a title',
    layouts: [{ title: { default: 'Acme', template: '%s | Acme' } }],
    page: {},
    tags: ['<title>Acme</title>'],
  },
  {
    name: 'title.template wraps a child title',
    layouts: [{ title: { default: 'Acme', template: '%s | Acme' } }],
    page: { title: 'About' },
    tags: ['<title>About | Acme</title>'],
  },
  {
    name: 'title.absolute ignores the template',
    layouts: [{ title: { template: '%s | Acme' } }],
    page: { title: { absolute: 'About' } },
    tags: ['<title>About</title>'],
  },
  {
    name: "a nested layout's title.default goes through the parent template, its template replaces it",
    layouts: [{ title: { default: 'Acme', template: '%s | Acme' } }, { title: { default: 'Blog', template: '%s · Blog' } }],
    page: {},
    tags: ['<title>Blog | Acme</title>'],
  },
  {
    name: "a layout's title string ends its parent's template below it",
    layouts: [{ title: { default: 'Acme', template: '%s | Acme' } }, { title: 'Blog' }],
    page: { title: 'Post' },
    tags: ['<title>Post</title>'],
  },
  {
    name: "a page's title.template has no effect",
    layouts: [{ title: { default: 'Acme', template: '%s | Acme' } }],
    page: { title: { default: 'Post', template: 'never %s' } },
    tags: ['<title>Post | Acme</title>'],
  },
  { name: 'description', page: { description: 'The React Framework for the Web' }, tags: ['<meta name="description" content="The React Framework for the Web"/>'] },
  {
    name: 'other basic fields',
    page: {
      generator: 'Next.js',
      applicationName: 'Next.js',
      referrer: 'origin-when-cross-origin',
      keywords: ['Next.js', 'React', 'JavaScript'],
      authors: [{ name: 'Seb' }, { name: 'Josh', url: 'https://nextjs.org' }],
      creator: 'Jiachi Liu',
      publisher: 'Sebastian Markbåge',
      formatDetection: { email: false, address: false, telephone: false },
      category: 'technology',
      abstract: 'A framework',
      classification: 'software',
    },
    tags: [
      '<meta name="application-name" content="Next.js"/>',
      '<meta name="author" content="Seb"/>',
      '<meta name="author" content="Josh"/>',
      '<link rel="author" href="https://nextjs.org"/>',
      '<meta name="generator" content="Next.js"/>',
      '<meta name="keywords" content="Next.js,React,JavaScript"/>',
      '<meta name="referrer" content="origin-when-cross-origin"/>',
      '<meta name="creator" content="Jiachi Liu"/>',
      '<meta name="publisher" content="Sebastian Markbåge"/>',
      '<meta name="abstract" content="A framework"/>',
      '<meta name="category" content="technology"/>',
      '<meta name="classification" content="software"/>',
      '<meta name="format-detection" content="telephone=no, address=no, email=no"/>',
    ],
  },
  { name: 'keywords as one string', page: { keywords: 'iron, forge' }, tags: ['<meta name="keywords" content="iron, forge"/>'] },
  {
    name: 'metadataBase composes relative URLs',
    page: {
      metadataBase: new URL('https://acme.com'),
      alternates: { canonical: '/', languages: { 'en-US': '/en-US', 'de-DE': '/de-DE' } },
      openGraph: { images: '/og-image.png' },
    },
    tags: [
      '<link rel="canonical" href="https://acme.com"/>',
      '<link rel="alternate" href="https://acme.com/en-US" hrefLang="en-US"/>',
      '<link rel="alternate" href="https://acme.com/de-DE" hrefLang="de-DE"/>',
      '<meta property="og:image" content="https://acme.com/og-image.png"/>',
    ],
  },
  {
    name: 'alternates: canonical, languages, media, types',
    page: {
      alternates: {
        canonical: 'https://nextjs.org',
        languages: { 'en-US': 'https://nextjs.org/en-US' },
        media: { 'only screen and (max-width: 600px)': 'https://nextjs.org/mobile' },
        types: { 'application/rss+xml': [{ url: 'https://nextjs.org/rss', title: 'RSS' }] },
      },
    },
    tags: [
      '<link rel="canonical" href="https://nextjs.org"/>',
      '<link rel="alternate" href="https://nextjs.org/en-US" hrefLang="en-US"/>',
      '<link rel="alternate" href="https://nextjs.org/mobile" media="only screen and (max-width: 600px)"/>',
      '<link rel="alternate" href="https://nextjs.org/rss" type="application/rss+xml" title="RSS"/>',
    ],
  },
  {
    name: 'openGraph: website with images, videos and audio',
    page: {
      openGraph: {
        title: 'Next.js',
        description: 'The React Framework for the Web',
        url: 'https://nextjs.org',
        siteName: 'Next.js',
        images: [
          { url: 'https://nextjs.org/og.png', width: 800, height: 600 },
          { url: 'https://nextjs.org/og-alt.png', width: 1800, height: 1600, alt: 'My custom alt' },
        ],
        videos: [{ url: 'https://nextjs.org/video.mp4', width: 800, height: 600 }],
        audio: [{ url: 'https://nextjs.org/audio.mp3' }],
        locale: 'en_US',
        type: 'website',
      },
    },
    tags: [
      '<meta property="og:title" content="Next.js"/>',
      '<meta property="og:description" content="The React Framework for the Web"/>',
      '<meta property="og:url" content="https://nextjs.org/"/>',
      '<meta property="og:site_name" content="Next.js"/>',
      '<meta property="og:locale" content="en_US"/>',
      '<meta property="og:image" content="https://nextjs.org/og.png"/>',
      '<meta property="og:image:width" content="800"/>',
      '<meta property="og:image:height" content="600"/>',
      '<meta property="og:image" content="https://nextjs.org/og-alt.png"/>',
      '<meta property="og:image:width" content="1800"/>',
      '<meta property="og:image:height" content="1600"/>',
      '<meta property="og:image:alt" content="My custom alt"/>',
      '<meta property="og:video" content="https://nextjs.org/video.mp4"/>',
      '<meta property="og:video:width" content="800"/>',
      '<meta property="og:video:height" content="600"/>',
      '<meta property="og:audio" content="https://nextjs.org/audio.mp3"/>',
      '<meta property="og:type" content="website"/>',
    ],
  },
  {
    name: 'openGraph: article',
    page: {
      openGraph: {
        title: 'Next.js',
        type: 'article',
        publishedTime: '2023-01-01T00:00:00.000Z',
        modifiedTime: '2023-02-01T00:00:00.000Z',
        authors: ['Seb', 'Josh'],
        section: 'Releases',
        tags: ['react', 'rsc'],
      },
    },
    tags: [
      '<meta property="og:title" content="Next.js"/>',
      '<meta property="og:type" content="article"/>',
      '<meta property="article:published_time" content="2023-01-01T00:00:00.000Z"/>',
      '<meta property="article:modified_time" content="2023-02-01T00:00:00.000Z"/>',
      '<meta property="article:author" content="Seb"/>',
      '<meta property="article:author" content="Josh"/>',
      '<meta property="article:section" content="Releases"/>',
      '<meta property="article:tag" content="react"/>',
      '<meta property="article:tag" content="rsc"/>',
    ],
  },
  {
    name: 'openGraph: book and profile fields',
    layouts: [{ openGraph: { type: 'book', isbn: '978-3', authors: 'https://a.test/ann', tags: 'forge' } }],
    page: {},
    tags: [
      '<meta property="og:type" content="book"/>',
      '<meta property="book:isbn" content="978-3"/>',
      '<meta property="book:author" content="https://a.test/ann"/>',
      '<meta property="book:tag" content="forge"/>',
    ],
  },
  {
    name: "openGraph is replaced whole by a deeper segment's, and inherited when it sets none",
    layouts: [{ openGraph: { title: 'Acme', description: 'Acme is a…', images: '/og.png' } }, { description: 'blog' }],
    page: { openGraph: { title: 'Blog' } },
    tags: ['<meta name="description" content="blog"/>', '<meta property="og:title" content="Blog"/>'],
  },
  {
    name: 'robots and googleBot',
    page: {
      robots: {
        index: true,
        follow: true,
        nocache: false,
        googleBot: { index: true, follow: true, noimageindex: false, 'max-video-preview': -1, 'max-image-preview': 'large', 'max-snippet': -1 },
      },
    },
    tags: [
      '<meta name="robots" content="index, follow"/>',
      '<meta name="googlebot" content="index, follow, max-video-preview:-1, max-image-preview:large, max-snippet:-1"/>',
    ],
  },
  { name: 'robots as text', page: { robots: { index: false, nocache: true } }, tags: ['<meta name="robots" content="noindex, nocache"/>'] },
  {
    name: 'icons: icon, shortcut, apple, other',
    page: {
      icons: {
        icon: [{ url: '/icon.png' }, new URL('/icon.png', 'https://example.com'), { url: '/icon-dark.png', media: '(prefers-color-scheme: dark)' }],
        shortcut: ['/shortcut-icon.png'],
        apple: [{ url: '/apple-icon.png' }, { url: '/apple-icon-x3.png', sizes: '180x180', type: 'image/png' }],
        other: { rel: 'apple-touch-icon-precomposed', url: '/apple-touch-icon-precomposed.png' },
      },
    },
    tags: [
      '<link rel="shortcut icon" href="/shortcut-icon.png"/>',
      '<link rel="icon" href="/icon.png"/>',
      '<link rel="icon" href="https://example.com/icon.png"/>',
      '<link rel="icon" href="/icon-dark.png" media="(prefers-color-scheme: dark)"/>',
      '<link rel="apple-touch-icon" href="/apple-icon.png"/>',
      '<link rel="apple-touch-icon" href="/apple-icon-x3.png" sizes="180x180" type="image/png"/>',
      '<link rel="apple-touch-icon-precomposed" href="/apple-touch-icon-precomposed.png"/>',
    ],
  },
  { name: 'icons as one URL', page: { icons: '/favicon.png' }, tags: ['<link rel="icon" href="/favicon.png"/>'] },
  { name: 'manifest', page: { manifest: 'https://nextjs.org/manifest.json' }, tags: ['<link rel="manifest" href="https://nextjs.org/manifest.json"/>'] },
  {
    name: 'twitter: summary_large_image',
    page: {
      twitter: {
        card: 'summary_large_image',
        title: 'Next.js',
        description: 'The React Framework for the Web',
        siteId: '1467726470533754880',
        creator: '@nextjs',
        creatorId: '1467726470533754880',
        images: ['https://nextjs.org/og.png'],
      },
    },
    tags: [
      '<meta name="twitter:card" content="summary_large_image"/>',
      '<meta name="twitter:site:id" content="1467726470533754880"/>',
      '<meta name="twitter:creator" content="@nextjs"/>',
      '<meta name="twitter:creator:id" content="1467726470533754880"/>',
      '<meta name="twitter:title" content="Next.js"/>',
      '<meta name="twitter:description" content="The React Framework for the Web"/>',
      '<meta name="twitter:image" content="https://nextjs.org/og.png"/>',
    ],
  },
  {
    name: 'twitter: the card follows the images when left out; relative images use metadataBase',
    layouts: [{ metadataBase: 'https://acme.com/', twitter: { site: '@acme', images: '/card.png' } }],
    page: {},
    tags: [
      '<meta name="twitter:card" content="summary_large_image"/>',
      '<meta name="twitter:site" content="@acme"/>',
      '<meta name="twitter:image" content="https://acme.com/card.png"/>',
    ],
  },
  {
    name: 'twitter: app',
    page: {
      twitter: {
        card: 'app',
        images: { url: 'https://nextjs.org/og.png', alt: 'Next.js Logo' },
        app: { name: 'twitter_app', id: { iphone: 'twitter_app://iphone', googleplay: 'twitter_app://googleplay' }, url: { iphone: 'https://iphone_url' } },
      },
    },
    tags: [
      '<meta name="twitter:card" content="app"/>',
      '<meta name="twitter:image" content="https://nextjs.org/og.png"/>',
      '<meta name="twitter:image:alt" content="Next.js Logo"/>',
      '<meta name="twitter:app:name:iphone" content="twitter_app"/>',
      '<meta name="twitter:app:id:iphone" content="twitter_app://iphone"/>',
      '<meta name="twitter:app:url:iphone" content="https://iphone_url"/>',
      '<meta name="twitter:app:name:googleplay" content="twitter_app"/>',
      '<meta name="twitter:app:id:googleplay" content="twitter_app://googleplay"/>',
    ],
  },
  {
    name: 'verification',
    page: { verification: { google: 'google', yandex: 'yandex', yahoo: 'yahoo', other: { me: ['my-email', 'my-link'] } } },
    tags: [
      '<meta name="google-site-verification" content="google"/>',
      '<meta name="y_key" content="yahoo"/>',
      '<meta name="yandex-verification" content="yandex"/>',
      '<meta name="me" content="my-email"/>',
      '<meta name="me" content="my-link"/>',
    ],
  },
  {
    name: 'itunes and appleWebApp',
    page: {
      itunes: { appId: 'myAppStoreID', appArgument: 'myAppArgument' },
      appleWebApp: {
        title: 'Apple Web App',
        statusBarStyle: 'black-translucent',
        startupImage: ['/startup/768x1004.png', { url: '/startup/1536x2008.png', media: '(device-width: 768px) and (device-height: 1024px)' }],
      },
    },
    tags: [
      '<meta name="apple-itunes-app" content="app-id=myAppStoreID, app-argument=myAppArgument"/>',
      '<meta name="mobile-web-app-capable" content="yes"/>',
      '<meta name="apple-mobile-web-app-title" content="Apple Web App"/>',
      '<link rel="apple-touch-startup-image" href="/startup/768x1004.png"/>',
      '<link rel="apple-touch-startup-image" href="/startup/1536x2008.png" media="(device-width: 768px) and (device-height: 1024px)"/>',
      '<meta name="apple-mobile-web-app-status-bar-style" content="black-translucent"/>',
    ],
  },
  {
    name: 'appLinks',
    page: { appLinks: { ios: { url: 'https://nextjs.org/ios', app_store_id: 'app_store_id' }, web: { url: 'https://nextjs.org/web', should_fallback: true } } },
    tags: [
      '<meta property="al:ios:url" content="https://nextjs.org/ios"/>',
      '<meta property="al:ios:app_store_id" content="app_store_id"/>',
      '<meta property="al:web:url" content="https://nextjs.org/web"/>',
      '<meta property="al:web:should_fallback" content="true"/>',
    ],
  },
  {
    name: 'archives, assets, bookmarks, pagination',
    page: { archives: ['https://nextjs.org/13'], assets: ['https://nextjs.org/assets'], bookmarks: ['https://nextjs.org/13'], pagination: { previous: '/p/1', next: '/p/3' } },
    tags: [
      '<link rel="archives" href="https://nextjs.org/13"/>',
      '<link rel="assets" href="https://nextjs.org/assets"/>',
      '<link rel="bookmarks" href="https://nextjs.org/13"/>',
      '<link rel="prev" href="/p/1"/>',
      '<link rel="next" href="/p/3"/>',
    ],
  },
  { name: 'facebook appId', page: { facebook: { appId: '12345678' } }, tags: ['<meta property="fb:app_id" content="12345678"/>'] },
  {
    name: 'facebook admins',
    page: { facebook: { admins: ['12345678', '87654321'] } },
    tags: ['<meta property="fb:admins" content="12345678"/>', '<meta property="fb:admins" content="87654321"/>'],
  },
  { name: 'pinterest', page: { pinterest: { richPin: true } }, tags: ['<meta name="pinterest-rich-pin" content="true"/>'] },
  {
    name: 'other',
    page: { other: { custom: 'meta', many: ['meta1', 'meta2'] } },
    tags: ['<meta name="custom" content="meta"/>', '<meta name="many" content="meta1"/>', '<meta name="many" content="meta2"/>'],
  },
  {
    name: 'text is escaped',
    page: { title: 'Anvils & more', description: 'Iron <goods>' },
    tags: ['<title>Anvils &amp; more</title>', '<meta name="description" content="Iron &lt;goods&gt;"/>'],
  },
  { name: 'viewport: the default', viewport: [], tags: ['<meta name="viewport" content="width=device-width, initial-scale=1"/>'] },
  {
    name: 'viewport: width and scales replace the default tag',
    viewport: [{ width: 'device-width', initialScale: 1, maximumScale: 1, userScalable: false }],
    tags: ['<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no"/>'],
  },
  {
    name: 'viewport: themeColor with media, colorScheme, merged root→leaf',
    viewport: [
      { themeColor: 'black', colorScheme: 'dark' },
      { themeColor: [{ media: '(prefers-color-scheme: light)', color: 'cyan' }, { media: '(prefers-color-scheme: dark)', color: 'black' }] },
    ],
    tags: [
      '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
      '<meta name="theme-color" media="(prefers-color-scheme: light)" content="cyan"/>',
      '<meta name="theme-color" media="(prefers-color-scheme: dark)" content="black"/>',
      '<meta name="color-scheme" content="dark"/>',
    ],
  },
];

test.each(rows)('$name', ({ layouts = [], page, viewport, tags }) => {
  const nodes: ReactNode[] = [];
  if (viewport) nodes.push(...viewportTags(viewport.reduce(mergeViewport, DEFAULT_VIEWPORT)));
  if (page) {
    let m = EMPTY_METADATA;
    for (const layout of layouts) m = mergeMetadata(m, layout, true);
    nodes.push(...metadataTags(mergeMetadata(m, page, false)));
  }
  expect(renderToStaticMarkup(createElement(Fragment, null, ...nodes)).split(/(?=<(?:meta|link|title)[ >])/).filter(Boolean)).toEqual(tags);
});
