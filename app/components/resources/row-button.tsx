// A small button acting on one row (Edit, Delete, Remove): its accessible name says which row,
// since every row shows the same visible text.
export function RowButton({ label, text, onClick }: { label: string; text: string; onClick: () => void }) {
  return (
    <button type="button" className="button small" aria-label={label} onClick={onClick}>
      {text}
    </button>
  );
}
