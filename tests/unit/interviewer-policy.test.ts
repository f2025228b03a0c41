import { describe, expect, it } from 'vitest';
import type { RequiredSkill } from '../../shared/config/interview-config';
import type { DecisionAction, FollowUpType } from '../../shared/interviewer/model';
import { policy, type PolicyState } from '../../shared/interviewer/policy';

/**
 * The offline FollowUpPolicy, table-driven: candidate answers across roles with the decision a good
 * interviewer makes, including every seed 000 example. Each row names what it exercises.
 */
const skill = (name: string, importance: RequiredSkill['importance']): RequiredSkill => ({ name, reason: '', importance });

const ROLES: Record<string, RequiredSkill[]> = {
  // seed 000's Senior React Developer
  frontend: [
    skill('React', 'critical'),
    skill('TypeScript', 'high'),
    skill('State Management', 'high'),
    skill('Performance Optimization', 'medium'),
  ],
  // seed 000's Backend Engineer
  backend: [skill('Python', 'critical'), skill('PostgreSQL', 'high'), skill('REST APIs', 'high')],
  // seed 000's gap example: Docker, TypeScript, REST APIs
  fullstack: [skill('Docker', 'critical'), skill('TypeScript', 'high'), skill('REST APIs', 'high')],
  devops: [skill('Kubernetes', 'critical'), skill('Docker', 'high'), skill('AWS', 'medium')],
  data: [skill('SQL', 'critical'), skill('Spark', 'high'), skill('Airflow', 'medium')],
  chat: [skill('WebSockets', 'critical'), skill('Node.js', 'high')],
  mobile: [skill('Swift', 'critical'), skill('Kotlin', 'medium')],
  manager: [skill('Leadership', 'critical'), skill('Communication', 'high')],
  ml: [skill('Python', 'critical'), skill('Machine Learning', 'high')],
};

interface Row {
  name: string;
  role: keyof typeof ROLES;
  answer: string;
  expect: { action: DecisionAction; type?: FollowUpType; skill?: string | null; rule?: string; pace?: 'pace_up' | 'pace_down' | null };
  state?: Partial<Omit<PolicyState, 'question' | 'config'>> & { question?: Partial<PolicyState['question']>; durationMinutes?: number };
}

function makeState(row: Row): PolicyState {
  const { question, durationMinutes, ...rest } = row.state ?? {};
  return {
    config: { requiredSkills: ROLES[row.role]!, durationMinutes: durationMinutes ?? 45 },
    style: 'neutral',
    question: {
      ref: 'q2',
      text: 'Tell me about a system you built and the hardest technical problem in it.',
      category: 'technical',
      rubricKind: 'technical',
      hintCount: 3,
      hintsUsed: 0,
      followUpsAsked: [],
      askedAtMs: 180_000,
      ...question,
    },
    next: { category: 'technical', rubricKind: 'technical' },
    questionsRemaining: 3,
    plannedQuestions: 5,
    elapsedMs: 300_000,
    earlierAnswers: [],
    skillsProbed: [],
    ...rest,
  };
}

const behavioralQ = {
  category: 'behavioral',
  rubricKind: 'behavioral' as const,
  text: 'Tell me about a time you disagreed with a teammate.',
};
const designQ = {
  category: 'system_design',
  rubricKind: 'system_design' as const,
  text: 'Design a URL shortener that handles 10k writes per second.',
};
const coveredFrontend = ['I write everything in TypeScript and manage state with Redux.'];
const coveredBackend = ['Mostly Python services on PostgreSQL behind REST APIs.'];

const ROWS: Row[] = [
  // ---- seed 000 examples -------------------------------------------------------------------
  {
    name: 'seed depth: "I used React hooks"',
    role: 'frontend',
    answer: 'I used React hooks',
    expect: { action: 'follow_up', type: 'depth', skill: 'React', rule: 'surface_mention' },
  },
  {
    name: 'seed example: "I\'m good at database design"',
    role: 'backend',
    answer: "I'm good at database design",
    expect: { action: 'follow_up', type: 'example', rule: 'claim_without_example' },
  },
  {
    name: 'seed gap: discussed React and Node, job needs Docker',
    role: 'fullstack',
    answer:
      'Over the last two years I have been building React front ends with a Node.js backend, including server-side rendering and a shared design system.',
    expect: { action: 'follow_up', type: 'gap', skill: 'Docker', rule: 'required_skill_missing' },
  },
  {
    name: 'seed skill_match: "I built a social media platform"',
    role: 'chat',
    answer: 'I built a social media platform',
    expect: { action: 'follow_up', type: 'skill_match', skill: 'WebSockets', rule: 'transferable_experience' },
  },
  {
    name: 'seed clarification: "I\'ve done some database work"',
    role: 'backend',
    answer: "I've done some database work",
    expect: { action: 'follow_up', type: 'clarification' },
  },
  {
    name: 'seed probing: "not really sure about Kubernetes"',
    role: 'devops',
    answer: "I'm not really sure about Kubernetes",
    expect: { action: 'follow_up', type: 'probing', skill: 'Kubernetes', rule: 'uncertain_about_skill' },
  },
  {
    name: 'seed training: "3 years of Python experience"',
    role: 'backend',
    answer: 'I have 3 years of Python experience.',
    expect: { action: 'follow_up', type: 'example', skill: 'Python', rule: 'claim_without_example' },
  },
  {
    name: 'seed training: "5 years of React experience"',
    role: 'frontend',
    answer: 'Hi, my name is John and I have 5 years of React experience',
    expect: { action: 'follow_up', type: 'example', skill: 'React' },
  },

  // ---- depth -----------------------------------------------------------------------------------
  {
    name: 'depth: TypeScript named only',
    role: 'frontend',
    answer: 'We switched the codebase to TypeScript last year.',
    expect: { action: 'follow_up', type: 'depth', skill: 'TypeScript' },
  },
  {
    name: 'depth: PostgreSQL named only',
    role: 'backend',
    answer: 'The data lived in Postgres and we queried it from the service.',
    expect: { action: 'follow_up', type: 'depth', skill: 'PostgreSQL' },
  },
  {
    name: 'depth: Kubernetes named only',
    role: 'devops',
    answer: 'We deployed everything on k8s with a couple of clusters.',
    expect: { action: 'follow_up', type: 'depth', skill: 'Kubernetes' },
  },
  {
    name: 'depth: Spark named only',
    role: 'data',
    answer: 'The nightly job ran on Spark and wrote parquet files.',
    expect: { action: 'follow_up', type: 'depth', skill: 'Spark' },
  },
  {
    name: 'depth: Swift named only',
    role: 'mobile',
    answer: 'The iOS app is written in Swift with SwiftUI screens.',
    expect: { action: 'follow_up', type: 'depth', skill: 'Swift' },
  },
  {
    name: 'depth: skips a skill already probed',
    role: 'frontend',
    answer: 'We used React and TypeScript for the dashboard.',
    state: { skillsProbed: ['React'] },
    expect: { action: 'follow_up', type: 'depth', skill: 'TypeScript' },
  },
  {
    name: 'depth: short technical answer with no reasoning',
    role: 'backend',
    answer: 'I would put a cache in front of the slow endpoint and call it a day.',
    state: { earlierAnswers: coveredBackend },
    expect: { action: 'follow_up', type: 'depth', skill: null, rule: 'shallow_technical_answer' },
  },
  {
    name: 'depth: design sketch without trade-offs',
    role: 'backend',
    answer: 'A service writes the short code to a table and redirects reads.',
    state: { earlierAnswers: coveredBackend, question: designQ },
    expect: { action: 'follow_up', type: 'depth', rule: 'shallow_technical_answer' },
  },
  {
    name: 'depth: ML named only',
    role: 'ml',
    answer: 'I trained a machine learning model for churn in Python.',
    expect: { action: 'follow_up', type: 'depth', skill: 'Python' },
  },

  // ---- example ---------------------------------------------------------------------------------
  {
    name: 'example: expert claim',
    role: 'frontend',
    answer: 'I am an expert in React and state management.',
    expect: { action: 'follow_up', type: 'example', skill: 'React' },
  },
  {
    name: 'example: "I know SQL very well"',
    role: 'data',
    answer: 'I know SQL very well.',
    expect: { action: 'follow_up', type: 'example', skill: 'SQL' },
  },
  {
    name: 'example: extensive experience claim',
    role: 'devops',
    answer: 'I have extensive experience with Docker and Kubernetes.',
    expect: { action: 'follow_up', type: 'example', skill: 'Kubernetes' },
  },
  {
    name: 'example: proficient claim',
    role: 'mobile',
    answer: "I'm proficient in Swift and comfortable with Kotlin too.",
    expect: { action: 'follow_up', type: 'example', skill: 'Swift' },
  },
  {
    name: 'example: years only',
    role: 'data',
    answer: 'About 6 years of Airflow, mostly.',
    expect: { action: 'follow_up', type: 'example', skill: 'Airflow' },
  },
  {
    name: 'example: strong leader claim',
    role: 'manager',
    answer: "I'm a strong leader and people like working with me.",
    state: { question: behavioralQ },
    expect: { action: 'follow_up', type: 'example' },
  },
  {
    name: 'example: familiar with',
    role: 'backend',
    answer: "I'm familiar with REST APIs and I've built a few.",
    expect: { action: 'follow_up', type: 'example', skill: 'REST APIs' },
  },

  // ---- gap -------------------------------------------------------------------------------------
  {
    name: 'gap: backend answer without PostgreSQL',
    role: 'backend',
    answer:
      'I wrote the ingestion service in Python, first validating the payloads and then batching writes because the upstream was bursty.',
    expect: { action: 'follow_up', type: 'gap', skill: 'PostgreSQL' },
  },
  {
    name: 'gap: frontend answer without TypeScript',
    role: 'frontend',
    answer:
      'The React app re-rendered too often, so I memoised the list rows and moved state into a reducer, which means fewer renders per keystroke.',
    expect: { action: 'follow_up', type: 'gap', skill: 'TypeScript' },
  },
  {
    name: 'gap: devops answer without Docker',
    role: 'devops',
    answer: 'We ran Kubernetes clusters with autoscaling because traffic tripled during sales, and the trade-off was a higher idle cost.',
    expect: { action: 'follow_up', type: 'gap', skill: 'Docker' },
  },
  {
    name: 'gap: data answer without Spark',
    role: 'data',
    answer:
      'I rewrote the SQL so the join happened before the aggregation, which cut the scanned partitions because the filter was pushed down.',
    expect: { action: 'follow_up', type: 'gap', skill: 'Spark' },
  },
  {
    name: 'gap: not after a behavioral question while questions remain',
    role: 'backend',
    answer:
      'At my last job the team disagreed about a migration. I was responsible for the plan, so I wrote both options down and we tried a spike. As a result we shipped two weeks early.',
    state: { question: behavioralQ, next: { category: 'behavioral', rubricKind: 'behavioral' } },
    expect: { action: 'next_question', rule: 'answer_complete' },
  },
  {
    name: 'gap: asked at the last question even after a behavioral one',
    role: 'backend',
    answer:
      'At my last job the team disagreed about a migration. I was responsible for the plan, so I wrote both options down and we tried a spike. As a result we shipped two weeks early.',
    state: { question: behavioralQ, questionsRemaining: 0, next: null, elapsedMs: 2_400_000 },
    expect: { action: 'follow_up', type: 'gap', skill: 'Python' },
  },
  {
    name: 'gap: skips a gap already asked about',
    role: 'fullstack',
    answer:
      'Over the last two years I have been building React front ends with a Node.js backend, including server-side rendering and a shared design system.',
    state: { skillsProbed: ['Docker'] },
    expect: { action: 'follow_up', type: 'gap', skill: 'TypeScript' },
  },

  // ---- skill_match -----------------------------------------------------------------------------
  {
    name: 'skill_match: built a game server',
    role: 'chat',
    answer: 'We built a multiplayer game lobby where players could see each other join and leave.',
    expect: { action: 'follow_up', type: 'skill_match', skill: 'WebSockets' },
  },
  {
    name: 'skill_match: built a data pipeline for a mobile role',
    role: 'mobile',
    answer: 'I built an offline-first notes app for a startup, syncing changes when the phone came back online.',
    expect: { action: 'follow_up', type: 'skill_match', skill: 'Swift' },
  },
  {
    name: 'skill_match: built internal tooling for a devops role',
    role: 'devops',
    answer: 'I created a deployment dashboard that showed which version ran where and let people roll back.',
    expect: { action: 'follow_up', type: 'skill_match', skill: 'Kubernetes' },
  },
  {
    name: 'skill_match: shipped an ML feature for a data role',
    role: 'data',
    answer: 'We shipped a recommendation widget for the store, and I owned the nightly batch that fed it.',
    expect: { action: 'follow_up', type: 'skill_match', skill: 'SQL' },
  },

  // ---- clarification ---------------------------------------------------------------------------
  {
    name: 'clarification: "stuff and things"',
    role: 'frontend',
    answer: 'I worked on various stuff, kind of everything on the frontend really.',
    expect: { action: 'follow_up', type: 'clarification', rule: 'vague_answer' },
  },
  {
    name: 'clarification: one word',
    role: 'backend',
    answer: 'Microservices.',
    expect: { action: 'follow_up', type: 'clarification', rule: 'too_short' },
  },
  {
    name: 'clarification: "it depends"',
    role: 'devops',
    answer: 'It depends.',
    expect: { action: 'follow_up', type: 'clarification', rule: 'too_short' },
  },
  {
    name: 'clarification: vague about a skill',
    role: 'data',
    answer: 'I did a bit of SQL here and there, some reports and things.',
    expect: { action: 'follow_up', type: 'clarification', skill: 'SQL', rule: 'vague_answer' },
  },
  {
    name: 'clarification: repeat the question',
    role: 'backend',
    answer: 'Sorry, could you repeat the question?',
    expect: { action: 'follow_up', type: 'clarification', rule: 'repeat_requested' },
  },
  {
    name: 'clarification: what do you mean',
    role: 'mobile',
    answer: 'What do you mean by offline support exactly?',
    expect: { action: 'follow_up', type: 'clarification', rule: 'repeat_requested' },
  },
  {
    name: 'clarification: behavioral vague story',
    role: 'manager',
    answer: 'Generally I just talk to people and sort things out, basically.',
    state: { question: behavioralQ },
    expect: { action: 'follow_up', type: 'clarification' },
  },

  // ---- probing ---------------------------------------------------------------------------------
  {
    name: 'probing: never used Docker',
    role: 'fullstack',
    answer: "Honestly I've never used Docker.",
    expect: { action: 'follow_up', type: 'probing', skill: 'Docker' },
  },
  {
    name: 'probing: no experience with Airflow',
    role: 'data',
    answer: 'No real experience with Airflow, we used cron.',
    expect: { action: 'follow_up', type: 'probing', skill: 'Airflow' },
  },
  {
    name: 'probing: not familiar with Kotlin',
    role: 'mobile',
    answer: "I'm not familiar with Kotlin, I stayed on iOS.",
    expect: { action: 'follow_up', type: 'probing', skill: 'Kotlin' },
  },
  {
    name: 'probing: unsure, long answer, no skill named',
    role: 'backend',
    answer:
      "I'm not sure. I would probably look at the logs first, then try to reproduce the problem locally and see whether the slow part is the network or the code, and after that I would ask a colleague who knows the system.",
    expect: { action: 'follow_up', type: 'probing', skill: null, rule: 'uncertain' },
  },
  {
    name: 'probing: hint asked but none left',
    role: 'backend',
    answer: 'Can I get a hint?',
    state: { question: { hintsUsed: 3 } },
    expect: { action: 'follow_up', type: 'probing', rule: 'hint_requested_none_left' },
  },
  {
    name: 'probing: skill probed before → next unprobed mention',
    role: 'devops',
    answer: "I don't know Kubernetes or Docker well.",
    state: { skillsProbed: ['Kubernetes'] },
    expect: { action: 'follow_up', type: 'probing', skill: 'Docker' },
  },

  // ---- hint ------------------------------------------------------------------------------------
  {
    name: 'hint: asked for',
    role: 'backend',
    answer: "I'm stuck, could you give me a hint?",
    expect: { action: 'hint', rule: 'hint_requested' },
  },
  {
    name: 'hint: stuck with no skill named',
    role: 'frontend',
    answer: "I don't know where to start.",
    expect: { action: 'hint', rule: 'stuck_on_question' },
  },
  { name: 'hint: no idea', role: 'data', answer: 'No idea, sorry.', expect: { action: 'hint', rule: 'stuck_on_question' } },
  {
    name: 'hint: second level after a first',
    role: 'mobile',
    answer: 'Any hints?',
    state: { question: { hintsUsed: 1 } },
    expect: { action: 'hint', rule: 'hint_requested' },
  },

  // ---- next question / topic shift --------------------------------------------------------------
  {
    name: 'next: complete technical answer',
    role: 'backend',
    answer:
      'In Python I first profile, then fix the hottest query in PostgreSQL because an index on the join column turns a full scan into O(log n) lookups. The trade-off is slower writes. That cut p95 from 800 ms to 120 ms for our REST APIs.',
    expect: { action: 'next_question', rule: 'answer_complete' },
  },
  {
    name: 'topic shift: next question is behavioral',
    role: 'frontend',
    answer:
      'I memoised the React list rows with TypeScript types for the props, moved state management into a reducer because it batches updates, and rendering dropped from 40 ms to 6 ms per keystroke.',
    state: { next: { category: 'behavioral', rubricKind: 'behavioral' } },
    expect: { action: 'topic_shift' },
  },
  {
    name: 'next: follow-up budget used up',
    role: 'data',
    answer: 'I did a bit of SQL here and there, some reports and things.',
    state: { question: { followUpsAsked: ['clarification', 'example'] } },
    expect: { action: 'next_question', rule: 'follow_up_budget' },
  },
  {
    name: 'next: tough persona has a bigger budget',
    role: 'data',
    answer: 'I did a bit of SQL here and there, some reports and things.',
    state: { style: 'tough', question: { followUpsAsked: ['clarification', 'example'] } },
    expect: { action: 'follow_up', type: 'clarification' },
  },
  {
    name: 'next: candidate asks to skip',
    role: 'mobile',
    answer: "Can we move on? I'd rather not answer this one.",
    expect: { action: 'next_question', rule: 'skip_requested' },
  },
  {
    name: 'topic shift: skip into a design question',
    role: 'backend',
    answer: "Let's move on, please.",
    state: { next: { category: 'system_design', rubricKind: 'system_design' } },
    expect: { action: 'topic_shift', rule: 'skip_requested' },
  },
  {
    name: 'next: complete STAR story',
    role: 'manager',
    answer:
      'At my last company our team had missed two releases. I was responsible for getting delivery back on track, so I introduced weekly planning and split the work into smaller pieces, and I talked with each engineer about blockers. As a result we shipped the next four releases on time and communication with product improved.',
    state: { question: behavioralQ, next: { category: 'behavioral', rubricKind: 'behavioral' } },
    expect: { action: 'next_question' },
  },
  {
    name: 'next: design answer with trade-offs',
    role: 'backend',
    answer:
      'First I assume 10k writes per second and 100k reads, so reads dominate. A Python API service writes to PostgreSQL, sharded by the hash of the code, with a Redis cache in front for redirects because most reads hit a small set of links. The trade-off is eventual consistency for analytics; REST APIs stay simple.',
    state: { question: designQ, next: { category: 'system_design', rubricKind: 'system_design' } },
    expect: { action: 'next_question' },
  },

  // ---- the four misses a sharper policy catches --------------------------------------------------
  {
    name: 'own part: "we" migrated the database, nothing the candidate did',
    role: 'backend',
    answer:
      'We migrated the whole billing service to PostgreSQL last year. Our team split the schema into modules and we rolled it out region by region, and the team kept the old database as a fallback.',
    expect: { action: 'follow_up', type: 'example', rule: 'team_without_own_part' },
  },
  {
    name: 'own part: a behavioral story told only as "we"',
    role: 'manager',
    answer:
      'There was a disagreement about the release date. We talked it through over a few meetings, we agreed on a compromise, and in the end our release went out a week later with the important parts.',
    state: { question: behavioralQ },
    expect: { action: 'follow_up', type: 'example', rule: 'team_without_own_part' },
  },
  {
    name: 'own part: "we" with the candidate\'s own part is a complete answer',
    role: 'backend',
    answer:
      'We migrated billing to PostgreSQL in Python. I wrote the dual-write layer because we could not stop traffic, and I measured drift daily until it stayed at zero for two weeks.',
    state: { earlierAnswers: coveredBackend },
    expect: { action: 'next_question', rule: 'answer_complete' },
  },
  {
    name: 'drift: the candidate says they are changing the subject',
    role: 'frontend',
    answer:
      'It went fine. By the way, that reminds me of my hobby projects, I have been building keyboards and learning woodworking at weekends, which has been a lot of fun for me lately.',
    expect: { action: 'follow_up', type: 'clarification', rule: 'off_question' },
  },
  {
    name: 'drift: a long answer about something else entirely',
    role: 'manager',
    answer:
      'Honestly what matters most to me is the office culture, the lunches, the commute and whether people are friendly with each other, since I moved cities recently and I would like a calm place where everyone gets along and enjoys coming in.',
    state: { question: behavioralQ },
    expect: { action: 'follow_up', type: 'clarification', rule: 'off_question' },
  },
  {
    name: 'drift: a long on-topic answer is not drift',
    role: 'devops',
    answer:
      'The hardest technical problem in the system I built was a deploy that hung; I traced it to a readiness probe on Kubernetes that never passed because the Docker image started slower than the timeout, so I raised it and added a startup probe.',
    state: { earlierAnswers: ['We ran everything on AWS.'] },
    expect: { action: 'next_question' },
  },
  {
    name: 'hedged guess: "maybe a hash map?" is probed, not hinted',
    role: 'backend',
    answer: 'Hmm, maybe a hash map keyed by the id? I guess that would be fast enough.',
    state: { question: { text: 'How would you find duplicate orders in a stream?', category: 'coding', rubricKind: 'technical' } },
    expect: { action: 'follow_up', type: 'probing', rule: 'hedged_guess' },
  },
  {
    name: 'hedged guess: "I\'d guess it\'s the cache" about a skill',
    role: 'devops',
    answer: "I'd guess it's the Docker layer cache being invalidated on every build.",
    expect: { action: 'follow_up', type: 'probing', rule: 'hedged_guess', skill: 'Docker' },
  },
  {
    name: 'hedged guess: "could it be" a race condition',
    role: 'chat',
    answer: 'Could it be a race between two WebSocket messages arriving out of order?',
    expect: { action: 'follow_up', type: 'probing', rule: 'hedged_guess' },
  },
  {
    name: 'hedged guess: not knowing at all still gets a hint',
    role: 'backend',
    answer: "I don't know, maybe I'm missing something obvious.",
    expect: { action: 'hint', rule: 'stuck_on_question' },
  },
  {
    name: 'adjacent: MySQL experience for a PostgreSQL role',
    role: 'backend',
    answer: 'I ran our MySQL databases for three years, tuning indexes and replication, with Python services on top.',
    expect: { action: 'follow_up', type: 'skill_match', skill: 'PostgreSQL', rule: 'adjacent_technology' },
  },
  {
    name: 'adjacent: Vue, not React',
    role: 'frontend',
    answer: 'Most of my front-end work has been in Vue with Vuex, a dashboard used by support agents every day.',
    expect: { action: 'follow_up', type: 'skill_match', skill: 'React', rule: 'adjacent_technology' },
  },
  {
    name: 'adjacent: Nomad clusters for a Kubernetes role (not depth)',
    role: 'devops',
    answer: 'I operated Nomad clusters with Consul for service discovery and rolled out Docker images to them.',
    expect: { action: 'follow_up', type: 'skill_match', skill: 'Kubernetes', rule: 'adjacent_technology' },
  },
  {
    name: 'adjacent: RabbitMQ once Spark is covered is not a data gap',
    role: 'data',
    answer: 'I built the ingestion on Hadoop jobs feeding SQL tables.',
    expect: { action: 'follow_up', type: 'skill_match', skill: 'Spark', rule: 'adjacent_technology' },
  },
  {
    name: 'adjacent: the required skill already came up, so no skill_match',
    role: 'backend',
    answer: 'Before that I used MySQL too, mostly for reporting, because the analytics team wanted it.',
    state: { earlierAnswers: coveredBackend },
    expect: { action: 'next_question' },
  },

  // ---- pacing and end --------------------------------------------------------------------------
  {
    name: 'pace_up: question ran long, one follow-up max',
    role: 'data',
    answer: 'I did a bit of SQL here and there, some reports and things.',
    state: { question: { followUpsAsked: ['clarification'], askedAtMs: 60_000 }, elapsedMs: 1_200_000 },
    expect: { action: 'next_question', rule: 'follow_up_budget', pace: 'pace_up' },
  },
  {
    name: 'pace_up: behind schedule still allows a first follow-up',
    role: 'backend',
    answer: "I've done some database work",
    state: { elapsedMs: 2_100_000, question: { askedAtMs: 2_000_000 } },
    expect: { action: 'follow_up', type: 'clarification', pace: 'pace_up' },
  },
  {
    name: 'pace_down: last question with lots of time left',
    role: 'backend',
    answer: 'I would put the jobs on a queue and process them with worker processes.',
    state: { questionsRemaining: 0, next: null, elapsedMs: 900_000, question: { askedAtMs: 800_000 }, earlierAnswers: coveredBackend },
    expect: { action: 'follow_up', type: 'depth', pace: 'pace_down' },
  },
  {
    name: 'end: time is over',
    role: 'frontend',
    answer: 'And that is how I would do it.',
    state: { elapsedMs: 2_700_000 },
    expect: { action: 'end', rule: 'time_up' },
  },
  {
    name: 'end: agenda complete',
    role: 'frontend',
    answer:
      'I memoised the React list rows with TypeScript types for the props, moved state management into a reducer because it batches updates, and rendering dropped from 40 ms to 6 ms per keystroke.',
    state: { questionsRemaining: 0, next: null, elapsedMs: 2_300_000, question: { askedAtMs: 1_900_000 } },
    expect: { action: 'end', rule: 'agenda_complete' },
  },
  {
    name: 'end: under two minutes left on the last question',
    role: 'backend',
    answer: 'One more detail: we also had retries.',
    state: { questionsRemaining: 0, next: null, elapsedMs: 2_650_000 },
    expect: { action: 'end', rule: 'time_nearly_up' },
  },
  {
    name: 'end: too little time for another question',
    role: 'backend',
    answer: "Let's move on.",
    state: { elapsedMs: 2_660_000 },
    expect: { action: 'end', rule: 'time_nearly_up' },
  },
  {
    name: 'end: skip on the last question',
    role: 'mobile',
    answer: 'Next question please.',
    state: { questionsRemaining: 0, next: null, elapsedMs: 1_500_000 },
    expect: { action: 'end', rule: 'skip_requested' },
  },
  {
    name: 'next: covered skills from earlier answers mean no gap',
    role: 'frontend',
    answer:
      'The React list was slow, so I profiled it, memoised the rows because each keystroke re-rendered 2k items, and render time went from 40 ms to 6 ms.',
    state: { earlierAnswers: coveredFrontend },
    expect: { action: 'next_question', rule: 'answer_complete' },
  },
];

describe('FollowUpPolicy (offline, deterministic)', () => {
  it('has at least 60 answers covering every follow-up type and action', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
    const types = new Set(ROWS.map((r) => r.expect.type).filter(Boolean));
    expect([...types].sort()).toEqual(['clarification', 'depth', 'example', 'gap', 'probing', 'skill_match']);
    const actions = new Set(ROWS.map((r) => r.expect.action));
    expect([...actions].sort()).toEqual(['end', 'follow_up', 'hint', 'next_question', 'topic_shift']);
    expect(new Set(ROWS.map((r) => r.role)).size).toBeGreaterThanOrEqual(8);
  });

  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const decision = policy(makeState(row), row.answer);
    expect(decision.action).toBe(row.expect.action);
    expect(decision.followUpType).toBe(row.expect.type ?? null);
    if (row.expect.skill !== undefined) expect(decision.skill).toBe(row.expect.skill);
    if (row.expect.rule) expect(decision.rule).toBe(row.expect.rule);
    if (row.expect.pace !== undefined) expect(decision.pace).toBe(row.expect.pace);
    // Every decision explains itself and keeps a note for the reviewer.
    expect(decision.reason.length).toBeGreaterThan(10);
    expect(decision.hiddenNote).toMatch(/words/);
  });

  it('is deterministic: the same state and answer give the same decision', () => {
    for (const row of ROWS.slice(0, 20)) expect(policy(makeState(row), row.answer)).toEqual(policy(makeState(row), row.answer));
  });
});
