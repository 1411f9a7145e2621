/**
 * Catches `redirect()` and `notFound()` thrown while a client component renders in the browser.
 * A redirect navigates (replacing the entry, as Next.js does); a not-found loads the page from
 * the server, which renders the nearest not-found file with status 404. Other errors pass on.
 */
import { Component, type ReactNode } from 'react';
import { isNotFoundError, redirectInfo, RedirectType, type KilnRouter } from '../next/navigation.ts';

interface Props {
  router: KilnRouter;
  children?: ReactNode;
}

interface State {
  caught: unknown;
  /** The children that threw, so new children (the next page) clear the error. */
  from: ReactNode;
}

export class RedirectBoundary extends Component<Props, State> {
  override state: State = { caught: null, from: null };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { caught: error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (state.caught === null) return { from: props.children };
    return props.children !== state.from ? { caught: null, from: props.children } : null;
  }

  override componentDidCatch(error: unknown): void {
    const { router } = this.props;
    // After this commit's layout effects, which move history to the page that threw.
    queueMicrotask(() => {
      const redirect = redirectInfo(error);
      if (redirect) {
        if (redirect.type === RedirectType.push) router.push(redirect.url);
        else router.replace(redirect.url);
      } else if (isNotFoundError(error)) {
        location.reload();
      }
    });
  }

  override render(): ReactNode {
    const { caught } = this.state;
    if (caught === null) return this.props.children;
    if (redirectInfo(caught) || isNotFoundError(caught)) return null;
    throw caught;
  }
}
