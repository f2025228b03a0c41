import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type InvokeChannel } from './channels';
import type { EventPayload, InputOf, OutputOf } from './contract';
import type { Result } from './result';

type DomainOf<K extends string> = K extends `${infer D}:${string}` ? D : never;
type Domain = DomainOf<InvokeChannel> | DomainOf<EventChannel>;

type Calls<D extends string> = {
  [C in InvokeChannel as C extends `${D}:${infer V}` ? V : never]: (input?: InputOf<C>) => Promise<Result<OutputOf<C>>>;
};
type Subscriptions<D extends string> = {
  [E in EventChannel as E extends `${D}:${infer V}` ? `on${Capitalize<V>}` : never]: (
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

/** `window.api`: `api.session.create(config)`, `api.app.onCommand(cb)` → unsubscribe, … */
export type Api = { [D in Domain]: Calls<D> & Subscriptions<D> };

/** What carries calls and events: Electron's ipcRenderer in the preload, a Playwright binding in tests. */
export interface Transport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<Result<unknown>>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** Builds the typed API from the channel lists. The only place a renderer-side API is made. */
export function createApi(transport: Transport): Api {
  const api: Record<string, Record<string, unknown>> = {};
  const domain = (name: string) => (api[name] ??= {});
  for (const channel of INVOKE_CHANNELS) {
    const [d, verb] = channel.split(':') as [string, string];
    domain(d)[verb] = (input?: unknown) => transport.invoke(channel, input);
  }
  for (const channel of EVENT_CHANNELS) {
    const [d, verb] = channel.split(':') as [string, string];
    domain(d)[`on${verb[0]!.toUpperCase()}${verb.slice(1)}`] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${channel} listener must be a function`);
      return transport.subscribe(channel, listener);
    };
  }
  return api as unknown as Api;
}
