/**
 * Filter this page's notes by one tag. A select rather than chips: a page can carry dozens of
 * tags and the popup is 340 px wide; a select stays one line, is reachable by keyboard and
 * reads well to a screen reader.
 */
import { useId } from 'preact/hooks';
import type { TagCount } from '../../lib/annotation';

/** Props of `TagFilter`. */
export interface TagFilterProps {
  /** Tags of the notes on this page, with how many notes carry each. */
  tags: readonly TagCount[];
  /** The chosen tag, or '' for all. */
  value: string;
  onChange: (tag: string) => void;
}

/** A labelled "Filter by tag" select; hidden when the page has no tags. */
export function TagFilter({ tags, value, onChange }: TagFilterProps) {
  const id = useId();
  if (tags.length === 0 && value === '') return null;
  return (
    <div class="notes-filter">
      <label for={id}>Filter by tag</label>
      <select
        id={id}
        class="notes-select"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        <option value="">All tags</option>
        {value !== '' && !tags.some((t) => t.tag === value) && (
          <option value={value}>{value} (0)</option>
        )}
        {tags.map(({ tag, count }) => (
          <option key={tag} value={tag}>
            {tag} ({count})
          </option>
        ))}
      </select>
    </div>
  );
}
