// The team's notes on a person: add, edit, delete, each with when it was written or last edited.
import { type FormEvent, useState } from 'react';
import { agoText, dateTimeText } from '@/components/customer-panel/format';
import type { PanelAction } from '@/components/customer-panel/panel';
import { panelHeadingClass, smallButtonClass } from '@/components/customer-panel/person';
import { buttonClass, inputClass, quietClass } from '@/components/ui';
import { send } from '@/utils/protocol';
import type { Note } from '@/utils/schema';
import { LIMITS } from '@/utils/schema-core';

interface Props {
  customerId: string;
  notes: Note[];
  now: number;
  act: PanelAction;
}

const textareaClass = `${inputClass} min-h-[64px] resize-y`;

export function CustomerNotes({ customerId, notes, now, act }: Props) {
  const [draft, setDraft] = useState('');
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    if (await act(send('notes/save', { customerId, body: draft.trim() }), 'Note added.')) setDraft('');
  };
  return (
    <section aria-labelledby="notes-heading">
      <h3 id="notes-heading" className={panelHeadingClass}>
        Notes
      </h3>
      <form onSubmit={add} className="mb-2 flex flex-col gap-1">
        <textarea
          aria-label="New note"
          placeholder="Add a note for the team"
          className={textareaClass}
          value={draft}
          maxLength={LIMITS.text}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className={`${buttonClass} self-end`} disabled={!draft.trim()}>
          Add note
        </button>
      </form>
      {notes.length === 0 ? (
        <p className="text-[13px] text-slate-500 dark:text-slate-400">No notes yet.</p>
      ) : (
        <ul aria-label="Notes" className="flex flex-col gap-2">
          {notes.map((note) => (
            <NoteRow key={note.id} note={note} customerId={customerId} now={now} act={act} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NoteRow({ note, customerId, now, act }: { note: Note; customerId: string; now: number; act: PanelAction }) {
  const [draft, setDraft] = useState<string | null>(null);
  const edited = note.updatedAt && note.updatedAt !== note.createdAt;
  const at = (edited ? note.updatedAt : note.createdAt) ?? '';
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (draft === null || !draft.trim()) return;
    if (await act(send('notes/save', { id: note.id, customerId, body: draft.trim() }), 'Note saved.')) setDraft(null);
  };
  if (draft !== null) {
    return (
      <li>
        <form onSubmit={save} className="flex flex-col gap-1">
          <textarea
            aria-label="Note text"
            className={textareaClass}
            value={draft}
            maxLength={LIMITS.text}
            // biome-ignore lint/a11y/noAutofocus: the user just pressed Edit; the field replaces the note they chose.
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              // Escape leaves the edit, not the panel.
              if (e.key !== 'Escape') return;
              e.preventDefault();
              setDraft(null);
            }}
          />
          <div className="flex justify-end gap-2">
            <button type="button" className={quietClass} onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button type="submit" className={buttonClass} disabled={!draft.trim()}>
              Save note
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="rounded border border-slate-200 px-3 py-2 text-[13px] dark:border-slate-700">
      <p className="break-words whitespace-pre-wrap">{note.body}</p>
      <div className="mt-1 flex items-center gap-2 text-[11px] text-slate-500 dark:text-slate-400">
        {at && (
          <span>
            {edited ? 'Edited ' : 'Added '}
            <time dateTime={at} title={agoText(at, now)}>
              {dateTimeText(at)}
            </time>
          </span>
        )}
        <button type="button" className={`${smallButtonClass} ml-auto`} onClick={() => setDraft(note.body ?? '')}>
          Edit note
        </button>
        <button type="button" className={smallButtonClass} onClick={() => act(send('notes/delete', { id: note.id }), 'Note deleted.')}>
          Delete note
        </button>
      </div>
    </li>
  );
}
