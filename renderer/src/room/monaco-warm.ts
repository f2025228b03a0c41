import { monaco } from './monaco';

/**
 * The first Monaco editor a window creates pays for Monaco's services and font measurements (about
 * 150 ms here); every later one reuses them. Creating and disposing one hidden editor in idle time after
 * the first screen is up moves that cost off the moment someone opens an interview or a review.
 * Returns a function that cancels the warm-up if it has not run yet.
 */
export function warmMonacoWhenIdle(): () => void {
  const handle = requestIdleCallback(
    () => {
      const host = document.createElement('div');
      host.setAttribute('aria-hidden', 'true');
      host.style.cssText = 'position:fixed;left:-10000px;top:0;width:480px;height:240px;visibility:hidden';
      document.body.appendChild(host);
      const model = monaco.editor.createModel('def warm():\n    return 1\n', 'python');
      const editor = monaco.editor.create(host, {
        model,
        readOnly: true,
        domReadOnly: true,
        minimap: { enabled: false },
        automaticLayout: false,
      });
      editor.dispose();
      model.dispose();
      host.remove();
    },
    { timeout: 5_000 },
  );
  return () => cancelIdleCallback(handle);
}
