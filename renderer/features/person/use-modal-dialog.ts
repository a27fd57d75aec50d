// A native <dialog> shown modally for as long as its component is mounted: the
// page behind it stays visible but inert, Tab and Shift+Tab wrap inside it (the
// page would otherwise hand focus to the browser's own bar, and jsdom has no
// modality at all), and focus goes back where it was when it closes.
import { useEffect, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !element.hasAttribute('disabled') && element.getAttribute('aria-hidden') !== 'true',
  );
}

/**
 * Shows `ref`'s dialog modally while mounted; `initialFocus` is focused once it
 * shows (else the platform picks its first control). Returns the key handler
 * that keeps Tab inside: put it on the dialog element.
 */
export function useModalDialog(
  ref: RefObject<HTMLDialogElement | null>,
  initialFocus?: RefObject<HTMLElement | null>,
): (event: KeyboardEvent<HTMLDialogElement>) => void {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // jsdom and old engines lack showModal: an open dialog is still a dialog.
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    initialFocus?.current?.focus();
    return () => {
      if (dialog.open) {
        if (typeof dialog.close === 'function') dialog.close();
        else dialog.removeAttribute('open');
      }
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [ref, initialFocus]);

  return (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const inside = focusables(ref.current);
    const first = inside[0];
    const last = inside.at(-1);
    if (!first || !last) return;
    const active = document.activeElement;
    const isOutside = !(active instanceof Node) || !ref.current.contains(active);
    if (event.shiftKey && (active === first || isOutside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || isOutside)) {
      event.preventDefault();
      first.focus();
    }
  };
}
