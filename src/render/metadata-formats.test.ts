import { describe, expect, it } from 'vitest';
import { manifestJson, robotsTxt, sitemapXml } from './metadata-formats.ts';

const where = { file: 'app/robots.ts', url: '/robots.txt', source: 'robots()' };

describe('robotsTxt', () => {
  it('writes rules, host and sitemaps as Next.js does', () => {
    expect(robotsTxt({ rules: { userAgent: ['a', 'b'], disallow: '/x' }, host: 'https://h', sitemap: ['s1', 's2'] }, where)).toBe(
      'User-Agent: a\nUser-Agent: b\nDisallow: /x\n\nHost: https://h\nSitemap: s1\nSitemap: s2\n',
    );
    expect(robotsTxt({ rules: {} }, where)).toBe('User-Agent: *\n\n');
  });

  it('refuses a value without rules, naming the file', () => {
    expect(() => robotsTxt([], where)).toThrow(/app\/robots\.ts \(\/robots\.txt\) gives robots\(\)/);
  });
});

describe('sitemapXml', () => {
  it('declares only the namespaces used and escapes text', () => {
    const xml = sitemapXml([{ url: 'https://a/?x=1&y=2', images: ['https://a/i.png'], videos: [{ title: 'T', family_friendly: true }] }], where);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">',
        '<url>',
        '<loc>https://a/?x=1&amp;y=2</loc>',
        '<image:image>',
        '<image:loc>https://a/i.png</image:loc>',
        '</image:image>',
        '<video:video>',
        '<video:title>T</video:title>',
        '<video:family_friendly>yes</video:family_friendly>',
        '</video:video>',
        '</url>',
        '</urlset>',
        '',
      ].join('\n'),
    );
  });

  it('keeps a lastModified string as written', () => {
    expect(sitemapXml([{ url: 'u', lastModified: '2024-01-01' }], where)).toContain('<lastmod>2024-01-01</lastmod>');
  });

  it('refuses entries without a url', () => {
    expect(() => sitemapXml([{ loc: 'u' }], where)).toThrow(/Expected an array of \{ url/);
    expect(() => sitemapXml({}, where)).toThrow(/Expected an array/);
  });
});

describe('manifestJson', () => {
  it('is the object as JSON', () => {
    expect(manifestJson({ name: 'A' }, where)).toBe('{"name":"A"}');
    expect(() => manifestJson('A', where)).toThrow(/Expected an object/);
  });
});
