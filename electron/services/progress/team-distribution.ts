import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import { TeamDistributionSchema, type TeamDistribution } from '../../../shared/progress/model';
import { describeIssues, issuesFromZod } from '../../../shared/util/issues';

/** A distribution file is a few quantiles; anything much larger is not one. */
const MAX_BYTES = 64 * 1024;

/**
 * A team's distribution of overall scores, imported from a file the team shares (docs/progress.md,
 * "Percentile"). It is checked whole before it replaces the one kept, and checked again whenever it is
 * read: a file changed by hand since is ignored rather than trusted.
 */
export class TeamDistributionStore {
  constructor(private readonly file: string) {}

  /** Reads, checks and keeps the distribution at `path`; a bad file changes nothing. */
  import(path: string): TeamDistribution {
    let size: number;
    try {
      size = statSync(path).size;
    } catch (err) {
      throw new AppError('invalid_input', `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (size > MAX_BYTES) throw new AppError('invalid_input', `${path} is ${size} bytes; a team distribution is at most ${MAX_BYTES}.`);
    const text = readFileSync(path, 'utf8');
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new AppError('invalid_input', `${path} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = TeamDistributionSchema.safeParse(doc);
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error, doc);
      throw new AppError('invalid_input', `Not a team score distribution: ${describeIssues(issues)}`, issues);
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(parsed.data, null, 2)}\n`);
    renameSync(tmp, this.file);
    return parsed.data;
  }

  /** The kept distribution, or null when there is none (or it no longer checks out). */
  current(): TeamDistribution | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = TeamDistributionSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
