// Options → You: the palette shortcut, typed or recorded from a key press, with live warnings
// (browser and site shortcuts it would collide with, characters it would stop you typing). They
// never block saving.
import { type KeyboardEvent, useState } from 'react';
import { hintClass } from '@/components/sla-form-kit';
import { Field, inputClass, quietClass } from '@/components/ui';
import { hotkeySpecFromEvent, hotkeyWarnings } from '@/utils/hotkey-warnings';

const DEFAULT_PALETTE_SPEC = 'Ctrl+Shift+Space';

/** Also the customer history panel's shortcut: `label`, its default, what it opens and the shortcuts it must not reuse. */
export function PaletteShortcutField({
  value,
  onChange,
  label = 'Palette shortcut',
  fallback = DEFAULT_PALETTE_SPEC,
  what,
  taken,
}: {
  value: string;
  onChange: (spec: string) => void;
  label?: string;
  fallback?: string;
  what?: string;
  taken?: Record<string, string>;
}) {
  const [recording, setRecording] = useState(false);
  const [note, setNote] = useState<string>();
  const warnings = value.trim() ? hotkeyWarnings(value, what, taken) : [];
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  const stop = (message?: string) => {
    setRecording(false);
    setNote(message);
  };
  const record = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!recording || e.nativeEvent.isComposing) return;
    // Tab still moves on (Escape cancels), so the keyboard is never trapped here.
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return stop('Recording cancelled.');
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape') return stop('Recording cancelled.');
    if (mac && e.ctrlKey && !e.metaKey) return setNote('On a Mac, use ⌘ rather than Control: Replyline reads Ctrl as ⌘.');
    const spec = hotkeySpecFromEvent(e.nativeEvent, mac);
    if (!spec) return;
    onChange(spec);
    stop(`Recorded ${spec}. Save to keep it.`);
  };
  return (
    <Field label={label}>
      {(id) => (
        <>
          <div className="flex gap-2">
            <input
              id={id}
              className={inputClass}
              value={value}
              placeholder={fallback}
              aria-describedby={`${id}-hint ${id}-warnings`}
              onChange={(e) => {
                setNote(undefined);
                onChange(e.target.value);
              }}
            />
            <button
              type="button"
              className={`${quietClass} shrink-0 ${recording ? 'border-sky-600 bg-sky-50 dark:bg-sky-950' : ''}`}
              aria-pressed={recording}
              aria-label={`Record keys for ${what ?? 'the palette'}`}
              onClick={() => {
                setRecording(!recording);
                setNote(recording ? 'Recording cancelled.' : 'Press the keys you want (Escape cancels).');
              }}
              onKeyDown={record}
              onBlur={() => recording && stop()}
            >
              {recording && <span aria-hidden="true" className="mr-1.5 inline-block size-2 animate-pulse rounded-full bg-red-600" />}
              Record
            </button>
          </div>
          <span id={`${id}-hint`} className={hintClass}>
            {value.trim() ? 'Ctrl means ⌘ on a Mac.' : `Empty: ${fallback}.`}
          </span>
          <div id={`${id}-warnings`} role="status">
            {note && <p className="text-[12px] text-slate-700 dark:text-slate-300">{note}</p>}
            {warnings.length > 0 && (
              <ul className="mt-1 flex flex-col gap-1 rounded bg-amber-50 px-2 py-1 text-[12px] text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </Field>
  );
}
