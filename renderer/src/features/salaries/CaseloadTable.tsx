import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { daysBetween } from '../../../../shared/domain/calendar';
import { ageAt } from '../../../../shared/domain/people';
import type { SalarieListRow } from '../../../../shared/ipc/salaries';
import { SeverityBadge } from '../../components/SeverityBadge';
import { formatCount, formatDateShort } from '../../lib/format';
import { hrefFor } from '../../router';

const ROW_HEIGHT = 36;
/** The sticky header row: items start below it, and scrolling to a row keeps it clear of the header. */
const HEADER_HEIGHT = 36;
const COLUMNS = 7;

interface CaseloadTableProps {
  total: number;
  generation: number;
  busy: boolean;
  today: string;
  rowAt(index: number): SalarieListRow | undefined;
  ensureRange(from: number, to: number): void;
  onOpen(id: string): void;
  /** Where the user was before opening a fiche, to come back to the same place. */
  initialView: { scrollTop: number; activeIndex: number } | null;
  onViewChange(view: { scrollTop: number; activeIndex: number }): void;
}

function passRemaining(end: string, today: string): string {
  const days = daysBetween(today, end);
  if (days < 0) return 'expiré';
  if (days === 0) return 'se termine aujourd’hui';
  return `${formatCount(days)}\u00a0j restants`;
}

/**
 * The caseload as a dense table, virtualised (only the rows on screen exist in the DOM) so that
 * 100 000 salariés scroll smoothly. One row is in the tab order; the arrow keys, Page up/down,
 * Home and End move between rows, Enter opens the fiche.
 */
export function CaseloadTable({ total, generation, busy, today, rowAt, ensureRange, onOpen, initialView, onViewChange }: CaseloadTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(initialView?.activeIndex ?? 0);
  const focusPending = useRef(false);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  // Fetch the pages under the rows actually on screen (not the overscan) once scrolling pauses:
  // dragging the scrollbar across 100 000 rows must not request every page on the way.
  const visibleStart = virtualizer.range?.startIndex ?? first;
  const visibleEnd = virtualizer.range?.endIndex ?? last;
  useEffect(() => {
    if (visibleEnd < 0) return undefined;
    const timer = window.setTimeout(() => ensureRange(visibleStart, visibleEnd), 120);
    return () => window.clearTimeout(timer);
  }, [visibleStart, visibleEnd, ensureRange]);

  // New filters: back to the top (except for the first answer when coming back from a fiche).
  const restored = useRef(initialView === null);
  const firstGeneration = useRef(generation);
  useLayoutEffect(() => {
    if (!restored.current && initialView) {
      restored.current = true;
      virtualizer.scrollToOffset(initialView.scrollTop);
      return;
    }
    if (generation === firstGeneration.current) return;
    firstGeneration.current = generation;
    virtualizer.scrollToOffset(0);
    setActive(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);

  // Remember the place on the way out.
  const view = useRef({ scrollTop: 0, activeIndex: active });
  view.current.activeIndex = active;
  useEffect(() => {
    const element = scrollRef.current;
    const onScroll = () => {
      view.current.scrollTop = element?.scrollTop ?? 0;
    };
    element?.addEventListener('scroll', onScroll, { passive: true });
    const current = view.current;
    return () => {
      element?.removeEventListener('scroll', onScroll);
      onViewChange({ ...current });
    };
  }, [onViewChange]);

  // Move focus to the active row once the virtualizer has rendered it.
  useEffect(() => {
    if (!focusPending.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${active}"]`);
    if (row) {
      focusPending.current = false;
      row.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    focusPending.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: SalarieListRow | undefined) => {
    const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + pageRows,
      PageUp: index - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' && row) {
      event.preventDefault();
      onOpen(row.id);
    }
  };

  // The active row if it is rendered, else the first rendered one: the table always has one tab stop.
  const tabbable = active >= first && active <= last ? active : first;
  const top = items[0] ? items[0].start - HEADER_HEIGHT : 0;
  const bottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <>
    <div ref={scrollRef} className="caseload-scroll" aria-busy={busy || undefined}>
      <table className="data-table caseload-table" aria-rowcount={total + 1} aria-describedby="caseload-keys">
        <caption className="visually-hidden">Salariés, {formatCount(total)} lignes</caption>
        <colgroup>
          <col className="col-name" />
          <col className="col-firstname" />
          <col className="col-age" />
          <col className="col-date" />
          <col className="col-referent" />
          <col className="col-pass" />
          <col className="col-alert" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Nom</th>
            <th scope="col">Prénom</th>
            <th scope="col">Âge</th>
            <th scope="col">Entrée</th>
            <th scope="col">Référent</th>
            <th scope="col">Fin de PASS IAE</th>
            <th scope="col">Alertes</th>
          </tr>
        </thead>
        <tbody>
          {top > 0 ? (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={COLUMNS} style={{ height: top }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rowAt(item.index);
            const common = {
              'data-index': item.index,
              'aria-rowindex': item.index + 2,
              tabIndex: item.index === tabbable ? 0 : -1,
              onFocus: () => setActive(item.index),
              onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => onKeyDown(e, item.index, row),
            };
            if (!row) {
              return (
                <tr key={item.index} {...common} className="loading-row">
                  <td colSpan={COLUMNS}>Chargement…</td>
                </tr>
              );
            }
            const age = row.birthDate ? ageAt(row.birthDate, today) : null;
            return (
              // Keyed by position, not id: when a loading row gets its data it keeps the keyboard focus.
              <tr key={item.index} {...common} className={item.index === active ? 'active' : undefined} onClick={() => onOpen(row.id)}>
                <td>
                  <a href={hrefFor('salaries', row.id)} tabIndex={-1} className="row-link">
                    {row.lastName}
                  </a>
                  {row.status === 'sorti' ? <span className="tag">Sorti</span> : null}
                </td>
                <td>{row.firstName}</td>
                <td>{age === null ? '—' : `${age}\u00a0ans`}</td>
                <td>{formatDateShort(row.entryDate)}</td>
                <td>{row.referentName ?? <span className="muted">Aucun</span>}</td>
                <td>
                  {row.passIaeEnd ? (
                    <>
                      {formatDateShort(row.passIaeEnd)} <span className="muted">· {passRemaining(row.passIaeEnd, today)}</span>
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  {row.alertLevel ? (
                    <>
                      <SeverityBadge severity={row.alertLevel} />
                      {row.alertCount > 1 ? <span className="muted"> {formatCount(row.alertCount)} alertes</span> : null}
                    </>
                  ) : (
                    <span className="muted">Aucune</span>
                  )}
                </td>
              </tr>
            );
          })}
          {bottom > 0 ? (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={COLUMNS} style={{ height: bottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
    <p id="caseload-keys" className="field-hint caseload-keys">
      Flèches haut et bas pour parcourir la liste, Entrée pour ouvrir la fiche.
    </p>
    </>
  );
}
