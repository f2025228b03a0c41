import type { Handlers } from '../../../shared/ipc/dispatch';
import type { bundlesInvokeContract } from '../../../shared/ipc/contract-bundles';
import type { BundleService } from './bundle-service';
import type { BundleOpenRequests } from './open-requests';

/** Session bundles out and in, the file dialogs for them, and bundles the OS asked the app to open. */
export function bundlesHandlers(deps: {
  bundles: BundleService;
  bundleOpens: BundleOpenRequests;
}): Pick<Handlers, keyof typeof bundlesInvokeContract> {
  const { bundles, bundleOpens } = deps;
  return {
    'bundle:export': ({ sessionId, path }) => bundles.export(sessionId, path),
    'bundle:import': ({ path, asCopy }) => bundles.import(path, asCopy),
    'bundle:pickExportPath': async ({ sessionId }) => ({ path: await bundles.pickExportPath(sessionId) }),
    'bundle:pickImportPath': async () => ({ path: await bundles.pickImportPath() }),
    'bundle:takeOpenRequests': () => ({ paths: bundleOpens.take() }),
  };
}
