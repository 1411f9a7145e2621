/**
 * `next/image` for Kiln: a plain `<img>` with the given size, `loading` and `alt`. There is no
 * image optimizer, so `src` is used as given (a custom `loader` still runs unless `unoptimized`,
 * or `images.unoptimized` in next.config, says not to). `fill`, `priority`, `sizes` and
 * `placeholder="blur"` map to what an `<img>` can do. Works in server and client components.
 */
import type { CSSProperties, ImgHTMLAttributes, ReactNode, Ref } from 'react';

export interface StaticImageData {
  src: string;
  width: number;
  height: number;
  blurDataURL?: string;
  blurWidth?: number;
  blurHeight?: number;
}

export interface ImageLoaderProps {
  src: string;
  width: number;
  quality?: number;
}

export type ImageLoader = (props: ImageLoaderProps) => string;

export interface ImageProps extends Omit<ImgHTMLAttributes<HTMLImageElement>, 'src' | 'width' | 'height' | 'loading' | 'srcSet'> {
  src: string | StaticImageData | { default: StaticImageData };
  alt: string;
  width?: number | `${number}`;
  height?: number | `${number}`;
  fill?: boolean;
  loader?: ImageLoader;
  quality?: number | `${number}`;
  priority?: boolean;
  /** Next.js 16's name for `priority`. */
  preload?: boolean;
  loading?: 'eager' | 'lazy';
  placeholder?: 'empty' | 'blur' | `data:image/${string}`;
  blurDataURL?: string;
  unoptimized?: boolean;
  overrideSrc?: string;
  /** Deprecated Next.js 12 props: accepted, and ignored. */
  layout?: string;
  objectFit?: string;
  objectPosition?: string;
  lazyBoundary?: string;
  lazyRoot?: string;
  onLoadingComplete?: (img: HTMLImageElement) => void;
  ref?: Ref<HTMLImageElement>;
}

function configUnoptimized(): boolean {
  // Spelled out in full so Vite's define replaces it (see src/client/config.ts).
  const value: unknown = import.meta.env?.KILN_IMAGES_UNOPTIMIZED;
  return value === true || value === 'true';
}

export default function Image(props: ImageProps): ReactNode {
  const {
    src: srcProp,
    alt,
    width,
    height,
    fill = false,
    loader,
    quality,
    priority = false,
    preload = false,
    loading,
    placeholder = 'empty',
    blurDataURL,
    unoptimized = false,
    overrideSrc,
    style,
    sizes,
    layout: _layout,
    objectFit: _objectFit,
    objectPosition: _objectPosition,
    lazyBoundary: _lazyBoundary,
    lazyRoot: _lazyRoot,
    onLoadingComplete,
    onLoad,
    ...rest
  } = props;
  const data = staticData(srcProp);
  let src = typeof srcProp === 'string' ? srcProp : (data?.src ?? '');
  const w = toNumber(width) ?? (fill ? undefined : data?.width);
  const h = toNumber(height) ?? (fill ? undefined : data?.height);
  // As in Next.js, `src` is not given the base path: apps with one already write it in.
  if (loader && !unoptimized && !configUnoptimized() && w !== undefined) {
    src = loader({ src, width: w, quality: toNumber(quality) });
  }
  const eager = priority || preload;
  const blur = placeholder === 'blur' ? (blurDataURL ?? data?.blurDataURL) : placeholder.startsWith('data:image/') ? placeholder : undefined;
  const imgStyle: CSSProperties = {
    ...(fill ? { position: 'absolute', height: '100%', width: '100%', inset: 0, objectFit: 'cover' } : {}),
    ...(blur ? { backgroundImage: `url("${blur}")`, backgroundSize: 'cover', backgroundPosition: '50% 50%', backgroundRepeat: 'no-repeat' } : {}),
    ...style,
  };
  const handleLoad =
    onLoadingComplete || onLoad
      ? (event: Parameters<NonNullable<typeof onLoad>>[0]) => {
          onLoad?.(event);
          onLoadingComplete?.(event.currentTarget);
        }
      : undefined;
  return (
    <img
      {...rest}
      alt={alt}
      src={overrideSrc ?? src}
      width={w}
      height={h}
      sizes={sizes ?? (fill ? '100vw' : undefined)}
      loading={loading ?? (eager ? 'eager' : 'lazy')}
      fetchPriority={eager ? 'high' : rest.fetchPriority}
      decoding={rest.decoding ?? 'async'}
      style={Object.keys(imgStyle).length > 0 ? imgStyle : undefined}
      onLoad={handleLoad}
    />
  );
}

/** Builds the props `<Image>` would give its `<img>`, for use with `<picture>` (Next.js 14.1+). */
export function getImageProps(props: ImageProps): { props: ImgHTMLAttributes<HTMLImageElement> } {
  const element = Image(props) as { props: ImgHTMLAttributes<HTMLImageElement> };
  return { props: element.props };
}

function staticData(src: ImageProps['src']): StaticImageData | undefined {
  if (typeof src !== 'object' || src === null) return undefined;
  return 'default' in src ? src.default : src;
}

function toNumber(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : undefined;
}
