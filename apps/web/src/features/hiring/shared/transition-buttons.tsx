/** One button per allowed status transition; the caller opens its confirmation dialog. */
export function TransitionButtons<S extends string>({
  transitions,
  label,
  tone,
  small,
  onPick,
}: {
  transitions: readonly S[];
  label: (s: S) => string;
  tone: (s: S) => 'primary' | 'danger' | 'plain';
  small?: boolean;
  onPick: (s: S) => void;
}) {
  const cls = { primary: ' btn-primary', danger: ' btn-danger-outline', plain: '' };
  return (
    <>
      {transitions.map((s) => (
        <button
          key={s}
          type="button"
          className={`btn${small ? ' btn-small' : ''}${cls[tone(s)]}`}
          onClick={() => onPick(s)}
        >
          {label(s)}
        </button>
      ))}
    </>
  );
}
