import { flushSync } from 'react-dom';
import type { KeyboardEvent } from 'react';

/*
 * Keyboard flow of repeated rows (objectives, documents, next steps): Entrée moves to the next
 * field of the row; in the last field it adds a row (or goes to the next one); in an empty last
 * row it leaves the list for the next section. Rows are marked `data-row`, their fields `data-cell`.
 */

const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

export function focusFirstIn(element: Element | null | undefined): boolean {
  const target = element?.matches(FOCUSABLE) ? (element as HTMLElement) : element?.querySelector<HTMLElement>(FOCUSABLE);
  if (!target) return false;
  target.focus();
  return true;
}

/** Focuses row `index` of a list now if it is rendered, else once React has rendered it. */
export function focusRowWhenReady(list: HTMLElement | null, index: number, attempts = 10): void {
  const row = list?.querySelectorAll('[data-row]')[index];
  if (row) {
    focusFirstIn(row.querySelector('[data-cell]') ?? row);
    return;
  }
  if (attempts > 0) window.requestAnimationFrame(() => focusRowWhenReady(list, index, attempts - 1));
}

/**
 * Appends a row and moves the focus into it before the next keystroke is handled: the row is
 * rendered synchronously, so fast typing never lands in the previous field.
 */
export function appendAndFocus(list: HTMLElement | null, index: number, append: () => void): void {
  flushSync(append);
  focusRowWhenReady(list, index);
}

/** Focuses the form control named `name` (react-hook-form path). */
export function focusByName(root: ParentNode | null, name: string): boolean {
  const el = root?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
  if (!el) return false;
  el.focus();
  return true;
}

export interface RowKeyOptions {
  rowIndex: number;
  rowCount: number;
  isBlank(): boolean;
  add(): void;
  remove(): void;
  /** Where Entrée in an empty last row goes. */
  leave(): void;
}

export function onRowKeyDown(event: KeyboardEvent<HTMLElement>, options: RowKeyOptions): void {
  if (event.key !== 'Enter' || event.defaultPrevented) return;
  if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey || event.nativeEvent.isComposing) return;
  const target = event.target as HTMLElement;
  const isField = (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio') || target instanceof HTMLSelectElement;
  if (!isField) return;
  event.preventDefault();
  const row = target.closest('[data-row]');
  const cells = row ? Array.from(row.querySelectorAll('[data-cell]')) : [];
  const cell = target.closest('[data-cell]');
  const position = cell ? cells.indexOf(cell) : -1;
  const lastRow = options.rowIndex === options.rowCount - 1;
  if (lastRow && options.isBlank()) {
    if (options.rowCount > 1) options.remove();
    options.leave();
    return;
  }
  if (position >= 0 && position < cells.length - 1) {
    focusFirstIn(cells[position + 1]);
    return;
  }
  if (lastRow) {
    options.add();
    return;
  }
  const next = row?.parentElement?.querySelectorAll('[data-row]')[options.rowIndex + 1];
  focusFirstIn(next?.querySelector('[data-cell]'));
}
