import { Icon } from '../components/Icon';

export interface BankFilters {
  text: string;
  category: string;
  difficulty: string;
  role: string;
  skill: string;
}

type Facet = Array<{ value: string; label: string; count: number }>;
export interface Facets {
  categories: Facet;
  difficulties: Facet;
  roles: Facet;
  skills: Facet;
}

interface Props {
  filters: BankFilters;
  facets: Facets | null;
  onChange: (filters: BankFilters) => void;
  onClear: () => void;
  canClear: boolean;
}

const DIFFICULTY_ORDER = ['easy', 'medium', 'hard'];

function FacetSelect({
  label,
  value,
  all,
  facet,
  onChange,
  sort,
}: {
  label: string;
  value: string;
  all: string;
  facet: Facet | undefined;
  onChange: (v: string) => void;
  sort?: (a: Facet[number], b: Facet[number]) => number;
}) {
  const options = [...(facet ?? [])];
  if (sort) options.sort(sort);
  // The chosen value stays listed even when the other filters leave it with no questions.
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value, count: 0 });
  return (
    <label className="qb-filter">
      <span className="qb-filter-label">{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label} ({o.count})
          </option>
        ))}
      </select>
    </label>
  );
}

/** Search box and the four filters; each option shows how many questions picking it would leave. */
export function QuestionFilters({ filters, facets, onChange, onClear, canClear }: Props) {
  const set = (patch: Partial<BankFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="qb-filters" role="search">
      <label className="qb-search">
        <Icon name="search" size={15} />
        <span className="visually-hidden">Search questions</span>
        <input
          type="search"
          placeholder="Search titles, prompts and skills…"
          value={filters.text}
          onChange={(e) => set({ text: e.target.value })}
          maxLength={200}
        />
      </label>
      <FacetSelect
        label="Category"
        all="All categories"
        value={filters.category}
        facet={facets?.categories}
        onChange={(category) => set({ category })}
        sort={(a, b) => a.label.localeCompare(b.label)}
      />
      <FacetSelect
        label="Difficulty"
        all="Any difficulty"
        value={filters.difficulty}
        facet={facets?.difficulties}
        onChange={(difficulty) => set({ difficulty })}
        sort={(a, b) => DIFFICULTY_ORDER.indexOf(a.value) - DIFFICULTY_ORDER.indexOf(b.value)}
      />
      <FacetSelect
        label="Role"
        all="Any role"
        value={filters.role}
        facet={facets?.roles}
        onChange={(role) => set({ role })}
        sort={(a, b) => a.label.localeCompare(b.label)}
      />
      <FacetSelect
        label="Skill"
        all="Any skill"
        value={filters.skill}
        facet={facets?.skills}
        onChange={(skill) => set({ skill })}
        sort={(a, b) => a.label.localeCompare(b.label)}
      />
      <button type="button" className="btn btn-ghost btn-small qb-clear" onClick={onClear} disabled={!canClear}>
        Clear
      </button>
    </div>
  );
}
