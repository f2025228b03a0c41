import type { Handlers } from '../../../shared/ipc/dispatch';
import type { progressInvokeContract } from '../../../shared/ipc/contract-progress';
import type { ProgressService } from './progress-service';

/** The Progress screen's figures, practice on recommendations, and the results screen's actions. */
export function progressHandlers(deps: { progress: ProgressService }): Pick<Handlers, keyof typeof progressInvokeContract> {
  const { progress } = deps;
  return {
    'progress:stats': (filter) => progress.stats(filter),
    'progress:practice': ({ questionIds }) => progress.practice(questionIds),
    'progress:retry': ({ sessionId }) => progress.retry(sessionId),
    'progress:compare': ({ sessionId }) => progress.compare(sessionId),
    'progress:exportPdf': ({ sessionId, path }) => progress.exportPdf(sessionId, path),
    'progress:exportJson': ({ sessionId, path }) => progress.exportJson(sessionId, path),
    'progress:pickExportPath': async ({ sessionId, format }) => ({ path: await progress.pickExportPath(sessionId, format) }),
    'progress:pickTeamFile': async () => ({ path: await progress.pickTeamFile() }),
    'progress:importTeam': ({ path }) => progress.importTeam(path),
    'progress:team': () => progress.teamDistribution(),
    'progress:clearTeam': () => progress.clearTeam(),
  };
}
