import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AnnotationService } from './annotations';
import { BundleOpenRequests, BundleService, type FileDialogs } from './bundles';
import { CodeService } from './code';
import { AppEvents } from './events';
import { IntegrityService } from './integrity';
import { InterviewerService, ProviderSettings, QuestionBrowser } from './interviewer';
import { Judge, JudgeService } from './judge';
import { dataPaths } from './paths';
import { loadQuestionBank } from './questions';
import { CodeRunner, RunService, type JsLauncher } from './runner';
import {
  CaptureSources,
  ConsentStore,
  RecordingMedia,
  RecordingService,
  recoverInterruptedRecordings,
  type DesktopIntegration,
  type RecordingServiceOptions,
} from './recording';
import { ProgressService, type PdfPrinter } from './progress';
import { LibraryService, ReviewService, tolerantResults } from './review';

import { SecretStore, type SecretCipher } from './secrets';
import { SessionService } from './sessions';
import { SettingsService } from './settings';
import { SessionSnapshots } from './snapshot';
import { SyncService, type SyncServiceDeps } from './sync';
import { TranscriptImports, TranscriptImportService } from './transcripts';
import { CorpusService, CorpusStore } from './corpus';
import { latestVersion, openDatabase, type Db } from './store';
import { TelemetryService } from './telemetry';
import { TwinService, TwinStore } from './twin';
import { resolveProvider } from './interviewer';
import { VoiceService } from './voice';

export interface AppServicesOptions {
  dataDir: string;
  resourcesDir: string;
  appVersion: string;
  /** better-sqlite3 binary built for Electron's ABI, when running inside Electron in development. */
  nativeBinding?: string;
  /** The database, already opened and migrated (the app's start-up does it with backups and the recovery dialog); else opened here. */
  db?: Db;
  /** How candidate JavaScript is started; Electron's main passes a utilityProcess launcher. */
  jsLauncher?: JsLauncher;
  /** Screens/windows and reveal-in-folder, from Electron's main process (none in the CLI). */
  desktop?: DesktopIntegration;
  /** Writer options (tests inject a failing file system). */
  recordingOptions?: RecordingServiceOptions;
  /** The system file dialogs for bundle export/import, from Electron's main process (none in the CLI). */
  fileDialogs?: FileDialogs;
  /** OS-backed encryption for secrets (Electron safeStorage, from main); without it no API key is stored. */
  secretCipher?: SecretCipher;
  /**
   * Team sync: the CLI's server and token from its environment, whether the network is up (from main), and
   * the retry timing (tests shorten it).
   */
  teamSync?: Pick<SyncServiceDeps, 'override' | 'connectivity' | 'backoff' | 'random' | 'concurrency'>;
  /** Prints the app window to PDF (webContents.printToPDF, from Electron's main process; none in the CLI). */
  pdfPrinter?: PdfPrinter;
  now?: () => Date;
}

export interface AppServices {
  db: Db;
  paths: ReturnType<typeof dataPaths>;
  /** Main→renderer events raised by services. */
  events: AppEvents;
  sessions: SessionService;
  telemetry: TelemetryService;
  /** Code edits with their changes and snapshots; code playback. */
  code: CodeService;
  integrity: IntegrityService;
  runner: CodeRunner;
  /** Runs from the interview room: output events and `run` telemetry. */
  runs: RunService;
  /** Runs candidate code against a question's test cases in the sandbox (the command line uses it directly). */
  judge: Judge;
  /** Test presses from the room: judged, stored with every case's result, given to the interviewer and the review. */
  tests: JudgeService;
  settings: SettingsService;
  /** Recordings: the writer, consent, capture sources, playback. */
  recording: RecordingService;
  consent: ConsentStore;
  captureSources: CaptureSources;
  media: RecordingMedia;
  /** Review workspace: the review data of a session, annotations, the library search, session bundles. */
  review: ReviewService;
  annotations: AnnotationService;
  library: LibraryService;
  /** The one way to read or write a whole session: bundles, sync and the corpus go through it. */
  snapshots: SessionSnapshots;
  bundles: BundleService;
  /** Historic interviews imported from a transcript (and a recording): the CLI uses the service, the app the dialog's side. */
  transcriptImport: TranscriptImportService;
  transcriptImports: TranscriptImports;
  /** The interviewer corpus: sessions chosen, previewed and exported redacted for a twin. */
  corpus: CorpusService;
  /** Interviewer twins: style profiles, replies, evaluation and fine-tuning, from the corpus. */
  twins: TwinService;
  /** The system file dialogs from Electron's main process; null in the CLI and the harness. */
  fileDialogs: FileDialogs | null;
  /** Bundles the OS asked the app to open, until the window takes them. */
  bundleOpens: BundleOpenRequests;
  /** The AI interviewer: agenda, follow-ups, hints, replies (model or offline), results. */
  interviewer: InterviewerService;
  /** The interviewer's model provider settings and its encrypted API key. */
  interviewerSettings: ProviderSettings;
  voice: VoiceService;
  /** The question bank browser and practice sessions from one bank question. */
  questionBrowser: QuestionBrowser;
  /** Team sync: the outbox, its planner and engine, the token (main starts and stops the engine). */
  sync: SyncService;
  /** The candidate's progress over their interviews, and the results screen's actions. */
  progress: ProgressService;
  /** One-shot start-up work main and the harness run once: repairs recordings an earlier run left open. */
  initialize(): Promise<void>;
  info(): { name: string; version: string; dataDir: string; platform: string; databaseVersion: number };
  close(): void;
}

/** Builds every service on one data directory. The app, the CLI and the test harness all start here. */
export function createAppServices(options: AppServicesOptions): AppServices {
  const paths = dataPaths(options.dataDir);
  mkdirSync(paths.dataDir, { recursive: true });
  // One load of the shipped bank: sessions take their candidate-facing questions from it, the
  // interviewer its hints and rubrics, the browser everything. A broken bank fails here, at start-up.
  const bank = loadQuestionBank(options.resourcesDir);
  const catalog = bank.catalog();
  const db = options.db ?? openDatabase(paths.database, { nativeBinding: options.nativeBinding });
  const now = options.now ?? (() => new Date());
  const events = new AppEvents();
  const telemetry = new TelemetryService(db, now);
  const integrity = new IntegrityService(db);
  const sessions = new SessionService(db, catalog, { now, integrity });
  const runner = new CodeRunner({ cacheDir: paths.cache, ...(options.jsLauncher ? { jsLauncher: options.jsLauncher } : {}) });
  const settings = new SettingsService(db, now);
  settings.onChange((all) => events.emit('settings:changed', all));
  const recording = new RecordingService(db, paths.recordings, {
    now,
    ffmpegPath: () => settings.get().recording.ffmpegPath,
    ...options.recordingOptions,
  });
  recording.onChange((r) => events.emit('recording:state', r));
  const captureSources = new CaptureSources();
  captureSources.setDesktop(options.desktop ?? null);
  const code = new CodeService(db, telemetry);
  const annotations = new AnnotationService(db, now);
  const consent = new ConsentStore(db, paths.recordings, now);
  const questionBank = () => bank;
  const secrets = new SecretStore(db, options.secretCipher ?? null, now);
  const judge = new Judge({ runner, buildDir: join(paths.cache, 'judge-builds') });
  const voice = new VoiceService({ settings, secrets, consent, dialogs: options.fileDialogs ?? null });
  const tests = new JudgeService({ db, judge, runner, bank: questionBank, sessions, telemetry, settings, now });
  const interviewer = new InterviewerService({
    db,
    sessions,
    telemetry,
    events,
    settings,
    secrets,
    bank: questionBank,
    tests: (sessionId, bankQuestionId) => tests.evidence(sessionId, bankQuestionId),
    testHistory: (sessionId, bankQuestionId) => tests.history(sessionId, bankQuestionId),
    now,
  });
  const snapshots = new SessionSnapshots({ db, sessions, telemetry, code, integrity, interviewer, annotations, tests, recording, consent });
  const bundles = new BundleService({
    snapshots,
    sessions,
    exportsDir: paths.exports,
    recordingsDir: paths.recordings,
    appVersion: options.appVersion,
    databaseVersion: latestVersion(),
    now,
    dialogs: options.fileDialogs ?? null,
    onProgress: (progress) => events.emit('bundle:progress', progress),
  });
  const corpusStore = new CorpusStore(db, now);
  const sync = new SyncService({
    db,
    settings,
    secrets,
    sessions,
    consent,
    telemetry,
    recording,
    events,
    now,
    appVersion: options.appVersion,
    audit: (sessionId, byField) => corpusStore.audit(sessionId, 'sync', byField),
    ...options.teamSync,
  });
  const storedResults = tolerantResults((id) => interviewer.storedResults(id));
  const transcriptImport = new TranscriptImportService({ snapshots, recordingsDir: paths.recordings, now });
  const corpus = new CorpusService({
    store: corpusStore,
    snapshots,
    sessions,
    interviewer,
    annotations,
    appVersion: options.appVersion,
    now,
  });
  const twins = new TwinService({
    db,
    corpus,
    snapshots,
    store: new TwinStore(db, now),
    bank: () => bank.all(),
    provider: () => resolveProvider(settings.section('interviewer'), secrets),
    events,
    now,
  });
  interviewer.setTwinSource((name) => twins.twinFor(name));
  let initialized: Promise<void> | undefined;
  return {
    db,
    paths,
    events,
    sessions,
    telemetry,
    code,
    integrity,
    runner,
    runs: new RunService(runner, sessions, telemetry, events, settings, now),
    judge,
    tests,
    settings,
    recording,
    consent,
    captureSources,
    media: new RecordingMedia(recording, paths.recordings),
    review: new ReviewService({ db, sessions, annotations, results: storedResults, tests: (id) => tests.reviewTrack(id) }),
    annotations,
    library: new LibraryService(db, sessions, storedResults),
    snapshots,
    bundles,
    transcriptImport,
    transcriptImports: new TranscriptImports(transcriptImport, sessions, options.fileDialogs ?? null),
    corpus,
    twins,
    fileDialogs: options.fileDialogs ?? null,
    bundleOpens: new BundleOpenRequests(events),
    interviewer,
    interviewerSettings: new ProviderSettings(settings, secrets),
    questionBrowser: new QuestionBrowser(questionBank, sessions, interviewer),
    sync,
    progress: new ProgressService({
      sessions,
      interviewer,
      bank: questionBank,
      exportsDir: paths.exports,
      teamFile: join(paths.dataDir, 'progress', 'team-distribution.json'),
      dialogs: options.fileDialogs ?? null,
      printer: options.pdfPrinter ?? null,
      now,
    }),
    voice,
    initialize: () =>
      (initialized ??= (async () => {
        bundles.removeStaleStaging();
        await recoverInterruptedRecordings(recording);
      })()),
    info: () => ({
      name: 'Interview Recorder',
      version: options.appVersion,
      dataDir: paths.dataDir,
      platform: process.platform,
      databaseVersion: latestVersion(),
    }),
    close: () => {
      void voice.close();
      sync.close();
      runner.stopAll();
      judge.close();
      recording.close();
      db.close();
    },
  };
}
