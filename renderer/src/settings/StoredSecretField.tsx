import { Icon } from '../components/Icon';

/**
 * A secret kept by the system keychain (the model's API key, the team token; docs/data-safety.md): once
 * stored it is never shown again, only said to be there, with Replace and Remove; otherwise a password
 * field with Save (and Cancel while replacing). The caller keeps the typed value, since Test connection
 * may try it before it is saved.
 */
export function StoredSecretField(props: {
  /** The id of the label element naming the field. */
  labelledBy: string;
  /** Shown as stored (with Replace and Remove) rather than as a field. */
  showStored: boolean;
  /** What the stored row says: "A key is stored", "Stored for https://…". */
  storedText: string;
  storedTestId: string;
  canStore: boolean;
  placeholder: string;
  saveLabel: string;
  /** Save is offered only when this holds too (e.g. a server address is set). */
  ready?: boolean;
  value: string;
  onChange: (value: string) => void;
  /** Replacing a stored one: the field shows with Cancel. */
  replacing: boolean;
  onReplacing: (replacing: boolean) => void;
  /** Stores the value, or removes the stored one (null). */
  onSave: (value: string | null) => void;
}) {
  if (props.showStored) {
    return (
      <div className="ivs-key-row" data-testid={props.storedTestId}>
        <span className="ivs-key-stored">
          <Icon name="check" size={14} /> {props.storedText}
        </span>
        <button type="button" className="btn btn-small" onClick={() => props.onReplacing(true)}>
          Replace
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => props.onSave(null)}>
          Remove
        </button>
      </div>
    );
  }
  const typed = props.value.trim();
  return (
    <form
      className="ivs-key-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed) props.onSave(typed);
      }}
    >
      <input
        aria-labelledby={props.labelledBy}
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder={props.placeholder}
        value={props.value}
        disabled={!props.canStore}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <button type="submit" className="btn btn-small" disabled={!props.canStore || !typed || !(props.ready ?? true)}>
        {props.saveLabel}
      </button>
      {props.replacing && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => props.onReplacing(false)}>
          Cancel
        </button>
      )}
    </form>
  );
}
