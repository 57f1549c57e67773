/**
 * A screen loaded the first time it is shown. Rarely used tabs (考核, 通报, 系统管理, …) stay out of a page's first
 * load this way: the bundler splits each `import()` into its own file, fetched from the extension itself.
 */
import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let screen: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function LazyScreen(props: P) {
    const [, setLoaded] = useState(screen !== null);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (screen) return;
      loading ??= load();
      loading.then(
        (loaded) => {
          screen = loaded;
          setLoaded(true);
        },
        () => {
          loading = null;
          setFailed(true);
        },
      );
    }, []);
    if (failed) return <p class="error">页面加载失败，请刷新后重试</p>;
    return screen ? h(screen, props) : <p class="muted">正在加载…</p>;
  };
}
