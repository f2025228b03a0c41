/**
 * Words that look like people's names in an interview and are not: algorithms and laws named after their
 * inventors, tools, languages and products (docs/redaction.md). They are never redacted as names, unless
 * they are the name of one of the session's own participants. Over-redaction is a bug like a leak: a
 * corpus in which "Dijkstra's algorithm" became "[NAME]'s algorithm" teaches the twin nothing.
 */

/** Multi-word terms, matched whole and case-insensitively before any name is looked for. */
export const ALLOWED_PHRASES = [
  'Ruby on Rails',
  'React Router',
  'React Native',
  'Apache Kafka',
  'Apache Spark',
  'Apache Flink',
  'Apache Cassandra',
  'Apache Airflow',
  'Knuth-Morris-Pratt',
  'Bellman-Ford',
  'Floyd-Warshall',
  'Boyer-Moore',
  'Rabin-Karp',
  'Aho-Corasick',
  'Ford-Fulkerson',
  'Edmonds-Karp',
  'Cooley-Tukey',
  'Diffie-Hellman',
  'Reed-Solomon',
  'Levenshtein distance',
  'Hamming distance',
  'Jaccard similarity',
  'Bloom filter',
  'Cuckoo filter',
  'Fenwick tree',
  'Merkle tree',
  'Huffman coding',
  'Fisher-Yates',
  'Monte Carlo',
  'Big O',
  'Visual Studio',
  'GitHub Actions',
  'Google Cloud',
  'Amazon Web Services',
  'Jenkins pipeline',
  'Jest test',
  'Turing complete',
  'Conway\u2019s law',
  "Conway's law",
  "Murphy's law",
  "Amdahl's law",
  "Little's law",
  "Moore's law",
  "Hofstadter's law",
  "Brooks's law",
  "Postel's law",
  "Hyrum's law",
  "Goodhart's law",
] as const;

/**
 * Single words never taken for a name on their own: inventors of algorithms, languages, tools, products.
 * Lower case; compared without regard to case.
 */
export const ALLOWED_WORDS = new Set(
  `
  dijkstra knuth morris pratt bellman ford floyd warshall kruskal prim tarjan kosaraju boyer moore rabin karp huffman
  fibonacci euler hamilton gauss bayes markov turing church lamport paxos raft byzantine merkle bloom cuckoo fenwick trie
  levenshtein hamming jaccard pearson kalman newton lagrange fourier laplace bezier voronoi delaunay reed solomon shor
  grover diffie hellman rivest shamir adleman elgamal schnorr edwards montgomery barrett karatsuba strassen cooley tukey
  mersenne xavier adam nesterov adagrad gaussian bernoulli poisson dirichlet wiener lipschitz hessian jacobian cholesky
  householder givens krylov lanczos arnoldi bresenham ackermann collatz conway hilbert peano cantor godel zermelo hoare
  hopcroft ullman aho sethi backus naur chomsky greibach kleene corasick fulkerson edmonds dinic hungarian kadane manacher
  zobrist mo sierpinski pascal heron pythagoras boolean boole venn occam murphy amdahl brooks postel hyrum goodhart
  jenkins travis bamboo hudson ansible puppet chef helm terraform vault consul nomad packer vagrant docker kubernetes
  linux windows android ubuntu debian fedora arch alpine centos redhat jira confluence trello asana notion slack zoom
  teams github gitlab bitbucket heroku vercel netlify stripe shopify twilio sendgrid datadog grafana kibana prometheus
  jaeger zipkin envoy istio linkerd kafka spark flink storm hive pig presto trino athena aurora dynamo mongo redis
  cassandra elastic hadoop airflow dagster luigi celery rails ruby python julia rust swift kotlin scala haskell elixir
  erlang clojure dart go java javascript typescript perl lua ada pascal fortran cobol lisp scheme racket ocaml prolog
  angular react vue svelte ember backbone jquery django flask laravel spring hibernate maven gradle jest mocha jasmine
  karma sinon cypress playwright selenium webpack vite rollup babel eslint prettier lodash express nest next nuxt remix
  gatsby astro electron tauri flutter xamarin unity unreal godot tensorflow pytorch keras jax numpy pandas scipy sklearn
  alexa siri cortana watson bard claude gemini llama mistral copilot chatgpt openai anthropic mysql postgres sqlite oracle
  snowflake bigquery redshift databricks tableau looker excel sheets figma sketch photoshop postman insomnia swagger
  graphql grpc thrift avro protobuf parquet orc json yaml toml markdown latex
  `
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Nouns that, after a capitalised word, say it names a thing and not a person: "Dijkstra's algorithm",
 * "a Bloom filter", "Raft consensus".
 */
export const THING_NOUNS = new Set(
  `
  algorithm algorithms filter filters distance tree trees heap heaps sort search transform theorem lemma law laws method
  methods number numbers sequence series problem principle conjecture curve curves test tests code codes cipher protocol
  protocols machine machines graph graphs distribution distributions process chain chains table tables hashing hash
  encoding coding matrix matrices function functions equation equations rule rules model models network networks
  consensus clock clocks pipeline pipelines job jobs server servers cluster clusters instance instances library framework
  api sdk cli plugin plugins package module modules operator operators pattern patterns
  `
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * First names that are also everyday words ("Skip praise", "Will it scale?", "Grace period"): at the start
 * of a sentence, where every word is capitalised, one of these alone is taken for the word, not a person.
 * Mid-sentence, capitalised, it is a name.
 */
export const WORD_NAMES = new Set(
  `
  skip will mark bill grace chase sue pat rob art max bob don jack frank hope faith joy rose ray dawn carol gene dean drew
  guy sandy penny ginger holly ivy iris heather daisy lily violet ruby pearl amber crystal summer autumn april may june
  august sterling hunter cash price king earl duke prince major judge bishop pilot tanner cooper carter mason fisher
  fletcher baker miller taylor sky star rain storm river brook cliff glen dale forest reed wade chuck nick kit lance
  miles rich sonny rusty angel dusty misty cherry candy honey sunny grant justice liberty destiny trinity harmony melody
  `
    .split(/\s+/)
    .filter(Boolean),
);
