import { FOLLOW_UP_TYPES } from '../../../shared/interviewer/model';
import type { StyleProfileView } from '../../../shared/ipc/contract-twin';
import { Bars, ChartCard } from './Charts';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const TYPE_LABELS: Record<(typeof FOLLOW_UP_TYPES)[number], string> = {
  depth: 'Depth',
  example: 'Example',
  gap: 'Gap',
  skill_match: 'Skill match',
  clarification: 'Clarification',
  probing: 'Probing',
};

/** An interviewer's style profile as charts (docs/twin.md, "Style profile"). */
export function ProfilePanel({ profile }: { profile: StyleProfileView }) {
  const v = profile.verbosity;
  const traits = [
    { label: 'Asks a question', value: profile.questionRate },
    { label: 'Gives a hint', value: profile.hintRate },
    { label: 'Challenge', value: profile.challenge },
    { label: 'Warmth', value: profile.warmth },
    { label: 'Directness', value: profile.directness },
  ];
  const mix = FOLLOW_UP_TYPES.map((t) => ({ label: TYPE_LABELS[t], value: profile.followUpMix[t] }));
  return (
    <div className="tw-grid-2" data-testid="twin-profile">
      <ChartCard
        title="Verbosity"
        caption={`Words per turn over ${profile.interviewerTurns} turns in ${profile.sessions} training sessions`}
        table={{
          head: ['Measure', 'Words'],
          rows: [
            ['Mean', v.mean],
            ['10th percentile', v.p10],
            ['90th percentile', v.p90],
          ],
        }}
      >
        <Bars
          max={Math.max(v.p90, v.mean, 1) * 1.15}
          bars={[
            { label: 'Short turns (p10)', value: v.p10, display: `${v.p10} words` },
            { label: 'Typical (mean)', value: v.mean, display: `${v.mean} words` },
            { label: 'Long turns (p90)', value: v.p90, display: `${v.p90} words` },
          ]}
        />
        <p className="tw-fact">
          <strong>{profile.minutesPerQuestion ?? '—'}</strong> minutes per question
        </p>
      </ChartCard>
      <ChartCard
        title="Manner"
        caption="Share of their turns"
        table={{ head: ['Trait', 'Share'], rows: traits.map((t) => [t.label, pct(t.value)]) }}
      >
        <Bars max={1} bars={traits.map((t) => ({ ...t, display: pct(t.value) }))} />
      </ChartCard>
      <ChartCard
        title="Follow-up mix"
        caption="Among their follow-ups whose type is known or can be told from the words"
        table={{ head: ['Type', 'Share'], rows: mix.map((m) => [m.label, pct(m.value)]) }}
      >
        <Bars max={Math.max(0.01, ...mix.map((m) => m.value))} bars={mix.map((m) => ({ ...m, display: pct(m.value) }))} />
      </ChartCard>
      <ChartCard
        title="Openings and closings"
        caption="Their most frequent first and last words in an interview (redacted)"
        table={{
          head: ['Kind', 'Words'],
          rows: [...profile.openings.map((o) => ['Opening', o]), ...profile.closings.map((c) => ['Closing', c])],
        }}
      >
        <div className="tw-phrases">
          <h4>Openings</h4>
          <ol>{profile.openings.length ? profile.openings.map((o) => <li key={o}>“{o}”</li>) : <li>None yet</li>}</ol>
          <h4>Closings</h4>
          <ol>{profile.closings.length ? profile.closings.map((c) => <li key={c}>“{c}”</li>) : <li>None yet</li>}</ol>
        </div>
      </ChartCard>
    </div>
  );
}
