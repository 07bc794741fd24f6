import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import '../i18n/index.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';

afterEach(cleanup);

// jsdom knows <dialog> but not its modal behaviour: open and close as the browser would.
beforeAll(() => {
  const proto = HTMLDialogElement.prototype;
  if (typeof proto.showModal === 'function') return;
  proto.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

function Harness({ onConfirm }: { onConfirm: () => void }) {
  const [open, setOpen] = useState<'' | 'a' | 'b'>('');
  return (
    <>
      <button type="button" onClick={() => setOpen('a')}>
        Löschen A
      </button>
      <button type="button" onClick={() => setOpen('b')}>
        Löschen B
      </button>
      {(['a', 'b'] as const).map((k) => (
        <ConfirmDialog
          key={k}
          open={open === k}
          title={`Eintrag ${k.toUpperCase()} löschen?`}
          body={`Eintrag ${k.toUpperCase()} ist danach weg.`}
          confirmLabel="Löschen"
          danger
          onConfirm={() => {
            onConfirm();
            setOpen('');
          }}
          onCancel={() => setOpen('')}
        />
      ))}
    </>
  );
}

const dialogs = () => Array.from(document.querySelectorAll('dialog'));

describe('ConfirmDialog', () => {
  it('gives each dialog on a page its own title and body ids', () => {
    render(<Harness onConfirm={() => {}} />);
    const [a, b] = dialogs();
    expect(a!.getAttribute('aria-labelledby')).not.toBe(b!.getAttribute('aria-labelledby'));
    expect(a!.getAttribute('aria-describedby')).not.toBe(b!.getAttribute('aria-describedby'));
    const title = document.getElementById(a!.getAttribute('aria-labelledby')!);
    expect(title!.textContent).toBe('Eintrag A löschen?');
    const body = document.getElementById(b!.getAttribute('aria-describedby')!);
    expect(body!.textContent).toBe('Eintrag B ist danach weg.');
  });

  it('opens as a named dialog and runs the action on confirm', () => {
    const onConfirm = vi.fn();
    render(<Harness onConfirm={onConfirm} />);
    fireEvent.click(screen.getByRole('button', { name: 'Löschen B' }));
    const dialog = screen.getByRole('dialog', { name: 'Eintrag B löschen?' });
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(dialogs()[0]!.hasAttribute('open')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Löschen' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(dialog.hasAttribute('open')).toBe(false);
  });

  it('closes without the action on "Abbrechen" and on Escape', () => {
    const onConfirm = vi.fn();
    render(<Harness onConfirm={onConfirm} />);
    fireEvent.click(screen.getByRole('button', { name: 'Löschen A' }));
    const dialog = dialogs()[0]!;
    expect(dialog.hasAttribute('open')).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Abbrechen' }));
    expect(dialog.hasAttribute('open')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Löschen A' }));
    expect(dialog.hasAttribute('open')).toBe(true);
    // Escape on a modal dialog: the browser fires "cancel" at it.
    fireEvent.keyDown(dialog, { key: 'Escape' });
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('disables the confirm button while busy', () => {
    render(
      <ConfirmDialog
        open
        busy
        title="Senden?"
        body="Text"
        confirmLabel="Senden"
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(
      (screen.getByRole('button', { name: 'Senden', hidden: true }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });
});
