import type { RequiredSkill, SkillImportance } from '../config/interview-config';

/**
 * Finding skills in free text. People rarely write a skill the way a job ad does ("Postgres" for
 * PostgreSQL, "k8s" for Kubernetes, "hooks" for React), so each skill is matched by its own words
 * and by a table of well-known aliases.
 */
const ALIASES: Record<string, string[]> = {
  postgresql: ['postgres', 'psql', 'pg'],
  javascript: ['js', 'ecmascript', 'node', 'nodejs'],
  typescript: ['ts', 'type script'],
  kubernetes: ['k8s', 'kubectl', 'helm'],
  'node.js': ['node', 'nodejs', 'node js', 'express'],
  react: ['reactjs', 'react.js', 'hooks', 'usestate', 'useeffect', 'jsx', 'next.js', 'nextjs'],
  'state management': ['redux', 'zustand', 'mobx', 'usereducer', 'context api', 'recoil', 'state'],
  'performance optimization': [
    'performance',
    'optimisation',
    'optimization',
    'optimize',
    'optimise',
    'profiling',
    'memoization',
    'latency',
  ],
  'rest apis': ['rest', 'restful', 'rest api', 'http api', 'endpoints', 'openapi'],
  'rest api': ['rest', 'restful', 'endpoints', 'http api'],
  docker: ['container', 'containers', 'dockerfile', 'containerized', 'containerised'],
  aws: ['amazon web services', 'ec2', 's3', 'lambda', 'dynamodb'],
  gcp: ['google cloud', 'bigquery', 'gke'],
  azure: ['microsoft azure'],
  'ci/cd': ['ci', 'cd', 'continuous integration', 'continuous delivery', 'github actions', 'jenkins', 'pipeline', 'pipelines'],
  golang: ['go'],
  go: ['golang', 'goroutine', 'goroutines'],
  python: ['py', 'django', 'flask', 'fastapi', 'pandas'],
  java: ['jvm', 'spring', 'spring boot'],
  'c++': ['cpp', 'c plus plus'],
  sql: ['queries', 'query', 'joins', 'postgres', 'mysql', 'sqlite'],
  'machine learning': ['ml', 'model training', 'neural network', 'pytorch', 'tensorflow', 'scikit-learn'],
  graphql: ['apollo', 'gql'],
  'system design': ['architecture', 'distributed systems', 'scalability'],
  'distributed systems': ['distributed', 'consensus', 'replication', 'sharding'],
  testing: ['tests', 'unit tests', 'unit testing', 'integration tests', 'tdd', 'jest', 'pytest'],
  security: ['authentication', 'authorization', 'encryption', 'owasp', 'oauth'],
  mongodb: ['mongo'],
  redis: ['cache', 'caching'],
  kafka: ['event streaming', 'message queue', 'pub/sub'],
  leadership: ['led', 'mentored', 'managed', 'lead'],
  communication: ['explained', 'presented', 'stakeholders'],
};

const IMPORTANCE_RANK: Record<SkillImportance, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export function importanceRank(importance: SkillImportance): number {
  return IMPORTANCE_RANK[importance];
}

/** Lower case, punctuation other than the bits of names like `c++`, `node.js`, `ci/cd` turned into spaces. */
export function normalize(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[^a-z0-9+#./' -]+/g, ' ')
    .replace(/([a-z0-9])[.](\s|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

// Terms come from a small fixed vocabulary (skills, aliases, keywords): normalise each once.
const normalizedTerms = new Map<string, string>();

function containsTerm(normalized: string, term: string): boolean {
  let t = normalizedTerms.get(term);
  if (t === undefined) {
    t = normalize(term).trim();
    if (normalizedTerms.size < 10_000) normalizedTerms.set(term, t);
  }
  if (!t) return false;
  // Whole words only: "go" must not match "good", "ts" must not match "its".
  return normalized.includes(` ${t} `) || normalized.includes(` ${t}'s `) || normalized.includes(` ${t}s `);
}

/** The terms that count as a mention of `skill`. */
export function skillTerms(skill: string): string[] {
  const key = skill.toLowerCase().trim();
  const terms = new Set<string>([key, ...(ALIASES[key] ?? [])]);
  // "React Native" or "AWS Lambda": the distinctive head word alone is a mention too.
  const words = key.split(/\s+/).filter((w) => w.length > 3 && !GENERIC_WORDS.has(w));
  if (words.length > 1) for (const w of words) terms.add(w);
  return [...terms];
}

const GENERIC_WORDS = new Set(['management', 'design', 'development', 'engineering', 'skills', 'experience', 'systems', 'apis']);

export function mentionsSkill(text: string, skill: string): boolean {
  const normalized = normalize(text);
  return skillTerms(skill).some((t) => containsTerm(normalized, t));
}

export function mentionsAny(text: string, terms: readonly string[]): boolean {
  const normalized = normalize(text);
  return terms.some((t) => containsTerm(normalized, t));
}

/** The required skills an answer mentions, most important first. */
export function skillsMentioned(text: string, skills: readonly RequiredSkill[]): RequiredSkill[] {
  return byImportance(skills.filter((s) => mentionsSkill(text, s.name)));
}

export function byImportance(skills: readonly RequiredSkill[]): RequiredSkill[] {
  return [...skills].sort((a, b) => importanceRank(b.importance) - importanceRank(a.importance));
}

/** Technologies named in an answer that the job did not ask for (for skill-match follow-ups). */
const KNOWN_TECH = [
  'react',
  'vue',
  'angular',
  'svelte',
  'node',
  'django',
  'flask',
  'rails',
  'spring',
  'postgres',
  'postgresql',
  'mysql',
  'mongodb',
  'redis',
  'kafka',
  'rabbitmq',
  'docker',
  'kubernetes',
  'aws',
  'gcp',
  'azure',
  'terraform',
  'graphql',
  'websockets',
  'websocket',
  'elasticsearch',
  'python',
  'java',
  'go',
  'rust',
  'c++',
  'typescript',
  'javascript',
  'swift',
  'kotlin',
  'spark',
  'airflow',
  'snowflake',
  'pytorch',
  'tensorflow',
  'grpc',
  'nginx',
  'linux',
  'redux',
];

export function technologiesNamed(text: string): string[] {
  const normalized = normalize(text);
  return KNOWN_TECH.filter((t) => containsTerm(normalized, t));
}
