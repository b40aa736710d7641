// Options → You: which edge of the page the customer history panel opens on, and its in-page
// shortcut, beside the palette's (two cells of that form's grid; the form saves them).
import { PaletteShortcutField } from '@/components/palette-shortcut-field';
import { DEFAULT_SIDEBAR_SHORTCUT, type Settings } from '@/utils/schema';

type PanelSettings = Pick<Settings, 'sidebarSide' | 'sidebarShortcut'>;

export function CustomerPanelFields({
  value,
  paletteShortcut,
  onChange,
}: {
  value: PanelSettings;
  /** The palette's key: the panel's must differ. */
  paletteShortcut: string;
  onChange: (change: PanelSettings) => void;
}) {
  const side = value.sidebarSide ?? 'right';
  return (
    <>
      <fieldset className="flex flex-col gap-1 text-[14px]">
        <legend className="mb-1 text-[13px] font-semibold">Customer history panel opens on the</legend>
        {(['right', 'left'] as const).map((s) => (
          <label key={s} className="flex items-center gap-2">
            <input type="radio" name="sidebar-side" value={s} checked={side === s} onChange={() => onChange({ sidebarSide: s })} />
            {s === 'right' ? 'Right' : 'Left'}
          </label>
        ))}
      </fieldset>
      <PaletteShortcutField
        label="Customer history shortcut"
        fallback={DEFAULT_SIDEBAR_SHORTCUT}
        what="the customer history"
        taken={{ [paletteShortcut]: 'opens the reply palette' }}
        value={value.sidebarShortcut ?? DEFAULT_SIDEBAR_SHORTCUT}
        onChange={(sidebarShortcut) => onChange({ sidebarShortcut })}
      />
    </>
  );
}
