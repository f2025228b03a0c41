import { isAbsolute, resolve } from 'node:path';
import { CORPUS_FORMATS, CorpusFilterSchema, SplitSchema, type CorpusFormat } from '../../shared/corpus/model';
import { AppError } from '../../shared/ipc/result';
import { describeIssues, issuesFromZod } from '../../shared/util/issues';
import type { AppServices } from '../services';
import { EXIT, expectArgs, printJson, UsageError, type CliIo } from './io';

export const CORPUS_USAGE = `Interviewer corpus (redacted training data for an interviewer twin; docs/corpus.md)
  corpus export --out DIR [--interviewer NAME] [--sessions ID,…] [--from ISO] [--to ISO]
                [--format openai-chat|training-examples|ndjson] [--split 80/10/10]
                                   Write train.jsonl, val.jsonl and test.jsonl (split by time, per
                                   interviewer), manifest.json and dataset-card.md into the new folder DIR;
                                   --json prints the manifest. Exit 2 when nothing matches, the interviewer
                                   is unknown or DIR cannot be written; nothing is left half-written`;

export interface CorpusCliOptions {
  out?: string;
  interviewer?: string;
  sessions?: string;
  from?: string;
  to?: string;
  format?: string;
  split?: string;
  json: boolean;
}

export async function corpusCommand(
  open: () => AppServices,
  command: string | undefined,
  args: string[],
  options: CorpusCliOptions,
  io: CliIo,
): Promise<number> {
  if (command !== 'export')
    throw new UsageError(
      command === undefined ? 'expected: interview-recorder corpus export --out DIR …' : `unknown command "corpus ${command}"`,
    );
  expectArgs(args, 0, 'corpus export --out DIR …');
  if (!options.out) throw new UsageError('corpus export needs --out DIR');
  const format = (options.format ?? 'openai-chat') as CorpusFormat;
  if (!(CORPUS_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of: ${CORPUS_FORMATS.join(', ')}`);
  const split = SplitSchema.safeParse(options.split ?? '80/10/10');
  if (!split.success) throw new AppError('invalid_input', `--split ${split.error.issues[0]?.message ?? 'is not a split'}`);
  const rawFilter = {
    ...(options.interviewer ? { interviewer: options.interviewer } : {}),
    ...(options.sessions
      ? {
          sessionIds: options.sessions
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
  };
  const filter = CorpusFilterSchema.safeParse(rawFilter);
  if (!filter.success) {
    const issues = issuesFromZod(filter.error, rawFilter).map((i) => ({ ...i, field: i.field === 'sessionIds' ? 'sessions' : i.field }));
    throw new AppError('invalid_input', `invalid options: ${describeIssues(issues)}`, issues);
  }
  const out = isAbsolute(options.out) ? options.out : resolve(options.out);
  const manifest = await open().corpus.export({ filter: filter.data, format, split: split.data, out });
  if (options.json) printJson(io, manifest);
  else {
    const c = manifest.counts;
    io.stdout(
      `Exported ${manifest.sessions.length} session${manifest.sessions.length === 1 ? '' : 's'} of ${manifest.interviewers.join(', ')} to ${out} (${format}):\n` +
        `  train ${c.train.examples} examples, val ${c.val.examples}, test ${c.test.examples}; ${(c.train.tokens + c.val.tokens + c.test.tokens).toLocaleString('en-US')} tokens\n` +
        (manifest.warnings.length
          ? `  ${manifest.warnings.length} warning${manifest.warnings.length === 1 ? '' : 's'}: see dataset-card.md\n`
          : ''),
    );
  }
  return EXIT.ok;
}
