import { describe, expect, it } from 'vitest';
import { REDACTION_KINDS, addCounts, luhnValid, redactText, type RedactionCounts } from '../../shared/telemetry';

/** Redacts `input` and checks that exactly one finding of `kind` was replaced. */
function expectOne(input: string, kind: string, expected: string) {
  const r = redactText(input);
  expect(r.text).toBe(expected);
  expect(r.counts).toEqual({ [kind]: 1 });
  expect(r.total).toBe(1);
}

/** Checks that `input` comes back unchanged with nothing counted. */
function expectUntouched(input: string) {
  const r = redactText(input);
  expect(r.text).toBe(input);
  expect(r.counts).toEqual({});
  expect(r.total).toBe(0);
}

describe('luhnValid', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '6011000990139424', '79927398713', '0'])('accepts %s', (digits) => {
    expect(luhnValid(digits)).toBe(true);
  });

  it.each(['4111111111111112', '5555555555554445', '79927398710', '1'])('rejects %s', (digits) => {
    expect(luhnValid(digits)).toBe(false);
  });

  it('rejects an empty string and anything that is not only digits', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
    expect(luhnValid('4111-1111-1111-1111')).toBe(false);
    expect(luhnValid('41111111111a1111')).toBe(false);
  });
});

describe('redactText: e-mail addresses', () => {
  it('replaces an address with [EMAIL] and keeps the surrounding prose', () => {
    expectOne('Write to jane.doe@example.com today.', 'EMAIL', 'Write to [EMAIL] today.');
  });

  it.each(['j@x.io', 'first.last+tag@mail.example.co.uk', 'o_connor-99@sub-domain.example.org', 'UPPER@EXAMPLE.COM'])(
    'redacts %s',
    (address) => {
      expectOne(`<${address}>`, 'EMAIL', '<[EMAIL]>');
    },
  );

  it('counts several addresses', () => {
    const r = redactText('a@example.com, b@example.com and c@example.com');
    expect(r.text).toBe('[EMAIL], [EMAIL] and [EMAIL]');
    expect(r.counts).toEqual({ EMAIL: 3 });
    expect(r.total).toBe(3);
  });

  it.each(['user@localhost', '@handle', 'price: 5@3 each', 'decorator @Component()'])('leaves %j alone', (text) => {
    expectUntouched(text);
  });
});

describe('redactText: phone numbers', () => {
  it.each([
    ['+1 415 555 2671', 'US, international'],
    ['+1-415-555-2671', 'US, international with dashes'],
    ['+1 (415) 555-2671', 'US, international with area code in brackets'],
    ['+44 20 7946 0958', 'UK London, international'],
    ['+44 7911 123456', 'UK mobile, international'],
    ['+33 6 12 34 56 78', 'France, international in pairs'],
    ['+49 30 1234 5678', 'Germany, international'],
    ['+91 98765 43210', 'India, international'],
    ['+4915112345678', 'E.164 without separators'],
    ['+14155552671', 'E.164 without separators, US'],
  ])('redacts %s (%s)', (number) => {
    expectOne(`call ${number} now`, 'PHONE', 'call [PHONE] now');
  });

  it.each([
    ['(415) 555-2671', 'US with area code in brackets'],
    ['415-555-2671', 'US with dashes'],
    ['415.555.2671', 'US with dots'],
    ['415 555 2671', 'US with spaces'],
    ['020 7946 0958', 'UK national'],
    ['030 1234 5678', 'German national'],
  ])('redacts the national grouped form %s (%s)', (number) => {
    expectOne(`tel: ${number}.`, 'PHONE', 'tel: [PHONE].');
  });

  it('redacts a long E.164 number as a phone even when its digits pass Luhn', () => {
    // 4915112345678 passes Luhn: it must still be a [PHONE], with its `+`, not a "+[CREDIT_CARD]".
    expect(luhnValid('4915112345678')).toBe(true);
    expectOne('+4915112345678', 'PHONE', '[PHONE]');
  });

  it.each([
    ['1234567890', 'a plain integer in code'],
    ['const id = 4155552671;', 'a ten-digit integer literal'],
    ['555-2671', 'a short local number'],
    ['12 34', 'short numbers'],
    ['+12 34', 'too few digits after a plus'],
    ['x = a + 1', 'arithmetic'],
    ['2026-01-31', 'a date'],
  ])('leaves %j alone (%s)', (text) => {
    expectUntouched(text);
  });
});

describe('redactText: URLs with credentials', () => {
  it('replaces user and password but keeps scheme, host and path', () => {
    expectOne(
      'clone https://alice:hunter2@git.example.com/repo.git',
      'URL_CREDENTIALS',
      'clone https://[URL_CREDENTIALS]@git.example.com/repo.git',
    );
  });

  it('redacts database URLs and does not report the credentials as an e-mail', () => {
    const r = redactText('DATABASE_URL=postgres://admin:s3cr3t@db.internal.example.com:5432/app');
    expect(r.text).toBe('DATABASE_URL=postgres://[URL_CREDENTIALS]@db.internal.example.com:5432/app');
    expect(r.counts).toEqual({ URL_CREDENTIALS: 1 });
  });

  it('redacts an empty password too', () => {
    expectOne('redis://default:@cache.example.com', 'URL_CREDENTIALS', 'redis://[URL_CREDENTIALS]@cache.example.com');
  });

  it('redacts the host too when it is an IP address, counting both', () => {
    const r = redactText('mongodb://root:pw@10.0.0.5:27017/db');
    expect(r.text).toBe('mongodb://[URL_CREDENTIALS]@[IP_ADDRESS]:27017/db');
    expect(r.counts).toEqual({ URL_CREDENTIALS: 1, IP_ADDRESS: 1 });
    expect(r.total).toBe(2);
  });

  it.each(['https://example.com/path?q=1#top', 'see http://localhost:3000/api', 'https://example.com/a:b@c'])('leaves %j alone', (text) => {
    expectUntouched(text);
  });
});

describe('redactText: IP addresses', () => {
  it.each(['192.168.1.20', '10.0.0.1', '255.255.255.255', '8.8.8.8', '0.0.0.0'])('redacts IPv4 %s', (ip) => {
    expectOne(`host ${ip} is up`, 'IP_ADDRESS', 'host [IP_ADDRESS] is up');
  });

  it('redacts an IPv4 address followed by a port', () => {
    expectOne('listening on 127.0.0.1:8080', 'IP_ADDRESS', 'listening on [IP_ADDRESS]:8080');
  });

  it.each(['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:db8::1', 'fe80::1ff:fe23:4567:890a', '2001:DB8:0:0:8:800:200C:417A'])(
    'redacts IPv6 %s',
    (ip) => {
      expectOne(`peer ${ip} connected`, 'IP_ADDRESS', 'peer [IP_ADDRESS] connected');
    },
  );

  it.each(['256.1.1.1', '1.2.3', 'version 1.2.3', '999.999.999.999', 'std::vector<int>', 'time 09:15:00', 'a ratio of 3:4'])(
    'leaves %j alone',
    (text) => {
      expectUntouched(text);
    },
  );
});

describe('redactText: credit-card numbers', () => {
  it.each([
    ['4111111111111111', 'Visa, contiguous'],
    ['4111 1111 1111 1111', 'Visa, in groups of four'],
    ['4111-1111-1111-1111', 'Visa, with dashes'],
    ['5555555555554444', 'Mastercard'],
    ['2223000048400011', 'Mastercard 2-series'],
    ['378282246310005', 'American Express'],
    ['3782 822463 10005', 'American Express, printed 4-6-5'],
    ['6011 0009 9013 9424', 'Discover'],
    ['4222222222222', 'Visa, 13 digits'],
  ])('redacts %s (%s), which passes Luhn', (card) => {
    expect(luhnValid(card.replace(/[ -]/g, ''))).toBe(true);
    expectOne(`card: ${card}.`, 'CREDIT_CARD', 'card: [CREDIT_CARD].');
  });

  it('redacts two cards in one text', () => {
    const r = redactText('4111111111111111 and 5555-5555-5555-4444');
    expect(r.text).toBe('[CREDIT_CARD] and [CREDIT_CARD]');
    expect(r.counts).toEqual({ CREDIT_CARD: 2 });
  });

  it.each(['4111111111111112', '4111 1111 1111 1112', '4111-1111-1111-1112', '1234567812345678'])(
    'does not redact the 16-digit number %s, which fails Luhn',
    (number) => {
      expect(luhnValid(number.replace(/[ -]/g, ''))).toBe(false);
      expectUntouched(`order ${number} shipped`);
    },
  );

  it('does not redact an epoch-millisecond timestamp, even one that passes Luhn', () => {
    expect(luhnValid('1767225600009')).toBe(true);
    expectUntouched('created_at: 1767225600009');
  });

  it('does not redact a zero-padded id, which trivially passes Luhn', () => {
    expect(luhnValid('0000000000000000')).toBe(true);
    expectUntouched('id=0000000000000000');
  });

  it('does not treat a space-separated list of small numbers as a card', () => {
    expectUntouched('fib: 0 1 1 2 3 5 8 13 21 34 55 89 144 233');
    expectUntouched('2 3 4 5 6 7 8 9 10 11 12 13');
  });

  it('does not redact a run of more than 19 digits', () => {
    expectUntouched('42424242424242424242');
  });
});

describe('redactText: API keys and tokens', () => {
  it.each([
    ['sk-abcdefghijklmnopqrstuvwxyz0123', 'OpenAI key'],
    ['sk-proj-abcdefghijklmnopqrstuvwxyz0123456789', 'OpenAI project key'],
    ['sk-ant-api03-abcdefghijklmnopqrstuvwxyz', 'Anthropic key'],
    ['sk_live_abcdefghijklmnop1234', 'Stripe secret key'],
    ['pk_test_abcdefghijklmnop1234', 'Stripe publishable key'],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'GitHub personal access token'],
    ['gho_abcdefghijklmnopqrstuvwxyz0123456789', 'GitHub OAuth token'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ', 'GitHub fine-grained token'],
    ['glpat-abcdefghijklmnopqrst', 'GitLab token'],
    ['xoxb-1234567890-abcdefghijklmn', 'Slack bot token'],
    ['xoxp-1234567890-1234567890-abcdefghij', 'Slack user token'],
    ['AKIAIOSFODNN7EXAMPLE', 'AWS access key id'],
    ['ASIAIOSFODNN7EXAMPLE', 'AWS temporary access key id'],
    ['AIzaSyA1234567890abcdefghijklmnopqrstuv', 'Google API key'],
    ['hf_abcdefghijklmnopqrstuvwxyz01234', 'Hugging Face token'],
  ])('redacts %s (%s)', (key) => {
    expectOne(`key ${key} here`, 'API_KEY', 'key [API_KEY] here');
  });

  it('redacts a Bearer token but keeps the word Bearer', () => {
    expectOne('Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345', 'API_KEY', 'Authorization: Bearer [API_KEY]');
  });

  it('redacts base64 padding of a Bearer token with it', () => {
    expectOne('Bearer QWxhZGRpbjpvcGVuIHNlc2FtZQ==', 'API_KEY', 'Bearer [API_KEY]');
  });

  it.each([
    ['api_key=abcdefghijklmnop1234', 'api_key=[API_KEY]'],
    ['API-KEY: abcdefghijklmnop1234', 'API-KEY: [API_KEY]'],
    ['password: "hunter2hunter2hunter2"', 'password: "[API_KEY]"'],
    ["secret='0123456789abcdef0123'", "secret='[API_KEY]'"],
    ['token = abcdefghijklmnopqrstuvwx', 'token = [API_KEY]'],
  ])('redacts the value of %j', (text, expected) => {
    expectOne(text, 'API_KEY', expected);
  });

  it('redacts a JWT as [JWT]', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    expectOne(`token: ${jwt}`, 'JWT', 'token: [JWT]');
  });

  it('redacts a JWT after Bearer as a JWT, not as a generic key', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMxMjMifQ.c2lnbmF0dXJlX2hlcmVfb2s';
    expectOne(`Authorization: Bearer ${jwt}`, 'JWT', 'Authorization: Bearer [JWT]');
  });

  it('redacts a whole private key block and keeps the text after it', () => {
    const pem = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEA7b0c3X',
      'q2w3e4r5t6y7u8i9o0p==',
      '-----END RSA PRIVATE KEY-----',
    ].join('\n');
    expectOne(`before\n${pem}\nafter`, 'PRIVATE_KEY', 'before\n[PRIVATE_KEY]\nafter');
  });

  it.each(['-----BEGIN PRIVATE KEY-----', '-----BEGIN OPENSSH PRIVATE KEY-----', '-----BEGIN EC PRIVATE KEY-----'])(
    'redacts a %s block',
    (begin) => {
      const end = begin.replace('BEGIN', 'END');
      expectOne(`${begin}\nAAAAB3NzaC1yc2E\n${end}`, 'PRIVATE_KEY', '[PRIVATE_KEY]');
    },
  );

  it('redacts a truncated private key block up to the end of the text', () => {
    expectOne('key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B (cut off', 'PRIVATE_KEY', 'key:\n[PRIVATE_KEY]');
  });

  it('leaves a public key alone', () => {
    expectUntouched('-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----');
  });

  it.each([
    ['sk-short', 'a short sk- prefix'],
    ['ghp_short', 'a short ghp_ prefix'],
    ['Bearer abc', 'a short Bearer value'],
    ['AKIA1234', 'a short AKIA prefix'],
    ['task-abcdefghijklmnopqrstuvwxyz', 'sk- inside a word'],
    ['password: short', 'a short password value'],
    ['the token is valid for 5 minutes', 'the word token in prose'],
  ])('leaves %j alone (%s)', (text) => {
    expectUntouched(text);
  });
});

describe('redactText: false positives', () => {
  it.each([
    ['2026-01-31T09:15:00.000Z', 'an ISO timestamp in UTC'],
    ['2026-01-31T10:15:00+01:00', 'an ISO timestamp with an offset'],
    ['[2026-01-31 09:15:00] INFO server started', 'a log line'],
    ['const x = 1234567890;', 'a ten-digit integer in code'],
    ['Number.MAX_SAFE_INTEGER === 9007199254740991', 'a 16-digit integer in code'],
    ['x = 42; y = 3.14; n = 100000', 'short numbers'],
    ['for (let i = 0; i < 10; i++) { sum += arr[i]; }', 'a loop'],
    ['arr = [1, 2, 3, 4, 5, 6, 7, 8, 9]', 'a list'],
    ['The quick brown fox jumps over the lazy dog.', 'ordinary prose'],
    ["I'd use a hash map here; lookups are O(1) and the whole pass is O(n log n).", 'interview prose'],
    ['Took 1500 ms, 3 retries, exit code 0', 'a summary line'],
    ['uuid 123e4567-e89b-12d3-a456-426614174000', 'a UUID'],
    ['sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'a SHA-256 digest'],
    ['Expected: [[1, 2], [3, 4]]\nReceived: [[1, 2], [4, 3]]', 'test output'],
    ['', 'an empty string'],
  ])('leaves %j alone (%s)', (text) => {
    expectUntouched(text);
  });
});

describe('redactText: mixed text and counts', () => {
  it('redacts every kind in one text and counts each by kind', () => {
    const text = [
      'mail jane@example.com or call +44 20 7946 0958',
      'db postgres://u:p@db.example.com/x',
      'from 192.168.0.7 with card 4111 1111 1111 1111',
      'key sk-abcdefghijklmnopqrstuvwxyz0123',
    ].join('\n');
    const r = redactText(text);
    expect(r.text).toBe(
      [
        'mail [EMAIL] or call [PHONE]',
        'db postgres://[URL_CREDENTIALS]@db.example.com/x',
        'from [IP_ADDRESS] with card [CREDIT_CARD]',
        'key [API_KEY]',
      ].join('\n'),
    );
    expect(r.counts).toEqual({ EMAIL: 1, PHONE: 1, URL_CREDENTIALS: 1, IP_ADDRESS: 1, CREDIT_CARD: 1, API_KEY: 1 });
    expect(r.total).toBe(6);
  });

  it('only ever produces placeholders for the known kinds', () => {
    const r = redactText('jane@example.com +1 415 555 2671 10.0.0.1 AKIAIOSFODNN7EXAMPLE');
    const placeholders = r.text.match(/\[[A-Z_]+\]/g) ?? [];
    expect(placeholders).toHaveLength(4);
    for (const p of placeholders) expect(REDACTION_KINDS).toContain(p.slice(1, -1));
  });

  it('is idempotent: redacting redacted text changes nothing', () => {
    const once = redactText('jane@example.com, +1 415 555 2671, 4111111111111111, Bearer abcdefghijklmnopqrstuvwxyz').text;
    expectUntouched(once);
  });

  it('gives the same answer on repeated calls (no regex state carried over)', () => {
    const text = 'a@example.com b@example.com';
    expect(redactText(text)).toEqual(redactText(text));
    expect(redactText(text).total).toBe(2);
  });
});

describe('redactText: long input', () => {
  // A turn text may be up to ~256 KB. Each of these once made one rule quadratic (minutes, not
  // milliseconds): a regression runs into the test timeout. No timing is asserted here.
  const n = 100_000;
  it.each([
    ['a run of spaces', `x${' '.repeat(n)}`],
    ['a run of newlines after "token:"', `token:${'\n'.repeat(n)}`],
    ['a run of spaces after "Bearer"', `Bearer${' '.repeat(n)}`],
    ['a-a-a-… (URL scheme and e-mail local part characters)', 'a-'.repeat(n / 2)],
    ['999.999.999.… (e-mail local part and phone characters)', '999.'.repeat(n / 4)],
  ])('redacts 100 KB of %s, finding nothing', (_what, text) => {
    const r = redactText(text);
    expect(r.text).toBe(text);
    expect(r.total).toBe(0);
  });

  it('still finds an address, a key and a token in a long text', () => {
    const pad = ' '.repeat(50_000);
    const r = redactText(`${pad}jane@example.com${pad}password = hunter2hunter2hunter2${pad}Bearer abcdefghijklmnopqrstuvwxyz`);
    expect(r.counts).toEqual({ EMAIL: 1, API_KEY: 2 });
  });

  it('redacts an address whose local part is the longest allowed (64 characters)', () => {
    expectOne(`${'a'.repeat(64)}@example.com`, 'EMAIL', '[EMAIL]');
  });
});

describe('addCounts', () => {
  it('adds counts by kind into the first argument', () => {
    const into: RedactionCounts = { EMAIL: 1 };
    addCounts(into, { EMAIL: 2, PHONE: 1 });
    addCounts(into, {});
    addCounts(into, { JWT: 4 });
    expect(into).toEqual({ EMAIL: 3, PHONE: 1, JWT: 4 });
  });
});
